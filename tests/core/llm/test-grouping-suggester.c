/* test-grouping-suggester.c: LLM-suggested failure modes against the
 * in-process mock server: batching and merging, ids the model made up,
 * a bad batch among good ones, a refused key, cancel, and accepting a
 * proposal as one undoable edit.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-grouping-suggester.h"
#include "errata-test-utils.h"
#include "llm-test-helpers.h"

#define N_NOTES 6

typedef struct
{
  char                *dir;
  ErrataProject       *project;
  ErrataTaxonomy      *taxonomy;
  ErrataMockLlmServer *server;
  ErrataLlmClient     *client;
  gint64               notes[N_NOTES];   /* annotation ids, in review order */
  GArray              *progress;         /* of guint pairs: done, total */
} Fixture;

static const char * const note_texts[N_NOTES] = {
  "Recommended a flat above the stated budget",
  "Quoted a price \"per month\" that was per week",
  "Rude reply when the user asked twice",
  "Ignored the budget of 1200 EUR",
  "Budget limit ignored again\nsecond line",
  "Never called the calendar tool",
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  ErrataLlmKind kind = GPOINTER_TO_INT (data);
  g_autoptr(ErrataLlmProvider) provider = NULL;

  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->taxonomy = errata_taxonomy_new (fixture->project);
  for (int i = 0; i < N_NOTES; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%d", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, "question", "answer");
      g_autoptr(ErrataAnnotation) annotation = NULL;

      g_assert_true (errata_project_add_trace (fixture->project, trace, NULL, &error));
      annotation = errata_annotation_new (errata_trace_get_id (trace), "Ada");
      annotation->verdict = ERRATA_VERDICT_FAIL;
      g_free (annotation->note);
      annotation->note = g_strdup (note_texts[i]);
      g_assert_true (errata_project_set_annotation (fixture->project, annotation, &error));
      g_usleep (1000);   /* cards come in review order */
    }
  cards = errata_taxonomy_list_cards (fixture->taxonomy, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, N_NOTES);
  for (guint i = 0; i < N_NOTES; i++)
    {
      g_assert_cmpstr (((ErrataNoteCard *) cards->pdata[i])->note, ==, note_texts[i]);
      fixture->notes[i] = ((ErrataNoteCard *) cards->pdata[i])->annotation_id;
    }

  fixture->server = errata_mock_llm_server_new (0, &error);
  g_assert_no_error (error);
  provider = llm_test_provider (fixture->server, kind);
  provider->concurrency = 1;   /* scripted replies then go to batches in order */
  fixture->client = errata_llm_client_new (provider);
  errata_llm_client_set_retry_delays (fixture->client, 10, 50);
  fixture->progress = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->taxonomy);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_array_unref (fixture->progress);
}

static void
script (Fixture    *fixture,
        const char *reply_json)
{
  g_autoptr(JsonNode) json = json_from_string (reply_json, NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) reply = NULL;

  g_assert_nonnull (json);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "json");
  json_builder_add_value (builder, g_steal_pointer (&json));
  json_builder_end_object (builder);
  reply = json_builder_get_root (builder);
  errata_mock_llm_server_add_reply (fixture->server, reply);
}

static void
on_progress (ErrataGroupingSuggester *suggester,
             guint                    done,
             guint                    total,
             Fixture                 *fixture)
{
  g_array_append_val (fixture->progress, done);
  g_array_append_val (fixture->progress, total);
}

typedef struct
{
  GAsyncResult *result;
  guint         pending;
} Waiter;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Waiter *waiter = data;

  waiter->result = g_object_ref (result);
  waiter->pending = 0;
}

static ErrataGroupingSuggester *
new_suggester (Fixture             *fixture,
               ErrataGroupingScope  scope,
               guint                batch_size)
{
  ErrataGroupingSuggester *suggester = errata_grouping_suggester_new (fixture->taxonomy,
                                                                      fixture->client);

  errata_grouping_suggester_set_scope (suggester, scope);
  errata_grouping_suggester_set_batch_size (suggester, batch_size);
  g_signal_connect (suggester, "progress", G_CALLBACK (on_progress), fixture);
  return suggester;
}

static ErrataGroupingResult *
run (ErrataGroupingSuggester  *suggester,
     GCancellable             *cancellable,
     GError                  **error)
{
  Waiter waiter = { NULL, 1 };
  ErrataGroupingResult *result;

  errata_grouping_suggester_run_async (suggester, cancellable, on_done, &waiter);
  llm_test_wait (&waiter.pending);
  result = errata_grouping_suggester_run_finish (suggester, waiter.result, error);
  g_object_unref (waiter.result);
  return result;
}

static void
assert_ids (ErrataGroupingProposal *proposal,
            const gint64           *expected,
            guint                   n)
{
  g_assert_cmpuint (proposal->annotation_ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (proposal->annotation_ids, gint64, i), ==, expected[i]);
}

static guint
n_modes (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) modes = errata_taxonomy_list_modes (fixture->taxonomy, &error);

  g_assert_no_error (error);
  return modes->len;
}

/* The user message of the last request, whatever the protocol. */
static const char *
last_user_message (Fixture *fixture)
{
  JsonObject *request = json_node_get_object (errata_mock_llm_server_get_last_request (fixture->server));
  JsonArray *messages = json_object_get_array_member (request, "messages");
  JsonObject *last = json_array_get_object_element (messages, json_array_get_length (messages) - 1);

  g_assert_cmpstr (json_object_get_string_member (last, "role"), ==, "user");
  return json_object_get_string_member (last, "content");
}

static void
script_two_batches (Fixture *fixture)
{
  script (fixture, "{\"modes\": ["
                   "{\"name\": \"Budget ignored\", \"definition\": \"Recommends above the budget\","
                   " \"note_ids\": [\"n1\", \"n2\", \"n1\"]},"
                   "{\"name\": \"Rude tone\", \"definition\": \"Impolite wording\", \"note_ids\": [\"n3\"]}]}");
  script (fixture, "{\"modes\": ["
                   "{\"name\": \"  budget IGNORED \", \"definition\": \"\", \"note_ids\": [\"N4\", \"n5\"]},"
                   "{\"name\": \"Missed tool call\", \"definition\": \"Did not call a needed tool\","
                   " \"note_ids\": [\"n6\"]}]}");
}

/* Two batches of three; the same mode in both (named with another case)
 * is merged; nothing is applied. */
static void
test_two_batches_merged (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ErrataGroupingSuggester) suggester = new_suggester (fixture, ERRATA_GROUPING_SCOPE_UNSORTED, 3);
  g_autoptr(ErrataGroupingResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 budget[] = { fixture->notes[0], fixture->notes[1], fixture->notes[3], fixture->notes[4] };
  const char *prompt;
  ErrataGroupingProposal *proposal;

  script_two_batches (fixture);
  result = run (suggester, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (result->n_notes, ==, N_NOTES);
  g_assert_cmpuint (result->n_batches, ==, 2);
  g_assert_cmpuint (result->n_batches_failed, ==, 0);
  g_assert_cmpuint (result->n_unknown_ids, ==, 0);
  g_assert_cmpuint (result->proposals->len, ==, 3);

  proposal = result->proposals->pdata[0];
  g_assert_cmpstr (proposal->name, ==, "Budget ignored");
  g_assert_cmpstr (proposal->definition, ==, "Recommends above the budget");
  g_assert_cmpint (proposal->existing_mode_id, ==, 0);
  assert_ids (proposal, budget, 4);
  proposal = result->proposals->pdata[1];
  g_assert_cmpstr (proposal->name, ==, "Rude tone");
  assert_ids (proposal, &fixture->notes[2], 1);
  proposal = result->proposals->pdata[2];
  g_assert_cmpstr (proposal->name, ==, "Missed tool call");
  assert_ids (proposal, &fixture->notes[5], 1);
  g_assert_cmpint (result->tokens_in, >, 0);

  /* Progress: 1 of 2, then 2 of 2. */
  g_assert_cmpuint (fixture->progress->len, ==, 4);
  g_assert_cmpuint (g_array_index (fixture->progress, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (fixture->progress, guint, 2), ==, 2);
  g_assert_cmpuint (g_array_index (fixture->progress, guint, 3), ==, 2);

  /* The second batch carried notes 4-6 under their short ids, as JSON. */
  prompt = last_user_message (fixture);
  g_assert_nonnull (strstr (prompt, "{\"id\":\"n4\",\"note\":\"Ignored the budget of 1200 EUR\"}"));
  g_assert_nonnull (strstr (prompt, "Budget limit ignored again\\nsecond line"));
  g_assert_null (strstr (prompt, "\"n1\""));
  g_assert_null (strstr (prompt, "Recommended a flat"));
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 2);

  g_assert_cmpuint (n_modes (fixture), ==, 0);
}

/* A proposal named like an existing mode adds to it, without the notes
 * already there; the prompt names the existing modes. */
static void
test_existing_mode_reused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ErrataGroupingSuggester) suggester = new_suggester (fixture, ERRATA_GROUPING_SCOPE_ALL, 80);
  g_autoptr(ErrataGroupingResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ErrataGroupingProposal *proposal;
  gint64 tone;

  tone = errata_taxonomy_create_mode (fixture->taxonomy, "Rude tone", "Impolite or curt",
                                      &fixture->notes[2], 1, ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  script (fixture, "{\"modes\": [{\"name\": \"rude TONE\", \"definition\": \"whatever\","
                   " \"note_ids\": [\"n3\", \"n5\"]},"
                   " {\"name\": \"Rude tone \", \"definition\": \"\", \"note_ids\": [\"n3\"]}]}");
  result = run (suggester, NULL, &error);
  g_assert_no_error (error);

  g_assert_nonnull (strstr (last_user_message (fixture), "- Rude tone: Impolite or curt"));
  g_assert_cmpuint (result->n_notes, ==, N_NOTES);
  g_assert_cmpuint (result->proposals->len, ==, 1);
  proposal = result->proposals->pdata[0];
  g_assert_cmpint (proposal->existing_mode_id, ==, tone);
  g_assert_cmpstr (proposal->name, ==, "Rude tone");
  g_assert_cmpstr (proposal->definition, ==, "Impolite or curt");
  assert_ids (proposal, &fixture->notes[4], 1);
}

/* Ids the model made up, or took from another batch, are dropped and
 * counted; a proposal left with none is dropped. */
static void
test_unknown_ids_filtered (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ErrataGroupingSuggester) suggester = new_suggester (fixture, ERRATA_GROUPING_SCOPE_UNSORTED, 3);
  g_autoptr(ErrataGroupingResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 first[] = { fixture->notes[0], fixture->notes[2] };

  script (fixture, "{\"modes\": [{\"name\": \"Real\", \"definition\": \"d\","
                   " \"note_ids\": [\"n1\", \"n99\", \"x\", 3, {\"id\": \"n2\"}]},"
                   " {\"name\": \"Invented\", \"definition\": \"d\", \"note_ids\": [\"n42\", \"n0\"]},"
                   " {\"name\": \"\", \"definition\": \"nameless\", \"note_ids\": [\"n2\"]}]}");
  script (fixture, "{\"modes\": [{\"name\": \"Cross batch\", \"definition\": \"d\","
                   " \"note_ids\": [\"n1\", \"n2\"]}]}");
  result = run (suggester, NULL, &error);
  g_assert_no_error (error);

  /* n99, x, {…}, n42, n0 in batch 1; n1, n2 are not in batch 2. */
  g_assert_cmpuint (result->n_unknown_ids, ==, 7);
  g_assert_cmpuint (result->n_empty_dropped, ==, 2);
  g_assert_cmpuint (result->proposals->len, ==, 1);
  g_assert_cmpstr (((ErrataGroupingProposal *) result->proposals->pdata[0])->name, ==, "Real");
  assert_ids (result->proposals->pdata[0], first, 2);
}

/* A malformed body and a reply of the wrong shape fail their own batch;
 * the third batch still counts. */
static void
test_bad_batch_reported (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ErrataGroupingSuggester) suggester = new_suggester (fixture, ERRATA_GROUPING_SCOPE_UNSORTED, 2);
  g_autoptr(ErrataGroupingResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GError *batch_error;

  errata_mock_llm_server_set_fault (fixture->server, ERRATA_MOCK_FAULT_MALFORMED, 1);
  script (fixture, "{\"groups\": []}");
  script (fixture, "{\"modes\": [{\"name\": \"Missed tool call\", \"definition\": \"d\","
                   " \"note_ids\": [\"n6\", \"n5\"]}]}");
  result = run (suggester, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (result->n_batches, ==, 3);
  g_assert_cmpuint (result->n_batches_failed, ==, 2);
  g_assert_cmpuint (result->batch_errors->len, ==, 2);
  batch_error = result->batch_errors->pdata[0];
  g_assert_true (g_str_has_prefix (batch_error->message, "Batch 1 of 3: "));
  g_assert_true (g_error_matches (batch_error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY));
  batch_error = result->batch_errors->pdata[1];
  g_assert_true (g_str_has_prefix (batch_error->message, "Batch 2 of 3: "));
  g_assert_nonnull (strstr (batch_error->message, "no list of failure modes"));

  g_assert_cmpuint (result->proposals->len, ==, 1);
  {
    const gint64 expected[] = { fixture->notes[5], fixture->notes[4] };

    assert_ids (result->proposals->pdata[0], expected, 2);
  }
}

/* A refused key stops the run: one request, not one per batch. */
static void
test_auth_error_stops (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ErrataGroupingSuggester) suggester = new_suggester (fixture, ERRATA_GROUPING_SCOPE_UNSORTED, 2);
  g_autoptr(ErrataGroupingResult) result = NULL;
  g_autoptr(GError) error = NULL;

  errata_mock_llm_server_set_fault (fixture->server, ERRATA_MOCK_FAULT_AUTH, 0);
  result = run (suggester, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_AUTH);
  g_assert_null (strstr (error->message, "test-key"));
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 1);
  /* Every batch was accounted for, so the progress bar ends full. */
  g_assert_cmpuint (g_array_index (fixture->progress, guint, fixture->progress->len - 2), ==, 3);
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ErrataGroupingSuggester) suggester = new_suggester (fixture, ERRATA_GROUPING_SCOPE_UNSORTED, 2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ErrataGroupingResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* The server would answer in ten minutes: run() only comes back (within
   * llm_test_wait()'s deadline) if cancelling stops the request. */
  errata_mock_llm_server_set_latency (fixture->server, 600 * 1000);
  g_timeout_add (100, cancel_soon, cancellable);
  result = run (suggester, cancellable, &error);

  g_assert_null (result);
  g_assert_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_CANCELLED);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), <=, 1);
  llm_test_sleep (50);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), <=, 1);
}

static void
test_no_notes (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ErrataGroupingSuggester) suggester = new_suggester (fixture, ERRATA_GROUPING_SCOPE_UNSORTED, 80);
  g_autoptr(ErrataGroupingResult) result = NULL;
  g_autoptr(GError) error = NULL;

  errata_taxonomy_create_mode (fixture->taxonomy, "All", "", fixture->notes, N_NOTES,
                               ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  result = run (suggester, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, ERRATA_GROUPING_ERROR, ERRATA_GROUPING_ERROR_NO_NOTES);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 0);
}

/* A note on a passing trace is not grouped unless asked for: with only
 * such a note left in Unsorted, nothing is sent and the error says so. */
static void
test_passing_notes_left_out (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ErrataGroupingSuggester) suggester = new_suggester (fixture, ERRATA_GROUPING_SCOPE_UNSORTED, 80);
  g_autoptr(ErrataGroupingResult) result = NULL;
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("passing", "question", "answer");
  g_autoptr(ErrataAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;

  errata_taxonomy_create_mode (fixture->taxonomy, "All", "", fixture->notes, N_NOTES,
                               ERRATA_UNSORTED, &error);
  g_assert_true (errata_project_add_trace (fixture->project, trace, NULL, &error));
  annotation = errata_annotation_new (errata_trace_get_id (trace), "Ada");
  annotation->verdict = ERRATA_VERDICT_PASS;
  g_free (annotation->note);
  annotation->note = g_strdup ("this adheres to the request");
  g_assert_true (errata_project_set_annotation (fixture->project, annotation, &error));

  result = run (suggester, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, ERRATA_GROUPING_ERROR, ERRATA_GROUPING_ERROR_NO_NOTES);
  g_assert_nonnull (strstr (error->message, "passing traces"));
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 0);
}

static GArray *
mode_cards (Fixture *fixture,
            gint64   mode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = errata_taxonomy_list_cards (fixture->taxonomy, mode, &error);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  for (guint i = 0; i < cards->len; i++)
    g_array_append_val (ids, ((ErrataNoteCard *) cards->pdata[i])->annotation_id);
  return ids;
}

/* Accepting creates the mode with the proposal's (edited) name and its
 * notes, in one edit that undo takes back; accepting into an existing
 * mode copies the notes there. */
static void
test_accept_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ErrataGroupingSuggester) suggester = new_suggester (fixture, ERRATA_GROUPING_SCOPE_UNSORTED, 3);
  g_autoptr(ErrataGroupingResult) result = NULL;
  g_autoptr(ErrataFailureMode) mode = NULL;
  g_autoptr(GArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  ErrataGroupingProposal *budget, *tone;
  gint64 id, tone_id;

  script_two_batches (fixture);
  result = run (suggester, NULL, &error);
  g_assert_no_error (error);
  budget = result->proposals->pdata[0];
  tone = result->proposals->pdata[1];

  errata_grouping_proposal_set_name (budget, "Over budget");
  id = errata_grouping_proposal_accept (budget, fixture->taxonomy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  mode = errata_taxonomy_get_mode (fixture->taxonomy, id, &error);
  g_assert_cmpstr (mode->name, ==, "Over budget");
  g_assert_cmpstr (mode->definition, ==, "Recommends above the budget");
  cards = mode_cards (fixture, id);
  g_assert_cmpuint (cards->len, ==, 4);
  g_assert_cmpint (g_array_index (cards, gint64, 3), ==, fixture->notes[4]);
  g_assert_true (errata_taxonomy_can_undo (fixture->taxonomy));

  /* A mode of the same name appeared meanwhile: the notes join it. */
  tone_id = errata_taxonomy_create_mode (fixture->taxonomy, "RUDE TONE", "", &fixture->notes[0], 1,
                                         ERRATA_UNSORTED, &error);
  g_assert_cmpint (errata_grouping_proposal_accept (tone, fixture->taxonomy, &error), ==, tone_id);
  g_assert_no_error (error);
  g_clear_pointer (&cards, g_array_unref);
  cards = mode_cards (fixture, tone_id);
  g_assert_cmpuint (cards->len, ==, 2);
  g_assert_cmpuint (n_modes (fixture), ==, 2);

  /* Three edits: accept, create, accept. Undo them in turn. */
  g_assert_true (errata_taxonomy_undo (fixture->taxonomy, &error));
  g_clear_pointer (&cards, g_array_unref);
  cards = mode_cards (fixture, tone_id);
  g_assert_cmpuint (cards->len, ==, 1);
  g_assert_true (errata_taxonomy_undo (fixture->taxonomy, &error));
  g_assert_true (errata_taxonomy_undo (fixture->taxonomy, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_modes (fixture), ==, 0);
  g_assert_false (errata_taxonomy_can_undo (fixture->taxonomy));
  g_assert_true (errata_taxonomy_redo (fixture->taxonomy, &error));
  g_clear_pointer (&cards, g_array_unref);
  cards = mode_cards (fixture, id);
  g_assert_cmpuint (cards->len, ==, 4);

  /* A proposal whose notes are all gone is refused, not half-applied. */
  {
    g_autoptr(ErrataGroupingProposal) ghost = errata_grouping_proposal_new ("Ghost", "");
    gint64 missing = 987654;

    g_array_append_val (ghost->annotation_ids, missing);
    g_assert_cmpint (errata_grouping_proposal_accept (ghost, fixture->taxonomy, &error), ==, 0);
    g_assert_error (error, ERRATA_GROUPING_ERROR, ERRATA_GROUPING_ERROR_NOTES_GONE);
    g_assert_cmpuint (n_modes (fixture), ==, 1);
  }
}

#define ADD(path, func, kind) \
  g_test_add (path, Fixture, GINT_TO_POINTER (kind), fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/llm/grouping/two-batches-merged", test_two_batches_merged, ERRATA_LLM_KIND_OPENAI);
  ADD ("/llm/grouping/two-batches-merged-anthropic", test_two_batches_merged, ERRATA_LLM_KIND_ANTHROPIC);
  ADD ("/llm/grouping/existing-mode-reused", test_existing_mode_reused, ERRATA_LLM_KIND_OPENAI);
  ADD ("/llm/grouping/unknown-ids-filtered", test_unknown_ids_filtered, ERRATA_LLM_KIND_OPENAI);
  ADD ("/llm/grouping/bad-batch-reported", test_bad_batch_reported, ERRATA_LLM_KIND_OPENAI);
  ADD ("/llm/grouping/auth-error-stops", test_auth_error_stops, ERRATA_LLM_KIND_OPENAI);
  ADD ("/llm/grouping/cancel", test_cancel, ERRATA_LLM_KIND_OPENAI);
  ADD ("/llm/grouping/no-notes", test_no_notes, ERRATA_LLM_KIND_OPENAI);
  ADD ("/llm/grouping/passing-notes-left-out", test_passing_notes_left_out, ERRATA_LLM_KIND_OPENAI);
  ADD ("/llm/grouping/accept-and-undo", test_accept_and_undo, ERRATA_LLM_KIND_OPENAI);

  return g_test_run ();
}
