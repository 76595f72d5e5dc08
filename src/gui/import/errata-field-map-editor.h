/* errata-field-map-editor.h: which field of a record holds the input, the
 * output, the messages, ...: one dropdown per role, filled with the fields
 * of a file's first record.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-field-map.h"
#include "errata-import-sample.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_FIELD_MAP_EDITOR (errata_field_map_editor_get_type ())

G_DECLARE_FINAL_TYPE (ErrataFieldMapEditor, errata_field_map_editor, ERRATA, FIELD_MAP_EDITOR,
                      AdwPreferencesGroup)

/* NULL until a sample was shown. */
ErrataFieldMap *errata_field_map_editor_get_map     (ErrataFieldMapEditor *self);
/* Fills the dropdowns with the fields of `sample` (NULL: none), keeping
 * the current choices where the field exists and the guess from the sample
 * for a first map. Showing the same sample again changes nothing. */
void            errata_field_map_editor_show_sample (ErrataFieldMapEditor *self,
                                                     ErrataImportSample   *sample);

G_END_DECLS
