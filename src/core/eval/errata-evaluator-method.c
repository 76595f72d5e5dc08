/* errata-evaluator-method.c: the one place that knows every kind of
 * evaluator, so that the store, the runs, the CLI and the page only ever
 * say "kind" and "definition".
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-evaluator-method.h"

#include <glib/gi18n-lib.h>

#include "errata-code-check.h"
#include "errata-command-check.h"
#include "errata-ground-truth.h"
#include "errata-judge.h"
#include "errata-llm-provider.h"
#include "errata-project-private.h"
#include "errata-trust.h"

gboolean
errata_evaluator_method_needs_llm (const char *kind)
{
  return g_strcmp0 (kind, ERRATA_EVALUATOR_KIND_JUDGE) == 0;
}

static gboolean
set_unknown_kind (const char  *kind,
                  GError     **error)
{
  g_autofree char *kinds = g_strjoinv (", ", (char **)errata_code_check_list_kinds ());

  g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
               /* Translators: the first %s is what the user wrote as the kind; the
                * second is a list of code check kinds. */
               _("“%s” is not a kind of evaluator; the kinds are judge, command, %s."),
               kind, kinds);
  return FALSE;
}

/* A judge's definition is checked by building the judge on a client that
 * never sends anything: the same checks as at run time, without a key. */
static gboolean
validate_judge (JsonObject  *definition,
                GError     **error)
{
  g_autoptr(ErrataLlmProvider) provider = NULL;
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(ErrataJudge) judge = NULL;

  provider = errata_llm_provider_new_for_name ("ollama", "", "model", error);
  if (provider == NULL)
    return FALSE;
  client = errata_llm_client_new (provider);
  judge = errata_judge_new (client, definition, "", NULL, error);
  return judge != NULL;
}

gboolean
errata_evaluator_method_validate (const char  *kind,
                                  JsonObject  *definition,
                                  GError     **error)
{
  g_return_val_if_fail (kind != NULL && definition != NULL, FALSE);

  if (g_str_equal (kind, ERRATA_EVALUATOR_KIND_JUDGE))
    return validate_judge (definition, error);
  if (g_str_equal (kind, ERRATA_EVALUATOR_KIND_COMMAND))
    {
      g_autoptr(ErrataCommandCheck) check = errata_command_check_new (definition, "", error);

      return check != NULL;
    }
  if (errata_code_check_is_kind (kind))
    {
      g_autoptr(ErrataCodeCheck) check = errata_code_check_new (kind, definition, error);

      return check != NULL;
    }
  return set_unknown_kind (kind, error);
}

/* What the judge is told the target means: the failure mode's definition,
 * or for overall, the verdict a reviewer gives a whole trace. */
static char *
target_definition (ErrataProject *project,
                   gint64         target)
{
  sqlite3_stmt *stmt;
  char *definition = NULL;

  if (target == ERRATA_TARGET_OVERALL)
    /* Not translated: prompts to the judge stay in one language. */
    return g_strdup ("The trace as a whole: the system did what the user needed, correctly "
                     "and completely. Any failure makes the trace fail.");
  stmt = _errata_project_cached (project, "SELECT name, definition FROM failure_modes"
                                 " WHERE id = ?1", NULL);
  if (stmt == NULL)
    return g_strdup ("");
  sqlite3_bind_int64 (stmt, 1, target);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    definition = g_strdup_printf ("%s: %s", (const char *)sqlite3_column_text (stmt, 0),
                                  (const char *)sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  return definition != NULL ? definition : g_strdup ("");
}

/* The human's notes on a trace, as the critique of a few-shot example. */
static char *
critique_of (ErrataProject *project,
             gint64         trace_id)
{
  g_autoptr(GPtrArray) annotations = errata_project_list_annotations (project, trace_id, NULL);
  g_autoptr(GString) notes = g_string_new (NULL);

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      ErrataAnnotation *annotation = annotations->pdata[i];

      if (annotation->note == NULL || *annotation->note == '\0')
        continue;
      if (notes->len > 0)
        g_string_append_c (notes, '\n');
      g_string_append (notes, annotation->note);
    }
  return notes->len > 0 ? g_string_free (g_steal_pointer (&notes), FALSE) : NULL;
}

static GPtrArray *
few_shot_examples (ErrataProject                *project,
                   gint64                        target,
                   const ErrataEvaluatorVersion *version,
                   GError                      **error)
{
  g_autoptr(GPtrArray) examples =
    g_ptr_array_new_with_free_func ((GDestroyNotify)errata_judge_example_free);

  /* Checked again here: the splits could have been reset since the
   * version was saved, and a leak must never reach a prompt. */
  if (!errata_evaluators_check_few_shot (project, target, version->few_shot, error))
    return NULL;
  for (guint i = 0; i < version->few_shot->len; i++)
    {
      gint64 trace_id = g_array_index (version->few_shot, gint64, i);
      g_autoptr(ErrataTrace) trace = errata_project_get_trace (project, trace_id, error);
      g_autofree char *critique = NULL;
      ErrataTruth truth;

      if (trace == NULL || !errata_ground_truth_get (project, target, trace_id, &truth, error))
        return NULL;
      if (truth.disputed || truth.value == ERRATA_VERDICT_UNSET)
        continue;  /* no human answer to show */
      critique = critique_of (project, trace_id);
      g_ptr_array_add (examples,
                       errata_judge_example_new (trace_id, errata_trace_get_input (trace),
                                                 errata_trace_get_output (trace), truth.value,
                                                 critique));
    }
  return g_steal_pointer (&examples);
}

ErrataEvalMethod *
errata_evaluator_method_new (ErrataProject                *project,
                             const ErrataEvaluator        *evaluator,
                             const ErrataEvaluatorVersion *version,
                             ErrataLlmClient              *client,
                             GError                      **error)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (evaluator != NULL && version != NULL, NULL);

  if (g_str_equal (evaluator->kind, ERRATA_EVALUATOR_KIND_JUDGE))
    {
      g_autoptr(GPtrArray) examples = NULL;
      g_autofree char *definition = NULL;

      g_return_val_if_fail (ERRATA_IS_LLM_CLIENT (client), NULL);
      examples = few_shot_examples (project, evaluator->target, version, error);
      if (examples == NULL)
        return NULL;
      definition = target_definition (project, evaluator->target);
      return (ErrataEvalMethod *)errata_judge_new (client, version->definition, definition,
                                                   examples, error);
    }
  if (g_str_equal (evaluator->kind, ERRATA_EVALUATOR_KIND_COMMAND))
    {
      g_autofree char *project_id = errata_project_get_meta (project, "project_id");

      return (ErrataEvalMethod *)errata_command_check_new (version->definition,
                                                           project_id ? project_id : "", error);
    }
  if (errata_code_check_is_kind (evaluator->kind))
    return (ErrataEvalMethod *)errata_code_check_new (evaluator->kind, version->definition, error);
  set_unknown_kind (evaluator->kind, error);
  return NULL;
}

/* `errata-cli eval run --trust` and the page's Trust button: this machine
 * trusts the project's command as it is now. Other kinds need no trust. */
gboolean
errata_evaluator_method_grant_trust (ErrataProject                *project,
                                     const ErrataEvaluator        *evaluator,
                                     const ErrataEvaluatorVersion *version,
                                     GError                      **error)
{
  g_autoptr(ErrataEvalMethod) method = NULL;

  if (!g_str_equal (evaluator->kind, ERRATA_EVALUATOR_KIND_COMMAND))
    return TRUE;
  method = errata_evaluator_method_new (project, evaluator, version, NULL, error);
  if (method == NULL)
    return FALSE;
  return errata_trust_grant (errata_command_check_get_project_id (ERRATA_COMMAND_CHECK (method)),
                             errata_command_check_get_command_line (ERRATA_COMMAND_CHECK (method)),
                             error);
}
