/* report-fixture.h: a project built by hand whose report's numbers are
 * worked out below, for the core, CLI and page tests of the report.
 *
 *   20 traces. Ana reviews t0–t9 here (t0–t3 fail, with notes in “Wrong
 *   date”; t4 fails with a note in “Rude tone”; t5–t9 pass), Ben also
 *   reviews t0 here (his note in “Wrong date” too): 10 reviewed here,
 *   2 reviewers, 5 failed. Imported verdicts on t10–t14 (5 imported
 *   labels), t10's imported note in “Wrong date”: it must not enter the
 *   share. “Never seen” has no trace.
 *
 *   Wrong date: 4 of 10 → 40%, Wilson 95% 16.8–68.7%.
 *   Rude tone:  1 of 10 → 10%, Wilson 95% 1.8–40.4%.
 *
 *   “Date check” measures Wrong date, version 1 finalized; one test run
 *   (TP 5, FN 1, TN 3, FP 1 against the reviews: TPR 5/6, TNR 3/4) and an
 *   unlabeled run (8 pass, 2 fail: p_obs 0.8). Corrected pass rate
 *   (0.8 + 0.75 − 1) / (5/6 + 0.75 − 1) = 0.942857, failure rate 5.7143%.
 *   “Tone judge” measures Rude tone and never ran on test: not validated.
 *   Splits of Wrong date: 2 train · 4 dev · 4 test.
 *   t15–t19 are synthetic: persona new (t15–t17) or returning (t18, t19).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "errata-evaluators.h"
#include "errata-project-private.h"
#include "errata-taxonomy.h"
#include "errata-test-utils.h"

#define REPORT_FIXTURE_N_TRACES 20

typedef struct
{
  gint64 traces[REPORT_FIXTURE_N_TRACES];
  gint64 wrong_date;
  gint64 rude_tone;
  gint64 never_seen;
  gint64 date_check;
  gint64 tone_judge;
} ReportFixture;

static inline void
report_fixture_exec (ErrataProject *project,
                     char          *sql)   /* sqlite3_mprintf'd; freed here */
{
  char *message = NULL;

  if (sqlite3_exec (_errata_project_get_db (project), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_free (sql);
}

static inline void
report_fixture_review (ErrataProject          *project,
                       gint64                  trace_id,
                       const char             *annotator,
                       ErrataVerdict           verdict,
                       const char             *note,
                       ErrataAnnotationOrigin  origin,
                       gint64                  mode_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (trace_id, annotator);

  annotation->verdict = verdict;
  g_free (annotation->note);
  annotation->note = g_strdup (note);
  annotation->origin = origin;
  g_assert_true (errata_project_set_annotation (project, annotation, &error));
  g_assert_no_error (error);
  if (mode_id > 0)
    report_fixture_exec (project, sqlite3_mprintf (
      "INSERT INTO assignments (annotation_id, failure_mode_id, created_at)"
      " SELECT id, %lld, 0 FROM annotations WHERE trace_id = %lld AND annotator = %Q",
      (long long)mode_id, (long long)trace_id, annotator));
}

static inline void
report_fixture_add_traces (ReportFixture *fixture,
                           ErrataProject *project)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < REPORT_FIXTURE_N_TRACES; i++)
    {
      g_autofree char *name = g_strdup_printf ("conv-%02u", i);
      g_autofree char *question = g_strdup_printf ("When does my flight %u leave?", i);
      g_autoptr(GString) answer = g_string_new (NULL);
      g_autoptr(ErrataTrace) trace = NULL;

      g_string_printf (answer, "Your flight %u leaves on Tuesday.", i);
      /* t1's reply is long: the report cuts it. */
      for (guint k = 0; i == 1 && k < 40; k++)
        g_string_append (answer, " It is a long reply that goes on and on.");
      trace = errata_test_new_trace (name, question, answer->str);
      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
      g_assert_no_error (error);
      fixture->traces[i] = errata_trace_get_id (trace);
    }
  for (guint i = 15; i < REPORT_FIXTURE_N_TRACES; i++)
    report_fixture_exec (project, sqlite3_mprintf (
      "UPDATE traces SET metadata = json_object ('dimensions',"
      " json_object ('persona', %Q, 'channel', 'chat')) WHERE id = %lld",
      i < 18 ? "new" : "returning", (long long)fixture->traces[i]));
}

static inline void
report_fixture_add_reviews (ReportFixture *fixture,
                            ErrataProject *project)
{
  const gint64 *t = fixture->traces;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *note = g_strdup_printf ("Gives the wrong date for flight %u.", i);

      report_fixture_review (project, t[i], "Ana", ERRATA_VERDICT_FAIL, note, ERRATA_ORIGIN_HERE,
                             fixture->wrong_date);
    }
  report_fixture_review (project, t[0], "Ben", ERRATA_VERDICT_FAIL, "Date is a day off.",
                         ERRATA_ORIGIN_HERE, fixture->wrong_date);
  report_fixture_review (project, t[4], "Ana", ERRATA_VERDICT_FAIL, "Snaps at the user.",
                         ERRATA_ORIGIN_HERE, fixture->rude_tone);
  for (guint i = 5; i < 10; i++)
    report_fixture_review (project, t[i], "Ana", ERRATA_VERDICT_PASS, "", ERRATA_ORIGIN_HERE, 0);
  for (guint i = 10; i < 15; i++)
    report_fixture_review (project, t[i], "import", i == 10 ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS,
                           i == 10 ? "Imported: wrong date." : "", ERRATA_ORIGIN_IMPORTED,
                           i == 10 ? fixture->wrong_date : 0);
}

static inline gint64
report_fixture_add_run (ErrataProject *project,
                        gint64         evaluator_id,
                        const char    *scope,
                        const gint64  *traces,
                        const char    *verdicts,   /* 'p' or 'f' per trace */
                        gint64         started_at)
{
  guint n = strlen (verdicts), n_pass = 0;
  gint64 run_id;

  for (guint i = 0; i < n; i++)
    n_pass += verdicts[i] == 'p';
  report_fixture_exec (project, sqlite3_mprintf (
    "INSERT INTO runs (version_id, scope, status, total, n_pass, n_fail, started_at, ended_at)"
    " SELECT id, %Q, 'done', %u, %u, %u, %lld, %lld FROM evaluator_versions"
    " WHERE evaluator_id = %lld AND number = 1",
    scope, n, n_pass, n - n_pass, (long long)started_at, (long long)started_at + 1000,
    (long long)evaluator_id));
  run_id = sqlite3_last_insert_rowid (_errata_project_get_db (project));
  for (guint i = 0; i < n; i++)
    report_fixture_exec (project, sqlite3_mprintf (
      "INSERT INTO verdicts (run_id, trace_id, verdict, created_at) VALUES (%lld, %lld, %Q, 0)",
      (long long)run_id, (long long)traces[i], verdicts[i] == 'p' ? "pass" : "fail"));
  return run_id;
}

static inline gint64
report_fixture_add_evaluator (ErrataProject *project,
                              const char    *name,
                              gint64         target)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string ("{\"words\": [\"date\"], \"mode\": \"none\"}", NULL);
  g_autoptr(ErrataEvaluator) evaluator =
    errata_evaluators_create (project, name, target, "contains", json_node_get_object (node),
                              NULL, &error);

  g_assert_no_error (error);
  return evaluator->id;
}

static inline void
report_fixture_add_evaluators (ReportFixture *fixture,
                               ErrataProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  /* Human: t0–t3 fail Wrong date, t4–t9 pass it. */
  static const char test_verdicts[] = "fffp" "ppppp" "f";
  static const char unlabelled_verdicts[] = "ppppfppfpp";

  fixture->date_check = report_fixture_add_evaluator (project, "Date check", fixture->wrong_date);
  fixture->tone_judge = report_fixture_add_evaluator (project, "Tone judge", fixture->rude_tone);
  version = errata_evaluators_get_version (project, fixture->date_check, 1, &error);
  g_assert_no_error (error);
  g_assert_true (errata_evaluators_finalize (project, version->id, &error));
  g_assert_no_error (error);
  /* 4 March 2026, 12:00 UTC. */
  report_fixture_add_run (project, fixture->date_check, "test", fixture->traces, test_verdicts,
                          G_GINT64_CONSTANT (1772625600000000));
  report_fixture_add_run (project, fixture->date_check, "unlabeled", fixture->traces + 10,
                          unlabelled_verdicts, G_GINT64_CONSTANT (1772629200000000));
  report_fixture_exec (project, sqlite3_mprintf (
    "INSERT INTO split_settings (target, seed, created_at) VALUES (%lld, 1, 0)",
    (long long)fixture->wrong_date));
  for (guint i = 0; i < 10; i++)
    report_fixture_exec (project, sqlite3_mprintf (
      "INSERT INTO splits (target, trace_id, split, label, assigned_at) VALUES (%lld, %lld, %Q, %Q, 0)",
      (long long)fixture->wrong_date, (long long)fixture->traces[i],
      i < 2 ? "train" : i < 6 ? "dev" : "test", i < 4 ? "fail" : "pass"));
}

static inline void
report_fixture_build (ReportFixture *fixture,
                      ErrataProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTaxonomy) taxonomy = errata_taxonomy_new (project);

  fixture->wrong_date = errata_taxonomy_create_mode (taxonomy, "Wrong date",
                                                     "The reply gives a date that is not the booked one.",
                                                     NULL, 0, ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  fixture->rude_tone = errata_taxonomy_create_mode (taxonomy, "Rude tone", "", NULL, 0,
                                                    ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  fixture->never_seen = errata_taxonomy_create_mode (taxonomy, "Never seen", "", NULL, 0,
                                                     ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  report_fixture_add_traces (fixture, project);
  report_fixture_add_reviews (fixture, project);
  report_fixture_add_evaluators (fixture, project);
}
