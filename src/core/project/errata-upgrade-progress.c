/* errata-upgrade-progress.c: the upgrade's progress, as a fraction of the
 * whole and a sentence; its reports, thinned, and handed from the thread
 * that opens to the caller's main context.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-upgrade-progress.h"

#include <glib/gi18n-lib.h>

#include "errata-project-open-private.h"

/* Where each phase starts in the whole upgrade's fraction, by its share
 * of a 100k version 9 project's upgrade time (bench/README.md, "Upgrade
 * progress", without the VACUUM that was its last phase until it became
 * a step of its own): the backup copy and the packing are the large
 * parts; the other format steps are small at that size. */
static const double phase_start[] = {
  [ERRATA_UPGRADE_PHASE_BACKUP] = 0.0,
  [ERRATA_UPGRADE_PHASE_MIGRATE] = 0.22,
  [ERRATA_UPGRADE_PHASE_PACK] = 0.27,
  [ERRATA_UPGRADE_PHASE_DONE] = 1.0,
};

/* Enough reports for a bar to move smoothly; few enough that a million
 * traces do not flood a main loop. */
#define MIN_STEP 0.002

static double
fraction_of (ErrataUpgradePhase phase,
             gint64             done,
             gint64             total)
{
  double start = phase_start[phase];
  double share = phase == ERRATA_UPGRADE_PHASE_DONE ? 0 : phase_start[phase + 1] - start;

  if (total <= 0)
    return start;
  return start + share * CLAMP ((double)done / total, 0.0, 1.0);
}

void
_errata_upgrade_monitor_report (ErrataUpgradeMonitor *monitor,
                                ErrataUpgradePhase    phase,
                                gint64                done,
                                gint64                total)
{
  ErrataUpgradeProgress progress;

  if (monitor == NULL || monitor->func == NULL)
    return;
  progress.phase = phase;
  progress.done = done;
  progress.total = total;
  /* A backup restarts when another connection writes: the bar stays. */
  progress.fraction = MAX (fraction_of (phase, done, total), monitor->last.fraction);
  progress.can_cancel = phase < ERRATA_UPGRADE_PHASE_DONE;
  if (monitor->reported && phase == monitor->last.phase && done != total &&
      progress.fraction - monitor->last.fraction < MIN_STEP)
    return;
  monitor->last = progress;
  monitor->reported = TRUE;
  monitor->func (&progress, monitor->data);
}

gboolean
_errata_upgrade_monitor_is_cancelled (ErrataUpgradeMonitor *monitor)
{
  return monitor != NULL && g_cancellable_is_cancelled (monitor->cancellable);
}

static char *
describe_count (gint64 done,
                gint64 total)
{
  g_autofree char *done_text = g_strdup_printf ("%'" G_GINT64_FORMAT, done);
  g_autofree char *total_text = g_strdup_printf ("%'" G_GINT64_FORMAT, total);

  /* Translators: "Compressing traces: 12,000 of 1,000,000". */
  return g_strdup_printf (_("Compressing traces: %s of %s"), done_text, total_text);
}

/* One sentence for a window's status line or errata-cli's stderr. */
char *
errata_upgrade_progress_describe (const ErrataUpgradeProgress *progress)
{
  g_return_val_if_fail (progress != NULL, NULL);

  switch (progress->phase)
    {
    case ERRATA_UPGRADE_PHASE_BACKUP:
      return g_strdup (_("Keeping a copy of the old file"));
    case ERRATA_UPGRADE_PHASE_MIGRATE:
      /* Translators: a step of the file format's upgrade, "2 of 3". */
      return g_strdup_printf (_("Updating the file format: step %d of %d"),
                              (int)progress->done + 1, (int)MAX (progress->total, 1));
    case ERRATA_UPGRADE_PHASE_PACK:
      return describe_count (progress->done, progress->total);
    case ERRATA_UPGRADE_PHASE_DONE:
    default:
      return g_strdup (_("Upgraded"));
    }
}

/* Reports on the caller's main context (errata-progress-relay.c) */

ErrataUpgradeRelay *
_errata_upgrade_relay_new (ErrataUpgradeProgressFunc func,
                           gpointer                  data,
                           GDestroyNotify            notify)
{
  return errata_progress_relay_new ((ErrataProgressRelayFunc)func, data, notify,
                                    "[errata] upgrade progress");
}

void
_errata_upgrade_relay_unref (ErrataUpgradeRelay *relay)
{
  errata_progress_relay_unref (relay);
}

/* An ErrataUpgradeProgressFunc for the opening thread. */
void
_errata_upgrade_relay_report (const ErrataUpgradeProgress *progress,
                              gpointer                     data)
{
  errata_progress_relay_post (data, progress, sizeof *progress);
}
