/* test-trace-page-undo.c: Undo and Redo of a reviewer's edits on the
 * Traces page (traces.undo, traces.redo, and the Undo of the toast after
 * Ctrl+Enter). What the page stores is read back through a second
 * connection to the file.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "errata-application.h"
#include "errata-coding-panel.h"
#include "errata-eval-types.h"
#include "errata-gui-test-utils.h"
#include "errata-labels.h"
#include "errata-mode-labels.h"
#include "errata-toast-helper.h"
#include "errata-traces-page.h"
#include "errata-test-utils.h"
#include "errata-trace-view.h"
#include "errata-window.h"
#include "trace-page-fixture.h"

/* Helpers ------------------------------------------------------------- */

static gint64
trace_id_at (Fixture *fixture,
             guint    index)
{
  g_autoptr(ErrataTrace) row = g_list_model_get_item (fixture->model, index);

  return errata_trace_get_id (row);
}

static ErrataVerdict
stored_verdict (Fixture *fixture,
                gint64   trace_id)
{
  g_autoptr(ErrataAnnotation) stored = read_annotation_elsewhere (fixture, trace_id);

  return stored->verdict;
}

/* My verdict as the list's row has it. */
static ErrataVerdict
row_verdict (Fixture *fixture,
             gint64   trace_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (fixture->model); i++)
    {
      g_autoptr(ErrataTrace) row = g_list_model_get_item (fixture->model, i);

      if (errata_trace_get_id (row) == trace_id)
        return errata_trace_get_verdict (row);
    }
  g_assert_not_reached ();
}

static const char *
subtitle (Fixture *fixture)
{
  return errata_traces_page_get_subtitle (fixture->page);
}

static void
add_review_elsewhere (Fixture    *fixture,
                      gint64      trace_id,
                      const char *who,
                      const char *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) other = errata_project_open (fixture->file, ERRATA_PROJECT_OPEN_NONE,
                                                        &error);
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (trace_id, who);

  g_assert_no_error (error);
  annotation->verdict = ERRATA_VERDICT_FAIL;
  g_free (annotation->note);
  annotation->note = g_strdup (note);
  g_assert_true (errata_project_set_annotation (other, annotation, &error));
  g_assert_no_error (error);
}

/* Under blind review the panel says others reviewed the trace instead of
 * showing what they wrote. */
static gboolean
others_hidden (Fixture *fixture)
{
  return errata_gui_test_find_with_class (GTK_WIDGET (fixture->panel), GTK_TYPE_LABEL,
                                          "blind-review") != NULL;
}

/* Whether the page's action is enabled, as a button bound to it (a
 * menu item, the shortcuts) sees it: insensitive when it is not. The
 * probe is hidden, in a box of the page. */
static gboolean
action_enabled (Fixture    *fixture,
                const char *action)
{
  GtkWidget *box = errata_gui_test_find_first (GTK_WIDGET (fixture->page), GTK_TYPE_BOX);
  GtkWidget *probe = gtk_button_new ();
  gboolean enabled;

  gtk_widget_set_visible (probe, FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), action);
  gtk_box_append (GTK_BOX (box), probe);
  errata_gui_test_iterate_for (10);
  enabled = gtk_widget_get_sensitive (probe);
  gtk_box_remove (GTK_BOX (box), probe);
  return enabled;
}

static gboolean
note_saved (gpointer data)
{
  return !errata_coding_panel_has_unsaved (data);
}

static void
type_note (Fixture    *fixture,
           const char *text)
{
  GtkTextView *view = errata_gui_test_find_first (GTK_WIDGET (fixture->panel),
                                                  GTK_TYPE_TEXT_VIEW);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  g_assert_true (errata_coding_panel_has_unsaved (fixture->panel));
  /* The autosave after typing pauses: one step per saved edit. */
  errata_gui_test_iterate_until (note_saved, fixture->panel);
}

/* Tests --------------------------------------------------------------- */

static void
test_nothing_to_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  /* A fresh page has nothing to undo or redo: both actions are off. */
  g_assert_false (action_enabled (fixture, "traces.undo"));
  g_assert_false (action_enabled (fixture, "traces.redo"));

  activate (fixture, "traces.pass");
  g_assert_true (action_enabled (fixture, "traces.undo"));
  g_assert_false (action_enabled (fixture, "traces.redo"));
  activate (fixture, "traces.undo");
  g_assert_cmpint (stored_verdict (fixture, current_id (fixture)), ==, ERRATA_VERDICT_UNSET);
  /* The one step is undone; nothing is left to undo, one step to redo. */
  g_assert_false (action_enabled (fixture, "traces.undo"));
  g_assert_true (action_enabled (fixture, "traces.redo"));
  /* Activated anyway (a stale toast), it changes nothing. */
  activate (fixture, "traces.undo");
  g_assert_cmpint (stored_verdict (fixture, current_id (fixture)), ==, ERRATA_VERDICT_UNSET);
}

static void
test_undo_verdict (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 first = trace_id_at (fixture, 0);

  add_review_elsewhere (fixture, first, "Grace", "Grace found the price wrong");
  errata_traces_page_reload (fixture->page);
  wait_for_list (fixture);
  errata_traces_page_select (fixture->page, 1);
  errata_traces_page_select (fixture->page, 0);
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-00");
  g_assert_true (others_hidden (fixture));
  g_assert_cmpstr (subtitle (fixture), ==, "You reviewed 3 of 40 · 4 by anyone");

  activate (fixture, "traces.fail");
  g_assert_cmpint (stored_verdict (fixture, first), ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpint (row_verdict (fixture, first), ==, ERRATA_VERDICT_FAIL);
  g_assert_false (others_hidden (fixture));
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->panel),
                                              "Grace found the price wrong"));

  /* Fail, then Pass: two steps. */
  activate (fixture, "traces.pass");
  g_assert_cmpint (stored_verdict (fixture, first), ==, ERRATA_VERDICT_PASS);
  g_assert_cmpstr (subtitle (fixture), ==, "You reviewed 4 of 40");

  activate (fixture, "traces.undo");
  g_assert_cmpint (stored_verdict (fixture, first), ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpint (errata_coding_panel_get_verdict (fixture->panel), ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpint (row_verdict (fixture, first), ==, ERRATA_VERDICT_FAIL);

  /* Back to no review at all: the list, the header and blind review
   * follow. */
  activate (fixture, "traces.undo");
  g_assert_cmpint (stored_verdict (fixture, first), ==, ERRATA_VERDICT_UNSET);
  g_assert_cmpint (errata_coding_panel_get_verdict (fixture->panel), ==, ERRATA_VERDICT_UNSET);
  g_assert_cmpint (row_verdict (fixture, first), ==, ERRATA_VERDICT_UNSET);
  g_assert_cmpstr (subtitle (fixture), ==, "You reviewed 3 of 40 · 4 by anyone");
  g_assert_true (others_hidden (fixture));
  g_assert_false (errata_gui_test_shows_label (GTK_WIDGET (fixture->panel),
                                               "Grace found the price wrong"));
  g_assert_false (action_enabled (fixture, "traces.undo"));

  /* Redo plays the steps again, in order. */
  activate (fixture, "traces.redo");
  g_assert_cmpint (stored_verdict (fixture, first), ==, ERRATA_VERDICT_FAIL);
  g_assert_false (others_hidden (fixture));
  activate (fixture, "traces.redo");
  g_assert_cmpint (stored_verdict (fixture, first), ==, ERRATA_VERDICT_PASS);
  g_assert_cmpint (row_verdict (fixture, first), ==, ERRATA_VERDICT_PASS);
  g_assert_cmpstr (subtitle (fixture), ==, "You reviewed 4 of 40");
  g_assert_false (action_enabled (fixture, "traces.redo"));

  /* A new edit after an undo drops what Redo had. */
  activate (fixture, "traces.undo");
  g_assert_true (action_enabled (fixture, "traces.redo"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->panel),
                                             "coding.clear-verdict", NULL));
  g_assert_false (action_enabled (fixture, "traces.redo"));
}

static void
test_undo_shows_the_trace (Fixture       *fixture,
                           gconstpointer  data)
{
  gint64 first = trace_id_at (fixture, 0);

  activate (fixture, "traces.fail");
  errata_traces_page_select (fixture->page, 5);
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-05");

  activate (fixture, "traces.undo");
  wait_for_list (fixture);
  g_assert_cmpint (current_id (fixture), ==, first);
  g_assert_cmpint (errata_coding_panel_get_verdict (fixture->panel), ==, ERRATA_VERDICT_UNSET);
  g_assert_cmpint (stored_verdict (fixture, first), ==, ERRATA_VERDICT_UNSET);
}

static void
test_undo_note (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 first = trace_id_at (fixture, 0);
  g_autoptr(ErrataAnnotation) stored = NULL;
  g_autofree char *note = NULL;

  type_note (fixture, "asked twice");
  type_note (fixture, "asked twice for the budget");
  stored = read_annotation_elsewhere (fixture, first);
  g_assert_cmpstr (stored->note, ==, "asked twice for the budget");
  g_clear_pointer (&stored, errata_annotation_free);

  /* One step per saved edit, not per keystroke. */
  activate (fixture, "traces.undo");
  stored = read_annotation_elsewhere (fixture, first);
  g_assert_cmpstr (stored->note, ==, "asked twice");
  g_clear_pointer (&stored, errata_annotation_free);
  note = errata_coding_panel_dup_note (fixture->panel);
  g_assert_cmpstr (note, ==, "asked twice");
  g_assert_false (errata_coding_panel_has_unsaved (fixture->panel));

  activate (fixture, "traces.undo");
  stored = read_annotation_elsewhere (fixture, first);
  g_assert_cmpstr (stored->note, ==, "");
  g_clear_pointer (&stored, errata_annotation_free);

  activate (fixture, "traces.redo");
  stored = read_annotation_elsewhere (fixture, first);
  g_assert_cmpstr (stored->note, ==, "asked twice");
}

static void
test_undo_note_in_flight (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 first = trace_id_at (fixture, 0);
  g_autoptr(ErrataAnnotation) stored = NULL;
  GtkTextView *view = errata_gui_test_find_first (GTK_WIDGET (fixture->panel),
                                                  GTK_TYPE_TEXT_VIEW);

  /* Undo before the autosave: the note is saved, then that is undone,
   * so nothing typed is lost to Redo. A note in flight is enough to
   * enable Undo. */
  g_assert_false (action_enabled (fixture, "traces.undo"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "not saved yet", -1);
  g_assert_true (errata_coding_panel_has_unsaved (fixture->panel));
  g_assert_true (action_enabled (fixture, "traces.undo"));
  activate (fixture, "traces.undo");
  stored = read_annotation_elsewhere (fixture, first);
  g_assert_cmpstr (stored->note, ==, "");
  g_clear_pointer (&stored, errata_annotation_free);
  g_assert_false (errata_coding_panel_has_unsaved (fixture->panel));

  /* With a verdict before it, only the note goes. */
  activate (fixture, "traces.pass");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "again", -1);
  activate (fixture, "traces.undo");
  stored = read_annotation_elsewhere (fixture, first);
  g_assert_cmpstr (stored->note, ==, "");
  g_assert_cmpint (stored->verdict, ==, ERRATA_VERDICT_PASS);
  g_clear_pointer (&stored, errata_annotation_free);
  activate (fixture, "traces.redo");
  stored = read_annotation_elsewhere (fixture, first);
  g_assert_cmpstr (stored->note, ==, "again");
}

static void
test_undo_first_failure (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 first = trace_id_at (fixture, 0);
  g_autoptr(ErrataAnnotation) stored = NULL;

  errata_coding_panel_set_first_failure (fixture->panel, 1);
  stored = read_annotation_elsewhere (fixture, first);
  g_assert_cmpint (stored->first_failure, ==, 1);
  g_clear_pointer (&stored, errata_annotation_free);

  activate (fixture, "traces.undo");
  stored = read_annotation_elsewhere (fixture, first);
  g_assert_cmpint (stored->first_failure, ==, -1);
  g_clear_pointer (&stored, errata_annotation_free);
  g_assert_cmpint (errata_coding_panel_get_first_failure (fixture->panel), ==, -1);
  g_assert_cmpint (errata_trace_view_get_first_failure (fixture->trace_view), ==, -1);

  activate (fixture, "traces.redo");
  stored = read_annotation_elsewhere (fixture, first);
  g_assert_cmpint (stored->first_failure, ==, 1);
  g_assert_cmpint (errata_coding_panel_get_first_failure (fixture->panel), ==, 1);
}

static ErrataVerdict
stored_label (Fixture *fixture,
              gint64   trace_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) other = errata_project_open (fixture->file,
                                                        ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  ErrataVerdict value = ERRATA_VERDICT_UNSET;

  g_assert_no_error (error);
  g_assert_true (errata_labels_get (other, ERRATA_TARGET_OVERALL, trace_id, &value, &error));
  g_assert_no_error (error);
  return value;
}

static GPtrArray *
label_history (Fixture *fixture,
               gint64   trace_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) other = errata_project_open (fixture->file,
                                                        ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  GPtrArray *history;

  g_assert_no_error (error);
  history = errata_labels_history (other, ERRATA_TARGET_OVERALL, trace_id, &error);
  g_assert_no_error (error);
  return history;
}

static void
test_undo_label (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 first = trace_id_at (fixture, 0);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  ErrataModeLabels *labels = errata_gui_test_find_first (GTK_WIDGET (fixture->panel),
                                                         ERRATA_TYPE_MODE_LABELS);
  const ErrataLabelChange *change;

  g_assert_true (errata_mode_labels_set_label (labels, ERRATA_TARGET_OVERALL,
                                               ERRATA_VERDICT_FAIL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_label (fixture, first), ==, ERRATA_VERDICT_FAIL);

  activate (fixture, "traces.undo");
  g_assert_cmpint (stored_label (fixture, first), ==, ERRATA_VERDICT_UNSET);
  /* The history records the undo as a change, by the reviewer. */
  history = label_history (fixture, first);
  g_assert_cmpuint (history->len, ==, 2);
  change = history->pdata[1];
  g_assert_cmpint (change->old_value, ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpint (change->new_value, ==, ERRATA_VERDICT_UNSET);
  g_assert_cmpstr (change->reason, ==, "undo");
  g_assert_cmpstr (change->who, ==, "Test Reviewer");
  g_clear_pointer (&history, g_ptr_array_unref);

  activate (fixture, "traces.redo");
  g_assert_cmpint (stored_label (fixture, first), ==, ERRATA_VERDICT_FAIL);
  history = label_history (fixture, first);
  g_assert_cmpuint (history->len, ==, 3);
  change = history->pdata[2];
  g_assert_cmpstr (change->reason, ==, "redo");
}

static void
test_toast_undo (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 first = trace_id_at (fixture, 0);
  AdwToastOverlay *overlay = errata_gui_test_find_first (GTK_WIDGET (fixture->page),
                                                         ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(ErrataAnnotation) stored = NULL;
  GtkTextView *view = errata_gui_test_find_first (GTK_WIDGET (fixture->panel),
                                                  GTK_TYPE_TEXT_VIEW);
  AdwToast *toast;

  /* A verdict and a note (still waiting for its autosave), then
   * Ctrl+Enter: saved, and on to the next trace I have not reviewed. */
  activate (fixture, "traces.fail");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "wrong neighbourhood", -1);
  activate (fixture, "traces.next-unreviewed");
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-04");
  g_assert_cmpstr (subtitle (fixture), ==, "You reviewed 4 of 40");

  g_assert_true (errata_toast_helper_is_shown (overlay));
  toast = errata_toast_helper_get_toast (overlay);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "traces.undo-review");

  /* The toast's Undo: the whole review goes back, and so does the page. */
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->page),
                                                     adw_toast_get_action_name (toast),
                                                     adw_toast_get_action_target_value (toast)));
  wait_for_list (fixture);
  g_assert_cmpint (current_id (fixture), ==, first);
  stored = read_annotation_elsewhere (fixture, first);
  g_assert_cmpint (stored->verdict, ==, ERRATA_VERDICT_UNSET);
  g_assert_cmpstr (stored->note, ==, "");
  g_assert_cmpint (errata_coding_panel_get_verdict (fixture->panel), ==, ERRATA_VERDICT_UNSET);
  g_assert_cmpint (row_verdict (fixture, first), ==, ERRATA_VERDICT_UNSET);
  g_assert_cmpstr (subtitle (fixture), ==, "You reviewed 3 of 40");
  g_assert_false (action_enabled (fixture, "traces.undo"));
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

  if (!gtk_init_check ())
    {
      g_test_add_func ("/trace-page-undo/no-display", test_no_display);
      return g_test_run ();
    }

  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  ADD_TEST ("/trace-page-undo/nothing-to-undo", test_nothing_to_undo);
  ADD_TEST ("/trace-page-undo/verdict", test_undo_verdict);
  ADD_TEST ("/trace-page-undo/shows-the-trace", test_undo_shows_the_trace);
  ADD_TEST ("/trace-page-undo/note", test_undo_note);
  ADD_TEST ("/trace-page-undo/note-in-flight", test_undo_note_in_flight);
  ADD_TEST ("/trace-page-undo/first-failure", test_undo_first_failure);
  ADD_TEST ("/trace-page-undo/label", test_undo_label);
  ADD_TEST ("/trace-page-undo/toast", test_toast_undo);
  return g_test_run ();
}
