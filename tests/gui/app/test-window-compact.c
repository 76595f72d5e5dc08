/* test-window-compact.c: compacting the open project from the window
 * (issue 17, part 3): the upgrade's toast offers it, Compact Project in
 * the primary menu does it any time, its progress and Cancel are in the
 * toast, and Cancel leaves the project as it was. Renders compacting.png
 * in the build folder.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "errata-application.h"
#include "errata-gui-test-utils.h"
#include "errata-project-compact.h"
#include "errata-test-utils.h"
#include "errata-toast-helper.h"
#include "errata-window.h"

/* More than one packing batch and several steps of compaction. */
#define N_TRACES 1500

static ErrataApplication *app;

static ErrataWindow *
open_file (GFile *file)
{
  GList *windows;

  errata_application_open_file (app, file);
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  return windows->data;
}

static void
destroy_all_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))))
    gtk_window_destroy (windows->data);
  errata_gui_test_iterate_for (50);
}

static gboolean
window_is_idle (gpointer window)
{
  return !errata_window_is_loading (window);
}

/* The window's own toast (the first overlay: it holds every page). */
static AdwToast *
window_toast (ErrataWindow *window)
{
  AdwToastOverlay *overlay = errata_gui_test_find_first (GTK_WIDGET (window),
                                                         ADW_TYPE_TOAST_OVERLAY);

  return overlay ? errata_toast_helper_get_toast (overlay) : NULL;
}

static const char *
toast_title (ErrataWindow *window)
{
  AdwToast *toast = window_toast (window);

  return toast != NULL ? adw_toast_get_title (toast) : "";
}

typedef struct
{
  ErrataWindow *window;
  const char   *text;
} ToastSays;

static gboolean
toast_says (gpointer data)
{
  ToastSays *says = data;

  return strstr (toast_title (says->window), says->text) != NULL;
}

static void
wait_for_toast (ErrataWindow *window,
                const char   *text)
{
  ToastSays says = { window, text };

  errata_gui_test_iterate_until (toast_says, &says);
}

static gint64
window_reclaimable (ErrataWindow *window)
{
  g_autoptr(GError) error = NULL;
  gint64 bytes = -1;

  g_assert_true (errata_project_get_reclaimable_bytes (errata_window_get_project (window),
                                                       &bytes, &error));
  g_assert_no_error (error);
  return bytes;
}

/* The window's own connection still reads every trace. */
static void
assert_all_traces (ErrataWindow *window)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (errata_project_count_traces (errata_window_get_project (window), NULL, &error),
                   ==, N_TRACES + 3);
  g_assert_no_error (error);
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has_action (section, action))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
    }
  return FALSE;
}

/* Opening an older project upgrades it; the toast says where the old
 * file is and offers Compact, whose button compacts the open project. */
static void
test_offer_after_upgrade (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_version_9_project_full (N_TRACES, 3, &dir);
  ErrataWindow *window;
  AdwToast *toast;

  window = open_file (file);
  errata_gui_test_iterate_until (window_is_idle, window);
  g_assert_nonnull (errata_window_get_project (window));
  g_assert_cmpint (window_reclaimable (window), >, 0);

  toast = window_toast (window);
  g_assert_nonnull (toast);
  g_assert_true (g_str_has_prefix (adw_toast_get_title (toast),
                                   "Upgraded for this version of Errata. The old file is kept "
                                   "beside it as “test.errata.v9.bak”. “test.errata” can be made "));
  g_assert_true (g_str_has_suffix (adw_toast_get_title (toast), " smaller."));
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "Compact");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.compact-project");

  /* What the button does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compact-project", NULL));
  wait_for_toast (window, "“test.errata” is now ");
  g_assert_cmpint (window_reclaimable (window), ==, 0);
  assert_all_traces (window);

  destroy_all_windows ();
  errata_test_remove_tree (dir);
}

/* Compact Project is in the primary menu, for any open project. */
static void
test_menu_item (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_upgraded_project (N_TRACES, &dir);
  ErrataWindow *window;
  GtkMenuButton *button;

  window = open_file (file);
  errata_gui_test_iterate_until (window_is_idle, window);
  button = errata_gui_test_find_first (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (button);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (button), "win.compact-project"));
  g_assert_cmpint (window_reclaimable (window), >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compact-project", NULL));
  wait_for_toast (window, "“test.errata” is now ");
  g_assert_cmpint (window_reclaimable (window), ==, 0);
  assert_all_traces (window);

  destroy_all_windows ();
  g_assert_true (errata_test_dir_holds_only (dir, "test.errata"));
  errata_test_remove_tree (dir);
}

/* Cancel in the toast: the project is left as it was. A second connection
 * holding the write lock keeps the compaction waiting before it puts the
 * pages in place, so the test sees it under way at any speed. */
static void
test_cancel (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_upgraded_project (N_TRACES, &dir);
  g_autoptr(GdkTexture) texture = NULL;
  ErrataWindow *window;
  sqlite3 *lock;
  gint64 free_before;

  window = open_file (file);
  errata_gui_test_iterate_until (window_is_idle, window);
  free_before = window_reclaimable (window);
  lock = errata_test_hold_write_lock (file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compact-project", NULL));
  wait_for_toast (window, "Putting the compact copy in place");
  texture = errata_gui_test_render_to_png (GTK_WIDGET (window), "compacting.png");
  g_assert_cmpstr (adw_toast_get_button_label (window_toast (window)), ==, "Cancel");
  /* No review can be saved meanwhile: the pages take no input. */
  g_assert_false (gtk_widget_is_sensitive (errata_gui_test_find_first (GTK_WIDGET (window),
                                                                       ADW_TYPE_VIEW_STACK)));
  g_assert_cmpstr (adw_toast_get_action_name (window_toast (window)), ==, "win.cancel-compact");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-compact", NULL));
  errata_test_release_write_lock (lock);
  wait_for_toast (window, "Compacting cancelled: “test.errata” was left unchanged.");
  g_assert_cmpint (window_reclaimable (window), ==, free_before);
  g_assert_true (gtk_widget_is_sensitive (errata_gui_test_find_first (GTK_WIDGET (window),
                                                                      ADW_TYPE_VIEW_STACK)));
  assert_all_traces (window);

  g_clear_object (&texture);
  destroy_all_windows ();
  g_assert_true (errata_test_dir_holds_only (dir, "test.errata"));
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
  /* The cancel test holds the write lock while compacting waits for it;
   * the wait must outlast a slow machine's drawing, not SQLite's 5 s. */
  g_setenv ("ERRATA_BUSY_TIMEOUT_MS", "600000", TRUE);
  if (!gtk_init_check ())
    {
      g_test_add_func ("/window-compact/no-display", test_no_display);
      return g_test_run ();
    }
  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window-compact/offer-after-upgrade", test_offer_after_upgrade);
  g_test_add_func ("/window-compact/menu-item", test_menu_item);
  g_test_add_func ("/window-compact/cancel", test_cancel);
  return g_test_run ();
}
