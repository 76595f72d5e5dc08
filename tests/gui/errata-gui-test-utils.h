/* errata-gui-test-utils.h: helpers shared by the display tests.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*ErrataGuiTestCondition) (gpointer data);

/* Runs the main loop until `condition` holds; fails the test after 10 s. */
void        errata_gui_test_iterate_until     (ErrataGuiTestCondition  condition,
                                               gpointer                data);
/* Runs the main loop for `ms` milliseconds. */
void        errata_gui_test_iterate_for       (guint                   ms);
gboolean    errata_gui_test_widget_is_drawn   (gpointer                widget);

/* Widgets of `type` under `root` that are mapped (the user can see them). */
GPtrArray  *errata_gui_test_find_visible      (GtkWidget              *root,
                                               GType                   type);
gpointer    errata_gui_test_find_one_visible  (GtkWidget              *root,
                                               GType                   type);
/* The first widget of `type` under `root`, mapped or not; NULL if none. */
gpointer    errata_gui_test_find_first        (GtkWidget              *root,
                                               GType                   type);
guint       errata_gui_test_count_visible     (GtkWidget              *root,
                                               GType                   type);
gboolean    errata_gui_test_shows_label       (GtkWidget              *root,
                                               const char             *text);

/* Renders `widget` as it is on screen, and saves it as `name` (a PNG) in
 * the test's build folder so that a person can look at it. */
GdkTexture *errata_gui_test_render            (GtkWidget              *widget);
GdkTexture *errata_gui_test_render_to_png     (GtkWidget              *widget,
                                               const char             *name);
/* Mean brightness (0..255) of the 4×4 patch at x, y. */
double      errata_gui_test_brightness_at     (GdkTexture             *texture,
                                               int                     x,
                                               int                     y);

G_END_DECLS
