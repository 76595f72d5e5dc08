/* test-cli-eval.c: a new user's way through measuring with errata-cli:
 * label, split, a code evaluator, dev, metrics recomputed from the
 * verdicts, finalize, one look at test, estimate as a CI gate; a run
 * killed with SIGKILL and resumed; a mailed project's command refused
 * until trusted.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "errata-test-utils.h"
#include "cli-test-utils.h"

#define N_TRACES 80
#define N_LABELLED 60

typedef struct
{
  char *dir;
  char *project;
  char *config;   /* XDG_CONFIG_HOME of the CLI: where trust is kept */
} Fixture;

static GSubprocessLauncher *
launcher_for (Fixture *fixture)
{
  GSubprocessLauncher *launcher =
    cli_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", fixture->config, TRUE);
  return launcher;
}

static GSubprocess *
spawn_cli (Fixture            *fixture,
           const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_for (fixture);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "errata-cli",
                                                NULL));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

static CliResult
cli (Fixture    *fixture,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  CliResult result = { 0 };
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  process = spawn_cli (fixture, (const char * const *)args->pdata);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result.out, &result.err, &error);
  g_assert_no_error (error);
  result.status = g_subprocess_get_exit_status (process);
  if (g_test_verbose ())
    g_printerr ("%s%s", result.out, result.err);
  return result;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* r0 … r79. Every fifth output promises a refund; the humans fail those,
 * and also r3 and r6 (which a regex cannot see) and pass r10 (a refund
 * promise that was right), so the check is good, not perfect. */
static gboolean
promises_refund (guint i)
{
  return i % 5 == 0;
}

static gboolean
human_fails (guint i)
{
  return (promises_refund (i) && i != 10) || i == 3 || i == 6;
}

static void
write_project_files (Fixture *fixture)
{
  g_autoptr(GString) traces = g_string_new (NULL);
  g_autoptr(GString) labels = g_string_new ("id,label\n");
  g_autofree char *traces_path = NULL;
  g_autofree char *labels_path = NULL;
  g_autofree char *regex_path = NULL;
  g_autofree char *command_path = NULL;
  g_autofree char *script = NULL;
  g_autofree char *command_json = NULL;

  for (guint i = 0; i < N_TRACES; i++)
    {
      g_string_append_printf (traces, "{\"id\": \"r%u\", \"messages\": ["
                              "{\"role\": \"user\", \"content\": \"Order %u is late.\"},"
                              "{\"role\": \"assistant\", \"content\": \"%s\"}]}\n", i, i,
                              promises_refund (i) ? "We will refund you in full."
                                                  : "It ships tomorrow.");
      if (i < N_LABELLED)
        g_string_append_printf (labels, "r%u,%s\n", i, human_fails (i) ? "fail" : "pass");
    }
  traces_path = errata_test_write_file (fixture->dir, "traces.jsonl", traces->str, traces->len);
  labels_path = errata_test_write_file (fixture->dir, "labels.csv", labels->str, labels->len);
  regex_path = errata_test_write_file (fixture->dir, "refunds.json",
                                       "{\"name\": \"No refunds\", \"target\": \"overall\","
                                       " \"kind\": \"regex\", \"definition\": {\"field\": \"output\","
                                       " \"pattern\": \"refund\", \"match\": \"fail\"}}", -1);
  script = errata_test_write_file (fixture->dir, "slow-check.sh",
                                   "#!/bin/sh\ncat > /dev/null\nsleep 0.1\nexit 0\n", -1);
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  command_json = g_strdup_printf ("{\"name\": \"Slow\", \"target\": \"overall\","
                                  " \"kind\": \"command\", \"definition\": {\"command\": [\"%s\"],"
                                  " \"concurrency\": 1}}", script);
  command_path = errata_test_write_file (fixture->dir, "slow.json", command_json, -1);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *traces = NULL;
  g_auto(CliResult) r = { 0 };

  fixture->dir = errata_test_make_tmpdir ();
  fixture->project = g_build_filename (fixture->dir, "p.errata", NULL);
  fixture->config = g_build_filename (fixture->dir, "config", NULL);
  write_project_files (fixture);
  traces = g_build_filename (fixture->dir, "traces.jsonl", NULL);
  r = cli (fixture, "new", fixture->project, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  r = cli (fixture, "import", fixture->project, traces, NULL);
  g_assert_cmpint (r.status, ==, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->project);
  g_free (fixture->config);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
label_and_import_regex (Fixture *fixture)
{
  g_autofree char *labels = path_in (fixture, "labels.csv");
  g_autofree char *regex = path_in (fixture, "refunds.json");
  g_auto(CliResult) r = { 0 };

  r = cli (fixture, "label", fixture->project, "--target", "overall", "--file", labels, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  r = cli (fixture, "eval", "import", fixture->project, regex, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Created evaluator “No refunds” (version 1)"));
}

/* Recomputes the confusion matrix from `eval verdicts` (CSV: id, source,
 * split, human, verdict, reasoning, error). */
static void
confusion_from_verdicts (const char *csv,
                         gint64      counts[4])
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);

  memset (counts, 0, 4 * sizeof (gint64));
  g_assert_cmpstr (lines[0], ==, "id,source,split,human,verdict,reasoning,error");
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", 6);
      gboolean human_pass = g_str_equal (fields[3], "pass");
      gboolean judge_pass = g_str_equal (fields[4], "pass");

      g_assert_true (g_str_equal (fields[3], "pass") || g_str_equal (fields[3], "fail"));
      counts[(human_pass ? 0 : 2) + (judge_pass ? 0 : 1)]++;  /* tp, fn, fp, tn */
    }
}

static void
test_measure (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(JsonObject) split = NULL;
  g_autoptr(JsonObject) metrics = NULL;
  g_autoptr(JsonObject) estimate = NULL;
  g_auto(CliResult) r = { 0 };
  gint64 counts[4];
  double tpr, tnr, p_obs, theta;

  label_and_import_regex (fixture);

  r = cli (fixture, "split", fixture->project, "--target", "overall", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  split = parse_object (r.out);
  cli_result_clear (&r);

  /* The train traces, to pick few-shot examples from. */
  r = cli (fixture, "split", fixture->project, "--target", "overall", "--list", "train", "--json",
           NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonNode) list = json_from_string (r.out, NULL);
    JsonObject *train = json_object_get_object_member (json_object_get_object_member (split,
                                                                                      "splits"),
                                                       "train");

    g_assert_true (JSON_NODE_HOLDS_ARRAY (list));
    g_assert_cmpint (json_array_get_length (json_node_get_array (list)), ==,
                     json_object_get_int_member (train, "pass")
                     + json_object_get_int_member (train, "fail"));
  }
  cli_result_clear (&r);

  r = cli (fixture, "eval", "run", fixture->project, "No refunds", "--on", "dev", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, ": done"));
  cli_result_clear (&r);

  /* Anyone can recompute the metrics from the verdicts. */
  r = cli (fixture, "eval", "verdicts", fixture->project, "No refunds", "--on", "dev", NULL);
  g_assert_cmpint (r.status, ==, 0);
  confusion_from_verdicts (r.out, counts);
  cli_result_clear (&r);
  r = cli (fixture, "eval", "metrics", fixture->project, "No refunds", "--on", "dev", "--json",
           NULL);
  g_assert_cmpint (r.status, ==, 0);
  metrics = parse_object (r.out);
  g_assert_cmpint (json_object_get_int_member (metrics, "tp"), ==, counts[0]);
  g_assert_cmpint (json_object_get_int_member (metrics, "fn"), ==, counts[1]);
  g_assert_cmpint (json_object_get_int_member (metrics, "fp"), ==, counts[2]);
  g_assert_cmpint (json_object_get_int_member (metrics, "tn"), ==, counts[3]);
  g_assert_cmpint (counts[0] + counts[1] + counts[2] + counts[3], >, 15);
  cli_result_clear (&r);

  /* A code check never changes its mind: 3 repeats, nothing unstable. */
  r = cli (fixture, "eval", "run", fixture->project, "No refunds", "--on", "dev", "--repeat", "3",
           "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonObject) repeat = parse_object (r.out);
    JsonObject *flakiness = json_object_get_object_member (repeat, "flakiness");

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (repeat, "runs")), ==, 3);
    g_assert_cmpint (json_object_get_int_member (flakiness, "repeats"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (flakiness, "changed"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (flakiness, "compared"), >, 15);
  }
  cli_result_clear (&r);

  /* Test: finalized first, then once. */
  r = cli (fixture, "eval", "run", fixture->project, "No refunds", "--on", "test", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "not finalized"));
  cli_result_clear (&r);
  r = cli (fixture, "eval", "finalize", fixture->project, "No refunds", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  r = cli (fixture, "eval", "run", fixture->project, "No refunds", "--on", "test", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  r = cli (fixture, "eval", "run", fixture->project, "No refunds", "--on", "test", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "already run on the test split (1 look)"));
  cli_result_clear (&r);
  r = cli (fixture, "eval", "run", fixture->project, "No refunds", "--on", "test", "--force-test",
           NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--force-test needs --reason"));
  cli_result_clear (&r);
  r = cli (fixture, "eval", "run", fixture->project, "No refunds", "--on", "test", "--force-test",
           "--reason", "two labels corrected", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  r = cli (fixture, "eval", "run", fixture->project, "No refunds", "--on", "test", "--repeat",
           "3", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "looked at once"));
  cli_result_clear (&r);
  r = cli (fixture, "eval", "list", fixture->project, NULL);
  g_assert_nonnull (strstr (r.out, "2 looks at test"));
  g_assert_nonnull (strstr (r.out, "two labels corrected"));
  cli_result_clear (&r);

  /* The estimate on the unlabelled traces, and its gate. */
  r = cli (fixture, "estimate", fixture->project, "No refunds", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "has not been run on the unlabeled traces"));
  cli_result_clear (&r);
  r = cli (fixture, "eval", "run", fixture->project, "No refunds", "--on", "unlabeled", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "of 20 traces judged"));
  cli_result_clear (&r);
  r = cli (fixture, "estimate", fixture->project, "No refunds", "--json", "--min-pass-rate",
           "0.99", NULL);
  g_assert_cmpint (r.status, ==, 1);
  estimate = parse_object (r.out);
  tpr = json_object_get_double_member (json_object_get_object_member (estimate, "tpr"), "value");
  tnr = json_object_get_double_member (json_object_get_object_member (estimate, "tnr"), "value");
  p_obs = json_object_get_double_member (json_object_get_object_member (estimate,
                                                                        "observed_pass_rate"),
                                         "value");
  /* 16 of the 20 unlabelled traces (r60 … r79) do not promise a refund. */
  g_assert_cmpfloat_with_epsilon (p_obs, 16.0 / 20.0, 1e-12);
  theta = CLAMP ((p_obs + tnr - 1) / (tpr + tnr - 1), 0, 1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (
                                    json_object_get_object_member (estimate, "pass_rate"),
                                    "value"), theta, 1e-12);
  g_assert_false (json_object_get_boolean_member (estimate, "gate_passed"));
  cli_result_clear (&r);
  r = cli (fixture, "estimate", fixture->project, "No refunds", "--min-pass-rate", "0.5", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Gate passed"));
}

static gint64
count_verdicts (Fixture *fixture)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_open_v2 (fixture->project, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (db, "SELECT count (*) FROM verdicts", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

typedef struct
{
  Fixture *fixture;
  gint64   at_least;
} VerdictsAtLeast;

static gboolean
has_verdicts (gpointer data)
{
  VerdictsAtLeast *wait = data;

  return count_verdicts (wait->fixture) >= wait->at_least;
}

/* kill -9 in the middle of a run: what was committed stays, the run reads
 * as interrupted, and --resume judges only what is missing. */
static void
test_kill_and_resume (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *slow = path_in (fixture, "slow.json");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(JsonObject) metrics = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliResult) r = { 0 };
  g_autofree char *run = NULL;
  g_autofree char *judging = NULL;
  VerdictsAtLeast wait = { fixture, 3 };
  const char *args[] = { "eval", "run", fixture->project, "Slow", "--on", "all", "--trust", NULL };
  gint64 before;

  r = cli (fixture, "eval", "import", fixture->project, slow, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);

  process = spawn_cli (fixture, args);
  errata_test_wait_until (has_verdicts, &wait, 60);
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  before = count_verdicts (fixture);
  g_assert_cmpint (before, <, N_TRACES);

  r = cli (fixture, "eval", "metrics", fixture->project, "Slow", "--on", "all", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  metrics = parse_object (r.out);
  g_assert_cmpstr (json_object_get_string_member (metrics, "status"), ==, "interrupted");
  g_assert_cmpint (json_object_get_int_member (metrics, "missing"), ==, N_TRACES - before);
  cli_result_clear (&r);

  run = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (metrics, "run"));
  judging = g_strdup_printf ("Judging %" G_GINT64_FORMAT " traces", N_TRACES - before);
  r = cli (fixture, "eval", "run", fixture->project, "Slow", "--resume", run, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, judging));
  g_assert_cmpint (count_verdicts (fixture), ==, N_TRACES);
}

/* A project mailed from elsewhere: its command does not run on this
 * machine until trusted, and a changed command asks again. */
static void
test_mailed_command (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *slow = path_in (fixture, "slow.json");
  g_autofree char *other_config = path_in (fixture, "colleague-config");
  g_auto(CliResult) r = { 0 };

  r = cli (fixture, "eval", "import", fixture->project, slow, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "once you trust it"));
  cli_result_clear (&r);
  r = cli (fixture, "eval", "run", fixture->project, "Slow", "--on", "ids", "--ids", slow, NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_result_clear (&r);

  /* A definition file may come from anyone: its command runs only once
   * trusted, here too; a trace named twice is judged once. */
  {
    g_autofree char *ids = errata_test_write_file (fixture->dir, "ids.txt", "r1\nr2\nr2\n", -1);

    r = cli (fixture, "eval", "run", fixture->project, "Slow", "--on", "ids", "--ids", ids, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "not trusted on this machine"));
    cli_result_clear (&r);
    r = cli (fixture, "eval", "run", fixture->project, "Slow", "--on", "ids", "--ids", ids,
             "--trust", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "2 of 2 traces judged"));
    cli_result_clear (&r);
    r = cli (fixture, "eval", "run", fixture->project, "Slow", "--on", "ids", "--ids", ids, NULL);
    g_assert_cmpint (r.status, ==, 0);
    cli_result_clear (&r);

    /* The colleague's machine: another trust file. */
    g_free (fixture->config);
    fixture->config = g_steal_pointer (&other_config);
    r = cli (fixture, "eval", "run", fixture->project, "Slow", "--on", "ids", "--ids", ids, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "slow-check.sh"));
    g_assert_nonnull (strstr (r.err, "--trust"));
    cli_result_clear (&r);
    r = cli (fixture, "eval", "run", fixture->project, "Slow", "--on", "ids", "--ids", ids,
             "--trust", NULL);
    g_assert_cmpint (r.status, ==, 0);
    cli_result_clear (&r);
    r = cli (fixture, "eval", "run", fixture->project, "Slow", "--on", "ids", "--ids", ids, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(CliResult) r = { 0 };

  r = cli (fixture, "eval", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "finalize"));
  cli_result_clear (&r);
  r = cli (fixture, "eval", "run", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--max-cost"));
  cli_result_clear (&r);
  r = cli (fixture, "eval", "run", fixture->project, "Nobody", "--on", "dev", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "no evaluator named “Nobody”"));
  cli_result_clear (&r);
  r = cli (fixture, "eval", "run", fixture->project, "Nobody", "--on", "tomorrow", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--on takes"));
  cli_result_clear (&r);
  r = cli (fixture, "eval", "run", fixture->project, "Nobody", "--on", "dev", "--max-cost", "lots",
           NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--max-cost takes"));
  cli_result_clear (&r);
  r = cli (fixture, "eval", "run", fixture->project, "Nobody", "--resume", "1", "--repeat", "2",
           NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--resume goes on with the run's own version and scope"));
  cli_result_clear (&r);
  r = cli (fixture, "eval", "import", fixture->project, "/nonexistent.json", NULL);
  g_assert_cmpint (r.status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli-eval" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/usage", test_usage);
  ADD ("/measure", test_measure);
  ADD ("/kill-and-resume", test_kill_and_resume);
  ADD ("/mailed-command", test_mailed_command);
#undef ADD

  return g_test_run ();
}
