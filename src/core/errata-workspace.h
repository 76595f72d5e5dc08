/* errata-workspace.h: what the pages of one window share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-llm-client.h"
#include "errata-project.h"
#include "errata-taxonomy.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_WORKSPACE (errata_workspace_get_type ())

G_DECLARE_FINAL_TYPE (ErrataWorkspace, errata_workspace, ERRATA, WORKSPACE, GObject)

ErrataWorkspace *errata_workspace_new                   (ErrataProject        *project,
                                                         GSettings            *settings);
ErrataProject   *errata_workspace_get_project           (ErrataWorkspace      *self);
ErrataTaxonomy  *errata_workspace_get_taxonomy          (ErrataWorkspace      *self);
GSettings       *errata_workspace_get_settings          (ErrataWorkspace      *self);
GCancellable    *errata_workspace_get_cancellable       (ErrataWorkspace      *self);
ErrataLlmClient *errata_workspace_get_llm_client        (ErrataWorkspace      *self);
char            *errata_workspace_dup_annotator         (ErrataWorkspace      *self);
char            *errata_annotator_name_from_settings    (GSettings            *settings);

void             errata_workspace_load_llm_client_async (ErrataWorkspace      *self,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
ErrataLlmClient *errata_workspace_load_llm_client_finish (GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
