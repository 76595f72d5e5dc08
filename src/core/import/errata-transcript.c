/* errata-transcript.c
 *
 * Exports from chat tools and spreadsheets often hold a whole conversation
 * in one cell: "USER: hi | AGENT: hello | TOOL (search): {…}". Splitting
 * at every separator or at every "USER:" would cut messages that quote a
 * pipe or mention a role, so a turn starts only where a known marker
 * follows the start of the text or a separator: both must be there.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-transcript.h"
#include "errata-importer.h"
#include "errata-messages.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* A tool's name in "TOOL (name):" is short; a parenthesis further on is
 * text, not a name. */
#define MAX_NAME_CHARS 128
/* How much of a text an error quotes. */
#define QUOTE_CHARS 40

struct _ErrataTranscriptSyntax
{
  GStrv  markers[N_ERRATA_TRANSCRIPT_ROLES];
  char  *separator;   /* NULL: "|" or a new line */
};

static const char * const default_markers[N_ERRATA_TRANSCRIPT_ROLES][6] = {
  [ERRATA_TRANSCRIPT_USER] = { "USER", "User", "HUMAN", "Human", NULL },
  [ERRATA_TRANSCRIPT_ASSISTANT] = { "AGENT", "ASSISTANT", "AI", "Agent", "Assistant", NULL },
  [ERRATA_TRANSCRIPT_TOOL] = { "TOOL", "Tool", NULL },
  [ERRATA_TRANSCRIPT_SYSTEM] = { "SYSTEM", "System", NULL },
};

static const char * const role_names[N_ERRATA_TRANSCRIPT_ROLES] = {
  "user", "assistant", "tool", "system",
};

static const char * const default_separators[] = { "|", "\n", NULL };

ErrataTranscriptSyntax *
errata_transcript_syntax_new (void)
{
  ErrataTranscriptSyntax *syntax = g_new0 (ErrataTranscriptSyntax, 1);

  for (guint role = 0; role < N_ERRATA_TRANSCRIPT_ROLES; role++)
    syntax->markers[role] = g_strdupv ((char **) default_markers[role]);
  return syntax;
}

ErrataTranscriptSyntax *
errata_transcript_syntax_copy (const ErrataTranscriptSyntax *syntax)
{
  ErrataTranscriptSyntax *copy;

  g_return_val_if_fail (syntax != NULL, NULL);

  copy = g_new0 (ErrataTranscriptSyntax, 1);
  for (guint role = 0; role < N_ERRATA_TRANSCRIPT_ROLES; role++)
    copy->markers[role] = g_strdupv (syntax->markers[role]);
  copy->separator = g_strdup (syntax->separator);
  return copy;
}

void
errata_transcript_syntax_free (ErrataTranscriptSyntax *syntax)
{
  if (syntax == NULL)
    return;
  for (guint role = 0; role < N_ERRATA_TRANSCRIPT_ROLES; role++)
    g_strfreev (syntax->markers[role]);
  g_free (syntax->separator);
  g_free (syntax);
}

gboolean
errata_transcript_syntax_equal (const ErrataTranscriptSyntax *a,
                                const ErrataTranscriptSyntax *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  for (guint role = 0; role < N_ERRATA_TRANSCRIPT_ROLES; role++)
    if (!g_strv_equal ((const char * const *) a->markers[role],
                       (const char * const *) b->markers[role]))
      return FALSE;
  return g_strcmp0 (a->separator, b->separator) == 0;
}

gboolean
errata_transcript_syntax_is_default (const ErrataTranscriptSyntax *syntax)
{
  g_autoptr(ErrataTranscriptSyntax) fresh = errata_transcript_syntax_new ();

  g_return_val_if_fail (syntax != NULL, FALSE);
  return errata_transcript_syntax_equal (syntax, fresh);
}

void
errata_transcript_syntax_set_markers (ErrataTranscriptSyntax *syntax,
                                      ErrataTranscriptRole    role,
                                      const char * const     *markers)
{
  GPtrArray *kept;

  g_return_if_fail (syntax != NULL);
  g_return_if_fail (role < N_ERRATA_TRANSCRIPT_ROLES);

  g_strfreev (syntax->markers[role]);
  if (markers == NULL || markers[0] == NULL)
    {
      syntax->markers[role] = g_strdupv ((char **) default_markers[role]);
      return;
    }
  /* "USER:" and " USER " mean USER. */
  kept = g_ptr_array_new ();
  for (guint i = 0; markers[i] != NULL; i++)
    {
      char *marker = g_strstrip (g_strdup (markers[i]));
      gsize len = strlen (marker);

      if (len > 0 && marker[len - 1] == ':')
        marker[--len] = '\0';
      g_strchomp (marker);
      if (*marker != '\0')
        g_ptr_array_add (kept, marker);
      else
        g_free (marker);
    }
  g_ptr_array_add (kept, NULL);
  syntax->markers[role] = (GStrv) g_ptr_array_free (kept, FALSE);
  if (syntax->markers[role][0] == NULL)
    errata_transcript_syntax_set_markers (syntax, role, NULL);
}

const char * const *
errata_transcript_syntax_get_markers (const ErrataTranscriptSyntax *syntax,
                                      ErrataTranscriptRole          role)
{
  g_return_val_if_fail (syntax != NULL, NULL);
  g_return_val_if_fail (role < N_ERRATA_TRANSCRIPT_ROLES, NULL);
  return (const char * const *) syntax->markers[role];
}

void
errata_transcript_syntax_set_separator (ErrataTranscriptSyntax *syntax,
                                        const char             *separator)
{
  g_return_if_fail (syntax != NULL);

  g_free (syntax->separator);
  syntax->separator = separator != NULL && *separator != '\0' ? g_strdup (separator) : NULL;
}

const char *
errata_transcript_syntax_get_separator (const ErrataTranscriptSyntax *syntax)
{
  g_return_val_if_fail (syntax != NULL, NULL);
  return syntax->separator;
}

/* ---- reading ------------------------------------------------------------ */

typedef struct
{
  ErrataTranscriptRole  role;
  char                 *name;      /* "search" in "TOOL (search):", or NULL */
  const char           *content;   /* just after the colon */
} Marker;

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* "(name)" right after a marker; returns where it ends, or NULL. */
static const char *
read_name (const char  *p,
           char       **name)
{
  const char *close;

  if (*p != '(')
    return NULL;
  for (close = p + 1; *close != '\0' && *close != ')' && *close != '\n'; close++)
    if (close - p > MAX_NAME_CHARS)
      return NULL;
  if (*close != ')')
    return NULL;
  *name = g_strstrip (g_strndup (p + 1, close - p - 1));
  if (**name == '\0')
    g_clear_pointer (name, g_free);
  return close + 1;
}

/* One marker of one role at `p`: "USER:", "TOOL (name):", "TOOL :". */
static gboolean
match_one (const char *p,
           const char *marker,
           Marker     *found)
{
  gsize len = strlen (marker);
  g_autofree char *name = NULL;
  const char *q;

  if (strncmp (p, marker, len) != 0)
    return FALSE;
  q = skip_blanks (p + len);
  if (*q == '(')
    {
      q = read_name (q, &name);
      if (q == NULL)
        return FALSE;
      q = skip_blanks (q);
    }
  if (*q != ':')
    return FALSE;
  found->name = g_steal_pointer (&name);
  found->content = q + 1;
  return TRUE;
}

static gboolean
match_marker (const ErrataTranscriptSyntax *syntax,
              const char                   *p,
              Marker                       *found)
{
  for (guint role = 0; role < N_ERRATA_TRANSCRIPT_ROLES; role++)
    for (guint i = 0; syntax->markers[role][i] != NULL; i++)
      if (match_one (p, syntax->markers[role][i], found))
        {
          found->role = role;
          return TRUE;
        }
  return FALSE;
}

static const char *
skip_space (const char *p)
{
  while (g_ascii_isspace (*p))
    p++;
  return p;
}

gboolean
errata_transcript_looks_like (const ErrataTranscriptSyntax *syntax,
                              const char                   *text)
{
  Marker found = { 0, };
  gboolean matched;

  g_return_val_if_fail (syntax != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  matched = match_marker (syntax, skip_space (text), &found);
  g_free (found.name);
  return matched;
}

/* TRUE when a separator starts at `p`; its length in *len. */
static gboolean
separator_at (const ErrataTranscriptSyntax *syntax,
              const char                   *p,
              gsize                        *len)
{
  if (syntax->separator != NULL)
    {
      *len = strlen (syntax->separator);
      return strncmp (p, syntax->separator, *len) == 0;
    }
  for (guint i = 0; default_separators[i] != NULL; i++)
    if (strncmp (p, default_separators[i], strlen (default_separators[i])) == 0)
      {
        *len = strlen (default_separators[i]);
        return TRUE;
      }
  return FALSE;
}

/* Where the turn that starts at `content` ends: the next separator that
 * a marker follows (then *next is filled), or the end of the text. */
static const char *
find_turn_end (const ErrataTranscriptSyntax *syntax,
               const char                   *content,
               Marker                       *next,
               gboolean                     *has_next)
{
  const char *p;

  *has_next = FALSE;
  for (p = content; *p != '\0'; p++)
    {
      gsize len;

      if (!separator_at (syntax, p, &len))
        continue;
      if (match_marker (syntax, skip_space (p + len), next))
        {
          *has_next = TRUE;
          return p;
        }
    }
  return p;
}

static void
add_turn (JsonArray    *messages,
          const Marker *marker,
          const char   *end)
{
  g_autofree char *content = g_strndup (marker->content, end - marker->content);
  JsonObject *message;

  g_strstrip (content);
  if (*content == '\0')
    return;
  message = errata_messages_new_message (role_names[marker->role], content);
  if (marker->name != NULL)
    json_object_set_string_member (message, "name", marker->name);
  json_array_add_object_element (messages, message);
}

static char *
quote_start (const char *text)
{
  const char *p = skip_space (text);
  const char *end = p;
  glong n = 0;

  while (*end != '\0' && *end != '\n' && n < QUOTE_CHARS)
    {
      end = g_utf8_next_char (end);
      n++;
    }
  return g_strdup_printf ("%.*s%s", (int) (end - p), p, *end != '\0' && *end != '\n' ? "…" : "");
}

static void
set_no_marker_error (const ErrataTranscriptSyntax  *syntax,
                     const char                    *text,
                     const char                    *what,
                     GError                       **error)
{
  g_autofree char *start = quote_start (text);

  g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
               /* Translators: the first %s is a field name in backticks, the
                * next two are role markers such as USER and AGENT, the last
                * the start of the field's text. */
               _("%s does not start with a role marker such as “%s:” or “%s:”; "
                 "it starts with “%s”"),
               what, syntax->markers[ERRATA_TRANSCRIPT_USER][0],
               syntax->markers[ERRATA_TRANSCRIPT_ASSISTANT][0], start);
}

JsonArray *
errata_transcript_parse (const ErrataTranscriptSyntax  *syntax,
                         const char                    *text,
                         const char                    *what,
                         GError                       **error)
{
  g_autoptr(JsonArray) messages = json_array_new ();
  Marker marker = { 0, };
  gboolean more;

  g_return_val_if_fail (syntax != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (what != NULL, NULL);

  if (!match_marker (syntax, skip_space (text), &marker))
    {
      set_no_marker_error (syntax, text, what, error);
      return NULL;
    }
  do
    {
      Marker next = { 0, };
      const char *end = find_turn_end (syntax, marker.content, &next, &more);

      add_turn (messages, &marker, end);
      g_free (marker.name);
      marker = next;
    }
  while (more);

  if (json_array_get_length (messages) == 0)
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                   /* Translators: %s is a field name in backticks. */
                   _("%s has role markers but no text after any of them"), what);
      return NULL;
    }
  return g_steal_pointer (&messages);
}
