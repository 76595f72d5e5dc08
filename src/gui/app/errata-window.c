/* errata-window.c: a main window, showing one project or the welcome page.
 *
 * A window holds at most one project: it starts on the welcome page,
 * shows a spinner while the project opens (an older project's upgrade:
 * its progress and Cancel, errata-window-upgrade.c), then the
 * project's pages (Traces, Failure Modes) under a view switcher. Opening
 * another project is the application's job, which picks an idle window
 * or makes a new one.
 *
 * The window makes one ErrataWorkspace for the open project and gives it
 * to every page: the pages share its taxonomy, so an edit on the canvas
 * shows at once in the Traces page's failure-mode filter and in the
 * coding panel, and has one undo stack. No page makes a shared model.
 *
 * The window's actions (win.*) live in errata-window-actions.c, dropped
 * files in errata-window-dnd.c, over errata-window-private.h.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-window-private.h"
#include "errata-recent.h"
#include "errata-welcome-page.h"

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

void
_errata_window_show_page (ErrataWindow *self,
                          const char   *name)
{
  if (self->traces_page != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* The canvas shows notes as stored: a note typed a moment ago on the
 * Traces page is written first, then the canvas reads them all again. */
static void
on_visible_page_changed (ErrataWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  g_autoptr(GError) error = NULL;

  if (self->traces_page == NULL || g_strcmp0 (name, PAGE_TRACES) == 0)
    return;
  if (!errata_traces_page_flush (self->traces_page, &error))
    errata_traces_page_show_toast (self->traces_page, error->message);
  if (g_strcmp0 (name, PAGE_FAILURE_MODES) == 0)
    {
      errata_failure_modes_page_reload (self->modes_page);
      errata_failure_modes_page_focus_cards (self->modes_page);
    }
  /* Labels and reviews made on the Traces page change every count here. */
  else if (g_strcmp0 (name, PAGE_EVALUATORS) == 0)
    errata_evaluators_page_reload (self->evaluators_page);
  /* The report reads the project as it stands when it is shown. */
  else if (g_strcmp0 (name, PAGE_REPORT) == 0)
    errata_report_page_reload (self->report_page);
  /* Reviews made since change the heat map; a run keeps the page as it is. */
  else if (g_strcmp0 (name, PAGE_SYNTH) == 0 && !errata_synth_page_is_running (self->synth_page))
    errata_synth_page_reload (self->synth_page);
  /* Evaluators finalized or traces reviewed since change the comparison. */
  else if (g_strcmp0 (name, PAGE_EXPERIMENTS) == 0
           && !errata_experiments_page_is_running (self->experiments_page))
    errata_experiments_page_reload (self->experiments_page);
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

  self->evaluators_page = ERRATA_EVALUATORS_PAGE (errata_evaluators_page_new (self->workspace));
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->evaluators_page),
                                    PAGE_EVALUATORS, _("Evaluators"));
  adw_view_stack_page_set_icon_name (page, "emblem-ok-symbolic");

  self->report_page = ERRATA_REPORT_PAGE (errata_report_page_new (self->workspace));
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->report_page),
                                    PAGE_REPORT, _("Report"));
  adw_view_stack_page_set_icon_name (page, "x-office-document-symbolic");

  self->synth_page = ERRATA_SYNTH_PAGE (errata_synth_page_new (self->workspace));
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->synth_page),
                                    PAGE_SYNTH, _("Synthetic Data"));
  adw_view_stack_page_set_icon_name (page, "system-run-symbolic");

  self->experiments_page =
    ERRATA_EXPERIMENTS_PAGE (errata_experiments_page_new (self->workspace));
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->experiments_page),
                                    PAGE_EXPERIMENTS, _("Experiments"));
  adw_view_stack_page_set_icon_name (page, "media-playlist-shuffle-symbolic");
  _errata_window_connect_page_signals (self);

  adw_view_stack_set_visible_child_name (self->view_stack, PAGE_TRACES);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_page_changed), self, G_CONNECT_SWAPPED);
}

/* Takes the project into the window (the Traces page loads its list in
 * the background) and remembers it as recent. */
/* Opening upgraded the project: an older Errata can no longer open it, so
 * say where the old file was kept, and offer to give back the space the
 * upgrade freed. */
static void
tell_upgrade_backup (ErrataWindow  *self,
                     ErrataProject *project)
{
  GFile *backup = errata_project_get_upgrade_backup (project);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (backup == NULL)
    return;
  name = g_file_get_basename (backup);
  /* Translators: %s is a file name such as "support.errata.v2.bak". */
  text = g_strdup_printf (_("Upgraded for this version of Errata. The old file is kept beside "
                            "it as “%s”."), name);
  if (!_errata_window_offer_compact (self, project, text))
    errata_traces_page_show_toast (self->traces_page, text);
}

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
  _errata_window_update_actions (self);
  errata_recent_add (self->settings, file);
  tell_upgrade_backup (self, project);
}

/* The visible page of the project: its name in the view stack
 * ("traces", "failure-modes", …); %NULL without a project. */
const char *
errata_window_get_visible_page (ErrataWindow *self)
{
  g_return_val_if_fail (ERRATA_IS_WINDOW (self), NULL);

  if (self->traces_page == NULL)
    return NULL;
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

/* Which help page (help/C/TOPIC.page) explains the page in view: F1
 * opens it. Pages are matched by their name in the view stack. */
static const struct
{
  const char *page;
  const char *topic;
} help_topics[] = {
  { PAGE_TRACES, "review" },
  { PAGE_FAILURE_MODES, "axial-coding" },
  { PAGE_EVALUATORS, "evaluators" },
  { PAGE_REPORT, "report" },
  { PAGE_SYNTH, "synthetic-data" },
  { "experiments", "experiments" },
};

/**
 * errata_window_get_help_topic:
 *
 * Returns: the help page for what the window shows: the page in view,
 *   or "index" without a project
 */
const char *
errata_window_get_help_topic (ErrataWindow *self)
{
  const char *page;

  g_return_val_if_fail (ERRATA_IS_WINDOW (self), NULL);

  page = errata_window_get_visible_page (self);
  for (guint i = 0; page != NULL && i < G_N_ELEMENTS (help_topics); i++)
    if (g_str_equal (page, help_topics[i].page))
      return help_topics[i].topic;
  return "index";
}

ErrataTracesPage *
errata_window_get_traces_page (ErrataWindow *self)
{
  g_return_val_if_fail (ERRATA_IS_WINDOW (self), NULL);
  return self->traces_page;
}

ErrataEvaluatorsPage *
errata_window_get_evaluators_page (ErrataWindow *self)
{
  g_return_val_if_fail (ERRATA_IS_WINDOW (self), NULL);

  return self->evaluators_page;
}

ErrataReportPage *
errata_window_get_report_page (ErrataWindow *self)
{
  g_return_val_if_fail (ERRATA_IS_WINDOW (self), NULL);

  return self->report_page;
}

ErrataFailureModesPage *
errata_window_get_failure_modes_page (ErrataWindow *self)
{
  g_return_val_if_fail (ERRATA_IS_WINDOW (self), NULL);
  return self->modes_page;
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
  /* Closed meanwhile: dispose cleared the cancellable. */
  if (self->cancellable == NULL)
    return;
  _errata_window_end_open (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _errata_window_tell_open_cancelled (self);
      show_welcome (self);
    }
  else if (project == NULL)
    show_open_error (self, error);
  else
    errata_window_show_project (self, project);
}

/* Opens the project file in the background; the window shows a spinner
 * (an older project: the upgrade's progress and Cancel) until it is open,
 * or the welcome page and an error dialog if it cannot be opened. */
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
  _errata_window_start_open (self, file, on_project_opened);
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
                       const char   *heading,
                       const char   *body)
{
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
  g_autofree char *unsaved = NULL;

  if (self->traces_page != NULL && !self->discard_unsaved &&
      !errata_traces_page_flush (self->traces_page, &error))
    {
      g_autofree char *body =
        g_strdup_printf (_("The review on screen could not be saved: %s"), error->message);

      ask_before_discarding (self, _("Close Without Saving the Review?"), body);
      return TRUE;
    }
  /* An evaluator's definition is saved only when asked (it makes a
   * version), so edits not saved yet are asked about, not written. */
  if (self->evaluators_page != NULL && !self->discard_unsaved &&
      (unsaved = errata_evaluators_page_dup_unsaved (self->evaluators_page)) != NULL)
    {
      g_autofree char *body =
        g_strdup_printf (_("The definition of “%s” has changes that are not saved. Save them "
                           "on the Evaluators page, or close and lose them."), unsaved);

      ask_before_discarding (self, _("Close Without Saving the Definition?"), body);
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
  g_cancellable_cancel (self->compact_cancellable);
  g_clear_object (&self->compact_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_WINDOW);
  self->traces_page = NULL;
  self->modes_page = NULL;
  self->evaluators_page = NULL;
  self->report_page = NULL;
  self->synth_page = NULL;
  self->experiments_page = NULL;
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

  _errata_window_class_install_actions (widget_class);
  _errata_window_class_init_upgrade (widget_class);
  _errata_window_class_init_compact (widget_class);
}

static void
errata_window_init (ErrataWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  bind_window_state (self);
  _errata_window_add_drop_target (self);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  _errata_window_update_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-open", FALSE);
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
