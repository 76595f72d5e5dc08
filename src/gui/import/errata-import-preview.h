/* errata-import-preview.h: the first records of a file, as the import
 * will read them.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-field-map.h"
#include "errata-import-sample.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_IMPORT_PREVIEW (errata_import_preview_get_type ())

G_DECLARE_FINAL_TYPE (ErrataImportPreview, errata_import_preview, ERRATA, IMPORT_PREVIEW,
                      AdwPreferencesGroup)

/* Converts the records of `sample` (from the file called `name`) as an
 * import in `format` with `map` would, and shows the result; hides itself
 * when `sample` is NULL or the format groups records into traces only
 * during the import (spans). */
void errata_import_preview_show (ErrataImportPreview *self,
                                 const char          *name,
                                 ErrataImportSample  *sample,
                                 ErrataImportFormat   format,
                                 ErrataFieldMap      *map);
/* When none of the records shown can be imported: why, in a sentence
 * that names the file, else NULL. */
char *errata_import_preview_dup_blocking_reason (ErrataImportPreview *self,
                                                 const char          *name);

G_END_DECLS
