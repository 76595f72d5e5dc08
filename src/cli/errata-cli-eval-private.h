/* errata-cli-eval-private.h: what the `eval` commands share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "errata-alignment.h"
#include "errata-eval-method.h"
#include "errata-eval-run.h"
#include "errata-evaluators.h"

G_BEGIN_DECLS

int      _errata_cli_eval_fail_error    (GError                  *error);
gboolean _errata_cli_eval_lookup        (ErrataProject           *project,
                                         const char              *name,
                                         guint                    number,
                                         ErrataEvaluator        **evaluator,
                                         ErrataEvaluatorVersion **version,
                                         GError                 **error);
void     _errata_cli_eval_print_json    (JsonNode                *node);
char    *_errata_cli_eval_format_time   (gint64                   usec);
void     _errata_cli_eval_add_rate_json (JsonBuilder             *builder,
                                         const char              *name,
                                         double                   value,
                                         const ErrataInterval    *interval,
                                         gboolean                 defined);

/* errata-cli-eval-batch.c */
gboolean _errata_cli_eval_batch_check_cost (ErrataEvalRun           *run,
                                            double                   max_cost,
                                            GError                 **error);
gboolean _errata_cli_eval_batch_check_live (ErrataProject           *project,
                                            gint64                   run_id,
                                            GError                 **error);
int      _errata_cli_eval_batch_status     (ErrataProject           *project,
                                            ErrataEvaluator         *evaluator,
                                            gint64                   run_id,
                                            gboolean                 as_json);
gboolean _errata_cli_eval_batch_execute    (ErrataEvalRun           *run,
                                            ErrataEvalMethod        *method,
                                            gboolean                 progress,
                                            double                   poll_seconds,
                                            guint                    batch_size,
                                            gboolean                 cancel,
                                            GError                 **error);

int      _errata_cli_eval_run           (int                      argc,
                                         char                   **argv);
int      _errata_cli_eval_metrics       (int                      argc,
                                         char                   **argv);
int      _errata_cli_eval_verdicts      (int                      argc,
                                         char                   **argv);

G_END_DECLS
