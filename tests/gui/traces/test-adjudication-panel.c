/* test-adjudication-panel.c: the coding panel's Adjudicate section and
 * Label History.
 *
 * Two reviewers (one merged from a colleague's copy) disagree about a
 * trace: under blind review the section only says so until my verdict is
 * saved; then each reviewer's verdict, note and first failure show side
 * by side, Settle needs a value and a reason, settling through the real
 * handlers writes the label with the reason by me, as one undoable step,
 * and the history shows it. Rendered to adjudication-panel.png (and
 * -dark, and label-history.png) in the build folder.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "coding-panel-fixture.h"
#include "errata-adjudication-panel.h"
#include "errata-adjudication.h"
#include "errata-gui-test-utils.h"
#include "errata-label-history.h"
#include "errata-labels.h"
#include "errata-mode-labels.h"
#include "errata-review-edit.h"

#define GRACE "Grace Colleague"
#define LINUS "Linus Reviewer"
#define REASON "The refund is 30 instead of 300: Grace is right."

static void
store_review (Fixture                *fixture,
              guint                   i,
              const char             *annotator,
              ErrataVerdict           verdict,
              const char             *note,
              int                     first_failure,
              ErrataAnnotationOrigin  origin)
{
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (fixture->ids[i], annotator);
  g_autoptr(GError) error = NULL;

  annotation->verdict = verdict;
  g_free (annotation->note);
  annotation->note = g_strdup (note);
  annotation->first_failure = first_failure;
  annotation->origin = origin;
  g_assert_true (errata_project_set_annotation (fixture->project, annotation, &error));
  g_assert_no_error (error);
}

/* Trace 0: Linus passes it here, Grace's merged review fails it. */
static void
set_up_dispute (Fixture *fixture)
{
  store_review (fixture, 0, LINUS, ERRATA_VERDICT_PASS, "Polite and on topic.", -1,
                ERRATA_ORIGIN_HERE);
  store_review (fixture, 0, GRACE, ERRATA_VERDICT_FAIL,
                "Refund amount is wrong: the agent offers 30 instead of 300.", 1,
                ERRATA_ORIGIN_MERGED);
}

static ErrataAdjudicationPanel *
get_adjudication (Fixture *fixture)
{
  return find_one (GTK_WIDGET (fixture->panel), ERRATA_TYPE_ADJUDICATION_PANEL);
}

static ErrataLabelHistory *
get_history (Fixture *fixture)
{
  return find_one (GTK_WIDGET (fixture->panel), ERRATA_TYPE_LABEL_HISTORY);
}

static gboolean
adjudication_shows (Fixture    *fixture,
                    const char *text)
{
  g_autofree char *shown = errata_gui_test_dup_visible_text (GTK_WIDGET (get_adjudication (fixture)));

  return gtk_widget_get_visible (GTK_WIDGET (get_adjudication (fixture))) &&
         strstr (shown, text) != NULL;
}

static GtkButton *
find_in_adjudication (Fixture    *fixture,
                      const char *label)
{
  GtkButton *button = errata_gui_test_find_button (GTK_WIDGET (get_adjudication (fixture)), label);

  g_assert_nonnull (button);
  return button;
}

static GtkEntry *
get_reason_entry (Fixture *fixture)
{
  return find_one (GTK_WIDGET (get_adjudication (fixture)), GTK_TYPE_ENTRY);
}

static void
give_my_verdict (Fixture       *fixture,
                 ErrataVerdict  verdict)
{
  g_autoptr(GError) error = NULL;

  errata_coding_panel_set_verdict (fixture->panel, verdict);
  g_assert_true (errata_coding_panel_flush (fixture->panel, &error));
  g_assert_no_error (error);
}

static void
test_blind_review (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_boolean (settings, "blind-review", TRUE);
  set_up_dispute (fixture);
  show_trace (fixture, 0);

  /* Disputed, but what the others said stays hidden, and nothing can be
   * settled, until my own verdict is saved. */
  g_assert_cmpuint (errata_adjudication_panel_get_n_disputes (get_adjudication (fixture)), ==, 1);
  g_assert_true (adjudication_shows (fixture, "Overall: reviewers disagree"));
  g_assert_true (adjudication_shows (fixture, "blind review"));
  g_assert_false (adjudication_shows (fixture, "30 instead of 300"));
  g_assert_null (errata_gui_test_find_button (GTK_WIDGET (get_adjudication (fixture)), "Settle"));
  gtk_window_set_default_size (fixture->window, 380, 1250);
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "adjudication-blind.png"));

  give_my_verdict (fixture, ERRATA_VERDICT_FAIL);
  g_assert_true (adjudication_shows (fixture, "30 instead of 300"));
  g_assert_true (adjudication_shows (fixture, GRACE));
  g_assert_true (adjudication_shows (fixture, "merged review"));
  g_assert_true (adjudication_shows (fixture, LINUS));
  /* My review is one of the three now. */
  g_assert_true (adjudication_shows (fixture, ANNOTATOR));
  g_assert_true (adjudication_shows (fixture, "First failure: Message 2"));
  g_assert_nonnull (find_in_adjudication (fixture, "Settle"));

  /* Without blind review, it all shows before my verdict too. */
  g_settings_set_boolean (settings, "blind-review", FALSE);
  show_trace (fixture, 1);
  store_review (fixture, 1, LINUS, ERRATA_VERDICT_PASS, "", -1, ERRATA_ORIGIN_HERE);
  store_review (fixture, 1, GRACE, ERRATA_VERDICT_FAIL, "too long", -1, ERRATA_ORIGIN_MERGED);
  show_trace (fixture, 1);
  g_assert_true (adjudication_shows (fixture, "too long"));
  /* A trace nobody disagrees about shows no section. */
  show_trace (fixture, 2);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (get_adjudication (fixture))));
}

static void
count_settled (ErrataCodingPanel *panel,
               gint64             trace_id,
               GArray            *saved)
{
  g_array_append_val (saved, trace_id);
}

static void
test_settle (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(ErrataUndoStack) stack = errata_undo_stack_new ();
  g_autoptr(GArray) saved = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  ErrataLabelHistory *history_widget;
  GtkButton *settle;
  ErrataVerdict value;

  g_settings_set_boolean (settings, "blind-review", FALSE);
  errata_coding_panel_set_undo_stack (fixture->panel, stack);
  g_signal_connect (fixture->panel, "saved", G_CALLBACK (count_settled), saved);
  set_up_dispute (fixture);
  show_trace (fixture, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (get_history (fixture))));

  /* Nothing chosen, no reason: Settle cannot be pressed, and Enter in
   * the reason says what is missing. */
  settle = find_in_adjudication (fixture, "Settle");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (settle)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_in_adjudication (fixture, "Fail")), TRUE);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (settle)));
  gtk_editable_set_text (GTK_EDITABLE (get_reason_entry (fixture)), "   ");
  g_signal_emit_by_name (get_reason_entry (fixture), "activate");
  g_assert_true (adjudication_shows (fixture, "Write why"));
  g_assert_true (errata_labels_get (fixture->project, 0, fixture->ids[0], &value, NULL));
  g_assert_cmpint (value, ==, ERRATA_VERDICT_UNSET);

  gtk_editable_set_text (GTK_EDITABLE (get_reason_entry (fixture)), REASON);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (settle)));
  /* Tall enough for the whole panel, at the coding panel's usual width. */
  gtk_window_set_default_size (fixture->window, 380, 1250);
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "adjudication-panel.png"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "adjudication-panel-dark.png"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Settle, through the button's own handler, as from the keyboard. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (settle)));
  g_signal_emit_by_name (settle, "clicked");
  g_assert_true (errata_labels_get (fixture->project, 0, fixture->ids[0], &value, NULL));
  g_assert_cmpint (value, ==, ERRATA_VERDICT_FAIL);
  history = errata_labels_trace_history (fixture->project, fixture->ids[0], &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (((ErrataLabelChange *)history->pdata[0])->who, ==, ANNOTATOR);
  g_assert_cmpstr (((ErrataLabelChange *)history->pdata[0])->reason, ==, REASON);
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_cmpint (g_array_index (saved, gint64, 0), ==, fixture->ids[0]);
  /* Settled: the section goes, the history shows who, when and why. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (get_adjudication (fixture))));
  history_widget = get_history (fixture);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (history_widget)));
  /* The focus did not go with the button: it is on the history. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         GTK_WIDGET (history_widget)));
  g_assert_cmpuint (errata_label_history_get_n_changes (history_widget), ==, 1);
  g_assert_cmpstr (errata_label_history_get_row_title (history_widget, 0), ==,
                   "Overall: none → fail");
  g_assert_nonnull (strstr (errata_label_history_get_row_subtitle (history_widget, 0), REASON));
  g_assert_nonnull (strstr (errata_label_history_get_row_subtitle (history_widget, 0), ANNOTATOR));
  adw_expander_row_set_expanded (find_one (GTK_WIDGET (history_widget), ADW_TYPE_EXPANDER_ROW), TRUE);
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "label-history.png"));

  /* One undo step: the dispute is back, the history says so. */
  g_assert_true (errata_undo_stack_undo (stack, &error));
  g_assert_no_error (error);
  errata_coding_panel_reload (fixture->panel);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (get_adjudication (fixture))));
  g_assert_cmpuint (errata_label_history_get_n_changes (get_history (fixture)), ==, 2);
  g_assert_cmpstr (errata_label_history_get_row_title (get_history (fixture), 1), ==,
                   "Overall: fail → none");

  /* A label set in the labels list is in the history at once, without
   * showing the trace again (a walk found it only after that). */
  g_assert_true (errata_mode_labels_set_label (find_one (GTK_WIDGET (fixture->panel),
                                                         ERRATA_TYPE_MODE_LABELS),
                                               0, ERRATA_VERDICT_PASS, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (errata_label_history_get_n_changes (get_history (fixture)), ==, 3);
  g_assert_cmpstr (errata_label_history_get_row_title (get_history (fixture), 2), ==,
                   "Overall: none → pass");
}

/* A failure mode's dispute is its own section, beside overall. */
static void
test_per_mode (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(ErrataTaxonomy) taxonomy = errata_taxonomy_new (fixture->project);
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  gint64 grace_card = 0;
  gint64 mode;

  g_settings_set_boolean (settings, "blind-review", FALSE);
  store_review (fixture, 2, LINUS, ERRATA_VERDICT_FAIL, "Rude tone.", -1, ERRATA_ORIGIN_HERE);
  store_review (fixture, 2, GRACE, ERRATA_VERDICT_FAIL, "Wrong refund amount.", -1,
                ERRATA_ORIGIN_MERGED);
  cards = errata_taxonomy_list_cards (taxonomy, -1, NULL);
  for (guint c = 0; c < cards->len; c++)
    {
      ErrataNoteCard *card = cards->pdata[c];

      if (card->trace_id == fixture->ids[2] && g_str_equal (card->annotator, GRACE))
        grace_card = card->annotation_id;
    }
  mode = errata_taxonomy_create_mode (taxonomy, "Wrong amount", "", &grace_card, 1,
                                      ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  errata_coding_panel_set_taxonomy (fixture->panel, taxonomy);
  show_trace (fixture, 2);
  g_assert_cmpuint (errata_adjudication_panel_get_n_disputes (get_adjudication (fixture)), ==, 1);
  g_assert_true (adjudication_shows (fixture, "“Wrong amount”: reviewers disagree"));
  g_assert_true (adjudication_shows (fixture, "Fails this mode"));
  g_assert_true (adjudication_shows (fixture, "Passes this mode"));
  g_assert_true (errata_adjudication_panel_settle (get_adjudication (fixture), mode,
                                                   ERRATA_VERDICT_FAIL, "Amount is the failure",
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmpstr (errata_label_history_get_row_title (get_history (fixture), 0), ==,
                   "“Wrong amount”: none → fail");
}

static void
test_no_display (void)
{
  g_test_skip ("no display");
}

static void
load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  /* What AdwApplication does for the application from its resources. */
  gtk_css_provider_load_from_resource (provider, "/io/github/errata/Errata/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_add_func ("/adjudication-panel/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();
  load_style ();

#define ADD(path, func) \
  g_test_add ("/adjudication-panel/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("blind-review", test_blind_review);
  ADD ("settle", test_settle);
  ADD ("per-mode", test_per_mode);

  return g_test_run ();
}
