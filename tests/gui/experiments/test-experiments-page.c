/* test-experiments-page.c: the Experiments page in the window, against the
 * test HTTP system: v1 forgets the order number on refunds, v2 answers
 * shipping in German. Two code-check evaluators, one per failure mode, so
 * that v2 against v1 is better on "Missing order number" and worse on
 * "Wrong language", both significantly. Runs both variants from the page,
 * compares, opens a flip, checks the Report's section, and cancels a run
 * and resumes it; with one evaluator of whole replies, one "Overall" row.
 * Renders experiments-page-{1280,1024}-{light,dark}.png,
 * the chart alone with one and two candidates (experiments-chart{,-holm}.png)
 * and experiments-flip-1024-light.png in the build folder.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "errata-application.h"
#include "errata-evaluators.h"
#include "errata-experiment.h"
#include "errata-experiments-page.h"
#include "errata-gui-test-utils.h"
#include "errata-report.h"
#include "errata-report-document.h"
#include "errata-report-html.h"
#include "errata-taxonomy.h"
#include "errata-test-sut.h"
#include "errata-test-utils.h"
#include "errata-traces-page.h"
#include "errata-window.h"

#define N_EACH 8   /* refund queries, and as many shipping ones */

static ErrataApplication *app;

typedef struct
{
  char                  *dir;
  ErrataTestSut         *sut;
  ErrataWindow          *window;
  ErrataExperimentsPage *page;
  gint64                 experiment_id;
  gint64                 v1_id;
  gint64                 v2_id;
} Fixture;

static gboolean
window_is_idle (gpointer data)
{
  return !errata_window_is_loading (data);
}

static void
add_evaluator (ErrataProject *project,
               const char    *name,
               gint64         mode_id,
               const char    *definition_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *definition;

  g_assert_true (json_parser_load_from_data (parser, definition_json, -1, NULL));
  definition = json_node_get_object (json_parser_get_root (parser));
  evaluator = errata_evaluators_create (project, name, mode_id, "regex", definition, NULL, &error);
  g_assert_no_error (error);
  versions = errata_evaluators_list_versions (project, evaluator->id, &error);
  g_assert_no_error (error);
  g_assert_true (errata_evaluators_finalize (project,
                                             ((ErrataEvaluatorVersion *)g_ptr_array_index (versions, 0))->id,
                                             &error));
  g_assert_no_error (error);
}

static JsonObject *
target_for (Fixture    *fixture,
            const char *version)
{
  g_autofree char *json = g_strdup_printf ("{\"kind\": \"http\", \"url\": \"%s\", \"concurrency\": 1,"
                                           " \"body\": {\"query\": \"{{query}}\", \"version\": \"%s\"},"
                                           " \"reply_pointer\": \"/answer\","
                                           " \"messages_pointer\": \"/messages\"}",
                                           errata_test_sut_get_url (fixture->sut), version);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The fixture's data: ONE_OVERALL_EVALUATOR gives the project one code
 * check of whole replies instead of one per failure mode. */
#define ONE_OVERALL_EVALUATOR "one-overall-evaluator"

/* Two failure modes, a finalized code check for each (or one of whole
 * replies), an experiment of 16 queries from a file, and its variants v1
 * and v2 (a clone of v1 with another body). */
static void
build_project (Fixture       *fixture,
               ErrataProject *project,
               gboolean       one_overall)
{
  g_autoptr(ErrataTaxonomy) taxonomy = errata_taxonomy_new (project);
  g_autoptr(GString) queries = g_string_new (NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "queries.txt", NULL);
  g_autofree char *source = g_strconcat ("file:", path, NULL);
  g_autoptr(ErrataExperiment) experiment = NULL;
  g_autoptr(ErrataExperimentVariant) v1 = NULL;
  g_autoptr(ErrataExperimentVariant) v2 = NULL;
  g_autoptr(JsonObject) v1_target = target_for (fixture, "v1");
  g_autoptr(JsonObject) v2_target = target_for (fixture, "v2");
  g_autoptr(GError) error = NULL;
  gint64 order_mode, language_mode;

  order_mode = errata_taxonomy_create_mode (taxonomy, "Missing order number", "", NULL, 0, 0, &error);
  g_assert_no_error (error);
  language_mode = errata_taxonomy_create_mode (taxonomy, "Wrong language", "", NULL, 0, 0, &error);
  g_assert_no_error (error);
  add_evaluator (project, "Order cited", one_overall ? ERRATA_TARGET_OVERALL : order_mode,
                 "{\"kind\": \"regex\", \"pattern\": \"[0-9]{4}\", \"match\": \"pass\"}");
  if (!one_overall)
    add_evaluator (project, "English", language_mode,
                   "{\"kind\": \"regex\", \"pattern\": \"Bestellung|Paket\", \"match\": \"fail\"}");
  for (guint i = 0; i < N_EACH; i++)
    g_string_append_printf (queries, "Where is my refund for order %u?\n"
                                     "What is the shipping date of order %u?\n",
                            1000 + i, 2000 + i);
  g_assert_true (g_file_set_contents (path, queries->str, -1, NULL));
  experiment = errata_experiment_create (project, "German fix", source, 1, &error);
  g_assert_no_error (error);
  fixture->experiment_id = experiment->id;
  v1 = errata_experiment_variant_create (project, experiment->id, "v1", v1_target, NULL, &error);
  g_assert_no_error (error);
  json_object_remove_member (v2_target, "url");
  v2 = errata_experiment_variant_create (project, experiment->id, "v2", v2_target, "v1", &error);
  g_assert_no_error (error);
  fixture->v1_id = v1->id;
  fixture->v2_id = v2->id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ErrataProject) project = errata_test_new_project (&fixture->dir);
  g_autoptr(GFile) file = NULL;

  fixture->sut = errata_test_sut_new (0, NULL);
  g_assert_nonnull (fixture->sut);
  build_project (fixture, project, g_strcmp0 (data, ONE_OVERALL_EVALUATOR) == 0);
  file = g_object_ref (errata_project_get_file (project));
  errata_project_close (project);

  errata_application_open_file (app, file);
  fixture->window = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 1000);
  errata_gui_test_iterate_until (window_is_idle, fixture->window);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->window);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "experiments");
  fixture->page = ERRATA_EXPERIMENTS_PAGE (errata_gui_test_find_first (GTK_WIDGET (fixture->window),
                                                                       ERRATA_TYPE_EXPERIMENTS_PAGE));
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

static gboolean
run_done (gpointer data)
{
  return !errata_experiments_page_is_running (data);
}

static void
run_variant (Fixture *fixture,
             gint64   variant_id)
{
  g_autofree char *text = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "experiments.run", "x", variant_id);
  g_assert_true (errata_experiments_page_is_running (fixture->page));
  errata_gui_test_iterate_until (run_done, fixture->page);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->page));
  g_test_message ("after running variant %" G_GINT64_FORMAT ":\n%s", variant_id, text);
}

static gboolean
shows_verdicts (gpointer data)
{
  return errata_gui_test_shows_label (data, "▼ significantly worse");
}

static void
render (Fixture        *fixture,
        int             width,
        const char     *scheme_name,
        AdwColorScheme  scheme)
{
  g_autofree char *name = g_strdup_printf ("experiments-page-%d-%s.png", width, scheme_name);
  g_autoptr(GdkTexture) texture = NULL;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 1000);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), name);
  g_assert_cmpint (gdk_texture_get_width (texture), >=, width - 30);
}

/* The chart, the costs and the flips, below the table. */
static void
render_bottom (Fixture *fixture)
{
  g_autoptr(GPtrArray) scrollers = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                             GTK_TYPE_SCROLLED_WINDOW);
  g_autoptr(GdkTexture) texture = NULL;

  for (guint i = 0; i < scrollers->len; i++)
    {
      GtkAdjustment *adjustment =
        gtk_scrolled_window_get_vadjustment (g_ptr_array_index (scrollers, i));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    }
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window),
                                           "experiments-page-1024-light-bottom.png");
  g_assert_nonnull (texture);
}

/* The chart names its series (tooltip and accessible description), one
 * line each: the baseline's first, then every candidate's. */
static void
assert_chart_series (Fixture            *fixture,
                     const char * const *names)
{
  GtkWidget *chart = errata_gui_test_find_first (GTK_WIDGET (fixture->page),
                                                 GTK_TYPE_DRAWING_AREA);
  const char *tooltip;
  g_auto(GStrv) lines = NULL;

  g_assert_nonnull (chart);
  g_assert_true (gtk_widget_get_visible (chart));
  tooltip = gtk_widget_get_tooltip_text (chart);
  g_assert_nonnull (tooltip);
  lines = g_strsplit (tooltip, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length ((char **) names));
  g_assert_true (g_str_has_prefix (lines[0], names[0]));
  g_assert_nonnull (strstr (lines[0], "(baseline)"));
  for (guint i = 1; names[i] != NULL; i++)
    {
      g_autofree char *start = g_strconcat (names[i], ":", NULL);

      g_assert_true (g_str_has_prefix (lines[i], start));
    }
}

/* The chart alone, for a person to look at its series. */
static void
render_chart (Fixture    *fixture,
              const char *name)
{
  GtkWidget *chart = errata_gui_test_find_first (GTK_WIDGET (fixture->page),
                                                 GTK_TYPE_DRAWING_AREA);
  g_autoptr(GdkTexture) texture = NULL;

  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  texture = errata_gui_test_render_to_png (chart, name);
  g_assert_cmpint (gdk_texture_get_height (texture), >=,
                   gtk_widget_get_height (chart) - 1);
}

/* The comparison's table: one row per failure mode and candidate. */
static GtkGrid *
comparison_table (Fixture *fixture)
{
  return errata_gui_test_find_with_class (GTK_WIDGET (fixture->page), GTK_TYPE_GRID,
                                          "experiments-table");
}

/* The first cell of the table's row `row`, if it is a label. */
static const char *
row_title_at (GtkGrid *grid,
              int      row)
{
  GtkWidget *first = grid != NULL ? gtk_grid_get_child_at (grid, 0, row) : NULL;

  return GTK_IS_LABEL (first) ? gtk_label_get_text (GTK_LABEL (first)) : NULL;
}

/* The verdict label of the row whose first cell is `mode`. */
static GtkWidget *
verdict_of (Fixture    *fixture,
            const char *mode_prefix)
{
  GtkGrid *grid = comparison_table (fixture);

  for (int row = 0; row < 20; row++)
    {
      const char *title = row_title_at (grid, row);

      if (title != NULL && g_str_has_prefix (title, mode_prefix))
        return gtk_grid_get_child_at (grid, 5, row);
    }
  return NULL;
}

static gboolean
has_two_windows (gpointer data)
{
  return g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))) >= 2;
}

static void
open_first_flip (Fixture *fixture)
{
  GtkListBox *flips = NULL;
  g_autoptr(GPtrArray) lists = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                         GTK_TYPE_LIST_BOX);
  g_autoptr(GdkTexture) texture = NULL;
  GtkWindow *flip;
  g_autofree char *text = NULL;

  /* The flips are the last list of the page. */
  flips = g_ptr_array_index (lists, lists->len - 1);
  g_signal_emit_by_name (flips, "row-activated", gtk_list_box_get_row_at_index (flips, 0));
  flip = GTK_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  if (flip == GTK_WINDOW (fixture->window))
    errata_gui_test_iterate_until (has_two_windows, NULL);
  flip = GTK_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  g_assert_true (flip != GTK_WINDOW (fixture->window));
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, flip);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (flip));
  g_assert_nonnull (strstr (text, "Baseline: v1"));
  g_assert_nonnull (strstr (text, "Candidate: v2"));
  texture = errata_gui_test_render_to_png (GTK_WIDGET (flip), "experiments-flip-1024-light.png");
  g_assert_nonnull (texture);
  gtk_window_destroy (flip);
}

static gboolean
traces_listed_16 (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (errata_traces_page_get_model (data))) == 16;
}

/* Open in Traces: the Traces page, filtered to the variant's 16 replies
 * (of the 32 in the project). */
static void
open_in_traces (Fixture *fixture)
{
  ErrataTracesPage *traces = errata_gui_test_find_first (GTK_WIDGET (fixture->window),
                                                         ERRATA_TYPE_TRACES_PAGE);
  AdwViewStack *stack = errata_gui_test_find_first (GTK_WIDGET (fixture->window),
                                                    ADW_TYPE_VIEW_STACK);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "experiments");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "experiments.open-traces", "x",
                              fixture->v2_id);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "traces");
  errata_gui_test_iterate_until (traces_listed_16, traces);
}

/* The exported report has the same section, every rate with what it counts. */
static void
check_report_html (Fixture *fixture)
{
  g_autoptr(ErrataReport) report = errata_report_gather (page_project (fixture), NULL);
  g_autofree char *html = NULL;

  g_assert_nonnull (report);
  g_assert_nonnull (report->experiment);
  g_assert_cmpstr (report->experiment->baseline, ==, "v1");
  html = errata_report_dup_html (report, NULL);
  g_assert_nonnull (strstr (html, "The last experiment"));
  g_assert_nonnull (strstr (html, "Experiment “German fix”: “v2” against the baseline “v1”"));
  g_assert_nonnull (strstr (html, "Wrong language: baseline 100% (95% interval 81–100%, 16 of 16 "
                                  "pass, raw, Wilson), candidate 50%"));
  g_assert_nonnull (strstr (html, "significantly worse."));
  g_assert_nonnull (strstr (html, "significantly better."));
  /* The PDF lays the same section out. */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "report.pdf", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    g_autofree char *pdf = NULL;
    gsize length = 0;

    g_assert_true (errata_report_write_pdf (report, file, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &pdf, &length, NULL));
    g_assert_cmpuint (length, >, 1000);
  }
}

static gboolean
report_shows_experiment (gpointer data)
{
  return errata_gui_test_shows_label (data, "The last experiment");
}

static void
test_run_and_compare (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *last = NULL;
  GtkWidget *worse, *better, *report;
  AdwViewStack *stack;

  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->page));
  g_assert_nonnull (strstr (text, "German fix"));
  g_assert_nonnull (strstr (text, "from v1, changes: body"));
  g_assert_nonnull (strstr (text, "not run (16 replies to get)"));
  g_clear_pointer (&text, g_free);

  run_variant (fixture, fixture->v1_id);
  run_variant (fixture, fixture->v2_id);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->page));
  g_assert_nonnull (strstr (text, "16 of 16 replies"));
  g_clear_pointer (&text, g_free);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "experiments.compare", NULL);
  g_test_message ("comparing");
  errata_gui_test_iterate_until (shows_verdicts, fixture->page);
  worse = verdict_of (fixture, "Wrong language");
  better = verdict_of (fixture, "Missing order number");
  g_assert_nonnull (worse);
  g_assert_nonnull (better);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (worse)), ==, "▼ significantly worse");
  g_assert_true (gtk_widget_has_css_class (worse, "error"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (better)), ==, "▲ significantly better");
  g_assert_true (gtk_widget_has_css_class (better, "success"));
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->page));
  g_assert_nonnull (strstr (text, "Flips: 8 pass → fail, 8 fail → pass"));
  g_assert_nonnull (strstr (text, "raw, Wilson"));
  /* The page remembered the comparison for the Report. */
  last = errata_project_get_meta (page_project (fixture), ERRATA_REPORT_LAST_COMPARISON_KEY);
  g_assert_nonnull (last);

  assert_chart_series (fixture, (const char * const[]) { "v1", "v2", NULL });
  render (fixture, 1280, "light", ADW_COLOR_SCHEME_FORCE_LIGHT);
  render (fixture, 1280, "dark", ADW_COLOR_SCHEME_FORCE_DARK);
  render (fixture, 1024, "dark", ADW_COLOR_SCHEME_FORCE_DARK);
  render (fixture, 1024, "light", ADW_COLOR_SCHEME_FORCE_LIGHT);
  render_bottom (fixture);
  render_chart (fixture, "experiments-chart.png");
  open_first_flip (fixture);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "report");
  stack = errata_gui_test_find_first (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "report");
  report = errata_gui_test_find_first (GTK_WIDGET (fixture->window),
                                       g_type_from_name ("ErrataReportPage"));
  g_assert_nonnull (report);
  errata_gui_test_iterate_until (report_shows_experiment, report);
  g_assert_true (errata_gui_test_shows_label (report, "Candidate “v2”"));
  check_report_html (fixture);
  open_in_traces (fixture);
}

static gboolean
some_sent (gpointer data)
{
  return errata_test_sut_get_n_requests (data) >= 2;
}

static guint
replies_of (Fixture *fixture,
            gint64   variant_id)
{
  g_autoptr(ErrataExperimentVariant) variant =
    errata_experiment_get_variant (page_project (fixture), variant_id, NULL);

  return variant->n_replies;
}

/* Cancel stops the run with some replies stored; Run again sends only the
 * missing ones. */
static void
test_cancel_and_resume (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *text = NULL;
  guint before, requests;

  errata_test_sut_set_latency (fixture->sut, 150);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "experiments.run", "x", fixture->v1_id);
  g_assert_true (gtk_widget_get_visible (errata_gui_test_find_first (GTK_WIDGET (fixture->page),
                                                                     GTK_TYPE_PROGRESS_BAR)));
  errata_gui_test_iterate_until (some_sent, fixture->sut);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "experiments.cancel", NULL);
  errata_gui_test_iterate_until (run_done, fixture->page);
  before = replies_of (fixture, fixture->v1_id);
  g_assert_cmpuint (before, <, 2 * N_EACH);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->page));
  g_assert_nonnull (strstr (text, "Cancelled."));
  g_assert_nonnull (strstr (text, "missing: Run again to resume"));

  errata_test_sut_set_latency (fixture->sut, 0);
  requests = errata_test_sut_get_n_requests (fixture->sut);
  run_variant (fixture, fixture->v1_id);
  g_assert_cmpuint (replies_of (fixture, fixture->v1_id), ==, 2 * N_EACH);
  /* Only the missing pairs went out again. */
  g_assert_cmpuint (errata_test_sut_get_n_requests (fixture->sut) - requests, ==,
                    2 * N_EACH - before);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* the toolkit's */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
shows_holm (gpointer data)
{
  g_autofree char *text = errata_gui_test_dup_visible_text (data);

  return strstr (text, "adjusted by Holm’s method") != NULL;
}

/* New Variant clones the newest variant with the form's change; with three
 * variants, Every other variant compares both candidates with the baseline
 * and says how the p-values were corrected. */
static void
test_clone_and_holm (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) variants = NULL;
  g_autoptr(GPtrArray) dropdowns = NULL;
  g_autofree char *text = NULL;
  AdwMessageDialog *dialog;
  GtkDropDown *candidate;
  ErrataExperimentVariant *clone;

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "experiments.new-variant", NULL);
  errata_gui_test_iterate_until (has_dialog, NULL);
  dialog = find_dialog ();
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "name"), "v2 cooler");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "temperature"), "0.2");
  adw_message_dialog_response (dialog, "create");
  errata_gui_test_iterate_for (50);
  variants = errata_experiment_list_variants (page_project (fixture), fixture->experiment_id, NULL);
  g_assert_cmpuint (variants->len, ==, 3);
  clone = g_ptr_array_index (variants, 2);
  g_assert_cmpstr (clone->name, ==, "v2 cooler");
  g_assert_cmpstr (clone->parent_name, ==, "v2");
  g_assert_cmpstr (clone->changes[0], ==, "temperature");
  g_assert_null (clone->changes[1]);
  g_assert_cmpfloat (json_object_get_double_member (clone->target, "temperature"), ==, 0.2);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->page));
  g_assert_nonnull (strstr (text, "from v2, changes: temperature"));

  run_variant (fixture, fixture->v1_id);
  run_variant (fixture, fixture->v2_id);
  run_variant (fixture, clone->id);
  dropdowns = errata_gui_test_find_all (GTK_WIDGET (fixture->page), GTK_TYPE_DROP_DOWN);
  candidate = g_ptr_array_index (dropdowns, 1);
  /* After the three variants: Every other variant. */
  gtk_drop_down_set_selected (candidate, 3);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "experiments.compare", NULL);
  errata_gui_test_iterate_until (shows_holm, fixture->page);
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->page), "v2 cooler"));
  g_clear_pointer (&text, g_free);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->page));
  g_assert_nonnull (strstr (text, "(Holm "));
  /* v2 and its cooler clone answer alike: 8 + 8 flips each way. */
  g_assert_nonnull (strstr (text, "Flips: 16 pass → fail, 16 fail → pass"));
  /* The chart draws both candidates, not only the first. */
  assert_chart_series (fixture, (const char * const[]) { "v1", "v2", "v2 cooler", NULL });
  render_chart (fixture, "experiments-chart-holm.png");
}

/* Delete Experiment keeps the replies as traces; with none left, the page
 * says what an experiment is and how to start. */
static void
test_delete_to_empty (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) experiments = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 760);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "experiments.delete", NULL);
  experiments = errata_experiment_list (page_project (fixture), NULL);
  g_assert_cmpuint (experiments->len, ==, 0);
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->page), "No Experiments Yet"));
  g_assert_nonnull (errata_gui_test_find_button (GTK_WIDGET (fixture->page), "New Experiment…"));
  texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window),
                                           "experiments-page-empty-1024-light.png");
  g_assert_nonnull (texture);
}

static gboolean
shows_better (gpointer data)
{
  return errata_gui_test_shows_label (data, "▲ significantly better");
}

/* The titles of the table's rows that say "overall", in any case. */
static GPtrArray *
overall_titles (Fixture *fixture)
{
  GtkGrid *grid = comparison_table (fixture);
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  for (int row = 0; row < 20; row++)
    {
      const char *title = row_title_at (grid, row);
      g_autofree char *folded = title != NULL ? g_utf8_casefold (title, -1) : NULL;

      if (folded != NULL && strstr (folded, "overall") != NULL)
        g_ptr_array_add (titles, g_strdup (title));
    }
  return titles;
}

/* One evaluator, of whole replies: one "Overall" row, its own, where the
 * table showed "overall (judge …)" and a combined "Overall" that repeated it. */
static void
test_one_overall_evaluator (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) titles = NULL;
  GtkWidget *verdict;

  run_variant (fixture, fixture->v1_id);
  run_variant (fixture, fixture->v2_id);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "experiments.compare", NULL);
  errata_gui_test_iterate_until (shows_better, fixture->page);
  titles = overall_titles (fixture);
  g_assert_cmpuint (titles->len, ==, 1);
  g_assert_cmpstr (titles->pdata[0], ==, "Overall (judge “Order cited” v1)");
  verdict = verdict_of (fixture, "Overall");
  g_assert_nonnull (verdict);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (verdict)), ==, "▲ significantly better");
  /* Its flips say where in the same word. */
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->page), "v2 · Overall"));
  render (fixture, 1024, "one-overall-light", ADW_COLOR_SCHEME_FORCE_LIGHT);
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
      g_test_add_func ("/experiments-page/no-display", test_no_display);
      return g_test_run ();
    }
  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(name, func) \
  g_test_add ("/experiments-page/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("run-and-compare", test_run_and_compare);
  ADD ("cancel-and-resume", test_cancel_and_resume);
  ADD ("clone-and-holm", test_clone_and_holm);
  ADD ("delete-to-empty", test_delete_to_empty);
#undef ADD
  g_test_add ("/experiments-page/one-overall-evaluator", Fixture, ONE_OVERALL_EVALUATOR,
              fixture_set_up, test_one_overall_evaluator, fixture_tear_down);
  return g_test_run ();
}
