/* errata-fuzz-markdown.c: a model's Markdown rendered into a text buffer.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole renderer runs, md4c's parse and the tags applied to the
 * buffer: a GtkTextBuffer needs no display, so neither does this.
 */

#include "config.h"

#include "errata-fuzz.h"
#include "errata-markdown.h"

/* The text comes from a trace, whose JSON strings are valid UTF-8 and
 * NUL-terminated: other bytes are not an input the renderer can get. */
int
errata_fuzz_markdown (const guint8 *data,
                      gsize         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GtkTextTagTable) table = NULL;
  g_autoptr(GtkTextBuffer) buffer = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    return 0;
  /* One table per trace, as the trace view makes it. */
  table = errata_markdown_new_tag_table ();
  buffer = gtk_text_buffer_new (table);
  /* The buffer may hold text already: render after some. */
  errata_markdown_render_plain (buffer, "> ", -1);
  errata_markdown_render (buffer, text, -1);
  return 0;
}
