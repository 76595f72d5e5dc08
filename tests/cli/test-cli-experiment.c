/* test-cli-experiment.c: `errata-cli experiment …` as a user would run it
 * in CI, against the test HTTP system as a program: a baseline (v1, which
 * forgets the order number on refunds) and a candidate (v2, which answers
 * shipping questions in German), two code checks; the gate's exit codes;
 * a variant run killed with SIGKILL in the middle and resumed, with no
 * reply missing and none twice.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "cli-test-utils.h"
#include "errata-test-utils.h"

#define N_EACH 10   /* refund queries, and as many shipping ones */

typedef struct
{
  char        *dir;
  char        *project;
  GSubprocess *sut;
  char        *url;
} Fixture;

/* The server dies with the test, even one that fails an assertion
 * (abort() runs no teardown), as in test-cli-synth. */
static void
die_with_parent (gpointer data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static void
start_sut (Fixture    *fixture,
           const char *latency)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "core", "synth", "errata-test-sut",
                                                 NULL);
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  fixture->sut = g_subprocess_launcher_spawn (launcher, &error, path, "--latency-ms", latency,
                                              NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fixture->sut));
  fixture->url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->url);
  g_strstrip (fixture->url);
}

static char *
write_in (Fixture    *fixture,
          const char *name,
          const char *text)
{
  return errata_test_write_file (fixture->dir, name, text, -1);
}

static void
expect (int         status,
        const char *first,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(CliResult) r = { 0 };
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  r = cli_run_args ("experiment", (const char * const *)args->pdata);
  if (r.status != status)
    g_printerr ("stdout: %s\nstderr: %s\n", r.out, r.err);
  g_assert_cmpint (r.status, ==, status);
}

/* g_test's isolated dirs are this process's only: errata-cli gets them
 * through the environment. */
static void
share_isolated_dirs (void)
{
  g_setenv ("XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_setenv ("XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_setenv ("XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GString) queries = g_string_new (NULL);
  g_autofree char *queries_path = NULL;
  g_autofree char *source = NULL;
  g_autofree char *v1 = NULL;
  g_autofree char *v1_path = NULL, *v2_path = NULL, *cites = NULL, *language = NULL;

  share_isolated_dirs ();
  fixture->dir = errata_test_make_tmpdir ();
  fixture->project = g_build_filename (fixture->dir, "app.errata", NULL);
  start_sut (fixture, data != NULL ? data : "0");
  for (guint i = 0; i < N_EACH; i++)
    g_string_append_printf (queries, "Where is my refund for order %u?\n"
                                     "What is the shipping date of order %u?\n",
                            1000 + i, 2000 + i);
  queries_path = write_in (fixture, "queries.txt", queries->str);
  /* One call at a time: a kill lands in the middle. */
  v1 = g_strdup_printf ("{\"kind\": \"http\", \"url\": \"%s\", \"concurrency\": 1,"
                        " \"body\": {\"query\": \"{{query}}\", \"version\": \"v1\"},"
                        " \"reply_pointer\": \"/answer\", \"messages_pointer\": \"/messages\"}",
                        fixture->url);
  v1_path = write_in (fixture, "v1.json", v1);
  v2_path = write_in (fixture, "v2.json", "{\"body\": {\"query\": \"{{query}}\", \"version\": \"v2\"}}");
  cites = write_in (fixture, "cites.json",
                    "{\"name\": \"cites-order\", \"target\": \"overall\", \"kind\": \"regex\","
                    " \"definition\": {\"field\": \"output\", \"pattern\": \"[0-9]{3,}\"}}");
  language = write_in (fixture, "language.json",
                       "{\"name\": \"language\", \"target\": \"overall\", \"kind\": \"contains\","
                       " \"definition\": {\"words\": [\"Bestellung\", \"Ihr\"], \"mode\": \"none\"}}");
  {
    g_auto(CliResult) r = cli_run ("new", fixture->project, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  for (guint i = 0; i < 2; i++)
    {
      g_auto(CliResult) imported = cli_run ("eval", "import", fixture->project,
                                            i == 0 ? cites : language, NULL);
      g_auto(CliResult) finalized = cli_run ("eval", "finalize", fixture->project,
                                             i == 0 ? "cites-order" : "language", NULL);

      g_assert_cmpint (imported.status, ==, 0);
      g_assert_cmpint (finalized.status, ==, 0);
    }
  source = g_strconcat ("file:", queries_path, NULL);
  expect (0, "new", fixture->project, "support", "--queries", source, NULL);
  expect (0, "variant", fixture->project, "support", "v1", "--target", v1_path, NULL);
  expect (0, "variant", fixture->project, "support", "v2", "--from", "v1", "--target", v2_path,
          NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_subprocess_send_signal (fixture->sut, SIGTERM);
  g_subprocess_wait (fixture->sut, NULL, NULL);
  g_clear_object (&fixture->sut);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->project);
  g_free (fixture->url);
}

static JsonObject *
compare_json (Fixture *fixture)
{
  g_auto(CliResult) r = cli_run ("experiment", "compare", fixture->project, "support", "v1", "v2",
                                 "--json", "--draws", "2000", NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (r.status, ==, 0);
  node = json_from_string (r.out, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

static JsonObject *
row (JsonObject *comparison,
     const char *mode)
{
  JsonObject *candidate = json_array_get_object_element (
      json_object_get_array_member (comparison, "candidates"), 0);
  JsonArray *rows = json_object_get_array_member (candidate, "rows");

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_str_equal (json_object_get_string_member (row, "mode"), mode))
        return row;
    }
  g_assert_not_reached ();
}

/* The user's way through: run both, compare, gate. */
static void
test_gate (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(JsonObject) comparison = NULL;
  JsonObject *cites, *language;

  expect (0, "run", fixture->project, "support", "v1", NULL);
  expect (0, "run", fixture->project, "support", "v2", NULL);
  comparison = compare_json (fixture);
  cites = row (comparison, "cites-order");
  language = row (comparison, "language");
  g_assert_cmpstr (json_object_get_string_member (cites, "direction"), ==, "better");
  g_assert_cmpstr (json_object_get_string_member (language, "direction"), ==, "worse");
  g_assert_true (json_object_get_boolean_member (language, "significant"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (language,
                                                                         "pass_to_fail")), ==,
                    N_EACH);
  /* 10 discordant pairs, all one way: 2 / 1024. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (language, "p_value"),
                                  2.0 / 1024, 1e-9);

  {
    g_auto(CliResult) r = cli_run ("experiment", "compare", fixture->project, "support", "v1",
                                   "v2", "--fail-on-regression", "any", NULL);

    g_assert_cmpint (r.status, ==, 1);
    cli_assert_contains (r.err, "Regression: “language” got significantly worse");
    g_assert_null (strstr (r.err, "cites-order"));
    cli_assert_contains (r.out, "cites-order");
  }
  expect (0, "compare", fixture->project, "support", "v1", "v2", "--fail-on-regression",
          "cites-order", NULL);
  expect (1, "compare", fixture->project, "support", "v1", "v2", "--fail-on-regression",
          "language", NULL);
  /* The other way round, v1 broke citing: the gate names it. */
  expect (1, "compare", fixture->project, "support", "v2", "v1", "--fail-on-regression",
          "cites-order", NULL);
  /* At a level no 10-pair table can reach (2/1024 ≈ 0.002), nothing is significant. */
  expect (0, "compare", fixture->project, "support", "v1", "v2", "--fail-on-regression", "any",
          "--alpha", "0.001", NULL);
  /* Usage: a mode that is not a row, a bad alpha, an unknown variant. */
  expect (2, "compare", fixture->project, "support", "v1", "v2", "--fail-on-regression", "tone",
          NULL);
  expect (2, "compare", fixture->project, "support", "v1", "v2", "--alpha", "5", NULL);
  expect (2, "compare", fixture->project, "support", "v1", "v3", NULL);
  expect (2, "compare", fixture->project, "support", "v1", "v1", NULL);
}

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_open_v2 (fixture->project, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static gboolean
has_some_replies (gpointer data)
{
  return count (data, "SELECT count (*) FROM experiment_replies") >= 3;
}

/* kill -9 in the middle of a variant: what was committed stays; running
 * again sends only the missing pairs; no reply twice, none missing. */
static void
test_kill_and_resume (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *cli_path = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "errata-cli",
                                                     NULL);
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, cli_path, "experiment", "run",
                                         fixture->project, "support", "v1", NULL);
  g_assert_no_error (error);
  errata_test_wait_until (has_some_replies, fixture, 60);
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  before = count (fixture, "SELECT count (*) FROM experiment_replies WHERE trace_id IS NOT NULL");
  g_assert_cmpint (before, >=, 3);
  g_assert_cmpint (before, <, 2 * N_EACH);

  {
    g_auto(CliResult) r = cli_run ("experiment", "run", fixture->project, "support", "v1",
                                   "--json", NULL);
    g_autoptr(JsonNode) node = json_from_string (r.out, NULL);
    JsonObject *result = json_node_get_object (node);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpint (json_object_get_int_member (result, "replies_before"), ==, before);
    g_assert_cmpint (json_object_get_int_member (result, "sent"), ==, 2 * N_EACH - before);
  }
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM experiment_replies"
                                   " WHERE trace_id IS NOT NULL"), ==, 2 * N_EACH);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM traces WHERE source = 'experiment'"),
                   ==, 2 * N_EACH);
  g_assert_cmpint (count (fixture, "SELECT count (DISTINCT query_id) FROM experiment_replies"),
                   ==, 2 * N_EACH);
  /* Every reply judged by both checks (the killed run may have judged none). */
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM verdicts v JOIN experiment_scores s"
                                   " ON s.run_id = v.run_id"), ==, 2 * 2 * N_EACH);
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  expect (2, "new", fixture->project, "other", NULL);
  expect (2, "new", fixture->project, "support", "--queries", "synthetic", NULL);
  expect (2, "new", fixture->project, "other", "--queries", "mode:nothing", NULL);
  expect (2, "variant", fixture->project, "support", "v3", "--from", "v9", NULL);
  expect (2, "run", fixture->project, "support", "v9", NULL);
  expect (2, "bogus", NULL);
  expect (0, "list", fixture->project, NULL);
  expect (0, "list", fixture->project, "support", "--json", NULL);
}

int
main (int    argc,
      char **argv)
{
  /* The isolated dirs hide the GSettings schemas that GIO's default
   * proxy resolver reads; every server here is on loopback (as in
   * test-cli-synth). */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/experiment/gate", Fixture, NULL, fixture_set_up, test_gate,
              fixture_tear_down);
  /* 100 ms per reply, one at a time: about 2 s for the variant. */
  g_test_add ("/cli/experiment/kill-and-resume", Fixture, "100", fixture_set_up,
              test_kill_and_resume, fixture_tear_down);
  g_test_add ("/cli/experiment/usage", Fixture, NULL, fixture_set_up, test_usage,
              fixture_tear_down);
  return g_test_run ();
}
