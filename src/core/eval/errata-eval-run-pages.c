/* errata-eval-run-pages.c: the traces a run launches, read a page at a
 * time (one statement a page, errata_project_get_traces), and the next
 * page read ahead in an idle while requests are out, so that a reply's
 * slot is not refilled only after 64 traces were read and parsed.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-eval-run-private.h"

static GPtrArray *
read_page (ErrataEvalRun  *self,
           guint           start,
           GError        **error)
{
  guint n = MIN (ERRATA_PROJECT_TRACE_PAGE, self->todo->len - start);

  return errata_project_get_traces (self->project, &g_array_index (self->todo, gint64, start), n,
                                    error);
}

/* Low priority: it runs while the main loop waits for replies, never
 * before one that has come. A failure is left to the read that needs the
 * page, which reports it. */
static gboolean
read_ahead (gpointer data)
{
  ErrataEvalRun *self = data;

  self->ahead_source = 0;
  g_clear_pointer (&self->ahead, g_ptr_array_unref);
  self->ahead_start = self->page_end;
  self->ahead = read_page (self, self->ahead_start, NULL);
  return G_SOURCE_REMOVE;
}

/* The next page: the one read ahead, else read now. */
static gboolean
turn_page (ErrataEvalRun  *self,
           GError        **error)
{
  g_autoptr(GPtrArray) page = NULL;

  g_clear_handle_id (&self->ahead_source, g_source_remove);
  if (self->ahead != NULL && self->ahead_start == self->next)
    page = g_steal_pointer (&self->ahead);
  else
    page = read_page (self, self->next, error);
  g_clear_pointer (&self->ahead, g_ptr_array_unref);
  if (page == NULL)
    return FALSE;
  g_ptr_array_unref (self->page);
  self->page = g_steal_pointer (&page);
  self->page_pos = 0;
  self->page_end = MIN (self->next + ERRATA_PROJECT_TRACE_PAGE, self->todo->len);
  if (self->page_end < self->todo->len)
    self->ahead_source = g_idle_add_full (G_PRIORITY_LOW, read_ahead, g_object_ref (self),
                                          g_object_unref);
  return TRUE;
}

/* The trace of todo[next]. NULL without an error when its page holds no
 * more: the ids left in it are of traces deleted since the run started,
 * which are no longer part of it (a verdict could not name them). */
ErrataTrace *
_errata_eval_run_peek_trace (ErrataEvalRun  *self,
                             GError        **error)
{
  ErrataTrace *trace;

  if (self->page_pos >= self->page->len)
    {
      self->progress.total -= self->page_end - self->next;
      self->next = self->page_end;
      if (self->next >= self->todo->len || !turn_page (self, error))
        return NULL;
      if (self->page->len == 0)
        return NULL;
    }
  trace = g_ptr_array_index (self->page, self->page_pos);
  /* The page leaves out the deleted ones before it. */
  while (g_array_index (self->todo, gint64, self->next) != errata_trace_get_id (trace))
    {
      self->next++;
      self->progress.total--;
    }
  return trace;
}
