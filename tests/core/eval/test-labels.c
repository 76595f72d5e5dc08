/* test-labels.c: the one function every label change goes through, its
 * history, and labels files (report, bad rows, nothing written when the
 * project cannot be written).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-ground-truth.h"
#include "errata-labels.h"

#include <string.h>

#include "eval-test-helpers.h"

typedef struct
{
  char          *dir;
  ErrataProject *project;
  gint64         t[6];   /* external ids r1..r5 from source "test" */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->project = errata_test_new_project (&fixture->dir);
  for (guint i = 1; i < G_N_ELEMENTS (fixture->t); i++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", i);

      fixture->t[i] = eval_test_add_trace (fixture->project, "test", id);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->project != NULL)
    errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static ErrataVerdict
label_of (ErrataProject *project,
          gint64         target,
          gint64         trace_id)
{
  g_autoptr(GError) error = NULL;
  ErrataVerdict value;

  g_assert_true (errata_labels_get (project, target, trace_id, &value, &error));
  g_assert_no_error (error);
  return value;
}

static guint
history_length (ErrataProject *project,
                gint64         target,
                gint64         trace_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = errata_labels_history (project, target, trace_id, &error);

  g_assert_no_error (error);
  return history->len;
}

static void
test_set_and_history (Fixture       *fixture,
                      gconstpointer  data)
{
  ErrataProject *p = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  ErrataLabelChange *change;
  gint64 before = g_get_real_time ();

  g_assert_true (errata_labels_set (p, 0, fixture->t[1], ERRATA_VERDICT_PASS, "Ada",
                                    "looked twice", &error));
  g_assert_no_error (error);
  g_assert_cmpint (label_of (p, 0, fixture->t[1]), ==, ERRATA_VERDICT_PASS);

  /* The same value again is no change: nothing is written. */
  g_assert_true (errata_labels_set (p, 0, fixture->t[1], ERRATA_VERDICT_PASS, "Bob", "again",
                                    &error));
  g_assert_cmpuint (history_length (p, 0, fixture->t[1]), ==, 1);

  g_assert_true (errata_labels_set (p, 0, fixture->t[1], ERRATA_VERDICT_FAIL, "Bob", NULL, &error));
  g_assert_true (errata_labels_set (p, 0, fixture->t[1], ERRATA_VERDICT_UNSET, "Cleo",
                                    "not sure any more", &error));
  g_assert_true (errata_labels_set (p, 0, fixture->t[2], ERRATA_VERDICT_FAIL, "Ada", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (label_of (p, 0, fixture->t[1]), ==, ERRATA_VERDICT_UNSET);

  history = errata_labels_history (p, 0, fixture->t[1], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  change = history->pdata[0];
  g_assert_cmpint (change->old_value, ==, ERRATA_VERDICT_UNSET);
  g_assert_cmpint (change->new_value, ==, ERRATA_VERDICT_PASS);
  g_assert_cmpstr (change->who, ==, "Ada");
  g_assert_cmpstr (change->reason, ==, "looked twice");
  g_assert_cmpint (change->trace_id, ==, fixture->t[1]);
  g_assert_cmpint (change->target, ==, 0);
  g_assert_cmpint (change->changed_at, >=, before);
  change = history->pdata[1];
  g_assert_cmpint (change->old_value, ==, ERRATA_VERDICT_PASS);
  g_assert_cmpint (change->new_value, ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpstr (change->who, ==, "Bob");
  g_assert_cmpstr (change->reason, ==, "");
  change = history->pdata[2];
  g_assert_cmpint (change->old_value, ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpint (change->new_value, ==, ERRATA_VERDICT_UNSET);
  g_assert_cmpstr (change->who, ==, "Cleo");

  /* Clearing what is not set changes nothing either. */
  g_assert_true (errata_labels_set (p, 0, fixture->t[1], ERRATA_VERDICT_UNSET, "Cleo", NULL, &error));
  g_assert_cmpuint (history_length (p, 0, fixture->t[1]), ==, 3);
  /* The whole target's history, in order. */
  g_assert_cmpuint (history_length (p, 0, 0), ==, 4);

  /* The history survives reopening. */
  fixture->project = eval_test_reopen (fixture->project);
  g_assert_cmpuint (history_length (fixture->project, 0, 0), ==, 4);
  g_assert_cmpint (label_of (fixture->project, 0, fixture->t[2]), ==, ERRATA_VERDICT_FAIL);
}

static void
test_set_refused (Fixture       *fixture,
                  gconstpointer  data)
{
  ErrataProject *p = fixture->project;
  g_autoptr(GError) error = NULL;

  g_assert_false (errata_labels_set (p, 0, 4711, ERRATA_VERDICT_PASS, "Ada", NULL, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (errata_labels_set (p, 99, fixture->t[1], ERRATA_VERDICT_PASS, "Ada", NULL,
                                     &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (errata_labels_set (p, 0, fixture->t[1], ERRATA_VERDICT_PASS, "", NULL, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (history_length (p, 0, 0), ==, 0);
  g_assert_cmpuint (history_length (p, 99, 0), ==, 0);

  /* A read-only project writes nothing, and says why. */
  {
    g_autoptr(GFile) file = g_object_ref (errata_project_get_file (p));
    g_autoptr(ErrataProject) read_only = errata_project_open (file, ERRATA_PROJECT_OPEN_READ_ONLY,
                                                              &error);

    g_assert_no_error (error);
    g_assert_false (errata_labels_set (read_only, 0, fixture->t[1], ERRATA_VERDICT_PASS, "Ada",
                                       NULL, &error));
    g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_READ_ONLY);
    errata_project_close (read_only);
  }
  g_assert_cmpint (label_of (p, 0, fixture->t[1]), ==, ERRATA_VERDICT_UNSET);
}

static void
test_find_trace (Fixture       *fixture,
                 gconstpointer  data)
{
  ErrataProject *p = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autofree char *internal = g_strdup_printf ("#%" G_GINT64_FORMAT, fixture->t[3]);
  gint64 id = 0;
  ErrataVerdict value;

  g_assert_true (errata_labels_find_trace (p, "r2", &id, &error));
  g_assert_cmpint (id, ==, fixture->t[2]);
  g_assert_true (errata_labels_find_trace (p, internal, &id, &error));
  g_assert_cmpint (id, ==, fixture->t[3]);
  g_assert_no_error (error);
  g_assert_false (errata_labels_find_trace (p, "nope", &id, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nope"));
  g_clear_error (&error);
  g_assert_false (errata_labels_find_trace (p, "#4711", &id, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* "#" and something else is an external id like any other. */
  eval_test_add_trace (p, "test", "#x1");
  g_assert_true (errata_labels_find_trace (p, "#x1", &id, &error));
  g_assert_no_error (error);
  /* The same external id from two sources is ambiguous. */
  eval_test_add_trace (p, "other-source", "r2");
  g_assert_false (errata_labels_find_trace (p, "r2", &id, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (errata_labels_parse_value (" PASS ", &value));
  g_assert_cmpint (value, ==, ERRATA_VERDICT_PASS);
  g_assert_true (errata_labels_parse_value ("0", &value));
  g_assert_cmpint (value, ==, ERRATA_VERDICT_FAIL);
  g_assert_true (errata_labels_parse_value ("True", &value));
  g_assert_cmpint (value, ==, ERRATA_VERDICT_PASS);
  g_assert_false (errata_labels_parse_value ("passed", &value));
  g_assert_false (errata_labels_parse_value ("", &value));
}

static ErrataLabelsReport *
import_text (Fixture     *fixture,
             ErrataProject *project,
             gint64       target,
             const char  *text,
             GError     **error)
{
  g_autofree char *path = errata_test_write_file (fixture->dir, "labels.csv", text, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ErrataLabelsReport *report = NULL;

  if (!errata_labels_import_file (project, target, file, "Ada", "from a file", &report, NULL,
                                  error))
    g_assert_null (report);
  return report;
}

static void
assert_problem (ErrataLabelsReport *report,
                guint               index,
                guint               line,
                const char         *words)
{
  ErrataLabelsProblem *problem;

  g_assert_cmpuint (index, <, report->problems->len);
  problem = report->problems->pdata[index];
  g_assert_cmpuint (problem->line, ==, line);
  if (strstr (problem->reason, words) == NULL)
    g_error ("line %u: “%s” does not say “%s”", line, problem->reason, words);
}

static void
test_import_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataLabelsReport) report = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *text = g_strdup_printf (
    "\xef\xbb\xbf" "id,label\r\n"               /* 1: header, with a byte-order mark */
    "r1,pass\r\n"                               /* 2 */
    "\"r2\",\"FAIL\"\r\n"                       /* 3: quoted */
    "#%" G_GINT64_FORMAT ",1\n"                 /* 4: internal id */
    "\n"                                        /* 5: blank */
    "r4,maybe\n"                                /* 6: bad label */
    "ghost,pass\n"                              /* 7: unknown id */
    "r5,true\n"                                 /* 8 */
    "r5,0\n"                                    /* 9: same id, other label */
    "r1,PASS\n"                                 /* 10: same id, same label */
    "r4\n"                                      /* 11: no label */
    "\"r\"\"4\",pass,extra column\n"            /* 12: r"4 is no trace */
    "r4,false",                                 /* 13: no final line end */
    fixture->t[3]);

  g_assert_true (errata_labels_set (fixture->project, 0, fixture->t[2], ERRATA_VERDICT_FAIL,
                                    "Bob", NULL, &error));
  report = import_text (fixture, fixture->project, 0, text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  g_assert_cmpuint (report->n_rows, ==, 11);
  /* r1, r3, r4 set; r2 already fail, r1 again: unchanged. */
  g_assert_cmpuint (report->n_set, ==, 3);
  g_assert_cmpuint (report->n_unchanged, ==, 2);
  g_assert_cmpuint (report->problems->len, ==, 6);
  assert_problem (report, 0, 6, "maybe");
  assert_problem (report, 1, 7, "ghost");
  assert_problem (report, 2, 8, "line 9");
  assert_problem (report, 3, 9, "line 8");
  assert_problem (report, 4, 11, "comma");
  assert_problem (report, 5, 12, "r\"4");

  g_assert_cmpint (label_of (fixture->project, 0, fixture->t[1]), ==, ERRATA_VERDICT_PASS);
  g_assert_cmpint (label_of (fixture->project, 0, fixture->t[3]), ==, ERRATA_VERDICT_PASS);
  g_assert_cmpint (label_of (fixture->project, 0, fixture->t[4]), ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpint (label_of (fixture->project, 0, fixture->t[5]), ==, ERRATA_VERDICT_UNSET);
  history = errata_labels_history (fixture->project, 0, fixture->t[1], &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (((ErrataLabelChange *)history->pdata[0])->who, ==, "Ada");
  g_assert_cmpstr (((ErrataLabelChange *)history->pdata[0])->reason, ==, "from a file");

  /* Without a header the first row is a label like the others. */
  g_clear_pointer (&report, errata_labels_report_free);
  report = import_text (fixture, fixture->project, 0, "r5,fail\nr2,pass\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_rows, ==, 2);
  g_assert_cmpuint (report->n_set, ==, 2);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpint (label_of (fixture->project, 0, fixture->t[5]), ==, ERRATA_VERDICT_FAIL);

  /* A typo in the first row's label is a bad row, not a header. */
  g_clear_pointer (&report, errata_labels_report_free);
  report = import_text (fixture, fixture->project, 0, "r3,fial\n", &error);
  g_assert_cmpuint (report->problems->len, ==, 1);
  assert_problem (report, 0, 1, "fial");
}

/* Quoted line ends, an unclosed quote, a field too long to be an id. */
static void
test_import_quoting (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataLabelsReport) report = NULL;
  g_autoptr(GString) text = g_string_new ("\"two\nlines\",pass\n"  /* 1-2 */
                                          "r1,fail\n"               /* 3 */
                                          "\"r2\",\"pa\"\"ss\"\n"    /* 4: pa"ss */
                                          ",,\n"                    /* 5: blank */
                                          "r3,");                   /* 6 */

  g_string_append_c (text, '"');
  g_string_append (text, "pass\nr4,pass\n");
  report = import_text (fixture, fixture->project, 0, text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_rows, ==, 4);
  g_assert_cmpuint (report->n_set, ==, 1);
  g_assert_cmpuint (report->problems->len, ==, 3);
  assert_problem (report, 0, 1, "two\nlines");
  assert_problem (report, 1, 4, "pa\"ss");
  /* The open quote swallows the rest of the file: one bad row, not two. */
  assert_problem (report, 2, 6, "not closed");
  g_assert_cmpint (label_of (fixture->project, 0, fixture->t[1]), ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpint (label_of (fixture->project, 0, fixture->t[4]), ==, ERRATA_VERDICT_UNSET);

  g_clear_pointer (&report, errata_labels_report_free);
  g_string_assign (text, "r1,pass\n");
  for (guint i = 0; i < 100 * 1024; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, ",fail\nr2,pass\n");
  report = import_text (fixture, fixture->project, 0, text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_set, ==, 2);
  g_assert_cmpuint (report->problems->len, ==, 1);
  assert_problem (report, 0, 2, "longer than");
}

static void
test_import_writes_nothing_on_failure (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataLabelsReport) report = NULL;
  g_autoptr(GFile) file = g_object_ref (errata_project_get_file (fixture->project));
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/labels.csv");
  g_autoptr(ErrataProject) read_only = NULL;

  /* A target that does not exist. */
  report = import_text (fixture, fixture->project, 77, "r1,pass\n", &error);
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A file that cannot be read. */
  g_assert_false (errata_labels_import_file (fixture->project, 0, missing, "Ada", NULL, &report,
                                             NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (report);
  g_clear_error (&error);

  /* A project that cannot be written. */
  read_only = errata_project_open (file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  report = import_text (fixture, read_only, 0, "r1,pass\nr2,fail\n", &error);
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  errata_project_close (read_only);

  g_assert_cmpuint (history_length (fixture->project, 0, 0), ==, 0);
  g_assert_cmpint (label_of (fixture->project, 0, fixture->t[1]), ==, ERRATA_VERDICT_UNSET);

  /* Inside a caller's transaction the file is one part of it: rolled
   * back, nothing of it stays. */
  {
    g_autoptr(GString) text = g_string_new ("id,label\n");

    for (guint i = 1; i <= 5; i++)
      g_string_append_printf (text, "r%u,pass\n", i);
    g_assert_true (errata_project_begin (fixture->project, &error));
    report = import_text (fixture, fixture->project, 0, text->str, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_set, ==, 5);
    g_clear_pointer (&report, errata_labels_report_free);
    errata_project_rollback (fixture->project);
  }
  g_assert_cmpuint (history_length (fixture->project, 0, 0), ==, 0);
  g_assert_cmpint (label_of (fixture->project, 0, fixture->t[1]), ==, ERRATA_VERDICT_UNSET);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/labels/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("set-and-history", test_set_and_history);
  ADD ("set-refused", test_set_refused);
  ADD ("find-trace", test_find_trace);
  ADD ("import-file", test_import_file);
  ADD ("import-quoting", test_import_quoting);
  ADD ("import-writes-nothing-on-failure", test_import_writes_nothing_on_failure);

  return g_test_run ();
}
