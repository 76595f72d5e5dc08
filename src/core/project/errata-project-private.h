/* errata-project-private.h: what the project's own files and the core's
 * subsystems (import staging, the LLM reply cache) share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "errata-project.h"

G_BEGIN_DECLS

/* The connection belongs to the thread that opened the project; callers
 * must stay on that thread and use errata_project_begin/commit for writes. */
sqlite3      *_errata_project_get_db          (ErrataProject  *self);

/* Sets error from the connection's last failure, with `what` as context. */
gboolean      _errata_project_set_error       (ErrataProject  *self,
                                               GError        **error,
                                               const char     *what);
gboolean      _errata_project_check_writable  (ErrataProject  *self,
                                               GError        **error);

gboolean      _errata_project_query_int       (ErrataProject  *self,
                                               const char     *sql,
                                               gint64         *value,
                                               GError        **error);
/* Steps a write statement inside its own (possibly nested) transaction. */
gboolean      _errata_project_step_write      (ErrataProject  *self,
                                               sqlite3_stmt   *stmt,
                                               const char     *what,
                                               GError        **error);
sqlite3_stmt *_errata_project_cached          (ErrataProject  *self,
                                               const char     *sql,
                                               GError        **error);
sqlite3_stmt *_errata_project_prepare         (ErrataProject  *self,
                                               const char     *sql,
                                               GError        **error);
ErrataTrace  *_errata_project_trace_from_row  (sqlite3_stmt   *stmt);
GPtrArray    *_errata_project_collect_rows    (ErrataProject  *self,
                                               sqlite3_stmt   *stmt,
                                               gpointer      (*from_row) (sqlite3_stmt *),
                                               GDestroyNotify  free_row,
                                               const char     *what,
                                               GError        **error);
/* Refuses a file whose schema is not exactly what the migrations up to
 * `version` create (an added trigger or view, an altered index, …). */
gboolean      _errata_project_check_schema    (ErrataProject  *self,
                                               gint64          version,
                                               GError        **error);

/* The SELECT list that _errata_project_trace_from_row() reads. */
#define ERRATA_TRACE_SUMMARY_COLUMNS \
  "t.id, t.external_id, t.source, t.imported_at, " \
  "substr(t.input, 1, 300), substr(t.output, 1, 300), " \
  "t.n_messages, t.n_tool_calls, t.output_chars, " \
  "t.latency_ms, t.tokens_in, t.tokens_out, t.cost, " \
  "(SELECT a.verdict FROM annotations a WHERE a.trace_id = t.id " \
  "  ORDER BY a.updated_at DESC LIMIT 1), " \
  "(SELECT substr(a.note, 1, 300) FROM annotations a WHERE a.trace_id = t.id " \
  "  ORDER BY a.updated_at DESC LIMIT 1)"

G_END_DECLS
