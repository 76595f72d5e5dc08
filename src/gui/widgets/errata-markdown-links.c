/* errata-markdown-links.c: links in a rendered Markdown buffer: the pointer
 * changes over them and a click opens them (http, https and mailto only).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-markdown-private.h"

const char *
errata_markdown_get_link_at (GtkTextIter *iter)
{
  g_autoptr(GSList) tags = gtk_text_iter_get_tags (iter);

  for (GSList *l = tags; l; l = l->next)
    {
      const char *url = g_object_get_data (l->data, URL_KEY);

      if (url != NULL)
        return url;
    }
  return NULL;
}

/* Only web and mail links leave the app: a trace is untrusted input, and
 * a click must not run a file:// or custom-scheme handler. */
static gboolean
is_safe_link (const char *url)
{
  g_autofree char *scheme = g_uri_parse_scheme (url);

  return scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0 ||
                            g_ascii_strcasecmp (scheme, "https") == 0 ||
                            g_ascii_strcasecmp (scheme, "mailto") == 0);
}

static void
open_link (GtkWidget  *widget,
           const char *url)
{
  GtkRoot *root = gtk_widget_get_root (widget);

#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (url);

  gtk_uri_launcher_launch (launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                           NULL, NULL, NULL);
#else
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
#endif
}

static const char *
link_at_point (GtkTextView *view,
               double       x,
               double       y)
{
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (view, &iter, bx, by))
    return NULL;
  return errata_markdown_get_link_at (&iter);
}

static void
on_link_released (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkTextView     *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  const char *url;

  /* A drag that selected text is not a click on the link. */
  if (n_press != 1 || gtk_text_buffer_get_has_selection (buffer))
    return;
  url = link_at_point (view, x, y);
  if (url != NULL && is_safe_link (url))
    open_link (GTK_WIDGET (view), url);
}

static void
on_link_motion (GtkEventControllerMotion *motion,
                double                    x,
                double                    y,
                GtkTextView              *view)
{
  const char *url = link_at_point (view, x, y);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (view), url != NULL ? "pointer" : "text");
  gtk_widget_set_tooltip_text (GTK_WIDGET (view), url);
}

/* Makes the links in @view clickable, with a hand cursor and the address
 * as tooltip. */
void
errata_markdown_attach_links (GtkTextView *view)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_link_released), view);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (on_link_motion), view);
  gtk_widget_add_controller (GTK_WIDGET (view), motion);
}
