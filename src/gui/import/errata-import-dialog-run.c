/* errata-import-dialog-run.c: the import itself. The files go in runs
 * (the unmapped ones together, then the mapped ones, see plan_runs()),
 * each through errata_importer_import_async in a thread; the progress bar
 * counts records over every run, and the summary reports them all.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-import-dialog-private.h"

#include <glib/gi18n.h>

#include "errata-importer.h"

/* States -------------------------------------------------------------- */

void
_errata_import_dialog_set_state (ErrataImportDialog *self,
           DialogState         state)
{
  static const char * const pages[] = { "setup", "progress", "summary" };

  self->state = state;
  gtk_stack_set_visible_child_name (self->stack, pages[state]);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), state != STATE_DONE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), state != STATE_DONE);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), state == STATE_DONE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  _errata_import_dialog_update_import_enabled (self);
  /* The buttons that had the focus are gone: Enter closes. */
  if (state == STATE_DONE)
    {
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_button));
      gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
    }
}

static void
show_report (ErrataImportDialog *self)
{
  GPtrArray *problems = errata_import_report_get_problems (self->report);

  errata_import_summary_show_report (self->summary, self->report, self->queue);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.copy-skipped", problems->len > 0);
  _errata_import_dialog_set_state (self, STATE_DONE);
}

/* Cancelled, or the project failed halfway (a full disk): what was
 * committed stays, and the user is told how much. */
static void
show_stopped (ErrataImportDialog *self,
              const GError       *error)
{
  errata_import_summary_show_stopped (self->summary, error, g_atomic_int_get (&self->committed));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.copy-skipped", FALSE);
  _errata_import_dialog_set_state (self, STATE_DONE);
}

/* Import -------------------------------------------------------------- */

static void
on_progress (ErrataImporter     *importer,
             double              fraction,
             guint               records,
             ErrataImportDialog *self)
{
  g_autofree char *text = NULL;
  guint64 run_bytes = 0;
  double total;

  if (self->disposed)
    return;
  for (guint i = self->run_start; i < self->run_end; i++)
    run_bytes += _errata_import_dialog_row_size (g_ptr_array_index (self->queue, i));
  total = self->total_bytes > 0
          ? (self->bytes_before + fraction * run_bytes) / (double)self->total_bytes : fraction;
  records += self->records_before;
  text = g_strdup_printf (ngettext ("%u record", "%u records", records), records);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (total, 0.0, 1.0));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

/* Runs in the import thread. */
static void
on_batch_committed (guint    records_committed,
                    gpointer user_data)
{
  ErrataImportDialog *self = user_data;

  g_atomic_int_set (&self->committed, self->committed_before + records_committed);
}

/* Nothing written and the user can do something about it (map a field,
 * pick another file): back to the setup page with the core's message. */
static gboolean
error_is_before_import (ErrataImportDialog *self,
                        const GError       *error)
{
  return g_atomic_int_get (&self->committed) == 0
         && (g_error_matches (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_NEEDS_MAPPING)
             || g_error_matches (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_UNKNOWN_FORMAT)
             || g_error_matches (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_UNREADABLE));
}

static void
finish_import (ErrataImportDialog *self,
               const GError       *error)
{
  gboolean kept = g_atomic_int_get (&self->committed) > 0;

  if (error == NULL)
    show_report (self);
  else if (error_is_before_import (self, error))
    {
      _errata_import_dialog_set_state (self, STATE_SETUP);
      _errata_import_dialog_show_setup_error (self, error->message);
    }
  else
    show_stopped (self, error);

  if (error == NULL || kept)
    _errata_import_dialog_emit_imported (self, error == NULL ? self->report : NULL);
  if (self->close_when_done)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void start_run (ErrataImportDialog *self);

/* Moves to the next run; FALSE when all files are done. */
static gboolean
next_run (ErrataImportDialog *self)
{
  if (self->run_end >= self->queue->len)
    return FALSE;
  self->run_start = self->run_end;
  self->run_end = self->run_start < self->n_unmapped ? self->n_unmapped : self->queue->len;
  return TRUE;
}

static void
take_run_report (ErrataImportDialog *self,
                 ErrataImportReport *report)
{
  for (guint i = self->run_start; i < self->run_end; i++)
    self->bytes_before += _errata_import_dialog_row_size (g_ptr_array_index (self->queue, i));
  self->records_before += errata_import_report_get_n_records (report);
  self->committed_before += errata_import_report_get_n_added (report)
                            + errata_import_report_get_n_duplicates (report);
  if (self->report == NULL)
    self->report = g_object_ref (report);
  else
    errata_import_report_merge (self->report, report);
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ErrataImportDialog) self = user_data;
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = errata_importer_import_finish (ERRATA_IMPORTER (source), result, &error);
  if (self->disposed)
    return;
  if (report == NULL)
    {
      g_clear_object (&self->import_cancellable);
      finish_import (self, error);
      return;
    }
  take_run_report (self, report);
  if (next_run (self))
    {
      /* Cancelled between two imports: the first one's traces stay. */
      if (g_cancellable_set_error_if_cancelled (self->import_cancellable, &error))
        {
          g_clear_object (&self->import_cancellable);
          finish_import (self, error);
          return;
        }
      start_run (self);
      return;
    }
  g_clear_object (&self->import_cancellable);
  finish_import (self, NULL);
}

/* A map given to the importer applies to every file it reads: an id field
 * mapped for one export would change the identity of another file's
 * traces, and importing that file again would add them twice. So with a
 * mix of formats, the mapped files get an import of their own. */
static void
plan_runs (ErrataImportDialog *self)
{
  g_ptr_array_set_size (self->queue, 0);
  self->total_bytes = 0;
  for (guint mapped = 0; mapped < 2; mapped++)
    for (guint i = 0; i < self->rows->len; i++)
      {
        ErrataImportFileRow *row = g_ptr_array_index (self->rows, i);

        if (_errata_import_dialog_row_is_mapped (self, row) != (gboolean)mapped)
          continue;
        g_ptr_array_add (self->queue, row);
        self->total_bytes += _errata_import_dialog_row_size (row);
      }
  self->n_unmapped = 0;
  while (self->n_unmapped < self->queue->len
         && !_errata_import_dialog_row_is_mapped (self, g_ptr_array_index (self->queue, self->n_unmapped)))
    self->n_unmapped++;
  self->run_start = self->run_end = 0;
  self->bytes_before = 0;
  self->records_before = 0;
  self->committed_before = 0;
}

static ErrataImporter *
create_importer (ErrataImportDialog *self)
{
  ErrataImporter *importer = errata_importer_new ();

  errata_importer_set_format (importer, _errata_import_dialog_chosen_format (self));
  if (self->run_start >= self->n_unmapped)
    errata_importer_set_field_map (importer, _errata_import_dialog_get_map (self));
  errata_importer_set_batch_callback (importer, on_batch_committed, self);
  g_signal_connect_object (importer, "progress", G_CALLBACK (on_progress), self, 0);
  return importer;
}

static void
start_run (ErrataImportDialog *self)
{
  g_autoptr(ErrataImporter) importer = create_importer (self);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (guint i = self->run_start; i < self->run_end; i++)
    g_ptr_array_add (files, errata_import_file_row_get_file (g_ptr_array_index (self->queue, i)));
  /* The batch callback points at the dialog: it lives until the import ends. */
  errata_importer_import_async (importer, self->project, (GFile **)files->pdata, files->len,
                                self->import_cancellable, on_import_done, g_object_ref (self));
}

void
_errata_import_dialog_start_import (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ErrataImportDialog *self = ERRATA_IMPORT_DIALOG (widget);
  g_autofree char *what = _errata_import_dialog_describe_files (self);

  if (self->state != STATE_SETUP)
    return;

  _errata_import_dialog_show_setup_error (self, NULL);
  g_clear_object (&self->report);
  g_atomic_int_set (&self->committed, 0);
  gtk_label_set_text (self->progress_files, what);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
  _errata_import_dialog_set_state (self, STATE_RUNNING);

  plan_runs (self);
  next_run (self);
  self->import_cancellable = g_cancellable_new ();
  start_run (self);
}
