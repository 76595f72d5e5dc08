/* errata-project-integrity.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A project file comes by mail from anyone. Before it is used, its schema
 * must be exactly the one our migrations create for its version: a trigger
 * or view would run on our reads and writes, and an index or CHECK whose
 * text differs from ours can make SQLite trust entries that lie. Comparing
 * with a reference schema built in memory catches all of these at once,
 * for the cost of creating a dozen empty tables.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "errata-project-private.h"
#include "errata-project-schema.h"
#include "errata-stored-text.h"

/* type, table and SQL of each schema object, by name. */
static gboolean
read_schema (sqlite3     *db,
             GHashTable  *objects)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT name, type, tbl_name, sql FROM main.sqlite_schema",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sql = (const char *)sqlite3_column_text (stmt, 3);

      g_hash_table_insert (objects,
                           g_strdup ((const char *)sqlite3_column_text (stmt, 0)),
                           g_strdup_printf ("%s\n%s\n%s",
                                            (const char *)sqlite3_column_text (stmt, 1),
                                            (const char *)sqlite3_column_text (stmt, 2),
                                            sql != NULL ? sql : ""));
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

static GHashTable *
reference_schema (gint64 version)
{
  g_autoptr(GHashTable) objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3 *db = NULL;
  gboolean ok = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK;

  /* Migrations that rewrite rows call it (version 10). */
  if (ok)
    errata_stored_text_register (db);
  for (gint64 v = 1; ok && v <= version; v++)
    ok = sqlite3_exec (db, errata_project_migrations[v], NULL, NULL, NULL) == SQLITE_OK;
  ok = ok && read_schema (db, objects);
  sqlite3_close (db);
  /* Our own migrations always run; failing here is a bug, not the file. */
  g_assert (ok);
  return g_steal_pointer (&objects);
}

static const char *
object_type (const char *entry)
{
  if (g_str_has_prefix (entry, "trigger\n"))
    /* Translators: a kind of object in an SQLite database. */
    return _("a trigger");
  if (g_str_has_prefix (entry, "view\n"))
    /* Translators: a kind of object in an SQLite database. */
    return _("a view");
  if (g_str_has_prefix (entry, "index\n"))
    /* Translators: a kind of object in an SQLite database. */
    return _("an index");
  /* Translators: a kind of object in an SQLite database. */
  return _("a table");
}

/* FTS5 keeps its postings in shadow tables (“traces_fts_data”, …) whose
 * exact SQL is SQLite's, not ours, and may change between SQLite versions. */
static gboolean
is_shadow_table (GHashTable *reference,
                 const char *name,
                 const char *entry)
{
  GHashTableIter iter;
  gpointer key, value;

  if (!g_str_has_prefix (entry, "table\n"))
    return FALSE;
  g_hash_table_iter_init (&iter, reference);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gsize len = strlen (key);

      if (strstr (value, "CREATE VIRTUAL TABLE") != NULL && strncmp (name, key, len) == 0
          && name[len] == '_')
        return TRUE;
    }
  return FALSE;
}

static gboolean
refuse (ErrataProject  *self,
        GError        **error,
        const char     *what,
        const char     *name,
        gboolean        missing)
{
  g_autofree char *path = g_file_get_path (errata_project_get_file (self));

  if (missing)
    g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_CORRUPT,
                 /* Translators: the first %s is a file name, the second is one of
                  * “a trigger”, “a view”, “an index”, “a table”; the third is its name. */
                 _("“%s” was changed outside Errata and is not opened: %s “%s” is "
                   "missing. Ask for a copy saved by Errata."),
                 path, what, name);
  else
    g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_CORRUPT,
                 /* Translators: the first %s is a file name, the second is one of
                  * “a trigger”, “a view”, “an index”, “a table”; the third is its name. */
                 _("“%s” was changed outside Errata and is not opened: %s “%s” is not what "
                   "Errata creates. Ask for a copy saved by Errata."),
                 path, what, name);
  return FALSE;
}

/* Every object of the file must match the reference, and every object of
 * the reference must be in the file (SQLite's statistics tables aside). */
gboolean
_errata_project_check_schema (ErrataProject  *self,
                              gint64          version,
                              GError        **error)
{
  g_autoptr(GHashTable) reference = reference_schema (version);
  g_autoptr(GHashTable) actual = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  if (!read_schema (_errata_project_get_db (self), actual))
    return _errata_project_set_error (self, error, _("read the project"));

  g_hash_table_iter_init (&iter, actual);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *expected = g_hash_table_lookup (reference, key);

      if (g_str_has_prefix (key, "sqlite_stat"))
        continue;
      if (is_shadow_table (reference, key, value))
        continue;
      if (g_strcmp0 (expected, value) != 0)
        return refuse (self, error, object_type (value), key, FALSE);
    }
  g_hash_table_iter_init (&iter, reference);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_hash_table_contains (actual, key))
        return refuse (self, error, object_type (value), key, TRUE);
    }
  return TRUE;
}
