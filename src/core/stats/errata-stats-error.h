/* errata-stats-error.h: the error domain of the statistics.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ERRATA_STATS_ERROR (errata_stats_error_quark ())

/* Messages in this domain are meant for the user: they say which count is
 * missing or too small, and what would fix it. */
typedef enum
{
  ERRATA_STATS_ERROR_INVALID,         /* a parameter is out of range */
  ERRATA_STATS_ERROR_NOT_ENOUGH_DATA, /* a count the method needs is zero */
  ERRATA_STATS_ERROR_JUDGE_NO_BETTER_THAN_CHANCE, /* TPR + TNR − 1 ≤ 0 */
  ERRATA_STATS_ERROR_NO_VALID_DRAWS,  /* every bootstrap draw had to be skipped */
} ErrataStatsError;

GQuark errata_stats_error_quark (void);

G_END_DECLS
