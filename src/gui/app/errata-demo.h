/* errata-demo.h: the demo project, copied where the user may change it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ERRATA_DEMO_ERROR (errata_demo_error_quark ())

typedef enum
{
  ERRATA_DEMO_ERROR_NOT_FOUND,
} ErrataDemoError;

GQuark  errata_demo_error_quark         (void);

GFile  *errata_demo_get_shipped         (GError              **error);
GFile  *errata_demo_get_copy_location   (void);

GFile  *errata_demo_ensure_copy         (GError              **error);
void    errata_demo_ensure_copy_async   (GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GFile  *errata_demo_ensure_copy_finish  (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
