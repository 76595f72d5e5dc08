/* errata-report-document.c
 *
 * The report as a list of blocks (a paragraph in Pango markup, or a
 * chart), measured for the page width and placed on pages: a block that
 * does not fit starts the next page, and a heading never ends one.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-report-document.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "errata-chart-style.h"
#include "errata-report-chart.h"
#include "errata-report-svg.h"
#include "errata-report-text.h"

#define MARGIN        56.0
#define FOOTER_HEIGHT 24.0
#define FONT          "Cantarell"
/* The charts are drawn in CSS pixels (1/96 in), a PDF page in points
 * (1/72 in): a chart is scaled by this to keep its text the size it has
 * on screen. */
#define PX            0.75

typedef enum
{
  TEXT_TITLE,
  TEXT_H2,
  TEXT_H3,
  TEXT_BODY,
  TEXT_SMALL,
} TextKind;

typedef struct
{
  char                 *markup;       /* NULL for a chart */
  TextKind              kind;
  double                indent;
  gboolean              heading;      /* keep with the next block */
  gboolean              dim;
  ErrataReportDrawFunc  draw;
  gconstpointer         data;
  double                chart_width;  /* at most; 0: the text width */
  double                chart_height;
  /* Set by the pagination. */
  double                space_before;
  double                height;
  guint                 page;
  double                y;
} Block;

struct _ErrataReportDocument
{
  const ErrataReport *report;
  GArray             *blocks;        /* Block */
  double              width;
  double              height;
  guint               n_pages;
};

static void
block_clear (Block *block)
{
  g_free (block->markup);
}

static Block *
add_text (ErrataReportDocument *self,
          TextKind              kind,
          char                 *markup)
{
  Block block = { .markup = markup, .kind = kind, .heading = kind <= TEXT_H3 };

  g_array_append_val (self->blocks, block);
  return &g_array_index (self->blocks, Block, self->blocks->len - 1);
}

static Block *
add_printf (ErrataReportDocument *self,
            TextKind              kind,
            const char           *format,
            ...) G_GNUC_PRINTF (3, 4);

static Block *
add_printf (ErrataReportDocument *self,
            TextKind              kind,
            const char           *format,
            ...)
{
  va_list args;
  char *markup;

  va_start (args, format);
  markup = g_markup_vprintf_escaped (format, args);
  va_end (args);
  return add_text (self, kind, markup);
}

static void
add_chart (ErrataReportDocument *self,
           ErrataReportDrawFunc  draw,
           gconstpointer         data,
           double                width,
           double                height)
{
  Block block = { .draw = draw, .data = data, .chart_width = width, .chart_height = height };

  g_array_append_val (self->blocks, block);
}

/* A footnote mark: the number of the explanation at the end. */
static const char *
mark (ErrataReportNote note)
{
  static const char * const marks[] = { "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "¹⁰",
                                        "¹¹", "¹²", "¹³" };
  G_STATIC_ASSERT (G_N_ELEMENTS (marks) >= ERRATA_REPORT_N_NOTES);

  return marks[note];
}

static void
build_header (ErrataReportDocument *self)
{
  const ErrataReport *report = self->report;
  g_autofree char *date = errata_report_format_date (report->generated_at);
  g_autofree char *counts = errata_report_dup_counts_line (report);

  add_printf (self, TEXT_SMALL, "%s", _("Errata report"))->dim = TRUE;
  add_printf (self, TEXT_TITLE, "%s", report->title);
  /* Translators: "Made on 3 March 2026 · 12 traces reviewed here · 101 imported labels". */
  add_printf (self, TEXT_BODY, _("Made on %s · %s%s"), date, counts, mark (ERRATA_REPORT_NOTE_REVIEWED));
}

/* The top three, as the HTML's summary box. */
static void
build_summary (ErrataReportDocument *self)
{
  const ErrataReport *report = self->report;

  if (report->modes->len == 0 || report->n_reviewed == 0)
    return;
  add_printf (self, TEXT_H3, "%s", _("Most frequent failures"));
  for (guint i = 0; i < MIN (3, report->modes->len); i++)
    {
      const ErrataReportMode *mode = report->modes->pdata[i];
      g_autofree char *share = errata_report_dup_mode_share (mode);
      g_autofree char *corrected = mode->has_corrected
                                   ? errata_report_format_percent (mode->corrected) : NULL;
      Block *block;

      if (corrected != NULL)
        block = add_printf (self, TEXT_BODY, _("%u. %s — %s; judge estimate %s"), i + 1,
                            mode->name, share, corrected);
      else
        block = add_printf (self, TEXT_BODY, "%u. %s — %s", i + 1, mode->name, share);
      block->indent = 12;
    }
}

static void
build_example (ErrataReportDocument      *self,
               const ErrataReportExample *example,
               guint                      number)
{
  Block *block;

  /* Translators: "Example 1 · trace conv-17". */
  add_printf (self, TEXT_SMALL, _("Example %u · trace %s"), number, example->external_id)->dim = TRUE;
  block = add_printf (self, TEXT_BODY, "<b>%s</b> %s", _("User:"), example->question);
  block->indent = 12;
  block = add_printf (self, TEXT_BODY, "<b>%s</b> %s", _("Reply:"), example->reply);
  block->indent = 12;
  if (*example->note != '\0')
    {
      /* Translators: a reviewer's note on the example, "Note (Ana):". */
      g_autofree char *who = g_strdup_printf (_("Note (%s):"), example->annotator);

      block = add_printf (self, TEXT_BODY, "<b>%s</b> <i>%s</i>", who, example->note);
      block->indent = 12;
    }
}

static void
build_mode (ErrataReportDocument   *self,
            const ErrataReportMode *mode)
{
  g_autofree char *percent = errata_report_format_percent (mode->share);
  g_autofree char *interval = errata_report_format_interval (mode->interval);
  g_autofree char *count = errata_report_dup_mode_count (mode, self->report->n_reviewed);
  g_autofree char *corrected = errata_report_dup_mode_corrected (mode);
  g_autofree char *imported = errata_report_dup_mode_imported (mode);
  g_autofree char *no_corrected = errata_report_dup_mode_no_corrected (mode);
  g_autofree char *agreement = errata_report_dup_mode_agreement (mode);

  add_printf (self, TEXT_H3, "%s", mode->name);
  if (*mode->definition != '\0')
    add_printf (self, TEXT_BODY, "%s", mode->definition)->dim = TRUE;
  /* Translators: "40%¹ · 4 of 10 reviewed traces · 95% interval 17–69%²". */
  add_printf (self, TEXT_BODY, _("<b>%s</b>%s · %s · 95%% interval %s%s"), percent,
              mark (ERRATA_REPORT_NOTE_SHARE), count, interval, mark (ERRATA_REPORT_NOTE_INTERVAL));
  if (agreement != NULL)
    add_printf (self, TEXT_SMALL, "%s%s", agreement, mark (ERRATA_REPORT_NOTE_AGREEMENT))->dim = TRUE;
  if (corrected != NULL)
    {
      add_printf (self, TEXT_BODY, "<b>%s</b>%s", corrected, mark (ERRATA_REPORT_NOTE_CORRECTED));
      add_chart (self, errata_report_chart_draw_corrected, mode, 420, 80);
    }
  if (no_corrected != NULL)
    add_printf (self, TEXT_SMALL, "%s", no_corrected)->dim = TRUE;
  if (imported != NULL)
    add_printf (self, TEXT_SMALL, "%s%s", imported, mark (ERRATA_REPORT_NOTE_IMPORTED))->dim = TRUE;
  for (guint i = 0; i < mode->examples->len; i++)
    build_example (self, mode->examples->pdata[i], i + 1);
}

static void
build_modes (ErrataReportDocument *self)
{
  const ErrataReport *report = self->report;
  const char *empty = errata_report_empty_text (report);

  add_printf (self, TEXT_H2, "%s", _("What breaks, and how often"));
  if (empty != NULL)
    {
      add_printf (self, TEXT_BODY, "%s", empty);
      return;
    }
  add_printf (self, TEXT_BODY, _("Failure modes, most frequent first: the share of the %u "
                                 "traces reviewed here that fail each one, with its 95%% "
                                 "interval%s."), report->n_reviewed,
              mark (ERRATA_REPORT_NOTE_INTERVAL));
  add_chart (self, errata_report_chart_draw_modes, report, 0,
             errata_report_chart_modes_height (report));
  for (guint i = 0; i < report->modes->len; i++)
    build_mode (self, report->modes->pdata[i]);
}

static void
build_judge (ErrataReportDocument    *self,
             const ErrataReportJudge *judge)
{
  g_autofree char *summary = errata_report_dup_judge_summary (judge);

  /* Translators: an evaluator, what it measures, and its kind:
   * "Refund judge — measures “Refunds” (judge)". */
  add_printf (self, TEXT_H3, _("%s — measures “%s” (%s)"), judge->name, judge->target, judge->kind);
  if (!judge->validated)
    {
      add_printf (self, TEXT_BODY, "<b>%s</b>%s", summary, mark (ERRATA_REPORT_NOTE_NOT_VALIDATED));
      return;
    }
  {
    g_autofree char *tpr = errata_report_dup_rate (judge->tpr_defined, judge->tpr,
                                                   judge->tpr_interval,
                                                   _("no test trace a person passed"));
    g_autofree char *tnr = errata_report_dup_rate (judge->tnr_defined, judge->tnr,
                                                   judge->tnr_interval,
                                                   _("no test trace a person failed"));

    add_printf (self, TEXT_BODY, "TPR%s %s · TNR%s %s", mark (ERRATA_REPORT_NOTE_TPR), tpr,
                mark (ERRATA_REPORT_NOTE_TNR), tnr);
    add_printf (self, TEXT_SMALL, "%s%s", summary, mark (ERRATA_REPORT_NOTE_LOOKS))->dim = TRUE;
    add_chart (self, errata_report_chart_draw_judge, judge, 260, 180);
  }
}

static void
build_judges (ErrataReportDocument *self)
{
  const ErrataReport *report = self->report;

  add_printf (self, TEXT_H2, "%s", _("How far the judges can be trusted"));
  if (report->judges->len == 0)
    {
      add_printf (self, TEXT_BODY, "%s", _("No evaluators yet: every number above comes from "
                                           "people’s reviews."));
      return;
    }
  for (guint i = 0; i < report->judges->len; i++)
    build_judge (self, report->judges->pdata[i]);
}

/* The experiment comparison made last, when there is one. */
static void
build_experiment (ErrataReportDocument *self)
{
  const ErrataExperimentComparison *comparison = self->report->experiment;
  g_autofree char *lead = NULL;

  if (comparison == NULL)
    return;
  lead = errata_report_dup_experiment_lead (comparison);
  add_printf (self, TEXT_H2, "%s", _("The last experiment"));
  add_printf (self, TEXT_BODY, "%s", lead);
  for (guint c = 0; c < comparison->candidates->len; c++)
    {
      const ErrataExperimentCandidate *candidate = comparison->candidates->pdata[c];

      add_printf (self, TEXT_H3, _("Candidate “%s”"), candidate->name);
      for (guint r = 0; r < candidate->rows->len; r++)
        {
          g_autofree char *line = errata_report_dup_experiment_row (candidate->rows->pdata[r]);

          add_printf (self, TEXT_BODY, "%s", line);
        }
    }
}

static void
build_coverage (ErrataReportDocument *self)
{
  const ErrataReport *report = self->report;
  g_autofree char *saturation = errata_report_dup_saturation (report);
  g_autofree char *synthetic = errata_report_dup_synthetic (report);

  add_printf (self, TEXT_H2, "%s", _("Coverage and method"));
  add_printf (self, TEXT_BODY, g_dngettext (GETTEXT_PACKAGE,
                                            "%u trace in the project · %u reviewed here%s by %u reviewer",
                                            "%u traces in the project · %u reviewed here%s by %u reviewers",
                                            report->n_traces),
              report->n_traces, report->n_reviewed, mark (ERRATA_REPORT_NOTE_REVIEWED),
              report->n_reviewers);
  add_printf (self, TEXT_BODY, g_dngettext (GETTEXT_PACKAGE,
                                            "%u trace with an imported label%s, counted apart",
                                            "%u traces with imported labels%s, counted apart",
                                            report->n_imported),
              report->n_imported, mark (ERRATA_REPORT_NOTE_IMPORTED));
  add_printf (self, TEXT_BODY, "%s%s", saturation, mark (ERRATA_REPORT_NOTE_SATURATION));
  if (report->saturation->len > 0)
    add_chart (self, errata_report_chart_draw_saturation, report, 420, 160);
  for (guint i = 0; i < report->splits->len; i++)
    {
      g_autofree char *split = errata_report_dup_split (report->splits->pdata[i]);

      add_printf (self, TEXT_BODY, "%s%s", split, mark (ERRATA_REPORT_NOTE_SPLITS));
    }
  if (synthetic != NULL)
    add_printf (self, TEXT_BODY, "%s%s", synthetic, mark (ERRATA_REPORT_NOTE_SYNTHETIC));
  for (guint i = 0; i < report->dimensions->len; i++)
    {
      const ErrataReportDimension *dimension = report->dimensions->pdata[i];

      /* Translators: a synthetic dimension, a value of it and how many traces have it. */
      add_printf (self, TEXT_SMALL, _("%s = %s: %u"), dimension->dimension, dimension->value,
                  dimension->count)->indent = 12;
    }
}

static void
build_notes (ErrataReportDocument *self)
{
  add_printf (self, TEXT_H2, "%s", _("What the numbers mean"));
  for (guint i = 0; i < ERRATA_REPORT_N_NOTES; i++)
    add_printf (self, TEXT_SMALL, "%s %s", mark (i), errata_report_note_text (i));
}

ErrataReportDocument *
errata_report_document_new (const ErrataReport *report)
{
  ErrataReportDocument *self;

  g_return_val_if_fail (report != NULL, NULL);

  self = g_new0 (ErrataReportDocument, 1);
  self->report = report;
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, (GDestroyNotify)block_clear);
  build_header (self);
  build_summary (self);
  build_modes (self);
  build_judges (self);
  build_experiment (self);
  build_coverage (self);
  build_notes (self);
  return self;
}

void
errata_report_document_free (ErrataReportDocument *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->blocks, g_array_unref);
  g_free (self);
}

static PangoLayout *
block_layout (cairo_t     *cr,
              const Block *block,
              double       width)
{
  static const double sizes[] = { [TEXT_TITLE] = 24, [TEXT_H2] = 16, [TEXT_H3] = 12.5,
                                  [TEXT_BODY] = 10, [TEXT_SMALL] = 8.5 };
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT);

  pango_font_description_set_absolute_size (font, sizes[block->kind] * PANGO_SCALE);
  if (block->kind <= TEXT_H3)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int)((width - block->indent) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_spacing (layout, (int)(sizes[block->kind] * 0.25 * PANGO_SCALE));
  pango_layout_set_markup (layout, block->markup, -1);
  return layout;
}

static double
space_before (const Block *block)
{
  if (block->markup == NULL)
    return 8;
  switch (block->kind)
    {
    case TEXT_TITLE: return 2;
    case TEXT_H2: return 22;
    case TEXT_H3: return 14;
    case TEXT_BODY: return 5;
    case TEXT_SMALL: default: return 4;
    }
}

static void
measure (ErrataReportDocument *self,
         cairo_t              *cr,
         Block                *block,
         double                text_width)
{
  block->space_before = space_before (block);
  if (block->markup != NULL)
    {
      g_autoptr(PangoLayout) layout = block_layout (cr, block, text_width);
      int h;

      pango_layout_get_pixel_size (layout, NULL, &h);
      block->height = h;
    }
  else
    block->height = block->chart_height * PX;
}

/* A heading is measured with what follows it, so it never ends a page. */
static double
kept_height (ErrataReportDocument *self,
             guint                 i)
{
  Block *block = &g_array_index (self->blocks, Block, i);
  double height = block->height;

  if (block->heading && i + 1 < self->blocks->len)
    height += g_array_index (self->blocks, Block, i + 1).space_before + kept_height (self, i + 1);
  return height;
}

guint
errata_report_document_paginate (ErrataReportDocument *self,
                                 cairo_t              *cr,
                                 double                width,
                                 double                height)
{
  double text_width = width - 2 * MARGIN;
  double bottom = height - MARGIN - FOOTER_HEIGHT;
  double y = MARGIN;
  guint page = 0;

  g_return_val_if_fail (self != NULL && cr != NULL, 0);

  self->width = width;
  self->height = height;
  for (guint i = 0; i < self->blocks->len; i++)
    measure (self, cr, &g_array_index (self->blocks, Block, i), text_width);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);
      double top = y == MARGIN ? y : y + block->space_before;

      if (top + kept_height (self, i) > bottom && y > MARGIN)
        {
          page++;
          top = MARGIN;
        }
      block->page = page;
      block->y = top;
      y = top + block->height;
    }
  self->n_pages = page + 1;
  return self->n_pages;
}

static void
draw_footer (ErrataReportDocument *self,
             cairo_t              *cr,
             guint                 page)
{
  /* Translators: the footer of a page of the report, "Page 2 of 5". */
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);
  Block footer = { .kind = TEXT_SMALL };
  g_autoptr(PangoLayout) layout = NULL;

  footer.markup = g_markup_printf_escaped ("%s — %s\t%s", _("Errata report"), self->report->title,
                                           number);
  layout = block_layout (cr, &footer, self->width - 2 * MARGIN);
  {
    PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_RIGHT,
                                                              (int)(self->width - 2 * MARGIN));

    pango_layout_set_tabs (layout, tabs);
    pango_tab_array_free (tabs);
  }
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  cairo_move_to (cr, MARGIN, self->height - MARGIN);
  pango_cairo_show_layout (cr, layout);
  g_free (footer.markup);
}

static void
draw_block (ErrataReportDocument *self,
            cairo_t              *cr,
            const Block          *block)
{
  double text_width = self->width - 2 * MARGIN;

  cairo_save (cr);
  if (block->markup != NULL)
    {
      g_autoptr(PangoLayout) layout = block_layout (cr, block, text_width);

      if (block->dim)
        cairo_set_source_rgb (cr, 0.36, 0.36, 0.38);
      else
        cairo_set_source_rgb (cr, 0.12, 0.12, 0.14);
      cairo_move_to (cr, MARGIN + block->indent, block->y);
      pango_cairo_show_layout (cr, layout);
    }
  else
    {
      double chart_width = block->chart_width > 0 ? MIN (block->chart_width, text_width / PX)
                                                  : text_width / PX;

      cairo_translate (cr, MARGIN, block->y);
      cairo_scale (cr, PX, PX);
      cairo_rectangle (cr, 0, 0, chart_width, block->chart_height);
      cairo_clip (cr);
      block->draw (cr, chart_width, block->chart_height, (gpointer)block->data);
    }
  cairo_restore (cr);
}

void
errata_report_document_draw_page (ErrataReportDocument *self,
                                  cairo_t              *cr,
                                  guint                 page)
{
  g_return_if_fail (self != NULL && cr != NULL);
  g_return_if_fail (page < self->n_pages);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *block = &g_array_index (self->blocks, Block, i);

      if (block->page == page)
        draw_block (self, cr, block);
    }
  draw_footer (self, cr, page);
}

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  GOutputStream *stream = closure;

  if (!g_output_stream_write_all (stream, data, length, NULL, NULL, NULL))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
render_pdf (const ErrataReport *report,
            GOutputStream      *stream)
{
  g_autoptr(ErrataReportDocument) document = errata_report_document_new (report);
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint n_pages;

  surface = cairo_pdf_surface_create_for_stream (write_to_stream, stream,
                                                 ERRATA_REPORT_PAGE_WIDTH,
                                                 ERRATA_REPORT_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, report->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Errata");
  cr = cairo_create (surface);
  n_pages = errata_report_document_paginate (document, cr, ERRATA_REPORT_PAGE_WIDTH,
                                             ERRATA_REPORT_PAGE_HEIGHT);
  for (guint page = 0; page < n_pages; page++)
    {
      errata_report_document_draw_page (document, cr, page);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

gboolean
errata_report_write_pdf (const ErrataReport  *report,
                         GFile               *file,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  cairo_status_t status;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                           error);
  if (stream == NULL)
    return FALSE;
  status = render_pdf (report, G_OUTPUT_STREAM (stream));
  if (status != CAIRO_STATUS_SUCCESS)
    {
      /* Cancelling the replace leaves the file as it was. */
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}
