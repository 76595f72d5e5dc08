/* errata-test-utils.h: fixtures shared by the tests.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-project.h"

G_BEGIN_DECLS

/* A fresh directory under the system temp dir, removed by
 * errata_test_remove_tree(). */
char          *errata_test_make_tmpdir      (void);
void           errata_test_remove_tree      (const char *path);

/* A new, empty project in a fresh temporary directory. */
ErrataProject *errata_test_new_project      (char      **out_dir);

/* Writes `contents` (len -1 for NUL-terminated) to dir/name, returns the path. */
char          *errata_test_write_file       (const char *dir,
                                             const char *name,
                                             const char *contents,
                                             gssize      len);

/* A trace with a user and an assistant message. */
ErrataTrace   *errata_test_new_trace        (const char *external_id,
                                             const char *user_text,
                                             const char *assistant_text);

G_END_DECLS
