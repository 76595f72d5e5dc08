/* errata-metainfo.c
 *
 * Two passes over the metainfo with GMarkup: the first finds the release
 * and the languages its description is translated into; the second
 * writes that description's blocks. In a merged metainfo a translation
 * follows its untranslated element as a sibling of the same name
 * (<p>…</p><p xml:lang="de">…</p>), so an untranslated paragraph is held
 * back until the next sibling shows whether it has a translation in the
 * chosen language.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-metainfo.h"

#include <string.h>

typedef struct
{
  /* What to look for. */
  const char *version;          /* NULL: the first release */
  const char *language;         /* NULL: untranslated text */
  gboolean    collect;          /* second pass: write the blocks */

  /* Where the parser is. */
  guint       depth_in_release; /* 0 outside the chosen release */
  gboolean    in_description;
  gboolean    release_done;

  /* Found in the first pass. */
  char       *found_version;
  GHashTable *languages;        /* xml:lang values in the description */

  /* The second pass's output. */
  GString    *out;
  GString    *block;            /* the <p> or <li> being read, NULL outside */
  char       *block_lang;
  char       *block_name;
  char       *pending;          /* an untranslated block waiting for its sibling */
  char       *pending_name;
  gboolean    chosen_seen;      /* the pending block's translation was written */
} Notes;

static const char *
find_attribute (const char **names,
                const char **values,
                const char  *wanted)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], wanted))
      return values[i];
  return NULL;
}

static gboolean
is_block (const char *name)
{
  return g_str_equal (name, "p") || g_str_equal (name, "li");
}

static gboolean
is_list (const char *name)
{
  return g_str_equal (name, "ul") || g_str_equal (name, "ol");
}

static void
flush_pending (Notes *notes)
{
  if (notes->pending != NULL)
    g_string_append (notes->out, notes->pending);
  g_clear_pointer (&notes->pending, g_free);
  g_clear_pointer (&notes->pending_name, g_free);
}

static void
on_start (GMarkupParseContext  *context,
          const char           *name,
          const char          **attribute_names,
          const char          **attribute_values,
          gpointer              data,
          GError              **error)
{
  Notes *notes = data;
  const char *lang = find_attribute (attribute_names, attribute_values, "xml:lang");

  if (notes->depth_in_release == 0)
    {
      const char *version = find_attribute (attribute_names, attribute_values, "version");

      if (g_str_equal (name, "release") && !notes->release_done && version != NULL &&
          (notes->version == NULL || g_str_equal (version, notes->version)))
        {
          notes->depth_in_release = 1;
          g_free (notes->found_version);
          notes->found_version = g_strdup (version);
        }
      return;
    }

  notes->depth_in_release++;
  if (g_str_equal (name, "description") && notes->depth_in_release == 2)
    {
      notes->in_description = TRUE;
      return;
    }
  if (!notes->in_description)
    return;

  if (lang != NULL)
    g_hash_table_add (notes->languages, g_strdup (lang));
  if (!notes->collect)
    return;

  if (notes->block != NULL)
    {
      /* <em> and <code> inside a paragraph */
      g_string_append_printf (notes->block, "<%s>", name);
      return;
    }
  if (is_list (name))
    {
      flush_pending (notes);
      g_string_append_printf (notes->out, "<%s>", name);
      return;
    }
  if (is_block (name))
    {
      notes->block = g_string_new (NULL);
      notes->block_lang = g_strdup (lang);
      notes->block_name = g_strdup (name);
    }
}

/* A block ended: write it, hold it, or drop it. */
static void
end_block (Notes *notes)
{
  g_autofree char *text = g_strdup_printf ("<%s>%s</%s>", notes->block_name, notes->block->str,
                                           notes->block_name);

  if (notes->block_lang == NULL)
    {
      flush_pending (notes);
      if (notes->language == NULL)
        g_string_append (notes->out, text);
      else
        {
          notes->pending = g_steal_pointer (&text);
          notes->pending_name = g_strdup (notes->block_name);
        }
    }
  else if (g_strcmp0 (notes->block_lang, notes->language) == 0)
    {
      /* The translation replaces the untranslated sibling held back. */
      g_clear_pointer (&notes->pending, g_free);
      g_clear_pointer (&notes->pending_name, g_free);
      g_string_append (notes->out, text);
    }

  g_string_free (g_steal_pointer (&notes->block), TRUE);
  g_clear_pointer (&notes->block_lang, g_free);
  g_clear_pointer (&notes->block_name, g_free);
}

static void
on_end (GMarkupParseContext  *context,
        const char           *name,
        gpointer              data,
        GError              **error)
{
  Notes *notes = data;

  if (notes->depth_in_release == 0)
    return;
  notes->depth_in_release--;
  if (notes->depth_in_release == 0)
    {
      notes->release_done = TRUE;
      return;
    }
  if (notes->in_description && notes->depth_in_release == 1 && g_str_equal (name, "description"))
    {
      notes->in_description = FALSE;
      if (notes->collect)
        flush_pending (notes);
      return;
    }
  if (!notes->in_description || !notes->collect)
    return;

  if (notes->block != NULL && g_strcmp0 (name, notes->block_name) == 0)
    end_block (notes);
  else if (notes->block != NULL)
    g_string_append_printf (notes->block, "</%s>", name);
  else if (is_list (name))
    {
      flush_pending (notes);
      g_string_append_printf (notes->out, "</%s>", name);
    }
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              data,
         GError              **error)
{
  Notes *notes = data;
  g_autofree char *escaped = NULL;

  if (notes->block == NULL)
    return;
  escaped = g_markup_escape_text (text, length);
  g_string_append (notes->block, escaped);
}

static const GMarkupParser parser = { on_start, on_end, on_text, NULL, NULL };

static gboolean
parse (Notes       *notes,
       const char  *xml,
       gssize       length,
       GError     **error)
{
  g_autoptr(GMarkupParseContext) context =
    g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, notes, NULL);

  notes->depth_in_release = 0;
  notes->in_description = FALSE;
  notes->release_done = FALSE;
  return g_markup_parse_context_parse (context, xml, length, error) &&
         g_markup_parse_context_end_parse (context, error);
}

static void
notes_clear (Notes *notes)
{
  g_clear_pointer (&notes->found_version, g_free);
  g_clear_pointer (&notes->languages, g_hash_table_unref);
  if (notes->out != NULL)
    g_string_free (notes->out, TRUE);
  if (notes->block != NULL)
    g_string_free (notes->block, TRUE);
  g_clear_pointer (&notes->block_lang, g_free);
  g_clear_pointer (&notes->block_name, g_free);
  g_clear_pointer (&notes->pending, g_free);
  g_clear_pointer (&notes->pending_name, g_free);
}

static const char *
choose_language (GHashTable         *present,
                 const char * const *languages)
{
  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    if (g_hash_table_contains (present, languages[i]))
      return languages[i];
  return NULL;
}

char *
errata_metainfo_release_notes (const char          *xml,
                               gssize               length,
                               const char          *version,
                               const char * const  *languages,
                               char               **out_version,
                               GError             **error)
{
  Notes notes = { 0 };
  g_autofree char *chosen = NULL;
  char *result = NULL;

  g_return_val_if_fail (xml != NULL, NULL);

  notes.languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  notes.version = version;
  if (!parse (&notes, xml, length, error))
    goto out;
  if (notes.found_version == NULL && version != NULL)
    {
      /* Not listed (a development build): the newest release. */
      notes.version = NULL;
      if (!parse (&notes, xml, length, error))
        goto out;
    }
  if (notes.found_version == NULL)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                           "the metainfo lists no release");
      goto out;
    }

  /* The last pass writes found_version again: look for a copy. */
  chosen = g_strdup (notes.found_version);
  notes.version = chosen;
  notes.language = choose_language (notes.languages, languages);
  notes.collect = TRUE;
  notes.out = g_string_new (NULL);
  if (!parse (&notes, xml, length, error))
    goto out;

  if (out_version != NULL)
    *out_version = g_strdup (notes.found_version);
  result = g_string_free (g_steal_pointer (&notes.out), FALSE);

out:
  notes_clear (&notes);
  return result;
}
