/* errata-labels.h: explicit labels per (trace, target), and their history.
 * Every label change goes through errata_labels_set() (DESIGN.md, "Labels").
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-eval-types.h"
#include "errata-project.h"

G_BEGIN_DECLS

/* One change of an explicit label: old and new value (UNSET for none). */
typedef struct
{
  gint64         id;
  gint64         target;
  gint64         trace_id;
  ErrataVerdict  old_value;
  ErrataVerdict  new_value;
  char          *who;
  char          *reason;
  gint64         changed_at;   /* microseconds since the epoch */
} ErrataLabelChange;

/* A row of a labels file that was not used: where, and why. */
typedef struct
{
  guint  line;      /* 1-based line where the row starts */
  char  *reason;
} ErrataLabelsProblem;

/* What a labels file did. */
typedef struct
{
  guint      n_rows;       /* data rows read, the header not counted */
  guint      n_set;        /* labels that changed */
  guint      n_unchanged;  /* labels that already had that value */
  GPtrArray *problems;     /* of ErrataLabelsProblem, by line */
} ErrataLabelsReport;

/* Sets (or, with ERRATA_VERDICT_UNSET, clears) the explicit label of a
 * trace for a target, and records who, when, the old and new value and
 * why, in one transaction. Setting the value it already has writes
 * nothing. `who` must not be empty. */
gboolean             errata_labels_set          (ErrataProject        *project,
                                                 gint64                target,
                                                 gint64                trace_id,
                                                 ErrataVerdict         value,
                                                 const char           *who,
                                                 const char           *reason,
                                                 GError              **error);
/* The explicit label alone (UNSET when there is none). */
gboolean             errata_labels_get          (ErrataProject        *project,
                                                 gint64                target,
                                                 gint64                trace_id,
                                                 ErrataVerdict        *value,
                                                 GError              **error);
/* The changes of one trace's label for the target, oldest first; with
 * trace_id 0, of every trace's. Element type: ErrataLabelChange. */
GPtrArray           *errata_labels_history      (ErrataProject        *project,
                                                 gint64                target,
                                                 gint64                trace_id,
                                                 GError              **error);
/* Every change of the trace's labels, for every target, oldest first:
 * what the trace's Label History shows. Element type: ErrataLabelChange. */
GPtrArray           *errata_labels_trace_history (ErrataProject       *project,
                                                 gint64                trace_id,
                                                 GError              **error);

/* "pass", "fail", "1", "0", "true", "false", any case, spaces around. */
gboolean             errata_labels_parse_value  (const char           *text,
                                                 ErrataVerdict        *value);
/* A trace by its external id, or by "#123" for its internal id: the rules
 * of errata_project_lookup_trace(), without loading the trace (a labels
 * file looks up every row). Fails with ERRATA_EVAL_ERROR_NOT_FOUND, or
 * INVALID when several sources use the id. */
gboolean             errata_labels_find_trace   (ErrataProject        *project,
                                                 const char           *id,
                                                 gint64               *trace_id,
                                                 GError              **error);

/* Reads `id,label` rows (a header row is optional; quoted fields are fine;
 * further columns are ignored) and sets every good row's label, all in one
 * transaction. Bad rows (unknown trace, bad label, one id with two
 * different labels) are reported and left out. Returns FALSE, with nothing
 * written, when the file cannot be read or the project not written. */
gboolean             errata_labels_import_file  (ErrataProject        *project,
                                                 gint64                target,
                                                 GFile                *csv,
                                                 const char           *who,
                                                 const char           *reason,
                                                 ErrataLabelsReport  **report,
                                                 GCancellable         *cancellable,
                                                 GError              **error);

void                 errata_label_change_free   (ErrataLabelChange    *change);
void                 errata_labels_report_free  (ErrataLabelsReport   *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataLabelChange, errata_label_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataLabelsReport, errata_labels_report_free)

G_END_DECLS
