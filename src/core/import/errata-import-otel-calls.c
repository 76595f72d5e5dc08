/* errata-import-otel-calls.c: which LLM call of a trace is its conversation.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An agent's trace holds one LLM span per step, each repeating the history
 * so far; chat applications add calls of their own (a title for the chat, a
 * summary, a router). The conversation is the call whose messages extend
 * the most others (the longest consistent history), not the last one: a
 * title call made after the chat would otherwise replace it. Calls that are
 * not part of that history are kept as secondary calls.
 *
 * Libraries that record a history without tool call ids (Traceloop 0.12
 * writes an assistant turn as the content "null") get the calls back from
 * the earlier step that made them, and ids from the tool spans, matched by
 * order and name.
 */

#include "config.h"

#include "errata-import-private.h"
#include "errata-json-guard.h"

void
_errata_otel_call_free (ErrataOtelCall *call)
{
  if (call == NULL)
    return;
  json_object_unref (call->span);
  json_array_unref (call->messages);
  g_free (call);
}

static gboolean
same_message (JsonObject *a,
              JsonObject *b)
{
  const char *ca = errata_json_get_string (a, "content");
  const char *cb = errata_json_get_string (b, "content");

  return a != NULL && b != NULL
         && g_strcmp0 (errata_json_get_string (a, "role"), errata_json_get_string (b, "role")) == 0
         && g_strcmp0 (ca ? ca : "", cb ? cb : "") == 0;
}

/* TRUE when the first `n` messages of `prefix` begin `messages`. */
static gboolean
is_prefix (JsonArray *prefix,
           guint      n,
           JsonArray *messages)
{
  if (n == 0 || n > json_array_get_length (prefix) || n > json_array_get_length (messages))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!same_message (errata_json_array_get_object (prefix, i), errata_json_array_get_object (messages, i)))
      return FALSE;
  return TRUE;
}

static gboolean
extends (ErrataOtelCall *call,
         ErrataOtelCall *other)
{
  return is_prefix (other->messages, other->n_input, call->messages);
}

guint
_errata_import_otel_main_call (GPtrArray *calls)
{
  guint best = 0;
  guint best_score = 0;

  for (guint i = 0; i < calls->len; i++)
    {
      ErrataOtelCall *call = calls->pdata[i];
      ErrataOtelCall *current = calls->pdata[best];
      guint score = 0;

      for (guint j = 0; j < calls->len; j++)
        if (j != i && extends (call, calls->pdata[j]))
          score++;
      /* More calls extended wins; then more messages; then the later call. */
      if (i == 0 || score > best_score
          || (score == best_score
              && json_array_get_length (call->messages) >= json_array_get_length (current->messages)))
        {
          best = i;
          best_score = score;
        }
    }
  return best;
}

static JsonArray *
tool_calls_of (JsonObject *message)
{
  JsonArray *calls = message ? errata_json_get_array (message, "tool_calls") : NULL;

  return calls != NULL && json_array_get_length (calls) > 0 ? calls : NULL;
}

/* Each earlier step's output is a turn of the history: where the history
 * lost that turn's tool calls, the step still has them. */
static void
fill_history (JsonArray *messages,
              GPtrArray *calls,
              guint      main)
{
  for (guint j = 0; j < calls->len; j++)
    {
      ErrataOtelCall *step = calls->pdata[j];
      JsonObject *target;
      JsonObject *output;

      if (j == main || step->n_input >= json_array_get_length (messages)
          || !is_prefix (step->messages, step->n_input, messages)
          || step->n_input >= json_array_get_length (step->messages))
        continue;
      target = errata_json_array_get_object (messages, step->n_input);
      output = errata_json_array_get_object (step->messages, step->n_input);
      if (target == NULL || output == NULL
          || g_strcmp0 (errata_json_get_string (target, "role"), "assistant") != 0
          || tool_calls_of (target) != NULL || tool_calls_of (output) == NULL)
        continue;
      json_object_set_array_member (target, "tool_calls",
                                    json_array_ref (errata_json_get_array (output, "tool_calls")));
    }
}

typedef struct
{
  JsonObject *span;
  const char *name;
  const char *call_id;
  char       *result;
  char       *matched;   /* the conversation's call id it was matched to */
} ToolSpan;

static void
tool_span_clear (gpointer data)
{
  ToolSpan *tool = data;

  g_free (tool->result);
  g_free (tool->matched);
}

static GArray *
collect_tool_spans (GPtrArray *spans)
{
  GArray *tools = g_array_new (FALSE, TRUE, sizeof (ToolSpan));

  g_array_set_clear_func (tools, tool_span_clear);
  for (guint i = 0; i < spans->len; i++)
    {
      ToolSpan tool = { spans->pdata[i], NULL, NULL, NULL, NULL };

      if (!_errata_import_otel_is_tool_span (spans->pdata[i]))
        continue;
      _errata_import_otel_tool_info (tool.span, &tool.name, &tool.call_id, &tool.result);
      g_array_append_val (tools, tool);
    }
  return tools;
}

static ToolSpan *
claim_tool_span (GArray     *tools,
                 const char *id,
                 const char *name)
{
  for (guint i = 0; i < tools->len; i++)
    {
      ToolSpan *tool = &g_array_index (tools, ToolSpan, i);

      if (tool->matched != NULL)
        continue;
      if (id != NULL ? g_strcmp0 (tool->call_id, id) == 0 : g_strcmp0 (tool->name, name) == 0)
        return tool;
    }
  return NULL;
}

/* The results that follow a calling message, without an id, get the ids of
 * its calls in order. */
static void
name_following_results (JsonArray *messages,
                        guint      caller,
                        JsonArray *calls)
{
  guint k = 0;

  for (guint i = caller + 1; i < json_array_get_length (messages) && k < json_array_get_length (calls); i++, k++)
    {
      JsonObject *result = errata_json_array_get_object (messages, i);
      const char *id = errata_json_get_string (result, "tool_call_id");

      if (g_strcmp0 (errata_json_get_string (result, "role"), "tool") != 0)
        break;
      if (id == NULL || *id == '\0')
        json_object_set_string_member (result, "tool_call_id",
                                       errata_json_get_string (errata_json_array_get_object (calls, k), "id"));
    }
}

/* Calls with an id claim their span first; calls without one take the
 * first unclaimed span of the same tool, in order, and its id (the span's
 * own id when the convention records no call id). */
static void
match_tool_spans (JsonArray *messages,
                  GArray    *tools)
{
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < json_array_get_length (messages); i++)
      {
        JsonArray *calls = tool_calls_of (errata_json_array_get_object (messages, i));
        gboolean named = FALSE;

        for (guint j = 0; calls && j < json_array_get_length (calls); j++)
          {
            JsonObject *call = errata_json_array_get_object (calls, j);
            const char *id = errata_json_get_string (call, "id");
            gboolean has_id = id != NULL && *id != '\0';
            ToolSpan *tool;

            if (has_id != (pass == 0))
              continue;
            tool = claim_tool_span (tools, has_id ? id : NULL, errata_json_get_string (call, "name"));
            if (tool == NULL && has_id)
              tool = claim_tool_span (tools, NULL, errata_json_get_string (call, "name"));
            if (tool == NULL)
              continue;
            if (!has_id)
              {
                json_object_set_string_member (call, "id", tool->call_id ? tool->call_id
                                               : errata_json_get_string (tool->span, "spanId"));
                named = TRUE;
              }
            tool->matched = g_strdup (errata_json_get_string (call, "id"));
          }
        if (named)
          name_following_results (messages, i, calls);
      }
}

static gboolean
has_result (JsonArray  *messages,
            const char *call_id)
{
  for (guint i = 0; i < json_array_get_length (messages); i++)
    if (g_strcmp0 (errata_json_get_string (errata_json_array_get_object (messages, i), "tool_call_id"),
                   call_id) == 0)
      return TRUE;
  return FALSE;
}

static gint
find_caller (JsonArray  *messages,
             const char *call_id)
{
  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonArray *calls = tool_calls_of (errata_json_array_get_object (messages, i));

      for (guint j = 0; calls && j < json_array_get_length (calls); j++)
        if (g_strcmp0 (errata_json_get_string (errata_json_array_get_object (calls, j), "id"), call_id) == 0)
          return (gint)i;
    }
  return -1;
}

static void
insert_element (JsonArray *array,
                guint      position,
                JsonNode  *node)
{
  g_autoptr(GPtrArray) tail = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);

  while (json_array_get_length (array) > position)
    {
      guint last = json_array_get_length (array) - 1;

      g_ptr_array_insert (tail, 0, json_node_copy (json_array_get_element (array, last)));
      json_array_remove_element (array, last);
    }
  json_array_add_element (array, node);
  for (guint i = 0; i < tail->len; i++)
    json_array_add_element (array, json_node_copy (tail->pdata[i]));
}

/* A tool span whose call the conversation makes but whose result it lacks
 * supplies that result, right after the calling message and its results. */
static void
attach_results (JsonArray *messages,
                GArray    *tools)
{
  for (guint i = 0; i < tools->len; i++)
    {
      ToolSpan *tool = &g_array_index (tools, ToolSpan, i);
      JsonObject *message;
      guint position;
      gint caller;

      if (tool->matched == NULL || has_result (messages, tool->matched)
          || (caller = find_caller (messages, tool->matched)) < 0)
        continue;
      message = errata_messages_new_message ("tool", tool->result);
      json_object_set_string_member (message, "tool_call_id", tool->matched);
      if (tool->name != NULL)
        json_object_set_string_member (message, "name", tool->name);
      position = caller + 1;
      while (position < json_array_get_length (messages)
             && g_strcmp0 (errata_json_get_string (errata_json_array_get_object (messages, position), "role"),
                           "tool") == 0)
        position++;
      insert_element (messages, position, json_node_init_object (json_node_alloc (), message));
      json_object_unref (message);
    }
}

JsonArray *
_errata_import_otel_conversation (GPtrArray *calls,
                                  guint      main,
                                  GPtrArray *spans)
{
  ErrataOtelCall *call = calls->pdata[main];
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), call->messages);
  g_autoptr(JsonNode) copy = json_node_copy (node);
  JsonArray *messages = json_array_ref (json_node_get_array (copy));
  g_autoptr(GArray) tools = collect_tool_spans (spans);

  fill_history (messages, calls, main);
  match_tool_spans (messages, tools);
  attach_results (messages, tools);
  return messages;
}

JsonArray *
_errata_import_otel_secondary_calls (GPtrArray *calls,
                                     guint      main)
{
  ErrataOtelCall *conversation = calls->pdata[main];
  JsonArray *secondary = json_array_new ();

  for (guint j = 0; j < calls->len; j++)
    {
      ErrataOtelCall *call = calls->pdata[j];
      JsonObject *entry;
      const char *name = errata_json_get_string (call->span, "name");
      const char *span_id = errata_json_get_string (call->span, "spanId");

      if (j == main || extends (conversation, call))
        continue;
      entry = json_object_new ();
      json_object_set_string_member (entry, "name", name ? name : "");
      if (span_id != NULL)
        json_object_set_string_member (entry, "span_id", span_id);
      json_object_set_array_member (entry, "messages", json_array_ref (call->messages));
      json_array_add_object_element (secondary, entry);
    }
  return secondary;
}
