/* errata-synth-secrets.c
 *
 * One Secret Service schema for the targets' secrets, next to the API
 * keys' (errata-llm-keys.c): the name is the only attribute, so that the
 * same name means the same secret in every project on this machine.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-secrets.h"

#include <string.h>

#include "errata-keyring.h"

static const SecretSchema *
target_secret_schema (void)
{
  static const SecretSchema schema = {
    "io.github.errata.Errata.TargetSecret", SECRET_SCHEMA_NONE,
    {
      { "name", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

gboolean
errata_synth_secret_name_is_valid (const char *name)
{
  gsize len = name != NULL ? strlen (name) : 0;

  if (len == 0 || len > 64)
    return FALSE;
  for (const char *c = name; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_' && *c != '.')
      return FALSE;
  return TRUE;
}

static GHashTable *
name_attributes (const char *name)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, "name", g_strdup (name));
  return attributes;
}

void
_errata_synth_secret_store_in_async (const char          *collection,
                                     const char          *name,
                                     const char          *value,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (errata_synth_secret_name_is_valid (name));
  g_return_if_fail (value != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_synth_secret_store_async);
  attributes = name_attributes (name);
  label = g_strdup_printf ("Errata target secret “%s”", name);
  errata_keyring_store (task, target_secret_schema (), attributes, collection, label, value);
}

void
errata_synth_secret_store_async (const char          *name,
                                 const char          *value,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  _errata_synth_secret_store_in_async (SECRET_COLLECTION_DEFAULT, name, value, cancellable,
                                       callback, user_data);
}

gboolean
errata_synth_secret_store_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, secret != NULL ? g_strdup (secret) : NULL, errata_keyring_secret_free);
  secret_password_free (secret);
}

void
errata_synth_secret_lookup_async (const char          *name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (name != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_synth_secret_lookup_async);
  attributes = name_attributes (name);
  secret_password_lookupv (target_secret_schema (), attributes, cancellable, on_looked_up, task);
}

/**
 * errata_synth_secret_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the secret, or NULL
 */
char *
errata_synth_secret_lookup_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
errata_synth_secret_clear_async (const char          *name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (name != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_synth_secret_clear_async);
  attributes = name_attributes (name);
  errata_keyring_clear (task, target_secret_schema (), attributes);
}

/* Clearing a secret that was not there is not an error. */
gboolean
errata_synth_secret_clear_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
