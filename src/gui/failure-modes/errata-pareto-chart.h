/* errata-pareto-chart.h: failure modes by frequency, most frequent first,
 * one horizontal bar each with its count and share of reviewed traces.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_PARETO_CHART (errata_pareto_chart_get_type ())

G_DECLARE_FINAL_TYPE (ErrataParetoChart, errata_pareto_chart, ERRATA, PARETO_CHART, GtkWidget)

GtkWidget *errata_pareto_chart_new            (void);
/* `counts`: ErrataModeCount, as from errata_taxonomy_count_modes(). */
void       errata_pareto_chart_set_counts     (ErrataParetoChart *self,
                                               GPtrArray         *counts,
                                               guint              reviewed);
guint      errata_pareto_chart_get_n_bars     (ErrataParetoChart *self);
gint64     errata_pareto_chart_get_mode_id    (ErrataParetoChart *self,
                                               guint              index);
guint      errata_pareto_chart_get_count      (ErrataParetoChart *self,
                                               guint              index);
/* The bar as drawn at the current size, in widget coordinates. */
gboolean   errata_pareto_chart_get_bar_rect   (ErrataParetoChart *self,
                                               guint              index,
                                               graphene_rect_t   *rect);
/* The tooltip's text at height `y` (the whole name and its count), or NULL. */
char      *errata_pareto_chart_dup_tooltip    (ErrataParetoChart *self,
                                               double             y);
/* Emits "bar-activated" for bar `index`, as a click or Enter does. */
void       errata_pareto_chart_activate_bar   (ErrataParetoChart *self,
                                               guint              index);

G_END_DECLS
