/* errata-otlp-answer.h: what the OTLP receiver answers an exporter.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "errata-otlp-request.h"

G_BEGIN_DECLS

/* `status`, and a google.rpc.Status of `rpc_code` (INVALID_ARGUMENT,
 * UNAVAILABLE, … as OTLP asks) saying `text`. */
void errata_otlp_respond_error   (SoupServerMessage  *message,
                                  ErrataOtlpEncoding  encoding,
                                  guint               status,
                                  int                 rpc_code,
                                  const char         *text);
/* 503 with Retry-After: 1, for an exporter that should send again. */
void errata_otlp_respond_retry   (SoupServerMessage  *message,
                                  ErrataOtlpEncoding  encoding,
                                  const char         *text);
/* 200 with an export response; `n_rejected` items without a trace id. */
void errata_otlp_respond_success (SoupServerMessage  *message,
                                  ErrataOtlpSignal    signal,
                                  ErrataOtlpEncoding  encoding,
                                  guint               n_rejected);

G_END_DECLS
