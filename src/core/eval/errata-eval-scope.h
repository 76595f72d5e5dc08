/* errata-eval-scope.h: which traces a scope holds for a target, now.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-eval-types.h"
#include "errata-project.h"

G_BEGIN_DECLS

GArray *errata_eval_scope_resolve (ErrataProject    *project,
                                   gint64            target,
                                   ErrataEvalScope   scope,
                                   GArray           *ids,
                                   GError          **error);

G_END_DECLS
