/* errata-otlp-receiver-private.h: what the files of the receiver share.
 * errata-otlp-receiver.c starts and stops the server and the writer;
 * errata-otlp-receiver-requests.c takes a request from its headers to its
 * answer.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "errata-live-writer.h"
#include "errata-otlp-receiver.h"

G_BEGIN_DECLS

struct _ErrataOtlpReceiver
{
  GObject           parent_instance;

  GFile            *file;
  guint             port;
  char             *address;
  char             *token;
  guint             idle_ms;
  gsize             max_body;
  guint             max_backlog;
  gsize             max_in_flight;
  guint             max_held;

  SoupServer       *server;
  ErrataLiveWriter *writer;
  guint             in_flight;
  gsize             in_flight_bytes;  /* of those requests' bodies, inflated
                                       * once decoded */
  guint             unsent;           /* accepted requests whose answer is not
                                       * written yet */
  gboolean          stopping;
  gboolean          writer_ended;     /* stopping: the writer has stored all */
  GPtrArray        *stop_tasks;       /* GTask: the stops waiting for the end */
  ErrataOtlpReceiverCounts counts;
};

/* errata-otlp-receiver.c */
void _errata_otlp_receiver_counts_changed            (ErrataOtlpReceiver *self);
/* Stopping: once no request is in flight, the writer is told to stop. */
void _errata_otlp_receiver_stop_writer_when_answered (ErrataOtlpReceiver *self);
/* An accepted request's answer is written, or its client gone. */
void _errata_otlp_receiver_on_accepted_finished      (SoupServerMessage  *message,
                                                      ErrataOtlpReceiver *self);

/* errata-otlp-receiver-requests.c: SoupServer's handlers. */
void _errata_otlp_receiver_check_early               (SoupServer         *server,
                                                      SoupServerMessage  *message,
                                                      const char         *path,
                                                      GHashTable         *query,
                                                      gpointer            user_data);
void _errata_otlp_receiver_handle_export             (SoupServer         *server,
                                                      SoupServerMessage  *message,
                                                      const char         *path,
                                                      GHashTable         *query,
                                                      gpointer            user_data);
void _errata_otlp_receiver_handle_other_path         (SoupServer         *server,
                                                      SoupServerMessage  *message,
                                                      const char         *path,
                                                      GHashTable         *query,
                                                      gpointer            user_data);

G_END_DECLS
