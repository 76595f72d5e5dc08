/* errata-project-schema.h: the project file's schema, version by version.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* migrations[v] turns a version v-1 file into version v. Migrations only
 * ever go forward, and each runs inside the opening transaction. Never edit
 * a released step: add a new one. */
extern const char * const errata_project_migrations[];
extern const guint errata_project_n_migrations;

/* What traces.input and traces.output keep of the first user and the last
 * assistant text (schema version 10): what a list row shows. A full trace
 * derives both from its messages again. */
#define ERRATA_SQL_SUMMARY_TEXT(x) "substr (" x ", 1, 300)"

/* Version 10's rewrite of every trace: input and output cut, large JSON
 * packed (errata_pack). The upgrade runs it in batches of traces
 * (errata-project-upgrade.c), so that it reports progress and can stop. */
#define ERRATA_SQL_PACK_TRACES \
  "UPDATE traces SET" \
  "  input = " ERRATA_SQL_SUMMARY_TEXT ("input") "," \
  "  output = " ERRATA_SQL_SUMMARY_TEXT ("output") "," \
  "  messages = errata_pack (messages)," \
  "  tools = errata_pack (tools)," \
  "  metadata = errata_pack (metadata)"

/* How many characters of a metadata value trace_meta keeps: a longer value
 * (a prompt, a nested call's JSON) is stored cut, and a filter on a value
 * this long checks the candidates against the JSON itself. */
#define ERRATA_META_VALUE_CHARS 128

/* ERRATA_SQL_META_ROWS selects (key, value, trace_id) and
 * ERRATA_SQL_META_FILL inserts them: the rows of trace_meta from the
 * metadata JSON `json` (an SQL expression) of
 * the trace `id`, for each row of `from` ("" for one trace, "traces t," for
 * all). One row per node a metadata filter can name (see
 * errata-project-query-meta.c): every top-level key, dots and all, and
 * every path of object keys without a dot, joined with dots. The value is
 * what json_each gives (a number stays a number, so a sort by the key is
 * numeric), a text cut to ERRATA_META_VALUE_CHARS; JSON null is left out,
 * as no filter can match it. A key with '"', '\\' or a control character
 * deeper than 32 levels is left out too: the filter has only ever matched
 * those whole. The migration and every insert use this same text. */
#define ERRATA_SQL_META_ROWS(from, id, json) \
  "WITH RECURSIVE node (trace_id, key, value, type, depth, dotted, unsafe) AS (" \
  "  SELECT " id ", e.key, e.value, e.type, 1, instr (e.key, '.') > 0," \
  "    e.key GLOB '*[' || char (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17," \
  "      18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 34, 92) || ']*'" \
  "  FROM " from " json_each (CASE WHEN json_valid (" json ") THEN" \
  "    CASE WHEN json_type (" json ") = 'object' THEN " json " END END) e" \
  "  UNION ALL" \
  "  SELECT node.trace_id, node.key || '.' || e.key, e.value, e.type, node.depth + 1, 0," \
  "    node.unsafe OR e.key GLOB '*[' || char (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14," \
  "      15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 34, 92) || ']*'" \
  "  FROM node, json_each (node.value) e" \
  "  WHERE node.type = 'object' AND NOT node.dotted AND instr (e.key, '.') = 0)" \
  " SELECT key, CASE WHEN typeof (value) = 'text'" \
  "   THEN substr (value, 1, " G_STRINGIFY (ERRATA_META_VALUE_CHARS) ") ELSE value END, trace_id" \
  " FROM node WHERE type <> 'null' AND (depth <= 32 OR NOT unsafe)"
#define ERRATA_SQL_META_FILL(from, id, json) \
  "INSERT OR IGNORE INTO trace_meta (key, value, trace_id) " ERRATA_SQL_META_ROWS (from, id, json)

G_END_DECLS
