/* errata-cli-estimate-methods.c: the second estimator (PPI++, which
 * assumes the labelled traces are a random sample of all of them) beside
 * Rogan–Gladen (which assumes the judge's TPR and TNR carry over to the
 * unlabelled traces), a line when the two disagree, and the label budget.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-cli-estimate-methods.h"

#include <glib/gi18n.h>
#include <math.h>

#include "errata-cli-common.h"
#include "errata-label-budget.h"
#include "errata-ppi.h"

gboolean
errata_cli_method_parse (const char      *text,
                         ErrataCliMethod *method)
{
  if (g_str_equal (text, "rogan-gladen"))
    *method = ERRATA_CLI_METHOD_ROGAN_GLADEN;
  else if (g_str_equal (text, "ppi"))
    *method = ERRATA_CLI_METHOD_PPI;
  else if (g_str_equal (text, "both"))
    *method = ERRATA_CLI_METHOD_BOTH;
  else
    return FALSE;
  return TRUE;
}

static gboolean
compute_ppi (const ErrataCliEstimateInput  *input,
             ErrataPpiMean                 *ppi,
             GError                       **error)
{
  return errata_estimate_ppi_mean (input->test, input->unlabeled_pass, input->unlabeled_fail,
                                   input->level, ppi, error);
}

/* The intervals of the two estimates share no point. */
static gboolean
disagree (const ErrataCorrectedRate *rate,
          const ErrataPpiMean       *ppi)
{
  return rate->pass_interval.upper < ppi->pass_interval.lower ||
         ppi->pass_interval.upper < rate->pass_interval.lower;
}

/* ---- text ---------------------------------------------------------------- */

static void
print_ppi (const ErrataPpiMean *ppi)
{
  double percent = ppi->level * 100;

  g_print (_("PPI++ pass rate:       %.4f  (%g%% interval %.4f – %.4f, λ = %.3f)\n"),
           ppi->pass_rate, percent, ppi->pass_interval.lower, ppi->pass_interval.upper,
           ppi->lambda);
  g_print (_("PPI++ failure rate:    %.4f  (%g%% interval %.4f – %.4f)\n"),
           ppi->failure_rate, percent, ppi->failure_interval.lower, ppi->failure_interval.upper);
  g_print (_("PPI++ counts %u labeled traces (their human labels and the judge’s verdicts) "
             "and %u unlabeled verdicts; λ = 0 ignores the judge, λ = 1 trusts it fully.\n"),
           ppi->n_labelled, ppi->n_unlabelled);
}

static void
print_comparison (const ErrataCorrectedRate *rate,
                  const ErrataPpiMean       *ppi)
{
  if (!disagree (rate, ppi))
    {
      g_print (_("The two estimates agree: their intervals overlap.\n"));
      return;
    }
  g_print (_("The two estimates differ by more than their intervals allow (%.4f against "
             "%.4f). PPI++ assumes the labeled traces are a random sample of all traces; "
             "Rogan–Gladen assumes the judge is as right on the unlabeled traces as on the "
             "labeled ones (the same TPR and TNR). If the labeled traces were picked rather "
             "than drawn at random, trust Rogan–Gladen; if the unlabeled traces differ in "
             "kind from the labeled ones, trust PPI++; better, label a random sample.\n"),
           rate->pass_rate, ppi->pass_rate);
}

static void
print_budget (const char              *method,
              const ErrataLabelBudget *budget,
              guint                    n_unlabeled)
{
  double points = budget->target_half_width * 100;

  if (!budget->reachable)
    g_print (_("%s: no number of labels gets the interval under ±%g points: the %u unlabeled "
               "verdicts alone leave about ±%.1f points; have the judge score more unlabeled "
               "traces.\n"), method, points, n_unlabeled, budget->half_width_floor * 100);
  else if (budget->n_more == 0)
    g_print (_("%s: the %u labeled traces already give about ±%.1f points, under ±%g.\n"),
             method, budget->n_labelled, budget->half_width_now * 100, points);
  else
    g_print (_("%s: about %u more labeled traces (%u in all) for ±%g points; now about "
               "±%.1f points with %u.\n"), method, budget->n_more, budget->n_needed, points,
             budget->half_width_now * 100, budget->n_labelled);
}

static void
print_budgets (const ErrataCliEstimateInput *input)
{
  ErrataLabelBudget budget;
  g_autoptr(GError) error = NULL;

  g_print (_("Label budget (new labels assumed to keep today’s rates and pass share):\n"));
  if (input->method & ERRATA_CLI_METHOD_ROGAN_GLADEN)
    {
      if (errata_label_budget_rogan_gladen (input->test, input->unlabeled_pass,
                                            input->unlabeled_fail, input->level,
                                            input->target_half_width, &budget, &error))
        print_budget (_("  Rogan–Gladen"), &budget,
                      input->unlabeled_pass + input->unlabeled_fail);
      else
        g_print (_("  Rogan–Gladen: %s\n"), error->message);
      g_clear_error (&error);
    }
  if (input->method & ERRATA_CLI_METHOD_PPI)
    {
      if (errata_label_budget_ppi (input->test, input->unlabeled_pass, input->unlabeled_fail,
                                   input->level, input->target_half_width, &budget, &error))
        print_budget (_("  PPI++"), &budget, input->unlabeled_pass + input->unlabeled_fail);
      else
        g_print (_("  PPI++: %s\n"), error->message);
    }
}

gboolean
errata_cli_estimate_print_more (const ErrataCliEstimateInput *input)
{
  g_autoptr(GError) error = NULL;
  ErrataPpiMean ppi;

  if (input->method & ERRATA_CLI_METHOD_PPI)
    {
      if (!compute_ppi (input, &ppi, &error))
        {
          if (input->method == ERRATA_CLI_METHOD_PPI)
            {
              errata_cli_fail (ERRATA_CLI_EXIT_FAILED, "estimate: %s", error->message);
              return FALSE;
            }
          g_print (_("PPI++: not computed: %s\n"), error->message);
        }
      else
        {
          print_ppi (&ppi);
          if (input->rate != NULL)
            print_comparison (input->rate, &ppi);
        }
    }
  if (input->target_half_width > 0)
    print_budgets (input);
  return TRUE;
}

/* ---- JSON ---------------------------------------------------------------- */

static void
add_ppi (JsonBuilder         *builder,
         const ErrataPpiMean *ppi)
{
  json_builder_set_member_name (builder, "ppi");
  json_builder_begin_object (builder);
  errata_cli_json_add_double (builder, "pass_rate", ppi->pass_rate);
  errata_cli_json_add_interval (builder, "pass_interval", ppi->pass_interval.lower,
                                ppi->pass_interval.upper);
  errata_cli_json_add_double (builder, "failure_rate", ppi->failure_rate);
  errata_cli_json_add_interval (builder, "failure_interval", ppi->failure_interval.lower,
                                ppi->failure_interval.upper);
  errata_cli_json_add_double (builder, "lambda", ppi->lambda);
  errata_cli_json_add_double (builder, "standard_error", ppi->standard_error);
  errata_cli_json_add_double (builder, "labeled_pass_rate", ppi->labelled_pass_rate);
  json_builder_set_member_name (builder, "n_labeled");
  json_builder_add_int_value (builder, ppi->n_labelled);
  json_builder_set_member_name (builder, "n_unlabeled");
  json_builder_add_int_value (builder, ppi->n_unlabelled);
  json_builder_end_object (builder);
}

static void
add_budget (JsonBuilder             *builder,
            const char              *name,
            const ErrataLabelBudget *budget,
            const GError            *error)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  if (error != NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, error->message);
      json_builder_end_object (builder);
      return;
    }
  json_builder_set_member_name (builder, "reachable");
  json_builder_add_boolean_value (builder, budget->reachable);
  json_builder_set_member_name (builder, "n_labeled");
  json_builder_add_int_value (builder, budget->n_labelled);
  if (budget->reachable)
    {
      json_builder_set_member_name (builder, "n_needed");
      json_builder_add_int_value (builder, budget->n_needed);
      json_builder_set_member_name (builder, "n_more");
      json_builder_add_int_value (builder, budget->n_more);
    }
  errata_cli_json_add_double (builder, "half_width_now", budget->half_width_now);
  errata_cli_json_add_double (builder, "half_width_floor", budget->half_width_floor);
  json_builder_end_object (builder);
}

static void
add_budgets (const ErrataCliEstimateInput *input,
             JsonBuilder                  *builder)
{
  ErrataLabelBudget budget;
  g_autoptr(GError) error = NULL;

  json_builder_set_member_name (builder, "budget");
  json_builder_begin_object (builder);
  errata_cli_json_add_double (builder, "target_half_width", input->target_half_width);
  if (input->method & ERRATA_CLI_METHOD_ROGAN_GLADEN)
    {
      errata_label_budget_rogan_gladen (input->test, input->unlabeled_pass,
                                        input->unlabeled_fail, input->level,
                                        input->target_half_width, &budget, &error);
      add_budget (builder, "rogan_gladen", &budget, error);
      g_clear_error (&error);
    }
  if (input->method & ERRATA_CLI_METHOD_PPI)
    {
      errata_label_budget_ppi (input->test, input->unlabeled_pass, input->unlabeled_fail,
                               input->level, input->target_half_width, &budget, &error);
      add_budget (builder, "ppi", &budget, error);
    }
  json_builder_end_object (builder);
}

/* Field names are an interface for scripts: never translated. */
gboolean
errata_cli_estimate_add_more (const ErrataCliEstimateInput *input,
                              JsonBuilder                  *builder)
{
  g_autoptr(GError) error = NULL;
  ErrataPpiMean ppi;

  if (input->method & ERRATA_CLI_METHOD_PPI)
    {
      if (compute_ppi (input, &ppi, &error))
        {
          add_ppi (builder, &ppi);
          if (input->rate != NULL)
            {
              json_builder_set_member_name (builder, "estimates_disagree");
              json_builder_add_boolean_value (builder, disagree (input->rate, &ppi));
            }
        }
      else if (input->method == ERRATA_CLI_METHOD_PPI)
        {
          errata_cli_fail (ERRATA_CLI_EXIT_FAILED, "estimate: %s", error->message);
          return FALSE;
        }
      else
        {
          json_builder_set_member_name (builder, "ppi_error");
          json_builder_add_string_value (builder, error->message);
        }
    }
  if (input->target_half_width > 0)
    add_budgets (input, builder);
  return TRUE;
}
