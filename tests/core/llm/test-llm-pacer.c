/* test-llm-pacer.c: the requests-per-minute bucket, pauses and backoff,
 * with times passed in rather than waited for.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-llm-pacer.h"

#define SECOND G_USEC_PER_SEC

static void
test_bucket_spaces_requests (void)
{
  ErrataLlmPacer pacer;
  gint64 now = 1000 * SECOND;

  errata_llm_pacer_init (&pacer, now);
  /* 60 a minute: one now, the next a second later, not a burst. */
  g_assert_cmpint (errata_llm_pacer_take (&pacer, 60, now), ==, 0);
  g_assert_cmpint (errata_llm_pacer_take (&pacer, 60, now), ==, SECOND);
  g_assert_cmpint (errata_llm_pacer_take (&pacer, 60, now + SECOND / 4), ==, 3 * SECOND / 4);
  g_assert_cmpint (errata_llm_pacer_take (&pacer, 60, now + SECOND), ==, 0);
  /* A long idle time does not save up a burst: the bucket holds one. */
  g_assert_cmpint (errata_llm_pacer_take (&pacer, 60, now + 100 * SECOND), ==, 0);
  g_assert_cmpint (errata_llm_pacer_take (&pacer, 60, now + 100 * SECOND), >, 0);
  /* No limit. */
  for (int i = 0; i < 5; i++)
    g_assert_cmpint (errata_llm_pacer_take (&pacer, 0, now + 100 * SECOND), ==, 0);
}

static void
test_pause (void)
{
  ErrataLlmPacer pacer;
  gint64 now = 50 * SECOND;

  errata_llm_pacer_init (&pacer, now);
  errata_llm_pacer_pause_until (&pacer, now + 10 * SECOND);
  /* An earlier pause does not shorten a later one. */
  errata_llm_pacer_pause_until (&pacer, now + 2 * SECOND);
  g_assert_cmpint (errata_llm_pacer_take (&pacer, 0, now), ==, 10 * SECOND);
  g_assert_cmpint (errata_llm_pacer_take (&pacer, 0, now + 4 * SECOND), ==, 6 * SECOND);
  g_assert_cmpint (errata_llm_pacer_take (&pacer, 0, now + 10 * SECOND), ==, 0);

  errata_llm_pacer_pause_until (&pacer, now + 60 * SECOND);
  errata_llm_pacer_resume (&pacer);
  g_assert_cmpint (errata_llm_pacer_take (&pacer, 0, now + 11 * SECOND), ==, 0);
}

static void
test_backoff (void)
{
  /* Doubling from the base, half of it fixed and half jitter. */
  g_assert_cmpuint (errata_llm_backoff_ms (1000, 60000, 1, 0.0), ==, 500);
  g_assert_cmpuint (errata_llm_backoff_ms (1000, 60000, 1, 0.999), ==, 999);
  g_assert_cmpuint (errata_llm_backoff_ms (1000, 60000, 3, 0.0), ==, 2000);
  g_assert_cmpuint (errata_llm_backoff_ms (1000, 60000, 3, 0.5), ==, 3000);
  /* Capped, also for absurd attempt numbers. */
  g_assert_cmpuint (errata_llm_backoff_ms (1000, 60000, 12, 0.0), ==, 30000);
  g_assert_cmpuint (errata_llm_backoff_ms (1000, 60000, 4000, 0.0), ==, 30000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/llm-pacer/bucket-spaces-requests", test_bucket_spaces_requests);
  g_test_add_func ("/llm-pacer/pause", test_pause);
  g_test_add_func ("/llm-pacer/backoff", test_backoff);
  return g_test_run ();
}
