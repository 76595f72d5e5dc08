/* errata-copy-options-private.h: what errata-project-copy.c reads of the
 * copy options, and the redaction it applies with them.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-project-copy.h"

G_BEGIN_DECLS

struct _ErrataCopyOptions
{
  gboolean   leave_out_cache;
  gboolean   keep_imported;
  char      *only_reviewer;
  GPtrArray *rules;
};

char *_errata_copy_options_redact_text  (ErrataCopyOptions *self,
                                         const char        *text,
                                         gboolean           count);
char *_errata_copy_options_redact_json  (ErrataCopyOptions *self,
                                         const char        *text,
                                         gboolean           count);
void  _errata_copy_options_reset_counts (ErrataCopyOptions *self);

G_END_DECLS
