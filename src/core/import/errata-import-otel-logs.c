/* errata-import-otel-logs.c: GenAI log events, joined to their spans.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OpenTelemetry's own OpenAI instrumentation keeps message content out of
 * the spans: it writes log events, exported as an ExportLogsServiceRequest
 * (JSON or JSONL) beside the spans. Two generations of events:
 *   gen_ai.system.message, gen_ai.user.message, gen_ai.assistant.message,
 *   gen_ai.tool.message (the input, one event per message, body {content,
 *   tool_calls, id}) and gen_ai.choice (the output, body {message,
 *   finish_reason});
 *   gen_ai.client.inference.operation.details, with gen_ai.input.messages
 *   and gen_ai.output.messages (GenAI `parts`) as attributes, possibly
 *   split over several events.
 * Each record is staged under its trace id with the spans; when the trace is
 * built, a span's events become its gen_ai.input.messages and
 * gen_ai.output.messages, the form errata-import-otel.c reads.
 */

#include "config.h"

#include "errata-import-private.h"
#include "errata-json-guard.h"

#include <glib/gi18n-lib.h>

#define LOG_MARK "errata.log_record"

static gint64
nanos (JsonObject *record,
       const char *key)
{
  return _errata_import_otel_int64 (json_object_get_member (record, key));
}

/* When it happened; a record without (0) has at least the time it was
 * seen (the logs data model says to use that one then). */
static gint64
record_time (JsonObject *record)
{
  gint64 time = nanos (record, "timeUnixNano");

  return time != 0 ? time : nanos (record, "observedTimeUnixNano");
}

JsonNode *
_errata_import_otel_flat_log_record (const char *event_name,
                                     const char *span_id,
                                     gint64      time,
                                     JsonNode   *body,
                                     JsonObject *attributes)
{
  JsonObject *flat = json_object_new ();
  g_autofree char *normal_span_id = _errata_import_otel_normal_id_text (span_id);
  const char *event = event_name;
  JsonNode *node;

  /* Older SDKs put the event's name among the attributes. */
  if (event == NULL || *event == '\0')
    event = errata_json_get_string (attributes, "event.name");
  json_object_set_boolean_member (flat, LOG_MARK, TRUE);
  json_object_set_string_member (flat, "eventName", event ? event : "");
  /* In lowercase hex, as a span's (_errata_import_otel_set_flat_member). */
  json_object_set_string_member (flat, "spanId", normal_span_id ? normal_span_id : span_id ? span_id : "");
  json_object_set_int_member (flat, "timeUnixNano", time);
  json_object_set_member (flat, "body", body);
  json_object_set_object_member (flat, "attributes", attributes);
  node = json_node_init_object (json_node_alloc (), flat);
  json_object_unref (flat);
  return node;
}

static JsonNode *
flatten_record (JsonObject *record)
{
  return _errata_import_otel_flat_log_record (errata_json_get_string (record, "eventName"),
                                              errata_json_get_string (record, "spanId"),
                                              record_time (record),
                                              _errata_import_otel_any_value (json_object_get_member (record, "body")),
                                              _errata_import_otel_flatten_attributes (errata_json_get_array (record, "attributes")));
}

gboolean
_errata_import_otel_logs_flatten (JsonObject          *object,
                                  ErrataOtelSinkFunc   sink,
                                  gpointer             user_data,
                                  guint               *n_items,
                                  guint               *n_rejected,
                                  GError             **error)
{
  JsonArray *resource_logs = errata_json_get_array (object, "resourceLogs");

  for (guint i = 0; resource_logs && i < json_array_get_length (resource_logs); i++)
    {
      JsonObject *rl = errata_json_array_get_object (resource_logs, i);
      JsonArray *scopes = rl ? errata_json_get_array (rl, "scopeLogs") : NULL;

      /* Its name before OTLP 1.0. */
      if (rl != NULL && scopes == NULL)
        scopes = errata_json_get_array (rl, "instrumentationLibraryLogs");

      for (guint j = 0; scopes && j < json_array_get_length (scopes); j++)
        {
          JsonObject *sl = errata_json_array_get_object (scopes, j);
          JsonArray *records = sl ? errata_json_get_array (sl, "logRecords") : NULL;

          for (guint k = 0; records && k < json_array_get_length (records); k++)
            {
              JsonObject *record = errata_json_array_get_object (records, k);
              const char *trace_id = record ? errata_json_get_string (record, "traceId") : NULL;
              g_autofree char *normal_trace_id = _errata_import_otel_normal_id_text (trace_id);
              g_autoptr(JsonNode) flat = NULL;

              if (normal_trace_id != NULL)
                trace_id = normal_trace_id;
              /* A log record outside any trace has no conversation to join. */
              if (!_errata_import_otel_is_trace_id (trace_id))
                {
                  (*n_rejected)++;
                  continue;
                }
              flat = flatten_record (record);
              if (!sink (user_data, trace_id, record_time (record), flat, error))
                return FALSE;
              (*n_items)++;
            }
        }
    }
  return TRUE;
}

static JsonObject *
body_object (JsonObject *log)
{
  return errata_json_get_object (log, "body");
}

static void
copy_member (JsonObject *to,
             const char *to_key,
             JsonObject *from,
             const char *from_key)
{
  JsonNode *value = from ? json_object_get_member (from, from_key) : NULL;

  if (value != NULL && !JSON_NODE_HOLDS_NULL (value))
    json_object_set_member (to, to_key, json_node_copy (value));
}

/* One input event as an OpenAI-shaped message. */
static JsonObject *
event_message (const char *event,
               JsonObject *body)
{
  const char *role = event + strlen ("gen_ai.");
  g_autofree char *name = g_strndup (role, strlen (role) - strlen (".message"));
  JsonObject *message = json_object_new ();
  JsonArray *calls = body ? errata_json_get_array (body, "tool_calls") : NULL;

  json_object_set_string_member (message, "role", name);
  copy_member (message, "content", body, "content");
  if (calls != NULL && json_array_get_length (calls) > 0)
    json_object_set_array_member (message, "tool_calls", json_array_ref (calls));
  copy_member (message, "tool_call_id", body, "id");
  return message;
}

static void
append_array (JsonArray *to,
              JsonNode  *from)
{
  if (from == NULL || !JSON_NODE_HOLDS_ARRAY (from))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (from)); i++)
    json_array_add_element (to, json_node_copy (json_array_get_element (json_node_get_array (from), i)));
}

static void
add_event (JsonObject *log,
           JsonArray  *input,
           JsonArray  *output,
           JsonObject *extra)
{
  const char *event = errata_json_get_string (log, "eventName");
  JsonObject *body = body_object (log);
  JsonObject *attributes = errata_json_get_object (log, "attributes");

  if (event == NULL)
    return;
  if (g_str_equal (event, "gen_ai.client.inference.operation.details"))
    {
      append_array (input, json_object_get_member (attributes, "gen_ai.input.messages"));
      append_array (output, json_object_get_member (attributes, "gen_ai.output.messages"));
      copy_member (extra, "gen_ai.system_instructions", attributes, "gen_ai.system_instructions");
      copy_member (extra, "gen_ai.tool.definitions", attributes, "gen_ai.tool.definitions");
    }
  else if (g_str_equal (event, "gen_ai.choice"))
    {
      JsonObject *message = body ? errata_json_get_object (body, "message") : NULL;
      JsonObject *choice = event_message ("gen_ai.assistant.message", message);

      json_array_add_object_element (output, choice);
    }
  else if (g_str_has_prefix (event, "gen_ai.") && g_str_has_suffix (event, ".message")
           && strlen (event) > strlen ("gen_ai..message"))
    json_array_add_object_element (input, event_message (event, body));
}

/* Whether any of `logs` is an event of the GenAI conventions. An app's
 * own log lines carry its trace context too (Python's logging
 * instrumentation exports every line so): they say nothing of a call,
 * and must not make its span look like one. */
static gboolean
has_gen_ai_event (GPtrArray *logs)
{
  for (guint i = 0; i < logs->len; i++)
    {
      const char *event = errata_json_get_string (logs->pdata[i], "eventName");

      if (event != NULL && g_str_has_prefix (event, "gen_ai."))
        return TRUE;
    }
  return FALSE;
}

/* A new object with the same members, in their order; the values shared. */
static JsonObject *
copy_members (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    json_object_set_member (copy, key, json_node_copy (value));
  return copy;
}

/* A span that gets log events, copied down to its attributes (what
 * apply_events() adds to): the items stay as they came. The live
 * receiver journals the same objects, and may build a trace from them
 * more than once. */
static JsonObject *
copy_for_events (JsonObject *span)
{
  JsonObject *copy = copy_members (span);
  JsonObject *attributes = errata_json_get_object (span, "attributes");

  if (attributes != NULL)
    json_object_set_object_member (copy, "attributes", copy_members (attributes));
  json_object_unref (span);
  return copy;
}

/* Folds the events into the span: what the span records itself wins. */
static void
apply_events (JsonObject *span,
              GPtrArray  *logs)
{
  JsonObject *attributes = errata_json_get_object (span, "attributes");
  g_autoptr(JsonArray) input = json_array_new ();
  g_autoptr(JsonArray) output = json_array_new ();
  g_autoptr(JsonObject) extra = json_object_new ();
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (attributes == NULL)
    {
      attributes = json_object_new ();
      json_object_set_object_member (span, "attributes", attributes);
    }
  for (guint i = 0; i < logs->len; i++)
    add_event (logs->pdata[i], input, output, extra);
  if (json_array_get_length (input) > 0 && !json_object_has_member (attributes, "gen_ai.input.messages"))
    json_object_set_array_member (attributes, "gen_ai.input.messages", json_array_ref (input));
  if (json_array_get_length (output) > 0 && !json_object_has_member (attributes, "gen_ai.output.messages"))
    json_object_set_array_member (attributes, "gen_ai.output.messages", json_array_ref (output));
  json_object_iter_init (&iter, extra);
  while (json_object_iter_next (&iter, &key, &value))
    if (!json_object_has_member (attributes, key))
      json_object_set_member (attributes, key, json_node_copy (value));
  if (!json_object_has_member (attributes, "gen_ai.operation.name"))
    json_object_set_string_member (attributes, "gen_ai.operation.name", "chat");
}

static JsonObject *
span_for_logs (const char *span_id,
               GPtrArray  *logs)
{
  JsonObject *span = json_object_new ();
  JsonObject *first = logs->pdata[0];

  json_object_set_string_member (span, "spanId", span_id);
  json_object_set_string_member (span, "name", "chat");
  json_object_set_int_member (span, "startTimeUnixNano", errata_json_member_int (first, "timeUnixNano", 0));
  json_object_set_int_member (span, "endTimeUnixNano",
                              errata_json_member_int (logs->pdata[logs->len - 1], "timeUnixNano", 0));
  json_object_set_object_member (span, "attributes", json_object_new ());
  return span;
}

/* Whether `span` is an equal copy of a span kept before (`kept`, `seen`
 * their ids): the same span twice, which a trace holds once. It comes
 * twice when an exporter's retry reached a collector that had the first
 * send, or when a receiver journaled it and an upgraded receiver got it
 * again with its members in another order (equal objects, not equal
 * texts, so the journal's digest kept both). Two different spans that
 * share an id stay: which one is right is not the import's to guess. */
static gboolean
is_repeated_span (GHashTable *seen,
                  GPtrArray  *kept,
                  JsonObject *span)
{
  const char *span_id = errata_json_get_string (span, "spanId");

  /* No id (or an empty one, which a broken exporter may give every span)
   * tells nothing: such spans all stay, as before. */
  if (span_id == NULL || *span_id == '\0')
    return FALSE;
  if (g_hash_table_add (seen, (gpointer)span_id))
    return FALSE;
  /* Rare: an id seen before. Any kept span of it may be the equal one. */
  for (guint i = 0; i < kept->len; i++)
    if (g_strcmp0 (errata_json_get_string (kept->pdata[i], "spanId"), span_id) == 0
        && json_object_equal (kept->pdata[i], span))
      return TRUE;
  return FALSE;
}

GPtrArray *
_errata_import_otel_join_logs (GPtrArray *items,
                               guint     *n_logs)
{
  g_autoptr(GHashTable) by_span = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify)g_ptr_array_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GPtrArray *spans = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);

  *n_logs = 0;
  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *item = items->pdata[i];
      const char *span_id;
      GPtrArray *logs;

      if (!json_object_has_member (item, LOG_MARK))
        {
          if (!is_repeated_span (seen, spans, item))
            g_ptr_array_add (spans, json_object_ref (item));
          continue;
        }
      (*n_logs)++;
      span_id = errata_json_get_string (item, "spanId");
      if ((logs = g_hash_table_lookup (by_span, span_id)) == NULL)
        {
          logs = g_ptr_array_new ();
          g_hash_table_insert (by_span, (gpointer)span_id, logs);
          g_ptr_array_add (order, (gpointer)span_id);
        }
      g_ptr_array_add (logs, item);
    }

  for (guint i = 0; i < spans->len; i++)
    {
      const char *span_id = errata_json_get_string (spans->pdata[i], "spanId");
      GPtrArray *logs = span_id ? g_hash_table_lookup (by_span, span_id) : NULL;
      JsonObject *span;

      if (logs == NULL)
        continue;
      if (has_gen_ai_event (logs))
        {
          span = copy_for_events (spans->pdata[i]);
          apply_events (span, logs);
          g_ptr_array_index (spans, i) = span;
        }
      g_hash_table_remove (by_span, span_id);
    }
  /* Logs imported without their spans: one span per span id, in order. */
  for (guint i = 0; i < order->len; i++)
    {
      GPtrArray *logs = g_hash_table_lookup (by_span, order->pdata[i]);
      JsonObject *span;

      if (logs == NULL || !has_gen_ai_event (logs))
        continue;
      span = span_for_logs (order->pdata[i], logs);
      apply_events (span, logs);
      g_ptr_array_add (spans, span);
    }
  return spans;
}
