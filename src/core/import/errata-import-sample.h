/* errata-import-sample.h: the first records of a file, for a preview.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-types.h"
#include "errata-field-map.h"
#include "errata-trace.h"

G_BEGIN_DECLS

typedef struct _ErrataImportSample ErrataImportSample;

/* Reads at most `max_records` records from the start of `file` with the
 * streaming reader (bad ones included). Blocking: call it from a thread
 * when the file may be slow. Fails only when the file cannot be read. */
ErrataImportSample *errata_import_sample_load         (GFile               *file,
                                                       guint                max_records,
                                                       GCancellable        *cancellable,
                                                       GError             **error);
void                errata_import_sample_free         (ErrataImportSample  *self);

guint               errata_import_sample_get_n_records (ErrataImportSample *self);
/* 1-based record number and line, as the import report gives them. */
guint               errata_import_sample_get_number   (ErrataImportSample  *self,
                                                       guint                index);
guint               errata_import_sample_get_line     (ErrataImportSample  *self,
                                                       guint                index);

/* The field names of the first good record that is a JSON object (a CSV
 * file's header): its keys, and "key.child" for the keys of an object one
 * level down. Empty when there is no such record. */
const char * const *errata_import_sample_get_fields   (ErrataImportSample  *self);

/* A mapping guessed from the field names (query → input, answer → output,
 * uuid → id, conversation → messages, notes → note, ...). */
ErrataFieldMap     *errata_import_sample_guess_map    (ErrataImportSample  *self);
/* Sets the map's messages format: a transcript when the first record's
 * messages field holds text with role markers, else JSON or a transcript
 * as each record comes. */
void                errata_import_sample_guess_messages_format (ErrataImportSample *self,
                                                                ErrataFieldMap     *map);

/* Converts record `index` as an import in `format` with `map` would,
 * without writing anything. Returns NULL with the reason the import would
 * give for skipping it (ERRATA_IMPORT_ERROR_BAD_RECORD), or
 * G_IO_ERROR_NOT_SUPPORTED for records that are only grouped into traces
 * during the import (OpenTelemetry spans, single Langfuse observations). */
ErrataTrace        *errata_import_sample_convert      (ErrataImportSample  *self,
                                                       guint                index,
                                                       ErrataImportFormat   format,
                                                       ErrataFieldMap      *map,
                                                       GError             **error);

/* As errata_import_sample_convert(), with the label the record carries
 * (its mapped verdict and note) in *label, or NULL when it has none. */
ErrataTrace        *errata_import_sample_convert_labelled (ErrataImportSample  *self,
                                                          guint                index,
                                                          ErrataImportFormat   format,
                                                          ErrataFieldMap      *map,
                                                          ErrataAnnotation   **label,
                                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataImportSample, errata_import_sample_free)

G_END_DECLS
