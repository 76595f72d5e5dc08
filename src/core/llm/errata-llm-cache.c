/* errata-llm-cache.c
 *
 * Replies are kept by the SHA-256 of everything that shapes them (see
 * errata_llm_client_hash_request()), so rerunning a judge over the same
 * traces gives the same verdicts without paying twice. The project file
 * is the usual home; the in-memory form serves the CLI and tests.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-llm-cache.h"
#include "errata-project-private.h"
#include "errata-llm-error.h"

struct _ErrataLlmCache
{
  GObject        parent_instance;

  ErrataProject *project;   /* NULL: in memory */
  GHashTable    *memory;    /* hash → reply JSON */
  guint          n_hits;
  guint          hold_count;
  GHashTable    *held;      /* hash → reply JSON, stored while held, not yet written */
};

G_DEFINE_FINAL_TYPE (ErrataLlmCache, errata_llm_cache, G_TYPE_OBJECT)

static void
errata_llm_cache_finalize (GObject *object)
{
  ErrataLlmCache *self = (ErrataLlmCache *) object;

  g_clear_object (&self->project);
  g_clear_pointer (&self->memory, g_hash_table_unref);
  g_clear_pointer (&self->held, g_hash_table_unref);

  G_OBJECT_CLASS (errata_llm_cache_parent_class)->finalize (object);
}

static void
errata_llm_cache_class_init (ErrataLlmCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = errata_llm_cache_finalize;
}

static void
errata_llm_cache_init (ErrataLlmCache *self)
{
  self->held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Lookups and stores run on the thread that owns the project. */
ErrataLlmCache *
errata_llm_cache_new_for_project (ErrataProject *project)
{
  ErrataLlmCache *self;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  self = g_object_new (ERRATA_TYPE_LLM_CACHE, NULL);
  self->project = g_object_ref (project);

  return self;
}

ErrataLlmCache *
errata_llm_cache_new_in_memory (void)
{
  ErrataLlmCache *self = g_object_new (ERRATA_TYPE_LLM_CACHE, NULL);

  self->memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

static char *
project_lookup (ErrataLlmCache  *self,
                const char      *hash,
                GError         **error)
{
  sqlite3_stmt *stmt;
  char *json = NULL;
  int rc;

  /* Kept prepared: a judge run looks up every request (preparing took
   * as long as the lookup). */
  stmt = _errata_project_cached (self->project,
                                 "SELECT reply FROM llm_cache WHERE hash = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    _errata_project_set_error (self->project, error, "read the LLM reply cache");
  /* Reset at once: a statement left on its row keeps a read transaction. */
  sqlite3_reset (stmt);

  return json;
}

static gboolean
project_store (ErrataLlmCache  *self,
               const char      *hash,
               const char      *json,
               GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!_errata_project_check_writable (self->project, error))
    return FALSE;

  stmt = _errata_project_cached (self->project,
                                 "INSERT OR REPLACE INTO llm_cache (hash, reply, created_at) "
                                 "VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    _errata_project_set_error (self->project, error, "write the LLM reply cache");
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/**
 * errata_llm_cache_lookup:
 *
 * Returns: (transfer full) (nullable): the stored reply, marked cached,
 *   or NULL (without an error) when there is none
 */
ErrataLlmReply *
errata_llm_cache_lookup (ErrataLlmCache  *self,
                         const char      *hash,
                         GError         **error)
{
  g_autofree char *json = NULL;
  ErrataLlmReply *reply;

  g_return_val_if_fail (ERRATA_IS_LLM_CACHE (self), NULL);
  g_return_val_if_fail (hash != NULL, NULL);

  if (self->memory != NULL)
    json = g_strdup (g_hash_table_lookup (self->memory, hash));
  else if (g_hash_table_contains (self->held, hash))
    json = g_strdup (g_hash_table_lookup (self->held, hash));
  else
    json = project_lookup (self, hash, error);

  if (json == NULL)
    return NULL;

  reply = errata_llm_reply_from_json (json, error);
  if (reply == NULL)
    return NULL;

  reply->cached = TRUE;
  self->n_hits++;
  return reply;
}

gboolean
errata_llm_cache_store (ErrataLlmCache        *self,
                        const char            *hash,
                        const ErrataLlmReply  *reply,
                        GError               **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (ERRATA_IS_LLM_CACHE (self), FALSE);
  g_return_val_if_fail (hash != NULL, FALSE);
  g_return_val_if_fail (reply != NULL, FALSE);

  json = errata_llm_reply_to_json (reply);

  if (self->memory != NULL)
    {
      g_hash_table_replace (self->memory, g_strdup (hash), g_steal_pointer (&json));
      return TRUE;
    }
  if (self->hold_count > 0)
    {
      g_hash_table_replace (self->held, g_strdup (hash), g_steal_pointer (&json));
      return TRUE;
    }

  return project_store (self, hash, json, error);
}

/**
 * errata_llm_cache_hold:
 *
 * From now on, until as many errata_llm_cache_release(), replies stored
 * in a project's cache wait in memory (lookups see them) for
 * errata_llm_cache_write_held(): a judge run writes them with its
 * verdicts, in the same transaction, instead of one commit per reply
 * (which cost as much as the rest of storing a verdict). A process
 * killed meanwhile loses the held replies with the verdicts of the batch.
 */
void
errata_llm_cache_hold (ErrataLlmCache *self)
{
  g_return_if_fail (ERRATA_IS_LLM_CACHE (self));

  self->hold_count++;
}

/**
 * errata_llm_cache_write_held:
 *
 * Writes the held replies, inside the caller's transaction when there is
 * one (else in one of its own). They are no longer held once written: a
 * transaction the caller then rolls back loses them, as it loses the
 * verdicts they gave (a later run asks again).
 */
gboolean
errata_llm_cache_write_held (ErrataLlmCache  *self,
                             GError         **error)
{
  GHashTableIter iter;
  gpointer hash, json;

  g_return_val_if_fail (ERRATA_IS_LLM_CACHE (self), FALSE);

  if (g_hash_table_size (self->held) == 0)
    return TRUE;
  g_assert (self->project != NULL);
  if (!errata_project_begin (self->project, error))
    return FALSE;
  g_hash_table_iter_init (&iter, self->held);
  while (g_hash_table_iter_next (&iter, &hash, &json))
    if (!project_store (self, hash, json, error))
      {
        errata_project_rollback (self->project);
        return FALSE;
      }
  if (!errata_project_commit (self->project, error))
    return FALSE;
  g_hash_table_remove_all (self->held);
  return TRUE;
}

/* Ends one hold; the last one writes what is still held, in a
 * transaction of its own. */
gboolean
errata_llm_cache_release (ErrataLlmCache  *self,
                          GError         **error)
{
  g_return_val_if_fail (ERRATA_IS_LLM_CACHE (self), FALSE);
  g_return_val_if_fail (self->hold_count > 0, FALSE);

  self->hold_count--;
  return self->hold_count > 0 || errata_llm_cache_write_held (self, error);
}

guint
errata_llm_cache_get_n_hits (ErrataLlmCache *self)
{
  g_return_val_if_fail (ERRATA_IS_LLM_CACHE (self), 0);

  return self->n_hits;
}
