/* errata-messages.h: turning any chat message shape into Errata's own.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The normalised shape (DESIGN.md):
 *   {role: system|user|assistant|tool, content: text, name?,
 *    tool_calls?: [{id, name, arguments (JSON text)}], tool_call_id?}
 * Every other key a message had is kept in the object under its own name. */

/* "a string", "an object", ...: for messages that tell a user what was found. */
const char *errata_json_node_describe          (JsonNode    *node);

/* Type-checked getters: NULL when the member is missing or of another
 * type (json-glib's own getters warn on a type mismatch, and trace files
 * are full of them). */
const char *errata_json_get_string             (JsonObject  *object,
                                                const char  *key);
JsonObject *errata_json_get_object             (JsonObject  *object,
                                                const char  *key);
JsonArray  *errata_json_get_array              (JsonObject  *object,
                                                const char  *key);

/* Serialises a node to compact JSON text; a string node gives its string. */
char       *errata_json_node_to_text           (JsonNode    *node);

/* Maps any role name to system, user, assistant or tool. */
const char *errata_messages_normalise_role     (const char  *role);

/* Flattens a content value (string, parts array, Anthropic blocks, null)
 * to text. Tool blocks are left out: see errata_messages_append(). */
char       *errata_messages_content_to_text    (JsonNode    *content);

/* "[image: URL]" for an image part of any known shape (OpenAI, GenAI,
 * OpenInference), NULL for a part that is not an image. */
char       *errata_messages_part_placeholder   (JsonObject  *part);

/* Converts OpenAI (`tool_calls` with `function`), already normalised, or
 * Anthropic (`tool_use` blocks) calls into the normalised array. */
JsonArray  *errata_messages_normalise_tool_calls (JsonArray *calls);

/* Appends the normalised form of `message` to `out`. One source message can
 * become several: an Anthropic user message with tool_result blocks yields
 * one tool message per result. Fails with a message for a user when the
 * value is not a message object; `index` is only used in that message. */
gboolean    errata_messages_append             (JsonArray   *out,
                                                JsonNode    *message,
                                                guint        index,
                                                GError     **error);

/* Normalises a whole `messages` value; `what` names it in errors
 * ("`messages`"). */
JsonArray  *errata_messages_normalise          (JsonNode    *messages,
                                                const char  *what,
                                                GError     **error);

/* A message with a role and a text content. */
JsonObject *errata_messages_new_message        (const char  *role,
                                                const char  *content);

/* TRUE when both have the same role, content and tool calls. */
gboolean    errata_messages_equal              (JsonObject  *a,
                                                JsonObject  *b);

G_END_DECLS
