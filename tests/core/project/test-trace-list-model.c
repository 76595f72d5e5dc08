/* test-trace-list-model.c: the lazy, random-access trace list model.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "errata-test-utils.h"
#include "errata-trace-list-model.h"

static void
add_traces (ErrataProject *project,
            guint          n)
{
  g_autoptr(GError) error = NULL;

  /* One transaction: 100k traces in seconds rather than minutes. */
  g_assert_true (errata_project_begin (project, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("trace-%03u", i);
      g_autofree char *input = g_strdup_printf ("question %u", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, input, "answer");
      gboolean added = FALSE;

      /* Every seventh trace is slow, so that sorting by latency differs
       * from import order. */
      errata_trace_set_latency_ms (trace, (i % 7) == 0 ? 5000 + i : 100 + i);
      g_assert_true (errata_project_add_trace (project, trace, &added, &error));
      g_assert_no_error (error);
      g_assert_true (added);
    }
  g_assert_true (errata_project_commit (project, &error));
}

static gboolean
model_is_idle (gpointer model)
{
  return !errata_trace_list_model_is_loading (model);
}

static gboolean
model_is_loading (gpointer model)
{
  return errata_trace_list_model_is_loading (model);
}

static void
wait_until_loaded (ErrataTraceListModel *model)
{
  errata_test_wait_until (model_is_idle, model, 60);
}

static ErrataTraceListModel *
new_loaded_model (ErrataProject    *project,
                  ErrataTraceQuery *query)
{
  ErrataTraceListModel *model = errata_trace_list_model_new (project, query);

  g_assert_true (errata_trace_list_model_is_loading (model));
  wait_until_loaded (model);
  return model;
}

static char *
dup_external_id_at (GListModel *model,
                    guint       position)
{
  g_autoptr(ErrataTrace) trace = g_list_model_get_item (model, position);

  g_assert_nonnull (trace);
  return g_strdup (errata_trace_get_external_id (trace));
}

static void
assert_id_at (GListModel *model,
              guint       position,
              const char *expected)
{
  g_autofree char *id = dup_external_id_at (model, position);

  g_assert_cmpstr (id, ==, expected);
}

static void
test_pages_on_demand (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTraceListModel) model = NULL;
  GListModel *list;

  add_traces (project, 250);
  model = new_loaded_model (project, NULL);
  list = G_LIST_MODEL (model);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 250);
  g_assert_true (g_list_model_get_item_type (list) == ERRATA_TYPE_TRACE);
  g_assert_cmpuint (errata_trace_list_model_get_n_fetched (model), ==, 0);

  /* Random access: the last page first, without the ones before it. */
  assert_id_at (list, 249, "trace-249");
  g_assert_cmpuint (errata_trace_list_model_get_n_fetched (model), ==, 50);
  g_assert_cmpuint (errata_trace_list_model_get_n_cached_pages (model), ==, 1);
  assert_id_at (list, 0, "trace-000");
  assert_id_at (list, 99, "trace-099");
  g_assert_cmpuint (errata_trace_list_model_get_n_fetched (model), ==, 150);
  assert_id_at (list, 100, "trace-100");
  g_assert_cmpuint (errata_trace_list_model_get_n_cached_pages (model), ==, 3);
  g_assert_null (g_list_model_get_item (list, 250));

  /* The same object while its page is cached. */
  {
    g_autoptr(ErrataTrace) a = g_list_model_get_item (list, 7);
    g_autoptr(ErrataTrace) b = g_list_model_get_item (list, 7);

    g_assert_true (a == b);
    g_assert_cmpint (errata_trace_list_model_get_trace_id (model, 7), ==,
                     errata_trace_get_id (a));
    g_assert_cmpuint (errata_trace_list_model_find (model, errata_trace_get_id (a)), ==, 7);
  }
  g_assert_cmpuint (errata_trace_list_model_find (model, 999999), ==,
                    ERRATA_TRACE_LIST_MODEL_NO_POSITION);
  g_assert_cmpint (errata_trace_list_model_get_trace_id (model, 250), ==, -1);
  errata_test_remove_tree (dir);
}

static void
test_empty_project (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTraceListModel) model = NULL;

  model = new_loaded_model (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));
  g_assert_cmpuint (errata_trace_list_model_get_n_fetched (model), ==, 0);
  errata_test_remove_tree (dir);
}

typedef struct
{
  guint position, removed, added;
  guint count;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->count++;
}

/* A new query replaces all items with one items-changed, once its ids are
 * there; the old items stay until then. */
static void
test_set_query (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTraceListModel) model = NULL;
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(ErrataTraceQuery) copy = NULL;
  Changes changes = { 0 };

  add_traces (project, 30);
  model = new_loaded_model (project, NULL);
  assert_id_at (G_LIST_MODEL (model), 0, "trace-000");
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);

  /* Slowest first: 28 (5028 ms), 21, 14, 7, 0, then 29 (129 ms)... */
  errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_LATENCY, TRUE);
  errata_trace_list_model_set_query (model, query);
  g_assert_true (errata_trace_list_model_is_loading (model));
  g_assert_cmpuint (changes.count, ==, 0);
  assert_id_at (G_LIST_MODEL (model), 0, "trace-000");
  wait_until_loaded (model);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 30);
  g_assert_cmpuint (changes.added, ==, 30);
  assert_id_at (G_LIST_MODEL (model), 0, "trace-028");
  assert_id_at (G_LIST_MODEL (model), 4, "trace-000");
  assert_id_at (G_LIST_MODEL (model), 5, "trace-029");

  copy = errata_trace_list_model_dup_query (model);
  g_assert_cmpint (errata_trace_query_get_sort (copy), ==, ERRATA_TRACE_SORT_LATENCY);

  /* A text filter narrows the list. */
  errata_trace_query_set_text (query, "\"question 17\"");
  errata_trace_list_model_set_query (model, query);
  wait_until_loaded (model);
  g_assert_cmpuint (changes.count, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 30);
  g_assert_cmpuint (changes.added, ==, 1);
  assert_id_at (G_LIST_MODEL (model), 0, "trace-017");
  errata_test_remove_tree (dir);
}

/* A verdict written elsewhere shows in the row at the same position. */
static void
test_refresh_trace (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTraceListModel) model = NULL;
  g_autoptr(ErrataTrace) before = NULL;
  g_autoptr(ErrataTrace) after = NULL;
  g_autoptr(ErrataAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };

  add_traces (project, 150);
  model = new_loaded_model (project, NULL);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);
  before = g_list_model_get_item (G_LIST_MODEL (model), 120);
  g_assert_cmpint (errata_trace_get_verdict (before), ==, ERRATA_VERDICT_UNSET);

  annotation = errata_annotation_new (errata_trace_get_id (before), "tester");
  annotation->verdict = ERRATA_VERDICT_FAIL;
  g_free (annotation->note);
  annotation->note = g_strdup ("made up a refund policy");
  g_assert_true (errata_project_set_annotation (project, annotation, &error));
  g_assert_no_error (error);

  errata_trace_list_model_refresh_trace (model, errata_trace_get_id (before));
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.position, ==, 120);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  after = g_list_model_get_item (G_LIST_MODEL (model), 120);
  g_assert_cmpint (errata_trace_get_verdict (after), ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpstr (errata_trace_get_note (after), ==, "made up a refund policy");
  errata_test_remove_tree (dir);
}

static void
delete_traces_behind_the_back (ErrataProject *project,
                               gint64         above_id)
{
  g_autofree char *path = g_file_get_path (errata_project_get_file (project));
  g_autofree char *sql = g_strdup_printf ("DELETE FROM traces WHERE id > %" G_GINT64_FORMAT,
                                          above_id);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 2);
  sqlite3_close (db);
}

/* Traces deleted by another program after the ids were read: their rows
 * say so, and the model reloads (from an idle, never inside get_item)
 * rather than keep positions it cannot fill. */
static void
test_reloads_when_traces_vanish (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTraceListModel) model = NULL;
  Changes changes = { 0 };

  add_traces (project, 5);
  model = new_loaded_model (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);
  delete_traces_behind_the_back (project, errata_trace_list_model_get_trace_id (model, 2));

  assert_id_at (G_LIST_MODEL (model), 0, "trace-000");
  assert_id_at (G_LIST_MODEL (model), 4, "(removed)");
  g_assert_cmpuint (changes.count, ==, 0);
  /* The reload starts from an idle: wait for it rather than expect it in
   * one iteration (another ready source may come first). Its end needs
   * another iteration, so it is seen loading on the way. */
  errata_test_wait_until (model_is_loading, model, 60);
  wait_until_loaded (model);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  assert_id_at (G_LIST_MODEL (model), 2, "trace-002");
  errata_test_remove_tree (dir);
}

/* Live ErrataTrace objects handed out by the model, counted with weak
 * references: the count must not grow with the distance scrolled. */
static guint n_live;
static GQuark counted_quark;

static void
on_trace_finalized (gpointer  data,
                    GObject  *where_the_object_was)
{
  n_live--;
}

static void
count_trace (ErrataTrace *trace)
{
  if (g_object_get_qdata (G_OBJECT (trace), counted_quark) != NULL)
    return;
  g_object_set_qdata (G_OBJECT (trace), counted_quark, GINT_TO_POINTER (1));
  g_object_weak_ref (G_OBJECT (trace), on_trace_finalized, NULL);
  n_live++;
}

static gsize
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

static void
test_memory_bounded (void)
{
#ifdef __SANITIZE_ADDRESS__
  /* ASan makes 100 000 traces take minutes; the live-trace bounds below
   * hold the same for fewer. */
  const guint n = 20000;
#else
  const guint n = 100000;
#endif
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTraceListModel) model = NULL;
  const guint max_live = ERRATA_TRACE_LIST_MODEL_MAX_PAGES * ERRATA_TRACE_LIST_MODEL_PAGE_SIZE;
  guint max_seen = 0;
  gsize rss_start, rss_end;
  gint64 start;

  counted_quark = g_quark_from_static_string ("test-counted");
  add_traces (project, n);
  model = new_loaded_model (project, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);

  /* Warm up once so that SQLite's page cache and malloc's arenas are at
   * their working size before RSS is measured. */
  for (guint i = 0; i < n; i += 997)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  rss_start = read_rss_kb ();
  start = g_get_monotonic_time ();

  /* Every item, in order, then jumps back and forth across the range. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ErrataTrace) trace = g_list_model_get_item (G_LIST_MODEL (model), i);

      count_trace (trace);
      max_seen = MAX (max_seen, n_live);
    }
  for (guint i = 0; i < 2000; i++)
    {
      guint position = (i * 7919u * 13u) % n;
      g_autoptr(ErrataTrace) trace = g_list_model_get_item (G_LIST_MODEL (model), position);
      g_autofree char *expected = g_strdup_printf ("trace-%03u", position);

      g_assert_cmpstr (errata_trace_get_external_id (trace), ==, expected);
      count_trace (trace);
      max_seen = MAX (max_seen, n_live);
    }
  rss_end = read_rss_kb ();
  g_test_message ("%u items read in %.2f s; at most %u live traces; RSS %zu -> %zu kB",
                  n + 2000, (g_get_monotonic_time () - start) / 1e6, max_seen,
                  rss_start, rss_end);

  g_assert_cmpuint (max_seen, <=, max_live);
  g_assert_cmpuint (n_live, <=, max_live);
  g_assert_cmpuint (errata_trace_list_model_get_n_cached_pages (model), <=,
                    ERRATA_TRACE_LIST_MODEL_MAX_PAGES);
  g_assert_cmpuint (errata_trace_list_model_get_n_fetched (model), <=, max_live);
  /* 100k summaries held at once would be tens of megabytes. */
#ifndef __SANITIZE_ADDRESS__
  /* (Not under ASan: its quarantine holds freed blocks, so RSS says
   * nothing about what the model keeps.) */
  if (rss_start > 0)
    g_assert_cmpuint (rss_end, <, rss_start + 8 * 1024);
#endif

  g_clear_object (&model);
  g_assert_cmpuint (n_live, ==, 0);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trace-list-model/pages-on-demand", test_pages_on_demand);
  g_test_add_func ("/trace-list-model/empty-project", test_empty_project);
  g_test_add_func ("/trace-list-model/set-query", test_set_query);
  g_test_add_func ("/trace-list-model/refresh-trace", test_refresh_trace);
  g_test_add_func ("/trace-list-model/reloads-when-traces-vanish", test_reloads_when_traces_vanish);
  g_test_add_func ("/trace-list-model/memory-bounded", test_memory_bounded);
  return g_test_run ();
}
