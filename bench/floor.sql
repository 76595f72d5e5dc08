-- floor.sql: the plain sqlite3 shell's fastest honest load of the same
-- records into the same schema (a project made by `errata-cli new`), for
-- comparison with `errata-cli import`. The CSV holds the columns Errata
-- derives, written by generate-traces.py --floor; run.sh substitutes the
-- file name for @CSV@, the first new row id less one for @OFFSET@ (0 into
-- a new project; the rows already there when a file is appended) and the
-- import's id for @IMPORT@.
--
-- Same settings as an Errata project: WAL, synchronous=NORMAL, the same
-- indexes and contentless FTS5 index, one transaction. Staging the rows
-- in memory and copying them with two INSERT ... SELECT was the fastest of
-- the plain-shell paths tried (a script of INSERT statements took ~4% more,
-- .import into a view with an INSTEAD OF trigger ~45% more).
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA temp_store = MEMORY;
BEGIN;
-- Errata records each import and marks every trace it added with it.
INSERT INTO imports (id, name, paths, format, started_at)
  VALUES (@IMPORT@, 'floor', '[]', 'OpenAI chat (JSONL)', CAST (strftime ('%s', 'now') AS INTEGER) * 1000000);
CREATE TEMP TABLE staging (id, external_id, source, imported_at, input, output, messages,
  tools, metadata, n_messages, n_tool_calls, output_chars, latency_ms, tokens_in, tokens_out,
  cost, sample_key, body);
.import --csv @CSV@ staging
-- Schema version 10: input and output keep what a list row shows
-- (ERRATA_SQL_SUMMARY_TEXT). Errata also stores messages, tools and
-- metadata over 256 bytes zstd-packed; the shell has no zstd, so the
-- floor stores them as text: it writes more bytes and packs nothing.
INSERT INTO traces
  SELECT id + @OFFSET@, external_id, source, imported_at, substr (input, 1, 300), substr (output, 1, 300),
         messages, nullif (tools, '\N'),
         metadata, n_messages, n_tool_calls, output_chars, nullif (latency_ms, '\N'),
         nullif (tokens_in, '\N'), nullif (tokens_out, '\N'), nullif (cost, '\N'), sample_key, @IMPORT@
  FROM staging;
-- The metadata side table (schema version 7), filled by the same SQL as
-- ERRATA_SQL_META_FILL in src/core/project/errata-project-schema.h.
WITH RECURSIVE node (trace_id, key, value, type, depth, dotted, unsafe) AS (
  SELECT t.id + @OFFSET@, e.key, e.value, e.type, 1, instr (e.key, '.') > 0,
    e.key GLOB '*[' || char (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
      18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 34, 92) || ']*'
  FROM staging t, json_each (CASE WHEN json_valid (t.metadata) THEN
    CASE WHEN json_type (t.metadata) = 'object' THEN t.metadata END END) e
  UNION ALL
  SELECT node.trace_id, node.key || '.' || e.key, e.value, e.type, node.depth + 1, 0,
    node.unsafe OR e.key GLOB '*[' || char (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
      15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 34, 92) || ']*'
  FROM node, json_each (node.value) e
  WHERE node.type = 'object' AND NOT node.dotted AND instr (e.key, '.') = 0)
INSERT OR IGNORE INTO trace_meta (key, value, trace_id)
SELECT key, CASE WHEN typeof (value) = 'text' THEN substr (value, 1, 128) ELSE value END,
       trace_id
FROM node WHERE type <> 'null' AND (depth <= 32 OR NOT unsafe);
-- Errata indexes input and output once, inside the body (they are its first
-- user and last assistant text), and leaves their own columns empty.
INSERT INTO traces_fts (rowid, input, output, body)
  SELECT id + @OFFSET@, '', '', body FROM staging;
UPDATE imports SET finished_at = CAST (strftime ('%s', 'now') AS INTEGER) * 1000000,
  n_added = (SELECT count(*) FROM staging)
  WHERE id = @IMPORT@;
COMMIT;
-- Leave the file as Errata leaves it after an import: checkpointed.
PRAGMA wal_checkpoint (TRUNCATE);
