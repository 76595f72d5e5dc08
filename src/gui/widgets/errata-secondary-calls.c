/* errata-secondary-calls.c: the other LLM calls of a trace.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An imported trace keeps, beside its conversation, the calls to the model
 * that were not steps of it (a title generated after a chat, a summary, a
 * router), in metadata.secondary_calls: [{name, span_id, messages}]. This
 * page of the trace view lists them, one expander per call with its
 * messages as plain text.
 */

#include "config.h"

#include "errata-secondary-calls.h"

#include <adwaita.h>
#include <glib/gi18n.h>

struct _ErrataSecondaryCalls
{
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkBox    *calls_box;
};

G_DEFINE_FINAL_TYPE (ErrataSecondaryCalls, errata_secondary_calls, GTK_TYPE_WIDGET)

static void
errata_secondary_calls_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ERRATA_TYPE_SECONDARY_CALLS);
  G_OBJECT_CLASS (errata_secondary_calls_parent_class)->dispose (object);
}

static void
errata_secondary_calls_class_init (ErrataSecondaryCallsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_secondary_calls_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-secondary-calls.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataSecondaryCalls, scroller);
  gtk_widget_class_bind_template_child (widget_class, ErrataSecondaryCalls, calls_box);
}

static void
errata_secondary_calls_init (ErrataSecondaryCalls *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
errata_secondary_calls_new (void)
{
  return g_object_new (ERRATA_TYPE_SECONDARY_CALLS, NULL);
}

static const char *
member_string (JsonObject *object,
               const char *key)
{
  JsonNode *node = object ? json_object_get_member (object, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static GtkWidget *
message_label (JsonObject *message)
{
  const char *role = member_string (message, "role");
  const char *content = member_string (message, "content");
  g_autofree char *text = g_strdup_printf ("%s: %s", role ? role : "?", content ? content : "");
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

static GtkWidget *
call_expander (JsonObject *call)
{
  JsonNode *node = json_object_get_member (call, "messages");
  JsonArray *messages = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint n = messages ? json_array_get_length (messages) : 0;
  const char *name = member_string (call, "name");
  /* Translators: one call to a language model; %s is its name in the
   * trace (e.g. “chat gpt-4o”), %u the number of its messages. */
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u message)",
                                                         "%s (%u messages)", n),
                                            name && *name ? name : _("LLM call"), n);
  GtkWidget *expander = gtk_expander_new (title);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_top (box, 6);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (messages, i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        gtk_box_append (GTK_BOX (box), message_label (json_node_get_object (element)));
    }
  gtk_expander_set_child (GTK_EXPANDER (expander), box);
  return expander;
}

guint
errata_secondary_calls_set_trace (ErrataSecondaryCalls *self,
                                  ErrataTrace          *trace)
{
  JsonObject *metadata;
  JsonNode *node;
  JsonArray *calls;
  GtkWidget *child;
  guint n = 0;

  g_return_val_if_fail (ERRATA_IS_SECONDARY_CALLS (self), 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->calls_box))) != NULL)
    gtk_box_remove (self->calls_box, child);
  metadata = trace ? errata_trace_get_metadata (trace) : NULL;
  node = metadata ? json_object_get_member (metadata, "secondary_calls") : NULL;
  calls = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  for (guint i = 0; calls && i < json_array_get_length (calls); i++)
    {
      JsonNode *element = json_array_get_element (calls, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      gtk_box_append (self->calls_box, call_expander (json_node_get_object (element)));
      n++;
    }
  return n;
}
