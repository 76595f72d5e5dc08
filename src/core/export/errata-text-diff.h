/* errata-text-diff.h: two texts compared word by word, for showing two
 * replies side by side with what differs marked (the Experiments page's
 * flips).
 *
 * The texts are cut into words, each with the spaces after it; the words
 * both texts share in order (a longest common subsequence) are SAME, the
 * rest REMOVED (only in the old text) or ADDED (only in the new one).
 * Neighbouring words of the same kind are joined into one span, so that
 * the SAME and ADDED spans give the new text back, and the SAME and
 * REMOVED spans the old one (up to the spaces after shared words, which
 * are the new text's).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Above this many words times words, the texts are compared by their
 * common start and end only (the rest marked whole): the table the
 * comparison needs grows with the product. */
#define ERRATA_TEXT_DIFF_MAX_CELLS (4 * 1024 * 1024)

typedef enum
{
  ERRATA_TEXT_DIFF_SAME,
  ERRATA_TEXT_DIFF_REMOVED,
  ERRATA_TEXT_DIFF_ADDED,
} ErrataTextDiffKind;

typedef struct
{
  ErrataTextDiffKind  kind;
  char               *text;
} ErrataTextDiffSpan;

/* Of ErrataTextDiffSpan, in reading order (REMOVED before ADDED where a
 * passage was replaced). NULL texts count as empty. */
GPtrArray *errata_text_diff_words (const char *old_text,
                                   const char *new_text);

void       errata_text_diff_span_free (ErrataTextDiffSpan *span);

G_END_DECLS
