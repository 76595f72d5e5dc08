/* errata-cli-estimate.h: `errata-cli estimate`, the corrected pass rate.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "estimate". Two forms share the command:
 *
 *   errata-cli estimate --test-labels F --test-preds F --unlabeled-preds F
 *                       [--iterations N] [--seed S] [--confidence C] [--json]
 *                       [--method rogan-gladen|ppi|both] [--target-half-width W]
 *     judgy's estimate_success_rate on plain files (one verdict a line);
 *     --method adds PPI++ (errata-cli-estimate-methods.h), and
 *     --target-half-width a label budget;
 *   errata-cli estimate PROJECT NAME [--min-pass-rate X]
 *     the same on an evaluator's runs in a project: any positional argument
 *     hands the whole command line to errata_cli_estimate_project_main().
 *
 * Exit status: 0 the estimate was printed; 1 the data cannot give one (the
 * judge is no better than chance, TPR + TNR − 1 ≤ 0; no human pass or fail
 * among the test labels; no unlabeled verdict); 2 usage errors, unreadable
 * files, a line that is no verdict, test files of different lengths. */
int errata_cli_estimate              (int    argc,
                                      char **argv);


G_END_DECLS
