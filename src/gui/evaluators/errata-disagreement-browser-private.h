/* errata-disagreement-browser-private.h: what the browser's files share
 * (errata-disagreement-browser.c: the run, the list, the cell;
 * errata-disagreement-browser-actions.c: corrections, moves, keys;
 * errata-disagreement-browser-detail.c: the selected trace on the right,
 * with the human's label and notes and the judge's reasoning).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-disagreement-browser.h"
#include "errata-disagreement-item.h"
#include "errata-trace-view.h"

G_BEGIN_DECLS

struct _ErrataDisagreementBrowser
{
  GtkWidget               parent_instance;

  ErrataWorkspace        *workspace;
  gint64                  target;
  gint64                  run_id;        /* 0: no run */
  ErrataEvalScope         scope;         /* the run's */
  ErrataDisagreementCell  cell;
  gboolean                refiltering;   /* the selection moves for a moment: show nothing */

  GListStore             *items;         /* every verdict on a trace with an undisputed label */
  GtkCustomFilter        *filter;        /* those in the cell */
  GtkFilterListModel     *filtered;
  GtkSingleSelection     *selection;

  GtkStack               *main_stack;    /* "no-run", "failed", "browser" */
  AdwStatusPage          *failed_status;
  GtkDropDown            *cell_dropdown;
  GtkLabel               *count_label;
  GtkStack               *content_stack; /* "empty", "items" */
  AdwStatusPage          *empty_status;
  GtkListView            *list_view;
  ErrataTraceView        *trace_view;
  GtkLabel               *human_value_label;
  GtkLabel               *human_source_label;
  GtkBox                 *notes_box;
  GtkLabel               *detail_error_label;
  GtkLabel               *judge_value_label;
  GtkLabel               *judge_reasoning_label;
};

ErrataProject          *_errata_disagreement_browser_get_project (ErrataDisagreementBrowser *self);
ErrataDisagreementItem *_errata_disagreement_browser_get_selected (ErrataDisagreementBrowser *self);
/* Fills the right side with the selected item, or clears it for NULL. */
void                    _errata_disagreement_browser_show_detail (ErrataDisagreementBrowser *self,
                                                                  ErrataDisagreementItem    *item);
/* Selects the row at `position` (clamped to the list) and scrolls to it. */
void                    _errata_disagreement_browser_select_position (ErrataDisagreementBrowser *self,
                                                                      guint                      position);
/* Re-applies the cell after it or a label changed: keeps `keep_trace`
 * selected when it is still listed, else the row at `fallback`. */
void                    _errata_disagreement_browser_refilter    (ErrataDisagreementBrowser *self,
                                                                  gint64                     keep_trace,
                                                                  guint                      fallback);
void                    _errata_disagreement_browser_update_actions (ErrataDisagreementBrowser *self);
void                    _errata_disagreement_browser_class_install_actions (GtkWidgetClass *widget_class);
void                    _errata_disagreement_browser_add_capture_shortcuts (ErrataDisagreementBrowser *self);
/* A line in red under the label buttons; NULL hides it. */
void                    _errata_disagreement_browser_show_error  (ErrataDisagreementBrowser *self,
                                                                  const char                *text);

G_END_DECLS
