/* errata-cli-report.c: the report a product manager reads, written as a
 * self-contained HTML file or a PDF without a display: the same documents
 * the Report page exports.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-cli-report.h"

#include <glib/gi18n.h>

#include "errata-cli-common.h"
#include "errata-report-document.h"
#include "errata-report-html.h"

typedef enum
{
  FORMAT_UNKNOWN,
  FORMAT_HTML,
  FORMAT_PDF,
} ReportFormat;

/* --format wins; else the output file's extension says. */
static ReportFormat
pick_format (const char *format,
             const char *output)
{
  g_autofree char *lower = g_ascii_strdown (format != NULL ? format : output, -1);

  if (format != NULL)
    return g_str_equal (lower, "html") ? FORMAT_HTML
           : g_str_equal (lower, "pdf") ? FORMAT_PDF : FORMAT_UNKNOWN;
  if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
    return FORMAT_HTML;
  if (g_str_has_suffix (lower, ".pdf"))
    return FORMAT_PDF;
  return FORMAT_UNKNOWN;
}

static gboolean
write_report (const char    *path,
              const char    *output,
              ReportFormat   format,
              GError       **error)
{
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataReport) report = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

  project = errata_cli_open_project (path, ERRATA_PROJECT_OPEN_READ_ONLY, error);
  if (project == NULL)
    return FALSE;
  report = errata_report_gather (project, error);
  if (report == NULL)
    return FALSE;
  if (format == FORMAT_HTML)
    return errata_report_write_html (report, file, NULL, error);
  return errata_report_write_pdf (report, file, NULL, error);
}

int
errata_cli_report (int    argc,
                   char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *format_name = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the report to FILE (.html or .pdf)"), N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("html or pdf (default: from the file name)"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT"), _("Write the project’s report: what breaks, how often, "
                                            "how sure we are, with examples."));
  g_autoptr(GError) error = NULL;
  ReportFormat format;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 2)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("“report” takes exactly one project file"));
  if (output == NULL)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("Say where to write the report: -o FILE.html or -o FILE.pdf"));
  format = pick_format (format_name, output);
  if (format == FORMAT_UNKNOWN)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("Cannot tell the format of “%s”: name it .html or .pdf, or give "
                              "--format html|pdf"), format_name != NULL ? format_name : output);
  if (!write_report (argv[1], output, format, &error))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "%s", error->message);
  g_print (_("Wrote %s\n"), output);
  return ERRATA_CLI_EXIT_OK;
}
