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
#include "errata-project.h"
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
  /* Optional: the expected cost of one trace from its stored sizes
   * alone, without reading it (a run's estimate of 100,000 traces read
   * them all only to count the characters of their prompts). */
  void                (*estimate_sizes)  (ErrataEvalMethod       *self,
                                          const ErrataTraceSizes *sizes,
                                          ErrataEvalEstimate     *estimate);
  /* Optional: the writes to the project a method makes besides its
   * outcomes (an LLM judge's reply cache) wait, from hold_writes until
   * release_writes, for write_held, which a run calls inside the
   * transaction that commits a batch of verdicts: one commit a batch,
   * and a cached reply is committed with the verdict it gave. */
  void                (*hold_writes)     (ErrataEvalMethod     *self);
  gboolean            (*write_held)      (ErrataEvalMethod     *self,
                                          GError              **error);
  gboolean            (*release_writes)  (ErrataEvalMethod     *self,
                                          GError              **error);
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
gboolean           errata_eval_method_can_estimate    (ErrataEvalMethod    *self);
gboolean           errata_eval_method_estimate_sizes  (ErrataEvalMethod       *self,
                                                       const ErrataTraceSizes *sizes,
                                                       ErrataEvalEstimate     *estimate);
void               errata_eval_method_hold_writes     (ErrataEvalMethod    *self);
gboolean           errata_eval_method_write_held      (ErrataEvalMethod    *self,
                                                       GError             **error);
gboolean           errata_eval_method_release_writes  (ErrataEvalMethod    *self,
                                                       GError             **error);

G_END_DECLS
