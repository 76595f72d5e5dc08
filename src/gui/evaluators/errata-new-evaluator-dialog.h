/* errata-new-evaluator-dialog.h: asks for a name, a target and a kind, and
 * creates an evaluator with a default definition that works.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-workspace.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_NEW_EVALUATOR_DIALOG (errata_new_evaluator_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ErrataNewEvaluatorDialog, errata_new_evaluator_dialog, ERRATA,
                      NEW_EVALUATOR_DIALOG, AdwWindow)

/* Modal over `from`'s window; `target` is preselected (0: overall). The
 * new evaluator's id goes to `from` through evaluators.changed. */
void errata_new_evaluator_dialog_present (GtkWidget       *from,
                                          ErrataWorkspace *workspace,
                                          gint64           target);

G_END_DECLS
