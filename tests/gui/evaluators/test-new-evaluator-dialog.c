/* test-new-evaluator-dialog.c: the New Evaluator dialog under a display:
 * a taken name is refused inline, every kind is created with a definition
 * the core accepts, Enter creates and Escape cancels. Renders
 * new-evaluator-dialog{,-dark}.png in the build folder.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * G_TEST_OPTION_ISOLATE_DIRS: a command evaluator created here is trusted
 * in the test's own configuration folder, never the user's.
 */

#include "config.h"

#include <adwaita.h>

#include "errata-code-check.h"
#include "errata-evaluator-method.h"
#include "errata-evaluators.h"
#include "errata-gui-test-utils.h"
#include "errata-new-evaluator-dialog.h"
#include "errata-test-utils.h"
#include "errata-trust.h"

typedef struct
{
  char            *dir;
  ErrataProject   *project;
  ErrataWorkspace *workspace;
  gint64           mode;
  GtkWindow       *window;
  GtkWidget       *from;
  GArray          *changed;
} Fixture;

static void
on_changed (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  Fixture *fixture = user_data;
  gint64 id = g_variant_get_int64 (parameter);

  g_array_append_val (fixture->changed, id);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) changed = g_simple_action_new ("changed", G_VARIANT_TYPE_INT64);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;

  g_settings_set_string (settings, "llm-model", "judge-model-from-preferences");
  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->workspace = errata_workspace_new (fixture->project, settings);
  fixture->mode = errata_taxonomy_create_mode (errata_workspace_get_taxonomy (fixture->workspace),
                                               "Refunds", "Offers a refund it may not give",
                                               NULL, 0, ERRATA_UNSORTED, &error);
  g_assert_no_error (error);

  fixture->changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (changed, "activate", G_CALLBACK (on_changed), fixture);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (changed));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->from = gtk_button_new_with_label ("New");
  gtk_widget_insert_action_group (fixture->from, "evaluators", G_ACTION_GROUP (group));
  gtk_window_set_child (fixture->window, fixture->from);
  gtk_window_set_default_size (fixture->window, 1024, 800);
  gtk_window_present (fixture->window);
}

static ErrataNewEvaluatorDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ERRATA_IS_NEW_EVALUATOR_DIALOG (window))
        return ERRATA_NEW_EVALUATOR_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_is_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ErrataNewEvaluatorDialog *dialog = find_dialog ();

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (fixture->window);
  errata_gui_test_iterate_for (50);
  g_clear_object (&fixture->workspace);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  g_array_unref (fixture->changed);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
named (ErrataNewEvaluatorDialog *dialog,
       const char               *name)
{
  GtkWidget *widget = find_named (GTK_WIDGET (dialog), name);

  g_assert_nonnull (widget);
  return widget;
}

static ErrataNewEvaluatorDialog *
open_dialog (Fixture *fixture,
             gint64   target)
{
  ErrataNewEvaluatorDialog *dialog;

  errata_new_evaluator_dialog_present (fixture->from, fixture->workspace, target);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->window);
  return dialog;
}

static guint
count_evaluators (Fixture *fixture)
{
  g_autoptr(GPtrArray) evaluators = errata_evaluators_list (fixture->project, NULL);

  return evaluators->len;
}

static GtkLabel *
error_label (ErrataNewEvaluatorDialog *dialog)
{
  GtkLabel *label = errata_gui_test_find_with_class (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "error");

  g_assert_nonnull (label);
  return label;
}

static void
test_taken_name (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) definition = json_object_new ();
  g_autoptr(ErrataEvaluator) existing = NULL;
  g_autoptr(ErrataEvaluator) raced = NULL;
  g_autoptr(GError) error = NULL;
  ErrataNewEvaluatorDialog *dialog;
  GtkWidget *name;
  GtkButton *create;

  existing = errata_evaluators_create (fixture->project, "No refunds", fixture->mode, "json",
                                       definition, NULL, &error);
  g_assert_no_error (error);
  dialog = open_dialog (fixture, fixture->mode);
  name = named (dialog, "name");
  create = errata_gui_test_find_button (GTK_WIDGET (dialog), "Create");
  g_assert_nonnull (create);

  /* Said as it is typed, and Enter does not create. */
  gtk_editable_set_text (GTK_EDITABLE (name), "No refunds");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label (dialog))));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label (dialog)), "already exists"));
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (create)));
  g_signal_emit_by_name (name, "entry-activated");
  g_assert_cmpuint (count_evaluators (fixture), ==, 1);
  g_assert_true (find_dialog () == dialog);

  /* A free name clears it. */
  gtk_editable_set_text (GTK_EDITABLE (name), "No refunds, ever");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label (dialog))));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (create)));

  /* Taken meanwhile (the CLI, another window): refused by the core with
   * ERRATA_EVAL_ERROR_EXISTS, shown inline, the dialog stays. */
  raced = errata_evaluators_create (fixture->project, "No refunds, ever", fixture->mode, "json",
                                    definition, NULL, &error);
  g_assert_no_error (error);
  g_signal_emit_by_name (create, "clicked");
  g_assert_cmpuint (count_evaluators (fixture), ==, 2);
  g_assert_nonnull (strstr (gtk_label_get_text (error_label (dialog)), "already exists"));
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  g_assert_true (find_dialog () == dialog);
  g_assert_cmpuint (fixture->changed->len, ==, 0);
}

static void
select_kind (ErrataNewEvaluatorDialog *dialog,
             const char               *kind)
{
  g_autofree char *name = g_strconcat ("kind-", kind, NULL);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (dialog, name)), TRUE);
}

static void
test_every_kind (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  const char * const *checks = errata_code_check_list_kinds ();
  g_autofree char *project_id = errata_project_get_meta (fixture->project, "project_id");

  g_ptr_array_add (kinds, (gpointer)ERRATA_EVALUATOR_KIND_JUDGE);
  for (guint i = 0; checks[i] != NULL; i++)
    g_ptr_array_add (kinds, (gpointer)checks[i]);
  g_ptr_array_add (kinds, (gpointer)ERRATA_EVALUATOR_KIND_COMMAND);

  for (guint i = 0; i < kinds->len; i++)
    {
      const char *kind = g_ptr_array_index (kinds, i);
      g_autofree char *name = g_strdup_printf ("A %s", kind);
      g_autoptr(ErrataEvaluator) evaluator = NULL;
      g_autoptr(ErrataEvaluatorVersion) version = NULL;
      g_autoptr(GError) error = NULL;
      ErrataNewEvaluatorDialog *dialog = open_dialog (fixture, fixture->mode);

      g_test_message ("kind %s", kind);
      gtk_editable_set_text (GTK_EDITABLE (named (dialog, "name")), name);
      select_kind (dialog, kind);
      g_assert_cmpint (gtk_widget_get_visible (named (dialog, "tool")), ==,
                       g_str_equal (kind, "tool_call"));
      g_assert_cmpint (gtk_widget_get_visible (named (dialog, "command")), ==,
                       g_str_equal (kind, "command"));
      if (g_str_equal (kind, "tool_call"))
        {
          /* Asked for: no default would be right. */
          g_signal_emit_by_name (errata_gui_test_find_button (GTK_WIDGET (dialog), "Create"),
                                 "clicked");
          g_assert_true (find_dialog () == dialog);
          g_assert_true (gtk_widget_has_css_class (named (dialog, "tool"), "error"));
          gtk_editable_set_text (GTK_EDITABLE (named (dialog, "tool")), "book_table");
        }
      if (g_str_equal (kind, "command"))
        gtk_editable_set_text (GTK_EDITABLE (named (dialog, "command")),
                               "sh -c 'cat > /dev/null; exit 0'");
      /* Enter in the name row creates. */
      g_signal_emit_by_name (named (dialog, "name"), "entry-activated");
      errata_gui_test_iterate_until (dialog_is_gone, NULL);

      evaluator = errata_evaluators_find (fixture->project, name, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (evaluator->kind, ==, kind);
      g_assert_cmpint (evaluator->target, ==, fixture->mode);
      g_assert_cmpint (g_array_index (fixture->changed, gint64, fixture->changed->len - 1), ==,
                       evaluator->id);
      version = errata_evaluators_get_version (fixture->project, evaluator->id, 0, &error);
      g_assert_true (errata_evaluator_method_validate (kind, version->definition, &error));
      g_assert_no_error (error);
      if (g_str_equal (kind, "judge"))
        g_assert_cmpstr (json_object_get_string_member (version->definition, "model"), ==,
                         "judge-model-from-preferences");
      if (g_str_equal (kind, "tool_call"))
        g_assert_cmpstr (json_object_get_string_member (version->definition, "tool"), ==,
                         "book_table");
      if (g_str_equal (kind, "command"))
        /* Written here: its author trusts it. */
        g_assert_true (errata_trust_is_trusted (project_id, "sh -c 'cat > /dev/null; exit 0'"));
    }
  g_assert_cmpuint (count_evaluators (fixture), ==, kinds->len);
}

/* Escape is bound to window.close on the dialog's class. */
static void
test_escape_cancels (Fixture       *fixture,
                     gconstpointer  data)
{
  ErrataNewEvaluatorDialog *dialog = open_dialog (fixture, 0);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (dialog));
  g_autoptr(GtkShortcutTrigger) escape = gtk_keyval_trigger_new (GDK_KEY_Escape, 0);
  gboolean bound = FALSE;

  /* Overall is preselected for target 0. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (named (dialog, "target"))), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "name")), "Never made");
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !bound; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), escape)
              && GTK_IS_NAMED_ACTION (action))
            {
              g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==,
                               "window.close");
              g_assert_true (gtk_shortcut_action_activate (action, 0, GTK_WIDGET (dialog), NULL));
              bound = TRUE;
              break;
            }
        }
    }
  g_assert_true (bound);
  errata_gui_test_iterate_until (dialog_is_gone, NULL);
  g_assert_cmpuint (count_evaluators (fixture), ==, 0);
  g_assert_cmpuint (fixture->changed->len, ==, 0);
}

static void
test_render (Fixture       *fixture,
             gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  ErrataNewEvaluatorDialog *dialog = open_dialog (fixture, fixture->mode);
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;

  gtk_window_set_default_size (GTK_WINDOW (dialog), 1024, 900);
  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "name")), "No refunds");
  select_kind (dialog, "tool_call");
  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "tool")), "book_table");
  errata_gui_test_wait_for_frame (GTK_WIDGET (dialog));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  light = errata_gui_test_render_to_png (GTK_WIDGET (dialog), "new-evaluator-dialog.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = errata_gui_test_render_to_png (GTK_WIDGET (dialog), "new-evaluator-dialog-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  /* 1024 wide, less the frame a dialog window is drawn with. */
  g_assert_cmpint (gdk_texture_get_width (light), >=, 1000);
  g_assert_cmpfloat (errata_gui_test_brightness_at (light, 40, 200), >,
                     errata_gui_test_brightness_at (dark, 40, 200));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/new-evaluator-dialog/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("taken-name", test_taken_name);
  ADD ("every-kind", test_every_kind);
  ADD ("escape-cancels", test_escape_cancels);
  ADD ("render", test_render);
#undef ADD

  return g_test_run ();
}
