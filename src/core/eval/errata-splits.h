/* errata-splits.h: per target, a seeded split of the labelled traces into
 * train, dev and test, stratified by label; a trace keeps its split forever
 * once assigned.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-eval-types.h"
#include "errata-project.h"

G_BEGIN_DECLS

#define ERRATA_SPLIT_DEFAULT_TRAIN 0.2
#define ERRATA_SPLIT_DEFAULT_DEV   0.4
#define ERRATA_SPLIT_DEFAULT_TEST  0.4

typedef struct
{
  /* [ErrataSplit][0 pass, 1 fail] of the undisputed labels as they are
   * now; [ERRATA_SPLIT_NONE] = labelled but not assigned yet. */
  guint   counts[4][2];
  guint   n_disputed;
  guint64 seed;
  double  train, dev, test;   /* proportions, summing to 1 */
} ErrataSplitCounts;

/* Assigns the undisputed labelled traces that have no split yet, keeping
 * each class near the proportions. Idempotent, deterministic for a seed,
 * in one transaction. */
gboolean     errata_splits_update      (ErrataProject      *project,
                                        gint64              target,
                                        GError            **error);
/* NONE when the trace is not assigned or its label is now disputed or gone. */
ErrataSplit  errata_splits_get         (ErrataProject      *project,
                                        gint64              target,
                                        gint64              trace_id,
                                        GError            **error);
/* The trace ids (gint64) in the split whose ground truth is an undisputed
 * pass or fail now, by id. ERRATA_SPLIT_NONE lists the labelled traces
 * not assigned yet. */
GArray      *errata_splits_list        (ErrataProject      *project,
                                        gint64              target,
                                        ErrataSplit         split,
                                        GError            **error);
gboolean     errata_splits_get_counts  (ErrataProject      *project,
                                        gint64              target,
                                        ErrataSplitCounts  *out,
                                        GError            **error);
/* A new seed or new proportions (normalised to sum 1) reshuffle the
 * target's split: refused with ERRATA_EVAL_ERROR_SPLIT_FROZEN once a run
 * on the test split exists for an evaluator of the target. */
gboolean     errata_splits_configure   (ErrataProject      *project,
                                        gint64              target,
                                        guint64             seed,
                                        double              train,
                                        double              dev,
                                        double              test,
                                        GError            **error);
/* Whether a run on the test split exists for an evaluator of the target. */
gboolean     errata_splits_test_seen   (ErrataProject      *project,
                                        gint64              target,
                                        gboolean           *seen,
                                        GError            **error);

G_END_DECLS
