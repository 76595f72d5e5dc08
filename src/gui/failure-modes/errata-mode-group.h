/* errata-mode-group.h: one failure mode on the canvas (or the Unsorted
 * pile): its title, definition, colour, live count and its cards.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "errata-card-item.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_MODE_GROUP (errata_mode_group_get_type ())

G_DECLARE_FINAL_TYPE (ErrataModeGroup, errata_mode_group, ERRATA, MODE_GROUP, GtkWidget)

/* mode_id ERRATA_UNSORTED makes the Unsorted pile. */
GtkWidget          *errata_mode_group_new             (gint64                   mode_id);
gint64              errata_mode_group_get_mode_id     (ErrataModeGroup         *self);
const char         *errata_mode_group_get_name        (ErrataModeGroup         *self);
const char         *errata_mode_group_get_colour      (ErrataModeGroup         *self);
void                errata_mode_group_set_mode        (ErrataModeGroup         *self,
                                                       const ErrataFailureMode *mode);
/* Element type ErrataNoteCard, in display order. Items of notes that
 * stay keep their identity, so selection and scrolling survive. */
void                errata_mode_group_set_cards       (ErrataModeGroup         *self,
                                                       GPtrArray               *cards);
/* Every card of the group (ErrataCardItem), and the ones the filter shows. */
GListModel         *errata_mode_group_get_cards       (ErrataModeGroup         *self);
GListModel         *errata_mode_group_get_visible_cards (ErrataModeGroup       *self);
GtkSelectionModel  *errata_mode_group_get_selection   (ErrataModeGroup         *self);
void                errata_mode_group_set_filter      (ErrataModeGroup         *self,
                                                       const char              *folded_text);
/* Leaves out the notes on passing traces (and offers them back with a
 * toggle that activates canvas.show-passing); Unsorted does this. */
void                errata_mode_group_set_hide_passing (ErrataModeGroup        *self,
                                                        gboolean                hide_passing);
/* How many notes on passing traces it leaves out now. */
guint               errata_mode_group_get_n_passing_hidden (ErrataModeGroup    *self);
/* The name, count and definition: what must stay in view. */
GtkWidget          *errata_mode_group_get_header      (ErrataModeGroup         *self);

void                errata_mode_group_start_rename    (ErrataModeGroup         *self);
void                errata_mode_group_start_define    (ErrataModeGroup         *self);
gboolean            errata_mode_group_is_editing      (ErrataModeGroup         *self);
GtkEditable        *errata_mode_group_get_name_entry  (ErrataModeGroup         *self);
GtkEditable        *errata_mode_group_get_definition_entry (ErrataModeGroup    *self);

/* Drag and drop. */
GtkDropTarget      *errata_mode_group_get_drop_target (ErrataModeGroup         *self);
GdkContentProvider *errata_mode_group_content_for     (ErrataModeGroup         *self,
                                                       ErrataCardItem          *item);
ErrataCardSet      *errata_mode_group_collect_cards   (ErrataModeGroup         *self,
                                                       ErrataCardItem          *item);
void                errata_mode_group_unselect_all    (ErrataModeGroup         *self);

/* "Move to…" for this group's cards (card.move-to / card.copy-to). */
void                errata_mode_group_set_move_menu   (ErrataModeGroup         *self,
                                                       GMenuModel              *menu);
GMenuModel         *errata_mode_group_get_move_menu   (ErrataModeGroup         *self);

/* The card that has the keyboard focus, if it is in this group. */
GtkWidget          *errata_mode_group_get_focused_card (ErrataModeGroup        *self);

G_END_DECLS
