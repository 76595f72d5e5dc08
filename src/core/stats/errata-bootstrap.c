/* errata-bootstrap.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-bootstrap.h"
#include "errata-stats-error.h"

#include <math.h>

/**
 * errata_bootstrap_options_default:
 *
 * Returns: seed 0, %ERRATA_BOOTSTRAP_DEFAULT_DRAWS draws (20,000, as judgy
 *   and the ai-evals course use), level %ERRATA_STATS_DEFAULT_LEVEL (0.95).
 */
ErrataBootstrapOptions
errata_bootstrap_options_default (void)
{
  ErrataBootstrapOptions options = {
    .seed = 0,
    .n_draws = ERRATA_BOOTSTRAP_DEFAULT_DRAWS,
    .level = ERRATA_STATS_DEFAULT_LEVEL,
  };

  return options;
}

/**
 * errata_bootstrap_options_check:
 * @options: options a caller filled in, perhaps from user input
 * @allow_no_draws: whether 0 draws (no interval) is acceptable
 * @error: return location for an %ERRATA_STATS_ERROR_INVALID error
 *
 * Returns: %TRUE when @options can be used.
 */
gboolean
errata_bootstrap_options_check (const ErrataBootstrapOptions  *options,
                                gboolean                       allow_no_draws,
                                GError                       **error)
{
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Written so that NaN fails too. */
  if (!(options->level > 0.0 && options->level < 1.0))
    {
      g_set_error (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_INVALID,
                   _("The confidence level must be between 0 and 1 (for example 0.95), not %g"),
                   options->level);
      return FALSE;
    }
  if (options->n_draws == 0 && !allow_no_draws)
    {
      g_set_error_literal (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_INVALID,
                           _("The bootstrap needs at least one draw"));
      return FALSE;
    }
  return TRUE;
}

/**
 * errata_bootstrap_percentile_interval:
 * @draws: (array length=n_draws): the statistic on each valid resample;
 *   sorted in place
 * @n_draws: how many
 * @level: confidence level in (0, 1)
 *
 * The percentile interval: the (1 − level)/2 and 1 − (1 − level)/2
 * percentiles of the draws, by linear interpolation (numpy's default),
 * with the percent computed as judgy computes it so that the same draws
 * give the same bounds to the last bit.
 *
 * Returns: the interval; both ends NAN when there is no draw.
 */
ErrataInterval
errata_bootstrap_percentile_interval (double *draws,
                                      gsize   n_draws,
                                      double  level)
{
  ErrataInterval interval = { NAN, NAN };
  double alpha;

  g_return_val_if_fail (n_draws == 0 || draws != NULL, interval);
  g_return_val_if_fail (level > 0.0 && level < 1.0, interval);

  if (n_draws == 0)
    return interval;

  alpha = 1.0 - level;
  interval.lower = errata_percentile (draws, n_draws, (alpha / 2.0) * 100.0);
  interval.upper = errata_percentile_sorted (draws, n_draws, (1.0 - alpha / 2.0) * 100.0);
  return interval;
}
