/* test-otlp-proto.c: a protobuf request's spans or log records flattened
 * as it is decoded give what its OTLP JSON flattened by the file import's
 * code gives (errata-otlp-proto.c).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "errata-import-private.h"
#include "errata-otlp-proto.h"
#include "errata-test-utils.h"
#include "opentelemetry/proto/collector/logs/v1/logs_service.pb-c.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb-c.h"

typedef Opentelemetry__Proto__Common__V1__AnyValue AnyValue;
typedef Opentelemetry__Proto__Common__V1__KeyValue KeyValue;

/* Every span a flattening gives, a line each: trace id, start, the span. */
static gboolean
write_span (gpointer     user_data,
            const char  *trace_id,
            gint64       start,
            JsonNode    *flat,
            GError     **error)
{
  g_autofree char *text = json_to_string (flat, FALSE);

  g_string_append_printf (user_data, "%s %" G_GINT64_FORMAT " %s\n", trace_id, start, text);
  return TRUE;
}

typedef struct
{
  GString *spans;
  guint    n_items;
  guint    n_rejected;
} Flattened;

static void
flattened_clear (Flattened *flattened)
{
  g_string_free (flattened->spans, TRUE);
}

/* Both ways, a trace request or (`logs`) a logs one; asserts they agree,
 * and returns the spans or log records. */
static Flattened
flatten_both (GBytes   *body,
              gboolean  logs)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (body, &size);
  Flattened direct = { g_string_new (NULL), 0, 0 };
  Flattened tree = { g_string_new (NULL), 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = logs ? errata_otlp_proto_logs_to_json (data, size, &error)
                                  : errata_otlp_proto_traces_to_json (data, size, &error);

  g_assert_no_error (error);
  g_assert_true (_errata_import_otel_flatten (json_node_get_object (root), write_span, tree.spans,
                                              &tree.n_items, &tree.n_rejected, &error));
  g_assert_no_error (error);
  if (logs)
    g_assert_true (errata_otlp_proto_flatten_logs (data, size, write_span, direct.spans, &direct.n_items,
                                                   &direct.n_rejected, &error));
  else
    g_assert_true (errata_otlp_proto_flatten_traces (data, size, write_span, direct.spans, &direct.n_items,
                                                     &direct.n_rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (direct.spans->str, ==, tree.spans->str);
  g_assert_cmpuint (direct.n_items, ==, tree.n_items);
  g_assert_cmpuint (direct.n_rejected, ==, tree.n_rejected);
  flattened_clear (&tree);
  return direct;
}

static void
test_fixtures (void)
{
  const char *const names[] = {
    "langfuse.pb", "openinference.pb", "opentelemetry.pb", "opentelemetry-logs.pb", "traceloop-0.12.pb",
    "traceloop-0.27.pb",
    "exporters/01-proto.pb", "exporters/02-proto.pb",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "receive", "data", names[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autofree char *contents = NULL;
      gsize length;
      Flattened spans;

      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      g_assert_no_error (error);
      body = g_bytes_new (contents, length);
      spans = flatten_both (body, g_str_has_suffix (names[i], "-logs.pb"));
      g_test_message ("%s: %u spans or log records", names[i], spans.n_items);
      g_assert_cmpuint (spans.n_items, >, 0);
      g_assert_cmpuint (spans.n_rejected, ==, 0);
      flattened_clear (&spans);
    }
}

/* ---- A request with every kind of member and value ---- */

/* What the request is made of, freed together. */
static GPtrArray *parts;

static gpointer
part (gsize size)
{
  gpointer memory = g_malloc0 (size);

  g_ptr_array_add (parts, memory);
  return memory;
}

static gpointer
list (guint n, ...)
{
  gpointer *items = part (n * sizeof (gpointer));
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    items[i] = va_arg (args, gpointer);
  va_end (args);
  return items;
}

static AnyValue *
any (Opentelemetry__Proto__Common__V1__AnyValue__ValueCase value_case)
{
  AnyValue *value = part (sizeof *value);

  opentelemetry__proto__common__v1__any_value__init (value);
  value->value_case = value_case;
  return value;
}

static AnyValue *
any_string (const char *text)
{
  AnyValue *value = any (OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_STRING_VALUE);

  value->string_value = (char *)text;
  return value;
}

static AnyValue *
any_int (gint64 number)
{
  AnyValue *value = any (OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_INT_VALUE);

  value->int_value = number;
  return value;
}

static AnyValue *
any_double (double number)
{
  AnyValue *value = any (OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_DOUBLE_VALUE);

  value->double_value = number;
  return value;
}

static AnyValue *
any_bool (gboolean truth)
{
  AnyValue *value = any (OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_BOOL_VALUE);

  value->bool_value = truth;
  return value;
}

static AnyValue *
any_bytes (const char *bytes,
           gsize       length)
{
  AnyValue *value = any (OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_BYTES_VALUE);

  value->bytes_value.data = (guint8 *)bytes;
  value->bytes_value.len = length;
  return value;
}

static AnyValue *
any_array (guint n, AnyValue **values)
{
  AnyValue *value = any (OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_ARRAY_VALUE);

  value->array_value = part (sizeof *value->array_value);
  opentelemetry__proto__common__v1__array_value__init (value->array_value);
  value->array_value->n_values = n;
  value->array_value->values = values;
  return value;
}

static AnyValue *
any_kvlist (guint n, KeyValue **pairs)
{
  AnyValue *value = any (OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_KVLIST_VALUE);

  value->kvlist_value = part (sizeof *value->kvlist_value);
  opentelemetry__proto__common__v1__key_value_list__init (value->kvlist_value);
  value->kvlist_value->n_values = n;
  value->kvlist_value->values = pairs;
  return value;
}

static KeyValue *
kv (const char *key,
    AnyValue   *value)
{
  KeyValue *pair = part (sizeof *pair);

  opentelemetry__proto__common__v1__key_value__init (pair);
  pair->key = (char *)key;
  pair->value = value;
  return pair;
}

static ProtobufCBinaryData
id_of (const char *bytes,
       gsize       length)
{
  ProtobufCBinaryData id = { length, (guint8 *)bytes };

  return id;
}

static Opentelemetry__Proto__Trace__V1__Span *
new_span (const char *trace_id,
          gsize       trace_id_length,
          const char *name)
{
  Opentelemetry__Proto__Trace__V1__Span *span = part (sizeof *span);

  opentelemetry__proto__trace__v1__span__init (span);
  span->trace_id = id_of (trace_id, trace_id_length);
  span->span_id = id_of ("\x01\x02\x03\x04\x05\x06\x07\x08", 8);
  span->name = (char *)name;
  span->start_time_unix_nano = 1700000000000000000;
  span->end_time_unix_nano = 1700000000500000000;
  return span;
}

#define TRACE_ID "\xab\xcd\xef\x01\x23\x45\x67\x89\xab\xcd\xef\x01\x23\x45\x67\x89"

/* Span A: every member, every kind of value, invalid UTF-8, a time past
 * int64, NaN and the infinities, repeated keys, values missing or unset. */
static Opentelemetry__Proto__Trace__V1__Span *
span_with_everything (void)
{
  Opentelemetry__Proto__Trace__V1__Span *span = new_span (TRACE_ID, 16, "caf\xe9");
  Opentelemetry__Proto__Trace__V1__Span__Event *event = part (sizeof *event);
  Opentelemetry__Proto__Trace__V1__Span__Link *link = part (sizeof *link);
  Opentelemetry__Proto__Trace__V1__Status *status = part (sizeof *status);
  KeyValue **attributes = list (21,
    kv ("s", any_string ("hello")),
    kv ("bad\xff", any_string ("x\xc3")),
    kv ("i", any_int (G_MININT64)),
    kv ("i2", any_int (G_MAXINT64)),
    kv ("d", any_double (1.5)),
    kv ("whole", any_double (2.0)),
    kv ("nan", any_double (NAN)),
    kv ("inf", any_double (INFINITY)),
    kv ("-inf", any_double (-INFINITY)),
    kv ("b", any_bool (TRUE)),
    kv ("bytes", any_bytes ("\x00\x01\x02", 3)),
    kv ("empty-bytes", any_bytes (NULL, 0)),
    kv ("arr", any_array (4, list (4, any_string ("a"), any_int (7),
                                   any_array (1, list (1, any_kvlist (1, list (1, kv ("deep", any_bool (FALSE)))))),
                                   any (OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE__NOT_SET)))),
    kv ("kv", any_kvlist (4, list (4, kv ("a", any_string ("first")), kv ("a", any_int (2)),
                                   kv ("", any_bool (TRUE)), kv ("no value", NULL)))),
    kv ("empty-kv", any_kvlist (0, NULL)),
    kv ("empty-arr", any_array (0, NULL)),
    kv ("notset", any (OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE__NOT_SET)),
    kv ("nullvalue", NULL),
    kv ("", any_string ("no key")),
    kv ("s", any_string ("again")),
    kv ("last", any_string ("end")));

  span->trace_state = (char *)"vendor=1";
  span->flags = 257;
  span->kind = OPENTELEMETRY__PROTO__TRACE__V1__SPAN__SPAN_KIND__SPAN_KIND_CLIENT;
  span->end_time_unix_nano = G_MAXUINT64;
  span->n_attributes = 21;
  span->attributes = attributes;
  span->dropped_attributes_count = 3;

  opentelemetry__proto__trace__v1__span__event__init (event);
  event->time_unix_nano = 1700000000100000000;
  event->name = (char *)"exception";
  event->n_attributes = 1;
  event->attributes = list (1, kv ("exception.message", any_string ("boom")));
  span->n_events = 1;
  span->events = list (1, event);
  span->dropped_events_count = 4;

  opentelemetry__proto__trace__v1__span__link__init (link);
  link->trace_id = id_of (TRACE_ID, 16);
  link->span_id = id_of ("\xff\xee\xdd\xcc\xbb\xaa\x99\x88", 8);
  link->n_attributes = 1;
  link->attributes = list (1, kv ("why", any_string ("retry")));
  span->n_links = 1;
  span->links = list (1, link);
  span->dropped_links_count = 5;

  opentelemetry__proto__trace__v1__status__init (status);
  status->message = (char *)"failed \xff";
  status->code = OPENTELEMETRY__PROTO__TRACE__V1__STATUS__STATUS_CODE__STATUS_CODE_ERROR;
  span->status = status;
  return span;
}

static Opentelemetry__Proto__Trace__V1__ScopeSpans *
scope_spans (Opentelemetry__Proto__Common__V1__InstrumentationScope *scope,
             guint                                                    n_spans,
             Opentelemetry__Proto__Trace__V1__Span                  **spans)
{
  Opentelemetry__Proto__Trace__V1__ScopeSpans *ss = part (sizeof *ss);

  opentelemetry__proto__trace__v1__scope_spans__init (ss);
  ss->scope = scope;
  ss->n_spans = n_spans;
  ss->spans = spans;
  return ss;
}

static GBytes *
pack_edge_request (void)
{
  Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceRequest request =
    OPENTELEMETRY__PROTO__COLLECTOR__TRACE__V1__EXPORT_TRACE_SERVICE_REQUEST__INIT;
  Opentelemetry__Proto__Trace__V1__ResourceSpans *with_resource = part (sizeof *with_resource);
  Opentelemetry__Proto__Trace__V1__ResourceSpans *without = part (sizeof *without);
  Opentelemetry__Proto__Resource__V1__Resource *resource = part (sizeof *resource);
  Opentelemetry__Proto__Common__V1__InstrumentationScope *scope = part (sizeof *scope);
  Opentelemetry__Proto__Trace__V1__Span *child = new_span (TRACE_ID, 16, "child");
  guint8 *data;
  gsize size;

  opentelemetry__proto__resource__v1__resource__init (resource);
  resource->n_attributes = 2;
  resource->attributes = list (2, kv ("service.name", any_string ("shop")), kv ("service.name", any_string ("shop2")));
  opentelemetry__proto__common__v1__instrumentation_scope__init (scope);
  scope->name = (char *)"scope";
  scope->version = (char *)"1.0";
  scope->n_attributes = 1;
  scope->attributes = list (1, kv ("scope.k", any_int (1)));

  /* B: a child, no status; C: no trace id; D: the all-zero one. */
  child->parent_span_id = id_of ("\x01\x02\x03\x04\x05\x06\x07\x08", 8);
  opentelemetry__proto__trace__v1__resource_spans__init (with_resource);
  with_resource->resource = resource;
  with_resource->n_scope_spans = 2;
  with_resource->scope_spans = list (2,
    scope_spans (scope, 2, list (2, span_with_everything (), child)),
    scope_spans (NULL, 2, list (2, new_span (NULL, 0, "no trace"),
                                new_span ("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16, "zero trace"))));
  /* E: no resource, no scope. */
  opentelemetry__proto__trace__v1__resource_spans__init (without);
  without->n_scope_spans = 1;
  without->scope_spans = list (1, scope_spans (NULL, 1, list (1, new_span ("0123456789abcdef", 16, "bare"))));

  request.n_resource_spans = 2;
  request.resource_spans = list (2, with_resource, without);
  size = protobuf_c_message_get_packed_size (&request.base);
  data = g_malloc (size);
  protobuf_c_message_pack (&request.base, data);
  return g_bytes_new_take (data, size);
}

static void
test_every_member (void)
{
  g_autoptr(GBytes) body = NULL;
  Flattened spans;

  parts = g_ptr_array_new_with_free_func (g_free);
  body = pack_edge_request ();
  g_clear_pointer (&parts, g_ptr_array_unref);
  spans = flatten_both (body, FALSE);

  g_assert_cmpuint (spans.n_items, ==, 3);
  g_assert_cmpuint (spans.n_rejected, ==, 2);
  /* What the flattening makes of them, so that agreeing on something else
   * fails too. */
  g_assert_nonnull (strstr (spans.spans->str, "\"name\":\"caf\xef\xbf\xbd\""));
  /* A time past int64 is read as its largest, as the JSON's string is. */
  g_assert_nonnull (strstr (spans.spans->str, "\"endTimeUnixNano\":9223372036854775807,"));
  g_assert_nonnull (strstr (spans.spans->str, "\"nan\":\"NaN\",\"inf\":\"Infinity\",\"-inf\":\"-Infinity\""));
  g_assert_nonnull (strstr (spans.spans->str, "\"i\":-9223372036854775808,\"i2\":9223372036854775807"));
  g_assert_nonnull (strstr (spans.spans->str, "\"s\":\"again\",\"bad\xef\xbf\xbd\":\"x\xef\xbf\xbd\""));
  g_assert_nonnull (strstr (spans.spans->str, "\"kv\":{\"a\":2,\"\":true,\"no value\":null}"));
  g_assert_nonnull (strstr (spans.spans->str, "\"bytes\":\"AAEC\",\"empty-bytes\":\"\""));
  g_assert_nonnull (strstr (spans.spans->str, "\"resource\":{\"service.name\":\"shop2\"}"));
  g_assert_nonnull (strstr (spans.spans->str, "\"status\":{\"message\":\"failed \xef\xbf\xbd\",\"code\":2}"));
  g_assert_nonnull (strstr (spans.spans->str, "\"links\":[{\"traceId\":\"abcdef0123456789abcdef0123456789\""));
  flattened_clear (&spans);
}

/* Log records: with and without their event's name (then an attribute
 * gives it), a span id or not, a time or only the time seen, no trace id
 * or the all-zero one. */
static Opentelemetry__Proto__Logs__V1__LogRecord *
new_record (const char *trace_id,
            gsize       trace_id_length,
            const char *event_name)
{
  Opentelemetry__Proto__Logs__V1__LogRecord *record = part (sizeof *record);

  opentelemetry__proto__logs__v1__log_record__init (record);
  record->trace_id = id_of (trace_id, trace_id_length);
  record->event_name = (char *)event_name;
  record->time_unix_nano = 1700000000200000000;
  record->observed_time_unix_nano = 1700000000300000000;
  return record;
}

static GBytes *
pack_logs_request (void)
{
  Opentelemetry__Proto__Collector__Logs__V1__ExportLogsServiceRequest request =
    OPENTELEMETRY__PROTO__COLLECTOR__LOGS__V1__EXPORT_LOGS_SERVICE_REQUEST__INIT;
  Opentelemetry__Proto__Logs__V1__ResourceLogs *resource_logs = part (sizeof *resource_logs);
  Opentelemetry__Proto__Logs__V1__ScopeLogs *scope_logs = part (sizeof *scope_logs);
  Opentelemetry__Proto__Logs__V1__LogRecord *full = new_record (TRACE_ID, 16, "gen_ai.user.message");
  Opentelemetry__Proto__Logs__V1__LogRecord *old_style = new_record (TRACE_ID, 16, "");
  Opentelemetry__Proto__Logs__V1__LogRecord *broken_name = new_record (TRACE_ID, 16, "gen_ai.\xff");
  guint8 *data;
  gsize size;

  full->span_id = id_of ("\x01\x02\x03\x04\x05\x06\x07\x08", 8);
  full->body = any_kvlist (2, list (2, kv ("content", any_string ("hi \xff")), kv ("role", any_string ("user"))));
  full->n_attributes = 1;
  full->attributes = list (1, kv ("gen_ai.system", any_string ("openai")));
  old_style->time_unix_nano = 0;
  old_style->n_attributes = 1;
  old_style->attributes = list (1, kv ("event.name", any_string ("gen_ai.choice")));
  opentelemetry__proto__logs__v1__scope_logs__init (scope_logs);
  broken_name->body = any_int (42);
  scope_logs->n_log_records = 5;
  scope_logs->log_records = list (5, full, old_style, broken_name, new_record (NULL, 0, "no trace"),
                                  new_record ("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16, "zero trace"));
  opentelemetry__proto__logs__v1__resource_logs__init (resource_logs);
  resource_logs->n_scope_logs = 1;
  resource_logs->scope_logs = list (1, scope_logs);
  request.n_resource_logs = 1;
  request.resource_logs = list (1, resource_logs);
  size = protobuf_c_message_get_packed_size (&request.base);
  data = g_malloc (size);
  protobuf_c_message_pack (&request.base, data);
  return g_bytes_new_take (data, size);
}

static void
test_log_records (void)
{
  g_autoptr(GBytes) body = NULL;
  Flattened records;

  parts = g_ptr_array_new_with_free_func (g_free);
  body = pack_logs_request ();
  g_clear_pointer (&parts, g_ptr_array_unref);
  records = flatten_both (body, TRUE);

  g_assert_cmpuint (records.n_items, ==, 3);
  g_assert_cmpuint (records.n_rejected, ==, 2);
  g_assert_nonnull (strstr (records.spans->str,
                            " 1700000000200000000 {\"errata.log_record\":true,\"eventName\":\"gen_ai.user.message\","
                            "\"spanId\":\"0102030405060708\",\"timeUnixNano\":1700000000200000000,"
                            "\"body\":{\"content\":\"hi \xef\xbf\xbd\",\"role\":\"user\"},"
                            "\"attributes\":{\"gen_ai.system\":\"openai\"}}"));
  g_assert_nonnull (strstr (records.spans->str,
                            " 1700000000300000000 {\"errata.log_record\":true,\"eventName\":\"gen_ai.choice\","
                            "\"spanId\":\"\",\"timeUnixNano\":1700000000300000000,\"body\":null,"));
  g_assert_nonnull (strstr (records.spans->str, "{\"errata.log_record\":true,\"eventName\":\"gen_ai.\xef\xbf\xbd\","
                            "\"spanId\":\"\",\"timeUnixNano\":1700000000200000000,\"body\":42,"));
  flattened_clear (&records);
}

static void
test_malformed (void)
{
  const guint8 body[] = { 0x0a, 0x05, 0x0a, 0x03 };   /* a length past the end */
  g_autoptr(GString) spans = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint n_items = 7, n_rejected = 7;

  g_assert_false (errata_otlp_proto_flatten_traces (body, sizeof body, write_span, spans, &n_items, &n_rejected,
                                                    &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (spans->str, ==, "");
  g_assert_cmpuint (n_items, ==, 0);
  g_assert_null (errata_otlp_proto_traces_to_json (body, sizeof body, NULL));

  g_clear_error (&error);
  g_assert_false (errata_otlp_proto_flatten_logs (body, sizeof body, write_span, spans, &n_items, &n_rejected,
                                                  &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (spans->str, ==, "");
  g_assert_null (errata_otlp_proto_logs_to_json (body, sizeof body, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/otlp-proto/fixtures", test_fixtures);
  g_test_add_func ("/otlp-proto/every-member", test_every_member);
  g_test_add_func ("/otlp-proto/log-records", test_log_records);
  g_test_add_func ("/otlp-proto/malformed", test_malformed);
  return g_test_run ();
}
