/* errata-labels-private.h: what errata-labels.c and its file import share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-labels.h"

G_BEGIN_DECLS

/* errata_labels_set() without its checks and its own transaction: the
 * caller has checked the target and the trace and holds a transaction.
 * `changed` tells whether anything was written. */
gboolean _errata_labels_write (ErrataProject  *project,
                               gint64          target,
                               gint64          trace_id,
                               ErrataVerdict   value,
                               const char     *who,
                               const char     *reason,
                               gboolean       *changed,
                               GError        **error);

G_END_DECLS
