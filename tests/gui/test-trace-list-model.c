/* test-trace-list-model.c: the lazy trace list model.
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

  g_assert_true (errata_project_begin (project, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("trace-%03u", i);
      g_autofree char *input = g_strdup_printf ("question %u", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, input, "answer");
      gboolean added = FALSE;

      g_assert_true (errata_project_add_trace (project, trace, &added, &error));
      g_assert_no_error (error);
      g_assert_true (added);
    }
  g_assert_true (errata_project_commit (project, &error));
}

static const char *
external_id_at (GListModel *model,
                guint       position)
{
  g_autoptr(ErrataTrace) trace = g_list_model_get_item (model, position);

  g_assert_nonnull (trace);
  /* The model keeps its own reference, so the string outlives ours. */
  return errata_trace_get_external_id (trace);
}

static void
test_pages_on_demand (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTraceListModel) model = NULL;
  GListModel *list;

  add_traces (project, 250);
  model = errata_trace_list_model_new (project, NULL, &error);
  g_assert_no_error (error);
  list = G_LIST_MODEL (model);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 250);
  g_assert_true (g_list_model_get_item_type (list) == ERRATA_TYPE_TRACE);
  g_assert_cmpuint (errata_trace_list_model_get_n_fetched (model), ==, 0);

  g_assert_cmpstr (external_id_at (list, 0), ==, "trace-000");
  g_assert_cmpuint (errata_trace_list_model_get_n_fetched (model), ==, 100);
  g_assert_cmpstr (external_id_at (list, 99), ==, "trace-099");
  g_assert_cmpuint (errata_trace_list_model_get_n_fetched (model), ==, 100);
  g_assert_cmpstr (external_id_at (list, 100), ==, "trace-100");
  g_assert_cmpuint (errata_trace_list_model_get_n_fetched (model), ==, 200);
  g_assert_cmpstr (external_id_at (list, 249), ==, "trace-249");
  g_assert_cmpuint (errata_trace_list_model_get_n_fetched (model), ==, 250);
  g_assert_null (g_list_model_get_item (list, 250));

  errata_test_remove_tree (dir);
}

static void
test_empty_project (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTraceListModel) model = NULL;

  model = errata_trace_list_model_new (project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));
  g_assert_cmpuint (errata_trace_list_model_get_n_fetched (model), ==, 0);
  errata_test_remove_tree (dir);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *changes)
{
  g_assert_cmpuint (position, ==, 3);
  g_assert_cmpuint (removed, ==, 2);
  g_assert_cmpuint (added, ==, 0);
  (*changes)++;
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

/* Traces deleted by another program between the count and the first
 * fetch: the model must shrink (from an idle, never inside get_item)
 * rather than promise positions it cannot fill. */
static void
test_shrinks_when_count_is_stale (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTraceListModel) model = NULL;
  g_autoptr(ErrataTrace) first = NULL;
  guint changes = 0;

  add_traces (project, 5);
  model = errata_trace_list_model_new (project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);

  first = errata_project_find_trace (project, "test", "trace-000", &error);
  g_assert_no_error (error);
  delete_traces_behind_the_back (project, errata_trace_get_id (first) + 2);

  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (errata_trace_get_external_id (first), ==, "trace-000");
  g_assert_cmpuint (changes, ==, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 3));
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trace-list-model/pages-on-demand", test_pages_on_demand);
  g_test_add_func ("/trace-list-model/empty-project", test_empty_project);
  g_test_add_func ("/trace-list-model/shrinks-when-count-is-stale", test_shrinks_when_count_is_stale);
  return g_test_run ();
}
