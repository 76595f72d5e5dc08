/* errata-report-text.h: the report's numbers as words, and what each
 * means in plain language. The page's tooltips, the HTML's footnotes and
 * the PDF say the same thing because they all take it from here.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-report.h"

G_BEGIN_DECLS

/* What a number is; each has one explanation. */
typedef enum
{
  ERRATA_REPORT_NOTE_SHARE,          /* a mode's share of the reviewed traces */
  ERRATA_REPORT_NOTE_INTERVAL,       /* a 95% (Wilson) interval */
  ERRATA_REPORT_NOTE_CORRECTED,      /* a judge's corrected rate */
  ERRATA_REPORT_NOTE_TPR,
  ERRATA_REPORT_NOTE_TNR,
  ERRATA_REPORT_NOTE_LOOKS,          /* test looks */
  ERRATA_REPORT_NOTE_NOT_VALIDATED,
  ERRATA_REPORT_NOTE_REVIEWED,       /* reviewed here */
  ERRATA_REPORT_NOTE_IMPORTED,       /* imported labels */
  ERRATA_REPORT_NOTE_SATURATION,
  ERRATA_REPORT_NOTE_SPLITS,
  ERRATA_REPORT_NOTE_SYNTHETIC,
  ERRATA_REPORT_NOTE_AGREEMENT,      /* reviewers' agreement on a mode */
  ERRATA_REPORT_N_NOTES
} ErrataReportNote;

/* The explanation, one or two plain sentences. */
const char *errata_report_note_text           (ErrataReportNote          note);

/* "12%", "7.4%" (one decimal under 10%), "0%". */
char       *errata_report_format_percent      (double                    fraction);
/* "5–20%". */
char       *errata_report_format_interval     (ErrataInterval            interval);
/* "3 March 2026". */
char       *errata_report_format_date         (gint64                    usec);

/* "12 reviewed here · 101 imported labels" (imported part only when any). */
char       *errata_report_dup_counts_line     (const ErrataReport       *report);
/* "7 of 12 reviewed traces" */
char       *errata_report_dup_mode_count      (const ErrataReportMode   *mode,
                                               guint                     reviewed);
/* "58% (95% interval 32–81%)" */
char       *errata_report_dup_mode_share      (const ErrataReportMode   *mode);
/* "Corrected rate 7.4% (95% interval 3.1–12.0%), from the judge “X” (version 2)
 * on 400 unreviewed traces"; NULL without one. */
char       *errata_report_dup_mode_corrected  (const ErrataReportMode   *mode);
/* "No judge estimate: “Tour check”: …"; NULL when there is one or no evaluator. */
char       *errata_report_dup_mode_no_corrected (const ErrataReportMode *mode);
/* "Agreement between reviewers: AC1 0.78 (95% interval 0.50–1.00), κ 0.71, on 24 traces
 * two or more of 2 reviewers reviewed", or "One reviewer: …". */
char       *errata_report_dup_mode_agreement  (const ErrataReportMode   *mode);
/* "Imported labels put 3 more traces here (not in the share)"; NULL for none. */
char       *errata_report_dup_mode_imported   (const ErrataReportMode   *mode);
/* "82% (95% interval 70–90%)", "not defined: no trace a person passed". */
char       *errata_report_dup_rate            (gboolean                  defined,
                                               double                    rate,
                                               ErrataInterval            interval,
                                               const char               *undefined_why);
/* "Measured on 40 test traces on 3 March 2026 (version 2) · test looked at once"
 * or "Not validated: never run on the test split". */
char       *errata_report_dup_judge_summary   (const ErrataReportJudge  *judge);
/* "Saturated: the last 20 reviews found no new failure mode", or not yet. */
char       *errata_report_dup_saturation      (const ErrataReport       *report);
/* "40 of 100 traces (40%) are synthetic", NULL when none are. */
char       *errata_report_dup_synthetic       (const ErrataReport       *report);
/* "Refunds: 20 train · 40 dev · 40 test" */
char       *errata_report_dup_split           (const ErrataReportSplit  *split);
/* What the report says when nothing was reviewed, or NULL. */
const char *errata_report_empty_text          (const ErrataReport       *report);

G_END_DECLS
