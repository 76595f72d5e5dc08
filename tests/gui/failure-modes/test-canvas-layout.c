/* test-canvas-layout.c: what the Failure Modes canvas shows at the sizes
 * people use. At 1280×800 every header (name and count) of a 6-mode
 * taxonomy is on screen at once, inside the part of the canvas that is
 * drawn, beside Unsorted and the charts rather than under them; at
 * 1024×700 too, with the charts folded away; Unsorted leaves out notes
 * on passing traces until asked. Renders canvas-*.png (light and dark)
 * in the build folder.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "canvas-fixture.h"
#include "errata-gui-test-utils.h"
#include "errata-mode-grid.h"

typedef struct
{
  GtkWidget *widget;
  int        width;
} SizeCheck;

static gboolean
has_width (gpointer data)
{
  SizeCheck *check = data;

  return gtk_widget_get_mapped (check->widget) && gtk_widget_get_width (check->widget) == check->width;
}

static GtkWidget *
header_of (ErrataModeGroup *group)
{
  GtkWidget *header = errata_gui_test_find_with_class (GTK_WIDGET (group), GTK_TYPE_BOX,
                                                       "mode-header");

  g_assert_nonnull (header);
  return header;
}

static GtkWidget *
charts_panel (CanvasFixture *fixture)
{
  GtkWidget *chart = GTK_WIDGET (errata_failure_modes_page_get_saturation_chart (fixture->page));

  return gtk_widget_get_ancestor (chart, GTK_TYPE_SCROLLED_WINDOW);
}

static gboolean
overlaps (const graphene_rect_t *a,
          const graphene_rect_t *b)
{
  graphene_rect_t both;

  return graphene_rect_intersection (a, b, &both) && both.size.width > 0.5 &&
         both.size.height > 0.5;
}

/* `rect` lies wholly inside `outer` (both in the same coordinates). */
static gboolean
inside (const graphene_rect_t *rect,
        const graphene_rect_t *outer)
{
  return rect->origin.x >= outer->origin.x - 0.5 && rect->origin.y >= outer->origin.y - 0.5 &&
         rect->origin.x + rect->size.width <= outer->origin.x + outer->size.width + 0.5 &&
         rect->origin.y + rect->size.height <= outer->origin.y + outer->size.height + 0.5;
}

/* The header of every failure mode is where the user sees it: inside the
 * window, inside the scrolled canvas's viewport as it is scrolled now,
 * and not under Unsorted or the charts. */
static void
assert_headers_visible (CanvasFixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *unsorted = GTK_WIDGET (errata_failure_modes_page_get_group (fixture->page,
                                                                         ERRATA_UNSORTED));
  GtkWidget *charts = charts_panel (fixture);
  graphene_rect_t window_rect = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window),
                                                    gtk_widget_get_height (window));
  graphene_rect_t unsorted_rect, charts_rect;

  g_assert_true (gtk_widget_compute_bounds (unsorted, window, &unsorted_rect));
  for (guint i = 0; i < fixture->modes->len; i++)
    {
      ErrataModeGroup *group = canvas_fixture_group (fixture, i);
      GtkWidget *header = header_of (group);
      GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (group), GTK_TYPE_SCROLLED_WINDOW);
      graphene_rect_t in_window, in_scroller, viewport;

      g_test_message ("%s", errata_mode_group_get_name (group));
      g_assert_true (gtk_widget_get_mapped (header));
      g_assert_nonnull (scroller);
      viewport = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (scroller),
                                     gtk_widget_get_height (scroller));
      g_assert_true (gtk_widget_compute_bounds (header, scroller, &in_scroller));
      g_assert_true (inside (&in_scroller, &viewport));
      g_assert_true (gtk_widget_compute_bounds (header, window, &in_window));
      g_assert_true (inside (&in_window, &window_rect));
      g_assert_false (overlaps (&in_window, &unsorted_rect));
      if (gtk_widget_get_mapped (charts) && gtk_widget_compute_bounds (charts, window, &charts_rect))
        g_assert_false (overlaps (&in_window, &charts_rect));
      /* The whole name and its count, not a name cut to a few letters. */
      g_assert_cmpfloat (in_window.size.width, >=, 200);
    }
}

static gboolean
charts_shown (gpointer data)
{
  CanvasFixture *fixture = data;
  GtkWidget *charts = charts_panel (fixture);
  graphene_rect_t rect;

  return gtk_widget_get_mapped (charts) &&
         gtk_widget_compute_bounds (charts, GTK_WIDGET (fixture->window), &rect) &&
         rect.origin.x < gtk_widget_get_width (GTK_WIDGET (fixture->window)) - 100;
}

static void
test_six_modes_1280 (void)
{
  CanvasFixture fixture = { 0 };

  canvas_fixture_set_up (&fixture, &canvas_six_modes, 1280, 800);
  g_assert_true (charts_shown (&fixture));
  assert_headers_visible (&fixture);
  canvas_fixture_render_both (&fixture, "canvas-1280");
  canvas_fixture_tear_down (&fixture);
}

static gboolean
charts_hidden (gpointer data)
{
  return !charts_shown (data);
}

/* At 1024×700 the charts fold away by themselves, so that the modes keep
 * their room; the Charts button still brings them, over the canvas. */
static void
test_six_modes_1024 (void)
{
  CanvasFixture fixture = { 0 };
  GtkButton *button;

  canvas_fixture_set_up (&fixture, &canvas_six_modes, 1024, 700);
  errata_gui_test_iterate_until (charts_hidden, &fixture);
  assert_headers_visible (&fixture);
  canvas_fixture_render_both (&fixture, "canvas-1024");

  /* A button with a word on it, not an icon to guess at. */
  button = errata_gui_test_find_button (GTK_WIDGET (fixture.page), "Charts");
  g_assert_nonnull (button);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_true (errata_failure_modes_page_get_charts_folded (fixture.page));
  g_signal_emit_by_name (button, "clicked");
  errata_gui_test_iterate_until (charts_shown, &fixture);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  canvas_fixture_render_both (&fixture, "canvas-1024-charts");
  /* F9 is the same toggle. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "canvas.show-charts", NULL));
  errata_gui_test_iterate_until (charts_hidden, &fixture);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));

  /* Wide again: the charts come back beside the canvas. */
  canvas_fixture_resize (&fixture, 1280, 800);
  errata_gui_test_iterate_until (charts_shown, &fixture);
  g_assert_false (errata_failure_modes_page_get_charts_folded (fixture.page));
  assert_headers_visible (&fixture);
  canvas_fixture_tear_down (&fixture);
}

/* Ten modes, the top of a real taxonomy's size, at 1280×800: beside the
 * charts, two columns of five rows that give up their cards' room, the
 * last row a short scroll down; with the charts hidden, three columns
 * and every name and count in view. */
static void
test_ten_modes_1280 (void)
{
  static const guint counts[] = { 12, 9, 8, 7, 6, 5, 5, 4, 3, 2 };
  const CanvasContent content = { 10, counts, 8, 2, 4 };
  CanvasFixture fixture = { 0 };

  canvas_fixture_set_up (&fixture, &content, 1280, 800);
  canvas_fixture_render_both (&fixture, "canvas-1280-ten");
  errata_failure_modes_page_set_show_charts (fixture.page, FALSE);
  errata_gui_test_iterate_until (charts_hidden, &fixture);
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture.window));
  canvas_fixture_iterate ();
  assert_headers_visible (&fixture);
  canvas_fixture_render_both (&fixture, "canvas-1280-ten-no-charts");
  canvas_fixture_tear_down (&fixture);
}

/* More modes than fit: the canvas scrolls down, never sideways, and
 * each header is whole where it is. */
static void
test_many_modes (void)
{
  static const guint counts[] = { 3, 3, 3, 3, 3, 3 };
  const CanvasContent content = { 6, counts, 2, 0, 0 };
  CanvasFixture fixture = { 0 };
  GtkWidget *scroller;
  GtkAdjustment *hadjustment;

  canvas_fixture_set_up (&fixture, &content, 900, 520);
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (canvas_fixture_group (&fixture, 0)),
                                      GTK_TYPE_SCROLLED_WINDOW);
  hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=,
                     gtk_adjustment_get_page_size (hadjustment) + 0.5);
  for (guint i = 0; i < fixture.modes->len; i++)
    {
      graphene_rect_t header, group;

      g_assert_true (gtk_widget_compute_bounds (header_of (canvas_fixture_group (&fixture, i)),
                                                scroller, &header));
      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (canvas_fixture_group (&fixture, i)),
                                                scroller, &group));
      g_assert_cmpfloat (header.origin.x, >=, 0);
      g_assert_cmpfloat (header.origin.x + header.size.width, <=, gtk_widget_get_width (scroller) + 0.5);
      /* A header never shares its group's height with the cards alone. */
      g_assert_cmpfloat (group.size.height, >, header.size.height + 20);
    }
  canvas_fixture_render_both (&fixture, "canvas-900-scrolled");
  canvas_fixture_tear_down (&fixture);
}

static guint
n_visible (ErrataModeGroup *group)
{
  return g_list_model_get_n_items (errata_mode_group_get_visible_cards (group));
}

/* Unsorted holds the notes that need sorting: on failing traces and on
 * traces with no verdict yet. The others are a click away, and counted. */
static void
test_passing_notes (void)
{
  CanvasFixture fixture = { 0 };
  ErrataModeGroup *unsorted;
  GtkButton *button;
  g_autofree char *text = NULL;

  canvas_fixture_set_up (&fixture, &canvas_six_modes, 1280, 800);
  unsorted = errata_failure_modes_page_get_group (fixture.page, ERRATA_UNSORTED);
  g_assert_cmpuint (g_list_model_get_n_items (errata_mode_group_get_cards (unsorted)), ==, 30);
  g_assert_cmpuint (n_visible (unsorted), ==, 18);
  for (guint i = 0; i < n_visible (unsorted); i++)
    {
      g_autoptr(ErrataCardItem) item = g_list_model_get_item (errata_mode_group_get_visible_cards (unsorted), i);

      g_assert_cmpint (errata_card_item_get_verdict (item), !=, ERRATA_VERDICT_PASS);
    }
  button = errata_gui_test_find_button (GTK_WIDGET (unsorted), "Show 12 notes on passing traces");
  g_assert_nonnull (button);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture.page));
  g_assert_nonnull (strstr (text, "18 notes unsorted"));

  /* The toggle shows them all; its words say how to hide them again. */
  g_signal_emit_by_name (button, "clicked");
  canvas_fixture_iterate ();
  g_assert_cmpuint (n_visible (unsorted), ==, 30);
  g_assert_nonnull (errata_gui_test_find_button (GTK_WIDGET (unsorted),
                                                 "Hide 12 notes on passing traces"));
  /* Kept for the next session. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_assert_true (g_settings_get_boolean (settings, "canvas-show-passing"));
  }
  g_clear_pointer (&text, g_free);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture.page));
  g_assert_nonnull (strstr (text, "30 notes unsorted"));
  canvas_fixture_render_both (&fixture, "canvas-passing-shown");

  /* The search counts what it can show. */
  errata_failure_modes_page_set_search_text (fixture.page, "adheres");
  canvas_fixture_iterate ();
  g_assert_cmpuint (n_visible (unsorted), ==, 12);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "canvas.show-passing", NULL));
  canvas_fixture_iterate ();
  g_assert_cmpuint (n_visible (unsorted), ==, 0);
  errata_failure_modes_page_set_search_text (fixture.page, "");
  canvas_fixture_iterate ();
  g_assert_cmpuint (n_visible (unsorted), ==, 18);
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_assert_false (g_settings_get_boolean (settings, "canvas-show-passing"));
  }
  canvas_fixture_tear_down (&fixture);
}

/* Only notes on passing traces left: Unsorted says why it looks empty. */
static void
test_only_passing_left (void)
{
  static const guint counts[] = { 4 };
  const CanvasContent content = { 1, counts, 0, 0, 5 };
  CanvasFixture fixture = { 0 };
  ErrataModeGroup *unsorted;

  canvas_fixture_set_up (&fixture, &content, 1280, 800);
  unsorted = errata_failure_modes_page_get_group (fixture.page, ERRATA_UNSORTED);
  g_assert_cmpuint (n_visible (unsorted), ==, 0);
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (unsorted),
                                              "No note left to sort. Notes on passing traces are hidden."));
  g_assert_nonnull (errata_gui_test_find_button (GTK_WIDGET (unsorted),
                                                 "Show 5 notes on passing traces"));
  canvas_fixture_tear_down (&fixture);
}

/* A failure mode shows every note the user put in it, whatever the
 * trace's verdict: only Unsorted leaves notes out. */
static void
test_passing_note_in_mode (void)
{
  CanvasFixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  ErrataModeGroup *unsorted, *first;
  ErrataTaxonomy *taxonomy;
  gint64 passing = 0;

  canvas_fixture_set_up (&fixture, &canvas_six_modes, 1280, 800);
  taxonomy = errata_failure_modes_page_get_taxonomy (fixture.page);
  unsorted = errata_failure_modes_page_get_group (fixture.page, ERRATA_UNSORTED);
  first = canvas_fixture_group (&fixture, 0);
  cards = errata_taxonomy_list_cards (taxonomy, ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cards->len && passing == 0; i++)
    if (((ErrataNoteCard *)cards->pdata[i])->verdict == ERRATA_VERDICT_PASS)
      passing = ((ErrataNoteCard *)cards->pdata[i])->annotation_id;
  g_assert_cmpint (passing, >, 0);
  g_assert_true (errata_taxonomy_move_cards (taxonomy, &passing, 1, ERRATA_UNSORTED,
                                             g_array_index (fixture.modes, gint64, 0), FALSE,
                                             &error));
  canvas_fixture_iterate ();
  g_assert_cmpuint (n_visible (first), ==, 21);
  g_assert_cmpuint (n_visible (unsorted), ==, 18);
  g_assert_nonnull (errata_gui_test_find_button (GTK_WIDGET (unsorted),
                                                 "Show 11 notes on passing traces"));
  canvas_fixture_tear_down (&fixture);
}

/* The grid on its own: as many columns as the width holds, children in
 * reading order, rows that share the height and never overlap. */
static void
test_grid (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *grid = errata_mode_grid_new ();
  GtkWidget *children[5];
  GtkWidget *previous = NULL;
  SizeCheck check;

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      children[i] = gtk_label_new ("A failure mode");
      errata_mode_grid_insert_after (ERRATA_MODE_GRID (grid), children[i], previous);
      previous = children[i];
    }
  /* Moving a child keeps the others' order. */
  errata_mode_grid_insert_after (ERRATA_MODE_GRID (grid), children[0], children[4]);
  errata_mode_grid_insert_after (ERRATA_MODE_GRID (grid), children[0], NULL);
  g_assert_true (gtk_widget_get_first_child (grid) == children[0]);
  g_assert_true (gtk_widget_get_last_child (grid) == children[4]);

  gtk_window_set_child (window, grid);
  gtk_window_set_default_size (window, 600, 700);
  gtk_window_present (window);
  check.widget = grid;
  check.width = 600;
  errata_gui_test_iterate_until (has_width, &check);
  errata_gui_test_wait_for_frame (grid);
  g_assert_cmpuint (errata_mode_grid_get_n_columns (ERRATA_MODE_GRID (grid)), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      graphene_rect_t rect;

      g_assert_true (gtk_widget_compute_bounds (children[i], grid, &rect));
      /* Column i % 2, row i / 2; three rows share 700 px. */
      g_assert_cmpfloat (rect.origin.x, ==, (i % 2) * (rect.size.width + 12));
      g_assert_cmpfloat (rect.size.width, >=, 260);
      g_assert_cmpfloat (rect.origin.y, ==, (i / 2) * (rect.size.height + 12));
      g_assert_cmpfloat (rect.size.height, >=, (700 - 2 * 12) / 3 - 1);
    }

  gtk_window_set_default_size (window, 900, 700);
  check.width = 900;
  errata_gui_test_iterate_until (has_width, &check);
  errata_gui_test_wait_for_frame (grid);
  g_assert_cmpuint (errata_mode_grid_get_n_columns (ERRATA_MODE_GRID (grid)), ==, 3);
  g_object_ref (children[4]);
  errata_mode_grid_remove (ERRATA_MODE_GRID (grid), children[4]);
  g_assert_null (gtk_widget_get_parent (children[4]));
  g_object_unref (children[4]);
  gtk_window_destroy (window);
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
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/canvas-layout/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();
  g_test_add_func ("/canvas-layout/grid", test_grid);
  g_test_add_func ("/canvas-layout/six-modes-1280", test_six_modes_1280);
  g_test_add_func ("/canvas-layout/six-modes-1024", test_six_modes_1024);
  g_test_add_func ("/canvas-layout/ten-modes-1280", test_ten_modes_1280);
  g_test_add_func ("/canvas-layout/many-modes", test_many_modes);
  g_test_add_func ("/canvas-layout/passing-notes", test_passing_notes);
  g_test_add_func ("/canvas-layout/passing-note-in-mode", test_passing_note_in_mode);
  g_test_add_func ("/canvas-layout/only-passing-left", test_only_passing_left);
  return g_test_run ();
}
