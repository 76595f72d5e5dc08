/* errata-live-traces-bar.h: "Receive Live Traces" on the Traces page.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "errata-project.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_LIVE_TRACES_BAR (errata_live_traces_bar_get_type ())

G_DECLARE_FINAL_TYPE (ErrataLiveTracesBar, errata_live_traces_bar, ERRATA, LIVE_TRACES_BAR, GtkBox)

GtkWidget *errata_live_traces_bar_new           (void);
/* The project the traces go to; starts receiving when it was on the last
 * time this project was open (off for a new one). */
void       errata_live_traces_bar_set_project   (ErrataLiveTracesBar *self,
                                                 ErrataProject       *project);
/* Turns receiving on or off and remembers it in the project. */
void       errata_live_traces_bar_set_receiving (ErrataLiveTracesBar *self,
                                                 gboolean             receiving);
gboolean   errata_live_traces_bar_get_receiving (ErrataLiveTracesBar *self);
/* The port the next start listens on (tests: 0, any free one). */
void       errata_live_traces_bar_set_port      (ErrataLiveTracesBar *self,
                                                 guint                port);

G_END_DECLS
