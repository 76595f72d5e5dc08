/* test-live-prebuilt.c: traces built while their request is decoded.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decoding thread builds the traces complete in its request
 * (errata-live-prebuilt.c); the writer takes such a build only when it
 * was made of exactly the spans the writer would build from. A build of
 * part of a trace is never stored: the trace is the file import's all the
 * same.
 */

#include "config.h"

#include "receive-test-utils.h"
#include "errata-live-prebuilt.h"
#include "errata-live-writer.h"
#include "errata-otlp-request.h"
#include "errata-test-utils.h"

/* tests/core/import/data/instrumented/openinference.json: 32 spans of 8
 * traces, each trace whole. */
#define N_TRACES 8

static GPtrArray *
decode_fixture (void)
{
  g_autoptr(GBytes) body = receive_test_instrumented ("openinference.json");

  return receive_test_decode (ERRATA_OTLP_TRACES, body);
}

static gboolean
never_known (const char *trace_id,
             gpointer    user_data)
{
  return FALSE;
}

static gboolean
is_the_known_one (const char *trace_id,
                  gpointer    user_data)
{
  return g_str_equal (trace_id, user_data);
}

/* The flat objects of the spans of `trace_id`, in the request's order. */
static GPtrArray *
items_of (GPtrArray  *spans,
          const char *trace_id)
{
  GPtrArray *items = g_ptr_array_new ();

  for (guint i = 0; i < spans->len; i++)
    {
      ErrataLiveSpan *span = spans->pdata[i];

      if (g_str_equal (span->trace_id, trace_id))
        g_ptr_array_add (items, span->flat);
    }
  return items;
}

/* A build per trace whose root is in the request, in the roots' order;
 * taken only for the very spans it was made of, and once. */
static void
test_taken_only_for_its_spans (void)
{
  g_autoptr(GPtrArray) spans = decode_fixture ();
  g_autoptr(GPtrArray) prebuilt = errata_live_prebuild (spans, never_known, NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) fewer = NULL;
  g_autoptr(GPtrArray) reordered = NULL;
  ErrataLivePrebuilt *first;
  ErrataLiveBuilt *built;
  guint next_root = 0;

  g_assert_nonnull (prebuilt);
  g_assert_cmpuint (prebuilt->len, ==, N_TRACES);
  for (guint i = 0; i < spans->len; i++)
    {
      ErrataLiveSpan *span = spans->pdata[i];

      if (!span->root)
        continue;
      g_assert_true (((ErrataLivePrebuilt *)prebuilt->pdata[next_root])->root == span);
      g_assert_true (errata_live_built_has_trace (((ErrataLivePrebuilt *)prebuilt->pdata[next_root])->built));
      next_root++;
    }
  g_assert_cmpuint (next_root, ==, N_TRACES);

  first = prebuilt->pdata[0];
  all = items_of (spans, first->root->trace_id);
  g_assert_cmpuint (all->len, >, 1);
  fewer = g_ptr_array_copy (all, NULL, NULL);
  g_ptr_array_remove_index (fewer, 0);
  reordered = g_ptr_array_copy (all, NULL, NULL);
  g_ptr_array_add (reordered, g_ptr_array_steal_index (reordered, 0));

  g_assert_null (errata_live_prebuilt_take_built (first, NULL));
  g_assert_null (errata_live_prebuilt_take_built (first, fewer));
  g_assert_null (errata_live_prebuilt_take_built (first, reordered));
  built = errata_live_prebuilt_take_built (first, all);
  g_assert_nonnull (built);
  errata_live_built_free (built);
  /* Taken already. */
  g_assert_null (errata_live_prebuilt_take_built (first, all));
}

/* A trace the writer holds spans of is not built from the request. */
static void
test_known_trace_left (void)
{
  g_autoptr(GPtrArray) spans = decode_fixture ();
  g_autoptr(GPtrArray) prebuilt = NULL;
  g_autofree char *known = NULL;

  for (guint i = 0; i < spans->len && known == NULL; i++)
    if (((ErrataLiveSpan *)spans->pdata[i])->root)
      known = g_strdup (((ErrataLiveSpan *)spans->pdata[i])->trace_id);
  prebuilt = errata_live_prebuild (spans, is_the_known_one, known);
  g_assert_cmpuint (prebuilt->len, ==, N_TRACES - 1);
  for (guint i = 0; i < prebuilt->len; i++)
    g_assert_cmpstr (((ErrataLivePrebuilt *)prebuilt->pdata[i])->root->trace_id, !=, known);
}

typedef struct
{
  gboolean          answered;
  gboolean          stopped;
  ErrataLiveCounts  counts;
} Writing;

static void
on_done (const GError *error,
         gpointer      user_data)
{
  Writing *writing = user_data;

  g_assert_no_error (error);
  writing->answered = TRUE;
}

static void
on_stored (const ErrataLiveCounts *counts,
           gpointer                user_data)
{
  ((Writing *)user_data)->counts = *counts;
}

static gboolean
on_stopped (gpointer user_data)
{
  ((Writing *)user_data)->stopped = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

/* What an exporter's batch timer does: a trace's children in one request,
 * its root in the next, both in one batch of the writer. The root's
 * request built the root alone; the writer stores the whole trace, as the
 * file import gives it, not that build. Both requests are one job here, so
 * that they are in one batch whatever the writer's timing. */
static void
test_part_of_trace_not_taken (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) imported = errata_test_new_project (&dir);
  g_autofree char *imported_path = g_build_filename (dir, "test.errata", NULL);
  g_autofree char *received_path = g_build_filename (dir, "received.errata", NULL);
  g_autoptr(GFile) received = g_file_new_for_path (received_path);
  g_autoptr(ErrataProject) created = NULL;
  g_autoptr(GError) error = NULL;
  const char * const names[] = { "openinference.json", NULL };
  GPtrArray *spans = decode_fixture ();
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  g_autofree char *expected = NULL;
  g_autofree char *stored = NULL;
  GPtrArray *prebuilt;
  ErrataLiveWriter *writer;
  Writing writing = { FALSE, FALSE, { 0 } };

  errata_project_close (imported);
  receive_test_import (imported_path, names);
  created = errata_project_create (received, &error);
  g_assert_no_error (error);
  errata_project_close (created);

  writer = errata_live_writer_start (received, 3600 * 1000, "Live traces, test", on_stored, &writing, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    if (((ErrataLiveSpan *)spans->pdata[i])->root)
      g_ptr_array_add (roots, spans->pdata[i]);
  /* The root request's builds: each trace's root alone. */
  prebuilt = errata_live_writer_prebuild (writer, roots);
  g_assert_cmpuint (prebuilt->len, ==, N_TRACES);
  errata_live_writer_submit (writer, spans, prebuilt, on_done, &writing);
  errata_test_wait_until (is_true, &writing.answered, 60);
  errata_live_writer_stop_async (writer, on_stopped, &writing);
  errata_test_wait_until (is_true, &writing.stopped, 60);

  g_assert_cmpuint (writing.counts.traces_added, ==, N_TRACES);
  g_assert_cmpuint (writing.counts.traces_built_while_decoding, ==, 0);
  g_assert_cmpuint (writing.counts.spans_journaled, ==, 0);
  expected = errata_test_traces_text (imported_path, NULL);
  stored = errata_test_traces_text (received_path, "otlp-live");
  g_assert_cmpstr (expected, !=, "");
  g_assert_cmpstr (stored, ==, expected);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/live-prebuilt/taken-only-for-its-spans", test_taken_only_for_its_spans);
  g_test_add_func ("/live-prebuilt/known-trace-left", test_known_trace_left);
  g_test_add_func ("/live-prebuilt/part-of-trace-not-taken", test_part_of_trace_not_taken);
  return g_test_run ();
}
