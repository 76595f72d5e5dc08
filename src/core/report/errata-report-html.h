/* errata-report-html.h: the report as one self-contained HTML file: the
 * style and the charts (SVG drawn by the same code as on screen) inline,
 * nothing fetched from a network, readable from a phone's width up.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-report.h"

G_BEGIN_DECLS

char     *errata_report_dup_html    (const ErrataReport  *report,
                                     GError             **error);
/* Replaces `file` in one step: a failed write leaves the old one. */
gboolean  errata_report_write_html  (const ErrataReport  *report,
                                     GFile               *file,
                                     GCancellable        *cancellable,
                                     GError             **error);

G_END_DECLS
