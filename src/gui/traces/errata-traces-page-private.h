/* errata-traces-page-private.h: what the files of the Traces page share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-traces-page.h"
#include "errata-failure-mode-dropdown.h"
#include "errata-undo-stack.h"
#include "errata-trace-deletion.h"
#include "errata-live-traces-bar.h"

G_BEGIN_DECLS

/* The three panes, in F6 order. */
typedef enum
{
  ERRATA_TRACES_PANE_LIST,
  ERRATA_TRACES_PANE_TRACE,
  ERRATA_TRACES_PANE_CODING,
  ERRATA_TRACES_N_PANES
} ErrataTracesPane;

struct _ErrataTracesPage
{
  GtkWidget             parent_instance;

  ErrataWorkspace      *workspace;
  ErrataProject        *project;       /* the workspace's */
  ErrataTraceListModel *model;
  GtkMultiSelection    *selection;
  guint                 cursor;        /* the row on show (errata-traces-page-selection.c) */
  gboolean              current_changed; /* its trace changed in place (late spans) */
  ErrataTraceQuery     *query;         /* what the controls say */
  gboolean              setting_modes;
  gint64                pending_id;    /* to show once the list has loaded; -1: none */
  ErrataUndoStack      *undo_stack;    /* the reviewer's edits (traces.undo) */
  ErrataTrace          *current;       /* the full trace on show */
  gint64                current_id;    /* -1: none */
  GSettings            *settings;
  char                 *title;
  char                 *subtitle;
  gboolean              clearing_sort;
  gboolean              clearing_filters;
  ErrataTracesPane      note_return_pane;  /* where Escape in the note goes */
  guint                 message_number;    /* digits typed so far */
  gint64                message_number_time;
  guint                 focus_row_tick;
  int                   focus_row_frames;
  int                   list_width;        /* as the user left it */
  gboolean              placing_list;

  GtkWidget            *trace_view;
  GtkWidget            *coding_panel;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  ErrataLiveTracesBar  *live_bar;
  GtkSpinner           *spinner;
  GtkLabel             *import_command;
  GtkPaned             *outer_paned;
  GtkPaned             *inner_paned;
  GtkToggleButton      *search_button;
  GtkDropDown          *review_dropdown;
  ErrataFailureModeDropdown *mode_dropdown;
  GtkEntry             *metadata_entry;
  GtkWidget            *import_order_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  GtkColumnView        *column_view;
  GtkLabel             *count_label;
  GtkLabel             *progress_label;
  GtkMenuButton        *columns_button;

  /* errata-traces-page-delete.c: deletions that Undo can bring back,
   * latest last, and whether one runs. */
  GPtrArray            *deletions;
  gboolean              deleting;
  GCancellable         *delete_cancellable;
  gboolean              deletion_is_last;  /* Ctrl+Z undoes it: no review edit since */
  GCancellable         *count_cancellable; /* the capped count in flight */
  gint64                count_floor;       /* its answer; -1: not yet */
  gboolean              counting;          /* the list has not loaded the query yet */
};

/* The items of the review dropdown, in order: the first ones are about
 * my reviews (my queue), the last ones about whose reviews a trace has. */
enum {
  REVIEW_ALL,
  REVIEW_UNREVIEWED,
  REVIEW_PASSED,
  REVIEW_FAILED,
  REVIEW_WITH_NOTE,
  REVIEW_BY_ME,
  REVIEW_BY_OTHERS,
  REVIEW_BY_NOBODY,
  REVIEW_DISAGREE,     /* the adjudication queue of the mode chosen, or overall */
};

/* errata-traces-page.c */
gboolean _errata_traces_page_query_is_filtered      (ErrataTraceQuery *query);
char    *_errata_traces_page_format_progress        (const ErrataProjectInfo *info);
void     _errata_traces_page_update_state           (ErrataTracesPage *self);

/* errata-traces-page-count.c: the footer's count */
void     _errata_traces_page_update_count           (ErrataTracesPage *self);
void     _errata_traces_page_count_query            (ErrataTracesPage *self);
void     _errata_traces_page_cancel_count           (ErrataTracesPage *self);

/* errata-traces-page-layout.c: the header and the panes */
void     _errata_traces_page_update_header          (ErrataTracesPage *self);
char    *_errata_traces_page_dup_import_command     (ErrataProject    *project);
void     _errata_traces_page_create_panes           (ErrataTracesPage *self);
void     _errata_traces_page_bind_list_width        (ErrataTracesPage *self);
GtkSizeRequestMode _errata_traces_page_get_request_mode (GtkWidget    *widget);
void     _errata_traces_page_measure                (GtkWidget        *widget,
                                                     GtkOrientation    orientation,
                                                     int               for_size,
                                                     int              *minimum,
                                                     int              *natural,
                                                     int              *minimum_baseline,
                                                     int              *natural_baseline);
void     _errata_traces_page_size_allocate          (GtkWidget        *widget,
                                                     int               width,
                                                     int               height,
                                                     int               baseline);
void     _errata_traces_page_live_traces_arrived    (ErrataTracesPage *self);
void     _errata_traces_page_toggle_first_failure   (ErrataTracesPage *self,
                                                     int               index);
void     _errata_traces_page_review_changed         (ErrataTracesPage *self,
                                                     gint64            trace_id);

/* errata-traces-page-filters.c */
void     _errata_traces_page_apply_query            (ErrataTracesPage *self);
void     _errata_traces_page_connect_filters        (ErrataTracesPage *self);
void     _errata_traces_page_clear_filters          (ErrataTracesPage *self);
void     _errata_traces_page_clear_column_sort      (ErrataTracesPage *self);
char    *_errata_traces_page_dup_disputes_count     (ErrataTracesPage *self,
                                                     guint             n);

void     _errata_traces_page_focus_selected_row     (ErrataTracesPage *self);

/* errata-traces-page-actions.c */
void     _errata_traces_page_focus_pane             (ErrataTracesPage *self,
                                                     ErrataTracesPane  pane);
void     _errata_traces_page_class_install_actions  (GtkWidgetClass   *widget_class);
void     _errata_traces_page_add_capture_shortcuts  (ErrataTracesPage *self);
void     _errata_traces_page_update_undo_actions    (ErrataTracesPage *self);

/* errata-traces-page-selection.c */
void     _errata_traces_page_make_selection         (ErrataTracesPage *self);
guint    _errata_traces_page_get_cursor             (ErrataTracesPage *self);
void     _errata_traces_page_set_cursor             (ErrataTracesPage *self,
                                                     guint             position);
guint    _errata_traces_page_count_selected         (ErrataTracesPage *self);
GArray  *_errata_traces_page_dup_selected_ids       (ErrataTracesPage *self);
/* errata-traces-page.c: the cursor moved; show its trace. */
void     _errata_traces_page_cursor_changed         (ErrataTracesPage *self);

/* errata-traces-page-delete.c: which traces a confirmation is about. */
typedef enum
{
  ERRATA_DELETE_ONE,       /* the trace on show */
  ERRATA_DELETE_SELECTED,  /* the rows selected */
  ERRATA_DELETE_SHOWN,     /* every trace a search or filter shows */
  ERRATA_DELETE_IMPORT,    /* every trace an import added */
} ErrataDeleteKind;

void     _errata_traces_page_class_install_delete_actions (GtkWidgetClass *widget_class);
void     _errata_traces_page_init_deletions         (ErrataTracesPage *self);
void     _errata_traces_page_clear_deletions        (ErrataTracesPage *self);
AdwMessageDialog *_errata_traces_page_new_delete_dialog (ErrataTracesPage           *self,
                                                         ErrataDeleteKind            kind,
                                                         const char                 *import_name,
                                                         const ErrataDeletionCounts *counts);

G_END_DECLS
