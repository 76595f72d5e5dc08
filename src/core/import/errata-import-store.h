/* errata-import-store.h: imported traces into the project, one
 * transaction per batch. Internal to the importer.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-import-private.h"
#include "errata-project-private.h"

G_BEGIN_DECLS

typedef struct _ErrataImportStore ErrataImportStore;

/* `func` is called after each COMMIT with the traces committed so far. */
ErrataImportStore *_errata_import_store_new      (ErrataProject          *project,
                                                  ErrataImportReport     *report,
                                                  guint                   batch_size,
                                                  ErrataImportBatchFunc   func,
                                                  gpointer                user_data);
void               _errata_import_store_free     (ErrataImportStore      *store);
/* Whether a trace the database refuses is dropped and reported, the rest
 * of its batch written again (FALSE: it is an error). Only for a caller
 * that writes nothing else in the store's transaction. */
void               _errata_import_store_set_drop_refused (ErrataImportStore *store,
                                                          gboolean           drop_refused);
/* Each new trace is stored as added by this import (0: none recorded). */
void               _errata_import_store_set_import_id (ErrataImportStore *store,
                                                       gint64             import_id);
/* Adds one trace (and, when it is new, its annotations) to the current
 * batch, committing the batch when it is full; `row` is the trace's text
 * made beforehand (errata-project-private.h), taken by the store. With
 * drop_refused, a trace the database refuses is reported as a problem of
 * its record (`display`, `number`, `line`) and the rest of the batch
 * kept. Only a failing project (disk full, read-only) is an error. */
gboolean           _errata_import_store_add_row  (ErrataImportStore      *store,
                                                  ErrataTrace            *trace,
                                                  GPtrArray              *annotations,
                                                  ErrataTraceRow         *row,
                                                  const char             *display,
                                                  guint                   number,
                                                  guint                   line,
                                                  GError                **error);
/* The same, making the row here; the trace then lets go of its messages
 * and tools (the row holds them as text; its id and summary stay). */
gboolean           _errata_import_store_add      (ErrataImportStore      *store,
                                                  ErrataTrace            *trace,
                                                  GPtrArray              *annotations,
                                                  const char             *display,
                                                  GError                **error);
/* Commits the batch in flight, if any. */
gboolean           _errata_import_store_commit   (ErrataImportStore      *store,
                                                  GError                **error);
/* Drops the batch in flight; committed batches stay. */
void               _errata_import_store_rollback (ErrataImportStore      *store);

G_END_DECLS
