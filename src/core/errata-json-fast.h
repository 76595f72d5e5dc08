/* errata-json-fast.h: a fast parser of strict JSON into json-glib nodes.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The tree json-glib would build from `text` (same node and value types,
 * same strings, numbers, member order and duplicate-key outcome), for
 * strict RFC 8259 JSON of valid UTF-8, nested at most
 * ERRATA_JSON_MAX_DEPTH levels, integers of at most 18 digits. Anything
 * else returns NULL without a message: the caller parses it again with
 * errata_json_parser_load(), which accepts json-glib's extensions and says
 * what is wrong. A NULL never means the text is invalid. */
JsonNode *errata_json_parse_fast (const char *text,
                                  gsize       length);

G_END_DECLS
