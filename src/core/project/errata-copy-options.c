/* errata-copy-options.c: what a shared copy leaves out and redacts
 * (ErrataCopyOptions), and the redaction of text and JSON by its rules:
 * regular expressions (e-mail addresses, phone numbers by default) and
 * metadata keys. errata-project-copy.c applies them to a copy's columns.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "errata-copy-options-private.h"

typedef struct
{
  char     *label;
  char     *replacement;
  GRegex   *regex;       /* NULL for a metadata key rule */
  char     *key;         /* casefolded, for a key rule */
  gboolean  phone;       /* a match only counts with 9 to 15 digits */
  guint64   count;
} Rule;


G_DEFINE_BOXED_TYPE (ErrataCopyOptions, errata_copy_options,
                     errata_copy_options_ref, errata_copy_options_unref)

/* The defaults. The phone pattern wants digit groups with separators (or
 * a leading + and 9 to 15 digits); dates and plain ids also have digit
 * groups, hence the digit count checked on every match. */
static const char email_pattern[] =
  "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}";
static const char phone_pattern[] =
  "(?<![\\w+])(?:\\+\\d{9,15}|(?:\\+\\d{1,3}[\\s.-]?)?(?:\\(\\d{1,4}\\)[\\s.-]?|\\d{1,4}[\\s.-])"
  "(?:\\d{2,4}[\\s.-]){1,3}\\d{2,4})(?![\\w:])";
static const char * const default_keys[] = {
  "user_id", "userid", "email", "e-mail", "phone", "phone_number", "ip", "ip_address",
};

static void
rule_free (gpointer data)
{
  Rule *rule = data;

  g_free (rule->label);
  g_free (rule->replacement);
  g_clear_pointer (&rule->regex, g_regex_unref);
  g_free (rule->key);
  g_free (rule);
}

static void
options_clear (gpointer data)
{
  ErrataCopyOptions *self = data;

  g_free (self->only_reviewer);
  g_ptr_array_unref (self->rules);
}

ErrataCopyOptions *
errata_copy_options_new (void)
{
  ErrataCopyOptions *self = g_rc_box_new0 (ErrataCopyOptions);

  self->keep_imported = TRUE;
  self->rules = g_ptr_array_new_with_free_func (rule_free);
  return self;
}

ErrataCopyOptions *
errata_copy_options_ref (ErrataCopyOptions *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_rc_box_acquire (self);
}

void
errata_copy_options_unref (ErrataCopyOptions *self)
{
  g_return_if_fail (self != NULL);
  g_rc_box_release_full (self, options_clear);
}

void
errata_copy_options_set_leave_out_cache (ErrataCopyOptions *self,
                                         gboolean           leave_out)
{
  g_return_if_fail (self != NULL);
  self->leave_out_cache = leave_out;
}

/* Keeps only `reviewer`'s reviews (NULL: everyone's). */
void
errata_copy_options_set_only_reviewer (ErrataCopyOptions *self,
                                       const char        *reviewer)
{
  g_return_if_fail (self != NULL);
  g_free (self->only_reviewer);
  self->only_reviewer = g_strdup (reviewer);
}

/* Whether imported labels stay when only one reviewer's reviews are kept
 * (the default): they came in with the data, not from a colleague, and the
 * splits and judge metrics of the copy stand on them. */
void
errata_copy_options_set_keep_imported (ErrataCopyOptions *self,
                                       gboolean           keep)
{
  g_return_if_fail (self != NULL);
  self->keep_imported = keep;
}

static Rule *
add_regex_rule (ErrataCopyOptions  *self,
                const char         *label,
                const char         *pattern,
                const char         *replacement,
                GError            **error)
{
  g_autoptr(GRegex) regex = NULL;
  Rule *rule;

  regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, error);
  if (regex == NULL)
    {
      g_prefix_error (error, _("“%s” is not a valid regular expression: "), pattern);
      return NULL;
    }
  rule = g_new0 (Rule, 1);
  rule->label = g_strdup (label);
  rule->replacement = g_strdup (replacement);
  rule->regex = g_steal_pointer (&regex);
  g_ptr_array_add (self->rules, rule);
  return rule;
}

gboolean
errata_copy_options_add_pattern (ErrataCopyOptions  *self,
                                 const char         *pattern,
                                 GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (pattern != NULL, FALSE);

  return add_regex_rule (self, pattern, pattern, "[redacted]", error) != NULL;
}

void
errata_copy_options_add_key (ErrataCopyOptions *self,
                             const char        *key)
{
  Rule *rule;

  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  rule = g_new0 (Rule, 1);
  /* Translators: a redaction rule, e.g. "metadata key user_id". */
  rule->label = g_strdup_printf (_("Metadata key %s"), key);
  rule->replacement = g_strdup ("[redacted]");
  rule->key = g_utf8_casefold (key, -1);
  g_ptr_array_add (self->rules, rule);
}

void
errata_copy_options_add_default_redactions (ErrataCopyOptions *self)
{
  Rule *rule;

  g_return_if_fail (self != NULL);

  add_regex_rule (self, _("E-mail addresses"), email_pattern, "[email]", NULL);
  rule = add_regex_rule (self, _("Phone numbers"), phone_pattern, "[phone]", NULL);
  rule->phone = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (default_keys); i++)
    errata_copy_options_add_key (self, default_keys[i]);
}

guint
errata_copy_options_get_n_rules (ErrataCopyOptions *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rules->len;
}

const char *
errata_copy_options_get_rule_label (ErrataCopyOptions *self,
                                    guint              rule)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (rule < self->rules->len, NULL);
  return ((Rule *)g_ptr_array_index (self->rules, rule))->label;
}

/* How many replacements the rule made in the last copy or dry run. */
guint64
errata_copy_options_get_rule_count (ErrataCopyOptions *self,
                                    guint              rule)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (rule < self->rules->len, 0);
  return ((Rule *)g_ptr_array_index (self->rules, rule))->count;
}

/* Redacting text */

typedef struct
{
  Rule     *rule;
  gboolean  count;
} Replacing;

static gboolean
replace_match (const GMatchInfo *info,
               GString          *result,
               gpointer          user_data)
{
  Replacing *replacing = user_data;
  g_autofree char *match = g_match_info_fetch (info, 0);
  guint digits = 0;

  for (const char *p = match; *p; p++)
    digits += g_ascii_isdigit (*p);
  if (replacing->rule->phone && (digits < 9 || digits > 15))
    {
      g_string_append (result, match);
      return FALSE;
    }
  g_string_append (result, replacing->rule->replacement);
  if (replacing->count)
    replacing->rule->count++;
  return FALSE;
}

/* Returns the redacted text, or NULL when no rule matched. */
char *
_errata_copy_options_redact_text (ErrataCopyOptions *self,
                                  const char        *text,
                                  gboolean           count)
{
  g_autofree char *current = NULL;

  for (guint i = 0; i < self->rules->len; i++)
    {
      Replacing replacing = { g_ptr_array_index (self->rules, i), count };
      char *replaced;

      if (replacing.rule->regex == NULL ||
          !g_regex_match (replacing.rule->regex, current ? current : text, 0, NULL))
        continue;
      replaced = g_regex_replace_eval (replacing.rule->regex, current ? current : text, -1, 0, 0,
                                       replace_match, &replacing, NULL);
      if (replaced != NULL)
        {
          g_free (current);
          current = replaced;
        }
    }
  if (current != NULL && g_strcmp0 (current, text) == 0)
    g_clear_pointer (&current, g_free);
  return g_steal_pointer (&current);
}

static Rule *
key_rule (ErrataCopyOptions *self,
          const char        *key)
{
  g_autofree char *folded = g_utf8_casefold (key, -1);

  for (guint i = 0; i < self->rules->len; i++)
    {
      Rule *rule = g_ptr_array_index (self->rules, i);

      if (rule->key != NULL && g_str_equal (rule->key, folded))
        return rule;
    }
  return NULL;
}

static gboolean redact_node (ErrataCopyOptions *self,
                             JsonNode          *node,
                             gboolean           count);

static gboolean
redact_object (ErrataCopyOptions *self,
               JsonObject        *object,
               gboolean           count)
{
  g_autoptr(GList) members = json_object_get_members (object);
  gboolean changed = FALSE;

  for (GList *l = members; l; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);
      Rule *rule = key_rule (self, l->data);

      if (rule != NULL && !JSON_NODE_HOLDS_NULL (value))
        {
          if (JSON_NODE_HOLDS_VALUE (value) &&
              g_strcmp0 (json_node_get_string (value), rule->replacement) == 0)
            continue;
          json_object_set_string_member (object, l->data, rule->replacement);
          rule->count += count ? 1 : 0;
          changed = TRUE;
        }
      else
        changed |= redact_node (self, value, count);
    }
  return changed;
}

static gboolean
redact_node (ErrataCopyOptions *self,
             JsonNode          *node,
             gboolean           count)
{
  gboolean changed = FALSE;

  if (JSON_NODE_HOLDS_OBJECT (node))
    return redact_object (self, json_node_get_object (node), count);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        changed |= redact_node (self, json_array_get_element (array, i), count);
      return changed;
    }
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *text = _errata_copy_options_redact_text (self, json_node_get_string (node), count);

      if (text != NULL)
        json_node_set_string (node, text);
      return text != NULL;
    }
  return FALSE;
}

/* Redacts string values and the values of redacted keys; text that is
 * not JSON is redacted as text. Returns NULL when nothing changed. */
char *
_errata_copy_options_redact_json (ErrataCopyOptions *self,
                                  const char        *text,
                                  gboolean           count)
{
  /* Mutable: the redacted strings are set in place. */
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL)
    return _errata_copy_options_redact_text (self, text, count);
  if (!redact_node (self, root, count))
    return NULL;
  return json_to_string (root, FALSE);
}

/* Before a run over the copy: every rule's count starts again. */
void
_errata_copy_options_reset_counts (ErrataCopyOptions *self)
{
  for (guint i = 0; i < self->rules->len; i++)
    ((Rule *)g_ptr_array_index (self->rules, i))->count = 0;
}
