/* errata-fuzz-private.h: helpers the fuzz entry points share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-project.h"

G_BEGIN_DECLS

/* Writes data to `name` in errata_fuzz_tmpdir(); returns the path. */
char *_errata_fuzz_write_file     (const char    *name,
                                   const guint8  *data,
                                   gsize          size);
void  _errata_fuzz_remove_project (const char    *path);
/* A new, empty project called `name` in errata_fuzz_tmpdir(). */
ErrataProject *_errata_fuzz_new_project (const char *name);
void  _errata_fuzz_read_project   (ErrataProject *project);

G_END_DECLS
