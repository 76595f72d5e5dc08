/* errata-judge-prompt.c
 *
 * The template is parsed once into segments (literal text and
 * placeholders), so that a typo is refused when the judge is made, not
 * found in the middle of a run of a thousand traces.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "errata-judge-prompt.h"
#include "errata-eval-types.h"
#include "errata-json-guard.h"
#include "errata-messages.h"

typedef enum
{
  SEGMENT_TEXT,
  SEGMENT_INPUT,
  SEGMENT_OUTPUT,
  SEGMENT_CONVERSATION,
  SEGMENT_DEFINITION,
  SEGMENT_EXAMPLES,
  SEGMENT_METADATA,
} SegmentKind;

typedef struct
{
  SegmentKind  kind;
  char        *text;   /* the literal text, or the metadata key */
} Segment;

struct _ErrataJudgePrompt
{
  char   *template_text;
  GArray *segments;    /* of Segment */
};

#define METADATA_PREFIX "metadata."

static const struct
{
  const char  *name;
  SegmentKind  kind;
} placeholders[] = {
  { "input", SEGMENT_INPUT },
  { "output", SEGMENT_OUTPUT },
  { "conversation", SEGMENT_CONVERSATION },
  { "definition", SEGMENT_DEFINITION },
  { "examples", SEGMENT_EXAMPLES },
};

/* ---- examples --------------------------------------------------------- */

ErrataJudgeExample *
errata_judge_example_new (gint64         trace_id,
                          const char    *input,
                          const char    *output,
                          ErrataVerdict  label,
                          const char    *critique)
{
  ErrataJudgeExample *example = g_new0 (ErrataJudgeExample, 1);

  example->trace_id = trace_id;
  example->input = g_strdup (input != NULL ? input : "");
  example->output = g_strdup (output != NULL ? output : "");
  example->label = label;
  example->critique = g_strdup (critique);
  return example;
}

void
errata_judge_example_free (ErrataJudgeExample *example)
{
  if (example == NULL)
    return;
  g_free (example->input);
  g_free (example->output);
  g_free (example->critique);
  g_free (example);
}

/* ---- parsing ---------------------------------------------------------- */

static void
segment_clear (gpointer data)
{
  g_free (((Segment *) data)->text);
}

static void
add_segment (ErrataJudgePrompt *self,
             SegmentKind        kind,
             const char        *text,
             gssize             len)
{
  Segment segment = { kind, NULL };

  if (kind == SEGMENT_TEXT && (len == 0 || *text == '\0'))
    return;
  segment.text = len < 0 ? g_strdup (text) : g_strndup (text, len);
  g_array_append_val (self->segments, segment);
}

/* Line and column (1-based, in characters) of @at in @text. */
static void
locate (const char *text,
        const char *at,
        guint      *line,
        guint      *column)
{
  const char *line_start = text;

  *line = 1;
  for (const char *p = text; p < at; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  *column = (guint) g_utf8_strlen (line_start, at - line_start) + 1;
}

static gboolean
metadata_key_valid (const char *key)
{
  if (*key == '\0' || key[0] == '.' || g_str_has_suffix (key, ".") || strstr (key, "..") != NULL)
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == '{' || *p == '}')
      return FALSE;
  return TRUE;
}

static gboolean
placeholder_kind (const char  *name,
                  SegmentKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    if (g_str_equal (name, placeholders[i].name))
      {
        *kind = placeholders[i].kind;
        return TRUE;
      }
  if (g_str_has_prefix (name, METADATA_PREFIX) &&
      metadata_key_valid (name + strlen (METADATA_PREFIX)))
    {
      *kind = SEGMENT_METADATA;
      return TRUE;
    }
  return FALSE;
}

static gboolean
parse_placeholder (ErrataJudgePrompt  *self,
                   const char         *open,
                   const char        **end,
                   GError            **error)
{
  const char *close = strstr (open + 2, "}}");
  g_autofree char *name = NULL;
  SegmentKind kind;
  guint line, column;

  locate (self->template_text, open, &line, &column);
  if (close == NULL)
    {
      g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                   _("The prompt has a “{{” that is never closed at line %u, column %u"),
                   line, column);
      return FALSE;
    }

  name = g_strstrip (g_strndup (open + 2, close - open - 2));
  if (!placeholder_kind (name, &kind))
    {
      g_autofree char *shown = g_strndup (open, close + 2 - open);

      g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                   _("Unknown placeholder “%s” in the prompt at line %u, column %u: use "
                     "{{input}}, {{output}}, {{conversation}}, {{definition}}, {{examples}} "
                     "or {{metadata.KEY}}"), shown, line, column);
      return FALSE;
    }

  add_segment (self, kind,
               kind == SEGMENT_METADATA ? name + strlen (METADATA_PREFIX) : name, -1);
  *end = close + 2;
  return TRUE;
}

static gboolean
parse_template (ErrataJudgePrompt  *self,
                GError            **error)
{
  const char *p = self->template_text;
  const char *open;

  while ((open = strstr (p, "{{")) != NULL)
    {
      add_segment (self, SEGMENT_TEXT, p, open - p);
      if (!parse_placeholder (self, open, &p, error))
        return FALSE;
    }
  add_segment (self, SEGMENT_TEXT, p, -1);
  return TRUE;
}

/**
 * errata_judge_prompt_new:
 *
 * Returns: (transfer full) (nullable): the parsed template, or NULL with an
 *   ERRATA_EVAL_ERROR_INVALID that names the bad placeholder and where it is
 */
ErrataJudgePrompt *
errata_judge_prompt_new (const char  *template_text,
                         GError     **error)
{
  g_autoptr(ErrataJudgePrompt) self = NULL;

  g_return_val_if_fail (template_text != NULL, NULL);

  if (!g_utf8_validate (template_text, -1, NULL))
    {
      g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                           _("The prompt is not valid UTF-8 text"));
      return NULL;
    }

  self = g_new0 (ErrataJudgePrompt, 1);
  self->template_text = g_strdup (template_text);
  self->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  g_array_set_clear_func (self->segments, segment_clear);
  if (!parse_template (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
errata_judge_prompt_free (ErrataJudgePrompt *self)
{
  if (self == NULL)
    return;
  g_free (self->template_text);
  g_clear_pointer (&self->segments, g_array_unref);
  g_free (self);
}

const char *
errata_judge_prompt_get_template (ErrataJudgePrompt *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->template_text;
}

/* A caller can skip loading examples for a template that never shows them. */
gboolean
errata_judge_prompt_uses_examples (ErrataJudgePrompt *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->segments->len; i++)
    if (g_array_index (self->segments, Segment, i).kind == SEGMENT_EXAMPLES)
      return TRUE;
  return FALSE;
}

/* ---- the conversation ------------------------------------------------- */

static void
append_tool_calls (GString    *out,
                   JsonArray  *calls,
                   GHashTable *names,
                   gboolean    first_line)
{
  for (guint i = 0; calls != NULL && i < json_array_get_length (calls); i++)
    {
      JsonObject *call = errata_json_array_get_object (calls, i);
      const char *id = errata_json_member_string (call, "id", NULL);
      const char *name = errata_json_member_string (call, "name", "?");
      const char *arguments = errata_json_member_string (call, "arguments", "");

      if (call == NULL)
        continue;
      if (id != NULL)
        g_hash_table_insert (names, g_strdup (id), g_strdup (name));
      if (!first_line)
        g_string_append_c (out, '\n');
      first_line = FALSE;
      g_string_append_printf (out, "→ Tool call %s(%s)", name, arguments);
      if (id != NULL)
        g_string_append_printf (out, " [call id %s]", id);
    }
}

static void
append_message_header (GString    *out,
                       guint       index,
                       JsonObject *message,
                       GHashTable *names)
{
  const char *role = errata_json_member_string (message, "role", "unknown");
  const char *call_id = errata_json_member_string (message, "tool_call_id", NULL);
  const char *name = errata_json_member_string (message, "name", NULL);

  g_string_append_printf (out, "[%u] %s", index + 1, role);
  if (g_str_equal (role, "tool"))
    {
      const char *called = call_id != NULL ? g_hash_table_lookup (names, call_id) : NULL;

      if (called == NULL)
        called = name;
      if (called != NULL && call_id != NULL)
        g_string_append_printf (out, " (result of %s, call id %s)", called, call_id);
      else if (called != NULL)
        g_string_append_printf (out, " (result of %s)", called);
      else if (call_id != NULL)
        g_string_append_printf (out, " (result of call id %s)", call_id);
    }
  else if (name != NULL)
    g_string_append_printf (out, " (%s)", name);
  g_string_append (out, ":\n");
}

/**
 * errata_judge_prompt_render_conversation:
 *
 * Every message, numbered from 1 as the trace view numbers them, with its
 * role; an assistant's tool calls follow its text, and a tool result says
 * which call (name and id) it answers.
 */
char *
errata_judge_prompt_render_conversation (ErrataTrace *trace)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GString *out = g_string_new (NULL);
  JsonArray *messages;

  g_return_val_if_fail (ERRATA_IS_TRACE (trace), NULL);

  messages = errata_trace_get_messages (trace);
  for (guint i = 0; messages != NULL && i < json_array_get_length (messages); i++)
    {
      JsonObject *message = errata_json_array_get_object (messages, i);
      g_autofree char *content = NULL;
      JsonArray *calls;

      if (message == NULL)
        continue;
      content = errata_messages_content_to_text (json_object_get_member (message, "content"));
      if (out->len > 0)
        g_string_append (out, "\n\n");
      calls = errata_json_member_array (message, "tool_calls");
      append_message_header (out, i, message, names);
      if (*content != '\0' || calls == NULL || json_array_get_length (calls) == 0)
        g_string_append (out, *content != '\0' ? content : "(no text)");
      append_tool_calls (out, calls, names, *content == '\0');
    }
  return g_string_free (out, FALSE);
}

/* ---- examples and metadata ---------------------------------------------- */

static const char *
label_text (ErrataVerdict label)
{
  switch (label)
    {
    case ERRATA_VERDICT_PASS:
      return "PASS";
    case ERRATA_VERDICT_FAIL:
      return "FAIL";
    case ERRATA_VERDICT_UNSET:
    default:
      return "(no label)";
    }
}

char *
errata_judge_prompt_render_examples (GPtrArray *examples)
{
  GString *out = g_string_new (NULL);

  if (examples == NULL || examples->len == 0)
    return g_string_free (g_string_append (out, "(no examples)"), FALSE);

  for (guint i = 0; i < examples->len; i++)
    {
      const ErrataJudgeExample *example = g_ptr_array_index (examples, i);

      if (i > 0)
        g_string_append (out, "\n\n");
      g_string_append_printf (out, "Example %u\nInput: %s\nOutput: %s\nHuman label: %s\n"
                              "Critique: %s", i + 1, example->input, example->output,
                              label_text (example->label),
                              example->critique != NULL && *example->critique != '\0'
                              ? example->critique : "(none)");
    }
  return g_string_free (out, FALSE);
}

/* A member named @key itself, else the dotted path through objects. */
static JsonNode *
metadata_lookup (JsonObject *metadata,
                 const char *key)
{
  g_auto(GStrv) parts = NULL;
  JsonNode *node = NULL;

  if (metadata == NULL)
    return NULL;
  if (json_object_has_member (metadata, key))
    return json_object_get_member (metadata, key);

  parts = g_strsplit (key, ".", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (metadata == NULL || !json_object_has_member (metadata, parts[i]))
        return NULL;
      node = json_object_get_member (metadata, parts[i]);
      metadata = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  return node;
}

static void
append_metadata (GString     *out,
                 ErrataTrace *trace,
                 const char  *key)
{
  JsonNode *node = metadata_lookup (errata_trace_get_metadata (trace), key);
  g_autofree char *text = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  text = errata_json_node_to_text (node);
  g_string_append (out, text);
}

/* ---- rendering -------------------------------------------------------- */

/**
 * errata_judge_prompt_render:
 * @definition: (nullable): what {{definition}} becomes
 * @examples: (nullable) (element-type ErrataJudgeExample): what
 *   {{examples}} shows
 *
 * Returns: (transfer full): the prompt for @trace
 */
char *
errata_judge_prompt_render (ErrataJudgePrompt *self,
                            ErrataTrace       *trace,
                            const char        *definition,
                            GPtrArray         *examples)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (ERRATA_IS_TRACE (trace), NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < self->segments->len; i++)
    {
      const Segment *segment = &g_array_index (self->segments, Segment, i);
      g_autofree char *part = NULL;

      switch (segment->kind)
        {
        case SEGMENT_TEXT:
          g_string_append (out, segment->text);
          break;
        case SEGMENT_INPUT:
          g_string_append (out, errata_trace_get_input (trace));
          break;
        case SEGMENT_OUTPUT:
          g_string_append (out, errata_trace_get_output (trace));
          break;
        case SEGMENT_CONVERSATION:
          part = errata_judge_prompt_render_conversation (trace);
          g_string_append (out, part);
          break;
        case SEGMENT_DEFINITION:
          g_string_append (out, definition != NULL ? definition : "");
          break;
        case SEGMENT_EXAMPLES:
          part = errata_judge_prompt_render_examples (examples);
          g_string_append (out, part);
          break;
        case SEGMENT_METADATA:
          append_metadata (out, trace, segment->text);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return g_string_free (out, FALSE);
}

/**
 * errata_judge_prompt_sized_chars:
 *
 * What the trace's placeholders add to a prompt, in characters, from the
 * trace's stored sizes alone (the rest of the prompt is the prompt of an
 * empty trace): {{output}} exactly; {{input}} as the stored input, at
 * most its first 300 characters (a lower bound); {{conversation}} as the
 * length of the messages' JSON, close to the text it renders to but not
 * equal: the JSON's keys, quotes and escapes weigh more than the headers
 * that replace them, and text outside ASCII counts in bytes; the tool
 * calls' headers weigh more than their JSON (bench/README.md: 1.04x the
 * rendered estimate on the bench's traces and on the tests'); each {{metadata.…}} as the whole metadata's JSON, an upper
 * bound.
 */
gint64
errata_judge_prompt_sized_chars (ErrataJudgePrompt      *self,
                                 const ErrataTraceSizes *sizes)
{
  gint64 chars = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (sizes != NULL, 0);

  for (guint i = 0; i < self->segments->len; i++)
    switch (g_array_index (self->segments, Segment, i).kind)
      {
      case SEGMENT_INPUT:
        chars += sizes->input_chars;
        break;
      case SEGMENT_OUTPUT:
        chars += sizes->output_chars;
        break;
      case SEGMENT_CONVERSATION:
        chars += sizes->messages_bytes;
        break;
      case SEGMENT_METADATA:
        chars += sizes->metadata_bytes;
        break;
      case SEGMENT_TEXT:
      case SEGMENT_DEFINITION:
      case SEGMENT_EXAMPLES:
      default:
        break;
      }
  return chars;
}

/* Binary pass/fail on one failure mode, criteria spelled out, critiques
 * with the examples, and the reasoning asked for before the verdict so
 * that the verdict follows from it (Husain and Shankar, AI Evals). */
static const char default_template[] =
  "You are an expert reviewer of traces from an LLM application. Judge ONE failure mode in "
  "the trace below, and nothing else.\n"
  "\n"
  "## The failure mode\n"
  "{{definition}}\n"
  "\n"
  "## Criteria\n"
  "- FAIL: the trace shows this failure mode, anywhere in the conversation (including tool "
  "calls and tool results).\n"
  "- PASS: the trace does not show this failure mode. Other problems do not count here.\n"
  "\n"
  "## Examples judged by a domain expert\n"
  "{{examples}}\n"
  "\n"
  "## The trace to judge\n"
  "{{conversation}}\n"
  "\n"
  "## Final output\n"
  "{{output}}\n"
  "\n"
  "First write your reasoning in two or three sentences, pointing at the part of the trace "
  "that decides it. Then give the verdict. Answer with a JSON object only: "
  "{\"reasoning\": \"...\", \"verdict\": \"pass\" or \"fail\"}.\n";

const char *
errata_judge_prompt_default_template (void)
{
  return default_template;
}
