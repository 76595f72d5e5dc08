/* errata-project-compact.h: giving back the pages a project no longer
 * uses (issue 17, part 3), as a step of its own that can be cancelled,
 * rather than a VACUUM at the end of an upgrade that could not.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-project.h"

G_BEGIN_DECLS

typedef enum
{
  ERRATA_COMPACT_PHASE_COPY,     /* writing a compact copy beside the project */
  ERRATA_COMPACT_PHASE_REPLACE,  /* putting its pages in place, in one transaction */
  ERRATA_COMPACT_PHASE_FINISH,   /* saved: shrinking the file (no Cancel) */
  ERRATA_COMPACT_PHASE_DONE,
} ErrataCompactPhase;

typedef struct
{
  ErrataCompactPhase phase;
  double             fraction;     /* of the whole compaction: 0 to 1, never decreasing */
  gboolean           can_cancel;   /* FALSE once the compact pages are saved */
} ErrataCompactProgress;

typedef void (*ErrataCompactProgressFunc) (const ErrataCompactProgress *progress,
                                           gpointer                     user_data);

/* Bytes a compaction gives back at least: the file's free pages (it
 * also packs pages left part empty: an upgraded test project with 6 MB
 * free became 22 MB smaller). */
gboolean  errata_project_get_reclaimable_bytes (ErrataProject              *self,
                                                gint64                     *bytes,
                                                GError                    **error);

char     *errata_compact_progress_describe     (const ErrataCompactProgress *progress);

/* Compacts the project file (opening it on connections of its own; an
 * older file is upgraded first, without progress). Cancelled, it fails
 * with G_IO_ERROR_CANCELLED and the file is as it was. @saved_bytes
 * (nullable): how much smaller the file became. */
gboolean  errata_project_compact               (GFile                      *file,
                                                ErrataCompactProgressFunc   progress,
                                                gpointer                    progress_data,
                                                GCancellable               *cancellable,
                                                gint64                     *saved_bytes,
                                                GError                    **error);
/* The same on a thread; @progress is called on the caller's thread-default
 * main context, in order and before @callback. */
void      errata_project_compact_async         (GFile                      *file,
                                                ErrataCompactProgressFunc   progress,
                                                gpointer                    progress_data,
                                                GDestroyNotify              progress_notify,
                                                GCancellable               *cancellable,
                                                GAsyncReadyCallback         callback,
                                                gpointer                    user_data);
gboolean  errata_project_compact_finish        (GAsyncResult               *result,
                                                gint64                     *saved_bytes,
                                                GError                    **error);

G_END_DECLS
