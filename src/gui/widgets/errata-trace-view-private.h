/* errata-trace-view-private.h: what the files of the trace view share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "errata-trace-view.h"
#include "errata-json-view.h"
#include "errata-metadata-view.h"

G_BEGIN_DECLS

/* set_trace() builds the rows that fill this much more than the viewport
 * (estimated from their text, at most SYNC_MAX_BYTES of it), and the
 * first frame after it lays out and paints only those. The rest is built
 * in the frame after that, at once up to SLICE_MAX_BYTES of text and
 * SLICE_MAX_ROWS rows (the whole rest of a typical trace, 10 to 20 KB),
 * and a big trace's in the frames after. Every frame that adds rows lays
 * out and paints the window again: a few large slices cost far less in
 * all than one small slice per frame (bench/README.md, "The GUI at 1M"). */
#define SYNC_MAX_BYTES    (200 * 1024)
#define FIRST_SCREEN_MARGIN 1.5
#define SLICE_MAX_BYTES   (48 * 1024)
#define SLICE_MAX_ROWS    64
/* Old rows are destroyed a few at a time too. */
#define CLEAR_SLICE_USEC  (4 * 1000)
/* Frames to keep aiming a scroll while rows above the target settle. */
#define SCROLL_MAX_FRAMES 90
#define SCROLL_STABLE_FRAMES 6

struct _ErrataTraceView
{
  GtkWidget        parent_instance;

  ErrataTrace     *trace;
  GtkTextTagTable *tags;
  GHashTable      *tool_names;      /* tool_call_id -> name, borrowed */
  GPtrArray       *rows;            /* ErrataMessageRow, borrowed; index = message */
  guint            build_source;
  guint            build_tick;
  gint64           build_after_frame; /* the frame showing the first screen */
  GPtrArray       *old_boxes;       /* boxes of rows still to destroy */
  guint            clear_source;
  int              first_failure;
  int              focused;
  int              pending_focus;
  gboolean         raw_built;

  int              scroll_target;
  guint            scroll_tick;
  int              scroll_frames;
  int              scroll_stable;
  double           scroll_last;
  double           scroll_upper;

  GtkStack        *outer_stack;
  GtkStack        *view_stack;
  GtkScrolledWindow *scroller;
  AdwClamp        *clamp;
  GtkWidget       *messages_box;
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  ErrataMetadataView *metadata_view;
  ErrataJsonView  *raw_view;
  GtkWidget       *secondary_calls;  /* ErrataSecondaryCalls, a page of view_stack */
  GtkStackPage    *secondary_page;
};

/* errata-trace-view.c */
void     _errata_trace_view_emit_message_activated (ErrataTraceView *self,
                                                    int              index);
void     _errata_trace_view_notify_loading         (ErrataTraceView *self);
void     _errata_trace_view_scroll_to_row          (ErrataTraceView *self,
                                                    int              index);

/* errata-trace-view-build.c */
guint    _errata_trace_view_n_messages             (ErrataTraceView *self);
gboolean _errata_trace_view_build_first_screen     (ErrataTraceView *self);
void     _errata_trace_view_build_through          (ErrataTraceView *self,
                                                    guint            index);
void     _errata_trace_view_schedule_build         (ErrataTraceView *self);
void     _errata_trace_view_cancel_build           (ErrataTraceView *self);
void     _errata_trace_view_replace_messages_box   (ErrataTraceView *self);

G_END_DECLS
