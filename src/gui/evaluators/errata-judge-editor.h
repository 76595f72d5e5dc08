/* errata-judge-editor.h: the definition of an LLM judge (its prompt
 * template, model settings and few-shot examples), with a rendered prompt
 * and the cost of a run on dev.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "errata-workspace.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_JUDGE_EDITOR (errata_judge_editor_get_type ())

G_DECLARE_FINAL_TYPE (ErrataJudgeEditor, errata_judge_editor, ERRATA, JUDGE_EDITOR, GtkWidget)

GtkWidget *errata_judge_editor_new          (ErrataWorkspace    *workspace);
/* Reads the evaluator (of kind "judge") and its latest version into the
 * form, dropping unsaved edits. */
void       errata_judge_editor_load         (ErrataJudgeEditor  *self,
                                             gint64              evaluator_id);
gboolean   errata_judge_editor_get_modified (ErrataJudgeEditor  *self);
/* Checks the form and saves it (errata_evaluators_save: a draft is
 * updated, a version that has run or is finalized gets a successor), then
 * activates evaluators.changed(id). On failure the error is also shown
 * under the template and every edit stays. */
gboolean   errata_judge_editor_save         (ErrataJudgeEditor  *self,
                                             GError            **error);

G_END_DECLS
