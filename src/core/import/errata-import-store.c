/* errata-import-store.c
 *
 * Traces are stored in batches, one transaction per batch, so that a crash
 * loses at most the batch in flight and a big import does not pay for a
 * transaction per trace. There is no savepoint per trace: FTS5 writes its
 * pending index to disk at every savepoint, a segment per trace, which made
 * the search index most of an import's cost. A trace the database refuses
 * (a constraint, a value too big) instead rolls the batch back; the batch
 * is written again without it, and it is reported by its record. So the
 * store holds the batch's traces, with their row text, until COMMIT.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-import-store.h"

#include "errata-project-private.h"
#include "errata-trace-private.h"

typedef struct
{
  ErrataTrace    *trace;
  GPtrArray      *annotations;   /* ErrataAnnotation, or NULL */
  ErrataTraceRow  row;
  char           *display;       /* where the record came from, for a problem */
  guint           number;
  guint           line;
  gboolean        added;
} Held;

struct _ErrataImportStore
{
  ErrataProject         *project;
  ErrataImportReport    *report;
  guint                  batch_size;
  ErrataImportBatchFunc  batch_func;
  gpointer               batch_data;
  gint64                 import_id;
  GPtrArray             *held;   /* Held: the batch in flight */
  guint                  committed;
  gboolean               in_transaction;
  gboolean               drop_refused;  /* else a refused trace is an error */
};

static void
held_free (gpointer data)
{
  Held *held = data;

  g_clear_object (&held->trace);
  g_clear_pointer (&held->annotations, g_ptr_array_unref);
  _errata_trace_row_clear (&held->row);
  g_free (held->display);
  g_free (held);
}

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
  store->held = g_ptr_array_new_with_free_func (held_free);
  return store;
}

void
_errata_import_store_free (ErrataImportStore *store)
{
  if (store == NULL)
    return;
  g_object_unref (store->project);
  g_object_unref (store->report);
  g_ptr_array_unref (store->held);
  g_free (store);
}

/* A refused trace is dropped and reported, the rest of its batch written
 * again; only for a caller that writes nothing else in the store's
 * transaction (what else it wrote would be lost with the rollback). */
void
_errata_import_store_set_drop_refused (ErrataImportStore *store,
                                       gboolean           drop_refused)
{
  store->drop_refused = drop_refused;
}

/* The import (errata-project-imports.h) the stored traces are added by. */
void
_errata_import_store_set_import_id (ErrataImportStore *store,
                                    gint64             import_id)
{
  store->import_id = import_id;
}

/* Counted once committed: a batch written again after a refused trace
 * must not count its traces twice, nor one that was rolled back. */
static void
count_committed (ErrataImportStore *store)
{
  for (guint i = 0; i < store->held->len; i++)
    {
      Held *held = g_ptr_array_index (store->held, i);

      errata_import_report_count_record (store->report, held->added);
      if (!held->added || held->annotations == NULL)
        continue;
      for (guint j = 0; j < held->annotations->len; j++)
        {
          ErrataAnnotation *annotation = g_ptr_array_index (held->annotations, j);

          if (annotation->note != NULL && *annotation->note != '\0')
            errata_import_report_count_note (store->report);
          if (annotation->verdict != ERRATA_VERDICT_UNSET)
            errata_import_report_count_label (store->report);
        }
    }
}

gboolean
_errata_import_store_commit (ErrataImportStore  *store,
                             GError            **error)
{
  if (!store->in_transaction)
    return TRUE;
  store->in_transaction = FALSE;
  if (!errata_project_commit (store->project, error))
    {
      g_ptr_array_set_size (store->held, 0);
      return FALSE;
    }
  count_committed (store);
  store->committed += store->held->len;
  g_ptr_array_set_size (store->held, 0);
  if (store->batch_func != NULL)
    store->batch_func (store->committed, store->batch_data);
  return TRUE;
}

void
_errata_import_store_rollback (ErrataImportStore *store)
{
  g_ptr_array_set_size (store->held, 0);
  if (!store->in_transaction)
    return;
  store->in_transaction = FALSE;
  errata_project_rollback (store->project);
}

static gboolean
write_held (ErrataImportStore  *store,
            Held               *held,
            GError            **error)
{
  if (!_errata_project_add_trace_row (store->project, held->trace, &held->row, &held->added,
                                      error))
    return FALSE;
  /* A trace seen before keeps the annotations it has: re-import adds nothing. */
  if (!held->added || held->annotations == NULL)
    return TRUE;
  for (guint i = 0; i < held->annotations->len; i++)
    {
      ErrataAnnotation *annotation = g_ptr_array_index (held->annotations, i);

      annotation->trace_id = errata_trace_get_id (held->trace);
      if (!_errata_project_put_annotation_in_transaction (store->project, annotation, FALSE,
                                                          NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* The trace's own fault, not the project's: the database refused what it
 * holds (a constraint, a value over SQLite's limits). */
static gboolean
refused_by_database (ErrataImportStore *store,
                     const GError      *failure)
{
  if (g_error_matches (failure, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID))
    return TRUE;
  switch (sqlite3_extended_errcode (_errata_project_get_db (store->project)) & 0xff)
    {
    case SQLITE_CONSTRAINT:
    case SQLITE_TOOBIG:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
begin_batch (ErrataImportStore  *store,
             GError            **error)
{
  if (store->in_transaction)
    return TRUE;
  if (!errata_project_begin (store->project, error))
    return FALSE;
  store->in_transaction = TRUE;
  return TRUE;
}

/* The last held trace was refused: the batch is rolled back, the trace
 * reported and dropped, and the rest of the batch written again. */
static gboolean
drop_refused (ErrataImportStore  *store,
              GError             *refusal,
              GError            **error)
{
  Held *bad = g_ptr_array_index (store->held, store->held->len - 1);

  errata_project_rollback (store->project);
  store->in_transaction = FALSE;
  errata_import_report_add_problem (store->report, bad->display, bad->number, bad->line,
                                    refusal->message);
  g_ptr_array_set_size (store->held, store->held->len - 1);
  if (!begin_batch (store, error))
    return FALSE;
  for (guint i = 0; i < store->held->len; i++)
    if (!write_held (store, g_ptr_array_index (store->held, i), error))
      return FALSE;
  return TRUE;
}

gboolean
_errata_import_store_add_row (ErrataImportStore  *store,
                              ErrataTrace        *trace,
                              GPtrArray          *annotations,
                              ErrataTraceRow     *row,
                              const char         *display,
                              guint               number,
                              guint               line,
                              GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  Held *held = g_new0 (Held, 1);

  held->trace = g_object_ref (trace);
  held->annotations = annotations && annotations->len > 0 ? g_ptr_array_ref (annotations) : NULL;
  held->row = *row;
  *row = (ErrataTraceRow) { 0, };
  held->display = g_strdup (display);
  held->number = number;
  held->line = line;
  g_ptr_array_add (store->held, held);

  if (!begin_batch (store, error))
    return FALSE;
  if (store->import_id > 0)
    errata_trace_set_import_id (trace, store->import_id);
  if (!write_held (store, held, &local_error))
    {
      if (!store->drop_refused || !refused_by_database (store, local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!drop_refused (store, local_error, error))
        return FALSE;
    }
  if (store->held->len >= store->batch_size)
    return _errata_import_store_commit (store, error);
  return TRUE;
}

gboolean
_errata_import_store_add (ErrataImportStore  *store,
                          ErrataTrace        *trace,
                          GPtrArray          *annotations,
                          const char         *display,
                          GError            **error)
{
  ErrataTraceRow row = { 0, };

  _errata_trace_row_prepare (&row, trace);
  /* Held until COMMIT: a batch of whole JSON trees (a staged OTLP trace
   * can be megabytes) would be most of an import's memory. */
  _errata_trace_drop_json (trace);
  return _errata_import_store_add_row (store, trace, annotations, &row, display, 0, 0, error);
}
