/* errata-import-file-row.h: one file (or folder) of the import dialog,
 * with what the probe found out about it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-import-probe.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_IMPORT_FILE_ROW (errata_import_file_row_get_type ())

G_DECLARE_FINAL_TYPE (ErrataImportFileRow, errata_import_file_row, ERRATA, IMPORT_FILE_ROW,
                      AdwActionRow)

ErrataImportFileRow *errata_import_file_row_new           (GFile               *file);
GFile               *errata_import_file_row_get_file      (ErrataImportFileRow *self);
/* The file's display name. */
const char          *errata_import_file_row_get_name      (ErrataImportFileRow *self);
/* NULL until the probe has looked at the file. */
ErrataImportProbe   *errata_import_file_row_get_probe     (ErrataImportFileRow *self);
/* Takes `probe`; marks folders and files with a problem. */
void                 errata_import_file_row_set_probe     (ErrataImportFileRow *self,
                                                           ErrataImportProbe   *probe);
/* The format the import will read the file as with `chosen` in the
 * Import As list; AUTO while it is not known. */
ErrataImportFormat   errata_import_file_row_get_format    (ErrataImportFileRow *self,
                                                           ErrataImportFormat   chosen);
/* TRUE when the file keeps the import from starting. */
gboolean             errata_import_file_row_blocks_import (ErrataImportFileRow *self);
/* Says the size and format, as read with `chosen`. */
void                 errata_import_file_row_describe      (ErrataImportFileRow *self,
                                                           ErrataImportFormat   chosen);

G_END_DECLS
