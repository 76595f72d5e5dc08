/* errata-trace-private.h: how the project store fills a trace it loaded.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-trace.h"

G_BEGIN_DECLS

void _errata_trace_set_id          (ErrataTrace   *self,
                                    gint64         id);
void _errata_trace_set_imported_at (ErrataTrace   *self,
                                    gint64         imported_at);
/* A trace loaded for a list row carries its derived fields but not its
 * messages, so that a page of rows costs little memory. */
void _errata_trace_set_summary     (ErrataTrace   *self,
                                    const char    *input,
                                    const char    *output,
                                    guint          n_messages,
                                    guint          n_tool_calls,
                                    guint          output_chars);
/* Lets go of the messages and tools (most of a trace's memory) and keeps
 * the fields derived from them: for an importer holding a batch whose
 * rows already hold them as text. */
void _errata_trace_drop_json       (ErrataTrace   *self);
/* _errata_trace_drop_json() and the metadata too: for a trace that is only
 * written out from its row text, freed on the thread that built it. */
void _errata_trace_drop_trees      (ErrataTrace   *self);
/* The stored tools (an array) and metadata (an object) as JSON text,
 * either NULL: parsed when first asked for, added as
 * errata_trace_set_tools() and the metadata's members would be. */
void _errata_trace_set_stored_json (ErrataTrace   *self,
                                    const char    *tools_text,
                                    const char    *metadata_text);
void _errata_trace_set_review      (ErrataTrace   *self,
                                    ErrataVerdict  verdict,
                                    const char    *note);
void _errata_trace_set_others      (ErrataTrace   *self,
                                    guint          others_reviewed,
                                    guint          others_failed,
                                    ErrataVerdict  imported_verdict,
                                    const char    *others_note);

G_END_DECLS
