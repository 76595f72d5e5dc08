/* test-cli-synth.c: `errata-cli synth …` as a new user would try it, with
 * the mock LLM and the test HTTP system as programs: three dimensions, 30
 * tuples, 60 queries, five rejected, the rest run through the HTTP target,
 * ten traces labelled, the failure rate by dimension read back; then the
 * command target's trust, and the usage errors.
 *
 * G_TEST_OPTION_ISOLATE_DIRS gives the test (and the errata-cli it runs)
 * its own XDG_CONFIG_HOME, so the trust granted here stays here.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "cli-test-utils.h"
#include "errata-test-utils.h"
#include "errata-trust.h"

static const char dimensions_json[] =
  "{\"dimensions\": ["
  " {\"name\": \"persona\", \"values\": [{\"value\": \"first-time buyer\", \"description\": \"nervous\"},"
  "   \"investor\", \"renter\"]},"
  " {\"name\": \"feature\", \"values\": [\"search\", \"mortgage\", \"viewing\", \"area\", \"prices\"]},"
  " {\"name\": \"scenario\", \"values\": [\"clear\", \"vague\", \"off-topic\"]}"
  "]}";

typedef struct
{
  GSubprocess *process;
  char        *url;
} Server;

/* Starts a test server program and reads the URL it prints. */
static void
server_start (Server      *server,
              const char  *folder,
              const char  *program,
              const char  *option)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "core", folder, program, NULL);
  g_autoptr(GSubprocessLauncher) launcher = cli_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;

  server->process = g_subprocess_launcher_spawn (launcher, &error, path, option, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  server->url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (server->url);
  g_strstrip (server->url);
}

static void
server_stop (Server *server)
{
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
  g_clear_pointer (&server->url, g_free);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
label_ten (const char *project)
{
  guint labelled = 0;

  /* The queries with a trace, in id order: label the first ten, one in three failing. */
  for (guint q = 6; q <= 60 && labelled < 10; q++)
    {
      g_autofree char *id = g_strdup_printf ("synth-query-%u", q);
      g_auto(CliResult) r = cli_run ("label", project, "--target", "overall", id,
                                     labelled % 3 == 0 ? "fail" : "pass", NULL);

      labelled += r.status == 0;
    }
  g_assert_cmpuint (labelled, ==, 10);
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
test_new_user (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "p.errata", NULL);
  g_autofree char *dims = errata_test_write_file (dir, "dims.json", dimensions_json, -1);
  g_autofree char *target = NULL;
  g_autofree char *target_json = NULL;
  g_autofree char *llm_url = NULL;
  g_autoptr(JsonNode) queries = NULL;
  g_autoptr(JsonNode) run = NULL;
  g_autoptr(JsonNode) breakdown = NULL;
  JsonObject *overall;
  JsonArray *cells;
  Server llm = { 0 }, sut = { 0 };
  guint n_errors = 0, persona_reviewed = 0;
  gint64 failed, traces;

  share_isolated_dirs ();
  server_start (&llm, "llm", "errata-mock-llm", NULL);
  server_start (&sut, "synth", "errata-test-sut", "--fail-marker=urgent");
  llm_url = g_strconcat (llm.url, "/v1", NULL);
  {
    g_auto(CliResult) r = cli_run ("new", project, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(CliResult) r = cli_run ("synth", "dimensions", project, dims, NULL);
    g_assert_cmpint (r.status, ==, 0);
    cli_assert_contains (r.out, "Set 3 dimensions: 45 combinations.");
  }
  {
    g_auto(CliResult) r = cli_run ("synth", "tuples", project, "--llm", "30", "--base-url", llm_url,
                                   "--model", "mock", NULL);
    g_assert_cmpint (r.status, ==, 0);
    cli_assert_contains (r.out, "Made 30 tuples, 30 new");
    /* The mock repeats one: dropped, and said so. */
    cli_assert_contains (r.err, "Dropped 1 proposed tuples");
  }
  {
    g_auto(CliResult) r = cli_run ("synth", "tuples", project, "--json", NULL);
    g_autoptr(JsonNode) node = parse (r.out);
    JsonObject *coverage = json_object_get_object_member (json_node_get_object (node), "coverage");

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (node),
                                                                           "tuples")), ==, 30);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (coverage, "scenario"),
                                                 "vague"), ==, 10);
  }
  {
    g_auto(CliResult) r = cli_run ("synth", "queries", project, "--per-tuple", "2", "--base-url",
                                   llm_url, "--model", "mock", NULL);
    g_assert_cmpint (r.status, ==, 0);
    cli_assert_contains (r.out, "Wrote 60 draft queries for 30 tuples.");
  }
  {
    g_auto(CliResult) r = cli_run ("synth", "reject", project, "1", "2", "3", "4", "5", NULL);
    g_assert_cmpint (r.status, ==, 0);
    cli_assert_contains (r.out, "5 queries rejected.");
  }
  {
    g_auto(CliResult) r = cli_run ("synth", "accept", project, "--drafts", NULL);
    g_assert_cmpint (r.status, ==, 0);
    cli_assert_contains (r.out, "55 queries accepted.");
  }

  target_json = g_strdup_printf ("{\"kind\": \"http\", \"url\": \"%s\","
                                 " \"body\": {\"query\": \"{{query}}\", \"persona\": \"{{dimension.persona}}\"},"
                                 " \"reply_pointer\": \"/answer\", \"messages_pointer\": \"/messages\","
                                 " \"concurrency\": 8, \"max_attempts\": 2}", sut.url);
  target = errata_test_write_file (dir, "target.json", target_json, -1);
  {
    g_auto(CliResult) r = cli_run ("synth", "run", project, "--target", target, "--json", NULL);

    run = parse (r.out);
    failed = json_object_get_int_member (json_node_get_object (run), "failed");
    traces = json_object_get_int_member (json_node_get_object (run), "traces");
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (run), "queries"), ==, 55);
    g_assert_cmpint (traces + failed, ==, 55);
    /* Some mock queries open with “urgent:”, which the system fails. */
    g_assert_cmpint (failed, >, 0);
    g_assert_cmpint (r.status, ==, 1);
  }
  {
    g_auto(CliResult) r = cli_run ("synth", "queries", project, "--json", NULL);
    JsonArray *array;

    queries = parse (r.out);
    array = json_node_get_array (queries);
    g_assert_cmpuint (json_array_get_length (array), ==, 60);
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *query = json_array_get_object_element (array, i);

        if (json_object_get_null_member (query, "error"))
          continue;
        n_errors++;
        g_assert_nonnull (strstr (json_object_get_string_member (query, "text"), "urgent"));
        g_assert_nonnull (strstr (json_object_get_string_member (query, "error"), "HTTP 500"));
      }
    g_assert_cmpint (n_errors, ==, failed);
  }
  {
    /* The replies are traces like any other: searchable. */
    g_auto(CliResult) r = cli_run ("info", project, "--json", NULL);
    g_autoptr(JsonNode) info = parse (r.out);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (info), "traces"), ==, traces);
  }

  label_ten (project);
  {
    g_auto(CliResult) r = cli_run ("synth", "breakdown", project, "--json", NULL);

    g_assert_cmpint (r.status, ==, 0);
    breakdown = parse (r.out);
  }
  overall = json_array_get_object_element (json_object_get_array_member (json_node_get_object (breakdown),
                                                                         "targets"), 0);
  g_assert_cmpstr (json_object_get_string_member (overall, "name"), ==, "overall");
  g_assert_cmpint (json_object_get_int_member (overall, "reviewed"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (overall, "fail"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (overall, "traces"), ==, traces);
  cells = json_object_get_array_member (overall, "cells");
  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      JsonObject *cell = json_array_get_object_element (cells, i);

      if (g_str_equal (json_object_get_string_member (cell, "dimension"), "persona"))
        persona_reviewed += json_object_get_int_member (cell, "reviewed");
    }
  /* Each labelled trace has exactly one persona. */
  g_assert_cmpuint (persona_reviewed, ==, 10);
  {
    g_auto(CliResult) r = cli_run ("synth", "breakdown", project, NULL);

    cli_assert_contains (r.out, "overall: 10 of");
    cli_assert_contains (r.out, "imported labels are not counted");
  }
  server_stop (&llm);
  server_stop (&sut);
  errata_test_remove_tree (dir);
}

static void
test_command_trust (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "p.errata", NULL);
  g_autofree char *dims = errata_test_write_file (dir, "dims.json", dimensions_json, -1);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "core", "synth", "synth-target.sh",
                                                   NULL);
  g_autofree char *target_json = g_strdup_printf ("{\"kind\": \"command\", \"command\": [\"%s\"]}",
                                                  script);
  g_autofree char *target = errata_test_write_file (dir, "target.json", target_json, -1);

  share_isolated_dirs ();
  {
    g_auto(CliResult) a = cli_run ("new", project, NULL);
    g_auto(CliResult) b = cli_run ("synth", "dimensions", project, dims, NULL);
    g_auto(CliResult) c = cli_run ("synth", "tuples", project, "--sample", "6", "--seed", "3", NULL);
    g_auto(CliResult) d = cli_run ("synth", "tuples", project, NULL);

    g_assert_cmpint (c.status, ==, 0);
    cli_assert_contains (c.out, "Made 6 tuples, 6 new");
    cli_assert_contains (d.out, "sampled");
  }
  {
    /* No queries yet: nothing to run, and that is fine. */
    g_auto(CliResult) r = cli_run ("synth", "run", project, "--target", target, NULL);

    g_assert_cmpint (r.status, ==, 0);
    cli_assert_contains (r.out, "Nothing to run");
  }
  {
    /* The target is kept in the project; a command from the project is
     * not trusted once the trust is taken back (as on another machine). */
    g_autoptr(GFile) file = g_file_new_for_path (project);
    g_autoptr(ErrataProject) opened = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, NULL);
    g_autofree char *id = errata_project_get_meta (opened, "project_id");

    g_assert_true (errata_trust_revoke (id, NULL, NULL));
  }
  {
    g_auto(CliResult) r = cli_run ("synth", "run", project, NULL);

    g_assert_cmpint (r.status, ==, 2);
    cli_assert_contains (r.err, "not trusted on this machine");
  }
  {
    g_auto(CliResult) r = cli_run ("synth", "run", project, "--trust", NULL);

    g_assert_cmpint (r.status, ==, 0);
  }
  errata_test_remove_tree (dir);
}

static void
test_usage (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "p.errata", NULL);
  g_autofree char *dims = errata_test_write_file (dir, "dims.json", dimensions_json, -1);
  g_autofree char *bad = errata_test_write_file (dir, "bad.json",
                                                 "[{\"name\": \"x\", \"values\": [\"a\", \"a\"]}]", -1);
  g_auto(CliResult) a = cli_run ("new", project, NULL);
  g_auto(CliResult) b = cli_run ("synth", "dimensions", project, bad, NULL);
  g_auto(CliResult) c = cli_run ("synth", "dimensions", project, dims, NULL);
  g_auto(CliResult) d = cli_run ("synth", "tuples", project, "--all", "--sample", "4", NULL);
  g_auto(CliResult) e = cli_run ("synth", "tuples", project, "--sample", "2", NULL);
  g_auto(CliResult) f = cli_run ("synth", "tuples", project, "--all", "--limit", "40", NULL);
  g_auto(CliResult) g = cli_run ("synth", "accept", project, "999", NULL);
  g_auto(CliResult) h = cli_run ("synth", "frobnicate", project, NULL);

  g_assert_cmpint (b.status, ==, 2);
  cli_assert_contains (b.err, "Dimension 1: the value “a” is given twice");
  g_assert_cmpint (d.status, ==, 2);
  g_assert_cmpint (e.status, ==, 2);
  cli_assert_contains (e.err, "at least 5 tuples");
  g_assert_cmpint (f.status, ==, 2);
  cli_assert_contains (f.err, "45 tuples, more than the limit of 40");
  g_assert_cmpint (g.status, ==, 2);
  cli_assert_contains (g.err, "There is no query 999");
  g_assert_cmpint (h.status, ==, 2);
  cli_assert_contains (h.err, "Subcommands:");
  errata_test_remove_tree (dir);
}

/* Help asked for is help given: on stdout, exit 0, for synth and llm (the
 * two commands whose first word is a subcommand) as for the others. */
static void
test_help (void)
{
  g_auto(CliResult) synth = cli_run ("synth", "--help", NULL);
  g_auto(CliResult) synth_h = cli_run ("synth", "-h", NULL);
  g_auto(CliResult) tuples = cli_run ("synth", "tuples", "--help", NULL);
  g_auto(CliResult) llm = cli_run ("llm", "--help", NULL);
  g_auto(CliResult) bare = cli_run ("synth", NULL);

  g_assert_cmpint (synth.status, ==, 0);
  cli_assert_contains (synth.out, "Usage: errata-cli synth SUBCOMMAND");
  cli_assert_contains (synth.out, "breakdown");
  cli_assert_contains (synth.out, "--sample N [--seed S]");
  g_assert_cmpint (synth_h.status, ==, 0);
  g_assert_cmpint (tuples.status, ==, 0);
  cli_assert_contains (tuples.out, "--sample");
  g_assert_cmpint (llm.status, ==, 0);
  cli_assert_contains (llm.out, "ping");
  /* No subcommand at all is still a usage error. */
  g_assert_cmpint (bare.status, ==, 2);
}

/* Typed queries from a file (all or nothing, the bad entry named), and a
 * secret's name checked before stdin or the keyring. */
static void
test_typed_and_secret (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "p.errata", NULL);
  g_autofree char *dims = errata_test_write_file (dir, "dims.json", dimensions_json, -1);
  g_autofree char *typed = errata_test_write_file (dir, "typed.json",
    "[{\"dimensions\": {\"persona\": \"renter\", \"feature\": \"viewing\", \"scenario\": \"vague\"},"
    "  \"queries\": [\"can I see it\", \"when can I look round\"]}]", -1);
  g_autofree char *bad = errata_test_write_file (dir, "bad.json",
    "[{\"dimensions\": {\"persona\": \"renter\", \"feature\": \"viewing\"}, \"queries\": [\"x\"]}]",
    -1);
  g_auto(CliResult) a = cli_run ("new", project, NULL);
  g_auto(CliResult) b = cli_run ("synth", "dimensions", project, dims, NULL);
  g_auto(CliResult) c = cli_run ("synth", "queries", project, "--from", typed, NULL);
  g_auto(CliResult) d = cli_run ("synth", "queries", project, "--from", bad, NULL);
  g_auto(CliResult) e = cli_run ("synth", "queries", project, NULL);
  g_auto(CliResult) f = cli_run ("synth", "secret", "two words", NULL);
  g_auto(CliResult) g = cli_run ("synth", "secret", NULL);

  g_assert_cmpint (c.status, ==, 0);
  cli_assert_contains (c.out, "Added 2 draft queries and 1 new tuples.");
  g_assert_cmpint (d.status, ==, 2);
  cli_assert_contains (d.err, "bad.json: Entry 1:");
  g_assert_cmpint (e.status, ==, 0);
  cli_assert_contains (e.out, "when can I look round");
  g_assert_cmpint (f.status, ==, 2);
  cli_assert_contains (f.err, "“two words” is not a secret’s name");
  g_assert_cmpint (g.status, ==, 2);
  cli_assert_contains (g.err, "Usage: errata-cli synth secret NAME");
  errata_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  /* The isolated dirs hide the system's GSettings schemas that the GNOME
   * proxy resolver reads; every server here is on loopback. errata-cli
   * inherits this. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/synth/new-user", test_new_user);
  g_test_add_func ("/cli/synth/command-trust", test_command_trust);
  g_test_add_func ("/cli/synth/usage", test_usage);
  g_test_add_func ("/cli/synth/help", test_help);
  g_test_add_func ("/cli/synth/typed-and-secret", test_typed_and_secret);
  return g_test_run ();
}
