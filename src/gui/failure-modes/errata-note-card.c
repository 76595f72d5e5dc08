/* errata-note-card.c
 *
 * A card is drawn for whatever ErrataCardItem the list view binds to it,
 * so it keeps no state of its own: what it moves and where comes from the
 * item, its group (the selection, the menu) and the page's canvas.*
 * actions (the model operations), which it activates by name.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-note-card.h"

#include "errata-canvas-drop.h"
#include "errata-mode-group.h"

/* Room around the card in the drag icon for its shadow and count badge,
 * where the drag surface can be translucent. */
#define DRAG_ICON_MARGIN 12

struct _ErrataNoteCardWidget
{
  GtkWidget       parent_instance;

  ErrataCardItem *item;
  gulong          verdict_handler;
  double          drag_x;   /* where the drag started, in the card */
  double          drag_y;

  GtkWidget      *box;
  GtkLabel       *verdict_label;
  GtkMenuButton  *menu_button;
};

G_DEFINE_FINAL_TYPE (ErrataNoteCardWidget, errata_note_card_widget, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_verdict (ErrataNoteCardWidget *self)
{
  ErrataVerdict verdict = self->item ? errata_card_item_get_verdict (self->item)
                                     : ERRATA_VERDICT_UNSET;
  GtkWidget *label = GTK_WIDGET (self->verdict_label);

  gboolean imported = self->item != NULL && errata_card_item_get_imported (self->item);
  g_autofree char *tooltip = NULL;

  gtk_widget_remove_css_class (label, "pass");
  gtk_widget_remove_css_class (label, "fail");
  gtk_widget_set_visible (label, verdict != ERRATA_VERDICT_UNSET);
  /* An imported label's note says so: it is not anyone's review. */
  if (verdict == ERRATA_VERDICT_PASS)
    {
      gtk_label_set_label (self->verdict_label, imported ? C_("verdict", "Imported Pass")
                                                         : C_("verdict", "Pass"));
      gtk_widget_add_css_class (label, "pass");
    }
  else if (verdict == ERRATA_VERDICT_FAIL)
    {
      gtk_label_set_label (self->verdict_label, imported ? C_("verdict", "Imported Fail")
                                                         : C_("verdict", "Fail"));
      gtk_widget_add_css_class (label, "fail");
    }
  if (imported)
    /* Translators: %s is the file the label came in (or the name given
     * with --annotator). */
    tooltip = g_strdup_printf (_("Imported label from %s, not a review"),
                               errata_card_item_get_annotator (self->item));
  else if (self->item != NULL)
    /* Translators: %s is the reviewer's name. */
    tooltip = g_strdup_printf (_("Review by %s"), errata_card_item_get_annotator (self->item));
  gtk_widget_set_tooltip_text (label, tooltip);
}

static void
update_accessible (ErrataNoteCardWidget *self)
{
  g_autofree char *label = NULL;

  if (self->item == NULL)
    return;
  /* Translators: a note card as a screen reader reads it: note, trace id. */
  label = g_strdup_printf (_("%s, trace %s"), errata_card_item_get_note (self->item),
                           errata_card_item_get_external_id (self->item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

void
errata_note_card_widget_set_item (ErrataNoteCardWidget *self,
                                  ErrataCardItem       *item)
{
  g_return_if_fail (ERRATA_IS_NOTE_CARD_WIDGET (self));
  g_return_if_fail (item == NULL || ERRATA_IS_CARD_ITEM (item));

  if (self->item == item)
    return;
  if (self->item)
    g_clear_signal_handler (&self->verdict_handler, self->item);
  g_set_object (&self->item, item);
  if (item)
    self->verdict_handler = g_signal_connect_object (item, "notify::verdict",
                                                     G_CALLBACK (update_verdict), self,
                                                     G_CONNECT_SWAPPED);
  update_verdict (self);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

ErrataCardItem *
errata_note_card_widget_get_item (ErrataNoteCardWidget *self)
{
  g_return_val_if_fail (ERRATA_IS_NOTE_CARD_WIDGET (self), NULL);
  return self->item;
}

/* The group the card is shown in (its list's owner), if any. */
static ErrataModeGroup *
get_group (ErrataNoteCardWidget *self)
{
  return (ErrataModeGroup *)gtk_widget_get_ancestor (GTK_WIDGET (self), ERRATA_TYPE_MODE_GROUP);
}

/* The cards an action on this card applies to: the group's selection when
 * this card is part of it, otherwise the card alone. */
static ErrataCardSet *
collect_cards (ErrataNoteCardWidget *self)
{
  ErrataModeGroup *group = get_group (self);

  if (self->item == NULL || group == NULL)
    return NULL;
  return errata_mode_group_collect_cards (group, self->item);
}

static void
move_or_copy (ErrataNoteCardWidget *self,
              GVariant             *target,
              gboolean              copy)
{
  g_autoptr(ErrataCardSet) set = collect_cards (self);

  if (set != NULL)
    errata_canvas_move_cards (GTK_WIDGET (self), set, g_variant_get_int64 (target), copy);
}

static void
move_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *target)
{
  move_or_copy (ERRATA_NOTE_CARD_WIDGET (widget), target, FALSE);
}

static void
copy_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *target)
{
  move_or_copy (ERRATA_NOTE_CARD_WIDGET (widget), target, TRUE);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *target)
{
  ErrataNoteCardWidget *self = ERRATA_NOTE_CARD_WIDGET (widget);

  if (self->item)
    gtk_widget_activate_action (widget, "canvas.open-trace", "x",
                                errata_card_item_get_trace_id (self->item));
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *target)
{
  errata_note_card_widget_popup_menu (ERRATA_NOTE_CARD_WIDGET (widget));
}

/* The menu lists the modes as they are when it opens. */
static void
create_menu (GtkMenuButton *button,
             gpointer       user_data)
{
  ErrataNoteCardWidget *self = user_data;
  ErrataModeGroup *group = get_group (self);

  if (group == NULL || self->item == NULL)
    return;
  gtk_menu_button_set_menu_model (button, errata_mode_group_get_move_menu (group));
}

void
errata_note_card_widget_popup_menu (ErrataNoteCardWidget *self)
{
  g_return_if_fail (ERRATA_IS_NOTE_CARD_WIDGET (self));
  gtk_menu_button_popup (self->menu_button);
}

gboolean
errata_note_card_widget_menu_is_open (ErrataNoteCardWidget *self)
{
  GtkPopover *popover;

  g_return_val_if_fail (ERRATA_IS_NOTE_CARD_WIDGET (self), FALSE);
  popover = gtk_menu_button_get_popover (self->menu_button);
  return popover != NULL && gtk_widget_get_visible (GTK_WIDGET (popover));
}

static void
secondary_click (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 gpointer         user_data)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  errata_note_card_widget_popup_menu (user_data);
}

static GdkContentProvider *
drag_prepare (GtkDragSource *source,
              double         x,
              double         y,
              gpointer       user_data)
{
  ErrataNoteCardWidget *self = user_data;
  ErrataModeGroup *group = get_group (self);

  if (self->item == NULL || group == NULL)
    return NULL;
  self->drag_x = x;
  self->drag_y = y;
  return errata_mode_group_content_for (group, self->item);
}

/* A card of its own rather than a paintable of this one: this card fades
 * while it is dragged ("dragged"), and a live paintable would fade too. */
static void
drag_begin (GtkDragSource *source,
            GdkDrag       *drag,
            gpointer       user_data)
{
  ErrataNoteCardWidget *self = user_data;
  GtkWidget *icon = gtk_drag_icon_get_for_drag (drag);
  /* Without a compositor the surface has no alpha: a margin would be black. */
  gboolean composited = gdk_display_is_composited (gtk_widget_get_display (GTK_WIDGET (self)));
  int margin = composited ? DRAG_ICON_MARGIN : 0;

  gtk_drag_icon_set_child (GTK_DRAG_ICON (icon),
                           errata_note_card_widget_create_drag_icon (self, composited));
  gdk_drag_set_hotspot (drag, self->drag_x + margin, self->drag_y + margin);
  gtk_widget_add_css_class (GTK_WIDGET (self), "dragged");
}

/* A drop that moves the note out of this card's group makes the list
 * destroy this card before the drag ends (GTK ends it some 11 ms after
 * the release): the handler is connected with g_signal_connect_object,
 * so that it does not run for a card that is gone. */
static void
drag_end (GtkDragSource *source,
          GdkDrag       *drag,
          gboolean       delete_data,
          gpointer       user_data)
{
  gtk_widget_remove_css_class (user_data, "dragged");
}

static void
setup_controllers (ErrataNoteCardWidget *self)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE | GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect_object (source, "drag-end", G_CALLBACK (drag_end), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (secondary_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

static void
errata_note_card_widget_dispose (GObject *object)
{
  ErrataNoteCardWidget *self = (ErrataNoteCardWidget *)object;

  errata_note_card_widget_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_NOTE_CARD_WIDGET);

  G_OBJECT_CLASS (errata_note_card_widget_parent_class)->dispose (object);
}

static void
errata_note_card_widget_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ErrataNoteCardWidget *self = ERRATA_NOTE_CARD_WIDGET (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_note_card_widget_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ErrataNoteCardWidget *self = ERRATA_NOTE_CARD_WIDGET (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      errata_note_card_widget_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_note_card_widget_class_init (ErrataNoteCardWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_note_card_widget_dispose;
  object_class->get_property = errata_note_card_widget_get_property;
  object_class->set_property = errata_note_card_widget_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, ERRATA_TYPE_CARD_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-note-card.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataNoteCardWidget, box);
  gtk_widget_class_bind_template_child (widget_class, ErrataNoteCardWidget, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataNoteCardWidget, menu_button);

  gtk_widget_class_install_action (widget_class, "card.move-to", "x", move_to_action);
  gtk_widget_class_install_action (widget_class, "card.copy-to", "x", copy_to_action);
  gtk_widget_class_install_action (widget_class, "card.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "card.menu", NULL, menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK,
                                       "card.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "card.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "card.menu", NULL);

  gtk_widget_class_set_css_name (widget_class, "notecard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
errata_note_card_widget_init (ErrataNoteCardWidget *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_menu, self, NULL);
  setup_controllers (self);
  update_verdict (self);
}

GtkWidget *
errata_note_card_widget_new (void)
{
  return g_object_new (ERRATA_TYPE_NOTE_CARD_WIDGET, NULL);
}

/* A picture of a card has no menu. And GTK 4.8's GtkMenuButton takes its
 * root for a GtkWindow when it leaves it, which a GtkDragIcon is not: the
 * end of each drag would warn. The template keeps its reference.
 * Returns the row the button was in. */
static GtkBox *
remove_menu_button (ErrataNoteCardWidget *self)
{
  GtkWidget *button = GTK_WIDGET (self->menu_button);
  GtkBox *row = GTK_BOX (gtk_widget_get_parent (button));

  gtk_box_remove (row, button);
  return row;
}

static GtkWidget *
new_count_badge (guint n_cards)
{
  /* Translators: on the card under the pointer when several are dragged. */
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes",
                                                        n_cards), n_cards);
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_set_halign (badge, GTK_ALIGN_END);
  gtk_widget_set_valign (badge, GTK_ALIGN_START);
  gtk_widget_add_css_class (badge, "drag-count");
  return badge;
}

static guint
count_dragged (ErrataNoteCardWidget *self)
{
  g_autoptr(ErrataCardSet) set = collect_cards (self);
  guint n_cards = 1;

  if (set != NULL)
    errata_card_set_get_cards (set, &n_cards);
  return n_cards;
}

/**
 * errata_note_card_widget_create_drag_icon:
 * @composited: whether the drag surface can be translucent (a
 *   compositor, or Wayland): then the card is lifted, with a shadow
 *   around it and the count on its corner; otherwise it is flat and
 *   square, filling the surface, with the count in its last row
 *
 * Builds what follows the pointer when this card is dragged: a copy of
 * the card, opaque (.card-drag-icon in the page's CSS), as wide as this
 * one so that the note wraps the same way, and with a count ("3 notes")
 * when the card drags its group's selection along.
 *
 * Returns: (transfer floating): the widget for the GtkDragIcon
 */
GtkWidget *
errata_note_card_widget_create_drag_icon (ErrataNoteCardWidget *self,
                                          gboolean              composited)
{
  int margin = composited ? DRAG_ICON_MARGIN : 0;
  guint n_cards;
  GtkWidget *overlay;
  GtkWidget *card;
  GtkBox *last_row;

  g_return_val_if_fail (ERRATA_IS_NOTE_CARD_WIDGET (self), NULL);

  n_cards = count_dragged (self);
  card = errata_note_card_widget_new ();
  errata_note_card_widget_set_item (ERRATA_NOTE_CARD_WIDGET (card), self->item);
  last_row = remove_menu_button (ERRATA_NOTE_CARD_WIDGET (card));
  gtk_widget_set_size_request (card, gtk_widget_get_width (GTK_WIDGET (self)), -1);
  g_object_set (card, "margin-start", margin, "margin-end", margin,
                "margin-top", margin, "margin-bottom", margin, NULL);

  overlay = gtk_overlay_new ();
  gtk_widget_add_css_class (overlay, "card-drag-icon");
  gtk_widget_add_css_class (overlay, composited ? "lifted" : "flat");
  gtk_overlay_set_child (GTK_OVERLAY (overlay), card);
  if (n_cards > 1)
    gtk_widget_add_css_class (overlay, "several");
  /* The corner is outside the card only where the margin can show. */
  if (n_cards > 1 && composited)
    gtk_overlay_add_overlay (GTK_OVERLAY (overlay), new_count_badge (n_cards));
  else if (n_cards > 1)
    {
      GtkWidget *badge = new_count_badge (n_cards);

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_box_append (last_row, badge);
    }
  return overlay;
}
