/* errata-import-dialog.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three pages in a stack: setup (a row per file with its detected format,
 * an "Import As" choice, the field map editor and the preview), progress,
 * and the summary. This file is the flow between them and the setup page:
 * everything that reads files runs in a thread (the probe of each file
 * once, when the dialog opens, then errata_importer_import_async, driven
 * from errata-import-dialog-run.c); the rows, the editor, the preview and
 * the summary are widgets of their own.
 */

#include "config.h"

#include "errata-import-dialog.h"
#include "errata-import-dialog-private.h"

#include <glib/gi18n.h>

#include "errata-field-map-editor.h"
#include "errata-import-file-row.h"
#include "errata-import-preview.h"
#include "errata-import-probe.h"
#include "errata-import-summary.h"
#include "errata-importer.h"

#define PREVIEW_RECORDS 5

G_DEFINE_FINAL_TYPE (ErrataImportDialog, errata_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

ErrataImportFormat
_errata_import_dialog_chosen_format (ErrataImportDialog *self)
{
  return (ErrataImportFormat)adw_combo_row_get_selected (self->format_row);
}

static ErrataImportFormat
row_format (ErrataImportDialog  *self,
            ErrataImportFileRow *row)
{
  return errata_import_file_row_get_format (row, _errata_import_dialog_chosen_format (self));
}

gboolean
_errata_import_dialog_row_is_mapped (ErrataImportDialog  *self,
               ErrataImportFileRow *row)
{
  return errata_import_format_needs_mapping (row_format (self, row));
}

guint64
_errata_import_dialog_row_size (ErrataImportFileRow *row)
{
  ErrataImportProbe *probe = errata_import_file_row_get_probe (row);

  return probe != NULL ? errata_import_probe_get_size (probe) : 0;
}

static ErrataImportSample *
row_sample (ErrataImportFileRow *row)
{
  ErrataImportProbe *probe = errata_import_file_row_get_probe (row);

  return probe != NULL ? errata_import_probe_get_sample (probe) : NULL;
}

ErrataFieldMap *
_errata_import_dialog_get_map (ErrataImportDialog *self)
{
  return errata_field_map_editor_get_map (self->field_map_editor);
}

static gboolean
needs_mapping (ErrataImportDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (_errata_import_dialog_row_is_mapped (self, g_ptr_array_index (self->rows, i)))
      return TRUE;
  return FALSE;
}

void
_errata_import_dialog_emit_imported (ErrataImportDialog *self,
                                     ErrataImportReport *report)
{
  g_signal_emit (self, signals[IMPORTED], 0, report);
}

/* Enter imports. Until there is something to import the Import button
 * is insensitive, so the window's first focus lands on Cancel, where
 * Enter would cancel: once Import can run it takes the focus, unless the
 * user has moved it to some control already. */
static void
focus_import_once (ErrataImportDialog *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (self->import_focused)
    return;
  if (focus != NULL && focus != GTK_WIDGET (self->cancel_button))
    return;
  self->import_focused = TRUE;
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->import_button));
}

static ErrataImportFileRow *find_preview_row (ErrataImportDialog *self);

/* Why there is nothing to import, in words, or NULL. A preview whose
 * records all fail stops the import of a single file; beside other files
 * it only warns, since those may import. */
static char *
dup_blocking_reason (ErrataImportDialog *self,
                     gboolean           *blocks)
{
  ErrataImportFileRow *row;
  char *reason;

  *blocks = TRUE;
  if (needs_mapping (self) && !errata_field_map_has_content (_errata_import_dialog_get_map (self)))
    return g_strdup (_("Map a field to the input, the output or the messages: a trace needs "
                       "at least one of them."));
  row = find_preview_row (self);
  if (row == NULL)
    return NULL;
  reason = errata_import_preview_dup_blocking_reason (self->preview,
                                                      errata_import_file_row_get_name (row));
  *blocks = self->rows->len == 1;
  return reason;
}

void
_errata_import_dialog_update_import_enabled (ErrataImportDialog *self)
{
  gboolean ok = self->state == STATE_SETUP && !self->probing;
  g_autofree char *reason = NULL;
  gboolean blocks = FALSE;

  for (guint i = 0; ok && i < self->rows->len; i++)
    ok = !errata_import_file_row_blocks_import (g_ptr_array_index (self->rows, i));
  if (ok)
    reason = dup_blocking_reason (self, &blocks);
  if (reason != NULL && blocks)
    ok = FALSE;
  gtk_label_set_text (self->blocked_label, reason ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->blocked_label), reason != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->import_button), ok ? NULL : reason);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", ok);
  if (ok)
    focus_import_once (self);
}

void
_errata_import_dialog_show_setup_error (ErrataImportDialog *self,
                  const char         *message)
{
  gtk_label_set_text (self->setup_error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->setup_error), message != NULL);
}

/* Setup --------------------------------------------------------------- */

/* The window's subtitle and the progress page's title: the file's name,
 * or how many files. */
char *
_errata_import_dialog_describe_files (ErrataImportDialog *self)
{
  if (self->rows->len == 1)
    return g_strdup (errata_import_file_row_get_name (g_ptr_array_index (self->rows, 0)));
  return g_strdup_printf (ngettext ("%u file", "%u files", self->rows->len), self->rows->len);
}

static void
describe_rows (ErrataImportDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    errata_import_file_row_describe (g_ptr_array_index (self->rows, i), _errata_import_dialog_chosen_format (self));
}

/* The first file read with a mapping, whose fields the editor lists. */
static ErrataImportFileRow *
find_mapped_row (ErrataImportDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      ErrataImportFileRow *row = g_ptr_array_index (self->rows, i);

      if (_errata_import_dialog_row_is_mapped (self, row) && row_sample (row) != NULL)
        return row;
    }
  return NULL;
}

static void
update_field_map_editor (ErrataImportDialog *self)
{
  gboolean mapped = needs_mapping (self);
  ErrataImportFileRow *row = find_mapped_row (self);

  gtk_widget_set_visible (GTK_WIDGET (self->field_map_editor), mapped);
  if (mapped)
    errata_field_map_editor_show_sample (self->field_map_editor, row ? row_sample (row) : NULL);
}

static ErrataImportFileRow *
find_preview_row (ErrataImportDialog *self)
{
  ErrataImportFileRow *mapped = find_mapped_row (self);

  if (mapped != NULL)
    return mapped;
  for (guint i = 0; i < self->rows->len; i++)
    {
      ErrataImportFileRow *row = g_ptr_array_index (self->rows, i);

      if (row_sample (row) != NULL && errata_import_sample_get_n_records (row_sample (row)) > 0)
        return row;
    }
  return NULL;
}

static void
refresh_preview (ErrataImportDialog *self)
{
  ErrataImportFileRow *row = find_preview_row (self);

  if (row == NULL)
    {
      errata_import_preview_show (self->preview, NULL, NULL, ERRATA_IMPORT_FORMAT_AUTO, NULL);
      return;
    }
  errata_import_preview_show (self->preview, errata_import_file_row_get_name (row),
                              row_sample (row), row_format (self, row), _errata_import_dialog_get_map (self));
}

static void
refresh_setup (ErrataImportDialog *self)
{
  describe_rows (self);
  update_field_map_editor (self);
  refresh_preview (self);
  _errata_import_dialog_update_import_enabled (self);
}

static void
on_format_selected (ErrataImportDialog *self)
{
  _errata_import_dialog_show_setup_error (self, NULL);
  refresh_setup (self);
}

static void
on_map_changed (ErrataImportDialog *self)
{
  _errata_import_dialog_show_setup_error (self, NULL);
  refresh_preview (self);
  _errata_import_dialog_update_import_enabled (self);
}

/* Probing the files --------------------------------------------------- */

static void
on_probed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ErrataImportDialog) self = user_data;
  g_autoptr(GPtrArray) probes = errata_import_probe_files_finish (result, NULL);

  if (self->disposed || probes == NULL || g_cancellable_is_cancelled (self->probe_cancellable))
    return;
  /* The rows take the probes over. */
  g_ptr_array_set_free_func (probes, NULL);
  for (guint i = 0; i < probes->len; i++)
    errata_import_file_row_set_probe (g_ptr_array_index (self->rows, i),
                                      g_ptr_array_index (probes, i));
  self->probing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_row), TRUE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      ErrataImportFileRow *row = g_ptr_array_index (self->rows, i);

      if (errata_import_file_row_blocks_import (row))
        {
          _errata_import_dialog_show_setup_error (self, errata_import_probe_get_error (
                                    errata_import_file_row_get_probe (row))->message);
          break;
        }
    }
  refresh_setup (self);
}

static void
start_probe (ErrataImportDialog *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (guint i = 0; i < self->rows->len; i++)
    g_ptr_array_add (files, errata_import_file_row_get_file (g_ptr_array_index (self->rows, i)));
  self->probing = TRUE;
  errata_import_probe_files_async ((GFile **)files->pdata, files->len, PREVIEW_RECORDS,
                                   self->probe_cancellable, on_probed, g_object_ref (self));
}

/* Actions ------------------------------------------------------------- */

static void
cancel_or_close (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ErrataImportDialog *self = ERRATA_IMPORT_DIALOG (widget);

  if (self->state != STATE_RUNNING)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
  g_cancellable_cancel (self->import_cancellable);
}

static void
copy_skipped (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ErrataImportDialog *self = ERRATA_IMPORT_DIALOG (widget);
  g_autoptr(GString) text = g_string_new (NULL);
  GPtrArray *problems;

  if (self->report == NULL)
    return;
  problems = errata_import_report_get_problems (self->report);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = errata_import_problem_to_string (g_ptr_array_index (problems, i));

      g_string_append_printf (text, "%s\n", line);
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text->str);
}

/* Closing while the import runs cancels it; the window goes once the
 * worker has rolled back the batch in flight and ::imported has told the
 * page how many traces stayed. */
static gboolean
errata_import_dialog_close_request (GtkWindow *window)
{
  ErrataImportDialog *self = ERRATA_IMPORT_DIALOG (window);

  if (self->state != STATE_RUNNING)
    return GTK_WINDOW_CLASS (errata_import_dialog_parent_class)->close_request (window);
  self->close_when_done = TRUE;
  g_cancellable_cancel (self->import_cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  return TRUE;
}

/* GObject ------------------------------------------------------------- */

static void
errata_import_dialog_dispose (GObject *object)
{
  ErrataImportDialog *self = ERRATA_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->probe_cancellable);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (errata_import_dialog_parent_class)->dispose (object);
}

static void
errata_import_dialog_finalize (GObject *object)
{
  ErrataImportDialog *self = ERRATA_IMPORT_DIALOG (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->probe_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (errata_import_dialog_parent_class)->finalize (object);
}

static void
errata_import_dialog_class_init (ErrataImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = errata_import_dialog_dispose;
  object_class->finalize = errata_import_dialog_finalize;
  window_class->close_request = errata_import_dialog_close_request;

  /**
   * ErrataImportDialog::imported:
   * @report: (nullable): what the import did, or %NULL when it stopped
   *   early (cancelled, or the project failed) after some traces were saved
   *
   * Emitted when the project has new traces, so that lists can refresh.
   */
  signals[IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ERRATA_TYPE_IMPORT_REPORT);

  /* The template uses them: make sure they are registered. */
  g_type_ensure (ERRATA_TYPE_FIELD_MAP_EDITOR);
  g_type_ensure (ERRATA_TYPE_IMPORT_PREVIEW);
  g_type_ensure (ERRATA_TYPE_IMPORT_SUMMARY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, setup_error);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, blocked_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, files_group);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, field_map_editor);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, progress_files);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, summary);
  gtk_widget_class_bind_template_callback (widget_class, on_map_changed);

  gtk_widget_class_install_action (widget_class, "import.start", NULL, _errata_import_dialog_start_import);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_or_close);
  gtk_widget_class_install_action (widget_class, "import.copy-skipped", NULL, copy_skipped);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
setup_format_row (ErrataImportDialog *self)
{
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);

  for (ErrataImportFormat format = ERRATA_IMPORT_FORMAT_AUTO;
       format <= ERRATA_IMPORT_FORMAT_LANGFUSE; format++)
    gtk_string_list_append (formats, errata_import_format_get_choice_name (format));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));
  g_signal_connect_object (self->format_row, "notify::selected",
                           G_CALLBACK (on_format_selected), self, G_CONNECT_SWAPPED);
}

static void
errata_import_dialog_init (ErrataImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->queue = g_ptr_array_new ();
  self->probe_cancellable = g_cancellable_new ();
  setup_format_row (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.copy-skipped", FALSE);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
}

ErrataImportDialog *
errata_import_dialog_new (GtkWindow      *parent,
                          ErrataProject  *project,
                          GFile         **files,
                          guint           n_files)
{
  ErrataImportDialog *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (files != NULL && n_files > 0, NULL);

  self = g_object_new (ERRATA_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  for (guint i = 0; i < n_files; i++)
    {
      ErrataImportFileRow *row = errata_import_file_row_new (files[i]);

      g_ptr_array_add (self->rows, g_object_ref_sink (row));
      adw_preferences_group_add (self->files_group, GTK_WIDGET (row));
    }
  subtitle = _errata_import_dialog_describe_files (self);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  describe_rows (self);
  start_probe (self);
  return self;
}

ErrataImportDialog *
errata_import_dialog_present (GtkWindow      *parent,
                              ErrataProject  *project,
                              GFile         **files,
                              guint           n_files)
{
  ErrataImportDialog *self = errata_import_dialog_new (parent, project, files, n_files);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}
