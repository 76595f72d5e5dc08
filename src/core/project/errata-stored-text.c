/* errata-stored-text.c: large JSON kept compressed in a project, with
 * zstd (fast: a trace's messages pack in microseconds and unpack faster).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zstd.h>

#include "errata-stored-text.h"
#include "errata-project.h"

/* Level 1: on the benchmark's messages (3.8 kB each) it packs to 44.9%
 * and level 3 to 44.3%, at about half the CPU (bench/README.md, "File
 * size"). */
#define PACK_LEVEL 1

/* SQLite's default largest value: no stored text can be longer, so a
 * frame that says otherwise is damaged (or made to exhaust memory). */
#define MAX_TEXT_BYTES 1000000000

/* One context per thread: making one per call costs more than packing a
 * trace (zstd allocates and clears its tables). */
static void
free_pack_context (gpointer context)
{
  ZSTD_freeCCtx (context);
}

static void
free_unpack_context (gpointer context)
{
  ZSTD_freeDCtx (context);
}

static GPrivate pack_context = G_PRIVATE_INIT (free_pack_context);
static GPrivate unpack_context = G_PRIVATE_INIT (free_unpack_context);

static ZSTD_CCtx *
get_pack_context (void)
{
  ZSTD_CCtx *context = g_private_get (&pack_context);

  if (context == NULL)
    {
      context = ZSTD_createCCtx ();
      g_private_set (&pack_context, context);
    }
  return context;
}

static ZSTD_DCtx *
get_unpack_context (void)
{
  ZSTD_DCtx *context = g_private_get (&unpack_context);

  if (context == NULL)
    {
      context = ZSTD_createDCtx ();
      g_private_set (&unpack_context, context);
    }
  return context;
}

GBytes *
errata_stored_text_pack (const char *text,
                         gssize      length)
{
  gsize n = length < 0 ? strlen (text) : (gsize)length;
  gsize bound;
  guint8 *blob;
  size_t packed;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (n < ERRATA_STORED_TEXT_MIN_BYTES)
    return NULL;
  bound = ZSTD_compressBound (n);
  blob = g_malloc (bound + 1);
  blob[0] = ERRATA_STORED_TEXT_ZSTD;
  packed = ZSTD_compressCCtx (get_pack_context (), blob + 1, bound, text, n, PACK_LEVEL);
  if (ZSTD_isError (packed) || packed + 1 > n - n / 10)
    {
      g_free (blob);
      return NULL;
    }
  return g_bytes_new_take (g_realloc (blob, packed + 1), packed + 1);
}

static char *
corrupt (GError     **error,
         const char  *why)
{
  g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_CORRUPT,
               /* Translators: %s says what is wrong with the value. */
               _("A compressed value in the project is damaged (%s). Restore the project "
                 "from a backup."), why);
  return NULL;
}

char *
errata_stored_text_unpack (const guint8  *blob,
                           gsize          size,
                           gsize         *length,
                           GError       **error)
{
  unsigned long long content_size;
  g_autofree char *text = NULL;
  size_t got;

  g_return_val_if_fail (blob != NULL || size == 0, NULL);

  if (size < 1 || blob[0] != ERRATA_STORED_TEXT_ZSTD)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_CORRUPT,
                   _("A value in the project is stored in a form this version of Errata "
                     "does not know (codec %d). Update Errata, or restore the project from "
                     "a backup."), size < 1 ? -1 : blob[0]);
      return NULL;
    }
  content_size = ZSTD_getFrameContentSize (blob + 1, size - 1);
  if (content_size == ZSTD_CONTENTSIZE_ERROR || content_size == ZSTD_CONTENTSIZE_UNKNOWN)
    return corrupt (error, _("no valid frame header"));
  if (content_size > MAX_TEXT_BYTES)
    return corrupt (error, _("it claims more than a gigabyte"));
  text = g_malloc (content_size + 1);
  got = ZSTD_decompressDCtx (get_unpack_context (), text, content_size, blob + 1, size - 1);
  if (ZSTD_isError (got))
    return corrupt (error, ZSTD_getErrorName (got));
  if (got != content_size)
    return corrupt (error, _("shorter than its header says"));
  text[got] = '\0';
  if (length != NULL)
    *length = got;
  return g_steal_pointer (&text);
}

static void
sql_text (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  g_autoptr(GError) error = NULL;
  const guint8 *blob;
  char *text;
  gsize length = 0;

  g_assert (argc == 1);
  if (sqlite3_value_type (argv[0]) != SQLITE_BLOB)
    {
      sqlite3_result_value (context, argv[0]);
      return;
    }
  blob = sqlite3_value_blob (argv[0]);
  text = errata_stored_text_unpack (blob, sqlite3_value_bytes (argv[0]), &length, &error);
  if (text == NULL)
    {
      sqlite3_result_error (context, error->message, -1);
      return;
    }
  sqlite3_result_text64 (context, text, length, g_free, SQLITE_UTF8);
}

static void
sql_pack (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  g_autoptr(GBytes) packed = NULL;

  g_assert (argc == 1);
  if (sqlite3_value_type (argv[0]) != SQLITE_TEXT)
    {
      sqlite3_result_value (context, argv[0]);
      return;
    }
  packed = errata_stored_text_pack ((const char *)sqlite3_value_text (argv[0]),
                                    sqlite3_value_bytes (argv[0]));
  if (packed == NULL)
    sqlite3_result_value (context, argv[0]);
  else
    sqlite3_result_blob64 (context, g_bytes_get_data (packed, NULL), g_bytes_get_size (packed),
                           SQLITE_TRANSIENT);
}

/* The length in bytes of a stored value as text, without unpacking it:
 * a zstd frame states its content size in its header. What an estimate
 * of a judge's prompts reads instead of the traces (errata-eval-run.c).
 * A damaged frame is an error, as errata_text () says. */
static void
sql_text_size (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  const guint8 *blob;
  unsigned long long size;
  int bytes;

  g_assert (argc == 1);
  if (sqlite3_value_type (argv[0]) != SQLITE_BLOB)
    {
      sqlite3_result_int64 (context, sqlite3_value_bytes (argv[0]));
      return;
    }
  blob = sqlite3_value_blob (argv[0]);
  bytes = sqlite3_value_bytes (argv[0]);
  size = bytes > 1 && blob[0] == ERRATA_STORED_TEXT_ZSTD
         ? ZSTD_getFrameContentSize (blob + 1, bytes - 1) : ZSTD_CONTENTSIZE_ERROR;
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > MAX_TEXT_BYTES)
    sqlite3_result_error (context, _("A compressed value in the project is damaged. Restore "
                                     "the project from a backup."), -1);
  else
    sqlite3_result_int64 (context, (sqlite3_int64) size);
}

void
errata_stored_text_register (sqlite3 *db)
{
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;

  sqlite3_create_function (db, "errata_text", 1, flags, NULL, sql_text, NULL, NULL);
  sqlite3_create_function (db, "errata_pack", 1, flags, NULL, sql_pack, NULL, NULL);
  sqlite3_create_function (db, "errata_text_size", 1, flags, NULL, sql_text_size, NULL, NULL);
}
