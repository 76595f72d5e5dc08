/* errata-eval-scope.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-eval-scope.h"

#include <glib/gi18n-lib.h>

#include "errata-ground-truth.h"
#include "errata-project-private.h"
#include "errata-splits.h"

static GArray *
all_trace_ids (ErrataProject  *project,
               GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = _errata_project_cached (project, "SELECT id FROM traces ORDER BY id",
                                               error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("read the traces")), NULL;
  return g_steal_pointer (&ids);
}

/* Traces with no label information at all for the target: a disputed
 * trace is not unlabelled (people looked at it and disagree). */
static GArray *
unlabelled_ids (ErrataProject  *project,
                gint64          target,
                GError        **error)
{
  g_autoptr(GArray) all = all_trace_ids (project, error);
  g_autoptr(GArray) truths = all ? errata_ground_truth_list (project, target, error) : NULL;
  g_autoptr(GHashTable) labelled = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *ids;

  if (truths == NULL)
    return NULL;
  for (guint i = 0; i < truths->len; i++)
    g_hash_table_add (labelled, &g_array_index (truths, ErrataTruth, i).trace_id);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < all->len; i++)
    if (!g_hash_table_contains (labelled, &g_array_index (all, gint64, i)))
      g_array_append_val (ids, g_array_index (all, gint64, i));
  return ids;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

/* A list given by hand may name a trace twice: it is judged once. */
static GArray *
sorted_unique (GArray *ids)
{
  GArray *unique = g_array_copy (ids);
  guint kept = 0;

  g_array_sort (unique, compare_ids);
  for (guint i = 0; i < unique->len; i++)
    if (kept == 0 || g_array_index (unique, gint64, i) != g_array_index (unique, gint64, kept - 1))
      g_array_index (unique, gint64, kept++) = g_array_index (unique, gint64, i);
  g_array_set_size (unique, kept);
  return unique;
}

/* The given ids, once each, checked to name traces: a look-up of each id,
 * not a load of each trace. */
static GArray *
existing_ids (ErrataProject  *project,
              GArray         *ids,
              GError        **error)
{
  g_autoptr(GArray) unique = sorted_unique (ids);
  sqlite3_stmt *stmt = _errata_project_cached (project, "SELECT 1 FROM traces WHERE id = ?1",
                                               error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < unique->len; i++)
    {
      gint64 id = g_array_index (unique, gint64, i);
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_ROW)
        continue;
      if (rc != SQLITE_DONE)
        return _errata_project_set_error (project, error, _("read the traces")), NULL;
      {
        g_autofree char *number = g_strdup_printf ("%" PRId64, id);

        g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND,
                     /* Translators: %s is a trace's project id, such as 12. */
                     _("The project has no trace #%s."), number);
        return NULL;
      }
    }
  return g_steal_pointer (&unique);
}

static ErrataSplit
split_of_scope (ErrataEvalScope scope)
{
  switch (scope)
    {
    case ERRATA_SCOPE_TRAIN: return ERRATA_SPLIT_TRAIN;
    case ERRATA_SCOPE_DEV: return ERRATA_SPLIT_DEV;
    case ERRATA_SCOPE_TEST: return ERRATA_SPLIT_TEST;
    case ERRATA_SCOPE_UNLABELED:
    case ERRATA_SCOPE_ALL:
    case ERRATA_SCOPE_IDS:
    default: return ERRATA_SPLIT_NONE;
    }
}

/* The trace ids of a scope, in id order. A split scope first assigns the
 * traces labelled since the last look (splits never move what they
 * assigned). `ids` is the list for ERRATA_SCOPE_IDS, checked to exist. */
GArray *
errata_eval_scope_resolve (ErrataProject    *project,
                           gint64            target,
                           ErrataEvalScope   scope,
                           GArray           *ids,
                           GError          **error)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  switch (scope)
    {
    case ERRATA_SCOPE_ALL:
      return all_trace_ids (project, error);
    case ERRATA_SCOPE_UNLABELED:
      return unlabelled_ids (project, target, error);
    case ERRATA_SCOPE_IDS:
      g_return_val_if_fail (ids != NULL, NULL);
      return existing_ids (project, ids, error);
    case ERRATA_SCOPE_TRAIN:
    case ERRATA_SCOPE_DEV:
    case ERRATA_SCOPE_TEST:
    default:
      if (!errata_splits_update (project, target, error))
        return NULL;
      return errata_splits_list (project, target, split_of_scope (scope), error);
    }
}
