/* receive-test-utils.h: what the receiver's tests share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "errata-otlp-receiver.h"
#include "errata-otlp-request.h"
#include "errata-project.h"

G_BEGIN_DECLS

/* A file of tests/core/import/data/instrumented/ or tests/core/receive/data/. */
GBytes             *receive_test_instrumented  (const char  *name);
GBytes             *receive_test_data          (const char  *name);

/* A receiver on a free loopback port, started, for the project at `path`;
 * a trace without its root waits `idle_ms`. */
ErrataOtlpReceiver *receive_test_start         (const char  *path,
                                                guint        idle_ms);

/* POSTs `body` to the receiver's `path` and waits for the answer; returns
 * the status, the answer's body in *response when asked. */
guint               receive_test_post          (SoupSession *session,
                                                ErrataOtlpReceiver *receiver,
                                                const char  *path,
                                                const char  *content_type,
                                                const char  *content_encoding,
                                                GBytes      *body,
                                                GBytes     **response);
/* The same with one more request header. */
guint               receive_test_post_with     (SoupSession *session,
                                                ErrataOtlpReceiver *receiver,
                                                const char  *path,
                                                const char  *content_type,
                                                const char  *header,
                                                const char  *value,
                                                GBytes      *body);

/* Imports the instrumented fixtures `names` into the project at `path`. */
void                receive_test_import        (const char  *path,
                                                const char * const *names);
/* The same with files of tests/core/receive/data/. */
void                receive_test_import_data   (const char  *path,
                                                const char * const *names);
/* The same with a file anywhere. */
void                receive_test_import_file   (const char  *path,
                                                const char  *file);
GBytes             *receive_test_gzip          (GBytes      *body);
/* Every trace's metadata (the spans it was built from), in the order of
 * their external ids, a line each. */
char               *receive_test_metadata_text (const char  *path);
/* The spans or log records (ErrataLiveSpan) of a JSON request, none
 * rejected. */
GPtrArray          *receive_test_decode        (ErrataOtlpSignal signal,
                                                GBytes      *body);

G_END_DECLS
