/* errata-import-store.c
 *
 * Traces are stored in batches, one transaction per batch, so that a crash
 * loses at most the batch in flight and a big import does not pay for a
 * transaction per trace.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-import-store.h"

struct _ErrataImportStore
{
  ErrataProject         *project;
  ErrataImportReport    *report;
  guint                  batch_size;
  ErrataImportBatchFunc  batch_func;
  gpointer               batch_data;
  gint64                 import_id;
  guint                  in_batch;
  guint                  committed;
  gboolean               in_transaction;
};

ErrataImportStore *
_errata_import_store_new (ErrataProject         *project,
                          ErrataImportReport    *report,
                          guint                  batch_size,
                          ErrataImportBatchFunc  func,
                          gpointer               user_data)
{
  ErrataImportStore *store = g_new0 (ErrataImportStore, 1);

  store->project = g_object_ref (project);
  store->report = g_object_ref (report);
  store->batch_size = MAX (batch_size, 1);
  store->batch_func = func;
  store->batch_data = user_data;
  return store;
}

void
_errata_import_store_free (ErrataImportStore *store)
{
  if (store == NULL)
    return;
  g_object_unref (store->project);
  g_object_unref (store->report);
  g_free (store);
}

/* The import (errata-project-imports.h) the stored traces are added by. */
void
_errata_import_store_set_import_id (ErrataImportStore *store,
                                    gint64             import_id)
{
  store->import_id = import_id;
}

gboolean
_errata_import_store_commit (ErrataImportStore  *store,
                             GError            **error)
{
  if (!store->in_transaction)
    return TRUE;
  store->in_transaction = FALSE;
  if (!errata_project_commit (store->project, error))
    return FALSE;
  store->committed += store->in_batch;
  store->in_batch = 0;
  if (store->batch_func != NULL)
    store->batch_func (store->committed, store->batch_data);
  return TRUE;
}

void
_errata_import_store_rollback (ErrataImportStore *store)
{
  if (!store->in_transaction)
    return;
  store->in_transaction = FALSE;
  store->in_batch = 0;
  errata_project_rollback (store->project);
}

static gboolean
store_annotations (ErrataImportStore  *store,
                   ErrataTrace        *trace,
                   GPtrArray          *annotations,
                   GError            **error)
{
  for (guint i = 0; i < annotations->len; i++)
    {
      ErrataAnnotation *annotation = g_ptr_array_index (annotations, i);

      annotation->trace_id = errata_trace_get_id (trace);
      if (!errata_project_set_annotation (store->project, annotation, error))
        return FALSE;
      if (annotation->note != NULL && *annotation->note != '\0')
        errata_import_report_count_note (store->report);
      if (annotation->verdict != ERRATA_VERDICT_UNSET)
        errata_import_report_count_label (store->report);
    }
  return TRUE;
}

gboolean
_errata_import_store_add (ErrataImportStore  *store,
                          ErrataTrace        *trace,
                          GPtrArray          *annotations,
                          GError            **error)
{
  gboolean added = FALSE;

  if (!store->in_transaction)
    {
      if (!errata_project_begin (store->project, error))
        return FALSE;
      store->in_transaction = TRUE;
    }
  if (store->import_id > 0)
    errata_trace_set_import_id (trace, store->import_id);
  if (!errata_project_add_trace (store->project, trace, &added, error))
    return FALSE;
  errata_import_report_count_record (store->report, added);
  /* A trace seen before keeps the annotations it has: re-import adds nothing. */
  if (added && annotations != NULL && !store_annotations (store, trace, annotations, error))
    return FALSE;
  store->in_batch++;
  if (store->in_batch >= store->batch_size)
    return _errata_import_store_commit (store, error);
  return TRUE;
}
