/* errata-import-format.h: the kinds of trace file Errata reads, by name.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-types.h"

G_BEGIN_DECLS

/* The CLI's --format values ("auto", "openai", "request-response",
 * "mapped", "otel", "langfuse"); never translated. */
const char *errata_import_format_to_string       (ErrataImportFormat   format);
gboolean    errata_import_format_from_string     (const char          *str,
                                                  ErrataImportFormat  *format);
/* What the import dialog's "Import As" list calls the format, translated
 * ("Automatic", "OpenAI chat", ..., "Langfuse"). */
const char *errata_import_format_get_choice_name (ErrataImportFormat   format);
/* TRUE when the records can only be read with a field mapping. */
gboolean    errata_import_format_needs_mapping   (ErrataImportFormat   format);

G_END_DECLS
