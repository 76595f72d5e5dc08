/* errata-coding-panel.h: the open-coding form beside a trace.
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

#define ERRATA_TYPE_CODING_PANEL (errata_coding_panel_get_type ())

/* How long the note waits after the last keystroke before it is saved. */
#define ERRATA_CODING_PANEL_NOTE_DELAY_MS 400

G_DECLARE_FINAL_TYPE (ErrataCodingPanel, errata_coding_panel, ERRATA, CODING_PANEL, GtkWidget)

GtkWidget     *errata_coding_panel_new               (void);

void           errata_coding_panel_set_trace         (ErrataCodingPanel  *self,
                                                      ErrataProject      *project,
                                                      ErrataTrace        *trace);
void           errata_coding_panel_update_trace      (ErrataCodingPanel  *self,
                                                      ErrataTrace        *trace);
ErrataProject *errata_coding_panel_get_project       (ErrataCodingPanel  *self);
ErrataTrace   *errata_coding_panel_get_trace         (ErrataCodingPanel  *self);

ErrataVerdict  errata_coding_panel_get_verdict       (ErrataCodingPanel  *self);
void           errata_coding_panel_set_verdict       (ErrataCodingPanel  *self,
                                                      ErrataVerdict       verdict);
int            errata_coding_panel_get_first_failure (ErrataCodingPanel  *self);
void           errata_coding_panel_set_first_failure (ErrataCodingPanel  *self,
                                                      int                 index);
char          *errata_coding_panel_dup_note          (ErrataCodingPanel  *self);
const char    *errata_coding_panel_get_annotator     (ErrataCodingPanel  *self);

gboolean       errata_coding_panel_get_editable      (ErrataCodingPanel  *self);
gboolean       errata_coding_panel_has_unsaved       (ErrataCodingPanel  *self);
const GError  *errata_coding_panel_get_error         (ErrataCodingPanel  *self);
gboolean       errata_coding_panel_flush             (ErrataCodingPanel  *self,
                                                      GError            **error);

void           errata_coding_panel_set_taxonomy      (ErrataCodingPanel  *self,
                                                      ErrataTaxonomy     *taxonomy);
const char    *errata_coding_panel_get_modes_text    (ErrataCodingPanel  *self);

void           errata_coding_panel_set_undo_stack    (ErrataCodingPanel  *self,
                                                      ErrataUndoStack    *undo_stack);
void           errata_coding_panel_reload            (ErrataCodingPanel  *self);

G_END_DECLS
