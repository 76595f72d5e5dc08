/* errata-text-diff.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-text-diff.h"

#include <string.h>

/* Words with the white space after them; leading white space is a word of
 * its own, so that no character is lost. */
static GPtrArray *
split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      const char *start = p;

      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      while (*p != '\0' && g_ascii_isspace (*p))
        p++;
      g_ptr_array_add (words, g_strndup (start, p - start));
    }
  return words;
}

/* Words match on their letters; the spaces after them do not count. */
static gboolean
same_word (const char *a,
           const char *b)
{
  gsize la = strlen (a), lb = strlen (b);

  while (la > 0 && g_ascii_isspace (a[la - 1]))
    la--;
  while (lb > 0 && g_ascii_isspace (b[lb - 1]))
    lb--;
  return la == lb && memcmp (a, b, la) == 0;
}

static void
add_span (GPtrArray          *spans,
          ErrataTextDiffKind  kind,
          const char         *word)
{
  ErrataTextDiffSpan *last = spans->len > 0 ? g_ptr_array_index (spans, spans->len - 1) : NULL;

  if (last != NULL && last->kind == kind)
    {
      char *joined = g_strconcat (last->text, word, NULL);

      g_free (last->text);
      last->text = joined;
      return;
    }
  last = g_new0 (ErrataTextDiffSpan, 1);
  last->kind = kind;
  last->text = g_strdup (word);
  g_ptr_array_add (spans, last);
}

static void
add_range (GPtrArray          *spans,
           ErrataTextDiffKind  kind,
           GPtrArray          *words,
           guint               from,
           guint               to)
{
  for (guint i = from; i < to; i++)
    add_span (spans, kind, g_ptr_array_index (words, i));
}

/* The middles, by a longest common subsequence table: lcs[i][j] is the
 * length of the LCS of old[i..] and new[j..]. */
static void
diff_middle (GPtrArray *spans,
             GPtrArray *old_words,
             guint      o0,
             guint      o1,
             GPtrArray *new_words,
             guint      n0,
             guint      n1)
{
  guint rows = o1 - o0, cols = n1 - n0;
  g_autofree guint *lcs = NULL;
  guint i = 0, j = 0;

#define CELL(r, c) lcs[(gsize)(r) * (cols + 1) + (c)]
  if (rows == 0 || cols == 0 || (gsize)rows * cols > ERRATA_TEXT_DIFF_MAX_CELLS)
    {
      add_range (spans, ERRATA_TEXT_DIFF_REMOVED, old_words, o0, o1);
      add_range (spans, ERRATA_TEXT_DIFF_ADDED, new_words, n0, n1);
      return;
    }
  lcs = g_new0 (guint, (gsize)(rows + 1) * (cols + 1));
  for (guint r = rows; r-- > 0;)
    for (guint c = cols; c-- > 0;)
      CELL (r, c) = same_word (g_ptr_array_index (old_words, o0 + r),
                               g_ptr_array_index (new_words, n0 + c))
                    ? CELL (r + 1, c + 1) + 1
                    : MAX (CELL (r + 1, c), CELL (r, c + 1));
  while (i < rows || j < cols)
    {
      if (i < rows && j < cols
          && same_word (g_ptr_array_index (old_words, o0 + i), g_ptr_array_index (new_words, n0 + j)))
        {
          add_span (spans, ERRATA_TEXT_DIFF_SAME, g_ptr_array_index (new_words, n0 + j));
          i++, j++;
        }
      else if (j >= cols || (i < rows && CELL (i + 1, j) >= CELL (i, j + 1)))
        add_span (spans, ERRATA_TEXT_DIFF_REMOVED, g_ptr_array_index (old_words, o0 + i++));
      else
        add_span (spans, ERRATA_TEXT_DIFF_ADDED, g_ptr_array_index (new_words, n0 + j++));
    }
#undef CELL
}

GPtrArray *
errata_text_diff_words (const char *old_text,
                        const char *new_text)
{
  g_autoptr(GPtrArray) old_words = split_words (old_text);
  g_autoptr(GPtrArray) new_words = split_words (new_text);
  GPtrArray *spans = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_text_diff_span_free);
  guint start = 0, old_end = old_words->len, new_end = new_words->len;

  /* The common start and end first: replies often differ in a passage. */
  while (start < old_end && start < new_end
         && same_word (g_ptr_array_index (old_words, start), g_ptr_array_index (new_words, start)))
    start++;
  while (old_end > start && new_end > start
         && same_word (g_ptr_array_index (old_words, old_end - 1),
                       g_ptr_array_index (new_words, new_end - 1)))
    old_end--, new_end--;
  add_range (spans, ERRATA_TEXT_DIFF_SAME, new_words, 0, start);
  diff_middle (spans, old_words, start, old_end, new_words, start, new_end);
  add_range (spans, ERRATA_TEXT_DIFF_SAME, new_words, new_end, new_words->len);
  return spans;
}

void
errata_text_diff_span_free (ErrataTextDiffSpan *span)
{
  if (span == NULL)
    return;
  g_free (span->text);
  g_free (span);
}
