/* errata-interval-chart.c
 *
 * The drawing, the layout and the texts are the core's
 * (errata-chart-interval.c), so the report draws the same chart; this
 * widget gives it the style's colours, a size, tooltips and a
 * description for screen readers.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-interval-chart.h"

#include <glib/gi18n.h>
#include <math.h>

#include "errata-chart-widget-style.h"

struct _ErrataIntervalChart
{
  GtkWidget parent_instance;

  double    raw;
  double    corrected;   /* NAN: no estimate */
  double    lo;
  double    hi;
};

G_DEFINE_FINAL_TYPE (ErrataIntervalChart, errata_interval_chart, GTK_TYPE_WIDGET)

static void
errata_interval_chart_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  ErrataIntervalChart *self = ERRATA_INTERVAL_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  ErrataChartStyle style;
  cairo_t *cr;

  errata_chart_style_init_from_widget (&style, widget);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  errata_chart_interval_draw (cr, width, height, &style, self->raw, self->corrected, self->lo, self->hi);
  cairo_destroy (cr);
}

/* Two rows and an axis: 80 px is what the core lays out. */
static void
errata_interval_chart_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 420;
    }
  else
    *minimum = *natural = 80;
}

char *
errata_interval_chart_dup_tooltip (ErrataIntervalChart *self,
                                   double               x,
                                   double               y)
{
  ErrataChartIntervalPart part;

  g_return_val_if_fail (ERRATA_IS_INTERVAL_CHART (self), NULL);

  if (!errata_chart_interval_hit (gtk_widget_get_width (GTK_WIDGET (self)),
                                  gtk_widget_get_height (GTK_WIDGET (self)),
                                  self->raw, self->corrected, self->lo, self->hi, x, y, &part))
    return NULL;
  return errata_chart_interval_dup_part_text (part, self->raw, self->corrected, self->lo, self->hi);
}

static gboolean
errata_interval_chart_query_tooltip (GtkWidget  *widget,
                                     int         x,
                                     int         y,
                                     gboolean    keyboard_mode,
                                     GtkTooltip *tooltip)
{
  g_autofree char *text = NULL;

  /* The chart takes no focus: a keyboard user has the description. */
  if (keyboard_mode || (text = errata_interval_chart_dup_tooltip (ERRATA_INTERVAL_CHART (widget), x, y)) == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  /* A few pixels round the pointer: moving to the other row asks again. */
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { x - 2, y - 2, 5, 5 });
  return TRUE;
}

char *
errata_interval_chart_dup_description (ErrataIntervalChart *self)
{
  g_return_val_if_fail (ERRATA_IS_INTERVAL_CHART (self), NULL);

  return errata_chart_interval_dup_description (self->raw, self->corrected, self->lo, self->hi);
}

static void
update (ErrataIntervalChart *self)
{
  g_autofree char *text = errata_interval_chart_dup_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
errata_interval_chart_class_init (ErrataIntervalChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = errata_interval_chart_snapshot;
  widget_class->measure = errata_interval_chart_measure;
  widget_class->query_tooltip = errata_interval_chart_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "intervalchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
errata_interval_chart_init (ErrataIntervalChart *self)
{
  self->raw = self->corrected = self->lo = self->hi = NAN;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  /* Translators: the accessible name of the chart of the raw
                                   * and corrected failure rates. */
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Estimated failure rate"),
                                  -1);
  update (self);
}

GtkWidget *
errata_interval_chart_new (void)
{
  return g_object_new (ERRATA_TYPE_INTERVAL_CHART, NULL);
}

void
errata_interval_chart_set_estimate (ErrataIntervalChart *self,
                                    double               raw,
                                    double               corrected,
                                    double               lo,
                                    double               hi)
{
  g_return_if_fail (ERRATA_IS_INTERVAL_CHART (self));

  self->raw = raw;
  self->corrected = corrected;
  self->lo = lo;
  self->hi = hi;
  update (self);
}

void
errata_interval_chart_clear (ErrataIntervalChart *self)
{
  g_return_if_fail (ERRATA_IS_INTERVAL_CHART (self));

  errata_interval_chart_set_estimate (self, NAN, NAN, NAN, NAN);
}

gboolean
errata_interval_chart_has_estimate (ErrataIntervalChart *self)
{
  g_return_val_if_fail (ERRATA_IS_INTERVAL_CHART (self), FALSE);
  return isfinite (self->corrected);
}
