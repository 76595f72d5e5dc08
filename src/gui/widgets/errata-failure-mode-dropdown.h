/* errata-failure-mode-dropdown.h: choose one failure mode of a taxonomy,
 * or "any".
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "errata-taxonomy.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_FAILURE_MODE_DROPDOWN (errata_failure_mode_dropdown_get_type ())

G_DECLARE_FINAL_TYPE (ErrataFailureModeDropdown, errata_failure_mode_dropdown, ERRATA,
                      FAILURE_MODE_DROPDOWN, GtkWidget)

GtkWidget      *errata_failure_mode_dropdown_new          (void);
ErrataTaxonomy *errata_failure_mode_dropdown_get_taxonomy (ErrataFailureModeDropdown *self);
void            errata_failure_mode_dropdown_set_taxonomy (ErrataFailureModeDropdown *self,
                                                           ErrataTaxonomy            *taxonomy);
gint64          errata_failure_mode_dropdown_get_mode_id  (ErrataFailureModeDropdown *self);
gboolean        errata_failure_mode_dropdown_set_mode_id  (ErrataFailureModeDropdown *self,
                                                           gint64                     mode_id);
gboolean        errata_failure_mode_dropdown_get_has_modes (ErrataFailureModeDropdown *self);
void            errata_failure_mode_dropdown_reload       (ErrataFailureModeDropdown *self);

G_END_DECLS
