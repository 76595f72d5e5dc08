/* errata-json-extract.h: find the JSON value in a model's prose.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *errata_json_extract (const char  *text,
                               GError     **error);

G_END_DECLS
