/* errata-test-panel.h: the end of the method for one evaluator: test the
 * finalized version once, estimate the true failure rate on unlabelled
 * traces, and see how stable the verdicts are over repeated runs.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-workspace.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_TEST_PANEL (errata_test_panel_get_type ())

G_DECLARE_FINAL_TYPE (ErrataTestPanel, errata_test_panel, ERRATA, TEST_PANEL, GtkWidget)

GtkWidget  *errata_test_panel_new            (void);
void        errata_test_panel_set_evaluator  (ErrataTestPanel *self,
                                              ErrataWorkspace *workspace,
                                              gint64           evaluator_id);
/* Read when the panel is on screen (at once if it is). For tests and
 * the page: the texts shown ("" when there is none). */
const char *errata_test_panel_get_test_text  (ErrataTestPanel *self);
const char *errata_test_panel_get_sentence   (ErrataTestPanel *self);
const char *errata_test_panel_get_flakiness  (ErrataTestPanel *self);
/* The blocked gate's warning, PPI++ beside the corrected rate, and the
 * line comparing them. */
const char *errata_test_panel_get_gate_text  (ErrataTestPanel *self);
const char *errata_test_panel_get_ppi_text   (ErrataTestPanel *self);
const char *errata_test_panel_get_compare_text (ErrataTestPanel *self);
guint       errata_test_panel_get_n_unstable (ErrataTestPanel *self);

G_END_DECLS
