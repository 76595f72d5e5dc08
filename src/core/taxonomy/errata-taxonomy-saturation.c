/* errata-taxonomy-saturation.c
 *
 * Saturation: how many distinct failure modes the first reviews brought,
 * review after review; the method stops reviewing when the curve is flat.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-taxonomy.h"

#include <glib/gi18n-lib.h>

#include "errata-taxonomy-private.h"

/* One row per reviewed trace, in the order it was first reviewed, with the
 * modes its notes sit in. */
static const char review_order_sql[] =
  "SELECT a.trace_id, min (a.created_at) AS first_review,"
  "  group_concat (s.failure_mode_id)"
  " FROM annotations a LEFT JOIN assignments s ON s.annotation_id = a.id"
  " WHERE " ERRATA_REVIEWED_ANNOTATION
  " GROUP BY a.trace_id ORDER BY first_review, a.trace_id";

static void
add_modes_to_set (GHashTable *seen,
                  const char *mode_list)
{
  g_auto (GStrv) ids = NULL;

  if (mode_list == NULL)
    return;
  ids = g_strsplit (mode_list, ",", -1);
  for (guint i = 0; ids[i]; i++)
    g_hash_table_add (seen, g_strdup (ids[i]));
}

GArray *
errata_taxonomy_saturation (ErrataTaxonomy  *self,
                            GError         **error)
{
  g_autoptr(GArray) curve = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), NULL);

  stmt = _errata_project_cached (self->project, review_order_sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint distinct;

      add_modes_to_set (seen, (const char *)sqlite3_column_text (stmt, 2));
      distinct = g_hash_table_size (seen);
      g_array_append_val (curve, distinct);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _errata_project_set_error (self->project, error, _("read the review history"));
      return NULL;
    }
  return g_steal_pointer (&curve);
}

/* The method's signal to stop reviewing: the last `window` reviews brought
 * no new failure mode (and there is at least one). */
gboolean
errata_taxonomy_is_saturated (GArray *saturation,
                              guint   window)
{
  guint last;

  g_return_val_if_fail (saturation != NULL, FALSE);

  if (window == 0 || saturation->len <= window)
    return FALSE;
  last = g_array_index (saturation, guint, saturation->len - 1);
  return last > 0 && last == g_array_index (saturation, guint, saturation->len - 1 - window);
}
