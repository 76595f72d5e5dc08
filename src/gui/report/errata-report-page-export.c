/* errata-report-page-export.c: Export HTML…, Export PDF… and Print.
 *
 * The files come from the core's writers (errata-report-html.c,
 * errata-report-document.c), so a file exported here is the one
 * `errata-cli report` writes; printing lays the same document out on the
 * printer's pages.
 *
 * GtkFileDialog came with GTK 4.10: on 4.8 the file is chosen with a
 * GtkFileChooserNative, as the import dialog does.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-report-page-private.h"

#include <glib/gi18n.h>

#include "errata-report-document.h"
#include "errata-report-html.h"

gboolean
errata_report_page_export (ErrataReportPage  *self,
                           GFile             *file,
                           gboolean           pdf,
                           GError           **error)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  g_return_val_if_fail (ERRATA_IS_REPORT_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->report == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("There is no report to export: it could not be gathered."));
      return FALSE;
    }
  ok = pdf ? errata_report_write_pdf (self->report, file, NULL, error)
           : errata_report_write_html (self->report, file, NULL, error);
  name = g_file_get_basename (file);
  if (ok)
    text = g_strdup_printf (_("Report saved as “%s”"), name);
  else
    text = g_strdup_printf (_("Could not save “%s”: %s"), name, (*error)->message);
  _errata_report_page_show_toast (self, text);
  return ok;
}

static void
export_to (ErrataReportPage *self,
           GFile            *file,
           gboolean          pdf)
{
  g_autoptr(GError) error = NULL;

  errata_report_page_export (self, file, pdf, &error);
}

static char *
suggested_name (ErrataReportPage *self,
                gboolean          pdf)
{
  /* Translators: the suggested file name of an exported report; %s is the
   * project's name. */
  g_autofree char *base = g_strdup_printf (_("%s report"), self->report->title);

  return g_strconcat (base, pdf ? ".pdf" : ".html", NULL);
}

static void
save_response (GtkNativeDialog  *dialog,
               int               response,
               ErrataReportPage *self)
{
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "pdf"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    export_to (self, file, pdf);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static GtkFileFilter *
filter_new (gboolean pdf)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("Web pages"));
  gtk_file_filter_add_mime_type (filter, pdf ? "application/pdf" : "text/html");
  gtk_file_filter_add_suffix (filter, pdf ? "pdf" : "html");
  return filter;
}

static void
choose_file (ErrataReportPage *self,
             gboolean          pdf)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = suggested_name (self, pdf);
  g_autoptr(GtkFileFilter) filter = filter_new (pdf);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (pdf ? _("Export Report as PDF")
                                            : _("Export Report as HTML"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_set_data (G_OBJECT (dialog), "pdf", GINT_TO_POINTER (pdf));
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_html_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_file (ERRATA_REPORT_PAGE (widget), FALSE);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  choose_file (ERRATA_REPORT_PAGE (widget), TRUE);
}

/* Print ------------------------------------------------------------------ */

static void
begin_print (GtkPrintOperation    *operation,
             GtkPrintContext      *context,
             ErrataReportDocument *document)
{
  guint n_pages = errata_report_document_paginate (document,
                                                   gtk_print_context_get_cairo_context (context),
                                                   gtk_print_context_get_width (context),
                                                   gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, n_pages);
}

static void
draw_page (GtkPrintOperation    *operation,
           GtkPrintContext      *context,
           int                   page,
           ErrataReportDocument *document)
{
  errata_report_document_draw_page (document, gtk_print_context_get_cairo_context (context), page);
}

static void
print_done (GtkPrintOperation       *operation,
            GtkPrintOperationResult  result,
            ErrataReportPage        *self)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  gtk_print_operation_get_error (operation, &error);
  if (error != NULL)
    _errata_report_page_show_toast (self, error->message);
}

gboolean
errata_report_page_print (ErrataReportPage         *self,
                          GtkPrintOperationAction   action,
                          const char               *export_filename,
                          GError                  **error)
{
  GtkRoot *root;
  g_autoptr(GtkPrintOperation) operation = NULL;
  ErrataReport *report;
  ErrataReportDocument *document;

  g_return_val_if_fail (ERRATA_IS_REPORT_PAGE (self), FALSE);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_filename != NULL,
                        FALSE);

  /* The operation owns its own report and document: a reload of the page
   * while the print dialog is open must not pull them away. */
  report = errata_report_gather (errata_workspace_get_project (self->workspace), error);
  if (report == NULL)
    return FALSE;
  operation = gtk_print_operation_new ();
  document = errata_report_document_new (report);
  gtk_print_operation_set_job_name (operation, report->title);
  g_object_set_data_full (G_OBJECT (operation), "report", report,
                          (GDestroyNotify)errata_report_free);
  g_object_set_data_full (G_OBJECT (operation), "document", document,
                          (GDestroyNotify)errata_report_document_free);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, action != GTK_PRINT_OPERATION_ACTION_EXPORT);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print), document);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page), document);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done), self, 0);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  return gtk_print_operation_run (operation, action,
                                  GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ErrataReportPage *self = ERRATA_REPORT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!errata_report_page_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error))
    _errata_report_page_show_toast (self, error->message);
}

void
_errata_report_page_class_add_exports (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "report.export-html", NULL, export_html_action);
  gtk_widget_class_install_action (widget_class, "report.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "report.print", NULL, print_action);
}
