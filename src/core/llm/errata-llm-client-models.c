/* errata-llm-client-models.c: the models a provider offers, asked in one
 * request beside the queue: it answers "does this key work?".
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-llm-client.h"
#include "errata-llm-client-private.h"
#include "errata-llm-error-words.h"
#include "errata-llm-wire.h"

static void
on_models_sent (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GTask) task = data;
  ErrataLlmClient *self = g_task_get_source_object (task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  GError *failure = NULL;
  gboolean retryable;
  GStrv models;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    failure = _errata_llm_cancelled_error ();
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    failure = errata_llm_error_new_unreachable (errata_llm_client_get_provider (self)->base_url);
  else if (body == NULL)
    failure = g_error_new (ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_NETWORK,
                           _("Could not reach %s: %s"), errata_llm_client_get_provider (self)->base_url, error->message);
  else if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
    failure = _errata_llm_wire_http_error (errata_llm_client_get_provider (self), soup_message_get_status (message),
                                           body, &retryable);
  else if ((models = _errata_llm_wire_parse_models (body, &failure)) != NULL)
    {
      g_task_return_pointer (task, models, (GDestroyNotify) g_strfreev);
      return;
    }

  _errata_llm_client_redact_error (self, failure);
  g_task_return_error (task, failure);
}

/* One request, no queue and no retries: it answers "does this work?". */
void
errata_llm_client_list_models_async (ErrataLlmClient     *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;

  g_return_if_fail (ERRATA_IS_LLM_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_llm_client_list_models_async);
  g_task_set_check_cancellable (task, FALSE);

  message = _errata_llm_wire_new_message (errata_llm_client_get_provider (self), "GET", "models", NULL, &error);
  if (message == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  soup_session_send_and_read_async (_errata_llm_client_get_session (self), message, G_PRIORITY_DEFAULT, cancellable,
                                    on_models_sent, g_steal_pointer (&task));
}

/**
 * errata_llm_client_list_models_finish:
 *
 * Returns: (transfer full): the model names the server offers
 */
GStrv
errata_llm_client_list_models_finish (ErrataLlmClient  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (ERRATA_IS_LLM_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
