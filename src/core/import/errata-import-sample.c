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
  /* json_object_get_members() keeps the file's order (a CSV file's
   * columns); json_object_iter_init() walks a hash table, which listed a
   * file's fields in an order nobody wrote them in. */
  g_autoptr(GList) keys = json_object_get_members (object);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *value = json_object_get_member (object, key);
      g_autoptr(GList) children = NULL;

      add_field (self, key);
      if (!JSON_NODE_HOLDS_OBJECT (value))
        continue;
      g_hash_table_add (self->objects, g_strdup (key));
      children = json_object_get_members (json_node_get_object (value));
      for (GList *c = children; c != NULL; c = c->next)
        {
          g_autofree char *path = g_strconcat (key, ".", (const char *) c->data, NULL);

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

static ErrataImportSample *
sample_new (char *source)
{
  ErrataImportSample *self = g_new0 (ErrataImportSample, 1);

  self->source = source;
  self->records = g_array_new (FALSE, TRUE, sizeof (SampleRecord));
  g_array_set_clear_func (self->records, sample_record_clear);
  self->fields = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->fields, NULL);
  self->objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->parser = json_parser_new ();
  return self;
}

/* The dialog's guess, for the CLI's "say which field holds what". */
ErrataFieldMap *
_errata_import_guess_map_for_record (JsonNode *first)
{
  g_autoptr(ErrataImportSample) self = sample_new (g_strdup (""));
  ErrataRecord record = { 0, };

  g_return_val_if_fail (first != NULL, NULL);

  record.node = json_node_ref (first);
  keep_record (self, &record);
  errata_record_clear (&record);
  return errata_import_sample_guess_map (self);
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

  self = sample_new (g_file_get_basename (file));

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

/* A field is used for one role at most. */
static gboolean
is_taken (ErrataFieldMap *map,
          const char     *field)
{
  for (guint role = 0; role < N_ERRATA_FIELDS; role++)
    if (g_strcmp0 (errata_field_map_get (map, role), field) == 0)
      return TRUE;
  return FALSE;
}

/* "conversation_id" is an id, whatever else its name says. */
static gboolean
names_an_id (const char *name)
{
  gsize len = strlen (name);

  return g_ascii_strcasecmp (name, "id") == 0
         || (len > 3 && (g_ascii_strcasecmp (name + len - 3, "_id") == 0
                         || g_ascii_strcasecmp (name + len - 3, "-id") == 0
                         || g_str_has_suffix (name, "Id")));
}

static gboolean
name_matches (const char *name,
              const char *likely,
              gboolean    loosely)
{
  g_autofree char *folded = NULL;

  if (!loosely)
    return g_ascii_strcasecmp (name, likely) == 0;
  folded = g_ascii_strdown (name, -1);
  return strstr (folded, likely) != NULL;
}

/* The first name in `likely` that some free field is called, top-level
 * fields before nested ones; `loosely`, a name that only contains it
 * ("user_query" for "query"). */
static const char *
guess_field (ErrataImportSample *self,
             ErrataFieldMap     *map,
             ErrataField         role,
             const char * const *likely,
             gboolean            loosely)
{
  const char * const *fields = errata_import_sample_get_fields (self);

  for (guint nested = 0; nested < 2; nested++)
    for (guint i = 0; likely[i] != NULL; i++)
      for (guint j = 0; fields[j] != NULL; j++)
        {
          gboolean is_nested = strchr (fields[j], '.') != NULL;
          const char *leaf = leaf_name (fields[j]);
          const char *text;

          if (is_nested != (gboolean)nested || !name_matches (leaf, likely[i], loosely))
            continue;
          if (loosely && (role == ERRATA_FIELD_ID) != names_an_id (leaf))
            continue;
          if ((text = text_inside (self, fields[j])) != NULL && !is_taken (map, text))
            return text;
        }
  return NULL;
}

static JsonObject *
first_object (ErrataImportSample *self)
{
  for (guint i = 0; i < self->records->len; i++)
    {
      JsonNode *node = g_array_index (self->records, SampleRecord, i).node;

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        return json_node_get_object (node);
    }
  return NULL;
}

/* TRUE when the first record's messages field holds a conversation: the
 * input and output are in it already (mapped too, they would be added to
 * it a second time). A column that is mostly empty leaves them be. */
static gboolean
messages_are_filled (ErrataImportSample *self,
                     ErrataFieldMap     *map)
{
  const char *path = errata_field_map_get (map, ERRATA_FIELD_MESSAGES);
  JsonObject *object = first_object (self);
  g_autofree char *text = NULL;
  JsonNode *node;

  if (path == NULL || object == NULL || (node = _errata_import_lookup (object, path)) == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) > 0;
  text = _errata_import_value_text (node);
  return text != NULL && *g_strstrip (text) != '\0';
}

/* Messages held as text with role markers are a transcript. */
void
errata_import_sample_guess_messages_format (ErrataImportSample *self,
                                            ErrataFieldMap     *map)
{
  const char *path = errata_field_map_get (map, ERRATA_FIELD_MESSAGES);
  JsonObject *object = first_object (self);
  JsonNode *node;

  g_return_if_fail (self != NULL && map != NULL);

  errata_field_map_set_messages_format (map, ERRATA_MESSAGES_AUTO);
  if (path == NULL || object == NULL)
    return;
  node = _errata_import_lookup (object, path);
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
      && errata_transcript_looks_like (errata_field_map_get_transcript_syntax (map),
                                       json_node_get_string (node)))
    errata_field_map_set_messages_format (map, ERRATA_MESSAGES_TRANSCRIPT);
}

ErrataFieldMap *
errata_import_sample_guess_map (ErrataImportSample *self)
{
  /* Field names are matched without regard to case; earlier names win,
   * and exact names win over names that only contain one. */
  static const char * const ids[] = { "id", "uuid", "uid", "trace_id", "conversation_id", NULL };
  static const char * const inputs[] = { "input", "query", "prompt", "question", "user_input", NULL };
  static const char * const outputs[] = { "output", "response", "answer", "completion", "reply", NULL };
  static const char * const messages[] = { "messages", "conversation", "transcript", "chat",
                                           "turns", "dialog", "dialogue", NULL };
  static const char * const notes[] = { "note", "notes", "comment", "comments", "reasoning",
                                        "rationale", "explanation", "critique", NULL };
  static const char * const verdicts[] = { "verdict", "pass_fail", "label", "judgment",
                                           "judgement", "grade", NULL };
  static const char * const * const likely[N_ERRATA_FIELDS] = {
    [ERRATA_FIELD_ID] = ids,
    [ERRATA_FIELD_INPUT] = inputs,
    [ERRATA_FIELD_OUTPUT] = outputs,
    [ERRATA_FIELD_MESSAGES] = messages,
    [ERRATA_FIELD_NOTE] = notes,
    [ERRATA_FIELD_VERDICT] = verdicts,
  };
  /* The id first, so that "conversation_id" is not taken for messages;
   * the messages before the input and output (see messages_are_filled()). */
  static const ErrataField order[] = {
    ERRATA_FIELD_ID, ERRATA_FIELD_MESSAGES, ERRATA_FIELD_VERDICT, ERRATA_FIELD_NOTE,
    ERRATA_FIELD_INPUT, ERRATA_FIELD_OUTPUT,
  };
  ErrataFieldMap *map;

  g_return_val_if_fail (self != NULL, NULL);

  map = errata_field_map_new ();
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    for (guint loosely = 0; loosely < 2; loosely++)
      {
        ErrataField field = order[i];
        const char *found;

        if (errata_field_map_get (map, field) != NULL)
          continue;
        if ((field == ERRATA_FIELD_INPUT || field == ERRATA_FIELD_OUTPUT)
            && messages_are_filled (self, map))
          continue;
        found = guess_field (self, map, field, likely[field], loosely);
        /* Messages are an array: an object of that name is not them. */
        if (field == ERRATA_FIELD_MESSAGES && found != NULL && strchr (found, '.') != NULL)
          found = NULL;
        errata_field_map_set (map, field, found);
      }
  errata_import_sample_guess_messages_format (self, map);
  return map;
}

ErrataTrace *
errata_import_sample_convert (ErrataImportSample *self,
                              guint               index,
                              ErrataImportFormat  format,
                              ErrataFieldMap     *map,
                              GError            **error)
{
  return errata_import_sample_convert_labelled (self, index, format, map, NULL, error);
}

ErrataTrace *
errata_import_sample_convert_labelled (ErrataImportSample  *self,
                                       guint                index,
                                       ErrataImportFormat   format,
                                       ErrataFieldMap      *map,
                                       ErrataAnnotation   **label,
                                       GError             **error)
{
  ErrataTrace *trace;
  g_autoptr(GHashTable) seen_ids = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  ErrataImportContext ctx = { 0, };
  ErrataRecord record = { 0, };
  const ErrataImportFormatInfo *info;
  SampleRecord *kept;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->records->len, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (label != NULL)
    *label = NULL;
  kept = &g_array_index (self->records, SampleRecord, index);
  if (kept->error != NULL)
    {
      g_set_error_literal (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD, kept->error);
      return NULL;
    }
  info = _errata_import_format_get_info (format);
  if (info->needs_mapping && !errata_field_map_has_content (map))
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

  if (_errata_import_format_stages (info, &record))
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
  /* Imported verdicts are attributed to their file, as the importer does. */
  ctx.annotator = self->source;
  ctx.parser = self->parser;
  ctx.seen_ids = seen_ids;
  trace = info->convert (&ctx, &record, annotations, error);
  if (trace != NULL && label != NULL && annotations->len > 0)
    *label = g_ptr_array_steal_index (annotations, 0);
  return trace;
}
