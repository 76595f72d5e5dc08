/* errata-traces-page-filters.c: the Traces page's filters and sort.
 *
 * The review filter, the failure-mode filter, the metadata filter,
 * full-text search and the column sort all edit the page's one
 * ErrataTraceQuery; every change hands it to the model, which re-reads
 * the matching ids in the background.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-traces-page-private.h"
#include "errata-ground-truth.h"
#include "errata-trace-columns.h"

void
_errata_traces_page_apply_query (ErrataTracesPage *self)
{
  gboolean shuffled = errata_trace_query_get_sort (self->query) == ERRATA_TRACE_SORT_SHUFFLE;

  /* Each control would reload the list as it is reset: once is enough. */
  if (self->clearing_filters)
    return;
  gtk_widget_set_visible (self->import_order_button, shuffled);
  errata_trace_list_model_set_query (self->model, self->query);
  _errata_traces_page_count_query (self);
  _errata_traces_page_update_state (self);
}

/* "Reviewers Disagree" lists the queue of the failure mode chosen beside
 * it, or of the overall label when none is. The mode filter (a note in
 * the mode) keeps every trace of that mode's queue: someone's note sits
 * in the mode, or nobody would fail it. */
static void
update_disputed_target (ErrataTracesPage *self)
{
  gint64 target = -1;

  if (gtk_drop_down_get_selected (self->review_dropdown) == REVIEW_DISAGREE)
    target = errata_trace_query_get_failure_mode (self->query);
  errata_trace_query_set_disputed_target (self->query, target);
}

static void
on_review_changed (ErrataTracesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->review_dropdown);
  static const ErrataReviewFilter filters[] = {
    [REVIEW_ALL] = ERRATA_REVIEW_FILTER_ANY,
    [REVIEW_UNREVIEWED] = ERRATA_REVIEW_FILTER_UNREVIEWED,
    [REVIEW_PASSED] = ERRATA_REVIEW_FILTER_PASS,
    [REVIEW_FAILED] = ERRATA_REVIEW_FILTER_FAIL,
    [REVIEW_WITH_NOTE] = ERRATA_REVIEW_FILTER_ANY,
    [REVIEW_BY_ME] = ERRATA_REVIEW_FILTER_BY_ME,
    [REVIEW_BY_OTHERS] = ERRATA_REVIEW_FILTER_BY_OTHERS,
    [REVIEW_BY_NOBODY] = ERRATA_REVIEW_FILTER_BY_NOBODY,
  };

  if (selected == REVIEW_DISAGREE)
    {
      errata_trace_query_set_review_filter (self->query, ERRATA_REVIEW_FILTER_ANY);
      errata_trace_query_set_has_note (self->query, FALSE);
      update_disputed_target (self);
      _errata_traces_page_apply_query (self);
      return;
    }
  if (selected >= G_N_ELEMENTS (filters))
    return;
  errata_trace_query_set_review_filter (self->query, filters[selected]);
  errata_trace_query_set_has_note (self->query, selected == REVIEW_WITH_NOTE);
  errata_trace_query_set_disputed_target (self->query, -1);
  _errata_traces_page_apply_query (self);
}

static void
on_search_changed (ErrataTracesPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* The entry reports a cleared search a moment later, when the query
   * has no text any more. */
  if (g_strcmp0 (*text ? text : NULL, errata_trace_query_get_text (self->query)) == 0)
    return;
  errata_trace_query_set_text (self->query, *text ? text : NULL);
  _errata_traces_page_apply_query (self);
}

static void
on_search_mode_changed (ErrataTracesPage *self)
{
  /* A hidden search must not keep filtering the list. */
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* "field = value" (spaces around either side are not part of them). */
static gboolean
parse_metadata_filter (const char  *text,
                       char       **field,
                       char       **value)
{
  const char *equals = strchr (text, '=');

  if (equals == NULL)
    return FALSE;
  *field = g_strstrip (g_strndup (text, equals - text));
  *value = g_strstrip (g_strdup (equals + 1));
  if (**field == '\0')
    {
      g_clear_pointer (field, g_free);
      g_clear_pointer (value, g_free);
      return FALSE;
    }
  return TRUE;
}

static void
on_metadata_activate (ErrataTracesPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->metadata_entry));
  g_autofree char *field = NULL;
  g_autofree char *value = NULL;
  gboolean empty = *text == '\0';

  if (!empty && !parse_metadata_filter (text, &field, &value))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->metadata_entry), "error");
      errata_traces_page_show_toast (self, _("Write the metadata filter as field = value"));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->metadata_entry), "error");
  errata_trace_query_set_metadata_filter (self->query, field, value);
  _errata_traces_page_apply_query (self);
}

/* Another page's "show these traces" (win.show-metadata-traces): the filter
 * is typed for the user, who sees it and can clear it. */
void
errata_traces_page_set_metadata_filter (ErrataTracesPage *self,
                                        const char       *field,
                                        const char       *value)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ERRATA_IS_TRACES_PAGE (self));
  g_return_if_fail (field != NULL && value != NULL);

  text = g_strdup_printf ("%s = %s", field, value);
  gtk_editable_set_text (GTK_EDITABLE (self->metadata_entry), text);
  on_metadata_activate (self);
}

static void
on_metadata_icon_press (ErrataTracesPage    *self,
                        GtkEntryIconPosition  position)
{
  gtk_editable_set_text (GTK_EDITABLE (self->metadata_entry), "");
  on_metadata_activate (self);
}

/* The failure-mode filter ------------------------------------------------ */

static void
on_mode_changed (ErrataTracesPage *self)
{
  if (self->setting_modes)
    return;
  errata_trace_query_set_failure_mode (self->query,
                                       errata_failure_mode_dropdown_get_mode_id (self->mode_dropdown));
  update_disputed_target (self);
  _errata_traces_page_apply_query (self);
}

/* Cards moved on the canvas: the list of a mode's traces is out of date.
 * (A mode that went away has already set the filter back to any.) */
static void
on_modes_changed (ErrataTracesPage *self)
{
  if (errata_trace_query_get_failure_mode (self->query) > 0)
    _errata_traces_page_apply_query (self);
}

static void
setup_mode_dropdown (ErrataTracesPage *self)
{
  g_object_bind_property (self->mode_dropdown, "has-modes", self->mode_dropdown, "visible",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->mode_dropdown, "notify::mode-id",
                           G_CALLBACK (on_mode_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mode_dropdown, "modes-changed",
                           G_CALLBACK (on_modes_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mode_dropdown, "load-failed",
                           G_CALLBACK (errata_traces_page_show_toast), self, G_CONNECT_SWAPPED);
}

static void
on_sorter_changed (ErrataTracesPage *self)
{
  ErrataTraceSort sort = ERRATA_TRACE_SORT_IMPORT_ORDER;
  gboolean descending = FALSE;

  if (self->clearing_sort)
    return;
  if (!errata_trace_columns_get_sort (self->column_view, &sort, &descending))
    {
      sort = ERRATA_TRACE_SORT_IMPORT_ORDER;
      descending = FALSE;
    }
  errata_trace_query_set_sort (self->query, sort, descending);
  _errata_traces_page_apply_query (self);
}

/* The header arrows say nothing about a shuffled order. */
void
_errata_traces_page_clear_column_sort (ErrataTracesPage *self)
{
  self->clearing_sort = TRUE;
  errata_trace_columns_clear_sort (self->column_view);
  self->clearing_sort = FALSE;
}

/* Every filter off, the failure mode too; the caller applies the query. */
void
_errata_traces_page_clear_filters (ErrataTracesPage *self)
{
  self->clearing_filters = TRUE;
  self->setting_modes = TRUE;
  errata_trace_query_set_review_filter (self->query, ERRATA_REVIEW_FILTER_ANY);
  errata_trace_query_set_has_note (self->query, FALSE);
  errata_trace_query_set_metadata_filter (self->query, NULL, NULL);
  errata_trace_query_set_text (self->query, NULL);
  errata_trace_query_set_failure_mode (self->query, 0);
  errata_trace_query_set_disputed_target (self->query, -1);
  gtk_drop_down_set_selected (self->review_dropdown, REVIEW_ALL);
  errata_failure_mode_dropdown_set_mode_id (self->mode_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->metadata_entry), "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->metadata_entry), "error");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->setting_modes = FALSE;
  self->clearing_filters = FALSE;
}

void
_errata_traces_page_connect_filters (ErrataTracesPage *self)
{
  setup_mode_dropdown (self);
  g_signal_connect_object (self->review_dropdown, "notify::selected",
                           G_CALLBACK (on_review_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->metadata_entry, "activate",
                           G_CALLBACK (on_metadata_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->metadata_entry, "icon-press",
                           G_CALLBACK (on_metadata_icon_press), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->search_button, "active",
                          self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* Below the list while it is the adjudication queue: how many traces, and
 * for which target ("2 disputed traces to settle for Overall"). */
char *
_errata_traces_page_dup_disputes_count (ErrataTracesPage *self,
                                        guint             n)
{
  gint64 target = errata_trace_query_get_disputed_target (self->query);
  g_autofree char *name = NULL;

  if (target == ERRATA_TARGET_OVERALL || self->project == NULL)
    name = g_strdup (_("Overall"));
  else
    {
      g_autofree char *mode = errata_target_describe (self->project, target);

      /* Translators: a failure mode's name, quoted. */
      name = g_strdup_printf (_("“%s”"), mode);
    }
  /* Translators: below the trace list while it shows the adjudication
   * queue ("Reviewers Disagree"); %s is "Overall" or a quoted failure mode. */
  return g_strdup_printf (ngettext ("%'u disputed trace to settle for %s",
                                    "%'u disputed traces to settle for %s", n), n, name);
}

/**
 * errata_traces_page_show_disputes:
 * @target: ERRATA_TARGET_OVERALL (0) or a failure mode's id
 *
 * Lists the adjudication queue of @target ("Reviewers Disagree", with the
 * failure mode chosen beside it), and only that: the other filters are
 * cleared.
 */
void
errata_traces_page_show_disputes (ErrataTracesPage *self,
                                  gint64            target)
{
  gboolean found;

  g_return_if_fail (ERRATA_IS_TRACES_PAGE (self));

  self->setting_modes = TRUE;
  found = errata_failure_mode_dropdown_set_mode_id (self->mode_dropdown, MAX (target, 0));
  self->setting_modes = FALSE;
  if (!found)
    {
      errata_traces_page_show_toast (self, _("This failure mode no longer exists"));
      return;
    }
  _errata_traces_page_clear_filters (self);
  errata_trace_query_set_failure_mode (self->query, MAX (target, 0));
  self->setting_modes = TRUE;
  errata_failure_mode_dropdown_set_mode_id (self->mode_dropdown, MAX (target, 0));
  self->setting_modes = FALSE;
  /* Applies the query, the disputed target included. */
  gtk_drop_down_set_selected (self->review_dropdown, REVIEW_DISAGREE);
}
