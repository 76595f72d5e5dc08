/* errata-judge-editor.c: the "Definition" tab of an LLM judge.
 *
 * The form edits what errata-judge.c reads from a version's definition
 * (prompt, temperature, max_tokens, concurrency; members it does not show,
 * such as a model of the judge's own, are kept as they were) and the
 * version's few-shot examples. Saving goes through errata_evaluators_save,
 * which updates a draft in place and gives a version that has run (or is
 * finalized) a successor; the page hears of it through evaluators.changed.
 *
 * The preview, the estimate and the model line are in
 * errata-judge-editor-preview.c.
 *
 * "Insert Definition" inserts the {{definition}} placeholder rather than
 * a copy of the text: the judge then always gets the failure mode's
 * definition as it is in the taxonomy (edited on the Failure Modes page,
 * the same text the run uses), and a copy could not drift from it. The
 * button's tooltip and the preview show the text it stands for.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-judge-editor.h"

#include <glib/gi18n.h>
#include <math.h>

#include "errata-evaluator-method.h"
#include "errata-judge-editor-private.h"
#include "errata-json-view.h"
#include "errata-judge.h"
#include "errata-splits.h"

G_DEFINE_FINAL_TYPE (ErrataJudgeEditor, errata_judge_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkTextBuffer *
get_buffer (ErrataJudgeEditor *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
}

static char *
dup_template (ErrataJudgeEditor *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (get_buffer (self), &start, &end);
  return gtk_text_buffer_get_text (get_buffer (self), &start, &end, FALSE);
}

/* ---- modified, errors ------------------------------------------------- */

static void
set_modified (ErrataJudgeEditor *self,
              gboolean           modified)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "judge-editor.save",
                                 modified && self->evaluator != NULL);
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
show_error (ErrataJudgeEditor *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
refresh_timeout (gpointer data)
{
  ErrataJudgeEditor *self = data;

  self->refresh_id = 0;
  _errata_judge_editor_refresh_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (ErrataJudgeEditor *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout, self);
}

static void
on_edited (ErrataJudgeEditor *self)
{
  if (self->loading)
    return;
  set_modified (self, TRUE);
  schedule_refresh (self);
}

/* ---- placeholder highlighting ----------------------------------------- */

/* Whether "{{name}}" is a placeholder, by the core's own rules. */
static gboolean
placeholder_valid (const char *open,
                   const char *close)
{
  g_autofree char *text = g_strndup (open, close + 2 - open);
  g_autoptr(ErrataJudgePrompt) prompt = errata_judge_prompt_new (text, NULL);

  return prompt != NULL;
}

static void
tag_range (GtkTextBuffer *buffer,
           const char    *tag,
           const char    *text,
           const char    *from,
           const char    *to)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, g_utf8_pointer_to_offset (text, from));
  gtk_text_buffer_get_iter_at_offset (buffer, &end, g_utf8_pointer_to_offset (text, to));
  gtk_text_buffer_apply_tag_by_name (buffer, tag, &start, &end);
}

/* Which of the placeholders that matter for the warnings the template has. */
static guint
placeholder_flag (const char *open,
                  const char *close)
{
  g_autofree char *name = g_strstrip (g_strndup (open + 2, close - open - 2));

  if (g_str_equal (name, "output"))
    return SEEN_OUTPUT;
  if (g_str_equal (name, "conversation"))
    return SEEN_CONVERSATION;
  if (g_str_equal (name, "examples"))
    return SEEN_EXAMPLES;
  return 0;
}

/* Marks every placeholder, and every unknown or unclosed one as an error,
 * the way errata_judge_prompt_new() reads the template. */
static void
highlight_placeholders (ErrataJudgeEditor *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  g_autofree char *text = dup_template (self);
  const char *p = text;
  const char *open;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "placeholder", &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "placeholder-error", &start, &end);
  self->placeholders_seen = 0;
  while ((open = strstr (p, "{{")) != NULL)
    {
      const char *close = strstr (open + 2, "}}");

      if (close == NULL)
        {
          tag_range (buffer, "placeholder-error", text, open, open + 2);
          return;
        }
      if (placeholder_valid (open, close))
        {
          tag_range (buffer, "placeholder", text, open, close + 2);
          self->placeholders_seen |= placeholder_flag (open, close);
        }
      else
        tag_range (buffer, "placeholder-error", text, open, close + 2);
      p = close + 2;
    }
}

/* What is allowed but almost certainly a mistake: a judge that never
 * sees the reply, or examples picked that the prompt leaves out. */
static void
update_warning (ErrataJudgeEditor *self)
{
  g_autoptr(GArray) picked = errata_few_shot_picker_dup_picked (self->few_shot_picker);
  g_autofree char *warning = NULL;

  if (!(self->placeholders_seen & (SEEN_OUTPUT | SEEN_CONVERSATION)))
    warning = g_strdup (_("The judge never sees the reply: add {{output}} or {{conversation}}."));
  else if (picked->len > 0 && !(self->placeholders_seen & SEEN_EXAMPLES))
    warning = g_strdup_printf (ngettext ("%u example is picked, but the prompt has no {{examples}}: the judge will not see it.",
                                         "%u examples are picked, but the prompt has no {{examples}}: the judge will not see them.",
                                         picked->len),
                               picked->len);
  gtk_label_set_label (self->warning_label, warning != NULL ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), warning != NULL);
}

static void
on_picker_changed (ErrataJudgeEditor *self)
{
  update_warning (self);
  on_edited (self);
}

static void
on_buffer_changed (ErrataJudgeEditor *self)
{
  highlight_placeholders (self);
  update_warning (self);
  on_edited (self);
}

/* Colours that read well on the light and the dark background. */
static void
update_style (ErrataJudgeEditor *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GdkRGBA error;

  gdk_rgba_parse (&error, dark ? "#ff7b63" : "#c01c28");
  g_object_set (gtk_text_tag_table_lookup (table, "placeholder"),
                "foreground", dark ? "#78aeed" : "#1c71d8", NULL);
  g_object_set (gtk_text_tag_table_lookup (table, "placeholder-error"),
                "foreground-rgba", &error, "underline-rgba", &error, NULL);
  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer),
                                      gtk_source_style_scheme_manager_get_scheme (
                                        schemes, errata_json_scheme_id (dark)));
}

/* Puts the cursor on the first bad placeholder, where the error points. */
static void
focus_first_error (ErrataJudgeEditor *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               "placeholder-error");
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (!gtk_text_iter_starts_tag (&iter, tag) && !gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    return;
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->source_view), &iter, 0.1, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

/* ---- the definition --------------------------------------------------- */

/* The loaded definition with the form's values: members the form does not
 * show stay as they were. */
JsonObject *
_errata_judge_editor_build_definition (ErrataJudgeEditor *self)
{
  JsonObject *definition = json_object_new ();
  g_autofree char *template_text = dup_template (self);
  double temperature;

  if (self->version != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, self->version->definition);
      while (json_object_iter_next (&iter, &name, &node))
        json_object_set_member (definition, name, json_node_copy (node));
    }
  json_object_set_string_member (definition, "prompt", template_text);
  /* One decimal, as shown: 0.7 and not 0.70000000000000007. */
  temperature = round (gtk_spin_button_get_value (self->temperature_spin) * 10) / 10;
  json_object_set_double_member (definition, "temperature", temperature);
  json_object_set_int_member (definition, "max_tokens",
                              gtk_spin_button_get_value_as_int (self->max_tokens_spin));
  json_object_set_int_member (definition, "concurrency",
                              gtk_spin_button_get_value_as_int (self->concurrency_spin));
  return definition;
}

static void
on_settings_changed (ErrataJudgeEditor *self,
                     const char        *key)
{
  if (!g_str_has_prefix (key, "llm-"))
    return;
  _errata_judge_editor_rebuild_client (self);
  _errata_judge_editor_update_model_row (self);
  if (self->evaluator != NULL)
    schedule_refresh (self);
}

static void
on_preview_selected (ErrataJudgeEditor *self)
{
  if (!self->loading)
    _errata_judge_editor_refresh_now (self);
}

/* ---- loading ---------------------------------------------------------- */

static void
update_version_label (ErrataJudgeEditor *self)
{
  g_autofree char *text = NULL;

  if (self->version->locked_at != 0)
    text = g_strdup_printf (_("Version %u is finalized: saving makes version %u."),
                            self->version->number, self->version->number + 1);
  else if (self->version->n_runs > 0)
    text = g_strdup_printf (_("Version %u has run: saving makes version %u, so that its verdicts keep their prompt."),
                            self->version->number, self->version->number + 1);
  else
    text = g_strdup_printf (_("Version %u, a draft: saving updates it."), self->version->number);
  gtk_label_set_label (self->version_label, text);
}

static void
fill_form (ErrataJudgeEditor *self)
{
  JsonObject *definition = self->version->definition;
  const char *template_text =
    json_object_get_string_member_with_default (definition, "prompt",
                                                errata_judge_prompt_default_template ());

  gtk_text_buffer_set_text (get_buffer (self), template_text, -1);
  gtk_spin_button_set_value (self->temperature_spin,
                             json_object_get_double_member_with_default (definition,
                                                                         "temperature", 0));
  gtk_spin_button_set_value (self->max_tokens_spin,
                             json_object_get_int_member_with_default (
                               definition, "max_tokens", ERRATA_JUDGE_DEFAULT_MAX_TOKENS));
  gtk_spin_button_set_value (self->concurrency_spin,
                             json_object_get_int_member_with_default (
                               definition, "concurrency", ERRATA_JUDGE_DEFAULT_CONCURRENCY));
  update_version_label (self);
  _errata_judge_editor_update_model_row (self);
}

static gboolean
load_splits (ErrataJudgeEditor  *self,
             GError            **error)
{
  ErrataProject *project = _errata_judge_editor_get_project (self);
  g_autoptr(GError) update_error = NULL;
  g_autoptr(GArray) train = NULL;

  /* Traces labelled since the last look get their split, as a run would
   * do; a read-only project keeps the splits it has. */
  if (!errata_splits_update (project, self->evaluator->target, &update_error))
    g_debug ("Judge editor: splits not updated: %s", update_error->message);
  g_clear_pointer (&self->dev_ids, g_array_unref);
  self->dev_ids = errata_splits_list (project, self->evaluator->target, ERRATA_SPLIT_DEV, error);
  train = errata_splits_list (project, self->evaluator->target, ERRATA_SPLIT_TRAIN, error);
  if (self->dev_ids == NULL || train == NULL)
    {
      if (self->dev_ids == NULL)
        self->dev_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      return FALSE;
    }
  _errata_judge_editor_fill_preview_list (self, train);
  return errata_few_shot_picker_load (self->few_shot_picker, project, self->evaluator->target,
                                      self->version->few_shot, error);
}

static void
update_definition_tooltip (ErrataJudgeEditor *self)
{
  g_autoptr(ErrataFailureMode) mode = NULL;
  g_autofree char *tooltip = NULL;

  if (self->evaluator->target == ERRATA_TARGET_OVERALL)
    tooltip = g_strdup (_("Inserts {{definition}}: for Overall, the judge is told that a trace passes when the system did what the user needed"));
  else
    mode = errata_taxonomy_get_mode (errata_workspace_get_taxonomy (self->workspace),
                                     self->evaluator->target, NULL);
  if (mode != NULL && mode->definition != NULL && *mode->definition != '\0')
    tooltip = g_strdup_printf (_("Inserts {{definition}}, which the judge receives as “%s: %s”"),
                               mode->name, mode->definition);
  else if (mode != NULL)
    tooltip = g_strdup_printf (_("Inserts {{definition}}; “%s” has no definition yet: write one on the Failure Modes page"),
                               mode->name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->insert_definition_button), tooltip);
}

void
errata_judge_editor_load (ErrataJudgeEditor *self,
                          gint64             evaluator_id)
{
  ErrataProject *project;
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ERRATA_IS_JUDGE_EDITOR (self));

  project = _errata_judge_editor_get_project (self);
  evaluator = errata_evaluators_get (project, evaluator_id, &error);
  if (evaluator != NULL && !g_str_equal (evaluator->kind, ERRATA_EVALUATOR_KIND_JUDGE))
    g_set_error (&error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
                 _("“%s” is not an LLM judge: it has no prompt to edit"), evaluator->name);
  else if (evaluator != NULL)
    version = errata_evaluators_get_version (project, evaluator_id, 0, &error);
  if (version == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->evaluator, errata_evaluator_free);
  g_clear_pointer (&self->version, errata_evaluator_version_free);
  self->evaluator = g_steal_pointer (&evaluator);
  self->version = g_steal_pointer (&version);

  self->loading = TRUE;
  self->estimate_shown = FALSE;
  show_error (self, NULL);
  fill_form (self);
  if (!load_splits (self, &error))
    show_error (self, error->message);
  update_definition_tooltip (self);
  update_warning (self);
  self->loading = FALSE;
  set_modified (self, FALSE);
  _errata_judge_editor_refresh_now (self);
}

/* ---- saving ----------------------------------------------------------- */

static gboolean
check_form (ErrataJudgeEditor  *self,
            JsonObject         *definition,
            GArray             *few_shot,
            GError            **error)
{
  if (!errata_evaluator_method_validate (ERRATA_EVALUATOR_KIND_JUDGE, definition, error))
    return FALSE;
  return errata_evaluators_check_few_shot (_errata_judge_editor_get_project (self),
                                           self->evaluator->target, few_shot, error);
}

gboolean
errata_judge_editor_save (ErrataJudgeEditor  *self,
                          GError            **error)
{
  g_autoptr(JsonObject) definition = NULL;
  g_autoptr(GArray) few_shot = NULL;
  g_autoptr(ErrataEvaluatorVersion) saved = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (ERRATA_IS_JUDGE_EDITOR (self), FALSE);
  g_return_val_if_fail (self->evaluator != NULL, FALSE);

  definition = _errata_judge_editor_build_definition (self);
  few_shot = errata_few_shot_picker_dup_picked (self->few_shot_picker);
  if (check_form (self, definition, few_shot, &local_error))
    saved = errata_evaluators_save (_errata_judge_editor_get_project (self), self->evaluator->id,
                                    definition, few_shot, &local_error);
  if (saved == NULL)
    {
      show_error (self, local_error->message);
      focus_first_error (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_pointer (&self->version, errata_evaluator_version_free);
  self->version = g_steal_pointer (&saved);
  show_error (self, NULL);
  update_version_label (self);
  set_modified (self, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (self), "evaluators.changed", "x", self->evaluator->id);
  return TRUE;
}

/* ---- actions ---------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  /* The error is shown under the template; nothing more to do here. */
  errata_judge_editor_save (ERRATA_JUDGE_EDITOR (widget), NULL);
}

static void
insert_definition_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ErrataJudgeEditor *self = ERRATA_JUDGE_EDITOR (widget);

  gtk_text_buffer_insert_interactive_at_cursor (get_buffer (self), "{{definition}}", -1, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

/* ---- GObject ---------------------------------------------------------- */

gboolean
errata_judge_editor_get_modified (ErrataJudgeEditor *self)
{
  g_return_val_if_fail (ERRATA_IS_JUDGE_EDITOR (self), FALSE);

  return self->modified;
}

static void
errata_judge_editor_constructed (GObject *object)
{
  ErrataJudgeEditor *self = ERRATA_JUDGE_EDITOR (object);
  GSettings *settings = errata_workspace_get_settings (self->workspace);

  G_OBJECT_CLASS (errata_judge_editor_parent_class)->constructed (object);

  _errata_judge_editor_rebuild_client (self);
  _errata_judge_editor_update_model_row (self);
  if (settings != NULL)
    g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed), self,
                             G_CONNECT_SWAPPED);
}

static void
errata_judge_editor_dispose (GObject *object)
{
  ErrataJudgeEditor *self = ERRATA_JUDGE_EDITOR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  _errata_judge_editor_stop_estimate (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_JUDGE_EDITOR);
  /* dispose_template() unparents only the children bound to a field. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->workspace);
  g_clear_object (&self->client);
  g_clear_object (&self->completion);
  g_clear_object (&self->preview_trace);

  G_OBJECT_CLASS (errata_judge_editor_parent_class)->dispose (object);
}

static void
errata_judge_editor_finalize (GObject *object)
{
  ErrataJudgeEditor *self = ERRATA_JUDGE_EDITOR (object);

  g_clear_pointer (&self->evaluator, errata_evaluator_free);
  g_clear_pointer (&self->version, errata_evaluator_version_free);
  g_clear_pointer (&self->preview_ids, g_array_unref);
  g_clear_pointer (&self->dev_ids, g_array_unref);
  g_clear_pointer (&self->metadata_keys, g_hash_table_unref);

  G_OBJECT_CLASS (errata_judge_editor_parent_class)->finalize (object);
}

static void
errata_judge_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ErrataJudgeEditor *self = ERRATA_JUDGE_EDITOR (object);

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
errata_judge_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ErrataJudgeEditor *self = ERRATA_JUDGE_EDITOR (object);

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
errata_judge_editor_class_init (ErrataJudgeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = errata_judge_editor_constructed;
  object_class->dispose = errata_judge_editor_dispose;
  object_class->finalize = errata_judge_editor_finalize;
  object_class->get_property = errata_judge_editor_get_property;
  object_class->set_property = errata_judge_editor_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, ERRATA_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * ErrataJudgeEditor:modified:
   *
   * Whether the form has edits that are not saved.
   */
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ERRATA_TYPE_FEW_SHOT_PICKER);
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-judge-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataJudgeEditor, source_view);
  gtk_widget_class_bind_template_child (widget_class, ErrataJudgeEditor, insert_definition_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataJudgeEditor, version_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataJudgeEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataJudgeEditor, warning_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataJudgeEditor, model_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataJudgeEditor, temperature_spin);
  gtk_widget_class_bind_template_child (widget_class, ErrataJudgeEditor, max_tokens_spin);
  gtk_widget_class_bind_template_child (widget_class, ErrataJudgeEditor, concurrency_spin);
  gtk_widget_class_bind_template_child (widget_class, ErrataJudgeEditor, few_shot_picker);
  gtk_widget_class_bind_template_child (widget_class, ErrataJudgeEditor, preview_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ErrataJudgeEditor, preview_view);
  gtk_widget_class_bind_template_child (widget_class, ErrataJudgeEditor, estimate_label);
  gtk_widget_class_bind_template_callback (widget_class, on_picker_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_preview_selected);

  gtk_widget_class_install_action (widget_class, "judge-editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "judge-editor.insert-definition", NULL,
                                   insert_definition_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "judge-editor.save", NULL);
  gtk_source_init ();
}

static void
setup_source_view (ErrataJudgeEditor *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkSourceCompletion *completion = gtk_source_view_get_completion (self->source_view);

  gtk_text_buffer_create_tag (buffer, "placeholder", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "placeholder-error",
                              "underline", PANGO_UNDERLINE_ERROR, NULL);
  gtk_source_buffer_set_highlight_matching_brackets (GTK_SOURCE_BUFFER (buffer), FALSE);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_buffer_changed), self,
                           G_CONNECT_SWAPPED);
  self->completion = errata_placeholder_completion_new ();
  gtk_source_completion_add_provider (completion,
                                      GTK_SOURCE_COMPLETION_PROVIDER (self->completion));
  g_object_set (completion, "select-on-show", TRUE, NULL);
  update_style (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
}

static void
errata_judge_editor_init (ErrataJudgeEditor *self)
{
  self->preview_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->dev_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->metadata_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_source_view (self);
  g_signal_connect_object (self->temperature_spin, "value-changed", G_CALLBACK (on_edited), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->max_tokens_spin, "value-changed", G_CALLBACK (on_edited), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->concurrency_spin, "value-changed", G_CALLBACK (on_edited), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "judge-editor.save", FALSE);
}

/**
 * errata_judge_editor_new:
 * @workspace: the window's workspace (project, taxonomy, settings)
 *
 * Returns: (transfer floating): an empty editor; errata_judge_editor_load()
 *   fills it
 */
GtkWidget *
errata_judge_editor_new (ErrataWorkspace *workspace)
{
  g_return_val_if_fail (ERRATA_IS_WORKSPACE (workspace), NULL);

  return g_object_new (ERRATA_TYPE_JUDGE_EDITOR, "workspace", workspace, NULL);
}
