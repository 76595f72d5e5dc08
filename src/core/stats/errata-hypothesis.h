/* errata-hypothesis.h: Student's t law, the one-sample t-test, and the
 * Benjamini–Yekutieli control of the false discovery rate.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* P(T ≤ t) for Student's t with df > 0 degrees of freedom, from the
 * regularized incomplete beta function: for t ≥ 0,
 * P(T ≤ t) = 1 − ½ I_{df/(df + t²)}(df/2, ½). Exact to about 1e-12. */
double   errata_student_t_cdf           (double        t,
                                         double        df);
/* I_x(a, b), the regularized incomplete beta function, for a, b > 0 and
 * x in [0, 1], by its continued fraction (modified Lentz). */
double   errata_incomplete_beta         (double        x,
                                         double        a,
                                         double        b);

/* The one-sided one-sample t-test of H0: mean ≥ mu against H1: mean < mu,
 * as scipy's ttest_1samp (values, mu, alternative='less'):
 * t = (mean − mu) / (s / √n), s the sample standard deviation (divisor
 * n − 1), p = P(T_{n−1} ≤ t). When every value is the same (s = 0) the
 * statistic is ±∞ and the p-value its limit: 0 when the mean is below mu,
 * 1 otherwise. Returns the p-value, NAN when n < 2; @t_out (nullable)
 * gets t. */
double   errata_t_test_less             (const double *values,
                                         gsize         n,
                                         double        mu,
                                         double       *t_out);

/* Benjamini and Yekutieli (2001): sort the m p-values, find the largest
 * rank k with p_(k) ≤ k q / (m H_m), H_m = 1 + ½ + … + 1/m, and reject the
 * k smallest. Holds the false discovery rate at q under any dependence
 * between the tests. @rejected gets one flag per p-value (a NAN p-value is
 * never rejected); returns how many were rejected. */
guint    errata_benjamini_yekutieli     (const double *p_values,
                                         guint         m,
                                         double        q,
                                         gboolean     *rejected);

G_END_DECLS
