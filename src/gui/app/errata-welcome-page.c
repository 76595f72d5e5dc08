/* errata-welcome-page.c: what a window shows before a project is open.
 *
 * The buttons activate app.new-project and app.open-project; a recent
 * project's row activates win.open-recent with the project's URI.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-welcome-page.h"

struct _ErrataWelcomePage
{
  GtkWidget      parent_instance;

  GSettings     *settings;

  /* Bound so that gtk_widget_dispose_template() unparents it. */
  AdwStatusPage *status_page;
  GtkWidget     *recent_box;
  GtkListBox    *recent_list;
};

G_DEFINE_FINAL_TYPE (ErrataWelcomePage, errata_welcome_page, GTK_TYPE_WIDGET)

static char *
dup_display_folder (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *relative = NULL;

  if (parent == NULL)
    return g_file_get_parse_name (file);
  if (g_file_equal (parent, home))
    return g_strdup ("~");
  relative = g_file_get_relative_path (home, parent);
  if (relative != NULL)
    return g_build_filename ("~", relative, NULL);
  return g_file_get_parse_name (parent);
}

/* Only local files are checked: asking a remote mount could block the UI. */
static gboolean
file_is_missing (GFile *file)
{
  return g_file_is_native (file) && !g_file_query_exists (file, NULL);
}

static GtkWidget *
create_recent_row (const char *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folder = dup_display_folder (file);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
  g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (uri), g_free);

  if (file_is_missing (file))
    {
      /* Kept in the list, greyed out: the file may be on a drive that is
       * not plugged in right now. */
      g_autofree char *subtitle = NULL;

      /* Translators: %s is the folder where a recent project used to be. */
      subtitle = g_strdup_printf (_("%s (not found)"), folder);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_sensitive (row, FALSE);
    }
  else
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  return row;
}

static void
clear_recent_list (ErrataWelcomePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))))
    gtk_list_box_remove (self->recent_list, child);
}

static void
reload_recent (ErrataWelcomePage *self)
{
  g_auto(GStrv) uris = g_settings_get_strv (self->settings, "recent-projects");

  clear_recent_list (self);
  for (guint i = 0; uris[i] != NULL; i++)
    gtk_list_box_append (self->recent_list, create_recent_row (uris[i]));
  gtk_widget_set_visible (self->recent_box, uris[0] != NULL);
}

static void
on_recent_row_activated (ErrataWelcomePage *self,
                         GtkListBoxRow     *row)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-recent", "s", uri);
}

static void
errata_welcome_page_dispose (GObject *object)
{
  ErrataWelcomePage *self = ERRATA_WELCOME_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_WELCOME_PAGE);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (errata_welcome_page_parent_class)->dispose (object);
}

static void
errata_welcome_page_class_init (ErrataWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_welcome_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, ErrataWelcomePage, recent_box);
  gtk_widget_class_bind_template_child (widget_class, ErrataWelcomePage, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_row_activated);
}

static void
errata_welcome_page_init (ErrataWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::recent-projects",
                           G_CALLBACK (reload_recent), self, G_CONNECT_SWAPPED);
  reload_recent (self);
}

GtkWidget *
errata_welcome_page_new (void)
{
  return g_object_new (ERRATA_TYPE_WELCOME_PAGE, NULL);
}
