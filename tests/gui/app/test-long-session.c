/* test-long-session.c: a reviewer's long session in one real window.
 *
 * A project of 600 traces is opened in an ErrataWindow, and 500 of them
 * are reviewed one after the other through the window's own actions, as
 * the keyboard does it: p or f (a verdict), n (into the note, then the
 * note is typed), Ctrl+Enter (save and go to the next unreviewed trace),
 * with a trip to the Failure Modes page and back every 50 traces (where
 * the window is given the time to free what it no longer shows). The
 * test runs with G_DEBUG=fatal-warnings (tests/gui/app/meson.build), so
 * that any warning on the way fails it. Afterwards every verdict and
 * every note must be in the file, read through a second connection, and
 * the process must not have grown by more than 20 MB between the 50th
 * and the 500th trace. One sample at rest swings by ±15 MB on its own
 * (GTK's render and glyph caches), so each end is the median of three
 * samples: after 50, 100, 150 and after 400, 450, 500 reviews. A leak
 * of 20 MB over those 350 reviews still shows.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "errata-application.h"
#include "errata-coding-panel.h"
#include "errata-gui-test-utils.h"
#include "errata-project-private.h"
#include "errata-test-utils.h"
#include "errata-trace-list-model.h"
#include "errata-trace-view.h"
#include "errata-traces-page.h"
#include "errata-window.h"

#define N_TRACES     600
#define N_REVIEWED   500
#define SWITCH_EVERY 50
#define ANNOTATOR    "Long Session Reviewer"
/* How much the process may grow from the 50th to the 500th review: the
 * issue's 20 MB. Measured on 4 December 2026 with the cairo renderer
 * (see main): +6.7 MB between the medians, flat after about 250 reviews
 * (+1 MB over the last 250). */
#define RSS_SLACK_KB (20 * 1024)
/* Seconds to wait for any one step: a busy machine is slow, not wrong. */
#define STEP_DEADLINE 60

static ErrataApplication *app;

/* Fixtures ------------------------------------------------------------ */

static char *
external_id (guint index)
{
  return g_strdup_printf ("session-%03u", index);
}

static char *
note_for (guint index)
{
  return g_strdup_printf ("Trace %u: the reply quotes a delivery date that the tool "
                          "result does not give.", index);
}

/* The verdict the session gives trace `index`: a third of them fail. */
static ErrataVerdict
verdict_for (guint index)
{
  return index % 3 == 0 ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS;
}

/* N_TRACES support conversations, in one transaction. */
static GFile *
make_project (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "long-session.errata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = errata_project_create (file, &error);

  g_assert_no_error (error);
  g_assert_true (errata_project_begin (project, &error));
  for (guint i = 0; i < N_TRACES; i++)
    {
      g_autofree char *id = external_id (i);
      g_autofree char *input = g_strdup_printf ("Where is my order #%05u? It was due on "
                                                "Monday and the tracking page is blank.",
                                                4000 + i);
      g_autofree char *output = g_strdup_printf ("I'm sorry about the wait. Order #%05u "
                                                 "left our warehouse on Friday and should "
                                                 "arrive **within %u days**.",
                                                 4000 + i, 1 + i % 5);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, input, output);
      gboolean added = FALSE;

      g_assert_true (errata_project_add_trace (project, trace, &added, &error));
      g_assert_no_error (error);
      g_assert_true (added);
    }
  g_assert_true (errata_project_commit (project, &error));
  errata_project_close (project);
  return g_steal_pointer (&file);
}

/* Conditions ---------------------------------------------------------- */

typedef struct
{
  ErrataWindow     *window;
  ErrataTracesPage *page;
  ErrataCodingPanel *panel;
  ErrataTraceView  *view;
  const char       *expected;   /* external id of the trace to be shown */
} Session;

static gboolean
window_is_idle (gpointer data)
{
  return !errata_window_is_loading (data) && errata_window_get_traces_page (data) != NULL;
}

static gboolean
model_is_loaded (gpointer data)
{
  return !errata_trace_list_model_is_loading (data);
}

/* The page, the view and the panel all show the expected trace. */
static gboolean
shows_expected_trace (gpointer data)
{
  Session *session = data;
  ErrataTrace *current = errata_traces_page_get_current_trace (session->page);
  ErrataTrace *in_panel = errata_coding_panel_get_trace (session->panel);
  ErrataTrace *in_view = errata_trace_view_get_trace (session->view);

  return current != NULL && in_panel != NULL && in_view != NULL &&
         g_strcmp0 (errata_trace_get_external_id (current), session->expected) == 0 &&
         errata_trace_get_id (in_panel) == errata_trace_get_id (current) &&
         errata_trace_get_id (in_view) == errata_trace_get_id (current) &&
         !errata_trace_view_get_loading (session->view) &&
         errata_gui_test_widget_is_drawn (session->view);
}

static gboolean
note_has_focus (gpointer data)
{
  Session *session = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (session->window));

  return GTK_IS_TEXT_VIEW (focus) && gtk_widget_is_ancestor (focus, GTK_WIDGET (session->panel));
}

static gboolean
shows_failure_modes (gpointer data)
{
  Session *session = data;

  return g_strcmp0 (errata_window_get_visible_page (session->window), "failure-modes") == 0 &&
         errata_gui_test_widget_is_drawn (errata_window_get_failure_modes_page (session->window)) &&
         !gtk_widget_get_mapped (GTK_WIDGET (session->page));
}

static gboolean
shows_traces (gpointer data)
{
  Session *session = data;

  return g_strcmp0 (errata_window_get_visible_page (session->window), "traces") == 0 &&
         errata_gui_test_widget_is_drawn (session->page) &&
         !errata_trace_view_get_loading (session->view);
}

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
wait_for (ErrataGuiTestCondition condition,
          Session               *session)
{
  errata_gui_test_iterate_until_full (condition, session, STEP_DEADLINE);
}

/* The session --------------------------------------------------------- */

/* Message rows still alive (a weak reference on each row ever shown). */
static guint live_rows;

static void
row_finalized (gpointer  data,
               GObject  *where_the_object_was)
{
  live_rows--;
}

static void
track_rows (Session *session)
{
  GtkWidget *row;

  for (int i = 0; (row = errata_trace_view_get_message_row (session->view, i)) != NULL; i++)
    {
      if (g_object_get_data (G_OBJECT (row), "long-session-tracked") != NULL)
        continue;
      g_object_set_data (G_OBJECT (row), "long-session-tracked", GINT_TO_POINTER (TRUE));
      live_rows++;
      g_object_weak_ref (G_OBJECT (row), row_finalized, NULL);
    }
}

static guint
count_rows (Session *session)
{
  guint n = 0;

  while (errata_trace_view_get_message_row (session->view, n) != NULL)
    n++;
  return n;
}

/* Only the rows on show are alive: the view destroys the old ones at low
 * priority, once the window has a moment with no frame to paint. */
static gboolean
old_rows_are_freed (gpointer data)
{
  return live_rows <= count_rows (data);
}

/* One review, as the keys do it: p or f, n, the note, Ctrl+Enter. */
static void
review (Session *session,
        guint    index)
{
  g_autofree char *expected = external_id (index);
  g_autofree char *note = note_for (index);
  const char *verdict_action = verdict_for (index) == ERRATA_VERDICT_FAIL ? "traces.fail"
                                                                          : "traces.pass";
  GtkTextView *note_view;

  session->expected = expected;
  wait_for (shows_expected_trace, session);
  track_rows (session);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session->page), verdict_action, NULL));
  g_assert_cmpint (errata_coding_panel_get_verdict (session->panel), ==, verdict_for (index));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session->page), "traces.focus-note", NULL));
  wait_for (note_has_focus, session);
  note_view = GTK_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (session->window)));
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (note_view), note, -1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session->page),
                                             "traces.next-unreviewed", NULL));
  g_assert_false (errata_coding_panel_has_unsaved (session->panel));
  session->expected = NULL;
}

/* To the Failure Modes page and back, as Alt+2 and Alt+1 do. */
static void
switch_pages (Session *session)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session->window), "win.show-page",
                                             "s", "failure-modes"));
  wait_for (shows_failure_modes, session);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session->window), "win.show-page",
                                             "s", "traces"));
  wait_for (shows_traces, session);
}

/* Every reviewed trace has its verdict and note in the file, the others
 * have nothing; read through a connection of its own. */
static void
check_stored (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) other = errata_project_open (file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  ErrataProjectInfo info = { 0 };

  g_assert_no_error (error);
  for (guint i = 0; i < N_TRACES; i++)
    {
      g_autofree char *id = external_id (i);
      g_autoptr(ErrataTrace) trace = errata_project_find_trace (other, "test", id, &error);
      g_autoptr(ErrataAnnotation) stored = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (trace);
      stored = errata_project_get_annotation (other, errata_trace_get_id (trace), ANNOTATOR, &error);
      if (i >= N_REVIEWED)
        {
          g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND);
          g_assert_null (stored);
          g_clear_error (&error);
          continue;
        }
      g_assert_no_error (error);
      {
        g_autofree char *note = note_for (i);

        g_assert_nonnull (stored);
        g_assert_cmpint (stored->verdict, ==, verdict_for (i));
        g_assert_cmpstr (stored->note, ==, note);
      }
    }
  g_assert_true (errata_project_get_info (other, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.traces, ==, N_TRACES);
  g_assert_cmpint (info.annotated, ==, N_REVIEWED);
  g_assert_cmpint (info.notes, ==, N_REVIEWED);
  g_assert_cmpint (info.failed, ==, (N_REVIEWED + 2) / 3);
  g_assert_cmpint (info.passed, ==, N_REVIEWED - (N_REVIEWED + 2) / 3);
}

static gsize
median_of_three (gsize a,
                 gsize b,
                 gsize c)
{
  return MAX (MIN (a, b), MIN (MAX (a, b), c));
}

static void
test_long_session (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) file = make_project (dir);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  ErrataProject *project;
  Session session = { 0 };
  gsize rss_at_50 = 0, rss_at_500 = 0;
  gsize rest[N_REVIEWED / SWITCH_EVERY] = { 0, };
  gsize early, late;

  g_settings_set_string (settings, "annotator-name", ANNOTATOR);
  errata_application_open_file (app, file);
  session.window = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  errata_gui_test_iterate_until_full (window_is_idle, session.window, STEP_DEADLINE);
  session.page = errata_window_get_traces_page (session.window);
  errata_gui_test_iterate_until_full (model_is_loaded, errata_traces_page_get_model (session.page),
                                      STEP_DEADLINE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (errata_traces_page_get_model (session.page))),
                    ==, N_TRACES);
  session.panel = errata_gui_test_find_first (GTK_WIDGET (session.page), ERRATA_TYPE_CODING_PANEL);
  session.view = errata_gui_test_find_first (GTK_WIDGET (session.page), ERRATA_TYPE_TRACE_VIEW);
  g_assert_nonnull (session.panel);
  g_assert_nonnull (session.view);
  project = errata_window_get_project (session.window);
  g_object_add_weak_pointer (G_OBJECT (project), (gpointer *) &project);

  for (guint i = 0; i < N_REVIEWED; i++)
    {
      review (&session, i);
      if ((i + 1) % SWITCH_EVERY != 0)
        continue;
      switch_pages (&session);
      /* Reviews as fast as these come faster than a person's, without a
       * pause in which the old rows could go (they pile up meanwhile:
       * see the report); memory is compared at rest. */
      g_test_message ("after %u reviews: %u message rows alive", i + 1, live_rows);
      wait_for (old_rows_are_freed, &session);
      /* SQLite's page cache is a cache, bounded by the project's
       * cache_size (16 MiB), not the session's growth: it fills as more of
       * the file is read (ground truth reads annotations and labels). */
      if (project != NULL)
        sqlite3_db_release_memory (_errata_project_get_db (project));
#ifdef __GLIBC__
      /* What is freed but kept by malloc is not the session's growth. */
      malloc_trim (0);
#endif
      rest[i / SWITCH_EVERY] = errata_test_read_rss_kb ();
      g_test_message ("at rest: RSS %" G_GSIZE_FORMAT " kB", rest[i / SWITCH_EVERY]);
    }

  /* After the 500th, the next unreviewed trace is shown. */
  {
    g_autofree char *next = external_id (N_REVIEWED);

    session.expected = next;
    wait_for (shows_expected_trace, &session);
  }

  rss_at_50 = rest[0];
  rss_at_500 = rest[G_N_ELEMENTS (rest) - 1];
  g_test_message ("RSS after the %uth review: %" G_GSIZE_FORMAT " kB; after the %uth: %"
                  G_GSIZE_FORMAT " kB (%+.1f MB)", SWITCH_EVERY, rss_at_50, N_REVIEWED,
                  rss_at_500, ((double) rss_at_500 - (double) rss_at_50) / 1024.0);
  early = median_of_three (rest[0], rest[1], rest[2]);
  late = median_of_three (rest[G_N_ELEMENTS (rest) - 3], rest[G_N_ELEMENTS (rest) - 2],
                          rest[G_N_ELEMENTS (rest) - 1]);
  g_test_message ("median RSS after 50–150 reviews: %" G_GSIZE_FORMAT " kB; after 400–500: %"
                  G_GSIZE_FORMAT " kB (%+.1f MB)", early, late,
                  ((double) late - (double) early) / 1024.0);
  g_assert_cmpuint (early, >, 0);
#if defined(__SANITIZE_ADDRESS__)
  /* Under AddressSanitizer freed memory waits in its quarantine (up to
   * 256 MB) before it is reused: RSS then measures the quarantine, not
   * the session. The sanitizers check leaks themselves. */
  g_test_message ("RSS not compared under AddressSanitizer");
#else
  g_assert_cmpuint (late, <=, early + RSS_SLACK_KB);
#endif

  /* Written while the window is still open, not on closing. */
  check_stored (file);

  gtk_window_destroy (GTK_WINDOW (session.window));
  /* Closing the window lets go of the project and its connection. */
  errata_gui_test_iterate_until_full (pointer_is_null, &project, STEP_DEADLINE);
  check_stored (file);
  errata_test_remove_tree (dir);
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);

  /* The memory measured is Errata's: under Xvfb the GL renderer is Mesa's
   * llvmpipe, whose JIT-compiled shaders allocate from code heaptrack
   * cannot name (82 MB "leaked" over this session on 4 December 2026) and
   * make RSS swing by 15 MB from one sample to the next. The cairo
   * renderer draws the same widgets without it. */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  if (!gtk_init_check ())
    {
      g_test_add_func ("/long-session/no-display", test_no_display);
      return g_test_run ();
    }

  /* A registered application, as in real use (see test-window.c). */
  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/long-session/review-500", test_long_session);
  return g_test_run ();
}
