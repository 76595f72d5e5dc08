/* errata-import-store.h: imported traces into the project, one
 * transaction per batch. Internal to the importer.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-import-private.h"

G_BEGIN_DECLS

typedef struct _ErrataImportStore ErrataImportStore;

/* `func` is called after each COMMIT with the traces committed so far. */
ErrataImportStore *_errata_import_store_new      (ErrataProject          *project,
                                                  ErrataImportReport     *report,
                                                  guint                   batch_size,
                                                  ErrataImportBatchFunc   func,
                                                  gpointer                user_data);
void               _errata_import_store_free     (ErrataImportStore      *store);
/* Each new trace is stored as added by this import (0: none recorded). */
void               _errata_import_store_set_import_id (ErrataImportStore *store,
                                                       gint64             import_id);
/* Adds one trace (and, when it is new, its annotations) to the current
 * batch, committing the batch when it is full. Only a failing project
 * (disk full, read-only) is an error. */
gboolean           _errata_import_store_add      (ErrataImportStore      *store,
                                                  ErrataTrace            *trace,
                                                  GPtrArray              *annotations,
                                                  GError                **error);
/* Commits the batch in flight, if any. */
gboolean           _errata_import_store_commit   (ErrataImportStore      *store,
                                                  GError                **error);
/* Drops the batch in flight; committed batches stay. */
void               _errata_import_store_rollback (ErrataImportStore      *store);

G_END_DECLS
