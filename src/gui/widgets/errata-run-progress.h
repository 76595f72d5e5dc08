/* errata-run-progress.h: a page's long run on screen: a progress bar per
 * phase with Cancel beside it, the status line under it, and the outcome
 * in the page's toast (the Synthetic Data and Experiments pages).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_RUN_PROGRESS (errata_run_progress_get_type ())

G_DECLARE_FINAL_TYPE (ErrataRunProgress, errata_run_progress, ERRATA, RUN_PROGRESS, GtkWidget)

GtkWidget    *errata_run_progress_new             (void);

/* Shows the bar (empty, with @text) and keeps @cancellable until
 * _stop() or _finish(). */
void          errata_run_progress_start           (ErrataRunProgress *self,
                                                   GCancellable      *cancellable,
                                                   const char        *text);
/* A phase's progress: @fraction of it done, @text says what. */
void          errata_run_progress_update          (ErrataRunProgress *self,
                                                   double             fraction,
                                                   const char        *text);
/* Cancels the run (the Cancel button's action calls this); the bar says
 * so until the run ends. */
void          errata_run_progress_cancel          (ErrataRunProgress *self);
/* Hides the bar and lets the cancellable go. */
void          errata_run_progress_stop            (ErrataRunProgress *self);
/* _stop(), then says @message; when the run stored traces, every page
 * reads them again (win.reload-pages). */
void          errata_run_progress_finish          (ErrataRunProgress *self,
                                                   const char        *message,
                                                   gboolean           stored_traces);
/* The status line and the toast (hidden for NULL or ""). */
void          errata_run_progress_say             (ErrataRunProgress *self,
                                                   const char        *message);
/* The status line only: a toast still showing times out by itself. */
void          errata_run_progress_set_status      (ErrataRunProgress *self,
                                                   const char        *message);

gboolean      errata_run_progress_is_running      (ErrataRunProgress *self);
GCancellable *errata_run_progress_get_cancellable (ErrataRunProgress *self);

G_END_DECLS
