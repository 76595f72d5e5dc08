/* test-synth-secrets.c: a target's credentials come from the keyring by
 * name ("{{secret.NAME}}", "api_key_secret"), reach the system under test,
 * and never the project file; a missing secret fails every call with a
 * message that says how to set it; "{{env.NAME}}" still serves CI.
 *
 * The keyring cases run against a private gnome-keyring
 * (tests/core/llm/run-with-keyring.sh) and skip, as test-llm-keys does,
 * when no Secret Service can be reached.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "errata-mock-llm-server.h"
#include "errata-synth-secrets.h"
#include "errata-test-sut.h"
#include "synth-test-helpers.h"

#define HEADER_SECRET "tok-SECRET-7f3a9c21e0"
#define CHAT_SECRET   "sk-SECRET-chat-55d0b7e4"

/* Stores `value` under `name` in the session collection (never prompts);
 * FALSE, with the test skipped, when there is no usable Secret Service. */
static gboolean
store_or_skip (const char *name,
               const char *value)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No D-Bus session bus, so no Secret Service");
      return FALSE;
    }
  _errata_synth_secret_store_in_async (SECRET_COLLECTION_SESSION, name, value, NULL,
                                       errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  if (!errata_synth_secret_store_finish (result, &error))
    {
      g_autofree char *why = g_strdup_printf ("No usable Secret Service: %s", error->message);

      g_test_skip (why);
      return FALSE;
    }
  return TRUE;
}

static void
clear_secret (const char *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  errata_synth_secret_clear_async (name, NULL, errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  g_assert_true (errata_synth_secret_clear_finish (result, &error));
  g_assert_no_error (error);
}

/* No file in `dir` (the project, its journal, its backups) holds `secret`. */
static void
assert_not_in_files (const char *dir,
                     const char *secret)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *bytes = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &bytes, &len, NULL))
        continue;
      n_files++;
      g_assert_null (memmem (bytes, len, secret, strlen (secret)));
    }
  g_assert_cmpuint (n_files, >, 0);
}

static gboolean
file_holds (const char *dir,
            const char *text)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *bytes = NULL;
      gsize len = 0;

      if (g_file_get_contents (path, &bytes, &len, NULL)
          && memmem (bytes, len, text, strlen (text)) != NULL)
        return TRUE;
    }
  return FALSE;
}

static char *
header_target_json (ErrataTestSut *sut,
                    const char    *authorization)
{
  return g_strdup_printf ("{\"kind\": \"http\", \"url\": \"%s\","
                          " \"headers\": {\"Authorization\": \"%s\"},"
                          " \"body\": {\"query\": \"{{query}}\"},"
                          " \"reply_pointer\": \"/answer\", \"concurrency\": 2}",
                          errata_test_sut_get_url (sut), authorization);
}

/* Stores the target in the project as the page and the CLI do, runs it,
 * and closes the project so that every byte is on disk. */
static void
run_stored_target (char                 **dir,
                   const char            *json,
                   ErrataSynthRunResult  *result,
                   GError               **error)
{
  g_autoptr(ErrataProject) project = errata_test_new_project (dir);
  g_autofree char *id = errata_project_get_meta (project, "project_id");
  g_autoptr(ErrataSynthTarget) written = synth_test_target (json, id);
  g_autoptr(ErrataSynthTarget) target = NULL;
  g_autoptr(GError) local = NULL;
  SynthRunWait wait = { 0 };

  synth_test_fill (project, NULL, NULL);
  g_assert_true (errata_synth_target_store (written, project, &local));
  g_assert_no_error (local);
  target = errata_synth_target_load (project, &local);
  g_assert_no_error (local);
  errata_synth_target_set_retry_delays (target, 10, 50);
  synth_test_run (project, target, &wait, NULL, result, error);
}

static void
test_header_secret (void)
{
  const char *name = "errata-test-sut-token";
  g_autoptr(ErrataTestSut) sut = errata_test_sut_new (0, NULL);
  g_autofree char *json = header_target_json (sut, "Bearer {{secret.errata-test-sut-token}}");
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  ErrataSynthRunResult result;

  if (!store_or_skip (name, HEADER_SECRET))
    return;
  run_stored_target (&dir, json, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_traces, ==, 12);
  g_assert_cmpuint (result.n_failed, ==, 0);
  /* The system got the secret; the project holds its name only. */
  g_assert_cmpstr (errata_test_sut_get_last_authorization (sut), ==, "Bearer " HEADER_SECRET);
  assert_not_in_files (dir, HEADER_SECRET);
  g_assert_true (file_holds (dir, "{{secret.errata-test-sut-token}}"));
  clear_secret (name);
  errata_test_remove_tree (dir);
}

static void
test_chat_key_secret (void)
{
  const char *name = "errata-test-chat-key";
  g_autoptr(ErrataMockLlmServer) server = errata_mock_llm_server_new (0, NULL);
  g_autofree char *base = errata_mock_llm_server_dup_base_url (server, FALSE);
  g_autofree char *json = g_strdup_printf ("{\"kind\": \"chat\", \"base_url\": \"%s\","
                                           " \"model\": \"estate-bot\", \"api_key_secret\": \"%s\"}",
                                           base, name);
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  ErrataSynthRunResult result;

  if (!store_or_skip (name, CHAT_SECRET))
    return;
  run_stored_target (&dir, json, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_traces, ==, 12);
  g_assert_cmpstr (errata_mock_llm_server_get_last_api_key (server), ==, CHAT_SECRET);
  assert_not_in_files (dir, CHAT_SECRET);
  clear_secret (name);
  errata_test_remove_tree (dir);
}

/* Without the secret, every call fails, with a message that names it and
 * says how to set it; nothing reaches the system. Runs with or without a
 * keyring: both say so. */
static void
test_missing_secret (void)
{
  g_autoptr(ErrataTestSut) sut = errata_test_sut_new (0, NULL);
  g_autofree char *json = header_target_json (sut, "Bearer {{secret.errata-test-never-set-4c1e}}");
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  ErrataSynthRunResult result;

  run_stored_target (&dir, json, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_traces, ==, 0);
  g_assert_cmpuint (result.n_failed, ==, 12);
  g_assert_cmpuint (errata_test_sut_get_n_requests (sut), ==, 0);
  {
    g_autofree char *path = g_build_filename (dir, "test.errata", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
    g_assert_no_error (error);
  }
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  for (guint i = 0; i < queries->len; i++)
    {
      ErrataSynthQuery *query = g_ptr_array_index (queries, i);

      g_assert_nonnull (strstr (query->error, "“errata-test-never-set-4c1e”"));
      g_assert_nonnull (strstr (query->error, "keyring"));
    }
  errata_test_remove_tree (dir);
}

static void
test_bad_name_and_env (void)
{
  g_autoptr(ErrataTestSut) sut = errata_test_sut_new (0, NULL);
  g_autofree char *bad = header_target_json (sut, "Bearer {{secret.two words}}");
  g_autofree char *env = header_target_json (sut, "Bearer {{env.ERRATA_TEST_SYNTH_TOKEN}}");
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  ErrataSynthRunResult result;

  g_assert_null (errata_synth_target_new_from_text (bad, "p", &error));
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“headers”"));
  g_assert_nonnull (strstr (error->message, "two words"));
  g_clear_error (&error);

  /* CI, without a keyring: the environment. */
  g_setenv ("ERRATA_TEST_SYNTH_TOKEN", "ci-token-1", TRUE);
  run_stored_target (&dir, env, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_traces, ==, 12);
  g_assert_cmpstr (errata_test_sut_get_last_authorization (sut), ==, "Bearer ci-token-1");
  g_unsetenv ("ERRATA_TEST_SYNTH_TOKEN");
  errata_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/synth/secrets/header", test_header_secret);
  g_test_add_func ("/synth/secrets/chat-key", test_chat_key_secret);
  g_test_add_func ("/synth/secrets/missing", test_missing_secret);
  g_test_add_func ("/synth/secrets/bad-name-and-env", test_bad_name_and_env);
  return g_test_run ();
}
