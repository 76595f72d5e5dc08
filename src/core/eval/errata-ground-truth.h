/* errata-ground-truth.h: what is true for a (trace, target), the label
 * every split, metric and estimate stands on (DESIGN.md, "Labels").
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-eval-types.h"
#include "errata-project.h"

G_BEGIN_DECLS

/* Where a trace's label for a target comes from, in order of precedence. */
typedef enum
{
  ERRATA_LABEL_SOURCE_NONE,
  ERRATA_LABEL_SOURCE_EXPLICIT,  /* set with errata_labels_set() */
  ERRATA_LABEL_SOURCE_REVIEWS,   /* reviews made here (origin here or merged) */
  ERRATA_LABEL_SOURCE_IMPORTED,  /* verdicts that came in with a file */
} ErrataLabelSource;

typedef struct
{
  gint64            trace_id;
  ErrataVerdict     value;      /* UNSET when disputed or when there is no label */
  ErrataLabelSource source;
  gboolean          disputed;   /* the source's reviewers (or files) differ */
  /* The reviews here gave the label and an imported verdict says otherwise. */
  gboolean          review_differs_from_import;
} ErrataTruth;

typedef struct
{
  guint n_pass, n_fail, n_disputed;
  guint n_explicit, n_reviews, n_imported;  /* undisputed labels by source */
  guint n_review_import_differ;
} ErrataTruthCounts;

/* Every trace with any label information for the target (disputed ones
 * included), by trace id. Element type: ErrataTruth. */
GArray   *errata_ground_truth_list    (ErrataProject     *project,
                                       gint64             target,
                                       GError           **error);
/* A trace without any label information gives source NONE, value UNSET. */
gboolean  errata_ground_truth_get     (ErrataProject     *project,
                                       gint64             target,
                                       gint64             trace_id,
                                       ErrataTruth       *out,
                                       GError           **error);
gboolean  errata_ground_truth_count   (ErrataProject     *project,
                                       gint64             target,
                                       ErrataTruthCounts *out,
                                       GError           **error);

/* Overall, or a failure mode that exists; else ERRATA_EVAL_ERROR_NOT_FOUND. */
gboolean  errata_target_check         (ErrataProject     *project,
                                       gint64             target,
                                       GError           **error);
/* "overall", a mode's name (case-insensitive) or its numeric id. */
gboolean  errata_target_parse         (ErrataProject     *project,
                                       const char        *text,
                                       gint64            *target,
                                       GError           **error);
/* "overall" or the mode's name. */
char     *errata_target_describe      (ErrataProject     *project,
                                       gint64             target);

/* An excluded annotator's verdicts and reviews are not ground truth (an
 * imported LLM's verdicts, say). Explicit labels are never excluded. */
gboolean  errata_source_set_excluded  (ErrataProject     *project,
                                       const char        *annotator,
                                       gboolean           excluded,
                                       GError           **error);
gboolean  errata_source_is_excluded   (ErrataProject     *project,
                                       const char        *annotator,
                                       gboolean          *excluded,
                                       GError           **error);

G_END_DECLS
