/* errata-eval-verdicts.c: a run's verdicts as a table anyone can recompute
 * the metrics from: one row per trace with its external id, split, human
 * label (today's ground truth), the verdict, the reasoning and the error.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-eval-metrics.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "errata-csv.h"
#include "errata-eval-runs.h"
#include "errata-evaluators.h"
#include "errata-ground-truth.h"
#include "errata-project-private.h"

static const char verdicts_sql[] =
  "SELECT t.id, t.external_id, t.source, ifnull (s.split, ''), v.verdict, v.reasoning,"
  " ifnull (v.error, '')"
  " FROM verdicts v JOIN traces t ON t.id = v.trace_id"
  " LEFT JOIN splits s ON s.target = ?2 AND s.trace_id = v.trace_id"
  " WHERE v.run_id = ?1 ORDER BY t.id";

static const char *
human_label (GHashTable *truth,
             gint64      trace_id)
{
  ErrataTruth *label = g_hash_table_lookup (truth, &trace_id);

  if (label == NULL)
    return "";
  if (label->disputed)
    return "disputed";
  return label->value == ERRATA_VERDICT_UNSET ? "" : errata_verdict_to_string (label->value);
}

static char *
csv_row (const char * const *fields,
         guint               n_fields)
{
  GString *line = g_string_new (NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (line, ',');
      errata_csv_append_field (line, fields[i]);
    }
  g_string_append_c (line, '\n');
  return g_string_free (line, FALSE);
}

static char *
jsonl_row (const char * const *names,
           const char * const *fields,
           guint               n_fields)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; i < n_fields; i++)
    {
      json_builder_set_member_name (builder, names[i]);
      if (*fields[i] == '\0')
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, fields[i]);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  return g_strconcat (text, "\n", NULL);
}

static const char * const column_names[] = {
  "id", "source", "split", "human", "verdict", "reasoning", "error",
};

gboolean
errata_eval_write_verdicts (ErrataProject         *project,
                            gint64                 run_id,
                            ErrataVerdictsFormat   format,
                            GOutputStream         *stream,
                            GCancellable          *cancellable,
                            GError               **error)
{
  g_autoptr(ErrataRunInfo) run = NULL;
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(GArray) truths = NULL;
  g_autoptr(GHashTable) truth = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  run = errata_eval_runs_get (project, run_id, error);
  evaluator = run ? errata_evaluators_get (project, run->evaluator_id, error) : NULL;
  truths = evaluator ? errata_ground_truth_list (project, evaluator->target, error) : NULL;
  if (truths == NULL)
    return FALSE;
  for (guint i = 0; i < truths->len; i++)
    g_hash_table_insert (truth, &g_array_index (truths, ErrataTruth, i).trace_id,
                         &g_array_index (truths, ErrataTruth, i));
  if (format == ERRATA_VERDICTS_CSV)
    {
      g_autofree char *header = csv_row (column_names, G_N_ELEMENTS (column_names));

      if (!g_output_stream_write_all (stream, header, strlen (header), NULL, cancellable, error))
        return FALSE;
    }

  stmt = _errata_project_cached (project, verdicts_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int64 (stmt, 2, evaluator->target);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *fields[G_N_ELEMENTS (column_names)];
      g_autofree char *row = NULL;

      for (guint i = 0; i < 3; i++)
        fields[i] = (const char *)sqlite3_column_text (stmt, i + 1);
      fields[3] = human_label (truth, sqlite3_column_int64 (stmt, 0));
      for (guint i = 4; i < G_N_ELEMENTS (column_names); i++)
        fields[i] = (const char *)sqlite3_column_text (stmt, i);
      for (guint i = 0; i < G_N_ELEMENTS (column_names); i++)
        if (fields[i] == NULL)
          fields[i] = "";
      row = format == ERRATA_VERDICTS_CSV ? csv_row (fields, G_N_ELEMENTS (fields))
                                          : jsonl_row (column_names, fields, G_N_ELEMENTS (fields));
      ok = g_output_stream_write_all (stream, row, strlen (row), NULL, cancellable, error);
    }
  sqlite3_reset (stmt);
  if (ok && rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("read the verdicts"));
  return ok;
}
