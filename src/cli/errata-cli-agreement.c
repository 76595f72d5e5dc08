/* errata-cli-agreement.c: `errata-cli agreement` prints, per target, how
 * much the project's reviewers agree on the traces two or more of them
 * reviewed (errata-reviewer-agreement.h), with intervals and warnings.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-cli-agreement.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "errata-cli-common.h"
#include "errata-ground-truth.h"
#include "errata-reviewer-agreement.h"
#include "errata-taxonomy.h"

typedef struct
{
  char     *target;
  int       iterations;
  gint64    seed;
  double    confidence;
  gboolean  json;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->target);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
fail (const char *message)
{
  return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "agreement: %s", message);
}

/* ---- which targets ------------------------------------------------------- */

static GArray *
list_targets (ErrataProject  *project,
              const char     *text,
              GError        **error)
{
  g_autoptr(GArray) targets = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ErrataTaxonomy) taxonomy = NULL;
  g_autoptr(GPtrArray) modes = NULL;
  gint64 target = ERRATA_TARGET_OVERALL;

  if (text != NULL)
    {
      if (!errata_target_parse (project, text, &target, error))
        return NULL;
      g_array_append_val (targets, target);
      return g_steal_pointer (&targets);
    }
  g_array_append_val (targets, target);
  taxonomy = errata_taxonomy_new (project);
  modes = errata_taxonomy_list_modes (taxonomy, error);
  if (modes == NULL)
    return NULL;
  for (guint i = 0; i < modes->len; i++)
    g_array_append_val (targets, ((ErrataFailureMode *)g_ptr_array_index (modes, i))->id);
  return g_steal_pointer (&targets);
}

/* ---- JSON ---------------------------------------------------------------- */

static const struct
{
  ErrataAgreementWarnings flag;
  const char             *code;
} warning_codes[] = {
  { ERRATA_AGREEMENT_WARNING_ONE_REVIEWER, "one_reviewer" },
  { ERRATA_AGREEMENT_WARNING_NO_OVERLAP, "no_overlap" },
  { ERRATA_AGREEMENT_WARNING_FEW_ITEMS, "few_items" },
  { ERRATA_AGREEMENT_WARNING_ONE_CLASS, "one_class" },
  { ERRATA_AGREEMENT_WARNING_HIGH_CHANCE, "high_chance" },
};

static void
add_coefficient (JsonBuilder                      *builder,
                 const char                       *name,
                 const ErrataAgreementCoefficient *c)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  errata_cli_json_add_double (builder, "value", c->defined ? c->value : NAN);
  json_builder_set_member_name (builder, "interval");
  if (isnan (c->interval.lower) || isnan (c->interval.upper))
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, c->interval.lower);
      json_builder_add_double_value (builder, c->interval.upper);
      json_builder_end_array (builder);
    }
  errata_cli_json_add_int (builder, "n_items", c->n_items);
  json_builder_end_object (builder);
}

/* Field names are an interface for scripts: never translated. */
static void
add_target_json (JsonBuilder                   *builder,
                 const char                    *name,
                 const ErrataReviewerAgreement *a)
{
  g_auto(GStrv) messages = errata_reviewer_agreement_warnings (a);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, name);
  errata_cli_json_add_int (builder, "target_id", a->target);
  errata_cli_json_add_int (builder, "n_reviewers", a->n_reviewers);
  json_builder_set_member_name (builder, "raters");
  json_builder_begin_array (builder);
  for (guint i = 0; i < a->n_raters; i++)
    json_builder_add_string_value (builder, a->raters[i]);
  json_builder_end_array (builder);
  errata_cli_json_add_int (builder, "n_items", a->n_items);
  errata_cli_json_add_int (builder, "n_single", a->n_single);
  errata_cli_json_add_int (builder, "n_ratings", a->n_ratings);
  errata_cli_json_add_int (builder, "n_fail_ratings", a->n_fail_ratings);
  errata_cli_json_add_double (builder, "chance_agreement", a->chance_agreement);
  if (a->computed)
    {
      errata_cli_json_add_double (builder, "confidence", a->agreement.level);
      errata_cli_json_add_int (builder, "iterations", a->agreement.n_draws);
      errata_cli_json_add_int (builder, "seed", (gint64)a->agreement.seed);
      add_coefficient (builder, "percent_agreement", &a->agreement.percent_agreement);
      add_coefficient (builder, "cohen_kappa", &a->agreement.cohen_kappa);
      add_coefficient (builder, "fleiss_kappa", &a->agreement.fleiss_kappa);
      add_coefficient (builder, "gwet_ac1", &a->agreement.gwet_ac1);
      add_coefficient (builder, "krippendorff_alpha", &a->agreement.krippendorff_alpha);
    }
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (warning_codes); i++)
    if (a->warnings & warning_codes[i].flag)
      json_builder_add_string_value (builder, warning_codes[i].code);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; messages[i] != NULL; i++)
    json_builder_add_string_value (builder, messages[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* ---- text ---------------------------------------------------------------- */

/* printf pads by bytes; κ, α and ’ take two or three. */
static char *
pad (const char *label,
     guint       width)
{
  glong length = g_utf8_strlen (label, -1);
  GString *padded = g_string_new (label);

  for (glong i = length; i < (glong)width; i++)
    g_string_append_c (padded, ' ');
  return g_string_free (padded, FALSE);
}

static void
print_coefficient (const char                       *label,
                   const ErrataAgreementCoefficient *c,
                   double                            percent,
                   const char                       *why_undefined)
{
  g_autofree char *padded = pad (label, 18);

  if (!c->defined)
    g_print ("  %s  %s\n", padded, why_undefined);
  else if (isnan (c->interval.lower))
    g_print ("  %s %6.3f\n", padded, c->value);
  else
    /* Translators: a coefficient's value and its interval; %g%% is the level, e.g. 95%. */
    g_print (_("  %s %6.3f  (%g%% interval %.3f – %.3f)\n"), padded, c->value, percent,
             c->interval.lower, c->interval.upper);
}

static void
print_counts (const ErrataReviewerAgreement *a)
{
  g_autofree char *names = g_strjoinv (", ", a->raters);

  if (a->computed)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "  %u trace reviewed by two or more of these reviewers: %s\n",
                          "  %u traces reviewed by two or more of these reviewers: %s\n",
                          a->n_items), a->n_items, names);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "  %u reviewer in all (reviews made here or merged; imported labels "
                        "are not reviews); %u trace reviewed by one only\n",
                        "  %u reviewers in all (reviews made here or merged; imported labels "
                        "are not reviews); %u traces reviewed by one only\n",
                        a->n_reviewers), a->n_reviewers, a->n_single);
}

static void
print_target_text (const char                    *name,
                   const ErrataReviewerAgreement *a)
{
  g_auto(GStrv) messages = errata_reviewer_agreement_warnings (a);
  const char *one_class = _("undefined: every rating is the same");

  /* Translators: the heading of one target's agreement; %s is "overall" or a mode. */
  g_print (_("Agreement between reviewers on “%s”\n"), name);
  print_counts (a);
  if (a->computed)
    {
      const ErrataAgreement *g = &a->agreement;
      double percent = g->level * 100;

      print_coefficient (_("Raw agreement"), &g->percent_agreement, percent, one_class);
      print_coefficient (_("Cohen’s κ"), &g->cohen_kappa, percent,
                         a->n_raters > 2 ? _("for two reviewers only: read Fleiss’ κ")
                                         : one_class);
      print_coefficient (_("Fleiss’ κ"), &g->fleiss_kappa, percent, one_class);
      print_coefficient (_("Gwet’s AC1"), &g->gwet_ac1, percent, one_class);
      print_coefficient (_("Krippendorff’s α"), &g->krippendorff_alpha, percent, one_class);
      g_print (_("  Chance agreement %.3f (%u of %u ratings on these traces are fail)\n"),
               a->chance_agreement, a->n_fail_ratings, a->n_ratings);
      g_print (_("  Intervals: bootstrap over the shared traces, %u draws, seed %"
                 PRIu64 "\n"), g->n_draws, g->seed);
    }
  for (guint i = 0; messages[i] != NULL; i++)
    g_print ("  ! %s\n", messages[i]);
  g_print ("\n");
}

/* ---- the command --------------------------------------------------------- */

static int
check_options (const Options          *options,
               ErrataBootstrapOptions *bootstrap)
{
  if (options->iterations < 0)
    return fail (_("--iterations must be 0 or more"));
  if (options->seed < 0)
    return fail (_("--seed must be 0 or more"));
  if (!(options->confidence > 0 && options->confidence < 1))
    return fail (_("--confidence must be between 0 and 1, such as 0.95"));
  bootstrap->seed = (guint64)options->seed;
  bootstrap->n_draws = (guint)options->iterations;
  bootstrap->level = options->confidence;
  return ERRATA_CLI_EXIT_OK;
}

static int
run (ErrataProject                *project,
     GArray                       *targets,
     const ErrataBootstrapOptions *bootstrap,
     gboolean                      json)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < targets->len; i++)
    {
      gint64 target = g_array_index (targets, gint64, i);
      g_auto(ErrataReviewerAgreement) agreement = { 0, };
      g_autofree char *name = errata_target_describe (project, target);
      g_autoptr(GError) error = NULL;

      if (!errata_reviewer_agreement (project, target, bootstrap, &agreement, &error))
        return fail (error->message);
      if (json)
        add_target_json (builder, name, &agreement);
      else
        print_target_text (name, &agreement);
    }
  json_builder_end_array (builder);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      g_autofree char *text = json_to_string (root, TRUE);

      g_print ("%s\n", text);
    }
  return ERRATA_CLI_EXIT_OK;
}

int
errata_cli_agreement (int    argc,
                      char **argv)
{
  ErrataBootstrapOptions bootstrap = errata_bootstrap_options_default ();
  g_auto(Options) options = {
    NULL,
    .iterations = (int)bootstrap.n_draws,
    .seed = (gint64)bootstrap.seed,
    .confidence = bootstrap.level,
  };
  const GOptionEntry entries[] = {
    { "target", 0, 0, G_OPTION_ARG_STRING, &options.target,
      N_("Only this target: overall, or a failure mode’s name or id (default: every target)"),
      N_("TARGET") },
    { "iterations", 0, 0, G_OPTION_ARG_INT, &options.iterations,
      N_("Bootstrap draws (default 20000; 0 for no intervals)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &options.seed,
      N_("Seed of the bootstrap (default 0)"), "S" },
    { "confidence", 0, 0, G_OPTION_ARG_DOUBLE, &options.confidence,
      N_("Confidence level of the intervals (default 0.95)"), "C" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, N_("Print a JSON array, one object a target"),
      NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GArray) targets = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  context = errata_cli_context_new (_("PROJECT"),
                                    _("How much the project’s reviewers agree, per target, on "
                                      "the traces two or more of them reviewed: raw agreement, "
                                      "Cohen’s κ (two reviewers), Fleiss’ κ, Gwet’s AC1 and "
                                      "Krippendorff’s α, each with a bootstrap interval over "
                                      "those traces. Reviews made here or merged count; "
                                      "imported labels are not reviews."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 2)
    return fail (_("give exactly one project (see --help)"));
  status = check_options (&options, &bootstrap);
  if (status != ERRATA_CLI_EXIT_OK)
    return status;

  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL)
    return fail (error->message);
  targets = list_targets (project, options.target, &error);
  if (targets == NULL)
    return fail (error->message);
  return run (project, targets, &bootstrap, options.json);
}
