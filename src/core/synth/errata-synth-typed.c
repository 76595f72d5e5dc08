/* errata-synth-typed.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-typed.h"

#include "errata-messages.h"
#include "errata-project-private.h"
#include "errata-synth-queries.h"
#include "errata-synth-tuples.h"
#include "errata-synth-types.h"

#include <glib/gi18n-lib.h>

static gboolean
invalid (GError     **error,
         guint        index,
         const char  *what)
{
  g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID,
               _("Entry %u: %s"), index + 1, what);
  return FALSE;
}

/* The entry's query texts, NULL-terminated, or NULL with an error. */
static GStrv
entry_texts (JsonObject  *entry,
             guint        index,
             GError     **error)
{
  JsonNode *node = json_object_get_member (entry, "queries");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, index, _("“queries” is a list of texts")), NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *text = json_array_get_element (array, i);

      if (json_node_get_value_type (text) != G_TYPE_STRING)
        return invalid (error, index, _("“queries” is a list of texts")), NULL;
      g_strv_builder_add (builder, json_node_get_string (text));
    }
  return g_strv_builder_end (builder);
}

static gint64
tuple_id (ErrataProject  *project,
          JsonObject     *dimensions,
          GError        **error)
{
  g_autofree char *key = errata_synth_tuple_key (dimensions);
  sqlite3_stmt *stmt = _errata_project_cached (project, "SELECT id FROM synth_tuples WHERE key = ?1",
                                               error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id == 0)
    g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_NOT_FOUND,
                 _("The tuple just added is not there"));
  return id;
}

static gboolean
add_entry (ErrataProject  *project,
           GPtrArray      *dimensions,
           JsonNode       *node,
           guint           index,
           guint          *n_tuples,
           guint          *n_queries,
           GError        **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) texts = NULL;
  JsonObject *entry, *tuple;
  guint added = 0;
  gint64 id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, index, _("expected an object with “dimensions” and “queries”"));
  entry = json_node_get_object (node);
  if (!json_object_has_member (entry, "dimensions")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (entry, "dimensions")))
    return invalid (error, index, _("“dimensions” is an object of dimension names and values"));
  tuple = json_object_get_object_member (entry, "dimensions");
  if (!errata_synth_tuple_check (dimensions, tuple, &local))
    return invalid (error, index, local->message);
  if ((texts = entry_texts (entry, index, error)) == NULL)
    return FALSE;
  g_ptr_array_add (one, tuple);
  if (!errata_synth_tuples_add (project, one, ERRATA_SYNTH_ORIGIN_TYPED, &added, error)
      || (id = tuple_id (project, tuple, error)) == 0)
    return FALSE;
  *n_tuples += added;
  if (!errata_synth_queries_add (project, id, (const char * const *)texts, TRUE, &added, error))
    return FALSE;
  *n_queries += added;
  return TRUE;
}

gboolean
errata_synth_typed_add (ErrataProject  *project,
                        GPtrArray      *dimensions,
                        JsonNode       *root,
                        guint          *out_tuples,
                        guint          *out_queries,
                        GError        **error)
{
  guint n_tuples = 0, n_queries = 0;
  JsonArray *entries;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (dimensions != NULL && root != NULL, FALSE);

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID,
                   _("Typed queries are a list of {“dimensions”, “queries”}, found %s"),
                   errata_json_node_describe (root));
      return FALSE;
    }
  entries = json_node_get_array (root);
  if (!errata_project_begin (project, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (entries); i++)
    if (!add_entry (project, dimensions, json_array_get_element (entries, i), i, &n_tuples,
                    &n_queries, error))
      {
        errata_project_rollback (project);
        return FALSE;
      }
  if (!errata_project_commit (project, error))
    return FALSE;
  if (out_tuples != NULL)
    *out_tuples = n_tuples;
  if (out_queries != NULL)
    *out_queries = n_queries;
  return TRUE;
}
