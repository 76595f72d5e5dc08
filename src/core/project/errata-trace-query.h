/* errata-trace-query.h: which traces to list, and in which order.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "errata-types.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_TRACE_QUERY (errata_trace_query_get_type ())

G_DECLARE_FINAL_TYPE (ErrataTraceQuery, errata_trace_query, ERRATA, TRACE_QUERY, GObject)

ErrataTraceQuery   *errata_trace_query_new                 (void);
ErrataTraceQuery   *errata_trace_query_copy                (ErrataTraceQuery   *self);

ErrataReviewFilter  errata_trace_query_get_review_filter   (ErrataTraceQuery   *self);
void                errata_trace_query_set_review_filter   (ErrataTraceQuery   *self,
                                                            ErrataReviewFilter  filter);
const char         *errata_trace_query_get_text            (ErrataTraceQuery   *self);
void                errata_trace_query_set_text            (ErrataTraceQuery   *self,
                                                            const char         *text);
const char         *errata_trace_query_get_metadata_field  (ErrataTraceQuery   *self);
const char         *errata_trace_query_get_metadata_value  (ErrataTraceQuery   *self);
void                errata_trace_query_set_metadata_filter (ErrataTraceQuery   *self,
                                                            const char         *field,
                                                            const char         *value);
gboolean            errata_trace_query_get_has_note        (ErrataTraceQuery   *self);
void                errata_trace_query_set_has_note        (ErrataTraceQuery   *self,
                                                            gboolean            has_note);
/* Only traces with a note in this failure mode; 0 for any. */
gint64              errata_trace_query_get_failure_mode    (ErrataTraceQuery   *self);
void                errata_trace_query_set_failure_mode    (ErrataTraceQuery   *self,
                                                            gint64              mode_id);
/* Only traces disputed for this target (0 overall, or a mode); -1 for any. */
gint64              errata_trace_query_get_disputed_target (ErrataTraceQuery *self);
void                errata_trace_query_set_disputed_target (ErrataTraceQuery *self,
                                                            gint64            target);
ErrataTraceSort     errata_trace_query_get_sort            (ErrataTraceQuery   *self);
gboolean            errata_trace_query_get_descending      (ErrataTraceQuery   *self);
void                errata_trace_query_set_sort            (ErrataTraceQuery   *self,
                                                            ErrataTraceSort     sort,
                                                            gboolean            descending);
const char         *errata_trace_query_get_sort_key        (ErrataTraceQuery   *self);
void                errata_trace_query_set_sort_key        (ErrataTraceQuery   *self,
                                                            const char         *key,
                                                            gboolean            descending);
guint32             errata_trace_query_get_seed            (ErrataTraceQuery   *self);
void                errata_trace_query_set_seed            (ErrataTraceQuery   *self,
                                                            guint32             seed);

char               *errata_trace_query_dup_fts_expression  (ErrataTraceQuery   *self);

G_END_DECLS
