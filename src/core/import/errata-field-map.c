/* errata-field-map.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-field-map.h"
#include "errata-importer.h"

#include <glib/gi18n-lib.h>

struct _ErrataFieldMap
{
  gatomicrefcount         ref_count;
  char                   *paths[N_ERRATA_FIELDS];
  ErrataMessagesFormat    messages_format;
  ErrataTranscriptSyntax *syntax;
};

/* The keys of a transcript's syntax, in ErrataTranscriptRole order. */
static const char * const marker_keys[N_ERRATA_TRANSCRIPT_ROLES] = {
  "user-marker", "assistant-marker", "tool-marker", "system-marker",
};
#define TRANSCRIPT_KEY "transcript"
#define SEPARATOR_KEY "separator"
/* Several markers for one role are written USER/CUSTOMER: commas already
 * separate the pairs of a spec. */
#define MARKER_DELIMITER "/"

/* The names used in a spec, in ErrataField order; stable (CLI syntax). */
static const char * const field_names[N_ERRATA_FIELDS] = {
  "id", "input", "output", "messages", "note", "verdict",
};

G_DEFINE_BOXED_TYPE (ErrataFieldMap, errata_field_map, errata_field_map_ref, errata_field_map_unref)

ErrataFieldMap *
errata_field_map_new (void)
{
  ErrataFieldMap *map = g_new0 (ErrataFieldMap, 1);

  g_atomic_ref_count_init (&map->ref_count);
  map->syntax = errata_transcript_syntax_new ();
  return map;
}

ErrataFieldMap *
errata_field_map_ref (ErrataFieldMap *map)
{
  g_return_val_if_fail (map != NULL, NULL);
  g_atomic_ref_count_inc (&map->ref_count);
  return map;
}

void
errata_field_map_unref (ErrataFieldMap *map)
{
  g_return_if_fail (map != NULL);
  if (!g_atomic_ref_count_dec (&map->ref_count))
    return;
  for (guint i = 0; i < N_ERRATA_FIELDS; i++)
    g_free (map->paths[i]);
  errata_transcript_syntax_free (map->syntax);
  g_free (map);
}

const char *
errata_field_map_get (ErrataFieldMap *map,
                      ErrataField     field)
{
  g_return_val_if_fail (map != NULL, NULL);
  g_return_val_if_fail (field < N_ERRATA_FIELDS, NULL);
  return map->paths[field];
}

void
errata_field_map_set (ErrataFieldMap *map,
                      ErrataField     field,
                      const char     *path)
{
  g_return_if_fail (map != NULL);
  g_return_if_fail (field < N_ERRATA_FIELDS);
  g_free (map->paths[field]);
  map->paths[field] = path && *path ? g_strdup (path) : NULL;
}

static gboolean
field_from_name (const char  *name,
                 ErrataField *field)
{
  for (guint i = 0; i < N_ERRATA_FIELDS; i++)
    {
      if (g_ascii_strcasecmp (name, field_names[i]) == 0)
        {
          *field = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* "\\n" and "\\t" in a spec's separator stand for a new line and a tab. */
static char *
unescape_separator (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '\\' && (p[1] == 'n' || p[1] == 't'))
        {
          g_string_append_c (out, p[1] == 'n' ? '\n' : '\t');
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
escape_separator (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The transcript keys; FALSE when `key` is none of them. */
static gboolean
parse_transcript_key (ErrataFieldMap *map,
                      const char     *key,
                      const char     *value)
{
  if (g_ascii_strcasecmp (key, TRANSCRIPT_KEY) == 0)
    {
      errata_field_map_set (map, ERRATA_FIELD_MESSAGES, value);
      map->messages_format = ERRATA_MESSAGES_TRANSCRIPT;
      return TRUE;
    }
  if (g_ascii_strcasecmp (key, SEPARATOR_KEY) == 0)
    {
      g_autofree char *separator = unescape_separator (value);

      errata_transcript_syntax_set_separator (map->syntax, separator);
      return TRUE;
    }
  for (guint role = 0; role < N_ERRATA_TRANSCRIPT_ROLES; role++)
    if (g_ascii_strcasecmp (key, marker_keys[role]) == 0)
      {
        g_auto(GStrv) markers = g_strsplit (value, MARKER_DELIMITER, -1);

        errata_transcript_syntax_set_markers (map->syntax, role, (const char * const *) markers);
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_pair (ErrataFieldMap  *map,
            const char      *pair,
            GError         **error)
{
  g_auto(GStrv) parts = g_strsplit (pair, "=", 2);
  ErrataField field;

  if (parts[0] == NULL || parts[1] == NULL)
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_FAILED,
                   /* Translators: %s is what the user gave to --map. “role=field” and
                    * “input=query” are command-line syntax: keep them as they are. */
                   _("“%s” is not of the form role=field, e.g. input=query"), pair);
      return FALSE;
    }
  g_strstrip (parts[0]);
  g_strstrip (parts[1]);
  if (*parts[1] == '\0')
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_FAILED,
                   /* Translators: %s is a --map role (input, output, …) given with
                    * nothing after the “=”. */
                   _("“%s=” names no field"), parts[0]);
      return FALSE;
    }
  if (parse_transcript_key (map, parts[0], parts[1]))
    return TRUE;
  if (!field_from_name (parts[0], &field))
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_FAILED,
                   /* Translators: %s is the role the user gave to --map. The words
                    * after “use” are the keys --map accepts: keep them in English. */
                   _("“%s” is not something a field can be mapped to; use id, input, "
                     "output, messages, transcript, note or verdict (or user-marker, "
                     "assistant-marker, tool-marker, system-marker, separator for a "
                     "transcript)"), parts[0]);
      return FALSE;
    }
  errata_field_map_set (map, field, parts[1]);
  if (field == ERRATA_FIELD_MESSAGES)
    map->messages_format = ERRATA_MESSAGES_AUTO;
  return TRUE;
}

ErrataFieldMap *
errata_field_map_parse (const char  *spec,
                        GError     **error)
{
  g_autoptr(ErrataFieldMap) map = errata_field_map_new ();
  g_auto(GStrv) pairs = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  pairs = g_strsplit (spec, ",", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      if (*g_strstrip (pairs[i]) == '\0')
        continue;
      if (!parse_pair (map, pairs[i], error))
        return NULL;
    }
  return g_steal_pointer (&map);
}

static void
append_pair (GString    *spec,
             const char *key,
             const char *value)
{
  if (spec->len > 0)
    g_string_append_c (spec, ',');
  g_string_append_printf (spec, "%s=%s", key, value);
}

/* The syntax keys that differ from the default, so that a spec read back
 * gives the same map. */
static void
append_syntax (GString                      *spec,
               const ErrataTranscriptSyntax *syntax)
{
  g_autoptr(ErrataTranscriptSyntax) fresh = errata_transcript_syntax_new ();
  const char *separator = errata_transcript_syntax_get_separator (syntax);

  for (guint role = 0; role < N_ERRATA_TRANSCRIPT_ROLES; role++)
    {
      const char * const *markers = errata_transcript_syntax_get_markers (syntax, role);
      g_autofree char *joined = NULL;

      if (g_strv_equal (markers, errata_transcript_syntax_get_markers (fresh, role)))
        continue;
      joined = g_strjoinv (MARKER_DELIMITER, (char **) markers);
      append_pair (spec, marker_keys[role], joined);
    }
  if (separator != NULL)
    {
      g_autofree char *escaped = escape_separator (separator);

      append_pair (spec, SEPARATOR_KEY, escaped);
    }
}

char *
errata_field_map_to_string (ErrataFieldMap *map)
{
  GString *spec = g_string_new (NULL);

  g_return_val_if_fail (map != NULL, NULL);

  for (guint i = 0; i < N_ERRATA_FIELDS; i++)
    {
      if (map->paths[i] == NULL)
        continue;
      append_pair (spec, i == ERRATA_FIELD_MESSAGES
                         && map->messages_format == ERRATA_MESSAGES_TRANSCRIPT
                         ? TRANSCRIPT_KEY : field_names[i], map->paths[i]);
    }
  append_syntax (spec, map->syntax);
  return g_string_free (spec, FALSE);
}

ErrataMessagesFormat
errata_field_map_get_messages_format (ErrataFieldMap *map)
{
  g_return_val_if_fail (map != NULL, ERRATA_MESSAGES_AUTO);
  return map->messages_format;
}

void
errata_field_map_set_messages_format (ErrataFieldMap       *map,
                                      ErrataMessagesFormat  format)
{
  g_return_if_fail (map != NULL);
  map->messages_format = format;
}

ErrataTranscriptSyntax *
errata_field_map_get_transcript_syntax (ErrataFieldMap *map)
{
  g_return_val_if_fail (map != NULL, NULL);
  return map->syntax;
}

char *
errata_field_map_describe_keys (void)
{
  /* In ErrataField order, then the transcript's keys. */
  static const struct
  {
    const char *key;
    const char *what;
  } keys[] = {
    { "id=FIELD", N_("a unique id: importing the file again adds nothing twice") },
    { "input=FIELD", N_("what the user asked") },
    { "output=FIELD", N_("what the application answered") },
    { "messages=FIELD", N_("a whole conversation: a JSON array of messages (or its JSON "
                           "text), or a transcript that starts with a role marker") },
    { "transcript=FIELD", N_("a whole conversation as text with role markers, e.g. "
                             "“USER: … | AGENT: … | TOOL (name): …”") },
    { "note=FIELD", N_("a reviewer’s note, imported as a label") },
    { "verdict=FIELD", N_("pass or fail (also PASS/FAIL, true/false, 1/0, good/bad), "
                          "imported as a label") },
    { "user-marker=A/B", N_("a transcript’s user markers (default USER/User/HUMAN/Human)") },
    { "assistant-marker=A/B", N_("its assistant markers (default AGENT/ASSISTANT/AI/Agent/"
                                 "Assistant)") },
    { "tool-marker=A/B", N_("its tool markers (default TOOL/Tool); “TOOL (name):” keeps the "
                            "tool’s name") },
    { "system-marker=A/B", N_("its system markers (default SYSTEM/System)") },
    { "separator=TEXT", N_("what separates its turns (default “|” or a new line; \\n is a "
                           "new line)") },
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_string_append_printf (text, "  %-22s %s\n", keys[i].key, _(keys[i].what));
  return g_string_free (text, FALSE);
}

gboolean
errata_field_map_has_content (ErrataFieldMap *map)
{
  return map != NULL
         && (errata_field_map_get (map, ERRATA_FIELD_INPUT) != NULL
             || errata_field_map_get (map, ERRATA_FIELD_OUTPUT) != NULL
             || errata_field_map_get (map, ERRATA_FIELD_MESSAGES) != NULL);
}
