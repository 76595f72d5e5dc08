/* errata-synth-tuples.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-synth-tuples.h"

#include "errata-project-private.h"
#include "errata-random.h"
#include "errata-synth-dimensions.h"

#include <glib/gi18n-lib.h>

/* Random draws per wanted tuple before the sample gives up: only reached
 * when nearly every combination is wanted, which is then refused. */
#define DRAWS_PER_TUPLE 200

static gboolean
too_many (GError  **error,
          guint64   n,
          guint     limit)
{
  g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_TOO_MANY,
               _("That makes %" PRIu64 " tuples, more than the limit of %u: "
                 "sample fewer, or raise the limit"), n, limit);
  return FALSE;
}

static gboolean
check_dimensions (GPtrArray  *dimensions,
                  GError    **error)
{
  if (dimensions->len > 0)
    return TRUE;
  g_set_error_literal (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID,
                       _("The project has no dimensions yet: set them first"));
  return FALSE;
}

/* The tuple whose value of dimension d is index[d]. */
static JsonObject *
tuple_from_indices (GPtrArray   *dimensions,
                    const guint *index)
{
  JsonObject *tuple = json_object_new ();

  for (guint d = 0; d < dimensions->len; d++)
    {
      ErrataSynthDimension *dimension = g_ptr_array_index (dimensions, d);
      ErrataSynthValue *value = g_ptr_array_index (dimension->values, index[d]);

      json_object_set_string_member (tuple, dimension->name, value->value);
    }
  return tuple;
}

GPtrArray *
errata_synth_tuples_all (GPtrArray  *dimensions,
                         guint       limit,
                         GError    **error)
{
  guint64 n = errata_synth_dimensions_n_combinations (dimensions);
  g_autofree guint *index = NULL;
  GPtrArray *tuples;

  g_return_val_if_fail (dimensions != NULL, NULL);

  if (!check_dimensions (dimensions, error))
    return NULL;
  if (n > limit)
    return too_many (error, n, limit), NULL;
  index = g_new0 (guint, dimensions->len);
  tuples = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  for (guint64 i = 0; i < n; i++)
    {
      g_ptr_array_add (tuples, tuple_from_indices (dimensions, index));
      /* Count in mixed radix, the last dimension fastest. */
      for (int d = dimensions->len - 1; d >= 0; d--)
        {
          ErrataSynthDimension *dimension = g_ptr_array_index (dimensions, d);

          if (++index[d] < dimension->values->len)
            break;
          index[d] = 0;
        }
    }
  return tuples;
}

static guint
max_values (GPtrArray *dimensions)
{
  guint most = 0;

  for (guint d = 0; d < dimensions->len; d++)
    most = MAX (most, ((ErrataSynthDimension *)g_ptr_array_index (dimensions, d))->values->len);
  return most;
}

/* A seeded Fisher–Yates shuffle of 0 … n-1. */
static guint *
shuffled (ErrataRandom *rng,
          guint         n)
{
  guint *order = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = n; i > 1; i--)
    {
      guint j = errata_random_below (rng, i);
      guint t = order[i - 1];

      order[i - 1] = order[j];
      order[j] = t;
    }
  return order;
}

static gboolean
check_sample_size (GPtrArray  *dimensions,
                   guint       n,
                   guint       limit,
                   GError    **error)
{
  guint64 total = errata_synth_dimensions_n_combinations (dimensions);
  guint needed = max_values (dimensions);

  if (n > limit)
    return too_many (error, n, limit);
  if (n > total)
    {
      g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID,
                   _("Only %" PRIu64 " combinations exist: ask for at most that many."),
                   total);
      return FALSE;
    }
  if (n < needed)
    {
      g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID,
                   _("A sample that covers every value needs at least %u tuples (a dimension "
                     "has %u values); ask for %u or more."), needed, needed, needed);
      return FALSE;
    }
  return TRUE;
}

/* The first max_values() tuples walk a shuffled order of each dimension's
 * values side by side, so that each value appears in them (a dimension with
 * fewer values draws at random once its order is used up); the rest are
 * drawn at random. Duplicates are drawn again. */
GPtrArray *
errata_synth_tuples_sample (GPtrArray  *dimensions,
                            guint       n,
                            guint64     seed,
                            guint       limit,
                            GError    **error)
{
  g_autoptr(GPtrArray) tuples = NULL;
  g_autoptr(GHashTable) keys = NULL;
  g_autofree guint *index = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  ErrataRandom rng;
  guint64 draws = 0;

  g_return_val_if_fail (dimensions != NULL, NULL);

  if (!check_dimensions (dimensions, error) || !check_sample_size (dimensions, n, limit, error))
    return NULL;
  errata_random_init (&rng, seed);
  orders = g_ptr_array_new_with_free_func (g_free);
  for (guint d = 0; d < dimensions->len; d++)
    g_ptr_array_add (orders, shuffled (&rng, ((ErrataSynthDimension *)
                                              g_ptr_array_index (dimensions, d))->values->len));
  tuples = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index = g_new0 (guint, dimensions->len);
  while (tuples->len < n)
    {
      g_autoptr(JsonObject) tuple = NULL;
      char *key;

      if (++draws > (guint64)n * DRAWS_PER_TUPLE)
        {
          g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID,
                       _("Could not find %u different combinations at random; ask for fewer, "
                         "or take every combination"), n);
          return NULL;
        }
      for (guint d = 0; d < dimensions->len; d++)
        {
          guint n_values = ((ErrataSynthDimension *)g_ptr_array_index (dimensions, d))->values->len;
          guint *order = g_ptr_array_index (orders, d);

          /* The covering prefix never repeats a tuple (the dimension with
           * the most values differs in each), so it is never drawn again. */
          index[d] = tuples->len < n_values ? order[tuples->len]
                                            : errata_random_below (&rng, n_values);
        }
      tuple = tuple_from_indices (dimensions, index);
      key = errata_synth_tuple_key (tuple);
      if (!g_hash_table_add (keys, key))
        continue;
      g_ptr_array_add (tuples, g_steal_pointer (&tuple));
    }
  return g_steal_pointer (&tuples);
}

gboolean
errata_synth_tuple_check (GPtrArray   *dimensions,
                          JsonObject  *tuple,
                          GError     **error)
{
  g_autoptr(GList) names = json_object_get_members (tuple);

  for (GList *l = names; l != NULL; l = l->next)
    if (errata_synth_dimensions_find (dimensions, l->data) == NULL)
      {
        g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID,
                     _("There is no dimension “%s”"), (const char *)l->data);
        return FALSE;
      }
  for (guint d = 0; d < dimensions->len; d++)
    {
      ErrataSynthDimension *dimension = g_ptr_array_index (dimensions, d);
      JsonNode *node = json_object_get_member (tuple, dimension->name);
      const char *value = node != NULL && json_node_get_value_type (node) == G_TYPE_STRING
                          ? json_node_get_string (node) : NULL;

      if (value == NULL || !errata_synth_dimension_has_value (dimension, value))
        {
          g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID,
                       value == NULL ? _("The tuple has no value for “%s”")
                                     : _("“%s” has no value “%s”"),
                       dimension->name, value);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
add_one (ErrataProject      *project,
         JsonObject         *tuple,
         ErrataSynthOrigin   origin,
         guint              *added,
         GError            **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), tuple);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autofree char *key = errata_synth_tuple_key (tuple);
  sqlite3_stmt *stmt;

  stmt = _errata_project_cached (project, "INSERT OR IGNORE INTO synth_tuples"
                                          " (key, dimensions, origin, created_at)"
                                          " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, errata_synth_origin_to_string (origin), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  if (!_errata_project_step_write (project, stmt, _("save the tuples"), error))
    return FALSE;
  *added += sqlite3_changes (_errata_project_get_db (project));
  return TRUE;
}

gboolean
errata_synth_tuples_add (ErrataProject      *project,
                         GPtrArray          *tuples,
                         ErrataSynthOrigin   origin,
                         guint              *out_added,
                         GError            **error)
{
  guint added = 0;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (tuples != NULL, FALSE);

  if (!errata_project_begin (project, error))
    return FALSE;
  for (guint i = 0; i < tuples->len; i++)
    if (!add_one (project, g_ptr_array_index (tuples, i), origin, &added, error))
      {
        errata_project_rollback (project);
        return FALSE;
      }
  if (!errata_project_commit (project, error))
    return FALSE;
  if (out_added != NULL)
    *out_added = added;
  return TRUE;
}

static gpointer
tuple_from_row (sqlite3_stmt *stmt)
{
  ErrataSynthTuple *tuple = g_new0 (ErrataSynthTuple, 1);
  g_autoptr(JsonNode) node = json_from_string ((const char *)sqlite3_column_text (stmt, 1), NULL);

  tuple->id = sqlite3_column_int64 (stmt, 0);
  tuple->dimensions = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                      ? json_object_ref (json_node_get_object (node)) : json_object_new ();
  if (!errata_synth_origin_from_string ((const char *)sqlite3_column_text (stmt, 2), &tuple->origin))
    tuple->origin = ERRATA_SYNTH_ORIGIN_TYPED;
  return tuple;
}

GPtrArray *
errata_synth_tuples_list (ErrataProject  *project,
                          GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project, "SELECT id, dimensions, origin FROM synth_tuples"
                                          " ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  return _errata_project_collect_rows (project, stmt, tuple_from_row,
                                       (GDestroyNotify)errata_synth_tuple_free,
                                       _("read the tuples"), error);
}

gboolean
errata_synth_tuples_delete (ErrataProject  *project,
                            gint64          id,
                            GError        **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 exists = 0;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  /* Its queries go with it (ON DELETE CASCADE), unless one was run: its
   * trace would lose the query it answers. */
  stmt = _errata_project_cached (project, "DELETE FROM synth_tuples WHERE id = ?1 AND NOT EXISTS"
                                          " (SELECT 1 FROM synth_queries"
                                          "  WHERE tuple_id = ?1 AND trace_id IS NOT NULL)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_errata_project_step_write (project, stmt, _("delete the tuple"), error))
    return FALSE;
  if (sqlite3_changes (_errata_project_get_db (project)) > 0)
    return TRUE;
  sql = g_strdup_printf ("SELECT count(*) FROM synth_tuples WHERE id = %" PRId64, id);
  if (!_errata_project_query_int (project, sql, &exists, error))
    return FALSE;
  if (exists == 0)
    g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_NOT_FOUND,
                 _("There is no tuple %" PRId64), id);
  else
    g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID,
                 _("Tuple %" PRId64 " has queries that were run: their replies are "
                   "traces. Delete those traces first to delete the tuple."), id);
  return FALSE;
}

JsonObject *
errata_synth_tuples_coverage (GPtrArray *dimensions,
                              GPtrArray *tuples)
{
  JsonObject *coverage = json_object_new ();

  for (guint d = 0; d < dimensions->len; d++)
    {
      ErrataSynthDimension *dimension = g_ptr_array_index (dimensions, d);
      JsonObject *counts = json_object_new ();

      for (guint v = 0; v < dimension->values->len; v++)
        json_object_set_int_member (counts, ((ErrataSynthValue *)
                                             g_ptr_array_index (dimension->values, v))->value, 0);
      for (guint t = 0; t < tuples->len; t++)
        {
          ErrataSynthTuple *tuple = g_ptr_array_index (tuples, t);
          const char *value = json_object_get_string_member_with_default (tuple->dimensions,
                                                                          dimension->name, NULL);

          if (value != NULL && json_object_has_member (counts, value))
            json_object_set_int_member (counts, value,
                                        json_object_get_int_member (counts, value) + 1);
        }
      json_object_set_object_member (coverage, dimension->name, counts);
    }
  return coverage;
}
