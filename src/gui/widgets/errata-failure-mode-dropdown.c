/* errata-failure-mode-dropdown.c: choose one failure mode of a taxonomy,
 * or "any".
 *
 * "Any failure mode" first (mode id 0), then the modes in canvas order.
 * The list follows the taxonomy's "changed" signal through a GSignalGroup:
 * a renamed mode keeps its place, a mode that went away (deleted, merged)
 * sets the choice back to any. The Traces page filters by it; the
 * Evaluators and Report pages will choose a mode with it too.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-failure-mode-dropdown.h"

struct _ErrataFailureModeDropdown
{
  GtkWidget       parent_instance;

  ErrataTaxonomy *taxonomy;
  GSignalGroup   *taxonomy_signals;
  GArray         *mode_ids;      /* gint64, by position; 0: any */
  GtkStringList  *mode_names;
  gint64          mode_id;
  gboolean        filling;       /* the list is being rebuilt */

  GtkDropDown    *dropdown;
};

G_DEFINE_FINAL_TYPE (ErrataFailureModeDropdown, errata_failure_mode_dropdown, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TAXONOMY,
  PROP_MODE_ID,
  PROP_HAS_MODES,
  N_PROPS
};

enum {
  MODES_CHANGED,
  LOAD_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The button: at least MODE_BUTTON_CHARS wide, so that a name is not
 * cut to "Invent…" when the filter bar is tight; longer names ellipsize
 * (the tooltip has them whole). */
#define MODE_BUTTON_CHARS 14
#define MODE_BUTTON_MAX_CHARS 24

static guint
find_position (ErrataFailureModeDropdown *self,
               gint64                     mode_id)
{
  for (guint i = 0; i < self->mode_ids->len; i++)
    if (g_array_index (self->mode_ids, gint64, i) == mode_id)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
set_mode_id (ErrataFailureModeDropdown *self,
             gint64                     mode_id)
{
  if (self->mode_id == mode_id)
    return;
  self->mode_id = mode_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE_ID]);
}

/* The chosen mode's whole name, which the button may ellipsize. */
static void
update_tooltip (ErrataFailureModeDropdown *self)
{
  guint selected = gtk_drop_down_get_selected (self->dropdown);
  g_autofree char *text = NULL;

  if (selected > 0 && selected < g_list_model_get_n_items (G_LIST_MODEL (self->mode_names)))
    /* Translators: %s is the name of the failure mode the list shows. */
    text = g_strdup_printf (_("Showing Traces in the Failure Mode “%s”"),
                            gtk_string_list_get_string (self->mode_names, selected));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->dropdown),
                               text ? text : _("Show Traces by Failure Mode"));
}

static void
on_selected_changed (ErrataFailureModeDropdown *self)
{
  guint selected = gtk_drop_down_get_selected (self->dropdown);

  update_tooltip (self);
  if (self->filling)
    return;
  set_mode_id (self, selected < self->mode_ids->len
                     ? g_array_index (self->mode_ids, gint64, selected) : 0);
}

static GStrv
list_modes (ErrataFailureModeDropdown *self)
{
  g_autoptr(GPtrArray) modes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  gint64 any = 0;

  if (self->taxonomy != NULL)
    modes = errata_taxonomy_list_modes (self->taxonomy, &error);
  if (error != NULL)
    g_signal_emit (self, signals[LOAD_FAILED], 0, error->message);
  g_array_set_size (self->mode_ids, 0);
  g_array_append_val (self->mode_ids, any);
  g_strv_builder_add (names, _("Any failure mode"));
  for (guint i = 0; modes != NULL && i < modes->len; i++)
    {
      ErrataFailureMode *mode = modes->pdata[i];

      g_array_append_val (self->mode_ids, mode->id);
      g_strv_builder_add (names, mode->name);
    }
  return g_strv_builder_end (names);
}

/**
 * errata_failure_mode_dropdown_reload:
 *
 * Reads the modes from the taxonomy again. A chosen mode that went away
 * sets the choice back to any (and notifies "mode-id").
 */
void
errata_failure_mode_dropdown_reload (ErrataFailureModeDropdown *self)
{
  g_auto(GStrv) strv = NULL;
  gboolean had_modes;
  guint position;

  g_return_if_fail (ERRATA_IS_FAILURE_MODE_DROPDOWN (self));

  had_modes = errata_failure_mode_dropdown_get_has_modes (self);
  strv = list_modes (self);
  self->filling = TRUE;
  gtk_string_list_splice (self->mode_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->mode_names)),
                          (const char * const *)strv);
  position = find_position (self, self->mode_id);
  gtk_drop_down_set_selected (self->dropdown,
                              position == GTK_INVALID_LIST_POSITION ? 0 : position);
  self->filling = FALSE;
  /* A renamed mode keeps its place: "selected" does not change. */
  update_tooltip (self);
  if (had_modes != errata_failure_mode_dropdown_get_has_modes (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MODES]);
  if (position == GTK_INVALID_LIST_POSITION)
    set_mode_id (self, 0);
}

/* Cards moved on the canvas: after the list is rebuilt, "modes-changed"
 * tells the owner that what it shows of a mode may be out of date. */
static void
on_taxonomy_changed (ErrataFailureModeDropdown *self)
{
  errata_failure_mode_dropdown_reload (self);
  g_signal_emit (self, signals[MODES_CHANGED], 0);
}

/* Factories -------------------------------------------------------------- */

static void
setup_button_item (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), MODE_BUTTON_CHARS);
  gtk_label_set_max_width_chars (GTK_LABEL (label), MODE_BUTTON_MAX_CHARS);
  gtk_list_item_set_child (item, label);
}

/* The popup: the whole name, and a check mark on the chosen mode, as
 * GtkDropDown's own list has (a list factory of our own loses it). */
static void
setup_list_item (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Selected"), -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static GtkWidget *
get_item_label (GtkListItem *item)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  return GTK_IS_LABEL (child) ? child : gtk_widget_get_first_child (child);
}

/* Hidden but sized, so that the names line up whichever one is chosen. */
static void
update_check (GtkDropDown *dropdown,
              GParamSpec  *pspec,
              GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));
  gboolean chosen = gtk_list_item_get_position (item) == gtk_drop_down_get_selected (dropdown);

  gtk_widget_set_opacity (check, chosen ? 1.0 : 0.0);
  gtk_accessible_update_state (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_STATE_HIDDEN, !chosen, -1);
}

/* Mode names are the user's words: plain text, never markup. */
static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           GtkDropDown              *list_of)
{
  GtkStringObject *name = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (get_item_label (item)), gtk_string_object_get_string (name));
  if (list_of == NULL)
    return;
  g_signal_connect_object (list_of, "notify::selected", G_CALLBACK (update_check), item, 0);
  update_check (list_of, NULL, item);
}

static void
unbind_item (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             GtkDropDown              *list_of)
{
  if (list_of != NULL)
    g_signal_handlers_disconnect_by_func (list_of, update_check, item);
}

/* `list_of`: the dropdown whose popup the factory fills, or NULL for
 * the button. */
static GtkListItemFactory *
create_factory (GtkDropDown *list_of)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  if (list_of != NULL)
    g_signal_connect (factory, "setup", G_CALLBACK (setup_list_item), NULL);
  else
    g_signal_connect (factory, "setup", G_CALLBACK (setup_button_item), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), list_of);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_item), list_of);
  return factory;
}

/* GObject ---------------------------------------------------------------- */

static void
errata_failure_mode_dropdown_dispose (GObject *object)
{
  ErrataFailureModeDropdown *self = ERRATA_FAILURE_MODE_DROPDOWN (object);

  if (self->taxonomy_signals != NULL)
    g_signal_group_set_target (self->taxonomy_signals, NULL);
  g_clear_object (&self->taxonomy_signals);
  g_clear_object (&self->taxonomy);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_FAILURE_MODE_DROPDOWN);
  g_clear_object (&self->mode_names);

  G_OBJECT_CLASS (errata_failure_mode_dropdown_parent_class)->dispose (object);
}

static void
errata_failure_mode_dropdown_finalize (GObject *object)
{
  ErrataFailureModeDropdown *self = ERRATA_FAILURE_MODE_DROPDOWN (object);

  g_clear_pointer (&self->mode_ids, g_array_unref);

  G_OBJECT_CLASS (errata_failure_mode_dropdown_parent_class)->finalize (object);
}

static void
errata_failure_mode_dropdown_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  ErrataFailureModeDropdown *self = ERRATA_FAILURE_MODE_DROPDOWN (object);

  switch (prop_id)
    {
    case PROP_TAXONOMY:
      g_value_set_object (value, self->taxonomy);
      break;
    case PROP_MODE_ID:
      g_value_set_int64 (value, self->mode_id);
      break;
    case PROP_HAS_MODES:
      g_value_set_boolean (value, errata_failure_mode_dropdown_get_has_modes (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_failure_mode_dropdown_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec)
{
  ErrataFailureModeDropdown *self = ERRATA_FAILURE_MODE_DROPDOWN (object);

  switch (prop_id)
    {
    case PROP_TAXONOMY:
      errata_failure_mode_dropdown_set_taxonomy (self, g_value_get_object (value));
      break;
    case PROP_MODE_ID:
      errata_failure_mode_dropdown_set_mode_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_failure_mode_dropdown_class_init (ErrataFailureModeDropdownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_failure_mode_dropdown_dispose;
  object_class->finalize = errata_failure_mode_dropdown_finalize;
  object_class->get_property = errata_failure_mode_dropdown_get_property;
  object_class->set_property = errata_failure_mode_dropdown_set_property;

  properties[PROP_TAXONOMY] =
    g_param_spec_object ("taxonomy", NULL, NULL, ERRATA_TYPE_TAXONOMY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE_ID] =
    g_param_spec_int64 ("mode-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_MODES] =
    g_param_spec_boolean ("has-modes", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The taxonomy changed and the list was rebuilt. */
  signals[MODES_CHANGED] = g_signal_new ("modes-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
  /* The modes could not be read; the argument says why. */
  signals[LOAD_FAILED] = g_signal_new ("load-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-failure-mode-dropdown.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModeDropdown, dropdown);
}

static void
errata_failure_mode_dropdown_init (ErrataFailureModeDropdown *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkListItemFactory) list_factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->mode_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->mode_names = gtk_string_list_new (NULL);
  self->taxonomy_signals = g_signal_group_new (ERRATA_TYPE_TAXONOMY);
  g_signal_group_connect_object (self->taxonomy_signals, "changed",
                                 G_CALLBACK (on_taxonomy_changed), self, G_CONNECT_SWAPPED);
  factory = create_factory (NULL);
  list_factory = create_factory (self->dropdown);
  gtk_drop_down_set_factory (self->dropdown, factory);
  gtk_drop_down_set_list_factory (self->dropdown, list_factory);
  gtk_drop_down_set_model (self->dropdown, G_LIST_MODEL (self->mode_names));
  errata_failure_mode_dropdown_reload (self);
  g_signal_connect_object (self->dropdown, "notify::selected",
                           G_CALLBACK (on_selected_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
errata_failure_mode_dropdown_new (void)
{
  return g_object_new (ERRATA_TYPE_FAILURE_MODE_DROPDOWN, NULL);
}

ErrataTaxonomy *
errata_failure_mode_dropdown_get_taxonomy (ErrataFailureModeDropdown *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODE_DROPDOWN (self), NULL);
  return self->taxonomy;
}

/**
 * errata_failure_mode_dropdown_set_taxonomy:
 * @taxonomy: (nullable): the modes to choose from
 *
 * Lists the modes and follows the taxonomy's changes.
 */
void
errata_failure_mode_dropdown_set_taxonomy (ErrataFailureModeDropdown *self,
                                           ErrataTaxonomy            *taxonomy)
{
  g_return_if_fail (ERRATA_IS_FAILURE_MODE_DROPDOWN (self));
  g_return_if_fail (taxonomy == NULL || ERRATA_IS_TAXONOMY (taxonomy));

  if (!g_set_object (&self->taxonomy, taxonomy))
    return;
  g_signal_group_set_target (self->taxonomy_signals, taxonomy);
  errata_failure_mode_dropdown_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAXONOMY]);
}

/* The chosen mode's id, or 0 for any. */
gint64
errata_failure_mode_dropdown_get_mode_id (ErrataFailureModeDropdown *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODE_DROPDOWN (self), 0);
  return self->mode_id;
}

/**
 * errata_failure_mode_dropdown_set_mode_id:
 * @mode_id: a mode of the taxonomy, or 0 for any
 *
 * Returns: %FALSE, choosing nothing, when the taxonomy has no such mode
 *   (read again first: it may be new)
 */
gboolean
errata_failure_mode_dropdown_set_mode_id (ErrataFailureModeDropdown *self,
                                          gint64                     mode_id)
{
  guint position;

  g_return_val_if_fail (ERRATA_IS_FAILURE_MODE_DROPDOWN (self), FALSE);

  position = find_position (self, mode_id);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      errata_failure_mode_dropdown_reload (self);
      position = find_position (self, mode_id);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->dropdown, position);
  self->filling = FALSE;
  set_mode_id (self, mode_id);
  return TRUE;
}

/* Whether the taxonomy has a mode to choose: until then a filter by mode
 * has nothing to offer. */
gboolean
errata_failure_mode_dropdown_get_has_modes (ErrataFailureModeDropdown *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODE_DROPDOWN (self), FALSE);
  return self->mode_ids != NULL && self->mode_ids->len > 1;
}
