/* errata-llm-batch-api.c
 *
 * Four HTTP exchanges, each one asynchronous call: upload and create
 * (OpenAI: two requests), read a batch back, download a file. Nothing is
 * retried here: the caller polls anyway and decides what a failure means
 * (errata_llm_batch_error_is_transient()).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-llm-batch-api.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "errata-llm-error.h"
#include "errata-llm-wire.h"
#include "errata-remote-consent.h"

/* An upload of 200 MB on a slow line takes minutes; a poll takes less
 * than a second. Idle time, not total time. */
#define IO_TIMEOUT_SECONDS 300

struct _ErrataLlmBatchApi
{
  GObject            parent_instance;

  ErrataLlmProvider *provider;
  SoupSession       *session;
};

G_DEFINE_FINAL_TYPE (ErrataLlmBatchApi, errata_llm_batch_api, G_TYPE_OBJECT)

void
errata_llm_batch_info_free (ErrataLlmBatchInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->status);
  g_free (info->output);
  g_free (info->errors);
  g_free (info->message);
  g_free (info);
}

void
errata_llm_batch_limits (ErrataLlmKind  kind,
                         guint         *max_requests,
                         guint64       *max_bytes)
{
  gboolean anthropic = kind == ERRATA_LLM_KIND_ANTHROPIC;

  *max_requests = anthropic ? ERRATA_LLM_ANTHROPIC_BATCH_MAX_REQUESTS
                            : ERRATA_LLM_OPENAI_BATCH_MAX_REQUESTS;
  *max_bytes = anthropic ? ERRATA_LLM_ANTHROPIC_BATCH_MAX_BYTES
                         : ERRATA_LLM_OPENAI_BATCH_MAX_BYTES;
}

/* Worth trying again at the next poll: the provider was busy or away. */
gboolean
errata_llm_batch_error_is_transient (const GError *error)
{
  return g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_RATE_LIMITED) ||
         g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_SERVER) ||
         g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_TIMEOUT) ||
         g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_NETWORK);
}

static void
errata_llm_batch_api_finalize (GObject *object)
{
  ErrataLlmBatchApi *self = (ErrataLlmBatchApi *) object;

  g_clear_pointer (&self->provider, errata_llm_provider_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (errata_llm_batch_api_parent_class)->finalize (object);
}

static void
errata_llm_batch_api_class_init (ErrataLlmBatchApiClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = errata_llm_batch_api_finalize;
}

static void
errata_llm_batch_api_init (ErrataLlmBatchApi *self)
{
  self->session = soup_session_new_with_options ("timeout", IO_TIMEOUT_SECONDS,
                                                 "idle-timeout", 60, NULL);
}

ErrataLlmBatchApi *
errata_llm_batch_api_new (const ErrataLlmProvider *provider)
{
  ErrataLlmBatchApi *self;

  g_return_val_if_fail (provider != NULL, NULL);

  self = g_object_new (ERRATA_TYPE_LLM_BATCH_API, NULL);
  self->provider = errata_llm_provider_copy (provider);
  return self;
}

const ErrataLlmProvider *
errata_llm_batch_api_get_provider (ErrataLlmBatchApi *self)
{
  g_return_val_if_fail (ERRATA_IS_LLM_BATCH_API (self), NULL);

  return self->provider;
}

/* ---- reading a batch ------------------------------------------------------ */

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static gint64
int_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : 0;
}

/* OpenAI's errors.data[].message, joined: why a batch was refused. */
static char *
openai_errors (JsonObject *batch)
{
  JsonObject *errors = object_member (batch, "errors");
  JsonNode *data = errors != NULL ? json_object_get_member (errors, "data") : NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (data == NULL || !JSON_NODE_HOLDS_ARRAY (data))
    return NULL;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (data)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (data), i);
      JsonObject *error = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *message = string_member (error, "message");

      if (message == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      if (int_member (error, "line") > 0)
        g_string_append_printf (text, _("line %" PRId64 ": "), int_member (error, "line"));
      g_string_append (text, message);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
read_openai (JsonObject         *batch,
             ErrataLlmBatchInfo *info)
{
  JsonObject *counts = object_member (batch, "request_counts");
  const char *status = info->status;

  if (g_str_equal (status, "failed"))
    info->state = ERRATA_LLM_BATCH_FAILED;
  else if (g_str_equal (status, "completed") || g_str_equal (status, "expired")
           || g_str_equal (status, "cancelled"))
    info->state = ERRATA_LLM_BATCH_ENDED;
  else
    info->state = ERRATA_LLM_BATCH_RUNNING;
  info->n_total = int_member (counts, "total");
  info->n_succeeded = int_member (counts, "completed");
  info->n_errored = int_member (counts, "failed");
  info->output = g_strdup (string_member (batch, "output_file_id"));
  info->errors = g_strdup (string_member (batch, "error_file_id"));
  info->message = openai_errors (batch);
}

static void
read_anthropic (JsonObject         *batch,
                ErrataLlmBatchInfo *info)
{
  JsonObject *counts = object_member (batch, "request_counts");

  info->state = g_str_equal (info->status, "ended") ? ERRATA_LLM_BATCH_ENDED
                                                    : ERRATA_LLM_BATCH_RUNNING;
  info->n_succeeded = int_member (counts, "succeeded");
  info->n_errored = int_member (counts, "errored") + int_member (counts, "canceled");
  info->n_expired = int_member (counts, "expired");
  info->n_total = info->n_succeeded + info->n_errored + info->n_expired
                  + int_member (counts, "processing");
  info->output = g_strdup (string_member (batch, "results_url"));
}

static ErrataLlmBatchInfo *
parse_batch (ErrataLlmBatchApi  *self,
             GBytes             *body,
             GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(ErrataLlmBatchInfo) info = g_new0 (ErrataLlmBatchInfo, 1);
  gboolean anthropic = self->provider->kind == ERRATA_LLM_KIND_ANTHROPIC;
  JsonNode *root = NULL;
  JsonObject *batch;

  if (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                  g_bytes_get_size (body), NULL))
    root = json_parser_get_root (parser);
  batch = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (string_member (batch, "id") == NULL
      || string_member (batch, anthropic ? "processing_status" : "status") == NULL)
    {
      g_set_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY,
                   _("%s answered with something that is not a batch: does it have a Batch "
                     "API?"), self->provider->base_url);
      return NULL;
    }
  info->id = g_strdup (string_member (batch, "id"));
  info->status = g_strdup (string_member (batch, anthropic ? "processing_status" : "status"));
  if (anthropic)
    read_anthropic (batch, info);
  else
    read_openai (batch, info);
  return g_steal_pointer (&info);
}

/* ---- one exchange ------------------------------------------------------- */

static GError *
transport_error (ErrataLlmBatchApi *self,
                 GError            *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new_literal (ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_CANCELLED, error->message);
  return g_error_new (ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_NETWORK,
                      /* Translators: %s is a URL, then a system error message. */
                      _("Could not reach %s: %s"), self->provider->base_url, error->message);
}

/* The body of a 2xx answer, or the error its status means. */
static GBytes *
read_answer (ErrataLlmBatchApi  *self,
             SoupMessage        *message,
             GAsyncResult       *result,
             GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (self->session, result, &local_error);
  guint status = soup_message_get_status (message);
  gboolean retryable;

  if (body == NULL)
    {
      g_propagate_error (error, transport_error (self, local_error));
      return NULL;
    }
  if (status < 200 || status >= 300)
    {
      g_propagate_error (error, _errata_llm_wire_http_error (self->provider, status, body,
                                                             &retryable));
      return NULL;
    }
  return g_steal_pointer (&body);
}

static void
send (ErrataLlmBatchApi   *self,
      SoupMessage         *message,
      GTask               *task,
      GAsyncReadyCallback  callback)
{
  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), callback, task);
}

static void
on_batch_answer (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GTask) task = data;
  ErrataLlmBatchApi *self = g_task_get_source_object (task);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  ErrataLlmBatchInfo *info;

  body = read_answer (self, g_task_get_task_data (task), result, &error);
  info = body != NULL ? parse_batch (self, body, &error) : NULL;
  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) errata_llm_batch_info_free);
}

/* ---- submit --------------------------------------------------------------- */

static GBytes *
openai_create_body (const char *file_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "input_file_id");
  json_builder_add_string_value (builder, file_id);
  json_builder_set_member_name (builder, "endpoint");
  json_builder_add_string_value (builder, "/v1/chat/completions");
  json_builder_set_member_name (builder, "completion_window");
  json_builder_add_string_value (builder, "24h");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  return g_bytes_new_take (text, strlen (text));
}

static void
on_uploaded (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  ErrataLlmBatchApi *self = g_task_get_source_object (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) create = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;
  JsonNode *root = NULL;
  const char *file_id = NULL;

  body = read_answer (self, g_task_get_task_data (task), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                  g_bytes_get_size (body), NULL))
    root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    file_id = string_member (json_node_get_object (root), "id");
  if (file_id == NULL)
    {
      g_task_return_new_error (task, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY,
                               _("%s took the batch file but named no file id"),
                               self->provider->base_url);
      return;
    }
  create = openai_create_body (file_id);
  message = _errata_llm_wire_new_message (self->provider, "POST", "batches", create, &error);
  if (message == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  send (self, message, g_steal_pointer (&task), on_batch_answer);
}

/* Streams @payload from disk as the request body. */
static gboolean
set_body_from_file (SoupMessage  *message,
                    GFile        *payload,
                    const char   *content_type,
                    GError      **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (payload, NULL, error);
  g_autoptr(GFileInfo) info = NULL;

  if (stream == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, error);
  if (info == NULL)
    return FALSE;
  soup_message_set_request_body (message, content_type, G_INPUT_STREAM (stream),
                                 g_file_info_get_size (info));
  return TRUE;
}

/**
 * errata_llm_batch_api_submit_async:
 * @payload: what ErrataLlmBatchWriter wrote: for OpenAI the whole
 *   multipart form (purpose and file), for Anthropic the JSON body
 * @boundary: (nullable): the multipart boundary the writer used (OpenAI)
 *
 * Creates the batch; finish returns it as the provider reports it.
 */
void
errata_llm_batch_api_submit_async (ErrataLlmBatchApi   *self,
                                   GFile               *payload,
                                   const char          *boundary,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  gboolean anthropic = self->provider->kind == ERRATA_LLM_KIND_ANTHROPIC;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *content_type = NULL;
  GError *error = NULL;

  g_return_if_fail (ERRATA_IS_LLM_BATCH_API (self));
  g_return_if_fail (G_IS_FILE (payload));
  g_return_if_fail (anthropic || boundary != NULL);

  g_task_set_source_tag (task, errata_llm_batch_api_submit_async);
  content_type = anthropic ? g_strdup ("application/json")
                           : g_strdup_printf ("multipart/form-data; boundary=%s", boundary);
  message = _errata_llm_wire_new_message (self->provider, "POST",
                                          anthropic ? "messages/batches" : "files", NULL, &error);
  if (message == NULL || !set_body_from_file (message, payload, content_type, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* A body read from a stream cannot be sent twice. */
  soup_message_remove_flags (message, SOUP_MESSAGE_IDEMPOTENT);
  send (self, message, g_steal_pointer (&task), anthropic ? on_batch_answer : on_uploaded);
}

ErrataLlmBatchInfo *
errata_llm_batch_api_submit_finish (ErrataLlmBatchApi  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- retrieve, cancel ------------------------------------------------------ */

/* GET (or POST) batches/ID with an optional suffix, answered by the batch. */
static void
batch_call (ErrataLlmBatchApi *self,
            const char        *method,
            const char        *batch_id,
            const char        *suffix,
            GTask             *task_)
{
  g_autoptr(GTask) task = task_;
  g_autofree char *escaped = g_uri_escape_string (batch_id, NULL, FALSE);
  g_autofree char *what = NULL;
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;

  what = g_strconcat (self->provider->kind == ERRATA_LLM_KIND_ANTHROPIC ? "messages/batches/"
                                                                        : "batches/",
                      escaped, suffix, NULL);
  message = _errata_llm_wire_new_message (self->provider, method, what, NULL, &error);
  if (message == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  send (self, message, g_steal_pointer (&task), on_batch_answer);
}

void
errata_llm_batch_api_retrieve_async (ErrataLlmBatchApi   *self,
                                     const char          *batch_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ERRATA_IS_LLM_BATCH_API (self));
  g_return_if_fail (batch_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_llm_batch_api_retrieve_async);
  batch_call (self, "GET", batch_id, "", task);
}

/* POST batches/ID/cancel: the provider stops the batch ("cancelling", then
 * "cancelled" for OpenAI, "canceling" then "ended" for Anthropic); what had
 * finished stays in its results. Answers the batch as it is now. */
void
errata_llm_batch_api_cancel_async (ErrataLlmBatchApi   *self,
                                   const char          *batch_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ERRATA_IS_LLM_BATCH_API (self));
  g_return_if_fail (batch_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_llm_batch_api_cancel_async);
  batch_call (self, "POST", batch_id, "/cancel", task);
}

ErrataLlmBatchInfo *
errata_llm_batch_api_cancel_finish (ErrataLlmBatchApi  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

ErrataLlmBatchInfo *
errata_llm_batch_api_retrieve_finish (ErrataLlmBatchApi  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- download ------------------------------------------------------------- */

typedef struct
{
  SoupMessage  *message;
  GFile        *destination;
} Download;

static void
download_free (Download *download)
{
  g_clear_object (&download->message);
  g_clear_object (&download->destination);
  g_free (download);
}

static void
on_spliced (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  ErrataLlmBatchApi *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error) < 0)
    g_task_return_error (task, transport_error (self, error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_download_answer (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(GTask) task = data;
  ErrataLlmBatchApi *self = g_task_get_source_object (task);
  Download *download = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (self->session, result, &error);
  g_autoptr(GFileOutputStream) out = NULL;
  guint status = soup_message_get_status (download->message);
  GCancellable *cancellable;
  gboolean retryable;

  if (stream == NULL)
    {
      g_task_return_error (task, transport_error (self, error));
      return;
    }
  if (status < 200 || status >= 300)
    {
      g_autoptr(GBytes) body = g_input_stream_read_bytes (stream, 64 * 1024, NULL, NULL);

      g_task_return_error (task, _errata_llm_wire_http_error (self->provider, status, body,
                                                              &retryable));
      return;
    }
  out = g_file_replace (download->destination, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
  if (out == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cancellable = g_task_get_cancellable (task);
  g_output_stream_splice_async (G_OUTPUT_STREAM (out), stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE
                                | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, cancellable, on_spliced,
                                g_steal_pointer (&task));
}

/* Anthropic names its results by a whole URL: the key goes with it only
 * to the host the provider is configured on. */
static char *
results_url (ErrataLlmBatchApi  *self,
             const char         *what,
             GError            **error)
{
  g_autofree char *host = errata_remote_consent_dup_host (what);
  g_autofree char *own = errata_remote_consent_dup_host (self->provider->base_url);

  if (host == NULL || own == NULL || g_ascii_strcasecmp (host, own) != 0)
    {
      g_set_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY,
                   _("The batch's results are at %s, not on %s: the API key is not sent "
                     "there."), what, self->provider->base_url);
      return NULL;
    }
  return g_strdup (what);
}

/**
 * errata_llm_batch_api_download_async:
 * @what: OpenAI: a file id; Anthropic: the batch's results URL
 * @destination: written (replaced) with the file's content
 */
void
errata_llm_batch_api_download_async (ErrataLlmBatchApi   *self,
                                     const char          *what,
                                     GFile               *destination,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Download *download = g_new0 (Download, 1);
  g_autofree char *url = NULL;
  GError *error = NULL;

  g_return_if_fail (ERRATA_IS_LLM_BATCH_API (self));
  g_return_if_fail (what != NULL);

  g_task_set_source_tag (task, errata_llm_batch_api_download_async);
  g_task_set_task_data (task, download, (GDestroyNotify) download_free);
  download->destination = g_object_ref (destination);
  if (self->provider->kind == ERRATA_LLM_KIND_ANTHROPIC)
    url = results_url (self, what, &error);
  else
    {
      g_autofree char *escaped = g_uri_escape_string (what, NULL, FALSE);
      g_autofree char *path = g_strconcat ("files/", escaped, "/content", NULL);

      url = errata_llm_provider_dup_endpoint (self->provider, path);
    }
  if (url != NULL)
    download->message = _errata_llm_wire_new_message_for_url (self->provider, "GET", url, NULL,
                                                              &error);
  if (download->message == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  soup_session_send_async (self->session, download->message, G_PRIORITY_DEFAULT, cancellable,
                           on_download_answer, g_steal_pointer (&task));
}

gboolean
errata_llm_batch_api_download_finish (ErrataLlmBatchApi  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
