/* errata-traces-page-actions.c: the Traces page's actions (traces.*).
 *
 * The keyboard flow of open coding: single-key shortcuts that bubble up
 * from the focused widget (so a letter typed into the note or the search
 * entry stays a letter), and a few that run in the capture phase.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-traces-page-private.h"
#include "errata-coding-panel.h"
#include "errata-review-edit.h"
#include "errata-toast-helper.h"
#include "errata-trace-view.h"

static void
shuffle_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);

  /* A new seed each time: each press draws a new sample. */
  errata_trace_query_set_seed (self->query, g_random_int ());
  errata_trace_query_set_sort (self->query, ERRATA_TRACE_SORT_SHUFFLE, FALSE);
  _errata_traces_page_clear_column_sort (self);
  _errata_traces_page_apply_query (self);
}

static void
import_order_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);

  errata_trace_query_set_sort (self->query, ERRATA_TRACE_SORT_IMPORT_ORDER, FALSE);
  _errata_traces_page_clear_column_sort (self);
  _errata_traces_page_apply_query (self);
}

static void
move_selection (ErrataTracesPage *self,
                int                delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint position = _errata_traces_page_get_cursor (self);

  if (n == 0)
    return;
  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  else if (delta > 0 && position + 1 < n)
    position++;
  else if (delta < 0 && position > 0)
    position--;
  errata_traces_page_select (self, position);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_selection (ERRATA_TRACES_PAGE (widget), 1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_selection (ERRATA_TRACES_PAGE (widget), -1);
}

/* Unreviewed by me: a trace only others reviewed is still in my queue
 * (errata_trace_get_verdict() is my verdict). */
static gboolean
is_unreviewed_at (ErrataTracesPage *self,
                  guint              position)
{
  g_autoptr(ErrataTrace) trace = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  return trace != NULL && errata_trace_get_verdict (trace) == ERRATA_VERDICT_UNSET &&
         errata_trace_get_id (trace) != self->current_id;
}

/* The next unreviewed trace after the selected one, wrapping around,
 * looking at no more than ERRATA_TRACES_PAGE_UNREVIEWED_SCAN rows. */
static guint
find_next_unreviewed (ErrataTracesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint start = _errata_traces_page_get_cursor (self);
  guint limit = MIN (n, ERRATA_TRACES_PAGE_UNREVIEWED_SCAN);

  if (start == GTK_INVALID_LIST_POSITION)
    start = n - 1;
  for (guint i = 1; i <= limit; i++)
    {
      guint position = (start + i) % n;

      if (is_unreviewed_at (self, position))
        return position;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Undo and redo ------------------------------------------------------- */

void
_errata_traces_page_update_undo_actions (ErrataTracesPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  /* A note waiting for its autosave is an edit Undo can take back. */
  gboolean unsaved = errata_coding_panel_has_unsaved (ERRATA_CODING_PANEL (self->coding_panel));

  gtk_widget_action_set_enabled (widget, "traces.undo",
                                 unsaved || errata_undo_stack_can_undo (self->undo_stack)
                                 || self->deletion_is_last);
  gtk_widget_action_set_enabled (widget, "traces.redo",
                                 errata_undo_stack_can_redo (self->undo_stack));
}

/* The trace whose review Undo (or Redo) would change next, or -1. */
static gint64
next_step_trace (ErrataTracesPage *self,
                 gboolean          undo)
{
  ErrataReviewEdit *edit = undo ? errata_undo_stack_peek_undo (self->undo_stack)
                                : errata_undo_stack_peek_redo (self->undo_stack);

  return edit != NULL ? errata_review_edit_get_trace_id (edit) : -1;
}

/* Plays one step; on failure the stack and the project are as they were
 * and the toast says why. */
static gboolean
play_step (ErrataTracesPage *self,
           gboolean          undo)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = undo ? errata_undo_stack_undo (self->undo_stack, &error)
                     : errata_undo_stack_redo (self->undo_stack, &error);

  if (!ok)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (undo ? _("Could not undo: %s") : _("Could not redo: %s"),
                                 error->message);
      errata_traces_page_show_toast (self, message);
    }
  return ok;
}

/* The review of `trace_id` changed under the form: the form, the row and
 * the header read it again, and the trace is put on show. */
static void
show_changed_review (ErrataTracesPage *self,
                     gint64            trace_id)
{
  if (trace_id == self->current_id)
    errata_coding_panel_reload (ERRATA_CODING_PANEL (self->coding_panel));
  _errata_traces_page_review_changed (self, trace_id);
  if (trace_id != self->current_id)
    errata_traces_page_show_trace (self, trace_id);
}

/* A note still waiting for its autosave becomes a step first, so that
 * Undo takes back what the reviewer did last. */
static gboolean
flush_for_undo (ErrataTracesPage *self)
{
  g_autoptr(GError) error = NULL;

  if (errata_traces_page_flush (self, &error))
    return TRUE;
  errata_traces_page_show_toast (self, error->message);
  return FALSE;
}

static void
undo_or_redo (ErrataTracesPage *self,
              gboolean          undo)
{
  gint64 trace_id;

  if (!flush_for_undo (self))
    return;
  trace_id = next_step_trace (self, undo);
  if (trace_id < 0 || !play_step (self, undo))
    return;
  errata_toast_helper_hide (self->toast_overlay);
  show_changed_review (self, trace_id);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);
  gboolean undo = g_str_equal (action_name, "traces.undo");

  /* Right after a deletion (no review edit since), Ctrl+Z brings it back. */
  if (undo && self->deletion_is_last &&
      !errata_coding_panel_has_unsaved (ERRATA_CODING_PANEL (self->coding_panel)))
    {
      gtk_widget_activate_action (widget, "traces.undo-delete", NULL);
      return;
    }
  undo_or_redo (self, undo);
}

/* The toast's Undo after Ctrl+Enter: every step on top of the stack that
 * concerns the trace left (the verdict, the note and the mark made there
 * since), so that its review is as it was before, and back to it. */
static void
undo_review_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);
  gint64 trace_id = g_variant_get_int64 (parameter);
  gboolean undone = FALSE;

  if (!flush_for_undo (self))
    return;
  while (next_step_trace (self, TRUE) == trace_id && play_step (self, TRUE))
    undone = TRUE;
  if (!undone)
    return;
  errata_toast_helper_hide (self->toast_overlay);
  show_changed_review (self, trace_id);
}

/* After Ctrl+Enter moved on from a trace reviewed just now: a way back. */
static void
offer_undo_review (ErrataTracesPage *self,
                   gint64            left_id,
                   const char       *message)
{
  if (left_id < 0 || next_step_trace (self, TRUE) != left_id)
    {
      if (message != NULL)
        errata_traces_page_show_toast (self, message);
      return;
    }
  errata_toast_helper_show_with_action (self->toast_overlay, message ? message : _("Review saved"),
                                        _("_Undo"), "traces.undo-review",
                                        g_variant_new_int64 (left_id));
}

static void
next_unreviewed_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean saving = errata_coding_panel_has_unsaved (ERRATA_CODING_PANEL (self->coding_panel));
  gint64 left_id = self->current_id;
  guint position;

  if (!errata_traces_page_flush (self, &error))
    {
      errata_traces_page_show_toast (self, error->message);
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    return;
  position = find_next_unreviewed (self);
  if (position == GTK_INVALID_LIST_POSITION)
    /* "Saved" only when something was: the key also just looks for the
     * next trace, and "you" because others' reviews do not empty my queue. */
    offer_undo_review (self, left_id, saving
                       ? _("Saved. No trace left in this list that you have not reviewed")
                       : _("No trace left in this list that you have not reviewed"));
  else
    {
      errata_traces_page_select (self, position);
      offer_undo_review (self, left_id, NULL);
    }
  /* Out of the note: the next keys are p, f or j again, not text; the
   * focus ring goes to the row that is now selected. */
  _errata_traces_page_focus_selected_row (self);
}

static ErrataTracesPane
get_focused_pane (ErrataTracesPage *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

  if (focus != NULL && gtk_widget_is_ancestor (focus, self->trace_view))
    return ERRATA_TRACES_PANE_TRACE;
  if (focus != NULL && gtk_widget_is_ancestor (focus, self->coding_panel))
    return ERRATA_TRACES_PANE_CODING;
  return ERRATA_TRACES_PANE_LIST;
}

static void
forward_to_panel (ErrataTracesPage *self,
                  const char        *action)
{
  if (self->current != NULL)
    gtk_widget_activate_action (self->coding_panel, action, NULL);
}

static void
pass_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  forward_to_panel (ERRATA_TRACES_PAGE (widget), "coding.pass");
}

static void
fail_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  forward_to_panel (ERRATA_TRACES_PAGE (widget), "coding.fail");
}

/* Escape in the note goes back to where n came from. */
static void
focus_note_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);
  ErrataTracesPane pane = get_focused_pane (self);

  if (pane != ERRATA_TRACES_PANE_CODING)
    self->note_return_pane = pane;
  forward_to_panel (self, "coding.focus-note");
}

/* Escape in the review panel (the note, most often) leaves it; anywhere
 * else the key goes on to whoever wants it. */
static gboolean
leave_note_binding (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);

  if (get_focused_pane (self) != ERRATA_TRACES_PANE_CODING)
    return FALSE;
  _errata_traces_page_focus_pane (self, self->note_return_pane);
  return TRUE;
}

/* ] and [ (or Alt+Down and Alt+Up) from anywhere outside a text field:
 * into the conversation, one message on. */
static void
next_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);
  int delta = g_str_equal (action_name, "traces.next-message") ? 1 : -1;

  if (self->current != NULL)
    errata_trace_view_move_focus (ERRATA_TRACE_VIEW (self->trace_view), delta);
}

/* Digits type a message number, as shown in its header (#7): 7 goes to
 * message 7, and 1 then 2 within a second to message 12. */
#define MESSAGE_NUMBER_TIMEOUT_USEC G_USEC_PER_SEC

static gboolean
message_number_binding (GtkWidget *widget,
                        GVariant  *args,
                        gpointer   user_data)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);
  int digit = g_variant_get_int32 (args);
  gint64 now = g_get_monotonic_time ();
  guint n;

  if (self->current == NULL)
    return FALSE;
  n = errata_trace_get_n_messages (self->current);
  if (now - self->message_number_time > MESSAGE_NUMBER_TIMEOUT_USEC ||
      self->message_number * 10 + digit > n)
    self->message_number = 0;
  self->message_number = self->message_number * 10 + digit;
  self->message_number_time = now;
  if (self->message_number >= 1 && self->message_number <= n)
    errata_trace_view_focus_message (ERRATA_TRACE_VIEW (self->trace_view),
                                     self->message_number - 1);
  return TRUE;
}

static void
mark_first_failure_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);
  int index;

  if (self->current == NULL)
    return;
  index = errata_trace_view_get_focused_message (ERRATA_TRACE_VIEW (self->trace_view));
  if (index < 0)
    {
      errata_traces_page_show_toast (self, _("Go to a message first: ] or Alt+↓, or its number"));
      return;
    }
  _errata_traces_page_toggle_first_failure (self, index);
}

void
_errata_traces_page_focus_pane (ErrataTracesPage *self,
                                ErrataTracesPane  pane)
{
  ErrataTraceView *view = ERRATA_TRACE_VIEW (self->trace_view);

  if (pane == ERRATA_TRACES_PANE_TRACE && self->current != NULL)
    errata_trace_view_focus_message (view, MAX (errata_trace_view_get_focused_message (view), 0));
  else if (pane == ERRATA_TRACES_PANE_CODING && self->current != NULL)
    gtk_widget_child_focus (self->coding_panel, GTK_DIR_TAB_FORWARD);
  else
    _errata_traces_page_focus_selected_row (self);
}

/* F6 and Shift+F6, as across GNOME: from pane to pane. Tab alone cannot
 * leave the list on GTK 4.8, where it walks the rows. */
static void
next_pane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);
  int step = g_str_equal (action_name, "traces.next-pane") ? 1 : ERRATA_TRACES_N_PANES - 1;

  _errata_traces_page_focus_pane (self, (get_focused_pane (self) + step) % ERRATA_TRACES_N_PANES);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* From the live traces bar: new traces were stored. */
static void
live_traces_arrived_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  _errata_traces_page_live_traces_arrived (ERRATA_TRACES_PAGE (widget));
}

static void
add_shortcuts (GtkWidgetClass *widget_class)
{
  static const struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_j, 0, "traces.next" },
    { GDK_KEY_Down, 0, "traces.next" },
    { GDK_KEY_k, 0, "traces.previous" },
    { GDK_KEY_Up, 0, "traces.previous" },
    { GDK_KEY_p, 0, "traces.pass" },
    { GDK_KEY_f, 0, "traces.fail" },
    { GDK_KEY_n, 0, "traces.focus-note" },
    { GDK_KEY_m, 0, "traces.mark-first-failure" },
    { GDK_KEY_bracketright, 0, "traces.next-message" },
    { GDK_KEY_Down, GDK_ALT_MASK, "traces.next-message" },
    { GDK_KEY_bracketleft, 0, "traces.previous-message" },
    { GDK_KEY_Up, GDK_ALT_MASK, "traces.previous-message" },
    { GDK_KEY_z, GDK_CONTROL_MASK, "traces.undo" },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "traces.redo" },
    { GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "traces.redo" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i].key, keys[i].mods,
                                         keys[i].action, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, leave_note_binding, NULL);
  for (int digit = 0; digit <= 9; digit++)
    {
      gtk_widget_class_add_binding (widget_class, GDK_KEY_0 + digit, 0,
                                    message_number_binding, "i", digit);
      gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_0 + digit, 0,
                                    message_number_binding, "i", digit);
    }
}

void
_errata_traces_page_class_install_actions (GtkWidgetClass *widget_class)
{
  add_shortcuts (widget_class);
  gtk_widget_class_install_action (widget_class, "traces.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "traces.live-traces-arrived", NULL,
                                   live_traces_arrived_action);
  gtk_widget_class_install_action (widget_class, "traces.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "traces.next-unreviewed", NULL,
                                   next_unreviewed_action);
  gtk_widget_class_install_action (widget_class, "traces.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "traces.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "traces.undo-review", "x", undo_review_action);
  gtk_widget_class_install_action (widget_class, "traces.pass", NULL, pass_action);
  gtk_widget_class_install_action (widget_class, "traces.fail", NULL, fail_action);
  gtk_widget_class_install_action (widget_class, "traces.focus-note", NULL, focus_note_action);
  gtk_widget_class_install_action (widget_class, "traces.mark-first-failure", NULL,
                                   mark_first_failure_action);
  gtk_widget_class_install_action (widget_class, "traces.next-message", NULL, next_message_action);
  gtk_widget_class_install_action (widget_class, "traces.previous-message", NULL,
                                   next_message_action);
  gtk_widget_class_install_action (widget_class, "traces.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "traces.next-pane", NULL, next_pane_action);
  gtk_widget_class_install_action (widget_class, "traces.previous-pane", NULL, next_pane_action);
  gtk_widget_class_install_action (widget_class, "traces.shuffle", NULL, shuffle_action);
  gtk_widget_class_install_action (widget_class, "traces.import-order", NULL,
                                   import_order_action);
}

/* Ctrl+Enter and Ctrl+F must work while the note has the focus, and a
 * text view takes Enter for itself: these shortcuts run in the capture
 * phase, before the focused widget sees the key. */
void
_errata_traces_page_add_capture_shortcuts (ErrataTracesPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);
  static const struct { const char *trigger; const char *action; } keys[] = {
    { "<Control>Return|<Control>KP_Enter", "traces.next-unreviewed" },
    { "<Control>f", "traces.search" },
    { "F6", "traces.next-pane" },
    { "<Shift>F6", "traces.previous-pane" },
  };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (shortcuts,
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (keys[i].trigger),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
