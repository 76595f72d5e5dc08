/* errata-keyring.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-keyring.h"

#include <string.h>

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
errata_keyring_store (GTask              *task,
                      const SecretSchema *schema,
                      GHashTable         *attributes,
                      const char         *collection,
                      const char         *label,
                      const char         *value)
{
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (value != NULL);

  secret_password_storev (schema, attributes, collection, label, value,
                          g_task_get_cancellable (task), on_stored, task);
}

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  /* FALSE without an error only means nothing was stored. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
errata_keyring_clear (GTask              *task,
                      const SecretSchema *schema,
                      GHashTable         *attributes)
{
  g_return_if_fail (G_IS_TASK (task));

  secret_password_clearv (schema, attributes, g_task_get_cancellable (task), on_cleared, task);
}

void
errata_keyring_secret_free (gpointer secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}
