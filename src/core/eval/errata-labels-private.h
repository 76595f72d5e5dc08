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

/* "#12" names trace 12; FALSE for anything else (an external id). */
gboolean _errata_labels_parse_internal (const char *reference,
                                        gint64     *id);

G_END_DECLS
