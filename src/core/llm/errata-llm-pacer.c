/* errata-llm-pacer.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-llm-pacer.h"

#include <math.h>

void
errata_llm_pacer_init (ErrataLlmPacer *pacer,
                       gint64          now)
{
  g_return_if_fail (pacer != NULL);

  pacer->tokens = 1.0;
  pacer->tokens_at = now;
  pacer->paused_until = 0;
}

gint64
errata_llm_pacer_take (ErrataLlmPacer *pacer,
                       guint           rpm,
                       gint64          now)
{
  g_return_val_if_fail (pacer != NULL, 0);

  if (now < pacer->paused_until)
    return pacer->paused_until - now;
  if (rpm == 0)
    return 0;

  /* A bucket of one token spaces requests evenly instead of sending a
   * minute's worth in a burst. */
  pacer->tokens = MIN (1.0, pacer->tokens + (now - pacer->tokens_at) * rpm / 60e6);
  pacer->tokens_at = now;
  if (pacer->tokens >= 1.0)
    {
      pacer->tokens -= 1.0;
      return 0;
    }

  return (gint64) ceil ((1.0 - pacer->tokens) * 60e6 / rpm);
}

void
errata_llm_pacer_pause_until (ErrataLlmPacer *pacer,
                              gint64          until)
{
  g_return_if_fail (pacer != NULL);

  pacer->paused_until = MAX (pacer->paused_until, until);
}

void
errata_llm_pacer_resume (ErrataLlmPacer *pacer)
{
  g_return_if_fail (pacer != NULL);

  pacer->paused_until = 0;
}

guint
errata_llm_backoff_ms (guint  base_ms,
                       guint  max_ms,
                       guint  attempt,
                       double random)
{
  double delay = base_ms * pow (2, MIN (attempt, 20) - 1);

  delay = MIN (delay, max_ms);
  /* "Equal jitter": keeps a floor while spreading a crowd apart. */
  return (guint) (delay / 2 + random * delay / 2);
}
