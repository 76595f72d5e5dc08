/* errata-experiment-comparison.c: a comparison once made: what got worse
 * (the CI gate), its JSON, and freeing it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-experiment-compare.h"
#include "errata-experiment-compare-private.h"

#include <math.h>

void
_errata_experiment_flip_free (ErrataExperimentFlip *flip)
{
  g_free (flip->query);
  g_free (flip);
}

void
_errata_experiment_slice_free (ErrataExperimentSlice *slice)
{
  g_free (slice->dimension);
  g_free (slice->value);
  g_free (slice);
}

void
_errata_experiment_row_free (ErrataExperimentRow *row)
{
  g_free (row->name);
  g_free (row->target_name);
  g_clear_pointer (&row->pass_to_fail, g_ptr_array_unref);
  g_clear_pointer (&row->fail_to_pass, g_ptr_array_unref);
  g_clear_pointer (&row->slices, g_ptr_array_unref);
  g_free (row);
}

void
_errata_experiment_candidate_free (ErrataExperimentCandidate *candidate)
{
  g_free (candidate->name);
  g_strfreev (candidate->changes);
  g_clear_pointer (&candidate->rows, g_ptr_array_unref);
  g_free (candidate);
}

void
_errata_experiment_cost_free (ErrataExperimentCost *cost)
{
  g_free (cost->name);
  g_free (cost);
}

void
errata_experiment_comparison_free (ErrataExperimentComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_free (comparison->experiment);
  g_free (comparison->baseline);
  g_free (comparison->correction);
  g_clear_pointer (&comparison->candidates, g_ptr_array_unref);
  g_clear_pointer (&comparison->costs, g_ptr_array_unref);
  g_free (comparison);
}

const char *
errata_experiment_direction_to_string (ErrataExperimentDirection direction)
{
  switch (direction)
    {
    case ERRATA_EXPERIMENT_BETTER:
      return "better";
    case ERRATA_EXPERIMENT_WORSE:
      return "worse";
    case ERRATA_EXPERIMENT_SAME:
    default:
      return "same";
    }
}

static gboolean
row_is_named (ErrataExperimentRow *row,
              const char          *mode)
{
  g_autofree char *wanted = g_utf8_casefold (mode, -1);
  g_autofree char *name = g_utf8_casefold (row->name, -1);
  g_autofree char *target = g_utf8_casefold (row->target_name, -1);

  return g_strcmp0 (wanted, name) == 0 || g_strcmp0 (wanted, target) == 0;
}

static gboolean
means_any (const char *mode)
{
  return mode == NULL || g_ascii_strcasecmp (mode, "any") == 0;
}

GPtrArray *
errata_experiment_comparison_regressions (ErrataExperimentComparison *comparison,
                                          const char                 *mode)
{
  GPtrArray *worse = g_ptr_array_new ();

  g_return_val_if_fail (comparison != NULL, worse);

  for (guint c = 0; c < comparison->candidates->len; c++)
    {
      ErrataExperimentCandidate *candidate = comparison->candidates->pdata[c];

      for (guint r = 0; r < candidate->rows->len; r++)
        {
          ErrataExperimentRow *row = candidate->rows->pdata[r];

          if (row->direction == ERRATA_EXPERIMENT_WORSE && (means_any (mode)
                                                            || row_is_named (row, mode)))
            g_ptr_array_add (worse, row);
        }
    }
  return worse;
}

gboolean
errata_experiment_comparison_has_mode (ErrataExperimentComparison *comparison,
                                       const char                 *mode)
{
  ErrataExperimentCandidate *candidate;

  g_return_val_if_fail (comparison != NULL, FALSE);

  if (means_any (mode))
    return TRUE;
  if (comparison->candidates->len == 0)
    return FALSE;
  candidate = comparison->candidates->pdata[0];
  for (guint r = 0; r < candidate->rows->len; r++)
    if (row_is_named (candidate->rows->pdata[r], mode))
      return TRUE;
  return FALSE;
}

/* JSON ---------------------------------------------------------------------- */

static void
add_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_interval (JsonBuilder    *builder,
              const char     *name,
              ErrataInterval  interval)
{
  json_builder_set_member_name (builder, name);
  if (isnan (interval.lower) || isnan (interval.upper))
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, interval.lower);
  json_builder_add_double_value (builder, interval.upper);
  json_builder_end_array (builder);
}

static void
add_rate (JsonBuilder                *builder,
          const char                 *name,
          const ErrataExperimentRate *rate)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  add_int (builder, "n", rate->n);
  add_int (builder, "n_pass", rate->n_pass);
  add_int (builder, "n_by_people", rate->n_by_people);
  add_int (builder, "n_errors", rate->n_errors);
  add_double (builder, "raw_pass_rate", rate->raw_rate);
  add_double (builder, "pass_rate", rate->rate);
  add_interval (builder, "interval", rate->interval);
  json_builder_set_member_name (builder, "interval_method");
  json_builder_add_string_value (builder, rate->corrected ? "corrected (Rogan-Gladen, bootstrap)"
                                                          : "raw (Wilson)");
  json_builder_set_member_name (builder, "corrected");
  json_builder_add_boolean_value (builder, rate->corrected);
  if (rate->corrected)
    add_int (builder, "test_run", rate->test_run_id);
  json_builder_end_object (builder);
}

static void
add_flips (JsonBuilder *builder,
           const char  *name,
           GPtrArray   *flips)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < flips->len; i++)
    {
      ErrataExperimentFlip *flip = flips->pdata[i];

      json_builder_begin_object (builder);
      add_int (builder, "query_id", flip->query_id);
      add_int (builder, "repeat", flip->repeat);
      json_builder_set_member_name (builder, "query");
      json_builder_add_string_value (builder, flip->query);
      add_int (builder, "baseline_trace", flip->baseline_trace_id);
      add_int (builder, "candidate_trace", flip->candidate_trace_id);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_table (JsonBuilder             *builder,
           const ErrataPairedTable *table)
{
  json_builder_set_member_name (builder, "pairs");
  json_builder_begin_object (builder);
  add_int (builder, "n", errata_paired_table_n (table));
  add_int (builder, "both_pass", table->both_pass);
  add_int (builder, "pass_to_fail", table->pass_to_fail);
  add_int (builder, "fail_to_pass", table->fail_to_pass);
  add_int (builder, "both_fail", table->both_fail);
  json_builder_end_object (builder);
}

static void
add_slices (JsonBuilder *builder,
            GPtrArray   *slices)
{
  json_builder_set_member_name (builder, "by_dimension");
  json_builder_begin_array (builder);
  for (guint i = 0; i < slices->len; i++)
    {
      ErrataExperimentSlice *slice = slices->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "dimension");
      json_builder_add_string_value (builder, slice->dimension);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, slice->value);
      add_table (builder, &slice->table);
      add_double (builder, "baseline_pass_rate", slice->baseline_rate);
      add_double (builder, "candidate_pass_rate", slice->candidate_rate);
      add_double (builder, "p_value", slice->p_value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_row (JsonBuilder         *builder,
         ErrataExperimentRow *row)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, row->name);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, row->target_name);
  if (row->evaluator_id != 0)
    {
      add_int (builder, "evaluator_id", row->evaluator_id);
      add_int (builder, "version", row->version);
    }
  add_rate (builder, "baseline", &row->baseline);
  add_rate (builder, "candidate", &row->candidate);
  add_table (builder, &row->table);
  add_double (builder, "difference", row->paired.difference);
  add_interval (builder, "difference_interval", row->paired.interval);
  add_double (builder, "p_value", row->paired.p_value);
  add_double (builder, "p_adjusted", row->p_adjusted);
  json_builder_set_member_name (builder, "significant");
  json_builder_add_boolean_value (builder, row->significant);
  json_builder_set_member_name (builder, "direction");
  json_builder_add_string_value (builder, errata_experiment_direction_to_string (row->direction));
  add_flips (builder, "pass_to_fail", row->pass_to_fail);
  add_flips (builder, "fail_to_pass", row->fail_to_pass);
  add_slices (builder, row->slices);
  json_builder_end_object (builder);
}

static void
add_cost (JsonBuilder                *builder,
          const ErrataExperimentCost *cost)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "variant");
  json_builder_add_string_value (builder, cost->name);
  add_int (builder, "traces", cost->n_traces);
  add_double (builder, "latency_mean_ms", cost->latency_mean_ms);
  add_double (builder, "latency_median_ms", cost->latency_median_ms);
  json_builder_set_member_name (builder, "tokens_in");
  cost->tokens_in >= 0 ? json_builder_add_int_value (builder, cost->tokens_in)
                       : json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "tokens_out");
  cost->tokens_out >= 0 ? json_builder_add_int_value (builder, cost->tokens_out)
                        : json_builder_add_null_value (builder);
  add_double (builder, "cost", cost->cost);
  add_double (builder, "judges_cost", cost->eval_cost);
  add_int (builder, "judges_tokens_in", cost->eval_tokens_in);
  add_int (builder, "judges_tokens_out", cost->eval_tokens_out);
  json_builder_end_object (builder);
}

static void
add_candidate (JsonBuilder               *builder,
               ErrataExperimentCandidate *candidate)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "variant");
  json_builder_add_string_value (builder, candidate->name);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; candidate->changes != NULL && candidate->changes[i] != NULL; i++)
    json_builder_add_string_value (builder, candidate->changes[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint r = 0; r < candidate->rows->len; r++)
    add_row (builder, candidate->rows->pdata[r]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

JsonNode *
errata_experiment_comparison_to_json (ErrataExperimentComparison *comparison)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (comparison != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "experiment");
  json_builder_add_string_value (builder, comparison->experiment);
  json_builder_set_member_name (builder, "baseline");
  json_builder_add_string_value (builder, comparison->baseline);
  add_double (builder, "alpha", comparison->alpha);
  add_double (builder, "level", comparison->level);
  add_int (builder, "seed", (gint64)comparison->seed);
  add_int (builder, "draws", comparison->n_draws);
  json_builder_set_member_name (builder, "test");
  json_builder_add_string_value (builder, "McNemar exact two-sided on paired (query, repeat); "
                                          "paired bootstrap interval of the difference");
  json_builder_set_member_name (builder, "correction");
  json_builder_add_string_value (builder, comparison->correction);
  json_builder_set_member_name (builder, "candidates");
  json_builder_begin_array (builder);
  for (guint c = 0; c < comparison->candidates->len; c++)
    add_candidate (builder, comparison->candidates->pdata[c]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "costs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < comparison->costs->len; i++)
    add_cost (builder, comparison->costs->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
