/* errata-remote-consent-dialog.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-remote-consent-dialog.h"

#include <glib/gi18n.h>

#include "errata-remote-consent.h"
#include "errata-workspace.h"

G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* AdwMessageDialog: libadwaita 1.2 is the floor */

/**
 * errata_remote_consent_dialog_new:
 * @n_traces: how many traces the action sends
 *
 * The question, built but not shown (errata_remote_consent_ask_async()
 * shows it; tests render it). Allow is suggested, not destructive: it is
 * what the user asked for, and Cancel stays the default and Escape.
 */
GtkWindow *
errata_remote_consent_dialog_new (GtkWindow  *parent,
                                  const char *base_url,
                                  guint       n_traces)
{
  g_autofree char *provider = errata_remote_consent_provider_name (base_url);
  g_autofree char *host = errata_remote_consent_dup_host (base_url);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  /* Translators: %s is a provider, "OpenAI", "Anthropic" or a host name. */
  heading = g_strdup_printf (_("Send traces to %s?"), provider);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %u is a number of traces, the first %s
                                        * a provider ("OpenAI"), the other two a host name
                                        * ("api.openai.com"). */
                                       "This sends the text of %u trace of this project to %s "
                                       "at %s, which is not on this machine.\n\nOnce allowed, "
                                       "this project sends traces to %s without asking again. "
                                       "You can revoke it in Project Properties.",
                                       "This sends the text of %u traces of this project to %s "
                                       "at %s, which is not on this machine.\n\nOnce allowed, "
                                       "this project sends traces to %s without asking again. "
                                       "You can revoke it in Project Properties.",
                                       n_traces),
                          n_traces, provider, host != NULL ? host : base_url,
                          host != NULL ? host : base_url);
  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    ERRATA_REMOTE_CONSENT_RESPONSE_CANCEL, _("_Cancel"),
                                    ERRATA_REMOTE_CONSENT_RESPONSE_ALLOW,
                                    _("_Allow for This Project"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              ERRATA_REMOTE_CONSENT_RESPONSE_ALLOW,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           ERRATA_REMOTE_CONSENT_RESPONSE_CANCEL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog),
                                         ERRATA_REMOTE_CONSENT_RESPONSE_CANCEL);
  return GTK_WINDOW (dialog);
}

typedef struct
{
  ErrataProject    *project;
  char             *base_url;
  gulong            cancel_id;
  AdwMessageDialog *dialog;   /* while it is shown; GTK owns it */
} Ask;

static void
ask_free (Ask *ask)
{
  g_clear_object (&ask->project);
  g_free (ask->base_url);
  g_free (ask);
}

/* Who allowed it: the name reviews are made under here. */
static char *
dup_who (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  return errata_annotator_name_from_settings (settings);
}

/* The first of a response and the dialog's end answers; the dialog is
 * then no longer ours to close. */
static gboolean
take_answer (GTask *task)
{
  Ask *ask = g_task_get_task_data (task);

  if (ask->dialog == NULL)
    return FALSE;
  ask->dialog = NULL;
  g_clear_signal_handler (&ask->cancel_id, g_task_get_cancellable (task));
  return TRUE;
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          data)
{
  GTask *task = data;
  Ask *ask = g_task_get_task_data (task);
  g_autofree char *who = NULL;
  GError *error = NULL;

  if (!take_answer (task))
    return;
  if (g_strcmp0 (response, ERRATA_REMOTE_CONSENT_RESPONSE_ALLOW) != 0)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  who = dup_who ();
  if (!errata_remote_consent_record (ask->project, ask->base_url, who, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Destroyed unanswered (with its parent window, say): nothing is sent. */
static void
on_destroyed (GtkWidget *dialog,
              gpointer   data)
{
  GTask *task = data;

  if (take_answer (task))
    g_task_return_boolean (task, FALSE);
}

/* A cancelled action takes its question away: the answer would be for
 * nothing. */
static void
on_cancelled (GCancellable *cancellable,
              gpointer      data)
{
  Ask *ask = data;

  /* Closing answers with the close response, Cancel. */
  if (ask->dialog != NULL)
    gtk_window_close (GTK_WINDOW (ask->dialog));
}

/**
 * errata_remote_consent_ask_async:
 * @parent: a widget of the window the question belongs to
 * @n_traces: how many traces the action sends (said in the question)
 *
 * Finishes TRUE when the action may send: at once when @base_url is on
 * this machine or @project allowed its host before, else when the user
 * answers Allow (the consent is then recorded in @project). FALSE when
 * the user cancels: nothing may be sent.
 */
void
errata_remote_consent_ask_async (GtkWidget           *parent,
                                 ErrataProject       *project,
                                 const char          *base_url,
                                 guint                n_traces,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkRoot *root;
  Ask *ask;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (ERRATA_IS_PROJECT (project));
  g_return_if_fail (base_url != NULL);

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_remote_consent_ask_async);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (errata_remote_consent_is_given (project, base_url))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  ask = g_new0 (Ask, 1);
  ask->project = g_object_ref (project);
  ask->base_url = g_strdup (base_url);
  g_task_set_task_data (task, ask, (GDestroyNotify) ask_free);

  root = gtk_widget_get_root (parent);
  ask->dialog = ADW_MESSAGE_DIALOG (errata_remote_consent_dialog_new (GTK_IS_WINDOW (root)
                                                                      ? GTK_WINDOW (root) : NULL,
                                                                      base_url, n_traces));
  /* Each handler keeps the task until the dialog is gone. */
  g_signal_connect_data (ask->dialog, "response", G_CALLBACK (on_response), g_object_ref (task),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect_data (ask->dialog, "destroy", G_CALLBACK (on_destroyed), g_object_ref (task),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  if (cancellable != NULL)
    ask->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), ask, NULL);
  gtk_window_present (GTK_WINDOW (ask->dialog));
}

gboolean
errata_remote_consent_ask_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        errata_remote_consent_ask_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

G_GNUC_END_IGNORE_DEPRECATIONS
