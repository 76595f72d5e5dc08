/* errata-bench-otlp-decode.c: the live receiver's decoding of one request,
 * alone, on one thread.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: errata-bench-otlp-decode EXPORT.json EXPORT.pb [ROUNDS]
 *
 * Decodes the same ExportTraceServiceRequest ROUNDS times (default 200)
 * through errata_otlp_decode_request(), once as JSON and once as protobuf
 * (meson passes the OpenInference fixture in both encodings), and prints
 * the thread's CPU per span for each, and for their parts: the body to a
 * tree (json-glib's parser, the receiver's own parser, the protobuf walk
 * and protobuf-c), then the import's flattening with the journal's text
 * and digest; and a span's text, json-glib's and the receiver's own writer
 * (the journal's text, and the trace's metadata again). CPU time of one thread varies less with a busy machine's
 * load than the whole receiver's does (bench/README.md, "Live traces").
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "errata-json-fast.h"
#include "errata-json-guard.h"
#include "errata-otlp-proto.h"
#include "errata-otlp-request.h"

static double
thread_cpu_seconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

static guint
decode_spans (GBytes             *body,
              ErrataOtlpEncoding  encoding)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  guint rejected = 0;

  spans = errata_otlp_decode_request (ERRATA_OTLP_TRACES, encoding, FALSE, body, G_MAXSIZE, &rejected, NULL, &error);
  if (spans == NULL)
    g_error ("the fixture does not decode: %s", error->message);
  return spans->len;
}

typedef enum
{
  TREE_JSON_GLIB,
  TREE_FAST,
  TREE_PROTOBUF,
} TreeKind;

static void
make_tree (GBytes   *body,
           TreeKind  kind)
{
  g_autoptr(JsonNode) root = NULL;
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  if (kind == TREE_JSON_GLIB)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (errata_json_parser_load (parser, data, size, NULL))
        root = json_parser_steal_root (parser);
    }
  else if (kind == TREE_FAST)
    root = errata_json_parse_fast (data, size);
  else
    root = errata_otlp_proto_traces_to_json ((const guint8 *)data, size, NULL);
  if (root == NULL)
    g_error ("the fixture does not parse");
}

static void
report (const char *what,
        double      seconds,
        guint       rounds,
        guint       n_spans)
{
  printf ("%-44s %8.1f us a span, %7.0f spans per CPU second\n",
          what, seconds * 1e6 / (rounds * (double)n_spans), rounds * (double)n_spans / seconds);
}

/* What is timed: each part is run once a round, in turn, so that a
 * machine whose load changes meanwhile weighs on all of them alike. */
typedef enum
{
  PART_JSON_DECODE,
  PART_JSON_GLIB_TREE,
  PART_FAST_TREE,
  PART_PROTOBUF_DECODE,
  PART_PROTOBUF_TREE,
  PART_TEXT_JSON_GLIB,
  PART_TEXT_FAST,
  N_PARTS
} Part;

/* Each flattened span written as the journal's text, by json-glib's
 * generator or by the receiver's own writer. */
static void
write_spans (GPtrArray *spans,
             gboolean   fast)
{
  for (guint i = 0; i < spans->len; i++)
    {
      ErrataLiveSpan *span = spans->pdata[i];
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), span->flat);
      g_autofree char *text = fast ? errata_json_to_string_fast (node) : json_to_string (node, FALSE);

      errata_live_span_prepare_body (span);
      if (!fast && strcmp (text, span->body) != 0)
        g_error ("the two writers differ");
    }
}

static void
run_part (Part       part,
          GBytes    *json,
          GBytes    *proto,
          GPtrArray *spans)
{
  switch (part)
    {
    case PART_JSON_DECODE: decode_spans (json, ERRATA_OTLP_JSON); break;
    case PART_JSON_GLIB_TREE: make_tree (json, TREE_JSON_GLIB); break;
    case PART_FAST_TREE: make_tree (json, TREE_FAST); break;
    case PART_PROTOBUF_DECODE: decode_spans (proto, ERRATA_OTLP_PROTOBUF); break;
    case PART_PROTOBUF_TREE: make_tree (proto, TREE_PROTOBUF); break;
    case PART_TEXT_JSON_GLIB: write_spans (spans, FALSE); break;
    case PART_TEXT_FAST: write_spans (spans, TRUE); break;
    default: g_assert_not_reached ();
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GBytes) proto = NULL;
  g_autofree char *json_data = NULL;
  g_autofree char *proto_data = NULL;
  gsize json_size = 0;
  gsize proto_size = 0;
  guint rounds = argc > 3 ? (guint)atoi (argv[3]) : 200;
  g_autoptr(GPtrArray) spans = NULL;
  guint n_spans;
  double seconds[N_PARTS] = { 0 };

  if (argc < 3
      || !g_file_get_contents (argv[1], &json_data, &json_size, &error)
      || !g_file_get_contents (argv[2], &proto_data, &proto_size, &error))
    {
      fprintf (stderr, "usage: %s EXPORT.json EXPORT.pb [ROUNDS]%s%s\n", argv[0],
               error ? ": " : "", error ? error->message : "");
      return 2;
    }
  json = g_bytes_new_take (g_steal_pointer (&json_data), json_size);
  proto = g_bytes_new_take (g_steal_pointer (&proto_data), proto_size);

  /* A round of each first, so that allocator and caches are warm. */
  spans = errata_otlp_decode_request (ERRATA_OTLP_TRACES, ERRATA_OTLP_JSON, FALSE, json, G_MAXSIZE, &n_spans, NULL, NULL);
  n_spans = decode_spans (json, ERRATA_OTLP_JSON);
  if (decode_spans (proto, ERRATA_OTLP_PROTOBUF) != n_spans)
    g_error ("the two fixtures do not hold the same spans");

  for (guint i = 0; i < rounds; i++)
    for (Part part = 0; part < N_PARTS; part++)
      {
        double start = thread_cpu_seconds ();

        run_part (part, json, proto, spans);
        seconds[part] += thread_cpu_seconds () - start;
      }
  printf ("%u rounds of %u spans; JSON %.1f KB, protobuf %.1f KB a request\n",
          rounds, n_spans, json_size / 1024.0, proto_size / 1024.0);
  report ("JSON: decode_request (whole)", seconds[PART_JSON_DECODE], rounds, n_spans);
  report ("  body to tree, json-glib", seconds[PART_JSON_GLIB_TREE], rounds, n_spans);
  report ("  body to tree, errata_json_parse_fast", seconds[PART_FAST_TREE], rounds, n_spans);
  report ("protobuf: decode_request (whole)", seconds[PART_PROTOBUF_DECODE], rounds, n_spans);
  report ("  body to tree, protobuf", seconds[PART_PROTOBUF_TREE], rounds, n_spans);
  report ("span to text, json-glib", seconds[PART_TEXT_JSON_GLIB], rounds, n_spans);
  report ("span to text, errata_json_to_string_fast", seconds[PART_TEXT_FAST], rounds, n_spans);
  return 0;
}
