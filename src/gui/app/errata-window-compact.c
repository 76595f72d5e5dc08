/* errata-window-compact.c: Compact Project (the primary menu), and the
 * offer to compact after an upgrade left the pages it freed in the file.
 * The compaction runs on connections of its own while the window keeps
 * the project open (errata-project-compact.c says why that is safe); its
 * progress and a Cancel button are in the window's toast.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-window-private.h"
#include "errata-project-compact.h"
#include "errata-toast-helper.h"

/* Below this, offering to compact is noise. */
#define OFFER_MIN_BYTES (1024 * 1024)

static void
on_compact_progress (const ErrataCompactProgress *progress,
                     gpointer                     data)
{
  ErrataWindow *self = data;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  /* Reports queued before the window closed, or after Cancel. */
  if (self->compact_cancellable == NULL ||
      g_cancellable_is_cancelled (self->compact_cancellable) || self->file == NULL)
    return;
  name = g_file_get_basename (self->file);
  text = errata_compact_progress_describe (progress);
  /* Translators: "Compacting “p.errata”: 42% · Writing a compact copy". */
  title = g_strdup_printf (_("Compacting “%s”: %d%% · %s"), name,
                           (int)(progress->fraction * 100), text);
  if (progress->can_cancel)
    errata_toast_helper_show_with_action (self->toast_overlay, title, _("Cancel"),
                                          "win.cancel-compact", NULL);
  else
    errata_toast_helper_show (self->toast_overlay, title);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-compact", progress->can_cancel);
}

static void
tell_compacted (ErrataWindow *self,
                gint64        saved)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *size = g_format_size (saved);
  g_autofree char *text = NULL;

  /* Translators: "“p.errata” is now 340 MB smaller." */
  text = g_strdup_printf (_("“%s” is now %s smaller."), name, size);
  errata_toast_helper_show (self->toast_overlay, text);
}

static void
on_compacted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ErrataWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 saved = 0;
  gboolean ok;

  ok = errata_project_compact_finish (result, &saved, &error);
  /* Closed meanwhile: dispose cleared the cancellable. */
  if (self->compact_cancellable == NULL)
    return;
  g_clear_object (&self->compact_cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->view_stack), TRUE);
  _errata_window_update_actions (self);
  if (ok)
    tell_compacted (self, saved);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *name = g_file_get_basename (self->file);
      g_autofree char *text = NULL;

      /* Translators: %s is a project's file name. */
      text = g_strdup_printf (_("Compacting cancelled: “%s” was left unchanged."), name);
      errata_toast_helper_show (self->toast_overlay, text);
    }
  else
    errata_toast_helper_show (self->toast_overlay, error->message);
}

static void
compact_project_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ErrataWindow *self = ERRATA_WINDOW (widget);

  if (self->compact_cancellable != NULL || self->traces_page == NULL)
    return;
  self->compact_cancellable = g_cancellable_new ();
  /* While the compact pages go in, the project's write lock is taken for
   * seconds (a minute at 1M): a review saved then would wait and fail.
   * The pages take no input until it is done; the toast keeps Cancel. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->view_stack), FALSE);
  _errata_window_update_actions (self);
  errata_project_compact_async (self->file, on_compact_progress, g_object_ref (self),
                                g_object_unref, self->compact_cancellable, on_compacted,
                                g_object_ref (self));
}

static void
cancel_compact_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ErrataWindow *self = ERRATA_WINDOW (widget);

  if (self->compact_cancellable == NULL)
    return;
  g_cancellable_cancel (self->compact_cancellable);
  gtk_widget_action_set_enabled (widget, "win.cancel-compact", FALSE);
  errata_toast_helper_show (self->toast_overlay, _("Cancelling…"));
}

/* After an upgrade: one toast says where the old file is and, when the
 * packing freed enough, offers Compact. FALSE: nothing worth offering. */
gboolean
_errata_window_offer_compact (ErrataWindow  *self,
                              ErrataProject *project,
                              const char    *upgraded)
{
  g_autofree char *name = NULL;
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;
  gint64 bytes = 0;

  if (!errata_project_get_reclaimable_bytes (project, &bytes, NULL) || bytes < OFFER_MIN_BYTES)
    return FALSE;
  name = g_file_get_basename (errata_project_get_file (project));
  size = g_format_size (bytes);
  /* Translators: the first %s says the project was upgraded and where the
   * old file is; then "“p.errata” can be made 340 MB smaller." */
  text = g_strdup_printf (_("%s “%s” can be made %s smaller."), upgraded, name, size);
  errata_toast_helper_show_with_action (self->toast_overlay, text, _("Compact"),
                                        "win.compact-project", NULL);
  return TRUE;
}

void
_errata_window_update_compact_actions (ErrataWindow *self)
{
  gboolean compacting = self->compact_cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compact-project",
                                 self->traces_page != NULL && !compacting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-compact",
                                 compacting && !g_cancellable_is_cancelled (self->compact_cancellable));
}

void
_errata_window_class_init_compact (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.compact-project", NULL,
                                   compact_project_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-compact", NULL,
                                   cancel_compact_action);
}
