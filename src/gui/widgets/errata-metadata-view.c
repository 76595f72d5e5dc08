/* errata-metadata-view.c: a trace's facts and metadata as key/value rows.
 *
 * Three boxed lists: what Errata knows about the trace (id, source, the
 * flashlight metrics), the metadata the source carried (nested values as
 * one line of compact JSON), and the tools the application offered.
 * Every label is plain text and selectable, so any value can be copied.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "errata-json-view.h"
#include "errata-metadata-view.h"
#include "errata-date.h"

struct _ErrataMetadataView
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkListBox *trace_list;
  GtkListBox *metadata_list;
  GtkListBox *tools_list;
  GtkWidget  *tools_heading;
};

G_DEFINE_FINAL_TYPE (ErrataMetadataView, errata_metadata_view, GTK_TYPE_WIDGET)

/* Rows ---------------------------------------------------------------- */

static GtkWidget *
new_value_label (const char *text,
                 const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
add_row (GtkListBox *list,
         const char *key,
         const char *value,
         gboolean    monospace)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *key_label = new_value_label (key, "dim-label");
  GtkWidget *value_label = new_value_label (value, monospace ? "monospace" : NULL);

  gtk_widget_add_css_class (box, "metadata-row");
  gtk_label_set_width_chars (GTK_LABEL (key_label), 14);
  gtk_label_set_max_width_chars (GTK_LABEL (key_label), 20);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_box_append (GTK_BOX (box), key_label);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, key, -1);
  gtk_list_box_append (list, row);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
set_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "metadata-placeholder");
  gtk_list_box_set_placeholder (list, label);
}

/* The trace ----------------------------------------------------------- */

static void
add_number_row (GtkListBox *list,
                const char *key,
                gint64      value)
{
  g_autofree char *text = g_strdup_printf ("%'" PRId64, value);

  add_row (list, key, text, FALSE);
}

static void
add_imported_row (GtkListBox  *list,
                  ErrataTrace *trace)
{
  g_autofree char *text = errata_date_format_usec (errata_trace_get_imported_at (trace));

  if (text != NULL)
    add_row (list, _("Imported"), text, FALSE);
}

/* Metrics a source did not record stay out of the list rather than show
 * a misleading zero. */
static void
add_usage_rows (GtkListBox  *list,
                ErrataTrace *trace)
{
  gint64 latency = errata_trace_get_latency_ms (trace);
  gint64 tokens_in = errata_trace_get_tokens_in (trace);
  gint64 tokens_out = errata_trace_get_tokens_out (trace);

  if (latency > 0)
    {
      /* Translators: a duration in seconds. */
      g_autofree char *text = g_strdup_printf (_("%.2f s"), latency / 1000.0);

      add_row (list, _("Latency"), text, FALSE);
    }
  if (tokens_in > 0 || tokens_out > 0)
    {
      /* Translators: prompt and completion token counts. */
      g_autofree char *text = g_strdup_printf (_("%'" PRId64 " in, %'" PRId64 " out"),
                                               tokens_in, tokens_out);

      add_row (list, _("Tokens"), text, FALSE);
    }
  if (errata_trace_get_cost (trace) > 0)
    {
      g_autofree char *text = g_strdup_printf ("$%.4f", errata_trace_get_cost (trace));

      add_row (list, _("Cost"), text, FALSE);
    }
}

static void
fill_trace (ErrataMetadataView *self,
            ErrataTrace        *trace)
{
  const char *source = errata_trace_get_source (trace);

  add_row (self->trace_list, _("ID"), errata_trace_get_external_id (trace), TRUE);
  if (source != NULL && *source != '\0')
    add_row (self->trace_list, _("Source"), source, FALSE);
  add_imported_row (self->trace_list, trace);
  add_number_row (self->trace_list, _("Messages"), errata_trace_get_n_messages (trace));
  add_number_row (self->trace_list, _("Tool calls"), errata_trace_get_n_tool_calls (trace));
  add_number_row (self->trace_list, _("Output length"), errata_trace_get_output_chars (trace));
  add_usage_rows (self->trace_list, trace);
}

/* Metadata and tools -------------------------------------------------- */

static void
add_metadata_member (JsonObject  *object,
                     const char  *key,
                     JsonNode    *node,
                     gpointer     data)
{
  ErrataMetadataView *self = data;
  g_autofree char *compact = NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      add_row (self->metadata_list, key, json_node_get_string (node), FALSE);
      return;
    }
  compact = errata_json_compact (node);
  add_row (self->metadata_list, key, compact, !JSON_NODE_HOLDS_VALUE (node));
}

static void
add_tool (ErrataMetadataView *self,
          JsonNode           *node)
{
  JsonObject *tool = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonObject *function = NULL;
  const char *name, *description;

  if (tool == NULL)
    return;
  /* OpenAI nests the definition under "function"; others do not. */
  function = json_object_has_member (tool, "function") &&
             JSON_NODE_HOLDS_OBJECT (json_object_get_member (tool, "function"))
             ? json_object_get_object_member (tool, "function") : tool;
  name = json_object_get_string_member_with_default (function, "name", NULL);
  description = json_object_get_string_member_with_default (function, "description", "");
  if (name != NULL)
    add_row (self->tools_list, name, description, FALSE);
}

static void
fill_tools (ErrataMetadataView *self,
            ErrataTrace        *trace)
{
  JsonArray *tools = errata_trace_get_tools (trace);
  guint n = tools != NULL ? json_array_get_length (tools) : 0;

  for (guint i = 0; i < n; i++)
    add_tool (self, json_array_get_element (tools, i));
  gtk_widget_set_visible (self->tools_heading, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->tools_list), n > 0);
}

/* GObject ------------------------------------------------------------- */

static void
errata_metadata_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ERRATA_TYPE_METADATA_VIEW);

  G_OBJECT_CLASS (errata_metadata_view_parent_class)->dispose (object);
}

static void
errata_metadata_view_class_init (ErrataMetadataViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_metadata_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-metadata-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataMetadataView, box);
  gtk_widget_class_bind_template_child (widget_class, ErrataMetadataView, trace_list);
  gtk_widget_class_bind_template_child (widget_class, ErrataMetadataView, metadata_list);
  gtk_widget_class_bind_template_child (widget_class, ErrataMetadataView, tools_list);
  gtk_widget_class_bind_template_child (widget_class, ErrataMetadataView, tools_heading);
}

static void
errata_metadata_view_init (ErrataMetadataView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_placeholder (self->metadata_list, _("The source recorded no metadata"));
}

GtkWidget *
errata_metadata_view_new (void)
{
  return g_object_new (ERRATA_TYPE_METADATA_VIEW, NULL);
}

/**
 * errata_metadata_view_set_trace:
 * @trace: (nullable): a full trace, or %NULL to empty the view
 */
void
errata_metadata_view_set_trace (ErrataMetadataView *self,
                                ErrataTrace        *trace)
{
  JsonObject *metadata;

  g_return_if_fail (ERRATA_IS_METADATA_VIEW (self));
  g_return_if_fail (trace == NULL || ERRATA_IS_TRACE (trace));

  clear_list (self->trace_list);
  clear_list (self->metadata_list);
  clear_list (self->tools_list);
  if (trace == NULL)
    return;
  fill_trace (self, trace);
  metadata = errata_trace_get_metadata (trace);
  if (metadata != NULL)
    json_object_foreach_member (metadata, add_metadata_member, self);
  fill_tools (self, trace);
}
