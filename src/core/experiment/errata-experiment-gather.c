/* errata-experiment-gather.c: the replies, verdicts, labels and costs a
 * comparison stands on, read from the project.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-experiment-compare-private.h"

#include "errata-eval-metrics.h"
#include "errata-ground-truth.h"
#include "errata-project-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

static void
gathered_variant_free (GatheredVariant *variant)
{
  g_free (variant->name);
  g_strfreev (variant->changes);
  g_free (variant->trace_ids);
  g_free (variant->cost.name);
  g_free (variant);
}

static void
gathered_mode_free (GatheredMode *mode,
                    guint         n_variants)
{
  errata_evaluator_free (mode->evaluator);
  g_free (mode->target_name);
  for (guint v = 0; v < n_variants; v++)
    g_free (mode->pairs[v]);
  g_free (mode->pairs);
  g_free (mode);
}

void
_errata_experiment_gathered_clear (Gathered *gathered)
{
  guint n_variants = gathered->variants != NULL ? gathered->variants->len : 0;

  g_clear_pointer (&gathered->experiment, errata_experiment_free);
  g_clear_pointer (&gathered->queries, g_ptr_array_unref);
  for (guint m = 0; gathered->modes != NULL && m < gathered->modes->len; m++)
    gathered_mode_free (g_ptr_array_index (gathered->modes, m), n_variants);
  g_clear_pointer (&gathered->modes, g_ptr_array_unref);
  g_clear_pointer (&gathered->variants, g_ptr_array_unref);
  g_clear_pointer (&gathered->slice_keys, g_ptr_array_unref);
  g_clear_pointer (&gathered->slice_start, g_free);
  g_clear_pointer (&gathered->slice_of, g_array_unref);
}

static gboolean
step_done (ErrataProject  *project,
           sqlite3_stmt   *stmt,
           int             rc,
           GError        **error)
{
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  return _errata_project_set_error (project, error, _("read the experiment"));
}

/* Replies ------------------------------------------------------------------ */

static gboolean
read_replies (ErrataProject    *project,
              Gathered         *gathered,
              GHashTable       *query_index,
              GatheredVariant  *variant,
              GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _errata_project_cached (project,
                                 "SELECT query_id, repetition, trace_id FROM experiment_replies"
                                 " WHERE variant_id = ?1 AND trace_id IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, variant->id);
  variant->trace_ids = g_new0 (gint64, MAX (gathered->n_pairs, 1));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 query_id = sqlite3_column_int64 (stmt, 0);
      guint repetition = sqlite3_column_int (stmt, 1);
      gpointer index = g_hash_table_lookup (query_index, &query_id);

      if (index != NULL && repetition < gathered->repeats)
        variant->trace_ids[(GPOINTER_TO_UINT (index) - 1) * gathered->repeats + repetition]
          = sqlite3_column_int64 (stmt, 2);
    }
  return step_done (project, stmt, rc, error);
}

/* Latency, tokens and cost of the replies; the judges' cost from the
 * variant's scoring runs. */
static gboolean
read_costs (ErrataProject    *project,
            Gathered         *gathered,
            GatheredVariant  *variant,
            GError          **error)
{
  ErrataExperimentCost *cost = &variant->cost;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  double latency_sum = 0, cost_sum = 0;
  gint64 tokens_in = 0, tokens_out = 0;
  gboolean any_tokens = FALSE, any_cost = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  *cost = (ErrataExperimentCost) { .variant_id = variant->id, .name = g_strdup (variant->name) };
  stmt = _errata_project_cached (project,
                                 "SELECT t.latency_ms, t.tokens_in, t.tokens_out, t.cost"
                                 " FROM experiment_replies r JOIN traces t ON t.id = r.trace_id"
                                 " WHERE r.variant_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, variant->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      cost->n_traces++;
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          double latency = sqlite3_column_double (stmt, 0);

          g_array_append_val (latencies, latency);
          latency_sum += latency;
        }
      any_tokens |= sqlite3_column_type (stmt, 1) != SQLITE_NULL
                    || sqlite3_column_type (stmt, 2) != SQLITE_NULL;
      tokens_in += sqlite3_column_int64 (stmt, 1);
      tokens_out += sqlite3_column_int64 (stmt, 2);
      any_cost |= sqlite3_column_type (stmt, 3) != SQLITE_NULL;
      cost_sum += sqlite3_column_double (stmt, 3);
    }
  if (!step_done (project, stmt, rc, error))
    return FALSE;
  cost->n_latency = latencies->len;
  cost->latency_mean_ms = latencies->len > 0 ? latency_sum / latencies->len : NAN;
  cost->latency_median_ms = latencies->len > 0
                            ? errata_percentile ((double *)latencies->data, latencies->len, 50)
                            : NAN;
  cost->tokens_in = any_tokens ? tokens_in : -1;
  cost->tokens_out = any_tokens ? tokens_out : -1;
  cost->cost = any_cost ? cost_sum : NAN;

  stmt = _errata_project_cached (project,
                                 "SELECT total (u.cost), total (u.tokens_in), total (u.tokens_out)"
                                 " FROM experiment_scores s JOIN runs u ON u.id = s.run_id"
                                 " WHERE s.variant_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, variant->id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      cost->eval_cost = sqlite3_column_double (stmt, 0);
      cost->eval_tokens_in = sqlite3_column_int64 (stmt, 1);
      cost->eval_tokens_out = sqlite3_column_int64 (stmt, 2);
      rc = SQLITE_DONE;
    }
  (void)gathered;
  return step_done (project, stmt, rc, error);
}

/* Evaluators ---------------------------------------------------------------- */

/* Per evaluator, the newest version that scored any of the variants. */
static gboolean
read_modes (ErrataProject  *project,
            Gathered       *gathered,
            GError        **error)
{
  g_autoptr(GHashTable) newest = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify)errata_evaluator_version_free);
  GHashTableIter iter;
  gpointer value;

  for (guint v = 0; v < gathered->variants->len; v++)
    {
      GatheredVariant *variant = g_ptr_array_index (gathered->variants, v);
      sqlite3_stmt *stmt;
      int rc;

      stmt = _errata_project_cached (project,
                                     "SELECT DISTINCT u.version_id FROM experiment_scores s"
                                     " JOIN runs u ON u.id = s.run_id WHERE s.variant_id = ?1",
                                     error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, variant->id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 version_id = sqlite3_column_int64 (stmt, 0);
          ErrataEvaluatorVersion *version, *known;

          version = errata_evaluators_get_version_by_id (project, version_id, error);
          if (version == NULL)
            return (sqlite3_reset (stmt), FALSE);
          known = g_hash_table_lookup (newest, &version->evaluator_id);
          if (known == NULL || known->number < version->number)
            g_hash_table_replace (newest, g_memdup2 (&version->evaluator_id, sizeof (gint64)),
                                  version);
          else
            errata_evaluator_version_free (version);
        }
      if (!step_done (project, stmt, rc, error))
        return FALSE;
    }
  g_hash_table_iter_init (&iter, newest);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ErrataEvaluatorVersion *version = value;
      GatheredMode *mode = g_new0 (GatheredMode, 1);

      mode->evaluator = errata_evaluators_get (project, version->evaluator_id, error);
      if (mode->evaluator == NULL)
        return (g_free (mode), FALSE);
      mode->version_id = version->id;
      mode->version = version->number;
      mode->target_name = errata_target_describe (project, mode->evaluator->target);
      mode->pairs = g_new0 (guint8 *, gathered->variants->len);
      g_ptr_array_add (gathered->modes, mode);
    }
  return TRUE;
}

static int
compare_modes (gconstpointer a,
               gconstpointer b)
{
  const GatheredMode *x = *(GatheredMode **)a, *y = *(GatheredMode **)b;

  return g_utf8_collate (x->evaluator->name, y->evaluator->name);
}

/* The verdicts of one version on one variant, later runs over earlier. */
static gboolean
read_verdicts (ErrataProject    *project,
               Gathered         *gathered,
               GHashTable       *pair_of_trace,
               GatheredVariant  *variant,
               GatheredMode     *mode,
               guint8           *pairs,
               GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (pairs, PAIR_NONE, gathered->n_pairs);
  stmt = _errata_project_cached (project,
                                 "SELECT v.trace_id, v.verdict FROM experiment_scores s"
                                 " JOIN runs u ON u.id = s.run_id"
                                 " JOIN verdicts v ON v.run_id = s.run_id"
                                 " WHERE s.variant_id = ?1 AND u.version_id = ?2"
                                 " ORDER BY s.run_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, variant->id);
  sqlite3_bind_int64 (stmt, 2, mode->version_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 trace_id = sqlite3_column_int64 (stmt, 0);
      gpointer index = g_hash_table_lookup (pair_of_trace, &trace_id);
      const char *verdict = (const char *)sqlite3_column_text (stmt, 1);

      if (index == NULL)
        continue;
      pairs[GPOINTER_TO_UINT (index) - 1] = g_strcmp0 (verdict, "pass") == 0 ? PAIR_PASS
                                            : g_strcmp0 (verdict, "fail") == 0 ? PAIR_FAIL
                                            : PAIR_ERROR;
    }
  return step_done (project, stmt, rc, error);
}

/* Labels people gave (reviews made here, explicit labels) win over the
 * judge; imported labels are never used as such (DESIGN.md, "Labels"). */
static gboolean
apply_people (ErrataProject  *project,
              Gathered       *gathered,
              GHashTable    **pair_of_trace,
              GatheredMode   *mode,
              GError        **error)
{
  g_autoptr(GArray) truths = errata_ground_truth_list (project, mode->evaluator->target, error);

  if (truths == NULL)
    return FALSE;
  for (guint i = 0; i < truths->len; i++)
    {
      ErrataTruth *truth = &g_array_index (truths, ErrataTruth, i);

      if (truth->disputed || truth->value == ERRATA_VERDICT_UNSET
          || (truth->source != ERRATA_LABEL_SOURCE_EXPLICIT
              && truth->source != ERRATA_LABEL_SOURCE_REVIEWS))
        continue;
      for (guint v = 0; v < gathered->variants->len; v++)
        {
          gpointer index = g_hash_table_lookup (pair_of_trace[v], &truth->trace_id);

          if (index != NULL)
            mode->pairs[v][GPOINTER_TO_UINT (index) - 1]
              = (truth->value == ERRATA_VERDICT_PASS ? PAIR_PASS : PAIR_FAIL) | PAIR_PEOPLE;
        }
    }
  return TRUE;
}

/* The judge's TPR and TNR, when its newest test run is of this version. */
static gboolean
read_test (ErrataProject  *project,
           GatheredMode   *mode,
           GError        **error)
{
  g_autoptr(GError) local = NULL;
  guint version = 0;

  mode->has_test = errata_eval_test_confusion (project, mode->evaluator->id, &mode->test,
                                               &mode->test_run_id, &version, &local)
                   && version == mode->version;
  if (local != NULL && !g_error_matches (local, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_UNDEFINED))
    return (g_propagate_error (error, g_steal_pointer (&local)), FALSE);
  if (!mode->has_test)
    mode->test_run_id = 0;
  return TRUE;
}

static GHashTable *
index_traces (Gathered        *gathered,
              GatheredVariant *variant)
{
  GHashTable *pair_of_trace = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint p = 0; p < gathered->n_pairs; p++)
    if (variant->trace_ids[p] != 0)
      g_hash_table_insert (pair_of_trace, &variant->trace_ids[p], GUINT_TO_POINTER (p + 1));
  return pair_of_trace;
}

static gboolean
read_variants (ErrataProject  *project,
               Gathered       *gathered,
               GArray         *variant_ids,
               GHashTable     *query_index,
               GError        **error)
{
  for (guint v = 0; v < variant_ids->len; v++)
    {
      g_autoptr(ErrataExperimentVariant) stored = NULL;
      GatheredVariant *variant;

      stored = errata_experiment_get_variant (project, g_array_index (variant_ids, gint64, v),
                                              error);
      if (stored == NULL)
        return FALSE;
      if (stored->experiment_id != gathered->experiment->id)
        {
          g_set_error (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_INVALID,
                       _("The variant “%s” belongs to another experiment"), stored->name);
          return FALSE;
        }
      variant = g_new0 (GatheredVariant, 1);
      variant->id = stored->id;
      variant->name = g_strdup (stored->name);
      variant->changes = g_strdupv (stored->changes);
      g_ptr_array_add (gathered->variants, variant);
      if (!read_replies (project, gathered, query_index, variant, error)
          || !read_costs (project, gathered, variant, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_errata_experiment_gather (ErrataProject  *project,
                           gint64          experiment_id,
                           GArray         *variant_ids,
                           Gathered       *out,
                           GError        **error)
{
  g_autoptr(GHashTable) query_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree GHashTable **pair_of_trace = NULL;
  gboolean ok = FALSE;

  *out = (Gathered) { 0, };
  out->variants = g_ptr_array_new_with_free_func ((GDestroyNotify)gathered_variant_free);
  out->modes = g_ptr_array_new ();
  out->experiment = errata_experiment_get (project, experiment_id, error);
  if (out->experiment == NULL)
    return FALSE;
  out->queries = errata_experiment_list_queries (project, experiment_id, error);
  if (out->queries == NULL)
    return FALSE;
  out->repeats = out->experiment->repeats;
  out->n_pairs = out->queries->len * out->repeats;
  for (guint i = 0; i < out->queries->len; i++)
    g_hash_table_insert (query_index,
                         &((ErrataExperimentQuery *)g_ptr_array_index (out->queries, i))->id,
                         GUINT_TO_POINTER (i + 1));
  if (!read_variants (project, out, variant_ids, query_index, error)
      || !read_modes (project, out, error))
    return FALSE;
  g_ptr_array_sort (out->modes, compare_modes);
  pair_of_trace = g_new0 (GHashTable *, out->variants->len);
  for (guint v = 0; v < out->variants->len; v++)
    pair_of_trace[v] = index_traces (out, g_ptr_array_index (out->variants, v));
  for (guint m = 0; m < out->modes->len; m++)
    {
      GatheredMode *mode = g_ptr_array_index (out->modes, m);

      for (guint v = 0; v < out->variants->len; v++)
        {
          mode->pairs[v] = g_new (guint8, MAX (out->n_pairs, 1));
          if (!read_verdicts (project, out, pair_of_trace[v], g_ptr_array_index (out->variants, v),
                              mode, mode->pairs[v], error))
            goto done;
        }
      if (!apply_people (project, out, pair_of_trace, mode, error) || !read_test (project, mode, error))
        goto done;
    }
  ok = TRUE;

done:
  for (guint v = 0; v < out->variants->len; v++)
    g_hash_table_unref (pair_of_trace[v]);
  return ok;
}
