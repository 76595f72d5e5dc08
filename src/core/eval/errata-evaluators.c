/* errata-evaluators.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-evaluators.h"

#include <glib/gi18n-lib.h>

#include "errata-evaluator-method.h"
#include "errata-ground-truth.h"
#include "errata-json-guard.h"
#include "errata-project-private.h"

#define EVALUATOR_COLUMNS "id, name, target, kind, created_at"
#define VERSION_COLUMNS \
  "v.id, v.evaluator_id, v.number, v.definition, v.few_shot, v.created_at," \
  " ifnull (v.locked_at, 0), (SELECT count (*) FROM runs r WHERE r.version_id = v.id)"

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

void
errata_evaluator_free (ErrataEvaluator *evaluator)
{
  if (evaluator == NULL)
    return;
  g_free (evaluator->name);
  g_free (evaluator->kind);
  g_free (evaluator);
}

void
errata_evaluator_version_free (ErrataEvaluatorVersion *version)
{
  if (version == NULL)
    return;
  g_clear_pointer (&version->definition, json_object_unref);
  g_clear_pointer (&version->few_shot, g_array_unref);
  g_free (version);
}

void
errata_test_look_free (ErrataTestLook *look)
{
  if (look == NULL)
    return;
  g_free (look->forced_reason);
  g_free (look);
}

static ErrataEvaluator *
evaluator_from_row (sqlite3_stmt *stmt)
{
  ErrataEvaluator *evaluator = g_new0 (ErrataEvaluator, 1);

  evaluator->id = sqlite3_column_int64 (stmt, 0);
  evaluator->name = g_strdup (column_text (stmt, 1));
  evaluator->target = sqlite3_column_int64 (stmt, 2);
  evaluator->kind = g_strdup (column_text (stmt, 3));
  evaluator->created_at = sqlite3_column_int64 (stmt, 4);
  return evaluator;
}

/* Stored JSON is ours, but a project file comes from anyone: what does not
 * parse as expected reads as empty rather than failing every list. */
static JsonObject *
parse_definition (const char *text)
{
  g_autoptr(JsonNode) node = errata_json_from_string (text, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return json_object_new ();
  return json_object_ref (json_node_get_object (node));
}

static GArray *
parse_ids (const char *text)
{
  g_autoptr(JsonNode) node = errata_json_from_string (text, NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return ids;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gint64 id;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64)
        continue;
      id = json_node_get_int (element);
      g_array_append_val (ids, id);
    }
  return ids;
}

static char *
ids_to_json (GArray *ids)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_string_append_printf (text, "%s%" PRId64, i > 0 ? ", " : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static char *
definition_to_json (JsonObject *definition)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, definition);
  return json_to_string (node, FALSE);
}

static ErrataEvaluatorVersion *
version_from_row (sqlite3_stmt *stmt)
{
  ErrataEvaluatorVersion *version = g_new0 (ErrataEvaluatorVersion, 1);

  version->id = sqlite3_column_int64 (stmt, 0);
  version->evaluator_id = sqlite3_column_int64 (stmt, 1);
  version->number = (guint)sqlite3_column_int (stmt, 2);
  version->definition = parse_definition (column_text (stmt, 3));
  version->few_shot = parse_ids (column_text (stmt, 4));
  version->created_at = sqlite3_column_int64 (stmt, 5);
  version->locked_at = sqlite3_column_int64 (stmt, 6);
  version->n_runs = (guint)sqlite3_column_int (stmt, 7);
  return version;
}

static GPtrArray *
collect_rows (ErrataProject   *project,
              sqlite3_stmt    *stmt,
              gpointer       (*from_row) (sqlite3_stmt *),
              GDestroyNotify   free_row,
              GError         **error)
{
  return _errata_project_collect_rows (project, stmt, from_row, free_row,
                                       _("read the evaluators"), error);
}

/* The first row of a query, or NULL with `missing` as a NOT_FOUND error. */
static gpointer
first_row (ErrataProject   *project,
           sqlite3_stmt    *stmt,
           gpointer       (*from_row) (sqlite3_stmt *),
           GDestroyNotify   free_row,
           const char      *missing,
           GError         **error)
{
  g_autoptr(GPtrArray) rows = collect_rows (project, stmt, from_row, free_row, error);

  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND, missing);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

GPtrArray *
errata_evaluators_list (ErrataProject  *project,
                        GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project, "SELECT " EVALUATOR_COLUMNS " FROM evaluators"
                                 " ORDER BY name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return NULL;
  return collect_rows (project, stmt, (gpointer)evaluator_from_row,
                       (GDestroyNotify)errata_evaluator_free, error);
}

ErrataEvaluator *
errata_evaluators_find (ErrataProject  *project,
                        const char     *name,
                        GError        **error)
{
  g_autofree char *missing = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = _errata_project_cached (project, "SELECT " EVALUATOR_COLUMNS " FROM evaluators"
                                 " WHERE name = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  /* Translators: %s is an evaluator's name. */
  missing = g_strdup_printf (_("The project has no evaluator named “%s”."), name);
  return first_row (project, stmt, (gpointer)evaluator_from_row,
                    (GDestroyNotify)errata_evaluator_free, missing, error);
}

ErrataEvaluator *
errata_evaluators_get (ErrataProject  *project,
                       gint64          evaluator_id,
                       GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project, "SELECT " EVALUATOR_COLUMNS " FROM evaluators"
                                 " WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, evaluator_id);
  return first_row (project, stmt, (gpointer)evaluator_from_row,
                    (GDestroyNotify)errata_evaluator_free,
                    _("The evaluator no longer exists."), error);
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  if (*stripped == '\0')
    {
      g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                           _("An evaluator needs a name."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_name_free (ErrataProject  *project,
                 const char     *name,
                 gint64          except_id,
                 GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, "SELECT id FROM evaluators"
                                               " WHERE name = ?1 AND id <> ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, except_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_EXISTS,
                   /* Translators: %s is an evaluator's name. */
                   _("An evaluator named “%s” already exists; choose another name."), name);
      return FALSE;
    }
  return rc == SQLITE_DONE || _errata_project_set_error (project, error, _("read the evaluators"));
}

static gboolean
insert_version (ErrataProject  *project,
                gint64          evaluator_id,
                guint           number,
                JsonObject     *definition,
                GArray         *few_shot,
                GError        **error)
{
  g_autofree char *definition_json = definition_to_json (definition);
  g_autofree char *few_shot_json = ids_to_json (few_shot);
  sqlite3_stmt *stmt = _errata_project_cached (project,
    "INSERT INTO evaluator_versions (evaluator_id, number, definition, few_shot, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, evaluator_id);
  sqlite3_bind_int (stmt, 2, (int)number);
  sqlite3_bind_text (stmt, 3, definition_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, few_shot_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
  return _errata_project_step_write (project, stmt, _("save the evaluator"), error);
}

/* What every definition must pass before it is stored: the kind exists,
 * its parameters make sense, the few-shot examples come from train. */
static gboolean
check_definition (ErrataProject  *project,
                  gint64          target,
                  const char     *kind,
                  JsonObject     *definition,
                  GArray         *few_shot,
                  GError        **error)
{
  return errata_evaluator_method_validate (kind, definition, error)
         && errata_evaluators_check_few_shot (project, target, few_shot, error);
}

ErrataEvaluator *
errata_evaluators_create (ErrataProject  *project,
                          const char     *name,
                          gint64          target,
                          const char     *kind,
                          JsonObject     *definition,
                          GArray         *few_shot,
                          GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (name != NULL && kind != NULL && definition != NULL, NULL);

  if (!check_name (name, error) || !check_name_free (project, name, 0, error)
      || !errata_target_check (project, target, error)
      || !check_definition (project, target, kind, definition, few_shot, error))
    return NULL;

  if (!errata_project_begin (project, error))
    return NULL;
  stmt = _errata_project_cached (project, "INSERT INTO evaluators (name, target, kind, created_at)"
                                 " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, target);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  if (!_errata_project_step_write (project, stmt, _("save the evaluator"), error))
    goto fail;
  id = sqlite3_last_insert_rowid (_errata_project_get_db (project));
  if (!insert_version (project, id, 1, definition, few_shot, error)
      || !errata_project_commit (project, error))
    goto fail;
  return errata_evaluators_get (project, id, error);

fail:
  errata_project_rollback (project);
  return NULL;
}

gboolean
errata_evaluators_rename (ErrataProject  *project,
                          gint64          evaluator_id,
                          const char     *name,
                          GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!check_name (name, error) || !check_name_free (project, name, evaluator_id, error))
    return FALSE;
  stmt = _errata_project_cached (project, "UPDATE evaluators SET name = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, evaluator_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  return _errata_project_step_write (project, stmt, _("rename the evaluator"), error);
}

/* number 0: the latest version. */
ErrataEvaluatorVersion *
errata_evaluators_get_version (ErrataProject  *project,
                               gint64          evaluator_id,
                               guint           number,
                               GError        **error)
{
  g_autofree char *missing = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project, "SELECT " VERSION_COLUMNS " FROM evaluator_versions v"
                                 " WHERE v.evaluator_id = ?1 AND (?2 = 0 OR v.number = ?2)"
                                 " ORDER BY v.number DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, evaluator_id);
  sqlite3_bind_int (stmt, 2, (int)number);
  /* Translators: %u is a version number (1, 2, …). */
  missing = g_strdup_printf (_("The evaluator has no version %u."), number);
  return first_row (project, stmt, (gpointer)version_from_row,
                    (GDestroyNotify)errata_evaluator_version_free, missing, error);
}

ErrataEvaluatorVersion *
errata_evaluators_get_version_by_id (ErrataProject  *project,
                                     gint64          version_id,
                                     GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project, "SELECT " VERSION_COLUMNS " FROM evaluator_versions v"
                                 " WHERE v.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, version_id);
  return first_row (project, stmt, (gpointer)version_from_row,
                    (GDestroyNotify)errata_evaluator_version_free,
                    _("The evaluator version no longer exists."), error);
}

GPtrArray *
errata_evaluators_list_versions (ErrataProject  *project,
                                 gint64          evaluator_id,
                                 GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project, "SELECT " VERSION_COLUMNS " FROM evaluator_versions v"
                                 " WHERE v.evaluator_id = ?1 ORDER BY v.number", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, evaluator_id);
  return collect_rows (project, stmt, (gpointer)version_from_row,
                       (GDestroyNotify)errata_evaluator_version_free, error);
}

static gboolean
update_draft (ErrataProject  *project,
              gint64          version_id,
              JsonObject     *definition,
              GArray         *few_shot,
              GError        **error)
{
  g_autofree char *definition_json = definition_to_json (definition);
  g_autofree char *few_shot_json = ids_to_json (few_shot);
  /* The WHERE clause repeats the rule, so that a run that started in
   * between cannot see its version change under it. */
  sqlite3_stmt *stmt = _errata_project_cached (project,
    "UPDATE evaluator_versions SET definition = ?2, few_shot = ?3, created_at = ?4"
    " WHERE id = ?1 AND locked_at IS NULL"
    " AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.version_id = ?1)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, version_id);
  sqlite3_bind_text (stmt, 2, definition_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, few_shot_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  /* FALSE without an error when the WHERE clause kept the row. */
  return _errata_project_step_write (project, stmt, _("save the evaluator"), error)
         && sqlite3_changes (_errata_project_get_db (project)) > 0;
}

/* A version that has neither run nor been finalized is a draft: saving
 * changes it in place. Otherwise saving makes the next version. Returns
 * the version that now holds the definition. */
ErrataEvaluatorVersion *
errata_evaluators_save (ErrataProject  *project,
                        gint64          evaluator_id,
                        JsonObject     *definition,
                        GArray         *few_shot,
                        GError        **error)
{
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(ErrataEvaluatorVersion) latest = NULL;
  gboolean ok;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (definition != NULL, NULL);

  evaluator = errata_evaluators_get (project, evaluator_id, error);
  if (evaluator == NULL
      || !check_definition (project, evaluator->target, evaluator->kind, definition, few_shot,
                            error))
    return NULL;
  latest = errata_evaluators_get_version (project, evaluator_id, 0, error);
  if (latest == NULL)
    return NULL;
  if (latest->locked_at == 0 && latest->n_runs == 0)
    ok = update_draft (project, latest->id, definition, few_shot, error);
  else
    ok = FALSE;
  /* Not a draft any more, or it stopped being one since it was read. */
  if (!ok && (error == NULL || *error == NULL))
    ok = insert_version (project, evaluator_id, latest->number + 1, definition, few_shot, error);
  if (!ok)
    return NULL;
  return errata_evaluators_get_version (project, evaluator_id, 0, error);
}

/* Finalizing locks the version for the test split; the few-shot rule is
 * checked once more, against the splits as they are now. */
gboolean
errata_evaluators_finalize (ErrataProject  *project,
                            gint64          version_id,
                            GError        **error)
{
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  version = errata_evaluators_get_version_by_id (project, version_id, error);
  if (version == NULL)
    return FALSE;
  if (version->locked_at != 0)
    return TRUE;
  evaluator = errata_evaluators_get (project, version->evaluator_id, error);
  if (evaluator == NULL
      || !errata_evaluators_check_few_shot (project, evaluator->target, version->few_shot, error))
    return FALSE;
  stmt = _errata_project_cached (project, "UPDATE evaluator_versions SET locked_at = ?2"
                                 " WHERE id = ?1 AND locked_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, version_id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  return _errata_project_step_write (project, stmt, _("finalize the evaluator"), error);
}

static char *
describe_trace (ErrataProject *project,
                gint64         trace_id)
{
  g_autoptr(ErrataTrace) trace = errata_project_get_trace (project, trace_id, NULL);

  if (trace == NULL)
    return g_strdup_printf ("#%" PRId64, trace_id);
  return g_strdup (errata_trace_get_external_id (trace));
}

/* Few-shot examples show the judge human labels: taken from dev or test,
 * they would leak the answers into the measurement (DESIGN.md). */
gboolean
errata_evaluators_check_few_shot (ErrataProject  *project,
                                  gint64          target,
                                  GArray         *few_shot,
                                  GError        **error)
{
  g_autoptr(GString) offenders = g_string_new (NULL);
  guint n_offenders = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  if (few_shot == NULL || few_shot->len == 0)
    return TRUE;
  stmt = _errata_project_cached (project, "SELECT split FROM splits"
                                 " WHERE target = ?1 AND trace_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < few_shot->len; i++)
    {
      gint64 trace_id = g_array_index (few_shot, gint64, i);
      g_autofree char *split = NULL;
      g_autofree char *name = NULL;
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, target);
      sqlite3_bind_int64 (stmt, 2, trace_id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          return _errata_project_set_error (project, error, _("read the splits"));
        }
      split = rc == SQLITE_ROW ? g_strdup (column_text (stmt, 0)) : NULL;
      if (g_strcmp0 (split, "train") == 0)
        continue;
      name = describe_trace (project, trace_id);
      /* Translators: a list item: a trace id and the split it is in,
       * e.g. “chat-12 (test)”; “no split” when it has none. */
      g_string_append_printf (offenders, "%s%s (%s)", n_offenders++ > 0 ? ", " : "", name,
                              split != NULL ? split : _("no split"));
    }
  sqlite3_reset (stmt);
  if (n_offenders == 0)
    return TRUE;
  g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_LEAK,
               /* Translators: %s is a list of traces with their splits. */
               _("Few-shot examples must come from the train split, or the judge is shown "
                 "the answers it is measured on. Not in train: %s."), offenders->str);
  return FALSE;
}

static ErrataTestLook *
test_look_from_row (sqlite3_stmt *stmt)
{
  ErrataTestLook *look = g_new0 (ErrataTestLook, 1);

  look->run_id = sqlite3_column_int64 (stmt, 0);
  look->version = (guint)sqlite3_column_int (stmt, 1);
  look->started_at = sqlite3_column_int64 (stmt, 2);
  look->forced_reason = sqlite3_column_type (stmt, 3) == SQLITE_NULL
                        ? NULL : g_strdup (column_text (stmt, 3));
  return look;
}

GPtrArray *
errata_evaluators_list_test_looks (ErrataProject  *project,
                                   gint64          evaluator_id,
                                   GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project,
    "SELECT r.id, v.number, r.started_at, r.forced_reason FROM runs r"
    " JOIN evaluator_versions v ON v.id = r.version_id"
    " WHERE v.evaluator_id = ?1 AND r.scope = 'test' ORDER BY r.started_at, r.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, evaluator_id);
  return collect_rows (project, stmt, (gpointer)test_look_from_row,
                       (GDestroyNotify)errata_test_look_free, error);
}
