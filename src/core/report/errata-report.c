/* errata-report.c: the report's coverage and method, and the whole of it
 * gathered from the project as it stands.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-report.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "errata-ground-truth.h"
#include "errata-project-private.h"
#include "errata-report-private.h"
#include "errata-taxonomy.h"

/* Reviewed here, reviewers here, reviewed traces a reviewer here failed,
 * traces with an imported label (a verdict or a note that came in with a
 * file). */
static const char coverage_sql[] =
  "SELECT (SELECT count (*) FROM traces),"
  " (SELECT count (DISTINCT a.trace_id) FROM annotations a WHERE " ERRATA_REPORT_REVIEW "),"
  " (SELECT count (DISTINCT a.annotator) FROM annotations a WHERE " ERRATA_REPORT_REVIEW "),"
  " (SELECT count (DISTINCT a.trace_id) FROM annotations a"
  "   WHERE " ERRATA_REPORT_REVIEW " AND a.verdict = 'fail'),"
  " (SELECT count (DISTINCT a.trace_id) FROM annotations a WHERE a.origin = 'imported'"
  "   AND (a.verdict IS NOT NULL OR a.note <> ''))";

/* The order of the reviews made here, with the modes each one's notes
 * sit in: the saturation curve of the reviews this report counts. */
static const char saturation_sql[] =
  "SELECT a.trace_id, min (a.created_at) AS first_review, group_concat (s.failure_mode_id)"
  " FROM annotations a LEFT JOIN assignments s ON s.annotation_id = a.id"
  " WHERE " ERRATA_REPORT_REVIEW
  " GROUP BY a.trace_id ORDER BY first_review, a.trace_id";

static const char splits_sql[] =
  "SELECT target, sum (split = 'train'), sum (split = 'dev'), sum (split = 'test')"
  " FROM splits GROUP BY target ORDER BY target";

/* Synthetic traces (metadata.dimensions is an object) in the first row,
 * its key NULL; then each dimension's values and their counts. One scan
 * of the metadata, the longest read of the report (100,000 traces: 0.2 s). */
static const char dimensions_sql[] =
  "WITH dims AS MATERIALIZED ("
  "  SELECT json_extract (m.j, '$.dimensions') AS d"
  "  FROM (SELECT errata_text (t.metadata) AS j FROM traces t) m"
  "  WHERE json_valid (m.j) AND json_type (m.j, '$.dimensions') = 'object')"
  " SELECT NULL, NULL, count (*) FROM dims"
  " UNION ALL"
  " SELECT e.key, CAST (e.value AS TEXT), count (*) FROM dims, json_each (dims.d) e"
  "   GROUP BY 1, 2"
  " ORDER BY 1, 3 DESC, 2";

const char *
_errata_report_column_text (sqlite3_stmt *stmt,
                            int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

static gboolean
step_done (ErrataProject  *project,
           sqlite3_stmt   *stmt,
           int             rc,
           GError        **error)
{
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  return _errata_project_set_error (project, error, _("read the report’s numbers"));
}

static gboolean
gather_coverage (ErrataProject  *project,
                 ErrataReport   *report,
                 GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, coverage_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      report->n_traces = sqlite3_column_int (stmt, 0);
      report->n_reviewed = sqlite3_column_int (stmt, 1);
      report->n_reviewers = sqlite3_column_int (stmt, 2);
      report->n_failed = sqlite3_column_int (stmt, 3);
      report->n_imported = sqlite3_column_int (stmt, 4);
      rc = SQLITE_DONE;
    }
  return step_done (project, stmt, rc, error);
}

static gboolean
gather_saturation (ErrataProject  *project,
                   ErrataReport   *report,
                   GError        **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = _errata_project_cached (project, saturation_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto (GStrv) ids = g_strsplit (_errata_report_column_text (stmt, 2), ",", -1);
      guint distinct;

      for (guint i = 0; ids[i] != NULL; i++)
        if (*ids[i] != '\0')
          g_hash_table_add (seen, g_strdup (ids[i]));
      distinct = g_hash_table_size (seen);
      g_array_append_val (report->saturation, distinct);
    }
  if (!step_done (project, stmt, rc, error))
    return FALSE;
  report->saturated = errata_taxonomy_is_saturated (report->saturation,
                                                    ERRATA_REPORT_SATURATION_WINDOW);
  return TRUE;
}

static void
report_split_free (ErrataReportSplit *split)
{
  g_free (split->target);
  g_free (split);
}

static gboolean
gather_splits (ErrataProject  *project,
               ErrataReport   *report,
               GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, splits_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ErrataReportSplit *split = g_new0 (ErrataReportSplit, 1);

      split->target = errata_target_describe (project, sqlite3_column_int64 (stmt, 0));
      split->train = sqlite3_column_int (stmt, 1);
      split->dev = sqlite3_column_int (stmt, 2);
      split->test = sqlite3_column_int (stmt, 3);
      g_ptr_array_add (report->splits, split);
    }
  return step_done (project, stmt, rc, error);
}

static void
report_dimension_free (ErrataReportDimension *dimension)
{
  g_free (dimension->dimension);
  g_free (dimension->value);
  g_free (dimension);
}

static gboolean
gather_dimensions (ErrataProject  *project,
                   ErrataReport   *report,
                   GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, dimensions_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ErrataReportDimension *dimension;

      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        {
          report->n_synthetic = sqlite3_column_int (stmt, 2);
          continue;
        }
      dimension = g_new0 (ErrataReportDimension, 1);
      dimension->dimension = g_strdup (_errata_report_column_text (stmt, 0));
      dimension->value = g_strdup (_errata_report_column_text (stmt, 1));
      dimension->count = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (report->dimensions, dimension);
    }
  return step_done (project, stmt, rc, error);
}

static char *
title_of_project (ErrataProject *project)
{
  g_autofree char *basename = g_file_get_basename (errata_project_get_file (project));

  if (g_str_has_suffix (basename, ".errata"))
    basename[strlen (basename) - strlen (".errata")] = '\0';
  return g_steal_pointer (&basename);
}

static ErrataReport *
report_new (ErrataProject *project)
{
  ErrataReport *report = g_new0 (ErrataReport, 1);

  report->title = title_of_project (project);
  report->generated_at = g_get_real_time ();
  report->saturation = g_array_new (FALSE, FALSE, sizeof (guint));
  report->modes = g_ptr_array_new_with_free_func ((GDestroyNotify)_errata_report_mode_free);
  report->judges = g_ptr_array_new_with_free_func ((GDestroyNotify)_errata_report_judge_free);
  report->splits = g_ptr_array_new_with_free_func ((GDestroyNotify)report_split_free);
  report->dimensions = g_ptr_array_new_with_free_func ((GDestroyNotify)report_dimension_free);
  return report;
}

/* Reads only: a read-only file (a project someone mailed) gives its
 * report too. */
ErrataReport *
errata_report_gather (ErrataProject  *project,
                      GError        **error)
{
  g_autoptr(ErrataReport) report = NULL;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  report = report_new (project);
  if (!gather_coverage (project, report, error)
      || !gather_saturation (project, report, error)
      || !gather_splits (project, report, error)
      || !gather_dimensions (project, report, error)
      || !_errata_report_gather_modes (project, report, error)
      || !_errata_report_gather_judges (project, report, error))
    {
      g_prefix_error (error, _("Could not gather the report: "));
      return NULL;
    }
  _errata_report_gather_experiment (project, report);
  return g_steal_pointer (&report);
}

static void
gather_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_autoptr(ErrataProject) project = NULL;
  ErrataReport *report;
  GError *error = NULL;

  project = errata_project_open (task_data, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  report = project != NULL ? errata_report_gather (project, &error) : NULL;
  if (project != NULL)
    errata_project_close (project);
  if (report == NULL)
    g_task_return_error (task, error);
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, report, (GDestroyNotify)errata_report_free);
  else
    errata_report_free (report);
}

void
errata_report_gather_async (GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_report_gather_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, gather_in_thread);
}

ErrataReport *
errata_report_gather_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, errata_report_gather_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
errata_report_free (ErrataReport *report)
{
  if (report == NULL)
    return;
  g_free (report->title);
  g_clear_pointer (&report->saturation, g_array_unref);
  g_clear_pointer (&report->modes, g_ptr_array_unref);
  g_clear_pointer (&report->judges, g_ptr_array_unref);
  g_clear_pointer (&report->splits, g_ptr_array_unref);
  g_clear_pointer (&report->dimensions, g_ptr_array_unref);
  g_clear_pointer (&report->experiment, errata_experiment_comparison_free);
  g_free (report);
}

const ErrataReportMode *
errata_report_find_mode (const ErrataReport *report,
                         gint64              mode_id)
{
  g_return_val_if_fail (report != NULL, NULL);

  for (guint i = 0; i < report->modes->len; i++)
    {
      const ErrataReportMode *mode = report->modes->pdata[i];

      if (mode->id == mode_id)
        return mode;
    }
  return NULL;
}

static gboolean
ends_sentence (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x3002 /* 。 */;
}

/* Collapses runs of white space (a reply's paragraphs) into one space,
 * so that a cut example reads as one paragraph. */
static char *
squeeze_space (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

char *
errata_report_cut_text (const char *text,
                        guint       max_chars)
{
  g_autofree char *flat = NULL;
  g_autofree char *head = NULL;
  const char *end, *sentence = NULL, *word = NULL;
  glong n;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (max_chars > 1, NULL);

  flat = squeeze_space (g_utf8_validate (text, -1, NULL) ? text : "");
  n = g_utf8_strlen (flat, -1);
  if (n <= max_chars)
    return g_steal_pointer (&flat);
  end = g_utf8_offset_to_pointer (flat, max_chars - 1);
  /* A sentence end in the last third, else a space in the last fifth. */
  for (const char *p = flat; p < end; p = g_utf8_next_char (p))
    {
      glong at = g_utf8_pointer_to_offset (flat, p);

      if (ends_sentence (g_utf8_get_char (p)) && at >= (glong)max_chars * 2 / 3)
        sentence = g_utf8_next_char (p);
      else if (*p == ' ' && at >= (glong)max_chars * 4 / 5)
        word = p;
    }
  if (sentence != NULL)
    head = g_strndup (flat, sentence - flat);
  else
    head = g_strndup (flat, (word != NULL ? word : end) - flat);
  return g_strconcat (head, sentence != NULL ? " …" : "…", NULL);
}
