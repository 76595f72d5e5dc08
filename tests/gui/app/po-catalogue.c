/* po-catalogue.c: a translation read from its .po file.
 *
 * The window shows a message as its msgid with the mnemonic underscores
 * and the markup gone, or with its format directives filled in; each
 * message is kept in those forms, and a message with a directive also as
 * a regular expression.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "po-catalogue.h"

#include <pango/pango.h>
#include <string.h>

struct _PoCatalogue
{
  GHashTable *english;    /* shown form of a msgid → the msgid */
  GHashTable *german;     /* shown form of every translation (a set) */
  GPtrArray  *patterns;   /* Pattern: msgids with a format directive */
  guint       n_translated;
};

typedef struct
{
  GRegex *english;
  GRegex *german;         /* the translation's own form, which wins */
  char   *msgid;
} Pattern;

/* One message while it is read. */
typedef struct
{
  GString   *msgctxt;
  GString   *msgid;
  GString   *msgid_plural;
  GPtrArray *msgstr;       /* GString, one per plural form */
  GString   *current;      /* what a continuation line adds to */
  gboolean   fuzzy;
  gboolean   seen_msgid;
} Entry;

static void
string_free (gpointer data)
{
  g_string_free (data, TRUE);
}

static void
pattern_free (gpointer data)
{
  Pattern *pattern = data;

  g_clear_pointer (&pattern->english, g_regex_unref);
  g_clear_pointer (&pattern->german, g_regex_unref);
  g_free (pattern->msgid);
  g_free (pattern);
}

/* Forms of a message ------------------------------------------------- */

/* "_Open" as a label shows it: "Open" ("__" is one underscore). */
static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '_' && p[1] != '\0')
        p++;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The text of a message that is markup, or NULL when it is not. */
static char *
strip_markup (const char *text)
{
  char *plain = NULL;

  if (strpbrk (text, "<&") == NULL)
    return NULL;
  if (!pango_parse_markup (text, -1, 0, NULL, &plain, NULL, NULL))
    return NULL;
  return plain;
}

static void
add_forms (GHashTable *table,
           const char *text,
           const char *msgid)
{
  g_autofree char *plain = strip_markup (text);
  g_autofree char *no_mnemonic = strip_mnemonic (text);

  g_hash_table_insert (table, g_strdup (text), g_strdup (msgid));
  g_hash_table_insert (table, g_strdup (no_mnemonic), g_strdup (msgid));
  if (plain != NULL)
    g_hash_table_insert (table, g_steal_pointer (&plain), g_strdup (msgid));
}

/* Length of the printf directive at `p` (which is '%'), 0 if none. Also
 * xgettext's "%<PRId64>" for G_GINT64_FORMAT and friends. */
static gsize
directive_length (const char *p,
                  gboolean   *is_number)
{
  const char *q = p + 1;

  if (g_str_has_prefix (q, "<PRI"))
    {
      const char *end = strchr (q, '>');

      *is_number = TRUE;
      return end != NULL ? (gsize) (end + 1 - p) : 0;
    }
  while (g_ascii_isdigit (*q) || strchr ("$-+ #0'.*", *q) != NULL)
    q++;
  while (strchr ("hlLqjzt", *q) != NULL && *q != '\0')
    q++;
  if (*q == '\0' || strchr ("diouxXeEfFgGaAcs", *q) == NULL)
    return 0;
  *is_number = *q != 's' && *q != 'c';
  return q + 1 - p;
}

/* "%d traces" → "^[-−+]?[0-9][0-9.,  ]*\ traces$"; NULL when the message
 * has no directive, or too few letters of its own to say anything (a
 * "%s: %s" fits any text). */
static char *
pattern_source (const char *message)
{
  GString *source = g_string_new ("^");
  guint n_directives = 0, n_letters = 0;

  for (const char *p = message; *p; )
    {
      gboolean is_number = FALSE;
      gsize length = *p == '%' ? directive_length (p, &is_number) : 0;

      if (length > 0)
        {
          g_string_append (source, is_number ? "[-−+]?[0-9][0-9.,  ]*" : ".+?");
          n_directives++;
          p += length;
          continue;
        }
      if (p[0] == '%' && p[1] == '%')
        p++;
      {
        const char *next = g_utf8_next_char (p);
        g_autofree char *literal = g_strndup (p, next - p);
        g_autofree char *escaped = g_regex_escape_string (literal, -1);

        n_letters += g_unichar_isalpha (g_utf8_get_char (p));
        g_string_append (source, escaped);
        p = next;
      }
    }
  g_string_append (source, "$");
  if (n_directives == 0 || n_letters < 4)
    return (g_string_free (source, TRUE), NULL);
  return g_string_free (source, FALSE);
}

static GRegex *
compile (const char *message)
{
  g_autofree char *no_mnemonic = strip_mnemonic (message);
  g_autofree char *source = pattern_source (no_mnemonic);

  if (source == NULL)
    return NULL;
  return g_regex_new (source, G_REGEX_DOTALL, 0, NULL);
}

static void
add_pattern (PoCatalogue *self,
             const char  *msgid,
             const char  *msgstr)
{
  GRegex *english = compile (msgid);
  Pattern *pattern;

  if (english == NULL)
    return;
  pattern = g_new0 (Pattern, 1);
  pattern->english = english;
  pattern->german = compile (msgstr);
  pattern->msgid = g_strdup (msgid);
  g_ptr_array_add (self->patterns, pattern);
}

/* Reading ------------------------------------------------------------ */

static void
entry_reset (Entry *entry)
{
  g_string_truncate (entry->msgctxt, 0);
  g_string_truncate (entry->msgid, 0);
  g_string_truncate (entry->msgid_plural, 0);
  g_ptr_array_set_size (entry->msgstr, 0);
  entry->current = NULL;
  entry->fuzzy = FALSE;
  entry->seen_msgid = FALSE;
}

static void
add_message (PoCatalogue *self,
             const char  *english,
             const char  *german)
{
  if (*german == '\0' || g_strcmp0 (english, german) == 0)
    return;
  add_forms (self->english, english, english);
  add_pattern (self, english, german);
  self->n_translated++;
}

static void
entry_flush (PoCatalogue *self,
             Entry       *entry)
{
  if (entry->seen_msgid && entry->msgid->len > 0 && !entry->fuzzy && entry->msgstr->len > 0)
    {
      GString *singular = g_ptr_array_index (entry->msgstr, 0);
      GString *plural = g_ptr_array_index (entry->msgstr, entry->msgstr->len - 1);

      for (guint i = 0; i < entry->msgstr->len; i++)
        {
          GString *form = g_ptr_array_index (entry->msgstr, i);

          if (form->len > 0)
            add_forms (self->german, form->str, form->str);
        }
      add_message (self, entry->msgid->str, singular->str);
      if (entry->msgid_plural->len > 0)
        add_message (self, entry->msgid_plural->str, plural->str);
    }
  entry_reset (entry);
}

/* The text between the quotes of `line`, unescaped. */
static char *
quoted (const char *line)
{
  const char *start = strchr (line, '"');
  const char *end = strrchr (line, '"');
  g_autofree char *inner = NULL;

  if (start == NULL || end <= start)
    return g_strdup ("");
  inner = g_strndup (start + 1, end - start - 1);
  return g_strcompress (inner);
}

static GString *
new_msgstr (Entry *entry)
{
  GString *form = g_string_new (NULL);

  g_ptr_array_add (entry->msgstr, form);
  return form;
}

static void
read_line (PoCatalogue *self,
           Entry       *entry,
           const char  *line)
{
  g_autofree char *text = quoted (line);

  if (*line == '\0')
    entry_flush (self, entry);
  else if (g_str_has_prefix (line, "#,"))
    entry->fuzzy |= strstr (line, "fuzzy") != NULL;
  else if (*line == '#')
    return;   /* comments, and obsolete messages (#~) */
  else if (g_str_has_prefix (line, "msgctxt "))
    {
      if (entry->msgstr->len > 0)
        entry_flush (self, entry);
      entry->current = entry->msgctxt;
    }
  else if (g_str_has_prefix (line, "msgid_plural "))
    entry->current = entry->msgid_plural;
  else if (g_str_has_prefix (line, "msgid "))
    {
      if (entry->msgstr->len > 0)
        entry_flush (self, entry);
      entry->seen_msgid = TRUE;
      entry->current = entry->msgid;
    }
  else if (g_str_has_prefix (line, "msgstr"))
    entry->current = new_msgstr (entry);
  if (entry->current != NULL && strchr (line, '"') != NULL && *line != '#')
    g_string_append (entry->current, text);
}

PoCatalogue *
po_catalogue_load (const char  *path,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  PoCatalogue *self;
  Entry entry = {
    g_string_new (NULL), g_string_new (NULL), g_string_new (NULL),
    g_ptr_array_new_with_free_func (string_free),
    NULL, FALSE, FALSE,
  };

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  self = g_new0 (PoCatalogue, 1);
  self->english = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->german = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->patterns = g_ptr_array_new_with_free_func (pattern_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    read_line (self, &entry, g_strchomp (lines[i]));
  entry_flush (self, &entry);

  g_string_free (entry.msgctxt, TRUE);
  g_string_free (entry.msgid, TRUE);
  g_string_free (entry.msgid_plural, TRUE);
  g_ptr_array_unref (entry.msgstr);
  return self;
}

void
po_catalogue_free (PoCatalogue *self)
{
  g_hash_table_unref (self->english);
  g_hash_table_unref (self->german);
  g_ptr_array_unref (self->patterns);
  g_free (self);
}

guint
po_catalogue_get_n_translated (PoCatalogue *self)
{
  return self->n_translated;
}

const char *
po_catalogue_find_untranslated (PoCatalogue *self,
                                const char  *text)
{
  const char *msgid;

  if (text == NULL || *text == '\0' || g_hash_table_contains (self->german, text))
    return NULL;
  if ((msgid = g_hash_table_lookup (self->english, text)) != NULL)
    return msgid;
  for (guint i = 0; i < self->patterns->len; i++)
    {
      Pattern *pattern = g_ptr_array_index (self->patterns, i);

      if (g_regex_match (pattern->english, text, 0, NULL) &&
          (pattern->german == NULL || !g_regex_match (pattern->german, text, 0, NULL)))
        return pattern->msgid;
    }
  return NULL;
}
