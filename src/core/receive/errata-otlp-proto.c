/* errata-otlp-proto.c: OTLP protobuf bodies as OTLP JSON.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * protobuf-c decodes the wire format (code generated from proto/, see
 * README.md); this file walks the decoded messages. It writes the OTLP
 * JSON encoding of the same request, field by field as the
 * specification's JSON mapping says: trace and span ids in lowercase hex,
 * fixed64 times and int64 values as decimal strings, enums as numbers,
 * bytes in base64. Its spans and log records are flattened as that JSON's
 * are in errata-otlp-proto-flat.c, which makes its values with the
 * functions here.
 */

#include "config.h"

#include <inttypes.h>
#include <math.h>

#include "errata-otlp-proto-private.h"

#include "google/rpc/status.pb-c.h"

#include <glib/gi18n-lib.h>

static void add_any_value (JsonBuilder *builder, const AnyValue *value);

/* protobuf-c does not check that a string is UTF-8, as proto3 wants: an
 * SDK that cut a long attribute inside a character sends the rest. */
JsonNode *
_errata_otlp_proto_string_node (const char *value)
{
  g_autofree char *valid = NULL;

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);
  return json_node_init_string (json_node_alloc (), value ? value : "");
}

JsonNode *
_errata_otlp_proto_hex_node (const ProtobufCBinaryData *bytes)
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
JsonNode *
_errata_otlp_proto_uint64_string_node (guint64 value)
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
  json_builder_add_value (builder, _errata_otlp_proto_hex_node (bytes));
}

static void
add_uint64_string (JsonBuilder *builder,
                   const char  *name,
                   guint64      value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_value (builder, _errata_otlp_proto_uint64_string_node (value));
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
  json_builder_add_value (builder, _errata_otlp_proto_string_node (value));
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

void
_errata_otlp_proto_add_scope (JsonBuilder *builder,
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

void
_errata_otlp_proto_add_events (JsonBuilder *builder,
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

void
_errata_otlp_proto_add_links (JsonBuilder *builder,
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
  _errata_otlp_proto_add_events (builder, span);
  add_int (builder, "droppedEventsCount", span->dropped_events_count);
  json_builder_set_member_name (builder, "status");
  json_builder_begin_object (builder);
  if (span->status != NULL && span->status->message != NULL && *span->status->message != '\0')
    add_string (builder, "message", span->status->message);
  add_int (builder, "code", span->status ? span->status->code : 0);
  json_builder_end_object (builder);
  _errata_otlp_proto_add_links (builder, span);
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

/* A message field that is not repeated but comes again is merged into the
 * first (protobuf's rule), and protobuf-c copies the merged message's
 * repeated fields into a new array at each merge: a `resource` sent k times
 * costs ~k² bytes copied, and a 32 KB gzip body would keep a thread busy
 * for hours. No exporter sends one twice; the walk refuses more than this
 * many in one message. */
#define MAX_MERGES 16
/* OTLP's message fields are numbered far below this (a field above it is
 * not counted). */
#define MAX_COUNTED_FIELD 64

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

static const ProtobufCFieldDescriptor *
message_field (const ProtobufCMessageDescriptor *descriptor,
               guint64                           number)
{
  for (unsigned i = 0; i < descriptor->n_fields; i++)
    if (descriptor->fields[i].id == number && descriptor->fields[i].type == PROTOBUF_C_TYPE_MESSAGE)
      return &descriptor->fields[i];
  return NULL;
}

/* FALSE when `field`, a message, has come once more than MAX_MERGES times
 * in this message (`seen` counts them) without being a repeated field. */
static gboolean
count_merge (const ProtobufCFieldDescriptor *field,
             guint8                         *seen)
{
  if (field->label == PROTOBUF_C_LABEL_REPEATED)
    return TRUE;
  if (field->id >= MAX_COUNTED_FIELD)
    return TRUE;
  return ++seen[field->id] <= MAX_MERGES + 1;
}

static gboolean
check_depth (const ProtobufCMessageDescriptor *descriptor,
             const guint8                     *p,
             const guint8                     *end,
             guint                             depth)
{
  guint8 seen[MAX_COUNTED_FIELD] = { 0 };

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
            const ProtobufCFieldDescriptor *field;

            if (!read_varint (&p, end, &value) || value > (guint64)(end - p))
              return FALSE;
            field = message_field (descriptor, tag >> 3);
            if (field != NULL && (!count_merge (field, seen)
                                  || !check_depth (field->descriptor, p, p + value, depth + 1)))
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
Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceRequest *
_errata_otlp_proto_unpack_traces (const guint8        *data,
                                  gsize                size,
                                  ProtobufCAllocator  *allocator,
                                  GError             **error)
{
  Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceRequest *request = NULL;

  if (errata_otlp_proto_check (&opentelemetry__proto__collector__trace__v1__export_trace_service_request__descriptor,
                               data, size))
    request = opentelemetry__proto__collector__trace__v1__export_trace_service_request__unpack (allocator, size, data);
  if (request == NULL)
    set_decode_error (error, "ExportTraceServiceRequest");
  return request;
}

/* NULL, with the message, when `data` does not walk or decode. */
Opentelemetry__Proto__Collector__Logs__V1__ExportLogsServiceRequest *
_errata_otlp_proto_unpack_logs (const guint8        *data,
                                gsize                size,
                                ProtobufCAllocator  *allocator,
                                GError             **error)
{
  Opentelemetry__Proto__Collector__Logs__V1__ExportLogsServiceRequest *request = NULL;

  if (errata_otlp_proto_check (&opentelemetry__proto__collector__logs__v1__export_logs_service_request__descriptor,
                               data, size))
    request = opentelemetry__proto__collector__logs__v1__export_logs_service_request__unpack (allocator, size, data);
  if (request == NULL)
    set_decode_error (error, "ExportLogsServiceRequest");
  return request;
}

JsonNode *
errata_otlp_proto_traces_to_json (const guint8  *data,
                                  gsize          size,
                                  GError       **error)
{
  Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceRequest *request;
  g_autoptr(JsonBuilder) builder = NULL;

  request = _errata_otlp_proto_unpack_traces (data, size, NULL, error);
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
          _errata_otlp_proto_add_scope (builder, rs->scope_spans[j]->scope);
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

JsonNode *
errata_otlp_proto_logs_to_json (const guint8  *data,
                                gsize          size,
                                GError       **error)
{
  Opentelemetry__Proto__Collector__Logs__V1__ExportLogsServiceRequest *request;
  g_autoptr(JsonBuilder) builder = NULL;

  request = _errata_otlp_proto_unpack_logs (data, size, NULL, error);
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
          _errata_otlp_proto_add_scope (builder, rl->scope_logs[j]->scope);
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
