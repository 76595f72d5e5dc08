/* errata-otlp-answer.c: what the OTLP receiver answers an exporter.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bodies the OTLP specification asks for, in the request's encoding:
 * an export response (its partial_success counting the items refused), or
 * a google.rpc.Status for an error. Kept apart from the receiver, which
 * decides when and what to answer.
 */

#include "config.h"

#include "errata-otlp-answer.h"
#include "errata-otlp-proto.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

static const char *
content_type_of (ErrataOtlpEncoding encoding)
{
  return encoding == ERRATA_OTLP_PROTOBUF ? "application/x-protobuf" : "application/json";
}

void
errata_otlp_respond_error (SoupServerMessage  *message,
                           ErrataOtlpEncoding  encoding,
                           guint               status,
                           int                 rpc_code,
                           const char         *text)
{
  g_autoptr(GBytes) body = NULL;

  if (encoding == ERRATA_OTLP_PROTOBUF)
    body = errata_otlp_proto_status (rpc_code, text);
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      char *json;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_int_value (builder, rpc_code);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, text);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json = json_to_string (root, FALSE);
      body = g_bytes_new_take (json, strlen (json));
    }
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, content_type_of (encoding), SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

void
errata_otlp_respond_retry (SoupServerMessage  *message,
                           ErrataOtlpEncoding  encoding,
                           const char         *text)
{
  /* Seconds: short, since the writer catches up fast. */
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Retry-After", "1");
  errata_otlp_respond_error (message, encoding, SOUP_STATUS_SERVICE_UNAVAILABLE, 14 /* UNAVAILABLE */, text);
}

void
errata_otlp_respond_success (SoupServerMessage  *message,
                             ErrataOtlpSignal    signal,
                             ErrataOtlpEncoding  encoding,
                             guint               n_rejected)
{
  /* Translators: why spans (or log records) were refused in an
   * otherwise accepted OpenTelemetry export; `traceId` is a field name. */
  const char *why = n_rejected > 0 ? _("items without a traceId belong to no trace") : NULL;
  g_autoptr(GBytes) body = NULL;

  if (encoding == ERRATA_OTLP_PROTOBUF)
    body = errata_otlp_proto_export_response (signal == ERRATA_OTLP_LOGS, n_rejected, why);
  else
    {
      g_autofree char *rejected = g_strdup_printf ("%u", n_rejected);
      char *json;

      /* proto3's JSON mapping writes an int64 as a string. */
      if (n_rejected == 0)
        json = g_strdup ("{}");
      else
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "partialSuccess");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, signal == ERRATA_OTLP_LOGS ? "rejectedLogRecords"
                                                                            : "rejectedSpans");
          json_builder_add_string_value (builder, rejected);
          json_builder_set_member_name (builder, "errorMessage");
          json_builder_add_string_value (builder, why);
          json_builder_end_object (builder);
          json_builder_end_object (builder);
          root = json_builder_get_root (builder);
          json = json_to_string (root, FALSE);
        }
      body = g_bytes_new_take (json, strlen (json));
    }
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, content_type_of (encoding), SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}
