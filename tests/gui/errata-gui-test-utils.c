/* errata-gui-test-utils.c: helpers shared by the display tests.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-gui-test-utils.h"

#include <string.h>

/* Main loop ------------------------------------------------------------ */

/* Built with AddressSanitizer (build-aux/test.sh --sanitize) every step runs
 * several times slower, as meson's --timeout-multiplier there says; the
 * deadlines stretch the same way so that they still catch only hangs. */
#if defined(__SANITIZE_ADDRESS__)
# define DEADLINE_FACTOR 10
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define DEADLINE_FACTOR 10
# endif
#endif
#ifndef DEADLINE_FACTOR
# define DEADLINE_FACTOR 1
#endif

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
errata_gui_test_iterate_until (ErrataGuiTestCondition condition,
                               gpointer               data)
{
  errata_gui_test_iterate_until_full (condition, data, ERRATA_GUI_TEST_DEADLINE);
}

void
errata_gui_test_iterate_until_full (ErrataGuiTestCondition condition,
                                    gpointer               data,
                                    guint                  seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * DEADLINE_FACTOR * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, wake_up, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The condition the test waits for did not hold within %u s", seconds);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

void
errata_gui_test_iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint tick = g_timeout_add (10, wake_up, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

void
errata_gui_test_wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (widget);
  errata_gui_test_iterate_until (flag_is_set, &painted);
  g_signal_handler_disconnect (clock, handler);
}

gboolean
errata_gui_test_widget_is_drawn (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* Widget tree ---------------------------------------------------------- */

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

GPtrArray *
errata_gui_test_find_all (GtkWidget *root,
                          GType      type)
{
  GPtrArray *all = g_ptr_array_new ();

  collect_widgets (root, type, all);
  return all;
}

gpointer
errata_gui_test_find_with_class (GtkWidget  *root,
                                 GType       type,
                                 const char *css_class)
{
  g_autoptr(GPtrArray) all = errata_gui_test_find_all (root, type);

  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (all, i), css_class))
      return g_ptr_array_index (all, i);
  return NULL;
}

GPtrArray *
errata_gui_test_find_visible (GtkWidget *root,
                              GType      type)
{
  g_autoptr(GPtrArray) all = errata_gui_test_find_all (root, type);
  GPtrArray *visible = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (all, i)))
      g_ptr_array_add (visible, g_ptr_array_index (all, i));
  return visible;
}

gpointer
errata_gui_test_find_one_visible (GtkWidget *root,
                                  GType      type)
{
  g_autoptr(GPtrArray) found = errata_gui_test_find_visible (root, type);

  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

gpointer
errata_gui_test_find_first (GtkWidget *root,
                            GType      type)
{
  g_autoptr(GPtrArray) all = errata_gui_test_find_all (root, type);

  return all->len > 0 ? g_ptr_array_index (all, 0) : NULL;
}

guint
errata_gui_test_count_visible (GtkWidget *root,
                               GType      type)
{
  g_autoptr(GPtrArray) found = errata_gui_test_find_visible (root, type);

  return found->len;
}

gboolean
errata_gui_test_shows_label (GtkWidget  *root,
                             const char *text)
{
  g_autoptr(GPtrArray) labels = errata_gui_test_find_visible (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      return TRUE;
  return FALSE;
}

GtkButton *
errata_gui_test_find_button (GtkWidget  *root,
                             const char *label)
{
  g_autoptr(GPtrArray) buttons = errata_gui_test_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      const char *text = gtk_button_get_label (buttons->pdata[i]);
      g_autofree char *plain = NULL;

      if (text == NULL || !gtk_widget_is_drawable (buttons->pdata[i]))
        continue;
      plain = g_strdup (text);
      for (char *c = strchr (plain, '_'); c != NULL; c = strchr (c, '_'))
        memmove (c, c + 1, strlen (c));
      if (g_str_equal (plain, label))
        return buttons->pdata[i];
    }
  return NULL;
}

static void
append_visible_text (GtkWidget *widget,
                     GString   *text)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_visible_text (child, text);
}

char *
errata_gui_test_dup_visible_text (GtkWidget *root)
{
  GString *text = g_string_new (NULL);

  append_visible_text (root, text);
  return g_string_free (text, FALSE);
}

/* Rendering ------------------------------------------------------------ */

static GskRenderNode *
snapshot_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  return gtk_snapshot_free_to_node (snapshot);
}

typedef struct
{
  GtkWidget     *widget;
  GskRenderNode *node;
} RenderWait;

static gboolean
has_render_node (gpointer data)
{
  RenderWait *wait = data;

  wait->node = snapshot_widget (wait->widget);
  return wait->node != NULL;
}

/* A window that was just shown (or that a dialog just left) may have
 * nothing to paint until its next frame: wait for one. */
GdkTexture *
errata_gui_test_render (GtkWidget *widget)
{
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  RenderWait wait = { widget, NULL };

  if (!has_render_node (&wait))
    {
      g_test_message ("nothing to render yet: %s is %d×%d, %s", G_OBJECT_TYPE_NAME (widget),
                      width, height, gtk_widget_get_mapped (widget) ? "mapped" : "not mapped");
      errata_gui_test_iterate_until (has_render_node, &wait);
    }
  node = wait.node;
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

GdkTexture *
errata_gui_test_render_to_png (GtkWidget  *widget,
                               const char *name)
{
  return errata_gui_test_render_to_png_full (widget, name, 300);
}

GdkTexture *
errata_gui_test_render_to_png_full (GtkWidget  *widget,
                                    const char *name,
                                    guint       settle_ms)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  GdkTexture *texture;

  /* Let animations (crossfade, spinner) run their course, then let a
   * frame show where they ended: on a busy machine the time may pass
   * with no frame in it. */
  errata_gui_test_iterate_for (settle_ms);
  if (gtk_widget_get_mapped (widget))
    errata_gui_test_wait_for_frame (widget);
  texture = errata_gui_test_render (widget);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("rendered %s", path);
  return texture;
}

double
errata_gui_test_brightness_at (GdkTexture *texture,
                               int         x,
                               int         y)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  double sum = 0;

  gdk_texture_download (texture, pixels, width * 4);
  for (int dy = 0; dy < 4; dy++)
    for (int dx = 0; dx < 4; dx++)
      {
        const guchar *p = pixels + ((gsize) (y + dy) * width + x + dx) * 4;

        sum += (p[0] + p[1] + p[2]) / 3.0;
      }
  return sum / 16;
}
