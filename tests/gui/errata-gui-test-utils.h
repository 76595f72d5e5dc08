/* errata-gui-test-utils.h: helpers shared by the display tests.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*ErrataGuiTestCondition) (gpointer data);

/* Seconds errata_gui_test_iterate_until() waits: generous, because a busy
 * machine is slow, not wrong. */
#define ERRATA_GUI_TEST_DEADLINE 30

/* Runs the main loop until `condition` holds; fails the test after
 * ERRATA_GUI_TEST_DEADLINE seconds. */
void        errata_gui_test_iterate_until     (ErrataGuiTestCondition  condition,
                                               gpointer                data);
/* The same, failing after `seconds` (for imports and loads that take long). */
void        errata_gui_test_iterate_until_full (ErrataGuiTestCondition condition,
                                                gpointer               data,
                                                guint                  seconds);
/* Runs the main loop for `ms` milliseconds. Only for letting time pass
 * (a pause between key presses, a debounce that must not fire yet);
 * never to wait for something to happen: use iterate_until for that. */
void        errata_gui_test_iterate_for       (guint                   ms);
/* Asks `widget` (mapped) for a new frame and runs the main loop until its
 * frame clock has painted one. */
void        errata_gui_test_wait_for_frame    (GtkWidget              *widget);
gboolean    errata_gui_test_widget_is_drawn   (gpointer                widget);

/* Every widget of `type` under `root`, mapped or not, in tree order. */
GPtrArray  *errata_gui_test_find_all          (GtkWidget              *root,
                                               GType                   type);
/* The first widget of `type` under `root`, mapped or not, that has
 * `css_class`; NULL if none. */
gpointer    errata_gui_test_find_with_class   (GtkWidget              *root,
                                               GType                   type,
                                               const char             *css_class);
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
/* The drawn button under `root` whose label, without its mnemonic
 * underscores, is `label`; NULL if none. */
GtkButton  *errata_gui_test_find_button       (GtkWidget              *root,
                                               const char             *label);
/* The text of every label under `root` that is visible, as are all the
 * widgets above it up to `root`, one a line. Visible, not mapped: a label
 * on a page that is about to be shown counts. */
char       *errata_gui_test_dup_visible_text  (GtkWidget              *root);

/* Renders `widget` as it is on screen, and saves it as `name` (a PNG) in
 * the test's build folder so that a person can look at it. The texture is
 * the caller's: a result left on the floor is a leak LeakSanitizer finds,
 * so the compiler says so first. */
G_GNUC_WARN_UNUSED_RESULT
GdkTexture *errata_gui_test_render            (GtkWidget              *widget);
G_GNUC_WARN_UNUSED_RESULT
GdkTexture *errata_gui_test_render_to_png     (GtkWidget              *widget,
                                               const char             *name);
/* The same, letting the main loop run `settle_ms` (300 above) first. */
G_GNUC_WARN_UNUSED_RESULT
GdkTexture *errata_gui_test_render_to_png_full (GtkWidget             *widget,
                                                const char            *name,
                                                guint                  settle_ms);
/* Mean brightness (0..255) of the 4×4 patch at x, y. */
double      errata_gui_test_brightness_at     (GdkTexture             *texture,
                                               int                     x,
                                               int                     y);

G_END_DECLS
