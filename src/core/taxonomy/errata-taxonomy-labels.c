/* errata-taxonomy-labels.c
 *
 * Labels derived from the taxonomy (DESIGN.md, "Labels"): a reviewed trace
 * whose note sits in a mode fails it, a reviewed one not in it passes it,
 * an explicit label wins, reviewers who differ leave it disputed (the
 * ground truth of errata-ground-truth.c); and how many reviewed traces
 * fail each mode.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-taxonomy.h"

#include <glib/gi18n-lib.h>

#include "errata-ground-truth.h"
#include "errata-taxonomy-private.h"

/* The ground truth every number stands on (errata-ground-truth.c): the
 * canvas, the coding panel and the evaluators agree on what fails a mode. */
ErrataVerdict
errata_taxonomy_get_label (ErrataTaxonomy  *self,
                           gint64           trace_id,
                           gint64           mode_id,
                           GError         **error)
{
  ErrataTruth truth;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), ERRATA_VERDICT_UNSET);

  if (!errata_ground_truth_get (self->project, mode_id, trace_id, &truth, error))
    return ERRATA_VERDICT_UNSET;
  return truth.value;
}

static const char count_reviewed_sql[] =
  "SELECT count (DISTINCT a.trace_id) FROM annotations a WHERE " ERRATA_REVIEWED_ANNOTATION;
static const char count_modes_sql[] =
  "SELECT m.id, m.name, count (DISTINCT a.trace_id) AS n FROM failure_modes m"
  " LEFT JOIN assignments s ON s.failure_mode_id = m.id"
  " LEFT JOIN annotations a ON a.id = s.annotation_id AND " ERRATA_REVIEWED_ANNOTATION
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
