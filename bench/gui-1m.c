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
 *                the next trace built, wall clock and this process's CPU
 *                time (all its threads: a worker's reads count);
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

#define DEADLINE_S 600

/* Figures ------------------------------------------------------------- */

static gint64
cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Milliseconds since this process started (10 ms resolution: the start
 * time is in clock ticks since boot). */
static double
ms_since_exec (void)
{
  g_autofree char *stat = NULL;
  struct timespec now;
  const char *after_name;
  unsigned long long start_ticks = 0;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return -1;
  after_name = strrchr (stat, ')');
  /* Field 22 is starttime; after the name come fields 3 to 52. */
  if (after_name == NULL ||
      sscanf (after_name + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d"
              " %*d %*d %llu", &start_ticks) != 1)
    return -1;
  clock_gettime (CLOCK_BOOTTIME, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6 - start_ticks * 1000.0 / sysconf (_SC_CLK_TCK);
}

static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;
  long kb = 0;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "\nVmRSS:");
  if (line == NULL || sscanf (line, "\nVmRSS: %ld", &kb) != 1)
    return -1;
  return kb / 1024.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts `values` and prints "what: median M ms, p95 P ms, max X ms". */
static void
print_figure (const char *what,
              GArray     *values,
              const char *target)
{
  double *v = (double *) values->data;
  guint n = values->len;

  g_assert (n > 0);
  g_array_sort (values, compare_doubles);
  g_print ("%-44s median %7.1f ms  p95 %7.1f ms  max %7.1f ms  (n=%u)  %s\n", what,
           v[n / 2], v[MIN (n - 1, (guint) (n * 0.95))], v[n - 1], n, target);
}

static void
add (GArray *values,
     double  ms)
{
  g_array_append_val (values, ms);
}

/* Main loop ------------------------------------------------------------- */

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_until (gboolean (*condition) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, wake_up, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("gave up waiting after %d s", DEADLINE_S);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static gboolean
time_is_up (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

static void
pause_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  wait_until (time_is_up, &end);
}

static gpointer
find_first (GtkWidget *root,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = find_first (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Frames ------------------------------------------------------------------ */

typedef struct
{
  guint  painted;
  gint64 last;       /* when the last frame was painted, monotonic µs */
  gint64 last_cpu;   /* this process's CPU time then */
  double since_exec; /* ms from the process start to that frame */
} Frames;

static void
on_after_paint (GdkFrameClock *clock,
                Frames        *frames)
{
  frames->last = g_get_monotonic_time ();
  frames->last_cpu = cpu_usec ();
  frames->since_exec = ms_since_exec ();
  frames->painted++;
}

typedef struct
{
  Frames *frames;
  guint   before;
} FrameWait;

static gboolean
painted_since (gpointer data)
{
  FrameWait *wait = data;

  return wait->frames->painted > wait->before;
}

static void
wait_for_frame (Frames *frames)
{
  FrameWait wait = { frames, frames->painted };

  wait_until (painted_since, &wait);
}

/* The window ---------------------------------------------------------------- */

typedef struct
{
  ErrataWindow     *window;
  ErrataTracesPage *page;
  ErrataTraceView  *view;
  Frames            frames;
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
      bench->view = find_first (GTK_WIDGET (bench->page), ERRATA_TYPE_TRACE_VIEW);
    }
  return bench->view != NULL && errata_traces_page_get_current_trace (bench->page) != NULL &&
         errata_trace_view_get_trace (bench->view) != NULL &&
         !errata_trace_view_get_loading (bench->view);
}

static gboolean
view_shows_another_trace (gpointer data)
{
  Bench *bench = data;
  ErrataTrace *shown = errata_trace_view_get_trace (bench->view);

  return shown != NULL && errata_trace_get_id (shown) != bench->from_id &&
         !errata_trace_view_get_loading (bench->view);
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
  wait_until (window_exists, app);
  bench->window = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  /* The clock exists once the window is realized, before its first frame. */
  gtk_widget_realize (GTK_WIDGET (bench->window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench->window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &bench->frames);
  wait_until (page_shows_a_trace, bench);
  wait_for_frame (&bench->frames);
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
    wait_until (view_shows_another_trace, bench);
  wait_until (model_is_loaded, bench->page);
  wait_for_frame (&bench->frames);
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

/* One j; FALSE at the end of the list (nothing moved). */
static gboolean
press_j (Bench    *bench,
         gboolean  wait_for_paint,
         GArray   *wall,
         GArray   *cpu)
{
  gint64 start = g_get_monotonic_time ();
  gint64 cpu_start = cpu_usec ();

  bench->from_id = current_id (bench);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bench->page), "traces.next", NULL));
  if (current_id (bench) == bench->from_id)
    return FALSE;
  wait_until (view_shows_another_trace, bench);
  if (!wait_for_paint)
    return TRUE;
  wait_for_frame (&bench->frames);
  add (wall, (bench->frames.last - start) / 1000.0);
  add (cpu, (bench->frames.last_cpu - cpu_start) / 1000.0);
  return TRUE;
}

/* RSS once the work left behind has run: the old rows are destroyed a
 * slice at a time in idle time, which falls behind on a busy machine; and
 * what malloc keeps of freed memory is given back (malloc_trim), so that
 * what stays is what is still held. */
static double
settled_rss_mb (void)
{
  pause_ms (3000);
  malloc_trim (0);
  return rss_mb ();
}

static void
page_through (Bench  *bench,
              gint64  first_id,
              guint   n_pages)
{
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  double rss_before = rss_mb ();

  go_to (bench, first_id);
  for (guint i = 0; i < n_pages; i++)
    {
      if (!press_j (bench, TRUE, wall, cpu))
        go_to (bench, first_id);
      pause_ms (20);  /* as between two key presses */
    }
  print_figure ("next trace (j): action to painted frame", wall, "target: median < 30, p95 < 50");
  print_figure ("  the same, this process's CPU time", cpu, "");
  g_print ("RSS before paging %.1f MB, after %u traces %.1f MB", rss_before, n_pages, rss_mb ());
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
      if (!press_j (bench, FALSE, NULL, NULL))
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
          now = rss_mb ();
          /* Let idle work and frames run, as between bursts of typing. */
          wait_for_frame (&bench->frames);
          highest = MAX (highest, now);
          g_print ("  after %5u more j: RSS %.1f MB\n", i, now);
        }
    }
  g_print ("leak check: %u j in %.0f s, RSS %.1f MB -> %.1f MB (highest %.1f)", n_presses,
           (g_get_monotonic_time () - start) / 1e6, first, rss_mb (), highest);
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
           rss_mb ());
  if (first_frame_only)
    return 0;

  first_id = find_trace (&bench, from);
  page_through (&bench, first_id, n_pages);
  if (n_presses > 0)
    leak_check (&bench, first_id, n_presses);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  pause_ms (100);
  return 0;
}
