/* errata-live-bin.c: what a decoding thread parsed, freed by that thread.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request's spans are parsed on the thread that decodes it and freed
 * once the writer has stored their trace. glibc gives each thread an arena
 * of its own, and free() takes the lock of the arena the block came from:
 * freed on the sweeper, every block of a span went back under the lock
 * the decoding thread was taking for its next request's blocks, and both
 * threads slept on it thousands of times a second (bench/README.md, "Spans
 * freed by the thread that parsed them"). So the writer gives a stored
 * trace's spans to the bin of the thread that parsed them, and that thread
 * empties its bin when it decodes its next request: its own blocks, back
 * to its own arena and caches, without waiting for anyone.
 *
 * A bin holds at most MAX_SPANS spans, and all bins together at most
 * MAX_ALL_SPANS (a span of an LLM call carries its prompt: kilobytes):
 * past that (a thread that decodes seldom, many threads) the writer gives
 * them to the sweeper as before. When the receiver has had nothing to do
 * for a while the sweeper empties every bin (errata_live_bin_empty_all),
 * so memory goes back after a burst; a thread that ends empties its own,
 * and its bin goes to the next new thread.
 */

#include "config.h"

#include "errata-live-bin.h"

#define MAX_SPANS 2048
#define MAX_ALL_SPANS 8192

struct _ErrataLiveBin
{
  GMutex     mutex;
  GPtrArray *items;     /* what to free, with their free functions */
  GArray    *frees;     /* GDestroyNotify, one for each of `items` */
  guint      n_spans;
};

/* Every bin, for errata_live_bin_empty_all(). A bin is never freed, so
 * one given to stays valid whatever its thread does: a thread that ends
 * leaves it to the next new thread (`unowned`), so there are never more
 * bins than threads that decode at once. */
static GMutex bins_mutex;
static GPtrArray *bins;
static GPtrArray *unowned;
/* Spans in all bins; changed under each bin's lock. */
static gint all_spans;

static void empty (ErrataLiveBin *bin);

static void
thread_ended (gpointer data)
{
  ErrataLiveBin *bin = data;

  empty (bin);
  g_mutex_lock (&bins_mutex);
  g_ptr_array_add (unowned, bin);
  g_mutex_unlock (&bins_mutex);
}

static GPrivate this_thread_bin = G_PRIVATE_INIT (thread_ended);

static ErrataLiveBin *
bin_new (void)
{
  ErrataLiveBin *bin = g_new0 (ErrataLiveBin, 1);

  g_mutex_init (&bin->mutex);
  bin->items = g_ptr_array_new ();
  bin->frees = g_array_new (FALSE, FALSE, sizeof (GDestroyNotify));
  g_ptr_array_add (bins, bin);
  return bin;
}

ErrataLiveBin *
errata_live_bin_of_this_thread (void)
{
  ErrataLiveBin *bin = g_private_get (&this_thread_bin);

  if (bin != NULL)
    return bin;
  g_mutex_lock (&bins_mutex);
  if (bins == NULL)
    {
      bins = g_ptr_array_new ();
      unowned = g_ptr_array_new ();
    }
  bin = unowned->len > 0 ? g_ptr_array_steal_index_fast (unowned, unowned->len - 1) : bin_new ();
  g_mutex_unlock (&bins_mutex);
  g_private_set (&this_thread_bin, bin);
  return bin;
}

gboolean
errata_live_bin_give (ErrataLiveBin  *bin,
                      gpointer        item,
                      GDestroyNotify  free_func,
                      guint           n_spans)
{
  gboolean taken = FALSE;

  g_mutex_lock (&bin->mutex);
  if (bin->n_spans + n_spans <= MAX_SPANS)
    {
      /* Counted first (another bin may be given to meanwhile), and taken
       * back when all bins together would hold too many. */
      guint before = (guint)g_atomic_int_add (&all_spans, (gint)n_spans);

      taken = before + n_spans <= MAX_ALL_SPANS;
      if (!taken)
        g_atomic_int_add (&all_spans, -(gint)n_spans);
    }
  if (taken)
    {
      g_ptr_array_add (bin->items, item);
      g_array_append_val (bin->frees, free_func);
      bin->n_spans += n_spans;
    }
  g_mutex_unlock (&bin->mutex);
  return taken;
}

static void
empty (ErrataLiveBin *bin)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) frees = NULL;

  g_mutex_lock (&bin->mutex);
  if (bin->items->len > 0)
    {
      items = g_steal_pointer (&bin->items);
      frees = g_steal_pointer (&bin->frees);
      bin->items = g_ptr_array_new ();
      bin->frees = g_array_new (FALSE, FALSE, sizeof (GDestroyNotify));
      g_atomic_int_add (&all_spans, -(gint)bin->n_spans);
      bin->n_spans = 0;
    }
  g_mutex_unlock (&bin->mutex);
  /* Freed outside the lock: the writer may give meanwhile. */
  for (guint i = 0; items != NULL && i < items->len; i++)
    g_array_index (frees, GDestroyNotify, i) (items->pdata[i]);
}

void
errata_live_bin_empty_mine (void)
{
  ErrataLiveBin *bin = g_private_get (&this_thread_bin);

  if (bin != NULL)
    empty (bin);
}

void
errata_live_bin_empty_all (void)
{
  g_autoptr(GPtrArray) all = NULL;

  g_mutex_lock (&bins_mutex);
  if (bins != NULL)
    all = g_ptr_array_copy (bins, NULL, NULL);
  g_mutex_unlock (&bins_mutex);
  for (guint i = 0; all != NULL && i < all->len; i++)
    empty (all->pdata[i]);
}
