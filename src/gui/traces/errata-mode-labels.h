/* errata-mode-labels.h: the trace's label for each failure mode (and
 * overall), where it comes from, and Pass / Fail buttons that set an
 * explicit label. Part of the coding panel.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-project.h"
#include "errata-taxonomy.h"
#include "errata-undo-stack.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_MODE_LABELS (errata_mode_labels_get_type ())

G_DECLARE_FINAL_TYPE (ErrataModeLabels, errata_mode_labels, ERRATA, MODE_LABELS, GtkWidget)

GtkWidget  *errata_mode_labels_new              (void);

void        errata_mode_labels_set_trace        (ErrataModeLabels  *self,
                                                 ErrataProject     *project,
                                                 ErrataTaxonomy    *taxonomy,
                                                 gint64             trace_id,
                                                 const char        *annotator);
void        errata_mode_labels_refresh          (ErrataModeLabels  *self);
void        errata_mode_labels_set_undo_stack   (ErrataModeLabels  *self,
                                                 ErrataUndoStack   *undo_stack);

gboolean    errata_mode_labels_get_expanded     (ErrataModeLabels  *self);
void        errata_mode_labels_set_expanded     (ErrataModeLabels  *self,
                                                 gboolean           expanded);

gboolean    errata_mode_labels_set_label        (ErrataModeLabels  *self,
                                                 gint64             target,
                                                 ErrataVerdict      value,
                                                 GError           **error);

/* What the row of `target` says of its label ("fail · from your
 * review"), or NULL when there is no such row (or the rows are not read,
 * the expander being closed). */
const char *errata_mode_labels_get_row_text     (ErrataModeLabels  *self,
                                                 gint64             target);

G_END_DECLS
