/* errata-code-check.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every kind has a parse function that reads and validates its parameters
 * once, at construction (a pattern is compiled there, words are folded
 * there), and a check function that judges one trace. The parameters a
 * user writes by hand are documented in the header.
 */

#include "config.h"

#include "errata-code-check.h"
#include "errata-code-check-private.h"
#include "errata-eval-types.h"
#include "errata-json-guard.h"
#include "errata-messages.h"

#include <glib/gi18n-lib.h>

typedef enum
{
  KIND_REGEX,
  KIND_CONTAINS,
  KIND_JSON,
  KIND_LENGTH,
  KIND_TOOL_CALL,
  KIND_TOOL_COUNT,
} Kind;

typedef enum
{
  MODE_ANY,
  MODE_ALL,
  MODE_NONE,
} Mode;

struct _ErrataCodeCheck
{
  GObject      parent_instance;

  Kind         kind;
  ErrataField  field;
  char        *tool;            /* tool filter, or the tool of tool_call */
  GRegex      *regex;           /* regex's pattern, tool_call's arguments */
  char        *pattern;         /* as written, for reasonings */
  gboolean     match_fails;
  gboolean     ignore_case;
  GPtrArray   *words;           /* as written */
  GPtrArray   *folded_words;
  Mode         mode;
  ErrataFold   fold;
  gboolean     whole_words;
  GPtrArray   *keys;
  gboolean     fenced;
  gboolean     count_words;
  gint64       min;             /* -1: no bound */
  gint64       max;
  gboolean     called;
};

static void errata_code_check_method_init (ErrataEvalMethodInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ErrataCodeCheck, errata_code_check, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ERRATA_TYPE_EVAL_METHOD,
                                                      errata_code_check_method_init))

/* Parameters: read with errata-code-check-params.c ----------------------- */

static gboolean
read_bounds (ErrataCodeCheck  *self,
             Params           *p,
             GError          **error)
{
  if (!_errata_check_read_count (p, "min", &self->min, error)
      || !_errata_check_read_count (p, "max", &self->max, error))
    return FALSE;
  if (self->min < 0 && self->max < 0)
    return _errata_check_param_error (error, p, "max", _("give “min”, “max” or both"));
  if (self->min >= 0 && self->max >= 0 && self->min > self->max)
    return _errata_check_param_error (error, p, "max", _("%d is less than “min” (%d)"),
                                      (int)self->max, (int)self->min);
  return TRUE;
}

static const char * const field_names[] = {
  "output", "input", "conversation", "tool_arguments", NULL,
};

/* "field", then "tool", which only goes with tool_arguments. `allowed` is a
 * bit mask of the fields this kind can look at. */
static gboolean
read_field (ErrataCodeCheck  *self,
            Params           *p,
            guint             allowed,
            GError          **error)
{
  const char *names[G_N_ELEMENTS (field_names)] = { NULL, };
  guint n = 0;
  guint index;

  for (guint i = 0; field_names[i] != NULL; i++)
    if (allowed & (1u << i))
      names[n++] = field_names[i];
  if (!_errata_check_read_choice (p, "field", names, 0, &index, error))
    return FALSE;
  for (guint i = 0; field_names[i] != NULL; i++)
    if (g_str_equal (field_names[i], names[index]))
      self->field = (ErrataField)i;
  if (!_errata_check_read_string (p, "tool", FALSE, &self->tool, error))
    return FALSE;
  if (self->tool != NULL && self->field != ERRATA_FIELD_TOOL_ARGUMENTS)
    return _errata_check_param_error (error, p, "tool",
                                      _("it only goes with \"field\": \"tool_arguments\""));
  return TRUE;
}

#define FIELDS_TEXT ((1u << ERRATA_FIELD_OUTPUT) | (1u << ERRATA_FIELD_INPUT))
#define FIELDS_ALL  (FIELDS_TEXT | (1u << ERRATA_FIELD_CONVERSATION) \
                     | (1u << ERRATA_FIELD_TOOL_ARGUMENTS))

static gboolean
parse_regex (ErrataCodeCheck  *self,
             Params           *p,
             GError          **error)
{
  static const char * const meanings[] = { "pass", "fail", NULL };
  guint meaning;

  if (!read_field (self, p, FIELDS_ALL, error)
      || !_errata_check_read_choice (p, "match", meanings, 0, &meaning, error)
      || !_errata_check_read_bool (p, "ignore_case", FALSE, &self->ignore_case, error))
    return FALSE;
  self->match_fails = meaning == 1;
  return _errata_check_read_regex (p, "pattern", TRUE, self->ignore_case, &self->pattern,
                                   &self->regex, error);
}

static gboolean
parse_contains (ErrataCodeCheck  *self,
                Params           *p,
                GError          **error)
{
  static const char * const modes[] = { "any", "all", "none", NULL };
  gboolean ignore_case, ignore_accents;
  guint mode;

  if (!read_field (self, p, FIELDS_ALL, error)
      || !_errata_check_read_strings (p, "words", TRUE, &self->words, error)
      || !_errata_check_read_choice (p, "mode", modes, MODE_ANY, &mode, error)
      || !_errata_check_read_bool (p, "ignore_case", TRUE, &ignore_case, error)
      || !_errata_check_read_bool (p, "ignore_accents", FALSE, &ignore_accents, error)
      || !_errata_check_read_bool (p, "whole_words", FALSE, &self->whole_words, error))
    return FALSE;
  self->mode = (Mode)mode;
  self->fold = (ignore_case ? ERRATA_FOLD_CASE : 0) | (ignore_accents ? ERRATA_FOLD_ACCENTS : 0);
  self->folded_words = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->words->len; i++)
    {
      char *folded = _errata_code_check_fold (g_ptr_array_index (self->words, i), self->fold);

      g_ptr_array_add (self->folded_words, folded);
      if (*folded == '\0')
        return _errata_check_param_error (error, p, "words", _("item %u is nothing but accents"),
                                          i + 1);
    }
  return TRUE;
}

static gboolean
parse_json (ErrataCodeCheck  *self,
            Params           *p,
            GError          **error)
{
  return read_field (self, p, FIELDS_TEXT | (1u << ERRATA_FIELD_TOOL_ARGUMENTS), error)
         && _errata_check_read_strings (p, "keys", FALSE, &self->keys, error)
         && _errata_check_read_bool (p, "fenced", FALSE, &self->fenced, error);
}

static gboolean
parse_length (ErrataCodeCheck  *self,
              Params           *p,
              GError          **error)
{
  static const char * const units[] = { "chars", "words", NULL };
  guint unit;

  if (!read_field (self, p, FIELDS_TEXT | (1u << ERRATA_FIELD_CONVERSATION), error)
      || !_errata_check_read_choice (p, "unit", units, 0, &unit, error))
    return FALSE;
  self->count_words = unit == 1;
  return read_bounds (self, p, error);
}

static gboolean
parse_tool_call (ErrataCodeCheck  *self,
                 Params           *p,
                 GError          **error)
{
  return _errata_check_read_string (p, "tool", TRUE, &self->tool, error)
         && _errata_check_read_bool (p, "called", TRUE, &self->called, error)
         && _errata_check_read_bool (p, "ignore_case", FALSE, &self->ignore_case, error)
         && _errata_check_read_regex (p, "arguments", FALSE, self->ignore_case, &self->pattern,
                                      &self->regex, error);
}

static gboolean
parse_tool_count (ErrataCodeCheck  *self,
                  Params           *p,
                  GError          **error)
{
  return _errata_check_read_string (p, "tool", FALSE, &self->tool, error)
         && read_bounds (self, p, error);
}

/* Checks ----------------------------------------------------------------- */

static ErrataEvalOutcome * G_GNUC_PRINTF (2, 3)
outcome_new (gboolean    pass,
             const char *format,
             ...)
{
  ErrataEvalOutcome *outcome = errata_eval_outcome_new (pass ? ERRATA_JUDGE_PASS
                                                             : ERRATA_JUDGE_FAIL);
  va_list args;

  va_start (args, format);
  outcome->reasoning = g_strdup_vprintf (format, args);
  va_end (args);
  return outcome;
}

static ErrataEvalOutcome *
check_regex (ErrataCodeCheck *self,
             ErrataTrace     *trace)
{
  g_autoptr(GPtrArray) subjects = _errata_code_check_collect (trace, self->field, self->tool);

  for (guint i = 0; i < subjects->len; i++)
    {
      ErrataSubject *subject = g_ptr_array_index (subjects, i);
      g_autoptr(GMatchInfo) match = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *excerpt = NULL;
      int start, end;

      if (!g_regex_match_full (self->regex, subject->text, -1, 0, 0, &match, &error))
        {
          if (error == NULL)
            continue;
          /* PCRE2's backtracking limit, or text it cannot read. */
          return errata_eval_outcome_new_error (error->message);
        }
      g_match_info_fetch_pos (match, 0, &start, &end);
      excerpt = _errata_code_check_excerpt (subject->text + start, end - start);
      /* Translators: e.g. output matched /refund/ at char 12: “refund” */
      return outcome_new (!self->match_fails, _("%s matched /%s/ at char %ld: “%s”"),
                          subject->label, self->pattern,
                          g_utf8_pointer_to_offset (subject->text, subject->text + start) + 1,
                          excerpt);
    }
  if (subjects->len == 0 && self->tool != NULL)
    return outcome_new (self->match_fails, _("no call to ‘%s’ to match /%s/ against"),
                        self->tool, self->pattern);
  if (subjects->len == 0 && self->field == ERRATA_FIELD_TOOL_ARGUMENTS)
    return outcome_new (self->match_fails, _("no tool call to match /%s/ against"),
                        self->pattern);
  /* Translators: e.g. output did not match /refund/ */
  return outcome_new (self->match_fails, _("%s did not match /%s/"),
                      _errata_code_check_field_label (self->field), self->pattern);
}

/* Finds which words occur; `where[i]` is the label of the first subject
 * that holds word i, or NULL. */
static void
find_words (ErrataCodeCheck  *self,
            GPtrArray        *subjects,
            const char      **where)
{
  for (guint s = 0; s < subjects->len; s++)
    {
      ErrataSubject *subject = g_ptr_array_index (subjects, s);
      g_autofree char *folded = _errata_code_check_fold (subject->text, self->fold);

      for (guint i = 0; i < self->folded_words->len; i++)
        if (where[i] == NULL
            && _errata_code_check_find_word (folded, g_ptr_array_index (self->folded_words, i),
                                             self->whole_words))
          where[i] = subject->label;
    }
}

/* The words (as written) whose presence is `present`, quoted. */
static char *
list_words (ErrataCodeCheck  *self,
            const char      **where,
            gboolean          present)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < self->words->len; i++)
    if ((where[i] != NULL) == present)
      g_string_append_printf (list, "%s“%s”", list->len > 0 ? ", " : "",
                              (const char *)g_ptr_array_index (self->words, i));
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static ErrataEvalOutcome *
check_contains (ErrataCodeCheck *self,
                ErrataTrace     *trace)
{
  g_autoptr(GPtrArray) subjects = _errata_code_check_collect (trace, self->field, self->tool);
  g_autofree const char **where = g_new0 (const char *, self->words->len);
  const char *field = _errata_code_check_field_label (self->field);
  g_autofree char *found = NULL;
  g_autofree char *missing = NULL;
  int first = -1;

  find_words (self, subjects, where);
  for (guint i = 0; i < self->words->len && first < 0; i++)
    if (where[i] != NULL)
      first = (int)i;
  found = list_words (self, where, TRUE);
  missing = list_words (self, where, FALSE);

  if (first >= 0 && self->mode != MODE_ALL)
    /* Translators: e.g. message 3 (assistant) contains “refund” */
    return outcome_new (self->mode == MODE_ANY, _("%s contains “%s”"), where[first],
                        (const char *)g_ptr_array_index (self->words, first));
  if (first < 0 && self->mode != MODE_ALL)
    return outcome_new (self->mode == MODE_NONE, _("%s contains none of %s"), field, missing);
  if (*missing != '\0')
    /* Translators: e.g. output lacks “sources”, “date” */
    return outcome_new (FALSE, _("%s lacks %s"), field, missing);
  return outcome_new (TRUE, _("%s contains all of %s"), field, found);
}

/* The first key of `keys` that `object` lacks, or NULL. */
static const char *
first_missing_key (ErrataCodeCheck *self,
                   JsonObject      *object)
{
  for (guint i = 0; self->keys != NULL && i < self->keys->len; i++)
    if (!json_object_has_member (object, g_ptr_array_index (self->keys, i)))
      return g_ptr_array_index (self->keys, i);
  return NULL;
}

/* NULL when `subject` holds what the check wants, else the failure. */
static ErrataEvalOutcome *
check_json_subject (ErrataCodeCheck *self,
                    ErrataSubject   *subject)
{
  g_autofree char *text = _errata_code_check_json_text (subject->text, self->fenced);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  const char *missing;

  if (*text == '\0')
    return outcome_new (FALSE, _("%s is empty, not JSON"), subject->label);
  node = errata_json_from_string (text, &error);
  if (node == NULL)
    return outcome_new (FALSE, _("%s is not valid JSON: %s"), subject->label, error->message);
  if (self->keys == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    /* Translators: e.g. output is an array, not an object with keys */
    return outcome_new (FALSE, _("%s is %s, not an object with keys"), subject->label,
                        errata_json_node_describe (node));
  missing = first_missing_key (self, json_node_get_object (node));
  if (missing != NULL)
    return outcome_new (FALSE, _("%s lacks the key “%s”"), subject->label, missing);
  return NULL;
}

static ErrataEvalOutcome *
check_json (ErrataCodeCheck *self,
            ErrataTrace     *trace)
{
  g_autoptr(GPtrArray) subjects = _errata_code_check_collect (trace, self->field, self->tool);
  const char *field = _errata_code_check_field_label (self->field);

  for (guint i = 0; i < subjects->len; i++)
    {
      ErrataEvalOutcome *failure = check_json_subject (self, g_ptr_array_index (subjects, i));

      if (failure != NULL)
        return failure;
    }
  if (subjects->len == 0 && self->tool != NULL)
    return outcome_new (TRUE, _("no call to ‘%s’: nothing to check"), self->tool);
  if (subjects->len == 0)
    return outcome_new (TRUE, _("no tool call: nothing to check"));
  if (self->keys != NULL)
    return outcome_new (TRUE, _("%s is valid JSON with the keys it needs"), field);
  return outcome_new (TRUE, _("%s is valid JSON"), field);
}

/* "412 characters, more than 320", "12 words, within 5–300". The bounds
 * are at most G_MAXINT32 (read_count). */
static ErrataEvalOutcome *
judge_count (ErrataCodeCheck *self,
             gint64           count,
             const char      *what)
{
  int min = (int)self->min;
  int max = (int)self->max;

  if (max >= 0 && count > max)
    /* Translators: e.g. output has 412 characters, more than 320 */
    return outcome_new (FALSE, _("%s, more than %d"), what, max);
  if (min >= 0 && count < min)
    return outcome_new (FALSE, _("%s, fewer than %d"), what, min);
  if (min >= 0 && max >= 0)
    return outcome_new (TRUE, _("%s, within %d–%d"), what, min, max);
  if (max >= 0)
    return outcome_new (TRUE, _("%s, at most %d"), what, max);
  return outcome_new (TRUE, _("%s, at least %d"), what, min);
}

static ErrataEvalOutcome *
check_length (ErrataCodeCheck *self,
              ErrataTrace     *trace)
{
  g_autoptr(GPtrArray) subjects = _errata_code_check_collect (trace, self->field, NULL);
  const char *field = _errata_code_check_field_label (self->field);
  g_autofree char *what = NULL;
  gint64 count = 0;

  for (guint i = 0; i < subjects->len; i++)
    {
      ErrataSubject *subject = g_ptr_array_index (subjects, i);

      if (self->count_words)
        count += (gint64)_errata_code_check_count_words (subject->text);
      else
        count += g_utf8_strlen (subject->text, -1);
    }
  if (self->count_words)
    /* Translators: e.g. output has 12 words */
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s has %llu word", "%s has %llu words",
                                         (gulong)count),
                            field, (unsigned long long)count);
  else
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s has %llu character",
                                         "%s has %llu characters", (gulong)count),
                            field, (unsigned long long)count);
  return judge_count (self, count, what);
}

/* The first call to self->tool whose arguments match self->regex (any call
 * when there is no regex), or NULL. */
static JsonObject *
find_matching_call (ErrataCodeCheck  *self,
                    GPtrArray        *calls,
                    GError          **error)
{
  for (guint i = 0; i < calls->len; i++)
    {
      JsonObject *call = g_ptr_array_index (calls, i);
      const char *arguments = errata_json_member_string (call, "arguments", "");

      if (self->regex == NULL || g_regex_match_full (self->regex, arguments, -1, 0, 0, NULL, error))
        return call;
      if (error != NULL && *error != NULL)
        return NULL;
    }
  return NULL;
}

static ErrataEvalOutcome *
check_tool_call (ErrataCodeCheck *self,
                 ErrataTrace     *trace)
{
  g_autoptr(GPtrArray) calls = _errata_code_check_tool_calls (trace, self->tool);
  g_autoptr(GError) error = NULL;
  g_autofree char *excerpt = NULL;
  JsonObject *call = find_matching_call (self, calls, &error);

  if (error != NULL)
    return errata_eval_outcome_new_error (error->message);
  if (call == NULL && calls->len == 0)
    return outcome_new (!self->called, _("tool ‘%s’ not called"), self->tool);
  if (call == NULL)
    return outcome_new (!self->called,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "tool ‘%s’ called %u time, never with arguments matching /%s/",
                                     "tool ‘%s’ called %u times, never with arguments matching /%s/",
                                     calls->len),
                        self->tool, calls->len, self->pattern);
  if (self->regex == NULL)
    return outcome_new (self->called,
                        g_dngettext (GETTEXT_PACKAGE, "tool ‘%s’ called %u time",
                                     "tool ‘%s’ called %u times", calls->len),
                        self->tool, calls->len);
  excerpt = _errata_code_check_excerpt (errata_json_member_string (call, "arguments", ""), -1);
  return outcome_new (self->called, _("tool ‘%s’ called with arguments matching /%s/: %s"),
                      self->tool, self->pattern, excerpt);
}

static ErrataEvalOutcome *
check_tool_count (ErrataCodeCheck *self,
                  ErrataTrace     *trace)
{
  g_autoptr(GPtrArray) calls = _errata_code_check_tool_calls (trace, self->tool);
  g_autofree char *what = NULL;

  if (self->tool != NULL)
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u call to ‘%s’", "%u calls to ‘%s’",
                                         calls->len),
                            calls->len, self->tool);
  else
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u tool call", "%u tool calls",
                                         calls->len),
                            calls->len);
  return judge_count (self, calls->len, what);
}

/* Kinds ------------------------------------------------------------------ */

typedef gboolean (*ParseFunc) (ErrataCodeCheck *self, Params *p, GError **error);
typedef ErrataEvalOutcome *(*CheckFunc) (ErrataCodeCheck *self, ErrataTrace *trace);

typedef struct
{
  const char         *name;
  const char * const  params[8];   /* NULL-terminated */
  ParseFunc           parse;
  CheckFunc           check;
} KindInfo;

/* In the order of Kind. */
static const KindInfo kinds[] = {
  { "regex", { "field", "tool", "pattern", "match", "ignore_case", NULL },
    parse_regex, check_regex },
  { "contains", { "field", "tool", "words", "mode", "ignore_case", "ignore_accents",
                  "whole_words", NULL },
    parse_contains, check_contains },
  { "json", { "field", "tool", "keys", "fenced", NULL }, parse_json, check_json },
  { "length", { "field", "unit", "min", "max", NULL }, parse_length, check_length },
  { "tool_call", { "tool", "called", "arguments", "ignore_case", NULL },
    parse_tool_call, check_tool_call },
  { "tool_count", { "tool", "min", "max", NULL }, parse_tool_count, check_tool_count },
};

static const char * const kind_names[] = {
  "regex", "contains", "json", "length", "tool_call", "tool_count", NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (kinds) + 1 == G_N_ELEMENTS (kind_names));

static int
find_kind (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].name, name))
      return (int)i;
  return -1;
}

const char * const *
errata_code_check_list_kinds (void)
{
  return kind_names;
}

gboolean
errata_code_check_is_kind (const char *kind)
{
  return find_kind (kind) >= 0;
}

/* A misspelt parameter would otherwise be silently ignored. */
static gboolean
check_known_params (const KindInfo  *info,
                    Params          *p,
                    GError         **error)
{
  g_autoptr(GList) names = p->params != NULL ? json_object_get_members (p->params) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *known = NULL;

      if (g_strv_contains ((const char * const *)info->params, name))
        continue;
      if (g_str_equal (name, "kind"))
        {
          JsonNode *node = json_object_get_member (p->params, "kind");

          if (_errata_check_is_string (node)
              && g_str_equal (json_node_get_string (node), info->name))
            continue;
          return _errata_check_param_error (error, p, name, _("it says another kind than “%s”"),
                                            info->name);
        }
      known = g_strjoinv (", ", (char **)info->params);
      return _errata_check_param_error (error, p, name,
                                        _("unknown parameter (this kind takes: %s)"), known);
    }
  return TRUE;
}

ErrataCodeCheck *
errata_code_check_new (const char  *kind,
                       JsonObject  *params,
                       GError     **error)
{
  g_autoptr(ErrataCodeCheck) self = NULL;
  Params p = { kind, params };
  int index = find_kind (kind);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (index < 0)
    {
      g_autofree char *known = g_strjoinv (", ", (char **)kind_names);

      g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                   _("Unknown kind of check “%s” (known kinds: %s)"), kind ? kind : "", known);
      return NULL;
    }
  self = g_object_new (ERRATA_TYPE_CODE_CHECK, NULL);
  self->kind = (Kind)index;
  if (!check_known_params (&kinds[index], &p, error) || !kinds[index].parse (self, &p, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
errata_code_check_get_kind (ErrataCodeCheck *self)
{
  g_return_val_if_fail (ERRATA_IS_CODE_CHECK (self), NULL);

  return kinds[self->kind].name;
}

ErrataEvalOutcome *
errata_code_check_evaluate (ErrataCodeCheck *self,
                            ErrataTrace     *trace)
{
  gint64 start = g_get_monotonic_time ();
  ErrataEvalOutcome *outcome;

  g_return_val_if_fail (ERRATA_IS_CODE_CHECK (self), NULL);
  g_return_val_if_fail (ERRATA_IS_TRACE (trace), NULL);

  outcome = kinds[self->kind].check (self, trace);
  outcome->latency_ms = (g_get_monotonic_time () - start) / 1000.0;
  return outcome;
}

/* ErrataEvalMethod -------------------------------------------------------- */

/* Code checks take microseconds: the task returns at once (GTask defers
 * the callback to the next main-loop iteration, so the caller is never
 * re-entered). */
static void
errata_code_check_evaluate_async (ErrataEvalMethod    *method,
                                  ErrataTrace         *trace,
                                  ErrataEvalFlags      flags,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  ErrataCodeCheck *self = ERRATA_CODE_CHECK (method);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, errata_code_check_evaluate_async);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, errata_code_check_evaluate (self, trace),
                         (GDestroyNotify)errata_eval_outcome_free);
}

static ErrataEvalOutcome *
errata_code_check_evaluate_finish (ErrataEvalMethod  *method,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, method), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static guint
errata_code_check_get_concurrency (ErrataEvalMethod *method)
{
  return ERRATA_CODE_CHECK_CONCURRENCY;
}

static void
errata_code_check_method_init (ErrataEvalMethodInterface *iface)
{
  iface->evaluate_async = errata_code_check_evaluate_async;
  iface->evaluate_finish = errata_code_check_evaluate_finish;
  iface->get_concurrency = errata_code_check_get_concurrency;
}

static void
errata_code_check_finalize (GObject *object)
{
  ErrataCodeCheck *self = (ErrataCodeCheck *)object;

  g_clear_pointer (&self->tool, g_free);
  g_clear_pointer (&self->regex, g_regex_unref);
  g_clear_pointer (&self->pattern, g_free);
  g_clear_pointer (&self->words, g_ptr_array_unref);
  g_clear_pointer (&self->folded_words, g_ptr_array_unref);
  g_clear_pointer (&self->keys, g_ptr_array_unref);

  G_OBJECT_CLASS (errata_code_check_parent_class)->finalize (object);
}

static void
errata_code_check_class_init (ErrataCodeCheckClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = errata_code_check_finalize;
}

static void
errata_code_check_init (ErrataCodeCheck *self)
{
  self->min = -1;
  self->max = -1;
  self->called = TRUE;
}
