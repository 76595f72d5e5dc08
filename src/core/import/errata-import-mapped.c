/* errata-import-mapped.c: records whose fields the user has mapped.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-import-private.h"
#include "errata-json-guard.h"

#include <glib/gi18n-lib.h>

static JsonNode *
require_field (JsonObject  *object,
               const char  *path,
               const char  *role,
               GError     **error)
{
  JsonNode *node = _errata_import_lookup (object, path);

  if (node == NULL)
    {
      g_autofree char *fields = _errata_import_describe_fields (object);

      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                   /* Translators: the first %s is a field name the user mapped with
                    * --map, the second the role it was mapped to (input, output or
                    * messages: command-line words, keep them), the third a list of the
                    * record's field names, e.g. “id, query, response”. */
                   _("the record has no field `%s` (mapped to %s); its fields are: %s"),
                   path, role, fields);
    }
  return node;
}

/* JSON text starts with a bracket; anything else is not JSON messages. */
static gboolean
looks_like_json (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return *text == '[' || *text == '{';
}

/* Text that is neither: said in words, since a parser's "1:5: unexpected
 * character" tells a user nothing about what the field should hold. */
static void
set_not_messages_error (ErrataTranscriptSyntax  *syntax,
                        const char              *what,
                        const char              *text,
                        GError                 **error)
{
  const char * const *user = errata_transcript_syntax_get_markers (syntax, ERRATA_TRANSCRIPT_USER);
  g_autofree char *start = NULL;
  const char *end;
  glong n = 0;

  while (g_ascii_isspace (*text))
    text++;
  for (end = text; *end != '\0' && *end != '\n' && n < 40; end = g_utf8_next_char (end))
    n++;
  start = g_strdup_printf ("%.*s%s", (int) (end - text), text,
                           *end != '\0' && *end != '\n' ? "…" : "");
  g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
               /* Translators: the first %s is a field name in backticks, e.g.
                * “`conversation`”, the second a role marker such as USER, the
                * third the start of the field's text. */
               _("%s holds neither a JSON list of messages nor a transcript that starts "
                 "with a role marker such as “%s:”; it starts with “%s”"),
               what, user[0], start);
}

static JsonArray *
parse_json_messages (ErrataImportContext  *ctx,
                     const char           *text,
                     const char           *what,
                     GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) parsed = NULL;

  if (!errata_json_parser_load (ctx->parser, text, -1, &local_error))
    {
      /* The guard's own words (too deep, a second value) say what is
       * wrong; the parser's are a line and column. */
      if (local_error->domain == ERRATA_JSON_GUARD_ERROR)
        {
          g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                       "%s: %s", what, local_error->message);
          return NULL;
        }
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                   /* Translators: %s is a field name in backticks, e.g. “`conversation`”. */
                   _("%s starts like JSON but is not valid JSON: it may be cut short "
                     "(a spreadsheet limits a cell to 32,767 characters) or hold a stray quote"),
                   what);
      g_debug ("%s: %s", what, local_error->message);
      return NULL;
    }
  parsed = json_parser_steal_root (ctx->parser);
  return errata_messages_normalise (parsed, what, error);
}

/* A CSV cell (or any string field) may hold the JSON text of an array,
 * or a transcript ("USER: … | AGENT: …"). */
static JsonArray *
mapped_messages (ErrataImportContext  *ctx,
                 JsonNode             *node,
                 const char           *path,
                 GError              **error)
{
  g_autofree char *what = g_strdup_printf ("`%s`", path);
  ErrataTranscriptSyntax *syntax = errata_field_map_get_transcript_syntax (ctx->map);
  gboolean transcript = errata_field_map_get_messages_format (ctx->map) == ERRATA_MESSAGES_TRANSCRIPT;
  const char *text;

  if (JSON_NODE_HOLDS_NULL (node))
    return json_array_new ();
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return errata_messages_normalise (node, what, error);

  text = json_node_get_string (node);
  if (*text == '\0')
    return json_array_new ();
  if (transcript || errata_transcript_looks_like (syntax, text))
    return errata_transcript_parse (syntax, text, what, error);
  if (looks_like_json (text))
    return parse_json_messages (ctx, text, what, error);
  set_not_messages_error (syntax, what, text, error);
  return NULL;
}

static gboolean
append_text_message (ErrataImportContext  *ctx,
                     JsonArray            *messages,
                     JsonObject           *object,
                     ErrataField           field,
                     ErrataConsumed       *consumed,
                     GError              **error)
{
  const char *path = errata_field_map_get (ctx->map, field);
  g_autofree char *text = NULL;
  JsonNode *node;

  if (path == NULL)
    return TRUE;
  node = require_field (object, path, field == ERRATA_FIELD_INPUT ? "input" : "output", error);
  if (node == NULL)
    return FALSE;
  _errata_import_consume (consumed, path);
  text = _errata_import_value_text (node);
  /* An empty cell (a CSV row that holds its conversation in another
   * column) adds no empty message. */
  if (text == NULL || *text == '\0')
    return TRUE;
  json_array_add_object_element (messages,
                                 errata_messages_new_message (field == ERRATA_FIELD_INPUT
                                                              ? "user" : "assistant", text));
  return TRUE;
}

ErrataTrace *
_errata_import_mapped (ErrataImportContext  *ctx,
                       const ErrataRecord   *record,
                       GPtrArray            *annotations,
                       GError              **error)
{
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(JsonArray) messages = NULL;
  ErrataConsumed consumed = { { NULL, }, 0 };
  const char *messages_path;
  JsonObject *object;

  g_return_val_if_fail (ctx->map != NULL, NULL);

  object = _errata_import_require_object (record, error);
  if (object == NULL)
    return NULL;

  messages_path = errata_field_map_get (ctx->map, ERRATA_FIELD_MESSAGES);
  if (messages_path != NULL)
    {
      JsonNode *node = require_field (object, messages_path, "messages", error);

      if (node == NULL)
        return NULL;
      messages = mapped_messages (ctx, node, messages_path, error);
      if (messages == NULL)
        return NULL;
      _errata_import_consume (&consumed, messages_path);
    }
  else
    messages = json_array_new ();

  if (!append_text_message (ctx, messages, object, ERRATA_FIELD_INPUT, &consumed, error)
      || !append_text_message (ctx, messages, object, ERRATA_FIELD_OUTPUT, &consumed, error))
    return NULL;

  if (json_array_get_length (messages) == 0)
    {
      g_autofree char *spec = errata_field_map_to_string (ctx->map);

      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                   /* Translators: %s is the field mapping as given to --map, e.g.
                    * “input=query,output=answer”. */
                   _("the mapped fields (%s) are all empty"), spec);
      return NULL;
    }

  trace = errata_trace_new ();
  errata_trace_set_messages (trace, messages);
  _errata_import_set_identity (ctx, trace, object, record, &consumed);
  _errata_import_read_mapped_review (ctx, object, annotations, &consumed);
  _errata_import_keep_rest (trace, object, &consumed);
  return g_steal_pointer (&trace);
}
