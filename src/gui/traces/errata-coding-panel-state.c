/* errata-coding-panel-state.c: what the coding panel shows of its state:
 * whether the review is saved, the verdict buttons, the first failure,
 * the failure modes of the trace, and what can be edited.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-coding-panel-private.h"

static char *
dup_error_text (ErrataCodingPanel *self)
{
  if (self->error_kind == ERROR_KIND_PREVIOUS)
    return g_strdup (self->error->message);
  if (self->error_kind == ERROR_KIND_READ)
    /* Translators: %s says why the stored review could not be read. */
    return g_strdup_printf (_("Could not read this review: %s"), self->error->message);
  /* Translators: %s says why the review could not be written. */
  return g_strdup_printf (_("Could not save this review: %s\n"
                            "Your changes are kept here and saved with your next change."),
                          self->error->message);
}

void
_errata_coding_panel_update_save_state (ErrataCodingPanel *self)
{
  const char *text = NULL;
  const char *icon = NULL;

  switch (self->save_state)
    {
    case SAVE_STATE_NONE:
      break;
    case SAVE_STATE_PENDING:
      text = _("Saving…");
      icon = "document-save-symbolic";
      break;
    case SAVE_STATE_SAVED:
      text = _("Saved");
      icon = "object-select-symbolic";
      break;
    case SAVE_STATE_FAILED:
      text = _("Not saved");
      icon = "dialog-warning-symbolic";
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_widget_set_visible (GTK_WIDGET (self->state_box), text != NULL);
  gtk_label_set_text (self->state_label, text ? text : "");
  gtk_image_set_from_icon_name (self->state_icon, icon);
  if (self->save_state == SAVE_STATE_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_box), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_box), "error");

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error != NULL);
  if (self->error != NULL)
    {
      g_autofree char *text_with_reason = dup_error_text (self);

      gtk_label_set_text (self->error_label, text_with_reason);
    }
}

void
_errata_coding_panel_set_save_state (ErrataCodingPanel *self,
                SaveState          state)
{
  self->save_state = state;
  _errata_coding_panel_update_save_state (self);
}

void
_errata_coding_panel_update_annotator_label (ErrataCodingPanel *self)
{
  /* Translators: %s is the annotator's name, from the preferences. */
  g_autofree char *text = g_strdup_printf (_("Reviewing as %s"), self->annotator);

  gtk_label_set_text (self->annotator_label, text);
}

void
_errata_coding_panel_update_verdict_buttons (ErrataCodingPanel *self)
{
  self->syncing = TRUE;
  gtk_toggle_button_set_active (self->pass_button, self->verdict == ERRATA_VERDICT_PASS);
  gtk_toggle_button_set_active (self->fail_button, self->verdict == ERRATA_VERDICT_FAIL);
  self->syncing = FALSE;
}

/* The role of message `index`, when the trace carries its messages (a
 * summary from the list model does not). */
static const char *
get_message_role (ErrataTrace *trace,
                  int          index)
{
  JsonArray *messages = trace ? errata_trace_get_messages (trace) : NULL;
  JsonNode *node;

  if (messages == NULL || index < 0 || (guint) index >= json_array_get_length (messages))
    return NULL;
  node = json_array_get_element (messages, index);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (node), "role", NULL);
}

char *
_errata_coding_panel_dup_first_failure_text (ErrataTrace *trace,
                        int          index)
{
  const char *role;

  if (index < 0)
    return g_strdup (_("Not marked"));
  /* Messages are counted from 1 for people; the index is stored from 0. */
  role = get_message_role (trace, index);
  if (role != NULL)
    /* Translators: "Message 3 (assistant)": a message number and its role. */
    return g_strdup_printf (_("Message %d (%s)"), index + 1, role);
  return g_strdup_printf (_("Message %d"), index + 1);
}

void
_errata_coding_panel_update_first_failure_row (ErrataCodingPanel *self)
{
  g_autofree char *text = _errata_coding_panel_dup_first_failure_text (self->trace, self->first_failure);
  gboolean marked = self->first_failure >= 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->first_failure_row), text);
  if (marked)
    gtk_widget_remove_css_class (GTK_WIDGET (self->first_failure_row), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->first_failure_row), "dim-label");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "coding.clear-first-failure",
                                 _errata_coding_panel_can_edit (self) && marked);
}

void
_errata_coding_panel_update_placeholder (ErrataCodingPanel *self)
{
  GtkTextBuffer *buffer = _errata_coding_panel_get_note_buffer (self);

  gtk_widget_set_visible (self->note_placeholder, gtk_text_buffer_get_char_count (buffer) == 0);
}

static const char *
get_reason (ErrataCodingPanel *self)
{
  if (self->project == NULL || self->trace == NULL)
    return _("Select a trace to review it.");
  if (errata_project_is_read_only (self->project))
    return _("This project is open read-only, so reviews cannot be changed. "
             "Open a copy you can write to in order to review.");
  return NULL;
}

void
_errata_coding_panel_update_sensitivity (ErrataCodingPanel *self)
{
  gboolean editable = _errata_coding_panel_can_edit (self);
  const char *reason = get_reason (self);
  static const char * const actions[] = {
    "coding.pass", "coding.fail", "coding.clear-verdict", "coding.focus-note",
  };

  gtk_widget_set_sensitive (self->form, editable);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL);
  gtk_label_set_text (self->reason_label, reason ? reason : "");
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], editable);
  _errata_coding_panel_update_first_failure_row (self);
}

/* The names of the failure modes the trace fails, in canvas order; NULL
 * when there are none. */
static char *
dup_modes_text (ErrataCodingPanel  *self,
                GError            **error)
{
  g_autoptr(GPtrArray) modes = NULL;
  g_autoptr(GString) names = NULL;
  gint64 trace_id;

  if (self->taxonomy == NULL || self->trace == NULL)
    return NULL;
  modes = errata_taxonomy_list_modes (self->taxonomy, error);
  if (modes == NULL)
    return NULL;
  trace_id = errata_trace_get_id (self->trace);
  for (guint i = 0; i < modes->len; i++)
    {
      ErrataFailureMode *mode = modes->pdata[i];
      GError *local = NULL;

      if (errata_taxonomy_get_label (self->taxonomy, trace_id, mode->id, &local) != ERRATA_VERDICT_FAIL)
        {
          if (local != NULL)
            {
              g_propagate_error (error, local);
              return NULL;
            }
          continue;
        }
      if (names == NULL)
        names = g_string_new (mode->name);
      else
        /* Translators: between the names of two failure modes. */
        g_string_append_printf (names, "%s%s", _(", "), mode->name);
    }
  return names ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

void
_errata_coding_panel_update_modes_label (ErrataCodingPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *names = dup_modes_text (self, &error);
  g_autofree char *text = NULL;

  if (error != NULL)
    /* Translators: %s says why the failure modes could not be read. */
    text = g_strdup_printf (_("Could not read the failure modes: %s"), error->message);
  else if (names != NULL)
    /* Translators: %s lists the failure modes of the trace on show,
     * for example "Over budget, Missed tool call". */
    text = g_strdup_printf (_("Failure modes: %s"), names);
  gtk_label_set_text (self->modes_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->modes_label), text != NULL);
}
