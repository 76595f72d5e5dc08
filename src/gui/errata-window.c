/* errata-window.c: a main window, showing one project or the welcome page.
 *
 * A window holds at most one project: it starts on the welcome page,
 * shows a spinner while errata_project_open_async() runs, then the
 * project page. Opening another project is the application's job, which
 * picks an idle window or makes a new one.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-window.h"
#include "errata-project-page.h"
#include "errata-recent.h"
#include "errata-welcome-page.h"

struct _ErrataWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  GFile                *file;          /* being opened, or open */
  ErrataProjectPage    *project_page;

  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkSpinner           *spinner;
};

G_DEFINE_FINAL_TYPE (ErrataWindow, errata_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_state (ErrataWindow *self,
            const char   *name)
{
  gboolean welcome = g_str_equal (name, "welcome");

  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (self->stack, name);
  /* The welcome page has its own big title; the bar blends into it. */
  if (welcome)
    gtk_widget_add_css_class (GTK_WIDGET (self->header_bar), "flat");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->header_bar), "flat");
}

static void
show_welcome (ErrataWindow *self)
{
  g_clear_object (&self->file);
  adw_window_title_set_title (self->window_title, NULL);
  adw_window_title_set_subtitle (self->window_title, NULL);
  gtk_window_set_title (GTK_WINDOW (self), _("Errata"));
  show_state (self, "welcome");
}

void
errata_window_show_error (ErrataWindow *self,
                          const char   *heading,
                          const char   *body)
{
  g_return_if_fail (ERRATA_IS_WINDOW (self));

#if ADW_CHECK_VERSION (1, 5, 0)
  {
    AdwDialog *dialog = adw_alert_dialog_new (heading, body);

    adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
    adw_dialog_present (dialog, GTK_WIDGET (self));
  }
#else
  {
    GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
    gtk_window_present (GTK_WINDOW (dialog));
  }
#endif
}

static void
show_open_error (ErrataWindow *self,
                 const GError *error)
{
  show_welcome (self);
  errata_window_show_error (self, _("Could Not Open Project"), error->message);
}

/* Takes the project into the window: counts its traces (the list model
 * loads rows only when the list asks for them) and remembers it as recent. */
void
errata_window_show_project (ErrataWindow  *self,
                            ErrataProject *project)
{
  g_autoptr(ErrataTraceListModel) model = NULL;
  GFile *file;
  GtkWidget *page;

  g_return_if_fail (ERRATA_IS_WINDOW (self));
  g_return_if_fail (ERRATA_IS_PROJECT (project));
  g_return_if_fail (self->project_page == NULL);

  model = errata_trace_list_model_new (project, NULL);

  file = errata_project_get_file (project);
  g_set_object (&self->file, file);
  page = errata_project_page_new (model);
  self->project_page = ERRATA_PROJECT_PAGE (page);
  gtk_stack_add_named (self->stack, page, "project");
  g_object_bind_property (page, "title", self->window_title, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (page, "subtitle", self->window_title, "subtitle", G_BINDING_SYNC_CREATE);
  g_object_bind_property (page, "title", self, "title", G_BINDING_SYNC_CREATE);
  show_state (self, "project");
  errata_recent_add (self->settings, file);
}

static void
on_project_opened (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ErrataWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = NULL;

  project = errata_project_open_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (project == NULL)
    show_open_error (self, error);
  else
    errata_window_show_project (self, project);
}

/* Opens the project file in the background; the window shows a spinner
 * until it is open, or the welcome page and an error dialog if it cannot
 * be opened. */
void
errata_window_open (ErrataWindow *self,
                    GFile        *file)
{
  g_return_if_fail (ERRATA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->file == NULL);

  self->file = g_object_ref (file);
  self->cancellable = g_cancellable_new ();
  show_state (self, "loading");
  errata_project_open_async (file, ERRATA_PROJECT_OPEN_NONE, self->cancellable,
                             on_project_opened, g_object_ref (self));
}

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

static void
bind_window_state (ErrataWindow *self)
{
  /* GET_NO_CHANGES: each window starts at the saved size, but resizing
   * one window must not resize the others. */
  GSettingsBindFlags flags = G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES;

  g_settings_bind (self->settings, "window-width", self, "default-width", flags);
  g_settings_bind (self->settings, "window-height", self, "default-height", flags);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", flags);
}

static void
errata_window_dispose (GObject *object)
{
  ErrataWindow *self = ERRATA_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_WINDOW);
  self->project_page = NULL;
  g_clear_object (&self->file);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (errata_window_parent_class)->dispose (object);
}

static void
errata_window_class_init (ErrataWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_window_dispose;

  g_type_ensure (ERRATA_TYPE_WELCOME_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ErrataWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ErrataWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataWindow, spinner);

  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
}

static void
errata_window_init (ErrataWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  bind_window_state (self);
  show_welcome (self);
}

ErrataWindow *
errata_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (ERRATA_TYPE_WINDOW, "application", application, NULL);
}

/* The project's file, also while it is being opened; %NULL on the welcome
 * page. */
GFile *
errata_window_get_file (ErrataWindow *self)
{
  g_return_val_if_fail (ERRATA_IS_WINDOW (self), NULL);
  return self->file;
}

ErrataProject *
errata_window_get_project (ErrataWindow *self)
{
  g_return_val_if_fail (ERRATA_IS_WINDOW (self), NULL);
  return self->project_page ? errata_project_page_get_project (self->project_page) : NULL;
}

gboolean
errata_window_is_loading (ErrataWindow *self)
{
  g_return_val_if_fail (ERRATA_IS_WINDOW (self), FALSE);
  return self->cancellable != NULL;
}
