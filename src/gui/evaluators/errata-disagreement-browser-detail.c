/* errata-disagreement-browser-detail.c: the selected trace on the right:
 * the human's label (where it comes from) and notes beside the judge's
 * verdict and reasoning, the conversation below.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-disagreement-browser-private.h"
#include "errata-eval-runs.h"
#include "errata-labels.h"

/* The verdict in words, coloured as the rest of the app colours pass and
 * fail; the colour never carries the meaning alone. */
static void
set_verdict (GtkLabel   *label,
             const char *text,
             const char *css_class)
{
  static const char * const classes[] = { "success", "error", "warning" };

  gtk_label_set_text (label, text);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (g_strcmp0 (classes[i], css_class) == 0)
      gtk_widget_add_css_class (GTK_WIDGET (label), classes[i]);
    else
      gtk_widget_remove_css_class (GTK_WIDGET (label), classes[i]);
}

static void
show_human_verdict (ErrataDisagreementBrowser *self,
                    ErrataVerdict              verdict)
{
  if (verdict == ERRATA_VERDICT_PASS)
    set_verdict (self->human_value_label, C_("verdict", "Pass"), "success");
  else if (verdict == ERRATA_VERDICT_FAIL)
    set_verdict (self->human_value_label, C_("verdict", "Fail"), "error");
  else
    set_verdict (self->human_value_label, _("No label"), "warning");
}

/* "Explicit label by Ana: “the tool said no”", from the newest change. */
static char *
describe_explicit (ErrataProject *project,
                   gint64         target,
                   gint64         trace_id)
{
  g_autoptr(GPtrArray) history = errata_labels_history (project, target, trace_id, NULL);
  ErrataLabelChange *last;

  if (history == NULL || history->len == 0)
    return g_strdup (_("Explicit label"));
  last = g_ptr_array_index (history, history->len - 1);
  if (last->reason != NULL && *last->reason != '\0')
    /* Translators: who set the label, and why, e.g. Explicit label by Ana: “corrected on the Evaluators page” */
    return g_strdup_printf (_("Explicit label by %s: “%s”"), last->who, last->reason);
  /* Translators: %s is who set the label. */
  return g_strdup_printf (_("Explicit label by %s"), last->who);
}

static char *
describe_source (ErrataDisagreementBrowser *self,
                 const ErrataTruth         *truth)
{
  ErrataProject *project = _errata_disagreement_browser_get_project (self);
  g_autofree char *source = NULL;

  switch (truth->source)
    {
    case ERRATA_LABEL_SOURCE_EXPLICIT:
      source = describe_explicit (project, self->target, truth->trace_id);
      break;
    case ERRATA_LABEL_SOURCE_REVIEWS:
      source = g_strdup (_("From the reviews made here"));
      break;
    case ERRATA_LABEL_SOURCE_IMPORTED:
      source = g_strdup (_("Imported with the traces"));
      break;
    case ERRATA_LABEL_SOURCE_NONE:
    default:
      source = g_strdup (truth->disputed ? _("Disputed: the reviewers disagree")
                                         : _("No label for this target now"));
    }
  if (!truth->review_differs_from_import)
    return g_steal_pointer (&source);
  /* Translators: %s is where the label comes from, e.g. “From the reviews made here”. */
  return g_strdup_printf (_("%s (an imported verdict says otherwise)"), source);
}

static void
show_human (ErrataDisagreementBrowser *self,
            ErrataDisagreementItem    *item)
{
  ErrataProject *project = _errata_disagreement_browser_get_project (self);
  gint64 trace_id = errata_disagreement_item_get_trace_id (item);
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  ErrataTruth truth;

  /* Read again: the source's details (who, why) are not in the item. */
  if (!errata_ground_truth_get (project, self->target, trace_id, &truth, &error))
    {
      show_human_verdict (self, errata_disagreement_item_get_human (item));
      gtk_label_set_text (self->human_source_label, error->message);
      return;
    }
  show_human_verdict (self, truth.disputed ? ERRATA_VERDICT_UNSET : truth.value);
  source = describe_source (self, &truth);
  gtk_label_set_text (self->human_source_label, source);
}

/* Notes ---------------------------------------------------------------- */

static void
clear_notes (ErrataDisagreementBrowser *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->notes_box))) != NULL)
    gtk_box_remove (self->notes_box, child);
}

static GtkWidget *
new_note_label (const char *text,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
add_note (ErrataDisagreementBrowser *self,
          const ErrataAnnotation    *annotation)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const char *who = *annotation->annotator ? annotation->annotator : _("Unnamed reviewer");
  GtkWidget *header = new_note_label (who, "caption-heading");
  GtkWidget *note = new_note_label (annotation->note, NULL);

  gtk_label_set_selectable (GTK_LABEL (note), TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (note),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, header, NULL, -1);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), note);
  gtk_box_append (self->notes_box, box);
}

/* Every reviewer's note on the trace: why the human labelled it so. */
static void
show_notes (ErrataDisagreementBrowser *self,
            gint64                     trace_id)
{
  ErrataProject *project = _errata_disagreement_browser_get_project (self);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  guint shown = 0;

  clear_notes (self);
  annotations = errata_project_list_annotations (project, trace_id, &error);
  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      const ErrataAnnotation *annotation = g_ptr_array_index (annotations, i);

      if (annotation->note == NULL || *annotation->note == '\0')
        continue;
      add_note (self, annotation);
      shown++;
    }
  if (error != NULL)
    gtk_box_append (self->notes_box, new_note_label (error->message, "error"));
  else if (shown == 0)
    gtk_box_append (self->notes_box,
                    new_note_label (_("No notes on this trace."), "dim-label"));
}

/* The judge -------------------------------------------------------------- */

static void
show_judge (ErrataDisagreementBrowser *self,
            gint64                     trace_id)
{
  ErrataProject *project = _errata_disagreement_browser_get_project (self);
  g_autoptr(ErrataEvalOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  outcome = errata_eval_runs_get_outcome (project, self->run_id, trace_id, &error);
  if (outcome == NULL)
    {
      set_verdict (self->judge_value_label, "", NULL);
      gtk_label_set_text (self->judge_reasoning_label, error->message);
      return;
    }
  if (outcome->verdict == ERRATA_JUDGE_PASS)
    set_verdict (self->judge_value_label, C_("verdict", "Pass"), "success");
  else if (outcome->verdict == ERRATA_JUDGE_FAIL)
    set_verdict (self->judge_value_label, C_("verdict", "Fail"), "error");
  else
    set_verdict (self->judge_value_label, C_("verdict", "Error"), "warning");

  if (outcome->verdict == ERRATA_JUDGE_ERROR)
    /* Translators: %s is why the judge gave no verdict. */
    text = g_strdup_printf (_("No verdict: %s"),
                            outcome->error ? outcome->error : _("the judge did not say why"));
  else if (outcome->reasoning != NULL && *outcome->reasoning != '\0')
    text = g_strdup (outcome->reasoning);
  else
    text = g_strdup (_("The judge gave no reasoning."));
  gtk_label_set_text (self->judge_reasoning_label, text);
}

/* The trace -------------------------------------------------------------- */

static void
show_error (ErrataDisagreementBrowser *self,
            const char                *text)
{
  gtk_label_set_text (self->detail_error_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_error_label), text != NULL);
}

/* A new trace replaces the rows of the old one. GTK would go on handing
 * keys to a focused row that is no longer in the window (Alt+Down, pressed
 * twice from the conversation, did nothing the second time), so the focus
 * moves to the list first, where every key of the browser works. */
static void
keep_focus (ErrataDisagreementBrowser *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->trace_view)))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
show_trace (ErrataDisagreementBrowser *self,
            gint64                     trace_id)
{
  ErrataProject *project = _errata_disagreement_browser_get_project (self);
  ErrataTrace *shown = errata_trace_view_get_trace (self->trace_view);
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  /* A corrected label keeps the trace: keep where the reader was in it. */
  if (shown != NULL && errata_trace_get_id (shown) == trace_id)
    return;
  keep_focus (self);
  trace = errata_project_get_trace (project, trace_id, &error);
  errata_trace_view_set_trace (self->trace_view, trace);
  if (trace == NULL)
    {
      /* Translators: %s says why, e.g. that the file cannot be read. */
      g_autofree char *text = g_strdup_printf (_("The trace could not be read: %s"),
                                               error->message);

      show_error (self, text);
    }
}

void
_errata_disagreement_browser_show_detail (ErrataDisagreementBrowser *self,
                                          ErrataDisagreementItem    *item)
{
  gint64 trace_id;

  show_error (self, NULL);
  if (item == NULL || _errata_disagreement_browser_get_project (self) == NULL)
    {
      errata_trace_view_set_trace (self->trace_view, NULL);
      clear_notes (self);
      return;
    }
  trace_id = errata_disagreement_item_get_trace_id (item);
  show_human (self, item);
  show_notes (self, trace_id);
  show_judge (self, trace_id);
  show_trace (self, trace_id);
}

void
_errata_disagreement_browser_show_error (ErrataDisagreementBrowser *self,
                                         const char                *text)
{
  show_error (self, text);
}
