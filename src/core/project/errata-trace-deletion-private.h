/* errata-trace-deletion-private.h: what the files of ErrataTraceDeletion
 * share: the tables that hang on traces, found from the schema's foreign
 * keys, and the SQL that moves their rows to and from the undo file.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "errata-trace-deletion.h"

G_BEGIN_DECLS

/* A table whose rows go with the traces: `column` names a row of `parent`
 * (by `parent_column`); `pk` is its INTEGER PRIMARY KEY, or NULL.
 * `set_null`: the foreign key says ON DELETE SET NULL (a synthetic query
 * whose reply became the trace): the row stays, only its link is cleared,
 * and undo sets it again. */
typedef struct
{
  char     *table;
  char     *column;
  char     *parent;
  char     *parent_column;
  char     *pk;
  gboolean  set_null;
} ErrataDeletionLink;

/* Every table that hangs on traces, directly (annotations, verdicts, …) or
 * through another (assignments, through annotations), parents first.
 * Found from the foreign keys, so a table a later version adds comes along
 * without a change here. Element type: ErrataDeletionLink. */
GPtrArray *_errata_deletion_find_links   (sqlite3     *db,
                                          GError     **error);
gboolean   _errata_deletion_exec         (sqlite3     *db,
                                          GError     **error,
                                          const char  *format,
                                          ...);
gboolean   _errata_deletion_query_int    (sqlite3     *db,
                                          gint64      *value,
                                          GError     **error,
                                          const char  *format,
                                          ...);
gboolean   _errata_deletion_sql_error    (sqlite3     *db,
                                          GError     **error,
                                          const char  *what);

/* The formats are sqlite3_mprintf()'s (%Q, %w), not printf's. */

/* The rows of traces with the ids of `ids_json` (and of the tables that
 * hang on them) into the attached `undo` database, then out of main. */
gboolean   _errata_deletion_move_out     (sqlite3       *db,
                                          GPtrArray     *links,
                                          const char    *ids_json,
                                          gint64         import_id,
                                          GCancellable  *cancellable,
                                          GError       **error);
/* Back from `undo` into main, with new ids where others took them. */
gboolean   _errata_deletion_move_back    (sqlite3       *db,
                                          GPtrArray     *links,
                                          gboolean       has_import,
                                          GError       **error);

G_END_DECLS
