/* errata-otlp-proto-private.h: what errata-otlp-proto.c (the request's
 * OTLP JSON) shares with errata-otlp-proto-flat.c (its spans and log
 * records flattened as decoded), so that both make a value alike.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-otlp-proto.h"

#include "errata-import-private.h"

#include "opentelemetry/proto/collector/logs/v1/logs_service.pb-c.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb-c.h"

G_BEGIN_DECLS

typedef Opentelemetry__Proto__Common__V1__AnyValue AnyValue;
typedef Opentelemetry__Proto__Common__V1__KeyValue KeyValue;
typedef Opentelemetry__Proto__Common__V1__InstrumentationScope Scope;
typedef Opentelemetry__Proto__Resource__V1__Resource Resource;
typedef Opentelemetry__Proto__Trace__V1__Span Span;
typedef Opentelemetry__Proto__Logs__V1__LogRecord LogRecord;
typedef Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceRequest TraceRequest;
typedef Opentelemetry__Proto__Collector__Logs__V1__ExportLogsServiceRequest LogsRequest;

/* A string as valid UTF-8 (protobuf-c does not check, as proto3 wants: an
 * SDK that cut a long attribute inside a character sends the rest). */
JsonNode     *_errata_otlp_proto_string_node        (const char                *value);
/* An id in lowercase hex. */
JsonNode     *_errata_otlp_proto_hex_node           (const ProtobufCBinaryData *bytes);
/* A fixed64 time as a decimal string, as OTLP JSON writes it. */
JsonNode     *_errata_otlp_proto_uint64_string_node (guint64                    value);

/* A span's `events` and `links` members, and a scope's `scope`, into an
 * object `builder` is making. */
void          _errata_otlp_proto_add_events         (JsonBuilder               *builder,
                                                     const Span                *span);
void          _errata_otlp_proto_add_links          (JsonBuilder               *builder,
                                                     const Span                *span);
void          _errata_otlp_proto_add_scope          (JsonBuilder               *builder,
                                                     const Scope               *scope);

/* NULL, with the message, when `data` does not walk or decode. With an
 * `allocator` (NULL: malloc), the request is freed the allocator's way
 * (errata-proto-arena.h), not with free_unpacked(). */
TraceRequest *_errata_otlp_proto_unpack_traces      (const guint8              *data,
                                                     gsize                      size,
                                                     ProtobufCAllocator        *allocator,
                                                     GError                   **error);
LogsRequest  *_errata_otlp_proto_unpack_logs        (const guint8              *data,
                                                     gsize                      size,
                                                     ProtobufCAllocator        *allocator,
                                                     GError                   **error);

G_END_DECLS
