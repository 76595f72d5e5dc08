/* test-charts-widgets.c: the alignment and estimate chart widgets,
 * rendered in the light and dark styles to PNG files in the build folder
 * (alignment-chart-light.png, …-dark.png, interval-chart-light.png,
 * …-dark.png) for a person to look at; their pixels, tooltips and
 * accessible texts are checked.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "errata-alignment-chart.h"
#include "errata-gui-test-utils.h"
#include "errata-interval-chart.h"

static const ErrataAlignmentPoint versions[] = {
  { 1, 0.60, 0.45, 0.74, 0.70, 0.55, 0.82, TRUE, TRUE, 40 },
  { 2, 0.80, 0.65, 0.90, 0.85, 0.72, 0.93, TRUE, TRUE, 40 },
  { 3, 0.82, 0.70, 0.90, 0.91, 0.84, 0.95, TRUE, TRUE, 40 },
};
static const ErrataAlignmentPoint test_look = { 3, 0.78, 0.66, 0.87, 0.89, 0.80, 0.95, TRUE, TRUE, 80 };

typedef struct
{
  guchar r, g, b, a;
} Pixel;

/* `widget` is shown in a box with the window's background, the box is
 * what is rendered. */
static GtkWidget *
new_window_with (GtkWidget  *widget,
                 GtkWidget **out_box)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (box, "background");
  gtk_widget_set_margin_top (widget, 12);
  gtk_widget_set_margin_bottom (widget, 12);
  gtk_widget_set_margin_start (widget, 12);
  gtk_widget_set_margin_end (widget, 12);
  gtk_widget_set_vexpand (widget, TRUE);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, widget);
  *out_box = box;
  return window;
}

/* A rendering of the box, downloaded once, read in the chart's
 * coordinates. */
typedef struct
{
  guchar *data;
  int     width;
  int     height;
  double  x;       /* where the chart is in the box */
  double  y;
} Shot;

static void
shot_take (Shot       *shot,
           GtkWidget  *box,
           GtkWidget  *widget,
           const char *png)
{
  g_autoptr(GdkTexture) texture = errata_gui_test_render_to_png (box, png);
  graphene_point_t origin;

  shot->width = gdk_texture_get_width (texture);
  shot->height = gdk_texture_get_height (texture);
  shot->data = g_malloc ((gsize) shot->width * shot->height * 4);
  gdk_texture_download (texture, shot->data, shot->width * 4);
  g_assert_true (gtk_widget_compute_point (widget, box, &GRAPHENE_POINT_INIT (0, 0), &origin));
  shot->x = origin.x;
  shot->y = origin.y;
}

static void
shot_clear (Shot *shot)
{
  g_clear_pointer (&shot->data, g_free);
}

/* The pixel at x, y of the chart. */
static Pixel
pixel_at (const Shot *shot,
          double      x,
          double      y)
{
  int bx = (int) (shot->x + x), by = (int) (shot->y + y);
  guint32 argb;

  g_assert_cmpint (bx, >=, 0);
  g_assert_cmpint (by, >=, 0);
  g_assert_cmpint (bx, <, shot->width);
  g_assert_cmpint (by, <, shot->height);
  /* gdk_texture_download gives CAIRO_FORMAT_ARGB32: native-endian 0xAARRGGBB. */
  argb = *(const guint32 *) (shot->data + ((gsize) by * shot->width + bx) * 4);
  return (Pixel) { (argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff, argb >> 24 };
}

static void
assert_pixel_near (Pixel       pixel,
                   const char *hex)
{
  GdkRGBA rgba;

  g_assert_true (gdk_rgba_parse (&rgba, hex));
  g_test_message ("pixel %02x%02x%02x, expected %s", pixel.r, pixel.g, pixel.b, hex);
  g_assert_cmpint (ABS (pixel.r - (int) round (rgba.red * 255)), <=, 24);
  g_assert_cmpint (ABS (pixel.g - (int) round (rgba.green * 255)), <=, 24);
  g_assert_cmpint (ABS (pixel.b - (int) round (rgba.blue * 255)), <=, 24);
}

static double
luminance (Pixel p)
{
  return (p.r + p.g + p.b) / 3.0;
}

/* How many pixels of the rectangle differ from `background` by more than
 * a third of the range: text and lines that can be seen. */
static guint
count_visible (const Shot *shot,
               int         x0,
               int         y0,
               int         x1,
               int         y1,
               Pixel       background)
{
  guint n = 0;

  for (int y = y0; y < y1; y += 1)
    for (int x = x0; x < x1; x += 1)
      n += fabs (luminance (pixel_at (shot, x, y)) - luminance (background)) > 85;
  return n;
}

/* gtk_test_accessible_assert_property() puts the value into a format
 * string, which the percent signs of these texts would break. */
static void
assert_accessible (GtkWidget             *widget,
                   GtkAccessibleProperty  property,
                   const char            *expected)
{
  g_autofree char *error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, expected);

  if (error != NULL)
    g_test_message ("%s", error);
  g_assert_null (error);
}

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static gboolean
query_tooltip (GtkWidget *widget,
               double     x,
               double     y)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_signal_emit_by_name (widget, "query-tooltip", (int) x, (int) y, FALSE, tooltip, &shown);
  return shown;
}

static void
test_alignment (void)
{
  GtkWidget *chart = errata_alignment_chart_new ();
  GtkWidget *box;
  GtkWidget *window = new_window_with (chart, &box);
  ErrataChartAlignmentLayout layout;
  g_autofree char *text = NULL, *expected = NULL;
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (window), 520, 280);
  errata_alignment_chart_set_points (ERRATA_ALIGNMENT_CHART (chart), versions, 3, &test_look);
  g_assert_cmpuint (errata_alignment_chart_get_n_points (ERRATA_ALIGNMENT_CHART (chart)), ==, 3);
  g_assert_true (errata_alignment_chart_has_test (ERRATA_ALIGNMENT_CHART (chart)));

  /* What a screen reader hears. */
  assert_accessible (chart, GTK_ACCESSIBLE_PROPERTY_LABEL, "Judge alignment by version");
  assert_accessible (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "v1: TPR 60% (95% interval 45–74%), TNR 70% (55–82%); "
                                       "v2: TPR 80% (95% interval 65–90%), TNR 85% (72–93%); "
                                       "v3: TPR 82% (95% interval 70–90%), TNR 91% (84–95%); "
                                       "test, v3: TPR 78% (95% interval 66–87%), TNR 89% (80–95%)");

  for (guint dark = 0; dark < 2; dark++)
    {
      Shot shot;
      Pixel background;

      set_dark (dark);
      shot_take (&shot, box, chart, dark ? "alignment-chart-dark.png" : "alignment-chart-light.png");
      width = gtk_widget_get_width (chart);
      height = gtk_widget_get_height (chart);
      g_assert_cmpint (width, >=, 420);
      errata_chart_alignment_layout (width, height, 3, TRUE, &layout);
      background = pixel_at (&shot, 2, height - 2);
      assert_pixel_near (background, dark ? "#242424" : "#fafafa");
      /* v2's TPR (80%) in the accent colour of the style, its TNR (85%)
       * in the palette's orange. */
      assert_pixel_near (pixel_at (&shot, errata_chart_alignment_marker_x (&layout, 1, FALSE, FALSE),
                                   errata_chart_alignment_rate_y (&layout, 0.80)),
                         dark ? "#78aeed" : "#1c71d8");
      assert_pixel_near (pixel_at (&shot, errata_chart_alignment_marker_x (&layout, 1, FALSE, TRUE),
                                   errata_chart_alignment_rate_y (&layout, 0.85)),
                         dark ? "#ffa348" : "#c64600");
      /* The test point is hollow: the background shows in its middle. */
      assert_pixel_near (pixel_at (&shot, errata_chart_alignment_marker_x (&layout, 0, TRUE, FALSE),
                                   errata_chart_alignment_rate_y (&layout, 0.78)),
                         dark ? "#242424" : "#fafafa");
      /* The y labels and the legend stand out of the background. */
      g_assert_cmpuint (count_visible (&shot, 0, 0, (int) layout.plot_x - 2, height, background),
                        >, 40);
      g_assert_cmpuint (count_visible (&shot, (int) layout.plot_x, 0, width,
                                       (int) layout.plot_y - 4, background), >, 60);
      shot_clear (&shot);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* A tooltip per marker, none in empty space. */
  text = errata_alignment_chart_dup_tooltip (ERRATA_ALIGNMENT_CHART (chart),
                                             errata_chart_alignment_marker_x (&layout, 2, FALSE, TRUE),
                                             errata_chart_alignment_rate_y (&layout, 0.91));
  g_assert_cmpstr (text, ==, "v3: TNR 91% (95% interval 84–95%)\n40 labelled traces on dev\n"
                             "Of the traces a person failed, the share the judge failed too");
  g_clear_pointer (&text, g_free);
  text = errata_alignment_chart_dup_tooltip (ERRATA_ALIGNMENT_CHART (chart),
                                             errata_chart_alignment_marker_x (&layout, 0, TRUE, FALSE),
                                             errata_chart_alignment_rate_y (&layout, 0.78));
  g_assert_cmpstr (text, ==, "test, v3: TPR 78% (95% interval 66–87%)\n80 labelled traces on test\n"
                             "Of the traces a person passed, the share the judge passed too");
  g_assert_null (errata_alignment_chart_dup_tooltip (ERRATA_ALIGNMENT_CHART (chart), layout.plot_x + 3,
                                                     layout.plot_y + layout.plot_height - 3));
  g_assert_true (query_tooltip (chart, errata_chart_alignment_marker_x (&layout, 0, FALSE, FALSE),
                                errata_chart_alignment_rate_y (&layout, 0.60)));
  g_assert_false (query_tooltip (chart, layout.plot_x + 3, layout.plot_y + layout.plot_height - 3));

  /* Emptied: no test point, the description says so. */
  errata_alignment_chart_set_points (ERRATA_ALIGNMENT_CHART (chart), NULL, 0, NULL);
  g_assert_false (errata_alignment_chart_has_test (ERRATA_ALIGNMENT_CHART (chart)));
  assert_accessible (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "No runs on dev yet");
  g_object_unref (errata_gui_test_render_to_png (box, "alignment-chart-empty.png"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_interval (void)
{
  GtkWidget *chart = errata_interval_chart_new ();
  GtkWidget *box;
  GtkWidget *window = new_window_with (chart, &box);
  ErrataChartIntervalLayout layout;
  g_autofree char *text = NULL;
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (window), 520, -1);
  g_assert_false (errata_interval_chart_has_estimate (ERRATA_INTERVAL_CHART (chart)));
  assert_accessible (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "No estimate yet");
  errata_interval_chart_set_estimate (ERRATA_INTERVAL_CHART (chart), 0.09, 0.074, 0.031, 0.12);
  g_assert_true (errata_interval_chart_has_estimate (ERRATA_INTERVAL_CHART (chart)));
  assert_accessible (chart, GTK_ACCESSIBLE_PROPERTY_LABEL, "Estimated failure rate");
  assert_accessible (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Corrected failure rate 7.4% (95% interval 3.1–12.0%); "
                                       "raw (observed) 9.0%");

  for (guint dark = 0; dark < 2; dark++)
    {
      Shot shot;
      Pixel background;
      double x;

      set_dark (dark);
      shot_take (&shot, box, chart, dark ? "interval-chart-dark.png" : "interval-chart-light.png");
      width = gtk_widget_get_width (chart);
      height = gtk_widget_get_height (chart);
      g_assert_cmpint (height, >=, 80);
      errata_chart_interval_layout (width, height, 0.09, 0.074, 0.031, 0.12, &layout);
      background = pixel_at (&shot, width - 2, 2);
      assert_pixel_near (background, dark ? "#242424" : "#fafafa");
      /* The corrected rate, filled in the accent; the raw one hollow. */
      x = errata_chart_interval_x (&layout, 0.074);
      assert_pixel_near (pixel_at (&shot, x, layout.corrected_y + 2),
                         dark ? "#78aeed" : "#1c71d8");
      x = errata_chart_interval_x (&layout, 0.09);
      assert_pixel_near (pixel_at (&shot, x, layout.raw_y), dark ? "#242424" : "#fafafa");
      /* The labels and the axis can be read. */
      g_assert_cmpuint (count_visible (&shot, (int) x + 8, (int) layout.raw_y - 7,
                                       width, (int) layout.raw_y + 7, background), >, 20);
      g_assert_cmpuint (count_visible (&shot, 0, (int) layout.axis_y + 4,
                                       width, height, background), >, 40);
      shot_clear (&shot);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  text = errata_interval_chart_dup_tooltip (ERRATA_INTERVAL_CHART (chart),
                                            errata_chart_interval_x (&layout, 0.11), layout.corrected_y);
  g_assert_true (g_str_has_prefix (text, "Corrected failure rate 7.4% (95% interval 3.1–12.0%)\n"));
  g_clear_pointer (&text, g_free);
  text = errata_interval_chart_dup_tooltip (ERRATA_INTERVAL_CHART (chart),
                                            errata_chart_interval_x (&layout, 0.09), layout.raw_y);
  g_assert_true (g_str_has_prefix (text, "Raw failure rate 9.0%\n"));
  g_assert_null (errata_interval_chart_dup_tooltip (ERRATA_INTERVAL_CHART (chart), width - 3,
                                                    layout.corrected_y));
  g_assert_true (query_tooltip (chart, errata_chart_interval_x (&layout, 0.074), layout.corrected_y));
  g_assert_false (query_tooltip (chart, width - 3, layout.corrected_y));

  errata_interval_chart_clear (ERRATA_INTERVAL_CHART (chart));
  g_assert_false (errata_interval_chart_has_estimate (ERRATA_INTERVAL_CHART (chart)));
  assert_accessible (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "No estimate yet");
  g_assert_false (query_tooltip (chart, errata_chart_interval_x (&layout, 0.074), layout.corrected_y));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The minimum sizes leave room for the labels; many versions ask for
 * more width. */
static void
test_minimum_size (void)
{
  GtkWidget *alignment = g_object_ref_sink (errata_alignment_chart_new ());
  GtkWidget *interval = g_object_ref_sink (errata_interval_chart_new ());
  ErrataAlignmentPoint many[20];
  int few_width, many_width, min_height;

  for (guint i = 0; i < G_N_ELEMENTS (many); i++)
    many[i] = (ErrataAlignmentPoint) { i + 1, 0.8, 0.7, 0.9, 0.8, 0.7, 0.9, TRUE, TRUE, 40 };
  errata_alignment_chart_set_points (ERRATA_ALIGNMENT_CHART (alignment), many, 3, NULL);
  gtk_widget_measure (alignment, GTK_ORIENTATION_HORIZONTAL, -1, &few_width, NULL, NULL, NULL);
  errata_alignment_chart_set_points (ERRATA_ALIGNMENT_CHART (alignment), many, 20, &many[19]);
  gtk_widget_measure (alignment, GTK_ORIENTATION_HORIZONTAL, -1, &many_width, NULL, NULL, NULL);
  gtk_widget_measure (alignment, GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL, NULL);
  g_assert_cmpint (few_width, >=, 240);
  g_assert_cmpint (many_width, >, few_width);
  g_assert_cmpint (min_height, >=, 140);
  gtk_widget_measure (interval, GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL, NULL);
  g_assert_cmpint (min_height, >=, 80);
  g_assert_finalize_object (alignment);
  g_assert_finalize_object (interval);
}

static void
test_no_display (void)
{
  g_test_skip ("no display");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The test AT context records accessible properties for the checks;
   * "none" (the suite's default) would record nothing. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/charts-widgets/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/charts-widgets/alignment", test_alignment);
  g_test_add_func ("/charts-widgets/interval", test_interval);
  g_test_add_func ("/charts-widgets/minimum-size", test_minimum_size);
  return g_test_run ();
}
