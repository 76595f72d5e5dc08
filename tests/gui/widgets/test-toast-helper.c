/* test-toast-helper.c: one toast per overlay, updated in place; its text
 * escaped; its button runs its action; a hide waits for the show
 * animation; and closing the window while toasts come and go does not
 * touch freed memory (run under several MALLOC_PERTURB_ values).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "errata-gui-test-utils.h"
#include "errata-toast-helper.h"

typedef struct
{
  GtkWindow       *window;
  AdwToastOverlay *overlay;
  guint            undone;
  GVariant        *undo_target;
} Fixture;

static void
undo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  Fixture *fixture = user_data;

  fixture->undone++;
  g_clear_pointer (&fixture->undo_target, g_variant_unref);
  if (parameter)
    fixture->undo_target = g_variant_ref (parameter);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) undo = g_simple_action_new ("undo", G_VARIANT_TYPE_STRING);

  g_signal_connect (undo, "activate", G_CALLBACK (undo_activated), fixture);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (undo));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 600, 400);
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (fixture->overlay, gtk_label_new ("content"));
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "test", G_ACTION_GROUP (group));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->overlay));
  gtk_window_present (fixture->window);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->overlay);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window)
    gtk_window_destroy (fixture->window);
  errata_gui_test_iterate_for (50);
  g_clear_pointer (&fixture->undo_target, g_variant_unref);
}

/* The toast widgets the overlay holds (shown or hiding). */
static guint
count_toast_widgets (Fixture *fixture)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->overlay)); child;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_css_name (child), "toast") == 0)
      n++;
  return n;
}

static gboolean
toast_gone (gpointer data)
{
  Fixture *fixture = data;

  return !errata_toast_helper_is_shown (fixture->overlay) && count_toast_widgets (fixture) == 0;
}

static void
test_one_toast (Fixture       *fixture,
                gconstpointer  data)
{
  AdwToast *toast;

  g_assert_null (errata_toast_helper_get_toast (fixture->overlay));
  errata_toast_helper_show (fixture->overlay, "Moved 1 note to “A & <B>”");
  toast = errata_toast_helper_get_toast (fixture->overlay);
  g_assert_nonnull (toast);
  g_assert_true (errata_toast_helper_is_shown (fixture->overlay));
  /* Titles are markup: the text reaches it escaped. */
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Moved 1 note to “A &amp; &lt;B&gt;”");
  g_assert_null (adw_toast_get_button_label (toast));

  /* Twenty messages in a row: the same toast, the last text, one widget. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *text = g_strdup_printf ("Message %u", i);

      errata_toast_helper_show_with_action (fixture->overlay, text, "_Undo", "test.undo",
                                            g_variant_new_string ("move"));
      errata_gui_test_iterate_for (10);
    }
  g_assert_true (errata_toast_helper_get_toast (fixture->overlay) == toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Message 19");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "test.undo");
  g_assert_cmpstr (g_variant_get_string (adw_toast_get_action_target_value (toast), NULL), ==, "move");
  g_assert_cmpuint (count_toast_widgets (fixture), ==, 1);

  /* A message without a button takes the button away. */
  errata_toast_helper_show (fixture->overlay, "Exported");
  g_assert_null (adw_toast_get_button_label (toast));
  g_assert_null (adw_toast_get_action_name (toast));
}

static void
test_button_runs_action (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkButton *button;

  errata_toast_helper_show_with_action (fixture->overlay, "Deleted “A”", "_Undo", "test.undo",
                                        g_variant_new_string ("delete"));
  errata_gui_test_iterate_for (50);
  button = errata_gui_test_find_button (GTK_WIDGET (fixture->overlay), "Undo");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (fixture->undone, ==, 1);
  g_assert_cmpstr (g_variant_get_string (fixture->undo_target, NULL), ==, "delete");
  /* The toast goes, and a later message brings it back. */
  errata_gui_test_iterate_until (toast_gone, fixture);
  errata_toast_helper_show (fixture->overlay, "Again");
  g_assert_true (errata_toast_helper_is_shown (fixture->overlay));
  errata_gui_test_iterate_for (50);
  g_assert_cmpuint (count_toast_widgets (fixture), ==, 1);
}

/* A hide right after a show waits for the show animation, then happens. */
static void
test_hide (Fixture       *fixture,
           gconstpointer  data)
{
  errata_toast_helper_hide (fixture->overlay);
  errata_toast_helper_show (fixture->overlay, "Moved");
  errata_toast_helper_hide (fixture->overlay);
  /* Still up while its show animation can run. */
  g_assert_true (errata_toast_helper_is_shown (fixture->overlay));
  errata_gui_test_iterate_until (toast_gone, fixture);

  /* Shown again after a hide was asked for: it stays. */
  errata_toast_helper_show (fixture->overlay, "Moved");
  errata_toast_helper_hide (fixture->overlay);
  errata_toast_helper_show (fixture->overlay, "Moved again");
  errata_gui_test_iterate_for (1000);
  g_assert_true (errata_toast_helper_is_shown (fixture->overlay));
  g_assert_cmpuint (count_toast_widgets (fixture), ==, 1);
}

/* The sequence that crashed libadwaita 1.2 with a new toast per message:
 * a message, another at once (the first hides, the second shows for
 * 500 ms), a third within 200 ms; then the window closes at some point
 * of the animations. */
static void
test_close_while_animating (void)
{
  static const guint delays_ms[] = { 0, 100, 250, 450 };

  for (guint i = 0; i < G_N_ELEMENTS (delays_ms); i++)
    {
      Fixture fixture = { 0 };

      fixture_set_up (&fixture, NULL);
      errata_gui_test_iterate_for (20);
      errata_toast_helper_show_with_action (fixture.overlay, "One", "_Undo", "test.undo",
                                            g_variant_new_string ("1"));
      errata_gui_test_iterate_for (20);
      errata_toast_helper_show (fixture.overlay, "Two");
      errata_gui_test_iterate_for (50);
      errata_toast_helper_hide (fixture.overlay);
      errata_toast_helper_show (fixture.overlay, "Three");
      errata_toast_helper_hide (fixture.overlay);
      errata_gui_test_iterate_for (delays_ms[i]);
      gtk_window_destroy (fixture.window);
      fixture.window = NULL;
      fixture_tear_down (&fixture, NULL);
    }
}

static const char *const perturb_values[] = { "11", "50", "99", "172", "200" };

/* Freed memory only shows when it is overwritten: glibc does that with
 * MALLOC_PERTURB_ set, read when the process starts, so each value runs
 * the test in a subprocess of its own. */
static void
test_close_while_animating_perturbed (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("MALLOC_PERTURB_"));

  if (g_test_subprocess ())
    {
      test_close_while_animating ();
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (perturb_values); i++)
    {
      g_test_message ("MALLOC_PERTURB_=%s", perturb_values[i]);
      g_setenv ("MALLOC_PERTURB_", perturb_values[i], TRUE);
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
    }
  if (saved)
    g_setenv ("MALLOC_PERTURB_", saved, TRUE);
  else
    g_unsetenv ("MALLOC_PERTURB_");
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
      g_test_add_func ("/toast-helper/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();

  g_test_add ("/toast-helper/one-toast", Fixture, NULL, fixture_set_up, test_one_toast,
              fixture_tear_down);
  g_test_add ("/toast-helper/button-runs-action", Fixture, NULL, fixture_set_up,
              test_button_runs_action, fixture_tear_down);
  g_test_add ("/toast-helper/hide", Fixture, NULL, fixture_set_up, test_hide, fixture_tear_down);
  g_test_add_func ("/toast-helper/close-while-animating", test_close_while_animating_perturbed);
  return g_test_run ();
}
