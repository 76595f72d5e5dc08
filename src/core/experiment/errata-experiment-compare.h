/* errata-experiment-compare.h: variants of an experiment compared with a
 * baseline, per failure mode (per evaluator) and overall, on the same
 * (query, repeat) pairs.
 *
 * A variant's verdict on a pair for an evaluator is the label people gave
 * its trace for the evaluator's target when there is one (reviews made
 * here or an explicit label: DESIGN.md, "Labels"; an imported label is
 * never used as one), else the verdict of the evaluator's newest scored
 * version on the trace. Overall, a pair fails when any evaluator fails it
 * and passes when every evaluator passed it.
 *
 * For each row: each side's pass rate with a 95% interval, the corrected
 * rate (Rogan–Gladen with the judge's TPR and TNR from its newest test
 * run, bootstrap interval) where the evaluator has a test run, marked
 * `corrected`, else the raw rate with Wilson's interval; the paired
 * table on pairs both sides scored, McNemar's exact two-sided p-value and a
 * seeded paired bootstrap interval of the difference (errata-paired.h);
 * the flips with both trace ids; the same per dimension value for
 * synthetic queries. With more than one candidate, each is compared with
 * the baseline and the p-values of a row are adjusted by Holm's method
 * over the candidates (`correction` says so in words).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "errata-experiment.h"
#include "errata-paired.h"

G_BEGIN_DECLS

#define ERRATA_EXPERIMENT_DEFAULT_ALPHA 0.05

typedef struct
{
  double   alpha;     /* significance level; 0 means 0.05 */
  double   level;     /* of the intervals; 0 means 0.95 */
  guint64  seed;      /* of the bootstraps; 0 means a fixed default */
  guint    n_draws;   /* of the bootstraps; 0 means ERRATA_BOOTSTRAP_DEFAULT_DRAWS */
  gboolean no_slices; /* leave out the per dimension rows (faster) */
} ErrataExperimentCompareOptions;

typedef enum
{
  ERRATA_EXPERIMENT_SAME,    /* no significant difference */
  ERRATA_EXPERIMENT_BETTER,  /* the candidate passes significantly more */
  ERRATA_EXPERIMENT_WORSE,   /* the candidate passes significantly less */
} ErrataExperimentDirection;

/* One variant's pass rate on a row. */
typedef struct
{
  guint          n;            /* pairs scored (pass or fail) */
  guint          n_pass;
  guint          n_by_people;  /* of them, settled by a person's label, not the judge */
  guint          n_errors;     /* pairs left out: the judge erred and no one labelled it */
  double         raw_rate;     /* n_pass / n */
  double         rate;         /* corrected when `corrected`, else raw_rate */
  ErrataInterval interval;     /* bootstrap of the corrected rate, else Wilson */
  gboolean       corrected;
  gint64         test_run_id;  /* the judge's test run the correction uses, 0 if none */
} ErrataExperimentRate;

typedef struct
{
  gint64  query_id;
  guint   repeat;
  char   *query;               /* its text */
  gint64  baseline_trace_id;
  gint64  candidate_trace_id;
} ErrataExperimentFlip;

/* A row restricted to the queries with one dimension value. */
typedef struct
{
  char              *dimension;
  char              *value;
  ErrataPairedTable  table;
  double             baseline_rate;
  double             candidate_rate;
  double             p_value;  /* McNemar, not adjusted: a slice is for looking, not gating */
} ErrataExperimentSlice;

typedef struct
{
  gint64                     evaluator_id;  /* 0 for the overall row */
  char                      *name;          /* the evaluator's name, or "overall" */
  gint64                     target;        /* the evaluator's failure mode, or ERRATA_TARGET_OVERALL */
  char                      *target_name;   /* the mode's name, or "overall" */
  guint                      version;       /* the evaluator version scored (0 overall) */
  ErrataExperimentRate       baseline;
  ErrataExperimentRate       candidate;
  ErrataPairedTable          table;         /* pairs both sides scored */
  ErrataPairedResult         paired;        /* difference, p-value, bootstrap interval */
  double                     p_adjusted;    /* Holm over the candidates; the p-value with one */
  gboolean                   significant;   /* p_adjusted < alpha */
  ErrataExperimentDirection  direction;
  GPtrArray                 *pass_to_fail;  /* of ErrataExperimentFlip: got worse */
  GPtrArray                 *fail_to_pass;  /* of ErrataExperimentFlip: got better */
  GPtrArray                 *slices;        /* of ErrataExperimentSlice; empty unless synthetic */
} ErrataExperimentRow;

/* What a variant cost and how fast it answered, from its traces and the
 * eval runs that scored it; a figure no trace recorded is NAN / -1. */
typedef struct
{
  gint64  variant_id;
  char   *name;
  guint   n_traces;
  guint   n_latency;        /* traces with a latency */
  double  latency_mean_ms;
  double  latency_median_ms;
  gint64  tokens_in;        /* -1: no trace recorded tokens */
  gint64  tokens_out;
  double  cost;             /* US dollars the traces recorded; NAN if none */
  double  eval_cost;        /* US dollars of the judges' runs */
  gint64  eval_tokens_in;
  gint64  eval_tokens_out;
} ErrataExperimentCost;

typedef struct
{
  gint64     variant_id;
  char      *name;
  char     **changes;        /* what it changes from its parent variant */
  GPtrArray *rows;           /* of ErrataExperimentRow: one per evaluator, then overall
                              * (left out when the only evaluator judges whole replies:
                              * its row is the overall one) */
} ErrataExperimentCandidate;

typedef struct
{
  gint64     experiment_id;
  char      *experiment;
  gint64     baseline_id;
  char      *baseline;
  double     alpha;
  double     level;
  guint64    seed;
  guint      n_draws;
  char      *correction;     /* in words: how several candidates were corrected for */
  GPtrArray *candidates;     /* of ErrataExperimentCandidate */
  GPtrArray *costs;          /* of ErrataExperimentCost: the baseline first */
} ErrataExperimentComparison;

/* `candidate_ids`: gint64 variant ids, at least one, none the baseline. */
ErrataExperimentComparison *errata_experiment_compare (ErrataProject                        *project,
                                                       gint64                                experiment_id,
                                                       gint64                                baseline_id,
                                                       GArray                               *candidate_ids,
                                                       const ErrataExperimentCompareOptions *options,
                                                       GError                              **error);
/* The same in a worker thread, on its own read-only connection to `file`. */
void     errata_experiment_compare_async  (GFile                                *file,
                                           gint64                                experiment_id,
                                           gint64                                baseline_id,
                                           GArray                               *candidate_ids,
                                           const ErrataExperimentCompareOptions *options,
                                           GCancellable                         *cancellable,
                                           GAsyncReadyCallback                   callback,
                                           gpointer                              user_data);
ErrataExperimentComparison *errata_experiment_compare_finish (GAsyncResult      *result,
                                                              GError           **error);

/* The rows significantly worse for the candidate: every row when `mode`
 * is NULL or "any" (the overall row included), else the rows whose
 * evaluator or failure mode is named `mode` (case-insensitive). Of
 * ErrataExperimentRow, borrowed from the comparison. */
GPtrArray *errata_experiment_comparison_regressions (ErrataExperimentComparison *comparison,
                                                     const char                 *mode);
/* Whether `mode` names a row (an evaluator, a failure mode or "overall"). */
gboolean   errata_experiment_comparison_has_mode    (ErrataExperimentComparison *comparison,
                                                     const char                 *mode);
/* The comparison as `errata-cli experiment compare --json` prints it. */
JsonNode  *errata_experiment_comparison_to_json     (ErrataExperimentComparison *comparison);

const char *errata_experiment_direction_to_string   (ErrataExperimentDirection   direction);

void errata_experiment_comparison_free (ErrataExperimentComparison *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataExperimentComparison, errata_experiment_comparison_free)

G_END_DECLS
