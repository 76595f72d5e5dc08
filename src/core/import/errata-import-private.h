/* errata-import-private.h: what the importer and its format converters share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-importer.h"
#include "errata-import-format.h"
#include "errata-messages.h"
#include "errata-record-reader.h"

G_BEGIN_DECLS

/* Everything a converter needs besides the record itself. */
typedef struct
{
  const char     *source;     /* the traces' source: the file's (or folder's) name */
  ErrataFieldMap *map;        /* NULL when no mapping was given */
  const char     *annotator;
  JsonParser     *parser;     /* for JSON held in a text field (a CSV cell) */
  GHashTable     *seen_ids;   /* external id -> fingerprint of its first record */
} ErrataImportContext;

/* Top-level keys a converter has used; the rest goes to metadata. */
#define ERRATA_MAX_CONSUMED 32
typedef struct
{
  const char *keys[ERRATA_MAX_CONSUMED];
  guint       n;
} ErrataConsumed;

/* Makes a trace out of one record, or says why it cannot. Annotations the
 * record carries are appended to `annotations` (trace_id 0: the importer
 * sets it once the trace is stored). */
typedef ErrataTrace *(*ErrataConvertFunc) (ErrataImportContext  *ctx,
                                          const ErrataRecord   *record,
                                          GPtrArray            *annotations,
                                          GError              **error);

ErrataTrace *_errata_import_openai            (ErrataImportContext  *ctx,
                                               const ErrataRecord   *record,
                                               GPtrArray            *annotations,
                                               GError              **error);
ErrataTrace *_errata_import_request_response  (ErrataImportContext  *ctx,
                                               const ErrataRecord   *record,
                                               GPtrArray            *annotations,
                                               GError              **error);
ErrataTrace *_errata_import_mapped            (ErrataImportContext  *ctx,
                                               const ErrataRecord   *record,
                                               GPtrArray            *annotations,
                                               GError              **error);
ErrataTrace *_errata_import_langfuse          (ErrataImportContext  *ctx,
                                               const ErrataRecord   *record,
                                               GPtrArray            *annotations,
                                               GError              **error);

/* Formats whose traces are spread over many records (OTLP spans, flat
 * Langfuse observations) are staged first and grouped afterwards. */
typedef struct _ErrataImportStage ErrataImportStage;

/* Stores the record's parts in the stage; FALSE with a user message
 * (ERRATA_IMPORT_ERROR) when the record has none. */
typedef gboolean (*ErrataStageFunc) (ErrataImportStage    *stage,
                                     ErrataImportContext  *ctx,
                                     const ErrataRecord   *record,
                                     GError              **error);

/* One row of the format table (errata-import-format.c). */
typedef struct
{
  ErrataImportFormat  format;
  const char         *name;            /* the --format value: never translated */
  const char         *display_name;    /* N_(): the import report's kind of file */
  const char         *choice_name;     /* N_(): the import dialog's Import As list */
  gboolean            needs_mapping;   /* only a field map can read the records */
  /* Recognises the format from the first good record; NULL: never. */
  gboolean          (*detect)    (JsonObject          *first);
  /* One record, one trace; NULL when every record is staged. */
  ErrataConvertFunc   convert;
  /* With convert: TRUE for the records that are staged instead. */
  gboolean          (*is_staged) (const ErrataRecord  *record);
  ErrataStageFunc     stage;
} ErrataImportFormatInfo;

const ErrataImportFormatInfo *_errata_import_format_get_info (ErrataImportFormat  format);
ErrataImportFormat  _errata_import_format_detect   (JsonNode                     *first,
                                                    ErrataRecordSyntax            syntax);
/* TRUE when `record` is staged for grouping rather than converted. */
gboolean            _errata_import_format_stages   (const ErrataImportFormatInfo *info,
                                                    const ErrataRecord           *record);
/* "OpenAI chat (JSONL)": for the import report. */
char               *_errata_import_format_describe (ErrataImportFormat            format,
                                                    ErrataRecordSyntax            syntax);

/* Reads up to the first good record of `file` (looking past a few bad
 * ones). *first is NULL for a file without any. */
gboolean            _errata_import_read_first_record (GFile               *file,
                                                      gsize                max_record_size,
                                                      ErrataRecordSyntax  *syntax,
                                                      JsonNode           **first,
                                                      GCancellable        *cancellable,
                                                      GError             **error);
/* The names of a folder's *.json files (what an import of the folder
 * reads: no subfolders), sorted. */
GPtrArray          *_errata_import_list_folder     (GFile                *folder,
                                                    GCancellable         *cancellable,
                                                    GError              **error);

ErrataImportStage *_errata_import_stage_new      (ErrataProject        *project,
                                                  GError              **error);
void               _errata_import_stage_free     (ErrataImportStage    *stage);
/* Stores the record's spans; FALSE with a user message when it has none. */
gboolean           _errata_import_otel_stage     (ErrataImportStage    *stage,
                                                  ErrataImportContext  *ctx,
                                                  const ErrataRecord   *record,
                                                  GError              **error);
/* OTLP's AnyValue and attribute lists as plain JSON (errata-import-otel-stage.c). */
JsonNode          *_errata_import_otel_any_value (JsonNode             *value);
JsonObject        *_errata_import_otel_flatten_attributes (JsonArray   *attributes);
/* One span's object flattened, `resource` and `scope` joined in. */
JsonNode          *_errata_import_otel_flatten_span (JsonObject  *span,
                                                     JsonObject  *resource,
                                                     JsonNode    *scope);
/* The same a member at a time, as errata-import-otel-fast.c reads them:
 * `value` (taken) is the member's, its attributes already flattened; then
 * the end, which returns a node of `flat`. */
void               _errata_import_otel_set_flat_member  (JsonObject *flat,
                                                         const char *key,
                                                         JsonNode   *value);
JsonNode          *_errata_import_otel_finish_flat_span (JsonObject *flat,
                                                         JsonObject *resource,
                                                         JsonNode   *scope);
/* Whether `id` names a trace: not missing, not empty, not all zeros (the
 * specification's invalid id, which some SDKs send for a log record
 * outside any span). */
gboolean           _errata_import_otel_is_trace_id (const char *id);
/* A trace or span id as the protobuf decoding writes it (lowercase hex),
 * for one in capitals or in base64; NULL otherwise (`id` is NULL, already
 * so, or no id this can mend). */
char              *_errata_import_otel_normal_id_text (const char *id);
/* TRUE, with `normal` that id, when the string `value` holds needs it. */
gboolean           _errata_import_otel_normal_id (JsonNode   *value,
                                                  char      **normal);
/* A doubleValue as a double, also when written as a whole number. */
JsonNode          *_errata_import_otel_double    (JsonNode             *value);
/* An int64 as proto3's JSON writes one (a number or a string, with an
 * exponent too); errata-import-otel-stage.c says what else reads how. */
gint64             _errata_import_otel_int64     (JsonNode             *value);
/* A span's time member, in nanoseconds (OTLP writes them as strings). */
gint64             _errata_import_otel_nanos     (JsonObject           *span,
                                                  const char           *key);
/* Where the flattened spans and log records of an OTLP request go: the
 * import's stage, or the live receiver's journal (src/core/receive). */
typedef gboolean (*ErrataOtelSinkFunc) (gpointer     user_data,
                                        const char  *trace_id,
                                        gint64       start,
                                        JsonNode    *flat,
                                        GError     **error);
/* A tree of its own, values and all (json_node_copy() shares them); with
 * `camel_case`, every member named in lowerCamelCase. */
JsonNode          *_errata_import_otel_copy_tree  (JsonNode            *node,
                                                  gboolean             camel_case);
/* NULL for a request in OTLP/JSON's field names; for one in the proto's
 * (`resource_spans`), a copy in OTLP/JSON's. */
JsonNode          *_errata_import_otel_json_names (JsonObject          *object);
/* Each span of an ExportTraceServiceRequest (or log record of an
 * ExportLogsServiceRequest) in OTLP JSON, flattened and handed to `sink`
 * under its trace id, in the request's order. *n_items counts them,
 * *n_rejected those without a trace id. FALSE with a user message when
 * `object` is neither kind of request, or when `sink` fails. */
gboolean           _errata_import_otel_flatten   (JsonObject          *object,
                                                  ErrataOtelSinkFunc   sink,
                                                  gpointer             user_data,
                                                  guint               *n_items,
                                                  guint               *n_rejected,
                                                  GError             **error);
/* The same for an ExportTraceServiceRequest's text (a `resourceLogs`
 * member is left out, as the receiver does), without building the
 * request's tree: the attribute lists are flattened as they are read
 * (errata-import-otel-fast.c). It gives the sink exactly what
 * errata_json_parse_fast() and _errata_import_otel_flatten() give, in the
 * same order, or returns FALSE for text it leaves to them (anything but
 * strict JSON, a layout it does not read in one pass, an error): the
 * caller then drops what the sink got and parses the text again. */
gboolean           _errata_import_otel_flatten_text (const char         *text,
                                                     gsize               length,
                                                     ErrataOtelSinkFunc  sink,
                                                     gpointer            user_data,
                                                     guint              *n_items,
                                                     guint              *n_rejected);
/* A log record flattened, from its parts: its eventName and spanId as
 * given (NULL when missing), its time in nanoseconds, and its body and
 * attributes (both taken) already as plain JSON (errata-import-otel-logs.c). */
JsonNode           *_errata_import_otel_flat_log_record (const char *event_name,
                                                        const char *span_id,
                                                        gint64      time,
                                                        JsonNode   *body,
                                                        JsonObject *attributes);
/* The log records' part of that (errata-import-otel-logs.c). */
gboolean           _errata_import_otel_logs_flatten (JsonObject          *object,
                                                     ErrataOtelSinkFunc   sink,
                                                     gpointer             user_data,
                                                     guint               *n_items,
                                                     guint               *n_rejected,
                                                     GError             **error);
/* The spans of a staged trace, with the GenAI log events of each folded
 * into its attributes as gen_ai.input.messages / gen_ai.output.messages;
 * events of a span that was not imported make a span of their own. An
 * equal copy of a span (same id, same members in any order) is left out.
 * *n_logs counts the log records. */
GPtrArray         *_errata_import_otel_join_logs (GPtrArray            *items,
                                                  guint                *n_logs);

/* Span kinds and what a tool span says (errata-import-otel.c). */
gboolean           _errata_import_otel_is_llm_span  (JsonObject  *span);
gboolean           _errata_import_otel_is_tool_span (JsonObject  *span);
void               _errata_import_otel_tool_info    (JsonObject  *span,
                                                     const char **name,
                                                     const char **call_id,
                                                     char       **result);
/* A JSON attribute, stored as text or as a structured value (errata-import-otel.c). */
JsonNode          *_errata_import_otel_json_attribute (ErrataImportContext  *ctx,
                                                       JsonObject           *attributes,
                                                       const char           *key);
/* Indexed attributes gathered back into messages and tools
 * (errata-import-otel-indexed.c). */
gboolean           _errata_import_otel_append_indexed_messages (ErrataImportContext  *ctx,
                                                                JsonArray            *out,
                                                                JsonObject           *attributes,
                                                                const char           *prefix,
                                                                GError              **error);
JsonArray         *_errata_import_otel_span_tools     (ErrataImportContext  *ctx,
                                                       JsonObject           *attributes);

/* One LLM span's call: its input messages, then its output. */
typedef struct
{
  JsonObject *span;
  JsonArray  *messages;
  guint       n_input;
} ErrataOtelCall;

void               _errata_otel_call_free             (ErrataOtelCall *call);
/* errata-import-otel-calls.c: the call whose history extends the most others. */
guint              _errata_import_otel_main_call      (GPtrArray      *calls);
/* That call's messages, with tool calls the history lost taken back from
 * earlier steps, ids matched to tool spans, and their results attached. */
JsonArray         *_errata_import_otel_conversation   (GPtrArray      *calls,
                                                       guint           main,
                                                       GPtrArray      *spans);
/* The calls that are not steps of the conversation: [{name, span_id, messages}]. */
JsonArray         *_errata_import_otel_secondary_calls (GPtrArray     *calls,
                                                        guint          main);

/* Calls `func` with one trace per staged trace id. */
typedef gboolean (*ErrataStagedTraceFunc) (ErrataTrace  *trace,
                                           gpointer      user_data,
                                           GError      **error);
/* TRUE for a Langfuse trace with nested observations, FALSE for a single
 * observation (which is staged). */
gboolean           _errata_import_langfuse_is_trace (const ErrataRecord *record);
/* Langfuse observations exported one per record, grouped by traceId. */
gboolean           _errata_import_langfuse_stage (ErrataImportStage    *stage,
                                                  ErrataImportContext  *ctx,
                                                  const ErrataRecord   *record,
                                                  GError              **error);
/* Builds one trace per staged trace id and hands it to `func`; a group
 * that makes no trace is reported as a problem in `report`. */
gboolean           _errata_import_stage_convert  (ErrataImportStage    *stage,
                                                  ErrataImportContext  *ctx,
                                                  ErrataImportReport   *report,
                                                  GCancellable         *cancellable,
                                                  ErrataStagedTraceFunc func,
                                                  gpointer              user_data,
                                                  GError              **error);
/* Stage internals shared by the OTel and Langfuse staging code. */
gboolean           _errata_import_stage_add      (ErrataImportStage    *stage,
                                                  const char           *kind,
                                                  const char           *group,
                                                  const char           *source,
                                                  gint64                start,
                                                  JsonNode             *body,
                                                  GError              **error);
ErrataTrace       *_errata_import_otel_build     (ErrataImportContext  *ctx,
                                                  const char           *trace_id,
                                                  GPtrArray            *spans,
                                                  GError              **error);
ErrataTrace       *_errata_import_langfuse_build (ErrataImportContext  *ctx,
                                                  const char           *trace_id,
                                                  GPtrArray            *observations,
                                                  GError              **error);

/* The mapping the import dialog would guess from `first` (a record). */
ErrataFieldMap     *_errata_import_guess_map_for_record (JsonNode *first);

/* Shared helpers (errata-import-common.c). */
JsonObject *_errata_import_require_object     (const ErrataRecord   *record,
                                               GError              **error);
JsonNode   *_errata_import_lookup             (JsonObject           *object,
                                               const char           *path);
char       *_errata_import_value_text         (JsonNode             *node);
/* JSON text inside a record (an attribute holding a request, a tool's
 * schema), parsed: by the fast parser, else by ctx->parser (json-glib),
 * which gives the same tree; NULL when it does not parse. */
JsonNode   *_errata_import_parse_text         (ErrataImportContext  *ctx,
                                               const char           *text);
void        _errata_import_consume            (ErrataConsumed       *consumed,
                                               const char           *path);
gboolean    _errata_import_is_consumed        (ErrataConsumed       *consumed,
                                               const char           *key);
void        _errata_import_set_identity       (ErrataImportContext  *ctx,
                                               ErrataTrace          *trace,
                                               JsonObject           *object,
                                               const ErrataRecord   *record,
                                               ErrataConsumed       *consumed);
void        _errata_import_read_usage         (ErrataTrace          *trace,
                                               JsonObject           *usage);
void        _errata_import_read_stats         (ErrataTrace          *trace,
                                               JsonObject           *object,
                                               ErrataConsumed       *consumed);
gboolean    _errata_import_read_annotations   (ErrataImportContext  *ctx,
                                               JsonObject           *object,
                                               GPtrArray            *annotations,
                                               ErrataConsumed       *consumed,
                                               GError              **error);
void        _errata_import_read_mapped_review (ErrataImportContext  *ctx,
                                               JsonObject           *object,
                                               GPtrArray            *annotations,
                                               ErrataConsumed       *consumed);
void        _errata_import_keep_rest          (ErrataTrace          *trace,
                                               JsonObject           *object,
                                               ErrataConsumed       *consumed);
char       *_errata_import_describe_fields    (JsonObject           *object);
ErrataVerdict _errata_import_parse_verdict    (JsonNode             *node);

G_END_DECLS
