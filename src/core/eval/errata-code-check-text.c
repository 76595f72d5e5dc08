/* errata-code-check-text.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-code-check-private.h"
#include "errata-json-guard.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define EXCERPT_CHARS 60

static void
subject_free (gpointer data)
{
  ErrataSubject *subject = data;

  g_free (subject->label);
  g_free (subject->owned);
  g_free (subject);
}

static void
add_subject (GPtrArray  *subjects,
             char       *label,
             const char *text,
             char       *owned)
{
  ErrataSubject *subject = g_new0 (ErrataSubject, 1);

  subject->label = label;
  subject->owned = owned;
  subject->text = owned != NULL ? owned : text;
  g_ptr_array_add (subjects, subject);
}

static void
add_tool_calls_of (GPtrArray  *calls,
                   JsonObject *message,
                   const char *tool)
{
  JsonArray *array = errata_json_member_array (message, "tool_calls");

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *call = errata_json_array_get_object (array, i);

      if (call != NULL
          && (tool == NULL || g_strcmp0 (errata_json_member_string (call, "name", NULL), tool) == 0))
        g_ptr_array_add (calls, call);
    }
}

GPtrArray *
_errata_code_check_tool_calls (ErrataTrace *trace,
                               const char  *tool)
{
  JsonArray *messages = errata_trace_get_messages (trace);
  GPtrArray *calls = g_ptr_array_new ();

  for (guint i = 0; messages != NULL && i < json_array_get_length (messages); i++)
    {
      JsonObject *message = errata_json_array_get_object (messages, i);

      if (message != NULL)
        add_tool_calls_of (calls, message, tool);
    }
  return calls;
}

/* A message's content, then each of its tool calls on a line of its own:
 * what "conversation" means for a regex or a word list. */
static char *
message_text (JsonObject *message)
{
  g_autoptr(GPtrArray) calls = g_ptr_array_new ();
  GString *text;

  add_tool_calls_of (calls, message, NULL);
  if (calls->len == 0)
    return NULL;
  text = g_string_new (errata_json_member_string (message, "content", ""));
  for (guint i = 0; i < calls->len; i++)
    {
      JsonObject *call = g_ptr_array_index (calls, i);

      g_string_append_printf (text, "\n%s %s", errata_json_member_string (call, "name", ""),
                              errata_json_member_string (call, "arguments", ""));
    }
  return g_string_free (text, FALSE);
}

static void
collect_messages (GPtrArray   *subjects,
                  ErrataTrace *trace)
{
  JsonArray *messages = errata_trace_get_messages (trace);

  for (guint i = 0; messages != NULL && i < json_array_get_length (messages); i++)
    {
      JsonObject *message = errata_json_array_get_object (messages, i);

      if (message == NULL)
        continue;
      /* Translators: a message of a trace, counted from 1, and its role:
       * message 3 (assistant) */
      add_subject (subjects,
                   g_strdup_printf (_("message %u (%s)"), i + 1,
                                    errata_json_member_string (message, "role", "")),
                   errata_json_member_string (message, "content", ""), message_text (message));
    }
}

static void
collect_arguments (GPtrArray   *subjects,
                   ErrataTrace *trace,
                   const char  *tool)
{
  g_autoptr(GPtrArray) calls = _errata_code_check_tool_calls (trace, tool);

  for (guint i = 0; i < calls->len; i++)
    {
      JsonObject *call = g_ptr_array_index (calls, i);

      /* Translators: the arguments of a tool call: arguments of ‘book_table’ (call 2) */
      add_subject (subjects,
                   g_strdup_printf (_("arguments of ‘%s’ (call %u)"),
                                    errata_json_member_string (call, "name", ""), i + 1),
                   errata_json_member_string (call, "arguments", ""), NULL);
    }
}

GPtrArray *
_errata_code_check_collect (ErrataTrace *trace,
                            ErrataField  field,
                            const char  *tool)
{
  GPtrArray *subjects = g_ptr_array_new_with_free_func (subject_free);

  switch (field)
    {
    case ERRATA_FIELD_OUTPUT:
      add_subject (subjects, g_strdup (_("output")), errata_trace_get_output (trace), NULL);
      break;
    case ERRATA_FIELD_INPUT:
      add_subject (subjects, g_strdup (_("input")), errata_trace_get_input (trace), NULL);
      break;
    case ERRATA_FIELD_CONVERSATION:
      collect_messages (subjects, trace);
      break;
    case ERRATA_FIELD_TOOL_ARGUMENTS:
      collect_arguments (subjects, trace, tool);
      break;
    default:
      g_assert_not_reached ();
    }
  return subjects;
}

const char *
_errata_code_check_field_label (ErrataField field)
{
  switch (field)
    {
    case ERRATA_FIELD_OUTPUT:
      return _("output");
    case ERRATA_FIELD_INPUT:
      return _("input");
    case ERRATA_FIELD_CONVERSATION:
      return _("conversation");
    case ERRATA_FIELD_TOOL_ARGUMENTS:
      return _("tool arguments");
    default:
      g_assert_not_reached ();
    }
}

static char *
strip_marks (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Decomposed (NFD) so that “é” is “e” + a combining accent whichever way
 * the text spelt it; the accent can then be dropped on its own. */
char *
_errata_code_check_fold (const char *text,
                         ErrataFold  fold)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *folded = (fold & ERRATA_FOLD_CASE) ? g_utf8_casefold (valid, -1) : NULL;
  g_autofree char *decomposed = g_utf8_normalize (folded != NULL ? folded : valid, -1,
                                                  G_NORMALIZE_DEFAULT);

  if (fold & ERRATA_FOLD_ACCENTS)
    return strip_marks (decomposed);
  return g_steal_pointer (&decomposed);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '_';
}

static gboolean
is_boundary (const char *haystack,
             const char *start,
             const char *end,
             gboolean    whole_words)
{
  const char *before = start > haystack ? g_utf8_find_prev_char (haystack, start) : NULL;
  gunichar next = *end != '\0' ? g_utf8_get_char (end) : 0;

  /* "cafe" is not in "café" (NFD: "cafe" + U+0301) unless accents are
   * folded away. */
  if (next != 0 && g_unichar_ismark (next))
    return FALSE;
  if (!whole_words)
    return TRUE;
  return (before == NULL || !is_word_char (g_utf8_get_char (before)))
         && (next == 0 || !is_word_char (next));
}

gboolean
_errata_code_check_find_word (const char *haystack,
                              const char *needle,
                              gboolean    whole_words)
{
  gsize needle_len = strlen (needle);

  if (needle_len == 0)
    return FALSE;
  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    if (is_boundary (haystack, p, p + needle_len, whole_words))
      return TRUE;
  return FALSE;
}

guint64
_errata_code_check_count_words (const char *text)
{
  gboolean in_word = FALSE;
  guint64 n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean space = g_unichar_isspace (g_utf8_get_char (p));

      if (!space && !in_word)
        n++;
      in_word = !space;
    }
  return n;
}

char *
_errata_code_check_excerpt (const char *text,
                            gssize      len)
{
  g_autofree char *copy = g_utf8_make_valid (text, len);
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = copy; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == EXCERPT_CHARS)
        {
          g_string_append (out, "…");
          break;
        }
      g_string_append_unichar (out, g_unichar_isspace (c) ? ' ' : c);
    }
  return g_string_free (out, FALSE);
}

/* The body of "```json\n…\n```" or "```\n…\n```", or NULL when `text` is
 * not one fence and nothing else. */
static char *
fence_body (const char *text)
{
  const char *newline = strchr (text, '\n');
  g_autofree char *info = NULL;
  gsize len = strlen (text);

  if (!g_str_has_prefix (text, "```") || newline == NULL || len < 7
      || !g_str_has_suffix (text, "```"))
    return NULL;
  info = g_strstrip (g_strndup (text + 3, newline - text - 3));
  if (*info != '\0' && g_ascii_strcasecmp (info, "json") != 0)
    return NULL;
  if (newline + 1 > text + len - 3)
    return NULL;
  return g_strndup (newline + 1, text + len - 3 - (newline + 1));
}

char *
_errata_code_check_json_text (const char *text,
                              gboolean    fenced)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *body = fenced ? fence_body (trimmed) : NULL;

  if (body != NULL)
    return g_strstrip (body);
  return g_steal_pointer (&trimmed);
}
