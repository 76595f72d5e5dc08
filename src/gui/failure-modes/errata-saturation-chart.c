/* errata-saturation-chart.c
 *
 * Drawn in the snapshot vfunc: text with PangoLayouts, the curve with a
 * cairo node (GskPath is newer than GTK 4.8). Colours come from the
 * style, so the chart follows the light and dark styles.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-saturation-chart.h"

#include <glib/gi18n.h>
#include <math.h>

#define PAD_TOP    8.0
#define PAD_RIGHT  10.0
#define TICK_GAP   6.0

struct _ErrataSaturationChart
{
  GtkWidget  parent_instance;

  GArray    *curve;    /* guint */
  guint      window;
};

G_DEFINE_FINAL_TYPE (ErrataSaturationChart, errata_saturation_chart, GTK_TYPE_WIDGET)

typedef struct
{
  graphene_rect_t plot;
  guint           y_max;
  guint           n;
} Frame;

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

static PangoLayout *
small_layout (GtkWidget  *widget,
              const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.83));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static guint
curve_max (ErrataSaturationChart *self)
{
  guint max = 0;

  for (guint i = 0; i < self->curve->len; i++)
    max = MAX (max, g_array_index (self->curve, guint, i));
  return max;
}

/* The plot area leaves room for the y labels on the left and the x labels
 * and axis title below. */
static void
compute_frame (ErrataSaturationChart *self,
               Frame                 *frame)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *top = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  int label_w, label_h;

  frame->n = self->curve->len;
  /* Headroom above the curve, so that a flat top is not lost in the frame. */
  frame->y_max = curve_max (self) + 1;
  top = g_strdup_printf ("%u", frame->y_max);
  layout = small_layout (widget, top);
  pango_layout_get_pixel_size (layout, &label_w, &label_h);
  frame->plot.origin.x = label_w + TICK_GAP;
  frame->plot.origin.y = PAD_TOP;
  frame->plot.size.width = MAX (gtk_widget_get_width (widget) - frame->plot.origin.x - PAD_RIGHT, 1);
  frame->plot.size.height = MAX (gtk_widget_get_height (widget) - PAD_TOP - label_h - TICK_GAP, 1);
}

static double
x_at (const Frame *frame,
      double       reviews)
{
  return frame->plot.origin.x + frame->plot.size.width * reviews / MAX (frame->n, 1);
}

static double
y_at (const Frame *frame,
      double       modes)
{
  return frame->plot.origin.y + frame->plot.size.height * (1.0 - modes / frame->y_max);
}

static void
draw_text (GtkSnapshot   *snapshot,
           GtkWidget     *widget,
           const char    *text,
           double         x,
           double         y,
           double         x_align,
           const GdkRGBA *colour)
{
  g_autoptr(PangoLayout) layout = small_layout (widget, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x - w * x_align), round (y)));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

static void
draw_grid (ErrataSaturationChart *self,
           GtkSnapshot           *snapshot,
           const Frame           *frame,
           const GdkRGBA         *fg)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRGBA line = *fg, dim = *fg;
  guint step = frame->y_max <= 6 ? 1 : (frame->y_max + 3) / 4;
  g_autofree char *n_text = g_strdup_printf ("%u", frame->n);
  double bottom = frame->plot.origin.y + frame->plot.size.height;

  line.alpha *= 0.12;
  dim.alpha *= 0.6;
  for (guint v = 0; v <= frame->y_max; v += step)
    {
      g_autofree char *text = g_strdup_printf ("%u", v);
      double y = round (y_at (frame, v));

      gtk_snapshot_append_color (snapshot, &line,
                                 &GRAPHENE_RECT_INIT (frame->plot.origin.x, y,
                                                      frame->plot.size.width, 1));
      draw_text (snapshot, widget, text, frame->plot.origin.x - TICK_GAP, y - 7, 1.0, &dim);
    }
  draw_text (snapshot, widget, "0", frame->plot.origin.x, bottom + TICK_GAP / 2, 0.0, &dim);
  draw_text (snapshot, widget, n_text, frame->plot.origin.x + frame->plot.size.width,
             bottom + TICK_GAP / 2, 1.0, &dim);
  draw_text (snapshot, widget, _("traces reviewed"),
             frame->plot.origin.x + frame->plot.size.width / 2, bottom + TICK_GAP / 2, 0.5, &dim);
}

/* A step line: the count of modes only changes at a review. */
static void
trace_curve (ErrataSaturationChart *self,
             cairo_t               *cr,
             const Frame           *frame)
{
  guint previous = 0;

  cairo_move_to (cr, x_at (frame, 0), y_at (frame, 0));
  for (guint i = 0; i < frame->n; i++)
    {
      guint value = g_array_index (self->curve, guint, i);

      if (value != previous)
        cairo_line_to (cr, x_at (frame, i), y_at (frame, value));
      cairo_line_to (cr, x_at (frame, i + 1), y_at (frame, value));
      previous = value;
    }
}

static void
draw_curve (ErrataSaturationChart *self,
            GtkSnapshot           *snapshot,
            const Frame           *frame,
            const GdkRGBA         *accent)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                           &GRAPHENE_RECT_INIT (0, 0,
                                                                gtk_widget_get_width (GTK_WIDGET (self)),
                                                                gtk_widget_get_height (GTK_WIDGET (self))));
  double bottom = frame->plot.origin.y + frame->plot.size.height;

  trace_curve (self, cr, frame);
  cairo_line_to (cr, x_at (frame, frame->n), bottom);
  cairo_line_to (cr, x_at (frame, 0), bottom);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, accent->alpha * 0.10);
  cairo_fill (cr);

  trace_curve (self, cr, frame);
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  gdk_cairo_set_source_rgba (cr, accent);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static gboolean
tail_is_flat (ErrataSaturationChart *self)
{
  guint n = self->curve->len;

  return self->window > 0 && n > self->window &&
         g_array_index (self->curve, guint, n - 1) ==
         g_array_index (self->curve, guint, n - 1 - self->window);
}

/* The quiet tail, when it is quiet: the reviews that found nothing new. */
static void
draw_tail (ErrataSaturationChart *self,
           GtkSnapshot           *snapshot,
           const Frame           *frame)
{
  GdkRGBA success;
  double x0;

  if (!tail_is_flat (self))
    return;
  style_colour (GTK_WIDGET (self), "success_color", &success);
  x0 = x_at (frame, frame->n - self->window);
  success.alpha *= 0.10;
  gtk_snapshot_append_color (snapshot, &success,
                             &GRAPHENE_RECT_INIT (x0, frame->plot.origin.y,
                                                  frame->plot.origin.x + frame->plot.size.width - x0,
                                                  frame->plot.size.height));
  success.alpha *= 6;
  gtk_snapshot_append_color (snapshot, &success,
                             &GRAPHENE_RECT_INIT (round (x0), frame->plot.origin.y, 1,
                                                  frame->plot.size.height));
}

static void
errata_saturation_chart_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  ErrataSaturationChart *self = ERRATA_SATURATION_CHART (widget);
  GdkRGBA fg, accent, dim;
  Frame frame;

  style_colour (widget, NULL, &fg);
  style_colour (widget, "accent_color", &accent);
  if (self->curve->len == 0)
    {
      dim = fg;
      dim.alpha *= 0.55;
      draw_text (snapshot, widget, _("No reviews yet"), gtk_widget_get_width (widget) / 2.0,
                 gtk_widget_get_height (widget) / 2.0 - 8, 0.5, &dim);
      return;
    }
  compute_frame (self, &frame);
  draw_tail (self, snapshot, &frame);
  draw_grid (self, snapshot, &frame, &fg);
  draw_curve (self, snapshot, &frame, &accent);
}

static void
errata_saturation_chart_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 100;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 280 : 150;
}

static void
update_description (ErrataSaturationChart *self)
{
  g_autofree char *text = NULL;
  guint n = self->curve->len;

  if (n == 0)
    text = g_strdup (_("No reviews yet"));
  else
    /* Translators: describes the saturation chart to a screen reader. */
    text = g_strdup_printf (_("%u distinct failure modes after %u reviewed traces"),
                            g_array_index (self->curve, guint, n - 1), n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
errata_saturation_chart_finalize (GObject *object)
{
  ErrataSaturationChart *self = (ErrataSaturationChart *)object;

  g_clear_pointer (&self->curve, g_array_unref);

  G_OBJECT_CLASS (errata_saturation_chart_parent_class)->finalize (object);
}

static void
errata_saturation_chart_class_init (ErrataSaturationChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = errata_saturation_chart_finalize;
  widget_class->snapshot = errata_saturation_chart_snapshot;
  widget_class->measure = errata_saturation_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "saturationchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
errata_saturation_chart_init (ErrataSaturationChart *self)
{
  self->curve = g_array_new (FALSE, FALSE, sizeof (guint));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Saturation"), -1);
}

GtkWidget *
errata_saturation_chart_new (void)
{
  return g_object_new (ERRATA_TYPE_SATURATION_CHART, NULL);
}

void
errata_saturation_chart_set_curve (ErrataSaturationChart *self,
                                   GArray                *curve,
                                   guint                  window)
{
  g_return_if_fail (ERRATA_IS_SATURATION_CHART (self));

  g_array_set_size (self->curve, 0);
  if (curve)
    g_array_append_vals (self->curve, curve->data, curve->len);
  self->window = window;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
errata_saturation_chart_get_n_points (ErrataSaturationChart *self)
{
  g_return_val_if_fail (ERRATA_IS_SATURATION_CHART (self), 0);
  return self->curve->len;
}

guint
errata_saturation_chart_get_value (ErrataSaturationChart *self,
                                   guint                  index)
{
  g_return_val_if_fail (ERRATA_IS_SATURATION_CHART (self), 0);
  g_return_val_if_fail (index < self->curve->len, 0);
  return g_array_index (self->curve, guint, index);
}

gboolean
errata_saturation_chart_get_point (ErrataSaturationChart *self,
                                   guint                  index,
                                   graphene_point_t      *point)
{
  Frame frame;

  g_return_val_if_fail (ERRATA_IS_SATURATION_CHART (self), FALSE);

  if (index >= self->curve->len)
    return FALSE;
  compute_frame (self, &frame);
  point->x = x_at (&frame, index + 1);
  point->y = y_at (&frame, g_array_index (self->curve, guint, index));
  return TRUE;
}
