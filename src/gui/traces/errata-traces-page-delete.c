/* errata-traces-page-delete.c: Delete Traces… and Delete Import… on the
 * Traces page (issue 21): a confirmation that says what goes with the
 * traces, the deletion in a thread, a toast with Undo, and
 * traces.undo-delete, which brings back the latest deletion until the
 * project is closed.
 *
 * Which traces: the selected rows when several are (Ctrl+click,
 * Shift+click); else, with a search or a filter on, the traces the list
 * shows; else the trace on show. An import: chosen from a list of the
 * project's imports (file, date, how many traces are left).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-traces-page-private.h"
#include "errata-date.h"
#include "errata-project-imports.h"
#include "errata-toast-helper.h"
#include "errata-trace-deletion.h"

G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* AdwMessageDialog: libadwaita 1.2 is the floor */

/* "14 reviews, 3 imported labels and 5 notes' places in failure modes
 * go with them." — only what there is, every count saying whose. */
static char *
describe_counts (const ErrataDeletionCounts *counts)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);

#define PART(n, one, many) \
  if ((n) > 0) \
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, one, many, (gulong)(n)), \
                                             (long long)(n)))
  PART (counts->reviews, "%lld review (made here or merged)", "%lld reviews (made here or merged)");
  PART (counts->imported_labels, "%lld imported label", "%lld imported labels");
  PART (counts->explicit_labels, "%lld explicit label", "%lld explicit labels");
  PART (counts->verdicts, "%lld judge verdict", "%lld judge verdicts");
  PART (counts->assignments, "%lld note assignment to a failure mode",
        "%lld note assignments to failure modes");
  PART (counts->splits, "%lld place in a train/dev/test split",
        "%lld places in train/dev/test splits");
#undef PART

  /* "it" or "them": the traces being deleted. */
  if (parts->len == 0)
    g_string_append (text, counts->traces == 1
                           ? _("No reviews, labels or verdicts go with it.")
                           : _("No reviews, labels or verdicts go with them."));
  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        g_string_append (text, i + 1 == parts->len ? _(" and ") : ", ");
      g_string_append (text, parts->pdata[i]);
    }
  if (parts->len > 0)
    {
      gulong n_things = parts->len == 1 && counts->reviews + counts->imported_labels
                        + counts->explicit_labels + counts->verdicts + counts->assignments
                        + counts->splits == 1 ? 1 : 2;

      if (counts->traces == 1)
        g_string_append (text, g_dngettext (GETTEXT_PACKAGE, " goes with it.", " go with it.",
                                            n_things));
      else
        g_string_append (text, g_dngettext (GETTEXT_PACKAGE, " goes with them.", " go with them.",
                                            n_things));
    }
  g_string_append (text, "\n\n");
  g_string_append (text, _("You can undo this until you close the project."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The confirmation, for tests too: heading and counts, Cancel and a
 * destructive Delete (response "delete"). */
static char *
make_heading (ErrataDeleteKind  kind,
              const char       *import_name,
              gint64            n)
{
  switch (kind)
    {
    case ERRATA_DELETE_SHOWN:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete the %lld Trace Shown?",
                                           "Delete the %lld Traces Shown?", (gulong)n),
                              (long long)n);
    case ERRATA_DELETE_SELECTED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %lld Selected Trace?",
                                           "Delete %lld Selected Traces?", (gulong)n),
                              (long long)n);
    case ERRATA_DELETE_IMPORT:
      /* Translators: the second %s is an import's file name. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %lld Trace of %s?",
                                           "Delete %lld Traces of %s?", (gulong)n),
                              (long long)n, import_name);
    case ERRATA_DELETE_ONE:
    default:
      return g_strdup (_("Delete This Trace?"));
    }
}

AdwMessageDialog *
_errata_traces_page_new_delete_dialog (ErrataTracesPage           *self,
                                       ErrataDeleteKind            kind,
                                       const char                 *import_name,
                                       const ErrataDeletionCounts *counts)
{
  g_autofree char *heading = make_heading (kind, import_name, counts->traces);
  g_autofree char *body = describe_counts (counts);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   heading, body);
  /* Plain text: a file name is not markup. */
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_widget_add_css_class (dialog, "delete-traces-dialog");
  return ADW_MESSAGE_DIALOG (dialog);
}

/* ---- Running ---- */

static void
reload_everything (ErrataTracesPage *self)
{
  /* The window reloads every page (counts, canvas, metrics); a page on
   * its own (tests) reloads itself. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.reload-pages", NULL))
    errata_traces_page_reload (self);
}

static void
set_busy (ErrataTracesPage *self,
          gboolean          busy)
{
  self->deleting = busy;
  if (!busy)
    g_clear_object (&self->delete_cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "traces.delete-traces", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "traces.delete-import", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "traces.undo-delete", !busy);
}

static void
on_deleted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ErrataTracesPage) self = user_data;
  ErrataTraceDeletion *deletion = ERRATA_TRACE_DELETION (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean ok = errata_trace_deletion_run_finish (deletion, result, &error);
  gint64 n;

  /* The page went meanwhile (the project was closed): so does the undo. */
  if (self->deletions == NULL)
    return;
  set_busy (self, FALSE);
  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message = g_strdup (_("Cancelled: nothing was deleted."));
      else
        message = g_strdup_printf (_("Nothing was deleted: %s"), error->message);
      errata_traces_page_show_toast (self, message);
      return;
    }
  g_ptr_array_add (self->deletions, g_object_ref (deletion));
  self->deletion_is_last = TRUE;
  _errata_traces_page_update_undo_actions (self);
  n = errata_trace_deletion_get_counts (deletion)->traces;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deleted %lld trace",
                                          "Deleted %lld traces", (gulong)n), (long long)n);
  reload_everything (self);
  errata_toast_helper_show_with_action (self->toast_overlay, message, _("_Undo"),
                                        "traces.undo-delete", NULL);
}

static void
start_deletion (ErrataTracesPage    *self,
                ErrataTraceDeletion *deletion)
{
  g_autoptr(GError) error = NULL;

  /* A note being typed is saved first: it may be on a trace that goes. */
  if (!errata_traces_page_flush (self, &error))
    {
      errata_traces_page_show_toast (self, error->message);
      return;
    }
  set_busy (self, TRUE);
  self->delete_cancellable = g_cancellable_new ();
  errata_toast_helper_show_with_action (self->toast_overlay, _("Deleting…"), _("_Cancel"),
                                        "traces.cancel-delete", NULL);
  errata_trace_deletion_run_async (deletion, errata_project_get_file (self->project),
                                   self->delete_cancellable, on_deleted, g_object_ref (self));
}

static void
on_confirmed (AdwMessageDialog *dialog,
              const char       *response,
              gpointer          user_data)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (user_data);
  ErrataTraceDeletion *deletion = g_object_get_data (G_OBJECT (dialog), "deletion");

  if (g_str_equal (response, "delete") && !self->deleting)
    start_deletion (self, deletion);
}

static void
confirm (ErrataTracesPage    *self,
         ErrataTraceDeletion *deletion,
         ErrataDeleteKind     kind,
         const char          *import_name)
{
  g_autoptr(GError) error = NULL;
  ErrataDeletionCounts counts;
  AdwMessageDialog *dialog;

  if (!errata_trace_deletion_count (deletion, self->project, &counts, &error))
    {
      errata_traces_page_show_toast (self, error->message);
      return;
    }
  if (counts.traces == 0)
    {
      errata_traces_page_show_toast (self, _("There are no traces to delete."));
      return;
    }
  dialog = _errata_traces_page_new_delete_dialog (self, kind, import_name, &counts);
  g_object_set_data_full (G_OBJECT (dialog), "deletion", g_object_ref (deletion),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirmed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A project open read-only (a file someone sent, a locked file) keeps
 * its traces; say so before any dialog. */
static gboolean
check_writable (ErrataTracesPage *self)
{
  if (self->project == NULL || self->deleting)
    return FALSE;
  if (errata_project_is_read_only (self->project))
    {
      errata_traces_page_show_toast (self, _("The project is open read-only: nothing can be "
                                             "deleted."));
      return FALSE;
    }
  return TRUE;
}

/* The transaction is rolled back: the deletion stops between traces. */
static void
cancel_delete_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);

  if (self->delete_cancellable != NULL)
    g_cancellable_cancel (self->delete_cancellable);
}

/* ---- Delete Traces… ---- */

static void
delete_traces_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);
  g_autoptr(ErrataTraceDeletion) deletion = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  if (!check_writable (self))
    return;
  if (_errata_traces_page_count_selected (self) > 1)
    {
      ids = _errata_traces_page_dup_selected_ids (self);
      deletion = errata_trace_deletion_new_for_ids ((const gint64 *)ids->data, ids->len);
      confirm (self, deletion, ERRATA_DELETE_SELECTED, NULL);
      return;
    }
  if (!_errata_traces_page_query_is_filtered (self->query))
    {
      if (self->current_id < 0)
        {
          errata_traces_page_show_toast (self, _("Choose a trace to delete, select several, or "
                                                 "search or filter the list to delete the "
                                                 "traces it shows."));
          return;
        }
      deletion = errata_trace_deletion_new_for_ids (&self->current_id, 1);
      confirm (self, deletion, ERRATA_DELETE_ONE, NULL);
      return;
    }
  ids = errata_project_query_trace_ids (self->project, self->query, NULL, &error);
  if (ids == NULL)
    {
      errata_traces_page_show_toast (self, error->message);
      return;
    }
  deletion = errata_trace_deletion_new_for_ids ((const gint64 *)ids->data, ids->len);
  confirm (self, deletion, ERRATA_DELETE_SHOWN, NULL);
}

/* ---- Delete Import… ---- */

static void
confirm_import (ErrataTracesPage *self,
                gint64            import_id)
{
  g_autoptr(ErrataTraceDeletion) deletion = errata_trace_deletion_new_for_import (import_id);
  g_autoptr(ErrataImportInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = errata_project_get_import (self->project, import_id, &error);
  if (info == NULL)
    {
      errata_traces_page_show_toast (self, error->message);
      return;
    }
  confirm (self, deletion, ERRATA_DELETE_IMPORT, info->name);
}

static GtkWidget *
import_row (const ErrataImportInfo *info,
            GtkCheckButton         *group)
{
  g_autofree char *when = errata_date_format_usec (info->started_at);
  g_autofree char *label = NULL;
  GtkWidget *check;

  /* Translators: one import in the list to delete from: file, date, traces left. */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s · %lld trace",
                                        "%s · %s · %lld traces", (gulong)info->n_traces),
                           info->name, when, (long long)info->n_traces);
  check = gtk_check_button_new_with_label (label);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  g_object_set_data (G_OBJECT (check), "import-id", GINT_TO_POINTER ((int)info->id));
  return check;
}

static void
on_import_chosen (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (user_data);
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);

  if (!g_str_equal (response, "next"))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      confirm_import (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "import-id")));
}

static void
choose_import (ErrataTracesPage *self)
{
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GError) error = NULL;
  GtkCheckButton *first = NULL;
  GtkWidget *box;
  GtkWidget *dialog;

  imports = errata_project_list_imports (self->project, &error);
  if (imports == NULL)
    {
      errata_traces_page_show_toast (self, error->message);
      return;
    }
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  for (guint i = 0; i < imports->len; i++)
    {
      const ErrataImportInfo *info = imports->pdata[i];
      GtkWidget *row;

      if (info->n_traces == 0)
        continue;
      row = import_row (info, first);
      if (first == NULL)
        first = GTK_CHECK_BUTTON (row);
      gtk_box_append (GTK_BOX (box), row);
    }
  if (first == NULL)
    {
      g_object_ref_sink (box);
      g_object_unref (box);
      errata_traces_page_show_toast (self, _("No import has traces left to delete."));
      return;
    }
  /* The latest import is the likeliest to undo. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_last_child (box)), TRUE);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Delete an Import"),
                                   _("Choose the import whose traces go. The next step says "
                                     "what goes with them."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "next", _("_Next"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "next");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_widget_add_css_class (dialog, "delete-import-dialog");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_chosen), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* With an import's id, straight to its confirmation; with 0, a list. */
static void
delete_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);
  gint64 import_id = g_variant_get_int64 (parameter);

  if (!check_writable (self))
    return;
  if (import_id > 0)
    confirm_import (self, import_id);
  else
    choose_import (self);
}

/* ---- Undo ---- */

static void
on_undone (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ErrataTracesPage) self = user_data;
  ErrataTraceDeletion *deletion = ERRATA_TRACE_DELETION (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 n = errata_trace_deletion_get_counts (deletion)->traces;
  gboolean ok = errata_trace_deletion_undo_finish (deletion, result, &error);

  /* The page went meanwhile (the project was closed): so does the undo. */
  if (self->deletions == NULL)
    return;
  set_busy (self, FALSE);
  if (!ok)
    {
      message = g_strdup_printf (_("Could not undo: %s"), error->message);
      errata_traces_page_show_toast (self, message);
      return;
    }
  g_ptr_array_remove (self->deletions, deletion);
  self->deletion_is_last = FALSE;
  _errata_traces_page_update_undo_actions (self);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Brought back %lld trace",
                                          "Brought back %lld traces", (gulong)n), (long long)n);
  reload_everything (self);
  errata_traces_page_show_toast (self, message);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);
  ErrataTraceDeletion *last;

  if (self->deleting)
    return;
  if (self->deletions == NULL || self->deletions->len == 0)
    {
      errata_traces_page_show_toast (self, _("No deletion to undo."));
      return;
    }
  last = g_ptr_array_index (self->deletions, self->deletions->len - 1);
  set_busy (self, TRUE);
  errata_trace_deletion_undo_async (last, errata_project_get_file (self->project), NULL,
                                    on_undone, g_object_ref (self));
}

G_GNUC_END_IGNORE_DEPRECATIONS

/* Each deletion's rows live in a private file until the page (and with it
 * the project) goes: then they are removed for good. */
void
_errata_traces_page_init_deletions (ErrataTracesPage *self)
{
  self->deletions = g_ptr_array_new_with_free_func (g_object_unref);
}

void
_errata_traces_page_clear_deletions (ErrataTracesPage *self)
{
  if (self->delete_cancellable != NULL)
    g_cancellable_cancel (self->delete_cancellable);
  g_clear_object (&self->delete_cancellable);
  g_clear_pointer (&self->deletions, g_ptr_array_unref);
}

void
_errata_traces_page_class_install_delete_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "traces.delete-traces", NULL,
                                   delete_traces_action);
  gtk_widget_class_install_action (widget_class, "traces.delete-import", "x",
                                   delete_import_action);
  gtk_widget_class_install_action (widget_class, "traces.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "traces.cancel-delete", NULL,
                                   cancel_delete_action);
  /* Delete typed in the note or the search entry stays there: they take
   * the key before the page does. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "traces.delete-traces",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "traces.delete-traces",
                                       NULL);
}
