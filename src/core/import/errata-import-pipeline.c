/* errata-import-pipeline.c
 *
 * An import used to read, parse, convert and write each record in turn on
 * one thread, while the machine had another core idle. Now a reading
 * thread does everything that does not need the project: reading,
 * parsing, converting to a trace and making its row text (the messages
 * as JSON again, the search body); the importer's thread only writes.
 * Between them is a bounded queue of chunks of records: when the writer
 * falls behind the reader waits, so memory stays flat whatever the size
 * of the file, and the records arrive in the file's order.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-import-pipeline.h"

#include "errata-trace-private.h"

/* Records are handed over in chunks (fewer wake-ups); a few chunks may wait. */
#define CHUNK_RECORDS 32
#define MAX_CHUNKS    24

struct _ErrataImportPipeline
{
  ErrataRecordReader           *reader;
  const ErrataImportFormatInfo *info;
  ErrataImportContext           ctx;      /* the reading thread's */
  JsonParser                   *parser;   /* ctx.parser */
  GCancellable                 *cancellable;
  GThread                      *thread;

  GMutex                        mutex;
  GCond                         cond;
  GQueue                        chunks;   /* GPtrArray of ErrataImportItem, oldest first */
  gboolean                      done;     /* the reading thread has pushed its last chunk */
  gboolean                      stop;     /* the writer wants no more */
  GError                       *read_error;

  GPtrArray                    *current;  /* the writer's chunk */
  guint                         next;     /* in current */

  /* How often each side waited for the other (G_MESSAGES_DEBUG=Errata-Import):
   * the writer waiting means reading is the slower side. */
  guint                         reader_waits;
  guint                         writer_waits;
};

void
_errata_import_item_free (ErrataImportItem *item)
{
  if (item == NULL)
    return;
  errata_record_clear (&item->record);
  g_free (item->text);
  g_free (item->problem);
  g_clear_object (&item->trace);
  g_clear_pointer (&item->annotations, g_ptr_array_unref);
  _errata_trace_row_clear (&item->row);
  g_free (item);
}

static void
convert_record (ErrataImportPipeline *self,
                ErrataRecord         *record,
                ErrataImportItem     *item)
{
  g_autoptr(GError) convert_error = NULL;

  item->annotations = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_annotation_free);
  item->trace = self->info->convert (&self->ctx, record, item->annotations, &convert_error);
  if (item->trace == NULL)
    {
      item->kind = ERRATA_IMPORT_ITEM_PROBLEM;
      item->problem = g_strdup (convert_error->message);
      return;
    }
  item->kind = ERRATA_IMPORT_ITEM_TRACE;
  _errata_trace_row_prepare (&item->row, item->trace);
  /* The row holds them as text now; the tree is most of a trace's memory. */
  _errata_trace_drop_json (item->trace);
}

/* What the writer needs of `record`; the record is left for the next. */
static ErrataImportItem *
take_record (ErrataImportPipeline *self,
             ErrataRecord         *record)
{
  ErrataImportItem *item = g_new0 (ErrataImportItem, 1);

  item->record.number = record->number;
  item->record.line = record->line;
  if (record->error != NULL)
    {
      item->kind = ERRATA_IMPORT_ITEM_PROBLEM;
      item->problem = g_steal_pointer (&record->error);
    }
  else if (_errata_import_format_stages (self->info, record))
    {
      /* Staging writes to the project: the writer does it, with a copy of
       * the bytes (the reader reuses its buffer). */
      item->kind = ERRATA_IMPORT_ITEM_STAGE;
      item->text = g_strndup (record->text ? record->text : "", record->len);
      item->record.text = item->text;
      item->record.len = record->text ? record->len : 0;
      item->record.node = g_steal_pointer (&record->node);
    }
  else
    convert_record (self, record, item);
  item->bytes_read = errata_record_reader_get_bytes_read (self->reader);
  return item;
}

/* FALSE when the writer wants no more. */
static gboolean
push_chunk (ErrataImportPipeline *self,
            GPtrArray            *chunk)
{
  gboolean stop;

  g_mutex_lock (&self->mutex);
  if (!self->stop && self->chunks.length >= MAX_CHUNKS)
    self->reader_waits++;
  while (!self->stop && self->chunks.length >= MAX_CHUNKS)
    g_cond_wait (&self->cond, &self->mutex);
  stop = self->stop;
  if (!stop)
    {
      g_queue_push_tail (&self->chunks, chunk);
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->mutex);
  if (stop)
    g_ptr_array_unref (chunk);
  return !stop;
}

static gpointer
read_records (gpointer data)
{
  ErrataImportPipeline *self = data;
  g_autoptr(GPtrArray) chunk = NULL;
  GError *read_error = NULL;
  ErrataRecord record = { 0, };
  gboolean go_on = TRUE;

  chunk = g_ptr_array_new_with_free_func ((GDestroyNotify)_errata_import_item_free);
  while (go_on && errata_record_reader_next (self->reader, &record, self->cancellable, &read_error))
    {
      g_ptr_array_add (chunk, take_record (self, &record));
      if (chunk->len < CHUNK_RECORDS)
        continue;
      go_on = push_chunk (self, g_steal_pointer (&chunk));
      chunk = g_ptr_array_new_with_free_func ((GDestroyNotify)_errata_import_item_free);
      /* Cancelled: the writer notices it too, after the records before. */
      go_on = go_on && !g_cancellable_is_cancelled (self->cancellable);
    }
  errata_record_clear (&record);
  if (go_on && chunk->len > 0)
    push_chunk (self, g_steal_pointer (&chunk));

  g_mutex_lock (&self->mutex);
  self->read_error = read_error;
  self->done = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
  return NULL;
}

ErrataImportPipeline *
_errata_import_pipeline_start (ErrataRecordReader           *reader,
                               const ErrataImportFormatInfo *info,
                               const ErrataImportContext    *ctx,
                               GCancellable                 *cancellable)
{
  ErrataImportPipeline *self = g_new0 (ErrataImportPipeline, 1);

  self->reader = reader;
  self->info = info;
  self->ctx = *ctx;
  self->parser = json_parser_new ();
  self->ctx.parser = self->parser;
  self->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  g_queue_init (&self->chunks);
  /* Linux keeps 15 characters of a thread name and GLib drops a longer one. */
  self->thread = g_thread_new ("import-read", read_records, self);
  return self;
}

ErrataImportItem *
_errata_import_pipeline_next (ErrataImportPipeline *self)
{
  while (self->current == NULL || self->next >= self->current->len)
    {
      g_clear_pointer (&self->current, g_ptr_array_unref);
      self->next = 0;
      g_mutex_lock (&self->mutex);
      if (self->chunks.length == 0 && !self->done)
        self->writer_waits++;
      while (self->chunks.length == 0 && !self->done)
        g_cond_wait (&self->cond, &self->mutex);
      self->current = g_queue_pop_head (&self->chunks);
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->mutex);
      if (self->current == NULL)
        return NULL;
    }
  /* The writer takes the item: the chunk keeps an empty slot. */
  return g_steal_pointer (&self->current->pdata[self->next++]);
}

gboolean
_errata_import_pipeline_finish (ErrataImportPipeline  *self,
                                GError               **error)
{
  gboolean ok;

  g_mutex_lock (&self->mutex);
  self->stop = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_thread_join (self->thread);
  g_debug ("import pipeline: the reader waited for room %u times, the writer for records %u times",
           self->reader_waits, self->writer_waits);

  ok = self->read_error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&self->read_error));
  g_queue_clear_full (&self->chunks, (GDestroyNotify)g_ptr_array_unref);
  g_clear_pointer (&self->current, g_ptr_array_unref);
  g_object_unref (self->parser);
  g_clear_object (&self->cancellable);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
  return ok;
}
