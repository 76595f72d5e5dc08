/* test-disagreement-browser.c: the disagreement browser on a project built
 * here: traces, a failure mode, explicit labels, a "contains" code check
 * run on dev whose verdicts differ from some labels.
 *
 * What the browser lists is checked against cells computed here from the
 * labels the test set and the words the test wrote, not from the core.
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

#include "errata-disagreement-browser.h"
#include "errata-disagreement-item.h"
#include "errata-eval-run.h"
#include "errata-eval-runs.h"
#include "errata-eval-scope.h"
#include "errata-evaluator-method.h"
#include "errata-evaluators.h"
#include "errata-gui-test-utils.h"
#include "errata-labels.h"
#include "errata-splits.h"
#include "errata-test-utils.h"
#include "errata-trace-view.h"

#define N_TRACES  60
#define ANNOTATOR "Ana Lima"
#define REASON    "corrected on the Evaluators page"
#define NOTE      "The agent promised a refund that policy does not allow."

/* ---- a parent that stands for the page ------------------------------------- */

/* Counts evaluators.labels-changed and keeps the last win.show-trace. */
#define TEST_TYPE_PARENT (test_parent_get_type ())
G_DECLARE_FINAL_TYPE (TestParent, test_parent, TEST, PARENT, GtkWidget)

struct _TestParent
{
  GtkWidget parent_instance;
  guint     n_labels_changed;
  gint64    shown_trace;
};

G_DEFINE_FINAL_TYPE (TestParent, test_parent, GTK_TYPE_WIDGET)

static void
labels_changed_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_assert_null (parameter);
  TEST_PARENT (widget)->n_labels_changed++;
}

static void
show_trace_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TEST_PARENT (widget)->shown_trace = g_variant_get_int64 (parameter);
}

static void
test_parent_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (test_parent_parent_class)->dispose (object);
}

static void
test_parent_class_init (TestParentClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = test_parent_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "evaluators.labels-changed", NULL,
                                   labels_changed_action);
  gtk_widget_class_install_action (widget_class, "win.show-trace", "x", show_trace_action);
}

static void
test_parent_init (TestParent *self)
{
}

/* ---- fixture ------------------------------------------------------------------- */

typedef struct
{
  char                      *dir;
  ErrataProject             *project;
  ErrataWorkspace           *workspace;
  gint64                     mode;
  gint64                     ids[N_TRACES];
  GHashTable                *human;    /* trace id → ErrataVerdict, as the test labelled it */
  GHashTable                *refund;   /* trace ids whose reply says "refund" */
  GHashTable                *stuck;    /* trace ids whose reply the pattern backtracks on */
  GArray                    *dev;
  gint64                     run_id;
  GtkWindow                 *window;
  TestParent                *parent;
  ErrataDisagreementBrowser *browser;
} Fixture;

/* Every third trace fails the mode; every fourth reply offers a refund,
 * which the check fails: the two disagree on some traces each way. */
static ErrataVerdict
label_of (guint i)
{
  return i % 3 == 0 ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS;
}

static gboolean
says_refund (guint i)
{
  return i % 4 == 0;
}

/* A reply of 40 a's and a b: the check's ^(a+)+$ backtracks on it until
 * PCRE2's limit, an error verdict. Never a trace that says "refund". */
static gboolean
makes_check_fail (guint i)
{
  return i % 10 == 7;
}

static void
add_traces (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_TRACES; i++)
    {
      g_autofree char *name = g_strdup_printf ("order-%03u", i);
      g_autofree char *question = g_strdup_printf ("Can I get my money back for order %u? "
                                                   "It arrived broken.", i);
      g_autofree char *answer = says_refund (i)
        ? g_strdup_printf ("I am sorry! I have issued a full refund for order %u.", i)
        : makes_check_fail (i) ? g_strconcat ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "b", NULL)
        : g_strdup_printf ("I am sorry! A replacement for order %u ships tomorrow.", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (name, question, answer);

      g_assert_true (errata_project_add_trace (fixture->project, trace, NULL, &error));
      g_assert_no_error (error);
      fixture->ids[i] = errata_trace_get_id (trace);
      g_hash_table_insert (fixture->human, g_memdup2 (&fixture->ids[i], sizeof (gint64)),
                           GINT_TO_POINTER (label_of (i)));
      if (says_refund (i))
        g_hash_table_add (fixture->refund, g_memdup2 (&fixture->ids[i], sizeof (gint64)));
      if (makes_check_fail (i))
        g_hash_table_add (fixture->stuck, g_memdup2 (&fixture->ids[i], sizeof (gint64)));
    }
}

static void
add_labels (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->mode = errata_taxonomy_create_mode (errata_workspace_get_taxonomy (fixture->workspace),
                                               "Refund promised", "Promises a refund policy forbids",
                                               NULL, 0, ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->mode, >, 0);
  for (guint i = 0; i < N_TRACES; i++)
    {
      g_assert_true (errata_labels_set (fixture->project, fixture->mode, fixture->ids[i],
                                        label_of (i), "Setup", "labelled in the test", &error));
      g_assert_no_error (error);
    }
  /* A fixed seed: the same dev split on every run, so that every cell the
   * tests look into has traces (a random one leaves a cell empty now and then). */
  g_assert_true (errata_splits_configure (fixture->project, fixture->mode, 7,
                                          ERRATA_SPLIT_DEFAULT_TRAIN, ERRATA_SPLIT_DEFAULT_DEV,
                                          ERRATA_SPLIT_DEFAULT_TEST, &error));
  g_assert_no_error (error);
  g_assert_true (errata_splits_update (fixture->project, fixture->mode, &error));
  g_assert_no_error (error);
  fixture->dev = errata_eval_scope_resolve (fixture->project, fixture->mode, ERRATA_SCOPE_DEV,
                                            NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->dev->len, >, 10);
}

/* A review with a note on every dev trace where the reply says "refund". */
static void
add_notes (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < fixture->dev->len; i++)
    {
      gint64 id = g_array_index (fixture->dev, gint64, i);
      g_autoptr(ErrataAnnotation) annotation = NULL;

      if (!g_hash_table_contains (fixture->refund, &id))
        continue;
      annotation = errata_annotation_new (id, "Bo");
      annotation->verdict = ERRATA_VERDICT_FAIL;
      g_free (annotation->note);
      annotation->note = g_strdup (NOTE);
      g_assert_true (errata_project_set_annotation (fixture->project, annotation, &error));
      g_assert_no_error (error);
    }
}

static void
run_check_on_dev (Fixture *fixture)
{
  g_autoptr(JsonObject) definition = json_object_new ();
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(ErrataEvalMethod) method = NULL;
  g_autoptr(ErrataEvalRun) run = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* A reply that offers a refund fails; the second branch gives errors. */
  json_object_set_string_member (definition, "pattern", "refund|^(a+)+$");
  json_object_set_string_member (definition, "match", "fail");
  evaluator = errata_evaluators_create (fixture->project, "No refunds", fixture->mode, "regex",
                                        definition, NULL, &error);
  g_assert_no_error (error);
  version = errata_evaluators_get_version (fixture->project, evaluator->id, 1, &error);
  g_assert_no_error (error);
  method = errata_evaluator_method_new (fixture->project, evaluator, version, NULL, &error);
  g_assert_no_error (error);

  run = errata_eval_run_new (fixture->project, version->id, method, ERRATA_SCOPE_DEV,
                             fixture->dev);
  errata_eval_run_start_async (run, NULL, errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  g_assert_true (errata_eval_run_start_finish (run, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (errata_eval_run_get_status (run), ==, ERRATA_RUN_DONE);
  fixture->run_id = errata_eval_run_get_id (run);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "annotator-name", ANNOTATOR);
  fixture->human = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  fixture->refund = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  fixture->stuck = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->workspace = errata_workspace_new (fixture->project, settings);
  add_traces (fixture);
  add_labels (fixture);
  add_notes (fixture);
  run_check_on_dev (fixture);

  fixture->parent = g_object_new (TEST_TYPE_PARENT, NULL);
  fixture->browser = ERRATA_DISAGREEMENT_BROWSER (errata_disagreement_browser_new (fixture->workspace));
  gtk_widget_set_parent (GTK_WIDGET (fixture->browser), GTK_WIDGET (fixture->parent));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1024, 720);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->parent));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->browser), (gpointer *)&fixture->browser);
  gtk_window_destroy (fixture->window);
  g_assert_null (fixture->browser);
  g_assert_finalize_object (fixture->workspace);
  g_assert_finalize_object (fixture->project);
  g_array_unref (fixture->dev);
  g_hash_table_unref (fixture->human);
  g_hash_table_unref (fixture->refund);
  g_hash_table_unref (fixture->stuck);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* ---- the test's own view of the run ------------------------------------------ */

static ErrataVerdict
human_of (Fixture *fixture,
          gint64   id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (fixture->human, &id));
}

static ErrataJudgeVerdict
judge_of (Fixture *fixture,
          gint64   id)
{
  if (g_hash_table_contains (fixture->stuck, &id))
    return ERRATA_JUDGE_ERROR;
  return g_hash_table_contains (fixture->refund, &id) ? ERRATA_JUDGE_FAIL : ERRATA_JUDGE_PASS;
}

static gboolean
in_cell (ErrataVerdict          human,
         ErrataJudgeVerdict     judge,
         ErrataDisagreementCell cell)
{
  gboolean pass = human == ERRATA_VERDICT_PASS;

  if (judge == ERRATA_JUDGE_ERROR)
    return cell == ERRATA_DISAGREEMENT_CELL_JUDGE_ERROR;
  switch (cell)
    {
    case ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS: return pass != (judge == ERRATA_JUDGE_PASS);
    case ERRATA_DISAGREEMENT_CELL_HUMAN_PASS_JUDGE_FAIL: return pass && judge == ERRATA_JUDGE_FAIL;
    case ERRATA_DISAGREEMENT_CELL_HUMAN_FAIL_JUDGE_PASS: return !pass && judge == ERRATA_JUDGE_PASS;
    case ERRATA_DISAGREEMENT_CELL_BOTH_PASS: return pass && judge == ERRATA_JUDGE_PASS;
    case ERRATA_DISAGREEMENT_CELL_BOTH_FAIL: return !pass && judge == ERRATA_JUDGE_FAIL;
    case ERRATA_DISAGREEMENT_CELL_JUDGE_ERROR: return FALSE;
    default: g_assert_not_reached ();
    }
}

/* The dev traces in `cell`, by id, as the test's own labels and words say. */
static GArray *
expected_ids (Fixture                *fixture,
              ErrataDisagreementCell  cell)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < fixture->dev->len; i++)
    {
      gint64 id = g_array_index (fixture->dev, gint64, i);

      if (in_cell (human_of (fixture, id), judge_of (fixture, id), cell))
        g_array_append_val (ids, id);
    }
  return ids;
}

static GListModel *
listed_model (Fixture *fixture)
{
  /* Not the cell dropdown's list: the browser's. */
  GtkListView *view = errata_gui_test_find_with_class (GTK_WIDGET (fixture->browser),
                                                       GTK_TYPE_LIST_VIEW, "disagreement-list");

  g_assert_nonnull (view);
  return G_LIST_MODEL (gtk_list_view_get_model (view));
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

/* The trace ids the list shows, in its order. */
static GArray *
listed_ids (Fixture *fixture)
{
  GListModel *model = listed_model (fixture);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ErrataDisagreementItem) item = g_list_model_get_item (model, i);
      gint64 id = errata_disagreement_item_get_trace_id (item);

      g_array_append_val (ids, id);
    }
  return ids;
}

static void
assert_same_ids (GArray *listed,
                 GArray *expected)
{
  g_array_sort (listed, compare_ids);
  g_array_sort (expected, compare_ids);
  g_assert_cmpuint (listed->len, ==, expected->len);
  for (guint i = 0; i < listed->len; i++)
    g_assert_cmpint (g_array_index (listed, gint64, i), ==, g_array_index (expected, gint64, i));
}

static void
select_trace (Fixture *fixture,
              gint64   trace_id)
{
  GListModel *model = listed_model (fixture);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ErrataDisagreementItem) item = g_list_model_get_item (model, i);

      if (errata_disagreement_item_get_trace_id (item) == trace_id)
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, TRUE);
          g_assert_cmpint (errata_disagreement_browser_get_selected_trace (fixture->browser), ==,
                           trace_id);
          return;
        }
    }
  g_assert_not_reached ();
}

static gboolean
browser_is_drawn (gpointer data)
{
  Fixture *fixture = data;

  return errata_gui_test_widget_is_drawn (fixture->browser);
}

static void
show_run (Fixture *fixture)
{
  errata_disagreement_browser_set_run (fixture->browser, fixture->mode, fixture->run_id);
  errata_gui_test_iterate_until (browser_is_drawn, fixture);
}

/* ---- tests ----------------------------------------------------------------------- */

static void
test_no_run (Fixture       *fixture,
             gconstpointer  data)
{
  errata_gui_test_iterate_until (browser_is_drawn, fixture);
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->browser), "No Run Yet"));
  g_assert_cmpuint (errata_disagreement_browser_get_n_items (fixture->browser), ==, 0);
  g_assert_cmpint (errata_disagreement_browser_get_selected_trace (fixture->browser), ==, 0);
  /* Nothing to correct: the action is disabled and changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->browser), "disagreements.pass", NULL);
  g_assert_cmpuint (fixture->parent->n_labels_changed, ==, 0);

  show_run (fixture);
  g_assert_false (errata_gui_test_shows_label (GTK_WIDGET (fixture->browser), "No Run Yet"));
  errata_disagreement_browser_set_run (fixture->browser, fixture->mode, 0);
  g_assert_cmpuint (errata_disagreement_browser_get_n_items (fixture->browser), ==, 0);
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->browser), "No Run Yet"));
}

static void
test_cells (Fixture       *fixture,
            gconstpointer  data)
{
  GtkDropDown *dropdown;
  guint total = 0;

  show_run (fixture);
  g_assert_cmpint (errata_disagreement_browser_get_cell (fixture->browser), ==,
                   ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS);
  for (ErrataDisagreementCell cell = ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS;
       cell <= ERRATA_DISAGREEMENT_CELL_JUDGE_ERROR; cell++)
    {
      g_autoptr(GArray) expected = expected_ids (fixture, cell);
      g_autoptr(GArray) listed = NULL;

      errata_disagreement_browser_set_cell (fixture->browser, cell);
      listed = listed_ids (fixture);
      g_test_message ("cell %d: %u traces", cell, expected->len);
      assert_same_ids (listed, expected);
      g_assert_cmpuint (errata_disagreement_browser_get_n_items (fixture->browser), ==,
                        expected->len);
      /* Every cell has traces: the test would not see a cell that lists too many. */
      g_assert_cmpuint (expected->len, >, 0);
      if (cell != ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS)
        total += expected->len;
      /* The first row is shown; an empty cell shows no trace. */
      if (expected->len > 0)
        g_assert_cmpint (errata_disagreement_browser_get_selected_trace (fixture->browser), ==,
                         g_array_index (listed, gint64, 0));
      else
        g_assert_cmpint (errata_disagreement_browser_get_selected_trace (fixture->browser), ==, 0);
    }
  /* The matrix and the errors cover the dev split: every dev trace has a label. */
  g_assert_cmpuint (total, ==, fixture->dev->len);

  /* The dropdown is the same filter. */
  dropdown = errata_gui_test_find_first (GTK_WIDGET (fixture->browser), GTK_TYPE_DROP_DOWN);
  gtk_drop_down_set_selected (dropdown, ERRATA_DISAGREEMENT_CELL_BOTH_PASS);
  g_assert_cmpint (errata_disagreement_browser_get_cell (fixture->browser), ==,
                   ERRATA_DISAGREEMENT_CELL_BOTH_PASS);
  {
    g_autoptr(GArray) expected = expected_ids (fixture, ERRATA_DISAGREEMENT_CELL_BOTH_PASS);
    g_autoptr(GArray) listed = listed_ids (fixture);

    assert_same_ids (listed, expected);
  }
  errata_disagreement_browser_set_cell (fixture->browser, ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==,
                    ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS);
}

static void
test_count (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GArray) expected = expected_ids (fixture, ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS);
  g_autofree char *count = NULL;

  show_run (fixture);
  count = g_strdup_printf ("%u disagreements of %u on dev", expected->len, fixture->dev->len);
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->browser), count));
}

static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  g_autofree char *visible = errata_gui_test_dup_visible_text (root);

  return strstr (visible, text) != NULL;
}

/* The judge's reasoning, the human's label with its source, and the notes. */
static void
test_detail (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GArray) cell = expected_ids (fixture, ERRATA_DISAGREEMENT_CELL_HUMAN_PASS_JUDGE_FAIL);
  g_autoptr(ErrataEvalOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *root = GTK_WIDGET (fixture->browser);
  ErrataTraceView *view;
  gint64 id;

  g_assert_cmpuint (cell->len, >, 0);
  id = g_array_index (cell, gint64, cell->len - 1);
  show_run (fixture);
  select_trace (fixture, id);
  errata_gui_test_iterate_for (50);

  outcome = errata_eval_runs_get_outcome (fixture->project, fixture->run_id, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->verdict, ==, ERRATA_JUDGE_FAIL);
  g_assert_nonnull (outcome->reasoning);
  g_assert_cmpstr (outcome->reasoning, !=, "");
  g_assert_true (errata_gui_test_shows_label (root, outcome->reasoning));

  g_assert_true (shows_text (root, "Explicit label by Setup: “labelled in the test”"));
  g_assert_true (shows_text (root, NOTE));
  g_assert_true (errata_gui_test_shows_label (root, "Bo"));

  /* The trace itself, in the shared trace view. */
  view = errata_gui_test_find_first (root, ERRATA_TYPE_TRACE_VIEW);
  g_assert_nonnull (errata_trace_view_get_trace (view));
  g_assert_cmpint (errata_trace_get_id (errata_trace_view_get_trace (view)), ==, id);

  /* A trace without notes says so. */
  {
    g_autoptr(GArray) other = expected_ids (fixture, ERRATA_DISAGREEMENT_CELL_HUMAN_FAIL_JUDGE_PASS);

    g_assert_cmpuint (other->len, >, 0);
    select_trace (fixture, g_array_index (other, gint64, 0));
    errata_gui_test_iterate_for (50);
    g_assert_true (shows_text (root, "No notes on this trace."));
    g_assert_false (shows_text (root, NOTE));
  }

  /* A judge error says why, from the stored outcome. */
  {
    g_autoptr(GArray) errors = expected_ids (fixture, ERRATA_DISAGREEMENT_CELL_JUDGE_ERROR);
    g_autoptr(ErrataEvalOutcome) failed = NULL;
    g_autofree char *text = NULL;

    errata_disagreement_browser_set_cell (fixture->browser, ERRATA_DISAGREEMENT_CELL_JUDGE_ERROR);
    id = g_array_index (errors, gint64, 0);
    select_trace (fixture, id);
    errata_gui_test_iterate_for (50);
    failed = errata_eval_runs_get_outcome (fixture->project, fixture->run_id, id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (failed->verdict, ==, ERRATA_JUDGE_ERROR);
    g_assert_nonnull (failed->error);
    text = g_strdup_printf ("No verdict: %s", failed->error);
    g_assert_true (errata_gui_test_shows_label (root, text));
    g_assert_true (errata_gui_test_shows_label (root, "Error"));
  }
}

static ErrataLabelChange *
last_change (GPtrArray *history)
{
  g_assert_nonnull (history);
  g_assert_cmpuint (history->len, >, 0);
  return g_ptr_array_index (history, history->len - 1);
}

static void
click (Fixture    *fixture,
       const char *label)
{
  GtkButton *button = errata_gui_test_find_button (GTK_WIDGET (fixture->browser), label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  /* "clicked" at once; activate would wait for the press animation. */
  g_signal_emit_by_name (button, "clicked");
}

/* Correcting a label to agree with the judge: an explicit label by the
 * annotator, the row leaves the disagreements, the page hears of it; and
 * setting it back undoes it. */
static void
test_correct (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  ErrataLabelChange *change;
  ErrataTruth truth;
  gint64 id, next;
  guint n;

  show_run (fixture);
  before = listed_ids (fixture);
  n = before->len;
  g_assert_cmpuint (n, >=, 3);
  id = g_array_index (before, gint64, 1);
  next = g_array_index (before, gint64, 2);
  select_trace (fixture, id);

  /* The judge passes a trace the human failed, or the other way round. */
  click (fixture, judge_of (fixture, id) == ERRATA_JUDGE_PASS ? "Pass" : "Fail");

  history = errata_labels_history (fixture->project, fixture->mode, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  change = last_change (history);
  g_assert_cmpstr (change->who, ==, ANNOTATOR);
  g_assert_cmpstr (change->reason, ==, REASON);
  g_assert_cmpint (change->old_value, ==, human_of (fixture, id));
  g_assert_cmpint (change->new_value, !=, human_of (fixture, id));
  g_assert_true (errata_ground_truth_get (fixture->project, fixture->mode, id, &truth, &error));
  g_assert_cmpint (truth.source, ==, ERRATA_LABEL_SOURCE_EXPLICIT);
  g_assert_cmpint (truth.value, ==, change->new_value);

  g_assert_cmpuint (fixture->parent->n_labels_changed, ==, 1);
  g_assert_cmpuint (errata_disagreement_browser_get_n_items (fixture->browser), ==, n - 1);
  after = listed_ids (fixture);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpint (g_array_index (after, gint64, i), !=, id);
  /* The next disagreement takes its place. */
  g_assert_cmpint (errata_disagreement_browser_get_selected_trace (fixture->browser), ==, next);

  /* It now sits in a diagonal cell, where it can be set back. */
  errata_disagreement_browser_set_cell (fixture->browser,
                                        judge_of (fixture, id) == ERRATA_JUDGE_PASS
                                        ? ERRATA_DISAGREEMENT_CELL_BOTH_PASS
                                        : ERRATA_DISAGREEMENT_CELL_BOTH_FAIL);
  select_trace (fixture, id);
  errata_gui_test_iterate_until (browser_is_drawn, fixture);
  g_assert_true (shows_text (GTK_WIDGET (fixture->browser),
                             "Explicit label by " ANNOTATOR ": “" REASON "”"));
  click (fixture, judge_of (fixture, id) == ERRATA_JUDGE_PASS ? "Fail" : "Pass");
  g_assert_cmpuint (fixture->parent->n_labels_changed, ==, 2);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = errata_labels_history (fixture->project, fixture->mode, id, &error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpint (last_change (history)->new_value, ==, human_of (fixture, id));
  errata_disagreement_browser_set_cell (fixture->browser, ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS);
  g_assert_cmpuint (errata_disagreement_browser_get_n_items (fixture->browser), ==, n);
}

/* Agreeing with the judge on every disagreement empties the list. */
static void
test_all_agree (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->browser);
  g_autoptr(GArray) errors = expected_ids (fixture, ERRATA_DISAGREEMENT_CELL_JUDGE_ERROR);
  guint n_errors = errors->len;
  g_autofree char *text = NULL;
  guint n, rounds = 0;

  g_assert_cmpuint (n_errors, >, 1);
  show_run (fixture);
  n = errata_disagreement_browser_get_n_items (fixture->browser);
  while (errata_disagreement_browser_get_n_items (fixture->browser) > 0)
    {
      gint64 id = errata_disagreement_browser_get_selected_trace (fixture->browser);

      g_assert_cmpint (id, >, 0);
      g_assert_true (gtk_widget_activate_action (root, judge_of (fixture, id) == ERRATA_JUDGE_PASS
                                                       ? "disagreements.pass"
                                                       : "disagreements.fail", NULL));
      g_assert_cmpuint (++rounds, <=, n);
    }
  g_assert_cmpuint (rounds, ==, n);
  g_assert_cmpuint (fixture->parent->n_labels_changed, ==, n);
  g_assert_cmpint (errata_disagreement_browser_get_selected_trace (fixture->browser), ==, 0);
  errata_gui_test_iterate_for (50);
  g_assert_true (errata_gui_test_shows_label (root, "No Disagreements"));
  /* The judge errs on some traces: they are not said to agree. */
  text = g_strdup_printf ("The judge and your labels agree on every trace it gave a verdict on. "
                          "It gave none on %u traces: see Judge errors.", n_errors);
  g_assert_true (errata_gui_test_shows_label (root, text));
  g_assert_true (shows_text (root, "0 disagreements of"));
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window),
                                                 "disagreement-browser-all-agree.png"));

  /* Read again from the project, the run still agrees everywhere. */
  show_run (fixture);
  g_assert_cmpuint (errata_disagreement_browser_get_n_items (fixture->browser), ==, 0);
}

static void
test_open_in_traces (Fixture       *fixture,
                     gconstpointer  data)
{
  show_run (fixture);
  click (fixture, "Open in Traces");
  g_assert_cmpint (fixture->parent->shown_trace, >, 0);
  g_assert_cmpint (fixture->parent->shown_trace, ==,
                   errata_disagreement_browser_get_selected_trace (fixture->browser));
}

/* set_run() again (the page reloads) keeps the trace the user was on. */
static void
test_reload_keeps_selection (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GArray) listed = NULL;
  gint64 id;

  show_run (fixture);
  listed = listed_ids (fixture);
  id = g_array_index (listed, gint64, listed->len - 1);
  select_trace (fixture, id);
  errata_disagreement_browser_set_run (fixture->browser, fixture->mode, fixture->run_id);
  g_assert_cmpint (errata_disagreement_browser_get_selected_trace (fixture->browser), ==, id);
}

/* A project opened read only: the run can be read, no label corrected. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = errata_project_open (errata_project_get_file (fixture->project),
                                                          ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_autoptr(ErrataWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) history = NULL;
  TestParent *parent = g_object_new (TEST_TYPE_PARENT, NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  ErrataDisagreementBrowser *browser;
  GtkButton *pass;
  gint64 id;

  g_assert_no_error (error);
  workspace = errata_workspace_new (project, NULL);
  browser = ERRATA_DISAGREEMENT_BROWSER (errata_disagreement_browser_new (workspace));
  gtk_widget_set_parent (GTK_WIDGET (browser), GTK_WIDGET (parent));
  gtk_window_set_default_size (window, 1024, 720);
  gtk_window_set_child (window, GTK_WIDGET (parent));
  gtk_window_present (window);
  errata_disagreement_browser_set_run (browser, fixture->mode, fixture->run_id);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, browser);

  id = errata_disagreement_browser_get_selected_trace (browser);
  g_assert_cmpint (id, >, 0);
  pass = errata_gui_test_find_button (GTK_WIDGET (browser), "Pass");
  g_assert_nonnull (pass);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (pass)));
  gtk_widget_activate_action (GTK_WIDGET (browser), "disagreements.pass", NULL);
  gtk_widget_activate_action (GTK_WIDGET (browser), "disagreements.fail", NULL);
  g_assert_cmpuint (parent->n_labels_changed, ==, 0);
  history = errata_labels_history (fixture->project, fixture->mode, id, &error);
  g_assert_cmpuint (history->len, ==, 1);
  /* Reading still works: Open in Traces. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (errata_gui_test_find_button (GTK_WIDGET (browser),
                                                                                   "Open in Traces"))));
  gtk_window_destroy (window);
}

#ifdef HAVE_XTEST
static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (data);
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

/* A real key press through the X server: GTK's whole event path. */
static void
type_key (GtkWidget *widget,
          KeySym     keysym,
          gboolean   alt)
{
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  KeyCode keycode = XKeysymToKeycode (display, keysym);
  KeyCode alt_code = XKeysymToKeycode (display, XK_Alt_L);

  if (alt)
    XTestFakeKeyEvent (display, alt_code, True, CurrentTime);
  XTestFakeKeyEvent (display, keycode, True, CurrentTime);
  XTestFakeKeyEvent (display, keycode, False, CurrentTime);
  if (alt)
    XTestFakeKeyEvent (display, alt_code, False, CurrentTime);
  XFlush (display);
}

typedef struct
{
  Fixture *fixture;
  gint64   want;
} SelectionWait;

static gboolean
selection_is (gpointer data)
{
  SelectionWait *wait = data;

  return errata_disagreement_browser_get_selected_trace (wait->fixture->browser) == wait->want;
}

static void
press_and_wait (Fixture *fixture,
                KeySym   keysym,
                gboolean alt,
                gint64   want)
{
  SelectionWait wait = { fixture, want };

  type_key (GTK_WIDGET (fixture->window), keysym, alt);
  errata_gui_test_iterate_until (selection_is, &wait);
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

static gboolean
labels_changed_once (gpointer data)
{
  Fixture *fixture = data;

  return fixture->parent->n_labels_changed == 1;
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GArray) listed = NULL;
  g_autoptr(GPtrArray) history = NULL;
  ErrataTraceView *view;
  GtkWidget *reasoning;
  gint64 first, second, third;

  if (!has_xtest (GTK_WIDGET (fixture->window)))
    {
      g_test_skip ("no XTest on this display");
      return;
    }
  show_run (fixture);
  listed = listed_ids (fixture);
  g_assert_cmpuint (listed->len, >=, 4);
  first = g_array_index (listed, gint64, 0);
  second = g_array_index (listed, gint64, 1);
  third = g_array_index (listed, gint64, 2);
  focus_window (fixture->window);
  gtk_widget_grab_focus (errata_gui_test_find_with_class (GTK_WIDGET (fixture->browser),
                                                         GTK_TYPE_LIST_VIEW, "disagreement-list"));
  g_assert_cmpint (errata_disagreement_browser_get_selected_trace (fixture->browser), ==, first);

  press_and_wait (fixture, XK_Down, TRUE, second);
  press_and_wait (fixture, XK_Up, TRUE, first);
  press_and_wait (fixture, XK_j, FALSE, second);
  press_and_wait (fixture, XK_k, FALSE, first);

  /* Alt+Down works from the judge's reasoning too (a selectable label). */
  reasoning = GTK_WIDGET (errata_gui_test_find_with_class (GTK_WIDGET (fixture->browser),
                                                          GTK_TYPE_LABEL, "judge-reasoning"));
  g_assert_nonnull (reasoning);
  gtk_widget_grab_focus (reasoning);
  press_and_wait (fixture, XK_Down, TRUE, second);
  /* And from a message of the conversation. */
  view = errata_gui_test_find_first (GTK_WIDGET (fixture->browser), ERRATA_TYPE_TRACE_VIEW);
  errata_trace_view_focus_message (view, 0);
  g_assert_cmpint (errata_trace_view_get_focused_message (view), ==, 0);
  press_and_wait (fixture, XK_Up, TRUE, first);
  /* The rows of that trace are gone: the focus went to the list, and the
   * next key, typed at once, works. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         errata_gui_test_find_with_class (GTK_WIDGET (fixture->browser),
                                                                          GTK_TYPE_LIST_VIEW,
                                                                          "disagreement-list")));
  press_and_wait (fixture, XK_Down, TRUE, second);

  /* P or F agrees with the judge: the row goes, the next one is shown. */
  press_and_wait (fixture, judge_of (fixture, second) == ERRATA_JUDGE_PASS ? XK_p : XK_f, FALSE,
                  third);
  errata_gui_test_iterate_until (labels_changed_once, fixture);
  history = errata_labels_history (fixture->project, fixture->mode, second, NULL);
  g_assert_cmpstr (last_change (history)->who, ==, ANNOTATOR);
  g_assert_cmpint (last_change (history)->new_value, !=, human_of (fixture, second));
  /* The row that had the focus is gone; the keys still work, at once. */
  press_and_wait (fixture, XK_Down, TRUE, g_array_index (listed, gint64, 3));
  press_and_wait (fixture, XK_k, FALSE, third);
}
#endif

/* ---- screenshots ------------------------------------------------------------------ */

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GArray) cell = expected_ids (fixture, ERRATA_DISAGREEMENT_CELL_HUMAN_PASS_JUDGE_FAIL);
  /* 744: the browser in the page of a 1024 px window, beside its list. */
  static const int widths[] = { 744, 1024, 1440 };

  GtkWidget *parent = GTK_WIDGET (fixture->parent);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  /* GTK keeps a window within the screen (1280 px under the test's Xvfb):
   * in a scroller, the browser is as wide as asked, and is rendered whole. */
  g_object_ref (parent);
  gtk_window_set_child (fixture->window, NULL);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_EXTERNAL,
                                  GTK_POLICY_EXTERNAL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), parent);
  g_object_unref (parent);
  gtk_window_set_child (fixture->window, scroller);
  /* Rendered alone, the browser needs the window's background under it. */
  gtk_widget_add_css_class (parent, "background");
  /* Narrower than any width below: the browser gets the width it asks for. */
  gtk_window_set_default_size (fixture->window, 640, 800);

  show_run (fixture);
  /* A trace with a note, the way a reviewer would look at one. */
  select_trace (fixture, g_array_index (cell, gint64, 0));
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      gtk_widget_set_size_request (parent, widths[w], 800);
      for (guint dark = 0; dark < 2; dark++)
        {
          g_autofree char *name = g_strdup_printf ("disagreement-browser-%d%s.png", widths[w],
                                                   dark ? "-dark" : "");
          g_autoptr(GdkTexture) texture = NULL;

          adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                          : ADW_COLOR_SCHEME_FORCE_LIGHT);
          texture = errata_gui_test_render_to_png (parent, name);
          g_assert_cmpint (gdk_texture_get_width (texture), ==, widths[w]);
          /* The style took: a dark window is dark where nothing is drawn on it. */
          if (dark)
            g_assert_cmpfloat (errata_gui_test_brightness_at (texture, 20, 790), <, 90);
          else
            g_assert_cmpfloat (errata_gui_test_brightness_at (texture, 20, 790), >, 160);
        }
    }

  /* A judge error, and the state before any run. */
  errata_disagreement_browser_set_cell (fixture->browser, ERRATA_DISAGREEMENT_CELL_JUDGE_ERROR);
  gtk_widget_set_size_request (parent, 1024, 800);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_object_unref (errata_gui_test_render_to_png (parent, "disagreement-browser-judge-error.png"));
  errata_disagreement_browser_set_run (fixture->browser, fixture->mode, 0);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_object_unref (errata_gui_test_render_to_png (parent, "disagreement-browser-no-run-dark.png"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* The alignment view's cell names open the same cells. */
static void
test_cell_nicks (void)
{
  static const struct { const char *nick; ErrataDisagreementCell cell; } cells[] = {
    { "disagreements", ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS },
    { "pass-fail", ERRATA_DISAGREEMENT_CELL_HUMAN_PASS_JUDGE_FAIL },
    { "fail-pass", ERRATA_DISAGREEMENT_CELL_HUMAN_FAIL_JUDGE_PASS },
    { "pass-pass", ERRATA_DISAGREEMENT_CELL_BOTH_PASS },
    { "fail-fail", ERRATA_DISAGREEMENT_CELL_BOTH_FAIL },
    { "error", ERRATA_DISAGREEMENT_CELL_JUDGE_ERROR },
  };
  ErrataDisagreementCell cell = ERRATA_DISAGREEMENT_CELL_BOTH_FAIL;

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_assert_true (errata_disagreement_cell_from_nick (cells[i].nick, &cell));
      g_assert_cmpint (cell, ==, cells[i].cell);
    }
  g_assert_false (errata_disagreement_cell_from_nick ("pass", &cell));
  g_assert_false (errata_disagreement_cell_from_nick (NULL, &cell));
  g_assert_cmpint (cell, ==, ERRATA_DISAGREEMENT_CELL_JUDGE_ERROR);
}

static void
test_no_display (void)
{
  g_test_skip ("no display");
}

#define ADD(path, func) \
  g_test_add ("/disagreements/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/disagreements/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/disagreements/cell-nicks", test_cell_nicks);
  ADD ("no-run", test_no_run);
  ADD ("cells", test_cells);
  ADD ("count", test_count);
  ADD ("detail", test_detail);
  ADD ("correct", test_correct);
  ADD ("all-agree", test_all_agree);
  ADD ("open-in-traces", test_open_in_traces);
  ADD ("reload-keeps-selection", test_reload_keeps_selection);
  ADD ("read-only", test_read_only);
#ifdef HAVE_XTEST
  ADD ("keyboard", test_keyboard);
#endif
  ADD ("screenshots", test_screenshots);
  return g_test_run ();
}
