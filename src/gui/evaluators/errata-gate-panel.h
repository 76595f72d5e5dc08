/* errata-gate-panel.h: the alignment gate of one target beside a judge's
 * metrics: how much the reviewers agree (AC1, its interval, the shared
 * traces), the project's threshold (settable here), a banner when they
 * agree too little for any judge to be validated, and the alternative
 * annotator test of the run shown.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-alignment-gate.h"
#include "errata-workspace.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_GATE_PANEL (errata_gate_panel_get_type ())

G_DECLARE_FINAL_TYPE (ErrataGatePanel, errata_gate_panel, ERRATA, GATE_PANEL, GtkWidget)

GtkWidget      *errata_gate_panel_new             (void);
/* Measures @target and tests @run_id's verdicts (0: no run); again
 * whenever the threshold changes. Notifies "blocked". */
void            errata_gate_panel_set_target      (ErrataGatePanel *self,
                                                   ErrataWorkspace *workspace,
                                                   gint64           target,
                                                   gint64           run_id);
/* The judge's metrics cannot be trusted: the gate is blocked. */
gboolean        errata_gate_panel_get_blocked     (ErrataGatePanel *self);
/* For tests: the state and the texts shown ("" when none). */
ErrataGateState errata_gate_panel_get_state       (ErrataGatePanel *self);
const char     *errata_gate_panel_get_banner_text (ErrataGatePanel *self);
const char     *errata_gate_panel_get_agreement_text (ErrataGatePanel *self);
const char     *errata_gate_panel_get_alt_test_text  (ErrataGatePanel *self);
/* Sets the project's threshold as the spin button does. */
gboolean        errata_gate_panel_set_threshold   (ErrataGatePanel *self,
                                                   double           threshold,
                                                   GError         **error);

G_END_DECLS
