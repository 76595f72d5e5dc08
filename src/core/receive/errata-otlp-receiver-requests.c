/* errata-otlp-receiver-requests.c: a request from its headers to its answer.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before its body is read (check_early), a request without the token or
 * past the size limit is refused, its body dropped. Then the export
 * handler refuses what it must (the method, the content type, a writer
 * behind, the bodies in flight), pauses the request, decodes it on a
 * worker thread and hands the spans to the writer; the answer goes out
 * once they are committed.
 */

#include "config.h"

#include "errata-otlp-receiver-private.h"
#include "errata-otlp-answer.h"
#include "errata-otlp-request.h"

#include <glib/gi18n-lib.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

/* One request between its headers and its answer. */
typedef struct
{
  ErrataOtlpReceiver *receiver;
  SoupServerMessage  *message;
  ErrataOtlpSignal    signal;
  ErrataOtlpEncoding  encoding;
  gboolean            gzip;
  GBytes             *body;
  gsize               max_body;
  guint               n_rejected;
  guint               n_spans;      /* decoded: counted once they are stored */
  GPtrArray          *prebuilt;     /* errata_live_writer_prebuild()'s */
  gsize               plain_size;   /* the body inflated, from the decoding */
  gsize               counted;      /* what in_flight_bytes holds of it */
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->receiver);
  g_object_unref (request->message);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->prebuilt, g_ptr_array_unref);
  g_free (request);
}

static void
finish_request (Request *request,
                gboolean ok)
{
  ErrataOtlpReceiver *self = request->receiver;

  if (ok)
    self->counts.requests++;
  else
    self->counts.requests_refused++;
  soup_server_message_unpause (request->message);
  self->in_flight--;
  self->in_flight_bytes -= request->counted;
  _errata_otlp_receiver_counts_changed (self);
  if (self->stopping)
    _errata_otlp_receiver_stop_writer_when_answered (self);
  request_free (request);
}

static void
journaled (const GError *error,
           gpointer      user_data)
{
  Request *request = user_data;

  if (error != NULL)
    {
      /* A read-only or full disk: the exporter keeps the spans and retries. */
      errata_otlp_respond_retry (request->message, request->encoding, error->message);
      finish_request (request, FALSE);
      return;
    }
  /* Counted only now: a request the writer could not take is answered
   * 503, and its spans come again. */
  request->receiver->counts.spans_accepted += request->n_spans;
  request->receiver->counts.spans_rejected += request->n_rejected;
  errata_otlp_respond_success (request->message, request->signal, request->encoding, request->n_rejected);
  finish_request (request, TRUE);
}

static void
decode_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Request *request = task_data;
  GError *error = NULL;
  GPtrArray *spans;
#ifdef __linux__
  char pool_name[16] = "";

  /* GTask's threads are all "pool" and run other tasks too: named while
   * they decode, so that perf and gdb tell the decoding apart. */
  prctl (PR_GET_NAME, pool_name, 0, 0, 0);
  prctl (PR_SET_NAME, "otlp-decode", 0, 0, 0);
#endif
  /* What this thread parsed for earlier requests, stored since. Before
   * the decoding: after the request was handed back, four exporters lost
   * 2–11% and RSS rose 6–25 MB (bench/README.md), likely because GTask's
   * pool still counts this thread busy then and gives the next request
   * another thread, with another bin. */
  errata_live_bin_empty_mine ();
  spans = errata_otlp_decode_request (request->signal, request->encoding, request->gzip, request->body,
                                      request->max_body, &request->n_rejected, &request->plain_size,
                                      &error);
  /* Here, in parallel with the writer, rather than on the writer's
   * builders, which it waits for. */
  if (spans != NULL && request->signal == ERRATA_OTLP_TRACES)
    request->prebuilt = errata_live_writer_prebuild (request->receiver->writer, spans);
#ifdef __linux__
  prctl (PR_SET_NAME, pool_name, 0, 0, 0);
#endif
  if (spans == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, spans, (GDestroyNotify)g_ptr_array_unref);
}

static void
decoded (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Request *request = user_data;
  ErrataOtlpReceiver *self = request->receiver;
  g_autoptr(GError) error = NULL;
  GPtrArray *spans = g_task_propagate_pointer (G_TASK (result), &error);

  /* A gzip body counts at its real inflated size from now on: its
   * trailer may have said otherwise. */
  if (request->plain_size > 0 && request->plain_size != request->counted)
    {
      self->in_flight_bytes = self->in_flight_bytes - request->counted + request->plain_size;
      request->counted = request->plain_size;
    }
  if (spans == NULL)
    {
      guint status = SOUP_STATUS_BAD_REQUEST;

      if (g_error_matches (error, ERRATA_OTLP_ERROR, ERRATA_OTLP_ERROR_TOO_LARGE))
        status = SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;
      errata_otlp_respond_error (request->message, request->encoding, status, 3 /* INVALID_ARGUMENT */,
                     error->message);
      finish_request (request, FALSE);
      return;
    }
  g_clear_pointer (&request->body, g_bytes_unref);
  request->n_spans = spans->len;
  if (spans->len == 0)
    {
      g_ptr_array_unref (spans);
      journaled (NULL, request);
      return;
    }
  errata_live_writer_submit (self->writer, spans, g_steal_pointer (&request->prebuilt), journaled, request);
}

static gboolean
token_matches (ErrataOtlpReceiver *self,
               SoupMessageHeaders *headers)
{
  const char *bearer = soup_message_headers_get_one (headers, "Authorization");
  const char *plain = soup_message_headers_get_one (headers, "X-Errata-Token");

  if (self->token == NULL)
    return TRUE;
  if (plain != NULL && g_str_equal (plain, self->token))
    return TRUE;
  return bearer != NULL && g_str_has_prefix (bearer, "Bearer ")
         && g_str_equal (bearer + strlen ("Bearer "), self->token);
}

static gboolean
is_gzip (SoupMessageHeaders *headers,
         gboolean           *supported)
{
  const char *encoding = soup_message_headers_get_one (headers, "Content-Encoding");

  *supported = encoding == NULL || g_ascii_strcasecmp (encoding, "identity") == 0
               || g_ascii_strcasecmp (encoding, "gzip") == 0;
  return encoding != NULL && g_ascii_strcasecmp (encoding, "gzip") == 0;
}

/* What a body takes once decoded: a gzip body's inflated size, as its
 * trailer says (ISIZE, RFC 1952), but no more than the limit past which
 * it is refused anyway. Counted compressed until decoded, gzip bodies
 * let requests in whose inflated bodies were many times the limit. */
static gsize
expected_plain_size (SoupMessageBody *body,
                     gboolean         gzip,
                     gsize            max_body)
{
  gsize size = (gsize)MAX (body->length, 0);
  guint32 isize = 0;

  if (!gzip || size < 18)
    return size;
  for (guint i = 4; i-- > 0;)
    {
      g_autoptr(GBytes) chunk = soup_message_body_get_chunk (body, body->length - 4 + i);

      if (chunk == NULL || g_bytes_get_size (chunk) == 0)
        return size;
      isize = (isize << 8) | ((const guint8 *)g_bytes_get_data (chunk, NULL))[0];
    }
  return MAX (size, MIN ((gsize)isize, max_body));
}

/* With 120 exporters sending 512 spans a request, the spans decoded and
 * waiting took 1.3 GB before this limit (bench/README.md). */
static gboolean
is_over_in_flight_limit (ErrataOtlpReceiver *self,
                         gsize               size)
{
  return self->in_flight > 0 && self->in_flight_bytes + size > self->max_in_flight;
}

void
_errata_otlp_receiver_handle_export (SoupServer        *server,
                                     SoupServerMessage *message,
                                     const char        *path,
                                     GHashTable        *query,
                                     gpointer           user_data)
{
  ErrataOtlpReceiver *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  ErrataOtlpEncoding encoding = ERRATA_OTLP_JSON;
  gboolean gzip_supported;
  Request *request;
  gsize expected;

  if (soup_server_message_get_method (message) != SOUP_METHOD_POST)
    {
      soup_server_message_set_status (message, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (message), "Allow", "POST");
      self->counts.requests_refused++;
      return;
    }
  if (!errata_otlp_parse_content_type (soup_message_headers_get_content_type (headers, NULL), &encoding, &error)
      || (is_gzip (headers, &gzip_supported), !gzip_supported))
    {
      errata_otlp_respond_error (message, encoding, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, 3 /* INVALID_ARGUMENT */,
                     error ? error->message
                           /* Translators: Content-Encoding is an HTTP header name. */
                           : _("only gzip or no Content-Encoding is supported"));
      self->counts.requests_refused++;
      return;
    }
  if (self->stopping || errata_live_writer_get_backlog (self->writer) > self->max_backlog)
    {
      /* Translators: answered to an exporter that should send again later. */
      errata_otlp_respond_retry (message, encoding, _("the receiver is busy storing earlier spans; retry"));
      self->counts.requests_refused++;
      return;
    }

  expected = expected_plain_size (soup_server_message_get_request_body (message),
                                  is_gzip (headers, &gzip_supported), self->max_body);
  if (is_over_in_flight_limit (self, expected))
    {
      /* Translators: answered to an exporter that should send again later. */
      errata_otlp_respond_retry (message, encoding, _("the receiver holds as many requests as it may at once; retry"));
      self->counts.requests_refused++;
      return;
    }

  body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  request = g_new0 (Request, 1);
  request->receiver = g_object_ref (self);
  request->message = g_object_ref (message);
  request->signal = g_str_equal (path, "/v1/logs") ? ERRATA_OTLP_LOGS : ERRATA_OTLP_TRACES;
  request->encoding = encoding;
  request->gzip = is_gzip (headers, &gzip_supported);
  request->body = g_steal_pointer (&body);
  request->max_body = self->max_body;
  request->counted = expected;
  soup_server_message_pause (message);
  /* Its answer written, or its client gone: libsoup says "finished"
   * either way, after the unpause at the latest. */
  self->unsent++;
  g_signal_connect (message, "finished", G_CALLBACK (_errata_otlp_receiver_on_accepted_finished), self);
  self->in_flight++;
  self->in_flight_bytes += request->counted;

  task = g_task_new (NULL, NULL, decoded, request);
  g_task_set_task_data (task, request, NULL);
  g_task_run_in_thread (task, decode_in_thread);
}

/* Any other path: 404, saying what is received. An SDK pointed at the
 * receiver with OTEL_EXPORTER_OTLP_ENDPOINT sends its metrics to
 * /v1/metrics too (Python's auto-instrumentation does by default). With
 * only the early handler for every path, libsoup answered those with an
 * empty 500, which exporters log without a word of why. */
void
_errata_otlp_receiver_handle_other_path (SoupServer        *server,
                                         SoupServerMessage *message,
                                         const char        *path,
                                         GHashTable        *query,
                                         gpointer           user_data)
{
  ErrataOtlpReceiver *self = user_data;
  ErrataOtlpEncoding encoding = ERRATA_OTLP_JSON;
  const int rpc_not_found = 5;   /* google.rpc.Code NOT_FOUND */

  errata_otlp_parse_content_type (soup_message_headers_get_content_type (soup_server_message_get_request_headers (message), NULL),
                                  &encoding, NULL);
  if (g_str_equal (path, "/v1/metrics"))
    errata_otlp_respond_error (message, encoding, SOUP_STATUS_NOT_FOUND, rpc_not_found,
                   /* Translators: answered to an OpenTelemetry exporter that sends
                    * metrics; OTEL_METRICS_EXPORTER=none is an environment variable
                    * setting, not to be translated. */
                   _("Errata keeps traces and their log events, not metrics; "
                     "set OTEL_METRICS_EXPORTER=none to send none"));
  else
    errata_otlp_respond_error (message, encoding, SOUP_STATUS_NOT_FOUND, rpc_not_found,
                   /* Translators: answered to a request for any other path;
                    * the paths are not to be translated. */
                   _("Errata receives OpenTelemetry traces at /v1/traces and log events at /v1/logs"));
  self->counts.requests_refused++;
}

/* libsoup reads the body of a request refused before it (unless the
 * client asked for 100-continue) and answers once it has: the body of a
 * refused request is read and dropped, never kept. A 10 GB body was kept
 * whole before its 413. */
static void
drop_body (SoupServerMessage *message)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);

  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
}

static ErrataOtlpEncoding
request_encoding (SoupServerMessage *message)
{
  ErrataOtlpEncoding encoding = ERRATA_OTLP_JSON;

  errata_otlp_parse_content_type (soup_message_headers_get_content_type (soup_server_message_get_request_headers (message), NULL),
                                  &encoding, NULL);
  return encoding;
}

static void
refuse_too_large (ErrataOtlpReceiver *self,
                  SoupServerMessage  *message)
{
  g_autofree char *limit = g_format_size (self->max_body);
  g_autofree char *text = g_strdup_printf (_("the request is larger than the receiver’s limit of %s"), limit);

  errata_otlp_respond_error (message, request_encoding (message), SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, 3, text);
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Connection", "close");
  drop_body (message);
  self->counts.requests_refused++;
}

/* A body without a length (chunked) is counted as it comes. */
static void
on_got_chunk (SoupServerMessage *message,
              GBytes            *chunk,
              gpointer           user_data)
{
  ErrataOtlpReceiver *self = user_data;

  if (soup_server_message_get_status (message) == 0
      && (gsize)soup_server_message_get_request_body (message)->length > self->max_body)
    refuse_too_large (self, message);
}

/* Before the body is read: a request without the token, or announcing a
 * body past the limit, is refused without keeping its body. */
void
_errata_otlp_receiver_check_early (SoupServer        *server,
                                   SoupServerMessage *message,
                                   const char        *path,
                                   GHashTable        *query,
                                   gpointer           user_data)
{
  ErrataOtlpReceiver *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);

  if (!token_matches (self, headers))
    {
      errata_otlp_respond_error (message, request_encoding (message), SOUP_STATUS_UNAUTHORIZED,
                                 16 /* UNAUTHENTICATED */,
                                 /* Translators: X-Errata-Token and Authorization are HTTP header names. */
                                 _("this receiver needs its token in an X-Errata-Token or Authorization: Bearer header"));
      drop_body (message);
      self->counts.requests_refused++;
      return;
    }
  if ((gsize)soup_message_headers_get_content_length (headers) > self->max_body)
    {
      refuse_too_large (self, message);
      return;
    }
  g_signal_connect_object (message, "got-chunk", G_CALLBACK (on_got_chunk), self, 0);
}
