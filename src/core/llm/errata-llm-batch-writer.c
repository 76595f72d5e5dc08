/* errata-llm-batch-writer.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-llm-batch-writer.h"

#include <string.h>

#include "errata-llm-wire.h"

struct _ErrataLlmBatchWriter
{
  ErrataLlmKind      kind;
  GFile             *file;
  GOutputStream     *out;      /* buffered */
  char              *boundary; /* OpenAI's multipart form */
  guint              max_requests;
  guint64            max_bytes;
  guint              count;
  guint64            bytes;    /* what the provider's byte limit counts */
};

/* The custom_id is ours (letters, digits, '-'): it needs no escaping. */
char *
errata_llm_batch_request_line (const ErrataLlmProvider *provider,
                               const char              *custom_id,
                               const ErrataLlmRequest  *request,
                               gsize                   *length)
{
  g_autoptr(GBytes) body = _errata_llm_wire_build_body (provider, request);
  gsize body_length;
  const char *text = g_bytes_get_data (body, &body_length);
  GString *line = g_string_sized_new (body_length + 128);

  g_string_append_printf (line, "{\"custom_id\":\"%s\",", custom_id);
  if (provider->kind == ERRATA_LLM_KIND_ANTHROPIC)
    g_string_append (line, "\"params\":");
  else
    g_string_append (line, "\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":");
  g_string_append_len (line, text, body_length);
  g_string_append_c (line, '}');
  if (length != NULL)
    *length = line->len;
  return g_string_free (line, FALSE);
}

static gboolean
write_text (ErrataLlmBatchWriter  *self,
            const char            *text,
            gsize                  length,
            GError               **error)
{
  return g_output_stream_write_all (self->out, text, length, NULL, NULL, error);
}

ErrataLlmBatchWriter *
errata_llm_batch_writer_new (const ErrataLlmProvider  *provider,
                             GFile                    *file,
                             guint                     max_requests,
                             guint64                   max_bytes,
                             GError                  **error)
{
  g_autoptr(ErrataLlmBatchWriter) self = g_new0 (ErrataLlmBatchWriter, 1);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autofree char *head = NULL;

  g_return_val_if_fail (provider != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self->kind = provider->kind;
  self->file = g_object_ref (file);
  self->max_requests = MAX (max_requests, 1);
  self->max_bytes = max_bytes;
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error);
  if (stream == NULL)
    return NULL;
  self->out = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 256 * 1024);
  if (self->kind == ERRATA_LLM_KIND_ANTHROPIC)
    head = g_strdup ("{\"requests\":[");
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();

      self->boundary = g_strconcat ("errata-batch-", uuid, NULL);
      head = g_strdup_printf ("--%s\r\n"
                              "Content-Disposition: form-data; name=\"purpose\"\r\n\r\n"
                              "batch\r\n"
                              "--%s\r\n"
                              "Content-Disposition: form-data; name=\"file\"; "
                              "filename=\"errata-batch.jsonl\"\r\n"
                              "Content-Type: application/jsonl\r\n\r\n",
                              self->boundary, self->boundary);
    }
  if (!write_text (self, head, strlen (head), error))
    return NULL;
  /* Anthropic counts the whole body; OpenAI the JSONL file alone. */
  self->bytes = self->kind == ERRATA_LLM_KIND_ANTHROPIC ? strlen (head) + 2 : 0;
  return g_steal_pointer (&self);
}

void
errata_llm_batch_writer_free (ErrataLlmBatchWriter *self)
{
  if (self == NULL)
    return;
  if (self->out != NULL && !g_output_stream_is_closed (self->out))
    g_output_stream_close (self->out, NULL, NULL);
  g_clear_object (&self->out);
  g_clear_object (&self->file);
  g_free (self->boundary);
  g_free (self);
}

/* Whether a line of @length bytes may go in too; the first line always
 * may (a single request over the limit is the provider's to refuse). */
gboolean
errata_llm_batch_writer_fits (ErrataLlmBatchWriter *self,
                              gsize                 length)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->count == 0
         || (self->count < self->max_requests && self->bytes + length + 1 <= self->max_bytes);
}

gboolean
errata_llm_batch_writer_add (ErrataLlmBatchWriter  *self,
                             const char            *line,
                             gsize                  length,
                             GError               **error)
{
  gboolean anthropic = self->kind == ERRATA_LLM_KIND_ANTHROPIC;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((anthropic && self->count > 0 && !write_text (self, ",", 1, error))
      || !write_text (self, line, length, error)
      || (!anthropic && !write_text (self, "\n", 1, error)))
    return FALSE;
  /* A newline after each line (OpenAI), a comma between them (Anthropic). */
  self->bytes += length + (anthropic && self->count == 0 ? 0 : 1);
  self->count++;
  return TRUE;
}

gboolean
errata_llm_batch_writer_close (ErrataLlmBatchWriter  *self,
                               GError               **error)
{
  g_autofree char *tail = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  tail = self->kind == ERRATA_LLM_KIND_ANTHROPIC ? g_strdup ("]}")
                                                  : g_strdup_printf ("\r\n--%s--\r\n",
                                                                     self->boundary);
  return write_text (self, tail, strlen (tail), error)
         && g_output_stream_close (self->out, NULL, error);
}

guint
errata_llm_batch_writer_get_count (ErrataLlmBatchWriter *self)
{
  return self->count;
}

guint64
errata_llm_batch_writer_get_bytes (ErrataLlmBatchWriter *self)
{
  return self->bytes;
}

/* NULL for Anthropic. */
const char *
errata_llm_batch_writer_get_boundary (ErrataLlmBatchWriter *self)
{
  return self->boundary;
}

GFile *
errata_llm_batch_writer_get_file (ErrataLlmBatchWriter *self)
{
  return self->file;
}
