/* test-text-diff.c: the word-level diff the Experiments page marks two
 * replies with.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-text-diff.h"

/* The spans as "=same -removed +added" for an easy comparison. */
static char *
describe (const char *old_text,
          const char *new_text)
{
  g_autoptr(GPtrArray) spans = errata_text_diff_words (old_text, new_text);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      ErrataTextDiffSpan *span = g_ptr_array_index (spans, i);
      static const char marks[] = { '=', '-', '+' };

      g_string_append_printf (out, "%c[%s]", marks[span->kind], span->text);
    }
  return g_string_free (out, FALSE);
}

static void
test_text_diff_replaced_word (void)
{
  g_autofree char *text = describe ("Your refund for order 1234 is on its way.",
                                    "Your refund is on its way.");

  g_assert_cmpstr (text, ==, "=[Your refund ]-[for order 1234 ]=[is on its way.]");
}

static void
test_text_diff_added_and_removed (void)
{
  g_autofree char *text = describe ("The parcel ships today", "Das Paket ships morgen");

  g_assert_cmpstr (text, ==, "-[The parcel ]+[Das Paket ]=[ships ]-[today]+[morgen]");
}

static void
test_text_diff_same_and_empty (void)
{
  g_autofree char *same = describe ("a b c", "a b c");
  g_autofree char *from_empty = describe (NULL, "new words");
  g_autofree char *to_empty = describe ("old words", "");
  g_autofree char *both_empty = describe ("", NULL);

  g_assert_cmpstr (same, ==, "=[a b c]");
  g_assert_cmpstr (from_empty, ==, "+[new words]");
  g_assert_cmpstr (to_empty, ==, "-[old words]");
  g_assert_cmpstr (both_empty, ==, "");
}

/* Texts too long for the table: the common start and end are still found
 * and the middle marked whole, nothing lost. */
static void
test_text_diff_long_texts (void)
{
  g_autoptr(GString) old_text = g_string_new ("start ");
  g_autoptr(GString) new_text = g_string_new ("start ");
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GString) added = g_string_new (NULL);

  for (guint i = 0; i < 3000; i++)
    {
      g_string_append_printf (old_text, "o%u ", i);
      g_string_append_printf (new_text, "n%u ", i);
    }
  g_string_append (old_text, "end");
  g_string_append (new_text, "end");
  spans = errata_text_diff_words (old_text->str, new_text->str);
  g_assert_cmpuint (spans->len, ==, 4);
  g_assert_cmpint (((ErrataTextDiffSpan *)g_ptr_array_index (spans, 0))->kind, ==,
                   ERRATA_TEXT_DIFF_SAME);
  g_assert_cmpint (((ErrataTextDiffSpan *)g_ptr_array_index (spans, 1))->kind, ==,
                   ERRATA_TEXT_DIFF_REMOVED);
  g_assert_cmpint (((ErrataTextDiffSpan *)g_ptr_array_index (spans, 2))->kind, ==,
                   ERRATA_TEXT_DIFF_ADDED);
  g_assert_cmpstr (((ErrataTextDiffSpan *)g_ptr_array_index (spans, 3))->text, ==, "end");
  for (guint i = 0; i < spans->len; i++)
    {
      ErrataTextDiffSpan *span = g_ptr_array_index (spans, i);

      if (span->kind != ERRATA_TEXT_DIFF_REMOVED)
        g_string_append (added, span->text);
    }
  g_assert_cmpstr (added->str, ==, new_text->str);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text-diff/replaced-word", test_text_diff_replaced_word);
  g_test_add_func ("/text-diff/added-and-removed", test_text_diff_added_and_removed);
  g_test_add_func ("/text-diff/same-and-empty", test_text_diff_same_and_empty);
  g_test_add_func ("/text-diff/long-texts", test_text_diff_long_texts);
  return g_test_run ();
}
