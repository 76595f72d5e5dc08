/* test-report.c: the report's numbers against the hand-built project of
 * report-fixture.h, its HTML (parsed with libxml2's HTML parser, and
 * checked by html-validate when it is installed) and its PDF (page count
 * and text, with poppler's pdfinfo and pdftotext when installed).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <math.h>
#include <string.h>

#include "errata-report.h"
#include "errata-report-document.h"
#include "errata-report-html.h"
#include "errata-report-text.h"
#include "report-fixture.h"

typedef struct
{
  char          *dir;
  ErrataProject *project;
  ReportFixture  built;
  ErrataReport  *report;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->project = errata_test_new_project (&fixture->dir);
  report_fixture_build (&fixture->built, fixture->project);
  fixture->report = errata_report_gather (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->report);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->report, errata_report_free);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static const ErrataReportMode *
mode_at (Fixture *fixture,
         guint    i)
{
  g_assert_cmpuint (i, <, fixture->report->modes->len);
  return fixture->report->modes->pdata[i];
}

/* Reviews made here count, once per trace whoever reviewed; imported
 * labels are counted apart. */
static void
test_coverage (Fixture       *fixture,
               gconstpointer  data)
{
  ErrataReport *report = fixture->report;
  g_autofree char *counts = errata_report_dup_counts_line (report);
  g_autofree char *synthetic = errata_report_dup_synthetic (report);

  g_assert_cmpuint (report->n_traces, ==, 20);
  g_assert_cmpuint (report->n_reviewed, ==, 10);
  g_assert_cmpuint (report->n_reviewers, ==, 2);
  g_assert_cmpuint (report->n_failed, ==, 5);
  g_assert_cmpuint (report->n_imported, ==, 5);
  g_assert_cmpstr (counts, ==, "10 traces reviewed here · 5 imported labels");
  g_assert_cmpuint (report->n_synthetic, ==, 5);
  g_assert_cmpstr (synthetic, ==, "5 of 20 traces (25%) are synthetic");
  g_assert_cmpstr (report->title, ==, "test");
}

static void
test_modes (Fixture       *fixture,
            gconstpointer  data)
{
  const ErrataReportMode *date = mode_at (fixture, 0);
  const ErrataReportMode *tone = mode_at (fixture, 1);
  const ErrataReportMode *never = mode_at (fixture, 2);
  g_autofree char *share = errata_report_dup_mode_share (date);
  g_autofree char *imported = errata_report_dup_mode_imported (date);

  g_assert_cmpuint (fixture->report->modes->len, ==, 3);
  /* Most frequent first. */
  g_assert_cmpstr (date->name, ==, "Wrong date");
  g_assert_cmpstr (date->definition, ==, "The reply gives a date that is not the booked one.");
  /* t0 (Ana and Ben), t1, t2, t3; t10's imported note is not counted. */
  g_assert_cmpuint (date->count, ==, 4);
  g_assert_cmpfloat_with_epsilon (date->share, 0.4, 1e-12);
  /* Wilson 95% for 4 of 10, worked by hand: 0.1682 – 0.6873. */
  g_assert_cmpfloat_with_epsilon (date->interval.lower, 0.1682, 1e-4);
  g_assert_cmpfloat_with_epsilon (date->interval.upper, 0.6873, 1e-4);
  g_assert_cmpstr (share, ==, "40% (95% interval 17–69%)");
  g_assert_cmpuint (date->imported, ==, 1);
  g_assert_cmpstr (imported, ==, "Imported labels put 1 trace here (not in the share)");

  g_assert_cmpstr (tone->name, ==, "Rude tone");
  g_assert_cmpuint (tone->count, ==, 1);
  /* Wilson 95% for 1 of 10: 0.0179 – 0.4042. */
  g_assert_cmpfloat_with_epsilon (tone->interval.lower, 0.0179, 1e-4);
  g_assert_cmpfloat_with_epsilon (tone->interval.upper, 0.4042, 1e-4);
  g_assert_false (tone->has_corrected);
  /* Its evaluator says why it gives no estimate. */
  {
    g_autofree char *why = errata_report_dup_mode_no_corrected (tone);

    g_assert_nonnull (why);
    g_assert_true (g_str_has_prefix (why, "No judge estimate: “Tone judge”: The evaluator has not "
                                          "been run on the test split"));
  }
  g_assert_null (errata_report_dup_mode_no_corrected (date));
  g_assert_null (errata_report_dup_mode_no_corrected (never));

  /* Ana and Ben both reviewed t0 only, both putting it in Wrong date (and
   * so passing it for the other modes): one shared trace, one class, so
   * AC1 = 1 (p_a 1, chance 0) and κ is 0/0. */
  {
    g_autofree char *agreement = errata_report_dup_mode_agreement (date);

    g_assert_cmpuint (date->agreement_reviewers, ==, 2);
    g_assert_cmpuint (date->agreement_items, ==, 1);
    g_assert_false (date->agreement_kappa_defined);
    g_assert_cmpstr (agreement, ==, "Agreement between reviewers: AC1 1.00 (95% interval 1.00–1.00), "
                                    "κ undefined, on 1 trace reviewed by two or more of 2 "
                                    "reviewers (too few shared traces to rely on)");
    g_assert_cmpuint (tone->agreement_items, ==, 1);
  }

  g_assert_cmpstr (never->name, ==, "Never seen");
  g_assert_cmpuint (never->count, ==, 0);
  g_assert_cmpuint (never->examples->len, ==, 0);
}

static void
test_examples (Fixture       *fixture,
               gconstpointer  data)
{
  const ErrataReportMode *date = mode_at (fixture, 0);
  const ErrataReportExample *first, *second;

  /* Three traces, t0 once although two people put it here. */
  g_assert_cmpuint (date->examples->len, ==, 3);
  first = date->examples->pdata[0];
  second = date->examples->pdata[1];
  g_assert_cmpint (first->trace_id, ==, fixture->built.traces[0]);
  g_assert_cmpstr (first->external_id, ==, "conv-00");
  g_assert_cmpstr (first->question, ==, "When does my flight 0 leave?");
  g_assert_cmpstr (first->note, ==, "Gives the wrong date for flight 0.");
  g_assert_cmpstr (first->annotator, ==, "Ana");
  g_assert_cmpint (second->trace_id, ==, fixture->built.traces[1]);
  /* The long reply is cut at a sentence, within the limit. */
  g_assert_cmpint (g_utf8_strlen (second->reply, -1), <=, ERRATA_REPORT_REPLY_CHARS + 2);
  g_assert_true (g_str_has_suffix (second->reply, ". …"));
  g_assert_true (g_str_has_prefix (second->reply, "Your flight 1 leaves on Tuesday."));
  g_assert_cmpint (((ErrataReportExample *)date->examples->pdata[2])->trace_id, ==,
                   fixture->built.traces[2]);
}

static void
test_corrected_rate (Fixture       *fixture,
                     gconstpointer  data)
{
  const ErrataReportMode *date = mode_at (fixture, 0);
  g_autofree char *text = errata_report_dup_mode_corrected (date);

  g_assert_true (date->has_corrected);
  g_assert_cmpstr (date->judge_name, ==, "Date check");
  g_assert_cmpuint (date->judge_version, ==, 1);
  /* 1 − (0.8 + 0.75 − 1) / (5/6 + 0.75 − 1) */
  g_assert_cmpfloat_with_epsilon (date->corrected, 1.0 - 0.55 / (5.0 / 6.0 - 0.25), 1e-9);
  g_assert_cmpfloat_with_epsilon (date->observed, 0.2, 1e-12);
  g_assert_cmpuint (date->n_unlabelled, ==, 10);
  g_assert_cmpfloat (date->corrected_interval.lower, <=, date->corrected);
  g_assert_cmpfloat (date->corrected_interval.upper, >=, date->corrected);
  g_assert_true (g_str_has_prefix (text, "Corrected rate 5.7% (95% interval "));
  g_assert_nonnull (strstr (text, "“Date check” (version 1) on 10 unreviewed traces"));
}

static void
test_judges (Fixture       *fixture,
             gconstpointer  data)
{
  ErrataReportJudge *check, *tone;
  g_autofree char *check_summary = NULL;
  g_autofree char *tone_summary = NULL;
  g_autofree char *tpr = NULL;

  g_assert_cmpuint (fixture->report->judges->len, ==, 2);
  check = fixture->report->judges->pdata[0];
  tone = fixture->report->judges->pdata[1];
  g_assert_cmpstr (check->name, ==, "Date check");
  g_assert_cmpstr (check->target, ==, "Wrong date");
  g_assert_true (check->validated);
  g_assert_cmpuint (check->n_looks, ==, 1);
  g_assert_cmpuint (check->n_test, ==, 10);
  g_assert_true (check->tpr_defined && check->tnr_defined);
  g_assert_cmpfloat_with_epsilon (check->tpr, 5.0 / 6.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (check->tnr, 0.75, 1e-12);
  /* Wilson 95% for 5 of 6: 0.4365 – 0.9699; 3 of 4: 0.3006 – 0.9544. */
  g_assert_cmpfloat_with_epsilon (check->tpr_interval.lower, 0.4365, 1e-4);
  g_assert_cmpfloat_with_epsilon (check->tpr_interval.upper, 0.9699, 1e-4);
  g_assert_cmpfloat_with_epsilon (check->tnr_interval.lower, 0.3006, 1e-4);
  g_assert_cmpfloat_with_epsilon (check->tnr_interval.upper, 0.9544, 1e-4);
  tpr = errata_report_dup_rate (check->tpr_defined, check->tpr, check->tpr_interval, "");
  g_assert_cmpstr (tpr, ==, "83% (95% interval 44–97%)");
  check_summary = errata_report_dup_judge_summary (check);
  g_assert_cmpstr (check_summary, ==,
                   "Measured on 10 test traces on 4 March 2026 (version 1) · test looked at once");

  g_assert_cmpstr (tone->name, ==, "Tone judge");
  g_assert_false (tone->validated);
  g_assert_cmpuint (tone->n_looks, ==, 0);
  tone_summary = errata_report_dup_judge_summary (tone);
  g_assert_cmpstr (tone_summary, ==, "Not validated: never run on the test traces");
}

static void
test_method (Fixture       *fixture,
             gconstpointer  data)
{
  ErrataReport *report = fixture->report;
  ErrataReportSplit *split;
  ErrataReportDimension *first;
  g_autofree char *split_text = NULL;

  /* t0 brings Wrong date, t4 Rude tone; 10 reviews < the window of 20. */
  g_assert_cmpuint (report->saturation->len, ==, 10);
  g_assert_cmpuint (g_array_index (report->saturation, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (report->saturation, guint, 3), ==, 1);
  g_assert_cmpuint (g_array_index (report->saturation, guint, 4), ==, 2);
  g_assert_cmpuint (g_array_index (report->saturation, guint, 9), ==, 2);
  g_assert_false (report->saturated);

  g_assert_cmpuint (report->splits->len, ==, 1);
  split = report->splits->pdata[0];
  split_text = errata_report_dup_split (split);
  g_assert_cmpstr (split_text, ==, "Wrong date: 2 train · 4 dev · 4 test");

  /* channel = chat (5), persona = new (3), persona = returning (2). */
  g_assert_cmpuint (report->dimensions->len, ==, 3);
  first = report->dimensions->pdata[0];
  g_assert_cmpstr (first->dimension, ==, "channel");
  g_assert_cmpstr (first->value, ==, "chat");
  g_assert_cmpuint (first->count, ==, 5);
  g_assert_cmpstr (((ErrataReportDimension *)report->dimensions->pdata[1])->value, ==, "new");
  g_assert_cmpuint (((ErrataReportDimension *)report->dimensions->pdata[1])->count, ==, 3);
  g_assert_cmpuint (((ErrataReportDimension *)report->dimensions->pdata[2])->count, ==, 2);
}

static void
on_gathered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gboolean
has_result (gpointer slot)
{
  return *(GAsyncResult **)slot != NULL;
}

/* In a thread, on a connection of its own: the same report. */
static void
test_gather_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ErrataReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) cancelled_result = NULL;

  errata_report_gather_async (errata_project_get_file (fixture->project), NULL, on_gathered,
                              &result);
  errata_test_wait_until (has_result, &result, 30);
  report = errata_report_gather_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_reviewed, ==, fixture->report->n_reviewed);
  g_assert_cmpuint (report->modes->len, ==, 3);
  g_assert_cmpuint (((ErrataReportMode *)report->modes->pdata[0])->count, ==, 4);
  g_assert_cmpuint (report->judges->len, ==, 2);

  g_cancellable_cancel (cancelled);
  errata_report_gather_async (errata_project_get_file (fixture->project), cancelled, on_gathered,
                              &cancelled_result);
  errata_test_wait_until (has_result, &cancelled_result, 30);
  g_assert_null (errata_report_gather_finish (cancelled_result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Nothing reviewed here: the report says so rather than showing shares
 * of zero traces; imported labels are still counted apart. */
static void
test_empty_project (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("only", "Hi", "Hello");
  g_autofree char *html = NULL;

  g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
  report_fixture_review (project, errata_trace_get_id (trace), "import", ERRATA_VERDICT_FAIL, "",
                         ERRATA_ORIGIN_IMPORTED, 0);
  report = errata_report_gather (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_reviewed, ==, 0);
  g_assert_cmpuint (report->n_imported, ==, 1);
  g_assert_cmpstr (errata_report_empty_text (report), ==,
                   "No trace has been reviewed here yet: the report counts reviews made in Errata.");
  html = errata_report_dup_html (report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (html, "No trace has been reviewed here yet"));
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* One reviewer (Ana) and an imported label on the same trace: the import
 * is no reviewer, so nobody's agreement can be measured, and the report
 * says so beside the mode rather than showing a number. */
static void
test_one_reviewer_agreement (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTrace) trace = errata_test_new_trace ("only", "Hi", "Hello");
  g_autofree char *agreement = NULL;
  gint64 mode;

  g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
  report_fixture_exec (project, sqlite3_mprintf (
    "INSERT INTO failure_modes (name, created_at) VALUES ('Curt', 0)"));
  mode = sqlite3_last_insert_rowid (_errata_project_get_db (project));
  report_fixture_review (project, errata_trace_get_id (trace), "Ana", ERRATA_VERDICT_FAIL,
                         "Curt.", ERRATA_ORIGIN_HERE, mode);
  report_fixture_review (project, errata_trace_get_id (trace), "import", ERRATA_VERDICT_FAIL,
                         "Curt too.", ERRATA_ORIGIN_IMPORTED, mode);
  report = errata_report_gather (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->modes->len, ==, 1);
  agreement = errata_report_dup_mode_agreement (report->modes->pdata[0]);
  g_assert_cmpstr (agreement, ==, "One reviewer: nobody else reviewed these traces, so agreement "
                                  "between reviewers is not known");
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static void
test_cut_text (void)
{
  g_autofree char *short_text = errata_report_cut_text ("Short\n\n  reply.", 50);
  g_autofree char *words = errata_report_cut_text ("one two three four five six seven eight", 20);
  g_autofree char *multibyte = errata_report_cut_text ("ééééééééééééééééééééééééé", 10);

  g_assert_cmpstr (short_text, ==, "Short reply.");
  g_assert_cmpstr (words, ==, "one two three four…");
  g_assert_cmpint (g_utf8_strlen (multibyte, -1), ==, 10);
  g_assert_true (g_utf8_validate (multibyte, -1, NULL));
}

/* HTML ------------------------------------------------------------------- */

static guint
count_nodes (xmlXPathContext *context,
             const char      *xpath)
{
  xmlXPathObject *result = xmlXPathEvalExpression ((const xmlChar *)xpath, context);
  guint n;

  g_assert_nonnull (result);
  n = result->nodesetval != NULL ? (guint)result->nodesetval->nodeNr : 0;
  xmlXPathFreeObject (result);
  return n;
}

static char *
node_text (xmlXPathContext *context,
           const char      *xpath)
{
  xmlXPathObject *result = xmlXPathEvalExpression ((const xmlChar *)xpath, context);
  xmlChar *content;
  char *text;

  g_assert_nonnull (result);
  g_assert_nonnull (result->nodesetval);
  g_assert_cmpint (result->nodesetval->nodeNr, >, 0);
  content = xmlNodeGetContent (result->nodesetval->nodeTab[0]);
  text = g_strdup ((const char *)content);
  xmlFree (content);
  xmlXPathFreeObject (result);
  return text;
}

static void
collect_error (void       *data,
               const char *message,
               ...)
{
  (*(guint *)data)++;
}

/* libxml2's HTML parser predates HTML5 and does not know <svg>, <main>,
 * <section> and the like: it reports them, and reads them anyway. A
 * mismatched tag or a broken attribute is what this counts. */
static htmlDocPtr
parse_html (const char *html,
            guint      *n_errors)
{
  *n_errors = 0;
  xmlSetGenericErrorFunc (n_errors, collect_error);
  return htmlReadMemory (html, strlen (html), "report.html", "UTF-8",
                         HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
}

static void
test_html_structure (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = errata_report_dup_html (fixture->report, &error);
  g_autofree char *h1 = NULL;
  g_autofree char *first_mode = NULL;
  g_autofree char *lang = NULL;
  htmlDocPtr doc;
  xmlXPathContext *context;
  guint n_errors;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  /* Self-contained: nothing is fetched. */
  /* Agreement beside each mode, with its footnote. */
  g_assert_nonnull (strstr (html, "<p class=\"sub agreement\">"));
  g_assert_nonnull (strstr (html, "href=\"#note-agreement\""));
  g_assert_nonnull (strstr (html, "beyond what chance alone would give"));
  g_assert_null (strstr (html, "src=\"http"));
  g_assert_null (strstr (html, "href=\"http"));
  g_assert_null (strstr (html, "<link"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "url(http"));
  g_assert_null (strstr (html, "<?xml"));

  doc = parse_html (html, &n_errors);
  g_assert_nonnull (doc);
  context = xmlXPathNewContext (doc);
  h1 = node_text (context, "//h1");
  g_assert_cmpstr (h1, ==, "test");
  lang = node_text (context, "/html/@lang");
  g_assert_cmpstr (lang, ==, "en");
  g_assert_cmpuint (count_nodes (context, "//meta[@name='viewport']"), ==, 1);
  /* The summary: the top three, the estimate beside its mode's share. */
  g_assert_cmpuint (count_nodes (context, "//section[@class='summary']//li"), ==, 3);
  {
    g_autofree char *first = node_text (context, "//section[@class='summary']//li[1]");

    g_assert_cmpstr (first, ==, "Wrong date — 40% (95% interval 17–69%); judge estimate 5.7%");
  }
  /* Three modes, in order, the first with its examples and estimate. */
  g_assert_cmpuint (count_nodes (context, "//section[@id='failure-modes']/article"), ==, 3);
  first_mode = node_text (context, "//section[@id='failure-modes']/article[1]/h3");
  g_assert_cmpstr (first_mode, ==, "Wrong date");
  g_assert_cmpuint (count_nodes (context, "//article[1]//ol[@class='examples']/li"), ==, 3);
  g_assert_cmpuint (count_nodes (context, "//article[1]//div[@class='corrected']"), ==, 1);
  /* Charts inline: modes, the estimate, the tested judge and saturation,
   * each labelled, each drawn wide and narrow (for a phone). */
  g_assert_cmpuint (count_nodes (context, "//svg[@class='chart wide'][@role='img'][@aria-label]"), ==, 4);
  g_assert_cmpuint (count_nodes (context, "//svg[@class='chart narrow'][@role='img'][@aria-label]"), ==, 4);
  g_assert_cmpuint (count_nodes (context, "//article[h3='Date check']//svg[@class='chart wide']"), ==, 1);
  /* No id twice: cairo names glyphs alike in every SVG it writes. */
  g_assert_cmpuint (count_nodes (context, "//*[@id][@id = preceding::*/@id]"), ==, 0);
  /* Every footnote mark points at a note that exists. */
  g_assert_cmpuint (count_nodes (context, "//sup/a"), >, 10);
  g_assert_cmpuint (count_nodes (context, "//sup/a[not(substring(@href, 2) = //ol[@class='notes']/li/@id)]"),
                    ==, 0);
  /* Every explained number has its explanation as a tooltip too. */
  g_assert_cmpuint (count_nodes (context, "//span[@title][following-sibling::*[1][self::sup]]"),
                    ==, count_nodes (context, "//sup"));
  /* The never-validated judge says so. */
  g_assert_cmpuint (count_nodes (context, "//article[h3='Tone judge']//span[@class='badge unvalidated']"),
                    ==, 1);
  g_assert_cmpuint (count_nodes (context, "//article[h3='Tone judge']//*[contains(., 'TPR')]"), ==, 0);
  xmlXPathFreeContext (context);
  xmlFreeDoc (doc);
}

/* A name with markup in it is text in the page, never markup. */
static void
test_html_escapes (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  ErrataReportMode *mode = fixture->report->modes->pdata[1];

  g_free (mode->name);
  mode->name = g_strdup ("<script>alert(1)</script> & co");
  html = errata_report_dup_html (fixture->report, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (html, "<script>"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
}

/* html-validate (npm) when it is installed: the page is valid HTML. */
static void
test_html_validates (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *validator = g_getenv ("ERRATA_HTML_VALIDATE");
  g_autofree char *path = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (validator == NULL || !g_file_test (validator, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("html-validate is not installed (build-aux/install-deps.sh installs it; "
                   "ERRATA_HTML_VALIDATE names it)");
      return;
    }
  path = g_build_filename (fixture->dir, "report.html", NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_true (errata_report_write_html (fixture->report, file, NULL, &error));
    g_assert_no_error (error);
  }
  {
    const char *argv[] = { validator, "--config", NULL, path, NULL };
    g_autofree char *config = g_test_build_filename (G_TEST_DIST, "core", "report", "htmlvalidate.json", NULL);

    argv[2] = config;
    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                 NULL, &output, NULL, &status, &error));
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("html-validate found problems:\n%s", output);
}

/* PDF -------------------------------------------------------------------- */

static char *
run_tool (const char *tool,
          const char *path)
{
  const char *argv[] = { tool, path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *output = NULL;
  int status;

  if (g_strcmp0 (tool, "pdfinfo") == 0)
    argv[2] = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &output, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return output;
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *info = run_tool ("pdfinfo", path);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return (guint)g_ascii_strtoull (pages + strlen ("Pages:") + strspn (pages + 6, " "), NULL, 10);
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *last_page = NULL;
  g_auto (GStrv) page_texts = NULL;
  guint pages;

  g_assert_true (errata_report_write_pdf (fixture->report, file, NULL, &error));
  g_assert_no_error (error);
  if (!have_program ("pdftotext") || !have_program ("pdfinfo"))
    {
      g_test_skip ("poppler-utils (pdftotext, pdfinfo) is not installed");
      return;
    }
  pages = pdf_pages (path);
  /* Three modes with examples, two judges, coverage and the notes do not
   * fit on one A4 page; they fit on a few. */
  g_assert_cmpuint (pages, >=, 2);
  g_assert_cmpuint (pages, <=, 5);
  text = run_tool ("pdftotext", path);
  g_assert_nonnull (strstr (text, "What breaks, and how often"));
  g_assert_nonnull (strstr (text, "1. Wrong date — 40% (95% interval 17–69%); judge estimate 5.7%"));
  g_assert_nonnull (strstr (text, "Wrong date"));
  g_assert_nonnull (strstr (text, "4 of 10 reviewed traces · 95% interval 17–69%"));
  g_assert_nonnull (strstr (text, "Gives the wrong date for flight 0."));
  g_assert_nonnull (strstr (text, "Not validated: never run on the test traces"));
  g_assert_nonnull (strstr (text, "How far the judges can be trusted"));
  g_assert_nonnull (strstr (text, "Coverage and method"));
  g_assert_nonnull (strstr (text, "Agreement between reviewers: AC1 1.00"));
  last_page = g_strdup_printf ("Page %u of %u", pages, pages);
  g_assert_nonnull (strstr (text, last_page));
  /* Every page has its footer: pdftotext ends each page with a form feed. */
  page_texts = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (page_texts) - 1, ==, pages);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/report/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("coverage", test_coverage);
  ADD ("modes", test_modes);
  ADD ("examples", test_examples);
  ADD ("corrected-rate", test_corrected_rate);
  ADD ("judges", test_judges);
  ADD ("method", test_method);
  ADD ("gather-async", test_gather_async);
  ADD ("html/structure", test_html_structure);
  ADD ("html/escapes", test_html_escapes);
  ADD ("html/validates", test_html_validates);
  ADD ("pdf", test_pdf);
#undef ADD
  g_test_add_func ("/report/empty-project", test_empty_project);
  g_test_add_func ("/report/one-reviewer-agreement", test_one_reviewer_agreement);
  g_test_add_func ("/report/cut-text", test_cut_text);
  return g_test_run ();
}
