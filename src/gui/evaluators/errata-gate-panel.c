/* errata-gate-panel.c
 *
 * The gate is computed by the core (errata_alignment_gate_compute), with
 * the same seed and draws as `errata-cli gate`, so both show the same
 * interval. Its bootstrap costs milliseconds per hundred shared traces:
 * it runs when the panel is on screen, not on every reload of the page
 * while another tab shows (as the test panel's estimate).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "errata-gate-panel.h"

struct _ErrataGatePanel
{
  GtkWidget        parent_instance;

  ErrataWorkspace *workspace;
  gint64           target;
  gint64           run_id;
  gboolean         stale;
  gboolean         updating;     /* the spin button is set from the project */
  guint            save_id;      /* a threshold typed or stepped, saved when it settles */
  ErrataGateState  state;
  gboolean         blocked;

  GtkWidget       *banner;
  GtkLabel        *banner_label;
  GtkWidget       *disputes_button;
  GtkSpinButton   *threshold_spin;
  GtkLabel        *agreement_label;
  GtkLabel        *state_label;
  GtkLabel        *alt_test_label;
  GtkLabel        *alt_detail_label;
};

enum
{
  PROP_0,
  PROP_BLOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ErrataGatePanel, errata_gate_panel, GTK_TYPE_WIDGET)

static void
show_text (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static char *
describe_agreement (const ErrataReviewerAgreement *a)
{
  const ErrataAgreementCoefficient *ac1 = &a->agreement.gwet_ac1;
  /* Translators: how many traces two or more reviewers reviewed. */
  g_autofree char *shared = g_strdup_printf (ngettext ("%u shared trace", "%u shared traces",
                                                       a->n_items), a->n_items);

  /* An interval drawn from one or two traces says nothing. */
  if (isnan (ac1->interval.lower) || a->n_items < 3)
    return g_strdup_printf (_("Reviewers’ agreement: AC1 %.2f on %s, %u reviewers."),
                            ac1->value, shared, a->n_raters);
  /* Translators: Gwet's AC1 with its 95% interval, the traces two or more
   * reviewers reviewed ("30 shared traces"), and how many reviewers. */
  return g_strdup_printf (_("Reviewers’ agreement: AC1 %.2f (95%% CI %.2f–%.2f) on %s, "
                            "%u reviewers."), ac1->value, ac1->interval.lower,
                          ac1->interval.upper, shared, a->n_raters);
}

/* One line per reviewer: who the judge was compared with, and how. */
static char *
describe_reviewers (const ErrataAlignmentGate *gate)
{
  const ErrataAltTest *t = &gate->alt_test;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint j = 0; j < t->n_reviewers; j++)
    {
      const ErrataAltTestReviewer *r = &t->reviewers[j];
      const char *name = gate->agreement.raters[j];

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (!r->tested)
        g_string_append_printf (text, ngettext ("%s: %u shared trace judged, too few to test",
                                                "%s: %u shared traces judged, too few to test",
                                                r->n_items), name, r->n_items);
      else
        /* Translators: one reviewer left out in the alternative annotator
         * test: how often the judge and the reviewer match the others. */
        g_string_append_printf (text, _("%s: %u traces; the judge matches the others %.0f%%, "
                                        "%s %.0f%%; p = %.3g — %s"),
                                name, r->n_items, 100 * r->judge_agreement, name,
                                100 * r->reviewer_agreement, r->p_value,
                                r->won ? _("the judge wins") : _("the judge does not win"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_blocked (ErrataGatePanel *self,
             gboolean         blocked)
{
  if (self->blocked == blocked)
    return;
  self->blocked = blocked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCKED]);
}

static void
show_gate (ErrataGatePanel           *self,
           const ErrataAlignmentGate *gate)
{
  /* Without shared traces the state's sentence says it all. */
  g_autofree char *agreement = gate->agreement.computed ? describe_agreement (&gate->agreement)
                                                        : NULL;
  g_autofree char *message = errata_alignment_gate_describe (gate);
  g_autofree char *alt_test = gate->has_alt_test ? errata_alignment_gate_describe_alt_test (gate)
                                                 : NULL;
  g_autofree char *details = gate->has_alt_test ? describe_reviewers (gate) : NULL;
  gboolean blocked = gate->state == ERRATA_GATE_BLOCKED;

  self->state = gate->state;
  show_text (self->agreement_label, agreement);
  show_text (self->banner_label, blocked ? message : NULL);
  gtk_widget_set_visible (self->banner, blocked);
  show_text (self->state_label, blocked ? NULL : message);
  show_text (self->alt_test_label, alt_test);
  show_text (self->alt_detail_label, details);
  set_blocked (self, blocked);
}

static void
refresh (ErrataGatePanel *self)
{
  g_auto(ErrataAlignmentGate) gate = { 0, };
  g_autoptr(GError) error = NULL;
  ErrataProject *project;

  self->stale = FALSE;
  if (self->workspace == NULL)
    return;
  project = errata_workspace_get_project (self->workspace);
  self->updating = TRUE;
  gtk_spin_button_set_value (self->threshold_spin, errata_alignment_gate_get_threshold (project));
  self->updating = FALSE;
  if (!errata_alignment_gate_compute (project, self->target, self->run_id, NULL, &gate, &error))
    {
      self->state = ERRATA_GATE_NOT_ENOUGH_DATA;
      show_text (self->agreement_label, error->message);
      gtk_widget_set_visible (self->banner, FALSE);
      show_text (self->state_label, NULL);
      show_text (self->alt_test_label, NULL);
      show_text (self->alt_detail_label, NULL);
      set_blocked (self, FALSE);
      return;
    }
  show_gate (self, &gate);
}

gboolean
errata_gate_panel_set_threshold (ErrataGatePanel  *self,
                                 double            threshold,
                                 GError          **error)
{
  g_return_val_if_fail (ERRATA_IS_GATE_PANEL (self), FALSE);
  g_return_val_if_fail (self->workspace != NULL, FALSE);

  if (!errata_alignment_gate_set_threshold (errata_workspace_get_project (self->workspace),
                                            threshold, error))
    return FALSE;
  refresh (self);
  return TRUE;
}

/* Holding + steps the threshold many times a second: each step would
 * write the project and redo the bootstrap, so the value is saved once it
 * has settled. */
#define SAVE_DELAY_MS 300

static gboolean
save_threshold (gpointer data)
{
  ErrataGatePanel *self = data;
  g_autoptr(GError) error = NULL;
  /* The spin button's doubles: 0.6 arrives as 0.6000000000000001. */
  double value = round (gtk_spin_button_get_value (self->threshold_spin) * 100) / 100;

  self->save_id = 0;
  if (self->workspace != NULL && !errata_gate_panel_set_threshold (self, value, &error))
    show_text (self->state_label, error->message);
  return G_SOURCE_REMOVE;
}

static void
on_threshold_changed (ErrataGatePanel *self)
{
  if (self->updating || self->workspace == NULL)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_threshold, self);
}

void
errata_gate_panel_set_target (ErrataGatePanel *self,
                              ErrataWorkspace *workspace,
                              gint64           target,
                              gint64           run_id)
{
  g_return_if_fail (ERRATA_IS_GATE_PANEL (self));

  /* A threshold still settling belongs to the project shown until now. */
  if (self->save_id != 0 && self->workspace != workspace)
    g_clear_handle_id (&self->save_id, g_source_remove);
  g_set_object (&self->workspace, workspace);
  self->target = target;
  self->run_id = run_id;
  self->stale = TRUE;
  /* The window opens this target's adjudication queue on the Traces page. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->disputes_button),
                                          g_variant_new_int64 (target));
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
}

gboolean
errata_gate_panel_get_blocked (ErrataGatePanel *self)
{
  g_return_val_if_fail (ERRATA_IS_GATE_PANEL (self), FALSE);

  return self->blocked;
}

ErrataGateState
errata_gate_panel_get_state (ErrataGatePanel *self)
{
  g_return_val_if_fail (ERRATA_IS_GATE_PANEL (self), ERRATA_GATE_NOT_ENOUGH_DATA);

  return self->state;
}

const char *
errata_gate_panel_get_banner_text (ErrataGatePanel *self)
{
  g_return_val_if_fail (ERRATA_IS_GATE_PANEL (self), NULL);

  return gtk_widget_get_visible (self->banner) ? gtk_label_get_text (self->banner_label) : "";
}

const char *
errata_gate_panel_get_agreement_text (ErrataGatePanel *self)
{
  g_return_val_if_fail (ERRATA_IS_GATE_PANEL (self), NULL);

  return gtk_label_get_text (self->agreement_label);
}

const char *
errata_gate_panel_get_alt_test_text (ErrataGatePanel *self)
{
  g_return_val_if_fail (ERRATA_IS_GATE_PANEL (self), NULL);

  return gtk_label_get_text (self->alt_test_label);
}

/* GObject ----------------------------------------------------------------- */

static void
errata_gate_panel_map (GtkWidget *widget)
{
  ErrataGatePanel *self = ERRATA_GATE_PANEL (widget);

  GTK_WIDGET_CLASS (errata_gate_panel_parent_class)->map (widget);
  if (self->stale)
    refresh (self);
}

static void
errata_gate_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ErrataGatePanel *self = ERRATA_GATE_PANEL (object);

  switch (prop_id)
    {
    case PROP_BLOCKED:
      g_value_set_boolean (value, self->blocked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_gate_panel_dispose (GObject *object)
{
  ErrataGatePanel *self = ERRATA_GATE_PANEL (object);
  GtkWidget *child;

  g_clear_handle_id (&self->save_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_GATE_PANEL);
  /* The box at the top has no id: dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (errata_gate_panel_parent_class)->dispose (object);
}

static void
errata_gate_panel_class_init (ErrataGatePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_gate_panel_dispose;
  object_class->get_property = errata_gate_panel_get_property;
  widget_class->map = errata_gate_panel_map;

  properties[PROP_BLOCKED] =
    g_param_spec_boolean ("blocked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-gate-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataGatePanel, banner);
  gtk_widget_class_bind_template_child (widget_class, ErrataGatePanel, banner_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataGatePanel, disputes_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataGatePanel, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, ErrataGatePanel, agreement_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataGatePanel, state_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataGatePanel, alt_test_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataGatePanel, alt_detail_label);
  gtk_widget_class_bind_template_callback (widget_class, on_threshold_changed);
}

static void
errata_gate_panel_init (ErrataGatePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->state = ERRATA_GATE_NOT_ENOUGH_DATA;
}

GtkWidget *
errata_gate_panel_new (void)
{
  return g_object_new (ERRATA_TYPE_GATE_PANEL, NULL);
}
