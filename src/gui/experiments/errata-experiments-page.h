/* errata-experiments-page.h: the Experiments page: experiments and their
 * variants (what each changes), Run with progress and Cancel, and the
 * comparison of a candidate with a baseline per failure mode (rates with
 * intervals, the paired difference, McNemar, a chart), cost beside
 * quality, and the queries that flipped.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-workspace.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_EXPERIMENTS_PAGE (errata_experiments_page_get_type ())

G_DECLARE_FINAL_TYPE (ErrataExperimentsPage, errata_experiments_page, ERRATA, EXPERIMENTS_PAGE,
                      GtkWidget)

GtkWidget *errata_experiments_page_new        (ErrataWorkspace       *workspace);
/* Reads the project again (the window calls it when the page is shown). */
void       errata_experiments_page_reload     (ErrataExperimentsPage *self);
/* Whether a variant is running. */
gboolean   errata_experiments_page_is_running (ErrataExperimentsPage *self);

G_END_DECLS
