/* errata-types.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-types.h"

/* These strings are stored in project files and exports: never translate. */
const char *
errata_verdict_to_string (ErrataVerdict verdict)
{
  switch (verdict)
    {
    case ERRATA_VERDICT_PASS:
      return "pass";
    case ERRATA_VERDICT_FAIL:
      return "fail";
    case ERRATA_VERDICT_UNSET:
    default:
      return NULL;
    }
}

ErrataVerdict
errata_verdict_from_string (const char *str)
{
  if (str == NULL)
    return ERRATA_VERDICT_UNSET;
  if (g_ascii_strcasecmp (str, "pass") == 0 || g_ascii_strcasecmp (str, "passed") == 0)
    return ERRATA_VERDICT_PASS;
  if (g_ascii_strcasecmp (str, "fail") == 0 || g_ascii_strcasecmp (str, "failed") == 0)
    return ERRATA_VERDICT_FAIL;
  return ERRATA_VERDICT_UNSET;
}
