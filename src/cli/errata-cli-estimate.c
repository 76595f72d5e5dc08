/* errata-cli-estimate.c: `errata-cli estimate` on plain files, the same
 * estimator as the core (errata_estimate_corrected_rate: Rogan–Gladen with
 * a bootstrap that resamples the test pairs and the unlabeled verdicts;
 * --fixed-unlabeled gives judgy 0.1.0's, which holds the unlabeled pass
 * rate fixed) for verdicts that come from anywhere.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-cli-estimate.h"
#include "errata-cli-eval.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "errata-cli-common.h"
#include "errata-cli-estimate-methods.h"
#include "errata-corrected-rate.h"
#include "errata-stats-error.h"

enum {
  EXIT_OK = ERRATA_CLI_EXIT_OK,
  EXIT_NO_ESTIMATE = ERRATA_CLI_EXIT_FAILED,   /* the data cannot give an estimate */
  EXIT_USAGE = ERRATA_CLI_EXIT_USAGE,
};

typedef struct
{
  char     *test_labels;
  char     *test_preds;
  char     *unlabeled_preds;
  char     *method;
  double    target_half_width;
  int       iterations;
  gint64    seed;
  double    confidence;
  gboolean  fixed_unlabeled;
  gboolean  json;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->test_labels);
  g_free (options->test_preds);
  g_free (options->unlabeled_preds);
  g_free (options->method);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
fail (int         status,
      const char *message)
{
  return errata_cli_fail (status, "estimate: %s", message);
}

/* The options below that take a value as the next argument. */
static const char * const value_options[] = {
  "--test-labels", "--test-preds", "--unlabeled-preds", "--unlabelled-preds",
  "--iterations", "--seed", "--confidence", "--method", "--target-half-width",
};

static gboolean
takes_value (const char *arg)
{
  for (guint i = 0; i < G_N_ELEMENTS (value_options); i++)
    if (g_str_equal (arg, value_options[i]))
      return TRUE;
  return FALSE;
}

/* A PROJECT argument anywhere means the project form. */
static gboolean
has_positional (int    argc,
                char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        return i + 1 < argc;
      if (argv[i][0] != '-')
        return TRUE;
      if (takes_value (argv[i]))
        i++;
    }
  return FALSE;
}

/* ---- reading verdict files ------------------------------------------ */

static gboolean
parse_value (const char *text,
             gboolean   *pass)
{
  static const char * const passes[] = { "1", "pass", "true" };
  static const char * const fails[] = { "0", "fail", "false" };

  for (guint i = 0; i < G_N_ELEMENTS (passes); i++)
    if (g_ascii_strcasecmp (text, passes[i]) == 0 || g_ascii_strcasecmp (text, fails[i]) == 0)
      {
        *pass = g_ascii_strcasecmp (text, passes[i]) == 0;
        return TRUE;
      }
  return FALSE;
}

/* One verdict a line, blank lines skipped. Returns an array of gboolean. */
static GArray *
read_verdicts (const char  *path,
               GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gboolean));

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      gboolean pass;

      if (*line == '\0')
        continue;
      if (!parse_value (line, &pass))
        {
          g_autofree char *shown = g_utf8_make_valid (line, MIN (strlen (line), 40));

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s:%u: “%s” is not a verdict: write one of 1 or 0, pass or fail, "
                         "true or false on each line"), path, i + 1, shown);
          return NULL;
        }
      g_array_append_val (values, pass);
    }
  return g_steal_pointer (&values);
}

static gboolean
read_confusion (const Options    *options,
                ErrataConfusion  *test,
                guint            *unlabeled_pass,
                guint            *unlabeled_fail,
                GError          **error)
{
  g_autoptr(GArray) labels = read_verdicts (options->test_labels, error);
  g_autoptr(GArray) preds = labels != NULL ? read_verdicts (options->test_preds, error) : NULL;
  g_autoptr(GArray) unlabeled = preds != NULL ? read_verdicts (options->unlabeled_preds, error)
                                              : NULL;

  if (unlabeled == NULL)
    return FALSE;
  if (labels->len != preds->len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s has %u verdicts but %s has %u: the test labels and the judge’s "
                     "test predictions pair up line by line"),
                   options->test_labels, labels->len, options->test_preds, preds->len);
      return FALSE;
    }

  *test = (ErrataConfusion) { 0, };
  for (guint i = 0; i < labels->len; i++)
    {
      gboolean human = g_array_index (labels, gboolean, i);
      gboolean judge = g_array_index (preds, gboolean, i);

      if (human)
        judge ? test->tp++ : test->fn++;
      else
        judge ? test->fp++ : test->tn++;
    }
  *unlabeled_pass = *unlabeled_fail = 0;
  for (guint i = 0; i < unlabeled->len; i++)
    g_array_index (unlabeled, gboolean, i) ? (*unlabeled_pass)++ : (*unlabeled_fail)++;
  return TRUE;
}

/* ---- printing ------------------------------------------------------- */

/* Field names are an interface for scripts: never translated. */
static void
add_rate_json (JsonBuilder               *builder,
               const ErrataCorrectedRate *rate,
               const ErrataConfusion     *test,
               guint                      unlabeled_pass)
{
  errata_cli_json_add_double (builder, "pass_rate", rate->pass_rate);
  errata_cli_json_add_interval (builder, "pass_interval", rate->pass_interval.lower,
                                rate->pass_interval.upper);
  errata_cli_json_add_double (builder, "failure_rate", rate->failure_rate);
  errata_cli_json_add_interval (builder, "failure_interval", rate->failure_interval.lower,
                                rate->failure_interval.upper);
  json_builder_set_member_name (builder, "clipped");
  json_builder_add_boolean_value (builder, rate->clipped);
  errata_cli_json_add_double (builder, "observed_pass_rate", rate->observed_pass_rate);
  errata_cli_json_add_double (builder, "tpr", rate->tpr);
  errata_cli_json_add_double (builder, "tnr", rate->tnr);
  errata_cli_json_add_double (builder, "confidence", rate->level);
  errata_cli_json_add_int (builder, "n_test", rate->n_test);
  errata_cli_json_add_int (builder, "n_test_pass", test->tp + test->fn);
  errata_cli_json_add_int (builder, "n_test_fail", test->fp + test->tn);
  errata_cli_json_add_int (builder, "n_unlabeled", rate->n_unlabelled);
  errata_cli_json_add_int (builder, "n_unlabeled_pass", unlabeled_pass);
  errata_cli_json_add_int (builder, "iterations", rate->n_draws);
  errata_cli_json_add_int (builder, "draws_used", rate->n_draws_used);
  errata_cli_json_add_int (builder, "draws_skipped", rate->n_draws_skipped);
  errata_cli_json_add_int (builder, "seed", (gint64) rate->seed);
  json_builder_set_member_name (builder, "unlabeled_resampled");
  json_builder_add_boolean_value (builder,
                                  rate->unlabelled_sampling == ERRATA_UNLABELLED_RESAMPLED);
}

/* The corrected rate's members as before, then PPI++ and the budget. */
static gboolean
print_json (const ErrataCliEstimateInput *input)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  if (input->rate != NULL)
    add_rate_json (builder, input->rate, input->test, input->unlabeled_pass);
  if (!errata_cli_estimate_add_more (input, builder))
    return FALSE;
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
  return TRUE;
}

static void
print_text (const ErrataCorrectedRate *rate,
            const ErrataConfusion     *test,
            guint                      unlabeled_pass)
{
  double percent = rate->level * 100;

  g_print (_("Corrected pass rate θ: %.4f  (%g%% interval %.4f – %.4f)\n"),
           rate->pass_rate, percent, rate->pass_interval.lower, rate->pass_interval.upper);
  g_print (_("Failure rate 1 − θ:    %.4f  (%g%% interval %.4f – %.4f)\n"),
           rate->failure_rate, percent, rate->failure_interval.lower,
           rate->failure_interval.upper);
  if (rate->clipped)
    g_print (_("θ was clipped to [0, 1]: the observed rate is outside what this TPR and TNR "
               "can produce\n"));
  g_print (_("Observed pass rate:    %.4f  (%u of %u unlabeled verdicts pass)\n"),
           rate->observed_pass_rate, unlabeled_pass, rate->n_unlabelled);
  g_print (_("Judge on the test set: TPR %.4f, TNR %.4f  (%u pairs: %u human pass, "
             "%u human fail)\n"), rate->tpr, rate->tnr, rate->n_test,
           test->tp + test->fn, test->fp + test->tn);
  g_print (_("Bootstrap: %u draws, %u used, %u skipped, seed %" PRIu64 "\n"),
           rate->n_draws, rate->n_draws_used, rate->n_draws_skipped, rate->seed);
  if (rate->unlabelled_sampling == ERRATA_UNLABELLED_RESAMPLED)
    g_print (_("The intervals cover the judge’s errors on the test set and the sampling of "
               "the unlabeled traces.\n"));
  else
    g_print (_("The intervals cover only the judge’s errors on the test set: the unlabeled "
               "pass rate was held fixed (--fixed-unlabeled), as judgy does.\n"));
}

/* ---- the file form -------------------------------------------------- */

static GOptionContext *
option_context_new (Options *options)
{
  const GOptionEntry entries[] = {
    { "test-labels", 0, 0, G_OPTION_ARG_FILENAME, &options->test_labels,
      N_("The human labels of the test traces, one a line"), N_("FILE") },
    { "test-preds", 0, 0, G_OPTION_ARG_FILENAME, &options->test_preds,
      N_("The judge’s verdicts on the same traces, in the same order"), N_("FILE") },
    { "unlabeled-preds", 0, 0, G_OPTION_ARG_FILENAME, &options->unlabeled_preds,
      N_("The judge’s verdicts on the unlabeled traces"), N_("FILE") },
    { "unlabelled-preds", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME,
      &options->unlabeled_preds, NULL, NULL },
    { "iterations", 0, 0, G_OPTION_ARG_INT, &options->iterations,
      N_("Bootstrap draws (default 20000)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &options->seed,
      N_("Seed of the bootstrap (default 0)"), "S" },
    { "confidence", 0, 0, G_OPTION_ARG_DOUBLE, &options->confidence,
      N_("Confidence level of the intervals (default 0.95)"), "C" },
    { "fixed-unlabeled", 0, 0, G_OPTION_ARG_NONE, &options->fixed_unlabeled,
      N_("Hold the unlabeled pass rate fixed in the bootstrap, as judgy 0.1.0 does: the "
         "intervals then leave out the sampling error of the unlabeled traces"), NULL },
    { "fixed-unlabelled", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &options->fixed_unlabeled,
      NULL, NULL },
    { "method", 0, 0, G_OPTION_ARG_STRING, &options->method,
      N_("rogan-gladen (default), ppi (PPI++, which assumes the labeled traces are a random "
         "sample of all traces) or both, with a line when they disagree"), N_("METHOD") },
    { "target-half-width", 0, 0, G_OPTION_ARG_DOUBLE, &options->target_half_width,
      N_("Also print how many more labeled traces would bring the interval’s half-width "
         "under W (0.03 for ±3 points), from today’s rates"), "W" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, N_("Print JSON"), NULL },
    { NULL },
  };
  GOptionContext *context = g_option_context_new (_("--test-labels F --test-preds F "
                                                    "--unlabeled-preds F"));

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Estimates the true pass rate of unlabeled traces from a "
                                  "judge’s verdicts, corrected for its errors on labeled test "
                                  "traces (Rogan–Gladen, as judgy’s estimate_success_rate). "
                                  "The bootstrap interval resamples the test traces and the "
                                  "unlabeled ones. --method ppi or both adds PPI++, "
                                  "which assumes the labeled traces are a random sample. "
                                  "Files hold one verdict a line: "
                                  "1 or 0, pass or fail, true or false."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

static int
check_options (const Options          *options,
               ErrataBootstrapOptions *bootstrap,
               ErrataCliMethod        *method)
{
  if (options->test_labels == NULL || options->test_preds == NULL ||
      options->unlabeled_preds == NULL)
    return fail (EXIT_USAGE, _("give --test-labels, --test-preds and --unlabeled-preds "
                               "(see --help)"));
  if (options->iterations <= 0)
    return fail (EXIT_USAGE, _("--iterations must be a whole number above 0"));
  if (options->seed < 0)
    return fail (EXIT_USAGE, _("--seed must be 0 or more"));
  if (!(options->confidence > 0 && options->confidence < 1))
    return fail (EXIT_USAGE, _("--confidence must be between 0 and 1, such as 0.95"));
  if (options->method != NULL && !errata_cli_method_parse (options->method, method))
    return fail (EXIT_USAGE, _("--method must be rogan-gladen, ppi or both"));
  if (options->target_half_width != 0 &&
      !(options->target_half_width > 0 && options->target_half_width < 1))
    return fail (EXIT_USAGE, _("--target-half-width must be between 0 and 1, such as 0.03 "
                               "for ±3 points"));

  bootstrap->seed = (guint64) options->seed;
  bootstrap->n_draws = (guint) options->iterations;
  bootstrap->level = options->confidence;
  return EXIT_OK;
}

static int
run_files (Options *options)
{
  ErrataBootstrapOptions bootstrap = errata_bootstrap_options_default ();
  ErrataCliMethod method = ERRATA_CLI_METHOD_ROGAN_GLADEN;
  ErrataCorrectedRate rate;
  ErrataConfusion test;
  guint unlabeled_pass, unlabeled_fail;
  g_autoptr(GError) error = NULL;
  ErrataCliEstimateInput input;
  int status;

  status = check_options (options, &bootstrap, &method);
  if (status != EXIT_OK)
    return status;
  if (!read_confusion (options, &test, &unlabeled_pass, &unlabeled_fail, &error))
    return fail (EXIT_USAGE, error->message);

  if ((method & ERRATA_CLI_METHOD_ROGAN_GLADEN) &&
      !errata_estimate_corrected_rate_full (&test, unlabeled_pass, unlabeled_fail,
                                            options->fixed_unlabeled ? ERRATA_UNLABELLED_FIXED
                                                                     : ERRATA_UNLABELLED_RESAMPLED,
                                            &bootstrap, &rate, &error))
    return fail (g_error_matches (error, ERRATA_STATS_ERROR, ERRATA_STATS_ERROR_INVALID)
                 ? EXIT_USAGE : EXIT_NO_ESTIMATE, error->message);

  input = (ErrataCliEstimateInput) {
    .method = method,
    .test = &test,
    .unlabeled_pass = unlabeled_pass,
    .unlabeled_fail = unlabeled_fail,
    .level = bootstrap.level,
    .target_half_width = options->target_half_width,
    .rate = (method & ERRATA_CLI_METHOD_ROGAN_GLADEN) ? &rate : NULL,
  };
  if (options->json)
    return print_json (&input) ? EXIT_OK : EXIT_NO_ESTIMATE;
  if (input.rate != NULL)
    print_text (&rate, &test, unlabeled_pass);
  return errata_cli_estimate_print_more (&input) ? EXIT_OK : EXIT_NO_ESTIMATE;
}

int
errata_cli_estimate (int    argc,
                     char **argv)
{
  ErrataBootstrapOptions defaults = errata_bootstrap_options_default ();
  g_auto(Options) options = {
    NULL,
    .iterations = (int) defaults.n_draws,
    .seed = (gint64) defaults.seed,
    .confidence = defaults.level,
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;

  if (has_positional (argc, argv))
    return errata_cli_estimate_project_main (argc, argv);

  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  context = option_context_new (&options);
  if (!g_option_context_parse_strv (context, &args, &error))
    return fail (EXIT_USAGE, error->message);
  if (g_strv_length (args) > 1)
    return fail (EXIT_USAGE, _("unexpected arguments (see --help)"));
  return run_files (&options);
}
