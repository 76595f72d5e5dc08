/* errata-few-shot-picker.h: the few-shot examples of an LLM judge, picked
 * from the target's train split only.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "errata-project.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_FEW_SHOT_PICKER (errata_few_shot_picker_get_type ())

G_DECLARE_FINAL_TYPE (ErrataFewShotPicker, errata_few_shot_picker, ERRATA, FEW_SHOT_PICKER, GtkWidget)

GtkWidget *errata_few_shot_picker_new        (void);
/* Lists the target's train traces (their label, the human's note) and
 * ticks those of @picked (trace ids) that are among them. */
gboolean   errata_few_shot_picker_load       (ErrataFewShotPicker  *self,
                                              ErrataProject        *project,
                                              gint64                target,
                                              GArray               *picked,
                                              GError              **error);
/* Ticks exactly the listed traces among @picked; any other id (a dev or
 * test trace) is not picked: returns how many of @picked were left out. */
guint      errata_few_shot_picker_set_picked (ErrataFewShotPicker  *self,
                                              GArray               *picked);
/* The picked trace ids, in list order. */
GArray    *errata_few_shot_picker_dup_picked (ErrataFewShotPicker  *self);
guint      errata_few_shot_picker_get_n_train (ErrataFewShotPicker *self);
void       errata_few_shot_picker_get_counts (ErrataFewShotPicker  *self,
                                              guint                *n_pass,
                                              guint                *n_fail);

G_END_DECLS
