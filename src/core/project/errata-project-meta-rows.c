/* errata-project-meta-rows.c: the rows of trace_meta for one trace's
 * metadata, read in C.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ERRATA_SQL_META_ROWS (errata-project-schema.h) says which rows a
 * metadata text gives, and the migration and the check of long values
 * use it. Run for every trace added, its recursive query cost ~120,000
 * instructions a trace for three rows, 10% of the live receiver's
 * instructions (bench/README.md, "The metadata rows read in C"). This
 * reads the same rows from the compact JSON Errata writes, in a few
 * thousand. It vouches only for what it reads exactly as SQLite's
 * json_each does: compact JSON (no white space), strings whose escapes
 * are the simple ones or \u of a character other than NUL and the
 * surrogates, integers of at most 18 digits, true, false, null, objects
 * and arrays. Anything else (a float, a large integer, white space) and
 * it gives NULL: the caller runs the SQL. test-trace-meta compares both
 * on every metadata text the tests know, with the SQLite it is built with
 * (3.40 here); a newer SQLite's json_each could write an odd nested value
 * (an object or array, as text) otherwise, which only a filter typed as
 * that object's JSON text would see.
 *
 * The rows: every top-level member but a null, its value a string cut
 * to ERRATA_META_VALUE_CHARS characters, an integer (true and false are
 * 1 and 0), or the JSON text of an object or array, cut the same way.
 * An object whose key has no dot is gone into: each of its members whose
 * key has no dot is a row too, named "parent.key", and so on down; a
 * name with a quote, a backslash or a control character deeper than 32
 * levels is left out.
 */

#include "config.h"

#include <string.h>

#include "errata-project-private.h"
#include "errata-project-schema.h"

/* SQLite's JSON parser refuses deeper nesting; so does this, sooner. */
#define MAX_NESTING 500
/* Below 10^18: strtoll cannot overflow, and json_each gives an integer. */
#define MAX_INTEGER_DIGITS 18
/* ERRATA_SQL_META_ROWS keeps a name with an unsafe character only this deep. */
#define MAX_UNSAFE_DEPTH 32

typedef struct
{
  const char *p;
  GPtrArray  *rows;
} Reader;

void
_errata_meta_row_free (ErrataMetaRow *row)
{
  g_free (row->key);
  g_free (row->text);
  g_free (row);
}

/* The GLOB of ERRATA_SQL_META_ROWS: characters 1 to 31, '"' and '\\'. */
static gboolean
has_unsafe_character (const char *key)
{
  for (const guchar *c = (const guchar *)key; *c != '\0'; c++)
    if (*c < 0x20 || *c == '"' || *c == '\\')
      return TRUE;
  return FALSE;
}

static gboolean
append_escape (GString     *out,
               const char **p)
{
  const char *s = *p;
  guint32 code = 0;

  switch (s[1])
    {
    case '"': case '\\': case '/':
      g_string_append_c (out, s[1]);
      break;
    case 'b': g_string_append_c (out, '\b'); break;
    case 'f': g_string_append_c (out, '\f'); break;
    case 'n': g_string_append_c (out, '\n'); break;
    case 'r': g_string_append_c (out, '\r'); break;
    case 't': g_string_append_c (out, '\t'); break;
    case 'u':
      for (guint i = 2; i < 6; i++)
        {
          if (!g_ascii_isxdigit (s[i]))
            return FALSE;
          code = code * 16 + (guint32)g_ascii_xdigit_value (s[i]);
        }
      /* NUL and surrogates: SQLite's versions do not agree on them. */
      if (code == 0 || (code >= 0xD800 && code <= 0xDFFF))
        return FALSE;
      g_string_append_unichar (out, code);
      *p = s + 6;
      return TRUE;
    default:
      return FALSE;
    }
  *p = s + 2;
  return TRUE;
}

/* The string at reader->p (its opening quote), unescaped; NULL when it is
 * not one this file vouches for. */
static char *
read_string (Reader *reader)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = reader->p + 1;

  for (;;)
    {
      const char *run = p;

      while ((guchar)*p >= 0x20 && *p != '"' && *p != '\\')
        p++;
      g_string_append_len (out, run, p - run);
      if (*p == '"')
        break;
      if (*p != '\\' || !append_escape (out, &p))
        return NULL;
    }
  reader->p = p + 1;
  if (!g_utf8_validate (out->str, out->len, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
cut (const char *text,
     gssize      length)
{
  const char *end = text;
  const char *limit = length < 0 ? NULL : text + length;

  for (guint n = 0; n < ERRATA_META_VALUE_CHARS && *end != '\0' && (limit == NULL || end < limit); n++)
    end = g_utf8_next_char (end);
  return g_strndup (text, end - text);
}

/* Past the value at reader->p, which must be one this file vouches for. */
static gboolean
skip_value (Reader  *reader,
            guint    depth)
{
  const char *p = reader->p;

  if (depth > MAX_NESTING)
    return FALSE;
  if (*p == '"')
    {
      g_autofree char *text = read_string (reader);

      return text != NULL;
    }
  if (*p == '{' || *p == '[')
    {
      char close = *p == '{' ? '}' : ']';

      reader->p++;
      if (*reader->p == close)
        {
          reader->p++;
          return TRUE;
        }
      for (;;)
        {
          if (close == '}')
            {
              if (*reader->p != '"' || !skip_value (reader, depth + 1) || *reader->p != ':')
                return FALSE;
              reader->p++;
            }
          if (!skip_value (reader, depth + 1))
            return FALSE;
          if (*reader->p == close)
            {
              reader->p++;
              return TRUE;
            }
          if (*reader->p != ',')
            return FALSE;
          reader->p++;
        }
    }
  if (g_str_has_prefix (p, "true") || g_str_has_prefix (p, "null"))
    reader->p += 4;
  else if (g_str_has_prefix (p, "false"))
    reader->p += 5;
  else
    {
      const char *digits = *p == '-' ? p + 1 : p;
      const char *end = digits;

      while (g_ascii_isdigit (*end))
        end++;
      if (end == digits || end - digits > MAX_INTEGER_DIGITS || (*digits == '0' && end - digits > 1))
        return FALSE;
      reader->p = end;
    }
  /* A value ends where its container goes on or closes. */
  return *reader->p == ',' || *reader->p == '}' || *reader->p == ']' || *reader->p == '\0';
}

/* The row of a member whose value (not null) is [start, reader->p). */
static void
add_row (Reader     *reader,
         const char *name,
         const char *start)
{
  ErrataMetaRow *row = g_new0 (ErrataMetaRow, 1);

  row->key = g_strdup (name);
  if (*start == '"')
    {
      Reader string = { start, NULL };
      g_autofree char *text = read_string (&string);

      row->text = cut (text, -1);
    }
  else if (*start == '{' || *start == '[')
    row->text = cut (start, reader->p - start);
  else if (*start == 't' || *start == 'f')
    row->integer = *start == 't';
  else
    row->integer = g_ascii_strtoll (start, NULL, 10);
  g_ptr_array_add (reader->rows, row);
}

/* The members of the object at reader->p, at `depth` (1 at the top, where
 * `prefix` is NULL); `unsafe` when a name above has an unsafe character. */
static gboolean
read_object (Reader     *reader,
             const char *prefix,
             guint       depth,
             gboolean    unsafe)
{
  if (*reader->p != '{' || depth > MAX_NESTING)
    return FALSE;
  reader->p++;
  if (*reader->p == '}')
    {
      reader->p++;
      return TRUE;
    }
  for (;;)
    {
      g_autofree char *key = *reader->p == '"' ? read_string (reader) : NULL;
      const char *start;
      gboolean dotted;

      if (key == NULL || *reader->p != ':')
        return FALSE;
      reader->p++;
      start = reader->p;
      if (!skip_value (reader, depth))
        return FALSE;
      dotted = strchr (key, '.') != NULL;
      /* Below the top, a name with a dot is no field a filter can name. */
      if (prefix == NULL || !dotted)
        {
          g_autofree char *name = prefix == NULL ? g_strdup (key) : g_strconcat (prefix, ".", key, NULL);
          gboolean name_unsafe = unsafe || has_unsafe_character (key);

          if (*start != 'n' && (depth <= MAX_UNSAFE_DEPTH || !name_unsafe))
            add_row (reader, name, start);
          if (*start == '{' && !dotted)
            {
              Reader object = { start, reader->rows };

              if (!read_object (&object, name, depth + 1, name_unsafe))
                return FALSE;
            }
        }
      if (*reader->p == '}')
        {
          reader->p++;
          return TRUE;
        }
      if (*reader->p != ',')
        return FALSE;
      reader->p++;
    }
}

GPtrArray *
_errata_project_meta_rows (const char *metadata)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)_errata_meta_row_free);
  Reader reader = { metadata, rows };

  if (metadata == NULL || !read_object (&reader, NULL, 1, FALSE) || *reader.p != '\0')
    return NULL;
  return g_steal_pointer (&rows);
}
