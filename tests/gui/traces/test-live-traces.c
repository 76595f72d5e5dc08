/* test-live-traces.c: "Receive Live Traces" on the Traces page.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Off by default; turned on, the bar shows the endpoint and a count, the
 * page takes received traces into its list without moving the selection
 * or the scroll position (a selected row scrolled out of view stays out
 * of view), late spans of the trace on show reach its view without
 * touching the reviewer's note, and the project remembers it. Turned off,
 * it stops without blocking and says so, even with the window closed
 * meanwhile. A port in use is said in the bar, which points to Receiving
 * Options: another port and idle time there restart receiving and are
 * remembered. The bar and the options are rendered to live-traces-*.png
 * in the build folder.
 */

#include "config.h"

#include <libsoup/soup.h>

#include "errata-gui-test-utils.h"
#include "errata-live-traces-bar.h"
#include "errata-otlp-receiver.h"
#include "errata-project-imports.h"
#include "errata-test-utils.h"
#include "trace-page-fixture.h"


static ErrataLiveTracesBar *
bar_of (Fixture *fixture)
{
  return errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page), ERRATA_TYPE_LIVE_TRACES_BAR);
}

static char *
endpoint_shown (Fixture *fixture)
{
  g_autoptr(GPtrArray) labels = errata_gui_test_find_visible (GTK_WIDGET (bar_of (fixture)), GTK_TYPE_LABEL);
  const char *prefix = "OTEL_EXPORTER_OTLP_ENDPOINT=";

  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (labels->pdata[i]), prefix))
      return g_strdup (gtk_label_get_text (labels->pdata[i]) + strlen (prefix));
  return NULL;
}

static gboolean
shows_endpoint (gpointer fixture)
{
  g_autofree char *endpoint = endpoint_shown (fixture);

  return endpoint != NULL;
}

/* The endpoint the bar shows once receiving has started: waited for, as
 * the bar may show it only after the main loop has run. */
static char *
wait_for_endpoint (Fixture *fixture)
{
  errata_gui_test_iterate_until (shows_endpoint, fixture);
  return endpoint_shown (fixture);
}

/* Turns receiving on, on a free port, and waits for the endpoint. */
static char *
start_receiving (Fixture             *fixture,
                 ErrataLiveTracesBar *bar)
{
  errata_live_traces_bar_set_port (bar, 0);
  errata_live_traces_bar_set_receiving (bar, TRUE);
  return wait_for_endpoint (fixture);
}

static gboolean
toggle_sensitive (gpointer bar)
{
  return gtk_widget_get_sensitive (errata_gui_test_find_one_visible (bar, GTK_TYPE_SWITCH));
}

static gboolean
shows_stopping (ErrataLiveTracesBar *bar)
{
  g_autofree char *text = errata_gui_test_dup_visible_text (GTK_WIDGET (bar));

  return strstr (text, "Storing the last traces received") != NULL;
}

/* Turns receiving off and waits until the receiver has stopped (the
 * switch can be pressed again), so that no stop outlives its test. */
static void
stop_receiving (ErrataLiveTracesBar *bar)
{
  errata_live_traces_bar_set_receiving (bar, FALSE);
  errata_gui_test_iterate_until (toggle_sensitive, bar);
  g_assert_false (shows_stopping (bar));
}

static gboolean
shows_port_in_use (gpointer bar)
{
  g_autofree char *text = errata_gui_test_dup_visible_text (bar);

  return strstr (text, "is in use") != NULL;
}

typedef struct
{
  GListModel *model;
  guint       n_items;
} Count;

static gboolean
has_items (gpointer data)
{
  Count *count = data;

  return g_list_model_get_n_items (count->model) >= count->n_items
         && !errata_trace_list_model_is_loading (ERRATA_TRACE_LIST_MODEL (count->model));
}

static gboolean
answered (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

static void
post_export (const char *endpoint,
             const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "import", "data",
                                                 "instrumented", name, NULL);
  g_autofree char *uri = g_strconcat (endpoint, "/v1/traces", NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_POST, uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  gsize length;

  g_file_get_contents (path, &body, &length, &error);
  g_assert_no_error (error);
  request = g_bytes_new_take (g_steal_pointer (&body), length);
  soup_message_set_request_body_from_bytes (message, "application/json", request);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    errata_test_on_result, &result);
  errata_gui_test_iterate_until (answered, &result);
  answer = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
}

static void
post_fixture (const char *endpoint)
{
  post_export (endpoint, "openinference.json");
}

/* The fixture's first trace without some of its spans (every other one
 * but the root): the trace it makes is stored, its late spans come with
 * the whole fixture afterwards. */
static void
post_first_trace_in_part (const char *endpoint)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "import", "data",
                                                 "instrumented", "openinference.json", NULL);
  g_autofree char *uri = g_strconcat (endpoint, "/v1/traces", NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_POST, uri);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  JsonArray *resource_spans;
  char *text;
  guint n = 0;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  resource_spans = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                 "resourceSpans");
  for (guint i = 0; i < json_array_get_length (resource_spans); i++)
    {
      JsonArray *scopes = json_object_get_array_member (json_array_get_object_element (resource_spans, i),
                                                        "scopeSpans");

      for (guint j = 0; j < json_array_get_length (scopes); j++)
        {
          JsonArray *spans = json_object_get_array_member (json_array_get_object_element (scopes, j), "spans");

          for (guint k = json_array_get_length (spans); k-- > 0;)
            {
              JsonObject *span = json_array_get_object_element (spans, k);
              const char *id = json_object_get_string_member (span, "traceId");
              const char *parent = json_object_get_string_member_with_default (span, "parentSpanId", "");

              if (first == NULL)
                first = g_strdup (id);
              if (!g_str_equal (id, first) || (*parent != '\0' && n++ % 2 == 0))
                json_array_remove_element (spans, k);
            }
        }
    }
  text = json_to_string (json_parser_get_root (parser), FALSE);
  /* The message takes its own reference to the body. */
  body = g_bytes_new_take (text, strlen (text));
  soup_message_set_request_body_from_bytes (message, "application/json", body);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    errata_test_on_result, &result);
  errata_gui_test_iterate_until (answered, &result);
  answer = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
}

static char *
project_meta (Fixture    *fixture,
              const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = errata_project_open (fixture->file, ERRATA_PROJECT_OPEN_READ_ONLY,
                                                           &error);

  g_assert_no_error (error);
  return errata_project_get_meta (project, key);
}

static void
test_receive (Fixture       *fixture,
              gconstpointer  data)
{
  ErrataLiveTracesBar *bar;
  g_autofree char *endpoint = NULL;
  g_autofree char *remembered = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  Count count = { fixture->model, N_TRACES + 8 };
  gint64 selected;

  wait_for_list (fixture);
  bar = bar_of (fixture);
  g_assert_false (errata_live_traces_bar_get_receiving (bar));
  g_assert_null (endpoint_shown (fixture));

  errata_traces_page_select (fixture->page, 5);
  errata_gui_test_iterate_until (page_shows_a_trace, fixture->page);
  selected = current_id (fixture);

  endpoint = start_receiving (fixture, bar);
  g_assert_true (errata_live_traces_bar_get_receiving (bar));
  g_assert_nonnull (endpoint);
  g_assert_true (g_str_has_prefix (endpoint, "http://127.0.0.1:"));

  post_fixture (endpoint);
  /* The 8 conversations of the export join the 40 traces. */
  errata_gui_test_iterate_until (has_items, &count);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES + 8);
  g_assert_cmpint (current_id (fixture), ==, selected);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (bar));
  g_assert_nonnull (strstr (text, "8 traces received"));
  g_assert_null (strstr (text, "without a conversation"));
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "live-traces-receiving.png");

  remembered = project_meta (fixture, "live_traces");
  g_assert_cmpstr (remembered, ==, "on");
  /* Off at once, without blocking; the bar says it stores the last
   * traces, and the switch waits until they are in. */
  errata_live_traces_bar_set_receiving (bar, FALSE);
  g_assert_false (errata_live_traces_bar_get_receiving (bar));
  g_assert_true (shows_stopping (bar));
  g_assert_false (toggle_sensitive (bar));
  errata_gui_test_iterate_until (toggle_sensitive, bar);
  g_assert_false (shows_stopping (bar));
  g_free (remembered);
  remembered = project_meta (fixture, "live_traces");
  g_assert_cmpstr (remembered, ==, "off");
}

static gboolean
says_no_conversation (gpointer bar)
{
  g_autofree char *text = errata_gui_test_dup_visible_text (bar);

  return strstr (text, "8 traces came without a conversation") != NULL;
}

/* Spans without messages (OpenTelemetry's GenAI instrumentation writes
 * them as log events, not sent here): the list gains nothing, and the bar
 * says why while receiving, not only once it stops. */
static void
test_no_conversation (Fixture       *fixture,
                      gconstpointer  data)
{
  ErrataLiveTracesBar *bar;
  g_autofree char *endpoint = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  wait_for_list (fixture);
  bar = bar_of (fixture);
  endpoint = start_receiving (fixture, bar);
  post_export (endpoint, "opentelemetry.json");
  errata_gui_test_iterate_until (says_no_conversation, bar);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (bar));
  g_assert_nonnull (strstr (text, "0 traces received"));
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES);
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "live-traces-no-conversation.png");
  stop_receiving (bar);
}

static GtkAdjustment *
list_vadjustment (Fixture *fixture)
{
  GtkWidget *view = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page), GTK_TYPE_COLUMN_VIEW);

  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
}

static GtkSelectionModel *
list_selection (Fixture *fixture)
{
  GtkWidget *view = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page), GTK_TYPE_COLUMN_VIEW);

  return gtk_column_view_get_model (GTK_COLUMN_VIEW (view));
}

/* What a row shows of a trace's content, which late spans change. */
static char *
summary_of (ErrataTrace *trace)
{
  return g_strdup_printf ("%s | %s | %u messages, %u tool calls, %" G_GINT64_FORMAT " ms,"
                          " %" G_GINT64_FORMAT " + %" G_GINT64_FORMAT " tokens",
                          errata_trace_get_input (trace), errata_trace_get_output (trace),
                          errata_trace_get_n_messages (trace), errata_trace_get_n_tool_calls (trace),
                          errata_trace_get_latency_ms (trace), errata_trace_get_tokens_in (trace),
                          errata_trace_get_tokens_out (trace));
}

typedef struct
{
  GListModel *model;
  guint       position;
  const char *summary;
} RowChange;

static gboolean
row_shows (gpointer data)
{
  RowChange *change = data;
  g_autoptr(ErrataTrace) trace = g_list_model_get_item (change->model, change->position);
  g_autofree char *summary = trace ? summary_of (trace) : NULL;

  return g_strcmp0 (summary, change->summary) == 0;
}

/* The stored trace's summary, read as another program would. */
static char *
stored_summary (Fixture     *fixture,
                const char  *external_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = errata_project_open (fixture->file, ERRATA_PROJECT_OPEN_READ_ONLY,
                                                           &error);
  g_autoptr(ErrataTrace) trace = NULL;

  g_assert_no_error (error);
  trace = errata_project_find_trace (project, "otlp-live", external_id, &error);
  g_assert_no_error (error);
  return summary_of (trace);
}

/* Where the reviewer is: the selected trace and row, how far the list is
 * scrolled, and which trace "Next Unreviewed" goes to from there. */
typedef struct
{
  gint64 trace_id;
  guint  position;
  double scrolled;
  gint64 next_unreviewed;
} Place;

/* `scrolled` < 0: as selecting the row left it. `queue`: FALSE for the last row, where "Next Unreviewed" rightly goes
 * to the new traces after it. */
static void
note_place (Fixture  *fixture,
            guint     position,
            double    scrolled,
            gboolean  queue,
            Place    *place)
{
  GtkAdjustment *adjustment = list_vadjustment (fixture);

  errata_traces_page_select (fixture->page, position);
  errata_gui_test_iterate_until (page_shows_a_trace, fixture->page);
  place->next_unreviewed = -1;
  if (queue)
    {
      activate (fixture, "traces.next-unreviewed");
      errata_gui_test_iterate_for (50);
      place->next_unreviewed = current_id (fixture);
      g_assert_cmpint (place->next_unreviewed, !=, -1);
    }
  errata_traces_page_select (fixture->page, position);
  errata_gui_test_iterate_for (50);
  if (scrolled >= 0)
    gtk_adjustment_set_value (adjustment, scrolled);
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  place->trace_id = current_id (fixture);
  place->position = position;
  place->scrolled = gtk_adjustment_get_value (adjustment);
}

static void
assert_place (Fixture     *fixture,
              const Place *place)
{
  GtkSelectionModel *selection = list_selection (fixture);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  g_assert_cmpint (current_id (fixture), ==, place->trace_id);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_true (gtk_selection_model_is_selected (selection, place->position));
  g_assert_cmpfloat (gtk_adjustment_get_value (list_vadjustment (fixture)), ==, place->scrolled);
  if (place->next_unreviewed == -1)
    return;
  activate (fixture, "traces.next-unreviewed");
  errata_gui_test_iterate_for (50);
  g_assert_cmpint (current_id (fixture), ==, place->next_unreviewed);
  errata_traces_page_select (fixture->page, place->position);
  errata_gui_test_iterate_for (50);
}

/* New traces arrive while a reviewer is in the middle of the list: the
 * selection, the scroll position and the review queue ahead stay. Then
 * the late spans of a received trace arrive while it is selected: its row
 * shows the new summary (it is not stale until a reload), still selected,
 * and the rows that did not change are the same items as before. */
static void
test_list_stays (Fixture       *fixture,
                 gconstpointer  data)
{
  ErrataLiveTracesBar *bar;
  g_autofree char *endpoint = NULL;
  g_autoptr(ErrataTrace) unchanged = NULL;
  g_autoptr(ErrataTrace) unchanged_after = NULL;
  g_autoptr(ErrataTrace) partial = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  Count count = { fixture->model, N_TRACES + 1 };
  RowChange change = { fixture->model, N_TRACES, NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkAdjustment *adjustment;
  Place place;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 600);
  wait_for_list (fixture);
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  adjustment = list_vadjustment (fixture);
  /* The list must scroll for its position to mean anything. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  note_place (fixture, 20, (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment)) / 2,
              TRUE, &place);
  g_assert_cmpfloat (place.scrolled, >, 0);
  unchanged = g_list_model_get_item (fixture->model, 10);

  bar = bar_of (fixture);
  endpoint = start_receiving (fixture, bar);
  g_assert_nonnull (endpoint);

  post_first_trace_in_part (endpoint);
  errata_gui_test_iterate_until (has_items, &count);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES + 1);
  assert_place (fixture, &place);

  /* The received trace selected, its late spans arrive with 7 new traces. */
  note_place (fixture, N_TRACES, -1, FALSE, &place);
  partial = g_list_model_get_item (fixture->model, N_TRACES);
  before = summary_of (partial);
  post_fixture (endpoint);
  count.n_items = N_TRACES + 8;
  errata_gui_test_iterate_until (has_items, &count);
  after = stored_summary (fixture, errata_trace_get_external_id (partial));
  /* The late spans changed the trace (two more calls' tokens), and the
   * row shows it, the same item. */
  g_assert_cmpstr (after, !=, before);
  change.summary = after;
  errata_gui_test_iterate_until (row_shows, &change);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES + 8);
  unchanged_after = g_list_model_get_item (fixture->model, 10);
  g_assert_true (unchanged_after == unchanged);
  assert_place (fixture, &place);
  /* The page's cursor stayed on the updated row: the next trace is the
   * one after it, the first of the new ones. */
  activate (fixture, "traces.next");
  errata_gui_test_iterate_for (50);
  g_assert_cmpint (current_id (fixture), ==, errata_trace_list_model_get_trace_id (ERRATA_TRACE_LIST_MODEL (fixture->model), N_TRACES + 1));
  texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "live-traces-late-spans.png");
  stop_receiving (bar);
}

/* Receives the first trace in part and selects it: the place for late
 * spans to arrive. Returns the endpoint. */
static char *
receive_partial_trace (Fixture *fixture)
{
  Count count = { fixture->model, N_TRACES + 1 };
  ErrataLiveTracesBar *bar = bar_of (fixture);
  char *endpoint;

  endpoint = start_receiving (fixture, bar);
  g_assert_nonnull (endpoint);
  post_first_trace_in_part (endpoint);
  errata_gui_test_iterate_until (has_items, &count);
  errata_traces_page_select (fixture->page, N_TRACES);
  errata_gui_test_iterate_until (page_shows_a_trace, fixture->page);
  g_assert_cmpint (current_id (fixture), ==,
                   errata_trace_list_model_get_trace_id (ERRATA_TRACE_LIST_MODEL (fixture->model), N_TRACES));
  return endpoint;
}

/* Whether row `position` of the list is on screen. */
static gboolean
row_in_view (Fixture *fixture,
             guint    position)
{
  GtkAdjustment *adjustment = list_vadjustment (fixture);
  double row_height = gtk_adjustment_get_upper (adjustment) / g_list_model_get_n_items (fixture->model);
  double top = position * row_height;

  return top + row_height > gtk_adjustment_get_value (adjustment) &&
         top < gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment);
}

/* The selected row scrolled out of view, late spans update its trace:
 * the list stays where the reviewer scrolled it (it used to jump back to
 * the selected row). */
static void
test_scrolled_away (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *endpoint = NULL;
  g_autofree char *after = NULL;
  g_autoptr(ErrataTrace) partial = NULL;
  Count count = { fixture->model, N_TRACES + 8 };
  RowChange change = { fixture->model, N_TRACES, NULL };
  GtkAdjustment *adjustment;
  gint64 selected;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 600);
  wait_for_list (fixture);
  endpoint = receive_partial_trace (fixture);
  selected = current_id (fixture);
  partial = g_list_model_get_item (fixture->model, N_TRACES);
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  adjustment = list_vadjustment (fixture);
  gtk_adjustment_set_value (adjustment, 0);
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_false (row_in_view (fixture, N_TRACES));

  post_fixture (endpoint);
  errata_gui_test_iterate_until (has_items, &count);
  after = stored_summary (fixture, errata_trace_get_external_id (partial));
  change.summary = after;
  errata_gui_test_iterate_until (row_shows, &change);
  /* Two frames: a scroll to the row would be laid out by then. */
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_false (row_in_view (fixture, N_TRACES));
  g_assert_cmpint (current_id (fixture), ==, selected);
  g_assert_true (gtk_selection_model_is_selected (list_selection (fixture), N_TRACES));
  stop_receiving (bar_of (fixture));
}

typedef struct
{
  ErrataTraceView *view;
  const char      *summary;
} ViewWait;

/* The view shows the trace as stored now, rows built. */
static gboolean
view_shows_summary (gpointer data)
{
  ViewWait *wait = data;
  ErrataTrace *shown = errata_trace_view_get_trace (wait->view);
  g_autofree char *summary = shown ? summary_of (shown) : NULL;

  return g_strcmp0 (summary, wait->summary) == 0 && !errata_trace_view_get_loading (wait->view);
}

static gboolean
note_saved (gpointer data)
{
  return !errata_coding_panel_has_unsaved (data);
}

/* Late spans change the trace on show while the reviewer writes a note:
 * the trace view shows the trace as stored now (it used to keep the old
 * one until the reviewer moved away and back), and the note stays as
 * typed, then is saved. */
static void
test_detail_refreshed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *endpoint = NULL;
  g_autofree char *note = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(ErrataAnnotation) annotation = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  Count count = { fixture->model, N_TRACES + 8 };
  ViewWait wait = { fixture->trace_view, NULL };
  ErrataTrace *shown;
  GtkTextView *note_view;
  gint64 selected;

  wait_for_list (fixture);
  endpoint = receive_partial_trace (fixture);
  selected = current_id (fixture);
  shown = errata_trace_view_get_trace (fixture->trace_view);
  before = summary_of (shown);

  note_view = errata_gui_test_find_first (GTK_WIDGET (fixture->panel), GTK_TYPE_TEXT_VIEW);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (note_view), "asked for the budget twice", -1);
  g_assert_true (errata_coding_panel_has_unsaved (fixture->panel));
  post_fixture (endpoint);
  errata_gui_test_iterate_until (has_items, &count);
  after = stored_summary (fixture, errata_trace_get_external_id (shown));
  /* The late spans changed the trace (two more calls' tokens). */
  g_assert_cmpstr (after, !=, before);
  wait.summary = after;
  errata_gui_test_iterate_until (view_shows_summary, &wait);
  g_assert_cmpint (current_id (fixture), ==, selected);
  g_assert_true (errata_traces_page_get_current_trace (fixture->page) ==
                 errata_trace_view_get_trace (fixture->trace_view));
  g_assert_true (errata_coding_panel_get_trace (fixture->panel) ==
                 errata_trace_view_get_trace (fixture->trace_view));
  note = errata_coding_panel_dup_note (fixture->panel);
  g_assert_cmpstr (note, ==, "asked for the budget twice");

  errata_gui_test_iterate_until (note_saved, fixture->panel);
  annotation = read_annotation_elsewhere (fixture, selected);
  g_assert_cmpstr (annotation->note, ==, "asked for the budget twice");
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "live-traces-detail-refreshed.png");
  stop_receiving (bar_of (fixture));
}

/* Closed and disposed at once: in the app, the window's last reference
 * goes within the stop's loop too (a close button pressed while it
 * waits); here nothing else runs in that loop to drop it. */
static gboolean
close_window (gpointer window)
{
  g_object_ref (window);
  gtk_window_destroy (window);
  g_object_run_dispose (window);
  g_object_unref (window);
  return G_SOURCE_REMOVE;
}

/* The receiving session's import is finished: the writer has stored
 * everything and ended. */
static gboolean
session_finished (gpointer fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = errata_project_open (((Fixture *)fixture)->file,
                                                           ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) imports = NULL;
  gboolean live_finished = FALSE;

  g_assert_no_error (error);
  imports = errata_project_list_imports (project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < imports->len; i++)
    {
      ErrataImportInfo *info = imports->pdata[i];

      if (g_str_has_prefix (info->name, "Live traces"))
        live_finished = info->finished_at != 0;
    }
  return live_finished;
}

/* Turning receiving off returns at once and the receiver stops behind;
 * the window may be closed meanwhile (here from an idle). The bar must
 * not touch its freed widgets when the stop ends, the traces received
 * must all be stored, and the project must remember "off". */
static void
test_closed_while_stopping (Fixture       *fixture,
                            gconstpointer  data)
{
  ErrataLiveTracesBar *bar = bar_of (fixture);
  g_autofree char *endpoint = NULL;
  g_autofree char *remembered = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;

  wait_for_list (fixture);
  endpoint = start_receiving (fixture, bar);
  post_fixture (endpoint);
  errata_live_traces_bar_set_receiving (bar, FALSE);
  g_assert_true (shows_stopping (bar));
  /* The bar's last reference goes with the window, before the stop ends. */
  g_idle_add_full (G_PRIORITY_HIGH, close_window, fixture->window, NULL);
  errata_gui_test_iterate_until (session_finished, fixture);
  errata_gui_test_iterate_for (50);

  remembered = project_meta (fixture, "live_traces");
  g_assert_cmpstr (remembered, ==, "off");
  project = errata_project_open (fixture->file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (errata_project_count_traces (project, NULL, &error), ==, N_TRACES + 8);
  g_assert_no_error (error);
}

/* A loopback port nothing listens on now. */
static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_socket_bind (socket, any, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

typedef struct
{
  Fixture *fixture;
  guint    port;
} PortWait;

static gboolean
shows_port (gpointer data)
{
  PortWait *wait = data;
  g_autofree char *endpoint = endpoint_shown (wait->fixture);
  g_autofree char *suffix = g_strdup_printf (":%u", wait->port);

  return endpoint != NULL && g_str_has_suffix (endpoint, suffix);
}

/* The options popover: another port and another idle time, set while
 * receiving, restart it there and are remembered by the project. */
static void
test_options (Fixture       *fixture,
              gconstpointer  data)
{
  ErrataLiveTracesBar *bar = bar_of (fixture);
  GtkMenuButton *button;
  GtkWidget *popover;
  g_autoptr(GPtrArray) spins = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *remembered_port = NULL;
  g_autofree char *remembered_idle = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  Count count = { fixture->model, N_TRACES + 8 };
  PortWait wait = { fixture, free_port () };

  wait_for_list (fixture);
  g_free (start_receiving (fixture, bar));
  button = errata_gui_test_find_one_visible (GTK_WIDGET (bar), GTK_TYPE_MENU_BUTTON);
  gtk_menu_button_popup (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, popover);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 768);
  /* A popover is a surface of its own: rendered apart from the window. */
  texture = errata_gui_test_render_to_png (popover, "live-traces-options.png");
  spins = errata_gui_test_find_visible (popover, GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpuint (spins->len, ==, 2);
  /* The port typed, not confirmed with Enter: closing takes it too. */
  port_text = g_strdup_printf ("%u", wait.port);
  gtk_editable_set_text (GTK_EDITABLE (spins->pdata[0]), port_text);
  gtk_spin_button_set_value (spins->pdata[1], 2);
  gtk_menu_button_popdown (button);
  /* Restarting: the switch stays on while the old receiver stops. */
  g_assert_true (gtk_switch_get_active (errata_gui_test_find_one_visible (GTK_WIDGET (bar), GTK_TYPE_SWITCH)));

  errata_gui_test_iterate_until (shows_port, &wait);
  g_assert_true (errata_live_traces_bar_get_receiving (bar));
  remembered_port = project_meta (fixture, "live_traces_port");
  remembered_idle = project_meta (fixture, "live_traces_idle_seconds");
  g_assert_cmpstr (remembered_port, ==, port_text);
  g_assert_cmpstr (remembered_idle, ==, "2");
  endpoint = endpoint_shown (fixture);
  post_fixture (endpoint);
  errata_gui_test_iterate_until (has_items, &count);
  stop_receiving (bar);
}

static void
test_port_in_use (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "other.errata", NULL);
  g_autoptr(GFile) other = g_file_new_for_path (path);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataOtlpReceiver) receiver = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *text = NULL;
  ErrataLiveTracesBar *bar;

  wait_for_list (fixture);
  project = errata_project_create (other, &error);
  g_assert_no_error (error);
  errata_project_close (project);
  receiver = errata_otlp_receiver_new (other);
  errata_otlp_receiver_set_port (receiver, 0);
  errata_otlp_receiver_start (receiver, &error);
  g_assert_no_error (error);

  bar = bar_of (fixture);
  errata_live_traces_bar_set_port (bar, errata_otlp_receiver_get_port (receiver));
  errata_live_traces_bar_set_receiving (bar, TRUE);
  g_assert_false (errata_live_traces_bar_get_receiving (bar));
  errata_gui_test_iterate_until (shows_port_in_use, bar);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (bar));
  g_assert_nonnull (strstr (text, "is in use"));
  /* Where to choose another port, in the app itself. */
  g_assert_nonnull (strstr (text, "Receiving Options"));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 768);
  errata_gui_test_iterate_for (100);
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "live-traces-port-in-use-1024.png");
  errata_otlp_receiver_stop (receiver);
  errata_test_remove_tree (dir);
}

/* The case receiving is for: an empty project, its page showing how to
 * import. The first traces take it to the list. */
static void
test_empty_project (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.errata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *endpoint = NULL;
  Fixture fixture = { 0 };
  ErrataLiveTracesBar *bar;
  GListModel *toplevels = gtk_window_get_toplevels ();
  Count count = { NULL, 8 };

  project = errata_project_create (file, &error);
  g_assert_no_error (error);
  errata_project_close (project);
  errata_application_open_file (app, file);
  fixture.window = ERRATA_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  errata_gui_test_iterate_until (window_is_idle, fixture.window);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture.window);
  fixture.page = errata_gui_test_find_one_visible (GTK_WIDGET (fixture.window), ERRATA_TYPE_TRACES_PAGE);
  count.model = G_LIST_MODEL (errata_traces_page_get_model (fixture.page));
  g_assert_cmpuint (g_list_model_get_n_items (count.model), ==, 0);

  bar = bar_of (&fixture);
  endpoint = start_receiving (&fixture, bar);
  g_assert_nonnull (endpoint);
  post_fixture (endpoint);
  errata_gui_test_iterate_until (has_items, &count);
  errata_gui_test_iterate_until (page_shows_a_trace, fixture.page);
  errata_gui_test_iterate_for (300);
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture.window));
  texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture.window), "live-traces-empty-project.png");

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (toplevel);
    }
  errata_gui_test_iterate_for (50);
  errata_test_remove_tree (dir);
}

static void
test_no_display (void)
{
  g_test_skip ("no display");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/live-traces/no-display", test_no_display);
      return g_test_run ();
    }

  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  ADD_TEST ("/live-traces/receive", test_receive);
  ADD_TEST ("/live-traces/no-conversation", test_no_conversation);
  ADD_TEST ("/live-traces/port-in-use", test_port_in_use);
  ADD_TEST ("/live-traces/closed-while-stopping", test_closed_while_stopping);
  ADD_TEST ("/live-traces/options", test_options);
  ADD_TEST ("/live-traces/list-stays", test_list_stays);
  ADD_TEST ("/live-traces/scrolled-away", test_scrolled_away);
  ADD_TEST ("/live-traces/detail-refreshed", test_detail_refreshed);
  g_test_add_func ("/live-traces/empty-project", test_empty_project);

  return g_test_run ();
}
