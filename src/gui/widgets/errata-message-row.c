/* errata-message-row.c: one message of a conversation.
 *
 * A header (role, name, position, and a badge when the message is the
 * first failure) above the content: Markdown for user, assistant and
 * system text, and one expandable block per tool call or tool result
 * with its JSON pretty-printed. A system prompt is long and the same in
 * every trace, so it starts collapsed; so do large tool payloads. What is
 * collapsed is built only when first expanded, which keeps a 300-message
 * trace cheap to show.
 *
 * The row is focusable and activatable (Enter, Space, or a click on the
 * header); the trace view turns that into message-activated.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-json-view.h"
#include "errata-markdown.h"
#include "errata-message-row.h"
#include "errata-text-view.h"

/* Payloads up to this size start expanded: a short tool call is the
 * story of the trace, a 40 kB search result is not. */
#define EXPANDED_PAYLOAD_MAX 900

#define PAYLOAD_KEY "errata-payload"
#define MARKDOWN_KEY "errata-markdown"

struct _ErrataMessageRow
{
  GtkWidget        parent_instance;

  guint            index;
  char            *role;
  gboolean         first_failure;
  GtkTextTagTable *tags;
  GtkTextBuffer   *text_buffer;   /* the rendered content, once built */
  GPtrArray       *blocks;        /* GtkExpander, borrowed */

  GtkWidget       *box;
  GtkLabel        *role_label;
  GtkLabel        *name_label;
  GtkWidget       *first_failure_label;
  GtkLabel        *index_label;
  GtkBox          *content;
};

G_DEFINE_FINAL_TYPE (ErrataMessageRow, errata_message_row, GTK_TYPE_WIDGET)

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Message fields ------------------------------------------------------ */

static void
append_part_text (GString  *text,
                  JsonNode *part)
{
  JsonObject *object;
  const char *piece;

  if (JSON_NODE_HOLDS_VALUE (part) && json_node_get_value_type (part) == G_TYPE_STRING)
    piece = json_node_get_string (part);
  else if (JSON_NODE_HOLDS_OBJECT (part) &&
           (object = json_node_get_object (part)) &&
           json_object_has_member (object, "text"))
    piece = json_object_get_string_member_with_default (object, "text", NULL);
  else
    piece = NULL;
  if (piece == NULL)
    return;
  if (text->len > 0)
    g_string_append (text, "\n\n");
  g_string_append (text, piece);
}

/**
 * errata_message_dup_content:
 *
 * The text of a message. Normalised messages carry a string; a source
 * that kept content parts ([{type: text, text}]) gets them joined, and
 * anything else is shown as compact JSON rather than dropped.
 *
 * Returns: (nullable): the text, or %NULL when there is none
 */
char *
errata_message_dup_content (JsonObject *message)
{
  JsonNode *content = json_object_get_member (message, "content");
  g_autoptr(GString) text = NULL;

  if (content == NULL || JSON_NODE_HOLDS_NULL (content))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (content))
    return json_node_get_value_type (content) == G_TYPE_STRING
           ? g_strdup (json_node_get_string (content))
           : errata_json_compact (content);
  if (!JSON_NODE_HOLDS_ARRAY (content))
    return errata_json_compact (content);
  text = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (content)); i++)
    append_part_text (text, json_array_get_element (json_node_get_array (content), i));
  return text->len > 0 ? g_strdup (text->str) : NULL;
}

static const char *
role_title (const char *role)
{
  if (g_strcmp0 (role, "user") == 0)
    return _("User");
  if (g_strcmp0 (role, "assistant") == 0)
    return _("Assistant");
  if (g_strcmp0 (role, "tool") == 0)
    return _("Tool");
  if (g_strcmp0 (role, "system") == 0)
    return _("System");
  return NULL;
}

/**
 * errata_message_dup_label:
 * @index: 0-based
 *
 * The accessible name of a message, numbered from 1 as people count:
 * "Assistant message 3".
 */
char *
errata_message_dup_label (const char *role,
                          guint       index)
{
  const char *title = role_title (role);

  if (title != NULL)
    /* Translators: the first %s is a role (User, Assistant, Tool, System). */
    return g_strdup_printf (_("%s message %u"), title, index + 1);
  /* Translators: %s is a role name the source used, such as "agent". */
  return g_strdup_printf (_("Message %u (%s)"), index + 1, role ? role : "?");
}

/* Content ------------------------------------------------------------- */

static GtkWidget *
new_text_view (ErrataMessageRow *self,
               const char       *text,
               gboolean          markdown)
{
  GtkWidget *view;

  g_clear_object (&self->text_buffer);
  self->text_buffer = gtk_text_buffer_new (self->tags);
  if (markdown)
    errata_markdown_render (self->text_buffer, text, -1);
  else
    errata_markdown_render_plain (self->text_buffer, text, -1);
  view = errata_text_view_new (self->text_buffer);
  gtk_widget_add_css_class (view, "message-text");
  errata_markdown_attach_links (GTK_TEXT_VIEW (view));
  return view;
}

/* A block's child is made on first expansion. */
static GtkWidget *
build_block_child (ErrataMessageRow *self,
                   GtkExpander      *expander)
{
  const char *payload = g_object_get_data (G_OBJECT (expander), PAYLOAD_KEY);
  GtkWidget *child;

  if (g_object_get_data (G_OBJECT (expander), MARKDOWN_KEY) != NULL)
    child = new_text_view (self, payload, TRUE);
  else
    {
      /* A small payload, on show from the start, in a plain text view; a
       * large one, expanded by the reader, highlighted. */
      child = strlen (payload) <= EXPANDED_PAYLOAD_MAX ? errata_json_view_new_plain ()
                                                       : errata_json_view_new ();
      errata_json_view_set_text (ERRATA_JSON_VIEW (child), payload);
    }
  gtk_widget_add_css_class (child, "block-content");
  gtk_expander_set_child (expander, child);
  return child;
}

static void
on_block_expanded (GtkExpander      *expander,
                   GParamSpec       *pspec,
                   ErrataMessageRow *self)
{
  if (gtk_expander_get_expanded (expander) && gtk_expander_get_child (expander) == NULL)
    build_block_child (self, expander);
}

static GtkWidget *
new_block_title (const char *icon_name,
                 const char *title,
                 const char *detail,
                 gboolean    monospace_title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *title_label = gtk_label_new (title);

  gtk_widget_add_css_class (icon, "block-icon");
  gtk_widget_add_css_class (title_label, "block-title");
  if (monospace_title)
    gtk_widget_add_css_class (title_label, "monospace");
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), title_label);
  if (detail != NULL)
    {
      GtkWidget *detail_label = gtk_label_new (detail);

      gtk_widget_add_css_class (detail_label, "dim-label");
      gtk_widget_add_css_class (detail_label, "caption");
      gtk_label_set_ellipsize (GTK_LABEL (detail_label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), detail_label);
    }
  return box;
}

static GtkWidget *
add_block (ErrataMessageRow *self,
           GtkWidget        *title,
           const char       *accessible_name,
           const char       *payload,
           gboolean          markdown,
           gboolean          expanded)
{
  GtkWidget *expander = gtk_expander_new (NULL);

  gtk_expander_set_label_widget (GTK_EXPANDER (expander), title);
  gtk_widget_add_css_class (expander, "message-block");
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  g_object_set_data_full (G_OBJECT (expander), PAYLOAD_KEY, g_strdup (payload), g_free);
  if (markdown)
    g_object_set_data (G_OBJECT (expander), MARKDOWN_KEY, GINT_TO_POINTER (TRUE));
  g_signal_connect_object (expander, "notify::expanded",
                           G_CALLBACK (on_block_expanded), self, 0);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), expanded);
  gtk_box_append (self->content, expander);
  g_ptr_array_add (self->blocks, expander);
  return expander;
}

/* What a collapsed block holds: lines for prose, the size for a payload
 * (a JSON result is often one long line before it is pretty-printed). */
static char *
dup_size_detail (const char *payload,
                 gboolean    count_lines)
{
  g_autofree char *size = g_format_size (strlen (payload));
  guint lines = 1;

  if (!count_lines)
    return g_steal_pointer (&size);
  for (const char *p = payload; *p; p++)
    lines += *p == '\n';
  /* Translators: the size of a collapsed block, e.g. "12 lines, 3.4 kB". */
  return g_strdup_printf (ngettext ("%u line, %s", "%u lines, %s", lines), lines, size);
}

/* Tool calls ---------------------------------------------------------- */

static char *
dup_arguments (JsonObject *call)
{
  JsonNode *arguments = json_object_get_member (call, "arguments");

  if (arguments == NULL || JSON_NODE_HOLDS_NULL (arguments))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (arguments) && json_node_get_value_type (arguments) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (arguments));
  return errata_json_compact (arguments);
}

static void
add_tool_call (ErrataMessageRow *self,
               JsonNode         *node)
{
  JsonObject *call = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonObject *function;
  g_autofree char *arguments = NULL;
  g_autofree char *accessible = NULL;
  const char *name;

  if (call == NULL)
    return;
  /* The raw OpenAI shape nests name and arguments under "function". */
  function = json_object_has_member (call, "function") &&
             JSON_NODE_HOLDS_OBJECT (json_object_get_member (call, "function"))
             ? json_object_get_object_member (call, "function") : call;
  name = json_object_get_string_member_with_default (function, "name", "?");
  arguments = dup_arguments (function);
  /* Translators: %s is the name of the tool the model called. */
  accessible = g_strdup_printf (_("Tool call %s"), name);
  add_block (self,
             new_block_title ("system-run-symbolic", name,
                              json_object_get_string_member_with_default (call, "id", NULL),
                              TRUE),
             accessible, arguments, FALSE, strlen (arguments) <= EXPANDED_PAYLOAD_MAX);
}

static void
add_tool_calls (ErrataMessageRow *self,
                JsonObject       *message)
{
  JsonNode *calls = json_object_get_member (message, "tool_calls");

  if (calls == NULL || !JSON_NODE_HOLDS_ARRAY (calls))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (calls)); i++)
    add_tool_call (self, json_array_get_element (json_node_get_array (calls), i));
}

static void
add_tool_result (ErrataMessageRow *self,
                 const char       *tool_name,
                 const char       *content)
{
  g_autofree char *detail = dup_size_detail (content, FALSE);
  g_autofree char *title = NULL;

  /* Translators: %s is the tool whose answer this block shows. */
  title = tool_name ? g_strdup_printf (_("Result of %s"), tool_name) : g_strdup (_("Result"));
  add_block (self, new_block_title ("mail-reply-sender-symbolic", title, detail, FALSE),
             title, content, FALSE, strlen (content) <= EXPANDED_PAYLOAD_MAX);
}

static void
add_system_prompt (ErrataMessageRow *self,
                   const char       *content)
{
  g_autofree char *detail = dup_size_detail (content, TRUE);

  add_block (self,
             new_block_title ("format-justify-left-symbolic", _("System prompt"), detail, FALSE),
             _("System prompt"), content, TRUE, FALSE);
}

static void
fill_content (ErrataMessageRow *self,
              JsonObject       *message,
              const char       *tool_name)
{
  g_autofree char *content = errata_message_dup_content (message);

  if (g_strcmp0 (self->role, "system") == 0 && content != NULL)
    add_system_prompt (self, content);
  else if (g_strcmp0 (self->role, "tool") == 0)
    add_tool_result (self, tool_name, content ? content : "");
  else if (content != NULL && *content != '\0')
    gtk_box_append (self->content, new_text_view (self, content, TRUE));
  add_tool_calls (self, message);
}

/* Header -------------------------------------------------------------- */

static void
fill_header (ErrataMessageRow *self,
             JsonObject       *message,
             const char       *tool_name)
{
  const char *title = role_title (self->role);
  const char *name = json_object_get_string_member_with_default (message, "name", NULL);
  g_autofree char *position = g_strdup_printf ("#%u", self->index + 1);
  g_autofree char *label = errata_message_dup_label (self->role, self->index);
  g_autofree char *role_class = g_strdup_printf ("role-%s", title ? self->role : "other");

  gtk_label_set_text (self->role_label, title ? title : self->role);
  /* A tool result's block already says which tool answered. */
  if (name != NULL && g_strcmp0 (name, tool_name) != 0)
    {
      gtk_label_set_text (self->name_label, name);
      gtk_widget_set_visible (GTK_WIDGET (self->name_label), TRUE);
    }
  gtk_label_set_text (self->index_label, position);
  gtk_widget_add_css_class (GTK_WIDGET (self), role_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* Activation ---------------------------------------------------------- */

static void
on_header_released (GtkGestureClick  *gesture,
                    int               n_press,
                    double            x,
                    double            y,
                    ErrataMessageRow *self)
{
  if (n_press != 1)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  g_signal_emit (self, signals[ACTIVATED], 0);
}

static void
setup_activation (ErrataMessageRow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_header_released), self);
  gtk_widget_add_controller (self->box, GTK_EVENT_CONTROLLER (click));
}

/* Size ---------------------------------------------------------------- */

/* Text views are ErrataTextView (and ErrataJsonView), whose height is
 * right on their first frame and after a change of width. */
static void
errata_message_row_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  ErrataMessageRow *self = ERRATA_MESSAGE_ROW (widget);

  gtk_widget_measure (self->box, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
errata_message_row_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  ErrataMessageRow *self = ERRATA_MESSAGE_ROW (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
}

static GtkSizeRequestMode
errata_message_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* GObject ------------------------------------------------------------- */

static void
errata_message_row_dispose (GObject *object)
{
  ErrataMessageRow *self = ERRATA_MESSAGE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_MESSAGE_ROW);
  g_clear_object (&self->text_buffer);
  g_clear_object (&self->tags);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);

  G_OBJECT_CLASS (errata_message_row_parent_class)->dispose (object);
}

static void
errata_message_row_finalize (GObject *object)
{
  ErrataMessageRow *self = ERRATA_MESSAGE_ROW (object);

  g_free (self->role);

  G_OBJECT_CLASS (errata_message_row_parent_class)->finalize (object);
}

static void
errata_message_row_class_init (ErrataMessageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_message_row_dispose;
  object_class->finalize = errata_message_row_finalize;

  /**
   * ErrataMessageRow::activated:
   *
   * The user clicked the message's header or pressed Enter or Space on it.
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[ACTIVATED]);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Return, 0, "activated", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_KP_Enter, 0, "activated", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_space, 0, "activated", NULL);

  widget_class->measure = errata_message_row_measure;
  widget_class->size_allocate = errata_message_row_size_allocate;
  widget_class->get_request_mode = errata_message_row_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "messagerow");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-message-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataMessageRow, box);
  gtk_widget_class_bind_template_child (widget_class, ErrataMessageRow, role_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataMessageRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataMessageRow, first_failure_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataMessageRow, index_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataMessageRow, content);
}

static void
errata_message_row_init (ErrataMessageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->blocks = g_ptr_array_new ();
  setup_activation (self);
}

/* API ----------------------------------------------------------------- */

/**
 * errata_message_row_new:
 * @index: the message's 0-based position in the trace
 * @message: a normalised message
 * @tool_name: (nullable): for a tool result, the name of the call it
 *   answers (the trace view matches tool_call_id to the call)
 * @tags: the Markdown tag table, shared by the rows of one trace
 */
GtkWidget *
errata_message_row_new (guint            index,
                        JsonObject      *message,
                        const char      *tool_name,
                        GtkTextTagTable *tags)
{
  ErrataMessageRow *self;

  g_return_val_if_fail (message != NULL, NULL);
  g_return_val_if_fail (GTK_IS_TEXT_TAG_TABLE (tags), NULL);

  self = g_object_new (ERRATA_TYPE_MESSAGE_ROW, NULL);
  self->index = index;
  self->role = g_strdup (json_object_get_string_member_with_default (message, "role", "?"));
  self->tags = g_object_ref (tags);
  fill_header (self, message, tool_name);
  fill_content (self, message, tool_name);
  return GTK_WIDGET (self);
}

guint
errata_message_row_get_index (ErrataMessageRow *self)
{
  g_return_val_if_fail (ERRATA_IS_MESSAGE_ROW (self), 0);
  return self->index;
}

const char *
errata_message_row_get_role (ErrataMessageRow *self)
{
  g_return_val_if_fail (ERRATA_IS_MESSAGE_ROW (self), NULL);
  return self->role;
}

gboolean
errata_message_row_get_first_failure (ErrataMessageRow *self)
{
  g_return_val_if_fail (ERRATA_IS_MESSAGE_ROW (self), FALSE);
  return self->first_failure;
}

void
errata_message_row_set_first_failure (ErrataMessageRow *self,
                                      gboolean          first_failure)
{
  g_return_if_fail (ERRATA_IS_MESSAGE_ROW (self));

  first_failure = !!first_failure;
  if (self->first_failure == first_failure)
    return;
  self->first_failure = first_failure;
  gtk_widget_set_visible (self->first_failure_label, first_failure);
  if (first_failure)
    gtk_widget_add_css_class (GTK_WIDGET (self), "first-failure");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "first-failure");
}

/* Expands (and builds) every block: the system prompt, tool calls and
 * results. */
void
errata_message_row_set_expanded (ErrataMessageRow *self,
                                 gboolean          expanded)
{
  g_return_if_fail (ERRATA_IS_MESSAGE_ROW (self));

  for (guint i = 0; i < self->blocks->len; i++)
    gtk_expander_set_expanded (g_ptr_array_index (self->blocks, i), expanded);
}

/**
 * errata_message_row_get_text_buffer:
 *
 * Returns: (nullable) (transfer none): the buffer of the last text built
 *   (the message's Markdown, or an expanded system prompt)
 */
GtkTextBuffer *
errata_message_row_get_text_buffer (ErrataMessageRow *self)
{
  g_return_val_if_fail (ERRATA_IS_MESSAGE_ROW (self), NULL);
  return self->text_buffer;
}

guint
errata_message_row_get_n_blocks (ErrataMessageRow *self)
{
  g_return_val_if_fail (ERRATA_IS_MESSAGE_ROW (self), 0);
  return self->blocks->len;
}

/**
 * errata_message_row_get_block_child:
 *
 * Returns: (transfer none): the content of a tool call, tool result or
 *   system prompt block (an #ErrataJsonView or a #GtkTextView), built now
 *   if the block was never expanded
 */
GtkWidget *
errata_message_row_get_block_child (ErrataMessageRow *self,
                                    guint             block)
{
  GtkExpander *expander;

  g_return_val_if_fail (ERRATA_IS_MESSAGE_ROW (self), NULL);
  g_return_val_if_fail (block < self->blocks->len, NULL);

  expander = g_ptr_array_index (self->blocks, block);
  if (gtk_expander_get_child (expander) == NULL)
    return build_block_child (self, expander);
  return gtk_expander_get_child (expander);
}
