/* errata-project-copy.c: "Share a Copy". The copy is taken with SQLite's
 * online backup API from a connection of its own, so the project can stay
 * open (and be written to) in the window: the copy holds every committed
 * transaction and nothing uncommitted. The copy is then trimmed and
 * redacted in a temporary file next to the destination, its search indexes
 * are rebuilt, it is vacuumed (so that no freed page keeps the text that
 * was removed) and put in rollback-journal mode (so the file alone is
 * whole), and only then renamed into place. The original is only read.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-project-copy.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <unistd.h>

#include "errata-project-private.h"
#include "errata-trace.h"

typedef struct
{
  char     *label;
  char     *replacement;
  GRegex   *regex;       /* NULL for a metadata key rule */
  char     *key;         /* casefolded, for a key rule */
  gboolean  phone;       /* a match only counts with 9 to 15 digits */
  guint64   count;
} Rule;

struct _ErrataCopyOptions
{
  gboolean   leave_out_cache;
  gboolean   keep_imported;
  char      *only_reviewer;
  GPtrArray *rules;
};

G_DEFINE_BOXED_TYPE (ErrataCopyOptions, errata_copy_options,
                     errata_copy_options_ref, errata_copy_options_unref)

/* The defaults. The phone pattern wants digit groups with separators (or
 * a leading + and 9 to 15 digits); dates and plain ids also have digit
 * groups, hence the digit count checked on every match. */
static const char email_pattern[] =
  "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}";
static const char phone_pattern[] =
  "(?<![\\w+])(?:\\+\\d{9,15}|(?:\\+\\d{1,3}[\\s.-]?)?(?:\\(\\d{1,4}\\)[\\s.-]?|\\d{1,4}[\\s.-])"
  "(?:\\d{2,4}[\\s.-]){1,3}\\d{2,4})(?![\\w:])";
static const char * const default_keys[] = {
  "user_id", "userid", "email", "e-mail", "phone", "phone_number", "ip", "ip_address",
};

static void
rule_free (gpointer data)
{
  Rule *rule = data;

  g_free (rule->label);
  g_free (rule->replacement);
  g_clear_pointer (&rule->regex, g_regex_unref);
  g_free (rule->key);
  g_free (rule);
}

static void
options_clear (gpointer data)
{
  ErrataCopyOptions *self = data;

  g_free (self->only_reviewer);
  g_ptr_array_unref (self->rules);
}

ErrataCopyOptions *
errata_copy_options_new (void)
{
  ErrataCopyOptions *self = g_rc_box_new0 (ErrataCopyOptions);

  self->keep_imported = TRUE;
  self->rules = g_ptr_array_new_with_free_func (rule_free);
  return self;
}

ErrataCopyOptions *
errata_copy_options_ref (ErrataCopyOptions *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_rc_box_acquire (self);
}

void
errata_copy_options_unref (ErrataCopyOptions *self)
{
  g_return_if_fail (self != NULL);
  g_rc_box_release_full (self, options_clear);
}

void
errata_copy_options_set_leave_out_cache (ErrataCopyOptions *self,
                                         gboolean           leave_out)
{
  g_return_if_fail (self != NULL);
  self->leave_out_cache = leave_out;
}

/* Keeps only `reviewer`'s reviews (NULL: everyone's). */
void
errata_copy_options_set_only_reviewer (ErrataCopyOptions *self,
                                       const char        *reviewer)
{
  g_return_if_fail (self != NULL);
  g_free (self->only_reviewer);
  self->only_reviewer = g_strdup (reviewer);
}

/* Whether imported labels stay when only one reviewer's reviews are kept
 * (the default): they came in with the data, not from a colleague, and the
 * splits and judge metrics of the copy stand on them. */
void
errata_copy_options_set_keep_imported (ErrataCopyOptions *self,
                                       gboolean           keep)
{
  g_return_if_fail (self != NULL);
  self->keep_imported = keep;
}

static Rule *
add_regex_rule (ErrataCopyOptions  *self,
                const char         *label,
                const char         *pattern,
                const char         *replacement,
                GError            **error)
{
  g_autoptr(GRegex) regex = NULL;
  Rule *rule;

  regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, error);
  if (regex == NULL)
    {
      g_prefix_error (error, _("“%s” is not a valid regular expression: "), pattern);
      return NULL;
    }
  rule = g_new0 (Rule, 1);
  rule->label = g_strdup (label);
  rule->replacement = g_strdup (replacement);
  rule->regex = g_steal_pointer (&regex);
  g_ptr_array_add (self->rules, rule);
  return rule;
}

gboolean
errata_copy_options_add_pattern (ErrataCopyOptions  *self,
                                 const char         *pattern,
                                 GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (pattern != NULL, FALSE);

  return add_regex_rule (self, pattern, pattern, "[redacted]", error) != NULL;
}

void
errata_copy_options_add_key (ErrataCopyOptions *self,
                             const char        *key)
{
  Rule *rule;

  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  rule = g_new0 (Rule, 1);
  /* Translators: a redaction rule, e.g. "metadata key user_id". */
  rule->label = g_strdup_printf (_("Metadata key %s"), key);
  rule->replacement = g_strdup ("[redacted]");
  rule->key = g_utf8_casefold (key, -1);
  g_ptr_array_add (self->rules, rule);
}

void
errata_copy_options_add_default_redactions (ErrataCopyOptions *self)
{
  Rule *rule;

  g_return_if_fail (self != NULL);

  add_regex_rule (self, _("E-mail addresses"), email_pattern, "[email]", NULL);
  rule = add_regex_rule (self, _("Phone numbers"), phone_pattern, "[phone]", NULL);
  rule->phone = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (default_keys); i++)
    errata_copy_options_add_key (self, default_keys[i]);
}

guint
errata_copy_options_get_n_rules (ErrataCopyOptions *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rules->len;
}

const char *
errata_copy_options_get_rule_label (ErrataCopyOptions *self,
                                    guint              rule)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (rule < self->rules->len, NULL);
  return ((Rule *)g_ptr_array_index (self->rules, rule))->label;
}

/* How many replacements the rule made in the last copy or dry run. */
guint64
errata_copy_options_get_rule_count (ErrataCopyOptions *self,
                                    guint              rule)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (rule < self->rules->len, 0);
  return ((Rule *)g_ptr_array_index (self->rules, rule))->count;
}

/* Redacting text */

typedef struct
{
  Rule     *rule;
  gboolean  count;
} Replacing;

static gboolean
replace_match (const GMatchInfo *info,
               GString          *result,
               gpointer          user_data)
{
  Replacing *replacing = user_data;
  g_autofree char *match = g_match_info_fetch (info, 0);
  guint digits = 0;

  for (const char *p = match; *p; p++)
    digits += g_ascii_isdigit (*p);
  if (replacing->rule->phone && (digits < 9 || digits > 15))
    {
      g_string_append (result, match);
      return FALSE;
    }
  g_string_append (result, replacing->rule->replacement);
  if (replacing->count)
    replacing->rule->count++;
  return FALSE;
}

/* Returns the redacted text, or NULL when no rule matched. */
static char *
redact_text (ErrataCopyOptions *self,
             const char        *text,
             gboolean           count)
{
  g_autofree char *current = NULL;

  for (guint i = 0; i < self->rules->len; i++)
    {
      Replacing replacing = { g_ptr_array_index (self->rules, i), count };
      char *replaced;

      if (replacing.rule->regex == NULL ||
          !g_regex_match (replacing.rule->regex, current ? current : text, 0, NULL))
        continue;
      replaced = g_regex_replace_eval (replacing.rule->regex, current ? current : text, -1, 0, 0,
                                       replace_match, &replacing, NULL);
      if (replaced != NULL)
        {
          g_free (current);
          current = replaced;
        }
    }
  if (current != NULL && g_strcmp0 (current, text) == 0)
    g_clear_pointer (&current, g_free);
  return g_steal_pointer (&current);
}

static Rule *
key_rule (ErrataCopyOptions *self,
          const char        *key)
{
  g_autofree char *folded = g_utf8_casefold (key, -1);

  for (guint i = 0; i < self->rules->len; i++)
    {
      Rule *rule = g_ptr_array_index (self->rules, i);

      if (rule->key != NULL && g_str_equal (rule->key, folded))
        return rule;
    }
  return NULL;
}

static gboolean redact_node (ErrataCopyOptions *self,
                             JsonNode          *node,
                             gboolean           count);

static gboolean
redact_object (ErrataCopyOptions *self,
               JsonObject        *object,
               gboolean           count)
{
  g_autoptr(GList) members = json_object_get_members (object);
  gboolean changed = FALSE;

  for (GList *l = members; l; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);
      Rule *rule = key_rule (self, l->data);

      if (rule != NULL && !JSON_NODE_HOLDS_NULL (value))
        {
          if (JSON_NODE_HOLDS_VALUE (value) &&
              g_strcmp0 (json_node_get_string (value), rule->replacement) == 0)
            continue;
          json_object_set_string_member (object, l->data, rule->replacement);
          rule->count += count ? 1 : 0;
          changed = TRUE;
        }
      else
        changed |= redact_node (self, value, count);
    }
  return changed;
}

static gboolean
redact_node (ErrataCopyOptions *self,
             JsonNode          *node,
             gboolean           count)
{
  gboolean changed = FALSE;

  if (JSON_NODE_HOLDS_OBJECT (node))
    return redact_object (self, json_node_get_object (node), count);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        changed |= redact_node (self, json_array_get_element (array, i), count);
      return changed;
    }
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *text = redact_text (self, json_node_get_string (node), count);

      if (text != NULL)
        json_node_set_string (node, text);
      return text != NULL;
    }
  return FALSE;
}

/* Redacts string values and the values of redacted keys; text that is
 * not JSON is redacted as text. Returns NULL when nothing changed. */
static char *
redact_json (ErrataCopyOptions *self,
             const char        *text,
             gboolean           count)
{
  /* Mutable: the redacted strings are set in place. */
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL)
    return redact_text (self, text, count);
  if (!redact_node (self, root, count))
    return NULL;
  return json_to_string (root, FALSE);
}

/* Where redaction applies. Input and output repeat the messages' text, and
 * a raw reply repeats its reasoning: redacted, not counted twice. */
typedef struct
{
  const char *table;
  const char *keys;
  guint       n_keys;
  const char *column;
  gboolean    json;
  gboolean    counted;
} Column;

static const Column redacted_columns[] = {
  { "traces", "id", 1, "messages", TRUE, TRUE },
  { "traces", "id", 1, "metadata", TRUE, TRUE },
  { "traces", "id", 1, "input", FALSE, FALSE },
  { "traces", "id", 1, "output", FALSE, FALSE },
  { "annotations", "id", 1, "note", FALSE, TRUE },
  { "explicit_labels", "target, trace_id", 2, "reason", FALSE, TRUE },
  { "label_history", "id", 1, "reason", FALSE, TRUE },
  { "verdicts", "run_id, trace_id", 2, "reasoning", FALSE, TRUE },
  { "verdicts", "run_id, trace_id", 2, "raw", TRUE, FALSE },
};

/* The annotations a copy keeps, with ?1 the reviewer and ?2 whether
 * imported labels stay. */
static const char kept_annotation_sql[] =
  "(?1 IS NULL OR (origin = 'imported' AND ?2) OR (origin <> 'imported' AND annotator = ?1))";

static gboolean
set_sqlite_error (sqlite3     *db,
                  GError     **error,
                  const char  *what)
{
  g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_FAILED,
               _("Could not %s: %s"), what, sqlite3_errmsg (db));
  return FALSE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    set_sqlite_error (db, error, _("read the project"));
  return stmt;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error, _("write the copy"));
  return TRUE;
}

static void
bind_kept_annotations (ErrataCopyOptions *self,
                       sqlite3_stmt      *stmt)
{
  sqlite3_bind_text (stmt, 1, self->only_reviewer, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, self->keep_imported);
}

static gboolean
write_redacted (sqlite3_stmt  *update,
                const Column  *column,
                sqlite3_stmt  *row,
                const char    *text,
                GError       **error)
{
  int rc;

  sqlite3_bind_text (update, 1, text, -1, SQLITE_STATIC);
  for (guint k = 0; k < column->n_keys; k++)
    sqlite3_bind_value (update, 2 + k, sqlite3_column_value (row, k));
  rc = sqlite3_step (update);
  sqlite3_reset (update);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (sqlite3_db_handle (update), error, _("write the copy"));
  return TRUE;
}

/* Redacts one column of the copy (update != NULL), or counts what would be
 * redacted in the original (update == NULL, a dry run). */
static gboolean
redact_column (ErrataCopyOptions  *self,
               sqlite3            *db,
               const Column       *column,
               gboolean            write,
               GCancellable       *cancellable,
               GError            **error)
{
  g_autofree char *select_sql = NULL;
  g_autofree char *update_sql = NULL;
  g_autofree char *placeholders = NULL;
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *update = NULL;
  gboolean filtered = g_str_equal (column->table, "annotations");
  gboolean ok = TRUE;
  guint n = 0;
  int rc = SQLITE_DONE;

  select_sql = g_strdup_printf ("SELECT %s, %s FROM %s WHERE %s IS NOT NULL AND %s",
                                column->keys, column->column, column->table, column->column,
                                filtered && !write ? kept_annotation_sql : "1");
  placeholders = column->n_keys == 1 ? g_strdup ("?2") : g_strdup ("?2, ?3");
  update_sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE (%s) = (%s)", column->table,
                                column->column, column->keys, placeholders);
  select = prepare (db, select_sql, error);
  if (select == NULL || (write && (update = prepare (db, update_sql, error)) == NULL))
    ok = FALSE;
  if (ok && filtered && !write)
    bind_kept_annotations (self, select);

  while (ok && (rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *text = (const char *)sqlite3_column_text (select, column->n_keys);
      g_autofree char *redacted = NULL;

      if ((++n % 256) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else if (text != NULL)
        redacted = column->json ? redact_json (self, text, column->counted)
                                : redact_text (self, text, column->counted);
      if (ok && redacted != NULL && write)
        ok = write_redacted (update, column, select, redacted, error);
    }
  if (ok && rc != SQLITE_DONE)
    ok = set_sqlite_error (db, error, _("read the project"));
  sqlite3_finalize (select);
  sqlite3_finalize (update);
  return ok;
}

static gboolean
redact_all (ErrataCopyOptions  *self,
            sqlite3            *db,
            gboolean            write,
            GCancellable       *cancellable,
            GError            **error)
{
  for (guint i = 0; i < self->rules->len; i++)
    ((Rule *)g_ptr_array_index (self->rules, i))->count = 0;
  if (self->rules->len == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (redacted_columns); i++)
    if (!redact_column (self, db, &redacted_columns[i], write, cancellable, error))
      return FALSE;
  return TRUE;
}

/* Connections */

static sqlite3 *
open_db (const char  *path,
         int          flags,
         GError     **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND,
                   _("Could not open “%s”: %s"), path,
                   db ? sqlite3_errmsg (db) : _("out of memory"));
      sqlite3_close (db);
      return NULL;
    }
  /* As for any project: a file can come from anyone. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return ok;
}

/* A read-only connection of our own: in WAL mode it sees every committed
 * transaction, whatever the window's connection is doing. */
static sqlite3 *
open_source (GFile   *project,
             GError **error)
{
  g_autofree char *path = g_file_get_path (project);
  sqlite3 *db;
  gint64 app_id = 0;
  gint64 version = -1;

  if (path == NULL)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID,
                   _("Only a project on a local file system can be copied."));
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND,
                   _("“%s” does not exist."), path);
      return NULL;
    }
  db = open_db (path, SQLITE_OPEN_READONLY, error);
  if (db == NULL)
    return NULL;
  if (!query_int (db, "PRAGMA application_id", &app_id) ||
      app_id != ERRATA_PROJECT_APPLICATION_ID ||
      !query_int (db, "PRAGMA user_version", &version) ||
      version != ERRATA_PROJECT_SCHEMA_VERSION)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID,
                   _("“%s” is not an Errata project of this version. Open it in Errata "
                     "once, then copy it."), path);
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* Copies the whole of `source` (its last committed state) into the file at
 * `path`, in one step: an incremental backup restarts whenever another
 * connection writes, and a busy project might never let it finish. */
gboolean
_errata_project_backup_to (sqlite3     *source,
                           const char  *path,
                           GError     **error)
{
  sqlite3 *dest;
  sqlite3_backup *backup;
  int rc;

  dest = open_db (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (dest == NULL)
    return FALSE;
  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    {
      set_sqlite_error (dest, error, _("copy the project"));
      sqlite3_close (dest);
      return FALSE;
    }
  while ((rc = sqlite3_backup_step (backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
    sqlite3_sleep (20);
  sqlite3_backup_finish (backup);
  /* The copied header says WAL, like the original's: a file that is mailed
   * or kept must be whole without a -wal beside it. */
  if (rc != SQLITE_DONE)
    g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_FAILED,
                 _("Could not copy the project: %s"), sqlite3_errstr (rc));
  else if (sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (dest, error, _("copy the project"));
      rc = SQLITE_ERROR;
    }
  sqlite3_close (dest);
  return rc == SQLITE_DONE;
}

/* Trimming and redacting the copy */

static gboolean
leave_out (ErrataCopyOptions  *self,
           sqlite3            *db,
           GError            **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *sql = NULL;
  int rc;

  /* Replies of a redacted copy are left out too: they quote the text that
   * was redacted, and their keys hash the unredacted prompts, so no run
   * on the copy could hit them anyway. */
  if ((self->leave_out_cache || self->rules->len > 0) &&
      !exec (db, "DELETE FROM llm_cache", error))
    return FALSE;
  if (self->only_reviewer == NULL)
    return TRUE;
  sql = g_strdup_printf ("DELETE FROM annotations WHERE NOT %s", kept_annotation_sql);
  if ((stmt = prepare (db, sql, error)) == NULL)
    return FALSE;
  bind_kept_annotations (self, stmt);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (db, error, _("write the copy"));
  return TRUE;
}

static gboolean
index_trace (sqlite3_stmt  *insert,
             gint64         id,
             const char    *messages)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(ErrataTrace) trace = errata_trace_new ();
  g_autofree char *body = NULL;
  JsonNode *root;
  int rc;

  if (json_parser_load_from_data (parser, messages, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    errata_trace_set_messages (trace, json_node_get_array (root));
  body = errata_trace_dup_search_body (trace);
  /* As errata-project-traces.c indexes: the body alone. */
  sqlite3_bind_int64 (insert, 1, id);
  sqlite3_bind_text (insert, 2, body, -1, SQLITE_STATIC);
  rc = sqlite3_step (insert);
  sqlite3_reset (insert);
  return rc == SQLITE_DONE;
}

/* traces_fts is contentless: its postings still hold every word that was
 * redacted until it is emptied and filled again from the redacted text. */
static gboolean
reindex_traces (sqlite3       *db,
                GCancellable  *cancellable,
                GError       **error)
{
  sqlite3_stmt *select;
  sqlite3_stmt *insert;
  gboolean ok = TRUE;
  guint n = 0;

  if (!exec (db, "INSERT INTO traces_fts (traces_fts) VALUES ('delete-all')", error))
    return FALSE;
  select = prepare (db, "SELECT id, messages FROM traces", error);
  insert = select ? prepare (db, "INSERT INTO traces_fts (rowid, input, output, body)"
                                 " VALUES (?1, '', '', ?2)", error) : NULL;
  ok = insert != NULL;
  while (ok && sqlite3_step (select) == SQLITE_ROW)
    {
      if ((++n % 256) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else if (!index_trace (insert, sqlite3_column_int64 (select, 0),
                             (const char *)sqlite3_column_text (select, 1)))
        ok = set_sqlite_error (db, error, _("index the copy for search"));
    }
  sqlite3_finalize (select);
  sqlite3_finalize (insert);
  return ok;
}

static gboolean
trim_and_redact (ErrataCopyOptions  *self,
                 const char         *path,
                 GCancellable       *cancellable,
                 GError            **error)
{
  sqlite3 *db = open_db (path, SQLITE_OPEN_READWRITE, error);
  gboolean ok;

  if (db == NULL)
    return FALSE;
  ok = exec (db, "PRAGMA foreign_keys = ON; BEGIN IMMEDIATE", error) &&
       leave_out (self, db, error) &&
       redact_all (self, db, TRUE, cancellable, error) &&
       (self->rules->len == 0 || reindex_traces (db, cancellable, error)) &&
       /* External content: deleted or redacted notes leave their old words. */
       ((self->rules->len == 0 && self->only_reviewer == NULL) ||
        exec (db, "INSERT INTO notes_fts (notes_fts) VALUES ('rebuild')", error)) &&
       exec (db, "COMMIT", error) &&
       /* No freed page may keep what was left out or redacted. */
       exec (db, "VACUUM", error);
  if (!ok)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  return ok;
}

static gboolean
is_same_file (const char *a,
              const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static char *
create_temporary (const char  *dest_path,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (dest_path);
  g_autofree char *base = g_path_get_basename (dest_path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  char *path = g_build_filename (dir, name, NULL);
  int fd = g_mkstemp_full (path, O_RDWR, 0644);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write in “%s”: %s"), dir, g_strerror (saved));
      g_free (path);
      return NULL;
    }
  close (fd);
  return path;
}

static void
remove_temporary (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (journal);
  g_unlink (wal);
  g_unlink (shm);
}

/* Counts per rule, from the original, what a copy with `options` would
 * redact. Nothing is written. */
gboolean
errata_project_copy_dry_run (GFile              *project,
                             ErrataCopyOptions  *options,
                             GCancellable       *cancellable,
                             GError            **error)
{
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (project), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((db = open_source (project, error)) == NULL)
    return FALSE;
  ok = exec (db, "BEGIN", error) &&
       redact_all (options, db, FALSE, cancellable, error);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  return ok;
}

/* Writes a copy of `project` to `destination` (replacing it), leaving the
 * original untouched. The counts per rule are those of the copy. */
gboolean
errata_project_copy (GFile              *project,
                     GFile              *destination,
                     ErrataCopyOptions  *options,
                     GCancellable       *cancellable,
                     GError            **error)
{
  g_autofree char *source_path = NULL;
  g_autofree char *dest_path = NULL;
  g_autofree char *temporary = NULL;
  sqlite3 *source;
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  source_path = g_file_get_path (project);
  dest_path = g_file_get_path (destination);
  if (dest_path == NULL)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID,
                   _("A copy can only be written to a local file system."));
      return FALSE;
    }
  if (source_path != NULL && is_same_file (source_path, dest_path))
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_EXISTS,
                   _("The copy cannot replace the project itself. Choose another name."));
      return FALSE;
    }
  if ((source = open_source (project, error)) == NULL)
    return FALSE;
  temporary = create_temporary (dest_path, error);
  ok = temporary != NULL && _errata_project_backup_to (source, temporary, error);
  sqlite3_close (source);
  ok = ok && trim_and_redact (options, temporary, cancellable, error);
  /* Cancelled (the dialog closed) after the last check: no file appears. */
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (ok && g_rename (temporary, dest_path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), dest_path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok && temporary != NULL)
    remove_temporary (temporary);
  return ok;
}

typedef struct
{
  GFile             *project;
  GFile             *destination;
  ErrataCopyOptions *options;
} CopyData;

static void
copy_data_free (gpointer data)
{
  CopyData *copy = data;

  g_clear_object (&copy->project);
  g_clear_object (&copy->destination);
  g_clear_pointer (&copy->options, errata_copy_options_unref);
  g_free (copy);
}

static void
copy_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CopyData *copy = task_data;
  GError *error = NULL;
  gboolean ok;

  if (copy->destination == NULL)
    ok = errata_project_copy_dry_run (copy->project, copy->options, cancellable, &error);
  else
    ok = errata_project_copy (copy->project, copy->destination, copy->options, cancellable,
                              &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* With destination NULL, a dry run. `options` must not change until the
 * callback; the counts are read from it then. */
void
errata_project_copy_async (GFile               *project,
                           GFile               *destination,
                           ErrataCopyOptions   *options,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CopyData *copy;

  g_return_if_fail (G_IS_FILE (project));
  g_return_if_fail (destination == NULL || G_IS_FILE (destination));
  g_return_if_fail (options != NULL);

  copy = g_new0 (CopyData, 1);
  copy->project = g_object_ref (project);
  copy->destination = destination ? g_object_ref (destination) : NULL;
  copy->options = errata_copy_options_ref (options);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_project_copy_async);
  g_task_set_task_data (task, copy, copy_data_free);
  g_task_run_in_thread (task, copy_in_thread);
}

gboolean
errata_project_copy_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
