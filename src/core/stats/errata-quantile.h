/* errata-quantile.h: percentiles of a sample and quantiles of the normal law.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The confidence level every interval uses unless told otherwise. */
#define ERRATA_STATS_DEFAULT_LEVEL 0.95

/* The standard normal quantile at 0.975: the z of a two-sided 95% interval. */
#define ERRATA_STATS_Z95 1.959963984540054

/* A two-sided interval. Both ends are NAN when it is undefined (no data,
 * or no valid bootstrap draw). */
typedef struct
{
  double lower;
  double upper;
} ErrataInterval;

double errata_percentile_sorted   (const double *sorted,
                                   gsize         n,
                                   double        percent);
double errata_percentile          (double       *values,
                                   gsize         n,
                                   double        percent);
double errata_normal_cdf          (double        x);
double errata_normal_quantile     (double        p);
double errata_normal_two_sided_z  (double        level);

G_END_DECLS
