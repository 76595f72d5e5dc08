/* errata-application.c: the Errata application.
 *
 * Owns the app-wide actions (new, open, about, help, quit) and decides
 * which window shows a project: one window per project, reusing a window
 * that still shows the welcome page.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-application.h"
#include "errata-demo.h"
#include "errata-metainfo.h"
#include "errata-preferences-window.h"
#include "errata-project.h"
#include "errata-window.h"

#define PROJECT_SUFFIX ".errata"

struct _ErrataApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (ErrataApplication, errata_application, ADW_TYPE_APPLICATION)

typedef void (*FileChosenFunc) (ErrataApplication *self,
                                GFile             *file);

static ErrataWindow *
find_window_for_file (ErrataApplication *self,
                      GFile             *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      GFile *shown;

      if (!ERRATA_IS_WINDOW (l->data))
        continue;
      shown = errata_window_get_file (l->data);
      if (file == NULL ? shown == NULL : (shown && g_file_equal (shown, file)))
        return l->data;
    }
  return NULL;
}

/* A window still on the welcome page, or a new one. The window list is
 * most recently focused first, so the user's current window wins. */
static ErrataWindow *
get_idle_window (ErrataApplication *self)
{
  ErrataWindow *window = find_window_for_file (self, NULL);

  if (window == NULL)
    window = errata_window_new (GTK_APPLICATION (self));
  return window;
}

void
errata_application_open_file (ErrataApplication *self,
                              GFile             *file)
{
  ErrataWindow *window;

  g_return_if_fail (ERRATA_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  window = find_window_for_file (self, file);
  if (window == NULL)
    {
      window = get_idle_window (self);
      errata_window_open (window, file);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static GFile *
ensure_suffix (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *with_suffix = NULL;
  g_autoptr(GFile) parent = g_file_get_parent (file);

  if (parent == NULL || g_str_has_suffix (name, PROJECT_SUFFIX))
    return g_object_ref (file);
  with_suffix = g_strconcat (name, PROJECT_SUFFIX, NULL);
  return g_file_get_child (parent, with_suffix);
}

/* Creates the project chosen in the save dialog and shows it in an idle
 * window. An existing file is never replaced (it may be open, or not a
 * project at all): the core refuses and the window says so. */
void
errata_application_create_project (ErrataApplication *self,
                                   GFile             *chosen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ErrataProject) project = NULL;
  ErrataWindow *window;

  g_return_if_fail (ERRATA_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (chosen));

  file = ensure_suffix (chosen);
  window = get_idle_window (self);
  project = errata_project_create (file, &error);
  if (project == NULL)
    errata_window_show_error (window, _("Could Not Create Project"), error->message);
  else
    errata_window_show_project (window, project);
  gtk_window_present (GTK_WINDOW (window));
}

static GtkFileFilter *
create_project_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Errata Projects"));
  gtk_file_filter_add_pattern (filter, "*" PROJECT_SUFFIX);
  gtk_file_filter_add_mime_type (filter, "application/x-errata-project");
  return filter;
}

typedef struct
{
  ErrataApplication *self;
  FileChosenFunc     func;
} ChooseData;

static void
choose_data_free (ChooseData *data)
{
  g_object_unref (data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChooseData, choose_data_free)

#if GTK_CHECK_VERSION (4, 10, 0)

static void
on_file_dialog_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ChooseData) data = user_data;
  GtkFileDialog *dialog = GTK_FILE_DIALOG (source);
  g_autoptr(GFile) file = NULL;

  if (gtk_file_dialog_get_initial_name (dialog) != NULL)
    file = gtk_file_dialog_save_finish (dialog, result, NULL);
  else
    file = gtk_file_dialog_open_finish (dialog, result, NULL);
  if (file != NULL)
    data->func (data->self, file);
}

static void
choose_file (ErrataApplication *self,
             const char        *title,
             const char        *save_name,
             FileChosenFunc     func)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = create_project_filter ();
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  ChooseData *data = g_new0 (ChooseData, 1);

  data->self = g_object_ref (self);
  data->func = func;
  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, filter);
  if (save_name != NULL)
    {
      gtk_file_dialog_set_initial_name (dialog, save_name);
      gtk_file_dialog_save (dialog, parent, NULL, on_file_dialog_done, data);
    }
  else
    gtk_file_dialog_open (dialog, parent, NULL, on_file_dialog_done, data);
}

#else /* GTK 4.8: GtkFileChooserNative */

static void
on_file_chooser_response (GtkNativeDialog *native,
                          int              response,
                          gpointer         user_data)
{
  g_autoptr(ChooseData) data = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        data->func (data->self, file);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
choose_file (ErrataApplication *self,
             const char        *title,
             const char        *save_name,
             FileChosenFunc     func)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserAction action = save_name ? GTK_FILE_CHOOSER_ACTION_SAVE
                                          : GTK_FILE_CHOOSER_ACTION_OPEN;
  GtkFileChooserNative *native;
  ChooseData *data = g_new0 (ChooseData, 1);

  data->self = g_object_ref (self);
  data->func = func;
  native = gtk_file_chooser_native_new (title, parent, action,
                                        save_name ? _("_Create") : _("_Open"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), create_project_filter ());
  if (save_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), save_name);
  g_signal_connect (native, "response", G_CALLBACK (on_file_chooser_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

static void
new_project_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  /* Translators: the suggested file name of a new project; keep the
   * .errata ending. */
  choose_file (user_data, _("New Project"), _("Untitled.errata"),
               errata_application_create_project);
}

static void
open_project_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  choose_file (user_data, _("Open Project"), NULL, errata_application_open_file);
}

/* The release notes are written once, in the metainfo. */
static void
set_release_notes (GObject *about)
{
  g_autoptr(GBytes) metainfo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *notes = NULL;
  gsize length;
  const char *xml;

  metainfo = g_resources_lookup_data ("/io/github/errata/Errata/metainfo.xml",
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (metainfo != NULL)
    {
      xml = g_bytes_get_data (metainfo, &length);
      notes = errata_metainfo_release_notes (xml, length, PACKAGE_VERSION,
                                             (const char * const *)g_get_language_names (),
                                             &version, &error);
    }
  if (notes == NULL)
    {
      g_warning ("No release notes for the About window: %s", error->message);
      return;
    }
  g_object_set (about, "release-notes-version", version, "release-notes", notes, NULL);
}

static void
set_about_properties (GObject *about)
{
  const char *developers[] = { _("The Errata developers"), NULL };

  g_object_set (about,
                "application-name", _("Errata"),
                "application-icon", APP_ID,
                "version", PACKAGE_VERSION,
                "developer-name", _("The Errata developers"),
                "developers", developers,
                "copyright", "© 2026 The Errata authors",
                "license-type", GTK_LICENSE_GPL_3_0,
                "website", "https://github.com/errata/errata",
                "issue-url", "https://github.com/errata/errata/issues",
                /* Translators: your names, one per line, to be credited in the About window. */
                "translator-credits", _("translator-credits"),
                NULL);
  set_release_notes (about);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *about = adw_about_dialog_new ();

  set_about_properties (G_OBJECT (about));
  adw_dialog_present (about, GTK_WIDGET (parent));
#else
  GtkWidget *about = adw_about_window_new ();

  set_about_properties (G_OBJECT (about));
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  gtk_window_present (GTK_WINDOW (about));
#endif
}

/* F1 and Help open the help page for what the window shows. */
static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  g_autofree char *uri = NULL;

  if (ERRATA_IS_WINDOW (parent))
    uri = g_strdup_printf ("help:errata/%s", errata_window_get_help_topic (ERRATA_WINDOW (parent)));
  else
    uri = g_strdup ("help:errata");

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, parent, NULL, NULL, NULL);
  }
#else
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
#endif
}

static void
on_demo_ready (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ErrataApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = errata_demo_ensure_copy_finish (result, &error);

  if (file != NULL)
    {
      errata_application_open_file (self, file);
      return;
    }
  errata_window_show_error (get_idle_window (self), _("Could Not Open the Demo Project"),
                            error->message);
  gtk_window_present (gtk_application_get_active_window (GTK_APPLICATION (self)));
}

/* The demo is copied to the user's data folder first (once, or when the
 * shipped one is newer), so that reviewing it never changes the shipped
 * file. */
static void
open_demo_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  errata_demo_ensure_copy_async (NULL, on_demo_ready, g_object_ref (user_data));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (errata_preferences_window_new (parent)));
}

/* Closing each window, rather than g_application_quit(), runs every
 * window's close-request, which writes a note still waiting for its
 * autosave (or keeps the window open when it cannot). The application
 * ends with its last window. */
static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { .name = "new-project", .activate = new_project_action },
  { .name = "open-project", .activate = open_project_action },
  { .name = "open-demo", .activate = open_demo_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "about", .activate = about_action },
  { .name = "help", .activate = help_action },
  { .name = "quit", .activate = quit_action },
};

static void
set_accels (GtkApplication *app)
{
  static const struct { const char *action; const char *accels[2]; } accels[] = {
    { "app.new-project", { "<Control>n", NULL } },
    { "app.open-project", { "<Control>o", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "app.help", { "F1", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static void
errata_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (errata_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  set_accels (GTK_APPLICATION (app));
}

static void
errata_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (errata_window_new (GTK_APPLICATION (app)));
  gtk_window_present (window);
}

static void
errata_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    errata_application_open_file (ERRATA_APPLICATION (app), files[i]);
}

/* `errata --demo` runs app.open-demo, in this process or in the instance
 * already running. */
static int
errata_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  g_autoptr(GError) error = NULL;

  if (!g_variant_dict_contains (options, "demo"))
    return -1;
  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-demo", NULL);
  /* A local instance must go on running to show the demo. */
  return g_application_get_is_remote (app) ? 0 : -1;
}

static void
errata_application_class_init (ErrataApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = errata_application_handle_local_options;
  app_class->startup = errata_application_startup;
  app_class->activate = errata_application_activate;
  app_class->open = errata_application_open;
}

static void
errata_application_init (ErrataApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "demo", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE, _("Open the demo project"), NULL);
}

ErrataApplication *
errata_application_new (void)
{
  return g_object_new (ERRATA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/errata/Errata",
                       NULL);
}
