/* errata-import-common.c: pieces every format converter uses.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-import-private.h"
#include "errata-json-fast.h"
#include "errata-json-guard.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Where a record's own id may be, most specific last. */
static const char * const id_keys[] = { "id", "conversation_id", "trace_id", "uuid", NULL };

JsonObject *
_errata_import_require_object (const ErrataRecord  *record,
                               GError             **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (record->node))
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                   /* Translators: %s is a JSON type, e.g. “an array” or “a string”. */
                   _("a record must be a JSON object, found %s"),
                   errata_json_node_describe (record->node));
      return NULL;
    }
  return json_node_get_object (record->node);
}

/* "response.text" looks into nested objects; a key that itself contains a
 * dot ("gen_ai.prompt") is found too, as a whole key wins. */
JsonNode *
_errata_import_lookup (JsonObject *object,
                       const char *path)
{
  const char *dot;
  g_autofree char *head = NULL;
  JsonObject *child;

  if (object == NULL || path == NULL)
    return NULL;
  if (json_object_has_member (object, path))
    return json_object_get_member (object, path);

  dot = strchr (path, '.');
  if (dot == NULL)
    return NULL;
  head = g_strndup (path, dot - path);
  child = errata_json_get_object (object, head);
  return _errata_import_lookup (child, dot + 1);
}

/* Text of a scalar, JSON text of anything else, NULL for null/missing. */
char *
_errata_import_value_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return g_strdup (json_node_get_string (node));
        case G_TYPE_INT64:
          return g_strdup_printf ("%" PRId64, json_node_get_int (node));
        case G_TYPE_BOOLEAN:
          return g_strdup (json_node_get_boolean (node) ? "true" : "false");
        default:
          break;
        }
    }
  return json_to_string (node, FALSE);
}

JsonNode *
_errata_import_parse_text (ErrataImportContext *ctx,
                           const char          *text)
{
  JsonNode *root = errata_json_parse_fast (text, strlen (text));

  if (root != NULL)
    return root;
  if (!errata_json_parser_load (ctx->parser, text, -1, NULL))
    return NULL;
  return json_parser_steal_root (ctx->parser);
}

void
_errata_import_consume (ErrataConsumed *consumed,
                        const char     *path)
{
  g_assert (consumed->n < ERRATA_MAX_CONSUMED);
  consumed->keys[consumed->n++] = path;
}

/* A nested path consumes nothing at the top: its parent object may hold
 * other fields, and it is kept whole in metadata. */
gboolean
_errata_import_is_consumed (ErrataConsumed *consumed,
                            const char     *key)
{
  for (guint i = 0; i < consumed->n; i++)
    if (g_str_equal (consumed->keys[i], key))
      return TRUE;
  return FALSE;
}

static guint64
fingerprint (const char *text,
             gsize       len)
{
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  /* FNV-1a: only to tell two records with one id apart, not for security. */
  for (gsize i = 0; i < len; i++)
    {
      hash ^= (guint8)text[i];
      hash *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return hash;
}

static char *
find_id (ErrataImportContext *ctx,
         JsonObject          *object,
         ErrataConsumed      *consumed)
{
  const char *path = ctx->map ? errata_field_map_get (ctx->map, ERRATA_FIELD_ID) : NULL;

  if (path != NULL)
    {
      _errata_import_consume (consumed, path);
      return _errata_import_value_text (_errata_import_lookup (object, path));
    }
  for (guint i = 0; id_keys[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (object, id_keys[i]);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
        {
          _errata_import_consume (consumed, id_keys[i]);
          return _errata_import_value_text (node);
        }
    }
  return NULL;
}

/* The external id makes re-import idempotent. Without an id the record's
 * own text is hashed. Some exports repeat one id on every record (the
 * LangSmith export has "id": "root" everywhere): a second record with an
 * id already seen in this file but different text gets the id plus a hash
 * of its text, which is just as stable on the next import. */
void
_errata_import_set_identity (ErrataImportContext *ctx,
                             ErrataTrace         *trace,
                             JsonObject          *object,
                             const ErrataRecord  *record,
                             ErrataConsumed      *consumed)
{
  g_autofree char *id = find_id (ctx, object, consumed);
  g_autofree char *hash = NULL;
  guint64 print;
  gpointer seen;

  errata_trace_set_source (trace, ctx->source);
  if (id == NULL || *id == '\0')
    {
      hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)record->text, record->len);
      errata_trace_set_external_id (trace, hash);
      return;
    }

  print = fingerprint (record->text, record->len);
  if (!g_hash_table_lookup_extended (ctx->seen_ids, id, NULL, &seen))
    {
      g_hash_table_insert (ctx->seen_ids, g_strdup (id), GSIZE_TO_POINTER ((gsize)print));
      errata_trace_set_external_id (trace, id);
      return;
    }
  if (GPOINTER_TO_SIZE (seen) == (gsize)print)
    {
      errata_trace_set_external_id (trace, id);
      return;
    }

  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)record->text, record->len);
  {
    g_autofree char *unique = g_strdup_printf ("%s#%.16s", id, hash);

    errata_trace_set_external_id (trace, unique);
  }
}

static gint64
get_int (JsonObject *object,
         const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return (gint64)json_node_get_double (node);
    case G_TYPE_STRING:
      return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
    default:
      return -1;
    }
}

static double
get_double (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1.0;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    case G_TYPE_STRING:
      return g_ascii_strtod (json_node_get_string (node), NULL);
    default:
      return -1.0;
    }
}

/* OpenAI's chat and responses APIs, Anthropic's and Langfuse's names. */
void
_errata_import_read_usage (ErrataTrace *trace,
                           JsonObject  *usage)
{
  static const char * const in_keys[] = { "prompt_tokens", "input_tokens", "input", "promptTokens", NULL };
  static const char * const out_keys[] = { "completion_tokens", "output_tokens", "output", "completionTokens", NULL };

  if (usage == NULL)
    return;
  for (guint i = 0; in_keys[i]; i++)
    if (get_int (usage, in_keys[i]) >= 0)
      {
        errata_trace_set_tokens_in (trace, get_int (usage, in_keys[i]));
        break;
      }
  for (guint i = 0; out_keys[i]; i++)
    if (get_int (usage, out_keys[i]) >= 0)
      {
        errata_trace_set_tokens_out (trace, get_int (usage, out_keys[i]));
        break;
      }
}

/* latency_ms, usage, cost and a `metadata` object, where a record has them. */
void
_errata_import_read_stats (ErrataTrace    *trace,
                           JsonObject     *object,
                           ErrataConsumed *consumed)
{
  JsonObject *usage = errata_json_get_object (object, "usage");
  JsonObject *metadata = errata_json_get_object (object, "metadata");

  if (get_int (object, "latency_ms") >= 0)
    {
      errata_trace_set_latency_ms (trace, get_int (object, "latency_ms"));
      _errata_import_consume (consumed, "latency_ms");
    }
  if (get_double (object, "cost") >= 0)
    {
      errata_trace_set_cost (trace, get_double (object, "cost"));
      _errata_import_consume (consumed, "cost");
    }
  if (usage != NULL)
    {
      _errata_import_read_usage (trace, usage);
      _errata_import_consume (consumed, "usage");
      json_object_set_object_member (errata_trace_get_metadata (trace), "usage",
                                     json_object_ref (usage));
    }
  if (metadata != NULL)
    {
      JsonObject *target = errata_trace_get_metadata (trace);
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      json_object_iter_init (&iter, metadata);
      while (json_object_iter_next (&iter, &key, &value))
        json_object_set_member (target, key, json_node_copy (value));
      _errata_import_consume (consumed, "metadata");
    }
}

ErrataVerdict
_errata_import_parse_verdict (JsonNode *node)
{
  g_autofree char *text = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return ERRATA_VERDICT_UNSET;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node) ? ERRATA_VERDICT_PASS : ERRATA_VERDICT_FAIL;

  text = _errata_import_value_text (node);
  g_strstrip (text);
  if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1")
      || g_ascii_strcasecmp (text, "yes") == 0 || g_ascii_strcasecmp (text, "good") == 0)
    return ERRATA_VERDICT_PASS;
  if (g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0")
      || g_ascii_strcasecmp (text, "no") == 0 || g_ascii_strcasecmp (text, "bad") == 0)
    return ERRATA_VERDICT_FAIL;
  return errata_verdict_from_string (text);
}

static ErrataAnnotation *
annotation_from_object (ErrataImportContext  *ctx,
                        JsonObject           *object,
                        guint                 index,
                        GError              **error)
{
  ErrataAnnotation *annotation;
  const char *annotator = errata_json_get_string (object, "annotator");
  const char *note = errata_json_get_string (object, "note");
  JsonNode *first_failure = json_object_get_member (object, "first_failure");

  annotation = errata_annotation_new (0, annotator && *annotator ? annotator : ctx->annotator);
  annotation->origin = ERRATA_ORIGIN_IMPORTED;
  annotation->verdict = _errata_import_parse_verdict (json_object_get_member (object, "verdict"));
  g_free (annotation->note);
  annotation->note = g_strdup (note ? note : "");
  if (first_failure != NULL && JSON_NODE_HOLDS_VALUE (first_failure)
      && json_node_get_value_type (first_failure) == G_TYPE_INT64)
    annotation->first_failure = (int)json_node_get_int (first_failure);
  return annotation;
}

/* `annotations`: [{annotator, verdict, note, first_failure}]. */
gboolean
_errata_import_read_annotations (ErrataImportContext  *ctx,
                                 JsonObject           *object,
                                 GPtrArray            *annotations,
                                 ErrataConsumed       *consumed,
                                 GError              **error)
{
  JsonNode *node = json_object_get_member (object, "annotations");
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                   /* Translators: `annotations` is a field name in the imported file:
                    * keep it as it is. %s is a JSON type, e.g. “an object”. */
                   _("`annotations` must be an array, found %s"), errata_json_node_describe (node));
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                       /* Translators: %u is the annotation's position in the record's
                        * list (1, 2, …); %s is a JSON type, e.g. “a string”. */
                       _("annotation %u must be an object, found %s"),
                       i + 1, errata_json_node_describe (element));
          return FALSE;
        }
      g_ptr_array_add (annotations,
                       annotation_from_object (ctx, json_node_get_object (element), i, error));
    }
  _errata_import_consume (consumed, "annotations");
  return TRUE;
}

/* The mapped note and verdict become one annotation by the importer's
 * annotator; an empty note and no verdict make none. */
void
_errata_import_read_mapped_review (ErrataImportContext *ctx,
                                   JsonObject          *object,
                                   GPtrArray           *annotations,
                                   ErrataConsumed      *consumed)
{
  const char *note_path;
  const char *verdict_path;
  g_autofree char *note = NULL;
  ErrataVerdict verdict = ERRATA_VERDICT_UNSET;
  ErrataAnnotation *annotation;

  if (ctx->map == NULL)
    return;
  note_path = errata_field_map_get (ctx->map, ERRATA_FIELD_NOTE);
  verdict_path = errata_field_map_get (ctx->map, ERRATA_FIELD_VERDICT);
  if (note_path != NULL)
    {
      note = _errata_import_value_text (_errata_import_lookup (object, note_path));
      _errata_import_consume (consumed, note_path);
      if (note != NULL)
        g_strstrip (note);
    }
  if (verdict_path != NULL)
    {
      verdict = _errata_import_parse_verdict (_errata_import_lookup (object, verdict_path));
      _errata_import_consume (consumed, verdict_path);
    }
  if ((note == NULL || *note == '\0') && verdict == ERRATA_VERDICT_UNSET)
    return;

  annotation = errata_annotation_new (0, ctx->annotator);
  annotation->origin = ERRATA_ORIGIN_IMPORTED;
  annotation->verdict = verdict;
  g_free (annotation->note);
  annotation->note = g_strdup (note ? note : "");
  g_ptr_array_add (annotations, annotation);
}

/* Nothing of the source is lost: what no converter used goes to metadata. */
void
_errata_import_keep_rest (ErrataTrace    *trace,
                          JsonObject     *object,
                          ErrataConsumed *consumed)
{
  JsonObject *metadata = errata_trace_get_metadata (trace);
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &value))
    {
      if (!_errata_import_is_consumed (consumed, key) && !json_object_has_member (metadata, key))
        json_object_set_member (metadata, key, json_node_copy (value));
    }
}

/* "id, query, response": for messages that tell what a record has. */
char *
_errata_import_describe_fields (JsonObject *object)
{
  GString *text = g_string_new (NULL);
  /* In the file's order (a CSV file's columns): json_object_iter_init()
   * walks a hash table. */
  g_autoptr(GList) keys = json_object_get_members (object);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, l->data);
    }
  if (text->len == 0)
    /* Translators: stands for the list of a record's fields when it has none. */
    g_string_append (text, _("(none)"));
  return g_string_free (text, FALSE);
}
