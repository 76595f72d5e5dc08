/* errata-evaluators-json.c: an evaluator as a JSON definition, the form a
 * user writes by hand, keeps in version control and feeds to errata-cli:
 *
 *   { "name": "Refund promised", "target": "overall" | "<failure mode>",
 *     "kind": "judge" | "command" | "<code check>",
 *     "definition": { …the kind's parameters… },
 *     "few_shot": ["<trace external id>", …] }
 *
 * Export adds "version". Traces are named by their external id, which is
 * what a user sees; "#123" names a trace by its project id when external
 * ids repeat across sources.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-evaluators.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "errata-ground-truth.h"
#include "errata-project-private.h"

static char *
trace_reference (ErrataProject *project,
                 gint64         trace_id)
{
  g_autoptr(ErrataTrace) trace = errata_project_get_trace (project, trace_id, NULL);
  sqlite3_stmt *stmt;
  gint64 n = 0;

  if (trace == NULL)
    return g_strdup_printf ("#%" PRId64, trace_id);
  stmt = _errata_project_cached (project, "SELECT count (*) FROM traces WHERE external_id = ?1",
                                 NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, errata_trace_get_external_id (trace), -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (n != 1)
    return g_strdup_printf ("#%" PRId64, trace_id);
  return g_strdup (errata_trace_get_external_id (trace));
}

JsonNode *
errata_evaluators_export_json (ErrataProject                *project,
                               const ErrataEvaluator        *evaluator,
                               const ErrataEvaluatorVersion *version,
                               GError                      **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *target = NULL;
  g_autoptr(JsonNode) definition = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (evaluator != NULL && version != NULL, NULL);

  target = errata_target_describe (project, evaluator->target);
  json_node_set_object (definition, version->definition);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, evaluator->name);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, target);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, evaluator->kind);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, version->number);
  json_builder_set_member_name (builder, "definition");
  json_builder_add_value (builder, json_node_copy (definition));
  json_builder_set_member_name (builder, "few_shot");
  json_builder_begin_array (builder);
  for (guint i = 0; i < version->few_shot->len; i++)
    {
      g_autofree char *reference = trace_reference (project,
                                                    g_array_index (version->few_shot, gint64, i));

      json_builder_add_string_value (builder, reference);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
resolve_trace (ErrataProject  *project,
               const char     *reference,
               gint64         *trace_id,
               GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!errata_project_resolve_trace_id (project, reference, trace_id, &local_error))
    {
      /* Translators: %s is an error message about a trace id. */
      g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID, _("few_shot: %s"),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

static GArray *
read_few_shot (ErrataProject  *project,
               JsonObject     *object,
               GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonNode *member = json_object_get_member (object, "few_shot");
  JsonArray *array;

  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return g_steal_pointer (&ids);
  if (!JSON_NODE_HOLDS_ARRAY (member))
    return set_invalid (error, _("few_shot must be a list of trace ids.")), NULL;
  array = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gint64 trace_id;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return set_invalid (error, _("few_shot must be a list of trace ids (strings).")), NULL;
      if (!resolve_trace (project, json_node_get_string (element), &trace_id, error))
        return NULL;
      g_array_append_val (ids, trace_id);
    }
  return g_steal_pointer (&ids);
}

static const char *
read_string (JsonObject  *object,
             const char  *member,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node) != '\0')
    return json_node_get_string (node);
  g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
               /* Translators: %s is a JSON member name such as “name” or “kind”. */
               _("The evaluator definition needs “%s” (a string)."), member);
  return NULL;
}

/* Creates the evaluator, or saves a new version of the one with that name
 * (*new_version tells which). Its target must be the same. */
ErrataEvaluator *
errata_evaluators_import_json (ErrataProject  *project,
                               JsonNode       *node,
                               gboolean       *new_version,
                               GError        **error)
{
  g_autoptr(ErrataEvaluator) existing = NULL;
  g_autoptr(ErrataEvaluatorVersion) saved = NULL;
  g_autoptr(GArray) few_shot = NULL;
  g_autoptr(GError) find_error = NULL;
  JsonObject *object;
  JsonNode *definition;
  const char *name, *target_text, *kind;
  gint64 target;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  if (new_version)
    *new_version = FALSE;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return set_invalid (error, _("An evaluator definition is a JSON object.")), NULL;
  object = json_node_get_object (node);
  if ((name = read_string (object, "name", error)) == NULL
      || (target_text = read_string (object, "target", error)) == NULL
      || (kind = read_string (object, "kind", error)) == NULL
      || !errata_target_parse (project, target_text, &target, error))
    return NULL;
  definition = json_object_get_member (object, "definition");
  if (definition == NULL || !JSON_NODE_HOLDS_OBJECT (definition))
    return set_invalid (error, _("The evaluator definition needs “definition” (an object "
                                 "with the kind's parameters).")), NULL;
  few_shot = read_few_shot (project, object, error);
  if (few_shot == NULL)
    return NULL;

  existing = errata_evaluators_find (project, name, &find_error);
  if (existing == NULL && !g_error_matches (find_error, ERRATA_EVAL_ERROR,
                                            ERRATA_EVAL_ERROR_NOT_FOUND))
    return g_propagate_error (error, g_steal_pointer (&find_error)), NULL;
  if (existing == NULL)
    return errata_evaluators_create (project, name, target, kind,
                                     json_node_get_object (definition), few_shot, error);

  if (existing->target != target || g_strcmp0 (existing->kind, kind) != 0)
    {
      g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_EXISTS,
                   /* Translators: %s is an evaluator's name. */
                   _("An evaluator named “%s” already measures another target or is of "
                     "another kind; give this one another name."), name);
      return NULL;
    }
  saved = errata_evaluators_save (project, existing->id, json_node_get_object (definition),
                                  few_shot, error);
  if (saved == NULL)
    return NULL;
  if (new_version)
    *new_version = TRUE;
  return g_steal_pointer (&existing);
}
