/* test-trace-view-keys.c: Up and Down in the conversation, with real key
 * presses (XTest under Xvfb; without it the test skips).
 *
 * Down reads on through a message taller than the view before it moves
 * to the next message, and stops at the last one; Up moves back.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#ifdef HAVE_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#endif

#include "errata-gui-test-utils.h"
#include "errata-trace-view.h"

#define LONG_LINES 160

/* A question, an answer of LONG_LINES paragraphs (far taller than the
 * view), and a short follow-up. */
static ErrataTrace *
new_long_trace (void)
{
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  ErrataTrace *trace = errata_trace_new ();
  const char *roles[] = { "user", "assistant", "user" };

  for (guint i = 1; i <= LONG_LINES; i++)
    g_string_append_printf (answer, "Paragraph %u of a long answer.\n\n", i);
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, roles[i]);
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, i == 1 ? answer->str : "Thanks, and one more thing?");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  node = json_builder_get_root (builder);
  errata_trace_set_external_id (trace, "long-answer");
  errata_trace_set_source (trace, "test");
  errata_trace_set_messages (trace, json_node_get_array (node));
  return trace;
}

#ifdef HAVE_XTEST
static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (data);
}

static void
focus_window (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *display = gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface));

  /* No window manager under Xvfb: give the window the focus ourselves. */
  XSetInputFocus (display, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XFlush (display);
  errata_gui_test_iterate_until (window_is_active, window);
}

static gboolean
has_xtest (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  int event_base, error_base, major, minor;

  return GDK_IS_X11_DISPLAY (display) &&
         XTestQueryExtension (gdk_x11_display_get_xdisplay (display),
                              &event_base, &error_base, &major, &minor);
}

static guint n_keys_seen;

static gboolean
on_key_seen (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             gpointer               data)
{
  n_keys_seen++;
  return FALSE;
}

static gboolean
key_was_seen (gpointer data)
{
  return n_keys_seen > GPOINTER_TO_UINT (data);
}

/* Presses a key and waits until the window has handled it and drawn. */
static void
press (GtkWindow *window,
       KeySym     keysym)
{
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (window)));
  KeyCode keycode = XKeysymToKeycode (display, keysym);
  guint before = n_keys_seen;

  XTestFakeKeyEvent (display, keycode, True, CurrentTime);
  XTestFakeKeyEvent (display, keycode, False, CurrentTime);
  XFlush (display);
  errata_gui_test_iterate_until (key_was_seen, GUINT_TO_POINTER (before));
  errata_gui_test_wait_for_frame (GTK_WIDGET (window));
}

static GtkAdjustment *
vadjustment_of (ErrataTraceView *view)
{
  GtkScrolledWindow *scroller = errata_gui_test_find_with_class (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW,
                                                                 "conversation");

  return gtk_scrolled_window_get_vadjustment (scroller);
}

typedef struct
{
  ErrataTraceView *view;
  int              index;
} FocusWait;

static gboolean
message_has_focus (gpointer data)
{
  FocusWait *wait = data;
  GtkWidget *row = errata_trace_view_get_message_row (wait->view, wait->index);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (wait->view));

  return row != NULL && gtk_root_get_focus (root) == row;
}

/* The focused message's top is at the top of the view (12 px margin),
 * its rows built and laid out: what the view scrolls to. */
static gboolean
message_at_top (gpointer data)
{
  FocusWait *wait = data;
  GtkWidget *row = errata_trace_view_get_message_row (wait->view, wait->index);
  GtkAdjustment *adjustment = vadjustment_of (wait->view);
  graphene_point_t point;

  if (row == NULL || gtk_widget_get_height (row) == 0 ||
      !gtk_widget_compute_point (row, gtk_widget_get_parent (row), &GRAPHENE_POINT_INIT (0, 0), &point))
    return FALSE;
  return G_APPROX_VALUE (gtk_adjustment_get_value (adjustment), MAX (point.y - 12, 0), 1.0);
}

/* The scroll to a focused message has come to rest. */
static gboolean
scroll_settled (gpointer data)
{
  GtkAdjustment *adjustment = data;
  double value = gtk_adjustment_get_value (adjustment);
  double *last = g_object_get_data (G_OBJECT (adjustment), "test-last");
  gboolean settled = last != NULL && G_APPROX_VALUE (*last, value, 0.5);

  g_object_set_data_full (G_OBJECT (adjustment), "test-last", g_memdup2 (&value, sizeof value), g_free);
  errata_gui_test_iterate_for (50);
  return settled;
}
#endif

static void
test_read_on (void)
{
#ifdef HAVE_XTEST
  g_autoptr(ErrataTrace) trace = new_long_trace ();
  GtkWidget *window = gtk_window_new ();
  ErrataTraceView *view = ERRATA_TRACE_VIEW (errata_trace_view_new ());
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkAdjustment *adjustment;
  guint scrolled = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 700, 500);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  /* Counts every key the window gets, in the capture phase. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_seen), NULL);
  gtk_widget_add_controller (window, keys);
  gtk_window_present (GTK_WINDOW (window));
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, view);
  if (!has_xtest (window))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      g_test_skip ("needs an X server with the XTEST extension");
      return;
    }
  focus_window (GTK_WINDOW (window));
  errata_trace_view_set_trace (view, trace);
  adjustment = vadjustment_of (view);
  errata_trace_view_focus_message (view, 1);
  errata_gui_test_iterate_until (message_has_focus, &(FocusWait) { view, 1 });
  errata_gui_test_iterate_until (message_at_top, &(FocusWait) { view, 1 });
  errata_gui_test_iterate_until (scroll_settled, adjustment);

  /* Down reads on through the long answer, the focus staying on it... */
  for (guint i = 0; i < 200 && errata_trace_view_get_focused_message (view) == 1; i++)
    {
      double before = gtk_adjustment_get_value (adjustment);

      press (GTK_WINDOW (window), XK_Down);
      if (errata_trace_view_get_focused_message (view) == 1)
        {
          g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, before);
          scrolled++;
        }
    }
  /* ...many screens of it, then on to the next message. */
  g_assert_cmpuint (scrolled, >=, 5);
  errata_gui_test_iterate_until (message_has_focus, &(FocusWait) { view, 2 });

  /* The last message: Down stays. */
  press (GTK_WINDOW (window), XK_Down);
  g_assert_cmpint (errata_trace_view_get_focused_message (view), ==, 2);

  /* Up goes back to the long answer, scrolled to its start, and on up
   * to the question. */
  press (GTK_WINDOW (window), XK_Up);
  errata_gui_test_iterate_until (message_has_focus, &(FocusWait) { view, 1 });
  errata_gui_test_iterate_until (scroll_settled, adjustment);
  press (GTK_WINDOW (window), XK_Up);
  errata_gui_test_iterate_until (message_has_focus, &(FocusWait) { view, 0 });
  gtk_window_destroy (GTK_WINDOW (window));
#else
  g_test_skip ("built without XTest");
#endif
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
      g_test_add_func ("/trace-view-keys/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();
  g_test_add_func ("/trace-view-keys/read-on", test_read_on);
  return g_test_run ();
}
