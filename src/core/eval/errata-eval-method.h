/* errata-eval-method.h: one way of judging a trace, whatever it is made of.
 *
 * A code check, an external command and an LLM judge each implement this
 * interface; the run (errata-eval-run) only knows it, so that it keeps
 * the same bookkeeping (batches, resume, progress, cost limit, cancel)
 * for every kind.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-eval-types.h"
#include "errata-trace.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_EVAL_METHOD (errata_eval_method_get_type ())

G_DECLARE_INTERFACE (ErrataEvalMethod, errata_eval_method, ERRATA, EVAL_METHOD, GObject)

typedef enum
{
  ERRATA_EVAL_FLAGS_NONE         = 0,
  /* A repeat of a run (flakiness): ask again, never answer from a cache. */
  ERRATA_EVAL_FLAGS_BYPASS_CACHE = 1 << 0,
} ErrataEvalFlags;

/* What one trace is expected to cost before it runs (zeros for code). */
typedef struct
{
  gint64 tokens_in;
  gint64 tokens_out;
  double cost;        /* US dollars; 0 when the model has no known price */
} ErrataEvalEstimate;

struct _ErrataEvalMethodInterface
{
  GTypeInterface parent_iface;

  /* Required. The outcome of a trace that could not be judged (a reply
   * that never came, a command that crashed, a bad regex subject) is an
   * ERRATA_JUDGE_ERROR outcome, not a GError: finish fails only when the
   * evaluation was cancelled or the method cannot run at all. */
  void                (*evaluate_async)  (ErrataEvalMethod     *self,
                                          ErrataTrace          *trace,
                                          ErrataEvalFlags       flags,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
  ErrataEvalOutcome  *(*evaluate_finish) (ErrataEvalMethod     *self,
                                          GAsyncResult         *result,
                                          GError              **error);

  /* Optional: how many evaluations may be in flight at once (default 1). */
  guint               (*get_concurrency) (ErrataEvalMethod     *self);
  /* Optional: the expected cost of one trace (default: nothing). */
  void                (*estimate)        (ErrataEvalMethod     *self,
                                          ErrataTrace          *trace,
                                          ErrataEvalEstimate   *estimate);
  /* Optional: the base URL of the service the method sends trace text to
   * (an LLM provider's), NULL when no trace text leaves this process.
   * errata_eval_run_check() asks the project's consent for it. */
  const char         *(*get_base_url)    (ErrataEvalMethod     *self);
};

void               errata_eval_method_evaluate_async  (ErrataEvalMethod    *self,
                                                       ErrataTrace         *trace,
                                                       ErrataEvalFlags      flags,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
ErrataEvalOutcome *errata_eval_method_evaluate_finish (ErrataEvalMethod    *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
guint              errata_eval_method_get_concurrency (ErrataEvalMethod    *self);
void               errata_eval_method_estimate        (ErrataEvalMethod    *self,
                                                       ErrataTrace         *trace,
                                                       ErrataEvalEstimate  *estimate);
const char        *errata_eval_method_get_base_url    (ErrataEvalMethod    *self);

G_END_DECLS
