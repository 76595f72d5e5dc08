/* errata-chart-alignment.c
 *
 * One slot per version along x, TPR (circles, first colour) left of the
 * slot's middle and TNR (diamonds, second colour) right of it, each with
 * its 95% interval as a whisker; consecutive versions are joined so the
 * eye follows each rate from change to change. The test point comes
 * after a gap and a dashed line, hollow: it is looked at once, and must
 * not read as one more version.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-chart-alignment.h"
#include "errata-chart-private.h"

#include <math.h>

#define PAD_LEFT    40.0   /* the y labels, "100%" */
#define PAD_RIGHT   12.0
#define PAD_TOP     26.0   /* the legend */
#define PAD_BOTTOM  22.0   /* the version labels */
#define LABEL_GAP   6.0
#define MAX_SLOT    96.0   /* a few versions stay together, not spread wide */
#define TEST_GAP    0.6    /* slots of room before the test point */
#define MAX_OFFSET  7.0
#define CAP_HALF    4.0

void
errata_alignment_point_init (ErrataAlignmentPoint  *point,
                             guint                  version,
                             const ErrataAlignment *alignment)
{
  g_return_if_fail (point != NULL);
  g_return_if_fail (alignment != NULL);

  *point = (ErrataAlignmentPoint) {
    .version = version,
    .tpr = alignment->tpr,
    .tpr_lo = alignment->tpr_interval.lower,
    .tpr_hi = alignment->tpr_interval.upper,
    .tnr = alignment->tnr,
    .tnr_lo = alignment->tnr_interval.lower,
    .tnr_hi = alignment->tnr_interval.upper,
    .tpr_defined = !(alignment->undefined & (ERRATA_ALIGNMENT_NO_PAIRS | ERRATA_ALIGNMENT_NO_HUMAN_PASS)),
    .tnr_defined = !(alignment->undefined & (ERRATA_ALIGNMENT_NO_PAIRS | ERRATA_ALIGNMENT_NO_HUMAN_FAIL)),
    .n = alignment->n,
  };
}

void
errata_chart_alignment_layout (double                      width,
                               double                      height,
                               guint                       n_points,
                               gboolean                    has_test,
                               ErrataChartAlignmentLayout *layout)
{
  double slots = n_points + (has_test ? 1.0 + TEST_GAP : 0.0);

  g_return_if_fail (layout != NULL);

  layout->plot_x = PAD_LEFT;
  layout->plot_y = PAD_TOP;
  layout->plot_width = MAX (width - PAD_LEFT - PAD_RIGHT, 1.0);
  layout->plot_height = MAX (height - PAD_TOP - PAD_BOTTOM, 1.0);
  layout->slot_width = slots > 0 ? MIN (layout->plot_width / slots, MAX_SLOT) : layout->plot_width;
  layout->slots_x = layout->plot_x + (layout->plot_width - layout->slot_width * slots) / 2;
  layout->series_offset = MIN (layout->slot_width * 0.2, MAX_OFFSET);
  layout->separator_x = _errata_chart_crisp (layout->slots_x +
                                             layout->slot_width * (n_points + TEST_GAP / 2));
  layout->n_points = n_points;
  layout->has_test = has_test;
}

double
errata_chart_alignment_marker_x (const ErrataChartAlignmentLayout *layout,
                                 guint                             index,
                                 gboolean                          is_test,
                                 gboolean                          is_tnr)
{
  double slot = is_test ? layout->n_points + TEST_GAP : index;
  double middle = layout->slots_x + layout->slot_width * (slot + 0.5);

  g_return_val_if_fail (layout != NULL, 0);

  return _errata_chart_crisp (middle + (is_tnr ? layout->series_offset : -layout->series_offset));
}

double
errata_chart_alignment_rate_y (const ErrataChartAlignmentLayout *layout,
                               double                            rate)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->plot_y + layout->plot_height * (1.0 - CLAMP (rate, 0.0, 1.0));
}

/* ---- one rate of one point ----------------------------------------------- */

typedef struct
{
  gboolean defined;
  double   value;
  double   lo;
  double   hi;
} Rate;

static Rate
point_rate (const ErrataAlignmentPoint *point,
            gboolean                    is_tnr)
{
  Rate rate;

  if (is_tnr)
    rate = (Rate) { point->tnr_defined, point->tnr, point->tnr_lo, point->tnr_hi };
  else
    rate = (Rate) { point->tpr_defined, point->tpr, point->tpr_lo, point->tpr_hi };
  /* A NAN that came with _defined TRUE is still no rate. */
  rate.defined = rate.defined && isfinite (rate.value);
  if (!isfinite (rate.lo) || !isfinite (rate.hi))
    rate.lo = rate.hi = rate.value;
  return rate;
}

/* ---- drawing ------------------------------------------------------------ */

static void
draw_grid (ErrataChartPen                   *pen,
           const ErrataChartAlignmentLayout *layout)
{
  /* A line every 20% where there is room for the labels, else at halves. */
  int step = layout->plot_height >= 90 ? 20 : 50;

  for (int v = 0; v <= 100; v += step)
    {
      g_autofree char *text = _errata_chart_percent (v / 100.0, 0);
      double y = _errata_chart_crisp (errata_chart_alignment_rate_y (layout, v / 100.0));

      _errata_chart_hline (pen->cr, layout->plot_x, layout->plot_x + layout->plot_width, y,
                           &pen->style->grid);
      _errata_chart_draw_text (pen, text, layout->plot_x - LABEL_GAP, y, 1.0, 0.5,
                               &pen->style->dim);
    }
}

static char *
version_text (guint version)
{
  /* Translators: a version of an evaluator on a chart's axis, "v3". */
  return g_strdup_printf (_("v%u"), version);
}

/* Every version's label, or every second, third… where they would touch. */
static void
draw_version_labels (ErrataChartPen                   *pen,
                     const ErrataChartAlignmentLayout *layout,
                     const ErrataAlignmentPoint       *points)
{
  double widest = 0, label_y = layout->plot_y + layout->plot_height + LABEL_GAP / 2;
  guint every;

  for (guint i = 0; i < layout->n_points; i++)
    {
      g_autofree char *text = version_text (points[i].version);
      double w;

      _errata_chart_text_size (pen, text, &w, NULL);
      widest = MAX (widest, w);
    }
  every = MAX (1, (guint) ceil ((widest + LABEL_GAP) / layout->slot_width));
  for (guint i = 0; i < layout->n_points; i++)
    {
      g_autofree char *text = NULL;
      double middle = layout->slots_x + layout->slot_width * (i + 0.5);

      /* Count from the last: the newest version always has its label. */
      if ((layout->n_points - 1 - i) % every != 0)
        continue;
      text = version_text (points[i].version);
      _errata_chart_draw_text (pen, text, middle, label_y, 0.5, 0.0, &pen->style->dim);
    }
}

static void
draw_separator (ErrataChartPen                   *pen,
                const ErrataChartAlignmentLayout *layout)
{
  const double dash[] = { 3.0, 3.0 };
  double middle = layout->slots_x + layout->slot_width * (layout->n_points + TEST_GAP + 0.5);

  cairo_save (pen->cr);
  cairo_set_dash (pen->cr, dash, G_N_ELEMENTS (dash), 0);
  _errata_chart_vline (pen->cr, layout->separator_x, layout->plot_y,
                       layout->plot_y + layout->plot_height, &pen->style->dim);
  cairo_restore (pen->cr);
  /* Translators: below the judge's one result on the test split. */
  _errata_chart_draw_text (pen, C_("chart", "test"), middle,
                           layout->plot_y + layout->plot_height + LABEL_GAP / 2, 0.5, 0.0,
                           &pen->style->foreground);
}

/* Thin lines from version to version; an undefined rate breaks them. */
static void
draw_trend (ErrataChartPen                   *pen,
            const ErrataChartAlignmentLayout *layout,
            const ErrataAlignmentPoint       *points,
            gboolean                          is_tnr)
{
  ErrataChartRgba colour = is_tnr ? pen->style->second : pen->style->first;

  colour.alpha *= 0.45;
  cairo_save (pen->cr);
  cairo_set_line_width (pen->cr, 1.5);
  for (guint i = 0; i + 1 < layout->n_points; i++)
    {
      Rate a = point_rate (&points[i], is_tnr), b = point_rate (&points[i + 1], is_tnr);

      if (!a.defined || !b.defined)
        continue;
      cairo_move_to (pen->cr, errata_chart_alignment_marker_x (layout, i, FALSE, is_tnr),
                     errata_chart_alignment_rate_y (layout, a.value));
      cairo_line_to (pen->cr, errata_chart_alignment_marker_x (layout, i + 1, FALSE, is_tnr),
                     errata_chart_alignment_rate_y (layout, b.value));
    }
  _errata_chart_set_source (pen->cr, &colour);
  cairo_stroke (pen->cr);
  cairo_restore (pen->cr);
}

/* The whisker stops at the marker's edge, so a hollow marker stays
 * empty inside. */
static void
draw_whisker (ErrataChartPen                   *pen,
              const ErrataChartAlignmentLayout *layout,
              double                            x,
              const Rate                       *rate,
              const ErrataChartRgba            *colour)
{
  double y = errata_chart_alignment_rate_y (layout, rate->value);
  double top = errata_chart_alignment_rate_y (layout, MAX (rate->hi, rate->value));
  double bottom = errata_chart_alignment_rate_y (layout, MIN (rate->lo, rate->value));
  double r = ERRATA_CHART_MARKER_RADIUS + 1;

  if (top < y - r)
    _errata_chart_vline (pen->cr, x, top, y - r, colour);
  if (bottom > y + r)
    _errata_chart_vline (pen->cr, x, y + r, bottom, colour);
  _errata_chart_hline (pen->cr, x - CAP_HALF, x + CAP_HALF + 1, _errata_chart_crisp (top), colour);
  _errata_chart_hline (pen->cr, x - CAP_HALF, x + CAP_HALF + 1, _errata_chart_crisp (bottom), colour);
}

static void
draw_point (ErrataChartPen                   *pen,
            const ErrataChartAlignmentLayout *layout,
            const ErrataAlignmentPoint       *point,
            guint                             index,
            gboolean                          is_test)
{
  for (int is_tnr = 0; is_tnr < 2; is_tnr++)
    {
      Rate rate = point_rate (point, is_tnr);
      const ErrataChartRgba *colour = is_tnr ? &pen->style->second : &pen->style->first;
      double x;

      if (!rate.defined)
        continue;
      x = errata_chart_alignment_marker_x (layout, index, is_test, is_tnr);
      draw_whisker (pen, layout, x, &rate, colour);
      _errata_chart_marker (pen->cr, is_tnr ? ERRATA_CHART_MARKER_DIAMOND : ERRATA_CHART_MARKER_CIRCLE,
                            x, errata_chart_alignment_rate_y (layout, rate.value), !is_test, colour);
    }
}

/* Returns the x after the entry. */
static double
draw_legend_entry (ErrataChartPen        *pen,
                   double                 x,
                   ErrataChartMarker      shape,
                   gboolean               filled,
                   const ErrataChartRgba *colour,
                   const char            *text)
{
  double w, y = PAD_TOP / 2 - 1;

  _errata_chart_marker (pen->cr, shape, x + ERRATA_CHART_MARKER_RADIUS, y, filled, colour);
  x += 2 * ERRATA_CHART_MARKER_RADIUS + 4;
  _errata_chart_draw_text (pen, text, x, y, 0.0, 0.5, &pen->style->foreground);
  _errata_chart_text_size (pen, text, &w, NULL);
  return x + w + 14;
}

static void
draw_legend (ErrataChartPen                   *pen,
             const ErrataChartAlignmentLayout *layout)
{
  double x = layout->plot_x;

  /* Translators: the legend of the judge-alignment chart. TPR: of the
   * traces a person passed, the share the judge passed too. */
  x = draw_legend_entry (pen, x, ERRATA_CHART_MARKER_CIRCLE, TRUE, &pen->style->first, _("TPR"));
  /* Translators: TNR: of the traces a person failed, the share the judge
   * failed too. */
  x = draw_legend_entry (pen, x, ERRATA_CHART_MARKER_DIAMOND, TRUE, &pen->style->second, _("TNR"));
  if (layout->has_test)
    /* Translators: legend of the hollow markers of the judge-alignment
     * chart: its one result on the test split. */
    draw_legend_entry (pen, x, ERRATA_CHART_MARKER_CIRCLE, FALSE, &pen->style->dim,
                       _("test (one look)"));
}

void
errata_chart_alignment_draw (cairo_t                    *cr,
                             double                      width,
                             double                      height,
                             const ErrataChartStyle     *style,
                             const ErrataAlignmentPoint *points,
                             guint                       n_points,
                             const ErrataAlignmentPoint *test)
{
  ErrataChartAlignmentLayout layout;
  ErrataChartPen pen;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (points != NULL || n_points == 0);

  errata_chart_alignment_layout (width, height, n_points, test != NULL, &layout);
  cairo_save (cr);
  _errata_chart_pen_init (&pen, cr, style);
  draw_grid (&pen, &layout);
  if (n_points == 0 && test == NULL)
    _errata_chart_draw_text (&pen, _("No runs on dev yet"), layout.plot_x + layout.plot_width / 2,
                             layout.plot_y + layout.plot_height / 2, 0.5, 0.5, &style->dim);
  else
    {
      draw_legend (&pen, &layout);
      draw_version_labels (&pen, &layout, points);
      if (test != NULL)
        draw_separator (&pen, &layout);
      draw_trend (&pen, &layout, points, FALSE);
      draw_trend (&pen, &layout, points, TRUE);
      for (guint i = 0; i < n_points; i++)
        draw_point (&pen, &layout, &points[i], i, FALSE);
      if (test != NULL)
        draw_point (&pen, &layout, test, 0, TRUE);
    }
  _errata_chart_pen_clear (&pen);
  cairo_restore (cr);
}

/* ---- hit test ----------------------------------------------------------- */

/* How far x, y is from a marker and its whisker (squared), or -1 when
 * beyond the hit radius. TPR and TNR of a version are closer together
 * than two hit radii: the nearer wins. */
static double
hit_distance (const ErrataChartAlignmentLayout *layout,
              const ErrataAlignmentPoint       *point,
              guint                             index,
              gboolean                          is_test,
              gboolean                          is_tnr,
              double                            x,
              double                            y)
{
  Rate rate = point_rate (point, is_tnr);
  double dx, dy, top, bottom;

  if (!rate.defined)
    return -1;
  dx = fabs (x - errata_chart_alignment_marker_x (layout, index, is_test, is_tnr));
  top = errata_chart_alignment_rate_y (layout, MAX (rate.hi, rate.value));
  bottom = errata_chart_alignment_rate_y (layout, MIN (rate.lo, rate.value));
  dy = y < top ? top - y : y > bottom ? y - bottom : 0;
  if (dx > ERRATA_CHART_HIT_RADIUS || dy > ERRATA_CHART_HIT_RADIUS)
    return -1;
  return dx * dx + dy * dy;
}

gboolean
errata_chart_alignment_hit (double                      width,
                            double                      height,
                            const ErrataAlignmentPoint *points,
                            guint                       n_points,
                            const ErrataAlignmentPoint *test,
                            double                      x,
                            double                      y,
                            guint                      *index,
                            gboolean                   *is_test,
                            gboolean                   *is_tnr)
{
  ErrataChartAlignmentLayout layout;
  double best = -1;

  g_return_val_if_fail (points != NULL || n_points == 0, FALSE);

  errata_chart_alignment_layout (width, height, n_points, test != NULL, &layout);
  for (guint i = 0; i <= n_points; i++)
    for (int tnr = 0; tnr < 2; tnr++)
      {
        gboolean on_test = i == n_points;
        const ErrataAlignmentPoint *point = on_test ? test : &points[i];
        double d;

        if (point == NULL)
          continue;
        d = hit_distance (&layout, point, on_test ? 0 : i, on_test, tnr, x, y);
        if (d < 0 || (best >= 0 && d >= best))
          continue;
        best = d;
        if (index)
          *index = on_test ? 0 : i;
        if (is_test)
          *is_test = on_test;
        if (is_tnr)
          *is_tnr = tnr;
      }
  return best >= 0;
}

/* ---- text --------------------------------------------------------------- */

static char *
rate_text (const Rate *rate,
           gboolean    is_tnr,
           gboolean    first)
{
  g_autofree char *value = NULL, *range = NULL;

  if (!rate->defined)
    return g_strdup (is_tnr
                     /* Translators: TNR is the share of the traces a person failed. */
                     ? _("TNR not defined (no trace a person failed)")
                     /* Translators: TPR is the share of the traces a person passed. */
                     : _("TPR not defined (no trace a person passed)"));
  value = _errata_chart_percent (rate->value, 0);
  range = _errata_chart_percent_range (rate->lo, rate->hi, 0);
  if (first)
    /* Translators: "TPR 82% (95% interval 70–90%)"; the first %s is TPR
     * or TNR. */
    return g_strdup_printf (_("%s %s (95%% interval %s)"), is_tnr ? _("TNR") : _("TPR"),
                            value, range);
  /* Translators: "TNR 91% (84–95%)", after a rate with its interval named. */
  return g_strdup_printf (_("%s %s (%s)"), is_tnr ? _("TNR") : _("TPR"), value, range);
}

static char *
point_name (const ErrataAlignmentPoint *point,
            gboolean                    is_test)
{
  g_autofree char *version = version_text (point->version);

  if (!is_test)
    return g_steal_pointer (&version);
  /* Translators: the judge's one result on the test split, "test, v3". */
  return g_strdup_printf (_("test, %s"), version);
}

char *
errata_chart_alignment_dup_point_text (const ErrataAlignmentPoint *point,
                                       gboolean                    is_test)
{
  Rate tpr, tnr;
  g_autofree char *name = NULL, *tpr_text = NULL, *tnr_text = NULL;

  g_return_val_if_fail (point != NULL, NULL);

  tpr = point_rate (point, FALSE);
  tnr = point_rate (point, TRUE);
  name = point_name (point, is_test);
  tpr_text = rate_text (&tpr, FALSE, TRUE);
  /* The interval is named once, at the first rate that has one. */
  tnr_text = rate_text (&tnr, TRUE, !tpr.defined);
  /* Translators: "v3: TPR 82% (95% interval 70–90%), TNR 91% (84–95%)". */
  return g_strdup_printf (_("%s: %s, %s"), name, tpr_text, tnr_text);
}

char *
errata_chart_alignment_dup_marker_text (const ErrataAlignmentPoint *point,
                                        gboolean                    is_test,
                                        gboolean                    is_tnr)
{
  Rate rate;
  g_autofree char *name = NULL, *value = NULL, *traces = NULL;

  g_return_val_if_fail (point != NULL, NULL);

  rate = point_rate (point, is_tnr);
  name = point_name (point, is_test);
  value = rate_text (&rate, is_tnr, TRUE);
  traces = g_strdup_printf (is_test
                            ? g_dngettext (GETTEXT_PACKAGE, "%u labelled trace on test",
                                           "%u labelled traces on test", point->n)
                            : g_dngettext (GETTEXT_PACKAGE, "%u labelled trace on dev",
                                           "%u labelled traces on dev", point->n),
                            point->n);
  /* Translators: a marker's tooltip: "v3: TPR 82% (95% interval 70–90%)",
   * then "40 labelled traces on dev", then what the rate means. */
  return g_strdup_printf (_("%s: %s\n%s\n%s"), name, value, traces,
                          is_tnr ? _("Of the traces a person failed, the share the judge failed too")
                                 : _("Of the traces a person passed, the share the judge passed too"));
}

char *
errata_chart_alignment_dup_description (const ErrataAlignmentPoint *points,
                                        guint                       n_points,
                                        const ErrataAlignmentPoint *test)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  if (n_points == 0 && test == NULL)
    return g_strdup (_("No runs on dev yet"));
  for (guint i = 0; i <= n_points; i++)
    {
      const ErrataAlignmentPoint *point = i < n_points ? &points[i] : test;
      g_autofree char *one = NULL;

      if (point == NULL)
        continue;
      one = errata_chart_alignment_dup_point_text (point, i == n_points);
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, one);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
