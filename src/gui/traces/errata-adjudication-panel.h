/* errata-adjudication-panel.h: in the coding panel, the trace's disputed
 * labels (overall and per failure mode): what each reviewer said, side by
 * side, and a form that settles one with a label and a reason.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-project.h"
#include "errata-trace.h"
#include "errata-undo-stack.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_ADJUDICATION_PANEL (errata_adjudication_panel_get_type ())

G_DECLARE_FINAL_TYPE (ErrataAdjudicationPanel, errata_adjudication_panel, ERRATA,
                      ADJUDICATION_PANEL, GtkWidget)

GtkWidget *errata_adjudication_panel_new            (void);

/* @blind: blind review hides the reviews (my verdict is not saved yet):
 * only that the label is disputed shows, and nothing can be settled. */
void       errata_adjudication_panel_set_trace      (ErrataAdjudicationPanel  *self,
                                                     ErrataProject            *project,
                                                     ErrataTrace              *trace,
                                                     const char               *annotator,
                                                     gboolean                  blind);
void       errata_adjudication_panel_set_undo_stack (ErrataAdjudicationPanel  *self,
                                                     ErrataUndoStack          *undo_stack);
/* How many of the trace's labels are disputed (one per target). */
guint      errata_adjudication_panel_get_n_disputes (ErrataAdjudicationPanel  *self);
/* What the Settle button of a target's dispute does; emits ::settled. */
gboolean   errata_adjudication_panel_settle         (ErrataAdjudicationPanel  *self,
                                                     gint64                    target,
                                                     ErrataVerdict             value,
                                                     const char               *reason,
                                                     GError                  **error);

G_END_DECLS
