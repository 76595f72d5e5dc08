/* errata-markdown.c: Markdown (md4c) rendered into a GtkTextBuffer.
 *
 * md4c parses; the callbacks below collect the plain text in one string
 * and remember which tag covers which character range. The buffer then
 * gets a single insert and one apply_tag per range, which keeps a long
 * message (tens of kilobytes) well under a millisecond per kilobyte.
 *
 * Trace text is never markup: it goes into the buffer as text, and the
 * look comes from GtkTextTags only.
 *
 * The tag table is in errata-markdown-tags.c, clickable links in
 * errata-markdown-links.c, over errata-markdown-private.h.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <md4c.h>
#include <string.h>

#include "errata-markdown-private.h"

typedef struct
{
  const char *tag;   /* a named tag, or NULL for a link's own tag */
  char       *url;
  glong       start;
  glong       end;
} Range;

typedef struct
{
  gboolean ordered;
  guint    next;
} List;

typedef struct
{
  GString   *text;
  glong      n_chars;
  glong      line_start;       /* where the current line starts */
  glong      last_line_start;  /* where the line before it starts */
  GArray    *ranges;     /* Range, closed */
  GArray    *open;       /* Range, still open (a stack) */
  GArray    *lists;      /* List (a stack) */
  gboolean   after_marker;

  /* A table is collected whole, then laid out in aligned columns. */
  GPtrArray *rows;       /* GPtrArray of cell strings */
  GArray    *aligns;     /* MD_ALIGN per column */
  guint      head_rows;
  GString   *cell;
} Renderer;

static const char *bullets[] = { "•", "◦", "▪" };

/* Collecting text and ranges ------------------------------------------ */

/* Line starts, in characters, for the block-end gap. */
static void
track_lines (Renderer   *r,
             const char *text,
             gsize       len)
{
  const char *p = text;
  const char *newline;
  glong chars = r->n_chars;

  while ((newline = memchr (p, '\n', len - (p - text))) != NULL)
    {
      chars += g_utf8_strlen (p, newline + 1 - p);
      r->last_line_start = r->line_start;
      r->line_start = chars;
      p = newline + 1;
    }
}

static void
append (Renderer   *r,
        const char *text,
        gsize       len)
{
  if (r->cell != NULL)
    {
      g_string_append_len (r->cell, text, len);
      return;
    }
  g_string_append_len (r->text, text, len);
  track_lines (r, text, len);
  r->n_chars += g_utf8_strlen (text, len);
  r->after_marker = FALSE;
}

static void
ensure_line_start (Renderer *r)
{
  if (r->text->len > 0 && r->text->str[r->text->len - 1] != '\n')
    append (r, "\n", 1);
}

static void
begin_range (Renderer   *r,
            const char *tag,
            char       *url)
{
  Range range = { tag, url, r->n_chars, -1 };

  g_array_append_val (r->open, range);
}

static void
end_range (Renderer *r)
{
  Range range;

  g_assert (r->open->len > 0);
  range = g_array_index (r->open, Range, r->open->len - 1);
  /* The copy owns the url now; shrinking the array must not free it. */
  g_array_index (r->open, Range, r->open->len - 1).url = NULL;
  g_array_set_size (r->open, r->open->len - 1);
  range.end = r->n_chars;
  if (range.end > range.start)
    g_array_append_val (r->ranges, range);
  else
    g_free (range.url);
}

/* Called when a block has just ended with a newline: its last line is
 * the one before the (empty) current one. */
static void
mark_block_end (Renderer *r)
{
  Range range = { BLOCK_END_TAG, NULL, r->last_line_start, r->n_chars };

  if (r->cell == NULL && range.end > range.start)
    g_array_append_val (r->ranges, range);
}

/* Entities ------------------------------------------------------------ */

static gunichar
decode_entity (const char *text,
               gsize       len)
{
  static const struct { const char *name; gunichar c; } named[] = {
    { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' },
    { "&apos;", '\'' }, { "&nbsp;", 0xa0 }, { "&copy;", 0xa9 },
    { "&ndash;", 0x2013 }, { "&mdash;", 0x2014 }, { "&hellip;", 0x2026 },
  };
  g_autofree char *entity = g_strndup (text, len);

  if (len > 3 && entity[1] == '#')
    {
      gboolean hex = entity[2] == 'x' || entity[2] == 'X';
      guint64 value = g_ascii_strtoull (entity + (hex ? 3 : 2), NULL, hex ? 16 : 10);

      return g_unichar_validate (value) && value != 0 ? (gunichar) value : 0xfffd;
    }
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (strcmp (entity, named[i].name) == 0)
      return named[i].c;
  return 0;
}

static void
append_entity (Renderer   *r,
               const char *text,
               gsize       len)
{
  gunichar c = decode_entity (text, len);
  char utf8[6];

  if (c == 0)
    append (r, text, len);
  else
    append (r, utf8, g_unichar_to_utf8 (c, utf8));
}

/* Tables -------------------------------------------------------------- */

static guint
cell_width (const char *cell)
{
  return g_utf8_strlen (cell, -1);
}

static void
append_padded (Renderer   *r,
               const char *cell,
               guint       width,
               MD_ALIGN    align)
{
  guint pad = width - cell_width (cell);
  guint before = align == MD_ALIGN_RIGHT ? pad : align == MD_ALIGN_CENTER ? pad / 2 : 0;
  g_autofree char *left = g_strnfill (before, ' ');
  g_autofree char *right = g_strnfill (pad - before, ' ');

  append (r, left, before);
  append (r, cell, strlen (cell));
  append (r, right, pad - before);
}

static GArray *
column_widths (Renderer *r)
{
  GArray *widths = g_array_new (FALSE, TRUE, sizeof (guint));

  for (guint i = 0; i < r->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (r->rows, i);

      if (widths->len < row->len)
        g_array_set_size (widths, row->len);
      for (guint c = 0; c < row->len; c++)
        g_array_index (widths, guint, c) = MAX (g_array_index (widths, guint, c),
                                               cell_width (g_ptr_array_index (row, c)));
    }
  return widths;
}

static void
append_rule_line (Renderer *r,
                  GArray   *widths)
{
  for (guint c = 0; c < widths->len; c++)
    {
      if (c > 0)
        append (r, "─┼─", strlen ("─┼─"));
      for (guint i = 0; i < g_array_index (widths, guint, c); i++)
        append (r, "─", strlen ("─"));
    }
  append (r, "\n", 1);
}

static void
append_row (Renderer  *r,
            GPtrArray *row,
            GArray    *widths)
{
  for (guint c = 0; c < widths->len; c++)
    {
      const char *cell = c < row->len ? g_ptr_array_index (row, c) : "";
      MD_ALIGN align = c < r->aligns->len ? g_array_index (r->aligns, MD_ALIGN, c)
                                          : MD_ALIGN_DEFAULT;

      if (c > 0)
        append (r, " │ ", strlen (" │ "));
      append_padded (r, cell, g_array_index (widths, guint, c), align);
    }
  append (r, "\n", 1);
}

/* Monospace columns padded to the widest cell: no grid widget inside a
 * text buffer, but the table reads as one. */
static void
flush_table (Renderer *r)
{
  g_autoptr(GArray) widths = column_widths (r);

  ensure_line_start (r);
  begin_range (r, ERRATA_MARKDOWN_TAG_TABLE, NULL);
  for (guint i = 0; i < r->rows->len; i++)
    {
      if (i < r->head_rows)
        begin_range (r, ERRATA_MARKDOWN_TAG_TABLE_HEAD, NULL);
      append_row (r, g_ptr_array_index (r->rows, i), widths);
      if (i < r->head_rows)
        end_range (r);
      if (i + 1 == r->head_rows)
        append_rule_line (r, widths);
    }
  end_range (r);
  g_clear_pointer (&r->rows, g_ptr_array_unref);
  g_array_set_size (r->aligns, 0);
}

/* md4c callbacks ------------------------------------------------------ */

static void
enter_list_item (Renderer        *r,
                 MD_BLOCK_LI_DETAIL *detail)
{
  guint depth = MAX (r->lists->len, 1);
  List *list = r->lists->len ? &g_array_index (r->lists, List, r->lists->len - 1) : NULL;
  g_autofree char *marker = NULL;

  ensure_line_start (r);
  begin_range (r, _errata_markdown_intern_take (errata_markdown_dup_indent_tag (depth)), NULL);
  begin_range (r, ERRATA_MARKDOWN_TAG_LIST_ITEM, NULL);
  if (detail->is_task)
    marker = g_strdup (detail->task_mark == ' ' ? "☐" : "☑");
  else if (list != NULL && list->ordered)
    marker = g_strdup_printf ("%u.", list->next++);
  else
    marker = g_strdup (bullets[(depth - 1) % G_N_ELEMENTS (bullets)]);
  append (r, marker, strlen (marker));
  append (r, "  ", 2);
  r->after_marker = TRUE;
}

static void
enter_table_block (Renderer    *r,
                   MD_BLOCKTYPE type,
                   void        *detail)
{
  if (type == MD_BLOCK_TABLE)
    {
      r->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      r->head_rows = ((MD_BLOCK_TABLE_DETAIL *) detail)->head_row_count;
    }
  else if (type == MD_BLOCK_TR)
    g_ptr_array_add (r->rows, g_ptr_array_new_with_free_func (g_free));
  else if (type == MD_BLOCK_TH || type == MD_BLOCK_TD)
    {
      GPtrArray *row = g_ptr_array_index (r->rows, r->rows->len - 1);
      MD_ALIGN align = ((MD_BLOCK_TD_DETAIL *) detail)->align;

      if (r->aligns->len <= row->len)
        g_array_append_val (r->aligns, align);
      r->cell = g_string_new (NULL);
    }
}

static int
enter_block (MD_BLOCKTYPE type,
             void        *detail,
             void        *data)
{
  Renderer *r = data;
  guint level;

  switch ((int) type)
    {
    case MD_BLOCK_P:
      if (!r->after_marker)
        ensure_line_start (r);
      begin_range (r, ERRATA_MARKDOWN_TAG_PARAGRAPH, NULL);
      break;
    case MD_BLOCK_H:
      level = ((MD_BLOCK_H_DETAIL *) detail)->level;
      ensure_line_start (r);
      begin_range (r, _errata_markdown_intern_take (errata_markdown_dup_heading_tag (level)), NULL);
      break;
    case MD_BLOCK_CODE:
      ensure_line_start (r);
      begin_range (r, ERRATA_MARKDOWN_TAG_CODE_BLOCK, NULL);
      break;
    case MD_BLOCK_QUOTE:
      ensure_line_start (r);
      begin_range (r, ERRATA_MARKDOWN_TAG_QUOTE, NULL);
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      {
        List list = { type == MD_BLOCK_OL,
                      type == MD_BLOCK_OL ? ((MD_BLOCK_OL_DETAIL *) detail)->start : 0 };

        g_array_append_val (r->lists, list);
        break;
      }
    case MD_BLOCK_LI:
      enter_list_item (r, detail);
      break;
    case MD_BLOCK_HR:
      ensure_line_start (r);
      begin_range (r, ERRATA_MARKDOWN_TAG_RULE, NULL);
      append (r, "───────────────", strlen ("───────────────"));
      break;
    case MD_BLOCK_HTML:
      ensure_line_start (r);
      break;
    default:
      enter_table_block (r, type, detail);
    }
  return 0;
}

static void
leave_cell (Renderer *r)
{
  GPtrArray *row = g_ptr_array_index (r->rows, r->rows->len - 1);
  GString *cell = g_steal_pointer (&r->cell);

  g_ptr_array_add (row, g_strstrip (g_string_free (cell, FALSE)));
}

static int
leave_block (MD_BLOCKTYPE type,
             void        *detail,
             void        *data)
{
  Renderer *r = data;

  switch ((int) type)
    {
    case MD_BLOCK_P:
    case MD_BLOCK_H:
      ensure_line_start (r);
      end_range (r);
      break;
    case MD_BLOCK_CODE:
    case MD_BLOCK_QUOTE:
      ensure_line_start (r);
      end_range (r);
      mark_block_end (r);
      break;
    case MD_BLOCK_HR:
      append (r, "\n", 1);
      end_range (r);
      break;
    case MD_BLOCK_LI:
      ensure_line_start (r);
      end_range (r);
      end_range (r);
      break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      g_array_set_size (r->lists, r->lists->len - 1);
      if (r->lists->len == 0)
        mark_block_end (r);
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      leave_cell (r);
      break;
    case MD_BLOCK_TABLE:
      flush_table (r);
      mark_block_end (r);
      break;
    default:
      break;
    }
  return 0;
}

static const char *
span_tag (MD_SPANTYPE type)
{
  switch ((int) type)
    {
    case MD_SPAN_EM:
      return ERRATA_MARKDOWN_TAG_EMPHASIS;
    case MD_SPAN_STRONG:
      return ERRATA_MARKDOWN_TAG_STRONG;
    case MD_SPAN_DEL:
      return ERRATA_MARKDOWN_TAG_STRIKE;
    case MD_SPAN_CODE:
      return ERRATA_MARKDOWN_TAG_CODE;
    case MD_SPAN_A:
    case MD_SPAN_IMG:
      return ERRATA_MARKDOWN_TAG_LINK;
    default:
      return NULL;
    }
}

/* Spans inside table cells are dropped: a cell is laid out as plain
 * monospace text. */
static int
enter_span (MD_SPANTYPE type,
            void       *detail,
            void       *data)
{
  Renderer *r = data;
  const char *tag = span_tag (type);

  if (r->cell != NULL || tag == NULL)
    return 0;
  begin_range (r, tag, NULL);
  if (type == MD_SPAN_A || type == MD_SPAN_IMG)
    {
      const MD_ATTRIBUTE *href = type == MD_SPAN_A ? &((MD_SPAN_A_DETAIL *) detail)->href
                                                   : &((MD_SPAN_IMG_DETAIL *) detail)->src;

      begin_range (r, NULL, g_strndup (href->text, href->size));
    }
  return 0;
}

/* Whether the innermost open ranges are the ones enter_span() opened for
 * a span of this type: its tag, and for a link the url range above it. */
static gboolean
span_is_open (Renderer    *r,
              MD_SPANTYPE  type)
{
  guint n = r->open->len;
  gboolean link = type == MD_SPAN_A || type == MD_SPAN_IMG;
  Range *top;

  if (n < (link ? 2u : 1u))
    return FALSE;
  top = &g_array_index (r->open, Range, n - 1);
  if (link)
    {
      if (top->tag != NULL)
        return FALSE;
      top = &g_array_index (r->open, Range, n - 2);
    }
  return top->tag == span_tag (type);
}

static int
leave_span (MD_SPANTYPE type,
            void       *detail,
            void       *data)
{
  Renderer *r = data;

  if (r->cell != NULL || span_tag (type) == NULL)
    return 0;
  /* md4c 0.4.8 can leave a span it never entered: in "ftp://.c*t*" the
   * permissive autolink swallows the emphasis's start but not its end
   * (found by fuzzing). Only a span this renderer opened is closed. */
  if (!span_is_open (r, type))
    return 0;
  if (type == MD_SPAN_A || type == MD_SPAN_IMG)
    end_range (r);
  end_range (r);
  return 0;
}

static int
text_cb (MD_TEXTTYPE    type,
         const MD_CHAR *text,
         MD_SIZE        size,
         void          *data)
{
  Renderer *r = data;

  switch ((int) type)
    {
    case MD_TEXT_NULLCHAR:
      append (r, "\xef\xbf\xbd", 3);
      break;
    case MD_TEXT_BR:
      append (r, "\n", 1);
      break;
    case MD_TEXT_SOFTBR:
      append (r, " ", 1);
      break;
    case MD_TEXT_ENTITY:
      append_entity (r, text, size);
      break;
    default:
      append (r, text, size);
    }
  return 0;
}

/* Into the buffer ----------------------------------------------------- */

/* Any buffer can be rendered into; one that did not come with the
 * table from errata_markdown_new_tag_table() gets the tags now. */
static void
ensure_tags (GtkTextBuffer *buffer)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);

  if (gtk_text_tag_table_lookup (table, ERRATA_MARKDOWN_TAG_STRONG) == NULL)
    _errata_markdown_add_all_tags (table);
}

static GtkTextTag *
create_link_tag (GtkTextBuffer *buffer,
                 char          *url)
{
  GtkTextTag *tag = gtk_text_buffer_create_tag (buffer, NULL, NULL);

  g_object_set_data_full (G_OBJECT (tag), URL_KEY, url, g_free);
  return tag;
}

static void
apply_ranges (GtkTextBuffer *buffer,
              Renderer      *r,
              int            base)
{
  for (guint i = 0; i < r->ranges->len; i++)
    {
      Range *range = &g_array_index (r->ranges, Range, i);
      glong end = MIN (range->end, r->n_chars);
      GtkTextIter start_iter, end_iter;

      if (end <= range->start)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, base + range->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, base + end);
      if (range->tag != NULL)
        gtk_text_buffer_apply_tag_by_name (buffer, range->tag, &start_iter, &end_iter);
      else
        gtk_text_buffer_apply_tag (buffer, create_link_tag (buffer, g_steal_pointer (&range->url)),
                                   &start_iter, &end_iter);
    }
}

static void
clear_range (gpointer data)
{
  g_free (((Range *) data)->url);
}

static void
renderer_clear (Renderer *r)
{
  g_string_free (r->text, TRUE);
  g_array_unref (r->ranges);
  g_array_unref (r->open);
  g_array_unref (r->lists);
  g_array_unref (r->aligns);
  g_clear_pointer (&r->rows, g_ptr_array_unref);
  if (r->cell != NULL)
    g_string_free (r->cell, TRUE);
}

static void
renderer_init (Renderer *r)
{
  memset (r, 0, sizeof *r);
  r->text = g_string_new (NULL);
  r->ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  g_array_set_clear_func (r->ranges, clear_range);
  r->open = g_array_new (FALSE, FALSE, sizeof (Range));
  g_array_set_clear_func (r->open, clear_range);
  r->lists = g_array_new (FALSE, FALSE, sizeof (List));
  r->aligns = g_array_new (FALSE, FALSE, sizeof (MD_ALIGN));
}

/* Drops trailing blank lines: the last paragraph needs no gap below. */
static void
trim_end (Renderer *r)
{
  while (r->text->len > 0 && r->text->str[r->text->len - 1] == '\n')
    {
      g_string_truncate (r->text, r->text->len - 1);
      r->n_chars--;
    }
}

/**
 * errata_markdown_render:
 * @buffer: where the text goes (appended at the end)
 * @markdown: the Markdown source (GitHub dialect: tables, strikethrough,
 *   task lists, autolinks); raw HTML is shown as text
 * @length: bytes, or -1 when NUL-terminated
 */
void
errata_markdown_render (GtkTextBuffer *buffer,
                        const char    *markdown,
                        gssize         length)
{
  MD_PARSER parser = {
    .abi_version = 0,
    .flags = MD_DIALECT_GITHUB,
    .enter_block = enter_block,
    .leave_block = leave_block,
    .enter_span = enter_span,
    .leave_span = leave_span,
    .text = text_cb,
  };
  Renderer r;
  GtkTextIter end;
  int base;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (markdown != NULL);

  if (length < 0)
    length = strlen (markdown);
  ensure_tags (buffer);
  renderer_init (&r);
  if (md_parse (markdown, length, &parser, &r) != 0)
    {
      /* md4c gives up only on allocation failure; show the source. */
      renderer_clear (&r);
      errata_markdown_render_plain (buffer, markdown, length);
      return;
    }
  trim_end (&r);
  base = gtk_text_buffer_get_char_count (buffer);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, r.text->str, r.text->len);
  apply_ranges (buffer, &r, base);
  renderer_clear (&r);
}

void
errata_markdown_render_plain (GtkTextBuffer *buffer,
                              const char    *text,
                              gssize         length)
{
  GtkTextIter end;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (text != NULL);

  gtk_text_buffer_get_end_iter (buffer, &end);
  if (g_utf8_validate (text, length, NULL))
    {
      gtk_text_buffer_insert (buffer, &end, text, length);
      return;
    }
  {
    g_autofree char *valid = g_utf8_make_valid (text, length);

    gtk_text_buffer_insert (buffer, &end, valid, -1);
  }
}
