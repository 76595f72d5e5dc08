/* test-proto-arena.c: the blocks an arena gives protobuf-c are aligned
 * and apart, however large; a request unpacked into an arena is the same
 * request as one unpacked with malloc, within the arena's budget; a body
 * that repeats a message field protobuf-c would merge over and over is
 * refused before the unpack; one that still outgrows the budget is
 * flattened with malloc all the same.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-otlp-proto.h"
#include "errata-proto-arena.h"
#include "opentelemetry/proto/collector/logs/v1/logs_service.pb-c.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb-c.h"

/* Sizes around the first chunk (64 KB) and past the largest (4 MB). */
static const gsize sizes[] = { 0, 1, 7, 16, 17, 100, 4096, 65535, 65536, 70000, 3, 5 * 1024 * 1024, 24, 1 };

static void
test_blocks (void)
{
  ErrataProtoArena arena;
  guint8 *blocks[G_N_ELEMENTS (sizes)];

  errata_proto_arena_init (&arena, 0);
  /* Chunks here, not the budget (test_merged_fields). */
  arena.budget = G_MAXSIZE;
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      blocks[i] = arena.allocator.alloc (arena.allocator.allocator_data, sizes[i]);
      g_assert_nonnull (blocks[i]);
      g_assert_cmpuint ((guintptr)blocks[i] % 16, ==, 0);
      memset (blocks[i], 'a' + i, sizes[i]);
      /* Freeing a block leaves it, and the others, as they are. */
      arena.allocator.free (arena.allocator.allocator_data, blocks[i]);
    }
  /* No block overlaps another: each still holds its own letter. */
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (gsize j = 0; j < sizes[i]; j++)
      if (blocks[i][j] != 'a' + i)
        g_error ("block %u (%" G_GSIZE_FORMAT " bytes) overwritten at %" G_GSIZE_FORMAT, i, sizes[i], j);
  errata_proto_arena_clear (&arena);
  g_assert_null (arena.chunks);
}

static GBytes *
packed_traces (const Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceRequest *request)
{
  gsize size = opentelemetry__proto__collector__trace__v1__export_trace_service_request__get_packed_size (request);
  guint8 *data = g_malloc (size + 1);

  opentelemetry__proto__collector__trace__v1__export_trace_service_request__pack (request, data);
  return g_bytes_new_take (data, size);
}

static GBytes *
packed_logs (const Opentelemetry__Proto__Collector__Logs__V1__ExportLogsServiceRequest *request)
{
  gsize size = opentelemetry__proto__collector__logs__v1__export_logs_service_request__get_packed_size (request);
  guint8 *data = g_malloc (size + 1);

  opentelemetry__proto__collector__logs__v1__export_logs_service_request__pack (request, data);
  return g_bytes_new_take (data, size);
}

/* Unpacked with malloc and into an arena (whose first chunk is smaller
 * than the request, so it takes several), then packed again: the same
 * bytes. */
static GBytes *
repacked (const guint8       *data,
          gsize               size,
          gboolean            logs,
          ProtobufCAllocator *allocator)
{
  if (logs)
    {
      Opentelemetry__Proto__Collector__Logs__V1__ExportLogsServiceRequest *request =
        opentelemetry__proto__collector__logs__v1__export_logs_service_request__unpack (allocator, size, data);
      GBytes *bytes;

      g_assert_nonnull (request);
      g_assert_cmpuint (request->n_resource_logs, >, 0);
      bytes = packed_logs (request);
      if (allocator == NULL)
        opentelemetry__proto__collector__logs__v1__export_logs_service_request__free_unpacked (request, NULL);
      return bytes;
    }
  else
    {
      Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceRequest *request =
        opentelemetry__proto__collector__trace__v1__export_trace_service_request__unpack (allocator, size, data);
      GBytes *bytes;

      g_assert_nonnull (request);
      g_assert_cmpuint (request->n_resource_spans, >, 0);
      bytes = packed_traces (request);
      if (allocator == NULL)
        opentelemetry__proto__collector__trace__v1__export_trace_service_request__free_unpacked (request, NULL);
      return bytes;
    }
}

static void
test_unpack (void)
{
  static const char * const names[] = {
    "langfuse.pb", "openinference.pb", "opentelemetry.pb", "opentelemetry-logs.pb", "traceloop-0.12.pb",
    "traceloop-0.27.pb",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "receive", "data", names[i], NULL);
      g_autofree char *data = NULL;
      gsize size;
      gboolean logs = g_str_has_suffix (names[i], "-logs.pb");
      g_autoptr(GBytes) with_malloc = NULL;
      g_autoptr(GBytes) with_arena = NULL;
      ErrataProtoArena arena;

      g_assert_true (g_file_get_contents (path, &data, &size, NULL));
      with_malloc = repacked ((const guint8 *)data, size, logs, NULL);
      errata_proto_arena_init (&arena, 0);
      with_arena = repacked ((const guint8 *)data, size, logs, &arena.allocator);
      g_assert_true (g_bytes_equal (with_malloc, with_arena));
      if (size > 64 * 1024)
        g_assert_cmpuint (arena.chunks->len, >, 1);
      /* Well within the budget the flattening gives (16 times the body). */
      g_test_message ("%s: %" G_GSIZE_FORMAT " bytes, the arena gave %" G_GSIZE_FORMAT " (%.1f times)", names[i], size,
                      arena.taken, (double)arena.taken / (double)size);
      g_assert_false (arena.over_budget);
      g_assert_cmpuint (arena.taken, <=, 12 * size);
      errata_proto_arena_clear (&arena);
    }
}

/* A body protobuf-c refuses half way: what it had taken goes with the
 * arena, and nothing is freed twice (the sanitizers' run checks). */
static void
test_refused (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "receive", "data", "openinference.pb", NULL);
  g_autofree char *data = NULL;
  gsize size;
  ErrataProtoArena arena;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  errata_proto_arena_init (&arena, size);
  /* Cut inside the last span: a length that runs past the end. */
  g_assert_null (opentelemetry__proto__collector__trace__v1__export_trace_service_request__unpack (&arena.allocator, size - 3,
                                                                                                   (const guint8 *)data));
  errata_proto_arena_clear (&arena);
}

static gboolean
count_span (gpointer     user_data,
            const char  *trace_id,
            gint64       start,
            JsonNode    *flat,
            GError     **error)
{
  (*(guint *)user_data)++;
  return TRUE;
}

static void
append_varint (GByteArray *out,
               guint64     value)
{
  for (;;)
    {
      guint8 byte = (guint8)(value & 0x7f) | (value > 0x7f ? 0x80 : 0);

      g_byte_array_append (out, &byte, 1);
      if (value <= 0x7f)
        return;
      value >>= 7;
    }
}

/* Field 1 (length-delimited) of the outer message holding `inner`. */
static GByteArray *
wrapped (guint8      tag,
         GByteArray *inner)
{
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, &tag, 1);
  append_varint (out, inner->len);
  g_byte_array_append (out, inner->data, inner->len);
  return out;
}

/* A ResourceSpans whose `resource` comes k times, each with an attribute:
 * protobuf merges them, and protobuf-c copies the attributes so far into a
 * new array at each merge (~4k² bytes, in time and, in an arena that
 * frees nothing, in memory). */
static GByteArray *
merged_resources (guint k)
{
  static const guint8 repeat[] = { 0x0a, 0x02, 0x0a, 0x00 };
  g_autoptr(GByteArray) resource_spans = g_byte_array_new ();

  for (guint i = 0; i < k; i++)
    g_byte_array_append (resource_spans, repeat, sizeof repeat);
  return wrapped (0x0a, resource_spans);
}

/* The walk before the unpack takes 16 merges in a message and refuses
 * more; an arena refuses past its budget whatever the walk let through. */
static void
test_merged_fields (void)
{
  g_autoptr(GByteArray) many = merged_resources (4096);
  g_autoptr(GByteArray) allowed = merged_resources (17);
  g_autoptr(GByteArray) refused = merged_resources (18);
  ErrataProtoArena arena;
  g_autoptr(GError) error = NULL;
  guint n_items = 0;
  guint n_rejected = 0;
  guint n_spans = 0;

  errata_proto_arena_init (&arena, many->len);
  g_assert_null (opentelemetry__proto__collector__trace__v1__export_trace_service_request__unpack (&arena.allocator,
                                                                                                   many->len, many->data));
  g_assert_true (arena.over_budget);
  g_assert_cmpuint (arena.taken, <=, arena.budget);
  g_assert_cmpuint (arena.budget, <, 32 * many->len + 2 * 1024 * 1024);
  errata_proto_arena_clear (&arena);

  g_assert_true (errata_otlp_proto_flatten_traces (allowed->data, allowed->len, count_span, &n_spans, &n_items,
                                                   &n_rejected, &error));
  g_assert_no_error (error);
  g_assert_false (errata_otlp_proto_flatten_traces (refused->data, refused->len, count_span, &n_spans, &n_items,
                                                    &n_rejected, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (errata_otlp_proto_flatten_traces (many->data, many->len, count_span, &n_spans, &n_items, &n_rejected,
                                                    &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (n_spans, ==, 0);
}

/* 100,000 empty spans: 2 bytes each on the wire, a ~200-byte struct each
 * once unpacked, past the arena's budget though nothing is merged. The
 * flattening unpacks them with malloc instead, and rejects each (no trace
 * id). */
static void
test_over_budget (void)
{
  const guint n = 100000;
  static const guint8 empty_span[] = { 0x12, 0x00 };
  g_autoptr(GByteArray) spans = g_byte_array_new ();
  g_autoptr(GByteArray) scope_spans = NULL;
  g_autoptr(GByteArray) body = NULL;
  ErrataProtoArena arena;
  g_autoptr(GError) error = NULL;
  guint n_items = 0;
  guint n_rejected = 0;
  guint n_spans = 0;

  for (guint i = 0; i < n; i++)
    g_byte_array_append (spans, empty_span, sizeof empty_span);
  scope_spans = wrapped (0x12, spans);
  body = wrapped (0x0a, scope_spans);

  errata_proto_arena_init (&arena, body->len);
  g_assert_null (opentelemetry__proto__collector__trace__v1__export_trace_service_request__unpack (&arena.allocator,
                                                                                                   body->len, body->data));
  g_assert_true (arena.over_budget);
  errata_proto_arena_clear (&arena);

  g_assert_true (errata_otlp_proto_flatten_traces (body->data, body->len, count_span, &n_spans, &n_items, &n_rejected,
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_spans, ==, 0);
  g_assert_cmpuint (n_rejected, ==, n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/proto-arena/blocks", test_blocks);
  g_test_add_func ("/proto-arena/unpack", test_unpack);
  g_test_add_func ("/proto-arena/refused", test_refused);
  g_test_add_func ("/proto-arena/merged-fields", test_merged_fields);
  g_test_add_func ("/proto-arena/over-budget", test_over_budget);
  return g_test_run ();
}
