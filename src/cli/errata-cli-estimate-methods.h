/* errata-cli-estimate-methods.h: `errata-cli estimate --method` and
 * `--target-half-width`: PPI++ beside the corrected rate, and a label
 * budget, for the file form of the command.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "errata-alignment.h"
#include "errata-corrected-rate.h"

G_BEGIN_DECLS

typedef enum
{
  ERRATA_CLI_METHOD_ROGAN_GLADEN = 1 << 0,
  ERRATA_CLI_METHOD_PPI          = 1 << 1,
  ERRATA_CLI_METHOD_BOTH         = ERRATA_CLI_METHOD_ROGAN_GLADEN | ERRATA_CLI_METHOD_PPI,
} ErrataCliMethod;

/* What the file form read and, when it was asked for, the corrected rate. */
typedef struct
{
  ErrataCliMethod            method;
  const ErrataConfusion     *test;
  guint                      unlabeled_pass;
  guint                      unlabeled_fail;
  double                     level;
  double                     target_half_width;  /* 0: no budget */
  const ErrataCorrectedRate *rate;               /* NULL without ROGAN_GLADEN */
} ErrataCliEstimateInput;

/* "rogan-gladen", "ppi" or "both"; FALSE for anything else. */
gboolean errata_cli_method_parse        (const char                   *text,
                                         ErrataCliMethod              *method);
/* Prints PPI++ (when asked), the comparison and the budget after the
 * corrected rate; FALSE when PPI alone was asked for and it cannot be
 * computed (the message printed). */
gboolean errata_cli_estimate_print_more (const ErrataCliEstimateInput *input);
/* The same as members of the JSON object being built. */
gboolean errata_cli_estimate_add_more   (const ErrataCliEstimateInput *input,
                                         JsonBuilder                  *builder);

G_END_DECLS
