/* errata-toast-helper.h: one toast per AdwToastOverlay, updated in place.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows `text` (plain text: it is escaped here) in the overlay's toast. */
void      errata_toast_helper_show             (AdwToastOverlay *overlay,
                                                const char      *text);
/* The same with a button (Undo) that activates `action_name` with
 * `action_target` (nullable; floating references are sunk). */
void      errata_toast_helper_show_with_action (AdwToastOverlay *overlay,
                                                const char      *text,
                                                const char      *button_label,
                                                const char      *action_name,
                                                GVariant        *action_target);
/* Takes the toast off the screen (after its show animation, see the .c). */
void      errata_toast_helper_hide             (AdwToastOverlay *overlay);
/* The overlay's one toast, or NULL before the first show; for tests. */
AdwToast *errata_toast_helper_get_toast        (AdwToastOverlay *overlay);
/* Whether the toast is on the overlay (shown or about to be). */
gboolean  errata_toast_helper_is_shown         (AdwToastOverlay *overlay);

G_END_DECLS
