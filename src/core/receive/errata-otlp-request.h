/* errata-otlp-request.h: one OTLP/HTTP request body, decoded into spans.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "errata-live-bin.h"

G_BEGIN_DECLS

#define ERRATA_OTLP_ERROR (errata_otlp_error_quark ())

/* Each maps to the HTTP status the OTLP specification asks for. */
typedef enum
{
  ERRATA_OTLP_ERROR_MALFORMED,          /* 400: the body does not decode */
  ERRATA_OTLP_ERROR_UNSUPPORTED_TYPE,   /* 415: neither JSON nor protobuf */
  ERRATA_OTLP_ERROR_TOO_LARGE,          /* 413: past the size limit */
} ErrataOtlpError;

typedef enum
{
  ERRATA_OTLP_TRACES,   /* POST /v1/traces: ExportTraceServiceRequest */
  ERRATA_OTLP_LOGS,     /* POST /v1/logs: ExportLogsServiceRequest */
} ErrataOtlpSignal;

typedef enum
{
  ERRATA_OTLP_JSON,
  ERRATA_OTLP_PROTOBUF,
} ErrataOtlpEncoding;

/* The bytes of a span's digest kept in the journal (live_spans.digest). */
#define ERRATA_LIVE_DIGEST_SIZE 16

/* One span or log record, flattened as the file import stages it
 * (errata-import-otel-stage.c), waiting to be journaled. */
typedef struct
{
  char    *trace_id;
  gint64   start;     /* its start time, nanoseconds: the order it is built in */
  char    *body;      /* the flattened span, JSON; NULL until
                       * errata_live_span_prepare_body() (only a span that
                       * goes through the journal needs it) */
  guint8   digest[ERRATA_LIVE_DIGEST_SIZE];  /* of `body`: a span sent twice
                                              * is journaled once */
  JsonObject *flat;   /* the same, parsed (the writer builds the trace from
                       * it without reading the journal back) */
  gboolean root;      /* a span without a parent: its trace is complete */
  gboolean journaled; /* set by errata_live_journal_append(): FALSE for a span
                       * already in the journal */
  ErrataLiveBin *bin; /* of the thread that parsed `flat`: it frees it */
} ErrataLiveSpan;

GQuark          errata_otlp_error_quark          (void);
void            errata_live_span_free            (ErrataLiveSpan      *span);
/* Makes the span's `body` and `digest`, once; on any thread, as long as
 * no other uses `flat` meanwhile. */
void            errata_live_span_prepare_body    (ErrataLiveSpan      *span);
/* Sets each span's `journaled` as errata_live_journal_append() would for
 * spans not in the journal yet: FALSE for the same span sent again after
 * an earlier one of `spans` (the same text), TRUE otherwise. Makes the
 * text only of spans whose trace and span id are not alone in `spans`. */
void            errata_live_spans_mark_repeats   (GPtrArray           *spans);

/* "application/json", "application/x-protobuf" (parameters ignored);
 * ERRATA_OTLP_ERROR_UNSUPPORTED_TYPE for anything else. */
gboolean        errata_otlp_parse_content_type   (const char          *content_type,
                                                  ErrataOtlpEncoding  *encoding,
                                                  GError             **error);

/* The body's spans (or log records), in order: inflated when `gzip`, at
 * most `max_size` bytes before and after; *n_rejected counts the items
 * without a trace id, which no conversation can hold. `plain_size`
 * (may be NULL) gets the body's size once inflated, also on failure when
 * it got that far (0 before). */
GPtrArray      *errata_otlp_decode_request       (ErrataOtlpSignal     signal,
                                                  ErrataOtlpEncoding   encoding,
                                                  gboolean             gzip,
                                                  GBytes              *body,
                                                  gsize                max_size,
                                                  guint               *n_rejected,
                                                  gsize               *plain_size,
                                                  GError             **error);

G_END_DECLS
