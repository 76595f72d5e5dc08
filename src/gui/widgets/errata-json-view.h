/* errata-json-view.h: JSON shown pretty-printed and highlighted.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_JSON_VIEW (errata_json_view_get_type ())

G_DECLARE_FINAL_TYPE (ErrataJsonView, errata_json_view, ERRATA, JSON_VIEW, GtkWidget)

GtkWidget     *errata_json_view_new         (void);
GtkWidget     *errata_json_view_new_plain   (void);
void           errata_json_view_set_text    (ErrataJsonView *self,
                                             const char     *text);
void           errata_json_view_set_node    (ErrataJsonView *self,
                                             JsonNode       *node);
gboolean       errata_json_view_get_is_json (ErrataJsonView *self);
GtkTextBuffer *errata_json_view_get_buffer  (ErrataJsonView *self);

char          *errata_json_pretty           (const char     *text,
                                             gssize          length);
char          *errata_json_compact          (JsonNode       *node);
const char    *errata_json_scheme_id        (gboolean        dark);

G_END_DECLS
