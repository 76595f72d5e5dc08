/* test-llm-cache.c: the reply cache, in a project file and in memory.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "errata-llm-cache.h"
#include "errata-llm-client.h"
#include "errata-mock-llm-server.h"
#include "errata-project.h"
#include "errata-project-private.h"
#include "llm-test-helpers.h"

typedef struct
{
  char  *dir;
  GFile *file;
} TempProject;

static ErrataProject *
temp_project_create (TempProject *temp)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ErrataProject *project;

  temp->dir = g_dir_make_tmp ("errata-llm-cache-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (temp->dir, "cache.errata", NULL);
  temp->file = g_file_new_for_path (path);
  project = errata_project_create (temp->file, &error);
  g_assert_no_error (error);
  return project;
}

static void
temp_project_remove (TempProject *temp)
{
  g_autoptr(GDir) dir = g_dir_open (temp->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (temp->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (temp->dir);
  g_free (temp->dir);
  g_object_unref (temp->file);
}

static ErrataLlmReply *
sample_reply (void)
{
  ErrataLlmReply *reply = errata_llm_reply_new ();

  reply->text = g_strdup ("{\"verdict\":\"fail\"}");
  reply->json = json_from_string (reply->text, NULL);
  reply->model = g_strdup ("mock-model");
  reply->finish_reason = g_strdup ("stop");
  reply->tokens_in = 120;
  reply->tokens_out = 7;
  reply->cost = 0.00125;
  reply->latency_ms = 900;
  return reply;
}

static void
check_round_trip (ErrataLlmCache *cache)
{
  g_autoptr(ErrataLlmReply) reply = sample_reply ();
  g_autoptr(ErrataLlmReply) found = NULL;
  g_autoptr(ErrataLlmReply) missing = NULL;
  g_autoptr(GError) error = NULL;

  missing = errata_llm_cache_lookup (cache, "0000", &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  g_assert_true (errata_llm_cache_store (cache, "abcd", reply, &error));
  g_assert_no_error (error);
  found = errata_llm_cache_lookup (cache, "abcd", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_true (found->cached);
  g_assert_cmpstr (found->text, ==, reply->text);
  g_assert_cmpstr (found->model, ==, "mock-model");
  g_assert_cmpstr (found->finish_reason, ==, "stop");
  g_assert_cmpint (found->tokens_in, ==, 120);
  g_assert_cmpint (found->tokens_out, ==, 7);
  g_assert_cmpfloat_with_epsilon (found->cost, 0.00125, 1e-12);
  g_assert_true (json_node_equal (found->json, reply->json));
  g_assert_cmpuint (errata_llm_cache_get_n_hits (cache), ==, 1);
}

static void
test_memory (void)
{
  g_autoptr(ErrataLlmCache) cache = errata_llm_cache_new_in_memory ();

  check_round_trip (cache);
}

static void
test_project (void)
{
  TempProject temp = { NULL };
  g_autoptr(ErrataProject) project = temp_project_create (&temp);
  g_autoptr(ErrataLlmCache) cache = errata_llm_cache_new_for_project (project);
  g_autoptr(ErrataProject) reopened = NULL;
  g_autoptr(ErrataProject) read_only = NULL;
  g_autoptr(ErrataLlmCache) again = NULL;
  g_autoptr(ErrataLlmCache) frozen = NULL;
  g_autoptr(ErrataLlmReply) found = NULL;
  g_autoptr(ErrataLlmReply) reply = sample_reply ();
  g_autoptr(GError) error = NULL;

  check_round_trip (cache);
  g_clear_object (&cache);
  errata_project_close (project);

  /* The reply outlives the session that stored it. */
  reopened = errata_project_open (temp.file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  again = errata_llm_cache_new_for_project (reopened);
  found = errata_llm_cache_lookup (again, "abcd", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (found->tokens_in, ==, 120);
  g_clear_object (&again);
  errata_project_close (reopened);

  read_only = errata_project_open (temp.file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  frozen = errata_llm_cache_new_for_project (read_only);
  g_assert_false (errata_llm_cache_store (frozen, "efgh", reply, &error));
  g_assert_nonnull (error);
  g_clear_object (&frozen);
  errata_project_close (read_only);

  temp_project_remove (&temp);
}

static gint64
count_rows (ErrataProject *project)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_errata_project_get_db (project),
                                       "SELECT count (*) FROM llm_cache", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Held replies wait in memory (and answer lookups) until written in the
 * caller's transaction; a rolled-back transaction loses them; the last
 * release writes what is left. */
static void
test_project_held (void)
{
  TempProject temp = { NULL };
  g_autoptr(ErrataProject) project = temp_project_create (&temp);
  g_autoptr(ErrataLlmCache) cache = errata_llm_cache_new_for_project (project);
  g_autoptr(ErrataLlmReply) reply = sample_reply ();
  g_autoptr(ErrataLlmReply) found = NULL;
  g_autoptr(GError) error = NULL;

  errata_llm_cache_hold (cache);
  errata_llm_cache_hold (cache);
  g_assert_true (errata_llm_cache_store (cache, "aaaa", reply, &error));
  g_assert_true (errata_llm_cache_store (cache, "bbbb", reply, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (project), ==, 0);
  found = errata_llm_cache_lookup (cache, "bbbb", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_true (found->cached);
  g_assert_cmpstr (found->text, ==, reply->text);

  /* Written in a transaction that is rolled back: gone, as the verdicts
   * they came with would be. */
  g_assert_true (errata_project_begin (project, &error));
  g_assert_true (errata_llm_cache_write_held (cache, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (project), ==, 2);
  errata_project_rollback (project);
  g_assert_cmpint (count_rows (project), ==, 0);

  g_assert_true (errata_llm_cache_store (cache, "cccc", reply, &error));
  g_assert_true (errata_project_begin (project, &error));
  g_assert_true (errata_llm_cache_write_held (cache, &error));
  g_assert_true (errata_project_commit (project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (project), ==, 1);

  /* The first release keeps holding; the last writes what is left. */
  g_assert_true (errata_llm_cache_store (cache, "dddd", reply, &error));
  g_assert_true (errata_llm_cache_release (cache, &error));
  g_assert_cmpint (count_rows (project), ==, 1);
  g_assert_true (errata_llm_cache_release (cache, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (project), ==, 2);

  /* No longer held: a store is written at once. */
  g_assert_true (errata_llm_cache_store (cache, "eeee", reply, &error));
  g_assert_cmpint (count_rows (project), ==, 3);

  g_clear_object (&cache);
  errata_project_close (project);
  temp_project_remove (&temp);
}

static void
test_client_uses_project_cache (void)
{
  TempProject temp = { NULL };
  g_autoptr(ErrataProject) project = temp_project_create (&temp);
  g_autoptr(ErrataLlmCache) cache = errata_llm_cache_new_for_project (project);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataMockLlmServer) server = errata_mock_llm_server_new (0, &error);
  g_autoptr(ErrataLlmProvider) provider = llm_test_provider (server, ERRATA_LLM_KIND_ANTHROPIC);
  g_autoptr(ErrataLlmClient) client = errata_llm_client_new (provider);
  g_autoptr(ErrataLlmClient) second_client = NULL;
  g_autoptr(ErrataLlmRequest) request = llm_test_request ("Is this trace a failure?");
  g_autoptr(LlmBatch) first = NULL;
  g_autoptr(LlmBatch) repeat = NULL;

  g_assert_no_error (error);
  errata_llm_client_set_cache (client, cache);
  first = llm_batch_run (client, request, 1);
  g_assert_no_error (first->errors[0]);

  /* A new client (another run) with another key gets the same reply. */
  errata_llm_provider_set_api_key (provider, "another-key");
  second_client = errata_llm_client_new (provider);
  errata_llm_client_set_cache (second_client, cache);
  repeat = llm_batch_run (second_client, request, 3);

  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, 1);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_no_error (repeat->errors[i]);
      g_assert_true (repeat->replies[i]->cached);
      g_assert_cmpstr (repeat->replies[i]->text, ==, first->replies[0]->text);
    }

  g_clear_object (&cache);
  g_clear_object (&client);
  g_clear_object (&second_client);
  errata_project_close (project);
  temp_project_remove (&temp);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/llm/cache/memory", test_memory);
  g_test_add_func ("/llm/cache/project", test_project);
  g_test_add_func ("/llm/cache/project-held", test_project_held);
  g_test_add_func ("/llm/cache/client", test_client_uses_project_cache);

  return g_test_run ();
}
