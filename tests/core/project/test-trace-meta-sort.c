/* test-trace-meta-sort.c: a sort by a metadata key where some traces have
 * two values for the key (a top-level "a.b" beside a nested a.b), read
 * page by page: every trace once, in the sort's order, in any page size.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-project-private.h"
#include "errata-test-utils.h"

#define N_TRACES 40
#define NO_VALUE G_MININT64

/* What a trace holds for the key "a.b": up to two numbers (NO_VALUE: none),
 * and whether it matches the filter customer = acme. */
typedef struct
{
  gint64   id;
  gint64   dotted;   /* top-level "a.b" */
  gint64   nested;   /* a: { b: } */
  gboolean acme;
} Row;

/* Values that tie and cross: a trace's two values lie on both sides of
 * other traces' values, so the least and the greatest sort it apart. */
static void
make_row (int  i,
          Row *row)
{
  row->dotted = i % 4 == 3 ? NO_VALUE : (i * 7) % 11;
  row->nested = i % 3 == 0 ? (i * 5) % 13 : NO_VALUE;
  if (i % 10 == 9)
    row->dotted = row->nested = NO_VALUE;
  row->acme = i % 3 != 1;
}

static void
add_rows (ErrataProject *project,
          Row           *rows)
{
  for (int i = 0; i < N_TRACES; i++)
    {
      g_autofree char *external = g_strdup_printf ("t%d", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (external, "q", "a");
      JsonObject *metadata = errata_trace_get_metadata (trace);
      g_autoptr(GError) error = NULL;

      make_row (i, &rows[i]);
      json_object_set_string_member (metadata, "customer", rows[i].acme ? "acme" : "globex");
      if (rows[i].dotted != NO_VALUE)
        json_object_set_int_member (metadata, "a.b", rows[i].dotted);
      if (rows[i].nested != NO_VALUE)
        {
          JsonObject *a = json_object_new ();

          json_object_set_int_member (a, "b", rows[i].nested);
          json_object_set_object_member (metadata, "a", a);
        }
      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
      g_assert_no_error (error);
      rows[i].id = errata_trace_get_id (trace);
    }
}

/* The value a trace sorts by: its least going up, its greatest going
 * down; NO_VALUE without the key. */
static gint64
sort_value (const Row *row,
            gboolean   descending)
{
  if (row->dotted == NO_VALUE)
    return row->nested;
  if (row->nested == NO_VALUE)
    return row->dotted;
  return descending ? MAX (row->dotted, row->nested) : MIN (row->dotted, row->nested);
}

static gboolean sorting_down;

/* The traces with the key by their value, ties by id, in the direction;
 * the others after them, in import order. */
static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *x = a;
  const Row *y = b;
  gint64 vx = sort_value (x, sorting_down);
  gint64 vy = sort_value (y, sorting_down);
  int sign = sorting_down ? -1 : 1;

  if ((vx == NO_VALUE) != (vy == NO_VALUE))
    return vx == NO_VALUE ? 1 : -1;
  if (vx == NO_VALUE)
    return x->id < y->id ? -1 : x->id > y->id;
  if (vx != vy)
    return sign * (vx < vy ? -1 : 1);
  return sign * (x->id < y->id ? -1 : x->id > y->id);
}

static char *
expected_text (const Row *rows,
               gboolean   descending,
               gboolean   acme_only)
{
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (Row));
  GString *text = g_string_new (NULL);

  for (int i = 0; i < N_TRACES; i++)
    if (!acme_only || rows[i].acme)
      g_array_append_val (kept, rows[i]);
  sorting_down = descending;
  g_array_sort (kept, compare_rows);
  for (guint i = 0; i < kept->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            g_array_index (kept, Row, i).id);
  return g_string_free (text, FALSE);
}

/* The ids page by page, each id checked to come only once. */
static char *
paged_text (ErrataProject    *project,
            ErrataTraceQuery *query,
            guint             page_size)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GString *text = g_string_new (NULL);
  ErrataTraceCursor cursor = { 0 };

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = errata_project_query_traces (project, query, &cursor,
                                                               page_size, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < page->len; i++)
        {
          gint64 id = errata_trace_get_id (page->pdata[i]);

          g_assert_true (g_hash_table_add (seen, g_memdup2 (&id, sizeof id)));
          g_string_append_printf (text, "%s%" G_GINT64_FORMAT, text->len ? "," : "", id);
        }
      if (page->len < page_size)
        break;
    }
  return g_string_free (text, FALSE);
}

static char *
ids_text (ErrataProject    *project,
          ErrataTraceQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = errata_project_query_trace_ids (project, query, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            g_array_index (ids, gint64, i));
  return g_string_free (text, FALSE);
}

static void
check_order (ErrataProject *project,
             const Row     *rows,
             gboolean       descending,
             gboolean       acme_only)
{
  static const guint page_sizes[] = { 1, 2, 3, 7, 1000 };
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autofree char *expected = expected_text (rows, descending, acme_only);
  g_autofree char *all = NULL;

  errata_trace_query_set_sort_key (query, "a.b", descending);
  if (acme_only)
    errata_trace_query_set_metadata_filter (query, "customer", "acme");
  all = ids_text (project, query);
  g_assert_cmpstr (all, ==, expected);
  for (guint i = 0; i < G_N_ELEMENTS (page_sizes); i++)
    {
      g_autofree char *paged = paged_text (project, query, page_sizes[i]);

      g_assert_cmpstr (paged, ==, expected);
    }
}

static void
test_two_values_paged (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  Row rows[N_TRACES];
  int n_two = 0;

  add_rows (project, rows);
  for (int i = 0; i < N_TRACES; i++)
    n_two += rows[i].dotted != NO_VALUE && rows[i].nested != NO_VALUE &&
             rows[i].dotted != rows[i].nested;
  /* The case this test is about must be there. */
  g_assert_cmpint (n_two, >=, 5);
  for (int descending = 0; descending < 2; descending++)
    for (int acme_only = 0; acme_only < 2; acme_only++)
      check_order (project, rows, descending, acme_only);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/trace-meta-sort/two-values-paged", test_two_values_paged);
  return g_test_run ();
}
