/* errata-llm-client.c
 *
 * Every request goes through one queue. A request is sent when a
 * concurrency slot is free and the requests-per-minute bucket holds a
 * token; otherwise a timer wakes the queue when one will (no polling).
 * Transient failures (429, 5xx, 529, network, timeout) are retried with
 * exponential backoff and jitter, or after the delay the server asks
 * for. Quota and authentication failures cannot be cured by retrying, so
 * they stop the whole client: a run of thousands of requests fails fast
 * instead of storming the provider with a bad key.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Errata-Llm"

#include "errata-llm-client.h"
#include "errata-llm-client-private.h"
#include "errata-llm-error-words.h"
#include "errata-llm-pacer.h"
#include "errata-llm-wire.h"

#include <libsoup/soup.h>

/* A server asking for a longer pause than this is not rate limiting any
 * more; waiting would only look like a hang. */
#define MAX_RETRY_AFTER_MS (5 * 60 * 1000)

struct _ErrataLlmClient
{
  GObject            parent_instance;

  ErrataLlmProvider *provider;
  ErrataLlmPrices   *prices;
  ErrataLlmCache    *cache;
  SoupSession       *session;
  GMainContext      *context;

  GQueue             queue;          /* of GTask (owned), waiting for a slot */
  GHashTable        *retrying;       /* GTask set (unowned), waiting to retry */
  guint              n_in_flight;
  ErrataLlmPacer     pacer;
  GSource           *pump_source;
  GError            *stop_error;     /* quota or auth failure: refuse everything */

  guint              retry_base_ms;
  guint              retry_max_ms;
  ErrataLlmUsage     usage;
};

G_DEFINE_FINAL_TYPE (ErrataLlmClient, errata_llm_client, G_TYPE_OBJECT)

typedef struct
{
  ErrataLlmRequest *request;
  GBytes           *body;           /* built once, sent by every attempt */
  char             *hash;           /* NULL without a cache */
  ErrataLlmCache   *cache;          /* the request's, else the client's */
  GCancellable     *cancellable;    /* the caller's */
  gulong            cancelled_id;
  GCancellable     *attempt_cancellable;
  SoupMessage      *message;
  GSource          *timeout_source;
  GSource          *retry_source;
  gint64            sent_at;
  guint             attempt;
  gboolean          timed_out;
  gboolean          done;
} Job;

static void client_pump (ErrataLlmClient *self);

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static GSource *
client_add_timeout (ErrataLlmClient *self,
                    guint            ms,
                    GSourceFunc      func,
                    gpointer         data,
                    GDestroyNotify   notify)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, notify);
  g_source_attach (source, self->context);
  return source;
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_assert (job->cancelled_id == 0);
  g_assert (job->timeout_source == NULL && job->retry_source == NULL);

  g_clear_pointer (&job->request, errata_llm_request_unref);
  g_clear_pointer (&job->body, g_bytes_unref);
  g_clear_pointer (&job->hash, g_free);
  g_clear_object (&job->cache);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->attempt_cancellable);
  g_clear_object (&job->message);
  g_free (job);
}

/* ---- finishing a job ------------------------------------------------- */

void
_errata_llm_client_redact_error (ErrataLlmClient *self,
                                 GError          *error)
{
  char *clean = _errata_llm_redact (error->message, self->provider->api_key);

  g_free (error->message);
  error->message = clean;
}

static void
job_disconnect (GTask *task)
{
  Job *job = g_task_get_task_data (task);

  job->done = TRUE;
  if (job->cancelled_id != 0)
    g_cancellable_disconnect (job->cancellable, job->cancelled_id);
  job->cancelled_id = 0;
  clear_source (&job->timeout_source);
  clear_source (&job->retry_source);
}

/* Consumes @error. */
static void
job_return_error (GTask  *task,
                  GError *error)
{
  ErrataLlmClient *self = g_task_get_source_object (task);

  job_disconnect (task);
  _errata_llm_client_redact_error (self, error);
  self->usage.failures++;
  g_task_return_error (task, error);
}

static void
job_return_reply (GTask          *task,
                  ErrataLlmReply *reply)
{
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (job->cache != NULL && job->hash != NULL &&
      !errata_llm_cache_store (job->cache, job->hash, reply, &error))
    g_warning ("Could not keep an LLM reply in the cache: %s", error->message);

  job_disconnect (task);
  g_task_return_pointer (task, reply, (GDestroyNotify) errata_llm_reply_free);
}

SoupSession *
_errata_llm_client_get_session (ErrataLlmClient *self)
{
  g_assert (ERRATA_IS_LLM_CLIENT (self));
  return self->session;
}

GError *
_errata_llm_cancelled_error (void)
{
  return g_error_new_literal (ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_CANCELLED,
                              _("The request was cancelled"));
}

/* Quota and auth errors: fail everything that waits, refuse what comes. */
static void
client_stop (ErrataLlmClient *self,
             const GError    *error)
{
  g_autoptr(GPtrArray) waiting = g_ptr_array_new_with_free_func (g_object_unref);
  GTask *task;

  if (self->stop_error == NULL)
    self->stop_error = g_error_copy (error);

  while ((task = g_queue_pop_head (&self->queue)) != NULL)
    g_ptr_array_add (waiting, task);
  for (GList *l = g_hash_table_get_keys (self->retrying); l != NULL; l = g_list_delete_link (l, l))
    g_ptr_array_add (waiting, g_object_ref (l->data));
  g_hash_table_remove_all (self->retrying);

  for (guint i = 0; i < waiting->len; i++)
    job_return_error (g_ptr_array_index (waiting, i), g_error_copy (self->stop_error));
}

/* ---- retries -------------------------------------------------------- */

static gboolean
on_retry (gpointer data)
{
  GTask *task = data;
  ErrataLlmClient *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);

  g_clear_pointer (&job->retry_source, g_source_unref);
  g_hash_table_remove (self->retrying, task);

  /* A retry goes before fresh requests: it has waited already. */
  g_queue_push_head (&self->queue, g_object_ref (task));
  client_pump (self);

  return G_SOURCE_REMOVE;
}

static void
job_schedule_retry (GTask        *task,
                    const GError *error,
                    gint64        retry_after_ms)
{
  ErrataLlmClient *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  guint delay = retry_after_ms >= 0
                ? (guint) retry_after_ms
                : errata_llm_backoff_ms (self->retry_base_ms, self->retry_max_ms, job->attempt,
                                         g_random_double ());

  /* A rate limit applies to the whole account, so the queue waits too. */
  if (g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_RATE_LIMITED) &&
      retry_after_ms >= 0)
    errata_llm_pacer_pause_until (&self->pacer, g_get_monotonic_time () + retry_after_ms * 1000);

  g_debug ("Attempt %u failed (%s); retrying in %u ms", job->attempt, error->message, delay);

  g_hash_table_add (self->retrying, task);
  job->retry_source = client_add_timeout (self, delay, on_retry,
                                          g_object_ref (task), g_object_unref);
}

/* Consumes @error. */
static void
job_handle_error (GTask   *task,
                  GError  *error,
                  gboolean retryable,
                  gint64   retry_after_ms)
{
  ErrataLlmClient *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  gboolean attempts_left = job->attempt < MAX (self->provider->max_attempts, 1);

  _errata_llm_client_redact_error (self, error);

  if (g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_QUOTA) ||
      g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_AUTH))
    client_stop (self, error);
  else if (self->stop_error != NULL && retryable)
    {
      g_clear_error (&error);
      error = g_error_copy (self->stop_error);
    }
  else if (retryable && retry_after_ms > MAX_RETRY_AFTER_MS)
    g_prefix_error (&error, "The server asked to wait %" PRId64 " s: ",
                    retry_after_ms / 1000);
  else if (retryable && attempts_left)
    {
      job_schedule_retry (task, error, retry_after_ms);
      g_error_free (error);
      return;
    }
  else if (retryable && job->attempt > 1)
    g_prefix_error (&error, "Gave up after %u attempts: ", job->attempt);

  job_return_error (task, error);
}

/* ---- sending ------------------------------------------------------------- */

static void
job_account (GTask          *task,
             ErrataLlmReply *reply)
{
  ErrataLlmClient *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  const char *model = reply->model != NULL && *reply->model != '\0'
                      ? reply->model
                      : errata_llm_request_get_model (job->request, self->provider->model);

  reply->attempts = job->attempt;
  reply->latency_ms = (g_get_monotonic_time () - job->sent_at) / 1000.0;
  if (self->prices != NULL)
    reply->cost = errata_llm_prices_cost (self->prices, model, reply->tokens_in, reply->tokens_out);

  self->usage.replies++;
  self->usage.tokens_in += MAX (reply->tokens_in, 0);
  self->usage.tokens_out += MAX (reply->tokens_out, 0);
  self->usage.cost += reply->cost;
}

static GError *
transport_error (ErrataLlmClient *self,
                 Job             *job,
                 const GError    *error,
                 gboolean        *retryable)
{
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  *retryable = TRUE;
  if (cancelled && job->timed_out)
    return g_error_new (ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_TIMEOUT,
                        _("%s did not answer within %u s. Raise the timeout, or lower "
                        "the concurrency if the server is overloaded."),
                        self->provider->base_url, self->provider->timeout_seconds);

  if (cancelled)
    {
      *retryable = FALSE;
      return _errata_llm_cancelled_error ();
    }

  /* Nobody listening is not a passing fault: retrying with back-off only
   * kept the user waiting half a minute for the same answer. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      *retryable = FALSE;
      return errata_llm_error_new_unreachable (self->provider->base_url);
    }

  return g_error_new (ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_NETWORK,
                      _("Could not reach %s: %s"), self->provider->base_url, error->message);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(ErrataLlmClient) self = g_object_ref (g_task_get_source_object (task));
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  ErrataLlmReply *reply;
  gboolean retryable = FALSE;
  gint64 retry_after_ms = -1;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  self->n_in_flight--;
  clear_source (&job->timeout_source);

  if (body == NULL)
    {
      GError *failure = transport_error (self, job, error, &retryable);

      job_handle_error (task, failure, retryable, -1);
      client_pump (self);
      return;
    }

  status = soup_message_get_status (job->message);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      reply = _errata_llm_wire_parse_reply (self->provider, job->request, body, &error);
      if (reply != NULL)
        {
          job_account (task, reply);
          job_return_reply (task, reply);
        }
      else
        job_handle_error (task, g_steal_pointer (&error), FALSE, -1);
    }
  else
    {
      GError *failure = _errata_llm_wire_http_error (self->provider, status, body, &retryable);

      retry_after_ms = _errata_llm_wire_retry_after_ms (soup_message_get_response_headers (job->message));
      job_handle_error (task, failure, retryable, retry_after_ms);
    }

  client_pump (self);
}

static gboolean
on_timeout (gpointer data)
{
  Job *job = g_task_get_task_data (G_TASK (data));

  job->timed_out = TRUE;
  g_cancellable_cancel (job->attempt_cancellable);
  return G_SOURCE_CONTINUE;   /* cleared by on_sent */
}

/* Takes over the caller's reference on @task. */
static void
job_send (ErrataLlmClient *self,
          GTask           *task)
{
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_clear_object (&job->message);
  job->message = _errata_llm_wire_new_message (self->provider, "POST", "chat", job->body, &error);
  if (job->message == NULL)
    {
      job_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  job->attempt++;
  job->timed_out = FALSE;
  g_clear_object (&job->attempt_cancellable);
  job->attempt_cancellable = g_cancellable_new ();
  if (self->provider->timeout_seconds > 0)
    job->timeout_source = client_add_timeout (self, self->provider->timeout_seconds * 1000,
                                              on_timeout, task, NULL);

  self->n_in_flight++;
  self->usage.requests++;
  job->sent_at = g_get_monotonic_time ();
  soup_session_send_and_read_async (self->session, job->message, G_PRIORITY_DEFAULT,
                                    job->attempt_cancellable, on_sent, task);
}

/* ---- the queue ------------------------------------------------------- */

static gboolean
on_pump_timer (gpointer data)
{
  ErrataLlmClient *self = data;

  g_clear_pointer (&self->pump_source, g_source_unref);
  client_pump (self);
  return G_SOURCE_REMOVE;
}

static void
client_pump (ErrataLlmClient *self)
{
  while (self->queue.length > 0 && self->n_in_flight < MAX (self->provider->concurrency, 1))
    {
      gint64 wait_us;

      if (self->pump_source != NULL)
        return;

      wait_us = errata_llm_pacer_take (&self->pacer, self->provider->requests_per_minute,
                                       g_get_monotonic_time ());
      if (wait_us > 0)
        {
          self->pump_source = client_add_timeout (self, (guint) ((wait_us + 999) / 1000),
                                                  on_pump_timer, self, NULL);
          return;
        }

      job_send (self, g_queue_pop_head (&self->queue));
    }
}

/* ---- cancellation ---------------------------------------------------- */

static gboolean
on_cancelled_idle (gpointer data)
{
  GTask *task = data;
  ErrataLlmClient *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);

  if (job->done)
    return G_SOURCE_REMOVE;

  if (g_queue_remove (&self->queue, task))
    {
      job_return_error (task, _errata_llm_cancelled_error ());
      g_object_unref (task);
    }
  else if (g_hash_table_remove (self->retrying, task))
    job_return_error (task, _errata_llm_cancelled_error ());
  else if (job->attempt_cancellable != NULL)
    g_cancellable_cancel (job->attempt_cancellable);   /* on_sent finishes it */

  return G_SOURCE_REMOVE;
}

/* May run in any thread, and inside g_cancellable_cancel(), where
 * disconnecting would deadlock: always continue from an idle. */
static void
on_cancelled (GCancellable *cancellable,
              gpointer      data)
{
  ErrataLlmClient *self = g_task_get_source_object (G_TASK (data));
  g_autoptr(GSource) idle = g_idle_source_new ();

  g_source_set_priority (idle, G_PRIORITY_DEFAULT);
  g_source_set_callback (idle, on_cancelled_idle, g_object_ref (data), g_object_unref);
  g_source_attach (idle, self->context);
}

/* ---- GObject --------------------------------------------------------- */

static void
errata_llm_client_dispose (GObject *object)
{
  ErrataLlmClient *self = (ErrataLlmClient *) object;

  /* Pending tasks hold a reference, so the queue is empty by now. */
  g_assert (self->queue.length == 0);
  clear_source (&self->pump_source);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (errata_llm_client_parent_class)->dispose (object);
}

static void
errata_llm_client_finalize (GObject *object)
{
  ErrataLlmClient *self = (ErrataLlmClient *) object;

  g_clear_pointer (&self->provider, errata_llm_provider_free);
  g_clear_pointer (&self->prices, errata_llm_prices_unref);
  g_clear_pointer (&self->retrying, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->stop_error);

  G_OBJECT_CLASS (errata_llm_client_parent_class)->finalize (object);
}

static void
errata_llm_client_class_init (ErrataLlmClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = errata_llm_client_dispose;
  object_class->finalize = errata_llm_client_finalize;
}

static void
errata_llm_client_init (ErrataLlmClient *self)
{
  g_queue_init (&self->queue);
  self->retrying = g_hash_table_new (NULL, NULL);
  self->context = g_main_context_ref_thread_default ();
  errata_llm_pacer_init (&self->pacer, g_get_monotonic_time ());
  self->retry_base_ms = 1000;
  self->retry_max_ms = 60000;
}

/**
 * errata_llm_client_new:
 *
 * The client works on the thread-default main context of the caller;
 * use it from that thread only.
 */
ErrataLlmClient *
errata_llm_client_new (const ErrataLlmProvider *provider)
{
  ErrataLlmClient *self;
  guint conns;

  g_return_val_if_fail (provider != NULL, NULL);

  self = g_object_new (ERRATA_TYPE_LLM_CLIENT, NULL);
  self->provider = errata_llm_provider_copy (provider);
  self->prices = errata_llm_prices_new_builtin ();

  /* libsoup allows 2 connections per host by default, which would cap
   * the concurrency silently. */
  conns = MAX (provider->concurrency, 1) + 2;
  self->session = soup_session_new_with_options ("max-conns", conns,
                                                 "max-conns-per-host", conns,
                                                 "user-agent", "Errata/" PACKAGE_VERSION " ",
                                                 NULL);
  return self;
}

const ErrataLlmProvider *
errata_llm_client_get_provider (ErrataLlmClient *self)
{
  g_return_val_if_fail (ERRATA_IS_LLM_CLIENT (self), NULL);

  return self->provider;
}

/* Replaces the built-in price table. */
void
errata_llm_client_set_prices (ErrataLlmClient *self,
                              ErrataLlmPrices *prices)
{
  g_return_if_fail (ERRATA_IS_LLM_CLIENT (self));

  g_clear_pointer (&self->prices, errata_llm_prices_unref);
  if (prices != NULL)
    self->prices = errata_llm_prices_ref (prices);
}

/**
 * errata_llm_client_get_prices:
 *
 * Returns: (nullable) (transfer none): the price table replies are costed with
 */
ErrataLlmPrices *
errata_llm_client_get_prices (ErrataLlmClient *self)
{
  g_return_val_if_fail (ERRATA_IS_LLM_CLIENT (self), NULL);

  return self->prices;
}

void
errata_llm_client_set_cache (ErrataLlmClient *self,
                             ErrataLlmCache  *cache)
{
  g_return_if_fail (ERRATA_IS_LLM_CLIENT (self));
  g_return_if_fail (cache == NULL || ERRATA_IS_LLM_CACHE (cache));

  g_set_object (&self->cache, cache);
}

/**
 * errata_llm_client_get_cache:
 *
 * Returns: (nullable) (transfer none): the reply cache, if any
 */
ErrataLlmCache *
errata_llm_client_get_cache (ErrataLlmClient *self)
{
  g_return_val_if_fail (ERRATA_IS_LLM_CLIENT (self), NULL);

  return self->cache;
}

/* The backoff before retry n is about base · 2^(n-1), at most max. */
void
errata_llm_client_set_retry_delays (ErrataLlmClient *self,
                                    guint            base_ms,
                                    guint            max_ms)
{
  g_return_if_fail (ERRATA_IS_LLM_CLIENT (self));

  self->retry_base_ms = base_ms;
  self->retry_max_ms = MAX (base_ms, max_ms);
}

/* Returns TRUE when the request was answered without queueing. */
static gboolean
complete_without_queue (ErrataLlmClient *self,
                        GTask           *task)
{
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  ErrataLlmReply *reply = NULL;

  if (g_cancellable_is_cancelled (job->cancellable))
    {
      job_return_error (task, _errata_llm_cancelled_error ());
      return TRUE;
    }
  if (self->stop_error != NULL)
    {
      job_return_error (task, g_error_copy (self->stop_error));
      return TRUE;
    }

  if (job->hash != NULL)
    reply = errata_llm_cache_lookup (job->cache, job->hash, &error);
  if (error != NULL)
    g_debug ("Ignoring the LLM reply cache: %s", error->message);
  if (reply == NULL)
    return FALSE;

  self->usage.cache_hits++;
  job_disconnect (task);
  g_task_return_pointer (task, reply, (GDestroyNotify) errata_llm_reply_free);
  return TRUE;
}

void
errata_llm_client_complete_async (ErrataLlmClient     *self,
                                  ErrataLlmRequest    *request,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (ERRATA_IS_LLM_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_llm_client_complete_async);
  /* Cancellation is reported as ERRATA_LLM_ERROR_CANCELLED, not G_IO_ERROR. */
  g_task_set_check_cancellable (task, FALSE);

  job = g_new0 (Job, 1);
  job->request = errata_llm_request_ref (request);
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  /* Without a hash the job neither looks the cache up nor stores in it. */
  if (request->cache != NULL)
    job->cache = g_object_ref (ERRATA_LLM_CACHE (request->cache));
  else if (self->cache != NULL)
    job->cache = g_object_ref (self->cache);
  if (job->cache != NULL && !request->bypass_cache)
    job->hash = _errata_llm_wire_hash_request (self->provider, request);
  g_task_set_task_data (task, job, job_free);

  if (complete_without_queue (self, task))
    return;

  job->body = _errata_llm_wire_build_body (self->provider, request);
  if (cancellable != NULL)
    job->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), task, NULL);

  g_queue_push_tail (&self->queue, g_steal_pointer (&task));
  client_pump (self);
}

/**
 * errata_llm_client_complete_finish:
 *
 * Returns: (transfer full): the reply, or NULL with an ERRATA_LLM_ERROR
 */
ErrataLlmReply *
errata_llm_client_complete_finish (ErrataLlmClient  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (ERRATA_IS_LLM_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- state ----------------------------------------------------------- */

/* The reply cache key: SHA-256 over provider kind, base URL, model,
 * messages, schema and parameters; never the API key. */
char *
errata_llm_client_hash_request (ErrataLlmClient  *self,
                                ErrataLlmRequest *request)
{
  g_return_val_if_fail (ERRATA_IS_LLM_CLIENT (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  return _errata_llm_wire_hash_request (self->provider, request);
}

/**
 * errata_llm_client_get_stop_error:
 *
 * Returns: (nullable): the quota or authentication error that stopped
 *   this client; every request fails with it until errata_llm_client_reset()
 */
const GError *
errata_llm_client_get_stop_error (ErrataLlmClient *self)
{
  g_return_val_if_fail (ERRATA_IS_LLM_CLIENT (self), NULL);

  return self->stop_error;
}

/* For after the user fixed the key or topped up the account. */
void
errata_llm_client_reset (ErrataLlmClient *self)
{
  g_return_if_fail (ERRATA_IS_LLM_CLIENT (self));

  g_clear_error (&self->stop_error);
  errata_llm_pacer_resume (&self->pacer);
}

void
errata_llm_client_get_usage (ErrataLlmClient *self,
                             ErrataLlmUsage  *usage)
{
  g_return_if_fail (ERRATA_IS_LLM_CLIENT (self));
  g_return_if_fail (usage != NULL);

  *usage = self->usage;
}

/* Requests queued, in flight or waiting to retry. */
guint
errata_llm_client_get_n_pending (ErrataLlmClient *self)
{
  g_return_val_if_fail (ERRATA_IS_LLM_CLIENT (self), 0);

  return self->queue.length + self->n_in_flight + g_hash_table_size (self->retrying);
}
