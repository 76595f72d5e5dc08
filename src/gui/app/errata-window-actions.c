/* errata-window-actions.c: the window's actions.
 *
 * Every command of a window is a win.* action: menus, shortcuts, tests
 * and the pages go through them. A page never calls another page: it
 * activates win.show-trace or win.show-mode-traces, and the window brings
 * the right page forward.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-window-private.h"
#include "errata-import-dialog.h"
#include "errata-project-properties.h"
#include "errata-share-dialog.h"

/* Pages ----------------------------------------------------------------- */

/* Alt+1 … Alt+4: as the view switcher's buttons. */
static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _errata_window_show_page (ERRATA_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* A trace of the project, on the Traces page. */
static void
show_trace_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ErrataWindow *self = ERRATA_WINDOW (widget);

  _errata_window_show_page (self, PAGE_TRACES);
  errata_traces_page_show_trace (self->traces_page, g_variant_get_int64 (parameter));
}

/* Deleting traces and imports is the Traces page's (its .delete file);
 * the primary menu reaches it here, with the page on show. */
static void
forward_to_traces_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ErrataWindow *self = ERRATA_WINDOW (widget);

  if (self->traces_page == NULL)
    return;
  _errata_window_show_page (self, PAGE_TRACES);
  if (g_str_equal (action_name, "win.delete-traces"))
    gtk_widget_activate_action (GTK_WIDGET (self->traces_page), "traces.delete-traces", NULL);
  else if (g_str_equal (action_name, "win.delete-import"))
    gtk_widget_activate_action (GTK_WIDGET (self->traces_page), "traces.delete-import", "x",
                                (gint64)0);
  else
    gtk_widget_activate_action (GTK_WIDGET (self->traces_page), "traces.undo-delete", NULL);
}

static void
reload_pages_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _errata_window_reload_pages (ERRATA_WINDOW (widget));
}

/* An evaluator, on the Evaluators page. */
static void
show_evaluator_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ErrataWindow *self = ERRATA_WINDOW (widget);

  _errata_window_show_page (self, PAGE_EVALUATORS);
  errata_evaluators_page_show_evaluator (self->evaluators_page, g_variant_get_int64 (parameter));
}

/* The traces in a failure mode, on the Traces page. */
static void
show_mode_traces_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ErrataWindow *self = ERRATA_WINDOW (widget);

  _errata_window_show_page (self, PAGE_TRACES);
  errata_traces_page_set_failure_mode (self->traces_page, g_variant_get_int64 (parameter));
}

/* The traces whose label for a target (0 overall, or a failure mode) is
 * disputed, on the Traces page: where they are settled. */
static void
show_disputes_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ErrataWindow *self = ERRATA_WINDOW (widget);

  _errata_window_show_page (self, PAGE_TRACES);
  errata_traces_page_show_disputes (self->traces_page, g_variant_get_int64 (parameter));
}

/* The traces whose metadata field has a value ("(ss)"), on the Traces page:
 * the Synthetic Data page's Open in Traces, for one batch. */
static void
show_metadata_traces_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  ErrataWindow *self = ERRATA_WINDOW (widget);
  const char *field, *value;

  g_variant_get (parameter, "(&s&s)", &field, &value);
  _errata_window_show_page (self, PAGE_TRACES);
  errata_traces_page_set_metadata_filter (self->traces_page, field, value);
}

/* A double-clicked card asks for its trace. */
static void
modes_open_trace (ErrataWindow *self,
                  gint64        trace_id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-trace", "x", trace_id);
}

/* A Pareto bar asks for the traces in its failure mode. */
static void
modes_filter_traces (ErrataWindow *self,
                     gint64        mode_id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-mode-traces", "x", mode_id);
}

/* The Failure Modes page still announces its requests as signals; the
 * window turns them into the actions every page can activate. */
void
_errata_window_connect_page_signals (ErrataWindow *self)
{
  g_signal_connect_object (self->modes_page, "open-trace",
                           G_CALLBACK (modes_open_trace), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->modes_page, "filter-traces",
                           G_CALLBACK (modes_filter_traces), self, G_CONNECT_SWAPPED);
}

/* Opening --------------------------------------------------------------- */

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ErrataWindow *self = ERRATA_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  if (self->file == NULL)
    errata_window_open (self, file);
}

/* Import ---------------------------------------------------------------- */

static void
on_imported (ErrataWindow *self)
{
  if (self->traces_page != NULL)
    errata_traces_page_reload (self->traces_page);
}

/* Shows the import dialog for files of traces; the list reloads after
 * each import. */
void
errata_window_import_files (ErrataWindow  *self,
                            GFile        **files,
                            guint          n_files)
{
  ErrataProject *project;
  ErrataImportDialog *dialog;

  g_return_if_fail (ERRATA_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  project = errata_window_get_project (self);
  if (project == NULL || n_files == 0)
    return;
  dialog = errata_import_dialog_present (GTK_WINDOW (self), project, files, n_files);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), self,
                           G_CONNECT_SWAPPED);
}

static void
import_file_list (ErrataWindow *self,
                  GListModel   *list)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (files, g_list_model_get_item (list, i));
  errata_window_import_files (self, (GFile **)files->pdata, files->len);
}

static GtkFileFilter *
create_traces_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Trace Files"));
  gtk_file_filter_add_suffix (filter, "jsonl");
  gtk_file_filter_add_suffix (filter, "ndjson");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  return filter;
}

static GtkFileFilter *
create_all_files_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("All Files"));
  gtk_file_filter_add_pattern (filter, "*");
  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
on_import_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ErrataWindow) self = user_data;
  g_autoptr(GListModel) files = NULL;

  files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (source), result, NULL);
  if (files != NULL)
    import_file_list (self, files);
}

static void
choose_import_files (ErrataWindow *self)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) traces = create_traces_filter ();
  g_autoptr(GtkFileFilter) all = create_all_files_filter ();

  g_list_store_append (filters, traces);
  g_list_store_append (filters, all);
  gtk_file_dialog_set_title (dialog, _("Import Traces"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, traces);
  gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (self), NULL, on_import_chosen,
                                 g_object_ref (self));
}

#else /* GTK 4.8: GtkFileChooserNative */

static void
on_import_response (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(ErrataWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));

      import_file_list (self, files);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
choose_import_files (ErrataWindow *self)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Import Traces"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), create_traces_filter ());
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), create_all_files_filter ());
  g_signal_connect (native, "response", G_CALLBACK (on_import_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_import_files (ERRATA_WINDOW (widget));
}

/* Merge ------------------------------------------------------------------ */

static void
merge_reviews_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _errata_window_choose_merge_file (ERRATA_WINDOW (widget));
}

/* Share a copy --------------------------------------------------------- */

static void
on_copied (ErrataWindow *self,
           GFile        *destination)
{
  g_autofree char *path = g_file_get_path (destination);
  g_autofree char *text = NULL;

  if (self->traces_page == NULL)
    return;
  /* Translators: %s is the path of the copy that was written. */
  text = g_strdup_printf (_("Copy saved as “%s”"), path);
  errata_traces_page_show_toast (self->traces_page, text);
}

/* The review being typed is written first, so that the copy holds it. */
static void
share_copy_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ErrataWindow *self = ERRATA_WINDOW (widget);
  ErrataProject *project = errata_window_get_project (self);
  g_autoptr(GError) error = NULL;
  ErrataShareDialog *dialog;

  if (project == NULL)
    return;
  if (!errata_traces_page_flush (self->traces_page, &error))
    {
      errata_traces_page_show_toast (self->traces_page, error->message);
      return;
    }
  dialog = errata_share_dialog_new (GTK_WINDOW (self), project);
  g_signal_connect_object (dialog, "copied", G_CALLBACK (on_copied), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
project_properties_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ErrataWindow *self = ERRATA_WINDOW (widget);
  ErrataProject *project = errata_window_get_project (self);

  if (project != NULL)
    gtk_window_present (GTK_WINDOW (errata_project_properties_new (GTK_WINDOW (self), project)));
}

/* The page actions need a project. */
void
_errata_window_update_actions (ErrataWindow *self)
{
  gboolean has_project = self->traces_page != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge-reviews", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.share-copy", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.project-properties", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-traces", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-import", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-delete", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload-pages", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-page", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-trace", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-mode-traces", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-disputes", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-evaluator", has_project);
  _errata_window_update_compact_actions (self);
}

void
_errata_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.merge-reviews", NULL,
                                   merge_reviews_action);
  gtk_widget_class_install_action (widget_class, "win.share-copy", NULL, share_copy_action);
  gtk_widget_class_install_action (widget_class, "win.project-properties", NULL,
                                   project_properties_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.delete-traces", NULL,
                                   forward_to_traces_action);
  gtk_widget_class_install_action (widget_class, "win.delete-import", NULL,
                                   forward_to_traces_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL,
                                   forward_to_traces_action);
  gtk_widget_class_install_action (widget_class, "win.reload-pages", NULL, reload_pages_action);
  gtk_widget_class_install_action (widget_class, "win.show-trace", "x", show_trace_action);
  gtk_widget_class_install_action (widget_class, "win.show-mode-traces", "x",
                                   show_mode_traces_action);
  gtk_widget_class_install_action (widget_class, "win.show-disputes", "x", show_disputes_action);
  gtk_widget_class_install_action (widget_class, "win.show-metadata-traces", "(ss)",
                                   show_metadata_traces_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-page", "s", PAGE_TRACES);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-page", "s", PAGE_FAILURE_MODES);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-page", "s", PAGE_EVALUATORS);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK,
                                       "win.show-page", "s", PAGE_REPORT);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK,
                                       "win.show-page", "s", PAGE_SYNTH);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_6, GDK_ALT_MASK,
                                       "win.show-page", "s", PAGE_EXPERIMENTS);
  gtk_widget_class_install_action (widget_class, "win.show-evaluator", "x",
                                   show_evaluator_action);
}
