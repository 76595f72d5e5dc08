/* errata-live-builders.h: the live writer's helper threads.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-live-journal.h"

G_BEGIN_DECLS

typedef struct _ErrataLiveBuilders ErrataLiveBuilders;

/* One trace to build: `items` as errata_live_journal_build() takes them;
 * `built` is set. */
typedef struct
{
  const char       *trace_id;
  GPtrArray        *items;
  ErrataLiveBuilt  *built;
} ErrataLiveBuildJob;

/* A builder thread a processor, and a sweeper thread. */
ErrataLiveBuilders *errata_live_builders_new            (void);
/* Waits for what the sweeper still has to free. */
void                errata_live_builders_free           (ErrataLiveBuilders *self);
/* Builds `jobs` on the builder threads and waits for them all. */
void                errata_live_builders_build          (ErrataLiveBuilders *self,
                                                         GArray             *jobs);
/* Makes the journal text of each of `spans` (ErrataLiveSpan) on the
 * builder threads and waits for them all. */
void                errata_live_builders_prepare_bodies (ErrataLiveBuilders *self,
                                                         GPtrArray          *spans);
/* Unrefs `array` (and so frees what it holds) on the sweeper thread. */
void                errata_live_builders_sweep          (ErrataLiveBuilders *self,
                                                         GPtrArray          *array);
/* Every thread's bin emptied on the sweeper (errata-live-bin.c). */
void                errata_live_builders_empty_bins     (ErrataLiveBuilders *self);

G_END_DECLS
