/* errata-otlp-proto-flat.c: the spans and log records of an OTLP protobuf
 * request flattened as it is decoded.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each span as _errata_import_otel_flatten() flattens the request's OTLP
 * JSON (errata_otlp_proto_traces_to_json()), member for member, in the
 * same order and with the same types, but without that tree: it built two
 * objects for every attribute (the KeyValue and its AnyValue) only for the
 * flattening to make one member of them, and freeing them took as long.
 * That made a protobuf request cost about twice a JSON one (bench/README.md,
 * "Protobuf flattened as it is decoded"). The members that are rare or
 * small (events, links, the scope) are still made by the JSON's builder
 * code (errata-otlp-proto.c), so that both paths give them alike by
 * construction; test-otlp-proto and the otlp-proto-flatten fuzz target
 * compare the two.
 */

#include "config.h"

#include <math.h>

#include "errata-otlp-proto-private.h"
#include "errata-proto-arena.h"

static JsonNode *
int_node (gint64 value)
{
  return json_node_init_int (json_node_alloc (), value);
}

static JsonNode *flat_any_value (const AnyValue *value);

static JsonObject *
flat_key_values (KeyValue * const *pairs,
                 gsize             n_pairs)
{
  JsonObject *result = json_object_new ();

  for (gsize i = 0; i < n_pairs; i++)
    {
      g_autofree char *valid = NULL;
      const char *key = pairs[i]->key ? pairs[i]->key : "";

      if (!g_utf8_validate (key, -1, NULL))
        key = valid = g_utf8_make_valid (key, -1);
      json_object_set_member (result, key, flat_any_value (pairs[i]->value));
    }
  return result;
}

static JsonNode *
flat_double (double value)
{
  if (isnan (value))
    return _errata_otlp_proto_string_node ("NaN");
  if (isinf (value))
    return _errata_otlp_proto_string_node (value > 0 ? "Infinity" : "-Infinity");
  return json_node_init_double (json_node_alloc (), value);
}

/* An AnyValue as _errata_import_otel_any_value() makes it of add_any_value()'s. */
static JsonNode *
flat_any_value (const AnyValue *value)
{
  switch (value ? value->value_case : OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE__NOT_SET)
    {
    case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_STRING_VALUE:
      return _errata_otlp_proto_string_node (value->string_value);
    case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_BOOL_VALUE:
      return json_node_init_boolean (json_node_alloc (), value->bool_value);
    case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_INT_VALUE:
      return int_node (value->int_value);
    case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_DOUBLE_VALUE:
      return flat_double (value->double_value);
    case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_ARRAY_VALUE:
      {
        g_autoptr(JsonArray) array = json_array_new ();

        for (gsize i = 0; value->array_value && i < value->array_value->n_values; i++)
          json_array_add_element (array, flat_any_value (value->array_value->values[i]));
        return json_node_init_array (json_node_alloc (), array);
      }
    case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_KVLIST_VALUE:
      {
        g_autoptr(JsonObject) object = flat_key_values (value->kvlist_value ? value->kvlist_value->values : NULL,
                                                        value->kvlist_value ? value->kvlist_value->n_values : 0);

        return json_node_init_object (json_node_alloc (), object);
      }
    case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_BYTES_VALUE:
      {
        g_autofree char *base64 = g_base64_encode (value->bytes_value.data, value->bytes_value.len);

        return _errata_otlp_proto_string_node (base64);
      }
    default:
      return json_node_new (JSON_NODE_NULL);
    }
}

/* A member add_span() writes with `add` (events, links, or the scope of
 * _errata_otlp_proto_add_scope()), made by the builder: NULL when it writes none. */
static JsonNode *
built_member (void      (*add) (JsonBuilder *builder, gconstpointer data),
              gconstpointer data,
              const char   *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add (builder, data);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_object_dup_member (json_node_get_object (root), name);
}

static void
build_events (JsonBuilder   *builder,
              gconstpointer  span)
{
  _errata_otlp_proto_add_events (builder, span);
}

static void
build_links (JsonBuilder   *builder,
             gconstpointer  span)
{
  _errata_otlp_proto_add_links (builder, span);
}

static void
build_scope (JsonBuilder   *builder,
             gconstpointer  scope)
{
  _errata_otlp_proto_add_scope (builder, scope);
}

/* Events and links: most spans have none, and an empty list is made here. */
static JsonNode *
list_member (const Span *span,
             gsize       n_items,
             void      (*add) (JsonBuilder *builder, gconstpointer data),
             const char *name)
{
  if (n_items == 0)
    {
      g_autoptr(JsonArray) empty = json_array_new ();

      return json_node_init_array (json_node_alloc (), empty);
    }
  return built_member (add, span, name);
}

static JsonNode *
status_node (const Span *span)
{
  g_autoptr(JsonObject) status = json_object_new ();

  if (span->status != NULL && span->status->message != NULL && *span->status->message != '\0')
    json_object_set_member (status, "message", _errata_otlp_proto_string_node (span->status->message));
  json_object_set_member (status, "code", int_node (span->status ? span->status->code : 0));
  return json_node_init_object (json_node_alloc (), status);
}

/* add_span()'s members in its order, each set as the flattening sets it. */
static JsonObject *
flat_span_members (const Span *span)
{
  JsonObject *flat = json_object_new ();
  JsonObject *attributes = flat_key_values (span->attributes, span->n_attributes);

  _errata_import_otel_set_flat_member (flat, "traceId", _errata_otlp_proto_hex_node (&span->trace_id));
  _errata_import_otel_set_flat_member (flat, "spanId", _errata_otlp_proto_hex_node (&span->span_id));
  if (span->trace_state != NULL && *span->trace_state != '\0')
    _errata_import_otel_set_flat_member (flat, "traceState", _errata_otlp_proto_string_node (span->trace_state));
  if (span->parent_span_id.len > 0)
    _errata_import_otel_set_flat_member (flat, "parentSpanId", _errata_otlp_proto_hex_node (&span->parent_span_id));
  _errata_import_otel_set_flat_member (flat, "name", _errata_otlp_proto_string_node (span->name));
  _errata_import_otel_set_flat_member (flat, "kind", int_node (span->kind));
  /* What the flattening makes of the decimal text OTLP JSON writes (a
   * time past G_MAXINT64 is G_MAXINT64), without writing and reading it. */
  json_object_set_int_member (flat, "startTimeUnixNano", (gint64)MIN (span->start_time_unix_nano, G_MAXINT64));
  json_object_set_int_member (flat, "endTimeUnixNano", (gint64)MIN (span->end_time_unix_nano, G_MAXINT64));
  json_object_set_object_member (flat, "attributes", attributes);
  _errata_import_otel_set_flat_member (flat, "droppedAttributesCount", int_node (span->dropped_attributes_count));
  _errata_import_otel_set_flat_member (flat, "events", list_member (span, span->n_events, build_events, "events"));
  _errata_import_otel_set_flat_member (flat, "droppedEventsCount", int_node (span->dropped_events_count));
  _errata_import_otel_set_flat_member (flat, "status", status_node (span));
  _errata_import_otel_set_flat_member (flat, "links", list_member (span, span->n_links, build_links, "links"));
  _errata_import_otel_set_flat_member (flat, "droppedLinksCount", int_node (span->dropped_links_count));
  if (span->flags != 0)
    _errata_import_otel_set_flat_member (flat, "flags", int_node (span->flags));
  return flat;
}

static gboolean
flatten_scope_spans (Opentelemetry__Proto__Trace__V1__ScopeSpans *scope_spans,
                     JsonObject                                  *resource,
                     ErrataOtelSinkFunc                           sink,
                     gpointer                                     user_data,
                     guint                                       *n_items,
                     guint                                       *n_rejected,
                     GError                                     **error)
{
  g_autoptr(JsonNode) scope = scope_spans->scope ? built_member (build_scope, scope_spans->scope, "scope") : NULL;

  for (gsize k = 0; k < scope_spans->n_spans; k++)
    {
      g_autoptr(JsonNode) flat = _errata_import_otel_finish_flat_span (flat_span_members (scope_spans->spans[k]),
                                                                       resource, scope);
      JsonObject *members = json_node_get_object (flat);
      const char *trace_id = errata_json_get_string (members, "traceId");

      /* The node holds the object's only reference now. */
      json_object_unref (members);
      if (!_errata_import_otel_is_trace_id (trace_id))
        {
          (*n_rejected)++;
          continue;
        }
      if (!sink (user_data, trace_id, json_object_get_int_member (members, "startTimeUnixNano"), flat, error))
        return FALSE;
      (*n_items)++;
    }
  return TRUE;
}

/* protobuf-c's unpack of a request, as _errata_otlp_proto_unpack_traces()
 * and _logs() do it. */
typedef ProtobufCMessage *(*UnpackFunc) (const guint8        *data,
                                         gsize                size,
                                         ProtobufCAllocator  *allocator,
                                         GError             **error);

static ProtobufCMessage *
unpack_traces (const guint8        *data,
               gsize                size,
               ProtobufCAllocator  *allocator,
               GError             **error)
{
  return (ProtobufCMessage *)_errata_otlp_proto_unpack_traces (data, size, allocator, error);
}

static ProtobufCMessage *
unpack_logs (const guint8        *data,
             gsize                size,
             ProtobufCAllocator  *allocator,
             GError             **error)
{
  return (ProtobufCMessage *)_errata_otlp_proto_unpack_logs (data, size, allocator, error);
}

/* The request unpacked into `arena`; with malloc when the body outgrows it
 * (errata-proto-arena.c: malloc frees what protobuf-c's merges replace as
 * they go), and then arena->chunks is NULL. release_request() frees it. */
static ProtobufCMessage *
unpack_in_arena (UnpackFunc         unpack,
                 const guint8      *data,
                 gsize              size,
                 ErrataProtoArena  *arena,
                 GError           **error)
{
  ProtobufCMessage *request;

  errata_proto_arena_init (arena, size);
  request = unpack (data, size, &arena->allocator, error);
  if (request == NULL && arena->over_budget)
    {
      g_clear_error (error);
      errata_proto_arena_clear (arena);
      request = unpack (data, size, NULL, error);
    }
  if (request == NULL)
    errata_proto_arena_clear (arena);
  return request;
}

static void
release_request (ProtobufCMessage *request,
                 ErrataProtoArena *arena)
{
  if (arena->chunks == NULL)
    protobuf_c_message_free_unpacked (request, NULL);
  errata_proto_arena_clear (arena);
}

gboolean
errata_otlp_proto_flatten_traces (const guint8        *data,
                                  gsize                size,
                                  ErrataOtelSinkFunc   sink,
                                  gpointer             user_data,
                                  guint               *n_items,
                                  guint               *n_rejected,
                                  GError             **error)
{
  Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceRequest *request;
  ErrataProtoArena arena;
  gboolean ok = TRUE;

  *n_items = 0;
  *n_rejected = 0;
  request = (TraceRequest *)unpack_in_arena (unpack_traces, data, size, &arena, error);
  if (request == NULL)
    return FALSE;
  for (gsize i = 0; ok && i < request->n_resource_spans; i++)
    {
      Opentelemetry__Proto__Trace__V1__ResourceSpans *rs = request->resource_spans[i];
      g_autoptr(JsonObject) resource = rs->resource ? flat_key_values (rs->resource->attributes, rs->resource->n_attributes)
                                                    : json_object_new ();

      for (gsize j = 0; ok && j < rs->n_scope_spans; j++)
        ok = flatten_scope_spans (rs->scope_spans[j], resource, sink, user_data, n_items, n_rejected, error);
    }
  release_request ((ProtobufCMessage *)request, &arena);
  return ok;
}

/* When it happened, as the import reads the record's JSON: a record
 * without (0) has the time it was seen. */
static gint64
record_time (const LogRecord *record)
{
  g_autoptr(JsonNode) time = _errata_otlp_proto_uint64_string_node (record->time_unix_nano);
  g_autoptr(JsonNode) observed = _errata_otlp_proto_uint64_string_node (record->observed_time_unix_nano);
  gint64 nanos = _errata_import_otel_int64 (time);

  return nanos != 0 ? nanos : _errata_import_otel_int64 (observed);
}

/* What add_log_record() writes of an event name: NULL where it writes
 * none (none or empty), else the name made valid UTF-8 as add_string() does. */
static char *
valid_or_null (const char *value)
{
  if (value == NULL || *value == '\0')
    return NULL;
  return g_utf8_validate (value, -1, NULL) ? g_strdup (value) : g_utf8_make_valid (value, -1);
}

static gboolean
flatten_log_record (const LogRecord     *record,
                    ErrataOtelSinkFunc   sink,
                    gpointer             user_data,
                    guint               *n_items,
                    guint               *n_rejected,
                    GError             **error)
{
  g_autoptr(JsonNode) trace_node = record->trace_id.len > 0 ? _errata_otlp_proto_hex_node (&record->trace_id) : NULL;
  g_autoptr(JsonNode) span_node = record->span_id.len > 0 ? _errata_otlp_proto_hex_node (&record->span_id) : NULL;
  const char *trace_id = trace_node ? json_node_get_string (trace_node) : NULL;
  g_autofree char *normal_trace_id = _errata_import_otel_normal_id_text (trace_id);
  g_autofree char *event_name = valid_or_null (record->event_name);
  g_autoptr(JsonNode) flat = NULL;

  if (normal_trace_id != NULL)
    trace_id = normal_trace_id;
  if (!_errata_import_otel_is_trace_id (trace_id))
    {
      (*n_rejected)++;
      return TRUE;
    }
  flat = _errata_import_otel_flat_log_record (event_name, span_node ? json_node_get_string (span_node) : NULL,
                                              record_time (record), flat_any_value (record->body),
                                              flat_key_values (record->attributes, record->n_attributes));
  if (!sink (user_data, trace_id, record_time (record), flat, error))
    return FALSE;
  (*n_items)++;
  return TRUE;
}

gboolean
errata_otlp_proto_flatten_logs (const guint8        *data,
                                gsize                size,
                                ErrataOtelSinkFunc   sink,
                                gpointer             user_data,
                                guint               *n_items,
                                guint               *n_rejected,
                                GError             **error)
{
  Opentelemetry__Proto__Collector__Logs__V1__ExportLogsServiceRequest *request;
  ErrataProtoArena arena;
  gboolean ok = TRUE;

  *n_items = 0;
  *n_rejected = 0;
  request = (LogsRequest *)unpack_in_arena (unpack_logs, data, size, &arena, error);
  if (request == NULL)
    return FALSE;
  for (gsize i = 0; ok && i < request->n_resource_logs; i++)
    for (gsize j = 0; ok && j < request->resource_logs[i]->n_scope_logs; j++)
      {
        Opentelemetry__Proto__Logs__V1__ScopeLogs *scope_logs = request->resource_logs[i]->scope_logs[j];

        for (gsize k = 0; ok && k < scope_logs->n_log_records; k++)
          ok = flatten_log_record (scope_logs->log_records[k], sink, user_data, n_items, n_rejected, error);
      }
  release_request ((ProtobufCMessage *)request, &arena);
  return ok;
}
