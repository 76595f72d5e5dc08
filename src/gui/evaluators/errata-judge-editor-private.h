/* errata-judge-editor-private.h: what the judge editor's files share
 * (errata-judge-editor.c: the form, loading and saving;
 * errata-judge-editor-preview.c: the model line, the rendered prompt and
 * the estimate of a run on dev, on a client that never sends).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "errata-eval-method.h"
#include "errata-evaluators.h"
#include "errata-few-shot-picker.h"
#include "errata-judge-editor.h"
#include "errata-placeholder-completion.h"

G_BEGIN_DECLS

/* Edits come in bursts of keystrokes; rendering the preview and pricing
 * the dev split once per burst is enough. */
#define REFRESH_DELAY_MS 400
enum {
  SEEN_OUTPUT       = 1 << 0,
  SEEN_CONVERSATION = 1 << 1,
  SEEN_EXAMPLES     = 1 << 2,
};

struct _ErrataJudgeEditor
{
  GtkWidget                    parent_instance;

  ErrataWorkspace             *workspace;
  ErrataEvaluator             *evaluator;        /* NULL until loaded */
  ErrataEvaluatorVersion      *version;          /* the latest, as loaded or saved */
  ErrataLlmClient             *client;           /* from Preferences, without a key */
  ErrataPlaceholderCompletion *completion;
  GArray                      *preview_ids;      /* the dropdown's traces: train, then dev */
  GArray                      *dev_ids;
  ErrataTrace                 *preview_trace;    /* the dropdown's trace, loaded */
  GHashTable                  *metadata_keys;    /* seen in previewed traces */
  guint                        refresh_id;
  ErrataEvalMethod            *estimate_method;  /* the judge being priced, or NULL */
  ErrataEvalEstimate           estimate;         /* summed over dev_ids[0, estimate_next) */
  guint                        estimate_next;
  guint                        estimate_id;
  gboolean                     estimate_shown;   /* the label holds an estimate line */
  guint                        placeholders_seen;  /* SEEN_* of the template */
  gboolean                     loading;
  gboolean                     modified;

  GtkSourceView               *source_view;
  GtkButton                   *insert_definition_button;
  GtkLabel                    *version_label;
  GtkLabel                    *error_label;
  GtkLabel                    *warning_label;
  AdwActionRow                *model_row;
  GtkSpinButton               *temperature_spin;
  GtkSpinButton               *max_tokens_spin;
  GtkSpinButton               *concurrency_spin;
  ErrataFewShotPicker         *few_shot_picker;
  GtkDropDown                 *preview_dropdown;
  GtkTextView                 *preview_view;
  GtkLabel                    *estimate_label;
};

static inline ErrataProject *
_errata_judge_editor_get_project (ErrataJudgeEditor *self)
{
  return errata_workspace_get_project (self->workspace);
}

JsonObject *_errata_judge_editor_build_definition  (ErrataJudgeEditor *self);

void        _errata_judge_editor_rebuild_client     (ErrataJudgeEditor *self);
void        _errata_judge_editor_update_model_row   (ErrataJudgeEditor *self);
void        _errata_judge_editor_fill_preview_list  (ErrataJudgeEditor *self,
                                                     GArray            *train);
void        _errata_judge_editor_refresh_now        (ErrataJudgeEditor *self);
void        _errata_judge_editor_stop_estimate      (ErrataJudgeEditor *self);

G_END_DECLS
