/* errata-new-evaluator-dialog.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every kind starts from a definition that validates, so that the editor
 * opens on something that runs: a judge gets the default prompt template
 * and the model set in Preferences; a check gets a common use of its kind.
 * A tool call check needs the tool's name and a command its command line:
 * the dialog asks for those two, since no default would be right.
 */

#include "config.h"

#include "errata-new-evaluator-dialog.h"

#include <glib/gi18n.h>

#include "errata-code-check.h"
#include "errata-code-check-editor.h"
#include "errata-evaluator-method.h"
#include "errata-evaluators.h"
#include "errata-judge.h"
#include "errata-judge-prompt.h"
#include "errata-splits.h"

struct _ErrataNewEvaluatorDialog
{
  AdwWindow            parent_instance;

  ErrataWorkspace     *workspace;
  GtkWidget           *from;          /* weak */
  GArray              *targets;       /* gint64, by position in target_row */
  GPtrArray           *kinds;         /* const char *, by position of kind_checks */
  GPtrArray           *kind_checks;   /* GtkCheckButton */

  GtkLabel            *error_label;
  AdwEntryRow         *name_row;
  AdwComboRow         *target_row;
  AdwPreferencesGroup *kind_group;
  AdwPreferencesGroup *details_group;
  AdwEntryRow         *tool_row;
  AdwEntryRow         *command_row;
  GtkButton           *create_button;
};

G_DEFINE_FINAL_TYPE (ErrataNewEvaluatorDialog, errata_new_evaluator_dialog, ADW_TYPE_WINDOW)

static ErrataProject *
get_project (ErrataNewEvaluatorDialog *self)
{
  return errata_workspace_get_project (self->workspace);
}

static const char *
selected_kind (ErrataNewEvaluatorDialog *self)
{
  for (guint i = 0; i < self->kind_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->kind_checks, i)))
      return g_ptr_array_index (self->kinds, i);
  return ERRATA_EVALUATOR_KIND_JUDGE;
}

static gint64
selected_target (ErrataNewEvaluatorDialog *self)
{
  guint position = adw_combo_row_get_selected (self->target_row);

  return position < self->targets->len ? g_array_index (self->targets, gint64, position)
                                       : ERRATA_TARGET_OVERALL;
}

static void
show_error (ErrataNewEvaluatorDialog *self,
            const char               *message,
            GtkWidget                *row)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->name_row), GTK_WIDGET (self->tool_row),
                        GTK_WIDGET (self->command_row) };

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i] == row && message != NULL)
      gtk_widget_add_css_class (rows[i], "error");
    else
      gtk_widget_remove_css_class (rows[i], "error");
}

static char *
dup_stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Default definitions ------------------------------------------------------ */

static JsonObject *
judge_definition (ErrataNewEvaluatorDialog *self)
{
  GSettings *settings = errata_workspace_get_settings (self->workspace);
  JsonObject *definition = json_object_new ();

  json_object_set_string_member (definition, "prompt", errata_judge_prompt_default_template ());
  if (settings != NULL)
    {
      g_autofree char *model = g_settings_get_string (settings, "llm-model");

      if (*model != '\0')
        json_object_set_string_member (definition, "model", model);
    }
  json_object_set_int_member (definition, "temperature", 0);
  json_object_set_int_member (definition, "max_tokens", ERRATA_JUDGE_DEFAULT_MAX_TOKENS);
  return definition;
}

static JsonArray *
strings_array (const char * const *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strings[i] != NULL; i++)
    json_array_add_string_element (array, strings[i]);
  return array;
}

/* The definition a new evaluator of `kind` starts from; NULL with an error
 * when the user must still say something (the tool, the command). */
static JsonObject *
default_definition (ErrataNewEvaluatorDialog  *self,
                    const char                *kind,
                    GtkWidget                **bad_row,
                    GError                   **error)
{
  static const char * const apologies[] = { "sorry", "unfortunately", NULL };
  g_autoptr(JsonObject) definition = NULL;
  g_autofree char *tool = dup_stripped_text (self->tool_row);
  const char *command = gtk_editable_get_text (GTK_EDITABLE (self->command_row));
  g_auto(GStrv) argv = NULL;

  if (g_str_equal (kind, ERRATA_EVALUATOR_KIND_JUDGE))
    return judge_definition (self);
  definition = json_object_new ();
  if (g_str_equal (kind, "regex"))
    {
      /* The phrase a model falls back on when it fails the user. */
      json_object_set_string_member (definition, "pattern", "\\bas an AI\\b");
      json_object_set_string_member (definition, "match", "fail");
      json_object_set_boolean_member (definition, "ignore_case", TRUE);
    }
  else if (g_str_equal (kind, "contains"))
    {
      json_object_set_array_member (definition, "words", strings_array (apologies));
      json_object_set_string_member (definition, "mode", "none");
    }
  else if (g_str_equal (kind, "length"))
    json_object_set_int_member (definition, "max", 2000);
  else if (g_str_equal (kind, "tool_count"))
    json_object_set_int_member (definition, "max", 10);
  else if (g_str_equal (kind, "tool_call"))
    {
      if (*tool == '\0')
        {
          *bad_row = GTK_WIDGET (self->tool_row);
          g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                               _("Name the tool the check looks for"));
          return NULL;
        }
      json_object_set_string_member (definition, "tool", tool);
    }
  else if (g_str_equal (kind, ERRATA_EVALUATOR_KIND_COMMAND))
    {
      g_autoptr(GError) local_error = NULL;

      *bad_row = GTK_WIDGET (self->command_row);
      if (!g_shell_parse_argv (command, NULL, &argv, &local_error))
        {
          g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                       _("The command line: %s"), local_error->message);
          return NULL;
        }
      json_object_set_array_member (definition, "command",
                                    strings_array ((const char * const *)argv));
    }
  /* json: no parameters, any valid JSON passes. */
  return g_steal_pointer (&definition);
}

/* Creating ----------------------------------------------------------------- */

/* A command typed here is the user's own: trusted at creation, as
 * errata-trust.h asks of code that creates one. */
static gboolean
grant_trust (ErrataNewEvaluatorDialog  *self,
             ErrataEvaluator           *evaluator,
             GError                   **error)
{
  g_autoptr(ErrataEvaluatorVersion) version = NULL;

  if (!g_str_equal (evaluator->kind, ERRATA_EVALUATOR_KIND_COMMAND))
    return TRUE;
  version = errata_evaluators_get_version (get_project (self), evaluator->id, 0, error);
  return version != NULL
         && errata_evaluator_method_grant_trust (get_project (self), evaluator, version, error);
}

static void
create (ErrataNewEvaluatorDialog *self)
{
  g_autofree char *name = dup_stripped_text (self->name_row);
  g_autoptr(GArray) few_shot = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(JsonObject) definition = NULL;
  g_autoptr(GError) error = NULL;
  const char *kind = selected_kind (self);
  GtkWidget *bad_row = NULL;

  if (*name == '\0')
    {
      show_error (self, _("Give the evaluator a name"), GTK_WIDGET (self->name_row));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }
  definition = default_definition (self, kind, &bad_row, &error);
  if (definition != NULL && !errata_evaluator_method_validate (kind, definition, &error))
    g_clear_pointer (&definition, json_object_unref);
  if (definition != NULL)
    evaluator = errata_evaluators_create (get_project (self), name, selected_target (self), kind,
                                          definition, few_shot, &error);
  if (evaluator == NULL)
    {
      if (g_error_matches (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_EXISTS))
        bad_row = GTK_WIDGET (self->name_row);
      show_error (self, error->message, bad_row);
      if (bad_row != NULL)
        gtk_widget_grab_focus (bad_row);
      return;
    }
  if (!grant_trust (self, evaluator, &error))
    g_warning ("Could not trust the new command: %s", error->message);
  if (self->from != NULL)
    gtk_widget_activate_action (self->from, "evaluators.changed", "x", evaluator->id);
  gtk_window_close (GTK_WINDOW (self));
}

/* A taken name is said at once, not after Create. */
static void
on_name_changed (ErrataNewEvaluatorDialog *self)
{
  g_autofree char *name = dup_stripped_text (self->name_row);
  g_autoptr(ErrataEvaluator) existing = NULL;
  g_autofree char *message = NULL;

  if (*name != '\0')
    existing = errata_evaluators_find (get_project (self), name, NULL);
  if (existing != NULL)
    message = g_strdup_printf (_("An evaluator named “%s” already exists; choose another name."),
                               name);
  show_error (self, message, message != NULL ? GTK_WIDGET (self->name_row) : NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), existing == NULL);
}

static void
on_kind_toggled (ErrataNewEvaluatorDialog *self)
{
  const char *kind = selected_kind (self);
  gboolean tool = g_str_equal (kind, "tool_call");
  gboolean command = g_str_equal (kind, ERRATA_EVALUATOR_KIND_COMMAND);

  gtk_widget_set_visible (GTK_WIDGET (self->tool_row), tool);
  gtk_widget_set_visible (GTK_WIDGET (self->command_row), command);
  gtk_widget_set_visible (GTK_WIDGET (self->details_group), tool || command);
}

static void
on_create_clicked (ErrataNewEvaluatorDialog *self)
{
  create (self);
}

static void
on_entry_activated (ErrataNewEvaluatorDialog *self)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->create_button)))
    create (self);
}

/* Filling the rows --------------------------------------------------------- */

static void
add_kind (ErrataNewEvaluatorDialog *self,
          const char               *kind)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *name = g_strconcat ("kind-", kind, NULL);

  if (self->kind_checks->len > 0)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check),
                                g_ptr_array_index (self->kind_checks, 0));
  else
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_name (check, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 errata_code_check_editor_kind_title (kind));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), errata_code_check_editor_describe_kind (kind));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_kind_toggled), self);
  g_ptr_array_add (self->kinds, (gpointer)kind);
  g_ptr_array_add (self->kind_checks, check);
  adw_preferences_group_add (self->kind_group, row);
}

static void
fill_kinds (ErrataNewEvaluatorDialog *self)
{
  const char * const *checks = errata_code_check_list_kinds ();

  add_kind (self, ERRATA_EVALUATOR_KIND_JUDGE);
  for (guint i = 0; checks[i] != NULL; i++)
    add_kind (self, checks[i]);
  add_kind (self, ERRATA_EVALUATOR_KIND_COMMAND);
  on_kind_toggled (self);
}

static void
fill_targets (ErrataNewEvaluatorDialog *self,
              gint64                    preselected)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) modes = NULL;
  gint64 overall = ERRATA_TARGET_OVERALL;

  g_array_append_val (self->targets, overall);
  gtk_string_list_append (names, _("Overall (the whole trace)"));
  modes = errata_taxonomy_list_modes (errata_workspace_get_taxonomy (self->workspace), NULL);
  for (guint i = 0; modes != NULL && i < modes->len; i++)
    {
      ErrataFailureMode *mode = g_ptr_array_index (modes, i);

      g_array_append_val (self->targets, mode->id);
      gtk_string_list_append (names, mode->name);
    }
  adw_combo_row_set_model (self->target_row, G_LIST_MODEL (names));
  for (guint i = 0; i < self->targets->len; i++)
    if (g_array_index (self->targets, gint64, i) == preselected)
      adw_combo_row_set_selected (self->target_row, i);
}

/* The tool most called in the target's labelled traces, as a start. */
static void
guess_tool (ErrataNewEvaluatorDialog *self)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *best = NULL;
  guint best_count = 0;

  ids = errata_splits_list (get_project (self), selected_target (self), ERRATA_SPLIT_TRAIN, NULL);
  for (guint i = 0; ids != NULL && i < MIN (ids->len, 20); i++)
    {
      g_autoptr(ErrataTrace) trace = errata_project_get_trace (get_project (self),
                                                               g_array_index (ids, gint64, i),
                                                               NULL);
      JsonArray *messages = trace != NULL ? errata_trace_get_messages (trace) : NULL;

      for (guint m = 0; messages != NULL && m < json_array_get_length (messages); m++)
        {
          JsonObject *message = json_array_get_object_element (messages, m);
          JsonNode *node = message != NULL ? json_object_get_member (message, "tool_calls") : NULL;
          JsonArray *calls = node != NULL && JSON_NODE_HOLDS_ARRAY (node)
                             ? json_node_get_array (node) : NULL;

          for (guint c = 0; calls != NULL && c < json_array_get_length (calls); c++)
            {
              JsonObject *call = json_array_get_object_element (calls, c);
              const char *name = call != NULL
                                 ? json_object_get_string_member_with_default (call, "name", NULL)
                                 : NULL;
              guint count;

              if (name == NULL || *name == '\0')
                continue;
              count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) + 1;
              /* insert keeps the first key, so `best` stays valid */
              g_hash_table_insert (counts, g_strdup (name), GUINT_TO_POINTER (count));
              if (count > best_count)
                {
                  g_hash_table_lookup_extended (counts, name, (gpointer *)&best, NULL);
                  best_count = count;
                }
            }
        }
    }
  if (best != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->tool_row), best);
}

static void
errata_new_evaluator_dialog_finalize (GObject *object)
{
  ErrataNewEvaluatorDialog *self = (ErrataNewEvaluatorDialog *)object;

  g_clear_weak_pointer (&self->from);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->targets, g_array_unref);
  g_clear_pointer (&self->kinds, g_ptr_array_unref);
  g_clear_pointer (&self->kind_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (errata_new_evaluator_dialog_parent_class)->finalize (object);
}

static void
errata_new_evaluator_dialog_class_init (ErrataNewEvaluatorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = errata_new_evaluator_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-new-evaluator-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataNewEvaluatorDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataNewEvaluatorDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataNewEvaluatorDialog, target_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataNewEvaluatorDialog, kind_group);
  gtk_widget_class_bind_template_child (widget_class, ErrataNewEvaluatorDialog, details_group);
  gtk_widget_class_bind_template_child (widget_class, ErrataNewEvaluatorDialog, tool_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataNewEvaluatorDialog, command_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataNewEvaluatorDialog, create_button);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
errata_new_evaluator_dialog_init (ErrataNewEvaluatorDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->targets = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->kinds = g_ptr_array_new ();
  self->kind_checks = g_ptr_array_new ();
}

void
errata_new_evaluator_dialog_present (GtkWidget       *from,
                                     ErrataWorkspace *workspace,
                                     gint64           target)
{
  ErrataNewEvaluatorDialog *self;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (from));
  g_return_if_fail (ERRATA_IS_WORKSPACE (workspace));

  self = g_object_new (ERRATA_TYPE_NEW_EVALUATOR_DIALOG, NULL);
  self->workspace = g_object_ref (workspace);
  g_set_weak_pointer (&self->from, from);
  root = gtk_widget_get_root (from);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  fill_targets (self, target);
  fill_kinds (self);
  guess_tool (self);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
