/* errata-synth-page.h: the Synthetic Data page: the dimensions and the
 * tuples' coverage, the queries to accept or reject (near-duplicates
 * marked), a run of the accepted ones through the project's target with
 * progress and Cancel, and the failure rate per dimension value as a heat
 * map.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-workspace.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_SYNTH_PAGE (errata_synth_page_get_type ())

G_DECLARE_FINAL_TYPE (ErrataSynthPage, errata_synth_page, ERRATA, SYNTH_PAGE, GtkWidget)

GtkWidget *errata_synth_page_new        (ErrataWorkspace *workspace);
/* Reads the project again (the window calls it when the page is shown). */
void       errata_synth_page_reload     (ErrataSynthPage *self);
/* Whether a run is under way. */
gboolean   errata_synth_page_is_running (ErrataSynthPage *self);

G_END_DECLS
