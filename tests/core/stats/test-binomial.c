/* test-binomial.c: draws from Binomial(n, k/n), the passes of a resample.
 *
 * Each check draws many times with a fixed seed and compares with the law
 * computed here by other means (the probabilities from C(n, x) directly,
 * the moments k and k (n − k) / n). Tolerances are 4 to 5 standard errors
 * of the Monte-Carlo estimate, and a wrong law misses them by far more:
 * the notes beside each say by how much.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "errata-binomial.h"
#include "errata-quantile.h"

typedef struct
{
  double mean;
  double sd;
  double p025;   /* the 2.5th, 50th and 97.5th percentiles */
  double p50;
  double p975;
} Summary;

static Summary
summarize (const ErrataBinomial *binomial,
           guint64               seed,
           guint                 n_draws)
{
  g_autofree double *draws = g_new (double, n_draws);
  double sum = 0.0, squares = 0.0;
  ErrataRandom rng;
  Summary s;

  errata_random_init (&rng, seed);
  for (guint i = 0; i < n_draws; i++)
    {
      guint x = errata_binomial_draw (binomial, &rng);

      g_assert_cmpuint (x, <=, binomial->n);
      draws[i] = x;
      sum += x;
    }
  s.mean = sum / n_draws;
  for (guint i = 0; i < n_draws; i++)
    squares += (draws[i] - s.mean) * (draws[i] - s.mean);
  s.sd = sqrt (squares / (n_draws - 1));
  s.p025 = errata_percentile (draws, n_draws, 2.5);
  s.p50 = errata_percentile (draws, n_draws, 50);
  s.p975 = errata_percentile (draws, n_draws, 97.5);
  return s;
}

/* 7 passes among 20: the frequency of every count against C(20, x) p^x
 * (1 − p)^(20 − x), p = 0.35, over 200,000 draws. Pearson's χ² over the
 * counts expected 5 times or more (0 to 16: 17 cells, 16 degrees of
 * freedom) stays under 39.25, its 99.9th percentile; a mode off by one
 * gives thousands. */
static void
test_exact_small (void)
{
  const guint n_draws = 200000;
  guint counts[21] = { 0 };
  ErrataBinomial binomial;
  ErrataRandom rng;
  double p = 0.35, choose = 1.0, chi2 = 0.0;

  errata_binomial_init (&binomial, 20, 7, ERRATA_BINOMIAL_AUTO);
  g_assert_cmpint (binomial.method, ==, ERRATA_BINOMIAL_EXACT);
  g_assert_cmpuint (binomial.mode, ==, 7);   /* ⌊21 · 7 / 20⌋ */

  errata_random_init (&rng, 3);
  for (guint i = 0; i < n_draws; i++)
    counts[errata_binomial_draw (&binomial, &rng)]++;

  for (guint x = 0; x <= 20; x++)
    {
      double expected = n_draws * choose * pow (p, x) * pow (1 - p, 20 - x);

      if (expected >= 5)
        chi2 += (counts[x] - expected) * (counts[x] - expected) / expected;
      else
        g_assert_cmpuint (x, >=, 17);
      choose = choose * (20 - x) / (x + 1);
    }
  g_test_message ("χ² = %.2f over 17 cells", chi2);
  g_assert_cmpfloat (chi2, <, 39.25);
}

/* Every item passes, or none: every resample is the same. */
static void
test_degenerate (void)
{
  ErrataBinomial none, all, one;
  ErrataRandom rng;

  errata_binomial_init (&none, 50, 0, ERRATA_BINOMIAL_AUTO);
  errata_binomial_init (&all, 50, 50, ERRATA_BINOMIAL_NORMAL);
  errata_binomial_init (&one, 1, 1, ERRATA_BINOMIAL_AUTO);
  errata_random_init (&rng, 0);
  for (guint i = 0; i < 1000; i++)
    {
      g_assert_cmpuint (errata_binomial_draw (&none, &rng), ==, 0);
      g_assert_cmpuint (errata_binomial_draw (&all, &rng), ==, 50);
      g_assert_cmpuint (errata_binomial_draw (&one, &rng), ==, 1);
    }
}

/* 10 passes among a million verdicts: σ² ≈ 10, so AUTO draws exactly
 * although n is large. P(X ≤ 4) is 0.029252 for this binomial (summed
 * from its probabilities in Python); a normal with continuity correction
 * would give Φ((4.5 − 10) / √10) = 0.0410, which the tolerance (4.5 SE of
 * 100,000 draws, 0.0024) tells apart. */
static void
test_exact_rare_large_n (void)
{
  const guint n_draws = 100000;
  ErrataBinomial binomial;
  ErrataRandom rng;
  guint at_most_4 = 0;
  double sum = 0.0;

  errata_binomial_init (&binomial, 1000000, 10, ERRATA_BINOMIAL_AUTO);
  g_assert_cmpint (binomial.method, ==, ERRATA_BINOMIAL_EXACT);

  errata_random_init (&rng, 5);
  for (guint i = 0; i < n_draws; i++)
    {
      guint x = errata_binomial_draw (&binomial, &rng);

      at_most_4 += x <= 4;
      sum += x;
    }
  g_assert_cmpfloat_with_epsilon ((double) at_most_4 / n_draws, 0.029252, 0.0024);
  g_assert_cmpfloat_with_epsilon (sum / n_draws, 10.0, 4.5 * sqrt (10.0 / n_draws));
}

static void
assert_close_to_law (const Summary *s,
                     guint          k,
                     double         sd,
                     guint          n_draws)
{
  /* The mean's SE is σ/√N; the SD's about σ/√(2N). */
  g_assert_cmpfloat_with_epsilon (s->mean, k, 4.5 * sd / sqrt (n_draws));
  g_assert_cmpfloat_with_epsilon (s->sd, sd, 4.5 * sd / sqrt (2.0 * n_draws));
}

/* Where AUTO changes method, σ² = 1000, the two methods draw the same law:
 * at 2,000 of 4,000 (σ² = 1000, NORMAL) and 1,998 of 3,996 (σ² = 999,
 * EXACT), and at a share of 0.35, 1,538 of 4,395 (σ² = 999.8) and 1,540
 * of 4,400 (σ² = 1001), each method forced in turn. Over 100,000 draws the
 * means agree with k within 4.5 SE (0.45), the SDs with σ within 0.32,
 * and the 2.5th, 50th and 97.5th percentiles of the two methods within
 * one count (their SE is about 0.3; the draws are integers). Without the
 * continuity correction the normal's mean would be k − 0.5. */
static void
test_methods_agree_at_threshold (void)
{
  const struct { guint n, k; ErrataBinomialMethod auto_method; } cases[] = {
    { 4000, 2000, ERRATA_BINOMIAL_NORMAL },
    { 3996, 1998, ERRATA_BINOMIAL_EXACT },
    { 4400, 1540, ERRATA_BINOMIAL_NORMAL },
    { 4395, 1538, ERRATA_BINOMIAL_EXACT },
  };
  const guint n_draws = 100000;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ErrataBinomial automatic, exact, normal;
      Summary e, z;

      errata_binomial_init (&automatic, cases[i].n, cases[i].k, ERRATA_BINOMIAL_AUTO);
      errata_binomial_init (&exact, cases[i].n, cases[i].k, ERRATA_BINOMIAL_EXACT);
      errata_binomial_init (&normal, cases[i].n, cases[i].k, ERRATA_BINOMIAL_NORMAL);
      g_assert_cmpint (automatic.method, ==, cases[i].auto_method);
      g_assert_cmpint (exact.method, ==, ERRATA_BINOMIAL_EXACT);
      g_assert_cmpint (normal.method, ==, ERRATA_BINOMIAL_NORMAL);

      e = summarize (&exact, 10 + i, n_draws);
      z = summarize (&normal, 20 + i, n_draws);
      g_test_message ("%u of %u: exact mean %.3f sd %.3f [%g, %g, %g]; "
                      "normal mean %.3f sd %.3f [%g, %g, %g]", cases[i].k, cases[i].n,
                      e.mean, e.sd, e.p025, e.p50, e.p975, z.mean, z.sd, z.p025, z.p50, z.p975);
      assert_close_to_law (&e, cases[i].k, exact.sd, n_draws);
      assert_close_to_law (&z, cases[i].k, normal.sd, n_draws);
      g_assert_cmpfloat (fabs (e.p025 - z.p025), <=, 1.0);
      g_assert_cmpfloat (fabs (e.p50 - z.p50), <=, 1.0);
      g_assert_cmpfloat (fabs (e.p975 - z.p975), <=, 1.0);
    }
}

/* A million verdicts at 0.35: NORMAL, with the binomial's moments
 * (σ = √(350,000 · 650,000 / 1,000,000) = 476.97). */
static void
test_normal_large (void)
{
  const guint n_draws = 100000;
  ErrataBinomial binomial;
  Summary s;

  errata_binomial_init (&binomial, 1000000, 350000, ERRATA_BINOMIAL_AUTO);
  g_assert_cmpint (binomial.method, ==, ERRATA_BINOMIAL_NORMAL);
  g_assert_cmpfloat_with_epsilon (binomial.sd, 476.969600708472, 1e-9);
  s = summarize (&binomial, 7, n_draws);
  assert_close_to_law (&s, 350000, binomial.sd, n_draws);
  /* ±1.96 σ = ±934.9, within 4.5 SE of the percentiles (about 4 counts each) */
  g_assert_cmpfloat_with_epsilon (s.p025, 350000 - 934.9, 20.0);
  g_assert_cmpfloat_with_epsilon (s.p975, 350000 + 934.9, 20.0);
}

/* The same seed gives the same draws. */
static void
test_reproducible (void)
{
  ErrataBinomial exact, normal;
  ErrataRandom a, b;

  errata_binomial_init (&exact, 300, 100, ERRATA_BINOMIAL_AUTO);
  errata_binomial_init (&normal, 100000, 40000, ERRATA_BINOMIAL_AUTO);
  errata_random_init (&a, 9);
  errata_random_init (&b, 9);
  for (guint i = 0; i < 1000; i++)
    {
      g_assert_cmpuint (errata_binomial_draw (&exact, &a), ==, errata_binomial_draw (&exact, &b));
      g_assert_cmpuint (errata_binomial_draw (&normal, &a), ==, errata_binomial_draw (&normal, &b));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/binomial/exact-small", test_exact_small);
  g_test_add_func ("/stats/binomial/degenerate", test_degenerate);
  g_test_add_func ("/stats/binomial/exact-rare-large-n", test_exact_rare_large_n);
  g_test_add_func ("/stats/binomial/methods-agree-at-threshold", test_methods_agree_at_threshold);
  g_test_add_func ("/stats/binomial/normal-large", test_normal_large);
  g_test_add_func ("/stats/binomial/reproducible", test_reproducible);

  return g_test_run ();
}
