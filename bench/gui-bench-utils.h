/* gui-bench-utils.h: what the GUI benchmarks share (gui-1m.c,
 * gui-frames.c): CPU time and RSS of this process, figures, waiting on
 * the main loop, finding widgets, counting painted frames.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Counts the frames a frame clock paints (connect
 * gui_bench_frames_after_paint to its "after-paint"). */
typedef struct
{
  guint    painted;
  gint64   last;          /* when the last frame was painted, monotonic µs */
  gint64   last_cpu;      /* this process's CPU time then, µs */
  gint64   longest;       /* longest gap between two frames, µs */
  gint64   longest_cpu;   /* this process's CPU time in that gap, µs */
  gboolean track_exec;    /* also fill since_exec (reads /proc each frame) */
  double   since_exec;    /* ms from the process start to the last frame */
} GuiBenchFrames;

typedef struct
{
  GuiBenchFrames *frames;
  guint           before;
} GuiBenchFrameWait;

gint64   gui_bench_cpu_usec           (void);
gint64   gui_bench_thread_cpu_usec    (void);
double   gui_bench_ms_since_exec      (void);
double   gui_bench_rss_mb             (void);

void     gui_bench_add                (GArray      *values,
                                       double       ms);
void     gui_bench_print_figure       (const char  *what,
                                       GArray      *values,
                                       const char  *target);

void     gui_bench_set_deadline       (guint        seconds);
void     gui_bench_wait_until         (gboolean   (*condition) (gpointer),
                                       gpointer     data);
void     gui_bench_pause_ms           (guint        ms);

gpointer gui_bench_find_first         (GtkWidget   *root,
                                       GType        type);
GtkWidget *gui_bench_find_named       (GtkWidget   *root,
                                       const char  *name);

void     gui_bench_frames_after_paint (GdkFrameClock  *clock,
                                       GuiBenchFrames *frames);
gboolean gui_bench_painted_since      (gpointer        wait);
void     gui_bench_wait_for_frame     (GuiBenchFrames *frames);

G_END_DECLS
