/* errata-import-report.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-import-report.h"

#include <glib/gi18n-lib.h>

/* n_records counts every record read, skipped ones included, so that
 * n_records == n_added + n_duplicates + n_skipped. For formats whose traces
 * span many records (OTLP, Langfuse observations) a "record" is a trace:
 * each trace built is counted, and each that could not be is a skipped one.
 * Any other problem with record 0 concerns a whole file (an empty file). */
struct _ErrataImportReport
{
  GObject    parent_instance;

  guint      n_records;
  guint      n_added;
  guint      n_duplicates;
  guint      n_skipped;
  guint      n_notes;
  guint      n_labels;   /* imported verdicts: labels, not reviews */
  GPtrArray *formats;
  GPtrArray *problems;
};

G_DEFINE_FINAL_TYPE (ErrataImportReport, errata_import_report, G_TYPE_OBJECT)

static void
problem_free (gpointer data)
{
  ErrataImportProblem *problem = data;

  g_free (problem->file);
  g_free (problem->reason);
  g_free (problem);
}

static void
errata_import_report_finalize (GObject *object)
{
  ErrataImportReport *self = (ErrataImportReport *)object;

  g_clear_pointer (&self->formats, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (errata_import_report_parent_class)->finalize (object);
}

static void
errata_import_report_class_init (ErrataImportReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = errata_import_report_finalize;
}

static void
errata_import_report_init (ErrataImportReport *self)
{
  self->formats = g_ptr_array_new_with_free_func (g_free);
  self->problems = g_ptr_array_new_with_free_func (problem_free);
}

ErrataImportReport *
errata_import_report_new (void)
{
  return g_object_new (ERRATA_TYPE_IMPORT_REPORT, NULL);
}

guint
errata_import_report_get_n_records (ErrataImportReport *self)
{
  g_return_val_if_fail (ERRATA_IS_IMPORT_REPORT (self), 0);
  return self->n_records;
}

guint
errata_import_report_get_n_added (ErrataImportReport *self)
{
  g_return_val_if_fail (ERRATA_IS_IMPORT_REPORT (self), 0);
  return self->n_added;
}

guint
errata_import_report_get_n_duplicates (ErrataImportReport *self)
{
  g_return_val_if_fail (ERRATA_IS_IMPORT_REPORT (self), 0);
  return self->n_duplicates;
}

guint
errata_import_report_get_n_skipped (ErrataImportReport *self)
{
  g_return_val_if_fail (ERRATA_IS_IMPORT_REPORT (self), 0);
  return self->n_skipped;
}

guint
errata_import_report_get_n_notes (ErrataImportReport *self)
{
  g_return_val_if_fail (ERRATA_IS_IMPORT_REPORT (self), 0);
  return self->n_notes;
}

/* Pass or fail verdicts that came in with the file: imported labels. */
guint
errata_import_report_get_n_labels (ErrataImportReport *self)
{
  g_return_val_if_fail (ERRATA_IS_IMPORT_REPORT (self), 0);
  return self->n_labels;
}

guint
errata_import_report_get_n_files (ErrataImportReport *self)
{
  g_return_val_if_fail (ERRATA_IS_IMPORT_REPORT (self), 0);
  return self->formats->len;
}

GPtrArray *
errata_import_report_get_problems (ErrataImportReport *self)
{
  g_return_val_if_fail (ERRATA_IS_IMPORT_REPORT (self), NULL);
  return self->problems;
}

const char *
errata_import_report_get_format_name (ErrataImportReport *self,
                                      guint               file_index)
{
  g_return_val_if_fail (ERRATA_IS_IMPORT_REPORT (self), NULL);
  if (file_index >= self->formats->len)
    return NULL;
  return g_ptr_array_index (self->formats, file_index);
}

void
errata_import_report_add_file (ErrataImportReport *self,
                               const char         *format_name)
{
  g_return_if_fail (ERRATA_IS_IMPORT_REPORT (self));
  g_ptr_array_add (self->formats, g_strdup (format_name ? format_name : ""));
}

void
errata_import_report_count_record (ErrataImportReport *self,
                                   gboolean            added)
{
  g_return_if_fail (ERRATA_IS_IMPORT_REPORT (self));
  self->n_records++;
  if (added)
    self->n_added++;
  else
    self->n_duplicates++;
}

void
errata_import_report_count_note (ErrataImportReport *self)
{
  g_return_if_fail (ERRATA_IS_IMPORT_REPORT (self));
  self->n_notes++;
}

void
errata_import_report_count_label (ErrataImportReport *self)
{
  g_return_if_fail (ERRATA_IS_IMPORT_REPORT (self));
  self->n_labels++;
}

void
errata_import_report_add_problem (ErrataImportReport *self,
                                  const char         *file,
                                  guint               record,
                                  guint               line,
                                  const char         *reason)
{
  ErrataImportProblem *problem;

  g_return_if_fail (ERRATA_IS_IMPORT_REPORT (self));

  problem = g_new0 (ErrataImportProblem, 1);
  problem->file = g_strdup (file ? file : "");
  problem->record = record;
  problem->line = line;
  problem->reason = g_strdup (reason ? reason : "");
  problem->skipped = record > 0;
  g_ptr_array_add (self->problems, problem);
  if (record > 0)
    {
      self->n_records++;
      self->n_skipped++;
    }
}

void
errata_import_report_add_skipped_trace (ErrataImportReport *self,
                                        const char         *file,
                                        const char         *reason)
{
  ErrataImportProblem *problem;

  g_return_if_fail (ERRATA_IS_IMPORT_REPORT (self));

  errata_import_report_add_problem (self, file, 0, 0, reason);
  problem = g_ptr_array_index (self->problems, self->problems->len - 1);
  problem->skipped = TRUE;
  self->n_records++;
  self->n_skipped++;
}

char *
errata_import_problem_to_string (const ErrataImportProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->record == 0)
    return g_strdup_printf ("%s: %s", problem->file, problem->reason);
  if (problem->line == 0)
    /* Translators: a record that was not imported. The first %s is the
     * file name, %u the record's number in the file (1, 2, …), the last
     * %s the reason, e.g. “`messages` must be an array, found a string”. */
    return g_strdup_printf (_("%s: record %u: %s"),
                            problem->file, problem->record, problem->reason);
  /* Translators: a record that was not imported. The first %s is the file
   * name, the first %u the record's number in the file (1, 2, …), the
   * second %u the line of the file where the record starts, the last %s
   * the reason, e.g. “`messages` must be an array, found a string”. */
  return g_strdup_printf (_("%s: record %u (line %u): %s"),
                          problem->file, problem->record, problem->line, problem->reason);
}

void
errata_import_report_merge (ErrataImportReport *self,
                            ErrataImportReport *from)
{
  GPtrArray *problems;

  g_return_if_fail (ERRATA_IS_IMPORT_REPORT (self));
  g_return_if_fail (ERRATA_IS_IMPORT_REPORT (from));

  problems = errata_import_report_get_problems (from);

  for (guint i = 0; i < errata_import_report_get_n_files (from); i++)
    errata_import_report_add_file (self, errata_import_report_get_format_name (from, i));
  for (guint i = 0; i < errata_import_report_get_n_added (from); i++)
    errata_import_report_count_record (self, TRUE);
  for (guint i = 0; i < errata_import_report_get_n_duplicates (from); i++)
    errata_import_report_count_record (self, FALSE);
  for (guint i = 0; i < errata_import_report_get_n_notes (from); i++)
    errata_import_report_count_note (self);
  for (guint i = 0; i < errata_import_report_get_n_labels (from); i++)
    errata_import_report_count_label (self);
  for (guint i = 0; i < problems->len; i++)
    {
      const ErrataImportProblem *problem = g_ptr_array_index (problems, i);

      if (problem->skipped && problem->record == 0)
        errata_import_report_add_skipped_trace (self, problem->file, problem->reason);
      else
        errata_import_report_add_problem (self, problem->file, problem->record, problem->line,
                                          problem->reason);
    }
}
