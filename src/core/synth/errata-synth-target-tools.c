/* errata-synth-target-tools.c: a chat target's tools: OpenAI tool
 * definitions offered to the model, inline ("tools") or from a file
 * ("tools_file"). Nothing runs the tools: the calls the model answers with
 * stay in the trace for a reviewer.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-target-private.h"

#include "errata-json-guard.h"
#include "errata-messages.h"

#include <glib/gi18n-lib.h>

/* OpenAI tool definitions: an array of {"type": "function", "function":
 * {"name", …}}; a file may also hold {"tools": [...]}. `member` names where
 * they came from in errors. */
static JsonNode *
check_tools (JsonNode    *node,
             const char  *member,
             GError     **error)
{
  JsonArray *tools;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node)
      && json_object_has_member (json_node_get_object (node), "tools"))
    node = json_object_get_member (json_node_get_object (node), "tools");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      _errata_synth_target_invalid (error, member, _("expected an array of tool definitions, "
                                                     "found %s"), errata_json_node_describe (node));
      return NULL;
    }
  tools = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (tools); i++)
    {
      JsonNode *tool = json_array_get_element (tools, i);
      JsonObject *function = JSON_NODE_HOLDS_OBJECT (tool)
                             ? errata_json_get_object (json_node_get_object (tool), "function")
                             : NULL;

      if (function == NULL || errata_json_member_string (function, "name", NULL) == NULL)
        {
          _errata_synth_target_invalid (error, member, _("tool %u is not {\"type\": "
                                                         "\"function\", \"function\": "
                                                         "{\"name\": …}}"), i + 1);
          return NULL;
        }
    }
  return json_node_ref (node);
}

gboolean
_errata_synth_target_read_tools (ErrataSynthTarget  *self,
                 JsonObject         *definition,
                 GError            **error)
{
  const char *file = errata_json_member_string (definition, "tools_file", NULL);

  if (json_object_has_member (definition, "tools"))
    {
      self->tools = check_tools (json_object_get_member (definition, "tools"), "tools", error);
      if (self->tools == NULL)
        return FALSE;
    }
  /* Read at the first call, not here: a project opened on another machine
   * still shows its target when the file is not there. */
  if (file != NULL && *file != '\0')
    self->tools_file = g_strdup (file);
  return TRUE;
}

gboolean
_errata_synth_target_load_tools (ErrataSynthTarget  *self,
                                 GError            **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;

  if (self->tools_file == NULL || self->tools != NULL)
    return TRUE;
  path = g_path_is_absolute (self->tools_file) || self->directory == NULL
         ? g_strdup (self->tools_file) : g_build_filename (self->directory, self->tools_file, NULL);
  if (!g_file_get_contents (path, &contents, &len, &local_error)
      || (root = errata_json_from_string (contents, &local_error)) == NULL)
    return _errata_synth_target_invalid (error, "tools_file", "%s", local_error->message);
  self->tools = check_tools (root, "tools_file", error);
  return self->tools != NULL;
}

