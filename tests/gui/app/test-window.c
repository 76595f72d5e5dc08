/* test-window.c: the main window under a real display (Xvfb in CI).
 *
 * Each test drives the window as a user would (through actions and the
 * application's open path), waits for the main loop, and checks what the
 * window shows. Some windows are rendered to PNG files in the build folder
 * (welcome.png, project.png, empty.png, project-dark.png) so that a person
 * can look at them.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>

#include "errata-application.h"
#include "errata-gui-test-utils.h"
#include "errata-project-properties.h"
#include "errata-traces-page.h"
#include "errata-test-utils.h"
#include "errata-trace-list-model.h"
#include "errata-window.h"

static ErrataApplication *app;

/* Fixtures ------------------------------------------------------------ */

static GFile *
make_project (const char  *dir,
              const char  *name,
              guint        n_traces)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = errata_project_create (file, &error);

  g_assert_no_error (error);
  for (guint i = 1; i <= n_traces; i++)
    {
      g_autofree char *id = g_strdup_printf ("support-%u", i);
      g_autofree char *input = g_strdup_printf ("How do I reset my password? (case %u)\n"
                                                "I tried the link twice.", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, input, "Click “Forgot password”.");
      gboolean added = FALSE;

      g_assert_true (errata_project_add_trace (project, trace, &added, &error));
      g_assert_no_error (error);
    }
  errata_project_close (project);
  return g_steal_pointer (&file);
}

static GFile *
make_foreign_database (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "notes.errata", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (body TEXT)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  return g_file_new_for_path (path);
}

static gboolean
window_is_idle (gpointer data)
{
  return !errata_window_is_loading (data);
}

static gboolean
spinner_is_spinning (GtkWidget *root)
{
  g_autoptr(GPtrArray) spinners = errata_gui_test_find_visible (root, GTK_TYPE_SPINNER);

  return spinners->len > 0 && gtk_spinner_get_spinning (g_ptr_array_index (spinners, 0));
}

static gboolean
model_is_loaded (gpointer data)
{
  return !errata_trace_list_model_is_loading (data);
}

/* The list shows its rows (the second trace's id is on screen). */
static gboolean
shows_rows (gpointer window)
{
  return errata_gui_test_count_visible (window, GTK_TYPE_COLUMN_VIEW) == 1 &&
         errata_gui_test_shows_label (window, "support-2");
}

static gboolean
shows_status_page (gpointer window)
{
  return errata_gui_test_count_visible (window, ADW_TYPE_STATUS_PAGE) == 1;
}

#define iterate_until errata_gui_test_iterate_until
#define iterate_for errata_gui_test_iterate_for
#define widget_is_drawn errata_gui_test_widget_is_drawn
#define find_visible errata_gui_test_find_visible
#define find_one_visible errata_gui_test_find_one_visible
#define count_visible errata_gui_test_count_visible
#define shows_label errata_gui_test_shows_label
#define render_to_png errata_gui_test_render_to_png
#define brightness_at errata_gui_test_brightness_at

static void
destroy_all_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))))
    gtk_window_destroy (windows->data);
  iterate_for (50);
}

/* Tests --------------------------------------------------------------- */

/* The window that shows (or failed to show) the file: the application
 * picks it, and the test must not rely on which window has the focus. */
static ErrataWindow *
window_for (GFile *file)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  for (GList *l = windows; l; l = l->next)
    {
      GFile *shown = errata_window_get_file (l->data);

      if (shown && g_file_equal (shown, file))
        return l->data;
    }
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  return windows->data;
}

static ErrataWindow *
open_and_wait (GFile *file)
{
  ErrataWindow *window;

  errata_application_open_file (app, file);
  window = window_for (file);
  iterate_until (window_is_idle, window);
  iterate_until (widget_is_drawn, window);
  return window;
}

static void
test_traces_page (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) file = make_project (dir, "support.errata", 3);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  g_auto(GStrv) recent = NULL;
  AdwViewSwitcherTitle *title;
  GtkColumnView *column_view;
  ErrataTracesPage *page;
  GListModel *model;
  ErrataWindow *window;
  ErrataProject *project;

  /* While the project opens in a thread, the window shows a spinner. */
  errata_application_open_file (app, file);
  window = window_for (file);
  g_assert_true (errata_window_is_loading (window));
  g_assert_true (spinner_is_spinning (GTK_WIDGET (window)));
  iterate_until (window_is_idle, window);
  iterate_until (widget_is_drawn, window);
  g_assert_false (spinner_is_spinning (GTK_WIDGET (window)));
  project = errata_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_true (g_file_equal (errata_window_get_file (window), file));

  title = find_one_visible (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE);
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "support.errata");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "You reviewed 0 of 3");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "support.errata");

  /* The list loads in the background, then shows the first trace. */
  page = find_one_visible (GTK_WIDGET (window), ERRATA_TYPE_TRACES_PAGE);
  model = G_LIST_MODEL (errata_traces_page_get_model (page));
  iterate_until (model_is_loaded, model);
  iterate_until (shows_rows, window);
  column_view = find_one_visible (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW);
  g_assert_true (gtk_multi_selection_get_model (GTK_MULTI_SELECTION (gtk_column_view_get_model (column_view))) == model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ErrataTrace) trace = g_list_model_get_item (model, i);
      g_autofree char *expected = g_strdup_printf ("support-%u", i + 1);

      g_assert_cmpstr (errata_trace_get_external_id (trace), ==, expected);
    }

  /* The rows show the id and only the first line of the input. */
  texture = render_to_png (GTK_WIDGET (window), "project.png");
  g_assert_true (shows_label (GTK_WIDGET (column_view), "support-2"));
  g_assert_true (shows_label (GTK_WIDGET (column_view), "How do I reset my password? (case 2)"));
  g_assert_true (shows_label (GTK_WIDGET (window), "3 traces"));
  g_assert_cmpstr (errata_trace_get_external_id (errata_traces_page_get_current_trace (page)),
                   ==, "support-1");

  recent = g_settings_get_strv (settings, "recent-projects");
  g_assert_cmpstr (recent[0], ==, uri);

  /* Closing the window lets go of the project (and its database). */
  g_object_add_weak_pointer (G_OBJECT (project), (gpointer *) &project);
  g_clear_object (&texture);
  destroy_all_windows ();
  g_assert_null (project);
  errata_test_remove_tree (dir);
}

static void
test_empty_project (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) file = make_project (dir, "fresh.errata", 0);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *command = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  AdwStatusPage *status;
  AdwViewSwitcherTitle *title;
  ErrataWindow *window;

  window = open_and_wait (file);
  title = find_one_visible (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "You reviewed 0 of 0");
  iterate_until (model_is_loaded,
                 errata_traces_page_get_model (find_one_visible (GTK_WIDGET (window),
                                                                  ERRATA_TYPE_TRACES_PAGE)));
  iterate_until (shows_status_page, window);

  status = find_one_visible (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);
  g_assert_true (shows_label (GTK_WIDGET (status), "Import Traces…"));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Traces Yet");
  command = g_strdup_printf ("errata-cli import %s FILE", quoted);
  g_assert_true (shows_label (GTK_WIDGET (status), command));
  g_assert_cmpuint (count_visible (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW), ==, 0);

  texture = render_to_png (GTK_WIDGET (window), "empty.png");
  destroy_all_windows ();
  errata_test_remove_tree (dir);
}

static gboolean
window_has_project (gpointer data)
{
  return errata_window_get_project (data) != NULL;
}

static void
test_welcome_recent (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) file = make_project (dir, "kept.errata", 2);
  g_autofree char *missing_path = g_build_filename (dir, "gone.errata", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *missing_uri = g_file_get_uri (missing);
  const char *recent[] = { uri, missing_uri, NULL };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  ErrataWindow *window;

  g_settings_set_strv (settings, "recent-projects", recent);
  window = errata_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (widget_is_drawn, window);

  g_assert_true (shows_label (GTK_WIDGET (window), "Recent Projects"));
  rows = find_visible (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "kept.errata");
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[1]), ==, "gone.errata");
  g_assert_true (gtk_widget_is_sensitive (rows->pdata[0]));
  g_assert_false (gtk_widget_is_sensitive (rows->pdata[1]));

  texture = render_to_png (GTK_WIDGET (window), "welcome.png");

  /* A row opens its project in this window. */
  g_signal_emit_by_name (gtk_widget_get_parent (rows->pdata[0]), "row-activated", rows->pdata[0]);
  iterate_until (window_has_project, window);
  g_assert_true (g_file_equal (errata_window_get_file (window), file));

  destroy_all_windows ();
  g_settings_reset (settings, "recent-projects");
  errata_test_remove_tree (dir);
}

/* F1 opens the help page of the page in view: every page has its own,
 * and it exists. */
static void
test_help_topics (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) file = make_project (dir, "help.errata", 3);
  g_autoptr(GtkSelectionModel) pages = NULL;
  AdwViewStack *stack;
  ErrataWindow *window;

  window = errata_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (widget_is_drawn, window);
  g_assert_cmpstr (errata_window_get_help_topic (window), ==, "index");
  destroy_all_windows ();

  window = open_and_wait (file);
  stack = find_one_visible (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
  pages = adw_view_stack_get_pages (stack);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), >=, 5);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      const char *name = adw_view_stack_page_get_name (page);
      g_autofree char *help_name = NULL;
      g_autofree char *help_file = NULL;
      const char *topic;

      adw_view_stack_set_visible_child_name (stack, name);
      topic = errata_window_get_help_topic (window);
      g_test_message ("page %s: help topic %s", name, topic);
      g_assert_cmpstr (topic, !=, "index");
      help_name = g_strdup_printf ("%s.page", topic);
      help_file = g_test_build_filename (G_TEST_DIST, "..", "help", "C", help_name, NULL);
      g_assert_true (g_file_test (help_file, G_FILE_TEST_IS_REGULAR));
    }
  destroy_all_windows ();
  errata_test_remove_tree (dir);
}

static void
test_welcome_without_recent (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  ErrataWindow *window;

  g_settings_reset (settings, "recent-projects");
  window = errata_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (widget_is_drawn, window);

  g_assert_false (shows_label (GTK_WIDGET (window), "Recent Projects"));
  g_assert_cmpuint (count_visible (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW), ==, 0);
  g_assert_true (shows_label (GTK_WIDGET (window), "New Project…"));
  g_assert_true (shows_label (GTK_WIDGET (window), "Open Project…"));
  g_assert_true (shows_label (GTK_WIDGET (window), "Open Demo Project"));
  destroy_all_windows ();
}

static const char *
find_error_body (ErrataWindow *window)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));

  if (ADW_IS_ALERT_DIALOG (dialog))
    return adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog));
#else
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (toplevel));
    }
#endif
  return NULL;
}

/* Merge Reviews From…: the preview says what comes in, Merge brings it. */
static AdwMessageDialog *
find_message_dialog (ErrataWindow *window,
                     const char   *heading_start)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window) &&
          g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)),
                            heading_start))
        return ADW_MESSAGE_DIALOG (toplevel);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
  return NULL;
}

static gboolean
shows_preview (gpointer window)
{
  return find_message_dialog (window, "Merge Reviews From") != NULL;
}

static gboolean
shows_merged (gpointer window)
{
  return find_message_dialog (window, "Reviews Merged") != NULL;
}

static void
test_merge_reviews (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) here = make_project (dir, "here.errata", 3);
  g_autoptr(GFile) theirs = make_project (dir, "theirs.errata", 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataAnnotation) merged = NULL;
  AdwMessageDialog *dialog;
  ErrataWindow *window;

  {
    g_autoptr(ErrataProject) project = errata_project_open (theirs, ERRATA_PROJECT_OPEN_NONE,
                                                            &error);
    g_autoptr(ErrataAnnotation) review = errata_annotation_new (1, "Grace");

    g_assert_no_error (error);
    review->verdict = ERRATA_VERDICT_FAIL;
    g_assert_true (errata_project_set_annotation (project, review, &error));
    errata_project_close (project);
  }
  window = open_and_wait (here);
  errata_window_merge_from (window, theirs);
  iterate_until (shows_preview, window);
  dialog = find_message_dialog (window, "Merge Reviews From");
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Reviews: 1 new"));
  g_object_unref (render_to_png (GTK_WIDGET (dialog), "merge-preview.png"));
  /* Nothing is written before the user says Merge. */
  merged = errata_project_get_annotation (errata_window_get_project (window), 1, "Grace", NULL);
  g_assert_null (merged);
  adw_message_dialog_response (dialog, "merge");
  G_GNUC_END_IGNORE_DEPRECATIONS

  iterate_until (shows_merged, window);
  merged = errata_project_get_annotation (errata_window_get_project (window), 1, "Grace",
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpint (merged->verdict, ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpint (merged->origin, ==, ERRATA_ORIGIN_MERGED);
  gtk_window_destroy (GTK_WINDOW (find_message_dialog (window, "Reviews Merged")));
  destroy_all_windows ();
  errata_test_remove_tree (dir);
}

static void
test_open_error (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) file = make_foreign_database (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) refused = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) recent = NULL;
  ErrataWindow *window;

  g_assert_null (refused);
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_ERRATA);
  g_settings_reset (settings, "recent-projects");

  window = open_and_wait (file);
  g_assert_cmpstr (find_error_body (window), ==, error->message);
  /* Back on the welcome page, free to open something else. */
  g_assert_null (errata_window_get_file (window));
  g_assert_null (errata_window_get_project (window));
  recent = g_settings_get_strv (settings, "recent-projects");
  g_assert_cmpuint (g_strv_length (recent), ==, 0);

  destroy_all_windows ();
  errata_test_remove_tree (dir);
}

static void
test_window_per_project (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) first = make_project (dir, "first.errata", 1);
  g_autoptr(GFile) second = make_project (dir, "second.errata", 2);
  ErrataWindow *window_a;
  ErrataWindow *window_b;

  window_a = open_and_wait (first);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  /* The same file again: the window that has it comes forward. */
  g_assert_true (open_and_wait (first) == window_a);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  window_b = open_and_wait (second);
  g_assert_true (window_b != window_a);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);
  g_assert_true (g_file_equal (errata_window_get_file (window_b), second));

  destroy_all_windows ();
  errata_test_remove_tree (dir);
}

static void
test_window_size_saved (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  ErrataWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);
  window = errata_window_new (GTK_APPLICATION (app));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 650);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);

  destroy_all_windows ();
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
test_dark_style (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) file = make_project (dir, "support.errata", 3);
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  ErrataWindow *window;
  int x, y;

  window = open_and_wait (file);
  light = render_to_png (GTK_WIDGET (window), "project.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = render_to_png (GTK_WIDGET (window), "project-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* The middle of the bottom edge: window background, under the list. */
  x = gdk_texture_get_width (light) / 2;
  y = gdk_texture_get_height (light) - 24;
  g_assert_cmpfloat (brightness_at (light, x, y), >, 200);
  g_assert_cmpfloat (brightness_at (dark, x, y), <, 80);

  destroy_all_windows ();
  errata_test_remove_tree (dir);
}

static void
assert_accel (const char *action,
              const char *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

  g_assert_nonnull (accels[0]);
  g_assert_cmpstr (accels[0], ==, accel);
}

#if !ADW_CHECK_VERSION (1, 5, 0)
static GtkWindow *
find_about (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel))
        return toplevel;
    }
  return NULL;
}
#endif

static void
test_actions (void)
{
  const char *names[] = { "new-project", "open-project", "open-demo", "preferences", "about",
                          "help", "quit" };
  ErrataWindow *window;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), names[i]));
  assert_accel ("app.new-project", "<Control>n");
  assert_accel ("app.open-project", "<Control>o");
  assert_accel ("app.quit", "<Control>q");
  assert_accel ("app.preferences", "<Control>comma");
  assert_accel ("win.import", "<Control>i");
  assert_accel ("window.close", "<Control>w");

  window = errata_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (widget_is_drawn, window);
  /* Loaded by GtkApplication from gtk/help-overlay.ui in the resource. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

#if !ADW_CHECK_VERSION (1, 5, 0)
  {
    GtkWindow *about;

    g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
    about = find_about ();
    g_assert_nonnull (about);
    g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Errata");
    g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
    /* The metainfo's notes for this version, as the About window shows them. */
    g_assert_cmpstr (adw_about_window_get_release_notes_version (ADW_ABOUT_WINDOW (about)), ==,
                     PACKAGE_VERSION);
    g_assert_true (g_str_has_prefix (adw_about_window_get_release_notes (ADW_ABOUT_WINDOW (about)),
                                     "<p>"));
    g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
    gtk_window_destroy (about);
  }
#endif
  destroy_all_windows ();
}

static GtkWindow *
find_properties (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ERRATA_IS_PROJECT_PROPERTIES (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

/* The main menu's Project Properties: over the window, for its project,
 * disabled without one. */
static void
test_project_properties (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) file = make_project (dir, "props.errata", 2);
  ErrataWindow *window = open_and_wait (file);
  GtkWindow *properties;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.project-properties", NULL));
  properties = find_properties ();
  g_assert_nonnull (properties);
  g_assert_true (gtk_window_get_transient_for (properties) == GTK_WINDOW (window));
  iterate_until (widget_is_drawn, properties);
  g_assert_true (shows_label (GTK_WIDGET (properties), g_file_peek_path (file)));
  g_assert_true (shows_label (GTK_WIDGET (properties), "None allowed"));
  gtk_window_destroy (properties);
  destroy_all_windows ();
  errata_test_remove_tree (dir);

  window = errata_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (widget_is_drawn, window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.project-properties", NULL);
  g_assert_null (find_properties ());
  destroy_all_windows ();
}

/* What app.new-project does once the file chooser has a name (the chooser
 * itself is GTK's and not driven here: headless, its folder loading makes
 * such a test flaky). A name without the .errata ending gets one. */
static void
test_new_project (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *chosen_path = g_build_filename (dir, "study", NULL);
  g_autoptr(GFile) chosen = g_file_new_for_path (chosen_path);
  g_autofree char *expected_path = g_build_filename (dir, "study.errata", NULL);
  g_autoptr(GFile) expected = g_file_new_for_path (expected_path);
  AdwViewSwitcherTitle *title;
  ErrataWindow *window;

  errata_application_create_project (app, chosen);
  window = window_for (expected);
  g_assert_true (g_file_equal (errata_window_get_file (window), expected));
  g_assert_nonnull (errata_window_get_project (window));
  g_assert_true (g_file_query_exists (expected, NULL));
  g_assert_false (g_file_query_exists (chosen, NULL));
  iterate_until (widget_is_drawn, window);
  title = find_one_visible (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE);
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "study.errata");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "You reviewed 0 of 0");

  /* The same name again: nothing is replaced, a new window says why. */
  errata_application_create_project (app, expected);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (l->data != (gpointer) window)
      {
        g_assert_null (errata_window_get_file (l->data));
        g_assert_nonnull (strstr (find_error_body (l->data), "already exists"));
      }
  g_assert_nonnull (errata_window_get_project (window));

  destroy_all_windows ();
  errata_test_remove_tree (dir);
}

/* The window owns its workspace: both pages hold that one, and closing
 * the window disposes it, cancelling what its pages left running. */
static void
test_workspace (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) file = make_project (dir, "support.errata", 3);
  g_autoptr(GCancellable) cancellable = NULL;
  ErrataWorkspace *workspace;
  ErrataWindow *window;

  window = open_and_wait (file);
  workspace = errata_window_get_workspace (window);
  g_assert_nonnull (workspace);
  g_assert_true (errata_traces_page_get_workspace (errata_window_get_traces_page (window)) == workspace);
  g_assert_true (errata_failure_modes_page_get_workspace (errata_window_get_failure_modes_page (window)) == workspace);
  g_assert_true (errata_workspace_get_project (workspace) == errata_window_get_project (window));
  cancellable = g_object_ref (errata_workspace_get_cancellable (workspace));
  g_assert_false (g_cancellable_is_cancelled (cancellable));

  destroy_all_windows ();
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  errata_test_remove_tree (dir);
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
      g_test_add_func ("/window/no-display", test_no_display);
      return g_test_run ();
    }

  /* A registered application, as in real use: it loads style.css, the
   * icons and the shortcuts window from the resource, and owns the
   * actions. NON_UNIQUE, so that a running Errata does not take over. */
  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window/traces-page", test_traces_page);
  g_test_add_func ("/window/empty-project", test_empty_project);
  g_test_add_func ("/window/welcome-recent", test_welcome_recent);
  g_test_add_func ("/window/welcome-without-recent", test_welcome_without_recent);
  g_test_add_func ("/window/help-topics", test_help_topics);
  g_test_add_func ("/window/open-error", test_open_error);
  g_test_add_func ("/window/merge-reviews", test_merge_reviews);
  g_test_add_func ("/window/window-per-project", test_window_per_project);
  g_test_add_func ("/window/window-size-saved", test_window_size_saved);
  g_test_add_func ("/window/actions", test_actions);
  g_test_add_func ("/window/project-properties", test_project_properties);
  g_test_add_func ("/window/new-project", test_new_project);
  g_test_add_func ("/window/dark-style", test_dark_style);
  g_test_add_func ("/window/workspace", test_workspace);
  return g_test_run ();
}
