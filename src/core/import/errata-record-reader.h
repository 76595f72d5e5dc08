/* errata-record-reader.h: streams records out of JSONL, JSON and CSV files.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  ERRATA_RECORD_SYNTAX_AUTO,
  ERRATA_RECORD_SYNTAX_JSONL,  /* one JSON value per line */
  ERRATA_RECORD_SYNTAX_JSON,   /* a top-level array, streamed element by element,
                                * or one (or several) top-level values */
  ERRATA_RECORD_SYNTAX_CSV,    /* RFC 4180 with a header row */
  ERRATA_RECORD_SYNTAX_ANY_JSON, /* JSON or JSONL, guessed; never CSV (a .json name) */
} ErrataRecordSyntax;

/* One record. A bad record has `error` set and no `node`: the reader has
 * already moved past it, so the caller can report it and go on. */
typedef struct
{
  guint       number;  /* 1-based, counting bad records too, not the CSV header */
  guint       line;    /* 1-based line where the record starts */
  const char *text;    /* the record's bytes, valid until the next call */
  gsize       len;
  JsonNode   *node;    /* owned by the record */
  char       *error;   /* why the record is bad, in words for a user */
} ErrataRecord;

typedef struct _ErrataRecordReader ErrataRecordReader;

/* A record larger than this is reported as bad and skipped, so that one
 * broken line cannot take all memory. */
#define ERRATA_RECORD_DEFAULT_MAX_SIZE ((gsize)64 * 1024 * 1024)

ErrataRecordReader *errata_record_reader_new        (GInputStream        *stream,
                                                     ErrataRecordSyntax   syntax);
void                errata_record_reader_free       (ErrataRecordReader  *self);

/* Records longer than max_size bytes become bad records (the reader keeps
 * none of their bytes and goes on after them). */
void                errata_record_reader_set_max_record_size (ErrataRecordReader *self,
                                                              gsize               max_size);
gsize               errata_record_reader_get_max_record_size (ErrataRecordReader *self);

/* g_file_read () for regular files only (symbolic links followed): a
 * device never ends and a FIFO blocks, so both fail with
 * G_IO_ERROR_NOT_REGULAR_FILE before anything is opened. */
GFileInputStream   *errata_record_file_read         (GFile               *file,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
/* The same check for a type already known; FALSE with the message above. */
gboolean            errata_record_file_check_type   (GFileType            type,
                                                     GError             **error);

/* Guesses the syntax from a file name (".jsonl", ".csv", ...), or AUTO. */
ErrataRecordSyntax  errata_record_syntax_from_name  (const char          *name);

/* Fills `record` with the next record and returns TRUE, or returns FALSE
 * at the end of the input (error unset) or when reading fails (error set).
 * The previous record is cleared first. */
gboolean            errata_record_reader_next       (ErrataRecordReader  *self,
                                                     ErrataRecord        *record,
                                                     GCancellable        *cancellable,
                                                     GError             **error);

/* The syntax in use; AUTO until the first call to next(). */
ErrataRecordSyntax  errata_record_reader_get_syntax (ErrataRecordReader  *self);
guint64             errata_record_reader_get_bytes_read (ErrataRecordReader *self);
/* CSV only: the header's field names, NULL before the first record. */
const char * const *errata_record_reader_get_header (ErrataRecordReader  *self);

void                errata_record_clear             (ErrataRecord        *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataRecordReader, errata_record_reader_free)

G_END_DECLS
