/* errata-cli-synth-run.c: `synth run` (the accepted queries through the
 * user's system) and `synth breakdown` (where it breaks).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-cli-synth-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <unistd.h>

#include "errata-cli-common.h"
#include "errata-cli-outcome.h"
#include "errata-synth-breakdown.h"
#include "errata-synth-run.h"
#include "errata-synth-target.h"

/* ---- run ----------------------------------------------------------------- */

/* A target from a file given on this machine's command line is its
 * author's: stored in the project and trusted. Without one, the project's
 * stored target runs, and a command in it needs --trust (or an earlier
 * grant) first. */
static ErrataSynthTarget *
get_target (ErrataProject  *project,
            const char     *path,
            gboolean        trust,
            GError        **error)
{
  g_autoptr(ErrataSynthTarget) target = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *project_id = errata_project_get_meta (project, "project_id");

  if (path == NULL)
    {
      target = errata_synth_target_load (project, error);
      if (target == NULL && (error == NULL || *error == NULL))
        g_set_error_literal (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID,
                             _("The project has no target yet: give one with --target FILE.json"));
      if (target == NULL || (trust && !errata_synth_target_grant_trust (target, error)))
        return NULL;
      return g_steal_pointer (&target);
    }
  if (!g_file_get_contents (path, &contents, NULL, error)
      || (target = errata_synth_target_new_from_text (contents, project_id != NULL ? project_id : "",
                                                      error)) == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  if (!errata_synth_target_grant_trust (target, error)
      || !errata_synth_target_store (target, project, error))
    return NULL;
  return g_steal_pointer (&target);
}

static void
on_progress (const ErrataSynthRunResult *so_far,
             gpointer                    user_data)
{
  /* Translators: progress of a run: "12/55 (1 failed)". */
  g_autofree char *line = g_strdup_printf (_("%u/%u (%u failed)"), so_far->done, so_far->total,
                                           so_far->n_failed);

  /* The line is written over: \r stays out of the message. */
  g_printerr ("\r%s", line);
}

static void
print_run (const ErrataSynthRunResult *result,
           gboolean                    as_json)
{
  g_autoptr(JsonBuilder) b = NULL;

  if (!as_json)
    {
      if (result->total == 0)
        g_print (_("Nothing to run: every accepted query has its trace.\n"));
      else
        /* Translators: "Batch 2: 55 queries, 53 traces, 2 failed." */
        g_print (_("Batch %" PRId64 ": %u queries, %u traces, %u failed%s.\n"),
                 result->batch_id, result->total, result->n_traces, result->n_failed,
                 result->cancelled ? _(", cancelled (run again to resume)") : "");
      if (result->n_failed > 0)
        g_print (_("The errors are on the queries (errata-cli synth queries PROJECT); running "
                   "again retries them.\n"));
      return;
    }
  b = json_builder_new ();
  json_builder_begin_object (b);
  errata_cli_json_add_int (b, "batch", result->batch_id);
  errata_cli_json_add_int (b, "queries", result->total);
  errata_cli_json_add_int (b, "traces", result->n_traces);
  errata_cli_json_add_int (b, "failed", result->n_failed);
  json_builder_set_member_name (b, "cancelled");
  json_builder_add_boolean_value (b, result->cancelled);
  json_builder_end_object (b);
  errata_cli_print_json_builder (b);
}

int
_errata_cli_synth_run (int    argc,
                       char **argv)
{
  g_autofree char *target_path = NULL;
  gboolean progress = FALSE, trust = FALSE, as_json = FALSE;
  const GOptionEntry entries[] = {
    { "target", 0, 0, G_OPTION_ARG_FILENAME, &target_path,
      N_("The system to run: a JSON definition (chat, http or command); kept in the project"),
      N_("FILE.json") },
    { "trust", 0, 0, G_OPTION_ARG_NONE, &trust,
      N_("Trust the project’s command target on this machine"), NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress, N_("Show progress on stderr"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = errata_cli_context_new (
    _("PROJECT [--target FILE.json] - run the accepted queries through your system"),
    _("Each reply becomes a trace (source “synth”); a failed call keeps its error on the query. "
      "Only queries without a trace are sent, so running again resumes. Ctrl+C cancels and "
      "keeps what came back."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataSynthTarget) target = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ErrataSynthRunResult outcome = { 0 };
  g_auto(ErrataCliInterrupt) interrupt = { 0 };

  if (!errata_cli_parse_entries (context, entries, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 2)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("Usage: errata-cli synth run PROJECT "
                                                     "[--target FILE.json] [--trust] [--progress]"));
  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_NONE, &error);
  if (project == NULL || (target = get_target (project, target_path, trust, &error)) == NULL)
    return errata_cli_fail_input_error (error);
  /* No consent asked (issue 21's consent covers trace text): what goes out
   * is the synthetic queries and their dimensions, made here, to the
   * user's own system; no trace text leaves. */
  errata_cli_interrupt_watch (&interrupt, cancellable, NULL);
  errata_synth_run_async (project, target, progress ? on_progress : NULL, NULL, cancellable,
                          errata_cli_on_result, &result);
  errata_synth_run_finish (errata_cli_wait (&result), &outcome, &error);
  errata_cli_interrupt_clear (&interrupt);
  if (progress)
    g_printerr ("\n");
  if (error != NULL)
    return errata_cli_fail_input_error (error);
  print_run (&outcome, as_json);
  return outcome.n_failed > 0 || outcome.cancelled ? ERRATA_CLI_EXIT_FAILED : ERRATA_CLI_EXIT_OK;
}

/* ---- breakdown ----------------------------------------------------------- */

static char *
format_rate (const ErrataSynthCell *cell)
{
  if (cell->n == 0)
    return g_strdup ("—");
  /* Translators: a failure rate and its 95% interval: "50% [15%, 85%]". */
  return g_strdup_printf (_("%.0f%% [%.0f%%, %.0f%%]"), 100 * cell->rate,
                          100 * cell->interval.lower, 100 * cell->interval.upper);
}

static void
print_cell (const ErrataSynthCell *cell)
{
  g_autofree char *rate = format_rate (cell);
  g_autofree char *name = cell->dimension2 != NULL
                          ? g_strdup_printf ("%s × %s=%s", cell->value, cell->dimension2,
                                             cell->value2)
                          : g_strdup (cell->value);

  /* Translators: "first-time buyer   2 of 4 fail   50% [15%, 85%]". */
  g_print (_("    %-32s %3u of %-3u fail  %s\n"), name, cell->n_fail, cell->n, rate);
}

static void
print_breakdown_text (ErrataSynthBreakdown *breakdown)
{
  g_print (_("Failure rate by dimension value, from reviews and labels made here (imported "
             "labels are not counted); 95%% Wilson intervals.\n"));
  for (guint t = 0; t < breakdown->targets->len; t++)
    {
      ErrataSynthTargetCount *count = g_ptr_array_index (breakdown->targets, t);
      const char *dimension = NULL;

      /* Translators: "overall: 10 of 55 synthetic traces reviewed here, 4 fail, 1 disputed (left out)". */
      g_print (_("\n%s: %u of %u synthetic traces reviewed here, %u fail, %u disputed (left out)\n"),
               count->name, count->n_labelled, count->n_traces, count->n_fail, count->n_disputed);
      for (guint i = 0; i < breakdown->cells->len; i++)
        {
          ErrataSynthCell *cell = g_ptr_array_index (breakdown->cells, i);

          if (cell->target != count->target)
            continue;
          if (g_strcmp0 (dimension, cell->dimension) != 0)
            g_print ("  %s\n", cell->dimension);
          dimension = cell->dimension;
          print_cell (cell);
        }
    }
}

static void
add_cell_json (JsonBuilder           *b,
               const ErrataSynthCell *cell)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "dimension");
  json_builder_add_string_value (b, cell->dimension);
  json_builder_set_member_name (b, "value");
  json_builder_add_string_value (b, cell->value);
  if (cell->dimension2 != NULL)
    {
      json_builder_set_member_name (b, "dimension2");
      json_builder_add_string_value (b, cell->dimension2);
      json_builder_set_member_name (b, "value2");
      json_builder_add_string_value (b, cell->value2);
    }
  errata_cli_json_add_int (b, "reviewed", cell->n);
  errata_cli_json_add_int (b, "fail", cell->n_fail);
  errata_cli_json_add_double (b, "rate", cell->rate);
  if (cell->n > 0)
    errata_cli_json_add_interval (b, "interval", cell->interval.lower, cell->interval.upper);
  else
    {
      json_builder_set_member_name (b, "interval");
      json_builder_add_null_value (b);
    }
  json_builder_end_object (b);
}

static void
print_breakdown_json (ErrataSynthBreakdown *breakdown)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "counts");
  json_builder_add_string_value (b, "reviews and explicit labels made here; imported labels "
                                    "excluded; disputed traces left out");
  json_builder_set_member_name (b, "targets");
  json_builder_begin_array (b);
  for (guint t = 0; t < breakdown->targets->len; t++)
    {
      ErrataSynthTargetCount *count = g_ptr_array_index (breakdown->targets, t);

      json_builder_begin_object (b);
      errata_cli_json_add_int (b, "target", count->target);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, count->name);
      errata_cli_json_add_int (b, "traces", count->n_traces);
      errata_cli_json_add_int (b, "reviewed", count->n_labelled);
      errata_cli_json_add_int (b, "fail", count->n_fail);
      errata_cli_json_add_int (b, "disputed", count->n_disputed);
      json_builder_set_member_name (b, "cells");
      json_builder_begin_array (b);
      for (guint i = 0; i < breakdown->cells->len; i++)
        if (((ErrataSynthCell *)g_ptr_array_index (breakdown->cells, i))->target == count->target)
          add_cell_json (b, g_ptr_array_index (breakdown->cells, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  errata_cli_print_json_builder (b);
}

int
_errata_cli_synth_breakdown (int    argc,
                             char **argv)
{
  gboolean pairs = FALSE, as_json = FALSE;
  const GOptionEntry entries[] = {
    { "pairs", 0, 0, G_OPTION_ARG_NONE, &pairs, N_("Also per pair of values"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = errata_cli_context_new (
    _("PROJECT [--pairs] [--json] - failure rate of the synthetic traces by dimension value"),
    _("Overall and per failure mode, with counts and 95% Wilson intervals, from reviews and "
      "labels made here."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataSynthBreakdown) breakdown = NULL;
  g_autoptr(GError) error = NULL;

  if (!errata_cli_parse_entries (context, entries, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 2)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("Usage: errata-cli synth breakdown PROJECT "
                                                     "[--pairs] [--json]"));
  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL
      || (breakdown = errata_synth_breakdown_compute (project, pairs, &error)) == NULL)
    return errata_cli_fail_input_error (error);
  if (as_json)
    print_breakdown_json (breakdown);
  else
    print_breakdown_text (breakdown);
  return ERRATA_CLI_EXIT_OK;
}
