/* errata-project-open-private.h: what errata-project.c and
 * errata-project-upgrade.c share: the project's fields, and the steps of
 * opening a file that recognise its format and upgrade it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-project-private.h"
#include "errata-progress-relay.h"
#include "errata-upgrade-progress.h"

G_BEGIN_DECLS

struct _ErrataProject
{
  GObject       parent_instance;

  GFile        *file;
  sqlite3      *db;
  gboolean      read_only;
  int           schema_version;
  guint         transaction_depth;

  /* SQL text (static strings) -> prepared statement, for hot paths. */
  GHashTable   *statements;

  /* Whose reviews are "mine" in queries (errata_reviewer() in SQL). */
  char         *reviewer;

  /* The copy of the file as it was before this open upgraded it. */
  GFile        *upgrade_backup;
};

/* Where an upgrade reports its progress and learns it was cancelled
 * (errata-upgrade-progress.c). Every function takes NULL: no reports, no
 * Cancel (errata_project_open). */
typedef struct
{
  ErrataUpgradeProgressFunc  func;
  gpointer                   data;
  GCancellable              *cancellable;
  ErrataUpgradeProgress      last;
  gboolean                   reported;
} ErrataUpgradeMonitor;

void     _errata_upgrade_monitor_report       (ErrataUpgradeMonitor *monitor,
                                               ErrataUpgradePhase    phase,
                                               gint64                done,
                                               gint64                total);
gboolean _errata_upgrade_monitor_is_cancelled (ErrataUpgradeMonitor *monitor);

/* Hands reports from the opening thread to the caller's main context. */
typedef ErrataProgressRelay ErrataUpgradeRelay;

ErrataUpgradeRelay *_errata_upgrade_relay_new    (ErrataUpgradeProgressFunc    func,
                                                  gpointer                     data,
                                                  GDestroyNotify               notify);
void                _errata_upgrade_relay_report (const ErrataUpgradeProgress *progress,
                                                  gpointer                     relay);
void                _errata_upgrade_relay_unref  (ErrataUpgradeRelay          *relay);

/* After each step of a backup: FALSE stops it. */
typedef gboolean (*ErrataBackupStepFunc) (int      copied_pages,
                                          int      total_pages,
                                          gpointer data);
gboolean _errata_project_backup_in_steps (sqlite3               *source,
                                          const char            *path,
                                          int                    pages,
                                          ErrataBackupStepFunc   step,
                                          gpointer               data,
                                          GError               **error);

gboolean _errata_project_exec_sql                (ErrataProject  *self,
                                                  const char     *sql,
                                                  const char     *what,
                                                  GError        **error);
gboolean _errata_project_run_migrations          (ErrataProject        *self,
                                                  int                   from_version,
                                                  ErrataUpgradeMonitor *monitor,
                                                  GError              **error);
gboolean _errata_project_check_identity          (ErrataProject  *self,
                                                  GError        **error);
gboolean _errata_project_bring_schema_up_to_date (ErrataProject        *self,
                                                  ErrataUpgradeMonitor *monitor,
                                                  GError              **error);

G_END_DECLS
