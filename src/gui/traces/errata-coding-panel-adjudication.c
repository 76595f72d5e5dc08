/* errata-coding-panel-adjudication.c: below the form, the trace's
 * disputed labels (ErrataAdjudicationPanel) and its label history
 * (ErrataLabelHistory).
 *
 * They follow the trace, the reviewer's name and blind review through
 * _errata_coding_panel_update_other_reviews(), which every change of
 * those calls: what the others said about a disputed label is hidden on
 * the same terms as their reviews.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-coding-panel-private.h"

void
_errata_coding_panel_update_adjudication (ErrataCodingPanel *self)
{
  gint64 trace_id = self->trace != NULL ? errata_trace_get_id (self->trace) : 0;

  errata_adjudication_panel_set_trace (self->adjudication, self->project, self->trace,
                                       self->annotator, _errata_coding_panel_is_blind (self));
  errata_label_history_set_trace (self->label_history, self->project, trace_id);
}

/* A label was settled: the labels and the history show it, and the page
 * refreshes the row and its counts as after any write of the panel. */
/* The Settle button pressed from the keyboard went away with its
 * section: the focus goes to the next dispute's form, else to the
 * history that now shows the settlement, not to nowhere. */
static void
keep_focus (ErrataCodingPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* A focus elsewhere stays; a removed button can still be the root's
   * focus, without a root of its own, while its "clicked" runs. */
  if (focus != NULL && gtk_widget_get_root (focus) == root && focus != GTK_WIDGET (self) &&
      focus != self->scroller && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->adjudication)))
    return;
  if (errata_adjudication_panel_get_n_disputes (self->adjudication) > 0)
    gtk_widget_child_focus (GTK_WIDGET (self->adjudication), GTK_DIR_TAB_FORWARD);
  else
    gtk_widget_child_focus (GTK_WIDGET (self->label_history), GTK_DIR_TAB_FORWARD);
}

static void
on_settled (ErrataCodingPanel *self,
            gint64             trace_id)
{
  errata_mode_labels_refresh (self->mode_labels);
  errata_label_history_set_trace (self->label_history, self->project, trace_id);
  keep_focus (self);
  g_signal_emit_by_name (self, "saved", trace_id);
}

void
_errata_coding_panel_connect_adjudication (ErrataCodingPanel *self)
{
  g_signal_connect_object (self->adjudication, "settled", G_CALLBACK (on_settled), self,
                           G_CONNECT_SWAPPED);
  /* A label set in the labels list may settle a dispute and is a change
   * of the history either way. */
  g_signal_connect_object (self->mode_labels, "label-changed",
                           G_CALLBACK (_errata_coding_panel_update_adjudication), self,
                           G_CONNECT_SWAPPED);
}
