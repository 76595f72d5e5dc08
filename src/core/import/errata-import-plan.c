/* errata-import-plan.c
 *
 * All files are looked at before anything is written: a file that needs a
 * field mapping fails the import while the project is still untouched.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-import-plan.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* How many bad records detection looks past before giving up. */
#define DETECT_MAX_RECORDS 20

/* What planning needs besides the files. */
typedef struct
{
  ErrataImportFormat  format;
  ErrataFieldMap     *map;
  gsize               max_record_size;
  ErrataImportReport *report;
  GCancellable       *cancellable;
  GPtrArray          *inputs;   /* ErrataImportInput */
} Planner;

static void
import_input_free (gpointer data)
{
  ErrataImportInput *input = data;

  g_object_unref (input->file);
  g_free (input->display);
  g_free (input->source);
  g_free (input);
}

gboolean
_errata_import_read_first_record (GFile               *file,
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

GPtrArray *
_errata_import_list_folder (GFile         *folder,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (children == NULL)
    return NULL;
  while ((info = g_file_enumerator_next_file (children, cancellable, &local_error)) != NULL)
    {
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR
          && is_json_name (g_file_info_get_name (info)))
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
      g_object_unref (info);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

/* A folder of request/response files: its *.json files, by name, not
 * descending into subfolders. */
static gboolean
plan_folder (Planner    *job,
             GFile      *folder,
             GError    **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *folder_name = g_file_get_basename (folder);

  names = _errata_import_list_folder (folder, job->cancellable, error);
  if (names == NULL)
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    {
      ErrataImportInput *input = g_new0 (ErrataImportInput, 1);
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
plan_file (Planner    *job,
           GFile      *file,
           GError    **error)
{
  g_autoptr(GFileInfo) info = NULL;
  ErrataImportInput *input;

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

  input = g_new0 (ErrataImportInput, 1);
  input->file = g_object_ref (file);
  input->display = g_strdup (g_file_info_get_display_name (info));
  input->source = g_file_get_basename (file);
  input->format = ERRATA_IMPORT_FORMAT_AUTO;
  input->size = g_file_info_get_size (info);
  g_ptr_array_add (job->inputs, input);
  return TRUE;
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
set_needs_mapping_error (ErrataImportInput  *input,
                         JsonNode     *first,
                         GError      **error)
{
  static const char * const inputs[] = { "input", "query", "question", "prompt", "request", "user", NULL };
  static const char * const outputs[] = { "output", "response", "answer", "completion", "reply", "assistant", NULL };
  g_autofree char *fields = NULL;
  g_autofree char *example = NULL;
  g_autoptr(ErrataFieldMap) guess = NULL;
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
  guess = _errata_import_guess_map_for_record (first);
  if (errata_field_map_has_content (guess))
    example = errata_field_map_to_string (guess);
  else
    example = g_strdup_printf ("input=%s,output=%s",
                               /* Translators: stands for a field name in an example of --map,
                                * as in “--map input=FIELD”; upper case, without spaces. */
                               guess_field (object, inputs, _("FIELD")),
                               guess_field (object, outputs, _("FIELD")));
  g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_NEEDS_MAPPING,
               /* Translators: the first %s is a file name, the second a list of field
                * names, e.g. “id, query, answer”; the last a mapping such as
                * “input=query,output=answer”. “--map” is a command-line option:
                * keep it as it is. */
               _("%s is not in a format Errata knows by itself (OpenAI chat, request/response, "
                 "OpenTelemetry, Langfuse), so say which field holds what. "
                 "The first record has the fields: %s. For example: --map %s"),
               input->display, fields, example);
}

/* Looks at the first record of every file (and of the first file of each
 * folder) before anything is imported. */
static gboolean
detect_inputs (Planner    *job,
               GError    **error)
{
  const char *folder_source = NULL;
  ErrataImportFormat folder_format = ERRATA_IMPORT_FORMAT_AUTO;

  for (guint i = 0; i < job->inputs->len; i++)
    {
      ErrataImportInput *input = g_ptr_array_index (job->inputs, i);
      g_autoptr(JsonNode) first = NULL;
      gboolean in_folder = strchr (input->display, G_DIR_SEPARATOR) != NULL;

      if (in_folder && folder_source != NULL && g_str_equal (folder_source, input->source))
        {
          input->format = folder_format;
          input->syntax = ERRATA_RECORD_SYNTAX_JSON;
          continue;
        }
      if (!_errata_import_read_first_record (input->file, job->max_record_size, &input->syntax,
                                             &first, job->cancellable, error))
        {
          g_prefix_error (error, "%s: ", input->display);
          return FALSE;
        }

      input->format = job->format;
      if (input->format == ERRATA_IMPORT_FORMAT_AUTO)
        input->format = first ? _errata_import_format_detect (first, input->syntax)
                              : ERRATA_IMPORT_FORMAT_OPENAI;
      if (errata_import_format_needs_mapping (input->format)
          && !errata_field_map_has_content (job->map))
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

GPtrArray *
_errata_import_plan (GFile              **files,
                     guint                n_files,
                     ErrataImportFormat   format,
                     ErrataFieldMap      *map,
                     gsize                max_record_size,
                     ErrataImportReport  *report,
                     GCancellable        *cancellable,
                     GError             **error)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (import_input_free);
  Planner job = { format, map, max_record_size, report, cancellable, inputs };

  for (guint i = 0; i < n_files; i++)
    {
      if (!plan_file (&job, files[i], error))
        {
          g_autofree char *name = g_file_get_parse_name (files[i]);

          if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            return NULL;
          g_prefix_error (error, "%s: ", name);
          (*error)->domain = ERRATA_IMPORT_ERROR;
          (*error)->code = ERRATA_IMPORT_ERROR_UNREADABLE;
          return NULL;
        }
    }
  if (!detect_inputs (&job, error))
    return NULL;
  return g_steal_pointer (&inputs);
}
