/* errata-labels.c
 *
 * The one function every change of an explicit label goes through: the
 * CLI, a labels file, a correction on the Evaluators page, adjudication.
 * The label and its history row are written in one transaction, so the
 * history never misses a change and never records one that did not happen.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-labels.h"

#include <glib/gi18n-lib.h>

#include "errata-ground-truth.h"
#include "errata-labels-private.h"
#include "errata-project-private.h"

static const char get_sql[] =
  "SELECT value FROM explicit_labels WHERE target = ?1 AND trace_id = ?2";
static const char upsert_sql[] =
  "INSERT INTO explicit_labels (target, trace_id, value, annotator, reason, updated_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
  " ON CONFLICT (target, trace_id) DO UPDATE SET value = excluded.value,"
  "  annotator = excluded.annotator, reason = excluded.reason, updated_at = excluded.updated_at";
static const char delete_sql[] =
  "DELETE FROM explicit_labels WHERE target = ?1 AND trace_id = ?2";
static const char history_insert_sql[] =
  "INSERT INTO label_history (target, trace_id, old_value, new_value, who, reason, changed_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char trace_exists_sql[] = "SELECT EXISTS (SELECT 1 FROM traces WHERE id = ?1)";

/* NULL for UNSET, so that the column's CHECK and IS NULL both hold. */
static void
bind_verdict (sqlite3_stmt  *stmt,
              int            column,
              ErrataVerdict  value)
{
  if (value == ERRATA_VERDICT_UNSET)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, errata_verdict_to_string (value), -1, SQLITE_STATIC);
}

gboolean
errata_labels_get (ErrataProject  *project,
                   gint64          target,
                   gint64          trace_id,
                   ErrataVerdict  *value,
                   GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  *value = ERRATA_VERDICT_UNSET;
  stmt = _errata_project_cached (project, get_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target);
  sqlite3_bind_int64 (stmt, 2, trace_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = errata_verdict_from_string ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("read labels"));
  return TRUE;
}

static gboolean
write_label (ErrataProject  *project,
             gint64          target,
             gint64          trace_id,
             ErrataVerdict   value,
             const char     *who,
             const char     *reason,
             gint64          now,
             GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, value == ERRATA_VERDICT_UNSET
                                                        ? delete_sql : upsert_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target);
  sqlite3_bind_int64 (stmt, 2, trace_id);
  if (value != ERRATA_VERDICT_UNSET)
    {
      bind_verdict (stmt, 3, value);
      sqlite3_bind_text (stmt, 4, who, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, reason, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 6, now);
    }
  return _errata_project_step_write (project, stmt, _("save the label"), error);
}

static gboolean
write_history (ErrataProject  *project,
               gint64          target,
               gint64          trace_id,
               ErrataVerdict   old_value,
               ErrataVerdict   new_value,
               const char     *who,
               const char     *reason,
               gint64          now,
               GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, history_insert_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target);
  sqlite3_bind_int64 (stmt, 2, trace_id);
  bind_verdict (stmt, 3, old_value);
  bind_verdict (stmt, 4, new_value);
  sqlite3_bind_text (stmt, 5, who, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, now);
  return _errata_project_step_write (project, stmt, _("save the label’s history"), error);
}

gboolean
_errata_labels_write (ErrataProject  *project,
                      gint64          target,
                      gint64          trace_id,
                      ErrataVerdict   value,
                      const char     *who,
                      const char     *reason,
                      gboolean       *changed,
                      GError        **error)
{
  ErrataVerdict old_value;
  gint64 now = g_get_real_time ();

  *changed = FALSE;
  if (!errata_labels_get (project, target, trace_id, &old_value, error))
    return FALSE;
  if (old_value == value)
    return TRUE;
  if (reason == NULL)
    reason = "";
  if (!write_label (project, target, trace_id, value, who, reason, now, error) ||
      !write_history (project, target, trace_id, old_value, value, who, reason, now, error))
    return FALSE;
  *changed = TRUE;
  return TRUE;
}

static gboolean
check_trace (ErrataProject  *project,
             gint64          trace_id,
             GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, trace_exists_sql, error);
  gboolean exists;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, trace_id);
  rc = sqlite3_step (stmt);
  exists = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _errata_project_set_error (project, error, _("read the project"));
  if (!exists)
    g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND,
                 _("There is no trace #%" PRId64 " in this project."), trace_id);
  return exists;
}

gboolean
errata_labels_set (ErrataProject  *project,
                   gint64          target,
                   gint64          trace_id,
                   ErrataVerdict   value,
                   const char     *who,
                   const char     *reason,
                   GError        **error)
{
  gboolean changed;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (value <= ERRATA_VERDICT_FAIL, FALSE);

  if (who == NULL || *who == '\0')
    {
      g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                           _("A label needs the name of who sets it."));
      return FALSE;
    }
  if (!errata_project_begin (project, error))
    return FALSE;
  if (!errata_target_check (project, target, error) ||
      !check_trace (project, trace_id, error) ||
      !_errata_labels_write (project, target, trace_id, value, who, reason, &changed, error))
    {
      errata_project_rollback (project);
      return FALSE;
    }
  return errata_project_commit (project, error);
}

/* ---- history ------------------------------------------------------------ */

#define HISTORY_COLUMNS \
  "SELECT id, target, trace_id, old_value, new_value, who, reason, changed_at FROM label_history"
static const char history_trace_sql[] =
  HISTORY_COLUMNS " WHERE target = ?1 AND trace_id = ?2 ORDER BY id";
static const char history_target_sql[] =
  HISTORY_COLUMNS " WHERE target = ?1 ORDER BY id";
static const char history_all_targets_sql[] =
  HISTORY_COLUMNS " WHERE trace_id = ?1 ORDER BY id";

static ErrataLabelChange *
change_from_row (sqlite3_stmt *stmt)
{
  ErrataLabelChange *change = g_new0 (ErrataLabelChange, 1);

  change->id = sqlite3_column_int64 (stmt, 0);
  change->target = sqlite3_column_int64 (stmt, 1);
  change->trace_id = sqlite3_column_int64 (stmt, 2);
  change->old_value = errata_verdict_from_string ((const char *)sqlite3_column_text (stmt, 3));
  change->new_value = errata_verdict_from_string ((const char *)sqlite3_column_text (stmt, 4));
  change->who = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
  change->reason = g_strdup ((const char *)sqlite3_column_text (stmt, 6));
  change->changed_at = sqlite3_column_int64 (stmt, 7);
  return change;
}

GPtrArray *
errata_labels_history (ErrataProject  *project,
                       gint64          target,
                       gint64          trace_id,
                       GError        **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project, trace_id > 0 ? history_trace_sql : history_target_sql,
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, target);
  if (trace_id > 0)
    sqlite3_bind_int64 (stmt, 2, trace_id);
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_label_change_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (changes, change_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _errata_project_set_error (project, error, _("read the label history"));
      return NULL;
    }
  return g_steal_pointer (&changes);
}

GPtrArray *
errata_labels_trace_history (ErrataProject  *project,
                             gint64          trace_id,
                             GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project, history_all_targets_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, trace_id);
  return _errata_project_collect_rows (project, stmt, (gpointer (*) (sqlite3_stmt *))change_from_row,
                                       (GDestroyNotify)errata_label_change_free,
                                       _("read the label history"), error);
}

/* ---- words and ids ------------------------------------------------------- */

gboolean
errata_labels_parse_value (const char    *text,
                           ErrataVerdict *value)
{
  static const struct { const char *word; ErrataVerdict value; } words[] = {
    { "pass", ERRATA_VERDICT_PASS }, { "1", ERRATA_VERDICT_PASS }, { "true", ERRATA_VERDICT_PASS },
    { "fail", ERRATA_VERDICT_FAIL }, { "0", ERRATA_VERDICT_FAIL }, { "false", ERRATA_VERDICT_FAIL },
  };
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (value != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strcasecmp (trimmed, words[i].word) == 0)
      {
        *value = words[i].value;
        return TRUE;
      }
  return FALSE;
}

static const char find_external_sql[] =
  "SELECT id, source FROM traces WHERE external_id = ?1 ORDER BY id LIMIT 2";

/* "#12" names trace 12, as errata_project_lookup_trace() reads it; "#12a"
 * is an external id like any other. */
gboolean
_errata_labels_parse_internal (const char *reference,
                               gint64     *id)
{
  guint64 value;

  if (reference[0] != '#' || !g_ascii_isdigit (reference[1]) ||
      !g_ascii_string_to_unsigned (reference + 1, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64)value;
  return TRUE;
}

gboolean
errata_labels_find_trace (ErrataProject  *project,
                          const char     *id,
                          gint64         *trace_id,
                          GError        **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (trace_id != NULL, FALSE);

  if (_errata_labels_parse_internal (id, trace_id))
    return check_trace (project, *trace_id, error);
  stmt = _errata_project_cached (project, find_external_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (n++ == 0)
      *trace_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("read the project"));
  if (n == 0)
    g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND,
                 _("No trace has the id “%s”."), id);
  else if (n > 1)
    g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                 _("Traces from several sources have the id “%s”: name one by its internal "
                   "id, like #%" PRId64 "."), id, *trace_id);
  return n == 1;
}

void
errata_label_change_free (ErrataLabelChange *change)
{
  if (change == NULL)
    return;
  g_free (change->who);
  g_free (change->reason);
  g_free (change);
}
