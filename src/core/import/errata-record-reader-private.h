/* errata-record-reader-private.h: what the files of the record reader
 * share: the reader's state, the buffer helpers of errata-record-reader.c
 * and the CSV reading of errata-record-reader-csv.c.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "errata-record-reader.h"

G_BEGIN_DECLS

struct _ErrataRecordReader
{
  GInputStream       *stream;
  ErrataRecordSyntax  syntax;
  JsonParser         *parser;

  /* buf[start, len) is kept across refills: the record being read. */
  guint8             *buf;
  gsize               len;
  gsize               cap;
  gsize               pos;
  gsize               start;
  guint64             bytes_read;
  guint               eof : 1;
  guint               started : 1;
  guint               in_array : 1;
  guint               done : 1;
  /* The record being read grew past max_record_size: its bytes are
   * dropped as they come and the scanner only looks for its end. */
  guint               oversize : 1;
  gsize               max_record_size;

  guint               line;
  guint               number;

  /* CSV */
  GStrv               header;
  guint               n_header;
  GPtrArray          *fields;
  GString            *field;
};

gboolean _errata_record_reader_fill              (ErrataRecordReader  *self,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
gboolean _errata_record_reader_drop_if_oversize  (ErrataRecordReader  *self);
char    *_errata_record_reader_describe_oversize (ErrataRecordReader  *self);
char    *_errata_record_reader_check_utf8        (const char          *text,
                                                  gsize                len);
gboolean _errata_record_reader_is_blank          (const guint8        *text,
                                                  gsize                len);
gboolean _errata_record_reader_next_csv          (ErrataRecordReader  *self,
                                                  ErrataRecord        *record,
                                                  GCancellable        *cancellable,
                                                  GError             **error);

G_END_DECLS
