/* errata-trace-list-model.h: a lazy GListModel over a project's traces.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-project.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_TRACE_LIST_MODEL (errata_trace_list_model_get_type ())

/* Traces are fetched this many at a time. */
#define ERRATA_TRACE_LIST_MODEL_PAGE_SIZE 100

G_DECLARE_FINAL_TYPE (ErrataTraceListModel, errata_trace_list_model, ERRATA, TRACE_LIST_MODEL, GObject)

ErrataTraceListModel *errata_trace_list_model_new         (ErrataProject        *project,
                                                           ErrataTraceQuery     *query,
                                                           GError              **error);
ErrataProject        *errata_trace_list_model_get_project (ErrataTraceListModel *self);
guint                 errata_trace_list_model_get_n_fetched (ErrataTraceListModel *self);

G_END_DECLS
