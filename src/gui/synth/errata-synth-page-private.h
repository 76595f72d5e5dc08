/* errata-synth-page-private.h: what the files of ErrataSynthPage share:
 * errata-synth-page.c (coverage, queries, run, heat map) and
 * errata-synth-page-setup.c (the dimensions and target editors, Test),
 * errata-synth-page-tuples.c (the tuples table and coverage).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-run-progress.h"
#include "errata-synth-page.h"
#include "errata-synth-target-fields.h"
#include "errata-synth-tuple-edit.h"

G_BEGIN_DECLS

struct _ErrataSynthPage
{
  GtkWidget          parent_instance;

  ErrataWorkspace   *workspace;

  GtkWidget         *scroller;
  GtkGrid           *coverage_grid;
  GtkLabel          *queries_title;
  GtkListBox        *queries_list;
  ErrataRunProgress *run_progress;      /* runs and LLM work, the status line, the toast */
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
  GtkSpinButton     *seed_spin;
  GtkLabel          *tuples_title;
  GtkListBox        *tuples_list;
  GtkBox            *tuple_values_box;
  GPtrArray         *value_dropdowns;   /* of GtkDropDown, one per dimension */
  ErrataSynthDeletedTuple *deleted_tuple; /* the last deletion, for Undo */

  /* the target form (errata-synth-page-target.c) */
  GtkDropDown       *target_kind_dropdown;
  GtkCheckButton    *target_json_check;
  GtkWidget         *target_form;
  ErrataSynthTargetFields *target_fields;
  GtkWidget         *target_json_scroller;
  GtkSpinButton     *target_concurrency_spin;
  GtkSpinButton     *target_rate_spin;
  GtkSpinButton     *target_timeout_spin;
  GtkSpinButton     *target_attempts_spin;
  JsonObject        *target_extra;      /* the definition shown, for members the form lacks */

  /* the heat map (errata-synth-page-heat.c) */
  GtkDropDown       *heat_target_dropdown;
  GtkDropDown       *heat_view_dropdown;
  GArray            *heat_targets;      /* of gint64: the target dropdown's ids, 0 overall */
  gint64             heat_target;       /* the chosen one */
  char              *heat_pair;         /* the chosen pair's name, NULL: by value */
  gboolean           heat_updating;     /* the dropdowns are being refilled */
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
void           _errata_synth_page_class_add_tuples  (GtkWidgetClass  *widget_class);
void           _errata_synth_page_class_add_target  (GtkWidgetClass  *widget_class);
void           _errata_synth_page_init_heat_map     (ErrataSynthPage *self);
void           _errata_synth_page_finalize_heat_map (ErrataSynthPage *self);
/* Computes the breakdown and draws the heat map as the dropdowns say. */
void           _errata_synth_page_show_heat_map     (ErrataSynthPage *self);
void           _errata_synth_page_init_target       (ErrataSynthPage *self);
void           _errata_synth_page_finalize_target   (ErrataSynthPage *self);
/* Shows a target's definition (NULL: none) in the form and the JSON. */
void           _errata_synth_page_show_target       (ErrataSynthPage *self,
                                                     JsonObject      *definition);
/* The target as the form (or the JSON editor) says it, as JSON text; NULL
 * with an error naming the field that is wrong. */
char          *_errata_synth_page_dup_target_text   (ErrataSynthPage  *self,
                                                     GError          **error);
void           _errata_synth_page_init_tuples       (ErrataSynthPage *self);
void           _errata_synth_page_finalize_tuples   (ErrataSynthPage *self);
/* Fills the tuples table, its value dropdowns and the coverage. */
void           _errata_synth_page_show_tuples       (ErrataSynthPage *self,
                                                     GPtrArray       *dimensions,
                                                     GPtrArray       *tuples,
                                                     GPtrArray       *queries);
void           _errata_synth_page_select_tuple      (ErrataSynthPage *self,
                                                     gint64           tuple_id);
/* Deletes a tuple with its queries; the toast offers Undo. */
void           _errata_synth_page_delete_tuple      (ErrataSynthPage *self,
                                                     gint64           tuple_id);
/* Selects the row at `index` (or the last) of the queries list. */
void           _errata_synth_page_select_query_at   (ErrataSynthPage *self,
                                                     int              index);
/* Long work (a run, LLM generation) shows progress and enables Cancel;
 * `cancellable` is the work's, NULL when it ends. */
void           _errata_synth_page_set_busy          (ErrataSynthPage *self,
                                                     GCancellable    *cancellable);

G_END_DECLS
