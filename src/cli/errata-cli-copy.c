/* errata-cli-copy.c: `errata-cli copy PROJECT OUT.errata [--no-cache]
 * [--only-reviewer NAME] [--drop-imported] [--redact REGEX]…
 * [--redact-key KEY]… [--default-redactions] [--dry-run]`.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-cli-copy.h"

#include <glib/gi18n.h>

#include "errata-cli-common.h"
#include "errata-project-copy.h"

static gboolean
build_options (ErrataCopyOptions  *options,
               char              **patterns,
               char              **keys,
               GError            **error)
{
  for (guint i = 0; patterns && patterns[i]; i++)
    if (!errata_copy_options_add_pattern (options, patterns[i], error))
      return FALSE;
  for (guint i = 0; keys && keys[i]; i++)
    if (*keys[i] != '\0')
      errata_copy_options_add_key (options, keys[i]);
  return TRUE;
}

static void
print_counts (ErrataCopyOptions *options,
              gboolean           dry_run)
{
  guint n = errata_copy_options_get_n_rules (options);

  if (n == 0)
    return;
  g_print ("%s\n", dry_run ? _("Would replace:") : _("Replaced:"));
  for (guint i = 0; i < n; i++)
    g_print ("  %8" PRIu64 "  %s\n", errata_copy_options_get_rule_count (options, i),
             errata_copy_options_get_rule_label (options, i));
}

/* Opening read-only says in words what is wrong with a file that is not
 * a project, is damaged or is too new; it never upgrades the original. */
static gboolean
check_project (const char  *path,
               GError     **error)
{
  g_autoptr(ErrataProject) project = errata_cli_open_project (path, ERRATA_PROJECT_OPEN_READ_ONLY,
                                                              error);

  if (project == NULL)
    return FALSE;
  errata_project_close (project);
  return TRUE;
}

static int
copy (const char        *project_path,
      const char        *out_path,
      ErrataCopyOptions *options,
      gboolean           dry_run)
{
  g_autoptr(GFile) project = g_file_new_for_commandline_arg (project_path);
  g_autoptr(GFile) out = NULL;
  g_autoptr(GError) error = NULL;

  if (!check_project (project_path, &error))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "%s", error->message);
  if (dry_run)
    {
      if (!errata_project_copy_dry_run (project, options, NULL, &error))
        return errata_cli_fail (ERRATA_CLI_EXIT_FAILED, "%s", error->message);
      print_counts (options, TRUE);
      g_print (_("Nothing was written (--dry-run).\n"));
      return ERRATA_CLI_EXIT_OK;
    }
  out = g_file_new_for_commandline_arg (out_path);
  if (g_file_query_exists (out, NULL))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("“%s” already exists: choose another name or remove it first"),
                            out_path);
  if (!errata_project_copy (project, out, options, NULL, &error))
    return errata_cli_fail (ERRATA_CLI_EXIT_FAILED, _("Could not copy: %s"), error->message);
  print_counts (options, FALSE);
  g_print (_("Wrote %s\n"), out_path);
  return ERRATA_CLI_EXIT_OK;
}

int
errata_cli_copy (int    argc,
                 char **argv)
{
  gboolean no_cache = FALSE;
  gboolean drop_imported = FALSE;
  gboolean defaults = FALSE;
  gboolean dry_run = FALSE;
  g_autofree char *reviewer = NULL;
  g_auto(GStrv) patterns = NULL;
  g_auto(GStrv) keys = NULL;
  GOptionEntry entries[] = {
    { "no-cache", 0, 0, G_OPTION_ARG_NONE, &no_cache,
      N_("Leave out the LLM reply cache (always left out when redacting)"), NULL },
    { "only-reviewer", 0, 0, G_OPTION_ARG_STRING, &reviewer,
      N_("Keep only NAME’s reviews; other reviewers’ verdicts and notes are left out"),
      N_("NAME") },
    { "drop-imported", 0, 0, G_OPTION_ARG_NONE, &drop_imported,
      N_("With --only-reviewer, also leave out labels imported with the traces"), NULL },
    { "redact", 0, 0, G_OPTION_ARG_STRING_ARRAY, &patterns,
      N_("Replace text matching REGEX in messages, notes and metadata (repeatable)"),
      N_("REGEX") },
    { "redact-key", 0, 0, G_OPTION_ARG_STRING_ARRAY, &keys,
      N_("Replace the value of metadata KEY wherever it appears (repeatable)"), N_("KEY") },
    { "default-redactions", 0, 0, G_OPTION_ARG_NONE, &defaults,
      N_("Redact e-mail addresses, phone numbers and keys such as user_id, email, phone"),
      NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Count what each rule would replace; write nothing"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT OUT.errata"),
                            _("Write a self-contained copy of a project to share, while it may "
                              "stay open in Errata. The project itself is only read."));
  g_autoptr(ErrataCopyOptions) options = errata_copy_options_new ();
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 3 && !(dry_run && argc == 2))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE,
                            _("“copy” takes a project file and the file to write"));
  errata_copy_options_set_leave_out_cache (options, no_cache);
  errata_copy_options_set_only_reviewer (options, reviewer);
  errata_copy_options_set_keep_imported (options, !drop_imported);
  if (defaults)
    errata_copy_options_add_default_redactions (options);
  if (!build_options (options, patterns, keys, &error))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "%s", error->message);
  return copy (argv[1], argc == 3 ? argv[2] : NULL, options, dry_run);
}
