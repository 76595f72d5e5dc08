/* test-import-dialog-run.c: the import dialog importing, under a real
 * display (Xvfb): the summary and its skipped records, cancelling,
 * closing, staying responsive (the main loop turns and frames are painted
 * while the import runs; bench/gui-frames.c measures how long the loop
 * waits), the shared data.
 *
 * The summary is rendered to PNG files in the build folder
 * (import-summary.png, import-summary-dark.png, import-shared-*.png) so
 * that a person can look at it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-gui-test-utils.h"
#include "errata-test-utils.h"
#include "import-dialog-fixture.h"

static void
test_summary_lists_bad_records (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GString) contents = g_string_new (NULL);
  GtkWidget *problems;
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  for (guint i = 1; i <= 12; i++)
    {
      g_autofree char *record = openai_record (i, "Can I see the house on Maple Drive on Saturday?");

      if (i == 4)
        g_string_append (contents, "{\"id\": \"chat-4\", \"messages\": [\n");
      else if (i == 9)
        g_string_append (contents, "{\"id\": \"chat-9\", \"messages\": \"not a list\"}\n");
      else
        g_string_append (contents, record);
    }
  write_fixture (fixture, "viewings.jsonl", contents->str);
  open_dialog (fixture, (const char * const []) { "viewings.jsonl", NULL });

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.start", NULL));
  errata_gui_test_iterate_until_full (is_done, fixture, 60);

  /* Both bad records, with their line numbers and reasons. */
  problems = get_named (fixture, "problem-list");
  g_assert_cmpuint (count_rows (problems), ==, 2);
  first = errata_gui_test_dup_visible_text (nth_row (problems, 0));
  second = errata_gui_test_dup_visible_text (nth_row (problems, 1));
  g_assert_nonnull (strstr (first, "viewings.jsonl · record 4 · line 4"));
  g_assert_nonnull (strstr (first, "JSON"));
  g_assert_nonnull (strstr (second, "viewings.jsonl · record 9 · line 9"));
  g_assert_nonnull (strstr (second, "messages"));

  text = errata_gui_test_dup_visible_text (get_named (fixture, "stat-skipped"));
  g_assert_cmpstr (text, ==, "2\nSkipped\n");
  g_free (text);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->dialog));
  g_assert_nonnull (strstr (text, "Import Complete"));
  g_assert_nonnull (strstr (text, "10 new traces are in the project."));
  g_assert_nonnull (strstr (text, "OpenAI chat (JSONL)"));
  g_assert_true (gtk_widget_get_visible (get_named (fixture, "close-button")));
  g_assert_false (gtk_widget_get_visible (get_named (fixture, "import-button")));

  /* The page was told, and the traces are really there. */
  g_assert_cmpuint (fixture->n_imported, ==, 1);
  g_assert_cmpuint (fixture->reported_added, ==, 10);
  g_assert_cmpuint (count_traces (fixture), ==, 10);

  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (fixture->dialog),
                                                      "import-summary.png", 400));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (fixture->dialog),
                                                      "import-summary-dark.png", 400));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Copy puts the whole list on the clipboard, one record a line. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.copy-skipped", NULL));
  {
    g_autofree char *copied = read_clipboard (GTK_WIDGET (fixture->dialog));
    g_auto(GStrv) lines = g_strsplit (copied, "\n", -1);

    g_assert_nonnull (strstr (copied, "viewings.jsonl: record 4 (line 4)"));
    g_assert_nonnull (strstr (copied, "viewings.jsonl: record 9 (line 9)"));
    /* Two records and the empty string after the last newline. */
    g_assert_cmpuint (g_strv_length (lines), ==, 3);
  }

  /* Close: the dialog goes away. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "window.close", NULL));
  errata_gui_test_iterate_until (is_hidden, fixture->dialog);
}

static gboolean
has_progress (gpointer data)
{
  Fixture *fixture = data;
  GtkProgressBar *bar = GTK_PROGRESS_BAR (get_named (fixture, "progress-bar"));

  /* Several batches of 100 are in. */
  return gtk_progress_bar_get_fraction (bar) > 0.05 || is_done (data);
}

static gboolean
has_imported (gpointer data)
{
  return ((Fixture *)data)->n_imported > 0;
}

/* Closing the window while it imports cancels the import; the page still
 * hears about the traces that were saved. */
static void
test_close_while_importing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_setenv ("ERRATA_IMPORT_BATCH_SIZE", "100", TRUE);
  write_openai (fixture, "big.jsonl", 50000);
  open_dialog (fixture, (const char * const []) { "big.jsonl", NULL });

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.start", NULL));
  errata_gui_test_iterate_until_full (has_progress, fixture, 60);
  gtk_window_close (GTK_WINDOW (fixture->dialog));
  errata_gui_test_iterate_until_full (has_imported, fixture, 60);

  g_assert_true (fixture->imported_without_report);
  g_assert_cmpuint (count_traces (fixture), >, 0);
  g_assert_cmpuint (count_traces (fixture), <, 50000);
  g_assert_cmpuint (count_traces (fixture) % 100, ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->dialog)));
}

static guint
parse_kept (const char *description)
{
  const char *p = description;

  while (*p != '\0' && !g_ascii_isdigit (*p))
    p++;
  g_assert_true (g_ascii_isdigit (*p));
  return (guint)g_ascii_strtoull (p, NULL, 10);
}

static void
test_cancel_keeps_batches (Fixture       *fixture,
                           gconstpointer  data)
{
  const guint total = 50000;
  const char *description;
  guint kept;

  /* Small batches so that several are committed before the cancel. */
  g_setenv ("ERRATA_IMPORT_BATCH_SIZE", "100", TRUE);
  write_openai (fixture, "big.jsonl", total);
  open_dialog (fixture, (const char * const []) { "big.jsonl", NULL });

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.start", NULL));
  g_assert_cmpstr (stack_page (fixture), ==, "progress");
  errata_gui_test_iterate_until_full (has_progress, fixture, 60);
  g_assert_cmpstr (stack_page (fixture), ==, "progress");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.cancel", NULL));
  errata_gui_test_iterate_until_full (is_done, fixture, 60);

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (get_named (fixture, "summary-title"))), ==,
                   "Import Cancelled");
  description = gtk_label_get_text (GTK_LABEL (get_named (fixture, "summary-description")));
  g_test_message ("%s", description);
  g_assert_nonnull (strstr (description, "traces were saved before the import stopped"));
  kept = parse_kept (description);

  /* What the dialog says is what the project has: whole batches only. */
  g_assert_cmpuint (kept, >, 0);
  g_assert_cmpuint (kept, <, total);
  g_assert_cmpuint (kept % 100, ==, 0);
  g_assert_cmpuint (count_traces (fixture), ==, kept);
  g_assert_cmpuint (fixture->n_imported, ==, 1);
  g_assert_true (fixture->imported_without_report);
}

static gboolean
on_tick (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
on_frame (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       data)
{
  return on_tick (data);
}

/* The import runs off the main thread: while it runs, the main loop keeps
 * turning and the dialog keeps painting frames. (How long the loop is
 * ever kept waiting is measured by bench/gui-frames.c.) */
static void
test_responsive (Fixture       *fixture,
                 gconstpointer  data)
{
  const guint total = 20000;
  guint ticks = 0, frames = 0;
  guint timer, frame_id;
  gint64 started, took_ms;

  write_openai (fixture, "twenty-thousand.jsonl", total);
  open_dialog (fixture, (const char * const []) { "twenty-thousand.jsonl", NULL });

  timer = g_timeout_add (5, on_tick, &ticks);
  frame_id = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->dialog), on_frame, &frames, NULL);
  started = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.start", NULL));
  errata_gui_test_iterate_until_full (is_done, fixture, 300);
  took_ms = (g_get_monotonic_time () - started) / 1000;
  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->dialog), frame_id);
  g_source_remove (timer);

  g_test_message ("import of %u records in %" G_GINT64_FORMAT " ms: %u main-loop ticks, %u frames",
                  total, took_ms, ticks, frames);
  g_assert_cmpuint (count_traces (fixture), ==, total);
  /* Two ticks and two frames are due only if the import lasted long
   * enough: a fast machine may finish it within a frame or two (this
   * one, loaded, took 2.4 to 4.9 s). 100 ms is 20 timer periods and six
   * frames: a main loop that turned at all shows two of each. */
  if (took_ms >= 100)
    {
      g_assert_cmpuint (ticks, >=, 2);
      g_assert_cmpuint (frames, >=, 2);
    }
  else
    g_test_message ("too quick to tell whether the main loop turned meanwhile");
}

static void
test_shared_data (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *shared = g_getenv ("ERRATA_SHARED_DATA");
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  const char * const names[] = {
    "nurtureboss_traces.json", "query_response.jsonl", "agent_traces.jsonl", "request-response",
  };

  folder = shared ? g_build_filename (shared, "recipe-chatbot", NULL) : NULL;
  if (folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no shared data (ERRATA_SHARED_DATA)");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (folder, names[i], NULL);

      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  fixture->dialog = g_object_ref (errata_import_dialog_present (fixture->parent, fixture->project,
                                                                (GFile **)files->pdata,
                                                                files->len));
  g_signal_connect (fixture->dialog, "imported", G_CALLBACK (on_imported), fixture);
  errata_gui_test_iterate_until_full (is_probed, fixture, 60);
  errata_gui_test_iterate_until_full (errata_gui_test_widget_is_drawn, fixture->dialog, 60);

  /* query_response.jsonl needs a mapping, and the guess is the right one. */
  g_assert_cmpstr (selected_field (fixture, "input"), ==, "query");
  g_assert_cmpstr (selected_field (fixture, "output"), ==, "response");
  g_assert_cmpstr (selected_field (fixture, "id"), ==, "id");
  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (fixture->dialog),
                                                      "import-shared-setup.png", 400));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.start", NULL));
  errata_gui_test_iterate_until_full (is_done, fixture, 60);
  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (fixture->dialog),
                                                      "import-shared-summary.png", 400));

  /* One row per file chosen, the folder's 60 files in one. */
  {
    g_autofree char *text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->dialog));

    g_assert_nonnull (strstr (text, "request-response (60 files)"));
    g_assert_nonnull (strstr (text, "query_response.jsonl"));
  }

  /* 100 + 250 + 96 + 60 records, per the data's README. */
  g_assert_cmpuint (fixture->reported_added, ==, 506);
  g_assert_cmpuint (count_traces (fixture), ==, 506);
}

int
main (int   argc,
      char *argv[])
{
  if (!import_dialog_test_init (&argc, &argv))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/import-dialog/summary-lists-bad-records", test_summary_lists_bad_records);
  ADD ("/import-dialog/close-while-importing", test_close_while_importing);
  ADD ("/import-dialog/cancel-keeps-batches", test_cancel_keeps_batches);
  ADD ("/import-dialog/responsive", test_responsive);
  ADD ("/import-dialog/shared-data", test_shared_data);
#undef ADD

  return g_test_run ();
}
