/* errata-synth-page-tuples.c: the Synthetic Data page's tuples table and
 * coverage.
 *
 * The table lists every tuple (its values, where it came from, how many
 * queries it has). Below it one row of dropdowns, one per dimension, shows
 * the selected tuple's values: change them and Apply, or Add them as a new
 * typed tuple. Delete (the key or the button) deletes the selected tuple
 * with its queries; the toast's Undo puts them back. One set of dropdowns
 * for the table rather than dropdowns in every row: a thousand tuples stay
 * a light list of labels.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-synth-page-private.h"

#include <glib/gi18n.h>

#include "errata-synth-dimensions.h"
#include "errata-synth-tuple-edit.h"
#include "errata-synth-tuples.h"
#include "errata-toast-helper.h"

/* The table's height: rows shown before it scrolls, and a row's height
 * (a caption line and its margins). */
#define TABLE_ROWS 7
#define ROW_HEIGHT 34

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_widget_unparent (child);
}

static GtkWidget *
small_label (const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Coverage ------------------------------------------------------------- */

/* One value's chip: its name, a bar as long as its share of the most
 * frequent value's count, and the count. */
static GtkWidget *
coverage_chip (const char *value,
               gint64      count,
               gint64      most)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (most, 1));
  g_autofree char *number = g_strdup_printf ("%" PRId64, count);
  g_autofree char *tip = NULL;

  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), count);
  gtk_widget_set_size_request (bar, 48, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  /* The bar is a picture of the count beside it, not a meter with
   * thresholds: no low/high colours. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_box_append (GTK_BOX (box), small_label (value, NULL));
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), small_label (number, count == 0 ? "error" : "numeric"));
  gtk_widget_add_css_class (box, "synth-coverage-value");
  if (count == 0)
    gtk_widget_add_css_class (box, "synth-coverage-missing");
  /* Translators: a coverage chip's tooltip: "4 tuples take “investor”". */
  tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " tuple takes “%s”",
                                      "%" PRId64 " tuples take “%s”", count),
                         count, value);
  gtk_widget_set_tooltip_text (box, tip);
  return box;
}

static GtkWidget *
coverage_line (ErrataSynthDimension *dimension,
               JsonObject           *counts)
{
  GtkWidget *flow = gtk_flow_box_new ();
  gint64 most = 0;

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  /* Information, not a control: Tab passes it by (a flow box takes the
   * focus for its children otherwise, one stop per value, drawn nowhere). */
  gtk_widget_set_can_focus (flow, FALSE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 8);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 18);
  gtk_widget_set_hexpand (flow, TRUE);
  for (guint v = 0; v < dimension->values->len; v++)
    most = MAX (most, json_object_get_int_member (counts, ((ErrataSynthValue *)
                                         g_ptr_array_index (dimension->values, v))->value));
  for (guint v = 0; v < dimension->values->len; v++)
    {
      const char *value = ((ErrataSynthValue *)g_ptr_array_index (dimension->values, v))->value;
      GtkWidget *chip = coverage_chip (value, json_object_get_int_member (counts, value), most);

      gtk_flow_box_append (GTK_FLOW_BOX (flow), chip);
      gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
    }
  return flow;
}

static void
show_coverage (ErrataSynthPage *self,
               GPtrArray       *dimensions,
               GPtrArray       *tuples)
{
  g_autoptr(JsonObject) coverage = errata_synth_tuples_coverage (dimensions, tuples);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->coverage_grid))) != NULL)
    gtk_grid_remove (self->coverage_grid, child);
  if (dimensions->len == 0)
    {
      gtk_grid_attach (self->coverage_grid,
                       small_label (_("No dimensions yet: write them in Dimensions (JSON) above "
                                      "and press Save."), "dim-label"), 0, 0, 1, 1);
      return;
    }
  for (guint d = 0; d < dimensions->len; d++)
    {
      ErrataSynthDimension *dimension = g_ptr_array_index (dimensions, d);
      GtkWidget *name = small_label (dimension->name, "heading");

      gtk_widget_set_valign (name, GTK_ALIGN_START);
      gtk_grid_attach (self->coverage_grid, name, 0, d, 1, 1);
      gtk_grid_attach (self->coverage_grid,
                       coverage_line (dimension,
                                      json_object_get_object_member (coverage, dimension->name)),
                       1, d, 1, 1);
    }
}

/* The table ------------------------------------------------------------ */

static const char *
origin_label (ErrataSynthOrigin origin)
{
  switch (origin)
    {
    case ERRATA_SYNTH_ORIGIN_ALL:
      /* Translators: where a tuple came from: every combination. */
      return C_("tuple origin", "combination");
    case ERRATA_SYNTH_ORIGIN_SAMPLED:
      return C_("tuple origin", "sampled");
    case ERRATA_SYNTH_ORIGIN_LLM:
      return C_("tuple origin", "LLM");
    case ERRATA_SYNTH_ORIGIN_TYPED:
    default:
      return C_("tuple origin", "typed");
    }
}

static char *
tuple_values_text (GPtrArray        *dimensions,
                   ErrataSynthTuple *tuple)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint d = 0; d < dimensions->len; d++)
    {
      ErrataSynthDimension *dimension = g_ptr_array_index (dimensions, d);
      const char *value = json_object_get_string_member_with_default (tuple->dimensions,
                                                                      dimension->name, "?");

      g_string_append_printf (text, "%s%s", d > 0 ? " · " : "", value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
tuple_row (GPtrArray        *dimensions,
           ErrataSynthTuple *tuple,
           guint             n_queries)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *id = g_strdup_printf ("%" PRId64, tuple->id);
  g_autofree char *values = tuple_values_text (dimensions, tuple);
  g_autofree char *queries = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u query",
                                                           "%u queries", n_queries), n_queries);
  GtkWidget *id_label = small_label (id, "dim-label");
  GtkWidget *values_label = small_label (values, NULL);
  GtkWidget *origin = small_label (origin_label (tuple->origin), "caption");
  GtkWidget *count = small_label (queries, "caption");

  gtk_label_set_width_chars (GTK_LABEL (id_label), 4);
  gtk_widget_add_css_class (id_label, "numeric");
  gtk_widget_set_hexpand (values_label, TRUE);
  gtk_label_set_width_chars (GTK_LABEL (origin), 10);
  gtk_label_set_width_chars (GTK_LABEL (count), 10);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), id_label);
  gtk_box_append (GTK_BOX (box), values_label);
  gtk_box_append (GTK_BOX (box), origin);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_add_css_class (row, "synth-tuple");
  g_object_set_data (G_OBJECT (row), "tuple-id", GINT_TO_POINTER ((int)tuple->id));
  g_object_set_data_full (G_OBJECT (row), "tuple-values", json_object_ref (tuple->dimensions),
                          (GDestroyNotify)json_object_unref);
  g_object_set_data (G_OBJECT (row), "n-queries", GUINT_TO_POINTER (n_queries));
  return row;
}

/* One dropdown per dimension, named for screen readers and with the
 * dimension's name above it. */
static void
build_value_editors (ErrataSynthPage *self,
                     GPtrArray       *dimensions)
{
  clear_box (GTK_WIDGET (self->tuple_values_box));
  g_ptr_array_set_size (self->value_dropdowns, 0);
  for (guint d = 0; d < dimensions->len; d++)
    {
      ErrataSynthDimension *dimension = g_ptr_array_index (dimensions, d);
      g_autoptr(GtkStringList) values = gtk_string_list_new (NULL);
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *name = small_label (dimension->name, "caption");
      GtkWidget *dropdown;

      for (guint v = 0; v < dimension->values->len; v++)
        gtk_string_list_append (values, ((ErrataSynthValue *)
                                         g_ptr_array_index (dimension->values, v))->value);
      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&values)), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      dimension->name, -1);
      if (dimension->description != NULL && *dimension->description != '\0')
        gtk_widget_set_tooltip_text (dropdown, dimension->description);
      g_object_set_data_full (G_OBJECT (dropdown), "dimension", g_strdup (dimension->name),
                              g_free);
      gtk_box_append (GTK_BOX (column), name);
      gtk_box_append (GTK_BOX (column), dropdown);
      gtk_box_append (self->tuple_values_box, column);
      g_ptr_array_add (self->value_dropdowns, dropdown);
    }
}

static guint
position_of (GtkDropDown *dropdown,
             const char  *value)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; value != NULL && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), value) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
on_tuple_selected (GtkListBox    *list,
                   GtkListBoxRow *row,
                   gpointer       user_data)
{
  ErrataSynthPage *self = user_data;
  JsonObject *values = row != NULL ? g_object_get_data (G_OBJECT (row), "tuple-values") : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "synth.apply-tuple", row != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "synth.delete-selected-tuple", row != NULL);
  if (values == NULL)
    return;
  for (guint d = 0; d < self->value_dropdowns->len; d++)
    {
      GtkDropDown *dropdown = g_ptr_array_index (self->value_dropdowns, d);
      const char *dimension = g_object_get_data (G_OBJECT (dropdown), "dimension");

      gtk_drop_down_set_selected (dropdown,
                                  position_of (dropdown,
                                               json_object_get_string_member_with_default (
                                                 values, dimension, NULL)));
    }
}

void
_errata_synth_page_show_tuples (ErrataSynthPage *self,
                                GPtrArray       *dimensions,
                                GPtrArray       *tuples,
                                GPtrArray       *queries)
{
  g_autoptr(GHashTable) n_queries = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *title = NULL;
  GtkWidget *child;

  show_coverage (self, dimensions, tuples);
  build_value_editors (self, dimensions);
  for (guint i = 0; i < queries->len; i++)
    {
      ErrataSynthQuery *query = g_ptr_array_index (queries, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (n_queries, &query->tuple_id));

      g_hash_table_insert (n_queries, &query->tuple_id, GUINT_TO_POINTER (n + 1));
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tuples_list))) != NULL)
    gtk_list_box_remove (self->tuples_list, child);
  for (guint i = 0; i < tuples->len; i++)
    {
      ErrataSynthTuple *tuple = g_ptr_array_index (tuples, i);

      gtk_list_box_append (self->tuples_list,
                           tuple_row (dimensions, tuple,
                                      GPOINTER_TO_UINT (g_hash_table_lookup (n_queries,
                                                                             &tuple->id))));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tuples_list), tuples->len > 0);
  /* Inside the page's own scrolling the table asks for room for up to
   * seven rows, then scrolls within it. */
  gtk_scrolled_window_set_min_content_height (
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self->tuples_list),
                                                  GTK_TYPE_SCROLLED_WINDOW)),
    MIN (tuples->len, TABLE_ROWS) * ROW_HEIGHT);
  /* Translators: the tuples table's title: "Tuples: 30 (27 of 27 combinations)". */
  title = g_strdup_printf (_("Tuples: %u (of %" PRIu64 " combinations)"), tuples->len,
                           errata_synth_dimensions_n_combinations (dimensions));
  gtk_label_set_text (self->tuples_title, title);
  on_tuple_selected (self->tuples_list, NULL, self);
}

void
_errata_synth_page_select_tuple (ErrataSynthPage *self,
                                 gint64           tuple_id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->tuples_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "tuple-id")) == tuple_id)
      {
        gtk_list_box_select_row (self->tuples_list, GTK_LIST_BOX_ROW (row));
        gtk_widget_grab_focus (row);
        return;
      }
}

/* Actions -------------------------------------------------------------- */

/* The dropdowns' values, or NULL with the page told which is unset. */
static JsonObject *
chosen_values (ErrataSynthPage *self)
{
  g_autoptr(JsonObject) values = json_object_new ();

  if (self->value_dropdowns->len == 0)
    {
      _errata_synth_page_say (self, _("The project has no dimensions yet: set them first."));
      return NULL;
    }
  for (guint d = 0; d < self->value_dropdowns->len; d++)
    {
      GtkDropDown *dropdown = g_ptr_array_index (self->value_dropdowns, d);
      GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);
      const char *dimension = g_object_get_data (G_OBJECT (dropdown), "dimension");

      if (item == NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Choose a value for “%s”."), dimension);

          _errata_synth_page_say (self, text);
          gtk_widget_grab_focus (GTK_WIDGET (dropdown));
          return NULL;
        }
      json_object_set_string_member (values, dimension, gtk_string_object_get_string (item));
    }
  return g_steal_pointer (&values);
}

static gint64
selected_tuple_id (ErrataSynthPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->tuples_list);

  return row != NULL ? GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "tuple-id")) : 0;
}

static void
apply_tuple_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (widget);
  ErrataProject *project = _errata_synth_page_get_project (self);
  g_autoptr(JsonObject) values = chosen_values (self);
  g_autoptr(GPtrArray) dimensions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id = selected_tuple_id (self);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->tuples_list);
  guint n_queries = row != NULL ? GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row),
                                                                       "n-queries")) : 0;

  if (values == NULL || id == 0)
    return;
  dimensions = errata_synth_dimensions_load (project, &error);
  if (dimensions == NULL
      || !errata_synth_tuples_set_values (project, dimensions, id, values, &error))
    {
      _errata_synth_page_say (self, error->message);
      return;
    }
  /* Translators: after changing a tuple's values. */
  text = n_queries > 0 ? g_strdup_printf (_("Tuple %" PRId64 " changed; its queries "
                                            "were written for the old values: check them."), id)
                       : g_strdup_printf (_("Tuple %" PRId64 " changed."), id);
  _errata_synth_page_say (self, text);
  errata_synth_page_reload (self);
  _errata_synth_page_select_tuple (self, id);
}

static void
add_tuple_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (widget);
  ErrataProject *project = _errata_synth_page_get_project (self);
  g_autoptr(JsonObject) values = chosen_values (self);
  g_autoptr(GPtrArray) dimensions = NULL;
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GPtrArray) tuples = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  guint added = 0;

  if (values == NULL)
    return;
  one = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  g_ptr_array_add (one, json_object_ref (values));
  dimensions = errata_synth_dimensions_load (project, &error);
  if (dimensions == NULL || !errata_synth_tuple_check (dimensions, values, &error)
      || !errata_synth_tuples_add (project, one, ERRATA_SYNTH_ORIGIN_TYPED, &added, &error))
    {
      _errata_synth_page_say (self, error->message);
      return;
    }
  _errata_synth_page_say (self, added > 0 ? _("Tuple added.")
                                          : _("The project has this tuple already."));
  errata_synth_page_reload (self);
  /* Select it (new or old), so the table shows where it is. */
  key = errata_synth_tuple_key (values);
  tuples = errata_synth_tuples_list (project, NULL);
  for (guint i = 0; tuples != NULL && i < tuples->len; i++)
    {
      ErrataSynthTuple *tuple = g_ptr_array_index (tuples, i);
      g_autofree char *other = errata_synth_tuple_key (tuple->dimensions);

      if (g_strcmp0 (key, other) == 0)
        _errata_synth_page_select_tuple (self, tuple->id);
    }
}

void
_errata_synth_page_delete_tuple (ErrataSynthPage *self,
                                 gint64           tuple_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ErrataSynthDeletedTuple *deleted;
  guint n_queries;

  deleted = errata_synth_tuples_delete_undoable (_errata_synth_page_get_project (self), tuple_id,
                                                 &error);
  if (deleted == NULL)
    {
      _errata_synth_page_say (self, error->message);
      return;
    }
  g_clear_pointer (&self->deleted_tuple, errata_synth_deleted_tuple_free);
  self->deleted_tuple = deleted;
  n_queries = errata_synth_deleted_tuple_get_n_queries (deleted);
  /* Translators: "Deleted tuple 4 and its 2 queries." */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Deleted tuple %" PRId64 " and its %u query.",
                                       "Deleted tuple %" PRId64 " and its %u queries.",
                                       n_queries), tuple_id, n_queries);
  errata_run_progress_set_status (self->run_progress, text);
  errata_toast_helper_show_with_action (self->toast_overlay, text, _("_Undo"),
                                        "synth.undo-delete-tuple", NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "synth.undo-delete-tuple", TRUE);
  errata_synth_page_reload (self);
}

static void
delete_selected_tuple_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->tuples_list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : 0;
  gint64 id = selected_tuple_id (self);
  GtkListBoxRow *next;

  if (id == 0)
    return;
  _errata_synth_page_delete_tuple (self, id);
  /* The next tuple takes the deleted one's place, for another Delete. */
  for (next = NULL; index >= 0 && next == NULL; index--)
    next = gtk_list_box_get_row_at_index (self->tuples_list, index);
  if (next != NULL)
    {
      gtk_list_box_select_row (self->tuples_list, next);
      gtk_widget_grab_focus (GTK_WIDGET (next));
    }
}

static void
undo_delete_tuple_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (widget);
  g_autoptr(ErrataSynthDeletedTuple) deleted = g_steal_pointer (&self->deleted_tuple);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  gtk_widget_action_set_enabled (widget, "synth.undo-delete-tuple", FALSE);
  if (deleted == NULL)
    return;
  if (!errata_synth_tuples_undelete (_errata_synth_page_get_project (self), deleted, &error))
    {
      _errata_synth_page_say (self, error->message);
      return;
    }
  text = g_strdup_printf (_("Tuple %" PRId64 " is back, with its queries."),
                          errata_synth_deleted_tuple_get_id (deleted));
  _errata_synth_page_say (self, text);
  errata_synth_page_reload (self);
  _errata_synth_page_select_tuple (self, errata_synth_deleted_tuple_get_id (deleted));
}

/* E, F2 or Enter on a tuple: to its first dropdown, to change a value. */
static void
edit_tuple_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (widget);

  if (self->value_dropdowns->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->value_dropdowns, 0));
}

static void
on_tuple_activated (GtkListBox    *list,
                    GtkListBoxRow *row,
                    gpointer       user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (user_data), "synth.edit-tuple", NULL);
}

void
_errata_synth_page_init_tuples (ErrataSynthPage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  struct { guint key; GdkModifierType mods; const char *action; } bindings[] = {
    { GDK_KEY_Delete, 0, "synth.delete-selected-tuple" },
    { GDK_KEY_KP_Delete, 0, "synth.delete-selected-tuple" },
    { GDK_KEY_e, 0, "synth.edit-tuple" },
    { GDK_KEY_F2, 0, "synth.edit-tuple" },
    { GDK_KEY_z, GDK_CONTROL_MASK, "synth.undo-delete-tuple" },
  };

  self->value_dropdowns = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_keyval_trigger_new (bindings[i].key, bindings[i].mods),
                        gtk_named_action_new (bindings[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self->tuples_list), shortcuts);
  g_signal_connect (self->tuples_list, "row-selected", G_CALLBACK (on_tuple_selected), self);
  g_signal_connect (self->tuples_list, "row-activated", G_CALLBACK (on_tuple_activated), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "synth.undo-delete-tuple", FALSE);
}

void
_errata_synth_page_finalize_tuples (ErrataSynthPage *self)
{
  g_clear_pointer (&self->deleted_tuple, errata_synth_deleted_tuple_free);
  g_clear_pointer (&self->value_dropdowns, g_ptr_array_unref);
}

void
_errata_synth_page_class_add_tuples (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "synth.apply-tuple", NULL, apply_tuple_action);
  gtk_widget_class_install_action (widget_class, "synth.add-tuple", NULL, add_tuple_action);
  gtk_widget_class_install_action (widget_class, "synth.delete-selected-tuple", NULL,
                                   delete_selected_tuple_action);
  gtk_widget_class_install_action (widget_class, "synth.undo-delete-tuple", NULL,
                                   undo_delete_tuple_action);
  gtk_widget_class_install_action (widget_class, "synth.edit-tuple", NULL, edit_tuple_action);
}
