/* errata-experiment.c: experiments and their queries.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-experiment.h"
#include "errata-experiment-private.h"

#include "errata-ground-truth.h"
#include "errata-messages.h"
#include "errata-project-private.h"
#include "errata-synth-queries.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (errata-experiment-error-quark, errata_experiment_error)

void
errata_experiment_free (ErrataExperiment *experiment)
{
  if (experiment == NULL)
    return;
  g_free (experiment->name);
  g_free (experiment->query_source);
  g_free (experiment);
}

void
errata_experiment_query_free (ErrataExperimentQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->text);
  g_clear_pointer (&query->dimensions, json_object_unref);
  g_free (query);
}

JsonObject *
_errata_experiment_parse_object (const char *text)
{
  g_autoptr(JsonNode) node = text != NULL ? json_from_string (text, NULL) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_object_ref (json_node_get_object (node));
  return json_object_new ();
}

char *
_errata_experiment_object_to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

/* Reading ----------------------------------------------------------------- */

#define EXPERIMENT_SELECT \
  "SELECT e.id, e.name, e.query_source, e.repeats, e.created_at," \
  " (SELECT count(*) FROM experiment_queries q WHERE q.experiment_id = e.id)," \
  " (SELECT count(*) FROM experiment_variants v WHERE v.experiment_id = e.id)" \
  " FROM experiments e"

static gpointer
experiment_from_row (sqlite3_stmt *stmt)
{
  ErrataExperiment *experiment = g_new0 (ErrataExperiment, 1);

  experiment->id = sqlite3_column_int64 (stmt, 0);
  experiment->name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  experiment->query_source = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  experiment->repeats = sqlite3_column_int (stmt, 3);
  experiment->created_at = sqlite3_column_int64 (stmt, 4);
  experiment->n_queries = sqlite3_column_int (stmt, 5);
  experiment->n_variants = sqlite3_column_int (stmt, 6);
  return experiment;
}

GPtrArray *
errata_experiment_list (ErrataProject  *project,
                        GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project, EXPERIMENT_SELECT " ORDER BY e.name COLLATE NOCASE",
                                 error);
  if (stmt == NULL)
    return NULL;
  return _errata_project_collect_rows (project, stmt, experiment_from_row,
                                       (GDestroyNotify)errata_experiment_free,
                                       _("read the experiments"), error);
}

static ErrataExperiment *
first_or_not_found (GPtrArray   *rows,
                    const char  *what,
                    GError     **error)
{
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_NOT_FOUND,
                   /* Translators: %s is an experiment's name or number. */
                   _("There is no experiment “%s” in this project"), what);
      g_ptr_array_unref (rows);
      return NULL;
    }
  {
    ErrataExperiment *experiment = g_ptr_array_steal_index (rows, 0);

    g_ptr_array_unref (rows);
    return experiment;
  }
}

ErrataExperiment *
errata_experiment_find (ErrataProject  *project,
                        const char     *name,
                        GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = _errata_project_cached (project, EXPERIMENT_SELECT " WHERE e.name = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  return first_or_not_found (_errata_project_collect_rows (project, stmt, experiment_from_row,
                                                           (GDestroyNotify)errata_experiment_free,
                                                           _("read the experiments"), error),
                             name, error);
}

ErrataExperiment *
errata_experiment_get (ErrataProject  *project,
                       gint64          experiment_id,
                       GError        **error)
{
  g_autofree char *what = g_strdup_printf ("%" PRId64, experiment_id);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project, EXPERIMENT_SELECT " WHERE e.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  return first_or_not_found (_errata_project_collect_rows (project, stmt, experiment_from_row,
                                                           (GDestroyNotify)errata_experiment_free,
                                                           _("read the experiments"), error),
                             what, error);
}

static gpointer
query_from_row (sqlite3_stmt *stmt)
{
  ErrataExperimentQuery *query = g_new0 (ErrataExperimentQuery, 1);

  query->id = sqlite3_column_int64 (stmt, 0);
  query->text = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  query->dimensions = _errata_experiment_parse_object ((const char *)sqlite3_column_text (stmt, 2));
  query->synth_query_id = sqlite3_column_int64 (stmt, 3);
  query->source_trace_id = sqlite3_column_int64 (stmt, 4);
  return query;
}

GPtrArray *
errata_experiment_list_queries (ErrataProject  *project,
                                gint64          experiment_id,
                                GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project,
                                 "SELECT id, text, dimensions, synth_query_id, source_trace_id"
                                 " FROM experiment_queries WHERE experiment_id = ?1"
                                 " ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  return _errata_project_collect_rows (project, stmt, query_from_row,
                                       (GDestroyNotify)errata_experiment_query_free,
                                       _("read the experiment’s queries"), error);
}

/* Query sources ------------------------------------------------------------ */

static ErrataExperimentQuery *
query_new (const char *text,
           JsonObject *dimensions)
{
  ErrataExperimentQuery *query = g_new0 (ErrataExperimentQuery, 1);

  query->text = g_strdup (text);
  query->dimensions = dimensions != NULL ? json_object_ref (dimensions) : json_object_new ();
  return query;
}

static GPtrArray *
queries_from_synthetic (ErrataProject  *project,
                        GError        **error)
{
  g_autoptr(GPtrArray) accepted = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ACCEPTED,
                                                             error);
  GPtrArray *queries;

  if (accepted == NULL)
    return NULL;
  queries = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_experiment_query_free);
  for (guint i = 0; i < accepted->len; i++)
    {
      ErrataSynthQuery *synth = g_ptr_array_index (accepted, i);
      ErrataExperimentQuery *query = query_new (synth->text, synth->dimensions);

      query->synth_query_id = synth->id;
      g_ptr_array_add (queries, query);
    }
  return queries;
}

/* The first user message of a stored trace, else its input column. */
static char *
replayed_text (ErrataProject  *project,
               gint64          trace_id,
               GError        **error)
{
  sqlite3_stmt *stmt;
  char *text = NULL;
  int rc;

  stmt = _errata_project_cached (project, "SELECT input, errata_text (messages) FROM traces"
                                 " WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, trace_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      JsonObject *first = NULL;
      g_autoptr(JsonNode) node = json_from_string ((const char *)sqlite3_column_text (stmt, 1),
                                                   NULL);
      JsonArray *messages = node != NULL && JSON_NODE_HOLDS_ARRAY (node)
                            ? json_node_get_array (node) : NULL;

      for (guint i = 0; messages != NULL && i < json_array_get_length (messages); i++)
        {
          JsonObject *message = json_array_get_object_element (messages, i);

          if (message != NULL
              && g_strcmp0 (json_object_get_string_member_with_default (message, "role", ""),
                            "user") == 0)
            {
              first = message;
              break;
            }
        }
      if (first != NULL && json_object_has_member (first, "content"))
        text = errata_messages_content_to_text (json_object_get_member (first, "content"));
      if (text == NULL || *text == '\0')
        {
          g_free (text);
          text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _errata_project_set_error (project, error, _("read the traces"));
      return NULL;
    }
  return text != NULL ? text : g_strdup ("");
}

static GPtrArray *
queries_from_mode (ErrataProject  *project,
                   const char     *mode,
                   GError        **error)
{
  g_autoptr(GArray) truth = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  gint64 target;

  if (!errata_target_parse (project, mode, &target, error))
    return NULL;
  truth = errata_ground_truth_list (project, target, error);
  if (truth == NULL)
    return NULL;
  queries = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_experiment_query_free);
  for (guint i = 0; i < truth->len; i++)
    {
      ErrataTruth *entry = &g_array_index (truth, ErrataTruth, i);
      g_autofree char *text = NULL;
      ErrataExperimentQuery *query;

      if (entry->value != ERRATA_VERDICT_FAIL)
        continue;
      text = replayed_text (project, entry->trace_id, error);
      if (text == NULL)
        return NULL;
      if (*g_strstrip (text) == '\0')
        continue;
      query = query_new (text, NULL);
      query->source_trace_id = entry->trace_id;
      g_ptr_array_add (queries, query);
    }
  return g_steal_pointer (&queries);
}

/* The text of the first user message of a "messages" array, or NULL. */
static char *
first_user_text (JsonArray *messages)
{
  for (guint i = 0; messages != NULL && i < json_array_get_length (messages); i++)
    {
      JsonNode *node = json_array_get_element (messages, i);
      JsonObject *message = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (message != NULL && json_object_has_member (message, "content")
          && g_strcmp0 (json_object_get_string_member_with_default (message, "role", ""),
                        "user") == 0)
        return errata_messages_content_to_text (json_object_get_member (message, "content"));
    }
  return NULL;
}

/* One line of a queries file: a JSON object with "query" (or "input",
 * "text", or chat "messages": the first user message) and optional
 * "dimensions", a JSON string, or plain text. */
static ErrataExperimentQuery *
query_from_line (const char  *line,
                 const char  *path,
                 guint        number,
                 GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  static const char * const members[] = { "query", "input", "text" };
  JsonObject *object;

  if (*line != '{' && *line != '"')
    return query_new (line, NULL);
  node = json_from_string (line, NULL);
  if (node == NULL)
    return query_new (line, NULL);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return query_new (json_node_get_string (node), NULL);
  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  for (guint i = 0; object != NULL && i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *member = json_object_get_member (object, members[i]);

      if (member != NULL && JSON_NODE_HOLDS_VALUE (member)
          && json_node_get_value_type (member) == G_TYPE_STRING)
        {
          JsonNode *dimensions = json_object_get_member (object, "dimensions");

          return query_new (json_node_get_string (member),
                            dimensions != NULL && JSON_NODE_HOLDS_OBJECT (dimensions)
                            ? json_node_get_object (dimensions) : NULL);
        }
    }
  if (object != NULL && json_object_has_member (object, "messages")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "messages")))
    {
      g_autofree char *text = first_user_text (json_object_get_array_member (object, "messages"));

      if (text != NULL)
        return query_new (text, NULL);
    }
  g_set_error (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_INVALID,
               /* Translators: %s is a file, %u a line number. */
               _("%s, line %u: a JSON line needs a “query” member holding the query’s text "
                 "(or chat “messages” with a user message)"), path, number);
  return NULL;
}

static GPtrArray *
queries_from_file (const char  *path,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) queries = NULL;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  if (!g_utf8_validate (contents, -1, NULL))
    {
      g_set_error (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_INVALID,
                   _("%s is not UTF-8 text"), path);
      return NULL;
    }
  queries = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_experiment_query_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      ErrataExperimentQuery *query;

      if (*line == '\0')
        continue;
      query = query_from_line (line, path, i + 1, error);
      if (query == NULL)
        return NULL;
      if (*g_strstrip (query->text) == '\0')
        errata_experiment_query_free (query);
      else
        g_ptr_array_add (queries, query);
    }
  return g_steal_pointer (&queries);
}

GPtrArray *
_errata_experiment_read_source (ErrataProject  *project,
                                const char     *source,
                                GError        **error)
{
  if (g_strcmp0 (source, "synthetic") == 0)
    return queries_from_synthetic (project, error);
  if (g_str_has_prefix (source, "mode:") && source[5] != '\0')
    return queries_from_mode (project, source + 5, error);
  if (g_str_has_prefix (source, "file:") && source[5] != '\0')
    return queries_from_file (source + 5, error);
  g_set_error (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_INVALID,
               /* Translators: do not translate synthetic, mode: and file:. */
               _("“%s” is not a query source: use synthetic (the accepted synthetic queries), "
                 "mode:NAME (the inputs of the traces in failure mode NAME) or file:PATH "
                 "(JSON Lines or one query per line)"), source);
  return NULL;
}

/* Writing ----------------------------------------------------------------- */

static gboolean
insert_query (ErrataProject          *project,
              gint64                  experiment_id,
              guint                   position,
              ErrataExperimentQuery  *query,
              GError                **error)
{
  g_autofree char *dimensions = _errata_experiment_object_to_text (query->dimensions);
  sqlite3_stmt *stmt;

  stmt = _errata_project_cached (project,
                                 "INSERT INTO experiment_queries (experiment_id, position, text,"
                                 " dimensions, synth_query_id, source_trace_id)"
                                 " VALUES (?1, ?2, ?3, ?4, nullif (?5, 0), nullif (?6, 0))",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  sqlite3_bind_int (stmt, 2, position);
  sqlite3_bind_text (stmt, 3, query->text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, dimensions, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, query->synth_query_id);
  sqlite3_bind_int64 (stmt, 6, query->source_trace_id);
  return _errata_project_step_write (project, stmt, _("save the experiment’s queries"), error);
}

static gboolean
check_name_free (ErrataProject  *project,
                 const char     *name,
                 GError        **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(ErrataExperiment) existing = errata_experiment_find (project, name, &local);

  if (existing != NULL)
    {
      g_set_error (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_EXISTS,
                   _("There is already an experiment “%s”: choose another name"), name);
      return FALSE;
    }
  if (!g_error_matches (local, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

gboolean
_errata_experiment_check_name (const char  *name,
                               const char  *refusal,
                               GError     **error)
{
  if (name != NULL && *name != '\0' && strlen (name) <= 200 && g_utf8_validate (name, -1, NULL))
    return TRUE;
  g_set_error_literal (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_INVALID, refusal);
  return FALSE;
}

ErrataExperiment *
errata_experiment_create (ErrataProject  *project,
                          const char     *name,
                          const char     *query_source,
                          guint           repeats,
                          GError        **error)
{
  g_autoptr(GPtrArray) queries = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (query_source != NULL, NULL);

  if (!_errata_experiment_check_name (name,
                                      _("An experiment needs a name of 1 to 200 characters"),
                                      error)
      || !check_name_free (project, name, error))
    return NULL;
  queries = _errata_experiment_read_source (project, query_source, error);
  if (queries == NULL)
    return NULL;
  if (queries->len == 0)
    {
      g_set_error (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_EMPTY,
                   _("“%s” gives no query: an experiment needs at least one"), query_source);
      return NULL;
    }
  if (!errata_project_begin (project, error))
    return NULL;
  stmt = _errata_project_cached (project,
                                 "INSERT INTO experiments (name, query_source, repeats, created_at)"
                                 " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, query_source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, MAX (repeats, 1));
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  if (!_errata_project_step_write (project, stmt, _("save the experiment"), error))
    goto fail;
  id = sqlite3_last_insert_rowid (_errata_project_get_db (project));
  for (guint i = 0; i < queries->len; i++)
    if (!insert_query (project, id, i, g_ptr_array_index (queries, i), error))
      goto fail;
  if (!errata_project_commit (project, error))
    return NULL;
  return errata_experiment_get (project, id, error);

fail:
  errata_project_rollback (project);
  return NULL;
}

gboolean
errata_experiment_delete (ErrataProject  *project,
                          gint64          experiment_id,
                          GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  stmt = _errata_project_cached (project, "DELETE FROM experiments WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  return _errata_project_step_write (project, stmt, _("delete the experiment"), error);
}
