/* errata-project-schema.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-project-schema.h"
#include "errata-project.h"

/* Version 1: traces, annotations, their full-text indexes, key/value meta
 * and the LLM reply cache. Failure modes, labels, splits and evaluators
 * arrive as later versions with the pages that use them. */
static const char schema_v1[] =
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE traces ("
  "  id            INTEGER PRIMARY KEY,"
  "  external_id   TEXT NOT NULL,"
  "  source        TEXT NOT NULL DEFAULT '',"
  "  imported_at   INTEGER NOT NULL,"
  "  input         TEXT NOT NULL DEFAULT '',"
  "  output        TEXT NOT NULL DEFAULT '',"
  "  messages      TEXT NOT NULL DEFAULT '[]',"
  "  tools         TEXT,"
  "  metadata      TEXT NOT NULL DEFAULT '{}',"
  "  n_messages    INTEGER NOT NULL DEFAULT 0,"
  "  n_tool_calls  INTEGER NOT NULL DEFAULT 0,"
  "  output_chars  INTEGER NOT NULL DEFAULT 0,"
  "  latency_ms    INTEGER,"
  "  tokens_in     INTEGER,"
  "  tokens_out    INTEGER,"
  "  cost          REAL,"
  /* A random number per trace: walking it in order from a seeded starting
   * point gives an unbiased sample that an index can serve. */
  "  sample_key    INTEGER NOT NULL,"
  "  UNIQUE (source, external_id)"
  ");"
  "CREATE INDEX traces_by_messages ON traces (n_messages);"
  "CREATE INDEX traces_by_tool_calls ON traces (n_tool_calls);"
  "CREATE INDEX traces_by_output_chars ON traces (output_chars);"
  "CREATE INDEX traces_by_latency ON traces (ifnull (latency_ms, -1));"
  "CREATE INDEX traces_by_tokens ON traces (ifnull (tokens_in, 0) + ifnull (tokens_out, 0));"
  "CREATE INDEX traces_by_cost ON traces (ifnull (cost, -1.0));"
  "CREATE INDEX traces_by_sample_key ON traces (sample_key);"

  /* Contentless: the text already lives in traces, so the index holds only
   * the postings. Rows are never updated; deleting one needs its old text. */
  "CREATE VIRTUAL TABLE traces_fts USING fts5 ("
  "  input, output, body,"
  "  content = '',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"

  "CREATE TABLE annotations ("
  "  id             INTEGER PRIMARY KEY,"
  "  trace_id       INTEGER NOT NULL REFERENCES traces (id) ON DELETE CASCADE,"
  "  annotator      TEXT NOT NULL,"
  "  verdict        TEXT CHECK (verdict IN ('pass', 'fail')),"
  "  note           TEXT NOT NULL DEFAULT '',"
  "  first_failure  INTEGER CHECK (first_failure >= 0),"
  "  created_at     INTEGER NOT NULL,"
  "  updated_at     INTEGER NOT NULL,"
  "  UNIQUE (trace_id, annotator)"
  ");"
  "CREATE INDEX annotations_by_verdict ON annotations (verdict, trace_id);"
  "CREATE INDEX annotations_by_created ON annotations (created_at);"

  /* Kept up to date by errata-project-traces.c, not by triggers: with
   * trusted_schema off, triggers may not write to FTS5 tables. */
  "CREATE VIRTUAL TABLE notes_fts USING fts5 ("
  "  note,"
  "  content = 'annotations', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "CREATE TABLE llm_cache ("
  "  hash        TEXT PRIMARY KEY,"
  "  reply       TEXT NOT NULL,"
  "  created_at  INTEGER NOT NULL"
  ") WITHOUT ROWID;";

/* Version 2: axial coding. A failure mode groups notes (annotations); one
 * note may sit in several modes. Labels derived from the grouping are
 * computed, not stored; only a human's explicit label per trace and mode is. */
static const char schema_v2[] =
  "CREATE TABLE failure_modes ("
  "  id          INTEGER PRIMARY KEY,"
  "  name        TEXT NOT NULL,"
  "  definition  TEXT NOT NULL DEFAULT '',"
  "  colour      TEXT NOT NULL DEFAULT '',"
  "  position    INTEGER NOT NULL DEFAULT 0,"
  "  created_at  INTEGER NOT NULL"
  ");"
  "CREATE TABLE assignments ("
  "  annotation_id    INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
  "  failure_mode_id  INTEGER NOT NULL REFERENCES failure_modes (id) ON DELETE CASCADE,"
  "  position         INTEGER NOT NULL DEFAULT 0,"
  "  created_at       INTEGER NOT NULL,"
  "  PRIMARY KEY (annotation_id, failure_mode_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX assignments_by_mode ON assignments (failure_mode_id, position);"
  "CREATE TABLE labels ("
  "  trace_id         INTEGER NOT NULL REFERENCES traces (id) ON DELETE CASCADE,"
  "  failure_mode_id  INTEGER NOT NULL REFERENCES failure_modes (id) ON DELETE CASCADE,"
  "  value            TEXT NOT NULL CHECK (value IN ('pass', 'fail')),"
  "  annotator        TEXT NOT NULL DEFAULT '',"
  "  updated_at       INTEGER NOT NULL,"
  "  PRIMARY KEY (trace_id, failure_mode_id)"
  ") WITHOUT ROWID;";

const char * const errata_project_migrations[] = {
  NULL,        /* version 0: an empty file */
  schema_v1,
  schema_v2,
};

const guint errata_project_n_migrations = G_N_ELEMENTS (errata_project_migrations);

G_STATIC_ASSERT (G_N_ELEMENTS (errata_project_migrations) == ERRATA_PROJECT_SCHEMA_VERSION + 1);
