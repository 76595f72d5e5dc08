/* errata-chart-widget-style.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-chart-widget-style.h"

#include <adwaita.h>
#include <math.h>
#include <pango/pangocairo.h>

static void
copy_rgba (ErrataChartRgba *to,
           const GdkRGBA   *from)
{
  to->red = from->red;
  to->green = from->green;
  to->blue = from->blue;
  to->alpha = from->alpha;
}

/* Leaves `to` as it is (the Adwaita default) when the theme lacks `name`. */
static void
lookup_colour (GtkWidget       *widget,
               const char      *name,
               ErrataChartRgba *to)
{
  GdkRGBA rgba;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &rgba))
    copy_rgba (to, &rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* The core draws with a Pango context of its own, at 96 dpi; the widget's
 * font is sized for the screen (text scaling included), so its size goes
 * over in pixels. */
static void
set_font (ErrataChartStyle *style,
          GtkWidget        *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (pango_context_get_font_description (context));
  g_autofree char *text = NULL;
  double dpi = pango_cairo_context_get_resolution (context);
  int size = pango_font_description_get_size (font);

  if (size > 0 && !pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, round (size * (dpi > 0 ? dpi : 96.0) / 72.0));
  text = pango_font_description_to_string (font);
  errata_chart_style_set_font (style, text);
}

void
errata_chart_style_init_from_widget (ErrataChartStyle *style,
                                     GtkWidget        *widget)
{
  AdwStyleManager *manager;
  gboolean dark;
  GdkRGBA fg;

  g_return_if_fail (style != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));

  manager = adw_style_manager_get_for_display (gtk_widget_get_display (widget));
  dark = adw_style_manager_get_dark (manager);
  if (dark)
    errata_chart_style_init_dark (style);
  else
    errata_chart_style_init_light (style);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  copy_rgba (&style->foreground, &fg);
  lookup_colour (widget, "accent_color", &style->first);
  /* Orange beside blue stays apart for the common colour blindnesses;
   * the darker shade keeps its contrast on a light background. */
  lookup_colour (widget, dark ? "orange_2" : "orange_5", &style->second);
  lookup_colour (widget, "error_color", &style->error);
  lookup_colour (widget, "success_color", &style->success);
  errata_chart_style_derive (style);
  set_font (style, widget);
}

void
errata_chart_style_series_colour (const ErrataChartStyle *style,
                                  GtkWidget              *widget,
                                  guint                   index,
                                  ErrataChartRgba        *colour)
{
  static const char * const light[] = { "purple_4", "green_5", "brown_3", "yellow_5", "blue_5" };
  static const char * const dark[] = { "purple_2", "green_2", "brown_1", "yellow_2", "blue_2" };
  AdwStyleManager *manager;

  g_return_if_fail (style != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (colour != NULL);

  *colour = style->first;
  if (index == 0)
    return;
  manager = adw_style_manager_get_for_display (gtk_widget_get_display (widget));
  index = (index - 1) % G_N_ELEMENTS (light);
  lookup_colour (widget, adw_style_manager_get_dark (manager) ? dark[index] : light[index],
                 colour);
}
