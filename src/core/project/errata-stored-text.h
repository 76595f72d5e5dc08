/* errata-stored-text.h: large JSON kept compressed in a project (issue 17,
 * part 3). A column holds either the text itself (every row an older
 * Errata wrote, and short values) or a BLOB: one codec byte, then the
 * compressed text. SQL reads both through errata_text (column).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The codec byte: 1 is a zstd frame that states its content size. */
#define ERRATA_STORED_TEXT_ZSTD 1

/* Shorter texts stay text: a zstd frame of a short text saves little,
 * and a text column stays readable by any SQLite tool. */
#define ERRATA_STORED_TEXT_MIN_BYTES 256

/* The stored form of `text` (`length` bytes, -1: NUL-terminated): a
 * compressed BLOB, or NULL when it should be stored as the text itself
 * (short, or compression would not save a tenth). Thread-safe. */
GBytes   *errata_stored_text_pack      (const char    *text,
                                        gssize         length);
/* The text back from a BLOB errata_stored_text_pack() made; NULL and an
 * ERRATA_PROJECT_ERROR_CORRUPT error for anything else (an unknown codec,
 * a damaged frame, a size over SQLite's limit). `length` may be NULL. */
char     *errata_stored_text_unpack    (const guint8  *blob,
                                        gsize          size,
                                        gsize         *length,
                                        GError       **error);
/* Adds errata_text (value) (a stored value as text: text and NULL as they
 * are, a BLOB unpacked), errata_text_size (value) (its length in bytes as
 * text, read from a frame's header without unpacking) and errata_pack
 * (text) (the stored form) to a connection. Direct only: a crafted view or trigger cannot call them. */
void      errata_stored_text_register  (sqlite3       *db);

G_END_DECLS
