/* errata-window-dnd.c: files dropped on a window.
 *
 * A dropped project opens (in its own window, as the application
 * decides); any other file is traces, imported into the project on show.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-window-private.h"
#include "errata-application.h"

static gboolean
is_project_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL && g_str_has_suffix (name, PROJECT_SUFFIX);
}

/* Dropped projects open (each in its window); any other file is traces to
 * import into the project on show. */
gboolean
errata_window_drop_files (ErrataWindow *self,
                          GSList       *files)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GPtrArray) traces = g_ptr_array_new ();

  g_return_val_if_fail (ERRATA_IS_WINDOW (self), FALSE);

  for (GSList *l = files; l; l = l->next)
    {
      if (!is_project_file (l->data))
        g_ptr_array_add (traces, l->data);
      else if (ERRATA_IS_APPLICATION (app))
        errata_application_open_file (ERRATA_APPLICATION (app), l->data);
    }
  if (traces->len == 0)
    return TRUE;
  if (errata_window_get_project (self) == NULL)
    {
      errata_window_show_error (self, _("No Project to Import Into"),
                                _("Open or create a project first, then drop the files of traces on its window."));
      return FALSE;
    }
  errata_window_import_files (self, (GFile **)traces->pdata, traces->len);
  return TRUE;
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ErrataWindow  *self)
{
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  return errata_window_drop_files (self, g_value_get_boxed (value));
}

void
_errata_window_add_drop_target (ErrataWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
