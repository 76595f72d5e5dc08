/* errata-synth-page-private.h: what the files of ErrataSynthPage share:
 * errata-synth-page.c (coverage, queries, run, heat map) and
 * errata-synth-page-setup.c (the dimensions and target editors, Test).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-synth-page.h"

G_BEGIN_DECLS

struct _ErrataSynthPage
{
  GtkWidget          parent_instance;

  ErrataWorkspace   *workspace;
  GCancellable      *run_cancellable;   /* non-NULL while a run is under way */

  GtkWidget         *scroller;
  GtkGrid           *coverage_grid;
  GtkLabel          *queries_title;
  GtkListBox        *queries_list;
  GtkProgressBar    *progress_bar;
  GtkLabel          *status_label;
  AdwToastOverlay   *toast_overlay;
  GtkLabel          *breakdown_label;
  GtkGrid           *heatmap_grid;
  GtkTextView       *dimensions_view;
  GtkTextView       *target_view;
  GtkLabel          *test_label;
  GtkWidget         *edit_box;
  GtkLabel          *edit_label;
  GtkEntry          *edit_entry;
  gint64             editing_id;     /* the query being edited, 0: none */
  GtkEditable       *secret_name_entry;
  GtkEditable       *secret_value_entry;
  GCancellable      *secret_cancellable;
  GCancellable      *test_cancellable;  /* non-NULL while a Test is under way */
  gint64             last_batch;        /* the newest batch with traces, 0: none */
  GtkSpinButton     *tuples_spin;
  GtkSpinButton     *queries_spin;
};

ErrataProject *_errata_synth_page_get_project        (ErrataSynthPage *self);
/* Fills the editors from the project (at start and after a save). */
void           _errata_synth_page_load_editors      (ErrataSynthPage *self);
/* What an action did or why it could not: in the status line under the
 * queries and, since that line may be scrolled away from the button that
 * was pressed, in a toast too. */
void           _errata_synth_page_say               (ErrataSynthPage *self,
                                                     const char      *text);
void           _errata_synth_page_class_add_setup   (GtkWidgetClass  *widget_class);
void           _errata_synth_page_class_add_making  (GtkWidgetClass  *widget_class);
void           _errata_synth_page_class_add_editing (GtkWidgetClass  *widget_class);
void           _errata_synth_page_init_editing      (ErrataSynthPage *self);
/* Selects the row at `index` (or the last) of the queries list. */
void           _errata_synth_page_select_query_at   (ErrataSynthPage *self,
                                                     int              index);
/* Long work (a run, LLM generation) shows progress and enables Cancel;
 * `cancellable` is the work's, NULL when it ends. */
void           _errata_synth_page_set_busy          (ErrataSynthPage *self,
                                                     GCancellable    *cancellable);

G_END_DECLS
