/* errata-upgrade-progress.h: how far the upgrade of an older project has
 * come (issue 17, "scale"), reported through the open so that a window or
 * errata-cli can show it and offer Cancel.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-project.h"

G_BEGIN_DECLS

/* In the order an upgrade goes through them; an upgrade skips those it
 * does not need (a version 9 file has no other format step than the
 * packing). Compacting the file afterwards is a step of its own
 * (errata-project-compact.h). */
typedef enum
{
  ERRATA_UPGRADE_PHASE_BACKUP,   /* copying the old file to NAME.errata.vN.bak */
  ERRATA_UPGRADE_PHASE_MIGRATE,  /* the format's steps other than the packing */
  ERRATA_UPGRADE_PHASE_PACK,     /* compressing every trace, in batches */
  ERRATA_UPGRADE_PHASE_DONE,
} ErrataUpgradePhase;

typedef struct
{
  ErrataUpgradePhase phase;
  double             fraction;     /* of the whole upgrade: 0 to 1, never decreasing */
  gint64             done;         /* of this phase: pages copied, steps, traces packed */
  gint64             total;        /* 0 when the phase cannot count (the backup's start) */
  gboolean           can_cancel;   /* FALSE once the upgrade has committed */
} ErrataUpgradeProgress;

/* Called on the thread that opens (errata_project_open_full) or on the
 * caller's main context (errata_project_open_with_progress_async). */
typedef void (*ErrataUpgradeProgressFunc) (const ErrataUpgradeProgress *progress,
                                           gpointer                     user_data);

char          *errata_upgrade_progress_describe         (const ErrataUpgradeProgress *progress);

/* errata_project_open() and _open_async() with the upgrade's progress and
 * Cancel (errata-project.c). A cancelled upgrade fails with
 * G_IO_ERROR_CANCELLED and leaves the file as it was, without a backup;
 * once it has committed (DONE) it finishes. */
ErrataProject *errata_project_open_full                 (GFile                       *file,
                                                         ErrataProjectOpenFlags       flags,
                                                         ErrataUpgradeProgressFunc    progress,
                                                         gpointer                     progress_data,
                                                         GCancellable                *cancellable,
                                                         GError                     **error);
/* @progress is called on the thread-default main context of the caller,
 * in order, and before @callback; @progress_notify frees @progress_data
 * when the open is over. Finish with errata_project_open_finish(). */
void           errata_project_open_with_progress_async  (GFile                       *file,
                                                         ErrataProjectOpenFlags       flags,
                                                         ErrataUpgradeProgressFunc    progress,
                                                         gpointer                     progress_data,
                                                         GDestroyNotify               progress_notify,
                                                         GCancellable                *cancellable,
                                                         GAsyncReadyCallback          callback,
                                                         gpointer                     user_data);

G_END_DECLS
