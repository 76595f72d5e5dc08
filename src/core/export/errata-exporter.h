/* errata-exporter.h: writes a project's traces and annotations out.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-project.h"

G_BEGIN_DECLS

typedef enum
{
  ERRATA_EXPORT_FORMAT_JSONL,
  ERRATA_EXPORT_FORMAT_CSV,
} ErrataExportFormat;

gboolean errata_export_format_from_string (const char          *str,
                                           ErrataExportFormat  *format);

/* Streams every trace, in import order, to `stream`. JSONL records are in
 * the OpenAI chat shape Errata imports, so an export re-imports to the same
 * traces and annotations. Returns the number of traces written, -1 on error. */
gint64   errata_export_traces             (ErrataProject       *project,
                                           ErrataExportFormat   format,
                                           GOutputStream       *stream,
                                           GCancellable        *cancellable,
                                           GError             **error);

G_END_DECLS
