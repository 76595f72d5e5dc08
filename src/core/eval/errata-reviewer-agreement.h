/* errata-reviewer-agreement.h: how much a project's reviewers agree with
 * each other on a target, on the traces two or more of them reviewed.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-agreement.h"
#include "errata-eval-types.h"
#include "errata-project.h"

G_BEGIN_DECLS

/* Below this many shared traces an interval is too wide to lean on. */
#define ERRATA_AGREEMENT_FEW_ITEMS 20
/* Above this chance agreement κ and α swing widely with one changed
 * rating (the "kappa paradox"): read AC1 instead. */
#define ERRATA_AGREEMENT_HIGH_CHANCE 0.8

typedef enum
{
  ERRATA_AGREEMENT_WARNING_NONE        = 0,
  ERRATA_AGREEMENT_WARNING_ONE_REVIEWER = 1 << 0, /* fewer than two reviewers voted */
  ERRATA_AGREEMENT_WARNING_NO_OVERLAP  = 1 << 1, /* two or more, but no trace in common */
  ERRATA_AGREEMENT_WARNING_FEW_ITEMS   = 1 << 2, /* fewer than ERRATA_AGREEMENT_FEW_ITEMS */
  ERRATA_AGREEMENT_WARNING_HIGH_CHANCE = 1 << 3, /* chance agreement above the threshold */
  ERRATA_AGREEMENT_WARNING_ONE_CLASS   = 1 << 4, /* every rating the same: κ, α undefined */
} ErrataAgreementWarnings;

/* Categories of the ratings matrix. */
#define ERRATA_AGREEMENT_PASS 0
#define ERRATA_AGREEMENT_FAIL 1

/* The reviewers are the annotators of reviews made here or merged from a
 * colleague's project (never imported labels), less the sources excluded
 * from ground truth. A reviewer's vote on a trace is, for the overall
 * target, their verdict; for a failure mode M, "fail" when their note sits
 * in M and "pass" when they reviewed the trace (a verdict or a note) and
 * the note is not in M, as in errata-ground-truth.c.
 *
 * The items are the traces that two or more reviewers voted on; the raters
 * are the reviewers with a vote on at least one of them. */
typedef struct
{
  gint64                  target;
  guint                   n_reviewers;      /* reviewers with any vote on the target */
  guint                   n_single;         /* traces only one reviewer voted on */
  guint                   n_items;          /* traces two or more reviewers voted on */
  GStrv                   raters;           /* the raters' names, sorted */
  guint                   n_raters;
  guint                   n_fail_ratings;   /* ratings of "fail" on the items */
  guint                   n_ratings;        /* all ratings on the items */
  double                  chance_agreement; /* Fleiss' p_e = Σ_k π_k²; NAN without items */
  gboolean                computed;         /* @agreement is filled in (n_items > 0) */
  ErrataAgreement         agreement;
  ErrataAgreementWarnings warnings;
} ErrataReviewerAgreement;

/* The matrix the agreement is measured on: one row a trace two or more
 * reviewers voted on (ascending trace ids), one column a rater. */
typedef struct
{
  GStrv   raters;     /* sorted, as ErrataReviewerAgreement's */
  guint   n_raters;
  GArray *trace_ids;  /* gint64, one per row */
  gint   *ratings;    /* trace_ids->len × n_raters: PASS, FAIL or ERRATA_RATING_MISSING */
} ErrataReviewerRatings;

gboolean  errata_reviewer_agreement          (ErrataProject                 *project,
                                              gint64                         target,
                                              const ErrataBootstrapOptions  *options,
                                              ErrataReviewerAgreement       *out,
                                              GError                       **error);
void      errata_reviewer_agreement_clear    (ErrataReviewerAgreement       *agreement);
gboolean  errata_reviewer_ratings            (ErrataProject                 *project,
                                              gint64                         target,
                                              ErrataReviewerRatings         *out,
                                              GError                       **error);
void      errata_reviewer_ratings_clear      (ErrataReviewerRatings         *ratings);
/* One sentence per warning, in plain words, translated. */
GStrv     errata_reviewer_agreement_warnings (const ErrataReviewerAgreement *agreement);
/* The Fleiss chance agreement of a ratings matrix: Σ_k π_k², π_k the mean
 * over items rated twice or more of the share of the item's ratings in k. */
double    errata_agreement_chance            (const gint                    *ratings,
                                              gsize                          n_items,
                                              guint                          n_raters,
                                              guint                          n_categories);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ErrataReviewerAgreement, errata_reviewer_agreement_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ErrataReviewerRatings, errata_reviewer_ratings_clear)

G_END_DECLS
