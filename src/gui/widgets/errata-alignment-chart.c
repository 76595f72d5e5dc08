/* errata-alignment-chart.c
 *
 * The drawing, the layout and the texts are the core's
 * (errata-chart-alignment.c), so the report draws the same chart; this
 * widget gives it the style's colours, a size, tooltips per marker and
 * a description for screen readers.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-alignment-chart.h"

#include <glib/gi18n.h>

#include "errata-chart-widget-style.h"

struct _ErrataAlignmentChart
{
  GtkWidget             parent_instance;

  GArray               *points;    /* ErrataAlignmentPoint, oldest version first */
  ErrataAlignmentPoint  test;
  gboolean              has_test;
};

G_DEFINE_FINAL_TYPE (ErrataAlignmentChart, errata_alignment_chart, GTK_TYPE_WIDGET)

static const ErrataAlignmentPoint *
points_data (ErrataAlignmentChart *self)
{
  return (const ErrataAlignmentPoint *) self->points->data;
}

static const ErrataAlignmentPoint *
test_point (ErrataAlignmentChart *self)
{
  return self->has_test ? &self->test : NULL;
}

static void
errata_alignment_chart_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  ErrataAlignmentChart *self = ERRATA_ALIGNMENT_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  ErrataChartStyle style;
  cairo_t *cr;

  errata_chart_style_init_from_widget (&style, widget);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  errata_chart_alignment_draw (cr, width, height, &style, points_data (self), self->points->len,
                               test_point (self));
  cairo_destroy (cr);
}

/* Room for the axis labels and legend, and at least 30 px per version so
 * that TPR and TNR stay apart. */
static void
errata_alignment_chart_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  ErrataAlignmentChart *self = ERRATA_ALIGNMENT_CHART (widget);
  guint slots = self->points->len + (self->has_test ? 2 : 0);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (280, 60 + 30 * (int) slots);
      *natural = MAX (420, 60 + 60 * (int) slots);
    }
  else
    {
      *minimum = 160;
      *natural = 220;
    }
}

char *
errata_alignment_chart_dup_tooltip (ErrataAlignmentChart *self,
                                    double                x,
                                    double                y)
{
  guint index;
  gboolean is_test, is_tnr;

  g_return_val_if_fail (ERRATA_IS_ALIGNMENT_CHART (self), NULL);

  if (!errata_chart_alignment_hit (gtk_widget_get_width (GTK_WIDGET (self)),
                                   gtk_widget_get_height (GTK_WIDGET (self)),
                                   points_data (self), self->points->len, test_point (self),
                                   x, y, &index, &is_test, &is_tnr))
    return NULL;
  return errata_chart_alignment_dup_marker_text (is_test ? &self->test : &points_data (self)[index],
                                                 is_test, is_tnr);
}

static gboolean
errata_alignment_chart_query_tooltip (GtkWidget  *widget,
                                      int         x,
                                      int         y,
                                      gboolean    keyboard_mode,
                                      GtkTooltip *tooltip)
{
  ErrataAlignmentChart *self = ERRATA_ALIGNMENT_CHART (widget);
  g_autofree char *text = NULL;

  /* The chart takes no focus: a keyboard user has the description. */
  if (keyboard_mode || (text = errata_alignment_chart_dup_tooltip (self, x, y)) == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  /* A few pixels round the pointer: moving to the next marker asks again. */
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { x - 2, y - 2, 5, 5 });
  return TRUE;
}

char *
errata_alignment_chart_dup_description (ErrataAlignmentChart *self)
{
  g_return_val_if_fail (ERRATA_IS_ALIGNMENT_CHART (self), NULL);

  return errata_chart_alignment_dup_description (points_data (self), self->points->len,
                                                 test_point (self));
}

static void
update_description (ErrataAlignmentChart *self)
{
  g_autofree char *text = errata_alignment_chart_dup_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
errata_alignment_chart_finalize (GObject *object)
{
  ErrataAlignmentChart *self = (ErrataAlignmentChart *) object;

  g_clear_pointer (&self->points, g_array_unref);

  G_OBJECT_CLASS (errata_alignment_chart_parent_class)->finalize (object);
}

static void
errata_alignment_chart_class_init (ErrataAlignmentChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = errata_alignment_chart_finalize;
  widget_class->snapshot = errata_alignment_chart_snapshot;
  widget_class->measure = errata_alignment_chart_measure;
  widget_class->query_tooltip = errata_alignment_chart_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "alignmentchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
errata_alignment_chart_init (ErrataAlignmentChart *self)
{
  self->points = g_array_new (FALSE, TRUE, sizeof (ErrataAlignmentPoint));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  /* Translators: the accessible name of the chart of a
                                   * judge's TPR and TNR, version by version. */
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Judge alignment by version"),
                                  -1);
  update_description (self);
}

GtkWidget *
errata_alignment_chart_new (void)
{
  return g_object_new (ERRATA_TYPE_ALIGNMENT_CHART, NULL);
}

void
errata_alignment_chart_set_points (ErrataAlignmentChart       *self,
                                   const ErrataAlignmentPoint *points,
                                   guint                       n,
                                   const ErrataAlignmentPoint *test)
{
  g_return_if_fail (ERRATA_IS_ALIGNMENT_CHART (self));
  g_return_if_fail (points != NULL || n == 0);

  g_array_set_size (self->points, 0);
  g_array_append_vals (self->points, points, n);
  self->has_test = test != NULL;
  self->test = test != NULL ? *test : (ErrataAlignmentPoint) { 0 };
  update_description (self);
  /* The minimum width follows the number of versions. */
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
errata_alignment_chart_get_n_points (ErrataAlignmentChart *self)
{
  g_return_val_if_fail (ERRATA_IS_ALIGNMENT_CHART (self), 0);
  return self->points->len;
}

gboolean
errata_alignment_chart_has_test (ErrataAlignmentChart *self)
{
  g_return_val_if_fail (ERRATA_IS_ALIGNMENT_CHART (self), FALSE);
  return self->has_test;
}
