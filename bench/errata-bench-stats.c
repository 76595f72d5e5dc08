/* errata-bench-stats.c: how long the statistics' bootstraps take.
 *
 *   errata-bench-stats [RUNS]
 *
 * times, RUNS times each (default 7) and prints the median and the worst:
 * - the corrected pass rate with 20,000 bootstrap draws over 1,000 test
 *   pairs and 10,000 unlabelled verdicts, resampled (the target: well
 *   under 0.5 s), and the same with the unlabelled pass rate held fixed
 *   (judgy's method, the cost of the test pairs alone);
 * - the same over 1,000,000 unlabelled verdicts (drawn from a normal law),
 *   and over 3,996 of them half passing (σ² = 999, just under where the
 *   exact binomial draw hands over to the normal: its costliest case);
 * - the same over 10,000 test pairs;
 * - agreement between 3 reviewers on 1,000 items (5% of ratings missing)
 *   with 20,000 draws, all five coefficients.
 * CPU time of this process (user + system) is printed beside the wall time,
 * since the machine may be shared.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "errata-stats.h"

typedef void (*BenchFunc) (gconstpointer data);

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
run_timed (const char    *label,
           BenchFunc      func,
           gconstpointer  data,
           guint          runs)
{
  g_autofree double *wall = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);

  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_seconds ();

      func (data);
      wall[r] = (g_get_monotonic_time () - start) / 1e6;
      cpu[r] = cpu_seconds () - cpu_start;
    }
  qsort (wall, runs, sizeof (double), compare_doubles);
  qsort (cpu, runs, sizeof (double), compare_doubles);
  printf ("%-58s median %7.1f ms (CPU %7.1f ms), worst %7.1f ms\n",
          label, wall[runs / 2] * 1e3, cpu[runs / 2] * 1e3, wall[runs - 1] * 1e3);
}

typedef struct
{
  guint                    scale;            /* test pairs: 100 × scale */
  guint                    unlabelled_pass;
  guint                    unlabelled_fail;
  ErrataUnlabelledSampling sampling;
} CorrectedCase;

/* Dataset C of the tests, scaled: TPR 0.9, TNR 0.8. */
static void
bench_corrected (gconstpointer data)
{
  const CorrectedCase *c = data;
  ErrataConfusion test = { .tp = 45 * c->scale, .fn = 5 * c->scale,
                           .fp = 10 * c->scale, .tn = 40 * c->scale };
  ErrataBootstrapOptions options = errata_bootstrap_options_default ();
  ErrataCorrectedRate rate;
  g_autoptr(GError) error = NULL;

  if (!errata_estimate_corrected_rate_full (&test, c->unlabelled_pass, c->unlabelled_fail,
                                            c->sampling, &options, &rate, &error))
    g_error ("%s", error->message);
  g_assert (rate.n_draws_used == ERRATA_BOOTSTRAP_DEFAULT_DRAWS);
}

typedef struct
{
  gint  *ratings;
  gsize  n_items;
  guint  n_raters;
} Ratings;

static void
bench_agreement (gconstpointer data)
{
  const Ratings *ratings = data;
  ErrataBootstrapOptions options = errata_bootstrap_options_default ();
  ErrataAgreement agreement;
  g_autoptr(GError) error = NULL;

  if (!errata_estimate_agreement (ratings->ratings, ratings->n_items, ratings->n_raters, 2,
                                  &options, &agreement, &error))
    g_error ("%s", error->message);
}

/* Raters who agree 85% of the time with a hidden truth, 5% missing. */
static Ratings
make_ratings (gsize n_items,
              guint n_raters)
{
  Ratings ratings = { g_new (gint, n_items * n_raters), n_items, n_raters };
  ErrataRandom rng;

  errata_random_init (&rng, 2026);
  for (gsize i = 0; i < n_items; i++)
    {
      gint truth = errata_random_double (&rng) < 0.7 ? 0 : 1;

      for (guint j = 0; j < n_raters; j++)
        {
          double u = errata_random_double (&rng);

          ratings.ratings[i * n_raters + j] = u < 0.05 ? ERRATA_RATING_MISSING
                                              : u < 0.85 ? truth : 1 - truth;
        }
    }
  return ratings;
}

int
main (int    argc,
      char **argv)
{
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 7;
  Ratings ratings = make_ratings (1000, 3);

  if (runs == 0)
    runs = 1;
  printf ("errata-bench-stats: %u runs each, 20,000 bootstrap draws\n", runs);
  run_timed ("corrected pass rate, 1,000 test pairs, 10,000 unlabelled", bench_corrected,
             &(CorrectedCase) { 10, 7500, 2500, ERRATA_UNLABELLED_RESAMPLED }, runs);
  run_timed ("  the same, unlabelled held fixed (judgy)", bench_corrected,
             &(CorrectedCase) { 10, 7500, 2500, ERRATA_UNLABELLED_FIXED }, runs);
  run_timed ("corrected pass rate, 1,000 test pairs, 1,000,000 unlabelled", bench_corrected,
             &(CorrectedCase) { 10, 750000, 250000, ERRATA_UNLABELLED_RESAMPLED }, runs);
  run_timed ("corrected pass rate, 1,000 test pairs, 3,996 unlabelled", bench_corrected,
             &(CorrectedCase) { 10, 1998, 1998, ERRATA_UNLABELLED_RESAMPLED }, runs);
  run_timed ("corrected pass rate, 10,000 test pairs, 10,000 unlabelled", bench_corrected,
             &(CorrectedCase) { 100, 7500, 2500, ERRATA_UNLABELLED_RESAMPLED }, runs);
  run_timed ("agreement, 3 raters x 1,000 items, 5 coefficients", bench_agreement,
             &ratings, runs);

  g_free (ratings.ratings);
  return 0;
}
