/* errata-paired.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-paired.h"

#include "errata-binomial.h"
#include "errata-random.h"

#include <float.h>
#include <math.h>

guint
errata_paired_table_n (const ErrataPairedTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->both_pass + table->pass_to_fail + table->fail_to_pass + table->both_fail;
}

/* log (e^a + e^b) without overflow. */
static double
log_add (double a,
         double b)
{
  if (a == -INFINITY)
    return b;
  if (b == -INFINITY)
    return a;
  return MAX (a, b) + log1p (exp (-fabs (a - b)));
}

/**
 * errata_mcnemar_exact:
 * @pass_to_fail: b, pairs the baseline passed and the candidate failed
 * @fail_to_pass: c, pairs the baseline failed and the candidate passed
 *
 * Returns: min (1, 2 · P(X ≤ min (b, c))), X ~ Binomial(b + c, ½); 1 when
 * there is no discordant pair (nothing tells the two apart). The terms are
 * summed in logarithms: 2^−(b+c) underflows past 1074 pairs.
 */
double
errata_mcnemar_exact (guint pass_to_fail,
                      guint fail_to_pass)
{
  guint d = pass_to_fail + fail_to_pass;
  guint k = MIN (pass_to_fail, fail_to_pass);
  double log_term = -(double) d * G_LN2;   /* log C(d, 0) / 2^d */
  double log_tail = -INFINITY;

  if (d == 0 || pass_to_fail == fail_to_pass)
    return 1.0;
  for (guint i = 0; i <= k; i++)
    {
      log_tail = log_add (log_tail, log_term);
      log_term += log ((double) (d - i) / (i + 1));
    }
  return MIN (1.0, 2.0 * exp (log_tail));
}

/* Binomial(m, p) for any p, drawn by inversion from the mode like
 * errata-binomial.c (whose laws have p = k / n), or by the normal law from
 * σ² ≥ 1000 as there. The laws of c* given D* are set up once per D*. */
typedef struct
{
  guint  m;
  double p;
  guint  mode;
  double p_mode;
  double odds;
  double sd;
  gboolean normal;
} Law;

static double
log_choose (guint n,
            guint k)
{
  guint j = MIN (k, n - k);
  double sum = 0.0;

  for (guint i = 1; i <= j; i++)
    sum += log ((double) (n - j + i) / i);
  return sum;
}

static void
law_init (Law    *law,
          guint   m,
          double  p)
{
  *law = (Law) { .m = m, .p = p };
  law->sd = sqrt (m * p * (1.0 - p));
  if (m == 0 || p <= 0.0 || p >= 1.0)
    return;
  law->normal = law->sd * law->sd >= ERRATA_BINOMIAL_NORMAL_MIN_VARIANCE;
  if (law->normal)
    return;
  law->mode = MIN ((guint) floor ((m + 1.0) * p), m);
  law->odds = p / (1.0 - p);
  law->p_mode = exp (log_choose (m, law->mode) + law->mode * log (p)
                     + (m - law->mode) * log1p (-p));
}

static guint
law_draw (const Law    *law,
          ErrataRandom *rng)
{
  double u, p_lo, p_hi;
  guint lo, hi;

  if (law->m == 0 || law->p <= 0.0)
    return 0;
  if (law->p >= 1.0)
    return law->m;
  if (law->normal)
    {
      double u1 = errata_random_double (rng), u2 = errata_random_double (rng);
      double z = sqrt (-2.0 * log (1.0 - u1)) * cos (2.0 * G_PI * u2);

      return (guint) CLAMP (floor (law->m * law->p + law->sd * z + 0.5), 0.0, (double) law->m);
    }
  u = errata_random_double (rng) - law->p_mode;
  p_lo = p_hi = law->p_mode;
  lo = hi = law->mode;
  while (u >= 0.0)
    {
      if (lo > 0)
        {
          p_lo *= lo / ((law->m - lo + 1) * law->odds);
          lo--;
          if ((u -= p_lo) < 0.0)
            return lo;
        }
      else
        p_lo = 0.0;
      if (hi < law->m)
        {
          p_hi *= (double) (law->m - hi) / (hi + 1) * law->odds;
          hi++;
          if ((u -= p_hi) < 0.0)
            return hi;
        }
      else
        p_hi = 0.0;
      /* Rounding left in u (see errata-binomial.c): take the mode. */
      if (p_lo < DBL_EPSILON * 1e-3 && p_hi < DBL_EPSILON * 1e-3)
        break;
    }
  return law->mode;
}

/**
 * errata_paired_bootstrap:
 * @table: the paired counts
 * @options: seed, draws and level
 * @out: (out): the percentile interval of (c − b) / n
 * @error: bad options
 *
 * Resamples the n pairs with replacement, B times, as D* ~ Bin(n, (b+c)/n)
 * discordant pairs of which c* ~ Bin(D*, c/(b+c)) went from fail to pass:
 * the same law as drawing n pairs one by one, in O(σ) per draw.
 */
gboolean
errata_paired_bootstrap (const ErrataPairedTable      *table,
                         const ErrataBootstrapOptions *options,
                         ErrataInterval               *out,
                         GError                      **error)
{
  guint n, d, b, c;
  g_autofree double *draws = NULL;
  g_autofree Law *laws = NULL;
  g_autofree gboolean *ready = NULL;
  ErrataBinomial discordant;
  ErrataRandom rng;

  g_return_val_if_fail (table != NULL && out != NULL, FALSE);

  if (!errata_bootstrap_options_check (options, FALSE, error))
    return FALSE;
  n = errata_paired_table_n (table);
  b = table->pass_to_fail;
  c = table->fail_to_pass;
  d = b + c;
  if (n == 0)
    {
      *out = (ErrataInterval) { NAN, NAN };
      return TRUE;
    }
  if (d == 0)
    {
      *out = (ErrataInterval) { 0.0, 0.0 };
      return TRUE;
    }
  errata_random_init (&rng, options->seed);
  errata_binomial_init (&discordant, n, d, ERRATA_BINOMIAL_AUTO);
  draws = g_new (double, options->n_draws);
  laws = g_new (Law, n + 1);
  ready = g_new0 (gboolean, n + 1);
  for (guint i = 0; i < options->n_draws; i++)
    {
      guint d_star = errata_binomial_draw (&discordant, &rng);
      guint c_star;

      if (!ready[d_star])
        {
          law_init (&laws[d_star], d_star, (double) c / d);
          ready[d_star] = TRUE;
        }
      c_star = law_draw (&laws[d_star], &rng);
      draws[i] = ((double) c_star - (double) (d_star - c_star)) / n;
    }
  *out = errata_bootstrap_percentile_interval (draws, options->n_draws, options->level);
  return TRUE;
}

gboolean
errata_paired_compare (const ErrataPairedTable      *table,
                       const ErrataBootstrapOptions *options,
                       ErrataPairedResult           *out,
                       GError                      **error)
{
  guint n;

  g_return_val_if_fail (table != NULL && options != NULL && out != NULL, FALSE);

  n = errata_paired_table_n (table);
  *out = (ErrataPairedResult) {
    .n = n,
    .level = options->level,
    .seed = options->seed,
    .n_draws = options->n_draws,
    .p_value = errata_mcnemar_exact (table->pass_to_fail, table->fail_to_pass),
  };
  out->baseline_rate = n > 0 ? (double) (table->both_pass + table->pass_to_fail) / n : NAN;
  out->candidate_rate = n > 0 ? (double) (table->both_pass + table->fail_to_pass) / n : NAN;
  out->difference = n > 0 ? ((double) table->fail_to_pass - table->pass_to_fail) / n : NAN;
  return errata_paired_bootstrap (table, options, &out->interval, error);
}

typedef struct
{
  double p;
  gsize  index;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->p != y->p)
    return (x->p > y->p) - (x->p < y->p);
  return (x->index > y->index) - (x->index < y->index);
}

/**
 * errata_holm_adjust:
 * @p_values: m p-values (NAN ones are not part of the family)
 * @n: how many
 * @adjusted: (out caller-allocates): n adjusted p-values
 *
 * Holm's step-down: sorted p₍₁₎ ≤ … ≤ p₍ₘ₎, adjusted
 * p̃₍ᵢ₎ = max over j ≤ i of min (1, (m − j + 1) p₍ⱼ₎). Rejecting where
 * p̃ < α keeps the chance of any false "significant" at most α.
 */
void
errata_holm_adjust (const double *p_values,
                    gsize         n,
                    double       *adjusted)
{
  g_autofree Ranked *ranked = g_new (Ranked, MAX (n, 1));
  gsize m = 0;
  double running = 0.0;

  g_return_if_fail (n == 0 || (p_values != NULL && adjusted != NULL));

  for (gsize i = 0; i < n; i++)
    {
      adjusted[i] = NAN;
      if (!isnan (p_values[i]))
        ranked[m++] = (Ranked) { p_values[i], i };
    }
  qsort (ranked, m, sizeof (Ranked), compare_ranked);
  for (gsize j = 0; j < m; j++)
    {
      running = MAX (running, MIN (1.0, (m - j) * ranked[j].p));
      adjusted[ranked[j].index] = running;
    }
}
