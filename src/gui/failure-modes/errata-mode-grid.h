/* errata-mode-grid.h: the failure modes of the canvas, laid out in rows
 * of equal columns that wrap, so that every group's header is in view.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_MODE_GRID (errata_mode_grid_get_type ())

G_DECLARE_FINAL_TYPE (ErrataModeGrid, errata_mode_grid, ERRATA, MODE_GRID, GtkWidget)

GtkWidget *errata_mode_grid_new             (void);
/* After `sibling`; NULL puts `child` first. Children are in reading order. */
void       errata_mode_grid_insert_after    (ErrataModeGrid *self,
                                             GtkWidget      *child,
                                             GtkWidget      *sibling);
void       errata_mode_grid_remove          (ErrataModeGrid *self,
                                             GtkWidget      *child);
guint      errata_mode_grid_get_n_columns   (ErrataModeGrid *self);

G_END_DECLS
