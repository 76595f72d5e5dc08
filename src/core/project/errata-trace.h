/* errata-trace.h: one recorded interaction with an LLM application.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "errata-types.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_TRACE (errata_trace_get_type ())

G_DECLARE_FINAL_TYPE (ErrataTrace, errata_trace, ERRATA, TRACE, GObject)

ErrataTrace   *errata_trace_new                 (void);

gint64         errata_trace_get_id              (ErrataTrace *self);
const char    *errata_trace_get_external_id     (ErrataTrace *self);
void           errata_trace_set_external_id     (ErrataTrace *self,
                                                 const char  *external_id);
const char    *errata_trace_get_source          (ErrataTrace *self);
void           errata_trace_set_source          (ErrataTrace *self,
                                                 const char  *source);
gint64         errata_trace_get_imported_at     (ErrataTrace *self);
gint64         errata_trace_get_import_id       (ErrataTrace *self);
void           errata_trace_set_import_id       (ErrataTrace *self,
                                                 gint64       import_id);

JsonArray     *errata_trace_get_messages        (ErrataTrace *self);
void           errata_trace_set_messages        (ErrataTrace *self,
                                                 JsonArray   *messages);
JsonArray     *errata_trace_get_tools           (ErrataTrace *self);
void           errata_trace_set_tools           (ErrataTrace *self,
                                                 JsonArray   *tools);
JsonObject    *errata_trace_get_metadata        (ErrataTrace *self);

const char    *errata_trace_get_input           (ErrataTrace *self);
const char    *errata_trace_get_output          (ErrataTrace *self);
guint          errata_trace_get_n_messages      (ErrataTrace *self);
guint          errata_trace_get_n_tool_calls    (ErrataTrace *self);
guint          errata_trace_get_output_chars    (ErrataTrace *self);

gint64         errata_trace_get_latency_ms      (ErrataTrace *self);
void           errata_trace_set_latency_ms      (ErrataTrace *self,
                                                 gint64       latency_ms);
gint64         errata_trace_get_tokens_in       (ErrataTrace *self);
void           errata_trace_set_tokens_in       (ErrataTrace *self,
                                                 gint64       tokens);
gint64         errata_trace_get_tokens_out      (ErrataTrace *self);
void           errata_trace_set_tokens_out      (ErrataTrace *self,
                                                 gint64       tokens);
double         errata_trace_get_cost            (ErrataTrace *self);
void           errata_trace_set_cost            (ErrataTrace *self,
                                                 double       cost);

ErrataVerdict  errata_trace_get_verdict         (ErrataTrace *self);
const char    *errata_trace_get_note            (ErrataTrace *self);
guint          errata_trace_get_others_reviewed (ErrataTrace *self);
guint          errata_trace_get_others_failed   (ErrataTrace *self);
ErrataVerdict  errata_trace_get_imported_verdict (ErrataTrace *self);
const char    *errata_trace_get_others_note     (ErrataTrace *self);

char          *errata_trace_dup_search_body     (ErrataTrace *self);

G_END_DECLS
