/* errata-import-plan.h: what an import will read, worked out before
 * anything is written. Internal to the importer.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-import-private.h"

G_BEGIN_DECLS

/* One file to read; the files of a folder share their source. */
typedef struct
{
  GFile              *file;
  char               *display;
  char               *source;
  ErrataImportFormat  format;
  ErrataRecordSyntax  syntax;
  guint64             size;
} ErrataImportInput;

/* Lists the files (a folder stands for its *.json files) and tells each
 * one's format from its first record, `format` unless it is AUTO. Fails
 * with ERRATA_IMPORT_ERROR_UNREADABLE, _NEEDS_MAPPING or _UNKNOWN_FORMAT
 * while the project is still untouched (records over `max_record_size`
 * bytes do not count as a first record); problems that do not stop the
 * import (an empty folder) go to `report`. Element type: ErrataImportInput. */
GPtrArray *_errata_import_plan (GFile              **files,
                                guint                n_files,
                                ErrataImportFormat   format,
                                ErrataFieldMap      *map,
                                gsize                max_record_size,
                                ErrataImportReport  *report,
                                GCancellable        *cancellable,
                                GError             **error);

G_END_DECLS
