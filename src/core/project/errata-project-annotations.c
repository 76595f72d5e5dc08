/* errata-project-annotations.c: storing and reading the annotations
 * (reviews) of a project's traces, with their notes kept in the full-text
 * index.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-project-traces-private.h"

static const char * const origin_names[] = { "here", "imported", "merged" };

const char *
errata_annotation_origin_to_string (ErrataAnnotationOrigin origin)
{
  g_return_val_if_fail (origin < G_N_ELEMENTS (origin_names), "here");

  return origin_names[origin];
}

/* Anything unknown reads as made here: the CHECK constraint keeps other
 * text out of a file we wrote. */
ErrataAnnotationOrigin
errata_annotation_origin_from_string (const char *text)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (origin_names); i++)
    if (g_str_equal (text, origin_names[i]))
      return (ErrataAnnotationOrigin)i;
  return ERRATA_ORIGIN_HERE;
}

ErrataAnnotation *
errata_annotation_new (gint64      trace_id,
                       const char *annotator)
{
  ErrataAnnotation *annotation = g_new0 (ErrataAnnotation, 1);

  annotation->trace_id = trace_id;
  annotation->annotator = g_strdup (annotator ? annotator : "");
  annotation->note = g_strdup ("");
  annotation->first_failure = -1;
  return annotation;
}

void
errata_annotation_free (ErrataAnnotation *annotation)
{
  if (annotation == NULL)
    return;
  g_free (annotation->annotator);
  g_free (annotation->note);
  g_free (annotation);
}

static const char upsert_annotation_sql[] =
  "INSERT INTO annotations (trace_id, annotator, verdict, note, first_failure,"
  "  created_at, updated_at, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ?7)"
  " ON CONFLICT (trace_id, annotator) DO UPDATE SET"
  "  verdict = excluded.verdict, note = excluded.note,"
  "  first_failure = excluded.first_failure, updated_at = excluded.updated_at,"
  "  origin = excluded.origin";

static gboolean
run_note_index_statement (ErrataProject  *self,
                          const char     *sql,
                          gint64          annotation_id,
                          const char     *note,
                          GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_prepare (self, sql, error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, annotation_id);
  sqlite3_bind_text (stmt, 2, note, -1, SQLITE_TRANSIENT);
  ok = _errata_project_step_write (self, stmt, _("index the note for search"), error);
  sqlite3_finalize (stmt);
  return ok;
}

/* notes_fts is an external-content index: removing an entry needs the text
 * it was indexed with, so read the old note before it is replaced. */
static gboolean
unindex_old_note (ErrataProject           *self,
                  const ErrataAnnotation  *annotation,
                  GError                 **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  stmt = _errata_project_prepare (self, "SELECT id, note FROM annotations"
                                  " WHERE trace_id = ? AND annotator = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, annotation->trace_id);
  sqlite3_bind_text (stmt, 2, annotation->annotator, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ok = run_note_index_statement (self, "INSERT INTO notes_fts (notes_fts, rowid, note)"
                                   " VALUES ('delete', ?1, ?2)",
                                   sqlite3_column_int64 (stmt, 0),
                                   _errata_project_column_text (stmt, 1), error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
upsert_annotation (ErrataProject           *self,
                   const ErrataAnnotation  *annotation,
                   gboolean                 keep_times,
                   GError                 **error)
{
  sqlite3_stmt *stmt = _errata_project_prepare (self, upsert_annotation_sql, error);
  gint64 now = g_get_real_time ();
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, annotation->trace_id);
  sqlite3_bind_text (stmt, 2, annotation->annotator, -1, SQLITE_STATIC);
  if (errata_verdict_to_string (annotation->verdict))
    sqlite3_bind_text (stmt, 3, errata_verdict_to_string (annotation->verdict), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, annotation->note ? annotation->note : "", -1, SQLITE_STATIC);
  _errata_project_bind_optional_int (stmt, 5, annotation->first_failure);
  sqlite3_bind_int64 (stmt, 6, keep_times ? annotation->created_at : now);
  sqlite3_bind_text (stmt, 7, errata_annotation_origin_to_string (annotation->origin), -1,
                     SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, keep_times ? annotation->updated_at : now);
  ok = _errata_project_step_write (self, stmt, _("save the annotation"), error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
find_annotation_id (ErrataProject           *self,
                    const ErrataAnnotation  *annotation,
                    gint64                  *annotation_id,
                    GError                 **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _errata_project_prepare (self, "SELECT id FROM annotations"
                                  " WHERE trace_id = ? AND annotator = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, annotation->trace_id);
  sqlite3_bind_text (stmt, 2, annotation->annotator, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *annotation_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return _errata_project_set_error (self, error, _("save the annotation"));
  return TRUE;
}

/* Creates or replaces the annotation of (trace, annotator), and keeps the
 * note's search index in step, all in one transaction. With keep_times the
 * annotation's own times are written (a merged review keeps its colleague's
 * times, so that the later of two versions can still be told); otherwise
 * now. */
gboolean
_errata_project_put_annotation (ErrataProject           *self,
                                const ErrataAnnotation  *annotation,
                                gboolean                 keep_times,
                                gint64                  *out_id,
                                GError                 **error)
{
  if (!errata_project_begin (self, error))
    return FALSE;
  if (!_errata_project_put_annotation_in_transaction (self, annotation, keep_times, out_id, error))
    {
      errata_project_rollback (self);
      return FALSE;
    }
  return errata_project_commit (self, error);
}

/* The same in the caller's transaction, without a savepoint (the notes'
 * FTS index would write a segment at each one); the caller rolls back
 * when it fails. */
gboolean
_errata_project_put_annotation_in_transaction (ErrataProject           *self,
                                               const ErrataAnnotation  *annotation,
                                               gboolean                 keep_times,
                                               gint64                  *out_id,
                                               GError                 **error)
{
  gint64 annotation_id = 0;

  if (!unindex_old_note (self, annotation, error) ||
      !upsert_annotation (self, annotation, keep_times, error) ||
      !find_annotation_id (self, annotation, &annotation_id, error) ||
      !run_note_index_statement (self, "INSERT INTO notes_fts (rowid, note) VALUES (?1, ?2)",
                                 annotation_id, annotation->note ? annotation->note : "", error))
    return FALSE;
  if (out_id != NULL)
    *out_id = annotation_id;
  return TRUE;
}

gboolean
errata_project_set_annotation (ErrataProject           *self,
                               const ErrataAnnotation  *annotation,
                               GError                 **error)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (annotation != NULL && annotation->annotator != NULL, FALSE);

  return _errata_project_put_annotation (self, annotation, FALSE, NULL, error);
}

static ErrataAnnotation *
annotation_from_row (sqlite3_stmt *stmt)
{
  ErrataAnnotation *annotation;

  annotation = errata_annotation_new (sqlite3_column_int64 (stmt, 0), _errata_project_column_text (stmt, 1));
  annotation->verdict = errata_verdict_from_string ((const char *)sqlite3_column_text (stmt, 2));
  g_free (annotation->note);
  annotation->note = g_strdup (_errata_project_column_text (stmt, 3));
  annotation->first_failure = _errata_project_column_optional_int (stmt, 4);
  annotation->created_at = sqlite3_column_int64 (stmt, 5);
  annotation->updated_at = sqlite3_column_int64 (stmt, 6);
  annotation->origin = errata_annotation_origin_from_string (_errata_project_column_text (stmt, 7));
  return annotation;
}

#define ANNOTATION_COLUMNS \
  "trace_id, annotator, verdict, note, first_failure, created_at, updated_at, origin"

ErrataAnnotation *
errata_project_get_annotation (ErrataProject  *self,
                               gint64          trace_id,
                               const char     *annotator,
                               GError        **error)
{
  ErrataAnnotation *annotation = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (annotator != NULL, NULL);

  stmt = _errata_project_prepare (self, "SELECT " ANNOTATION_COLUMNS " FROM annotations"
                                  " WHERE trace_id = ? AND annotator = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, trace_id);
  sqlite3_bind_text (stmt, 2, annotator, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    annotation = annotation_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND,
                 _("This trace has no annotation by %s."), annotator);
  else
    _errata_project_set_error (self, error, _("read an annotation"));
  sqlite3_finalize (stmt);
  return annotation;
}

/* Element type: ErrataAnnotation, most recently updated first. */
GPtrArray *
errata_project_list_annotations (ErrataProject  *self,
                                 gint64          trace_id,
                                 GError        **error)
{
  g_autoptr(GPtrArray) annotations = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ERRATA_IS_PROJECT (self), NULL);

  stmt = _errata_project_prepare (self, "SELECT " ANNOTATION_COLUMNS " FROM annotations"
                                  " WHERE trace_id = ? ORDER BY updated_at DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  annotations = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_annotation_free);
  sqlite3_bind_int64 (stmt, 1, trace_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (annotations, annotation_from_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _errata_project_set_error (self, error, _("read annotations"));
      return NULL;
    }
  return g_steal_pointer (&annotations);
}
