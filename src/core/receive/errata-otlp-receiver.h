/* errata-otlp-receiver.h: OTLP/HTTP on localhost, traces into a project.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_OTLP_RECEIVER (errata_otlp_receiver_get_type ())
#define ERRATA_OTLP_RECEIVER_ERROR (errata_otlp_receiver_error_quark ())

/* OTLP/HTTP's registered port: exporters send there by default. */
#define ERRATA_OTLP_DEFAULT_PORT 4318
/* The biggest request body, compressed or inflated. */
#define ERRATA_OTLP_DEFAULT_MAX_BODY (32 * 1024 * 1024)
/* How long a trace without its root span waits for more spans. */
#define ERRATA_OTLP_DEFAULT_IDLE_MS 5000
/* Spans waiting for the journal past which exporters are told to retry. */
#define ERRATA_OTLP_DEFAULT_MAX_BACKLOG 200000
/* Bytes of request bodies (inflated) between their arrival and their
 * answer past which exporters are told to retry: what bounds the
 * receiver's memory whatever the number of exporters, since a request's
 * spans take about twelve times its JSON while they are decoded, built and
 * stored (bench/README.md). */
#define ERRATA_OTLP_DEFAULT_MAX_IN_FLIGHT (32 * 1024 * 1024)

typedef enum
{
  ERRATA_OTLP_RECEIVER_ERROR_PORT_IN_USE,
  ERRATA_OTLP_RECEIVER_ERROR_ADDRESS,     /* cannot listen there, or no token for it */
} ErrataOtlpReceiverError;

/* Running totals since start(). */
typedef struct
{
  guint64 requests;          /* answered 200 */
  guint64 spans_accepted;    /* spans and log records stored or journaled */
  guint64 spans_journaled;   /* of them, those that went through the journal
                              * (the others' traces, complete in their
                              * request, were stored at once); as of the
                              * last traces-stored signal */
  guint64 spans_rejected;    /* without a trace id (partial success) */
  guint64 requests_refused;  /* 4xx and 5xx answers */
  guint64 traces_added;
  guint64 traces_updated;
  guint64 traces_without_conversation;  /* distinct traces whose spans held no
                                        * conversation when built, and none since */
  guint64 traces_built_while_decoding;  /* of those added, the ones built while
                                         * their request was decoded: what the
                                         * benchmark and the tests look at */
} ErrataOtlpReceiverCounts;

G_DECLARE_FINAL_TYPE (ErrataOtlpReceiver, errata_otlp_receiver, ERRATA, OTLP_RECEIVER, GObject)

GQuark              errata_otlp_receiver_error_quark      (void);

ErrataOtlpReceiver *errata_otlp_receiver_new              (GFile               *project_file);
/* 0: any free port (tests). */
void                errata_otlp_receiver_set_port         (ErrataOtlpReceiver  *self,
                                                           guint                port);
/* Listens on `address` instead of the loopback ones; only with a token,
 * which every request must then carry ("Authorization: Bearer TOKEN" or
 * "X-Errata-Token: TOKEN"). */
void                errata_otlp_receiver_set_address      (ErrataOtlpReceiver  *self,
                                                           const char          *address,
                                                           const char          *token);
void                errata_otlp_receiver_set_idle_timeout (ErrataOtlpReceiver  *self,
                                                           guint                idle_ms);
void                errata_otlp_receiver_set_max_body     (ErrataOtlpReceiver  *self,
                                                           gsize                max_body);
void                errata_otlp_receiver_set_max_backlog  (ErrataOtlpReceiver  *self,
                                                           guint                max_backlog);
/* A request that comes while nothing is in flight is taken whatever its
 * size (up to the body limit), so one big request still goes through. */
void                errata_otlp_receiver_set_max_in_flight (ErrataOtlpReceiver *self,
                                                            gsize               max_bytes);
/* The bytes counted against that limit now. */
gsize               errata_otlp_receiver_get_in_flight_bytes (ErrataOtlpReceiver *self);
/* Spans of traces still waiting for their root that are kept parsed in
 * memory, at most (ERRATA_LIVE_DEFAULT_MAX_HELD); past it, such traces
 * are built from the journal. Set before start(). */
void                errata_otlp_receiver_set_max_held_spans (ErrataOtlpReceiver *self,
                                                             guint               max_spans);
guint               errata_otlp_receiver_get_held_spans     (ErrataOtlpReceiver *self);

/* Binds and starts the writer, which first turns what an earlier run left
 * journaled into traces. */
gboolean            errata_otlp_receiver_start            (ErrataOtlpReceiver  *self,
                                                           GError             **error);
/* Refuses new requests (503), answers those in flight, stores every trace
 * still pending, then closes the sockets. Runs the thread-default main
 * context meanwhile. */
void                errata_otlp_receiver_stop             (ErrataOtlpReceiver  *self);
/* The same without waiting; a stop already under way (either kind) ends
 * this one too. The receiver is kept until then. */
void                errata_otlp_receiver_stop_async       (ErrataOtlpReceiver  *self,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean            errata_otlp_receiver_stop_finish      (ErrataOtlpReceiver  *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
gboolean            errata_otlp_receiver_is_running       (ErrataOtlpReceiver  *self);

guint               errata_otlp_receiver_get_port         (ErrataOtlpReceiver  *self);
/* What OTEL_EXPORTER_OTLP_ENDPOINT should be: "http://127.0.0.1:4318". */
char               *errata_otlp_receiver_dup_endpoint     (ErrataOtlpReceiver  *self);
void                errata_otlp_receiver_get_counts       (ErrataOtlpReceiver  *self,
                                                           ErrataOtlpReceiverCounts *counts);

G_END_DECLS
