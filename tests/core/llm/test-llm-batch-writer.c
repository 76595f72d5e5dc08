/* test-llm-batch-writer.c: a batch's payload in each provider's framing,
 * within its limits on requests and bytes: OpenAI's upload is a
 * well-formed multipart form whose file is JSONL of {custom_id, method,
 * url, body}; Anthropic's body is {"requests": [{custom_id, params}]}; the
 * body of each line is what the live client sends.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "errata-llm-batch-api.h"
#include "errata-llm-batch-writer.h"
#include "errata-llm-wire.h"
#include "errata-test-utils.h"

static ErrataLlmRequest *
new_request (const char *text)
{
  ErrataLlmRequest *request = errata_llm_request_new ();

  errata_llm_request_add_message (request, "user", text);
  errata_llm_request_set_max_tokens (request, 64);
  return request;
}

static GFile *
tmp_file (const char *dir,
          const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_new_for_path (path);
}

/* The request limit and the byte limit each close a batch; the first line
 * always goes in. */
static void
test_limits (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(ErrataLlmProvider) provider = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI,
                                                                   "http://127.0.0.1:1/v1", "m");
  g_autoptr(ErrataLlmRequest) request = new_request ("Judge this");
  g_autoptr(GFile) file = tmp_file (dir, "a");
  g_autoptr(GFile) file2 = tmp_file (dir, "b");
  g_autoptr(ErrataLlmBatchWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *line = errata_llm_batch_request_line (provider, "t1-v1", request, &length);
  guint max_requests;
  guint64 max_bytes;

  writer = errata_llm_batch_writer_new (provider, file, 3, G_MAXUINT64, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (errata_llm_batch_writer_fits (writer, length));
      g_assert_true (errata_llm_batch_writer_add (writer, line, length, &error));
    }
  g_assert_false (errata_llm_batch_writer_fits (writer, length));
  g_assert_cmpuint (errata_llm_batch_writer_get_count (writer), ==, 3);
  g_assert_cmpuint (errata_llm_batch_writer_get_bytes (writer), ==, 3 * (length + 1));
  g_assert_true (errata_llm_batch_writer_close (writer, &error));
  g_clear_pointer (&writer, errata_llm_batch_writer_free);

  /* Room for one line and a half. */
  writer = errata_llm_batch_writer_new (provider, file2, 100, length + length / 2, &error);
  g_assert_no_error (error);
  g_assert_true (errata_llm_batch_writer_fits (writer, length));
  g_assert_true (errata_llm_batch_writer_add (writer, line, length, &error));
  g_assert_false (errata_llm_batch_writer_fits (writer, length));
  g_assert_true (errata_llm_batch_writer_close (writer, &error));

  errata_llm_batch_limits (ERRATA_LLM_KIND_OPENAI, &max_requests, &max_bytes);
  g_assert_cmpuint (max_requests, ==, 50000);
  g_assert_cmpuint (max_bytes, ==, 200 * 1000 * 1000);
  errata_llm_batch_limits (ERRATA_LLM_KIND_ANTHROPIC, &max_requests, &max_bytes);
  g_assert_cmpuint (max_requests, ==, 100000);
  g_assert_cmpuint (max_bytes, ==, 256 * 1000 * 1000);
  errata_test_remove_tree (dir);
}

static JsonObject *
parse_object (const char *text,
              gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_strndup (text, length);
  JsonNode *node = json_from_string (copy, &error);
  JsonObject *object;

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_object_ref (json_node_get_object (node));
  json_node_unref (node);
  return object;
}

/* The multipart form libsoup reads back: purpose=batch, and a JSONL file
 * whose bodies are the live client's. */
static void
test_openai_payload (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(ErrataLlmProvider) provider = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI,
                                                                   "http://127.0.0.1:1/v1", "m");
  g_autoptr(GFile) file = tmp_file (dir, "openai");
  g_autoptr(ErrataLlmBatchWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *purpose = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *jsonl = NULL;
  SoupMultipart *multipart;
  char *contents;
  gsize size;

  writer = errata_llm_batch_writer_new (provider, file, 10, G_MAXUINT64, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ErrataLlmRequest) request = new_request (i == 0 ? "first \"quoted\"\nline"
                                                                : "second");
      g_autofree char *id = g_strdup_printf ("t%u-v9", i + 1);
      gsize length;
      g_autofree char *line = errata_llm_batch_request_line (provider, id, request, &length);

      g_assert_true (errata_llm_batch_writer_add (writer, line, length, &error));
    }
  g_assert_true (errata_llm_batch_writer_close (writer, &error));
  g_assert_true (g_file_load_contents (file, NULL, &contents, &size, NULL, &error));
  bytes = g_bytes_new_take (contents, size);

  content_type = g_strdup_printf ("multipart/form-data; boundary=%s",
                                  errata_llm_batch_writer_get_boundary (writer));
  soup_message_headers_replace (headers, "Content-Type", content_type);
  multipart = soup_multipart_new_from_message (headers, bytes);
  g_assert_nonnull (multipart);
  g_assert_cmpint (soup_multipart_get_length (multipart), ==, 2);
  for (int i = 0; i < 2; i++)
    {
      SoupMessageHeaders *part_headers;
      GBytes *part;
      g_autoptr(GHashTable) params = NULL;

      g_assert_true (soup_multipart_get_part (multipart, i, &part_headers, &part));
      g_assert_true (soup_message_headers_get_content_disposition (part_headers, NULL, &params));
      if (g_str_equal (g_hash_table_lookup (params, "name"), "purpose"))
        purpose = g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
      else
        jsonl = g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
    }
  soup_multipart_free (multipart);
  g_assert_cmpstr (purpose, ==, "batch");
  g_assert_nonnull (jsonl);
  lines = g_strsplit (jsonl, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);  /* two lines and the last newline */
  g_assert_cmpstr (lines[2], ==, "");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonObject) line = parse_object (lines[i], strlen (lines[i]));
      g_autoptr(ErrataLlmRequest) request = new_request (i == 0 ? "first \"quoted\"\nline"
                                                                : "second");
      g_autoptr(GBytes) live = _errata_llm_wire_build_body (provider, request);
      g_autoptr(JsonObject) live_body = parse_object (g_bytes_get_data (live, NULL),
                                                      g_bytes_get_size (live));
      JsonNode *body = json_object_get_member (line, "body");
      g_autofree char *id = g_strdup_printf ("t%u-v9", i + 1);
      g_autoptr(JsonNode) live_node = json_node_init_object (json_node_alloc (), live_body);

      g_assert_cmpstr (json_object_get_string_member (line, "custom_id"), ==, id);
      g_assert_cmpstr (json_object_get_string_member (line, "method"), ==, "POST");
      g_assert_cmpstr (json_object_get_string_member (line, "url"), ==, "/v1/chat/completions");
      g_assert_true (json_node_equal (body, live_node));
    }
  errata_test_remove_tree (dir);
}

static void
test_anthropic_payload (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(ErrataLlmProvider) provider = errata_llm_provider_new (ERRATA_LLM_KIND_ANTHROPIC,
                                                                   "http://127.0.0.1:1", "m");
  g_autoptr(GFile) file = tmp_file (dir, "anthropic");
  g_autoptr(ErrataLlmBatchWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autofree char *contents = NULL;
  JsonArray *requests;
  gsize size;

  writer = errata_llm_batch_writer_new (provider, file, 10, G_MAXUINT64, &error);
  g_assert_no_error (error);
  g_assert_null (errata_llm_batch_writer_get_boundary (writer));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ErrataLlmRequest) request = new_request ("judge");
      g_autofree char *id = g_strdup_printf ("t%u-v2", i + 1);
      gsize length;
      g_autofree char *line = errata_llm_batch_request_line (provider, id, request, &length);

      g_assert_true (errata_llm_batch_writer_add (writer, line, length, &error));
    }
  g_assert_true (errata_llm_batch_writer_close (writer, &error));
  g_assert_true (g_file_load_contents (file, NULL, &contents, &size, NULL, &error));
  root = parse_object (contents, size);
  requests = json_object_get_array_member (root, "requests");
  g_assert_cmpuint (json_array_get_length (requests), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *item = json_array_get_object_element (requests, i);
      JsonObject *params = json_object_get_object_member (item, "params");
      g_autofree char *id = g_strdup_printf ("t%u-v2", i + 1);

      g_assert_cmpstr (json_object_get_string_member (item, "custom_id"), ==, id);
      g_assert_cmpint (json_object_get_int_member (params, "max_tokens"), ==, 64);
      g_assert_cmpstr (json_object_get_string_member (params, "model"), ==, "m");
    }
  /* The byte limit counts the whole body for Anthropic. */
  g_assert_cmpuint (errata_llm_batch_writer_get_bytes (writer), ==, size);
  errata_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/llm/batch-writer/limits", test_limits);
  g_test_add_func ("/llm/batch-writer/openai-payload", test_openai_payload);
  g_test_add_func ("/llm/batch-writer/anthropic-payload", test_anthropic_payload);

  return g_test_run ();
}
