/* errata-record-reader.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files can be far larger than memory, so nothing here loads a whole file:
 * a growing buffer holds the record being read and no more. A JSON array is
 * cut into elements by a small scanner that only tracks strings, escapes and
 * nesting depth; json-glib then parses one element at a time.
 *
 * Invalid UTF-8 makes a record bad (with the byte offset in the reason)
 * rather than being repaired with U+FFFD: a silently altered trace is
 * worse than a skipped one the user is told about.
 */

#include "config.h"

#include "errata-record-reader.h"
#include "errata-json-guard.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#define INITIAL_BUFFER_SIZE (64 * 1024)

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

ErrataRecordReader *
errata_record_reader_new (GInputStream       *stream,
                          ErrataRecordSyntax  syntax)
{
  ErrataRecordReader *self = g_new0 (ErrataRecordReader, 1);

  self->stream = g_object_ref (stream);
  self->syntax = syntax;
  self->parser = json_parser_new ();
  self->cap = INITIAL_BUFFER_SIZE;
  self->max_record_size = ERRATA_RECORD_DEFAULT_MAX_SIZE;
  self->buf = g_malloc (self->cap);
  self->line = 1;
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->field = g_string_new (NULL);
  return self;
}

void
errata_record_reader_free (ErrataRecordReader *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->stream);
  g_object_unref (self->parser);
  g_free (self->buf);
  g_strfreev (self->header);
  g_ptr_array_unref (self->fields);
  g_string_free (self->field, TRUE);
  g_free (self);
}

ErrataRecordSyntax
errata_record_syntax_from_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (g_str_has_suffix (lower, ".jsonl") || g_str_has_suffix (lower, ".ndjson")
      || g_str_has_suffix (lower, ".jsonlines"))
    return ERRATA_RECORD_SYNTAX_JSONL;
  if (g_str_has_suffix (lower, ".csv"))
    return ERRATA_RECORD_SYNTAX_CSV;
  /* Some tools write JSONL into .json files, so only CSV is ruled out. */
  if (g_str_has_suffix (lower, ".json"))
    return ERRATA_RECORD_SYNTAX_ANY_JSON;
  return ERRATA_RECORD_SYNTAX_AUTO;
}

void
errata_record_reader_set_max_record_size (ErrataRecordReader *self,
                                          gsize               max_size)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (max_size > 0);
  self->max_record_size = max_size;
}

gsize
errata_record_reader_get_max_record_size (ErrataRecordReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->max_record_size;
}

GFileInputStream *
errata_record_file_read (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* Asked before opening: opening a FIFO blocks until someone writes to
   * it, and a device such as /dev/zero never ends. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return NULL;
  if (!errata_record_file_check_type (g_file_info_get_file_type (info), error))
    return NULL;
  return g_file_read (file, cancellable, error);
}

gboolean
errata_record_file_check_type (GFileType   type,
                               GError    **error)
{
  if (type == G_FILE_TYPE_REGULAR)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                       _("not a regular file (a device, a pipe or a socket): only files, "
                         "and folders of request/response files, can be imported"));
  return FALSE;
}

ErrataRecordSyntax
errata_record_reader_get_syntax (ErrataRecordReader *self)
{
  return self->syntax;
}

guint64
errata_record_reader_get_bytes_read (ErrataRecordReader *self)
{
  return self->bytes_read;
}

const char * const *
errata_record_reader_get_header (ErrataRecordReader *self)
{
  return (const char * const *)self->header;
}

void
errata_record_clear (ErrataRecord *record)
{
  g_clear_pointer (&record->node, json_node_unref);
  g_clear_pointer (&record->error, g_free);
  record->text = NULL;
  record->len = 0;
  record->number = 0;
  record->line = 0;
}

/* A record longer than the limit is not kept: its bytes so far are
 * dropped and the scanner goes on from offset 0 looking for its end, so
 * memory stays bounded whatever the input. TRUE if it dropped them. */
static gboolean
drop_if_oversize (ErrataRecordReader *self)
{
  if (self->len - self->start <= self->max_record_size)
    return FALSE;
  self->oversize = TRUE;
  self->len = self->start;
  self->pos = self->start;
  return TRUE;
}

static char *
describe_oversize (ErrataRecordReader *self)
{
  g_autofree char *limit = g_format_size_full (self->max_record_size, G_FORMAT_SIZE_IEC_UNITS);

  /* Translators: the subject is a record of an imported file; %s is a size
   * such as “64.0 MiB”. --max-record-size is a command-line option: keep it. */
  return g_strdup_printf (_("is larger than the maximum record size of %s and was skipped "
                            "(errata-cli import --max-record-size raises the limit)"), limit);
}

/* Reads more input, keeping buf[start, len) and moving it to the front. */
static gboolean
fill (ErrataRecordReader  *self,
      GCancellable        *cancellable,
      GError             **error)
{
  gssize n;

  if (self->eof)
    return TRUE;

  if (self->start > 0)
    {
      memmove (self->buf, self->buf + self->start, self->len - self->start);
      self->len -= self->start;
      self->pos -= self->start;
      self->start = 0;
    }
  if (self->len == self->cap)
    {
      self->cap *= 2;
      self->buf = g_realloc (self->buf, self->cap);
    }

  n = g_input_stream_read (self->stream, self->buf + self->len, self->cap - self->len,
                           cancellable, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    self->eof = TRUE;
  self->len += n;
  self->bytes_read += n;
  return TRUE;
}

/* Makes at least `n` bytes available at pos, unless the input ends first. */
static gboolean
ensure (ErrataRecordReader  *self,
        gsize                n,
        GCancellable        *cancellable,
        GError             **error)
{
  self->start = self->pos;
  while (self->len - self->pos < n && !self->eof)
    {
      if (!fill (self, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_space (guint8 c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skips whitespace between records, counting lines. */
static gboolean
skip_space (ErrataRecordReader  *self,
            GCancellable        *cancellable,
            GError             **error)
{
  for (;;)
    {
      if (!ensure (self, 1, cancellable, error))
        return FALSE;
      if (self->pos == self->len)
        return TRUE;
      if (!is_space (self->buf[self->pos]))
        return TRUE;
      if (self->buf[self->pos] == '\n')
        self->line++;
      self->pos++;
    }
}

/* Where in the record json-glib stopped, or NULL if its message does not say. */
static char *
describe_json_error_location (const char *message)
{
  guint line = 0;
  guint column = 0;

  if (sscanf (message, "<data>:%u:%u:", &line, &column) != 2)
    return NULL;
  if (line > 1)
    /* Translators: where in a record of an imported file the JSON went wrong. */
    return g_strdup_printf (_("line %u of the record, column %u"), line, column);
  /* Translators: where in a one-line record of an imported file the JSON went wrong. */
  return g_strdup_printf (_("column %u"), column);
}

/* "<data>:1:6: Parse error: unexpected end of file" -> words for a user. */
static char *
describe_json_error (const char *message,
                     gboolean    truncated)
{
  const char *detail = strstr (message, "Parse error: ");
  g_autofree char *location = describe_json_error_location (message);
  g_autofree char *problem = NULL;

  if (detail != NULL)
    detail += strlen ("Parse error: ");
  else
    detail = message;
  if (g_str_has_prefix (detail, "scanner: "))
    detail += strlen ("scanner: ");
  problem = location ? g_strdup_printf ("%s (%s)", detail, location) : g_strdup (detail);

  if (truncated)
    /* Translators: %s is the JSON parser's message, e.g. “unexpected end
     * of file (column 6)”. */
    return g_strdup_printf (_("not valid JSON: %s; the file ends here, so it may be truncated"),
                            problem);
  /* Translators: %s is the JSON parser's message, e.g. “unexpected
   * character (column 6)”. */
  return g_strdup_printf (_("not valid JSON: %s"), problem);
}

static char *
check_utf8 (const char *text,
            gsize       len)
{
  const char *end;
  g_autofree char *offset = NULL;

  if (g_utf8_validate_len (text, len, &end))
    return NULL;
  /* Formatted apart: xgettext cannot read G_GSIZE_FORMAT inside a message. */
  offset = g_strdup_printf ("%" G_GSIZE_FORMAT, (gsize)(end - text) + 1);
  if (*end == '\0' && end < text + len)
    /* Translators: the subject is a record of an imported file; NUL is the
     * character with code 0. %s is a byte offset (1, 2, …). */
    return g_strdup_printf (_("contains a NUL byte (at byte %s of the record)"), offset);
  /* Translators: the subject is a record of an imported file. %s is a byte
   * offset (1, 2, …). */
  return g_strdup_printf (_("contains bytes that are not valid UTF-8 (at byte %s of the "
                            "record); save the file as UTF-8 and import it again"), offset);
}

static void
parse_json_record (ErrataRecordReader *self,
                   ErrataRecord       *record,
                   gboolean            truncated)
{
  g_autoptr(GError) local_error = NULL;

  record->error = check_utf8 (record->text, record->len);
  if (record->error != NULL)
    return;

  if (!errata_json_parser_load (self->parser, record->text, record->len, &local_error))
    {
      if (local_error->domain == ERRATA_JSON_GUARD_ERROR)
        record->error = g_steal_pointer (&local_error->message);
      else
        record->error = describe_json_error (local_error->message, truncated);
      return;
    }
  record->node = json_parser_steal_root (self->parser);
  if (record->node == NULL)
    record->error = g_strdup (_("the record is empty"));
}

static gboolean
is_blank (const guint8 *text,
          gsize         len)
{
  for (gsize i = 0; i < len; i++)
    if (!is_space (text[i]))
      return FALSE;
  return TRUE;
}

/* Finds the next newline from pos, reading as much as needed; *newline is
 * NULL when the input ends first. Past the size limit, a line is dropped
 * as it is read (may_drop) or the search stops there. */
static gboolean
find_newline (ErrataRecordReader  *self,
              gboolean             may_drop,
              const guint8       **newline,
              GCancellable        *cancellable,
              GError             **error)
{
  gsize scanned = 0;

  self->start = self->pos;
  for (;;)
    {
      gsize from = self->start + scanned;

      *newline = memchr (self->buf + from, '\n', self->len - from);
      if (*newline != NULL || self->eof)
        return TRUE;
      if (!may_drop && self->len - self->start > self->max_record_size)
        return TRUE;
      scanned = may_drop && drop_if_oversize (self) ? 0 : self->len - self->start;
      if (!fill (self, cancellable, error))
        return FALSE;
    }
}

static gboolean
next_jsonl (ErrataRecordReader  *self,
            ErrataRecord        *record,
            GCancellable        *cancellable,
            GError             **error)
{
  for (;;)
    {
      const guint8 *newline;
      gsize end;
      gsize len;
      guint line;

      self->oversize = FALSE;
      if (!find_newline (self, TRUE, &newline, cancellable, error))
        return FALSE;
      if (newline == NULL && self->pos == self->len && !self->oversize)
        return FALSE;

      end = newline != NULL ? (gsize)(newline - self->buf) : self->len;
      line = self->line++;
      self->pos = newline != NULL ? end + 1 : end;
      len = end - self->start;
      if (len > 0 && self->buf[self->start + len - 1] == '\r')
        len--;
      if (!self->oversize && is_blank (self->buf + self->start, len))
        continue;

      record->number = ++self->number;
      record->line = line;
      record->text = (const char *)self->buf + self->start;
      record->len = len;
      if (self->oversize || len > self->max_record_size)
        record->error = describe_oversize (self);
      else
        parse_json_record (self, record, newline == NULL);
      return TRUE;
    }
}

typedef struct
{
  int      depth;
  gboolean in_string;
  gboolean escape;
} JsonScan;

/* Returns TRUE when the element ends at buf[i] (exclusive: *consume tells
 * whether buf[i] belongs to it). */
static gboolean
scan_byte (JsonScan *scan,
           guint8    c,
           guint    *line,
           gboolean *consume)
{
  *consume = TRUE;
  if (scan->in_string)
    {
      if (scan->escape)
        scan->escape = FALSE;
      else if (c == '\\')
        scan->escape = TRUE;
      else if (c == '"')
        {
          scan->in_string = FALSE;
          return scan->depth == 0;
        }
      else if (c == '\n')
        (*line)++;
      return FALSE;
    }

  switch (c)
    {
    case '"':
      scan->in_string = TRUE;
      return FALSE;
    case '{':
    case '[':
      scan->depth++;
      return FALSE;
    case '}':
    case ']':
      if (scan->depth == 0)
        {
          *consume = FALSE;
          return TRUE;
        }
      return --scan->depth == 0;
    case ',':
    case ' ':
    case '\t':
    case '\r':
    case '\n':
      if (scan->depth == 0)
        {
          *consume = FALSE;
          return TRUE;
        }
      if (c == '\n')
        (*line)++;
      return FALSE;
    default:
      return FALSE;
    }
}

/* Cuts one JSON value out of the input; *truncated when the input ends
 * before the value does. */
static gboolean
scan_value (ErrataRecordReader  *self,
            gboolean            *truncated,
            GCancellable        *cancellable,
            GError             **error)
{
  JsonScan scan = { 0, };
  gsize offset = 0;

  self->start = self->pos;
  *truncated = FALSE;
  for (;;)
    {
      gsize i = self->start + offset;
      gboolean consume;

      if (i == self->len)
        {
          if (self->eof)
            {
              /* A bare number or literal may end with the file. */
              *truncated = scan.depth > 0 || scan.in_string;
              break;
            }
          if (drop_if_oversize (self))
            offset = 0;
          if (!fill (self, cancellable, error))
            return FALSE;
          continue;
        }
      if (scan_byte (&scan, self->buf[i], &self->line, &consume))
        {
          offset += consume ? 1 : 0;
          break;
        }
      offset++;
    }

  self->pos = self->start + offset;
  return TRUE;
}

static gboolean
next_json (ErrataRecordReader  *self,
           ErrataRecord        *record,
           GCancellable        *cancellable,
           GError             **error)
{
  gboolean truncated;

  for (;;)
    {
      guint8 c;

      if (self->done || !skip_space (self, cancellable, error))
        return FALSE;
      if (self->pos == self->len)
        return FALSE;

      c = self->buf[self->pos];
      if (self->in_array && c == ']')
        {
          /* Whatever follows the array is not ours to read. */
          self->done = TRUE;
          return FALSE;
        }
      if (self->in_array && c == ',')
        {
          self->pos++;
          continue;
        }
      break;
    }

  record->line = self->line;
  self->oversize = FALSE;
  if (!scan_value (self, &truncated, cancellable, error))
    return FALSE;
  if (self->pos == self->start && !self->oversize)
    {
      /* A stray closing bracket outside an array: step over it. */
      self->pos++;
      self->done = TRUE;
      return FALSE;
    }

  record->number = ++self->number;
  record->text = (const char *)self->buf + self->start;
  record->len = self->pos - self->start;
  if (truncated)
    {
      record->error = g_strdup (_("the file ends in the middle of this record; "
                                  "it may be truncated"));
      self->done = TRUE;
    }
  else if (self->oversize || record->len > self->max_record_size)
    /* The scanner saw the whole value go by: what follows is still sound. */
    record->error = describe_oversize (self);
  else
    parse_json_record (self, record, FALSE);
  /* Outside an array only objects and arrays can be skipped cleanly; after
   * a bare word the rest of the file cannot be split into records, so one
   * report is the honest answer, not one per word. */
  if (record->error != NULL && !self->in_array && !self->oversize &&
      (record->len == 0 || (record->text[0] != '{' && record->text[0] != '[')))
    self->done = TRUE;
  return TRUE;
}

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
              if (drop_if_oversize (self))
                {
                  offset = 0;
                  g_string_truncate (self->field, 0);
                  g_ptr_array_set_size (self->fields, 0);
                }
              if (!fill (self, cancellable, error))
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
         && is_blank (self->buf + self->start, self->pos - self->start);
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
      record->error = describe_oversize (self);
      return;
    }
  if (unterminated)
    {
      /* Translators: a field of a CSV file that opens with a " and has no closing ". */
      record->error = g_strdup (_("a quoted field is not closed; the file may be truncated"));
      return;
    }
  record->error = check_utf8 (record->text, record->len);
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

static gboolean
next_csv (ErrataRecordReader  *self,
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

/* JSONL when the first line holds a whole object, JSON otherwise (a
 * pretty-printed object or an array). */
static gboolean
guess_syntax (ErrataRecordReader  *self,
              GCancellable        *cancellable,
              GError             **error)
{
  const guint8 *newline;
  gsize end;
  guint8 c;

  if (self->pos == self->len)
    {
      self->syntax = ERRATA_RECORD_SYNTAX_JSONL;
      return TRUE;
    }

  c = self->buf[self->pos];
  if (c == '[')
    {
      self->syntax = ERRATA_RECORD_SYNTAX_JSON;
      return TRUE;
    }
  if (c != '{')
    {
      /* A .json file that does not start like JSON is broken JSON, to be
       * reported as such, not a one-column CSV. */
      self->syntax = self->syntax == ERRATA_RECORD_SYNTAX_ANY_JSON
                     ? ERRATA_RECORD_SYNTAX_JSON : ERRATA_RECORD_SYNTAX_CSV;
      return TRUE;
    }

  if (!find_newline (self, FALSE, &newline, cancellable, error))
    return FALSE;
  end = newline != NULL ? (gsize)(newline - self->buf) : self->len;
  while (end > self->pos && is_space (self->buf[end - 1]))
    end--;
  self->syntax = end - self->pos > 1 && self->buf[end - 1] == '}'
                 ? ERRATA_RECORD_SYNTAX_JSONL : ERRATA_RECORD_SYNTAX_JSON;
  return TRUE;
}

static gboolean
start (ErrataRecordReader  *self,
       GCancellable        *cancellable,
       GError             **error)
{
  self->started = TRUE;
  if (!ensure (self, 3, cancellable, error))
    return FALSE;
  if (self->len - self->pos >= 3 && memcmp (self->buf + self->pos, "\xef\xbb\xbf", 3) == 0)
    self->pos += 3;

  /* Leading blank lines: CSV and JSONL skip them anyway, and the line
   * count stays right. */
  if (!skip_space (self, cancellable, error))
    return FALSE;
  if ((self->syntax == ERRATA_RECORD_SYNTAX_AUTO || self->syntax == ERRATA_RECORD_SYNTAX_ANY_JSON)
      && !guess_syntax (self, cancellable, error))
    return FALSE;

  if (self->syntax == ERRATA_RECORD_SYNTAX_JSON && self->pos < self->len
      && self->buf[self->pos] == '[')
    {
      self->in_array = TRUE;
      self->pos++;
    }
  return TRUE;
}

gboolean
errata_record_reader_next (ErrataRecordReader  *self,
                           ErrataRecord        *record,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  errata_record_clear (record);
  if (!self->started && !start (self, cancellable, error))
    return FALSE;

  switch (self->syntax)
    {
    case ERRATA_RECORD_SYNTAX_JSONL:
      return next_jsonl (self, record, cancellable, error);
    case ERRATA_RECORD_SYNTAX_CSV:
      return next_csv (self, record, cancellable, error);
    case ERRATA_RECORD_SYNTAX_JSON:
    case ERRATA_RECORD_SYNTAX_AUTO:
    case ERRATA_RECORD_SYNTAX_ANY_JSON:
    default:
      return next_json (self, record, cancellable, error);
    }
}
