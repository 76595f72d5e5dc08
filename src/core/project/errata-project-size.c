/* errata-project-size.c: the bytes of a project file per part, from
 * SQLite's dbstat table (one row per b-tree with aggregate = 1).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "errata-project-size.h"
#include "errata-project-private.h"

/* A b-tree's part from the table it belongs to (an index's tbl_name is its
 * table; FTS5 keeps its index in shadow tables named after it). The
 * schema's own b-tree and the free pages are not rows of sqlite_schema:
 * they count as other, as do tables a later version adds until a part
 * names them. In aggregate mode dbstat's pageno is the b-tree's page
 * count; its pgsize is a 32-bit sum in SQLite 3.40, which wraps past 2 GB
 * (a 1M project's traces table read as -853 MB). */
static const char sizes_sql[] =
  "WITH d AS MATERIALIZED (SELECT name, pageno AS pages FROM dbstat WHERE aggregate = 1)"
  " SELECT CASE"
  "   WHEN s.tbl_name = 'traces' THEN 0"
  "   WHEN s.tbl_name GLOB 'traces_fts*' THEN 1"
  "   WHEN s.tbl_name = 'trace_meta' THEN 2"
  "   WHEN s.tbl_name IN ('annotations', 'assignments', 'failure_modes', 'explicit_labels',"
  "                       'label_history') OR s.tbl_name GLOB 'notes_fts*' THEN 3"
  "   WHEN s.tbl_name IN ('runs', 'verdicts', 'eval_batches') THEN 4"
  "   ELSE 5 END,"
  "   sum (d.pages) * (SELECT page_size FROM pragma_page_size ())"
  " FROM d LEFT JOIN sqlite_schema s ON s.name = d.name GROUP BY 1";

G_STATIC_ASSERT (ERRATA_PROJECT_PART_TRACES == 0 && ERRATA_PROJECT_PART_SEARCH == 1 &&
                 ERRATA_PROJECT_PART_TRACE_META == 2 && ERRATA_PROJECT_PART_REVIEWS == 3 &&
                 ERRATA_PROJECT_PART_VERDICTS == 4 && ERRATA_PROJECT_PART_OTHER == 5);

/* dbstat is a compile-time option of SQLite: Debian's has it, another
 * build (a Flatpak runtime's) may not. */
static gboolean
has_dbstat (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = sqlite3_prepare_v2 (db, "SELECT 1 FROM dbstat LIMIT 0", -1, &stmt,
                                       NULL) == SQLITE_OK;

  sqlite3_finalize (stmt);
  return found;
}

static gboolean
read_parts (ErrataProject       *self,
            ErrataProjectSizes  *sizes,
            GError             **error)
{
  sqlite3_stmt *stmt = _errata_project_prepare (self, sizes_sql, error);
  gint64 counted = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int part = sqlite3_column_int (stmt, 0);

      g_assert (part >= 0 && part < ERRATA_PROJECT_N_PARTS);
      sizes->bytes[part] += sqlite3_column_int64 (stmt, 1);
      counted += sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (self, error, _("measure the project"));
  /* Free pages belong to no b-tree. */
  sizes->bytes[ERRATA_PROJECT_PART_OTHER] += MAX (sizes->total - counted, 0);
  sizes->per_part = TRUE;
  return TRUE;
}

/* Fills `sizes`: the file's size as SQLite counts it (the WAL's pages
 * included, as a reader sees them) and, where dbstat exists, per part. */
gboolean
errata_project_get_sizes (ErrataProject       *self,
                          ErrataProjectSizes  *sizes,
                          GError             **error)
{
  gint64 page_count = 0;
  gint64 page_size = 0;

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (sizes != NULL, FALSE);

  memset (sizes, 0, sizeof *sizes);
  if (!_errata_project_query_int (self, "PRAGMA page_count", &page_count, error) ||
      !_errata_project_query_int (self, "PRAGMA page_size", &page_size, error))
    return FALSE;
  sizes->total = page_count * page_size;
  if (!has_dbstat (_errata_project_get_db (self)))
    return TRUE;
  return read_parts (self, sizes, error);
}

const char *
errata_project_part_key (ErrataProjectPart part)
{
  static const char * const keys[] = {
    "traces", "search", "trace_meta", "reviews", "verdicts", "other",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (keys) == ERRATA_PROJECT_N_PARTS);
  g_return_val_if_fail (part < ERRATA_PROJECT_N_PARTS, NULL);
  return keys[part];
}

const char *
errata_project_part_label (ErrataProjectPart part)
{
  static const char * const labels[] = {
    /* Translators: parts of a project file, as `errata-cli info` lists
     * their sizes. */
    N_("Traces"),
    N_("Search index"),
    N_("Metadata index"),
    N_("Reviews"),
    N_("Verdicts"),
    N_("Other"),
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == ERRATA_PROJECT_N_PARTS);
  g_return_val_if_fail (part < ERRATA_PROJECT_N_PARTS, NULL);
  return _(labels[part]);
}
