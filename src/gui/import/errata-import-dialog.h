/* errata-import-dialog.h: brings trace files into the open project.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-project.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_IMPORT_DIALOG (errata_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ErrataImportDialog, errata_import_dialog, ERRATA, IMPORT_DIALOG, AdwWindow)

/* A modal dialog over `parent` that imports `files` (files or folders of
 * request/response files) into `project`. Connect to ::imported to
 * refresh what shows the project's traces. */
ErrataImportDialog *errata_import_dialog_new     (GtkWindow      *parent,
                                                  ErrataProject  *project,
                                                  GFile         **files,
                                                  guint           n_files);

/* Creates and presents the dialog. The dialog owns itself (it is destroyed
 * when closed); the returned pointer is borrowed, for connecting signals
 * right away. */
ErrataImportDialog *errata_import_dialog_present (GtkWindow      *parent,
                                                  ErrataProject  *project,
                                                  GFile         **files,
                                                  guint           n_files);

G_END_DECLS
