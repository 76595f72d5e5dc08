/* trace-page-fixture.c: a window showing a project of N_TRACES traces,
 * shared by the Traces page tests.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trace-page-fixture.h"
#include "errata-gui-test-utils.h"
#include "errata-test-utils.h"

ErrataApplication *app;

/* A conversation with a system prompt, a tool call and its result, and a
 * reply in Markdown: what the trace view has to render well. */
static const char rich_messages[] =
  "[{\"role\": \"system\", \"content\": \"You are Hearth, the assistant of a real-estate agency. "
  "Search listings with the tools; never invent a listing.\"},"
  " {\"role\": \"user\", \"content\": \"Any 2-bedroom flats near Riverside Park under $2,400 a month?\"},"
  " {\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": [{\"id\": \"call_1\", "
  "\"name\": \"search_listings\", \"arguments\": \"{\\\"bedrooms\\\": 2, \\\"max_rent\\\": 2400, "
  "\\\"near\\\": \\\"Riverside Park\\\"}\"}]},"
  " {\"role\": \"tool\", \"tool_call_id\": \"call_1\", \"name\": \"search_listings\", "
  "\"content\": \"[{\\\"id\\\": \\\"L-204\\\", \\\"rent\\\": 2350, \\\"address\\\": \\\"14 Mill Lane\\\"}, "
  "{\\\"id\\\": \\\"L-311\\\", \\\"rent\\\": 2650, \\\"address\\\": \\\"2 Quay Street\\\"}]\"},"
  " {\"role\": \"assistant\", \"content\": \"I found **two flats** near Riverside Park:\\n\\n"
  "| Listing | Address | Rent |\\n|---|---|---|\\n| L-204 | 14 Mill Lane | $2,350 |\\n"
  "| L-311 | 2 Quay Street | $2,650 |\\n\\n"
  "- *L-204* is within your budget.\\n- L-311 is a little over it.\\n\\n"
  "Would you like to **book a viewing**?\"}]";

/* A typical agent trace: a question, then nine rounds of tool call,
 * result and a short Markdown reply: 20 messages. */
JsonArray *
create_long_messages (guint i)
{
  JsonArray *messages = json_array_new ();
  g_autoptr(GString) json = g_string_new ("[");

  g_string_append_printf (json, "{\"role\": \"user\", \"content\": \"Plan my viewings, case %u\"}", i);
  for (guint round = 0; round < 19; round++)
    {
      if (round % 3 == 0)
        g_string_append_printf (json, ", {\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": "
                                "[{\"id\": \"c%u\", \"name\": \"check_agent_availability\", "
                                "\"arguments\": \"{\\\"day\\\": %u}\"}]}", round, round);
      else if (round % 3 == 1)
        g_string_append_printf (json, ", {\"role\": \"tool\", \"tool_call_id\": \"c%u\", "
                                "\"content\": \"{\\\"free\\\": [\\\"10:00\\\", \\\"14:30\\\"]}\"}",
                                round - 1);
      else
        g_string_append_printf (json, ", {\"role\": \"assistant\", \"content\": \"Day %u looks good:\\n\\n"
                                "- **10:00** at 14 Mill Lane\\n- *14:30* at 2 Quay Street\\n\\nShall I book?\"}",
                                round);
    }
  g_string_append (json, "]");
  {
    g_autoptr(JsonNode) node = json_from_string (json->str, NULL);

    g_assert_nonnull (node);
    json_array_unref (messages);
    messages = json_array_ref (json_node_get_array (node));
  }
  g_assert_cmpuint (json_array_get_length (messages), ==, 20);
  return messages;
}

ErrataTrace *
create_trace (guint i)
{
  g_autofree char *id = g_strdup_printf ("hearth-%02u", i);
  g_autofree char *input = g_strdup_printf ("Question %u about flats near the park", i);
  g_autofree char *answer = g_strdup_printf ("Answer %u: here are some listings.", i);
  ErrataTrace *trace;

  if (i == 0)
    {
      g_autoptr(JsonNode) node = json_from_string (rich_messages, NULL);

      g_assert_nonnull (node);
      trace = errata_trace_new ();
      errata_trace_set_external_id (trace, id);
      errata_trace_set_source (trace, "test");
      errata_trace_set_messages (trace, json_node_get_array (node));
    }
  else if (i >= N_TRACES / 2)
    {
      g_autoptr(JsonArray) messages = create_long_messages (i);

      trace = errata_trace_new ();
      errata_trace_set_external_id (trace, id);
      errata_trace_set_source (trace, "test");
      errata_trace_set_messages (trace, messages);
    }
  else
    trace = errata_test_new_trace (id, input, answer);
  errata_trace_set_latency_ms (trace, 400 + 37 * ((i * 7) % N_TRACES));
  errata_trace_set_tokens_in (trace, 300 + i);
  errata_trace_set_tokens_out (trace, 80 + i);
  json_object_set_string_member (errata_trace_get_metadata (trace), "model",
                                 i % 4 == 0 ? "gpt-4o" : "gpt-4o-mini");
  return trace;
}

void
annotate (ErrataProject *project,
          gint64         trace_id,
          ErrataVerdict  verdict,
          const char    *note)
{
  /* The reviewer the fixture's settings name, in an earlier session: the
   * traces are in nobody's queue. Tests of others' reviews add their own. */
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (trace_id, "Test Reviewer");
  g_autoptr(GError) error = NULL;

  annotation->verdict = verdict;
  g_free (annotation->note);
  annotation->note = g_strdup (note);
  g_assert_true (errata_project_set_annotation (project, annotation, &error));
  g_assert_no_error (error);
}

/* N_TRACES traces; traces 1, 2 and 3 are already reviewed (two pass, one
 * fails with a note). */
GFile *
make_project (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "hearth.errata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = errata_project_create (file, &error);
  gint64 ids[N_TRACES];

  g_assert_no_error (error);
  g_assert_true (errata_project_begin (project, &error));
  for (guint i = 0; i < N_TRACES; i++)
    {
      g_autoptr(ErrataTrace) trace = create_trace (i);
      g_autoptr(ErrataTrace) stored = NULL;
      gboolean added = FALSE;

      g_assert_true (errata_project_add_trace (project, trace, &added, &error));
      stored = errata_project_find_trace (project, "test", errata_trace_get_external_id (trace),
                                          &error);
      ids[i] = errata_trace_get_id (stored);
    }
  g_assert_true (errata_project_commit (project, &error));
  annotate (project, ids[1], ERRATA_VERDICT_PASS, "");
  annotate (project, ids[2], ERRATA_VERDICT_PASS, "");
  annotate (project, ids[3], ERRATA_VERDICT_FAIL, "offered a flat over budget");
  errata_project_close (project);
  return g_steal_pointer (&file);
}


gboolean
window_is_idle (gpointer data)
{
  return !errata_window_is_loading (data);
}

gboolean
model_is_loaded (gpointer data)
{
  return !errata_trace_list_model_is_loading (data);
}

gboolean
page_shows_a_trace (gpointer data)
{
  return errata_traces_page_get_current_trace (data) != NULL;
}

void
wait_for_list (Fixture *fixture)
{
  errata_gui_test_iterate_until (model_is_loaded, fixture->model);
  errata_gui_test_iterate_until (page_shows_a_trace, fixture->page);
}

/* The window's stack cross-fades from "Opening Project…" to the pages; a
 * rendering taken before the fade ends shows the old page. */
static gboolean
transitions_done (gpointer data)
{
  g_autoptr(GPtrArray) stacks = errata_gui_test_find_all (data, GTK_TYPE_STACK);

  for (guint i = 0; i < stacks->len; i++)
    if (gtk_stack_get_transition_running (stacks->pdata[i]))
      return FALSE;
  return TRUE;
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "annotator-name", "Test Reviewer");
  g_settings_set_int (settings, "window-width", 1280);
  g_settings_set_int (settings, "window-height", 800);
  fixture->dir = errata_test_make_tmpdir ();
  fixture->file = make_project (fixture->dir);
  errata_application_open_file (app, fixture->file);
  fixture->window = ERRATA_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  errata_gui_test_iterate_until (window_is_idle, fixture->window);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->window);
  fixture->page = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->window),
                                                    ERRATA_TYPE_TRACES_PAGE);
  fixture->model = G_LIST_MODEL (errata_traces_page_get_model (fixture->page));
  wait_for_list (fixture);
  fixture->trace_view = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page),
                                                          ERRATA_TYPE_TRACE_VIEW);
  fixture->panel = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page),
                                                     ERRATA_TYPE_CODING_PANEL);
  errata_gui_test_iterate_until (transitions_done, fixture->window);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Dialogs too: the import dialog is not the application's. */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (toplevel);
    }
  errata_gui_test_iterate_for (50);
  g_clear_object (&fixture->file);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* What another program sees in the file: the page's writes are committed. */
ErrataAnnotation *
read_annotation_elsewhere (Fixture *fixture,
                           gint64   trace_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) other = errata_project_open (fixture->file,
                                                        ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  ErrataAnnotation *annotation;

  g_assert_no_error (error);
  annotation = errata_project_get_annotation (other, trace_id, "Test Reviewer", &error);
  g_assert_no_error (error);
  return annotation;
}

gint64
current_id (Fixture *fixture)
{
  ErrataTrace *trace = errata_traces_page_get_current_trace (fixture->page);

  g_assert_nonnull (trace);
  return errata_trace_get_id (trace);
}

const char *
current_external_id (Fixture *fixture)
{
  return errata_trace_get_external_id (errata_traces_page_get_current_trace (fixture->page));
}

void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), action, NULL));
}
