/* errata-otlp-receiver.c: OTLP/HTTP on localhost, traces into a project.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POST /v1/traces and /v1/logs, JSON or protobuf, gzip or not, answered as
 * the OTLP specification says: 200 with an export response (partial_success
 * counting the spans without a trace id), 400 for a body that does not
 * decode, 413 past the size limit, 415 for another content type, 503 with
 * Retry-After while the writer is behind, so that exporters retry instead
 * of dropping. A request is held (paused) while a worker thread decodes it
 * and the writer journals it: the 200 goes out only once its spans are
 * committed, and the main loop never waits on either. This file starts
 * and stops the server and the writer; errata-otlp-receiver-requests.c
 * takes the requests.
 */

#include "config.h"

#include "errata-otlp-receiver-private.h"

#include <glib/gi18n-lib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

enum
{
  SIGNAL_COUNTS_CHANGED,
  SIGNAL_TRACES_STORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (ErrataOtlpReceiver, errata_otlp_receiver, G_TYPE_OBJECT)
G_DEFINE_QUARK (errata-otlp-receiver-error-quark, errata_otlp_receiver_error)

void
_errata_otlp_receiver_counts_changed (ErrataOtlpReceiver *self)
{
  g_signal_emit (self, signals[SIGNAL_COUNTS_CHANGED], 0);
}

static void
stored (const ErrataLiveCounts *counts,
        gpointer                user_data)
{
  ErrataOtlpReceiver *self = user_data;
  /* Also called when only traces without a conversation were built. */
  gboolean stored = counts->traces_added != self->counts.traces_added
                    || counts->traces_updated != self->counts.traces_updated;

  self->counts.traces_added = counts->traces_added;
  self->counts.spans_journaled = counts->spans_journaled;
  self->counts.traces_updated = counts->traces_updated;
  self->counts.traces_without_conversation = counts->traces_without_conversation;
  self->counts.traces_built_while_decoding = counts->traces_built_while_decoding;
  if (stored)
    g_signal_emit (self, signals[SIGNAL_TRACES_STORED], 0);
  g_signal_emit (self, signals[SIGNAL_COUNTS_CHANGED], 0);
}

/* GSocket listens with a backlog of 10: an exporter opening 30
 * connections at once (OpenTelemetry JS's concurrency limit) would see
 * some reset. */
#define LISTEN_BACKLOG 256

static gboolean
listen_on (ErrataOtlpReceiver  *self,
           GInetAddress        *inet,
           GError             **error)
{
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, self->port);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) socket = NULL;

  socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  /* SO_REUSEADDR: the connections of a receiver that went away (stopped,
   * or Errata killed) wait in the kernel for a minute, and would keep the
   * port from the receiver started after it. A program still listening
   * there keeps it all the same: that is "port in use". */
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error)
      || !soup_server_listen_socket (self->server, socket, 0, error))
    return FALSE;
  bound = g_socket_get_local_address (socket, NULL);
  if (bound != NULL)
    self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return TRUE;
}

static gboolean
listen_loopback (ErrataOtlpReceiver  *self,
                 GError             **error)
{
  g_autoptr(GInetAddress) ipv4 = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GInetAddress) ipv6 = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6);
  g_autoptr(GError) ipv6_error = NULL;

  if (!listen_on (self, ipv4, error))
    return FALSE;
  /* ::1 too, when the machine has IPv6 at all; 127.0.0.1 is enough. */
  if (!listen_on (self, ipv6, &ipv6_error))
    g_debug ("Not receiving on ::1: %s", ipv6_error->message);
  return TRUE;
}

static gboolean
listen_address (ErrataOtlpReceiver  *self,
                GError             **error)
{
  g_autoptr(GInetAddress) inet = NULL;

  if (self->token == NULL || *self->token == '\0')
    {
      g_set_error (error, ERRATA_OTLP_RECEIVER_ERROR, ERRATA_OTLP_RECEIVER_ERROR_ADDRESS,
                   /* Translators: %s is a network address, e.g. 192.168.1.5. */
                   _("Receiving on %s needs a token: anyone on the network could send traces."),
                   self->address);
      return FALSE;
    }
  inet = g_inet_address_new_from_string (self->address);
  if (inet == NULL)
    {
      g_set_error (error, ERRATA_OTLP_RECEIVER_ERROR, ERRATA_OTLP_RECEIVER_ERROR_ADDRESS,
                   /* Translators: %s is what the user gave as a network address. */
                   _("“%s” is not an IP address."), self->address);
      return FALSE;
    }
  return listen_on (self, inet, error);
}

/* What the imports list calls this session: where and since when. */
static char *
dup_import_name (ErrataOtlpReceiver *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *where = g_strdup_printf ("%s:%u", self->address ? self->address : "127.0.0.1",
                                            self->port);

  /* Translators: an import's name: the traces received in one session.
   * The first %s is an address and port (127.0.0.1:4318), the second a
   * date and time. */
  return g_strdup_printf (_("Live traces, %s, %s"), where, when);
}

/* glibc's malloc was a third of the receiver's CPU (bench/README.md, "Live
 * traces"): json-glib allocates and frees millions of small nodes across
 * threads, and a span's strings are larger than a fastbin, so allocating
 * one made glibc consolidate its fastbins again and again; the arenas of
 * the decoding and building threads were grown and trimmed over and over,
 * and buffers above the dynamic mmap threshold were mmap()ed and
 * munmap()ed anew, a TLB flush on every core each time. Without fastbins
 * (tcache still serves the small sizes), with 64 MB kept at an arena's
 * top and buffers up to 8 MB taken from the heap, the process spends less
 * CPU per span (bench/README.md has the figures) and RSS still levels
 * off. Set once for the process, when a receiver first starts. */
static void
tune_malloc_once (void)
{
#ifdef __GLIBC__
  static gsize tuned = 0;

  if (g_once_init_enter (&tuned))
    {
      mallopt (M_MXFAST, 0);
      mallopt (M_TRIM_THRESHOLD, 64 * 1024 * 1024);
      mallopt (M_TOP_PAD, 16 * 1024 * 1024);
      mallopt (M_MMAP_THRESHOLD, 8 * 1024 * 1024);
      g_once_init_leave (&tuned, 1);
    }
#endif
}

gboolean
errata_otlp_receiver_start (ErrataOtlpReceiver  *self,
                            GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *import_name = NULL;
  guint wanted_port = self->port;
  gboolean ok;

  g_return_val_if_fail (ERRATA_IS_OTLP_RECEIVER (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  tune_malloc_once ();
  memset (&self->counts, 0, sizeof self->counts);
  self->stopping = FALSE;
  self->server = soup_server_new ("server-header", "Errata ", NULL);
  /* libsoup keeps one entry a path: an early handler for NULL alone is
   * never called for the paths below. */
  soup_server_add_early_handler (self->server, NULL, _errata_otlp_receiver_check_early, self, NULL);
  soup_server_add_early_handler (self->server, "/v1/traces", _errata_otlp_receiver_check_early, self, NULL);
  soup_server_add_early_handler (self->server, "/v1/logs", _errata_otlp_receiver_check_early, self, NULL);
  soup_server_add_handler (self->server, "/v1/traces", _errata_otlp_receiver_handle_export, self, NULL);
  soup_server_add_handler (self->server, "/v1/logs", _errata_otlp_receiver_handle_export, self, NULL);
  soup_server_add_handler (self->server, NULL, _errata_otlp_receiver_handle_other_path, self, NULL);
  ok = self->address != NULL ? listen_address (self, &local_error) : listen_loopback (self, &local_error);
  if (!ok)
    {
      g_clear_object (&self->server);
      self->port = wanted_port;
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        g_set_error (error, ERRATA_OTLP_RECEIVER_ERROR, ERRATA_OTLP_RECEIVER_ERROR_PORT_IN_USE,
                     /* Translators: %u is a port number, e.g. 4318. */
                     _("Port %u is in use: another program (an OpenTelemetry Collector, "
                       "Phoenix, another Errata) is receiving traces there. Stop it, or "
                       "receive on another port: “errata-cli receive PROJECT --port N”."),
                     wanted_port);
      else if (local_error->domain == ERRATA_OTLP_RECEIVER_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, ERRATA_OTLP_RECEIVER_ERROR, ERRATA_OTLP_RECEIVER_ERROR_ADDRESS,
                     /* Translators: %u is a port number; %s says why, from the system. */
                     _("Could not receive traces on port %u: %s"), wanted_port, local_error->message);
      return FALSE;
    }
  import_name = dup_import_name (self);
  self->writer = errata_live_writer_start (self->file, self->idle_ms, import_name, stored, self, error);
  if (self->writer != NULL)
    errata_live_writer_set_max_held (self->writer, self->max_held);
  if (self->writer == NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
      self->port = wanted_port;
      return FALSE;
    }
  return TRUE;
}

/* The last step of every stop: the writer has stored everything and
 * ended, and every answer is written. Only now: soup_server_disconnect()
 * closes the clients' connections too, and the answers went through
 * them. */
static void
end_stop_when_sent (ErrataOtlpReceiver *self)
{
  g_autoptr(GPtrArray) tasks = NULL;

  if (!self->writer_ended || self->unsent > 0)
    return;
  self->writer_ended = FALSE;
  tasks = g_steal_pointer (&self->stop_tasks);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  for (guint i = 0; i < tasks->len; i++)
    g_task_return_boolean (tasks->pdata[i], TRUE);
  /* The writer's stop held it. */
  g_object_unref (self);
}

void
_errata_otlp_receiver_on_accepted_finished (SoupServerMessage  *message,
                                            ErrataOtlpReceiver *self)
{
  self->unsent--;
  end_stop_when_sent (self);
}

/* After the calls the writer queued before it ended (the answers). */
static gboolean
writer_stopped (gpointer data)
{
  ErrataOtlpReceiver *self = data;

  self->writer_ended = TRUE;
  end_stop_when_sent (self);
  return G_SOURCE_REMOVE;
}

/* Every request accepted so far gets its answer before the writer is
 * told to stop, and its spans a trace. */
void
_errata_otlp_receiver_stop_writer_when_answered (ErrataOtlpReceiver *self)
{
  if (self->in_flight > 0 || self->writer == NULL)
    return;
  errata_live_writer_stop_async (g_steal_pointer (&self->writer), writer_stopped, g_object_ref (self));
}

void
errata_otlp_receiver_stop_async (ErrataOtlpReceiver  *self,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ERRATA_IS_OTLP_RECEIVER (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, errata_otlp_receiver_stop_async);
  if (self->server == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->stop_tasks == NULL)
    self->stop_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->stop_tasks, g_steal_pointer (&task));
  /* A stop under way ends this one too. */
  if (self->stopping)
    return;
  self->stopping = TRUE;
  _errata_otlp_receiver_stop_writer_when_answered (self);
}

gboolean
errata_otlp_receiver_stop_finish (ErrataOtlpReceiver  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_stopped_in_loop (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  *(gboolean *)user_data = TRUE;
}

void
errata_otlp_receiver_stop (ErrataOtlpReceiver *self)
{
  GMainContext *context = g_main_context_get_thread_default ();
  gboolean stopped = FALSE;

  g_return_if_fail (ERRATA_IS_OTLP_RECEIVER (self));

  if (self->server == NULL)
    return;
  errata_otlp_receiver_stop_async (self, on_stopped_in_loop, &stopped);
  while (!stopped)
    g_main_context_iteration (context, TRUE);
}

gboolean
errata_otlp_receiver_is_running (ErrataOtlpReceiver *self)
{
  g_return_val_if_fail (ERRATA_IS_OTLP_RECEIVER (self), FALSE);
  return self->server != NULL;
}

guint
errata_otlp_receiver_get_port (ErrataOtlpReceiver *self)
{
  g_return_val_if_fail (ERRATA_IS_OTLP_RECEIVER (self), 0);
  return self->port;
}

char *
errata_otlp_receiver_dup_endpoint (ErrataOtlpReceiver *self)
{
  g_return_val_if_fail (ERRATA_IS_OTLP_RECEIVER (self), NULL);
  if (self->address != NULL)
    return g_strdup_printf (strchr (self->address, ':') ? "http://[%s]:%u" : "http://%s:%u",
                            self->address, self->port);
  return g_strdup_printf ("http://127.0.0.1:%u", self->port);
}

void
errata_otlp_receiver_get_counts (ErrataOtlpReceiver       *self,
                                 ErrataOtlpReceiverCounts *counts)
{
  g_return_if_fail (ERRATA_IS_OTLP_RECEIVER (self));
  *counts = self->counts;
}

void
errata_otlp_receiver_set_port (ErrataOtlpReceiver *self,
                               guint               port)
{
  g_return_if_fail (ERRATA_IS_OTLP_RECEIVER (self));
  self->port = port;
}

void
errata_otlp_receiver_set_address (ErrataOtlpReceiver *self,
                                  const char         *address,
                                  const char         *token)
{
  g_return_if_fail (ERRATA_IS_OTLP_RECEIVER (self));
  g_free (self->address);
  g_free (self->token);
  self->address = g_strdup (address);
  self->token = g_strdup (token);
}

void
errata_otlp_receiver_set_idle_timeout (ErrataOtlpReceiver *self,
                                       guint               idle_ms)
{
  g_return_if_fail (ERRATA_IS_OTLP_RECEIVER (self));
  self->idle_ms = idle_ms;
}

void
errata_otlp_receiver_set_max_body (ErrataOtlpReceiver *self,
                                   gsize               max_body)
{
  g_return_if_fail (ERRATA_IS_OTLP_RECEIVER (self));
  self->max_body = max_body;
}

void
errata_otlp_receiver_set_max_backlog (ErrataOtlpReceiver *self,
                                      guint               max_backlog)
{
  g_return_if_fail (ERRATA_IS_OTLP_RECEIVER (self));
  self->max_backlog = max_backlog;
}

void
errata_otlp_receiver_set_max_in_flight (ErrataOtlpReceiver *self,
                                        gsize               max_bytes)
{
  g_return_if_fail (ERRATA_IS_OTLP_RECEIVER (self));
  self->max_in_flight = max_bytes;
}

void
errata_otlp_receiver_set_max_held_spans (ErrataOtlpReceiver *self,
                                         guint               max_spans)
{
  g_return_if_fail (ERRATA_IS_OTLP_RECEIVER (self));
  self->max_held = max_spans;
}

guint
errata_otlp_receiver_get_held_spans (ErrataOtlpReceiver *self)
{
  g_return_val_if_fail (ERRATA_IS_OTLP_RECEIVER (self), 0);
  return self->writer != NULL ? errata_live_writer_get_held (self->writer) : 0;
}

gsize
errata_otlp_receiver_get_in_flight_bytes (ErrataOtlpReceiver *self)
{
  g_return_val_if_fail (ERRATA_IS_OTLP_RECEIVER (self), 0);
  return self->in_flight_bytes;
}

ErrataOtlpReceiver *
errata_otlp_receiver_new (GFile *project_file)
{
  ErrataOtlpReceiver *self = g_object_new (ERRATA_TYPE_OTLP_RECEIVER, NULL);

  self->file = g_object_ref (project_file);
  return self;
}

static void
errata_otlp_receiver_dispose (GObject *object)
{
  ErrataOtlpReceiver *self = ERRATA_OTLP_RECEIVER (object);

  errata_otlp_receiver_stop (self);
  G_OBJECT_CLASS (errata_otlp_receiver_parent_class)->dispose (object);
}

static void
errata_otlp_receiver_finalize (GObject *object)
{
  ErrataOtlpReceiver *self = ERRATA_OTLP_RECEIVER (object);

  g_clear_object (&self->file);
  g_free (self->address);
  g_free (self->token);
  G_OBJECT_CLASS (errata_otlp_receiver_parent_class)->finalize (object);
}

static void
errata_otlp_receiver_class_init (ErrataOtlpReceiverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = errata_otlp_receiver_dispose;
  object_class->finalize = errata_otlp_receiver_finalize;

  /* Requests answered or counts of stored traces changed. */
  signals[SIGNAL_COUNTS_CHANGED] = g_signal_new ("counts-changed", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 0);
  /* Traces were added to the project or updated there. */
  signals[SIGNAL_TRACES_STORED] = g_signal_new ("traces-stored", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 0);
}

static void
errata_otlp_receiver_init (ErrataOtlpReceiver *self)
{
  self->port = ERRATA_OTLP_DEFAULT_PORT;
  self->idle_ms = ERRATA_OTLP_DEFAULT_IDLE_MS;
  self->max_body = ERRATA_OTLP_DEFAULT_MAX_BODY;
  self->max_backlog = ERRATA_OTLP_DEFAULT_MAX_BACKLOG;
  self->max_in_flight = ERRATA_OTLP_DEFAULT_MAX_IN_FLIGHT;
  self->max_held = ERRATA_LIVE_DEFAULT_MAX_HELD;
}
