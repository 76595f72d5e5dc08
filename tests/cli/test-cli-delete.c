/* test-cli-delete.c: `errata-cli imports` and `errata-cli delete` as a
 * user runs them: the list of imports, a dry run that writes nothing, a
 * whole import, a list of ids and a search deleted, usage errors.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "errata-test-utils.h"
#include "cli-test-utils.h"

typedef struct
{
  char *dir;
  char *project;
} Fixture;

static char *
write_traces (const char *dir,
              const char *name,
              const char *prefix,
              const char *word,
              guint       n)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "{\"id\": \"%s%u\", \"messages\": [{\"role\": \"user\","
                            " \"content\": \"%s %u\"}, {\"role\": \"assistant\","
                            " \"content\": \"answer\"}]}\n", prefix, i, word, i);
  return errata_test_write_file (dir, name, text->str, -1);
}

/* alpha.jsonl (5 traces) then bravo.jsonl (3), each imported by the CLI. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *alpha = NULL;
  g_autofree char *bravo = NULL;
  g_auto(CliResult) created = { 0 };
  g_auto(CliResult) first = { 0 };
  g_auto(CliResult) second = { 0 };

  fixture->dir = errata_test_make_tmpdir ();
  fixture->project = g_build_filename (fixture->dir, "p.errata", NULL);
  alpha = write_traces (fixture->dir, "alpha.jsonl", "a", "alphaword", 5);
  bravo = write_traces (fixture->dir, "bravo.jsonl", "b", "bravoword", 3);
  created = cli_run ("new", fixture->project, NULL);
  g_assert_cmpint (created.status, ==, 0);
  first = cli_run ("import", fixture->project, alpha, NULL);
  g_assert_cmpint (first.status, ==, 0);
  second = cli_run ("import", fixture->project, bravo, NULL);
  g_assert_cmpint (second.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->project);
}

static gint64
count_hits (Fixture    *fixture,
            const char *word)
{
  g_auto(CliResult) search = cli_run ("search", fixture->project, word, "--json", NULL);
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpint (search.status, ==, 0);
  root = json_from_string (search.out, NULL);
  g_assert_nonnull (root);
  return json_array_get_length (json_node_get_array (root));
}

static void
test_imports_listed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(CliResult) words = cli_run ("imports", fixture->project, NULL);
  g_auto(CliResult) json = cli_run ("imports", fixture->project, "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *bravo;

  g_assert_cmpint (words.status, ==, 0);
  cli_assert_contains (words.out, "1\talpha.jsonl");
  cli_assert_contains (words.out, "5 traces");
  cli_assert_contains (words.out, "2\tbravo.jsonl");
  cli_assert_contains (words.out, "3 traces");
  g_assert_cmpint (json.status, ==, 0);
  root = json_from_string (json.out, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  bravo = json_array_get_object_element (json_node_get_array (root), 1);
  g_assert_cmpint (json_object_get_int_member (bravo, "id"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (bravo, "name"), ==, "bravo.jsonl");
  g_assert_cmpint (json_object_get_int_member (bravo, "traces"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (bravo, "added"), ==, 3);
  g_assert_true (json_object_get_boolean_member (bravo, "recorded"));
}

/* A copy to share keeps the imports' file names, not where they lay. */
static void
test_copy_leaves_out_paths (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.errata", NULL);
  g_auto(CliResult) copied = cli_run ("copy", fixture->project, copy, NULL);
  g_auto(CliResult) here = cli_run ("imports", fixture->project, "--json", NULL);
  g_auto(CliResult) there = { 0 };

  g_assert_cmpint (copied.status, ==, 0);
  cli_assert_contains (here.out, fixture->dir);
  there = cli_run ("imports", copy, "--json", NULL);
  g_assert_cmpint (there.status, ==, 0);
  cli_assert_contains (there.out, "bravo.jsonl");
  g_assert_null (strstr (there.out, fixture->dir));
}

/* --dry-run counts and leaves the file byte for byte as it was. */
static void
test_dry_run_writes_nothing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_auto(CliResult) dry = { 0 };
  g_autoptr(JsonNode) root = NULL;

  g_assert_true (g_file_get_contents (fixture->project, &before, &before_len, NULL));
  dry = cli_run ("delete", fixture->project, "--import", "2", "--dry-run", "--json", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  root = json_from_string (dry.out, NULL);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (root), "written"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "traces"), ==, 3);
  g_assert_true (g_file_get_contents (fixture->project, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_cmpint (count_hits (fixture, "bravoword"), ==, 3);
}

static void
test_delete_import (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(CliResult) deleted = cli_run ("delete", fixture->project, "--import", "2", NULL);
  g_auto(CliResult) listed = { 0 };

  g_assert_cmpint (deleted.status, ==, 0);
  cli_assert_contains (deleted.out, "Deleted 3 traces");
  cli_assert_contains (deleted.out, "0 reviews");
  g_assert_cmpint (count_hits (fixture, "bravoword"), ==, 0);
  g_assert_cmpint (count_hits (fixture, "alphaword"), ==, 5);
  listed = cli_run ("imports", fixture->project, NULL);
  g_assert_null (strstr (listed.out, "bravo.jsonl"));
  cli_assert_contains (listed.out, "alpha.jsonl");
}

static void
test_delete_ids_and_query (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *ids = errata_test_write_file (fixture->dir, "ids.txt",
                                                 "# the two to go\na1\n\n#2\n", -1);
  g_auto(CliResult) by_ids = cli_run ("delete", fixture->project, "--ids", ids, "--json", NULL);
  g_auto(CliResult) by_query = { 0 };
  g_auto(CliResult) listed = { 0 };
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpint (by_ids.status, ==, 0);
  root = json_from_string (by_ids.out, NULL);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "written"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "traces"), ==, 2);
  g_assert_cmpint (count_hits (fixture, "alphaword"), ==, 3);

  by_query = cli_run ("delete", fixture->project, "--query", "bravoword", NULL);
  g_assert_cmpint (by_query.status, ==, 0);
  cli_assert_contains (by_query.out, "Deleted 3 traces");
  g_assert_cmpint (count_hits (fixture, "bravoword"), ==, 0);
  /* bravo's import stays on the list, with none of its traces left. */
  listed = cli_run ("imports", fixture->project, NULL);
  cli_assert_contains (listed.out, "bravo.jsonl");
  cli_assert_contains (listed.out, "0 traces (3 added)");
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *ids = errata_test_write_file (fixture->dir, "bad.txt", "a1\nnope\n", -1);
  g_auto(CliResult) none = cli_run ("delete", fixture->project, NULL);
  g_auto(CliResult) two = cli_run ("delete", fixture->project, "--import", "1", "--query", "x",
                                   NULL);
  g_auto(CliResult) unknown = cli_run ("delete", fixture->project, "--import", "9", NULL);
  g_auto(CliResult) bad_id = cli_run ("delete", fixture->project, "--ids", ids, NULL);

  g_assert_cmpint (none.status, ==, 2);
  cli_assert_contains (none.err, "exactly one of");
  g_assert_cmpint (two.status, ==, 2);
  g_assert_cmpint (unknown.status, ==, 2);
  cli_assert_contains (unknown.err, "no import 9");
  g_assert_cmpint (bad_id.status, ==, 2);
  cli_assert_contains (bad_id.err, "line 2");
  /* Nothing went. */
  g_assert_cmpint (count_hits (fixture, "alphaword"), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/delete" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/imports-listed", test_imports_listed);
  ADD ("/dry-run-writes-nothing", test_dry_run_writes_nothing);
  ADD ("/import", test_delete_import);
  ADD ("/ids-and-query", test_delete_ids_and_query);
  ADD ("/usage-errors", test_usage_errors);
  ADD ("/copy-leaves-out-paths", test_copy_leaves_out_paths);
#undef ADD

  return g_test_run ();
}
