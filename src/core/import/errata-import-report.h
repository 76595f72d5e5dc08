/* errata-import-report.h: what an import did, record by record.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "errata-types.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_IMPORT_REPORT (errata_import_report_get_type ())

G_DECLARE_FINAL_TYPE (ErrataImportReport, errata_import_report, ERRATA, IMPORT_REPORT, GObject)

/* A record that was skipped: where it is, and why, in words for a user. */
typedef struct
{
  char  *file;      /* display name of the file */
  guint  record;    /* 1-based record number within the file, 0 if unknown */
  guint  line;      /* 1-based line where the record starts, 0 if unknown */
  char  *reason;
  gboolean skipped; /* counted as a skipped record or trace */
} ErrataImportProblem;

ErrataImportReport *errata_import_report_new              (void);

guint               errata_import_report_get_n_records    (ErrataImportReport *self);
guint               errata_import_report_get_n_added      (ErrataImportReport *self);
guint               errata_import_report_get_n_duplicates (ErrataImportReport *self);
guint               errata_import_report_get_n_skipped    (ErrataImportReport *self);
guint               errata_import_report_get_n_notes      (ErrataImportReport *self);
guint               errata_import_report_get_n_labels     (ErrataImportReport *self);
guint               errata_import_report_get_n_files      (ErrataImportReport *self);
/* Element type: ErrataImportProblem, owned by the report. */
GPtrArray          *errata_import_report_get_problems     (ErrataImportReport *self);
/* The format actually used for each file, as a display name, e.g. "OpenAI chat (JSONL)". */
const char         *errata_import_report_get_format_name  (ErrataImportReport *self,
                                                           guint               file_index);

void                errata_import_report_add_file         (ErrataImportReport *self,
                                                           const char         *format_name);
void                errata_import_report_count_record     (ErrataImportReport *self,
                                                           gboolean            added);
void                errata_import_report_count_note       (ErrataImportReport *self);
void                errata_import_report_count_label      (ErrataImportReport *self);
void                errata_import_report_add_problem      (ErrataImportReport *self,
                                                           const char         *file,
                                                           guint               record,
                                                           guint               line,
                                                           const char         *reason);

/* A trace built from many records (OTLP spans, Langfuse observations)
 * that could not be imported: counted as read and skipped. */
void                errata_import_report_add_skipped_trace (ErrataImportReport *self,
                                                            const char         *file,
                                                            const char         *reason);

/* Adds what `from` counted and found to `self`: the report of two imports
 * run one after the other (the import dialog runs mapped files apart). */
void                errata_import_report_merge            (ErrataImportReport *self,
                                                           ErrataImportReport *from);

/* "data.jsonl: record 7 (line 7): not valid JSON: ..." */
char               *errata_import_problem_to_string       (const ErrataImportProblem *problem);

G_END_DECLS
