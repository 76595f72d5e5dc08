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

#include "errata-record-reader-private.h"
#include "errata-json-guard.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#define INITIAL_BUFFER_SIZE (64 * 1024)

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
gboolean
_errata_record_reader_drop_if_oversize (ErrataRecordReader *self)
{
  if (self->len - self->start <= self->max_record_size)
    return FALSE;
  self->oversize = TRUE;
  self->len = self->start;
  self->pos = self->start;
  return TRUE;
}

char *
_errata_record_reader_describe_oversize (ErrataRecordReader *self)
{
  g_autofree char *limit = g_format_size_full (self->max_record_size, G_FORMAT_SIZE_IEC_UNITS);

  /* Translators: the subject is a record of an imported file; %s is a size
   * such as “64.0 MiB”. --max-record-size is a command-line option: keep it. */
  return g_strdup_printf (_("is larger than the maximum record size of %s and was skipped "
                            "(errata-cli import --max-record-size raises the limit)"), limit);
}

/* Reads more input, keeping buf[start, len) and moving it to the front. */
gboolean
_errata_record_reader_fill (ErrataRecordReader  *self,
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
      if (!_errata_record_reader_fill (self, cancellable, error))
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

char *
_errata_record_reader_check_utf8 (const char *text,
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

  record->error = _errata_record_reader_check_utf8 (record->text, record->len);
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

gboolean
_errata_record_reader_is_blank (const guint8 *text,
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
      scanned = may_drop && _errata_record_reader_drop_if_oversize (self)
                ? 0 : self->len - self->start;
      if (!_errata_record_reader_fill (self, cancellable, error))
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
      if (!self->oversize && _errata_record_reader_is_blank (self->buf + self->start, len))
        continue;

      record->number = ++self->number;
      record->line = line;
      record->text = (const char *)self->buf + self->start;
      record->len = len;
      if (self->oversize || len > self->max_record_size)
        record->error = _errata_record_reader_describe_oversize (self);
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
          if (_errata_record_reader_drop_if_oversize (self))
            offset = 0;
          if (!_errata_record_reader_fill (self, cancellable, error))
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
    record->error = _errata_record_reader_describe_oversize (self);
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
      return _errata_record_reader_next_csv (self, record, cancellable, error);
    case ERRATA_RECORD_SYNTAX_JSON:
    case ERRATA_RECORD_SYNTAX_AUTO:
    case ERRATA_RECORD_SYNTAX_ANY_JSON:
    default:
      return next_json (self, record, cancellable, error);
    }
}
