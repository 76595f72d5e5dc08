/* errata-project-open-private.h: what errata-project.c and
 * errata-project-upgrade.c share: the project's fields, and the steps of
 * opening a file that recognise its format and upgrade it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-project-private.h"

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

gboolean _errata_project_exec_sql                (ErrataProject  *self,
                                                  const char     *sql,
                                                  const char     *what,
                                                  GError        **error);
gboolean _errata_project_run_migrations          (ErrataProject  *self,
                                                  int             from_version,
                                                  GError        **error);
gboolean _errata_project_check_identity          (ErrataProject  *self,
                                                  GError        **error);
gboolean _errata_project_bring_schema_up_to_date (ErrataProject  *self,
                                                  GError        **error);

G_END_DECLS
