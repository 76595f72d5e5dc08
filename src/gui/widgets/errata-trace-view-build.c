/* errata-trace-view-build.c: the rows of the trace view: the first screen
 * at once, the rest in the frame after the one that shows it (a big
 * trace's in a few large slices); old rows are destroyed a few at a time.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-trace-view-private.h"
#include "errata-message-row.h"

static void
on_row_activated (ErrataMessageRow *row,
                  ErrataTraceView  *self)
{
  _errata_trace_view_emit_message_activated (self, (int) errata_message_row_get_index (row));
}

static void
on_row_focus_enter (GtkEventControllerFocus *controller,
                    ErrataTraceView         *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  self->focused = errata_message_row_get_index (ERRATA_MESSAGE_ROW (row));
}

/* A message that is not an object (a broken source) still gets a row, so
 * that indexes keep matching the stored messages. */
static JsonObject *
dup_message (JsonNode *node)
{
  JsonObject *message;
  g_autofree char *text = NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_object_ref (json_node_get_object (node));
  message = json_object_new ();
  text = errata_json_compact (node);
  json_object_set_string_member (message, "role", "?");
  json_object_set_string_member (message, "content", text);
  return message;
}

static gsize
build_row (ErrataTraceView *self,
           guint            index)
{
  JsonArray *messages = errata_trace_get_messages (self->trace);
  g_autoptr(JsonObject) message = dup_message (json_array_get_element (messages, index));
  const char *call_id = json_object_get_string_member_with_default (message, "tool_call_id", NULL);
  const char *tool_name = call_id ? g_hash_table_lookup (self->tool_names, call_id) : NULL;
  GtkWidget *row = errata_message_row_new (index, message, tool_name, self->tags);
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_autofree char *content = errata_message_dup_content (message);

  g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated), self, 0);
  g_signal_connect_object (focus, "enter", G_CALLBACK (on_row_focus_enter), self, 0);
  gtk_widget_add_controller (row, focus);
  errata_message_row_set_first_failure (ERRATA_MESSAGE_ROW (row), (int) index == self->first_failure);
  gtk_box_append (GTK_BOX (self->messages_box), row);
  g_ptr_array_add (self->rows, row);

  if ((int) index == self->pending_focus)
    errata_trace_view_focus_message (self, index);
  else if ((int) index == self->scroll_target)
    _errata_trace_view_scroll_to_row (self, index);
  return content != NULL ? strlen (content) : 0;
}

guint
_errata_trace_view_n_messages (ErrataTraceView *self)
{
  JsonArray *messages = self->trace ? errata_trace_get_messages (self->trace) : NULL;

  return messages != NULL ? json_array_get_length (messages) : 0;
}

/* Builds rows (at least one) until the slice's budget of text or rows
 * is spent; TRUE when every message has its row. The budget is not wall
 * time: on a busy machine 5 ms ran out after a row or two, and each slice
 * then cost a frame of the whole window (layout, snapshot, render) for
 * little. */
static gboolean
build_slice (ErrataTraceView *self)
{
  guint n = _errata_trace_view_n_messages (self);
  guint end = MIN (n, self->rows->len + SLICE_MAX_ROWS);
  gsize bytes = 0;

  while (self->rows->len < end && bytes < SLICE_MAX_BYTES)
    bytes += build_row (self, self->rows->len);
  return self->rows->len >= n;
}

/* The first screen ----------------------------------------------------- */

static gsize
message_text_size (JsonNode *node)
{
  JsonObject *message = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *content = message ? json_object_get_member (message, "content") : NULL;
  JsonNode *calls = message ? json_object_get_member (message, "tool_calls") : NULL;
  gsize size = 64;

  if (content != NULL && JSON_NODE_HOLDS_VALUE (content) &&
      json_node_get_value_type (content) == G_TYPE_STRING)
    size += strlen (json_node_get_string (content));
  else if (content != NULL && !JSON_NODE_HOLDS_NULL (content))
    size += 1024;  /* content parts: a guess is enough */
  if (calls != NULL && JSON_NODE_HOLDS_ARRAY (calls))
    size += 256 * json_array_get_length (json_node_get_array (calls));
  return size;
}

/* About how tall a row will be: its header, and its text wrapped at
 * @width. Collapsed blocks (a system prompt, a large payload) are one
 * line. Rough on purpose: it only decides how many rows the first frame
 * needs. */
static int
estimate_row_height (JsonNode *node,
                     int       width)
{
  JsonObject *message = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *role = message ? json_object_get_string_member_with_default (message, "role", "") : "";
  gsize size = message_text_size (node);
  guint per_line = MAX (width / 8, 20);

  if (g_str_equal (role, "system") || size > 900 + 64)
    return 48 + 40;
  return 48 + 22 * (int) (size / per_line + 2);
}

/* Builds the rows that fill the viewport (and half as much again, for
 * the rough estimate); TRUE when every message has its row. Even a
 * typical trace of 30 messages is built this way: the frame after j then
 * lays out and renders the 6 to 10 rows on screen, not 30 (bench/README.md,
 * "The GUI at 1M"). */
gboolean
_errata_trace_view_build_first_screen (ErrataTraceView *self)
{
  JsonArray *messages = errata_trace_get_messages (self->trace);
  int viewport = gtk_widget_get_height (GTK_WIDGET (self->scroller));
  int width = gtk_widget_get_width (GTK_WIDGET (self->clamp));
  guint n = _errata_trace_view_n_messages (self);
  gsize bytes = 0;
  int height = 0;

  viewport = viewport > 0 ? viewport : 1200;
  width = width > 0 ? MIN (width, 900) : 700;
  while (self->rows->len < n && height < viewport * FIRST_SCREEN_MARGIN && bytes < SYNC_MAX_BYTES)
    {
      height += estimate_row_height (json_array_get_element (messages, self->rows->len), width);
      bytes += build_row (self, self->rows->len);
    }
  return self->rows->len >= n;
}

/* For a message the reader asks for (its number, ] past the rows built,
 * the first failure): its row and those above it, now. */
void
_errata_trace_view_build_through (ErrataTraceView *self,
                                  guint            index)
{
  guint n = _errata_trace_view_n_messages (self);

  if (self->rows->len > index || index >= n)
    return;
  while (self->rows->len <= index)
    build_row (self, self->rows->len);
  if (self->rows->len >= n)
    {
      _errata_trace_view_cancel_build (self);
      _errata_trace_view_notify_loading (self);
    }
}

static void
build_done (ErrataTraceView *self)
{
  _errata_trace_view_notify_loading (self);
}

static gboolean
build_on_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  ErrataTraceView *self = data;

  /* The frame that shows the first screen lays out only that. */
  if (gdk_frame_clock_get_frame_counter (clock) <= self->build_after_frame)
    return G_SOURCE_CONTINUE;
  if (!build_slice (self))
    return G_SOURCE_CONTINUE;
  self->build_tick = 0;
  build_done (self);
  return G_SOURCE_REMOVE;
}

/* While the view is not on screen there are no frames to pace the work:
 * build in idle time, and go back to slices in frames once mapped. */
static gboolean
build_in_idle (gpointer data)
{
  ErrataTraceView *self = data;

  self->build_source = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      _errata_trace_view_schedule_build (self);
      return G_SOURCE_REMOVE;
    }
  if (!build_slice (self))
    {
      _errata_trace_view_schedule_build (self);
      return G_SOURCE_REMOVE;
    }
  build_done (self);
  return G_SOURCE_REMOVE;
}

void
_errata_trace_view_schedule_build (ErrataTraceView *self)
{
  g_assert (self->build_source == 0 && self->build_tick == 0);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      /* The next frame shows the rows built so far; the rest come in the
       * one after it. */
      self->build_after_frame = gdk_frame_clock_get_frame_counter (clock) + 1;
      self->build_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), build_on_tick, self, NULL);
    }
  else
    self->build_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, build_in_idle, self, NULL);
}

void
_errata_trace_view_cancel_build (ErrataTraceView *self)
{
  g_clear_handle_id (&self->build_source, g_source_remove);
  if (self->build_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->build_tick);
  self->build_tick = 0;
}

/* Destroying hundreds of rows at once would stall a frame when the
 * reviewer moves on; the old box leaves the screen at once and its rows
 * are destroyed a few at a time. */
static gboolean
clear_old_rows (gpointer data)
{
  ErrataTraceView *self = data;
  gint64 deadline = g_get_monotonic_time () + CLEAR_SLICE_USEC;

  while (self->old_boxes->len > 0)
    {
      GtkBox *box = g_ptr_array_index (self->old_boxes, self->old_boxes->len - 1);
      GtkWidget *child;

      while ((child = gtk_widget_get_last_child (GTK_WIDGET (box))) != NULL)
        {
          gtk_box_remove (box, child);
          if (g_get_monotonic_time () >= deadline)
            return G_SOURCE_CONTINUE;
        }
      g_ptr_array_remove_index (self->old_boxes, self->old_boxes->len - 1);
    }
  self->clear_source = 0;
  return G_SOURCE_REMOVE;
}

static void
retire_messages_box (ErrataTraceView *self)
{
  if (self->messages_box == NULL || gtk_widget_get_first_child (self->messages_box) == NULL)
    return;
  g_ptr_array_add (self->old_boxes, g_object_ref (self->messages_box));
  if (self->clear_source == 0)
    self->clear_source = g_idle_add_full (G_PRIORITY_LOW, clear_old_rows, self, NULL);
}

/* The old rows go in one piece with their box; the new box starts empty. */
void
_errata_trace_view_replace_messages_box (ErrataTraceView *self)
{
  retire_messages_box (self);
  self->messages_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 14);
  gtk_widget_add_css_class (self->messages_box, "messages");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->messages_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Conversation"), -1);
  adw_clamp_set_child (self->clamp, self->messages_box);
  g_ptr_array_set_size (self->rows, 0);
}
