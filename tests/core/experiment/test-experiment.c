/* test-experiment.c: experiments in the core, against the test system in
 * this process: v1 forgets the order number on refunds, v2 cites it but
 * answers shipping questions in German; two code checks see each. The
 * comparison must say which mode got better and which worse, list the
 * flips with both traces, slice by dimension, and survive deleting a trace
 * (its pair runs again) and undoing that.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-eval-run.h"
#include "errata-eval-scope.h"
#include "errata-evaluator-method.h"
#include "errata-evaluators.h"
#include "errata-experiment-compare.h"
#include "errata-experiment-run.h"
#include "errata-labels.h"
#include "errata-splits.h"
#include "errata-project-private.h"
#include "errata-test-sut.h"
#include "errata-test-utils.h"
#include "errata-trace-deletion.h"

#define N_EACH 12   /* refund queries, and as many shipping ones */

typedef struct
{
  char          *dir;
  ErrataProject *project;
  ErrataTestSut *sut;
  gint64         experiment_id;
} Fixture;

static void
add_check (ErrataProject *project,
           const char    *name,
           const char    *kind,
           const char    *definition)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (definition, &error);
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) versions = NULL;

  g_assert_no_error (error);
  evaluator = errata_evaluators_create (project, name, ERRATA_TARGET_OVERALL, kind,
                                        json_node_get_object (node), NULL, &error);
  g_assert_no_error (error);
  versions = errata_evaluators_list_versions (project, evaluator->id, &error);
  g_assert_no_error (error);
  g_assert_true (errata_evaluators_finalize (
      project, ((ErrataEvaluatorVersion *)versions->pdata[0])->id, &error));
  g_assert_no_error (error);
}

static char *
queries_file (const char *dir)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < N_EACH; i++)
    {
      g_string_append_printf (text, "{\"query\": \"Where is my refund for order %u?\","
                                    " \"dimensions\": {\"topic\": \"refund\"}}\n", 1000 + i);
      g_string_append_printf (text, "{\"query\": \"What is the shipping date of order %u?\","
                                    " \"dimensions\": {\"topic\": \"shipping\"}}\n", 2000 + i);
    }
  return errata_test_write_file (dir, "queries.jsonl", text->str, text->len);
}

/* The fixture's data: the replies per query, with ONLY_CITES_ORDER to
 * leave the "language" check out (one evaluator, of whole replies). */
#define ONLY_CITES_ORDER 0x100u

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *source = NULL;
  g_autoptr(ErrataExperiment) experiment = NULL;

  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->sut = errata_test_sut_new (0, &error);
  g_assert_no_error (error);
  add_check (fixture->project, "cites-order", "regex",
             "{\"field\": \"output\", \"pattern\": \"[0-9]{3,}\", \"match\": \"pass\"}");
  if (!(GPOINTER_TO_UINT (data) & ONLY_CITES_ORDER))
    add_check (fixture->project, "language", "contains",
               "{\"field\": \"output\", \"words\": [\"Bestellung\", \"Ihr\"], \"mode\": \"none\"}");
  path = queries_file (fixture->dir);
  source = g_strconcat ("file:", path, NULL);
  experiment = errata_experiment_create (fixture->project, "support", source,
                                         GPOINTER_TO_UINT (data) & ~ONLY_CITES_ORDER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (experiment->n_queries, ==, 2 * N_EACH);
  fixture->experiment_id = experiment->id;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->sut);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gint64
add_variant (Fixture    *fixture,
             const char *name,
             const char *version,
             const char *from)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(ErrataExperimentVariant) variant = NULL;
  g_autoptr(GError) error = NULL;

  if (from == NULL)
    json = g_strdup_printf ("{\"kind\": \"http\", \"url\": \"%s\", \"body\": {\"query\":"
                            " \"{{query}}\", \"version\": \"%s\"}, \"reply_pointer\": \"/answer\","
                            " \"messages_pointer\": \"/messages\"}",
                            errata_test_sut_get_url (fixture->sut), version);
  else
    json = g_strdup_printf ("{\"body\": {\"query\": \"{{query}}\", \"version\": \"%s\"}}", version);
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  variant = errata_experiment_variant_create (fixture->project, fixture->experiment_id, name,
                                              json_node_get_object (node), from, &error);
  g_assert_no_error (error);
  if (from != NULL)
    {
      g_assert_cmpstr (variant->parent_name, ==, from);
      g_assert_cmpuint (g_strv_length (variant->changes), ==, 1);
      g_assert_cmpstr (variant->changes[0], ==, "body");
    }
  return variant->id;
}

/* A clone's changes are named in alphabetical order, read after read
 * (they once followed the heap: "reply_pointer, body" one time,
 * "body, reply_pointer" the next). */
static void
test_changes_sorted (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(ErrataExperimentVariant) variant = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const expected[] = {
    "body", "concurrency", "messages_pointer", "reply_pointer", NULL
  };

  add_variant (fixture, "v1", "v1", NULL);
  node = json_from_string ("{\"reply_pointer\": \"/reply\", \"messages_pointer\": \"/m\","
                           " \"concurrency\": 2, \"body\": {\"q\": \"{{query}}\"}}", &error);
  g_assert_no_error (error);
  variant = errata_experiment_variant_create (fixture->project, fixture->experiment_id, "v2",
                                              json_node_get_object (node), "v1", &error);
  g_assert_no_error (error);
  for (guint read = 0; read < 5; read++)
    {
      g_autoptr(ErrataExperimentVariant) again =
        errata_experiment_get_variant (fixture->project, variant->id, &error);

      g_assert_no_error (error);
      g_assert_cmpstrv (again->changes, expected);
    }
  g_assert_cmpstrv (variant->changes, expected);
}

static ErrataExperimentRunResult *
run_variant (Fixture *fixture,
             gint64   variant_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ErrataExperimentRunResult *outcome;

  errata_experiment_run_async (fixture->project, variant_id, NULL, NULL,
                               ERRATA_EXPERIMENT_RUN_DEFAULT, NULL, NULL, NULL,
                               errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  outcome = errata_experiment_run_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (outcome);
  return outcome;
}

static ErrataExperimentRow *
row_named (ErrataExperimentComparison *comparison,
           const char                 *name)
{
  ErrataExperimentCandidate *candidate = comparison->candidates->pdata[0];

  for (guint r = 0; r < candidate->rows->len; r++)
    if (g_str_equal (((ErrataExperimentRow *)candidate->rows->pdata[r])->name, name))
      return candidate->rows->pdata[r];
  g_assert_not_reached ();
}

static ErrataExperimentComparison *
compare (Fixture *fixture,
         gint64   baseline,
         gint64   candidate)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  ErrataExperimentCompareOptions options = { .n_draws = 2000 };
  g_autoptr(GError) error = NULL;
  ErrataExperimentComparison *comparison;

  g_array_append_val (candidates, candidate);
  comparison = errata_experiment_compare (fixture->project, fixture->experiment_id, baseline,
                                          candidates, &options, &error);
  g_assert_no_error (error);
  return comparison;
}

static gint64
count (ErrataProject *project,
       const char    *sql)
{
  gint64 value = -1;

  g_assert_true (_errata_project_query_int (project, sql, &value, NULL));
  return value;
}

static void
test_compare (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 v1 = add_variant (fixture, "v1", "v1", NULL);
  gint64 v2 = add_variant (fixture, "v2", "v2", "v1");
  g_autoptr(ErrataExperimentRunResult) first = run_variant (fixture, v1);
  g_autoptr(ErrataExperimentRunResult) second = run_variant (fixture, v2);
  g_autoptr(ErrataExperimentComparison) comparison = compare (fixture, v1, v2);
  g_autoptr(GPtrArray) worse = NULL;
  ErrataExperimentRow *cites, *language, *overall;
  ErrataExperimentFlip *flip;

  g_assert_cmpuint (first->progress.n_traces, ==, 2 * N_EACH);
  g_assert_cmpuint (first->eval_run_ids->len, ==, 2);
  g_assert_cmpuint (second->n_missing, ==, 0);
  g_assert_cmpint (count (fixture->project, "SELECT count(*) FROM traces"
                                            " WHERE source = 'experiment'"), ==, 4 * N_EACH);

  cites = row_named (comparison, "cites-order");
  g_assert_cmpuint (cites->table.fail_to_pass, ==, N_EACH);
  g_assert_cmpuint (cites->table.pass_to_fail, ==, 0);
  g_assert_cmpuint (cites->baseline.n_pass, ==, N_EACH);
  g_assert_cmpuint (cites->candidate.n_pass, ==, 2 * N_EACH);
  g_assert_false (cites->baseline.corrected);
  /* 12 discordant pairs, all one way: 2 / 2^12. */
  g_assert_cmpfloat_with_epsilon (cites->paired.p_value, 2.0 / 4096, 1e-12);
  g_assert_cmpint (cites->direction, ==, ERRATA_EXPERIMENT_BETTER);
  g_assert_cmpfloat_with_epsilon (cites->paired.difference, 0.5, 1e-12);

  language = row_named (comparison, "language");
  g_assert_cmpuint (language->table.pass_to_fail, ==, N_EACH);
  g_assert_cmpint (language->direction, ==, ERRATA_EXPERIMENT_WORSE);
  g_assert_cmpuint (language->pass_to_fail->len, ==, N_EACH);
  g_assert_cmpuint (language->fail_to_pass->len, ==, 0);
  flip = language->pass_to_fail->pdata[0];
  g_assert_nonnull (strstr (flip->query, "shipping"));
  g_assert_cmpint (flip->baseline_trace_id, >, 0);
  g_assert_cmpint (flip->candidate_trace_id, >, 0);
  g_assert_cmpint (flip->baseline_trace_id, !=, flip->candidate_trace_id);

  /* Per dimension value: the language broke on shipping only. */
  g_assert_cmpuint (language->slices->len, ==, 2);
  g_assert_cmpstr (((ErrataExperimentSlice *)language->slices->pdata[0])->value, ==, "refund");
  g_assert_cmpuint (((ErrataExperimentSlice *)language->slices->pdata[0])->table.pass_to_fail,
                    ==, 0);
  g_assert_cmpuint (((ErrataExperimentSlice *)language->slices->pdata[1])->table.pass_to_fail,
                    ==, N_EACH);

  /* Overall: every query fails one mode on one side: no net change. */
  overall = row_named (comparison, "overall");
  g_assert_cmpuint (overall->table.pass_to_fail, ==, N_EACH);
  g_assert_cmpuint (overall->table.fail_to_pass, ==, N_EACH);
  g_assert_cmpint (overall->direction, ==, ERRATA_EXPERIMENT_SAME);

  worse = errata_experiment_comparison_regressions (comparison, "any");
  g_assert_cmpuint (worse->len, ==, 1);
  g_assert_true (worse->pdata[0] == language);
  g_ptr_array_unref (g_steal_pointer (&worse));
  worse = errata_experiment_comparison_regressions (comparison, "cites-order");
  g_assert_cmpuint (worse->len, ==, 0);
  g_assert_true (errata_experiment_comparison_has_mode (comparison, "Language"));
  g_assert_false (errata_experiment_comparison_has_mode (comparison, "tone"));
}

/* One evaluator of whole replies: its row is the overall one, and no
 * combined "overall" row repeats it (the page showed both). */
static void
test_one_overall_evaluator (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 v1 = add_variant (fixture, "v1", "v1", NULL);
  gint64 v2 = add_variant (fixture, "v2", "v2", "v1");
  g_autoptr(ErrataExperimentComparison) comparison = NULL;
  ErrataExperimentCandidate *candidate;
  ErrataExperimentRow *only;

  /* One evaluator scored each reply. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ErrataExperimentRunResult) run = run_variant (fixture, i == 0 ? v1 : v2);

      g_assert_cmpuint (run->eval_run_ids->len, ==, 1);
    }
  comparison = compare (fixture, v1, v2);
  candidate = comparison->candidates->pdata[0];
  g_assert_cmpuint (candidate->rows->len, ==, 1);
  only = candidate->rows->pdata[0];
  g_assert_cmpstr (only->name, ==, "cites-order");
  g_assert_cmpint (only->evaluator_id, >, 0);
  g_assert_cmpint (only->target, ==, ERRATA_TARGET_OVERALL);
  g_assert_cmpuint (only->table.fail_to_pass, ==, N_EACH);
  g_assert_cmpint (only->direction, ==, ERRATA_EXPERIMENT_BETTER);
  /* A gate on "overall" still finds it. */
  g_assert_true (errata_experiment_comparison_has_mode (comparison, "overall"));
}

/* Two candidates against one baseline: Holm over the two, said in words. */
static void
test_holm (Fixture       *fixture,
           gconstpointer  data)
{
  gint64 v1 = add_variant (fixture, "v1", "v1", NULL);
  gint64 v2 = add_variant (fixture, "v2", "v2", "v1");
  gint64 v3 = add_variant (fixture, "v3", "v2", "v1");
  g_autoptr(ErrataExperimentRunResult) r1 = run_variant (fixture, v1);
  g_autoptr(ErrataExperimentRunResult) r2 = run_variant (fixture, v2);
  g_autoptr(ErrataExperimentRunResult) r3 = run_variant (fixture, v3);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ErrataExperimentComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  ErrataExperimentCompareOptions options = { .n_draws = 500 };

  g_array_append_val (candidates, v2);
  g_array_append_val (candidates, v3);
  comparison = errata_experiment_compare (fixture->project, fixture->experiment_id, v1, candidates,
                                          &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comparison->candidates->len, ==, 2);
  g_assert_nonnull (strstr (comparison->correction, "Holm"));
  for (guint c = 0; c < 2; c++)
    {
      ErrataExperimentCandidate *candidate = comparison->candidates->pdata[c];
      ErrataExperimentRow *language = candidate->rows->pdata[1];

      g_assert_cmpstr (language->name, ==, "language");
      /* The same p twice: Holm doubles both. */
      g_assert_cmpfloat_with_epsilon (language->p_adjusted, 2 * language->paired.p_value, 1e-15);
      g_assert_cmpint (language->direction, ==, ERRATA_EXPERIMENT_WORSE);
    }
  g_assert_cmpuint (comparison->costs->len, ==, 3);
}

/* A trace deleted as any trace: its reply link goes with it (the pair
 * runs again), and undo brings both back. */
static void
test_delete_trace (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 v1 = add_variant (fixture, "v1", "v1", NULL);
  g_autoptr(ErrataExperimentRunResult) first = run_variant (fixture, v1);
  g_autoptr(ErrataExperimentRunResult) again = NULL;
  g_autoptr(ErrataTraceDeletion) deletion = NULL;
  g_autoptr(GError) error = NULL;
  gint64 trace_id = count (fixture->project, "SELECT min(trace_id) FROM experiment_replies");

  deletion = errata_trace_deletion_new_for_ids (&trace_id, 1);
  g_assert_true (errata_trace_deletion_run (deletion, fixture->project, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture->project, "SELECT count(*) FROM experiment_replies"), ==,
                   2 * N_EACH - 1);
  g_assert_true (errata_trace_deletion_undo (deletion, fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture->project, "SELECT count(*) FROM experiment_replies"), ==,
                   2 * N_EACH);
  g_clear_object (&deletion);
  deletion = errata_trace_deletion_new_for_ids (&trace_id, 1);
  g_assert_true (errata_trace_deletion_run (deletion, fixture->project, FALSE, &error));
  g_assert_no_error (error);
  again = run_variant (fixture, v1);
  g_assert_cmpuint (again->progress.total, ==, 1);
  g_assert_cmpuint (again->n_pairs_before, ==, 2 * N_EACH - 1);
  /* Scored again only for the new trace: one run per evaluator, of one trace. */
  g_assert_cmpuint (again->eval_run_ids->len, ==, 2);
  g_assert_cmpint (count (fixture->project, "SELECT count(*) FROM experiment_replies"
                                            " WHERE trace_id IS NOT NULL"), ==, 2 * N_EACH);
  g_assert_cmpint (count (fixture->project, "SELECT count(*) FROM verdicts v"
                                            " JOIN runs u ON u.id = v.run_id"
                                            " WHERE u.id = (SELECT max(id) FROM runs)"), ==, 1);
}

/* K repeats: every (query, repeat) pair is a trace, paired across variants. */
static void
test_repeats (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 v1 = add_variant (fixture, "v1", "v1", NULL);
  gint64 v2 = add_variant (fixture, "v2", "v2", "v1");
  g_autoptr(ErrataExperimentRunResult) first = run_variant (fixture, v1);
  g_autoptr(ErrataExperimentRunResult) second = run_variant (fixture, v2);
  g_autoptr(ErrataExperimentComparison) comparison = compare (fixture, v1, v2);
  ErrataExperimentRow *cites = row_named (comparison, "cites-order");

  g_assert_cmpuint (first->progress.n_traces, ==, 2 * 2 * N_EACH);
  g_assert_cmpuint (cites->paired.n, ==, 2 * 2 * N_EACH);
  g_assert_cmpuint (cites->table.fail_to_pass, ==, 2 * N_EACH);
  g_assert_cmpuint (((ErrataExperimentFlip *)cites->fail_to_pass->pdata[1])->repeat, ==, 1);
}

/* A person's label on an experiment trace wins over the judge's verdict;
 * the traces that fail a target replay as an experiment's queries. */
static void
test_labels (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 v1 = add_variant (fixture, "v1", "v1", NULL);
  gint64 v2 = add_variant (fixture, "v2", "v2", "v1");
  g_autoptr(ErrataExperimentRunResult) first = run_variant (fixture, v1);
  g_autoptr(ErrataExperimentRunResult) second = run_variant (fixture, v2);
  g_autoptr(ErrataExperimentComparison) before = compare (fixture, v1, v2);
  g_autoptr(ErrataExperimentComparison) after = NULL;
  g_autoptr(ErrataExperiment) replay = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GError) error = NULL;
  ErrataExperimentFlip *flip = row_named (before, "language")->pass_to_fail->pdata[0];
  ErrataExperimentFlip *other = row_named (before, "language")->pass_to_fail->pdata[1];
  ErrataExperimentRow *language;

  /* Someone read the German reply and passed it (overall, the target of
   * both checks here). */
  g_assert_true (errata_labels_set (fixture->project, ERRATA_TARGET_OVERALL,
                                    flip->candidate_trace_id, ERRATA_VERDICT_PASS, "tester",
                                    "a German customer", &error));
  g_assert_no_error (error);
  after = compare (fixture, v1, v2);
  language = row_named (after, "language");
  g_assert_cmpuint (language->candidate.n_by_people, ==, 1);
  g_assert_cmpuint (language->candidate.n_pass, ==, N_EACH + 1);
  g_assert_cmpuint (language->table.pass_to_fail, ==, N_EACH - 1);

  /* Two baseline traces labelled failing overall: an experiment replays them. */
  g_assert_true (errata_labels_set (fixture->project, ERRATA_TARGET_OVERALL,
                                    other->baseline_trace_id, ERRATA_VERDICT_FAIL, "tester",
                                    NULL, &error));
  g_assert_true (errata_labels_set (fixture->project, ERRATA_TARGET_OVERALL,
                                    flip->baseline_trace_id, ERRATA_VERDICT_FAIL, "tester",
                                    NULL, &error));
  g_assert_no_error (error);
  replay = errata_experiment_create (fixture->project, "replay", "mode:overall", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replay->n_queries, ==, 2);
  queries = errata_experiment_list_queries (fixture->project, replay->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < queries->len; i++)
    {
      ErrataExperimentQuery *query = queries->pdata[i];

      g_assert_nonnull (strstr (query->text, "What is the shipping date of order"));
      g_assert_true (query->source_trace_id == flip->baseline_trace_id
                     || query->source_trace_id == other->baseline_trace_id);
    }
}

static gint64
newest_version_id (ErrataProject *project,
                   const char    *name)
{
  g_autoptr(ErrataEvaluator) evaluator = errata_evaluators_find (project, name, NULL);
  g_autoptr(GPtrArray) versions = errata_evaluators_list_versions (project, evaluator->id, NULL);

  return ((ErrataEvaluatorVersion *)versions->pdata[versions->len - 1])->id;
}

/* One look at test for "language", on labelled experiment traces. */
static gint64
run_on_test (ErrataProject *project)
{
  g_autoptr(ErrataEvaluator) evaluator = errata_evaluators_find (project, "language", NULL);
  g_autoptr(ErrataEvaluatorVersion) version = errata_evaluators_get_version_by_id (
      project, newest_version_id (project, "language"), NULL);
  g_autoptr(ErrataEvalMethod) method = NULL;
  g_autoptr(ErrataEvalRun) run = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_splits_update (project, ERRATA_TARGET_OVERALL, &error));
  g_assert_no_error (error);
  ids = errata_eval_scope_resolve (project, ERRATA_TARGET_OVERALL, ERRATA_SCOPE_TEST, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 0);
  method = errata_evaluator_method_new (project, evaluator, version, NULL, &error);
  g_assert_no_error (error);
  run = errata_eval_run_new (project, version->id, method, ERRATA_SCOPE_TEST, ids);
  errata_eval_run_start_async (run, NULL, errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  g_assert_true (errata_eval_run_start_finish (run, result, &error));
  g_assert_no_error (error);
  return errata_eval_run_get_id (run);
}

/* A judge with a test run: its rates are corrected (marked), the other's
 * stay raw with Wilson's interval. */
static void
test_corrected (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 v1 = add_variant (fixture, "v1", "v1", NULL);
  gint64 v2 = add_variant (fixture, "v2", "v2", "v1");
  g_autoptr(ErrataExperimentRunResult) first = run_variant (fixture, v1);
  g_autoptr(ErrataExperimentRunResult) second = run_variant (fixture, v2);
  g_autoptr(ErrataExperimentComparison) before = compare (fixture, v1, v2);
  g_autoptr(ErrataExperimentComparison) after = NULL;
  g_autoptr(GError) error = NULL;
  ErrataExperimentRow *language = row_named (before, "language");
  ErrataExperimentRow *cites;
  gint64 test_run;

  /* Label the candidate's replies as a person would: the German ones fail. */
  for (guint i = 0; i < language->pass_to_fail->len; i++)
    {
      ErrataExperimentFlip *flip = language->pass_to_fail->pdata[i];

      g_assert_true (errata_labels_set (fixture->project, ERRATA_TARGET_OVERALL,
                                        flip->candidate_trace_id, ERRATA_VERDICT_FAIL, "tester",
                                        NULL, &error));
      g_assert_true (errata_labels_set (fixture->project, ERRATA_TARGET_OVERALL,
                                        flip->baseline_trace_id, ERRATA_VERDICT_PASS, "tester",
                                        NULL, &error));
      g_assert_no_error (error);
    }
  test_run = run_on_test (fixture->project);
  after = compare (fixture, v1, v2);
  language = row_named (after, "language");
  cites = row_named (after, "cites-order");
  g_assert_true (language->baseline.corrected);
  g_assert_true (language->candidate.corrected);
  g_assert_cmpint (language->candidate.test_run_id, ==, test_run);
  /* A judge that agrees with every label on test corrects nothing. */
  g_assert_cmpfloat_with_epsilon (language->candidate.rate, 0.5, 1e-9);
  g_assert_cmpfloat (language->candidate.interval.lower, <=, 0.5);
  g_assert_cmpfloat (language->candidate.interval.upper, >=, 0.5);
  g_assert_false (cites->candidate.corrected);
  g_assert_cmpint (cites->candidate.test_run_id, ==, 0);
}

static void
test_store_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) bad = json_from_string ("{\"kind\": \"http\", \"url\": \"ftp://x\"}", NULL);

  g_assert_null (errata_experiment_create (fixture->project, "support", "synthetic", 1, &error));
  g_assert_error (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (errata_experiment_create (fixture->project, "other", "synthetic", 1, &error));
  g_assert_error (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_null (errata_experiment_create (fixture->project, "other", "sql:x", 1, &error));
  g_assert_error (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (errata_experiment_variant_create (fixture->project, fixture->experiment_id, "x",
                                                   json_node_get_object (bad), NULL, &error));
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (errata_experiment_variant_create (fixture->project, fixture->experiment_id, "x",
                                                   NULL, "missing", &error));
  g_assert_error (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

/* A file's lines: chat messages (the first user message), a JSON string,
 * plain text; a JSON object without a query is refused with its line. */
static void
test_file_lines (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *good = errata_test_write_file (
      fixture->dir, "good.jsonl",
      "{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"},"
      " {\"role\": \"user\", \"content\": \"Vegetarian dinner?\"}]}\n"
      "\"A JSON string\"\n\n  plain text  \n", -1);
  g_autofree char *bad = errata_test_write_file (fixture->dir, "bad.jsonl",
                                                 "fine\n{\"answer\": \"no query\"}\n", -1);
  g_autofree char *good_source = g_strconcat ("file:", good, NULL);
  g_autofree char *bad_source = g_strconcat ("file:", bad, NULL);
  g_autoptr(ErrataExperiment) experiment = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GError) error = NULL;

  experiment = errata_experiment_create (fixture->project, "lines", good_source, 1, &error);
  g_assert_no_error (error);
  queries = errata_experiment_list_queries (fixture->project, experiment->id, &error);
  g_assert_cmpuint (queries->len, ==, 3);
  g_assert_cmpstr (((ErrataExperimentQuery *)queries->pdata[0])->text, ==, "Vegetarian dinner?");
  g_assert_cmpstr (((ErrataExperimentQuery *)queries->pdata[1])->text, ==, "A JSON string");
  g_assert_cmpstr (((ErrataExperimentQuery *)queries->pdata[2])->text, ==, "plain text");
  g_assert_null (errata_experiment_create (fixture->project, "bad", bad_source, 1, &error));
  g_assert_error (error, ERRATA_EXPERIMENT_ERROR, ERRATA_EXPERIMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 2"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/experiment/compare", Fixture, GUINT_TO_POINTER (1), fixture_set_up, test_compare,
              fixture_tear_down);
  g_test_add ("/experiment/one-overall-evaluator", Fixture,
              GUINT_TO_POINTER (1 | ONLY_CITES_ORDER), fixture_set_up,
              test_one_overall_evaluator, fixture_tear_down);
  g_test_add ("/experiment/holm", Fixture, GUINT_TO_POINTER (1), fixture_set_up, test_holm,
              fixture_tear_down);
  g_test_add ("/experiment/delete-trace", Fixture, GUINT_TO_POINTER (1), fixture_set_up,
              test_delete_trace, fixture_tear_down);
  g_test_add ("/experiment/repeats", Fixture, GUINT_TO_POINTER (2), fixture_set_up, test_repeats,
              fixture_tear_down);
  g_test_add ("/experiment/labels", Fixture, GUINT_TO_POINTER (1), fixture_set_up, test_labels,
              fixture_tear_down);
  g_test_add ("/experiment/corrected", Fixture, GUINT_TO_POINTER (1), fixture_set_up,
              test_corrected, fixture_tear_down);
  g_test_add ("/experiment/store-errors", Fixture, GUINT_TO_POINTER (1), fixture_set_up,
              test_store_errors, fixture_tear_down);
  g_test_add ("/experiment/changes-sorted", Fixture, GUINT_TO_POINTER (1), fixture_set_up,
              test_changes_sorted, fixture_tear_down);
  g_test_add ("/experiment/file-lines", Fixture, GUINT_TO_POINTER (1), fixture_set_up,
              test_file_lines, fixture_tear_down);
  return g_test_run ();
}
