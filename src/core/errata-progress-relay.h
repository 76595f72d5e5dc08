/* errata-progress-relay.h: progress reports from a worker thread, delivered
 * on the main context of the thread that started the work.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ErrataProgressRelay ErrataProgressRelay;

/* Called on the caller's context with a copy of the report the worker
 * posted (an ErrataUpgradeProgress, an ErrataCompactProgress…). */
typedef void (*ErrataProgressRelayFunc) (gconstpointer report,
                                         gpointer      data);

ErrataProgressRelay *errata_progress_relay_new   (ErrataProgressRelayFunc  func,
                                                  gpointer                 data,
                                                  GDestroyNotify           notify,
                                                  const char              *source_name);
void                 errata_progress_relay_post  (ErrataProgressRelay     *relay,
                                                  gconstpointer            report,
                                                  gsize                    size);
void                 errata_progress_relay_unref (ErrataProgressRelay     *relay);

G_END_DECLS
