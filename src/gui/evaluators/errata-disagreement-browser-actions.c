/* errata-disagreement-browser-actions.c: what the browser's buttons and
 * keys do: correct the human label, move to the next or previous trace,
 * open the trace on the Traces page.
 *
 *   disagreements.next / .previous   Alt+Down / Alt+Up anywhere, j / k
 *   disagreements.pass / .fail       P / F: correct the human label
 *   disagreements.open-trace         "Open in Traces": win.show-trace (x)
 *
 * A correction activates evaluators.labels-changed (no parameter) on the
 * way up, so that the page recomputes its metrics.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-disagreement-browser-private.h"
#include "errata-labels.h"

/* Correcting a label --------------------------------------------------- */

static void
show_correct_error (ErrataDisagreementBrowser *self,
                    const GError              *error)
{
  /* Translators: %s says why, e.g. that the project is read only. */
  g_autofree char *text = g_strdup_printf (_("The label was not changed: %s"), error->message);

  _errata_disagreement_browser_show_error (self, text);
}

/* Records `value` as the explicit label; the page recomputes its metrics.
 * Setting the label again (the other button) undoes it, in the history too. */
static void
correct_label (ErrataDisagreementBrowser *self,
               ErrataVerdict              value)
{
  ErrataProject *project = _errata_disagreement_browser_get_project (self);
  ErrataDisagreementItem *item = _errata_disagreement_browser_get_selected (self);
  /* The name the coding panel stores reviews under. */
  g_autofree char *who = self->workspace ? errata_workspace_dup_annotator (self->workspace) : NULL;
  /* Translators: stored with the label in its history: why it changed. */
  const char *reason = _("corrected on the Evaluators page");
  g_autoptr(GError) error = NULL;
  ErrataTruth truth;
  gint64 trace_id;

  if (project == NULL || item == NULL || who == NULL)
    return;
  trace_id = errata_disagreement_item_get_trace_id (item);
  if (!errata_labels_set (project, self->target, trace_id, value, who, reason, &error))
    {
      show_correct_error (self, error);
      return;
    }
  if (errata_ground_truth_get (project, self->target, trace_id, &truth, &error))
    {
      errata_disagreement_item_set_truth (item, &truth);
      _errata_disagreement_browser_refilter (self, trace_id,
                                            gtk_single_selection_get_selected (self->selection));
    }
  else
    _errata_disagreement_browser_show_error (self, error->message);
  gtk_widget_activate_action (GTK_WIDGET (self), "evaluators.labels-changed", NULL);
}

/* Actions -------------------------------------------------------------- */

static void
verdict_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ErrataDisagreementBrowser *self = ERRATA_DISAGREEMENT_BROWSER (widget);

  correct_label (self, g_str_equal (action_name, "disagreements.pass")
                       ? ERRATA_VERDICT_PASS : ERRATA_VERDICT_FAIL);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ErrataDisagreementBrowser *self = ERRATA_DISAGREEMENT_BROWSER (widget);
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  if (g_str_equal (action_name, "disagreements.next"))
    _errata_disagreement_browser_select_position (self, position + 1);
  else if (position > 0)
    _errata_disagreement_browser_select_position (self, position - 1);
}

static void
open_trace_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ErrataDisagreementBrowser *self = ERRATA_DISAGREEMENT_BROWSER (widget);
  gint64 trace_id = errata_disagreement_browser_get_selected_trace (self);

  if (trace_id > 0)
    gtk_widget_activate_action (widget, "win.show-trace", "x", trace_id);
}

/* Plain letters, in the bubble phase: a text field that has the focus
 * takes them first. A letter typed in the cell dropdown's popover (which
 * bubbles up here too) is not a correction. */
static gboolean
letter_shortcut (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL)
    return FALSE;
  return gtk_widget_activate_action (widget, g_variant_get_string (args, NULL), NULL);
}

static void
add_shortcuts (GtkWidgetClass *widget_class)
{
  static const struct { guint key; const char *action; } letters[] = {
    { GDK_KEY_j, "disagreements.next" },
    { GDK_KEY_k, "disagreements.previous" },
    { GDK_KEY_p, "disagreements.pass" },
    { GDK_KEY_f, "disagreements.fail" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (letters); i++)
    gtk_widget_class_add_binding (widget_class, letters[i].key, 0, letter_shortcut, "s",
                                  letters[i].action);
}

/* Alt+Down and Alt+Up move on wherever the focus is (the trace, a button),
 * so they run in the capture phase, before the focused widget. */
void
_errata_disagreement_browser_add_capture_shortcuts (ErrataDisagreementBrowser *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Alt>Down"),
                      gtk_named_action_new ("disagreements.next")));
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Alt>Up"),
                      gtk_named_action_new ("disagreements.previous")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
_errata_disagreement_browser_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "disagreements.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "disagreements.previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "disagreements.pass", NULL, verdict_action);
  gtk_widget_class_install_action (widget_class, "disagreements.fail", NULL, verdict_action);
  gtk_widget_class_install_action (widget_class, "disagreements.open-trace", NULL,
                                   open_trace_action);
  add_shortcuts (widget_class);
}
