/* errata-reviewer-agreement.c
 *
 * Builds the ratings matrix of a target from the reviews (one row a trace
 * two or more reviewers voted on, one column a reviewer) and hands it to
 * errata_estimate_agreement(). Votes follow errata-ground-truth.c, so the
 * agreement measured here is that of the reviews ground truth stands on.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-reviewer-agreement.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "errata-ground-truth.h"
#include "errata-project-private.h"

/* ?1 is the target. Imported labels are not reviews; excluded sources are
 * not ground truth. A note-only review has no overall vote. */
static const char votes_sql[] =
  "SELECT a.trace_id, a.annotator,"
  "  CASE WHEN ?1 = 0 THEN a.verdict"
  "       WHEN EXISTS (SELECT 1 FROM assignments s"
  "                    WHERE s.annotation_id = a.id AND s.failure_mode_id = ?1) THEN 'fail'"
  "       WHEN a.verdict IS NOT NULL OR a.note <> '' THEN 'pass'"
  "  END AS vote "
  "FROM annotations a "
  "WHERE a.origin <> 'imported'"
  "  AND a.annotator NOT IN (SELECT annotator FROM excluded_sources) "
  "ORDER BY a.trace_id";

typedef struct
{
  guint       item;
  const char *rater;   /* owned by the reviewers table */
  gint        value;
} Vote;

typedef struct
{
  GHashTable *reviewers;   /* name → itself: every reviewer with a vote */
  GArray     *votes;       /* Vote, on traces with two or more votes */
  GArray     *pending;     /* Vote, the current trace's */
  GArray     *item_traces; /* gint64: the trace of each item */
  gint64      trace_id;
  guint       n_items;
  guint       n_single;
} Gather;

static void
gather_clear (Gather *gather)
{
  g_clear_pointer (&gather->votes, g_array_unref);
  g_clear_pointer (&gather->pending, g_array_unref);
  g_clear_pointer (&gather->item_traces, g_array_unref);
  g_clear_pointer (&gather->reviewers, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Gather, gather_clear)

/* The current trace is done: an item when two or more voted on it. */
static void
gather_flush (Gather *gather)
{
  if (gather->pending->len >= 2)
    {
      for (guint i = 0; i < gather->pending->len; i++)
        {
          Vote vote = g_array_index (gather->pending, Vote, i);

          vote.item = gather->n_items;
          g_array_append_val (gather->votes, vote);
        }
      g_array_append_val (gather->item_traces, gather->trace_id);
      gather->n_items++;
    }
  else if (gather->pending->len == 1)
    gather->n_single++;
  g_array_set_size (gather->pending, 0);
}

static void
gather_add (Gather     *gather,
            gint64      trace_id,
            const char *annotator,
            const char *value)
{
  Vote vote = { 0, };
  char *name;

  if (trace_id != gather->trace_id)
    gather_flush (gather);
  gather->trace_id = trace_id;
  name = g_hash_table_lookup (gather->reviewers, annotator);
  if (name == NULL)
    {
      name = g_strdup (annotator);
      g_hash_table_add (gather->reviewers, name);
    }
  vote.rater = name;
  vote.value = g_str_equal (value, "fail") ? ERRATA_AGREEMENT_FAIL : ERRATA_AGREEMENT_PASS;
  g_array_append_val (gather->pending, vote);
}

static gboolean
gather_votes (ErrataProject  *project,
              gint64          target,
              Gather         *gather,
              GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, votes_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  gather->reviewers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gather->votes = g_array_new (FALSE, FALSE, sizeof (Vote));
  gather->pending = g_array_new (FALSE, FALSE, sizeof (Vote));
  gather->item_traces = g_array_new (FALSE, FALSE, sizeof (gint64));
  gather->trace_id = -1;
  sqlite3_bind_int64 (stmt, 1, target);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *annotator = (const char *)sqlite3_column_text (stmt, 1);
      const char *value = (const char *)sqlite3_column_text (stmt, 2);

      if (annotator != NULL && value != NULL)
        gather_add (gather, sqlite3_column_int64 (stmt, 0), annotator, value);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("read reviews"));
  gather_flush (gather);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* The raters: reviewers with a vote on an item, sorted by name. */
static GStrv
list_raters (GArray *votes)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GStrv raters;

  for (guint i = 0; i < votes->len; i++)
    {
      const char *rater = g_array_index (votes, Vote, i).rater;

      if (g_hash_table_add (seen, (gpointer)rater))
        g_strv_builder_add (builder, rater);
    }
  raters = g_strv_builder_end (builder);
  qsort (raters, g_strv_length (raters), sizeof (char *), compare_names);
  return raters;
}

static guint
rater_index (GStrv       raters,
             const char *name)
{
  for (guint j = 0; raters[j] != NULL; j++)
    if (g_str_equal (raters[j], name))
      return j;
  g_assert_not_reached ();
}

static gint *
fill_matrix (GArray *votes,
             guint   n_items,
             GStrv   raters,
             guint   n_raters)
{
  gint *ratings = g_new (gint, (gsize)n_items * n_raters);

  for (gsize i = 0; i < (gsize)n_items * n_raters; i++)
    ratings[i] = ERRATA_RATING_MISSING;
  for (guint i = 0; i < votes->len; i++)
    {
      const Vote *vote = &g_array_index (votes, Vote, i);

      ratings[(gsize)vote->item * n_raters + rater_index (raters, vote->rater)] = vote->value;
    }
  return ratings;
}

double
errata_agreement_chance (const gint *ratings,
                         gsize       n_items,
                         guint       n_raters,
                         guint       n_categories)
{
  g_autofree double *shares = g_new0 (double, n_categories);
  guint n_used = 0;
  double chance = 0;

  g_return_val_if_fail (n_items == 0 || ratings != NULL, NAN);
  g_return_val_if_fail (n_categories >= 1, NAN);

  for (gsize i = 0; i < n_items; i++)
    {
      const gint *row = ratings + i * n_raters;
      guint r = 0;

      for (guint j = 0; j < n_raters; j++)
        r += row[j] != ERRATA_RATING_MISSING;
      if (r < 2)
        continue;
      n_used++;
      for (guint j = 0; j < n_raters; j++)
        if (row[j] != ERRATA_RATING_MISSING && (guint)row[j] < n_categories)
          shares[row[j]] += 1.0 / r;
    }
  if (n_used == 0)
    return NAN;
  for (guint k = 0; k < n_categories; k++)
    chance += (shares[k] / n_used) * (shares[k] / n_used);
  return chance;
}

static void
set_warnings (ErrataReviewerAgreement *out)
{
  if (out->n_reviewers < 2)
    out->warnings |= ERRATA_AGREEMENT_WARNING_ONE_REVIEWER;
  else if (out->n_items == 0)
    out->warnings |= ERRATA_AGREEMENT_WARNING_NO_OVERLAP;
  if (out->n_items == 0)
    return;
  if (out->n_items < ERRATA_AGREEMENT_FEW_ITEMS)
    out->warnings |= ERRATA_AGREEMENT_WARNING_FEW_ITEMS;
  if (out->n_fail_ratings == 0 || out->n_fail_ratings == out->n_ratings)
    out->warnings |= ERRATA_AGREEMENT_WARNING_ONE_CLASS;
  else if (out->chance_agreement > ERRATA_AGREEMENT_HIGH_CHANCE)
    out->warnings |= ERRATA_AGREEMENT_WARNING_HIGH_CHANCE;
}

/**
 * errata_reviewer_agreement:
 * @project: the project
 * @target: %ERRATA_TARGET_OVERALL or a failure mode's id
 * @options: (nullable): the bootstrap's seed, draws and level; %NULL for
 *   the defaults (seed 0: the same intervals every time)
 * @out: (out caller-allocates): filled in; clear it with
 *   errata_reviewer_agreement_clear()
 * @error: return location for an error
 *
 * Measures the reviewers' agreement on @target. No overlap between the
 * reviewers is not an error: @out then says so (computed %FALSE, a
 * warning) with the counts of what there is.
 *
 * Returns: %FALSE with @error set when the project cannot be read, the
 *   target does not exist or @options make no sense.
 */
gboolean
errata_reviewer_agreement (ErrataProject                 *project,
                           gint64                         target,
                           const ErrataBootstrapOptions  *options,
                           ErrataReviewerAgreement       *out,
                           GError                       **error)
{
  g_auto(Gather) gather = { 0, };
  g_autofree gint *ratings = NULL;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->target = target;
  out->chance_agreement = NAN;
  if (!errata_target_check (project, target, error) ||
      !gather_votes (project, target, &gather, error))
    return FALSE;

  out->n_reviewers = g_hash_table_size (gather.reviewers);
  out->n_single = gather.n_single;
  out->n_items = gather.n_items;
  out->raters = list_raters (gather.votes);
  out->n_raters = g_strv_length (out->raters);
  for (guint i = 0; i < gather.votes->len; i++)
    out->n_fail_ratings += g_array_index (gather.votes, Vote, i).value == ERRATA_AGREEMENT_FAIL;
  out->n_ratings = gather.votes->len;
  if (out->n_items > 0)
    {
      ratings = fill_matrix (gather.votes, out->n_items, out->raters, out->n_raters);
      out->chance_agreement = errata_agreement_chance (ratings, out->n_items, out->n_raters, 2);
      if (!errata_estimate_agreement (ratings, out->n_items, out->n_raters, 2, options,
                                      &out->agreement, error))
        {
          errata_reviewer_agreement_clear (out);
          return FALSE;
        }
      out->computed = TRUE;
    }
  set_warnings (out);
  return TRUE;
}

/**
 * errata_reviewer_ratings:
 * @project: the project
 * @target: %ERRATA_TARGET_OVERALL or a failure mode's id
 * @out: (out caller-allocates): the ratings matrix the agreement measures;
 *   clear it with errata_reviewer_ratings_clear()
 * @error: return location for an error
 *
 * The same votes as errata_reviewer_agreement(), as a matrix, with the
 * trace of each row: for the tests that compare someone else (a judge)
 * with the reviewers.
 *
 * Returns: %FALSE with @error set when the project cannot be read or the
 *   target does not exist.
 */
gboolean
errata_reviewer_ratings (ErrataProject          *project,
                         gint64                  target,
                         ErrataReviewerRatings  *out,
                         GError                **error)
{
  g_auto(Gather) gather = { 0, };

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (!errata_target_check (project, target, error) ||
      !gather_votes (project, target, &gather, error))
    return FALSE;
  out->raters = list_raters (gather.votes);
  out->n_raters = g_strv_length (out->raters);
  out->trace_ids = g_steal_pointer (&gather.item_traces);
  out->ratings = fill_matrix (gather.votes, gather.n_items, out->raters, out->n_raters);
  return TRUE;
}

void
errata_reviewer_ratings_clear (ErrataReviewerRatings *ratings)
{
  g_return_if_fail (ratings != NULL);

  g_clear_pointer (&ratings->raters, g_strfreev);
  g_clear_pointer (&ratings->trace_ids, g_array_unref);
  g_clear_pointer (&ratings->ratings, g_free);
  ratings->n_raters = 0;
}

void
errata_reviewer_agreement_clear (ErrataReviewerAgreement *agreement)
{
  g_return_if_fail (agreement != NULL);

  g_clear_pointer (&agreement->raters, g_strfreev);
  agreement->computed = FALSE;
}

/**
 * errata_reviewer_agreement_warnings:
 * @agreement: a measured agreement
 *
 * Returns: (transfer full): one plain sentence per warning, maybe none.
 */
GStrv
errata_reviewer_agreement_warnings (const ErrataReviewerAgreement *agreement)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  ErrataAgreementWarnings warnings;

  g_return_val_if_fail (agreement != NULL, NULL);

  warnings = agreement->warnings;
  if (warnings & ERRATA_AGREEMENT_WARNING_ONE_REVIEWER)
    g_ptr_array_add (lines, g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "Only %u reviewer has reviewed this target: agreement needs traces reviewed "
                "by at least two people.",
                "Only %u reviewers have reviewed this target: agreement needs traces reviewed "
                "by at least two people.", agreement->n_reviewers), agreement->n_reviewers));
  if (warnings & ERRATA_AGREEMENT_WARNING_NO_OVERLAP)
    g_ptr_array_add (lines, g_strdup_printf (
      _("No trace was reviewed by two of the %u reviewers, so there is nothing to compare: "
        "have a second person review some of the same traces."), agreement->n_reviewers));
  if (warnings & ERRATA_AGREEMENT_WARNING_FEW_ITEMS)
    g_ptr_array_add (lines, g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "Only %u trace was reviewed by two or more reviewers: the intervals are wide; "
                "review at least %u in common before relying on these numbers.",
                "Only %u traces were reviewed by two or more reviewers: the intervals are wide; "
                "review at least %u in common before relying on these numbers.",
                agreement->n_items), agreement->n_items, ERRATA_AGREEMENT_FEW_ITEMS));
  if (warnings & ERRATA_AGREEMENT_WARNING_ONE_CLASS)
    g_ptr_array_add (lines, g_strdup (_("Every rating on the shared traces is the same, so κ and α cannot "
                          "be computed (agreement expected by chance is already total); "
                          "AC1 and raw agreement still can.")));
  if (warnings & ERRATA_AGREEMENT_WARNING_HIGH_CHANCE)
    g_ptr_array_add (lines, g_strdup_printf (
      _("Chance agreement is high (%.2f): nearly every rating is the same class, so κ and α "
        "swing widely with a single rating and can be low even when reviewers almost always "
        "agree. Read AC1."), agreement->chance_agreement));
  g_ptr_array_add (lines, NULL);
  return (GStrv)g_ptr_array_free (g_steal_pointer (&lines), FALSE);
}
