/* errata-window.c: a main window, showing one project or the welcome page.
 *
 * A window holds at most one project: it starts on the welcome page,
 * shows a spinner while errata_project_open_async() runs, then the
 * project's pages (Traces, Failure Modes) under a view switcher. Opening
 * another project is the application's job, which picks an idle window
 * or makes a new one.
 *
 * The window makes one ErrataWorkspace for the open project and gives it
 * to every page: the pages share its taxonomy, so an edit on the canvas
 * shows at once in the Traces page's failure-mode filter and in the
 * coding panel, and has one undo stack. No page makes a shared model.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-window.h"
#include "errata-application.h"
#include "errata-failure-modes-page.h"
#include "errata-import-dialog.h"
#include "errata-traces-page.h"
#include "errata-recent.h"
#include "errata-welcome-page.h"

#define PROJECT_SUFFIX ".errata"

struct _ErrataWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  GFile                *file;          /* being opened, or open */
  ErrataWorkspace      *workspace;     /* NULL until the project is open */
  ErrataTracesPage    *traces_page;
  ErrataFailureModesPage *modes_page;

  AdwHeaderBar         *header_bar;
  GtkStack             *title_stack;
  AdwWindowTitle       *window_title;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack             *stack;
  AdwViewStack         *view_stack;
  GtkSpinner           *spinner;

  gboolean              discard_unsaved;  /* the user chose to close without it */
};

/* The names of the project's pages in the view stack. */
#define PAGE_TRACES        "traces"
#define PAGE_FAILURE_MODES "failure-modes"

G_DEFINE_FINAL_TYPE (ErrataWindow, errata_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_state (ErrataWindow *self,
            const char   *name)
{
  gboolean welcome = g_str_equal (name, "welcome");

  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_stack_set_visible_child_name (self->title_stack,
                                    g_str_equal (name, "project") ? "switcher" : "title");
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

/* Pages ----------------------------------------------------------------- */

static void
show_page (ErrataWindow *self,
           const char   *name)
{
  if (self->traces_page != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* A double-clicked card: its trace, on the Traces page. */
static void
modes_open_trace (ErrataFailureModesPage *page,
                  gint64                  trace_id,
                  ErrataWindow           *self)
{
  show_page (self, PAGE_TRACES);
  errata_traces_page_show_trace (self->traces_page, trace_id);
}

/* A Pareto bar: the traces in that failure mode, on the Traces page. */
static void
modes_filter_traces (ErrataFailureModesPage *page,
                     gint64                  mode_id,
                     ErrataWindow           *self)
{
  show_page (self, PAGE_TRACES);
  errata_traces_page_set_failure_mode (self->traces_page, mode_id);
}

/* The canvas shows notes as stored: a note typed a moment ago on the
 * Traces page is written first, then the canvas reads them all again. */
static void
on_visible_page_changed (ErrataWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  g_autoptr(GError) error = NULL;

  if (self->modes_page == NULL || g_strcmp0 (name, PAGE_FAILURE_MODES) != 0)
    return;
  if (!errata_traces_page_flush (self->traces_page, &error))
    errata_traces_page_show_toast (self->traces_page, error->message);
  errata_failure_modes_page_reload (self->modes_page);
  errata_failure_modes_page_focus_cards (self->modes_page);
}

static void
add_pages (ErrataWindow  *self,
           ErrataProject *project)
{
  AdwViewStackPage *page;

  self->workspace = errata_workspace_new (project, self->settings);
  self->traces_page = ERRATA_TRACES_PAGE (errata_traces_page_new (self->workspace));
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->traces_page),
                                    PAGE_TRACES, _("Traces"));
  adw_view_stack_page_set_icon_name (page, "view-list-symbolic");

  self->modes_page = ERRATA_FAILURE_MODES_PAGE (errata_failure_modes_page_new (self->workspace));
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->modes_page),
                                    PAGE_FAILURE_MODES, _("Failure Modes"));
  adw_view_stack_page_set_icon_name (page, "view-grid-symbolic");
  g_signal_connect_object (self->modes_page, "open-trace",
                           G_CALLBACK (modes_open_trace), self, 0);
  g_signal_connect_object (self->modes_page, "filter-traces",
                           G_CALLBACK (modes_filter_traces), self, 0);

  adw_view_stack_set_visible_child_name (self->view_stack, PAGE_TRACES);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_page_changed), self, G_CONNECT_SWAPPED);
}

/* Takes the project into the window (the Traces page loads its list in
 * the background) and remembers it as recent. */
void
errata_window_show_project (ErrataWindow  *self,
                            ErrataProject *project)
{
  GFile *file;

  g_return_if_fail (ERRATA_IS_WINDOW (self));
  g_return_if_fail (ERRATA_IS_PROJECT (project));
  g_return_if_fail (self->traces_page == NULL);

  file = errata_project_get_file (project);
  g_set_object (&self->file, file);
  add_pages (self, project);
  /* The switcher shows the name and "Reviewed N of M" when the window
   * is too narrow for the page buttons (they move to the bottom bar). */
  g_object_bind_property (self->traces_page, "title", self->switcher_title, "title",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->traces_page, "subtitle", self->switcher_title, "subtitle",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->traces_page, "title", self->window_title, "title",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->traces_page, "subtitle", self->window_title, "subtitle",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->traces_page, "title", self, "title", G_BINDING_SYNC_CREATE);
  show_state (self, "project");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-page", TRUE);
  errata_recent_add (self->settings, file);
}

/* The visible page of the project: "traces" or "failure-modes"; %NULL
 * without a project. */
const char *
errata_window_get_visible_page (ErrataWindow *self)
{
  g_return_val_if_fail (ERRATA_IS_WINDOW (self), NULL);

  if (self->traces_page == NULL)
    return NULL;
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

ErrataTracesPage *
errata_window_get_traces_page (ErrataWindow *self)
{
  g_return_val_if_fail (ERRATA_IS_WINDOW (self), NULL);
  return self->traces_page;
}

ErrataFailureModesPage *
errata_window_get_failure_modes_page (ErrataWindow *self)
{
  g_return_val_if_fail (ERRATA_IS_WINDOW (self), NULL);
  return self->modes_page;
}

/* Alt+1, Alt+2: as the view switcher's buttons. */
static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  show_page (ERRATA_WINDOW (widget), g_variant_get_string (parameter, NULL));
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

/* Drag and drop ---------------------------------------------------------- */

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

static void
add_drop_target (ErrataWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

static gboolean
close_discarding (gpointer data)
{
  ErrataWindow *self = data;

  self->discard_unsaved = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* Closed from an idle: the dialog is transient for this window and must
 * finish its own response before the window goes away under it. */
static void
on_unsaved_response (ErrataWindow *self,
                     const char   *response)
{
  if (g_strcmp0 (response, "discard") == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_discarding, g_object_ref (self),
                     g_object_unref);
}

/* The review on screen could not be written: closing would lose it, so ask
 * (Keep Open is the default and what Escape does). */
static void
ask_before_discarding (ErrataWindow *self,
                       const char   *reason)
{
  const char *heading = _("Close Without Saving the Review?");
  g_autofree char *body =
    g_strdup_printf (_("The review on screen could not be saved: %s"), reason);

#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *dialog = adw_alert_dialog_new (heading, body);

  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                  "keep", _("_Keep Open"),
                                  "discard", _("_Discard and Close"), NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "discard",
                                            ADW_RESPONSE_DESTRUCTIVE);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "keep");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "keep");
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (on_unsaved_response), self);
  adw_dialog_present (dialog, GTK_WIDGET (self));
#else
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Open"),
                                    "discard", _("_Discard and Close"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (on_unsaved_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
#endif
}

/* A note typed in the last moment before closing is written first. */
static gboolean
on_close_request (ErrataWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->traces_page != NULL && !self->discard_unsaved &&
      !errata_traces_page_flush (self->traces_page, &error))
    {
      ask_before_discarding (self, error->message);
      return TRUE;
    }
  /* The canvas lets go of the workspace (and its undo stack) now. */
  if (self->modes_page != NULL)
    errata_failure_modes_page_set_workspace (self->modes_page, NULL);
  return FALSE;
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
  self->traces_page = NULL;
  self->modes_page = NULL;
  /* The pages are gone; disposing the workspace cancels what they left. */
  g_clear_object (&self->workspace);
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
  gtk_widget_class_bind_template_child (widget_class, ErrataWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ErrataWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ErrataWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataWindow, spinner);

  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-page", "s", PAGE_TRACES);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-page", "s", PAGE_FAILURE_MODES);
}

static void
errata_window_init (ErrataWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  bind_window_state (self);
  add_drop_target (self);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-page", FALSE);
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
  return self->workspace ? errata_workspace_get_project (self->workspace) : NULL;
}

/* What the window's pages share; %NULL until a project is open. */
ErrataWorkspace *
errata_window_get_workspace (ErrataWindow *self)
{
  g_return_val_if_fail (ERRATA_IS_WINDOW (self), NULL);
  return self->workspace;
}

gboolean
errata_window_is_loading (ErrataWindow *self)
{
  g_return_val_if_fail (ERRATA_IS_WINDOW (self), FALSE);
  return self->cancellable != NULL;
}
