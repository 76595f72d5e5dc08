/* errata-trace-view.c: one trace, read as a conversation.
 *
 * Three pages: the conversation (one ErrataMessageRow per message), the
 * metadata (ErrataMetadataView) and the raw record (the trace as pretty
 * JSON, built the first time that page is shown).
 *
 * The reviewer moves to the next trace with one key, and the first frame
 * after that must show the conversation, not an empty page filling in,
 * and come quickly. So set_trace() builds the rows that fill the viewport
 * at once, and the rest (of a typical trace too) in the frame after the
 * one that shows them (a big trace's in a few slices, a frame each); a
 * message asked for by number or by keyboard is built at once with the
 * rows above it. What is collapsed (system prompts, large tool payloads)
 * is built only when expanded. Rows lay out their text on their first frame (see
 * errata-message-row.c). Rows are never recycled, so their state
 * (expanded blocks, selection) is theirs to keep.
 *
 * Building the rows (the first screen, then the rest) is in
 * errata-trace-view-build.c, over errata-trace-view-private.h.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "errata-trace-view-private.h"
#include "errata-json-view.h"
#include "errata-markdown.h"
#include "errata-message-row.h"
#include "errata-metadata-view.h"
#include "errata-secondary-calls.h"

G_DEFINE_FINAL_TYPE (ErrataTraceView, errata_trace_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TRACE,
  PROP_FIRST_FAILURE,
  PROP_LOADING,
  N_PROPS
};

enum {
  MESSAGE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_errata_trace_view_emit_message_activated (ErrataTraceView *self,
                                           int              index)
{
  g_signal_emit (self, signals[MESSAGE_ACTIVATED], 0, index);
}

void
_errata_trace_view_notify_loading (ErrataTraceView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}


/* Style --------------------------------------------------------------- */

/* The view brings its own style sheet, so it looks the same in the app,
 * in a test, or embedded anywhere else. */
static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "errata-trace-view-css"))
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/errata/Errata/errata-trace-view.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "errata-trace-view-css",
                          g_steal_pointer (&provider), g_object_unref);
}

static void
update_dark (ErrataTraceView *self)
{
  if (self->tags != NULL)
    errata_markdown_set_dark (self->tags, adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

/* Tool names ---------------------------------------------------------- */

static void
index_tool_call (GHashTable *names,
                 JsonNode   *node)
{
  JsonObject *call = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonObject *function;
  const char *id, *name;

  if (call == NULL)
    return;
  function = json_object_has_member (call, "function") &&
             JSON_NODE_HOLDS_OBJECT (json_object_get_member (call, "function"))
             ? json_object_get_object_member (call, "function") : call;
  id = json_object_get_string_member_with_default (call, "id", NULL);
  name = json_object_get_string_member_with_default (function, "name", NULL);
  if (id != NULL && name != NULL)
    g_hash_table_insert (names, (char *) id, (char *) name);
}

/* A tool result names only the call it answers; the call has the name. */
static GHashTable *
index_tool_names (JsonArray *messages)
{
  GHashTable *names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; messages != NULL && i < json_array_get_length (messages); i++)
    {
      JsonNode *node = json_array_get_element (messages, i);
      JsonArray *calls;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !json_object_has_member (json_node_get_object (node), "tool_calls") ||
          !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (node), "tool_calls")))
        continue;
      calls = json_object_get_array_member (json_node_get_object (node), "tool_calls");
      for (guint c = 0; c < json_array_get_length (calls); c++)
        index_tool_call (names, json_array_get_element (calls, c));
    }
  return names;
}

/* Scrolling ----------------------------------------------------------- */

/* Rows above the target (and the target itself) may still grow while
 * their text is laid out, so the scroll is re-aimed each frame until the
 * target position and the content height have held still for a few
 * frames. */
static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  ErrataTraceView *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkWidget *row = errata_trace_view_get_message_row (self, self->scroll_target);
  graphene_point_t point;
  double value, upper;

  if (row == NULL || ++self->scroll_frames > SCROLL_MAX_FRAMES ||
      !gtk_widget_compute_point (row, self->messages_box, &GRAPHENE_POINT_INIT (0, 0), &point))
    goto done;
  if (gtk_widget_get_height (row) == 0)
    return G_SOURCE_CONTINUE;
  value = MAX (point.y - 12, 0);
  upper = gtk_adjustment_get_upper (adjustment);
  gtk_adjustment_set_value (adjustment, value);
  if (G_APPROX_VALUE (value, self->scroll_last, 0.5) && G_APPROX_VALUE (upper, self->scroll_upper, 0.5))
    self->scroll_stable++;
  else
    self->scroll_stable = 0;
  self->scroll_last = value;
  self->scroll_upper = upper;
  if (self->scroll_stable < SCROLL_STABLE_FRAMES)
    return G_SOURCE_CONTINUE;

done:
  self->scroll_tick = 0;
  self->scroll_target = -1;
  return G_SOURCE_REMOVE;
}

void
_errata_trace_view_scroll_to_row (ErrataTraceView *self,
               int              index)
{
  self->scroll_target = index;
  self->scroll_frames = 0;
  self->scroll_stable = 0;
  self->scroll_last = -1;
  self->scroll_upper = -1;
  if (self->scroll_tick == 0 && errata_trace_view_get_message_row (self, index) != NULL)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->scroller),
                                                      scroll_tick, self, NULL);
}

static void
stop_scrolling (ErrataTraceView *self)
{
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->scroller), self->scroll_tick);
  self->scroll_tick = 0;
  self->scroll_target = -1;
}

/* Keys ---------------------------------------------------------------- */

/* With the focus in the conversation, Up and Down belong to it: they read
 * on through a message taller than the view, and move to the next
 * message once its end is on screen. They never reach the Traces page,
 * whose Down means the next trace. Alt+Up/Down and [ / ] always move a
 * whole message. */
static gboolean
conversation_is_shown (ErrataTraceView *self)
{
  return self->trace != NULL &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "conversation") == 0;
}

/* A key pressed while the view is still on its way to a message (rows
 * being laid out, the scroll re-aimed each frame) starts from where that
 * scroll ends, not from wherever it is: on a slow machine the reader
 * would otherwise skip the long message they were taken to. */
static void
finish_scrolling (ErrataTraceView *self)
{
  GtkWidget *row;
  graphene_point_t point;

  if (self->scroll_tick == 0)
    return;
  row = errata_trace_view_get_message_row (self, self->scroll_target);
  if (row != NULL && gtk_widget_get_height (row) > 0 &&
      gtk_widget_compute_point (row, self->messages_box, &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller),
                              MAX (point.y - 12, 0));
  stop_scrolling (self);
}

/* Scrolls through the focused message while it is taller than the view
 * and the view is inside it (the reader is reading it): FALSE when the
 * message fits, or its end in that direction is on screen. The 24 px
 * allow for the margin the view keeps above a message it scrolls to. */
static gboolean
scroll_within_message (ErrataTraceView *self,
                       int              delta)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkWidget *row = errata_trace_view_get_message_row (self, self->focused);
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double step = MAX (page / 3, 48);
  graphene_rect_t bounds;
  double top, bottom;
  gboolean reading_down, reading_up;

  if (row == NULL || !gtk_widget_compute_bounds (row, self->messages_box, &bounds) ||
      bounds.size.height <= page)
    return FALSE;
  top = bounds.origin.y;
  bottom = top + bounds.size.height;
  reading_down = delta > 0 && top <= value + 24 && bottom > value + page + 1;
  reading_up = delta < 0 && bottom >= value + page - 24 && top < value - 1;
  if (!reading_down && !reading_up)
    return FALSE;
  /* A scroll to this message still settling would take the view back. */
  stop_scrolling (self);
  if (reading_down)
    gtk_adjustment_set_value (adjustment, MIN (value + step, bottom - page + 12));
  else
    gtk_adjustment_set_value (adjustment, MAX (value - step, top - 12));
  return TRUE;
}

static gboolean
arrow_binding (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  ErrataTraceView *self = ERRATA_TRACE_VIEW (widget);
  int delta = g_variant_get_int32 (args);

  if (!conversation_is_shown (self))
    return FALSE;
  finish_scrolling (self);
  if (self->focused < 0 || !scroll_within_message (self, delta))
    errata_trace_view_move_focus (self, delta);
  /* At either end the key stops here: the next trace is j or Ctrl+Enter. */
  return TRUE;
}

static gboolean
message_binding (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  ErrataTraceView *self = ERRATA_TRACE_VIEW (widget);

  if (self->trace == NULL)
    return FALSE;
  errata_trace_view_move_focus (self, g_variant_get_int32 (args));
  return TRUE;
}

static void
add_key_bindings (GtkWidgetClass *widget_class)
{
  static const struct { guint key; GdkModifierType mods; int delta; gboolean arrow; } keys[] = {
    { GDK_KEY_Down, 0, 1, TRUE },
    { GDK_KEY_KP_Down, 0, 1, TRUE },
    { GDK_KEY_Up, 0, -1, TRUE },
    { GDK_KEY_KP_Up, 0, -1, TRUE },
    { GDK_KEY_Down, GDK_ALT_MASK, 1, FALSE },
    { GDK_KEY_Up, GDK_ALT_MASK, -1, FALSE },
    { GDK_KEY_bracketright, 0, 1, FALSE },
    { GDK_KEY_bracketleft, 0, -1, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding (widget_class, keys[i].key, keys[i].mods,
                                  keys[i].arrow ? arrow_binding : message_binding,
                                  "i", keys[i].delta);
}

/* Header and pages ---------------------------------------------------- */

static void
update_header (ErrataTraceView *self)
{
  guint n = errata_trace_get_n_messages (self->trace);
  guint calls = errata_trace_get_n_tool_calls (self->trace);
  g_autofree char *messages = g_strdup_printf (ngettext ("%u message", "%u messages", n), n);
  g_autofree char *tools = g_strdup_printf (ngettext ("%u tool call", "%u tool calls", calls), calls);
  /* Translators: "12 messages · 3 tool calls". */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), messages, tools);

  gtk_label_set_text (self->title_label, errata_trace_get_external_id (self->trace));
  gtk_label_set_text (self->subtitle_label, subtitle);
}

static JsonNode *
new_raw_node (ErrataTrace *trace)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *messages = errata_trace_get_messages (trace);
  JsonArray *tools = errata_trace_get_tools (trace);
  JsonObject *metadata = errata_trace_get_metadata (trace);

  json_object_set_int_member (object, "id", errata_trace_get_id (trace));
  json_object_set_string_member (object, "external_id", errata_trace_get_external_id (trace));
  json_object_set_string_member (object, "source", errata_trace_get_source (trace));
  json_object_set_array_member (object, "messages",
                                messages ? json_array_ref (messages) : json_array_new ());
  if (tools != NULL)
    json_object_set_array_member (object, "tools", json_array_ref (tools));
  json_object_set_object_member (object, "metadata",
                                 metadata ? json_object_ref (metadata) : json_object_new ());
  json_object_set_int_member (object, "latency_ms", errata_trace_get_latency_ms (trace));
  json_object_set_int_member (object, "tokens_in", errata_trace_get_tokens_in (trace));
  json_object_set_int_member (object, "tokens_out", errata_trace_get_tokens_out (trace));
  json_object_set_double_member (object, "cost", errata_trace_get_cost (trace));
  json_node_take_object (node, object);
  return node;
}

static void
ensure_raw (ErrataTraceView *self)
{
  g_autoptr(JsonNode) node = NULL;

  if (self->raw_built || self->trace == NULL)
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "raw") != 0)
    return;
  node = new_raw_node (self->trace);
  errata_json_view_set_node (self->raw_view, node);
  self->raw_built = TRUE;
}

/* GObject ------------------------------------------------------------- */

static void
errata_trace_view_dispose (GObject *object)
{
  ErrataTraceView *self = ERRATA_TRACE_VIEW (object);

  _errata_trace_view_cancel_build (self);
  stop_scrolling (self);
  g_clear_handle_id (&self->clear_source, g_source_remove);
  g_clear_pointer (&self->old_boxes, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_TRACE_VIEW);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->tool_names, g_hash_table_unref);
  g_clear_object (&self->tags);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (errata_trace_view_parent_class)->dispose (object);
}

static void
errata_trace_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ErrataTraceView *self = ERRATA_TRACE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;
    case PROP_FIRST_FAILURE:
      g_value_set_int (value, self->first_failure);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, errata_trace_view_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_trace_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ErrataTraceView *self = ERRATA_TRACE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      errata_trace_view_set_trace (self, g_value_get_object (value));
      break;
    case PROP_FIRST_FAILURE:
      errata_trace_view_set_first_failure (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_trace_view_class_init (ErrataTraceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_trace_view_dispose;
  object_class->get_property = errata_trace_view_get_property;
  object_class->set_property = errata_trace_view_set_property;

  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL, ERRATA_TYPE_TRACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * ErrataTraceView:first-failure:
   *
   * The 0-based index of the message where the trace first went wrong,
   * or -1. That message is highlighted, and scrolled to when set.
   */
  properties[PROP_FIRST_FAILURE] =
    g_param_spec_int ("first-failure", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * ErrataTraceView:loading:
   *
   * Whether some messages still wait for their row (built in idle time).
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ErrataTraceView::message-activated:
   * @index: the 0-based index of the message
   *
   * The user clicked a message's header, or pressed Enter on a message.
   */
  signals[MESSAGE_ACTIVATED] =
    g_signal_new ("message-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  add_key_bindings (widget_class);
  g_type_ensure (ERRATA_TYPE_JSON_VIEW);
  g_type_ensure (ERRATA_TYPE_METADATA_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "traceview");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-trace-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataTraceView, outer_stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataTraceView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataTraceView, scroller);
  gtk_widget_class_bind_template_child (widget_class, ErrataTraceView, clamp);
  gtk_widget_class_bind_template_child (widget_class, ErrataTraceView, title_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataTraceView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataTraceView, metadata_view);
  gtk_widget_class_bind_template_child (widget_class, ErrataTraceView, raw_view);
}

static void
errata_trace_view_init (ErrataTraceView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Other LLM calls of the trace (titles, summaries): a page of their own,
   * shown only for a trace that has some. */
  self->secondary_calls = errata_secondary_calls_new ();
  self->secondary_page = gtk_stack_add_titled (self->view_stack, self->secondary_calls, "secondary",
                                               /* Translators: the page of the trace view that lists
                                                * the calls to the model that are not part of the
                                                * conversation (a title, a summary). */
                                               _("Other Calls"));
  gtk_stack_page_set_visible (self->secondary_page, FALSE);
  ensure_css (GTK_WIDGET (self));

  self->first_failure = -1;
  self->focused = -1;
  self->pending_focus = -1;
  self->scroll_target = -1;
  self->rows = g_ptr_array_new ();
  self->old_boxes = g_ptr_array_new_with_free_func (g_object_unref);
  _errata_trace_view_replace_messages_box (self);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (ensure_raw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_dark), self, G_CONNECT_SWAPPED);
}

/* API ----------------------------------------------------------------- */

GtkWidget *
errata_trace_view_new (void)
{
  return g_object_new (ERRATA_TYPE_TRACE_VIEW, NULL);
}

/**
 * errata_trace_view_set_trace:
 * @full_trace: (nullable): a trace with its messages (from
 *   errata_project_get_trace()), or %NULL for the empty state
 *
 * Shows @full_trace: the rows that fill the view are built before this
 * returns, so the next frame shows them, and the rest in the frame after
 * it (a big trace's in a few; see #ErrataTraceView:loading). The first-failure
 * mark is kept, and scrolled to: set it for each trace, before or after
 * this call.
 */
void
errata_trace_view_set_trace (ErrataTraceView *self,
                             ErrataTrace     *full_trace)
{
  g_return_if_fail (ERRATA_IS_TRACE_VIEW (self));
  g_return_if_fail (full_trace == NULL || ERRATA_IS_TRACE (full_trace));

  _errata_trace_view_cancel_build (self);
  stop_scrolling (self);
  g_set_object (&self->trace, full_trace);
  g_clear_pointer (&self->tool_names, g_hash_table_unref);
  g_clear_object (&self->tags);
  self->focused = -1;
  self->pending_focus = -1;
  self->raw_built = FALSE;
  _errata_trace_view_replace_messages_box (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  errata_metadata_view_set_trace (self->metadata_view, full_trace);
  gtk_stack_page_set_visible (self->secondary_page,
                              errata_secondary_calls_set_trace (ERRATA_SECONDARY_CALLS (self->secondary_calls),
                                                                full_trace) > 0);
  gtk_stack_set_visible_child_name (self->outer_stack, full_trace ? "trace" : "empty");

  if (full_trace != NULL)
    {
      self->tags = errata_markdown_new_tag_table ();
      update_dark (self);
      self->tool_names = index_tool_names (errata_trace_get_messages (full_trace));
      update_header (self);
      /* The mark may have been set before the trace (or kept from the
       * last one): either way, show where this trace went wrong. */
      if (self->first_failure >= 0)
        _errata_trace_view_scroll_to_row (self, self->first_failure);
      if (!_errata_trace_view_build_first_screen (self))
        _errata_trace_view_schedule_build (self);
      ensure_raw (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

ErrataTrace *
errata_trace_view_get_trace (ErrataTraceView *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_VIEW (self), NULL);
  return self->trace;
}

int
errata_trace_view_get_first_failure (ErrataTraceView *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_VIEW (self), -1);
  return self->first_failure;
}

/**
 * errata_trace_view_set_first_failure:
 * @index: a 0-based message index, or -1 for none
 *
 * Highlights the message and scrolls to it (once its row exists).
 */
void
errata_trace_view_set_first_failure (ErrataTraceView *self,
                                     int              index)
{
  GtkWidget *old_row, *new_row;
  gboolean changed;

  g_return_if_fail (ERRATA_IS_TRACE_VIEW (self));

  index = MAX (index, -1);
  changed = index != self->first_failure;
  old_row = errata_trace_view_get_message_row (self, self->first_failure);
  if (old_row != NULL)
    errata_message_row_set_first_failure (ERRATA_MESSAGE_ROW (old_row), FALSE);
  self->first_failure = index;
  new_row = errata_trace_view_get_message_row (self, index);
  if (new_row != NULL)
    errata_message_row_set_first_failure (ERRATA_MESSAGE_ROW (new_row), TRUE);
  if (index >= 0)
    _errata_trace_view_scroll_to_row (self, index);
  else
    stop_scrolling (self);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_FAILURE]);
}

/**
 * errata_trace_view_focus_message:
 * @index: a 0-based message index
 *
 * Moves the keyboard focus to the message and scrolls to it; a message
 * whose row is still being built gets the focus when it arrives.
 */
void
errata_trace_view_focus_message (ErrataTraceView *self,
                                 int              index)
{
  GtkWidget *row;

  g_return_if_fail (ERRATA_IS_TRACE_VIEW (self));

  if (index < 0 || (guint) index >= _errata_trace_view_n_messages (self))
    return;
  gtk_stack_set_visible_child_name (self->view_stack, "conversation");
  self->focused = index;
  _errata_trace_view_build_through (self, (guint) index);
  row = errata_trace_view_get_message_row (self, index);
  if (row == NULL)
    {
      self->pending_focus = index;
      return;
    }
  self->pending_focus = -1;
  gtk_widget_grab_focus (row);
  _errata_trace_view_scroll_to_row (self, index);
}

/**
 * errata_trace_view_move_focus:
 * @delta: how many messages to move, down (positive) or up
 *
 * Moves the keyboard focus @delta messages on from the message that has,
 * or last had, it; with none yet, down goes to the first message and up
 * to the last. Stops at either end.
 *
 * Returns: the index of the message that gets the focus, or -1 when the
 *   trace has no messages
 */
int
errata_trace_view_move_focus (ErrataTraceView *self,
                              int              delta)
{
  int n, index;

  g_return_val_if_fail (ERRATA_IS_TRACE_VIEW (self), -1);

  n = (int) _errata_trace_view_n_messages (self);
  if (n == 0)
    return -1;
  if (self->focused < 0)
    index = delta > 0 ? delta - 1 : n + delta;
  else
    index = self->focused + delta;
  index = CLAMP (index, 0, n - 1);
  errata_trace_view_focus_message (self, index);
  return index;
}

/**
 * errata_trace_view_get_focused_message:
 *
 * Returns: the index of the message that has, or last had, the keyboard
 *   focus in this trace, or -1
 */
int
errata_trace_view_get_focused_message (ErrataTraceView *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_VIEW (self), -1);
  return self->focused;
}

gboolean
errata_trace_view_get_loading (ErrataTraceView *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_VIEW (self), FALSE);
  return self->build_source != 0 || self->build_tick != 0;
}

/**
 * errata_trace_view_get_message_row:
 *
 * Returns: (nullable) (transfer none): the #ErrataMessageRow of a
 *   message, or %NULL when it is not built (yet) or out of range
 */
GtkWidget *
errata_trace_view_get_message_row (ErrataTraceView *self,
                                   int              index)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_VIEW (self), NULL);

  if (index < 0 || (guint) index >= self->rows->len)
    return NULL;
  return g_ptr_array_index (self->rows, index);
}

/**
 * errata_trace_view_set_page:
 * @page: "conversation", "metadata" or "raw"
 */
void
errata_trace_view_set_page (ErrataTraceView *self,
                            const char      *page)
{
  g_return_if_fail (ERRATA_IS_TRACE_VIEW (self));
  g_return_if_fail (gtk_stack_get_child_by_name (self->view_stack, page) != NULL);

  gtk_stack_set_visible_child_name (self->view_stack, page);
}
