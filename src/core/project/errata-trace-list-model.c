/* errata-trace-list-model.c: a lazy, random-access GListModel over a
 * project's traces.
 *
 * The model holds every matching trace id in query order (8 bytes a
 * trace, loaded on a worker thread by errata_project_query_trace_ids_async)
 * and turns positions into ErrataTrace summaries a page of 100 at a time,
 * keeping only the few most recently used pages. A list view can jump to
 * any position of a million traces, and memory stays bounded however far
 * the user scrolls.
 *
 * get_item() on a page that is not cached reads it at once, on the calling
 * thread: 100 summaries by primary key take about 2 ms, well inside a
 * frame, and a list view asks for at most a couple of pages per frame
 * even while flung. The alternative, a placeholder item filled in later,
 * would make every row bind twice (and flicker) and force the items to be
 * mutable, for a wait too short to see.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-trace-list-model.h"
#include "errata-trace-private.h"

typedef struct
{
  GList      link;     /* in the LRU queue; data points back at the page */
  guint      index;
  GPtrArray *traces;   /* ErrataTrace, one per position of the page */
} Page;

struct _ErrataTraceListModel
{
  GObject           parent_instance;

  ErrataProject    *project;
  ErrataTraceQuery *query;
  GArray           *ids;           /* gint64 per position */
  gboolean          keep_rows;     /* the reload running is for new traces */
  GHashTable       *pages;         /* index -> Page */
  GQueue            lru;           /* most recently used first */
  GCancellable     *cancellable;   /* of the ids query in flight */
  guint             reload_source;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ErrataTraceListModel, errata_trace_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LOAD_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->traces);
  g_free (page);
}

static void
drop_pages (ErrataTraceListModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_init (&self->lru);
}

static void
drop_oldest_page (ErrataTraceListModel *self)
{
  GList *link = g_queue_pop_tail_link (&self->lru);
  Page *page = link->data;

  g_hash_table_remove (self->pages, GUINT_TO_POINTER (page->index));
}

/* The same trace, as far as the list can tell, for an id that is gone:
 * something may have deleted it since the ids were read. */
static ErrataTrace *
create_missing_trace (void)
{
  ErrataTrace *trace = errata_trace_new ();

  /* Translators: stands in the trace list for a trace removed from the
   * file by another program since the list was loaded. */
  errata_trace_set_external_id (trace, _("(removed)"));
  return trace;
}

static gboolean
reload_from_idle (gpointer user_data)
{
  ErrataTraceListModel *self = user_data;

  self->reload_source = 0;
  errata_trace_list_model_reload (self);
  return G_SOURCE_REMOVE;
}

/* items-changed must not be emitted from inside get_item(). */
static void
schedule_reload (ErrataTraceListModel *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_from_idle, self);
}

/* Lines the summaries up with the ids they were asked for: the core leaves
 * out ids that no longer exist. */
static GPtrArray *
align_summaries (ErrataTraceListModel *self,
                 const gint64         *ids,
                 guint                 n_ids,
                 GPtrArray            *found)
{
  GPtrArray *traces = g_ptr_array_new_full (n_ids, g_object_unref);
  guint next = 0;

  for (guint i = 0; i < n_ids; i++)
    {
      ErrataTrace *trace = next < found->len ? g_ptr_array_index (found, next) : NULL;

      if (trace != NULL && errata_trace_get_id (trace) == ids[i])
        {
          g_ptr_array_add (traces, g_object_ref (trace));
          next++;
        }
      else
        g_ptr_array_add (traces, create_missing_trace ());
    }
  if (found->len < n_ids)
    schedule_reload (self);
  return traces;
}

static Page *
fetch_page (ErrataTraceListModel *self,
            guint                 index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  guint start = index * ERRATA_TRACE_LIST_MODEL_PAGE_SIZE;
  guint n_ids = MIN (ERRATA_TRACE_LIST_MODEL_PAGE_SIZE, self->ids->len - start);
  const gint64 *ids = &g_array_index (self->ids, gint64, start);
  Page *page;

  found = errata_project_get_trace_summaries (self->project, ids, n_ids, &error);
  if (found == NULL)
    {
      g_warning ("Could not read traces: %s", error->message);
      found = g_ptr_array_new ();
    }
  page = g_new0 (Page, 1);
  page->index = index;
  page->link.data = page;
  page->traces = align_summaries (self, ids, n_ids, found);
  return page;
}

static Page *
lookup_page (ErrataTraceListModel *self,
             guint                 index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

  if (page != NULL)
    {
      g_queue_unlink (&self->lru, &page->link);
      g_queue_push_head_link (&self->lru, &page->link);
      return page;
    }
  if (self->lru.length >= ERRATA_TRACE_LIST_MODEL_MAX_PAGES)
    drop_oldest_page (self);
  page = fetch_page (self, index);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  g_queue_push_head_link (&self->lru, &page->link);
  return page;
}

static GType
errata_trace_list_model_get_item_type (GListModel *model)
{
  return ERRATA_TYPE_TRACE;
}

static guint
errata_trace_list_model_get_n_items (GListModel *model)
{
  return ERRATA_TRACE_LIST_MODEL (model)->ids->len;
}

static gpointer
errata_trace_list_model_get_item (GListModel *model,
                                  guint       position)
{
  ErrataTraceListModel *self = ERRATA_TRACE_LIST_MODEL (model);
  Page *page;

  if (position >= self->ids->len)
    return NULL;
  page = lookup_page (self, position / ERRATA_TRACE_LIST_MODEL_PAGE_SIZE);
  return g_object_ref (g_ptr_array_index (page->traces,
                                          position % ERRATA_TRACE_LIST_MODEL_PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = errata_trace_list_model_get_item_type;
  iface->get_n_items = errata_trace_list_model_get_n_items;
  iface->get_item = errata_trace_list_model_get_item;
}

/* Whether a kept row's trace changed (late spans of a live trace, a
 * review made elsewhere); if so, `row` takes `fresh`'s summary, so that it
 * stays the same item, and with it the selection, which GtkMultiSelection
 * keeps for the same item only. */
static gboolean
update_row (ErrataTrace *row,
            ErrataTrace *fresh)
{
  if (g_strcmp0 (errata_trace_get_input (row), errata_trace_get_input (fresh)) == 0
      && g_strcmp0 (errata_trace_get_output (row), errata_trace_get_output (fresh)) == 0
      && errata_trace_get_n_messages (row) == errata_trace_get_n_messages (fresh)
      && errata_trace_get_n_tool_calls (row) == errata_trace_get_n_tool_calls (fresh)
      && errata_trace_get_output_chars (row) == errata_trace_get_output_chars (fresh)
      && errata_trace_get_latency_ms (row) == errata_trace_get_latency_ms (fresh)
      && errata_trace_get_tokens_in (row) == errata_trace_get_tokens_in (fresh)
      && errata_trace_get_tokens_out (row) == errata_trace_get_tokens_out (fresh)
      && errata_trace_get_cost (row) == errata_trace_get_cost (fresh)
      && errata_trace_get_verdict (row) == errata_trace_get_verdict (fresh)
      && g_strcmp0 (errata_trace_get_note (row), errata_trace_get_note (fresh)) == 0
      && errata_trace_get_others_reviewed (row) == errata_trace_get_others_reviewed (fresh)
      && errata_trace_get_others_failed (row) == errata_trace_get_others_failed (fresh)
      && errata_trace_get_imported_verdict (row) == errata_trace_get_imported_verdict (fresh)
      && g_strcmp0 (errata_trace_get_others_note (row), errata_trace_get_others_note (fresh)) == 0)
    return FALSE;
  _errata_trace_set_summary (row, errata_trace_get_input (fresh), errata_trace_get_output (fresh),
                             errata_trace_get_n_messages (fresh), errata_trace_get_n_tool_calls (fresh),
                             errata_trace_get_output_chars (fresh));
  errata_trace_set_latency_ms (row, errata_trace_get_latency_ms (fresh));
  errata_trace_set_tokens_in (row, errata_trace_get_tokens_in (fresh));
  errata_trace_set_tokens_out (row, errata_trace_get_tokens_out (fresh));
  errata_trace_set_cost (row, errata_trace_get_cost (fresh));
  _errata_trace_set_review (row, errata_trace_get_verdict (fresh), errata_trace_get_note (fresh));
  _errata_trace_set_others (row, errata_trace_get_others_reviewed (fresh),
                            errata_trace_get_others_failed (fresh),
                            errata_trace_get_imported_verdict (fresh),
                            errata_trace_get_others_note (fresh));
  return TRUE;
}

/* The cached rows a reload for new traces keeps, by their new position:
 * those before the common start and after the common end. */
static GHashTable *
kept_rows (ErrataTraceListModel *self,
           guint                 prefix,
           guint                 suffix,
           guint                 new_len)
{
  GHashTable *kept = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  guint old_len = self->ids->len;

  for (GList *l = self->lru.head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      for (guint i = 0; i < page->traces->len; i++)
        {
          guint position = page->index * ERRATA_TRACE_LIST_MODEL_PAGE_SIZE + i;

          if (position >= prefix && position < old_len - suffix)
            continue;
          if (position >= prefix)
            position = position - old_len + new_len;
          g_hash_table_insert (kept, GUINT_TO_POINTER (position),
                               g_object_ref (g_ptr_array_index (page->traces, i)));
        }
    }
  return kept;
}

/* The pages of the kept rows, read again: a row whose trace changed is
 * updated in place and its position added to `changed`; every kept row
 * stays the same item. */
static void
refresh_kept_rows (ErrataTraceListModel *self,
                   GHashTable           *kept,
                   GArray               *changed)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, kept);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint position = GPOINTER_TO_UINT (key);
      Page *page = lookup_page (self, position / ERRATA_TRACE_LIST_MODEL_PAGE_SIZE);
      guint offset = position % ERRATA_TRACE_LIST_MODEL_PAGE_SIZE;
      ErrataTrace *fresh = g_ptr_array_index (page->traces, offset);

      if (fresh == value || errata_trace_get_id (fresh) != errata_trace_get_id (value))
        continue;
      if (update_row (value, fresh))
        g_array_append_val (changed, position);
      g_ptr_array_index (page->traces, offset) = g_object_ref (value);
      g_object_unref (fresh);
    }
}

/* A reload replaces every row (their summaries may all have changed: a
 * new reviewer, say). One for new traces only tells that the ids between
 * the common start and the common end changed, and that the kept rows
 * whose traces changed did (each keeping its item): the other rows, the
 * selection and the scroll position stay. */
static void
replace_ids (ErrataTraceListModel *self,
             GArray               *ids)
{
  g_autoptr(GHashTable) kept = NULL;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint));
  guint old_len = self->ids->len;
  guint prefix = 0;
  guint suffix = 0;

  while (self->keep_rows && prefix < old_len && prefix < ids->len
         && g_array_index (self->ids, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;
  while (self->keep_rows && suffix < old_len - prefix && suffix < ids->len - prefix
         && g_array_index (self->ids, gint64, old_len - 1 - suffix)
            == g_array_index (ids, gint64, ids->len - 1 - suffix))
    suffix++;

  if (self->keep_rows)
    kept = kept_rows (self, prefix, suffix, ids->len);
  drop_pages (self);
  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);
  /* Before any signal: a view asking for a kept row gets the same item. */
  if (kept != NULL)
    refresh_kept_rows (self, kept, changed);
  if (old_len - prefix - suffix > 0 || ids->len - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_len - prefix - suffix,
                                ids->len - prefix - suffix);
  for (guint i = 0; i < changed->len; i++)
    g_list_model_items_changed (G_LIST_MODEL (self), g_array_index (changed, guint, i), 1, 1);
  if (old_len != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_ids_loaded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ErrataTraceListModel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  ids = errata_project_query_trace_ids_finish (ERRATA_PROJECT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (ids != NULL)
    replace_ids (self, ids);
  else
    g_signal_emit (self, signals[LOAD_FAILED], 0, error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * errata_trace_list_model_reload:
 * @self: a model
 *
 * Reads the ids of the current query again, in the background: after an
 * import, or when annotations changed what a filter matches. The model
 * keeps its old items until the new ones are there, then replaces them
 * with one items-changed. A reload already running is cancelled.
 */
void
errata_trace_list_model_reload (ErrataTraceListModel *self)
{
  gboolean was_loading;

  g_return_if_fail (ERRATA_IS_TRACE_LIST_MODEL (self));

  self->keep_rows = FALSE;

  was_loading = self->cancellable != NULL;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->cancellable = g_cancellable_new ();
  errata_project_query_trace_ids_async (self->project, self->query, self->cancellable,
                                        on_ids_loaded, g_object_ref (self));
  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * errata_trace_list_model_reload_new_traces:
 * @self: a model
 *
 * A reload for traces added or changed meanwhile (received live): only
 * the rows that changed position are replaced, and of the others those
 * whose trace changed (late spans) are updated in place, the same item;
 * so the list, its selection and its scroll position do not move under a
 * user reviewing it.
 */
void
errata_trace_list_model_reload_new_traces (ErrataTraceListModel *self)
{
  gboolean full;

  g_return_if_fail (ERRATA_IS_TRACE_LIST_MODEL (self));

  /* A full reload already running stays one (started again, for these
   * traces too). */
  full = self->cancellable != NULL && !self->keep_rows;
  errata_trace_list_model_reload (self);
  if (full)
    return;
  self->keep_rows = TRUE;
}

static void
errata_trace_list_model_dispose (GObject *object)
{
  ErrataTraceListModel *self = ERRATA_TRACE_LIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);

  G_OBJECT_CLASS (errata_trace_list_model_parent_class)->dispose (object);
}

static void
errata_trace_list_model_finalize (GObject *object)
{
  ErrataTraceListModel *self = ERRATA_TRACE_LIST_MODEL (object);

  drop_pages (self);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_object (&self->query);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (errata_trace_list_model_parent_class)->finalize (object);
}

static void
errata_trace_list_model_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ErrataTraceListModel *self = ERRATA_TRACE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, errata_trace_list_model_is_loading (self));
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_trace_list_model_class_init (ErrataTraceListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = errata_trace_list_model_dispose;
  object_class->finalize = errata_trace_list_model_finalize;
  object_class->get_property = errata_trace_list_model_get_property;

  /* TRUE while the ids of a query are being read. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The query could not be run; the argument says why, for the user. */
  signals[LOAD_FAILED] =
    g_signal_new ("load-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
errata_trace_list_model_init (ErrataTraceListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)page_free);
  g_queue_init (&self->lru);
}

/**
 * errata_trace_list_model_new:
 * @project: an open project
 * @query: (nullable): which traces, in which order; %NULL for all traces
 *   in import order. Copied.
 *
 * The model starts empty and loads the query's ids in the background
 * (watch #ErrataTraceListModel:loading); no summary is read until a view
 * asks for an item.
 *
 * Returns: (transfer full): a new model
 */
ErrataTraceListModel *
errata_trace_list_model_new (ErrataProject    *project,
                             ErrataTraceQuery *query)
{
  ErrataTraceListModel *self;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (query == NULL || ERRATA_IS_TRACE_QUERY (query), NULL);

  self = g_object_new (ERRATA_TYPE_TRACE_LIST_MODEL, NULL);
  self->project = g_object_ref (project);
  self->query = query ? errata_trace_query_copy (query) : errata_trace_query_new ();
  errata_trace_list_model_reload (self);
  return self;
}

ErrataProject *
errata_trace_list_model_get_project (ErrataTraceListModel *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_LIST_MODEL (self), NULL);
  return self->project;
}

/* A copy: changing it changes nothing until it is given back to
 * errata_trace_list_model_set_query(). */
ErrataTraceQuery *
errata_trace_list_model_dup_query (ErrataTraceListModel *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_LIST_MODEL (self), NULL);
  return errata_trace_query_copy (self->query);
}

/* Shows the traces @query matches, once their ids are read. */
void
errata_trace_list_model_set_query (ErrataTraceListModel *self,
                                   ErrataTraceQuery     *query)
{
  g_return_if_fail (ERRATA_IS_TRACE_LIST_MODEL (self));
  g_return_if_fail (ERRATA_IS_TRACE_QUERY (query));

  g_clear_object (&self->query);
  self->query = errata_trace_query_copy (query);
  errata_trace_list_model_reload (self);
}

gboolean
errata_trace_list_model_is_loading (ErrataTraceListModel *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_LIST_MODEL (self), FALSE);
  return self->cancellable != NULL;
}

/* The id at @position without reading its summary; -1 past the end. */
gint64
errata_trace_list_model_get_trace_id (ErrataTraceListModel *self,
                                      guint                 position)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_LIST_MODEL (self), -1);

  if (position >= self->ids->len)
    return -1;
  return g_array_index (self->ids, gint64, position);
}

/* The position of @trace_id, or ERRATA_TRACE_LIST_MODEL_NO_POSITION. A
 * linear scan of the ids: a millisecond for a million. */
guint
errata_trace_list_model_find (ErrataTraceListModel *self,
                              gint64                trace_id)
{
  const gint64 *ids;

  g_return_val_if_fail (ERRATA_IS_TRACE_LIST_MODEL (self), ERRATA_TRACE_LIST_MODEL_NO_POSITION);

  ids = (const gint64 *)self->ids->data;
  for (guint i = 0; i < self->ids->len; i++)
    if (ids[i] == trace_id)
      return i;
  return ERRATA_TRACE_LIST_MODEL_NO_POSITION;
}

/**
 * errata_trace_list_model_refresh_trace:
 * @self: a model
 * @trace_id: a trace whose annotation changed
 *
 * Reads the trace's summary again (its verdict and note) and tells the
 * views, so that its row shows the change. The trace keeps its position
 * even if it no longer matches the filter: a row that vanished under the
 * reviewer's hands would lose their place.
 */
void
errata_trace_list_model_refresh_trace (ErrataTraceListModel *self,
                                       gint64                trace_id)
{
  guint position;
  Page *page;

  g_return_if_fail (ERRATA_IS_TRACE_LIST_MODEL (self));

  position = errata_trace_list_model_find (self, trace_id);
  if (position == ERRATA_TRACE_LIST_MODEL_NO_POSITION)
    return;
  page = g_hash_table_lookup (self->pages,
                              GUINT_TO_POINTER (position / ERRATA_TRACE_LIST_MODEL_PAGE_SIZE));
  if (page != NULL)
    {
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GError) error = NULL;
      guint offset = position % ERRATA_TRACE_LIST_MODEL_PAGE_SIZE;

      found = errata_project_get_trace_summaries (self->project, &trace_id, 1, &error);
      if (found == NULL)
        g_warning ("Could not read trace: %s", error->message);
      else if (found->len == 1)
        {
          g_object_unref (g_ptr_array_index (page->traces, offset));
          g_ptr_array_index (page->traces, offset) = g_object_ref (found->pdata[0]);
        }
    }
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

guint
errata_trace_list_model_get_n_cached_pages (ErrataTraceListModel *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_LIST_MODEL (self), 0);
  return self->lru.length;
}

/* How many summaries the model holds right now: lets tests check that it
 * really is lazy, and stays bounded. */
guint
errata_trace_list_model_get_n_fetched (ErrataTraceListModel *self)
{
  guint n = 0;

  g_return_val_if_fail (ERRATA_IS_TRACE_LIST_MODEL (self), 0);

  for (GList *l = self->lru.head; l; l = l->next)
    n += ((Page *)l->data)->traces->len;
  return n;
}
