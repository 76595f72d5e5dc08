/* test-synth-data.c: dimensions, tuples, queries, near-duplicates and the
 * LLM's part (against the mock server).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-mock-llm-server.h"
#include "errata-synth-generate.h"
#include "errata-synth-similarity.h"
#include "errata-synth-tuple-edit.h"
#include "errata-synth-typed.h"
#include "errata-project-private.h"
#include "synth-test-helpers.h"

static void
test_dimensions_parse (void)
{
  g_autoptr(GPtrArray) dimensions = synth_test_dimensions ();
  ErrataSynthDimension *persona = g_ptr_array_index (dimensions, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bad = NULL;

  g_assert_cmpuint (dimensions->len, ==, 3);
  g_assert_cmpstr (persona->name, ==, "persona");
  g_assert_cmpuint (persona->values->len, ==, 3);
  g_assert_cmpstr (((ErrataSynthValue *)g_ptr_array_index (persona->values, 0))->description, ==,
                   "nervous, new to it");
  g_assert_cmpuint (errata_synth_dimensions_n_combinations (dimensions), ==, 12);

  bad = errata_synth_dimensions_from_json ("[{\"name\": \"a\", \"values\": [\"x\", \"x\"]}]", -1,
                                           &error);
  g_assert_null (bad);
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Dimension 1"));
  g_assert_nonnull (strstr (error->message, "“x” is given twice"));
  g_clear_error (&error);
  bad = errata_synth_dimensions_from_json ("[{\"name\": \"a\", \"values\": [\"x\"]},"
                                           " {\"name\": \"b\", \"values\": []}]", -1, &error);
  g_assert_null (bad);
  g_assert_nonnull (strstr (error->message, "Dimension 2"));
  g_clear_error (&error);
  bad = errata_synth_dimensions_from_json ("{\"dims\": 1}", -1, &error);
  g_assert_null (bad);
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID);
}

static void
test_dimensions_store (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GPtrArray) dimensions = synth_test_dimensions ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_synth_dimensions_save (project, dimensions, &error));
  /* Saving again replaces, never appends. */
  g_assert_true (errata_synth_dimensions_save (project, dimensions, &error));
  loaded = errata_synth_dimensions_load (project, &error);
  g_assert_no_error (error);
  a = errata_synth_dimensions_to_json (dimensions);
  b = errata_synth_dimensions_to_json (loaded);
  g_assert_true (json_node_equal (a, b));
  errata_test_remove_tree (dir);
}

static void
test_tuples_all_and_limit (void)
{
  g_autoptr(GPtrArray) dimensions = synth_test_dimensions ();
  g_autoptr(GPtrArray) tuples = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;

  tuples = errata_synth_tuples_all (dimensions, 12, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tuples->len, ==, 12);
  for (guint i = 0; i < tuples->len; i++)
    g_assert_true (g_hash_table_add (keys, errata_synth_tuple_key (g_ptr_array_index (tuples, i))));
  g_clear_pointer (&tuples, g_ptr_array_unref);
  tuples = errata_synth_tuples_all (dimensions, 11, &error);
  g_assert_null (tuples);
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_TOO_MANY);
  g_assert_nonnull (strstr (error->message, "12 tuples, more than the limit of 11"));
}

static gboolean
covers_every_value (GPtrArray *dimensions,
                    GPtrArray *tuples)
{
  for (guint d = 0; d < dimensions->len; d++)
    {
      ErrataSynthDimension *dim = g_ptr_array_index (dimensions, d);

      for (guint v = 0; v < dim->values->len; v++)
        {
          const char *value = ((ErrataSynthValue *)g_ptr_array_index (dim->values, v))->value;
          gboolean seen = FALSE;

          for (guint t = 0; t < tuples->len && !seen; t++)
            seen = g_strcmp0 (json_object_get_string_member (g_ptr_array_index (tuples, t),
                                                             dim->name), value) == 0;
          if (!seen)
            return FALSE;
        }
    }
  return TRUE;
}

static char *
keys_of (GPtrArray *tuples)
{
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; i < tuples->len; i++)
    {
      g_autofree char *key = errata_synth_tuple_key (g_ptr_array_index (tuples, i));

      g_string_append_printf (all, "%s\n", key);
    }
  return g_string_free (g_steal_pointer (&all), FALSE);
}

static void
test_tuples_sample (void)
{
  g_autoptr(GPtrArray) dimensions = synth_test_dimensions ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *other = NULL;
  gboolean differs = FALSE;

  /* Every size from the least that covers to every combination, many seeds. */
  for (guint n = 3; n <= 12; n++)
    for (guint64 seed = 1; seed <= 20; seed++)
      {
        g_autoptr(GPtrArray) tuples = errata_synth_tuples_sample (dimensions, n, seed, 100, &error);
        g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

        g_assert_no_error (error);
        g_assert_cmpuint (tuples->len, ==, n);
        g_assert_true (covers_every_value (dimensions, tuples));
        for (guint i = 0; i < tuples->len; i++)
          g_assert_true (g_hash_table_add (keys, errata_synth_tuple_key (g_ptr_array_index (tuples, i))));
      }
  {
    g_autoptr(GPtrArray) a = errata_synth_tuples_sample (dimensions, 6, 7, 100, NULL);
    g_autoptr(GPtrArray) b = errata_synth_tuples_sample (dimensions, 6, 7, 100, NULL);

    first = keys_of (a);
    again = keys_of (b);
    g_assert_cmpstr (first, ==, again);
  }
  for (guint64 seed = 8; seed < 30 && !differs; seed++)
    {
      g_autoptr(GPtrArray) c = errata_synth_tuples_sample (dimensions, 6, seed, 100, NULL);

      g_free (other);
      other = keys_of (c);
      differs = g_strcmp0 (first, other) != 0;
    }
  g_assert_true (differs);

  g_assert_null (errata_synth_tuples_sample (dimensions, 2, 1, 100, &error));
  g_assert_nonnull (strstr (error->message, "at least 3 tuples"));
  g_clear_error (&error);
  g_assert_null (errata_synth_tuples_sample (dimensions, 13, 1, 100, &error));
  g_assert_nonnull (strstr (error->message, "Only 12 combinations"));
  g_clear_error (&error);
  g_assert_null (errata_synth_tuples_sample (dimensions, 10, 1, 5, &error));
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_TOO_MANY);
}

static void
test_tuples_store (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GPtrArray) dimensions = synth_test_dimensions ();
  g_autoptr(GPtrArray) sample = errata_synth_tuples_sample (dimensions, 5, 3, 100, NULL);
  g_autoptr(GPtrArray) all = errata_synth_tuples_all (dimensions, 100, NULL);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(JsonObject) coverage = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 0;

  g_assert_true (errata_synth_tuples_add (project, sample, ERRATA_SYNTH_ORIGIN_SAMPLED, &added, &error));
  g_assert_cmpuint (added, ==, 5);
  /* The sampled five are there already: only seven are new. */
  g_assert_true (errata_synth_tuples_add (project, all, ERRATA_SYNTH_ORIGIN_ALL, &added, &error));
  g_assert_cmpuint (added, ==, 7);
  stored = errata_synth_tuples_list (project, &error);
  g_assert_cmpuint (stored->len, ==, 12);
  g_assert_cmpint (((ErrataSynthTuple *)g_ptr_array_index (stored, 0))->origin, ==,
                   ERRATA_SYNTH_ORIGIN_SAMPLED);
  g_assert_cmpint (((ErrataSynthTuple *)g_ptr_array_index (stored, 11))->origin, ==,
                   ERRATA_SYNTH_ORIGIN_ALL);
  coverage = errata_synth_tuples_coverage (dimensions, stored);
  /* 12 combinations: each persona in 4, each feature and scenario in 6. */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (coverage, "persona"),
                                               "investor"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (coverage, "feature"),
                                               "mortgage"), ==, 6);
  g_assert_true (errata_synth_tuples_delete (project, ((ErrataSynthTuple *)
                                                       g_ptr_array_index (stored, 0))->id, &error));
  g_assert_false (errata_synth_tuples_delete (project, 9999, &error));
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_NOT_FOUND);
  errata_test_remove_tree (dir);
}

static void
test_similarity (void)
{
  const char *texts[] = {
    "How do I get a mortgage?",
    "how do i get a MORTGAGE",
    "Show me flats near the river",
    "Show me flats near the station",
    "ok",
    NULL,
  };
  g_autoptr(GArray) near = NULL;
  ErrataSynthNear *n;

  /* Bigrams {a b, b c} and {a b, b d}: one shared of three. */
  g_assert_cmpfloat_with_epsilon (errata_synth_similarity ("a b c", "a b d", 2), 1.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (errata_synth_similarity ("A, b!", "a b", 2), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (errata_synth_similarity ("a b", "c d", 2), 0.0, 1e-9);
  /* Shorter than n words: the whole text is one n-gram. */
  g_assert_cmpfloat_with_epsilon (errata_synth_similarity ("ok", "ok", 3), 1.0, 1e-9);

  near = errata_synth_near_duplicates (texts, 2, 0.6);
  g_assert_cmpuint (near->len, ==, 5);
  n = &g_array_index (near, ErrataSynthNear, 0);
  g_assert_cmpint (n->other, ==, 1);
  g_assert_cmpfloat_with_epsilon (n->similarity, 1.0, 1e-9);
  g_assert_cmpint (g_array_index (near, ErrataSynthNear, 1).other, ==, 0);
  /* {show me, me flats, flats near, near the} shared, 4 of 6. */
  n = &g_array_index (near, ErrataSynthNear, 2);
  g_assert_cmpint (n->other, ==, 3);
  g_assert_cmpfloat_with_epsilon (n->similarity, 4.0 / 6, 1e-9);
  g_assert_cmpint (g_array_index (near, ErrataSynthNear, 4).other, ==, -1);
  g_clear_pointer (&near, g_array_unref);
  /* Above the threshold only. */
  near = errata_synth_near_duplicates (texts, 2, 0.7);
  g_assert_cmpint (g_array_index (near, ErrataSynthNear, 2).other, ==, -1);
}

static void
test_query_states (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) accepted = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[2];
  gint64 unknown[] = { 1, 99999 };

  synth_test_fill (project, NULL, NULL);
  all = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, &error);
  g_assert_cmpuint (all->len, ==, 12);
  ids[0] = ((ErrataSynthQuery *)g_ptr_array_index (all, 0))->id;
  ids[1] = ((ErrataSynthQuery *)g_ptr_array_index (all, 5))->id;
  g_assert_true (errata_synth_queries_set_state (project, ids, 2, ERRATA_SYNTH_QUERY_REJECTED,
                                                 &error));
  accepted = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ACCEPTED, &error);
  g_assert_cmpuint (accepted->len, ==, 10);
  /* An unknown id changes nothing, not even the known one before it. */
  g_assert_false (errata_synth_queries_set_state (project, unknown, 2,
                                                  ERRATA_SYNTH_QUERY_ACCEPTED, &error));
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_NOT_FOUND);
  g_clear_pointer (&accepted, g_ptr_array_unref);
  accepted = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ACCEPTED, &error);
  g_assert_cmpuint (accepted->len, ==, 10);
  g_assert_true (errata_synth_queries_set_text (project, ids[0], "edited", NULL));
  g_clear_pointer (&all, g_ptr_array_unref);
  all = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, &error);
  g_assert_cmpstr (((ErrataSynthQuery *)g_ptr_array_index (all, 0))->text, ==, "edited");
  g_assert_cmpstr (json_object_get_string_member (((ErrataSynthQuery *)
                                                   g_ptr_array_index (all, 0))->dimensions,
                                                  "persona"), ==, "first-time buyer");
  errata_test_remove_tree (dir);
}

/* A trace in the project, made the reply of query `query_id` (as a run
 * makes it). */
static gint64
link_trace (ErrataProject *project,
            gint64         query_id)
{
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("synth-linked", "q", "a");
  g_autofree char *sql = NULL;
  gboolean added = FALSE;

  g_assert_true (errata_project_add_trace (project, trace, &added, NULL));
  sql = g_strdup_printf ("UPDATE synth_queries SET trace_id = %" G_GINT64_FORMAT
                         " WHERE id = %" G_GINT64_FORMAT, errata_trace_get_id (trace), query_id);
  g_assert_cmpint (sqlite3_exec (_errata_project_get_db (project), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
  return errata_trace_get_id (trace);
}

static ErrataSynthQuery *
query_at (GPtrArray *queries,
          guint      index)
{
  return g_ptr_array_index (queries, index);
}

/* Edit and delete a query; neither once it was run; empty text refused. */
static void
test_query_edit_and_delete (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 run_id, trace_id;

  synth_test_fill (project, NULL, NULL);
  before = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, &error);
  g_assert_true (errata_synth_queries_set_text (project, query_at (before, 0)->id,
                                                "  Can I afford a flat on 40k?  ", &error));
  g_assert_no_error (error);
  g_assert_false (errata_synth_queries_set_text (project, query_at (before, 0)->id, " \n", &error));
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (errata_synth_queries_delete (project, query_at (before, 1)->id, &error));
  g_assert_false (errata_synth_queries_delete (project, query_at (before, 1)->id, &error));
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  run_id = query_at (before, 2)->id;
  trace_id = link_trace (project, run_id);
  g_assert_false (errata_synth_queries_set_text (project, run_id, "other", &error));
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "trace"));
  g_clear_error (&error);
  g_assert_false (errata_synth_queries_delete (project, run_id, &error));
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (trace_id, >, 0);

  after = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, &error);
  g_assert_cmpuint (after->len, ==, before->len - 1);
  g_assert_cmpstr (query_at (after, 0)->text, ==, "Can I afford a flat on 40k?");
  g_assert_cmpstr (query_at (after, 1)->text, ==, query_at (before, 2)->text);
  errata_test_remove_tree (dir);
}

/* A tuple goes with its queries; not one whose query was run. */
static void
test_tuple_delete_with_queries (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GPtrArray) tuples = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first, second;

  synth_test_fill (project, NULL, NULL);
  tuples = errata_synth_tuples_list (project, &error);
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, &error);
  first = ((ErrataSynthTuple *)g_ptr_array_index (tuples, 0))->id;
  second = ((ErrataSynthTuple *)g_ptr_array_index (tuples, 1))->id;
  g_assert_cmpint (query_at (queries, 0)->tuple_id, ==, first);
  g_assert_cmpint (query_at (queries, 1)->tuple_id, ==, second);

  g_assert_true (errata_synth_tuples_delete (project, first, &error));
  g_assert_no_error (error);
  link_trace (project, query_at (queries, 1)->id);
  g_assert_false (errata_synth_tuples_delete (project, second, &error));
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID);
  g_clear_error (&error);

  left = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, &error);
  g_assert_cmpuint (left->len, ==, queries->len - 1);
  for (guint i = 0; i < left->len; i++)
    g_assert_cmpint (query_at (left, i)->tuple_id, !=, first);
  g_clear_pointer (&tuples, g_ptr_array_unref);
  tuples = errata_synth_tuples_list (project, &error);
  g_assert_cmpint (((ErrataSynthTuple *)g_ptr_array_index (tuples, 0))->id, ==, second);
  errata_test_remove_tree (dir);
}

/* Typed tuples and queries from a file: all or nothing, the bad entry named. */
static void
test_typed (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GPtrArray) dimensions = synth_test_dimensions ();
  g_autoptr(JsonNode) good = json_from_string (
    "[{\"dimensions\": {\"persona\": \"investor\", \"feature\": \"search\", \"scenario\": \"clear\"},"
    "  \"queries\": [\"Any two-flat buildings for sale?\", \"Which areas yield best?\"]},"
    " {\"dimensions\": {\"persona\": \"investor\", \"feature\": \"search\", \"scenario\": \"clear\"},"
    "  \"queries\": [\"Another for the same tuple\"]}]", NULL);
  g_autoptr(JsonNode) bad = json_from_string (
    "[{\"dimensions\": {\"persona\": \"renter\", \"feature\": \"search\", \"scenario\": \"vague\"},"
    "  \"queries\": [\"fine\"]},"
    " {\"dimensions\": {\"persona\": \"alien\", \"feature\": \"search\", \"scenario\": \"clear\"},"
    "  \"queries\": [\"x\"]}]", NULL);
  g_autoptr(GPtrArray) tuples = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GError) error = NULL;
  guint n_tuples = 0, n_queries = 0;

  g_assert_true (errata_synth_dimensions_save (project, dimensions, &error));
  g_assert_true (errata_synth_typed_add (project, dimensions, good, &n_tuples, &n_queries, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_tuples, ==, 1);
  g_assert_cmpuint (n_queries, ==, 3);
  g_assert_false (errata_synth_typed_add (project, dimensions, bad, NULL, NULL, &error));
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Entry 2:"));
  tuples = errata_synth_tuples_list (project, NULL);
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  /* The good first entry of the bad file was rolled back with it. */
  g_assert_cmpuint (tuples->len, ==, 1);
  g_assert_cmpuint (queries->len, ==, 3);
  g_assert_cmpint (((ErrataSynthTuple *)g_ptr_array_index (tuples, 0))->origin, ==,
                   ERRATA_SYNTH_ORIGIN_TYPED);
  g_assert_cmpint (((ErrataSynthQuery *)g_ptr_array_index (queries, 0))->state, ==,
                   ERRATA_SYNTH_QUERY_DRAFT);
  errata_test_remove_tree (dir);
}

/* The LLM's part ------------------------------------------------------------ */

static ErrataLlmClient *
mock_client (ErrataMockLlmServer *server)
{
  g_autofree char *base = errata_mock_llm_server_dup_base_url (server, FALSE);
  g_autoptr(ErrataLlmProvider) provider = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI, base,
                                                                   "mock");

  provider->concurrency = 4;
  return errata_llm_client_new (provider);
}

static void
test_llm_tuples (void)
{
  g_autoptr(ErrataMockLlmServer) server = errata_mock_llm_server_new (0, NULL);
  g_autoptr(ErrataLlmClient) client = mock_client (server);
  g_autoptr(GPtrArray) dimensions = synth_test_dimensions ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) tuples = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *request;
  guint dropped = 0;

  errata_synth_generate_tuples_async (client, dimensions, 6, 100, NULL, errata_test_on_result,
                                      &result);
  errata_test_wait_for_result (&result);
  tuples = errata_synth_generate_tuples_finish (result, &dropped, &error);
  g_assert_no_error (error);
  /* The mock sends seven, the last a repeat of the first. */
  g_assert_cmpuint (tuples->len, ==, 6);
  g_assert_cmpuint (dropped, ==, 1);
  g_assert_true (covers_every_value (dimensions, tuples));
  for (guint i = 0; i < tuples->len; i++)
    g_assert_true (errata_synth_tuple_check (dimensions, g_ptr_array_index (tuples, i), NULL));
  /* The schema names each dimension's values. */
  request = errata_mock_llm_server_get_last_request (server);
  {
    g_autofree char *text = json_to_string (request, FALSE);

    g_assert_nonnull (strstr (text, "\"enum\":[\"first-time buyer\",\"investor\",\"renter\"]"));
    g_assert_nonnull (strstr (text, "nervous, new to it"));
  }
  g_clear_object (&result);
  errata_synth_generate_tuples_async (client, dimensions, 101, 100, NULL, errata_test_on_result,
                                      &result);
  errata_test_wait_for_result (&result);
  g_assert_null (errata_synth_generate_tuples_finish (result, NULL, &error));
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_TOO_MANY);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, 1);
}

static void
test_llm_queries (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataMockLlmServer) server = errata_mock_llm_server_new (0, NULL);
  g_autoptr(ErrataLlmClient) client = mock_client (server);
  g_autoptr(GPtrArray) dimensions = synth_test_dimensions ();
  g_autoptr(GPtrArray) combos = errata_synth_tuples_all (dimensions, 100, NULL);
  g_autoptr(GPtrArray) tuples = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) texts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *prompt = NULL;
  guint added, failed = 99;

  g_assert_true (errata_synth_dimensions_save (project, dimensions, NULL));
  g_assert_true (errata_synth_tuples_add (project, combos, ERRATA_SYNTH_ORIGIN_ALL, NULL, NULL));
  tuples = errata_synth_tuples_list (project, NULL);
  errata_synth_generate_queries_async (client, project, dimensions, tuples, 2, 1000, NULL, NULL,
                                       NULL, errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  added = errata_synth_generate_queries_finish (result, &failed, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 24);
  g_assert_cmpuint (failed, ==, 0);
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  g_assert_cmpuint (queries->len, ==, 24);
  for (guint i = 0; i < queries->len; i++)
    {
      ErrataSynthQuery *query = g_ptr_array_index (queries, i);

      g_assert_cmpint (query->state, ==, ERRATA_SYNTH_QUERY_DRAFT);
      g_assert_false (query->typed);
      /* Varied: no text twice. */
      g_assert_true (g_hash_table_add (texts, query->text));
      /* Written for its tuple. */
      g_assert_nonnull (strstr (query->text, json_object_get_string_member (query->dimensions,
                                                                            "persona")));
    }
  /* In the persona's voice. */
  prompt = errata_synth_queries_prompt (dimensions, ((ErrataSynthTuple *)
                                                     g_ptr_array_index (tuples, 0))->dimensions, 2);
  g_assert_nonnull (strstr (prompt, "Write as this user: first-time buyer — nervous, new to it."));

  /* Over the limit: refused before anything is sent. */
  g_clear_object (&result);
  errata_synth_generate_queries_async (client, project, dimensions, tuples, 10, 100, NULL, NULL,
                                       NULL, errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  g_assert_cmpuint (errata_synth_generate_queries_finish (result, NULL, NULL, &error), ==, 0);
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_TOO_MANY);
  g_assert_nonnull (strstr (error->message, "120 queries, more than the limit of 100"));
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (server), ==, 12);
  errata_test_remove_tree (dir);
}

static JsonObject *
tuple_of (const char *persona,
          const char *feature,
          const char *scenario)
{
  JsonObject *tuple = json_object_new ();

  json_object_set_string_member (tuple, "persona", persona);
  json_object_set_string_member (tuple, "feature", feature);
  json_object_set_string_member (tuple, "scenario", scenario);
  return tuple;
}

/* A tuple's values change in place (checked, never onto another tuple's,
 * never once run); a deletion puts back exactly what it took. */
static void
test_tuple_edit_and_undo (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GPtrArray) dimensions = synth_test_dimensions ();
  g_autoptr(GPtrArray) tuples = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(JsonObject) taken = tuple_of ("investor", "search", "clear");
  g_autoptr(JsonObject) unknown = tuple_of ("alien", "search", "clear");
  g_autoptr(JsonObject) free_values = NULL;
  g_autoptr(ErrataSynthDeletedTuple) deleted = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first, last;

  synth_test_fill (project, NULL, NULL);
  tuples = errata_synth_tuples_list (project, NULL);
  first = ((ErrataSynthTuple *)g_ptr_array_index (tuples, 0))->id;
  last = ((ErrataSynthTuple *)g_ptr_array_index (tuples, 11))->id;
  before = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);

  /* Onto another tuple's values, or a value the dimension lacks: refused. */
  g_assert_false (errata_synth_tuples_set_values (project, dimensions, first, taken, &error));
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "has these values already"));
  g_clear_error (&error);
  g_assert_false (errata_synth_tuples_set_values (project, dimensions, first, unknown, &error));
  g_assert_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID);
  g_clear_error (&error);

  /* Delete the last tuple, keeping it for undo: its query goes with it. */
  deleted = errata_synth_tuples_delete_undoable (project, last, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_synth_deleted_tuple_get_n_queries (deleted), ==, 1);
  g_clear_pointer (&tuples, g_ptr_array_unref);
  tuples = errata_synth_tuples_list (project, NULL);
  g_assert_cmpuint (tuples->len, ==, 11);

  /* Its values are free now: tuple 1 takes them. */
  free_values = tuple_of ("renter", "mortgage", "vague");
  g_assert_true (errata_synth_tuples_set_values (project, dimensions, first, free_values, &error));
  g_assert_no_error (error);
  /* So undo is refused (the values are taken again), changing nothing... */
  g_assert_false (errata_synth_tuples_undelete (project, deleted, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&tuples, g_ptr_array_unref);
  tuples = errata_synth_tuples_list (project, NULL);
  g_assert_cmpuint (tuples->len, ==, 11);
  /* ...until tuple 1 has its old values back. */
  g_clear_pointer (&free_values, json_object_unref);
  free_values = tuple_of ("first-time buyer", "search", "clear");
  g_assert_true (errata_synth_tuples_set_values (project, dimensions, first, free_values, &error));
  g_assert_true (errata_synth_tuples_undelete (project, deleted, &error));
  g_assert_no_error (error);
  after = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    {
      ErrataSynthQuery *a = g_ptr_array_index (before, i), *b = g_ptr_array_index (after, i);

      g_assert_cmpint (a->id, ==, b->id);
      g_assert_cmpint (a->tuple_id, ==, b->tuple_id);
      g_assert_cmpstr (a->text, ==, b->text);
      g_assert_cmpint (a->state, ==, b->state);
    }

  /* A tuple whose query was run keeps its values: its trace has them. */
  {
    g_autoptr(ErrataTrace) trace = errata_test_new_trace ("t1", "q", "a");
    g_autofree char *sql = NULL;

    g_assert_true (errata_project_add_trace (project, trace, NULL, NULL));
    sql = g_strdup_printf ("UPDATE synth_queries SET trace_id = %" G_GINT64_FORMAT
                           " WHERE id = %" G_GINT64_FORMAT, errata_trace_get_id (trace),
                           ((ErrataSynthQuery *)g_ptr_array_index (after, 0))->id);
    g_assert_cmpint (sqlite3_exec (_errata_project_get_db (project), sql, NULL, NULL, NULL), ==,
                     SQLITE_OK);
  }
  g_assert_false (errata_synth_tuples_set_values (project, dimensions, first, taken, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "were run"));
  errata_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  /* Isolated dirs hide the system's GSettings schemas, which the GNOME
   * proxy resolver reads on the first HTTP request: every server here is
   * on loopback anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/synth/dimensions/parse", test_dimensions_parse);
  g_test_add_func ("/synth/dimensions/store", test_dimensions_store);
  g_test_add_func ("/synth/tuples/all-and-limit", test_tuples_all_and_limit);
  g_test_add_func ("/synth/tuples/sample", test_tuples_sample);
  g_test_add_func ("/synth/tuples/store", test_tuples_store);
  g_test_add_func ("/synth/queries/similarity", test_similarity);
  g_test_add_func ("/synth/queries/states", test_query_states);
  g_test_add_func ("/synth/queries/edit-and-delete", test_query_edit_and_delete);
  g_test_add_func ("/synth/tuples/delete-with-queries", test_tuple_delete_with_queries);
  g_test_add_func ("/synth/tuples/edit-and-undo", test_tuple_edit_and_undo);
  g_test_add_func ("/synth/typed", test_typed);
  g_test_add_func ("/synth/llm/tuples", test_llm_tuples);
  g_test_add_func ("/synth/llm/queries", test_llm_queries);
  return g_test_run ();
}
