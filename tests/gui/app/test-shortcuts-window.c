/* test-shortcuts-window.c: the keyboard shortcuts window (Ctrl+?).
 *
 * It opens without a warning (every warning is fatal here: GTK 4.8
 * warned about the labels of its page numbers), on the review keys. It
 * is rendered to shortcuts.png and shortcuts-dark.png in the build
 * folder.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "errata-application.h"
#include "errata-gui-test-utils.h"
#include "errata-window.h"

static ErrataApplication *app;

static GtkWindow *
find_shortcuts_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
has_shortcuts_window (gpointer data)
{
  GtkWindow *window = find_shortcuts_window ();

  return window != NULL && errata_gui_test_widget_is_drawn (window);
}

/* The titles of the groups, in order. */
static GPtrArray *
list_group_titles (GtkWidget *root)
{
  g_autoptr(GPtrArray) groups = errata_gui_test_find_all (root, GTK_TYPE_SHORTCUTS_GROUP);
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < groups->len; i++)
    {
      char *title = NULL;

      g_object_get (groups->pdata[i], "title", &title, NULL);
      g_ptr_array_add (titles, title);
    }
  return titles;
}

static void
test_opens_clean (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  ErrataWindow *window = errata_window_new (GTK_APPLICATION (app));
  g_autoptr(GPtrArray) titles = NULL;
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  GtkWindow *shortcuts;

  gtk_window_present (GTK_WINDOW (window));
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  errata_gui_test_iterate_until (has_shortcuts_window, NULL);
  shortcuts = find_shortcuts_window ();
  light = errata_gui_test_render_to_png (GTK_WIDGET (shortcuts), "shortcuts.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = errata_gui_test_render_to_png (GTK_WIDGET (shortcuts), "shortcuts-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  titles = list_group_titles (GTK_WIDGET (shortcuts));
  g_assert_cmpuint (titles->len, >=, 2);
  g_assert_cmpstr (titles->pdata[0], ==, "Reviewing Traces");
  g_assert_cmpstr (titles->pdata[1], ==, "Messages of a Trace");

  gtk_window_destroy (shortcuts);
  gtk_window_destroy (GTK_WINDOW (window));
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
  /* Any warning fails the test: GTK reports layout mistakes (a label
   * with a negative minimum width) only as warnings. */
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/shortcuts-window/no-display", test_no_display);
      return g_test_run ();
    }

  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/shortcuts-window/opens-clean", test_opens_clean);
  return g_test_run ();
}
