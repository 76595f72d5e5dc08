/* gui-frames.c: how soon Errata's windows show what was asked for.
 *
 * The display tests check what the user sees; this measures how long it
 * takes, with the same fixtures (tests/errata-test-utils.c) and the same
 * code paths:
 *
 *   switch  an ErrataTraceView switching between 18-message traces: time
 *           from set_trace() to the end of the next frame, and this
 *           process's CPU time in that interval (other processes on a busy
 *           machine add wall time, not CPU time);
 *   next    the Traces page in a real window: traces.next (the j key) to
 *           the first frame painted with the next trace loaded;
 *   big     a 300-message, 2 MB trace: set_trace(), all rows built, the
 *           longest gap between frames while they are built, and the raw
 *           record page;
 *   import  the import dialog on 20,000 records: the longest time the main
 *           loop is kept from running, the most CPU one main-loop iteration
 *           takes, the longest gap between frames.
 *
 * Needs a display (run it under xvfb-run) and the test environment (the
 * GSettings schema); `meson test -C BUILD --suite bench bench-gui-frames`
 * sets both up. Prints median and p95 of each figure; bench/README.md has
 * the figures measured.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "errata-application.h"
#include "errata-import-dialog.h"
#include "errata-test-utils.h"
#include "errata-trace-list-model.h"
#include "errata-trace-view.h"
#include "errata-traces-page.h"
#include "errata-window.h"
#include "gui-bench-utils.h"

#define DEADLINE_S 120

static guint n_runs = 30;

static gboolean
is_drawn (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static gboolean
view_is_loaded (gpointer view)
{
  return !errata_trace_view_get_loading (view);
}

/* switch ------------------------------------------------------------------ */

static GtkWindow *
new_view_window (ErrataTraceView **out_view)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = errata_trace_view_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 760);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  gui_bench_wait_until (is_drawn, view);
  *out_view = ERRATA_TRACE_VIEW (view);
  return GTK_WINDOW (window);
}

static void
bench_switch (void)
{
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) call = g_array_new (FALSE, FALSE, sizeof (double));
  ErrataTrace *traces[4];
  ErrataTraceView *view;
  GtkWindow *window = new_view_window (&view);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  GuiBenchFrames frames = { 0 };
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (gui_bench_frames_after_paint), &frames);

  for (guint i = 0; i < G_N_ELEMENTS (traces); i++)
    traces[i] = errata_test_new_typical_trace (i);
  for (guint i = 0; i < n_runs + 3; i++)
    {
      GuiBenchFrameWait wait = { &frames, frames.painted };
      gint64 start = g_get_monotonic_time ();
      gint64 cpu_start = gui_bench_cpu_usec ();
      gint64 returned;

      errata_trace_view_set_trace (view, traces[i % 4]);
      returned = g_get_monotonic_time ();
      gui_bench_wait_until (gui_bench_painted_since, &wait);
      if (i >= 3)  /* the first ones warm up fonts, styles and icons */
        {
          gui_bench_add (wall, (frames.last - start) / 1000.0);
          gui_bench_add (cpu, (frames.last_cpu - cpu_start) / 1000.0);
          gui_bench_add (call, (returned - start) / 1000.0);
        }
      gui_bench_pause_ms (20);  /* as between two key presses */
    }
  gui_bench_print_figure ("switch 18-message trace: set_trace to end of next frame", wall, NULL);
  gui_bench_print_figure ("  the same, this process's CPU time", cpu, NULL);
  gui_bench_print_figure ("  set_trace() itself", call, NULL);

  g_signal_handler_disconnect (clock, handler);
  gtk_window_destroy (window);
  for (guint i = 0; i < G_N_ELEMENTS (traces); i++)
    g_object_unref (traces[i]);
}

/* big --------------------------------------------------------------------- */

static void
bench_big (void)
{
  g_autoptr(GArray) call = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) loaded = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) gap = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) gap_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(ErrataTrace) trace = errata_test_new_big_trace (NULL);
  ErrataTraceView *view;
  GtkWindow *window = new_view_window (&view);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  guint runs = MAX (3, n_runs / 6);

  for (guint i = 0; i < runs; i++)
    {
      GuiBenchFrames frames = { 0 };
      gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (gui_bench_frames_after_paint), &frames);
      gint64 start = g_get_monotonic_time ();

      errata_trace_view_set_trace (view, trace);  /* the second time, replacing 300 rows */
      gui_bench_add (call, (g_get_monotonic_time () - start) / 1000.0);
      gui_bench_wait_until (view_is_loaded, view);
      gui_bench_add (loaded, (g_get_monotonic_time () - start) / 1000.0);
      gui_bench_pause_ms (300);
      g_signal_handler_disconnect (clock, handler);
      gui_bench_add (gap, frames.longest / 1000.0);
      gui_bench_add (gap_cpu, frames.longest_cpu / 1000.0);

      start = g_get_monotonic_time ();
      errata_trace_view_set_page (view, "raw");
      gui_bench_add (raw, (g_get_monotonic_time () - start) / 1000.0);
      errata_trace_view_set_page (view, "conversation");
      errata_trace_view_set_trace (view, NULL);
      gui_bench_pause_ms (200);
    }
  gui_bench_print_figure ("big 300-message 2 MB trace: set_trace()", call, NULL);
  gui_bench_print_figure ("  set_trace to all rows built", loaded, NULL);
  gui_bench_print_figure ("  longest gap between frames meanwhile", gap, NULL);
  gui_bench_print_figure ("  this process's CPU time in that gap", gap_cpu, NULL);
  gui_bench_print_figure ("  raw record page (2 MB of JSON)", raw, NULL);
  gtk_window_destroy (window);
}

/* next -------------------------------------------------------------------- */

static GFile *
make_project (const char *dir,
              guint       n_traces)
{
  g_autofree char *path = g_build_filename (dir, "bench.errata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = errata_project_create (file, &error);

  g_assert_no_error (error);
  g_assert_true (errata_project_begin (project, &error));
  for (guint i = 0; i < n_traces; i++)
    {
      g_autoptr(ErrataTrace) trace = errata_test_new_typical_trace (i);
      gboolean added = FALSE;

      g_assert_true (errata_project_add_trace (project, trace, &added, &error));
    }
  g_assert_true (errata_project_commit (project, &error));
  g_assert_no_error (error);
  errata_project_close (project);
  return g_steal_pointer (&file);
}

typedef struct
{
  ErrataTracesPage *page;
  ErrataTraceView  *view;
  gint64            from_id;
} NextWait;

static gboolean
window_is_ready (gpointer window)
{
  return !errata_window_is_loading (window) && errata_window_get_traces_page (window) != NULL &&
         is_drawn (window);
}

static gboolean
model_is_loaded (gpointer page)
{
  return !errata_trace_list_model_is_loading (errata_traces_page_get_model (page)) &&
         errata_traces_page_get_current_trace (page) != NULL;
}

static gboolean
view_shows_another_trace (gpointer data)
{
  NextWait *wait = data;
  ErrataTrace *shown = errata_trace_view_get_trace (wait->view);

  return shown != NULL && errata_trace_get_id (shown) != wait->from_id &&
         !errata_trace_view_get_loading (wait->view);
}

static void
bench_next (ErrataApplication *app)
{
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) file = make_project (dir, n_runs + 4);
  GuiBenchFrames frames = { 0 };
  ErrataWindow *window;
  NextWait wait = { 0 };
  GdkFrameClock *clock;
  gulong handler;

  errata_application_open_file (app, file);
  window = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  gui_bench_wait_until (window_is_ready, window);
  wait.page = errata_window_get_traces_page (window);
  gui_bench_wait_until (model_is_loaded, wait.page);
  wait.view = gui_bench_find_first (GTK_WIDGET (wait.page), ERRATA_TYPE_TRACE_VIEW);
  g_assert_nonnull (wait.view);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (gui_bench_frames_after_paint), &frames);
  for (guint i = 0; i < n_runs + 2; i++)
    {
      GuiBenchFrameWait frame = { &frames, 0 };
      gint64 start = g_get_monotonic_time ();
      gint64 cpu_start = gui_bench_cpu_usec ();

      wait.from_id = errata_trace_get_id (errata_traces_page_get_current_trace (wait.page));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wait.page), "traces.next", NULL));
      gui_bench_wait_until (view_shows_another_trace, &wait);
      frame.before = frames.painted;
      gui_bench_wait_until (gui_bench_painted_since, &frame);
      if (i >= 2)
        {
          gui_bench_add (wall, (frames.last - start) / 1000.0);
          gui_bench_add (cpu, (frames.last_cpu - cpu_start) / 1000.0);
        }
      gui_bench_pause_ms (20);
    }
  gui_bench_print_figure ("next (j) on the Traces page: action to painted frame", wall, NULL);
  gui_bench_print_figure ("  the same, this process's CPU time", cpu, NULL);
  g_signal_handler_disconnect (clock, handler);
  gtk_window_destroy (GTK_WINDOW (window));
  gui_bench_pause_ms (100);
  errata_test_remove_tree (dir);
}

/* import ------------------------------------------------------------------ */

#define N_IMPORT 20000

static GFile *
write_records (const char *dir)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;

  for (guint i = 1; i <= N_IMPORT; i++)
    g_string_append_printf (text, "{\"id\": \"chat-%u\", \"messages\": ["
                            "{\"role\": \"user\", \"content\": \"Any two-bedroom flats under "
                            "1,500 a month? (%u)\"}, {\"role\": \"assistant\", \"content\": "
                            "\"We have three flats in that range. Shall I book a viewing?\"}]}\n",
                            i, i);
  path = errata_test_write_file (dir, "records.jsonl", text->str, text->len);
  return g_file_new_for_path (path);
}

typedef struct
{
  gint64 last;
  gint64 longest;
} Ticks;

static gboolean
on_tick (gpointer data)
{
  Ticks *ticks = data;
  gint64 now = g_get_monotonic_time ();

  if (ticks->last != 0)
    ticks->longest = MAX (ticks->longest, now - ticks->last);
  ticks->last = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
is_probed (gpointer dialog)
{
  return gtk_widget_get_sensitive (gui_bench_find_named (dialog, "format-row")) && is_drawn (dialog);
}

static gboolean
is_done (gpointer dialog)
{
  GtkStack *stack = GTK_STACK (gui_bench_find_named (dialog, "import-stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "summary") == 0;
}

/* Iterates until the import is done; returns the most CPU time the main
 * thread spent in one iteration, µs. */
static gint64
iterate_until_done (gpointer dialog)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  gint64 longest = 0;

  while (!is_done (dialog))
    {
      gint64 before = gui_bench_thread_cpu_usec ();

      if (g_get_monotonic_time () > deadline)
        g_error ("the import did not finish in %d s", DEADLINE_S);
      g_main_context_iteration (NULL, TRUE);
      longest = MAX (longest, gui_bench_thread_cpu_usec () - before);
    }
  return longest;
}

static void
import_once (GArray *gaps,
             GArray *busiest,
             GArray *frame_gaps,
             GArray *totals)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(GFile) file = write_records (dir);
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  ErrataImportDialog *dialog;
  Ticks ticks = { 0 };
  GuiBenchFrames frames = { 0 };
  gint64 start;
  guint timer;
  gulong handler;

  gtk_window_set_default_size (parent, 900, 780);
  gtk_window_present (parent);
  dialog = g_object_ref (errata_import_dialog_present (parent, project, &file, 1));
  gui_bench_wait_until (is_probed, dialog);

  /* A 5 ms timer shows how long the main loop is ever kept from running. */
  timer = g_timeout_add (5, on_tick, &ticks);
  handler = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (dialog)), "after-paint",
                              G_CALLBACK (gui_bench_frames_after_paint), &frames);
  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  gui_bench_add (busiest, iterate_until_done (dialog) / 1000.0);
  gui_bench_add (totals, (g_get_monotonic_time () - start) / 1000.0);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (dialog)), handler);
  g_source_remove (timer);
  gui_bench_add (gaps, ticks.longest / 1000.0);
  gui_bench_add (frame_gaps, frames.longest / 1000.0);
  g_assert_cmpint (errata_project_count_traces (project, NULL, NULL), ==, N_IMPORT);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  gtk_window_destroy (parent);
  gui_bench_pause_ms (100);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static void
bench_import (void)
{
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) busiest = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_gaps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (double));
  guint runs = MAX (3, n_runs / 10);

  for (guint i = 0; i < runs; i++)
    import_once (gaps, busiest, frame_gaps, totals);
  gui_bench_print_figure ("import 20,000 records in the dialog: whole import", totals, NULL);
  gui_bench_print_figure ("  longest the main loop is kept from running", gaps, NULL);
  gui_bench_print_figure ("  most CPU in one main-loop iteration", busiest, NULL);
  gui_bench_print_figure ("  longest gap between frames", frame_gaps, NULL);
}

/* main -------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ErrataApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  double load[3] = { 0 };

  if (argc > 1)
    n_runs = MAX (5, atoi (argv[1]));
  if (!gtk_init_check ())
    {
      g_printerr ("gui-frames needs a display: run it under xvfb-run\n");
      return 77;  /* skipped */
    }
  adw_init ();
  settings = g_settings_new (APP_ID);
  g_settings_set_int (settings, "window-width", 1280);
  g_settings_set_int (settings, "window-height", 800);
  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  getloadavg (load, 3);
  g_print ("gui-frames: %u runs each, GTK %u.%u.%u, load average %.1f %.1f %.1f\n",
           n_runs, gtk_get_major_version (), gtk_get_minor_version (),
           gtk_get_micro_version (), load[0], load[1], load[2]);
  bench_switch ();
  bench_next (app);
  bench_big ();
  bench_import ();
  return 0;
}
