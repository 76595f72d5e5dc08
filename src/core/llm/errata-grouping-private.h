/* errata-grouping-private.h: what the grouping suggester and its
 * proposals share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-grouping-proposal.h"

G_BEGIN_DECLS

/* Names match whatever the case and the surrounding blanks. */
char     *_errata_grouping_name_key    (const char *name);
gboolean  _errata_grouping_ids_contain (GArray     *ids,
                                        gint64      id);

ErrataGroupingResult *_errata_grouping_result_new (void);

G_END_DECLS
