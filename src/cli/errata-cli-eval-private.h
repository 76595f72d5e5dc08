/* errata-cli-eval-private.h: what the `eval` commands share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "errata-alignment.h"
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

int      _errata_cli_eval_run           (int                      argc,
                                         char                   **argv);
int      _errata_cli_eval_metrics       (int                      argc,
                                         char                   **argv);
int      _errata_cli_eval_verdicts      (int                      argc,
                                         char                   **argv);

G_END_DECLS
