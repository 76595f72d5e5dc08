/* errata-test-sut.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-test-sut.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

struct _ErrataTestSut
{
  GObject      parent_instance;

  SoupServer  *server;
  char        *url;
  guint        latency_ms;
  char        *fail_marker;
  char        *flaky_marker;
  char        *slow_marker;
  guint        slow_ms;
  GHashTable  *seen;        /* queries answered once (flaky) */
  GPtrArray   *held;        /* of Held, waiting for their latency */
  guint        n_requests;
  guint        n_in_flight;
  guint        max_in_flight;
  char        *last_authorization;
};

G_DEFINE_FINAL_TYPE (ErrataTestSut, errata_test_sut, G_TYPE_OBJECT)

typedef struct
{
  ErrataTestSut     *self;
  SoupServerMessage *msg;
  guint              status;
  char              *body;
  guint              timer;
} Held;

static void
held_free (Held *held)
{
  g_clear_handle_id (&held->timer, g_source_remove);
  g_object_unref (held->msg);
  g_free (held->body);
  g_free (held);
}

static void
send (ErrataTestSut     *self,
      SoupServerMessage *msg,
      guint              status,
      const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
  soup_server_message_unpause (msg);
  self->n_in_flight--;
}

static gboolean
on_latency (gpointer data)
{
  Held *held = data;

  held->timer = 0;
  send (held->self, held->msg, held->status, held->body);
  g_ptr_array_remove (held->self->held, held);
  return G_SOURCE_REMOVE;
}

/* The first run of digits in the query: its order number. */
static char *
order_number (const char *query)
{
  const char *start = query + strcspn (query, "0123456789");

  return g_strndup (start, strspn (start, "0123456789"));
}

/* The versions fail in different, known ways (for experiments):
 *   "v1" forgets to cite the order number when the query is about a refund;
 *   "v2" always cites it, but answers in German when the query is about
 *        shipping;
 *   anything else (or none) echoes the query, as before. */
static char *
answer_text (const char *query,
             const char *persona,
             const char *version)
{
  g_autofree char *order = order_number (query);

  if (g_strcmp0 (version, "v1") == 0)
    return strstr (query, "refund") != NULL
           ? g_strdup ("Your refund has been issued; it will reach you within five days.")
           : g_strdup_printf ("Order %s: your request is being handled.", order);
  if (g_strcmp0 (version, "v2") == 0)
    return strstr (query, "shipping") != NULL
           ? g_strdup_printf ("Bestellung %s: Ihr Paket wird morgen versandt.", order)
           : g_strdup_printf ("Order %s: your request is being handled.", order);
  return g_strdup_printf ("Answer for %s: you asked “%s”.", persona != NULL ? persona : "you",
                          query);
}

static char *
answer_body (const char *query,
             const char *persona,
             const char *version)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *answer = answer_text (query, persona, version);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "answer");
  json_builder_add_string_value (b, answer);
  json_builder_set_member_name (b, "messages");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, "user");
  json_builder_set_member_name (b, "content");
  json_builder_add_string_value (b, query);
  json_builder_end_object (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, "assistant");
  json_builder_set_member_name (b, "content");
  json_builder_add_string_value (b, answer);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static gboolean
has (const char *text,
     const char *marker)
{
  return marker != NULL && strstr (text, marker) != NULL;
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query_args,
            gpointer           data)
{
  ErrataTestSut *self = data;
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  JsonObject *request = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
                        ? json_node_get_object (root) : NULL;
  const char *query = request != NULL
                      ? json_object_get_string_member_with_default (request, "query", NULL) : NULL;
  Held *held;

  self->n_requests++;
  g_free (self->last_authorization);
  self->last_authorization = g_strdup (soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Authorization"));
  self->n_in_flight++;
  self->max_in_flight = MAX (self->max_in_flight, self->n_in_flight);
  held = g_new0 (Held, 1);
  held->self = self;
  held->msg = g_object_ref (msg);
  if (query == NULL)
    {
      held->status = 400;
      held->body = g_strdup ("{\"error\": \"no query\"}");
    }
  else if (has (query, self->fail_marker)
           || (has (query, self->flaky_marker) && g_hash_table_add (self->seen, g_strdup (query))))
    {
      held->status = has (query, self->fail_marker) ? 500 : 503;
      held->body = g_strdup ("{\"error\": \"the system broke\"}");
    }
  else
    {
      held->status = 200;
      held->body = answer_body (query,
                                json_object_get_string_member_with_default (request, "persona",
                                                                            NULL),
                                json_object_get_string_member_with_default (request, "version",
                                                                            NULL));
    }
  soup_server_message_pause (msg);
  g_ptr_array_add (self->held, held);
  held->timer = g_timeout_add (self->latency_ms + (has (query != NULL ? query : "",
                                                        self->slow_marker) ? self->slow_ms : 0),
                               on_latency, held);
}

static void
errata_test_sut_dispose (GObject *object)
{
  ErrataTestSut *self = ERRATA_TEST_SUT (object);

  g_ptr_array_set_size (self->held, 0);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  G_OBJECT_CLASS (errata_test_sut_parent_class)->dispose (object);
}

static void
errata_test_sut_finalize (GObject *object)
{
  ErrataTestSut *self = ERRATA_TEST_SUT (object);

  g_free (self->url);
  g_free (self->fail_marker);
  g_free (self->flaky_marker);
  g_free (self->slow_marker);
  g_free (self->last_authorization);
  g_hash_table_unref (self->seen);
  g_ptr_array_unref (self->held);
  G_OBJECT_CLASS (errata_test_sut_parent_class)->finalize (object);
}

static void
errata_test_sut_class_init (ErrataTestSutClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = errata_test_sut_dispose;
  G_OBJECT_CLASS (klass)->finalize = errata_test_sut_finalize;
}

static void
errata_test_sut_init (ErrataTestSut *self)
{
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->held = g_ptr_array_new_with_free_func ((GDestroyNotify)held_free);
}

ErrataTestSut *
errata_test_sut_new (guint    port,
                     GError **error)
{
  g_autoptr(ErrataTestSut) self = g_object_new (ERRATA_TYPE_TEST_SUT, NULL);
  g_autoslist(GUri) uris = NULL;

  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, on_request, self, NULL);
  if (!soup_server_listen_local (self->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return NULL;
  uris = soup_server_get_uris (self->server);
  self->url = g_uri_to_string (uris->data);
  return g_steal_pointer (&self);
}

const char *
errata_test_sut_get_url (ErrataTestSut *self)
{
  return self->url;
}

void
errata_test_sut_set_latency (ErrataTestSut *self,
                             guint          latency_ms)
{
  self->latency_ms = latency_ms;
}

void
errata_test_sut_set_fail_marker (ErrataTestSut *self,
                                 const char    *marker)
{
  g_free (self->fail_marker);
  self->fail_marker = g_strdup (marker);
}

void
errata_test_sut_set_flaky_marker (ErrataTestSut *self,
                                  const char    *marker)
{
  g_free (self->flaky_marker);
  self->flaky_marker = g_strdup (marker);
}

void
errata_test_sut_set_slow (ErrataTestSut *self,
                          const char    *marker,
                          guint          slow_ms)
{
  g_free (self->slow_marker);
  self->slow_marker = g_strdup (marker);
  self->slow_ms = slow_ms;
}

guint
errata_test_sut_get_n_requests (ErrataTestSut *self)
{
  return self->n_requests;
}

guint
errata_test_sut_get_n_in_flight (ErrataTestSut *self)
{
  return self->n_in_flight;
}

guint
errata_test_sut_get_max_in_flight (ErrataTestSut *self)
{
  return self->max_in_flight;
}

/* The Authorization header of the last request, or NULL. */
const char *
errata_test_sut_get_last_authorization (ErrataTestSut *self)
{
  g_return_val_if_fail (ERRATA_IS_TEST_SUT (self), NULL);

  return self->last_authorization;
}
