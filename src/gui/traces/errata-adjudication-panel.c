/* errata-adjudication-panel.c: the trace's disputed labels, in the coding
 * panel.
 *
 * One section per disputed target (errata_adjudication_list_for_trace,
 * the rule ground truth stands on): a card per reviewer, side by side in
 * a flow box (name, where the review came from, the label their review
 * gives the target, the note, the first failure, when), then Pass / Fail,
 * a reason and Settle. Settling goes through errata_adjudication_settle()
 * by the annotator the coding panel reviews as, as one step of the page's
 * undo stack, and the section goes away: the label is settled.
 *
 * Blind review: until my verdict for the trace is saved, a section says
 * only that the label is disputed; what the others said, and the form,
 * show after. The coding panel decides, as it does for its other reviews.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-adjudication-panel.h"
#include "errata-adjudication.h"
#include "errata-coding-panel-private.h"
#include "errata-date.h"
#include "errata-ground-truth.h"

/* One dispute's form; its widgets belong to the box. */
typedef struct
{
  ErrataAdjudicationPanel *panel;
  gint64                   target;
  GtkToggleButton         *pass;
  GtkToggleButton         *fail;
  GtkEntry                *reason;
  GtkWidget               *settle;
  GtkLabel                *error;
} Form;

struct _ErrataAdjudicationPanel
{
  GtkWidget        parent_instance;

  ErrataProject   *project;
  ErrataTrace     *trace;
  ErrataUndoStack *undo_stack;  /* the page's, where settlements go */
  char            *annotator;
  gboolean         blind;
  guint            n_disputes;
  GPtrArray       *forms;       /* of Form */

  GtkWidget       *box;        /* the template's child */
  GtkBox          *sections;
  GtkLabel        *heading;
};

G_DEFINE_FINAL_TYPE (ErrataAdjudicationPanel, errata_adjudication_panel, GTK_TYPE_WIDGET)

enum {
  SETTLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
new_caption (const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Names, notes and mode names come from the project: never markup. */
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Narrow natural width: two reviewers' cards fit side by side in the
   * coding panel, their text wrapping inside. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
  gtk_widget_add_css_class (label, "caption");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* "Overall", or the failure mode's name in quotes. */
static char *
describe_target (ErrataAdjudicationPanel *self,
                 gint64                   target)
{
  g_autofree char *name = NULL;

  if (target == ERRATA_TARGET_OVERALL)
    return g_strdup (_("Overall"));
  name = errata_target_describe (self->project, target);
  /* Translators: a failure mode's name, quoted. */
  return g_strdup_printf (_("“%s”"), name);
}

/* A reviewer's card ------------------------------------------------------ */

static const char *
origin_text (ErrataAnnotationOrigin origin)
{
  switch (origin)
    {
    case ERRATA_ORIGIN_MERGED:
      /* Translators: a review that came from a colleague's copy of the project. */
      return _("merged review");
    case ERRATA_ORIGIN_IMPORTED:
      return _("imported label");
    case ERRATA_ORIGIN_HERE:
    default:
      return _("review made here");
    }
}

/* "Fail", or for a mode "Fails it" / "Passes it" with the overall verdict. */
static GtkWidget *
new_vote_label (gint64                        target,
                const ErrataAdjudicationVote *vote)
{
  gboolean fail = vote->vote == ERRATA_VERDICT_FAIL;
  const char *text;

  if (target == ERRATA_TARGET_OVERALL)
    text = fail ? _("Fail") : _("Pass");
  else if (fail)
    /* Translators: a reviewer's note sits in the failure mode. */
    text = _("Fails this mode");
  else
    /* Translators: a reviewer reviewed the trace and put no note in the mode. */
    text = _("Passes this mode");
  return new_caption (text, fail ? "error" : "success");
}

static void
append_vote_details (ErrataAdjudicationPanel      *self,
                     GtkBox                       *box,
                     gint64                        target,
                     const ErrataAdjudicationVote *vote)
{
  g_autofree char *when = errata_date_format_usec (vote->updated_at);

  if (target != ERRATA_TARGET_OVERALL && vote->verdict != ERRATA_VERDICT_UNSET)
    {
      /* Translators: the reviewer's verdict on the whole trace. */
      g_autofree char *text = g_strdup_printf (_("Overall: %s"), vote->verdict == ERRATA_VERDICT_FAIL
                                                                 ? _("fail") : _("pass"));

      gtk_box_append (box, new_caption (text, "dim-label"));
    }
  if (vote->note != NULL && *vote->note != '\0')
    {
      GtkWidget *note = new_caption (vote->note, "adjudication-note");

      gtk_widget_remove_css_class (note, "caption");
      gtk_box_append (box, note);
    }
  if (vote->first_failure >= 0)
    {
      g_autofree char *where = _errata_coding_panel_dup_first_failure_text (self->trace,
                                                                            vote->first_failure);
      /* Translators: %s is "Message 3 (assistant)" or "Message 3". */
      g_autofree char *text = g_strdup_printf (_("First failure: %s"), where);

      gtk_box_append (box, new_caption (text, "dim-label"));
    }
  gtk_box_append (box, new_caption (when, "dim-label"));
}

static GtkWidget *
new_vote_card (ErrataAdjudicationPanel      *self,
               gint64                        target,
               const ErrataAdjudicationVote *vote)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *name = new_caption (*vote->annotator ? vote->annotator : _("Unnamed reviewer"),
                                 "caption-heading");

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "adjudication-vote");
  g_object_set (box, "margin-top", 9, "margin-bottom", 9, "margin-start", 9, "margin-end", 9,
                NULL);
  gtk_box_append (GTK_BOX (card), box);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), new_caption (origin_text (vote->origin), "dim-label"));
  gtk_box_append (GTK_BOX (box), new_vote_label (target, vote));
  append_vote_details (self, GTK_BOX (box), target, vote);
  return card;
}

static GtkWidget *
new_votes_box (ErrataAdjudicationPanel      *self,
               const ErrataAdjudicationItem *item)
{
  GtkWidget *flow = gtk_flow_box_new ();

  /* Side by side while the panel is wide enough, one under the other
   * when it is not. */
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), MIN (item->votes->len, 2));
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  for (guint i = 0; i < item->votes->len; i++)
    {
      GtkWidget *card = new_vote_card (self, item->target, item->votes->pdata[i]);

      gtk_flow_box_append (GTK_FLOW_BOX (flow), card);
      /* The cards are read, not chosen: Tab goes to the form. */
      gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
    }
  return flow;
}

/* The form ---------------------------------------------------------------- */

static ErrataVerdict
form_value (Form *form)
{
  if (gtk_toggle_button_get_active (form->pass))
    return ERRATA_VERDICT_PASS;
  if (gtk_toggle_button_get_active (form->fail))
    return ERRATA_VERDICT_FAIL;
  return ERRATA_VERDICT_UNSET;
}

static gboolean
form_is_complete (Form *form)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->reason))));

  return form_value (form) != ERRATA_VERDICT_UNSET && *reason != '\0';
}

static void
update_form (Form *form)
{
  /* What was missing is being given: the message goes. */
  gtk_widget_set_visible (GTK_WIDGET (form->error), FALSE);
  gtk_widget_set_sensitive (form->settle, form_is_complete (form) &&
                            !errata_project_is_read_only (form->panel->project));
}

static void
on_settle (Form *form)
{
  ErrataAdjudicationPanel *self = form->panel;
  g_autoptr(GError) error = NULL;

  if (!form_is_complete (form))
    {
      gtk_label_set_text (form->error, form_value (form) == ERRATA_VERDICT_UNSET
                                       ? _("Choose Pass or Fail first.")
                                       : _("Write why: the reason is kept in the label’s history."));
      gtk_widget_set_visible (GTK_WIDGET (form->error), TRUE);
      return;
    }
  /* On success the panel is rebuilt and `form` freed. */
  if (!errata_adjudication_panel_settle (self, form->target, form_value (form),
                                         gtk_editable_get_text (GTK_EDITABLE (form->reason)), &error))
    {
      /* Translators: %s says why the label could not be settled. */
      g_autofree char *text = g_strdup_printf (_("Could not settle the label: %s"), error->message);

      gtk_label_set_text (form->error, text);
      gtk_widget_set_visible (GTK_WIDGET (form->error), TRUE);
    }
}

static GtkToggleButton *
new_value_toggle (Form       *form,
                  const char *label,
                  const char *css_class,
                  const char *accessible,
                  const char *target_name)
{
  GtkWidget *button = gtk_toggle_button_new_with_mnemonic (label);
  g_autofree char *name = g_strdup_printf (accessible, target_name);

  gtk_widget_add_css_class (button, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect_swapped (button, "toggled", G_CALLBACK (update_form), form);
  return GTK_TOGGLE_BUTTON (button);
}

static GtkWidget *
new_form (ErrataAdjudicationPanel *self,
          gint64                   target,
          const char              *target_name)
{
  Form *form = g_new0 (Form, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  /* Translators: the accessible name of a toggle; %s is "Overall" or a mode's name. */
  const char *pass_name = _("Settle %s as pass");
  /* Translators: the accessible name of a toggle; %s is "Overall" or a mode's name. */
  const char *fail_name = _("Settle %s as fail");

  form->panel = self;
  form->target = target;
  g_ptr_array_add (self->forms, form);

  form->pass = new_value_toggle (form, _("_Pass"), "verdict-pass", pass_name, target_name);
  form->fail = new_value_toggle (form, _("_Fail"), "verdict-fail", fail_name, target_name);
  gtk_toggle_button_set_group (form->fail, form->pass);
  gtk_widget_add_css_class (linked, "linked");
  gtk_box_append (GTK_BOX (linked), GTK_WIDGET (form->pass));
  gtk_box_append (GTK_BOX (linked), GTK_WIDGET (form->fail));
  gtk_box_append (GTK_BOX (row), linked);

  form->reason = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (form->reason, _("Reason (required)"));
  gtk_widget_set_hexpand (GTK_WIDGET (form->reason), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->reason), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Why this label is right"), -1);
  g_signal_connect_swapped (form->reason, "changed", G_CALLBACK (update_form), form);
  /* Enter in the reason settles, as the button does. */
  g_signal_connect_swapped (form->reason, "activate", G_CALLBACK (on_settle), form);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (form->reason));
  gtk_box_append (GTK_BOX (box), row);

  form->settle = gtk_button_new_with_mnemonic (_("_Settle"));
  gtk_widget_set_halign (form->settle, GTK_ALIGN_END);
  gtk_widget_add_css_class (form->settle, "suggested-action");
  gtk_widget_set_tooltip_text (form->settle,
                               _("Set this label, with your reason, for evaluators to be measured "
                                 "against; kept in the label history"));
  g_signal_connect_swapped (form->settle, "clicked", G_CALLBACK (on_settle), form);
  gtk_box_append (GTK_BOX (box), form->settle);

  form->error = GTK_LABEL (new_caption ("", "error"));
  gtk_widget_set_visible (GTK_WIDGET (form->error), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->error));
  update_form (form);
  return box;
}

/* Sections ---------------------------------------------------------------- */

static char *
describe_dispute (const ErrataAdjudicationItem *item,
                  const char                   *target_name)
{
  if (item->kind == ERRATA_DISPUTE_IMPORTED)
    /* Translators: %s is "Overall" or a quoted failure mode's name. */
    return g_strdup_printf (_("%s: imported labels differ"), target_name);
  /* Translators: %s is "Overall" or a quoted failure mode's name. */
  return g_strdup_printf (_("%s: reviewers disagree"), target_name);
}

static GtkWidget *
new_section (ErrataAdjudicationPanel      *self,
             const ErrataAdjudicationItem *item)
{
  g_autofree char *target_name = describe_target (self, item->target);
  g_autofree char *title = describe_dispute (item, target_name);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = new_caption (title, "heading");

  gtk_widget_remove_css_class (heading, "caption");
  gtk_widget_add_css_class (box, "adjudication-dispute");
  gtk_box_append (GTK_BOX (box), heading);
  if (self->blind)
    {
      gtk_box_append (GTK_BOX (box),
                      new_caption (_("What each reviewer said shows once you have saved your "
                                     "verdict (blind review; Preferences turns it off)."),
                                   "dim-label"));
      return box;
    }
  gtk_box_append (GTK_BOX (box), new_votes_box (self, item));
  gtk_box_append (GTK_BOX (box), new_form (self, item->target, target_name));
  return box;
}

static void
clear_sections (ErrataAdjudicationPanel *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->forms, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections))) != NULL)
    gtk_box_remove (self->sections, child);
}

static void
show_error (ErrataAdjudicationPanel *self,
            const GError            *error)
{
  /* Translators: %s says why the disputed labels could not be read. */
  g_autofree char *text = g_strdup_printf (_("Could not read the disputed labels: %s"),
                                           error->message);

  gtk_box_append (self->sections, new_caption (text, "error"));
}

static void
rebuild (ErrataAdjudicationPanel *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_trace = self->project != NULL && self->trace != NULL;

  clear_sections (self);
  self->n_disputes = 0;
  if (has_trace)
    items = errata_adjudication_list_for_trace (self->project, errata_trace_get_id (self->trace),
                                                &error);
  if (error != NULL)
    show_error (self, error);
  for (guint i = 0; items != NULL && i < items->len; i++)
    gtk_box_append (self->sections, new_section (self, items->pdata[i]));
  self->n_disputes = items != NULL ? items->len : 0;
  gtk_widget_set_visible (GTK_WIDGET (self), self->n_disputes > 0 || error != NULL);
}

/* GObject ------------------------------------------------------------------ */

static void
errata_adjudication_panel_dispose (GObject *object)
{
  ErrataAdjudicationPanel *self = ERRATA_ADJUDICATION_PANEL (object);

  g_ptr_array_set_size (self->forms, 0);
  g_clear_object (&self->project);
  g_clear_object (&self->trace);
  g_clear_object (&self->undo_stack);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_ADJUDICATION_PANEL);

  G_OBJECT_CLASS (errata_adjudication_panel_parent_class)->dispose (object);
}

static void
errata_adjudication_panel_finalize (GObject *object)
{
  ErrataAdjudicationPanel *self = ERRATA_ADJUDICATION_PANEL (object);

  g_ptr_array_unref (self->forms);
  g_free (self->annotator);

  G_OBJECT_CLASS (errata_adjudication_panel_parent_class)->finalize (object);
}

static void
errata_adjudication_panel_class_init (ErrataAdjudicationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_adjudication_panel_dispose;
  object_class->finalize = errata_adjudication_panel_finalize;

  /**
   * ErrataAdjudicationPanel::settled:
   * @trace_id: the trace whose label was settled
   *
   * A disputed label was settled here (the list's row and counts follow).
   */
  signals[SETTLED] =
    g_signal_new ("settled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "adjudication");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-adjudication-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataAdjudicationPanel, box);
  gtk_widget_class_bind_template_child (widget_class, ErrataAdjudicationPanel, sections);
  gtk_widget_class_bind_template_child (widget_class, ErrataAdjudicationPanel, heading);
}

static void
errata_adjudication_panel_init (ErrataAdjudicationPanel *self)
{
  self->forms = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* API ----------------------------------------------------------------------- */

GtkWidget *
errata_adjudication_panel_new (void)
{
  return g_object_new (ERRATA_TYPE_ADJUDICATION_PANEL, NULL);
}

/**
 * errata_adjudication_panel_set_trace:
 * @project: (nullable): the trace's project
 * @trace: (nullable): the trace on show, or NULL (the panel hides)
 * @annotator: who settles: the coding panel's reviewer
 * @blind: whether blind review hides the other reviews for now
 */
void
errata_adjudication_panel_set_trace (ErrataAdjudicationPanel *self,
                                     ErrataProject           *project,
                                     ErrataTrace             *trace,
                                     const char              *annotator,
                                     gboolean                 blind)
{
  g_return_if_fail (ERRATA_IS_ADJUDICATION_PANEL (self));
  g_return_if_fail (project == NULL || ERRATA_IS_PROJECT (project));
  g_return_if_fail (trace == NULL || ERRATA_IS_TRACE (trace));

  g_set_object (&self->project, project);
  g_set_object (&self->trace, trace);
  g_free (self->annotator);
  self->annotator = g_strdup (annotator);
  self->blind = blind;
  rebuild (self);
}

void
errata_adjudication_panel_set_undo_stack (ErrataAdjudicationPanel *self,
                                          ErrataUndoStack         *undo_stack)
{
  g_return_if_fail (ERRATA_IS_ADJUDICATION_PANEL (self));
  g_return_if_fail (undo_stack == NULL || ERRATA_IS_UNDO_STACK (undo_stack));

  g_set_object (&self->undo_stack, undo_stack);
}

guint
errata_adjudication_panel_get_n_disputes (ErrataAdjudicationPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_ADJUDICATION_PANEL (self), 0);

  return self->n_disputes;
}

gboolean
errata_adjudication_panel_settle (ErrataAdjudicationPanel  *self,
                                  gint64                    target,
                                  ErrataVerdict             value,
                                  const char               *reason,
                                  GError                  **error)
{
  g_autoptr(ErrataReviewEdit) edit = NULL;
  gint64 trace_id;

  g_return_val_if_fail (ERRATA_IS_ADJUDICATION_PANEL (self), FALSE);
  g_return_val_if_fail (self->project != NULL && self->trace != NULL, FALSE);

  trace_id = errata_trace_get_id (self->trace);
  if (!errata_adjudication_settle (self->project, target, trace_id, value, self->annotator, reason,
                                   self->undo_stack ? &edit : NULL, error))
    return FALSE;
  if (edit != NULL)
    errata_undo_stack_push (self->undo_stack, &errata_review_edit_funcs, g_steal_pointer (&edit));
  rebuild (self);
  g_signal_emit (self, signals[SETTLED], 0, trace_id);
  return TRUE;
}
