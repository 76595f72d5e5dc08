/* errata-cli.c: the command-line companion, for scripts and CI.
 *
 * Exit status: 0 all went well, 1 some records were skipped (or, for
 * `llm`, the provider failed; for `estimate`, the data cannot give an
 * estimate), 2 usage errors or unreadable input.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <locale.h>
#include <gio/gunixoutputstream.h>
#include <stdio.h>
#include <unistd.h>

#include "errata-cli-common.h"
#include "errata-cli-adjudicate.h"
#include "errata-cli-agreement.h"
#include "errata-cli-compact.h"
#include "errata-cli-copy.h"
#include "errata-cli-estimate.h"
#include "errata-cli-eval.h"
#include "errata-cli-gate.h"
#include "errata-cli-synth.h"
#include "errata-cli-experiment.h"
#include "errata-cli-label.h"
#include "errata-cli-llm.h"
#include "errata-cli-merge.h"
#include "errata-cli-delete.h"
#include "errata-cli-receive.h"
#include "errata-cli-report.h"
#include "errata-exporter.h"
#include "errata-importer.h"
#include "errata-project.h"
#include "errata-project-size.h"
#include "errata-remote-consent.h"

enum {
  EXIT_OK = ERRATA_CLI_EXIT_OK,
  EXIT_PARTIAL = ERRATA_CLI_EXIT_FAILED,
  EXIT_USAGE = ERRATA_CLI_EXIT_USAGE,
};

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *name;
  CommandFunc  run;
  const char  *summary;
  const char  *args;
} Command;

static int
run_new (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT"), _("Create an empty project file (*.errata)."));
  g_autoptr(GFile) file = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;

  if (!errata_cli_parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return errata_cli_fail (EXIT_USAGE, _("“new” takes exactly one project file name"));

  file = g_file_new_for_commandline_arg (argv[1]);
  project = errata_project_create (file, &error);
  if (project == NULL)
    return errata_cli_fail (EXIT_USAGE, "%s", error->message);
  g_print (_("Created %s\n"), argv[1]);
  return EXIT_OK;
}

static void
print_problems (ErrataImportReport *report)
{
  GPtrArray *problems = errata_import_report_get_problems (report);

  for (guint i = 0; i < problems->len; i++)
    {
      ErrataImportProblem *problem = problems->pdata[i];

      if (problem->line > 0)
        g_printerr (_("%s: record %u (line %u): %s\n"), problem->file, problem->record,
                    problem->line, problem->reason);
      else if (problem->record > 0)
        g_printerr (_("%s: record %u: %s\n"), problem->file, problem->record, problem->reason);
      else
        g_printerr ("%s: %s\n", problem->file, problem->reason);
    }
}

static void
print_import_summary (ErrataImportReport *report)
{
  guint n_records = errata_import_report_get_n_records (report);
  guint n_files = errata_import_report_get_n_files (report);
  /* One record is one trace, or for spans and observations the many
   * records of one trace: either way the count is of traces. */
  g_autofree char *records = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u trace",
                                                           "%u traces", n_records), n_records);
  g_autofree char *files = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files",
                                                         n_files), n_files);

  /* Translators: "Found 100 traces in 1 file: 98 added, …" */
  g_print (_("Found %s in %s: %u added, %u already in the project, %u skipped, %u notes, "
             "%u imported labels.\n"),
           records, files,
           errata_import_report_get_n_added (report),
           errata_import_report_get_n_duplicates (report),
           errata_import_report_get_n_skipped (report),
           errata_import_report_get_n_notes (report),
           errata_import_report_get_n_labels (report));
  /* A folder of 60 files in one format is one line, not 60. */
  for (guint i = 0, n = errata_import_report_get_n_files (report); i < n;)
    {
      const char *format = errata_import_report_get_format_name (report, i);
      guint run = 1;

      while (i + run < n &&
             g_strcmp0 (errata_import_report_get_format_name (report, i + run), format) == 0)
        run++;
      g_print (g_dngettext (GETTEXT_PACKAGE, "  %u file read as %s\n", "  %u files read as %s\n",
                            run), run, format);
      i += run;
    }
}

static void
batch_committed_cb (guint    records_committed,
                    gpointer user_data)
{
  g_printerr (_("%u records saved\n"), records_committed);
}

static gboolean
configure_importer (ErrataImporter  *importer,
                    const char      *format_name,
                    const char      *map_spec,
                    const char      *annotator,
                    gboolean         progress,
                    GError         **error)
{
  ErrataImportFormat format = ERRATA_IMPORT_FORMAT_AUTO;

  if (format_name && !errata_import_format_from_string (format_name, &format))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown format “%s”: use auto, openai, request-response, mapped, otel "
                     "or langfuse"), format_name);
      return FALSE;
    }
  errata_importer_set_format (importer, format);
  if (map_spec)
    {
      g_autoptr(ErrataFieldMap) map = errata_field_map_parse (map_spec, error);

      if (map == NULL)
        return FALSE;
      errata_importer_set_field_map (importer, map);
    }
  if (annotator)
    errata_importer_set_annotator (importer, annotator);
  if (progress)
    errata_importer_set_batch_callback (importer, batch_committed_cb, NULL);
  return TRUE;
}

/* "1048576", "512K", "64M", "1G" (powers of 1024) -> bytes. */
static gboolean
parse_size (const char  *text,
            gsize       *size,
            GError     **error)
{
  char *end = NULL;
  guint64 value;
  guint shift = 0;

  if (!g_ascii_isdigit (*text))
    goto bad;
  value = g_ascii_strtoull (text, &end, 10);
  switch (g_ascii_toupper (*end))
    {
    case 'K': shift = 10; end++; break;
    case 'M': shift = 20; end++; break;
    case 'G': shift = 30; end++; break;
    default: break;
    }
  if (*end != '\0' || value == 0 || value > (G_MAXSIZE >> shift))
    goto bad;
  *size = (gsize)value << shift;
  return TRUE;

bad:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: %s is what the user gave; keep 64M and 1G as they are. */
               _("“%s” is not a size: give a number of bytes, or one with K, M or G "
                 "after it (e.g. 64M, 1G)"), text);
  return FALSE;
}

static int
run_import (int    argc,
            char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *map_spec = NULL;
  g_autofree char *annotator = NULL;
  g_autofree char *max_size_text = NULL;
  gsize max_size = 0;
  gboolean progress = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("auto (default), openai, request-response, mapped, otel or langfuse"), N_("FORMAT") },
    { "map", 'm', 0, G_OPTION_ARG_STRING, &map_spec,
      N_("Which fields hold what, e.g. id=uid,input=query,output=response,verdict=label,"
         "note=Notes (every key below)"),
      N_("MAP") },
    { "annotator", 0, 0, G_OPTION_ARG_STRING, &annotator,
      N_("Who imported notes and verdicts are attributed to (default: import)"), N_("NAME") },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress,
      N_("Print a line on stderr after each saved batch"), NULL },
    { "max-record-size", 0, 0, G_OPTION_ARG_STRING, &max_size_text,
      N_("Skip records larger than this, e.g. 256M (default: 64M)"), N_("SIZE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT PATH…"), _("Import trace files or folders into a project."));
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_autofree char *map_keys = errata_field_map_describe_keys ();
  g_autofree char *description = NULL;

  /* Translators: followed by one line per --map key. */
  description = g_strdup_printf ("%s\n%s%s", _("Keys of --map (pairs separated by commas):"),
                                 map_keys,
                                 _("Example: --map id=trace_id,transcript=conversation,"
                                   "verdict=label,note=reasoning"));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 3)
    return errata_cli_fail (EXIT_USAGE, _("“import” needs a project and at least one file or folder"));
  if (!configure_importer (importer, format_name, map_spec, annotator, progress, &error))
    return errata_cli_fail (EXIT_USAGE, "%s", error->message);
  if (max_size_text != NULL)
    {
      if (!parse_size (max_size_text, &max_size, &error))
        return errata_cli_fail (EXIT_USAGE, "%s", error->message);
      errata_importer_set_max_record_size (importer, max_size);
    }

  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_NONE, &error);
  if (project == NULL)
    return errata_cli_fail (EXIT_USAGE, "%s", error->message);
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (argv[i]));

  report = errata_importer_import (importer, project, (GFile **)files->pdata, files->len,
                                   NULL, &error);
  if (report == NULL)
    return errata_cli_fail (EXIT_USAGE, "%s", error->message);
  print_problems (report);
  print_import_summary (report);
  return errata_import_report_get_n_skipped (report) > 0 ? EXIT_PARTIAL : EXIT_OK;
}

/* The remote hosts the project allowed its traces to go to. */
static void
add_consents_json (JsonBuilder   *builder,
                   ErrataProject *project)
{
  g_autoptr(GPtrArray) consents = errata_remote_consent_list (project);

  json_builder_set_member_name (builder, "remote_consent");
  json_builder_begin_array (builder);
  for (guint i = 0; i < consents->len; i++)
    {
      ErrataRemoteConsent *consent = consents->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "host");
      json_builder_add_string_value (builder, consent->host);
      json_builder_set_member_name (builder, "provider");
      json_builder_add_string_value (builder, consent->provider);
      json_builder_set_member_name (builder, "by");
      json_builder_add_string_value (builder, consent->by);
      json_builder_set_member_name (builder, "at");
      json_builder_add_string_value (builder, consent->at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_consents (ErrataProject *project)
{
  g_autoptr(GPtrArray) consents = errata_remote_consent_list (project);

  if (consents->len == 0)
    /* Translators: keep the column of "Project:", "Traces:", … aligned. */
    g_print (_("Remote LLM:  none allowed (traces go only to a provider on this machine)\n"));
  for (guint i = 0; i < consents->len; i++)
    {
      ErrataRemoteConsent *consent = consents->pdata[i];

      /* Translators: "allowed for api.openai.com (OpenAI) on 2026-12-04T12:00:00Z by Ana". */
      g_print (_("Remote LLM:  allowed for %s (%s) on %s by %s\n"), consent->host,
               consent->provider, consent->at, consent->by);
    }
}

/* "sizes": {"total": bytes, "traces": bytes, …}; only the total where
 * this SQLite cannot tell the parts. */
static void
add_sizes_json (JsonBuilder              *builder,
                const ErrataProjectSizes *sizes)
{
  json_builder_set_member_name (builder, "sizes");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, sizes->total);
  for (int part = 0; sizes->per_part && part < ERRATA_PROJECT_N_PARTS; part++)
    {
      json_builder_set_member_name (builder, errata_project_part_key (part));
      json_builder_add_int_value (builder, sizes->bytes[part]);
    }
  json_builder_end_object (builder);
}

static void
print_sizes (const ErrataProjectSizes *sizes)
{
  if (!sizes->per_part)
    {
      /* Translators: keep the column of "Project:", "Traces:", … aligned. */
      g_print (_("Parts:       unknown (this SQLite has no dbstat table)\n"));
      return;
    }
  for (int part = 0; part < ERRATA_PROJECT_N_PARTS; part++)
    {
      g_autofree char *size = g_format_size (sizes->bytes[part]);
      int percent = sizes->total > 0 ? (int)(100 * sizes->bytes[part] / sizes->total) : 0;

      /* Translators: one part of the file's size, "Search index: 163.0 MB (17%)",
       * under "Size:". */
      g_print (_("  %s: %s (%d%%)\n"), errata_project_part_label (part), size, percent);
    }
}

static void
print_info_json (const char               *path,
                 ErrataProject            *project,
                 ErrataProjectInfo        *info,
                 const ErrataProjectSizes *sizes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "schema_version");
  json_builder_add_int_value (builder, info->schema_version);
  json_builder_set_member_name (builder, "traces");
  json_builder_add_int_value (builder, info->traces);
  json_builder_set_member_name (builder, "annotated");
  json_builder_add_int_value (builder, info->annotated);
  json_builder_set_member_name (builder, "imported_labels");
  json_builder_add_int_value (builder, info->imported);
  json_builder_set_member_name (builder, "passed");
  json_builder_add_int_value (builder, info->passed);
  json_builder_set_member_name (builder, "failed");
  json_builder_add_int_value (builder, info->failed);
  json_builder_set_member_name (builder, "notes");
  json_builder_add_int_value (builder, info->notes);
  json_builder_set_member_name (builder, "file_size");
  json_builder_add_int_value (builder, info->file_size);
  add_sizes_json (builder, sizes);
  add_consents_json (builder, project);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

static int
run_info (int    argc,
          char **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT"), _("Show what a project holds."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  ErrataProjectInfo info;
  ErrataProjectSizes sizes;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return errata_cli_fail (EXIT_USAGE, _("“info” takes exactly one project file"));

  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL || !errata_project_get_info (project, &info, &error) ||
      !errata_project_get_sizes (project, &sizes, &error))
    return errata_cli_fail (EXIT_USAGE, "%s", error->message);

  if (as_json)
    {
      print_info_json (argv[1], project, &info, &sizes);
      return EXIT_OK;
    }
  size = g_format_size (info.file_size);
  g_print (_("Project:     %s (format %d, %s)\n"), argv[1], info.schema_version, size);
  g_print (_("Traces:      %" PRId64 "\n"), info.traces);
  g_print (_("Reviewed:    %" PRId64 " (%" PRId64 " pass, %"
             PRId64 " fail)\n"), info.annotated, info.passed, info.failed);
  /* Translators: traces whose imported file came with a pass/fail label
   * (an LLM judge's, say); labels, not reviews. */
  g_print (_("Imported:    %" PRId64 " traces with a label\n"), info.imported);
  g_print (_("Notes:       %" PRId64 "\n"), info.notes);
  g_clear_pointer (&size, g_free);
  size = g_format_size (sizes.total);
  /* Translators: the file's size as SQLite counts its pages; its parts follow. */
  g_print (_("Size:        %s\n"), size);
  print_sizes (&sizes);
  print_consents (project);
  return EXIT_OK;
}

static char *
one_line (const char *text,
          guint       max_chars)
{
  g_autofree char *flat = g_strdup (text);
  g_autofree char *cut = NULL;

  g_strdelimit (flat, "\r\n\t", ' ');
  if (g_utf8_strlen (flat, -1) <= max_chars)
    return g_steal_pointer (&flat);
  cut = g_utf8_substring (flat, 0, max_chars);
  return g_strconcat (cut, "…", NULL);
}

static JsonNode *
search_hit_to_json (ErrataTrace *trace)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, errata_trace_get_id (trace));
  json_builder_set_member_name (builder, "external_id");
  json_builder_add_string_value (builder, errata_trace_get_external_id (trace));
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, errata_trace_get_source (trace));
  json_builder_set_member_name (builder, "input");
  json_builder_add_string_value (builder, errata_trace_get_input (trace));
  json_builder_set_member_name (builder, "output");
  json_builder_add_string_value (builder, errata_trace_get_output (trace));
  json_builder_set_member_name (builder, "verdict");
  json_builder_add_string_value (builder, errata_verdict_to_string (errata_trace_get_verdict (trace)));
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, errata_trace_get_note (trace));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_search_hits (GPtrArray *hits,
                   gboolean   as_json)
{
  if (as_json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *text = NULL;

      for (guint i = 0; i < hits->len; i++)
        json_array_add_element (array, search_hit_to_json (hits->pdata[i]));
      json_node_set_array (root, array);
      text = json_to_string (root, TRUE);
      g_print ("%s\n", text);
      return;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      ErrataTrace *trace = hits->pdata[i];
      g_autofree char *input = one_line (errata_trace_get_input (trace), 80);

      g_print ("%s\t%s\n", errata_trace_get_external_id (trace), input);
    }
}

static int
run_search (int    argc,
            char **argv)
{
  int limit = 20;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Show at most N traces (default 20)"),
      N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT QUERY"), _("Full-text search over traces and notes. Every word "
                                           "must match; end a word with * to match a prefix."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ErrataTraceCursor cursor = { 0 };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 3)
    return errata_cli_fail (EXIT_USAGE, _("“search” needs a project and a query"));
  if (limit <= 0)
    return errata_cli_fail (EXIT_USAGE, _("--limit must be a positive number"));

  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL)
    return errata_cli_fail (EXIT_USAGE, "%s", error->message);
  text = g_strjoinv (" ", argv + 2);
  errata_trace_query_set_text (query, text);
  hits = errata_project_query_traces (project, query, &cursor, limit, &error);
  if (hits == NULL)
    return errata_cli_fail (EXIT_USAGE, "%s", error->message);
  print_search_hits (hits, as_json);
  return EXIT_OK;
}

static GOutputStream *
open_output (const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (path == NULL || g_str_equal (path, "-"))
    return g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  /* g_file_replace writes a temporary file and renames it on close, so a
   * failed export never leaves half a file where a good one was. */
  file = g_file_new_for_commandline_arg (path);
  return G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error));
}

static int
run_export (int    argc,
            char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("jsonl or csv"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT"), _("Export traces with their annotations."));
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  ErrataExportFormat format;
  gint64 written;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return errata_cli_fail (EXIT_USAGE, _("“export” takes exactly one project file"));
  if (format_name == NULL || !errata_export_format_from_string (format_name, &format))
    return errata_cli_fail (EXIT_USAGE, _("--format must be jsonl or csv"));

  project = errata_cli_open_project (argv[1], ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  if (project == NULL)
    return errata_cli_fail (EXIT_USAGE, "%s", error->message);
  stream = open_output (output, &error);
  if (stream == NULL)
    return errata_cli_fail (EXIT_USAGE, "%s", error->message);
  written = errata_export_traces (project, format, stream, NULL, &error);
  if (written < 0 || !g_output_stream_close (stream, NULL, &error))
    return errata_cli_fail (EXIT_USAGE, _("Export failed: %s"), error->message);
  if (output)
    g_printerr (_("Exported %" PRId64 " traces to %s\n"), written, output);
  return EXIT_OK;
}

static const Command commands[] = {
  { "new", run_new, N_("Create an empty project"), N_("PROJECT") },
  { "import", run_import, N_("Import trace files or folders"), N_("PROJECT PATH… [--format F] [--map M]") },
  { "info", run_info, N_("Show what a project holds"), N_("PROJECT [--json]") },
  { "search", run_search, N_("Search traces and notes"), N_("PROJECT QUERY [--limit N] [--json]") },
  { "export", run_export, N_("Export traces and annotations"), N_("PROJECT --format jsonl|csv [-o FILE]") },
  { "label", errata_cli_label, N_("Set explicit labels for a target"), N_("PROJECT --target MODE (TRACE_ID pass|fail | --file F)") },
  { "split", errata_cli_split, N_("Assign and show a target’s train/dev/test split"), N_("PROJECT --target MODE [--json]") },
  { "agreement", errata_cli_agreement, N_("How much reviewers agree, per target, with intervals"), N_("PROJECT [--target T] [--json]") },
  { "adjudicate", errata_cli_adjudicate, N_("List disputed labels, or settle one with a reason"), N_("PROJECT [--target T] [--json] | --trace ID --label pass|fail --reason TEXT [--as NAME]") },
  { "estimate", errata_cli_estimate, N_("Estimate the true pass rate from a judge’s verdicts"), N_("--test-labels F --test-preds F --unlabeled-preds F [--method rogan-gladen|ppi|both] [--json]") },
  { "gate", errata_cli_gate, N_("May a judge be validated: reviewers’ agreement and the alternative annotator test"), N_("PROJECT NAME|--target T [--threshold X] [--epsilon E] [--json]") },
  { "eval", errata_cli_eval, N_("Evaluators: import, run, metrics, verdicts"), N_("import|export|list|finalize|run|metrics|verdicts PROJECT …") },
  { "imports", errata_cli_imports, N_("List the imports with their ids"), N_("PROJECT [--json]") },
  { "delete", errata_cli_delete, N_("Delete traces (an import, a list, a search) and what goes with them"), N_("PROJECT (--import ID | --ids FILE | --query Q) [--dry-run] [--json]") },
  { "merge", errata_cli_merge, N_("Merge a colleague’s reviews from their copy of the project"), N_("PROJECT OTHER.errata [--dry-run] [--json]") },
  { "compact", errata_cli_compact, N_("Give back the space a project no longer uses"), N_("PROJECT") },
  { "copy", errata_cli_copy, N_("Write a copy to share, optionally redacted"), N_("PROJECT OUT.errata [--only-reviewer NAME] [--default-redactions] [--dry-run]") },
  { "receive", errata_cli_receive, N_("Receive live traces over OTLP/HTTP until interrupted"), N_("PROJECT [--port N]") },
  { "report", errata_cli_report, N_("Write the report as HTML or PDF"), N_("PROJECT -o FILE.html|FILE.pdf") },
  { "synth", errata_cli_synth, N_("Synthetic data: dimensions, tuples, queries, runs, breakdown"), N_("dimensions|tuples|queries|accept|reject|run|breakdown PROJECT …") },
  { "experiment", errata_cli_experiment, N_("Compare versions of your system on the same queries, per failure mode"), N_("new|variant|run|compare|list PROJECT …") },
  { "llm", errata_cli_llm, N_("Check or use the configured LLM provider"), N_("ping|complete [--provider P] [--base-url URL] [--model M]") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: errata-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n           %s %s\n", commands[i].name, _(commands[i].summary),
             commands[i].name, _(commands[i].args));
  fprintf (out, "\n%s\n", _("Run “errata-cli COMMAND --help” for a command’s options."));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("errata-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("errata-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        g_autofree char *prgname = g_strdup_printf ("errata-cli %s", commands[i].name);

        /* So that a command's --help reads "errata-cli label [OPTION…]". */
        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }

  g_printerr (_("errata-cli: unknown command “%s”\n\n"), argv[1]);
  print_usage (stderr);
  return EXIT_USAGE;
}
