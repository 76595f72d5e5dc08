/* errata-note-card.h: the card that shows one note on the Failure Modes
 * canvas. (ErrataNoteCard is the core's plain struct for a note, so the
 * widget is ErrataNoteCardWidget.)
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "errata-card-item.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_NOTE_CARD_WIDGET (errata_note_card_widget_get_type ())

G_DECLARE_FINAL_TYPE (ErrataNoteCardWidget, errata_note_card_widget, ERRATA, NOTE_CARD_WIDGET,
                      GtkWidget)

GtkWidget      *errata_note_card_widget_new        (void);
ErrataCardItem *errata_note_card_widget_get_item   (ErrataNoteCardWidget *self);
void            errata_note_card_widget_set_item   (ErrataNoteCardWidget *self,
                                                    ErrataCardItem       *item);
/* Opens the card's "Move to…" menu (Ctrl+M, the menu key, right click). */
void            errata_note_card_widget_popup_menu (ErrataNoteCardWidget *self);
gboolean        errata_note_card_widget_menu_is_open (ErrataNoteCardWidget *self);
/* What a drag of this card shows under the pointer (a new widget). */
GtkWidget      *errata_note_card_widget_create_drag_icon (ErrataNoteCardWidget *self,
                                                          gboolean              composited);

G_END_DECLS
