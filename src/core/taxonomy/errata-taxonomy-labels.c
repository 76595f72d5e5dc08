/* errata-taxonomy-labels.c
 *
 * Labels derived from the taxonomy (DESIGN.md, "Labels"): a reviewed trace
 * whose note sits in a mode fails it, a reviewed one not in it passes it,
 * an explicit label wins; and how many reviewed traces fail each mode.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-taxonomy.h"

#include <glib/gi18n-lib.h>

#include "errata-taxonomy-private.h"

static const char explicit_label_sql[] =
  "SELECT value FROM explicit_labels WHERE trace_id = ?1 AND target = ?2";
static const char derived_label_sql[] =
  "SELECT EXISTS (SELECT 1 FROM annotations a WHERE a.trace_id = ?1 AND " ERRATA_REVIEWED_ANNOTATION "),"
  " EXISTS (SELECT 1 FROM annotations a JOIN assignments s ON s.annotation_id = a.id"
  "         WHERE a.trace_id = ?1 AND s.failure_mode_id = ?2)";

static gboolean
lookup_label (ErrataProject  *project,
              const char     *sql,
              gint64          trace_id,
              gint64          mode_id,
              sqlite3_stmt  **out,
              GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, sql, error);
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, trace_id);
  sqlite3_bind_int64 (stmt, 2, mode_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = stmt;
  else if (rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("read labels"));
  return TRUE;
}

ErrataVerdict
errata_taxonomy_get_label (ErrataTaxonomy  *self,
                           gint64           trace_id,
                           gint64           mode_id,
                           GError         **error)
{
  ErrataVerdict label = ERRATA_VERDICT_UNSET;
  sqlite3_stmt *row;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), ERRATA_VERDICT_UNSET);

  if (!lookup_label (self->project, explicit_label_sql, trace_id, mode_id, &row, error))
    return ERRATA_VERDICT_UNSET;
  if (row != NULL)
    {
      label = errata_verdict_from_string ((const char *)sqlite3_column_text (row, 0));
      sqlite3_reset (row);
      return label;
    }
  if (!lookup_label (self->project, derived_label_sql, trace_id, mode_id, &row, error))
    return ERRATA_VERDICT_UNSET;
  if (row != NULL && sqlite3_column_int (row, 0))
    label = sqlite3_column_int (row, 1) ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS;
  if (row != NULL)
    sqlite3_reset (row);
  return label;
}

static const char count_reviewed_sql[] =
  "SELECT count (DISTINCT a.trace_id) FROM annotations a WHERE " ERRATA_REVIEWED_ANNOTATION;
static const char count_modes_sql[] =
  "SELECT m.id, m.name, count (DISTINCT a.trace_id) AS n FROM failure_modes m"
  " LEFT JOIN assignments s ON s.failure_mode_id = m.id"
  " LEFT JOIN annotations a ON a.id = s.annotation_id"
  " GROUP BY m.id ORDER BY n DESC, m.position, m.id";

static ErrataModeCount *
mode_count_from_row (sqlite3_stmt *stmt)
{
  ErrataModeCount *count = g_new0 (ErrataModeCount, 1);

  count->mode_id = sqlite3_column_int64 (stmt, 0);
  count->name = g_strdup (_errata_taxonomy_column_text (stmt, 1));
  count->count = sqlite3_column_int (stmt, 2);
  return count;
}

GPtrArray *
errata_taxonomy_count_modes (ErrataTaxonomy  *self,
                             guint           *reviewed,
                             GError         **error)
{
  g_autoptr(GPtrArray) counts = NULL;
  sqlite3_stmt *stmt;
  gint64 n_reviewed = 0;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), NULL);

  if (!_errata_project_query_int (self->project, count_reviewed_sql, &n_reviewed, error))
    return NULL;
  stmt = _errata_project_cached (self->project, count_modes_sql, error);
  if (stmt == NULL)
    return NULL;
  counts = _errata_taxonomy_collect_rows (self->project, stmt, (gpointer)mode_count_from_row,
                                         (GDestroyNotify)errata_mode_count_free, error);
  if (counts == NULL)
    return NULL;
  for (guint i = 0; i < counts->len; i++)
    {
      ErrataModeCount *count = counts->pdata[i];

      count->share = n_reviewed > 0 ? (double)count->count / n_reviewed : 0.0;
    }
  if (reviewed)
    *reviewed = n_reviewed;
  return g_steal_pointer (&counts);
}
