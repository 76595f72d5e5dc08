/* errata-synth-target-fields.h: the fields of each kind of target.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_SYNTH_TARGET_FIELDS (errata_synth_target_fields_get_type ())

G_DECLARE_FINAL_TYPE (ErrataSynthTargetFields, errata_synth_target_fields, ERRATA,
                      SYNTH_TARGET_FIELDS, GtkWidget)

/* The kinds in the order the page's dropdown lists them: "chat", "http",
 * "command"; a position past the end is the last kind, an unknown kind
 * the first position. */
const char *errata_synth_target_fields_kind_at       (guint                     position);
guint       errata_synth_target_fields_kind_position (const char               *kind);
/* Shows the fields of `kind`: "chat", "http" or "command". */
void     errata_synth_target_fields_set_kind       (ErrataSynthTargetFields  *self,
                                                    const char               *kind);
/* Fills every kind's fields from `definition` (errata-synth-target.h). */
void     errata_synth_target_fields_show           (ErrataSynthTargetFields  *self,
                                                    JsonObject               *definition);
/* Adds the members `kind`'s fields say to `definition`; an empty field
 * adds nothing (the core's default). Fails naming the field that is wrong. */
gboolean errata_synth_target_fields_read           (ErrataSynthTargetFields  *self,
                                                    const char               *kind,
                                                    JsonObject               *definition,
                                                    GError                  **error);
/* The chat target's tools file, as chosen in a file dialog. */
void     errata_synth_target_fields_set_tools_file (ErrataSynthTargetFields  *self,
                                                    GFile                    *file);

G_END_DECLS
