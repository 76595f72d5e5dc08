/* errata-code-check-editor.h: the definition of a code check or a command
 * evaluator as a form, with a live preview of its verdict on one trace.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-workspace.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_CODE_CHECK_EDITOR (errata_code_check_editor_get_type ())

G_DECLARE_FINAL_TYPE (ErrataCodeCheckEditor, errata_code_check_editor, ERRATA,
                      CODE_CHECK_EDITOR, GtkWidget)

GtkWidget *errata_code_check_editor_new          (ErrataWorkspace        *workspace);
void       errata_code_check_editor_load         (ErrataCodeCheckEditor  *self,
                                                  gint64                  evaluator_id);
gboolean   errata_code_check_editor_get_modified (ErrataCodeCheckEditor  *self);
gboolean   errata_code_check_editor_save         (ErrataCodeCheckEditor  *self,
                                                  GError                **error);

/* What a kind checks, in one line ("judge", "command" or a code check
 * kind); NULL for an unknown kind. */
const char *errata_code_check_editor_describe_kind (const char *kind);
const char *errata_code_check_editor_kind_title    (const char *kind);

G_END_DECLS
