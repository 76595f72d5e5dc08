/* errata-mode-group.c
 *
 * The cards live in a GListStore that set_cards() patches in place (common
 * head and tail kept, only the changed middle spliced), shown through a
 * filter and a multi-selection in a GtkListView, so a move between two
 * groups of a thousand cards touches a handful of rows. What it drags and
 * takes in drops is in errata-mode-group-dnd.c.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-mode-group-private.h"

#include "errata-canvas-drop.h"
#include "errata-note-card.h"

G_DEFINE_FINAL_TYPE (ErrataModeGroup, errata_mode_group, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COLOUR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The GNOME palette the colour menu offers, and the CSS class of each. */
static const struct
{
  const char *hex;
  const char *css_class;
} palette[] = {
  { "#3584e4", "mode-blue" },
  { "#33d17a", "mode-green" },
  { "#f6d32d", "mode-yellow" },
  { "#ff7800", "mode-orange" },
  { "#e01b24", "mode-red" },
  { "#9141ac", "mode-purple" },
  { "#986a44", "mode-brown" },
};

static gboolean
is_unsorted (ErrataModeGroup *self)
{
  return self->mode_id == ERRATA_UNSORTED;
}

static void
update_colour_class (ErrataModeGroup *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    {
      if (g_ascii_strcasecmp (self->colour, palette[i].hex) == 0)
        gtk_widget_add_css_class (self->column, palette[i].css_class);
      else
        gtk_widget_remove_css_class (self->column, palette[i].css_class);
    }
}

static guint
count_passing (ErrataModeGroup *self)
{
  guint n = 0;

  for (guint i = 0; i < self->items->len; i++)
    if (errata_card_item_get_verdict (self->items->pdata[i]) == ERRATA_VERDICT_PASS)
      n++;
  return n;
}

/* "Show 75 notes on passing traces", or how to hide them again. */
static void
update_passing_button (ErrataModeGroup *self,
                       guint            n_passing)
{
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->passing_button), is_unsorted (self) && n_passing > 0);
  if (n_passing == 0)
    return;
  if (self->hide_passing)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u note on a passing trace",
                                         "Show %u notes on passing traces", n_passing), n_passing);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Hide %u note on a passing trace",
                                         "Hide %u notes on passing traces", n_passing), n_passing);
  gtk_button_set_label (GTK_BUTTON (self->passing_button), text);
}

static void
update_count (ErrataModeGroup *self)
{
  guint n_passing = count_passing (self);
  guint hidden = self->hide_passing ? n_passing : 0;
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store)) - hidden;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;

  if (shown == total)
    text = g_strdup_printf ("%u", total);
  else
    /* Translators: cards shown by the search filter, of all in the group. */
    text = g_strdup_printf (_("%u of %u"), shown, total);
  gtk_label_set_label (self->count_label, text);
  accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", total), total);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->count_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  if (shown > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "cards");
  else
    {
      gtk_label_set_label (self->empty_label,
                           total > 0 ? _("No notes match the search")
                           : !is_unsorted (self) ? _("Drop notes here")
                           : hidden > 0 ? _("No note left to sort. Notes on passing traces are hidden.")
                                        : _("Every note is in a failure mode"));
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
  update_passing_button (self, n_passing);
}

static void
update_labels (ErrataModeGroup *self)
{
  gboolean has_definition = self->definition[0] != '\0';

  gtk_label_set_label (self->title_label, self->name);
  if (is_unsorted (self))
    gtk_label_set_label (self->definition_label, _("Notes not yet in a failure mode"));
  else
    gtk_label_set_label (self->definition_label,
                         has_definition ? self->definition
                                        : _("No definition yet. Double-click to add one."));
  if (has_definition || is_unsorted (self))
    gtk_widget_remove_css_class (GTK_WIDGET (self->definition_label), "placeholder");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->definition_label), "placeholder");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->definition,
                                  -1);
}

void
errata_mode_group_set_mode (ErrataModeGroup         *self,
                            const ErrataFailureMode *mode)
{
  g_return_if_fail (ERRATA_IS_MODE_GROUP (self));
  g_return_if_fail (mode != NULL && mode->id == self->mode_id);

  g_free (self->name);
  self->name = g_strdup (mode->name);
  g_free (self->definition);
  self->definition = g_strdup (mode->definition ? mode->definition : "");
  if (g_strcmp0 (self->colour, mode->colour) != 0)
    {
      g_free (self->colour);
      self->colour = g_strdup (mode->colour ? mode->colour : "");
      self->syncing = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOUR]);
      self->syncing = FALSE;
    }
  update_colour_class (self);
  update_labels (self);
}

/* ---- cards -------------------------------------------------------------- */

static gboolean
same_card (ErrataCardItem *item,
           ErrataNoteCard *card)
{
  return errata_card_item_get_annotation_id (item) == card->annotation_id;
}

static ErrataCardItem *
reuse_or_create (ErrataModeGroup *self,
                 GHashTable      *old,
                 ErrataNoteCard  *card)
{
  ErrataCardItem *item = g_hash_table_lookup (old, &card->annotation_id);

  if (item == NULL)
    return errata_card_item_new (card, self->mode_id);
  errata_card_item_update (item, card);
  return g_object_ref (item);
}

/* Replaces items [start, start + n_old) with the cards [start, start + n_new). */
static void
splice_middle (ErrataModeGroup *self,
               GPtrArray       *cards,
               guint            start,
               guint            n_old,
               guint            n_new)
{
  g_autoptr(GHashTable) old = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_full (n_new, g_object_unref);

  for (guint i = start; i < start + n_old; i++)
    {
      ErrataCardItem *item = self->items->pdata[i];
      gint64 *key = g_new (gint64, 1);

      *key = errata_card_item_get_annotation_id (item);
      g_hash_table_insert (old, key, item);
    }
  for (guint i = 0; i < n_new; i++)
    g_ptr_array_add (fresh, reuse_or_create (self, old, cards->pdata[start + i]));

  g_ptr_array_remove_range (self->items, start, n_old);
  for (guint i = 0; i < n_new; i++)
    g_ptr_array_insert (self->items, start + i, g_object_ref (fresh->pdata[i]));
  g_list_store_splice (self->store, start, n_old, fresh->pdata, n_new);
}

void
errata_mode_group_set_cards (ErrataModeGroup *self,
                             GPtrArray       *cards)
{
  guint n_old, n_new, head = 0, tail = 0;
  gboolean changed = FALSE;

  g_return_if_fail (ERRATA_IS_MODE_GROUP (self));
  g_return_if_fail (cards != NULL);

  n_old = self->items->len;
  n_new = cards->len;
  while (head < n_old && head < n_new && same_card (self->items->pdata[head], cards->pdata[head]))
    {
      changed |= errata_card_item_update (self->items->pdata[head], cards->pdata[head]);
      head++;
    }
  while (tail < n_old - head && tail < n_new - head &&
         same_card (self->items->pdata[n_old - 1 - tail], cards->pdata[n_new - 1 - tail]))
    {
      changed |= errata_card_item_update (self->items->pdata[n_old - 1 - tail],
                                          cards->pdata[n_new - 1 - tail]);
      tail++;
    }
  if (head + tail < n_old || head + tail < n_new)
    splice_middle (self, cards, head, n_old - head - tail, n_new - head - tail);
  /* A card kept in place whose note or verdict changed may now pass the
   * search or the verdict filter differently (its trace was re-reviewed). */
  if (changed)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

GListModel *
errata_mode_group_get_cards (ErrataModeGroup *self)
{
  g_return_val_if_fail (ERRATA_IS_MODE_GROUP (self), NULL);
  return G_LIST_MODEL (self->store);
}

GListModel *
errata_mode_group_get_visible_cards (ErrataModeGroup *self)
{
  g_return_val_if_fail (ERRATA_IS_MODE_GROUP (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

GtkSelectionModel *
errata_mode_group_get_selection (ErrataModeGroup *self)
{
  g_return_val_if_fail (ERRATA_IS_MODE_GROUP (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

static gboolean
filter_card (gpointer item,
             gpointer user_data)
{
  ErrataModeGroup *self = user_data;

  if (self->hide_passing && errata_card_item_get_verdict (item) == ERRATA_VERDICT_PASS)
    return FALSE;
  return errata_card_item_matches (item, self->filter_text);
}

/* Notes with no verdict yet stay: a note written before the verdict is
 * most often about what went wrong, and hiding it would lose it. */
void
errata_mode_group_set_hide_passing (ErrataModeGroup *self,
                                    gboolean         hide_passing)
{
  g_return_if_fail (ERRATA_IS_MODE_GROUP (self));

  hide_passing = !!hide_passing;
  if (self->hide_passing == hide_passing)
    return;
  self->hide_passing = hide_passing;
  gtk_filter_changed (GTK_FILTER (self->filter),
                      hide_passing ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
  update_count (self);
}

guint
errata_mode_group_get_n_passing_hidden (ErrataModeGroup *self)
{
  g_return_val_if_fail (ERRATA_IS_MODE_GROUP (self), 0);
  return self->hide_passing ? count_passing (self) : 0;
}

GtkWidget *
errata_mode_group_get_header (ErrataModeGroup *self)
{
  g_return_val_if_fail (ERRATA_IS_MODE_GROUP (self), NULL);
  return self->header;
}

void
errata_mode_group_set_filter (ErrataModeGroup *self,
                              const char      *folded_text)
{
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_return_if_fail (ERRATA_IS_MODE_GROUP (self));

  if (g_strcmp0 (self->filter_text, folded_text) == 0)
    return;
  /* A longer needle can only hide more cards, a shorter one show more. */
  if (self->filter_text && folded_text && g_str_has_prefix (folded_text, self->filter_text))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->filter_text && folded_text && g_str_has_prefix (self->filter_text, folded_text))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  g_free (self->filter_text);
  self->filter_text = g_strdup (folded_text);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_count (self);
}

GtkWidget *
errata_mode_group_get_focused_card (ErrataModeGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;

  g_return_val_if_fail (ERRATA_IS_MODE_GROUP (self), NULL);

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return NULL;
  /* The list view focuses the row; the card is its child. */
  child = gtk_widget_get_first_child (focus);
  if (ERRATA_IS_NOTE_CARD_WIDGET (child))
    return child;
  return gtk_widget_get_ancestor (focus, ERRATA_TYPE_NOTE_CARD_WIDGET);
}

/* ---- inline editing ------------------------------------------------------ */

static void
finish_editing (ErrataModeGroup *self,
                GtkStack        *stack)
{
  gboolean had_focus = gtk_widget_has_focus (gtk_stack_get_visible_child (stack)) ||
                       gtk_widget_get_focus_child (gtk_stack_get_visible_child (stack)) != NULL;

  gtk_stack_set_visible_child_name (stack, "label");
  if (had_focus)
    gtk_widget_grab_focus (self->menu_button);
}

/* canvas.rename-mode, canvas.define-mode or canvas.recolour-mode. */
static void
commit (ErrataModeGroup *self,
        const char      *action_name,
        const char      *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), action_name, "(xs)", self->mode_id, text);
}

static void
name_activated (ErrataModeGroup *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->title_stack), "entry") != 0)
    return;
  finish_editing (self, self->title_stack);
  if (*name != '\0' && g_strcmp0 (name, self->name) != 0)
    commit (self, "canvas.rename-mode", name);
}

static void
definition_activated (ErrataModeGroup *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->definition_entry))));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->definition_stack), "entry") != 0)
    return;
  finish_editing (self, self->definition_stack);
  if (g_strcmp0 (text, self->definition) != 0)
    commit (self, "canvas.define-mode", text);
}

void
errata_mode_group_start_rename (ErrataModeGroup *self)
{
  g_return_if_fail (ERRATA_IS_MODE_GROUP (self));

  if (is_unsorted (self))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), self->name);
  gtk_stack_set_visible_child_name (self->title_stack, "entry");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->name_entry), 0, -1);
}

void
errata_mode_group_start_define (ErrataModeGroup *self)
{
  g_return_if_fail (ERRATA_IS_MODE_GROUP (self));

  if (is_unsorted (self))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->definition_entry), self->definition);
  gtk_stack_set_visible_child_name (self->definition_stack, "entry");
  gtk_widget_grab_focus (GTK_WIDGET (self->definition_entry));
}

gboolean
errata_mode_group_is_editing (ErrataModeGroup *self)
{
  g_return_val_if_fail (ERRATA_IS_MODE_GROUP (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->title_stack), "entry") == 0 ||
         g_strcmp0 (gtk_stack_get_visible_child_name (self->definition_stack), "entry") == 0;
}

GtkEditable *
errata_mode_group_get_name_entry (ErrataModeGroup *self)
{
  g_return_val_if_fail (ERRATA_IS_MODE_GROUP (self), NULL);
  return GTK_EDITABLE (self->name_entry);
}

GtkEditable *
errata_mode_group_get_definition_entry (ErrataModeGroup *self)
{
  g_return_val_if_fail (ERRATA_IS_MODE_GROUP (self), NULL);
  return GTK_EDITABLE (self->definition_entry);
}

/* Escape gives up the edit; leaving the entry keeps it, as in Files. */
static gboolean
entry_key_pressed (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   gpointer               user_data)
{
  ErrataModeGroup *self = user_data;
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (keyval != GDK_KEY_Escape)
    return FALSE;
  finish_editing (self, entry == GTK_WIDGET (self->name_entry) ? self->title_stack
                                                              : self->definition_stack);
  return TRUE;
}

static void
entry_focus_left (GtkEventControllerFocus *controller,
                  gpointer                 user_data)
{
  ErrataModeGroup *self = user_data;
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (entry == GTK_WIDGET (self->name_entry))
    name_activated (self);
  else
    definition_activated (self);
}

static void
watch_entry (ErrataModeGroup *self,
             GtkEntry        *entry)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (keys, "key-pressed", G_CALLBACK (entry_key_pressed), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (entry), keys);
  g_signal_connect (focus, "leave", G_CALLBACK (entry_focus_left), self);
  gtk_widget_add_controller (GTK_WIDGET (entry), focus);
}

static void
header_pressed (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                gpointer         user_data)
{
  ErrataModeGroup *self = user_data;
  GtkWidget *picked = gtk_widget_pick (self->header, x, y, GTK_PICK_DEFAULT);

  if (n_press != 2 || picked == NULL)
    return;
  if (picked == GTK_WIDGET (self->definition_label) ||
      gtk_widget_is_ancestor (picked, GTK_WIDGET (self->definition_label)))
    errata_mode_group_start_define (self);
  else if (picked == GTK_WIDGET (self->title_label) ||
           gtk_widget_is_ancestor (picked, GTK_WIDGET (self->title_label)))
    errata_mode_group_start_rename (self);
}

/* The page gives each group the menu its cards open, so that a card
 * never has to find the page. */
void
errata_mode_group_set_move_menu (ErrataModeGroup *self,
                                 GMenuModel      *menu)
{
  g_return_if_fail (ERRATA_IS_MODE_GROUP (self));
  g_return_if_fail (menu == NULL || G_IS_MENU_MODEL (menu));
  g_set_object (&self->move_menu, menu);
}

GMenuModel *
errata_mode_group_get_move_menu (ErrataModeGroup *self)
{
  g_return_val_if_fail (ERRATA_IS_MODE_GROUP (self), NULL);
  return self->move_menu;
}

static void
setup_header_click (ErrataModeGroup *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (click, "pressed", G_CALLBACK (header_pressed), self);
  gtk_widget_add_controller (self->header, GTK_EVENT_CONTROLLER (click));
}

/* ---- actions ------------------------------------------------------------ */

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  errata_mode_group_start_rename (ERRATA_MODE_GROUP (widget));
}

static void
define_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  errata_mode_group_start_define (ERRATA_MODE_GROUP (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ErrataModeGroup *self = ERRATA_MODE_GROUP (widget);

  if (!is_unsorted (self))
    gtk_widget_activate_action (widget, "canvas.delete-mode", "x", self->mode_id);
}

static void
move_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkWidget *card = errata_mode_group_get_focused_card (ERRATA_MODE_GROUP (widget));

  if (card)
    errata_note_card_widget_popup_menu (ERRATA_NOTE_CARD_WIDGET (card));
}

static void
card_activated (ErrataModeGroup *self,
                guint            position)
{
  g_autoptr(ErrataCardItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (item)
    gtk_widget_activate_action (GTK_WIDGET (self), "canvas.open-trace", "x",
                                errata_card_item_get_trace_id (item));
}

/* ---- GObject ------------------------------------------------------------ */

static void
errata_mode_group_dispose (GObject *object)
{
  ErrataModeGroup *self = (ErrataModeGroup *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_MODE_GROUP);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_object (&self->move_menu);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (errata_mode_group_parent_class)->dispose (object);
}

static void
errata_mode_group_finalize (GObject *object)
{
  ErrataModeGroup *self = (ErrataModeGroup *)object;

  g_free (self->name);
  g_free (self->definition);
  g_free (self->colour);
  g_free (self->filter_text);

  G_OBJECT_CLASS (errata_mode_group_parent_class)->finalize (object);
}

static void
errata_mode_group_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ErrataModeGroup *self = ERRATA_MODE_GROUP (object);

  switch (prop_id)
    {
    case PROP_COLOUR:
      g_value_set_string (value, self->colour);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The colour menu writes this property (a property action); a choice
 * goes to the model, which sends it back through set_mode(). */
static void
errata_mode_group_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ErrataModeGroup *self = ERRATA_MODE_GROUP (object);
  const char *colour = g_value_get_string (value);

  switch (prop_id)
    {
    case PROP_COLOUR:
      if (g_strcmp0 (colour, self->colour) != 0 && !is_unsorted (self))
        commit (self, "canvas.recolour-mode", colour ? colour : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_mode_group_class_init (ErrataModeGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_mode_group_dispose;
  object_class->finalize = errata_mode_group_finalize;
  object_class->get_property = errata_mode_group_get_property;
  object_class->set_property = errata_mode_group_set_property;

  properties[PROP_COLOUR] =
    g_param_spec_string ("colour", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ERRATA_TYPE_NOTE_CARD_WIDGET);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-mode-group.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataModeGroup, column);
  gtk_widget_class_bind_template_child (widget_class, ErrataModeGroup, header);
  gtk_widget_class_bind_template_child (widget_class, ErrataModeGroup, title_stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataModeGroup, title_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataModeGroup, name_entry);
  gtk_widget_class_bind_template_child (widget_class, ErrataModeGroup, count_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataModeGroup, menu_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataModeGroup, definition_stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataModeGroup, definition_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataModeGroup, definition_entry);
  gtk_widget_class_bind_template_child (widget_class, ErrataModeGroup, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataModeGroup, list_view);
  gtk_widget_class_bind_template_child (widget_class, ErrataModeGroup, empty_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataModeGroup, passing_button);
  gtk_widget_class_bind_template_callback (widget_class, name_activated);
  gtk_widget_class_bind_template_callback (widget_class, definition_activated);
  gtk_widget_class_bind_template_callback (widget_class, card_activated);

  gtk_widget_class_install_action (widget_class, "group.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "group.define", NULL, define_action);
  gtk_widget_class_install_action (widget_class, "group.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "group.move-menu", NULL, move_menu_action);
  gtk_widget_class_install_property_action (widget_class, "group.colour", "colour");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "group.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK,
                                       "group.move-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "group.move-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "group.move-menu", NULL);

  gtk_widget_class_set_css_name (widget_class, "modegroup");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
errata_mode_group_init (ErrataModeGroup *self)
{
  self->name = g_strdup ("");
  self->definition = g_strdup ("");
  self->colour = g_strdup ("");
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->store = g_list_store_new (ERRATA_TYPE_CARD_ITEM);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_card, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              GTK_FILTER (self->filter));
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (self->filtered));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  watch_entry (self, self->name_entry);
  watch_entry (self, self->definition_entry);
  setup_header_click (self);
  _errata_mode_group_setup_dnd (self);
}

GtkWidget *
errata_mode_group_new (gint64 mode_id)
{
  ErrataModeGroup *self = g_object_new (ERRATA_TYPE_MODE_GROUP, NULL);

  self->mode_id = mode_id;
  if (mode_id == ERRATA_UNSORTED)
    {
      g_free (self->name);
      self->name = g_strdup (_("Unsorted"));
      gtk_widget_set_visible (self->menu_button, FALSE);
      gtk_widget_add_css_class (self->column, "unsorted");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "group.rename", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "group.define", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "group.delete", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "group.colour", FALSE);
    }
  update_labels (self);
  update_count (self);
  return GTK_WIDGET (self);
}

gint64
errata_mode_group_get_mode_id (ErrataModeGroup *self)
{
  g_return_val_if_fail (ERRATA_IS_MODE_GROUP (self), 0);
  return self->mode_id;
}

const char *
errata_mode_group_get_name (ErrataModeGroup *self)
{
  g_return_val_if_fail (ERRATA_IS_MODE_GROUP (self), NULL);
  return self->name;
}

const char *
errata_mode_group_get_colour (ErrataModeGroup *self)
{
  g_return_val_if_fail (ERRATA_IS_MODE_GROUP (self), NULL);
  return self->colour;
}
