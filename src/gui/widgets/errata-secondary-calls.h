/* errata-secondary-calls.h: the other LLM calls of a trace.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "errata-trace.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_SECONDARY_CALLS (errata_secondary_calls_get_type ())

G_DECLARE_FINAL_TYPE (ErrataSecondaryCalls, errata_secondary_calls, ERRATA, SECONDARY_CALLS, GtkWidget)

GtkWidget *errata_secondary_calls_new       (void);
/* Shows the calls in the trace's metadata.secondary_calls; returns how many. */
guint      errata_secondary_calls_set_trace (ErrataSecondaryCalls *self,
                                             ErrataTrace          *trace);

G_END_DECLS
