/* errata-project-merge-write.c: writing a merge's plan: the failure modes
 * the other file has and this one lacks, then each review with its notes'
 * places. The caller holds the transaction (errata-project-merge.c).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-project-merge-private.h"

static gboolean
create_mode (ErrataProject  *self,
             char          **row,
             GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  /* The id goes past every id that labels, splits or evaluators still name,
   * as errata-taxonomy.c does: a deleted mode's rows stay for undo. */
  stmt = _errata_project_prepare (self,
                                  "INSERT INTO failure_modes (id, name, definition, colour,"
                                  " position, created_at) VALUES ("
                                  " max (ifnull ((SELECT max (id) FROM failure_modes), 0),"
                                  "  ifnull ((SELECT max (target) FROM explicit_labels), 0),"
                                  "  ifnull ((SELECT max (target) FROM splits), 0),"
                                  "  ifnull ((SELECT max (target) FROM evaluators), 0)) + 1,"
                                  " ?1, ?2, ?3,"
                                  " (SELECT ifnull (max (position), -1) + 1 FROM failure_modes),"
                                  " ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row[0], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row[1], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row[2], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  ok = _errata_project_step_write (self, stmt, _("create a failure mode"), error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
clear_assignments (ErrataProject  *self,
                   gint64          annotation_id,
                   GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (self, "DELETE FROM assignments"
                                               " WHERE annotation_id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, annotation_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (self, error, _("place the merged notes"));
  return TRUE;
}

/* Puts the note at the end of the mode called `name` (there is one: every
 * missing mode was created first). */
static gboolean
assign (ErrataProject  *self,
        gint64          annotation_id,
        const char     *name,
        GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _errata_project_cached (self,
                                 "INSERT OR IGNORE INTO assignments (annotation_id,"
                                 " failure_mode_id, position, created_at)"
                                 " SELECT ?1, f.id, (SELECT ifnull (max (position), -1) + 1"
                                 "  FROM assignments WHERE failure_mode_id = f.id), ?3"
                                 " FROM failure_modes f WHERE f.name = ?2"
                                 " ORDER BY f.position, f.id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, annotation_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (self, error, _("place the merged notes"));
  return TRUE;
}

static gboolean
write_review (ErrataProject  *self,
              Review         *review,
              GError        **error)
{
  gint64 annotation_id = 0;

  if (!_errata_project_put_annotation (self, review->annotation, TRUE, &annotation_id, error) ||
      !clear_assignments (self, annotation_id, error))
    return FALSE;
  for (guint i = 0; i < review->modes->len; i++)
    if (!assign (self, annotation_id, review->modes->pdata[i], error))
      return FALSE;
  return TRUE;
}

gboolean
_errata_merge_write_plan (Merge   *merge,
                          GError **error)
{
  for (guint i = 0; i < merge->mode_rows->len; i++)
    if (!create_mode (merge->here, merge->mode_rows->pdata[i], error))
      return FALSE;
  for (guint i = 0; i < merge->to_write->len; i++)
    if (!write_review (merge->here, merge->to_write->pdata[i], error))
      return FALSE;
  return TRUE;
}
