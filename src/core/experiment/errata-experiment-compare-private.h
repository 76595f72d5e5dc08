/* errata-experiment-compare-private.h: what a comparison stands on, read
 * from the project in one go (errata-experiment-gather.c), and the
 * helpers the comparison's files share.
 *
 * A pair is (query, repeat), numbered query_index × repeats + repeat. For
 * each variant compared (the baseline first) and each evaluator, a byte per
 * pair says what is known of it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-evaluators.h"
#include "errata-experiment-compare.h"

G_BEGIN_DECLS

enum
{
  PAIR_PASS   = 0,
  PAIR_FAIL   = 1,
  PAIR_ERROR  = 2,     /* the judge erred and no one labelled the trace */
  PAIR_NONE   = 3,     /* no reply, or no verdict of this version */
  PAIR_VALUE  = 0x0f,
  PAIR_PEOPLE = 0x10,  /* the value is a person's label, not the judge's */
};

typedef struct
{
  gint64   id;
  char    *name;
  char   **changes;
  gint64  *trace_ids;   /* per pair; 0 without a reply */
  /* From its traces and scoring runs. */
  ErrataExperimentCost cost;
} GatheredVariant;

typedef struct
{
  ErrataEvaluator *evaluator;
  char            *target_name;
  gint64           version_id;
  guint            version;
  guint8         **pairs;        /* per variant, per pair */
  gboolean         has_test;     /* a done test run of this version: correct the rates */
  ErrataConfusion  test;
  gint64           test_run_id;
} GatheredMode;

typedef struct
{
  ErrataExperiment *experiment;
  GPtrArray        *queries;     /* of ErrataExperimentQuery */
  guint             repeats;
  guint             n_pairs;
  GPtrArray        *variants;    /* of GatheredVariant, the baseline first */
  GPtrArray        *modes;       /* of GatheredMode */
  /* The dimension values of the queries, once for every row: the values
   * (sorted, as "dimension\x1fvalue"), and for query q the indices
   * slice_of[slice_start[q] … slice_start[q + 1] − 1] into them. */
  GPtrArray        *slice_keys;
  guint            *slice_start;
  GArray           *slice_of;
} Gathered;

gboolean _errata_experiment_gather      (ErrataProject  *project,
                                         gint64          experiment_id,
                                         GArray         *variant_ids,
                                         Gathered       *out,
                                         GError        **error);
void     _errata_experiment_gathered_clear (Gathered    *gathered);

void     _errata_experiment_row_free    (ErrataExperimentRow *row);
void     _errata_experiment_flip_free   (ErrataExperimentFlip *flip);
void     _errata_experiment_slice_free  (ErrataExperimentSlice *slice);
void     _errata_experiment_candidate_free (ErrataExperimentCandidate *candidate);
void     _errata_experiment_cost_free   (ErrataExperimentCost *cost);

G_END_DECLS
