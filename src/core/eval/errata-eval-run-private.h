/* errata-eval-run-private.h: what the run store needs to know of the runs
 * going on in this process.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-project.h"

G_BEGIN_DECLS

char     *_errata_eval_run_owner          (void);
gboolean  _errata_eval_run_is_active_here (ErrataProject *project,
                                          gint64         run_id);

G_END_DECLS
