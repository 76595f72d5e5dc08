/* gui-1m.c: the GUI on a big project, in the real window (issue 17, part 4).
 *
 *   gui-1m PROJECT [--first-frame] [--from EXTERNAL_ID] [--pages N] [--presses N]
 *
 * Opens PROJECT as `errata PROJECT` would (ErrataApplication, the window,
 * the Traces page) and prints:
 *
 *   first frame  from the start of the process (its start time in
 *                /proc/self/stat) to the first frame painted with the list
 *                filled and the first trace on show; with --first-frame,
 *                only that, then exits;
 *   j            the trace EXTERNAL_ID (default: the first of the rich
 *                block, bench/rich-traces.py's "rich-000000") is selected,
 *                then traces.next (the j key) N times (--pages, default
 *                1,000): from the action to the first frame painted with
 *                the next trace on show (the rows that fill the view;
 *                the rest come in the frame after it), wall clock
 *                and this process's CPU time (all its threads: a
 *                worker's reads count); and to the frame painted once
 *                every row of the trace is built;
 *   RSS          after those N traces, and while --presses more j (default
 *                10,000) page on: each waits for the view to show the next
 *                trace and runs what the main loop has ready (idle work,
 *                a frame if one is due), not more; at the end of the list the
 *                selection goes back to EXTERNAL_ID (not counted as a
 *                press). The growth from the first to the last reading,
 *                each taken once idle work has run and malloc_trim() has
 *                given freed memory back, is the leak check.
 *
 * Needs a display (xvfb-run) and the GSettings schema (bench/gui-1m.sh sets
 * up both). The project is opened read-write as the app does: give it a
 * copy you do not mind being written to.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <malloc.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "errata-application.h"
#include "errata-trace-list-model.h"
#include "errata-trace-view.h"
#include "errata-traces-page.h"
#include "errata-window.h"
#include "gui-bench-utils.h"

#define DEADLINE_S 600

/* The window ---------------------------------------------------------------- */

typedef struct
{
  ErrataWindow     *window;
  ErrataTracesPage *page;
  ErrataTraceView  *view;
  GuiBenchFrames            frames;
  gint64            from_id;
} Bench;

static gboolean
window_exists (gpointer app)
{
  return gtk_application_get_windows (GTK_APPLICATION (app)) != NULL;
}

static gboolean
page_shows_a_trace (gpointer data)
{
  Bench *bench = data;

  if (bench->page == NULL)
    {
      if (errata_window_is_loading (bench->window))
        return FALSE;
      bench->page = errata_window_get_traces_page (bench->window);
      if (bench->page == NULL)
        return FALSE;
      bench->view = gui_bench_find_first (GTK_WIDGET (bench->page), ERRATA_TYPE_TRACE_VIEW);
    }
  return bench->view != NULL && errata_traces_page_get_current_trace (bench->page) != NULL &&
         errata_trace_view_get_trace (bench->view) != NULL;
}

/* The view has the next trace: its first screen of rows is built (the
 * rest may still come in the next frames). */
static gboolean
view_shows_another_trace (gpointer data)
{
  Bench *bench = data;
  ErrataTrace *shown = errata_trace_view_get_trace (bench->view);

  return shown != NULL && errata_trace_get_id (shown) != bench->from_id;
}

static gboolean
view_is_loaded (gpointer data)
{
  Bench *bench = data;

  return !errata_trace_view_get_loading (bench->view);
}

/* Opens the project; returns ms from the process start to the first frame
 * with a trace on show. */
static double
open_window (ErrataApplication *app,
             GFile             *file,
             Bench             *bench)
{
  GdkFrameClock *clock;

  errata_application_open_file (app, file);
  gui_bench_wait_until (window_exists, app);
  bench->window = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  /* The clock exists once the window is realized, before its first frame. */
  gtk_widget_realize (GTK_WIDGET (bench->window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench->window));
  bench->frames.track_exec = TRUE;
  g_signal_connect (clock, "after-paint", G_CALLBACK (gui_bench_frames_after_paint), &bench->frames);
  gui_bench_wait_until (page_shows_a_trace, bench);
  gui_bench_wait_for_frame (&bench->frames);
  return bench->frames.since_exec;
}

static gint64
current_id (Bench *bench)
{
  return errata_trace_get_id (errata_traces_page_get_current_trace (bench->page));
}

static gboolean
model_is_loaded (gpointer page)
{
  return !errata_trace_list_model_is_loading (errata_traces_page_get_model (page));
}

/* Selects a trace as win.show-trace does. */
static void
go_to (Bench      *bench,
       gint64      trace_id)
{
  bench->from_id = current_id (bench);
  errata_traces_page_show_trace (bench->page, trace_id);
  if (trace_id != bench->from_id)
    gui_bench_wait_until (view_shows_another_trace, bench);
  gui_bench_wait_until (view_is_loaded, bench);
  gui_bench_wait_until (model_is_loaded, bench->page);
  gui_bench_wait_for_frame (&bench->frames);
}

static gint64
find_trace (Bench      *bench,
            const char *external_id)
{
  g_autoptr(GError) error = NULL;
  ErrataProject *project = errata_traces_page_get_project (bench->page);
  gint64 id = -1;

  if (!errata_project_resolve_trace_id (project, external_id, &id, &error))
    g_error ("%s (import bench/rich-traces.py's traces, or give --from)", error->message);
  return id;
}

/* One j; FALSE at the end of the list (nothing moved). With `wall`, the
 * time to the first frame painted with the next trace on show goes there
 * and into `cpu`, and the time to the frame painted once every row of
 * the trace is built into `all_wall` and `all_cpu`. */
static gboolean
press_j (Bench    *bench,
         gboolean  wait_for_paint,
         GArray   *wall,
         GArray   *cpu,
         GArray   *all_wall,
         GArray   *all_cpu)
{
  gint64 start = g_get_monotonic_time ();
  gint64 cpu_start = gui_bench_cpu_usec ();

  bench->from_id = current_id (bench);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bench->page), "traces.next", NULL));
  if (current_id (bench) == bench->from_id)
    return FALSE;
  gui_bench_wait_until (view_shows_another_trace, bench);
  if (!wait_for_paint)
    return TRUE;
  gui_bench_wait_for_frame (&bench->frames);
  gui_bench_add (wall, (bench->frames.last - start) / 1000.0);
  gui_bench_add (cpu, (bench->frames.last_cpu - cpu_start) / 1000.0);
  if (errata_trace_view_get_loading (bench->view))
    {
      gui_bench_wait_until (view_is_loaded, bench);
      gui_bench_wait_for_frame (&bench->frames);
    }
  gui_bench_add (all_wall, (bench->frames.last - start) / 1000.0);
  gui_bench_add (all_cpu, (bench->frames.last_cpu - cpu_start) / 1000.0);
  return TRUE;
}

/* RSS once the work left behind has run: the old rows are destroyed a
 * slice at a time in idle time, which falls behind on a busy machine; and
 * what malloc keeps of freed memory is given back (malloc_trim), so that
 * what stays is what is still held. */
static double
settled_rss_mb (void)
{
  gui_bench_pause_ms (3000);
  malloc_trim (0);
  return gui_bench_rss_mb ();
}

static void
page_through (Bench  *bench,
              gint64  first_id,
              guint   n_pages)
{
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  double rss_before = gui_bench_rss_mb ();

  go_to (bench, first_id);
  for (guint i = 0; i < n_pages; i++)
    {
      if (!press_j (bench, TRUE, wall, cpu, all_wall, all_cpu))
        go_to (bench, first_id);
      gui_bench_pause_ms (20);  /* as between two key presses */
    }
  gui_bench_print_figure ("next trace (j): action to painted frame", wall, "target: median < 30, p95 < 50");
  gui_bench_print_figure ("  the same, this process's CPU time", cpu, NULL);
  gui_bench_print_figure ("  to the frame with every row built", all_wall, NULL);
  gui_bench_print_figure ("  the same, this process's CPU time", all_cpu, NULL);
  g_print ("RSS before paging %.1f MB, after %u traces %.1f MB", rss_before, n_pages, gui_bench_rss_mb ());
  g_print (", settled %.1f MB  target: < 150 MB\n", settled_rss_mb ());
}

static void
leak_check (Bench  *bench,
            gint64  first_id,
            guint   n_presses)
{
  double first = settled_rss_mb ();
  double highest = first;
  double now;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 1; i <= n_presses; i++)
    {
      if (!press_j (bench, FALSE, NULL, NULL, NULL, NULL))
        {
          go_to (bench, first_id);
          i--;
          continue;
        }
      /* What is ready runs before the next key, as it would between two
       * key presses: the old rows' removal (a low-priority idle), frames. */
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      if (i % 1000 == 0)
        {
          now = gui_bench_rss_mb ();
          /* Let idle work and frames run, as between bursts of typing. */
          gui_bench_wait_for_frame (&bench->frames);
          highest = MAX (highest, now);
          g_print ("  after %5u more j: RSS %.1f MB\n", i, now);
        }
    }
  g_print ("leak check: %u j in %.0f s, RSS %.1f MB -> %.1f MB (highest %.1f)", n_presses,
           (g_get_monotonic_time () - start) / 1e6, first, gui_bench_rss_mb (), highest);
  now = settled_rss_mb ();
  g_print (", settled %.1f MB, growth %+.1f MB  target: no growth\n", now, now - first);
}

/* main -------------------------------------------------------------------- */

static void
print_header (const char *path)
{
  double load[3] = { 0 };

  getloadavg (load, 3);
  g_print ("gui-1m: %s, GTK %u.%u.%u, load average %.1f %.1f %.1f\n", path,
           gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
           load[0], load[1], load[2]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ErrataApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *from = g_strdup ("rich-000000");
  gboolean first_frame_only = FALSE;
  int n_pages = 1000;
  int n_presses = 10000;
  GOptionEntry entries[] = {
    { "first-frame", 0, 0, G_OPTION_ARG_NONE, &first_frame_only, "Only the first frame", NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, "The trace to start paging at", "EXTERNAL_ID" },
    { "pages", 0, 0, G_OPTION_ARG_INT, &n_pages, "How many traces to time j on", "N" },
    { "presses", 0, 0, G_OPTION_ARG_INT, &n_presses, "How many j for the leak check", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("PROJECT");
  Bench bench = { 0 };
  double first_frame;
  gint64 first_id;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("usage: gui-1m PROJECT [--first-frame] [--from ID] [--pages N] [--presses N]\n");
      return 2;
    }
  if (!gtk_init_check ())
    {
      g_printerr ("gui-1m needs a display: run it under xvfb-run\n");
      return 77;  /* skipped */
    }
  adw_init ();
  gui_bench_set_deadline (DEADLINE_S);
  settings = g_settings_new (APP_ID);
  g_settings_set_int (settings, "window-width", 1280);
  g_settings_set_int (settings, "window-height", 800);
  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  file = g_file_new_for_commandline_arg (argv[1]);
  if (!first_frame_only)
    print_header (argv[1]);
  first_frame = open_window (app, file, &bench);
  g_print ("first frame with a trace on show: %.0f ms from the process start (CPU %.0f ms,"
           " RSS %.1f MB)  target: < 1000 ms\n", first_frame, bench.frames.last_cpu / 1000.0,
           gui_bench_rss_mb ());
  if (first_frame_only)
    return 0;

  first_id = find_trace (&bench, from);
  page_through (&bench, first_id, n_pages);
  if (n_presses > 0)
    leak_check (&bench, first_id, n_presses);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  gui_bench_pause_ms (100);
  return 0;
}
