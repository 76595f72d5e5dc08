/* errata-import-dialog-private.h: what the files of ErrataImportDialog
 * share: errata-import-dialog.c (the setup page: files, format, field map,
 * preview; the actions) and errata-import-dialog-run.c (the import itself:
 * runs, progress, the summary).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-import-dialog.h"
#include "errata-field-map-editor.h"
#include "errata-import-file-row.h"
#include "errata-import-preview.h"
#include "errata-import-summary.h"

G_BEGIN_DECLS

typedef enum
{
  STATE_SETUP,
  STATE_RUNNING,
  STATE_DONE,
} DialogState;

struct _ErrataImportDialog
{
  AdwWindow             parent_instance;

  ErrataProject        *project;
  GPtrArray            *rows;             /* ErrataImportFileRow, as the user chose the files */
  GCancellable         *probe_cancellable;
  GCancellable         *import_cancellable;
  ErrataImportReport   *report;
  DialogState           state;
  gboolean              probing;
  gboolean              import_focused;   /* the Import button got the focus once */
  gboolean              close_when_done;
  gboolean              disposed;
  /* Written by the import thread after each committed batch. */
  guint                 committed;
  /* The files in import order, unmapped ones first; [run_start, run_end)
   * is the import in progress. */
  GPtrArray            *queue;
  guint                 n_unmapped;
  guint                 run_start;
  guint                 run_end;
  guint64               total_bytes;
  guint64               bytes_before;
  guint                 records_before;
  guint                 committed_before;

  AdwWindowTitle       *window_title;
  GtkButton            *cancel_button;
  GtkButton            *import_button;
  GtkButton            *close_button;
  GtkStack             *stack;
  GtkLabel             *setup_error;
  GtkLabel             *blocked_label;
  AdwPreferencesGroup  *files_group;
  AdwComboRow          *format_row;
  ErrataFieldMapEditor *field_map_editor;
  ErrataImportPreview  *preview;
  GtkLabel             *progress_files;
  GtkProgressBar       *progress_bar;
  ErrataImportSummary  *summary;
};

/* errata-import-dialog.c */
ErrataImportFormat  _errata_import_dialog_chosen_format         (ErrataImportDialog  *self);
gboolean            _errata_import_dialog_row_is_mapped         (ErrataImportDialog  *self,
                                                                 ErrataImportFileRow *row);
guint64             _errata_import_dialog_row_size              (ErrataImportFileRow *row);
ErrataFieldMap     *_errata_import_dialog_get_map               (ErrataImportDialog  *self);
void                _errata_import_dialog_update_import_enabled (ErrataImportDialog  *self);
void                _errata_import_dialog_show_setup_error      (ErrataImportDialog  *self,
                                                                 const char          *message);
char               *_errata_import_dialog_describe_files        (ErrataImportDialog  *self);
void                _errata_import_dialog_emit_imported         (ErrataImportDialog  *self,
                                                                 ErrataImportReport  *report);

/* errata-import-dialog-run.c */
void                _errata_import_dialog_set_state             (ErrataImportDialog  *self,
                                                                 DialogState          state);
/* The import.start action. */
void                _errata_import_dialog_start_import          (GtkWidget           *widget,
                                                                 const char          *action_name,
                                                                 GVariant            *parameter);

G_END_DECLS
