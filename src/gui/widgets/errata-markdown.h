/* errata-markdown.h: Markdown (md4c) rendered into a GtkTextBuffer.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Tag names the renderer applies; tests and callers may look them up. */
#define ERRATA_MARKDOWN_TAG_STRONG     "strong"
#define ERRATA_MARKDOWN_TAG_EMPHASIS   "emphasis"
#define ERRATA_MARKDOWN_TAG_STRIKE     "strike"
#define ERRATA_MARKDOWN_TAG_CODE       "code"
#define ERRATA_MARKDOWN_TAG_CODE_BLOCK "code-block"
#define ERRATA_MARKDOWN_TAG_QUOTE      "quote"
#define ERRATA_MARKDOWN_TAG_LINK       "link"
#define ERRATA_MARKDOWN_TAG_TABLE      "table"
#define ERRATA_MARKDOWN_TAG_TABLE_HEAD "table-head"
#define ERRATA_MARKDOWN_TAG_RULE       "rule"
#define ERRATA_MARKDOWN_TAG_PARAGRAPH  "paragraph"
#define ERRATA_MARKDOWN_TAG_LIST_ITEM  "list-item"
#define ERRATA_MARKDOWN_MAX_DEPTH      6

GtkTextTagTable *errata_markdown_new_tag_table    (void);
void             errata_markdown_set_dark         (GtkTextTagTable *table,
                                                   gboolean         dark);
char            *errata_markdown_dup_heading_tag  (guint            level);
char            *errata_markdown_dup_indent_tag   (guint            depth);

void             errata_markdown_render           (GtkTextBuffer   *buffer,
                                                   const char      *markdown,
                                                   gssize           length);
void             errata_markdown_render_plain     (GtkTextBuffer   *buffer,
                                                   const char      *text,
                                                   gssize           length);

const char      *errata_markdown_get_link_at      (GtkTextIter     *iter);
void             errata_markdown_attach_links     (GtkTextView     *view);

G_END_DECLS
