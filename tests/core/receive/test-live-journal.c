/* test-live-journal.c: nothing the receiver accepted is lost.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spans journaled and never converted (a crash, a kill -9 after the 200)
 * become traces at the next start; a late span updates its stored trace
 * without repeating a message; a span sent twice counts once; a flood of
 * requests, some told to come back (503), ends with every span stored.
 */

#include "config.h"

#include "receive-test-utils.h"
#include "errata-json-fast.h"
#include "errata-live-journal.h"
#include "errata-project-schema.h"
#include "errata-otlp-request.h"
#include "errata-project-imports.h"
#include "errata-stored-text.h"
#include "errata-test-utils.h"
#include "errata-trace-deletion.h"

#include <math.h>
#include <sqlite3.h>

#include "opentelemetry/proto/collector/trace/v1/trace_service.pb-c.h"

typedef struct
{
  char        *dir;
  char        *imported;
  char        *received;
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

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  errata_stored_text_register (db);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  errata_stored_text_register (db);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

typedef struct
{
  ErrataOtlpReceiver *receiver;
  guint64             added;
  guint64             updated;
} Waiting;

static gboolean
counts_reached (gpointer data)
{
  Waiting *waiting = data;
  ErrataOtlpReceiverCounts counts;

  errata_otlp_receiver_get_counts (waiting->receiver, &counts);
  return counts.traces_added >= waiting->added && counts.traces_updated >= waiting->updated;
}

/* A crash after the 200: the spans are in the journal, no trace yet. The
 * next start of a receiver turns them into the traces a file import gives. */
static void
test_replay_after_crash (Fixture       *fixture,
                         gconstpointer  data)
{
  const char * const names[] = { "openinference.json", NULL };
  g_autoptr(GBytes) body = receive_test_instrumented ("openinference.json");
  g_autoptr(GPtrArray) spans = receive_test_decode (ERRATA_OTLP_TRACES, body);
  g_autoptr(GFile) file = g_file_new_for_path (fixture->received);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataOtlpReceiver) receiver = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *received = NULL;
  Waiting waiting = { NULL, 8, 0 };

  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (errata_live_journal_append (project, spans, &error));
  g_assert_no_error (error);
  /* Closed without converting: what a kill -9 leaves. */
  errata_project_close (project);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM traces"), ==, 0);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_spans"), ==, spans->len);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_pending"), ==, 8);

  receive_test_import (fixture->imported, names);
  imported = errata_test_traces_text (fixture->imported, NULL);
  /* Converted at start, without any request, and without waiting the
   * (here, hour-long) idle time. */
  receiver = receive_test_start (fixture->received, 3600 * 1000);
  waiting.receiver = receiver;
  errata_test_wait_until (counts_reached, &waiting, 60);
  received = errata_test_traces_text (fixture->received, "otlp-live");
  g_assert_cmpstr (received, ==, imported);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_pending"), ==, 0);
  /* Stored: their spans left the journal. */
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_spans"), ==, 0);
  errata_otlp_receiver_stop (receiver);
}

/* Spans into one request, of a service named `service` (NULL: a request
 * without a resource). */
static GBytes *
body_of_service (GPtrArray  *spans,
                 guint       from,
                 guint       to,
                 const char *service)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "resourceSpans");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  if (service != NULL)
    {
      json_builder_set_member_name (builder, "resource");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "attributes");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, "service.name");
      json_builder_set_member_name (builder, "value");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "stringValue");
      json_builder_add_string_value (builder, service);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "scopeSpans");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "spans");
  json_builder_begin_array (builder);
  for (guint i = from; i < to; i++)
    json_builder_add_value (builder, json_node_copy (g_ptr_array_index (spans, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  return g_bytes_new_take (text, strlen (text));
}

static GBytes *
body_of (GPtrArray *spans,
         guint      from,
         guint      to)
{
  return body_of_service (spans, from, to, NULL);
}

/* Every span of a fixture, as OTLP JSON span objects, in its order. */
static GPtrArray *
all_spans_of (const char *name)
{
  g_autoptr(GBytes) body = receive_test_instrumented (name);
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (body, NULL), NULL);
  JsonArray *resource_spans = json_object_get_array_member (json_node_get_object (root), "resourceSpans");
  GPtrArray *spans = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);

  for (guint i = 0; i < json_array_get_length (resource_spans); i++)
    {
      JsonArray *scopes = json_object_get_array_member (json_array_get_object_element (resource_spans, i),
                                                        "scopeSpans");

      for (guint j = 0; j < json_array_get_length (scopes); j++)
        {
          JsonArray *list = json_object_get_array_member (json_array_get_object_element (scopes, j), "spans");

          for (guint k = 0; k < json_array_get_length (list); k++)
            g_ptr_array_add (spans, json_node_copy (json_array_get_element (list, k)));
        }
    }
  return spans;
}

/* The spans of one trace of a fixture (its first), as OTLP JSON span
 * objects. */
static GPtrArray *
spans_of_first_trace (const char  *name,
                      char       **trace_id)
{
  g_autoptr(GPtrArray) all = all_spans_of (name);
  GPtrArray *spans = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);

  g_assert_cmpuint (all->len, >, 0);
  *trace_id = g_strdup (json_object_get_string_member (json_node_get_object (all->pdata[0]), "traceId"));
  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (json_object_get_string_member (json_node_get_object (all->pdata[i]), "traceId"),
                     *trace_id))
      g_ptr_array_add (spans, json_node_ref (all->pdata[i]));
  return spans;
}

static gboolean
is_root (JsonNode *span)
{
  const char *parent = json_object_get_string_member_with_default (json_node_get_object (span),
                                                                   "parentSpanId", "");

  return *parent == '\0';
}

/* The root and every other span first, the rest late. */
static void
split_late (GPtrArray *spans,
            GPtrArray *first,
            GPtrArray *late)
{
  for (guint i = 0; i < spans->len; i++)
    g_ptr_array_add (is_root (spans->pdata[i]) || i % 2 == 0 ? first : late, spans->pdata[i]);
  g_assert_cmpuint (late->len, >, 0);
}

/* The root and some spans first (a trace is stored), the rest later (it is
 * updated): the end is the file import's trace, each message once; sending
 * it all again changes nothing. */
static void
test_late_spans (Fixture       *fixture,
                 gconstpointer  data)
{
  const char * const names[] = { "openinference.json", NULL };
  g_autofree char *trace_id = NULL;
  g_autoptr(GPtrArray) spans = spans_of_first_trace ("openinference.json", &trace_id);
  g_autoptr(GPtrArray) first = g_ptr_array_new ();
  g_autoptr(GPtrArray) late = g_ptr_array_new ();
  g_autoptr(GBytes) first_body = NULL;
  g_autoptr(GBytes) late_body = NULL;
  g_autoptr(GBytes) all_body = NULL;
  g_autoptr(ErrataOtlpReceiver) receiver = NULL;
  g_autofree char *imported_all = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *received = NULL;
  g_autofree char *early = NULL;
  ErrataOtlpReceiverCounts counts;
  Waiting waiting = { NULL, 1, 0 };
  char **lines;

  g_assert_cmpuint (spans->len, >=, 3);
  /* The root, then every other span; the rest come late. */
  split_late (spans, first, late);
  first_body = body_of (first, 0, first->len);
  late_body = body_of (late, 0, late->len);
  all_body = body_of (spans, 0, spans->len);

  receive_test_import (fixture->imported, names);
  imported_all = errata_test_traces_text (fixture->imported, NULL);
  lines = g_strsplit (imported_all, "\n", -1);
  for (guint i = 0; lines[i] != NULL && expected == NULL; i++)
    if (g_str_has_prefix (lines[i], trace_id))
      expected = g_strconcat (lines[i], "\n", NULL);
  g_strfreev (lines);
  g_assert_nonnull (expected);

  receiver = receive_test_start (fixture->received, 3600 * 1000);
  waiting.receiver = receiver;
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, first_body, NULL), ==, 200);
  errata_test_wait_until (counts_reached, &waiting, 60);
  early = errata_test_traces_text (fixture->received, "otlp-live");
  g_assert_true (g_str_has_prefix (early, trace_id));
  /* Pruned with the store: the late spans are built with the stored
   * trace's own. */
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_spans"), ==, 0);

  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, late_body, NULL), ==, 200);
  waiting.updated = g_str_equal (early, expected) ? 0 : 1;
  errata_test_wait_until (counts_reached, &waiting, 60);
  /* Everything again, as an exporter retrying after a lost answer. */
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, all_body, NULL), ==, 200);
  errata_otlp_receiver_stop (receiver);

  received = errata_test_traces_text (fixture->received, "otlp-live");
  g_assert_cmpstr (received, ==, expected);
  errata_otlp_receiver_get_counts (receiver, &counts);
  g_assert_cmpuint (counts.traces_added, ==, 1);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_spans"), ==, 0);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM traces"), ==, 1);
  /* The metadata index follows the trace's metadata as the late spans
   * changed it: no row missing, none left over. */
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM trace_meta"), >, 0);
  g_assert_cmpint (query_int (fixture->received,
                              "SELECT count(*) FROM (SELECT key, value, trace_id FROM trace_meta"
                              " EXCEPT SELECT * FROM (" ERRATA_SQL_META_ROWS ("traces t,", "t.id",
                                                                              "errata_text (t.metadata)") ")"
                              " UNION ALL SELECT * FROM (SELECT * FROM (" ERRATA_SQL_META_ROWS (
                                "traces t,", "t.id", "errata_text (t.metadata)") ") EXCEPT"
                              " SELECT key, value, trace_id FROM trace_meta))"), ==, 0);
}

/* A trace stored before its spans kept their resource (the trace's own
 * `resource` was the root's): late spans still build it, each stored span
 * given that resource, into the conversation of a file import. */
static void
strip_span_resources (const char *path)
{
  g_autofree char *text = query_text (path, "SELECT errata_text (metadata) FROM traces");
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  JsonArray *spans = json_object_get_array_member (json_node_get_object (root), "spans");
  g_autofree char *stripped = NULL;
  sqlite3 *db = NULL;
  char *sql;

  for (guint i = 0; i < json_array_get_length (spans); i++)
    json_object_remove_member (json_array_get_object_element (spans, i), "resource");
  stripped = json_to_string (root, FALSE);
  sql = sqlite3_mprintf ("UPDATE traces SET metadata = %Q", stripped);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_free (sql);
  sqlite3_close (db);
}

static void
test_late_spans_old_format (Fixture       *fixture,
                            gconstpointer  data)
{
  const char * const names[] = { "openinference.json", NULL };
  g_autofree char *trace_id = NULL;
  g_autoptr(GPtrArray) spans = spans_of_first_trace ("openinference.json", &trace_id);
  g_autoptr(GPtrArray) first = g_ptr_array_new ();
  g_autoptr(GPtrArray) late = g_ptr_array_new ();
  g_autoptr(GBytes) first_body = NULL;
  g_autoptr(GBytes) late_body = NULL;
  g_autoptr(ErrataOtlpReceiver) receiver = NULL;
  g_autoptr(ErrataOtlpReceiver) restarted = NULL;
  g_autofree char *imported_all = NULL;
  g_autofree char *received = NULL;
  Waiting waiting = { NULL, 1, 0 };

  split_late (spans, first, late);
  first_body = body_of_service (first, 0, first->len, "late-spans");
  late_body = body_of_service (late, 0, late->len, "late-spans");
  receive_test_import (fixture->imported, names);

  receiver = receive_test_start (fixture->received, 3600 * 1000);
  waiting.receiver = receiver;
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, first_body, NULL), ==, 200);
  errata_test_wait_until (counts_reached, &waiting, 60);
  errata_otlp_receiver_stop (receiver);
  g_assert_cmpint (query_int (fixture->received,
                              "SELECT count(*) FROM traces t, json_each (errata_text (t.metadata), '$.spans') s"
                              " WHERE json_extract (s.value, '$.resource') IS NULL"), ==, 0);
  strip_span_resources (fixture->received);
  g_assert_cmpint (query_int (fixture->received,
                              "SELECT count(*) FROM traces t, json_each (errata_text (t.metadata), '$.spans') s"
                              " WHERE json_extract (s.value, '$.resource') IS NOT NULL"), ==, 0);

  restarted = receive_test_start (fixture->received, 3600 * 1000);
  waiting.receiver = restarted;
  waiting.added = 0;
  waiting.updated = 1;
  g_assert_cmpuint (receive_test_post (fixture->session, restarted, "/v1/traces", "application/json",
                                       NULL, late_body, NULL), ==, 200);
  errata_test_wait_until (counts_reached, &waiting, 60);
  errata_otlp_receiver_stop (restarted);

  imported_all = errata_test_traces_text (fixture->imported, NULL);
  received = errata_test_traces_text (fixture->received, "otlp-live");
  g_assert_true (strstr (imported_all, received) != NULL);
  /* Every span, the stored ones too, with the trace's resource. */
  g_assert_cmpint (query_int (fixture->received,
                              "SELECT count(*) FROM traces t, json_each (errata_text (t.metadata), '$.spans') s"
                              " WHERE json_extract (s.value, '$.resource') = json_extract (errata_text (t.metadata), '$.resource')"),
                   ==, spans->len);
}

/* Traces whose root comes last keep their spans parsed while they wait,
 * but no more than the limit in all: past it, a trace lets go of them and
 * is built from the journal, into the same conversation. */
static void
test_held_spans_bounded (Fixture       *fixture,
                         gconstpointer  data)
{
  const char * const names[] = { "openinference.json", NULL };
  g_autoptr(GPtrArray) spans = all_spans_of ("openinference.json");
  g_autoptr(GPtrArray) children = g_ptr_array_new ();
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  g_autoptr(GFile) file = g_file_new_for_path (fixture->received);
  g_autoptr(ErrataOtlpReceiver) receiver = errata_otlp_receiver_new (file);
  g_autoptr(GBytes) roots_body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *received = NULL;
  Waiting waiting = { receiver, 8, 0 };
  const guint max_held = 5;
  const guint per_request = 8;

  for (guint i = 0; i < spans->len; i++)
    g_ptr_array_add (is_root (spans->pdata[i]) ? roots : children, spans->pdata[i]);
  g_assert_cmpuint (roots->len, ==, 8);
  g_assert_cmpuint (children->len, >, 2 * per_request);
  receive_test_import (fixture->imported, names);
  imported = errata_test_traces_text (fixture->imported, NULL);

  errata_otlp_receiver_set_port (receiver, 0);
  errata_otlp_receiver_set_idle_timeout (receiver, 3600 * 1000);
  errata_otlp_receiver_set_max_held_spans (receiver, max_held);
  errata_otlp_receiver_start (receiver, &error);
  g_assert_no_error (error);
  for (guint from = 0; from < children->len; from += per_request)
    {
      g_autoptr(GBytes) body = body_of (children, from, MIN (from + per_request, children->len));

      g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                           NULL, body, NULL), ==, 200);
      /* Noted before the answer: the count includes this request. A trace
       * that lets go drops all it held, so only the first is sure to
       * leave some. */
      if (from == 0)
        g_assert_cmpuint (errata_otlp_receiver_get_held_spans (receiver), >, 0);
      g_assert_cmpuint (errata_otlp_receiver_get_held_spans (receiver), <=, max_held);
    }
  roots_body = body_of (roots, 0, roots->len);
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, roots_body, NULL), ==, 200);
  errata_test_wait_until (counts_reached, &waiting, 60);
  g_assert_cmpuint (errata_otlp_receiver_get_held_spans (receiver), ==, 0);
  errata_otlp_receiver_stop (receiver);

  received = errata_test_traces_text (fixture->received, "otlp-live");
  g_assert_cmpstr (received, ==, imported);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_spans"), ==, 0);
}

/* Flood: N_TRACES traces of two spans each (a chain and its LLM call), in
 * N_REQUESTS requests all sent at once, against a receiver that takes few
 * spans at a time; a 503 is sent again, as exporters do. */
#define N_TRACES 5000
#define SPANS_PER_REQUEST 50
#define N_REQUESTS (N_TRACES * 2 / SPANS_PER_REQUEST)

static void
add_attribute (GString    *json,
               const char *key,
               const char *value,
               gboolean    last)
{
  g_string_append_printf (json, "{\"key\": \"%s\", \"value\": {\"stringValue\": \"%s\"}}%s",
                          key, value, last ? "" : ",");
}

static void
add_flood_trace (GString *json,
                 guint    n)
{
  g_autofree char *question = g_strdup_printf ("question %u", n);
  g_autofree char *answer = g_strdup_printf ("answer %u", n);

  g_string_append_printf (json, "{\"traceId\": \"%032x\", \"spanId\": \"%016x\", \"name\": \"agent\","
                          " \"startTimeUnixNano\": \"%u000\", \"endTimeUnixNano\": \"%u999\","
                          " \"attributes\": [", n + 1, 2 * n + 1, n + 1, n + 1);
  add_attribute (json, "openinference.span.kind", "CHAIN", FALSE);
  add_attribute (json, "input.value", question, FALSE);
  add_attribute (json, "output.value", answer, TRUE);
  g_string_append_printf (json, "]}, {\"traceId\": \"%032x\", \"spanId\": \"%016x\","
                          " \"parentSpanId\": \"%016x\", \"name\": \"llm\","
                          " \"startTimeUnixNano\": \"%u100\", \"endTimeUnixNano\": \"%u900\","
                          " \"attributes\": [", n + 1, 2 * n + 2, 2 * n + 1, n + 1, n + 1);
  add_attribute (json, "openinference.span.kind", "LLM", FALSE);
  add_attribute (json, "llm.input_messages.0.message.role", "user", FALSE);
  add_attribute (json, "llm.input_messages.0.message.content", question, FALSE);
  add_attribute (json, "llm.output_messages.0.message.role", "assistant", FALSE);
  add_attribute (json, "llm.output_messages.0.message.content", answer, TRUE);
  g_string_append (json, "]}");
}

/* Request r: traces r*25 .. r*25+24, each a root and its LLM span. */
static GBytes *
flood_body (guint r)
{
  GString *json = g_string_new ("{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [");

  for (guint i = 0; i < SPANS_PER_REQUEST / 2; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      add_flood_trace (json, r * (SPANS_PER_REQUEST / 2) + i);
    }
  g_string_append (json, "]}]}]}");
  return g_string_free_to_bytes (json);
}

typedef struct
{
  SoupSession        *session;
  ErrataOtlpReceiver *receiver;
  GBytes           *(*body) (guint r);
  guint               n_requests;
  guint               done;
  guint               retries;
} Flood;

typedef struct
{
  Flood       *flood;
  guint        r;
  SoupMessage *message;
} FloodRequest;

static void send_flood_request (Flood *flood, guint r);

static void
flood_answered (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  FloodRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) answer = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  guint status = soup_message_get_status (request->message);

  g_assert_no_error (error);
  if (status == 503)
    {
      g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (request->message),
                                                     "Retry-After"), ==, "1");
      request->flood->retries++;
      send_flood_request (request->flood, request->r);
    }
  else
    {
      g_assert_cmpuint (status, ==, 200);
      request->flood->done++;
    }
  g_object_unref (request->message);
  g_free (request);
}

static void
send_flood_request (Flood *flood,
                    guint  r)
{
  g_autofree char *endpoint = errata_otlp_receiver_dup_endpoint (flood->receiver);
  g_autofree char *uri = g_strconcat (endpoint, "/v1/traces", NULL);
  g_autoptr(GBytes) body = flood->body (r);
  FloodRequest *request = g_new0 (FloodRequest, 1);

  request->flood = flood;
  request->r = r;
  request->message = soup_message_new (SOUP_METHOD_POST, uri);
  soup_message_set_request_body_from_bytes (request->message, "application/json", body);
  soup_session_send_and_read_async (flood->session, request->message, G_PRIORITY_DEFAULT, NULL,
                                    flood_answered, request);
}

static gboolean
flood_done (gpointer data)
{
  return ((Flood *)data)->done == ((Flood *)data)->n_requests;
}

static void
test_flood (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->received);
  g_autoptr(ErrataOtlpReceiver) receiver = errata_otlp_receiver_new (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  ErrataOtlpReceiverCounts counts;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns", 32,
                                                                  "max-conns-per-host", 32, NULL);
  Flood flood = { session, receiver, flood_body, N_REQUESTS, 0, 0 };
  JsonArray *messages;

  errata_otlp_receiver_set_port (receiver, 0);
  /* Small, so that some requests are told to come back. */
  errata_otlp_receiver_set_max_backlog (receiver, 4 * SPANS_PER_REQUEST);
  errata_otlp_receiver_start (receiver, &error);
  g_assert_no_error (error);
  for (guint r = 0; r < N_REQUESTS; r++)
    send_flood_request (&flood, r);
  errata_test_wait_until (flood_done, &flood, 300);
  errata_otlp_receiver_stop (receiver);

  errata_otlp_receiver_get_counts (receiver, &counts);
  g_test_message ("%u requests were told to retry", flood.retries);
  g_assert_cmpuint (counts.spans_accepted, ==, 2 * N_TRACES);
  g_assert_cmpuint (counts.traces_added, ==, N_TRACES);
  /* Every span is in a trace, none left in the journal. */
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_spans"), ==, 0);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_pending"), ==, 0);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM traces"), ==, N_TRACES);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM traces WHERE n_messages = 2"), ==, N_TRACES);

  project = errata_project_open (file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  trace = errata_project_find_trace (project, ERRATA_LIVE_SOURCE, "0000000000000000000000000000115c", &error);
  g_assert_no_error (error);
  messages = errata_trace_get_messages (trace);
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0), "content"),
                   ==, "question 4443");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 1), "content"),
                   ==, "answer 4443");
}

/* Late spans in the next request: trace t's root and LLM span come in
 * request t / LATE_PER_REQUEST, a third span of it in the request after.
 * All are sent at once, so that a late span comes in the same batch as
 * its trace, in the next batch or later: every late span must be in its
 * trace by the end, none left in the journal. */
#define LATE_TRACES 600
#define LATE_PER_REQUEST 20
#define LATE_REQUESTS (LATE_TRACES / LATE_PER_REQUEST + 1)

static void
add_late_span (GString *json,
               guint    n)
{
  g_string_append_printf (json, "{\"traceId\": \"%032x\", \"spanId\": \"%016x\","
                          " \"parentSpanId\": \"%016x\", \"name\": \"late\","
                          " \"startTimeUnixNano\": \"%u950\", \"endTimeUnixNano\": \"%u960\","
                          " \"attributes\": [", n + 1, 100000 + n, 2 * n + 1, n + 1, n + 1);
  add_attribute (json, "openinference.span.kind", "CHAIN", TRUE);
  g_string_append (json, "]}");
}

static GBytes *
late_body (guint r)
{
  GString *json = g_string_new ("{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [");
  gboolean first = TRUE;

  for (guint t = r * LATE_PER_REQUEST; r + 1 < LATE_REQUESTS && t < (r + 1) * LATE_PER_REQUEST; t++)
    {
      g_string_append (json, first ? "" : ",");
      add_flood_trace (json, t);
      first = FALSE;
    }
  for (guint t = (r - 1) * LATE_PER_REQUEST; r > 0 && t < r * LATE_PER_REQUEST; t++)
    {
      g_string_append (json, first ? "" : ",");
      add_late_span (json, t);
      first = FALSE;
    }
  g_string_append (json, "]}]}]}");
  return g_string_free_to_bytes (json);
}

static void
test_late_in_next_batch (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ErrataOtlpReceiver) receiver = receive_test_start (fixture->received, 3600 * 1000);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns", 8,
                                                                  "max-conns-per-host", 8, NULL);
  Flood flood = { session, receiver, late_body, LATE_REQUESTS, 0, 0 };
  ErrataOtlpReceiverCounts counts;

  for (guint r = 0; r < LATE_REQUESTS; r++)
    send_flood_request (&flood, r);
  errata_test_wait_until (flood_done, &flood, 300);
  errata_otlp_receiver_stop (receiver);

  errata_otlp_receiver_get_counts (receiver, &counts);
  g_assert_cmpuint (counts.spans_accepted, ==, 3 * LATE_TRACES);
  g_assert_cmpuint (counts.traces_added, ==, LATE_TRACES);
  g_test_message ("%" G_GUINT64_FORMAT " traces were updated by their late span", counts.traces_updated);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_spans"), ==, 0);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_pending"), ==, 0);
  g_assert_cmpint (query_int (fixture->received,
                              "SELECT count(*) FROM traces WHERE n_messages = 2 AND json_array_length ("
                              "errata_text (metadata), '$.spans') = 3"), ==, LATE_TRACES);
}

/* The trace id the next connections opened refuse to store (NULL: none). */
static char *refused_trace_id;

/* Run by SQLite on every connection this process opens, the receiver's
 * writer's included: a temporary trigger (a permanent one would make the
 * project one Errata did not write, which it refuses to open). */
/* A temporary trigger `name` refusing rows of `table` whose `column` is
 * the refused trace id. */
static int
add_refusal (sqlite3    *db,
             const char *name,
             const char *table,
             const char *column)
{
  g_autofree char *sql = NULL;
  const char *file = sqlite3_db_filename (db, "main");

  /* Not the in-memory reference schema the integrity check makes. */
  if (refused_trace_id == NULL || file == NULL || *file == '\0')
    return SQLITE_OK;
  sql = g_strdup_printf ("CREATE TEMP TRIGGER %s BEFORE INSERT ON main.%s WHEN NEW.%s = '%s'"
                         " BEGIN SELECT RAISE (ABORT, 'refused by the test'); END",
                         name, table, column, refused_trace_id);
  return sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK ? SQLITE_OK : SQLITE_ERROR;
}

static int
refuse_trace (sqlite3                     *db,
              char                       **error,
              const sqlite3_api_routines  *api)
{
  return add_refusal (db, "refuse", "traces", "external_id");
}

/* The fixture's first trace and the others, as two requests. */
typedef struct
{
  char   *refused;       /* the first trace's id */
  GBytes *refused_body;
  guint   n_refused;
  GBytes *others_body;
  guint   n_others;
} FirstAndRest;

static FirstAndRest
first_and_rest (void)
{
  FirstAndRest split = { NULL };
  g_autoptr(GPtrArray) first = spans_of_first_trace ("openinference.json", &split.refused);
  g_autoptr(GPtrArray) all = all_spans_of ("openinference.json");
  g_autoptr(GPtrArray) others = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    if (!g_str_equal (json_object_get_string_member (json_node_get_object (all->pdata[i]), "traceId"),
                      split.refused))
      g_ptr_array_add (others, all->pdata[i]);
  split.refused_body = body_of (first, 0, first->len);
  split.n_refused = first->len;
  split.others_body = body_of (others, 0, others->len);
  split.n_others = others->len;
  return split;
}

static void
first_and_rest_clear (FirstAndRest *split)
{
  g_free (split->refused);
  g_bytes_unref (split->refused_body);
  g_bytes_unref (split->others_body);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FirstAndRest, first_and_rest_clear)

/* A receiver whose writer's connection refuses the trace `refused`, as
 * `extension` says (a temporary trigger; see refuse_trace()). */
static ErrataOtlpReceiver *
start_refusing (Fixture    *fixture,
                const char *refused,
                int       (*extension) (sqlite3 *, char **, const sqlite3_api_routines *))
{
  ErrataOtlpReceiver *receiver;

  refused_trace_id = (char *)refused;
  sqlite3_auto_extension ((void (*) (void))extension);
  receiver = receive_test_start (fixture->received, 3600 * 1000);
  sqlite3_cancel_auto_extension ((void (*) (void))extension);
  refused_trace_id = NULL;
  return receiver;
}

/* A trace the project refuses (here a trigger; in life a full disk or a
 * damaged row) among others built in the same transaction: the others are
 * stored as a file import stores them, and only the refused one stays in
 * the journal for the next start. The traces of a batch are built without
 * a savepoint each, so a failure redoes the batch trace by trace. */
static void
test_refused_trace (Fixture       *fixture,
                    gconstpointer  data)
{
  const char * const names[] = { "openinference.json", NULL };
  g_autoptr(GBytes) body = receive_test_instrumented ("openinference.json");
  g_autofree char *refused = NULL;
  g_autoptr(GPtrArray) refused_spans = spans_of_first_trace ("openinference.json", &refused);
  g_autoptr(ErrataOtlpReceiver) receiver = NULL;
  g_autofree char *imported_all = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *received = NULL;
  ErrataOtlpReceiverCounts counts;
  char **lines;

  receive_test_import (fixture->imported, names);
  imported_all = errata_test_traces_text (fixture->imported, NULL);
  lines = g_strsplit (imported_all, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && !g_str_has_prefix (lines[i], refused))
      g_string_append_printf (expected, "%s\n", lines[i]);
  g_strfreev (lines);

  g_test_expect_message ("Errata-Receive", G_LOG_LEVEL_WARNING, "Could not store received trace*refused by the test*");
  receiver = start_refusing (fixture, refused, refuse_trace);
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, body, NULL), ==, 200);
  errata_otlp_receiver_stop (receiver);
  g_test_assert_expected_messages ();

  errata_otlp_receiver_get_counts (receiver, &counts);
  g_assert_cmpuint (counts.traces_added, ==, 7);
  received = errata_test_traces_text (fixture->received, "otlp-live");
  g_assert_cmpstr (received, ==, expected->str);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_pending"), ==, 1);
  /* The refused trace's spans alone stay in the journal. */
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_spans"), ==, refused_spans->len);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(DISTINCT trace_id) FROM live_spans"), ==, 1);
}

static int
refuse_trace_and_spans (sqlite3                     *db,
                        char                       **error,
                        const sqlite3_api_routines  *api)
{
  if (add_refusal (db, "refuse_spans", "live_spans", "trace_id") != SQLITE_OK)
    return SQLITE_ERROR;
  return refuse_trace (db, error, api);
}

/* A request the project cannot take at all (here triggers; in life a full
 * disk) is answered 503, and the exporter sends it again: its spans are
 * not counted as received, and its trace, of which nothing is written, is
 * not built from the empty journal (it was, into a trace "without a
 * conversation" that stayed counted). The next requests are stored. */
static void
test_failed_write_forgotten (Fixture       *fixture,
                             gconstpointer  data)
{
  g_auto(FirstAndRest) split = first_and_rest ();
  g_autoptr(ErrataOtlpReceiver) receiver = NULL;
  ErrataOtlpReceiverCounts counts;

  receiver = start_refusing (fixture, split.refused, refuse_trace_and_spans);
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, split.refused_body, NULL), ==, 503);
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, split.others_body, NULL), ==, 200);
  errata_otlp_receiver_stop (receiver);

  errata_otlp_receiver_get_counts (receiver, &counts);
  g_assert_cmpuint (counts.spans_accepted, ==, split.n_others);
  g_assert_cmpuint (counts.requests_refused, ==, 1);
  g_assert_cmpuint (counts.traces_added, ==, 7);
  g_assert_cmpuint (counts.traces_without_conversation, ==, 0);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM traces"), ==, 7);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_spans"), ==, 0);
}

/* The session's first trace refused, alone: the import row it made went
 * with it, and the traces that come next make it again and are stored. */
static void
test_refused_first_trace (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(FirstAndRest) split = first_and_rest ();
  g_autoptr(ErrataOtlpReceiver) receiver = NULL;
  ErrataOtlpReceiverCounts counts;

  g_test_expect_message ("Errata-Receive", G_LOG_LEVEL_WARNING, "Could not store received trace*refused by the test*");
  receiver = start_refusing (fixture, split.refused, refuse_trace);
  /* One writer: the second request is taken once the first one's trace
   * was tried (it is complete, so it is tried at once). */
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, split.refused_body, NULL), ==, 200);
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, split.others_body, NULL), ==, 200);
  errata_otlp_receiver_stop (receiver);
  g_test_assert_expected_messages ();

  errata_otlp_receiver_get_counts (receiver, &counts);
  g_assert_cmpuint (counts.traces_added, ==, 7);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM traces"), ==, 7);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM imports"), ==, 1);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_spans"), ==, split.n_refused);
}

/* A receiving session is one import: its traces carry its id, its row
 * counts them and ends when the receiver stops, and deleting the import
 * deletes them. A session that adds no trace records no import. */
static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GBytes) body = receive_test_instrumented ("openinference.json");
  g_autoptr(GFile) file = g_file_new_for_path (fixture->received);
  g_autoptr(ErrataOtlpReceiver) receiver = receive_test_start (fixture->received, 3600 * 1000);
  g_autoptr(ErrataOtlpReceiver) again = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(ErrataTraceDeletion) deletion = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;
  ErrataImportInfo *info;

  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, body, NULL), ==, 200);
  prefix = g_strdup_printf ("Live traces, 127.0.0.1:%u, ", errata_otlp_receiver_get_port (receiver));
  errata_otlp_receiver_stop (receiver);
  /* The same traces again in a new session: nothing added, no import. */
  again = receive_test_start (fixture->received, 3600 * 1000);
  g_assert_cmpuint (receive_test_post (fixture->session, again, "/v1/traces", "application/json",
                                       NULL, body, NULL), ==, 200);
  errata_otlp_receiver_stop (again);

  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  imports = errata_project_list_imports (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imports->len, ==, 1);
  info = imports->pdata[0];
  g_assert_true (g_str_has_prefix (info->name, prefix));
  g_assert_cmpstr (info->format, ==, ERRATA_LIVE_FORMAT);
  g_assert_cmpint (info->n_added, ==, 8);
  g_assert_cmpint (info->n_traces, ==, 8);
  g_assert_cmpint (info->finished_at, >, 0);
  g_assert_true (info->recorded);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM traces WHERE import_id IS NULL"), ==, 0);

  deletion = errata_trace_deletion_new_for_import (info->id);
  g_assert_true (errata_trace_deletion_run (deletion, project, FALSE, &error));
  g_assert_no_error (error);
  errata_project_close (project);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM traces"), ==, 0);
}

/* Runs `sql` on the project at `path` beside the receiver's connection
 * (a project with a table or trigger Errata did not make is not opened:
 * added after the start, it is seen by the receiver's connection). */
static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static const char only_journaled_sql[] =
  "CREATE TRIGGER test_only_journaled BEFORE INSERT ON traces"
  " WHEN NOT EXISTS (SELECT 1 FROM live_spans WHERE trace_id = NEW.external_id)"
  " BEGIN SELECT RAISE (ABORT, 'not journaled'); END;";

/* The spans of the OpenInference fixture in one request, the last span
 * twice (an exporter's retry inside one batch), with `sql` run once the
 * receiver has started: the traces must equal the file import's, the
 * journal end empty. Returns the receiver's counts. */
static ErrataOtlpReceiverCounts
receive_whole_fixture (Fixture    *fixture,
                       const char *sql)
{
  const char * const names[] = { "openinference.json", NULL };
  g_autoptr(GBytes) body = receive_test_instrumented ("openinference.json");
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (body, NULL), NULL);
  g_autoptr(GBytes) twice = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(ErrataOtlpReceiver) receiver = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *received = NULL;
  g_autofree char *text = NULL;
  ErrataOtlpReceiverCounts counts;
  JsonArray *resource_spans;
  JsonArray *spans;
  Waiting waiting = { NULL, 8, 0 };

  resource_spans = json_object_get_array_member (json_node_get_object (root), "resourceSpans");
  spans = json_object_get_array_member (json_array_get_object_element (json_object_get_array_member (
    json_array_get_object_element (resource_spans, 0), "scopeSpans"), 0), "spans");
  json_array_add_element (spans, json_node_copy (json_array_get_element (spans, json_array_get_length (spans) - 1)));
  text = json_to_string (root, FALSE);
  twice = g_bytes_new (text, strlen (text));

  receive_test_import (fixture->imported, names);
  imported = errata_test_traces_text (fixture->imported, NULL);
  receiver = receive_test_start (fixture->received, 3600 * 1000);
  if (sql != NULL)
    exec_sql (fixture->received, sql);
  waiting.receiver = receiver;
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, twice, NULL), ==, 200);
  errata_test_wait_until (counts_reached, &waiting, 60);
  errata_otlp_receiver_stop (receiver);
  errata_otlp_receiver_get_counts (receiver, &counts);
  received = errata_test_traces_text (fixture->received, "otlp-live");
  g_assert_cmpstr (received, ==, imported);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_spans"), ==, 0);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_pending"), ==, 0);
  g_assert_cmpint (query_int (fixture->received, "SELECT n_added FROM imports"), ==, 8);
  all = receive_test_decode (ERRATA_OTLP_TRACES, twice);
  g_assert_cmpuint (counts.spans_accepted, ==, all->len);
  return counts;
}

/* Traces complete in their request are stored at once, never journaled. */
static void
test_stored_at_once (Fixture       *fixture,
                     gconstpointer  data)
{
  ErrataOtlpReceiverCounts counts = receive_whole_fixture (fixture, NULL);

  g_assert_cmpuint (counts.traces_added, ==, 8);
  g_assert_cmpuint (counts.spans_journaled, ==, 0);
}

/* When storing a batch's complete traces at once fails, the batch is
 * journaled as before and its traces built from the journal: the request
 * is still answered 200, nothing is lost. Here the project takes no trace
 * the journal does not hold. */
static void
test_stored_at_once_fails (Fixture       *fixture,
                           gconstpointer  data)
{
  ErrataOtlpReceiverCounts counts;

  counts = receive_whole_fixture (fixture, only_journaled_sql);
  g_assert_cmpuint (counts.traces_added, ==, 8);
  /* All but the span sent twice, which the journal keeps once. */
  g_assert_cmpuint (counts.spans_journaled, ==, counts.spans_accepted - 1);
}

/* `body` received into the project at `path`, `sql` run once the receiver
 * has started; returns the traces' text once the 8 traces are stored. */
static char *
receive_into (Fixture                  *fixture,
              const char               *path,
              GBytes                   *body,
              const char               *sql,
              ErrataOtlpReceiverCounts *counts)
{
  g_autoptr(ErrataOtlpReceiver) receiver = receive_test_start (path, 3600 * 1000);
  Waiting waiting = { receiver, 8, 0 };

  if (sql != NULL)
    exec_sql (path, sql);
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, body, NULL), ==, 200);
  errata_test_wait_until (counts_reached, &waiting, 60);
  errata_otlp_receiver_stop (receiver);
  errata_otlp_receiver_get_counts (receiver, counts);
  return errata_test_traces_text (path, "otlp-live");
}

/* Two different spans with one span id in a batch (a span sent again,
 * changed on the way): a trace stored at once keeps both, as the journal
 * does, so it is the trace the journal's way builds. */
static void
test_same_span_id_twice (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GBytes) body = receive_test_instrumented ("openinference.json");
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (body, NULL), NULL);
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *at_once = NULL;
  g_autofree char *journaled = NULL;
  g_autofree char *text = NULL;
  ErrataOtlpReceiverCounts counts_at_once;
  ErrataOtlpReceiverCounts counts_journaled;
  g_autofree char *last = NULL;
  g_autofree char *at_once_metadata = NULL;
  g_autofree char *journaled_metadata = NULL;
  JsonArray *spans;
  JsonNode *copy;

  spans = json_object_get_array_member (json_array_get_object_element (json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "resourceSpans"), 0),
    "scopeSpans"), 0), "spans");
  /* json_node_copy() would share the span's object. */
  last = json_to_string (json_array_get_element (spans, json_array_get_length (spans) - 1), FALSE);
  copy = json_from_string (last, NULL);
  json_object_set_string_member (json_node_get_object (copy), "name", "changed on the way");
  json_array_add_element (spans, copy);
  text = json_to_string (root, FALSE);
  changed = g_bytes_new (text, strlen (text));
  all = receive_test_decode (ERRATA_OTLP_TRACES, changed);

  at_once = receive_into (fixture, fixture->received, changed, NULL, &counts_at_once);
  /* The other project, empty, through the journal. */
  journaled = receive_into (fixture, fixture->imported, changed, only_journaled_sql, &counts_journaled);
  g_assert_cmpstr (at_once, ==, journaled);
  at_once_metadata = receive_test_metadata_text (fixture->received);
  journaled_metadata = receive_test_metadata_text (fixture->imported);
  g_assert_nonnull (strstr (at_once_metadata, "changed on the way"));
  g_assert_cmpstr (at_once_metadata, ==, journaled_metadata);
  g_assert_cmpuint (counts_at_once.spans_journaled, ==, 0);
  g_assert_cmpuint (counts_journaled.spans_journaled, ==, all->len);
  /* Built while the request was decoded, the span sent twice kept twice
   * there too; the journal's way builds on the writer's side. */
  g_assert_cmpuint (counts_at_once.traces_built_while_decoding, ==, 8);
  g_assert_cmpuint (counts_journaled.traces_built_while_decoding, ==, 0);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM traces"), ==, 8);
}

/* The instrumentation's spans (its scope's, the LLM calls) in `root`. */
static JsonArray *
llm_spans_of (JsonNode *root)
{
  return json_object_get_array_member (json_array_get_object_element (json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "resourceSpans"), 0),
    "scopeSpans"), 1), "spans");
}

/* A copy of `span` with its members in the reverse order. */
static JsonObject *
reversed_copy (JsonObject *span)
{
  g_autoptr(GList) members = g_list_reverse (json_object_get_members (span));
  JsonObject *reversed = json_object_new ();

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (reversed, l->data, json_node_copy (json_object_get_member (span, l->data)));
  return reversed;
}

static GBytes *
bytes_of (JsonNode *root)
{
  char *text = json_to_string (root, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

/* `once` received at once into one project, `twice` through the journal
 * into the other: the same traces, the same metadata; `twice` had
 * `n_journaled` spans journaled. */
static void
assert_received_alike (Fixture *fixture,
                       GBytes  *once,
                       GBytes  *twice,
                       guint    n_journaled)
{
  g_autofree char *once_text = NULL;
  g_autofree char *twice_text = NULL;
  g_autofree char *once_metadata = NULL;
  g_autofree char *twice_metadata = NULL;
  ErrataOtlpReceiverCounts counts_once;
  ErrataOtlpReceiverCounts counts_twice;

  once_text = receive_into (fixture, fixture->received, once, NULL, &counts_once);
  twice_text = receive_into (fixture, fixture->imported, twice, only_journaled_sql, &counts_twice);
  g_assert_cmpstr (twice_text, ==, once_text);
  once_metadata = receive_test_metadata_text (fixture->received);
  twice_metadata = receive_test_metadata_text (fixture->imported);
  g_assert_cmpstr (twice_metadata, ==, once_metadata);
  /* Every copy went through the journal: the test tried what it says. */
  g_assert_cmpuint (counts_twice.spans_journaled, ==, n_journaled);
}

/* The same span twice, its members in another order: what a receiver
 * upgraded meanwhile would add to spans an earlier build journaled (the
 * journal's text follows the member order, and so does its digest). The
 * journal keeps both copies; the trace holds the span (an LLM call, last
 * of the instrumentation's scope) once, its messages too, as if it had
 * come once. */
static void
test_equal_span_twice (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) body = receive_test_instrumented ("openinference.json");
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (body, NULL), NULL);
  g_autoptr(GPtrArray) sent = receive_test_decode (ERRATA_OTLP_TRACES, body);
  g_autoptr(GBytes) twice = NULL;
  JsonArray *spans = llm_spans_of (root);

  json_array_add_object_element (spans, reversed_copy (json_array_get_object_element (
    spans, json_array_get_length (spans) - 1)));
  twice = bytes_of (root);
  assert_received_alike (fixture, body, twice, sent->len + 1);
}

/* A span sent again changed (both kept: same-span-id-twice), then the
 * changed one a third time in another order: the copy of the second, not
 * of the first, and it goes. */
static void
test_changed_span_repeated (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GBytes) body = receive_test_instrumented ("openinference.json");
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (body, NULL), NULL);
  g_autoptr(GPtrArray) sent = receive_test_decode (ERRATA_OTLP_TRACES, body);
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(GBytes) repeated = NULL;
  JsonArray *spans = llm_spans_of (root);
  JsonObject *copy = reversed_copy (json_array_get_object_element (spans, json_array_get_length (spans) - 1));

  json_object_set_string_member (copy, "name", "changed on the way");
  json_array_add_object_element (spans, copy);
  changed = bytes_of (root);
  json_array_add_object_element (spans, reversed_copy (copy));
  repeated = bytes_of (root);
  assert_received_alike (fixture, changed, repeated, sent->len + 2);
}

/* Every span sent again with its members in another order, once the
 * traces are stored: the traces are the same, so none counts as updated
 * and no row is rewritten (their metadata keeps its first order), and the
 * journal ends empty. */
static void
test_reordered_resend_unchanged (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GBytes) body = receive_test_instrumented ("openinference.json");
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (body, NULL), NULL);
  g_autoptr(GPtrArray) sent = receive_test_decode (ERRATA_OTLP_TRACES, body);
  g_autoptr(GBytes) reordered = NULL;
  g_autoptr(ErrataOtlpReceiver) receiver = receive_test_start (fixture->received, 3600 * 1000);
  g_autofree char *first_text = NULL;
  g_autofree char *first_metadata = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *after_metadata = NULL;
  JsonArray *resource_spans = json_object_get_array_member (json_node_get_object (root), "resourceSpans");
  ErrataOtlpReceiverCounts counts;
  Waiting waiting = { receiver, 8, 0 };

  for (guint r = 0; r < json_array_get_length (resource_spans); r++)
    {
      JsonArray *scopes = json_object_get_array_member (json_array_get_object_element (resource_spans, r),
                                                        "scopeSpans");

      for (guint s = 0; s < json_array_get_length (scopes); s++)
        {
          JsonArray *spans = json_object_get_array_member (json_array_get_object_element (scopes, s), "spans");

          for (guint i = 0; i < json_array_get_length (spans); i++)
            json_node_take_object (json_array_get_element (spans, i),
                                   reversed_copy (json_array_get_object_element (spans, i)));
        }
    }
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, body, NULL), ==, 200);
  errata_test_wait_until (counts_reached, &waiting, 60);
  first_text = errata_test_traces_text (fixture->received, "otlp-live");
  first_metadata = receive_test_metadata_text (fixture->received);
  reordered = bytes_of (root);
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, reordered, NULL), ==, 200);
  errata_otlp_receiver_stop (receiver);
  errata_otlp_receiver_get_counts (receiver, &counts);
  g_assert_cmpuint (counts.spans_accepted, ==, 2 * sent->len);
  g_assert_cmpuint (counts.traces_added, ==, 8);
  g_assert_cmpuint (counts.traces_updated, ==, 0);
  after_text = errata_test_traces_text (fixture->received, "otlp-live");
  after_metadata = receive_test_metadata_text (fixture->received);
  g_assert_cmpstr (after_text, ==, first_text);
  g_assert_cmpstr (after_metadata, ==, first_metadata);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_spans"), ==, 0);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_pending"), ==, 0);
}

static gboolean
without_conversation_reached (gpointer data)
{
  ErrataOtlpReceiverCounts counts;

  errata_otlp_receiver_get_counts (data, &counts);
  return counts.traces_without_conversation >= 8;
}

/* Traces whose spans hold no conversation (OpenTelemetry's GenAI spans,
 * their messages in log records not sent) are counted while the receiver
 * runs, not only when it stops; their spans wait in the journal. */
static void
test_without_conversation_counted (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GBytes) body = receive_test_instrumented ("opentelemetry.json");
  g_autoptr(ErrataOtlpReceiver) receiver = receive_test_start (fixture->received, 3600 * 1000);
  g_autoptr(GPtrArray) spans = receive_test_decode (ERRATA_OTLP_TRACES, body);
  ErrataOtlpReceiverCounts counts;

  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, body, NULL), ==, 200);
  errata_test_wait_until (without_conversation_reached, receiver, 60);
  errata_otlp_receiver_get_counts (receiver, &counts);
  g_assert_cmpuint (counts.traces_added, ==, 0);
  g_assert_cmpuint (counts.spans_journaled, ==, spans->len);
  errata_otlp_receiver_stop (receiver);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM live_spans"), ==, spans->len);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM traces"), ==, 0);
}

/* A trace is built again whenever more of it comes: the count is of
 * distinct traces, and one whose log events bring its conversation later
 * leaves it. The same spans sent twice (an exporter's retry) count once;
 * then the log records of the same traces make them whole. */
static void
test_without_conversation_distinct (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GBytes) spans = receive_test_instrumented ("opentelemetry.json");
  g_autoptr(GBytes) logs = receive_test_instrumented ("opentelemetry-logs.json");
  ErrataOtlpReceiverCounts counts;

  for (guint round = 0; round < 2; round++)
    {
      /* Round 0 ends with the spans alone, round 1 with their logs too. */
      g_autoptr(ErrataOtlpReceiver) receiver = receive_test_start (fixture->received, 3600 * 1000);
      Waiting added = { receiver, 8, 0 };
      guint64 expected_without = round == 0 ? 8 : 0;
      guint64 expected_added = round == 0 ? 0 : 8;

      for (guint i = 0; i < 2; i++)
        {
          g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                               NULL, spans, NULL), ==, 200);
          errata_test_wait_until (without_conversation_reached, receiver, 60);
        }
      if (round == 1)
        {
          g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/logs", "application/json",
                                               NULL, logs, NULL), ==, 200);
          errata_test_wait_until (counts_reached, &added, 60);
        }
      errata_otlp_receiver_stop (receiver);
      errata_otlp_receiver_get_counts (receiver, &counts);
      g_assert_cmpuint (counts.traces_without_conversation, ==, expected_without);
      g_assert_cmpuint (counts.traces_added, ==, expected_added);
    }
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM traces"), ==, 8);
}

/* An app's own log line, sent with its trace context once the trace is
 * stored (Python's logging instrumentation exports every line so): it is
 * journaled and the trace built again, and the trace stays as it was. Its
 * span is the stored one (the line names it, but is not it), and a line
 * that is no GenAI event adds nothing to the span. */
static void
test_late_log_line (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char metadata_sql[] = "SELECT errata_text (metadata) FROM traces";
  g_autofree char *trace_id = NULL;
  g_autoptr(GPtrArray) spans = spans_of_first_trace ("openinference.json", &trace_id);
  g_autoptr(GBytes) body = body_of (spans, 0, spans->len);
  g_autoptr(ErrataOtlpReceiver) receiver = receive_test_start (fixture->received, 3600 * 1000);
  Waiting waiting = { receiver, 1, 0 };
  const char *root_id = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GBytes) line_body = NULL;
  g_autofree char *metadata = NULL;
  g_autofree char *metadata_after = NULL;
  g_autofree char *conversation = NULL;
  g_autofree char *conversation_after = NULL;
  ErrataOtlpReceiverCounts counts;

  for (guint i = 0; i < spans->len; i++)
    if (is_root (spans->pdata[i]))
      root_id = json_object_get_string_member (json_node_get_object (spans->pdata[i]), "spanId");
  g_assert_nonnull (root_id);
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/traces", "application/json",
                                       NULL, body, NULL), ==, 200);
  errata_test_wait_until (counts_reached, &waiting, 60);
  metadata = query_text (fixture->received, metadata_sql);
  conversation = errata_test_traces_text (fixture->received, NULL);

  line = g_strdup_printf ("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{"
                          "\"timeUnixNano\":\"1\",\"traceId\":\"%s\",\"spanId\":\"%s\","
                          "\"severityText\":\"INFO\",\"body\":{\"stringValue\":\"looking up the weather\"}"
                          "}]}]}]}", trace_id, root_id);
  line_body = g_bytes_new (line, strlen (line));
  g_assert_cmpuint (receive_test_post (fixture->session, receiver, "/v1/logs", "application/json",
                                       NULL, line_body, NULL), ==, 200);
  /* Builds what the journal holds: the trace, with the line. */
  errata_otlp_receiver_stop (receiver);
  errata_otlp_receiver_get_counts (receiver, &counts);
  g_assert_cmpuint (counts.spans_journaled, ==, 1);

  metadata_after = query_text (fixture->received, metadata_sql);
  /* Not g_assert_cmpstr(): 9 kB each. */
  g_assert_true (g_strcmp0 (metadata_after, metadata) == 0);
  conversation_after = errata_test_traces_text (fixture->received, NULL);
  g_assert_cmpstr (conversation_after, ==, conversation);
  g_assert_cmpint (query_int (fixture->received, "SELECT count(*) FROM traces"), ==, 1);
}

/* The flattened text of the one span `body` holds. */
static char *
one_span_text (ErrataOtlpEncoding  encoding,
               GBytes             *body)
{
  g_autoptr(GError) error = NULL;
  guint rejected = 0;
  g_autoptr(GPtrArray) spans = errata_otlp_decode_request (ERRATA_OTLP_TRACES, encoding, FALSE, body,
                                                           G_MAXSIZE, &rejected, NULL, &error);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  char *text;

  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);
  node = json_node_init_object (json_node_alloc (), ((ErrataLiveSpan *)spans->pdata[0])->flat);
  text = errata_json_to_string_fast (node);
  /* What the journal keeps, read back. */
  g_assert_true (g_utf8_validate (text, -1, NULL));
  again = json_from_string (text, &error);
  g_assert_no_error (error);
  return text;
}

static Opentelemetry__Proto__Common__V1__KeyValue *
proto_attribute (const char                                *key,
                 Opentelemetry__Proto__Common__V1__AnyValue *value)
{
  Opentelemetry__Proto__Common__V1__KeyValue *pair = g_new0 (Opentelemetry__Proto__Common__V1__KeyValue, 1);

  opentelemetry__proto__common__v1__key_value__init (pair);
  pair->key = (char *)key;
  pair->value = value;
  return pair;
}

/* A span of protobuf with a NaN, an infinity, and a string cut inside a
 * character (an SDK's attribute length limit does that). */
static GBytes *
proto_with_odd_values (void)
{
  static guint8 trace_id[16] = { 0xab, 1 };
  static guint8 span_id[8] = { 1 };
  Opentelemetry__Proto__Common__V1__AnyValue nan_value, inf_value, cut_value;
  Opentelemetry__Proto__Common__V1__KeyValue *pairs[3];
  Opentelemetry__Proto__Trace__V1__Span span;
  Opentelemetry__Proto__Trace__V1__Span *span_list[1] = { &span };
  Opentelemetry__Proto__Trace__V1__ScopeSpans scope_spans;
  Opentelemetry__Proto__Trace__V1__ScopeSpans *scope_list[1] = { &scope_spans };
  Opentelemetry__Proto__Trace__V1__ResourceSpans resource_spans;
  Opentelemetry__Proto__Trace__V1__ResourceSpans *resource_list[1] = { &resource_spans };
  Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceRequest request;
  guint8 *packed;
  gsize size;

  opentelemetry__proto__common__v1__any_value__init (&nan_value);
  nan_value.value_case = OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_DOUBLE_VALUE;
  nan_value.double_value = NAN;
  opentelemetry__proto__common__v1__any_value__init (&inf_value);
  inf_value.value_case = OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_DOUBLE_VALUE;
  inf_value.double_value = -INFINITY;
  opentelemetry__proto__common__v1__any_value__init (&cut_value);
  cut_value.value_case = OPENTELEMETRY__PROTO__COMMON__V1__ANY_VALUE__VALUE_STRING_VALUE;
  cut_value.string_value = (char *)"caf\xf0\x9f";
  pairs[0] = proto_attribute ("score", &nan_value);
  pairs[1] = proto_attribute ("low", &inf_value);
  pairs[2] = proto_attribute ("cut", &cut_value);
  opentelemetry__proto__trace__v1__span__init (&span);
  span.trace_id.data = trace_id;
  span.trace_id.len = sizeof trace_id;
  span.span_id.data = span_id;
  span.span_id.len = sizeof span_id;
  span.name = (char *)"n";
  span.attributes = pairs;
  span.n_attributes = G_N_ELEMENTS (pairs);
  opentelemetry__proto__trace__v1__scope_spans__init (&scope_spans);
  scope_spans.spans = span_list;
  scope_spans.n_spans = 1;
  opentelemetry__proto__trace__v1__resource_spans__init (&resource_spans);
  resource_spans.scope_spans = scope_list;
  resource_spans.n_scope_spans = 1;
  opentelemetry__proto__collector__trace__v1__export_trace_service_request__init (&request);
  request.resource_spans = resource_list;
  request.n_resource_spans = 1;
  size = opentelemetry__proto__collector__trace__v1__export_trace_service_request__get_packed_size (&request);
  packed = g_malloc (size);
  opentelemetry__proto__collector__trace__v1__export_trace_service_request__pack (&request, packed);
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    g_free (pairs[i]);
  return g_bytes_new_take (packed, size);
}

/* What the receiver keeps is text any JSON parser reads back: a string
 * cut inside a character (an unpaired surrogate escape in JSON, broken
 * UTF-8 in protobuf) keeps the rest of its span, with U+FFFD where the
 * character was; a NaN or an infinity (a protobuf double) is the string
 * proto3's JSON spells it as, as the JSON exporters send it. Before, the
 * JSON request got a 400, or lost the character after; the protobuf
 * span was journaled as text no parser read back, and lost. */
static void
test_mended_text (void)
{
  static const char json[] =
    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"ab\",\"spanId\":\"01\","
    "\"name\":\"n\",\"attributes\":[{\"key\":\"cut\",\"value\":{\"stringValue\":\"caf\\ud83d\"}},"
    "{\"key\":\"inside\",\"value\":{\"stringValue\":\"a\\ud83dbc \\\\ud83d \\ud83d\\ude00\"}}]}]}]}]}";
  g_autoptr(GBytes) json_body = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GBytes) proto_body = proto_with_odd_values ();
  g_autofree char *from_json = one_span_text (ERRATA_OTLP_JSON, json_body);
  g_autofree char *from_proto = one_span_text (ERRATA_OTLP_PROTOBUF, proto_body);

  g_assert_nonnull (strstr (from_json, "\"cut\":\"caf\xef\xbf\xbd\""));
  /* An escaped backslash before a u is no escape; a pair stays a pair. */
  g_assert_nonnull (strstr (from_json, "\"inside\":\"a\xef\xbf\xbd" "bc \\\\ud83d \xf0\x9f\x98\x80\""));
  g_assert_nonnull (strstr (from_proto, "\"score\":\"NaN\""));
  g_assert_nonnull (strstr (from_proto, "\"low\":\"-Infinity\""));
  g_assert_nonnull (strstr (from_proto, "\"cut\":\"caf\xef\xbf\xbd"));
}

/* A log record without its time (0) is placed at the time it was seen,
 * as the logs data model says: its events keep their order. */
static void
test_log_time_observed (void)
{
  static const char request[] =
    "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":["
    "{\"traceId\":\"ab\",\"spanId\":\"01\",\"timeUnixNano\":\"0\","
    "\"observedTimeUnixNano\":\"1700000000000000002\",\"eventName\":\"gen_ai.user.message\"},"
    "{\"traceId\":\"ab\",\"spanId\":\"01\",\"timeUnixNano\":\"1700000000000000001\","
    "\"observedTimeUnixNano\":\"1700000000000000009\",\"eventName\":\"gen_ai.choice\"}]}]}]}";
  g_autoptr(GBytes) body = g_bytes_new_static (request, sizeof request - 1);
  g_autoptr(GPtrArray) records = receive_test_decode (ERRATA_OTLP_LOGS, body);
  ErrataLiveSpan *unstamped;
  ErrataLiveSpan *stamped;

  g_assert_cmpuint (records->len, ==, 2);
  unstamped = records->pdata[0];
  stamped = records->pdata[1];
  g_assert_cmpint (unstamped->start, ==, 1700000000000000002);
  g_assert_cmpint (json_object_get_int_member (unstamped->flat, "timeUnixNano"), ==, 1700000000000000002);
  g_assert_cmpint (stamped->start, ==, 1700000000000000001);
}

/* OTLP's JSON ids are case-insensitive hex: a span and a log record
 * written in capitals are kept in lowercase, as protobuf's are, so that
 * they meet their trace. */
static void
test_ids_any_case (void)
{
  static const char spans_request[] =
    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"5B8EFFF798038103D269B633813FC60C\","
    "\"spanId\":\"EEE19B7EC3C1B174\",\"parentSpanId\":\"AAAA9B7EC3C1B174\",\"name\":\"n\"}]}]}]}";
  static const char logs_request[] =
    "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"traceId\":\"5B8EFFF798038103D269B633813FC60C\","
    "\"spanId\":\"EEE19B7EC3C1B174\",\"timeUnixNano\":\"1\",\"eventName\":\"gen_ai.choice\"}]}]}]}";
  g_autoptr(GBytes) spans_body = g_bytes_new_static (spans_request, sizeof spans_request - 1);
  g_autoptr(GBytes) logs_body = g_bytes_new_static (logs_request, sizeof logs_request - 1);
  g_autoptr(GPtrArray) spans = receive_test_decode (ERRATA_OTLP_TRACES, spans_body);
  g_autoptr(GPtrArray) records = receive_test_decode (ERRATA_OTLP_LOGS, logs_body);
  ErrataLiveSpan *span;
  ErrataLiveSpan *record;

  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpuint (records->len, ==, 1);
  span = spans->pdata[0];
  record = records->pdata[0];
  g_assert_cmpstr (span->trace_id, ==, "5b8efff798038103d269b633813fc60c");
  g_assert_cmpstr (json_object_get_string_member (span->flat, "traceId"), ==, span->trace_id);
  g_assert_cmpstr (json_object_get_string_member (span->flat, "spanId"), ==, "eee19b7ec3c1b174");
  g_assert_cmpstr (json_object_get_string_member (span->flat, "parentSpanId"), ==, "aaaa9b7ec3c1b174");
  g_assert_cmpstr (record->trace_id, ==, span->trace_id);
  g_assert_cmpstr (json_object_get_string_member (record->flat, "spanId"), ==, "eee19b7ec3c1b174");
}

/* Each span's resource and scope are copies of its own (their traces are
 * built on different threads, and json-glib's references are not atomic),
 * in the same order of members as the journal's text, which the trace's
 * metadata is compared with. */
static void
test_span_copies (void)
{
  static const char request[] =
    "{\"resourceSpans\":[{\"resource\":{\"attributes\":["
    "{\"key\":\"zeta\",\"value\":{\"stringValue\":\"z\"}},"
    "{\"key\":\"alpha\",\"value\":{\"intValue\":\"7\"}},"
    "{\"key\":\"mid\",\"value\":{\"arrayValue\":{\"values\":[{\"boolValue\":true},{\"doubleValue\":0.5}]}}},"
    "{\"key\":\"kv\",\"value\":{\"kvlistValue\":{\"values\":[{\"key\":\"y\",\"value\":{\"stringValue\":\"1\"}},"
    "{\"key\":\"b\",\"value\":{\"stringValue\":\"2\"}}]}}}]},"
    "\"scopeSpans\":[{\"scope\":{\"version\":\"1.0\",\"name\":\"s\",\"attributes\":[]},\"spans\":["
    "{\"traceId\":\"aa\",\"spanId\":\"01\",\"name\":\"one\",\"startTimeUnixNano\":\"1\"},"
    "{\"traceId\":\"bb\",\"spanId\":\"02\",\"name\":\"two\",\"startTimeUnixNano\":\"2\"}]}]}]}";
  g_autoptr(GBytes) body = g_bytes_new_static (request, sizeof request - 1);
  g_autoptr(GPtrArray) spans = receive_test_decode (ERRATA_OTLP_TRACES, body);
  ErrataLiveSpan *first;
  ErrataLiveSpan *second;

  g_assert_cmpuint (spans->len, ==, 2);
  first = spans->pdata[0];
  second = spans->pdata[1];
  g_assert_true (json_object_get_object_member (first->flat, "resource")
                 != json_object_get_object_member (second->flat, "resource"));
  g_assert_true (json_object_get_object_member (first->flat, "scope")
                 != json_object_get_object_member (second->flat, "scope"));
  for (guint i = 0; i < spans->len; i++)
    {
      ErrataLiveSpan *span = spans->pdata[i];
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), span->flat);
      g_autofree char *text = errata_json_to_string_fast (node);

      errata_live_span_prepare_body (span);

      g_assert_nonnull (strstr (text, "\"resource\":{\"zeta\":\"z\",\"alpha\":7,\"mid\":[true,0.5],"
                                      "\"kv\":{\"y\":\"1\",\"b\":\"2\"}}"));
      g_assert_cmpstr (text, ==, span->body);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/live-journal/span-copies", test_span_copies);
  g_test_add_func ("/live-journal/mended-text", test_mended_text);
  g_test_add_func ("/live-journal/log-time-observed", test_log_time_observed);
  g_test_add_func ("/live-journal/ids-any-case", test_ids_any_case);
#define ADD(path, func) \
  g_test_add ("/live-journal" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/replay-after-crash", test_replay_after_crash);
  ADD ("/late-spans", test_late_spans);
  ADD ("/late-spans-old-format", test_late_spans_old_format);
  ADD ("/held-spans-bounded", test_held_spans_bounded);
  ADD ("/flood", test_flood);
  ADD ("/late-in-next-batch", test_late_in_next_batch);
  ADD ("/refused-trace", test_refused_trace);
  ADD ("/refused-first-trace", test_refused_first_trace);
  ADD ("/failed-write-forgotten", test_failed_write_forgotten);
  ADD ("/import", test_import);
  ADD ("/stored-at-once", test_stored_at_once);
  ADD ("/stored-at-once-fails", test_stored_at_once_fails);
  ADD ("/same-span-id-twice", test_same_span_id_twice);
  ADD ("/equal-span-twice", test_equal_span_twice);
  ADD ("/changed-span-repeated", test_changed_span_repeated);
  ADD ("/reordered-resend-unchanged", test_reordered_resend_unchanged);
  ADD ("/without-conversation-counted", test_without_conversation_counted);
  ADD ("/without-conversation-distinct", test_without_conversation_distinct);
  ADD ("/late-log-line", test_late_log_line);
#undef ADD

  return g_test_run ();
}
