/* errata-trace-view.h: one trace, read as a conversation.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "errata-trace.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_TRACE_VIEW (errata_trace_view_get_type ())

G_DECLARE_FINAL_TYPE (ErrataTraceView, errata_trace_view, ERRATA, TRACE_VIEW, GtkWidget)

GtkWidget   *errata_trace_view_new                  (void);
void         errata_trace_view_set_trace            (ErrataTraceView *self,
                                                     ErrataTrace     *full_trace);
ErrataTrace *errata_trace_view_get_trace            (ErrataTraceView *self);
int          errata_trace_view_get_first_failure    (ErrataTraceView *self);
void         errata_trace_view_set_first_failure    (ErrataTraceView *self,
                                                     int              index);
void         errata_trace_view_focus_message        (ErrataTraceView *self,
                                                     int              index);
int          errata_trace_view_get_focused_message  (ErrataTraceView *self);
int          errata_trace_view_move_focus           (ErrataTraceView *self,
                                                     int              delta);
gboolean     errata_trace_view_get_loading          (ErrataTraceView *self);
GtkWidget   *errata_trace_view_get_message_row      (ErrataTraceView *self,
                                                     int              index);
void         errata_trace_view_set_page             (ErrataTraceView *self,
                                                     const char      *page);

G_END_DECLS
