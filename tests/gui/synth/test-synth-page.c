/* test-synth-page.c: the Synthetic Data page in the window: coverage, the
 * queries with near-duplicates marked, accept and reject of the selected
 * query, a run through the test HTTP system with progress, the heat map
 * once traces are reviewed; renders synth-page-1024-{light,dark}.png in the
 * build folder.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "errata-application.h"
#include "errata-gui-test-utils.h"
#include "errata-synth-page.h"
#include "errata-mock-llm-server.h"
#include "errata-test-sut.h"
#include "errata-labels.h"
#include "errata-project-private.h"
#include "errata-toast-helper.h"
#include "errata-traces-page.h"
#include "errata-window.h"
#include "synth-test-helpers.h"

static ErrataApplication *app;

typedef struct
{
  char            *dir;
  ErrataTestSut   *sut;
  ErrataWindow    *window;
  ErrataSynthPage *page;
} Fixture;

static gboolean
window_is_idle (gpointer data)
{
  return !errata_window_is_loading (data);
}

/* The helpers' twelve accepted queries, two of them near-duplicates of
 * others, one rejected, and the test system as the project's target. */
static void
build_project (Fixture       *fixture,
               ErrataProject *project)
{
  g_autofree char *id = errata_project_get_meta (project, "project_id");
  g_autofree char *json = NULL;
  g_autoptr(ErrataSynthTarget) target = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  gint64 rejected;

  synth_test_fill (project, NULL, NULL);
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  errata_synth_queries_set_text (project, ((ErrataSynthQuery *)g_ptr_array_index (queries, 0))->id,
                                 "How do I get a mortgage as a first-time buyer?", NULL);
  errata_synth_queries_set_text (project, ((ErrataSynthQuery *)g_ptr_array_index (queries, 1))->id,
                                 "how do I get a mortgage as a first time buyer", NULL);
  rejected = ((ErrataSynthQuery *)g_ptr_array_index (queries, 11))->id;
  errata_synth_queries_set_state (project, &rejected, 1, ERRATA_SYNTH_QUERY_REJECTED, NULL);
  json = g_strdup_printf ("{\"kind\": \"http\", \"url\": \"%s\","
                          " \"body\": {\"query\": \"{{query}}\", \"persona\": \"{{dimension.persona}}\"},"
                          " \"reply_pointer\": \"/answer\", \"messages_pointer\": \"/messages\"}",
                          errata_test_sut_get_url (fixture->sut));
  target = synth_test_target (json, id);
  g_assert_true (errata_synth_target_store (target, project, NULL));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ErrataProject) project = errata_test_new_project (&fixture->dir);
  g_autoptr(GFile) file = NULL;

  fixture->sut = errata_test_sut_new (0, NULL);
  errata_test_sut_set_latency (fixture->sut, 20);
  build_project (fixture, project);
  file = g_object_ref (errata_project_get_file (project));
  errata_project_close (project);

  errata_application_open_file (app, file);
  fixture->window = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 900);
  errata_gui_test_iterate_until (window_is_idle, fixture->window);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->window);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "synth");
  fixture->page = ERRATA_SYNTH_PAGE (errata_gui_test_find_first (GTK_WIDGET (fixture->window),
                                                                 ERRATA_TYPE_SYNTH_PAGE));
  g_assert_nonnull (fixture->page);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->page);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))))
    gtk_window_destroy (windows->data);
  errata_gui_test_iterate_for (50);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_clear_object (&fixture->sut);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static ErrataProject *
page_project (Fixture *fixture)
{
  g_autoptr(ErrataWorkspace) workspace = NULL;

  g_object_get (fixture->page, "workspace", &workspace, NULL);
  return errata_workspace_get_project (workspace);
}

static GtkListBox *
queries_list (Fixture *fixture)
{
  return errata_gui_test_find_with_class (GTK_WIDGET (fixture->page), GTK_TYPE_LIST_BOX,
                                          "synth-queries");
}

static GtkListBox *
tuples_list (Fixture *fixture)
{
  return errata_gui_test_find_with_class (GTK_WIDGET (fixture->page), GTK_TYPE_LIST_BOX,
                                          "synth-tuples");
}

/* The coverage view: a value's chip says its count in its tooltip. */
static gboolean
shows_coverage (Fixture    *fixture,
                const char *tooltip)
{
  g_autoptr(GPtrArray) boxes = errata_gui_test_find_all (GTK_WIDGET (fixture->page), GTK_TYPE_BOX);

  for (guint i = 0; i < boxes->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (boxes, i), "synth-coverage-value")
        && g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (boxes, i)), tooltip) == 0)
      return TRUE;
  return FALSE;
}

static void
test_shows_queries (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = errata_gui_test_find_all (GTK_WIDGET (queries_list (fixture)),
                                                        GTK_TYPE_LIST_BOX_ROW);
  g_autoptr(GPtrArray) near = NULL;
  g_autofree char *text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->page));

  g_assert_cmpuint (rows->len, ==, 12);
  g_assert_nonnull (strstr (text, "Queries: 12 · 11 accepted · 1 rejected"));
  /* Coverage: each persona in four of the twelve tuples. */
  g_assert_true (shows_coverage (fixture, "4 tuples take “first-time buyer”"));
  g_assert_true (shows_coverage (fixture, "4 tuples take “investor”"));
  g_assert_true (shows_coverage (fixture, "4 tuples take “renter”"));
  g_assert_true (shows_coverage (fixture, "6 tuples take “vague”"));
  /* The two mortgage questions mark each other. */
  near = g_ptr_array_new ();
  for (guint i = 0; i < rows->len; i++)
    if (errata_gui_test_find_with_class (g_ptr_array_index (rows, i), GTK_TYPE_LABEL,
                                         "synth-near-duplicate") != NULL)
      g_ptr_array_add (near, g_ptr_array_index (rows, i));
  g_assert_cmpuint (near->len, ==, 2);
  g_assert_true (g_ptr_array_index (near, 0) == g_ptr_array_index (rows, 0));
}

static void
test_accept_reject (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkListBox *list = queries_list (fixture);
  g_autoptr(GPtrArray) queries = NULL;
  GtkListBoxRow *selected;

  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
  /* R, as the page binds it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.reject", NULL);
  queries = errata_synth_queries_list (page_project (fixture), ERRATA_SYNTH_LIST_ALL, NULL);
  g_assert_cmpint (((ErrataSynthQuery *)g_ptr_array_index (queries, 0))->state, ==,
                   ERRATA_SYNTH_QUERY_REJECTED);
  /* The selection moved on to the next query, as a queue does. */
  list = queries_list (fixture);
  selected = gtk_list_box_get_selected_row (list);
  g_assert_nonnull (selected);
  g_assert_cmpint (gtk_list_box_row_get_index (selected), ==, 1);
  /* A accepts the rejected one (the last) again. */
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 11));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.accept", NULL);
  g_clear_pointer (&queries, g_ptr_array_unref);
  queries = errata_synth_queries_list (page_project (fixture), ERRATA_SYNTH_LIST_ALL, NULL);
  g_assert_cmpint (((ErrataSynthQuery *)g_ptr_array_index (queries, 11))->state, ==,
                   ERRATA_SYNTH_QUERY_ACCEPTED);
}

static gboolean
run_done (gpointer data)
{
  return !errata_synth_page_is_running (data);
}

static void
review (ErrataProject *project,
        gint64         trace_id,
        ErrataVerdict  verdict)
{
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (trace_id, "ana");

  annotation->verdict = verdict;
  g_assert_true (errata_project_set_annotation (project, annotation, NULL));
}

static gboolean
window_is_width (gpointer data)
{
  GtkWidget *window = data;

  /* Give or take the decorations' shadow. */
  return ABS (gtk_widget_get_width (window)
              - GPOINTER_TO_INT (g_object_get_data (data, "wanted-width"))) <= 60;
}

/* Renders the window at its width (1024 unless the test widened it). */
static void
render (Fixture              *fixture,
        const char           *scheme_name,
        AdwColorScheme        scheme)
{
  int width = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (fixture->window), "wanted-width"));
  g_autofree char *name = g_strdup_printf ("synth-page-%d-%s.png", width > 0 ? width : 1024,
                                           scheme_name);
  g_autoptr(GdkTexture) texture = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), name);
  g_assert_cmpint (gdk_texture_get_width (texture), >=, 1000);
}

static void
set_width (Fixture *fixture,
           int      width)
{
  g_object_set_data (G_OBJECT (fixture->window), "wanted-width", GINT_TO_POINTER (width));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 900);
  errata_gui_test_iterate_until (window_is_width, fixture->window);
}

/* The heat map is below the queries: scroll down for it. */
static void
scroll_to_end (Fixture *fixture)
{
  GtkScrolledWindow *scroller = errata_gui_test_find_first (GTK_WIDGET (fixture->page),
                                                            GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static gboolean
traces_listed_11 (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (errata_traces_page_get_model (data))) == 11;
}

static gboolean
traces_listed_12 (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (errata_traces_page_get_model (data))) == 12;
}

/* Open in Traces shows the batch's traces, then the test comes back. */
static void
open_batch_in_traces (Fixture *fixture)
{
  ErrataTracesPage *traces = ERRATA_TRACES_PAGE (errata_gui_test_find_first (
                                                   GTK_WIDGET (fixture->window),
                                                   ERRATA_TYPE_TRACES_PAGE));
  AdwViewStack *stack = errata_gui_test_find_first (GTK_WIDGET (fixture->window),
                                                    ADW_TYPE_VIEW_STACK);

  /* Another trace, outside the batch, that the filter must leave out. */
  {
    g_autoptr(ErrataTrace) other = errata_test_new_trace ("other", "hi", "hello");

    g_assert_true (errata_project_add_trace (page_project (fixture), other, NULL, NULL));
  }
  errata_traces_page_reload (traces);
  errata_gui_test_iterate_until (traces_listed_12, traces);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.open-batch", NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "traces");
  errata_gui_test_iterate_until (traces_listed_11, traces);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "synth");
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->page);
}

static void
test_run_and_heat_map (Fixture       *fixture,
                       gconstpointer  data)
{
  ErrataProject *project = page_project (fixture);
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GPtrArray) heat = NULL;
  g_autofree char *text = NULL;
  guint n_traces = 0;

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.run", NULL);
  g_assert_true (errata_synth_page_is_running (fixture->page));
  g_assert_true (gtk_widget_get_visible (errata_gui_test_find_first (GTK_WIDGET (fixture->page),
                                                                     GTK_TYPE_PROGRESS_BAR)));
  errata_gui_test_iterate_until (run_done, fixture->page);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->page));
  g_assert_nonnull (strstr (text, "Batch 1: 11 traces, 0 failed."));

  /* Review the persona “first-time buyer” (queries 1–4): 1 and 2 fail. */
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  for (guint i = 0; i < 4; i++)
    {
      ErrataSynthQuery *query = g_ptr_array_index (queries, i);

      g_assert_cmpint (query->trace_id, >, 0);
      review (project, query->trace_id, i < 2 ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS);
      n_traces++;
    }
  g_assert_cmpuint (n_traces, ==, 4);
  errata_synth_page_reload (fixture->page);
  g_free (text);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->page));
  g_assert_nonnull (strstr (text, "from 4 of 11 synthetic traces reviewed here"));
  g_assert_nonnull (strstr (text, "50% · 2/4"));
  heat = errata_gui_test_find_all (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL);
  {
    guint n_heat = 0;

    for (guint i = 0; i < heat->len; i++)
      n_heat += gtk_widget_has_css_class (g_ptr_array_index (heat, i), "synth-heat");
    /* first-time buyer, both features, both scenarios: five cells with reviews. */
    g_assert_cmpuint (n_heat, ==, 5);
  }
  render (fixture, "light", ADW_COLOR_SCHEME_FORCE_LIGHT);
  open_batch_in_traces (fixture);
  /* The heat map is below the queries: scroll down for it. */
  {
    GtkScrolledWindow *scroller = errata_gui_test_find_first (GTK_WIDGET (fixture->page),
                                                              GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  }
  render (fixture, "light-heat-map", ADW_COLOR_SCHEME_FORCE_LIGHT);
  render (fixture, "dark-heat-map", ADW_COLOR_SCHEME_FORCE_DARK);
}

static gboolean
test_answered (gpointer data)
{
  const char *text = gtk_label_get_text (data);

  return g_str_has_prefix (text, "Reply:") || strstr (text, "HTTP") != NULL;
}

static GtkLabel *
find_label_starting (GtkWidget  *root,
                     const char *prefix)
{
  g_autoptr(GPtrArray) labels = errata_gui_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (g_ptr_array_index (labels, i)), prefix))
      return g_ptr_array_index (labels, i);
  return NULL;
}

/* A child of the page found by its accessible-free identity: the widget
 * whose mnemonic label reads `label`. */
static GtkWidget *
field (Fixture    *fixture,
       const char *label)
{
  g_autoptr(GPtrArray) labels = errata_gui_test_find_all (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)), label) == 0)
      return gtk_label_get_mnemonic_widget (g_ptr_array_index (labels, i));
  g_error ("no field labelled %s", label);
  return NULL;
}

static char *
view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_view_text (GtkWidget  *view,
               const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static GtkCheckButton *
json_check (Fixture *fixture)
{
  g_autoptr(GPtrArray) checks = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                          GTK_TYPE_CHECK_BUTTON);

  g_assert_cmpuint (checks->len, ==, 1);
  return g_ptr_array_index (checks, 0);
}

static void
expand_all (Fixture *fixture)
{
  g_autoptr(GPtrArray) expanders = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                             GTK_TYPE_EXPANDER);

  g_assert_cmpuint (expanders->len, ==, 2);
  for (guint i = 0; i < expanders->len; i++)
    gtk_expander_set_expanded (g_ptr_array_index (expanders, i), TRUE);
}

/* The JSON editor: the page's last text view. */
static GtkWidget *
json_view_of (Fixture *fixture)
{
  g_autoptr(GPtrArray) views = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                         GTK_TYPE_TEXT_VIEW);

  return g_ptr_array_index (views, views->len - 1);
}

static JsonObject *
stored_target (Fixture *fixture)
{
  g_autoptr(ErrataSynthTarget) target = errata_synth_target_load (page_project (fixture), NULL);

  g_assert_nonnull (target);
  return json_object_ref (errata_synth_target_get_definition (target));
}

static void
test_editors (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) dimensions = NULL;
  GtkTextBuffer *dims;
  GtkLabel *answer;

  /* Open both editors, as a user would: the HTTP target is in the form. */
  expand_all (fixture);
  dims = gtk_text_view_get_buffer (GTK_TEXT_VIEW (errata_gui_test_find_first (
                                     GTK_WIDGET (fixture->page), GTK_TYPE_TEXT_VIEW)));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (field (fixture, "_Kind"))), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "_URL"))), ==,
                   errata_test_sut_get_url (fixture->sut));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "_Reply pointer"))), ==,
                   "/answer");

  /* A bad file says where; a good one replaces the dimensions. */
  gtk_text_buffer_set_text (dims, "[{\"name\": \"tone\", \"values\": []}]", -1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.save-dimensions", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Dimension 1:"));
  gtk_text_buffer_set_text (dims, "[{\"name\": \"tone\", \"values\": [\"calm\", \"angry\"]}]", -1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.save-dimensions", NULL);
  dimensions = errata_synth_dimensions_load (page_project (fixture), NULL);
  g_assert_cmpuint (dimensions->len, ==, 1);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Saved 1 dimensions"));

  /* Test sends the first accepted query and shows the raw reply. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.test-target", NULL);
  answer = find_label_starting (GTK_WIDGET (fixture->page), "Sending the first accepted query");
  g_assert_nonnull (answer);
  errata_gui_test_iterate_until (test_answered, answer);
  g_assert_nonnull (strstr (gtk_label_get_text (answer), "Reply: Answer for first-time buyer"));
  g_assert_nonnull (strstr (gtk_label_get_text (answer), "\"messages\""));
  /* Test stores nothing. */
  g_assert_cmpuint (errata_test_sut_get_n_requests (fixture->sut), ==, 1);
  {
    g_autoptr(GPtrArray) to_run = errata_synth_queries_list (page_project (fixture),
                                                             ERRATA_SYNTH_LIST_TO_RUN, NULL);

    g_assert_cmpuint (to_run->len, ==, 11);
  }
  /* As JSON: a target that does not parse is refused with its reason. */
  gtk_check_button_set_active (json_check (fixture), TRUE);
  {
    g_autofree char *shown = view_text (json_view_of (fixture));

    g_assert_nonnull (strstr (shown, "\"reply_pointer\""));
  }
  set_view_text (json_view_of (fixture), "{\"kind\": \"ftp\"}");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.save-target", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Target, “kind”"));
  render (fixture, "light-editors", ADW_COLOR_SCHEME_FORCE_LIGHT);
}

/* The target form: the kind switches the fields; each kind's fields make
 * the definition errata-cli reads; members the form has no field for stay;
 * Edit as JSON shows the same definition and brings edits back. */
static void
test_target_form (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkDropDown *kind;
  GtkStack *stack;
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(JsonObject) command = NULL;
  g_autoptr(JsonObject) chat = NULL;
  GtkWidget *json_view;

  expand_all (fixture);
  kind = GTK_DROP_DOWN (field (fixture, "_Kind"));
  {
    g_autoptr(GPtrArray) stacks = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                            GTK_TYPE_STACK);

    stack = NULL;
    for (guint i = 0; i < stacks->len; i++)
      if (gtk_stack_get_child_by_name (g_ptr_array_index (stacks, i), "chat") != NULL)
        stack = g_ptr_array_index (stacks, i);
    g_assert_nonnull (stack);
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "http");

  /* HTTP: headers a line each, a body template, the pointers, the queue. */
  set_view_text (field (fixture, "_Headers"), "X-Test: yes\n\nAuthorization: Bearer {{secret.tok}}\n");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (fixture, "Co_ncurrency")), 8);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (fixture, "_Rate")), 120);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.save-target", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Target saved."));
  saved = stored_target (fixture);
  g_assert_cmpstr (json_object_get_string_member (saved, "kind"), ==, "http");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (saved, "headers"),
                                                  "Authorization"), ==, "Bearer {{secret.tok}}");
  g_assert_cmpint (json_object_get_int_member (saved, "concurrency"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (saved, "requests_per_minute"), ==, 120);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (saved, "body"),
                                                  "query"), ==, "{{query}}");
  /* A header line without a colon is refused, naming the line. */
  set_view_text (field (fixture, "_Headers"), "X-Test: yes\nno colon here");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.save-target", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Headers, line 2:"));

  /* Command: the line is split as a shell would; JSON input. */
  gtk_drop_down_set_selected (kind, 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "command");
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "Co_mmand")), "/bin/echo 'two words' --once");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (field (fixture, "_Input")), 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.save-target", NULL);
  command = stored_target (fixture);
  g_assert_cmpstr (json_object_get_string_member (command, "input"), ==, "json");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (command, "command")), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (command, "command"), 1),
                   ==, "two words");
  g_assert_false (json_object_has_member (command, "url"));
  render (fixture, "light-target-command", ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* Chat, with a member the form has no field for (typed as JSON): it
   * stays when the form saves. */
  gtk_check_button_set_active (json_check (fixture), TRUE);
  json_view = json_view_of (fixture);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (json_view)));
  set_view_text (json_view, "{\"kind\": \"chat\", \"base_url\": \"http://localhost:11434/v1\","
                            " \"provider\": \"ollama\"}");
  gtk_check_button_set_active (json_check (fixture), FALSE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "chat");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "_Base URL"))), ==,
                   "http://localhost:11434/v1");
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "_Model")), "estate-bot");
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "Too_ls file")), "/tmp/tools.json");
  set_view_text (field (fixture, "S_ystem prompt"), "You let flats.");
  render (fixture, "light-target-chat", ADW_COLOR_SCHEME_FORCE_LIGHT);
  render (fixture, "dark-target-chat", ADW_COLOR_SCHEME_FORCE_DARK);
  set_width (fixture, 1280);
  render (fixture, "dark-target-chat", ADW_COLOR_SCHEME_FORCE_DARK);
  set_width (fixture, 1024);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.save-target", NULL);
  chat = stored_target (fixture);
  g_assert_cmpstr (json_object_get_string_member (chat, "provider"), ==, "ollama");
  g_assert_cmpstr (json_object_get_string_member (chat, "model"), ==, "estate-bot");
  g_assert_cmpstr (json_object_get_string_member (chat, "tools_file"), ==, "/tmp/tools.json");
  g_assert_cmpstr (json_object_get_string_member (chat, "system"), ==, "You let flats.");
  g_assert_false (json_object_has_member (chat, "command"));

  /* JSON that does not parse keeps the JSON editor open, with why. */
  gtk_check_button_set_active (json_check (fixture), TRUE);
  set_view_text (json_view, "{\"kind\": ");
  gtk_check_button_set_active (json_check (fixture), FALSE);
  g_assert_true (gtk_check_button_get_active (json_check (fixture)));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (json_view)));
}

static gboolean
not_busy (gpointer data)
{
  return !errata_synth_page_is_running (data);
}

static void
test_make (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(ErrataMockLlmServer) server = errata_mock_llm_server_new (0, NULL);
  g_autofree char *base = errata_mock_llm_server_dup_base_url (server, FALSE);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) queries = NULL;
  GtkSpinButton *tuples_spin = GTK_SPIN_BUTTON (field (fixture, "_Tuples:"));
  GtkSpinButton *queries_spin = GTK_SPIN_BUTTON (field (fixture, "_Queries per tuple:"));

  g_settings_set_string (settings, "llm-provider", "custom");
  g_settings_set_string (settings, "llm-base-url", base);
  g_settings_set_string (settings, "llm-model", "mock");

  /* Every combination: the project has them all already. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.all-tuples", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "12 tuples, 0 new."));
  /* A sample as large as the combinations, or larger (the default 30), is
   * every combination, never a refusal. */
  gtk_spin_button_set_value (tuples_spin, 30);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.sample-tuples", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "12 tuples, 0 new."));
  g_assert_null (find_label_starting (GTK_WIDGET (fixture->page), "Only 12 combinations"));

  /* One query per tuple, by the LLM, with progress. */
  gtk_spin_button_set_value (queries_spin, 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.write-queries", NULL);
  g_assert_true (errata_synth_page_is_running (fixture->page));
  errata_gui_test_iterate_until (not_busy, fixture->page);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Wrote 12 draft queries."));
  queries = errata_synth_queries_list (page_project (fixture), ERRATA_SYNTH_LIST_ALL, NULL);
  g_assert_cmpuint (queries->len, ==, 24);
  g_assert_cmpint (((ErrataSynthQuery *)g_ptr_array_index (queries, 23))->state, ==,
                   ERRATA_SYNTH_QUERY_DRAFT);

  /* Five tuples from the LLM: all known already; its repeat is dropped. */
  gtk_spin_button_set_value (tuples_spin, 5);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.llm-tuples", NULL);
  errata_gui_test_iterate_until (not_busy, fixture->page);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page),
                                         "5 tuples, 0 new (1 dropped"));
  g_settings_reset (settings, "llm-provider");
  g_settings_reset (settings, "llm-base-url");
  g_settings_reset (settings, "llm-model");
}

static guint
count_near_duplicates (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = errata_gui_test_find_all (GTK_WIDGET (queries_list (fixture)),
                                                        GTK_TYPE_LIST_BOX_ROW);
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    n += errata_gui_test_find_with_class (g_ptr_array_index (rows, i), GTK_TYPE_LABEL,
                                          "synth-near-duplicate") != NULL;
  return n;
}

static guint
count_rows (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = errata_gui_test_find_all (GTK_WIDGET (queries_list (fixture)),
                                                        GTK_TYPE_LIST_BOX_ROW);

  return rows->len;
}

static GtkEntry *
edit_entry (Fixture *fixture)
{
  g_autoptr(GPtrArray) entries = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                           GTK_TYPE_ENTRY);

  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (entries, i)),
                   "Enter saves, Escape cancels") == 0)
      return g_ptr_array_index (entries, i);
  return NULL;
}

static const char *
query_text_at (Fixture *fixture,
               guint    index)
{
  static char *text;
  g_autoptr(GPtrArray) queries = errata_synth_queries_list (page_project (fixture),
                                                            ERRATA_SYNTH_LIST_ALL, NULL);

  g_free (text);
  text = g_strdup (((ErrataSynthQuery *)g_ptr_array_index (queries, index))->text);
  return text;
}

/* E edits the selected query (Enter saves and the ≈ marks follow, Escape
 * cancels), Delete deletes it, Shift+Delete its tuple; a secret with a
 * bad name is refused before the keyring is asked. */
static void
test_edit_and_delete (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkListBox *list = queries_list (fixture);
  GtkEntry *entry = edit_entry (fixture);
  g_autofree char *original = NULL;
  g_autoptr(GPtrArray) tuples = NULL;

  g_assert_nonnull (entry);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (entry))));
  g_assert_cmpuint (count_near_duplicates (fixture), ==, 2);

  /* Edit the second mortgage question into something else: Enter saves,
   * and neither is marked a near-duplicate any more. */
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 1));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.edit-query", NULL);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (entry))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                   "how do I get a mortgage as a first time buyer");
  render (fixture, "light-editing", ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Which streets near the station have gardens?");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (query_text_at (fixture, 1), ==, "Which streets near the station have gardens?");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (entry))));
  g_assert_cmpuint (count_near_duplicates (fixture), ==, 0);
  list = queries_list (fixture);
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (list)), ==, 1);

  /* Escape cancels: the text stays as it was. */
  original = g_strdup (query_text_at (fixture, 0));
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.edit-query", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "never saved");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.cancel-edit", NULL);
  g_assert_cmpstr (query_text_at (fixture, 0), ==, original);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (entry))));

  /* Delete deletes the selected query. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.delete-query", NULL);
  g_assert_cmpuint (count_rows (fixture), ==, 11);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Deleted query"));

  /* Shift+Delete: the selected query's tuple goes, with its query; the
   * coverage counts it no more. */
  list = queries_list (fixture);
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.delete-tuple", NULL);
  g_assert_cmpuint (count_rows (fixture), ==, 10);
  tuples = errata_synth_tuples_list (page_project (fixture), NULL);
  g_assert_cmpuint (tuples->len, ==, 11);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Deleted tuple"));
  g_assert_true (shows_coverage (fixture, "3 tuples take “first-time buyer”"));

  /* A secret's name is checked before the keyring is asked. */
  {
    g_autoptr(GPtrArray) expanders = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                               GTK_TYPE_EXPANDER);
    g_autoptr(GPtrArray) entries = NULL;
    GtkEditable *name = NULL;

    for (guint i = 0; i < expanders->len; i++)
      gtk_expander_set_expanded (g_ptr_array_index (expanders, i), TRUE);
    entries = errata_gui_test_find_all (GTK_WIDGET (fixture->page), GTK_TYPE_ENTRY);
    for (guint i = 0; i < entries->len; i++)
      if (g_strcmp0 (gtk_entry_get_placeholder_text (g_ptr_array_index (entries, i)),
                     "my-token") == 0)
        name = g_ptr_array_index (entries, i);
    g_assert_nonnull (name);
    gtk_editable_set_text (name, "two words");
    gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.store-secret", NULL);
    g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page),
                                           "“two words” is not a secret’s name"));
    gtk_editable_set_text (name, "my-token");
    gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.store-secret", NULL);
    g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page),
                                           "Type the secret’s value first."));
  }
}

static guint
count_tuple_rows (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = errata_gui_test_find_all (GTK_WIDGET (tuples_list (fixture)),
                                                        GTK_TYPE_LIST_BOX_ROW);

  return rows->len;
}

/* The value dropdowns under the tuples table, one per dimension. */
static GtkDropDown *
value_dropdown (Fixture *fixture,
                guint    index)
{
  g_autoptr(GPtrArray) dropdowns = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                             GTK_TYPE_DROP_DOWN);
  guint n = 0;

  for (guint i = 0; i < dropdowns->len; i++)
    if (g_object_get_data (G_OBJECT (g_ptr_array_index (dropdowns, i)), "dimension") != NULL
        && n++ == index)
      return g_ptr_array_index (dropdowns, i);
  g_assert_not_reached ();
}

static const char *
chosen (GtkDropDown *dropdown)
{
  return gtk_string_object_get_string (gtk_drop_down_get_selected_item (dropdown));
}

static void
select_tuple_row (Fixture *fixture,
                  guint    index)
{
  GtkListBox *list = tuples_list (fixture);

  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, index));
}

/* The tuples table: a row per tuple; the selected one's values in the
 * dropdowns; Apply changes them (refused onto another tuple's values);
 * Add makes a typed tuple; Delete deletes with its queries and the toast's
 * Undo brings both back. */
static void
test_tuples_table (Fixture       *fixture,
                   gconstpointer  data)
{
  ErrataProject *project = page_project (fixture);
  g_autoptr(GPtrArray) tuples = errata_synth_tuples_list (project, NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  ErrataSynthTuple *first = g_ptr_array_index (tuples, 0);
  AdwToastOverlay *overlay;
  AdwToast *toast;

  g_assert_cmpuint (count_tuple_rows (fixture), ==, 12);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Tuples: 12 (of 12 combinations)"));
  select_tuple_row (fixture, 0);
  g_assert_cmpstr (chosen (value_dropdown (fixture, 0)), ==,
                   json_object_get_string_member (first->dimensions, "persona"));
  g_assert_cmpstr (chosen (value_dropdown (fixture, 2)), ==,
                   json_object_get_string_member (first->dimensions, "scenario"));

  /* Every combination is taken: Apply onto another's values is refused. */
  gtk_drop_down_set_selected (value_dropdown (fixture, 0), 2);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.apply-tuple", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Tuple "));
  g_assert_nonnull (strstr (gtk_label_get_text (find_label_starting (GTK_WIDGET (fixture->page),
                                                                     "Tuple ")),
                            "has these values already"));

  /* Delete the last tuple (the key, through its action): its query goes
   * too; the toast offers Undo. */
  select_tuple_row (fixture, 11);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.delete-selected-tuple", NULL);
  g_assert_cmpuint (count_tuple_rows (fixture), ==, 11);
  g_assert_cmpuint (count_rows (fixture), ==, 11);
  g_assert_true (shows_coverage (fixture, "3 tuples take “renter”"));
  overlay = errata_gui_test_find_first (GTK_WIDGET (fixture->page), ADW_TYPE_TOAST_OVERLAY);
  toast = errata_toast_helper_get_toast (overlay);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Deleted tuple 12 and its 1 query.");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "synth.undo-delete-tuple");
  render (fixture, "light-tuples", ADW_COLOR_SCHEME_FORCE_LIGHT);
  render (fixture, "dark-tuples", ADW_COLOR_SCHEME_FORCE_DARK);
  set_width (fixture, 1280);
  render (fixture, "light-tuples", ADW_COLOR_SCHEME_FORCE_LIGHT);
  set_width (fixture, 1024);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.undo-delete-tuple", NULL);
  g_assert_cmpuint (count_tuple_rows (fixture), ==, 12);
  g_assert_cmpuint (count_rows (fixture), ==, 12);
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  g_assert_cmpint (((ErrataSynthQuery *)g_ptr_array_index (queries, 11))->tuple_id, ==, 12);
  g_assert_cmpint (((ErrataSynthQuery *)g_ptr_array_index (queries, 11))->state, ==,
                   ERRATA_SYNTH_QUERY_REJECTED);

  /* Delete it again, then give tuple 1 its values with the dropdowns. */
  select_tuple_row (fixture, 11);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.delete-selected-tuple", NULL);
  select_tuple_row (fixture, 0);
  gtk_drop_down_set_selected (value_dropdown (fixture, 0), 2);   /* renter */
  gtk_drop_down_set_selected (value_dropdown (fixture, 1), 1);   /* mortgage */
  gtk_drop_down_set_selected (value_dropdown (fixture, 2), 1);   /* vague */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.apply-tuple", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Tuple 1 changed"));
  after = errata_synth_tuples_list (project, NULL);
  g_assert_cmpstr (json_object_get_string_member (((ErrataSynthTuple *)g_ptr_array_index (after, 0))->dimensions,
                                                  "persona"), ==, "renter");
  /* Add: the freed combination (first-time buyer · search · clear) as a
   * typed tuple. */
  gtk_drop_down_set_selected (value_dropdown (fixture, 0), 0);
  gtk_drop_down_set_selected (value_dropdown (fixture, 1), 0);
  gtk_drop_down_set_selected (value_dropdown (fixture, 2), 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.add-tuple", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Tuple added."));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = errata_synth_tuples_list (project, NULL);
  g_assert_cmpuint (after->len, ==, 12);
  g_assert_cmpint (((ErrataSynthTuple *)g_ptr_array_index (after, 11))->origin, ==,
                   ERRATA_SYNTH_ORIGIN_TYPED);
  /* The new tuple is selected in the table. */
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (tuples_list (fixture))),
                   ==, 11);
}

/* The heat map by pair of values and per failure mode. */
static void
choose_heat (Fixture    *fixture,
             const char *label,
             const char *item)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (field (fixture, label));
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), item) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  g_error ("no %s in %s", item, label);
}

static guint
count_heat_cells (Fixture *fixture)
{
  g_autoptr(GPtrArray) labels = errata_gui_test_find_all (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL);
  guint n = 0;

  for (guint i = 0; i < labels->len; i++)
    n += gtk_widget_has_css_class (g_ptr_array_index (labels, i), "synth-heat");
  return n;
}

/* After a run and reviews: the heat map per failure mode (chosen in its
 * dropdown) and per pair of values of two dimensions (chosen in another);
 * and the Traces page's counts follow the run without a review. */
static void
test_heat_map_choices (Fixture       *fixture,
                       gconstpointer  data)
{
  ErrataProject *project = page_project (fixture);
  ErrataTracesPage *traces = ERRATA_TRACES_PAGE (errata_gui_test_find_first (
                                                   GTK_WIDGET (fixture->window),
                                                   ERRATA_TYPE_TRACES_PAGE));
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  const char *summary;

  g_object_get (traces, "subtitle", &subtitle, NULL);
  g_assert_cmpstr (subtitle, ==, "You reviewed 0 of 0");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.run", NULL);
  errata_gui_test_iterate_until (run_done, fixture->page);
  /* No review, no reload by hand: the run asked the window to reload. */
  g_clear_pointer (&subtitle, g_free);
  g_object_get (traces, "subtitle", &subtitle, NULL);
  g_assert_cmpstr (subtitle, ==, "You reviewed 0 of 11");
  errata_gui_test_iterate_until (traces_listed_11, traces);

  /* Reviews of the first four (first-time buyer), and a failure mode with
   * explicit labels on two of them. */
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  for (guint i = 0; i < 4; i++)
    review (project, ((ErrataSynthQuery *)g_ptr_array_index (queries, i))->trace_id,
            i < 2 ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS);
  g_assert_cmpint (sqlite3_exec (_errata_project_get_db (project),
                                 "INSERT INTO failure_modes (id, name, created_at)"
                                 " VALUES (7, 'Quotes the wrong fee', 0)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_true (errata_labels_set (project, 7,
                                    ((ErrataSynthQuery *)g_ptr_array_index (queries, 0))->trace_id,
                                    ERRATA_VERDICT_FAIL, "ana", "fee wrong", &error));
  g_assert_true (errata_labels_set (project, 7,
                                    ((ErrataSynthQuery *)g_ptr_array_index (queries, 5))->trace_id,
                                    ERRATA_VERDICT_PASS, "ana", "fine", &error));
  g_assert_no_error (error);
  errata_synth_page_reload (fixture->page);
  g_assert_cmpuint (count_heat_cells (fixture), ==, 5);

  /* Per pair: persona down, feature across; four cells have reviews. */
  choose_heat (fixture, "_By:", "persona × feature");
  summary = gtk_label_get_text (find_label_starting (GTK_WIDGET (fixture->page), "Overall failure rate"));
  g_assert_nonnull (strstr (summary, "by pair of values, from 4 of 11"));
  g_assert_cmpuint (count_heat_cells (fixture), ==, 2);
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->page), "persona ↓ · feature →"));
  /* The choice survives a reload (the page reloads when shown). */
  errata_synth_page_reload (fixture->page);
  g_assert_cmpuint (count_heat_cells (fixture), ==, 2);
  scroll_to_end (fixture);
  render (fixture, "light-heat-pairs", ADW_COLOR_SCHEME_FORCE_LIGHT);
  set_width (fixture, 1280);
  scroll_to_end (fixture);
  render (fixture, "dark-heat-pairs", ADW_COLOR_SCHEME_FORCE_DARK);
  set_width (fixture, 1024);

  /* Per failure mode: the explicit fail on query 1 and pass on query 6,
   * and the three other reviewed traces, which pass a mode their review
   * does not put them in: first-time buyer fails it once in four. */
  choose_heat (fixture, "_By:", "Each dimension’s values");
  choose_heat (fixture, "_Failure mode:", "Quotes the wrong fee");
  summary = gtk_label_get_text (find_label_starting (GTK_WIDGET (fixture->page), "Rate of"));
  g_assert_nonnull (strstr (summary, "“Quotes the wrong fee” by value, from 5 of 11"));
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->page), "25% · 1/4"));
  scroll_to_end (fixture);
  render (fixture, "dark-heat-mode", ADW_COLOR_SCHEME_FORCE_DARK);
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

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_add_func ("/synth-page/no-display", test_no_display);
      return g_test_run ();
    }
  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(name, func) \
  g_test_add ("/synth-page/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("shows-queries", test_shows_queries);
  ADD ("accept-reject", test_accept_reject);
  ADD ("run-and-heat-map", test_run_and_heat_map);
  ADD ("editors", test_editors);
  ADD ("target-form", test_target_form);
  ADD ("tuples-table", test_tuples_table);
  ADD ("heat-map-choices", test_heat_map_choices);
  ADD ("make", test_make);
  ADD ("edit-and-delete", test_edit_and_delete);
#undef ADD
  return g_test_run ();
}
