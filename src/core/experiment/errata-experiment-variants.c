/* errata-experiment-variants.c: the variants of an experiment.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-experiment.h"
#include "errata-experiment-private.h"

#include "errata-project-private.h"
#include "errata-synth-target.h"

#include <glib/gi18n-lib.h>

void
errata_experiment_variant_free (ErrataExperimentVariant *variant)
{
  if (variant == NULL)
    return;
  g_free (variant->name);
  g_clear_pointer (&variant->target, json_object_unref);
  g_free (variant->parent_name);
  g_strfreev (variant->changes);
  g_free (variant);
}

static char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL ? json_to_string (node, FALSE) : NULL;
}

/* g_ptr_array_sort hands pointers to the elements: compare the strings
 * they point to (g_strcmp0 itself compared the elements' addresses, so
 * the order followed the heap). */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* The members whose values differ, added or removed, sorted. */
static char **
diff_members (JsonObject *parent,
              JsonObject *child)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GList) child_members = json_object_get_members (child);
  g_autoptr(GList) parent_members = json_object_get_members (parent);

  for (GList *l = child_members; l != NULL; l = l->next)
    {
      g_autofree char *a = member_text (parent, l->data);
      g_autofree char *b = member_text (child, l->data);

      if (g_strcmp0 (a, b) != 0)
        g_ptr_array_add (names, g_strdup (l->data));
    }
  for (GList *l = parent_members; l != NULL; l = l->next)
    if (!json_object_has_member (child, l->data))
      g_ptr_array_add (names, g_strdup (l->data));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

#define VARIANT_SELECT \
  "SELECT v.id, v.experiment_id, v.name, v.target, v.parent_id, p.name, p.target, v.created_at," \
  " (SELECT count(*) FROM experiment_replies r WHERE r.variant_id = v.id" \
  "   AND r.trace_id IS NOT NULL)," \
  " (SELECT count(*) FROM experiment_replies r WHERE r.variant_id = v.id" \
  "   AND r.trace_id IS NULL)," \
  " (SELECT count(*) FROM experiment_queries q WHERE q.experiment_id = v.experiment_id)" \
  "   * e.repeats" \
  " FROM experiment_variants v JOIN experiments e ON e.id = v.experiment_id" \
  " LEFT JOIN experiment_variants p ON p.id = v.parent_id"

static gpointer
variant_from_row (sqlite3_stmt *stmt)
{
  ErrataExperimentVariant *variant = g_new0 (ErrataExperimentVariant, 1);

  variant->id = sqlite3_column_int64 (stmt, 0);
  variant->experiment_id = sqlite3_column_int64 (stmt, 1);
  variant->name = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  variant->target = _errata_experiment_parse_object ((const char *)sqlite3_column_text (stmt, 3));
  variant->parent_id = sqlite3_column_int64 (stmt, 4);
  variant->parent_name = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
  if (variant->parent_id != 0)
    {
      g_autoptr(JsonObject) parent = _errata_experiment_parse_object (
          (const char *)sqlite3_column_text (stmt, 6));

      variant->changes = diff_members (parent, variant->target);
    }
  else
    variant->changes = g_new0 (char *, 1);
  variant->created_at = sqlite3_column_int64 (stmt, 7);
  variant->n_replies = sqlite3_column_int (stmt, 8);
  variant->n_failed = sqlite3_column_int (stmt, 9);
  variant->n_expected = sqlite3_column_int (stmt, 10);
  return variant;
}

GPtrArray *
errata_experiment_list_variants (ErrataProject  *project,
                                 gint64          experiment_id,
                                 GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project, VARIANT_SELECT " WHERE v.experiment_id = ?1"
                                          " ORDER BY v.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  return _errata_project_collect_rows (project, stmt, variant_from_row,
                                       (GDestroyNotify)errata_experiment_variant_free,
                                       _("read the variants"), error);
}

static ErrataExperimentVariant *
first_or_not_found (GPtrArray   *rows,
                    const char  *what,
                    GError     **error)
{
  ErrataExperimentVariant *variant = NULL;

  if (rows == NULL)
    return NULL;
  if (rows->len > 0)
    variant = g_ptr_array_steal_index (rows, 0);
  else
    g_set_error (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_NOT_FOUND,
                 /* Translators: %s is a variant's name or number. */
                 _("There is no variant “%s” in this experiment"), what);
  g_ptr_array_unref (rows);
  return variant;
}

ErrataExperimentVariant *
errata_experiment_find_variant (ErrataProject  *project,
                                gint64          experiment_id,
                                const char     *name,
                                GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = _errata_project_cached (project, VARIANT_SELECT " WHERE v.experiment_id = ?1"
                                          " AND v.name = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  return first_or_not_found (_errata_project_collect_rows (project, stmt, variant_from_row,
                                                           (GDestroyNotify)errata_experiment_variant_free,
                                                           _("read the variants"), error),
                             name, error);
}

ErrataExperimentVariant *
errata_experiment_get_variant (ErrataProject  *project,
                               gint64          variant_id,
                               GError        **error)
{
  g_autofree char *what = g_strdup_printf ("%" PRId64, variant_id);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project, VARIANT_SELECT " WHERE v.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, variant_id);
  return first_or_not_found (_errata_project_collect_rows (project, stmt, variant_from_row,
                                                           (GDestroyNotify)errata_experiment_variant_free,
                                                           _("read the variants"), error),
                             what, error);
}

/* The parent's definition with the given members set on top. */
static JsonObject *
merge_target (JsonObject *parent,
              JsonObject *changes)
{
  JsonObject *merged = json_object_new ();
  g_autoptr(GList) parent_members = json_object_get_members (parent);
  g_autoptr(GList) changed = changes != NULL ? json_object_get_members (changes) : NULL;

  for (GList *l = parent_members; l != NULL; l = l->next)
    json_object_set_member (merged, l->data,
                            json_node_copy (json_object_get_member (parent, l->data)));
  for (GList *l = changed; l != NULL; l = l->next)
    json_object_set_member (merged, l->data,
                            json_node_copy (json_object_get_member (changes, l->data)));
  return merged;
}

static gboolean
check_target (ErrataProject  *project,
              JsonObject     *definition,
              GError        **error)
{
  g_autofree char *project_id = errata_project_get_meta (project, "project_id");
  g_autoptr(ErrataSynthTarget) target = NULL;

  target = errata_synth_target_new (definition, project_id != NULL ? project_id : "", error);
  if (target == NULL)
    {
      g_prefix_error (error, _("The variant’s target is not valid: "));
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_variant (ErrataProject  *project,
                gint64          experiment_id,
                const char     *name,
                JsonObject     *definition,
                gint64          parent_id,
                gint64         *out_id,
                GError        **error)
{
  g_autofree char *text = _errata_experiment_object_to_text (definition);
  sqlite3_stmt *stmt;

  stmt = _errata_project_cached (project,
                                 "INSERT INTO experiment_variants (experiment_id, name, target,"
                                 " parent_id, created_at) VALUES (?1, ?2, ?3, nullif (?4, 0), ?5)",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, parent_id);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  if (!_errata_project_step_write (project, stmt, _("save the variant"), error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (_errata_project_get_db (project));
  return TRUE;
}

ErrataExperimentVariant *
errata_experiment_variant_create (ErrataProject  *project,
                                  gint64          experiment_id,
                                  const char     *name,
                                  JsonObject     *target,
                                  const char     *from_name,
                                  GError        **error)
{
  g_autoptr(ErrataExperiment) experiment = NULL;
  g_autoptr(ErrataExperimentVariant) parent = NULL;
  g_autoptr(ErrataExperimentVariant) existing = NULL;
  g_autoptr(JsonObject) definition = NULL;
  g_autoptr(GError) local = NULL;
  gint64 id = 0;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (target != NULL || from_name != NULL, NULL);

  experiment = errata_experiment_get (project, experiment_id, error);
  if (experiment == NULL || !_errata_experiment_check_name (name, _("A variant needs a name of 1 to 200 characters"), error))
    return NULL;
  existing = errata_experiment_find_variant (project, experiment_id, name, &local);
  if (existing != NULL)
    {
      g_set_error (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_EXISTS,
                   _("The experiment “%s” already has a variant “%s”: choose another name"),
                   experiment->name, name);
      return NULL;
    }
  if (from_name != NULL)
    {
      parent = errata_experiment_find_variant (project, experiment_id, from_name, error);
      if (parent == NULL)
        return NULL;
      definition = merge_target (parent->target, target);
    }
  else
    definition = json_object_ref (target);
  if (!check_target (project, definition, error))
    return NULL;
  if (!insert_variant (project, experiment_id, name, definition, parent ? parent->id : 0, &id,
                       error))
    return NULL;
  return errata_experiment_get_variant (project, id, error);
}

gboolean
errata_experiment_delete_variant (ErrataProject  *project,
                                  gint64          variant_id,
                                  GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  stmt = _errata_project_cached (project, "DELETE FROM experiment_variants WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, variant_id);
  return _errata_project_step_write (project, stmt, _("delete the variant"), error);
}
