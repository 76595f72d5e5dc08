/* test-cli-agreement.c: `errata-cli agreement` run as a program on a
 * project two people reviewed: the figures of the hand-computed table of
 * tests/core/eval/test-reviewer-agreement.c, every target by default, one
 * with --target, the JSON shape, and the words when there is no overlap.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "eval-test-helpers.h"
#include "cli-test-utils.h"

static CliResult
run_cli (const char * const *args)
{
  return cli_run_args ("agreement", args);
}

/* ana and ben on ten traces (the table of test-reviewer-agreement.c:
 * p_a 0.8, κ 0.22/0.42); ana's notes on her three fails sit in "tone",
 * ben's notes in no mode, so on "tone" they agree on 7 of 10. With
 * `only_ana`, ben reviews nothing. Returns the project's path. */
static char *
make_project (char     **dir,
              gboolean   only_ana)
{
  static const gboolean ana_fails[] = { 0, 0, 0, 0, 0, 0, 0, 1, 1, 1 };
  static const gboolean ben_fails[] = { 0, 0, 0, 0, 0, 0, 1, 0, 1, 1 };
  ErrataProject *project = errata_test_new_project (dir);
  g_autofree char *path = g_file_get_path (errata_project_get_file (project));
  gint64 mode = eval_test_add_mode (project, "tone");

  for (guint i = 0; i < G_N_ELEMENTS (ana_fails); i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i + 1);
      gint64 trace = eval_test_add_trace (project, "test", id);

      eval_test_annotate (project, trace, "ana", ana_fails[i] ? ERRATA_VERDICT_FAIL
                                                              : ERRATA_VERDICT_PASS,
                          ana_fails[i] ? "rude" : NULL, ERRATA_ORIGIN_HERE);
      if (ana_fails[i])
        eval_test_assign (project, trace, "ana", mode);
      if (!only_ana)
        eval_test_annotate (project, trace, "ben", ben_fails[i] ? ERRATA_VERDICT_FAIL
                                                                : ERRATA_VERDICT_PASS,
                            ben_fails[i] ? "meh" : NULL, ERRATA_ORIGIN_MERGED);
    }
  errata_project_close (project);
  g_object_unref (project);
  return g_steal_pointer (&path);
}

static JsonArray *
parse_array (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_array_ref (json_node_get_array (node));
}

static double
coefficient (JsonObject *target,
             const char *name)
{
  JsonObject *object = json_object_get_object_member (target, name);

  g_assert_cmpint (json_object_get_int_member (object, "n_items"), ==, 10);
  return json_object_get_double_member (object, "value");
}

static void
test_json_every_target (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_project (&dir, FALSE);
  const char *args[] = { path, "--json", "--iterations", "200", NULL };
  g_auto(CliResult) result = run_cli (args);
  g_autoptr(JsonArray) targets = NULL;
  JsonObject *overall, *tone;
  JsonArray *raters, *warnings;

  g_assert_cmpint (result.status, ==, 0);
  targets = parse_array (result.out);
  g_assert_cmpuint (json_array_get_length (targets), ==, 2);
  overall = json_array_get_object_element (targets, 0);
  tone = json_array_get_object_element (targets, 1);
  g_assert_cmpstr (json_object_get_string_member (overall, "target"), ==, "overall");
  g_assert_cmpstr (json_object_get_string_member (tone, "target"), ==, "tone");
  g_assert_cmpint (json_object_get_int_member (overall, "n_items"), ==, 10);
  raters = json_object_get_array_member (overall, "raters");
  g_assert_cmpstr (json_array_get_string_element (raters, 0), ==, "ana");
  g_assert_cmpstr (json_array_get_string_element (raters, 1), ==, "ben");
  g_assert_cmpfloat_with_epsilon (coefficient (overall, "percent_agreement"), 0.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (coefficient (overall, "cohen_kappa"), 0.22 / 0.42, 1e-9);
  g_assert_cmpfloat_with_epsilon (coefficient (overall, "gwet_ac1"), 0.38 / 0.58, 1e-9);
  g_assert_cmpfloat_with_epsilon (coefficient (tone, "percent_agreement"), 0.7, 1e-9);
  warnings = json_object_get_array_member (overall, "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (warnings, 0), ==, "few_items");
  errata_test_remove_tree (dir);
}

/* Without draws there is no interval: null, never a NaN that is no JSON. */
static void
test_json_no_draws (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_project (&dir, FALSE);
  const char *args[] = { path, "--json", "--target", "overall", "--iterations", "0", NULL };
  g_auto(CliResult) result = run_cli (args);
  g_autoptr(JsonArray) targets = NULL;
  JsonObject *ac1;

  g_assert_cmpint (result.status, ==, 0);
  targets = parse_array (result.out);
  ac1 = json_object_get_object_member (json_array_get_object_element (targets, 0), "gwet_ac1");
  g_assert_true (json_object_get_null_member (ac1, "interval"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (ac1, "value"), 0.38 / 0.58,
                                  1e-9);
  errata_test_remove_tree (dir);
}

static void
test_text_one_target (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_project (&dir, FALSE);
  const char *args[] = { path, "--target", "Tone", "--iterations", "200", NULL };
  g_auto(CliResult) result = run_cli (args);

  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "on “tone”"));
  g_assert_null (strstr (result.out, "“overall”"));
  g_assert_nonnull (strstr (result.out, "10 traces reviewed by two or more of these reviewers: "
                                        "ana, ben"));
  g_assert_nonnull (strstr (result.out, "Raw agreement       0.700"));
  g_assert_nonnull (strstr (result.out, "200 draws, seed 0"));
  errata_test_remove_tree (dir);
}

static void
test_one_reviewer_and_errors (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_project (&dir, TRUE);
  const char *args[] = { path, "--target", "overall", NULL };
  const char *json_args[] = { path, "--target", "overall", "--json", NULL };
  const char *bad_target[] = { path, "--target", "nope", NULL };
  const char *no_project[] = { NULL };
  g_auto(CliResult) text = run_cli (args);
  g_auto(CliResult) json = run_cli (json_args);
  g_auto(CliResult) bad = run_cli (bad_target);
  g_auto(CliResult) none = run_cli (no_project);
  g_autoptr(JsonArray) targets = NULL;
  JsonObject *overall;

  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Only 1 reviewer has reviewed this target"));
  g_assert_null (strstr (text.out, "Raw agreement"));
  targets = parse_array (json.out);
  overall = json_array_get_object_element (targets, 0);
  g_assert_false (json_object_has_member (overall, "gwet_ac1"));
  g_assert_cmpstr (json_array_get_string_element (
                     json_object_get_array_member (overall, "warnings"), 0), ==, "one_reviewer");
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "nope"));
  g_assert_cmpint (none.status, ==, 2);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/agreement/json-every-target", test_json_every_target);
  g_test_add_func ("/cli/agreement/json-no-draws", test_json_no_draws);
  g_test_add_func ("/cli/agreement/text-one-target", test_text_one_target);
  g_test_add_func ("/cli/agreement/one-reviewer-and-errors", test_one_reviewer_and_errors);
  return g_test_run ();
}
