/* errata-progress-relay.c: progress reports from a worker thread, delivered
 * on the main context of the thread that started the work (the opening's
 * upgrade, compacting). A report is copied when posted, so the worker may
 * reuse its own at once.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-progress-relay.h"

struct _ErrataProgressRelay
{
  ErrataProgressRelayFunc  func;
  gpointer                 data;
  GDestroyNotify           notify;
  GMainContext            *context;
  const char              *source_name;
};

typedef struct
{
  ErrataProgressRelay *relay;
  gpointer             report;
} RelayedReport;

static void
relay_clear (ErrataProgressRelay *relay)
{
  if (relay->notify != NULL)
    relay->notify (relay->data);
  g_main_context_unref (relay->context);
}

/* @source_name: a static string, the name of the reports' idle sources. */
ErrataProgressRelay *
errata_progress_relay_new (ErrataProgressRelayFunc  func,
                           gpointer                 data,
                           GDestroyNotify           notify,
                           const char              *source_name)
{
  ErrataProgressRelay *relay = g_atomic_rc_box_new0 (ErrataProgressRelay);

  g_return_val_if_fail (func != NULL, NULL);

  relay->func = func;
  relay->data = data;
  relay->notify = notify;
  relay->context = g_main_context_ref_thread_default ();
  relay->source_name = source_name;
  return relay;
}

void
errata_progress_relay_unref (ErrataProgressRelay *relay)
{
  g_atomic_rc_box_release_full (relay, (GDestroyNotify)relay_clear);
}

static void
relayed_report_free (RelayedReport *relayed)
{
  errata_progress_relay_unref (relayed->relay);
  g_free (relayed->report);
  g_free (relayed);
}

static gboolean
deliver_report (gpointer data)
{
  RelayedReport *relayed = data;

  relayed->relay->func (relayed->report, relayed->relay->data);
  return G_SOURCE_REMOVE;
}

/* The reports are queued at the default priority, as a GTask's result is,
 * so they arrive in order and before it. */
void
errata_progress_relay_post (ErrataProgressRelay *relay,
                            gconstpointer        report,
                            gsize                size)
{
  RelayedReport *relayed = g_new0 (RelayedReport, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  relayed->relay = g_atomic_rc_box_acquire (relay);
  relayed->report = g_memdup2 (report, size);
  /* Not g_main_context_invoke(): when the context is idle it would call
   * back on this thread, and a window must only be touched on its own. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_report, relayed, (GDestroyNotify)relayed_report_free);
  g_source_set_static_name (source, relay->source_name);
  g_source_attach (source, relay->context);
}
