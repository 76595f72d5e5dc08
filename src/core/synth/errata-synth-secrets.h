/* errata-synth-secrets.h: the credentials a synthetic-data target needs
 * (an HTTP header's token, a chat endpoint's key), in the keyring under a
 * name. The project's target names them ("{{secret.NAME}}",
 * "api_key_secret"); the project never holds them.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A name is letters, digits, '-', '_' and '.', 1 to 64 of them. */
gboolean     errata_synth_secret_name_is_valid  (const char          *name);

void         errata_synth_secret_store_async    (const char          *name,
                                                 const char          *value,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean     errata_synth_secret_store_finish   (GAsyncResult        *result,
                                                 GError             **error);

/* The secret, or NULL without an error when the keyring has none by that
 * name; an error when the keyring cannot be asked. */
void         errata_synth_secret_lookup_async   (const char          *name,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
char        *errata_synth_secret_lookup_finish  (GAsyncResult        *result,
                                                 GError             **error);

void         errata_synth_secret_clear_async    (const char          *name,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean     errata_synth_secret_clear_finish   (GAsyncResult        *result,
                                                 GError             **error);

/* Tests store into the session collection, which never prompts. */
void         _errata_synth_secret_store_in_async (const char         *collection,
                                                  const char         *name,
                                                  const char         *value,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);

G_END_DECLS
