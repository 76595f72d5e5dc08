/* test-otlp-receiver.c: the live OTLP receiver over HTTP.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bodies are what real exporters send: the OTLP JSON requests that
 * real instrumentation libraries wrote (tests/core/import/data/
 * instrumented/, the JSON exporter's encoding) and the same spans encoded
 * by OpenTelemetry JS's protobuf serializer (data/NAME.pb, made by
 * tests/receive/make-protobuf.mjs). Whatever the encoding, the receiver
 * must store the conversations a file import of the same spans gives,
 * message for message.
 */

#include "config.h"

#include "receive-test-utils.h"
#include "errata-test-utils.h"

#include <sqlite3.h>
#ifdef __linux__
#include <gio/gunixinputstream.h>
#include <signal.h>
#include <unistd.h>
#endif

static const char * const trace_libraries[] = {
  "openinference", "traceloop-0.27", "traceloop-0.12", "langfuse", NULL
};

typedef struct
{
  char        *dir;
  char        *imported;   /* a project the files were imported into */
  char        *received;   /* a project the receiver fills */
  SoupSession *session;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ErrataProject) a = errata_test_new_project (&fixture->dir);
  g_autoptr(ErrataProject) b = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  fixture->imported = g_build_filename (fixture->dir, "test.errata", NULL);
  fixture->received = g_build_filename (fixture->dir, "received.errata", NULL);
  file = g_file_new_for_path (fixture->received);
  b = errata_project_create (file, &error);
  g_assert_no_error (error);
  errata_project_close (a);
  errata_project_close (b);
  fixture->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_unref (fixture->session);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->imported);
  g_free (fixture->received);
}

static void
assert_same_traces (Fixture *fixture)
{
  g_autofree char *imported = errata_test_traces_text (fixture->imported, NULL);
  g_autofree char *received = errata_test_traces_text (fixture->received, "otlp-live");

  g_assert_cmpstr (imported, !=, "");
  g_assert_cmpstr (received, ==, imported);
}

static void
send_library (Fixture            *fixture,
              ErrataOtlpReceiver *receiver,
              const char         *library,
              gboolean            protobuf,
              gboolean            gzip)
{
  g_autofree char *name = g_strconcat (library, protobuf ? ".pb" : ".json", NULL);
  g_autoptr(GBytes) body = protobuf ? receive_test_data (name) : receive_test_instrumented (name);
  g_autoptr(GBytes) sent = gzip ? receive_test_gzip (body) : g_bytes_ref (body);
  g_autoptr(GBytes) response = NULL;
  gboolean logs = g_str_has_suffix (library, "-logs");
  guint status;

  status = receive_test_post (fixture->session, receiver, logs ? "/v1/logs" : "/v1/traces",
                              protobuf ? "application/x-protobuf" : "application/json",
                              gzip ? "gzip" : NULL, sent, &response);
  g_assert_cmpuint (status, ==, 200);
  if (!protobuf)
    g_assert_cmpmem (g_bytes_get_data (response, NULL), g_bytes_get_size (response), "{}", 2);
  else
    /* An ExportTraceServiceResponse without partial_success: empty. */
    g_assert_cmpuint (g_bytes_get_size (response), ==, 0);
}

static void
check_encoding (Fixture  *fixture,
                gboolean  protobuf,
                gboolean  gzip)
{
  g_autoptr(ErrataOtlpReceiver) receiver = NULL;
  const char * const opentelemetry[] = { "opentelemetry.json", "opentelemetry-logs.json", NULL };
  ErrataOtlpReceiverCounts counts;

  for (guint i = 0; trace_libraries[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (trace_libraries[i], ".json", NULL);
      const char * const names[] = { name, NULL };

      receive_test_import (fixture->imported, names);
    }
  /* Spans in one export, their messages as log events in another. */
  receive_test_import (fixture->imported, opentelemetry);

  receiver = receive_test_start (fixture->received, 3600 * 1000);
  for (guint i = 0; trace_libraries[i] != NULL; i++)
    send_library (fixture, receiver, trace_libraries[i], protobuf, gzip);
  send_library (fixture, receiver, "opentelemetry-logs", protobuf, gzip);
  send_library (fixture, receiver, "opentelemetry", protobuf, gzip);
  errata_otlp_receiver_stop (receiver);
  assert_same_traces (fixture);
  errata_otlp_receiver_get_counts (receiver, &counts);
  /* The four libraries' traces come whole, a request each: built while
   * decoded. The OpenTelemetry export's 8 do not: their log events came
   * first, so the writer held them already. */
  g_assert_cmpuint (counts.traces_added, ==, 40);
  g_assert_cmpuint (counts.traces_built_while_decoding, ==, 32);
}

static void
test_json_as_import (Fixture       *fixture,
                     gconstpointer  data)
{
  check_encoding (fixture, FALSE, FALSE);
}

static void
test_protobuf_as_import (Fixture       *fixture,
                         gconstpointer  data)
{
  check_encoding (fixture, TRUE, FALSE);
}

static void
test_gzip_as_import (Fixture       *fixture,
                     gconstpointer  data)
{
  check_encoding (fixture, FALSE, TRUE);
}

static void
test_protobuf_gzip_as_import (Fixture       *fixture,
                              gconstpointer  data)
{
  check_encoding (fixture, TRUE, TRUE);
}

typedef struct
{
  ErrataOtlpReceiver *receiver;
  guint64             added;
} Waiting;

static gboolean
traces_added (gpointer data)
{
  Waiting *waiting = data;
  ErrataOtlpReceiverCounts counts;

  errata_otlp_receiver_get_counts (waiting->receiver, &counts);
  return counts.traces_added >= waiting->added;
}

/* data/exporters/: what OpenTelemetry JS's two OTLP/HTTP trace exporters
 * really sent, attached to the same tracer provider under the OpenInference
 * instrumentation of `openai` (tests/receive/record-exporters.mjs; versions
 * in versions.json). The protobuf bodies and the JSON bodies, received,
 * give what a file import of the JSON bodies gives. */
static void
check_real_exporter (Fixture    *fixture,
                     const char *encoding)
{
  const char * const json[] = { "exporters/01-json.json", "exporters/02-json.json", NULL };
  gboolean protobuf = g_str_equal (encoding, "proto");
  g_autoptr(ErrataOtlpReceiver) receiver = NULL;
  g_autofree char *imported = NULL;
  g_auto(GStrv) lines = NULL;

  receive_test_import_data (fixture->imported, json);
  imported = errata_test_traces_text (fixture->imported, NULL);
  /* The five chats and three agent runs of tests/import/scenarios.cjs. */
  lines = g_strsplit (imported, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 8 + 1);

  receiver = receive_test_start (fixture->received, 3600 * 1000);
  for (guint i = 1; i <= 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("exporters/%02u-%s.%s", i, encoding, protobuf ? "pb" : "json");
      g_autoptr(GBytes) body = receive_test_data (name);

      g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces",
                                           protobuf ? "application/x-protobuf" : "application/json",
                                           NULL, body, NULL), ==, 200);
    }
  errata_otlp_receiver_stop (receiver);
  assert_same_traces (fixture);
}

static void
test_real_exporter_protobuf (Fixture       *fixture,
                             gconstpointer  data)
{
  check_real_exporter (fixture, "proto");
}

static void
test_real_exporter_json (Fixture       *fixture,
                         gconstpointer  data)
{
  check_real_exporter (fixture, "json");
}

/* The root span completes a trace: it is stored while the receiver runs,
 * without waiting for the (here, hour-long) idle time. */
static void
test_root_span_completes (Fixture       *fixture,
                          gconstpointer  data)
{
  const char * const names[] = { "openinference.json", NULL };
  g_autoptr(ErrataOtlpReceiver) receiver = NULL;
  g_autofree char *received = NULL;
  g_autofree char *imported = NULL;
  Waiting waiting;

  receive_test_import (fixture->imported, names);
  imported = errata_test_traces_text (fixture->imported, NULL);
  receiver = receive_test_start (fixture->received, 3600 * 1000);
  send_library (fixture, receiver, "openinference", FALSE, FALSE);
  waiting.receiver = receiver;
  waiting.added = 3;
  errata_test_wait_until (traces_added, &waiting, 60);
  received = errata_test_traces_text (fixture->received, "otlp-live");
  g_assert_cmpstr (received, ==, imported);
  errata_otlp_receiver_stop (receiver);
}

static void
assert_status (Fixture            *fixture,
               ErrataOtlpReceiver *receiver,
               const char         *content_type,
               const char         *encoding,
               const char         *body,
               gssize              length,
               guint               expected)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize)length);

  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", content_type,
                                       encoding, bytes, NULL), ==, expected);
}

/* "{}" padded with spaces to `size` bytes, sent without a length. */
static guint
post_chunked (SoupSession        *session,
              ErrataOtlpReceiver *receiver,
              gsize               size)
{
  g_autofree char *endpoint = errata_otlp_receiver_dup_endpoint (receiver);
  g_autofree char *url = g_strconcat (endpoint, "/v1/traces", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  char *text = g_malloc (size);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;

  memset (text, ' ', size);
  text[0] = '{';
  text[size - 1] = '}';
  body = g_bytes_new_take (text, size);
  stream = g_memory_input_stream_new_from_bytes (body);
  soup_message_set_request_body (message, "application/json", stream, -1);
  /* The receiver answers on this thread's context. */
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  response = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (soup_message_headers_get_encoding (soup_message_get_request_headers (message)), ==,
                   SOUP_ENCODING_CHUNKED);
  return soup_message_get_status (message);
}

/* `body` with the proto's own field names (a JSON string is never one
 * of them: its key is a value). */
static GBytes *
with_proto_names (GBytes *body)
{
  g_autoptr(JsonNode) tree = json_from_string (g_bytes_get_data (body, NULL), NULL);
  g_autoptr(JsonNode) snake = errata_test_json_proto_names (tree);
  char *text = json_to_string (snake, FALSE);

  g_assert_nonnull (strstr (text, "_unix_nano\""));
  return g_bytes_new_take (text, strlen (text));
}

/* `body` with the names OTLP gave its scopes before 1.0. */
static GBytes *
with_pre_1_0_names (GBytes *body)
{
  GString *old = g_string_new_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  g_string_replace (old, "\"scopeSpans\"", "\"instrumentationLibrarySpans\"", 0);
  g_string_replace (old, "\"scopeLogs\"", "\"instrumentationLibraryLogs\"", 0);
  g_assert_cmpuint (g_string_replace (old, "\"scope\"", "\"instrumentationLibrary\"", 0), >, 0);
  return g_string_free_to_bytes (old);
}

/* Three exports (spans, spans and their log events), each renamed by
 * `rename` and sent, store what the file import of the originals stores:
 * the same traces, the same metadata (the scope's too), nothing rejected. */
static void
assert_renamed_as_import (Fixture  *fixture,
                          GBytes *(*rename) (GBytes *body))
{
  const char * const names[] = { "openinference.json", "opentelemetry.json", "opentelemetry-logs.json", NULL };
  g_autoptr(ErrataOtlpReceiver) receiver = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *imported = NULL;
  ErrataOtlpReceiverCounts counts;

  receive_test_import (fixture->imported, names);
  receiver = receive_test_start (fixture->received, 3600 * 1000);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GBytes) body = receive_test_instrumented (names[i]);
      g_autoptr(GBytes) renamed = rename (body);

      g_assert_cmpuint (receive_test_post (fixture->session, receiver,
                                           g_str_has_suffix (names[i], "-logs.json") ? "/v1/logs" : "/v1/traces",
                                           "application/json", NULL, renamed, NULL), ==, 200);
    }
  errata_otlp_receiver_stop (receiver);
  errata_otlp_receiver_get_counts (receiver, &counts);
  g_assert_cmpuint (counts.spans_rejected, ==, 0);
  stored = receive_test_metadata_text (fixture->received);
  imported = receive_test_metadata_text (fixture->imported);
  g_assert_nonnull (strstr (stored, "\"scope\":{\"name\":\"@arizeai/openinference-instrumentation-openai\""));
  g_assert_cmpstr (stored, ==, imported);
  assert_same_traces (fixture);
}

/* Proto3's JSON parsers, the Collector's among them, take the proto's own
 * field names too (`resource_spans`, `start_time_unix_nano`: what
 * Python's json_format writes when told to keep them). Before, such a
 * request read as empty: 200, and nothing stored. */
static void
test_proto_field_names (Fixture       *fixture,
                        gconstpointer  data)
{
  assert_renamed_as_import (fixture, with_proto_names);
}

/* OTLP before 1.0 named the scope `instrumentationLibrary`, in
 * `instrumentationLibrarySpans` or `instrumentationLibraryLogs`
 * (OpenTelemetry JS before 0.28). Before, the scope was dropped, and the
 * log events with it. */
static void
test_pre_1_0_names (Fixture       *fixture,
                    gconstpointer  data)
{
  assert_renamed_as_import (fixture, with_pre_1_0_names);
}

/* The OpenInference export (8 traces) 8 times in one request, each copy
 * with trace ids of its own: 64 traces. */
static GBytes *
many_traces_a_request (void)
{
  g_autoptr(GBytes) body = receive_test_instrumented ("openinference.json");
  g_autoptr(GRegex) trace_id = g_regex_new ("(\"traceId\"\\s*:\\s*\"[0-9a-f]{30})[0-9a-f]{2}\"", 0, 0, NULL);
  g_autoptr(JsonArray) resource_spans = json_array_new ();
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  for (guint copy = 0; copy < 8; copy++)
    {
      g_autofree char *replacement = g_strdup_printf ("\\g<1>%02x\"", copy);
      g_autofree char *copied = g_regex_replace (trace_id, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                                 0, replacement, 0, NULL);
      g_autoptr(JsonNode) tree = json_from_string (copied, NULL);
      JsonArray *of_copy;

      g_assert_nonnull (tree);
      of_copy = json_object_get_array_member (json_node_get_object (tree), "resourceSpans");

      for (guint i = 0; i < json_array_get_length (of_copy); i++)
        json_array_add_element (resource_spans, json_node_copy (json_array_get_element (of_copy, i)));
    }
  json_object_set_array_member (request, "resourceSpans", json_array_ref (resource_spans));
  root = json_node_init_object (json_node_alloc (), request);
  text = json_to_string (root, FALSE);
  return g_bytes_new_take (text, strlen (text));
}

/* A request of many traces (what one app's batch processor sends: 512
 * spans, 128 traces) is built by its decoding thread and helper threads
 * together, when processors are free (errata-live-prebuilt.c): the same
 * traces as the file import, every one built while decoded. */
static void
test_many_traces_a_request (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GBytes) body = many_traces_a_request ();
  g_autofree char *file = g_build_filename (fixture->dir, "many.json", NULL);
  g_autoptr(ErrataOtlpReceiver) receiver = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *imported = NULL;
  ErrataOtlpReceiverCounts counts;

  g_assert_true (g_file_set_contents (file, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL));
  receive_test_import_file (fixture->imported, file);
  receiver = receive_test_start (fixture->received, 3600 * 1000);
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json", NULL, body,
                                       NULL), ==, 200);
  errata_otlp_receiver_stop (receiver);
  errata_otlp_receiver_get_counts (receiver, &counts);
  g_assert_cmpuint (counts.traces_added, ==, 64);
  g_assert_cmpuint (counts.traces_built_while_decoding, ==, 64);
  stored = receive_test_metadata_text (fixture->received);
  imported = receive_test_metadata_text (fixture->imported);
  g_assert_cmpstr (stored, ==, imported);
  assert_same_traces (fixture);
}

static void
test_bad_requests (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ErrataOtlpReceiver) receiver = receive_test_start (fixture->received, 1000);
  g_autoptr(GBytes) big = NULL;
  g_autoptr(GBytes) bomb = NULL;
  g_autoptr(GBytes) zeros_bytes = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (fixture->received);
  g_autofree char *zeros = g_malloc0 (200000);
  ErrataOtlpReceiverCounts counts;

  assert_status (fixture, receiver, "application/json", NULL, "{\"resourceSpans\": [", -1, 400);
  assert_status (fixture, receiver, "application/json", NULL, "[1, 2]", -1, 400);
  assert_status (fixture, receiver, "application/json", NULL, "{\"resourceSpans\": 3}", -1, 400);
  assert_status (fixture, receiver, "application/json", NULL, "", 0, 400);
  /* A truncated varint, a length past the end, a group wire type. */
  assert_status (fixture, receiver, "application/x-protobuf", NULL, "\x0a\xff", 2, 400);
  assert_status (fixture, receiver, "application/x-protobuf", NULL, "\x0a\x10\x0a", 3, 400);
  assert_status (fixture, receiver, "application/x-protobuf", NULL, "\x0b\x0c", 2, 400);
  assert_status (fixture, receiver, "application/json", "gzip", "not gzip at all", -1, 400);
  assert_status (fixture, receiver, "text/plain", NULL, "{}", -1, 415);
  assert_status (fixture, receiver, "application/json", "br", "{}", -1, 415);
  /* A parent id that is no string (it crashed the receiver): no parent. */
  assert_status (fixture, receiver, "application/json", NULL,
                 "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"ab\",\"spanId\":\"01\","
                 "\"parentSpanId\":5}]}]}]}", -1, 200);
  /* An empty request is valid: nothing to store. */
  assert_status (fixture, receiver, "application/json", NULL, "{}", -1, 200);
  assert_status (fixture, receiver, "application/x-protobuf", NULL, "", 0, 200);
  errata_otlp_receiver_stop (receiver);
  g_clear_object (&receiver);

  /* Past the limit: announced, or only once inflated. */
  receiver = errata_otlp_receiver_new (file);
  errata_otlp_receiver_set_port (receiver, 0);
  errata_otlp_receiver_set_max_body (receiver, 100000);
  g_assert_true (errata_otlp_receiver_start (receiver, NULL));
  big = g_bytes_new (zeros, 150000);
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, big, NULL), ==, 413);
  zeros_bytes = g_bytes_new_static (zeros, 200000);
  bomb = receive_test_gzip (zeros_bytes);
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 100000);
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       "gzip", bomb, NULL), ==, 413);
  /* Or chunked, with no length to announce: an empty request padded
   * past the limit, which would be stored if it were read whole. */
  g_assert_cmpuint (post_chunked (fixture->session, receiver, 150000), ==, 413);
  g_assert_cmpuint (post_chunked (fixture->session, receiver, 90000), ==, 200);
  errata_otlp_receiver_get_counts (receiver, &counts);
  g_assert_cmpuint (counts.requests_refused, ==, 3);
  g_assert_cmpuint (counts.spans_accepted, ==, 0);
  errata_otlp_receiver_stop (receiver);
}

/* A span without a trace id is refused, the others of the request kept:
 * a 200 whose partialSuccess names it. */
static void
test_partial_success (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char body[] =
    "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": ["
    "{\"traceId\": \"0af7651916cd43dd8448eb211c80319c\", \"spanId\": \"b7ad6b7169203331\","
    " \"name\": \"chat\", \"startTimeUnixNano\": \"1\", \"endTimeUnixNano\": \"2\","
    " \"attributes\": [{\"key\": \"input.value\", \"value\": {\"stringValue\": \"hi\"}},"
    "                  {\"key\": \"output.value\", \"value\": {\"stringValue\": \"hello\"}}]},"
    "{\"spanId\": \"00f067aa0ba902b7\", \"name\": \"orphan\"},"
    /* The specification's invalid id: no trace either. */
    "{\"traceId\": \"00000000000000000000000000000000\", \"spanId\": \"00f067aa0ba902b8\"}]}]}]}";
  g_autoptr(ErrataOtlpReceiver) receiver = receive_test_start (fixture->received, 1000);
  g_autoptr(GBytes) bytes = g_bytes_new_static (body, strlen (body));
  g_autoptr(GBytes) response = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *partial;
  g_autofree char *stored = NULL;

  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, bytes, &response), ==, 200);
  node = json_from_string (g_bytes_get_data (response, NULL), NULL);
  g_assert_nonnull (node);
  partial = json_object_get_object_member (json_node_get_object (node), "partialSuccess");
  g_assert_cmpstr (json_object_get_string_member (partial, "rejectedSpans"), ==, "2");
  g_assert_nonnull (json_object_get_string_member (partial, "errorMessage"));
  errata_otlp_receiver_stop (receiver);
  stored = errata_test_traces_text (fixture->received, "otlp-live");
  g_assert_true (g_str_has_prefix (stored, "0af7651916cd43dd8448eb211c80319c\t"));
}

/* Writes a tag and a length before what `reversed` holds (bytes kept in
 * reverse order, so that each level is a prepend without a copy). */
static void
prepend_field (GByteArray *reversed,
               guint8      tag)
{
  guint64 length = reversed->len;
  guint8 varint[10];
  guint n = 0;

  do
    {
      varint[n++] = (length & 0x7f) | (length > 0x7f ? 0x80 : 0);
      length >>= 7;
    }
  while (length > 0);
  for (guint i = n; i > 0; i--)
    g_byte_array_append (reversed, &varint[i - 1], 1);
  g_byte_array_append (reversed, &tag, 1);
}

static void
prepend_bytes (GByteArray   *reversed,
               const guint8 *bytes,
               guint         n)
{
  for (guint i = n; i > 0; i--)
    g_byte_array_append (reversed, &bytes[i - 1], 1);
}

/* An attribute whose value is an array of an array of … 200,000 deep: a
 * stack overflow for a decoder that recurses without a limit. */
static GBytes *
deep_request (void)
{
  static const guint8 string_x[] = { 0x0a, 0x01, 'x' };
  static const guint8 key_k[] = { 0x0a, 0x01, 'k' };
  static const guint8 ids[] = { 0x0a, 0x10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                0x12, 0x08, 1, 2, 3, 4, 5, 6, 7, 8 };
  GByteArray *reversed = g_byte_array_new ();
  guint8 *data;
  guint len;

  prepend_bytes (reversed, string_x, sizeof string_x);
  for (guint i = 0; i < 200000; i++)
    {
      prepend_field (reversed, 0x0a);   /* ArrayValue.values */
      prepend_field (reversed, 0x2a);   /* AnyValue.array_value */
    }
  prepend_field (reversed, 0x12);       /* KeyValue.value */
  prepend_bytes (reversed, key_k, sizeof key_k);
  prepend_field (reversed, 0x4a);       /* Span.attributes */
  prepend_bytes (reversed, ids, sizeof ids);
  prepend_field (reversed, 0x12);       /* ScopeSpans.spans */
  prepend_field (reversed, 0x12);       /* ResourceSpans.scope_spans */
  prepend_field (reversed, 0x0a);       /* ExportTraceServiceRequest.resource_spans */
  len = reversed->len;
  data = g_byte_array_free (reversed, FALSE);
  for (guint i = 0; i < len / 2; i++)
    {
      guint8 byte = data[i];

      data[i] = data[len - 1 - i];
      data[len - 1 - i] = byte;
    }
  return g_bytes_new_take (data, len);
}

static void
test_deep_protobuf (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ErrataOtlpReceiver) receiver = receive_test_start (fixture->received, 1000);
  g_autoptr(GBytes) body = deep_request ();
  g_autoptr(GBytes) response = NULL;

  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/x-protobuf",
                                       NULL, body, &response), ==, 400);
  errata_otlp_receiver_stop (receiver);
}

/* A 10 MB request (one span whose input is 10 MB of text) is under the
 * default limit: received and stored whole. */
static void
test_ten_megabytes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ErrataOtlpReceiver) receiver = receive_test_start (fixture->received, 1000);
  g_autoptr(GString) json = g_string_new ("{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": ["
                                          "{\"traceId\": \"5b8efff798038103d269b633813fc60c\","
                                          " \"spanId\": \"eee19b7ec3c1b174\", \"name\": \"chat\","
                                          " \"attributes\": [{\"key\": \"input.value\", \"value\": {\"stringValue\": \"");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (fixture->received);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *messages;

  while (json->len < 10 * 1000 * 1000)
    g_string_append (json, "All work and no play makes Jack a dull boy. ");
  g_string_append (json, "\"}}, {\"key\": \"output.value\", \"value\": {\"stringValue\": \"ok\"}}]}]}]}]}");
  body = g_string_free_to_bytes (g_steal_pointer (&json));
  g_assert_cmpuint (g_bytes_get_size (body), >=, 10 * 1000 * 1000);
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, body, NULL), ==, 200);
  errata_otlp_receiver_stop (receiver);

  project = errata_project_open (file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  trace = errata_project_find_trace (project, "otlp-live", "5b8efff798038103d269b633813fc60c", &error);
  g_assert_no_error (error);
  messages = errata_trace_get_messages (trace);
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  g_assert_cmpuint (strlen (json_object_get_string_member (json_array_get_object_element (messages, 0),
                                                           "content")), >=, 10 * 1000 * 1000 - 200);
}

static void
test_port_in_use (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ErrataOtlpReceiver) first = receive_test_start (fixture->received, 1000);
  g_autoptr(GFile) file = g_file_new_for_path (fixture->received);
  g_autoptr(ErrataOtlpReceiver) second = errata_otlp_receiver_new (file);
  g_autoptr(GError) error = NULL;

  errata_otlp_receiver_set_port (second, errata_otlp_receiver_get_port (first));
  g_assert_false (errata_otlp_receiver_start (second, &error));
  g_assert_error (error, ERRATA_OTLP_RECEIVER_ERROR, ERRATA_OTLP_RECEIVER_ERROR_PORT_IN_USE);
  g_assert_nonnull (strstr (error->message, "is in use"));
  g_assert_false (errata_otlp_receiver_is_running (second));
  errata_otlp_receiver_stop (first);
}

static void
assert_not_found (Fixture            *fixture,
                  ErrataOtlpReceiver *receiver,
                  const char         *path,
                  const char         *content_type,
                  const char         *says)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(GBytes) response = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpuint (receive_test_post (fixture->session, receiver, path, content_type, NULL, body,
                                       &response), ==, 404);
  text = g_strndup (g_bytes_get_data (response, NULL), g_bytes_get_size (response));
  g_assert_nonnull (strstr (text, says));
}

/* An SDK pointed at the receiver sends its metrics there too: a 404 that
 * says why, not an empty 500. */
static void
test_other_paths (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ErrataOtlpReceiver) receiver = receive_test_start (fixture->received, 1000);
  ErrataOtlpReceiverCounts counts;

  assert_not_found (fixture, receiver, "/v1/metrics", "application/json", "OTEL_METRICS_EXPORTER=none");
  /* A google.rpc.Status message: its text is in it as is. */
  assert_not_found (fixture, receiver, "/v1/metrics", "application/x-protobuf", "OTEL_METRICS_EXPORTER=none");
  assert_not_found (fixture, receiver, "/", "application/json", "/v1/traces");
  assert_not_found (fixture, receiver, "/v1/trace", "application/json", "/v1/logs");
  errata_otlp_receiver_get_counts (receiver, &counts);
  g_assert_cmpuint (counts.requests_refused, ==, 4);
  g_assert_cmpuint (counts.spans_accepted, ==, 0);
  errata_otlp_receiver_stop (receiver);
}

typedef struct
{
  ErrataOtlpReceiver *receiver;
  guint               n_stored;
} StopAgain;

static void
stop_again (ErrataOtlpReceiver *receiver,
            gpointer            user_data)
{
  StopAgain *again = user_data;

  again->n_stored++;
  errata_otlp_receiver_stop (receiver);
}

/* Stopping runs the main loop until the last requests are answered and
 * the last traces stored; a handler of what it emits meanwhile (the
 * window closed while the switch turns off) may stop the receiver again:
 * the inner stop returns, the outer one finishes. */
static void
test_stop_within_stop (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ErrataOtlpReceiver) receiver = receive_test_start (fixture->received, 3600 * 1000);
  /* An LLM span whose root is still to come: it waits in the journal
   * until the stop builds it. */
  static const char child[] =
    "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \"0000000000000000000000000000abcd\","
    " \"spanId\": \"0000000000000002\", \"parentSpanId\": \"0000000000000001\", \"name\": \"llm\","
    " \"startTimeUnixNano\": \"1000\", \"endTimeUnixNano\": \"2000\", \"attributes\": ["
    "{\"key\": \"openinference.span.kind\", \"value\": {\"stringValue\": \"LLM\"}},"
    "{\"key\": \"llm.input_messages.0.message.role\", \"value\": {\"stringValue\": \"user\"}},"
    "{\"key\": \"llm.input_messages.0.message.content\", \"value\": {\"stringValue\": \"hello\"}}]}]}]}]}";
  g_autoptr(GBytes) body = g_bytes_new_static (child, sizeof child - 1);
  StopAgain again = { receiver, 0 };
  ErrataOtlpReceiverCounts counts;

  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, body, NULL), ==, 200);
  g_signal_connect (receiver, "traces-stored", G_CALLBACK (stop_again), &again);
  errata_otlp_receiver_stop (receiver);
  g_assert_cmpuint (again.n_stored, >=, 1);
  g_assert_false (errata_otlp_receiver_is_running (receiver));
  errata_otlp_receiver_get_counts (receiver, &counts);
  g_assert_cmpuint (counts.traces_added, ==, 1);
}

/* A receiver that answered on a connection and went away (stopped, or
 * killed) leaves the port's old connections waiting in the kernel for a
 * while (TIME_WAIT); a receiver started right after, as Errata reopened
 * after a crash, must still get the port. */
static void
test_same_port_after_stop (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ErrataOtlpReceiver) first = receive_test_start (fixture->received, 1000);
  g_autoptr(GFile) file = g_file_new_for_path (fixture->received);
  g_autoptr(ErrataOtlpReceiver) second = errata_otlp_receiver_new (file);
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(GError) error = NULL;
  guint port = errata_otlp_receiver_get_port (first);

  /* The session keeps its connection open: the receiver closes it first. */
  g_assert_cmpuint (receive_test_post (fixture->session, first, "/v1/traces", "application/json",
                                       NULL, body, NULL), ==, 200);
  errata_otlp_receiver_stop (first);

  errata_otlp_receiver_set_port (second, port);
  errata_otlp_receiver_start (second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_otlp_receiver_get_port (second), ==, port);
  g_assert_cmpuint (receive_test_post (fixture->session, second, "/v1/traces", "application/json",
                                       NULL, body, NULL), ==, 200);
  errata_otlp_receiver_stop (second);
}

/* Anything but the loopback addresses only with a token, which every
 * request must then carry. */
static void
test_token (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->received);
  g_autoptr(ErrataOtlpReceiver) receiver = errata_otlp_receiver_new (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);

  errata_otlp_receiver_set_port (receiver, 0);
  errata_otlp_receiver_set_address (receiver, "127.0.0.1", NULL);
  g_assert_false (errata_otlp_receiver_start (receiver, &error));
  g_assert_error (error, ERRATA_OTLP_RECEIVER_ERROR, ERRATA_OTLP_RECEIVER_ERROR_ADDRESS);
  g_clear_error (&error);

  errata_otlp_receiver_set_address (receiver, "127.0.0.1", "s3cret");
  errata_otlp_receiver_start (receiver, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, body, NULL), ==, 401);
  g_assert_cmpuint (receive_test_post_with (fixture->session, receiver, "/v1/traces", "application/json",
                                            "X-Errata-Token", "wrong", body), ==, 401);
  g_assert_cmpuint (receive_test_post_with (fixture->session, receiver, "/v1/traces", "application/json",
                                            "X-Errata-Token", "s3cret", body), ==, 200);
  g_assert_cmpuint (receive_test_post_with (fixture->session, receiver, "/v1/traces", "application/json",
                                            "Authorization", "Bearer s3cret", body), ==, 200);
  errata_otlp_receiver_stop (receiver);
}

#ifdef __linux__
#define REFUSED_BODY_MB 300

/* Peak resident memory of this process, in kB. */
static gint64
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmHWM:");
  g_assert_nonnull (line);
  return g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10);
}

/* An empty request padded to REFUSED_BODY_MB with spaces, into a pipe:
 * the client never holds it whole. */
static gpointer
write_padded_request (gpointer data)
{
  int fd = GPOINTER_TO_INT (data);
  char block[65536];
  gboolean ok = TRUE;

  memset (block, ' ', sizeof block);
  ok = write (fd, "{", 1) == 1;
  for (guint i = 0; ok && i < REFUSED_BODY_MB * 16; i++)
    ok = write (fd, block, sizeof block) == sizeof block;
  ok = ok && write (fd, "}", 1) == 1;
  close (fd);
  return NULL;
}
#endif

/* A body past the limit is read and dropped, never kept: 300 MB sent
 * chunked (no length to refuse it by) to a receiver whose limit is 1 MB
 * leave the peak memory of a fresh process far below them. libsoup reads
 * a refused request's body before it answers, and kept all of it. */
static void
test_refused_body_not_kept (Fixture       *fixture,
                            gconstpointer  data)
{
#ifdef __linux__
  g_autoptr(ErrataOtlpReceiver) receiver = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) writer = NULL;
  gint64 before;
  int fds[2];

  if (!g_test_subprocess ())
    {
      /* A fresh process: its peak is this request's. */
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  signal (SIGPIPE, SIG_IGN);
  receiver = receive_test_start (fixture->received, 1000);
  errata_otlp_receiver_set_max_body (receiver, 1024 * 1024);
  endpoint = errata_otlp_receiver_dup_endpoint (receiver);
  url = g_strconcat (endpoint, "/v1/traces", NULL);
  message = soup_message_new ("POST", url);
  g_assert_cmpint (pipe (fds), ==, 0);
  stream = g_unix_input_stream_new (fds[0], TRUE);
  soup_message_set_request_body (message, "application/json", stream, -1);
  writer = g_thread_new ("padded-request", write_padded_request, GINT_TO_POINTER (fds[1]));
  before = peak_rss_kb ();
  soup_session_send_and_read_async (fixture->session, message, G_PRIORITY_DEFAULT, NULL,
                                    errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  response = soup_session_send_and_read_finish (fixture->session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 413);
#if !defined(__SANITIZE_ADDRESS__)
  /* (AddressSanitizer keeps up to 256 MB of freed blocks in quarantine.) */
  g_assert_cmpint (peak_rss_kb () - before, <, REFUSED_BODY_MB * 1024 / 4);
#endif
  errata_otlp_receiver_stop (receiver);
#else
  g_test_skip ("peak memory is read from /proc");
#endif
}

typedef struct
{
  ErrataOtlpReceiver *receiver;
  gsize               bytes;
  SoupMessage        *message;
  gboolean            answered;
} InFlight;

static gboolean
in_flight_counts (gpointer data)
{
  InFlight *first = data;

  return errata_otlp_receiver_get_in_flight_bytes (first->receiver) == first->bytes;
}

static gboolean
in_flight_answered (gpointer data)
{
  return ((InFlight *)data)->answered;
}

/* Answered, or taken: in flight beside the first (`bytes`, its size). */
static gboolean
in_flight_settled (gpointer data)
{
  InFlight *request = data;

  return request->answered || errata_otlp_receiver_get_in_flight_bytes (request->receiver) != request->bytes;
}

static void
on_in_flight_answer (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  InFlight *first = user_data;
  g_autoptr(GBytes) answer = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  first->answered = TRUE;
}

/* The bodies in flight are bounded: while one request waits for the
 * writer (the project's write lock held here), another that would pass
 * the limit is told to come back (503, Retry-After), and is stored when
 * it does. A gzip body counts inflated once decoded. */
static void
test_in_flight_limit (Fixture       *fixture,
                      gconstpointer  data)
{
  const char * const names[] = { "openinference.json", "langfuse.json", NULL };
  g_autoptr(GBytes) first_plain = receive_test_instrumented ("openinference.json");
  g_autoptr(GBytes) first_body = receive_test_gzip (first_plain);
  g_autoptr(GBytes) second_body = receive_test_instrumented ("langfuse.json");
  g_autoptr(ErrataOtlpReceiver) receiver = receive_test_start (fixture->received, 3600 * 1000);
  g_autofree char *endpoint = errata_otlp_receiver_dup_endpoint (receiver);
  g_autofree char *uri = g_strconcat (endpoint, "/v1/traces", NULL);
  InFlight first = { receiver, g_bytes_get_size (first_plain), soup_message_new (SOUP_METHOD_POST, uri), FALSE };
  g_autoptr(GBytes) second_gzip = receive_test_gzip (second_body);
  InFlight second = { receiver, first.bytes, soup_message_new (SOUP_METHOD_POST, uri), FALSE };
  sqlite3 *lock = NULL;

  receive_test_import (fixture->imported, names);
  errata_otlp_receiver_set_max_in_flight (receiver, 1);
  g_assert_cmpint (sqlite3_open (fixture->received, &lock), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (lock, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  soup_message_headers_replace (soup_message_get_request_headers (first.message), "Content-Encoding", "gzip");
  soup_message_set_request_body_from_bytes (first.message, "application/json", first_body);
  soup_session_send_and_read_async (fixture->session, first.message, G_PRIORITY_DEFAULT, NULL,
                                    on_in_flight_answer, &first);
  /* Decoded, counted inflated, and waiting for the writer. */
  errata_test_wait_until (in_flight_counts, &first, 60);
  g_assert_cmpuint (g_bytes_get_size (first_body), <, first.bytes);
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, second_body, NULL), ==, 503);
  g_assert_false (first.answered);
  /* A gzip body counts inflated from its arrival (its trailer says how
   * big): one that would fit compressed, but not inflated, is refused. */
  errata_otlp_receiver_set_max_in_flight (receiver, first.bytes + g_bytes_get_size (second_gzip) + 1);
  soup_message_headers_replace (soup_message_get_request_headers (second.message), "Content-Encoding", "gzip");
  soup_message_set_request_body_from_bytes (second.message, "application/json", second_gzip);
  soup_session_send_and_read_async (fixture->session, second.message, G_PRIORITY_DEFAULT, NULL,
                                    on_in_flight_answer, &second);
  errata_test_wait_until (in_flight_settled, &second, 60);
  g_assert_true (second.answered);
  g_assert_cmpuint (soup_message_get_status (second.message), ==, 503);
  errata_otlp_receiver_set_max_in_flight (receiver, 1);

  g_assert_cmpint (sqlite3_exec (lock, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (lock);
  errata_test_wait_until (in_flight_answered, &first, 60);
  g_assert_cmpuint (soup_message_get_status (first.message), ==, 200);
  g_assert_cmpuint (errata_otlp_receiver_get_in_flight_bytes (receiver), ==, 0);
  /* Nothing in flight: taken, whatever its size. */
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, second_body, NULL), ==, 200);
  errata_otlp_receiver_stop (receiver);
  g_object_unref (first.message);
  g_object_unref (second.message);
  assert_same_traces (fixture);
}

typedef struct
{
  gboolean  stopped;
} Stopping;

static void
on_stopped (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Stopping *stopping = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_otlp_receiver_stop_finish (ERRATA_OTLP_RECEIVER (source), result, &error));
  g_assert_no_error (error);
  stopping->stopped = TRUE;
}

static gboolean
is_stopped (gpointer data)
{
  return ((Stopping *)data)->stopped;
}

/* Stopping without waiting: it returns at once while a request waits for
 * the writer (the project's write lock held here), new requests are told
 * to come back, and it ends once that request is answered and its trace
 * stored. */
static void
test_stop_async (Fixture       *fixture,
                 gconstpointer  data)
{
  const char * const names[] = { "openinference.json", NULL };
  g_autoptr(GBytes) body = receive_test_instrumented ("openinference.json");
  g_autoptr(ErrataOtlpReceiver) receiver = receive_test_start (fixture->received, 3600 * 1000);
  g_autofree char *endpoint = errata_otlp_receiver_dup_endpoint (receiver);
  g_autofree char *uri = g_strconcat (endpoint, "/v1/traces", NULL);
  InFlight first = { receiver, g_bytes_get_size (body), soup_message_new (SOUP_METHOD_POST, uri), FALSE };
  Stopping stopping = { FALSE };
  sqlite3 *lock = NULL;

  receive_test_import (fixture->imported, names);
  g_assert_cmpint (sqlite3_open (fixture->received, &lock), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (lock, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  soup_message_set_request_body_from_bytes (first.message, "application/json", body);
  soup_session_send_and_read_async (fixture->session, first.message, G_PRIORITY_DEFAULT, NULL,
                                    on_in_flight_answer, &first);
  errata_test_wait_until (in_flight_counts, &first, 60);

  errata_otlp_receiver_stop_async (receiver, on_stopped, &stopping);
  g_assert_false (stopping.stopped);
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, body, NULL), ==, 503);
  g_assert_false (stopping.stopped);
  g_assert_false (first.answered);

  g_assert_cmpint (sqlite3_exec (lock, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (lock);
  errata_test_wait_until (is_stopped, &stopping, 60);
  /* Its answer was written before the connections closed. */
  errata_test_wait_until (in_flight_answered, &first, 60);
  g_assert_cmpuint (soup_message_get_status (first.message), ==, 200);
  g_assert_false (errata_otlp_receiver_is_running (receiver));
  g_object_unref (first.message);
  assert_same_traces (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The in-flight test holds the project's write lock while the writer
   * waits for it: a slow machine must not see the writer give up first. */
  g_setenv ("ERRATA_BUSY_TIMEOUT_MS", "600000", TRUE);

#define ADD(path, func) \
  g_test_add ("/otlp-receiver" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/json-as-import", test_json_as_import);
  ADD ("/protobuf-as-import", test_protobuf_as_import);
  ADD ("/gzip-as-import", test_gzip_as_import);
  ADD ("/protobuf-gzip-as-import", test_protobuf_gzip_as_import);
  ADD ("/real-exporter-protobuf", test_real_exporter_protobuf);
  ADD ("/real-exporter-json", test_real_exporter_json);
  ADD ("/root-span-completes", test_root_span_completes);
  ADD ("/bad-requests", test_bad_requests);
  ADD ("/refused-body-not-kept", test_refused_body_not_kept);
  ADD ("/partial-success", test_partial_success);
  ADD ("/pre-1.0-names", test_pre_1_0_names);
  ADD ("/proto-field-names", test_proto_field_names);
  ADD ("/many-traces-a-request", test_many_traces_a_request);
  ADD ("/deep-protobuf", test_deep_protobuf);
  ADD ("/ten-megabytes", test_ten_megabytes);
  ADD ("/port-in-use", test_port_in_use);
  ADD ("/other-paths", test_other_paths);
  ADD ("/same-port-after-stop", test_same_port_after_stop);
  ADD ("/stop-within-stop", test_stop_within_stop);
  ADD ("/token", test_token);
  ADD ("/in-flight-limit", test_in_flight_limit);
  ADD ("/stop-async", test_stop_async);
#undef ADD

  return g_test_run ();
}
