/* errata-live-prebuilt.c: traces built while their request is decoded.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writer stores a trace complete in its batch and new to the project
 * at once (errata-live-writer-store.c), and it was building those on the
 * builder threads while it waited: building and writing took turns, and
 * the receiver kept 1.4 to 1.5 of the 2 processors busy (bench/README.md). Most
 * of those traces come whole in one request, so their decoding thread
 * builds them already, in parallel with the writer's inserts; the writer
 * takes such a build only when the spans it would build from are the very
 * ones it was made of, so the conversation is the same either way.
 *
 * A trace whose earlier spans the writer holds is not built here: its
 * root alone would make a build the writer throws away (an exporter's
 * batch timer often sends the children a request before their root).
 * What the writer holds lags its queue: children still queued when
 * their root's request is decoded are not known yet, and that build is
 * thrown away (rightly: it is not of all the spans).
 */

#include "config.h"

#include "errata-live-prebuilt.h"

void
errata_live_prebuilt_free (ErrataLivePrebuilt *prebuilt)
{
  if (prebuilt == NULL)
    return;
  g_clear_pointer (&prebuilt->order, g_ptr_array_unref);
  g_clear_pointer (&prebuilt->built, errata_live_built_free);
  g_free (prebuilt);
}

/* The spans of each trace of the request, in its order. */
static GHashTable *
spans_by_trace (GPtrArray *spans)
{
  GHashTable *by_trace = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                (GDestroyNotify)g_ptr_array_unref);

  for (guint i = 0; i < spans->len; i++)
    {
      ErrataLiveSpan *span = spans->pdata[i];
      GPtrArray *of_trace = g_hash_table_lookup (by_trace, span->trace_id);

      if (of_trace == NULL)
        {
          of_trace = g_ptr_array_new ();
          g_hash_table_insert (by_trace, span->trace_id, of_trace);
        }
      g_ptr_array_add (of_trace, span);
    }
  return by_trace;
}

/* A trace to build: its root and the objects to build it from. */
static ErrataLivePrebuilt *
prepare_trace (ErrataLiveSpan *root,
               GPtrArray      *of_trace)
{
  ErrataLivePrebuilt *prebuilt = g_new0 (ErrataLivePrebuilt, 1);

  /* A span sent twice in the request counts once, as the writer's items
   * and the journal keep it. */
  errata_live_spans_mark_repeats (of_trace);
  prebuilt->root = root;
  prebuilt->order = g_ptr_array_sized_new (of_trace->len);
  for (guint i = 0; i < of_trace->len; i++)
    {
      ErrataLiveSpan *span = of_trace->pdata[i];

      if (span->journaled)
        g_ptr_array_add (prebuilt->order, span->flat);
    }
  return prebuilt;
}

static void
build_prepared (ErrataLivePrebuilt *prebuilt)
{
  /* The build sorts what it is given: `order` stays the arrival order. */
  g_autoptr(GPtrArray) items = g_ptr_array_copy (prebuilt->order, NULL, NULL);

  prebuilt->built = errata_live_journal_build (prebuilt->root->trace_id, items);
}

/* One exporter keeps one request in flight (bench/README.md, "What
 * exporters send"): its decoding thread alone built the 128 traces of a
 * 512-span batch while the other processor waited. So a request's traces
 * are shared with helper threads when fewer threads are building than
 * there are processors; with many exporters, each request keeps its own. */
#define MIN_TRACES_TO_SHARE 32

static gint n_building;   /* threads building a request's traces now */

/* A request's traces, taken one at a time by its decoding thread and its
 * helpers, so that no thread waits for a share another has not begun: a
 * helper that starts late (or never, if no thread could be made) finds
 * nothing left, and the decoding thread waits only for builds under way.
 * Freed by whoever is last. */
typedef struct
{
  ErrataLivePrebuilt **traces;   /* a copy of the request's array */
  guint                n_traces;
  gint                 next;     /* the next trace to take */
  gint                 refs;
  GMutex               mutex;
  GCond                cond;
  guint                n_built;
} Shared;

static void
shared_unref (Shared *shared)
{
  if (!g_atomic_int_dec_and_test (&shared->refs))
    return;
  g_mutex_clear (&shared->mutex);
  g_cond_clear (&shared->cond);
  g_free (shared->traces);
  g_free (shared);
}

/* Builds traces until none is left to take. */
static void
take_and_build (Shared *shared)
{
  guint i;

  while ((i = (guint)g_atomic_int_add (&shared->next, 1)) < shared->n_traces)
    {
      build_prepared (shared->traces[i]);
      g_mutex_lock (&shared->mutex);
      if (++shared->n_built == shared->n_traces)
        g_cond_signal (&shared->cond);
      g_mutex_unlock (&shared->mutex);
    }
}

static void
help_build (gpointer data,
            gpointer user_data)
{
  Shared *shared = data;

  g_atomic_int_inc (&n_building);
  take_and_build (shared);
  g_atomic_int_add (&n_building, -1);
  shared_unref (shared);
}

static GThreadPool *
helpers (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (help_build, NULL, (gint)g_get_num_processors (), FALSE, NULL));
  return pool;
}

/* How many helpers may take a share: the processors nobody builds on. */
static guint
idle_processors (guint n_traces)
{
  guint n_processors = g_get_num_processors ();
  guint busy = (guint)g_atomic_int_get (&n_building);

  return n_traces >= MIN_TRACES_TO_SHARE && busy < n_processors ? n_processors - busy : 0;
}

static void
build_all (GPtrArray *prebuilt)
{
  Shared *shared;
  guint n_helpers;

  g_atomic_int_inc (&n_building);
  n_helpers = idle_processors (prebuilt->len);
  if (n_helpers == 0)
    {
      for (guint i = 0; i < prebuilt->len; i++)
        build_prepared (prebuilt->pdata[i]);
      g_atomic_int_add (&n_building, -1);
      return;
    }
  shared = g_new0 (Shared, 1);
  shared->traces = g_memdup2 (prebuilt->pdata, prebuilt->len * sizeof (gpointer));
  shared->n_traces = prebuilt->len;
  shared->refs = (gint)n_helpers + 1;
  g_mutex_init (&shared->mutex);
  g_cond_init (&shared->cond);
  /* One task a helper, not one a trace: a request takes at most as many
   * threads as there were free processors. */
  for (guint i = 0; i < n_helpers; i++)
    g_thread_pool_push (helpers (), shared, NULL);
  take_and_build (shared);
  g_atomic_int_add (&n_building, -1);
  g_mutex_lock (&shared->mutex);
  while (shared->n_built < shared->n_traces)
    g_cond_wait (&shared->cond, &shared->mutex);
  g_mutex_unlock (&shared->mutex);
  shared_unref (shared);
}

GPtrArray *
errata_live_prebuild (GPtrArray                *spans,
                      ErrataLiveTraceKnownFunc  known,
                      gpointer                  user_data)
{
  g_autoptr(GHashTable) by_trace = NULL;
  GPtrArray *prebuilt = NULL;

  for (guint i = 0; i < spans->len; i++)
    {
      ErrataLiveSpan *span = spans->pdata[i];
      GPtrArray *of_trace;

      if (!span->root || span->flat == NULL)
        continue;
      if (by_trace == NULL)
        by_trace = spans_by_trace (spans);
      /* Taken out: a trace with two roots is built once. */
      if (!g_hash_table_steal_extended (by_trace, span->trace_id, NULL, (gpointer *)&of_trace))
        continue;
      if (!known (span->trace_id, user_data))
        {
          if (prebuilt == NULL)
            prebuilt = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_live_prebuilt_free);
          g_ptr_array_add (prebuilt, prepare_trace (span, of_trace));
        }
      g_ptr_array_unref (of_trace);
    }
  if (prebuilt != NULL)
    build_all (prebuilt);
  return prebuilt;
}

ErrataLiveBuilt *
errata_live_prebuilt_take_built (ErrataLivePrebuilt *prebuilt,
                                 GPtrArray          *items)
{
  if (items == NULL || items->len != prebuilt->order->len)
    return NULL;
  for (guint i = 0; i < items->len; i++)
    if (items->pdata[i] != prebuilt->order->pdata[i])
      return NULL;
  return g_steal_pointer (&prebuilt->built);
}
