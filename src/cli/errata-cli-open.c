/* errata-cli-open.c: opening the project a command works on. An older
 * project is upgraded first, which can take minutes (a 1M-trace project:
 * ~17); its progress goes to stderr, and Ctrl+C or SIGTERM cancels it,
 * leaving the file as it was.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-cli-common.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "errata-cli-compact.h"
#include "errata-cli-outcome.h"
#include "errata-upgrade-progress.h"

typedef struct
{
  const char         *path;
  gboolean            terminal;   /* stderr: redraw one line */
  gboolean            drawn;      /* a progress line is on the terminal */
  int                 percent;    /* last drawn */
  ErrataUpgradePhase  phase;      /* last printed, when not a terminal */
  gboolean            printed;
} OpenProgress;

static void
draw_progress (OpenProgress                *self,
               const ErrataUpgradeProgress *progress)
{
  int percent = (int)(progress->fraction * 100);
  g_autofree char *text = NULL;

  if (self->drawn && percent == self->percent && progress->phase == self->phase &&
      progress->phase != ERRATA_UPGRADE_PHASE_PACK)
    return;
  text = errata_upgrade_progress_describe (progress);
  /* Translators: "upgrading “p.errata” 42% · Compressing traces: 4,000 of 10,000". */
  g_printerr ("\r\033[K");
  g_printerr (_("errata-cli: upgrading “%s” %d%% · %s"), self->path, percent, text);
  self->drawn = TRUE;
  self->percent = percent;
  self->phase = progress->phase;
}

/* A log gets one line per phase, not a line per batch. */
static void
print_phase (OpenProgress                *self,
             const ErrataUpgradeProgress *progress)
{
  g_autofree char *text = NULL;

  if (self->printed && progress->phase == self->phase)
    return;
  text = errata_upgrade_progress_describe (progress);
  g_printerr (_("errata-cli: upgrading “%s”: %s\n"), self->path, text);
  self->printed = TRUE;
  self->phase = progress->phase;
}

static void
on_progress (const ErrataUpgradeProgress *progress,
             gpointer                     data)
{
  OpenProgress *self = data;

  if (progress->phase == ERRATA_UPGRADE_PHASE_DONE)
    return;
  if (self->terminal)
    draw_progress (self, progress);
  else
    print_phase (self, progress);
}

static void
clear_progress (OpenProgress *self)
{
  if (self->drawn)
    g_printerr ("\r\033[K");
  self->drawn = FALSE;
}

/* Ctrl+C once the upgrade had committed: the project is upgraded, and
 * the command the user stopped does not run. */
static ErrataProject *
refuse_interrupted (ErrataProject  *project,
                    const char     *path,
                    GError        **error)
{
  errata_project_close (project);
  g_object_unref (project);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
               _("Interrupted after “%s” was upgraded; the command did not run."), path);
  return NULL;
}

static void
tell_backup (ErrataProject *project,
             const char    *path)
{
  GFile *backup = errata_project_get_upgrade_backup (project);
  g_autofree char *backup_path = NULL;

  if (backup == NULL)
    return;
  backup_path = g_file_get_path (backup);
  /* On stderr: stdout may be a report a script reads. */
  g_printerr (_("errata-cli: upgraded “%s” to this version’s format; the old file is kept "
                "as “%s”.\n"), path, backup_path);
  /* The upgrade leaves the pages packing freed in the file. */
  errata_cli_tell_compact_offer (project, path);
}

ErrataProject *
errata_cli_open_project (const char              *path,
                         ErrataProjectOpenFlags   flags,
                         GError                 **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(ErrataCliInterrupt) interrupt = { 0 };
  OpenProgress progress = { path, isatty (STDERR_FILENO), FALSE, -1, 0, FALSE };
  ErrataProject *project;

  /* The open runs on a thread so that this one can show its progress
   * and take Ctrl+C. */
  errata_cli_interrupt_watch (&interrupt, cancellable, NULL);
  errata_project_open_with_progress_async (file, flags, on_progress, &progress, NULL,
                                           cancellable, errata_cli_on_result, &result);
  project = errata_project_open_finish (errata_cli_wait (&result), error);
  clear_progress (&progress);
  if (project == NULL)
    return NULL;
  tell_backup (project, path);
  if (g_cancellable_is_cancelled (cancellable))
    return refuse_interrupted (project, path, error);
  return project;
}
