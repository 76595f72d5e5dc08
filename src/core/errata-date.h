/* errata-date.h: dates as Errata shows them, unambiguous in any locale.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "12 Feb 2026, 10:30": the day, the locale's name of the month and the
 * full year, never "12/02/26" (%x), which reads as 12 February or 2
 * December depending on who reads it. */
char *errata_date_format       (GDateTime *when);
/* The same for microseconds since the epoch, in local time; NULL for 0
 * or less (no date). */
char *errata_date_format_usec  (gint64     usec);

G_END_DECLS
