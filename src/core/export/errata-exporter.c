/* errata-exporter.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "errata-exporter.h"

#include "errata-csv.h"
#include "errata-project-private.h"

#include <string.h>

gboolean
errata_export_format_from_string (const char         *str,
                                  ErrataExportFormat *format)
{
  if (g_strcmp0 (str, "jsonl") == 0)
    *format = ERRATA_EXPORT_FORMAT_JSONL;
  else if (g_strcmp0 (str, "csv") == 0)
    *format = ERRATA_EXPORT_FORMAT_CSV;
  else
    return FALSE;
  return TRUE;
}

static JsonNode *
annotations_to_json (GPtrArray *annotations)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < annotations->len; i++)
    {
      ErrataAnnotation *annotation = annotations->pdata[i];
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "annotator", annotation->annotator);
      if (errata_verdict_to_string (annotation->verdict))
        json_object_set_string_member (object, "verdict",
                                       errata_verdict_to_string (annotation->verdict));
      else
        json_object_set_null_member (object, "verdict");
      json_object_set_string_member (object, "note", annotation->note);
      if (annotation->first_failure >= 0)
        json_object_set_int_member (object, "first_failure", annotation->first_failure);
      json_array_add_object_element (array, object);
    }
  json_node_take_array (node, array);
  return node;
}

static void
set_usage (JsonObject  *record,
           ErrataTrace *trace)
{
  JsonObject *usage;

  if (errata_trace_get_tokens_in (trace) < 0 && errata_trace_get_tokens_out (trace) < 0)
    return;
  usage = json_object_new ();
  if (errata_trace_get_tokens_in (trace) >= 0)
    json_object_set_int_member (usage, "prompt_tokens", errata_trace_get_tokens_in (trace));
  if (errata_trace_get_tokens_out (trace) >= 0)
    json_object_set_int_member (usage, "completion_tokens", errata_trace_get_tokens_out (trace));
  json_object_set_object_member (record, "usage", usage);
}

static char *
trace_to_jsonl (ErrataTrace *trace,
                GPtrArray   *annotations)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_object_set_string_member (record, "id", errata_trace_get_external_id (trace));
  if (errata_trace_get_messages (trace))
    json_object_set_array_member (record, "messages",
                                  json_array_ref (errata_trace_get_messages (trace)));
  if (errata_trace_get_tools (trace))
    json_object_set_array_member (record, "tools",
                                  json_array_ref (errata_trace_get_tools (trace)));
  json_object_set_object_member (record, "metadata",
                                 json_object_ref (errata_trace_get_metadata (trace)));
  if (errata_trace_get_latency_ms (trace) >= 0)
    json_object_set_int_member (record, "latency_ms", errata_trace_get_latency_ms (trace));
  set_usage (record, trace);
  if (errata_trace_get_cost (trace) >= 0)
    json_object_set_double_member (record, "cost", errata_trace_get_cost (trace));
  if (annotations->len > 0)
    json_object_set_member (record, "annotations", annotations_to_json (annotations));

  json_node_set_object (root, record);
  text = json_to_string (root, FALSE);
  return g_strconcat (text, "\n", NULL);
}

static void
append_csv_field (GString    *line,
                  const char *value)
{
  /* Every field starts with a separator; trace_to_csv() drops the first. */
  g_string_append_c (line, ',');
  errata_csv_append_field (line, value);
}

static void
append_csv_int (GString *line,
                gint64   value)
{
  g_autofree char *text = value >= 0 ? g_strdup_printf ("%" PRId64, value) : NULL;

  append_csv_field (line, text ? text : "");
}

static char *
json_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static const char csv_header[] =
  "id,source,input,output,messages,metadata,n_messages,n_tool_calls,output_chars,"
  "latency_ms,tokens_in,tokens_out,cost,annotator,verdict,note,first_failure\r\n";

static char *
trace_to_csv (ErrataTrace *trace,
              GPtrArray   *annotations)
{
  ErrataAnnotation *latest = annotations->len > 0 ? annotations->pdata[0] : NULL;
  g_autoptr(JsonNode) messages = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonNode) metadata = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *messages_text = NULL;
  g_autofree char *metadata_text = NULL;
  g_autofree char *cost = NULL;
  GString *line = g_string_new (NULL);

  json_node_set_array (messages, errata_trace_get_messages (trace)
                                 ? errata_trace_get_messages (trace) : json_array_new ());
  json_node_set_object (metadata, errata_trace_get_metadata (trace));
  messages_text = json_text (messages);
  metadata_text = json_text (metadata);
  /* A file for programs: a point whatever the user's locale (German would
   * write a comma), and the shortest text that reads back the same. */
  if (errata_trace_get_cost (trace) >= 0)
    {
      cost = g_malloc (G_ASCII_DTOSTR_BUF_SIZE);
      g_ascii_dtostr (cost, G_ASCII_DTOSTR_BUF_SIZE, errata_trace_get_cost (trace));
    }

  append_csv_field (line, errata_trace_get_external_id (trace));
  append_csv_field (line, errata_trace_get_source (trace));
  append_csv_field (line, errata_trace_get_input (trace));
  append_csv_field (line, errata_trace_get_output (trace));
  append_csv_field (line, messages_text);
  append_csv_field (line, metadata_text);
  append_csv_int (line, errata_trace_get_n_messages (trace));
  append_csv_int (line, errata_trace_get_n_tool_calls (trace));
  append_csv_int (line, errata_trace_get_output_chars (trace));
  append_csv_int (line, errata_trace_get_latency_ms (trace));
  append_csv_int (line, errata_trace_get_tokens_in (trace));
  append_csv_int (line, errata_trace_get_tokens_out (trace));
  append_csv_field (line, cost ? cost : "");
  append_csv_field (line, latest ? latest->annotator : "");
  append_csv_field (line, latest ? errata_verdict_to_string (latest->verdict) : "");
  append_csv_field (line, latest ? latest->note : "");
  append_csv_int (line, latest ? latest->first_failure : -1);
  g_string_append (line, "\r\n");
  g_string_erase (line, 0, 1);
  return g_string_free (line, FALSE);
}

static gboolean
write_text (GOutputStream  *stream,
            const char     *text,
            GCancellable   *cancellable,
            GError        **error)
{
  return g_output_stream_write_all (stream, text, strlen (text), NULL, cancellable, error);
}

static gboolean
export_one (ErrataProject       *project,
            gint64               id,
            ErrataExportFormat   format,
            GOutputStream       *stream,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autoptr(ErrataTrace) trace = errata_project_get_trace (project, id, error);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autofree char *text = NULL;

  if (trace == NULL)
    return FALSE;
  annotations = errata_project_list_annotations (project, id, error);
  if (annotations == NULL)
    return FALSE;
  text = format == ERRATA_EXPORT_FORMAT_JSONL ? trace_to_jsonl (trace, annotations)
                                              : trace_to_csv (trace, annotations);
  return write_text (stream, text, cancellable, error);
}

gint64
errata_export_traces (ErrataProject       *project,
                      ErrataExportFormat   format,
                      GOutputStream       *stream,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  ErrataTraceCursor cursor = { 0 };
  const guint page_size = 500;
  gint64 written = 0;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), -1);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), -1);

  if (format == ERRATA_EXPORT_FORMAT_CSV &&
      !write_text (stream, csv_header, cancellable, error))
    return -1;

  for (;;)
    {
      g_autoptr(GPtrArray) page = errata_project_query_traces (project, query, &cursor,
                                                               page_size, error);

      if (page == NULL)
        return -1;
      for (guint i = 0; i < page->len; i++)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
              !export_one (project, errata_trace_get_id (page->pdata[i]), format, stream,
                           cancellable, error))
            return -1;
          written++;
        }
      if (page->len < page_size)
        return written;
    }
}
