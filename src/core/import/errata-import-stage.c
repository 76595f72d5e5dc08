/* errata-import-stage.c: holding records whose traces span many records.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OTLP exports and flat Langfuse observation lists interleave the spans of
 * many traces, and a trace is complete only at the end of the input. Its
 * pieces wait in a TEMP table of the project's own connection: memory
 * stays flat however big the export, SQLite sorts them by trace, and the
 * table vanishes with the connection. Grouping then builds one trace at a
 * time.
 */

#include "config.h"

#include "errata-import-private.h"
#include "errata-project-private.h"
#include "errata-json-guard.h"

#include <glib/gi18n-lib.h>

struct _ErrataImportStage
{
  ErrataProject *project;
  sqlite3_stmt  *insert;
  JsonParser    *parser;
  gboolean       in_transaction;
};

static const char create_sql[] =
  "CREATE TEMP TABLE IF NOT EXISTS errata_import_stage ("
  "  kind TEXT NOT NULL, grp TEXT NOT NULL, source TEXT NOT NULL,"
  "  start INTEGER NOT NULL, body TEXT NOT NULL);"
  "DELETE FROM temp.errata_import_stage;";

static const char insert_sql[] =
  "INSERT INTO temp.errata_import_stage (kind, grp, source, start, body)"
  " VALUES (?1, ?2, ?3, ?4, ?5)";

static const char select_sql[] =
  "SELECT kind, grp, source, body FROM temp.errata_import_stage"
  " ORDER BY kind, grp, start, rowid";

ErrataImportStage *
_errata_import_stage_new (ErrataProject  *project,
                          GError        **error)
{
  ErrataImportStage *stage;
  sqlite3 *db = _errata_project_get_db (project);

  if (sqlite3_exec (db, create_sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      /* Translators: completes “Could not %s: %s” and “The disk is full:
       * %s failed.”; the staging table holds spans until their trace is
       * complete. */
      _errata_project_set_error (project, error, _("prepare the import's staging table"));
      return NULL;
    }

  stage = g_new0 (ErrataImportStage, 1);
  stage->project = g_object_ref (project);
  stage->parser = json_parser_new ();
  if (sqlite3_prepare_v2 (db, insert_sql, -1, &stage->insert, NULL) != SQLITE_OK)
    {
      /* Translators: completes “Could not %s: %s” and “The disk is full:
       * %s failed.”; the staging table holds spans until their trace is
       * complete. */
      _errata_project_set_error (project, error, _("prepare the import's staging table"));
      _errata_import_stage_free (stage);
      return NULL;
    }
  return stage;
}

void
_errata_import_stage_free (ErrataImportStage *stage)
{
  if (stage == NULL)
    return;
  if (stage->in_transaction)
    sqlite3_exec (_errata_project_get_db (stage->project),
                  "ROLLBACK TO errata_stage; RELEASE errata_stage", NULL, NULL, NULL);
  g_clear_pointer (&stage->insert, sqlite3_finalize);
  sqlite3_exec (_errata_project_get_db (stage->project),
                "DROP TABLE IF EXISTS temp.errata_import_stage", NULL, NULL, NULL);
  g_object_unref (stage->parser);
  g_object_unref (stage->project);
  g_free (stage);
}

gboolean
_errata_import_stage_add (ErrataImportStage  *stage,
                          const char         *kind,
                          const char         *group,
                          const char         *source,
                          gint64              start,
                          JsonNode           *body,
                          GError            **error)
{
  g_autofree char *text = json_to_string (body, FALSE);
  int rc;

  /* One transaction for the whole staging: a commit per span would make
   * staging as slow as the disk's flushes. A deferred one (a bare
   * savepoint), not errata_project_begin()'s BEGIN IMMEDIATE: staging only
   * writes the TEMP table, and must not hold the project's write lock
   * while it reads the files, or every other writer waits. */
  if (!stage->in_transaction)
    {
      if (sqlite3_exec (_errata_project_get_db (stage->project), "SAVEPOINT errata_stage",
                        NULL, NULL, NULL) != SQLITE_OK)
        return _errata_project_set_error (stage->project, error,
                                          _("stage a span for grouping"));
      stage->in_transaction = TRUE;
    }

  sqlite3_bind_text (stage->insert, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stage->insert, 2, group, -1, SQLITE_STATIC);
  sqlite3_bind_text (stage->insert, 3, source, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stage->insert, 4, start);
  sqlite3_bind_text (stage->insert, 5, text, -1, SQLITE_STATIC);
  rc = sqlite3_step (stage->insert);
  sqlite3_reset (stage->insert);
  sqlite3_clear_bindings (stage->insert);
  if (rc != SQLITE_DONE)
    /* Translators: completes “Could not %s: %s” and “The disk is full: %s
     * failed.”; a span is one timed step of a trace. */
    return _errata_project_set_error (stage->project, error, _("stage a span for grouping"));
  return TRUE;
}

static JsonObject *
parse_body (ErrataImportStage *stage,
            const char        *text)
{
  g_autoptr(JsonNode) node = NULL;

  if (!errata_json_parser_load (stage->parser, text, -1, NULL))
    return NULL;
  node = json_parser_steal_root (stage->parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

typedef struct
{
  char      *kind;
  char      *group;
  char      *source;
  GPtrArray *items;   /* JsonObject */
} Group;

static void
group_reset (Group *group)
{
  g_clear_pointer (&group->kind, g_free);
  g_clear_pointer (&group->group, g_free);
  g_clear_pointer (&group->source, g_free);
  g_ptr_array_set_size (group->items, 0);
}

static gboolean
flush_group (Group                *group,
             ErrataImportContext  *ctx,
             ErrataImportReport   *report,
             ErrataStagedTraceFunc func,
             gpointer              user_data,
             GError              **error)
{
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *reason = NULL;

  if (group->group == NULL)
    return TRUE;

  ctx->source = group->source;
  if (g_str_equal (group->kind, "otel"))
    trace = _errata_import_otel_build (ctx, group->group, group->items, &local_error);
  else
    trace = _errata_import_langfuse_build (ctx, group->group, group->items, &local_error);

  if (trace == NULL)
    {
      /* Translators: a trace that was not imported; the first %s is its id
       * in the imported file, the second the reason. */
      reason = g_strdup_printf (_("trace %s: %s"), group->group, local_error->message);
      errata_import_report_add_skipped_trace (report, group->source, reason);
      return TRUE;
    }
  return func (trace, user_data, error);
}

gboolean
_errata_import_stage_convert (ErrataImportStage    *stage,
                              ErrataImportContext  *ctx,
                              ErrataImportReport   *report,
                              GCancellable         *cancellable,
                              ErrataStagedTraceFunc func,
                              gpointer              user_data,
                              GError              **error)
{
  sqlite3 *db = _errata_project_get_db (stage->project);
  Group group = { NULL, NULL, NULL, g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref) };
  sqlite3_stmt *select = NULL;
  gboolean ok = TRUE;
  int rc;

  if (stage->in_transaction)
    {
      stage->in_transaction = FALSE;
      if (sqlite3_exec (db, "RELEASE errata_stage", NULL, NULL, NULL) != SQLITE_OK)
        {
          g_ptr_array_unref (group.items);
          return _errata_project_set_error (stage->project, error,
                                            _("stage a span for grouping"));
        }
    }
  if (sqlite3_prepare_v2 (db, select_sql, -1, &select, NULL) != SQLITE_OK)
    {
      g_ptr_array_unref (group.items);
      /* Translators: completes “Could not %s: %s” and “The disk is full:
       * %s failed.”; staged spans wait until their trace is complete. */
      return _errata_project_set_error (stage->project, error, _("read the staged spans"));
    }

  while (ok && (rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *kind = (const char *)sqlite3_column_text (select, 0);
      const char *grp = (const char *)sqlite3_column_text (select, 1);
      JsonObject *body;

      if (group.group != NULL && (!g_str_equal (kind, group.kind) || !g_str_equal (grp, group.group)))
        {
          ok = flush_group (&group, ctx, report, func, user_data, error)
               && !g_cancellable_set_error_if_cancelled (cancellable, error);
          group_reset (&group);
        }
      if (group.group == NULL)
        {
          group.kind = g_strdup (kind);
          group.group = g_strdup (grp);
          group.source = g_strdup ((const char *)sqlite3_column_text (select, 2));
        }
      body = parse_body (stage, (const char *)sqlite3_column_text (select, 3));
      if (body != NULL)
        g_ptr_array_add (group.items, body);
    }
  if (ok && rc != SQLITE_DONE)
    /* Translators: completes “Could not %s: %s” and “The disk is full: %s
     * failed.”; staged spans wait until their trace is complete. */
    ok = _errata_project_set_error (stage->project, error, _("read the staged spans"));
  if (ok)
    ok = flush_group (&group, ctx, report, func, user_data, error);

  sqlite3_finalize (select);
  group_reset (&group);
  g_ptr_array_unref (group.items);
  return ok;
}
