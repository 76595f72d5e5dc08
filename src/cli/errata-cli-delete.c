/* errata-cli-delete.c: `errata-cli imports PROJECT` lists the imports with
 * their ids; `errata-cli delete PROJECT (--import ID | --ids FILE |
 * --query Q)` deletes traces and everything that goes with them, or with
 * --dry-run only counts it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-cli-delete.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "errata-cli-common.h"
#include "errata-date.h"
#include "errata-project-imports.h"
#include "errata-trace-deletion.h"

/* ---- imports ---- */

static void
add_import_json (JsonBuilder            *builder,
                 const ErrataImportInfo *info)
{
  json_builder_begin_object (builder);
  errata_cli_json_add_int (builder, "id", info->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, info->name);
  json_builder_set_member_name (builder, "paths");
  json_builder_add_value (builder, json_from_string (info->paths, NULL));
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, info->format);
  json_builder_set_member_name (builder, "mapping");
  if (info->mapping != NULL)
    json_builder_add_string_value (builder, info->mapping);
  else
    json_builder_add_null_value (builder);
  errata_cli_json_add_int (builder, "started_at", info->started_at);
  json_builder_set_member_name (builder, "finished_at");
  if (info->finished_at > 0)
    json_builder_add_int_value (builder, info->finished_at);
  else
    json_builder_add_null_value (builder);
  errata_cli_json_add_int (builder, "added", info->n_added);
  errata_cli_json_add_int (builder, "skipped", info->n_skipped);
  errata_cli_json_add_int (builder, "traces", info->n_traces);
  json_builder_set_member_name (builder, "recorded");
  json_builder_add_boolean_value (builder, info->recorded);
  json_builder_end_object (builder);
}

static void
print_imports_json (GPtrArray *imports)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < imports->len; i++)
    add_import_json (builder, imports->pdata[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

static void
print_import_words (const ErrataImportInfo *info)
{
  g_autofree char *when = errata_date_format_usec (info->started_at);

  /* Translators: one import: its id, file names, date, then how many of
   * the traces it added are still in the project. */
  g_print (_("%" PRId64 "\t%s\t%s\t%" PRId64 " traces"), info->id,
           info->name, when, info->n_traces);
  if (info->n_traces != info->n_added)
    g_print (_(" (%" PRId64 " added)"), info->n_added);
  if (info->n_skipped > 0)
    g_print (_(", %" PRId64 " records skipped"), info->n_skipped);
  if (!info->recorded)
    g_print ("%s", _(", from before imports were recorded"));
  else if (info->finished_at == 0)
    g_print ("%s", _(", stopped before the end"));
  g_print ("\n");
}

int
errata_cli_imports (int    argc,
                    char **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT"), _("List the imports of a project: id, files, date "
                                            "and how many of their traces are still there."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 2)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("“imports” takes a project file"));
  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "%s", error->message);
  imports = errata_project_list_imports (project, &error);
  if (imports == NULL)
    return errata_cli_fail (ERRATA_CLI_EXIT_FAILED, "%s", error->message);
  if (as_json)
    print_imports_json (imports);
  else
    for (guint i = 0; i < imports->len; i++)
      print_import_words (imports->pdata[i]);
  return ERRATA_CLI_EXIT_OK;
}

/* ---- delete ---- */

/* One trace per line, as errata-cli names traces elsewhere (external id,
 * or #ID); blank lines and lines starting with # and a space are skipped. */
static GArray *
read_ids_file (ErrataProject  *project,
               const char     *path,
               GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      gint64 id;

      if (*line == '\0' || g_str_has_prefix (line, "# "))
        continue;
      if (!errata_project_resolve_trace_id (project, line, &id, error))
        {
          g_prefix_error (error, _("%s, line %u: "), path, i + 1);
          return NULL;
        }
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

static GArray *
search_ids (ErrataProject  *project,
            const char     *text,
            GError        **error)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();

  errata_trace_query_set_text (query, text);
  return errata_project_query_trace_ids (project, query, NULL, error);
}

static void
print_counts_words (const ErrataDeletionCounts *counts,
                    gboolean                    dry_run)
{
  if (dry_run)
    g_print (_("Would delete %" PRId64 " traces (nothing was written). With them:\n"),
             counts->traces);
  else
    g_print (_("Deleted %" PRId64 " traces. With them:\n"), counts->traces);
  g_print (_("  %" PRId64 " reviews (made here or merged)\n"), counts->reviews);
  g_print (_("  %" PRId64 " imported labels (labels that came with a file, not "
             "reviews)\n"), counts->imported_labels);
  g_print (_("  %" PRId64 " explicit labels (%" PRId64 " changes in their "
             "history)\n"), counts->explicit_labels, counts->label_changes);
  g_print (_("  %" PRId64 " evaluator verdicts\n"), counts->verdicts);
  g_print (_("  %" PRId64 " notes’ places in failure modes\n"), counts->assignments);
  g_print (_("  %" PRId64 " places in train/dev/test splits\n"), counts->splits);
}

static void
print_counts_json (const ErrataDeletionCounts *counts,
                   gboolean                    dry_run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "written");
  json_builder_add_boolean_value (builder, !dry_run);
  errata_cli_json_add_int (builder, "traces", counts->traces);
  errata_cli_json_add_int (builder, "reviews", counts->reviews);
  errata_cli_json_add_int (builder, "imported_labels", counts->imported_labels);
  errata_cli_json_add_int (builder, "explicit_labels", counts->explicit_labels);
  errata_cli_json_add_int (builder, "label_changes", counts->label_changes);
  errata_cli_json_add_int (builder, "verdicts", counts->verdicts);
  errata_cli_json_add_int (builder, "assignments", counts->assignments);
  errata_cli_json_add_int (builder, "splits", counts->splits);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

static int
count_choices (gint64      import_id,
               const char *ids_file,
               const char *query)
{
  return (import_id != 0) + (ids_file != NULL) + (query != NULL);
}

static ErrataTraceDeletion *
make_deletion (ErrataProject  *project,
               gint64          import_id,
               const char     *ids_file,
               const char     *query,
               GError        **error)
{
  g_autoptr(GArray) ids = NULL;

  if (import_id != 0)
    return errata_trace_deletion_new_for_import (import_id);
  ids = ids_file != NULL ? read_ids_file (project, ids_file, error)
                         : search_ids (project, query, error);
  if (ids == NULL)
    return NULL;
  return errata_trace_deletion_new_for_ids ((const gint64 *)ids->data, ids->len);
}

int
errata_cli_delete (int    argc,
                   char **argv)
{
  gint64 import_id = 0;
  g_autofree char *ids_file = NULL;
  g_autofree char *query = NULL;
  gboolean dry_run = FALSE;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "import", 'i', 0, G_OPTION_ARG_INT64, &import_id,
      N_("Delete every trace this import added (ids: errata-cli imports)"), N_("ID") },
    { "ids", 0, 0, G_OPTION_ARG_FILENAME, &ids_file,
      N_("Delete the traces named in FILE, one per line (external id or #ID)"), N_("FILE") },
    { "query", 'q', 0, G_OPTION_ARG_STRING, &query,
      N_("Delete the traces a search finds (as errata-cli search)"), N_("Q") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only count what would go; write nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the counts as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT (--import ID | --ids FILE | --query Q)"),
                            _("Delete traces with their reviews, labels, verdicts, split places "
                              "and notes’ places in failure modes, in one transaction. There is "
                              "no undo here: try --dry-run first, or delete in Errata, which "
                              "can undo until the project is closed."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataTraceDeletion) deletion = NULL;
  g_autoptr(GError) error = NULL;
  ErrataDeletionCounts counts;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 2)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("“delete” takes a project file"));
  if (count_choices (import_id, ids_file, query) != 1)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("“delete” needs exactly one of --import ID, --ids FILE and "
                              "--query Q"));
  if (import_id < 0)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("--import takes an id from “errata-cli "
                                                     "imports”"));
  project = errata_cli_open_project (argv[1], dry_run ? ERRATA_PROJECT_OPEN_READ_ONLY
                                                      : ERRATA_PROJECT_OPEN_NONE, &error);
  if (project == NULL)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "%s", error->message);
  deletion = make_deletion (project, import_id, ids_file, query, &error);
  if (deletion == NULL)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "%s", error->message);
  if (dry_run)
    {
      if (!errata_trace_deletion_count (deletion, project, &counts, &error))
        return errata_cli_fail (g_error_matches (error, ERRATA_PROJECT_ERROR,
                                                 ERRATA_PROJECT_ERROR_NOT_FOUND)
                                ? ERRATA_CLI_EXIT_USAGE : ERRATA_CLI_EXIT_FAILED,
                                "%s", error->message);
    }
  else
    {
      if (!errata_trace_deletion_run (deletion, project, FALSE, &error))
        return errata_cli_fail (g_error_matches (error, ERRATA_PROJECT_ERROR,
                                                 ERRATA_PROJECT_ERROR_NOT_FOUND)
                                ? ERRATA_CLI_EXIT_USAGE : ERRATA_CLI_EXIT_FAILED,
                                "%s", error->message);
      counts = *errata_trace_deletion_get_counts (deletion);
    }
  if (as_json)
    print_counts_json (&counts, dry_run);
  else
    print_counts_words (&counts, dry_run);
  return ERRATA_CLI_EXIT_OK;
}
