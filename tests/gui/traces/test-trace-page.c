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
#include "errata-trace-columns.h"
#include "errata-trace-view.h"
#include "errata-window.h"
#include "trace-page-fixture.h"

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
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "You reviewed 3 of 40");
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
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "You reviewed 4 of 40");
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

/* Writes a review through another connection, as a colleague's merge or
 * an import would, then has the page read the project again. */
static void
add_review_elsewhere (Fixture                *fixture,
                      guint                   index,
                      const char             *who,
                      ErrataAnnotationOrigin  origin,
                      ErrataVerdict           verdict)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) other = errata_project_open (fixture->file, ERRATA_PROJECT_OPEN_NONE,
                                                        &error);
  g_autoptr(ErrataTrace) row = g_list_model_get_item (fixture->model, index);
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (errata_trace_get_id (row), who);

  g_assert_no_error (error);
  annotation->origin = origin;
  annotation->verdict = verdict;
  g_assert_true (errata_project_set_annotation (other, annotation, &error));
  g_assert_no_error (error);
}

static char *
describe_row (Fixture  *fixture,
              guint     index,
              gboolean  blind,
              const char **icon)
{
  g_autoptr(ErrataTrace) row = g_list_model_get_item (fixture->model, index);
  const char *css_class;

  return errata_trace_columns_describe_status (row, blind, icon, &css_class);
}

/* Issue 14, part 1: the queue, the header and the list are about my
 * reviews; a colleague's review and an imported label are told apart. */
static void
test_queue_is_mine (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwViewSwitcherTitle *title = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->window),
                                                                  ADW_TYPE_VIEW_SWITCHER_TITLE);
  GtkDropDown *review = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page),
                                                          GTK_TYPE_DROP_DOWN);
  g_autofree char *grace = NULL;
  g_autofree char *label = NULL;
  g_autofree char *hidden_label = NULL;
  const char *icon;

  add_review_elsewhere (fixture, 5, "Grace", ERRATA_ORIGIN_HERE, ERRATA_VERDICT_FAIL);
  add_review_elsewhere (fixture, 6, "judge.jsonl", ERRATA_ORIGIN_IMPORTED, ERRATA_VERDICT_PASS);
  errata_traces_page_reload (fixture->page);
  wait_for_list (fixture);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==,
                   "You reviewed 3 of 40 · 4 by anyone · 1 imported label");

  /* Grace's review and the imported label do not take trace 5 and 6 out
   * of my queue: from trace 4, Ctrl+Enter goes to 5, then 6, then 7. */
  errata_traces_page_select (fixture->page, 4);
  activate (fixture, "traces.next-unreviewed");
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-05");
  activate (fixture, "traces.next-unreviewed");
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-06");

  /* The status column: a dim mark for others', hidden under blind review. */
  grace = describe_row (fixture, 5, TRUE, &icon);
  g_assert_cmpstr (icon, ==, "avatar-default-symbolic");
  g_assert_nonnull (strstr (grace, "1 other reviewed it"));
  g_free (grace);
  grace = describe_row (fixture, 5, FALSE, &icon);
  g_assert_cmpstr (icon, ==, "window-close-symbolic");
  g_assert_cmpstr (grace, ==, "Not reviewed by you · 1 other reviewed it, 1 failed it");
  hidden_label = describe_row (fixture, 6, TRUE, &icon);
  g_assert_null (icon);
  g_assert_cmpstr (hidden_label, ==, "Not reviewed");
  label = describe_row (fixture, 6, FALSE, &icon);
  g_assert_cmpstr (icon, ==, "mail-attachment-symbolic");
  g_assert_cmpstr (label, ==, "Not reviewed · imported label: pass");

  /* The review filter's whose-review items. */
  gtk_drop_down_set_selected (review, 6);  /* Reviewed by Others */
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, 1);
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-05");
  gtk_drop_down_set_selected (review, 7);  /* Reviewed by Nobody */
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES - 4);
  gtk_drop_down_set_selected (review, 5);  /* Reviewed by You */
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, 3);
  gtk_drop_down_set_selected (review, 1);  /* Not Reviewed by You */
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES - 3);
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
type_key_with (GtkWidget *widget,
               KeySym     keysym,
               KeySym     modifier)
{
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  KeyCode keycode = XKeysymToKeycode (display, keysym);
  KeyCode modifier_code = modifier ? XKeysymToKeycode (display, modifier) : 0;

  g_assert_cmpuint (keycode, !=, 0);
  if (modifier_code != 0)
    XTestFakeKeyEvent (display, modifier_code, True, CurrentTime);
  XTestFakeKeyEvent (display, keycode, True, CurrentTime);
  XTestFakeKeyEvent (display, keycode, False, CurrentTime);
  if (modifier_code != 0)
    XTestFakeKeyEvent (display, modifier_code, False, CurrentTime);
  XFlush (display);
}

static void
type_key (GtkWidget *widget,
          KeySym     keysym,
          gboolean   control)
{
  type_key_with (widget, keysym, control ? XK_Control_L : 0);
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
verdict_is_unset (gpointer data)
{
  return errata_coding_panel_get_verdict (data) == ERRATA_VERDICT_UNSET;
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
  /* Ctrl+Z from the list takes that verdict back. */
  type_key (column_view, XK_z, TRUE);
  errata_gui_test_iterate_until (verdict_is_unset, fixture->panel);
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-30");
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, NULL);
#else
  g_test_skip ("built without XTest");
#endif
}

#ifdef HAVE_XTEST
static gboolean
focus_is_on_message (gpointer data)
{
  FocusWait *wait = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (wait->fixture->window));
  GtkWidget *row = errata_trace_view_get_message_row (wait->fixture->trace_view, wait->focused);

  return row != NULL && focus != NULL && (focus == row || gtk_widget_is_ancestor (focus, row));
}

/* Presses a key and waits until message `index` has the keyboard focus. */
static void
key_to_message (Fixture *fixture,
                KeySym   keysym,
                KeySym   modifier,
                int      index)
{
  FocusWait wait = { fixture, index };

  type_key_with (GTK_WIDGET (fixture->page), keysym, modifier);
  errata_gui_test_iterate_until (focus_is_on_message, &wait);
}

static gboolean
first_failure_is (gpointer data)
{
  FocusWait *wait = data;

  return errata_coding_panel_get_first_failure (wait->fixture->panel) == wait->focused;
}

static GtkWidget *
list_of (Fixture *fixture)
{
  return errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page), GTK_TYPE_COLUMN_VIEW);
}

static gboolean
list_has_focus (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL && gtk_widget_is_ancestor (focus, list_of (fixture));
}

/* The list position of the row that has the keyboard focus, or
 * GTK_INVALID_LIST_POSITION: the row's first cell holds the status icon,
 * which knows its list item. */
static guint
focused_row_position (Fixture *fixture)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  GtkWidget *list = list_of (fixture);

  if (focus == NULL || !gtk_widget_is_ancestor (focus, list))
    return GTK_INVALID_LIST_POSITION;
  /* Up to the row: the child of the column view's list view. */
  while (gtk_widget_get_parent (focus) != NULL &&
         !GTK_IS_LIST_VIEW (gtk_widget_get_parent (focus)))
    focus = gtk_widget_get_parent (focus);
  for (GtkWidget *cell = gtk_widget_get_first_child (focus); cell; cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *child = gtk_widget_get_first_child (cell);
      GtkListItem *item = child ? errata_trace_columns_get_list_item (child) : NULL;

      if (item != NULL)
        return gtk_list_item_get_position (item);
    }
  return GTK_INVALID_LIST_POSITION;
}

static gboolean
focus_ring_on_selection (gpointer data)
{
  Fixture *fixture = data;

  return focused_row_position (fixture) == errata_traces_page_get_selected (fixture->page);
}
#endif

/* Messages have their own keys, with real key presses: ] and Alt+Down go
 * to the next message (from the list too), [ and Alt+Up back, a digit to
 * the message of that number; Up and Down stay in the conversation; m
 * marks the message the focus is on. From the list, the first failure
 * takes two keys (7 m) or three (] ] m). */
static void
test_message_keys (Fixture       *fixture,
                   gconstpointer  data)
{
#ifdef HAVE_XTEST
  gint64 id;

  if (!has_xtest (GTK_WIDGET (fixture->window)))
    {
      g_test_skip ("needs an X server with the XTEST extension");
      return;
    }
  focus_window (GTK_WINDOW (fixture->window));
  errata_traces_page_select (fixture->page, N_TRACES / 2);
  errata_gui_test_iterate_until (shows_trace, &(TraceWait) { fixture, "hearth-20" });
  id = current_id (fixture);
  gtk_widget_grab_focus (list_of (fixture));

  key_to_message (fixture, XK_bracketright, 0, 0);
  key_to_message (fixture, XK_bracketright, 0, 1);
  key_to_message (fixture, XK_Down, XK_Alt_L, 2);
  key_to_message (fixture, XK_bracketleft, 0, 1);
  key_to_message (fixture, XK_Up, XK_Alt_L, 0);
  /* Up at the first message stays there: no previous trace. */
  key_to_message (fixture, XK_Up, 0, 0);
  /* Down on a focused message is the next message, not the next trace. */
  key_to_message (fixture, XK_Down, 0, 1);
  key_to_message (fixture, XK_Down, 0, 2);
  key_to_message (fixture, XK_Up, 0, 1);
  g_assert_cmpint (current_id (fixture), ==, id);

  /* m marks the message the focus is on. */
  type_key (GTK_WIDGET (fixture->page), XK_m, FALSE);
  errata_gui_test_iterate_until (first_failure_is, &(FocusWait) { fixture, 1 });

  /* From the list: 7 goes to message #7, m marks it: two keys. */
  gtk_widget_grab_focus (list_of (fixture));
  key_to_message (fixture, XK_7, 0, 6);
  type_key (GTK_WIDGET (fixture->page), XK_m, FALSE);
  errata_gui_test_iterate_until (first_failure_is, &(FocusWait) { fixture, 6 });
  g_assert_cmpint (current_id (fixture), ==, id);
  {
    g_autoptr(ErrataAnnotation) stored = read_annotation_elsewhere (fixture, id);

    g_assert_cmpint (stored->first_failure, ==, 6);
  }

  /* On the next trace, from the list: ] ] m marks its second message. */
  gtk_widget_grab_focus (list_of (fixture));
  type_key (GTK_WIDGET (fixture->page), XK_j, FALSE);
  errata_gui_test_iterate_until (view_shows_another_trace, &(KeyWait) { fixture, id, 0 });
  key_to_message (fixture, XK_bracketright, 0, 0);
  gtk_widget_grab_focus (list_of (fixture));
  key_to_message (fixture, XK_bracketright, 0, 1);
  type_key (GTK_WIDGET (fixture->page), XK_m, FALSE);
  errata_gui_test_iterate_until (first_failure_is, &(FocusWait) { fixture, 1 });
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-21");
#else
  g_test_skip ("built without XTest");
#endif
}

/* Escape leaves the note for where n came from (the list, or the message
 * the focus was on); after j and after Ctrl+Enter the focus ring is on
 * the selected row, not on a row the selection has left. */
static void
test_focus_keys (Fixture       *fixture,
                 gconstpointer  data)
{
#ifdef HAVE_XTEST
  if (!has_xtest (GTK_WIDGET (fixture->window)))
    {
      g_test_skip ("needs an X server with the XTEST extension");
      return;
    }
  focus_window (GTK_WINDOW (fixture->window));
  errata_traces_page_select (fixture->page, 5);
  errata_gui_test_iterate_until (shows_trace, &(TraceWait) { fixture, "hearth-05" });
  gtk_widget_grab_focus (list_of (fixture));
  errata_gui_test_iterate_until (focus_ring_on_selection, fixture);

  /* j: the selection and the focus ring move together. */
  type_key (GTK_WIDGET (fixture->page), XK_j, FALSE);
  errata_gui_test_iterate_until (shows_trace, &(TraceWait) { fixture, "hearth-06" });
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-06");
  errata_gui_test_iterate_until (focus_ring_on_selection, fixture);

  /* n, then Escape: back in the list, where p is a verdict again. */
  type_key (GTK_WIDGET (fixture->page), XK_n, FALSE);
  errata_gui_test_iterate_until (note_has_focus, fixture);
  type_key (GTK_WIDGET (fixture->page), XK_Escape, FALSE);
  errata_gui_test_iterate_until (list_has_focus, fixture);
  type_key (GTK_WIDGET (fixture->page), XK_p, FALSE);
  errata_gui_test_iterate_until (verdict_is_pass, fixture->panel);

  /* From a message, Escape goes back to that message. */
  key_to_message (fixture, XK_bracketright, 0, 0);
  type_key (GTK_WIDGET (fixture->page), XK_n, FALSE);
  errata_gui_test_iterate_until (note_has_focus, fixture);
  key_to_message (fixture, XK_Escape, 0, 0);

  /* Ctrl+Enter from the note: the next unreviewed trace (7), its row
   * selected and focused. */
  type_key (GTK_WIDGET (fixture->page), XK_n, FALSE);
  errata_gui_test_iterate_until (note_has_focus, fixture);
  type_key (GTK_WIDGET (fixture->page), XK_Return, TRUE);
  errata_gui_test_iterate_until (shows_trace, &(TraceWait) { fixture, "hearth-07" });
  errata_gui_test_iterate_until (focus_ring_on_selection, fixture);
  g_assert_cmpuint (focused_row_position (fixture), ==, 7);
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

/* At a wide and at a small laptop width, the three panes are all there,
 * none below the width it asks for (trace-page-1440.png and
 * trace-page-1024.png in the build folder). */
static void
test_widths (Fixture       *fixture,
             gconstpointer  data)
{
  static const int widths[] = { 1440, 1024 };
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (fixture->window)));
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle screen;

  gdk_monitor_get_geometry (monitor, &screen);
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *name = g_strdup_printf ("trace-page-%d.png", widths[i]);
      g_autoptr(GdkTexture) texture = NULL;
      GtkWidget *list = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page),
                                                          GTK_TYPE_COLUMN_VIEW);

      /* A window is not made wider than the screen (the suite's Xvfb is
       * 1280 wide; run under a wider one to see 1440). */
      if (widths[i] > screen.width)
        {
          g_test_message ("%d px: wider than the screen (%d px), not rendered",
                          widths[i], screen.width);
          continue;
        }
      gtk_window_set_default_size (GTK_WINDOW (fixture->window), widths[i], 800);
      texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), name);
      /* The default size counts the frame's shadow, the window does not. */
      g_assert_cmpint (gdk_texture_get_width (texture), >, widths[i] - 32);
      g_assert_cmpint (gdk_texture_get_width (texture), <=, widths[i]);
      g_assert_true (gtk_widget_get_mapped (list));
      g_assert_cmpint (gtk_widget_get_width (list), >, 0);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->trace_view)), >=, 320);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->panel)), >=, 280);
    }
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

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
  ADD_TEST ("/trace-page/queue-is-mine", test_queue_is_mine);
  ADD_TEST ("/trace-page/first-failure", test_first_failure);
  ADD_TEST ("/trace-page/filters-and-search", test_filters_and_search);
  ADD_TEST ("/trace-page/sort-by-column", test_sort_by_column);
  ADD_TEST ("/trace-page/keyboard", test_keyboard);
  ADD_TEST ("/trace-page/message-keys", test_message_keys);
  ADD_TEST ("/trace-page/focus-keys", test_focus_keys);
  ADD_TEST ("/trace-page/drop-files", test_drop_files);
  ADD_TEST ("/trace-page/screenshots", test_screenshots);
  ADD_TEST ("/trace-page/widths", test_widths);
  ADD_TEST ("/trace-page/unsaved-review-stays", test_unsaved_review_stays);
  ADD_TEST ("/trace-page/quit-saves-note", test_quit_saves_note);
  return g_test_run ();
}
