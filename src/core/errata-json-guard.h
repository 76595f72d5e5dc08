/* errata-json-guard.h: limits checked before JSON from outside is parsed.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* json-glib 1.6 parses, copies and prints JSON by recursion without a depth
 * limit: a few hundred kilobytes of “[[[[…” overflow the stack. Nothing a
 * real trace or API reply holds comes near this many levels. */
#define ERRATA_JSON_MAX_DEPTH 256

#define ERRATA_JSON_GUARD_ERROR (errata_json_guard_error_quark ())

typedef enum
{
  ERRATA_JSON_GUARD_ERROR_TOO_DEEP,
  ERRATA_JSON_GUARD_ERROR_SECOND_VALUE,
} ErrataJsonGuardError;

GQuark      errata_json_guard_error_quark (void);

/* Fails with ERRATA_JSON_GUARD_ERROR_TOO_DEEP when `text` (len bytes, or
 * NUL-terminated if len < 0) opens more than `max_depth` arrays or objects
 * inside each other (brackets inside strings do not count), and with
 * ERRATA_JSON_GUARD_ERROR_SECOND_VALUE when anything but spaces follows the
 * first top-level value. Other syntax errors are left to the parser. */
gboolean    errata_json_check_shape       (const char  *text,
                                           gssize       len,
                                           guint        max_depth,
                                           GError     **error);

/* json_parser_load_from_data () behind the depth check. */
gboolean    errata_json_parser_load       (JsonParser  *parser,
                                           const char  *text,
                                           gssize       len,
                                           GError     **error);

/* json_from_string () behind the depth check. */
JsonNode   *errata_json_from_string       (const char  *text,
                                           GError     **error);

/* Type-checked access for JSON whose shape nobody promised: each returns
 * NULL (or the default) where json-glib's own getters would emit a
 * critical — for a missing member, an index out of range, a value of
 * another type, or a NULL container. */
JsonObject *errata_json_array_get_object  (JsonArray   *array,
                                           guint        index);
JsonArray  *errata_json_member_array      (JsonObject  *object,
                                           const char  *name);
const char *errata_json_member_string     (JsonObject  *object,
                                           const char  *name,
                                           const char  *default_value);
gint64      errata_json_member_int        (JsonObject  *object,
                                           const char  *name,
                                           gint64       default_value);

/* Sets `error` to "WHERE: WHAT", WHAT formatted from `format`, frees
 * `where` and returns FALSE. The readers of what a person wrote by hand (a
 * code check's or a command check's parameters, a synthetic target) say
 * where the problem is, then what it is: each through a macro of its own
 * that names the place (_errata_check_param_error,
 * _errata_synth_target_invalid). */
gboolean    errata_json_invalid           (GError     **error,
                                           GQuark       domain,
                                           gint         code,
                                           char        *where,
                                           const char  *format,
                                           ...) G_GNUC_PRINTF (5, 6);

G_END_DECLS
