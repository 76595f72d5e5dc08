/* errata-splits.c
 *
 * Train/dev/test per target, stratified by label. A trace keeps its split
 * forever once assigned (across reopening, relabelling, even its label
 * changing class), so that the test split stays a fair last look. Traces
 * labelled later join one class at a time: in the order of a hash of
 * (seed, trace id), each goes to the split furthest below its share of the
 * class, p × (class size + 1). Every split stays within one trace of its
 * share, so 100 labels of a class at 20/40/40 split exactly 20/40/40, and
 * the same seed and labels always give the same split. The classes count
 * the assigned traces as they are labelled now.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-splits.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "errata-ground-truth.h"
#include "errata-project-private.h"

#define SEED_META_KEY "split_seed"

typedef struct
{
  gboolean stored;
  guint64  seed;
  double   p[3];   /* train, dev, test */
} Settings;

typedef struct
{
  gint64  trace_id;
  guint64 key;
} Candidate;

static const char settings_sql[] =
  "SELECT seed, train, dev, test FROM split_settings WHERE target = ?1";
static const char settings_write_sql[] =
  "INSERT INTO split_settings (target, seed, train, dev, test, created_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
  " ON CONFLICT (target) DO UPDATE SET seed = excluded.seed, train = excluded.train,"
  "  dev = excluded.dev, test = excluded.test";
static const char assigned_sql[] = "SELECT trace_id, split FROM splits WHERE target = ?1";
static const char assign_sql[] =
  "INSERT INTO splits (target, trace_id, split, label, assigned_at) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char unassign_all_sql[] = "DELETE FROM splits WHERE target = ?1";
static const char split_of_sql[] = "SELECT split FROM splits WHERE target = ?1 AND trace_id = ?2";
static const char test_seen_sql[] =
  "SELECT EXISTS (SELECT 1 FROM runs r"
  "  JOIN evaluator_versions v ON v.id = r.version_id"
  "  JOIN evaluators e ON e.id = v.evaluator_id"
  "  WHERE e.target = ?1 AND r.scope = 'test')";

/* splitmix64's finaliser: a well-mixed 64-bit hash, the same everywhere. */
static guint64
mix (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

static guint64
order_key (guint64 seed,
           gint64  trace_id)
{
  return mix (seed ^ mix ((guint64)trace_id));
}

/* ---- settings ----------------------------------------------------------- */

/* The project's seed, or 0 when none was made yet. */
static guint64
read_project_seed (ErrataProject *project)
{
  g_autofree char *text = errata_project_get_meta (project, SEED_META_KEY);

  return text != NULL ? g_ascii_strtoull (text, NULL, 10) : 0;
}

static gboolean
ensure_project_seed (ErrataProject  *project,
                     guint64        *seed,
                     GError        **error)
{
  g_autofree char *text = errata_project_get_meta (project, SEED_META_KEY);

  if (text != NULL)
    {
      *seed = g_ascii_strtoull (text, NULL, 10);
      return TRUE;
    }
  *seed = ((guint64)g_random_int () << 32) | g_random_int ();
  g_free (text);
  text = g_strdup_printf ("%" PRIu64, *seed);
  return errata_project_set_meta (project, SEED_META_KEY, text, error);
}

static gboolean
load_settings (ErrataProject  *project,
               gint64          target,
               Settings       *settings,
               GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, settings_sql, error);
  int rc;

  *settings = (Settings) { FALSE, 0, { ERRATA_SPLIT_DEFAULT_TRAIN, ERRATA_SPLIT_DEFAULT_DEV,
                                       ERRATA_SPLIT_DEFAULT_TEST } };
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      settings->stored = TRUE;
      settings->seed = (guint64)sqlite3_column_int64 (stmt, 0);
      for (int i = 0; i < 3; i++)
        settings->p[i] = sqlite3_column_double (stmt, 1 + i);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("read the split settings"));
  if (!settings->stored)
    settings->seed = read_project_seed (project);
  return TRUE;
}

static gboolean
write_settings (ErrataProject   *project,
                gint64           target,
                const Settings  *settings,
                GError         **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, settings_write_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target);
  sqlite3_bind_int64 (stmt, 2, (gint64)settings->seed);
  for (int i = 0; i < 3; i++)
    sqlite3_bind_double (stmt, 3 + i, settings->p[i]);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time ());
  return _errata_project_step_write (project, stmt, _("save the split settings"), error);
}

/* Inside a transaction: the stored settings, made on first use from the
 * project's seed. */
static gboolean
ensure_settings (ErrataProject  *project,
                 gint64          target,
                 Settings       *settings,
                 GError        **error)
{
  if (!load_settings (project, target, settings, error))
    return FALSE;
  if (settings->stored)
    return TRUE;
  if (!ensure_project_seed (project, &settings->seed, error) ||
      !write_settings (project, target, settings, error))
    return FALSE;
  settings->stored = TRUE;
  return TRUE;
}

/* ---- assignment --------------------------------------------------------- */

/* trace id -> ErrataSplit, of every trace assigned for the target. */
static GHashTable *
load_assigned (ErrataProject  *project,
               gint64          target,
               GError        **error)
{
  g_autoptr(GHashTable) assigned = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = _errata_project_cached (project, assigned_sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, target);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 trace_id = sqlite3_column_int64 (stmt, 0);
      ErrataSplit split = errata_split_from_string ((const char *)sqlite3_column_text (stmt, 1));

      g_hash_table_insert (assigned, g_memdup2 (&trace_id, sizeof trace_id),
                           GUINT_TO_POINTER (split));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _errata_project_set_error (project, error, _("read the splits"));
      return NULL;
    }
  return g_steal_pointer (&assigned);
}

static ErrataSplit
lookup_split (GHashTable *assigned,
              gint64      trace_id)
{
  return (ErrataSplit)GPOINTER_TO_UINT (g_hash_table_lookup (assigned, &trace_id));
}

/* 0 for pass, 1 for fail, -1 for no undisputed label. */
static int
truth_class (const ErrataTruth *truth)
{
  if (truth->disputed || truth->value == ERRATA_VERDICT_UNSET)
    return -1;
  return truth->value == ERRATA_VERDICT_FAIL;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->key != cb->key)
    return ca->key < cb->key ? -1 : 1;
  return (ca->trace_id > cb->trace_id) - (ca->trace_id < cb->trace_id);
}

/* The split furthest below its share of the class, p × (n + 1); a tie
 * (the first trace of a class, say) is broken by the trace's hash. This
 * keeps every split within one trace of its share at every size. */
static ErrataSplit
choose_split (const Settings *settings,
              const guint     counts[3],
              guint64         key)
{
  guint n = counts[0] + counts[1] + counts[2];
  double deficit[3], most = -G_MAXDOUBLE;
  int tied[3], n_tied = 0;

  for (int s = 0; s < 3; s++)
    {
      deficit[s] = settings->p[s] * (n + 1) - counts[s];
      most = MAX (most, deficit[s]);
    }
  for (int s = 0; s < 3; s++)
    /* Equal up to rounding: 0.2 × 5 is not exactly 1. */
    if (deficit[s] > most - 1e-9)
      tied[n_tied++] = s;
  return ERRATA_SPLIT_TRAIN + tied[mix (key) % n_tied];
}

static gboolean
assign (ErrataProject  *project,
        gint64          target,
        gint64          trace_id,
        ErrataSplit     split,
        int             class,
        GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, assign_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target);
  sqlite3_bind_int64 (stmt, 2, trace_id);
  sqlite3_bind_text (stmt, 3, errata_split_to_string (split), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, class ? "fail" : "pass", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
  /* Inside update's transaction: a savepoint per row would cost more than
   * the row (100k traces are assigned at once on first use). */
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("save the splits"));
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
assign_class (ErrataProject   *project,
              gint64           target,
              const Settings  *settings,
              int              class,
              GArray          *candidates,
              guint            counts[3],
              GError         **error)
{
  g_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, i);
      ErrataSplit split = choose_split (settings, counts, candidate->key);

      if (!assign (project, target, candidate->trace_id, split, class, error))
        return FALSE;
      counts[split - ERRATA_SPLIT_TRAIN]++;
    }
  return TRUE;
}

/* Counts per class of the assigned traces as labelled now, and the
 * labelled traces still to assign. */
static void
sort_truths (GArray          *truths,
             GHashTable      *assigned,
             const Settings  *settings,
             guint            counts[2][3],
             GArray          *candidates[2])
{
  for (guint i = 0; i < truths->len; i++)
    {
      const ErrataTruth *truth = &g_array_index (truths, ErrataTruth, i);
      int class = truth_class (truth);
      ErrataSplit split;

      if (class < 0)
        continue;
      split = lookup_split (assigned, truth->trace_id);
      if (split != ERRATA_SPLIT_NONE)
        counts[class][split - ERRATA_SPLIT_TRAIN]++;
      else
        {
          Candidate candidate = { truth->trace_id, order_key (settings->seed, truth->trace_id) };

          g_array_append_val (candidates[class], candidate);
        }
    }
}

static gboolean
update_in_transaction (ErrataProject  *project,
                       gint64          target,
                       GError        **error)
{
  g_autoptr(GArray) truths = NULL;
  g_autoptr(GHashTable) assigned = NULL;
  g_autoptr(GArray) pass = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) fail = g_array_new (FALSE, FALSE, sizeof (Candidate));
  GArray *candidates[2] = { pass, fail };
  guint counts[2][3] = { { 0 } };
  Settings settings;

  if (!errata_target_check (project, target, error) ||
      !ensure_settings (project, target, &settings, error))
    return FALSE;
  truths = errata_ground_truth_list (project, target, error);
  if (truths == NULL)
    return FALSE;
  assigned = load_assigned (project, target, error);
  if (assigned == NULL)
    return FALSE;
  sort_truths (truths, assigned, &settings, counts, candidates);
  for (int class = 0; class < 2; class++)
    if (!assign_class (project, target, &settings, class, candidates[class], counts[class], error))
      return FALSE;
  return TRUE;
}

gboolean
errata_splits_update (ErrataProject  *project,
                      gint64          target,
                      GError        **error)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  if (!errata_project_begin (project, error))
    return FALSE;
  if (!update_in_transaction (project, target, error))
    {
      errata_project_rollback (project);
      return FALSE;
    }
  return errata_project_commit (project, error);
}

/* ---- reading ------------------------------------------------------------ */

ErrataSplit
errata_splits_get (ErrataProject  *project,
                   gint64          target,
                   gint64          trace_id,
                   GError        **error)
{
  ErrataSplit split = ERRATA_SPLIT_NONE;
  sqlite3_stmt *stmt;
  ErrataTruth truth;
  int rc;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), ERRATA_SPLIT_NONE);

  if (!errata_ground_truth_get (project, target, trace_id, &truth, error) ||
      truth_class (&truth) < 0)
    return ERRATA_SPLIT_NONE;
  stmt = _errata_project_cached (project, split_of_sql, error);
  if (stmt == NULL)
    return ERRATA_SPLIT_NONE;
  sqlite3_bind_int64 (stmt, 1, target);
  sqlite3_bind_int64 (stmt, 2, trace_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    split = errata_split_from_string ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _errata_project_set_error (project, error, _("read the splits"));
  return split;
}

GArray *
errata_splits_list (ErrataProject  *project,
                    gint64          target,
                    ErrataSplit     split,
                    GError        **error)
{
  g_autoptr(GArray) truths = NULL;
  g_autoptr(GHashTable) assigned = NULL;
  GArray *ids;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (split <= ERRATA_SPLIT_TEST, NULL);

  truths = errata_ground_truth_list (project, target, error);
  if (truths == NULL)
    return NULL;
  assigned = load_assigned (project, target, error);
  if (assigned == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < truths->len; i++)
    {
      const ErrataTruth *truth = &g_array_index (truths, ErrataTruth, i);

      if (truth_class (truth) >= 0 && lookup_split (assigned, truth->trace_id) == split)
        g_array_append_val (ids, truth->trace_id);
    }
  return ids;
}

gboolean
errata_splits_get_counts (ErrataProject      *project,
                          gint64              target,
                          ErrataSplitCounts  *out,
                          GError            **error)
{
  g_autoptr(GArray) truths = NULL;
  g_autoptr(GHashTable) assigned = NULL;
  Settings settings;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (!load_settings (project, target, &settings, error))
    return FALSE;
  truths = errata_ground_truth_list (project, target, error);
  if (truths == NULL)
    return FALSE;
  assigned = load_assigned (project, target, error);
  if (assigned == NULL)
    return FALSE;
  for (guint i = 0; i < truths->len; i++)
    {
      const ErrataTruth *truth = &g_array_index (truths, ErrataTruth, i);
      int class = truth_class (truth);

      if (truth->disputed)
        out->n_disputed++;
      else if (class >= 0)
        out->counts[lookup_split (assigned, truth->trace_id)][class]++;
    }
  out->seed = settings.seed;
  out->train = settings.p[0];
  out->dev = settings.p[1];
  out->test = settings.p[2];
  return TRUE;
}

/* ---- configuration ------------------------------------------------------ */

gboolean
errata_splits_test_seen (ErrataProject  *project,
                         gint64          target,
                         gboolean       *seen,
                         GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (seen != NULL, FALSE);

  stmt = _errata_project_cached (project, test_seen_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target);
  rc = sqlite3_step (stmt);
  *seen = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _errata_project_set_error (project, error, _("read the runs"));
  return TRUE;
}

static gboolean
normalise_proportions (double    p[3],
                       GError  **error)
{
  double total = 0;

  for (int s = 0; s < 3; s++)
    {
      if (!isfinite (p[s]) || p[s] < 0)
        goto bad;
      total += p[s];
    }
  if (!(total > 0) || !isfinite (total))
    goto bad;
  for (int s = 0; s < 3; s++)
    p[s] /= total;
  return TRUE;

bad:
  g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                       _("The split proportions must be numbers of at least 0 and not all 0, "
                         "like 20/40/40."));
  return FALSE;
}

static gboolean
same_settings (const Settings *a,
               const Settings *b)
{
  if (a->seed != b->seed)
    return FALSE;
  for (int s = 0; s < 3; s++)
    if (fabs (a->p[s] - b->p[s]) > 1e-12)
      return FALSE;
  return TRUE;
}

static gboolean
configure_in_transaction (ErrataProject   *project,
                          gint64           target,
                          const Settings  *wanted,
                          GError         **error)
{
  Settings current;
  gboolean seen;
  sqlite3_stmt *stmt;
  g_autofree char *name = NULL;

  if (!errata_target_check (project, target, error) ||
      !load_settings (project, target, &current, error))
    return FALSE;
  if (current.stored && same_settings (&current, wanted))
    return TRUE;
  if (!errata_splits_test_seen (project, target, &seen, error))
    return FALSE;
  if (seen)
    {
      name = errata_target_describe (project, target);
      g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_SPLIT_FROZEN,
                   _("The split for “%s” can no longer change: an evaluator has been run on its "
                     "test split, and a new split would mix seen traces into the test."), name);
      return FALSE;
    }
  stmt = _errata_project_cached (project, unassign_all_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target);
  return _errata_project_step_write (project, stmt, _("save the splits"), error) &&
         write_settings (project, target, wanted, error) &&
         update_in_transaction (project, target, error);
}

gboolean
errata_splits_configure (ErrataProject  *project,
                         gint64          target,
                         guint64         seed,
                         double          train,
                         double          dev,
                         double          test,
                         GError        **error)
{
  Settings wanted = { TRUE, seed, { train, dev, test } };

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  if (!normalise_proportions (wanted.p, error) || !errata_project_begin (project, error))
    return FALSE;
  if (!configure_in_transaction (project, target, &wanted, error))
    {
      errata_project_rollback (project);
      return FALSE;
    }
  return errata_project_commit (project, error);
}
