/* test-remote-consent-dialog.c: "Send traces to OpenAI?" asked once per project
 * and host before a judge run sends traces to a remote provider, never for
 * a local one; Cancel sends nothing, Allow runs and is not asked again;
 * Project Properties shows the consent and revokes it. Renders
 * remote-consent-*.png and project-properties-*.png in the build folder.
 *
 * The mock server listens on 127.0.0.1: as http://127.0.0.1:PORT it is a
 * local provider (a local Ollama); as http://[::ffff:127.0.0.1]:PORT, the
 * IPv4-mapped form of the same address, Errata counts it as remote (only
 * 127.0.0.0/8, ::1 and "localhost" are loopback), so the test can watch
 * what a remote provider receives.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "errata-eval-runs.h"
#include "errata-evaluators.h"
#include "errata-evaluators-page.h"
#include "errata-gui-test-utils.h"
#include "errata-mock-llm-server.h"
#include "errata-project-properties.h"
#include "errata-remote-consent.h"
#include "errata-remote-consent-dialog.h"
#include "errata-test-utils.h"
#include "errata-workspace.h"

#define N_TRACES 5

typedef struct
{
  char                 *dir;
  ErrataProject        *project;
  ErrataMockLlmServer  *server;
  GSettings            *settings;
  ErrataWorkspace      *workspace;
  GtkWindow            *window;
  ErrataEvaluatorsPage *page;
  gint64                judge;
  gboolean              saw_dialog;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) definition = json_object_new ();
  g_autoptr(ErrataEvaluator) judge = NULL;

  fixture->project = errata_test_new_project (&fixture->dir);
  for (guint i = 0; i < N_TRACES; i++)
    {
      g_autofree char *name = g_strdup_printf ("conv-%u", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (name, "Can you help?", "Yes.");

      g_assert_true (errata_project_add_trace (fixture->project, trace, NULL, &error));
    }
  json_object_set_string_member (definition, "prompt", "Is this polite?\n{{output}}");
  judge = errata_evaluators_create (fixture->project, "Polite", ERRATA_TARGET_OVERALL, "judge",
                                    definition, NULL, &error);
  g_assert_no_error (error);
  fixture->judge = judge->id;
  fixture->server = errata_mock_llm_server_new (0, &error);
  g_assert_no_error (error);
  fixture->settings = g_settings_new (APP_ID);
  g_settings_set_string (fixture->settings, "llm-provider", "custom");
  g_settings_set_string (fixture->settings, "llm-model", "mock-model");
  g_settings_set_string (fixture->settings, "annotator-name", "Ana");
  fixture->window = GTK_WINDOW (adw_application_window_new (NULL));
  gtk_window_set_default_size (fixture->window, 1024, 700);
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  errata_gui_test_iterate_for (20);
  g_clear_object (&fixture->workspace);
  g_clear_object (&fixture->server);
  g_settings_reset (fixture->settings, "llm-base-url");
  g_settings_reset (fixture->settings, "annotator-name");
  g_clear_object (&fixture->settings);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* The page, with a workspace that reads the provider from the settings. */
static void
show_page (Fixture    *fixture,
           const char *base_url)
{
  g_settings_set_string (fixture->settings, "llm-base-url", base_url);
  fixture->workspace = errata_workspace_new (fixture->project, fixture->settings);
  fixture->page = ERRATA_EVALUATORS_PAGE (errata_evaluators_page_new (fixture->workspace));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (fixture->window),
                                      GTK_WIDGET (fixture->page));
  errata_evaluators_page_show_evaluator (fixture->page, fixture->judge);
  errata_gui_test_iterate_for (50);
}

static char *
remote_url (Fixture *fixture)
{
  g_autofree char *local = errata_mock_llm_server_dup_base_url (fixture->server, FALSE);
  const char *port = strrchr (local, ':');

  g_assert_nonnull (port);
  return g_strdup_printf ("http://[::ffff:127.0.0.1]%s", port);
}

static AdwMessageDialog *
find_consent_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data)
        && adw_message_dialog_has_response (l->data, ERRATA_REMOTE_CONSENT_RESPONSE_ALLOW))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_consent_dialog () != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_consent_dialog () == NULL;
}

/* The run ended; and whether a consent dialog showed up meanwhile. */
static gboolean
run_ended_watching (gpointer data)
{
  Fixture *fixture = data;

  if (find_consent_dialog () != NULL)
    fixture->saw_dialog = TRUE;
  return !errata_evaluators_page_is_running (fixture->page);
}

/* Clicks a response's button, as a user does (the dialog then closes). */
static void
click (AdwMessageDialog *dialog,
       const char       *label)
{
  GtkButton *button;

  errata_gui_test_wait_for_frame (GTK_WIDGET (dialog));
  button = errata_gui_test_find_button (GTK_WIDGET (dialog), label);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static void
start_run (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "evaluators.run-unlabeled", NULL));
}

static guint
count_runs (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = errata_eval_runs_list (fixture->project, fixture->judge, &error);

  g_assert_no_error (error);
  return runs->len;
}

static guint
count_consents (Fixture *fixture)
{
  g_autoptr(GPtrArray) consents = errata_remote_consent_list (fixture->project);

  return consents->len;
}

static void
render_both_styles (GtkWidget  *widget,
                    const char *name)
{
  g_autofree char *light = g_strdup_printf ("%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);
  g_autoptr(GdkTexture) light_texture = NULL;
  g_autoptr(GdkTexture) dark_texture = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  light_texture = errata_gui_test_render_to_png (widget, light);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  dark_texture = errata_gui_test_render_to_png (widget, dark);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_assert_nonnull (light_texture);
  g_assert_nonnull (dark_texture);
}

/* The question names the provider, the host and the number of traces;
 * Allow is suggested, Cancel the default and the close response. */
static void
test_dialog (Fixture       *fixture,
             gconstpointer  data)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (errata_remote_consent_dialog_new (fixture->window,
                                                                                   "https://api.openai.com/v1",
                                                                                   12));
  const char *body = adw_message_dialog_get_body (dialog);

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Send traces to OpenAI?");
  g_assert_nonnull (strstr (body, "12 traces"));
  g_assert_nonnull (strstr (body, "OpenAI at api.openai.com"));
  g_assert_nonnull (strstr (body, "Project Properties"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog,
                                                               ERRATA_REMOTE_CONSENT_RESPONSE_ALLOW),
                   ==, ADW_RESPONSE_SUGGESTED);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==,
                   ERRATA_REMOTE_CONSENT_RESPONSE_CANCEL);
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==,
                   ERRATA_REMOTE_CONSENT_RESPONSE_CANCEL);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog,
                                                          ERRATA_REMOTE_CONSENT_RESPONSE_ALLOW),
                   ==, "_Allow for This Project");
  gtk_window_present (GTK_WINDOW (dialog));
  errata_gui_test_wait_for_frame (GTK_WIDGET (dialog));
  render_both_styles (GTK_WIDGET (dialog), "remote-consent-dialog");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The mock at 127.0.0.1 is a local provider: the run goes, no dialog. */
static void
test_local_never_asks (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *local = errata_mock_llm_server_dup_base_url (fixture->server, FALSE);

  show_page (fixture, local);
  start_run (fixture);
  errata_gui_test_iterate_until_full (run_ended_watching, fixture, 120);
  g_assert_false (fixture->saw_dialog);
  g_assert_cmpuint (count_runs (fixture), ==, 1);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, N_TRACES);
  g_assert_cmpuint (count_consents (fixture), ==, 0);
}

static gboolean
run_has_ended (gpointer page)
{
  return !errata_evaluators_page_is_running (page);
}

/* Asked before the first send; Cancel sends nothing and asks again next
 * time; Allow runs, is kept, and is not asked again. */
static void
test_remote_asks_once (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *url = remote_url (fixture);
  g_autoptr(GPtrArray) consents = NULL;
  g_autofree char *traces = g_strdup_printf ("%u traces", N_TRACES);
  AdwMessageDialog *dialog;
  ErrataRemoteConsent *consent;

  show_page (fixture, url);
  start_run (fixture);
  errata_gui_test_iterate_until (dialog_shown, NULL);
  dialog = find_consent_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Send traces to ::ffff:127.0.0.1?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), traces));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->window);
  render_both_styles (GTK_WIDGET (fixture->window), "remote-consent-asking");

  click (dialog, "Cancel");
  errata_gui_test_iterate_until (run_has_ended, fixture->page);
  errata_gui_test_iterate_until (dialog_gone, NULL);
  g_assert_cmpuint (count_runs (fixture), ==, 0);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 0);
  g_assert_cmpuint (count_consents (fixture), ==, 0);

  start_run (fixture);
  errata_gui_test_iterate_until (dialog_shown, NULL);
  click (find_consent_dialog (), "Allow for This Project");
  errata_gui_test_iterate_until (dialog_gone, NULL);
  errata_gui_test_iterate_until_full (run_has_ended, fixture->page, 120);
  g_assert_cmpuint (count_runs (fixture), ==, 1);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, N_TRACES);
  consents = errata_remote_consent_list (fixture->project);
  g_assert_cmpuint (consents->len, ==, 1);
  consent = consents->pdata[0];
  g_assert_cmpstr (consent->host, ==, "::ffff:127.0.0.1");
  g_assert_cmpstr (consent->by, ==, "Ana");

  /* Allowed: a second run does not ask. */
  fixture->saw_dialog = FALSE;
  start_run (fixture);
  errata_gui_test_iterate_until_full (run_ended_watching, fixture, 120);
  g_assert_false (fixture->saw_dialog);
  g_assert_cmpuint (count_runs (fixture), ==, 2);
}

/* A question destroyed unanswered (its window closed) counts as Cancel:
 * the page stops preparing and nothing is sent. */
static void
test_destroyed_unanswered (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *url = remote_url (fixture);

  show_page (fixture, url);
  start_run (fixture);
  errata_gui_test_iterate_until (dialog_shown, NULL);
  gtk_window_destroy (GTK_WINDOW (find_consent_dialog ()));
  errata_gui_test_iterate_until (run_has_ended, fixture->page);
  g_assert_cmpuint (count_runs (fixture), ==, 0);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 0);
  g_assert_cmpuint (count_consents (fixture), ==, 0);
}

/* Project Properties: the consent, who gave it and when, and Revoke. */
static void
test_properties (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ErrataProjectProperties *properties;

  g_assert_true (errata_remote_consent_record (fixture->project, "https://api.openai.com/v1",
                                               "Ana", &error));
  g_assert_no_error (error);
  properties = errata_project_properties_new (fixture->window, fixture->project);
  gtk_window_present (GTK_WINDOW (properties));
  errata_gui_test_wait_for_frame (GTK_WIDGET (properties));
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (properties), "Allowed for api.openai.com"));
  g_assert_nonnull (errata_gui_test_find_button (GTK_WIDGET (properties), "Revoke"));
  render_both_styles (GTK_WIDGET (properties), "project-properties");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (properties), "properties.revoke", "s",
                                             "api.openai.com"));
  g_assert_cmpuint (count_consents (fixture), ==, 0);
  g_assert_false (errata_remote_consent_is_given (fixture->project, "https://api.openai.com/v1"));
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (properties), "None allowed"));
  render_both_styles (GTK_WIDGET (properties), "project-properties-none");
  gtk_window_destroy (GTK_WINDOW (properties));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/remote-consent/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("dialog", test_dialog);
  ADD ("local-never-asks", test_local_never_asks);
  ADD ("remote-asks-once", test_remote_asks_once);
  ADD ("destroyed-unanswered", test_destroyed_unanswered);
  ADD ("properties", test_properties);
#undef ADD

  return g_test_run ();
}
