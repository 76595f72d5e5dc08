/* errata-eval-method.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-eval-method.h"

G_DEFINE_INTERFACE (ErrataEvalMethod, errata_eval_method, G_TYPE_OBJECT)

static void
errata_eval_method_default_init (ErrataEvalMethodInterface *iface)
{
}

void
errata_eval_method_evaluate_async (ErrataEvalMethod    *self,
                                   ErrataTrace         *trace,
                                   ErrataEvalFlags      flags,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (ERRATA_IS_EVAL_METHOD (self));
  g_return_if_fail (ERRATA_IS_TRACE (trace));

  ERRATA_EVAL_METHOD_GET_IFACE (self)->evaluate_async (self, trace, flags, cancellable,
                                                       callback, user_data);
}

ErrataEvalOutcome *
errata_eval_method_evaluate_finish (ErrataEvalMethod  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (ERRATA_IS_EVAL_METHOD (self), NULL);

  return ERRATA_EVAL_METHOD_GET_IFACE (self)->evaluate_finish (self, result, error);
}

guint
errata_eval_method_get_concurrency (ErrataEvalMethod *self)
{
  ErrataEvalMethodInterface *iface;

  g_return_val_if_fail (ERRATA_IS_EVAL_METHOD (self), 1);

  iface = ERRATA_EVAL_METHOD_GET_IFACE (self);
  return iface->get_concurrency != NULL ? MAX (iface->get_concurrency (self), 1) : 1;
}

void
errata_eval_method_estimate (ErrataEvalMethod   *self,
                             ErrataTrace        *trace,
                             ErrataEvalEstimate *estimate)
{
  ErrataEvalMethodInterface *iface;

  g_return_if_fail (ERRATA_IS_EVAL_METHOD (self));
  g_return_if_fail (estimate != NULL);

  *estimate = (ErrataEvalEstimate) { 0, };
  iface = ERRATA_EVAL_METHOD_GET_IFACE (self);
  if (iface->estimate != NULL)
    iface->estimate (self, trace, estimate);
}

/* Where the method sends trace text; NULL when nothing leaves. */
const char *
errata_eval_method_get_base_url (ErrataEvalMethod *self)
{
  ErrataEvalMethodInterface *iface;

  g_return_val_if_fail (ERRATA_IS_EVAL_METHOD (self), NULL);

  iface = ERRATA_EVAL_METHOD_GET_IFACE (self);
  return iface->get_base_url != NULL ? iface->get_base_url (self) : NULL;
}

/* Whether the method has any estimate (a code check costs nothing). */
gboolean
errata_eval_method_can_estimate (ErrataEvalMethod *self)
{
  ErrataEvalMethodInterface *iface;

  g_return_val_if_fail (ERRATA_IS_EVAL_METHOD (self), FALSE);

  iface = ERRATA_EVAL_METHOD_GET_IFACE (self);
  return iface->estimate != NULL || iface->estimate_sizes != NULL;
}

/* FALSE (and zeros) when the method cannot estimate from sizes alone:
 * the caller reads the trace and calls errata_eval_method_estimate(). */
gboolean
errata_eval_method_estimate_sizes (ErrataEvalMethod       *self,
                                   const ErrataTraceSizes *sizes,
                                   ErrataEvalEstimate     *estimate)
{
  ErrataEvalMethodInterface *iface;

  g_return_val_if_fail (ERRATA_IS_EVAL_METHOD (self), FALSE);
  g_return_val_if_fail (sizes != NULL && estimate != NULL, FALSE);

  *estimate = (ErrataEvalEstimate) { 0, };
  iface = ERRATA_EVAL_METHOD_GET_IFACE (self);
  if (iface->estimate_sizes == NULL)
    return FALSE;
  iface->estimate_sizes (self, sizes, estimate);
  return TRUE;
}

void
errata_eval_method_hold_writes (ErrataEvalMethod *self)
{
  ErrataEvalMethodInterface *iface;

  g_return_if_fail (ERRATA_IS_EVAL_METHOD (self));

  iface = ERRATA_EVAL_METHOD_GET_IFACE (self);
  if (iface->hold_writes != NULL)
    iface->hold_writes (self);
}

/* Inside the caller's transaction. */
gboolean
errata_eval_method_write_held (ErrataEvalMethod  *self,
                               GError           **error)
{
  ErrataEvalMethodInterface *iface;

  g_return_val_if_fail (ERRATA_IS_EVAL_METHOD (self), FALSE);

  iface = ERRATA_EVAL_METHOD_GET_IFACE (self);
  return iface->write_held == NULL || iface->write_held (self, error);
}

/* Writes what is still held (in a transaction of its own) and stops
 * holding. */
gboolean
errata_eval_method_release_writes (ErrataEvalMethod  *self,
                                   GError           **error)
{
  ErrataEvalMethodInterface *iface;

  g_return_val_if_fail (ERRATA_IS_EVAL_METHOD (self), FALSE);

  iface = ERRATA_EVAL_METHOD_GET_IFACE (self);
  return iface->release_writes == NULL || iface->release_writes (self, error);
}
