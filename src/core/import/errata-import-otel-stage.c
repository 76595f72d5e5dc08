/* errata-import-otel-stage.c: reading OTLP JSON exports into the stage.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OTLP JSON export lists spans by resource and scope, traces mixed.
 * Each span is flattened (its attributes, in OTLP's typed key/value form,
 * become a plain object; the resource's attributes come along) and staged
 * under its trace id; errata-import-otel.c builds the traces once all
 * records are read. Log records (ExportLogsServiceRequest) are staged by
 * errata-import-otel-logs.c under the same trace ids.
 */

#include "config.h"

#include "errata-import-private.h"
#include "errata-json-guard.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>


static JsonNode *
any_array (JsonObject *array_value)
{
  JsonArray *values = errata_json_get_array (array_value, "values");
  g_autoptr(JsonArray) result = json_array_new ();

  for (guint i = 0; values && i < json_array_get_length (values); i++)
    json_array_add_element (result, _errata_import_otel_any_value (json_array_get_element (values, i)));
  /* The node takes a reference of its own. */
  return json_node_init_array (json_node_alloc (), result);
}

static JsonNode *
any_kvlist (JsonObject *kvlist)
{
  JsonArray *values = errata_json_get_array (kvlist, "values");
  JsonObject *result = json_object_new ();
  JsonNode *node;

  for (guint i = 0; values && i < json_array_get_length (values); i++)
    {
      JsonObject *pair = errata_json_array_get_object (values, i);
      const char *key = pair ? errata_json_get_string (pair, "key") : NULL;

      if (key != NULL)
        json_object_set_member (result, key, _errata_import_otel_any_value (json_object_get_member (pair, "value")));
    }
  node = json_node_init_object (json_node_alloc (), result);
  json_object_unref (result);
  return node;
}

/* A double written without a fraction (`1`: JavaScript writes 1.0 so)
 * is still a double, as protobuf's encoding of the same value gives it:
 * an attribute should not change its type with the exporter's encoding.
 * Anything else (`"NaN"`, a string) as it is. */
JsonNode *
_errata_import_otel_double (JsonNode *value)
{
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64)
    return json_node_init_double (json_node_alloc (), (double)json_node_get_int (value));
  return json_node_copy (value);
}

/* OTLP's AnyValue to plain JSON. 64-bit integers arrive as strings. */
JsonNode *
_errata_import_otel_any_value (JsonNode *value)
{
  JsonObject *object;
  JsonNode *member;

  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    return value ? json_node_copy (value) : json_node_new (JSON_NODE_NULL);

  object = json_node_get_object (value);
  if ((member = json_object_get_member (object, "stringValue")) != NULL)
    return json_node_copy (member);
  if ((member = json_object_get_member (object, "doubleValue")) != NULL)
    return _errata_import_otel_double (member);
  if ((member = json_object_get_member (object, "boolValue")) != NULL
      || (member = json_object_get_member (object, "bytesValue")) != NULL)
    return json_node_copy (member);
  if ((member = json_object_get_member (object, "intValue")) != NULL)
    return json_node_init_int (json_node_alloc (), _errata_import_otel_int64 (member));
  if (errata_json_get_object (object, "arrayValue") != NULL)
    return any_array (errata_json_get_object (object, "arrayValue"));
  if (errata_json_get_object (object, "kvlistValue") != NULL)
    return any_kvlist (errata_json_get_object (object, "kvlistValue"));
  return json_node_new (JSON_NODE_NULL);
}

JsonObject *
_errata_import_otel_flatten_attributes (JsonArray *attributes)
{
  JsonObject *result = json_object_new ();

  for (guint i = 0; attributes && i < json_array_get_length (attributes); i++)
    {
      JsonObject *pair = errata_json_array_get_object (attributes, i);
      const char *key = pair ? errata_json_get_string (pair, "key") : NULL;

      if (key != NULL)
        json_object_set_member (result, key, _errata_import_otel_any_value (json_object_get_member (pair, "value")));
    }
  return result;
}

/* `real` as an int64 when it is finite and in range, truncated. */
static gboolean
int64_of_double (double  real,
                 gint64 *result)
{
  if (!isfinite (real) || real < -9223372036854775808.0 || real >= 9223372036854775808.0)
    return FALSE;
  *result = (gint64)real;
  return TRUE;
}

/* A proto3 JSON int64: a number or a decimal string, and with an exponent
 * too (`1.7e18`, which a JSON writer may make of a large number), as
 * protobuf's own JSON parsers take it; such a value used to read as its
 * first digits. A fraction is cut off (`12.5` is 12; `2500.0` stays exact
 * past 2^53); a number out of range is 0. Text that is no number reads as
 * the integer it begins with, or 0. */
gint64
_errata_import_otel_int64 (JsonNode *value)
{
  g_autofree char *text = NULL;
  char *end = NULL;
  gint64 result;
  gint64 whole;
  double real;

  /* json-glib writes a double back as text in a way of its own (1.6 wrote
   * 1e18 as "1e+18.0"): a number node is read as a number. */
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64)
    return json_node_get_int (value);
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_DOUBLE)
    return int64_of_double (json_node_get_double (value), &whole) ? whole : 0;

  text = _errata_import_value_text (value);
  if (text == NULL)
    return 0;
  result = g_ascii_strtoll (text, &end, 10);
  if (*end != '.' && *end != 'e' && *end != 'E')
    return result;
  if (*end == '.' && end[1 + strspn (end + 1, "0")] == '\0')
    return result;
  real = g_ascii_strtod (text, &end);
  if (*end != '\0')
    return result;
  return int64_of_double (real, &whole) ? whole : 0;
}

gboolean
_errata_import_otel_is_trace_id (const char *id)
{
  if (id == NULL)
    return FALSE;
  for (; *id != '\0'; id++)
    if (*id != '0')
      return TRUE;
  return FALSE;
}

gint64
_errata_import_otel_nanos (JsonObject *span,
                           const char *key)
{
  return _errata_import_otel_int64 (json_object_get_member (span, key));
}

/* An id of `n_bytes` in base64 exactly as proto3's JSON writes bytes
 * (standard alphabet, padded): its bytes in lowercase hex; NULL when `id`
 * is not one. */
static char *
hex_of_base64_id (const char *id,
                  gsize       n_bytes)
{
  gsize length = strlen (id);
  g_autofree guchar *bytes = NULL;
  g_autofree char *again = NULL;
  gsize n_decoded = 0;
  GString *hex;

  if (length != (n_bytes + 2) / 3 * 4 || id[length - 1] != '=')
    return NULL;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
      return NULL;
  bytes = g_base64_decode (id, &n_decoded);
  if (n_decoded != n_bytes)
    return NULL;
  /* g_base64_decode() is lenient (a `=` inside, padding bits set): only
   * the one text that encodes these bytes is taken, so that two ids never
   * become one. */
  again = g_base64_encode (bytes, n_bytes);
  if (!g_str_equal (again, id))
    return NULL;
  hex = g_string_sized_new (n_bytes * 2);
  for (gsize i = 0; i < n_bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  return g_string_free (hex, FALSE);
}

/* OTLP's JSON ids are hex, "case-insensitive" says the specification:
 * kept in lowercase, as the protobuf decoding writes them, so that one
 * trace's spans meet whatever their exporter wrote. Exporters older than
 * that rule (Go, Swift and Dart ones) wrote them in base64, as proto3's
 * JSON writes bytes: a trace id of 16 bytes and a span id of 8 become
 * hex too, so their spans meet the same spans sent as protobuf. */
char *
_errata_import_otel_normal_id_text (const char *id)
{
  char *hex;
  gboolean has_capitals = FALSE;

  if (id == NULL)
    return NULL;
  if ((hex = hex_of_base64_id (id, 16)) != NULL || (hex = hex_of_base64_id (id, 8)) != NULL)
    return hex;
  /* Only hex is case-insensitive: another id in capitals (an exporter's
   * own, or base64 this does not mend) is kept as given, so that two ids
   * never become one. */
  for (const char *p = id; *p != '\0'; p++)
    {
      if (!g_ascii_isxdigit (*p))
        return NULL;
      has_capitals |= g_ascii_isupper (*p);
    }
  return has_capitals ? g_ascii_strdown (id, -1) : NULL;
}

gboolean
_errata_import_otel_normal_id (JsonNode  *value,
                               char     **normal)
{
  *normal = NULL;
  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return FALSE;
  *normal = _errata_import_otel_normal_id_text (json_node_get_string (value));
  return *normal != NULL;
}

static gboolean
is_id_key (const char *key)
{
  return g_str_equal (key, "traceId") || g_str_equal (key, "spanId") || g_str_equal (key, "parentSpanId");
}

/* `link` with its ids mended; NULL when none needs it. */
static JsonObject *
link_with_normal_ids (JsonObject *link)
{
  g_autoptr(JsonObject) copy = json_object_new ();
  gboolean mended = FALSE;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, link);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      g_autofree char *normal = NULL;

      if ((g_str_equal (key, "traceId") || g_str_equal (key, "spanId"))
          && _errata_import_otel_normal_id (value, &normal))
        {
          json_object_set_string_member (copy, key, normal);
          mended = TRUE;
        }
      else
        json_object_set_member (copy, key, json_node_copy (value));
    }
  return mended ? g_steal_pointer (&copy) : NULL;
}

/* A span's links with their ids mended as the span's own are, since the
 * protobuf decoding writes those in lowercase hex too; NULL when no link
 * needs it (the usual case: nothing is copied). */
static JsonNode *
links_with_normal_ids (JsonNode *links)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (links) ? json_node_get_array (links) : NULL;
  g_autoptr(JsonArray) mended = NULL;
  guint length = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(JsonObject) link = JSON_NODE_HOLDS_OBJECT (element)
                                   ? link_with_normal_ids (json_node_get_object (element)) : NULL;

      if (link != NULL && mended == NULL)
        {
          mended = json_array_sized_new (length);
          for (guint j = 0; j < i; j++)
            json_array_add_element (mended, json_node_copy (json_array_get_element (array, j)));
        }
      if (link != NULL)
        json_array_add_object_element (mended, g_steal_pointer (&link));
      else if (mended != NULL)
        json_array_add_element (mended, json_node_copy (element));
    }
  return mended ? json_node_init_array (json_node_alloc (), mended) : NULL;
}

void
_errata_import_otel_set_flat_member (JsonObject *flat,
                                     const char *key,
                                     JsonNode   *value)
{
  g_autofree char *normal = NULL;
  JsonNode *links;

  if (g_str_equal (key, "startTimeUnixNano") || g_str_equal (key, "endTimeUnixNano"))
    {
      json_object_set_int_member (flat, key, _errata_import_otel_int64 (value));
      json_node_unref (value);
    }
  else if (is_id_key (key) && _errata_import_otel_normal_id (value, &normal))
    {
      json_object_set_string_member (flat, key, normal);
      json_node_unref (value);
    }
  else if (g_str_equal (key, "links") && (links = links_with_normal_ids (value)) != NULL)
    {
      json_object_set_member (flat, key, links);
      json_node_unref (value);
    }
  else
    json_object_set_member (flat, key, value);
}

/* OTLP before 1.0 (OpenTelemetry JS before 0.28, the Collector before
 * 0.48) named the scope `instrumentationLibrary`, in
 * `instrumentationLibrarySpans`: the same object. */
static JsonNode *
scope_of (JsonObject *scope_spans)
{
  JsonNode *scope = json_object_get_member (scope_spans, "scope");

  return scope != NULL ? scope : json_object_get_member (scope_spans, "instrumentationLibrary");
}

JsonNode *
_errata_import_otel_finish_flat_span (JsonObject *flat,
                                      JsonObject *resource,
                                      JsonNode   *scope)
{
  if (!json_object_has_member (flat, "attributes"))
    json_object_set_object_member (flat, "attributes", json_object_new ());
  if (resource != NULL && json_object_get_size (resource) > 0)
    json_object_set_object_member (flat, "resource", json_object_ref (resource));
  if (scope != NULL)
    json_object_set_member (flat, "scope", json_node_copy (scope));
  return json_node_init_object (json_node_alloc (), flat);
}

/* The span's members in their order (errata-import-otel-fast.c keeps it
 * as it reads them). */
JsonNode *
_errata_import_otel_flatten_span (JsonObject *span,
                                  JsonObject *resource,
                                  JsonNode   *scope)
{
  g_autoptr(JsonObject) flat = json_object_new ();
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, span);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      if (g_str_equal (key, "attributes"))
        json_object_set_object_member (flat, "attributes",
                                       _errata_import_otel_flatten_attributes (JSON_NODE_HOLDS_ARRAY (value)
                                                           ? json_node_get_array (value) : NULL));
      else
        _errata_import_otel_set_flat_member (flat, key, json_node_copy (value));
    }
  return _errata_import_otel_finish_flat_span (flat, resource, scope);
}

static gboolean
flatten_spans (JsonArray          *spans,
               JsonObject         *resource,
               JsonNode           *scope,
               ErrataOtelSinkFunc  sink,
               gpointer            user_data,
               guint              *n_items,
               guint              *n_rejected,
               GError            **error)
{
  for (guint i = 0; spans && i < json_array_get_length (spans); i++)
    {
      JsonObject *span = errata_json_array_get_object (spans, i);
      g_autoptr(JsonNode) flat = NULL;
      const char *trace_id;

      if (span == NULL)
        {
          (*n_rejected)++;
          continue;
        }
      flat = _errata_import_otel_flatten_span (span, resource, scope);
      /* As flattened (in lowercase hex), as the reader checks it. */
      trace_id = errata_json_get_string (json_node_get_object (flat), "traceId");
      if (!_errata_import_otel_is_trace_id (trace_id))
        {
          (*n_rejected)++;
          continue;
        }
      if (!sink (user_data, trace_id, _errata_import_otel_nanos (span, "startTimeUnixNano"), flat, error))
        return FALSE;
      (*n_items)++;
    }
  return TRUE;
}

/* A proto field name in lowerCamelCase: `start_time_unix_nano` →
 * `startTimeUnixNano`, as proto3's JSON mapping spells it. */
static char *
lower_camel_case (const char *name)
{
  GString *camel = g_string_sized_new (strlen (name));

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '\0' && camel->len > 0)
        g_string_append_c (camel, g_ascii_toupper (*++p));
      else
        g_string_append_c (camel, *p);
    }
  return g_string_free (camel, FALSE);
}

/* A tree of its own, values and all (json_node_copy() shares them); with
 * `camel_case`, every member named in lowerCamelCase (every member name in
 * an OTLP request is a field name: OTLP has no map fields, and an
 * attribute's key is a value). */
JsonNode *
_errata_import_otel_copy_tree (JsonNode *node,
                               gboolean  camel_case)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(JsonObject) copy = json_object_new ();
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      /* In the members' order: the trace's metadata is written from it. */
      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &key, &value))
        {
          g_autofree char *camel = camel_case ? lower_camel_case (key) : NULL;

          json_object_set_member (copy, camel ? camel : key, _errata_import_otel_copy_tree (value, camel_case));
        }
      /* The node takes a reference of its own. */
      return json_node_init_object (json_node_alloc (), copy);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(JsonArray) copy = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, _errata_import_otel_copy_tree (json_array_get_element (array, i), camel_case));
      return json_node_init_array (json_node_alloc (), copy);
    }
  if (JSON_NODE_HOLDS_NULL (node))
    return json_node_init_null (json_node_alloc ());
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_init_int (json_node_alloc (), json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return json_node_init_double (json_node_alloc (), json_node_get_double (node));
    case G_TYPE_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), json_node_get_boolean (node));
    default:
      return json_node_init_string (json_node_alloc (), json_node_get_string (node));
    }
}

/* OTLP/JSON names fields in lowerCamelCase, but proto3's JSON parsers
 * (the Collector's among them) take the proto's own names too
 * (`resource_spans`), which Python's json_format writes when asked to keep
 * them. Such a file was not recognised, and such a request read as empty
 * (answered 200, nothing stored). NULL when `object` has OTLP/JSON's
 * names; else a copy named as OTLP/JSON names it. */
JsonNode *
_errata_import_otel_json_names (JsonObject *object)
{
  g_autoptr(JsonNode) root = NULL;

  if (!json_object_has_member (object, "resource_spans") && !json_object_has_member (object, "resource_logs"))
    return NULL;
  root = json_node_init_object (json_node_alloc (), object);
  return _errata_import_otel_copy_tree (root, TRUE);
}

gboolean
_errata_import_otel_flatten (JsonObject          *object,
                             ErrataOtelSinkFunc   sink,
                             gpointer             user_data,
                             guint               *n_items,
                             guint               *n_rejected,
                             GError             **error)
{
  JsonArray *resource_spans;

  *n_items = 0;
  *n_rejected = 0;
  /* Log events (message content, for some instrumentations) join their
   * spans by trace and span id. */
  if (json_object_has_member (object, "resourceLogs") && !json_object_has_member (object, "resourceSpans"))
    return _errata_import_otel_logs_flatten (object, sink, user_data, n_items, n_rejected, error);
  resource_spans = errata_json_get_array (object, "resourceSpans");
  if (resource_spans == NULL)
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                   /* Translators: `resourceSpans` is a field name of OpenTelemetry's
                    * export format: keep it as it is. %s is a JSON type, e.g. “an object”. */
                   _("`resourceSpans` must be an array, found %s"),
                   errata_json_node_describe (json_object_get_member (object, "resourceSpans")));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (resource_spans); i++)
    {
      JsonObject *rs = errata_json_array_get_object (resource_spans, i);
      JsonObject *resource_object = rs ? errata_json_get_object (rs, "resource") : NULL;
      g_autoptr(JsonObject) resource = NULL;
      JsonArray *scopes;

      if (rs == NULL)
        continue;
      resource = _errata_import_otel_flatten_attributes (resource_object ? errata_json_get_array (resource_object, "attributes") : NULL);
      scopes = errata_json_get_array (rs, "scopeSpans");
      if (scopes == NULL)
        scopes = errata_json_get_array (rs, "instrumentationLibrarySpans");
      for (guint j = 0; scopes && j < json_array_get_length (scopes); j++)
        {
          JsonObject *ss = errata_json_array_get_object (scopes, j);

          if (ss != NULL
              && !flatten_spans (errata_json_get_array (ss, "spans"), resource, scope_of (ss), sink, user_data,
                                 n_items, n_rejected, error))
            return FALSE;
        }
    }
  return TRUE;
}

typedef struct
{
  ErrataImportStage   *stage;
  ErrataImportContext *ctx;
} StageSink;

static gboolean
stage_one (gpointer     user_data,
           const char  *trace_id,
           gint64       start,
           JsonNode    *flat,
           GError     **error)
{
  StageSink *sink = user_data;

  return _errata_import_stage_add (sink->stage, "otel", trace_id, sink->ctx->source, start, flat, error);
}

gboolean
_errata_import_otel_stage (ErrataImportStage    *stage,
                           ErrataImportContext  *ctx,
                           const ErrataRecord   *record,
                           GError              **error)
{
  StageSink sink = { stage, ctx };
  g_autoptr(JsonNode) renamed = NULL;
  JsonObject *object;
  guint n_staged = 0;
  guint n_rejected = 0;

  object = _errata_import_require_object (record, error);
  if (object == NULL)
    return FALSE;
  renamed = _errata_import_otel_json_names (object);
  if (renamed != NULL)
    object = json_node_get_object (renamed);
  if (!_errata_import_otel_flatten (object, stage_one, &sink, &n_staged, &n_rejected, error))
    return FALSE;
  if (n_staged > 0)
    return TRUE;
  if (json_object_has_member (object, "resourceLogs") && !json_object_has_member (object, "resourceSpans"))
    g_set_error_literal (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                         /* Translators: a log record is one event of an OpenTelemetry
                          * export; `traceId` is a field name: keep it as it is. */
                         _("the record has no log records with a `traceId`"));
  else
    g_set_error_literal (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD,
                         /* Translators: a span is one timed step of an OpenTelemetry trace;
                          * `traceId` is a field name: keep it as it is. */
                         _("the record has no spans with a `traceId`"));
  return FALSE;
}
