/* test-cli-adjudicate.c: `errata-cli adjudicate` as a user runs it: two
 * copies of a project reviewed by two people, merged with `errata-cli
 * merge`, the disagreements listed (text and JSON) and settled with a
 * reason; exit codes and refusals.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "errata-labels.h"
#include "errata-test-utils.h"
#include "cli-test-utils.h"

static const struct { const char *id; ErrataVerdict ana; ErrataVerdict ben; } reviews[] = {
  { "r0", ERRATA_VERDICT_PASS, ERRATA_VERDICT_FAIL },   /* disagree */
  { "r1", ERRATA_VERDICT_FAIL, ERRATA_VERDICT_FAIL },
  { "r2", ERRATA_VERDICT_PASS, ERRATA_VERDICT_PASS },
  { "r3", ERRATA_VERDICT_FAIL, ERRATA_VERDICT_PASS },   /* disagree */
  { "r4", ERRATA_VERDICT_PASS, ERRATA_VERDICT_UNSET },  /* Ben did not look */
};

static char *
make_project (const char *dir,
              const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = errata_project_create (file, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (reviews); i++)
    {
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (reviews[i].id, "question", "answer");

      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
      g_assert_no_error (error);
    }
  errata_project_close (project);
  return path;
}

/* One person's reviews in their own copy. */
static void
review_copy (const char *path,
             const char *who,
             gboolean    as_ana)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (reviews); i++)
    {
      ErrataVerdict verdict = as_ana ? reviews[i].ana : reviews[i].ben;
      g_autoptr(ErrataAnnotation) annotation = errata_annotation_new ((gint64)i + 1, who);

      if (verdict == ERRATA_VERDICT_UNSET)
        continue;
      annotation->verdict = verdict;
      g_free (annotation->note);
      annotation->note = g_strdup_printf ("%s thinks %s", who, errata_verdict_to_string (verdict));
      g_assert_true (errata_project_set_annotation (project, annotation, &error));
      g_assert_no_error (error);
    }
  errata_project_close (project);
}

/* Ana's project, with Ben's copy merged in. */
static char *
make_merged (const char *dir)
{
  g_autofree char *bens = NULL;
  char *anas = make_project (dir, "ana.errata");
  CliResult r;

  review_copy (anas, "Ana", TRUE);
  /* Ben's copy is Ana's file before her reviews: same traces, same ids. */
  bens = make_project (dir, "ben.errata");
  review_copy (bens, "Ben", FALSE);
  r = cli_run ("merge", anas, bens, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  return anas;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_list_and_settle (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *project = make_merged (dir);
  g_autoptr(JsonObject) listing = NULL;
  JsonArray *traces;
  JsonArray *votes;
  CliResult r;

  r = cli_run ("adjudicate", project, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "2 disputed labels for “overall”");
  cli_assert_contains (r.out, "r0 (#1) — reviewers differ");
  cli_assert_contains (r.out, "Ben (merged): fail — Ben thinks fail");
  cli_assert_contains (r.out, "Ana: pass — Ana thinks pass");
  cli_result_clear (&r);

  r = cli_run ("adjudicate", project, "--target", "overall", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  listing = parse_object (r.out);
  g_assert_cmpint (json_object_get_int_member (listing, "disputed"), ==, 2);
  traces = json_object_get_array_member (listing, "traces");
  g_assert_cmpuint (json_array_get_length (traces), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (traces, 1), "id"),
                   ==, "r3");
  votes = json_object_get_array_member (json_array_get_object_element (traces, 0), "votes");
  g_assert_cmpuint (json_array_get_length (votes), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (votes, 1), "origin"),
                   ==, "merged");
  cli_result_clear (&r);

  r = cli_run ("adjudicate", project, "--trace", "r0", "--label", "fail", "--reason",
               "The answer misstates the policy", "--as", "Carla", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "r0: settled “overall” as fail, by Carla.");
  cli_result_clear (&r);

  r = cli_run ("adjudicate", project, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_clear_pointer (&listing, json_object_unref);
  listing = parse_object (r.out);
  g_assert_cmpint (json_object_get_int_member (listing, "disputed"), ==, 1);
  cli_result_clear (&r);

  /* The history has who and why. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (project);
    g_autoptr(ErrataProject) opened = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, NULL);
    g_autoptr(GPtrArray) history = errata_labels_trace_history (opened, 1, NULL);

    g_assert_cmpuint (history->len, ==, 1);
    g_assert_cmpstr (((ErrataLabelChange *)history->pdata[0])->who, ==, "Carla");
    g_assert_cmpstr (((ErrataLabelChange *)history->pdata[0])->reason, ==,
                     "The answer misstates the policy");
    errata_project_close (opened);
  }

  /* Settled already: refused, exit 2. */
  r = cli_run ("adjudicate", project, "--trace", "r0", "--label", "pass", "--reason", "x",
               "--as", "Carla", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "not disputed");
  cli_result_clear (&r);

  /* Nothing disputed about a failure mode that does not exist. */
  r = cli_run ("adjudicate", project, "--target", "Tone", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "No failure mode is called “Tone”");
  cli_result_clear (&r);
}

static void
test_refusals (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *project = make_merged (dir);
  CliResult r;

  r = cli_run ("adjudicate", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "--reason");
  cli_result_clear (&r);

  r = cli_run ("adjudicate", project, "--trace", "r3", "--label", "pass", "--as", "Carla", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "--reason is missing");
  cli_result_clear (&r);

  r = cli_run ("adjudicate", project, "--trace", "r3", "--label", "pass", "--reason", "  ",
               "--as", "Carla", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_result_clear (&r);

  r = cli_run ("adjudicate", project, "--trace", "r3", "--label", "maybe", "--reason", "why",
               NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "--label");
  cli_result_clear (&r);

  r = cli_run ("adjudicate", project, "--label", "pass", "--reason", "why", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "--trace");
  cli_result_clear (&r);

  r = cli_run ("adjudicate", project, "--trace", "ghost", "--label", "pass", "--reason", "why",
               NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_assert_contains (r.err, "No trace has the id “ghost”");
  cli_result_clear (&r);

  /* None of that wrote anything: both are still disputed. */
  r = cli_run ("adjudicate", project, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "2 disputed labels");
  cli_result_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/adjudicate/list-and-settle", test_list_and_settle);
  g_test_add_func ("/cli/adjudicate/refusals", test_refusals);

  return g_test_run ();
}
