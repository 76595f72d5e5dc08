/* errata-cli-merge.c: `errata-cli merge PROJECT OTHER.errata`, a
 * colleague's reviews brought into a project, or with --dry-run only
 * counted, in words or as JSON.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-cli-merge.h"

#include <stdio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "errata-cli-common.h"
#include "errata-date.h"
#include "errata-project-merge.h"

static const char *
verdict_words (ErrataVerdict verdict)
{
  switch (verdict)
    {
    case ERRATA_VERDICT_PASS:
      return _("pass");
    case ERRATA_VERDICT_FAIL:
      return _("fail");
    case ERRATA_VERDICT_UNSET:
    default:
      return _("no verdict");
    }
}

static void
print_counts (const ErrataMergeResult *result)
{
  g_print (_("Traces: %u matched by id, %u matched by their messages, %u not in this project\n"),
           result->traces_by_id, result->traces_by_hash, result->traces_unmatched);
  g_print (_("Reviews: %u new, %u updated, %u unchanged, %u kept (the version here is later), "
             "%u conflicting\n"),
           result->reviews_new, result->reviews_updated, result->reviews_unchanged,
           result->reviews_older, result->conflicts->len);
  if (result->reviews_unmatched > 0)
    g_print (_("Left out: %u reviews on traces this project does not have\n"),
             result->reviews_unmatched);
  if (result->imported_left_out > 0)
    g_print (_("Left out: %u imported labels (labels that came with a file, not reviews)\n"),
             result->imported_left_out);
  g_print (_("Failure modes: %u new\n"), result->modes_new);
}

static void
print_conflict (const ErrataMergeConflict *conflict)
{
  g_autofree char *here_when = errata_date_format_usec (conflict->here_updated_at);
  g_autofree char *other_when = errata_date_format_usec (conflict->other_updated_at);

  /* Translators: one person's review that differs between the two files:
   * trace, reviewer, then each file's verdict, note and date. */
  g_print (_("  %s (%s), %s: here %s “%s” (%s); theirs %s “%s” (%s)\n"),
           conflict->external_id, conflict->source, conflict->annotator,
           verdict_words (conflict->here_verdict), conflict->here_note, here_when,
           verdict_words (conflict->other_verdict), conflict->other_note, other_when);
}

static void
print_words (const char              *other,
             const ErrataMergeResult *result)
{
  if (result->written)
    g_print (_("Merged the reviews of %s.\n"), other);
  else
    g_print (_("Preview of merging the reviews of %s (nothing was written):\n"), other);
  print_counts (result);
  if (result->conflicts->len == 0)
    return;
  g_print (_("Conflicts: the same person’s review differs in both files; the review here "
             "was kept:\n"));
  for (guint i = 0; i < result->conflicts->len; i++)
    print_conflict (result->conflicts->pdata[i]);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_conflict_json (JsonBuilder               *builder,
                   const ErrataMergeConflict *conflict)
{
  json_builder_begin_object (builder);
  add_string (builder, "source", conflict->source);
  add_string (builder, "external_id", conflict->external_id);
  add_string (builder, "annotator", conflict->annotator);
  add_string (builder, "here_verdict", errata_verdict_to_string (conflict->here_verdict));
  add_string (builder, "here_note", conflict->here_note);
  add_string (builder, "here_origin", errata_annotation_origin_to_string (conflict->here_origin));
  errata_cli_json_add_int (builder, "here_updated_at", conflict->here_updated_at);
  add_string (builder, "other_verdict", errata_verdict_to_string (conflict->other_verdict));
  add_string (builder, "other_note", conflict->other_note);
  errata_cli_json_add_int (builder, "other_updated_at", conflict->other_updated_at);
  json_builder_end_object (builder);
}

static void
print_json (const ErrataMergeResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "written");
  json_builder_add_boolean_value (builder, result->written);
  errata_cli_json_add_int (builder, "traces_by_id", result->traces_by_id);
  errata_cli_json_add_int (builder, "traces_by_hash", result->traces_by_hash);
  errata_cli_json_add_int (builder, "traces_unmatched", result->traces_unmatched);
  errata_cli_json_add_int (builder, "reviews_new", result->reviews_new);
  errata_cli_json_add_int (builder, "reviews_updated", result->reviews_updated);
  errata_cli_json_add_int (builder, "reviews_unchanged", result->reviews_unchanged);
  errata_cli_json_add_int (builder, "reviews_kept_later_here", result->reviews_older);
  errata_cli_json_add_int (builder, "reviews_on_unmatched_traces", result->reviews_unmatched);
  errata_cli_json_add_int (builder, "imported_labels_left_out", result->imported_left_out);
  errata_cli_json_add_int (builder, "modes_new", result->modes_new);
  json_builder_set_member_name (builder, "conflicts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->conflicts->len; i++)
    add_conflict_json (builder, result->conflicts->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

int
errata_cli_merge (int    argc,
                  char **argv)
{
  gboolean dry_run = FALSE;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only say what the merge would bring in; write nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the counts as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT OTHER.errata"),
                            _("Bring a colleague’s reviews (verdicts, notes, first failures, "
                              "failure modes) from their copy of the project into PROJECT. "
                              "The other file is only read."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataMergeResult) result = NULL;
  g_autoptr(GFile) other = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 3)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("“merge” takes a project file and the file to merge from"));
  project = errata_cli_open_project (argv[1], dry_run ? ERRATA_PROJECT_OPEN_READ_ONLY
                                                      : ERRATA_PROJECT_OPEN_NONE, &error);
  if (project == NULL)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "%s", error->message);
  other = g_file_new_for_commandline_arg (argv[2]);
  result = errata_project_merge (project, other, dry_run, &error);
  if (result == NULL)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "%s", error->message);
  if (as_json)
    print_json (result);
  else
    print_words (argv[2], result);
  return result->conflicts->len > 0 ? ERRATA_CLI_EXIT_FAILED : ERRATA_CLI_EXIT_OK;
}
