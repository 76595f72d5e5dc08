/* test-cli-report.c: `errata-cli report PROJECT -o FILE.html|FILE.pdf` as
 * a user runs it, without a display: the files it writes, and its errors.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "report-fixture.h"
#include "cli-test-utils.h"

typedef struct
{
  char *dir;
  char *project;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ErrataProject) project = errata_test_new_project (&fixture->dir);
  ReportFixture built;

  report_fixture_build (&built, project);
  fixture->project = g_file_get_path (errata_project_get_file (project));
  errata_project_close (project);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->project);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static void
test_html (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *output = g_build_filename (fixture->dir, "Report.HTML", NULL);
  g_autofree char *html = NULL;
  CliResult result = cli_run ("report", fixture->project, "-o", output, NULL);

  g_assert_cmpint (result.status, ==, 0);
  cli_assert_contains (result.out, "Wrote ");
  html = read_file (output);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  cli_assert_contains (html, "<h1>test</h1>");
  cli_assert_contains (html, "10 traces reviewed here · 5 imported labels");
  cli_assert_contains (html, "40% (95% interval 17–69%)");
  cli_assert_contains (html, "<svg class=\"chart wide\"");
  cli_result_clear (&result);
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *output = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char *pdf = NULL;
  CliResult result = cli_run ("report", fixture->project, "-o", output, NULL);

  g_assert_cmpint (result.status, ==, 0);
  pdf = read_file (output);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  cli_result_clear (&result);

  /* --format wins over the name. */
  g_free (output);
  output = g_build_filename (fixture->dir, "report.out", NULL);
  result = cli_run ("report", fixture->project, "-o", output, "--format", "pdf", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_clear_pointer (&pdf, g_free);
  pdf = read_file (output);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  cli_result_clear (&result);
}

/* A project someone mailed may be read-only: the report only reads. */
static void
test_read_only_project (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *output = g_build_filename (fixture->dir, "report.html", NULL);
  CliResult result;

  g_assert_cmpint (g_chmod (fixture->project, 0444), ==, 0);
  result = cli_run ("report", fixture->project, "-o", output, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_file_test (output, G_FILE_TEST_EXISTS));
  cli_result_clear (&result);
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "nothing.errata", NULL);
  g_autofree char *output = g_build_filename (fixture->dir, "r.html", NULL);
  CliResult result = cli_run ("report", fixture->project, NULL);

  g_assert_cmpint (result.status, ==, 2);
  cli_assert_contains (result.err, "-o FILE.html or -o FILE.pdf");
  cli_result_clear (&result);

  result = cli_run ("report", fixture->project, "-o", "report.docx", NULL);
  g_assert_cmpint (result.status, ==, 2);
  cli_assert_contains (result.err, "Cannot tell the format of “report.docx”");
  cli_result_clear (&result);

  result = cli_run ("report", missing, "-o", output, NULL);
  g_assert_cmpint (result.status, ==, 2);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  cli_result_clear (&result);

  /* The command is listed in the help. */
  result = cli_run ("--help", NULL);
  cli_assert_contains (result.out, "report");
  cli_assert_contains (result.out, "Write the report as HTML or PDF");
  cli_result_clear (&result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/report/html", Fixture, NULL, fixture_set_up, test_html, fixture_tear_down);
  g_test_add ("/cli/report/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/cli/report/read-only", Fixture, NULL, fixture_set_up, test_read_only_project,
              fixture_tear_down);
  g_test_add ("/cli/report/usage", Fixture, NULL, fixture_set_up, test_usage_errors,
              fixture_tear_down);
  return g_test_run ();
}
