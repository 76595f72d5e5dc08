/* errata-synth-generate.h: the LLM's part of synthetic data: tuples
 * proposed from the dimensions' descriptions, and queries written for each
 * tuple in the voice of its persona.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-llm-client.h"
#include "errata-project.h"
#include "errata-synth-types.h"

G_BEGIN_DECLS

/* Asks for `n` realistic, varied tuples. The reply's tuples are checked
 * against the dimensions (a value the dimension does not have is dropped)
 * and duplicates dropped, so fewer than `n` may come back. `n` above `limit`
 * is refused before anything is sent. */
void       errata_synth_generate_tuples_async   (ErrataLlmClient      *client,
                                                 GPtrArray            *dimensions,
                                                 guint                 n,
                                                 guint                 limit,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
/* Element type JsonObject. `out_dropped` receives how many proposed tuples
 * were dropped (invalid or repeated). */
GPtrArray *errata_synth_generate_tuples_finish  (GAsyncResult         *result,
                                                 guint                *out_dropped,
                                                 GError              **error);

typedef void (*ErrataSynthProgressFunc) (guint    done,
                                         guint    total,
                                         gpointer user_data);

/* Writes `k` queries for each of `tuples` (ErrataSynthTuple), all requests
 * queued on the client at once (it keeps its concurrency and pace), and
 * stores each tuple's queries as drafts as soon as they come (one
 * transaction each), so that a cancelled or failed generation keeps what it
 * got. `limit` bounds tuples × k. */
void       errata_synth_generate_queries_async  (ErrataLlmClient      *client,
                                                 ErrataProject        *project,
                                                 GPtrArray            *dimensions,
                                                 GPtrArray            *tuples,
                                                 guint                 k,
                                                 guint                 limit,
                                                 ErrataSynthProgressFunc progress,
                                                 gpointer              progress_data,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
/* The number of queries added. Fails when no tuple got its queries; when
 * some did, `out_failed` counts the tuples that did not and `out_message`
 * says why the first one failed. */
guint      errata_synth_generate_queries_finish (GAsyncResult         *result,
                                                 guint                *out_failed,
                                                 char                **out_message,
                                                 GError              **error);

/* The prompts, for tests and the page's preview. */
char      *errata_synth_tuples_prompt           (GPtrArray            *dimensions,
                                                 guint                 n);
char      *errata_synth_queries_prompt          (GPtrArray            *dimensions,
                                                 JsonObject           *tuple,
                                                 guint                 k);

G_END_DECLS
