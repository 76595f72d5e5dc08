/* gui-bench-utils.c: what the GUI benchmarks share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gui-bench-utils.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static guint deadline_s = 120;

/* Figures ------------------------------------------------------------- */

static gint64
clock_usec (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* All of this process's threads: a worker's reads, the GL rasteriser's. */
gint64
gui_bench_cpu_usec (void)
{
  return clock_usec (CLOCK_PROCESS_CPUTIME_ID);
}

gint64
gui_bench_thread_cpu_usec (void)
{
  return clock_usec (CLOCK_THREAD_CPUTIME_ID);
}

/* Milliseconds since this process started (10 ms resolution: the start
 * time is in clock ticks since boot). */
double
gui_bench_ms_since_exec (void)
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

double
gui_bench_rss_mb (void)
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

void
gui_bench_add (GArray *values,
               double  ms)
{
  g_array_append_val (values, ms);
}

/* Sorts `values` and prints "what: median M ms, p95 P ms, max X ms",
 * then `target` if any. */
void
gui_bench_print_figure (const char *what,
                        GArray     *values,
                        const char *target)
{
  double *v = (double *) values->data;
  guint n = values->len;

  g_assert (n > 0);
  g_array_sort (values, compare_doubles);
  g_print ("%-52s median %7.1f ms  p95 %7.1f ms  max %7.1f ms  (n=%u)%s%s\n", what,
           v[n / 2], v[MIN (n - 1, (guint) (n * 0.95))], v[n - 1], n,
           target != NULL ? "  " : "", target != NULL ? target : "");
}

/* Main loop ----------------------------------------------------------- */

void
gui_bench_set_deadline (guint seconds)
{
  deadline_s = seconds;
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until `condition`; gives up (aborts) after the
 * deadline, so that a hung benchmark says so. */
void
gui_bench_wait_until (gboolean (*condition) (gpointer),
                      gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + deadline_s * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, wake_up, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("gave up waiting after %u s", deadline_s);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static gboolean
time_is_up (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

void
gui_bench_pause_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  gui_bench_wait_until (time_is_up, &end);
}

/* Widgets ------------------------------------------------------------- */

/* The first widget of `type` under `root` (in tree order), or one whose
 * name is `name` when `type` is G_TYPE_NONE. */
static gpointer
find_widget (GtkWidget  *root,
             GType       type,
             const char *name)
{
  if (type != G_TYPE_NONE ? G_TYPE_CHECK_INSTANCE_TYPE (root, type)
                          : g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = find_widget (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gpointer
gui_bench_find_first (GtkWidget *root,
                      GType      type)
{
  return find_widget (root, type, NULL);
}

GtkWidget *
gui_bench_find_named (GtkWidget  *root,
                      const char *name)
{
  GtkWidget *found = find_widget (root, G_TYPE_NONE, name);

  if (found == NULL)
    g_error ("no widget named %s under %s", name, G_OBJECT_TYPE_NAME (root));
  return found;
}

/* Frames -------------------------------------------------------------- */

void
gui_bench_frames_after_paint (GdkFrameClock  *clock,
                              GuiBenchFrames *frames)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = gui_bench_cpu_usec ();

  if (frames->last != 0 && now - frames->last > frames->longest)
    {
      frames->longest = now - frames->last;
      frames->longest_cpu = cpu - frames->last_cpu;
    }
  frames->last = now;
  frames->last_cpu = cpu;
  if (frames->track_exec)
    frames->since_exec = gui_bench_ms_since_exec ();
  frames->painted++;
}

gboolean
gui_bench_painted_since (gpointer data)
{
  GuiBenchFrameWait *wait = data;

  return wait->frames->painted > wait->before;
}

void
gui_bench_wait_for_frame (GuiBenchFrames *frames)
{
  GuiBenchFrameWait wait = { frames, frames->painted };

  gui_bench_wait_until (gui_bench_painted_since, &wait);
}
