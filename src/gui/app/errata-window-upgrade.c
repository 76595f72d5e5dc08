/* errata-window-upgrade.c: opening a project, and the upgrade of an older
 * one on screen. The upgrade can take minutes (a 1M-trace project: ~17):
 * instead of the bare spinner the window says what it upgrades, shows the
 * phase and how far it is, and offers Cancel (the button, or Escape),
 * which leaves the file as it was.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-window-private.h"
#include "errata-toast-helper.h"
#include "errata-upgrade-progress.h"

/* The first report: the spinner gives way to what is upgraded. */
static void
show_upgrade (ErrataWindow *self)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *title = NULL;

  /* Translators: %s is a project's file name. */
  title = g_strdup_printf (_("Upgrading “%s” to this version of Errata…"), name);
  gtk_label_set_label (self->upgrade_title, title);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_visible (self->opening_label, FALSE);
  gtk_widget_set_visible (self->upgrade_box, TRUE);
  gtk_widget_grab_focus (self->upgrade_cancel);
}

static void
on_upgrade_progress (const ErrataUpgradeProgress *progress,
                     gpointer                     data)
{
  ErrataWindow *self = data;
  g_autofree char *text = NULL;

  /* Reports queued before the window closed, or before the result. */
  if (self->cancellable == NULL || self->file == NULL)
    return;
  if (!gtk_widget_get_visible (self->upgrade_box))
    show_upgrade (self);
  text = errata_upgrade_progress_describe (progress);
  gtk_progress_bar_set_fraction (self->upgrade_bar, progress->fraction);
  gtk_progress_bar_set_text (self->upgrade_bar, text);
  /* Once the upgrade is saved (its COMMIT), it finishes. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-open",
                                 progress->can_cancel && !self->open_cancelled);
}

static void
cancel_open_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ErrataWindow *self = ERRATA_WINDOW (widget);

  if (self->cancellable == NULL)
    return;
  self->open_cancelled = TRUE;
  g_cancellable_cancel (self->cancellable);
  gtk_progress_bar_set_text (self->upgrade_bar, _("Cancelling…"));
  gtk_widget_action_set_enabled (widget, "win.cancel-open", FALSE);
}

/* Shows the spinner, then the upgrade if the file needs one. */
void
_errata_window_start_open (ErrataWindow        *self,
                           GFile               *file,
                           GAsyncReadyCallback  callback)
{
  self->open_cancelled = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_widget_set_visible (self->opening_label, TRUE);
  gtk_widget_set_visible (self->upgrade_box, FALSE);
  gtk_progress_bar_set_fraction (self->upgrade_bar, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-open", TRUE);
  errata_project_open_with_progress_async (file, ERRATA_PROJECT_OPEN_NONE, on_upgrade_progress,
                                           g_object_ref (self), g_object_unref,
                                           self->cancellable, callback, g_object_ref (self));
}

void
_errata_window_end_open (ErrataWindow *self)
{
  g_clear_object (&self->cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-open", FALSE);
}

void
_errata_window_tell_open_cancelled (ErrataWindow *self)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *text = NULL;

  /* Translators: %s is a project's file name. */
  text = g_strdup_printf (_("Upgrade cancelled: “%s” was left unchanged."), name);
  errata_toast_helper_show (self->toast_overlay, text);
}

void
_errata_window_class_init_upgrade (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, ErrataWindow, opening_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataWindow, upgrade_box);
  gtk_widget_class_bind_template_child (widget_class, ErrataWindow, upgrade_title);
  gtk_widget_class_bind_template_child (widget_class, ErrataWindow, upgrade_bar);
  gtk_widget_class_bind_template_child (widget_class, ErrataWindow, upgrade_cancel);
  gtk_widget_class_bind_template_child (widget_class, ErrataWindow, toast_overlay);
  gtk_widget_class_install_action (widget_class, "win.cancel-open", NULL, cancel_open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-open", NULL);
}
