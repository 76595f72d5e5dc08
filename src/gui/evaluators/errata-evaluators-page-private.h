/* errata-evaluators-page-private.h: what the Evaluators page's files
 * share (errata-evaluators-page.c: the list and the selection;
 * errata-evaluators-page-list.c: what each row says).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-evaluators-page.h"
#include "errata-evaluators.h"

G_BEGIN_DECLS

struct _ErrataEvaluatorsPage
{
  GtkWidget        parent_instance;

  ErrataWorkspace *workspace;
  gint64           evaluator_id;   /* shown on the right; 0 for none */

  AdwToastOverlay *toast_overlay;
  GtkStack        *main_stack;
  GtkListBox      *evaluator_list;
  GtkLabel        *title_label;
  GtkLabel        *state_label;
  GtkStack        *detail_stack;
};

ErrataProject *_errata_evaluators_page_get_project  (ErrataEvaluatorsPage *self);
void           _errata_evaluators_page_show_error   (ErrataEvaluatorsPage *self,
                                                     const GError         *error);
char          *_errata_evaluators_page_describe_state (ErrataProject       *project,
                                                     const ErrataEvaluator *evaluator);
GtkWidget     *_errata_evaluators_page_new_row      (ErrataProject         *project,
                                                     const ErrataEvaluator *evaluator);

G_END_DECLS
