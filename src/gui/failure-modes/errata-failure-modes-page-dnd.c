/* errata-failure-modes-page-dnd.c
 *
 * Drops on the page's "New failure mode" zone (the groups take their own
 * drops; both carry them out through canvas.* actions, see
 * errata-canvas-drop.c), and edge scrolling: a drag held near the top or
 * bottom edge of the scrolled modes scrolls them, so that every place a
 * card can go stays in reach of the pointer when there are more modes
 * than the grid shows at once.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-failure-modes-page-private.h"

#include <glib/gi18n.h>

/* ---- drag and drop ------------------------------------------------------ */

GdkDragAction
errata_failure_modes_page_drop_action (ErrataFailureModesPage *self,
                                       const GValue           *value,
                                       gint64                  target,
                                       GdkDragAction           offered)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), 0);
  return errata_canvas_drop_action (value, target, offered);
}

/* Where every drop lands: through the canvas.* actions, as the groups'
 * drops do. */
gboolean
errata_failure_modes_page_drop (ErrataFailureModesPage *self,
                                const GValue           *value,
                                gint64                  target,
                                GdkDragAction           action)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (self->taxonomy == NULL)
    return FALSE;
  return errata_canvas_drop (GTK_WIDGET (self), value, target, action);
}

static GdkDragAction
new_mode_motion (GtkDropTarget          *target,
                 double                  x,
                 double                  y,
                 ErrataFailureModesPage *self)
{
  GdkDrop *drop = gtk_drop_target_get_current_drop (target);
  GdkDragAction action = 0;

  if (drop)
    action = errata_failure_modes_page_drop_action (self, gtk_drop_target_get_value (target),
                                                    ERRATA_NEW_MODE, gdk_drop_get_actions (drop));
  if (action)
    gtk_widget_add_css_class (self->new_mode_button, "drop-target");
  else
    gtk_widget_remove_css_class (self->new_mode_button, "drop-target");
  return action;
}

static void
new_mode_leave (GtkDropTarget          *target,
                ErrataFailureModesPage *self)
{
  gtk_widget_remove_css_class (self->new_mode_button, "drop-target");
}

static gboolean
new_mode_drop (GtkDropTarget          *target,
               const GValue           *value,
               double                  x,
               double                  y,
               ErrataFailureModesPage *self)
{
  GdkDrop *drop = gtk_drop_target_get_current_drop (target);

  gtk_widget_remove_css_class (self->new_mode_button, "drop-target");
  return errata_failure_modes_page_drop (self, value, ERRATA_NEW_MODE,
                                         drop ? gdk_drop_get_actions (drop) : GDK_ACTION_MOVE);
}

/* Autoscroll --------------------------------------------------------------- */

/* How close to the canvas's edge a drag has to come to scroll it. */
#define AUTOSCROLL_EDGE 48
/* Pixels a second at the very edge: about 28 a frame at 60 Hz. */
#define AUTOSCROLL_MAX_SPEED 1700.0
/* A frame later than this (a stall) scrolls no further than this would:
 * the canvas must not leap under the pointer. */
#define AUTOSCROLL_MAX_STEP_US (G_USEC_PER_SEC / 10)

/* The step follows the frame clock's time, not the frame count, so the
 * speed is the same at 30, 60 or 144 frames a second. */
static gboolean
autoscroll_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  ErrataFailureModesPage *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->canvas_scroller);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  gint64 elapsed = self->autoscroll_time ? now - self->autoscroll_time : 0;

  self->autoscroll_time = now;
  elapsed = CLAMP (elapsed, 0, AUTOSCROLL_MAX_STEP_US);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                        self->autoscroll_speed * elapsed / G_USEC_PER_SEC);
  return G_SOURCE_CONTINUE;
}

void
_errata_failure_modes_page_stop_autoscroll (ErrataFailureModesPage *self)
{
  if (self->autoscroll_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->canvas_scroller), self->autoscroll_id);
  self->autoscroll_id = 0;
  self->autoscroll_speed = 0;
  self->autoscroll_time = 0;
}

/* The nearer the edge, the faster. */
static void
autoscroll_motion (GtkDropControllerMotion *motion,
                   double                   x,
                   double                   y,
                   ErrataFailureModesPage  *self)
{
  double height = gtk_widget_get_height (GTK_WIDGET (self->canvas_scroller));
  double speed = 0;

  if (y < AUTOSCROLL_EDGE)
    speed = -AUTOSCROLL_MAX_SPEED * MIN (AUTOSCROLL_EDGE - y, AUTOSCROLL_EDGE) / AUTOSCROLL_EDGE;
  else if (y > height - AUTOSCROLL_EDGE)
    speed = AUTOSCROLL_MAX_SPEED * MIN (y - (height - AUTOSCROLL_EDGE), AUTOSCROLL_EDGE) / AUTOSCROLL_EDGE;
  if (speed == 0)
    {
      _errata_failure_modes_page_stop_autoscroll (self);
      return;
    }
  self->autoscroll_speed = speed;
  if (self->autoscroll_id == 0)
    self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->canvas_scroller),
                                                        autoscroll_tick, self, NULL);
}

static void
setup_autoscroll (ErrataFailureModesPage *self)
{
  GtkEventController *motion = gtk_drop_controller_motion_new ();

  g_signal_connect (motion, "enter", G_CALLBACK (autoscroll_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (autoscroll_motion), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (_errata_failure_modes_page_stop_autoscroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas_scroller), motion);
}

/* The speed autoscroll runs at now, in pixels a second, for tests; 0 when
 * it is still. */
double
errata_failure_modes_page_get_autoscroll_speed (ErrataFailureModesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), 0);
  return self->autoscroll_speed;
}

GtkDropTarget *
errata_failure_modes_page_get_new_mode_target (ErrataFailureModesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), NULL);
  return self->new_mode_target;
}

static void
setup_new_mode_target (ErrataFailureModesPage *self)
{
  GType types[] = { ERRATA_TYPE_CARD_SET, ERRATA_TYPE_CARD_ITEM };

  self->new_mode_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_MOVE | GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (self->new_mode_target, types, G_N_ELEMENTS (types));
  gtk_drop_target_set_preload (self->new_mode_target, TRUE);
  g_signal_connect (self->new_mode_target, "enter", G_CALLBACK (new_mode_motion), self);
  g_signal_connect (self->new_mode_target, "motion", G_CALLBACK (new_mode_motion), self);
  g_signal_connect (self->new_mode_target, "leave", G_CALLBACK (new_mode_leave), self);
  g_signal_connect (self->new_mode_target, "drop", G_CALLBACK (new_mode_drop), self);
  gtk_widget_add_controller (self->new_mode_button, GTK_EVENT_CONTROLLER (self->new_mode_target));
}

void
_errata_failure_modes_page_setup_dnd (ErrataFailureModesPage *self)
{
  setup_new_mode_target (self);
  setup_autoscroll (self);
}
