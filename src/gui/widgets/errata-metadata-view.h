/* errata-metadata-view.h: a trace's facts and metadata as key/value rows.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "errata-trace.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_METADATA_VIEW (errata_metadata_view_get_type ())

G_DECLARE_FINAL_TYPE (ErrataMetadataView, errata_metadata_view, ERRATA, METADATA_VIEW, GtkWidget)

GtkWidget *errata_metadata_view_new       (void);
void       errata_metadata_view_set_trace (ErrataMetadataView *self,
                                           ErrataTrace        *trace);

G_END_DECLS
