/* errata-import-pipeline.h: reading, parsing and converting a file's
 * records on a thread of their own, ahead of the thread that writes them.
 * Internal to the importer.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-import-private.h"
#include "errata-project-private.h"

G_BEGIN_DECLS

typedef enum
{
  ERRATA_IMPORT_ITEM_TRACE,    /* a converted trace, its row text made */
  ERRATA_IMPORT_ITEM_PROBLEM,  /* a bad record, or one that makes no trace */
  ERRATA_IMPORT_ITEM_STAGE,    /* a record to stage for grouping (needs the project) */
} ErrataImportItemKind;

/* One record, as far as it could be taken without the project. */
typedef struct
{
  ErrataImportItemKind  kind;
  guint64               bytes_read;   /* of the file, once this record was read */
  ErrataRecord          record;       /* number and line; STAGE: text and node too */
  char                 *text;         /* STAGE: the bytes record.text points at */
  char                 *problem;      /* PROBLEM: why, for the user */
  ErrataTrace          *trace;        /* TRACE */
  GPtrArray            *annotations;  /* TRACE: ErrataAnnotation */
  ErrataTraceRow        row;          /* TRACE */
} ErrataImportItem;

typedef struct _ErrataImportPipeline ErrataImportPipeline;

/* Starts reading `reader` on a new thread, converting each record with
 * `info` and a copy of `ctx` (with a JSON parser of its own; its
 * seen_ids are the thread's until _finish). At most a few dozen records
 * wait for the writer: the reader waits when they are not taken. */
ErrataImportPipeline *_errata_import_pipeline_start  (ErrataRecordReader           *reader,
                                                      const ErrataImportFormatInfo *info,
                                                      const ErrataImportContext    *ctx,
                                                      GCancellable                 *cancellable);
/* The next record in the file's order, or NULL at the end (or when the
 * reading thread stopped: see _finish). Free it with _errata_import_item_free. */
ErrataImportItem     *_errata_import_pipeline_next   (ErrataImportPipeline         *self);
/* Stops the thread if it is still reading, waits for it and frees the
 * pipeline. FALSE with `error` set when reading the file failed (or was
 * cancelled). */
gboolean              _errata_import_pipeline_finish (ErrataImportPipeline         *self,
                                                      GError                      **error);
void                  _errata_import_item_free       (ErrataImportItem             *item);

G_END_DECLS
