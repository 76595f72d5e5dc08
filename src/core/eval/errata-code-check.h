/* errata-code-check.h: pass/fail checks that need no LLM.
 *
 * A code check is written by hand as a small JSON object, the evaluator's
 * definition: a "kind" and that kind's parameters. Unknown parameters are
 * refused (a misspelt "patern" would otherwise be silently ignored).
 *
 * Where a kind looks at text, "field" says which:
 *   "output"          the final assistant text (the default)
 *   "input"           the first user text
 *   "conversation"    every message, one at a time: its content, then each
 *                     of its tool calls as "name arguments" on a line of
 *                     its own; a regex or word found in any message counts
 *   "tool_arguments"  the arguments (JSON text) of each tool call, or only
 *                     of the calls to the tool named by "tool"
 *
 * Kinds and their parameters (defaults in brackets):
 *
 *   regex       {"kind": "regex", "field": "output", "pattern": "refund",
 *                "match": "fail"}
 *     pattern      a Perl-compatible regular expression (required); inline
 *                  flags such as (?m) or (?s) work
 *     match        "pass" | "fail": what a match means ["pass"]
 *     field        see above ["output"]; "tool" with "tool_arguments"
 *     ignore_case  true | false [false]
 *     A pattern that backtracks without end stops at PCRE2's backtracking
 *     limit and gives an error verdict, never a hang.
 *
 *   contains    {"kind": "contains", "words": ["sorry", "unfortunately"],
 *                "mode": "none"}
 *     words           a list of words or phrases (required)
 *     mode            "any" | "all" | "none": passes when any / all / none
 *                     of the words occur ["any"]
 *     field           see above ["output"]; "tool" with "tool_arguments"
 *     ignore_case     true | false [true]
 *     ignore_accents  true | false: "café" matches "cafe" [false]
 *     whole_words     true | false: "cat" does not match "category" [false]
 *
 *   json        {"kind": "json", "keys": ["answer", "sources"]}
 *     keys    top-level keys the value must have; the value must then be
 *             an object [none: any JSON value passes]
 *     fenced  true | false: also accept the value wrapped in one Markdown
 *             fence (```json … ``` or ``` … ```) with nothing else around
 *             it. Off by default: a program that parses the output would
 *             choke on the fence. [false]
 *     field   "output" | "input" | "tool_arguments" (+ "tool") ["output"];
 *             with tool_arguments every call must hold valid JSON, and a
 *             trace without such calls passes (tool_call checks presence)
 *
 *   length      {"kind": "length", "unit": "chars", "max": 320}
 *     min, max  bounds, inclusive, whole numbers (at least one of them)
 *     unit      "chars" (Unicode characters) | "words" (runs of
 *               non-space characters) ["chars"]
 *     field     "output" | "input" | "conversation" (all the messages'
 *               text together) ["output"]
 *
 *   tool_call   {"kind": "tool_call", "tool": "book_table", "called": true,
 *                "arguments": "\"party_size\": *[1-8]\\b"}
 *     tool         the tool's name (required)
 *     called       true | false: passes when such a call was made / was
 *                  not made [true]
 *     arguments    a regular expression: only calls whose arguments match
 *                  count [any call counts]
 *     ignore_case  true | false, for "arguments" [false]
 *
 *   tool_count  {"kind": "tool_count", "max": 5}
 *     min, max  bounds on the number of tool calls, inclusive (at least
 *               one of them)
 *     tool      count only the calls to this tool [every call]
 *
 * Each outcome's reasoning says why in a few words ("output matched
 * /refund/ at char 12: “refund”", "tool ‘book_table’ not called"), so that a
 * reviewer can see what the check saw.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "errata-eval-method.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_CODE_CHECK (errata_code_check_get_type ())

G_DECLARE_FINAL_TYPE (ErrataCodeCheck, errata_code_check, ERRATA, CODE_CHECK, GObject)

/* Code checks are cheap and run on the main thread: this many at once. */
#define ERRATA_CODE_CHECK_CONCURRENCY 64

/* Fails with ERRATA_EVAL_ERROR_INVALID and a message that names the bad
 * parameter. `params` may be NULL (no parameters) and may hold "kind" too,
 * as long as it agrees with `kind`. */
ErrataCodeCheck    *errata_code_check_new         (const char       *kind,
                                                   JsonObject       *params,
                                                   GError          **error);

/* The kinds, NULL-terminated, in the order above. */
const char * const *errata_code_check_list_kinds  (void);
gboolean            errata_code_check_is_kind     (const char       *kind);

const char         *errata_code_check_get_kind    (ErrataCodeCheck  *self);

/* The same judgement errata_eval_method_evaluate_async() gives, at once. */
ErrataEvalOutcome  *errata_code_check_evaluate    (ErrataCodeCheck  *self,
                                                   ErrataTrace      *trace);

G_END_DECLS
