/* errata-trace-columns.h: the columns of the trace list.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "errata-types.h"
#include "errata-trace.h"

G_BEGIN_DECLS

/* The sort a column stands for, or -1 for a column the query cannot sort. */
#define ERRATA_TRACE_COLUMN_UNSORTED (-1)

void            errata_trace_columns_add              (GtkColumnView *column_view);
gboolean        errata_trace_columns_get_sort         (GtkColumnView *column_view,
                                                       ErrataTraceSort *sort,
                                                       gboolean      *descending);
void            errata_trace_columns_clear_sort       (GtkColumnView *column_view);
void            errata_trace_columns_set_blind_review (GtkColumnView *column_view,
                                                       gboolean       blind);
char           *errata_trace_columns_describe_status  (ErrataTrace   *trace,
                                                       gboolean       blind,
                                                       const char   **icon,
                                                       const char   **css_class);
GMenuModel     *errata_trace_columns_bind_chooser     (GtkColumnView *column_view,
                                                       GSettings     *settings,
                                                       GtkWidget     *owner);
GtkListItem    *errata_trace_columns_get_list_item    (GtkWidget     *cell_child);

/* The width the columns shown by default take at the least, their titles
 * whole in the language in use: the list's narrowest. */
int             errata_trace_columns_get_default_width (void);

char           *errata_trace_columns_format_latency   (gint64         latency_ms);
char           *errata_trace_columns_dup_snippet      (const char    *text);

G_END_DECLS
