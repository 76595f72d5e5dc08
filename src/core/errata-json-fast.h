/* errata-json-fast.h: json-glib trees from and to JSON text, fast.
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

/* json_to_string (node, FALSE), byte for byte, in about a third of the
 * time: the same escapes and number forms as the json-glib the program
 * runs with (it asks that json-glib once how it writes U+001F and 1e+20,
 * which changed in 1.8 and 1.10.8). */
char     *errata_json_to_string_fast (JsonNode   *node);

G_END_DECLS
