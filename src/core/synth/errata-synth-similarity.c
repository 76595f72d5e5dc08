/* errata-synth-similarity.c
 *
 * Every pair is compared: a few thousand queries make a few million
 * comparisons of small sets, which takes well under a second, and keeps
 * the answer exact (MinHash would be approximate).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-similarity.h"

#include <string.h>

/* Lower-case words of letters and digits. */
static GPtrArray *
words_of (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, g_unichar_tolower (c));
          continue;
        }
      if (word->len > 0)
        g_ptr_array_add (words, g_strdup (word->str));
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  return words;
}

static GHashTable *
ngrams_of (const char *text,
           guint       n)
{
  g_autoptr(GPtrArray) words = words_of (text);
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint count = words->len >= n ? words->len - n + 1 : (words->len > 0 ? 1 : 0);

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(GString) gram = g_string_new (NULL);

      for (guint j = i; j < MIN (i + n, words->len); j++)
        g_string_append_printf (gram, "%s%s", j > i ? " " : "",
                                (const char *)g_ptr_array_index (words, j));
      g_hash_table_add (set, g_string_free (g_steal_pointer (&gram), FALSE));
    }
  return set;
}

static double
jaccard (GHashTable *a,
         GHashTable *b)
{
  guint both = 0;
  guint union_size;
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (a) == 0 && g_hash_table_size (b) == 0)
    return 1;
  if (g_hash_table_size (a) > g_hash_table_size (b))
    {
      GHashTable *t = a;
      a = b;
      b = t;
    }
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    both += g_hash_table_contains (b, key);
  union_size = g_hash_table_size (a) + g_hash_table_size (b) - both;
  return (double)both / union_size;
}

double
errata_synth_similarity (const char *a,
                         const char *b,
                         guint       n)
{
  g_autoptr(GHashTable) set_a = NULL;
  g_autoptr(GHashTable) set_b = NULL;

  g_return_val_if_fail (a != NULL && b != NULL && n >= 1, 0);

  set_a = ngrams_of (a, n);
  set_b = ngrams_of (b, n);
  return jaccard (set_a, set_b);
}

GArray *
errata_synth_near_duplicates (const char * const *texts,
                              guint               n,
                              double              threshold)
{
  guint count = texts != NULL ? g_strv_length ((char **)texts) : 0;
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func ((GDestroyNotify)g_hash_table_unref);
  GArray *near = g_array_sized_new (FALSE, FALSE, sizeof (ErrataSynthNear), count);

  g_return_val_if_fail (n >= 1, near);

  for (guint i = 0; i < count; i++)
    {
      ErrataSynthNear none = { -1, 0 };

      g_ptr_array_add (sets, ngrams_of (texts[i], n));
      g_array_append_val (near, none);
    }
  for (guint i = 0; i < count; i++)
    for (guint j = i + 1; j < count; j++)
      {
        double s = jaccard (g_ptr_array_index (sets, i), g_ptr_array_index (sets, j));
        ErrataSynthNear *ni = &g_array_index (near, ErrataSynthNear, i);
        ErrataSynthNear *nj = &g_array_index (near, ErrataSynthNear, j);

        if (s < threshold)
          continue;
        if (s > ni->similarity || ni->other < 0)
          *ni = (ErrataSynthNear){ (gint)j, s };
        if (s > nj->similarity || nj->other < 0)
          *nj = (ErrataSynthNear){ (gint)i, s };
      }
  return near;
}
