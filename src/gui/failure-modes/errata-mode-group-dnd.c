/* errata-mode-group-dnd.c
 *
 * A group's side of drag and drop: the cards a drag of one card carries
 * (the selection when the card is in it), the group's header dragged onto
 * another group (a merge), and the drop target over the whole group,
 * which hands what it gets to errata-canvas-drop.c.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-mode-group-private.h"

#include "errata-canvas-drop.h"

/* ---- selection and drag content ----------------------------------------- */

static gboolean
find_visible (ErrataModeGroup *self,
              ErrataCardItem  *item,
              guint           *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ErrataCardItem) other = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (other == item)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

ErrataCardSet *
errata_mode_group_collect_cards (ErrataModeGroup *self,
                                 ErrataCardItem  *item)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);
  ErrataCardSet *set = errata_card_set_new (self->mode_id);
  guint position;

  g_return_val_if_fail (ERRATA_IS_MODE_GROUP (self), NULL);
  g_return_val_if_fail (ERRATA_IS_CARD_ITEM (item), NULL);

  if (find_visible (self, item, &position) && gtk_selection_model_is_selected (model, position))
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
      GtkBitsetIter iter;
      guint i;

      for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &i); ok;
           ok = gtk_bitset_iter_next (&iter, &i))
        {
          g_autoptr(ErrataCardItem) chosen = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

          errata_card_set_add (set, errata_card_item_get_annotation_id (chosen));
        }
    }
  else
    errata_card_set_add (set, errata_card_item_get_annotation_id (item));
  return set;
}

/* One card travels as its own ErrataCardItem; several as an ErrataCardSet. */
GdkContentProvider *
errata_mode_group_content_for (ErrataModeGroup *self,
                               ErrataCardItem  *item)
{
  g_autoptr(ErrataCardSet) set = errata_mode_group_collect_cards (self, item);
  guint n;

  errata_card_set_get_cards (set, &n);
  if (n == 1)
    return gdk_content_provider_new_typed (ERRATA_TYPE_CARD_ITEM, item);
  return gdk_content_provider_new_typed (ERRATA_TYPE_CARD_SET, set);
}

void
errata_mode_group_unselect_all (ErrataModeGroup *self)
{
  g_return_if_fail (ERRATA_IS_MODE_GROUP (self));
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

/* ---- drag and drop ------------------------------------------------------ */

static GdkDragAction
drop_motion (GtkDropTarget *target,
             double         x,
             double         y,
             gpointer       user_data)
{
  ErrataModeGroup *self = user_data;
  GdkDrop *drop = gtk_drop_target_get_current_drop (target);
  const GValue *value = gtk_drop_target_get_value (target);
  GdkDragAction action = 0;

  if (drop)
    action = errata_canvas_drop_action (value, self->mode_id, gdk_drop_get_actions (drop));
  if (action != 0)
    gtk_widget_add_css_class (self->column, "drop-target");
  else
    gtk_widget_remove_css_class (self->column, "drop-target");
  return action;
}

static void
drop_leave (GtkDropTarget *target,
            gpointer       user_data)
{
  ErrataModeGroup *self = user_data;

  gtk_widget_remove_css_class (self->column, "drop-target");
}

/* The real drop handler; tests emit "drop" to drive it. */
static gboolean
drop_done (GtkDropTarget *target,
           const GValue  *value,
           double         x,
           double         y,
           gpointer       user_data)
{
  ErrataModeGroup *self = user_data;
  GdkDrop *drop = gtk_drop_target_get_current_drop (target);

  gtk_widget_remove_css_class (self->column, "drop-target");
  return errata_canvas_drop (GTK_WIDGET (self), value, self->mode_id,
                             drop ? gdk_drop_get_actions (drop) : GDK_ACTION_MOVE);
}

GtkDropTarget *
errata_mode_group_get_drop_target (ErrataModeGroup *self)
{
  g_return_val_if_fail (ERRATA_IS_MODE_GROUP (self), NULL);
  return self->drop_target;
}

static GdkContentProvider *
header_drag_prepare (GtkDragSource *source,
                     double         x,
                     double         y,
                     gpointer       user_data)
{
  ErrataModeGroup *self = user_data;

  if (self->mode_id == ERRATA_UNSORTED || errata_mode_group_is_editing (self))
    return NULL;
  return gdk_content_provider_new_typed (ERRATA_TYPE_MODE_GROUP, self);
}

static void
header_drag_begin (GtkDragSource *source,
                   GdkDrag       *drag,
                   gpointer       user_data)
{
  ErrataModeGroup *self = user_data;
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (self->header);

  gtk_drag_source_set_icon (source, icon, 16, 16);
}

void
_errata_mode_group_setup_dnd (ErrataModeGroup *self)
{
  GType types[] = { ERRATA_TYPE_CARD_SET, ERRATA_TYPE_CARD_ITEM, ERRATA_TYPE_MODE_GROUP };
  GtkDragSource *source = gtk_drag_source_new ();

  self->drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_MOVE | GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (self->drop_target, types, G_N_ELEMENTS (types));
  /* The value is needed while hovering, to tell where a drop would land. */
  gtk_drop_target_set_preload (self->drop_target, TRUE);
  g_signal_connect (self->drop_target, "enter", G_CALLBACK (drop_motion), self);
  g_signal_connect (self->drop_target, "motion", G_CALLBACK (drop_motion), self);
  g_signal_connect (self->drop_target, "leave", G_CALLBACK (drop_leave), self);
  g_signal_connect (self->drop_target, "drop", G_CALLBACK (drop_done), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drop_target));

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (header_drag_prepare), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (header_drag_begin), self);
  gtk_widget_add_controller (self->header, GTK_EVENT_CONTROLLER (source));
}

