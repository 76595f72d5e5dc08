/* errata-cli-compact.c: `errata-cli compact PROJECT`, giving back the
 * pages a project no longer uses (after an upgrade, or deleting traces).
 * Its progress goes to stderr as the upgrade's does; Ctrl+C or SIGTERM
 * cancels it and leaves the file as it was.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-cli-compact.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "errata-cli-common.h"
#include "errata-cli-outcome.h"
#include "errata-project-compact.h"

/* Below this, offering to compact is noise. */
#define OFFER_MIN_BYTES (1024 * 1024)

typedef struct
{
  const char         *path;
  gboolean            terminal;   /* stderr: redraw one line */
  gboolean            drawn;      /* a progress line is on the terminal */
  int                 percent;    /* last drawn */
  ErrataCompactPhase  phase;      /* last drawn or printed */
  gboolean            printed;
} CompactProgress;

static void
on_progress (const ErrataCompactProgress *progress,
             gpointer                     data)
{
  CompactProgress *self = data;
  int percent = (int)(progress->fraction * 100);
  g_autofree char *text = NULL;

  if (progress->phase == ERRATA_COMPACT_PHASE_DONE)
    return;
  /* A log gets one line per phase; a terminal one line, redrawn. */
  if ((!self->terminal && self->printed && progress->phase == self->phase) ||
      (self->terminal && self->drawn && percent == self->percent &&
       progress->phase == self->phase))
    return;
  text = errata_compact_progress_describe (progress);
  if (self->terminal)
    {
      g_printerr ("\r\033[K");
      /* Translators: "compacting “p.errata” 42% · Writing a compact copy". */
      g_printerr (_("errata-cli: compacting “%s” %d%% · %s"), self->path, percent, text);
      self->drawn = TRUE;
    }
  else
    g_printerr (_("errata-cli: compacting “%s”: %s\n"), self->path, text);
  self->printed = TRUE;
  self->percent = percent;
  self->phase = progress->phase;
}

void
errata_cli_tell_compact_offer (ErrataProject *project,
                               const char    *path)
{
  g_autofree char *size = NULL;
  gint64 bytes = 0;

  if (!errata_project_get_reclaimable_bytes (project, &bytes, NULL) || bytes < OFFER_MIN_BYTES)
    return;
  size = g_format_size (bytes);
  /* Translators: "“p.errata” can be made 340 MB smaller: run “errata-cli compact p.errata”". */
  g_printerr (_("errata-cli: “%s” can be made %s smaller: run “errata-cli compact %s”.\n"),
              path, size, path);
}

/* Opens it first as every command does: an older project is upgraded
 * there, with its own progress and Cancel. */
static gboolean
upgrade_if_needed (const char  *path,
                   GError     **error)
{
  g_autoptr(ErrataProject) project = errata_cli_open_project (path, ERRATA_PROJECT_OPEN_NONE,
                                                              error);

  if (project == NULL)
    return FALSE;
  errata_project_close (project);
  return TRUE;
}

int
errata_cli_compact (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context =
    errata_cli_context_new (_("PROJECT"),
                            _("Give back the space a project no longer uses (after an upgrade, "
                              "or after deleting traces). Ctrl+C cancels and leaves the file "
                              "as it was."));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  g_auto(ErrataCliInterrupt) interrupt = { 0 };
  CompactProgress progress = { NULL, isatty (STDERR_FILENO), FALSE, -1, 0, FALSE };
  gint64 saved = 0;
  gboolean ok;

  if (!errata_cli_parse_options (context, &argc, &argv))
    return ERRATA_CLI_EXIT_USAGE;
  if (argc != 2)
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, _("“compact” takes a project file"));
  if (!upgrade_if_needed (argv[1], &error))
    return errata_cli_fail (ERRATA_CLI_EXIT_USAGE, "%s", error->message);

  progress.path = argv[1];
  file = g_file_new_for_commandline_arg (argv[1]);
  /* On a terminal the progress line is redrawn: start the message on a
   * line of its own. */
  errata_cli_interrupt_watch (&interrupt, cancellable,
                              progress.terminal ? _("\nerrata-cli: cancelling the compaction…")
                                                : _("errata-cli: cancelling the compaction…"));
  errata_project_compact_async (file, on_progress, &progress, NULL, cancellable,
                                errata_cli_on_result, &result);
  ok = errata_project_compact_finish (errata_cli_wait (&result), &saved, &error);
  if (progress.drawn)
    g_printerr ("\r\033[K");
  if (!ok)
    return errata_cli_fail (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                            ? ERRATA_CLI_EXIT_USAGE : ERRATA_CLI_EXIT_FAILED,
                            "%s", error->message);
  size = g_format_size (saved);
  /* Translators: "Compacted “p.errata”: 340 MB smaller". */
  g_print (_("Compacted “%s”: %s smaller\n"), argv[1], size);
  return ERRATA_CLI_EXIT_OK;
}
