/* errata-eval-run-private.h: what the run store needs to know of the runs
 * going on in this process, and what the files of ErrataEvalRun share
 * (errata-eval-run.c drives a live run, errata-eval-run-store.c writes a
 * run and its verdicts, errata-eval-batch.c drives a run through a
 * provider's Batch API with the same bookkeeping).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-eval-run.h"
#include "errata-project.h"

G_BEGIN_DECLS

typedef struct
{
  gint64             trace_id;
  ErrataEvalOutcome *outcome;
} Pending;

struct _ErrataEvalRun
{
  GObject             parent_instance;

  ErrataProject      *project;
  ErrataEvalMethod   *method;
  gint64              version_id;
  ErrataEvalScope     scope;
  GArray             *scope_ids;     /* every trace the run set out to judge */
  GArray             *todo;          /* those still without a verdict */
  guint               next;          /* into todo */
  GPtrArray          *page;          /* the traces of todo from next on, read a page at a time */
  guint               page_pos;      /* into page: the trace of todo[next], or past the end */
  guint               page_end;      /* into todo: past the ids of page */
  GPtrArray          *ahead;         /* the page after it, read while requests are out */
  guint               ahead_start;   /* into todo: the first id of ahead */
  guint               ahead_source;
  gboolean            holding;       /* the method's writes wait for the batches' commits */
  guint               in_flight;
  guint               unrecorded;    /* outcomes in hand, launching the next before recording */
  double              in_flight_estimate;
  gint64              run_id;        /* 0 until started */
  gboolean            resuming;
  double              max_cost;
  char               *forced_reason;
  gint64              repeat_of;
  gboolean            bypass_cache;
  guint               batch_size;

  ErrataEvalProgress  progress;
  GArray             *pending;       /* of Pending, not yet committed */
  guint               flush_source;
  GTask              *task;
  gboolean            stopping;
  ErrataRunStatus     status;
  char               *message;
  GError             *fatal;
};

char     *_errata_eval_run_owner          (void);
gboolean  _errata_eval_run_is_active_here (ErrataProject *project,
                                          gint64         run_id);

/* errata-eval-run-store.c */
gboolean  _errata_eval_run_insert         (ErrataEvalRun  *self,
                                           GError        **error);
gboolean  _errata_eval_run_reopen         (ErrataEvalRun  *self,
                                           GError        **error);
gboolean  _errata_eval_run_check_no_batches (ErrataEvalRun  *self,
                                             GError        **error);
gboolean  _errata_eval_run_flush          (ErrataEvalRun  *self,
                                           gboolean        ended,
                                           GError        **error);
gboolean  _errata_eval_run_stop_holding   (ErrataEvalRun  *self,
                                           GError        **error);

/* errata-eval-run-pages.c */
ErrataTrace *_errata_eval_run_peek_trace  (ErrataEvalRun  *self,
                                           GError        **error);

/* errata-eval-run.c, for a run driven from outside (a batch run) */
gboolean  _errata_eval_run_open           (ErrataEvalRun      *self,
                                           GError            **error);
void      _errata_eval_run_record         (ErrataEvalRun      *self,
                                           gint64              trace_id,
                                           ErrataEvalOutcome  *outcome);
gboolean  _errata_eval_run_close          (ErrataEvalRun      *self,
                                           ErrataRunStatus     status,
                                           const char         *message,
                                           GError            **error);

G_END_DECLS
