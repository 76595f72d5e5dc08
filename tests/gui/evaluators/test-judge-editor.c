/* test-judge-editor.c: the LLM judge editor of the Evaluators page, on a
 * project built here (traces, a failure mode, explicit labels and their
 * splits, a judge), under a display: the few-shot picker offers train
 * only, saving makes the versions the core reads back, a bad placeholder
 * is shown where it is, the preview and the estimate follow the edits,
 * completion offers the placeholders. Renders judge-editor{,-dark}.png.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "errata-eval-run.h"
#include "errata-evaluator-method.h"
#include "errata-evaluators.h"
#include "errata-few-shot-picker.h"
#include "errata-gui-test-utils.h"
#include "errata-judge-editor.h"
#include "errata-judge-prompt.h"
#include "errata-labels.h"
#include "errata-llm-provider.h"
#include "errata-mock-llm-server.h"
#include "errata-placeholder-completion.h"
#include "errata-splits.h"
#include "errata-test-utils.h"
#include "errata-workspace.h"

#define N_TRACES 30

typedef struct
{
  char              *dir;
  ErrataProject     *project;
  GSettings         *settings;
  ErrataWorkspace   *workspace;
  gint64             mode;
  gint64             trace_ids[N_TRACES];
  GArray            *train;
  GArray            *dev;
  GArray            *test;
  ErrataEvaluator   *judge;
  GtkWindow         *window;
  ErrataJudgeEditor *editor;
  gint64             changed_id;   /* what evaluators.changed was given */
  guint              n_changed;
} Fixture;

static void
on_changed (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       data)
{
  Fixture *fixture = data;

  fixture->changed_id = g_variant_get_int64 (parameter);
  fixture->n_changed++;
}

static void
add_traces (Fixture *fixture)
{
  for (guint i = 0; i < N_TRACES; i++)
    {
      g_autofree char *id = g_strdup_printf ("trace-%02u", i);
      g_autofree char *question = g_strdup_printf ("Question %02u: can I get my money back?", i);
      g_autofree char *answer = g_strdup_printf ("Answer %02u: %s", i,
                                                 i % 2 ? "a full refund, of course!"
                                                       : "our policy allows store credit.");
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, question, answer);
      g_autoptr(ErrataAnnotation) annotation = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *customer = json_object_new ();

      json_object_set_string_member (customer, "plan", i % 3 ? "basic" : "gold");
      json_object_set_object_member (errata_trace_get_metadata (trace), "customer", customer);

      g_assert_true (errata_project_add_trace (fixture->project, trace, NULL, &error));
      g_assert_no_error (error);
      fixture->trace_ids[i] = errata_trace_get_id (trace);
      annotation = errata_annotation_new (fixture->trace_ids[i], "tester");
      g_free (annotation->note);
      annotation->note = g_strdup_printf (i % 2 ? "Promised refund %02u\nsecond line" :
                                                  "Offered credit %02u", i);
      g_assert_true (errata_project_set_annotation (fixture->project, annotation, &error));
      g_assert_no_error (error);
    }
}

/* Odd traces fail (they promise a refund), even ones pass. */
static void
label_traces (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_TRACES; i++)
    {
      errata_labels_set (fixture->project, fixture->mode, fixture->trace_ids[i],
                         i % 2 ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS, "tester", NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (errata_splits_update (fixture->project, fixture->mode, &error));
  g_assert_no_error (error);
  fixture->train = errata_splits_list (fixture->project, fixture->mode, ERRATA_SPLIT_TRAIN, &error);
  fixture->dev = errata_splits_list (fixture->project, fixture->mode, ERRATA_SPLIT_DEV, &error);
  fixture->test = errata_splits_list (fixture->project, fixture->mode, ERRATA_SPLIT_TEST, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->train->len, >=, 4);
  g_assert_cmpuint (fixture->dev->len, >=, 4);
  g_assert_cmpuint (fixture->test->len, >=, 4);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(JsonObject) definition = json_object_new ();
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) changed = g_simple_action_new ("changed", G_VARIANT_TYPE_INT64);
  g_autoptr(GError) error = NULL;

  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->settings = g_settings_new ("io.github.errata.Errata");
  g_settings_set_string (fixture->settings, "llm-provider", "openai");
  g_settings_set_string (fixture->settings, "llm-model", "gpt-4o-mini");
  fixture->workspace = errata_workspace_new (fixture->project, fixture->settings);
  fixture->mode = errata_taxonomy_create_mode (errata_workspace_get_taxonomy (fixture->workspace),
                                               "Invents a refund",
                                               "The reply promises a refund the policy does not allow.",
                                               NULL, 0, ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  add_traces (fixture);
  label_traces (fixture);
  fixture->judge = errata_evaluators_create (fixture->project, "Refund judge", fixture->mode,
                                             ERRATA_EVALUATOR_KIND_JUDGE, definition, NULL, &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1024, 1400);
  g_signal_connect (changed, "activate", G_CALLBACK (on_changed), fixture);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (changed));
  /* The page installs evaluators.changed; here the window stands in. */
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "evaluators", G_ACTION_GROUP (group));
  fixture->editor = ERRATA_JUDGE_EDITOR (errata_judge_editor_new (fixture->workspace));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->editor));
  gtk_window_present (fixture->window);
  errata_judge_editor_load (fixture->editor, fixture->judge->id);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->editor), (gpointer *)&fixture->editor);
  gtk_window_destroy (fixture->window);
  /* Nothing (a timer, the completion, a signal) keeps the editor alive. */
  g_assert_null (fixture->editor);
  g_clear_object (&fixture->workspace);
  g_clear_object (&fixture->settings);
  g_clear_pointer (&fixture->judge, errata_evaluator_free);
  g_clear_pointer (&fixture->train, g_array_unref);
  g_clear_pointer (&fixture->dev, g_array_unref);
  g_clear_pointer (&fixture->test, g_array_unref);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* ---- helpers ---------------------------------------------------------- */

static int
index_of (Fixture *fixture,
          gint64   trace_id)
{
  for (guint i = 0; i < N_TRACES; i++)
    if (fixture->trace_ids[i] == trace_id)
      return i;
  g_assert_not_reached ();
}

static char *
external_id (Fixture *fixture,
             gint64   trace_id)
{
  return g_strdup_printf ("trace-%02d", index_of (fixture, trace_id));
}

static GtkTextBuffer *
template_buffer (Fixture *fixture)
{
  GtkSourceView *view = errata_gui_test_find_first (GTK_WIDGET (fixture->editor),
                                                    GTK_SOURCE_TYPE_VIEW);

  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static char *
dup_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static ErrataFewShotPicker *
picker (Fixture *fixture)
{
  return errata_gui_test_find_first (GTK_WIDGET (fixture->editor), ERRATA_TYPE_FEW_SHOT_PICKER);
}

/* Ticks the picker's row of @trace_id, as a click would. */
static void
pick (Fixture *fixture,
      gint64   trace_id)
{
  g_autoptr(GPtrArray) checks = errata_gui_test_find_all (GTK_WIDGET (picker (fixture)),
                                                          GTK_TYPE_CHECK_BUTTON);

  for (guint i = 0; i < fixture->train->len; i++)
    if (g_array_index (fixture->train, gint64, i) == trace_id)
      {
        gtk_check_button_set_active (checks->pdata[i], TRUE);
        return;
      }
  g_assert_not_reached ();
}

/* The first train trace with the label of trace index parity @odd. */
static gint64
train_trace (Fixture  *fixture,
             gboolean  fail)
{
  for (guint i = 0; i < fixture->train->len; i++)
    {
      gint64 id = g_array_index (fixture->train, gint64, i);

      if ((index_of (fixture, id) % 2 == 1) == fail)
        return id;
    }
  g_assert_not_reached ();
}

static GtkTextView *
preview_view (Fixture *fixture)
{
  g_autoptr(GPtrArray) views = errata_gui_test_find_all (GTK_WIDGET (fixture->editor),
                                                         GTK_TYPE_TEXT_VIEW);

  for (guint i = 0; i < views->len; i++)
    if (!GTK_SOURCE_IS_VIEW (views->pdata[i]))
      return views->pdata[i];
  g_assert_not_reached ();
}

typedef struct
{
  Fixture    *fixture;
  const char *needle;
} Wait;

static gboolean
preview_contains (gpointer data)
{
  Wait *wait = data;
  g_autofree char *text = dup_buffer_text (gtk_text_view_get_buffer (preview_view (wait->fixture)));

  return strstr (text, wait->needle) != NULL;
}

static gboolean
shows_text (gpointer data)
{
  Wait *wait = data;
  g_autofree char *text = errata_gui_test_dup_visible_text (GTK_WIDGET (wait->fixture->editor));

  return strstr (text, wait->needle) != NULL;
}

/* The line under the preview: "Run on dev: …" from the first refresh on. */
static GtkWidget *
find_estimate_label (Fixture *fixture)
{
  g_autoptr(GPtrArray) labels = errata_gui_test_find_all (GTK_WIDGET (fixture->editor),
                                                          GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_label (labels->pdata[i]), "Run on dev"))
      return labels->pdata[i];
  return NULL;
}

static gboolean
estimate_done (gpointer data)
{
  GtkWidget *label = find_estimate_label (data);

  return label != NULL && !gtk_widget_has_css_class (label, "dim-label") &&
         strstr (gtk_label_get_label (GTK_LABEL (label)), "tokens in") != NULL;
}

static ErrataEvaluatorVersion *
latest_version (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  ErrataEvaluatorVersion *version = errata_evaluators_get_version (fixture->project,
                                                                   fixture->judge->id, 0, &error);

  g_assert_no_error (error);
  return version;
}

/* ---- tests ------------------------------------------------------------ */

/* The picker lists the train traces, every one and nothing else; a dev
 * trace cannot be picked even by code. */
static void
test_picker_lists_train (Fixture       *fixture,
                         gconstpointer  data)
{
  ErrataFewShotPicker *few_shot = picker (fixture);
  g_autofree char *text = errata_gui_test_dup_visible_text (GTK_WIDGET (few_shot));
  g_autoptr(GPtrArray) checks = errata_gui_test_find_all (GTK_WIDGET (few_shot),
                                                          GTK_TYPE_CHECK_BUTTON);
  g_autoptr(GArray) with_dev = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) picked = NULL;
  gint64 dev_id = g_array_index (fixture->dev, gint64, 0);
  gint64 train_id = g_array_index (fixture->train, gint64, 0);

  g_assert_cmpuint (errata_few_shot_picker_get_n_train (few_shot), ==, fixture->train->len);
  g_assert_cmpuint (checks->len, ==, fixture->train->len);
  for (guint i = 0; i < N_TRACES; i++)
    {
      g_autofree char *id = external_id (fixture, fixture->trace_ids[i]);
      ErrataSplit split = errata_splits_get (fixture->project, fixture->mode,
                                             fixture->trace_ids[i], NULL);

      if (split == ERRATA_SPLIT_TRAIN)
        g_assert_nonnull (strstr (text, id));
      else
        g_assert_null (strstr (text, id));
    }
  /* The human's note, its first line only. */
  {
    int index = index_of (fixture, train_id);
    g_autofree char *note = g_strdup_printf (index % 2 ? "Promised refund %02d" : "Offered credit %02d",
                                             index);

    g_assert_nonnull (strstr (text, note));
    g_assert_null (strstr (text, "second line"));
  }

  g_array_append_val (with_dev, dev_id);
  g_array_append_val (with_dev, train_id);
  g_assert_cmpuint (errata_few_shot_picker_set_picked (few_shot, with_dev), ==, 1);
  picked = errata_few_shot_picker_dup_picked (few_shot);
  g_assert_cmpuint (picked->len, ==, 1);
  g_assert_cmpint (g_array_index (picked, gint64, 0), ==, train_id);
}

/* Two fails picked and no pass: the count says so and the picker warns. */
static void
test_picker_balance (Fixture       *fixture,
                     gconstpointer  data)
{
  ErrataFewShotPicker *few_shot = picker (fixture);
  Wait wait = { fixture, "1 pass · 1 fail picked" };
  guint n_pass, n_fail;

  pick (fixture, train_trace (fixture, TRUE));
  errata_few_shot_picker_get_counts (few_shot, &n_pass, &n_fail);
  g_assert_cmpuint (n_pass, ==, 0);
  g_assert_cmpuint (n_fail, ==, 1);
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (few_shot), "0 pass · 1 fail picked"));
  {
    g_autofree char *text = errata_gui_test_dup_visible_text (GTK_WIDGET (few_shot));

    g_assert_nonnull (strstr (text, "Only fails are picked"));
  }
  g_assert_true (errata_judge_editor_get_modified (fixture->editor));
  pick (fixture, train_trace (fixture, FALSE));
  errata_gui_test_iterate_until (shows_text, &wait);
  {
    g_autofree char *text = errata_gui_test_dup_visible_text (GTK_WIDGET (few_shot));

    g_assert_null (strstr (text, "Only fails are picked"));
  }
}

/* A train trace picked, then the split reshuffled (on the labels panel,
 * say) so that it is now in dev or test: the save is refused with a
 * message that names it, and the form keeps the pick. */
static void
test_leak_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 picked_id = train_trace (fixture, TRUE);
  g_autofree char *name = external_id (fixture, picked_id);
  g_autofree char *shown = NULL;
  g_autoptr(GArray) still_picked = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(GError) error = NULL;
  ErrataSplit split = ERRATA_SPLIT_TRAIN;

  pick (fixture, picked_id);
  for (guint64 seed = 1; seed < 200 && split == ERRATA_SPLIT_TRAIN; seed++)
    {
      g_assert_true (errata_splits_configure (fixture->project, fixture->mode, seed,
                                              ERRATA_SPLIT_DEFAULT_TRAIN, ERRATA_SPLIT_DEFAULT_DEV,
                                              ERRATA_SPLIT_DEFAULT_TEST, &error));
      g_assert_no_error (error);
      g_assert_true (errata_splits_update (fixture->project, fixture->mode, &error));
      split = errata_splits_get (fixture->project, fixture->mode, picked_id, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (split, !=, ERRATA_SPLIT_TRAIN);

  g_assert_false (errata_judge_editor_save (fixture->editor, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_LEAK);
  shown = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->editor));
  g_assert_nonnull (strstr (shown, error->message));
  g_assert_nonnull (strstr (error->message, name));
  still_picked = errata_few_shot_picker_dup_picked (picker (fixture));
  g_assert_cmpuint (still_picked->len, ==, 1);
  g_assert_true (errata_judge_editor_get_modified (fixture->editor));
  version = latest_version (fixture);
  g_assert_cmpuint (version->few_shot->len, ==, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 0);

  /* Loaded again, the picker offers the new train split only. */
  errata_judge_editor_load (fixture->editor, fixture->judge->id);
  g_free (shown);
  shown = errata_gui_test_dup_visible_text (GTK_WIDGET (picker (fixture)));
  g_assert_null (strstr (shown, name));
}

static const char *new_template =
  "Judge whether the reply fails this way:\n{{definition}}\n\n"
  "Examples:\n{{examples}}\n\nUser: {{input}}\nReply: {{ output }}\n";

/* What Ctrl+S does in the editor: the shortcut its class installs. */
static GtkShortcutAction *
ctrl_s (Fixture *fixture)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->editor));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger =
            gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (trigger, "<Control>s"))
            return gtk_shortcut_get_action (shortcut);
        }
    }
  g_assert_not_reached ();
}

/* Save (Ctrl+S) updates the draft: the core reads back the new
 * template and few-shot ids, and the page is told. */
static void
test_save_draft (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  gint64 fail_id = train_trace (fixture, TRUE);
  gint64 pass_id = train_trace (fixture, FALSE);

  g_assert_false (errata_judge_editor_get_modified (fixture->editor));
  gtk_text_buffer_set_text (template_buffer (fixture), new_template, -1);
  pick (fixture, fail_id);
  pick (fixture, pass_id);
  gtk_spin_button_set_value (errata_gui_test_find_first (GTK_WIDGET (fixture->editor),
                                                         GTK_TYPE_SPIN_BUTTON), 0.3);
  g_assert_true (errata_judge_editor_get_modified (fixture->editor));
  g_assert_true (gtk_shortcut_action_activate (ctrl_s (fixture), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                              GTK_WIDGET (fixture->editor), NULL));

  g_assert_false (errata_judge_editor_get_modified (fixture->editor));
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpint (fixture->changed_id, ==, fixture->judge->id);
  version = latest_version (fixture);
  g_assert_cmpuint (version->number, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (version->definition, "prompt"), ==, new_template);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (version->definition, "temperature"),
                                  0.3, 1e-9);
  g_assert_cmpuint (version->few_shot->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      gint64 id = g_array_index (version->few_shot, gint64, i);

      g_assert_true (id == fail_id || id == pass_id);
      g_assert_cmpint (errata_splits_get (fixture->project, fixture->mode, id, NULL), ==,
                       ERRATA_SPLIT_TRAIN);
    }
  /* Nothing to save any more: the action is off until the next edit. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "judge-editor.save", NULL);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
}

static void
run_on_dev (Fixture *fixture)
{
  g_autoptr(ErrataMockLlmServer) server = NULL;
  g_autoptr(ErrataLlmProvider) provider = NULL;
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(ErrataEvaluatorVersion) version = latest_version (fixture);
  g_autoptr(ErrataEvalMethod) method = NULL;
  g_autoptr(ErrataEvalRun) run = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;

  server = errata_mock_llm_server_new (0, &error);
  g_assert_no_error (error);
  base_url = errata_mock_llm_server_dup_base_url (server, FALSE);
  provider = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI, base_url, "mock-model");
  client = errata_llm_client_new (provider);
  method = errata_evaluator_method_new (fixture->project, fixture->judge, version, client, &error);
  g_assert_no_error (error);
  run = errata_eval_run_new (fixture->project, version->id, method, ERRATA_SCOPE_DEV, fixture->dev);
  errata_eval_run_start_async (run, NULL, errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  g_assert_true (errata_eval_run_start_finish (run, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (errata_eval_run_get_status (run), ==, ERRATA_RUN_DONE);
}

/* A version that has run never changes: saving makes version 2, and
 * version 1 keeps the template its verdicts came from. */
static void
test_save_after_run (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ErrataEvaluatorVersion) first = NULL;
  g_autoptr(ErrataEvaluatorVersion) second = NULL;
  g_autoptr(GError) error = NULL;
  const char *second_template = "Does the reply to {{input}} promise a refund?\n{{output}}\n";

  gtk_text_buffer_set_text (template_buffer (fixture), new_template, -1);
  g_assert_true (errata_judge_editor_save (fixture->editor, &error));
  g_assert_no_error (error);
  run_on_dev (fixture);

  errata_judge_editor_load (fixture->editor, fixture->judge->id);
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->editor),
                                              "Version 1 has run: saving makes version 2, so that its verdicts keep their prompt."));
  gtk_text_buffer_set_text (template_buffer (fixture), second_template, -1);
  g_assert_true (errata_judge_editor_save (fixture->editor, &error));
  g_assert_no_error (error);

  second = latest_version (fixture);
  g_assert_cmpuint (second->number, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (second->definition, "prompt"), ==, second_template);
  first = errata_evaluators_get_version (fixture->project, fixture->judge->id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (first->definition, "prompt"), ==, new_template);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->editor),
                                              "Version 2, a draft: saving updates it."));
}

/* A misspelt placeholder: the save is refused, the error says where, the
 * text stays as typed and the bad placeholder is marked. */
static void
test_bad_placeholder (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *bad = "Judge the reply.\nThe user wrote {{inptu}} and got {{output}}.\n";
  GtkTextBuffer *buffer = template_buffer (fixture);
  GtkTextTag *error_tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                                     "placeholder-error");
  GtkTextTag *ok_tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                                  "placeholder");
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *shown = NULL;
  GtkTextIter iter, cursor;

  gtk_text_buffer_set_text (buffer, bad, -1);
  g_assert_false (errata_judge_editor_save (fixture->editor, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 2, column 16"));

  shown = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->editor));
  g_assert_nonnull (strstr (shown, "{{inptu}}"));
  g_assert_nonnull (strstr (shown, "line 2, column 16"));
  kept = dup_buffer_text (buffer);
  g_assert_cmpstr (kept, ==, bad);
  g_assert_true (errata_judge_editor_get_modified (fixture->editor));
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  version = latest_version (fixture);
  g_assert_false (json_object_has_member (version->definition, "prompt"));

  /* Line 2, column 16 is the bad one (and the cursor went there); the
   * good one is marked as a placeholder. */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 1, 15);
  g_assert_true (gtk_text_iter_has_tag (&iter, error_tag));
  g_assert_false (gtk_text_iter_has_tag (&iter, ok_tag));
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_offset (&cursor), ==, gtk_text_iter_get_offset (&iter));
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 1, 33);
  g_assert_true (gtk_text_iter_has_tag (&iter, ok_tag));
  g_assert_false (gtk_text_iter_has_tag (&iter, error_tag));

  /* Fixed, it saves, and the error goes. */
  gtk_text_buffer_set_text (buffer, "The user wrote {{input}} and got {{output}}.\n", -1);
  g_assert_true (errata_judge_editor_save (fixture->editor, NULL));
  g_free (shown);
  shown = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->editor));
  g_assert_null (strstr (shown, "column 16"));
}

/* Allowed but almost surely a mistake: a judge that never sees the reply,
 * examples picked that the prompt leaves out. Warned, not refused. */
static void
test_warnings (Fixture       *fixture,
               gconstpointer  data)
{
  GtkTextBuffer *buffer = template_buffer (fixture);
  GtkWidget *editor = GTK_WIDGET (fixture->editor);
  const char *no_reply = "The judge never sees the reply: add {{output}} or {{conversation}}.";
  const char *no_examples =
    "1 example is picked, but the prompt has no {{examples}}: the judge will not see it.";

  /* The default template has everything. */
  g_assert_false (errata_gui_test_shows_label (editor, no_reply));
  gtk_text_buffer_set_text (buffer, "Is {{input}} answered well?", -1);
  g_assert_true (errata_gui_test_shows_label (editor, no_reply));
  gtk_text_buffer_set_text (buffer, "Is {{input}} answered well by {{ conversation }}?", -1);
  g_assert_false (errata_gui_test_shows_label (editor, no_reply));
  pick (fixture, train_trace (fixture, FALSE));
  g_assert_true (errata_gui_test_shows_label (editor, no_examples));
  g_assert_true (errata_judge_editor_save (fixture->editor, NULL));
  gtk_text_buffer_set_text (buffer, "{{examples}}\nIs {{input}} answered well by {{output}}?", -1);
  g_assert_false (errata_gui_test_shows_label (editor, no_examples));
  g_assert_false (errata_gui_test_shows_label (editor, no_reply));
}

/* The preview renders the chosen trace with the picked example, and
 * follows edits of the template. */
static void
test_preview (Fixture       *fixture,
              gconstpointer  data)
{
  GtkDropDown *dropdown = errata_gui_test_find_first (GTK_WIDGET (fixture->editor),
                                                      GTK_TYPE_DROP_DOWN);
  GListModel *names = gtk_drop_down_get_model (dropdown);
  gint64 dev_id = g_array_index (fixture->dev, gint64, 1);
  gint64 example_id = train_trace (fixture, TRUE);
  g_autofree char *dev_name = external_id (fixture, dev_id);
  g_autofree char *dev_question = g_strdup_printf ("Question %02d", index_of (fixture, dev_id));
  g_autofree char *example_note = g_strdup_printf ("Promised refund %02d",
                                                   index_of (fixture, example_id));
  g_autofree char *example_question = g_strdup_printf ("Question %02d",
                                                       index_of (fixture, example_id));
  Wait wait = { fixture, NULL };
  guint position = GTK_INVALID_LIST_POSITION;

  /* Train and dev traces are offered; test ones never. */
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, fixture->train->len + fixture->dev->len);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      const char *name = gtk_string_list_get_string (GTK_STRING_LIST (names), i);

      if (g_str_has_suffix (name, dev_name))
        position = i;
      for (guint t = 0; t < fixture->test->len; t++)
        {
          g_autofree char *test_name = external_id (fixture, g_array_index (fixture->test, gint64, t));

          g_assert_false (g_str_has_suffix (name, test_name));
        }
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);

  gtk_text_buffer_set_text (template_buffer (fixture), new_template, -1);
  pick (fixture, example_id);
  gtk_drop_down_set_selected (dropdown, position);
  wait.needle = dev_question;
  errata_gui_test_iterate_until (preview_contains, &wait);
  wait.needle = example_note;
  errata_gui_test_iterate_until (preview_contains, &wait);
  wait.needle = example_question;
  errata_gui_test_iterate_until (preview_contains, &wait);
  wait.needle = "The reply promises a refund the policy does not allow.";
  errata_gui_test_iterate_until (preview_contains, &wait);

  /* An edit shows up after the debounce. */
  gtk_text_buffer_set_text (template_buffer (fixture), "Only this: {{output}} (edited)", -1);
  wait.needle = "(edited)";
  errata_gui_test_iterate_until (preview_contains, &wait);
}

/* Whether a label under the source view (its completion popover) shows
 * the needle. */
static gboolean
completion_shows (gpointer data)
{
  Wait *wait = data;
  GtkWidget *view = errata_gui_test_find_first (GTK_WIDGET (wait->fixture->editor),
                                                GTK_SOURCE_TYPE_VIEW);
  g_autoptr(GPtrArray) labels = errata_gui_test_find_visible (view, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (labels->pdata[i]), wait->needle) == 0)
      return TRUE;
  return FALSE;
}

/* "{{" opens the completion, which offers {{output}}; more letters narrow
 * it; taking it writes the placeholder. */
static void
test_completion (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkSourceView *view = errata_gui_test_find_first (GTK_WIDGET (fixture->editor),
                                                    GTK_SOURCE_TYPE_VIEW);
  GtkTextBuffer *buffer = template_buffer (fixture);
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) narrowed = NULL;
  g_autoptr(GListModel) closed = NULL;
  g_autoptr(GObject) proposal = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autoptr(ErrataPlaceholderCompletion) completion = errata_placeholder_completion_new ();
  Wait wait = { fixture, "{{output}}" };
  gboolean has_output = FALSE;
  GtkTextIter end;

  /* Typed in the editor: the completion list shows {{output}}. */
  gtk_text_buffer_set_text (buffer, "Check ", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  for (guint i = 0; i < 2; i++)
    {
      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_insert_interactive_at_cursor (buffer, "{", 1, TRUE);
      gtk_text_buffer_end_user_action (buffer);
    }
  errata_gui_test_iterate_until (completion_shows, &wait);
  /* Metadata keys of the previewed trace are offered too, as the key is
   * typed. */
  gtk_text_buffer_set_text (buffer, "Plan {{metadata.cu", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "s", -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);
  wait.needle = "{{metadata.customer.plan}}";
  errata_gui_test_iterate_until (completion_shows, &wait);

  /* The provider itself: proposals, narrowing, applying. */
  gtk_text_buffer_set_text (buffer, "Check {{", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  g_assert_true (gtk_source_completion_provider_is_trigger (GTK_SOURCE_COMPLETION_PROVIDER (completion),
                                                            &end, '{'));
  all = errata_placeholder_completion_propose (completion, &end);
  g_assert_nonnull (all);
  g_assert_cmpuint (g_list_model_get_n_items (all), >=, 5);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (all, i);
      g_autofree char *name = NULL;

      g_object_get (item, "text", &name, NULL);
      has_output |= g_str_equal (name, "{{output}}");
    }
  g_assert_true (has_output);

  gtk_text_buffer_insert_at_cursor (buffer, "ou", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  narrowed = errata_placeholder_completion_propose (completion, &end);
  g_assert_cmpuint (g_list_model_get_n_items (narrowed), ==, 1);
  proposal = g_list_model_get_item (narrowed, 0);
  g_object_get (proposal, "text", &first, NULL);
  g_assert_cmpstr (first, ==, "{{output}}");
  errata_placeholder_completion_apply (completion, buffer,
                                       GTK_SOURCE_COMPLETION_PROPOSAL (proposal));
  text = dup_buffer_text (buffer);
  g_assert_cmpstr (text, ==, "Check {{output}}");

  /* After a closed placeholder there is nothing to complete. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  closed = errata_placeholder_completion_propose (completion, &end);
  g_assert_null (closed);

  /* Insert Definition writes the placeholder, whose text the tooltip gives. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor),
                                             "judge-editor.insert-definition", NULL));
  g_free (text);
  text = dup_buffer_text (buffer);
  g_assert_cmpstr (text, ==, "Check {{output}}{{definition}}");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (
                      errata_gui_test_find_button (GTK_WIDGET (fixture->editor), "Insert Definition"))),
                    "The reply promises a refund the policy does not allow."));
}

/* The estimate line counts the dev traces, prices them for a model with
 * a price, and says so when the model has none. */
static void
test_estimate (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *count = g_strdup_printf ("Run on dev: %u traces · ~", fixture->dev->len);
  Wait wait = { fixture, count };
  g_autofree char *shown = NULL;

  errata_gui_test_iterate_until (shows_text, &wait);
  shown = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->editor));
  g_assert_nonnull (strstr (shown, "tokens in"));
  g_assert_nonnull (strstr (shown, "$"));
  g_assert_null (strstr (shown, "price unknown"));
  /* OpenAI has a Batch API: the line says what a batch run would cost. */
  g_assert_nonnull (strstr (shown, " (as a batch "));
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->editor), "OpenAI · gpt-4o-mini"));

  g_settings_set_string (fixture->settings, "llm-model", "no-such-model");
  wait.needle = "price unknown";
  errata_gui_test_iterate_until (shows_text, &wait);
  g_free (shown);
  shown = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->editor));
  g_assert_null (strstr (shown, " (as a batch "));
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->editor), "OpenAI · no-such-model"));
}

static void
render_both (Fixture    *fixture,
             const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);
  g_autoptr(GdkTexture) light_texture = NULL;
  g_autoptr(GdkTexture) dark_texture = NULL;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  light_texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark_texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_cmpint (gdk_texture_get_width (light_texture), ==, 1024);
  /* The background follows the style. */
  g_assert_cmpfloat (errata_gui_test_brightness_at (light_texture, 4, 4), >, 180);
  g_assert_cmpfloat (errata_gui_test_brightness_at (dark_texture, 4, 4), <, 80);
}

/* The form is taller than the screen: its end (the preview, the
 * estimate) is another picture. */
static void
scroll_to_end (Fixture *fixture)
{
  GtkScrolledWindow *scrolled = errata_gui_test_find_first (GTK_WIDGET (fixture->editor),
                                                            GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static void
test_render (Fixture       *fixture,
             gconstpointer  data)
{
  Wait wait = { fixture, "Judge whether the reply fails this way" };

  GtkTextBuffer *buffer = template_buffer (fixture);
  GtkTextIter end;

  gtk_text_buffer_set_text (buffer, new_template, -1);
  gtk_text_buffer_insert_at_cursor (buffer, "Plan: {{metadata.customer.plan}}\n", -1);
  pick (fixture, train_trace (fixture, TRUE));
  pick (fixture, train_trace (fixture, FALSE));
  errata_gui_test_iterate_until (preview_contains, &wait);
  /* Dimmed while the dev traces are priced, then the new line. */
  errata_gui_test_iterate_until (estimate_done, fixture);
  render_both (fixture, "judge-editor");
  scroll_to_end (fixture);
  render_both (fixture, "judge-editor-end");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
    errata_gui_test_find_first (GTK_WIDGET (fixture->editor), GTK_TYPE_SCROLLED_WINDOW)), 0);

  /* With a misspelt placeholder, after Save. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "Answer with {{verdict}}.\n", -1);
  g_assert_false (errata_judge_editor_save (fixture->editor, NULL));
  render_both (fixture, "judge-editor-error");
}

/* A target nobody labelled yet (overall, here): the picker, the preview
 * and the estimate each say why they are empty and what to do. */
static void
test_no_labels (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonObject) definition = json_object_new ();
  g_autoptr(ErrataEvaluator) overall = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *preview = NULL;

  overall = errata_evaluators_create (fixture->project, "Overall judge", ERRATA_TARGET_OVERALL,
                                      ERRATA_EVALUATOR_KIND_JUDGE, definition, NULL, &error);
  g_assert_no_error (error);
  errata_judge_editor_load (fixture->editor, overall->id);

  g_assert_cmpuint (errata_few_shot_picker_get_n_train (picker (fixture)), ==, 0);
  shown = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->editor));
  g_assert_nonnull (strstr (shown, "This target has no train traces yet. Label traces for it"));
  g_assert_nonnull (strstr (shown, "Run on dev: no dev traces yet."));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (
                      errata_gui_test_find_first (GTK_WIDGET (fixture->editor), GTK_TYPE_DROP_DOWN))),
                    ==, 0);
  preview = dup_buffer_text (gtk_text_view_get_buffer (preview_view (fixture)));
  g_assert_nonnull (strstr (preview, "No train or dev trace to preview yet"));
  /* The default template, as a new judge starts with. */
  g_free (shown);
  shown = dup_buffer_text (template_buffer (fixture));
  g_assert_cmpstr (shown, ==, errata_judge_prompt_default_template ());
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->editor));
  scroll_to_end (fixture);
  render_both (fixture, "judge-editor-empty");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/judge-editor" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/picker-lists-train", test_picker_lists_train);
  ADD ("/picker-balance", test_picker_balance);
  ADD ("/save-draft", test_save_draft);
  ADD ("/leak-refused", test_leak_refused);
  ADD ("/save-after-run", test_save_after_run);
  ADD ("/bad-placeholder", test_bad_placeholder);
  ADD ("/warnings", test_warnings);
  ADD ("/preview", test_preview);
  ADD ("/completion", test_completion);
  ADD ("/estimate", test_estimate);
  ADD ("/render", test_render);
  ADD ("/no-labels", test_no_labels);
  return g_test_run ();
}
