/* test-synth-page.c: the Synthetic Data page in the window: coverage, the
 * queries with near-duplicates marked, accept and reject of the selected
 * query, a run through the test HTTP system with progress, the heat map
 * once traces are reviewed, the dimensions editor and Test, making tuples
 * and queries; renders synth-page-1024-*.png in the build folder.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "synth-page-fixture.h"

static void
test_shows_queries (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = errata_gui_test_find_all (GTK_WIDGET (queries_list (fixture)),
                                                        GTK_TYPE_LIST_BOX_ROW);
  g_autoptr(GPtrArray) near = NULL;
  g_autofree char *text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->page));

  g_assert_cmpuint (rows->len, ==, 12);
  g_assert_nonnull (strstr (text, "Queries: 12 · 11 accepted · 1 rejected"));
  /* Coverage: each persona in four of the twelve tuples. */
  g_assert_true (shows_coverage (fixture, "4 tuples take “first-time buyer”"));
  g_assert_true (shows_coverage (fixture, "4 tuples take “investor”"));
  g_assert_true (shows_coverage (fixture, "4 tuples take “renter”"));
  g_assert_true (shows_coverage (fixture, "6 tuples take “vague”"));
  /* The two mortgage questions mark each other. */
  near = g_ptr_array_new ();
  for (guint i = 0; i < rows->len; i++)
    if (errata_gui_test_find_with_class (g_ptr_array_index (rows, i), GTK_TYPE_LABEL,
                                         "synth-near-duplicate") != NULL)
      g_ptr_array_add (near, g_ptr_array_index (rows, i));
  g_assert_cmpuint (near->len, ==, 2);
  g_assert_true (g_ptr_array_index (near, 0) == g_ptr_array_index (rows, 0));
}

static void
test_accept_reject (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkListBox *list = queries_list (fixture);
  g_autoptr(GPtrArray) queries = NULL;
  GtkListBoxRow *selected;

  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
  /* R, as the page binds it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.reject", NULL);
  queries = errata_synth_queries_list (page_project (fixture), ERRATA_SYNTH_LIST_ALL, NULL);
  g_assert_cmpint (((ErrataSynthQuery *)g_ptr_array_index (queries, 0))->state, ==,
                   ERRATA_SYNTH_QUERY_REJECTED);
  /* The selection moved on to the next query, as a queue does. */
  list = queries_list (fixture);
  selected = gtk_list_box_get_selected_row (list);
  g_assert_nonnull (selected);
  g_assert_cmpint (gtk_list_box_row_get_index (selected), ==, 1);
  /* A accepts the rejected one (the last) again. */
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 11));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.accept", NULL);
  g_clear_pointer (&queries, g_ptr_array_unref);
  queries = errata_synth_queries_list (page_project (fixture), ERRATA_SYNTH_LIST_ALL, NULL);
  g_assert_cmpint (((ErrataSynthQuery *)g_ptr_array_index (queries, 11))->state, ==,
                   ERRATA_SYNTH_QUERY_ACCEPTED);
}

/* Open in Traces shows the batch's traces, then the test comes back. */
static void
open_batch_in_traces (Fixture *fixture)
{
  ErrataTracesPage *traces = ERRATA_TRACES_PAGE (errata_gui_test_find_first (
                                                   GTK_WIDGET (fixture->window),
                                                   ERRATA_TYPE_TRACES_PAGE));
  AdwViewStack *stack = errata_gui_test_find_first (GTK_WIDGET (fixture->window),
                                                    ADW_TYPE_VIEW_STACK);

  /* Another trace, outside the batch, that the filter must leave out. */
  {
    g_autoptr(ErrataTrace) other = errata_test_new_trace ("other", "hi", "hello");

    g_assert_true (errata_project_add_trace (page_project (fixture), other, NULL, NULL));
  }
  errata_traces_page_reload (traces);
  errata_gui_test_iterate_until (traces_listed_12, traces);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.open-batch", NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "traces");
  errata_gui_test_iterate_until (traces_listed_11, traces);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "synth");
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->page);
}

static void
test_run_and_heat_map (Fixture       *fixture,
                       gconstpointer  data)
{
  ErrataProject *project = page_project (fixture);
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GPtrArray) heat = NULL;
  g_autofree char *text = NULL;
  guint n_traces = 0;

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.run", NULL);
  g_assert_true (errata_synth_page_is_running (fixture->page));
  g_assert_true (gtk_widget_get_visible (errata_gui_test_find_first (GTK_WIDGET (fixture->page),
                                                                     GTK_TYPE_PROGRESS_BAR)));
  errata_gui_test_iterate_until (run_done, fixture->page);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->page));
  g_assert_nonnull (strstr (text, "Batch 1: 11 traces, 0 failed."));

  /* Review the persona “first-time buyer” (queries 1–4): 1 and 2 fail. */
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  for (guint i = 0; i < 4; i++)
    {
      ErrataSynthQuery *query = g_ptr_array_index (queries, i);

      g_assert_cmpint (query->trace_id, >, 0);
      review (project, query->trace_id, i < 2 ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS);
      n_traces++;
    }
  g_assert_cmpuint (n_traces, ==, 4);
  errata_synth_page_reload (fixture->page);
  g_free (text);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->page));
  g_assert_nonnull (strstr (text, "from 4 of 11 synthetic traces reviewed here"));
  g_assert_nonnull (strstr (text, "50% · 2/4"));
  heat = errata_gui_test_find_all (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL);
  {
    guint n_heat = 0;

    for (guint i = 0; i < heat->len; i++)
      n_heat += gtk_widget_has_css_class (g_ptr_array_index (heat, i), "synth-heat");
    /* first-time buyer, both features, both scenarios: five cells with reviews. */
    g_assert_cmpuint (n_heat, ==, 5);
  }
  render (fixture, "light", ADW_COLOR_SCHEME_FORCE_LIGHT);
  open_batch_in_traces (fixture);
  /* The heat map is below the queries: scroll down for it. */
  {
    GtkScrolledWindow *scroller = errata_gui_test_find_first (GTK_WIDGET (fixture->page),
                                                              GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  }
  render (fixture, "light-heat-map", ADW_COLOR_SCHEME_FORCE_LIGHT);
  render (fixture, "dark-heat-map", ADW_COLOR_SCHEME_FORCE_DARK);
}

static void
test_editors (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) dimensions = NULL;
  GtkTextBuffer *dims;
  GtkLabel *answer;

  /* Open both editors, as a user would: the HTTP target is in the form. */
  expand_all (fixture);
  dims = gtk_text_view_get_buffer (GTK_TEXT_VIEW (errata_gui_test_find_first (
                                     GTK_WIDGET (fixture->page), GTK_TYPE_TEXT_VIEW)));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (field (fixture, "_Kind"))), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "_URL"))), ==,
                   errata_test_sut_get_url (fixture->sut));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "_Reply pointer"))), ==,
                   "/answer");

  /* A bad file says where; a good one replaces the dimensions. */
  gtk_text_buffer_set_text (dims, "[{\"name\": \"tone\", \"values\": []}]", -1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.save-dimensions", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Dimension 1:"));
  gtk_text_buffer_set_text (dims, "[{\"name\": \"tone\", \"values\": [\"calm\", \"angry\"]}]", -1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.save-dimensions", NULL);
  dimensions = errata_synth_dimensions_load (page_project (fixture), NULL);
  g_assert_cmpuint (dimensions->len, ==, 1);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Saved 1 dimensions"));

  /* Test sends the first accepted query and shows the raw reply. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.test-target", NULL);
  answer = find_label_starting (GTK_WIDGET (fixture->page), "Sending the first accepted query");
  g_assert_nonnull (answer);
  errata_gui_test_iterate_until (test_answered, answer);
  g_assert_nonnull (strstr (gtk_label_get_text (answer), "Reply: Answer for first-time buyer"));
  g_assert_nonnull (strstr (gtk_label_get_text (answer), "\"messages\""));
  /* Test stores nothing. */
  g_assert_cmpuint (errata_test_sut_get_n_requests (fixture->sut), ==, 1);
  {
    g_autoptr(GPtrArray) to_run = errata_synth_queries_list (page_project (fixture),
                                                             ERRATA_SYNTH_LIST_TO_RUN, NULL);

    g_assert_cmpuint (to_run->len, ==, 11);
  }
  /* As JSON: a target that does not parse is refused with its reason. */
  gtk_check_button_set_active (json_check (fixture), TRUE);
  {
    g_autofree char *shown = view_text (json_view_of (fixture));

    g_assert_nonnull (strstr (shown, "\"reply_pointer\""));
  }
  set_view_text (json_view_of (fixture), "{\"kind\": \"ftp\"}");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.save-target", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Target, “kind”"));
  render (fixture, "light-editors", ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static gboolean
not_busy (gpointer data)
{
  return !errata_synth_page_is_running (data);
}

static void
test_make (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(ErrataMockLlmServer) server = errata_mock_llm_server_new (0, NULL);
  g_autofree char *base = errata_mock_llm_server_dup_base_url (server, FALSE);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) queries = NULL;
  GtkSpinButton *tuples_spin = GTK_SPIN_BUTTON (field (fixture, "_Tuples:"));
  GtkSpinButton *queries_spin = GTK_SPIN_BUTTON (field (fixture, "_Queries per tuple:"));

  g_settings_set_string (settings, "llm-provider", "custom");
  g_settings_set_string (settings, "llm-base-url", base);
  g_settings_set_string (settings, "llm-model", "mock");

  /* Every combination: the project has them all already. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.all-tuples", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "12 tuples, 0 new."));
  /* A sample as large as the combinations, or larger (the default 30), is
   * every combination, never a refusal. */
  gtk_spin_button_set_value (tuples_spin, 30);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.sample-tuples", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "12 tuples, 0 new."));
  g_assert_null (find_label_starting (GTK_WIDGET (fixture->page), "Only 12 combinations"));

  /* One query per tuple, by the LLM, with progress. */
  gtk_spin_button_set_value (queries_spin, 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.write-queries", NULL);
  g_assert_true (errata_synth_page_is_running (fixture->page));
  errata_gui_test_iterate_until (not_busy, fixture->page);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Wrote 12 draft queries."));
  queries = errata_synth_queries_list (page_project (fixture), ERRATA_SYNTH_LIST_ALL, NULL);
  g_assert_cmpuint (queries->len, ==, 24);
  g_assert_cmpint (((ErrataSynthQuery *)g_ptr_array_index (queries, 23))->state, ==,
                   ERRATA_SYNTH_QUERY_DRAFT);

  /* Five tuples from the LLM: all known already; its repeat is dropped. */
  gtk_spin_button_set_value (tuples_spin, 5);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.llm-tuples", NULL);
  errata_gui_test_iterate_until (not_busy, fixture->page);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page),
                                         "5 tuples, 0 new (1 dropped"));
  g_settings_reset (settings, "llm-provider");
  g_settings_reset (settings, "llm-base-url");
  g_settings_reset (settings, "llm-model");
}

static guint
count_near_duplicates (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = errata_gui_test_find_all (GTK_WIDGET (queries_list (fixture)),
                                                        GTK_TYPE_LIST_BOX_ROW);
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    n += errata_gui_test_find_with_class (g_ptr_array_index (rows, i), GTK_TYPE_LABEL,
                                          "synth-near-duplicate") != NULL;
  return n;
}

static GtkEntry *
edit_entry (Fixture *fixture)
{
  g_autoptr(GPtrArray) entries = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                           GTK_TYPE_ENTRY);

  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (entries, i)),
                   "Enter saves, Escape cancels") == 0)
      return g_ptr_array_index (entries, i);
  return NULL;
}

static const char *
query_text_at (Fixture *fixture,
               guint    index)
{
  static char *text;
  g_autoptr(GPtrArray) queries = errata_synth_queries_list (page_project (fixture),
                                                            ERRATA_SYNTH_LIST_ALL, NULL);

  g_free (text);
  text = g_strdup (((ErrataSynthQuery *)g_ptr_array_index (queries, index))->text);
  return text;
}

/* E edits the selected query (Enter saves and the ≈ marks follow, Escape
 * cancels), Delete deletes it, Shift+Delete its tuple; a secret with a
 * bad name is refused before the keyring is asked. */
static void
test_edit_and_delete (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkListBox *list = queries_list (fixture);
  GtkEntry *entry = edit_entry (fixture);
  g_autofree char *original = NULL;
  g_autoptr(GPtrArray) tuples = NULL;

  g_assert_nonnull (entry);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (entry))));
  g_assert_cmpuint (count_near_duplicates (fixture), ==, 2);

  /* Edit the second mortgage question into something else: Enter saves,
   * and neither is marked a near-duplicate any more. */
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 1));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.edit-query", NULL);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (entry))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                   "how do I get a mortgage as a first time buyer");
  render (fixture, "light-editing", ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Which streets near the station have gardens?");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (query_text_at (fixture, 1), ==, "Which streets near the station have gardens?");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (entry))));
  g_assert_cmpuint (count_near_duplicates (fixture), ==, 0);
  list = queries_list (fixture);
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (list)), ==, 1);

  /* Escape cancels: the text stays as it was. */
  original = g_strdup (query_text_at (fixture, 0));
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.edit-query", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "never saved");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.cancel-edit", NULL);
  g_assert_cmpstr (query_text_at (fixture, 0), ==, original);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (entry))));

  /* Delete deletes the selected query. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.delete-query", NULL);
  g_assert_cmpuint (count_rows (fixture), ==, 11);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Deleted query"));

  /* Shift+Delete: the selected query's tuple goes, with its query; the
   * coverage counts it no more. */
  list = queries_list (fixture);
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.delete-tuple", NULL);
  g_assert_cmpuint (count_rows (fixture), ==, 10);
  tuples = errata_synth_tuples_list (page_project (fixture), NULL);
  g_assert_cmpuint (tuples->len, ==, 11);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Deleted tuple"));
  g_assert_true (shows_coverage (fixture, "3 tuples take “first-time buyer”"));

  /* A secret's name is checked before the keyring is asked. */
  {
    g_autoptr(GPtrArray) expanders = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                               GTK_TYPE_EXPANDER);
    g_autoptr(GPtrArray) entries = NULL;
    GtkEditable *name = NULL;

    for (guint i = 0; i < expanders->len; i++)
      gtk_expander_set_expanded (g_ptr_array_index (expanders, i), TRUE);
    entries = errata_gui_test_find_all (GTK_WIDGET (fixture->page), GTK_TYPE_ENTRY);
    for (guint i = 0; i < entries->len; i++)
      if (g_strcmp0 (gtk_entry_get_placeholder_text (g_ptr_array_index (entries, i)),
                     "my-token") == 0)
        name = g_ptr_array_index (entries, i);
    g_assert_nonnull (name);
    gtk_editable_set_text (name, "two words");
    gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.store-secret", NULL);
    g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page),
                                           "“two words” is not a secret’s name"));
    gtk_editable_set_text (name, "my-token");
    gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.store-secret", NULL);
    g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page),
                                           "Type the secret’s value first."));
  }
}

int
main (int   argc,
      char *argv[])
{
  static const SynthPageTest tests[] = {
    { "shows-queries", test_shows_queries },
    { "accept-reject", test_accept_reject },
    { "run-and-heat-map", test_run_and_heat_map },
    { "editors", test_editors },
    { "make", test_make },
    { "edit-and-delete", test_edit_and_delete },
    { NULL, NULL },
  };

  return synth_page_test_run (argc, argv, tests);
}
