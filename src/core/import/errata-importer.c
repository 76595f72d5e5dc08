/* errata-importer.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import plans (errata-import-plan.c: which files, which format), then
 * reads each file as a stream of records, converts each record to a trace
 * through the format table (errata-import-format.c), or stages it for
 * grouping, and stores traces in batches (errata-import-store.c). Reading
 * and converting run on a thread of their own, ahead of the writes
 * (errata-import-pipeline.c). This file drives those steps, on the
 * caller's thread or in a worker.
 */

#include "config.h"

#include "errata-importer.h"

#include "errata-import-pipeline.h"
#include "errata-import-plan.h"
#include "errata-import-private.h"
#include "errata-import-store.h"
#include "errata-project-imports.h"

#include <glib/gi18n-lib.h>

#define DEFAULT_BATCH_SIZE 1000
/* ~20 progress signals a second at most. */
#define PROGRESS_INTERVAL_USEC (G_USEC_PER_SEC / 20)

struct _ErrataImporter
{
  GObject                 parent_instance;

  ErrataImportFormat      format;
  ErrataFieldMap         *map;
  char                   *annotator;
  guint                   batch_size;
  gsize                   max_record_size;
  ErrataImportBatchFunc   batch_func;
  gpointer                batch_data;
};

G_DEFINE_FINAL_TYPE (ErrataImporter, errata_importer, G_TYPE_OBJECT)
G_DEFINE_QUARK (errata-import-error-quark, errata_import_error)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  ErrataImporter     *importer;
  ErrataImportFormat  format;
  ErrataFieldMap     *map;
  char               *annotator;
  guint               batch_size;
  gsize               max_record_size;
  GPtrArray          *files;          /* GFile */
  GFile              *project_file;   /* async: the worker opens its own connection */
  ErrataProject      *project;
  GCancellable       *cancellable;

  GPtrArray          *inputs;         /* ErrataImportInput */
  ErrataImportReport *report;
  ErrataImportStore  *store;
  ErrataImportStage  *stage;
  guint64             total_bytes;
  guint64             done_bytes;
  guint               records_done;
  gint64              import_id;      /* the record of this import */
  GString            *formats;        /* the files' formats, as the report names them */

  /* Progress, handed from the worker to the caller's main context. */
  GMainContext       *context;
  GMutex              mutex;
  double              fraction;
  guint               progress_records;
  gboolean            progress_pending;
  gint64              last_progress;
} ImportJob;

static void
import_job_clear (gpointer data)
{
  ImportJob *job = data;

  g_clear_object (&job->importer);
  g_clear_pointer (&job->map, errata_field_map_unref);
  g_free (job->annotator);
  g_ptr_array_unref (job->files);
  g_clear_object (&job->project_file);
  g_clear_object (&job->project);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->inputs, g_ptr_array_unref);
  g_clear_object (&job->report);
  g_clear_pointer (&job->store, _errata_import_store_free);
  g_clear_pointer (&job->stage, _errata_import_stage_free);
  g_clear_pointer (&job->context, g_main_context_unref);
  if (job->formats != NULL)
    g_string_free (job->formats, TRUE);
  g_mutex_clear (&job->mutex);
}

/* Refcounted: a progress idle still queued on the caller's context keeps
 * the job alive after the task is done with it. */
static void
import_job_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, import_job_clear);
}

static ImportJob *
import_job_new (ErrataImporter  *self,
                GFile          **files,
                guint            n_files,
                GCancellable    *cancellable)
{
  ImportJob *job = g_atomic_rc_box_new0 (ImportJob);

  job->importer = g_object_ref (self);
  job->format = self->format;
  job->map = self->map ? errata_field_map_ref (self->map) : NULL;
  job->annotator = g_strdup (self->annotator);
  job->batch_size = MAX (self->batch_size, 1);
  job->max_record_size = self->max_record_size;
  job->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (job->files, g_object_ref (files[i]));
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  job->report = errata_import_report_new ();
  g_mutex_init (&job->mutex);
  return job;
}

static void
errata_importer_finalize (GObject *object)
{
  ErrataImporter *self = (ErrataImporter *)object;

  g_clear_pointer (&self->map, errata_field_map_unref);
  g_clear_pointer (&self->annotator, g_free);

  G_OBJECT_CLASS (errata_importer_parent_class)->finalize (object);
}

static void
errata_importer_class_init (ErrataImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = errata_importer_finalize;

  /**
   * ErrataImporter::progress:
   * @fraction: bytes read over all bytes to read, 0..1
   * @records_done: records read so far, bad ones included
   *
   * Emitted on the main context of the thread that started the import, at
   * most about 20 times a second.
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_UINT);
}

static void
errata_importer_init (ErrataImporter *self)
{
  const char *env = g_getenv ("ERRATA_IMPORT_BATCH_SIZE");

  self->batch_size = DEFAULT_BATCH_SIZE;
  self->max_record_size = ERRATA_RECORD_DEFAULT_MAX_SIZE;
  /* The crash-safety test makes batches small to kill an import between two. */
  if (env != NULL && g_ascii_strtoull (env, NULL, 10) > 0)
    self->batch_size = (guint)g_ascii_strtoull (env, NULL, 10);
}

ErrataImporter *
errata_importer_new (void)
{
  return g_object_new (ERRATA_TYPE_IMPORTER, NULL);
}

void
errata_importer_set_format (ErrataImporter     *self,
                            ErrataImportFormat  format)
{
  g_return_if_fail (ERRATA_IS_IMPORTER (self));
  self->format = format;
}

ErrataImportFormat
errata_importer_get_format (ErrataImporter *self)
{
  g_return_val_if_fail (ERRATA_IS_IMPORTER (self), ERRATA_IMPORT_FORMAT_AUTO);
  return self->format;
}

void
errata_importer_set_field_map (ErrataImporter *self,
                               ErrataFieldMap *map)
{
  g_return_if_fail (ERRATA_IS_IMPORTER (self));

  if (map != NULL)
    errata_field_map_ref (map);
  g_clear_pointer (&self->map, errata_field_map_unref);
  self->map = map;
}

void
errata_importer_set_annotator (ErrataImporter *self,
                               const char     *annotator)
{
  g_return_if_fail (ERRATA_IS_IMPORTER (self));
  g_return_if_fail (annotator != NULL && *annotator != '\0');

  g_free (self->annotator);
  self->annotator = g_strdup (annotator);
}

void
errata_importer_set_batch_size (ErrataImporter *self,
                                guint           batch_size)
{
  g_return_if_fail (ERRATA_IS_IMPORTER (self));
  self->batch_size = MAX (batch_size, 1);
}

void
errata_importer_set_max_record_size (ErrataImporter *self,
                                     gsize           max_size)
{
  g_return_if_fail (ERRATA_IS_IMPORTER (self));
  g_return_if_fail (max_size > 0);
  self->max_record_size = max_size;
}

gsize
errata_importer_get_max_record_size (ErrataImporter *self)
{
  g_return_val_if_fail (ERRATA_IS_IMPORTER (self), 0);
  return self->max_record_size;
}

void
errata_importer_set_batch_callback (ErrataImporter        *self,
                                    ErrataImportBatchFunc  func,
                                    gpointer               user_data)
{
  g_return_if_fail (ERRATA_IS_IMPORTER (self));
  self->batch_func = func;
  self->batch_data = user_data;
}

ErrataImportFormat
errata_importer_detect_format (GFile         *file,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(JsonNode) first = NULL;
  g_autofree char *name = NULL;
  ErrataRecordSyntax syntax;

  g_return_val_if_fail (G_IS_FILE (file), ERRATA_IMPORT_FORMAT_AUTO);

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    return ERRATA_IMPORT_FORMAT_REQUEST_RESPONSE;

  name = g_file_get_basename (file);
  if (!_errata_import_read_first_record (file, ERRATA_RECORD_DEFAULT_MAX_SIZE, &syntax, &first,
                                         cancellable, error))
    {
      g_prefix_error (error, "%s: ", name);
      if (error && *error && (*error)->domain != ERRATA_IMPORT_ERROR
          && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          (*error)->domain = ERRATA_IMPORT_ERROR;
          (*error)->code = ERRATA_IMPORT_ERROR_UNREADABLE;
        }
      return ERRATA_IMPORT_FORMAT_AUTO;
    }
  if (first == NULL)
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_UNKNOWN_FORMAT,
                   /* Translators: %s is a file name. */
                   _("%s: no readable record to tell the format from (the file is empty or "
                     "its first records are not valid)"), name);
      return ERRATA_IMPORT_FORMAT_AUTO;
    }
  return _errata_import_format_detect (first, syntax);
}

static gboolean
emit_progress_idle (gpointer data)
{
  ImportJob *job = data;
  double fraction;
  guint records;

  g_mutex_lock (&job->mutex);
  fraction = job->fraction;
  records = job->progress_records;
  job->progress_pending = FALSE;
  g_mutex_unlock (&job->mutex);

  g_signal_emit (job->importer, signals[PROGRESS], 0, fraction, records);
  return G_SOURCE_REMOVE;
}

static void
report_progress (ImportJob *job,
                 guint64    bytes_in_file,
                 gboolean   force)
{
  gint64 now = g_get_monotonic_time ();
  double fraction;

  if (!force && now - job->last_progress < PROGRESS_INTERVAL_USEC)
    return;
  job->last_progress = now;

  fraction = job->total_bytes > 0
             ? (double)(job->done_bytes + bytes_in_file) / (double)job->total_bytes : 1.0;
  fraction = CLAMP (fraction, 0.0, 1.0);

  if (job->context == NULL)
    {
      g_signal_emit (job->importer, signals[PROGRESS], 0, fraction, job->records_done);
      return;
    }

  /* Worker thread: hand the latest numbers over; one pending idle at a time
   * coalesces whatever comes in before the main loop gets to it. */
  g_mutex_lock (&job->mutex);
  job->fraction = fraction;
  job->progress_records = job->records_done;
  if (!job->progress_pending)
    {
      GSource *source = g_idle_source_new ();

      job->progress_pending = TRUE;
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_progress_idle, g_atomic_rc_box_acquire (job),
                             import_job_unref);
      g_source_attach (source, job->context);
      g_source_unref (source);
    }
  g_mutex_unlock (&job->mutex);
}

static gboolean
store_staged_trace (ErrataTrace  *trace,
                    gpointer      user_data,
                    GError      **error)
{
  ImportJob *job = user_data;

  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return FALSE;
  return _errata_import_store_add (job->store, trace, NULL, NULL, error);
}

static gboolean
stage_record (ImportJob                     *job,
              ErrataImportInput             *input,
              const ErrataImportFormatInfo  *info,
              ErrataImportContext           *ctx,
              const ErrataRecord            *record,
              GError                       **error)
{
  g_autoptr(GError) record_error = NULL;

  /* Staging has a transaction of its own; a batch must not be open around it. */
  if (!_errata_import_store_commit (job->store, error))
    return FALSE;
  if (job->stage == NULL && (job->stage = _errata_import_stage_new (job->project, error)) == NULL)
    return FALSE;
  if (info->stage (job->stage, ctx, record, &record_error))
    return TRUE;

  /* A record without spans is the record's problem; a failing project is ours. */
  if (record_error->domain != ERRATA_IMPORT_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&record_error));
      return FALSE;
    }
  errata_import_report_add_problem (job->report, input->display, record->number,
                                    record->line, record_error->message);
  return TRUE;
}

/* One record from the reading thread: stored, staged or reported. */
static gboolean
import_item (ImportJob           *job,
             ErrataImportInput   *input,
             ErrataImportContext *ctx,
             ErrataImportItem    *item,
             GError             **error)
{
  switch (item->kind)
    {
    case ERRATA_IMPORT_ITEM_TRACE:
      return _errata_import_store_add_row (job->store, item->trace, item->annotations, &item->row,
                                           input->display, item->record.number,
                                           item->record.line, error);
    case ERRATA_IMPORT_ITEM_STAGE:
      return stage_record (job, input, _errata_import_format_get_info (input->format), ctx,
                           &item->record, error);
    case ERRATA_IMPORT_ITEM_PROBLEM:
    default:
      errata_import_report_add_problem (job->report, input->display, item->record.number,
                                        item->record.line, item->problem);
      return TRUE;
    }
}

static void
note_empty_input (ImportJob          *job,
                  ErrataImportInput  *input,
                  ErrataRecordReader *reader,
                  guint               n_records)
{
  if (n_records > 0)
    return;
  if (errata_record_reader_get_header (reader) != NULL)
    errata_import_report_add_problem (job->report, input->display, 0, 0,
                                      /* Translators: a CSV file with only its
                                       * first row, which names the columns. */
                                      _("the file has a header row but no records: "
                                        "nothing to import"));
  else
    errata_import_report_add_problem (job->report, input->display, 0, 0,
                                      _("the file is empty: nothing to import"));
}

/* One object on one line is a JSON file as much as a JSONL one: the report
 * says JSONL only for a file named so or holding more than one record. */
static void
name_syntax (ErrataImportInput  *input,
             ErrataRecordReader *reader,
             guint               n_records)
{
  if (errata_record_reader_get_syntax (reader) == ERRATA_RECORD_SYNTAX_JSONL && n_records <= 1
      && errata_record_syntax_from_name (input->display) != ERRATA_RECORD_SYNTAX_JSONL)
    input->syntax = ERRATA_RECORD_SYNTAX_JSON;
}

/* Reads one file to its end. A read failure halfway is reported and the
 * import goes on with the next file; only cancellation and a failing
 * project stop everything. */
static gboolean
import_input (ImportJob           *job,
              ErrataImportInput   *input,
              ErrataImportContext *ctx,
              GError             **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(ErrataRecordReader) reader = NULL;
  g_autoptr(GError) read_error = NULL;
  ErrataImportPipeline *pipeline;
  ErrataImportItem *item;
  guint n_records = 0;
  gboolean ok = TRUE;

  stream = errata_record_file_read (input->file, job->cancellable, &read_error);
  if (stream == NULL)
    {
      errata_import_report_add_problem (job->report, input->display, 0, 0, read_error->message);
      return !g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
             || (g_propagate_error (error, g_steal_pointer (&read_error)), FALSE);
    }

  reader = errata_record_reader_new (G_INPUT_STREAM (stream), input->syntax);
  errata_record_reader_set_max_record_size (reader, job->max_record_size);
  pipeline = _errata_import_pipeline_start (reader, _errata_import_format_get_info (input->format),
                                            ctx, job->cancellable);
  while (ok && (item = _errata_import_pipeline_next (pipeline)) != NULL)
    {
      n_records++;
      job->records_done++;
      ok = import_item (job, input, ctx, item, error);
      report_progress (job, item->bytes_read, FALSE);
      _errata_import_item_free (item);
      if (ok && g_cancellable_set_error_if_cancelled (job->cancellable, error))
        ok = FALSE;
    }
  /* The reading thread is stopped and gone before the reader is. */
  _errata_import_pipeline_finish (pipeline, &read_error);
  if (!ok)
    return FALSE;

  if (read_error != NULL)
    {
      if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&read_error));
          return FALSE;
        }
      errata_import_report_add_problem (job->report, input->display, 0, 0, read_error->message);
    }
  note_empty_input (job, input, reader, n_records);
  name_syntax (input, reader, n_records);
  job->done_bytes += input->size;
  return TRUE;
}

static void
note_format (ImportJob  *job,
             const char *format_name)
{
  g_auto(GStrv) known = NULL;

  if (job->formats == NULL)
    job->formats = g_string_new (NULL);
  known = g_strsplit (job->formats->str, ", ", -1);
  if (g_strv_contains ((const char * const *)known, format_name))
    return;
  if (job->formats->len > 0)
    g_string_append (job->formats, ", ");
  g_string_append (job->formats, format_name);
}

static gboolean
import_all (ImportJob           *job,
            ErrataImportContext *ctx,
            GError             **error)
{
  const char *source = NULL;

  for (guint i = 0; i < job->inputs->len; i++)
    {
      ErrataImportInput *input = g_ptr_array_index (job->inputs, i);
      g_autofree char *format_name = NULL;

      /* Ids repeat across sources; only within one do they collide. */
      if (source == NULL || !g_str_equal (source, input->source))
        g_hash_table_remove_all (ctx->seen_ids);
      source = input->source;
      ctx->source = input->source;
      /* An imported verdict is a label from its file unless a name was
       * given (DESIGN.md, "Labels"). */
      ctx->annotator = job->annotator ? job->annotator : input->source;

      if (!import_input (job, input, ctx, error))
        return FALSE;
      /* Named once read: the syntax is known for sure only then. */
      format_name = _errata_import_format_describe (input->format, input->syntax);
      errata_import_report_add_file (job->report, format_name);
      note_format (job, format_name);
    }

  if (job->stage != NULL
      && !_errata_import_stage_convert (job->stage, ctx, job->report, job->cancellable,
                                        store_staged_trace, job, error))
    return FALSE;
  return _errata_import_store_commit (job->store, error);
}

/* The import is recorded once it is planned (a plan that fails leaves the
 * project untouched), named by the files the user gave. */
static gboolean
record_start (ImportJob  *job,
              GError    **error)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
  g_auto(GStrv) path_list = NULL;
  g_autofree char *mapping = job->map ? errata_field_map_to_string (job->map) : NULL;

  for (guint i = 0; i < job->files->len; i++)
    {
      GFile *file = g_ptr_array_index (job->files, i);
      g_autofree char *base = g_file_get_basename (file);
      g_autofree char *path = g_file_get_path (file);

      if (name->len > 0)
        g_string_append (name, ", ");
      g_string_append (name, base);
      g_strv_builder_add (paths, path != NULL ? path : base);
    }
  path_list = g_strv_builder_end (paths);
  job->import_id = errata_project_start_import (job->project, name->str,
                                                (const char * const *)path_list, NULL,
                                                mapping, error);
  if (job->import_id == 0)
    return FALSE;
  _errata_import_store_set_import_id (job->store, job->import_id);
  return TRUE;
}

/* Best effort when the import stopped: its error is the one to report. */
static gboolean
record_end (ImportJob  *job,
            gboolean    finished,
            GError    **error)
{
  return errata_project_finish_import (job->project, job->import_id, finished,
                                       job->formats ? job->formats->str : NULL,
                                       errata_import_report_get_n_added (job->report),
                                       errata_import_report_get_n_skipped (job->report),
                                       error);
}

static ErrataImportReport *
run_import (ImportJob  *job,
            GError    **error)
{
  g_autoptr(GHashTable) seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  ErrataImportContext ctx = { 0, };

  job->inputs = _errata_import_plan ((GFile **)job->files->pdata, job->files->len, job->format,
                                     job->map, job->max_record_size, job->report,
                                     job->cancellable, error);
  if (job->inputs == NULL)
    return NULL;
  for (guint i = 0; i < job->inputs->len; i++)
    job->total_bytes += ((ErrataImportInput *)g_ptr_array_index (job->inputs, i))->size;
  job->store = _errata_import_store_new (job->project, job->report, job->batch_size,
                                         job->importer->batch_func, job->importer->batch_data);
  _errata_import_store_set_drop_refused (job->store, TRUE);

  ctx.map = job->map;
  ctx.parser = parser;
  ctx.seen_ids = seen_ids;
  if (!record_start (job, error))
    {
      g_clear_pointer (&job->store, _errata_import_store_free);
      return NULL;
    }
  if (!import_all (job, &ctx, error) || !record_end (job, TRUE, error))
    {
      /* The batch in flight goes; committed batches stay, and so does
       * the record of what they added. */
      _errata_import_store_rollback (job->store);
      record_end (job, FALSE, NULL);
      g_clear_pointer (&job->stage, _errata_import_stage_free);
      g_clear_pointer (&job->store, _errata_import_store_free);
      return NULL;
    }
  g_clear_pointer (&job->stage, _errata_import_stage_free);
  g_clear_pointer (&job->store, _errata_import_store_free);
  report_progress (job, 0, TRUE);
  return g_object_ref (job->report);
}

ErrataImportReport *
errata_importer_import (ErrataImporter  *self,
                        ErrataProject   *project,
                        GFile          **files,
                        guint            n_files,
                        GCancellable    *cancellable,
                        GError         **error)
{
  ImportJob *job;
  ErrataImportReport *report;

  g_return_val_if_fail (ERRATA_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  job = import_job_new (self, files, n_files, cancellable);
  job->project = g_object_ref (project);
  report = run_import (job, error);
  import_job_unref (job);
  return report;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  ErrataImportReport *report;

  /* A SQLite connection belongs to one thread: the worker has its own. */
  job->project = errata_project_open (job->project_file, ERRATA_PROJECT_OPEN_NONE, &error);
  if (job->project == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  report = run_import (job, &error);
  errata_project_close (job->project);
  g_clear_object (&job->project);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, g_object_unref);
}

void
errata_importer_import_async (ErrataImporter      *self,
                              ErrataProject       *project,
                              GFile              **files,
                              guint                n_files,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (ERRATA_IS_IMPORTER (self));
  g_return_if_fail (ERRATA_IS_PROJECT (project));
  g_return_if_fail (files != NULL || n_files == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_importer_import_async);

  job = import_job_new (self, files, n_files, cancellable);
  job->project_file = g_object_ref (errata_project_get_file (project));
  job->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, job, import_job_unref);
  g_task_run_in_thread (task, import_thread);
}

ErrataImportReport *
errata_importer_import_finish (ErrataImporter  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (ERRATA_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
