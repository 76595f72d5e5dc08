/* errata-evaluator-method.h: from a stored evaluator version to the method
 * that runs it (a code check, a command, an LLM judge).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "errata-eval-method.h"
#include "errata-evaluators.h"
#include "errata-llm-client.h"
#include "errata-project.h"

G_BEGIN_DECLS

gboolean          errata_evaluator_method_validate (const char                   *kind,
                                                    JsonObject                   *definition,
                                                    GError                      **error);
gboolean          errata_evaluator_method_needs_llm (const char                  *kind);
ErrataEvalMethod *errata_evaluator_method_new      (ErrataProject                *project,
                                                    const ErrataEvaluator        *evaluator,
                                                    const ErrataEvaluatorVersion *version,
                                                    ErrataLlmClient              *client,
                                                    GError                      **error);
gboolean          errata_evaluator_method_grant_trust (ErrataProject             *project,
                                                    const ErrataEvaluator        *evaluator,
                                                    const ErrataEvaluatorVersion *version,
                                                    GError                      **error);

G_END_DECLS
