/* errata-fuzz.h: the entry points the fuzz targets drive.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each function takes one input the way a stranger's file reaches Errata
 * and must return without crashing, leaking or tripping a critical,
 * whatever the bytes. The libFuzzer targets call one each
 * (errata-fuzz-main.c); test-fuzz-replay runs the checked-in corpora and
 * every crash input found so far through the same functions in the
 * normal build.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Importers. The first byte picks the file name's extension, and so the
 * record syntax: byte % 2 for the JSON formats (0 .jsonl, 1 .json),
 * byte % 3 for the mapped one (0 .jsonl, 1 .json, 2 .csv); the rest is the
 * file. */
int errata_fuzz_import_openai           (const guint8 *data,
                                         gsize         size);
int errata_fuzz_import_request_response (const guint8 *data,
                                         gsize         size);
int errata_fuzz_import_mapped           (const guint8 *data,
                                         gsize         size);
int errata_fuzz_import_otel             (const guint8 *data,
                                         gsize         size);
int errata_fuzz_import_langfuse         (const guint8 *data,
                                         gsize         size);

/* The live OTLP receiver: byte 0 picks traces or logs, JSON or protobuf,
 * gzip or not (errata-fuzz-receive.c); the rest is the request body. */
int errata_fuzz_otlp_request            (const guint8 *data,
                                         gsize         size);

/* The whole input is an OTLP JSON trace request, flattened as it is read
 * (the receiver's way) and through its tree: whatever the first gives, the
 * second must give the same, span for span (errata-fuzz-receive.c). */
int errata_fuzz_otlp_flatten            (const guint8 *data,
                                         gsize         size);

/* The whole input is an OTLP protobuf request, read as a trace request and
 * as a logs one, its spans or log records flattened as it is decoded (the
 * receiver's way) and through its OTLP JSON: both must decode or neither,
 * and give the same (errata-fuzz-receive.c). */
int errata_fuzz_otlp_proto_flatten      (const guint8 *data,
                                         gsize         size);

/* The whole input is JSON text, parsed by the receiver's own parser and by
 * json-glib: the trees must be the same. */
int errata_fuzz_json_parse              (const guint8 *data,
                                         gsize         size);

/* The LLM side: the JSON extractor takes the whole input as a model's
 * reply text; the wire parsers take byte 0 as the parser to use (see
 * errata-fuzz-llm.c) and the rest as the HTTP body. */
int errata_fuzz_json_extract            (const guint8 *data,
                                         gsize         size);
int errata_fuzz_llm_wire                (const guint8 *data,
                                         gsize         size);

/* The whole input is a `.errata` file, opened and read through. */
int errata_fuzz_project_open            (const guint8 *data,
                                         gsize         size);

/* The whole input is Markdown, rendered into a GtkTextBuffer. */
int errata_fuzz_markdown                (const guint8 *data,
                                         gsize         size);

/* A fresh directory under the temp dir for this process, created once. */
const char *errata_fuzz_tmpdir          (void);

G_END_DECLS
