/* errata-trace-deletion.h: deleting traces (a selection, or all that one
 * import added) with everything that goes with them, in one transaction,
 * and undoing it (issue 21).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-project.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_TRACE_DELETION (errata_trace_deletion_get_type ())

/* What goes with the traces; every count says whose (DESIGN.md, "Labels"). */
typedef struct
{
  gint64 traces;
  gint64 reviews;          /* annotations made here or merged: people's reviews */
  gint64 imported_labels;  /* verdicts and notes that came in with a file */
  gint64 explicit_labels;  /* labels set per target (errata-cli label, corrections) */
  gint64 label_changes;    /* rows of the label history */
  gint64 verdicts;         /* evaluators' verdicts on the traces */
  gint64 assignments;      /* notes placed in failure modes on the canvas */
  gint64 splits;           /* the traces' places in train/dev/test splits */
} ErrataDeletionCounts;

G_DECLARE_FINAL_TYPE (ErrataTraceDeletion, errata_trace_deletion, ERRATA, TRACE_DELETION, GObject)

/* The traces with these ids (ids that do not exist are left out). */
ErrataTraceDeletion *errata_trace_deletion_new_for_ids    (const gint64          *ids,
                                                           guint                  n_ids);
/* Every trace one import added, and the import's record with them. */
ErrataTraceDeletion *errata_trace_deletion_new_for_import (gint64                 import_id);

gint64               errata_trace_deletion_get_import_id  (ErrataTraceDeletion   *self);
/* What goes (before a run: a preview) or went (after it). */
gboolean             errata_trace_deletion_count          (ErrataTraceDeletion   *self,
                                                           ErrataProject         *project,
                                                           ErrataDeletionCounts  *counts,
                                                           GError               **error);
const ErrataDeletionCounts *errata_trace_deletion_get_counts (ErrataTraceDeletion *self);

/* Deletes in one transaction. With keep_undo, the deleted rows are kept
 * in a private file of this object (removed when it is finalized), so
 * that errata_trace_deletion_undo() can bring them back exactly. */
gboolean             errata_trace_deletion_run            (ErrataTraceDeletion   *self,
                                                           ErrataProject         *project,
                                                           gboolean               keep_undo,
                                                           GError               **error);
gboolean             errata_trace_deletion_can_undo       (ErrataTraceDeletion   *self);
/* Puts every deleted row back with its id, in one transaction. Refused
 * when a trace imported since took a deleted trace's id or (source, id). */
gboolean             errata_trace_deletion_undo           (ErrataTraceDeletion   *self,
                                                           ErrataProject         *project,
                                                           GError               **error);

/* The same in a thread on its own connection to project_file, for the
 * window (keep_undo is TRUE); the caller's connection sees the result once
 * the callback runs. */
void                 errata_trace_deletion_run_async      (ErrataTraceDeletion   *self,
                                                           GFile                 *project_file,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
gboolean             errata_trace_deletion_run_finish     (ErrataTraceDeletion   *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);
void                 errata_trace_deletion_undo_async     (ErrataTraceDeletion   *self,
                                                           GFile                 *project_file,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
gboolean             errata_trace_deletion_undo_finish    (ErrataTraceDeletion   *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);

G_END_DECLS
