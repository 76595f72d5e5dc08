/* errata-failure-modes-page.h: the Failure Modes page, where notes are
 * sorted into failure modes (axial coding), with saturation and Pareto.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-canvas-drop.h"
#include "errata-card-item.h"
#include "errata-mode-group.h"
#include "errata-pareto-chart.h"
#include "errata-saturation-chart.h"
#include "errata-taxonomy.h"
#include "errata-workspace.h"

G_BEGIN_DECLS

/* Reviews without a new failure mode after which reviewing can stop. */
#define ERRATA_SATURATION_WINDOW 20

typedef enum
{
  ERRATA_TAXONOMY_EXPORT_MARKDOWN,
  ERRATA_TAXONOMY_EXPORT_JSON,
} ErrataTaxonomyExportFormat;

#define ERRATA_TYPE_FAILURE_MODES_PAGE (errata_failure_modes_page_get_type ())

G_DECLARE_FINAL_TYPE (ErrataFailureModesPage, errata_failure_modes_page, ERRATA,
                      FAILURE_MODES_PAGE, GtkWidget)

GtkWidget             *errata_failure_modes_page_new              (ErrataWorkspace        *workspace);
void                   errata_failure_modes_page_set_workspace    (ErrataFailureModesPage *self,
                                                                   ErrataWorkspace        *workspace);
ErrataWorkspace       *errata_failure_modes_page_get_workspace    (ErrataFailureModesPage *self);
ErrataProject         *errata_failure_modes_page_get_project      (ErrataFailureModesPage *self);
ErrataTaxonomy        *errata_failure_modes_page_get_taxonomy     (ErrataFailureModesPage *self);
/* Re-reads notes and modes (notes written on the Traces page); cheap. */
void                   errata_failure_modes_page_reload           (ErrataFailureModesPage *self);
/* How long the last reload took, in milliseconds. */
double                 errata_failure_modes_page_get_reload_time  (ErrataFailureModesPage *self);

/* One model function per operation: the drop handlers, the menus, the
 * shortcuts and the tests all come through these. Failures are also
 * shown in a toast. */
gboolean               errata_failure_modes_page_move_cards       (ErrataFailureModesPage *self,
                                                                   ErrataCardSet          *cards,
                                                                   gint64                  to_mode,
                                                                   gboolean                copy,
                                                                   GError                **error);
gboolean               errata_failure_modes_page_update_mode      (ErrataFailureModesPage *self,
                                                                   gint64                  mode_id,
                                                                   const char             *name,
                                                                   const char             *definition,
                                                                   const char             *colour);
gboolean               errata_failure_modes_page_delete_mode      (ErrataFailureModesPage *self,
                                                                   gint64                  mode_id,
                                                                   GError                **error);
/* Asks first (AdwMessageDialog), then merges. */
void                   errata_failure_modes_page_ask_merge        (ErrataFailureModesPage *self,
                                                                   gint64                  source_mode,
                                                                   gint64                  target_mode);
gboolean               errata_failure_modes_page_merge_modes      (ErrataFailureModesPage *self,
                                                                   gint64                  source_mode,
                                                                   gint64                  target_mode,
                                                                   GError                **error);
void                   errata_failure_modes_page_open_trace       (ErrataFailureModesPage *self,
                                                                   gint64                  trace_id);

/* Drag and drop. `value` holds an ErrataCardItem, an ErrataCardSet or an
 * ErrataModeGroup; `target` is a mode id, ERRATA_UNSORTED or
 * ERRATA_NEW_MODE. */
GdkDragAction          errata_failure_modes_page_drop_action      (ErrataFailureModesPage *self,
                                                                   const GValue           *value,
                                                                   gint64                  target,
                                                                   GdkDragAction           offered);
gboolean               errata_failure_modes_page_drop             (ErrataFailureModesPage *self,
                                                                   const GValue           *value,
                                                                   gint64                  target,
                                                                   GdkDragAction           action);
GtkDropTarget         *errata_failure_modes_page_get_new_mode_target (ErrataFailureModesPage *self);
double                 errata_failure_modes_page_get_autoscroll_speed (ErrataFailureModesPage *self);
ErrataModeGroup       *errata_failure_modes_page_get_group        (ErrataFailureModesPage *self,
                                                                   gint64                  mode_id);
/* "Move to…" for a card in `from_mode`: the other modes, a new mode,
 * Unsorted, and a "Copy to" submenu; actions card.move-to / card.copy-to. */
GMenuModel            *errata_failure_modes_page_build_move_menu  (ErrataFailureModesPage *self,
                                                                   gint64                  from_mode);

void                   errata_failure_modes_page_set_search_text  (ErrataFailureModesPage *self,
                                                                   const char             *text);
/* Call when the page comes into view: the cards take the keyboard. */
void                   errata_failure_modes_page_focus_cards      (ErrataFailureModesPage *self);
ErrataSaturationChart *errata_failure_modes_page_get_saturation_chart (ErrataFailureModesPage *self);
ErrataParetoChart     *errata_failure_modes_page_get_pareto_chart (ErrataFailureModesPage *self);
const char            *errata_failure_modes_page_get_saturation_hint (ErrataFailureModesPage *self);

/* Unsorted leaves out notes on passing traces unless this is set
 * (canvas.show-passing). */
void                   errata_failure_modes_page_set_show_passing (ErrataFailureModesPage *self,
                                                                   gboolean                show_passing);
gboolean               errata_failure_modes_page_get_show_passing (ErrataFailureModesPage *self);
/* The charts panel (canvas.show-charts, F9); it folds away by itself in a
 * narrow window, and then shows over the canvas. */
void                   errata_failure_modes_page_set_show_charts  (ErrataFailureModesPage *self,
                                                                   gboolean                show_charts);
gboolean               errata_failure_modes_page_get_show_charts  (ErrataFailureModesPage *self);
gboolean               errata_failure_modes_page_get_charts_folded (ErrataFailureModesPage *self);

void                   errata_failure_modes_page_export_async     (ErrataFailureModesPage    *self,
                                                                   GFile                     *file,
                                                                   ErrataTaxonomyExportFormat format,
                                                                   GCancellable              *cancellable,
                                                                   GAsyncReadyCallback        callback,
                                                                   gpointer                   user_data);
gboolean               errata_failure_modes_page_export_finish    (ErrataFailureModesPage    *self,
                                                                   GAsyncResult              *result,
                                                                   GError                   **error);

G_END_DECLS
