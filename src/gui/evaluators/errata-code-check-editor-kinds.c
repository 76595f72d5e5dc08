/* errata-code-check-editor-kinds.c: what the editor knows of each kind of
 * check: its title, what it does, and the rows of its parameters, by the
 * names the core reads (errata-code-check.h, errata-command-check.h).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-code-check-editor-private.h"

static const char * const match_values[] = { "pass", "fail", NULL };
static const char * const match_labels[] = {
  N_("Passes the trace"), N_("Fails the trace"), NULL,
};
static const char * const all_field_values[] = {
  "output", "input", "conversation", "tool_arguments", NULL,
};
static const char * const all_field_labels[] = {
  N_("Final output"), N_("First user input"), N_("Every message"), N_("Tool call arguments"),
  NULL,
};
static const char * const json_field_values[] = { "output", "input", "tool_arguments", NULL };
static const char * const json_field_labels[] = {
  N_("Final output"), N_("First user input"), N_("Tool call arguments"), NULL,
};
static const char * const length_field_values[] = { "output", "input", "conversation", NULL };
static const char * const length_field_labels[] = {
  N_("Final output"), N_("First user input"), N_("The whole conversation"), NULL,
};
static const char * const mode_values[] = { "any", "all", "none", NULL };
static const char * const mode_labels[] = {
  N_("Any word occurs"), N_("All the words occur"), N_("No word occurs"), NULL,
};
static const char * const unit_values[] = { "chars", "words", NULL };
static const char * const unit_labels[] = { N_("Characters"), N_("Words"), NULL };

#define FIELD_ROW(field_values, field_labels) \
  { "field", FIELD_CHOICE, N_("Looks at"), NULL, field_values, field_labels, FALSE, FALSE }
#define TOOL_FILTER_ROW \
  { "tool", FIELD_TEXT, N_("Only the calls to the tool (empty: every tool)"), NULL, NULL, NULL, \
    FALSE, TRUE }

static const FieldSpec regex_fields[] = {
  { "pattern", FIELD_TEXT, N_("Pattern (a regular expression)"), NULL, NULL, NULL, FALSE, FALSE },
  { "match", FIELD_CHOICE, N_("A match"), NULL, match_values, match_labels, FALSE, FALSE },
  FIELD_ROW (all_field_values, all_field_labels),
  TOOL_FILTER_ROW,
  { "ignore_case", FIELD_BOOL, N_("Ignore case"), N_("“Refund” matches “refund”"), NULL, NULL,
    FALSE, FALSE },
  { NULL },
};

static const FieldSpec contains_fields[] = {
  { "words", FIELD_LIST, N_("Words"), N_("Words or phrases to look for, one a row"), NULL, NULL,
    FALSE, FALSE },
  { "mode", FIELD_CHOICE, N_("Passes when"), NULL, mode_values, mode_labels, FALSE, FALSE },
  FIELD_ROW (all_field_values, all_field_labels),
  TOOL_FILTER_ROW,
  { "ignore_case", FIELD_BOOL, N_("Ignore case"), N_("“Sorry” counts as “sorry”"), NULL, NULL,
    TRUE, FALSE },
  { "ignore_accents", FIELD_BOOL, N_("Ignore accents"), N_("“café” counts as “cafe”"), NULL,
    NULL, FALSE, FALSE },
  { "whole_words", FIELD_BOOL, N_("Whole words only"), N_("“cat” does not count in “category”"),
    NULL, NULL, FALSE, FALSE },
  { NULL },
};

static const FieldSpec json_fields[] = {
  FIELD_ROW (json_field_values, json_field_labels),
  TOOL_FILTER_ROW,
  { "fenced", FIELD_BOOL, N_("Accept a Markdown code fence"),
    N_("Also pass JSON wrapped in one ```json fence"), NULL, NULL, FALSE, FALSE },
  { "keys", FIELD_LIST, N_("Required keys"),
    N_("Top-level keys the JSON object must have; none: any JSON value passes"), NULL, NULL,
    FALSE, FALSE },
  { NULL },
};

static const FieldSpec length_fields[] = {
  { "unit", FIELD_CHOICE, N_("Count"), NULL, unit_values, unit_labels, FALSE, FALSE },
  { "min", FIELD_COUNT, N_("At least (empty: no lower bound)"), NULL, NULL, NULL, FALSE, FALSE },
  { "max", FIELD_COUNT, N_("At most (empty: no upper bound)"), NULL, NULL, NULL, FALSE, FALSE },
  FIELD_ROW (length_field_values, length_field_labels),
  { NULL },
};

static const FieldSpec tool_call_fields[] = {
  { "tool", FIELD_TEXT, N_("Tool name"), NULL, NULL, NULL, FALSE, FALSE },
  { "called", FIELD_BOOL, N_("Must be called"),
    N_("Off: the trace passes when no such call was made"), NULL, NULL, TRUE, FALSE },
  { "arguments", FIELD_TEXT, N_("Arguments match (a regular expression; empty: any call)"), NULL,
    NULL, NULL, FALSE, FALSE },
  { "ignore_case", FIELD_BOOL, N_("Ignore case in the arguments"), NULL, NULL, NULL, FALSE,
    FALSE },
  { NULL },
};

static const FieldSpec tool_count_fields[] = {
  { "tool", FIELD_TEXT, N_("Count only the calls to the tool (empty: every call)"), NULL, NULL,
    NULL, FALSE, FALSE },
  { "min", FIELD_COUNT, N_("At least (empty: no lower bound)"), NULL, NULL, NULL, FALSE, FALSE },
  { "max", FIELD_COUNT, N_("At most (empty: no upper bound)"), NULL, NULL, NULL, FALSE, FALSE },
  { NULL },
};

static const FieldSpec command_fields[] = {
  { "command", FIELD_COMMAND, N_("Command line (no shell runs it)"), NULL, NULL, NULL, FALSE,
    FALSE },
  { "timeout", FIELD_SECONDS, N_("Timeout in seconds per trace (empty: 30)"), NULL, NULL, NULL,
    FALSE, FALSE },
  { NULL },
};

static const KindSpec kind_specs[] = {
  { "judge", N_("LLM Judge"),
    N_("An LLM reads each trace with the target’s definition and gives a verdict"), NULL },
  { "regex", N_("Regular Expression"),
    N_("A pattern found in the output, the input, the messages or tool arguments"),
    regex_fields },
  { "contains", N_("Contains Words"),
    N_("Any, all or none of a list of words occur in the text"), contains_fields },
  { "json", N_("Valid JSON"), N_("The text is valid JSON, with the keys you name"), json_fields },
  { "length", N_("Length"), N_("The text’s length in characters or words is within bounds"),
    length_fields },
  { "tool_call", N_("Tool Call"),
    N_("A tool was called, or was not, optionally with matching arguments"), tool_call_fields },
  { "tool_count", N_("Number of Tool Calls"), N_("The number of tool calls is within bounds"),
    tool_count_fields },
  { "command", N_("Command"),
    N_("A program of yours reads each trace; its exit status is the verdict"), command_fields },
};

const KindSpec *
_errata_code_check_editor_find_kind (const char *kind)
{
  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (kind_specs); i++)
    if (g_str_equal (kind_specs[i].kind, kind))
      return &kind_specs[i];
  return NULL;
}

const char *
errata_code_check_editor_describe_kind (const char *kind)
{
  const KindSpec *spec = _errata_code_check_editor_find_kind (kind);

  return spec != NULL ? _(spec->description) : NULL;
}

const char *
errata_code_check_editor_kind_title (const char *kind)
{
  const KindSpec *spec = _errata_code_check_editor_find_kind (kind);

  return spec != NULL ? _(spec->title) : kind;
}
