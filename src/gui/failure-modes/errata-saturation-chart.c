/* errata-saturation-chart.c
 *
 * The drawing and its layout are the core's (errata-chart-saturation.c),
 * so the report draws the same chart; this widget gives it the style's
 * colours and font, a size and a description for screen readers.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-saturation-chart.h"

#include <glib/gi18n.h>

#include "errata-chart-saturation.h"
#include "errata-chart-widget-style.h"

struct _ErrataSaturationChart
{
  GtkWidget  parent_instance;

  GArray    *curve;    /* guint */
  guint      window;
};

G_DEFINE_FINAL_TYPE (ErrataSaturationChart, errata_saturation_chart, GTK_TYPE_WIDGET)

static void
errata_saturation_chart_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  ErrataSaturationChart *self = ERRATA_SATURATION_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  ErrataChartStyle style;
  cairo_t *cr;

  errata_chart_style_init_from_widget (&style, widget);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  errata_chart_saturation_draw (cr, width, height, &style, (const guint *) self->curve->data,
                                self->curve->len, self->window);
  cairo_destroy (cr);
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
  ErrataChartSaturationLayout layout;
  ErrataChartStyle style;

  g_return_val_if_fail (ERRATA_IS_SATURATION_CHART (self), FALSE);

  if (index >= self->curve->len)
    return FALSE;
  /* The layout measures the y labels in the widget's font. */
  errata_chart_style_init_from_widget (&style, GTK_WIDGET (self));
  errata_chart_saturation_layout (gtk_widget_get_width (GTK_WIDGET (self)),
                                  gtk_widget_get_height (GTK_WIDGET (self)), &style,
                                  (const guint *) self->curve->data, self->curve->len, self->window,
                                  &layout);
  point->x = errata_chart_saturation_x (&layout, index + 1);
  point->y = errata_chart_saturation_y (&layout, g_array_index (self->curve, guint, index));
  return TRUE;
}
