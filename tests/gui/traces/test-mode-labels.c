/* test-mode-labels.c: the labels per failure mode in the coding panel.
 *
 * The rows say what errata_ground_truth_get() says, Pass / Fail set an
 * explicit label that is recorded with who and why and wins over the
 * reviews, the rows follow the canvas, and nothing is read while the
 * expander is closed. The panel is rendered, expander open, to
 * mode-labels.png and mode-labels-dark.png in the build folder.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "coding-panel-fixture.h"
#include "errata-ground-truth.h"
#include "errata-gui-test-utils.h"
#include "errata-labels.h"
#include "errata-mode-labels.h"

#define GRACE "Grace Reviewer"

/* Setting up ------------------------------------------------------------ */

static void
store_review (Fixture                *fixture,
              guint                   i,
              const char             *annotator,
              ErrataVerdict           verdict,
              const char             *note,
              ErrataAnnotationOrigin  origin)
{
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (fixture->ids[i], annotator);
  g_autoptr(GError) error = NULL;

  annotation->verdict = verdict;
  g_free (annotation->note);
  annotation->note = g_strdup (note);
  annotation->origin = origin;
  g_assert_true (errata_project_set_annotation (fixture->project, annotation, &error));
  g_assert_no_error (error);
}

/* The card of `annotator`'s note on trace i. */
static gint64
card_of (Fixture        *fixture,
         ErrataTaxonomy *taxonomy,
         guint           i,
         const char     *annotator)
{
  g_autoptr(GPtrArray) cards = errata_taxonomy_list_cards (taxonomy, -1, NULL);

  g_assert_nonnull (cards);
  for (guint c = 0; c < cards->len; c++)
    {
      ErrataNoteCard *card = cards->pdata[c];

      if (card->trace_id == fixture->ids[i] && g_str_equal (card->annotator, annotator))
        return card->annotation_id;
    }
  g_assert_not_reached ();
}

static gint64
create_mode (ErrataTaxonomy *taxonomy,
             const char     *name,
             const gint64   *cards,
             guint           n_cards)
{
  g_autoptr(GError) error = NULL;
  gint64 id = errata_taxonomy_create_mode (taxonomy, name, "", cards, n_cards, ERRATA_UNSORTED,
                                           &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static ErrataModeLabels *
get_labels (Fixture *fixture)
{
  return find_one (GTK_WIDGET (fixture->panel), ERRATA_TYPE_MODE_LABELS);
}

static ErrataTaxonomy *
attach_taxonomy (Fixture *fixture)
{
  ErrataTaxonomy *taxonomy = errata_taxonomy_new (fixture->project);

  errata_coding_panel_set_taxonomy (fixture->panel, taxonomy);
  return taxonomy;
}

/* Looking at rows ------------------------------------------------------- */

/* The rows of targets (the expander's own header is an action row too). */
static GPtrArray *
list_rows (Fixture *fixture)
{
  GPtrArray *rows = errata_gui_test_find_all (GTK_WIDGET (get_labels (fixture)), ADW_TYPE_ACTION_ROW);

  for (guint i = rows->len; i > 0; i--)
    if (!gtk_widget_has_css_class (rows->pdata[i - 1], "mode-label-row"))
      g_ptr_array_remove_index (rows, i - 1);
  return rows;
}

/* The row titled `name`, or NULL. */
static AdwActionRow *
find_row (Fixture    *fixture,
          const char *name)
{
  g_autoptr(GPtrArray) rows = list_rows (fixture);

  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (adw_preferences_row_get_title (rows->pdata[i]), name))
      return rows->pdata[i];
  return NULL;
}

static guint
count_rows (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = list_rows (fixture);

  return rows->len;
}

static GtkToggleButton *
get_toggle (Fixture    *fixture,
            const char *name,
            gboolean    pass)
{
  AdwActionRow *row = find_row (fixture, name);

  g_assert_nonnull (row);
  return find_with_class (GTK_WIDGET (row), GTK_TYPE_TOGGLE_BUTTON,
                          pass ? "verdict-pass" : "verdict-fail");
}

static const char *
row_subtitle (Fixture    *fixture,
              const char *name)
{
  AdwActionRow *row = find_row (fixture, name);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (row);
}

/* The row of `target` says `text`, the title `name` shows it, and both
 * agree with the ground truth. */
static void
assert_row (Fixture    *fixture,
            gint64      target,
            const char *name,
            const char *text)
{
  ErrataModeLabels *labels = get_labels (fixture);
  g_autoptr(GError) error = NULL;
  ErrataTruth truth;
  const char *expected_start;

  g_assert_cmpstr (errata_mode_labels_get_row_text (labels, target), ==, text);
  g_assert_cmpstr (row_subtitle (fixture, name), ==, text);

  g_assert_true (errata_ground_truth_get (fixture->project, target,
                                          errata_trace_get_id (errata_coding_panel_get_trace (fixture->panel)),
                                          &truth, &error));
  g_assert_no_error (error);
  if (truth.disputed)
    expected_start = "disputed";
  else if (truth.value == ERRATA_VERDICT_FAIL)
    expected_start = "fail · ";
  else if (truth.value == ERRATA_VERDICT_PASS)
    expected_start = "pass · ";
  else
    expected_start = "no label";
  g_assert_true (g_str_has_prefix (text, expected_start));
  g_assert_cmpint (strstr (text, "explicit") != NULL, ==,
                   truth.source == ERRATA_LABEL_SOURCE_EXPLICIT);
  g_assert_cmpint (strstr (text, "imported label") != NULL &&
                   strstr (text, "differ") == NULL, ==,
                   truth.source == ERRATA_LABEL_SOURCE_IMPORTED && !truth.disputed);
  /* The toggles show the explicit label, and only that. */
  g_assert_cmpint (gtk_toggle_button_get_active (get_toggle (fixture, name, FALSE)), ==,
                   truth.source == ERRATA_LABEL_SOURCE_EXPLICIT && truth.value == ERRATA_VERDICT_FAIL);
  g_assert_cmpint (gtk_toggle_button_get_active (get_toggle (fixture, name, TRUE)), ==,
                   truth.source == ERRATA_LABEL_SOURCE_EXPLICIT && truth.value == ERRATA_VERDICT_PASS);
}

static void
set_explicit (Fixture       *fixture,
              gint64         target,
              guint          i,
              ErrataVerdict  value,
              const char    *who)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_labels_set (fixture->project, target, fixture->ids[i], value, who,
                                    "a labels file", &error));
  g_assert_no_error (error);
}

/* Tests ----------------------------------------------------------------- */

typedef struct
{
  gint64 budget, missed, language;
} Modes;

/* Trace 1: Ada and Grace fail it; both notes are in "Over budget",
 * Grace's also in "Missed tool call", neither in "Wrong language".
 * Trace 2: only Grace, who passes it. Trace 3: an imported fail, and an
 * explicit label by someone else. */
static void
set_up_reviews (Fixture        *fixture,
                ErrataTaxonomy *taxonomy,
                Modes          *modes)
{
  gint64 cards[2];

  store_review (fixture, 0, ANNOTATOR, ERRATA_VERDICT_FAIL, "offers a flat over the budget",
                ERRATA_ORIGIN_HERE);
  store_review (fixture, 0, GRACE, ERRATA_VERDICT_FAIL, "too expensive, and no search call",
                ERRATA_ORIGIN_HERE);
  store_review (fixture, 1, GRACE, ERRATA_VERDICT_PASS, "", ERRATA_ORIGIN_HERE);
  store_review (fixture, 2, "labels.csv", ERRATA_VERDICT_FAIL, "", ERRATA_ORIGIN_IMPORTED);

  cards[0] = card_of (fixture, taxonomy, 0, ANNOTATOR);
  cards[1] = card_of (fixture, taxonomy, 0, GRACE);
  modes->budget = create_mode (taxonomy, "Over budget", cards, 2);
  modes->missed = create_mode (taxonomy, "Missed tool call", &cards[1], 0);
  g_assert_true (errata_taxonomy_move_cards (taxonomy, &cards[1], 1, modes->budget, modes->missed,
                                             TRUE, NULL));
  modes->language = create_mode (taxonomy, "Wrong <b>language</b>", NULL, 0);
  set_explicit (fixture, modes->budget, 2, ERRATA_VERDICT_PASS, "Ana <b>B</b>");
}

static void
test_rows_match_truth (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ErrataTaxonomy) taxonomy = attach_taxonomy (fixture);
  ErrataModeLabels *labels = get_labels (fixture);
  Modes modes;

  set_up_reviews (fixture, taxonomy, &modes);

  /* No trace: nothing to show. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (labels)));

  /* Closed by default, and then nothing is read. */
  show_trace (fixture, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (labels)));
  g_assert_false (errata_mode_labels_get_expanded (labels));
  g_assert_null (errata_mode_labels_get_row_text (labels, ERRATA_TARGET_OVERALL));
  g_assert_cmpuint (count_rows (fixture), ==, 0);

  errata_mode_labels_set_expanded (labels, TRUE);
  g_assert_cmpuint (count_rows (fixture), ==, 4);
  assert_row (fixture, ERRATA_TARGET_OVERALL, "Overall", "fail · from your review and 1 other");
  assert_row (fixture, modes.budget, "Over budget", "fail · from your review and 1 other");
  assert_row (fixture, modes.missed, "Missed tool call", "disputed: reviewers differ");
  /* The name is plain text, not markup. */
  assert_row (fixture, modes.language, "Wrong <b>language</b>", "pass · from your review and 1 other");

  show_trace (fixture, 1);
  assert_row (fixture, ERRATA_TARGET_OVERALL, "Overall", "pass · from the review by " GRACE);
  assert_row (fixture, modes.missed, "Missed tool call", "pass · from the review by " GRACE);

  show_trace (fixture, 2);
  assert_row (fixture, ERRATA_TARGET_OVERALL, "Overall", "fail · imported label");
  assert_row (fixture, modes.budget, "Over budget", "pass · explicit label by Ana <b>B</b>");
  /* An imported verdict whose note is in no mode says nothing of modes. */
  assert_row (fixture, modes.missed, "Missed tool call", "no label");
  /* Shown as plain text: the label has the tags, not bold. */
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, find_row (fixture, "Over budget"));
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (labels), "pass · explicit label by Ana <b>B</b>"));
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (labels), "Wrong <b>language</b>"));

  /* A second file that says otherwise disputes the imported label. */
  store_review (fixture, 2, "other.csv", ERRATA_VERDICT_PASS, "", ERRATA_ORIGIN_IMPORTED);
  show_trace (fixture, 2);
  assert_row (fixture, ERRATA_TARGET_OVERALL, "Overall", "disputed: imported labels differ");

  /* A review here wins over an imported label, and the row says they differ. */
  store_review (fixture, 1, "labels.csv", ERRATA_VERDICT_FAIL, "", ERRATA_ORIGIN_IMPORTED);
  show_trace (fixture, 1);
  assert_row (fixture, ERRATA_TARGET_OVERALL, "Overall",
              "pass · from the review by " GRACE " · an imported label differs");

  /* Closed again: moving on reads nothing until it opens. */
  errata_mode_labels_set_expanded (labels, FALSE);
  show_trace (fixture, 0);
  g_assert_null (errata_mode_labels_get_row_text (labels, ERRATA_TARGET_OVERALL));
  errata_mode_labels_set_expanded (labels, TRUE);
  assert_row (fixture, ERRATA_TARGET_OVERALL, "Overall", "fail · from your review and 1 other");
}

static void
assert_change (GPtrArray     *history,
               guint          i,
               ErrataVerdict  old_value,
               ErrataVerdict  new_value,
               const char    *reason)
{
  const ErrataLabelChange *change = history->pdata[i];

  g_assert_cmpint (change->old_value, ==, old_value);
  g_assert_cmpint (change->new_value, ==, new_value);
  g_assert_cmpstr (change->who, ==, ANNOTATOR);
  g_assert_cmpstr (change->reason, ==, reason);
}

static GPtrArray *
history_of (Fixture *fixture,
            gint64   target,
            guint    i)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *history = errata_labels_history (fixture->project, target, fixture->ids[i], &error);

  g_assert_no_error (error);
  return history;
}

static ErrataTruth
truth_of (Fixture *fixture,
          gint64   target,
          guint    i)
{
  g_autoptr(GError) error = NULL;
  ErrataTruth truth;

  g_assert_true (errata_ground_truth_get (fixture->project, target, fixture->ids[i], &truth, &error));
  g_assert_no_error (error);
  return truth;
}

static void
test_set_explicit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ErrataTaxonomy) taxonomy = attach_taxonomy (fixture);
  ErrataModeLabels *labels = get_labels (fixture);
  g_autoptr(GPtrArray) history = NULL;
  GtkToggleButton *fail, *pass;
  ErrataTruth truth;
  Modes modes;

  set_up_reviews (fixture, taxonomy, &modes);
  show_trace (fixture, 0);
  errata_mode_labels_set_expanded (labels, TRUE);
  assert_row (fixture, modes.language, "Wrong <b>language</b>", "pass · from your review and 1 other");

  /* Fail, through the toggle's own handler: an explicit label by the
   * annotator, with the reason, that wins over both reviews. */
  fail = get_toggle (fixture, "Wrong <b>language</b>", FALSE);
  pass = get_toggle (fixture, "Wrong <b>language</b>", TRUE);
  gtk_toggle_button_set_active (fail, TRUE);
  history = history_of (fixture, modes.language, 0);
  g_assert_cmpuint (history->len, ==, 1);
  assert_change (history, 0, ERRATA_VERDICT_UNSET, ERRATA_VERDICT_FAIL, "set in the coding panel");
  truth = truth_of (fixture, modes.language, 0);
  g_assert_cmpint (truth.value, ==, ERRATA_VERDICT_FAIL);
  g_assert_cmpint (truth.source, ==, ERRATA_LABEL_SOURCE_EXPLICIT);
  assert_row (fixture, modes.language, "Wrong <b>language</b>", "fail · explicit label by you");
  g_assert_true (gtk_toggle_button_get_active (fail));
  /* Only this row changed. */
  assert_row (fixture, modes.budget, "Over budget", "fail · from your review and 1 other");

  /* Pass replaces it; the other toggle goes off. */
  gtk_toggle_button_set_active (pass, TRUE);
  g_assert_false (gtk_toggle_button_get_active (fail));
  g_clear_pointer (&history, g_ptr_array_unref);
  history = history_of (fixture, modes.language, 0);
  g_assert_cmpuint (history->len, ==, 2);
  assert_change (history, 1, ERRATA_VERDICT_FAIL, ERRATA_VERDICT_PASS, "set in the coding panel");
  assert_row (fixture, modes.language, "Wrong <b>language</b>", "pass · explicit label by you");

  /* A disputed mode is settled by a label. */
  gtk_toggle_button_set_active (get_toggle (fixture, "Missed tool call", FALSE), TRUE);
  assert_row (fixture, modes.missed, "Missed tool call", "fail · explicit label by you");
  g_assert_false (truth_of (fixture, modes.missed, 0).disputed);

  /* Under another name, the label is someone else's. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_string (settings, "annotator-name", "Someone Else");
    assert_row (fixture, modes.language, "Wrong <b>language</b>", "pass · explicit label by " ANNOTATOR);
    assert_row (fixture, ERRATA_TARGET_OVERALL, "Overall", "fail · from 2 reviews");
    g_settings_set_string (settings, "annotator-name", ANNOTATOR);
  }

  /* It stays when the panel comes back to the trace. */
  show_trace (fixture, 1);
  show_trace (fixture, 0);
  assert_row (fixture, modes.language, "Wrong <b>language</b>", "pass · explicit label by you");

  /* Pressing the active toggle clears it: the reviews decide again. */
  pass = get_toggle (fixture, "Wrong <b>language</b>", TRUE);
  gtk_toggle_button_set_active (pass, FALSE);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = history_of (fixture, modes.language, 0);
  g_assert_cmpuint (history->len, ==, 3);
  assert_change (history, 2, ERRATA_VERDICT_PASS, ERRATA_VERDICT_UNSET, "cleared in the coding panel");
  assert_row (fixture, modes.language, "Wrong <b>language</b>", "pass · from your review and 1 other");
  g_assert_cmpint (truth_of (fixture, modes.language, 0).source, ==, ERRATA_LABEL_SOURCE_REVIEWS);

  /* Overall has its label too, apart from the review's verdict. */
  gtk_toggle_button_set_active (get_toggle (fixture, "Overall", TRUE), TRUE);
  g_assert_cmpint (truth_of (fixture, ERRATA_TARGET_OVERALL, 0).value, ==, ERRATA_VERDICT_PASS);
  g_assert_cmpint (errata_coding_panel_get_verdict (fixture->panel), ==, ERRATA_VERDICT_FAIL);
}

static void
test_review_updates_rows (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ErrataTaxonomy) taxonomy = attach_taxonomy (fixture);
  ErrataModeLabels *labels = get_labels (fixture);
  Modes modes;

  set_up_reviews (fixture, taxonomy, &modes);
  show_trace (fixture, 1);
  errata_mode_labels_set_expanded (labels, TRUE);
  assert_row (fixture, ERRATA_TARGET_OVERALL, "Overall", "pass · from the review by " GRACE);

  /* The annotator's own verdict, saved from the panel, shows at once. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "coding.fail", NULL);
  assert_row (fixture, ERRATA_TARGET_OVERALL, "Overall", "disputed: reviewers differ");
  assert_row (fixture, modes.budget, "Over budget", "pass · from your review and 1 other");
}

static void
test_follows_taxonomy (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ErrataTaxonomy) taxonomy = attach_taxonomy (fixture);
  ErrataModeLabels *labels = get_labels (fixture);
  g_autoptr(GError) error = NULL;
  gint64 card, invented;

  store_review (fixture, 0, ANNOTATOR, ERRATA_VERDICT_FAIL, "answers in French", ERRATA_ORIGIN_HERE);
  show_trace (fixture, 0);
  errata_mode_labels_set_expanded (labels, TRUE);
  g_assert_cmpuint (count_rows (fixture), ==, 1);
  assert_row (fixture, ERRATA_TARGET_OVERALL, "Overall", "fail · from your review");

  /* A mode made on the canvas appears, without a new trace. */
  card = card_of (fixture, taxonomy, 0, ANNOTATOR);
  invented = create_mode (taxonomy, "Wrong language", &card, 1);
  g_assert_cmpuint (count_rows (fixture), ==, 2);
  assert_row (fixture, invented, "Wrong language", "fail · from your review");

  /* Renamed, and then the note moved out of it. */
  g_assert_true (errata_taxonomy_update_mode (taxonomy, invented, "Replies in French", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (find_row (fixture, "Wrong language"));
  assert_row (fixture, invented, "Replies in French", "fail · from your review");
  g_assert_true (errata_taxonomy_move_cards (taxonomy, &card, 1, invented, ERRATA_UNSORTED, FALSE, &error));
  g_assert_no_error (error);
  assert_row (fixture, invented, "Replies in French", "pass · from your review");

  /* Deleted, and back with Undo. */
  g_assert_true (errata_taxonomy_delete_mode (taxonomy, invented, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (fixture), ==, 1);
  g_assert_null (errata_mode_labels_get_row_text (labels, invented));
  g_assert_true (errata_taxonomy_undo (taxonomy, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (fixture), ==, 2);
  assert_row (fixture, invented, "Replies in French", "pass · from your review");
}

/* The toggles say which mode they are for, and the keyboard reaches them. */
static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ErrataTaxonomy) taxonomy = attach_taxonomy (fixture);
  ErrataModeLabels *labels = get_labels (fixture);
  GtkToggleButton *fail;
  g_autofree char *wrong = NULL;
  Modes modes;

  set_up_reviews (fixture, taxonomy, &modes);
  show_trace (fixture, 0);
  errata_mode_labels_set_expanded (labels, TRUE);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, labels);

  fail = get_toggle (fixture, "Over budget", FALSE);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fail), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "Fail for Over budget");
  g_assert_null (wrong);
  g_clear_pointer (&wrong, g_free);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (get_toggle (fixture, "Overall", TRUE)),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, "Pass for Overall");
  g_assert_null (wrong);
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (fail)));

  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (fail)));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (fail)));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (fail)));
  /* Moving to the next trace keeps the rows, so the focus stays put. */
  show_trace (fixture, 1);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (fail)));
  g_assert_true (get_toggle (fixture, "Over budget", FALSE) == fail);
}

/* A label that cannot be written is not shown as set, and the row says
 * why. */
static void
test_write_error (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ErrataTaxonomy) taxonomy = attach_taxonomy (fixture);
  ErrataModeLabels *labels = get_labels (fixture);
  GtkToggleButton *fail;
  const char *text;
  Modes modes;

  set_up_reviews (fixture, taxonomy, &modes);
  show_trace (fixture, 0);
  errata_mode_labels_set_expanded (labels, TRUE);
  gtk_toggle_button_set_active (get_toggle (fixture, "Over budget", TRUE), TRUE);

  /* A closed project stands in for a disk error: every write fails. */
  errata_project_close (fixture->project);
  fail = get_toggle (fixture, "Over budget", FALSE);
  gtk_toggle_button_set_active (fail, TRUE);
  g_assert_false (gtk_toggle_button_get_active (fail));
  g_assert_true (gtk_toggle_button_get_active (get_toggle (fixture, "Over budget", TRUE)));
  text = errata_mode_labels_get_row_text (labels, modes.budget);
  g_assert_true (g_str_has_prefix (text, "Could not set the label: "));
  g_assert_cmpstr (row_subtitle (fixture, "Over budget"), ==, text);
}

/* A read-only project shows its labels but cannot change them. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ErrataTaxonomy) taxonomy = attach_taxonomy (fixture);
  g_autoptr(ErrataProject) other = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  ErrataModeLabels *labels = get_labels (fixture);
  Modes modes;

  set_up_reviews (fixture, taxonomy, &modes);
  other = errata_project_open (fixture->file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  trace = get_trace (other, fixture->ids[2]);
  errata_coding_panel_set_taxonomy (fixture->panel, NULL);
  errata_coding_panel_set_trace (fixture->panel, other, trace);
  errata_mode_labels_set_expanded (labels, TRUE);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (labels)));
  assert_row (fixture, ERRATA_TARGET_OVERALL, "Overall", "fail · imported label");
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (get_toggle (fixture, "Overall", FALSE))));
  errata_coding_panel_set_trace (fixture->panel, NULL, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (labels)));
}

/* Screenshots ----------------------------------------------------------- */

static void
sample_colour (GdkTexture *texture,
               GtkWidget  *root,
               GtkWidget  *widget,
               double      rgb[3])
{
  int width = gdk_texture_get_width (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * gdk_texture_get_height (texture) * 4);
  graphene_rect_t bounds;
  const guchar *p;
  int x, y;

  g_assert_true (gtk_widget_compute_bounds (widget, root, &bounds));
  gdk_texture_download (texture, pixels, width * 4);
  /* Near the left edge, away from the label. GdkTexture downloads as
   * premultiplied BGRA. */
  x = bounds.origin.x + 4;
  y = bounds.origin.y + bounds.size.height / 2;
  p = pixels + ((gsize) y * width + x) * 4;
  rgb[0] = p[2];
  rgb[1] = p[1];
  rgb[2] = p[0];
}

static void
scroll_to_end (Fixture *fixture)
{
  /* The panel's own scroller comes first; the note has one inside it. */
  g_autoptr(GPtrArray) scrollers = errata_gui_test_find_all (GTK_WIDGET (fixture->panel),
                                                             GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrollers->pdata[0]);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(ErrataTaxonomy) taxonomy = attach_taxonomy (fixture);
  ErrataModeLabels *labels = get_labels (fixture);
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  double light_rgb[3], dark_rgb[3];
  GtkWidget *fail;
  Modes modes;

  set_up_reviews (fixture, taxonomy, &modes);
  show_trace (fixture, 0);
  errata_mode_labels_set_expanded (labels, TRUE);
  fail = GTK_WIDGET (get_toggle (fixture, "Missed tool call", FALSE));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (fail), TRUE);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fail);
  scroll_to_end (fixture);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  light = errata_gui_test_render_to_png (window, "mode-labels.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = errata_gui_test_render_to_png (window, "mode-labels-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* The explicit Fail is red in both styles, like the verdict's. */
  sample_colour (light, window, fail, light_rgb);
  sample_colour (dark, window, fail, dark_rgb);
  g_assert_cmpfloat (light_rgb[0], >, light_rgb[1] + 60);
  g_assert_cmpfloat (dark_rgb[0], >, dark_rgb[1] + 60);

  /* The narrowest the Traces page lets the panel be, scrolled down to
   * the end of the labels. */
  gtk_window_set_default_size (fixture->window, 280, 720);
  errata_gui_test_iterate_for (100);
  scroll_to_end (fixture);
  g_object_unref (errata_gui_test_render_to_png (window, "mode-labels-narrow.png"));
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
  /* The test AT context records accessible properties for the checks;
   * "none" (the suite's default) would record nothing. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/mode-labels/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();
  load_style ();
  /* These tests read the labels of traces the annotator has not reviewed;
   * blind review (test-coding-panel's blind-review) folds them away there.
   * The memory settings backend keeps this for the whole run. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_boolean (settings, "blind-review", FALSE);
  }

#define ADD(path, func) \
  g_test_add ("/mode-labels/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("rows-match-truth", test_rows_match_truth);
  ADD ("set-explicit", test_set_explicit);
  ADD ("review-updates-rows", test_review_updates_rows);
  ADD ("follows-taxonomy", test_follows_taxonomy);
  ADD ("accessible", test_accessible);
  ADD ("write-error", test_write_error);
  ADD ("read-only", test_read_only);
  ADD ("screenshots", test_screenshots);
#undef ADD
  return g_test_run ();
}
