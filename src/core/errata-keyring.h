/* errata-keyring.h: the Secret Service plumbing the API keys
 * (llm/errata-llm-keys.c) and the synthetic-data targets' secrets
 * (synth/errata-synth-secrets.c) share. Each keeps its own schema and
 * attributes; this file turns libsecret's calls into GTask results and
 * wipes a secret's copy when it is freed.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* Store @value under @attributes and return TRUE (or the keyring's
 * error) into @task, which this takes. */
void      errata_keyring_store   (GTask              *task,
                                  const SecretSchema *schema,
                                  GHashTable         *attributes,
                                  const char         *collection,
                                  const char         *label,
                                  const char         *value);

/* Clear whatever is stored under @attributes and return TRUE into @task,
 * which this takes; a secret that was not there is not an error. */
void      errata_keyring_clear   (GTask              *task,
                                  const SecretSchema *schema,
                                  GHashTable         *attributes);

/* Overwrites the secret's bytes before freeing it: a GDestroyNotify for
 * results that hold a secret. */
void      errata_keyring_secret_free (gpointer        secret);

G_END_DECLS
