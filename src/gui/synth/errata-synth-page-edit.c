/* errata-synth-page-edit.c: the Synthetic Data page's changes to single
 * queries and tuples: edit a query's text (E, or Edit Query; Enter saves,
 * Escape cancels), delete a query (Delete), delete the selected query's
 * tuple with its queries (Shift+Delete). Each is one core call (one
 * transaction), then the page reloads, which refreshes the near-duplicate
 * marks and the coverage.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-synth-page-private.h"

#include <glib/gi18n.h>

#include "errata-synth-queries.h"
#include "errata-synth-tuples.h"

static GtkListBoxRow *
selected_row (ErrataSynthPage *self)
{
  return gtk_list_box_get_selected_row (self->queries_list);
}

static gint64
row_id (GtkListBoxRow *row,
        const char    *key)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), key));
}

static void
close_editor (ErrataSynthPage *self)
{
  self->editing_id = 0;
  gtk_widget_set_visible (self->edit_box, FALSE);
}

static void
edit_query_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (widget);
  GtkListBoxRow *row = selected_row (self);
  g_autofree char *label = NULL;

  if (row == NULL)
    return;
  self->editing_id = row_id (row, "query-id");
  /* Translators: the label of the entry that edits query 12: "_Query 12". */
  label = g_strdup_printf (_("_Query %" PRId64), self->editing_id);
  gtk_label_set_text_with_mnemonic (self->edit_label, label);
  gtk_editable_set_text (GTK_EDITABLE (self->edit_entry),
                         g_object_get_data (G_OBJECT (row), "query-text"));
  gtk_widget_set_visible (self->edit_box, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->edit_entry));
}

static void
save_query_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (widget);
  GtkListBoxRow *row = selected_row (self);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : 0;
  g_autoptr(GError) error = NULL;

  if (self->editing_id == 0)
    return;
  if (!errata_synth_queries_set_text (_errata_synth_page_get_project (self), self->editing_id,
                                      gtk_editable_get_text (GTK_EDITABLE (self->edit_entry)),
                                      &error))
    {
      /* The editor stays open with the text, for another try. */
      _errata_synth_page_say (self, error->message);
      return;
    }
  close_editor (self);
  _errata_synth_page_say (self, _("Query saved."));
  errata_synth_page_reload (self);
  _errata_synth_page_select_query_at (self, index);
}

static void
cancel_edit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (widget);
  GtkListBoxRow *row = selected_row (self);

  close_editor (self);
  _errata_synth_page_select_query_at (self, row != NULL ? gtk_list_box_row_get_index (row) : 0);
}

static void
delete_query_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (widget);
  GtkListBoxRow *row = selected_row (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 id;
  int index;

  if (row == NULL)
    return;
  id = row_id (row, "query-id");
  index = gtk_list_box_row_get_index (row);
  if (!errata_synth_queries_delete (_errata_synth_page_get_project (self), id, &error))
    {
      _errata_synth_page_say (self, error->message);
      return;
    }
  close_editor (self);
  message = g_strdup_printf (_("Deleted query %" PRId64 "."), id);
  _errata_synth_page_say (self, message);
  errata_synth_page_reload (self);
  _errata_synth_page_select_query_at (self, index);
}

/* Shift+Delete on a query: its tuple goes, with the tuple's queries; the
 * toast offers Undo (errata-synth-page-tuples.c). */
static void
delete_tuple_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (widget);
  GtkListBoxRow *row = selected_row (self);
  int index;

  if (row == NULL)
    return;
  index = gtk_list_box_row_get_index (row);
  close_editor (self);
  _errata_synth_page_delete_tuple (self, row_id (row, "tuple-id"));
  _errata_synth_page_select_query_at (self, index);
}

static gboolean
on_edit_key (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             gpointer               user_data)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (user_data), "synth.cancel-edit", NULL);
  return TRUE;
}

static void
on_edit_activate (GtkEntry *entry,
                  gpointer  user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (user_data), "synth.save-query", NULL);
}

void
_errata_synth_page_init_editing (ErrataSynthPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  struct { guint key; GdkModifierType mods; const char *action; } bindings[] = {
    { GDK_KEY_e, 0, "synth.edit-query" },
    { GDK_KEY_F2, 0, "synth.edit-query" },
    { GDK_KEY_Delete, 0, "synth.delete-query" },
    { GDK_KEY_Delete, GDK_SHIFT_MASK, "synth.delete-tuple" },
  };

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_edit_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->edit_entry), keys);
  g_signal_connect (self->edit_entry, "activate", G_CALLBACK (on_edit_activate), self);
  /* On the queries list only, never while typing in an entry. */
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_keyval_trigger_new (bindings[i].key, bindings[i].mods),
                        gtk_named_action_new (bindings[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self->queries_list), shortcuts);
}

void
_errata_synth_page_class_add_editing (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "synth.edit-query", NULL, edit_query_action);
  gtk_widget_class_install_action (widget_class, "synth.save-query", NULL, save_query_action);
  gtk_widget_class_install_action (widget_class, "synth.cancel-edit", NULL, cancel_edit_action);
  gtk_widget_class_install_action (widget_class, "synth.delete-query", NULL,
                                   delete_query_action);
  gtk_widget_class_install_action (widget_class, "synth.delete-tuple", NULL,
                                   delete_tuple_action);
}
