/* errata-synth-target.c
 *
 * The queue follows ErrataLlmClient's discipline for the kinds that are
 * not an LLM: at most `concurrency` attempts in flight, a
 * requests-per-minute bucket (ErrataLlmPacer), a timeout per attempt, and
 * retries with backoff for what may pass on a second try. A chat target is
 * an LLM: ErrataLlmClient does all of this itself.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-target-private.h"

#include "errata-json-guard.h"
#include "errata-llm-settings.h"
#include "errata-messages.h"
#include "errata-synth-secrets.h"
#include "errata-trust.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define DEFAULT_CONCURRENCY  4
#define MAX_CONCURRENCY      256
#define DEFAULT_TIMEOUT      60.0
#define DEFAULT_ATTEMPTS     3

G_DEFINE_FINAL_TYPE (ErrataSynthTarget, errata_synth_target, G_TYPE_OBJECT)

static void pump (ErrataSynthTarget *self);

/* Replies ------------------------------------------------------------------ */

void
errata_synth_reply_free (ErrataSynthReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->text);
  g_clear_pointer (&reply->messages, json_array_unref);
  g_free (reply->raw);
  g_free (reply);
}

ErrataSynthReply *
_errata_synth_reply_new (void)
{
  ErrataSynthReply *reply = g_new0 (ErrataSynthReply, 1);

  reply->tokens_in = -1;
  reply->tokens_out = -1;
  return reply;
}

/* Definition --------------------------------------------------------------- */

char *
_errata_synth_target_where (const char *member)
{
  /* Translators: where a target's definition is wrong, before what is
   * wrong: Target, “base_url”: it is required. */
  return g_strdup_printf (_("Target, “%s”"), member);
}

static gboolean
read_number (JsonObject  *definition,
             const char  *member,
             double       low,
             double       high,
             gboolean     whole,
             double      *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (definition, member);
  GType type = node != NULL ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return _errata_synth_target_invalid (error, member, _("expected a number, found %s"),
                                         errata_json_node_describe (node));
  *value = json_node_get_double (node);
  if (*value < low || *value > high || (whole && *value != (double)(gint64)*value))
    return _errata_synth_target_invalid (error, member, _("expected %s from %g to %g, found %g"),
                                         whole ? _("a whole number") : _("a number"),
                                         low, high, *value);
  return TRUE;
}

static gboolean
read_queue_settings (ErrataSynthTarget  *self,
                     JsonObject         *definition,
                     GError            **error)
{
  double concurrency = DEFAULT_CONCURRENCY;
  double rpm = 0;
  double timeout = DEFAULT_TIMEOUT;
  double attempts = DEFAULT_ATTEMPTS;

  if (!read_number (definition, "concurrency", 1, MAX_CONCURRENCY, TRUE, &concurrency, error)
      || !read_number (definition, "requests_per_minute", 0, 1e6, TRUE, &rpm, error)
      || !read_number (definition, "timeout", 0, 24 * 3600, FALSE, &timeout, error)
      || !read_number (definition, "max_attempts", 1, 20, TRUE, &attempts, error))
    return FALSE;
  self->concurrency = (guint)concurrency;
  self->requests_per_minute = (guint)rpm;
  self->timeout = timeout;
  self->max_attempts = (guint)attempts;
  return TRUE;
}

static gboolean
read_chat (ErrataSynthTarget  *self,
           JsonObject         *definition,
           GError            **error)
{
  const char *base_url = errata_json_member_string (definition, "base_url", NULL);
  const char *model = errata_json_member_string (definition, "model", NULL);
  const char *key_provider = errata_json_member_string (definition, "provider", "custom");
  const char *key_secret = errata_json_member_string (definition, "api_key_secret", NULL);

  if (base_url == NULL || *base_url == '\0')
    return _errata_synth_target_invalid (error, "base_url",
                                         _("the chat endpoint’s base URL is required "
                                           "(“http://localhost:11434/v1”, say)"));
  if (errata_llm_settings_provider_index (key_provider) >= ERRATA_LLM_N_PROVIDERS)
    return _errata_synth_target_invalid (error, "provider",
                                         _("expected “openai”, “anthropic”, “ollama” or "
                                           "“custom”, found %s"), key_provider);
  if (key_secret != NULL && !errata_synth_secret_name_is_valid (key_secret))
    return _errata_synth_target_invalid (error, "api_key_secret",
                                         _("“%s” is not a secret’s name (letters, digits, "
                                           "“-”, “_” and “.”)"), key_secret);
  self->provider = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI, base_url,
                                            model != NULL ? model : ERRATA_LLM_DEFAULT_MODEL);
  self->provider->concurrency = self->concurrency;
  self->provider->requests_per_minute = self->requests_per_minute;
  self->provider->timeout_seconds = (guint)MAX (self->timeout, self->timeout > 0 ? 1 : 0);
  self->provider->max_attempts = self->max_attempts;
  /* The key is named, never stored: the project is shared, the key is not.
   * It is looked up at the first call (errata-synth-target-secrets.c). */
  self->key_provider = g_strdup (key_provider);
  self->key_secret = g_strdup (key_secret);
  self->key_env = g_strdup (errata_json_member_string (definition, "api_key_env", NULL));
  self->system = g_strdup (errata_json_member_string (definition, "system", NULL));
  self->description = g_strdup (base_url);
  return _errata_synth_target_read_tools (self, definition, error);
}

static gboolean
read_kind (ErrataSynthTarget  *self,
           JsonObject         *definition,
           GError            **error)
{
  const char *kind = errata_json_member_string (definition, "kind", NULL);

  if (g_strcmp0 (kind, "chat") == 0)
    self->kind = ERRATA_SYNTH_TARGET_CHAT;
  else if (g_strcmp0 (kind, "http") == 0)
    self->kind = ERRATA_SYNTH_TARGET_HTTP;
  else if (g_strcmp0 (kind, "command") == 0)
    self->kind = ERRATA_SYNTH_TARGET_COMMAND;
  else
    return _errata_synth_target_invalid (error, "kind",
                                         _("expected “chat”, “http” or “command”, found %s"),
                                         kind != NULL ? kind : _("nothing"));
  return TRUE;
}

ErrataSynthTarget *
errata_synth_target_new (JsonObject  *definition,
                         const char  *project_id,
                         GError     **error)
{
  g_autoptr(ErrataSynthTarget) self = NULL;
  gboolean ok;

  g_return_val_if_fail (definition != NULL, NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  self = g_object_new (ERRATA_TYPE_SYNTH_TARGET, NULL);
  self->definition = json_object_ref (definition);
  self->project_id = g_strdup (project_id);
  if (!read_kind (self, definition, error) || !read_queue_settings (self, definition, error))
    return NULL;
  switch (self->kind)
    {
    case ERRATA_SYNTH_TARGET_CHAT:
      ok = read_chat (self, definition, error);
      break;
    case ERRATA_SYNTH_TARGET_HTTP:
      ok = _errata_synth_http_read (self, definition, error);
      break;
    case ERRATA_SYNTH_TARGET_COMMAND:
    default:
      ok = _errata_synth_command_read (self, definition, error);
      break;
    }
  return ok ? g_steal_pointer (&self) : NULL;
}

ErrataSynthTarget *
errata_synth_target_new_from_text (const char  *text,
                                   const char  *project_id,
                                   GError     **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  node = errata_json_from_string (text, error);
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID,
                   _("A target is a JSON object with a “kind”, found %s"),
                   errata_json_node_describe (node));
      return NULL;
    }
  return errata_synth_target_new (json_node_get_object (node), project_id, error);
}

/* Accessors ---------------------------------------------------------------- */

ErrataSynthTargetKind
errata_synth_target_get_kind (ErrataSynthTarget *self)
{
  g_return_val_if_fail (ERRATA_IS_SYNTH_TARGET (self), ERRATA_SYNTH_TARGET_CHAT);

  return self->kind;
}

JsonObject *
errata_synth_target_get_definition (ErrataSynthTarget *self)
{
  g_return_val_if_fail (ERRATA_IS_SYNTH_TARGET (self), NULL);

  return self->definition;
}

guint
errata_synth_target_get_concurrency (ErrataSynthTarget *self)
{
  g_return_val_if_fail (ERRATA_IS_SYNTH_TARGET (self), 1);

  return self->concurrency;
}

const char *
errata_synth_target_describe (ErrataSynthTarget *self)
{
  g_return_val_if_fail (ERRATA_IS_SYNTH_TARGET (self), NULL);

  return self->description;
}

const char *
errata_synth_target_get_command_line (ErrataSynthTarget *self)
{
  g_return_val_if_fail (ERRATA_IS_SYNTH_TARGET (self), NULL);

  return self->command_line;
}

gboolean
errata_synth_target_is_trusted (ErrataSynthTarget *self)
{
  g_return_val_if_fail (ERRATA_IS_SYNTH_TARGET (self), FALSE);

  return self->kind != ERRATA_SYNTH_TARGET_COMMAND
         || errata_trust_is_trusted (self->project_id, self->command_line);
}

gboolean
errata_synth_target_grant_trust (ErrataSynthTarget  *self,
                                 GError            **error)
{
  g_return_val_if_fail (ERRATA_IS_SYNTH_TARGET (self), FALSE);

  if (self->kind != ERRATA_SYNTH_TARGET_COMMAND)
    return TRUE;
  return errata_trust_grant (self->project_id, self->command_line, error);
}

void
errata_synth_target_set_directory (ErrataSynthTarget *self,
                                   const char        *directory)
{
  g_return_if_fail (ERRATA_IS_SYNTH_TARGET (self));

  g_free (self->directory);
  self->directory = g_strdup (directory);
}

void
errata_synth_target_set_retry_delays (ErrataSynthTarget *self,
                                      guint              base_ms,
                                      guint              max_ms)
{
  g_return_if_fail (ERRATA_IS_SYNTH_TARGET (self));

  self->retry_base_ms = base_ms;
  self->retry_max_ms = MAX (max_ms, base_ms);
  self->retry_delays_set = TRUE;
  if (self->client != NULL)
    errata_llm_client_set_retry_delays (self->client, base_ms, max_ms);
}

/* Chat --------------------------------------------------------------------- */

/* The model's answer; the tool calls it asked for stay in the trace, in
 * the normalised shape ({id, name, arguments}), for a reviewer to judge. */
static JsonObject *
assistant_message (ErrataLlmReply *llm)
{
  JsonObject *message = errata_messages_new_message ("assistant", llm->text);

  if (llm->tool_calls != NULL && json_array_get_length (json_node_get_array (llm->tool_calls)) > 0)
    json_object_set_array_member (message, "tool_calls",
                                  errata_messages_normalise_tool_calls (
                                    json_node_get_array (llm->tool_calls)));
  return message;
}

static void
on_chat_reply (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *query = g_task_get_task_data (task);
  ErrataSynthTarget *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataLlmReply) llm = NULL;
  ErrataSynthReply *reply;

  llm = errata_llm_client_complete_finish (ERRATA_LLM_CLIENT (source), result, &error);
  if (llm == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  reply = _errata_synth_reply_new ();
  reply->text = g_strdup (llm->text);
  reply->raw = errata_llm_reply_to_json (llm);
  reply->latency_ms = llm->latency_ms;
  reply->tokens_in = llm->tokens_in;
  reply->tokens_out = llm->tokens_out;
  reply->attempts = llm->attempts;
  reply->messages = json_array_new ();
  if (self->system != NULL)
    json_array_add_object_element (reply->messages,
                                   errata_messages_new_message ("system", self->system));
  json_array_add_object_element (reply->messages, errata_messages_new_message ("user", query));
  json_array_add_object_element (reply->messages, assistant_message (llm));
  g_task_return_pointer (task, reply, (GDestroyNotify)errata_synth_reply_free);
}

static void
chat_call (ErrataSynthTarget *self,
           GTask             *task,
           const char        *query)
{
  g_autoptr(ErrataLlmRequest) request = errata_llm_request_new ();
  GError *error = NULL;

  g_task_set_task_data (task, g_strdup (query), g_free);
  if (!_errata_synth_target_load_tools (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->system != NULL)
    errata_llm_request_set_system (request, self->system);
  if (self->tools != NULL)
    errata_llm_request_set_tools (request, self->tools);
  errata_llm_request_add_message (request, "user", query);
  /* The system's reply each time, never an old one from the cache. */
  errata_llm_request_set_bypass_cache (request, TRUE);
  errata_llm_client_complete_async (self->client, request, g_task_get_cancellable (task),
                                    on_chat_reply, g_object_ref (task));
}

/* The queue ---------------------------------------------------------------- */

static void
call_free (Call *call)
{
  if (call->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (call->task), call->cancelled_id);
  g_clear_handle_id (&call->timeout_id, g_source_remove);
  g_clear_handle_id (&call->retry_id, g_source_remove);
  g_clear_object (&call->attempt_cancellable);
  g_clear_object (&call->task);
  g_free (call->query);
  g_clear_pointer (&call->dimensions, json_object_unref);
  g_free (call);
}

static void
call_return (Call             *call,
             ErrataSynthReply *reply,
             GError           *error)
{
  GTask *task = g_object_ref (call->task);

  call_free (call);
  if (reply != NULL)
    g_task_return_pointer (task, reply, (GDestroyNotify)errata_synth_reply_free);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

static gboolean
on_attempt_timeout (gpointer user_data)
{
  Call *call = user_data;

  call->timeout_id = 0;
  call->timed_out = TRUE;
  g_cancellable_cancel (call->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static void
start_attempt (ErrataSynthTarget *self,
               Call              *call)
{
  call->attempt++;
  call->timed_out = FALSE;
  call->started_at = g_get_monotonic_time ();
  g_clear_object (&call->attempt_cancellable);
  call->attempt_cancellable = g_cancellable_new ();
  if (g_cancellable_is_cancelled (g_task_get_cancellable (call->task)))
    g_cancellable_cancel (call->attempt_cancellable);
  if (self->timeout > 0)
    call->timeout_id = g_timeout_add ((guint)(self->timeout * 1000), on_attempt_timeout, call);
  self->running++;
  if (self->kind == ERRATA_SYNTH_TARGET_HTTP)
    _errata_synth_http_start (self, call);
  else
    _errata_synth_command_start (self, call);
}

static gboolean
on_pace (gpointer user_data)
{
  ErrataSynthTarget *self = user_data;

  self->pace_id = 0;
  pump (self);
  return G_SOURCE_REMOVE;
}

static void
pump (ErrataSynthTarget *self)
{
  while (self->running < self->concurrency && !g_queue_is_empty (&self->waiting))
    {
      Call *call = g_queue_peek_head (&self->waiting);
      gint64 wait;

      if (g_cancellable_is_cancelled (g_task_get_cancellable (call->task)))
        {
          g_queue_pop_head (&self->waiting);
          call_return (call, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                        _("Cancelled")));
          continue;
        }
      wait = errata_llm_pacer_take (&self->pacer, self->requests_per_minute,
                                    g_get_monotonic_time ());
      if (wait > 0)
        {
          if (self->pace_id == 0)
            self->pace_id = g_timeout_add (MAX (wait / 1000, 1), on_pace, self);
          return;
        }
      g_queue_pop_head (&self->waiting);
      start_attempt (self, call);
    }
}

static void
sweep_queue (GQueue *queue)
{
  GList *l = queue->head;

  while (l != NULL)
    {
      GList *next = l->next;
      Call *call = l->data;

      if (g_cancellable_is_cancelled (g_task_get_cancellable (call->task)))
        {
          g_queue_delete_link (queue, l);
          call_return (call, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                        _("Cancelled")));
        }
      l = next;
    }
}

/* A cancelled call that waits for a slot or for its retry is returned at
 * once, not after the backoff. */
static gboolean
sweep_cancelled (gpointer user_data)
{
  g_autoptr(ErrataSynthTarget) self = user_data;

  sweep_queue (&self->waiting);
  sweep_queue (&self->retrying);
  sweep_queue (&self->held);
  return G_SOURCE_REMOVE;
}

static void
on_call_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  Call *call = user_data;

  if (call->attempt_cancellable != NULL)
    g_cancellable_cancel (call->attempt_cancellable);
  /* Called from g_cancellable_cancel(), maybe in another thread. */
  g_idle_add (sweep_cancelled, g_object_ref (call->self));
}

static gboolean
on_retry (gpointer user_data)
{
  Call *call = user_data;
  ErrataSynthTarget *self = call->self;

  call->retry_id = 0;
  g_queue_remove (&self->retrying, call);
  g_queue_push_head (&self->waiting, call);
  pump (self);
  return G_SOURCE_REMOVE;
}

void
_errata_synth_target_attempt_done (Call             *call,
                                   ErrataSynthReply *reply,
                                   GError           *error,
                                   gboolean          retryable)
{
  ErrataSynthTarget *self = call->self;
  gboolean cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (call->task));

  g_assert (self->running > 0);
  self->running--;
  g_clear_handle_id (&call->timeout_id, g_source_remove);
  if (error != NULL && call->timed_out && !cancelled)
    {
      g_clear_error (&error);
      error = g_error_new (ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_FAILED,
                           _("No reply within %g s"), self->timeout);
      retryable = TRUE;
    }
  if (reply != NULL)
    {
      reply->attempts = call->attempt;
      reply->latency_ms = (g_get_monotonic_time () - call->started_at) / 1000.0;
    }
  if (reply == NULL && retryable && !cancelled && call->attempt < self->max_attempts)
    {
      guint delay = errata_llm_backoff_ms (self->retry_base_ms, self->retry_max_ms,
                                           call->attempt, g_random_double ());

      g_debug ("Attempt %u failed (%s); again in %u ms", call->attempt, error->message, delay);
      g_error_free (error);
      call->retry_id = g_timeout_add (delay, on_retry, call);
      g_queue_push_tail (&self->retrying, call);
      pump (self);
      return;
    }
  /* The next call starts before the caller stores this one's reply: the
   * slot is not left idle while the caller works. */
  pump (self);
  call_return (call, reply, error);
}

/* A call whose secrets are known goes to the LLM client or the queue. */
static void
dispatch (ErrataSynthTarget *self,
          Call              *call)
{
  if (self->secrets_error != NULL)
    {
      call_return (call, NULL, g_error_copy (self->secrets_error));
      return;
    }
  if (self->kind == ERRATA_SYNTH_TARGET_CHAT)
    {
      chat_call (self, call->task, call->query);
      call_free (call);
      return;
    }
  g_queue_push_tail (&self->waiting, call);
  pump (self);
}

static void
on_secrets_looked_up (ErrataSynthTarget *self)
{
  Call *call;

  while ((call = g_queue_pop_head (&self->held)) != NULL)
    dispatch (self, call);
}

void
errata_synth_target_call_async (ErrataSynthTarget   *self,
                                const char          *query,
                                JsonObject          *dimensions,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) own = NULL;
  Call *call;

  g_return_if_fail (ERRATA_IS_SYNTH_TARGET (self));
  g_return_if_fail (query != NULL);

  /* The queue watches the task's cancellable: give it one. */
  if (cancellable == NULL)
    cancellable = own = g_cancellable_new ();
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_synth_target_call_async);
  if (!errata_synth_target_is_trusted (self))
    {
      g_task_return_new_error (task, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_NOT_TRUSTED,
                               _("The command “%s” comes with the project and is not trusted on "
                                 "this machine yet. Read it; if you trust it, run it "
                                 "once with “errata-cli synth run … --trust”."),
                               self->command_line);
      return;
    }
  call = g_new0 (Call, 1);
  call->self = self;
  call->task = g_steal_pointer (&task);
  call->query = g_strdup (query);
  call->dimensions = dimensions != NULL ? json_object_ref (dimensions) : json_object_new ();
  call->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_call_cancelled),
                                              call, NULL);
  if (self->secrets_state != SECRETS_READY)
    {
      g_queue_push_tail (&self->held, call);
      if (self->secrets_state == SECRETS_UNKNOWN)
        _errata_synth_target_look_up_secrets (self, on_secrets_looked_up);
      return;
    }
  dispatch (self, call);
}

ErrataSynthReply *
errata_synth_target_call_finish (ErrataSynthTarget  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (ERRATA_IS_SYNTH_TARGET (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* In the project --------------------------------------------------------- */

#define TARGET_META "synth_target"

gboolean
errata_synth_target_store (ErrataSynthTarget  *self,
                           ErrataProject      *project,
                           GError            **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (ERRATA_IS_SYNTH_TARGET (self), FALSE);
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  node = json_node_init_object (json_node_alloc (), self->definition);
  text = json_to_string (node, FALSE);
  return errata_project_set_meta (project, TARGET_META, text, error);
}

ErrataSynthTarget *
errata_synth_target_load (ErrataProject  *project,
                          GError        **error)
{
  g_autofree char *text = NULL;
  g_autofree char *project_id = NULL;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  text = errata_project_get_meta (project, TARGET_META);
  if (text == NULL)
    return NULL;
  project_id = errata_project_get_meta (project, "project_id");
  return errata_synth_target_new_from_text (text, project_id != NULL ? project_id : "", error);
}

/* GObject ------------------------------------------------------------------ */

static void
errata_synth_target_dispose (GObject *object)
{
  ErrataSynthTarget *self = ERRATA_SYNTH_TARGET (object);

  g_clear_handle_id (&self->pace_id, g_source_remove);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->client);
  g_clear_pointer (&self->provider, errata_llm_provider_free);
  G_OBJECT_CLASS (errata_synth_target_parent_class)->dispose (object);
}

static void
errata_synth_target_finalize (GObject *object)
{
  ErrataSynthTarget *self = ERRATA_SYNTH_TARGET (object);

  g_assert (g_queue_is_empty (&self->waiting));
  g_assert (g_queue_is_empty (&self->held));
  g_clear_pointer (&self->definition, json_object_unref);
  g_free (self->description);
  g_free (self->system);
  g_clear_pointer (&self->tools, json_node_unref);
  g_free (self->tools_file);
  g_free (self->key_provider);
  g_free (self->key_secret);
  g_free (self->key_env);
  g_clear_pointer (&self->secret_names, g_ptr_array_unref);
  g_clear_pointer (&self->secrets, g_hash_table_unref);
  g_clear_error (&self->secrets_error);
  g_free (self->method);
  g_free (self->url);
  g_clear_pointer (&self->headers, json_object_unref);
  g_clear_pointer (&self->body, json_node_unref);
  g_free (self->reply_pointer);
  g_free (self->messages_pointer);
  g_strfreev (self->argv);
  g_free (self->command_line);
  g_free (self->project_id);
  g_free (self->directory);
  G_OBJECT_CLASS (errata_synth_target_parent_class)->finalize (object);
}

static void
errata_synth_target_class_init (ErrataSynthTargetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = errata_synth_target_dispose;
  object_class->finalize = errata_synth_target_finalize;
}

static void
errata_synth_target_init (ErrataSynthTarget *self)
{
  g_queue_init (&self->waiting);
  g_queue_init (&self->retrying);
  g_queue_init (&self->held);
  self->concurrency = DEFAULT_CONCURRENCY;
  self->timeout = DEFAULT_TIMEOUT;
  self->max_attempts = DEFAULT_ATTEMPTS;
  self->retry_base_ms = 500;
  self->retry_max_ms = 20000;
  errata_llm_pacer_init (&self->pacer, g_get_monotonic_time ());
}
