/* errata-experiment-compare.c: the rows of a comparison, from what
 * errata-experiment-gather.c read.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-experiment-compare.h"
#include "errata-experiment-compare-private.h"

#include "errata-corrected-rate.h"
#include "errata-eval-types.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define DEFAULT_SEED 20260420

/* A row's pairs, baseline and candidate, as PAIR_* bytes. */
typedef struct
{
  const guint8 *baseline;
  const guint8 *candidate;
} Sides;

static ErrataExperimentCompareOptions
resolve_options (const ErrataExperimentCompareOptions *given)
{
  ErrataExperimentCompareOptions options = given != NULL ? *given
                                           : (ErrataExperimentCompareOptions) { 0, };

  if (options.alpha <= 0)
    options.alpha = ERRATA_EXPERIMENT_DEFAULT_ALPHA;
  if (options.level <= 0)
    options.level = 0.95;
  if (options.seed == 0)
    options.seed = DEFAULT_SEED;
  if (options.n_draws == 0)
    options.n_draws = ERRATA_BOOTSTRAP_DEFAULT_DRAWS;
  return options;
}

static ErrataBootstrapOptions
bootstrap_options (const ErrataExperimentCompareOptions *options)
{
  return (ErrataBootstrapOptions) { options->seed, options->n_draws, options->level };
}

/* Overall: a pair fails when any mode fails it, passes when every mode
 * passed it, and is unknown otherwise. */
static guint8 *
overall_pairs (Gathered *gathered,
               guint     v)
{
  guint8 *pairs = g_new (guint8, MAX (gathered->n_pairs, 1));

  for (guint p = 0; p < gathered->n_pairs; p++)
    {
      gboolean any_fail = FALSE, all_pass = gathered->modes->len > 0;
      gboolean people = FALSE;

      for (guint m = 0; m < gathered->modes->len; m++)
        {
          GatheredMode *mode = g_ptr_array_index (gathered->modes, m);
          guint8 value = mode->pairs[v][p] & PAIR_VALUE;

          any_fail |= value == PAIR_FAIL;
          all_pass &= value == PAIR_PASS;
          people |= (mode->pairs[v][p] & PAIR_PEOPLE) != 0;
        }
      pairs[p] = any_fail ? PAIR_FAIL : all_pass ? PAIR_PASS : PAIR_NONE;
      if (people && pairs[p] != PAIR_NONE)
        pairs[p] |= PAIR_PEOPLE;
    }
  return pairs;
}

static void
fill_rate (const guint8                         *pairs,
           guint                                 n_pairs,
           GatheredMode                         *mode,
           const ErrataExperimentCompareOptions *options,
           ErrataExperimentRate                 *rate)
{
  double z = errata_normal_quantile (1.0 - (1.0 - options->level) / 2.0);

  *rate = (ErrataExperimentRate) { 0, };
  for (guint p = 0; p < n_pairs; p++)
    {
      guint8 value = pairs[p] & PAIR_VALUE;

      if (value == PAIR_ERROR)
        rate->n_errors++;
      if (value != PAIR_PASS && value != PAIR_FAIL)
        continue;
      rate->n++;
      rate->n_pass += value == PAIR_PASS;
      rate->n_by_people += (pairs[p] & PAIR_PEOPLE) != 0;
    }
  rate->raw_rate = rate->n > 0 ? (double) rate->n_pass / rate->n : NAN;
  rate->rate = rate->raw_rate;
  rate->interval = rate->n > 0 ? errata_wilson_interval (rate->n_pass, rate->n, z)
                               : (ErrataInterval) { NAN, NAN };
  if (mode != NULL && mode->has_test && rate->n > 0)
    {
      ErrataBootstrapOptions bootstrap = bootstrap_options (options);
      ErrataCorrectedRate corrected;
      g_autoptr(GError) local = NULL;

      /* A judge that cannot be corrected for (TPR + TNR ≤ 1, a class
       * missing from its test run) leaves the raw rate, unmarked. */
      if (errata_estimate_corrected_rate_full (&mode->test, rate->n_pass, rate->n - rate->n_pass,
                                               ERRATA_UNLABELLED_RESAMPLED, &bootstrap,
                                               &corrected, &local))
        {
          rate->rate = corrected.pass_rate;
          rate->interval = corrected.pass_interval;
          rate->corrected = TRUE;
          rate->test_run_id = mode->test_run_id;
        }
      else
        g_debug ("No corrected rate for %s: %s", mode->evaluator->name, local->message);
    }
}

static ErrataExperimentFlip *
flip_new (Gathered *gathered,
          guint     pair,
          guint     candidate)
{
  ErrataExperimentFlip *flip = g_new0 (ErrataExperimentFlip, 1);
  ErrataExperimentQuery *query = g_ptr_array_index (gathered->queries, pair / gathered->repeats);

  flip->query_id = query->id;
  flip->repeat = pair % gathered->repeats;
  flip->query = g_strdup (query->text);
  flip->baseline_trace_id = ((GatheredVariant *)gathered->variants->pdata[0])->trace_ids[pair];
  flip->candidate_trace_id
    = ((GatheredVariant *)gathered->variants->pdata[candidate])->trace_ids[pair];
  return flip;
}

static void
table_add (ErrataPairedTable *table,
           guint8             baseline,
           guint8             candidate)
{
  if (baseline == PAIR_PASS)
    {
      if (candidate == PAIR_PASS)
        table->both_pass++;
      else
        table->pass_to_fail++;
    }
  else if (candidate == PAIR_PASS)
    table->fail_to_pass++;
  else
    table->both_fail++;
}

static gboolean
scored (guint8 value)
{
  return value == PAIR_PASS || value == PAIR_FAIL;
}

/* The paired table and the flips. */
static void
fill_pairs (Gathered            *gathered,
            Sides                sides,
            guint                candidate,
            ErrataExperimentRow *row)
{
  for (guint p = 0; p < gathered->n_pairs; p++)
    {
      guint8 b = sides.baseline[p] & PAIR_VALUE, c = sides.candidate[p] & PAIR_VALUE;

      if (!scored (b) || !scored (c))
        continue;
      table_add (&row->table, b, c);
      if (b == PAIR_PASS && c == PAIR_FAIL)
        g_ptr_array_add (row->pass_to_fail, flip_new (gathered, p, candidate));
      else if (b == PAIR_FAIL && c == PAIR_PASS)
        g_ptr_array_add (row->fail_to_pass, flip_new (gathered, p, candidate));
    }
}

static char *
dimension_value_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char **)a, *(const char **)b);
}

/* Every dimension value of the queries, and which ones each query has:
 * once per comparison, so that a row's slices are a pass over bytes. */
static void
index_slices (Gathered *gathered)
{
  g_autoptr(GHashTable) index_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keys_of_query = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  guint n_queries = gathered->queries->len;

  gathered->slice_keys = g_ptr_array_new_with_free_func (g_free);
  gathered->slice_start = g_new0 (guint, n_queries + 1);
  gathered->slice_of = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint q = 0; q < n_queries; q++)
    {
      ErrataExperimentQuery *query = g_ptr_array_index (gathered->queries, q);
      g_autoptr(GList) names = json_object_get_members (query->dimensions);
      GPtrArray *keys = g_ptr_array_new ();

      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *value = dimension_value_text (
              json_object_get_member (query->dimensions, l->data));
          char *key = g_strdup_printf ("%s\x1f%s", (char *)l->data, value);

          g_ptr_array_add (keys, key);
          if (!g_hash_table_contains (index_of, key))
            {
              g_ptr_array_add (gathered->slice_keys, g_strdup (key));
              g_hash_table_add (index_of, g_ptr_array_index (gathered->slice_keys,
                                                             gathered->slice_keys->len - 1));
            }
        }
      g_ptr_array_add (keys, NULL);
      g_ptr_array_add (keys_of_query, g_ptr_array_free (keys, FALSE));
    }
  g_ptr_array_sort (gathered->slice_keys, compare_keys);
  g_hash_table_remove_all (index_of);
  for (guint k = 0; k < gathered->slice_keys->len; k++)
    g_hash_table_insert (index_of, gathered->slice_keys->pdata[k], GUINT_TO_POINTER (k));
  for (guint q = 0; q < n_queries; q++)
    {
      char **keys = keys_of_query->pdata[q];

      gathered->slice_start[q] = gathered->slice_of->len;
      for (guint i = 0; keys[i] != NULL; i++)
        {
          guint k = GPOINTER_TO_UINT (g_hash_table_lookup (index_of, keys[i]));

          g_array_append_val (gathered->slice_of, k);
        }
    }
  gathered->slice_start[n_queries] = gathered->slice_of->len;
}

static ErrataExperimentSlice *
slice_new (const char              *key,
           const ErrataPairedTable *table)
{
  ErrataExperimentSlice *slice = g_new0 (ErrataExperimentSlice, 1);
  const char *separator = strchr (key, '\x1f');
  guint n = errata_paired_table_n (table);

  slice->dimension = g_strndup (key, separator - key);
  slice->value = g_strdup (separator + 1);
  slice->table = *table;
  slice->baseline_rate = n > 0 ? (double) (table->both_pass + table->pass_to_fail) / n : NAN;
  slice->candidate_rate = n > 0 ? (double) (table->both_pass + table->fail_to_pass) / n : NAN;
  slice->p_value = errata_mcnemar_exact (table->pass_to_fail, table->fail_to_pass);
  return slice;
}

/* The same table per dimension value of the queries. */
static void
fill_slices (Gathered            *gathered,
             Sides                sides,
             ErrataExperimentRow *row)
{
  guint n_keys = gathered->slice_keys->len;
  g_autofree ErrataPairedTable *tables = g_new0 (ErrataPairedTable, MAX (n_keys, 1));

  for (guint q = 0; q < gathered->queries->len; q++)
    for (guint r = 0; r < gathered->repeats; r++)
      {
        guint p = q * gathered->repeats + r;
        guint8 b = sides.baseline[p] & PAIR_VALUE, c = sides.candidate[p] & PAIR_VALUE;

        if (!scored (b) || !scored (c))
          continue;
        for (guint i = gathered->slice_start[q]; i < gathered->slice_start[q + 1]; i++)
          table_add (&tables[g_array_index (gathered->slice_of, guint, i)], b, c);
      }
  for (guint k = 0; k < n_keys; k++)
    g_ptr_array_add (row->slices, slice_new (gathered->slice_keys->pdata[k], &tables[k]));
}

static ErrataExperimentRow *
build_row (Gathered                             *gathered,
           GatheredMode                         *mode,
           Sides                                 sides,
           guint                                 candidate,
           const ErrataExperimentCompareOptions *options,
           GError                              **error)
{
  ErrataExperimentRow *row = g_new0 (ErrataExperimentRow, 1);
  ErrataBootstrapOptions bootstrap = bootstrap_options (options);

  row->evaluator_id = mode != NULL ? mode->evaluator->id : 0;
  row->name = g_strdup (mode != NULL ? mode->evaluator->name : "overall");
  row->target = mode != NULL ? mode->evaluator->target : ERRATA_TARGET_OVERALL;
  row->target_name = g_strdup (mode != NULL ? mode->target_name : "overall");
  row->version = mode != NULL ? mode->version : 0;
  row->pass_to_fail = g_ptr_array_new_with_free_func ((GDestroyNotify)_errata_experiment_flip_free);
  row->fail_to_pass = g_ptr_array_new_with_free_func ((GDestroyNotify)_errata_experiment_flip_free);
  row->slices = g_ptr_array_new_with_free_func ((GDestroyNotify)_errata_experiment_slice_free);
  fill_rate (sides.baseline, gathered->n_pairs, mode, options, &row->baseline);
  fill_rate (sides.candidate, gathered->n_pairs, mode, options, &row->candidate);
  fill_pairs (gathered, sides, candidate, row);
  if (!options->no_slices)
    fill_slices (gathered, sides, row);
  if (!errata_paired_compare (&row->table, &bootstrap, &row->paired, error))
    {
      _errata_experiment_row_free (row);
      return NULL;
    }
  row->p_adjusted = row->paired.p_value;
  return row;
}

/* When the only evaluator judges whole replies, the combined row would be
 * its row again (less its corrected rate and its errors): its row stands
 * for overall, and the page does not show "overall" twice. */
static gboolean
needs_combined_row (Gathered *gathered)
{
  GatheredMode *only;

  if (gathered->modes->len != 1)
    return TRUE;
  only = g_ptr_array_index (gathered->modes, 0);
  return only->evaluator->target != ERRATA_TARGET_OVERALL;
}

static ErrataExperimentCandidate *
build_candidate (Gathered                             *gathered,
                 guint                                 c,
                 guint8                              **overall,
                 const ErrataExperimentCompareOptions *options,
                 GError                              **error)
{
  GatheredVariant *variant = g_ptr_array_index (gathered->variants, c);
  ErrataExperimentCandidate *candidate = g_new0 (ErrataExperimentCandidate, 1);
  ErrataExperimentRow *row;
  guint n_rows = gathered->modes->len + (needs_combined_row (gathered) ? 1 : 0);

  candidate->variant_id = variant->id;
  candidate->name = g_strdup (variant->name);
  candidate->changes = g_strdupv (variant->changes);
  candidate->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)_errata_experiment_row_free);
  for (guint m = 0; m < n_rows; m++)
    {
      GatheredMode *mode = m < gathered->modes->len ? g_ptr_array_index (gathered->modes, m) : NULL;
      Sides sides = mode != NULL ? (Sides) { mode->pairs[0], mode->pairs[c] }
                                 : (Sides) { overall[0], overall[c] };

      row = build_row (gathered, mode, sides, c, options, error);
      if (row == NULL)
        {
          _errata_experiment_candidate_free (candidate);
          return NULL;
        }
      g_ptr_array_add (candidate->rows, row);
    }
  return candidate;
}

/* Holm over the candidates, row by row; then what is significant. */
static void
adjust (ErrataExperimentComparison *comparison)
{
  guint n_candidates = comparison->candidates->len;
  guint n_rows = ((ErrataExperimentCandidate *)comparison->candidates->pdata[0])->rows->len;
  g_autofree double *p = g_new (double, n_candidates);
  g_autofree double *adjusted = g_new (double, n_candidates);

  for (guint r = 0; r < n_rows; r++)
    {
      for (guint c = 0; c < n_candidates; c++)
        {
          ErrataExperimentCandidate *candidate = comparison->candidates->pdata[c];

          p[c] = ((ErrataExperimentRow *)candidate->rows->pdata[r])->paired.p_value;
        }
      errata_holm_adjust (p, n_candidates, adjusted);
      for (guint c = 0; c < n_candidates; c++)
        {
          ErrataExperimentCandidate *candidate = comparison->candidates->pdata[c];
          ErrataExperimentRow *row = candidate->rows->pdata[r];

          row->p_adjusted = adjusted[c];
          row->significant = row->paired.n > 0 && adjusted[c] < comparison->alpha;
          row->direction = !row->significant ? ERRATA_EXPERIMENT_SAME
                           : row->paired.difference > 0 ? ERRATA_EXPERIMENT_BETTER
                           : ERRATA_EXPERIMENT_WORSE;
        }
    }
}

static char *
correction_words (guint  n_candidates,
                  double alpha)
{
  if (n_candidates == 1)
    return g_strdup_printf (_("One candidate against the baseline: each failure mode’s p-value is "
                              "McNemar’s, not adjusted for multiple comparisons; a difference is "
                              "significant below %g. Across many failure modes, about %.0f%% of "
                              "those that did not change will look significant by chance: read "
                              "their flips."), alpha, 100 * alpha);
  return g_strdup_printf (_("Each of the %u candidates is compared with the baseline. In each "
                            "failure mode, the %u p-values are adjusted by Holm’s method, so "
                            "that the chance of calling any of these comparisons significant "
                            "by chance stays below %g; the failure modes are not corrected "
                            "for each other."), n_candidates, n_candidates, alpha);
}

static ErrataExperimentComparison *
compare_gathered (Gathered                             *gathered,
                  const ErrataExperimentCompareOptions *options,
                  GError                              **error)
{
  g_autoptr(ErrataExperimentComparison) comparison = g_new0 (ErrataExperimentComparison, 1);
  g_autofree guint8 **overall = g_new0 (guint8 *, gathered->variants->len);
  gboolean ok = TRUE;

  comparison->experiment_id = gathered->experiment->id;
  comparison->experiment = g_strdup (gathered->experiment->name);
  comparison->baseline_id = ((GatheredVariant *)gathered->variants->pdata[0])->id;
  comparison->baseline = g_strdup (((GatheredVariant *)gathered->variants->pdata[0])->name);
  comparison->alpha = options->alpha;
  comparison->level = options->level;
  comparison->seed = options->seed;
  comparison->n_draws = options->n_draws;
  comparison->correction = correction_words (gathered->variants->len - 1, options->alpha);
  comparison->candidates = g_ptr_array_new_with_free_func (
      (GDestroyNotify)_errata_experiment_candidate_free);
  comparison->costs = g_ptr_array_new_with_free_func ((GDestroyNotify)_errata_experiment_cost_free);
  for (guint v = 0; v < gathered->variants->len; v++)
    {
      GatheredVariant *variant = g_ptr_array_index (gathered->variants, v);
      ErrataExperimentCost *cost = g_memdup2 (&variant->cost, sizeof (ErrataExperimentCost));

      cost->name = g_strdup (variant->cost.name);
      g_ptr_array_add (comparison->costs, cost);
      overall[v] = overall_pairs (gathered, v);
    }
  if (!options->no_slices)
    index_slices (gathered);
  for (guint c = 1; ok && c < gathered->variants->len; c++)
    {
      ErrataExperimentCandidate *candidate = build_candidate (gathered, c, overall, options, error);

      ok = candidate != NULL;
      if (ok)
        g_ptr_array_add (comparison->candidates, candidate);
    }
  for (guint v = 0; v < gathered->variants->len; v++)
    g_free (overall[v]);
  if (!ok)
    return NULL;
  adjust (comparison);
  return g_steal_pointer (&comparison);
}

static gboolean
check_variants (gint64    baseline_id,
                GArray   *candidate_ids,
                GError  **error)
{
  if (candidate_ids == NULL || candidate_ids->len == 0)
    {
      g_set_error_literal (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_INVALID,
                           _("A comparison needs a baseline and at least one candidate"));
      return FALSE;
    }
  for (guint i = 0; i < candidate_ids->len; i++)
    for (guint j = 0; j <= i; j++)
      if (g_array_index (candidate_ids, gint64, i)
          == (j < i ? g_array_index (candidate_ids, gint64, j) : baseline_id))
        {
          g_set_error_literal (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_INVALID,
                               _("Each variant may be named once: the baseline is not a "
                                 "candidate"));
          return FALSE;
        }
  return TRUE;
}

ErrataExperimentComparison *
errata_experiment_compare (ErrataProject                        *project,
                           gint64                                experiment_id,
                           gint64                                baseline_id,
                           GArray                               *candidate_ids,
                           const ErrataExperimentCompareOptions *given,
                           GError                              **error)
{
  ErrataExperimentCompareOptions options = resolve_options (given);
  g_autoptr(GArray) variant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ErrataExperimentComparison *comparison = NULL;
  Gathered gathered;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  if (!check_variants (baseline_id, candidate_ids, error))
    return NULL;
  if (options.level >= 1.0 || options.alpha >= 1.0)
    {
      g_set_error_literal (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_INVALID,
                           _("The significance level and the intervals’ level lie between 0 "
                             "and 1, such as 0.05 and 0.95"));
      return NULL;
    }
  g_array_append_val (variant_ids, baseline_id);
  g_array_append_vals (variant_ids, candidate_ids->data, candidate_ids->len);
  if (_errata_experiment_gather (project, experiment_id, variant_ids, &gathered, error))
    comparison = compare_gathered (&gathered, &options, error);
  _errata_experiment_gathered_clear (&gathered);
  return comparison;
}

typedef struct
{
  GFile                          *file;
  gint64                          experiment_id;
  gint64                          baseline_id;
  GArray                         *candidate_ids;
  ErrataExperimentCompareOptions  options;
} CompareData;

static void
compare_data_free (CompareData *data)
{
  g_object_unref (data->file);
  g_array_unref (data->candidate_ids);
  g_free (data);
}

static void
compare_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CompareData *data = task_data;
  g_autoptr(ErrataProject) project = NULL;
  ErrataExperimentComparison *comparison = NULL;
  GError *error = NULL;

  project = errata_project_open (data->file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  if (project != NULL)
    {
      comparison = errata_experiment_compare (project, data->experiment_id, data->baseline_id,
                                              data->candidate_ids, &data->options, &error);
      errata_project_close (project);
    }
  if (comparison == NULL)
    g_task_return_error (task, error);
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, comparison, (GDestroyNotify)errata_experiment_comparison_free);
  else
    errata_experiment_comparison_free (comparison);
}

void
errata_experiment_compare_async (GFile                                *file,
                                 gint64                                experiment_id,
                                 gint64                                baseline_id,
                                 GArray                               *candidate_ids,
                                 const ErrataExperimentCompareOptions *options,
                                 GCancellable                         *cancellable,
                                 GAsyncReadyCallback                   callback,
                                 gpointer                              user_data)
{
  g_autoptr(GTask) task = NULL;
  CompareData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (candidate_ids != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_experiment_compare_async);
  data = g_new0 (CompareData, 1);
  data->file = g_object_ref (file);
  data->experiment_id = experiment_id;
  data->baseline_id = baseline_id;
  data->candidate_ids = g_array_copy (candidate_ids);
  data->options = options != NULL ? *options : (ErrataExperimentCompareOptions) { 0, };
  g_task_set_task_data (task, data, (GDestroyNotify)compare_data_free);
  g_task_run_in_thread (task, compare_in_thread);
}

ErrataExperimentComparison *
errata_experiment_compare_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, errata_experiment_compare_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
