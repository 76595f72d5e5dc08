/* errata-import-probe.c
 *
 * What the import dialog shows before the import starts: each file's
 * kind, size and detected format, and a sample of its first records. It
 * asks the same questions the importer's planning will, so that what the
 * dialog promises is what the import does.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-import-probe.h"

#include "errata-import-private.h"

struct _ErrataImportProbe
{
  GFile              *file;
  gboolean            is_folder;
  guint               n_files;
  guint64             size;
  ErrataImportFormat  format;
  GError             *error;
  ErrataImportSample *sample;
};

void
errata_import_probe_free (ErrataImportProbe *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->file);
  g_clear_error (&self->error);
  g_clear_pointer (&self->sample, errata_import_sample_free);
  g_free (self);
}

static guint
count_json_files (GFile        *folder,
                  GCancellable *cancellable)
{
  g_autoptr(GPtrArray) names = _errata_import_list_folder (folder, cancellable, NULL);

  return names != NULL ? names->len : 0;
}

ErrataImportProbe *
errata_import_probe_file (GFile        *file,
                          guint         max_records,
                          GCancellable *cancellable)
{
  ErrataImportProbe *self;
  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_new0 (ErrataImportProbe, 1);
  self->file = g_object_ref (file);
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &self->error);
  if (info == NULL)
    return self;
  self->is_folder = g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY;
  self->size = g_file_info_get_size (info);
  self->n_files = self->is_folder ? count_json_files (file, cancellable) : 1;
  self->format = errata_importer_detect_format (file, cancellable, &self->error);
  if (self->error == NULL && !self->is_folder)
    self->sample = errata_import_sample_load (file, max_records, cancellable, NULL);
  return self;
}

GFile *
errata_import_probe_get_file (ErrataImportProbe *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->file;
}

gboolean
errata_import_probe_is_folder (ErrataImportProbe *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->is_folder;
}

guint
errata_import_probe_get_n_files (ErrataImportProbe *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_files;
}

guint64
errata_import_probe_get_size (ErrataImportProbe *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->size;
}

ErrataImportFormat
errata_import_probe_get_format (ErrataImportProbe *self)
{
  g_return_val_if_fail (self != NULL, ERRATA_IMPORT_FORMAT_AUTO);
  return self->error == NULL ? self->format : ERRATA_IMPORT_FORMAT_AUTO;
}

const GError *
errata_import_probe_get_error (ErrataImportProbe *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->error;
}

ErrataImportSample *
errata_import_probe_get_sample (ErrataImportProbe *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sample;
}

gboolean
errata_import_probe_blocks_import (ErrataImportProbe *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->error != NULL
         && !g_error_matches (self->error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_UNKNOWN_FORMAT);
}

typedef struct
{
  GPtrArray *files;
  guint      max_records;
} ProbeJob;

static void
probe_job_free (gpointer data)
{
  ProbeJob *job = data;

  g_ptr_array_unref (job->files);
  g_free (job);
}

static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ProbeJob *job = task_data;
  g_autoptr(GPtrArray) probes = NULL;
  GError *error = NULL;

  probes = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_import_probe_free);
  for (guint i = 0; i < job->files->len; i++)
    g_ptr_array_add (probes, errata_import_probe_file (g_ptr_array_index (job->files, i),
                                                       job->max_records, cancellable));
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&probes), (GDestroyNotify)g_ptr_array_unref);
}

void
errata_import_probe_files_async (GFile               **files,
                                 guint                 n_files,
                                 guint                 max_records,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ProbeJob *job = g_new0 (ProbeJob, 1);

  g_return_if_fail (files != NULL || n_files == 0);

  job->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (job->files, g_object_ref (files[i]));
  job->max_records = max_records;
  g_task_set_source_tag (task, errata_import_probe_files_async);
  g_task_set_task_data (task, job, probe_job_free);
  g_task_run_in_thread (task, probe_thread);
}

GPtrArray *
errata_import_probe_files_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
