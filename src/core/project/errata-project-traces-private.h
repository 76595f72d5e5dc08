/* errata-project-traces-private.h: what errata-project-traces.c and
 * errata-project-annotations.c share: reading and binding optional
 * columns; with errata-project-trace-pages.c, reading full traces.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-project-private.h"

G_BEGIN_DECLS

/* NULL for a negative value. */
void        _errata_project_bind_optional_int   (sqlite3_stmt *stmt,
                                                 int           column,
                                                 gint64        value);
/* -1 for NULL. */
gint64      _errata_project_column_optional_int (sqlite3_stmt *stmt,
                                                 int           column);
/* "" for NULL. */
const char *_errata_project_column_text         (sqlite3_stmt *stmt,
                                                 int           column);

/* Full traces: the summary columns, then the messages, tools and metadata
 * (_errata_project_load_trace_details reads them). */
#define ERRATA_GET_TRACES_SQL(where) \
  "SELECT " ERRATA_TRACE_SUMMARY_COLUMNS ", errata_text (t.messages)," \
  " errata_text (t.tools), errata_text (t.metadata)" \
  " FROM traces t WHERE " where

void        _errata_project_load_trace_details  (ErrataTrace  *trace,
                                                 sqlite3_stmt *stmt);

G_END_DECLS
