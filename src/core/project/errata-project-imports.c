/* errata-project-imports.c: the record of each import.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "errata-project-imports.h"
#include "errata-project-private.h"

void
errata_import_info_free (ErrataImportInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->paths);
  g_free (info->format);
  g_free (info->mapping);
  g_free (info);
}

static char *
paths_to_json (const char * const *paths)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    json_array_add_string_element (array, paths[i]);
  json_node_set_array (node, array);
  return json_to_string (node, FALSE);
}

gint64
errata_project_start_import (ErrataProject       *self,
                             const char          *name,
                             const char * const  *paths,
                             const char          *format,
                             const char          *mapping,
                             GError             **error)
{
  g_autofree char *paths_json = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;
  gint64 id;

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  if (!_errata_project_check_writable (self, error))
    return 0;
  stmt = _errata_project_prepare (self, "INSERT INTO imports (name, paths, format, mapping,"
                                  " started_at) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return 0;
  paths_json = paths_to_json (paths);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, paths_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, format ? format : "", -1, SQLITE_STATIC);
  if (mapping != NULL && *mapping != '\0')
    sqlite3_bind_text (stmt, 4, mapping, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
  ok = _errata_project_step_write (self, stmt, _("record the import"), error);
  sqlite3_finalize (stmt);
  if (!ok)
    return 0;
  id = sqlite3_last_insert_rowid (_errata_project_get_db (self));
  return id;
}

gboolean
errata_project_finish_import (ErrataProject  *self,
                              gint64          import_id,
                              gboolean        finished,
                              const char     *format,
                              gint64          n_added,
                              gint64          n_skipped,
                              GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (import_id > 0, FALSE);

  if (!_errata_project_check_writable (self, error))
    return FALSE;
  stmt = _errata_project_prepare (self, "UPDATE imports SET finished_at = ?2,"
                                  " format = ifnull (?3, format), n_added = ?4, n_skipped = ?5"
                                  " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import_id);
  if (finished)
    sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  if (format != NULL)
    sqlite3_bind_text (stmt, 3, format, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, n_added);
  sqlite3_bind_int64 (stmt, 5, n_skipped);
  ok = _errata_project_step_write (self, stmt, _("record the import"), error);
  sqlite3_finalize (stmt);
  return ok;
}

#define IMPORT_COLUMNS \
  "i.id, i.name, i.paths, i.format, i.mapping, i.started_at, ifnull (i.finished_at, 0)," \
  " i.n_added, i.n_skipped, i.recorded," \
  " (SELECT count (*) FROM traces t WHERE t.import_id = i.id)"

static gpointer
import_from_row (sqlite3_stmt *stmt)
{
  ErrataImportInfo *info = g_new0 (ErrataImportInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  info->paths = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  info->format = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  info->mapping = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  info->started_at = sqlite3_column_int64 (stmt, 5);
  info->finished_at = sqlite3_column_int64 (stmt, 6);
  info->n_added = sqlite3_column_int64 (stmt, 7);
  info->n_skipped = sqlite3_column_int64 (stmt, 8);
  info->recorded = sqlite3_column_int (stmt, 9) != 0;
  info->n_traces = sqlite3_column_int64 (stmt, 10);
  return info;
}

GPtrArray *
errata_project_list_imports (ErrataProject  *self,
                             GError        **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *rows;

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), NULL);

  stmt = _errata_project_prepare (self, "SELECT " IMPORT_COLUMNS " FROM imports i"
                                  " ORDER BY i.started_at, i.id", error);
  if (stmt == NULL)
    return NULL;
  rows = _errata_project_collect_rows (self, stmt, import_from_row,
                                       (GDestroyNotify)errata_import_info_free,
                                       _("read the imports"), error);
  sqlite3_finalize (stmt);
  return rows;
}

ErrataImportInfo *
errata_project_get_import (ErrataProject  *self,
                           gint64          import_id,
                           GError        **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), NULL);

  stmt = _errata_project_prepare (self, "SELECT " IMPORT_COLUMNS " FROM imports i"
                                  " WHERE i.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, import_id);
  rows = _errata_project_collect_rows (self, stmt, import_from_row,
                                       (GDestroyNotify)errata_import_info_free,
                                       _("read the imports"), error);
  sqlite3_finalize (stmt);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND,
                   _("There is no import %" PRId64 " in this project "
                     "(“errata-cli imports” lists them)."), import_id);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}
