/* errata-report-html.c
 *
 * Every user or trace string goes through g_markup_escape_text (the
 * GString helpers below); every number carries its explanation twice: as
 * a tooltip (title) and as a numbered footnote, which a phone or a
 * printout shows where a tooltip cannot.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-report-html.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "errata-report-chart.h"
#include "errata-report-svg.h"
#include "errata-report-text.h"

/* What a phone shows of a chart, in CSS pixels. */
#define NARROW_CHART_WIDTH 320.0

static const char style_sheet[] =
  ":root{color-scheme:light dark;--fg:#1e1e22;--dim:#5e5e66;--bg:#fafafb;--card:#fff;"
  "--line:#deddda;--accent:#1c71d8;--warn:#9c6e03;--bad:#c01c28}"
  "@media (prefers-color-scheme:dark){:root{--fg:#f2f2f4;--dim:#b0b0b8;--bg:#1e1e22;"
  "--card:#2a2a2e;--line:#444;--accent:#78aeed;--warn:#f8e45c;--bad:#ff7b63}}"
  "*{box-sizing:border-box}"
  "body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 Cantarell,Inter,"
  "'Segoe UI',system-ui,-apple-system,sans-serif;-webkit-text-size-adjust:100%}"
  "main{max-width:46rem;margin:0 auto;padding:2.5rem 1.25rem 4rem}"
  "h1{font-size:2rem;line-height:1.2;margin:.2rem 0 .5rem}"
  "h2{font-size:1.35rem;margin:3rem 0 .75rem;padding-top:.5rem;border-top:1px solid var(--line)}"
  "h3{font-size:1.1rem;margin:0 0 .35rem}"
  "h4{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--dim);"
  "margin:1.1rem 0 .4rem}"
  "p{margin:.4rem 0}"
  ".eyebrow,.meta,.sub,.definition,footer{color:var(--dim)}"
  ".eyebrow{font-size:.8rem;text-transform:uppercase;letter-spacing:.08em;margin:0}"
  ".summary{background:var(--card);border:1px solid var(--line);border-radius:12px;"
  "padding:1rem 1.25rem;margin:1.5rem 0}"
  ".summary ol{margin:.25rem 0 0;padding-left:1.25rem}"
  "figure{margin:1rem 0;background:#fff;border:1px solid var(--line);border-radius:12px;"
  "padding:.75rem}"
  "figcaption{font-size:.85rem;color:#5e5e66;margin-top:.4rem}"
  "svg.chart{display:block;max-width:100%;height:auto}svg.chart.narrow{display:none}"
  ".card{background:var(--card);border:1px solid var(--line);border-radius:12px;"
  "padding:1rem 1.25rem;margin:1rem 0}"
  ".figure-big{font-size:1.6rem;font-weight:700;font-variant-numeric:tabular-nums}"
  ".numbers span[title],.judge span[title]{text-decoration:underline dotted;cursor:help}"
  ".corrected{border-left:3px solid var(--accent);padding-left:.75rem;margin:.75rem 0}"
  ".badge{display:inline-block;font-size:.75rem;font-weight:700;border-radius:999px;"
  "padding:.05rem .6rem;vertical-align:middle;background:var(--line)}"
  ".badge.estimate{background:var(--accent);color:#fff}"
  ".badge.unvalidated{background:var(--warn);color:#000}"
  ".examples{list-style:none;padding:0;margin:0}"
  ".examples li{border-top:1px solid var(--line);padding:.6rem 0}"
  ".examples dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:.15rem .75rem}"
  ".examples dt{font-weight:700;color:var(--dim);font-size:.85rem;padding-top:.1rem}"
  ".examples dd{margin:0;overflow-wrap:anywhere}"
  ".examples .note{font-style:italic}"
  ".trace-id{font:.8rem/1.4 ui-monospace,'DejaVu Sans Mono',monospace;color:var(--dim)}"
  "sup a{text-decoration:none;color:var(--accent);padding:0 .1rem}"
  "ol.notes li{margin:.35rem 0;color:var(--dim)}"
  "ol.notes li:target{color:var(--fg);background:var(--card)}"
  "dl.coverage{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}"
  "dl.coverage dt{color:var(--dim)}dl.coverage dd{margin:0}"
  "sup{font-size:.7rem;line-height:0}"
  "@media (max-width:32rem){main{padding:1.5rem 1rem 3rem}h1{font-size:1.6rem}"
  "svg.chart.wide{display:none}svg.chart.narrow{display:block}"
  ".examples dl,dl.coverage{grid-template-columns:1fr}.examples dt{padding-top:.4rem}}"
  "@media print{body{background:#fff;color:#000}main{max-width:none;padding:0}"
  ".card,.summary,figure{break-inside:avoid}h2,h3{break-after:avoid}}";

static void
append_printf_escaped (GString    *out,
                       const char *format,
                       ...) G_GNUC_PRINTF (2, 3);

static void
append_printf_escaped (GString    *out,
                       const char *format,
                       ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  g_string_append (out, text);
}

static const char * const note_ids[ERRATA_REPORT_N_NOTES] = {
  "note-share", "note-interval", "note-corrected", "note-tpr", "note-tnr", "note-looks",
  "note-not-validated", "note-reviewed", "note-imported", "note-saturation", "note-splits",
  "note-synthetic", "note-agreement",
};

static void
append_mark (GString          *out,
             ErrataReportNote  note)
{
  g_string_append_printf (out, "<sup><a href=\"#%s\" aria-label=\"", note_ids[note]);
  /* Translators: the accessible name of a footnote link, "Note 3". */
  append_printf_escaped (out, _("Note %u"), note + 1);
  g_string_append_printf (out, "\">%u</a></sup>", note + 1);
}

/* A number with its explanation as a tooltip and a footnote. */
static void
append_number (GString          *out,
               const char       *text,
               ErrataReportNote  note)
{
  append_printf_escaped (out, "<span title=\"%s\">%s</span>", errata_report_note_text (note),
                         text);
  append_mark (out, note);
}

/* A phone shows the narrow drawing, a wider screen the wide one: a chart
 * scaled down to a phone's width would have text too small to read. */
static gboolean
append_chart (GString               *out,
              ErrataReportDrawFunc   draw,
              gpointer               data,
              double                 width,
              double                 height,
              const char            *id_prefix,
              const char            *label,
              const char            *caption,
              GError               **error)
{
  g_autofree char *narrow_prefix = g_strconcat (id_prefix, "n-", NULL);
  g_autofree char *wide = errata_report_svg_render (width, height, draw, data, id_prefix, label,
                                                    "wide", error);
  g_autofree char *narrow = NULL;

  if (wide == NULL)
    return FALSE;
  narrow = errata_report_svg_render (MIN (width, NARROW_CHART_WIDTH), height, draw, data,
                                     narrow_prefix, label, "narrow", error);
  if (narrow == NULL)
    return FALSE;
  g_string_append (out, "<figure>");
  g_string_append (out, wide);
  g_string_append (out, narrow);
  if (caption != NULL)
    append_printf_escaped (out, "<figcaption>%s</figcaption>", caption);
  g_string_append (out, "</figure>\n");
  return TRUE;
}

static void
append_header (GString            *out,
               const ErrataReport *report)
{
  g_autofree char *date = errata_report_format_date (report->generated_at);
  g_autofree char *counts = errata_report_dup_counts_line (report);

  append_printf_escaped (out, "<header><p class=\"eyebrow\">%s</p><h1>%s</h1>",
                         _("Errata report"), report->title);
  g_string_append (out, "<p class=\"meta\">");
  /* Translators: the date the report was made, then what it counts:
   * "Made on 3 March 2026 · 12 traces reviewed here". */
  append_printf_escaped (out, _("Made on %s · "), date);
  append_number (out, counts, ERRATA_REPORT_NOTE_REVIEWED);
  g_string_append (out, "</p></header>\n");
}

/* The top three, in one sentence each: what a reader takes away. */
static void
append_summary (GString            *out,
                const ErrataReport *report)
{
  if (report->modes->len == 0 || report->n_reviewed == 0)
    return;
  append_printf_escaped (out, "<section class=\"summary\" aria-label=\"%s\"><strong>%s</strong><ol>",
                         _("Summary"), _("Most frequent failures"));
  for (guint i = 0; i < MIN (3, report->modes->len); i++)
    {
      const ErrataReportMode *mode = report->modes->pdata[i];
      g_autofree char *share = errata_report_dup_mode_share (mode);

      append_printf_escaped (out, "<li><a href=\"#mode-%" PRId64 "\">%s</a> — %s",
                             mode->id, mode->name, share);
      if (mode->has_corrected)
        {
          g_autofree char *corrected = errata_report_format_percent (mode->corrected);

          /* Translators: after a mode's share in the summary: "; judge estimate 5.7%". */
          append_printf_escaped (out, _("; judge estimate %s"), corrected);
        }
      g_string_append (out, "</li>");
    }
  g_string_append (out, "</ol></section>\n");
}

static void
append_example (GString                   *out,
                const ErrataReportExample *example)
{
  g_string_append (out, "<li><dl>");
  append_printf_escaped (out, "<dt>%s</dt><dd>%s</dd>", _("User"), example->question);
  append_printf_escaped (out, "<dt>%s</dt><dd>%s</dd>", _("Reply"), example->reply);
  if (*example->note != '\0')
    {
      /* Translators: who wrote the note on an example: "Note (Ana)". */
      g_autofree char *who = g_strdup_printf (_("Note (%s)"), example->annotator);

      append_printf_escaped (out, "<dt>%s</dt><dd class=\"note\">%s</dd>", who, example->note);
    }
  append_printf_escaped (out, "<dt>%s</dt><dd class=\"trace-id\">%s</dd>", _("Trace"),
                         example->external_id);
  g_string_append (out, "</dl></li>");
}

static gboolean
append_corrected (GString                *out,
                  const ErrataReportMode *mode,
                  GError                **error)
{
  g_autofree char *corrected = errata_report_dup_mode_corrected (mode);
  g_autofree char *prefix = g_strdup_printf ("m%" PRId64 "-", mode->id);

  append_printf_escaped (out, "<div class=\"corrected\"><span class=\"badge estimate\">%s</span> ",
                         _("Judge estimate"));
  append_number (out, corrected, ERRATA_REPORT_NOTE_CORRECTED);
  g_string_append (out, "</div>");
  return append_chart (out, errata_report_chart_draw_corrected, (gpointer)mode, 420, 80, prefix,
                       corrected, NULL, error);
}

static gboolean
append_mode (GString                *out,
             const ErrataReport     *report,
             const ErrataReportMode *mode,
             GError                **error)
{
  g_autofree char *share = errata_report_dup_mode_share (mode);
  g_autofree char *count = errata_report_dup_mode_count (mode, report->n_reviewed);
  g_autofree char *imported = errata_report_dup_mode_imported (mode);
  g_autofree char *no_corrected = errata_report_dup_mode_no_corrected (mode);
  g_autofree char *agreement = errata_report_dup_mode_agreement (mode);
  g_autofree char *percent = errata_report_format_percent (mode->share);

  append_printf_escaped (out, "<article class=\"card\" id=\"mode-%" PRId64 "\"><h3>%s</h3>",
                         mode->id, mode->name);
  if (*mode->definition != '\0')
    append_printf_escaped (out, "<p class=\"definition\">%s</p>", mode->definition);
  g_string_append (out, "<p class=\"numbers\"><span class=\"figure-big\">");
  append_number (out, percent, ERRATA_REPORT_NOTE_SHARE);
  g_string_append (out, "</span> ");
  append_printf_escaped (out, "<span class=\"sub\">%s · </span>", count);
  append_number (out, share, ERRATA_REPORT_NOTE_INTERVAL);
  g_string_append (out, "</p>");
  if (agreement != NULL)
    {
      g_string_append (out, "<p class=\"sub agreement\">");
      append_number (out, agreement, ERRATA_REPORT_NOTE_AGREEMENT);
      g_string_append (out, "</p>");
    }
  if (mode->has_corrected && !append_corrected (out, mode, error))
    return FALSE;
  if (no_corrected != NULL)
    append_printf_escaped (out, "<p class=\"sub\">%s</p>", no_corrected);
  if (imported != NULL)
    {
      g_string_append (out, "<p class=\"sub\">");
      append_number (out, imported, ERRATA_REPORT_NOTE_IMPORTED);
      g_string_append (out, "</p>");
    }
  if (mode->examples->len > 0)
    {
      append_printf_escaped (out, "<h4>%s</h4><ol class=\"examples\">", _("Examples"));
      for (guint i = 0; i < mode->examples->len; i++)
        append_example (out, mode->examples->pdata[i]);
      g_string_append (out, "</ol>");
    }
  g_string_append (out, "</article>\n");
  return TRUE;
}

static gboolean
append_modes (GString            *out,
              const ErrataReport *report,
              GError            **error)
{
  const char *empty = errata_report_empty_text (report);
  g_autofree char *description = NULL;
  g_autofree char *lead = NULL;

  append_printf_escaped (out, "<section id=\"failure-modes\"><h2>%s</h2>",
                         _("What breaks, and how often"));
  if (empty != NULL)
    {
      append_printf_escaped (out, "<p>%s</p></section>\n", empty);
      return TRUE;
    }
  lead = g_strdup_printf (_("Failure modes, most frequent first: the share of the %u traces "
                            "reviewed here that fail each one, with its 95%% interval."),
                          report->n_reviewed);
  g_string_append (out, "<p>");
  append_number (out, lead, ERRATA_REPORT_NOTE_INTERVAL);
  g_string_append (out, "</p>");
  description = errata_report_chart_modes_dup_description (report);
  if (!append_chart (out, errata_report_chart_draw_modes, (gpointer)report, 640,
                     errata_report_chart_modes_height (report), "modes-", description,
                     /* xgettext:no-c-format */
                     _("Bars: share of reviewed traces; whiskers: 95% interval."), error))
    return FALSE;
  for (guint i = 0; i < report->modes->len; i++)
    if (!append_mode (out, report, report->modes->pdata[i], error))
      return FALSE;
  g_string_append (out, "</section>\n");
  return TRUE;
}

static gboolean
append_judge (GString                 *out,
              const ErrataReportJudge *judge,
              GError                 **error)
{
  g_autofree char *summary = errata_report_dup_judge_summary (judge);

  append_printf_escaped (out, "<article class=\"card judge\"><h3>%s</h3><p class=\"sub\">", judge->name);
  /* Translators: "Measures “Refunds” · judge". */
  append_printf_escaped (out, _("Measures “%s” · %s"), judge->target, judge->kind);
  g_string_append (out, "</p><p>");
  if (!judge->validated)
    {
      append_printf_escaped (out, "<span class=\"badge unvalidated\">%s</span> ", _("Not validated"));
      append_number (out, summary, ERRATA_REPORT_NOTE_NOT_VALIDATED);
      g_string_append (out, "</p></article>\n");
      return TRUE;
    }
  {
    g_autofree char *tpr = errata_report_dup_rate (judge->tpr_defined, judge->tpr,
                                                   judge->tpr_interval,
                                                   _("no test trace a person passed"));
    g_autofree char *tnr = errata_report_dup_rate (judge->tnr_defined, judge->tnr,
                                                   judge->tnr_interval,
                                                   _("no test trace a person failed"));

    g_string_append (out, "<strong>TPR</strong> ");
    append_number (out, tpr, ERRATA_REPORT_NOTE_TPR);
    g_string_append (out, "<br><strong>TNR</strong> ");
    append_number (out, tnr, ERRATA_REPORT_NOTE_TNR);
    g_string_append (out, "</p><p class=\"sub\">");
    append_number (out, summary, ERRATA_REPORT_NOTE_LOOKS);
    g_string_append (out, "</p>");
  }
  {
    g_autofree char *prefix = g_strdup_printf ("j%" PRId64 "-", judge->id);
    g_autofree char *description = errata_report_chart_judge_dup_description (judge);

    if (!append_chart (out, errata_report_chart_draw_judge, (gpointer)judge, 260, 200, prefix,
                       description, NULL, error))
      return FALSE;
  }
  g_string_append (out, "</article>\n");
  return TRUE;
}

static gboolean
append_judges (GString            *out,
               const ErrataReport *report,
               GError            **error)
{
  append_printf_escaped (out, "<section id=\"judges\"><h2>%s</h2>",
                         _("How far the judges can be trusted"));
  if (report->judges->len == 0)
    append_printf_escaped (out, "<p>%s</p>", _("No evaluators yet: every number above comes "
                                                "from people’s reviews."));
  for (guint i = 0; i < report->judges->len; i++)
    if (!append_judge (out, report->judges->pdata[i], error))
      return FALSE;
  g_string_append (out, "</section>\n");
  return TRUE;
}

/* The experiment comparison made last, when there is one. */
static void
append_experiment (GString            *out,
                   const ErrataReport *report)
{
  const ErrataExperimentComparison *comparison = report->experiment;
  g_autofree char *lead = NULL;

  if (comparison == NULL)
    return;
  lead = errata_report_dup_experiment_lead (comparison);
  append_printf_escaped (out, "<section id=\"experiment\"><h2>%s</h2><p>%s</p>",
                         _("The last experiment"), lead);
  for (guint c = 0; c < comparison->candidates->len; c++)
    {
      const ErrataExperimentCandidate *candidate = comparison->candidates->pdata[c];
      g_autofree char *title = g_strdup_printf (_("Candidate “%s”"), candidate->name);

      append_printf_escaped (out, "<article class=\"card\"><h3>%s</h3><ul>", title);
      for (guint r = 0; r < candidate->rows->len; r++)
        {
          g_autofree char *line = errata_report_dup_experiment_row (candidate->rows->pdata[r]);

          append_printf_escaped (out, "<li>%s</li>", line);
        }
      g_string_append (out, "</ul></article>");
    }
  g_string_append (out, "</section>\n");
}

static void
append_term (GString          *out,
             const char       *term,
             const char       *value,
             ErrataReportNote  note)
{
  append_printf_escaped (out, "<dt>%s</dt><dd>", term);
  append_number (out, value, note);
  g_string_append (out, "</dd>");
}

static void
append_coverage_terms (GString            *out,
                       const ErrataReport *report)
{
  g_autofree char *traces = g_strdup_printf ("%u", report->n_traces);
  g_autofree char *reviewed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u (by %u reviewer)",
                                                            "%u (by %u reviewers)",
                                                            report->n_reviewers),
                                               report->n_reviewed, report->n_reviewers);
  g_autofree char *imported = g_strdup_printf ("%u", report->n_imported);
  g_autofree char *synthetic = errata_report_dup_synthetic (report);

  g_string_append (out, "<dl class=\"coverage\">");
  append_printf_escaped (out, "<dt>%s</dt><dd>%s</dd>", _("Traces in the project"), traces);
  append_term (out, _("Reviewed here"), reviewed, ERRATA_REPORT_NOTE_REVIEWED);
  append_term (out, _("Imported labels"), imported, ERRATA_REPORT_NOTE_IMPORTED);
  for (guint i = 0; i < report->splits->len; i++)
    {
      g_autofree char *split = errata_report_dup_split (report->splits->pdata[i]);

      append_term (out, _("Splits"), split, ERRATA_REPORT_NOTE_SPLITS);
    }
  if (synthetic != NULL)
    append_term (out, _("Synthetic"), synthetic, ERRATA_REPORT_NOTE_SYNTHETIC);
  for (guint i = 0; i < report->dimensions->len; i++)
    {
      const ErrataReportDimension *dimension = report->dimensions->pdata[i];

      append_printf_escaped (out, "<dt>%s = %s</dt><dd>%u</dd>", dimension->dimension,
                             dimension->value, dimension->count);
    }
  g_string_append (out, "</dl>");
}

static gboolean
append_coverage (GString            *out,
                 const ErrataReport *report,
                 GError            **error)
{
  g_autofree char *saturation = errata_report_dup_saturation (report);

  append_printf_escaped (out, "<section id=\"coverage\"><h2>%s</h2>", _("Coverage and method"));
  append_coverage_terms (out, report);
  g_string_append (out, "<p>");
  append_number (out, saturation, ERRATA_REPORT_NOTE_SATURATION);
  g_string_append (out, "</p>");
  if (report->saturation->len > 0
      && !append_chart (out, errata_report_chart_draw_saturation, (gpointer)report, 560, 180,
                        "saturation-", saturation,
                        _("Distinct failure modes found against traces reviewed, in review "
                          "order: a flat end means reviewing has saturated."), error))
    return FALSE;
  g_string_append (out, "</section>\n");
  return TRUE;
}

static void
append_notes (GString *out)
{
  append_printf_escaped (out, "<section id=\"notes\"><h2>%s</h2><ol class=\"notes\">",
                         _("What the numbers mean"));
  for (guint i = 0; i < ERRATA_REPORT_N_NOTES; i++)
    append_printf_escaped (out, "<li id=\"%s\">%s</li>", note_ids[i], errata_report_note_text (i));
  g_string_append (out, "</ol></section>\n");
}

char *
errata_report_dup_html (const ErrataReport  *report,
                        GError             **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  /* Translators: the language of the report's text, as an HTML lang value. */
  const char *lang = C_("html lang", "en");

  g_return_val_if_fail (report != NULL, NULL);

  append_printf_escaped (out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                         "<meta name=\"generator\" content=\"Errata\">\n<title>%s — %s</title>\n",
                         lang, report->title, _("Errata report"));
  g_string_append_printf (out, "<style>%s</style>\n</head>\n<body>\n<main>\n", style_sheet);
  append_header (out, report);
  append_summary (out, report);
  if (!append_modes (out, report, error))
    return NULL;
  if (!append_judges (out, report, error))
    return NULL;
  append_experiment (out, report);
  if (!append_coverage (out, report, error))
    return NULL;
  append_notes (out);
  append_printf_escaped (out, "<footer><p>%s</p></footer>\n</main>\n</body>\n</html>\n",
                         _("Made with Errata from the project as it stood. Shares count reviews "
                           "made in Errata; imported labels are counted apart."));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
errata_report_write_html (const ErrataReport  *report,
                          GFile               *file,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_autofree char *html = NULL;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  html = errata_report_dup_html (report, error);
  if (html == NULL)
    return FALSE;
  return g_file_replace_contents (file, html, strlen (html), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, error);
}
