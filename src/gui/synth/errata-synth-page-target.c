/* errata-synth-page-target.c: the Synthetic Data page's target as a form.
 *
 * The kind (chat endpoint, HTTP template, command) switches the fields of
 * ErrataSynthTargetFields; the queue's settings are shared. The form reads and writes the
 * same JSON definition errata-cli takes (errata-synth-target.h), so "Edit as
 * JSON" shows exactly what is stored, and members the form has no field
 * for ("provider", "api_key_env", inline "tools") are kept as they were.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-page-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "errata-json-guard.h"
#include "errata-messages.h"
#include "errata-text-view.h"

/* The members the form owns: anything else in a definition is kept. */
static const char * const form_members[] = {
  "kind", "base_url", "model", "api_key_secret", "system", "tools_file", "method", "url",
  "headers", "body", "reply_pointer", "messages_pointer", "command", "input", "concurrency",
  "requests_per_minute", "timeout", "max_attempts",
};

/* The members the form does not own, from the definition last shown. */
static JsonObject *
kept_members (ErrataSynthPage *self)
{
  JsonObject *definition = json_object_new ();
  g_autoptr(GList) names = NULL;

  if (self->target_extra == NULL)
    return definition;
  names = json_object_get_members (self->target_extra);
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains ((const char * const *)form_members, l->data))
      json_object_set_member (definition, l->data,
                              json_node_copy (json_object_get_member (self->target_extra, l->data)));
  return definition;
}

static JsonObject *
form_definition (ErrataSynthPage  *self,
                 GError          **error)
{
  g_autoptr(JsonObject) definition = kept_members (self);
  const char *kind =
    errata_synth_target_fields_kind_at (gtk_drop_down_get_selected (self->target_kind_dropdown));

  json_object_set_string_member (definition, "kind", kind);
  if (!errata_synth_target_fields_read (self->target_fields, kind, definition, error))
    return NULL;
  json_object_set_int_member (definition, "concurrency",
                              gtk_spin_button_get_value_as_int (self->target_concurrency_spin));
  json_object_set_int_member (definition, "requests_per_minute",
                              gtk_spin_button_get_value_as_int (self->target_rate_spin));
  json_object_set_int_member (definition, "timeout",
                              gtk_spin_button_get_value_as_int (self->target_timeout_spin));
  json_object_set_int_member (definition, "max_attempts",
                              gtk_spin_button_get_value_as_int (self->target_attempts_spin));
  return g_steal_pointer (&definition);
}

char *
_errata_synth_page_dup_target_text (ErrataSynthPage  *self,
                                    GError          **error)
{
  g_autoptr(JsonObject) definition = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (gtk_check_button_get_active (self->target_json_check))
    return errata_text_view_dup_stripped (self->target_view);
  definition = form_definition (self, error);
  if (definition == NULL)
    return NULL;
  node = json_node_init_object (json_node_alloc (), definition);
  return json_to_string (node, TRUE);
}

/* Definition → form ---------------------------------------------------- */

static double
number_member (JsonObject *definition,
               const char *member,
               double      fallback)
{
  JsonNode *node = json_object_get_member (definition, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) == G_TYPE_STRING)
    return fallback;
  return json_node_get_double (node);
}

static void
show_form (ErrataSynthPage *self,
           JsonObject      *definition)
{
  gtk_drop_down_set_selected (self->target_kind_dropdown,
                              errata_synth_target_fields_kind_position (
                                errata_json_member_string (definition, "kind", "chat")));
  errata_synth_target_fields_show (self->target_fields, definition);
  gtk_spin_button_set_value (self->target_concurrency_spin,
                             number_member (definition, "concurrency", 4));
  gtk_spin_button_set_value (self->target_rate_spin,
                             number_member (definition, "requests_per_minute", 0));
  gtk_spin_button_set_value (self->target_timeout_spin, number_member (definition, "timeout", 60));
  gtk_spin_button_set_value (self->target_attempts_spin,
                             number_member (definition, "max_attempts", 3));
}

void
_errata_synth_page_show_target (ErrataSynthPage *self,
                                JsonObject      *definition)
{
  g_autoptr(JsonObject) empty = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  g_clear_pointer (&self->target_extra, json_object_unref);
  if (definition != NULL)
    self->target_extra = json_object_ref (definition);
  show_form (self, definition != NULL ? definition : empty);
  node = definition != NULL ? json_node_init_object (json_node_alloc (), definition) : NULL;
  text = node != NULL ? json_to_string (node, TRUE) : g_strdup ("");
  errata_text_view_set_text (self->target_view, text);
}

/* Switching ------------------------------------------------------------ */

static void
on_kind_changed (GtkDropDown *dropdown,
                 GParamSpec  *pspec,
                 gpointer     user_data)
{
  ErrataSynthPage *self = user_data;
  guint kind = gtk_drop_down_get_selected (dropdown);

  errata_synth_target_fields_set_kind (self->target_fields,
                                       errata_synth_target_fields_kind_at (kind));
}

/* The form and the JSON show the same definition: switching carries the
 * one into the other; JSON that does not parse keeps the JSON open. */
static void
on_json_toggled (GtkCheckButton *check,
                 gpointer        user_data)
{
  ErrataSynthPage *self = user_data;
  gboolean as_json = gtk_check_button_get_active (check);
  g_autoptr(GError) error = NULL;

  if (as_json)
    {
      g_autoptr(JsonObject) definition = form_definition (self, &error);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;

      if (definition != NULL)
        {
          node = json_node_init_object (json_node_alloc (), definition);
          text = json_to_string (node, TRUE);
          errata_text_view_set_text (self->target_view, text);
          g_clear_pointer (&self->target_extra, json_object_unref);
          self->target_extra = json_object_ref (definition);
        }
      else
        gtk_label_set_text (self->test_label, error->message);
    }
  else
    {
      g_autofree char *text = errata_text_view_dup_stripped (self->target_view);
      g_autoptr(JsonNode) node = *text != '\0' ? errata_json_from_string (text, &error) : NULL;

      if (*text != '\0' && (node == NULL || !JSON_NODE_HOLDS_OBJECT (node)))
        {
          gtk_label_set_text (self->test_label,
                              error != NULL ? error->message
                                            : _("The target is a JSON object: {\"kind\": …}"));
          gtk_check_button_set_active (check, TRUE);
          return;
        }
      _errata_synth_page_show_target (self, node != NULL ? json_node_get_object (node) : NULL);
    }
  gtk_widget_set_visible (self->target_form, !as_json);
  gtk_widget_set_visible (self->target_json_scroller, as_json);
}

/* The tools file ------------------------------------------------------- */

static void
set_tools_file (ErrataSynthPage *self,
                GFile           *file)
{
  errata_synth_target_fields_set_tools_file (self->target_fields, file);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_tools_chosen (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ErrataSynthPage) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);

  set_tools_file (self, file);
}
#else
static void
on_tools_response (GtkNativeDialog *dialog,
                   int              response,
                   gpointer         user_data)
{
  ErrataSynthPage *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      set_tools_file (self, file);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}
#endif

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("JSON files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

static void
choose_tools_file_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autoptr(GtkFileFilter) filter = json_filter ();
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, _("Choose a Tools File"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_open (dialog, window, NULL, on_tools_chosen, g_object_ref (widget));
#else
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Choose a Tools File"), window,
                                                              GTK_FILE_CHOOSER_ACTION_OPEN,
                                                              _("_Choose"), _("_Cancel"));

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_tools_response), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
#endif
}

void
_errata_synth_page_init_target (ErrataSynthPage *self)
{
  g_signal_connect (self->target_kind_dropdown, "notify::selected",
                    G_CALLBACK (on_kind_changed), self);
  g_signal_connect (self->target_json_check, "toggled", G_CALLBACK (on_json_toggled), self);
  on_kind_changed (self->target_kind_dropdown, NULL, self);
}

void
_errata_synth_page_finalize_target (ErrataSynthPage *self)
{
  g_clear_pointer (&self->target_extra, json_object_unref);
}

void
_errata_synth_page_class_add_target (GtkWidgetClass *widget_class)
{
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, name)
  BIND (target_kind_dropdown);
  BIND (target_json_check);
  BIND (target_form);
  BIND (target_fields);
  BIND (target_json_scroller);
  BIND (target_concurrency_spin);
  BIND (target_rate_spin);
  BIND (target_timeout_spin);
  BIND (target_attempts_spin);
#undef BIND
  gtk_widget_class_install_action (widget_class, "synth.choose-tools-file", NULL,
                                   choose_tools_file_action);
}
