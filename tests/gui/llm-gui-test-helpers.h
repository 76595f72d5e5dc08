/* llm-gui-test-helpers.h: main loop, widget lookup and PNG rendering for
 * the language-model display tests.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <string.h>

G_BEGIN_DECLS

static inline gboolean
llm_gui_wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*LlmGuiCondition) (gpointer data);

/* Runs the main loop until @condition holds; fails after 15 s. */
static inline void
llm_gui_iterate_until (LlmGuiCondition condition,
                       gpointer        data)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, llm_gui_wake_up, NULL);

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static inline void
llm_gui_iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint tick = g_timeout_add (10, llm_gui_wake_up, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static inline void
llm_gui_collect (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    llm_gui_collect (child, type, found);
}

/* Every widget of @type under @root, in tree order. */
static inline GPtrArray *
llm_gui_find_all (GtkWidget *root,
                  GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  llm_gui_collect (root, type, found);
  return found;
}

/* The button whose label (mnemonic underscores removed) is @label, among
 * those the user can see. */
static inline GtkButton *
llm_gui_find_button (GtkWidget  *root,
                     const char *label)
{
  g_autoptr(GPtrArray) buttons = llm_gui_find_all (root, GTK_TYPE_BUTTON);

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

/* An AdwActionRow by title. */
static inline AdwActionRow *
llm_gui_find_row (GtkWidget  *root,
                  const char *title)
{
  g_autoptr(GPtrArray) rows = llm_gui_find_all (root, ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];
  return NULL;
}

static inline gboolean
llm_gui_shows_label (GtkWidget  *root,
                     const char *text)
{
  g_autoptr(GPtrArray) labels = llm_gui_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_is_drawable (labels->pdata[i]) &&
        g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return TRUE;
  return FALSE;
}

static inline gboolean
llm_gui_is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* Renders @widget as it is on screen to @name (PNG) in the build folder. */
static inline void
llm_gui_render_to_png (GtkWidget  *widget,
                       const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  llm_gui_iterate_for (300);   /* let spinners and transitions settle */
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("rendered %s", path);
}

G_END_DECLS
