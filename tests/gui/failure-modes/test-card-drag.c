/* test-card-drag.c: a real pointer drag of a note card, through the X
 * server (XTest under Xvfb): press on a card in Unsorted, move onto a
 * failure mode, release. Emitting GtkDropTarget::drop, as the page's
 * other tests do, never runs the drag source's drag-end; this does, with
 * G_DEBUG=fatal-criticals as the test environment sets it, so a drag-end
 * that touches the card the drop destroyed fails here. One real drag per
 * drag source: a card onto a failure mode and onto New Failure Mode, a
 * failure mode's header onto another (a merge).
 *
 * Each drag runs in a process of its own: GTK 4.8's X11 backend keeps
 * the drop object of every drag but the last one in a process (seen with
 * LeakSanitizer: n drags, n - 1 objects of 112 bytes, made under
 * gdkdrop-x11.c), which would fail the sanitizer run for GTK's leak,
 * not ours. One drag a process, our own leaks still show.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "canvas-fixture.h"
#include "errata-gui-test-utils.h"
#include "errata-note-card.h"

#ifdef HAVE_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#endif

static const guint two_counts[] = { 3, 2 };

static const CanvasContent two_modes = {
  .n_modes = 2,
  .notes_per_mode = two_counts,
  .n_unsorted_fail = 4,
  .n_unsorted_unset = 0,
  .n_unsorted_pass = 0,
};

#ifdef HAVE_XTEST
static gboolean
has_xtest (GdkDisplay *display)
{
  int event_base, error_base, major, minor;

  return GDK_IS_X11_DISPLAY (display) &&
         XTestQueryExtension (gdk_x11_display_get_xdisplay (display),
                              &event_base, &error_base, &major, &minor);
}

/* Where the middle of `widget` is on the X screen. */
static void
screen_centre (GtkWidget *widget,
               int       *x,
               int       *y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  Display *display = gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface));
  graphene_point_t centre = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                 gtk_widget_get_height (widget) / 2.0);
  graphene_point_t in_native;
  double surface_x, surface_y;
  int root_x, root_y;
  Window child;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &centre, &in_native));
  gtk_native_get_surface_transform (native, &surface_x, &surface_y);
  XTranslateCoordinates (display, gdk_x11_surface_get_xid (surface), DefaultRootWindow (display),
                         0, 0, &root_x, &root_y, &child);
  *x = root_x + (int)(surface_x + in_native.x);
  *y = root_y + (int)(surface_y + in_native.y);
}

/* Moves the pointer in small steps, as a hand does, letting GTK see each. */
static void
glide (Display *display,
       int      from_x,
       int      from_y,
       int      to_x,
       int      to_y)
{
  const int steps = 24;

  for (int i = 1; i <= steps; i++)
    {
      XTestFakeMotionEvent (display, -1, from_x + (to_x - from_x) * i / steps,
                            from_y + (to_y - from_y) * i / steps, CurrentTime);
      XFlush (display);
      errata_gui_test_iterate_for (15);
    }
}

static GtkDragSource *
find_drag_source (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DRAG_SOURCE (controller))
        return GTK_DRAG_SOURCE (controller);
    }
  return NULL;
}

static gboolean
is_drop_target (gpointer data)
{
  return errata_gui_test_find_with_class (data, GTK_TYPE_BOX, "drop-target") != NULL;
}

typedef struct
{
  GListModel *cards;
  guint       n;
} CountWatch;

static gboolean
has_n_cards (gpointer data)
{
  CountWatch *watch = data;

  return g_list_model_get_n_items (watch->cards) == watch->n;
}

static gboolean
drag_is_over (gpointer data)
{
  return gtk_drag_source_get_drag (data) == NULL;
}

static gboolean
button_is_drop_target (gpointer data)
{
  return gtk_widget_has_css_class (data, "drop-target");
}

/* Presses on `from`, glides onto `to`, waits until `to` shows it takes
 * the drop, releases. Returns the drag source, whose drag may still be
 * ending. */
static GtkEventController *
real_drag (GtkWidget              *from,
           GtkWidget              *to,
           GtkWidget              *source_widget,
           ErrataGuiTestCondition  over_target,
           gpointer                target_data)
{
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (from));
  GtkEventController *source = g_object_ref (GTK_EVENT_CONTROLLER (find_drag_source (source_widget)));
  int from_x, from_y, to_x, to_y;

  screen_centre (from, &from_x, &from_y);
  screen_centre (to, &to_x, &to_y);
  XTestFakeMotionEvent (display, -1, from_x, from_y, CurrentTime);
  XFlush (display);
  errata_gui_test_iterate_for (50);
  XTestFakeButtonEvent (display, 1, True, CurrentTime);
  XFlush (display);
  errata_gui_test_iterate_for (50);
  glide (display, from_x, from_y, to_x, to_y);
  errata_gui_test_iterate_until (over_target, target_data);
  XTestFakeButtonEvent (display, 1, False, CurrentTime);
  XFlush (display);
  return source;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
n_groups_is (gpointer data)
{
  CanvasFixture *fixture = data;
  g_autoptr(GPtrArray) modes = errata_taxonomy_list_modes (errata_failure_modes_page_get_taxonomy (fixture->page), NULL);

  return modes->len == fixture->modes->len - 1;
}

static ErrataNoteCardWidget *
first_card (ErrataModeGroup *group)
{
  g_autoptr(GPtrArray) cards = errata_gui_test_find_visible (GTK_WIDGET (group),
                                                            ERRATA_TYPE_NOTE_CARD_WIDGET);

  g_assert_cmpuint (cards->len, >, 0);
  return cards->pdata[0];
}
#endif

/* A card dragged from Unsorted onto a failure mode lands there, and the
 * drag ends without a warning (the card it started on is gone by then). */
static void
test_real_drag (void)
{
#ifdef HAVE_XTEST
  CanvasFixture fixture = { 0 };
  ErrataModeGroup *unsorted, *target;
  ErrataNoteCardWidget *card;
  g_autoptr(GtkEventController) source = NULL;
  GdkDisplay *gdk_display = gdk_display_get_default ();
  Display *display;
  CountWatch moved;
  int from_x, from_y, to_x, to_y;

  if (!has_xtest (gdk_display))
    {
      g_test_skip ("needs an X server with the XTEST extension");
      return;
    }
  display = gdk_x11_display_get_xdisplay (gdk_display);
  canvas_fixture_set_up (&fixture, &two_modes, 1280, 800);
  unsorted = errata_failure_modes_page_get_group (fixture.page, ERRATA_UNSORTED);
  target = canvas_fixture_group (&fixture, 1);
  g_assert_cmpuint (g_list_model_get_n_items (errata_mode_group_get_cards (target)), ==, 2);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, unsorted);

  card = first_card (unsorted);
  source = g_object_ref (GTK_EVENT_CONTROLLER (find_drag_source (GTK_WIDGET (card))));
  screen_centre (GTK_WIDGET (card), &from_x, &from_y);
  screen_centre (GTK_WIDGET (target), &to_x, &to_y);

  XTestFakeMotionEvent (display, -1, from_x, from_y, CurrentTime);
  XFlush (display);
  errata_gui_test_iterate_for (50);
  XTestFakeButtonEvent (display, 1, True, CurrentTime);
  XFlush (display);
  errata_gui_test_iterate_for (50);
  glide (display, from_x, from_y, to_x, to_y);
  errata_gui_test_iterate_until (is_drop_target, target);
  XTestFakeButtonEvent (display, 1, False, CurrentTime);
  XFlush (display);

  moved.cards = errata_mode_group_get_cards (target);
  moved.n = 3;
  errata_gui_test_iterate_until (has_n_cards, &moved);
  moved.cards = errata_mode_group_get_cards (unsorted);
  moved.n = 3;
  errata_gui_test_iterate_until (has_n_cards, &moved);
  /* drag-end comes after the drop: wait for it, and a while more. */
  errata_gui_test_iterate_until (drag_is_over, source);
  errata_gui_test_iterate_for (200);
  g_assert_false (is_drop_target (target));
  g_assert_null (errata_gui_test_find_with_class (GTK_WIDGET (fixture.page),
                                                  ERRATA_TYPE_NOTE_CARD_WIDGET, "dragged"));
  canvas_fixture_tear_down (&fixture);
#else
  g_test_skip ("built without XTest");
#endif
}

/* A card onto New Failure Mode: a mode is made from it, its name ready
 * for typing. */
static void
test_real_drag_new_mode (void)
{
#ifdef HAVE_XTEST
  CanvasFixture fixture = { 0 };
  ErrataModeGroup *unsorted;
  GtkWidget *new_mode;
  ErrataNoteCardWidget *card;
  g_autoptr(GtkEventController) source = NULL;
  g_autoptr(GPtrArray) modes = NULL;

  if (!has_xtest (gdk_display_get_default ()))
    {
      g_test_skip ("needs an X server with the XTEST extension");
      return;
    }
  canvas_fixture_set_up (&fixture, &two_modes, 1280, 800);
  unsorted = errata_failure_modes_page_get_group (fixture.page, ERRATA_UNSORTED);
  new_mode = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (errata_failure_modes_page_get_new_mode_target (fixture.page)));
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, unsorted);
  card = first_card (unsorted);
  source = real_drag (GTK_WIDGET (card), new_mode, GTK_WIDGET (card), button_is_drop_target,
                      new_mode);
  errata_gui_test_iterate_until (drag_is_over, source);
  errata_gui_test_iterate_for (200);
  modes = errata_taxonomy_list_modes (errata_failure_modes_page_get_taxonomy (fixture.page), NULL);
  g_assert_cmpuint (modes->len, ==, 3);
  g_assert_false (gtk_widget_has_css_class (new_mode, "drop-target"));
  canvas_fixture_tear_down (&fixture);
#else
  g_test_skip ("built without XTest");
#endif
}

/* A failure mode's header onto another: asked, merged; the group the
 * drag started on is gone when the drag ends. */
static void
test_real_drag_merge (void)
{
#ifdef HAVE_XTEST
  CanvasFixture fixture = { 0 };
  ErrataModeGroup *dragged, *target;
  GtkWidget *header;
  g_autoptr(GtkEventController) source = NULL;

  if (!has_xtest (gdk_display_get_default ()))
    {
      g_test_skip ("needs an X server with the XTEST extension");
      return;
    }
  canvas_fixture_set_up (&fixture, &two_modes, 1280, 800);
  dragged = canvas_fixture_group (&fixture, 0);
  target = canvas_fixture_group (&fixture, 1);
  header = errata_mode_group_get_header (dragged);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, header);
  /* The title, not the menu button at the header's end. */
  source = real_drag (errata_gui_test_find_first (header, GTK_TYPE_LABEL), GTK_WIDGET (target),
                      header, is_drop_target, target);
  errata_gui_test_iterate_until (dialog_shown, NULL);
  adw_message_dialog_response (find_message_dialog (), "merge");
  errata_gui_test_iterate_until (n_groups_is, &fixture);
  errata_gui_test_iterate_until (drag_is_over, source);
  errata_gui_test_iterate_for (200);
  g_assert_cmpuint (g_list_model_get_n_items (errata_mode_group_get_cards (target)), ==, 5);
  canvas_fixture_tear_down (&fixture);
#else
  g_test_skip ("built without XTest");
#endif
}

typedef void (*DragTest) (void);

static void
run_alone (gconstpointer data)
{
  DragTest test = (DragTest) data;

  if (g_test_subprocess ())
    {
      test ();
      return;
    }
#ifdef HAVE_XTEST
  if (!has_xtest (gdk_display_get_default ()))
    {
      g_test_skip ("needs an X server with the XTEST extension");
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
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
      g_test_add_func ("/card-drag/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();
  g_test_add_data_func ("/card-drag/real-drag", test_real_drag, run_alone);
  g_test_add_data_func ("/card-drag/real-drag-new-mode", test_real_drag_new_mode, run_alone);
  g_test_add_data_func ("/card-drag/real-drag-merge", test_real_drag_merge, run_alone);
  return g_test_run ();
}
