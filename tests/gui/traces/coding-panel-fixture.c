/* coding-panel-fixture.c: a window with a coding panel on a project of
 * three traces, and helpers to look inside the panel.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "coding-panel-fixture.h"
#include "errata-gui-test-utils.h"
#include "errata-label-history.h"
#include "errata-mode-labels.h"
#include "errata-test-utils.h"

JsonObject *
message_new (const char *role,
             const char *content)
{
  JsonObject *message = json_object_new ();

  json_object_set_string_member (message, "role", role);
  json_object_set_string_member (message, "content", content);
  return message;
}

/* A short agent conversation: system, user, assistant (tool call), tool,
 * assistant. The last reply ignores what the tool said. */
ErrataTrace *
new_agent_trace (const char *external_id)
{
  g_autoptr(ErrataTrace) trace = errata_test_new_trace (external_id, "", "");
  g_autoptr(JsonArray) messages = json_array_new ();

  json_array_add_object_element (messages, message_new ("system", "You help people find homes."));
  json_array_add_object_element (messages, message_new ("user", "Can I see 12 Elm Street on Saturday?"));
  json_array_add_object_element (messages, message_new ("assistant", "Let me check the agent."));
  json_array_add_object_element (messages, message_new ("tool", "{\"available\": false}"));
  json_array_add_object_element (messages, message_new ("assistant", "Saturday at 10 works!"));
  errata_trace_set_messages (trace, messages);
  return g_steal_pointer (&trace);
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;

  g_settings_set_string (settings, "annotator-name", ANNOTATOR);
  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->file = g_object_ref (errata_project_get_file (fixture->project));
  for (guint i = 0; i < G_N_ELEMENTS (fixture->ids); i++)
    {
      g_autofree char *id = g_strdup_printf ("viewing-%u", i + 1);
      g_autoptr(ErrataTrace) trace = new_agent_trace (id);
      gboolean added = FALSE;

      g_assert_true (errata_project_add_trace (fixture->project, trace, &added, &error));
      g_assert_no_error (error);
      fixture->ids[i] = errata_trace_get_id (trace);
    }

  fixture->panel = ERRATA_CODING_PANEL (errata_coding_panel_new ());
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 360, 720);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->panel));
  gtk_window_present (fixture->window);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->panel), (gpointer *) &fixture->panel);
  gtk_window_destroy (fixture->window);
  g_assert_null (fixture->panel);
  g_assert_finalize_object (fixture->project);
  g_object_unref (fixture->file);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

ErrataTrace *
get_trace (ErrataProject *project,
           gint64         id)
{
  g_autoptr(GError) error = NULL;
  ErrataTrace *trace = errata_project_get_trace (project, id, &error);

  g_assert_no_error (error);
  return trace;
}

void
show_trace (Fixture *fixture,
            guint    i)
{
  g_autoptr(ErrataTrace) trace = get_trace (fixture->project, fixture->ids[i]);

  errata_coding_panel_set_trace (fixture->panel, fixture->project, trace);
}

/* The stored annotation, or NULL when there is none. */
ErrataAnnotation *
read_annotation (ErrataProject *project,
                 gint64         trace_id,
                 const char    *annotator)
{
  g_autoptr(GError) error = NULL;
  ErrataAnnotation *annotation;

  annotation = errata_project_get_annotation (project, trace_id, annotator, &error);
  if (annotation == NULL)
    g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND);
  return annotation;
}

/* Read through a connection of its own, as another process would. */
ErrataAnnotation *
read_annotation_elsewhere (GFile  *file,
                           gint64  trace_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) other = errata_project_open (file, ERRATA_PROJECT_OPEN_READ_ONLY,
                                                        &error);

  g_assert_no_error (error);
  return read_annotation (other, trace_id, ANNOTATOR);
}

gboolean
nothing_unsaved (gpointer data)
{
  return !errata_coding_panel_has_unsaved (data);
}

/* Widget tree helpers ------------------------------------------------- */

/* The one widget of `type` under `root`, mapped or not. */
gpointer
find_one (GtkWidget *root,
          GType      type)
{
  g_autoptr(GPtrArray) found = errata_gui_test_find_all (root, type);

  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

gpointer
find_with_class (GtkWidget  *root,
                 GType       type,
                 const char *css_class)
{
  gpointer found = errata_gui_test_find_with_class (root, type, css_class);

  g_assert_nonnull (found);
  return found;
}

GtkToggleButton *
get_verdict_button (Fixture    *fixture,
                    const char *css_class)
{
  return GTK_TOGGLE_BUTTON (find_with_class (GTK_WIDGET (fixture->panel),
                                             GTK_TYPE_TOGGLE_BUTTON, css_class));
}

GtkTextBuffer *
get_note_buffer (Fixture *fixture)
{
  return gtk_text_view_get_buffer (find_one (GTK_WIDGET (fixture->panel), GTK_TYPE_TEXT_VIEW));
}

/* Text of the visible labels, one per line, to search in. */
gboolean
shows_text (ErrataCodingPanel *panel,
            const char        *text)
{
  g_autofree char *shown = errata_gui_test_dup_visible_text (GTK_WIDGET (panel));

  return strstr (shown, text) != NULL;
}

/* The one action row of the form (the labels per mode and the label
 * history below it have their own). */
AdwPreferencesRow *
get_first_failure_row (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = errata_gui_test_find_all (GTK_WIDGET (fixture->panel), ADW_TYPE_ACTION_ROW);

  for (guint i = rows->len; i > 0; i--)
    if (gtk_widget_get_ancestor (rows->pdata[i - 1], ERRATA_TYPE_MODE_LABELS) != NULL ||
        gtk_widget_get_ancestor (rows->pdata[i - 1], ERRATA_TYPE_LABEL_HISTORY) != NULL)
      g_ptr_array_remove_index (rows, i - 1);
  g_assert_cmpuint (rows->len, ==, 1);
  return rows->pdata[0];
}

const char *
get_first_failure_text (Fixture *fixture)
{
  return adw_preferences_row_get_title (get_first_failure_row (fixture));
}

void
count_saved (ErrataCodingPanel *panel,
             gint64             trace_id,
             GArray            *saved)
{
  g_array_append_val (saved, trace_id);
}
