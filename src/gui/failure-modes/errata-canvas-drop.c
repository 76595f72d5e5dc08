/* errata-canvas-drop.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-canvas-drop.h"

#include "errata-mode-group.h"

/* The cards a drop value carries, or NULL when it carries a group. */
static ErrataCardSet *
cards_from_value (const GValue *value)
{
  if (G_VALUE_HOLDS (value, ERRATA_TYPE_CARD_SET) && g_value_get_boxed (value))
    return errata_card_set_ref (g_value_get_boxed (value));
  if (G_VALUE_HOLDS (value, ERRATA_TYPE_CARD_ITEM) && g_value_get_object (value))
    {
      ErrataCardItem *item = g_value_get_object (value);
      ErrataCardSet *set = errata_card_set_new (errata_card_item_get_mode_id (item));

      errata_card_set_add (set, errata_card_item_get_annotation_id (item));
      return set;
    }
  return NULL;
}

static ErrataModeGroup *
group_from_value (const GValue *value)
{
  if (value && G_VALUE_HOLDS (value, ERRATA_TYPE_MODE_GROUP))
    return g_value_get_object (value);
  return NULL;
}

GdkDragAction
errata_canvas_drop_action (const GValue  *value,
                           gint64         target,
                           GdkDragAction  offered)
{
  g_autoptr(ErrataCardSet) cards = NULL;
  ErrataModeGroup *group;

  /* Still loading: accept for now, the drop decides. */
  if (value == NULL)
    return offered & GDK_ACTION_MOVE ? GDK_ACTION_MOVE : offered & GDK_ACTION_COPY;
  group = group_from_value (value);
  if (group)
    {
      gint64 source = errata_mode_group_get_mode_id (group);

      return target > 0 && target != source ? GDK_ACTION_MOVE : 0;
    }
  cards = cards_from_value (value);
  if (cards == NULL || errata_card_set_get_from_mode (cards) == target)
    return 0;
  /* Ctrl held: the drag offers only COPY (GDK picks it from modifiers). */
  if (offered == GDK_ACTION_COPY && target != ERRATA_UNSORTED)
    return GDK_ACTION_COPY;
  return GDK_ACTION_MOVE;
}

gboolean
errata_canvas_move_cards (GtkWidget     *widget,
                          ErrataCardSet *cards,
                          gint64         to_mode,
                          gboolean       copy)
{
  const gint64 *ids;
  guint n;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (cards != NULL, FALSE);

  ids = errata_card_set_get_cards (cards, &n);
  return gtk_widget_activate_action (widget, "canvas.move-cards", "(x@axxb)",
                                     errata_card_set_get_from_mode (cards),
                                     g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids, n,
                                                                sizeof (gint64)),
                                     to_mode, copy);
}

ErrataCardSet *
errata_canvas_cards_from_variant (GVariant *parameter,
                                  gint64   *to_mode,
                                  gboolean *copy)
{
  g_autoptr(GVariant) array = NULL;
  ErrataCardSet *cards;
  const gint64 *ids;
  gint64 from;
  gsize n;

  g_variant_get (parameter, "(x@axxb)", &from, &array, to_mode, copy);
  cards = errata_card_set_new (from);
  ids = g_variant_get_fixed_array (array, &n, sizeof (gint64));
  for (gsize i = 0; i < n; i++)
    errata_card_set_add (cards, ids[i]);
  return cards;
}

/* Cards onto a place (copied when the drop's action is COPY only), or a
 * group onto another (merged, after asking). */
gboolean
errata_canvas_drop (GtkWidget     *widget,
                    const GValue  *value,
                    gint64         target,
                    GdkDragAction  action)
{
  g_autoptr(ErrataCardSet) cards = NULL;
  ErrataModeGroup *group;
  gboolean copy;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  group = group_from_value (value);
  if (group)
    {
      gint64 source = errata_mode_group_get_mode_id (group);

      if (target <= 0 || target == source)
        return FALSE;
      return gtk_widget_activate_action (widget, "canvas.merge-modes", "(xx)", source, target);
    }
  cards = cards_from_value (value);
  if (cards == NULL || errata_card_set_get_from_mode (cards) == target)
    return FALSE;
  copy = (action & GDK_ACTION_COPY) && !(action & GDK_ACTION_MOVE);
  return errata_canvas_move_cards (widget, cards, target, copy);
}
