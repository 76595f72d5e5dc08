/* errata-importer.h: brings trace files into a project.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-types.h"
#include "errata-field-map.h"
#include "errata-import-format.h"
#include "errata-import-report.h"
#include "errata-project.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_IMPORTER (errata_importer_get_type ())
#define ERRATA_IMPORT_ERROR (errata_import_error_quark ())

typedef enum
{
  ERRATA_IMPORT_ERROR_FAILED,
  ERRATA_IMPORT_ERROR_UNREADABLE,      /* the file cannot be opened or read at all */
  ERRATA_IMPORT_ERROR_UNKNOWN_FORMAT,  /* detection failed and no format was given */
  ERRATA_IMPORT_ERROR_NEEDS_MAPPING,   /* mapped format without a field map */
  ERRATA_IMPORT_ERROR_BAD_RECORD,      /* one record: used inside problems */
} ErrataImportError;

G_DECLARE_FINAL_TYPE (ErrataImporter, errata_importer, ERRATA, IMPORTER, GObject)

GQuark              errata_import_error_quark          (void);

ErrataImporter     *errata_importer_new                (void);
void                errata_importer_set_format         (ErrataImporter     *self,
                                                        ErrataImportFormat  format);
ErrataImportFormat  errata_importer_get_format         (ErrataImporter     *self);
void                errata_importer_set_field_map      (ErrataImporter     *self,
                                                        ErrataFieldMap     *map);
/* Who imported verdicts and notes are attributed to; by default the file
 * each came from. */
void                errata_importer_set_annotator      (ErrataImporter     *self,
                                                        const char         *annotator);
/* Records per transaction; a crash loses at most the batch in flight. */
void                errata_importer_set_batch_size     (ErrataImporter     *self,
                                                        guint               batch_size);
/* Records larger than this many bytes are reported and skipped;
 * ERRATA_RECORD_DEFAULT_MAX_SIZE (64 MiB) by default. */
void                errata_importer_set_max_record_size (ErrataImporter    *self,
                                                         gsize              max_size);
gsize               errata_importer_get_max_record_size (ErrataImporter    *self);

/* Called right after each batch's COMMIT returns, with the number of
 * traces committed so far by this import. In an async import it runs in
 * the worker thread. */
typedef void      (*ErrataImportBatchFunc)             (guint               records_committed,
                                                        gpointer            user_data);
void                errata_importer_set_batch_callback (ErrataImporter     *self,
                                                        ErrataImportBatchFunc func,
                                                        gpointer            user_data);

/* Detects the format of one file (or folder) by reading its first record. */
ErrataImportFormat  errata_importer_detect_format      (GFile              *file,
                                                        GCancellable       *cancellable,
                                                        GError            **error);

/* Synchronous: runs on the calling thread with the project's connection.
 * Returns NULL with error only when nothing could be imported at all
 * (unreadable file, unknown format); bad records are in the report. */
ErrataImportReport *errata_importer_import             (ErrataImporter     *self,
                                                        ErrataProject      *project,
                                                        GFile             **files,
                                                        guint               n_files,
                                                        GCancellable       *cancellable,
                                                        GError            **error);

/* Asynchronous: runs in a worker thread on its own connection to the
 * project's file and emits ::progress on the caller's main context. */
void                errata_importer_import_async       (ErrataImporter     *self,
                                                        ErrataProject      *project,
                                                        GFile             **files,
                                                        guint               n_files,
                                                        GCancellable       *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer            user_data);
ErrataImportReport *errata_importer_import_finish      (ErrataImporter     *self,
                                                        GAsyncResult       *result,
                                                        GError            **error);

G_END_DECLS
