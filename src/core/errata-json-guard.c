/* errata-json-guard.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the bytes that knows only strings, escapes and brackets:
 * cheap next to parsing, and it never recurses, so it cannot overflow the
 * stack on the input that would make json-glib do so.
 */

#include "config.h"

#include "errata-json-guard.h"
#include "errata-json-fast.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (errata-json-guard-error-quark, errata_json_guard_error)

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
set_too_deep (guint    max_depth,
              GError **error)
{
  g_set_error (error, ERRATA_JSON_GUARD_ERROR, ERRATA_JSON_GUARD_ERROR_TOO_DEEP,
               /* Translators: %u is a number of levels, e.g. 256. */
               _("JSON nested deeper than %u levels"), max_depth);
  return FALSE;
}

static gboolean
set_second_value (const char  *text,
                  const char  *p,
                  GError     **error)
{
  g_autofree char *offset = g_strdup_printf ("%" G_GSIZE_FORMAT, (gsize)(p - text) + 1);

  g_set_error (error, ERRATA_JSON_GUARD_ERROR, ERRATA_JSON_GUARD_ERROR_SECOND_VALUE,
               /* Translators: %s is a byte offset (1, 2, …). */
               _("a second JSON value starts at byte %s; only spaces may follow the first"),
               offset);
  return FALSE;
}

gboolean
errata_json_check_shape (const char  *text,
                         gssize       len,
                         guint        max_depth,
                         GError     **error)
{
  const char *end;
  gboolean in_string = FALSE;
  gboolean in_scalar = FALSE;  /* inside a bare number or word at the top */
  gboolean root_done = FALSE;  /* the first top-level value has ended */
  guint depth = 0;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  end = text + (len < 0 ? strlen (text) : (gsize)len);
  for (const char *p = text; p < end; p++)
    {
      if (in_string)
        {
          if (*p == '\\')
            p++;  /* whatever is escaped cannot end the string */
          else if (*p == '"')
            {
              in_string = FALSE;
              root_done = depth == 0;
            }
          continue;
        }
      if (depth == 0)
        {
          /* json-glib 1.6 parses a second top-level value too and drops
           * it without freeing it (a leak found by the fuzz corpus under
           * LeakSanitizer), and keeps the first as if nothing followed:
           * refuse it here, before the parser sees it. */
          if (is_json_space (*p))
            {
              root_done = root_done || in_scalar;
              in_scalar = FALSE;
              continue;
            }
          if (root_done
              || (in_scalar && (*p == '"' || *p == '[' || *p == '{')))
            return set_second_value (text, p, error);
        }
      if (*p == '"')
        in_string = TRUE;
      else if (*p == '[' || *p == '{')
        {
          if (++depth > max_depth)
            return set_too_deep (max_depth, error);
        }
      else if ((*p == ']' || *p == '}') && depth > 0)
        root_done = --depth == 0;
      else if (depth == 0)
        in_scalar = TRUE;
    }
  return TRUE;
}

/* Four hex digits. */
static gboolean
hex4 (const char *p,
      guint      *value)
{
  *value = 0;
  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return FALSE;
      *value = *value * 16 + (guint)g_ascii_xdigit_value (p[i]);
    }
  return TRUE;
}

/* JSON.stringify() writes a string cut inside a character (as an
 * OpenTelemetry SDK's attribute length limit cuts it) with an unpaired
 * surrogate escape, which json-glib refuses at the end of a string and
 * elsewhere takes the next character with. Each becomes \ufffd, as long,
 * in a copy; NULL when there is none. */
static char *
mend_lone_surrogates (const char *text,
                      gsize       size)
{
  const char *end = text + size;
  char *copy = NULL;

  for (const char *p = memchr (text, '\\', size); p != NULL && p + 1 < end;
       p = memchr (p, '\\', (gsize)(end - p)))
    {
      guint unit;
      guint low;

      if (p[1] != 'u' || end - p < 6 || !hex4 (p + 2, &unit))
        {
          p += 2;   /* another escape: its character is not a backslash */
          continue;
        }
      if (unit >= 0xd800 && unit <= 0xdbff && end - p >= 12 && p[6] == '\\' && p[7] == 'u'
          && hex4 (p + 8, &low) && low >= 0xdc00 && low <= 0xdfff)
        {
          p += 12;   /* a pair */
          continue;
        }
      if (unit >= 0xd800 && unit <= 0xdfff)
        {
          if (copy == NULL)
            copy = g_memdup2 (text, size + 1);
          memcpy (copy + (p - text) + 2, "fffd", 4);
        }
      p += 6;
    }
  return copy;
}

gboolean
errata_json_parser_load (JsonParser  *parser,
                         const char  *text,
                         gssize       len,
                         GError     **error)
{
  gsize size = len < 0 ? strlen (text) : (gsize)len;
  g_autofree char *mended = NULL;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);

  if (!errata_json_check_shape (text, len, ERRATA_JSON_MAX_DEPTH, error))
    return FALSE;
  mended = mend_lone_surrogates (text, size);
  return json_parser_load_from_data (parser, mended ? mended : text, (gssize)size, error);
}

JsonNode *
errata_json_from_string (const char  *text,
                         GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);

  JsonNode *root;
  g_autofree char *mended = NULL;

  /* The fast parser gives json-glib's tree for strict JSON; anything else
   * (or nothing it can vouch for) goes the slow way, which also says what
   * is wrong. */
  if ((root = errata_json_parse_fast (text, strlen (text))) != NULL)
    return root;
  if (!errata_json_check_shape (text, -1, ERRATA_JSON_MAX_DEPTH, error))
    return NULL;
  mended = mend_lone_surrogates (text, strlen (text));
  return json_from_string (mended ? mended : text, error);
}

JsonObject *
errata_json_array_get_object (JsonArray *array,
                              guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;
  node = json_array_get_element (array, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
errata_json_member_array (JsonObject *object,
                          const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
errata_json_member_string (JsonObject *object,
                           const char *name,
                           const char *default_value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return default_value;
  return json_node_get_string (node);
}

gint64
errata_json_member_int (JsonObject *object,
                        const char *name,
                        gint64      default_value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  GType type = node != NULL ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE || type == G_TYPE_BOOLEAN)
    return json_node_get_int (node);
  return default_value;
}

gboolean
errata_json_invalid (GError     **error,
                     GQuark       domain,
                     gint         code,
                     char        *where,
                     const char  *format,
                     ...)
{
  g_autofree char *owned_where = where;
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: where a hand-written definition is wrong, then what is
   * wrong: "Check “regex”, parameter “pattern”: it is empty". */
  g_set_error (error, domain, code, _("%s: %s"), owned_where, what);
  return FALSE;
}
