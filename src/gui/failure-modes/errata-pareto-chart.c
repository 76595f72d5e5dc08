/* errata-pareto-chart.c
 *
 * One row per failure mode: its name, a bar scaled to the most frequent
 * mode, and "count · share". Rows are focusable one by one with the arrow
 * keys; a click or Enter emits "bar-activated" with the mode's id.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-pareto-chart.h"

#include <glib/gi18n.h>
#include <math.h>

#include "errata-taxonomy.h"

#define ROW_HEIGHT  30.0
#define BAR_HEIGHT  14.0
#define GAP         10.0

typedef struct
{
  gint64  mode_id;
  char   *name;
  guint   count;
  double  share;
} Bar;

struct _ErrataParetoChart
{
  GtkWidget  parent_instance;

  GArray    *bars;      /* Bar, most frequent first */
  guint      reviewed;
  int        hover;     /* row under the pointer, or -1 */
  int        cursor;    /* row with the keyboard cursor */
};

G_DEFINE_FINAL_TYPE (ErrataParetoChart, errata_pareto_chart, GTK_TYPE_WIDGET)

enum {
  BAR_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  double name_width;
  double bar_x;
  double bar_room;
  guint  max_count;
} Layout;

static void
style_colour (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *rgba)
{
  GtkStyleContext *context;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (widget);
  if (name == NULL)
    gtk_style_context_get_color (context, rgba);
  else if (!gtk_style_context_lookup_color (context, name, rgba))
    gdk_rgba_parse (rgba, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static char *
value_text (const Bar *bar)
{
  /* Translators: a failure mode's count and its share of reviewed traces. */
  return g_strdup_printf (_("%u · %.0f%%"), bar->count, bar->share * 100.0);
}

static PangoLayout *
text_layout (GtkWidget  *widget,
             const char *text,
             double      scale)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

/* Names take up to two fifths of the width; the widest value label
 * keeps its room at the end of the longest bar. */
static void
compute_layout (ErrataParetoChart *self,
                Layout            *layout)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double width = gtk_widget_get_width (widget);
  int name_w = 0, value_w = 0;

  layout->max_count = 1;
  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autoptr(PangoLayout) name = text_layout (widget, bar->name, 0.9);
      g_autofree char *text = value_text (bar);
      g_autoptr(PangoLayout) value = text_layout (widget, text, 0.83);
      int w, h;

      pango_layout_get_pixel_size (name, &w, &h);
      name_w = MAX (name_w, w);
      pango_layout_get_pixel_size (value, &w, &h);
      value_w = MAX (value_w, w);
      layout->max_count = MAX (layout->max_count, bar->count);
    }
  layout->name_width = MIN (name_w, floor (width * 0.4));
  layout->bar_x = layout->name_width + GAP;
  layout->bar_room = MAX (width - layout->bar_x - GAP - value_w - 4, 1);
}

static double
bar_length (const Layout *layout,
            const Bar    *bar)
{
  if (bar->count == 0)
    return 0;
  return MAX (2.0, round (layout->bar_room * bar->count / layout->max_count));
}

static void
draw_row (ErrataParetoChart *self,
          GtkSnapshot       *snapshot,
          const Layout      *layout,
          guint              index,
          const GdkRGBA     *fg,
          const GdkRGBA     *accent)
{
  GtkWidget *widget = GTK_WIDGET (self);
  Bar *bar = &g_array_index (self->bars, Bar, index);
  double top = index * ROW_HEIGHT;
  double length = bar_length (layout, bar);
  g_autoptr(PangoLayout) name = text_layout (widget, bar->name, 0.9);
  g_autofree char *text = value_text (bar);
  g_autoptr(PangoLayout) value = text_layout (widget, text, 0.83);
  GdkRGBA dim = *fg;
  GskRoundedRect rounded;
  int w, h;

  if ((int)index == self->hover || ((int)index == self->cursor && gtk_widget_has_focus (widget)))
    {
      GdkRGBA shade = *fg;

      shade.alpha *= (int)index == self->cursor && gtk_widget_has_focus (widget) ? 0.10 : 0.05;
      gsk_rounded_rect_init_from_rect (&rounded, &GRAPHENE_RECT_INIT (0, top, gtk_widget_get_width (widget),
                                                                      ROW_HEIGHT), 6);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &shade, &rounded.bounds);
      gtk_snapshot_pop (snapshot);
    }

  pango_layout_set_width (name, layout->name_width * PANGO_SCALE);
  pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (name, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, round (top + (ROW_HEIGHT - h) / 2)));
  gtk_snapshot_append_layout (snapshot, name, fg);
  gtk_snapshot_restore (snapshot);

  gsk_rounded_rect_init_from_rect (&rounded,
                                   &GRAPHENE_RECT_INIT (layout->bar_x,
                                                        top + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                                                        length, BAR_HEIGHT), 3);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, accent, &rounded.bounds);
  gtk_snapshot_pop (snapshot);

  dim.alpha *= 0.7;
  pango_layout_get_pixel_size (value, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (layout->bar_x + length + 6),
                                                          round (top + (ROW_HEIGHT - h) / 2)));
  gtk_snapshot_append_layout (snapshot, value, &dim);
  gtk_snapshot_restore (snapshot);
}

static void
errata_pareto_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  ErrataParetoChart *self = ERRATA_PARETO_CHART (widget);
  GdkRGBA fg, accent;
  Layout layout;

  style_colour (widget, NULL, &fg);
  style_colour (widget, "accent_bg_color", &accent);
  if (self->bars->len == 0)
    {
      g_autoptr(PangoLayout) empty = text_layout (widget, _("No failure modes yet"), 0.83);
      int w, h;

      fg.alpha *= 0.55;
      pango_layout_get_pixel_size (empty, &w, &h);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (round ((gtk_widget_get_width (widget) - w) / 2.0),
                                                    round ((gtk_widget_get_height (widget) - h) / 2.0)));
      gtk_snapshot_append_layout (snapshot, empty, &fg);
      return;
    }
  compute_layout (self, &layout);
  for (guint i = 0; i < self->bars->len; i++)
    draw_row (self, snapshot, &layout, i, &fg, &accent);
}

static void
errata_pareto_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  ErrataParetoChart *self = ERRATA_PARETO_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 280;
    }
  else
    *minimum = *natural = self->bars->len > 0 ? (int)(self->bars->len * ROW_HEIGHT) : 48;
}

/* ---- input -------------------------------------------------------------- */

static int
row_at (ErrataParetoChart *self,
        double             y)
{
  int row = (int)floor (y / ROW_HEIGHT);

  return row >= 0 && row < (int)self->bars->len ? row : -1;
}

static void
set_hover (ErrataParetoChart *self,
           int                row)
{
  if (self->hover == row)
    return;
  self->hover = row;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), row >= 0 ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pointer_motion (GtkEventControllerMotion *controller,
                double                    x,
                double                    y,
                gpointer                  user_data)
{
  set_hover (user_data, row_at (user_data, y));
}

static void
pointer_leave (GtkEventControllerMotion *controller,
               gpointer                  user_data)
{
  set_hover (user_data, -1);
}

static void
clicked (GtkGestureClick *gesture,
         int              n_press,
         double           x,
         double           y,
         gpointer         user_data)
{
  ErrataParetoChart *self = user_data;
  int row = row_at (self, y);

  if (row < 0)
    return;
  self->cursor = row;
  errata_pareto_chart_activate_bar (self, row);
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             gpointer               user_data)
{
  ErrataParetoChart *self = user_data;
  int n = self->bars->len;

  if (n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      self->cursor = MAX (self->cursor - 1, 0);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      self->cursor = MIN (self->cursor + 1, n - 1);
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      errata_pareto_chart_activate_bar (self, self->cursor);
      return TRUE;
    default:
      return FALSE;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
focus_changed (ErrataParetoChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- tooltip ------------------------------------------------------------ */

/**
 * errata_pareto_chart_dup_tooltip:
 * @y: a height in the chart's coordinates
 *
 * What the tooltip says with the pointer at @y: the whole name of the
 * failure mode, which the chart ellipsizes past two fifths of its width,
 * and its count.
 *
 * Returns: (nullable): plain text, or NULL away from the rows
 */
char *
errata_pareto_chart_dup_tooltip (ErrataParetoChart *self,
                                 double             y)
{
  Bar *bar;
  int row;

  g_return_val_if_fail (ERRATA_IS_PARETO_CHART (self), NULL);

  row = row_at (self, y);
  if (row < 0)
    return NULL;
  bar = &g_array_index (self->bars, Bar, row);
  /* Translators: a Pareto bar's tooltip: the failure mode's name, then
   * how many of the reviewed traces fail it. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\n%u of %u reviewed trace",
                                       "%s\n%u of %u reviewed traces", self->reviewed),
                          bar->name, bar->count, self->reviewed);
}

static gboolean
errata_pareto_chart_query_tooltip (GtkWidget  *widget,
                                   int         x,
                                   int         y,
                                   gboolean    keyboard_mode,
                                   GtkTooltip *tooltip)
{
  ErrataParetoChart *self = ERRATA_PARETO_CHART (widget);
  g_autofree char *text = NULL;
  int row;

  /* The keyboard cursor's row is read out by the accessible description,
   * which has every name in full. */
  if (keyboard_mode || (row = row_at (self, y)) < 0)
    return FALSE;
  text = errata_pareto_chart_dup_tooltip (self, y);
  gtk_tooltip_set_text (tooltip, text);
  /* Moving to the next row asks again. */
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { 0, row * ROW_HEIGHT,
                                                       gtk_widget_get_width (widget), ROW_HEIGHT });
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------ */

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_free (bar->name);
}

static void
errata_pareto_chart_finalize (GObject *object)
{
  ErrataParetoChart *self = (ErrataParetoChart *)object;

  g_clear_pointer (&self->bars, g_array_unref);

  G_OBJECT_CLASS (errata_pareto_chart_parent_class)->finalize (object);
}

static void
errata_pareto_chart_class_init (ErrataParetoChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = errata_pareto_chart_finalize;
  widget_class->snapshot = errata_pareto_chart_snapshot;
  widget_class->measure = errata_pareto_chart_measure;
  widget_class->query_tooltip = errata_pareto_chart_query_tooltip;

  /* A bar was clicked or activated with the keyboard. */
  signals[BAR_ACTIVATED] = g_signal_new ("bar-activated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_css_name (widget_class, "paretochart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
errata_pareto_chart_init (ErrataParetoChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
  self->hover = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (motion, "motion", G_CALLBACK (pointer_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (pointer_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "released", G_CALLBACK (clicked), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_changed), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Failure modes by frequency"),
                                  -1);
}

GtkWidget *
errata_pareto_chart_new (void)
{
  return g_object_new (ERRATA_TYPE_PARETO_CHART, NULL);
}

static void
update_description (ErrataParetoChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autofree char *value = value_text (bar);

      g_string_append_printf (text, "%s%s: %s", i ? "; " : "", bar->name, value);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

void
errata_pareto_chart_set_counts (ErrataParetoChart *self,
                                GPtrArray         *counts,
                                guint              reviewed)
{
  g_return_if_fail (ERRATA_IS_PARETO_CHART (self));

  g_array_set_size (self->bars, 0);
  for (guint i = 0; counts && i < counts->len; i++)
    {
      ErrataModeCount *count = counts->pdata[i];
      Bar bar = { count->mode_id, g_strdup (count->name), count->count, count->share };

      g_array_append_val (self->bars, bar);
    }
  self->reviewed = reviewed;
  self->cursor = MIN (self->cursor, MAX ((int)self->bars->len - 1, 0));
  self->hover = -1;
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
errata_pareto_chart_get_n_bars (ErrataParetoChart *self)
{
  g_return_val_if_fail (ERRATA_IS_PARETO_CHART (self), 0);
  return self->bars->len;
}

gint64
errata_pareto_chart_get_mode_id (ErrataParetoChart *self,
                                 guint              index)
{
  g_return_val_if_fail (ERRATA_IS_PARETO_CHART (self), 0);
  g_return_val_if_fail (index < self->bars->len, 0);
  return g_array_index (self->bars, Bar, index).mode_id;
}

guint
errata_pareto_chart_get_count (ErrataParetoChart *self,
                               guint              index)
{
  g_return_val_if_fail (ERRATA_IS_PARETO_CHART (self), 0);
  g_return_val_if_fail (index < self->bars->len, 0);
  return g_array_index (self->bars, Bar, index).count;
}

gboolean
errata_pareto_chart_get_bar_rect (ErrataParetoChart *self,
                                  guint              index,
                                  graphene_rect_t   *rect)
{
  Layout layout;

  g_return_val_if_fail (ERRATA_IS_PARETO_CHART (self), FALSE);

  if (index >= self->bars->len)
    return FALSE;
  compute_layout (self, &layout);
  graphene_rect_init (rect, layout.bar_x, index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                      bar_length (&layout, &g_array_index (self->bars, Bar, index)), BAR_HEIGHT);
  return TRUE;
}

void
errata_pareto_chart_activate_bar (ErrataParetoChart *self,
                                  guint              index)
{
  g_return_if_fail (ERRATA_IS_PARETO_CHART (self));
  g_return_if_fail (index < self->bars->len);
  g_signal_emit (self, signals[BAR_ACTIVATED], 0, g_array_index (self->bars, Bar, index).mode_id);
}
