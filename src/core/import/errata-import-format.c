/* errata-import-format.c
 *
 * The one table of import formats. Each row says how the format is
 * called, how its first record is recognised, and how a record becomes a
 * trace: converted on its own, or staged and grouped with the records of
 * the same trace (OpenTelemetry spans, Langfuse observations). The
 * importer, the preview sampler and the CLI all go through it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-import-format.h"

#include <glib/gi18n-lib.h>

#include "errata-import-private.h"

static gboolean
is_otel (JsonObject *object)
{
  /* In OTLP/JSON's field names or in the proto's (errata-import-otel-stage.c). */
  return json_object_has_member (object, "resourceSpans") || json_object_has_member (object, "resourceLogs")
         || json_object_has_member (object, "resource_spans") || json_object_has_member (object, "resource_logs");
}

static gboolean
is_langfuse (JsonObject *object)
{
  const char *type = errata_json_get_string (object, "type");

  return json_object_has_member (object, "observations")
         || (json_object_has_member (object, "traceId") && type != NULL
             && (g_str_equal (type, "GENERATION") || g_str_equal (type, "SPAN")
                 || g_str_equal (type, "EVENT")));
}

static gboolean
is_openai (JsonObject *object)
{
  return json_object_has_member (object, "messages");
}

static gboolean
is_request_response (JsonObject *object)
{
  return json_object_has_member (object, "request") && json_object_has_member (object, "response");
}

/* A single Langfuse observation is staged; a trace with nested
 * observations is converted as it is. */
static gboolean
is_langfuse_observation (const ErrataRecord *record)
{
  return !_errata_import_langfuse_is_trace (record);
}

/* In detection order: the first row whose detect() accepts the first
 * record wins; a record no row accepts is mapped. The other rows follow in
 * ErrataImportFormat order. */
static const ErrataImportFormatInfo formats[] = {
  {
    .format = ERRATA_IMPORT_FORMAT_OTEL,
    .name = "otel",
    /* Translators: a kind of trace file (an OpenTelemetry export), as in
     * “OpenTelemetry spans (JSONL)”. */
    .display_name = N_("OpenTelemetry spans"),
    /* Translators: kinds of trace file, in the import dialog. */
    .choice_name = N_("OpenTelemetry"),
    .detect = is_otel,
    .stage = _errata_import_otel_stage,
  },
  {
    .format = ERRATA_IMPORT_FORMAT_LANGFUSE,
    .name = "langfuse",
    /* Translators: a kind of trace file (exported from Langfuse), as in
     * “Langfuse export (JSON)”. */
    .display_name = N_("Langfuse export"),
    .choice_name = N_("Langfuse"),
    .detect = is_langfuse,
    .convert = _errata_import_langfuse,
    .is_staged = is_langfuse_observation,
    .stage = _errata_import_langfuse_stage,
  },
  {
    .format = ERRATA_IMPORT_FORMAT_OPENAI,
    .name = "openai",
    /* Translators: a kind of trace file (OpenAI's chat message format),
     * as in “OpenAI chat (JSONL)”. */
    .display_name = N_("OpenAI chat"),
    .choice_name = N_("OpenAI chat"),
    .detect = is_openai,
    .convert = _errata_import_openai,
  },
  {
    .format = ERRATA_IMPORT_FORMAT_REQUEST_RESPONSE,
    .name = "request-response",
    /* Translators: a kind of trace file (a request to a language model
     * and its response), as in “Request/response (JSON)”. */
    .display_name = N_("Request/response"),
    .choice_name = N_("Request/response"),
    .detect = is_request_response,
    .convert = _errata_import_request_response,
  },
  {
    .format = ERRATA_IMPORT_FORMAT_MAPPED,
    .name = "mapped",
    /* Translators: a kind of trace file (records whose fields the user
     * mapped with --map), as in “Mapped fields (CSV)”. */
    .display_name = N_("Mapped fields"),
    .choice_name = N_("Mapped fields"),
    .needs_mapping = TRUE,
    .convert = _errata_import_mapped,
  },
  {
    .format = ERRATA_IMPORT_FORMAT_AUTO,
    .name = "auto",
    /* Translators: a kind of trace file, as in “Unknown (JSON)”. */
    .display_name = N_("Unknown"),
    .choice_name = N_("Automatic"),
    /* A file nothing could be told from is read as OpenAI chat. */
    .convert = _errata_import_openai,
  },
};

const ErrataImportFormatInfo *
_errata_import_format_get_info (ErrataImportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return &formats[i];
  g_return_val_if_reached (NULL);
}

/* From the shape of the first good record: only a mapping can read
 * records that are not JSON objects (CSV rows, bare values). */
ErrataImportFormat
_errata_import_format_detect (JsonNode           *first,
                              ErrataRecordSyntax  syntax)
{
  JsonObject *object;

  if (syntax == ERRATA_RECORD_SYNTAX_CSV || !JSON_NODE_HOLDS_OBJECT (first))
    return ERRATA_IMPORT_FORMAT_MAPPED;
  object = json_node_get_object (first);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].detect != NULL && formats[i].detect (object))
      return formats[i].format;
  return ERRATA_IMPORT_FORMAT_MAPPED;
}

gboolean
_errata_import_format_stages (const ErrataImportFormatInfo *info,
                              const ErrataRecord           *record)
{
  return info->convert == NULL || (info->is_staged != NULL && info->is_staged (record));
}

static const char *
syntax_display_name (ErrataRecordSyntax syntax)
{
  switch (syntax)
    {
    case ERRATA_RECORD_SYNTAX_JSONL:
      return "JSONL";
    case ERRATA_RECORD_SYNTAX_CSV:
      return "CSV";
    case ERRATA_RECORD_SYNTAX_JSON:
    case ERRATA_RECORD_SYNTAX_AUTO:
    case ERRATA_RECORD_SYNTAX_ANY_JSON:
    default:
      return "JSON";
    }
}

char *
_errata_import_format_describe (ErrataImportFormat format,
                                ErrataRecordSyntax syntax)
{
  const ErrataImportFormatInfo *info = _errata_import_format_get_info (format);

  return g_strdup_printf ("%s (%s)", _(info->display_name), syntax_display_name (syntax));
}

const char *
errata_import_format_to_string (ErrataImportFormat format)
{
  g_return_val_if_fail (format <= ERRATA_IMPORT_FORMAT_LANGFUSE, NULL);
  return _errata_import_format_get_info (format)->name;
}

gboolean
errata_import_format_from_string (const char         *str,
                                  ErrataImportFormat *format)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_ascii_strcasecmp (str, formats[i].name) == 0)
        {
          if (format)
            *format = formats[i].format;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
errata_import_format_get_choice_name (ErrataImportFormat format)
{
  g_return_val_if_fail (format <= ERRATA_IMPORT_FORMAT_LANGFUSE, "");
  return _(_errata_import_format_get_info (format)->choice_name);
}

gboolean
errata_import_format_needs_mapping (ErrataImportFormat format)
{
  g_return_val_if_fail (format <= ERRATA_IMPORT_FORMAT_LANGFUSE, FALSE);
  return _errata_import_format_get_info (format)->needs_mapping;
}
