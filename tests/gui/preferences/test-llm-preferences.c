/* test-llm-preferences.c: the Language Models preferences page under a
 * display, against the in-process mock LLM server: Test connection lists
 * the models, a wrong key gives one clear error after one request, the
 * provider brings its URL and model, the limits are bound to GSettings.
 * Renders llm-preferences.png and llm-preferences-wrong-key.png.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "errata-gui-test-utils.h"
#include "errata-llm-error-words.h"
#include "errata-llm-preferences-page.h"
#include "errata-llm-settings.h"
#include "errata-mock-llm-server.h"

typedef struct
{
  GSettings                *settings;
  ErrataMockLlmServer      *server;
  GtkWindow                *window;
  ErrataLlmPreferencesPage *page;
} Fixture;

/* An AdwActionRow by title. */
static AdwActionRow *
find_row (GtkWidget  *root,
          const char *title)
{
  g_autoptr(GPtrArray) rows = errata_gui_test_find_all (root, ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];
  return NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AdwPreferencesWindow *window;

  fixture->settings = g_settings_new (APP_ID);
  /* The memory backend keeps values between tests of one run. */
  for (const char * const *key = (const char * const[]) { "llm-provider", "llm-base-url", "llm-model",
                                                           "llm-concurrency", NULL };
       *key != NULL; key++)
    g_settings_reset (fixture->settings, *key);

  fixture->server = errata_mock_llm_server_new (0, &error);
  g_assert_no_error (error);

  window = ADW_PREFERENCES_WINDOW (adw_preferences_window_new ());
  fixture->page = ERRATA_LLM_PREFERENCES_PAGE (errata_llm_preferences_page_new ());
  adw_preferences_window_add (window, ADW_PREFERENCES_PAGE (fixture->page));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 960);
  fixture->window = GTK_WINDOW (window);
  gtk_window_present (fixture->window);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->page);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  errata_gui_test_iterate_for (50);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->settings);
}

static void
use_mock_as_custom (Fixture    *fixture,
                    const char *model)
{
  g_autofree char *base_url = errata_mock_llm_server_dup_base_url (fixture->server, FALSE);

  g_settings_set_string (fixture->settings, "llm-provider", "custom");
  g_settings_set_string (fixture->settings, "llm-base-url", base_url);
  g_settings_set_string (fixture->settings, "llm-model", model);
  /* The page hears of the change at once; let what it queued run. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
test_is_done (gpointer data)
{
  return !errata_llm_preferences_page_is_testing (data);
}

static void
type_key (Fixture    *fixture,
          const char *key)
{
  g_autoptr(GPtrArray) rows = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                ADW_TYPE_PASSWORD_ENTRY_ROW);

  g_assert_cmpuint (rows->len, ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[0]), key);
}

static const char *
click_test (Fixture *fixture)
{
  GtkButton *button = errata_gui_test_find_button (GTK_WIDGET (fixture->page), "Test");
  AdwActionRow *row = find_row (GTK_WIDGET (fixture->page), "Test Connection");

  g_assert_nonnull (button);
  g_assert_nonnull (row);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (errata_llm_preferences_page_is_testing (fixture->page));
  errata_gui_test_iterate_until (test_is_done, fixture->page);
  return adw_action_row_get_subtitle (row);
}

/* Success: the models are listed, and picking one sets llm-model. */
static void
test_connection_lists_models (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) models = NULL;
  g_autofree char *model = NULL;
  const char *subtitle;

  use_mock_as_custom (fixture, "mock-large");
  type_key (fixture, "sk-mock-right");
  errata_mock_llm_server_set_api_key (fixture->server, "sk-mock-right");
  subtitle = click_test (fixture);

  g_assert_cmpstr (subtitle, ==, "Connected. The server offers 2 models.");
  g_assert_cmpuint (errata_mock_llm_server_get_path_count (fixture->server, "/v1/models"), ==, 1);
  g_assert_cmpstr (errata_mock_llm_server_get_last_api_key (fixture->server), ==, "sk-mock-right");
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "llm-preferences.png"));

  models = errata_gui_test_find_all (GTK_WIDGET (fixture->page), GTK_TYPE_LIST_BOX_ROW);
  /* The preference rows are list box rows too: find the two models. */
  for (guint i = 0; i < models->len; i++)
    {
      const char *name = g_object_get_data (models->pdata[i], "model");

      if (g_strcmp0 (name, "mock-small") == 0)
        g_signal_emit_by_name (gtk_widget_get_parent (models->pdata[i]), "row-activated",
                               models->pdata[i]);
    }
  model = g_settings_get_string (fixture->settings, "llm-model");
  g_assert_cmpstr (model, ==, "mock-small");

  /* A model the server does not offer is pointed out. */
  g_settings_set_string (fixture->settings, "llm-model", "gpt-nonexistent");
  subtitle = click_test (fixture);
  g_assert_nonnull (strstr (subtitle, "not “gpt-nonexistent”"));
}

/* A wrong key: a clear message, one request, no retries, no key shown. */
static void
test_wrong_key (Fixture       *fixture,
                gconstpointer  data)
{
  const char *subtitle;

  use_mock_as_custom (fixture, "mock-small");
  errata_mock_llm_server_set_api_key (fixture->server, "sk-mock-right");
  type_key (fixture, "sk-wrong-4f9a8b7c6d5e");
  subtitle = click_test (fixture);

  g_assert_true (g_str_has_prefix (subtitle, "The server refused the API key: check it in Preferences.\n"));
  g_assert_nonnull (strstr (subtitle, "401"));
  g_assert_null (strstr (subtitle, "sk-wrong-4f9a8b7c6d5e"));
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 1);
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "llm-preferences-wrong-key.png"));
  errata_gui_test_iterate_for (1500);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 1);
}

static void
render_light_and_dark (Fixture    *fixture,
                       const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), light));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), dark));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* Nothing listens: the words name the URL and say to start the server,
 * the very words a completion (Suggest Groupings) gets, and the button
 * offers a Retry. */
static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) same = errata_llm_error_new_unreachable ("http://127.0.0.1:9/v1");
  GtkButton *retry;
  const char *subtitle;

  g_settings_set_string (fixture->settings, "llm-provider", "custom");
  g_settings_set_string (fixture->settings, "llm-base-url", "http://127.0.0.1:9/v1");
  subtitle = click_test (fixture);
  g_assert_cmpstr (subtitle, ==, same->message);
  g_assert_nonnull (strstr (subtitle, "nothing is listening there"));
  g_assert_nonnull (strstr (subtitle, "“ollama serve”"));
  retry = errata_gui_test_find_button (GTK_WIDGET (fixture->page), "Retry");
  g_assert_nonnull (retry);
  render_light_and_dark (fixture, "llm-preferences-unreachable");

  /* Retry asks again, with the same answer while nothing listens. */
  g_signal_emit_by_name (retry, "clicked");
  errata_gui_test_iterate_until (test_is_done, fixture->page);
  g_assert_cmpstr (adw_action_row_get_subtitle (find_row (GTK_WIDGET (fixture->page),
                                                          "Test Connection")), ==, same->message);
}

/* OpenAI without a key: said at once, without a request that could only
 * come back 401 (or hang on a machine without a network). */
static void
test_openai_without_key (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkButton *button = errata_gui_test_find_button (GTK_WIDGET (fixture->page), "Test");
  AdwActionRow *row = find_row (GTK_WIDGET (fixture->page), "Test Connection");
  g_autoptr(GPtrArray) combos = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                         ADW_TYPE_COMBO_ROW);
  const char *subtitle;

  adw_combo_row_set_selected (g_ptr_array_index (combos, 0), 1);   /* OpenAI */
  g_signal_emit_by_name (button, "clicked");
  /* The keyring is asked first; then nothing more is waited for. */
  errata_gui_test_iterate_until (test_is_done, fixture->page);
  subtitle = adw_action_row_get_subtitle (row);
  g_assert_true (g_str_has_prefix (subtitle, "No API key is set."));
  g_assert_nonnull (strstr (subtitle, "OPENAI_API_KEY"));
  g_assert_nonnull (errata_gui_test_find_button (GTK_WIDGET (fixture->page), "Retry"));
  render_light_and_dark (fixture, "llm-preferences-no-key");
}

static gboolean
status_is (gpointer data)
{
  AdwActionRow *row = ((gpointer *) data)[0];

  return g_strcmp0 (adw_action_row_get_subtitle (row), ((gpointer *) data)[1]) == 0;
}

static gboolean
status_is_unset (gpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (data);

  return g_strcmp0 (subtitle, "Not set") == 0
         || (subtitle != NULL && g_str_has_prefix (subtitle, "The keyring could not be reached")
             && strstr (subtitle, "ANTHROPIC_API_KEY") != NULL);
}

/* Picking a provider brings its URL and model unless the user typed
 * their own; the key status follows the provider. */
static void
test_provider_prefill (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) combos = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                         ADW_TYPE_COMBO_ROW);
  AdwComboRow *combo = g_ptr_array_index (combos, 0);
  AdwActionRow *status = find_row (GTK_WIDGET (fixture->page), "Current Key");
  g_autofree char *url = NULL;
  g_autofree char *model = NULL;
  gpointer wait[2] = { status, NULL };

  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 0);   /* Ollama, the default */
  wait[1] = "Not set (a local Ollama server needs none)";
  errata_gui_test_iterate_until (status_is, wait);

  g_setenv ("OPENAI_API_KEY", "sk-from-env", TRUE);
  adw_combo_row_set_selected (combo, 1);
  url = g_settings_get_string (fixture->settings, "llm-base-url");
  model = g_settings_get_string (fixture->settings, "llm-model");
  g_assert_cmpstr (url, ==, "https://api.openai.com/v1");
  g_assert_cmpstr (model, ==, "gpt-4o-mini");
  wait[1] = "From OPENAI_API_KEY";
  errata_gui_test_iterate_until (status_is, wait);
  g_unsetenv ("OPENAI_API_KEY");

  g_settings_set_string (fixture->settings, "llm-base-url", "https://proxy.example/v1");
  adw_combo_row_set_selected (combo, 2);
  g_clear_pointer (&url, g_free);
  g_clear_pointer (&model, g_free);
  url = g_settings_get_string (fixture->settings, "llm-base-url");
  model = g_settings_get_string (fixture->settings, "llm-model");
  g_assert_cmpstr (url, ==, "https://proxy.example/v1");
  g_assert_cmpstr (model, ==, "claude-3-5-haiku-latest");
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (fixture->settings, "llm-provider");
  g_assert_cmpstr (url, ==, "anthropic");
  /* Not set; without a keyring (as under dbus-run-session), the status
   * says that ANTHROPIC_API_KEY works instead. */
  errata_gui_test_iterate_until (status_is_unset, status);
}

static void
test_limits_bound (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) spins = errata_gui_test_find_all (GTK_WIDGET (fixture->page), GTK_TYPE_SPIN_BUTTON);
  g_autoptr(ErrataLlmProvider) provider = NULL;

  g_assert_cmpuint (spins->len, ==, 3);
  g_assert_cmpfloat (gtk_spin_button_get_value (spins->pdata[0]), ==, 4);
  g_settings_set_uint (fixture->settings, "llm-concurrency", 7);
  g_assert_cmpfloat (gtk_spin_button_get_value (spins->pdata[0]), ==, 7);
  gtk_spin_button_set_value (spins->pdata[1], 120);
  gtk_spin_button_set_value (spins->pdata[2], 45);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "llm-requests-per-minute"), ==, 120);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "llm-timeout-seconds"), ==, 45);

  /* The shared helper builds the same provider the page tests. */
  provider = errata_llm_settings_build_provider (fixture->settings, NULL, NULL);
  g_assert_cmpuint (provider->concurrency, ==, 7);
  g_assert_cmpuint (provider->requests_per_minute, ==, 120);
  g_assert_cmpuint (provider->timeout_seconds, ==, 45);
  g_assert_null (provider->api_key);
  g_settings_reset (fixture->settings, "llm-requests-per-minute");
  g_settings_reset (fixture->settings, "llm-timeout-seconds");
}

static void
test_no_display (void)
{
  g_test_skip ("No display: run under xvfb-run");
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("OPENAI_API_KEY");
  g_unsetenv ("ANTHROPIC_API_KEY");

  if (!gtk_init_check ())
    {
      g_test_add_func ("/llm-preferences/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();

  ADD ("/llm-preferences/test-connection-lists-models", test_connection_lists_models);
  ADD ("/llm-preferences/wrong-key", test_wrong_key);
  ADD ("/llm-preferences/unreachable", test_unreachable);
  ADD ("/llm-preferences/openai-without-key", test_openai_without_key);
  ADD ("/llm-preferences/provider-prefill", test_provider_prefill);
  ADD ("/llm-preferences/limits-bound", test_limits_bound);

  return g_test_run ();
}
