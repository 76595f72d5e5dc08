/* test-trace-page.c: the Traces page under a real display (Xvfb in CI).
 *
 * A project is opened through the application as a user would; the tests
 * drive the page through its actions (traces.*), its controls, and where
 * the X server has XTEST, real key presses. What the page saves is read
 * back through a second connection to the file. The page is rendered to
 * trace-page.png and trace-page-dark.png in the build folder.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#ifdef HAVE_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#endif

#include "errata-application.h"
#include "errata-coding-panel.h"
#include "errata-failure-modes-page.h"
#include "errata-gui-test-utils.h"
#include "errata-import-dialog.h"
#include "errata-note-card.h"
#include "errata-traces-page.h"
#include "errata-test-utils.h"
#include "errata-trace-view.h"
#include "errata-window.h"

#define N_TRACES 40

static ErrataApplication *app;

/* Fixtures ------------------------------------------------------------ */

/* A conversation with a system prompt, a tool call and its result, and a
 * reply in Markdown: what the trace view has to render well. */
static const char rich_messages[] =
  "[{\"role\": \"system\", \"content\": \"You are Hearth, the assistant of a real-estate agency. "
  "Search listings with the tools; never invent a listing.\"},"
  " {\"role\": \"user\", \"content\": \"Any 2-bedroom flats near Riverside Park under $2,400 a month?\"},"
  " {\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": [{\"id\": \"call_1\", "
  "\"name\": \"search_listings\", \"arguments\": \"{\\\"bedrooms\\\": 2, \\\"max_rent\\\": 2400, "
  "\\\"near\\\": \\\"Riverside Park\\\"}\"}]},"
  " {\"role\": \"tool\", \"tool_call_id\": \"call_1\", \"name\": \"search_listings\", "
  "\"content\": \"[{\\\"id\\\": \\\"L-204\\\", \\\"rent\\\": 2350, \\\"address\\\": \\\"14 Mill Lane\\\"}, "
  "{\\\"id\\\": \\\"L-311\\\", \\\"rent\\\": 2650, \\\"address\\\": \\\"2 Quay Street\\\"}]\"},"
  " {\"role\": \"assistant\", \"content\": \"I found **two flats** near Riverside Park:\\n\\n"
  "| Listing | Address | Rent |\\n|---|---|---|\\n| L-204 | 14 Mill Lane | $2,350 |\\n"
  "| L-311 | 2 Quay Street | $2,650 |\\n\\n"
  "- *L-204* is within your budget.\\n- L-311 is a little over it.\\n\\n"
  "Would you like to **book a viewing**?\"}]";

/* A typical agent trace: a question, then nine rounds of tool call,
 * result and a short Markdown reply: 20 messages. */
static JsonArray *
create_long_messages (guint i)
{
  JsonArray *messages = json_array_new ();
  g_autoptr(GString) json = g_string_new ("[");

  g_string_append_printf (json, "{\"role\": \"user\", \"content\": \"Plan my viewings, case %u\"}", i);
  for (guint round = 0; round < 19; round++)
    {
      if (round % 3 == 0)
        g_string_append_printf (json, ", {\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": "
                                "[{\"id\": \"c%u\", \"name\": \"check_agent_availability\", "
                                "\"arguments\": \"{\\\"day\\\": %u}\"}]}", round, round);
      else if (round % 3 == 1)
        g_string_append_printf (json, ", {\"role\": \"tool\", \"tool_call_id\": \"c%u\", "
                                "\"content\": \"{\\\"free\\\": [\\\"10:00\\\", \\\"14:30\\\"]}\"}",
                                round - 1);
      else
        g_string_append_printf (json, ", {\"role\": \"assistant\", \"content\": \"Day %u looks good:\\n\\n"
                                "- **10:00** at 14 Mill Lane\\n- *14:30* at 2 Quay Street\\n\\nShall I book?\"}",
                                round);
    }
  g_string_append (json, "]");
  {
    g_autoptr(JsonNode) node = json_from_string (json->str, NULL);

    g_assert_nonnull (node);
    json_array_unref (messages);
    messages = json_array_ref (json_node_get_array (node));
  }
  g_assert_cmpuint (json_array_get_length (messages), ==, 20);
  return messages;
}

static ErrataTrace *
create_trace (guint i)
{
  g_autofree char *id = g_strdup_printf ("hearth-%02u", i);
  g_autofree char *input = g_strdup_printf ("Question %u about flats near the park", i);
  g_autofree char *answer = g_strdup_printf ("Answer %u: here are some listings.", i);
  ErrataTrace *trace;

  if (i == 0)
    {
      g_autoptr(JsonNode) node = json_from_string (rich_messages, NULL);

      g_assert_nonnull (node);
      trace = errata_trace_new ();
      errata_trace_set_external_id (trace, id);
      errata_trace_set_source (trace, "test");
      errata_trace_set_messages (trace, json_node_get_array (node));
    }
  else if (i >= N_TRACES / 2)
    {
      g_autoptr(JsonArray) messages = create_long_messages (i);

      trace = errata_trace_new ();
      errata_trace_set_external_id (trace, id);
      errata_trace_set_source (trace, "test");
      errata_trace_set_messages (trace, messages);
    }
  else
    trace = errata_test_new_trace (id, input, answer);
  errata_trace_set_latency_ms (trace, 400 + 37 * ((i * 7) % N_TRACES));
  errata_trace_set_tokens_in (trace, 300 + i);
  errata_trace_set_tokens_out (trace, 80 + i);
  json_object_set_string_member (errata_trace_get_metadata (trace), "model",
                                 i % 4 == 0 ? "gpt-4o" : "gpt-4o-mini");
  return trace;
}

static void
annotate (ErrataProject *project,
          gint64         trace_id,
          ErrataVerdict  verdict,
          const char    *note)
{
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (trace_id, "Earlier reviewer");
  g_autoptr(GError) error = NULL;

  annotation->verdict = verdict;
  g_free (annotation->note);
  annotation->note = g_strdup (note);
  g_assert_true (errata_project_set_annotation (project, annotation, &error));
  g_assert_no_error (error);
}

/* N_TRACES traces; traces 1, 2 and 3 are already reviewed (two pass, one
 * fails with a note). */
static GFile *
make_project (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "hearth.errata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = errata_project_create (file, &error);
  gint64 ids[N_TRACES];

  g_assert_no_error (error);
  g_assert_true (errata_project_begin (project, &error));
  for (guint i = 0; i < N_TRACES; i++)
    {
      g_autoptr(ErrataTrace) trace = create_trace (i);
      g_autoptr(ErrataTrace) stored = NULL;
      gboolean added = FALSE;

      g_assert_true (errata_project_add_trace (project, trace, &added, &error));
      stored = errata_project_find_trace (project, "test", errata_trace_get_external_id (trace),
                                          &error);
      ids[i] = errata_trace_get_id (stored);
    }
  g_assert_true (errata_project_commit (project, &error));
  annotate (project, ids[1], ERRATA_VERDICT_PASS, "");
  annotate (project, ids[2], ERRATA_VERDICT_PASS, "");
  annotate (project, ids[3], ERRATA_VERDICT_FAIL, "offered a flat over budget");
  errata_project_close (project);
  return g_steal_pointer (&file);
}

typedef struct
{
  char              *dir;
  GFile             *file;
  ErrataWindow      *window;
  ErrataTracesPage *page;
  ErrataTraceView   *trace_view;
  ErrataCodingPanel *panel;
  GListModel        *model;
} Fixture;

static gboolean
window_is_idle (gpointer data)
{
  return !errata_window_is_loading (data);
}

static gboolean
model_is_loaded (gpointer data)
{
  return !errata_trace_list_model_is_loading (data);
}

static gboolean
page_shows_a_trace (gpointer data)
{
  return errata_traces_page_get_current_trace (data) != NULL;
}

static void
wait_for_list (Fixture *fixture)
{
  errata_gui_test_iterate_until (model_is_loaded, fixture->model);
  errata_gui_test_iterate_until (page_shows_a_trace, fixture->page);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "annotator-name", "Test Reviewer");
  g_settings_set_int (settings, "window-width", 1280);
  g_settings_set_int (settings, "window-height", 800);
  fixture->dir = errata_test_make_tmpdir ();
  fixture->file = make_project (fixture->dir);
  errata_application_open_file (app, fixture->file);
  fixture->window = ERRATA_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  errata_gui_test_iterate_until (window_is_idle, fixture->window);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->window);
  fixture->page = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->window),
                                                    ERRATA_TYPE_TRACES_PAGE);
  fixture->model = G_LIST_MODEL (errata_traces_page_get_model (fixture->page));
  wait_for_list (fixture);
  fixture->trace_view = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page),
                                                          ERRATA_TYPE_TRACE_VIEW);
  fixture->panel = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page),
                                                     ERRATA_TYPE_CODING_PANEL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Dialogs too: the import dialog is not the application's. */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (toplevel);
    }
  errata_gui_test_iterate_for (50);
  g_clear_object (&fixture->file);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* What another program sees in the file: the page's writes are committed. */
static ErrataAnnotation *
read_annotation_elsewhere (Fixture *fixture,
                           gint64   trace_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) other = errata_project_open (fixture->file,
                                                        ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  ErrataAnnotation *annotation;

  g_assert_no_error (error);
  annotation = errata_project_get_annotation (other, trace_id, "Test Reviewer", &error);
  g_assert_no_error (error);
  return annotation;
}

static gint64
current_id (Fixture *fixture)
{
  ErrataTrace *trace = errata_traces_page_get_current_trace (fixture->page);

  g_assert_nonnull (trace);
  return errata_trace_get_id (trace);
}

static const char *
current_external_id (Fixture *fixture)
{
  return errata_trace_get_external_id (errata_traces_page_get_current_trace (fixture->page));
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), action, NULL));
}

/* The trace view has the keyboard focus on message `focused`. */
typedef struct
{
  Fixture *fixture;
  int      focused;
} FocusWait;

static gboolean
message_has_focus (gpointer data)
{
  FocusWait *wait = data;

  return errata_trace_view_get_focused_message (wait->fixture->trace_view) == wait->focused;
}

static void
wait_for_focused_message (Fixture *fixture,
                          int      index)
{
  FocusWait wait = { fixture, index };

  errata_gui_test_iterate_until (message_has_focus, &wait);
}

typedef struct
{
  Fixture    *fixture;
  const char *external_id;
} TraceWait;

/* The page and the trace view show the trace `external_id`, built. */
static gboolean
shows_trace (gpointer data)
{
  TraceWait *wait = data;
  ErrataTrace *current = errata_traces_page_get_current_trace (wait->fixture->page);
  ErrataTrace *shown = errata_trace_view_get_trace (wait->fixture->trace_view);

  return current != NULL && shown != NULL &&
         g_strcmp0 (errata_trace_get_external_id (current), wait->external_id) == 0 &&
         errata_trace_get_id (shown) == errata_trace_get_id (current) &&
         !errata_trace_view_get_loading (wait->fixture->trace_view);
}

static gboolean
has_message_dialog (gpointer data);

/* Tests --------------------------------------------------------------- */

static void
test_list_and_header (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkColumnView *column_view = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page),
                                                                 GTK_TYPE_COLUMN_VIEW);
  GListModel *columns = gtk_column_view_get_columns (column_view);
  const char *titles[] = { NULL, "ID", "Input", "Note", "Msgs", "Tools", "Output", "Latency", "Tokens" };
  AdwViewSwitcherTitle *title = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->window),
                                                                  ADW_TYPE_VIEW_SWITCHER_TITLE);

  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[i]);
    }
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES);
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "hearth.errata");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "Reviewed 3 of 40");
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->page), "40 traces"));

  /* The first trace is on show, in the view and in the panel. */
  g_assert_cmpuint (errata_traces_page_get_selected (fixture->page), ==, 0);
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-00");
  g_assert_true (errata_trace_view_get_trace (fixture->trace_view) ==
                 errata_traces_page_get_current_trace (fixture->page));
  g_assert_cmpint (errata_trace_get_id (errata_coding_panel_get_trace (fixture->panel)), ==,
                   current_id (fixture));

  /* Rows say what the summaries say, as plain text. */
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (column_view), "hearth-03"));
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (column_view), "offered a flat over budget"));
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (column_view), "Any 2-bedroom flats near Riverside Park under $2,400 a month?"));
}

static void
test_review_with_actions (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ErrataAnnotation) stored = NULL;
  g_autoptr(ErrataTrace) row = NULL;
  AdwViewSwitcherTitle *title = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->window),
                                                                  ADW_TYPE_VIEW_SWITCHER_TITLE);
  gint64 first;

  /* j and k: next and previous, within the list's ends. */
  activate (fixture, "traces.previous");
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-00");
  activate (fixture, "traces.next");
  activate (fixture, "traces.next");
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-02");
  activate (fixture, "traces.previous");
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-01");
  activate (fixture, "traces.previous");
  first = current_id (fixture);

  /* f fails the trace: saved at once, row and header follow. */
  activate (fixture, "traces.fail");
  stored = read_annotation_elsewhere (fixture, first);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->verdict, ==, ERRATA_VERDICT_FAIL);
  row = g_list_model_get_item (fixture->model, 0);
  g_assert_cmpint (errata_trace_get_verdict (row), ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "Reviewed 4 of 40");
  g_assert_cmpuint (errata_traces_page_get_selected (fixture->page), ==, 0);
  g_assert_cmpint (current_id (fixture), ==, first);

  /* p changes it to pass. */
  activate (fixture, "traces.pass");
  g_clear_pointer (&stored, errata_annotation_free);
  stored = read_annotation_elsewhere (fixture, first);
  g_assert_cmpint (stored->verdict, ==, ERRATA_VERDICT_PASS);

  /* n puts the focus in the note; typed text is saved when the page
   * moves on, without waiting for the autosave. */
  activate (fixture, "traces.focus-note");
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
    GtkTextBuffer *buffer;

    g_assert_true (GTK_IS_TEXT_VIEW (focus));
    g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (fixture->panel)));
    buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus));
    gtk_text_buffer_insert_at_cursor (buffer, "showed L-311 although it is over budget", -1);
  }

  /* Ctrl+Enter: saves, and skips traces 1-3 (reviewed) to trace 4. */
  activate (fixture, "traces.next-unreviewed");
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-04");
  g_clear_pointer (&stored, errata_annotation_free);
  stored = read_annotation_elsewhere (fixture, first);
  g_assert_cmpstr (stored->note, ==, "showed L-311 although it is over budget");
  g_assert_cmpint (stored->verdict, ==, ERRATA_VERDICT_PASS);
}

static void
test_first_failure (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ErrataAnnotation) stored = NULL;
  gint64 id = current_id (fixture);

  /* A click on a message (the view's message-activated) marks it... */
  g_signal_emit_by_name (fixture->trace_view, "message-activated", 4);
  g_assert_cmpint (errata_coding_panel_get_first_failure (fixture->panel), ==, 4);
  g_assert_cmpint (errata_trace_view_get_first_failure (fixture->trace_view), ==, 4);
  stored = read_annotation_elsewhere (fixture, id);
  g_assert_cmpint (stored->first_failure, ==, 4);

  /* ...a second click on it takes the mark away... */
  g_signal_emit_by_name (fixture->trace_view, "message-activated", 4);
  g_assert_cmpint (errata_trace_view_get_first_failure (fixture->trace_view), ==, -1);

  /* ...and m marks the message that has the keyboard focus. */
  errata_trace_view_focus_message (fixture->trace_view, 2);
  wait_for_focused_message (fixture, 2);
  activate (fixture, "traces.mark-first-failure");
  g_assert_cmpint (errata_trace_view_get_first_failure (fixture->trace_view), ==, 2);
  g_clear_pointer (&stored, errata_annotation_free);
  stored = read_annotation_elsewhere (fixture, id);
  g_assert_cmpint (stored->first_failure, ==, 2);

  /* F6 walks the panes: list, conversation, review, and round again. */
  activate (fixture, "traces.next-pane");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         GTK_WIDGET (fixture->panel)));
  activate (fixture, "traces.next-pane");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page),
                                                                           GTK_TYPE_COLUMN_VIEW)));
  activate (fixture, "traces.next-pane");
  wait_for_focused_message (fixture, 2);
  activate (fixture, "traces.previous-pane");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page),
                                                                           GTK_TYPE_COLUMN_VIEW)));

  /* The mark is the panel's, per trace: the next trace has none. */
  activate (fixture, "traces.next");
  g_assert_cmpint (errata_trace_view_get_first_failure (fixture->trace_view), ==, -1);
  activate (fixture, "traces.previous");
  g_assert_cmpint (errata_trace_view_get_first_failure (fixture->trace_view), ==, 2);
}

static char *
dup_external_id_at (GListModel *model,
                    guint       position)
{
  g_autoptr(ErrataTrace) trace = g_list_model_get_item (model, position);

  return g_strdup (errata_trace_get_external_id (trace));
}

static gboolean
focus_is_in_search (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL;
}

static void
test_filters_and_search (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkDropDown *review = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page),
                                                          GTK_TYPE_DROP_DOWN);
  GtkSearchEntry *search = NULL;
  GtkEntry *metadata = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *first = NULL;

  gtk_drop_down_set_selected (review, 3);  /* Failed */
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, 1);
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-03");
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->page), "1 trace matches"));

  gtk_drop_down_set_selected (review, 1);  /* Unreviewed */
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES - 3);

  gtk_drop_down_set_selected (review, 4);  /* With a note */
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, 1);
  gtk_drop_down_set_selected (review, 0);
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES);

  /* Metadata: every fourth trace ran on gpt-4o. */
  entries = errata_gui_test_find_visible (GTK_WIDGET (fixture->page), GTK_TYPE_ENTRY);
  g_assert_cmpuint (entries->len, ==, 1);
  metadata = g_ptr_array_index (entries, 0);
  gtk_editable_set_text (GTK_EDITABLE (metadata), " model = gpt-4o ");
  g_signal_emit_by_name (metadata, "activate");
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES / 4);
  gtk_editable_set_text (GTK_EDITABLE (metadata), "no equals sign");
  g_signal_emit_by_name (metadata, "activate");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (metadata), "error"));
  gtk_editable_set_text (GTK_EDITABLE (metadata), "");
  g_signal_emit_by_name (metadata, "activate");
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES);

  /* Ctrl+F opens the search; the text matches traces and notes. */
  activate (fixture, "traces.search");
  errata_gui_test_iterate_until (focus_is_in_search, fixture->window);
  search = GTK_SEARCH_ENTRY (gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                                      GTK_TYPE_SEARCH_ENTRY));
  {
    g_autofree char *placeholder = NULL;

    g_object_get (search, "placeholder-text", &placeholder, NULL);
    g_assert_cmpstr (placeholder, ==, "Search traces and notes");
  }
  gtk_editable_set_text (GTK_EDITABLE (search), "offered");  /* only in a note */
  g_signal_emit_by_name (search, "search-changed");
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, 1);
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-03");
  gtk_editable_set_text (GTK_EDITABLE (search), "budget");  /* a note and a reply */
  g_signal_emit_by_name (search, "search-changed");
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, 2);
  gtk_editable_set_text (GTK_EDITABLE (search), "Riverside");
  g_signal_emit_by_name (search, "search-changed");
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, 1);
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-00");

  /* Shuffle draws a new order each time; Import Order goes back. */
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
  wait_for_list (fixture);
  activate (fixture, "traces.shuffle");
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES);
  first = dup_external_id_at (fixture->model, 0);
  {
    gboolean moved = FALSE;

    for (guint i = 0; i < N_TRACES && !moved; i++)
      {
        g_autofree char *id = dup_external_id_at (fixture->model, i);
        g_autofree char *expected = g_strdup_printf ("hearth-%02u", i);

        moved = !g_str_equal (id, expected);
      }
    g_assert_true (moved);
  }
  activate (fixture, "traces.import-order");
  wait_for_list (fixture);
  g_clear_pointer (&first, g_free);
  first = dup_external_id_at (fixture->model, 0);
  g_assert_cmpstr (first, ==, "hearth-00");
}

static void
test_sort_by_column (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkColumnView *column_view = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page),
                                                                 GTK_TYPE_COLUMN_VIEW);
  g_autoptr(GtkColumnViewColumn) latency = g_list_model_get_item (gtk_column_view_get_columns (column_view), 7);
  g_autoptr(ErrataTraceQuery) query = NULL;
  g_autoptr(ErrataTrace) slowest = NULL;
  g_autoptr(ErrataTrace) fastest = NULL;

  g_assert_cmpstr (gtk_column_view_column_get_title (latency), ==, "Latency");
  gtk_column_view_sort_by_column (column_view, latency, GTK_SORT_DESCENDING);
  wait_for_list (fixture);
  query = errata_trace_list_model_dup_query (ERRATA_TRACE_LIST_MODEL (fixture->model));
  g_assert_cmpint (errata_trace_query_get_sort (query), ==, ERRATA_TRACE_SORT_LATENCY);
  g_assert_true (errata_trace_query_get_descending (query));
  slowest = g_list_model_get_item (fixture->model, 0);
  fastest = g_list_model_get_item (fixture->model, N_TRACES - 1);
  g_assert_cmpint (errata_trace_get_latency_ms (slowest), >, errata_trace_get_latency_ms (fastest));
  for (guint i = 1; i < N_TRACES; i++)
    {
      g_autoptr(ErrataTrace) a = g_list_model_get_item (fixture->model, i - 1);
      g_autoptr(ErrataTrace) b = g_list_model_get_item (fixture->model, i);

      g_assert_cmpint (errata_trace_get_latency_ms (a), >=, errata_trace_get_latency_ms (b));
    }

  gtk_column_view_sort_by_column (column_view, latency, GTK_SORT_ASCENDING);
  wait_for_list (fixture);
  g_clear_object (&query);
  query = errata_trace_list_model_dup_query (ERRATA_TRACE_LIST_MODEL (fixture->model));
  g_assert_false (errata_trace_query_get_descending (query));
  {
    g_autoptr(ErrataTrace) head = g_list_model_get_item (fixture->model, 0);
    g_autoptr(ErrataTrace) tail = g_list_model_get_item (fixture->model, N_TRACES - 1);

    g_assert_cmpint (errata_trace_get_latency_ms (head), ==, errata_trace_get_latency_ms (fastest));
    g_assert_cmpint (errata_trace_get_latency_ms (tail), ==, errata_trace_get_latency_ms (slowest));
  }
}

#ifdef HAVE_XTEST
static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (data);
}

/* A real key press and release through the X server, so that the key
 * takes GTK's whole event path (capture, focus widget, bubble). */
static void
type_key (GtkWidget *widget,
          KeySym     keysym,
          gboolean   control)
{
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  KeyCode keycode = XKeysymToKeycode (display, keysym);
  KeyCode control_code = XKeysymToKeycode (display, XK_Control_L);

  if (control)
    XTestFakeKeyEvent (display, control_code, True, CurrentTime);
  XTestFakeKeyEvent (display, keycode, True, CurrentTime);
  XTestFakeKeyEvent (display, keycode, False, CurrentTime);
  if (control)
    XTestFakeKeyEvent (display, control_code, False, CurrentTime);
  XFlush (display);
}

static void
focus_window (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *display = gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface));

  /* No window manager under Xvfb: give the window the focus ourselves. */
  XSetInputFocus (display, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XFlush (display);
  errata_gui_test_iterate_until (window_is_active, window);
}

static gboolean
has_xtest (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  int event_base, error_base, major, minor;

  return GDK_IS_X11_DISPLAY (display) &&
         XTestQueryExtension (gdk_x11_display_get_xdisplay (display),
                              &event_base, &error_base, &major, &minor);
}

typedef struct
{
  Fixture *fixture;
  gint64   from_id;
  guint    n_paints;
} KeyWait;

static guint n_paints;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  n_paints++;
}

static gboolean
view_shows_another_trace (gpointer data)
{
  KeyWait *wait = data;
  ErrataTrace *shown = errata_trace_view_get_trace (wait->fixture->trace_view);

  return shown != NULL && errata_trace_get_id (shown) != wait->from_id &&
         !errata_trace_view_get_loading (wait->fixture->trace_view);
}

static gboolean
painted_since (gpointer data)
{
  return n_paints > ((KeyWait *)data)->n_paints;
}

/* Presses `keysym` and waits until the trace view has built another trace
 * and a frame has been painted with it. */
static void
key_to_frame (Fixture *fixture,
              KeySym   keysym)
{
  KeyWait wait = { fixture, current_id (fixture), 0 };

  type_key (GTK_WIDGET (fixture->page), keysym, FALSE);
  errata_gui_test_iterate_until (view_shows_another_trace, &wait);
  wait.n_paints = n_paints;
  errata_gui_test_iterate_until (painted_since, &wait);
}

static gboolean
note_has_focus (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (((Fixture *)data)->window));

  return GTK_IS_TEXT_VIEW (focus) &&
         gtk_widget_is_ancestor (focus, GTK_WIDGET (((Fixture *)data)->panel));
}

static gboolean
note_says_jk (gpointer data)
{
  g_autofree char *note = errata_coding_panel_dup_note (data);

  return g_strcmp0 (note, "jk") == 0;
}

static gboolean
verdict_is_pass (gpointer data)
{
  return errata_coding_panel_get_verdict (data) == ERRATA_VERDICT_PASS;
}

static gboolean
verdict_is_fail (gpointer data)
{
  return errata_coding_panel_get_verdict (data) == ERRATA_VERDICT_FAIL;
}
#endif

/* The keyboard flow with real key presses: j/k move (how fast is for
 * bench/gui-frames.c), f fails, n goes to the note where
 * j and k are letters, Ctrl+Enter saves and moves on. */
static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
#ifdef HAVE_XTEST
  GtkWidget *column_view = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page),
                                                             GTK_TYPE_COLUMN_VIEW);
  GdkFrameClock *clock;
  gint64 reviewed;

  if (!has_xtest (GTK_WIDGET (fixture->window)))
    {
      g_test_skip ("needs an X server with the XTEST extension");
      return;
    }
  focus_window (GTK_WINDOW (fixture->window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);

  errata_traces_page_select (fixture->page, N_TRACES / 2);
  {
    g_autofree char *selected = g_strdup_printf ("hearth-%02u", N_TRACES / 2);

    errata_gui_test_iterate_until (shows_trace, &(TraceWait) { fixture, selected });
  }
  gtk_widget_grab_focus (column_view);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *expected = g_strdup_printf ("hearth-%02u", N_TRACES / 2 + i + 1);

      key_to_frame (fixture, XK_j);
      g_assert_cmpstr (current_external_id (fixture), ==, expected);
      g_assert_cmpuint (errata_trace_get_n_messages (errata_traces_page_get_current_trace (fixture->page)), ==, 20);
    }

  key_to_frame (fixture, XK_k);
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-29");
  reviewed = current_id (fixture);

  type_key (column_view, XK_f, FALSE);
  errata_gui_test_iterate_until (verdict_is_fail, fixture->panel);
  type_key (column_view, XK_n, FALSE);
  errata_gui_test_iterate_until (note_has_focus, fixture);
  type_key (column_view, XK_j, FALSE);
  type_key (column_view, XK_k, FALSE);
  errata_gui_test_iterate_until (note_says_jk, fixture->panel);
  g_assert_cmpint (current_id (fixture), ==, reviewed);

  /* Ctrl+Enter from inside the note: saved at once, on to hearth-30. */
  type_key (column_view, XK_Return, TRUE);
  {
    KeyWait wait = { fixture, reviewed, 0 };
    g_autoptr(ErrataAnnotation) stored = NULL;

    errata_gui_test_iterate_until (view_shows_another_trace, &wait);
    g_assert_cmpstr (current_external_id (fixture), ==, "hearth-30");
    stored = read_annotation_elsewhere (fixture, reviewed);
    g_assert_cmpint (stored->verdict, ==, ERRATA_VERDICT_FAIL);
    g_assert_cmpstr (stored->note, ==, "jk");
  }
  /* The focus left the note, so p is a verdict again. */
  g_assert_false (note_has_focus (fixture));
  type_key (column_view, XK_p, FALSE);
  errata_gui_test_iterate_until (verdict_is_pass, fixture->panel);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, NULL);
#else
  g_test_skip ("built without XTest");
#endif
}

static gboolean
has_import_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ERRATA_IS_IMPORT_DIALOG (toplevel))
        return TRUE;
    }
  return FALSE;
}

/* Dropped trace files go to the import dialog; the action is there. */
static void
test_drop_files (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = errata_test_write_file (fixture->dir, "more.jsonl",
                                                  "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}\n", -1);
  g_autoptr(GFile) jsonl = g_file_new_for_path (path);
  g_autoptr(GSList) files = g_slist_prepend (NULL, jsonl);

  g_assert_false (has_import_dialog (NULL));
  g_assert_true (errata_window_drop_files (fixture->window, files));
  errata_gui_test_iterate_until (has_import_dialog, NULL);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;

  /* The rich trace, failed at the reply that offered the flat over budget. */
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-00");
  activate (fixture, "traces.fail");
  g_signal_emit_by_name (fixture->trace_view, "message-activated", 4);
  light = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "trace-page.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "trace-page-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  g_assert_cmpfloat (errata_gui_test_brightness_at (light, 40, gdk_texture_get_height (light) - 60), >, 180);
  g_assert_cmpfloat (errata_gui_test_brightness_at (dark, 40, gdk_texture_get_height (dark) - 60), <, 90);
}

/* Failure modes ------------------------------------------------------- */

static gint64
trace_id_of (Fixture    *fixture,
             const char *external_id)
{
  ErrataProject *project = errata_traces_page_get_project (fixture->page);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTrace) trace = errata_project_find_trace (project, "test", external_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (trace);
  return errata_trace_get_id (trace);
}

/* The card (annotation id) of the note written for a trace. */
static gint64
card_of (ErrataTaxonomy *taxonomy,
         gint64          trace_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = errata_taxonomy_list_cards (taxonomy, -1, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < cards->len; i++)
    {
      ErrataNoteCard *card = cards->pdata[i];

      if (card->trace_id == trace_id)
        return card->annotation_id;
    }
  g_assert_not_reached ();
  return 0;
}

static guint
count_of_mode (ErrataTaxonomy *taxonomy,
               gint64          mode_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counts = errata_taxonomy_count_modes (taxonomy, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < counts->len; i++)
    {
      ErrataModeCount *count = counts->pdata[i];

      if (count->mode_id == mode_id)
        return count->count;
    }
  g_assert_not_reached ();
  return 0;
}

static void
show_page (Fixture    *fixture,
           const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page",
                                             "s", name));
  g_assert_cmpstr (errata_window_get_visible_page (fixture->window), ==, name);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn,
                                 g_str_equal (name, "traces")
                                 ? (gpointer) fixture->page
                                 : (gpointer) errata_window_get_failure_modes_page (fixture->window));
}

static gboolean
shows_two_dropdowns (gpointer page)
{
  return errata_gui_test_count_visible (page, GTK_TYPE_DROP_DOWN) == 2;
}

static guint
unsorted_cards (ErrataFailureModesPage *modes_page)
{
  ErrataModeGroup *unsorted = errata_failure_modes_page_get_group (modes_page, ERRATA_UNSORTED);

  return g_list_model_get_n_items (errata_mode_group_get_cards (unsorted));
}

/* Notes on traces 3 to 7; "Over budget" holds 3 and 4, "Missed tool
 * call" holds 5 and a copy of 3. */
static void
sort_notes (Fixture        *fixture,
            ErrataTaxonomy *taxonomy,
            gint64         *over_budget,
            gint64         *missed_call)
{
  ErrataProject *project = errata_traces_page_get_project (fixture->page);
  g_autoptr(GError) error = NULL;
  gint64 budget_cards[2], call_cards[1], copied[1];

  annotate (project, trace_id_of (fixture, "hearth-04"), ERRATA_VERDICT_FAIL, "L-311 is $250 over the budget");
  annotate (project, trace_id_of (fixture, "hearth-05"), ERRATA_VERDICT_FAIL, "never called search_listings");
  annotate (project, trace_id_of (fixture, "hearth-06"), ERRATA_VERDICT_FAIL, "answered in French");
  budget_cards[0] = card_of (taxonomy, trace_id_of (fixture, "hearth-03"));
  budget_cards[1] = card_of (taxonomy, trace_id_of (fixture, "hearth-04"));
  call_cards[0] = card_of (taxonomy, trace_id_of (fixture, "hearth-05"));
  copied[0] = budget_cards[0];
  *over_budget = errata_taxonomy_create_mode (taxonomy, "Over budget", "Offers a listing above the "
                                              "stated budget", budget_cards, 2, ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  *missed_call = errata_taxonomy_create_mode (taxonomy, "Missed tool call", "", call_cards, 1,
                                              ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  g_assert_true (errata_taxonomy_move_cards (taxonomy, copied, 1, *over_budget, *missed_call,
                                             TRUE, &error));
  g_assert_no_error (error);
}

static gboolean
page_shows_trace (gpointer data)
{
  gpointer *args = data;
  ErrataTrace *trace = errata_traces_page_get_current_trace (args[0]);

  return !errata_trace_list_model_is_loading (errata_traces_page_get_model (args[0])) &&
         trace != NULL && errata_trace_get_id (trace) == *(gint64 *)args[1];
}

static void
wait_for_trace (Fixture *fixture,
                gint64   trace_id)
{
  gpointer args[] = { fixture->page, &trace_id };

  errata_gui_test_iterate_until (page_shows_trace, args);
}

static void
test_failure_modes (Fixture       *fixture,
                    gconstpointer  data)
{
  ErrataFailureModesPage *modes_page = errata_window_get_failure_modes_page (fixture->window);
  ErrataTaxonomy *taxonomy = errata_failure_modes_page_get_taxonomy (modes_page);
  GtkDropDown *review = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page), GTK_TYPE_DROP_DOWN);
  g_autoptr(GError) error = NULL;
  gint64 over_budget, missed_call, hearth_03, hearth_05;
  guint unsorted;

  g_assert_true (errata_window_get_traces_page (fixture->window) == fixture->page);
  g_assert_cmpstr (errata_window_get_visible_page (fixture->window), ==, "traces");

  /* A note typed a moment ago (its autosave still waiting) is on the
   * canvas as soon as the Failure Modes page shows. */
  show_page (fixture, "failure-modes");
  unsorted = unsorted_cards (modes_page);
  g_assert_cmpuint (unsorted, ==, 1);
  show_page (fixture, "traces");
  activate (fixture, "traces.focus-note");
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (fixture->window)))),
                                    "the first message is empty", -1);
  g_assert_true (errata_coding_panel_has_unsaved (fixture->panel));
  show_page (fixture, "failure-modes");
  g_assert_false (errata_coding_panel_has_unsaved (fixture->panel));
  g_assert_cmpuint (unsorted_cards (modes_page), ==, unsorted + 1);
  show_page (fixture, "traces");

  /* The failure-mode filter appears with the first failure mode. */
  g_assert_cmpuint (errata_gui_test_count_visible (GTK_WIDGET (fixture->page), GTK_TYPE_DROP_DOWN), ==, 1);
  sort_notes (fixture, taxonomy, &over_budget, &missed_call);
  errata_gui_test_iterate_until (shows_two_dropdowns, fixture->page);

  /* The coding panel names the modes of the trace on show, in canvas
   * order, and follows a rename. */
  hearth_03 = trace_id_of (fixture, "hearth-03");
  errata_traces_page_show_trace (fixture->page, hearth_03);
  wait_for_trace (fixture, hearth_03);
  g_assert_cmpstr (errata_coding_panel_get_modes_text (fixture->panel), ==,
                   "Failure modes: Over budget, Missed tool call");
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->panel),
                                              "Failure modes: Over budget, Missed tool call"));
  g_assert_true (errata_taxonomy_update_mode (taxonomy, missed_call, "No <b>search</b>", NULL, NULL,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpstr (errata_coding_panel_get_modes_text (fixture->panel), ==,
                   "Failure modes: Over budget, No <b>search</b>");
  g_assert_true (errata_taxonomy_undo (taxonomy, &error));
  activate (fixture, "traces.next");
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-04");
  g_assert_cmpstr (errata_coding_panel_get_modes_text (fixture->panel), ==, "Failure modes: Over budget");
  activate (fixture, "traces.next");
  g_assert_cmpstr (errata_coding_panel_get_modes_text (fixture->panel), ==, "Failure modes: Missed tool call");
  activate (fixture, "traces.next");
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-06");
  g_assert_null (errata_coding_panel_get_modes_text (fixture->panel));

  /* A Pareto bar lists the traces of its mode on the Traces page, as
   * many as the chart counts, whatever filter was on before. */
  gtk_drop_down_set_selected (review, 2);  /* Passed */
  wait_for_list (fixture);
  show_page (fixture, "failure-modes");
  g_signal_emit_by_name (errata_failure_modes_page_get_pareto_chart (modes_page), "bar-activated",
                         over_budget);
  g_assert_cmpstr (errata_window_get_visible_page (fixture->window), ==, "traces");
  wait_for_list (fixture);
  g_assert_cmpint (errata_traces_page_get_failure_mode (fixture->page), ==, over_budget);
  g_assert_cmpuint (gtk_drop_down_get_selected (review), ==, 0);
  g_assert_cmpuint (count_of_mode (taxonomy, over_budget), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, count_of_mode (taxonomy, over_budget));
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->page), "2 traces match"));

  /* A move on the canvas shows in the filtered list. */
  {
    gint64 card = card_of (taxonomy, trace_id_of (fixture, "hearth-06"));

    g_assert_true (errata_taxonomy_move_cards (taxonomy, &card, 1, ERRATA_UNSORTED, over_budget,
                                               FALSE, &error));
    g_assert_no_error (error);
  }
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, 3);
  g_assert_cmpuint (count_of_mode (taxonomy, over_budget), ==, 3);

  /* A double-clicked card shows its trace, even one the filter hides. */
  hearth_05 = trace_id_of (fixture, "hearth-05");
  show_page (fixture, "failure-modes");
  errata_failure_modes_page_open_trace (modes_page, hearth_05);
  g_assert_cmpstr (errata_window_get_visible_page (fixture->window), ==, "traces");
  wait_for_trace (fixture, hearth_05);
  g_assert_cmpint (errata_traces_page_get_failure_mode (fixture->page), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES);
  g_assert_cmpuint (errata_traces_page_get_selected (fixture->page), ==, 5);

  /* Deleting the filtered mode drops the filter. */
  errata_traces_page_set_failure_mode (fixture->page, missed_call);
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, 2);
  g_assert_true (errata_taxonomy_delete_mode (taxonomy, missed_call, &error));
  g_assert_no_error (error);
  wait_for_list (fixture);
  g_assert_cmpint (errata_traces_page_get_failure_mode (fixture->page), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES);
}

#define LONG_MODE "Invented listing details the search tool never returned"

/* The failure-mode dropdown: the visible one whose list has the modes. */
static GtkDropDown *
find_mode_dropdown (Fixture *fixture)
{
  g_autoptr(GPtrArray) found = errata_gui_test_find_visible (GTK_WIDGET (fixture->page),
                                                             GTK_TYPE_DROP_DOWN);

  for (guint i = 0; i < found->len; i++)
    {
      GListModel *model = gtk_drop_down_get_model (found->pdata[i]);
      g_autoptr(GtkStringObject) first = g_list_model_get_item (model, 0);

      if (g_strcmp0 (gtk_string_object_get_string (first), "Any failure mode") == 0)
        return found->pdata[i];
    }
  g_assert_not_reached ();
}

static GtkWidget *
find_with_css_class (GtkWidget  *root,
                     GType       type,
                     const char *css_class)
{
  g_autoptr(GPtrArray) found = errata_gui_test_find_visible (root, type);

  for (guint i = 0; i < found->len; i++)
    if (gtk_widget_has_css_class (found->pdata[i], css_class))
      return found->pdata[i];
  g_assert_not_reached ();
}

/* The popup's check marks: the row of the chosen mode shows one, the
 * others none. Returns the name next to it. */
static const char *
checked_mode (GtkPopover *popup)
{
  g_autoptr(GPtrArray) images = errata_gui_test_find_visible (GTK_WIDGET (popup), GTK_TYPE_IMAGE);
  const char *checked = NULL;
  guint n_checks = 0;

  for (guint i = 0; i < images->len; i++)
    {
      GtkWidget *image = images->pdata[i];

      if (g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (image)), "object-select-symbolic") != 0)
        continue;
      n_checks++;
      if (gtk_widget_get_opacity (image) > 0.5)
        {
          g_assert_null (checked);
          checked = gtk_label_get_text (GTK_LABEL (gtk_widget_get_prev_sibling (image)));
        }
      else
        g_assert_cmpfloat (gtk_widget_get_opacity (image), ==, 0);
    }
  g_assert_cmpuint (n_checks, >=, 4);
  return checked;
}

static gboolean
popup_checks_over_budget (gpointer popup)
{
  return g_strcmp0 (checked_mode (popup), "Over budget") == 0;
}

static gboolean
mode_dropdown_shows_third (gpointer data)
{
  return gtk_drop_down_get_selected (find_mode_dropdown (data)) == 3;
}

/* A long failure-mode name keeps 14 characters in the filter bar, is
 * whole in the tooltip, and the popup marks the chosen mode. */
static void
test_mode_filter_names (Fixture       *fixture,
                        gconstpointer  data)
{
  ErrataFailureModesPage *modes_page = errata_window_get_failure_modes_page (fixture->window);
  ErrataTaxonomy *taxonomy = errata_failure_modes_page_get_taxonomy (modes_page);
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(PangoLayout) fourteen = NULL;
  g_autoptr(GError) error = NULL;
  gint64 over_budget, missed_call, invented, card;
  GtkDropDown *dropdown;
  GtkWidget *button_label, *filter_bar;
  GtkPopover *popup;
  int minimum, text_width;

  sort_notes (fixture, taxonomy, &over_budget, &missed_call);
  card = card_of (taxonomy, trace_id_of (fixture, "hearth-06"));
  invented = errata_taxonomy_create_mode (taxonomy, LONG_MODE, "", &card, 1, ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  errata_traces_page_set_failure_mode (fixture->page, invented);
  wait_for_list (fixture);
  errata_gui_test_iterate_until (mode_dropdown_shows_third, fixture);
  dropdown = find_mode_dropdown (fixture);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 3);

  /* The button: at least the first 14 characters, however tight the bar. */
  button_label = errata_gui_test_find_one_visible (GTK_WIDGET (dropdown), GTK_TYPE_LABEL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (button_label)), ==, LONG_MODE);
  g_assert_cmpint (gtk_label_get_width_chars (GTK_LABEL (button_label)), >=, 14);
  gtk_widget_measure (button_label, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  fourteen = gtk_widget_create_pango_layout (button_label, "Invented listi");
  pango_layout_get_pixel_size (fourteen, &text_width, NULL);
  g_assert_cmpint (minimum, >=, text_width);
  /* The tooltip has the whole name. */
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (dropdown)), LONG_MODE));

  /* The popup marks the chosen mode, and follows a new choice. */
  popup = errata_gui_test_find_first (GTK_WIDGET (dropdown), GTK_TYPE_POPOVER);
  gtk_popover_popup (popup);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, popup);
  g_assert_cmpstr (checked_mode (popup), ==, LONG_MODE);
  /* The dropdown sits in the filter bar, the window shows it in place. */
  filter_bar = find_with_css_class (GTK_WIDGET (fixture->page), GTK_TYPE_BOX, "filter-bar");
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (dropdown), filter_bar));
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (popup), "mode-filter-popup.png"));
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "mode-filter-window.png"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (popup), "mode-filter-popup-dark.png"));
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "mode-filter-window-dark.png"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_drop_down_set_selected (dropdown, 1);
  errata_gui_test_iterate_until (popup_checks_over_budget, popup);
  g_assert_cmpstr (checked_mode (popup), ==, "Over budget");
  g_assert_null (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (dropdown)), LONG_MODE));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (dropdown)), "Over budget"));
  gtk_popover_popdown (popup);

  /* A rename shows in the tooltip at once. */
  g_assert_true (errata_taxonomy_update_mode (taxonomy, over_budget, "Over the <b>budget</b>", NULL,
                                              NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (dropdown)),
                            "Over the <b>budget</b>"));
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (dropdown)), ==,
                   "Show Traces by Failure Mode");
}

static gboolean
focus_is_in (GtkWidget *root,
             GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (root));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The first card of Unsorted (the row of its list view has the focus). */
static gboolean
first_card_has_focus (Fixture                *fixture,
                      ErrataFailureModesPage *modes_page)
{
  ErrataModeGroup *unsorted = errata_failure_modes_page_get_group (modes_page, ERRATA_UNSORTED);
  GtkWidget *card = errata_mode_group_get_focused_card (unsorted);
  g_autoptr(ErrataCardItem) first = g_list_model_get_item (errata_mode_group_get_visible_cards (unsorted), 0);

  g_assert_nonnull (first);
  return card != NULL && errata_note_card_widget_get_item (ERRATA_NOTE_CARD_WIDGET (card)) == first;
}

/* Switching to the canvas puts the keyboard on the cards, so that a
 * typed letter acts on them; the search entry only takes it on Ctrl+F. */
static void
test_failure_modes_focus (Fixture       *fixture,
                          gconstpointer  data)
{
  ErrataFailureModesPage *modes_page = errata_window_get_failure_modes_page (fixture->window);
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkWidget *search;
  GtkColumnView *list = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page),
                                                          GTK_TYPE_COLUMN_VIEW);

  /* From the trace list, as Alt+2 does. */
  gtk_widget_grab_focus (GTK_WIDGET (list));
  g_assert_true (focus_is_in (root, GTK_WIDGET (fixture->page)));
  show_page (fixture, "failure-modes");
  search = errata_gui_test_find_one_visible (GTK_WIDGET (modes_page), GTK_TYPE_SEARCH_ENTRY);
  g_assert_false (focus_is_in (root, search));
  g_assert_true (first_card_has_focus (fixture, modes_page));

  /* Ctrl+F, and only Ctrl+F, gives it to the search entry ... */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (modes_page), "canvas.search", NULL));
  g_assert_true (focus_is_in (root, search));

  /* ... which does not keep it when the page comes back. */
  show_page (fixture, "traces");
  gtk_widget_grab_focus (GTK_WIDGET (list));
  show_page (fixture, "failure-modes");
  g_assert_false (focus_is_in (root, search));
  g_assert_true (first_card_has_focus (fixture, modes_page));

  /* From the header bar (a click on the view switcher) too. */
  show_page (fixture, "traces");
  gtk_root_set_focus (GTK_ROOT (root), NULL);
  show_page (fixture, "failure-modes");
  g_assert_true (first_card_has_focus (fixture, modes_page));
}

/* The window on each page, light and dark, with a few failure modes. */
static void
test_pages_screenshots (Fixture       *fixture,
                        gconstpointer  data)
{
  ErrataFailureModesPage *modes_page = errata_window_get_failure_modes_page (fixture->window);
  ErrataTaxonomy *taxonomy = errata_failure_modes_page_get_taxonomy (modes_page);
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char *pages[] = { "traces", "failure-modes" };
  gint64 over_budget, missed_call, hearth_03;

  sort_notes (fixture, taxonomy, &over_budget, &missed_call);
  hearth_03 = trace_id_of (fixture, "hearth-03");
  errata_traces_page_show_trace (fixture->page, hearth_03);
  wait_for_trace (fixture, hearth_03);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *light_name = g_strdup_printf ("window-%s.png", pages[i]);
      g_autofree char *dark_name = g_strdup_printf ("window-%s-dark.png", pages[i]);
      g_autoptr(GdkTexture) light = NULL;
      g_autoptr(GdkTexture) dark = NULL;
      int height;

      show_page (fixture, pages[i]);
      light = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), light_name);
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      dark = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), dark_name);
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
      /* The header bar, left of the switcher: light, then dark. */
      height = gdk_texture_get_height (light);
      g_assert_cmpint (height, >, 100);
      g_assert_cmpfloat (errata_gui_test_brightness_at (light, 40, 20), >, 180);
      g_assert_cmpfloat (errata_gui_test_brightness_at (dark, 40, 20), <, 90);
    }
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (modes_page), "Over budget"));
}

static gboolean
window_is_gone (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (window == data)
        return FALSE;
    }
  return TRUE;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

/* A review that cannot be saved is neither dropped by moving to another
 * trace nor by closing the window: the page stays on it, the window asks. */
static void
test_unsaved_review_stays (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkTextView *note = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->panel),
                                                        GTK_TYPE_TEXT_VIEW);
  gint64 id = current_id (fixture);
  g_autofree char *kept = NULL;
  AdwMessageDialog *dialog;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (note), "kept while unsaved", -1);
  /* Every save fails from now on, as with a full disk. */
  errata_project_close (errata_window_get_project (fixture->window));

  errata_traces_page_select (fixture->page, 1);
  errata_gui_test_iterate_for (50);
  g_assert_cmpint (current_id (fixture), ==, id);
  kept = errata_coding_panel_dup_note (fixture->panel);
  g_assert_cmpstr (kept, ==, "kept while unsaved");

  gtk_window_close (GTK_WINDOW (fixture->window));
  errata_gui_test_iterate_until (has_message_dialog, NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (window_is_gone (fixture->window));
  adw_message_dialog_response (dialog, "keep");
  errata_gui_test_iterate_for (50);
  g_assert_false (window_is_gone (fixture->window));

  gtk_window_close (GTK_WINDOW (fixture->window));
  errata_gui_test_iterate_until (has_message_dialog, NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  errata_gui_test_iterate_until (window_is_gone, fixture->window);
}

/* Quit (Ctrl+Q) writes a note still waiting for its autosave. */
static void
test_quit_saves_note (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkTextView *note = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->panel),
                                                        GTK_TYPE_TEXT_VIEW);
  gint64 id = current_id (fixture);
  g_autoptr(ErrataAnnotation) stored = NULL;

  /* Typed a moment ago: the 400 ms autosave has not run yet. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (note), "typed just before quitting", -1);
  g_assert_true (errata_coding_panel_has_unsaved (fixture->panel));
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  errata_gui_test_iterate_until (window_is_gone, fixture->window);

  stored = read_annotation_elsewhere (fixture, id);
  g_assert_cmpstr (stored->note, ==, "typed just before quitting");
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

#define ADD_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/trace-page/no-display", test_no_display);
      return g_test_run ();
    }

  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  ADD_TEST ("/trace-page/list-and-header", test_list_and_header);
  ADD_TEST ("/trace-page/review-with-actions", test_review_with_actions);
  ADD_TEST ("/trace-page/first-failure", test_first_failure);
  ADD_TEST ("/trace-page/filters-and-search", test_filters_and_search);
  ADD_TEST ("/trace-page/sort-by-column", test_sort_by_column);
  ADD_TEST ("/trace-page/keyboard", test_keyboard);
  ADD_TEST ("/trace-page/drop-files", test_drop_files);
  ADD_TEST ("/trace-page/screenshots", test_screenshots);
  ADD_TEST ("/trace-page/failure-modes", test_failure_modes);
  ADD_TEST ("/trace-page/pages-screenshots", test_pages_screenshots);
  ADD_TEST ("/trace-page/failure-modes-focus", test_failure_modes_focus);
  ADD_TEST ("/trace-page/mode-filter-names", test_mode_filter_names);
  ADD_TEST ("/trace-page/unsaved-review-stays", test_unsaved_review_stays);
  ADD_TEST ("/trace-page/quit-saves-note", test_quit_saves_note);
  return g_test_run ();
}
