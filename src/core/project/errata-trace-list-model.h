/* errata-trace-list-model.h: a lazy, random-access GListModel over a
 * project's traces.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-project.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_TRACE_LIST_MODEL (errata_trace_list_model_get_type ())

/* Summaries are fetched this many at a time... */
#define ERRATA_TRACE_LIST_MODEL_PAGE_SIZE 100
/* ...and at most this many pages are kept. */
#define ERRATA_TRACE_LIST_MODEL_MAX_PAGES 8

/* What errata_trace_list_model_find() returns for an id not in the list. */
#define ERRATA_TRACE_LIST_MODEL_NO_POSITION G_MAXUINT

G_DECLARE_FINAL_TYPE (ErrataTraceListModel, errata_trace_list_model, ERRATA, TRACE_LIST_MODEL, GObject)

ErrataTraceListModel *errata_trace_list_model_new               (ErrataProject        *project,
                                                                 ErrataTraceQuery     *query);
ErrataProject        *errata_trace_list_model_get_project       (ErrataTraceListModel *self);
ErrataTraceQuery     *errata_trace_list_model_dup_query         (ErrataTraceListModel *self);
void                  errata_trace_list_model_set_query         (ErrataTraceListModel *self,
                                                                 ErrataTraceQuery     *query);
void                  errata_trace_list_model_reload            (ErrataTraceListModel *self);
void                  errata_trace_list_model_reload_new_traces (ErrataTraceListModel *self);
gboolean              errata_trace_list_model_is_loading        (ErrataTraceListModel *self);
gint64                errata_trace_list_model_get_trace_id      (ErrataTraceListModel *self,
                                                                 guint                 position);
guint                 errata_trace_list_model_find              (ErrataTraceListModel *self,
                                                                 gint64                trace_id);
void                  errata_trace_list_model_refresh_trace     (ErrataTraceListModel *self,
                                                                 gint64                trace_id);
guint                 errata_trace_list_model_get_n_cached_pages (ErrataTraceListModel *self);
guint                 errata_trace_list_model_get_n_fetched     (ErrataTraceListModel *self);

G_END_DECLS
