/* errata-bootstrap.h: the settings and the interval of a percentile bootstrap.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-quantile.h"

G_BEGIN_DECLS

#define ERRATA_BOOTSTRAP_DEFAULT_DRAWS 20000

/* How a bootstrap runs. The same seed, draws and data give the same
 * interval on any machine (see errata-random.h): store the seed beside a
 * result to be able to reproduce it. */
typedef struct
{
  guint64 seed;    /* seeds an ErrataRandom */
  guint   n_draws; /* resamples to draw (B) */
  double  level;   /* confidence level of the interval, in (0, 1) */
} ErrataBootstrapOptions;

ErrataBootstrapOptions errata_bootstrap_options_default     (void);
gboolean               errata_bootstrap_options_check       (const ErrataBootstrapOptions *options,
                                                             gboolean                      allow_no_draws,
                                                             GError                      **error);
ErrataInterval         errata_bootstrap_percentile_interval (double                       *draws,
                                                             gsize                         n_draws,
                                                             double                        level);

G_END_DECLS
