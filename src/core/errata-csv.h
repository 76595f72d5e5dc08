/* errata-csv.h: writing RFC 4180 CSV fields, for every CSV Errata writes.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void errata_csv_append_field (GString    *line,
                              const char *value);

G_END_DECLS
