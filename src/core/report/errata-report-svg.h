/* errata-report-svg.h: a chart as an <svg> element to put inside an HTML
 * page, drawn on cairo's SVG surface by the same code as on screen.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef void (*ErrataReportDrawFunc) (cairo_t  *cr,
                                      double    width,
                                      double    height,
                                      gpointer  data);

/* The <svg> element (no XML prolog), its ids prefixed with `id_prefix` so
 * that several charts in one page do not share glyphs or clips, labelled
 * with `label` for screen readers, sized by CSS (class "chart" and
 * `css_class`, which may be NULL). */
char *errata_report_svg_render (double                width,
                                double                height,
                                ErrataReportDrawFunc  draw,
                                gpointer              data,
                                const char           *id_prefix,
                                const char           *label,
                                const char           *css_class,
                                GError              **error);

G_END_DECLS
