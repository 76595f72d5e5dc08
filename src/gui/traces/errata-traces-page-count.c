/* errata-traces-page-count.c: the count below the trace list.
 *
 * Counting never holds the list up. When the query changes, a capped count
 * (the first page's worth, PAGE + 1 rows, read as the first page is) runs
 * in a thread and the footer says "≥ 100 traces match" as soon as it is
 * back, or the exact number when there are fewer. The exact count is the
 * number of ids the list model loads in the background (one GTask,
 * cancelled when the query changes), so nothing is counted twice. A newer
 * query cancels the capped count of the one before.

 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-traces-page-private.h"

/* One more than a page of the list: "more than 100" needs the 101st. */
#define COUNT_CAP 101

gboolean
_errata_traces_page_query_is_filtered (ErrataTraceQuery *query)
{
  return errata_trace_query_get_review_filter (query) != ERRATA_REVIEW_FILTER_ANY ||
         errata_trace_query_get_has_note (query) ||
         errata_trace_query_get_text (query) != NULL ||
         errata_trace_query_get_failure_mode (query) > 0 ||
         errata_trace_query_get_disputed_target (query) >= 0 ||
         errata_trace_query_get_metadata_field (query) != NULL;
}

/* While the list loads: what the capped count knows. */
static char *
dup_partial_count (ErrataTracesPage *self)
{
  gint64 n = self->count_floor;

  if (n < 0)
    /* Translators: below the trace list, while the matches are counted. */
    return g_strdup (_("Counting…"));
  if (n >= COUNT_CAP)
    /* Translators: below the trace list, while the exact count is still
     * on its way: at least this many traces match. */
    return g_strdup_printf (_("≥ %'u traces match"), (guint)(COUNT_CAP - 1));
  if (!_errata_traces_page_query_is_filtered (self->query))
    return g_strdup_printf (ngettext ("%'u trace", "%'u traces", (guint)n), (guint)n);
  return g_strdup_printf (ngettext ("%'u trace matches", "%'u traces match", (guint)n), (guint)n);
}

void
_errata_traces_page_update_count (ErrataTracesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = NULL;

  if (!errata_trace_list_model_is_loading (self->model))
    self->counting = FALSE;
  /* Live traces reload the list too: the count it had stays till then. */
  if (self->counting)
    {
      text = dup_partial_count (self);
      gtk_label_set_text (self->count_label, text);
      return;
    }
  if (errata_trace_query_get_disputed_target (self->query) >= 0)
    text = _errata_traces_page_dup_disputes_count (self, n);
  else if (_errata_traces_page_query_is_filtered (self->query))
    /* Translators: below the trace list while a filter or search is on. */
    text = g_strdup_printf (ngettext ("%'u trace matches", "%'u traces match", n), n);
  else
    /* Translators: below the trace list. */
    text = g_strdup_printf (ngettext ("%'u trace", "%'u traces", n), n);
  if (errata_trace_query_get_sort (self->query) == ERRATA_TRACE_SORT_SHUFFLE)
    {
      g_autofree char *shuffled = NULL;

      /* Translators: %s is the number of traces; the seed lets a colleague
       * draw the same sample. */
      shuffled = g_strdup_printf (_("%s, shuffled (seed %u)"), text,
                                  errata_trace_query_get_seed (self->query));
      g_free (text);
      text = g_steal_pointer (&shuffled);
    }
  gtk_label_set_text (self->count_label, text);
}

static void
on_count_floor (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ErrataTracesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 n = errata_project_count_traces_finish (ERRATA_PROJECT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A failed count says nothing; the list's own load reports errors. */
  if (n >= 0)
    self->count_floor = n;
  if (self->count_label != NULL)
    _errata_traces_page_update_count (self);
}

/* The query changed: count its first page's worth at once, off the main
 * thread. */
void
_errata_traces_page_count_query (ErrataTracesPage *self)
{
  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  self->count_floor = -1;
  self->counting = TRUE;
  if (self->project == NULL)
    return;
  self->count_cancellable = g_cancellable_new ();
  errata_project_count_traces_async (self->project, self->query, COUNT_CAP,
                                     self->count_cancellable, on_count_floor,
                                     g_object_ref (self));
}

void
_errata_traces_page_cancel_count (ErrataTracesPage *self)
{
  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
}
