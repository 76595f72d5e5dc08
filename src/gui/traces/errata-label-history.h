/* errata-label-history.h: every change of the trace's explicit labels
 * (all targets): who, when, old → new, and why. Part of the coding panel.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-project.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_LABEL_HISTORY (errata_label_history_get_type ())

G_DECLARE_FINAL_TYPE (ErrataLabelHistory, errata_label_history, ERRATA, LABEL_HISTORY, GtkWidget)

GtkWidget  *errata_label_history_new          (void);

/* Reads the trace's history (trace_id 0: none; the widget hides, as it
 * does while there is no change to show). */
void        errata_label_history_set_trace    (ErrataLabelHistory *self,
                                               ErrataProject      *project,
                                               gint64              trace_id);
guint       errata_label_history_get_n_changes (ErrataLabelHistory *self);
/* The text a change's row shows ("Overall: none → fail"), and its
 * details ("Carla · 4 Dec 2026, 12:44 · reason"); NULL past the end. */
const char *errata_label_history_get_row_title (ErrataLabelHistory *self,
                                                guint               index);
const char *errata_label_history_get_row_subtitle (ErrataLabelHistory *self,
                                                   guint               index);

G_END_DECLS
