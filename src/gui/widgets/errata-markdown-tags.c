/* errata-markdown-tags.c: the text tags Markdown is shown with, in light and
 * dark.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-markdown-private.h"

const char *
_errata_markdown_intern_take (char *name)
{
  const char *interned = g_intern_string (name);

  g_free (name);
  return interned;
}

static void
add_tag (GtkTextTagTable *table,
         const char      *name,
         const char      *first_property,
         ...)
{
  GtkTextTag *tag = gtk_text_tag_new (name);
  va_list args;

  va_start (args, first_property);
  g_object_set_valist (G_OBJECT (tag), first_property, args);
  va_end (args);
  gtk_text_tag_table_add (table, tag);
  g_object_unref (tag);
}

char *
errata_markdown_dup_heading_tag (guint level)
{
  return g_strdup_printf ("h%u", CLAMP (level, 1, 6));
}

char *
errata_markdown_dup_indent_tag (guint depth)
{
  return g_strdup_printf ("indent-%u", CLAMP (depth, 1, ERRATA_MARKDOWN_MAX_DEPTH));
}

static void
add_heading_tags (GtkTextTagTable *table)
{
  static const double scales[] = { 1.45, 1.25, 1.12, 1.0, 1.0, 1.0 };

  for (guint level = 1; level <= 6; level++)
    {
      g_autofree char *name = errata_markdown_dup_heading_tag (level);

      add_tag (table, name,
               "weight", level <= 4 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_SEMIBOLD,
               "scale", scales[level - 1],
               "pixels-above-lines", level <= 2 ? 10 : 6,
               "pixels-below-lines", 4,
               NULL);
    }
}

/* Nested list levels: a hanging indent so that wrapped lines align with
 * the text after the bullet, not with the bullet. */
static void
add_indent_tags (GtkTextTagTable *table)
{
  for (guint depth = 1; depth <= ERRATA_MARKDOWN_MAX_DEPTH; depth++)
    {
      g_autofree char *name = errata_markdown_dup_indent_tag (depth);

      add_tag (table, name,
               "left-margin", 6 + 22 * depth,
               "indent", -18,
               NULL);
    }
}

static void
add_block_tags (GtkTextTagTable *table)
{
  add_tag (table, ERRATA_MARKDOWN_TAG_PARAGRAPH, "pixels-below-lines", 10, NULL);
  add_tag (table, ERRATA_MARKDOWN_TAG_LIST_ITEM, "pixels-below-lines", 4, NULL);
  add_tag (table, ERRATA_MARKDOWN_TAG_CODE_BLOCK,
           "family", "monospace",
           "left-margin", 12,
           "right-margin", 12,
           "pixels-above-lines", 1,
           "pixels-below-lines", 1,
           "wrap-mode", GTK_WRAP_CHAR,
           NULL);
  add_tag (table, ERRATA_MARKDOWN_TAG_QUOTE,
           "left-margin", 18,
           "style", PANGO_STYLE_ITALIC,
           "pixels-below-lines", 6,
           NULL);
  add_tag (table, ERRATA_MARKDOWN_TAG_TABLE,
           "family", "monospace",
           "wrap-mode", GTK_WRAP_NONE,
           "pixels-below-lines", 2,
           NULL);
  add_tag (table, ERRATA_MARKDOWN_TAG_TABLE_HEAD, "weight", PANGO_WEIGHT_BOLD, NULL);
  /* The last line of a list, table, code block or quote: a gap before
   * what follows, created late so that it wins over the block's own. */
  add_tag (table, BLOCK_END_TAG, "pixels-below-lines", 10, NULL);
  add_tag (table, ERRATA_MARKDOWN_TAG_RULE,
           "justification", GTK_JUSTIFY_CENTER,
           "pixels-above-lines", 4,
           "pixels-below-lines", 10,
           NULL);
}

static void
add_span_tags (GtkTextTagTable *table)
{
  add_tag (table, ERRATA_MARKDOWN_TAG_STRONG, "weight", PANGO_WEIGHT_BOLD, NULL);
  add_tag (table, ERRATA_MARKDOWN_TAG_EMPHASIS, "style", PANGO_STYLE_ITALIC, NULL);
  add_tag (table, ERRATA_MARKDOWN_TAG_STRIKE, "strikethrough", TRUE, NULL);
  add_tag (table, ERRATA_MARKDOWN_TAG_CODE, "family", "monospace", NULL);
  add_tag (table, ERRATA_MARKDOWN_TAG_LINK, "underline", PANGO_UNDERLINE_SINGLE, NULL);
}

/* The headings and lists are created after the spans: a later tag wins,
 * so the deepest indent applies to a nested item. */
void
_errata_markdown_add_all_tags (GtkTextTagTable *table)
{
  add_span_tags (table);
  add_block_tags (table);
  add_heading_tags (table);
  add_indent_tags (table);
  errata_markdown_set_dark (table, FALSE);
}

GtkTextTagTable *
errata_markdown_new_tag_table (void)
{
  GtkTextTagTable *table = gtk_text_tag_table_new ();

  _errata_markdown_add_all_tags (table);
  return table;
}

static void
set_tag_colors (GtkTextTagTable *table,
                const char      *name,
                const char      *foreground,
                const char      *background,
                const char      *paragraph)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);

  g_return_if_fail (tag != NULL);
  if (foreground != NULL)
    g_object_set (tag, "foreground", foreground, NULL);
  if (background != NULL)
    g_object_set (tag, "background", background, NULL);
  if (paragraph != NULL)
    g_object_set (tag, "paragraph-background", paragraph, NULL);
}

/* Tag colours cannot follow CSS, so the view calls this whenever the
 * style switches between light and dark. The greys are translucent so
 * they sit well on any card colour. */
void
errata_markdown_set_dark (GtkTextTagTable *table,
                          gboolean         dark)
{
  g_return_if_fail (GTK_IS_TEXT_TAG_TABLE (table));

  set_tag_colors (table, ERRATA_MARKDOWN_TAG_LINK, dark ? "#78aeed" : "#1c71d8", NULL, NULL);
  set_tag_colors (table, ERRATA_MARKDOWN_TAG_CODE, NULL,
                  dark ? "rgba(255,255,255,0.10)" : "rgba(0,0,0,0.06)", NULL);
  set_tag_colors (table, ERRATA_MARKDOWN_TAG_CODE_BLOCK, NULL, NULL,
                  dark ? "rgba(255,255,255,0.07)" : "rgba(0,0,0,0.045)");
  set_tag_colors (table, ERRATA_MARKDOWN_TAG_QUOTE,
                  dark ? "rgba(255,255,255,0.68)" : "rgba(0,0,0,0.62)", NULL, NULL);
  set_tag_colors (table, ERRATA_MARKDOWN_TAG_RULE,
                  dark ? "rgba(255,255,255,0.35)" : "rgba(0,0,0,0.3)", NULL, NULL);
}
