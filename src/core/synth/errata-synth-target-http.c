/* errata-synth-target-http.c: an HTTP template target, one attempt at a
 * time (the queue is in errata-synth-target.c).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-target-private.h"

#include "errata-json-guard.h"
#include "errata-messages.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static const char * const methods[] = { "POST", "PUT", "GET", "PATCH", NULL };

static gboolean
read_headers (ErrataSynthTarget  *self,
              JsonObject         *definition,
              GError            **error)
{
  JsonNode *node = json_object_get_member (definition, "headers");
  g_autoptr(GList) names = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _errata_synth_target_invalid (error, "headers",
                                         _("expected an object of names and values, found %s"),
                                         errata_json_node_describe (node));
  names = json_object_get_members (json_node_get_object (node));
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *value = errata_json_member_string (json_node_get_object (node), l->data, NULL);

      if (value == NULL)
        return _errata_synth_target_invalid (error, "headers",
                                             _("the value of “%s” is not a string"),
                                             (const char *)l->data);
      if (!_errata_synth_target_collect_secrets (self, "headers", value, error))
        return FALSE;
    }
  self->headers = json_object_ref (json_node_get_object (node));
  return TRUE;
}

static gboolean
read_pointer (JsonObject  *definition,
              const char  *member,
              char       **out,
              GError     **error)
{
  const char *pointer = errata_json_member_string (definition, member, NULL);

  if (pointer == NULL)
    return TRUE;
  if (*pointer != '\0' && *pointer != '/')
    return _errata_synth_target_invalid (error, member,
                                         _("a JSON pointer starts with “/” (“/choices/0/message/"
                                           "content”, say), found “%s”"), pointer);
  *out = g_strdup (pointer);
  return TRUE;
}

gboolean
_errata_synth_http_read (ErrataSynthTarget  *self,
                         JsonObject         *definition,
                         GError            **error)
{
  const char *url = errata_json_member_string (definition, "url", NULL);
  const char *method = errata_json_member_string (definition, "method", "POST");
  JsonNode *body = json_object_get_member (definition, "body");
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || (uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)) == NULL
      || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0
          && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    return _errata_synth_target_invalid (error, "url", _("expected an http:// or https:// URL, "
                                                        "found %s"), url != NULL ? url : _("nothing"));
  if (!g_strv_contains (methods, method))
    return _errata_synth_target_invalid (error, "method", _("expected POST, PUT, PATCH or GET, "
                                                           "found %s"), method);
  if (!read_headers (self, definition, error)
      || !read_pointer (definition, "reply_pointer", &self->reply_pointer, error)
      || !read_pointer (definition, "messages_pointer", &self->messages_pointer, error))
    return FALSE;
  self->url = g_strdup (url);
  self->method = g_strdup (method);
  self->body = body != NULL && !JSON_NODE_HOLDS_NULL (body) ? json_node_copy (body) : NULL;
  self->description = g_strdup (url);
  /* libsoup keeps 2 connections per host by default: the queue decides.
   * Two spare, as ErrataLlmClient has: a connection whose reply was just
   * read is not back in the pool when the next request starts. */
  self->session = soup_session_new_with_options ("max-conns", self->concurrency + 2,
                                                 "max-conns-per-host", self->concurrency + 2,
                                                 "timeout", 0, NULL);
  return TRUE;
}

static SoupMessage *
build_message (ErrataSynthTarget *self,
               Call              *call)
{
  SoupMessage *msg = soup_message_new (self->method, self->url);
  g_autoptr(GList) names = self->headers != NULL ? json_object_get_members (self->headers) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      /* "{{secret.NAME}}" from the keyring, "{{env.NAME}}" (CI): the
       * secret stays out of the project file. */
      g_autofree char *value = _errata_synth_target_fill_secrets (
        self, json_object_get_string_member (self->headers, l->data));

      soup_message_headers_replace (soup_message_get_request_headers (msg), l->data, value);
    }
  if (self->body != NULL && !g_str_equal (self->method, "GET"))
    {
      g_autoptr(JsonNode) body = errata_synth_target_fill_template (self->body, call->query,
                                                                    call->dimensions);
      g_autofree char *text = json_to_string (body, FALSE);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), strlen (text));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  return msg;
}

static char *
node_text (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

static ErrataSynthReply *
read_reply (ErrataSynthTarget  *self,
            GBytes             *bytes,
            GError            **error)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ErrataSynthReply) reply = NULL;
  g_autofree char *body = NULL;
  JsonNode *text, *messages;

  if (self->reply_pointer == NULL && self->messages_pointer == NULL)
    return _errata_synth_reply_from_output (data != NULL ? data : "", len);
  body = g_strndup (data != NULL ? data : "", len);
  root = errata_json_from_string (body, error);
  if (root == NULL)
    return g_prefix_error (error, _("The reply is not JSON: ")), NULL;
  reply = g_new0 (ErrataSynthReply, 1);
  reply->tokens_in = reply->tokens_out = -1;
  reply->raw = g_strndup (data, MIN (len, RAW_CAP));
  messages = self->messages_pointer != NULL
             ? errata_synth_json_pointer (root, self->messages_pointer) : NULL;
  if (messages != NULL)
    reply->messages = errata_messages_normalise (messages, self->messages_pointer, NULL);
  text = self->reply_pointer != NULL ? errata_synth_json_pointer (root, self->reply_pointer) : NULL;
  if (text == NULL && self->reply_pointer != NULL)
    {
      g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_FAILED,
                   _("The reply has nothing at “%s”"), self->reply_pointer);
      return NULL;
    }
  reply->text = text != NULL ? node_text (text) : g_strdup ("");
  return g_steal_pointer (&reply);
}

static gboolean
status_is_retryable (guint status)
{
  return status == 408 || status == 429 || status >= 500;
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;
  ErrataSynthTarget *self = call->self;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  ErrataSynthReply *reply;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL)
    {
      _errata_synth_target_attempt_done (call, NULL, error,
                                         !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
      return;
    }
  status = soup_message_get_status (msg);
  if (status < 200 || status >= 300)
    {
      gsize len = 0;
      const char *data = g_bytes_get_data (bytes, &len);

      error = g_error_new (ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_FAILED, _("HTTP %u %s: %.*s"),
                           status, soup_message_get_reason_phrase (msg), (int)MIN (len, 300),
                           data != NULL ? data : "");
      _errata_synth_target_attempt_done (call, NULL, error, status_is_retryable (status));
      return;
    }
  reply = read_reply (self, bytes, &error);
  _errata_synth_target_attempt_done (call, reply, error, FALSE);
}

void
_errata_synth_http_start (ErrataSynthTarget *self,
                          Call              *call)
{
  g_autoptr(SoupMessage) msg = build_message (self, call);

  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    call->attempt_cancellable, on_sent, call);
}
