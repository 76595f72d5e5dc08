/* errata-llm-pacer.h: when the next request to a provider may start: a
 * requests-per-minute bucket, a pause the server asked for, and the
 * backoff between attempts. Times are passed in (monotonic µs), so the
 * arithmetic is tested without waiting.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double tokens;         /* requests-per-minute bucket, at most 1 */
  gint64 tokens_at;      /* when it was last refilled */
  gint64 paused_until;   /* a 429 asked everyone to wait until then */
} ErrataLlmPacer;

void   errata_llm_pacer_init        (ErrataLlmPacer *pacer,
                                     gint64          now);
/* Returns 0 when a request may start at `now` (and takes its token), or
 * how many microseconds until one may. `rpm` 0 is no limit. */
gint64 errata_llm_pacer_take        (ErrataLlmPacer *pacer,
                                     guint           requests_per_minute,
                                     gint64          now);
/* Nothing starts before `until` (the later of this and earlier pauses). */
void   errata_llm_pacer_pause_until (ErrataLlmPacer *pacer,
                                     gint64          until);
/* Forgets a pause (the user fixed the account). */
void   errata_llm_pacer_resume      (ErrataLlmPacer *pacer);

/* The delay before attempt `attempt` + 1 (`attempt` >= 1): doubling from
 * `base_ms`, at most `max_ms`, with "equal jitter" from `random` in [0, 1). */
guint  errata_llm_backoff_ms        (guint           base_ms,
                                     guint           max_ms,
                                     guint           attempt,
                                     double          random);

G_END_DECLS
