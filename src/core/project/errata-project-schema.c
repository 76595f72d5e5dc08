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

/* Version 3: measuring. A *target* is what an evaluator measures: 0 for the
 * overall verdict, otherwise a failure mode's id. Targets carry no foreign
 * key (overall is not a row): rows of a deleted mode stay behind, so that
 * undoing the deletion brings its labels, splits and evaluators back, and
 * a new mode never reuses an id that any of them still names.
 *
 * - annotations.origin tells a review made here from a verdict that came
 *   in with a file (DESIGN.md, "Labels"); before this version the only
 *   mark of an import was the default annotator name, "import".
 * - labels are explicit labels per (target, trace); label_history keeps
 *   every change of one, with who, when and why.
 * - excluded_sources: annotators whose verdicts are not ground truth.
 * - split_settings and splits: per target, a seeded stratified split that
 *   never moves a trace once assigned; `label` is the class the trace was
 *   assigned under, so that proportions are kept per class.
 * - evaluators, evaluator_versions (immutable once run, locked when
 *   finalized for the test split), runs and verdicts.
 * - meta project_id: the project's identity, for trust kept outside it. */
static const char schema_v3[] =
  /* Users name traces by external id (labels files, few-shot lists). */
  "CREATE INDEX traces_by_external_id ON traces (external_id);"
  "ALTER TABLE annotations ADD COLUMN origin TEXT NOT NULL DEFAULT 'here'"
  "  CHECK (origin IN ('here', 'imported', 'merged'));"
  "UPDATE annotations SET origin = 'imported' WHERE annotator = 'import';"

  "CREATE TABLE explicit_labels ("
  "  target      INTEGER NOT NULL,"
  "  trace_id    INTEGER NOT NULL REFERENCES traces (id) ON DELETE CASCADE,"
  "  value       TEXT NOT NULL CHECK (value IN ('pass', 'fail')),"
  "  annotator   TEXT NOT NULL DEFAULT '',"
  "  reason      TEXT NOT NULL DEFAULT '',"
  "  updated_at  INTEGER NOT NULL,"
  "  PRIMARY KEY (target, trace_id)"
  ") WITHOUT ROWID;"
  "INSERT INTO explicit_labels (target, trace_id, value, annotator, updated_at)"
  "  SELECT failure_mode_id, trace_id, value, annotator, updated_at FROM labels;"
  "DROP TABLE labels;"
  "CREATE INDEX explicit_labels_by_trace ON explicit_labels (trace_id);"

  "CREATE TABLE label_history ("
  "  id          INTEGER PRIMARY KEY,"
  "  target      INTEGER NOT NULL,"
  "  trace_id    INTEGER NOT NULL REFERENCES traces (id) ON DELETE CASCADE,"
  "  old_value   TEXT CHECK (old_value IN ('pass', 'fail')),"
  "  new_value   TEXT CHECK (new_value IN ('pass', 'fail')),"
  "  who         TEXT NOT NULL,"
  "  reason      TEXT NOT NULL DEFAULT '',"
  "  changed_at  INTEGER NOT NULL"
  ");"
  "CREATE INDEX label_history_by_label ON label_history (target, trace_id);"

  "CREATE TABLE excluded_sources ("
  "  annotator  TEXT PRIMARY KEY"
  ") WITHOUT ROWID;"

  "CREATE TABLE split_settings ("
  "  target      INTEGER PRIMARY KEY,"
  "  seed        INTEGER NOT NULL,"
  "  train       REAL NOT NULL DEFAULT 0.2 CHECK (train >= 0),"
  "  dev         REAL NOT NULL DEFAULT 0.4 CHECK (dev >= 0),"
  "  test        REAL NOT NULL DEFAULT 0.4 CHECK (test >= 0),"
  "  created_at  INTEGER NOT NULL"
  ");"
  "CREATE TABLE splits ("
  "  target       INTEGER NOT NULL,"
  "  trace_id     INTEGER NOT NULL REFERENCES traces (id) ON DELETE CASCADE,"
  "  split        TEXT NOT NULL CHECK (split IN ('train', 'dev', 'test')),"
  "  label        TEXT NOT NULL CHECK (label IN ('pass', 'fail')),"
  "  assigned_at  INTEGER NOT NULL,"
  "  PRIMARY KEY (target, trace_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX splits_by_split ON splits (target, split, label);"

  "CREATE TABLE evaluators ("
  "  id          INTEGER PRIMARY KEY,"
  "  name        TEXT NOT NULL UNIQUE,"
  "  target      INTEGER NOT NULL,"
  "  kind        TEXT NOT NULL,"
  "  created_at  INTEGER NOT NULL"
  ");"
  "CREATE TABLE evaluator_versions ("
  "  id            INTEGER PRIMARY KEY,"
  "  evaluator_id  INTEGER NOT NULL REFERENCES evaluators (id) ON DELETE CASCADE,"
  "  number        INTEGER NOT NULL CHECK (number >= 1),"
  "  definition    TEXT NOT NULL DEFAULT '{}',"
  "  few_shot      TEXT NOT NULL DEFAULT '[]',"
  "  created_at    INTEGER NOT NULL,"
  "  locked_at     INTEGER,"
  "  UNIQUE (evaluator_id, number)"
  ");"
  "CREATE TABLE runs ("
  "  id             INTEGER PRIMARY KEY,"
  "  version_id     INTEGER NOT NULL REFERENCES evaluator_versions (id) ON DELETE CASCADE,"
  "  scope          TEXT NOT NULL"
  "    CHECK (scope IN ('train', 'dev', 'test', 'unlabeled', 'all', 'ids')),"
  "  scope_ids      TEXT,"
  "  repeat_of      INTEGER REFERENCES runs (id),"
  "  status         TEXT NOT NULL"
  "    CHECK (status IN ('running', 'done', 'cancelled', 'stopped', 'failed')),"
  "  owner          TEXT NOT NULL DEFAULT '',"
  "  total          INTEGER NOT NULL DEFAULT 0,"
  "  n_pass         INTEGER NOT NULL DEFAULT 0,"
  "  n_fail         INTEGER NOT NULL DEFAULT 0,"
  "  n_error        INTEGER NOT NULL DEFAULT 0,"
  "  tokens_in      INTEGER NOT NULL DEFAULT 0,"
  "  tokens_out     INTEGER NOT NULL DEFAULT 0,"
  "  cost           REAL NOT NULL DEFAULT 0,"
  "  max_cost       REAL,"
  "  forced_reason  TEXT,"
  "  message        TEXT NOT NULL DEFAULT '',"
  "  started_at     INTEGER NOT NULL,"
  "  ended_at       INTEGER"
  ");"
  "CREATE INDEX runs_by_version ON runs (version_id, scope);"
  "CREATE TABLE verdicts ("
  "  run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
  "  trace_id    INTEGER NOT NULL REFERENCES traces (id) ON DELETE CASCADE,"
  "  verdict     TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'error')),"
  "  reasoning   TEXT NOT NULL DEFAULT '',"
  "  raw         TEXT,"
  "  error       TEXT,"
  "  latency_ms  REAL,"
  "  tokens_in   INTEGER,"
  "  tokens_out  INTEGER,"
  "  cost        REAL,"
  "  created_at  INTEGER NOT NULL,"
  "  PRIMARY KEY (run_id, trace_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX verdicts_by_trace ON verdicts (trace_id);"
  /* Metrics read only (trace, verdict) of a run: without this narrow index
   * they read every full row, reasoning and raw reply included (1M
   * verdicts: 2.1 s against 0.44 s, bench/README.md). */
  "CREATE INDEX verdicts_by_run ON verdicts (run_id, trace_id, verdict);"

  "INSERT OR IGNORE INTO meta (key, value) VALUES ('project_id', lower (hex (randomblob (16))));";

/* Version 4: imports are recorded, so that one can be deleted (and the
 * deletion undone). An import is one run of the importer over the files
 * the user gave: their names and paths as given, the format, the field
 * map, when it started and finished (NULL: it stopped midway), how many
 * traces it added and how many records it skipped. Each trace names the
 * import that added it. Traces of older projects are backfilled one
 * import per source (file name), marked `recorded = 0`: their files,
 * format and mapping were never written down. */
static const char schema_v4[] =
  "CREATE TABLE imports ("
  "  id           INTEGER PRIMARY KEY,"
  "  name         TEXT NOT NULL,"
  "  paths        TEXT NOT NULL DEFAULT '[]',"
  "  format       TEXT NOT NULL DEFAULT '',"
  "  mapping      TEXT,"
  "  started_at   INTEGER NOT NULL,"
  "  finished_at  INTEGER,"
  "  n_added      INTEGER NOT NULL DEFAULT 0,"
  "  n_skipped    INTEGER NOT NULL DEFAULT 0,"
  "  recorded     INTEGER NOT NULL DEFAULT 1"
  ");"
  "ALTER TABLE traces ADD COLUMN import_id INTEGER REFERENCES imports (id);"
  "CREATE INDEX traces_by_import ON traces (import_id);"
  "INSERT INTO imports (name, paths, started_at, finished_at, n_added, recorded)"
  "  SELECT source, json_array (source), min (imported_at), max (imported_at), count (*), 0"
  "  FROM traces GROUP BY source ORDER BY min (imported_at), source;"
  "UPDATE traces SET import_id ="
  "  (SELECT i.id FROM imports i WHERE i.recorded = 0 AND i.name = traces.source);";

/* Version 5: synthetic data (issue 12). Dimensions of user queries and their
 * values, tuples (a value per dimension), queries written for a tuple, and
 * the batches that ran accepted queries through the user's own system.
 *
 * - A tuple keeps its values as a JSON object {dimension: value} and a
 *   canonical key, so that redefining the dimensions never orphans a tuple
 *   or the traces made from it; `key` makes adding a tuple twice a no-op.
 * - A query links to the trace its reply became (trace_id, batch_id); a
 *   failed call keeps its error on the query and makes no trace. Deleting
 *   the trace leaves the query to be run again. */
static const char schema_v5[] =
  "CREATE TABLE synth_dimensions ("
  "  id           INTEGER PRIMARY KEY,"
  "  name         TEXT NOT NULL UNIQUE,"
  "  description  TEXT NOT NULL DEFAULT '',"
  "  position     INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE synth_values ("
  "  id            INTEGER PRIMARY KEY,"
  "  dimension_id  INTEGER NOT NULL REFERENCES synth_dimensions (id) ON DELETE CASCADE,"
  "  value         TEXT NOT NULL,"
  "  description   TEXT NOT NULL DEFAULT '',"
  "  position      INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (dimension_id, value)"
  ");"
  "CREATE TABLE synth_tuples ("
  "  id          INTEGER PRIMARY KEY,"
  "  key         TEXT NOT NULL UNIQUE,"
  "  dimensions  TEXT NOT NULL DEFAULT '{}',"
  "  origin      TEXT NOT NULL CHECK (origin IN ('all', 'sampled', 'llm', 'typed')),"
  "  created_at  INTEGER NOT NULL"
  ");"
  "CREATE TABLE synth_batches ("
  "  id          INTEGER PRIMARY KEY,"
  "  target      TEXT NOT NULL DEFAULT '{}',"
  "  status      TEXT NOT NULL"
  "    CHECK (status IN ('running', 'done', 'cancelled', 'failed')),"
  "  total       INTEGER NOT NULL DEFAULT 0,"
  "  n_done      INTEGER NOT NULL DEFAULT 0,"
  "  n_failed    INTEGER NOT NULL DEFAULT 0,"
  "  message     TEXT NOT NULL DEFAULT '',"
  "  started_at  INTEGER NOT NULL,"
  "  ended_at    INTEGER"
  ");"
  "CREATE TABLE synth_queries ("
  "  id          INTEGER PRIMARY KEY,"
  "  tuple_id    INTEGER NOT NULL REFERENCES synth_tuples (id) ON DELETE CASCADE,"
  "  text        TEXT NOT NULL,"
  "  origin      TEXT NOT NULL CHECK (origin IN ('llm', 'typed')),"
  "  state       TEXT NOT NULL DEFAULT 'draft'"
  "    CHECK (state IN ('draft', 'accepted', 'rejected')),"
  "  error       TEXT,"
  "  trace_id    INTEGER REFERENCES traces (id) ON DELETE SET NULL,"
  "  batch_id    INTEGER REFERENCES synth_batches (id) ON DELETE SET NULL,"
  "  created_at  INTEGER NOT NULL"
  ");"
  "CREATE INDEX synth_queries_by_tuple ON synth_queries (tuple_id);"
  "CREATE INDEX synth_queries_by_trace ON synth_queries (trace_id);";

/* Version 6: the live OTLP receiver's journal (src/core/receive). A span is
 * answered 200 only once its row is committed here, so a crash loses none.
 * Rows are written once and stay: a late span of a trace rebuilds it from
 * all of them. `digest` (the first 16 bytes of the body's SHA-256) keeps a
 * span an exporter sends again (a retry after a lost answer) from counting
 * twice. live_pending names the traces with spans not yet built into a
 * trace: one small row per trace, so that building one rewrites no span. */
static const char schema_v6[] =
  "CREATE TABLE live_spans ("
  "  id           INTEGER PRIMARY KEY,"
  "  trace_id     TEXT NOT NULL,"
  "  start        INTEGER NOT NULL,"
  "  root         INTEGER NOT NULL DEFAULT 0,"
  "  received_at  INTEGER NOT NULL,"
  "  digest       BLOB NOT NULL,"
  "  body         TEXT NOT NULL,"
  "  UNIQUE (trace_id, digest)"
  ");"
  "CREATE TABLE live_pending ("
  "  trace_id     TEXT PRIMARY KEY"
  ") WITHOUT ROWID;";

/* Version 7: experiments (issue 20, src/core/experiment). The queries are
 * copied in when an experiment is made, so that every variant answers the
 * same ones even after the synthetic queries or the replayed traces
 * change; their origin is kept (SET NULL when it goes). A reply links a
 * (variant, query, repetition) pair to its trace; deleting the trace
 * (errata-trace-deletion follows these keys) deletes the link, so the
 * pair reads as missing and runs again on the next run, and undo brings
 * both back. experiment_scores names the eval runs that scored a variant. */
static const char schema_v7[] =
  "CREATE TABLE experiments ("
  "  id            INTEGER PRIMARY KEY,"
  "  name          TEXT NOT NULL UNIQUE,"
  "  query_source  TEXT NOT NULL,"
  "  repeats       INTEGER NOT NULL DEFAULT 1 CHECK (repeats >= 1),"
  "  created_at    INTEGER NOT NULL"
  ");"
  "CREATE TABLE experiment_queries ("
  "  id               INTEGER PRIMARY KEY,"
  "  experiment_id    INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,"
  "  position         INTEGER NOT NULL,"
  "  text             TEXT NOT NULL,"
  "  dimensions       TEXT NOT NULL DEFAULT '{}',"
  "  synth_query_id   INTEGER REFERENCES synth_queries (id) ON DELETE SET NULL,"
  "  source_trace_id  INTEGER REFERENCES traces (id) ON DELETE SET NULL"
  ");"
  "CREATE INDEX experiment_queries_by_experiment ON experiment_queries (experiment_id, position);"
  "CREATE INDEX experiment_queries_by_synth ON experiment_queries (synth_query_id);"
  "CREATE INDEX experiment_queries_by_trace ON experiment_queries (source_trace_id);"
  "CREATE TABLE experiment_variants ("
  "  id             INTEGER PRIMARY KEY,"
  "  experiment_id  INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,"
  "  name           TEXT NOT NULL,"
  "  target         TEXT NOT NULL,"
  "  parent_id      INTEGER REFERENCES experiment_variants (id) ON DELETE SET NULL,"
  "  created_at     INTEGER NOT NULL,"
  "  UNIQUE (experiment_id, name)"
  ");"
  "CREATE INDEX experiment_variants_by_parent ON experiment_variants (parent_id);"
  "CREATE TABLE experiment_replies ("
  "  id          INTEGER PRIMARY KEY,"
  "  variant_id  INTEGER NOT NULL REFERENCES experiment_variants (id) ON DELETE CASCADE,"
  "  query_id    INTEGER NOT NULL REFERENCES experiment_queries (id) ON DELETE CASCADE,"
  "  repetition  INTEGER NOT NULL,"
  "  trace_id    INTEGER REFERENCES traces (id) ON DELETE CASCADE,"
  "  error       TEXT,"
  "  UNIQUE (variant_id, query_id, repetition)"
  ");"
  "CREATE INDEX experiment_replies_by_query ON experiment_replies (query_id);"
  "CREATE INDEX experiment_replies_by_trace ON experiment_replies (trace_id);"
  "CREATE TABLE experiment_scores ("
  "  run_id      INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,"
  "  variant_id  INTEGER NOT NULL REFERENCES experiment_variants (id) ON DELETE CASCADE"
  ");"
  "CREATE INDEX experiment_scores_by_variant ON experiment_scores (variant_id);";

/* Version 8: judge runs through a provider's Batch API (issue 17, part 6).
 * A batch lives at the provider for up to a day: its id and state are kept
 * here, per run, so that closing the app, a crash or a reboot loses
 * nothing and the run resumes polling. `trace_ids` (a JSON array) are the
 * traces the batch judges, so that a batch that was never submitted can be
 * rebuilt and one that failed sent again. State: pending (stored, not yet
 * at the provider), submitted, ended (results ready), collecting, collected,
 * failed (refused as a whole: no verdict written). */
static const char schema_v8[] =
  "CREATE TABLE eval_batches ("
  "  id               INTEGER PRIMARY KEY,"
  "  run_id           INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
  "  provider         TEXT NOT NULL,"
  "  base_url         TEXT NOT NULL,"
  "  batch_id         TEXT,"
  "  state            TEXT NOT NULL CHECK (state IN ('pending', 'submitted', 'ended',"
  "                     'collecting', 'collected', 'failed')),"
  "  provider_status  TEXT NOT NULL DEFAULT '',"
  "  trace_ids        TEXT NOT NULL,"
  "  n_requests       INTEGER NOT NULL DEFAULT 0,"
  "  n_succeeded      INTEGER NOT NULL DEFAULT 0,"
  "  n_errored        INTEGER NOT NULL DEFAULT 0,"
  "  n_expired        INTEGER NOT NULL DEFAULT 0,"
  "  output           TEXT,"
  "  errors           TEXT,"
  "  message          TEXT NOT NULL DEFAULT '',"
  "  created_at       INTEGER NOT NULL,"
  "  updated_at       INTEGER NOT NULL"
  ");"
  "CREATE INDEX eval_batches_by_run ON eval_batches (run_id);";

/* Version 9: metadata as a side table (issue 17), so that a filter
 * `key = value` and a sort by a key read an index instead of parsing every
 * trace's metadata JSON (467 ms for no match at 100k, 2 s at 1M).
 *
 * - The key is the path a filter names (top-level key, or object keys
 *   joined with dots); the value keeps its JSON type (no column affinity:
 *   "1.50" stays text, 42 stays an integer), so an ORDER BY on it is
 *   numeric for numbers, and a filter compares CAST (value AS TEXT), as
 *   the JSON filter always did.
 * - WITHOUT ROWID with the primary key (key, value, trace_id): a filter or
 *   a sort is a range of it. The second index, by trace, is what a trace's
 *   deletion (found through the foreign key, errata-trace-deletion-rows.c)
 *   and the per-row probe of a common value use. Two copies of each row is
 *   the least that serves both.
 * - Filled here from every existing trace, and by every insert after
 *   (errata-project-traces.c), with the same SQL. */
static const char schema_v9[] =
  "CREATE TABLE trace_meta ("
  "  key       TEXT NOT NULL,"
  "  value     NOT NULL,"
  "  trace_id  INTEGER NOT NULL REFERENCES traces (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (key, value, trace_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX trace_meta_by_trace ON trace_meta (trace_id, key);"
  ERRATA_SQL_META_FILL ("traces t,", "t.id", "t.metadata") ";";

/* Version 10: a smaller file (issue 17, part 3), the thing people mail.
 *
 * - input and output repeated the first user and the last assistant text
 *   of the messages, which a full trace derives them from again: only
 *   what a list row shows stays (ERRATA_SQL_SUMMARY_TEXT).
 * - messages, tools and metadata longer than a few hundred bytes are
 *   stored compressed (errata-stored-text.h): a BLOB with a codec byte,
 *   read through errata_text (). Text rows stay readable as they are.
 *
 * No table changes: the file is checked against the same schema. The
 * space freed is given back by a VACUUM after the upgrade commits
 * (errata-project-upgrade.c). */
static const char schema_v10[] = ERRATA_SQL_PACK_TRACES ";";

const char * const errata_project_migrations[] = {
  NULL,        /* version 0: an empty file */
  schema_v1,
  schema_v2,
  schema_v3,
  schema_v4,
  schema_v5,
  schema_v6,
  schema_v7,
  schema_v8,
  schema_v9,
  schema_v10,
};

const guint errata_project_n_migrations = G_N_ELEMENTS (errata_project_migrations);

G_STATIC_ASSERT (G_N_ELEMENTS (errata_project_migrations) == ERRATA_PROJECT_SCHEMA_VERSION + 1);
