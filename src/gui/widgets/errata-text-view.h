/* errata-text-view.h: read-only wrapped text that is whole on its first frame.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_TEXT_VIEW (errata_text_view_get_type ())

G_DECLARE_FINAL_TYPE (ErrataTextView, errata_text_view, ERRATA, TEXT_VIEW, GtkTextView)

GtkWidget *errata_text_view_new           (GtkTextBuffer *buffer);
void       errata_text_view_lay_out_whole (GtkTextView   *text_view,
                                           int            width);

/* Any GtkTextView's whole text, without surrounding blanks, and its
 * replacement (NULL: empty): for the editors' text fields. */
char      *errata_text_view_dup_stripped  (GtkTextView   *text_view);
void       errata_text_view_set_text      (GtkTextView   *text_view,
                                           const char    *text);

G_END_DECLS
