/* errata-otlp-proto.h: OTLP protobuf bodies as OTLP JSON, and their spans
 * and log records flattened as that JSON's are.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <protobuf-c/protobuf-c.h>

G_BEGIN_DECLS

/* Where each flattened span or log record goes, under its trace id, with
 * its start in nanoseconds: the file import's ErrataOtelSinkFunc. */
typedef gboolean (*ErrataOtlpFlatSinkFunc) (gpointer     user_data,
                                            const char  *trace_id,
                                            gint64       start,
                                            JsonNode    *flat,
                                            GError     **error);

/* An ExportTraceServiceRequest or ExportLogsServiceRequest in protobuf, as
 * the OTLP JSON encoding of the same request (hex ids, 64-bit integers as
 * strings, lowerCamelCase names), the form the file import reads. NULL with
 * a message saying what is wrong when `data` does not decode. The receiver
 * flattens a request without it (below); this is what its tests and fuzz
 * target compare that with. */
JsonNode *errata_otlp_proto_traces_to_json  (const guint8  *data,
                                             gsize          size,
                                             GError       **error);
JsonNode *errata_otlp_proto_logs_to_json    (const guint8  *data,
                                             gsize          size,
                                             GError       **error);

/* The spans of an ExportTraceServiceRequest in protobuf, each flattened
 * and handed to `sink` exactly as _errata_import_otel_flatten() does with
 * errata_otlp_proto_traces_to_json()'s JSON of it, without making that
 * JSON. FALSE with a message when `data` does not decode, or when `sink`
 * fails. */
gboolean  errata_otlp_proto_flatten_traces  (const guint8                     *data,
                                             gsize                             size,
                                             ErrataOtlpFlatSinkFunc            sink,
                                             gpointer                          user_data,
                                             guint                            *n_items,
                                             guint                            *n_rejected,
                                             GError                          **error);

/* The same for an ExportLogsServiceRequest's log records, as
 * _errata_import_otel_flatten() flattens errata_otlp_proto_logs_to_json()'s
 * JSON of it. */
gboolean  errata_otlp_proto_flatten_logs    (const guint8                     *data,
                                             gsize                             size,
                                             ErrataOtlpFlatSinkFunc            sink,
                                             gpointer                          user_data,
                                             guint                            *n_items,
                                             guint                            *n_rejected,
                                             GError                          **error);

/* The wire walk done before decoding (exposed for the fuzz target). */
gboolean  errata_otlp_proto_check           (const ProtobufCMessageDescriptor *descriptor,
                                             const guint8                     *data,
                                             gsize                             size);

/* The protobuf answers: an Export*ServiceResponse whose partial_success
 * names `rejected` items (none: an empty message), and a google.rpc.Status. */
GBytes   *errata_otlp_proto_export_response (gboolean       logs,
                                             gint64         rejected,
                                             const char    *message);
GBytes   *errata_otlp_proto_status          (int            code,
                                             const char    *message);

G_END_DECLS
