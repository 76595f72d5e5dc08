/* errata-otlp-proto.c: OTLP protobuf bodies as OTLP JSON, and their spans
 * and log records flattened as that JSON's are.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * protobuf-c decodes the wire format (code generated from proto/, see
 * README.md); this file walks the decoded messages. It writes the OTLP
 * JSON encoding of the same request, field by field as the
 * specification's JSON mapping says: trace and span ids in lowercase hex,
 * fixed64 times and int64 values as decimal strings, enums as numbers,
 * bytes in base64. And it makes the flattened spans and log records the
 * file import makes of that JSON, mostly without making it (events, links
 * and the scope still go through the same builder code), so that a
 * protobuf body and a JSON body go through the very same
 * span-to-conversation code.
 */

#include "config.h"

#include <inttypes.h>
#include <math.h>

#include "errata-otlp-proto.h"

#include "errata-import-private.h"

#include "google/rpc/status.pb-c.h"
#include "opentelemetry/proto/collector/logs/v1/logs_service.pb-c.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb-c.h"

#include <glib/gi18n-lib.h>

typedef Opentelemetry__Proto__Common__V1__AnyValue AnyValue;
typedef Opentelemetry__Proto__Common__V1__KeyValue KeyValue;
typedef Opentelemetry__Proto__Common__V1__InstrumentationScope Scope;
typedef Opentelemetry__Proto__Resource__V1__Resource Resource;
typedef Opentelemetry__Proto__Trace__V1__Span Span;
typedef Opentelemetry__Proto__Logs__V1__LogRecord LogRecord;

static void add_any_value (JsonBuilder *builder, const AnyValue *value);

/* The values of both ways (the request's JSON, and the spans flattened as
 * decoded), made once. */

/* protobuf-c does not check that a string is UTF-8, as proto3 wants: an
 * SDK that cut a long attribute inside a character sends the rest. */
static JsonNode *
string_node (const char *value)
{
  g_autofree char *valid = NULL;

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);
  return json_node_init_string (json_node_alloc (), value ? value : "");
}

static JsonNode *
hex_node (const ProtobufCBinaryData *bytes)
{
  static const char digits[] = "0123456789abcdef";
  g_autofree char *hex = g_malloc (bytes->len * 2 + 1);

  for (gsize i = 0; i < bytes->len; i++)
    {
      hex[2 * i] = digits[bytes->data[i] >> 4];
      hex[2 * i + 1] = digits[bytes->data[i] & 0xf];
    }
  hex[bytes->len * 2] = '\0';
  return json_node_init_string (json_node_alloc (), hex);
}

/* JSON numbers are doubles: a nanosecond time needs all 64 bits. */
static JsonNode *
uint64_string_node (guint64 value)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" PRIu64, value);
  return json_node_init_string (json_node_alloc (), text);
}

static void
add_hex (JsonBuilder               *builder,
         const char                *name,
         const ProtobufCBinaryData *bytes)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_value (builder, hex_node (bytes));
}

static void
add_uint64_string (JsonBuilder *builder,
                   const char  *name,
                   guint64      value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_value (builder, uint64_string_node (value));
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_value (builder, string_node (value));
}

static void
add_key_values (JsonBuilder     *builder,
                const char      *name,
                KeyValue * const *pairs,
                gsize            n_pairs)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (gsize i = 0; i < n_pairs; i++)
    {
      json_builder_begin_object (builder);
      add_string (builder, "key", pairs[i]->key);
      json_builder_set_member_name (builder, "value");
      add_any_value (builder, pairs[i]->value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_any_value (JsonBuilder    *builder,
               const AnyValue *value)
{
  json_builder_begin_object (builder);
  switch (value ? value->value_case : OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE__NOT_SET)
    {
    case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_STRING_VALUE:
      add_string (builder, "stringValue", value->string_value);
      break;
    case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_BOOL_VALUE:
      json_builder_set_member_name (builder, "boolValue");
      json_builder_add_boolean_value (builder, value->bool_value);
      break;
    case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_INT_VALUE:
      {
        char text[32];

        g_snprintf (text, sizeof text, "%" PRId64, (gint64)value->int_value);
        add_string (builder, "intValue", text);
      }
      break;
    case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_DOUBLE_VALUE:
      /* No JSON number for these: proto3's JSON spells them as strings,
       * which the JSON encoding's exporters send. */
      if (isnan (value->double_value))
        add_string (builder, "doubleValue", "NaN");
      else if (isinf (value->double_value))
        add_string (builder, "doubleValue", value->double_value > 0 ? "Infinity" : "-Infinity");
      else
        {
          json_builder_set_member_name (builder, "doubleValue");
          json_builder_add_double_value (builder, value->double_value);
        }
      break;
    case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_ARRAY_VALUE:
      json_builder_set_member_name (builder, "arrayValue");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (gsize i = 0; value->array_value && i < value->array_value->n_values; i++)
        add_any_value (builder, value->array_value->values[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      break;
    case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_KVLIST_VALUE:
      json_builder_set_member_name (builder, "kvlistValue");
      json_builder_begin_object (builder);
      add_key_values (builder, "values",
                      value->kvlist_value ? value->kvlist_value->values : NULL,
                      value->kvlist_value ? value->kvlist_value->n_values : 0);
      json_builder_end_object (builder);
      break;
    case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_BYTES_VALUE:
      {
        g_autofree char *base64 = g_base64_encode (value->bytes_value.data, value->bytes_value.len);

        add_string (builder, "bytesValue", base64);
      }
      break;
    default:
      break;
    }
  json_builder_end_object (builder);
}

static void
add_resource (JsonBuilder    *builder,
              const Resource *resource)
{
  if (resource == NULL)
    return;
  json_builder_set_member_name (builder, "resource");
  json_builder_begin_object (builder);
  add_key_values (builder, "attributes", resource->attributes, resource->n_attributes);
  add_int (builder, "droppedAttributesCount", resource->dropped_attributes_count);
  json_builder_end_object (builder);
}

static void
add_scope (JsonBuilder *builder,
           const Scope *scope)
{
  if (scope == NULL)
    return;
  json_builder_set_member_name (builder, "scope");
  json_builder_begin_object (builder);
  add_string (builder, "name", scope->name);
  if (scope->version != NULL && *scope->version != '\0')
    add_string (builder, "version", scope->version);
  if (scope->n_attributes > 0)
    add_key_values (builder, "attributes", scope->attributes, scope->n_attributes);
  json_builder_end_object (builder);
}

static void
add_events (JsonBuilder *builder,
            const Span  *span)
{
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (gsize i = 0; i < span->n_events; i++)
    {
      json_builder_begin_object (builder);
      add_uint64_string (builder, "timeUnixNano", span->events[i]->time_unix_nano);
      add_string (builder, "name", span->events[i]->name);
      add_key_values (builder, "attributes", span->events[i]->attributes, span->events[i]->n_attributes);
      add_int (builder, "droppedAttributesCount", span->events[i]->dropped_attributes_count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_links (JsonBuilder *builder,
           const Span  *span)
{
  json_builder_set_member_name (builder, "links");
  json_builder_begin_array (builder);
  for (gsize i = 0; i < span->n_links; i++)
    {
      json_builder_begin_object (builder);
      add_hex (builder, "traceId", &span->links[i]->trace_id);
      add_hex (builder, "spanId", &span->links[i]->span_id);
      add_key_values (builder, "attributes", span->links[i]->attributes, span->links[i]->n_attributes);
      add_int (builder, "droppedAttributesCount", span->links[i]->dropped_attributes_count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_span (JsonBuilder *builder,
          const Span  *span)
{
  json_builder_begin_object (builder);
  add_hex (builder, "traceId", &span->trace_id);
  add_hex (builder, "spanId", &span->span_id);
  if (span->trace_state != NULL && *span->trace_state != '\0')
    add_string (builder, "traceState", span->trace_state);
  /* A root span has none: the JSON exporters leave the member out. */
  if (span->parent_span_id.len > 0)
    add_hex (builder, "parentSpanId", &span->parent_span_id);
  add_string (builder, "name", span->name);
  add_int (builder, "kind", span->kind);
  add_uint64_string (builder, "startTimeUnixNano", span->start_time_unix_nano);
  add_uint64_string (builder, "endTimeUnixNano", span->end_time_unix_nano);
  add_key_values (builder, "attributes", span->attributes, span->n_attributes);
  add_int (builder, "droppedAttributesCount", span->dropped_attributes_count);
  add_events (builder, span);
  add_int (builder, "droppedEventsCount", span->dropped_events_count);
  json_builder_set_member_name (builder, "status");
  json_builder_begin_object (builder);
  if (span->status != NULL && span->status->message != NULL && *span->status->message != '\0')
    add_string (builder, "message", span->status->message);
  add_int (builder, "code", span->status ? span->status->code : 0);
  json_builder_end_object (builder);
  add_links (builder, span);
  add_int (builder, "droppedLinksCount", span->dropped_links_count);
  if (span->flags != 0)
    add_int (builder, "flags", span->flags);
  json_builder_end_object (builder);
}

static void
add_log_record (JsonBuilder     *builder,
                const LogRecord *record)
{
  json_builder_begin_object (builder);
  add_uint64_string (builder, "timeUnixNano", record->time_unix_nano);
  add_uint64_string (builder, "observedTimeUnixNano", record->observed_time_unix_nano);
  add_int (builder, "severityNumber", record->severity_number);
  if (record->severity_text != NULL && *record->severity_text != '\0')
    add_string (builder, "severityText", record->severity_text);
  if (record->body != NULL)
    {
      json_builder_set_member_name (builder, "body");
      add_any_value (builder, record->body);
    }
  add_key_values (builder, "attributes", record->attributes, record->n_attributes);
  add_int (builder, "droppedAttributesCount", record->dropped_attributes_count);
  add_int (builder, "flags", record->flags);
  if (record->trace_id.len > 0)
    add_hex (builder, "traceId", &record->trace_id);
  if (record->span_id.len > 0)
    add_hex (builder, "spanId", &record->span_id);
  if (record->event_name != NULL && *record->event_name != '\0')
    add_string (builder, "eventName", record->event_name);
  json_builder_end_object (builder);
}

/* protobuf-c (1.4) unpacks nested messages by recursion without a limit,
 * and an AnyValue may hold an array of AnyValues: a few megabytes of
 * nesting would overflow the stack (and then json-glib's, which recurses
 * too). So the wire is walked first, with the descriptors protoc-c made,
 * counting how deep messages nest; nothing real comes near the limit. */
#define MAX_DEPTH 64

static gboolean
read_varint (const guint8 **p,
             const guint8  *end,
             guint64       *value)
{
  *value = 0;
  for (guint shift = 0; shift < 64; shift += 7)
    {
      if (*p >= end)
        return FALSE;
      *value |= (guint64)(**p & 0x7f) << shift;
      if ((*(*p)++ & 0x80) == 0)
        return TRUE;
    }
  return FALSE;
}

static const ProtobufCMessageDescriptor *
nested_descriptor (const ProtobufCMessageDescriptor *descriptor,
                   guint64                           number)
{
  for (unsigned i = 0; i < descriptor->n_fields; i++)
    if (descriptor->fields[i].id == number && descriptor->fields[i].type == PROTOBUF_C_TYPE_MESSAGE)
      return descriptor->fields[i].descriptor;
  return NULL;
}

static gboolean
check_depth (const ProtobufCMessageDescriptor *descriptor,
             const guint8                     *p,
             const guint8                     *end,
             guint                             depth)
{
  if (depth > MAX_DEPTH)
    return FALSE;
  while (p < end)
    {
      guint64 tag;
      guint64 value;

      if (!read_varint (&p, end, &tag))
        return FALSE;
      switch (tag & 7)
        {
        case 0:   /* varint */
          if (!read_varint (&p, end, &value))
            return FALSE;
          break;
        case 1:   /* 64-bit */
          if (end - p < 8)
            return FALSE;
          p += 8;
          break;
        case 5:   /* 32-bit */
          if (end - p < 4)
            return FALSE;
          p += 4;
          break;
        case 2:   /* length-delimited: bytes, a string, or a message */
          {
            const ProtobufCMessageDescriptor *nested;

            if (!read_varint (&p, end, &value) || value > (guint64)(end - p))
              return FALSE;
            nested = nested_descriptor (descriptor, tag >> 3);
            if (nested != NULL && !check_depth (nested, p, p + value, depth + 1))
              return FALSE;
            p += value;
          }
          break;
        default:  /* groups (3, 4) are not in proto3, nor in OTLP */
          return FALSE;
        }
    }
  return TRUE;
}

/* TRUE when `data` is well-formed protobuf as far as the walk sees and
 * nests at most MAX_DEPTH messages deep. An empty body is an empty
 * message, and its data may be NULL (GBytes gives NULL for no bytes):
 * no pointer is made of it. */
gboolean
errata_otlp_proto_check (const ProtobufCMessageDescriptor *descriptor,
                         const guint8                     *data,
                         gsize                             size)
{
  return size == 0 || check_depth (descriptor, data, data + size, 0);
}

static void
set_decode_error (GError     **error,
                  const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: %s names what the body should have been, e.g.
                * “ExportTraceServiceRequest”, an OpenTelemetry message name. */
               _("the body is not a protobuf %s"), what);
}

/* NULL, with the message, when `data` does not walk or decode. */
static Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceRequest *
unpack_trace_request (const guint8  *data,
                      gsize          size,
                      GError       **error)
{
  Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceRequest *request = NULL;

  if (errata_otlp_proto_check (&opentelemetry__proto__collector__trace__v1__export_trace_service_request__descriptor,
                               data, size))
    request = opentelemetry__proto__collector__trace__v1__export_trace_service_request__unpack (NULL, size, data);
  if (request == NULL)
    set_decode_error (error, "ExportTraceServiceRequest");
  return request;
}

JsonNode *
errata_otlp_proto_traces_to_json (const guint8  *data,
                                  gsize          size,
                                  GError       **error)
{
  Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceRequest *request;
  g_autoptr(JsonBuilder) builder = NULL;

  request = unpack_trace_request (data, size, error);
  if (request == NULL)
    return NULL;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "resourceSpans");
  json_builder_begin_array (builder);
  for (gsize i = 0; i < request->n_resource_spans; i++)
    {
      Opentelemetry__Proto__Trace__V1__ResourceSpans *rs = request->resource_spans[i];

      json_builder_begin_object (builder);
      add_resource (builder, rs->resource);
      json_builder_set_member_name (builder, "scopeSpans");
      json_builder_begin_array (builder);
      for (gsize j = 0; j < rs->n_scope_spans; j++)
        {
          json_builder_begin_object (builder);
          add_scope (builder, rs->scope_spans[j]->scope);
          json_builder_set_member_name (builder, "spans");
          json_builder_begin_array (builder);
          for (gsize k = 0; k < rs->scope_spans[j]->n_spans; k++)
            add_span (builder, rs->scope_spans[j]->spans[k]);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  opentelemetry__proto__collector__trace__v1__export_trace_service_request__free_unpacked (request, NULL);
  return json_builder_get_root (builder);
}

/* ---- Spans flattened straight from the decoded request ----
 *
 * Each span as _errata_import_otel_flatten() flattens the request's OTLP
 * JSON (errata_otlp_proto_traces_to_json()), member for member, in the
 * same order and with the same types, but without that tree: it built two
 * objects for every attribute (the KeyValue and its AnyValue) only for the
 * flattening to make one member of them, and freeing them took as long.
 * That made a protobuf request cost about twice a JSON one (bench/README.md,
 * "Protobuf flattened as it is decoded"). The members that are rare or
 * small (events, links, the scope) are still made by the builder above, so
 * that both paths give them alike by construction; test-otlp-proto and the
 * otlp-proto-flatten fuzz target compare the two. */

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
    return string_node ("NaN");
  if (isinf (value))
    return string_node (value > 0 ? "Infinity" : "-Infinity");
  return json_node_init_double (json_node_alloc (), value);
}

/* An AnyValue as _errata_import_otel_any_value() makes it of add_any_value()'s. */
static JsonNode *
flat_any_value (const AnyValue *value)
{
  switch (value ? value->value_case : OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE__NOT_SET)
    {
    case OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_STRING_VALUE:
      return string_node (value->string_value);
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

        return string_node (base64);
      }
    default:
      return json_node_new (JSON_NODE_NULL);
    }
}

/* A member add_span() writes with `add` (events, links, or the scope of
 * add_scope()), made by the builder: NULL when it writes none. */
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
  add_events (builder, span);
}

static void
build_links (JsonBuilder   *builder,
             gconstpointer  span)
{
  add_links (builder, span);
}

static void
build_scope (JsonBuilder   *builder,
             gconstpointer  scope)
{
  add_scope (builder, scope);
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
    json_object_set_member (status, "message", string_node (span->status->message));
  json_object_set_member (status, "code", int_node (span->status ? span->status->code : 0));
  return json_node_init_object (json_node_alloc (), status);
}

/* add_span()'s members in its order, each set as the flattening sets it. */
static JsonObject *
flat_span_members (const Span *span)
{
  JsonObject *flat = json_object_new ();
  JsonObject *attributes = flat_key_values (span->attributes, span->n_attributes);

  _errata_import_otel_set_flat_member (flat, "traceId", hex_node (&span->trace_id));
  _errata_import_otel_set_flat_member (flat, "spanId", hex_node (&span->span_id));
  if (span->trace_state != NULL && *span->trace_state != '\0')
    _errata_import_otel_set_flat_member (flat, "traceState", string_node (span->trace_state));
  if (span->parent_span_id.len > 0)
    _errata_import_otel_set_flat_member (flat, "parentSpanId", hex_node (&span->parent_span_id));
  _errata_import_otel_set_flat_member (flat, "name", string_node (span->name));
  _errata_import_otel_set_flat_member (flat, "kind", int_node (span->kind));
  _errata_import_otel_set_flat_member (flat, "startTimeUnixNano", uint64_string_node (span->start_time_unix_nano));
  _errata_import_otel_set_flat_member (flat, "endTimeUnixNano", uint64_string_node (span->end_time_unix_nano));
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
  gboolean ok = TRUE;

  *n_items = 0;
  *n_rejected = 0;
  request = unpack_trace_request (data, size, error);
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
  opentelemetry__proto__collector__trace__v1__export_trace_service_request__free_unpacked (request, NULL);
  return ok;
}

/* When it happened, as the import reads the record's JSON: a record
 * without (0) has the time it was seen. */
static gint64
record_time (const LogRecord *record)
{
  g_autoptr(JsonNode) time = uint64_string_node (record->time_unix_nano);
  g_autoptr(JsonNode) observed = uint64_string_node (record->observed_time_unix_nano);
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
  g_autoptr(JsonNode) trace_node = record->trace_id.len > 0 ? hex_node (&record->trace_id) : NULL;
  g_autoptr(JsonNode) span_node = record->span_id.len > 0 ? hex_node (&record->span_id) : NULL;
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

/* NULL, with the message, when `data` does not walk or decode. */
static Opentelemetry__Proto__Collector__Logs__V1__ExportLogsServiceRequest *
unpack_logs_request (const guint8  *data,
                     gsize          size,
                     GError       **error)
{
  Opentelemetry__Proto__Collector__Logs__V1__ExportLogsServiceRequest *request = NULL;

  if (errata_otlp_proto_check (&opentelemetry__proto__collector__logs__v1__export_logs_service_request__descriptor,
                               data, size))
    request = opentelemetry__proto__collector__logs__v1__export_logs_service_request__unpack (NULL, size, data);
  if (request == NULL)
    set_decode_error (error, "ExportLogsServiceRequest");
  return request;
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
  gboolean ok = TRUE;

  *n_items = 0;
  *n_rejected = 0;
  request = unpack_logs_request (data, size, error);
  if (request == NULL)
    return FALSE;
  for (gsize i = 0; ok && i < request->n_resource_logs; i++)
    for (gsize j = 0; ok && j < request->resource_logs[i]->n_scope_logs; j++)
      {
        Opentelemetry__Proto__Logs__V1__ScopeLogs *scope_logs = request->resource_logs[i]->scope_logs[j];

        for (gsize k = 0; ok && k < scope_logs->n_log_records; k++)
          ok = flatten_log_record (scope_logs->log_records[k], sink, user_data, n_items, n_rejected, error);
      }
  opentelemetry__proto__collector__logs__v1__export_logs_service_request__free_unpacked (request, NULL);
  return ok;
}

JsonNode *
errata_otlp_proto_logs_to_json (const guint8  *data,
                                gsize          size,
                                GError       **error)
{
  Opentelemetry__Proto__Collector__Logs__V1__ExportLogsServiceRequest *request;
  g_autoptr(JsonBuilder) builder = NULL;

  request = unpack_logs_request (data, size, error);
  if (request == NULL)
    return NULL;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "resourceLogs");
  json_builder_begin_array (builder);
  for (gsize i = 0; i < request->n_resource_logs; i++)
    {
      Opentelemetry__Proto__Logs__V1__ResourceLogs *rl = request->resource_logs[i];

      json_builder_begin_object (builder);
      add_resource (builder, rl->resource);
      json_builder_set_member_name (builder, "scopeLogs");
      json_builder_begin_array (builder);
      for (gsize j = 0; j < rl->n_scope_logs; j++)
        {
          json_builder_begin_object (builder);
          add_scope (builder, rl->scope_logs[j]->scope);
          json_builder_set_member_name (builder, "logRecords");
          json_builder_begin_array (builder);
          for (gsize k = 0; k < rl->scope_logs[j]->n_log_records; k++)
            add_log_record (builder, rl->scope_logs[j]->log_records[k]);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  opentelemetry__proto__collector__logs__v1__export_logs_service_request__free_unpacked (request, NULL);
  return json_builder_get_root (builder);
}

static GBytes *
pack (const ProtobufCMessage *message)
{
  gsize size = protobuf_c_message_get_packed_size (message);
  guint8 *data = g_malloc (size > 0 ? size : 1);

  protobuf_c_message_pack (message, data);
  return g_bytes_new_take (data, size);
}

GBytes *
errata_otlp_proto_export_response (gboolean    logs,
                                   gint64      rejected,
                                   const char *message)
{
  if (logs)
    {
      Opentelemetry__Proto__Collector__Logs__V1__ExportLogsServiceResponse response =
        OPENTELEMETRY__PROTO__COLLECTOR__LOGS__V1__EXPORT_LOGS_SERVICE_RESPONSE__INIT;
      Opentelemetry__Proto__Collector__Logs__V1__ExportLogsPartialSuccess partial =
        OPENTELEMETRY__PROTO__COLLECTOR__LOGS__V1__EXPORT_LOGS_PARTIAL_SUCCESS__INIT;

      partial.rejected_log_records = rejected;
      partial.error_message = (char *)(message ? message : "");
      if (rejected > 0)
        response.partial_success = &partial;
      return pack (&response.base);
    }
  else
    {
      Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceResponse response =
        OPENTELEMETRY__PROTO__COLLECTOR__TRACE__V1__EXPORT_TRACE_SERVICE_RESPONSE__INIT;
      Opentelemetry__Proto__Collector__Trace__V1__ExportTracePartialSuccess partial =
        OPENTELEMETRY__PROTO__COLLECTOR__TRACE__V1__EXPORT_TRACE_PARTIAL_SUCCESS__INIT;

      partial.rejected_spans = rejected;
      partial.error_message = (char *)(message ? message : "");
      if (rejected > 0)
        response.partial_success = &partial;
      return pack (&response.base);
    }
}

GBytes *
errata_otlp_proto_status (int         code,
                          const char *message)
{
  Google__Rpc__Status status = GOOGLE__RPC__STATUS__INIT;

  status.code = code;
  status.message = (char *)(message ? message : "");
  return pack (&status.base);
}
