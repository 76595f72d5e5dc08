/* errata-live-traces-options.h: the port and the idle time of live traces.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_LIVE_TRACES_OPTIONS (errata_live_traces_options_get_type ())

/* The ports below are the system's: an app that is not root (and one in
 * a Flatpak never is) cannot listen there. */
#define ERRATA_LIVE_TRACES_MIN_PORT 1024

G_DECLARE_FINAL_TYPE (ErrataLiveTracesOptions, errata_live_traces_options, ERRATA, LIVE_TRACES_OPTIONS, GtkPopover)

GtkWidget *errata_live_traces_options_new              (void);
/* 1 to 65535. */
void       errata_live_traces_options_set_port         (ErrataLiveTracesOptions *self,
                                                        guint                    port);
guint      errata_live_traces_options_get_port         (ErrataLiveTracesOptions *self);
/* How long a trace without its root span waits for more spans: 1 to
 * 3600 seconds. */
void       errata_live_traces_options_set_idle_seconds (ErrataLiveTracesOptions *self,
                                                        guint                    seconds);
guint      errata_live_traces_options_get_idle_seconds (ErrataLiveTracesOptions *self);

G_END_DECLS
