/* errata-ground-truth.c
 *
 * Ground truth for a (trace, target), DESIGN.md's rule: (1) the explicit
 * label; else (2) the reviews made here (origin here or merged); else (3)
 * the imported verdicts. Within (2) and (3) every annotator casts one
 * vote: for the overall target their verdict; for a failure mode M "fail"
 * when their note sits in M and "pass" when they reviewed the trace (a
 * verdict or a note) and it is not in M. Votes that differ make the trace
 * disputed. Annotators in excluded_sources do not vote.
 *
 * One set-based query tallies the votes of every trace at once, so that
 * listing 100k traces costs one scan of the annotations, not a query each.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-ground-truth.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "errata-project-private.h"

/* ?1 is the target. A vote (ERRATA_SQL_VOTE, shared with the
 * adjudication queue) is from a review or an import, told apart by
 * `imported`. */
#define TALLY_SQL(ANNOTATION_FILTER, LABEL_FILTER) \
  "WITH votes AS MATERIALIZED (" \
  "  SELECT a.trace_id AS trace_id, a.origin = 'imported' AS imported," \
  "    " ERRATA_SQL_VOTE ("?1") " AS vote" \
  "  FROM annotations a" \
  "  WHERE " ERRATA_SQL_VOTER ANNOTATION_FILTER \
  "), tallies AS (" \
  "  SELECT trace_id, NULL AS value," \
  "    (NOT imported AND vote = 'pass') AS here_pass, (NOT imported AND vote = 'fail') AS here_fail," \
  "    (imported AND vote = 'pass') AS imported_pass, (imported AND vote = 'fail') AS imported_fail" \
  "  FROM votes WHERE vote IS NOT NULL" \
  "  UNION ALL" \
  "  SELECT trace_id, value, 0, 0, 0, 0 FROM explicit_labels WHERE target = ?1" LABEL_FILTER \
  ")" \
  "SELECT trace_id, max (value), sum (here_pass), sum (here_fail)," \
  "       sum (imported_pass), sum (imported_fail)" \
  "FROM tallies GROUP BY trace_id ORDER BY trace_id"

static const char list_sql[] = TALLY_SQL ("", "");
static const char get_sql[] = TALLY_SQL (" AND a.trace_id = ?2", " AND trace_id = ?2");

/* How one group of voters (reviews here, or imported files) decided. */
static ErrataVerdict
decide (gint64    n_pass,
        gint64    n_fail,
        gboolean *disputed)
{
  *disputed = n_pass > 0 && n_fail > 0;
  if (*disputed)
    return ERRATA_VERDICT_UNSET;
  return n_fail > 0 ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS;
}

static void
truth_from_row (sqlite3_stmt *stmt,
                ErrataTruth  *truth)
{
  const char *value = (const char *)sqlite3_column_text (stmt, 1);
  gint64 here_pass = sqlite3_column_int64 (stmt, 2);
  gint64 here_fail = sqlite3_column_int64 (stmt, 3);
  gint64 imported_pass = sqlite3_column_int64 (stmt, 4);
  gint64 imported_fail = sqlite3_column_int64 (stmt, 5);

  memset (truth, 0, sizeof *truth);
  truth->trace_id = sqlite3_column_int64 (stmt, 0);
  if (value != NULL)
    {
      truth->source = ERRATA_LABEL_SOURCE_EXPLICIT;
      truth->value = errata_verdict_from_string (value);
    }
  else if (here_pass + here_fail > 0)
    {
      truth->source = ERRATA_LABEL_SOURCE_REVIEWS;
      truth->value = decide (here_pass, here_fail, &truth->disputed);
      truth->review_differs_from_import =
        (truth->value == ERRATA_VERDICT_PASS && imported_fail > 0) ||
        (truth->value == ERRATA_VERDICT_FAIL && imported_pass > 0);
    }
  else if (imported_pass + imported_fail > 0)
    {
      truth->source = ERRATA_LABEL_SOURCE_IMPORTED;
      truth->value = decide (imported_pass, imported_fail, &truth->disputed);
    }
}

GArray *
errata_ground_truth_list (ErrataProject  *project,
                          gint64          target,
                          GError        **error)
{
  g_autoptr(GArray) truths = g_array_new (FALSE, TRUE, sizeof (ErrataTruth));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project, list_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, target);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ErrataTruth truth;

      truth_from_row (stmt, &truth);
      g_array_append_val (truths, truth);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _errata_project_set_error (project, error, _("read labels"));
      return NULL;
    }
  return g_steal_pointer (&truths);
}

gboolean
errata_ground_truth_get (ErrataProject  *project,
                         gint64          target,
                         gint64          trace_id,
                         ErrataTruth    *out,
                         GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->trace_id = trace_id;
  stmt = _errata_project_cached (project, get_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target);
  sqlite3_bind_int64 (stmt, 2, trace_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    truth_from_row (stmt, out);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("read labels"));
  return TRUE;
}

static void
count_truth (ErrataTruthCounts *counts,
             const ErrataTruth *truth)
{
  if (truth->disputed)
    {
      counts->n_disputed++;
      return;
    }
  if (truth->value == ERRATA_VERDICT_PASS)
    counts->n_pass++;
  else if (truth->value == ERRATA_VERDICT_FAIL)
    counts->n_fail++;
  else
    return;
  if (truth->source == ERRATA_LABEL_SOURCE_EXPLICIT)
    counts->n_explicit++;
  else if (truth->source == ERRATA_LABEL_SOURCE_REVIEWS)
    counts->n_reviews++;
  else if (truth->source == ERRATA_LABEL_SOURCE_IMPORTED)
    counts->n_imported++;
  if (truth->review_differs_from_import)
    counts->n_review_import_differ++;
}

gboolean
errata_ground_truth_count (ErrataProject      *project,
                           gint64              target,
                           ErrataTruthCounts  *out,
                           GError            **error)
{
  g_autoptr(GArray) truths = NULL;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  truths = errata_ground_truth_list (project, target, error);
  if (truths == NULL)
    return FALSE;
  for (guint i = 0; i < truths->len; i++)
    count_truth (out, &g_array_index (truths, ErrataTruth, i));
  return TRUE;
}

/* ---- targets ------------------------------------------------------------ */

static const char mode_name_sql[] = "SELECT name FROM failure_modes WHERE id = ?1";
static const char mode_names_sql[] = "SELECT id, name FROM failure_modes ORDER BY id";

/* The mode's name, or NULL when there is no such mode. */
static char *
lookup_mode_name (ErrataProject  *project,
                  gint64          mode_id,
                  GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, mode_name_sql, error);
  char *name = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mode_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _errata_project_set_error (project, error, _("read failure modes"));
  return name;
}

gboolean
errata_target_check (ErrataProject  *project,
                     gint64          target,
                     GError        **error)
{
  g_autofree char *name = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  if (target == ERRATA_TARGET_OVERALL)
    return TRUE;
  name = target > 0 ? lookup_mode_name (project, target, &local_error) : NULL;
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (name == NULL)
    {
      g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND,
                   _("There is no failure mode with id %" PRId64 " (it may have been "
                     "deleted): name an existing failure mode, or “overall”."), target);
      return FALSE;
    }
  return TRUE;
}

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT);

  return normal != NULL ? g_utf8_casefold (normal, -1) : g_strdup ("");
}

/* The modes whose name equals `text` without regard to case, and among
 * them the one spelled exactly so (0 if none is). */
static gboolean
match_mode_names (ErrataProject  *project,
                  const char     *text,
                  GArray         *matches,
                  gint64         *exact,
                  GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, mode_names_sql, error);
  g_autofree char *wanted = fold (text);
  int rc;

  *exact = 0;
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name = (const char *)sqlite3_column_text (stmt, 1);
      g_autofree char *folded = fold (name);

      if (!g_str_equal (folded, wanted))
        continue;
      g_array_append_val (matches, id);
      if (g_str_equal (name, text))
        *exact = id;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("read failure modes"));
  return TRUE;
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64)value;
  return TRUE;
}

/* A mode's name wins over an id that looks the same: a mode called "2024"
 * is meant by "2024" even when a mode with id 2024 exists. */
gboolean
errata_target_parse (ErrataProject  *project,
                     const char     *text,
                     gint64         *target,
                     GError        **error)
{
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *trimmed = NULL;
  gint64 exact, id;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  if (g_ascii_strcasecmp (trimmed, "overall") == 0)
    {
      *target = ERRATA_TARGET_OVERALL;
      return TRUE;
    }
  if (!match_mode_names (project, trimmed, matches, &exact, error))
    return FALSE;
  if (matches->len == 1 || exact != 0)
    {
      *target = exact != 0 ? exact : g_array_index (matches, gint64, 0);
      return TRUE;
    }
  if (matches->len > 1)
    {
      g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                   _("%u failure modes are called “%s” in different cases: name one by its "
                     "id or exact spelling."), matches->len, trimmed);
      return FALSE;
    }
  if (parse_id (trimmed, &id) && errata_target_check (project, id, NULL))
    {
      *target = id;
      return TRUE;
    }
  g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND,
               _("No failure mode is called “%s”: give “overall”, a failure mode’s name or its "
                 "id."), trimmed);
  return FALSE;
}

char *
errata_target_describe (ErrataProject *project,
                        gint64         target)
{
  char *name;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  /* Not translated: a word scripts and the CLI's --target understand. */
  if (target == ERRATA_TARGET_OVERALL)
    return g_strdup ("overall");
  name = lookup_mode_name (project, target, NULL);
  if (name != NULL)
    return name;
  /* Translators: a failure mode that no longer exists, by its id. */
  return g_strdup_printf (_("deleted failure mode %" PRId64), target);
}

/* ---- excluded sources --------------------------------------------------- */

static const char exclude_sql[] = "INSERT OR IGNORE INTO excluded_sources (annotator) VALUES (?1)";
static const char include_sql[] = "DELETE FROM excluded_sources WHERE annotator = ?1";
static const char is_excluded_sql[] =
  "SELECT EXISTS (SELECT 1 FROM excluded_sources WHERE annotator = ?1)";

gboolean
errata_source_set_excluded (ErrataProject  *project,
                            const char     *annotator,
                            gboolean        excluded,
                            GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (annotator != NULL, FALSE);

  stmt = _errata_project_cached (project, excluded ? exclude_sql : include_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, annotator, -1, SQLITE_TRANSIENT);
  return _errata_project_step_write (project, stmt, _("change which sources count"), error);
}

gboolean
errata_source_is_excluded (ErrataProject  *project,
                           const char     *annotator,
                           gboolean       *excluded,
                           GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (annotator != NULL, FALSE);
  g_return_val_if_fail (excluded != NULL, FALSE);

  stmt = _errata_project_cached (project, is_excluded_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, annotator, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  *excluded = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _errata_project_set_error (project, error, _("read the project"));
  return TRUE;
}
