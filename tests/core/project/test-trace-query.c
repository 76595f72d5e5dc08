/* test-trace-query.c: filters, sort orders and keyset paging.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-test-utils.h"

typedef struct
{
  char          *dir;
  ErrataProject *project;
} Fixture;

/* 50 traces: trace i has i % 7 + 2 messages' worth of metrics, latency
 * 10 * i ms for even i (unknown for odd), a "weather" word in every fifth,
 * customer "acme" in every third. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->project = errata_test_new_project (&fixture->dir);
  g_assert_true (errata_project_begin (fixture->project, &error));
  for (int i = 0; i < 50; i++)
    {
      g_autofree char *id = g_strdup_printf ("trace-%02d", i);
      g_autofree char *question = g_strdup_printf ("question %d%s", i,
                                                   i % 5 == 0 ? " about the weather" : "");
      g_autofree char *answer = g_strnfill (i + 1, 'x');
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, question, answer);

      if (i % 2 == 0)
        errata_trace_set_latency_ms (trace, 10 * i);
      if (i % 3 == 0)
        json_object_set_string_member (errata_trace_get_metadata (trace), "customer", "acme");
      g_assert_true (errata_project_add_trace (fixture->project, trace, NULL, &error));
    }
  g_assert_true (errata_project_commit (fixture->project, &error));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Reads the whole query page by page; returns the external ids in order. */
static GPtrArray *
collect_ids (ErrataProject    *project,
             ErrataTraceQuery *query,
             guint             page_size)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  ErrataTraceCursor cursor = { 0 };

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = errata_project_query_traces (project, query, &cursor,
                                                               page_size, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (ids, g_strdup (errata_trace_get_external_id (page->pdata[i])));
      if (page->len < page_size)
        break;
    }
  return ids;
}

static void
test_import_order_paging (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GPtrArray) ids = collect_ids (fixture->project, query, 7);

  g_assert_cmpuint (ids->len, ==, 50);
  g_assert_cmpstr (ids->pdata[0], ==, "trace-00");
  g_assert_cmpstr (ids->pdata[49], ==, "trace-49");

  errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_IMPORT_ORDER, TRUE);
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = collect_ids (fixture->project, query, 10);
  g_assert_cmpuint (ids->len, ==, 50);
  g_assert_cmpstr (ids->pdata[0], ==, "trace-49");
}

static void
test_sort_by_metric_pages_across_ties (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  /* Latency: 25 traces share the "unknown" key; a page size of 4 makes
   * pages end inside that run of ties. */
  errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_LATENCY, TRUE);
  ids = collect_ids (fixture->project, query, 4);
  g_assert_cmpuint (ids->len, ==, 50);
  g_assert_cmpstr (ids->pdata[0], ==, "trace-48");
  g_assert_cmpstr (ids->pdata[1], ==, "trace-46");
  for (guint i = 0; i < ids->len; i++)
    g_assert_true (g_hash_table_add (seen, ids->pdata[i]));

  errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_OUTPUT_LENGTH, FALSE);
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = collect_ids (fixture->project, query, 6);
  g_assert_cmpstr (ids->pdata[0], ==, "trace-00");
  g_assert_cmpstr (ids->pdata[49], ==, "trace-49");
}

static void
test_text_filter (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(ErrataAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;

  errata_trace_query_set_text (query, "weather");
  g_assert_cmpint (errata_project_count_traces (fixture->project, query, &error), ==, 10);

  /* A prefix, and stray quotes or operators that would be an FTS syntax
   * error if passed raw: they are only punctuation to the tokenizer. */
  errata_trace_query_set_text (query, "weath*");
  g_assert_cmpint (errata_project_count_traces (fixture->project, query, &error), ==, 10);
  errata_trace_query_set_text (query, "\"weather AND (");
  g_assert_cmpint (errata_project_count_traces (fixture->project, query, &error), ==, 0);
  g_assert_no_error (error);
  errata_trace_query_set_text (query, "\"weather (");
  g_assert_cmpint (errata_project_count_traces (fixture->project, query, &error), ==, 10);
  g_assert_no_error (error);

  /* Notes are searched too. */
  annotation = errata_annotation_new (3, "Ada");
  g_free (annotation->note);
  annotation->note = g_strdup ("hallucinated a tornado");
  g_assert_true (errata_project_set_annotation (fixture->project, annotation, &error));
  errata_trace_query_set_text (query, "tornado");
  ids = collect_ids (fixture->project, query, 10);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (ids->pdata[0], ==, "trace-02");

  /* An edited note no longer matches its old words. */
  g_free (annotation->note);
  annotation->note = g_strdup ("made up a hurricane");
  g_assert_true (errata_project_set_annotation (fixture->project, annotation, &error));
  g_assert_cmpint (errata_project_count_traces (fixture->project, query, &error), ==, 0);
}

static void
review_as (ErrataProject          *project,
           gint64                  trace_id,
           const char             *who,
           ErrataAnnotationOrigin  origin,
           ErrataVerdict           verdict,
           const char             *note)
{
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (trace_id, who);
  g_autoptr(GError) error = NULL;

  annotation->origin = origin;
  annotation->verdict = verdict;
  g_free (annotation->note);
  annotation->note = g_strdup (note);
  g_assert_true (errata_project_set_annotation (project, annotation, &error));
  g_assert_no_error (error);
}

static void
annotate (ErrataProject *project,
          gint64         trace_id,
          ErrataVerdict  verdict,
          const char    *note)
{
  review_as (project, trace_id, "Ada", ERRATA_ORIGIN_HERE, verdict, note);
}

static void
test_review_and_metadata_filters (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  annotate (fixture->project, 1, ERRATA_VERDICT_PASS, "");
  annotate (fixture->project, 2, ERRATA_VERDICT_FAIL, "wrong budget");
  annotate (fixture->project, 3, ERRATA_VERDICT_UNSET, "not sure yet");

  errata_trace_query_set_review_filter (query, ERRATA_REVIEW_FILTER_UNREVIEWED);
  g_assert_cmpint (errata_project_count_traces (fixture->project, query, &error), ==, 48);
  errata_trace_query_set_review_filter (query, ERRATA_REVIEW_FILTER_FAIL);
  ids = collect_ids (fixture->project, query, 10);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (ids->pdata[0], ==, "trace-01");

  errata_trace_query_set_review_filter (query, ERRATA_REVIEW_FILTER_ANY);
  errata_trace_query_set_has_note (query, TRUE);
  g_assert_cmpint (errata_project_count_traces (fixture->project, query, &error), ==, 2);

  errata_trace_query_set_has_note (query, FALSE);
  errata_trace_query_set_metadata_filter (query, "customer", "acme");
  g_assert_cmpint (errata_project_count_traces (fixture->project, query, &error), ==, 17);
  errata_trace_query_set_metadata_filter (query, "customer", "nobody");
  g_assert_cmpint (errata_project_count_traces (fixture->project, query, &error), ==, 0);
  g_assert_no_error (error);
}

static gint64
count_with (ErrataProject      *project,
            ErrataReviewFilter  filter)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GError) error = NULL;
  gint64 n;

  errata_trace_query_set_review_filter (query, filter);
  n = errata_project_count_traces (project, query, &error);
  g_assert_no_error (error);
  return n;
}

/* Reviews are per person and imported labels are not reviews (issue 14,
 * part 1): trace 1 reviewed by me (Ada), 2 by Bo only, 3 by both, 4 has
 * only an imported label, 5 an imported label and Bo's review. */
static void
test_review_filters_per_person (Fixture       *fixture,
                                gconstpointer  data)
{
  ErrataProject *project = fixture->project;
  ErrataProjectInfo info;
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTrace) trace = NULL;

  review_as (project, 1, "Ada", ERRATA_ORIGIN_HERE, ERRATA_VERDICT_PASS, "");
  review_as (project, 2, "Bo", ERRATA_ORIGIN_HERE, ERRATA_VERDICT_FAIL, "wrong city");
  review_as (project, 3, "Ada", ERRATA_ORIGIN_HERE, ERRATA_VERDICT_FAIL, "");
  review_as (project, 3, "Bo", ERRATA_ORIGIN_MERGED, ERRATA_VERDICT_FAIL, "");
  review_as (project, 4, "judge.jsonl", ERRATA_ORIGIN_IMPORTED, ERRATA_VERDICT_FAIL, "bad");
  review_as (project, 5, "judge.jsonl", ERRATA_ORIGIN_IMPORTED, ERRATA_VERDICT_PASS, "ok");
  review_as (project, 5, "Bo", ERRATA_ORIGIN_HERE, ERRATA_VERDICT_PASS, "");
  errata_project_set_reviewer (project, "Ada");

  /* My queue: everything I have not given a verdict, imported labels or not. */
  g_assert_cmpint (count_with (project, ERRATA_REVIEW_FILTER_UNREVIEWED), ==, 48);
  g_assert_cmpint (count_with (project, ERRATA_REVIEW_FILTER_BY_ME), ==, 2);
  g_assert_cmpint (count_with (project, ERRATA_REVIEW_FILTER_FAIL), ==, 1);
  g_assert_cmpint (count_with (project, ERRATA_REVIEW_FILTER_PASS), ==, 1);
  g_assert_cmpint (count_with (project, ERRATA_REVIEW_FILTER_BY_OTHERS), ==, 3);
  /* Nobody reviewed 4 or 6..50; 4's imported label is not a review. */
  g_assert_cmpint (count_with (project, ERRATA_REVIEW_FILTER_BY_NOBODY), ==, 46);

  g_assert_true (errata_project_get_info (project, &info, &error));
  g_assert_cmpint (info.reviewed_by_you, ==, 2);
  g_assert_cmpint (info.annotated, ==, 4);
  g_assert_cmpint (info.imported, ==, 2);

  /* A summary row tells mine from others' and the import. */
  trace = errata_project_get_trace (project, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (errata_trace_get_verdict (trace), ==, ERRATA_VERDICT_UNSET);
  g_assert_cmpuint (errata_trace_get_others_reviewed (trace), ==, 1);
  g_assert_cmpuint (errata_trace_get_others_failed (trace), ==, 1);
  g_assert_cmpstr (errata_trace_get_others_note (trace), ==, "wrong city");
  g_clear_object (&trace);
  trace = errata_project_get_trace (project, 4, &error);
  g_assert_cmpint (errata_trace_get_verdict (trace), ==, ERRATA_VERDICT_UNSET);
  g_assert_cmpuint (errata_trace_get_others_reviewed (trace), ==, 0);
  g_assert_cmpint (errata_trace_get_imported_verdict (trace), ==, ERRATA_VERDICT_FAIL);
  g_clear_object (&trace);

  /* Another name: Bo's queue. */
  errata_project_set_reviewer (project, "Bo");
  g_assert_cmpint (count_with (project, ERRATA_REVIEW_FILTER_UNREVIEWED), ==, 47);
  g_assert_cmpint (count_with (project, ERRATA_REVIEW_FILTER_BY_OTHERS), ==, 2);

  /* No reviewer (the command line): every review made here is "mine",
   * and still no imported label. */
  errata_project_set_reviewer (project, NULL);
  g_assert_cmpint (count_with (project, ERRATA_REVIEW_FILTER_UNREVIEWED), ==, 46);
  g_assert_cmpint (count_with (project, ERRATA_REVIEW_FILTER_BY_OTHERS), ==, 0);
  g_assert_true (errata_project_get_info (project, &info, &error));
  g_assert_cmpint (info.reviewed_by_you, ==, 4);
}

static void
test_shuffle_is_seeded_and_complete (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) other_seed = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean differs = FALSE;
  gboolean in_import_order = TRUE;

  errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_SHUFFLE, FALSE);
  errata_trace_query_set_seed (query, 7);
  first = collect_ids (fixture->project, query, 9);
  again = collect_ids (fixture->project, query, 13);
  errata_trace_query_set_seed (query, 8);
  other_seed = collect_ids (fixture->project, query, 9);

  g_assert_cmpuint (first->len, ==, 50);
  g_assert_cmpuint (other_seed->len, ==, 50);
  for (guint i = 0; i < first->len; i++)
    {
      g_assert_cmpstr (first->pdata[i], ==, again->pdata[i]);
      g_assert_true (g_hash_table_add (seen, first->pdata[i]));
      differs |= !g_str_equal (first->pdata[i], other_seed->pdata[i]);
      if (i > 0 && g_strcmp0 (first->pdata[i - 1], first->pdata[i]) > 0)
        in_import_order = FALSE;
    }
  g_assert_true (differs);
  g_assert_false (in_import_order);
}

static void annotate (ErrataProject *project,
                      gint64         trace_id,
                      ErrataVerdict  verdict,
                      const char    *note);

static void
assert_ids_match_pages (ErrataProject    *project,
                        ErrataTraceQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = errata_project_query_trace_ids (project, query, NULL, &error);
  g_autoptr(GPtrArray) paged = collect_ids (project, query, 8);
  g_autoptr(GPtrArray) summaries = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, paged->len);
  summaries = errata_project_get_trace_summaries (project, (gint64 *)ids->data, ids->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpstr (errata_trace_get_external_id (summaries->pdata[i]), ==, paged->pdata[i]);
}

static void
test_ids_follow_query_order (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();

  assert_ids_match_pages (fixture->project, query);
  errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_LATENCY, TRUE);
  assert_ids_match_pages (fixture->project, query);
  errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_SHUFFLE, FALSE);
  errata_trace_query_set_seed (query, 99);
  assert_ids_match_pages (fixture->project, query);
  errata_trace_query_set_text (query, "weather");
  assert_ids_match_pages (fixture->project, query);

  /* Import order with text alone pages through the indexes themselves;
   * with a note hit among them, both ways. */
  annotate (fixture->project, 4, ERRATA_VERDICT_UNSET, "the weather again");
  annotate (fixture->project, 8, ERRATA_VERDICT_UNSET, "weather, weather");
  errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_IMPORT_ORDER, FALSE);
  assert_ids_match_pages (fixture->project, query);
  g_assert_cmpint (errata_project_count_traces (fixture->project, query, NULL), ==, 12);
  errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_IMPORT_ORDER, TRUE);
  assert_ids_match_pages (fixture->project, query);
}

static void
ids_ready_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = errata_project_query_trace_ids_finish (ERRATA_PROJECT (source), result, &error);
  g_assert_no_error (error);
}

static void
test_ids_async (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GArray) ids = NULL;

  errata_trace_query_set_metadata_filter (query, "customer", "acme");
  errata_project_query_trace_ids_async (fixture->project, query, NULL, ids_ready_cb, &ids);
  /* Changing the query after the call must not change the run. */
  errata_trace_query_set_metadata_filter (query, "customer", "nobody");
  while (ids == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ids->len, ==, 17);
}

/* Past 10,000 matches a sorted text page walks the sort index and probes
 * the indexes per row; its pages must be the same rows, in the same order,
 * as the list of all matching ids (which collects every match). */
static void
test_common_word_sorted_pages (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) pages = NULL;

  g_assert_true (errata_project_begin (project, &error));
  for (int i = 0; i < 10100; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%05d", i);
      g_autoptr(ErrataTrace) trace =
        errata_test_new_trace (id, i % 101 == 0 ? "a question" : "where is my order",
                               "an answer");

      errata_trace_set_latency_ms (trace, (i * 7919) % 1000);
      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
    }
  g_assert_true (errata_project_commit (project, &error));
  /* One more match that only a note makes. */
  annotate (project, 1, ERRATA_VERDICT_FAIL, "the order went missing");

  errata_trace_query_set_text (query, "order");
  errata_trace_query_set_sort (query, ERRATA_TRACE_SORT_LATENCY, TRUE);
  ids = errata_project_query_trace_ids (project, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 10100 - 100 + 1);
  pages = collect_ids (project, query, 500);
  g_assert_cmpuint (pages->len, ==, ids->len);
  for (guint i = 0; i < ids->len; i += 97)
    {
      g_autoptr(ErrataTrace) trace = errata_project_get_trace (project,
                                                               g_array_index (ids, gint64, i),
                                                               &error);

      g_assert_cmpstr (errata_trace_get_external_id (trace), ==, pages->pdata[i]);
    }
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* Keys as people write them: the filter must find each one as it is,
 * never through a JSON path built from it. */
static void
test_metadata_keys (void)
{
  static const struct { const char *key; const char *value; } pairs[] = {
    { "café", "crème" },
    { "客户", "東京" },
    { "say \"hi\"", "quoted" },
    { "back\\slash", "bs" },
    { "http.status", "200" },
    { "[0]", "bracket" },
    { "a]b[c", "brackets" },
    { "with space", "spaced" },
    { "$.x", "dollar" },
    { "", "empty" },
  };
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *id = g_strdup_printf ("trace-%u", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, "q", "a");

      json_object_set_string_member (errata_trace_get_metadata (trace), pairs[i].key,
                                     pairs[i].value);
      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
    }
  {
    g_autoptr(ErrataTrace) trace = errata_test_new_trace ("nested", "q", "a");
    JsonObject *order = json_object_new ();

    json_object_set_string_member (order, "id", "42");
    json_object_set_int_member (order, "count", 3);
    json_object_set_object_member (errata_trace_get_metadata (trace), "order", order);
    order = json_object_new ();
    json_object_set_string_member (order, "id", "7");
    json_object_set_object_member (errata_trace_get_metadata (trace), "o\"rder", order);
    g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
  }
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      errata_trace_query_set_metadata_filter (query, pairs[i].key, pairs[i].value);
      if (*pairs[i].key == '\0')
        continue; /* an empty field means no filter */
      g_test_message ("key %s", pairs[i].key);
      g_assert_cmpint (errata_project_count_traces (project, query, &error), ==, 1);
      g_assert_no_error (error);
      errata_trace_query_set_metadata_filter (query, pairs[i].key, "other");
      g_assert_cmpint (errata_project_count_traces (project, query, &error), ==, 0);
      g_assert_no_error (error);
    }

  /* Dots also walk into objects. */
  errata_trace_query_set_metadata_filter (query, "order.id", "42");
  g_assert_cmpint (errata_project_count_traces (project, query, &error), ==, 1);
  errata_trace_query_set_metadata_filter (query, "order.count", "3");
  g_assert_cmpint (errata_project_count_traces (project, query, &error), ==, 1);
  errata_trace_query_set_metadata_filter (query, "o\"rder.id", "7");
  g_assert_cmpint (errata_project_count_traces (project, query, &error), ==, 1);
  errata_trace_query_set_metadata_filter (query, "o\"rder.id", "42");
  g_assert_cmpint (errata_project_count_traces (project, query, &error), ==, 0);
  errata_trace_query_set_metadata_filter (query, "order.missing", "42");
  g_assert_cmpint (errata_project_count_traces (project, query, &error), ==, 0);
  errata_trace_query_set_metadata_filter (query, "café.x", "crème");
  g_assert_cmpint (errata_project_count_traces (project, query, &error), ==, 0);
  g_assert_no_error (error);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/query/import-order-paging", test_import_order_paging);
  ADD ("/query/sort-by-metric-pages-across-ties", test_sort_by_metric_pages_across_ties);
  ADD ("/query/text-filter", test_text_filter);
  ADD ("/query/review-and-metadata-filters", test_review_and_metadata_filters);
  ADD ("/query/review-filters-per-person", test_review_filters_per_person);
  ADD ("/query/shuffle-is-seeded-and-complete", test_shuffle_is_seeded_and_complete);
  ADD ("/query/ids-follow-query-order", test_ids_follow_query_order);
  ADD ("/query/ids-async", test_ids_async);
#undef ADD
  g_test_add_func ("/query/common-word-sorted-pages", test_common_word_sorted_pages);
  g_test_add_func ("/query/metadata-keys", test_metadata_keys);

  return g_test_run ();
}
