/* errata-code-check-editor.c: the Definition tab of a code check or a
 * command evaluator.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor loads the latest version of an evaluator into a form
 * (-form.c), checks the form as the user types with the same validation a
 * run uses, and saves with errata_evaluators_save(), which updates a draft
 * in place and makes a new version of one that has run or is finalized.
 * It tells the page through the evaluators.changed action. A command from
 * the project runs (in the preview, or anywhere) only once the user has
 * read it and trusted it on this machine.
 */

#include "config.h"

#include "errata-code-check-editor.h"
#include "errata-code-check-editor-private.h"

#include <glib/gi18n.h>

#include "errata-command-check.h"
#include "errata-evaluator-method.h"
#include "errata-trust.h"

enum
{
  PROP_0,
  PROP_WORKSPACE,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ErrataCodeCheckEditor, errata_code_check_editor, GTK_TYPE_WIDGET)

static ErrataProject *
get_project (ErrataCodeCheckEditor *self)
{
  return errata_workspace_get_project (self->workspace);
}

static void
set_modified (ErrataCodeCheckEditor *self,
              gboolean               modified)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "code-check.save", modified);
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* Shows what is wrong under the title, and marks the row it is about. */
static void
show_error (ErrataCodeCheckEditor *self,
            const char            *message,
            const char            *field)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL && field == NULL)
    field = _errata_code_check_editor_find_field (self, message);
  _errata_code_check_editor_mark_field (self, message != NULL ? field : NULL);
}

/* The form's definition if it is one the core accepts; else NULL, with the
 * error shown inline. */
static JsonObject *
check_form (ErrataCodeCheckEditor  *self,
            GError                **error)
{
  g_autoptr(JsonObject) definition = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *field = NULL;

  definition = _errata_code_check_editor_read_form (self, &field, &local_error);
  if (definition != NULL
      && !errata_evaluator_method_validate (self->evaluator->kind, definition, &local_error))
    g_clear_pointer (&definition, json_object_unref);
  show_error (self, local_error != NULL ? local_error->message : NULL, field);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return g_steal_pointer (&definition);
}

static gboolean
definitions_equal (JsonObject *a,
                   JsonObject *b)
{
  g_autoptr(JsonNode) node_a = json_node_init_object (json_node_alloc (), a);
  g_autoptr(JsonNode) node_b = json_node_init_object (json_node_alloc (), b);

  return json_node_equal (node_a, node_b);
}

/* The command line the form holds now, or NULL when it holds none. */
static char *
dup_form_command_line (ErrataCodeCheckEditor *self)
{
  g_autoptr(JsonObject) definition = NULL;
  g_autoptr(ErrataCommandCheck) check = NULL;
  const char *field;

  if (!g_str_equal (self->evaluator->kind, ERRATA_EVALUATOR_KIND_COMMAND))
    return NULL;
  definition = _errata_code_check_editor_read_form (self, &field, NULL);
  if (definition != NULL)
    check = errata_command_check_new (definition, "", NULL);
  return check != NULL ? g_strdup (errata_command_check_get_command_line (check)) : NULL;
}

static char *
dup_stored_command_line (ErrataCodeCheckEditor *self)
{
  g_autoptr(ErrataCommandCheck) check = errata_command_check_new (self->version->definition, "",
                                                                  NULL);

  return check != NULL ? g_strdup (errata_command_check_get_command_line (check)) : NULL;
}

static void
update_trust (ErrataCodeCheckEditor *self)
{
  g_autofree char *stored = NULL;
  g_autofree char *typed = NULL;
  gboolean trusted;

  if (!g_str_equal (self->evaluator->kind, ERRATA_EVALUATOR_KIND_COMMAND))
    return;
  stored = dup_stored_command_line (self);
  typed = dup_form_command_line (self);
  trusted = stored != NULL && errata_trust_is_trusted (self->project_id, stored);
  if (typed != NULL && g_strcmp0 (typed, stored) != 0)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->trust_row),
                                     _("Edited command"));
      adw_action_row_set_subtitle (self->trust_row,
                                   _("You wrote it here: saving trusts it on this machine, and "
                                     "the preview runs it then"));
      gtk_widget_set_visible (GTK_WIDGET (self->trust_button), FALSE);
      return;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->trust_row),
                                 trusted ? _("Trusted on this machine")
                                         : _("Not trusted on this machine"));
  adw_action_row_set_subtitle (self->trust_row,
                               trusted ? _("This project’s command runs here, in runs and in "
                                           "the preview")
                                       : _("This project’s commands do not run on this machine "
                                           "until you trust it"));
  gtk_widget_set_visible (GTK_WIDGET (self->trust_button), !trusted && stored != NULL);
}

void
_errata_code_check_editor_form_changed (ErrataCodeCheckEditor *self)
{
  g_autoptr(JsonObject) definition = NULL;
  const char *field;

  g_assert (ERRATA_IS_CODE_CHECK_EDITOR (self));

  definition = _errata_code_check_editor_read_form (self, &field, NULL);
  set_modified (self, definition == NULL
                      || !definitions_equal (definition, self->version->definition));
  g_clear_pointer (&definition, json_object_unref);
  definition = check_form (self, NULL);
  update_trust (self);
  _errata_code_check_editor_preview_schedule (self);
}

/* The method the form's definition makes, as a run would make it. */
ErrataEvalMethod *
_errata_code_check_editor_new_method (ErrataCodeCheckEditor  *self,
                                      JsonObject             *definition,
                                      GError                **error)
{
  ErrataEvaluatorVersion version = *self->version;

  version.definition = definition;
  return errata_evaluator_method_new (get_project (self), self->evaluator, &version, NULL, error);
}

gboolean
_errata_code_check_editor_may_run (ErrataCodeCheckEditor *self,
                                   ErrataEvalMethod      *method)
{
  return !ERRATA_IS_COMMAND_CHECK (method)
         || errata_command_check_is_trusted (ERRATA_COMMAND_CHECK (method));
}

static void
update_header (ErrataCodeCheckEditor *self)
{
  g_autofree char *state = NULL;
  gboolean locked = self->version->locked_at != 0 || self->version->n_runs > 0;

  gtk_label_set_text (self->title_label,
                      errata_code_check_editor_kind_title (self->evaluator->kind));
  if (locked)
    /* Translators: e.g. Version 2 has run: saving makes version 3 */
    state = g_strdup_printf (self->version->locked_at != 0
                             ? _("Version %u is finalized: saving makes version %u")
                             : _("Version %u has run: saving makes version %u"),
                             self->version->number, self->version->number + 1);
  else
    state = g_strdup_printf (_("Version %u, a draft: saving updates it"), self->version->number);
  gtk_label_set_text (self->version_label, state);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->version_label),
                               errata_code_check_editor_describe_kind (self->evaluator->kind));
}

void
errata_code_check_editor_load (ErrataCodeCheckEditor *self,
                               gint64                 evaluator_id)
{
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ERRATA_IS_CODE_CHECK_EDITOR (self));

  _errata_code_check_editor_preview_stop (self);
  evaluator = errata_evaluators_get (get_project (self), evaluator_id, &error);
  if (evaluator != NULL)
    version = errata_evaluators_get_version (get_project (self), evaluator_id, 0, &error);
  if (version == NULL)
    {
      g_clear_pointer (&self->evaluator, errata_evaluator_free);
      g_clear_pointer (&self->version, errata_evaluator_version_free);
      _errata_code_check_editor_clear_form (self);
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->version_label, "");
      show_error (self, error->message, NULL);
      set_modified (self, FALSE);
      _errata_code_check_editor_preview_reload (self);
      return;
    }
  g_clear_pointer (&self->evaluator, errata_evaluator_free);
  g_clear_pointer (&self->version, errata_evaluator_version_free);
  self->evaluator = g_steal_pointer (&evaluator);
  self->version = g_steal_pointer (&version);
  g_free (self->project_id);
  self->project_id = errata_project_get_meta (get_project (self), "project_id");
  if (self->project_id == NULL)
    self->project_id = g_strdup ("");
  _errata_code_check_editor_build_form (self, self->evaluator->kind, self->version->definition);
  update_header (self);
  show_error (self, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->trust_group),
                          g_str_equal (self->evaluator->kind, ERRATA_EVALUATOR_KIND_COMMAND));
  update_trust (self);
  set_modified (self, FALSE);
  _errata_code_check_editor_preview_reload (self);
}

gboolean
errata_code_check_editor_get_modified (ErrataCodeCheckEditor *self)
{
  g_return_val_if_fail (ERRATA_IS_CODE_CHECK_EDITOR (self), FALSE);

  return self->modified;
}

/* A command the user typed here is theirs: saving it trusts it, as the
 * core's rule for commands written on this machine says (errata-trust.h). */
static gboolean
trust_typed_command (ErrataCodeCheckEditor  *self,
                     GError                **error)
{
  g_autofree char *stored = dup_stored_command_line (self);
  g_autofree char *typed = dup_form_command_line (self);

  if (typed == NULL || g_strcmp0 (typed, stored) == 0)
    return TRUE;
  return errata_trust_grant (self->project_id, typed, error);
}

gboolean
errata_code_check_editor_save (ErrataCodeCheckEditor  *self,
                               GError                **error)
{
  g_autoptr(JsonObject) definition = NULL;
  g_autoptr(ErrataEvaluatorVersion) saved = NULL;
  g_autoptr(ErrataCodeCheckEditor) hold = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  g_return_val_if_fail (ERRATA_IS_CODE_CHECK_EDITOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The page may replace the editor when it hears evaluators.changed. */
  hold = g_object_ref (self);

  if (self->evaluator == NULL)
    {
      g_set_error_literal (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_NOT_FOUND,
                           _("No evaluator is open"));
      return FALSE;
    }
  definition = check_form (self, error);
  if (definition == NULL)
    return FALSE;
  if (!trust_typed_command (self, &local_error))
    {
      show_error (self, local_error->message, "command");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  id = self->evaluator->id;
  saved = errata_evaluators_save (get_project (self), id, definition, self->version->few_shot,
                                  &local_error);
  if (saved == NULL)
    {
      g_prefix_error (&local_error, _("Could not save: "));
      show_error (self, local_error->message, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  errata_code_check_editor_load (self, id);
  gtk_widget_activate_action (GTK_WIDGET (self), "evaluators.changed", "x", id);
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  /* The error is shown inline, beside the form that still holds it all. */
  errata_code_check_editor_save (ERRATA_CODE_CHECK_EDITOR (widget), NULL);
}

static void
on_trust_response (AdwMessageDialog      *dialog,
                   const char            *response,
                   ErrataCodeCheckEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "trust") || self->evaluator == NULL)
    return;
  if (!errata_evaluator_method_grant_trust (get_project (self), self->evaluator, self->version,
                                            &error))
    {
      show_error (self, error->message, NULL);
      return;
    }
  update_trust (self);
  _errata_code_check_editor_preview_schedule (self);
}

/* The user reads the exact command before it may run with their rights. */
static void
trust_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ErrataCodeCheckEditor *self = ERRATA_CODE_CHECK_EDITOR (widget);
  g_autofree char *command = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->evaluator == NULL || (command = dup_stored_command_line (self)) == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Trust This Command?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("On this machine, Errata will run\n\n%s\n\nwith your rights, "
                                    "once for every trace it checks. It came with the project: "
                                    "trust it only if you know what it does."),
                                  command);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "trust", _("_Trust"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "trust",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_trust_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
errata_code_check_editor_dispose (GObject *object)
{
  ErrataCodeCheckEditor *self = (ErrataCodeCheckEditor *)object;
  GtkWidget *child;

  _errata_code_check_editor_preview_stop (self);
  g_clear_object (&self->preview_trace);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_CODE_CHECK_EDITOR);
  /* The scrolled window at the top is not a bound child: unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (errata_code_check_editor_parent_class)->dispose (object);
}

static void
errata_code_check_editor_finalize (GObject *object)
{
  ErrataCodeCheckEditor *self = (ErrataCodeCheckEditor *)object;

  g_clear_object (&self->workspace);
  g_clear_pointer (&self->evaluator, errata_evaluator_free);
  g_clear_pointer (&self->version, errata_evaluator_version_free);
  g_clear_pointer (&self->trace_ids, g_array_unref);
  g_free (self->project_id);

  G_OBJECT_CLASS (errata_code_check_editor_parent_class)->finalize (object);
}

static void
errata_code_check_editor_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  ErrataCodeCheckEditor *self = ERRATA_CODE_CHECK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_code_check_editor_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  ErrataCodeCheckEditor *self = ERRATA_CODE_CHECK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      self->workspace = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_code_check_editor_class_init (ErrataCodeCheckEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_code_check_editor_dispose;
  object_class->finalize = errata_code_check_editor_finalize;
  object_class->get_property = errata_code_check_editor_get_property;
  object_class->set_property = errata_code_check_editor_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, ERRATA_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-code-check-editor.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodeCheckEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodeCheckEditor, version_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodeCheckEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodeCheckEditor, form_box);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodeCheckEditor, trust_group);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodeCheckEditor, trust_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodeCheckEditor, trust_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodeCheckEditor, trace_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodeCheckEditor, trace_names);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodeCheckEditor, trace_entry);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodeCheckEditor,
                                        preview_status_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodeCheckEditor, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataCodeCheckEditor, reasoning_label);

  gtk_widget_class_install_action (widget_class, "code-check.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "code-check.trust", NULL, trust_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "code-check.save", NULL);
}

static void
errata_code_check_editor_init (ErrataCodeCheckEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _errata_code_check_editor_preview_init (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "code-check.save", FALSE);
}

GtkWidget *
errata_code_check_editor_new (ErrataWorkspace *workspace)
{
  g_return_val_if_fail (ERRATA_IS_WORKSPACE (workspace), NULL);

  return g_object_new (ERRATA_TYPE_CODE_CHECK_EDITOR, "workspace", workspace, NULL);
}
