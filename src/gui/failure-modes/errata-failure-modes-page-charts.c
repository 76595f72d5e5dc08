/* errata-failure-modes-page-charts.c
 *
 * The search over the cards, and the two charts beside the canvas:
 * saturation (with its hint) and the Pareto of failure modes (which
 * answers its own tooltips).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-failure-modes-page-private.h"
#include "errata-chart-saturation.h"

#include <glib/gi18n.h>

/* The words are the chart's own (core), so they are true for the curve
 * drawn: 101 reviews with no sorted note are not "fewer than 20". */
static void
update_hint (ErrataFailureModesPage *self,
             GArray                 *curve)
{
  gboolean saturated;

  g_free (self->hint);
  self->hint = errata_chart_saturation_hint ((const guint *) curve->data, curve->len,
                                             ERRATA_SATURATION_WINDOW, &saturated);
  if (saturated)
    gtk_widget_add_css_class (GTK_WIDGET (self->saturation_hint), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->saturation_hint), "success");
  gtk_label_set_label (self->saturation_hint, self->hint);
}

gboolean
_errata_failure_modes_page_load_charts (ErrataFailureModesPage  *self,
             GError                 **error)
{
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GArray) curve = NULL;
  g_autofree char *caption = NULL;
  guint reviewed = 0;

  counts = errata_taxonomy_count_modes (self->taxonomy, &reviewed, error);
  if (counts == NULL)
    return FALSE;
  curve = errata_taxonomy_saturation (self->taxonomy, error);
  if (curve == NULL)
    return FALSE;
  errata_pareto_chart_set_counts (self->pareto_chart, counts, reviewed);
  errata_saturation_chart_set_curve (self->saturation_chart, curve, ERRATA_SATURATION_WINDOW);
  update_hint (self, curve);
  caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Share of %u trace reviewed in Errata (imported labels not counted). Click a bar to list its traces.",
                                          "Share of %u traces reviewed in Errata (imported labels not counted). Click a bar to list its traces.",
                                          reviewed), reviewed);
  gtk_label_set_label (self->pareto_caption, caption);
  return TRUE;
}

/* ---- search, charts ----------------------------------------------------- */

void
errata_failure_modes_page_set_search_text (ErrataFailureModesPage *self,
                                           const char             *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  GHashTableIter iter;
  gpointer group;

  g_return_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self));

  g_free (self->filter_text);
  self->filter_text = errata_card_fold_text (stripped);
  errata_mode_group_set_filter (self->unsorted, self->filter_text);
  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, NULL, &group))
    errata_mode_group_set_filter (group, self->filter_text);
  /* Setting the entry's text clears it first, which the entry reports. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ? text : "") != 0)
    {
      self->setting_entry = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
      self->setting_entry = FALSE;
    }
}

static void
search_changed (ErrataFailureModesPage *self)
{
  if (self->setting_entry)
    return;
  errata_failure_modes_page_set_search_text (self,
                                             gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
bar_activated (ErrataFailureModesPage *self,
               gint64                  mode_id)
{
  g_signal_emit_by_name (self, "filter-traces", mode_id);
}

ErrataSaturationChart *
errata_failure_modes_page_get_saturation_chart (ErrataFailureModesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), NULL);
  return self->saturation_chart;
}

ErrataParetoChart *
errata_failure_modes_page_get_pareto_chart (ErrataFailureModesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), NULL);
  return self->pareto_chart;
}

const char *
errata_failure_modes_page_get_saturation_hint (ErrataFailureModesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), NULL);
  return self->hint;
}

void
_errata_failure_modes_page_class_charts_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, bar_activated);
}
