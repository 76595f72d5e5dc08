/* test-preferences-window.c: the Preferences window's General page under
 * a real display (Xvfb in CI), rendered to preferences.png in the build
 * folder.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "errata-gui-test-utils.h"
#include "errata-preferences-window.h"

static AdwPreferencesGroup *
find_group (GtkWidget  *root,
            const char *title)
{
  g_autoptr(GPtrArray) groups = errata_gui_test_find_all (root, ADW_TYPE_PREFERENCES_GROUP);

  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (adw_preferences_group_get_title (groups->pdata[i]), title) == 0)
      return groups->pdata[i];
  g_assert_not_reached ();
}

static void
test_no_display (void)
{
  g_test_skip ("no display");
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *stored = NULL;
  AdwPreferencesGroup *group;
  AdwPreferencesPage *extra;
  GtkWidget *window;
  GtkEditable *row;

  g_settings_set_string (settings, "annotator-name", "Margaret");
  window = errata_preferences_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, window);

  /* The General page has one entry row; the LLM page has its own. */
  rows = errata_gui_test_find_all (GTK_WIDGET (errata_preferences_window_get_general_page (
                                      ERRATA_PREFERENCES_WINDOW (window))), ADW_TYPE_ENTRY_ROW);
  g_assert_cmpuint (rows->len, ==, 1);
  row = GTK_EDITABLE (rows->pdata[0]);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "Annotator Name");
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "Margaret");

  /* Both ways: typing sets the key, the key sets the text. */
  gtk_editable_set_text (row, "Linus");
  stored = g_settings_get_string (settings, "annotator-name");
  g_assert_cmpstr (stored, ==, "Linus");
  g_settings_set_string (settings, "annotator-name", "");
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "");

  /* The description says what empty means, with the name it stands for. */
  group = find_group (window, "Open Coding");
  g_assert_nonnull (strstr (adw_preferences_group_get_description (group), "empty"));
  g_assert_true (errata_preferences_window_get_general_page (ERRATA_PREFERENCES_WINDOW (window))
                 == ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (group),
                                                                   ADW_TYPE_PREFERENCES_PAGE)));

  {
    g_autoptr(GdkTexture) texture = errata_gui_test_render_to_png (window, "preferences.png");
  }

  /* Later pages (the LLM settings) go in through add_page. */
  extra = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (extra, "LLM");
  errata_preferences_window_add_page (ERRATA_PREFERENCES_WINDOW (window), extra);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window), extra);
  g_assert_true (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (window))
                 == extra);
  gtk_window_destroy (GTK_WINDOW (window));
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
      g_test_add_func ("/preferences/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();
  load_style ();
  g_test_add_func ("/preferences/annotator-name", test_preferences);
  return g_test_run ();
}
