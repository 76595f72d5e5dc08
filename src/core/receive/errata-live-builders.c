/* errata-live-builders.c: the live writer's helper threads.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writer thread is the receiver's ceiling: whatever need not touch
 * the project runs here. The builders (a thread a processor) build the
 * traces new to the project that their request's decoding did not
 * (errata-live-prebuilt.c: a trace whose spans came in several requests,
 * or that waited for its root) and make their rows' text, and make the
 * journal text of the spans that go through the journal; the writer waits
 * for each round, so that nothing it journals meanwhile can race a trace
 * being built. The sweeper frees what the writer is done with: freeing a
 * batch's parsed spans took a sixth of the writer's time.
 */

#include "config.h"

#include "errata-live-builders.h"
#include "errata-live-bin.h"

#ifdef __linux__
#include <sys/prctl.h>
#endif

/* Spans whose journal text one task makes. */
#define SPANS_PER_SLICE 32

struct _ErrataLiveBuilders
{
  GThreadPool *builders;
  GThreadPool *sweeper;
  GMutex       mutex;
  GCond        cond;
  guint        n_pending;
};

/* A trace to build, or (`spans` set) spans whose journal text to make. */
typedef struct
{
  ErrataLiveBuildJob *job;
  GPtrArray          *spans;
} Task;

/* GLib names every pool thread "pool": perf and gdb could not tell the
 * builders from the sweeper or the receiver's decoding. The pools are
 * exclusive, so a thread keeps the name it gives itself. At most 15
 * characters (the kernel's limit). */
static void
name_this_thread (const char *name)
{
#ifdef __linux__
  static _Thread_local gboolean named = FALSE;

  if (!named)
    prctl (PR_SET_NAME, name, 0, 0, 0);
  named = TRUE;
#endif
}

/* What the sweeper is given to empty every bin rather than an array. */
static char empty_bins_task;

static void
sweep (gpointer data,
       gpointer user_data)
{
  name_this_thread ("live-sweeper");
  if (data == &empty_bins_task)
    errata_live_bin_empty_all ();
  else
    g_ptr_array_unref (data);
}

static void
run_task (gpointer data,
          gpointer user_data)
{
  Task *task = data;
  ErrataLiveBuilders *self = user_data;

  name_this_thread ("live-builder");
  if (task->spans != NULL)
    {
      for (guint i = 0; i < task->spans->len; i++)
        errata_live_span_prepare_body (task->spans->pdata[i]);
      g_ptr_array_unref (task->spans);
    }
  else
    task->job->built = errata_live_journal_build (task->job->trace_id, task->job->items);
  g_free (task);
  g_mutex_lock (&self->mutex);
  if (--self->n_pending == 0)
    g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
}

ErrataLiveBuilders *
errata_live_builders_new (void)
{
  ErrataLiveBuilders *self = g_new0 (ErrataLiveBuilders, 1);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->builders = g_thread_pool_new (run_task, self, (gint)g_get_num_processors (), TRUE, NULL);
  self->sweeper = g_thread_pool_new (sweep, NULL, 1, TRUE, NULL);
  return self;
}

void
errata_live_builders_free (ErrataLiveBuilders *self)
{
  g_thread_pool_free (self->builders, FALSE, TRUE);
  g_thread_pool_free (self->sweeper, FALSE, TRUE);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

/* Called with the mutex held, after pushing the round's tasks. */
static void
wait_for_round (ErrataLiveBuilders *self)
{
  while (self->n_pending > 0)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);
}

static void
push (ErrataLiveBuilders *self,
      Task               *task)
{
  self->n_pending++;
  g_thread_pool_push (self->builders, task, NULL);
}

void
errata_live_builders_build (ErrataLiveBuilders *self,
                            GArray             *jobs)
{
  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < jobs->len; i++)
    {
      Task *task = g_new0 (Task, 1);

      task->job = &g_array_index (jobs, ErrataLiveBuildJob, i);
      push (self, task);
    }
  wait_for_round (self);
}

void
errata_live_builders_prepare_bodies (ErrataLiveBuilders *self,
                                     GPtrArray          *spans)
{
  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < spans->len; i += SPANS_PER_SLICE)
    {
      Task *task = g_new0 (Task, 1);
      guint n = MIN (SPANS_PER_SLICE, spans->len - i);

      task->spans = g_ptr_array_sized_new (n);
      for (guint j = i; j < i + n; j++)
        g_ptr_array_add (task->spans, spans->pdata[j]);
      push (self, task);
    }
  wait_for_round (self);
}

void
errata_live_builders_sweep (ErrataLiveBuilders *self,
                            GPtrArray          *array)
{
  g_thread_pool_push (self->sweeper, array, NULL);
}

void
errata_live_builders_empty_bins (ErrataLiveBuilders *self)
{
  g_thread_pool_push (self->sweeper, &empty_bins_task, NULL);
}
