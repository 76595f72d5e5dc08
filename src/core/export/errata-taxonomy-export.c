/* errata-taxonomy-export.c
 *
 * Both formats are built from one JSON tree, so that they always say the
 * same thing.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-taxonomy-export.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

static JsonNode *
mode_to_json (ErrataTaxonomy     *self,
              ErrataModeCount    *count,
              guint               n_examples,
              GError            **error)
{
  g_autoptr(ErrataFailureMode) mode = errata_taxonomy_get_mode (self, count->mode_id, error);
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (mode == NULL)
    return NULL;
  cards = errata_taxonomy_list_cards (self, count->mode_id, error);
  if (cards == NULL)
    return NULL;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, mode->name);
  json_builder_set_member_name (builder, "definition");
  json_builder_add_string_value (builder, mode->definition);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, count->count);
  json_builder_set_member_name (builder, "share");
  json_builder_add_double_value (builder, count->share);
  json_builder_set_member_name (builder, "examples");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cards->len && i < n_examples; i++)
    {
      ErrataNoteCard *card = cards->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "trace_id");
      json_builder_add_string_value (builder, card->external_id);
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, card->note);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *
taxonomy_to_json (ErrataTaxonomy  *self,
                  guint            n_examples,
                  GError         **error)
{
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonArray) modes = json_array_new ();
  JsonNode *node;
  guint reviewed = 0;

  counts = errata_taxonomy_count_modes (self, &reviewed, error);
  if (counts == NULL)
    return NULL;
  for (guint i = 0; i < counts->len; i++)
    {
      JsonNode *mode = mode_to_json (self, counts->pdata[i], n_examples, error);

      if (mode == NULL)
        return NULL;
      json_array_add_element (modes, mode);
    }
  json_object_set_int_member (root, "reviewed_traces", reviewed);
  json_object_set_array_member (root, "failure_modes", g_steal_pointer (&modes));
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, root);
  return node;
}

char *
errata_taxonomy_export_json (ErrataTaxonomy  *self,
                             guint            n_examples,
                             GError         **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), NULL);

  root = taxonomy_to_json (self, n_examples, error);
  return root ? json_to_string (root, TRUE) : NULL;
}

/* Notes are free text: keep each on one line so the list stays a list. */
static char *
markdown_line (const char *text)
{
  g_autofree char *flat = g_strdup (text);

  g_strdelimit (flat, "\r\n", ' ');
  return g_strstrip (g_steal_pointer (&flat));
}

static void
append_mode_markdown (GString    *out,
                      JsonObject *mode)
{
  JsonArray *examples = json_object_get_array_member (mode, "examples");
  g_autofree char *definition =
    markdown_line (json_object_get_string_member (mode, "definition"));

  g_string_append_printf (out, "## %s\n\n", json_object_get_string_member (mode, "name"));
  if (*definition)
    g_string_append_printf (out, "%s\n\n", definition);
  g_string_append_printf (out, _("%u traces (%.0f%% of reviewed traces)\n\n"),
                          (guint)json_object_get_int_member (mode, "count"),
                          100.0 * json_object_get_double_member (mode, "share"));
  for (guint i = 0; i < json_array_get_length (examples); i++)
    {
      JsonObject *example = json_array_get_object_element (examples, i);
      g_autofree char *note = markdown_line (json_object_get_string_member (example, "note"));

      g_string_append_printf (out, "- `%s`: %s\n", json_object_get_string_member (example, "trace_id"),
                              note);
    }
  g_string_append_c (out, '\n');
}

char *
errata_taxonomy_export_markdown (ErrataTaxonomy  *self,
                                 guint            n_examples,
                                 GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *modes;
  GString *out;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), NULL);

  root = taxonomy_to_json (self, n_examples, error);
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  modes = json_object_get_array_member (object, "failure_modes");
  out = g_string_new (NULL);
  g_string_append_printf (out, _("# Failure modes\n\nFrom %u reviewed traces.\n\n"),
                          (guint)json_object_get_int_member (object, "reviewed_traces"));
  for (guint i = 0; i < json_array_get_length (modes); i++)
    append_mode_markdown (out, json_array_get_object_element (modes, i));
  return g_string_free (out, FALSE);
}
