/* errata-adjudication.c
 *
 * The adjudication queue of a target is exactly the set of traces that
 * ground truth calls disputed for it (ERRATA_SQL_DISPUTED_IDS, one SQL
 * rule for both): the reviews made here or merged from a colleague vote
 * both ways, or, when no review votes, imported files differ. An
 * imported label that differs from a review never puts a trace in the
 * queue (the review wins, as ground truth says), and an excluded source
 * never votes.
 *
 * Settled means an explicit label exists for the (target, trace): it wins
 * over every review, so the trace leaves the queue and rejoins splits and
 * metrics. A review saved after the settlement does not reopen it; it
 * shows in the trace's labels, and the label can be changed again
 * (errata-cli label, the coding panel's toggles). This keeps the queue
 * and ground truth the same set, which a later "reopened" state would
 * break: a mode's vote moves with canvas assignments, which carry no time
 * to compare with the label's.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-adjudication.h"

#include <glib/gi18n-lib.h>

#include "errata-ground-truth.h"
#include "errata-labels.h"
#include "errata-project-private.h"

static const char queue_sql[] =
  "SELECT d.trace_id, t.external_id FROM (" ERRATA_SQL_DISPUTED_IDS ("?1", "") ") d"
  " JOIN traces t ON t.id = d.trace_id ORDER BY d.trace_id";
static const char count_sql[] =
  "SELECT count(*) FROM (" ERRATA_SQL_DISPUTED_IDS ("?1", "") ")";
static const char trace_sql[] =
  "SELECT d.trace_id, t.external_id FROM (" ERRATA_SQL_DISPUTED_IDS ("?1", " AND a.trace_id = ?2")
  ") d JOIN traces t ON t.id = d.trace_id";
/* Every vote on the trace for the target, reviews first, then by name. */
static const char votes_sql[] =
  "SELECT a.annotator, a.origin, " ERRATA_SQL_VOTE ("?1") " AS vote, a.verdict, a.note,"
  "  a.first_failure, a.updated_at FROM annotations a"
  " WHERE a.trace_id = ?2 AND " ERRATA_SQL_VOTER " AND vote IS NOT NULL"
  " ORDER BY a.origin = 'imported', a.annotator";
static const char modes_sql[] = "SELECT id FROM failure_modes ORDER BY position, id";

void
errata_adjudication_vote_free (ErrataAdjudicationVote *vote)
{
  if (vote == NULL)
    return;
  g_free (vote->annotator);
  g_free (vote->note);
  g_free (vote);
}

void
errata_adjudication_item_free (ErrataAdjudicationItem *item)
{
  if (item == NULL)
    return;
  g_free (item->external_id);
  g_clear_pointer (&item->votes, g_ptr_array_unref);
  g_free (item);
}

static ErrataAnnotationOrigin
origin_from_string (const char *text)
{
  if (g_strcmp0 (text, "imported") == 0)
    return ERRATA_ORIGIN_IMPORTED;
  if (g_strcmp0 (text, "merged") == 0)
    return ERRATA_ORIGIN_MERGED;
  return ERRATA_ORIGIN_HERE;
}

static ErrataAdjudicationVote *
vote_from_row (sqlite3_stmt *stmt)
{
  ErrataAdjudicationVote *vote = g_new0 (ErrataAdjudicationVote, 1);

  vote->annotator = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  vote->origin = origin_from_string ((const char *)sqlite3_column_text (stmt, 1));
  vote->vote = errata_verdict_from_string ((const char *)sqlite3_column_text (stmt, 2));
  vote->verdict = errata_verdict_from_string ((const char *)sqlite3_column_text (stmt, 3));
  vote->note = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  vote->first_failure = sqlite3_column_type (stmt, 5) == SQLITE_NULL
                        ? -1 : sqlite3_column_int (stmt, 5);
  vote->updated_at = sqlite3_column_int64 (stmt, 6);
  return vote;
}

/* The votes of the side that disagrees, and so the kind of dispute: the
 * reviews when any votes, else the imported labels. */
static gboolean
read_votes (ErrataProject           *project,
            ErrataAdjudicationItem  *item,
            GError                 **error)
{
  g_autoptr(GPtrArray) all = NULL;
  sqlite3_stmt *stmt = _errata_project_cached (project, votes_sql, error);
  gboolean any_review = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item->target);
  sqlite3_bind_int64 (stmt, 2, item->trace_id);
  all = _errata_project_collect_rows (project, stmt, (gpointer (*) (sqlite3_stmt *))vote_from_row,
                                      (GDestroyNotify)errata_adjudication_vote_free,
                                      _("read the reviews"), error);
  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    any_review |= ((ErrataAdjudicationVote *)all->pdata[i])->origin != ERRATA_ORIGIN_IMPORTED;
  item->kind = any_review ? ERRATA_DISPUTE_REVIEWERS : ERRATA_DISPUTE_IMPORTED;
  item->votes = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_adjudication_vote_free);
  for (guint i = 0; i < all->len; i++)
    {
      ErrataAdjudicationVote *vote = all->pdata[i];

      if ((vote->origin != ERRATA_ORIGIN_IMPORTED) == any_review)
        g_ptr_array_add (item->votes, g_steal_pointer (&all->pdata[i]));
    }
  return TRUE;
}

/* The disputed traces a statement yields (trace id, external id), each
 * with its votes. */
static gboolean
collect_items (ErrataProject  *project,
               sqlite3_stmt   *stmt,
               gint64          target,
               GPtrArray      *items,
               GError        **error)
{
  guint first = items->len;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ErrataAdjudicationItem *item = g_new0 (ErrataAdjudicationItem, 1);

      item->target = target;
      item->trace_id = sqlite3_column_int64 (stmt, 0);
      item->external_id = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      g_ptr_array_add (items, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("read the disputed labels"));
  /* The votes are read after the statement is reset: votes_sql is another
   * cached statement, and a project's statements share one connection. */
  for (guint i = first; i < items->len; i++)
    if (!read_votes (project, items->pdata[i], error))
      return FALSE;
  return TRUE;
}

GPtrArray *
errata_adjudication_list (ErrataProject  *project,
                          gint64          target,
                          GError        **error)
{
  g_autoptr(GPtrArray) items = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  if (!errata_target_check (project, target, error))
    return NULL;
  stmt = _errata_project_cached (project, queue_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, target);
  items = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_adjudication_item_free);
  if (!collect_items (project, stmt, target, items, error))
    return NULL;
  return g_steal_pointer (&items);
}

gboolean
errata_adjudication_count (ErrataProject  *project,
                           gint64          target,
                           guint          *n_items,
                           GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (n_items != NULL, FALSE);

  *n_items = 0;
  stmt = _errata_project_cached (project, count_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *n_items = (guint)sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _errata_project_set_error (project, error, _("count the disputed labels"));
  return TRUE;
}

/* Overall, then the failure modes in canvas order. */
static GArray *
list_targets (ErrataProject  *project,
              GError        **error)
{
  g_autoptr(GArray) targets = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = _errata_project_cached (project, modes_sql, error);
  gint64 overall = ERRATA_TARGET_OVERALL;
  int rc;

  if (stmt == NULL)
    return NULL;
  g_array_append_val (targets, overall);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (targets, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _errata_project_set_error (project, error, _("read failure modes"));
      return NULL;
    }
  return g_steal_pointer (&targets);
}

static gboolean
collect_trace_item (ErrataProject  *project,
                    gint64          target,
                    gint64          trace_id,
                    GPtrArray      *items,
                    GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, trace_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target);
  sqlite3_bind_int64 (stmt, 2, trace_id);
  return collect_items (project, stmt, target, items, error);
}

GPtrArray *
errata_adjudication_list_for_trace (ErrataProject  *project,
                                    gint64          trace_id,
                                    GError        **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) targets = NULL;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  targets = list_targets (project, error);
  if (targets == NULL)
    return NULL;
  items = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_adjudication_item_free);
  for (guint i = 0; i < targets->len; i++)
    if (!collect_trace_item (project, g_array_index (targets, gint64, i), trace_id, items, error))
      return NULL;
  return g_steal_pointer (&items);
}

/* ---- settling ----------------------------------------------------------- */

static gboolean
is_disputed (ErrataProject  *project,
             gint64          target,
             gint64          trace_id,
             gboolean       *disputed,
             GError        **error)
{
  ErrataTruth truth;

  if (!errata_ground_truth_get (project, target, trace_id, &truth, error))
    return FALSE;
  *disputed = truth.disputed;
  return TRUE;
}

static gboolean
check_settle_input (ErrataVerdict   value,
                    const char     *who,
                    const char     *reason,
                    GError        **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (reason != NULL ? reason : ""));

  if (value != ERRATA_VERDICT_PASS && value != ERRATA_VERDICT_FAIL)
    g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                         _("Settle a disputed label as pass or fail."));
  else if (who == NULL || *who == '\0')
    g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                         _("Settling a label needs the name of who settles it: set your "
                           "reviewer name."));
  else if (*trimmed == '\0')
    g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                         _("Give a reason for settling the label: it is kept in the label’s "
                           "history for whoever reads it later."));
  else
    return TRUE;
  return FALSE;
}

static gboolean
check_disputed (ErrataProject  *project,
                gint64          target,
                gint64          trace_id,
                GError        **error)
{
  g_autofree char *name = NULL;
  gboolean disputed = FALSE;

  if (!errata_target_check (project, target, error) ||
      !is_disputed (project, target, trace_id, &disputed, error))
    return FALSE;
  if (disputed)
    return TRUE;
  name = errata_target_describe (project, target);
  g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
               _("The label of trace #%" PRId64 " for “%s” is not disputed (nobody "
                 "differs, or it is settled already): there is nothing to settle. To change a "
                 "label anyway, set it with errata-cli label or the trace’s labels."),
               trace_id, name);
  return FALSE;
}

gboolean
errata_adjudication_settle (ErrataProject     *project,
                            gint64             target,
                            gint64             trace_id,
                            ErrataVerdict      value,
                            const char        *who,
                            const char        *reason,
                            ErrataReviewEdit **edit,
                            GError           **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (edit == NULL || *edit == NULL, FALSE);

  if (!check_settle_input (value, who, reason, error))
    return FALSE;
  trimmed = g_strstrip (g_strdup (reason));
  /* The check and the write in one transaction: nobody settles it in
   * between (a second window on the same file, say). */
  if (!errata_project_begin (project, error))
    return FALSE;
  if (!check_disputed (project, target, trace_id, error) ||
      !errata_review_edit_set_label (project, target, trace_id, value, who, trimmed, edit, error))
    {
      errata_project_rollback (project);
      return FALSE;
    }
  if (!errata_project_commit (project, error))
    {
      if (edit != NULL)
        g_clear_pointer (edit, errata_review_edit_free);
      return FALSE;
    }
  return TRUE;
}
