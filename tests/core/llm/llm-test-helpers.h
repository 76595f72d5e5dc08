/* llm-test-helpers.h: running batches of LLM requests in tests.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-llm-client.h"
#include "errata-mock-llm-server.h"

G_BEGIN_DECLS

typedef struct
{
  guint            n;
  guint            pending;
  ErrataLlmReply **replies;   /* n entries, NULL where it failed */
  GError         **errors;    /* n entries, NULL where it succeeded */
  gint64          *done_at;   /* monotonic µs */
} LlmBatch;

static inline ErrataLlmRequest *
llm_test_request (const char *text)
{
  ErrataLlmRequest *request = errata_llm_request_new ();

  errata_llm_request_add_message (request, "user", text);
  return request;
}

static inline ErrataLlmProvider *
llm_test_provider (ErrataMockLlmServer *server,
                   ErrataLlmKind        kind)
{
  g_autofree char *base = errata_mock_llm_server_dup_base_url (server, kind == ERRATA_LLM_KIND_ANTHROPIC);
  ErrataLlmProvider *provider = errata_llm_provider_new (kind, base, "mock-model");

  errata_llm_provider_set_api_key (provider, "test-key");
  provider->timeout_seconds = 10;
  return provider;
}

typedef struct
{
  LlmBatch *batch;
  guint     index;
} LlmBatchSlot;

static inline void
llm_batch_on_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  LlmBatchSlot *slot = data;
  LlmBatch *batch = slot->batch;

  batch->replies[slot->index] = errata_llm_client_complete_finish (ERRATA_LLM_CLIENT (source),
                                                                   result,
                                                                   &batch->errors[slot->index]);
  batch->done_at[slot->index] = g_get_monotonic_time ();
  g_assert_true ((batch->replies[slot->index] == NULL) != (batch->errors[slot->index] == NULL));
  batch->pending--;
  g_free (slot);
}

static inline gboolean
llm_test_deadline (gpointer data)
{
  g_error ("The test did not finish in time");
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until *pending is 0 (at most 60 s: a busy
 * machine is slow, not wrong). */
static inline void
llm_test_wait (guint *pending)
{
  guint deadline = g_timeout_add_seconds (60, llm_test_deadline, NULL);

  while (*pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (deadline);
}

static inline gboolean
llm_test_set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Sleeps while the main context keeps running. */
static inline void
llm_test_sleep (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, llm_test_set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static inline LlmBatch *
llm_batch_start (ErrataLlmClient  *client,
                 ErrataLlmRequest *request,
                 guint             n,
                 GCancellable     *cancellable)
{
  LlmBatch *batch = g_new0 (LlmBatch, 1);

  batch->n = n;
  batch->pending = n;
  batch->replies = g_new0 (ErrataLlmReply *, n);
  batch->errors = g_new0 (GError *, n);
  batch->done_at = g_new0 (gint64, n);
  for (guint i = 0; i < n; i++)
    {
      LlmBatchSlot *slot = g_new0 (LlmBatchSlot, 1);

      slot->batch = batch;
      slot->index = i;
      errata_llm_client_complete_async (client, request, cancellable, llm_batch_on_done, slot);
    }
  return batch;
}

static inline LlmBatch *
llm_batch_run (ErrataLlmClient  *client,
               ErrataLlmRequest *request,
               guint             n)
{
  LlmBatch *batch = llm_batch_start (client, request, n, NULL);

  llm_test_wait (&batch->pending);
  return batch;
}

static inline guint
llm_batch_count_errors (LlmBatch *batch,
                        int       code)
{
  guint count = 0;

  for (guint i = 0; i < batch->n; i++)
    if (batch->errors[i] != NULL && (code < 0 || batch->errors[i]->code == code))
      count++;
  return count;
}

static inline void
llm_batch_free (LlmBatch *batch)
{
  for (guint i = 0; i < batch->n; i++)
    {
      g_clear_pointer (&batch->replies[i], errata_llm_reply_free);
      g_clear_error (&batch->errors[i]);
    }
  g_free (batch->replies);
  g_free (batch->errors);
  g_free (batch->done_at);
  g_free (batch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LlmBatch, llm_batch_free)

G_END_DECLS
