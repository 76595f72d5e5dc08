/* errata-markdown-private.h: what the files of the Markdown renderer
 * share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-markdown.h"

G_BEGIN_DECLS

/* Where a link's tag keeps its URL. */
#define URL_KEY "errata-url"
#define BLOCK_END_TAG "block-end"

/* errata-markdown-tags.c */
const char *_errata_markdown_intern_take  (char            *name);
void        _errata_markdown_add_all_tags (GtkTextTagTable *table);

G_END_DECLS
