/* errata-mock-llm-server.c
 *
 * Speaks just enough of the OpenAI chat completions and Anthropic
 * messages APIs (and their model lists) for the client to be tested
 * against, and misbehaves on request: latency, 429 with Retry-After,
 * 500, 529, malformed or truncated bodies, hangs, quota and auth errors.
 * Synthetic data prompts get generated tuples and queries
 * (errata-mock-llm-synth.c). It runs on the caller's main context, so a test can drive the client
 * and the server from one loop.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-mock-llm-server.h"
#include "errata-mock-llm-private.h"
#include "errata-mock-llm-synth.h"

#include <libsoup/soup.h>
#include <string.h>

struct _ErrataMockLlmServer
{
  GObject          parent_instance;

  SoupServer      *server;
  char            *url;
  guint            latency_ms;
  ErrataMockFault  fault;
  guint            fault_count;     /* 0: every request */
  guint            retry_after;
  GPtrArray       *replies;         /* of JsonNode: scripted, cycling */
  guint            n_replied;       /* normal replies given */

  guint            n_requests;
  guint            n_chat_requests;
  guint            n_in_flight;
  guint            max_in_flight;
  GHashTable      *path_counts;     /* path → count */
  GArray          *arrivals;        /* gint64 monotonic µs of each chat request */
  char            *last_api_key;
  char            *required_key;    /* NULL: any key will do */
  JsonNode        *last_request;
  GPtrArray       *held;            /* paused messages (hangs, latency) */
  GPtrArray       *timers;          /* of GSource: latency timers */
  ErrataMockBatches *batches;       /* the Batch APIs (errata-mock-llm-batch.c) */
};

G_DEFINE_FINAL_TYPE (ErrataMockLlmServer, errata_mock_llm_server, G_TYPE_OBJECT)

typedef struct
{
  ErrataMockLlmServer *self;
  SoupServerMessage   *msg;
  guint                status;
  char                *body;
  char                *retry_after;
} Delayed;

/* ---- replies ----------------------------------------------------------- */

static JsonNode *
next_script (ErrataMockLlmServer *self)
{
  if (self->replies->len == 0)
    return NULL;
  return g_ptr_array_index (self->replies, self->n_replied % self->replies->len);
}

const char *
_errata_mock_get_string (JsonObject *object,
                         const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static gint64
count_prompt_chars (JsonObject *request)
{
  JsonNode *messages = json_object_get_member (request, "messages");
  gint64 chars = 0;

  if (messages == NULL || !JSON_NODE_HOLDS_ARRAY (messages))
    return 0;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (messages)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (messages), i);
      const char *content = JSON_NODE_HOLDS_OBJECT (node)
                            ? _errata_mock_get_string (json_node_get_object (node), "content") : NULL;

      chars += content != NULL ? strlen (content) : 0;
    }
  return chars;
}

static const char *
last_user_text (JsonObject *request)
{
  JsonNode *messages = json_object_get_member (request, "messages");
  JsonArray *array;
  guint len;

  if (messages == NULL || !JSON_NODE_HOLDS_ARRAY (messages))
    return "";
  array = json_node_get_array (messages);
  len = json_array_get_length (array);
  if (len == 0 || !JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, len - 1)))
    return "";
  return _errata_mock_get_string (json_array_get_object_element (array, len - 1), "content");
}

static void
answer_clear (Answer *answer)
{
  g_free (answer->text);
  g_free (answer->model);
  g_free (answer->finish_reason);
  g_clear_pointer (&answer->tool_calls, json_node_unref);
  g_clear_pointer (&answer->json, json_node_unref);
}

gboolean
_errata_mock_wants_json (JsonObject *request,
                         gboolean    anthropic)
{
  return json_object_has_member (request, anthropic ? "tools" : "response_format");
}

static void
make_answer (ErrataMockLlmServer *self,
             JsonObject          *request,
             gboolean             anthropic,
             Answer              *answer)
{
  JsonNode *script = next_script (self);
  JsonObject *object = script != NULL && JSON_NODE_HOLDS_OBJECT (script)
                       ? json_node_get_object (script) : NULL;
  const char *user = last_user_text (request);
  guint n = ++self->n_replied;

  memset (answer, 0, sizeof *answer);
  if (script != NULL && json_node_get_value_type (script) == G_TYPE_STRING)
    answer->text = g_strdup (json_node_get_string (script));
  else if (object != NULL)
    {
      answer->text = g_strdup (_errata_mock_get_string (object, "text"));
      if (json_object_has_member (object, "json"))
        answer->json = json_node_copy (json_object_get_member (object, "json"));
      if (json_object_has_member (object, "tool_calls"))
        answer->tool_calls = json_node_copy (json_object_get_member (object, "tool_calls"));
    }

  if (answer->text == NULL && answer->json == NULL && !anthropic)
    answer->json = errata_mock_llm_synth_answer (request, user);
  if (answer->text == NULL && answer->json == NULL && _errata_mock_wants_json (request, anthropic))
    answer->json = json_from_string ("{\"verdict\": \"pass\", \"reasoning\": \"mock\"}", NULL);
  if (answer->text == NULL && answer->json == NULL)
    answer->text = g_strdup_printf ("Mock reply %u to: %.60s", n, user != NULL ? user : "");
  if (answer->text == NULL)
    answer->text = json_to_string (answer->json, FALSE);

  answer->model = g_strdup (_errata_mock_get_string (object, "model") != NULL
                            ? _errata_mock_get_string (object, "model")
                            : _errata_mock_get_string (request, "model") != NULL
                            ? _errata_mock_get_string (request, "model")
                            : "mock-model");
  answer->finish_reason = g_strdup (_errata_mock_get_string (object, "finish_reason"));
  answer->tokens_in = count_prompt_chars (request) / 4 + 1;
  answer->tokens_out = strlen (answer->text) / 4 + 1;
}

/* ---- answering --------------------------------------------------------- */

static void
respond_now (ErrataMockLlmServer *self,
             SoupServerMessage   *msg,
             guint                status,
             const char          *body,
             const char          *retry_after)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (retry_after != NULL)
    soup_message_headers_replace (headers, "Retry-After", retry_after);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
  g_assert (self->n_in_flight > 0);
  self->n_in_flight--;
}

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  g_object_unref (delayed->msg);
  g_free (delayed->body);
  g_free (delayed->retry_after);
  g_free (delayed);
}

static void
on_held_disconnected (SoupServerMessage *msg,
                      gpointer           data)
{
  ErrataMockLlmServer *self = data;

  if (g_ptr_array_remove (self->held, msg))
    self->n_in_flight--;
}

static void
hold (ErrataMockLlmServer *self,
      SoupServerMessage   *msg)
{
  soup_server_message_pause (msg);
  g_ptr_array_add (self->held, g_object_ref (msg));
  g_signal_connect_object (msg, "disconnected", G_CALLBACK (on_held_disconnected), self, 0);
}

static gboolean
on_delay_done (gpointer data)
{
  Delayed *delayed = data;

  g_ptr_array_remove (delayed->self->timers, g_main_current_source ());
  if (g_ptr_array_remove (delayed->self->held, delayed->msg))
    {
      respond_now (delayed->self, delayed->msg, delayed->status, delayed->body,
                   delayed->retry_after);
      soup_server_message_unpause (delayed->msg);
    }
  return G_SOURCE_REMOVE;
}

/* Takes @body. */
static void
respond (ErrataMockLlmServer *self,
         SoupServerMessage   *msg,
         guint                status,
         char                *body,
         const char          *retry_after)
{
  Delayed *delayed;
  GSource *source;

  if (self->latency_ms == 0)
    {
      respond_now (self, msg, status, body, retry_after);
      g_free (body);
      return;
    }

  delayed = g_new0 (Delayed, 1);
  delayed->self = self;
  delayed->msg = g_object_ref (msg);
  delayed->status = status;
  delayed->body = body;
  delayed->retry_after = g_strdup (retry_after);

  hold (self, msg);
  source = g_timeout_source_new (self->latency_ms);
  g_source_set_callback (source, on_delay_done, delayed, delayed_free);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_ptr_array_add (self->timers, source);
}

static gboolean
respond_fault (ErrataMockLlmServer *self,
               SoupServerMessage   *msg,
               gboolean             anthropic,
               const char          *good_body)
{
  g_autofree char *retry = g_strdup_printf ("%u", self->retry_after);
  g_autofree char *auth_message = NULL;

  switch (self->fault)
    {
    case ERRATA_MOCK_FAULT_NONE:
      return FALSE;
    case ERRATA_MOCK_FAULT_429:
      respond (self, msg, 429,
               _errata_mock_error_body (anthropic, anthropic ? "rate_limit_error" : "requests",
                                        "rate_limit_exceeded", "Rate limit reached"), retry);
      return TRUE;
    case ERRATA_MOCK_FAULT_500:
      respond (self, msg, 500,
               _errata_mock_error_body (anthropic, anthropic ? "api_error" : "server_error",
                                        NULL, "Internal server error"), NULL);
      return TRUE;
    case ERRATA_MOCK_FAULT_529:
      respond (self, msg, 529,
               _errata_mock_error_body (anthropic, "overloaded_error", NULL, "Overloaded"), NULL);
      return TRUE;
    case ERRATA_MOCK_FAULT_MALFORMED:
      respond (self, msg, 200, g_strdup ("{\"choices\": [ this is not json"), NULL);
      return TRUE;
    case ERRATA_MOCK_FAULT_TRUNCATED:
      respond (self, msg, 200, g_strndup (good_body, strlen (good_body) / 2), NULL);
      return TRUE;
    case ERRATA_MOCK_FAULT_HANG:
      hold (self, msg);
      return TRUE;
    case ERRATA_MOCK_FAULT_QUOTA:
      if (anthropic)
        respond (self, msg, 400,
                 _errata_mock_error_body (TRUE, "invalid_request_error", NULL,
                                          "Your credit balance is too low to access the "
                                          "Anthropic API. Please go to Plans & Billing to "
                                          "upgrade or purchase credits."), NULL);
      else
        respond (self, msg, 429,
                 _errata_mock_error_body (FALSE, "insufficient_quota", "insufficient_quota",
                                          "You exceeded your current quota, please check "
                                          "your plan and billing details."), retry);
      return TRUE;
    case ERRATA_MOCK_FAULT_AUTH:
      /* Echo the key, as careless servers do: the client must hide it. */
      auth_message = g_strdup_printf ("Incorrect API key provided: %s",
                                      self->last_api_key ? self->last_api_key : "(none)");
      respond (self, msg, 401,
               _errata_mock_error_body (anthropic, anthropic ? "authentication_error"
                                                             : "invalid_request_error",
                                        "invalid_api_key", auth_message), NULL);
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

static void
record_key (ErrataMockLlmServer *self,
            SoupServerMessage   *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *bearer = soup_message_headers_get_one (headers, "Authorization");
  const char *key = soup_message_headers_get_one (headers, "x-api-key");

  if (bearer != NULL && g_str_has_prefix (bearer, "Bearer "))
    key = bearer + strlen ("Bearer ");

  g_free (self->last_api_key);
  self->last_api_key = g_strdup (key);
}

static gboolean
fault_applies (ErrataMockLlmServer *self)
{
  return self->fault != ERRATA_MOCK_FAULT_NONE &&
         (self->fault_count == 0 || self->n_chat_requests <= self->fault_count);
}

static void
handle_chat (ErrataMockLlmServer *self,
             SoupServerMessage   *msg,
             gboolean             anthropic)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gint64 now = g_get_monotonic_time ();
  JsonNode *root = NULL;
  g_autofree char *body = NULL;
  JsonObject *request;
  Answer answer;
  guint n;

  self->n_chat_requests++;
  g_array_append_val (self->arrivals, now);
  record_key (self, msg);

  if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), NULL))
    root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (anthropic && soup_message_headers_get_one (headers, "anthropic-version") == NULL))
    {
      respond (self, msg, 400, _errata_mock_error_body (anthropic, "invalid_request_error", NULL,
                                                        "The request is not a JSON object or lacks "
                                                        "the anthropic-version header"), NULL);
      return;
    }
  g_clear_pointer (&self->last_request, json_node_unref);
  self->last_request = json_node_ref (root);
  request = json_node_get_object (root);

  n = self->n_chat_requests;
  make_answer (self, request, anthropic, &answer);
  body = anthropic ? _errata_mock_anthropic_body (request, n, &answer)
                   : _errata_mock_openai_body (n, &answer);
  answer_clear (&answer);

  if (fault_applies (self))
    {
      self->n_replied--;   /* the script entry was not delivered */
      if (respond_fault (self, msg, anthropic, body))
        return;
    }

  respond (self, msg, 200, g_steal_pointer (&body), NULL);
}

/* The body a chat request is answered with (no faults, no latency): one
 * result of a batch. */
char *
_errata_mock_llm_server_answer (ErrataMockLlmServer *self,
                                JsonObject          *request,
                                gboolean             anthropic)
{
  Answer answer;
  char *body;
  guint n = ++self->n_chat_requests;

  make_answer (self, request, anthropic, &answer);
  body = anthropic ? _errata_mock_anthropic_body (request, n, &answer)
                   : _errata_mock_openai_body (n, &answer);
  answer_clear (&answer);
  return body;
}

/* Takes @body. */
void
_errata_mock_llm_server_respond (ErrataMockLlmServer *self,
                                 SoupServerMessage   *msg,
                                 guint                status,
                                 char                *body)
{
  respond (self, msg, status, body, NULL);
}

char *
_errata_mock_llm_server_error_body (gboolean    anthropic,
                                    const char *type,
                                    const char *message)
{
  return _errata_mock_error_body (anthropic, type, NULL, message);
}

/* A server that checks keys, as the real ones do: a wrong key gets 401
 * on every endpoint, the model list included. */
static gboolean
refuse_wrong_key (ErrataMockLlmServer *self,
                  SoupServerMessage   *msg,
                  const char          *path)
{
  gboolean anthropic = g_str_has_suffix (path, "/messages") ||
                       soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "x-api-key") != NULL;
  g_autofree char *message = NULL;

  if (self->required_key == NULL)
    return FALSE;
  record_key (self, msg);
  if (g_strcmp0 (self->last_api_key, self->required_key) == 0)
    return FALSE;

  message = g_strdup_printf ("Incorrect API key provided: %s",
                             self->last_api_key ? self->last_api_key : "(none)");
  respond (self, msg, 401, _errata_mock_error_body (anthropic, anthropic ? "authentication_error"
                                                                         : "invalid_request_error",
                                                    "invalid_api_key", message), NULL);
  return TRUE;
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  ErrataMockLlmServer *self = data;
  const char *method = soup_server_message_get_method (msg);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->path_counts, path));

  self->n_requests++;
  self->n_in_flight++;
  self->max_in_flight = MAX (self->max_in_flight, self->n_in_flight);
  g_hash_table_replace (self->path_counts, g_strdup (path), GUINT_TO_POINTER (count + 1));

  if (refuse_wrong_key (self, msg, path))
    return;
  if (g_str_equal (method, "GET") && (g_str_equal (path, "/models") || g_str_equal (path, "/v1/models")))
    respond (self, msg, 200, _errata_mock_models_body (), NULL);
  else if (_errata_mock_batches_handle (self->batches, msg, method, path))
    ;
  else if (g_str_equal (method, "POST") && g_str_has_suffix (path, "/chat/completions"))
    handle_chat (self, msg, FALSE);
  else if (g_str_equal (method, "POST") && (g_str_equal (path, "/messages") ||
                                            g_str_equal (path, "/v1/messages")))
    handle_chat (self, msg, TRUE);
  else
    respond (self, msg, 404,
             _errata_mock_error_body (FALSE, "not_found", NULL, "No such endpoint"), NULL);
}

/* ---- GObject ----------------------------------------------------------- */

static void
errata_mock_llm_server_dispose (GObject *object)
{
  ErrataMockLlmServer *self = (ErrataMockLlmServer *) object;

  if (self->timers != NULL)
    for (guint i = 0; i < self->timers->len; i++)
      g_source_destroy (g_ptr_array_index (self->timers, i));
  g_clear_pointer (&self->timers, g_ptr_array_unref);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->held, g_ptr_array_unref);

  G_OBJECT_CLASS (errata_mock_llm_server_parent_class)->dispose (object);
}

static void
errata_mock_llm_server_finalize (GObject *object)
{
  ErrataMockLlmServer *self = (ErrataMockLlmServer *) object;

  g_free (self->url);
  g_free (self->last_api_key);
  g_free (self->required_key);
  g_clear_pointer (&self->last_request, json_node_unref);
  g_ptr_array_unref (self->replies);
  g_hash_table_unref (self->path_counts);
  g_array_unref (self->arrivals);
  g_clear_pointer (&self->batches, _errata_mock_batches_free);

  G_OBJECT_CLASS (errata_mock_llm_server_parent_class)->finalize (object);
}

static void
errata_mock_llm_server_class_init (ErrataMockLlmServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = errata_mock_llm_server_dispose;
  object_class->finalize = errata_mock_llm_server_finalize;
}

static void
errata_mock_llm_server_init (ErrataMockLlmServer *self)
{
  self->replies = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->path_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->arrivals = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  self->timers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);
  self->retry_after = 1;
  self->batches = _errata_mock_batches_new (self);
}

/**
 * errata_mock_llm_server_new:
 * @port: 0 to pick a free one
 *
 * Listens on 127.0.0.1, answering on the thread-default main context.
 */
ErrataMockLlmServer *
errata_mock_llm_server_new (guint    port,
                            GError **error)
{
  g_autoptr(ErrataMockLlmServer) self = g_object_new (ERRATA_TYPE_MOCK_LLM_SERVER, NULL);
  GSList *uris;

  self->server = soup_server_new ("server-header", "errata-mock-llm ", NULL);
  soup_server_add_handler (self->server, NULL, on_request, self, NULL);

  if (!soup_server_listen_local (self->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return NULL;

  uris = soup_server_get_uris (self->server);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return g_steal_pointer (&self);
}

/* "http://127.0.0.1:PORT", no trailing slash. */
const char *
errata_mock_llm_server_get_url (ErrataMockLlmServer *self)
{
  return self->url;
}

/* The base URL each protocol's clients expect (see ErrataLlmProvider). */
char *
errata_mock_llm_server_dup_base_url (ErrataMockLlmServer *self,
                                     gboolean             anthropic)
{
  return anthropic ? g_strdup (self->url) : g_strconcat (self->url, "/v1", NULL);
}

void
errata_mock_llm_server_set_latency (ErrataMockLlmServer *self,
                                    guint                latency_ms)
{
  self->latency_ms = latency_ms;
}

/* @count: the fault hits the first @count chat requests counted from
 * now; 0 means every request. */
void
errata_mock_llm_server_set_fault (ErrataMockLlmServer *self,
                                  ErrataMockFault      fault,
                                  guint                count)
{
  self->fault = fault;
  self->fault_count = count == 0 ? 0 : self->n_chat_requests + count;
}

/* @api_key: the only key accepted from now on, or NULL for any. */
void
errata_mock_llm_server_set_api_key (ErrataMockLlmServer *self,
                                    const char          *api_key)
{
  g_free (self->required_key);
  self->required_key = g_strdup (api_key);
}

void
errata_mock_llm_server_set_retry_after (ErrataMockLlmServer *self,
                                        guint                seconds)
{
  self->retry_after = seconds;
}

/* A string (the reply text) or an object {"text"?, "json"?, "model"?,
 * "finish_reason"?, "tool_calls"?} (finish_reason is sent as Anthropic's
 * stop_reason too; tool_calls, OpenAI's, only in OpenAI's shape). */
void
errata_mock_llm_server_add_reply (ErrataMockLlmServer *self,
                                  JsonNode            *reply)
{
  g_ptr_array_add (self->replies, json_node_copy (reply));
}

/* One reply per line, as errata_mock_llm_server_add_reply() takes them. */
gboolean
errata_mock_llm_server_load_replies (ErrataMockLlmServer  *self,
                                     const char           *path,
                                     GError              **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = NULL;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      node = json_from_string (lines[i], error);
      if (node == NULL)
        {
          g_prefix_error (error, "%s:%u: ", path, i + 1);
          return FALSE;
        }
      errata_mock_llm_server_add_reply (self, node);
    }
  return TRUE;
}

/* The Batch APIs: a batch completes @delay_ms after it was created; in
 * each, the first @n_errors requests come back with an error and the last
 * @n_expired expire; the next @n_failed batches created fail as a whole. */
void
errata_mock_llm_server_set_batches (ErrataMockLlmServer *self,
                                    guint                delay_ms,
                                    guint                n_errors,
                                    guint                n_expired,
                                    guint                n_failed)
{
  _errata_mock_batches_configure (self->batches, delay_ms, n_errors, n_expired, n_failed);
}

void
errata_mock_llm_server_hold_batches (ErrataMockLlmServer *self,
                                     gboolean             held)
{
  _errata_mock_batches_set_held (self->batches, held);
}

guint
errata_mock_llm_server_get_n_requests (ErrataMockLlmServer *self)
{
  return self->n_requests;
}

guint
errata_mock_llm_server_get_n_in_flight (ErrataMockLlmServer *self)
{
  return self->n_in_flight;
}

guint
errata_mock_llm_server_get_max_in_flight (ErrataMockLlmServer *self)
{
  return self->max_in_flight;
}

guint
errata_mock_llm_server_get_path_count (ErrataMockLlmServer *self,
                                       const char          *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->path_counts, path));
}

/* Monotonic times (µs) at which chat requests arrived. */
GArray *
errata_mock_llm_server_get_arrivals (ErrataMockLlmServer *self)
{
  return self->arrivals;
}

const char *
errata_mock_llm_server_get_last_api_key (ErrataMockLlmServer *self)
{
  return self->last_api_key;
}

JsonNode *
errata_mock_llm_server_get_last_request (ErrataMockLlmServer *self)
{
  return self->last_request;
}

gboolean
errata_mock_fault_from_string (const char      *text,
                               ErrataMockFault *fault)
{
  static const char * const names[] = {
    "none", "429", "500", "529", "malformed", "truncated", "hang", "quota", "auth",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *fault = (ErrataMockFault) i;
        return TRUE;
      }
  return FALSE;
}

/* Batches created (Anthropic's and OpenAI's). */
guint
errata_mock_llm_server_get_n_batches (ErrataMockLlmServer *self)
{
  return _errata_mock_batches_get_count (self->batches);
}
