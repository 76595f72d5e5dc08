/* errata-coding-panel-private.h: what the files of the coding panel share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-coding-panel.h"
#include "errata-adjudication-panel.h"
#include "errata-label-history.h"
#include "errata-mode-labels.h"

G_BEGIN_DECLS

typedef enum
{
  SAVE_STATE_NONE,      /* nothing written yet for this trace */
  SAVE_STATE_PENDING,   /* a note edit waits for typing to pause */
  SAVE_STATE_SAVED,
  SAVE_STATE_FAILED,
} SaveState;

/* What self->error is about, which decides how it is worded. */
typedef enum
{
  ERROR_KIND_READ,       /* the stored review could not be read */
  ERROR_KIND_SAVE,       /* this form could not be written; it is kept */
  ERROR_KIND_PREVIOUS,   /* the form of the previous trace was lost */
} ErrorKind;

struct _ErrataCodingPanel
{
  GtkWidget          parent_instance;

  GSettings         *settings;
  ErrataProject     *project;
  ErrataTrace       *trace;
  ErrataTaxonomy    *taxonomy;
  ErrataUndoStack   *undo_stack;  /* the page's, where saved edits go */
  char              *annotator;
  ErrataVerdict      verdict;
  int                first_failure;

  guint              note_timeout_id;
  gboolean           dirty;      /* fields differ from what is stored */
  gboolean           syncing;    /* widgets are being set from the model */
  SaveState          save_state;
  GError            *error;
  ErrorKind          error_kind;

  GtkWidget         *scroller;
  GtkBox            *state_box;
  GtkImage          *state_icon;
  GtkLabel          *state_label;
  GtkLabel          *annotator_label;
  GtkLabel          *reason_label;
  GtkLabel          *error_label;
  GtkWidget         *form;
  GtkToggleButton   *pass_button;
  GtkToggleButton   *fail_button;
  GtkTextView       *note_view;
  GtkWidget         *note_placeholder;
  GtkLabel          *modes_label;
  AdwActionRow      *first_failure_row;
  ErrataModeLabels  *mode_labels;
  GtkWidget         *mode_labels_box;
  ErrataAdjudicationPanel *adjudication;
  ErrataLabelHistory *label_history;
  GtkWidget         *others_box;
  GtkListBox        *others_list;
};

/* errata-coding-panel-state.c */
void           _errata_coding_panel_update_save_state        (ErrataCodingPanel *self);
void           _errata_coding_panel_set_save_state           (ErrataCodingPanel *self,
                                                              SaveState          state);
void           _errata_coding_panel_update_annotator_label   (ErrataCodingPanel *self);
void           _errata_coding_panel_update_verdict_buttons   (ErrataCodingPanel *self);
char          *_errata_coding_panel_dup_first_failure_text   (ErrataTrace       *trace,
                                                              int                index);
void           _errata_coding_panel_update_first_failure_row (ErrataCodingPanel *self);
void           _errata_coding_panel_update_placeholder       (ErrataCodingPanel *self);
void           _errata_coding_panel_update_sensitivity       (ErrataCodingPanel *self);
void           _errata_coding_panel_update_modes_label       (ErrataCodingPanel *self);

/* errata-coding-panel-others.c */
void           _errata_coding_panel_update_other_reviews     (ErrataCodingPanel *self);
gboolean       _errata_coding_panel_is_blind                 (ErrataCodingPanel *self);

/* errata-coding-panel-adjudication.c */
void           _errata_coding_panel_update_adjudication      (ErrataCodingPanel *self);
void           _errata_coding_panel_connect_adjudication     (ErrataCodingPanel *self);

/* errata-coding-panel.c */
GtkTextBuffer *_errata_coding_panel_get_note_buffer          (ErrataCodingPanel *self);
gboolean       _errata_coding_panel_can_edit                 (ErrataCodingPanel *self);

/* errata-coding-panel-save.c */
gboolean       _errata_coding_panel_save                     (ErrataCodingPanel  *self,
                                                              GError            **error);
void           _errata_coding_panel_save_now                 (ErrataCodingPanel *self);
void           _errata_coding_panel_set_dirty                (ErrataCodingPanel *self,
                                                              gboolean           dirty);
void           _errata_coding_panel_on_note_changed          (ErrataCodingPanel *self);
void           _errata_coding_panel_load_annotation          (ErrataCodingPanel *self);
GError        *_errata_coding_panel_flush_before_leaving     (ErrataCodingPanel *self);
void           _errata_coding_panel_show_leaving_error       (ErrataCodingPanel *self,
                                                              GError            *error);

G_END_DECLS
