/* errata-import-sample.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import dialog shows what the first records of a file would become
 * while the user picks a format and maps fields. The records are read once
 * (in a thread) and kept here; converting a handful of them again for each
 * change of the mapping costs microseconds, so it can run on the main
 * thread. The converters are the importer's own, so the preview cannot
 * drift from what the import does.
 */

#include "config.h"

#include "errata-import-sample.h"
#include "errata-import-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

typedef struct
{
  guint     number;
  guint     line;
  char     *text;
  gsize     len;
  JsonNode *node;
  char     *error;
} SampleRecord;

struct _ErrataImportSample
{
  char       *source;
  GArray     *records;   /* SampleRecord */
  GPtrArray  *fields;    /* char *, NULL-terminated */
  GHashTable *objects;   /* the fields that hold an object */
  JsonParser *parser;
};

static void
sample_record_clear (gpointer data)
{
  SampleRecord *record = data;

  g_free (record->text);
  g_clear_pointer (&record->node, json_node_unref);
  g_free (record->error);
}

void
errata_import_sample_free (ErrataImportSample *self)
{
  if (self == NULL)
    return;
  g_free (self->source);
  g_array_unref (self->records);
  g_ptr_array_unref (self->fields);
  g_hash_table_unref (self->objects);
  g_clear_object (&self->parser);
  g_free (self);
}

static void
add_field (ErrataImportSample *self,
           const char         *name)
{
  /* Kept NULL-terminated so that the array reads as a strv. */
  g_ptr_array_insert (self->fields, self->fields->len - 1, g_strdup (name));
}

/* Keys, then "key.child" for objects one level down: enough for exports
 * that wrap the answer ({"response": {"text": ...}}) without listing the
 * inside of whole conversations. */
static void
collect_fields (ErrataImportSample *self,
                JsonObject         *object)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &value))
    {
      JsonObjectIter inner;
      const char *child;
      JsonNode *child_value;

      add_field (self, key);
      if (!JSON_NODE_HOLDS_OBJECT (value))
        continue;
      g_hash_table_add (self->objects, g_strdup (key));
      json_object_iter_init (&inner, json_node_get_object (value));
      while (json_object_iter_next (&inner, &child, &child_value))
        {
          g_autofree char *path = g_strconcat (key, ".", child, NULL);

          add_field (self, path);
        }
    }
}

static void
keep_record (ErrataImportSample *self,
             ErrataRecord       *record)
{
  SampleRecord kept = { 0, };

  kept.number = record->number;
  kept.line = record->line;
  kept.text = g_strndup (record->text ? record->text : "", record->len);
  kept.len = record->text ? record->len : 0;
  kept.node = g_steal_pointer (&record->node);
  kept.error = g_strdup (record->error);
  g_array_append_val (self->records, kept);

  if (self->fields->len == 1 && kept.node != NULL && JSON_NODE_HOLDS_OBJECT (kept.node))
    collect_fields (self, json_node_get_object (kept.node));
}

ErrataImportSample *
errata_import_sample_load (GFile         *file,
                           guint          max_records,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(ErrataImportSample) self = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(ErrataRecordReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  ErrataRecord record = { 0, };

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (ErrataImportSample, 1);
  self->source = g_file_get_basename (file);
  self->records = g_array_new (FALSE, TRUE, sizeof (SampleRecord));
  g_array_set_clear_func (self->records, sample_record_clear);
  self->fields = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->fields, NULL);
  self->objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->parser = json_parser_new ();

  stream = errata_record_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  reader = errata_record_reader_new (G_INPUT_STREAM (stream),
                                     errata_record_syntax_from_name (self->source));
  while (self->records->len < max_records
         && errata_record_reader_next (reader, &record, cancellable, &local_error))
    keep_record (self, &record);
  errata_record_clear (&record);

  /* Records read before a failure are still worth showing; a file that
   * gave none is an error. */
  if (local_error != NULL && (self->records->len == 0
                              || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&self);
}

guint
errata_import_sample_get_n_records (ErrataImportSample *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->records->len;
}

guint
errata_import_sample_get_number (ErrataImportSample *self,
                                 guint               index)
{
  g_return_val_if_fail (self != NULL && index < self->records->len, 0);
  return g_array_index (self->records, SampleRecord, index).number;
}

guint
errata_import_sample_get_line (ErrataImportSample *self,
                               guint               index)
{
  g_return_val_if_fail (self != NULL && index < self->records->len, 0);
  return g_array_index (self->records, SampleRecord, index).line;
}

const char * const *
errata_import_sample_get_fields (ErrataImportSample *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *)self->fields->pdata;
}

/* The last part of a dotted path: "response.text" answers to "text". */
static const char *
leaf_name (const char *path)
{
  const char *dot = strrchr (path, '.');

  return dot ? dot + 1 : path;
}

/* A field that holds an object is not text: its text is most likely in
 * a child such as "response.text". */
static const char *
text_inside (ErrataImportSample *self,
             const char         *field)
{
  static const char * const children[] = { "text", "content", "value", "message", NULL };
  const char * const *fields = errata_import_sample_get_fields (self);

  if (!g_hash_table_contains (self->objects, field))
    return field;
  for (guint i = 0; children[i] != NULL; i++)
    for (guint j = 0; fields[j] != NULL; j++)
      if (g_str_has_prefix (fields[j], field) && fields[j][strlen (field)] == '.'
          && g_str_equal (leaf_name (fields[j]), children[i]))
        return fields[j];
  return NULL;
}

/* The first name in `likely` that some field is called, top-level fields
 * before nested ones. */
static const char *
guess_field (ErrataImportSample *self,
             const char * const *likely)
{
  const char * const *fields = errata_import_sample_get_fields (self);

  for (guint nested = 0; nested < 2; nested++)
    for (guint i = 0; likely[i] != NULL; i++)
      for (guint j = 0; fields[j] != NULL; j++)
        {
          gboolean is_nested = strchr (fields[j], '.') != NULL;
          const char *text;

          if (is_nested != (gboolean)nested
              || g_ascii_strcasecmp (leaf_name (fields[j]), likely[i]) != 0)
            continue;
          if ((text = text_inside (self, fields[j])) != NULL)
            return text;
        }
  return NULL;
}

ErrataFieldMap *
errata_import_sample_guess_map (ErrataImportSample *self)
{
  /* Field names are matched without regard to case; earlier names win. */
  static const char * const ids[] = { "id", "uuid", "uid", "trace_id", "conversation_id", NULL };
  static const char * const inputs[] = { "input", "query", "prompt", "question", "user_input", NULL };
  static const char * const outputs[] = { "output", "response", "answer", "completion", "reply", NULL };
  static const char * const messages[] = { "messages", "conversation", "chat", "turns", NULL };
  static const char * const notes[] = { "note", "notes", "comment", "comments", NULL };
  static const char * const verdicts[] = { "verdict", "pass_fail", "label", NULL };
  static const char * const * const likely[N_ERRATA_FIELDS] = {
    [ERRATA_FIELD_ID] = ids,
    [ERRATA_FIELD_INPUT] = inputs,
    [ERRATA_FIELD_OUTPUT] = outputs,
    [ERRATA_FIELD_MESSAGES] = messages,
    [ERRATA_FIELD_NOTE] = notes,
    [ERRATA_FIELD_VERDICT] = verdicts,
  };
  ErrataFieldMap *map;

  g_return_val_if_fail (self != NULL, NULL);

  map = errata_field_map_new ();
  for (guint field = 0; field < N_ERRATA_FIELDS; field++)
    {
      /* Messages are an array: an object of that name is not them. */
      const char *found = guess_field (self, likely[field]);

      if (field == ERRATA_FIELD_MESSAGES && found != NULL && strchr (found, '.') != NULL)
        found = NULL;
      errata_field_map_set (map, field, found);
    }
  return map;
}

static ErrataConvertFunc
converter_for (ErrataImportFormat  format,
               const ErrataRecord *record)
{
  switch (format)
    {
    case ERRATA_IMPORT_FORMAT_REQUEST_RESPONSE:
      return _errata_import_request_response;
    case ERRATA_IMPORT_FORMAT_MAPPED:
      return _errata_import_mapped;
    case ERRATA_IMPORT_FORMAT_LANGFUSE:
      return _errata_import_langfuse_is_trace (record) ? _errata_import_langfuse : NULL;
    case ERRATA_IMPORT_FORMAT_OTEL:
      return NULL;
    case ERRATA_IMPORT_FORMAT_OPENAI:
    case ERRATA_IMPORT_FORMAT_AUTO:
    default:
      /* As in the importer: a file it cannot tell is read as OpenAI chat. */
      return _errata_import_openai;
    }
}

static gboolean
map_has_content (ErrataFieldMap *map)
{
  return map != NULL
         && (errata_field_map_get (map, ERRATA_FIELD_INPUT) != NULL
             || errata_field_map_get (map, ERRATA_FIELD_OUTPUT) != NULL
             || errata_field_map_get (map, ERRATA_FIELD_MESSAGES) != NULL);
}

ErrataTrace *
errata_import_sample_convert (ErrataImportSample *self,
                              guint               index,
                              ErrataImportFormat  format,
                              ErrataFieldMap     *map,
                              GError            **error)
{
  g_autoptr(GHashTable) seen_ids = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  ErrataImportContext ctx = { 0, };
  ErrataRecord record = { 0, };
  ErrataConvertFunc convert;
  SampleRecord *kept;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->records->len, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  kept = &g_array_index (self->records, SampleRecord, index);
  if (kept->error != NULL)
    {
      g_set_error_literal (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD, kept->error);
      return NULL;
    }
  if (format == ERRATA_IMPORT_FORMAT_MAPPED && !map_has_content (map))
    {
      g_set_error_literal (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_NEEDS_MAPPING,
                           _("no field is mapped to the input, the output or the messages"));
      return NULL;
    }

  /* The record is only borrowed: the converters do not keep it. */
  record.number = kept->number;
  record.line = kept->line;
  record.text = kept->text;
  record.len = kept->len;
  record.node = kept->node;

  convert = converter_for (format, &record);
  if (convert == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("spans are grouped into traces during the import, so there is "
                             "no preview of single records"));
      return NULL;
    }

  seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  annotations = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_annotation_free);
  ctx.source = self->source;
  ctx.map = map;
  /* Imported notes are attributed to "import", as the importer does. */
  ctx.annotator = "import";
  ctx.parser = self->parser;
  ctx.seen_ids = seen_ids;
  return convert (&ctx, &record, annotations, error);
}
