/* errata-stats-error.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-stats-error.h"

G_DEFINE_QUARK (errata-stats-error-quark, errata_stats_error)
