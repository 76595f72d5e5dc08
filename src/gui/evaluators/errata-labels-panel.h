/* errata-labels-panel.h: the labels of one target as the evaluators see
 * them: counts per split and class, where they come from, disputed
 * traces to settle, and a warning when a split is too small to measure.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-workspace.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_LABELS_PANEL (errata_labels_panel_get_type ())

G_DECLARE_FINAL_TYPE (ErrataLabelsPanel, errata_labels_panel, ERRATA, LABELS_PANEL, GtkWidget)

GtkWidget  *errata_labels_panel_new              (void);
void        errata_labels_panel_set_target       (ErrataLabelsPanel *self,
                                                  ErrataWorkspace   *workspace,
                                                  gint64             target);
/* For tests: the count shown in a cell, the warning text ("" when none). */
guint       errata_labels_panel_get_count        (ErrataLabelsPanel *self,
                                                  int                split,
                                                  gboolean           fail);
const char *errata_labels_panel_get_warning      (ErrataLabelsPanel *self);
guint       errata_labels_panel_get_n_disputed   (ErrataLabelsPanel *self);
gboolean    errata_labels_panel_settle           (ErrataLabelsPanel *self,
                                                  gint64             trace_id,
                                                  gboolean           pass,
                                                  GError           **error);

/* A split smaller than this many traces of a class gives a rate whose
 * 95% interval is wider than 30 points. */
char       *errata_labels_describe_small_split   (const char        *split_name,
                                                  guint              n_pass,
                                                  guint              n_fail);

G_END_DECLS
