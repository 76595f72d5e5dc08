/* errata-hypothesis.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-hypothesis.h"

#include <math.h>
#include <stdlib.h>

#define CF_MAX_TERMS 500
#define CF_EPSILON   1e-15
#define CF_TINY      1e-300

/* Keeps a Lentz denominator away from zero. */
static double
not_zero (double value)
{
  return fabs (value) < CF_TINY ? CF_TINY : value;
}

/* The continued fraction of I_x(a, b), evaluated by the modified Lentz
 * method; it converges fast for x < (a + 1) / (a + b + 2). Terms
 * d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)) and
 * d_{2m} = m (b − m) x / ((a + 2m − 1)(a + 2m)). */
static double
beta_fraction (double x,
               double a,
               double b)
{
  double c = 1.0, d = 1.0 / not_zero (1.0 - (a + b) * x / (a + 1.0)), h = d;

  for (int m = 1; m <= CF_MAX_TERMS; m++)
    {
      double even = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
      double odd = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
      double step;

      d = 1.0 / not_zero (1.0 + even * d);
      c = not_zero (1.0 + even / c);
      h *= d * c;
      d = 1.0 / not_zero (1.0 + odd * d);
      c = not_zero (1.0 + odd / c);
      step = d * c;
      h *= step;
      if (fabs (step - 1.0) < CF_EPSILON)
        break;
    }
  return h;
}

double
errata_incomplete_beta (double x,
                        double a,
                        double b)
{
  double front;

  g_return_val_if_fail (a > 0 && b > 0, NAN);

  if (isnan (x) || x < 0 || x > 1)
    return NAN;
  if (x == 0 || x == 1)
    return x;
  front = exp (lgamma (a + b) - lgamma (a) - lgamma (b) + a * log (x) + b * log1p (-x));
  if (x < (a + 1.0) / (a + b + 2.0))
    return front * beta_fraction (x, a, b) / a;
  /* The symmetry I_x(a, b) = 1 − I_{1−x}(b, a) keeps the fraction where it converges. */
  return 1.0 - front * beta_fraction (1.0 - x, b, a) / b;
}

double
errata_student_t_cdf (double t,
                      double df)
{
  double tail;

  g_return_val_if_fail (df > 0, NAN);

  if (isnan (t))
    return NAN;
  if (isinf (t))
    return t > 0 ? 1.0 : 0.0;
  tail = 0.5 * errata_incomplete_beta (df / (df + t * t), df / 2.0, 0.5);
  return t < 0 ? tail : 1.0 - tail;
}

double
errata_t_test_less (const double *values,
                    gsize         n,
                    double        mu,
                    double       *t_out)
{
  double mean = 0, squares = 0, sd, t;

  g_return_val_if_fail (n == 0 || values != NULL, NAN);

  if (t_out != NULL)
    *t_out = NAN;
  if (n < 2)
    return NAN;
  for (gsize i = 0; i < n; i++)
    mean += values[i];
  mean /= n;
  for (gsize i = 0; i < n; i++)
    squares += (values[i] - mean) * (values[i] - mean);
  sd = sqrt (squares / (n - 1));
  /* A constant sample: rounding can leave a tiny sd; treat it as zero. */
  if (sd < 1e-12)
    {
      if (t_out != NULL)
        *t_out = mean < mu ? -INFINITY : (mean > mu ? INFINITY : NAN);
      return mean < mu ? 0.0 : 1.0;
    }
  t = (mean - mu) / (sd / sqrt ((double)n));
  if (t_out != NULL)
    *t_out = t;
  return errata_student_t_cdf (t, (double)(n - 1));
}

typedef struct
{
  double p;
  guint  index;
} Ranked;

static int
compare_ranked (const void *a,
                const void *b)
{
  const Ranked *x = a, *y = b;

  if (x->p != y->p)
    return x->p < y->p ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

guint
errata_benjamini_yekutieli (const double *p_values,
                            guint         m,
                            double        q,
                            gboolean     *rejected)
{
  g_autofree Ranked *ranked = g_new (Ranked, MAX (m, 1));
  guint n = 0, k = 0;
  double harmonic = 0;

  g_return_val_if_fail (m == 0 || (p_values != NULL && rejected != NULL), 0);

  for (guint i = 0; i < m; i++)
    {
      rejected[i] = FALSE;
      if (!isnan (p_values[i]))
        ranked[n++] = (Ranked) { p_values[i], i };
    }
  /* m counts the hypotheses tested: a NAN p-value is no test. */
  for (guint i = 1; i <= n; i++)
    harmonic += 1.0 / i;
  qsort (ranked, n, sizeof (Ranked), compare_ranked);
  for (guint i = 0; i < n; i++)
    if (ranked[i].p <= (i + 1.0) * q / (n * harmonic))
      k = i + 1;
  for (guint i = 0; i < k; i++)
    rejected[ranked[i].index] = TRUE;
  return k;
}
