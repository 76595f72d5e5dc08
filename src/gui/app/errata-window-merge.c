/* errata-window-merge.c: File → Merge Reviews From…: a colleague's copy of
 * the project is read, what it would bring in is shown, and on Merge the
 * reviews come in (errata-project-merge.c); then every page reloads.
 *
 * Both the preview and the merge run in a thread on their own connection:
 * hashing the messages of every trace can take seconds on a big project.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-window-private.h"
#include "errata-project-merge.h"

/* What a merge in progress carries from one step to the next. */
typedef struct
{
  ErrataWindow *window;
  GFile        *other;
} MergeRequest;

static MergeRequest *
merge_request_new (ErrataWindow *self,
                   GFile        *other)
{
  MergeRequest *request = g_new0 (MergeRequest, 1);

  request->window = g_object_ref (self);
  request->other = g_object_ref (other);
  return request;
}

static void
merge_request_free (MergeRequest *request)
{
  g_clear_object (&request->window);
  g_clear_object (&request->other);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MergeRequest, merge_request_free)

void
_errata_window_reload_pages (ErrataWindow *self)
{
  if (self->traces_page != NULL)
    errata_traces_page_reload (self->traces_page);
  if (self->modes_page != NULL)
    errata_failure_modes_page_reload (self->modes_page);
  if (self->evaluators_page != NULL)
    errata_evaluators_page_reload (self->evaluators_page);
  if (self->report_page != NULL)
    errata_report_page_reload (self->report_page);
  if (self->experiments_page != NULL && !errata_experiments_page_is_running (self->experiments_page))
    errata_experiments_page_reload (self->experiments_page);
}

/* The counts in words, as errata-cli merge says them. */
static void
describe (GString                 *text,
          const ErrataMergeResult *result)
{
  g_string_append_printf (text, _("Traces: %u matched by id, %u by their messages, "
                                  "%u not in this project."),
                          result->traces_by_id, result->traces_by_hash,
                          result->traces_unmatched);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Reviews: %u new, %u updated, %u unchanged, "
                                  "%u kept (the version here is later)."),
                          result->reviews_new, result->reviews_updated,
                          result->reviews_unchanged, result->reviews_older);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Failure modes: %u new."), result->modes_new);
  if (result->imported_left_out > 0 || result->reviews_unmatched > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Left out: %u imported labels (labels, not reviews) and "
                                      "%u reviews of traces this project does not have."),
                              result->imported_left_out, result->reviews_unmatched);
    }
}

/* Conflicts are kept as they are here; each is named, never dropped. */
static void
append_conflicts (GString                 *text,
                  const ErrataMergeResult *result)
{
  if (result->conflicts->len == 0)
    return;
  g_string_append (text, "\n\n");
  g_string_append_printf (text, _("%u reviews differ in both files; the reviews here are "
                                  "kept:"), result->conflicts->len);
  for (guint i = 0; i < result->conflicts->len && i < 10; i++)
    {
      ErrataMergeConflict *conflict = result->conflicts->pdata[i];

      g_string_append_printf (text, "\n• %s, %s", conflict->external_id, conflict->annotator);
    }
  if (result->conflicts->len > 10)
    g_string_append_printf (text, "\n%s", _("… run “errata-cli merge --dry-run” for all."));
}

static char *
summarize (const ErrataMergeResult *result)
{
  GString *text = g_string_new (NULL);

  describe (text, result);
  append_conflicts (text, result);
  return g_string_free (text, FALSE);
}

static gboolean
has_changes (const ErrataMergeResult *result)
{
  return result->reviews_new + result->reviews_updated + result->modes_new > 0;
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* AdwMessageDialog: libadwaita 1.2 is the floor */

static AdwMessageDialog *
message_dialog_new (ErrataWindow *self,
                    const char   *heading,
                    const char   *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  /* Plain text: a trace id or a reviewer's name is not markup. */
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
on_merged (GObject      *source,
           GAsyncResult *async_result,
           gpointer      user_data)
{
  g_autoptr(MergeRequest) request = user_data;
  g_autoptr(ErrataMergeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  result = errata_project_merge_file_finish (async_result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (result == NULL)
    {
      errata_window_show_error (request->window, _("Could Not Merge Reviews"), error->message);
      return;
    }
  _errata_window_reload_pages (request->window);
  body = summarize (result);
  dialog = message_dialog_new (request->window, _("Reviews Merged"), body);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_preview_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  MergeRequest *request = user_data;  /* the signal's: freed with the dialog */
  ErrataProject *project = errata_window_get_project (request->window);

  if (!g_str_equal (response, "merge") || project == NULL)
    return;
  errata_project_merge_file_async (errata_project_get_file (project), request->other, FALSE,
                                   request->window->cancellable, on_merged,
                                   merge_request_new (request->window, request->other));
}

static void
present_preview (MergeRequest            *request,
                 const ErrataMergeResult *result)
{
  g_autofree char *name = g_file_get_basename (request->other);
  g_autofree char *heading = g_strdup_printf (_("Merge Reviews From “%s”?"), name);
  g_autofree char *body = summarize (result);
  AdwMessageDialog *dialog;

  dialog = message_dialog_new (request->window, heading, body);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (has_changes (result))
    {
      adw_message_dialog_add_response (dialog, "merge", _("_Merge"));
      adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "merge");
    }
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_preview_response),
                         merge_request_new (request->window, request->other),
                         (GClosureNotify)(void (*) (void))merge_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

G_GNUC_END_IGNORE_DEPRECATIONS

static void
on_preview (GObject      *source,
            GAsyncResult *async_result,
            gpointer      user_data)
{
  g_autoptr(MergeRequest) request = user_data;
  g_autoptr(ErrataMergeResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = errata_project_merge_file_finish (async_result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (result == NULL)
    errata_window_show_error (request->window, _("Could Not Merge Reviews"), error->message);
  else
    present_preview (request, result);
}

/* Reads `other` and shows what merging it would bring in; nothing is
 * written until the user says Merge. */
void
errata_window_merge_from (ErrataWindow *self,
                          GFile        *other)
{
  ErrataProject *project;

  g_return_if_fail (ERRATA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (other));

  project = errata_window_get_project (self);
  if (project == NULL)
    return;
  errata_project_merge_file_async (errata_project_get_file (project), other, TRUE,
                                   self->cancellable, on_preview,
                                   merge_request_new (self, other));
}

static GtkFileFilter *
create_projects_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Errata Projects"));
  gtk_file_filter_add_suffix (filter, "errata");
  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
on_merge_file_chosen (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ErrataWindow) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (file != NULL)
    errata_window_merge_from (self, file);
}

void
_errata_window_choose_merge_file (ErrataWindow *self)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) projects = create_projects_filter ();

  g_list_store_append (filters, projects);
  gtk_file_dialog_set_title (dialog, _("Merge Reviews From"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, on_merge_file_chosen,
                        g_object_ref (self));
}

#else /* GTK 4.8: GtkFileChooserNative */

static void
on_merge_file_response (GtkNativeDialog *native,
                        int              response,
                        gpointer         user_data)
{
  g_autoptr(ErrataWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        errata_window_merge_from (self, file);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
_errata_window_choose_merge_file (ErrataWindow *self)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Merge Reviews From"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), create_projects_filter ());
  g_signal_connect (native, "response", G_CALLBACK (on_merge_file_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif
