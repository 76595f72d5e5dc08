/* errata-bench-receive.c: spans per second the live OTLP receiver accepts
 * (answered 200, journaled) and stores (built into traces).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: errata-bench-receive EXPORT.json|EXPORT.pb [N_SPANS] [CONNECTIONS] [raw|soup]
 *                             [COPIES] [MAX_IN_FLIGHT_MB]
 *
 * A receiver on a free loopback port in this process (its HTTP server on
 * the main thread, its decoding on GTask's pool, its writer on its own
 * thread) and an exporter on another thread sending N_SPANS spans (default
 * 200,000), CONNECTIONS requests in flight (default 30: OpenTelemetry JS's
 * exporter allows 30, but one app's batch processor sends one at a time,
 * so each connection stands for an exporting process; bench/README.md,
 * "What exporters send"), a 503 sent again after its Retry-After, as
 * OpenTelemetry's exporters do. The exporter is "raw" by default:
 * plain HTTP/1.1 over keep-alive sockets and poll(), so that the load it
 * makes costs little of the two processors the receiver is measured on
 * (libsoup's client, "soup", spent 4% of the process's instructions and
 * more of its system time; bench/README.md). Its own CPU is printed apart.
 * COPIES (default 1) puts that many copies of the export in each request,
 * each with trace ids of its own: 16 copies of the 32-span fixture make
 * 512 spans a request, OpenTelemetry SDKs' default batch, which is what an
 * exporter sends when spans come faster than its schedule. MAX_IN_FLIGHT_MB
 * sets the receiver's limit on request bodies in flight (default: the
 * receiver's own). Each request is EXPORT.json (an
 * ExportTraceServiceRequest a real instrumentation wrote: meson passes the
 * OpenInference fixture, 32 spans of 8 traces) with its trace ids
 * made new, so every request adds 8 traces. The bodies are made before
 * the clock starts. EXPORT.pb (an ExportTraceServiceRequest in protobuf,
 * meson passes the same OpenInference spans) sends protobuf bodies the
 * same way: each copy's trace ids made new, the copies concatenated.
 * Prints spans/s accepted (all answered 200) and stored
 * (every trace in the project), the CPU time, and the resident memory at
 * the start, halfway and at the end. Figures: bench/README.md.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "errata-otlp-receiver.h"
#include "errata-project.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb-c.h"

typedef Opentelemetry__Proto__Collector__Trace__V1__ExportTraceServiceRequest ExportRequest;


static gsize
rss_kb (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    sscanf (statm, "%lu %lu", &size, &resident);
  return resident * (gsize)sysconf (_SC_PAGESIZE) / 1024;
}

/* The most this process has been resident, kB (VmHWM). */
static gsize
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return (gsize)g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10);
}

/* The export's trace ids, each made unique to copy `copy`. */
static void
append_copy (GString    *body,
             const char *export,
             GPtrArray  *trace_ids,
             guint       copy)
{
  GString *json = g_string_new (export);

  for (guint i = 0; i < trace_ids->len; i++)
    {
      g_autofree char *fresh = g_strdup_printf ("%.20s%04x%08x", (char *)trace_ids->pdata[i], i, copy);

      g_string_replace (json, trace_ids->pdata[i], fresh, 0);
    }
  g_string_append_len (body, json->str, json->len);
  g_string_free (json, TRUE);
}

/* Request `request`: `copies` copies of the export's resourceSpans (given
 * as `resource_spans`, the array's members without its brackets). */
static GBytes *
make_body (const char *resource_spans,
           GPtrArray  *trace_ids,
           guint       request,
           guint       copies)
{
  GString *body = g_string_new ("{\"resourceSpans\":[");

  for (guint j = 0; j < copies; j++)
    {
      if (j > 0)
        g_string_append_c (body, ',');
      append_copy (body, resource_spans, trace_ids, request * copies + j);
    }
  g_string_append (body, "]}");
  return g_string_free_to_bytes (body);
}

/* The members of the export's resourceSpans array, as JSON text. */
static char *
resource_spans_text (const char *export)
{
  g_autoptr(JsonNode) root = json_from_string (export, NULL);
  g_autofree char *array = NULL;
  gsize length;

  g_assert (root != NULL);
  array = json_to_string (json_object_get_member (json_node_get_object (root), "resourceSpans"), FALSE);
  length = strlen (array);
  g_assert (length >= 2 && array[0] == '[' && array[length - 1] == ']');
  return g_strndup (array + 1, length - 2);
}

static GPtrArray *
trace_ids_of (const char *export,
              guint      *n_spans)
{
  g_autoptr(JsonNode) root = json_from_string (export, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *resource_spans;

  g_assert (root != NULL);
  *n_spans = 0;
  resource_spans = json_object_get_array_member (json_node_get_object (root), "resourceSpans");
  for (guint i = 0; i < json_array_get_length (resource_spans); i++)
    {
      JsonArray *scopes = json_object_get_array_member (json_array_get_object_element (resource_spans, i), "scopeSpans");

      for (guint j = 0; j < json_array_get_length (scopes); j++)
        {
          JsonArray *spans = json_object_get_array_member (json_array_get_object_element (scopes, j), "spans");

          for (guint k = 0; k < json_array_get_length (spans); k++)
            {
              const char *id = json_object_get_string_member (json_array_get_object_element (spans, k), "traceId");

              (*n_spans)++;
              if (!g_hash_table_contains (seen, id))
                {
                  g_hash_table_add (seen, (gpointer)id);
                  g_ptr_array_add (ids, g_strdup (id));
                }
            }
        }
    }
  return ids;
}

/* ---- A protobuf export (EXPORT.pb): the same requests, encoded as the
 * proto exporters send them ---- */

static ExportRequest *
unpack_export (GBytes *export)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (export, &size);
  ExportRequest *request =
    opentelemetry__proto__collector__trace__v1__export_trace_service_request__unpack (NULL, size, data);

  g_assert (request != NULL);
  return request;
}

/* The spans of `request`, each given to `func`. */
static void
for_each_span (ExportRequest *request,
               void         (*func) (Opentelemetry__Proto__Trace__V1__Span *span, gpointer data),
               gpointer       data)
{
  for (gsize i = 0; i < request->n_resource_spans; i++)
    for (gsize j = 0; j < request->resource_spans[i]->n_scope_spans; j++)
      for (gsize k = 0; k < request->resource_spans[i]->scope_spans[j]->n_spans; k++)
        func (request->resource_spans[i]->scope_spans[j]->spans[k], data);
}

typedef struct
{
  GPtrArray *trace_ids;    /* each distinct trace id, as a GBytes */
  guint      n_spans;
  guint      copy;
} ProtoIds;

static guint
proto_trace_index (ProtoIds                              *ids,
                   const Opentelemetry__Proto__Trace__V1__Span *span)
{
  for (guint i = 0; i < ids->trace_ids->len; i++)
    {
      gsize size;
      const guint8 *id = g_bytes_get_data (ids->trace_ids->pdata[i], &size);

      if (size == span->trace_id.len && memcmp (id, span->trace_id.data, size) == 0)
        return i;
    }
  g_ptr_array_add (ids->trace_ids, g_bytes_new (span->trace_id.data, span->trace_id.len));
  return ids->trace_ids->len - 1;
}

static void
count_proto_span (Opentelemetry__Proto__Trace__V1__Span *span,
                  gpointer                               data)
{
  ProtoIds *ids = data;

  ids->n_spans++;
  proto_trace_index (ids, span);
}

/* As append_copy does to the hex ids: the last 6 of a trace id's 16
 * bytes become the trace's index and the copy. */
static void
renumber_proto_span (Opentelemetry__Proto__Trace__V1__Span *span,
                     gpointer                               data)
{
  ProtoIds *ids = data;
  guint index = proto_trace_index (ids, span);
  guint8 *id = span->trace_id.data;

  g_assert (span->trace_id.len == 16);
  id[10] = index >> 8;
  id[11] = index & 0xff;
  id[12] = ids->copy >> 24;
  id[13] = (ids->copy >> 16) & 0xff;
  id[14] = (ids->copy >> 8) & 0xff;
  id[15] = ids->copy & 0xff;
}

/* Request `request` as protobuf: `copies` copies of the export, packed one
 * after the other (a repeated field's encodings concatenated are the
 * encoding of the whole list). The trace ids are matched against the
 * export's originals, so each copy is unpacked afresh. */
static GBytes *
make_proto_body (GBytes    *export,
                 GPtrArray *trace_ids,
                 guint      request,
                 guint      copies)
{
  GByteArray *body = g_byte_array_new ();

  for (guint j = 0; j < copies; j++)
    {
      ExportRequest *copy = unpack_export (export);
      ProtoIds ids = { trace_ids, 0, request * copies + j };
      gsize size;

      for_each_span (copy, renumber_proto_span, &ids);
      size = protobuf_c_message_get_packed_size (&copy->base);
      g_byte_array_set_size (body, body->len + size);
      protobuf_c_message_pack (&copy->base, body->data + body->len - size);
      opentelemetry__proto__collector__trace__v1__export_trace_service_request__free_unpacked (copy, NULL);
    }
  return g_byte_array_free_to_bytes (body);
}

static GPtrArray *
proto_trace_ids_of (GBytes *export,
                    guint  *n_spans)
{
  ExportRequest *request = unpack_export (export);
  ProtoIds ids = { g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref), 0, 0 };

  for_each_span (request, count_proto_span, &ids);
  opentelemetry__proto__collector__trace__v1__export_trace_service_request__free_unpacked (request, NULL);
  *n_spans = ids.n_spans;
  return ids.trace_ids;
}

static double
cpu_seconds_of (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static double
cpu_seconds (void)
{
  return cpu_seconds_of (RUSAGE_SELF);
}

/* CPU seconds of this process's threads named `name`. The receiver's
 * writer is "live-writer": being one thread, its CPU per span is the
 * receiver's ceiling however many cores there are (the builders are
 * "live-builder", the decoding "otlp-decode" while it decodes). The
 * exporter is "exporter": the load, not the receiver. */
static double
thread_cpu_seconds (const char *name)
{
  g_autoptr(GDir) tasks = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;
  double seconds = 0;

  while (tasks != NULL && (tid = g_dir_read_name (tasks)) != NULL)
    {
      g_autofree char *comm_path = g_strdup_printf ("/proc/self/task/%s/comm", tid);
      g_autofree char *stat_path = g_strdup_printf ("/proc/self/task/%s/stat", tid);
      g_autofree char *comm = NULL;
      g_autofree char *stat = NULL;
      unsigned long utime = 0, stime = 0;
      const char *after_name;

      if (!g_file_get_contents (comm_path, &comm, NULL, NULL) || !g_str_equal (g_strchomp (comm), name)
          || !g_file_get_contents (stat_path, &stat, NULL, NULL)
          || (after_name = strrchr (stat, ')')) == NULL)
        continue;
      /* After "pid (comm)": state, then 10 fields, then utime and stime. */
      if (sscanf (after_name + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) == 2)
        seconds += (double)(utime + stime) / sysconf (_SC_CLK_TCK);
    }
  return seconds;
}

typedef struct
{
  char       *uri;
  guint16     port;
  const char *content_type;
  GPtrArray  *bodies;
  guint       connections;
  guint       next;
  gint        answered;   /* read by the main thread: atomic */
  guint       retries;
  gint64      done_at;
  double      cpu;        /* the exporter thread's own, at its end */
  GMainLoop  *loop;
  SoupSession *session;
} Exporter;

static void
exporter_answered (Exporter *exporter)
{
  if (g_atomic_int_add (&exporter->answered, 1) + 1 == (gint)exporter->bodies->len)
    exporter->done_at = g_get_monotonic_time ();
}

typedef struct
{
  Exporter    *exporter;
  guint        index;
  SoupMessage *message;
} Sent;

static void send_one (Exporter *exporter, guint index);

static gboolean
send_again (gpointer data)
{
  Sent *sent = data;

  send_one (sent->exporter, sent->index);
  return G_SOURCE_REMOVE;
}

/* After the answer's Retry-After (1 s without one), on this thread. */
static void
send_later (Sent        *sent,
            SoupMessage *answered_message)
{
  const char *after = soup_message_headers_get_one (soup_message_get_response_headers (answered_message),
                                                    "Retry-After");
  guint seconds = after != NULL ? (guint)g_ascii_strtoull (after, NULL, 10) : 1;
  Sent *again = g_new0 (Sent, 1);
  g_autoptr(GSource) source = g_timeout_source_new_seconds (seconds);

  again->exporter = sent->exporter;
  again->index = sent->index;
  g_source_set_callback (source, send_again, again, g_free);
  g_source_attach (source, g_main_context_get_thread_default ());
}

static void
answered (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Sent *sent = user_data;
  Exporter *exporter = sent->exporter;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  guint status = soup_message_get_status (sent->message);

  if (error != NULL || status != 200)
    {
      if (status != 503)
        g_printerr ("request %u: %u %s\n", sent->index, status, error ? error->message : "");
      exporter->retries++;
      send_later (sent, sent->message);
    }
  else
    {
      exporter_answered (exporter);
      if (exporter->next < exporter->bodies->len)
        send_one (exporter, exporter->next++);
      if (exporter->done_at != 0)
        g_main_loop_quit (exporter->loop);
    }
  g_object_unref (sent->message);
  g_free (sent);
}

static void
send_one (Exporter *exporter,
          guint     index)
{
  Sent *sent = g_new0 (Sent, 1);

  sent->exporter = exporter;
  sent->index = index;
  sent->message = soup_message_new (SOUP_METHOD_POST, exporter->uri);
  soup_message_set_request_body_from_bytes (sent->message, exporter->content_type,
                                            exporter->bodies->pdata[index]);
  soup_session_send_and_read_async (exporter->session, sent->message, G_PRIORITY_DEFAULT, NULL,
                                    answered, sent);
}

static gpointer
soup_exporter_thread (gpointer data)
{
  Exporter *exporter = data;
  GMainContext *context = g_main_context_new ();

  g_main_context_push_thread_default (context);
  exporter->loop = g_main_loop_new (context, FALSE);
  /* No proxy resolver: libproxy looked each request up (getservbyname
   * reading /etc/services), 3.5% of this process's CPU that an OTel
   * exporter does not spend. */
  exporter->session = soup_session_new_with_options ("proxy-resolver", NULL,
                                                     "max-conns", exporter->connections,
                                                     "max-conns-per-host", exporter->connections,
                                                     NULL);
  for (; exporter->next < MIN (exporter->connections, exporter->bodies->len); exporter->next++)
    send_one (exporter, exporter->next);
  g_main_loop_run (exporter->loop);
  g_clear_object (&exporter->session);
  g_main_loop_unref (exporter->loop);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  exporter->cpu = cpu_seconds_of (RUSAGE_THREAD);
  return NULL;
}

/* The raw exporter: each connection sends a request, reads its answer to
 * the end, and sends the next on the same socket. */
typedef struct
{
  int         fd;
  guint       index;      /* the request on it, or G_MAXUINT */
  char        head[160];
  gsize       head_length;
  gsize       sent;       /* of head and body */
  GByteArray *in;
  gint64      resume_at;  /* monotonic µs: told to retry, sends again then */
} Connection;

static int
connect_loopback (guint16 port)
{
  struct sockaddr_in address = { 0 };
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  int one = 1;

  g_assert (fd >= 0);
  address.sin_family = AF_INET;
  address.sin_port = htons (port);
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (connect (fd, (struct sockaddr *)&address, sizeof address) != 0)
    g_error ("connect to port %u: %s", port, g_strerror (errno));
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

static void
connection_start (Exporter   *exporter,
                  Connection *connection,
                  guint       index)
{
  connection->index = index;
  connection->sent = 0;
  g_byte_array_set_size (connection->in, 0);
  connection->head_length = g_snprintf (connection->head, sizeof connection->head,
                                        "POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                        "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n",
                                        exporter->port, exporter->content_type, g_bytes_get_size (exporter->bodies->pdata[index]));
}

/* FALSE when the receiver closed the connection. */
static gboolean
connection_send (Exporter   *exporter,
                 Connection *connection)
{
  gsize body_length;
  const char *body = g_bytes_get_data (exporter->bodies->pdata[connection->index], &body_length);
  gsize body_sent = MAX (connection->sent, connection->head_length) - connection->head_length;
  struct iovec parts[2];
  struct msghdr message = { .msg_iov = parts };
  ssize_t written;

  if (connection->sent < connection->head_length)
    parts[message.msg_iovlen++] = (struct iovec){ connection->head + connection->sent,
                                                  connection->head_length - connection->sent };
  parts[message.msg_iovlen++] = (struct iovec){ (char *)body + body_sent, body_length - body_sent };
  /* Not SIGPIPE: a receiver that answered early and closed is retried. */
  written = sendmsg (connection->fd, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
  if (written > 0)
    connection->sent += written;
  return written >= 0 || errno == EAGAIN || errno == EINTR;
}

/* The answer's status once it has come whole, 0 before. */
static guint
connection_answer (Connection *connection)
{
  const char *text = (const char *)connection->in->data;
  const char *end = g_strstr_len (text, connection->in->len, "\r\n\r\n");
  const char *length_header;
  gsize length = 0;

  if (end == NULL)
    return 0;
  length_header = g_strstr_len (text, end - text, "\r\nContent-Length: ");
  if (length_header == NULL)
    length_header = g_strstr_len (text, end - text, "\r\ncontent-length: ");
  if (length_header != NULL)
    length = g_ascii_strtoull (length_header + strlen ("\r\nContent-Length: "), NULL, 10);
  if ((gsize)(end + 4 - text) + length > connection->in->len)
    return 0;
  return (guint)g_ascii_strtoull (text + strlen ("HTTP/1.1 "), NULL, 10);
}

/* The answer's Retry-After, in µs; 1 s without one. */
static gint64
connection_retry_after (Connection *connection)
{
  const char *text = (const char *)connection->in->data;
  const char *end = g_strstr_len (text, connection->in->len, "\r\n\r\n");
  const char *header = end != NULL ? g_strstr_len (text, end - text, "\r\nRetry-After: ") : NULL;

  if (header == NULL)
    return G_USEC_PER_SEC;
  return (gint64)g_ascii_strtoull (header + strlen ("\r\nRetry-After: "), NULL, 10) * G_USEC_PER_SEC;
}

/* Returns FALSE when the receiver closed the connection. */
static gboolean
connection_read (Connection *connection)
{
  guint8 buffer[4096];
  ssize_t got = recv (connection->fd, buffer, sizeof buffer, MSG_DONTWAIT);

  if (got > 0)
    g_byte_array_append (connection->in, buffer, got);
  return got > 0 || (got < 0 && (errno == EAGAIN || errno == EINTR));
}

/* The request on `connection` goes again, on a new connection. */
static void
connection_reopen (Exporter   *exporter,
                   Connection *connection)
{
  close (connection->fd);
  connection->fd = connect_loopback (exporter->port);
  exporter->retries++;
  connection_start (exporter, connection, connection->index);
}

static gpointer
raw_exporter_thread (gpointer data)
{
  Exporter *exporter = data;
  guint n = MIN (exporter->connections, exporter->bodies->len);
  g_autofree Connection *connections = g_new0 (Connection, n);
  g_autofree struct pollfd *polled = g_new0 (struct pollfd, n);

  for (guint i = 0; i < n; i++)
    {
      connections[i].fd = connect_loopback (exporter->port);
      connections[i].in = g_byte_array_sized_new (512);
      connection_start (exporter, &connections[i], exporter->next++);
    }
  while (exporter->done_at == 0)
    {
      gint64 now = g_get_monotonic_time ();
      int timeout_ms = -1;

      for (guint i = 0; i < n; i++)
        {
          gsize body_length = connections[i].index != G_MAXUINT
                              ? g_bytes_get_size (exporter->bodies->pdata[connections[i].index]) : 0;

          if (connections[i].resume_at != 0 && connections[i].resume_at <= now)
            {
              connections[i].resume_at = 0;
              connection_start (exporter, &connections[i], connections[i].index);
            }
          if (connections[i].resume_at != 0)
            {
              int wait_ms = (int)((connections[i].resume_at - now + 999) / 1000);

              timeout_ms = timeout_ms < 0 ? wait_ms : MIN (timeout_ms, wait_ms);
              polled[i].fd = -1;
              continue;
            }
          polled[i].fd = connections[i].index != G_MAXUINT ? connections[i].fd : -1;
          polled[i].events = connections[i].sent < connections[i].head_length + body_length ? POLLOUT : POLLIN;
        }
      if (poll (polled, n, timeout_ms) < 0 && errno != EINTR)
        g_error ("poll: %s", g_strerror (errno));
      for (guint i = 0; i < n; i++)
        {
          Connection *connection = &connections[i];
          guint status;

          if ((polled[i].revents & POLLOUT) && !connection_send (exporter, connection))
            {
              connection_reopen (exporter, connection);
              continue;
            }
          if (!(polled[i].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
          /* Closed: the receiver's answer to a refused request. */
          if (!connection_read (connection))
            {
              connection_reopen (exporter, connection);
              continue;
            }
          if ((status = connection_answer (connection)) == 0)
            continue;
          if (status != 200)
            {
              if (status != 503)
                g_printerr ("request %u: %u\n", connection->index, status);
              exporter->retries++;
              connection->resume_at = g_get_monotonic_time () + connection_retry_after (connection);
              continue;
            }
          exporter_answered (exporter);
          if (exporter->next < exporter->bodies->len)
            connection_start (exporter, connection, exporter->next++);
          else
            connection->index = G_MAXUINT;
        }
    }
  for (guint i = 0; i < n; i++)
    {
      close (connections[i].fd);
      g_byte_array_unref (connections[i].in);
    }
  exporter->cpu = cpu_seconds_of (RUSAGE_THREAD);
  return NULL;
}

typedef struct
{
  ErrataOtlpReceiver *receiver;
  guint64             traces;
  gint64              stored_at;
  gsize               rss_half;
  gboolean            exporter_done;
  GMainLoop          *loop;
} Watch;

static gboolean
watch (gpointer data)
{
  Watch *w = data;
  ErrataOtlpReceiverCounts counts;
  guint64 built;

  errata_otlp_receiver_get_counts (w->receiver, &counts);
  /* A trace whose spans hold no conversation (its messages are in log
   * records the export does not have) is built and counted apart. */
  built = counts.traces_added + counts.traces_without_conversation;
  if (w->rss_half == 0 && built >= w->traces / 2)
    w->rss_half = rss_kb ();
  if (built >= w->traces && w->stored_at == 0)
    w->stored_at = g_get_monotonic_time ();
  if (w->stored_at != 0 && w->exporter_done)
    {
      g_main_loop_quit (w->loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  guint n_spans = argc > 2 ? (guint)atoi (argv[2]) : 200000;
  guint connections = argc > 3 ? (guint)atoi (argv[3]) : 30;
  gboolean soup_exporter = argc > 4 && g_str_equal (argv[4], "soup");
  guint copies = argc > 5 ? MAX ((guint)atoi (argv[5]), 1) : 1;
  gsize max_in_flight_mb = argc > 6 ? (gsize)atoi (argv[6]) : 0;
  g_autofree char *resource_spans = NULL;
  g_autofree char *export = NULL;
  gsize export_length = 0;
  g_autoptr(GBytes) proto_export = NULL;
  g_autoptr(GPtrArray) trace_ids = NULL;
  guint spans_per_request = 0;
  double cpu_start;
  double writer_cpu;
  g_autofree char *dir = g_dir_make_tmp ("errata-bench-receive-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.errata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataOtlpReceiver) receiver = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  Exporter exporter = { 0 };
  Watch w = { 0 };
  GThread *thread;
  gsize rss_start, rss_end, bytes = 0;
  gint64 start;
  ErrataOtlpReceiverCounts counts;
  guint n_requests;

  if (argc < 2 || !g_file_get_contents (argv[1], &export, &export_length, &error))
    {
      g_printerr ("usage: errata-bench-receive EXPORT.json|EXPORT.pb [N_SPANS] [CONNECTIONS] [raw|soup] [COPIES]"
                  " [MAX_IN_FLIGHT_MB]\n");
      return 2;
    }
  if (g_str_has_suffix (argv[1], ".pb"))
    {
      proto_export = g_bytes_new_take (g_steal_pointer (&export), export_length);
      trace_ids = proto_trace_ids_of (proto_export, &spans_per_request);
    }
  else
    {
      trace_ids = trace_ids_of (export, &spans_per_request);
      resource_spans = resource_spans_text (export);
    }
  spans_per_request *= copies;
  n_requests = MAX (n_spans / spans_per_request, 1);
  project = errata_project_create (file, &error);
  g_assert_no_error (error);
  errata_project_close (project);
  receiver = errata_otlp_receiver_new (file);
  errata_otlp_receiver_set_port (receiver, 0);
  if (max_in_flight_mb > 0)
    errata_otlp_receiver_set_max_in_flight (receiver, max_in_flight_mb * 1024 * 1024);
  errata_otlp_receiver_start (receiver, &error);
  g_assert_no_error (error);
  endpoint = errata_otlp_receiver_dup_endpoint (receiver);

  exporter.uri = g_strconcat (endpoint, "/v1/traces", NULL);
  exporter.port = (guint16)atoi (strrchr (endpoint, ':') + 1);
  exporter.bodies = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  exporter.connections = connections;
  exporter.content_type = proto_export != NULL ? "application/x-protobuf" : "application/json";
  for (guint i = 0; i < n_requests; i++)
    {
      g_ptr_array_add (exporter.bodies, proto_export != NULL
                                        ? make_proto_body (proto_export, trace_ids, i, copies)
                                        : make_body (resource_spans, trace_ids, i, copies));
      bytes += g_bytes_get_size (exporter.bodies->pdata[i]);
    }
  rss_start = rss_kb ();

  w.receiver = receiver;
  w.traces = (guint64)n_requests * copies * trace_ids->len;
  w.loop = g_main_loop_new (NULL, FALSE);
  cpu_start = cpu_seconds ();
  start = g_get_monotonic_time ();
  thread = g_thread_new ("exporter", soup_exporter ? soup_exporter_thread : raw_exporter_thread, &exporter);
  g_timeout_add (5, watch, &w);
  /* The exporter's end is seen through its done_at. */
  while (!w.exporter_done || w.stored_at == 0)
    {
      g_main_context_iteration (NULL, TRUE);
      if (!w.exporter_done && (guint)g_atomic_int_get (&exporter.answered) == n_requests)
        {
          g_thread_join (thread);
          w.exporter_done = TRUE;
        }
    }
  rss_end = rss_kb ();
  cpu_start = cpu_seconds () - cpu_start;
  writer_cpu = thread_cpu_seconds ("live-writer");
  errata_otlp_receiver_get_counts (receiver, &counts);
  errata_otlp_receiver_stop (receiver);

  n_spans = n_requests * spans_per_request;
  printf ("spans: %u in %u requests of %u (%.1f MB of %s), %u connections, %u retries (503)\n",
          n_spans, n_requests, spans_per_request, bytes / 1e6, proto_export != NULL ? "protobuf" : "JSON",
          connections, exporter.retries);
  printf ("accepted (every request answered 200, spans journaled): %.2f s, %.0f spans/s\n",
          (exporter.done_at - start) / 1e6, n_spans / ((exporter.done_at - start) / 1e6));
  printf ("stored (every trace built and in the project): %.2f s, %.0f spans/s, %" G_GUINT64_FORMAT " traces"
          " (%" G_GUINT64_FORMAT " more without a conversation)\n",
          (w.stored_at - start) / 1e6, n_spans / ((w.stored_at - start) / 1e6), counts.traces_added,
          counts.traces_without_conversation);
  printf ("built while their request was decoded: %" G_GUINT64_FORMAT " of the %" G_GUINT64_FORMAT
          " traces added (the others on the writer's builder threads)\n",
          counts.traces_built_while_decoding, counts.traces_added);
  printf ("CPU (this process, exporter included): %.2f s, %.0f spans per CPU second\n",
          cpu_start, n_spans / cpu_start);
  printf ("exporter (%s) thread CPU: %.2f s; the receiver's: %.2f s, %.0f spans per CPU second\n",
          soup_exporter ? "libsoup" : "raw", exporter.cpu, cpu_start - exporter.cpu,
          n_spans / MAX (cpu_start - exporter.cpu, 0.01));
  printf ("writer thread CPU: %.2f s, %.0f spans per writer CPU second (its own; it also waits for its builder threads)\n",
          writer_cpu, n_spans / MAX (writer_cpu, 0.01));
  printf ("RSS: %zu kB at the start, %zu kB halfway, %zu kB at the end, %zu kB at most\n",
          rss_start, w.rss_half, rss_end, peak_rss_kb ());

  g_ptr_array_unref (exporter.bodies);
  g_free (exporter.uri);
  g_main_loop_unref (w.loop);
  g_remove (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
  return counts.traces_added + counts.traces_without_conversation == w.traces ? 0 : 1;
}
