/* test-charts.c: the judge-alignment and estimate charts, drawn onto
 * image surfaces whose pixels are read back, and onto SVG and PDF
 * surfaces with no display.
 *
 * The style here uses pure colours (red first series, blue second, green
 * grid, magenta success) so that a pixel says what drew it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

#include "errata-chart-alignment.h"
#include "errata-chart-interval.h"
#include "errata-chart-saturation.h"
#include "errata-chart-style.h"

#define W 420
#define H 240

typedef enum
{
  INK_NONE,
  INK_RED,
  INK_BLUE,
  INK_GREEN,
  INK_BLACK,
  INK_OTHER,
} Ink;

static void
test_style (ErrataChartStyle *style)
{
  errata_chart_style_init_light (style);
  style->foreground = (ErrataChartRgba) { 0, 0, 0, 1 };
  style->dim = (ErrataChartRgba) { 0.5, 0.5, 0.5, 1 };
  style->grid = (ErrataChartRgba) { 0, 0.8, 0, 1 };
  style->first = (ErrataChartRgba) { 1, 0, 0, 1 };
  style->second = (ErrataChartRgba) { 0, 0, 1, 1 };
  style->error = (ErrataChartRgba) { 1, 1, 0, 1 };
  style->success = (ErrataChartRgba) { 1, 0, 1, 1 };
}

static cairo_surface_t *
new_surface (void)
{
  return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
}

/* What drew the pixel at x, y: only nearly opaque pixels count, so the
 * antialiased rim of a shape is not read as another colour. */
static Ink
ink_at (cairo_surface_t *surface,
        int              x,
        int              y)
{
  const guchar *data;
  guint32 px;
  int a, r, g, b;

  if (x < 0 || y < 0 || x >= W || y >= H)
    return INK_NONE;
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  px = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
  a = px >> 24;
  r = (px >> 16) & 0xff;
  g = (px >> 8) & 0xff;
  b = px & 0xff;
  if (a < 200)
    return INK_NONE;
  if (r > 200 && g < 60 && b < 60)
    return INK_RED;
  if (b > 200 && r < 60 && g < 60)
    return INK_BLUE;
  if (g > 150 && r < 60 && b < 60)
    return INK_GREEN;
  if (r < 60 && g < 60 && b < 60)
    return INK_BLACK;
  return INK_OTHER;
}

/* Any trace of the second series, faint lines included. */
static gboolean
tinted_blue (cairo_surface_t *surface,
             int              x,
             int              y)
{
  const guchar *data;
  guint32 px;
  int a, r, g, b;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  px = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
  a = px >> 24;
  r = (px >> 16) & 0xff;
  g = (px >> 8) & 0xff;
  b = px & 0xff;
  return a > 40 && b > r + 30 && b > g + 30;
}

static guint
count_ink (cairo_surface_t *surface,
           int              x0,
           int              y0,
           int              x1,
           int              y1,
           Ink              ink)
{
  guint n = 0;

  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      n += ink_at (surface, x, y) == ink;
  return n;
}

/* The first and last row of `ink` in column x, between y0 and y1. */
static gboolean
column_extent (cairo_surface_t *surface,
               int              x,
               int              y0,
               int              y1,
               Ink              ink,
               int             *top,
               int             *bottom)
{
  *top = *bottom = -1;
  for (int y = y0; y <= y1; y++)
    if (ink_at (surface, x, y) == ink)
      {
        if (*top < 0)
          *top = y;
        *bottom = y;
      }
  return *top >= 0;
}

static ErrataAlignmentPoint
point (guint  version,
       double tpr,
       double tpr_lo,
       double tpr_hi,
       double tnr,
       double tnr_lo,
       double tnr_hi)
{
  return (ErrataAlignmentPoint) { version, tpr, tpr_lo, tpr_hi, tnr, tnr_lo, tnr_hi,
                                  !isnan (tpr), !isnan (tnr), 40 };
}

static cairo_surface_t *
draw_alignment (const ErrataAlignmentPoint *points,
                guint                       n,
                const ErrataAlignmentPoint *test)
{
  cairo_surface_t *surface = new_surface ();
  cairo_t *cr = cairo_create (surface);
  ErrataChartStyle style;

  test_style (&style);
  errata_chart_alignment_draw (cr, W, H, &style, points, n, test);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

static ErrataAlignmentPoint three[] = {
  { 1, 0.60, 0.45, 0.74, 0.70, 0.55, 0.82, TRUE, TRUE, 40 },
  { 2, 0.80, 0.65, 0.90, 0.85, 0.72, 0.93, TRUE, TRUE, 40 },
  { 3, 0.82, 0.70, 0.90, 0.91, 0.84, 0.95, TRUE, TRUE, 40 },
};

/* ---- alignment: layout -------------------------------------------------- */

static void
test_alignment_layout (void)
{
  ErrataChartAlignmentLayout l;
  double last;

  errata_chart_alignment_layout (W, H, 3, TRUE, &l);
  g_assert_cmpfloat (l.plot_x, >, 0);
  g_assert_cmpfloat (l.plot_x + l.plot_width, <, W);
  g_assert_cmpfloat (l.plot_y + l.plot_height, <, H);
  /* 0% at the bottom of the plot, 100% at its top. */
  g_assert_cmpfloat_with_epsilon (errata_chart_alignment_rate_y (&l, 0.0), l.plot_y + l.plot_height, 1e-9);
  g_assert_cmpfloat_with_epsilon (errata_chart_alignment_rate_y (&l, 1.0), l.plot_y, 1e-9);
  g_assert_cmpfloat_with_epsilon (errata_chart_alignment_rate_y (&l, 1.7), l.plot_y, 1e-9);

  /* Versions left to right, TPR left of TNR, every marker on the plot. */
  last = l.plot_x;
  for (guint i = 0; i < 3; i++)
    {
      double tpr = errata_chart_alignment_marker_x (&l, i, FALSE, FALSE);
      double tnr = errata_chart_alignment_marker_x (&l, i, FALSE, TRUE);

      g_assert_cmpfloat (tpr, >, last);
      g_assert_cmpfloat (tnr, >, tpr + 2 * 4);
      /* In the middle of a pixel, so the whisker is one crisp pixel. */
      g_assert_cmpfloat (tpr - floor (tpr), ==, 0.5);
      last = tnr;
    }
  /* The test point after the separator, farther from the last version
   * than the versions are from each other. */
  g_assert_cmpfloat (l.separator_x, >, last + 4);
  g_assert_cmpfloat (errata_chart_alignment_marker_x (&l, 0, TRUE, FALSE) - last, >,
                     1.4 * (errata_chart_alignment_marker_x (&l, 2, FALSE, FALSE) -
                            errata_chart_alignment_marker_x (&l, 1, FALSE, TRUE)));
  g_assert_cmpfloat (errata_chart_alignment_marker_x (&l, 0, TRUE, FALSE), >, l.separator_x + 4);
  g_assert_cmpfloat (errata_chart_alignment_marker_x (&l, 0, TRUE, TRUE), <, l.plot_x + l.plot_width);
}

/* ---- alignment: pixels -------------------------------------------------- */

static void
test_alignment_marker_at_rate (void)
{
  cairo_surface_t *surface = draw_alignment (three, 3, NULL);
  ErrataChartAlignmentLayout l;
  int x, top, bottom;
  double y80;

  errata_chart_alignment_layout (W, H, 3, FALSE, &l);
  x = (int) errata_chart_alignment_marker_x (&l, 1, FALSE, FALSE);
  y80 = errata_chart_alignment_rate_y (&l, 0.80);
  /* Three pixels beside the whisker and between its caps (65–90%), only
   * the marker's disc is red: its middle is where the layout puts 80%. */
  g_assert_true (column_extent (surface, x + 3, (int) errata_chart_alignment_rate_y (&l, 0.88),
                                (int) errata_chart_alignment_rate_y (&l, 0.67), INK_RED, &top, &bottom));
  g_assert_cmpfloat (fabs ((top + bottom + 1) / 2.0 - y80), <=, 1.0);
  g_assert_cmpint (bottom - top, <=, 8);
  /* Filled: its centre is red. */
  g_assert_cmpint (ink_at (surface, x, (int) y80), ==, INK_RED);

  /* TNR 85% beside it, in blue. */
  x = (int) errata_chart_alignment_marker_x (&l, 1, FALSE, TRUE);
  g_assert_cmpint (ink_at (surface, x, (int) errata_chart_alignment_rate_y (&l, 0.85)), ==, INK_BLUE);
  cairo_surface_destroy (surface);
}

static void
test_alignment_whisker (void)
{
  cairo_surface_t *surface = draw_alignment (three, 3, NULL);
  ErrataChartAlignmentLayout l;
  int x, top, bottom;

  errata_chart_alignment_layout (W, H, 3, FALSE, &l);
  /* v1's TPR: 60% in 45–74%. */
  x = (int) errata_chart_alignment_marker_x (&l, 0, FALSE, FALSE);
  g_assert_true (column_extent (surface, x, (int) l.plot_y, (int) (l.plot_y + l.plot_height),
                                INK_RED, &top, &bottom));
  g_assert_cmpfloat (fabs (top - errata_chart_alignment_rate_y (&l, 0.74)), <=, 1.5);
  g_assert_cmpfloat (fabs (bottom - errata_chart_alignment_rate_y (&l, 0.45)), <=, 1.5);
  /* Caps across both ends. */
  g_assert_cmpint (ink_at (surface, x - 3, top), ==, INK_RED);
  g_assert_cmpint (ink_at (surface, x + 3, bottom), ==, INK_RED);
  /* v3's TNR: 84–95%. */
  x = (int) errata_chart_alignment_marker_x (&l, 2, FALSE, TRUE);
  g_assert_true (column_extent (surface, x, (int) l.plot_y, (int) (l.plot_y + l.plot_height),
                                INK_BLUE, &top, &bottom));
  g_assert_cmpfloat (fabs (top - errata_chart_alignment_rate_y (&l, 0.95)), <=, 1.5);
  g_assert_cmpfloat (fabs (bottom - errata_chart_alignment_rate_y (&l, 0.84)), <=, 1.5);
  cairo_surface_destroy (surface);
}

/* An undefined rate is a gap: nothing in its column, not a marker at 0,
 * and no trend line through it from its neighbours. */
static void
test_alignment_undefined_is_a_gap (void)
{
  ErrataAlignmentPoint points[] = {
    three[0],
    point (2, 0.75, 0.6, 0.86, NAN, NAN, NAN),
    three[2],
  };
  cairo_surface_t *surface;
  ErrataChartAlignmentLayout l;
  int x;

  /* Whatever the rate fields hold, _defined FALSE wins. */
  points[1].tnr = 0;
  points[1].tnr_lo = 0;
  points[1].tnr_hi = 0;
  surface = draw_alignment (points, 3, NULL);
  errata_chart_alignment_layout (W, H, 3, FALSE, &l);
  x = (int) errata_chart_alignment_marker_x (&l, 1, FALSE, TRUE);
  for (int dx = -3; dx <= 3; dx++)
    for (int y = (int) l.plot_y; y <= (int) (l.plot_y + l.plot_height) + 6; y++)
      g_assert_false (tinted_blue (surface, x + dx, y));
  /* The neighbours' TNR and v2's TPR are there. */
  g_assert_cmpint (ink_at (surface, (int) errata_chart_alignment_marker_x (&l, 0, FALSE, TRUE),
                           (int) errata_chart_alignment_rate_y (&l, 0.70)), ==, INK_BLUE);
  g_assert_cmpint (ink_at (surface, (int) errata_chart_alignment_marker_x (&l, 2, FALSE, TRUE),
                           (int) errata_chart_alignment_rate_y (&l, 0.91)), ==, INK_BLUE);
  g_assert_cmpint (ink_at (surface, (int) errata_chart_alignment_marker_x (&l, 1, FALSE, FALSE),
                           (int) errata_chart_alignment_rate_y (&l, 0.75)), ==, INK_RED);
  cairo_surface_destroy (surface);
}

static void
test_alignment_test_point_apart (void)
{
  ErrataAlignmentPoint test = point (3, 0.78, 0.66, 0.87, 0.89, 0.80, 0.95);
  cairo_surface_t *surface = draw_alignment (three, 3, &test);
  ErrataChartAlignmentLayout l;
  int rightmost = -1, x, y;
  double last_dev;

  errata_chart_alignment_layout (W, H, 3, TRUE, &l);
  last_dev = errata_chart_alignment_marker_x (&l, 2, FALSE, TRUE);
  for (x = 0; x < W; x++)
    if (count_ink (surface, x, (int) l.plot_y, x, (int) (l.plot_y + l.plot_height), INK_RED) > 0)
      rightmost = x;
  /* The rightmost red is the test TPR's ring, right of the separator,
   * right of the last version. */
  g_assert_cmpint (rightmost, >, (int) l.separator_x);
  g_assert_cmpint (rightmost, >, (int) last_dev + 8);
  g_assert_cmpfloat (fabs (rightmost - errata_chart_alignment_marker_x (&l, 0, TRUE, FALSE)), <=, 5.0);

  /* Hollow: a ring of red round an empty middle, unlike the dev markers. */
  x = (int) errata_chart_alignment_marker_x (&l, 0, TRUE, FALSE);
  y = (int) errata_chart_alignment_rate_y (&l, 0.78);
  g_assert_cmpint (ink_at (surface, x, y), ==, INK_NONE);
  g_assert_cmpuint (count_ink (surface, x - 5, y - 5, x + 5, y + 5, INK_RED), >=, 8);
  x = (int) errata_chart_alignment_marker_x (&l, 0, TRUE, TRUE);
  y = (int) errata_chart_alignment_rate_y (&l, 0.89);
  g_assert_cmpint (ink_at (surface, x, y), ==, INK_NONE);
  g_assert_cmpuint (count_ink (surface, x - 6, y - 6, x + 6, y + 6, INK_BLUE), >=, 8);

  /* No trend line joins the last version to the test point: between the
   * two, on the plot, there is no red or blue. */
  g_assert_cmpuint (count_ink (surface, (int) last_dev + 7, (int) l.plot_y, (int) l.separator_x - 1,
                               (int) (l.plot_y + l.plot_height), INK_RED) +
                    count_ink (surface, (int) last_dev + 7, (int) l.plot_y, (int) l.separator_x - 1,
                               (int) (l.plot_y + l.plot_height), INK_BLUE), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_alignment_hit (void)
{
  ErrataAlignmentPoint points[] = {
    three[0],
    point (2, 0.75, 0.6, 0.86, NAN, NAN, NAN),
    three[2],
  };
  ErrataAlignmentPoint test = point (3, 0.78, 0.66, 0.87, 0.89, 0.80, 0.95);
  ErrataChartAlignmentLayout l;
  guint index = 99;
  gboolean is_test = TRUE, is_tnr = TRUE;
  struct { guint index; gboolean is_test, is_tnr; double rate; } markers[] = {
    { 0, FALSE, FALSE, 0.60 }, { 0, FALSE, TRUE, 0.70 }, { 1, FALSE, FALSE, 0.75 },
    { 2, FALSE, FALSE, 0.82 }, { 2, FALSE, TRUE, 0.91 },
    { 0, TRUE, FALSE, 0.78 }, { 0, TRUE, TRUE, 0.89 },
  };

  errata_chart_alignment_layout (W, H, 3, TRUE, &l);
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      double x = errata_chart_alignment_marker_x (&l, markers[i].index, markers[i].is_test,
                                                  markers[i].is_tnr);
      double y = errata_chart_alignment_rate_y (&l, markers[i].rate);

      g_assert_true (errata_chart_alignment_hit (W, H, points, 3, &test, x, y,
                                                 &index, &is_test, &is_tnr));
      g_assert_cmpuint (index, ==, markers[i].index);
      g_assert_cmpint (is_test, ==, markers[i].is_test);
      g_assert_cmpint (is_tnr, ==, markers[i].is_tnr);
      /* A little off the centre is still the marker. */
      g_assert_true (errata_chart_alignment_hit (W, H, points, 3, &test, x + 2, y - 3,
                                                 &index, &is_test, &is_tnr));
      g_assert_cmpuint (index, ==, markers[i].index);
      g_assert_cmpint (is_tnr, ==, markers[i].is_tnr);
    }
  /* On v1's TPR whisker, away from the marker: still v1's TPR. */
  g_assert_true (errata_chart_alignment_hit (W, H, points, 3, &test,
                                             errata_chart_alignment_marker_x (&l, 0, FALSE, FALSE),
                                             errata_chart_alignment_rate_y (&l, 0.47),
                                             &index, &is_test, &is_tnr));
  g_assert_cmpuint (index, ==, 0);
  g_assert_false (is_tnr);

  /* Empty space: the plot's corners, below the whiskers, the legend,
   * and where v2's undefined TNR would be. */
  g_assert_false (errata_chart_alignment_hit (W, H, points, 3, &test, l.plot_x + 2, l.plot_y + 2,
                                              NULL, NULL, NULL));
  g_assert_false (errata_chart_alignment_hit (W, H, points, 3, &test,
                                              errata_chart_alignment_marker_x (&l, 0, FALSE, FALSE),
                                              errata_chart_alignment_rate_y (&l, 0.1), NULL, NULL, NULL));
  g_assert_false (errata_chart_alignment_hit (W, H, points, 3, &test, W - 2, 4, NULL, NULL, NULL));
  g_assert_false (errata_chart_alignment_hit (W, H, points, 3, &test,
                                              errata_chart_alignment_marker_x (&l, 1, FALSE, TRUE) + 3,
                                              errata_chart_alignment_rate_y (&l, 0.0), NULL, NULL, NULL));
  g_assert_false (errata_chart_alignment_hit (W, H, points, 3, &test,
                                              errata_chart_alignment_marker_x (&l, 1, FALSE, TRUE) + 3,
                                              errata_chart_alignment_rate_y (&l, 0.45), NULL, NULL, NULL));
  /* Nothing to hit on an empty chart. */
  g_assert_false (errata_chart_alignment_hit (W, H, NULL, 0, NULL, W / 2.0, H / 2.0, NULL, NULL, NULL));
}

static void
test_alignment_empty (void)
{
  cairo_surface_t *surface = draw_alignment (NULL, 0, NULL);
  ErrataChartAlignmentLayout l;

  errata_chart_alignment_layout (W, H, 0, FALSE, &l);
  /* Grid lines and their labels, and no series. */
  g_assert_cmpuint (count_ink (surface, 0, 0, W - 1, H - 1, INK_GREEN), >=, (guint) l.plot_width * 3);
  g_assert_cmpuint (count_ink (surface, 0, 0, W - 1, H - 1, INK_RED), ==, 0);
  g_assert_cmpuint (count_ink (surface, 0, 0, W - 1, H - 1, INK_BLUE), ==, 0);
  cairo_surface_destroy (surface);

  /* Only a test point, and a chart too small for anything: no crash,
   * the test point still drawn. */
  {
    ErrataAlignmentPoint test = point (1, 0.5, 0.4, 0.6, 0.5, 0.4, 0.6);
    cairo_surface_t *tiny = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
    cairo_t *cr = cairo_create (tiny);
    ErrataChartStyle style;

    surface = draw_alignment (NULL, 0, &test);
    g_assert_cmpuint (count_ink (surface, 0, 30, W - 1, H - 1, INK_RED), >, 0);
    cairo_surface_destroy (surface);
    test_style (&style);
    errata_chart_alignment_draw (cr, 10, 10, &style, three, 3, &test);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (tiny);
  }
}

static void
test_alignment_text (void)
{
  ErrataAlignmentPoint v3 = point (3, 0.82, 0.70, 0.90, 0.91, 0.84, 0.95);
  ErrataAlignmentPoint v2 = point (2, NAN, NAN, NAN, 0.91, 0.84, 0.95);
  g_autofree char *text = errata_chart_alignment_dup_point_text (&v3, FALSE);
  g_autofree char *undefined = errata_chart_alignment_dup_point_text (&v2, FALSE);
  g_autofree char *test = errata_chart_alignment_dup_point_text (&v3, TRUE);
  g_autofree char *marker = errata_chart_alignment_dup_marker_text (&v3, FALSE, TRUE);
  g_autofree char *all = errata_chart_alignment_dup_description (three, 2, &v3);
  g_autofree char *none = errata_chart_alignment_dup_description (NULL, 0, NULL);

  g_assert_cmpstr (text, ==, "v3: TPR 82% (95% interval 70–90%), TNR 91% (84–95%)");
  g_assert_cmpstr (undefined, ==, "v2: TPR not defined (no trace a person passed), "
                                  "TNR 91% (95% interval 84–95%)");
  g_assert_cmpstr (test, ==, "test, v3: TPR 82% (95% interval 70–90%), TNR 91% (84–95%)");
  g_assert_cmpstr (marker, ==, "v3: TNR 91% (95% interval 84–95%)\n40 labelled traces on dev\n"
                               "Of the traces a person failed, the share the judge failed too");
  g_assert_cmpstr (all, ==, "v1: TPR 60% (95% interval 45–74%), TNR 70% (55–82%); "
                            "v2: TPR 80% (95% interval 65–90%), TNR 85% (72–93%); "
                            "test, v3: TPR 82% (95% interval 70–90%), TNR 91% (84–95%)");
  g_assert_cmpstr (none, ==, "No runs on dev yet");
}

/* From the statistics: a matrix with no trace a person failed has a TPR
 * and no TNR. */
static void
test_alignment_point_from_stats (void)
{
  ErrataConfusion confusion = { .tp = 8, .fn = 2 };
  ErrataAlignment alignment = errata_alignment_from_confusion (&confusion, 0.95);
  ErrataAlignmentPoint p;
  g_autofree char *text = NULL;

  errata_alignment_point_init (&p, 4, &alignment);
  g_assert_cmpuint (p.version, ==, 4);
  g_assert_cmpuint (p.n, ==, 10);
  g_assert_true (p.tpr_defined);
  g_assert_false (p.tnr_defined);
  g_assert_cmpfloat_with_epsilon (p.tpr, 0.8, 1e-12);
  g_assert_cmpfloat (p.tpr_lo, ==, alignment.tpr_interval.lower);
  g_assert_cmpfloat (p.tpr_hi, ==, alignment.tpr_interval.upper);
  g_assert_cmpfloat (p.tpr_lo, <, 0.8);
  g_assert_cmpfloat (p.tpr_hi, >, 0.8);
  text = errata_chart_alignment_dup_point_text (&p, FALSE);
  g_assert_true (g_str_has_suffix (text, "TNR not defined (no trace a person failed)"));

  /* No pairs at all: neither rate. */
  confusion = (ErrataConfusion) { .unlabelled = 3 };
  alignment = errata_alignment_from_confusion (&confusion, 0.95);
  errata_alignment_point_init (&p, 5, &alignment);
  g_assert_false (p.tpr_defined);
  g_assert_false (p.tnr_defined);
}

/* ---- estimate ----------------------------------------------------------- */

static void
test_interval_layout (void)
{
  ErrataChartIntervalLayout l;

  errata_chart_interval_layout (W, 80, 0.09, 0.074, 0.031, 0.12, &l);
  g_assert_cmpfloat_with_epsilon (l.upper, 0.2, 1e-9);
  /* Always from 0. */
  g_assert_cmpfloat (errata_chart_interval_x (&l, 0.0), ==, floor (l.plot_x) + 0.5);
  g_assert_cmpfloat (errata_chart_interval_x (&l, 0.2), ==, floor (l.plot_x + l.plot_width) + 0.5);
  g_assert_cmpfloat (errata_chart_interval_x (&l, 0.074), <, errata_chart_interval_x (&l, 0.09));
  g_assert_cmpfloat (l.raw_y, <, l.corrected_y);
  g_assert_cmpfloat (l.corrected_y, <, l.axis_y);
  g_assert_cmpfloat (l.axis_y + 16, <=, 80);

  /* The next tenth strictly above the largest value; a raw rate above
   * the interval counts too; never past 100%. */
  errata_chart_interval_layout (W, 80, 0.1, 0.15, 0.1, 0.2, &l);
  g_assert_cmpfloat_with_epsilon (l.upper, 0.3, 1e-9);
  errata_chart_interval_layout (W, 80, 0.41, 0.2, 0.1, 0.3, &l);
  g_assert_cmpfloat_with_epsilon (l.upper, 0.5, 1e-9);
  errata_chart_interval_layout (W, 80, 0.9, 0.93, 0.85, 0.99, &l);
  g_assert_cmpfloat_with_epsilon (l.upper, 1.0, 1e-9);
  errata_chart_interval_layout (W, 80, 0, 0, 0, 0, &l);
  g_assert_cmpfloat_with_epsilon (l.upper, 0.1, 1e-9);
}

static cairo_surface_t *
draw_interval (double raw,
               double corrected,
               double lo,
               double hi)
{
  cairo_surface_t *surface = new_surface ();
  cairo_t *cr = cairo_create (surface);
  ErrataChartStyle style;

  test_style (&style);
  errata_chart_interval_draw (cr, W, 80, &style, raw, corrected, lo, hi);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

static void
test_interval_pixels (void)
{
  cairo_surface_t *surface = draw_interval (0.09, 0.074, 0.031, 0.12);
  ErrataChartIntervalLayout l;
  int x, y, left = -1, right = -1;
  double x_lo, x_hi;

  errata_chart_interval_layout (W, 80, 0.09, 0.074, 0.031, 0.12, &l);
  x_lo = errata_chart_interval_x (&l, 0.031);
  x_hi = errata_chart_interval_x (&l, 0.12);
  /* The interval bar, on the row above the corrected marker's middle
   * (it is 2 px thick), from lo to hi and no further (its label, in the
   * same colour, starts 8 px right of it). */
  y = (int) l.corrected_y - 1;
  for (x = 0; x < x_hi + 6; x++)
    if (ink_at (surface, x, y) == INK_RED)
      {
        if (left < 0)
          left = x;
        right = x;
      }
  g_assert_cmpfloat (fabs (left - x_lo), <=, 1.0);
  g_assert_cmpfloat (fabs (right - x_hi), <=, 1.0);
  /* The corrected marker is filled, where 7.4% is; the bar is thinner. */
  x = (int) errata_chart_interval_x (&l, 0.074);
  g_assert_cmpint (ink_at (surface, x, (int) l.corrected_y + 3), ==, INK_RED);
  g_assert_cmpint (ink_at (surface, (int) ((x + x_hi) / 2), (int) l.corrected_y + 3), !=, INK_RED);

  /* The raw marker is hollow, in the text colour, where 9% is. */
  x = (int) errata_chart_interval_x (&l, 0.09);
  y = (int) l.raw_y;
  g_assert_cmpint (ink_at (surface, x, y), ==, INK_NONE);
  g_assert_cmpuint (count_ink (surface, x - 5, y - 5, x + 5, y + 5, INK_BLACK), >=, 8);
  /* Its label, right of it, and nothing else on its row on the left. */
  g_assert_cmpuint (count_ink (surface, x + 8, y - 6, W - 1, y + 6, INK_BLACK), >, 10);
  g_assert_cmpuint (count_ink (surface, 0, y - 6, x - 6, y + 6, INK_BLACK), ==, 0);
  /* The axis line at the bottom, the grid above it. */
  g_assert_cmpint (ink_at (surface, W / 2, (int) l.axis_y), ==, INK_OTHER);
  g_assert_cmpuint (count_ink (surface, 0, 0, W - 1, (int) l.axis_y - 1, INK_GREEN), >, 20);
  cairo_surface_destroy (surface);

  /* Nothing to estimate: no markers. */
  surface = draw_interval (NAN, NAN, NAN, NAN);
  g_assert_cmpuint (count_ink (surface, 0, 0, W - 1, H - 1, INK_RED), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_interval_hit (void)
{
  ErrataChartIntervalLayout l;
  ErrataChartIntervalPart part = ERRATA_CHART_INTERVAL_NONE;
  g_autofree char *description = errata_chart_interval_dup_description (0.09, 0.074, 0.031, 0.12);
  g_autofree char *raw_text = NULL, *corrected_text = NULL;

  errata_chart_interval_layout (W, 80, 0.09, 0.074, 0.031, 0.12, &l);
  g_assert_true (errata_chart_interval_hit (W, 80, 0.09, 0.074, 0.031, 0.12,
                                            errata_chart_interval_x (&l, 0.09), l.raw_y, &part));
  g_assert_cmpint (part, ==, ERRATA_CHART_INTERVAL_RAW);
  g_assert_true (errata_chart_interval_hit (W, 80, 0.09, 0.074, 0.031, 0.12,
                                            errata_chart_interval_x (&l, 0.074), l.corrected_y, &part));
  g_assert_cmpint (part, ==, ERRATA_CHART_INTERVAL_CORRECTED);
  /* Anywhere on the bar. */
  g_assert_true (errata_chart_interval_hit (W, 80, 0.09, 0.074, 0.031, 0.12,
                                            errata_chart_interval_x (&l, 0.11), l.corrected_y + 2, &part));
  g_assert_cmpint (part, ==, ERRATA_CHART_INTERVAL_CORRECTED);
  /* Beyond the bar, on the axis, on the raw row away from its marker. */
  g_assert_false (errata_chart_interval_hit (W, 80, 0.09, 0.074, 0.031, 0.12,
                                             errata_chart_interval_x (&l, 0.18), l.corrected_y, &part));
  g_assert_cmpint (part, ==, ERRATA_CHART_INTERVAL_NONE);
  g_assert_false (errata_chart_interval_hit (W, 80, 0.09, 0.074, 0.031, 0.12,
                                             errata_chart_interval_x (&l, 0.074), l.axis_y + 8, NULL));
  g_assert_false (errata_chart_interval_hit (W, 80, 0.09, 0.074, 0.031, 0.12,
                                             errata_chart_interval_x (&l, 0.031), l.raw_y, NULL));

  g_assert_cmpstr (description, ==,
                   "Corrected failure rate 7.4% (95% interval 3.1–12.0%); raw (observed) 9.0%");
  raw_text = errata_chart_interval_dup_part_text (ERRATA_CHART_INTERVAL_RAW, 0.09, 0.074, 0.031, 0.12);
  g_assert_true (g_str_has_prefix (raw_text, "Raw failure rate 9.0%\n"));
  corrected_text = errata_chart_interval_dup_part_text (ERRATA_CHART_INTERVAL_CORRECTED,
                                                        0.09, 0.074, 0.031, 0.12);
  g_assert_true (g_str_has_prefix (corrected_text, "Corrected failure rate 7.4% (95% interval 3.1–12.0%)\n"));
  g_assert_null (errata_chart_interval_dup_part_text (ERRATA_CHART_INTERVAL_NONE, 0, 0, 0, 0));
}

/* ---- saturation --------------------------------------------------------- */

static cairo_surface_t *
draw_saturation (const guint *curve,
                 guint        n,
                 guint        window)
{
  cairo_surface_t *surface = new_surface ();
  cairo_t *cr = cairo_create (surface);
  ErrataChartStyle style;

  test_style (&style);
  errata_chart_saturation_draw (cr, W, H, &style, curve, n, window);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

static void
saturation_layout (const guint                 *curve,
                   guint                        n,
                   guint                        window,
                   ErrataChartSaturationLayout *layout)
{
  ErrataChartStyle style;

  test_style (&style);
  errata_chart_saturation_layout (W, H, &style, curve, n, window, layout);
}

/* The faint success shade and its line, at any opacity. */
static guint
count_magenta (cairo_surface_t *surface,
               int              x0,
               int              x1,
               int              y)
{
  const guchar *data;
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int x = x0; x <= x1; x++)
    {
      guint32 px = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
      int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;

      n += r > 10 && b > 10 && g < r / 3 && g < b / 3;
    }
  return n;
}

static void
test_saturation_curve (void)
{
  static const guint curve[] = { 1, 1, 2, 2, 2, 3 };
  cairo_surface_t *surface = draw_saturation (curve, G_N_ELEMENTS (curve), 0);
  ErrataChartSaturationLayout l;
  int x, top, bottom;

  saturation_layout (curve, G_N_ELEMENTS (curve), 0, &l);
  g_assert_cmpuint (l.y_max, ==, 4);
  g_assert_cmpuint (l.n, ==, 6);
  /* Room for the labels on the left and below. */
  g_assert_cmpfloat (l.plot_x, >, 4);
  g_assert_cmpfloat (l.plot_y + l.plot_height, <, H - 8);
  g_assert_cmpfloat (errata_chart_saturation_x (&l, 6), ==, l.plot_x + l.plot_width);
  g_assert_cmpfloat (errata_chart_saturation_y (&l, 0), ==, l.plot_y + l.plot_height);

  /* A step line: in the middle of the 4th review the line is at 2 modes
   * and nowhere else in that column. */
  x = (int) errata_chart_saturation_x (&l, 3.5);
  g_assert_true (column_extent (surface, x, 0, H - 1, INK_RED, &top, &bottom));
  g_assert_cmpfloat (fabs ((top + bottom + 1) / 2.0 - errata_chart_saturation_y (&l, 2)), <=, 1.0);
  g_assert_cmpint (bottom - top, <=, 3);
  /* The last review: 3 modes. */
  x = (int) errata_chart_saturation_x (&l, 5.5);
  g_assert_true (column_extent (surface, x, 0, H - 1, INK_RED, &top, &bottom));
  g_assert_cmpfloat (fabs ((top + bottom + 1) / 2.0 - errata_chart_saturation_y (&l, 3)), <=, 1.0);
  /* Not flat (window 0): no shade. */
  g_assert_cmpuint (count_magenta (surface, 0, W - 1, (int) (l.plot_y + l.plot_height / 2)), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_saturation_tail (void)
{
  static const guint flat[] = { 1, 2, 2, 2, 2, 2 };
  static const guint rising[] = { 1, 2, 2, 2, 2, 3 };
  ErrataChartSaturationLayout l;
  cairo_surface_t *surface;
  int y, x0;

  g_assert_true (errata_chart_saturation_tail_is_flat (flat, 6, 3));
  g_assert_false (errata_chart_saturation_tail_is_flat (rising, 6, 3));
  /* Fewer reviews than the window: too early to call. */
  g_assert_false (errata_chart_saturation_tail_is_flat (flat, 6, 6));
  g_assert_false (errata_chart_saturation_tail_is_flat (flat, 6, 0));

  /* The last 3 reviews shaded, from review 3 to the right edge. */
  surface = draw_saturation (flat, 6, 3);
  saturation_layout (flat, 6, 3, &l);
  y = (int) (l.plot_y + l.plot_height * 0.5);
  x0 = (int) round (errata_chart_saturation_x (&l, 3));
  g_assert_cmpuint (count_magenta (surface, 0, x0 - 2, y), ==, 0);
  g_assert_cmpuint (count_magenta (surface, x0, (int) (l.plot_x + l.plot_width) - 1, y), >=,
                    (guint) (l.plot_x + l.plot_width - x0) - 2);
  cairo_surface_destroy (surface);

  surface = draw_saturation (rising, 6, 3);
  g_assert_cmpuint (count_magenta (surface, 0, W - 1, y), ==, 0);
  cairo_surface_destroy (surface);
}

/* The shaded band has a legend above the plot: a swatch of the shade
 * and its words; no band, no legend. */
static void
test_saturation_legend (void)
{
  static const guint flat[] = { 1, 2, 2, 2, 2, 2 };
  static const guint rising[] = { 1, 2, 2, 2, 2, 3 };
  ErrataChartSaturationLayout with, without;
  cairo_surface_t *surface;
  int swatch_y;

  saturation_layout (flat, 6, 3, &with);
  saturation_layout (rising, 6, 3, &without);
  g_assert_true (with.has_legend);
  g_assert_false (without.has_legend);
  g_assert_cmpfloat (with.plot_y, >, without.plot_y + 8);

  surface = draw_saturation (flat, 6, 3);
  /* The swatch, left of the legend's words, above the plot. */
  swatch_y = (int) ((with.legend_y + with.plot_y) / 2) - 2;
  g_assert_cmpuint (count_magenta (surface, (int) with.plot_x, (int) with.plot_x + 9, swatch_y),
                    >=, 6);
  /* Its words, beside it. */
  g_assert_cmpuint (count_ink (surface, (int) with.plot_x + 14, (int) with.legend_y,
                               W - 1, (int) with.plot_y - 2, INK_OTHER), >, 10);
  {
    g_autofree char *png = g_test_build_filename (G_TEST_BUILT, "saturation-legend.png", NULL);

    g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
    g_test_message ("rendered %s", png);
  }
  cairo_surface_destroy (surface);

  /* A curve flat at zero modes is not saturated: no band, no legend. */
  saturation_layout ((const guint[]) { 0, 0, 0, 0, 0, 0 }, 6, 3, &with);
  g_assert_false (with.has_legend);
}

/* The hint is true for the numbers shown: 101 reviews without a sorted
 * note are not "fewer than 20 reviews". */
static void
test_saturation_hint (void)
{
  g_autofree guint *none_sorted = g_new0 (guint, 101);
  g_autofree guint *saturated_curve = g_new0 (guint, 101);
  g_autofree char *unsorted = NULL;
  g_autofree char *done = NULL;
  g_autofree char *early = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *fresh = NULL;
  gboolean saturated = TRUE;

  unsorted = errata_chart_saturation_hint (none_sorted, 101, 20, &saturated);
  g_assert_false (saturated);
  g_assert_true (g_str_has_prefix (unsorted, "101 traces reviewed, but none of their notes is in "
                                             "a failure mode yet"));
  g_assert_null (strstr (unsorted, "more than 20"));

  for (guint i = 0; i < 101; i++)
    saturated_curve[i] = i < 40 ? i / 10 + 1 : 4;
  done = errata_chart_saturation_hint (saturated_curve, 101, 20, &saturated);
  g_assert_true (saturated);
  g_assert_cmpstr (done, ==, "The last 20 reviews brought no new failure mode — you can stop reviewing.");

  early = errata_chart_saturation_hint ((const guint[]) { 1, 2, 2, 2 }, 4, 20, &saturated);
  g_assert_false (saturated);
  g_assert_cmpstr (early, ==, "Keep reviewing: the last new failure mode came 2 reviews ago; "
                              "saturation shows after 20 reviews without one (4 reviewed so far).");
  fresh = errata_chart_saturation_hint ((const guint[]) { 1, 2, 3 }, 3, 20, NULL);
  g_assert_cmpstr (fresh, ==, "Keep reviewing: the last review brought a new failure mode.");
  empty = errata_chart_saturation_hint (NULL, 0, 20, NULL);
  g_assert_true (g_str_has_prefix (empty, "No reviews yet"));
}

static void
test_saturation_empty (void)
{
  cairo_surface_t *surface = draw_saturation (NULL, 0, 20);
  ErrataChartSaturationLayout l;

  /* "No reviews yet" in the middle, no curve. */
  g_assert_cmpuint (count_ink (surface, W / 4, H / 2 - 12, 3 * W / 4, H / 2 + 12, INK_OTHER), >, 10);
  g_assert_cmpuint (count_ink (surface, 0, 0, W - 1, H - 1, INK_RED), ==, 0);
  cairo_surface_destroy (surface);
  saturation_layout (NULL, 0, 20, &l);
  g_assert_cmpuint (l.y_max, ==, 1);
}

/* ---- vector surfaces, no display ---------------------------------------- */

static void
draw_both (cairo_surface_t        *surface,
           const ErrataChartStyle *style)
{
  ErrataAlignmentPoint test = point (3, 0.78, 0.66, 0.87, 0.89, 0.80, 0.95);
  cairo_t *cr = cairo_create (surface);

  errata_chart_alignment_draw (cr, W, H, style, three, 3, &test);
  cairo_translate (cr, 0, H);
  errata_chart_interval_draw (cr, W, 80, style, 0.09, 0.074, 0.031, 0.12);
  cairo_translate (cr, 0, 80);
  errata_chart_saturation_draw (cr, W, H, style, (const guint[]) { 1, 2, 2, 3, 3, 3 }, 6, 2);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
test_vector_surfaces (void)
{
  g_autofree char *svg_path = g_test_build_filename (G_TEST_BUILT, "charts.svg", NULL);
  g_autofree char *pdf_path = g_test_build_filename (G_TEST_BUILT, "charts.pdf", NULL);
  g_autofree char *svg = NULL, *pdf = NULL;
  ErrataChartStyle style;
  gsize length;

  /* As `errata-cli report` runs on a server: no display at all. */
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  errata_chart_style_init_light (&style);
  draw_both (cairo_svg_surface_create (svg_path, W, 2 * H + 80), &style);
  draw_both (cairo_pdf_surface_create (pdf_path, W, 2 * H + 80), &style);

  g_assert_true (g_file_get_contents (svg_path, &svg, &length, NULL));
  g_assert_nonnull (strstr (svg, "<svg"));
  /* Text became glyphs, and the accent (#1c71d8 = 11%, 44.3%, 84.7%)
   * is there. */
  g_assert_nonnull (strstr (svg, "glyph"));
  g_assert_nonnull (strstr (svg, "rgb(10.980392%,44.313725%,84.705882%)"));
  g_assert_true (g_file_get_contents (pdf_path, &pdf, &length, NULL));
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  g_assert_cmpuint (length, >, 1000);
}

/* The defaults a report draws with: light and dark, pictures to look at. */
static void
test_defaults_png (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      ErrataAlignmentPoint test = point (3, 0.78, 0.66, 0.87, 0.89, 0.80, 0.95);
      g_autofree char *path = g_test_build_filename (G_TEST_BUILT, dark ? "charts-dark.png"
                                                                        : "charts-light.png", NULL);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H + 80);
      cairo_t *cr = cairo_create (surface);
      ErrataChartStyle style;

      if (dark)
        errata_chart_style_init_dark (&style);
      else
        errata_chart_style_init_light (&style);
      /* Adwaita's window background under the chart. */
      cairo_set_source_rgb (cr, dark ? 0x24 / 255.0 : 0xfa / 255.0, dark ? 0x24 / 255.0 : 0xfa / 255.0,
                            dark ? 0x24 / 255.0 : 0xfa / 255.0);
      cairo_paint (cr);
      errata_chart_alignment_draw (cr, W, H, &style, three, 3, &test);
      cairo_translate (cr, 0, H);
      errata_chart_interval_draw (cr, W, 80, &style, 0.09, 0.074, 0.031, 0.12);
      cairo_destroy (cr);
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("drew %s", path);
      cairo_surface_destroy (surface);
      /* Dark text on light, light text on dark. */
      g_assert_cmpfloat (style.foreground.red, ==, dark ? 1.0 : 0.0);
    }
}

/* Crowded: twelve versions, one without a TNR, at the widgets' minimum
 * widths, to look at. */
static void
test_crowded_png (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "charts-crowded.png", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 280, 160 + 80);
  cairo_t *cr = cairo_create (surface);
  ErrataAlignmentPoint many[12];
  ErrataAlignmentPoint test = point (12, 0.78, 0.66, 0.87, 0.89, 0.80, 0.95);
  ErrataChartAlignmentLayout l;
  ErrataChartStyle style;

  for (guint i = 0; i < G_N_ELEMENTS (many); i++)
    many[i] = point (i + 1, 0.5 + i * 0.03, 0.4 + i * 0.03, 0.6 + i * 0.03,
                     i == 4 ? NAN : 0.9 - i * 0.01, 0.8 - i * 0.01, 0.95 - i * 0.01);
  errata_chart_style_init_light (&style);
  cairo_set_source_rgb (cr, 0xfa / 255.0, 0xfa / 255.0, 0xfa / 255.0);
  cairo_paint (cr);
  errata_chart_alignment_draw (cr, 280, 160, &style, many, 12, &test);
  cairo_translate (cr, 0, 160);
  errata_chart_interval_draw (cr, 240, 80, &style, 0.09, 0.074, 0.031, 0.12);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  /* Markers of neighbouring versions do not overlap. */
  errata_chart_alignment_layout (280, 160, 12, TRUE, &l);
  for (guint i = 0; i + 1 < 12; i++)
    g_assert_cmpfloat (errata_chart_alignment_marker_x (&l, i + 1, FALSE, FALSE) -
                       errata_chart_alignment_marker_x (&l, i, FALSE, TRUE), >=, 4.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/alignment/layout", test_alignment_layout);
  g_test_add_func ("/charts/alignment/marker-at-rate", test_alignment_marker_at_rate);
  g_test_add_func ("/charts/alignment/whisker", test_alignment_whisker);
  g_test_add_func ("/charts/alignment/undefined-is-a-gap", test_alignment_undefined_is_a_gap);
  g_test_add_func ("/charts/alignment/test-point-apart", test_alignment_test_point_apart);
  g_test_add_func ("/charts/alignment/hit", test_alignment_hit);
  g_test_add_func ("/charts/alignment/empty", test_alignment_empty);
  g_test_add_func ("/charts/alignment/text", test_alignment_text);
  g_test_add_func ("/charts/alignment/point-from-stats", test_alignment_point_from_stats);
  g_test_add_func ("/charts/interval/layout", test_interval_layout);
  g_test_add_func ("/charts/interval/pixels", test_interval_pixels);
  g_test_add_func ("/charts/interval/hit", test_interval_hit);
  g_test_add_func ("/charts/saturation/curve", test_saturation_curve);
  g_test_add_func ("/charts/saturation/tail", test_saturation_tail);
  g_test_add_func ("/charts/saturation/empty", test_saturation_empty);
  g_test_add_func ("/charts/saturation/legend", test_saturation_legend);
  g_test_add_func ("/charts/saturation/hint", test_saturation_hint);
  g_test_add_func ("/charts/vector-surfaces", test_vector_surfaces);
  g_test_add_func ("/charts/defaults-png", test_defaults_png);
  g_test_add_func ("/charts/crowded-png", test_crowded_png);
  return g_test_run ();
}
