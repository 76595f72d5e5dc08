/* errata-cli-label.c: `errata-cli label` sets explicit labels (one trace,
 * or a labels file) through the core's one label function, and reports
 * them like an import; `errata-cli split` assigns what is new to the
 * train/dev/test split and shows how it stands and which labels it counts.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-cli-label.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "errata-cli-common.h"
#include "errata-ground-truth.h"
#include "errata-labels.h"
#include "errata-project.h"
#include "errata-splits.h"

static int
fail (const char *message)
{
  return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "%s", message);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, TRUE);

  g_print ("%s\n", text);
}

/* Opens the project and finds the target: NULL (with the message printed)
 * when either fails. */
static ErrataProject *
open_with_target (const char  *path,
                  const char  *target_text,
                  gint64      *target)
{
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = errata_cli_open_project (path, ERRATA_PROJECT_OPEN_NONE, &error);
  if (project == NULL || !errata_target_parse (project, target_text, target, &error))
    {
      fail (error->message);
      return NULL;
    }
  return g_steal_pointer (&project);
}

/* ---- label --------------------------------------------------------------- */

typedef struct
{
  char     *target;
  char     *file;
  char     *reason;
  char     *who;
  gboolean  json;
} LabelOptions;

static void
label_options_clear (LabelOptions *options)
{
  g_free (options->target);
  g_free (options->file);
  g_free (options->reason);
  g_free (options->who);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LabelOptions, label_options_clear)

static void
print_label_report (const char         *target_name,
                    const char         *file_name,
                    ErrataLabelsReport *report,
                    gboolean            as_json)
{
  g_autoptr(JsonBuilder) builder = NULL;

  if (!as_json)
    {
      for (guint i = 0; i < report->problems->len; i++)
        {
          ErrataLabelsProblem *problem = report->problems->pdata[i];

          g_printerr (_("%s: line %u: %s\n"), file_name, problem->line, problem->reason);
        }
      /* Translators: "Read 12 rows from labels.csv for “Over budget”: 9 set, …" */
      g_print (_("Read %u rows from %s for “%s”: %u set, %u unchanged, %u skipped.\n"),
               report->n_rows, file_name, target_name, report->n_set, report->n_unchanged,
               report->problems->len);
      return;
    }
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, target_name);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, report->n_rows);
  json_builder_set_member_name (builder, "set");
  json_builder_add_int_value (builder, report->n_set);
  json_builder_set_member_name (builder, "unchanged");
  json_builder_add_int_value (builder, report->n_unchanged);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->problems->len; i++)
    {
      ErrataLabelsProblem *problem = report->problems->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, problem->line);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, problem->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  print_json (builder);
}

static int
label_file (ErrataProject      *project,
            gint64              target,
            const LabelOptions *options,
            const char         *who)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->file);
  g_autoptr(ErrataLabelsReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target_name = errata_target_describe (project, target);

  if (!errata_labels_import_file (project, target, file, who, options->reason, &report, NULL,
                                  &error))
    return fail (error->message);
  print_label_report (target_name, options->file, report, options->json);
  return report->problems->len > 0 ? ERRATA_CLI_EXIT_FAILED : ERRATA_CLI_EXIT_OK;
}

/* Not translated: the words the command line takes. */
static const char *
label_word (ErrataVerdict value)
{
  return value == ERRATA_VERDICT_UNSET ? "unset" : errata_verdict_to_string (value);
}

/* One trace: a sentence, or (--json) the report of a file of one row. */
static int
label_one (ErrataProject      *project,
           gint64              target,
           const LabelOptions *options,
           const char         *who,
           const char         *id,
           const char         *value_text)
{
  g_autoptr(ErrataLabelsReport) report = g_new0 (ErrataLabelsReport, 1);
  g_autofree char *target_name = errata_target_describe (project, target);
  g_autoptr(GError) error = NULL;
  ErrataVerdict value, before;
  gint64 trace_id;

  report->problems = g_ptr_array_new ();
  if (g_ascii_strcasecmp (value_text, "unset") == 0)
    value = ERRATA_VERDICT_UNSET;
  else if (!errata_labels_parse_value (value_text, &value))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a label: write pass or fail (or unset to clear the "
                           "label)"), value_text);
      return fail (message);
    }
  if (!errata_labels_find_trace (project, id, &trace_id, &error) ||
      !errata_labels_get (project, target, trace_id, &before, &error) ||
      !errata_labels_set (project, target, trace_id, value, who, options->reason, &error))
    return fail (error->message);

  report->n_rows = 1;
  if (before == value)
    report->n_unchanged = 1;
  else
    report->n_set = 1;
  if (options->json)
    print_label_report (target_name, id, report, TRUE);
  else if (before == value)
    /* Translators: "r12: the label for “Over budget” is already fail; nothing changed." */
    g_print (_("%s: the label for “%s” is already %s; nothing changed.\n"), id, target_name,
             label_word (value));
  else
    /* Translators: "r12: the label for “Over budget” is now fail (it was pass)." */
    g_print (_("%s: the label for “%s” is now %s (it was %s).\n"), id, target_name,
             label_word (value), label_word (before));
  return ERRATA_CLI_EXIT_OK;
}

int
errata_cli_label (int    argc,
                  char **argv)
{
  g_auto(LabelOptions) options = { NULL };
  GOptionEntry entries[] = {
    { "target", 't', 0, G_OPTION_ARG_STRING, &options.target,
      N_("What the label is about: overall, or a failure mode’s name or id"), N_("MODE") },
    { "file", 'f', 0, G_OPTION_ARG_FILENAME, &options.file,
      N_("Read id,label rows from a CSV file (a header row is optional; #123 names an "
         "internal id)"), N_("FILE") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &options.reason,
      N_("Why, kept in the label’s history"), N_("TEXT") },
    { "who", 0, 0, G_OPTION_ARG_STRING, &options.who,
      N_("Who sets the label (default: your annotator name)"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, N_("Print a JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autofree char *who = NULL;
  gint64 target;

  context = errata_cli_context_new (_("PROJECT [TRACE_ID pass|fail|unset]"),
                                    _("Set the explicit label of one trace (by its id, or #ID) "
                                      "or of every trace in a labels file, for one target. "
                                      "Every change is kept in the label’s history with who "
                                      "and why."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (options.target == NULL)
    return fail (_("--target is missing: give overall, or a failure mode’s name or id"));
  if (options.file != NULL ? argc != 2 : argc != 4)
    return fail (_("give a project and either a trace id and pass or fail, or "
                   "--file labels.csv (see --help)"));

  project = open_with_target (argv[1], options.target, &target);
  if (project == NULL)
    return ERRATA_CLI_EXIT_USAGE;
  who = options.who != NULL ? g_strdup (options.who) : errata_cli_dup_user_name ();
  if (options.file != NULL)
    return label_file (project, target, &options, who);
  return label_one (project, target, &options, who, argv[2], argv[3]);
}

/* ---- split --------------------------------------------------------------- */

static void
add_class_counts (JsonBuilder             *builder,
                  const char              *name,
                  const guint              counts[2])
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "pass");
  json_builder_add_int_value (builder, counts[0]);
  json_builder_set_member_name (builder, "fail");
  json_builder_add_int_value (builder, counts[1]);
  json_builder_end_object (builder);
}

static void
print_split_json (const char              *target_name,
                  gint64                   target,
                  const ErrataSplitCounts *counts,
                  const ErrataTruthCounts *truth)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *seed = g_strdup_printf ("%" PRIu64, counts->seed);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, target_name);
  errata_cli_json_add_int (builder, "target_id", target);
  /* A string: a seed may not fit a JSON number readers keep exactly. */
  json_builder_set_member_name (builder, "seed");
  json_builder_add_string_value (builder, seed);
  json_builder_set_member_name (builder, "proportions");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "train");
  json_builder_add_double_value (builder, counts->train);
  json_builder_set_member_name (builder, "dev");
  json_builder_add_double_value (builder, counts->dev);
  json_builder_set_member_name (builder, "test");
  json_builder_add_double_value (builder, counts->test);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "splits");
  json_builder_begin_object (builder);
  for (ErrataSplit s = ERRATA_SPLIT_TRAIN; s <= ERRATA_SPLIT_TEST; s++)
    add_class_counts (builder, errata_split_to_string (s), counts->counts[s]);
  add_class_counts (builder, "unassigned", counts->counts[ERRATA_SPLIT_NONE]);
  json_builder_end_object (builder);
  errata_cli_json_add_int (builder, "disputed", counts->n_disputed);
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_object (builder);
  errata_cli_json_add_int (builder, "explicit", truth->n_explicit);
  errata_cli_json_add_int (builder, "reviews", truth->n_reviews);
  errata_cli_json_add_int (builder, "imported", truth->n_imported);
  errata_cli_json_add_int (builder, "review_import_differ", truth->n_review_import_differ);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  print_json (builder);
}

static void
print_split_text (const char              *target_name,
                  const ErrataSplitCounts *counts,
                  const ErrataTruthCounts *truth)
{
  const char *names[] = { N_("unassigned"), N_("train"), N_("dev"), N_("test") };

  g_print (_("Target:   %s\n"), target_name);
  g_print (_("Seed:     %" PRIu64 " (train %.0f%%, dev %.0f%%, test %.0f%%)\n"),
           counts->seed, counts->train * 100, counts->dev * 100, counts->test * 100);
  /* Translators: which labels the split counts; "reviews here" are reviews
   * made in Errata, as opposed to verdicts imported with a file. */
  g_print (_("Labels:   %u explicit · %u from reviews here · %u imported\n"),
           truth->n_explicit, truth->n_reviews, truth->n_imported);
  if (truth->n_review_import_differ > 0)
    g_print (_("          %u reviews here differ from an imported label (the review "
               "counts)\n"), truth->n_review_import_differ);
  g_print ("\n  %-12s %6s %6s\n", "", _("pass"), _("fail"));
  for (guint s = ERRATA_SPLIT_TRAIN; s <= ERRATA_SPLIT_TEST + 1; s++)
    {
      guint split = s % 4;   /* train, dev, test, then unassigned */

      g_print ("  %-12s %6u %6u\n", _(names[split]), counts->counts[split][0],
               counts->counts[split][1]);
    }
  g_print ("\n");
  g_print (_("Disputed: %u (left out until an explicit label settles them)\n"),
           counts->n_disputed);
}

/* `split --list SPLIT`: id and label per line, or a JSON array. */
static int
list_split (ErrataProject *project,
            gint64         target,
            const char    *split_text,
            gboolean       as_json)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  ErrataSplit split = errata_split_from_string (split_text);

  if (split == ERRATA_SPLIT_NONE)
    return fail (_("--list takes train, dev or test"));
  ids = errata_splits_list (project, target, split, &error);
  if (ids == NULL)
    return fail (error->message);
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 trace_id = g_array_index (ids, gint64, i);
      g_autoptr(ErrataTrace) trace = errata_project_get_trace (project, trace_id, &error);
      ErrataTruth truth;

      if (trace == NULL || !errata_ground_truth_get (project, target, trace_id, &truth, &error))
        return fail (error->message);
      if (!as_json)
        {
          g_print ("%s\t%s\n", errata_trace_get_external_id (trace), label_word (truth.value));
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, errata_trace_get_external_id (trace));
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, label_word (truth.value));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (as_json)
    print_json (builder);
  return ERRATA_CLI_EXIT_OK;
}

int
errata_cli_split (int    argc,
                  char **argv)
{
  g_autofree char *target_text = NULL;
  g_autofree char *list_text = NULL;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "target", 't', 0, G_OPTION_ARG_STRING, &target_text,
      N_("overall, or a failure mode’s name or id"), N_("MODE") },
    { "list", 0, 0, G_OPTION_ARG_STRING, &list_text,
      N_("Instead of the counts, list the traces of a split with their labels (train to "
         "pick few-shot examples)"), N_("SPLIT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target_name = NULL;
  ErrataSplitCounts counts;
  ErrataTruthCounts truth;
  gint64 target;

  context = errata_cli_context_new (_("PROJECT"),
                                    _("Assign newly labelled traces to the train, dev and test "
                                      "split of a target (stratified by label; a trace never "
                                      "changes split), then show the counts."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (target_text == NULL)
    return fail (_("--target is missing: give overall, or a failure mode’s name or id"));
  if (argc != 2)
    return fail (_("“split” takes exactly one project file"));

  project = open_with_target (argv[1], target_text, &target);
  if (project == NULL)
    return ERRATA_CLI_EXIT_USAGE;
  if (!errata_splits_update (project, target, &error) ||
      !errata_splits_get_counts (project, target, &counts, &error) ||
      !errata_ground_truth_count (project, target, &truth, &error))
    return fail (error->message);

  target_name = errata_target_describe (project, target);
  if (list_text != NULL)
    return list_split (project, target, list_text, as_json);
  if (as_json)
    print_split_json (target_name, target, &counts, &truth);
  else
    print_split_text (target_name, &counts, &truth);
  return ERRATA_CLI_EXIT_OK;
}
