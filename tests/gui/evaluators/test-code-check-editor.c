/* test-code-check-editor.c: the Definition tab of code checks and command
 * evaluators, under a display, on a project built here: 30 traces, a
 * failure mode "Refunds" with an explicit label on every trace, and the
 * splits those labels make. Renders code-check-editor-{regex,contains,
 * regex-error}{,-dark}.png, code-check-editor-command.png (untrusted) and
 * code-check-editor-trust.png (the question) in the build folder.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * G_TEST_OPTION_ISOLATE_DIRS gives every test its own HOME and
 * XDG_CONFIG_HOME: the user's own trust file is never touched.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "errata-code-check-editor.h"
#include "errata-eval-run.h"
#include "errata-eval-scope.h"
#include "errata-evaluator-method.h"
#include "errata-evaluators.h"
#include "errata-gui-test-utils.h"
#include "errata-labels.h"
#include "errata-splits.h"
#include "errata-test-utils.h"
#include "errata-trust.h"

#define N_TRACES 30

typedef struct
{
  char                  *dir;
  ErrataProject         *project;
  ErrataWorkspace       *workspace;
  gint64                 mode;
  gint64                 traces[N_TRACES];
  GtkWindow             *window;
  ErrataCodeCheckEditor *editor;
  GArray                *changed;   /* gint64: ids given to evaluators.changed */
} Fixture;

/* Even traces offer a refund (they fail "Refunds"), odd ones do not. */
static const char *
output_of (guint i)
{
  return i % 2 == 0 ? "We can offer you a refund of 20 EUR." : "Your table for four is booked.";
}

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
  g_autoptr(GError) error = NULL;

  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->workspace = errata_workspace_new (fixture->project, NULL);
  fixture->mode = errata_taxonomy_create_mode (errata_workspace_get_taxonomy (fixture->workspace),
                                               "Refunds", "Offers a refund it may not give",
                                               NULL, 0, ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_TRACES; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%02u", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, "Can I get my money back?",
                                                           output_of (i));

      g_assert_true (errata_project_add_trace (fixture->project, trace, NULL, &error));
      fixture->traces[i] = errata_trace_get_id (trace);
      g_assert_true (errata_labels_set (fixture->project, fixture->mode, fixture->traces[i],
                                        i % 2 == 0 ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS,
                                        "Ada", "test", &error));
      g_assert_no_error (error);
    }
  g_assert_true (errata_splits_update (fixture->project, fixture->mode, &error));
  g_assert_no_error (error);

  fixture->changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (changed, "activate", G_CALLBACK (on_changed), fixture);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (changed));
  fixture->editor = ERRATA_CODE_CHECK_EDITOR (errata_code_check_editor_new (fixture->workspace));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "evaluators", G_ACTION_GROUP (group));
  gtk_window_set_default_size (fixture->window, 1024, 1000);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->editor));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->editor), (gpointer *)&fixture->editor);
  gtk_window_destroy (fixture->window);
  errata_gui_test_iterate_for (50);
  g_assert_null (fixture->editor);
  g_clear_object (&fixture->workspace);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  g_array_unref (fixture->changed);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gint64
create_evaluator (Fixture    *fixture,
                  const char *name,
                  const char *kind,
                  const char *definition_json)
{
  g_autoptr(JsonNode) node = json_from_string (definition_json, NULL);
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (node);
  evaluator = errata_evaluators_create (fixture->project, name, fixture->mode, kind,
                                        json_node_get_object (node), NULL, &error);
  g_assert_no_error (error);
  return evaluator->id;
}

static ErrataEvaluatorVersion *
latest_version (Fixture *fixture,
                gint64   evaluator_id)
{
  g_autoptr(GError) error = NULL;
  ErrataEvaluatorVersion *version = errata_evaluators_get_version (fixture->project,
                                                                   evaluator_id, 0, &error);

  g_assert_no_error (error);
  return version;
}

static void
assert_definition (ErrataEvaluatorVersion *version,
                   const char             *expected_json)
{
  g_autoptr(JsonNode) expected = json_from_string (expected_json, NULL);
  g_autoptr(JsonNode) actual = json_node_init_object (json_node_alloc (), version->definition);

  if (!json_node_equal (expected, actual))
    {
      g_autofree char *text = json_to_string (actual, FALSE);

      g_error ("definition %s, expected %s", text, expected_json);
    }
}

/* The widget named `name` (a row is named after its parameter). */
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
row (Fixture    *fixture,
     const char *name)
{
  GtkWidget *widget = find_named (GTK_WIDGET (fixture->editor), name);

  g_assert_nonnull (widget);
  return widget;
}

static GtkLabel *
label_with_class (Fixture    *fixture,
                  const char *css_class)
{
  GtkLabel *label = errata_gui_test_find_with_class (GTK_WIDGET (fixture->editor), GTK_TYPE_LABEL,
                                                     css_class);

  g_assert_nonnull (label);
  return label;
}

typedef struct
{
  Fixture    *fixture;
  const char *css_class;
  const char *text;
} LabelWait;

static gboolean
label_shows (gpointer data)
{
  LabelWait *wait = data;
  GtkLabel *label = label_with_class (wait->fixture, wait->css_class);

  return gtk_widget_get_visible (GTK_WIDGET (label))
         && g_str_equal (gtk_label_get_text (label), wait->text);
}

static gboolean
label_contains (gpointer data)
{
  LabelWait *wait = data;
  GtkLabel *label = label_with_class (wait->fixture, wait->css_class);

  return gtk_widget_get_visible (GTK_WIDGET (label))
         && strstr (gtk_label_get_text (label), wait->text) != NULL;
}

static void
wait_for_verdict (Fixture    *fixture,
                  const char *verdict)
{
  LabelWait wait = { fixture, "preview-verdict", verdict };

  errata_gui_test_iterate_until (label_shows, &wait);
}

/* Round trip ------------------------------------------------------------- */

static const struct
{
  const char *kind;
  const char *definition;
  const char *row;        /* a row that shows a stored value */
  const char *row_text;
} round_trips[] = {
  { "regex", "{\"kind\": \"regex\", \"pattern\": \"refund\", \"match\": \"fail\","
             " \"field\": \"tool_arguments\", \"tool\": \"book\", \"ignore_case\": true}",
    "pattern", "refund" },
  { "contains", "{\"words\": [\"sorry\", \"unfortunately\"], \"mode\": \"none\","
                " \"field\": \"output\", \"ignore_case\": false, \"ignore_accents\": true,"
                " \"whole_words\": true}",
    "tool", "" },
  { "json", "{\"keys\": [\"answer\"], \"fenced\": true, \"field\": \"input\"}", NULL, NULL },
  { "length", "{\"unit\": \"words\", \"min\": 2, \"max\": 300, \"field\": \"conversation\"}",
    "max", "300" },
  { "tool_call", "{\"tool\": \"book_table\", \"called\": false, \"arguments\": \"party\","
                 " \"ignore_case\": true}",
    "arguments", "party" },
  { "tool_count", "{\"tool\": \"search\", \"min\": 1, \"max\": 5}", "min", "1" },
  { "command", "{\"command\": [\"sh\", \"-c\", \"exit 0\"], \"timeout\": 30, \"concurrency\": 4}",
    "command", "sh -c 'exit 0'" },
};

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      g_autoptr(ErrataEvaluatorVersion) version = NULL;
      g_autoptr(GError) error = NULL;
      gint64 id = create_evaluator (fixture, round_trips[i].kind, round_trips[i].kind,
                                    round_trips[i].definition);

      g_test_message ("kind %s", round_trips[i].kind);
      errata_code_check_editor_load (fixture->editor, id);
      g_assert_false (errata_code_check_editor_get_modified (fixture->editor));
      if (round_trips[i].row != NULL)
        g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (fixture, round_trips[i].row))),
                         ==, round_trips[i].row_text);
      g_assert_true (errata_code_check_editor_save (fixture->editor, &error));
      g_assert_no_error (error);
      version = latest_version (fixture, id);
      g_assert_cmpuint (version->number, ==, 1);
      assert_definition (version, round_trips[i].definition);
      g_assert_cmpint (g_array_index (fixture->changed, gint64, fixture->changed->len - 1), ==, id);
    }
}

/* The form shows no row for "concurrency" (nor for "kind"): an edit of
 * another row keeps them as they were. */
static void
test_unknown_parameter_survives (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = create_evaluator (fixture, "cmd", "command",
                                "{\"kind\": \"command\", \"command\": [\"true\"],"
                                " \"concurrency\": 3}");
  gint64 regex = create_evaluator (fixture, "re", "regex",
                                   "{\"kind\": \"regex\", \"pattern\": \"a\"}");

  errata_code_check_editor_load (fixture->editor, id);
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "timeout")), "12.5");
  g_assert_true (errata_code_check_editor_get_modified (fixture->editor));
  g_assert_true (errata_code_check_editor_save (fixture->editor, &error));
  g_assert_no_error (error);
  version = latest_version (fixture, id);
  assert_definition (version, "{\"kind\": \"command\", \"command\": [\"true\"],"
                              " \"concurrency\": 3, \"timeout\": 12.5}");
  g_clear_pointer (&version, errata_evaluator_version_free);

  errata_code_check_editor_load (fixture->editor, regex);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (fixture, "match")), 1);
  gtk_switch_set_active (GTK_SWITCH (errata_gui_test_find_first (row (fixture, "ignore_case"),
                                                                 GTK_TYPE_SWITCH)), TRUE);
  g_assert_true (errata_code_check_editor_save (fixture->editor, &error));
  version = latest_version (fixture, regex);
  assert_definition (version, "{\"kind\": \"regex\", \"pattern\": \"a\", \"match\": \"fail\","
                              " \"ignore_case\": true}");
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

/* Ctrl+S is bound to code-check.save on the editor's class; it saves the
 * form, and "modified" follows. */
static void
test_ctrl_s_saves (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->editor));
  g_autoptr(GtkShortcutTrigger) ctrl_s = gtk_keyval_trigger_new (GDK_KEY_s, GDK_CONTROL_MASK);
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  gint64 id = create_evaluator (fixture, "Short", "length", "{\"max\": 300}");
  gboolean bound = FALSE;
  guint notified = 0;

  errata_code_check_editor_load (fixture->editor, id);
  g_signal_connect (fixture->editor, "notify::modified", G_CALLBACK (on_notify), &notified);
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "max")), "280");
  g_assert_true (errata_code_check_editor_get_modified (fixture->editor));
  g_assert_cmpuint (notified, ==, 1);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !bound; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !bound; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (!gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), ctrl_s))
            continue;
          g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                       GTK_WIDGET (fixture->editor), NULL));
          bound = TRUE;
        }
    }
  g_assert_true (bound);
  version = latest_version (fixture, id);
  assert_definition (version, "{\"max\": 280}");
  g_assert_false (errata_code_check_editor_get_modified (fixture->editor));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (fixture->changed->len, ==, 1);

  /* A bound that is not a number is said where it is. */
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "max")), "lots");
  g_assert_false (errata_code_check_editor_save (fixture->editor, NULL));
  g_assert_true (gtk_widget_has_css_class (row (fixture, "max"), "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (label_with_class (fixture, "error")), "“max”"));
}

/* Preview ------------------------------------------------------------------ */

/* The chooser's trace ids, read back from its rows ("#12 · dev · …"). */
static GArray *
chooser_ids (Fixture *fixture)
{
  GtkDropDown *dropdown = errata_gui_test_find_first (GTK_WIDGET (fixture->editor),
                                                      GTK_TYPE_DROP_DOWN);
  GListModel *model = gtk_drop_down_get_model (dropdown);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);
      const char *text = gtk_string_object_get_string (item);
      gint64 id;

      g_assert_true (text[0] == '#');
      id = g_ascii_strtoll (text + 1, NULL, 10);
      g_array_append_val (ids, id);
    }
  return ids;
}

static gboolean
contains_id (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Chooses the first trace of the chooser whose output offers a refund. */
static void
choose_refund_trace (Fixture *fixture)
{
  g_autoptr(GArray) ids = chooser_ids (fixture);
  GtkDropDown *dropdown = errata_gui_test_find_first (GTK_WIDGET (fixture->editor),
                                                      GTK_TYPE_DROP_DOWN);

  for (guint i = 0; i < ids->len; i++)
    for (guint t = 0; t < N_TRACES; t += 2)
      if (fixture->traces[t] == g_array_index (ids, gint64, i))
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
  g_assert_not_reached ();
}

static void
on_verdict_shown (GtkLabel   *label,
                  GParamSpec *pspec,
                  GPtrArray  *shown)
{
  if (*gtk_label_get_text (label) != '\0')
    g_ptr_array_add (shown, g_strdup (gtk_label_get_text (label)));
}

static void
test_regex_preview (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  LabelWait reasoning = { fixture, "preview-reasoning", "refund" };
  gint64 id = create_evaluator (fixture, "No refunds", "regex",
                                "{\"pattern\": \"voucher\", \"match\": \"fail\"}");

  errata_code_check_editor_load (fixture->editor, id);
  choose_refund_trace (fixture);
  wait_for_verdict (fixture, "Pass");

  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "pattern")), "ref+und");
  g_assert_true (errata_code_check_editor_get_modified (fixture->editor));
  wait_for_verdict (fixture, "Fail");
  errata_gui_test_iterate_until (label_contains, &reasoning);

  /* What it means is the form's, not the stored version's. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (fixture, "match")), 0);
  wait_for_verdict (fixture, "Pass");

  /* Typed in a row, the edits are judged once, as they end: the verdict
   * of the passing "voucher" typed on the way is never shown. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (fixture, "match")), 1);
  wait_for_verdict (fixture, "Fail");
  g_signal_connect (label_with_class (fixture, "preview-verdict"), "notify::label",
                    G_CALLBACK (on_verdict_shown), shown);
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "pattern")), "voucher");
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "pattern")), "refund");
  reasoning.text = "/refund/";
  errata_gui_test_iterate_until (label_contains, &reasoning);
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpstr (g_ptr_array_index (shown, i), ==, "Fail");
  g_signal_handlers_disconnect_by_func (label_with_class (fixture, "preview-verdict"),
                                        on_verdict_shown, shown);
}

static void
test_bad_regex (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(GError) error = NULL;
  LabelWait status = { fixture, "preview-status", "without errors" };
  gint64 id = create_evaluator (fixture, "No refunds", "regex", "{\"pattern\": \"refund\"}");
  GtkLabel *error_label;
  GtkWidget *pattern;

  errata_code_check_editor_load (fixture->editor, id);
  pattern = row (fixture, "pattern");
  gtk_editable_set_text (GTK_EDITABLE (pattern), "(refund|voucher");
  g_assert_false (errata_code_check_editor_save (fixture->editor, &error));
  g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);

  /* Inline: what is wrong, in which parameter, where in the pattern. */
  error_label = label_with_class (fixture, "error");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "“pattern”"));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "at char 15"));
  g_assert_true (gtk_widget_has_css_class (pattern, "error"));
  /* Nothing lost, nothing saved. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pattern)), ==, "(refund|voucher");
  g_assert_true (errata_code_check_editor_get_modified (fixture->editor));
  version = latest_version (fixture, id);
  assert_definition (version, "{\"pattern\": \"refund\"}");
  g_assert_cmpuint (fixture->changed->len, ==, 0);
  errata_gui_test_iterate_until (label_contains, &status);

  /* Fixed, it saves and the mark goes away. */
  gtk_editable_set_text (GTK_EDITABLE (pattern), "(refund|voucher)");
  g_assert_false (gtk_widget_has_css_class (pattern, "error"));
  g_assert_true (errata_code_check_editor_save (fixture->editor, NULL));
}

static void
test_locked_makes_version_2 (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ErrataEvaluator) evaluator = NULL;
  g_autoptr(ErrataEvaluatorVersion) v1 = NULL;
  g_autoptr(ErrataEvaluatorVersion) v2 = NULL;
  g_autoptr(ErrataEvalMethod) method = NULL;
  g_autoptr(ErrataEvalRun) run = NULL;
  g_autoptr(GArray) dev = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = create_evaluator (fixture, "No refunds", "regex", "{\"pattern\": \"refund\"}");
  GtkWidget *version_label;

  evaluator = errata_evaluators_get (fixture->project, id, &error);
  v1 = latest_version (fixture, id);
  method = errata_evaluator_method_new (fixture->project, evaluator, v1, NULL, &error);
  g_assert_no_error (error);
  dev = errata_eval_scope_resolve (fixture->project, fixture->mode, ERRATA_SCOPE_DEV, NULL, &error);
  g_assert_no_error (error);
  run = errata_eval_run_new (fixture->project, v1->id, method, ERRATA_SCOPE_DEV, dev);
  errata_eval_run_start_async (run, NULL, errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  g_assert_true (errata_eval_run_start_finish (run, result, &error));
  g_assert_no_error (error);

  errata_code_check_editor_load (fixture->editor, id);
  version_label = errata_gui_test_find_with_class (GTK_WIDGET (fixture->editor), GTK_TYPE_LABEL,
                                                   "dim-label");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (version_label)),
                            "saving makes version 2"));
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "pattern")), "refunds?");
  g_assert_true (errata_code_check_editor_save (fixture->editor, &error));
  g_assert_no_error (error);

  v2 = latest_version (fixture, id);
  g_assert_cmpuint (v2->number, ==, 2);
  assert_definition (v2, "{\"pattern\": \"refunds?\"}");
  g_clear_pointer (&v1, errata_evaluator_version_free);
  v1 = errata_evaluators_get_version (fixture->project, id, 1, &error);
  assert_definition (v1, "{\"pattern\": \"refund\"}");
  /* The editor now shows the new draft. */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (version_label)), "Version 2"));
}

static void
test_chooser_never_offers_test (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GArray) train = errata_splits_list (fixture->project, fixture->mode,
                                                ERRATA_SPLIT_TRAIN, NULL);
  g_autoptr(GArray) dev = errata_splits_list (fixture->project, fixture->mode, ERRATA_SPLIT_DEV,
                                              NULL);
  g_autoptr(GArray) test = errata_splits_list (fixture->project, fixture->mode,
                                               ERRATA_SPLIT_TEST, NULL);
  g_autoptr(GArray) offered = NULL;
  g_autoptr(GArray) after = NULL;
  g_autofree char *typed = NULL;
  LabelWait status = { fixture, "preview-status", "test split" };
  gint64 id = create_evaluator (fixture, "No refunds", "regex", "{\"pattern\": \"refund\"}");
  GtkWidget *entry;

  g_assert_cmpuint (test->len, >, 0);
  errata_code_check_editor_load (fixture->editor, id);
  offered = chooser_ids (fixture);
  g_assert_cmpuint (offered->len, ==, train->len + dev->len);
  for (guint i = 0; i < train->len; i++)
    g_assert_true (contains_id (offered, g_array_index (train, gint64, i)));
  for (guint i = 0; i < dev->len; i++)
    g_assert_true (contains_id (offered, g_array_index (dev, gint64, i)));
  for (guint i = 0; i < test->len; i++)
    g_assert_false (contains_id (offered, g_array_index (test, gint64, i)));

  /* A test trace typed by id is refused, and not added. */
  entry = GTK_WIDGET (errata_gui_test_find_first (GTK_WIDGET (fixture->editor), GTK_TYPE_ENTRY));
  typed = g_strdup_printf ("#%" G_GINT64_FORMAT, g_array_index (test, gint64, 0));
  gtk_editable_set_text (GTK_EDITABLE (entry), typed);
  g_signal_emit_by_name (entry, "activate");
  errata_gui_test_iterate_until (label_contains, &status);
  after = chooser_ids (fixture);
  g_assert_cmpuint (after->len, ==, offered->len);
}

/* Trust ------------------------------------------------------------------ */

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static void
test_untrusted_command (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *marker = g_build_filename (fixture->dir, "ran", NULL);
  g_autofree char *script = g_strdup_printf ("cat >/dev/null; touch %s; echo offered a refund; exit 1", marker);
  g_autofree char *json = NULL;
  g_autofree char *project_id = errata_project_get_meta (fixture->project, "project_id");
  g_autofree char *command_line = NULL;
  g_autofree char *trust_path = errata_trust_dup_path ();
  LabelWait refused = { fixture, "preview-status", "until you trust" };
  LabelWait reasoning = { fixture, "preview-reasoning", "offered a refund" };
  JsonBuilder *builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *trust_button;
  gint64 id;

  /* The test's own configuration folder, never the user's. */
  g_assert_true (g_str_has_prefix (trust_path, g_get_tmp_dir ()));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "command");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "sh");
  json_builder_add_string_value (builder, "-c");
  json_builder_add_string_value (builder, script);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  g_object_unref (builder);
  json = json_to_string (node, FALSE);
  /* Stored as a project from elsewhere would hold it: nobody trusted it. */
  id = create_evaluator (fixture, "From a colleague", "command", json);

  errata_code_check_editor_load (fixture->editor, id);
  errata_gui_test_iterate_until (label_contains, &refused);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->editor),
                                              "This project’s commands do not run on this machine "
                                              "until you trust it"));
  trust_button = GTK_WIDGET (errata_gui_test_find_button (GTK_WIDGET (fixture->editor), "Trust…"));
  g_assert_nonnull (trust_button);
  g_clear_object (&texture);
  texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window),
                                           "code-check-editor-command.png");

  /* Trust… asks first, naming the exact command. */
  gtk_widget_activate (trust_button);
  errata_gui_test_iterate_until (has_message_dialog, NULL);
  dialog = find_message_dialog ();
  g_clear_object (&texture);
  texture = errata_gui_test_render_to_png (GTK_WIDGET (dialog), "code-check-editor-trust.png");
  command_line = g_shell_quote (script);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), command_line));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "sh -c "));
  adw_message_dialog_response (dialog, "trust");
  gtk_window_destroy (GTK_WINDOW (dialog));

  wait_for_verdict (fixture, "Fail");
  errata_gui_test_iterate_until (label_contains, &reasoning);
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_false (gtk_widget_get_visible (trust_button));
}

/* A command typed here is the user's own: saving trusts it. A line the
 * shell rules cannot split is refused where it is. */
static void
test_typed_command (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *project_id = errata_project_get_meta (fixture->project, "project_id");
  g_autoptr(ErrataEvaluatorVersion) version = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = create_evaluator (fixture, "cmd", "command", "{\"command\": [\"false\"]}");
  GtkWidget *command;

  errata_code_check_editor_load (fixture->editor, id);
  command = row (fixture, "command");
  gtk_editable_set_text (GTK_EDITABLE (command), "sh -c 'exit 0");
  g_assert_false (errata_code_check_editor_save (fixture->editor, &error));
  g_assert_true (gtk_widget_has_css_class (command, "error"));
  g_assert_nonnull (strstr (error->message, "“command”"));
  g_clear_error (&error);

  gtk_editable_set_text (GTK_EDITABLE (command), "sh -c 'exit 0'");
  g_assert_false (errata_trust_is_trusted (project_id, "sh -c 'exit 0'"));
  g_assert_true (errata_code_check_editor_save (fixture->editor, &error));
  g_assert_no_error (error);
  version = latest_version (fixture, id);
  assert_definition (version, "{\"command\": [\"sh\", \"-c\", \"exit 0\"]}");
  g_assert_true (errata_trust_is_trusted (project_id, "sh -c 'exit 0'"));
  /* The stored command it replaced stays untrusted. */
  g_assert_false (errata_trust_is_trusted (project_id, "false"));
  wait_for_verdict (fixture, "Pass");
}

/* Screenshots ------------------------------------------------------------ */

static void
render (Fixture    *fixture,
        const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);
  g_autofree char *light = g_strdup_printf ("%s.png", name);
  g_autoptr(GdkTexture) light_texture = NULL;
  g_autoptr(GdkTexture) dark_texture = NULL;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  light_texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark_texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_cmpint (gdk_texture_get_width (light_texture), ==, 1024);
  g_assert_cmpfloat (errata_gui_test_brightness_at (light_texture, 8, 8), >,
                     errata_gui_test_brightness_at (dark_texture, 8, 8));
}

static void
test_render (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 regex = create_evaluator (fixture, "No refunds", "regex",
                                   "{\"pattern\": \"\\\\brefund\", \"match\": \"fail\","
                                   " \"ignore_case\": true}");
  gint64 contains = create_evaluator (fixture, "No apologies", "contains",
                                      "{\"words\": [\"sorry\", \"unfortunately\", \"refund\"],"
                                      " \"mode\": \"none\", \"whole_words\": true}");

  errata_code_check_editor_load (fixture->editor, regex);
  choose_refund_trace (fixture);
  wait_for_verdict (fixture, "Fail");
  render (fixture, "code-check-editor-regex");
  gtk_editable_set_text (GTK_EDITABLE (row (fixture, "pattern")), "\\b(refund");
  g_assert_false (errata_code_check_editor_save (fixture->editor, NULL));
  render (fixture, "code-check-editor-regex-error");

  errata_code_check_editor_load (fixture->editor, contains);
  choose_refund_trace (fixture);
  wait_for_verdict (fixture, "Fail");
  render (fixture, "code-check-editor-contains");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/code-check-editor/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("unknown-parameter-survives", test_unknown_parameter_survives);
  ADD ("ctrl-s-saves", test_ctrl_s_saves);
  ADD ("regex-preview", test_regex_preview);
  ADD ("bad-regex", test_bad_regex);
  ADD ("locked-makes-version-2", test_locked_makes_version_2);
  ADD ("chooser-never-offers-test", test_chooser_never_offers_test);
  ADD ("untrusted-command", test_untrusted_command);
  ADD ("typed-command", test_typed_command);
  ADD ("render", test_render);
#undef ADD

  return g_test_run ();
}
