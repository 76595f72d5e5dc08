/* errata-report-page-build.c: the Report page's widgets, built from an
 * ErrataReport. Every number's tooltip is the explanation the HTML and
 * the PDF give as a footnote (errata-report-text.c).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-report-page-private.h"

#include <glib/gi18n.h>

#include "errata-chart-saturation.h"
#include "errata-chart-widget-style.h"
#include "errata-interval-chart.h"
#include "errata-report-chart.h"
#include "errata-report-text.h"

static GtkWidget *
label_new (const char *text,
           const char *css_class,
           const char *tooltip)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (label, tooltip);
  return label;
}

/* A number and what it means: the explanation is its tooltip. */
static GtkWidget *
number_new (const char       *text,
            const char       *css_class,
            ErrataReportNote  note)
{
  return label_new (text, css_class, errata_report_note_text (note));
}

static GtkWidget *
box_new (GtkOrientation orientation,
         int            spacing,
         const char    *css_class)
{
  GtkWidget *box = gtk_box_new (orientation, spacing);

  if (css_class != NULL)
    gtk_widget_add_css_class (box, css_class);
  return box;
}

/* A card with room inside; content goes into the box returned, the card
 * is its parent. */
static GtkWidget *
card_new (void)
{
  GtkWidget *card = box_new (GTK_ORIENTATION_VERTICAL, 0, "card");
  GtkWidget *inner = box_new (GTK_ORIENTATION_VERTICAL, 6, NULL);

  gtk_widget_add_css_class (card, "report-card");
  g_object_set (inner, "margin-top", 12, "margin-bottom", 14, "margin-start", 16,
                "margin-end", 16, NULL);
  gtk_box_append (GTK_BOX (card), inner);
  return inner;
}

static void
append_card (ErrataReportPage *self,
             GtkWidget        *inner)
{
  gtk_box_append (self->content, gtk_widget_get_parent (inner));
}

static void
append (GtkBox    *box,
        GtkWidget *child)
{
  gtk_box_append (box, child);
}

static void
add_section_title (ErrataReportPage *self,
                   const char       *title)
{
  GtkWidget *label = label_new (title, "title-2", NULL);

  gtk_widget_set_margin_top (label, 24);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  append (self->content, label);
}

/* Charts ----------------------------------------------------------------- */

static void
draw_modes (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  ErrataReportPage *self = data;
  ErrataChartStyle style;

  if (self->report == NULL)
    return;
  errata_chart_style_init_from_widget (&style, GTK_WIDGET (area));
  errata_report_chart_modes_draw (cr, width, height, &style, self->report);
}

static gboolean
modes_query_tooltip (GtkWidget        *area,
                     int               x,
                     int               y,
                     gboolean          keyboard_mode,
                     GtkTooltip       *tooltip,
                     ErrataReportPage *self)
{
  const ErrataReportMode *mode;
  g_autofree char *share = NULL;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  int row;

  if (self->report == NULL || keyboard_mode
      || (row = errata_report_chart_modes_hit (self->report, y)) < 0)
    return FALSE;
  mode = self->report->modes->pdata[row];
  share = errata_report_dup_mode_share (mode);
  count = errata_report_dup_mode_count (mode, self->report->n_reviewed);
  text = g_strdup_printf ("%s: %s\n%s\n\n%s\n\n%s", mode->name, share, count,
                          errata_report_note_text (ERRATA_REPORT_NOTE_INTERVAL),
                          _("Click to list its traces on the Traces page."));
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { 0, row * ERRATA_REPORT_CHART_ROW_HEIGHT,
                                                        gtk_widget_get_width (area),
                                                        ERRATA_REPORT_CHART_ROW_HEIGHT });
  return TRUE;
}

/* A bar asks for the traces of its mode, as the Failure Modes page's
 * Pareto chart does. */
static void
modes_pressed (GtkGestureClick  *gesture,
               int               n_press,
               double            x,
               double            y,
               ErrataReportPage *self)
{
  int row;

  if (self->report == NULL || (row = errata_report_chart_modes_hit (self->report, y)) < 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "report.mode-traces", "x",
                              ((ErrataReportMode *)self->report->modes->pdata[row])->id);
}

static GtkWidget *
modes_chart_new (ErrataReportPage *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkWidget *area = gtk_drawing_area_new ();
  g_autofree char *description = errata_report_chart_modes_dup_description (self->report);

  gtk_widget_add_css_class (area, "report-modes-chart");
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area),
                                       (int)errata_report_chart_modes_height (self->report));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_modes, self, NULL);
  gtk_widget_set_has_tooltip (area, TRUE);
  g_signal_connect (area, "query-tooltip", G_CALLBACK (modes_query_tooltip), self);
  g_signal_connect (click, "released", G_CALLBACK (modes_pressed), self);
  gtk_widget_add_controller (area, GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_cursor_from_name (area, "pointer");
  gtk_accessible_update_property (GTK_ACCESSIBLE (area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Failure modes by share"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  return area;
}

static void
draw_saturation (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        data)
{
  ErrataReportPage *self = data;
  ErrataChartStyle style;

  if (self->report == NULL)
    return;
  errata_chart_style_init_from_widget (&style, GTK_WIDGET (area));
  errata_chart_saturation_draw (cr, width, height, &style,
                                (const guint *)self->report->saturation->data,
                                self->report->saturation->len, ERRATA_REPORT_SATURATION_WINDOW);
}

static GtkWidget *
saturation_chart_new (ErrataReportPage *self,
                      const char       *description)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 160);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_saturation, self, NULL);
  gtk_widget_set_tooltip_text (area, errata_report_note_text (ERRATA_REPORT_NOTE_SATURATION));
  gtk_accessible_update_property (GTK_ACCESSIBLE (area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Saturation"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  return area;
}

static void
draw_judge (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        judge)
{
  ErrataChartStyle style;

  errata_chart_style_init_from_widget (&style, GTK_WIDGET (area));
  errata_report_chart_judge_draw (cr, width, height, &style, judge);
}

/* The drawing reads the judge of self->report: it is rebuilt with the
 * report, never outlives it. */
static GtkWidget *
judge_chart_new (const ErrataReportJudge *judge)
{
  GtkWidget *area = gtk_drawing_area_new ();
  g_autofree char *description = errata_report_chart_judge_dup_description (judge);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 260);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 180);
  gtk_widget_set_halign (area, GTK_ALIGN_START);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_judge, (gpointer)judge, NULL);
  gtk_widget_set_tooltip_text (area, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("TPR and TNR on test"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  return area;
}

/* Failure modes ---------------------------------------------------------- */

static GtkWidget *
markup_label_new (const char *markup)
{
  GtkWidget *label = label_new (markup, NULL, NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), TRUE);
  return label;
}

/* A row of the examples' list: activating it asks for the trace. */
static GtkWidget *
example_new (const ErrataReportExample *example)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = box_new (GTK_ORIENTATION_VERTICAL, 4, NULL);
  /* Translators: a bold label before the user's message of an example. */
  g_autofree char *question = g_markup_printf_escaped ("<b>%s</b> %s", _("User:"), example->question);
  g_autofree char *reply = g_markup_printf_escaped ("<b>%s</b> %s", _("Reply:"), example->reply);
  g_autofree char *tooltip = g_strdup_printf (_("Open trace %s on the Traces page"),
                                              example->external_id);

  g_object_set (box, "margin-top", 8, "margin-bottom", 8, "margin-start", 12, "margin-end", 12,
                NULL);
  append (GTK_BOX (box), markup_label_new (question));
  append (GTK_BOX (box), markup_label_new (reply));
  if (*example->note != '\0')
    {
      g_autofree char *who = g_strdup_printf (_("Note (%s):"), example->annotator);
      g_autofree char *note = g_markup_printf_escaped ("<b>%s</b> <i>%s</i>", who, example->note);

      append (GTK_BOX (box), markup_label_new (note));
    }
  append (GTK_BOX (box), label_new (example->external_id, "caption", NULL));
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "dim-label");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_add_css_class (row, "report-example");
  gtk_widget_set_tooltip_text (row, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "report.open-trace");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", example->trace_id);
  return row;
}

static GtkWidget *
examples_new (const ErrataReportMode *mode)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < mode->examples->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), example_new (mode->examples->pdata[i]));
  return list;
}

static void
add_corrected (GtkBox                 *card,
               const ErrataReportMode *mode)
{
  g_autofree char *corrected = errata_report_dup_mode_corrected (mode);
  GtkWidget *row = box_new (GTK_ORIENTATION_HORIZONTAL, 8, NULL);
  GtkWidget *badge = label_new (_("Judge estimate"), "caption-heading", NULL);
  GtkWidget *chart = errata_interval_chart_new ();

  gtk_widget_add_css_class (badge, "accent");
  gtk_label_set_wrap (GTK_LABEL (badge), FALSE);
  gtk_widget_set_hexpand (badge, FALSE);
  gtk_widget_set_valign (badge, GTK_ALIGN_START);
  append (GTK_BOX (row), badge);
  append (GTK_BOX (row), number_new (corrected, NULL, ERRATA_REPORT_NOTE_CORRECTED));
  gtk_widget_set_hexpand (gtk_widget_get_last_child (row), TRUE);
  append (card, row);
  errata_interval_chart_set_estimate (ERRATA_INTERVAL_CHART (chart), mode->observed,
                                      mode->corrected, mode->corrected_interval.lower,
                                      mode->corrected_interval.upper);
  gtk_widget_set_halign (chart, GTK_ALIGN_START);
  append (card, chart);
}

static void
add_mode (ErrataReportPage       *self,
          const ErrataReportMode *mode)
{
  GtkWidget *card = card_new ();
  g_autofree char *percent = errata_report_format_percent (mode->share);
  g_autofree char *share = errata_report_dup_mode_share (mode);
  g_autofree char *count = errata_report_dup_mode_count (mode, self->report->n_reviewed);
  g_autofree char *imported = errata_report_dup_mode_imported (mode);
  g_autofree char *no_corrected = errata_report_dup_mode_no_corrected (mode);
  g_autofree char *agreement = errata_report_dup_mode_agreement (mode);
  g_autofree char *line = g_strdup_printf ("%s · %s", count, share);
  GtkWidget *numbers = box_new (GTK_ORIENTATION_HORIZONTAL, 12, NULL);

  append (GTK_BOX (card), label_new (mode->name, "heading", NULL));
  if (*mode->definition != '\0')
    append (GTK_BOX (card), label_new (mode->definition, "dim-label", NULL));
  append (GTK_BOX (numbers), number_new (percent, "title-1", ERRATA_REPORT_NOTE_SHARE));
  gtk_widget_set_hexpand (gtk_widget_get_last_child (numbers), FALSE);
  append (GTK_BOX (numbers), number_new (line, NULL, ERRATA_REPORT_NOTE_INTERVAL));
  gtk_widget_set_hexpand (gtk_widget_get_last_child (numbers), TRUE);
  gtk_widget_set_valign (gtk_widget_get_last_child (numbers), GTK_ALIGN_CENTER);
  append (GTK_BOX (card), numbers);
  if (agreement != NULL)
    append (GTK_BOX (card), number_new (agreement, "dim-label", ERRATA_REPORT_NOTE_AGREEMENT));
  if (mode->has_corrected)
    add_corrected (GTK_BOX (card), mode);
  if (no_corrected != NULL)
    append (GTK_BOX (card), label_new (no_corrected, "dim-label", NULL));
  if (imported != NULL)
    append (GTK_BOX (card), number_new (imported, "dim-label", ERRATA_REPORT_NOTE_IMPORTED));
  if (mode->examples->len > 0)
    {
      GtkWidget *heading = label_new (_("Examples"), "caption-heading", NULL);

      gtk_widget_set_margin_top (heading, 6);
      append (GTK_BOX (card), heading);
      append (GTK_BOX (card), examples_new (mode));
    }
  append_card (self, card);
}

static void
add_modes (ErrataReportPage *self)
{
  const char *empty = errata_report_empty_text (self->report);
  g_autofree char *lead = NULL;

  add_section_title (self, _("What breaks, and how often"));
  if (empty != NULL)
    {
      append (self->content, label_new (empty, "dim-label", NULL));
      return;
    }
  lead = g_strdup_printf (_("Failure modes, most frequent first: the share of the %u traces "
                            "reviewed here that fail each one, with its 95%% interval."),
                          self->report->n_reviewed);
  append (self->content, number_new (lead, NULL, ERRATA_REPORT_NOTE_INTERVAL));
  append (self->content, modes_chart_new (self));
  for (guint i = 0; i < self->report->modes->len; i++)
    add_mode (self, self->report->modes->pdata[i]);
}

/* Judges ----------------------------------------------------------------- */

static void
add_judge (ErrataReportPage        *self,
           const ErrataReportJudge *judge)
{
  GtkWidget *card = card_new ();
  g_autofree char *summary = errata_report_dup_judge_summary (judge);
  g_autofree char *what = g_strdup_printf (_("Measures “%s” · %s"), judge->target, judge->kind);

  append (GTK_BOX (card), label_new (judge->name, "heading", NULL));
  append (GTK_BOX (card), label_new (what, "dim-label", NULL));
  if (!judge->validated)
    {
      GtkWidget *badge = label_new (_("Not validated"), "caption-heading", NULL);

      gtk_widget_add_css_class (badge, "warning");
      gtk_widget_set_halign (badge, GTK_ALIGN_START);
      append (GTK_BOX (card), badge);
      append (GTK_BOX (card), number_new (summary, NULL, ERRATA_REPORT_NOTE_NOT_VALIDATED));
    }
  else
    {
      g_autofree char *tpr = errata_report_dup_rate (judge->tpr_defined, judge->tpr,
                                                     judge->tpr_interval,
                                                     _("no test trace a person passed"));
      g_autofree char *tnr = errata_report_dup_rate (judge->tnr_defined, judge->tnr,
                                                     judge->tnr_interval,
                                                     _("no test trace a person failed"));
      g_autofree char *tpr_line = g_strdup_printf ("TPR %s", tpr);
      g_autofree char *tnr_line = g_strdup_printf ("TNR %s", tnr);

      append (GTK_BOX (card), number_new (tpr_line, NULL, ERRATA_REPORT_NOTE_TPR));
      append (GTK_BOX (card), number_new (tnr_line, NULL, ERRATA_REPORT_NOTE_TNR));
      append (GTK_BOX (card), number_new (summary, "dim-label", ERRATA_REPORT_NOTE_LOOKS));
      append (GTK_BOX (card), judge_chart_new (judge));
    }
  append_card (self, card);
}

static void
add_judges (ErrataReportPage *self)
{
  add_section_title (self, _("How far the judges can be trusted"));
  if (self->report->judges->len == 0)
    append (self->content, label_new (_("No evaluators yet: every number above comes from "
                                        "people’s reviews."), "dim-label", NULL));
  for (guint i = 0; i < self->report->judges->len; i++)
    add_judge (self, self->report->judges->pdata[i]);
}

/* The last experiment comparison ------------------------------------------ */

static const char *
direction_class (ErrataExperimentDirection direction)
{
  return direction == ERRATA_EXPERIMENT_BETTER ? "success"
         : direction == ERRATA_EXPERIMENT_WORSE ? "error" : NULL;
}

/* Only when the Experiments page compared variants: what changed, per mode. */
static void
add_experiment (ErrataReportPage *self)
{
  const ErrataExperimentComparison *comparison = self->report->experiment;
  g_autofree char *lead = NULL;

  if (comparison == NULL)
    return;
  add_section_title (self, _("The last experiment"));
  lead = errata_report_dup_experiment_lead (comparison);
  append (self->content, label_new (lead, NULL, NULL));
  for (guint c = 0; c < comparison->candidates->len; c++)
    {
      const ErrataExperimentCandidate *candidate = comparison->candidates->pdata[c];
      GtkWidget *card = card_new ();
      /* Translators: a card of the report's experiment section: "Candidate “v2”". */
      g_autofree char *title = g_strdup_printf (_("Candidate “%s”"), candidate->name);

      append (GTK_BOX (card), label_new (title, "heading", NULL));
      for (guint r = 0; r < candidate->rows->len; r++)
        {
          const ErrataExperimentRow *row = candidate->rows->pdata[r];
          g_autofree char *line = errata_report_dup_experiment_row (row);

          append (GTK_BOX (card), label_new (line, direction_class (row->direction), NULL));
        }
      append_card (self, card);
    }
}

/* Coverage --------------------------------------------------------------- */

static void
add_coverage (ErrataReportPage *self)
{
  const ErrataReport *report = self->report;
  GtkWidget *card = card_new ();
  g_autofree char *counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u traces in the project · %u reviewed here by %u reviewer",
                                                          "%u traces in the project · %u reviewed here by %u reviewers",
                                                          report->n_reviewers),
                                             report->n_traces, report->n_reviewed,
                                             report->n_reviewers);
  g_autofree char *imported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u trace with an imported label, counted apart",
                                                            "%u traces with imported labels, counted apart",
                                                            report->n_imported),
                                               report->n_imported);
  g_autofree char *saturation = errata_report_dup_saturation (report);
  g_autofree char *synthetic = errata_report_dup_synthetic (report);

  add_section_title (self, _("Coverage and method"));
  append (GTK_BOX (card), number_new (counts, NULL, ERRATA_REPORT_NOTE_REVIEWED));
  append (GTK_BOX (card), number_new (imported, NULL, ERRATA_REPORT_NOTE_IMPORTED));
  append (GTK_BOX (card), number_new (saturation, NULL, ERRATA_REPORT_NOTE_SATURATION));
  if (report->saturation->len > 0)
    append (GTK_BOX (card), saturation_chart_new (self, saturation));
  for (guint i = 0; i < report->splits->len; i++)
    {
      g_autofree char *split = errata_report_dup_split (report->splits->pdata[i]);

      append (GTK_BOX (card), number_new (split, NULL, ERRATA_REPORT_NOTE_SPLITS));
    }
  if (synthetic != NULL)
    append (GTK_BOX (card), number_new (synthetic, NULL, ERRATA_REPORT_NOTE_SYNTHETIC));
  for (guint i = 0; i < report->dimensions->len; i++)
    {
      const ErrataReportDimension *dimension = report->dimensions->pdata[i];
      g_autofree char *text = g_strdup_printf (_("%s = %s: %u"), dimension->dimension,
                                               dimension->value, dimension->count);

      append (GTK_BOX (card), label_new (text, "dim-label", NULL));
    }
  append_card (self, card);
}

static void
add_header (ErrataReportPage *self)
{
  g_autofree char *counts = errata_report_dup_counts_line (self->report);

  append (self->content, label_new (self->report->title, "title-1", NULL));
  append (self->content, number_new (counts, "dim-label", ERRATA_REPORT_NOTE_REVIEWED));
}

static void
clear_content (ErrataReportPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
}

void
_errata_report_page_build (ErrataReportPage *self)
{
  gboolean has_report = self->report != NULL;

  clear_content (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.export-html", has_report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.export-pdf", has_report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.print", has_report);
  if (!has_report)
    return;
  add_header (self);
  add_modes (self);
  add_judges (self);
  add_experiment (self);
  add_coverage (self);
}
