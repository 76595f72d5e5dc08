/* errata-report-text.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-report-text.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "errata-reviewer-agreement.h"

static const char * const note_texts[ERRATA_REPORT_N_NOTES] = {
  [ERRATA_REPORT_NOTE_SHARE] =
    N_("Of the traces reviewed in Errata, the share that a reviewer put a note of into this "
       "failure mode. Imported labels are not part of it."),
  [ERRATA_REPORT_NOTE_INTERVAL] =
    /* xgettext:no-c-format */
    N_("The 95% interval is the range the true rate most likely lies in, given how many "
       "traces were looked at: the fewer traces, the wider it is (Wilson interval)."),
  [ERRATA_REPORT_NOTE_CORRECTED] =
    N_("An automatic judge read traces nobody reviewed. Judges make mistakes, so its raw rate "
       "is corrected for how often it agreed with people on the test traces; the interval "
       "includes the judge’s own uncertainty (Rogan–Gladen with a bootstrap)."),
  [ERRATA_REPORT_NOTE_TPR] =
    N_("TPR (true positive rate): of the test traces a person passed, the share the judge "
       "passed too. When it is low, the judge raises false alarms."),
  [ERRATA_REPORT_NOTE_TNR] =
    N_("TNR (true negative rate): of the test traces a person failed, the share the judge "
       "failed too. When it is low, the judge misses real failures."),
  [ERRATA_REPORT_NOTE_LOOKS] =
    N_("How often the evaluator was run on the held-out test traces. The first look is the "
       "honest measurement; each further look was forced, with a reason, and makes the "
       "numbers less trustworthy."),
  [ERRATA_REPORT_NOTE_NOT_VALIDATED] =
    N_("This evaluator was never run on the held-out test traces, so how often it agrees with "
       "people is not known: none of its numbers are a measurement yet."),
  [ERRATA_REPORT_NOTE_REVIEWED] =
    N_("Traces that someone reviewed in Errata (a verdict or a note), whoever the reviewer. "
       "Every share in this report is out of these."),
  [ERRATA_REPORT_NOTE_IMPORTED] =
    N_("Verdicts that came in with imported files. They are counted on their own and never "
       "mixed into the failure-mode shares."),
  [ERRATA_REPORT_NOTE_SATURATION] =
    N_("Reviewing is saturated when the latest reviews found no new failure mode: more "
       "reviews would likely find more of the same."),
  [ERRATA_REPORT_NOTE_SPLITS] =
    N_("Labelled traces are split once: train (examples for a judge), dev (to improve it) "
       "and test (looked at once, to measure it honestly)."),
  [ERRATA_REPORT_NOTE_SYNTHETIC] =
    N_("Synthetic traces were generated from combinations of dimensions (such as a persona or "
       "a scenario) rather than collected from real use."),
  [ERRATA_REPORT_NOTE_AGREEMENT] =
    N_("How often the people who reviewed the same traces put them in this failure mode alike, "
       "beyond what chance alone would give: 1 is full agreement, 0 no better than chance. "
       "When reviewers disagree, the rate rests on shaky labels. AC1 stays meaningful when "
       "failures are rare; κ then drops even when people almost always agree. The interval "
       "resamples the shared traces."),
};

const char *
errata_report_note_text (ErrataReportNote note)
{
  g_return_val_if_fail (note < ERRATA_REPORT_N_NOTES, NULL);

  return _(note_texts[note]);
}

/* One decimal where a whole percent would hide a difference. */
static int
decimals_for (double fraction)
{
  return fraction > 0.0 && fraction < 0.1 ? 1 : 0;
}

char *
errata_report_format_percent (double fraction)
{
  if (!isfinite (fraction))
    return g_strdup ("–");
  /* Translators: a percentage, "12%"; the first argument is the number of
   * decimals. Write "%.*f %%" where a space comes before the sign. */
  return g_strdup_printf (_("%.*f%%"), decimals_for (fraction), fraction * 100.0);
}

char *
errata_report_format_interval (ErrataInterval interval)
{
  int decimals = MAX (decimals_for (interval.lower), decimals_for (interval.upper));
  g_autofree char *high = NULL;

  if (!isfinite (interval.lower) || !isfinite (interval.upper))
    return g_strdup ("–");
  /* Translators: a percentage, "12%" (as above). */
  high = g_strdup_printf (_("%.*f%%"), decimals, interval.upper * 100.0);
  /* Translators: a range of percentages, "5–20%": the low number, then the
   * high one with its sign. */
  return g_strdup_printf (_("%.*f–%s"), decimals, interval.lower * 100.0, high);
}

char *
errata_report_format_date (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  if (time == NULL)
    return g_strdup ("–");
  /* Translators: a date, "3 March 2026"; see g_date_time_format(). */
  return g_date_time_format (time, _("%-d %B %Y"));
}

char *
errata_report_dup_counts_line (const ErrataReport *report)
{
  g_autofree char *reviewed = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  reviewed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u trace reviewed here",
                                           "%u traces reviewed here", report->n_reviewed),
                              report->n_reviewed);
  if (report->n_imported == 0)
    return g_steal_pointer (&reviewed);
  /* Translators: "12 traces reviewed here · 101 imported labels". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u imported label",
                                       "%s · %u imported labels", report->n_imported),
                          reviewed, report->n_imported);
}

char *
errata_report_dup_mode_count (const ErrataReportMode *mode,
                              guint                   reviewed)
{
  g_return_val_if_fail (mode != NULL, NULL);

  /* Translators: "7 of 12 reviewed traces". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u reviewed trace",
                                       "%u of %u reviewed traces", reviewed),
                          mode->count, reviewed);
}

char *
errata_report_dup_mode_share (const ErrataReportMode *mode)
{
  g_autofree char *share = NULL;
  g_autofree char *interval = NULL;

  g_return_val_if_fail (mode != NULL, NULL);

  share = errata_report_format_percent (mode->share);
  interval = errata_report_format_interval (mode->interval);
  /* Translators: "58% (95% interval 32–81%)". */
  return g_strdup_printf (_("%s (95%% interval %s)"), share, interval);
}

char *
errata_report_dup_mode_corrected (const ErrataReportMode *mode)
{
  g_autofree char *rate = NULL;
  g_autofree char *interval = NULL;

  g_return_val_if_fail (mode != NULL, NULL);

  if (!mode->has_corrected)
    return NULL;
  rate = errata_report_format_percent (mode->corrected);
  interval = errata_report_format_interval (mode->corrected_interval);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: "Corrected rate 7.4% (95% interval
                                        * 3.1–12.0%), estimated by “Refund judge” (version 2)
                                        * on 1 unreviewed trace". */
                                       "Corrected rate %s (95%% interval %s), estimated by "
                                       "“%s” (version %u) on %u unreviewed trace",
                                       "Corrected rate %s (95%% interval %s), estimated by "
                                       "“%s” (version %u) on %u unreviewed traces",
                                       mode->n_unlabelled),
                          rate, interval, mode->judge_name, mode->judge_version,
                          mode->n_unlabelled);
}

char *
errata_report_dup_mode_no_corrected (const ErrataReportMode *mode)
{
  g_return_val_if_fail (mode != NULL, NULL);

  if (mode->has_corrected || mode->no_corrected_why == NULL)
    return NULL;
  /* Translators: why a failure mode has no corrected rate from a judge. */
  return g_strdup_printf (_("No judge estimate: %s"), mode->no_corrected_why);
}

static char *
format_coefficient (gboolean defined,
                    double   value)
{
  /* Translators: a coefficient that cannot be computed (every rating alike). */
  return defined ? g_strdup_printf ("%.2f", value) : g_strdup (_("undefined"));
}

char *
errata_report_dup_mode_agreement (const ErrataReportMode *mode)
{
  g_autofree char *ac1 = NULL;
  g_autofree char *kappa = NULL;
  g_autofree char *figures = NULL;

  g_return_val_if_fail (mode != NULL, NULL);

  if (mode->agreement_reviewers == 0)
    return NULL;
  if (mode->agreement_reviewers == 1)
    return g_strdup (_("One reviewer: nobody else reviewed these traces, so agreement between "
                       "reviewers is not known"));
  if (mode->agreement_items == 0)
    return g_strdup_printf (_("%u reviewers, but no trace reviewed by two of them: agreement "
                              "between reviewers is not known"), mode->agreement_reviewers);
  ac1 = format_coefficient (mode->agreement_ac1_defined, mode->agreement_ac1);
  kappa = format_coefficient (mode->agreement_kappa_defined, mode->agreement_kappa);
  /* Translators: "Agreement between reviewers: AC1 0.78 (95% interval 0.50–1.00), κ 0.71,
   * on 24 traces reviewed by two or more of 2 reviewers". */
  if (isnan (mode->agreement_ac1_interval.lower))
    figures = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Agreement between reviewers: AC1 %s, κ %s, on %u trace reviewed "
                                         "by two or more of %u reviewers",
                                         "Agreement between reviewers: AC1 %s, κ %s, on %u traces reviewed "
                                         "by two or more of %u reviewers",
                                         mode->agreement_items),
                            ac1, kappa, mode->agreement_items, mode->agreement_reviewers);
  else
    figures = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Agreement between reviewers: AC1 %s (95%% interval %.2f–%.2f), "
                                       "κ %s, on %u trace reviewed by two or more of %u "
                                       "reviewers",
                                       "Agreement between reviewers: AC1 %s (95%% interval %.2f–%.2f), "
                                       "κ %s, on %u traces reviewed by two or more of %u "
                                       "reviewers",
                                       mode->agreement_items),
                          ac1, mode->agreement_ac1_interval.lower,
                          mode->agreement_ac1_interval.upper, kappa, mode->agreement_items,
                          mode->agreement_reviewers);
  if (mode->agreement_items >= ERRATA_AGREEMENT_FEW_ITEMS)
    return g_steal_pointer (&figures);
  /* Translators: agreement figures, then a caution. */
  return g_strdup_printf (_("%s (too few shared traces to rely on)"), figures);
}

char *
errata_report_dup_mode_imported (const ErrataReportMode *mode)
{
  g_return_val_if_fail (mode != NULL, NULL);

  if (mode->imported == 0)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Imported labels put %u trace here (not in the share)",
                                       "Imported labels put %u traces here (not in the share)",
                                       mode->imported),
                          mode->imported);
}

char *
errata_report_dup_rate (gboolean        defined,
                        double          rate,
                        ErrataInterval  interval,
                        const char     *undefined_why)
{
  g_autofree char *value = NULL;
  g_autofree char *range = NULL;

  if (!defined)
    /* Translators: a rate that cannot be computed, and why. */
    return g_strdup_printf (_("not defined: %s"), undefined_why);
  value = errata_report_format_percent (rate);
  range = errata_report_format_interval (interval);
  return g_strdup_printf (_("%s (95%% interval %s)"), value, range);
}

static char *
dup_looks (guint n_looks)
{
  if (n_looks == 1)
    return g_strdup (_("test looked at once"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "test looked at %u time",
                                       "test looked at %u times", n_looks), n_looks);
}

char *
errata_report_dup_judge_summary (const ErrataReportJudge *judge)
{
  g_autofree char *date = NULL;
  g_autofree char *looks = NULL;

  g_return_val_if_fail (judge != NULL, NULL);

  looks = dup_looks (judge->n_looks);
  if (!judge->validated && judge->n_looks == 0)
    return g_strdup (_("Not validated: never run on the test traces"));
  if (!judge->validated)
    /* Translators: the second part is "test looked at 2 times". */
    return g_strdup_printf (_("Not validated: no run on the test traces finished · %s"), looks);
  date = errata_report_format_date (judge->tested_at);
  /* Translators: "Measured on 40 test traces on 3 March 2026 (version 2) ·
   * test looked at once". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Measured on %u test trace on %s (version %u) · %s",
                                       "Measured on %u test traces on %s (version %u) · %s",
                                       judge->n_test),
                          judge->n_test, date, judge->version, looks);
}

char *
errata_report_dup_saturation (const ErrataReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  if (report->saturated)
    return g_strdup_printf (_("Saturated: the last %u reviews found no new failure mode."),
                            ERRATA_REPORT_SATURATION_WINDOW);
  return g_strdup_printf (_("Not saturated yet: new failure modes were still found within the "
                            "last %u reviews, or there are fewer reviews than that."),
                          ERRATA_REPORT_SATURATION_WINDOW);
}

char *
errata_report_dup_synthetic (const ErrataReport *report)
{
  g_autofree char *share = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  if (report->n_synthetic == 0 || report->n_traces == 0)
    return NULL;
  share = errata_report_format_percent ((double)report->n_synthetic / report->n_traces);
  /* Translators: "40 of 100 traces (40%) are synthetic". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u trace (%s) is synthetic",
                                       "%u of %u traces (%s) are synthetic", report->n_traces),
                          report->n_synthetic, report->n_traces, share);
}

char *
errata_report_dup_split (const ErrataReportSplit *split)
{
  g_return_val_if_fail (split != NULL, NULL);

  /* Translators: "Refunds: 20 train · 40 dev · 40 test"; keep train, dev
   * and test as the split names the app uses. */
  return g_strdup_printf (_("%s: %u train · %u dev · %u test"), split->target, split->train,
                          split->dev, split->test);
}

const char *
errata_report_empty_text (const ErrataReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  if (report->n_traces == 0)
    return _("The project has no traces yet: import some, review them, and the report fills in.");
  if (report->n_reviewed == 0)
    return _("No trace has been reviewed here yet: the report counts reviews made in Errata.");
  if (report->modes->len == 0)
    return _("No failure modes yet: group the reviewers’ notes into failure modes on the "
             "Failure Modes page.");
  return NULL;
}
