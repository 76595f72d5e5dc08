/* errata-csv.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-csv.h"

#include <string.h>

/* Appends `value` as one field, quoted when it holds a separator, a quote
 * or a line break (inner quotes doubled). A NULL value is an empty field.
 * The caller writes the commas between fields. */
void
errata_csv_append_field (GString    *line,
                         const char *value)
{
  g_return_if_fail (line != NULL);

  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (line, value);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}
