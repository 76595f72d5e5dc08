/* errata-record-reader-csv.c: the CSV side of the record reader: rows cut
 * at unquoted newlines, the first row kept as the header, and each row made
 * into an object of header → field.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "errata-record-reader-private.h"

typedef enum
{
  CSV_FIELD_START,
  CSV_UNQUOTED,
  CSV_QUOTED,
  CSV_QUOTE_IN_QUOTED,
} CsvState;

static void
push_field (ErrataRecordReader *self)
{
  /* An oversize row is skipped: keeping its fields would undo the limit. */
  if (self->oversize)
    return;
  g_ptr_array_add (self->fields, g_strndup (self->field->str, self->field->len));
  g_string_truncate (self->field, 0);
}

/* One step of the RFC 4180 state machine; TRUE at the end of the row. */
static gboolean
csv_byte (ErrataRecordReader *self,
          CsvState           *state,
          guint8              c)
{
  if (*state == CSV_QUOTED)
    {
      if (c == '"')
        *state = CSV_QUOTE_IN_QUOTED;
      else
        {
          if (c == '\n')
            self->line++;
          if (!self->oversize)
            g_string_append_c (self->field, c);
        }
      return FALSE;
    }

  if (c == '"' && *state == CSV_FIELD_START)
    *state = CSV_QUOTED;
  else if (c == '"' && *state == CSV_QUOTE_IN_QUOTED)
    {
      if (!self->oversize)
        g_string_append_c (self->field, '"');
      *state = CSV_QUOTED;
    }
  else if (c == ',')
    {
      push_field (self);
      *state = CSV_FIELD_START;
    }
  else if (c == '\n')
    {
      push_field (self);
      self->line++;
      return TRUE;
    }
  else if (c != '\r')
    {
      /* Lenient: text after a closing quote or a quote inside an unquoted
       * field is kept as it is. */
      if (!self->oversize)
        g_string_append_c (self->field, c);
      *state = CSV_UNQUOTED;
    }
  return FALSE;
}

/* Reads one row into self->fields; FALSE at the end of the input. */
static gboolean
read_csv_row (ErrataRecordReader  *self,
              gboolean            *unterminated,
              GCancellable        *cancellable,
              GError             **error)
{
  CsvState state = CSV_FIELD_START;
  gsize offset = 0;

  g_ptr_array_set_size (self->fields, 0);
  g_string_truncate (self->field, 0);
  self->start = self->pos;
  self->oversize = FALSE;
  *unterminated = FALSE;

  for (;;)
    {
      gsize i = self->start + offset;

      if (i == self->len)
        {
          if (!self->eof)
            {
              if (_errata_record_reader_drop_if_oversize (self))
                {
                  offset = 0;
                  g_string_truncate (self->field, 0);
                  g_ptr_array_set_size (self->fields, 0);
                }
              if (!_errata_record_reader_fill (self, cancellable, error))
                return FALSE;
              continue;
            }
          if (offset == 0 && !self->oversize)
            return FALSE;
          *unterminated = state == CSV_QUOTED;
          push_field (self);
          break;
        }
      offset++;
      if (csv_byte (self, &state, self->buf[i]))
        break;
    }

  self->pos = self->start + offset;
  return TRUE;
}

static gboolean
csv_row_is_blank (ErrataRecordReader *self)
{
  return !self->oversize && self->fields->len == 1
         && *(const char *)g_ptr_array_index (self->fields, 0) == '\0'
         && _errata_record_reader_is_blank (self->buf + self->start, self->pos - self->start);
}

static void
take_header (ErrataRecordReader *self)
{
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);

  self->n_header = self->fields->len;
  self->header = g_new0 (char *, self->n_header + 1);
  for (guint i = 0; i < self->n_header; i++)
    {
      const char *name = g_ptr_array_index (self->fields, i);
      /* Not translated: a column's name is what --map refers to, and a
       * mapping must mean the same in every language. */
      char *unique = *name ? g_strdup (name) : g_strdup_printf ("column %u", i + 1);

      /* Two columns with one name would overwrite each other. */
      for (guint n = 2; g_hash_table_contains (seen, unique); n++)
        {
          g_free (unique);
          unique = g_strdup_printf ("%s (%u)", name, n);
        }
      self->header[i] = unique;
      g_hash_table_add (seen, unique);
    }
  g_hash_table_unref (seen);
}

static void
fill_csv_record (ErrataRecordReader *self,
                 ErrataRecord       *record,
                 gboolean            unterminated)
{
  JsonObject *object;
  gsize len = self->pos - self->start;

  /* The row's text, without its line end. */
  while (len > 0 && (self->buf[self->start + len - 1] == '\n'
                     || self->buf[self->start + len - 1] == '\r'))
    len--;
  record->text = (const char *)self->buf + self->start;
  record->len = len;

  if (self->oversize || len > self->max_record_size)
    {
      record->error = _errata_record_reader_describe_oversize (self);
      return;
    }
  if (unterminated)
    {
      /* Translators: a field of a CSV file that opens with a " and has no closing ". */
      record->error = g_strdup (_("a quoted field is not closed; the file may be truncated"));
      return;
    }
  record->error = _errata_record_reader_check_utf8 (record->text, record->len);
  if (record->error != NULL)
    return;
  if (self->fields->len != self->n_header)
    {
      record->error = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    /* Translators: the subject is a row
                                                     * of a CSV file. The first %u is the
                                                     * number of fields in that row, the
                                                     * second the number of fields in the
                                                     * file's first row, which names them. */
                                                    "has %u field, but the header row has %u",
                                                    "has %u fields, but the header row has %u",
                                                    self->fields->len),
                                       self->fields->len, self->n_header);
      return;
    }

  object = json_object_new ();
  for (guint i = 0; i < self->n_header; i++)
    json_object_set_string_member (object, self->header[i], g_ptr_array_index (self->fields, i));
  record->node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
}

gboolean
_errata_record_reader_next_csv (ErrataRecordReader  *self,
                                ErrataRecord        *record,
                                GCancellable        *cancellable,
                                GError             **error)
{
  for (;;)
    {
      gboolean unterminated;
      guint line = self->line;

      if (!read_csv_row (self, &unterminated, cancellable, error))
        return FALSE;
      if (csv_row_is_blank (self))
        continue;
      if (self->header == NULL)
        {
          take_header (self);
          continue;
        }

      record->number = ++self->number;
      record->line = line;
      fill_csv_record (self, record, unterminated);
      return TRUE;
    }
}
