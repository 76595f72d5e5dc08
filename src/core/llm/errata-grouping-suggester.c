/* errata-grouping-suggester.c
 *
 * Axial coding with a model's help: the notes go out in batches, each
 * under a short id ("n12") so that the model never sees or invents
 * database ids, and come back as proposed failure modes. A proposal is
 * only a suggestion: every note id in it is checked against the batch it
 * came from (ids the model made up are counted and dropped; the batches'
 * requests and replies are errata-grouping-batch.c), proposals
 * of the same name are merged across batches, and nothing touches the
 * taxonomy until the user accepts one, through the taxonomy's undoable
 * edits (errata-grouping-proposal.c). Batches are merged in batch order
 * once all are back, so the result does not depend on which reply arrived
 * first.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Errata-Llm"

#include "errata-grouping-suggester.h"

#include "errata-grouping-private.h"
#include "errata-remote-consent.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define DEFAULT_BATCH_SIZE 80

struct _ErrataGroupingSuggester
{
  GObject              parent_instance;

  ErrataTaxonomy      *taxonomy;
  ErrataLlmClient     *client;
  ErrataGroupingScope  scope;
  gboolean             include_passing;  /* notes on passing traces too */
  guint                batch_size;
};

G_DEFINE_FINAL_TYPE (ErrataGroupingSuggester, errata_grouping_suggester, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GPtrArray            *batches;       /* of Batch */
  GPtrArray            *cards;         /* ErrataNoteCard: the notes sent */
  GPtrArray            *modes;         /* ErrataFailureMode, at start */
  GCancellable         *cancellable;   /* ours: cancels every batch */
  GCancellable         *outer;         /* the caller's */
  gulong                outer_id;
  guint                 pending;
  guint                 done;
  GError               *stop_error;    /* auth, quota or cancel: the run failed */
  ErrataGroupingResult *result;
} Run;

/* ---- batches --------------------------------------------------------- */

static void
run_free (gpointer data)
{
  Run *run = data;

  g_assert (run->outer_id == 0);
  g_ptr_array_unref (run->batches);
  g_ptr_array_unref (run->cards);
  g_ptr_array_unref (run->modes);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->outer);
  g_clear_error (&run->stop_error);
  g_clear_pointer (&run->result, errata_grouping_result_free);
  g_free (run);
}

/* ---- merging ----------------------------------------------------------- */

static void
merge_into (GPtrArray              *merged,
            GHashTable             *by_name,
            ErrataGroupingProposal *proposal)
{
  g_autofree char *key = _errata_grouping_name_key (proposal->name);
  ErrataGroupingProposal *target = g_hash_table_lookup (by_name, key);

  if (target == NULL)
    {
      target = errata_grouping_proposal_new (proposal->name, proposal->definition);
      g_ptr_array_add (merged, target);
      g_hash_table_insert (by_name, g_steal_pointer (&key), target);
    }
  if (*target->definition == '\0')
    errata_grouping_proposal_set_definition (target, proposal->definition);
  for (guint i = 0; i < proposal->annotation_ids->len; i++)
    if (!_errata_grouping_ids_contain (target->annotation_ids,
                                       g_array_index (proposal->annotation_ids, gint64, i)))
      g_array_append_val (target->annotation_ids, g_array_index (proposal->annotation_ids, gint64, i));
}

/* A proposal named like an existing mode adds to it: it takes the mode's
 * spelling, and notes already there are no news. */
static gboolean
link_existing (ErrataGroupingSuggester  *self,
               ErrataGroupingProposal   *proposal,
               GPtrArray                *modes,
               GError                  **error)
{
  g_autofree char *key = _errata_grouping_name_key (proposal->name);
  g_autoptr(GPtrArray) cards = NULL;

  for (guint i = 0; i < modes->len && proposal->existing_mode_id == 0; i++)
    {
      ErrataFailureMode *mode = modes->pdata[i];
      g_autofree char *mode_key = _errata_grouping_name_key (mode->name);

      if (!g_str_equal (key, mode_key))
        continue;
      proposal->existing_mode_id = mode->id;
      errata_grouping_proposal_set_name (proposal, mode->name);
      if (*mode->definition != '\0')
        errata_grouping_proposal_set_definition (proposal, mode->definition);
    }
  if (proposal->existing_mode_id == 0)
    return TRUE;

  cards = errata_taxonomy_list_cards (self->taxonomy, proposal->existing_mode_id, error);
  if (cards == NULL)
    return FALSE;
  for (guint i = 0; i < cards->len; i++)
    for (guint j = proposal->annotation_ids->len; j > 0; j--)
      if (g_array_index (proposal->annotation_ids, gint64, j - 1) ==
          ((ErrataNoteCard *) cards->pdata[i])->annotation_id)
        g_array_remove_index (proposal->annotation_ids, j - 1);
  return TRUE;
}

static int
compare_by_size (gconstpointer a,
                 gconstpointer b)
{
  const ErrataGroupingProposal *pa = *(ErrataGroupingProposal **) a;
  const ErrataGroupingProposal *pb = *(ErrataGroupingProposal **) b;

  return (int) pb->annotation_ids->len - (int) pa->annotation_ids->len;
}

static gboolean
run_merge (ErrataGroupingSuggester  *self,
           Run                      *run,
           GError                  **error)
{
  g_autoptr(GPtrArray) merged = g_ptr_array_new_with_free_func ((GDestroyNotify) errata_grouping_proposal_free);
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ErrataGroupingResult *result = run->result;

  for (guint i = 0; i < run->batches->len; i++)
    {
      Batch *batch = run->batches->pdata[i];

      for (guint j = 0; batch->proposals != NULL && j < batch->proposals->len; j++)
        merge_into (merged, by_name, batch->proposals->pdata[j]);
    }

  for (guint i = 0; i < merged->len; i++)
    {
      ErrataGroupingProposal *proposal = merged->pdata[i];

      if (!link_existing (self, proposal, run->modes, error))
        return FALSE;
      if (proposal->annotation_ids->len == 0)
        result->n_empty_dropped++;
      else
        g_ptr_array_add (result->proposals, errata_grouping_proposal_copy (proposal));
    }
  /* Stable: proposals of one size keep the order the model gave. */
  g_ptr_array_sort (result->proposals, compare_by_size);
  return TRUE;
}

/* ---- running ----------------------------------------------------------- */

static void
run_finish_task (GTask *task)
{
  ErrataGroupingSuggester *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (run->outer_id != 0)
    g_cancellable_disconnect (run->outer, run->outer_id);
  run->outer_id = 0;

  if (run->stop_error != NULL)
    g_task_return_error (task, g_error_copy (run->stop_error));
  else if (run->result->n_batches_failed == run->result->n_batches)
    g_task_return_error (task, g_error_copy (run->result->batch_errors->pdata[0]));
  else if (!run_merge (self, run, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&run->result),
                           (GDestroyNotify) errata_grouping_result_free);
}

static gboolean
is_stop_error (const GError *error)
{
  return g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_AUTH) ||
         g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_QUOTA) ||
         g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_CANCELLED);
}

/* Consumes @error. */
static void
batch_failed (Run    *run,
              Batch  *batch,
              GError *error)
{
  if (is_stop_error (error))
    {
      /* The first reason wins: the others are cancellations it caused. */
      if (run->stop_error == NULL)
        run->stop_error = g_error_copy (error);
      g_cancellable_cancel (run->cancellable);
    }
  if (run->batches->len > 1)
    g_prefix_error (&error, _("Batch %u of %u: "), batch->index + 1, run->batches->len);
  run->result->n_batches_failed++;
  g_ptr_array_add (run->result->batch_errors, g_error_copy (error));
  batch->error = error;
}

/* What one request's callback needs. */
typedef struct
{
  GTask *task;
  Batch *batch;
} BatchCall;

static void
on_batch_done (GObject      *source,
               GAsyncResult *res,
               gpointer      data)
{
  BatchCall *call = data;
  g_autoptr(GTask) task = call->task;
  ErrataGroupingSuggester *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  Batch *batch = call->batch;
  g_autoptr(ErrataLlmReply) reply = NULL;
  GError *error = NULL;

  g_free (call);
  reply = errata_llm_client_complete_finish (ERRATA_LLM_CLIENT (source), res, &error);
  if (reply != NULL && _errata_grouping_batch_read_reply (batch, reply, &run->result->n_unknown_ids, &error))
    {
      run->result->tokens_in += MAX (reply->tokens_in, 0);
      run->result->tokens_out += MAX (reply->tokens_out, 0);
      run->result->cost += reply->cost;
    }
  else
    batch_failed (run, batch, error);

  run->done++;
  g_signal_emit (self, signals[PROGRESS], 0, run->done, run->batches->len);
  if (--run->pending == 0)
    run_finish_task (task);
}

/* May run in any thread: GCancellable forwards to GCancellable safely. */
static void
on_outer_cancelled (GCancellable *outer,
                    gpointer      data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

/* ---- GObject ------------------------------------------------------------ */

static void
errata_grouping_suggester_dispose (GObject *object)
{
  ErrataGroupingSuggester *self = ERRATA_GROUPING_SUGGESTER (object);

  g_clear_object (&self->taxonomy);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (errata_grouping_suggester_parent_class)->dispose (object);
}

static void
errata_grouping_suggester_class_init (ErrataGroupingSuggesterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = errata_grouping_suggester_dispose;

  /**
   * ErrataGroupingSuggester::progress:
   * @done: batches answered (or failed) so far
   * @total: batches in the run
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
errata_grouping_suggester_init (ErrataGroupingSuggester *self)
{
  self->scope = ERRATA_GROUPING_SCOPE_UNSORTED;
  self->batch_size = DEFAULT_BATCH_SIZE;
}

/**
 * errata_grouping_suggester_new:
 * @client: the client that sends the batches; its concurrency, rate
 *   limit, retries, cache and prices apply
 */
ErrataGroupingSuggester *
errata_grouping_suggester_new (ErrataTaxonomy  *taxonomy,
                               ErrataLlmClient *client)
{
  ErrataGroupingSuggester *self;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (taxonomy), NULL);
  g_return_val_if_fail (ERRATA_IS_LLM_CLIENT (client), NULL);

  self = g_object_new (ERRATA_TYPE_GROUPING_SUGGESTER, NULL);
  self->taxonomy = g_object_ref (taxonomy);
  self->client = g_object_ref (client);
  return self;
}

/* ERRATA_GROUPING_SCOPE_UNSORTED (the default) or _ALL. */
void
errata_grouping_suggester_set_scope (ErrataGroupingSuggester *self,
                                     ErrataGroupingScope      scope)
{
  g_return_if_fail (ERRATA_IS_GROUPING_SUGGESTER (self));

  self->scope = scope;
}

/* Notes per request; 80 by default. */
/* By default only notes on traces that did not pass are grouped, as the
 * canvas's Unsorted shows them: a passing trace's note ("this adheres to
 * the request") describes no failure. */
void
errata_grouping_suggester_set_include_passing (ErrataGroupingSuggester *self,
                                               gboolean                 include_passing)
{
  g_return_if_fail (ERRATA_IS_GROUPING_SUGGESTER (self));

  self->include_passing = !!include_passing;
}

/* Removes the cards of passing traces unless they are wanted; returns how
 * many went. */
static guint
drop_passing_cards (ErrataGroupingSuggester *self,
                    GPtrArray               *cards)
{
  guint dropped = 0;

  if (self->include_passing)
    return 0;
  for (guint i = cards->len; i > 0; i--)
    if (((ErrataNoteCard *)cards->pdata[i - 1])->verdict == ERRATA_VERDICT_PASS)
      {
        g_ptr_array_remove_index (cards, i - 1);
        dropped++;
      }
  return dropped;
}

void
errata_grouping_suggester_set_batch_size (ErrataGroupingSuggester *self,
                                          guint                    batch_size)
{
  g_return_if_fail (ERRATA_IS_GROUPING_SUGGESTER (self));
  g_return_if_fail (batch_size > 0);

  self->batch_size = batch_size;
}

/* The notes a run sends: the scope's cards, less passing ones unless
 * wanted; an error when none is left. */
static GPtrArray *
select_cards (ErrataGroupingSuggester  *self,
              GError                  **error)
{
  g_autoptr(GPtrArray) cards = NULL;

  cards = errata_taxonomy_list_cards (self->taxonomy, self->scope == ERRATA_GROUPING_SCOPE_ALL
                                                      ? -1 : ERRATA_UNSORTED, error);
  if (cards == NULL)
    return NULL;
  if (drop_passing_cards (self, cards) > 0 && cards->len == 0)
    {
      g_set_error_literal (error, ERRATA_GROUPING_ERROR, ERRATA_GROUPING_ERROR_NO_NOTES,
                           _("Only notes on passing traces are left to group. Show them in "
                             "Unsorted to have them grouped too."));
      return NULL;
    }
  if (cards->len == 0)
    {
      g_set_error_literal (error, ERRATA_GROUPING_ERROR, ERRATA_GROUPING_ERROR_NO_NOTES,
                           self->scope == ERRATA_GROUPING_SCOPE_ALL
                           ? _("There are no notes to group yet: review some traces first.")
                           : _("Every note is in a failure mode already."));
      return NULL;
    }
  return g_steal_pointer (&cards);
}

/**
 * errata_grouping_suggester_count_traces:
 *
 * How many traces a run would send notes of (to tell the user before
 * asking for consent); 0 with @error set when there is nothing to group.
 */
guint
errata_grouping_suggester_count_traces (ErrataGroupingSuggester  *self,
                                        GError                  **error)
{
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GHashTable) traces = NULL;

  g_return_val_if_fail (ERRATA_IS_GROUPING_SUGGESTER (self), 0);

  cards = select_cards (self, error);
  if (cards == NULL)
    return 0;
  traces = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < cards->len; i++)
    g_hash_table_add (traces, &((ErrataNoteCard *)cards->pdata[i])->trace_id);
  return g_hash_table_size (traces);
}

static Run *
run_new (ErrataGroupingSuggester  *self,
         GCancellable             *cancellable,
         GError                  **error)
{
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) modes = NULL;
  const ErrataLlmProvider *provider = errata_llm_client_get_provider (self->client);
  Run *run;

  cards = select_cards (self, error);
  if (cards == NULL || (modes = errata_taxonomy_list_modes (self->taxonomy, error)) == NULL)
    return NULL;
  /* Notes quote traces: they leave this machine only with consent. */
  if (!errata_remote_consent_check (errata_taxonomy_get_project (self->taxonomy),
                                    provider->base_url, error))
    return NULL;

  run = g_new0 (Run, 1);
  run->cards = g_steal_pointer (&cards);
  run->modes = g_steal_pointer (&modes);
  run->batches = g_ptr_array_new_with_free_func (_errata_grouping_batch_free);
  for (guint first = 0; first < run->cards->len; first += self->batch_size)
    g_ptr_array_add (run->batches, _errata_grouping_batch_new (run->batches->len, run->cards, first,
                                              MIN (self->batch_size, run->cards->len - first)));
  run->cancellable = g_cancellable_new ();
  run->result = _errata_grouping_result_new ();
  run->result->n_notes = run->cards->len;
  run->result->n_batches = run->batches->len;
  if (cancellable != NULL)
    {
      run->outer = g_object_ref (cancellable);
      run->outer_id = g_cancellable_connect (cancellable, G_CALLBACK (on_outer_cancelled),
                                             g_object_ref (run->cancellable), g_object_unref);
    }
  return run;
}

/**
 * errata_grouping_suggester_run_async:
 *
 * Sends every batch through the client at once (the client's queue
 * paces them) and emits ::progress as they come back. Applies nothing.
 */
void
errata_grouping_suggester_run_async (ErrataGroupingSuggester *self,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Run *run;

  g_return_if_fail (ERRATA_IS_GROUPING_SUGGESTER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_grouping_suggester_run_async);
  g_task_set_check_cancellable (task, FALSE);

  run = run_new (self, cancellable, &error);
  if (run == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, run, run_free);

  run->pending = run->batches->len;
  for (guint i = 0; i < run->batches->len; i++)
    {
      g_autoptr(ErrataLlmRequest) request = _errata_grouping_batch_request (run->batches->pdata[i], run->cards,
                                                           run->modes);
      BatchCall *call = g_new0 (BatchCall, 1);

      call->task = g_object_ref (task);
      call->batch = run->batches->pdata[i];
      errata_llm_client_complete_async (self->client, request, run->cancellable,
                                        on_batch_done, call);
    }
}

/**
 * errata_grouping_suggester_run_finish:
 *
 * Fails when the run was cancelled (ERRATA_LLM_ERROR_CANCELLED), when the
 * key was refused or the quota is spent (the client's error), when there
 * were no notes, or when every batch failed (the first batch's error).
 * Otherwise the result lists the failed batches' errors and the rest.
 *
 * Returns: (transfer full): the proposals and what was dropped
 */
ErrataGroupingResult *
errata_grouping_suggester_run_finish (ErrataGroupingSuggester  *self,
                                      GAsyncResult             *result,
                                      GError                  **error)
{
  g_return_val_if_fail (ERRATA_IS_GROUPING_SUGGESTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
