/* errata-llm-batch-writer.h: the requests of one batch, written to a file
 * in the provider's framing, within its per-batch limits.
 *
 * Each request is a line: OpenAI {"custom_id", "method", "url", "body"},
 * Anthropic {"custom_id", "params"}; the body is exactly what the live
 * client sends (errata-llm-wire.c), so that a batch run asks what a live
 * run asks. OpenAI's file is written as the whole multipart form of the
 * upload (purpose "batch", then the JSONL file), Anthropic's as the JSON
 * body {"requests": [...]}, so that either is streamed from disk as it is.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-llm-provider.h"
#include "errata-llm-request.h"

G_BEGIN_DECLS

typedef struct _ErrataLlmBatchWriter ErrataLlmBatchWriter;

char                 *errata_llm_batch_request_line     (const ErrataLlmProvider *provider,
                                                         const char              *custom_id,
                                                         const ErrataLlmRequest  *request,
                                                         gsize                   *length);

ErrataLlmBatchWriter *errata_llm_batch_writer_new       (const ErrataLlmProvider *provider,
                                                         GFile                   *file,
                                                         guint                    max_requests,
                                                         guint64                  max_bytes,
                                                         GError                 **error);
void                  errata_llm_batch_writer_free      (ErrataLlmBatchWriter    *self);

gboolean              errata_llm_batch_writer_fits      (ErrataLlmBatchWriter    *self,
                                                         gsize                    length);
gboolean              errata_llm_batch_writer_add       (ErrataLlmBatchWriter    *self,
                                                         const char              *line,
                                                         gsize                    length,
                                                         GError                 **error);
gboolean              errata_llm_batch_writer_close     (ErrataLlmBatchWriter    *self,
                                                         GError                 **error);
guint                 errata_llm_batch_writer_get_count (ErrataLlmBatchWriter    *self);
guint64               errata_llm_batch_writer_get_bytes (ErrataLlmBatchWriter    *self);
const char           *errata_llm_batch_writer_get_boundary (ErrataLlmBatchWriter *self);
GFile                *errata_llm_batch_writer_get_file  (ErrataLlmBatchWriter    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataLlmBatchWriter, errata_llm_batch_writer_free)

G_END_DECLS
