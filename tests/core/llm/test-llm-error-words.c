/* test-llm-error-words.c: the words a user reads when a model could not
 * be asked: the same for the same failure whichever request met it, a
 * missing key found without the network, a keyring that cannot be
 * reached pointing at the environment variables.
 *
 * The keyring case points the session bus at a socket that does not
 * exist, before anything connects to it: this process has no keyring.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-llm-client.h"
#include "errata-llm-error-words.h"
#include "errata-llm-keys.h"
#include "errata-mock-llm-server.h"

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* A port where nothing listens: a mock server's, once it is gone. */
static char *
dup_closed_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataMockLlmServer) server = errata_mock_llm_server_new (0, &error);

  g_assert_no_error (error);
  return errata_mock_llm_server_dup_base_url (server, FALSE);
}

/* Test Connection lists models, Suggest Groupings asks for a completion:
 * one refused connection, one text. */
static void
test_same_words_for_both_requests (void)
{
  g_autofree char *url = dup_closed_url ();
  g_autoptr(ErrataLlmProvider) provider = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI, url, "m");
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(ErrataLlmRequest) request = errata_llm_request_new ();
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GAsyncResult) completed = NULL;
  g_autoptr(GError) list_error = NULL;
  g_autoptr(GError) complete_error = NULL;
  g_auto(GStrv) models = NULL;
  g_autoptr(ErrataLlmReply) reply = NULL;
  g_autofree char *list_words = NULL;
  g_autofree char *complete_words = NULL;

  provider->max_attempts = 1;
  client = errata_llm_client_new (provider);
  errata_llm_client_list_models_async (client, NULL, on_done, &listed);
  models = errata_llm_client_list_models_finish (client, wait_for (&listed), &list_error);
  g_assert_null (models);
  errata_llm_request_add_message (request, "user", "hi");
  errata_llm_client_complete_async (client, request, NULL, on_done, &completed);
  reply = errata_llm_client_complete_finish (client, wait_for (&completed), &complete_error);
  g_assert_null (reply);

  g_assert_error (list_error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_NETWORK);
  g_assert_error (complete_error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_NETWORK);
  list_words = errata_llm_error_to_words (list_error, provider);
  complete_words = errata_llm_error_to_words (complete_error, provider);
  g_assert_cmpstr (list_words, ==, complete_words);
  g_assert_nonnull (strstr (list_words, url));
  g_assert_nonnull (strstr (list_words, "nothing is listening there"));
  g_assert_nonnull (strstr (list_words, "“ollama serve”"));
  g_assert_true (errata_llm_error_can_retry (list_error));
}

/* At Ollama's port the words name Ollama and the command that starts it. */
static void
test_ollama_words (void)
{
  g_autoptr(ErrataLlmProvider) provider = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI,
                                                                   ERRATA_LLM_OLLAMA_BASE_URL,
                                                                   "llama3.2");
  g_autoptr(GError) error = errata_llm_error_new_unreachable (ERRATA_LLM_OLLAMA_BASE_URL);
  g_autofree char *words = errata_llm_error_to_words (error, provider);

  g_assert_true (g_str_has_prefix (words, "Could not reach Ollama at http://localhost:11434/v1"));
  g_assert_nonnull (strstr (words, "Is Ollama running? Start it with “ollama serve”"));
}

static void
test_other_errors (void)
{
  g_autoptr(ErrataLlmProvider) provider = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI,
                                                                   "https://proxy.example/v1", "m");
  g_autoptr(GError) auth = g_error_new_literal (ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_AUTH,
                                                "proxy.example refused the API key (401).");
  g_autoptr(GError) dns = g_error_new_literal (ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_NETWORK,
                                               "Error resolving “proxy.example”");
  g_autoptr(GError) cancelled = g_error_new_literal (ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_CANCELLED,
                                                     "Cancelled");
  g_autofree char *auth_words = NULL;
  g_autofree char *dns_words = NULL;

  errata_llm_provider_set_api_key (provider, "sk-proxy");
  auth_words = errata_llm_error_to_words (auth, provider);
  g_assert_cmpstr (auth_words, ==, "The server refused the API key: check it in Preferences.\n"
                                   "proxy.example refused the API key (401).");
  /* Another network failure keeps its reason. */
  dns_words = errata_llm_error_to_words (dns, provider);
  g_assert_true (g_str_has_prefix (dns_words, "Could not reach the server."));
  g_assert_nonnull (strstr (dns_words, "Error resolving “proxy.example”"));
  g_assert_false (errata_llm_error_can_retry (cancelled));
}

/* OpenAI's or Anthropic's API without a key: an error before any
 * request, naming the variable that would hold the key. */
static void
test_check_key (void)
{
  g_autoptr(ErrataLlmProvider) openai = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI,
                                                                 ERRATA_LLM_OPENAI_BASE_URL, "m");
  g_autoptr(ErrataLlmProvider) anthropic = errata_llm_provider_new (ERRATA_LLM_KIND_ANTHROPIC,
                                                                    ERRATA_LLM_ANTHROPIC_BASE_URL, "m");
  g_autoptr(ErrataLlmProvider) ollama = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI,
                                                                 ERRATA_LLM_OLLAMA_BASE_URL, "m");
  g_autoptr(GError) missing = errata_llm_error_check_key (openai);
  g_autoptr(GError) missing_anthropic = errata_llm_error_check_key (anthropic);
  g_autoptr(GError) with_key = NULL;
  g_autoptr(GError) none_needed = errata_llm_error_check_key (ollama);
  g_autofree char *words = NULL;

  g_assert_error (missing, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_AUTH);
  g_assert_nonnull (strstr (missing->message, "OPENAI_API_KEY"));
  g_assert_nonnull (strstr (missing_anthropic->message, "ANTHROPIC_API_KEY"));
  words = errata_llm_error_to_words (missing, openai);
  g_assert_cmpstr (words, ==, missing->message);
  g_assert_null (none_needed);
  errata_llm_provider_set_api_key (openai, "sk-x");
  with_key = errata_llm_error_check_key (openai);
  g_assert_null (with_key);
}

/* No keyring: the lookup does not fail (the environment may hold the
 * key), but it tells why the keyring was not asked, and the words say
 * that the environment variables work instead. */
static void
test_keyring_unreachable (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *words = NULL;
  const GError *keyring_error;
  ErrataLlmKeySource source;

  g_setenv ("OPENAI_API_KEY", "sk-from-env", TRUE);
  errata_llm_keys_lookup_async ("openai", ERRATA_LLM_OPENAI_BASE_URL, NULL, on_done, &result);
  key = errata_llm_keys_lookup_finish (wait_for (&result), &source, &error);
  g_unsetenv ("OPENAI_API_KEY");

  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "sk-from-env");
  g_assert_cmpint (source, ==, ERRATA_LLM_KEY_SOURCE_ENVIRONMENT);
  keyring_error = errata_llm_keys_lookup_get_keyring_error (result);
  g_assert_nonnull (keyring_error);
  words = errata_llm_keyring_error_to_words (keyring_error);
  g_assert_true (g_str_has_prefix (words, "The keyring could not be reached"));
  g_assert_nonnull (strstr (words, "OPENAI_API_KEY"));
  g_assert_nonnull (strstr (words, "ANTHROPIC_API_KEY"));
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything opens the session bus. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/errata-no-bus", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/llm/error-words/same-for-both-requests", test_same_words_for_both_requests);
  g_test_add_func ("/llm/error-words/ollama", test_ollama_words);
  g_test_add_func ("/llm/error-words/other-errors", test_other_errors);
  g_test_add_func ("/llm/error-words/check-key", test_check_key);
  g_test_add_func ("/llm/error-words/keyring-unreachable", test_keyring_unreachable);

  return g_test_run ();
}
