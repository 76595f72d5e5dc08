/* errata-trace.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-trace-private.h"
#include "errata-json-guard.h"

struct _ErrataTrace
{
  GObject        parent_instance;

  gint64         id;
  char          *external_id;
  char          *source;
  gint64         imported_at;
  gint64         import_id;      /* 0: not known (a trace being built) */

  JsonArray     *messages;
  JsonArray     *tools;
  JsonObject    *metadata;

  /* The stored JSON of the tools and of the metadata, parsed when first
   * asked for: a judge run reads tens of thousands of traces and most
   * methods never look at either (they were half of the nodes it built
   * and freed). The lock makes the first parse safe on a trace shared
   * between threads. */
  GMutex         lazy_lock;
  gint           lazy_done;      /* atomic: nothing left to parse */
  char          *tools_text;
  char          *metadata_text;

  char          *input;
  char          *output;
  guint          n_messages;
  guint          n_tool_calls;
  guint          output_chars;

  gint64         latency_ms;
  gint64         tokens_in;
  gint64         tokens_out;
  double         cost;

  /* The project reviewer's own review (errata_project_set_reviewer()). */
  ErrataVerdict  verdict;
  char          *note;

  /* Everyone else's, which blind review hides until mine is saved. */
  guint          others_reviewed;
  guint          others_failed;
  ErrataVerdict  imported_verdict;
  char          *others_note;
};

G_DEFINE_FINAL_TYPE (ErrataTrace, errata_trace, G_TYPE_OBJECT)

static void
errata_trace_finalize (GObject *object)
{
  ErrataTrace *self = (ErrataTrace *)object;

  g_clear_pointer (&self->external_id, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->messages, json_array_unref);
  g_clear_pointer (&self->tools, json_array_unref);
  g_clear_pointer (&self->metadata, json_object_unref);
  g_clear_pointer (&self->tools_text, g_free);
  g_clear_pointer (&self->metadata_text, g_free);
  g_mutex_clear (&self->lazy_lock);
  g_clear_pointer (&self->input, g_free);
  g_clear_pointer (&self->output, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->others_note, g_free);

  G_OBJECT_CLASS (errata_trace_parent_class)->finalize (object);
}

static void
errata_trace_class_init (ErrataTraceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = errata_trace_finalize;
}

static void
errata_trace_init (ErrataTrace *self)
{
  self->metadata = json_object_new ();
  g_mutex_init (&self->lazy_lock);
  self->lazy_done = TRUE;
  self->input = g_strdup ("");
  self->output = g_strdup ("");
  self->external_id = g_strdup ("");
  self->source = g_strdup ("");
  self->latency_ms = -1;
  self->tokens_in = -1;
  self->tokens_out = -1;
  self->cost = -1.0;
}

ErrataTrace *
errata_trace_new (void)
{
  return g_object_new (ERRATA_TYPE_TRACE, NULL);
}

gint64
errata_trace_get_id (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), 0);
  return self->id;
}

void
_errata_trace_set_id (ErrataTrace *self,
                      gint64       id)
{
  self->id = id;
}

const char *
errata_trace_get_external_id (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), NULL);
  return self->external_id;
}

void
errata_trace_set_external_id (ErrataTrace *self,
                              const char  *external_id)
{
  g_return_if_fail (ERRATA_IS_TRACE (self));
  g_free (self->external_id);
  self->external_id = g_strdup (external_id ? external_id : "");
}

const char *
errata_trace_get_source (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), NULL);
  return self->source;
}

void
errata_trace_set_source (ErrataTrace *self,
                         const char  *source)
{
  g_return_if_fail (ERRATA_IS_TRACE (self));
  g_free (self->source);
  self->source = g_strdup (source ? source : "");
}

gint64
errata_trace_get_imported_at (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), 0);
  return self->imported_at;
}

/* The import (errata-project-imports.h) that added the trace, or 0. */
gint64
errata_trace_get_import_id (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), 0);
  return self->import_id;
}

/* Set before errata_project_add_trace(): the trace, if new, is stored as
 * added by that import. */
void
errata_trace_set_import_id (ErrataTrace *self,
                            gint64       import_id)
{
  g_return_if_fail (ERRATA_IS_TRACE (self));
  g_return_if_fail (import_id >= 0);
  self->import_id = import_id;
}

void
_errata_trace_set_imported_at (ErrataTrace *self,
                               gint64       imported_at)
{
  self->imported_at = imported_at;
}

JsonArray *
errata_trace_get_messages (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), NULL);
  return self->messages;
}

static const char *
message_role (JsonObject *message)
{
  return errata_json_member_string (message, "role", "");
}

static const char *
message_content (JsonObject *message)
{
  return errata_json_member_string (message, "content", "");
}

static guint
message_n_tool_calls (JsonObject *message)
{
  JsonArray *calls = errata_json_member_array (message, "tool_calls");

  return calls ? json_array_get_length (calls) : 0;
}

/* input is the first user text, output the last assistant text: what a
 * reviewer reads first when skimming a list. */
static void
derive_from_messages (ErrataTrace *self)
{
  const char *input = NULL;
  const char *output = NULL;
  guint n = self->messages ? json_array_get_length (self->messages) : 0;

  self->n_tool_calls = 0;
  for (guint i = 0; i < n; i++)
    {
      JsonObject *message = errata_json_array_get_object (self->messages, i);
      const char *role;

      if (message == NULL)
        continue;
      role = message_role (message);
      if (input == NULL && g_str_equal (role, "user"))
        input = message_content (message);
      if (g_str_equal (role, "assistant") && *message_content (message) != '\0')
        output = message_content (message);
      self->n_tool_calls += message_n_tool_calls (message);
    }

  _errata_trace_set_summary (self, input, output, n, self->n_tool_calls,
                             output ? g_utf8_strlen (output, -1) : 0);
}

void
errata_trace_set_messages (ErrataTrace *self,
                           JsonArray   *messages)
{
  g_return_if_fail (ERRATA_IS_TRACE (self));

  if (messages)
    json_array_ref (messages);
  g_clear_pointer (&self->messages, json_array_unref);
  self->messages = messages;
  derive_from_messages (self);
}

/* What _errata_project_load_trace_details did at once before: an array
 * becomes the tools, an object's members are added to the metadata, and
 * anything else (damaged JSON from a foreign file) is left out. */
static void
parse_lazy_json (ErrataTrace *self)
{
  g_autofree char *tools_text = NULL;
  g_autofree char *metadata_text = NULL;
  g_autoptr(JsonNode) tools = NULL;
  g_autoptr(JsonNode) metadata = NULL;

  /* Set only once both are in place: a second thread must not see the
   * texts gone before the trees are there. */
  if (g_atomic_int_get (&self->lazy_done))
    return;

  g_mutex_lock (&self->lazy_lock);
  tools_text = g_steal_pointer (&self->tools_text);
  metadata_text = g_steal_pointer (&self->metadata_text);
  if (tools_text != NULL && (tools = errata_json_from_string (tools_text, NULL)) != NULL &&
      JSON_NODE_HOLDS_ARRAY (tools))
    {
      g_clear_pointer (&self->tools, json_array_unref);
      self->tools = json_array_ref (json_node_get_array (tools));
    }
  if (metadata_text != NULL && (metadata = errata_json_from_string (metadata_text, NULL)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (metadata))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (metadata));
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (self->metadata, name, json_node_copy (value));
    }
  g_atomic_int_set (&self->lazy_done, TRUE);
  g_mutex_unlock (&self->lazy_lock);
}

void
_errata_trace_set_stored_json (ErrataTrace *self,
                               const char  *tools_text,
                               const char  *metadata_text)
{
  g_return_if_fail (ERRATA_IS_TRACE (self));

  parse_lazy_json (self);
  if (tools_text == NULL && metadata_text == NULL)
    return;
  self->tools_text = g_strdup (tools_text);
  self->metadata_text = g_strdup (metadata_text);
  g_atomic_int_set (&self->lazy_done, FALSE);
}

JsonArray *
errata_trace_get_tools (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), NULL);
  parse_lazy_json (self);
  return self->tools;
}

void
errata_trace_set_tools (ErrataTrace *self,
                        JsonArray   *tools)
{
  g_return_if_fail (ERRATA_IS_TRACE (self));

  parse_lazy_json (self);
  if (tools)
    json_array_ref (tools);
  g_clear_pointer (&self->tools, json_array_unref);
  self->tools = tools;
}

JsonObject *
errata_trace_get_metadata (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), NULL);
  parse_lazy_json (self);
  return self->metadata;
}

void
_errata_trace_drop_json (ErrataTrace *self)
{
  g_return_if_fail (ERRATA_IS_TRACE (self));

  parse_lazy_json (self);
  g_clear_pointer (&self->messages, json_array_unref);
  g_clear_pointer (&self->tools, json_array_unref);
}

void
_errata_trace_drop_trees (ErrataTrace *self)
{
  _errata_trace_drop_json (self);
  g_clear_pointer (&self->metadata, json_object_unref);
}

void
_errata_trace_set_summary (ErrataTrace *self,
                           const char  *input,
                           const char  *output,
                           guint        n_messages,
                           guint        n_tool_calls,
                           guint        output_chars)
{
  /* input/output may point into self->messages; copy before freeing. */
  char *new_input = g_strdup (input ? input : "");
  char *new_output = g_strdup (output ? output : "");

  g_free (self->input);
  g_free (self->output);
  self->input = new_input;
  self->output = new_output;
  self->n_messages = n_messages;
  self->n_tool_calls = n_tool_calls;
  self->output_chars = output_chars;
}

const char *
errata_trace_get_input (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), NULL);
  return self->input;
}

const char *
errata_trace_get_output (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), NULL);
  return self->output;
}

guint
errata_trace_get_n_messages (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), 0);
  return self->n_messages;
}

guint
errata_trace_get_n_tool_calls (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), 0);
  return self->n_tool_calls;
}

guint
errata_trace_get_output_chars (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), 0);
  return self->output_chars;
}

gint64
errata_trace_get_latency_ms (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), -1);
  return self->latency_ms;
}

void
errata_trace_set_latency_ms (ErrataTrace *self,
                             gint64       latency_ms)
{
  g_return_if_fail (ERRATA_IS_TRACE (self));
  self->latency_ms = latency_ms;
}

gint64
errata_trace_get_tokens_in (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), -1);
  return self->tokens_in;
}

void
errata_trace_set_tokens_in (ErrataTrace *self,
                            gint64       tokens)
{
  g_return_if_fail (ERRATA_IS_TRACE (self));
  self->tokens_in = tokens;
}

gint64
errata_trace_get_tokens_out (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), -1);
  return self->tokens_out;
}

void
errata_trace_set_tokens_out (ErrataTrace *self,
                             gint64       tokens)
{
  g_return_if_fail (ERRATA_IS_TRACE (self));
  self->tokens_out = tokens;
}

double
errata_trace_get_cost (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), -1.0);
  return self->cost;
}

void
errata_trace_set_cost (ErrataTrace *self,
                       double       cost)
{
  g_return_if_fail (ERRATA_IS_TRACE (self));
  self->cost = cost;
}

/* The verdict of the project's reviewer (of any review made here when no
 * reviewer is set); imported labels are not reviews and never show here. */
ErrataVerdict
errata_trace_get_verdict (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), ERRATA_VERDICT_UNSET);
  return self->verdict;
}

const char *
errata_trace_get_note (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), NULL);
  return self->note ? self->note : "";
}

/* How many other reviewers gave a verdict (reviews made here or merged). */
guint
errata_trace_get_others_reviewed (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), 0);
  return self->others_reviewed;
}

/* How many of them failed the trace. */
guint
errata_trace_get_others_failed (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), 0);
  return self->others_failed;
}

/* The latest verdict imported with a file: a label, not a review. */
ErrataVerdict
errata_trace_get_imported_verdict (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), ERRATA_VERDICT_UNSET);
  return self->imported_verdict;
}

/* The latest note written by anyone else, imported ones too. */
const char *
errata_trace_get_others_note (ErrataTrace *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACE (self), NULL);
  return self->others_note ? self->others_note : "";
}

void
_errata_trace_set_others (ErrataTrace   *self,
                          guint          others_reviewed,
                          guint          others_failed,
                          ErrataVerdict  imported_verdict,
                          const char    *others_note)
{
  self->others_reviewed = others_reviewed;
  self->others_failed = others_failed;
  self->imported_verdict = imported_verdict;
  g_free (self->others_note);
  self->others_note = g_strdup (others_note);
}

void
_errata_trace_set_review (ErrataTrace   *self,
                          ErrataVerdict  verdict,
                          const char    *note)
{
  self->verdict = verdict;
  g_free (self->note);
  self->note = g_strdup (note);
}

static void
append_tool_call_text (GString    *body,
                       JsonObject *message)
{
  JsonArray *calls = errata_json_member_array (message, "tool_calls");

  for (guint i = 0; calls && i < json_array_get_length (calls); i++)
    {
      JsonObject *call = errata_json_array_get_object (calls, i);

      if (call == NULL)
        continue;
      g_string_append_printf (body, "%s %s\n",
                              errata_json_member_string (call, "name", ""),
                              errata_json_member_string (call, "arguments", ""));
    }
}

/* The text full-text search sees besides input and output. System prompts
 * are left out on purpose: they are long and usually the same in every
 * trace, so indexing them would make every trace match their words. */
char *
errata_trace_dup_search_body (ErrataTrace *self)
{
  GString *body = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (ERRATA_IS_TRACE (self), NULL);

  n = self->messages ? json_array_get_length (self->messages) : 0;
  for (guint i = 0; i < n; i++)
    {
      JsonObject *message = errata_json_array_get_object (self->messages, i);

      if (message == NULL || g_str_equal (message_role (message), "system"))
        continue;
      g_string_append (body, message_content (message));
      g_string_append_c (body, '\n');
      if (json_object_has_member (message, "tool_calls"))
        append_tool_call_text (body, message);
    }

  return g_string_free (body, FALSE);
}
