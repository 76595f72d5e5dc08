/* test-alignment-gate-view.c: the alignment view of a judge on a failure
 * mode its two reviewers disagree on (AC1 0.40 < 0.60): the gate blocks
 * and marks the judge's metrics as not trustworthy, the alternative
 * annotator test gives its verdict, the threshold stepped on the view's
 * spin button lifts the block; and the test panel shows PPI++ beside the corrected rate.
 * Renders alignment-gate-*.png (1280 and 1024 px wide, light and dark)
 * and estimate-ppi.png in the build folder.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "errata-alignment-view.h"
#include "errata-alignment-gate.h"
#include "errata-evaluators-page-private.h"
#include "errata-gate-panel.h"
#include "errata-gui-test-utils.h"
#include "errata-test-panel.h"
#include "eval-test-helpers.h"

#define N_SHARED 30
#define NOT_TRUSTWORTHY "Not trustworthy: the reviewers whose labels these numbers compare with disagree too often on this target (see above)."

typedef struct
{
  char            *dir;
  ErrataProject   *project;
  ErrataWorkspace *workspace;
  GtkWindow       *window;
  gint64           mode;
  gint64           t[N_SHARED + 11];
} Fixture;

/* On "Rude", ana's notes sit in the mode on traces 1..10, ben's on 6..15:
 * they differ on 1..5 and 11..15, 10 of 30 shared traces.
 *   p_a = 20/30; π_fail = 20/60 = 1/3; p_e(AC1) = 2 · 1/3 · 2/3 = 4/9;
 *   AC1 = (2/3 − 4/9) / (5/9) = 0.40 < 0.60: blocked.
 * Traces 31..40 are reviewed by no one: unlabelled. */
static void
review (Fixture *fixture)
{
  for (guint i = 1; i <= N_SHARED; i++)
    {
      gboolean ana_fails = i <= 10, ben_fails = i >= 6 && i <= 15;

      eval_test_annotate (fixture->project, fixture->t[i], "ana",
                          ana_fails ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS,
                          ana_fails ? "rude to the customer" : "fine", ERRATA_ORIGIN_HERE);
      eval_test_annotate (fixture->project, fixture->t[i], "ben",
                          ben_fails ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS,
                          ben_fails ? "curt" : "ok", ERRATA_ORIGIN_MERGED);
      if (ana_fails)
        eval_test_assign (fixture->project, fixture->t[i], "ana", fixture->mode);
      if (ben_fails)
        eval_test_assign (fixture->project, fixture->t[i], "ben", fixture->mode);
    }
}

/* A judge of the mode with a dev run over the shared traces (it fails
 * 1..10, as ana), a test run (fails 6..10 and 16..18) and an unlabeled
 * run of 7 passes and 3 fails, as the runner stores them. */
static void
add_runs (Fixture *fixture)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  g_string_append_printf (sql,
    "INSERT INTO evaluators (id, name, target, kind, created_at)"
    " VALUES (1, 'Rude judge', %" G_GINT64_FORMAT ", 'judge', 0);"
    "INSERT INTO evaluator_versions (id, evaluator_id, number, created_at, locked_at)"
    " VALUES (1, 1, 1, 0, 1);"
    "INSERT INTO runs (id, version_id, scope, status, total, n_pass, n_fail, started_at)"
    " VALUES (1, 1, 'dev', 'done', %u, %u, 10, 1), (2, 1, 'test', 'done', %u, %u, 8, 2),"
    "        (3, 1, 'unlabeled', 'done', 10, 7, 3, 3);",
    fixture->mode, N_SHARED, N_SHARED - 10, N_SHARED, N_SHARED - 8);
  for (guint i = 1; i <= N_SHARED; i++)
    {
      gboolean test_fails = (i >= 6 && i <= 10) || (i >= 16 && i <= 18);

      g_string_append_printf (sql, "INSERT INTO verdicts (run_id, trace_id, verdict, created_at)"
                              " VALUES (1, %" G_GINT64_FORMAT ", '%s', 0),"
                              " (2, %" G_GINT64_FORMAT ", '%s', 0);",
                              fixture->t[i], i <= 10 ? "fail" : "pass",
                              fixture->t[i], test_fails ? "fail" : "pass");
    }
  eval_test_exec (fixture->project, sql->str);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->mode = eval_test_add_mode (fixture->project, "Rude");
  for (guint i = 1; i <= N_SHARED + 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("chat-%02u", i);

      fixture->t[i] = eval_test_add_trace (fixture->project, "test", id);
    }
  review (fixture);
  add_runs (fixture);
  fixture->workspace = errata_workspace_new (fixture->project, NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1280, 900);
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
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
render_both_styles (Fixture    *fixture,
                    const char *name)
{
  g_autofree char *light = g_strdup_printf ("%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);
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

static gboolean
has_width (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_width (GTK_WIDGET (fixture->window)) == 1024;
}

/* The evaluator list's line for the judge. */
static char *
describe_state (Fixture *fixture)
{
  g_autoptr(ErrataEvaluator) evaluator = errata_evaluators_get (fixture->project, 1, NULL);

  g_assert_nonnull (evaluator);
  return _errata_evaluators_page_describe_state (fixture->project, evaluator);
}

static gboolean
threshold_saved (gpointer project)
{
  return errata_alignment_gate_get_threshold (project) == 0.3;
}

/* The gate blocks; the view marks the judge's metrics; the numbers shown
 * are the core's; the threshold set on the view lifts the block and is
 * the project's. */
static void
test_blocked (Fixture       *fixture,
              gconstpointer  data)
{
  ErrataAlignmentView *view = ERRATA_ALIGNMENT_VIEW (errata_alignment_view_new ());
  ErrataGatePanel *panel = errata_alignment_view_get_gate_panel (view);
  g_auto(ErrataAlignmentGate) gate = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *core_text = NULL;
  g_autofree char *blocked_state = NULL;
  g_autofree char *open_state = NULL;
  GtkSpinButton *spin;
  GtkButton *settle;

  gtk_window_set_child (fixture->window, GTK_WIDGET (view));
  gtk_window_present (fixture->window);
  errata_alignment_view_set_evaluator (view, fixture->workspace, 1);
  errata_gui_test_iterate_for (100);

  g_assert_cmpint (errata_alignment_view_get_run (view), ==, 1);
  g_assert_cmpint (errata_gate_panel_get_state (panel), ==, ERRATA_GATE_BLOCKED);
  g_assert_true (errata_gate_panel_get_blocked (panel));
  g_assert_true (g_str_has_prefix (errata_gate_panel_get_agreement_text (panel),
                                   "Reviewers’ agreement: AC1 0.40 (95% CI "));
  g_assert_nonnull (strstr (errata_gate_panel_get_agreement_text (panel),
                            "on 30 shared traces, 2 reviewers."));
  g_assert_true (g_str_has_prefix (errata_gate_panel_get_banner_text (panel),
                                   "Reviewers agree less than the threshold on this target "
                                   "(AC1 0.40 < 0.60); no judge can be validated"));
  g_assert_nonnull (strstr (errata_gate_panel_get_banner_text (panel), "Traces page"));
  /* The banner's button opens this target's adjudication queue. */
  settle = errata_gui_test_find_button (GTK_WIDGET (panel), "Settle Disagreements");
  g_assert_nonnull (settle);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (settle)), ==,
                   "win.show-disputes");
  g_assert_cmpint (g_variant_get_int64 (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (settle))),
                   ==, fixture->mode);
  /* The alternative annotator test's verdict is the core's. */
  g_assert_true (errata_alignment_gate_compute (fixture->project, fixture->mode, 1, NULL, &gate,
                                                &error));
  g_assert_no_error (error);
  core_text = errata_alignment_gate_describe_alt_test (&gate);
  g_assert_cmpstr (errata_gate_panel_get_alt_test_text (panel), ==, core_text);
  g_assert_cmpuint (gate.alt_test.n_tested, ==, 2);
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (view), NOT_TRUSTWORTHY));
  blocked_state = describe_state (fixture);
  g_assert_true (g_str_has_suffix (blocked_state, " on test · reviewers disagree"));
  render_both_styles (fixture, "alignment-gate");

  gtk_window_set_default_size (fixture->window, 1024, 900);
  gtk_widget_set_size_request (GTK_WIDGET (fixture->window), 1024, 900);
  errata_gui_test_iterate_until (has_width, fixture);
  {
    g_autoptr(GdkTexture) narrow = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window),
                                                                  "alignment-gate-1024.png");

    g_assert_cmpint (gdk_texture_get_width (narrow), ==, 1024);
  }

  /* The spin button, as a person steps it: saved once it settles. */
  spin = errata_gui_test_find_first (GTK_WIDGET (panel), GTK_TYPE_SPIN_BUTTON);
  gtk_spin_button_set_value (spin, 0.35);
  gtk_spin_button_set_value (spin, 0.3);
  errata_gui_test_iterate_until (threshold_saved, fixture->project);
  g_assert_cmpint (errata_gate_panel_get_state (panel), ==, ERRATA_GATE_OK);
  g_assert_false (errata_gate_panel_get_blocked (panel));
  g_assert_cmpstr (errata_gate_panel_get_banner_text (panel), ==, "");
  g_assert_false (errata_gui_test_shows_label (GTK_WIDGET (view), NOT_TRUSTWORTHY));
  g_assert_cmpfloat (errata_alignment_gate_get_threshold (fixture->project), ==, 0.3);
  open_state = describe_state (fixture);
  g_assert_true (g_str_has_suffix (open_state, " on test"));
}

/* The test panel: the corrected rate and PPI++ side by side, with the
 * line comparing them. */
static void
test_estimate_ppi (Fixture       *fixture,
                   gconstpointer  data)
{
  ErrataTestPanel *panel = ERRATA_TEST_PANEL (errata_test_panel_new ());

  gtk_window_set_child (fixture->window, GTK_WIDGET (panel));
  gtk_window_present (fixture->window);
  errata_test_panel_set_evaluator (panel, fixture->workspace, 1);
  errata_gui_test_iterate_for (100);
  g_assert_true (g_str_has_prefix (errata_test_panel_get_gate_text (panel),
                                   "Reviewers agree less than the threshold on this target "
                                   "(AC1 0.40 < 0.60): the judge's TPR and TNR on test"));
  g_assert_true (g_str_has_prefix (errata_test_panel_get_sentence (panel), "About "));
  g_assert_true (g_str_has_prefix (errata_test_panel_get_ppi_text (panel), "PPI++: about "));
  g_assert_nonnull (strstr (errata_test_panel_get_ppi_text (panel), "unlabelled verdicts"));
  g_assert_true (g_str_has_prefix (errata_test_panel_get_compare_text (panel),
                                   "The two estimates "));
  render_both_styles (fixture, "estimate-ppi");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();

  g_test_add ("/alignment-gate-view/blocked", Fixture, NULL, fixture_set_up, test_blocked,
              fixture_tear_down);
  g_test_add ("/alignment-gate-view/estimate-ppi", Fixture, NULL, fixture_set_up,
              test_estimate_ppi, fixture_tear_down);

  return g_test_run ();
}
