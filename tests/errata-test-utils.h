/* errata-test-utils.h: fixtures shared by the tests.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "errata-project.h"

G_BEGIN_DECLS

/* A fresh directory under the system temp dir, removed by
 * errata_test_remove_tree(). */
char          *errata_test_make_tmpdir      (void);
void           errata_test_remove_tree      (const char *path);

/* A new, empty project in a fresh temporary directory. */
ErrataProject *errata_test_new_project      (char      **out_dir);

/* A closed project of schema version 9 (before traces were stored packed)
 * holding `n_traces` typical traces, in a fresh temporary directory:
 * opening it upgrades it. Returns its file. */
GFile         *errata_test_new_version_9_project (guint   n_traces,
                                                  char  **out_dir);
/* The same with `n_big` big traces (errata_test_new_big_trace(), ~2 MB of
 * text each) after the typical ones: packing them frees many pages. */
GFile         *errata_test_new_version_9_project_full (guint   n_traces,
                                                       guint   n_big,
                                                       char  **out_dir);

/* A closed project of the current version upgraded from version 9 with
 * three big traces, so that the packing left free pages in it (a few MB,
 * which a compaction gives back),
 * with a review of every trace and a judge's verdict on each; nothing
 * else is in its directory (the upgrade's backup is deleted). */
GFile         *errata_test_new_upgraded_project  (guint   n_traces,
                                                  char  **out_dir);

/* The SHA-256 of a file's bytes, to tell whether anything wrote to it. */
char          *errata_test_file_checksum    (GFile      *file);
/* The SHA-256 of every row of every table of a closed project, in no
 * particular order (a VACUUM may renumber rowids and moves pages): equal
 * when the same traces, reviews, verdicts and the rest are in it. */
char          *errata_test_content_checksum (GFile      *file);

/* A second connection holding the project's write lock (BEGIN IMMEDIATE)
 * keeps an upgrade or a compaction waiting for it (up to the project's
 * 5 s busy timeout), so that a test can see it under way and cancel it
 * whatever the machine's speed. */
sqlite3       *errata_test_hold_write_lock    (GFile      *file);
void           errata_test_release_write_lock (sqlite3    *db);

/* Whether `dir` holds the file `name` and nothing else (no backup, no
 * -wal, no leftover copy). */
gboolean       errata_test_dir_holds_only   (const char *dir,
                                             const char *name);

/* Writes `contents` (len -1 for NUL-terminated) to dir/name, returns the path. */
char          *errata_test_write_file       (const char *dir,
                                             const char *name,
                                             const char *contents,
                                             gssize      len);

/* The project's traces of `source` (NULL: all), as "external_id\tmessages\t
 * tools\ttokens_in\ttokens_out" lines sorted by external id: what must be
 * equal between two ways of storing the same spans. */
char          *errata_test_traces_text      (const char *project_path,
                                             const char *source);

/* What errata_test_json_rewrite() does with a member: a new value for it,
 * or NULL to copy its value (rewritten the same way); `new_name` may be
 * set to rename it. */
typedef JsonNode *(*ErrataTestMemberFunc) (const char  *name,
                                           JsonNode    *value,
                                           char       **new_name);
/* A copy of the JSON tree `node`, each object's members through
 * `rewrite_member`, in their order. */
JsonNode      *errata_test_json_rewrite     (JsonNode             *node,
                                             ErrataTestMemberFunc  rewrite_member);
/* A copy of the JSON tree `node` with every member named as a proto names
 * its fields (`startTimeUnixNano` → `start_time_unix_nano`): OTLP/JSON as
 * Python's json_format writes it when told to keep the proto's names. */
JsonNode      *errata_test_json_proto_names (JsonNode   *node);

/* A trace with a user and an assistant message. */
ErrataTrace   *errata_test_new_trace        (const char *external_id,
                                             const char *user_text,
                                             const char *assistant_text);

/* A typical agent trace: 18 messages, Markdown replies and tool calls.
 * `variant` changes the text, so that each variant is another trace. */
ErrataTrace   *errata_test_new_typical_trace (guint      variant);
/* 300 messages and about 2 MB: a system prompt, then rounds of user,
 * assistant Markdown, tool call and tool result. `out_bytes` receives the
 * length of all the contents. */
ErrataTrace   *errata_test_new_big_trace    (gsize     *out_bytes);

typedef gboolean (*ErrataTestCondition) (gpointer data);

/* Iterates the default main context until `condition` holds, and fails the
 * test if it does not within `seconds` (give 10 or more: a busy machine is
 * slow, not wrong). Wakes up every 10 ms to check the condition, so it
 * also works for conditions that no source reports. */
void           errata_test_wait_until       (ErrataTestCondition condition,
                                             gpointer            data,
                                             guint               seconds);

/* A GAsyncReadyCallback that keeps the result in *(GAsyncResult **)slot,
 * and the wait for it (up to 60 s: a busy machine is slow, not wrong). */
void           errata_test_on_result        (GObject            *source,
                                             GAsyncResult       *result,
                                             gpointer            slot);
void           errata_test_wait_for_result  (GAsyncResult      **slot);

/* Resident set size of this process in kB (/proc/self/statm). */
gsize          errata_test_read_rss_kb      (void);

G_END_DECLS
