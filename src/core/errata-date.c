/* errata-date.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-date.h"

#include <glib/gi18n-lib.h>

char *
errata_date_format (GDateTime *when)
{
  g_return_val_if_fail (when != NULL, NULL);

  /* Translators: a date and time as g_date_time_format() reads it: keep
   * the month as a name (%b) and the year in full (%Y), and reorder the
   * parts as your language writes them, e.g. "%Y年%-m月%-d日 %H:%M". */
  return g_date_time_format (when, _("%-d %b %Y, %H:%M"));
}

char *
errata_date_format_usec (gint64 usec)
{
  g_autoptr(GDateTime) when = NULL;

  if (usec <= 0)
    return NULL;
  when = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  return when != NULL ? errata_date_format (when) : NULL;
}
