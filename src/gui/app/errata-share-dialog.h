/* errata-share-dialog.h: "Share a Copy": options, what redaction would
 * replace, and the copy written in the background.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-project.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_SHARE_DIALOG (errata_share_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ErrataShareDialog, errata_share_dialog, ERRATA, SHARE_DIALOG, AdwWindow)

/* A modal dialog over `parent` that writes a copy of `project`. It emits
 * ::copied (GFile *) and closes once the copy is written. */
ErrataShareDialog *errata_share_dialog_new      (GtkWindow         *parent,
                                                 ErrataProject     *project);
/* What choosing a file in the save dialog does. */
void               errata_share_dialog_save_to  (ErrataShareDialog *self,
                                                 GFile             *destination);
/* Counting or copying is under way; for tests. */
gboolean           errata_share_dialog_is_busy  (ErrataShareDialog *self);

G_END_DECLS
