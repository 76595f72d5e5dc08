/* errata-taxonomy-export.h: the failure modes as a report to share:
 * Markdown for people, JSON for scripts.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-taxonomy.h"

G_BEGIN_DECLS

/* Every mode, most frequent first, with its definition, its count and
 * share of reviewed traces, and up to `n_examples` notes. */
char *errata_taxonomy_export_markdown (ErrataTaxonomy  *self,
                                       guint            n_examples,
                                       GError         **error);
char *errata_taxonomy_export_json     (ErrataTaxonomy  *self,
                                       guint            n_examples,
                                       GError         **error);

G_END_DECLS
