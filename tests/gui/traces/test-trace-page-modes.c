/* test-trace-page-modes.c: the Traces page with the Failure Modes page
 * beside it, in one window (Xvfb in CI).
 *
 * Both pages work on the window's ErrataWorkspace: an edit on the canvas
 * shows on the Traces page at once, and each page reaches the other only
 * through the window's actions (win.show-trace, win.show-mode-traces).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "errata-application.h"
#include "errata-coding-panel.h"
#include "errata-failure-modes-page.h"
#include "errata-gui-test-utils.h"
#include "errata-import-dialog.h"
#include "errata-note-card.h"
#include "errata-traces-page.h"
#include "errata-test-utils.h"
#include "errata-trace-view.h"
#include "errata-window.h"
#include "trace-page-fixture.h"


/* Failure modes ------------------------------------------------------- */

static gint64
trace_id_of (Fixture    *fixture,
             const char *external_id)
{
  ErrataProject *project = errata_traces_page_get_project (fixture->page);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTrace) trace = errata_project_find_trace (project, "test", external_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (trace);
  return errata_trace_get_id (trace);
}

/* The card (annotation id) of the note written for a trace. */
static gint64
card_of (ErrataTaxonomy *taxonomy,
         gint64          trace_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = errata_taxonomy_list_cards (taxonomy, -1, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < cards->len; i++)
    {
      ErrataNoteCard *card = cards->pdata[i];

      if (card->trace_id == trace_id)
        return card->annotation_id;
    }
  g_assert_not_reached ();
  return 0;
}

static guint
count_of_mode (ErrataTaxonomy *taxonomy,
               gint64          mode_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counts = errata_taxonomy_count_modes (taxonomy, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < counts->len; i++)
    {
      ErrataModeCount *count = counts->pdata[i];

      if (count->mode_id == mode_id)
        return count->count;
    }
  g_assert_not_reached ();
  return 0;
}

static void
show_page (Fixture    *fixture,
           const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page",
                                             "s", name));
  g_assert_cmpstr (errata_window_get_visible_page (fixture->window), ==, name);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn,
                                 g_str_equal (name, "traces")
                                 ? (gpointer) fixture->page
                                 : (gpointer) errata_window_get_failure_modes_page (fixture->window));
}

static gboolean
shows_two_dropdowns (gpointer page)
{
  return errata_gui_test_count_visible (page, GTK_TYPE_DROP_DOWN) == 2;
}

static guint
unsorted_cards (ErrataFailureModesPage *modes_page)
{
  ErrataModeGroup *unsorted = errata_failure_modes_page_get_group (modes_page, ERRATA_UNSORTED);

  return g_list_model_get_n_items (errata_mode_group_get_cards (unsorted));
}

/* Notes on traces 3 to 7; "Over budget" holds 3 and 4, "Missed tool
 * call" holds 5 and a copy of 3. */
static void
sort_notes (Fixture        *fixture,
            ErrataTaxonomy *taxonomy,
            gint64         *over_budget,
            gint64         *missed_call)
{
  ErrataProject *project = errata_traces_page_get_project (fixture->page);
  g_autoptr(GError) error = NULL;
  gint64 budget_cards[2], call_cards[1], copied[1];

  annotate (project, trace_id_of (fixture, "hearth-04"), ERRATA_VERDICT_FAIL, "L-311 is $250 over the budget");
  annotate (project, trace_id_of (fixture, "hearth-05"), ERRATA_VERDICT_FAIL, "never called search_listings");
  annotate (project, trace_id_of (fixture, "hearth-06"), ERRATA_VERDICT_FAIL, "answered in French");
  budget_cards[0] = card_of (taxonomy, trace_id_of (fixture, "hearth-03"));
  budget_cards[1] = card_of (taxonomy, trace_id_of (fixture, "hearth-04"));
  call_cards[0] = card_of (taxonomy, trace_id_of (fixture, "hearth-05"));
  copied[0] = budget_cards[0];
  *over_budget = errata_taxonomy_create_mode (taxonomy, "Over budget", "Offers a listing above the "
                                              "stated budget", budget_cards, 2, ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  *missed_call = errata_taxonomy_create_mode (taxonomy, "Missed tool call", "", call_cards, 1,
                                              ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  g_assert_true (errata_taxonomy_move_cards (taxonomy, copied, 1, *over_budget, *missed_call,
                                             TRUE, &error));
  g_assert_no_error (error);
}

static gboolean
page_shows_trace (gpointer data)
{
  gpointer *args = data;
  ErrataTrace *trace = errata_traces_page_get_current_trace (args[0]);

  return !errata_trace_list_model_is_loading (errata_traces_page_get_model (args[0])) &&
         trace != NULL && errata_trace_get_id (trace) == *(gint64 *)args[1];
}

static void
wait_for_trace (Fixture *fixture,
                gint64   trace_id)
{
  gpointer args[] = { fixture->page, &trace_id };

  errata_gui_test_iterate_until (page_shows_trace, args);
}

static void
test_failure_modes (Fixture       *fixture,
                    gconstpointer  data)
{
  ErrataFailureModesPage *modes_page = errata_window_get_failure_modes_page (fixture->window);
  ErrataTaxonomy *taxonomy = errata_failure_modes_page_get_taxonomy (modes_page);
  GtkDropDown *review = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page), GTK_TYPE_DROP_DOWN);
  g_autoptr(GError) error = NULL;
  gint64 over_budget, missed_call, hearth_03, hearth_05;
  guint unsorted;

  g_assert_true (errata_window_get_traces_page (fixture->window) == fixture->page);
  g_assert_cmpstr (errata_window_get_visible_page (fixture->window), ==, "traces");

  /* A note typed a moment ago (its autosave still waiting) is on the
   * canvas as soon as the Failure Modes page shows. */
  show_page (fixture, "failure-modes");
  unsorted = unsorted_cards (modes_page);
  g_assert_cmpuint (unsorted, ==, 1);
  show_page (fixture, "traces");
  activate (fixture, "traces.focus-note");
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (fixture->window)))),
                                    "the first message is empty", -1);
  g_assert_true (errata_coding_panel_has_unsaved (fixture->panel));
  show_page (fixture, "failure-modes");
  g_assert_false (errata_coding_panel_has_unsaved (fixture->panel));
  g_assert_cmpuint (unsorted_cards (modes_page), ==, unsorted + 1);
  show_page (fixture, "traces");

  /* The failure-mode filter appears with the first failure mode. */
  g_assert_cmpuint (errata_gui_test_count_visible (GTK_WIDGET (fixture->page), GTK_TYPE_DROP_DOWN), ==, 1);
  sort_notes (fixture, taxonomy, &over_budget, &missed_call);
  errata_gui_test_iterate_until (shows_two_dropdowns, fixture->page);

  /* The coding panel names the modes of the trace on show, in canvas
   * order, and follows a rename. */
  hearth_03 = trace_id_of (fixture, "hearth-03");
  errata_traces_page_show_trace (fixture->page, hearth_03);
  wait_for_trace (fixture, hearth_03);
  g_assert_cmpstr (errata_coding_panel_get_modes_text (fixture->panel), ==,
                   "Failure modes: Over budget, Missed tool call");
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->panel),
                                              "Failure modes: Over budget, Missed tool call"));
  g_assert_true (errata_taxonomy_update_mode (taxonomy, missed_call, "No <b>search</b>", NULL, NULL,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpstr (errata_coding_panel_get_modes_text (fixture->panel), ==,
                   "Failure modes: Over budget, No <b>search</b>");
  g_assert_true (errata_taxonomy_undo (taxonomy, &error));
  activate (fixture, "traces.next");
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-04");
  g_assert_cmpstr (errata_coding_panel_get_modes_text (fixture->panel), ==, "Failure modes: Over budget");
  activate (fixture, "traces.next");
  g_assert_cmpstr (errata_coding_panel_get_modes_text (fixture->panel), ==, "Failure modes: Missed tool call");
  activate (fixture, "traces.next");
  g_assert_cmpstr (current_external_id (fixture), ==, "hearth-06");
  g_assert_null (errata_coding_panel_get_modes_text (fixture->panel));

  /* A Pareto bar lists the traces of its mode on the Traces page, as
   * many as the chart counts, whatever filter was on before. */
  gtk_drop_down_set_selected (review, 2);  /* Passed */
  wait_for_list (fixture);
  show_page (fixture, "failure-modes");
  g_signal_emit_by_name (errata_failure_modes_page_get_pareto_chart (modes_page), "bar-activated",
                         over_budget);
  g_assert_cmpstr (errata_window_get_visible_page (fixture->window), ==, "traces");
  wait_for_list (fixture);
  g_assert_cmpint (errata_traces_page_get_failure_mode (fixture->page), ==, over_budget);
  g_assert_cmpuint (gtk_drop_down_get_selected (review), ==, 0);
  g_assert_cmpuint (count_of_mode (taxonomy, over_budget), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, count_of_mode (taxonomy, over_budget));
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->page), "2 traces match"));

  /* A move on the canvas shows in the filtered list. */
  {
    gint64 card = card_of (taxonomy, trace_id_of (fixture, "hearth-06"));

    g_assert_true (errata_taxonomy_move_cards (taxonomy, &card, 1, ERRATA_UNSORTED, over_budget,
                                               FALSE, &error));
    g_assert_no_error (error);
  }
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, 3);
  g_assert_cmpuint (count_of_mode (taxonomy, over_budget), ==, 3);

  /* A double-clicked card shows its trace, even one the filter hides. */
  hearth_05 = trace_id_of (fixture, "hearth-05");
  show_page (fixture, "failure-modes");
  errata_failure_modes_page_open_trace (modes_page, hearth_05);
  g_assert_cmpstr (errata_window_get_visible_page (fixture->window), ==, "traces");
  wait_for_trace (fixture, hearth_05);
  g_assert_cmpint (errata_traces_page_get_failure_mode (fixture->page), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES);
  g_assert_cmpuint (errata_traces_page_get_selected (fixture->page), ==, 5);

  /* Deleting the filtered mode drops the filter. */
  errata_traces_page_set_failure_mode (fixture->page, missed_call);
  wait_for_list (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, 2);
  g_assert_true (errata_taxonomy_delete_mode (taxonomy, missed_call, &error));
  g_assert_no_error (error);
  wait_for_list (fixture);
  g_assert_cmpint (errata_traces_page_get_failure_mode (fixture->page), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES);
}

#define LONG_MODE "Invented listing details the search tool never returned"

/* The failure-mode dropdown: the visible one whose list has the modes. */
static GtkDropDown *
find_mode_dropdown (Fixture *fixture)
{
  g_autoptr(GPtrArray) found = errata_gui_test_find_visible (GTK_WIDGET (fixture->page),
                                                             GTK_TYPE_DROP_DOWN);

  for (guint i = 0; i < found->len; i++)
    {
      GListModel *model = gtk_drop_down_get_model (found->pdata[i]);
      g_autoptr(GtkStringObject) first = g_list_model_get_item (model, 0);

      if (g_strcmp0 (gtk_string_object_get_string (first), "Any failure mode") == 0)
        return found->pdata[i];
    }
  g_assert_not_reached ();
}

static GtkWidget *
find_with_css_class (GtkWidget  *root,
                     GType       type,
                     const char *css_class)
{
  g_autoptr(GPtrArray) found = errata_gui_test_find_visible (root, type);

  for (guint i = 0; i < found->len; i++)
    if (gtk_widget_has_css_class (found->pdata[i], css_class))
      return found->pdata[i];
  g_assert_not_reached ();
}

/* The popup's check marks: the row of the chosen mode shows one, the
 * others none. Returns the name next to it. */
static const char *
checked_mode (GtkPopover *popup)
{
  g_autoptr(GPtrArray) images = errata_gui_test_find_visible (GTK_WIDGET (popup), GTK_TYPE_IMAGE);
  const char *checked = NULL;
  guint n_checks = 0;

  for (guint i = 0; i < images->len; i++)
    {
      GtkWidget *image = images->pdata[i];

      if (g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (image)), "object-select-symbolic") != 0)
        continue;
      n_checks++;
      if (gtk_widget_get_opacity (image) > 0.5)
        {
          g_assert_null (checked);
          checked = gtk_label_get_text (GTK_LABEL (gtk_widget_get_prev_sibling (image)));
        }
      else
        g_assert_cmpfloat (gtk_widget_get_opacity (image), ==, 0);
    }
  g_assert_cmpuint (n_checks, >=, 4);
  return checked;
}

static gboolean
popup_checks_over_budget (gpointer popup)
{
  return g_strcmp0 (checked_mode (popup), "Over budget") == 0;
}

static gboolean
mode_dropdown_shows_third (gpointer data)
{
  return gtk_drop_down_get_selected (find_mode_dropdown (data)) == 3;
}

/* A long failure-mode name keeps 14 characters in the filter bar, is
 * whole in the tooltip, and the popup marks the chosen mode. */
static void
test_mode_filter_names (Fixture       *fixture,
                        gconstpointer  data)
{
  ErrataFailureModesPage *modes_page = errata_window_get_failure_modes_page (fixture->window);
  ErrataTaxonomy *taxonomy = errata_failure_modes_page_get_taxonomy (modes_page);
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(PangoLayout) fourteen = NULL;
  g_autoptr(GError) error = NULL;
  gint64 over_budget, missed_call, invented, card;
  GtkDropDown *dropdown;
  GtkWidget *button_label, *filter_bar;
  GtkPopover *popup;
  int minimum, text_width;

  sort_notes (fixture, taxonomy, &over_budget, &missed_call);
  card = card_of (taxonomy, trace_id_of (fixture, "hearth-06"));
  invented = errata_taxonomy_create_mode (taxonomy, LONG_MODE, "", &card, 1, ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  errata_traces_page_set_failure_mode (fixture->page, invented);
  wait_for_list (fixture);
  errata_gui_test_iterate_until (mode_dropdown_shows_third, fixture);
  dropdown = find_mode_dropdown (fixture);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 3);

  /* The button: at least the first 14 characters, however tight the bar. */
  button_label = errata_gui_test_find_one_visible (GTK_WIDGET (dropdown), GTK_TYPE_LABEL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (button_label)), ==, LONG_MODE);
  g_assert_cmpint (gtk_label_get_width_chars (GTK_LABEL (button_label)), >=, 14);
  gtk_widget_measure (button_label, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  fourteen = gtk_widget_create_pango_layout (button_label, "Invented listi");
  pango_layout_get_pixel_size (fourteen, &text_width, NULL);
  g_assert_cmpint (minimum, >=, text_width);
  /* The tooltip has the whole name. */
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (dropdown)), LONG_MODE));

  /* The popup marks the chosen mode, and follows a new choice. */
  popup = errata_gui_test_find_first (GTK_WIDGET (dropdown), GTK_TYPE_POPOVER);
  gtk_popover_popup (popup);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, popup);
  g_assert_cmpstr (checked_mode (popup), ==, LONG_MODE);
  /* The dropdown sits in the filter bar, the window shows it in place. */
  filter_bar = find_with_css_class (GTK_WIDGET (fixture->page), GTK_TYPE_BOX, "filter-bar");
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (dropdown), filter_bar));
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (popup), "mode-filter-popup.png"));
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "mode-filter-window.png"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (popup), "mode-filter-popup-dark.png"));
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "mode-filter-window-dark.png"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_drop_down_set_selected (dropdown, 1);
  errata_gui_test_iterate_until (popup_checks_over_budget, popup);
  g_assert_cmpstr (checked_mode (popup), ==, "Over budget");
  g_assert_null (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (dropdown)), LONG_MODE));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (dropdown)), "Over budget"));
  gtk_popover_popdown (popup);

  /* A rename shows in the tooltip at once. */
  g_assert_true (errata_taxonomy_update_mode (taxonomy, over_budget, "Over the <b>budget</b>", NULL,
                                              NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (dropdown)),
                            "Over the <b>budget</b>"));
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (dropdown)), ==,
                   "Show Traces by Failure Mode");
}

static gboolean
focus_is_in (GtkWidget *root,
             GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (root));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The first card of Unsorted (the row of its list view has the focus). */
static gboolean
first_card_has_focus (Fixture                *fixture,
                      ErrataFailureModesPage *modes_page)
{
  ErrataModeGroup *unsorted = errata_failure_modes_page_get_group (modes_page, ERRATA_UNSORTED);
  GtkWidget *card = errata_mode_group_get_focused_card (unsorted);
  g_autoptr(ErrataCardItem) first = g_list_model_get_item (errata_mode_group_get_visible_cards (unsorted), 0);

  g_assert_nonnull (first);
  return card != NULL && errata_note_card_widget_get_item (ERRATA_NOTE_CARD_WIDGET (card)) == first;
}

/* Switching to the canvas puts the keyboard on the cards, so that a
 * typed letter acts on them; the search entry only takes it on Ctrl+F. */
static void
test_failure_modes_focus (Fixture       *fixture,
                          gconstpointer  data)
{
  ErrataFailureModesPage *modes_page = errata_window_get_failure_modes_page (fixture->window);
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkWidget *search;
  GtkColumnView *list = errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page),
                                                          GTK_TYPE_COLUMN_VIEW);

  /* From the trace list, as Alt+2 does. */
  gtk_widget_grab_focus (GTK_WIDGET (list));
  g_assert_true (focus_is_in (root, GTK_WIDGET (fixture->page)));
  show_page (fixture, "failure-modes");
  search = errata_gui_test_find_one_visible (GTK_WIDGET (modes_page), GTK_TYPE_SEARCH_ENTRY);
  g_assert_false (focus_is_in (root, search));
  g_assert_true (first_card_has_focus (fixture, modes_page));

  /* Ctrl+F, and only Ctrl+F, gives it to the search entry ... */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (modes_page), "canvas.search", NULL));
  g_assert_true (focus_is_in (root, search));

  /* ... which does not keep it when the page comes back. */
  show_page (fixture, "traces");
  gtk_widget_grab_focus (GTK_WIDGET (list));
  show_page (fixture, "failure-modes");
  g_assert_false (focus_is_in (root, search));
  g_assert_true (first_card_has_focus (fixture, modes_page));

  /* From the header bar (a click on the view switcher) too. */
  show_page (fixture, "traces");
  gtk_root_set_focus (GTK_ROOT (root), NULL);
  show_page (fixture, "failure-modes");
  g_assert_true (first_card_has_focus (fixture, modes_page));
}

/* The window on each page, light and dark, with a few failure modes. */
static void
test_pages_screenshots (Fixture       *fixture,
                        gconstpointer  data)
{
  ErrataFailureModesPage *modes_page = errata_window_get_failure_modes_page (fixture->window);
  ErrataTaxonomy *taxonomy = errata_failure_modes_page_get_taxonomy (modes_page);
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char *pages[] = { "traces", "failure-modes" };
  gint64 over_budget, missed_call, hearth_03;

  sort_notes (fixture, taxonomy, &over_budget, &missed_call);
  hearth_03 = trace_id_of (fixture, "hearth-03");
  errata_traces_page_show_trace (fixture->page, hearth_03);
  wait_for_trace (fixture, hearth_03);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *light_name = g_strdup_printf ("window-%s.png", pages[i]);
      g_autofree char *dark_name = g_strdup_printf ("window-%s-dark.png", pages[i]);
      g_autoptr(GdkTexture) light = NULL;
      g_autoptr(GdkTexture) dark = NULL;
      int height;

      show_page (fixture, pages[i]);
      light = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), light_name);
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      dark = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), dark_name);
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
      /* The header bar, left of the switcher: light, then dark. */
      height = gdk_texture_get_height (light);
      g_assert_cmpint (height, >, 100);
      g_assert_cmpfloat (errata_gui_test_brightness_at (light, 40, 20), >, 180);
      g_assert_cmpfloat (errata_gui_test_brightness_at (dark, 40, 20), <, 90);
    }
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (modes_page), "Over budget"));
}

/* One workspace for the window: both pages hold it, and the canvas edits
 * the taxonomy the Traces page's filter lists. The pages reach each other
 * only through the window's actions, which bring the Traces page forward
 * with the trace, or the traces of a mode. */
static void
test_window_actions (Fixture       *fixture,
                     gconstpointer  data)
{
  ErrataFailureModesPage *modes_page = errata_window_get_failure_modes_page (fixture->window);
  ErrataWorkspace *workspace = errata_window_get_workspace (fixture->window);
  ErrataTaxonomy *taxonomy = errata_workspace_get_taxonomy (workspace);
  gint64 over_budget, missed_call, hearth_20;

  g_assert_nonnull (workspace);
  g_assert_true (errata_traces_page_get_workspace (fixture->page) == workspace);
  g_assert_true (errata_failure_modes_page_get_workspace (modes_page) == workspace);
  g_assert_true (errata_failure_modes_page_get_taxonomy (modes_page) == taxonomy);
  g_assert_true (errata_window_get_project (fixture->window) ==
                 errata_workspace_get_project (workspace));

  sort_notes (fixture, taxonomy, &over_budget, &missed_call);

  /* From the canvas to a trace. */
  hearth_20 = trace_id_of (fixture, "hearth-20");
  show_page (fixture, "failure-modes");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (modes_page), "win.show-trace",
                                             "x", hearth_20));
  g_assert_cmpstr (errata_window_get_visible_page (fixture->window), ==, "traces");
  wait_for_trace (fixture, hearth_20);

  /* From the canvas to the traces of a mode. */
  show_page (fixture, "failure-modes");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (modes_page), "win.show-mode-traces",
                                             "x", over_budget));
  g_assert_cmpstr (errata_window_get_visible_page (fixture->window), ==, "traces");
  g_assert_cmpint (errata_traces_page_get_failure_mode (fixture->page), ==, over_budget);
  errata_gui_test_iterate_until (model_is_loaded, fixture->model);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, 2);

  /* The card's own request goes the same way. */
  show_page (fixture, "failure-modes");
  errata_failure_modes_page_open_trace (modes_page, hearth_20);
  g_assert_cmpstr (errata_window_get_visible_page (fixture->window), ==, "traces");
  wait_for_trace (fixture, hearth_20);
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
      g_test_add_func ("/trace-page/no-display", test_no_display);
      return g_test_run ();
    }

  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  ADD_TEST ("/trace-page/failure-modes", test_failure_modes);
  ADD_TEST ("/trace-page/pages-screenshots", test_pages_screenshots);
  ADD_TEST ("/trace-page/failure-modes-focus", test_failure_modes_focus);
  ADD_TEST ("/trace-page/mode-filter-names", test_mode_filter_names);
  ADD_TEST ("/trace-page/window-actions", test_window_actions);
  return g_test_run ();
}
