/* errata-project-merge-match.c: which of the other file's traces are
 * which here: first by (source, external id), then, for those left, by a
 * hash of their messages (the same conversation imported under another id).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "errata-project-merge-private.h"

/* ---- matching traces -------------------------------------------------- */

/* SHA-256 of the messages re-serialised from their parsed form, so that two
 * copies of a conversation written with different whitespace still match;
 * NULL for a conversation without messages, which matches nothing. */
static char *
messages_hash (const char *messages_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *canonical = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, messages_json, -1, NULL))
    return g_compute_checksum_for_string (G_CHECKSUM_SHA256, messages_json, -1);
  root = json_parser_get_root (parser);
  if (root == NULL || (JSON_NODE_HOLDS_ARRAY (root) &&
                       json_array_get_length (json_node_get_array (root)) == 0))
    return NULL;
  canonical = json_to_string (root, FALSE);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
}

/* Every trace here by the hash of its messages; a hash that two traces
 * share maps to 0: such a match would be a guess. */
static GHashTable *
hash_local_traces (ErrataProject  *self,
                   GError        **error)
{
  g_autoptr(GHashTable) by_hash = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = _errata_project_prepare (self, "SELECT id, errata_text (messages)"
                                                " FROM traces", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *hash = messages_hash (_errata_merge_text_at (stmt, 1));

      if (hash == NULL)
        continue;
      if (g_hash_table_contains (by_hash, hash))
        g_hash_table_replace (by_hash, hash, _errata_merge_int64_new (0));
      else
        g_hash_table_insert (by_hash, hash, _errata_merge_int64_new (sqlite3_column_int64 (stmt, 0)));
    }
  if (!_errata_merge_finish_read (self, stmt, rc, _("read the traces"), error))
    return NULL;
  return g_steal_pointer (&by_hash);
}

static gint64
find_local_trace (sqlite3_stmt *find,
                  const char   *source,
                  const char   *external_id)
{
  gint64 id = 0;

  sqlite3_bind_text (find, 1, source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (find, 2, external_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (find) == SQLITE_ROW)
    id = sqlite3_column_int64 (find, 0);
  sqlite3_reset (find);
  return id;
}

/* First pass: (source, external id). Returns the other file's trace ids
 * that found no match, for the second pass. */
GArray *
_errata_merge_match_by_id (Merge   *merge,
                           GError **error)
{
  g_autoptr(GArray) unmatched = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *find;
  sqlite3_stmt *stmt;
  int rc;

  find = _errata_project_cached (merge->here, "SELECT id FROM traces"
                                 " WHERE source = ?1 AND external_id = ?2", error);
  stmt = _errata_project_prepare (merge->other, "SELECT id, source, external_id FROM traces",
                                  error);
  if (find == NULL || stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 other_id = sqlite3_column_int64 (stmt, 0);
      gint64 id = find_local_trace (find, _errata_merge_text_at (stmt, 1), _errata_merge_text_at (stmt, 2));

      if (id == 0)
        {
          g_array_append_val (unmatched, other_id);
          continue;
        }
      g_hash_table_insert (merge->trace_map, _errata_merge_int64_new (other_id), _errata_merge_int64_new (id));
      merge->result->traces_by_id++;
    }
  if (!_errata_merge_finish_read (merge->other, stmt, rc, _("read the other file’s traces"), error))
    return NULL;
  return g_steal_pointer (&unmatched);
}

gboolean
_errata_merge_match_by_hash (Merge   *merge,
                             GArray  *unmatched,
                             GError **error)
{
  g_autoptr(GHashTable) by_hash = NULL;
  sqlite3_stmt *stmt;

  merge->result->traces_unmatched = unmatched->len;
  if (unmatched->len == 0)
    return TRUE;
  by_hash = hash_local_traces (merge->here, error);
  if (by_hash == NULL)
    return FALSE;
  stmt = _errata_project_prepare (merge->other, "SELECT errata_text (messages) FROM traces"
                                 " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < unmatched->len; i++)
    {
      gint64 other_id = g_array_index (unmatched, gint64, i);
      g_autofree char *hash = NULL;
      gint64 *id = NULL;

      sqlite3_bind_int64 (stmt, 1, other_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        hash = messages_hash (_errata_merge_text_at (stmt, 0));
      sqlite3_reset (stmt);
      if (hash != NULL)
        id = g_hash_table_lookup (by_hash, hash);
      if (id == NULL || *id == 0)
        continue;
      g_hash_table_insert (merge->trace_map, _errata_merge_int64_new (other_id), _errata_merge_int64_new (*id));
      merge->result->traces_by_hash++;
      merge->result->traces_unmatched--;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}
