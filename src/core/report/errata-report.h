/* errata-report.h: what a product manager reads about a project — what
 * breaks, how often, how sure we are, what it looks like — gathered once
 * from the project as it stands, for the Report page, the HTML and PDF
 * exports and `errata-cli report`.
 *
 * Whose numbers (DESIGN.md, "Labels"): "reviewed" means traces with at
 * least one review made here (annotations.origin 'here', any reviewer).
 * Imported labels are counted apart and never enter a failure mode's
 * share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-experiment-compare.h"
#include "errata-project.h"
#include "errata-quantile.h"

G_BEGIN_DECLS

/* How many examples a failure mode shows, and where a reply is cut. */
#define ERRATA_REPORT_MAX_EXAMPLES    3
#define ERRATA_REPORT_REPLY_CHARS     280
#define ERRATA_REPORT_QUESTION_CHARS  200
/* Reviews without a new failure mode after which reviewing may stop (as
 * the Failure Modes page says). */
#define ERRATA_REPORT_SATURATION_WINDOW 20
/* The project meta key of the experiment comparison made last (the
 * Experiments page stores it): {"experiment_id": …, "baseline_id": …,
 * "candidate_ids": […]}. The report compares them again as they stand. */
#define ERRATA_REPORT_LAST_COMPARISON_KEY "experiments.last-comparison"

typedef struct
{
  gint64  trace_id;
  char   *external_id;
  char   *question;   /* the first user message, cut */
  char   *reply;      /* the final reply, cut at a sentence or word */
  char   *note;       /* the reviewer's note */
  char   *annotator;
} ErrataReportExample;

typedef struct
{
  gint64          id;
  char           *name;
  char           *definition;
  guint           count;          /* reviewed-here traces with a note in the mode */
  double          share;          /* count / reviewed; 0 when none reviewed */
  ErrataInterval  interval;       /* 95% Wilson interval of the share */
  guint           imported;       /* imported labels whose note sits in the mode (apart) */
  /* A finalized judge's corrected failure rate on unlabelled traces. */
  gboolean        has_corrected;
  char           *judge_name;
  guint           judge_version;
  double          corrected;      /* failure rate, 0..1 */
  ErrataInterval  corrected_interval;
  double          observed;       /* the judge's raw failure rate on unlabelled traces */
  guint           n_unlabelled;
  /* Without a corrected rate but with an evaluator: why it gives none
   * ("“Tour check”: …"), or NULL. */
  char           *no_corrected_why;
  /* The reviewers' agreement on the mode (errata-reviewer-agreement.h):
   * reviews made here or merged, on the traces two or more reviewed. */
  guint           agreement_reviewers;  /* reviewers with a vote on the mode */
  guint           agreement_items;      /* traces two or more of them reviewed; 0: no overlap */
  gboolean        agreement_ac1_defined;
  double          agreement_ac1;        /* Gwet's AC1 */
  ErrataInterval  agreement_ac1_interval;
  gboolean        agreement_kappa_defined;
  double          agreement_kappa;      /* Cohen's κ with two raters, Fleiss' with more */
  GPtrArray      *examples;       /* ErrataReportExample */
} ErrataReportMode;

typedef struct
{
  gint64          id;
  char           *name;
  char           *kind;
  char           *target;         /* "overall" or the mode's name */
  gboolean        validated;      /* has a finished run on test */
  guint           version;        /* of the newest test look */
  gint64          tested_at;      /* its start, µs since the epoch */
  guint           n_looks;        /* runs on test, forced second looks included */
  guint           n_test;         /* labelled test traces in the matrix */
  gboolean        tpr_defined;
  double          tpr;
  ErrataInterval  tpr_interval;
  gboolean        tnr_defined;
  double          tnr;
  ErrataInterval  tnr_interval;
} ErrataReportJudge;

typedef struct
{
  char  *target;
  guint  train, dev, test;
} ErrataReportSplit;

typedef struct
{
  char  *dimension;
  char  *value;
  guint  count;
} ErrataReportDimension;

typedef struct
{
  char       *title;              /* the project file's name without .errata */
  gint64      generated_at;       /* µs since the epoch */
  guint       n_traces;
  guint       n_reviewed;         /* traces with a review made here */
  guint       n_reviewers;        /* distinct reviewers here */
  guint       n_failed;           /* reviewed traces a reviewer here failed */
  guint       n_imported;         /* traces with an imported label (apart) */
  guint       n_synthetic;        /* traces with metadata.dimensions */
  GArray     *saturation;         /* guint: distinct modes after each review here */
  gboolean    saturated;
  GPtrArray  *modes;              /* ErrataReportMode, most frequent first */
  GPtrArray  *judges;             /* ErrataReportJudge */
  GPtrArray  *splits;             /* ErrataReportSplit */
  GPtrArray  *dimensions;         /* ErrataReportDimension */
  /* The experiment comparison made last, compared again (no per
   * dimension slices), or NULL: none made, or its experiment or variants
   * are gone. */
  ErrataExperimentComparison *experiment;
} ErrataReport;

ErrataReport *errata_report_gather        (ErrataProject  *project,
                                           GError        **error);
/* The same, in a thread with a read-only connection of its own: the
 * window's connection stays free, the screen stays live (a project of
 * 100,000 traces takes about half a second). */
void          errata_report_gather_async  (GFile               *file,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
ErrataReport *errata_report_gather_finish (GAsyncResult        *result,
                                           GError             **error);
void          errata_report_free          (ErrataReport   *report);

/* The failure mode `mode_id` of the report, or NULL. */
const ErrataReportMode *errata_report_find_mode (const ErrataReport *report,
                                                 gint64              mode_id);

/* The last comparison in words (errata-report-experiment.c): what it
 * compares and counts, and one line per row of a candidate. */
char         *errata_report_dup_experiment_lead (const ErrataExperimentComparison *comparison);
char         *errata_report_dup_experiment_row  (const ErrataExperimentRow        *row);

/* Plain text cut to at most `max_chars` characters, at the end of a
 * sentence or a word where one is near, with "…" when cut. */
char         *errata_report_cut_text      (const char     *text,
                                           guint           max_chars);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataReport, errata_report_free)

G_END_DECLS
