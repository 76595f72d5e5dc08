/* errata-grouping-batch.c: one request of the grouping suggester: its
 * notes under short ids ("n12"), the prompt that carries them, and the
 * reading of the model's reply, where every note id is checked against
 * the batch (ids the model made up are counted and dropped).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Errata-Llm"

#include "errata-grouping-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Enough for a judge of the note; a whole transcript pasted into a note
 * would only crowd the others out. */
#define MAX_NOTE_CHARS     600
#define MAX_REPLY_TOKENS   4096

static const char system_prompt[] =
  "You help with axial coding in the error analysis of an LLM application. "
  "A domain expert reviewed traces of the application and wrote a short "
  "observational note (open coding) about each one that went wrong.\n\n"
  "Cluster these notes into a few clearly defined, non-overlapping failure "
  "modes. Give each mode a short name (a few words, in the language of the "
  "notes) and a one-line definition that lets someone decide for a new "
  "trace whether it shows this failure. Prefer a handful of broad, distinct "
  "modes over many tiny ones, and leave out notes that fit no mode.\n\n"
  "A note may belong to more than one mode. Refer to notes only by the ids "
  "given with them; never invent ids or notes. When an existing failure "
  "mode fits, reuse its name exactly instead of making up a new one.\n\n"
  "Answer with JSON only: {\"modes\": [{\"name\": ..., \"definition\": ..., "
  "\"note_ids\": [...]}]}.";

static const char reply_schema[] =
  "{\"type\": \"object\","
  " \"properties\": {\"modes\": {\"type\": \"array\", \"items\": {"
  "   \"type\": \"object\","
  "   \"properties\": {\"name\": {\"type\": \"string\"},"
  "                    \"definition\": {\"type\": \"string\"},"
  "                    \"note_ids\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}},"
  "   \"required\": [\"name\", \"definition\", \"note_ids\"],"
  "   \"additionalProperties\": false}}},"
  " \"required\": [\"modes\"],"
  " \"additionalProperties\": false}";

/* ---- batches --------------------------------------------------------- */

/* The short id of the run's note @index: "n1" for the first. */
static char *
note_id (guint index)
{
  return g_strdup_printf ("n%u", index + 1);
}

Batch *
_errata_grouping_batch_new (guint      index,
                            GPtrArray *cards,
                            guint      first,
                            guint      count)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->index = index;
  batch->first = first;
  batch->count = count;
  batch->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = first; i < first + count; i++)
    g_hash_table_insert (batch->ids, note_id (i),
                         g_memdup2 (&((ErrataNoteCard *) cards->pdata[i])->annotation_id,
                                    sizeof (gint64)));
  return batch;
}

void
_errata_grouping_batch_free (gpointer data)
{
  Batch *batch = data;

  g_hash_table_unref (batch->ids);
  g_clear_pointer (&batch->proposals, g_ptr_array_unref);
  g_clear_error (&batch->error);
  g_free (batch);
}

static void
add_json_string_member (JsonBuilder *builder,
                        const char  *name,
                        const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* One JSON object a line: quotes and newlines in a note cannot break
 * the frame, and the model sees exactly what a note id is. */
static void
append_note_line (GString    *text,
                  const char *id,
                  const char *note)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *clipped = NULL;
  g_autofree char *line = NULL;

  if (g_utf8_strlen (note, -1) > MAX_NOTE_CHARS)
    clipped = g_strconcat (g_utf8_substring (note, 0, MAX_NOTE_CHARS), "…", NULL);
  json_builder_begin_object (builder);
  add_json_string_member (builder, "id", id);
  add_json_string_member (builder, "note", clipped != NULL ? clipped : note);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  line = json_to_string (root, FALSE);
  g_string_append_printf (text, "%s\n", line);
}

static void
append_modes (GString   *text,
              GPtrArray *modes)
{
  if (modes->len == 0)
    {
      g_string_append (text, "There are no failure modes yet.\n\n");
      return;
    }
  g_string_append (text, "Existing failure modes (reuse a name exactly when notes fit it):\n");
  for (guint i = 0; i < modes->len; i++)
    {
      ErrataFailureMode *mode = modes->pdata[i];

      g_string_append_printf (text, "- %s%s%s\n", mode->name,
                              *mode->definition != '\0' ? ": " : "", mode->definition);
    }
  g_string_append_c (text, '\n');
}

ErrataLlmRequest *
_errata_grouping_batch_request (Batch     *batch,
                                GPtrArray *cards,
                                GPtrArray *modes)
{
  g_autoptr(ErrataLlmRequest) request = errata_llm_request_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  append_modes (text, modes);
  g_string_append (text, "Notes, one JSON object a line:\n");
  for (guint i = batch->first; i < batch->first + batch->count; i++)
    {
      g_autofree char *id = note_id (i);

      append_note_line (text, id, ((ErrataNoteCard *) cards->pdata[i])->note);
    }

  errata_llm_request_set_system (request, system_prompt);
  errata_llm_request_add_message (request, "user", text->str);
  errata_llm_request_set_temperature (request, 0);
  errata_llm_request_set_max_tokens (request, MAX_REPLY_TOKENS);
  if (!errata_llm_request_set_schema_json (request, "failure_modes", reply_schema, TRUE, &error))
    g_error ("The grouping reply schema does not parse: %s", error->message);
  return g_steal_pointer (&request);
}

/* ---- reading a reply --------------------------------------------------- */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/* "n12", " N12 " and 12 all name note n12; anything else is unknown. */
static char *
normalise_note_id (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *copy = g_strdup (json_node_get_string (node));

      return g_ascii_strdown (g_strstrip (copy), -1);
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("n%" PRId64, json_node_get_int (node));
  return NULL;
}

static ErrataGroupingProposal *
read_mode (Batch      *batch,
           JsonObject *object,
           guint      *n_unknown)
{
  const char *name = member_string (object, "name");
  const char *definition = member_string (object, "definition");
  JsonNode *ids = json_object_get_member (object, "note_ids");
  g_autofree char *clean_name = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *clean_definition = g_strstrip (g_strdup (definition != NULL ? definition : ""));
  g_autoptr(ErrataGroupingProposal) proposal = NULL;
  JsonArray *array;

  if (*clean_name == '\0' || ids == NULL || !JSON_NODE_HOLDS_ARRAY (ids))
    return NULL;

  proposal = errata_grouping_proposal_new (clean_name, clean_definition);
  array = json_node_get_array (ids);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *id = normalise_note_id (json_array_get_element (array, i));
      gint64 *annotation = id != NULL ? g_hash_table_lookup (batch->ids, id) : NULL;

      if (annotation == NULL)
        (*n_unknown)++;
      else if (!_errata_grouping_ids_contain (proposal->annotation_ids, *annotation))
        g_array_append_val (proposal->annotation_ids, *annotation);
    }
  return g_steal_pointer (&proposal);
}

gboolean
_errata_grouping_batch_read_reply (Batch           *batch,
                                   ErrataLlmReply  *reply,
                                   guint           *n_unknown,
                                   GError         **error)
{
  JsonNode *modes = reply->json != NULL && JSON_NODE_HOLDS_OBJECT (reply->json)
                    ? json_object_get_member (json_node_get_object (reply->json), "modes")
                    : NULL;
  JsonArray *array;

  if (modes == NULL || !JSON_NODE_HOLDS_ARRAY (modes))
    {
      g_set_error_literal (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY,
                           _("The model’s reply has no list of failure modes."));
      return FALSE;
    }

  batch->proposals = g_ptr_array_new_with_free_func ((GDestroyNotify) errata_grouping_proposal_free);
  array = json_node_get_array (modes);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      ErrataGroupingProposal *proposal = JSON_NODE_HOLDS_OBJECT (node)
                                         ? read_mode (batch, json_node_get_object (node), n_unknown)
                                         : NULL;

      if (proposal != NULL)
        g_ptr_array_add (batch->proposals, proposal);
    }
  return TRUE;
}
