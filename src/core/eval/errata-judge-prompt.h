/* errata-judge-prompt.h: an LLM judge's prompt template and its rendering
 * for one trace.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "errata-project.h"
#include "errata-trace.h"
#include "errata-types.h"

G_BEGIN_DECLS

/* A few-shot example: a trace from the train split with the human's label
 * and note, which the prompt shows as the critique. */
typedef struct
{
  gint64         trace_id;
  char          *input;
  char          *output;
  char          *critique;  /* nullable: the human's note */
  ErrataVerdict  label;
} ErrataJudgeExample;

ErrataJudgeExample *errata_judge_example_new  (gint64               trace_id,
                                               const char          *input,
                                               const char          *output,
                                               ErrataVerdict        label,
                                               const char          *critique);
void                errata_judge_example_free (ErrataJudgeExample  *example);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataJudgeExample, errata_judge_example_free)

/* A template is plain text with placeholders in double braces (spaces
 * inside the braces are allowed: {{ input }}):
 *
 *   {{input}}         the trace's first user text
 *   {{output}}        the trace's final assistant text
 *   {{conversation}}  every message with its role, in order, as a readable
 *                     transcript: tool calls with their id, name and
 *                     arguments, tool results with the call they answer
 *   {{definition}}    the target's definition (a failure mode's, or what a
 *                     good trace is for the overall target), from the caller
 *   {{examples}}      the few-shot examples: input, output, the human's
 *                     label and note (the critique)
 *   {{metadata.KEY}}  a metadata value of the trace. KEY may hold dots: a
 *                     member named KEY itself wins (OpenTelemetry keys such
 *                     as "gen_ai.system" are flat), else the dots walk into
 *                     nested objects ("customer.plan"). Strings render as they
 *                     are, numbers and booleans as JSON, objects and arrays as
 *                     compact JSON; a missing key or null renders EMPTY, so a
 *                     template can serve traces from several sources.
 *
 * Anything else in braces is refused when the template is parsed
 * (ERRATA_EVAL_ERROR_INVALID, naming the placeholder and its line and
 * column), as is a "{{" that is never closed: a typo must not reach the
 * model as literal text. The rendered text is English for the model and
 * is not translated. */
typedef struct _ErrataJudgePrompt ErrataJudgePrompt;

ErrataJudgePrompt *errata_judge_prompt_new                  (const char         *template_text,
                                                             GError            **error);
void               errata_judge_prompt_free                 (ErrataJudgePrompt  *self);
const char        *errata_judge_prompt_get_template         (ErrataJudgePrompt  *self);
gboolean           errata_judge_prompt_uses_examples        (ErrataJudgePrompt  *self);

char              *errata_judge_prompt_render               (ErrataJudgePrompt  *self,
                                                             ErrataTrace        *trace,
                                                             const char         *definition,
                                                             GPtrArray          *examples);

/* The parts, for whoever shows them elsewhere (a preview, the report). */
char              *errata_judge_prompt_render_conversation  (ErrataTrace        *trace);
gint64             errata_judge_prompt_sized_chars          (ErrataJudgePrompt      *self,
                                                             const ErrataTraceSizes *sizes);
char              *errata_judge_prompt_render_examples      (GPtrArray          *examples);

/* A short judge prompt after the ai-evals course's practice: one failure
 * mode, its definition, explicit pass and fail criteria, labelled examples
 * with critiques, then the trace; reasoning first, verdict last. */
const char        *errata_judge_prompt_default_template     (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataJudgePrompt, errata_judge_prompt_free)

G_END_DECLS
