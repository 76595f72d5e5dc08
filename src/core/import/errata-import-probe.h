/* errata-import-probe.h: a first look at files before an import: what
 * they are, their format, and their first records for a preview.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-types.h"
#include "errata-import-sample.h"

G_BEGIN_DECLS

typedef struct _ErrataImportProbe ErrataImportProbe;

/* Blocking (call it from a thread). Never fails: what went wrong is the
 * probe's error. `max_records` is how many records the sample keeps. */
ErrataImportProbe  *errata_import_probe_file         (GFile              *file,
                                                      guint               max_records,
                                                      GCancellable       *cancellable);
void                errata_import_probe_free         (ErrataImportProbe  *self);

GFile              *errata_import_probe_get_file     (ErrataImportProbe  *self);
gboolean            errata_import_probe_is_folder    (ErrataImportProbe  *self);
/* How many files of the import report the file stands for: 1, or a
 * folder's .json files (the importer does not read its subfolders). */
guint               errata_import_probe_get_n_files  (ErrataImportProbe  *self);
guint64             errata_import_probe_get_size     (ErrataImportProbe  *self);
/* The detected format; ERRATA_IMPORT_FORMAT_AUTO when there is an error. */
ErrataImportFormat  errata_import_probe_get_format   (ErrataImportProbe  *self);
/* Why the file cannot be read, or why its format is unknown; NULL if fine. */
const GError       *errata_import_probe_get_error    (ErrataImportProbe  *self);
/* The first records; NULL for a folder or a file with an error. */
ErrataImportSample *errata_import_probe_get_sample   (ErrataImportProbe  *self);
/* TRUE when the import cannot start: the file is unreadable. A file whose
 * format is unknown (empty, only bad records) does not block: the import
 * reports it like any other problem. */
gboolean            errata_import_probe_blocks_import (ErrataImportProbe *self);

/* Probes `files` in order in a worker thread. */
void                errata_import_probe_files_async  (GFile             **files,
                                                      guint               n_files,
                                                      guint               max_records,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
/* Element type: ErrataImportProbe, one per file, in order. NULL only when
 * cancelled. */
GPtrArray          *errata_import_probe_files_finish (GAsyncResult       *result,
                                                      GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataImportProbe, errata_import_probe_free)

G_END_DECLS
