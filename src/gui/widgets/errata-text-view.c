/* errata-text-view.c: read-only wrapped text that is whole on its first frame.
 *
 * A GtkTextView measures the height of the text it has laid out so far,
 * at the width it was last allocated; the rest is laid out by idle
 * callbacks at GTK_TEXT_VIEW_PRIORITY_VALIDATE, a lower priority than the
 * frame clock's. So a new text view is 0 pixels high on its first frame,
 * one given another width keeps its old height for a frame, and while
 * frames follow each other without a pause (rows built over several
 * frames, an animation, a loaded machine) those idle callbacks never run:
 * a message stays blank or cut off for as long as that lasts.
 *
 * ErrataTextView lays out its whole text the moment it knows its width
 * (in size_allocate: the text view validates its lines down to the
 * height it is given, so it is lent a tall one first), then asks for its
 * size again after the window's layout pass, which makes the frame clock
 * run the layout phase once more before painting. The first frame shows
 * the text whole. Text in a view of its own that scrolls must not use
 * this: it would lay out megabytes at once.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-text-view.h"

/* Taller than any message; a text view validates its lines down to
 * this, so a longer text is laid out whole in idle time as before. */
#define TALL_HEIGHT (1 << 22)

#define LAID_OUT_WIDTH_KEY "errata-laid-out-width"
#define PENDING_KEY        "errata-text-view-pending"

struct _ErrataTextView
{
  GtkTextView parent_instance;
};

G_DEFINE_FINAL_TYPE (ErrataTextView, errata_text_view, GTK_TYPE_TEXT_VIEW)

/* Size requests queued during allocation are dropped when the ancestors
 * finish theirs; a resize queued from the frame clock's "layout" signal,
 * after the window's own handler (hence G_CONNECT_AFTER: the window
 * connects its handler again each time it starts a layout), makes the
 * clock run the layout phase again in the same frame. */
static void
on_frame_layout (GdkFrameClock *clock,
                 GPtrArray     *pending)
{
  /* Queuing a resize lays nothing out, so nothing is added meanwhile. */
  for (guint i = 0; i < pending->len; i++)
    gtk_widget_queue_resize (g_ptr_array_index (pending, i));
  g_ptr_array_set_size (pending, 0);
}

static GPtrArray *
ensure_pending (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  GPtrArray *pending;

  if (clock == NULL)
    return NULL;
  pending = g_object_get_data (G_OBJECT (clock), PENDING_KEY);
  if (pending == NULL)
    {
      pending = g_ptr_array_new_with_free_func (g_object_unref);
      g_object_set_data_full (G_OBJECT (clock), PENDING_KEY, pending,
                              (GDestroyNotify) g_ptr_array_unref);
      g_signal_connect_after (clock, "layout", G_CALLBACK (on_frame_layout), pending);
    }
  return pending;
}

static void
queue_resize_after_layout (GtkWidget *widget)
{
  GPtrArray *pending = ensure_pending (widget);

  if (pending != NULL)
    g_ptr_array_add (pending, g_object_ref (widget));
}

static void
lay_out (GtkWidget      *widget,
         GtkWidgetClass *klass,
         int             width)
{
  if (width <= 0 ||
      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), LAID_OUT_WIDTH_KEY)) == width)
    return;
  /* A new width invalidates the layout and makes the text view validate
   * its lines down to the height it gets, here all of them. */
  klass->size_allocate (widget, width, TALL_HEIGHT, -1);
  g_object_set_data (G_OBJECT (widget), LAID_OUT_WIDTH_KEY, GINT_TO_POINTER (width));
  queue_resize_after_layout (widget);
}

/**
 * errata_text_view_lay_out_whole:
 * @text_view: a wrapped text view that grows with its text (no scrolling)
 * @width: the width it is about to be allocated
 *
 * For a parent about to allocate @text_view (a GtkSourceView, say, which
 * cannot be an #ErrataTextView): lays its text out whole at @width, and
 * has it measured again in the same frame.
 */
void
errata_text_view_lay_out_whole (GtkTextView *text_view,
                                int          width)
{
  g_return_if_fail (GTK_IS_TEXT_VIEW (text_view));

  lay_out (GTK_WIDGET (text_view), GTK_WIDGET_GET_CLASS (text_view), width);
}

static void
errata_text_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  GtkWidgetClass *parent_class = GTK_WIDGET_CLASS (errata_text_view_parent_class);

  lay_out (widget, parent_class, width);
  parent_class->size_allocate (widget, width, height, baseline);
}

/* Connected before the first layout, so that it runs in that one too. */
static void
errata_text_view_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (errata_text_view_parent_class)->realize (widget);
  ensure_pending (widget);
}

static void
errata_text_view_class_init (ErrataTextViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->realize = errata_text_view_realize;
  widget_class->size_allocate = errata_text_view_size_allocate;
}

static void
errata_text_view_init (ErrataTextView *self)
{
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (self), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self), GTK_WRAP_WORD_CHAR);
}

/**
 * errata_text_view_new:
 * @buffer: (nullable): the text
 *
 * Returns: a read-only text view, wrapped at word or character
 *   boundaries, whose height is right on its first frame
 */
GtkWidget *
errata_text_view_new (GtkTextBuffer *buffer)
{
  return g_object_new (ERRATA_TYPE_TEXT_VIEW, "buffer", buffer, NULL);
}

char *
errata_text_view_dup_stripped (GtkTextView *text_view)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (text_view), NULL);

  buffer = gtk_text_view_get_buffer (text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

void
errata_text_view_set_text (GtkTextView *text_view,
                           const char  *text)
{
  g_return_if_fail (GTK_IS_TEXT_VIEW (text_view));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view), text != NULL ? text : "", -1);
}
