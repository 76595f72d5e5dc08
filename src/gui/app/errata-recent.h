/* errata-recent.h: the recent-projects list kept in GSettings.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How many projects the welcome page remembers. */
#define ERRATA_RECENT_MAX 10

void errata_recent_add    (GSettings *settings,
                           GFile     *file);
void errata_recent_remove (GSettings *settings,
                           GFile     *file);

G_END_DECLS
