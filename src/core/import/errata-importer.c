/* errata-importer.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import reads each file as a stream of records, converts each record
 * to a trace and stores traces in batches, one transaction per batch, so a
 * crash loses at most the batch in flight. All files are looked at before
 * anything is written: a file that needs a field mapping fails the import
 * while the project is still untouched.
 */

#include "config.h"

#include "errata-importer.h"
#include "errata-import-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define DEFAULT_BATCH_SIZE 1000
/* ~20 progress signals a second at most. */
#define PROGRESS_INTERVAL_USEC (G_USEC_PER_SEC / 20)
/* How many bad records detection looks past before giving up. */
#define DETECT_MAX_RECORDS 20

struct _ErrataImporter
{
  GObject                 parent_instance;

  ErrataImportFormat      format;
  ErrataFieldMap         *map;
  char                   *annotator;
  guint                   batch_size;
  gsize                   max_record_size;
  ErrataImportBatchFunc   batch_func;
  gpointer                batch_data;
};

G_DEFINE_FINAL_TYPE (ErrataImporter, errata_importer, G_TYPE_OBJECT)
G_DEFINE_QUARK (errata-import-error-quark, errata_import_error)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One file to read; the files of a folder share their source. */
typedef struct
{
  GFile              *file;
  char               *display;
  char               *source;
  ErrataImportFormat  format;
  ErrataRecordSyntax  syntax;
  guint64             size;
} ImportInput;

typedef struct
{
  ErrataImporter     *importer;
  ErrataImportFormat  format;
  ErrataFieldMap     *map;
  char               *annotator;
  guint               batch_size;
  gsize               max_record_size;
  GPtrArray          *files;          /* GFile */
  GFile              *project_file;   /* async: the worker opens its own connection */
  ErrataProject      *project;
  GCancellable       *cancellable;

  GPtrArray          *inputs;         /* ImportInput */
  ErrataImportReport *report;
  ErrataImportStage  *stage;
  guint64             total_bytes;
  guint64             done_bytes;
  guint               records_done;
  guint               in_batch;
  guint               committed;
  gboolean            in_transaction;

  /* Progress, handed from the worker to the caller's main context. */
  GMainContext       *context;
  GMutex              mutex;
  double              fraction;
  guint               progress_records;
  gboolean            progress_pending;
  gint64              last_progress;
} ImportJob;

static void
import_input_free (gpointer data)
{
  ImportInput *input = data;

  g_object_unref (input->file);
  g_free (input->display);
  g_free (input->source);
  g_free (input);
}

static void
import_job_clear (gpointer data)
{
  ImportJob *job = data;

  g_clear_object (&job->importer);
  g_clear_pointer (&job->map, errata_field_map_unref);
  g_free (job->annotator);
  g_ptr_array_unref (job->files);
  g_clear_object (&job->project_file);
  g_clear_object (&job->project);
  g_clear_object (&job->cancellable);
  g_ptr_array_unref (job->inputs);
  g_clear_object (&job->report);
  g_clear_pointer (&job->stage, _errata_import_stage_free);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_mutex_clear (&job->mutex);
}

/* Refcounted: a progress idle still queued on the caller's context keeps
 * the job alive after the task is done with it. */
static void
import_job_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, import_job_clear);
}

static ImportJob *
import_job_new (ErrataImporter  *self,
                GFile          **files,
                guint            n_files,
                GCancellable    *cancellable)
{
  ImportJob *job = g_atomic_rc_box_new0 (ImportJob);

  job->importer = g_object_ref (self);
  job->format = self->format;
  job->map = self->map ? errata_field_map_ref (self->map) : NULL;
  job->annotator = g_strdup (self->annotator);
  job->batch_size = MAX (self->batch_size, 1);
  job->max_record_size = self->max_record_size;
  job->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (job->files, g_object_ref (files[i]));
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  job->inputs = g_ptr_array_new_with_free_func (import_input_free);
  job->report = errata_import_report_new ();
  g_mutex_init (&job->mutex);
  return job;
}

static void
errata_importer_finalize (GObject *object)
{
  ErrataImporter *self = (ErrataImporter *)object;

  g_clear_pointer (&self->map, errata_field_map_unref);
  g_clear_pointer (&self->annotator, g_free);

  G_OBJECT_CLASS (errata_importer_parent_class)->finalize (object);
}

static void
errata_importer_class_init (ErrataImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = errata_importer_finalize;

  /**
   * ErrataImporter::progress:
   * @fraction: bytes read over all bytes to read, 0..1
   * @records_done: records read so far, bad ones included
   *
   * Emitted on the main context of the thread that started the import, at
   * most about 20 times a second.
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_UINT);
}

static void
errata_importer_init (ErrataImporter *self)
{
  const char *env = g_getenv ("ERRATA_IMPORT_BATCH_SIZE");

  /* Stored in the project as the annotator's name: not translated. */
  self->annotator = g_strdup ("import");
  self->batch_size = DEFAULT_BATCH_SIZE;
  self->max_record_size = ERRATA_RECORD_DEFAULT_MAX_SIZE;
  /* The crash-safety test makes batches small to kill an import between two. */
  if (env != NULL && g_ascii_strtoull (env, NULL, 10) > 0)
    self->batch_size = (guint)g_ascii_strtoull (env, NULL, 10);
}

ErrataImporter *
errata_importer_new (void)
{
  return g_object_new (ERRATA_TYPE_IMPORTER, NULL);
}

void
errata_importer_set_format (ErrataImporter     *self,
                            ErrataImportFormat  format)
{
  g_return_if_fail (ERRATA_IS_IMPORTER (self));
  self->format = format;
}

ErrataImportFormat
errata_importer_get_format (ErrataImporter *self)
{
  g_return_val_if_fail (ERRATA_IS_IMPORTER (self), ERRATA_IMPORT_FORMAT_AUTO);
  return self->format;
}

void
errata_importer_set_field_map (ErrataImporter *self,
                               ErrataFieldMap *map)
{
  g_return_if_fail (ERRATA_IS_IMPORTER (self));

  if (map != NULL)
    errata_field_map_ref (map);
  g_clear_pointer (&self->map, errata_field_map_unref);
  self->map = map;
}

void
errata_importer_set_annotator (ErrataImporter *self,
                               const char     *annotator)
{
  g_return_if_fail (ERRATA_IS_IMPORTER (self));
  g_return_if_fail (annotator != NULL && *annotator != '\0');

  g_free (self->annotator);
  self->annotator = g_strdup (annotator);
}

void
errata_importer_set_batch_size (ErrataImporter *self,
                                guint           batch_size)
{
  g_return_if_fail (ERRATA_IS_IMPORTER (self));
  self->batch_size = MAX (batch_size, 1);
}

void
errata_importer_set_max_record_size (ErrataImporter *self,
                                     gsize           max_size)
{
  g_return_if_fail (ERRATA_IS_IMPORTER (self));
  g_return_if_fail (max_size > 0);
  self->max_record_size = max_size;
}

gsize
errata_importer_get_max_record_size (ErrataImporter *self)
{
  g_return_val_if_fail (ERRATA_IS_IMPORTER (self), 0);
  return self->max_record_size;
}

void
errata_importer_set_batch_callback (ErrataImporter        *self,
                                    ErrataImportBatchFunc  func,
                                    gpointer               user_data)
{
  g_return_if_fail (ERRATA_IS_IMPORTER (self));
  self->batch_func = func;
  self->batch_data = user_data;
}

/* These strings are the CLI's --format values: never translate. */
static const char * const format_names[] = {
  "auto", "openai", "request-response", "mapped", "otel", "langfuse", NULL
};

const char *
errata_import_format_to_string (ErrataImportFormat format)
{
  g_return_val_if_fail (format <= ERRATA_IMPORT_FORMAT_LANGFUSE, NULL);
  return format_names[format];
}

gboolean
errata_import_format_from_string (const char         *str,
                                  ErrataImportFormat *format)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; format_names[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (str, format_names[i]) == 0)
        {
          if (format)
            *format = i;
          return TRUE;
        }
    }
  return FALSE;
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

static char *
format_display_name (ErrataImportFormat format,
                     ErrataRecordSyntax syntax)
{
  /* Kinds of trace file, in ErrataImportFormat order; the import report
   * shows them followed by the file's syntax. */
  static const char * const names[] = {
    /* Translators: a kind of trace file, as in “Unknown (JSON)”. */
    N_("Unknown"),
    /* Translators: a kind of trace file (OpenAI's chat message format),
     * as in “OpenAI chat (JSONL)”. */
    N_("OpenAI chat"),
    /* Translators: a kind of trace file (a request to a language model
     * and its response), as in “Request/response (JSON)”. */
    N_("Request/response"),
    /* Translators: a kind of trace file (records whose fields the user
     * mapped with --map), as in “Mapped fields (CSV)”. */
    N_("Mapped fields"),
    /* Translators: a kind of trace file (an OpenTelemetry export), as in
     * “OpenTelemetry spans (JSONL)”. */
    N_("OpenTelemetry spans"),
    /* Translators: a kind of trace file (exported from Langfuse), as in
     * “Langfuse export (JSON)”. */
    N_("Langfuse export"),
  };

  return g_strdup_printf ("%s (%s)", _(names[format]), syntax_display_name (syntax));
}

/* From the shape of the first good record. */
static ErrataImportFormat
format_from_node (JsonNode           *node,
                  ErrataRecordSyntax  syntax)
{
  JsonObject *object;
  const char *type;

  if (syntax == ERRATA_RECORD_SYNTAX_CSV || !JSON_NODE_HOLDS_OBJECT (node))
    return ERRATA_IMPORT_FORMAT_MAPPED;

  object = json_node_get_object (node);
  type = errata_json_get_string (object, "type");
  if (json_object_has_member (object, "resourceSpans"))
    return ERRATA_IMPORT_FORMAT_OTEL;
  if (json_object_has_member (object, "observations")
      || (json_object_has_member (object, "traceId") && type != NULL
          && (g_str_equal (type, "GENERATION") || g_str_equal (type, "SPAN")
              || g_str_equal (type, "EVENT"))))
    return ERRATA_IMPORT_FORMAT_LANGFUSE;
  if (json_object_has_member (object, "messages"))
    return ERRATA_IMPORT_FORMAT_OPENAI;
  if (json_object_has_member (object, "request") && json_object_has_member (object, "response"))
    return ERRATA_IMPORT_FORMAT_REQUEST_RESPONSE;
  return ERRATA_IMPORT_FORMAT_MAPPED;
}

/* Reads up to the first good record. *first is NULL for a file without
 * any (empty, or only bad records). */
static gboolean
read_first_record (GFile               *file,
                   gsize                max_record_size,
                   ErrataRecordSyntax  *syntax,
                   JsonNode           **first,
                   GCancellable        *cancellable,
                   GError             **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(ErrataRecordReader) reader = NULL;
  g_autofree char *name = g_file_get_basename (file);
  ErrataRecord record = { 0, };

  *first = NULL;
  stream = errata_record_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;

  reader = errata_record_reader_new (G_INPUT_STREAM (stream), errata_record_syntax_from_name (name));
  errata_record_reader_set_max_record_size (reader, max_record_size);
  for (guint i = 0; i < DETECT_MAX_RECORDS; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!errata_record_reader_next (reader, &record, cancellable, &local_error))
        {
          errata_record_clear (&record);
          *syntax = errata_record_reader_get_syntax (reader);
          if (local_error == NULL)
            return TRUE;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (record.node != NULL)
        {
          *first = g_steal_pointer (&record.node);
          break;
        }
    }
  *syntax = errata_record_reader_get_syntax (reader);
  errata_record_clear (&record);
  return TRUE;
}

ErrataImportFormat
errata_importer_detect_format (GFile         *file,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(JsonNode) first = NULL;
  g_autofree char *name = NULL;
  ErrataRecordSyntax syntax;

  g_return_val_if_fail (G_IS_FILE (file), ERRATA_IMPORT_FORMAT_AUTO);

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    return ERRATA_IMPORT_FORMAT_REQUEST_RESPONSE;

  name = g_file_get_basename (file);
  if (!read_first_record (file, ERRATA_RECORD_DEFAULT_MAX_SIZE, &syntax, &first, cancellable, error))
    {
      g_prefix_error (error, "%s: ", name);
      if (error && *error && (*error)->domain != ERRATA_IMPORT_ERROR
          && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          (*error)->domain = ERRATA_IMPORT_ERROR;
          (*error)->code = ERRATA_IMPORT_ERROR_UNREADABLE;
        }
      return ERRATA_IMPORT_FORMAT_AUTO;
    }
  if (first == NULL)
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_UNKNOWN_FORMAT,
                   /* Translators: %s is a file name. */
                   _("%s: no readable record to tell the format from (the file is empty or "
                     "its first records are not valid)"), name);
      return ERRATA_IMPORT_FORMAT_AUTO;
    }
  return format_from_node (first, syntax);
}

static gboolean
is_json_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".json");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* A folder of request/response files: its *.json files, by name, not
 * descending into subfolders. */
static gboolean
plan_folder (ImportJob  *job,
             GFile      *folder,
             GError    **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder_name = g_file_get_basename (folder);
  GFileInfo *info;

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NONE, job->cancellable, error);
  if (children == NULL)
    return FALSE;
  while ((info = g_file_enumerator_next_file (children, job->cancellable, error)) != NULL)
    {
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR
          && is_json_name (g_file_info_get_name (info)))
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
      g_object_unref (info);
    }
  if (error && *error)
    return FALSE;

  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      ImportInput *input = g_new0 (ImportInput, 1);
      g_autoptr(GFileInfo) file_info = NULL;

      input->file = g_file_get_child (folder, g_ptr_array_index (names, i));
      input->display = g_build_filename (folder_name, g_ptr_array_index (names, i), NULL);
      input->source = g_strdup (folder_name);
      input->format = ERRATA_IMPORT_FORMAT_AUTO;
      file_info = g_file_query_info (input->file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                     G_FILE_QUERY_INFO_NONE, job->cancellable, NULL);
      input->size = file_info ? g_file_info_get_size (file_info) : 0;
      g_ptr_array_add (job->inputs, input);
    }
  if (names->len == 0)
    errata_import_report_add_problem (job->report, folder_name, 0, 0,
                                      /* Translators: .json is a file name extension:
                                       * keep it as it is. */
                                      _("the folder has no .json files: nothing to import"));
  return TRUE;
}

static gboolean
plan_file (ImportJob  *job,
           GFile      *file,
           GError    **error)
{
  g_autoptr(GFileInfo) info = NULL;
  ImportInput *input;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, job->cancellable, error);
  if (info == NULL)
    return FALSE;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    return plan_folder (job, file, error);
  if (!errata_record_file_check_type (g_file_info_get_file_type (info), error))
    return FALSE;

  input = g_new0 (ImportInput, 1);
  input->file = g_object_ref (file);
  input->display = g_strdup (g_file_info_get_display_name (info));
  input->source = g_file_get_basename (file);
  input->format = ERRATA_IMPORT_FORMAT_AUTO;
  input->size = g_file_info_get_size (info);
  g_ptr_array_add (job->inputs, input);
  return TRUE;
}

static gboolean
map_has_content (ErrataFieldMap *map)
{
  return map != NULL
         && (errata_field_map_get (map, ERRATA_FIELD_INPUT) != NULL
             || errata_field_map_get (map, ERRATA_FIELD_OUTPUT) != NULL
             || errata_field_map_get (map, ERRATA_FIELD_MESSAGES) != NULL);
}

static const char *
guess_field (JsonObject         *object,
             const char * const *likely,
             const char         *other)
{
  for (guint i = 0; likely[i] != NULL; i++)
    {
      GList *members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          if (g_ascii_strcasecmp (l->data, likely[i]) == 0)
            {
              const char *found = l->data;

              g_list_free (members);
              return found;
            }
        }
      g_list_free (members);
    }
  return other;
}

/* Tells what the first record has and how a mapping for it could look. */
static void
set_needs_mapping_error (ImportInput  *input,
                         JsonNode     *first,
                         GError      **error)
{
  static const char * const inputs[] = { "input", "query", "question", "prompt", "request", "user", NULL };
  static const char * const outputs[] = { "output", "response", "answer", "completion", "reply", "assistant", NULL };
  g_autofree char *fields = NULL;
  JsonObject *object;

  if (first == NULL || !JSON_NODE_HOLDS_OBJECT (first))
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_UNKNOWN_FORMAT,
                   /* Translators: %s is a file name. */
                   _("%s: the records are not JSON objects, so Errata cannot tell what they hold"),
                   input->display);
      return;
    }
  object = json_node_get_object (first);
  fields = _errata_import_describe_fields (object);
  g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_NEEDS_MAPPING,
               /* Translators: the first %s is a file name, the second a list of field
                * names, e.g. “id, query, answer”; the last two are field names (or
                * FIELD, translated below). “--map input=%s,output=%s” is a
                * command-line option: keep it as it is. */
               _("%s is not in a format Errata knows by itself (OpenAI chat, request/response, "
                 "OpenTelemetry, Langfuse), so say which field holds what. "
                 "The first record has the fields: %s. For example: --map input=%s,output=%s"),
               input->display, fields,
               /* Translators: stands for a field name in an example of --map,
                * as in “--map input=FIELD”; upper case, without spaces. */
               guess_field (object, inputs, _("FIELD")),
               guess_field (object, outputs, _("FIELD")));
}

/* Looks at the first record of every file (and of the first file of each
 * folder) before anything is imported. */
static gboolean
detect_inputs (ImportJob  *job,
               GError    **error)
{
  const char *folder_source = NULL;
  ErrataImportFormat folder_format = ERRATA_IMPORT_FORMAT_AUTO;

  for (guint i = 0; i < job->inputs->len; i++)
    {
      ImportInput *input = g_ptr_array_index (job->inputs, i);
      g_autoptr(JsonNode) first = NULL;
      gboolean in_folder = strchr (input->display, G_DIR_SEPARATOR) != NULL;

      if (in_folder && folder_source != NULL && g_str_equal (folder_source, input->source))
        {
          input->format = folder_format;
          input->syntax = ERRATA_RECORD_SYNTAX_JSON;
          continue;
        }
      if (!read_first_record (input->file, job->max_record_size, &input->syntax, &first,
                              job->cancellable, error))
        {
          g_prefix_error (error, "%s: ", input->display);
          return FALSE;
        }

      input->format = job->format;
      if (input->format == ERRATA_IMPORT_FORMAT_AUTO)
        input->format = first ? format_from_node (first, input->syntax)
                              : ERRATA_IMPORT_FORMAT_OPENAI;
      if (input->format == ERRATA_IMPORT_FORMAT_MAPPED && !map_has_content (job->map))
        {
          set_needs_mapping_error (input, first, error);
          return FALSE;
        }
      if (in_folder)
        {
          folder_source = input->source;
          folder_format = input->format;
        }
    }
  return TRUE;
}

static gboolean
plan (ImportJob  *job,
      GError    **error)
{
  for (guint i = 0; i < job->files->len; i++)
    {
      if (!plan_file (job, g_ptr_array_index (job->files, i), error))
        {
          g_autofree char *name = g_file_get_parse_name (g_ptr_array_index (job->files, i));

          if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            return FALSE;
          g_prefix_error (error, "%s: ", name);
          (*error)->domain = ERRATA_IMPORT_ERROR;
          (*error)->code = ERRATA_IMPORT_ERROR_UNREADABLE;
          return FALSE;
        }
    }
  for (guint i = 0; i < job->inputs->len; i++)
    job->total_bytes += ((ImportInput *)g_ptr_array_index (job->inputs, i))->size;
  return detect_inputs (job, error);
}

static gboolean
emit_progress_idle (gpointer data)
{
  ImportJob *job = data;
  double fraction;
  guint records;

  g_mutex_lock (&job->mutex);
  fraction = job->fraction;
  records = job->progress_records;
  job->progress_pending = FALSE;
  g_mutex_unlock (&job->mutex);

  g_signal_emit (job->importer, signals[PROGRESS], 0, fraction, records);
  return G_SOURCE_REMOVE;
}

static void
report_progress (ImportJob *job,
                 guint64    bytes_in_file,
                 gboolean   force)
{
  gint64 now = g_get_monotonic_time ();
  double fraction;

  if (!force && now - job->last_progress < PROGRESS_INTERVAL_USEC)
    return;
  job->last_progress = now;

  fraction = job->total_bytes > 0
             ? (double)(job->done_bytes + bytes_in_file) / (double)job->total_bytes : 1.0;
  fraction = CLAMP (fraction, 0.0, 1.0);

  if (job->context == NULL)
    {
      g_signal_emit (job->importer, signals[PROGRESS], 0, fraction, job->records_done);
      return;
    }

  /* Worker thread: hand the latest numbers over; one pending idle at a time
   * coalesces whatever comes in before the main loop gets to it. */
  g_mutex_lock (&job->mutex);
  job->fraction = fraction;
  job->progress_records = job->records_done;
  if (!job->progress_pending)
    {
      GSource *source = g_idle_source_new ();

      job->progress_pending = TRUE;
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_progress_idle, g_atomic_rc_box_acquire (job),
                             import_job_unref);
      g_source_attach (source, job->context);
      g_source_unref (source);
    }
  g_mutex_unlock (&job->mutex);
}

static gboolean
commit_batch (ImportJob  *job,
              GError    **error)
{
  if (!job->in_transaction)
    return TRUE;
  job->in_transaction = FALSE;
  if (!errata_project_commit (job->project, error))
    return FALSE;
  job->committed += job->in_batch;
  job->in_batch = 0;
  if (job->importer->batch_func != NULL)
    job->importer->batch_func (job->committed, job->importer->batch_data);
  return TRUE;
}

static void
rollback_batch (ImportJob *job)
{
  if (!job->in_transaction)
    return;
  job->in_transaction = FALSE;
  job->in_batch = 0;
  errata_project_rollback (job->project);
}

static gboolean
store_annotations (ImportJob    *job,
                   ErrataTrace  *trace,
                   GPtrArray    *annotations,
                   GError      **error)
{
  for (guint i = 0; i < annotations->len; i++)
    {
      ErrataAnnotation *annotation = g_ptr_array_index (annotations, i);

      annotation->trace_id = errata_trace_get_id (trace);
      if (!errata_project_set_annotation (job->project, annotation, error))
        return FALSE;
      if (annotation->note != NULL && *annotation->note != '\0')
        errata_import_report_count_note (job->report);
    }
  return TRUE;
}

/* Stores one trace in the current batch, committing the batch when full.
 * Only a failing project (disk full, read-only) is an error here. */
static gboolean
store_trace (ImportJob    *job,
             ErrataTrace  *trace,
             GPtrArray    *annotations,
             GError      **error)
{
  gboolean added = FALSE;

  if (!job->in_transaction)
    {
      if (!errata_project_begin (job->project, error))
        return FALSE;
      job->in_transaction = TRUE;
    }
  if (!errata_project_add_trace (job->project, trace, &added, error))
    return FALSE;
  errata_import_report_count_record (job->report, added);
  /* A trace seen before keeps the annotations it has: re-import adds nothing. */
  if (added && annotations != NULL && !store_annotations (job, trace, annotations, error))
    return FALSE;
  job->in_batch++;
  if (job->in_batch >= job->batch_size)
    return commit_batch (job, error);
  return TRUE;
}

static gboolean
store_staged_trace (ErrataTrace  *trace,
                    gpointer      user_data,
                    GError      **error)
{
  ImportJob *job = user_data;

  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return FALSE;
  return store_trace (job, trace, NULL, error);
}

static ErrataConvertFunc
converter_for (ErrataImportFormat format)
{
  switch (format)
    {
    case ERRATA_IMPORT_FORMAT_REQUEST_RESPONSE:
      return _errata_import_request_response;
    case ERRATA_IMPORT_FORMAT_MAPPED:
      return _errata_import_mapped;
    case ERRATA_IMPORT_FORMAT_LANGFUSE:
      return _errata_import_langfuse;
    case ERRATA_IMPORT_FORMAT_OTEL:
      return NULL;
    case ERRATA_IMPORT_FORMAT_OPENAI:
    case ERRATA_IMPORT_FORMAT_AUTO:
    default:
      return _errata_import_openai;
    }
}

static gboolean
stage_record (ImportJob           *job,
              ImportInput         *input,
              ErrataImportContext *ctx,
              const ErrataRecord  *record,
              GError             **error)
{
  g_autoptr(GError) record_error = NULL;
  gboolean ok;

  /* Staging has a transaction of its own; a batch must not be open around it. */
  if (!commit_batch (job, error))
    return FALSE;
  if (job->stage == NULL && (job->stage = _errata_import_stage_new (job->project, error)) == NULL)
    return FALSE;
  if (input->format == ERRATA_IMPORT_FORMAT_OTEL)
    ok = _errata_import_otel_stage (job->stage, ctx, record, &record_error);
  else
    ok = _errata_import_langfuse_stage (job->stage, ctx, record, &record_error);
  if (ok)
    return TRUE;

  /* A record without spans is the record's problem; a failing project is ours. */
  if (record_error->domain != ERRATA_IMPORT_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&record_error));
      return FALSE;
    }
  errata_import_report_add_problem (job->report, input->display, record->number,
                                    record->line, record_error->message);
  return TRUE;
}

/* One good record: converted and stored, or staged for grouping. */
static gboolean
import_record (ImportJob           *job,
               ImportInput         *input,
               ErrataImportContext *ctx,
               const ErrataRecord  *record,
               GError             **error)
{
  g_autoptr(GError) record_error = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  ErrataConvertFunc convert = converter_for (input->format);

  if (convert == NULL || (input->format == ERRATA_IMPORT_FORMAT_LANGFUSE
                          && !_errata_import_langfuse_is_trace (record)))
    return stage_record (job, input, ctx, record, error);

  annotations = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_annotation_free);
  trace = convert (ctx, record, annotations, &record_error);
  if (trace == NULL)
    {
      errata_import_report_add_problem (job->report, input->display, record->number,
                                        record->line, record_error->message);
      return TRUE;
    }
  return store_trace (job, trace, annotations, error);
}

static void
note_empty_input (ImportJob          *job,
                  ImportInput        *input,
                  ErrataRecordReader *reader,
                  guint               n_records)
{
  if (n_records > 0)
    return;
  if (errata_record_reader_get_header (reader) != NULL)
    errata_import_report_add_problem (job->report, input->display, 0, 0,
                                      /* Translators: a CSV file with only its
                                       * first row, which names the columns. */
                                      _("the file has a header row but no records: "
                                        "nothing to import"));
  else
    errata_import_report_add_problem (job->report, input->display, 0, 0,
                                      _("the file is empty: nothing to import"));
}

/* Reads one file to its end. A read failure halfway is reported and the
 * import goes on with the next file; only cancellation and a failing
 * project stop everything. */
static gboolean
import_input (ImportJob           *job,
              ImportInput         *input,
              ErrataImportContext *ctx,
              GError             **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(ErrataRecordReader) reader = NULL;
  g_autoptr(GError) read_error = NULL;
  ErrataRecord record = { 0, };
  guint n_records = 0;
  gboolean ok = TRUE;

  stream = errata_record_file_read (input->file, job->cancellable, &read_error);
  if (stream == NULL)
    {
      errata_import_report_add_problem (job->report, input->display, 0, 0, read_error->message);
      return !g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
             || (g_propagate_error (error, g_steal_pointer (&read_error)), FALSE);
    }

  reader = errata_record_reader_new (G_INPUT_STREAM (stream), input->syntax);
  errata_record_reader_set_max_record_size (reader, job->max_record_size);
  while (ok && errata_record_reader_next (reader, &record, job->cancellable, &read_error))
    {
      n_records++;
      job->records_done++;
      if (record.error != NULL)
        errata_import_report_add_problem (job->report, input->display, record.number,
                                          record.line, record.error);
      else
        ok = import_record (job, input, ctx, &record, error);
      report_progress (job, errata_record_reader_get_bytes_read (reader), FALSE);
      if (ok && g_cancellable_set_error_if_cancelled (job->cancellable, error))
        ok = FALSE;
    }
  errata_record_clear (&record);
  if (!ok)
    return FALSE;

  if (read_error != NULL)
    {
      if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&read_error));
          return FALSE;
        }
      errata_import_report_add_problem (job->report, input->display, 0, 0, read_error->message);
    }
  note_empty_input (job, input, reader, n_records);
  job->done_bytes += input->size;
  return TRUE;
}

static gboolean
import_all (ImportJob           *job,
            ErrataImportContext *ctx,
            GError             **error)
{
  const char *source = NULL;

  for (guint i = 0; i < job->inputs->len; i++)
    {
      ImportInput *input = g_ptr_array_index (job->inputs, i);
      g_autofree char *format_name = format_display_name (input->format, input->syntax);

      /* Ids repeat across sources; only within one do they collide. */
      if (source == NULL || !g_str_equal (source, input->source))
        g_hash_table_remove_all (ctx->seen_ids);
      source = input->source;
      ctx->source = input->source;

      errata_import_report_add_file (job->report, format_name);
      if (!import_input (job, input, ctx, error))
        return FALSE;
    }

  if (job->stage != NULL
      && !_errata_import_stage_convert (job->stage, ctx, job->report, job->cancellable,
                                        store_staged_trace, job, error))
    return FALSE;
  return commit_batch (job, error);
}

static ErrataImportReport *
run_import (ImportJob  *job,
            GError    **error)
{
  g_autoptr(GHashTable) seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  ErrataImportContext ctx = { 0, };

  if (!plan (job, error))
    return NULL;

  ctx.map = job->map;
  ctx.annotator = job->annotator;
  ctx.parser = parser;
  ctx.seen_ids = seen_ids;
  if (!import_all (job, &ctx, error))
    {
      /* The batch in flight goes; committed batches stay. */
      rollback_batch (job);
      g_clear_pointer (&job->stage, _errata_import_stage_free);
      return NULL;
    }
  g_clear_pointer (&job->stage, _errata_import_stage_free);
  report_progress (job, 0, TRUE);
  return g_object_ref (job->report);
}

ErrataImportReport *
errata_importer_import (ErrataImporter  *self,
                        ErrataProject   *project,
                        GFile          **files,
                        guint            n_files,
                        GCancellable    *cancellable,
                        GError         **error)
{
  ImportJob *job;
  ErrataImportReport *report;

  g_return_val_if_fail (ERRATA_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  job = import_job_new (self, files, n_files, cancellable);
  job->project = g_object_ref (project);
  report = run_import (job, error);
  import_job_unref (job);
  return report;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  ErrataImportReport *report;

  /* A SQLite connection belongs to one thread: the worker has its own. */
  job->project = errata_project_open (job->project_file, ERRATA_PROJECT_OPEN_NONE, &error);
  if (job->project == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  report = run_import (job, &error);
  errata_project_close (job->project);
  g_clear_object (&job->project);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, g_object_unref);
}

void
errata_importer_import_async (ErrataImporter      *self,
                              ErrataProject       *project,
                              GFile              **files,
                              guint                n_files,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (ERRATA_IS_IMPORTER (self));
  g_return_if_fail (ERRATA_IS_PROJECT (project));
  g_return_if_fail (files != NULL || n_files == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_importer_import_async);

  job = import_job_new (self, files, n_files, cancellable);
  job->project_file = g_object_ref (errata_project_get_file (project));
  job->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, job, import_job_unref);
  g_task_run_in_thread (task, import_thread);
}

ErrataImportReport *
errata_importer_import_finish (ErrataImporter  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (ERRATA_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
