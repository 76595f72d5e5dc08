/* errata-chart-draw.c: lines, markers and text the charts share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-chart-private.h"

#include <math.h>

#define DEFAULT_POINTS 10

static void
pen_set_font (ErrataChartPen         *pen,
              const ErrataChartStyle *style)
{
  int size;

  pen->style = style;
  pen->font = pango_font_description_from_string (style->font);
  size = pango_font_description_get_size (pen->font);
  if (size <= 0)
    size = DEFAULT_POINTS * PANGO_SCALE;
  size = (int) round (size * (style->text_scale > 0 ? style->text_scale : 1.0));
  if (pango_font_description_get_size_is_absolute (pen->font))
    pango_font_description_set_absolute_size (pen->font, size);
  else
    pango_font_description_set_size (pen->font, size);
}

void
_errata_chart_pen_init (ErrataChartPen         *pen,
                        cairo_t                *cr,
                        const ErrataChartStyle *style)
{
  g_assert (cr != NULL && style != NULL);

  pen->cr = cr;
  pen->pango = pango_cairo_create_context (cr);
  pen_set_font (pen, style);
}

void
_errata_chart_pen_init_measure (ErrataChartPen         *pen,
                                const ErrataChartStyle *style)
{
  g_assert (style != NULL);

  pen->cr = NULL;
  pen->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pen_set_font (pen, style);
}

void
_errata_chart_pen_clear (ErrataChartPen *pen)
{
  g_clear_object (&pen->pango);
  g_clear_pointer (&pen->font, pango_font_description_free);
}

double
_errata_chart_crisp (double v)
{
  return floor (v) + 0.5;
}

void
_errata_chart_set_source (cairo_t               *cr,
                          const ErrataChartRgba *rgba)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha);
}

PangoLayout *
_errata_chart_text_layout (ErrataChartPen *pen,
                           const char     *text)
{
  PangoLayout *layout = pango_layout_new (pen->pango);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_layout_set_font_description (layout, pen->font);
  /* Tabular figures: percentages in a column line up. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

void
_errata_chart_text_size (ErrataChartPen *pen,
                         const char     *text,
                         double         *width,
                         double         *height)
{
  g_autoptr(PangoLayout) layout = _errata_chart_text_layout (pen, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (width)
    *width = w;
  if (height)
    *height = h;
}

void
_errata_chart_draw_text (ErrataChartPen        *pen,
                         const char            *text,
                         double                 x,
                         double                 y,
                         double                 x_align,
                         double                 y_align,
                         const ErrataChartRgba *colour)
{
  g_autoptr(PangoLayout) layout = _errata_chart_text_layout (pen, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_save (pen->cr);
  /* Whole pixels: text placed between pixels is blurred. */
  cairo_move_to (pen->cr, round (x - w * x_align), round (y - h * y_align));
  _errata_chart_set_source (pen->cr, colour);
  pango_cairo_show_layout (pen->cr, layout);
  cairo_restore (pen->cr);
}

void
_errata_chart_hline (cairo_t               *cr,
                     double                 x0,
                     double                 x1,
                     double                 y,
                     const ErrataChartRgba *colour)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  _errata_chart_set_source (cr, colour);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
_errata_chart_vline (cairo_t               *cr,
                     double                 x,
                     double                 y0,
                     double                 y1,
                     const ErrataChartRgba *colour)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, x, y0);
  cairo_line_to (cr, x, y1);
  _errata_chart_set_source (cr, colour);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
marker_path (cairo_t           *cr,
             ErrataChartMarker  shape,
             double             x,
             double             y,
             double             r)
{
  if (shape == ERRATA_CHART_MARKER_CIRCLE)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      return;
    }
  /* A diamond looks as large as a circle when its half diagonal is about
   * 1.25 radii. */
  r *= 1.25;
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x + r, y);
  cairo_line_to (cr, x, y + r);
  cairo_line_to (cr, x - r, y);
  cairo_close_path (cr);
}

void
_errata_chart_marker (cairo_t               *cr,
                      ErrataChartMarker      shape,
                      double                 x,
                      double                 y,
                      gboolean               filled,
                      const ErrataChartRgba *colour)
{
  const double ring = 1.75;

  cairo_save (cr);
  _errata_chart_set_source (cr, colour);
  if (filled)
    {
      marker_path (cr, shape, x, y, ERRATA_CHART_MARKER_RADIUS);
      cairo_fill (cr);
    }
  else
    {
      /* The ring's outer edge where a filled marker's would be. */
      marker_path (cr, shape, x, y, ERRATA_CHART_MARKER_RADIUS - ring / 2);
      cairo_set_line_width (cr, ring);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

char *
_errata_chart_percent (double fraction,
                       int    decimals)
{
  /* Translators: a percentage on a chart, "82%"; the first argument is
   * the number of decimals. Write "%.*f %%" where a space comes before
   * the percent sign. */
  return g_strdup_printf (_("%.*f%%"), decimals, fraction * 100.0);
}

char *
_errata_chart_percent_range (double lo,
                             double hi,
                             int    decimals)
{
  g_autofree char *high = _errata_chart_percent (hi, decimals);

  /* Translators: a range of percentages, "70–90%": the low number, then
   * the high one as a percentage ("%.*f%%" above). */
  return g_strdup_printf (_("%.*f–%s"), decimals, lo * 100.0, high);
}
