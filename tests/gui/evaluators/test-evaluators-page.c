/* test-evaluators-page.c: the Evaluators page on a project built here:
 * labels and splits, a code check run on dev three times as it improves,
 * the test split looked at once (and a second look with a reason), the
 * estimate on unlabelled traces, repeats for flakiness, and a judge run
 * against the mock LLM server cancelled and resumed.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "errata-evaluators-page-private.h"
#include "errata-alignment-chart.h"
#include "errata-code-check-editor.h"
#include "errata-interval-chart.h"
#include "errata-eval-metrics.h"
#include "errata-eval-runs.h"
#include "errata-gui-test-utils.h"
#include "errata-labels.h"
#include "errata-mock-llm-server.h"
#include "errata-splits.h"
#include "errata-taxonomy.h"
#include "errata-test-utils.h"

#define N_TRACES    90
#define N_LABELLED  70   /* the rest are unlabelled, for the estimate */

typedef struct
{
  char                 *dir;
  ErrataProject        *project;
  ErrataWorkspace      *workspace;
  GtkWindow            *window;
  ErrataEvaluatorsPage *page;
  gint64                mode;
  gint64                check;     /* a "contains" check on the mode */
  GArray               *ids;
} Fixture;

/* Trace i mentions a refund when i % 3 == 0. The human fails the mode on
 * those, and also on every trace i % 4 == 1 (where no word gives it
 * away): a check on "refund" alone misses them. There are 12 of those
 * among the labelled traces; dev holds some with most seeds, but not all
 * (a CI run met one): the fixture fixes the seed. */
static gboolean
human_fails (guint i)
{
  return i % 3 == 0 || i % 4 == 1;
}

static void
add_traces (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < N_TRACES; i++)
    {
      g_autofree char *name = g_strdup_printf ("conv-%02u", i);
      g_autofree char *answer = g_strdup_printf (i % 3 == 0 ? "You get a refund, case %u."
                                                 : i % 4 == 1 ? "We will repay you, case %u."
                                                 : "Here is your booking, case %u.", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (name, "Can you help?", answer);
      gint64 id;

      g_assert_true (errata_project_add_trace (fixture->project, trace, NULL, &error));
      g_assert_no_error (error);
      id = errata_trace_get_id (trace);
      g_array_append_val (fixture->ids, id);
      if (i < N_LABELLED)
        {
          g_assert_true (errata_labels_set (fixture->project, fixture->mode, id,
                                            human_fails (i) ? ERRATA_VERDICT_FAIL
                                                            : ERRATA_VERDICT_PASS,
                                            "Ana", "test", &error));
          g_assert_no_error (error);
        }
    }
}

static JsonObject *
contains_definition (const char *first_word,
                     const char *second_word)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;

  text = second_word != NULL
         ? g_strdup_printf ("{\"words\": [\"%s\", \"%s\"], \"mode\": \"none\"}", first_word,
                            second_word)
         : g_strdup_printf ("{\"words\": [\"%s\"], \"mode\": \"none\"}", first_word);
  node = json_from_string (text, NULL);
  return json_object_ref (json_node_get_object (node));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTaxonomy) taxonomy = NULL;
  g_autoptr(JsonObject) definition = contains_definition ("refund", NULL);
  g_autoptr(ErrataEvaluator) check = NULL;

  fixture->project = errata_test_new_project (&fixture->dir);
  taxonomy = errata_taxonomy_new (fixture->project);
  fixture->mode = errata_taxonomy_create_mode (taxonomy, "Mentions a refund", "", NULL, 0,
                                               ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  /* The split's seed, which a project otherwise draws at random. */
  g_assert_true (errata_project_set_meta (fixture->project, "split_seed", "20261205", &error));
  g_assert_no_error (error);
  add_traces (fixture);
  check = errata_evaluators_create (fixture->project, "Refund words", fixture->mode, "contains",
                                    definition, NULL, &error);
  g_assert_no_error (error);
  fixture->check = check->id;

  fixture->workspace = errata_workspace_new (fixture->project, NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1280, 860);
  fixture->page = ERRATA_EVALUATORS_PAGE (errata_evaluators_page_new (fixture->workspace));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  errata_gui_test_iterate_for (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  errata_gui_test_iterate_for (20);
  g_clear_object (&fixture->workspace);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  g_clear_pointer (&fixture->ids, g_array_unref);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static gint64
row_evaluator (GtkListBoxRow *row)
{
  g_assert_nonnull (row);
  return GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "errata-evaluator"));
}

static gboolean
run_has_ended (gpointer page)
{
  return !errata_evaluators_page_is_running (page);
}

/* Activates a page action, then waits for the run it starts to end. */
static void
run_and_wait (Fixture    *fixture,
              const char *action,
              GVariant   *parameter)
{
  g_autoptr(GVariant) owned = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;

  /* GTK 4.8 does not sink a floating parameter. */
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->page), action, owned));
  errata_gui_test_iterate_until_full (run_has_ended, fixture->page, 120);

}

static void
save_version (Fixture    *fixture,
              const char *first_word,
              const char *second_word)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) definition = contains_definition (first_word, second_word);
  g_autoptr(ErrataEvaluatorVersion) version = NULL;

  version = errata_evaluators_save (fixture->project, fixture->check, definition, NULL, &error);
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "evaluators.changed", "x",
                              fixture->check);
}

static ErrataRunInfo *
latest_run (Fixture *fixture,
            gint64   evaluator_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = errata_eval_runs_list (fixture->project, evaluator_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, >, 0);
  return g_ptr_array_steal_index (runs, 0);   /* newest first */
}

static void
render_both_styles (Fixture    *fixture,
                    const char *name)
{
  g_autofree char *light = g_strdup_printf ("evaluators-%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("evaluators-%s-dark.png", name);
  g_autoptr(GdkTexture) light_texture = NULL;
  g_autoptr(GdkTexture) dark_texture = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  light_texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark_texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_cmpfloat (errata_gui_test_brightness_at (light_texture, 4, 4), >,
                     errata_gui_test_brightness_at (dark_texture, 4, 4));
}

/* ---- the list and the labels ---------------------------------------------- */

static void
test_empty (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataWorkspace) workspace = errata_workspace_new (project, NULL);
  GtkWidget *page = g_object_ref_sink (errata_evaluators_page_new (workspace));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (ERRATA_EVALUATORS_PAGE (page)->main_stack),
                   ==, "empty");
  g_assert_cmpint (errata_evaluators_page_get_evaluator (ERRATA_EVALUATORS_PAGE (page)), ==, 0);
  g_object_unref (page);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* The counts shown are the core's; the state line says "draft" before any
 * run; a disputed trace can be settled, by the annotator, with history. */
static void
test_labels (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  ErrataSplitCounts counts;
  ErrataLabelsPanel *panel = fixture->page->labels_panel;
  gint64 disputed;

  g_assert_cmpint (errata_evaluators_page_get_evaluator (fixture->page), ==, fixture->check);
  g_assert_nonnull (strstr (gtk_label_get_text (fixture->page->state_label), "draft"));
  g_assert_true (errata_splits_get_counts (fixture->project, fixture->mode, &counts, &error));
  g_assert_no_error (error);
  for (int split = ERRATA_SPLIT_TRAIN; split <= ERRATA_SPLIT_TEST; split++)
    for (int fail = 0; fail < 2; fail++)
      g_assert_cmpuint (errata_labels_panel_get_count (panel, split, fail), ==,
                        counts.counts[split][fail]);
  g_assert_cmpuint (counts.counts[ERRATA_SPLIT_DEV][0] + counts.counts[ERRATA_SPLIT_DEV][1], >, 20);
  g_assert_cmpuint (errata_labels_panel_get_n_disputed (panel), ==, 0);

  /* Two reviewers who differ on an unlabelled trace's overall verdict. */
  disputed = g_array_index (fixture->ids, gint64, N_TRACES - 1);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ErrataAnnotation) review = errata_annotation_new (disputed, i ? "Bo" : "Cy");

      review->verdict = i ? ERRATA_VERDICT_PASS : ERRATA_VERDICT_FAIL;
      g_assert_true (errata_project_set_annotation (fixture->project, review, &error));
      g_assert_no_error (error);
    }
  errata_labels_panel_set_target (panel, fixture->workspace, ERRATA_TARGET_OVERALL);
  g_assert_cmpuint (errata_labels_panel_get_n_disputed (panel), ==, 1);
  g_assert_true (errata_labels_panel_settle (panel, disputed, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (errata_labels_panel_get_n_disputed (panel), ==, 0);
  history = errata_labels_history (fixture->project, ERRATA_TARGET_OVERALL, disputed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpint (((ErrataLabelChange *)history->pdata[0])->new_value, ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpstr (((ErrataLabelChange *)history->pdata[0])->who, ==, g_get_real_name ()[0] != '\0'
                   && g_strcmp0 (g_get_real_name (), "Unknown") != 0
                   ? g_get_real_name () : g_get_user_name ());
}

/* A new evaluator (as the New Evaluator dialog makes one) is shown at
 * once, even when it becomes the first row of a list on screen, which
 * GtkListBox selects by itself as the rows come. */
static void
test_new_evaluator_shown (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) definition = contains_definition ("sorry", NULL);
  g_autoptr(ErrataEvaluator) created = NULL;

  created = errata_evaluators_create (fixture->project, "Apologies", fixture->mode, "contains",
                                      definition, NULL, &error);
  g_assert_no_error (error);
  /* Focus in the list, as after the dialog closes. */
  gtk_widget_grab_focus (GTK_WIDGET (fixture->page->evaluator_list));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "evaluators.changed", "x", created->id);
  errata_gui_test_iterate_for (50);
  g_assert_cmpint (errata_evaluators_page_get_evaluator (fixture->page), ==, created->id);
  g_assert_cmpstr (gtk_label_get_text (fixture->page->title_label), ==, "Apologies");
  g_assert_cmpint (row_evaluator (gtk_list_box_get_selected_row (fixture->page->evaluator_list)),
                   ==, created->id);
}

/* The form's widget for a parameter carries the parameter's name. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Edits not saved survive a look at another evaluator, and the page
 * names the evaluator (the window asks before closing on them). */
static void
test_unsaved_edits (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) definition = contains_definition ("sorry", NULL);
  g_autoptr(ErrataEvaluator) other = NULL;
  g_autofree char *unsaved = NULL;
  GtkSwitch *switch_widget;
  GtkWidget *editor;

  gtk_stack_set_visible_child_name (fixture->page->detail_stack, "definition");
  errata_gui_test_iterate_for (50);
  g_assert_null (errata_evaluators_page_dup_unsaved (fixture->page));
  editor = gtk_stack_get_visible_child (fixture->page->definition_stack);
  g_assert_true (ERRATA_IS_CODE_CHECK_EDITOR (editor));
  g_assert_nonnull (find_named (editor, "whole_words"));
  switch_widget = errata_gui_test_find_first (find_named (editor, "whole_words"), GTK_TYPE_SWITCH);
  gtk_switch_set_active (switch_widget, !gtk_switch_get_active (switch_widget));
  errata_gui_test_iterate_for (50);
  g_assert_true (errata_code_check_editor_get_modified (ERRATA_CODE_CHECK_EDITOR (editor)));
  unsaved = errata_evaluators_page_dup_unsaved (fixture->page);
  g_assert_cmpstr (unsaved, ==, "Refund words");

  other = errata_evaluators_create (fixture->project, "Apologies", fixture->mode, "contains",
                                    definition, NULL, &error);
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "evaluators.changed", "x", other->id);
  g_assert_true (gtk_stack_get_visible_child (fixture->page->definition_stack) != editor);
  errata_evaluators_page_show_evaluator (fixture->page, fixture->check);
  g_assert_true (gtk_stack_get_visible_child (fixture->page->definition_stack) == editor);
  g_assert_true (errata_code_check_editor_get_modified (ERRATA_CODE_CHECK_EDITOR (editor)));
}

/* A split with four fails says how wide TNR's interval is there. */
static void
test_small_split_warning (void)
{
  g_autofree char *warning = errata_labels_describe_small_split ("dev", 40, 4);
  g_autofree char *none = errata_labels_describe_small_split ("test", 40, 30);
  g_autofree char *empty = errata_labels_describe_small_split ("test", 0, 30);

  g_assert_nonnull (strstr (warning, "dev has 4 fails"));
  g_assert_nonnull (strstr (warning, "TNR"));
  g_assert_null (strstr (warning, "TPR"));
  g_assert_null (none);
  g_assert_nonnull (strstr (empty, "no passing traces"));
}

/* ---- alignment on dev --------------------------------------------------- */

static void
assert_view_matches_core (Fixture *fixture)
{
  g_autoptr(ErrataRunInfo) run = latest_run (fixture, fixture->check);
  g_autoptr(GError) error = NULL;
  ErrataEvalMetrics shown, computed;

  g_assert_cmpint (run->status, ==, ERRATA_RUN_DONE);
  g_assert_cmpint (run->scope, ==, ERRATA_SCOPE_DEV);
  g_assert_cmpint (errata_alignment_view_get_run (fixture->page->alignment_view), ==, run->id);
  g_assert_true (errata_alignment_view_get_metrics (fixture->page->alignment_view, &shown));
  g_assert_true (errata_eval_metrics_compute (fixture->project, run->id, &computed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shown.alignment.confusion.tp, ==, computed.alignment.confusion.tp);
  g_assert_cmpuint (shown.alignment.confusion.fp, ==, computed.alignment.confusion.fp);
  g_assert_cmpuint (shown.alignment.confusion.tn, ==, computed.alignment.confusion.tn);
  g_assert_cmpuint (shown.alignment.confusion.fn, ==, computed.alignment.confusion.fn);
}

/* Three versions run on dev: each run is the one shown, its matrix is the
 * core's, the chart has a point per version, and the list's state line
 * gives the rates. The first version misses the "repay" traces (false
 * passes); the second catches them; the third adds a word that is never
 * used (no change). */
static void
test_align_three_versions (Fixture       *fixture,
                           gconstpointer  data)
{
  ErrataEvalMetrics first, second;
  ErrataAlignmentChart *chart;

  gtk_stack_set_visible_child_name (fixture->page->detail_stack, "alignment");
  run_and_wait (fixture, "evaluators.run-dev", NULL);
  assert_view_matches_core (fixture);
  g_assert_true (errata_alignment_view_get_metrics (fixture->page->alignment_view, &first));
  g_assert_cmpuint (first.alignment.confusion.fp, >, 0);
  g_assert_nonnull (strstr (gtk_label_get_text (fixture->page->state_label), "TPR"));

  save_version (fixture, "refund", "repay");
  run_and_wait (fixture, "evaluators.run-dev", NULL);
  assert_view_matches_core (fixture);
  g_assert_true (errata_alignment_view_get_metrics (fixture->page->alignment_view, &second));
  g_assert_cmpuint (second.alignment.confusion.fp, ==, 0);
  g_assert_cmpfloat (second.alignment.tnr, >, first.alignment.tnr);

  save_version (fixture, "repay", "refund");
  run_and_wait (fixture, "evaluators.run-dev", NULL);
  assert_view_matches_core (fixture);
  g_assert_cmpuint (errata_alignment_view_get_n_versions_charted (fixture->page->alignment_view),
                    ==, 3);
  chart = errata_gui_test_find_first (GTK_WIDGET (fixture->page), ERRATA_TYPE_ALIGNMENT_CHART);
  g_assert_cmpuint (errata_alignment_chart_get_n_points (chart), ==, 3);
  g_assert_false (errata_alignment_chart_has_test (chart));
  render_both_styles (fixture, "alignment");
}

/* ---- test once, estimate, flakiness ------------------------------------- */

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  /* As a click does: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  errata_gui_test_iterate_until (dialog_gone, NULL);
}

/* The first look finalizes the version and runs it on test; the
 * estimate then says one sentence; a second look needs a typed reason and
 * shows it. */
static void
test_test_once_and_estimate (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(GPtrArray) looks = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  save_version (fixture, "refund", "repay");
  run_and_wait (fixture, "evaluators.run-dev", NULL);
  gtk_stack_set_visible_child_name (fixture->page->detail_stack, "test");
  g_assert_nonnull (strstr (errata_test_panel_get_test_text (fixture->page->test_panel), "draft"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "evaluators.run-test", NULL);
  errata_gui_test_iterate_until (dialog_shown, NULL);
  dialog = find_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "looked at once"));
  render_both_styles (fixture, "test-dialog");
  respond (dialog, "run");
  errata_gui_test_iterate_until_full (run_has_ended, fixture->page, 120);
  version = errata_evaluators_get_version (fixture->project, fixture->check, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (version->locked_at, >, 0);
  g_assert_nonnull (strstr (errata_test_panel_get_test_text (fixture->page->test_panel),
                            "on test"));

  run_and_wait (fixture, "evaluators.run-unlabeled", NULL);
  g_assert_true (g_str_has_prefix (errata_test_panel_get_sentence (fixture->page->test_panel),
                                   "About "));
  g_assert_nonnull (strstr (errata_test_panel_get_sentence (fixture->page->test_panel),
                            "Mentions a refund"));
  g_assert_true (errata_interval_chart_has_estimate (
    errata_gui_test_find_first (GTK_WIDGET (fixture->page), ERRATA_TYPE_INTERVAL_CHART)));
  g_assert_true (errata_alignment_chart_has_test (
    errata_gui_test_find_first (GTK_WIDGET (fixture->page), ERRATA_TYPE_ALIGNMENT_CHART)));
  render_both_styles (fixture, "estimate");

  /* A second look: the button waits for a reason. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "evaluators.run-test", NULL);
  errata_gui_test_iterate_until (dialog_shown, NULL);
  dialog = find_dialog ();
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "run"));
  entry = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), "labels fixed on four traces");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "run"));
  respond (dialog, "run");
  errata_gui_test_iterate_until_full (run_has_ended, fixture->page, 120);
  looks = errata_evaluators_list_test_looks (fixture->project, fixture->check, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (looks->len, ==, 2);
  g_assert_cmpstr (((ErrataTestLook *)looks->pdata[1])->forced_reason, ==,
                   "labels fixed on four traces");
  g_assert_nonnull (strstr (gtk_label_get_text (fixture->page->state_label), "2 test looks"));
}

/* Three runs on dev of a deterministic check: no trace is unstable. */
static void
test_flakiness (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ErrataRunInfo) last = NULL;

  gtk_stack_set_visible_child_name (fixture->page->detail_stack, "test");
  run_and_wait (fixture, "evaluators.repeat-dev", g_variant_new_int32 (3));
  last = latest_run (fixture, fixture->check);
  g_assert_cmpint (last->repeat_of, >, 0);
  g_assert_true (g_str_has_prefix (errata_test_panel_get_flakiness (fixture->page->test_panel),
                                   "Over 3 runs"));
  g_assert_cmpuint (errata_test_panel_get_n_unstable (fixture->page->test_panel), ==, 0);
}

/* ---- a judge, cancelled and resumed ------------------------------------- */

static gboolean
some_judged (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GArray) verdicts = NULL;
  ErrataRunInfo *run;

  runs = errata_eval_runs_list (fixture->project, errata_evaluators_page_get_evaluator (fixture->page),
                                NULL);
  if (runs == NULL || runs->len == 0)
    return FALSE;
  run = g_ptr_array_index (runs, 0);
  verdicts = errata_eval_runs_verdicts (fixture->project, run->id, NULL);
  return verdicts != NULL && verdicts->len >= 2;
}

/* A judge on the mock server (150 ms a reply, one at a time) and a page
 * whose workspace reads the settings that point at it. */
static ErrataEvaluator *
judge_page_new (Fixture             *fixture,
                ErrataMockLlmServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(ErrataWorkspace) workspace = NULL;
  g_autoptr(JsonObject) definition = json_object_new ();
  g_autofree char *base_url = NULL;
  g_autoptr(JsonNode) reply = json_from_string ("{\"json\": {\"reasoning\": \"No refund.\","
                                                " \"verdict\": \"pass\"}}", NULL);
  ErrataEvaluator *judge;

  errata_mock_llm_server_add_reply (server, reply);
  errata_mock_llm_server_set_latency (server, 150);
  base_url = errata_mock_llm_server_dup_base_url (server, FALSE);
  g_settings_set_string (settings, "llm-provider", "custom");
  g_settings_set_string (settings, "llm-base-url", base_url);
  g_settings_set_string (settings, "llm-model", "mock-model");
  json_object_set_string_member (definition, "prompt", "Does this mention a refund?\n{{output}}");
  json_object_set_int_member (definition, "concurrency", 1);
  judge = errata_evaluators_create (fixture->project, "Refund judge", fixture->mode, "judge",
                                    definition, NULL, &error);
  g_assert_no_error (error);

  workspace = errata_workspace_new (fixture->project, settings);
  fixture->page = ERRATA_EVALUATORS_PAGE (errata_evaluators_page_new (workspace));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  errata_evaluators_page_show_evaluator (fixture->page, judge->id);
  g_assert_cmpint (errata_evaluators_page_get_evaluator (fixture->page), ==, judge->id);
  return judge;
}

static void
test_judge_cancel_and_resume (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataMockLlmServer) server = errata_mock_llm_server_new (0, &error);
  g_autoptr(ErrataEvaluator) judge = NULL;
  g_autoptr(ErrataRunInfo) cancelled = NULL;
  g_autoptr(ErrataRunInfo) resumed = NULL;
  g_autoptr(GArray) verdicts = NULL;

  g_assert_no_error (error);
  judge = judge_page_new (fixture, server);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "evaluators.run-dev",
                                             NULL));
  errata_gui_test_iterate_until_full (some_judged, fixture, 60);
  render_both_styles (fixture, "running");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "evaluators.cancel-run", NULL);
  errata_gui_test_iterate_until_full (run_has_ended, fixture->page, 60);
  cancelled = latest_run (fixture, judge->id);
  g_assert_cmpint (cancelled->status, ==, ERRATA_RUN_CANCELLED);
  g_assert_cmpuint (cancelled->n_pass + cancelled->n_fail + cancelled->n_error, <, cancelled->total);
  g_assert_true (gtk_revealer_get_reveal_child (fixture->page->resume_revealer));

  errata_mock_llm_server_set_latency (server, 0);
  run_and_wait (fixture, "evaluators.resume-run", NULL);
  resumed = latest_run (fixture, judge->id);
  g_assert_cmpint (resumed->id, ==, cancelled->id);
  g_assert_cmpint (resumed->status, ==, ERRATA_RUN_DONE);
  verdicts = errata_eval_runs_verdicts (fixture->project, resumed->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (verdicts->len, ==, resumed->total);
  g_assert_false (gtk_revealer_get_reveal_child (fixture->page->resume_revealer));
}

typedef struct
{
  Fixture *fixture;
  gint64   judge_id;
} RunWatch;

static gboolean
run_is_cancelled (gpointer data)
{
  RunWatch *watch = data;
  g_autoptr(ErrataRunInfo) run = latest_run (watch->fixture, watch->judge_id);

  return run->status != ERRATA_RUN_RUNNING;
}

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *)data == NULL;
}

/* A page closed while its judge runs goes at once (the run holds it
 * weakly), and its going cancels the run: no verdicts are asked for
 * a page nobody sees. */
static void
test_judge_page_closed_while_running (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataMockLlmServer) server = errata_mock_llm_server_new (0, &error);
  g_autoptr(ErrataEvaluator) judge = NULL;
  g_autoptr(ErrataRunInfo) run = NULL;
  gpointer page;
  RunWatch watch = { fixture, 0 };

  g_assert_no_error (error);
  judge = judge_page_new (fixture, server);
  watch.judge_id = judge->id;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "evaluators.run-dev",
                                             NULL));
  errata_gui_test_iterate_until_full (some_judged, fixture, 60);

  page = fixture->page;
  g_object_add_weak_pointer (G_OBJECT (page), &page);
  fixture->page = NULL;
  gtk_window_set_child (fixture->window, NULL);
  errata_gui_test_iterate_until_full (pointer_is_null, &page, 60);
  g_assert_null (page);

  errata_gui_test_iterate_until_full (run_is_cancelled, &watch, 60);
  run = latest_run (fixture, judge->id);
  g_assert_cmpint (run->status, ==, ERRATA_RUN_CANCELLED);
  g_assert_cmpuint (run->n_pass + run->n_fail + run->n_error, <, run->total);
}

/* The page's judge runs keep their replies in the project, as errata-cli's
 * do: running the same version again asks the server for nothing. */
static void
test_judge_rerun_from_cache (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataMockLlmServer) server = errata_mock_llm_server_new (0, &error);
  g_autoptr(ErrataEvaluator) judge = NULL;
  g_autoptr(ErrataRunInfo) first = NULL;
  g_autoptr(ErrataRunInfo) second = NULL;
  g_autoptr(GArray) verdicts = NULL;
  guint asked;

  g_assert_no_error (error);
  judge = judge_page_new (fixture, server);
  errata_mock_llm_server_set_latency (server, 0);
  run_and_wait (fixture, "evaluators.run-dev", NULL);
  first = latest_run (fixture, judge->id);
  g_assert_cmpint (first->status, ==, ERRATA_RUN_DONE);
  asked = errata_mock_llm_server_get_n_requests (server);
  g_assert_cmpuint (asked, ==, first->total);

  run_and_wait (fixture, "evaluators.run-dev", NULL);
  second = latest_run (fixture, judge->id);
  g_assert_cmpint (second->id, !=, first->id);
  g_assert_cmpint (second->status, ==, ERRATA_RUN_DONE);
  verdicts = errata_eval_runs_verdicts (fixture->project, second->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (verdicts->len, ==, second->total);
  g_assert_cmpuint (second->n_pass, ==, second->total);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, asked);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/evaluators-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/evaluators-page/empty", test_empty);
  g_test_add_func ("/evaluators-page/small-split-warning", test_small_split_warning);
  ADD ("labels", test_labels);
  ADD ("new-evaluator-shown", test_new_evaluator_shown);
  ADD ("unsaved-edits", test_unsaved_edits);
  ADD ("align-three-versions", test_align_three_versions);
  ADD ("test-once-and-estimate", test_test_once_and_estimate);
  ADD ("flakiness", test_flakiness);
  ADD ("judge-cancel-and-resume", test_judge_cancel_and_resume);
  ADD ("judge-page-closed-while-running", test_judge_page_closed_while_running);
  ADD ("judge-rerun-from-cache", test_judge_rerun_from_cache);
#undef ADD

  return g_test_run ();
}
