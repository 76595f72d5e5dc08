/* errata-synth-target-fields.c: the fields of each kind of target (a chat
 * endpoint, an HTTP template, a command) in a stack, filled from a target's
 * definition and read back into one (errata-synth-target.h). The page's
 * target form (errata-synth-page-target.c) holds them with the kind, the
 * queue's settings and the JSON editor.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-target-fields.h"

#include <glib/gi18n.h>
#include <string.h>

#include "errata-json-guard.h"
#include "errata-messages.h"
#include "errata-text-view.h"

struct _ErrataSynthTargetFields
{
  GtkWidget    parent_instance;

  GtkStack    *stack;
  GtkEntry    *chat_url_entry;
  GtkEntry    *chat_model_entry;
  GtkEntry    *chat_secret_entry;
  GtkTextView *chat_system_view;
  GtkEntry    *chat_tools_entry;
  GtkDropDown *http_method_dropdown;
  GtkEntry    *http_url_entry;
  GtkTextView *http_headers_view;
  GtkTextView *http_body_view;
  GtkEntry    *http_reply_entry;
  GtkEntry    *http_messages_entry;
  GtkEntry    *command_entry;
  GtkDropDown *command_input_dropdown;
};

G_DEFINE_FINAL_TYPE (ErrataSynthTargetFields, errata_synth_target_fields, GTK_TYPE_WIDGET)

/* In the order of the page's kind dropdown. */
static const char * const kinds[] = { "chat", "http", "command" };
static const char * const methods[] = { "POST", "PUT", "PATCH", "GET" };

static const char *
entry_text (GtkEntry *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static void
set_entry (GtkEntry   *entry,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

/* A member only when the field has something: an empty field is the
 * core's default. */
static void
set_if_given (JsonObject *definition,
              const char *member,
              const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped != '\0')
    json_object_set_string_member (definition, member, stripped);
}

static gboolean
form_error (GError     **error,
            const char  *field,
            const char  *what)
{
  /* Translators: a target form's error: "Body template: unexpected '}'". */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: %s"), field, what);
  return FALSE;
}

/* "Name: value" lines into {"Name": "value"}. */
static gboolean
read_headers (ErrataSynthTargetFields  *self,
              JsonObject               *definition,
              GError                  **error)
{
  g_autofree char *text = errata_text_view_dup_stripped (self->http_headers_view);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(JsonObject) headers = json_object_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *colon = strchr (line, ':');
      g_autofree char *where = NULL;

      if (*line == '\0')
        continue;
      if (colon == NULL || colon == line)
        {
          where = g_strdup_printf (_("Headers, line %u"), i + 1);
          return form_error (error, where, _("expected “Name: value”"));
        }
      *colon = '\0';
      json_object_set_string_member (headers, g_strstrip (line), g_strstrip (colon + 1));
    }
  if (json_object_get_size (headers) > 0)
    json_object_set_object_member (definition, "headers", g_steal_pointer (&headers));
  return TRUE;
}

static gboolean
read_http (ErrataSynthTargetFields  *self,
           JsonObject               *definition,
           GError                  **error)
{
  g_autofree char *body = errata_text_view_dup_stripped (self->http_body_view);
  guint method = gtk_drop_down_get_selected (self->http_method_dropdown);

  json_object_set_string_member (definition, "method",
                                 methods[MIN (method, G_N_ELEMENTS (methods) - 1)]);
  set_if_given (definition, "url", entry_text (self->http_url_entry));
  set_if_given (definition, "reply_pointer", entry_text (self->http_reply_entry));
  set_if_given (definition, "messages_pointer", entry_text (self->http_messages_entry));
  if (!read_headers (self, definition, error))
    return FALSE;
  if (*body != '\0')
    {
      g_autoptr(GError) local = NULL;
      JsonNode *node = errata_json_from_string (body, &local);

      if (node == NULL)
        return form_error (error, _("Body template"), local->message);
      json_object_set_member (definition, "body", node);
    }
  return TRUE;
}

static gboolean
read_command (ErrataSynthTargetFields  *self,
              JsonObject               *definition,
              GError                  **error)
{
  const char *line = entry_text (self->command_entry);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) local = NULL;
  JsonArray *command;

  json_object_set_string_member (definition, "input",
                                 gtk_drop_down_get_selected (self->command_input_dropdown) == 1
                                 ? "json" : "text");
  if (*line == '\0')
    return TRUE;   /* the core says a command is needed */
  if (!g_shell_parse_argv (line, NULL, &argv, &local))
    return form_error (error, _("Command"), local->message);
  command = json_array_new ();
  for (guint i = 0; argv[i] != NULL; i++)
    json_array_add_string_element (command, argv[i]);
  json_object_set_array_member (definition, "command", command);
  return TRUE;
}

static void
read_chat (ErrataSynthTargetFields *self,
           JsonObject              *definition)
{
  g_autofree char *system = errata_text_view_dup_stripped (self->chat_system_view);

  set_if_given (definition, "base_url", entry_text (self->chat_url_entry));
  set_if_given (definition, "model", entry_text (self->chat_model_entry));
  set_if_given (definition, "api_key_secret", entry_text (self->chat_secret_entry));
  set_if_given (definition, "tools_file", entry_text (self->chat_tools_entry));
  set_if_given (definition, "system", system);
}

/* Definition → fields ------------------------------------------------- */

/* A command line a person can read: words quoted only when they need it. */
static char *
command_line (JsonArray *command)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; command != NULL && i < json_array_get_length (command); i++)
    {
      const char *word = json_array_get_string_element (command, i);
      gboolean plain = word != NULL && *word != '\0';

      for (const char *c = word; plain && *c != '\0'; c++)
        plain = g_ascii_isalnum (*c) || strchr ("_./=:,@%+-", *c) != NULL;
      if (line->len > 0)
        g_string_append_c (line, ' ');
      if (plain)
        g_string_append (line, word);
      else
        {
          g_autofree char *quoted = g_shell_quote (word != NULL ? word : "");

          g_string_append (line, quoted);
        }
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static char *
headers_text (JsonObject *headers)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GList) names = headers != NULL ? json_object_get_members (headers) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    g_string_append_printf (text, "%s: %s\n", (const char *)l->data,
                            errata_json_member_string (headers, l->data, ""));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
index_of (const char * const *words,
          guint               n,
          const char         *word)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (words[i], word) == 0)
      return i;
  return 0;
}

static void
show_http (ErrataSynthTargetFields *self,
           JsonObject              *definition)
{
  JsonNode *body = json_object_get_member (definition, "body");
  g_autofree char *body_text = body != NULL && !JSON_NODE_HOLDS_NULL (body)
                               ? json_to_string (body, TRUE) : NULL;
  g_autofree char *headers = headers_text (errata_json_get_object (definition, "headers"));

  gtk_drop_down_set_selected (self->http_method_dropdown,
                              index_of (methods, G_N_ELEMENTS (methods),
                                        errata_json_member_string (definition, "method", "POST")));
  set_entry (self->http_url_entry, errata_json_member_string (definition, "url", NULL));
  set_entry (self->http_reply_entry, errata_json_member_string (definition, "reply_pointer", NULL));
  set_entry (self->http_messages_entry,
             errata_json_member_string (definition, "messages_pointer", NULL));
  errata_text_view_set_text (self->http_headers_view, headers);
  errata_text_view_set_text (self->http_body_view, body_text);
}

static void
show_chat (ErrataSynthTargetFields *self,
           JsonObject              *definition)
{
  set_entry (self->chat_url_entry, errata_json_member_string (definition, "base_url", NULL));
  set_entry (self->chat_model_entry, errata_json_member_string (definition, "model", NULL));
  set_entry (self->chat_secret_entry,
             errata_json_member_string (definition, "api_key_secret", NULL));
  set_entry (self->chat_tools_entry, errata_json_member_string (definition, "tools_file", NULL));
  errata_text_view_set_text (self->chat_system_view,
                             errata_json_member_string (definition, "system", NULL));
}

static void
show_command (ErrataSynthTargetFields *self,
              JsonObject              *definition)
{
  g_autofree char *command = command_line (errata_json_member_array (definition, "command"));

  set_entry (self->command_entry, command);
  gtk_drop_down_set_selected (self->command_input_dropdown,
                              g_strcmp0 (errata_json_member_string (definition, "input", "text"),
                                         "json") == 0);
}

void
errata_synth_target_fields_show (ErrataSynthTargetFields *self,
                                 JsonObject              *definition)
{
  g_return_if_fail (ERRATA_IS_SYNTH_TARGET_FIELDS (self));
  g_return_if_fail (definition != NULL);

  show_chat (self, definition);
  show_http (self, definition);
  show_command (self, definition);
}

gboolean
errata_synth_target_fields_read (ErrataSynthTargetFields  *self,
                                 const char               *kind,
                                 JsonObject               *definition,
                                 GError                  **error)
{
  g_return_val_if_fail (ERRATA_IS_SYNTH_TARGET_FIELDS (self), FALSE);
  g_return_val_if_fail (kind != NULL && definition != NULL, FALSE);

  if (g_str_equal (kind, "http"))
    return read_http (self, definition, error);
  if (g_str_equal (kind, "command"))
    return read_command (self, definition, error);
  read_chat (self, definition);
  return TRUE;
}

const char *
errata_synth_target_fields_kind_at (guint position)
{
  return kinds[MIN (position, G_N_ELEMENTS (kinds) - 1)];
}

guint
errata_synth_target_fields_kind_position (const char *kind)
{
  return index_of (kinds, G_N_ELEMENTS (kinds), kind);
}

void
errata_synth_target_fields_set_kind (ErrataSynthTargetFields *self,
                                     const char              *kind)
{
  g_return_if_fail (ERRATA_IS_SYNTH_TARGET_FIELDS (self));
  g_return_if_fail (kind != NULL);

  gtk_stack_set_visible_child_name (self->stack, kind);
}

void
errata_synth_target_fields_set_tools_file (ErrataSynthTargetFields *self,
                                           GFile                   *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ERRATA_IS_SYNTH_TARGET_FIELDS (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path != NULL)
    set_entry (self->chat_tools_entry, path);
}

/* GObject -------------------------------------------------------------- */

static void
errata_synth_target_fields_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ERRATA_TYPE_SYNTH_TARGET_FIELDS);
  G_OBJECT_CLASS (errata_synth_target_fields_parent_class)->dispose (object);
}

static void
errata_synth_target_fields_class_init (ErrataSynthTargetFieldsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_synth_target_fields_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-synth-target-fields.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ErrataSynthTargetFields, name)
  BIND (stack);
  BIND (chat_url_entry);
  BIND (chat_model_entry);
  BIND (chat_secret_entry);
  BIND (chat_system_view);
  BIND (chat_tools_entry);
  BIND (http_method_dropdown);
  BIND (http_url_entry);
  BIND (http_headers_view);
  BIND (http_body_view);
  BIND (http_reply_entry);
  BIND (http_messages_entry);
  BIND (command_entry);
  BIND (command_input_dropdown);
#undef BIND
}

static void
errata_synth_target_fields_init (ErrataSynthTargetFields *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
