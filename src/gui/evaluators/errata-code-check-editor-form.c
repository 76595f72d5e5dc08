/* errata-code-check-editor-form.c: one row per parameter of a kind, and
 * the definition the rows make.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parameter names are the ones the core reads (errata-code-check.h,
 * errata-command-check.h). A row that the user did not change leaves its
 * member exactly as it was stored (present or absent, 30 or 30.0), and a
 * member the form has no row for is copied as it is: saving what was loaded
 * writes the same definition back.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "errata-code-check-editor-private.h"
#include "errata-command-check.h"

struct _ErrataCheckField
{
  const FieldSpec       *spec;
  ErrataCodeCheckEditor *editor;
  GtkWidget             *row;         /* LIST: the row that adds an item */
  GtkWidget             *control;     /* BOOL: the switch */
  GtkWidget             *group;       /* LIST: the group of its items */
  GPtrArray             *items;       /* LIST: strings */
  GPtrArray             *item_rows;   /* LIST */
  char                  *loaded_text; /* the form's text for the stored value */
};

static void
field_free (ErrataCheckField *field)
{
  g_clear_pointer (&field->items, g_ptr_array_unref);
  g_clear_pointer (&field->item_rows, g_ptr_array_unref);
  g_free (field->loaded_text);
  g_free (field);
}

static ErrataCheckField *
find_field (ErrataCodeCheckEditor *self,
            const char            *name)
{
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      ErrataCheckField *field = g_ptr_array_index (self->fields, i);

      if (g_str_equal (field->spec->name, name))
        return field;
    }
  return NULL;
}

static guint
choice_index (const FieldSpec *spec,
              const char      *value)
{
  for (guint i = 0; value != NULL && spec->values[i] != NULL; i++)
    if (g_str_equal (spec->values[i], value))
      return i;
  return 0;
}

static const char *
choice_value (ErrataCheckField *field)
{
  return field->spec->values[adw_combo_row_get_selected (ADW_COMBO_ROW (field->row))];
}

/* The "tool" filter of regex, contains and json only goes with tool
 * arguments: hidden otherwise, and then not saved. */
static gboolean
field_is_shown (ErrataCheckField *field)
{
  ErrataCheckField *looks_at;

  if (!field->spec->tool_arguments)
    return TRUE;
  looks_at = find_field (field->editor, "field");
  return looks_at != NULL && g_str_equal (choice_value (looks_at), "tool_arguments");
}

/* What the row says now, as one string: equal strings, equal values. */
static char *
field_dup_text (ErrataCheckField *field)
{
  switch (field->spec->type)
    {
    case FIELD_CHOICE:
      return g_strdup (choice_value (field));
    case FIELD_BOOL:
      return g_strdup (gtk_switch_get_active (GTK_SWITCH (field->control)) ? "true" : "false");
    case FIELD_LIST:
      {
        GString *text = g_string_new (NULL);

        for (guint i = 0; i < field->items->len; i++)
          g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "",
                                  (const char *)g_ptr_array_index (field->items, i));
        return g_string_free (text, FALSE);
      }
    case FIELD_TEXT:
    case FIELD_COUNT:
    case FIELD_SECONDS:
    case FIELD_COMMAND:
    default:
      if (!field_is_shown (field))
        return g_strdup ("");
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->row)));
    }
}

/* A number as the user would write it: 30, not 30.000000. */
static char *
number_to_text (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" PRId64, json_node_get_int (node));
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", json_node_get_double (node)));
}

/* The command as one line, quoted where an argument needs it: the line
 * the core shows and trusts. */
static char *
command_to_text (JsonNode *node)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(ErrataCommandCheck) check = NULL;

  json_object_set_member (params, "command", json_node_copy (node));
  check = errata_command_check_new (params, "", NULL);
  return g_strdup (check != NULL ? errata_command_check_get_command_line (check) : "");
}

static gboolean
node_is_type (JsonNode *node,
              GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
node_is_number (JsonNode *node)
{
  return node_is_type (node, G_TYPE_INT64) || node_is_type (node, G_TYPE_DOUBLE);
}

static void
list_rebuild (ErrataCheckField *field);

static void
field_load (ErrataCheckField *field,
            JsonNode         *node)
{
  const FieldSpec *spec = field->spec;

  switch (spec->type)
    {
    case FIELD_CHOICE:
      adw_combo_row_set_selected (ADW_COMBO_ROW (field->row),
                                  choice_index (spec, node_is_type (node, G_TYPE_STRING)
                                                      ? json_node_get_string (node) : NULL));
      break;
    case FIELD_BOOL:
      gtk_switch_set_active (GTK_SWITCH (field->control),
                             node_is_type (node, G_TYPE_BOOLEAN) ? json_node_get_boolean (node)
                                                                 : spec->default_on);
      break;
    case FIELD_LIST:
      g_ptr_array_set_size (field->items, 0);
      for (guint i = 0; node != NULL && JSON_NODE_HOLDS_ARRAY (node)
                        && i < json_array_get_length (json_node_get_array (node)); i++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (node), i);

          if (node_is_type (item, G_TYPE_STRING))
            g_ptr_array_add (field->items, g_strdup (json_node_get_string (item)));
        }
      list_rebuild (field);
      break;
    case FIELD_COUNT:
    case FIELD_SECONDS:
      {
        g_autofree char *text = node_is_number (node) ? number_to_text (node) : NULL;

        gtk_editable_set_text (GTK_EDITABLE (field->row), text != NULL ? text : "");
      }
      break;
    case FIELD_COMMAND:
      {
        g_autofree char *text = node != NULL ? command_to_text (node) : NULL;

        gtk_editable_set_text (GTK_EDITABLE (field->row), text != NULL ? text : "");
      }
      break;
    case FIELD_TEXT:
    default:
      gtk_editable_set_text (GTK_EDITABLE (field->row),
                             node_is_type (node, G_TYPE_STRING) ? json_node_get_string (node)
                                                                : "");
      break;
    }
}

static void
update_tool_rows (ErrataCodeCheckEditor *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      ErrataCheckField *field = g_ptr_array_index (self->fields, i);

      if (field->spec->tool_arguments)
        gtk_widget_set_visible (field->row, field_is_shown (field));
    }
}

static void
on_row_changed (ErrataCheckField *field)
{
  if (g_str_equal (field->spec->name, "field"))
    update_tool_rows (field->editor);
  if (field->editor->loading == 0)
    _errata_code_check_editor_form_changed (field->editor);
}

/* List rows ---------------------------------------------------------------- */

static void
on_remove_item (GtkButton        *button,
                ErrataCheckField *field)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  guint index;

  if (!g_ptr_array_find (field->item_rows, row, &index))
    return;
  g_ptr_array_remove_index (field->items, index);
  list_rebuild (field);
  gtk_widget_grab_focus (field->row);
  on_row_changed (field);
}

static GtkWidget *
new_item_row (ErrataCheckField *field,
              const char       *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *label = g_strdup_printf (_("Remove “%s”"), item);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_item), field);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
list_rebuild (ErrataCheckField *field)
{
  for (guint i = 0; i < field->item_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (field->group),
                                  g_ptr_array_index (field->item_rows, i));
  g_ptr_array_set_size (field->item_rows, 0);
  /* The entry row stays last: remove it and add it back after the items. */
  g_object_ref (field->row);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (field->group), field->row);
  for (guint i = 0; i < field->items->len; i++)
    {
      GtkWidget *row = new_item_row (field, g_ptr_array_index (field->items, i));

      g_ptr_array_add (field->item_rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (field->group), row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (field->group), field->row);
  g_object_unref (field->row);
}

static void
on_add_item (ErrataCheckField *field)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (field->row));

  if (*text == '\0')
    return;
  g_ptr_array_add (field->items, g_strdup (text));
  gtk_editable_set_text (GTK_EDITABLE (field->row), "");
  list_rebuild (field);
  on_row_changed (field);
}

/* Building rows ----------------------------------------------------------- */

static GtkWidget *
new_choice_row (ErrataCheckField *field)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; field->spec->labels[i] != NULL; i++)
    gtk_string_list_append (labels, _(field->spec->labels[i]));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (on_row_changed), field);
  return row;
}

static GtkWidget *
new_bool_row (ErrataCheckField *field)
{
  GtkWidget *row = adw_action_row_new ();

  field->control = gtk_switch_new ();
  gtk_widget_set_valign (field->control, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->control);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), field->control);
  if (field->spec->subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(field->spec->subtitle));
  g_signal_connect_swapped (field->control, "notify::active", G_CALLBACK (on_row_changed), field);
  return row;
}

static GtkWidget *
new_entry_row (ErrataCheckField *field)
{
  GtkWidget *row = adw_entry_row_new ();

  if (field->spec->type == FIELD_COUNT)
    gtk_editable_set_width_chars (GTK_EDITABLE (row), 8);
  if (field->spec->type == FIELD_COUNT || field->spec->type == FIELD_SECONDS)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_row_changed), field);
  return row;
}

/* A list is a group of its own: its items, then a row to add one. */
static GtkWidget *
new_list_group (ErrataCheckField *field)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(field->spec->title));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _(field->spec->subtitle));
  gtk_widget_set_name (group, field->spec->name);
  field->group = group;
  field->items = g_ptr_array_new_with_free_func (g_free);
  field->item_rows = g_ptr_array_new ();
  field->row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), _("Add…"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (field->row), TRUE);
  g_signal_connect_swapped (field->row, "apply", G_CALLBACK (on_add_item), field);
  g_signal_connect_swapped (field->row, "entry-activated", G_CALLBACK (on_add_item), field);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field->row);
  return group;
}

static GtkWidget *
new_row (ErrataCheckField *field)
{
  GtkWidget *row;

  switch (field->spec->type)
    {
    case FIELD_CHOICE:
      row = new_choice_row (field);
      break;
    case FIELD_BOOL:
      row = new_bool_row (field);
      break;
    case FIELD_TEXT:
    case FIELD_COUNT:
    case FIELD_SECONDS:
    case FIELD_COMMAND:
    case FIELD_LIST:
    default:
      row = new_entry_row (field);
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->spec->title));
  gtk_widget_set_name (row, field->spec->name);
  return row;
}

void
_errata_code_check_editor_clear_form (ErrataCodeCheckEditor *self)
{
  GtkWidget *child;

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->form_box))) != NULL)
    gtk_box_remove (self->form_box, child);
}

void
_errata_code_check_editor_build_form (ErrataCodeCheckEditor *self,
                                      const char            *kind,
                                      JsonObject            *definition)
{
  const KindSpec *spec = _errata_code_check_editor_find_kind (kind);
  GtkWidget *group = NULL;

  _errata_code_check_editor_clear_form (self);
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify)field_free);
  if (spec == NULL || spec->fields == NULL)
    return;
  self->loading++;
  for (const FieldSpec *f = spec->fields; f->name != NULL; f++)
    {
      ErrataCheckField *field = g_new0 (ErrataCheckField, 1);
      JsonNode *node = json_object_get_member (definition, f->name);

      field->spec = f;
      field->editor = self;
      g_ptr_array_add (self->fields, field);
      if (f->type == FIELD_LIST)
        {
          gtk_box_append (self->form_box, new_list_group (field));
          group = NULL;
        }
      else
        {
          if (group == NULL)
            {
              group = adw_preferences_group_new ();
              gtk_box_append (self->form_box, group);
            }
          field->row = new_row (field);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field->row);
        }
      field_load (field, node != NULL && JSON_NODE_HOLDS_NULL (node) ? NULL : node);
    }
  update_tool_rows (self);
  for (guint i = 0; i < self->fields->len; i++)
    {
      ErrataCheckField *field = g_ptr_array_index (self->fields, i);

      field->loaded_text = field_dup_text (field);
    }
  self->loading--;
}

/* Reading the form -------------------------------------------------------- */

static JsonNode *
strings_node (GPtrArray *strings)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < strings->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (strings, i));
  json_node_take_array (node, array);
  return node;
}

static gboolean
set_field_error (GError          **error,
                 const FieldSpec  *spec,
                 const char       *what)
{
  /* Translators: e.g. Parameter “max”: “ten” is not a whole number */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Parameter “%s”: %s"), spec->name,
               what);
  return FALSE;
}

static gboolean
read_number (const FieldSpec  *spec,
             const char       *text,
             JsonNode        **out,
             GError          **error)
{
  g_autofree char *what = NULL;
  char *end = NULL;
  double value;
  gint64 count;

  if (spec->type == FIELD_COUNT)
    {
      if (g_ascii_string_to_signed (text, 10, 0, G_MAXINT32, &count, NULL))
        {
          *out = json_node_init_int (json_node_alloc (), count);
          return TRUE;
        }
      what = g_strdup_printf (_("“%s” is not a whole number of 0 or more"), text);
      return set_field_error (error, spec, what);
    }
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    {
      what = g_strdup_printf (_("“%s” is not a number of seconds"), text);
      return set_field_error (error, spec, what);
    }
  /* 30 stays 30, as a hand-written definition has it. */
  *out = value == (double)(gint64)value ? json_node_init_int (json_node_alloc (), (gint64)value)
                                        : json_node_init_double (json_node_alloc (), value);
  return TRUE;
}

static gboolean
read_command (const FieldSpec  *spec,
              const char       *text,
              JsonNode        **out,
              GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  g_auto(GStrv) argv = NULL;

  if (!g_shell_parse_argv (text, NULL, &argv, &local_error))
    return set_field_error (error, spec, local_error->message);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (strings, argv[i]);
  *out = strings_node (strings);
  return TRUE;
}

/* The member for what the row says now; NULL (and no error) for none. */
static gboolean
field_to_node (ErrataCheckField  *field,
               const char        *text,
               JsonNode         **out,
               GError           **error)
{
  const FieldSpec *spec = field->spec;

  *out = NULL;
  switch (spec->type)
    {
    case FIELD_CHOICE:
      *out = json_node_init_string (json_node_alloc (), text);
      return TRUE;
    case FIELD_BOOL:
      *out = json_node_init_boolean (json_node_alloc (), g_str_equal (text, "true"));
      return TRUE;
    case FIELD_LIST:
      if (field->items->len > 0)
        *out = strings_node (field->items);
      return TRUE;
    case FIELD_COUNT:
    case FIELD_SECONDS:
      return *text == '\0' || read_number (spec, text, out, error);
    case FIELD_COMMAND:
      return *text == '\0' || read_command (spec, text, out, error);
    case FIELD_TEXT:
    default:
      if (*text != '\0')
        *out = json_node_init_string (json_node_alloc (), text);
      return TRUE;
    }
}

JsonObject *
_errata_code_check_editor_read_form (ErrataCodeCheckEditor  *self,
                                     const char            **bad_field,
                                     GError                **error)
{
  g_autoptr(JsonObject) definition = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (self->version->definition);

  *bad_field = NULL;
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (definition, l->data,
                            json_node_copy (json_object_get_member (self->version->definition,
                                                                    l->data)));
  for (guint i = 0; i < self->fields->len; i++)
    {
      ErrataCheckField *field = g_ptr_array_index (self->fields, i);
      g_autofree char *text = field_dup_text (field);
      JsonNode *node = NULL;

      if (g_strcmp0 (text, field->loaded_text) == 0)
        continue;
      if (!field_to_node (field, text, &node, error))
        {
          *bad_field = field->spec->name;
          return NULL;
        }
      if (node != NULL)
        json_object_set_member (definition, field->spec->name, node);
      else if (json_object_has_member (definition, field->spec->name))
        json_object_remove_member (definition, field->spec->name);
    }
  return g_steal_pointer (&definition);
}

void
_errata_code_check_editor_mark_field (ErrataCodeCheckEditor *self,
                                      const char            *name)
{
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      ErrataCheckField *field = g_ptr_array_index (self->fields, i);
      GtkWidget *widget = field->spec->type == FIELD_LIST ? field->group : field->row;

      if (name != NULL && g_str_equal (field->spec->name, name))
        gtk_widget_add_css_class (widget, "error");
      else
        gtk_widget_remove_css_class (widget, "error");
    }
}

/* The core's messages quote the parameter (“pattern”); the first quoted
 * name of a field of this form is the one in error. */
const char *
_errata_code_check_editor_find_field (ErrataCodeCheckEditor *self,
                                      const char            *message)
{
  const char *best = NULL;
  const char *best_at = NULL;

  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      ErrataCheckField *field = g_ptr_array_index (self->fields, i);
      g_autofree char *quoted = g_strdup_printf ("“%s”", field->spec->name);
      const char *at = strstr (message, quoted);

      if (at != NULL && (best_at == NULL || at < best_at))
        {
          best = field->spec->name;
          best_at = at;
        }
    }
  return best;
}
