/* errata-canvas-drop.h: what a drop on the Failure Modes canvas means,
 * shared by the groups and the page's "New failure mode" zone. A drop is
 * carried out by activating the page's canvas.* actions, so the drop
 * targets need not know the page.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "errata-card-item.h"

G_BEGIN_DECLS

/* A target that does not exist yet: the "New failure mode" drop zone. */
#define ERRATA_NEW_MODE ((gint64)-1)

/* canvas.move-cards: (from mode, annotation ids, to mode, copy). */
#define ERRATA_CANVAS_MOVE_CARDS_TYPE "(xaxxb)"

/* `value` holds an ErrataCardItem, an ErrataCardSet or an ErrataModeGroup
 * (or is NULL while it loads); `target` is a mode id, ERRATA_UNSORTED or
 * ERRATA_NEW_MODE. */
GdkDragAction errata_canvas_drop_action       (const GValue  *value,
                                               gint64         target,
                                               GdkDragAction  offered);
/* Activates canvas.move-cards or canvas.merge-modes from `widget`; FALSE
 * when the drop means nothing there or no page took it. */
gboolean      errata_canvas_drop              (GtkWidget     *widget,
                                               const GValue  *value,
                                               gint64         target,
                                               GdkDragAction  action);
/* Activates canvas.move-cards from `widget` for `cards`. */
gboolean      errata_canvas_move_cards        (GtkWidget     *widget,
                                               ErrataCardSet *cards,
                                               gint64         to_mode,
                                               gboolean       copy);
/* The cards of a canvas.move-cards parameter; *to_mode, *copy set. */
ErrataCardSet *errata_canvas_cards_from_variant (GVariant    *parameter,
                                                 gint64      *to_mode,
                                                 gboolean    *copy);

G_END_DECLS
