/* test-llm-keys.c: API keys from the keyring and the environment.
 *
 * The keyring tests skip when no Secret Service answers (CI, containers).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>
#include <unistd.h>

#include "errata-llm-keys.h"

typedef struct
{
  GAsyncResult *result;
  gboolean      timed_out;
} Wait;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  ((Wait *) data)->result = g_object_ref (result);
}

static gboolean
on_deadline (gpointer data)
{
  Wait *wait = data;

  wait->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* A keyring that prompts or hangs must not hang the test: give up after
 * 30 s (the operation is cancelled, its result still awaited); a busy
 * machine may well take a few seconds. */
static GAsyncResult *
wait_result (Wait         *wait,
             GCancellable *cancellable)
{
  guint deadline = g_timeout_add_seconds (30, on_deadline, wait);

  while (wait->result == NULL)
    {
      if (wait->timed_out)
        g_cancellable_cancel (cancellable);
      g_main_context_iteration (NULL, TRUE);
    }
  if (!wait->timed_out)
    g_source_remove (deadline);
  return wait->result;
}

static char *
lookup (const char         *provider,
        const char         *base_url,
        ErrataLlmKeySource *source)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };
  char *key;

  errata_llm_keys_lookup_async (provider, base_url, cancellable, on_done, &wait);
  key = errata_llm_keys_lookup_finish (wait_result (&wait, cancellable), source, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  return key;
}

static char *
unique_url (void)
{
  return g_strdup_printf ("http://errata-test.invalid/%d/%" G_GINT64_FORMAT,
                          (int) getpid (), g_get_real_time ());
}

static void
test_environment_fallback (void)
{
  g_autofree char *url = unique_url ();
  g_autofree char *key = NULL;
  g_autofree char *none = NULL;
  g_autofree char *custom = NULL;
  ErrataLlmKeySource source;

  g_setenv ("ANTHROPIC_API_KEY", "sk-ant-from-env", TRUE);
  g_setenv ("OPENAI_API_KEY", "sk-openai-from-env", TRUE);

  key = lookup ("anthropic", url, &source);
  g_assert_cmpstr (key, ==, "sk-ant-from-env");
  g_assert_cmpint (source, ==, ERRATA_LLM_KEY_SOURCE_ENVIRONMENT);

  /* An OpenAI key is never offered to some other server. */
  custom = lookup ("custom", url, &source);
  g_assert_null (custom);
  g_assert_cmpint (source, ==, ERRATA_LLM_KEY_SOURCE_NONE);

  g_unsetenv ("ANTHROPIC_API_KEY");
  none = lookup ("anthropic", url, &source);
  g_assert_null (none);
  g_assert_cmpint (source, ==, ERRATA_LLM_KEY_SOURCE_NONE);
  g_unsetenv ("OPENAI_API_KEY");

  g_assert_cmpstr (errata_llm_keys_env_var ("openai"), ==, "OPENAI_API_KEY");
  g_assert_null (errata_llm_keys_env_var ("ollama"));
}

static void
test_keyring (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = unique_url ();
  g_autofree char *url_slash = g_strconcat (url, "/", NULL);
  g_autofree char *found = NULL;
  g_autofree char *after = NULL;
  ErrataLlmKeySource source;
  Wait wait = { NULL };

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No D-Bus session bus, so no Secret Service");
      return;
    }

  _errata_llm_keys_store_in_async (SECRET_COLLECTION_SESSION, "openai", url, "sk-in-keyring",
                                   cancellable, on_done, &wait);
  if (!errata_llm_keys_store_finish (wait_result (&wait, cancellable), &error))
    {
      g_autofree char *why = g_strdup_printf ("No usable Secret Service: %s", error->message);

      g_clear_object (&wait.result);
      g_test_skip (why);
      return;
    }
  g_clear_object (&wait.result);

  /* The keyring wins over the environment; a trailing slash is the same URL. */
  g_setenv ("OPENAI_API_KEY", "sk-openai-from-env", TRUE);
  found = lookup ("openai", url_slash, &source);
  g_assert_cmpstr (found, ==, "sk-in-keyring");
  g_assert_cmpint (source, ==, ERRATA_LLM_KEY_SOURCE_KEYRING);

  errata_llm_keys_clear_async ("openai", url, cancellable, on_done, &wait);
  g_assert_true (errata_llm_keys_clear_finish (wait_result (&wait, cancellable), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  after = lookup ("openai", url, &source);
  g_assert_cmpstr (after, ==, "sk-openai-from-env");
  g_assert_cmpint (source, ==, ERRATA_LLM_KEY_SOURCE_ENVIRONMENT);
  g_unsetenv ("OPENAI_API_KEY");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/llm/keys/environment-fallback", test_environment_fallback);
  g_test_add_func ("/llm/keys/keyring", test_keyring);

  return g_test_run ();
}
