/* errata-project-merge.h: bring a colleague's reviews from their copy of a
 * project into this one (issue 19, part 1).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-project.h"

G_BEGIN_DECLS

/* One person's review that both files changed, differently: the review
 * here is kept, this says what the other file holds instead. */
typedef struct
{
  char                   *source;
  char                   *external_id;
  char                   *annotator;
  ErrataVerdict           here_verdict;
  char                   *here_note;
  ErrataAnnotationOrigin  here_origin;
  gint64                  here_updated_at;
  ErrataVerdict           other_verdict;
  char                   *other_note;
  gint64                  other_updated_at;
} ErrataMergeConflict;

/* What a merge brings in (a preview) or brought in. Traces count every
 * trace of the other file; reviews count the other file's reviews (made
 * there or merged into it), never its imported labels, which are labels
 * and stay behind (DESIGN.md, "Labels"). */
typedef struct
{
  guint      traces_by_id;       /* same (source, external id) */
  guint      traces_by_hash;     /* same messages under another id */
  guint      traces_unmatched;   /* not in this project: their reviews stay behind */
  guint      reviews_new;
  guint      reviews_updated;    /* the other file's version is the later one */
  guint      reviews_unchanged;  /* the same here already */
  guint      reviews_older;      /* the version here is the later one: kept */
  guint      reviews_unmatched;  /* on traces this project does not have */
  guint      imported_left_out;  /* the other file's imported labels */
  guint      modes_new;          /* failure modes created by name */
  GPtrArray *conflicts;          /* ErrataMergeConflict, kept as they are here */
  gboolean   written;            /* FALSE for a preview */
} ErrataMergeResult;

ErrataMergeResult *errata_project_merge      (ErrataProject      *self,
                                              GFile              *other,
                                              gboolean            dry_run,
                                              GError            **error);
/* The same off the calling thread, for the window: the thread opens its
 * own connection to project_file (a connection belongs to one thread), and
 * the caller's connection sees the merged reviews once it completes. */
void               errata_project_merge_file_async  (GFile               *project_file,
                                                     GFile               *other,
                                                     gboolean             dry_run,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
ErrataMergeResult *errata_project_merge_file_finish (GAsyncResult        *result,
                                                     GError             **error);
void               errata_merge_result_free  (ErrataMergeResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataMergeResult, errata_merge_result_free)

G_END_DECLS
