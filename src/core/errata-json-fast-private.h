/* errata-json-fast-private.h: the fast parser's reader, for readers of one
 * format that build only part of the tree (errata-import-otel-fast.c).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *p;        /* the next byte to read */
  const char *end;
  guint       depth;    /* containers open; at most ERRATA_JSON_MAX_DEPTH */
  GString    *scratch;  /* the string being read, unescaped */
} ErrataJsonReader;

/* FALSE for what errata_json_parse_fast() refuses before reading: empty
 * text, invalid UTF-8 or a NUL. */
gboolean    _errata_json_reader_init       (ErrataJsonReader  *reader,
                                            const char        *text,
                                            gsize              length);
/* Gives back the thread's scratch buffer; TRUE when only blanks were left. */
gboolean    _errata_json_reader_finish     (ErrataJsonReader  *reader);
void        _errata_json_reader_skip_space (ErrataJsonReader  *reader);
/* One value, as errata_json_parse_fast() builds it; FALSE (and *node NULL)
 * for whatever that parser leaves to json-glib. */
gboolean    _errata_json_reader_value      (ErrataJsonReader  *reader,
                                            JsonNode         **node);
/* A string, the reader just past its opening quote: the unescaped text,
 * valid until the next string is read, or NULL. */
const char *_errata_json_reader_string     (ErrataJsonReader  *reader);

G_END_DECLS
