/* errata-chart-style.c
 *
 * The colours are Adwaita's named colours of libadwaita 1.2:
 * window_fg_color, accent_color, error_color, success_color, and the
 * palette's orange
 * for the second series (blue and orange stay apart for the common
 * colour blindnesses).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-chart-style.h"

#define DEFAULT_FONT "Cantarell 11"
#define CAPTION_SCALE 0.83

static void
set_rgba (ErrataChartRgba *rgba,
          guint32          rgb,
          double           alpha)
{
  rgba->red = ((rgb >> 16) & 0xff) / 255.0;
  rgba->green = ((rgb >> 8) & 0xff) / 255.0;
  rgba->blue = (rgb & 0xff) / 255.0;
  rgba->alpha = alpha;
}

void
errata_chart_style_derive (ErrataChartStyle *style)
{
  g_return_if_fail (style != NULL);

  /* Adwaita's dim-label opacity, and the faint lines of its separators. */
  style->dim = style->foreground;
  style->dim.alpha *= 0.55;
  style->grid = style->foreground;
  style->grid.alpha *= 0.15;
}

void
errata_chart_style_set_font (ErrataChartStyle *style,
                             const char       *font)
{
  g_return_if_fail (style != NULL);

  g_strlcpy (style->font, font != NULL && *font != '\0' ? font : DEFAULT_FONT,
             sizeof style->font);
}

void
errata_chart_style_init_light (ErrataChartStyle *style)
{
  g_return_if_fail (style != NULL);

  set_rgba (&style->foreground, 0x000000, 0.8);
  set_rgba (&style->first, 0x1c71d8, 1.0);
  set_rgba (&style->second, 0xc64600, 1.0);
  set_rgba (&style->error, 0xc01c28, 1.0);
  set_rgba (&style->success, 0x1b8553, 1.0);
  errata_chart_style_derive (style);
  errata_chart_style_set_font (style, NULL);
  style->text_scale = CAPTION_SCALE;
}

void
errata_chart_style_init_dark (ErrataChartStyle *style)
{
  g_return_if_fail (style != NULL);

  set_rgba (&style->foreground, 0xffffff, 1.0);
  set_rgba (&style->first, 0x78aeed, 1.0);
  set_rgba (&style->second, 0xffa348, 1.0);
  set_rgba (&style->error, 0xff7b63, 1.0);
  set_rgba (&style->success, 0x8ff0a4, 1.0);
  errata_chart_style_derive (style);
  errata_chart_style_set_font (style, NULL);
  style->text_scale = CAPTION_SCALE;
}
