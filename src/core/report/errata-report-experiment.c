/* errata-report-experiment.c: the report's section on the experiment
 * comparison made last (issue 20: "The Report shows the last
 * comparison").
 *
 * The Experiments page remembers which experiment, baseline and
 * candidates it compared last (ERRATA_REPORT_LAST_COMPARISON_KEY); the
 * report compares them again as the project stands, so its numbers agree
 * with the page and with `errata-cli experiment compare`.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-report-private.h"

#include "errata-eval-types.h"

#include <glib/gi18n.h>
#include <math.h>

static GArray *
candidate_ids (JsonObject *last)
{
  JsonArray *ids = json_object_get_array_member (last, "candidate_ids");
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    {
      gint64 id = json_array_get_int_element (ids, i);

      g_array_append_val (out, id);
    }
  return out;
}

void
_errata_report_gather_experiment (ErrataProject *project,
                                  ErrataReport  *report)
{
  g_autofree char *text = errata_project_get_meta (project, ERRATA_REPORT_LAST_COMPARISON_KEY);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  ErrataExperimentCompareOptions options = { .no_slices = TRUE };
  JsonObject *last;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  last = json_node_get_object (json_parser_get_root (parser));
  ids = candidate_ids (last);
  if (ids->len == 0)
    return;
  report->experiment = errata_experiment_compare (project,
                                                  json_object_get_int_member_with_default (last, "experiment_id", 0),
                                                  json_object_get_int_member_with_default (last, "baseline_id", 0),
                                                  ids, &options, &error);
  /* A deleted experiment or variant, or one not run any more: no section. */
  if (report->experiment == NULL)
    g_debug ("No experiment section: %s", error->message);
}

char *
errata_report_dup_experiment_lead (const ErrataExperimentComparison *comparison)
{
  g_autoptr(GString) names = g_string_new (NULL);
  gboolean several;

  g_return_val_if_fail (comparison != NULL, NULL);

  several = comparison->candidates->len > 1;
  for (guint i = 0; i < comparison->candidates->len; i++)
    g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                            ((ErrataExperimentCandidate *)g_ptr_array_index (comparison->candidates, i))->name);
  /* Translators: the lead of the report's experiment section. */
  return g_strdup_printf (_("Experiment “%s”: %s against the baseline “%s”, on the same (query, "
                            "repeat) pairs. Pass rates are judged by the newest finalized version "
                            "of each evaluator (a label a person gave here wins over the judge; "
                            "imported labels are not used), with 95%% intervals: corrected for "
                            "the judge's measured errors where it has a test run, else raw with "
                            "Wilson's interval. The difference is paired, with a bootstrap 95%% "
                            "interval; significant means McNemar's exact p < %.2g.%s%s"),
                          comparison->experiment, names->str, comparison->baseline,
                          comparison->alpha, several ? " " : "",
                          several ? comparison->correction : "");
}

static char *
dup_rate (const ErrataExperimentRate *rate)
{
  if (rate->n == 0)
    return g_strdup (_("nothing scored"));
  /* Translators: "72% (95% interval 58–83%, 18 of 25 pass, raw, Wilson)". */
  return g_strdup_printf (_("%.0f%% (95%% interval %.0f–%.0f%%, %u of %u pass, %s)"),
                          100 * rate->rate, 100 * rate->interval.lower,
                          100 * rate->interval.upper, rate->n_pass, rate->n,
                          rate->corrected ? _("corrected") : _("raw, Wilson"));
}

char *
errata_report_dup_experiment_row (const ErrataExperimentRow *row)
{
  g_autofree char *baseline = NULL;
  g_autofree char *candidate = NULL;
  const char *verdict;

  g_return_val_if_fail (row != NULL, NULL);

  baseline = dup_rate (&row->baseline);
  candidate = dup_rate (&row->candidate);
  verdict = row->direction == ERRATA_EXPERIMENT_BETTER ? _("significantly better")
            : row->direction == ERRATA_EXPERIMENT_WORSE ? _("significantly worse")
            : _("no significant difference");
  if (row->paired.n == 0 || isnan (row->paired.difference))
    /* Translators: a row without pairs both sides scored. */
    return g_strdup_printf (_("%s: baseline %s, candidate %s; no pair both scored."),
                            row->target == ERRATA_TARGET_OVERALL ? _("Overall") : row->target_name, baseline,
                            candidate);
  /* Translators: one row of the last comparison, e.g. "Missing order
   * number: baseline 100% (…), candidate 50% (…); difference −50 points
   * (95% interval −70 to −30) on 12 pairs, McNemar p = 0.002: significantly worse." */
  return g_strdup_printf (_("%s: baseline %s, candidate %s; difference %+.0f points (95%% "
                            "interval %+.0f to %+.0f) on %u pairs, McNemar p = %.2g: %s."),
                          row->target == ERRATA_TARGET_OVERALL ? _("Overall") : row->target_name, baseline,
                          candidate, 100 * row->paired.difference,
                          100 * row->paired.interval.lower, 100 * row->paired.interval.upper,
                          row->paired.n, row->p_adjusted, verdict);
}
