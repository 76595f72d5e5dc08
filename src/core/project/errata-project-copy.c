/* errata-project-copy.c: "Share a Copy". The copy is taken with SQLite's
 * online backup API from a connection of its own, so the project can stay
 * open (and be written to) in the window: the copy holds every committed
 * transaction and nothing uncommitted. The copy is then trimmed and
 * redacted in a temporary file next to the destination, its search indexes
 * are rebuilt, it is vacuumed (so that no freed page keeps the text that
 * was removed) and put in rollback-journal mode (so the file alone is
 * whole), and only then renamed into place. The original is only read.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-project-copy.h"
#include "errata-copy-options-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <unistd.h>

#include "errata-project-open-private.h"
#include "errata-project-schema.h"
#include "errata-stored-text.h"
#include "errata-trace.h"

/* Where redaction applies. Input and output repeat the messages' text, and
 * a raw reply repeats its reasoning: redacted, not counted twice.
 *
 * Synthetic data holds text a person typed or an LLM wrote from what a
 * person typed: the queries (which become the traces' first messages), the
 * errors a user's system answered with, the dimensions' descriptions and
 * the target (its system prompt, URL and body template, in the batches and
 * in meta). Dimension names and values are left as they are: they are the
 * tuples' keys, and a rule catching one would break the tuples. */
typedef struct
{
  const char *table;
  const char *keys;
  guint       n_keys;
  const char *column;
  gboolean    json;
  gboolean    counted;
  const char *where;    /* nullable: which rows, when not all */
  gboolean    packed;   /* may be stored packed (errata-stored-text.h) */
} Column;

static const Column redacted_columns[] = {
  { "traces", "id", 1, "messages", TRUE, TRUE, NULL, TRUE },
  { "traces", "id", 1, "metadata", TRUE, TRUE, NULL, TRUE },
  { "traces", "id", 1, "input", FALSE, FALSE, NULL },
  { "traces", "id", 1, "output", FALSE, FALSE, NULL },
  { "annotations", "id", 1, "note", FALSE, TRUE, NULL },
  { "explicit_labels", "target, trace_id", 2, "reason", FALSE, TRUE, NULL },
  { "label_history", "id", 1, "reason", FALSE, TRUE, NULL },
  { "verdicts", "run_id, trace_id", 2, "reasoning", FALSE, TRUE, NULL },
  { "verdicts", "run_id, trace_id", 2, "raw", TRUE, FALSE, NULL },
  { "synth_queries", "id", 1, "text", FALSE, TRUE, NULL },
  { "synth_queries", "id", 1, "error", FALSE, TRUE, NULL },
  { "synth_dimensions", "id", 1, "description", FALSE, TRUE, NULL },
  { "synth_values", "id", 1, "description", FALSE, TRUE, NULL },
  { "synth_batches", "id", 1, "target", TRUE, TRUE, NULL },
  { "synth_batches", "id", 1, "message", FALSE, TRUE, NULL },
  { "meta", "key", 1, "value", TRUE, TRUE, "key = 'synth_target'" },
  /* An experiment's queries may be trace inputs replayed ("mode:NAME"); a
   * variant's target holds its system prompt and URL. */
  { "experiment_queries", "id", 1, "text", FALSE, TRUE, NULL },
  { "experiment_variants", "id", 1, "target", TRUE, TRUE, NULL },
};

/* The annotations a copy keeps, with ?1 the reviewer and ?2 whether
 * imported labels stay. */
static const char kept_annotation_sql[] =
  "(?1 IS NULL OR (origin = 'imported' AND ?2) OR (origin <> 'imported' AND annotator = ?1))";

static gboolean
set_sqlite_error (sqlite3     *db,
                  GError     **error,
                  const char  *what)
{
  g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_FAILED,
               _("Could not %s: %s"), what, sqlite3_errmsg (db));
  return FALSE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    set_sqlite_error (db, error, _("read the project"));
  return stmt;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error, _("write the copy"));
  return TRUE;
}

static void
bind_kept_annotations (ErrataCopyOptions *self,
                       sqlite3_stmt      *stmt)
{
  sqlite3_bind_text (stmt, 1, self->only_reviewer, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, self->keep_imported);
}

static gboolean
write_redacted (sqlite3_stmt  *update,
                const Column  *column,
                sqlite3_stmt  *row,
                const char    *text,
                GError       **error)
{
  int rc;

  sqlite3_bind_text (update, 1, text, -1, SQLITE_STATIC);
  for (guint k = 0; k < column->n_keys; k++)
    sqlite3_bind_value (update, 2 + k, sqlite3_column_value (row, k));
  rc = sqlite3_step (update);
  sqlite3_reset (update);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (sqlite3_db_handle (update), error, _("write the copy"));
  return TRUE;
}

/* Redacts one column of the copy (update != NULL), or counts what would be
 * redacted in the original (update == NULL, a dry run). */
static gboolean
redact_column (ErrataCopyOptions  *self,
               sqlite3            *db,
               const Column       *column,
               gboolean            write,
               GCancellable       *cancellable,
               GError            **error)
{
  g_autofree char *select_sql = NULL;
  g_autofree char *update_sql = NULL;
  g_autofree char *placeholders = NULL;
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *update = NULL;
  gboolean filtered = g_str_equal (column->table, "annotations");
  gboolean ok = TRUE;
  guint n = 0;
  int rc = SQLITE_DONE;

  select_sql = g_strdup_printf ("SELECT %s, %s%s%s FROM %s WHERE %s IS NOT NULL AND %s AND %s",
                                column->keys, column->packed ? "errata_text (" : "",
                                column->column, column->packed ? ")" : "", column->table,
                                column->column, filtered && !write ? kept_annotation_sql : "1",
                                column->where != NULL ? column->where : "1");
  placeholders = column->n_keys == 1 ? g_strdup ("?2") : g_strdup ("?2, ?3");
  update_sql = g_strdup_printf ("UPDATE %s SET %s = %s WHERE (%s) = (%s)", column->table,
                                column->column, column->packed ? "errata_pack (?1)" : "?1",
                                column->keys, placeholders);
  select = prepare (db, select_sql, error);
  if (select == NULL || (write && (update = prepare (db, update_sql, error)) == NULL))
    ok = FALSE;
  if (ok && filtered && !write)
    bind_kept_annotations (self, select);

  while (ok && (rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *text = (const char *)sqlite3_column_text (select, column->n_keys);
      g_autofree char *redacted = NULL;

      if ((++n % 256) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else if (text != NULL)
        redacted = column->json ? _errata_copy_options_redact_json (self, text, column->counted)
                                : _errata_copy_options_redact_text (self, text, column->counted);
      if (ok && redacted != NULL && write)
        ok = write_redacted (update, column, select, redacted, error);
    }
  if (ok && rc != SQLITE_DONE)
    ok = set_sqlite_error (db, error, _("read the project"));
  sqlite3_finalize (select);
  sqlite3_finalize (update);
  return ok;
}

static gboolean
redact_all (ErrataCopyOptions  *self,
            sqlite3            *db,
            gboolean            write,
            GCancellable       *cancellable,
            GError            **error)
{
  _errata_copy_options_reset_counts (self);
  if (self->rules->len == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (redacted_columns); i++)
    if (!redact_column (self, db, &redacted_columns[i], write, cancellable, error))
      return FALSE;
  return TRUE;
}

/* Connections */

static sqlite3 *
open_db (const char  *path,
         int          flags,
         GError     **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND,
                   _("Could not open “%s”: %s"), path,
                   db ? sqlite3_errmsg (db) : _("out of memory"));
      sqlite3_close (db);
      return NULL;
    }
  /* As for any project: a file can come from anyone. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_busy_timeout (db, 5000);
  errata_stored_text_register (db);
  return db;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return ok;
}

/* A read-only connection of our own: in WAL mode it sees every committed
 * transaction, whatever the window's connection is doing. */
static sqlite3 *
open_source (GFile   *project,
             GError **error)
{
  g_autofree char *path = g_file_get_path (project);
  sqlite3 *db;
  gint64 app_id = 0;
  gint64 version = -1;

  if (path == NULL)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID,
                   _("Only a project on a local file system can be copied."));
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND,
                   _("“%s” does not exist."), path);
      return NULL;
    }
  db = open_db (path, SQLITE_OPEN_READONLY, error);
  if (db == NULL)
    return NULL;
  if (!query_int (db, "PRAGMA application_id", &app_id) ||
      app_id != ERRATA_PROJECT_APPLICATION_ID ||
      !query_int (db, "PRAGMA user_version", &version) ||
      version != ERRATA_PROJECT_SCHEMA_VERSION)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID,
                   _("“%s” is not an Errata project of this version. Open it in Errata "
                     "once, then copy it."), path);
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* Copies the whole of `source` (its last committed state) into the file at
 * `path`, in one step: an incremental backup restarts whenever another
 * connection writes, and a busy project might never let it finish. */
gboolean
_errata_project_backup_to (sqlite3     *source,
                           const char  *path,
                           GError     **error)
{
  return _errata_project_backup_in_steps (source, path, -1, NULL, NULL, error);
}

/* Runs the backup to the end (SQLITE_DONE) or an error; SQLITE_OK when
 * `step` asked to stop, even after the last page. */
static int
run_backup (sqlite3_backup       *backup,
            int                   pages,
            ErrataBackupStepFunc  step,
            gpointer              data)
{
  int rc;

  for (;;)
    {
      rc = sqlite3_backup_step (backup, pages);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        {
          sqlite3_sleep (20);
          continue;
        }
      if (rc != SQLITE_OK && rc != SQLITE_DONE)
        return rc;
      if (step != NULL && !step (sqlite3_backup_pagecount (backup) -
                                 sqlite3_backup_remaining (backup),
                                 sqlite3_backup_pagecount (backup), data))
        return SQLITE_OK;
      if (rc == SQLITE_DONE)
        return rc;
    }
}

/* The same, `pages` at a time (-1: all at once), asking `step` after each
 * whether to go on. Only the upgrade copies in steps: nothing else writes
 * to a file being upgraded, so the copy does not restart. When `step`
 * stops it, the error is G_IO_ERROR_CANCELLED and the partial copy is left
 * for the caller to remove. */
gboolean
_errata_project_backup_in_steps (sqlite3               *source,
                                 const char            *path,
                                 int                    pages,
                                 ErrataBackupStepFunc   step,
                                 gpointer               data,
                                 GError               **error)
{
  sqlite3 *dest;
  sqlite3_backup *backup;
  int rc;

  dest = open_db (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (dest == NULL)
    return FALSE;
  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    {
      set_sqlite_error (dest, error, _("copy the project"));
      sqlite3_close (dest);
      return FALSE;
    }
  rc = run_backup (backup, pages, step, data);
  sqlite3_backup_finish (backup);
  /* The copied header says WAL, like the original's: a file that is mailed
   * or kept must be whole without a -wal beside it. */
  if (rc == SQLITE_OK)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The copy was cancelled."));
  else if (rc != SQLITE_DONE)
    g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_FAILED,
                 _("Could not copy the project: %s"), sqlite3_errstr (rc));
  else if (sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (dest, error, _("copy the project"));
      rc = SQLITE_ERROR;
    }
  sqlite3_close (dest);
  return rc == SQLITE_DONE;
}

/* Trimming and redacting the copy */

static gboolean
leave_out (ErrataCopyOptions  *self,
           sqlite3            *db,
           GError            **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *sql = NULL;
  int rc;

  /* Replies of a redacted copy are left out too: they quote the text that
   * was redacted, and their keys hash the unredacted prompts, so no run
   * on the copy could hit them anyway. */
  if ((self->leave_out_cache || self->rules->len > 0) &&
      !exec (db, "DELETE FROM llm_cache", error))
    return FALSE;
  /* Where the imported files lay on this machine (a home folder, a user
   * name) is nobody else's business; their names stay. */
  if (!exec (db, "UPDATE imports SET paths = '[]'", error))
    return FALSE;
  if (self->only_reviewer == NULL)
    return TRUE;
  sql = g_strdup_printf ("DELETE FROM annotations WHERE NOT %s", kept_annotation_sql);
  if ((stmt = prepare (db, sql, error)) == NULL)
    return FALSE;
  bind_kept_annotations (self, stmt);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (db, error, _("write the copy"));
  return TRUE;
}

static gboolean
index_trace (sqlite3_stmt  *insert,
             gint64         id,
             const char    *messages)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(ErrataTrace) trace = errata_trace_new ();
  g_autofree char *body = NULL;
  JsonNode *root;
  int rc;

  if (json_parser_load_from_data (parser, messages, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    errata_trace_set_messages (trace, json_node_get_array (root));
  body = errata_trace_dup_search_body (trace);
  /* As errata-project-traces.c indexes: the body alone. */
  sqlite3_bind_int64 (insert, 1, id);
  sqlite3_bind_text (insert, 2, body, -1, SQLITE_STATIC);
  rc = sqlite3_step (insert);
  sqlite3_reset (insert);
  return rc == SQLITE_DONE;
}

/* traces_fts is contentless: its postings still hold every word that was
 * redacted until it is emptied and filled again from the redacted text. */
static gboolean
reindex_traces (sqlite3       *db,
                GCancellable  *cancellable,
                GError       **error)
{
  sqlite3_stmt *select;
  sqlite3_stmt *insert;
  gboolean ok = TRUE;
  guint n = 0;
  int rc = SQLITE_DONE;

  if (!exec (db, "INSERT INTO traces_fts (traces_fts) VALUES ('delete-all')", error))
    return FALSE;
  select = prepare (db, "SELECT id, errata_text (messages) FROM traces", error);
  insert = select ? prepare (db, "INSERT INTO traces_fts (rowid, input, output, body)"
                                 " VALUES (?1, '', '', ?2)", error) : NULL;
  ok = insert != NULL;
  while (ok && (rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      if ((++n % 256) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else if (!index_trace (insert, sqlite3_column_int64 (select, 0),
                             (const char *)sqlite3_column_text (select, 1)))
        ok = set_sqlite_error (db, error, _("index the copy for search"));
    }
  /* A damaged packed value stops the read. */
  if (ok && rc != SQLITE_DONE)
    ok = set_sqlite_error (db, error, _("index the copy for search"));
  sqlite3_finalize (select);
  sqlite3_finalize (insert);
  return ok;
}

static gboolean
trim_and_redact (ErrataCopyOptions  *self,
                 const char         *path,
                 GCancellable       *cancellable,
                 GError            **error)
{
  sqlite3 *db = open_db (path, SQLITE_OPEN_READWRITE, error);
  gboolean ok;

  if (db == NULL)
    return FALSE;
  ok = exec (db, "PRAGMA foreign_keys = ON; BEGIN IMMEDIATE", error) &&
       leave_out (self, db, error) &&
       redact_all (self, db, TRUE, cancellable, error) &&
       (self->rules->len == 0 || reindex_traces (db, cancellable, error)) &&
       /* The metadata index holds the values a rule redacted, too. */
       (self->rules->len == 0 ||
        exec (db, "DELETE FROM trace_meta;"
                  ERRATA_SQL_META_FILL ("traces t,", "t.id", "errata_text (t.metadata)"),
              error)) &&
       /* External content: deleted or redacted notes leave their old words. */
       ((self->rules->len == 0 && self->only_reviewer == NULL) ||
        exec (db, "INSERT INTO notes_fts (notes_fts) VALUES ('rebuild')", error)) &&
       exec (db, "COMMIT", error) &&
       /* No freed page may keep what was left out or redacted. */
       exec (db, "VACUUM", error);
  if (!ok)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  return ok;
}

static gboolean
is_same_file (const char *a,
              const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static char *
create_temporary (const char  *dest_path,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (dest_path);
  g_autofree char *base = g_path_get_basename (dest_path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  char *path = g_build_filename (dir, name, NULL);
  int fd = g_mkstemp_full (path, O_RDWR, 0644);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write in “%s”: %s"), dir, g_strerror (saved));
      g_free (path);
      return NULL;
    }
  close (fd);
  return path;
}

static void
remove_temporary (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (journal);
  g_unlink (wal);
  g_unlink (shm);
}

/* Counts per rule, from the original, what a copy with `options` would
 * redact. Nothing is written. */
gboolean
errata_project_copy_dry_run (GFile              *project,
                             ErrataCopyOptions  *options,
                             GCancellable       *cancellable,
                             GError            **error)
{
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (project), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((db = open_source (project, error)) == NULL)
    return FALSE;
  ok = exec (db, "BEGIN", error) &&
       redact_all (options, db, FALSE, cancellable, error);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  return ok;
}

/* Writes a copy of `project` to `destination` (replacing it), leaving the
 * original untouched. The counts per rule are those of the copy. */
gboolean
errata_project_copy (GFile              *project,
                     GFile              *destination,
                     ErrataCopyOptions  *options,
                     GCancellable       *cancellable,
                     GError            **error)
{
  g_autofree char *source_path = NULL;
  g_autofree char *dest_path = NULL;
  g_autofree char *temporary = NULL;
  sqlite3 *source;
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  source_path = g_file_get_path (project);
  dest_path = g_file_get_path (destination);
  if (dest_path == NULL)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID,
                   _("A copy can only be written to a local file system."));
      return FALSE;
    }
  if (source_path != NULL && is_same_file (source_path, dest_path))
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_EXISTS,
                   _("The copy cannot replace the project itself. Choose another name."));
      return FALSE;
    }
  if ((source = open_source (project, error)) == NULL)
    return FALSE;
  temporary = create_temporary (dest_path, error);
  ok = temporary != NULL && _errata_project_backup_to (source, temporary, error);
  sqlite3_close (source);
  ok = ok && trim_and_redact (options, temporary, cancellable, error);
  /* Cancelled (the dialog closed) after the last check: no file appears. */
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (ok && g_rename (temporary, dest_path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), dest_path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok && temporary != NULL)
    remove_temporary (temporary);
  return ok;
}

typedef struct
{
  GFile             *project;
  GFile             *destination;
  ErrataCopyOptions *options;
} CopyData;

static void
copy_data_free (gpointer data)
{
  CopyData *copy = data;

  g_clear_object (&copy->project);
  g_clear_object (&copy->destination);
  g_clear_pointer (&copy->options, errata_copy_options_unref);
  g_free (copy);
}

static void
copy_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CopyData *copy = task_data;
  GError *error = NULL;
  gboolean ok;

  if (copy->destination == NULL)
    ok = errata_project_copy_dry_run (copy->project, copy->options, cancellable, &error);
  else
    ok = errata_project_copy (copy->project, copy->destination, copy->options, cancellable,
                              &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* With destination NULL, a dry run. `options` must not change until the
 * callback; the counts are read from it then. */
void
errata_project_copy_async (GFile               *project,
                           GFile               *destination,
                           ErrataCopyOptions   *options,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CopyData *copy;

  g_return_if_fail (G_IS_FILE (project));
  g_return_if_fail (destination == NULL || G_IS_FILE (destination));
  g_return_if_fail (options != NULL);

  copy = g_new0 (CopyData, 1);
  copy->project = g_object_ref (project);
  copy->destination = destination ? g_object_ref (destination) : NULL;
  copy->options = errata_copy_options_ref (options);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_project_copy_async);
  g_task_set_task_data (task, copy, copy_data_free);
  g_task_run_in_thread (task, copy_in_thread);
}

gboolean
errata_project_copy_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
