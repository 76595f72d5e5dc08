/* test-window-upgrade.c: opening an older project in the window: the
 * upgrade's progress on screen instead of a bare spinner, and Cancel,
 * which leaves the file as it was (issue 17, "scale"). Renders
 * upgrading.png in the build folder.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>

#include "errata-application.h"
#include "errata-gui-test-utils.h"
#include "errata-test-utils.h"
#include "errata-toast-helper.h"
#include "errata-window.h"

/* More than one packing batch (1,000 traces). */
#define N_TRACES 1500

static ErrataApplication *app;

typedef struct
{
  ErrataWindow *window;
  GtkWidget    *box;        /* the upgrade's title, bar and Cancel */
  GtkWidget    *bar;
  GPtrArray    *texts;      /* what the bar said, in order */
  double        fraction;   /* the highest the bar showed */
  gboolean      went_back;  /* the bar ever moved backwards */
  gboolean      seen;       /* the box was shown */
} Sight;

static void
on_bar_changed (GtkProgressBar *bar,
                GParamSpec     *pspec,
                Sight          *sight)
{
  const char *text = gtk_progress_bar_get_text (bar);
  double fraction = gtk_progress_bar_get_fraction (bar);

  if (fraction < sight->fraction)
    sight->went_back = TRUE;
  sight->fraction = MAX (sight->fraction, fraction);
  if (text != NULL && (sight->texts->len == 0 ||
                       g_strcmp0 (g_ptr_array_index (sight->texts, sight->texts->len - 1),
                                  text) != 0))
    g_ptr_array_add (sight->texts, g_strdup (text));
}

static void
on_box_visible (GtkWidget  *box,
                GParamSpec *pspec,
                Sight      *sight)
{
  if (gtk_widget_get_visible (box))
    sight->seen = TRUE;
}

/* Watches the window's upgrade box and bar from the moment it opens. */
static void
watch_upgrade (Sight        *sight,
               ErrataWindow *window)
{
  g_autoptr(GPtrArray) bars = NULL;
  GtkProgressBar *bar;

  sight->window = window;
  sight->texts = g_ptr_array_new_with_free_func (g_free);
  bar = errata_gui_test_find_first (GTK_WIDGET (window), GTK_TYPE_PROGRESS_BAR);
  g_assert_nonnull (bar);
  sight->bar = GTK_WIDGET (bar);
  sight->box = gtk_widget_get_parent (GTK_WIDGET (bar));
  g_signal_connect (bar, "notify::fraction", G_CALLBACK (on_bar_changed), sight);
  g_signal_connect (bar, "notify::text", G_CALLBACK (on_bar_changed), sight);
  g_signal_connect (sight->box, "notify::visible", G_CALLBACK (on_box_visible), sight);
}

static void
sight_clear (Sight *sight)
{
  g_signal_handlers_disconnect_by_data (sight->bar, sight);
  g_signal_handlers_disconnect_by_data (sight->box, sight);
  g_clear_pointer (&sight->texts, g_ptr_array_unref);
}

static gboolean
texts_include (Sight      *sight,
               const char *start)
{
  for (guint i = 0; i < sight->texts->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (sight->texts, i), start))
      return TRUE;
  return FALSE;
}

static gboolean
window_is_idle (gpointer window)
{
  return !errata_window_is_loading (window);
}

static gboolean
upgrade_shown (gpointer data)
{
  Sight *sight = data;

  return sight->seen && gtk_widget_get_mapped (sight->box);
}

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

/* The whole upgrade: the window says what it upgrades, the bar goes
 * through the phases up to the end, then the project opens; the toast
 * says where the old file is and offers to compact. */
static void
test_progress_shown (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_version_9_project (N_TRACES, &dir);
  Sight sight = { 0 };
  ErrataWindow *window;

  window = open_file (file);
  watch_upgrade (&sight, window);
  errata_gui_test_iterate_until (window_is_idle, window);
  g_assert_true (sight.seen);
  g_assert_false (sight.went_back);
  g_assert_cmpfloat (sight.fraction, ==, 1.0);
  g_assert_true (texts_include (&sight, "Keeping a copy of the old file"));
  g_assert_true (texts_include (&sight, "Compressing traces: 0 of 1"));
  /* Compacting is a step of its own now, offered afterwards. */
  g_assert_false (texts_include (&sight, "Compacting"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (sight.box))), ==,
                   "Upgrading “test.errata” to this version of Errata…");
  g_assert_nonnull (errata_window_get_project (window));
  g_assert_cmpint (errata_project_get_schema_version (errata_window_get_project (window)), ==,
                   ERRATA_PROJECT_SCHEMA_VERSION);

  sight_clear (&sight);
  destroy_all_windows ();
  errata_test_remove_tree (dir);
}

static const char *
toast_title (ErrataWindow *window)
{
  AdwToastOverlay *overlay = errata_gui_test_find_first (GTK_WIDGET (window),
                                                         ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast = overlay ? errata_toast_helper_get_toast (overlay) : NULL;

  return toast != NULL ? adw_toast_get_title (toast) : "";
}

static gboolean
button_is_insensitive (gpointer button)
{
  return !gtk_widget_is_sensitive (button);
}

/* Cancel (the button) while upgrading: back to the welcome page, a
 * toast says the project was left unchanged, and it was, to the byte. */
static void
test_cancel (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_version_9_project (N_TRACES, &dir);
  g_autofree char *before = errata_test_file_checksum (file);
  g_autofree char *after = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  sqlite3 *lock = errata_test_hold_write_lock (file);
  Sight sight = { 0 };
  ErrataWindow *window;
  GtkWidget *cancel;

  window = open_file (file);
  watch_upgrade (&sight, window);
  errata_gui_test_iterate_until (upgrade_shown, &sight);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, window);
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (window),
                                              "Upgrading “test.errata” to this version of Errata…"));

  /* Cancel has the focus: Enter or Space presses it (Escape is bound to
   * the same action). */
  cancel = gtk_widget_get_last_child (sight.box);
  g_assert_true (GTK_IS_BUTTON (cancel));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == cancel);
  g_assert_true (gtk_widget_is_sensitive (cancel));
  gtk_widget_activate (cancel);
  errata_gui_test_iterate_until (button_is_insensitive, cancel);
  texture = errata_gui_test_render_to_png (GTK_WIDGET (window), "upgrading.png");
  errata_test_release_write_lock (lock);

  errata_gui_test_iterate_until (window_is_idle, window);
  g_assert_null (errata_window_get_project (window));
  g_assert_null (errata_window_get_file (window));
  g_assert_cmpstr (toast_title (window), ==, "Upgrade cancelled: “test.errata” was left unchanged.");

  /* The window lets go of the file; then it is as it was. */
  g_clear_object (&texture);
  sight_clear (&sight);
  destroy_all_windows ();
  after = errata_test_file_checksum (file);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (errata_test_dir_holds_only (dir, "test.errata"));
  errata_test_remove_tree (dir);
}

/* The window's action (what Escape activates) cancels too. */
static void
test_cancel_action (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = errata_test_new_version_9_project (10, &dir);
  g_autofree char *before = errata_test_file_checksum (file);
  g_autofree char *after = NULL;
  sqlite3 *lock = errata_test_hold_write_lock (file);
  Sight sight = { 0 };
  ErrataWindow *window;

  window = open_file (file);
  watch_upgrade (&sight, window);
  errata_gui_test_iterate_until (upgrade_shown, &sight);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-open", NULL));
  errata_test_release_write_lock (lock);
  errata_gui_test_iterate_until (window_is_idle, window);
  g_assert_null (errata_window_get_project (window));
  g_assert_cmpstr (toast_title (window), ==, "Upgrade cancelled: “test.errata” was left unchanged.");

  sight_clear (&sight);
  destroy_all_windows ();
  after = errata_test_file_checksum (file);
  g_assert_cmpstr (after, ==, before);
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
  g_setenv ("ERRATA_BUSY_TIMEOUT_MS", "600000", TRUE);
  if (!gtk_init_check ())
    {
      g_test_add_func ("/window-upgrade/no-display", test_no_display);
      return g_test_run ();
    }
  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window-upgrade/progress-shown", test_progress_shown);
  g_test_add_func ("/window-upgrade/cancel", test_cancel);
  g_test_add_func ("/window-upgrade/cancel-action", test_cancel_action);
  return g_test_run ();
}
