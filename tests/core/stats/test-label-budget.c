/* test-label-budget.c: how many labelled traces narrow an interval to a
 * chosen half-width, against a hand computation.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "errata-label-budget.h"
#include "errata-ppi.h"
#include "errata-quantile.h"
#include "errata-stats-error.h"

/* 100 labelled traces, 50 human pass (40 judged pass), 50 human fail (45
 * judged fail); 1000 unlabelled verdicts, 600 pass. z = 1.959964. */
static const ErrataConfusion example = { .tp = 40, .fn = 10, .fp = 5, .tn = 45 };

/* Rogan–Gladen: TPR 0.8, TNR 0.9, J = 0.7, p = 0.6, θ = 0.5/0.7 = 0.714286,
 * π = 0.5; smoothed TPR 41/52 = 0.788462, TNR 46/52 = 0.884615.
 *   θ² · 0.788462 · 0.211538 / 0.5       = 0.170194
 *   (1 − θ)² · 0.884615 · 0.115385 / 0.5 = 0.016665
 *   A = (0.170194 + 0.016665) / 0.49      = 0.381344
 *   B / N = 0.6 · 0.4 / 0.49 / 1000       = 0.000489796
 *   floor = z √(B/N) = 0.043377: ±3 points is out of reach with 1000
 *   unlabelled traces, whatever the labels.
 *   ±6 points: (0.06 / z)² − B/N = 0.000447348, n = ⌈0.381344 / 0.000447348⌉
 *   = ⌈852.45⌉ = 853, so 753 more.
 *   ±20 points: (0.2 / z)² − B/N = 0.00992291, n = ⌈38.43⌉ = 39: none more. */
static void
test_rogan_gladen (void)
{
  ErrataLabelBudget budget;
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_label_budget_rogan_gladen (&example, 600, 400, 0.95, 0.03, &budget,
                                                   &error));
  g_assert_no_error (error);
  g_assert_false (budget.reachable);
  g_assert_cmpfloat_with_epsilon (budget.half_width_floor, 0.043377, 1e-5);
  g_assert_cmpfloat_with_epsilon (budget.half_width_now,
                                  1.959963984540054 * sqrt (0.381344 / 100 + 0.000489796), 1e-5);
  g_assert_cmpuint (budget.n_labelled, ==, 100);

  g_assert_true (errata_label_budget_rogan_gladen (&example, 600, 400, 0.95, 0.06, &budget,
                                                   &error));
  g_assert_true (budget.reachable);
  g_assert_cmpuint (budget.n_needed, ==, 853);
  g_assert_cmpuint (budget.n_more, ==, 753);

  g_assert_true (errata_label_budget_rogan_gladen (&example, 600, 400, 0.95, 0.2, &budget,
                                                   &error));
  g_assert_cmpuint (budget.n_needed, ==, 39);
  g_assert_cmpuint (budget.n_more, ==, 0);
}

/* PPI++: Cov (Y, f) = 0.40 − 0.5 · 0.45 = 0.175; Var (f) over all 1100
 * verdicts (645 pass), divisor 1099: 0.242762; λ = 0.175 / (1.1 · 0.242762)
 * = 0.655337.
 *   A = Var (Y − λ f) = E[Y] − 2λ E[Yf] + λ² E[f] − (E[Y] − λ E[f])²
 *     = 0.5 − 0.524270 + 0.193260 − (0.5 − 0.294902)² = 0.126925
 *   B / N = λ² · 0.24 / 1000 = 0.000103072
 *   ±3 points: (0.03 / z)² − B/N = 0.000131213, n = ⌈967.31⌉ = 968, 868 more.
 * The half-width now is exactly PPI's z · se. */
static void
test_ppi (void)
{
  ErrataLabelBudget budget;
  ErrataPpiMean ppi;
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_label_budget_ppi (&example, 600, 400, 0.95, 0.03, &budget, &error));
  g_assert_no_error (error);
  g_assert_true (budget.reachable);
  g_assert_cmpuint (budget.n_needed, ==, 968);
  g_assert_cmpuint (budget.n_more, ==, 868);
  g_assert_cmpfloat_with_epsilon (budget.half_width_floor,
                                  1.959963984540054 * sqrt (0.000103072), 1e-6);

  g_assert_true (errata_estimate_ppi_mean (&example, 600, 400, 0.95, &ppi, &error));
  g_assert_cmpfloat_with_epsilon (budget.half_width_now,
                                  errata_normal_two_sided_z (0.95) * ppi.standard_error, 1e-12);
}

static void
test_refused (void)
{
  ErrataConfusion no_fail = { .tp = 5, .fn = 1 };
  ErrataConfusion chance = { .tp = 5, .fn = 5, .fp = 5, .tn = 5 };
  ErrataLabelBudget budget;
  GError *error = NULL;

  g_assert_false (errata_label_budget_rogan_gladen (&no_fail, 6, 4, 0.95, 0.03, &budget, &error));
  g_assert_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_NOT_ENOUGH_DATA);
  g_clear_error (&error);
  g_assert_false (errata_label_budget_rogan_gladen (&chance, 6, 4, 0.95, 0.03, &budget, &error));
  g_assert_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_JUDGE_NO_BETTER_THAN_CHANCE);
  g_clear_error (&error);
  g_assert_false (errata_label_budget_ppi (&example, 0, 0, 0.95, 0.03, &budget, &error));
  g_assert_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_NOT_ENOUGH_DATA);
  g_clear_error (&error);
  g_assert_false (errata_label_budget_ppi (&example, 6, 4, 0.95, 0, &budget, &error));
  g_assert_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_INVALID);
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/label-budget/rogan-gladen", test_rogan_gladen);
  g_test_add_func ("/label-budget/ppi", test_ppi);
  g_test_add_func ("/label-budget/refused", test_refused);
  return g_test_run ();
}
