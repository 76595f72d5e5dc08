/* errata-synth-breakdown.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-breakdown.h"

#include "errata-alignment.h"
#include "errata-ground-truth.h"
#include "errata-project-private.h"
#include "errata-synth-dimensions.h"

#include <glib/gi18n-lib.h>
#include <math.h>

typedef struct
{
  gint64      trace_id;
  JsonObject *dimensions;
} SynthTrace;

static void
synth_trace_free (SynthTrace *trace)
{
  json_object_unref (trace->dimensions);
  g_free (trace);
}

static gpointer
synth_trace_from_row (sqlite3_stmt *stmt)
{
  SynthTrace *trace = g_new0 (SynthTrace, 1);
  g_autoptr(JsonNode) node = json_from_string ((const char *)sqlite3_column_text (stmt, 1), NULL);

  trace->trace_id = sqlite3_column_int64 (stmt, 0);
  trace->dimensions = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                      ? json_object_ref (json_node_get_object (node)) : json_object_new ();
  return trace;
}

static GPtrArray *
list_synth_traces (ErrataProject  *project,
                   GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project,
                                               "SELECT q.trace_id, t.dimensions"
                                               " FROM synth_queries q"
                                               " JOIN synth_tuples t ON t.id = q.tuple_id"
                                               " WHERE q.trace_id IS NOT NULL ORDER BY q.trace_id",
                                               error);

  if (stmt == NULL)
    return NULL;
  return _errata_project_collect_rows (project, stmt, synth_trace_from_row,
                                       (GDestroyNotify)synth_trace_free,
                                       _("read the synthetic traces"), error);
}

static gpointer
int64_from_row (sqlite3_stmt *stmt)
{
  gint64 *id = g_new (gint64, 1);

  *id = sqlite3_column_int64 (stmt, 0);
  return id;
}

static GPtrArray *
list_targets (ErrataProject  *project,
              GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project,
                                               "SELECT 0 UNION ALL SELECT * FROM"
                                               " (SELECT id FROM failure_modes ORDER BY position, id)",
                                               error);

  if (stmt == NULL)
    return NULL;
  return _errata_project_collect_rows (project, stmt, int64_from_row, g_free,
                                       _("read the failure modes"), error);
}

static void
target_count_free (ErrataSynthTargetCount *count)
{
  g_free (count->name);
  g_free (count);
}

static void
cell_free (ErrataSynthCell *cell)
{
  g_free (cell->dimension);
  g_free (cell->value);
  g_free (cell->dimension2);
  g_free (cell->value2);
  g_free (cell);
}

void
errata_synth_breakdown_free (ErrataSynthBreakdown *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->targets);
  g_ptr_array_unref (self->cells);
  g_free (self);
}

/* The decided labels here, by trace id: GINT_TO_POINTER (1) fail, (2) pass. */
static GHashTable *
labels_made_here (ErrataProject           *project,
                  gint64                   target,
                  GHashTable              *synth_ids,
                  ErrataSynthTargetCount  *count,
                  GError                 **error)
{
  g_autoptr(GArray) truths = errata_ground_truth_list (project, target, error);
  GHashTable *labels;

  if (truths == NULL)
    return NULL;
  labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < truths->len; i++)
    {
      ErrataTruth *truth = &g_array_index (truths, ErrataTruth, i);

      if (!g_hash_table_contains (synth_ids, &truth->trace_id)
          || (truth->source != ERRATA_LABEL_SOURCE_REVIEWS
              && truth->source != ERRATA_LABEL_SOURCE_EXPLICIT))
        continue;
      if (truth->disputed || truth->value == ERRATA_VERDICT_UNSET)
        {
          count->n_disputed += truth->disputed;
          continue;
        }
      g_hash_table_insert (labels, g_memdup2 (&truth->trace_id, sizeof (gint64)),
                           GINT_TO_POINTER (truth->value == ERRATA_VERDICT_FAIL ? 1 : 2));
      count->n_labelled++;
      count->n_fail += truth->value == ERRATA_VERDICT_FAIL;
    }
  return labels;
}

static ErrataSynthCell *
cell_new (gint64      target,
          const char *dimension,
          const char *value,
          const char *dimension2,
          const char *value2)
{
  ErrataSynthCell *cell = g_new0 (ErrataSynthCell, 1);

  cell->target = target;
  cell->dimension = g_strdup (dimension);
  cell->value = g_strdup (value);
  cell->dimension2 = g_strdup (dimension2);
  cell->value2 = g_strdup (value2);
  return cell;
}

static void
cell_count (ErrataSynthCell *cell,
            GPtrArray       *traces,
            GHashTable      *labels)
{
  for (guint i = 0; i < traces->len; i++)
    {
      SynthTrace *trace = g_ptr_array_index (traces, i);
      int label = GPOINTER_TO_INT (g_hash_table_lookup (labels, &trace->trace_id));

      if (label == 0
          || g_strcmp0 (json_object_get_string_member_with_default (trace->dimensions,
                                                                    cell->dimension, NULL),
                        cell->value) != 0
          || (cell->dimension2 != NULL
              && g_strcmp0 (json_object_get_string_member_with_default (trace->dimensions,
                                                                        cell->dimension2, NULL),
                            cell->value2) != 0))
        continue;
      cell->n++;
      cell->n_fail += label == 1;
    }
  cell->rate = cell->n > 0 ? (double)cell->n_fail / cell->n : NAN;
  cell->interval = cell->n > 0 ? errata_wilson_interval (cell->n_fail, cell->n, ERRATA_STATS_Z95)
                               : (ErrataInterval){ NAN, NAN };
}

static void
add_cells (GPtrArray  *cells,
           gint64      target,
           GPtrArray  *dimensions,
           gboolean    pairs,
           GPtrArray  *traces,
           GHashTable *labels)
{
  for (guint d = 0; d < dimensions->len; d++)
    {
      ErrataSynthDimension *dim = g_ptr_array_index (dimensions, d);

      for (guint v = 0; v < dim->values->len; v++)
        {
          const char *value = ((ErrataSynthValue *)g_ptr_array_index (dim->values, v))->value;
          ErrataSynthCell *cell = cell_new (target, dim->name, value, NULL, NULL);

          cell_count (cell, traces, labels);
          g_ptr_array_add (cells, cell);
          for (guint d2 = d + 1; pairs && d2 < dimensions->len; d2++)
            {
              ErrataSynthDimension *dim2 = g_ptr_array_index (dimensions, d2);

              for (guint v2 = 0; v2 < dim2->values->len; v2++)
                {
                  cell = cell_new (target, dim->name, value, dim2->name,
                                   ((ErrataSynthValue *)g_ptr_array_index (dim2->values, v2))->value);
                  cell_count (cell, traces, labels);
                  g_ptr_array_add (cells, cell);
                }
            }
        }
    }
}

ErrataSynthBreakdown *
errata_synth_breakdown_compute (ErrataProject  *project,
                                gboolean        pairs,
                                GError        **error)
{
  g_autoptr(ErrataSynthBreakdown) self = g_new0 (ErrataSynthBreakdown, 1);
  g_autoptr(GPtrArray) dimensions = NULL;
  g_autoptr(GPtrArray) traces = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GHashTable) synth_ids = NULL;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  self->targets = g_ptr_array_new_with_free_func ((GDestroyNotify)target_count_free);
  self->cells = g_ptr_array_new_with_free_func ((GDestroyNotify)cell_free);
  if ((dimensions = errata_synth_dimensions_load (project, error)) == NULL
      || (traces = list_synth_traces (project, error)) == NULL
      || (targets = list_targets (project, error)) == NULL)
    return NULL;
  synth_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < traces->len; i++)
    g_hash_table_add (synth_ids, &((SynthTrace *)g_ptr_array_index (traces, i))->trace_id);
  for (guint t = 0; t < targets->len; t++)
    {
      gint64 target = *(gint64 *)g_ptr_array_index (targets, t);
      ErrataSynthTargetCount *count = g_new0 (ErrataSynthTargetCount, 1);
      g_autoptr(GHashTable) labels = NULL;

      count->target = target;
      count->name = errata_target_describe (project, target);
      count->n_traces = traces->len;
      g_ptr_array_add (self->targets, count);
      labels = labels_made_here (project, target, synth_ids, count, error);
      if (labels == NULL)
        return NULL;
      add_cells (self->cells, target, dimensions, pairs, traces, labels);
    }
  return g_steal_pointer (&self);
}
