/* errata-trace-list-model.c: a lazy GListModel over a project's traces.
 *
 * The number of items comes from one count query; the items themselves
 * (ErrataTrace summaries) are fetched a page at a time, only when a list
 * view asks for a position past what is already loaded, so a project
 * with a million traces opens without reading them.
 *
 * Paging is sequential: the model keeps the keyset cursor of the last
 * page and walks forward from it. Asking for position N loads every page
 * before N. That is cheap while the user scrolls, but a jump to the end of
 * a huge project reads everything in between; random access (seeking the
 * cursor to a position, and dropping pages far from the view) is left for
 * the full trace browser.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-trace-list-model.h"

struct _ErrataTraceListModel
{
  GObject            parent_instance;

  ErrataProject     *project;
  ErrataTraceQuery  *query;
  ErrataTraceCursor  cursor;
  GPtrArray         *traces;        /* the pages fetched so far */
  guint              n_items;       /* from the count, or less once the end is found */
  gboolean           at_end;
  guint              shrink_source;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ErrataTraceListModel, errata_trace_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static gboolean
shrink_to_fetched (gpointer user_data)
{
  ErrataTraceListModel *self = user_data;
  guint removed = self->n_items - self->traces->len;

  self->shrink_source = 0;
  self->n_items = self->traces->len;
  g_list_model_items_changed (G_LIST_MODEL (self), self->n_items, removed, 0);
  return G_SOURCE_REMOVE;
}

/* The count may be out of date (another program removed traces), or a page
 * may fail to load. Either way the list must not promise items it cannot
 * give, but items-changed must not be emitted from inside get_item(), so
 * the model shrinks from an idle. */
static void
schedule_shrink (ErrataTraceListModel *self)
{
  self->at_end = TRUE;
  if (self->traces->len < self->n_items && self->shrink_source == 0)
    self->shrink_source = g_idle_add (shrink_to_fetched, self);
}

static void
fetch_page (ErrataTraceListModel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;

  page = errata_project_query_traces (self->project, self->query, &self->cursor,
                                      ERRATA_TRACE_LIST_MODEL_PAGE_SIZE, &error);
  if (page == NULL)
    {
      g_warning ("Could not load traces: %s", error->message);
      schedule_shrink (self);
      return;
    }
  for (guint i = 0; i < page->len; i++)
    g_ptr_array_add (self->traces, g_object_ref (g_ptr_array_index (page, i)));
  if (page->len < ERRATA_TRACE_LIST_MODEL_PAGE_SIZE)
    schedule_shrink (self);
}

static GType
errata_trace_list_model_get_item_type (GListModel *model)
{
  return ERRATA_TYPE_TRACE;
}

static guint
errata_trace_list_model_get_n_items (GListModel *model)
{
  return ERRATA_TRACE_LIST_MODEL (model)->n_items;
}

static gpointer
errata_trace_list_model_get_item (GListModel *model,
                                  guint       position)
{
  ErrataTraceListModel *self = ERRATA_TRACE_LIST_MODEL (model);

  if (position >= self->n_items)
    return NULL;
  while (position >= self->traces->len && !self->at_end)
    fetch_page (self);
  if (position >= self->traces->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->traces, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = errata_trace_list_model_get_item_type;
  iface->get_n_items = errata_trace_list_model_get_n_items;
  iface->get_item = errata_trace_list_model_get_item;
}

static void
errata_trace_list_model_finalize (GObject *object)
{
  ErrataTraceListModel *self = ERRATA_TRACE_LIST_MODEL (object);

  g_clear_handle_id (&self->shrink_source, g_source_remove);
  g_clear_pointer (&self->traces, g_ptr_array_unref);
  g_clear_object (&self->query);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (errata_trace_list_model_parent_class)->finalize (object);
}

static void
errata_trace_list_model_class_init (ErrataTraceListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = errata_trace_list_model_finalize;
}

static void
errata_trace_list_model_init (ErrataTraceListModel *self)
{
  self->traces = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * errata_trace_list_model_new:
 * @project: an open project
 * @query: (nullable): which traces, in which order; %NULL for all traces
 *   in import order
 * @error: where to put the error of the count
 *
 * Counts the traces (on the calling thread; a count is one indexed query)
 * but loads none of them.
 *
 * Returns: (transfer full): a new model, or %NULL if counting failed
 */
ErrataTraceListModel *
errata_trace_list_model_new (ErrataProject     *project,
                             ErrataTraceQuery  *query,
                             GError           **error)
{
  g_autoptr(ErrataTraceListModel) self = NULL;
  gint64 count;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (query == NULL || ERRATA_IS_TRACE_QUERY (query), NULL);

  self = g_object_new (ERRATA_TYPE_TRACE_LIST_MODEL, NULL);
  self->project = g_object_ref (project);
  self->query = query ? g_object_ref (query) : errata_trace_query_new ();
  count = errata_project_count_traces (project, self->query, error);
  if (count < 0)
    return NULL;
  self->n_items = (guint) MIN (count, (gint64) G_MAXUINT);
  self->at_end = self->n_items == 0;
  return g_steal_pointer (&self);
}

ErrataProject *
errata_trace_list_model_get_project (ErrataTraceListModel *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_LIST_MODEL (self), NULL);
  return self->project;
}

/* How many traces have been read from the project so far: lets tests check
 * that the model really is lazy. */
guint
errata_trace_list_model_get_n_fetched (ErrataTraceListModel *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_LIST_MODEL (self), 0);
  return self->traces->len;
}
