/* errata-report-modes.c: the failure modes of a report, most frequent
 * first, with their share of the reviewed traces, examples, and a
 * finalized evaluator's corrected rate where one exists.
 *
 * Whose numbers: a mode's count is the traces that at least one reviewer
 * here or merged (never imported) put a note of into the mode; its share
 * divides by the traces with a review. Imported labels in the
 * mode are counted apart (ErrataReportMode.imported).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-report.h"

#include <glib/gi18n-lib.h>

#include "errata-alignment.h"
#include "errata-eval-metrics.h"
#include "errata-evaluators.h"
#include "errata-json-guard.h"
#include "errata-project-private.h"
#include "errata-report-private.h"
#include "errata-reviewer-agreement.h"

static const char modes_sql[] =
  "SELECT m.id, m.name, m.definition,"
  " (SELECT count (DISTINCT a.trace_id) FROM assignments s"
  "   JOIN annotations a ON a.id = s.annotation_id"
  "   WHERE s.failure_mode_id = m.id AND " ERRATA_REPORT_REVIEW ") AS here,"
  " (SELECT count (DISTINCT a.trace_id) FROM assignments s"
  "   JOIN annotations a ON a.id = s.annotation_id"
  "   WHERE s.failure_mode_id = m.id AND a.origin = 'imported')"
  " FROM failure_modes m ORDER BY here DESC, m.position, m.id";

/* Notes first (they say what went wrong), then the oldest traces; a
 * trace two reviewers put in the mode comes once (skipped in C). */
static const char examples_sql[] =
  "SELECT t.id, t.external_id, errata_text (t.messages), a.note, a.annotator"
  " FROM assignments s JOIN annotations a ON a.id = s.annotation_id"
  " JOIN traces t ON t.id = a.trace_id"
  " WHERE s.failure_mode_id = ?1 AND " ERRATA_REPORT_REVIEW
  " ORDER BY a.note = '', t.id, a.annotator LIMIT 12";

static void
report_example_free (ErrataReportExample *example)
{
  g_free (example->external_id);
  g_free (example->question);
  g_free (example->reply);
  g_free (example->note);
  g_free (example->annotator);
  g_free (example);
}

void
_errata_report_mode_free (ErrataReportMode *mode)
{
  g_free (mode->name);
  g_free (mode->definition);
  g_free (mode->judge_name);
  g_free (mode->no_corrected_why);
  g_clear_pointer (&mode->examples, g_ptr_array_unref);
  g_free (mode);
}

static gboolean
has_example (GPtrArray *examples,
             gint64     trace_id)
{
  for (guint i = 0; i < examples->len; i++)
    if (((ErrataReportExample *)examples->pdata[i])->trace_id == trace_id)
      return TRUE;
  return FALSE;
}

/* The question and the reply are the trace's input and output, which it
 * derives from its messages (the stored columns keep only their start). */
static ErrataReportExample *
example_from_row (sqlite3_stmt *stmt)
{
  ErrataReportExample *example = g_new0 (ErrataReportExample, 1);
  g_autoptr(ErrataTrace) trace = errata_trace_new ();
  g_autoptr(JsonNode) messages = errata_json_from_string (_errata_report_column_text (stmt, 2),
                                                          NULL);

  if (messages != NULL && JSON_NODE_HOLDS_ARRAY (messages))
    errata_trace_set_messages (trace, json_node_get_array (messages));
  example->trace_id = sqlite3_column_int64 (stmt, 0);
  example->external_id = g_strdup (_errata_report_column_text (stmt, 1));
  example->question = errata_report_cut_text (errata_trace_get_input (trace),
                                              ERRATA_REPORT_QUESTION_CHARS);
  example->reply = errata_report_cut_text (errata_trace_get_output (trace),
                                           ERRATA_REPORT_REPLY_CHARS);
  example->note = g_strdup (_errata_report_column_text (stmt, 3));
  example->annotator = g_strdup (_errata_report_column_text (stmt, 4));
  return example;
}

static gboolean
gather_examples (ErrataProject     *project,
                 ErrataReportMode  *mode,
                 GError           **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, examples_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mode->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW
         && mode->examples->len < ERRATA_REPORT_MAX_EXAMPLES)
    if (!has_example (mode->examples, sqlite3_column_int64 (stmt, 0)))
      g_ptr_array_add (mode->examples, example_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  return _errata_project_set_error (project, error, _("read a failure mode’s examples"));
}

/* The first evaluator of the mode that gives an estimate: it has a
 * finalized version looked at on test and run on the unlabelled traces.
 * One that cannot is simply not used here; the judges section says why. */
static void
find_corrected (ErrataProject    *project,
                GPtrArray        *evaluators,
                ErrataReportMode *mode)
{
  ErrataBootstrapOptions options = errata_bootstrap_options_default ();

  for (guint i = 0; i < evaluators->len && !mode->has_corrected; i++)
    {
      ErrataEvaluator *evaluator = evaluators->pdata[i];
      ErrataEvalEstimateResult result;
      g_autoptr(GError) local_error = NULL;

      if (evaluator->target != mode->id)
        continue;
      if (!errata_eval_estimate (project, evaluator->id, &options, &result, &local_error))
        {
          if (mode->no_corrected_why == NULL)
            /* Translators: an evaluator and why it gives no corrected rate. */
            mode->no_corrected_why = g_strdup_printf (_("“%s”: %s"), evaluator->name,
                                                      local_error->message);
          continue;
        }
      g_clear_pointer (&mode->no_corrected_why, g_free);
      mode->has_corrected = TRUE;
      mode->judge_name = g_strdup (evaluator->name);
      mode->judge_version = result.version;
      mode->corrected = result.rate.failure_rate;
      mode->corrected_interval = result.rate.failure_interval;
      mode->observed = 1.0 - result.rate.observed_pass_rate;
      mode->n_unlabelled = result.rate.n_unlabelled;
    }
}

/* Agreement is a side figure here: 2000 draws (seed 0) keep the report
 * quick and its intervals stable; `errata-cli agreement` draws 20,000. */
#define AGREEMENT_DRAWS 2000

static gboolean
find_agreement (ErrataProject       *project,
                const ErrataReport  *report,
                ErrataReportMode    *mode,
                GError             **error)
{
  ErrataBootstrapOptions options = errata_bootstrap_options_default ();
  g_auto(ErrataReviewerAgreement) agreement = { 0, };
  const ErrataAgreementCoefficient *kappa;

  /* One scan of the reviews per mode is wasted when nobody can overlap. */
  if (report->n_reviewers < 2)
    {
      mode->agreement_reviewers = report->n_reviewers;
      return TRUE;
    }
  options.n_draws = AGREEMENT_DRAWS;
  if (!errata_reviewer_agreement (project, mode->id, &options, &agreement, error))
    return FALSE;
  mode->agreement_reviewers = agreement.n_reviewers;
  mode->agreement_items = agreement.computed ? agreement.n_items : 0;
  if (!agreement.computed)
    return TRUE;
  kappa = agreement.n_raters == 2 ? &agreement.agreement.cohen_kappa
                                  : &agreement.agreement.fleiss_kappa;
  mode->agreement_ac1_defined = agreement.agreement.gwet_ac1.defined;
  mode->agreement_ac1 = agreement.agreement.gwet_ac1.value;
  mode->agreement_ac1_interval = agreement.agreement.gwet_ac1.interval;
  mode->agreement_kappa_defined = kappa->defined;
  mode->agreement_kappa = kappa->value;
  return TRUE;
}

static ErrataReportMode *
mode_from_row (sqlite3_stmt *stmt,
               guint         reviewed)
{
  ErrataReportMode *mode = g_new0 (ErrataReportMode, 1);

  mode->id = sqlite3_column_int64 (stmt, 0);
  mode->name = g_strdup (_errata_report_column_text (stmt, 1));
  mode->definition = g_strdup (_errata_report_column_text (stmt, 2));
  mode->count = sqlite3_column_int (stmt, 3);
  mode->imported = sqlite3_column_int (stmt, 4);
  mode->share = reviewed > 0 ? (double)mode->count / reviewed : 0.0;
  mode->interval = errata_wilson_interval (mode->count, reviewed, ERRATA_REPORT_Z95);
  mode->examples = g_ptr_array_new_with_free_func ((GDestroyNotify)report_example_free);
  return mode;
}

gboolean
_errata_report_gather_modes (ErrataProject  *project,
                             ErrataReport   *report,
                             GError        **error)
{
  g_autoptr(GPtrArray) evaluators = NULL;
  sqlite3_stmt *stmt = _errata_project_cached (project, modes_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (report->modes, mode_from_row (stmt, report->n_reviewed));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("read the failure modes"));

  evaluators = errata_evaluators_list (project, error);
  if (evaluators == NULL)
    return FALSE;
  for (guint i = 0; i < report->modes->len; i++)
    {
      ErrataReportMode *mode = report->modes->pdata[i];

      if (!gather_examples (project, mode, error) || !find_agreement (project, report, mode, error))
        return FALSE;
      find_corrected (project, evaluators, mode);
    }
  return TRUE;
}
