/* test-trace-page-disputes.c: the Traces page's "Reviewers Disagree"
 * filter lists the adjudication queue (overall, or the failure mode chosen
 * beside it), says how many traces it holds, and a trace settled in the
 * coding panel leaves it. Rendered to trace-page-disputes.png at 1024 px.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "errata-adjudication-panel.h"
#include "errata-adjudication.h"
#include "errata-gui-test-utils.h"
#include "errata-test-utils.h"
#include "trace-page-fixture.h"

#define COLLEAGUE "Colleague Merged"

static gint64
trace_id_at (Fixture *fixture,
             guint    index)
{
  g_autoptr(ErrataTrace) row = g_list_model_get_item (fixture->model, index);

  return errata_trace_get_id (row);
}

/* A colleague's review, as `errata-cli merge` brings it in. */
static void
merge_review (ErrataProject *project,
              gint64         trace_id,
              ErrataVerdict  verdict,
              const char    *note)
{
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (trace_id, COLLEAGUE);
  g_autoptr(GError) error = NULL;

  annotation->verdict = verdict;
  g_free (annotation->note);
  annotation->note = g_strdup (note);
  annotation->origin = ERRATA_ORIGIN_MERGED;
  g_assert_true (errata_project_set_annotation (project, annotation, &error));
  g_assert_no_error (error);
}

static GtkDropDown *
get_review_dropdown (Fixture *fixture)
{
  g_autoptr(GPtrArray) dropdowns = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                             GTK_TYPE_DROP_DOWN);

  for (guint i = 0; i < dropdowns->len; i++)
    {
      GListModel *model = gtk_drop_down_get_model (dropdowns->pdata[i]);

      if (GTK_IS_STRING_LIST (model) && g_list_model_get_n_items (model) > 8 &&
          g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), 8),
                       "Reviewers Disagree"))
        return dropdowns->pdata[i];
    }
  g_assert_not_reached ();
}

static gboolean
page_shows (Fixture    *fixture,
            const char *text)
{
  g_autofree char *shown = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->page));

  return strstr (shown, text) != NULL;
}

static void
choose_review_filter (Fixture *fixture,
                      guint    item)
{
  gtk_drop_down_set_selected (get_review_dropdown (fixture), item);
  wait_for_list (fixture);
}

static gint64 shown_id;

static gboolean
shows_trace (gpointer data)
{
  return current_id (data) == shown_id;
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  ErrataProject *project = errata_coding_panel_get_project (fixture->panel);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  ErrataAdjudicationPanel *adjudication;
  g_autoptr(GError) error = NULL;
  gint64 disputed[2];

  g_settings_set_boolean (settings, "blind-review", FALSE);
  /* Traces 1 and 2 (passed by the reviewer) are failed by the colleague;
   * trace 3 they both fail. */
  disputed[0] = trace_id_at (fixture, 1);
  disputed[1] = trace_id_at (fixture, 2);
  merge_review (project, disputed[0], ERRATA_VERDICT_FAIL, "The budget was ignored.");
  merge_review (project, disputed[1], ERRATA_VERDICT_FAIL, "Too long.");
  merge_review (project, trace_id_at (fixture, 3), ERRATA_VERDICT_FAIL, "Over budget.");

  choose_review_filter (fixture, 8);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, 2);
  g_assert_cmpint (trace_id_at (fixture, 0), ==, disputed[0]);
  g_assert_cmpint (trace_id_at (fixture, 1), ==, disputed[1]);
  g_assert_true (page_shows (fixture, "2 disputed traces to settle for Overall"));

  /* The page shows the first; its coding panel adjudicates. */
  errata_traces_page_show_trace (fixture->page, disputed[0]);
  shown_id = disputed[0];
  errata_gui_test_iterate_until (shows_trace, fixture);
  adjudication = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->panel),
                                                   ERRATA_TYPE_ADJUDICATION_PANEL);
  g_assert_nonnull (adjudication);
  g_assert_true (page_shows (fixture, "The budget was ignored."));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 768);
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "trace-page-disputes.png"));

  g_assert_true (errata_adjudication_panel_settle (adjudication, ERRATA_TARGET_OVERALL,
                                                   ERRATA_VERDICT_FAIL,
                                                   "The budget rule is in the system prompt",
                                                   &error));
  g_assert_no_error (error);

  /* Listed again, the queue holds one trace. */
  choose_review_filter (fixture, 0);
  choose_review_filter (fixture, 8);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, 1);
  g_assert_cmpint (trace_id_at (fixture, 0), ==, disputed[1]);
  g_assert_true (page_shows (fixture, "1 disputed trace to settle for Overall"));

  /* Back to all traces. */
  choose_review_filter (fixture, 0);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES);

  /* Another page asks for the queue through the window's action. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-disputes", "x",
                              (gint64)ERRATA_TARGET_OVERALL);
  wait_for_list (fixture);
  g_assert_cmpuint (gtk_drop_down_get_selected (get_review_dropdown (fixture)), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, 1);
  g_assert_cmpint (trace_id_at (fixture, 0), ==, disputed[1]);
}

static void
test_no_display (void)
{
  g_test_skip ("no display");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/trace-page-disputes/no-display", test_no_display);
      return g_test_run ();
    }

  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  ADD_TEST ("/trace-page-disputes/filter", test_filter);
  return g_test_run ();
}
