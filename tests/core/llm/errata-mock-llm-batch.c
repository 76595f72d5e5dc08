/* errata-mock-llm-batch.c: the mock server's Batch APIs.
 *
 * OpenAI: POST /v1/files (multipart, purpose "batch"), POST /v1/batches,
 * GET /v1/batches/ID, GET /v1/files/ID/content. Anthropic: POST
 * /v1/messages/batches, GET /v1/messages/batches/ID and its results_url.
 * A batch runs for the configured delay after it was created, then ends
 * at the first look after that (not while held: see
 * errata_mock_llm_server_hold_batches()): each request answered as the chat
 * endpoint would answer it, but the first N with an error and the last M
 * expired, as configured; a batch may fail as a whole (OpenAI: status
 * "failed" with errors; Anthropic, which validates at creation: 400).
 * Cancel (POST …/ID/cancel): a running batch is "cancelling" until the
 * next look, then ends "cancelled" (Anthropic: "canceling", then "ended")
 * with the first half of its requests answered and the rest not run
 * (OpenAI leaves them out; Anthropic answers them "canceled"); a batch
 * that had ended or failed cannot be cancelled (400).
 * Uploads and results are kept in files, not in memory, so that a
 * benchmark of a million requests does not measure the mock's memory.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-mock-llm-private.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct
{
  char     *id;
  gboolean  anthropic;
  char     *input;        /* path: one request object a line */
  guint     n_requests;
  gint64    created;      /* monotonic µs */
  gboolean  failed;
  gboolean  ended;
  gboolean  cancelling;   /* cancel asked; ends cancelled at the next look */
  gboolean  cancelled;
  char     *output_id;    /* OpenAI file ids; Anthropic: the results path */
  char     *error_id;
  guint     n_ok;
  guint     n_errors;
  guint     n_expired;
  guint     n_cancelled;
  char     *created_at;
} MockBatch;

struct _ErrataMockBatches
{
  ErrataMockLlmServer *server;
  char                *dir;
  GHashTable          *files;     /* file id → path */
  GHashTable          *batches;   /* batch id → MockBatch */
  guint                next_id;
  guint                delay_ms;
  gboolean             held;      /* no batch ends but by a cancel */
  guint                n_errors;
  guint                n_expired;
  guint                n_failed;
  guint                count;
};

static void
mock_batch_free (MockBatch *batch)
{
  g_free (batch->id);
  g_free (batch->input);
  g_free (batch->output_id);
  g_free (batch->error_id);
  g_free (batch->created_at);
  g_free (batch);
}

ErrataMockBatches *
_errata_mock_batches_new (ErrataMockLlmServer *server)
{
  ErrataMockBatches *self = g_new0 (ErrataMockBatches, 1);

  self->server = server;
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->batches = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) mock_batch_free);
  return self;
}

void
_errata_mock_batches_free (ErrataMockBatches *self)
{
  GHashTableIter iter;
  gpointer path;

  g_hash_table_iter_init (&iter, self->files);
  while (g_hash_table_iter_next (&iter, NULL, &path))
    g_unlink (path);
  if (self->dir != NULL)
    g_rmdir (self->dir);
  g_free (self->dir);
  g_hash_table_unref (self->files);
  g_hash_table_unref (self->batches);
  g_free (self);
}

void
_errata_mock_batches_configure (ErrataMockBatches *self,
                                guint              delay_ms,
                                guint              n_errors,
                                guint              n_expired,
                                guint              n_failed)
{
  self->delay_ms = delay_ms;
  self->n_errors = n_errors;
  self->n_expired = n_expired;
  self->n_failed = n_failed;
}

void
_errata_mock_batches_set_held (ErrataMockBatches *self,
                               gboolean           held)
{
  self->held = held;
}

guint
_errata_mock_batches_get_count (ErrataMockBatches *self)
{
  return self->count;
}

/* ---- helpers -------------------------------------------------------------- */

static char *
new_path (ErrataMockBatches *self,
          const char        *id)
{
  if (self->dir == NULL)
    self->dir = g_dir_make_tmp ("errata-mock-batch-XXXXXX", NULL);
  return g_build_filename (self->dir, id, NULL);
}

static char *
new_id (ErrataMockBatches *self,
        const char        *prefix)
{
  return g_strdup_printf ("%s%u", prefix, ++self->next_id);
}

static void
bad_request (ErrataMockBatches *self,
             SoupServerMessage *msg,
             gboolean           anthropic,
             const char        *message)
{
  _errata_mock_llm_server_respond (self->server, msg, 400,
                                   _errata_mock_llm_server_error_body (anthropic,
                                                                       "invalid_request_error",
                                                                       message));
}

static void
not_found (ErrataMockBatches *self,
           SoupServerMessage *msg,
           gboolean           anthropic)
{
  _errata_mock_llm_server_respond (self->server, msg, 404,
                                   _errata_mock_llm_server_error_body (anthropic, "not_found_error",
                                                                       "No such batch or file"));
}

static char *
json_string (const char *text)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text != NULL ? text : "");
  return json_to_string (node, FALSE);
}

static guint
count_lines (const char *data,
             gsize       length)
{
  guint n = 0;
  const char *p = data, *end = data + length;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);

      if ((nl != NULL ? nl : end) > p)
        n++;
      p = nl != NULL ? nl + 1 : end;
    }
  return n;
}

static void
serve_file (SoupServerMessage *msg,
            const char        *path,
            const char        *content_type)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(GBytes) bytes = NULL;

  if (mapped == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  bytes = g_mapped_file_get_bytes (mapped);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Type",
                                content_type);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
  soup_server_message_set_status (msg, 200, NULL);
}

/* ---- ending a batch ------------------------------------------------------- */

static void
write_openai_line (GString    *out,
                   guint       n,
                   const char *custom_id,
                   guint       status,
                   const char *body,
                   const char *error)
{
  g_string_append_printf (out, "{\"id\":\"batch_req_%u\",\"custom_id\":%s,", n, custom_id);
  if (body != NULL)
    g_string_append_printf (out, "\"response\":{\"status_code\":%u,\"request_id\":\"req_%u\","
                                 "\"body\":%s},\"error\":null}\n", status, n, body);
  else
    g_string_append_printf (out, "\"response\":null,\"error\":%s}\n", error);
}

static void
write_result (ErrataMockBatches *self,
              MockBatch         *batch,
              guint              index,
              JsonObject        *line,
              GString           *out,
              GString           *errors)
{
  JsonNode *id_node = json_object_get_member (line, "custom_id");
  g_autofree char *custom_id = json_string (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node)
                                            ? json_node_get_string (id_node) : NULL);
  JsonNode *request = json_object_get_member (line, batch->anthropic ? "params" : "body");
  g_autofree char *body = NULL;

  /* A cancelled batch had run its first half. */
  if (batch->cancelled && index >= batch->n_requests / 2)
    {
      batch->n_cancelled++;
      if (batch->anthropic)
        g_string_append_printf (out, "{\"custom_id\":%s,\"result\":{\"type\":\"canceled\"}}\n",
                                custom_id);
      return;
    }
  if (index >= batch->n_requests - MIN (self->n_expired, batch->n_requests))
    {
      batch->n_expired++;
      if (batch->anthropic)
        g_string_append_printf (out, "{\"custom_id\":%s,\"result\":{\"type\":\"expired\"}}\n",
                                custom_id);
      else
        write_openai_line (errors, index, custom_id, 0, NULL,
                           "{\"code\":\"batch_expired\",\"message\":\"This request could not be "
                           "executed before the completion window expired.\"}");
      return;
    }
  if (index < self->n_errors || request == NULL || !JSON_NODE_HOLDS_OBJECT (request))
    {
      batch->n_errors++;
      if (batch->anthropic)
        g_string_append_printf (out, "{\"custom_id\":%s,\"result\":{\"type\":\"errored\","
                                     "\"error\":{\"type\":\"error\",\"error\":{\"type\":"
                                     "\"invalid_request_error\",\"message\":\"Mock: this request "
                                     "was refused\"}}}}\n", custom_id);
      else
        write_openai_line (errors, index, custom_id, 400,
                           "{\"error\":{\"message\":\"Mock: this request was refused\","
                           "\"type\":\"invalid_request_error\"}}", NULL);
      return;
    }
  batch->n_ok++;
  body = _errata_mock_llm_server_answer (self->server, json_node_get_object (request),
                                         batch->anthropic);
  if (batch->anthropic)
    g_string_append_printf (out, "{\"custom_id\":%s,\"result\":{\"type\":\"succeeded\","
                                 "\"message\":%s}}\n", custom_id, body);
  else
    write_openai_line (out, index, custom_id, 200, body, NULL);
}

static char *
store_output (ErrataMockBatches *self,
              GString           *text,
              const char        *prefix)
{
  g_autofree char *id = NULL;
  char *path;

  if (text->len == 0)
    return NULL;
  id = new_id (self, prefix);
  path = new_path (self, id);
  g_file_set_contents (path, text->str, text->len, NULL);
  g_hash_table_insert (self->files, g_strdup (id), path);
  return g_steal_pointer (&id);
}

/* Answers every request of the batch, into its output and error files. */
static void
end_batch (ErrataMockBatches *self,
           MockBatch         *batch)
{
  g_autoptr(GFile) file = g_file_new_for_path (batch->input);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) errors = g_string_new (NULL);
  guint index = 0;
  char *line;
  gsize length;

  batch->ended = TRUE;
  if (stream == NULL)
    return;
  lines = g_data_input_stream_new (G_INPUT_STREAM (stream));
  while ((line = g_data_input_stream_read_line (lines, &length, NULL, NULL)) != NULL)
    {
      JsonNode *root;

      if (length > 0 && json_parser_load_from_data (parser, line, length, NULL)
          && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
        write_result (self, batch, index++, json_node_get_object (root), out, errors);
      g_free (line);
    }
  batch->output_id = store_output (self, out, batch->anthropic ? "results_" : "file-out-");
  batch->error_id = store_output (self, errors, "file-err-");
}

static MockBatch *
look_at (ErrataMockBatches *self,
         const char        *id)
{
  MockBatch *batch = g_hash_table_lookup (self->batches, id);

  if (batch != NULL && !batch->failed && !batch->ended && batch->cancelling)
    {
      batch->cancelled = TRUE;
      end_batch (self, batch);
    }
  else if (batch != NULL && !batch->failed && !batch->ended && !self->held
           && g_get_monotonic_time () - batch->created >= (gint64) self->delay_ms * 1000)
    end_batch (self, batch);
  return batch;
}

/* ---- the batch objects ---------------------------------------------------- */

static char *
openai_batch_json (MockBatch *batch)
{
  const char *status = batch->failed ? "failed"
                       : batch->cancelled ? "cancelled"
                       : batch->cancelling ? "cancelling"
                       : !batch->ended ? "in_progress"
                       : batch->n_expired > 0 ? "expired" : "completed";
  g_autofree char *output = batch->output_id ? json_string (batch->output_id) : g_strdup ("null");
  g_autofree char *errors = batch->error_id ? json_string (batch->error_id) : g_strdup ("null");

  return g_strdup_printf ("{\"id\":\"%s\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\","
                          "\"errors\":%s,\"completion_window\":\"24h\",\"status\":\"%s\","
                          "\"output_file_id\":%s,\"error_file_id\":%s,"
                          "\"request_counts\":{\"total\":%u,\"completed\":%u,\"failed\":%u}}",
                          batch->id,
                          batch->failed ? "{\"object\":\"list\",\"data\":[{\"code\":"
                                          "\"invalid_request\",\"message\":\"Mock: the batch "
                                          "was refused as a whole\",\"line\":1}]}" : "null",
                          status, output, errors, batch->n_requests, batch->n_ok,
                          batch->n_errors + batch->n_expired);
}

static char *
anthropic_batch_json (ErrataMockBatches *self,
                      MockBatch         *batch)
{
  g_autofree char *results = NULL;

  if (batch->ended)
    results = g_strdup_printf ("\"%s/v1/messages/batches/%s/results\"",
                               errata_mock_llm_server_get_url (self->server), batch->id);
  return g_strdup_printf ("{\"id\":\"%s\",\"type\":\"message_batch\",\"processing_status\":\"%s\","
                          "\"request_counts\":{\"processing\":%u,\"succeeded\":%u,\"errored\":%u,"
                          "\"canceled\":%u,\"expired\":%u},\"created_at\":\"%s\","
                          "\"results_url\":%s}",
                          batch->id, batch->ended ? "ended"
                                     : batch->cancelling ? "canceling" : "in_progress",
                          batch->ended ? 0 : batch->n_requests, batch->n_ok, batch->n_errors,
                          batch->n_cancelled, batch->n_expired, batch->created_at, results ? results : "null");
}

static MockBatch *
new_batch (ErrataMockBatches *self,
           gboolean           anthropic,
           const char        *input,
           guint              n_requests)
{
  MockBatch *batch = g_new0 (MockBatch, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  batch->id = new_id (self, anthropic ? "msgbatch_mock_" : "batch_mock_");
  batch->anthropic = anthropic;
  batch->input = g_strdup (input);
  batch->n_requests = n_requests;
  batch->created = g_get_monotonic_time ();
  batch->created_at = g_date_time_format_iso8601 (now);
  if (self->n_failed > 0)
    {
      self->n_failed--;
      batch->failed = TRUE;
    }
  g_hash_table_insert (self->batches, batch->id, batch);
  self->count++;
  return batch;
}

/* ---- OpenAI --------------------------------------------------------------- */

static void
openai_upload (ErrataMockBatches *self,
               SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  SoupMultipart *multipart = soup_multipart_new_from_message (
    soup_server_message_get_request_headers (msg), body);
  g_autofree char *id = NULL;
  g_autofree char *purpose = NULL;
  GBytes *file = NULL;
  char *path;

  for (int i = 0; multipart != NULL && i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers;
      GBytes *part;
      g_autoptr(GHashTable) params = NULL;

      if (!soup_multipart_get_part (multipart, i, &headers, &part)
          || !soup_message_headers_get_content_disposition (headers, NULL, &params))
        continue;
      if (g_strcmp0 (g_hash_table_lookup (params, "name"), "file") == 0)
        file = part;
      else if (g_strcmp0 (g_hash_table_lookup (params, "name"), "purpose") == 0)
        purpose = g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
    }
  if (file == NULL || g_strcmp0 (purpose, "batch") != 0)
    {
      g_clear_pointer (&multipart, soup_multipart_free);
      bad_request (self, msg, FALSE, "Mock: a batch file needs a file part and purpose=batch");
      return;
    }
  id = new_id (self, "file-in-");
  path = new_path (self, id);
  g_file_set_contents (path, g_bytes_get_data (file, NULL), g_bytes_get_size (file), NULL);
  g_hash_table_insert (self->files, g_strdup (id), path);
  _errata_mock_llm_server_respond (self->server, msg, 200,
                                   g_strdup_printf ("{\"id\":\"%s\",\"object\":\"file\","
                                                    "\"bytes\":%" G_GSIZE_FORMAT ",\"purpose\":"
                                                    "\"batch\",\"filename\":"
                                                    "\"errata-batch.jsonl\"}", id,
                                                    g_bytes_get_size (file)));
  soup_multipart_free (multipart);
}

static void
openai_create (ErrataMockBatches *self,
               SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *request = NULL;
  const char *file_id = NULL;
  const char *path;
  g_autoptr(GMappedFile) mapped = NULL;
  MockBatch *batch;

  if (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  NULL) && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    request = json_node_get_object (json_parser_get_root (parser));
  if (request != NULL && json_object_has_member (request, "input_file_id"))
    file_id = json_object_get_string_member (request, "input_file_id");
  path = file_id != NULL ? g_hash_table_lookup (self->files, file_id) : NULL;
  if (path == NULL
      || g_strcmp0 (json_object_get_string_member_with_default (request, "endpoint", ""),
                    "/v1/chat/completions") != 0
      || g_strcmp0 (json_object_get_string_member_with_default (request, "completion_window",
                                                                ""), "24h") != 0)
    {
      bad_request (self, msg, FALSE, "Mock: a batch needs an uploaded input_file_id, endpoint "
                                     "/v1/chat/completions and completion_window 24h");
      return;
    }
  mapped = g_mapped_file_new (path, FALSE, NULL);
  batch = new_batch (self, FALSE, path,
                     mapped ? count_lines (g_mapped_file_get_contents (mapped),
                                           g_mapped_file_get_length (mapped)) : 0);
  _errata_mock_llm_server_respond (self->server, msg, 200, openai_batch_json (batch));
}

/* ---- Anthropic ------------------------------------------------------------ */

static void
anthropic_create (ErrataMockBatches *self,
                  SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  JsonNode *requests = NULL;
  JsonArray *array;
  MockBatch *batch;

  if (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  NULL) && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    requests = json_object_get_member (json_node_get_object (json_parser_get_root (parser)),
                                       "requests");
  if (requests == NULL || !JSON_NODE_HOLDS_ARRAY (requests))
    {
      bad_request (self, msg, TRUE, "Mock: a message batch needs \"requests\"");
      return;
    }
  if (self->n_failed > 0)
    {
      /* Anthropic validates a batch when it is created. */
      self->n_failed--;
      bad_request (self, msg, TRUE, "Mock: the batch was refused as a whole");
      return;
    }
  array = json_node_get_array (requests);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *text = json_to_string (json_array_get_element (array, i), FALSE);

      g_string_append (lines, text);
      g_string_append_c (lines, '\n');
    }
  id = new_id (self, "input-");
  path = new_path (self, id);
  g_file_set_contents (path, lines->str, lines->len, NULL);
  g_hash_table_insert (self->files, g_strdup (id), g_strdup (path));
  batch = new_batch (self, TRUE, path, json_array_get_length (array));
  batch->failed = FALSE;
  _errata_mock_llm_server_respond (self->server, msg, 200, anthropic_batch_json (self, batch));
}

/* ---- cancel --------------------------------------------------------------- */

static void
cancel (ErrataMockBatches *self,
        SoupServerMessage *msg,
        const char        *id,
        gboolean           anthropic)
{
  MockBatch *batch = look_at (self, id);

  if (batch == NULL || batch->anthropic != anthropic)
    not_found (self, msg, anthropic);
  else if (batch->failed || batch->ended)
    bad_request (self, msg, anthropic, "Mock: this batch has ended and cannot be cancelled");
  else
    {
      batch->cancelling = TRUE;
      _errata_mock_llm_server_respond (self->server, msg, 200,
                                       anthropic ? anthropic_batch_json (self, batch)
                                                 : openai_batch_json (batch));
    }
}

/* ---- routing -------------------------------------------------------------- */

static gboolean
handle_anthropic (ErrataMockBatches *self,
                  SoupServerMessage *msg,
                  const char        *method,
                  const char        *rest)
{
  g_auto(GStrv) parts = g_strsplit (rest, "/", -1);
  MockBatch *batch;

  if (g_str_equal (method, "POST") && *rest == '\0')
    anthropic_create (self, msg);
  else if (g_str_equal (method, "GET") && parts[0] != NULL && parts[1] == NULL)
    {
      batch = look_at (self, parts[0]);
      if (batch == NULL)
        not_found (self, msg, TRUE);
      else
        _errata_mock_llm_server_respond (self->server, msg, 200,
                                         anthropic_batch_json (self, batch));
    }
  else if (g_str_equal (method, "POST") && parts[0] != NULL && g_strcmp0 (parts[1], "cancel") == 0
           && parts[2] == NULL)
    cancel (self, msg, parts[0], TRUE);
  else if (g_str_equal (method, "GET") && parts[0] != NULL && g_strcmp0 (parts[1], "results") == 0)
    {
      batch = look_at (self, parts[0]);
      if (batch == NULL || !batch->ended || batch->output_id == NULL)
        not_found (self, msg, TRUE);
      else
        serve_file (msg, g_hash_table_lookup (self->files, batch->output_id),
                    "application/binary");
    }
  else
    return FALSE;
  return TRUE;
}

static gboolean
handle_openai (ErrataMockBatches *self,
               SoupServerMessage *msg,
               const char        *method,
               const char        *path)
{
  MockBatch *batch;
  const char *path_of;

  if (g_str_equal (method, "POST") && g_str_equal (path, "/v1/files"))
    openai_upload (self, msg);
  else if (g_str_equal (method, "POST") && g_str_equal (path, "/v1/batches"))
    openai_create (self, msg);
  else if (g_str_equal (method, "POST") && g_str_has_prefix (path, "/v1/batches/")
           && g_str_has_suffix (path, "/cancel"))
    {
      g_autofree char *id = g_strndup (path + strlen ("/v1/batches/"),
                                       strlen (path) - strlen ("/v1/batches/")
                                       - strlen ("/cancel"));

      cancel (self, msg, id, FALSE);
    }
  else if (g_str_equal (method, "GET") && g_str_has_prefix (path, "/v1/batches/"))
    {
      batch = look_at (self, path + strlen ("/v1/batches/"));
      if (batch == NULL || batch->anthropic)
        not_found (self, msg, FALSE);
      else
        _errata_mock_llm_server_respond (self->server, msg, 200, openai_batch_json (batch));
    }
  else if (g_str_equal (method, "GET") && g_str_has_prefix (path, "/v1/files/")
           && g_str_has_suffix (path, "/content"))
    {
      g_autofree char *id = g_strndup (path + strlen ("/v1/files/"),
                                       strlen (path) - strlen ("/v1/files/")
                                       - strlen ("/content"));

      path_of = g_hash_table_lookup (self->files, id);
      if (path_of == NULL)
        not_found (self, msg, FALSE);
      else
        serve_file (msg, path_of, "application/octet-stream");
    }
  else
    return FALSE;
  return TRUE;
}

gboolean
_errata_mock_batches_handle (ErrataMockBatches *self,
                             SoupServerMessage *msg,
                             const char        *method,
                             const char        *path)
{
  if (g_str_has_prefix (path, "/v1/messages/batches"))
    {
      const char *rest = path + strlen ("/v1/messages/batches");

      return handle_anthropic (self, msg, method, *rest == '/' ? rest + 1 : rest);
    }
  return handle_openai (self, msg, method, path);
}
