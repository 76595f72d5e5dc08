/* test-trace-page-layout.c: the Traces page at a laptop's width.
 *
 * At 1024×700 the list, the conversation and the review panel share the
 * width: the conversation is the widest, its title is readable, the list
 * shows its default columns without scrolling sideways and keeps its
 * width when failure modes appear (and with them a filter). The window
 * cannot be made narrower than the page needs. The column chooser keeps
 * its choice in GSettings. The page is rendered at 1440×900 (when the
 * screen is that large) and 1024×700, light and dark, to
 * trace-layout-WIDTH[-dark].png in the build folder; with
 * ERRATA_LAYOUT_PROJECT set, that project is rendered too
 * (trace-layout-project-WIDTH[-dark].png).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "errata-gui-test-utils.h"
#include "errata-test-utils.h"
#include "errata-trace-columns.h"
#include "trace-page-fixture.h"

static GtkWidget *
list_of (Fixture *fixture)
{
  return errata_gui_test_find_one_visible (GTK_WIDGET (fixture->page), GTK_TYPE_COLUMN_VIEW);
}

/* The list pane: the paned's start child. */
static GtkWidget *
list_pane_of (Fixture *fixture)
{
  GtkPaned *paned = GTK_PANED (gtk_widget_get_ancestor (GTK_WIDGET (fixture->trace_view), GTK_TYPE_PANED));

  paned = GTK_PANED (gtk_widget_get_ancestor (gtk_widget_get_parent (GTK_WIDGET (paned)), GTK_TYPE_PANED));
  return gtk_paned_get_start_child (paned);
}

/* The trace view's title: the label that shows the trace's id. */
static GtkLabel *
title_label_of (Fixture *fixture)
{
  g_autoptr(GPtrArray) labels = errata_gui_test_find_visible (GTK_WIDGET (fixture->trace_view),
                                                              GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), current_external_id (fixture)) == 0)
      return labels->pdata[i];
  g_assert_not_reached ();
}

static gboolean
scrolls_sideways (GtkWidget *column_view)
{
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (column_view));

  return gtk_adjustment_get_upper (h) > gtk_adjustment_get_page_size (h) + 1;
}

static void
set_size (Fixture *fixture,
          int      width,
          int      height)
{
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  errata_gui_test_iterate_for (100);
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
}

static void
render_both (Fixture    *fixture,
             const char *prefix,
             int         width)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s-%d.png", prefix, width);
  g_autofree char *dark = g_strdup_printf ("%s-%d-dark.png", prefix, width);
  g_autoptr(GdkTexture) a = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), light);
  g_autoptr(GdkTexture) b = NULL;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  b = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static int
min_width (GtkWidget *widget)
{
  int minimum;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

static void
log_widths (Fixture    *fixture,
            const char *when)
{
  g_test_message ("minimum widths: window %d, list %d, conversation %d, panel %d",
                  min_width (GTK_WIDGET (fixture->window)), min_width (list_pane_of (fixture)),
                  min_width (GTK_WIDGET (fixture->trace_view)), min_width (GTK_WIDGET (fixture->panel)));
  g_test_message ("%s: window %d, list %d, conversation %d, panel %d", when,
                  gtk_widget_get_width (GTK_WIDGET (fixture->window)),
                  gtk_widget_get_width (list_pane_of (fixture)),
                  gtk_widget_get_width (GTK_WIDGET (fixture->trace_view)),
                  gtk_widget_get_width (GTK_WIDGET (fixture->panel)));
}

static gboolean
fits_screen (Fixture *fixture,
             int      width,
             int      height)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (fixture->window)));
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle screen;

  gdk_monitor_get_geometry (monitor, &screen);
  return width <= screen.width && height <= screen.height;
}

/* At 1024×700: the conversation gets the most room, all three panes at
 * least what they ask for, a readable title, no sideways scrolling. */
static void
test_laptop_width (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *list = list_of (fixture);
  int list_width;

  errata_traces_page_select (fixture->page, N_TRACES / 2);
  errata_gui_test_iterate_until (page_shows_a_trace, fixture->page);
  if (fits_screen (fixture, 1440, 900))
    {
      set_size (fixture, 1440, 900);
      log_widths (fixture, "1440");
      render_both (fixture, "trace-layout", 1440);
    }
  set_size (fixture, 1024, 700);
  log_widths (fixture, "1024");
  render_both (fixture, "trace-layout", 1024);

  /* The default size counts the frame's shadow, the window does not. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 1024);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->trace_view)), >=, 400);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->trace_view)), >,
                   gtk_widget_get_width (list_pane_of (fixture)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->panel)), >=, 280);
  g_assert_cmpint (gtk_widget_get_width (list_pane_of (fixture)), >=, 300);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (title_label_of (fixture))));
  g_assert_false (scrolls_sideways (list));
  list_width = gtk_widget_get_width (list_pane_of (fixture));

  /* Failure modes: the list gets a filter for them, and keeps its width. */
  {
    ErrataTaxonomy *taxonomy = errata_workspace_get_taxonomy (errata_traces_page_get_workspace (fixture->page));
    g_autoptr(GError) error = NULL;

    errata_taxonomy_create_mode (taxonomy, "Offers a flat over the budget", "", NULL, 0,
                                 ERRATA_UNSORTED, &error);
    g_assert_no_error (error);
  }
  set_size (fixture, 1024, 700);
  log_widths (fixture, "1024 with a failure mode");
  g_assert_cmpint (gtk_widget_get_width (list_pane_of (fixture)), ==, list_width);
  g_assert_false (scrolls_sideways (list));
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (title_label_of (fixture))));
  render_both (fixture, "trace-layout-modes", 1024);
}

/* The window's minimum width is what the page needs: asked to be
 * narrower, it stays at a width where every pane still has its room. */
static void
test_minimum_width (Fixture       *fixture,
                    gconstpointer  data)
{
  int minimum, natural;

  gtk_widget_measure (GTK_WIDGET (fixture->window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_test_message ("window minimum width %d", minimum);
  g_assert_cmpint (minimum, <=, 1024);
  set_size (fixture, 600, 600);
  log_widths (fixture, "asked for 600");
  /* The measure counts the frame's shadow, the width does not. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), >=, minimum - 32);
  g_assert_cmpint (gtk_widget_get_width (list_pane_of (fixture)), >=, min_width (list_pane_of (fixture)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->trace_view)), >=,
                   min_width (GTK_WIDGET (fixture->trace_view)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->trace_view)), >=, 400);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->panel)), >=, 280);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (title_label_of (fixture))));
  g_assert_false (scrolls_sideways (list_of (fixture)));
}

static GtkColumnViewColumn *
column_titled (GtkWidget  *column_view,
               const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (column_view));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_assert_not_reached ();
}

/* The chooser: check items for the columns, their state the setting's. */
static void
test_column_chooser (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *list = list_of (fixture);
  GtkColumnViewColumn *latency = column_titled (list, "Latency");
  GtkColumnViewColumn *note = column_titled (list, "Note");
  g_auto(GStrv) shown = NULL;
  GMenuModel *menu = gtk_column_view_column_get_header_menu (note);

  g_assert_nonnull (menu);
  /* One section, one check item per column but the status. */
  {
    GMenuModel *section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
    g_autofree char *action = NULL;

    g_assert_cmpint (g_menu_model_get_n_items (section), ==, 8);
    g_assert_true (g_menu_model_get_item_attribute (section, 2, G_MENU_ATTRIBUTE_ACTION, "s", &action));
    g_assert_cmpstr (action, ==, "columns.note");
    g_object_unref (section);
  }
  g_assert_false (gtk_column_view_column_get_visible (latency));
  g_assert_true (gtk_column_view_column_get_visible (note));
  g_assert_true (gtk_column_view_column_get_visible (column_titled (list, "Msgs")));
  g_assert_true (gtk_column_view_column_get_visible (column_titled (list, "Tools")));

  /* A tick in the menu shows the column and is kept. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "columns.latency", NULL));
  g_assert_true (gtk_column_view_column_get_visible (latency));
  shown = g_settings_get_strv (settings, "trace-list-columns");
  g_assert_true (g_strv_contains ((const char * const *) shown, "latency"));
  g_assert_true (g_strv_contains ((const char * const *) shown, "note"));

  /* The setting, changed elsewhere, hides a column and unticks it. */
  g_settings_set_strv (settings, "trace-list-columns",
                       (const char * const[]) { "id", "messages", NULL });
  g_assert_false (gtk_column_view_column_get_visible (note));
  g_assert_false (gtk_column_view_column_get_visible (latency));
  g_settings_reset (settings, "trace-list-columns");
  g_assert_true (gtk_column_view_column_get_visible (note));

  /* The footer's button opens the same menu (trace-columns-menu.png). */
  {
    GtkMenuButton *button = errata_gui_test_find_with_class (GTK_WIDGET (fixture->page),
                                                             GTK_TYPE_MENU_BUTTON, "columns-button");
    g_autoptr(GdkTexture) texture = NULL;

    g_assert_nonnull (button);
    g_assert_true (gtk_menu_button_get_menu_model (button) == menu);
    gtk_menu_button_popup (button);
    errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, gtk_menu_button_get_popover (button));
    texture = errata_gui_test_render_to_png (GTK_WIDGET (gtk_menu_button_get_popover (button)),
                                             "trace-columns-menu.png");
    g_assert_cmpint (gdk_texture_get_height (texture), >, 8 * 20);
    gtk_menu_button_popdown (button);
  }
}

/* A project given in ERRATA_LAYOUT_PROJECT (an import of a real file),
 * rendered at both sizes for a person to look at. */
static void
test_render_project (void)
{
  const char *path = g_getenv ("ERRATA_LAYOUT_PROJECT");
  g_autoptr(GFile) file = NULL;
  Fixture fixture = { 0 };

  if (path == NULL)
    {
      g_test_skip ("ERRATA_LAYOUT_PROJECT is not set");
      return;
    }
  file = g_file_new_for_path (path);
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_int (settings, "window-width", 1440);
    g_settings_set_int (settings, "window-height", 900);
  }
  errata_application_open_file (app, file);
  fixture.window = ERRATA_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  errata_gui_test_iterate_until (window_is_idle, fixture.window);
  fixture.page = errata_gui_test_find_one_visible (GTK_WIDGET (fixture.window), ERRATA_TYPE_TRACES_PAGE);
  fixture.model = G_LIST_MODEL (errata_traces_page_get_model (fixture.page));
  wait_for_list (&fixture);
  fixture.trace_view = errata_gui_test_find_one_visible (GTK_WIDGET (fixture.page), ERRATA_TYPE_TRACE_VIEW);
  fixture.panel = errata_gui_test_find_one_visible (GTK_WIDGET (fixture.page), ERRATA_TYPE_CODING_PANEL);
  errata_traces_page_select (fixture.page, 3);
  errata_gui_test_iterate_until (page_shows_a_trace, fixture.page);
  if (fits_screen (&fixture, 1440, 900))
    {
      set_size (&fixture, 1440, 900);
      log_widths (&fixture, "project 1440");
      render_both (&fixture, "trace-layout-project", 1440);
    }
  set_size (&fixture, 1024, 700);
  log_widths (&fixture, "project 1024");
  render_both (&fixture, "trace-layout-project", 1024);
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  errata_gui_test_iterate_for (50);
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
      g_test_add_func ("/trace-layout/no-display", test_no_display);
      return g_test_run ();
    }

  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  ADD_TEST ("/trace-layout/laptop-width", test_laptop_width);
  ADD_TEST ("/trace-layout/minimum-width", test_minimum_width);
  ADD_TEST ("/trace-layout/column-chooser", test_column_chooser);
  g_test_add_func ("/trace-layout/render-project", test_render_project);
  return g_test_run ();
}
