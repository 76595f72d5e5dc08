/* test-date.c: dates read the same to everyone.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-date.h"

static void
test_unambiguous (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 2, 12, 9, 5, 0);
  g_autofree char *text = errata_date_format (when);
  g_autofree char *from_usec = errata_date_format_usec (g_date_time_to_unix (when) * G_USEC_PER_SEC);

  /* Under LANG=C.UTF-8 (the test environment): the month by name, the
   * year in full, no leading zero on the day. */
  g_assert_cmpstr (text, ==, "12 Feb 2026, 09:05");
  g_assert_cmpstr (from_usec, ==, text);
  g_assert_null (errata_date_format_usec (0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/date/unambiguous", test_unambiguous);
  return g_test_run ();
}
