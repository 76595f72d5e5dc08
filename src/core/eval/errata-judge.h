/* errata-judge.h: an LLM judge, one way of evaluating a trace.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "errata-eval-method.h"
#include "errata-judge-prompt.h"
#include "errata-llm-client.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_JUDGE (errata_judge_get_type ())

G_DECLARE_FINAL_TYPE (ErrataJudge, errata_judge, ERRATA, JUDGE, GObject)

#define ERRATA_JUDGE_DEFAULT_MAX_TOKENS  512
#define ERRATA_JUDGE_DEFAULT_CONCURRENCY 8

/* The definition of a judge (an evaluator version's JSON), every member
 * optional:
 *
 *   {
 *     "prompt": "…template…",  the template (errata-judge-prompt.h); the
 *                              default template when absent; not blank
 *     "model": "gpt-4o-mini",  the model to ask; the client's provider
 *                              model when absent or "". The provider (wire
 *                              protocol, URL, key, pacing) is the client's.
 *     "temperature": 0,        0 to 2; default 0 (a judge should be stable)
 *     "max_tokens": 512,       > 0; default 512
 *     "concurrency": 8         judgements in flight at once, >= 1; default 8
 *                              (the client's own concurrency limit holds too)
 *   }
 *
 * Members of another type or out of range are refused with
 * ERRATA_EVAL_ERROR_INVALID naming the member; other members are left to
 * whoever stores the definition (an evaluator's kind, its notes).
 *
 * The judge asks for {"reasoning": string, "verdict": "pass" | "fail"} with
 * a JSON schema (structured output). A provider that ignores the schema is
 * read with the tolerant JSON extractor; the verdict may be written in any
 * case, with spaces or a full stop around it ("PASS", " Fail."). Whatever
 * else comes back is an ERRATA_JUDGE_ERROR outcome that keeps the raw reply
 * and says what was wrong; so is a reply the client could not get (rate
 * limits or server errors after every retry, a timeout, the token limit
 * reached: finish_reason "length" or "max_tokens", even when the JSON looks
 * whole). Cancelling fails the evaluation with G_IO_ERROR_CANCELLED; a key
 * the provider refuses or an account out of quota fails it with that
 * ERRATA_LLM_ERROR (AUTH, QUOTA), since the client then refuses every
 * request and no trace can be judged.
 *
 * An outcome carries the reply's tokens and latency; its cost is what was
 * paid for this evaluation (0 for a reply from the cache).
 *
 * ERRATA_EVAL_FLAGS_BYPASS_CACHE sends the request to the provider even
 * when the client's cache knows it, and keeps the new reply out of the
 * cache (the cached one keeps reproducing the first run).
 *
 * estimate(): tokens in ≈ characters of the rendered prompt / 4 (rounded
 * up; about right for English text with the usual BPE tokenisers, and the
 * schema adds a few dozen tokens this does not count), tokens out ≈
 * max_tokens / 2 (a judge writes a few sentences and a verdict, well below
 * the limit it is given, but a cost estimate had better not fall short),
 * cost from the client's price table for the model (0 when unknown). */
ErrataJudge *errata_judge_new            (ErrataLlmClient  *client,
                                          JsonObject       *definition,
                                          const char       *target_definition,
                                          GPtrArray        *examples,
                                          GError          **error);

const char  *errata_judge_get_model      (ErrataJudge      *self);
void         errata_judge_set_cache      (ErrataJudge      *self,
                                          ErrataLlmCache   *cache);
ErrataLlmClient *errata_judge_get_client (ErrataJudge      *self);
ErrataLlmRequest  *errata_judge_build_request (ErrataJudge          *self,
                                               ErrataTrace          *trace,
                                               ErrataEvalFlags       flags);
ErrataEvalOutcome *errata_judge_read_reply    (ErrataJudge          *self,
                                               const ErrataLlmReply *reply);
char        *errata_judge_render         (ErrataJudge      *self,
                                          ErrataTrace      *trace);

/* The verdict a judge wrote, tolerantly read: FALSE for anything but
 * pass or fail. */
gboolean     errata_judge_parse_verdict  (const char         *text,
                                          ErrataJudgeVerdict *verdict);

G_END_DECLS
