/* errata-json-fast.c: json-glib trees from and to JSON text, fast.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 scans its input one character at a time through a copy of
 * GScanner, building every string and number in a GString: on the live
 * receiver's bodies (OTLP JSON, a few KB a span) that was a fifth of the
 * whole process's CPU. This parser builds the same tree with the same
 * json-glib calls the parser makes (json_object_set_member, so a repeated
 * key ends as json-glib's does; parents set), but reads a run of plain
 * bytes at a time. It accepts only what it can vouch gives the tree
 * json-glib gives: strict JSON, valid UTF-8, no \u0000, no unpaired
 * surrogate, integers of at most 18 digits. For anything else it
 * returns NULL and the caller asks json-glib, which accepts a few
 * extensions (octal, hex, single-letter escapes) and has the error message.
 * tests/fuzz's json-parse target compares the two trees node by node.
 */

#include "config.h"

#include "errata-json-fast.h"
#include "errata-json-fast-private.h"
#include "errata-json-guard.h"

#include <string.h>

/* The reader's fields are in errata-json-fast-private.h, for the OTLP
 * reader of the import (errata-import-otel-fast.c). */
typedef ErrataJsonReader Reader;

/* One buffer a thread for the strings being read, kept between calls,
 * rather than a copy of each body to unescape in place: freeing a block of
 * 75 KB (a request) makes glibc's malloc merge all its free chunks. */
static void
free_scratch (gpointer scratch)
{
  g_string_free (scratch, TRUE);
}

static GPrivate scratch_key = G_PRIVATE_INIT (free_scratch);

static GString *
thread_scratch (void)
{
  GString *scratch = g_private_get (&scratch_key);

  if (scratch == NULL)
    {
      scratch = g_string_sized_new (4096);
      g_private_set (&scratch_key, scratch);
    }
  return scratch;
}

static gboolean parse_value (Reader    *reader,
                             JsonNode **node);

static void
skip_space (Reader *reader)
{
  while (reader->p < reader->end
         && (*reader->p == ' ' || *reader->p == '\n' || *reader->p == '\r' || *reader->p == '\t'))
    reader->p++;
}

/* Eight bytes at a time: checking a request's text is valid UTF-8 took as
 * many instructions as building its spans' attributes (g_utf8_validate
 * looks at a byte at a time); a run of plain bytes in a string is skipped
 * the same way. */
#define BYTES_ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define BYTES_HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

static inline guint64
load_word (const char *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);
  return word;
}

/* Non-zero when a byte of `word` is below `n` (at most 0x80); a byte with
 * its high bit set never counts. */
static inline guint64
word_has_below (guint64 word,
                guint8  n)
{
  return (word - BYTES_ONES * n) & ~word & BYTES_HIGHS;
}

static inline guint64
word_has_byte (guint64 word,
               guint8  byte)
{
  return word_has_below (word ^ (BYTES_ONES * byte), 1);
}

/* Non-zero when a byte of `word` ends a run of a string's plain bytes: a
 * quote, a backslash, a control character. */
static inline guint64
word_stops_string (guint64 word)
{
  return word_has_below (word, 0x20) | word_has_byte (word, '"') | word_has_byte (word, '\\');
}

/* The first byte from `p` on that ends a run of a string's plain bytes,
 * or `end`. */
static const char *
skip_plain (const char *p,
            const char *end)
{
  while (end - p >= 8 && word_stops_string (load_word (p)) == 0)
    p += 8;
  while (p < end && *p != '"' && *p != '\\' && (guchar)*p >= 0x20)
    p++;
  return p;
}

/* UTF-8 without a NUL, as g_utf8_validate() checks it, with runs of
 * ASCII taken a word at a time. */
static gboolean
text_is_valid (const char *text,
               gsize       length)
{
  const char *p = text;
  const char *end = text + length;

  while (p < end)
    {
      guchar lead = (guchar)*p;
      gsize n;

      if (end - p >= 8 && ((load_word (p) & BYTES_HIGHS) | word_has_below (load_word (p), 1)) == 0)
        {
          p += 8;
          continue;
        }
      if (lead == '\0')
        return FALSE;
      if (lead < 0x80)
        {
          p++;
          continue;
        }
      n = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      if ((gsize)(end - p) < n || !g_utf8_validate_len (p, n, NULL))
        return FALSE;
      p += n;
    }
  return TRUE;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits at `p`, or -1. */
static int
read_hex4 (const char *p,
           const char *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int digit = hex_digit (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* A \u escape at `reader->p` (just after the `u`), a surrogate pair taken
 * whole, appended to `out` as UTF-8; json-glib turns \u0000 into a string
 * cut short and refuses an unpaired surrogate, so both go to it. */
static gboolean
unescape_unicode (Reader  *reader,
                  GString *out)
{
  int unit = read_hex4 (reader->p, reader->end);
  gunichar ch;

  if (unit <= 0)
    return FALSE;
  reader->p += 4;
  ch = unit;
  if (unit >= 0xdc00 && unit <= 0xdfff)
    return FALSE;
  if (unit >= 0xd800 && unit <= 0xdbff)
    {
      int low;

      if (reader->end - reader->p < 6 || reader->p[0] != '\\' || reader->p[1] != 'u')
        return FALSE;
      low = read_hex4 (reader->p + 2, reader->end);
      if (low < 0xdc00 || low > 0xdfff)
        return FALSE;
      reader->p += 6;
      ch = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
    }
  g_string_append_unichar (out, ch);
  return TRUE;
}

/* The string starting after the opening quote, unescaped into the
 * reader's scratch buffer and ended with a NUL; returns the buffer's text,
 * valid until the next string is read. */
static const char *
parse_string (Reader *reader)
{
  GString *out = reader->scratch;
  const char *run = reader->p;

  g_string_truncate (out, 0);
  for (;;)
    {
      char c;

      /* Copy the run of plain bytes up to the next quote or escape. */
      reader->p = skip_plain (reader->p, reader->end);
      while (reader->p < reader->end && *reader->p != '"' && *reader->p != '\\')
        {
          if ((guchar)*reader->p < 0x20)
            return NULL;
          reader->p++;
        }
      g_string_append_len (out, run, reader->p - run);
      if (reader->p >= reader->end)
        return NULL;
      if (*reader->p++ == '"')
        return out->str;
      if (reader->p >= reader->end)
        return NULL;
      switch ((c = *reader->p++))
        {
        case '"': case '\\': case '/': g_string_append_c (out, c); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          if (!unescape_unicode (reader, out))
            return NULL;
          break;
        default:
          return NULL;
        }
      run = reader->p;
    }
}

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* json-glib reads the digits after a minus sign as a positive number and
 * negates it, an integer through g_ascii_strtoull, a float through g_strtod
 * (the same as g_ascii_strtod for a JSON number). */
static JsonNode *
parse_number (Reader *reader)
{
  gboolean negative = *reader->p == '-';
  const char *digits = reader->p + negative;
  const char *p = digits;
  gboolean is_float = FALSE;
  JsonNode *node;

  if (p >= reader->end || !is_digit (*p))
    return NULL;
  if (*p == '0' && p + 1 < reader->end && is_digit (p[1]))
    return NULL;  /* json-glib reads a leading zero as octal */
  while (p < reader->end && is_digit (*p))
    p++;
  if (p < reader->end && *p == '.')
    {
      is_float = TRUE;
      if (++p >= reader->end || !is_digit (*p))
        return NULL;
      while (p < reader->end && is_digit (*p))
        p++;
    }
  if (p < reader->end && (*p == 'e' || *p == 'E'))
    {
      is_float = TRUE;
      p++;
      if (p < reader->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= reader->end || !is_digit (*p))
        return NULL;
      while (p < reader->end && is_digit (*p))
        p++;
    }
  /* json-glib's scanner takes letters and digits into the number and
   * refuses it; leave such text to it. */
  if (p < reader->end && (g_ascii_isalnum (*p) || *p == '.' || *p == '_'))
    return NULL;
  if (!is_float && p - digits > 18)
    return NULL;

  g_string_truncate (reader->scratch, 0);
  g_string_append_len (reader->scratch, digits, p - digits);
  if (is_float)
    {
      double value = g_ascii_strtod (reader->scratch->str, NULL);

      node = json_node_init_double (json_node_alloc (), negative ? value * -1.0 : value);
    }
  else
    {
      gint64 value = (gint64)g_ascii_strtoull (reader->scratch->str, NULL, 10);

      node = json_node_init_int (json_node_alloc (), negative ? value * -1 : value);
    }
  reader->p = p;
  return node;
}

static gboolean
parse_word (Reader     *reader,
            const char *word,
            gsize       length)
{
  if ((gsize)(reader->end - reader->p) < length || memcmp (reader->p, word, length) != 0)
    return FALSE;
  reader->p += length;
  /* `truex` is one word to json-glib, and not `true`. */
  return reader->p >= reader->end || !(g_ascii_isalnum (*reader->p) || *reader->p == '_');
}

/* After `[`. */
static gboolean
parse_array (Reader   *reader,
             JsonNode *node)
{
  g_autoptr(JsonArray) array = json_array_new ();

  skip_space (reader);
  if (reader->p < reader->end && *reader->p == ']')
    {
      reader->p++;
      json_node_take_array (node, g_steal_pointer (&array));
      return TRUE;
    }
  for (;;)
    {
      JsonNode *element = NULL;

      if (!parse_value (reader, &element))
        return FALSE;
      json_node_set_parent (element, node);
      json_array_add_element (array, element);
      skip_space (reader);
      if (reader->p >= reader->end)
        return FALSE;
      if (*reader->p++ == ']')
        break;
      if (reader->p[-1] != ',')
        return FALSE;
    }
  json_node_take_array (node, g_steal_pointer (&array));
  return TRUE;
}

/* After `{`. */
static gboolean
parse_object (Reader   *reader,
              JsonNode *node)
{
  g_autoptr(JsonObject) object = json_object_new ();

  skip_space (reader);
  if (reader->p < reader->end && *reader->p == '}')
    {
      reader->p++;
      json_node_take_object (node, g_steal_pointer (&object));
      return TRUE;
    }
  for (;;)
    {
      JsonNode *member = NULL;
      const char *scratch_name;
      /* The value's strings reuse the scratch buffer: keep the name (most
       * are short) on the stack meanwhile. */
      char short_name[64];
      g_autofree char *long_name = NULL;
      const char *name;

      skip_space (reader);
      if (reader->p >= reader->end || *reader->p++ != '"'
          || (scratch_name = parse_string (reader)) == NULL)
        return FALSE;
      if (reader->scratch->len < sizeof short_name)
        name = memcpy (short_name, scratch_name, reader->scratch->len + 1);
      else
        name = long_name = g_strdup (scratch_name);
      skip_space (reader);
      if (reader->p >= reader->end || *reader->p++ != ':')
        return FALSE;
      if (!parse_value (reader, &member))
        return FALSE;
      json_node_set_parent (member, node);
      json_object_set_member (object, name, member);
      skip_space (reader);
      if (reader->p >= reader->end)
        return FALSE;
      if (*reader->p++ == '}')
        break;
      if (reader->p[-1] != ',')
        return FALSE;
    }
  json_node_take_object (node, g_steal_pointer (&object));
  return TRUE;
}

static gboolean
parse_container (Reader    *reader,
                 JsonNode **node)
{
  gboolean is_object = *reader->p++ == '{';
  gboolean ok;

  if (++reader->depth > ERRATA_JSON_MAX_DEPTH)
    return FALSE;
  /* Allocated first so that its children can name it as their parent,
   * as json-glib's parser does. */
  *node = json_node_init (json_node_alloc (), is_object ? JSON_NODE_OBJECT : JSON_NODE_ARRAY);
  ok = is_object ? parse_object (reader, *node) : parse_array (reader, *node);
  reader->depth--;
  if (!ok)
    g_clear_pointer (node, json_node_unref);
  return ok;
}

/* On FALSE, *node is NULL. */
static gboolean
parse_value (Reader    *reader,
             JsonNode **node)
{
  const char *string;

  skip_space (reader);
  if (reader->p >= reader->end)
    return FALSE;
  switch (*reader->p)
    {
    case '{':
    case '[':
      return parse_container (reader, node);
    case '"':
      reader->p++;
      if ((string = parse_string (reader)) == NULL)
        return FALSE;
      *node = json_node_init_string (json_node_alloc (), string);
      return TRUE;
    case 't':
      if (!parse_word (reader, "true", 4))
        return FALSE;
      *node = json_node_init_boolean (json_node_alloc (), TRUE);
      return TRUE;
    case 'f':
      if (!parse_word (reader, "false", 5))
        return FALSE;
      *node = json_node_init_boolean (json_node_alloc (), FALSE);
      return TRUE;
    case 'n':
      if (!parse_word (reader, "null", 4))
        return FALSE;
      *node = json_node_init_null (json_node_alloc ());
      return TRUE;
    default:
      return (*node = parse_number (reader)) != NULL;
    }
}

gboolean
_errata_json_reader_init (ErrataJsonReader *reader,
                          const char       *text,
                          gsize             length)
{
  /* Also refuses a NUL inside the text. */
  if (length == 0 || !text_is_valid (text, length))
    return FALSE;
  *reader = (Reader) { text, text + length, 0, thread_scratch () };
  return TRUE;
}

gboolean
_errata_json_reader_finish (ErrataJsonReader *reader)
{
  skip_space (reader);
  /* A string of megabytes once must not stay on every thread that read
   * one: past 256 KB the buffer goes, and the next call makes a small one. */
  if (reader->scratch->allocated_len > 256 * 1024)
    g_private_replace (&scratch_key, NULL);
  reader->scratch = NULL;
  return reader->p == reader->end;
}

void
_errata_json_reader_skip_space (ErrataJsonReader *reader)
{
  skip_space (reader);
}

gboolean
_errata_json_reader_value (ErrataJsonReader  *reader,
                           JsonNode         **node)
{
  return parse_value (reader, node);
}

const char *
_errata_json_reader_string (ErrataJsonReader *reader)
{
  return parse_string (reader);
}

JsonNode *
errata_json_parse_fast (const char *text,
                        gsize       length)
{
  g_autoptr(JsonNode) root = NULL;
  Reader reader;
  gboolean parsed;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (!_errata_json_reader_init (&reader, text, length))
    return NULL;
  parsed = parse_value (&reader, &root);
  if (!_errata_json_reader_finish (&reader) || !parsed)
    return NULL;
  return g_steal_pointer (&root);
}

/* Writing. json-glib's generator appends a string one byte at a time and
 * formats every integer with printf; the receiver writes each span twice
 * (the journal's text, then the stored trace's metadata), so this writes
 * runs of bytes that need no escape at once. */

typedef struct
{
  guint8   escape[256];     /* 1: the byte is written escaped */
  gboolean exponent_is_float; /* 1e+20 needs no ".0" (json-glib >= 1.8) */
} WriteRules;

/* Asks the json-glib this program runs with, once. */
static const WriteRules *
write_rules (void)
{
  static WriteRules rules;
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_autoptr(JsonNode) us = json_node_init_string (json_node_alloc (), "\x1f");
      g_autoptr(JsonNode) big = json_node_init_double (json_node_alloc (), 1e20);
      g_autofree char *us_text = json_to_string (us, FALSE);
      g_autofree char *big_text = json_to_string (big, FALSE);

      for (guint c = 1; c < 0x1f; c++)
        rules.escape[c] = 1;
      rules.escape[0x1f] = strlen (us_text) > 3;
      rules.escape[0x7f] = 1;
      rules.escape['"'] = 1;
      rules.escape['\\'] = 1;
      rules.exponent_is_float = strchr (big_text, '.') == NULL;
      g_once_init_leave (&done, 1);
    }
  return &rules;
}

/* Straight into the buffer, room made once a string: a string written is
 * mostly JSON text itself (a span's input and output values) with a quote
 * every few bytes, and appending each run between two escapes cost more
 * than the copying. */
static void
write_escaped (GString          *out,
               const char       *text,
               const WriteRules *rules)
{
  gsize left = strlen (text);
  gsize start = out->len;
  char *w;

  /* Each byte at most two, but for a \u00XX (six), which makes room again. */
  g_string_set_size (out, start + 2 * left);
  w = out->str + start;
  for (const guchar *p = (const guchar *)text; *p != '\0'; p++, left--)
    {
      guchar c = *p;

      if (!rules->escape[c])
        {
          *w++ = c;
          continue;
        }
      *w++ = '\\';
      switch (c)
        {
        case '"': case '\\': *w++ = c; break;
        case '\b': *w++ = 'b'; break;
        case '\f': *w++ = 'f'; break;
        case '\n': *w++ = 'n'; break;
        case '\r': *w++ = 'r'; break;
        case '\t': *w++ = 't'; break;
        default:
          {
            gsize at = w - out->str;

            g_string_set_size (out, at + 5 + 2 * (left - 1));
            w = out->str + at;
            w += g_snprintf (w, 6, "u00%02x", (guint)c);
          }
          break;
        }
    }
  g_string_truncate (out, w - out->str);
}

static void
write_int (GString *out,
           gint64   value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  /* Through the unsigned type, so that G_MININT64 has a magnitude. */
  guint64 magnitude = value < 0 ? -(guint64)value : (guint64)value;

  do
    {
      *--p = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (out, p, digits + sizeof digits - p);
}

static void
write_double (GString          *out,
              double            value,
              const WriteRules *rules)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (text, sizeof text, value);
  g_string_append (out, text);
  /* json-glib's way of keeping a double a double when read back. */
  if (strchr (text, '.') == NULL
      && !(rules->exponent_is_float && (strchr (text, 'e') != NULL || strchr (text, 'E') != NULL)))
    g_string_append (out, ".0");
}

static void
write_value (GString          *out,
             JsonNode         *node,
             const WriteRules *rules)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      write_int (out, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      write_double (out, json_node_get_double (node), rules);
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_STRING:
      g_string_append_c (out, '"');
      write_escaped (out, json_node_get_string (node), rules);
      g_string_append_c (out, '"');
      break;
    default:
      g_string_append (out, "null");
      break;
    }
}

static void
write_node (GString          *out,
            JsonNode         *node,
            const WriteRules *rules)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        /* In the order members were added, as json-glib writes them; the
         * iterator saves json_object_get_members()'s copy of the list. */
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        g_string_append_c (out, '{');
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            g_string_append_c (out, '"');
            write_escaped (out, name, rules);
            g_string_append (out, "\":");
            write_node (out, member, rules);
          }
        g_string_append_c (out, '}');
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < length; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            write_node (out, json_array_get_element (array, i), rules);
          }
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_VALUE:
      write_value (out, node, rules);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

char *
errata_json_to_string_fast (JsonNode *node)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_sized_new (256);
  write_node (out, node, write_rules ());
  return g_string_free (out, FALSE);
}
