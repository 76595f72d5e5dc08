/* test-report-page.c: the Report page in a real window on the hand-built
 * project of tests/core/report/report-fixture.h: Alt+4 shows it, its
 * numbers and tooltips are there, an example opens its trace on the
 * Traces page, the exports write files; and it is rendered to
 * report-page-{1440,1024}-{light,dark}.png in the build folder, with the
 * exported report-page.html and report-page.pdf beside them, for a person
 * to look at.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "errata-application.h"
#include "errata-gui-test-utils.h"
#include "errata-report-chart.h"
#include "errata-report-page.h"
#include "errata-report-text.h"
#include "errata-toast-helper.h"
#include "errata-traces-page.h"
#include "errata-window.h"
#include "report-fixture.h"

static ErrataApplication *app;

typedef struct
{
  char          *dir;
  ReportFixture  built;
  ErrataWindow  *window;
  ErrataReportPage *page;
} Fixture;

static gboolean
window_is_idle (gpointer data)
{
  return !errata_window_is_loading (data);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ErrataProject) project = errata_test_new_project (&fixture->dir);
  g_autoptr(GFile) file = NULL;

  report_fixture_build (&fixture->built, project);
  file = g_object_ref (errata_project_get_file (project));
  errata_project_close (project);

  errata_application_open_file (app, file);
  fixture->window = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1440, 1000);
  errata_gui_test_iterate_until (window_is_idle, fixture->window);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->window);
  fixture->page = errata_window_get_report_page (fixture->window);
  g_assert_nonnull (fixture->page);
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
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
report_is_visible (gpointer window)
{
  return g_strcmp0 (errata_window_get_visible_page (window), "report") == 0;
}

static gboolean
page_has_report (gpointer page)
{
  return !errata_report_page_is_loading (page) && errata_report_page_get_report (page) != NULL;
}

/* Alt+4, as the shortcuts window says. */
static void
show_report (Fixture *fixture)
{
  GtkWidget *focus = GTK_WIDGET (fixture->window);

  g_assert_true (gtk_widget_activate_action (focus, "win.show-page", "s", "report"));
  errata_gui_test_iterate_until (report_is_visible, fixture->window);
  /* Gathered in a thread: the page is filled when it is there. */
  errata_gui_test_iterate_until (page_has_report, fixture->page);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->page);
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = errata_gui_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return labels->pdata[i];
  return NULL;
}

static void
test_shows_report (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkWidget *share;

  show_report (fixture);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->page));
  /* Most frequent first, with counts, intervals, the estimate marked as one. */
  g_assert_nonnull (strstr (text, "Wrong date"));
  g_assert_cmpint (strstr (text, "Wrong date") - text, <, strstr (text, "Rude tone") - text);
  g_assert_nonnull (strstr (text, "4 of 10 reviewed traces · 40% (95% interval 17–69%)"));
  g_assert_nonnull (strstr (text, "Judge estimate"));
  g_assert_nonnull (strstr (text, "Corrected rate 5.7%"));
  g_assert_nonnull (strstr (text, "Imported labels put 1 trace here (not in the share)"));
  g_assert_nonnull (strstr (text, "10 traces reviewed here · 5 imported labels"));
  /* Judge trust: the tested one measured, the other not validated. */
  g_assert_nonnull (strstr (text, "TPR 83% (95% interval 44–97%)"));
  g_assert_nonnull (strstr (text, "TNR 75% (95% interval 30–95%)"));
  g_assert_nonnull (strstr (text, "Not validated"));
  g_assert_nonnull (strstr (text, "Not validated: never run on the test traces"));
  /* Coverage and method. */
  /* Opening the project assigns t10 (its imported label fails Wrong
   * date) to a split: the fixture's 4 test traces become 5. */
  g_assert_nonnull (strstr (text, "Wrong date: 2 train · 4 dev · 5 test"));
  g_assert_nonnull (strstr (text, "5 of 20 traces (25%) are synthetic"));
  /* Every number says what it means. */
  share = find_label (GTK_WIDGET (fixture->page), "40%");
  g_assert_nonnull (share);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (share), ==,
                   errata_report_note_text (ERRATA_REPORT_NOTE_SHARE));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (find_label (GTK_WIDGET (fixture->page),
                                                            "TPR 83% (95% interval 44–97%)")),
                   ==, errata_report_note_text (ERRATA_REPORT_NOTE_TPR));
}

static gboolean
traces_page_shows_trace (gpointer data)
{
  Fixture *fixture = data;
  ErrataTrace *trace;

  if (g_strcmp0 (errata_window_get_visible_page (fixture->window), "traces") != 0)
    return FALSE;
  trace = errata_traces_page_get_current_trace (errata_window_get_traces_page (fixture->window));
  return trace != NULL && errata_trace_get_id (trace) == fixture->built.traces[1];
}

/* The second example of Wrong date is t1: clicking it opens t1 on the
 * Traces page, through win.show-trace. */
static void
test_example_opens_trace (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *example = NULL;

  show_report (fixture);
  rows = errata_gui_test_find_visible (GTK_WIDGET (fixture->page), GTK_TYPE_LIST_BOX_ROW);
  for (guint i = 0; i < rows->len && example == NULL; i++)
    if (gtk_widget_has_css_class (rows->pdata[i], "report-example")
        && g_strcmp0 (gtk_widget_get_tooltip_text (rows->pdata[i]),
                      "Open trace conv-01 on the Traces page") == 0)
      example = rows->pdata[i];
  g_assert_nonnull (example);
  g_signal_emit_by_name (example, "activate");
  errata_gui_test_iterate_until (traces_page_shows_trace, fixture);
}

static gboolean
traces_page_filters_tone (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (errata_window_get_visible_page (fixture->window), "traces") == 0
         && errata_traces_page_get_failure_mode (errata_window_get_traces_page (fixture->window))
            == fixture->built.rude_tone;
}

/* A click on the second bar (Rude tone) lists its traces on the Traces
 * page, through the real gesture's handler. */
static void
test_bar_lists_traces (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *chart;
  g_autoptr(GListModel) controllers = NULL;
  GtkGesture *click = NULL;

  show_report (fixture);
  chart = errata_gui_test_find_with_class (GTK_WIDGET (fixture->page), GTK_TYPE_DRAWING_AREA,
                                           "report-modes-chart");
  g_assert_nonnull (chart);
  controllers = gtk_widget_observe_controllers (chart);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && click == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        click = GTK_GESTURE (controller);
    }
  g_assert_nonnull (click);
  g_signal_emit_by_name (click, "released", 1, 100.0, 1.5 * ERRATA_REPORT_CHART_ROW_HEIGHT);
  errata_gui_test_iterate_until (traces_page_filters_tone, fixture);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *html_path = g_test_build_filename (G_TEST_BUILT, "report-page.html", NULL);
  g_autofree char *pdf_path = g_test_build_filename (G_TEST_BUILT, "report-page.pdf", NULL);
  g_autoptr(GFile) html = g_file_new_for_path (html_path);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent-folder/report.html");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  AdwToast *toast;

  show_report (fixture);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (fixture->page)));
  g_assert_true (errata_report_page_export (fixture->page, html, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (html_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Wrong date"));
  toast = errata_toast_helper_get_toast (errata_gui_test_find_first (GTK_WIDGET (fixture->page),
                                                                     ADW_TYPE_TOAST_OVERLAY));
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Report saved as “report-page.html”");

  g_assert_true (errata_report_page_export (fixture->page, pdf, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (pdf_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* A folder that is not there: the toast says so, nothing is written. */
  g_assert_false (errata_report_page_export (fixture->page, nowhere, FALSE, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (adw_toast_get_title (toast), "Could not save “report.html”"));
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = NULL;
  const char *pages;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &info, NULL, &status, NULL));
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  return (guint)g_ascii_strtoull (pages + strlen ("Pages:") + strspn (pages + 6, " "), NULL, 10);
}

/* The print path lays the report out on the printer's pages: exported
 * through GtkPrintOperation, the same pages as the PDF export. */
static void
test_print (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *printed = g_build_filename (fixture->dir, "printed.pdf", NULL);
  g_autofree char *exported = g_build_filename (fixture->dir, "exported.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (exported);
  g_autoptr(GError) error = NULL;

  show_report (fixture);
  g_assert_true (errata_report_page_print (fixture->page, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                           printed, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (printed, G_FILE_TEST_EXISTS));
  g_assert_true (errata_report_page_export (fixture->page, file, TRUE, &error));
  g_assert_no_error (error);
  if (!have_program ("pdfinfo"))
    {
      g_test_skip ("poppler-utils (pdfinfo) is not installed");
      return;
    }
  /* GTK's default page is A4 or Letter, with its own margins: a page more
   * or less than the A4 export, never none. */
  g_assert_cmpuint (pdf_pages (printed), >=, 2);
  g_assert_cmpuint (ABS ((int)pdf_pages (printed) - (int)pdf_pages (exported)), <=, 1);
}

static void
render (GtkWindow      *window,
        int             width,
        const char     *scheme_name,
        AdwColorScheme  scheme)
{
  g_autofree char *name = g_strdup_printf ("report-page-%d-%s.png", width, scheme_name);
  g_autoptr(GdkTexture) texture = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
  errata_gui_test_iterate_for (200);
  errata_gui_test_wait_for_frame (GTK_WIDGET (window));
  texture = errata_gui_test_render_to_png (GTK_WIDGET (window), name);
  /* The window's size, give or take its frame. */
  g_assert_cmpint (ABS (gdk_texture_get_width (texture) - width), <=, 16);
}

/* At 1440 pixels the whole window, switcher and all. At 1024 the page in a
 * window of its own: the main window cannot be that narrow (another page
 * asks for about 1140 pixels), the Report page can (it asks for 364). A
 * size request, not a default size: GTK keeps a default size within the
 * screen, and CI's Xvfb screen is 1280 pixels wide. */
static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWindow *narrow = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page = errata_report_page_new (errata_report_page_get_workspace (fixture->page));
  int minimum;

  show_report (fixture);
  gtk_widget_set_size_request (GTK_WIDGET (fixture->window), 1440, 1000);
  render (GTK_WINDOW (fixture->window), 1440, "light", ADW_COLOR_SCHEME_FORCE_LIGHT);
  render (GTK_WINDOW (fixture->window), 1440, "dark", ADW_COLOR_SCHEME_FORCE_DARK);

  g_assert_null (errata_report_page_get_report (ERRATA_REPORT_PAGE (page)));
  errata_report_page_reload (ERRATA_REPORT_PAGE (page));
  g_assert_true (errata_report_page_is_loading (ERRATA_REPORT_PAGE (page)));
  errata_gui_test_iterate_until (page_has_report, page);
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 480);
  gtk_window_set_child (narrow, page);
  gtk_widget_set_size_request (GTK_WIDGET (narrow), 1024, 1000);
  gtk_window_present (narrow);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, narrow);
  render (narrow, 1024, "light", ADW_COLOR_SCHEME_FORCE_LIGHT);
  render (narrow, 1024, "dark", ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_destroy (narrow);
}

/* Reviews made on the Traces page show when the report is shown again. */
static void
test_reload_on_show (Fixture       *fixture,
                     gconstpointer  data)
{
  ErrataWorkspace *workspace = errata_report_page_get_workspace (fixture->page);
  ErrataProject *project = errata_workspace_get_project (workspace);

  show_report (fixture);
  g_assert_cmpuint (errata_report_page_get_report (fixture->page)->n_reviewed, ==, 10);
  report_fixture_review (project, fixture->built.traces[12], "Ana", ERRATA_VERDICT_PASS, "",
                         ERRATA_ORIGIN_HERE, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s",
                                             "traces"));
  show_report (fixture);
  g_assert_cmpuint (errata_report_page_get_report (fixture->page)->n_reviewed, ==, 11);
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
      g_test_add_func ("/report-page/no-display", test_no_display);
      return g_test_run ();
    }
  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(name, func) \
  g_test_add ("/report-page/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("shows-report", test_shows_report);
  ADD ("example-opens-trace", test_example_opens_trace);
  ADD ("bar-lists-traces", test_bar_lists_traces);
  ADD ("export", test_export);
  ADD ("reload-on-show", test_reload_on_show);
  ADD ("print", test_print);
  ADD ("screenshots", test_screenshots);
#undef ADD
  return g_test_run ();
}
