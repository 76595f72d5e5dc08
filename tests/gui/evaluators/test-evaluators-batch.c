/* test-evaluators-batch.c: a judge run as a batch from the Evaluators
 * page, against the mock LLM server's OpenAI Batch API (in this process,
 * the same code as the standalone errata-mock-llm, so that the test can
 * say when a batch ends instead of racing a delay): the waiting state,
 * the verdicts when the batch ends, the project closed and opened again
 * while it waits, Stop Waiting and Resume, Cancel Batch, expired and failed requests, a
 * batch refused as a whole, and the option greyed out where no batch can
 * go.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "errata-evaluators-page-private.h"
#include "errata-eval-batches.h"
#include "errata-eval-runs.h"
#include "errata-gui-test-utils.h"
#include "errata-labels.h"
#include "errata-mock-llm-server.h"
#include "errata-taxonomy.h"
#include "errata-test-utils.h"

#define N_TRACES 40
/* Long enough that no batch ends before the test says so. */
#define NEVER_MS (60 * 60 * 1000)

typedef struct
{
  char                 *dir;
  GFile                *file;
  ErrataProject        *project;
  ErrataMockLlmServer  *server;
  GSettings            *settings;
  ErrataWorkspace      *workspace;
  GtkWindow            *window;
  ErrataEvaluatorsPage *page;
  gint64                mode;
  gint64                judge;
  gint64                check;
} Fixture;

static void
add_traces (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_TRACES; i++)
    {
      g_autofree char *name = g_strdup_printf ("conv-%02u", i);
      g_autofree char *answer = g_strdup_printf (i % 3 == 0 ? "You get a refund, case %u."
                                                 : "Here is your booking, case %u.", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (name, "Can you help?", answer);

      g_assert_true (errata_project_add_trace (fixture->project, trace, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (errata_labels_set (fixture->project, fixture->mode,
                                        errata_trace_get_id (trace),
                                        i % 3 == 0 ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS,
                                        "Ana", "test", &error));
      g_assert_no_error (error);
    }
}

static void
add_evaluators (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) judge_definition = json_object_new ();
  g_autoptr(JsonNode) check_definition = json_from_string ("{\"words\": [\"refund\"], "
                                                           "\"mode\": \"none\"}", NULL);
  g_autoptr(ErrataEvaluator) judge = NULL;
  g_autoptr(ErrataEvaluator) check = NULL;

  json_object_set_string_member (judge_definition, "prompt",
                                 "Does this mention a refund?\n{{output}}");
  judge = errata_evaluators_create (fixture->project, "Refund judge", fixture->mode, "judge",
                                    judge_definition, NULL, &error);
  g_assert_no_error (error);
  check = errata_evaluators_create (fixture->project, "Refund words", fixture->mode, "contains",
                                    json_node_get_object (check_definition), NULL, &error);
  g_assert_no_error (error);
  fixture->judge = judge->id;
  fixture->check = check->id;
}

static void
open_page (Fixture *fixture)
{
  fixture->workspace = errata_workspace_new (fixture->project, fixture->settings);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1024, 720);
  fixture->page = ERRATA_EVALUATORS_PAGE (errata_evaluators_page_new (fixture->workspace));
  /* Polls every few milliseconds instead of every 30 seconds. */
  _errata_evaluators_page_set_batch_poll (fixture->page, 20, 200);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  errata_evaluators_page_show_evaluator (fixture->page, fixture->judge);
  g_assert_cmpint (errata_evaluators_page_get_evaluator (fixture->page), ==, fixture->judge);
}

static void
close_page (Fixture *fixture)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  fixture->page = NULL;
  errata_gui_test_iterate_for (20);
  g_clear_object (&fixture->workspace);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTaxonomy) taxonomy = NULL;
  g_autoptr(JsonNode) reply = json_from_string ("{\"json\": {\"reasoning\": \"No refund.\","
                                                " \"verdict\": \"pass\"}}", NULL);
  g_autofree char *base_url = NULL;

  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->file = g_object_ref (errata_project_get_file (fixture->project));
  taxonomy = errata_taxonomy_new (fixture->project);
  fixture->mode = errata_taxonomy_create_mode (taxonomy, "Mentions a refund", "", NULL, 0,
                                               ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  add_traces (fixture);
  add_evaluators (fixture);

  fixture->server = errata_mock_llm_server_new (0, &error);
  g_assert_no_error (error);
  errata_mock_llm_server_add_reply (fixture->server, reply);
  errata_mock_llm_server_set_batches (fixture->server, NEVER_MS, 0, 0, 0);
  base_url = errata_mock_llm_server_dup_base_url (fixture->server, FALSE);
  fixture->settings = g_settings_new (APP_ID);
  g_settings_set_string (fixture->settings, "llm-provider", "custom");
  g_settings_set_string (fixture->settings, "llm-base-url", base_url);
  g_settings_set_string (fixture->settings, "llm-model", "mock-model");
  g_settings_set_string (fixture->settings, "llm-prices",
                         "{\"mock-model\": {\"input\": 1000, \"output\": 1000}}");
  open_page (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_page (fixture);
  g_clear_object (&fixture->server);
  g_settings_reset (fixture->settings, "llm-provider");
  g_settings_reset (fixture->settings, "llm-base-url");
  g_settings_reset (fixture->settings, "llm-model");
  g_settings_reset (fixture->settings, "llm-prices");
  g_clear_object (&fixture->settings);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  g_clear_object (&fixture->file);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* ---- helpers ---------------------------------------------------------------- */

static gboolean
shows_waiting (gpointer data)
{
  Fixture *fixture = data;

  return g_str_has_prefix (gtk_label_get_text (fixture->page->run_label),
                           "Waiting for the provider (batch submitted ");
}

static gboolean
run_has_ended (gpointer data)
{
  Fixture *fixture = data;

  return !errata_evaluators_page_is_running (fixture->page);
}

static ErrataRunInfo *
latest_run (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = errata_eval_runs_list (fixture->project, fixture->judge, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, >, 0);
  return g_ptr_array_steal_index (runs, 0);   /* newest first */
}

static gboolean
run_is_not_running (gpointer data)
{
  g_autoptr(ErrataRunInfo) run = latest_run (data);

  return run->status != ERRATA_RUN_RUNNING;
}

static guint
count_verdicts (Fixture *fixture,
                gint64   run_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) verdicts = errata_eval_runs_verdicts (fixture->project, run_id, &error);

  g_assert_no_error (error);
  return verdicts->len;
}

static gboolean
has_live_batches (Fixture *fixture,
                  gint64   run_id)
{
  g_autoptr(GError) error = NULL;
  gboolean live = FALSE;

  g_assert_true (errata_eval_batches_has_live (fixture->project, run_id, &live, &error));
  g_assert_no_error (error);
  return live;
}

static void
assert_shows (Fixture    *fixture,
              const char *text)
{
  g_autofree char *shown = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->window));

  if (strstr (shown, text) == NULL)
    g_error ("“%s” is not shown in: %s", text, shown);
}

/* Ticks the option and runs on dev, then waits for the waiting state. */
static void
start_batch_on_dev (Fixture *fixture)
{
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (fixture->page->batch_check)));
  gtk_check_button_set_active (fixture->page->batch_check, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "evaluators.run-dev",
                                             NULL));
  errata_gui_test_iterate_until_full (shows_waiting, fixture, 120);
  g_assert_cmpstr (gtk_button_get_label (fixture->page->cancel_button), ==, "Stop _Waiting");
}

/* The batch ends at the provider's next look, and the page collects it. */
static ErrataRunInfo *
end_batch_and_wait (Fixture *fixture)
{
  errata_mock_llm_server_set_batches (fixture->server, 0, 0, 0, 0);
  errata_gui_test_iterate_until_full (run_has_ended, fixture, 120);
  return latest_run (fixture);
}

static void
assert_all_judged_by_one_batch (Fixture             *fixture,
                                const ErrataRunInfo *run)
{
  g_assert_cmpint (run->status, ==, ERRATA_RUN_DONE);
  g_assert_cmpuint (run->total, >, 0);
  g_assert_cmpuint (run->n_pass, ==, run->total);
  g_assert_cmpuint (count_verdicts (fixture, run->id), ==, run->total);
  g_assert_false (has_live_batches (fixture, run->id));
  /* One batch, and no trace asked live. */
  g_assert_cmpuint (errata_mock_llm_server_get_n_batches (fixture->server), ==, 1);
  g_assert_cmpuint (errata_mock_llm_server_get_path_count (fixture->server,
                                                          "/v1/chat/completions"), ==, 0);
}

/* ---- tests ------------------------------------------------------------------ */

static void
test_waits_then_collects (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ErrataRunInfo) waiting = NULL;
  g_autoptr(ErrataRunInfo) done = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  start_batch_on_dev (fixture);
  waiting = latest_run (fixture);
  g_assert_cmpint (waiting->status, ==, ERRATA_RUN_RUNNING);
  g_assert_cmpuint (count_verdicts (fixture, waiting->id), ==, 0);
  g_assert_true (has_live_batches (fixture, waiting->id));
  /* The label counts the requests of the batch: every dev trace. */
  {
    g_autofree char *expected = g_strdup_printf (", %u requests)", waiting->total);

    g_assert_true (g_str_has_suffix (gtk_label_get_text (fixture->page->run_label), expected));
  }
  texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window),
                                           "evaluators-batch-waiting.png");
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1024);

  done = end_batch_and_wait (fixture);
  g_assert_cmpint (done->id, ==, waiting->id);
  assert_all_judged_by_one_batch (fixture, done);
  g_assert_false (gtk_revealer_get_reveal_child (fixture->page->resume_revealer));
  g_assert_cmpstr (gtk_button_get_label (fixture->page->cancel_button), ==, "_Cancel");
  /* Counted at the batch discount (half of $1000 per million tokens), as
   * errata-cli counts it, and the option says so. */
  g_assert_cmpint (done->tokens_in, >, 0);
  g_assert_cmpfloat_with_epsilon (done->cost, (done->tokens_in + done->tokens_out) / 1000.0 * 0.5,
                                  1e-6);
  g_assert_nonnull (strstr (gtk_label_get_text (fixture->page->batch_hint),
                            "The last run on dev went as a batch: $"));
}

static void
test_reopened_while_waiting (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ErrataRunInfo) waiting = NULL;
  g_autoptr(ErrataRunInfo) closed = NULL;
  g_autoptr(ErrataRunInfo) done = NULL;
  g_autoptr(GError) error = NULL;

  start_batch_on_dev (fixture);
  waiting = latest_run (fixture);

  /* Close the window and the project while the provider works. */
  close_page (fixture);
  errata_gui_test_iterate_until_full (run_is_not_running, fixture, 60);
  closed = latest_run (fixture);
  g_assert_true (closed->status == ERRATA_RUN_CANCELLED
                 || closed->status == ERRATA_RUN_INTERRUPTED);
  g_assert_true (has_live_batches (fixture, closed->id));
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);

  /* Opened again: the page picks the batch up by itself. */
  fixture->project = errata_project_open (fixture->file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  open_page (fixture);
  g_assert_true (errata_evaluators_page_is_running (fixture->page));
  errata_gui_test_iterate_until_full (shows_waiting, fixture, 120);

  done = end_batch_and_wait (fixture);
  g_assert_cmpint (done->id, ==, waiting->id);
  assert_all_judged_by_one_batch (fixture, done);
}

static void
test_stop_waiting_and_resume (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(ErrataRunInfo) stopped = NULL;
  g_autoptr(ErrataRunInfo) done = NULL;
  const char *text;

  start_batch_on_dev (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "evaluators.cancel-run", NULL));
  errata_gui_test_iterate_until_full (run_has_ended, fixture, 60);
  stopped = latest_run (fixture);
  g_assert_cmpint (stopped->status, ==, ERRATA_RUN_CANCELLED);
  g_assert_cmpuint (count_verdicts (fixture, stopped->id), ==, 0);
  /* Stop Waiting leaves it at the provider: it is still there. */
  g_assert_true (has_live_batches (fixture, stopped->id));
  assert_shows (fixture, "Stopped waiting; the batch goes on at the provider");
  g_assert_true (gtk_revealer_get_reveal_child (fixture->page->resume_revealer));
  text = gtk_label_get_text (fixture->page->resume_label);
  g_assert_nonnull (strstr (text, "You stopped waiting for the batch submitted"));
  g_assert_nonnull (strstr (text, "It goes on at the provider"));
  {
    g_autoptr(GdkTexture) texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window),
                                                                   "evaluators-batch-stopped.png");

    g_assert_cmpint (gdk_texture_get_width (texture), ==, 1024);
  }

  /* Opened again, a batch the user stopped waiting for stays stopped. */
  close_page (fixture);
  open_page (fixture);
  g_assert_false (errata_evaluators_page_is_running (fixture->page));
  g_assert_true (gtk_revealer_get_reveal_child (fixture->page->resume_revealer));

  /* Resume goes on as a batch run: it polls, it sends nothing again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "evaluators.resume-run", NULL));
  errata_gui_test_iterate_until_full (shows_waiting, fixture, 120);
  done = end_batch_and_wait (fixture);
  g_assert_cmpint (done->id, ==, stopped->id);
  assert_all_judged_by_one_batch (fixture, done);
  g_assert_false (gtk_revealer_get_reveal_child (fixture->page->resume_revealer));
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* AdwMessageDialog: libadwaita 1.2 is the floor */

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

/* Cancel Batch asks first; kept running, nothing changes; confirmed, the
 * mock cancels the batch with its first half answered: those verdicts are
 * stored, the rest have none, nothing is left at the provider. */
static void
test_cancel_batch (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ErrataRunInfo) cancelled = NULL;
  AdwMessageDialog *dialog;

  start_batch_on_dev (fixture);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->page->cancel_batch_button)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "evaluators.cancel-batch", NULL));
  errata_gui_test_iterate_until_full (dialog_shown, NULL, 30);
  dialog = find_dialog ();
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "cancel-batch"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "already finished are stored"));
  adw_message_dialog_response (dialog, "keep");
  gtk_window_destroy (GTK_WINDOW (dialog));
  errata_gui_test_iterate_for (20);
  g_assert_true (errata_evaluators_page_is_running (fixture->page));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "evaluators.cancel-batch", NULL));
  errata_gui_test_iterate_until_full (dialog_shown, NULL, 30);
  dialog = find_dialog ();
  adw_message_dialog_response (dialog, "cancel-batch");
  gtk_window_destroy (GTK_WINDOW (dialog));
  errata_gui_test_iterate_until_full (run_has_ended, fixture, 120);
  cancelled = latest_run (fixture);
  g_assert_cmpint (cancelled->status, ==, ERRATA_RUN_CANCELLED);
  g_assert_cmpuint (cancelled->total, >=, 2);
  g_assert_cmpuint (count_verdicts (fixture, cancelled->id), ==, cancelled->total / 2);
  g_assert_false (has_live_batches (fixture, cancelled->id));
  g_assert_cmpuint (errata_mock_llm_server_get_path_count (fixture->server,
                                                          "/v1/chat/completions"), ==, 0);
  assert_shows (fixture, "Batch cancelled;");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->page->cancel_batch_button)));
}

G_GNUC_END_IGNORE_DEPRECATIONS

static void
test_partial_and_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ErrataRunInfo) partial = NULL;
  g_autoptr(ErrataRunInfo) refused = NULL;

  /* Two requests come back with an error, one expires. */
  start_batch_on_dev (fixture);
  errata_mock_llm_server_set_batches (fixture->server, 0, 2, 1, 0);
  errata_gui_test_iterate_until_full (run_has_ended, fixture, 120);
  partial = latest_run (fixture);
  g_assert_cmpint (partial->status, ==, ERRATA_RUN_DONE);
  g_assert_cmpuint (partial->n_error, ==, 3);
  g_assert_cmpuint (partial->n_pass, ==, partial->total - 3);
  g_assert_cmpuint (count_verdicts (fixture, partial->id), ==, partial->total);
  {
    g_autofree char *expected = g_strdup_printf ("Batch finished: %u of %u verdicts came back "
                                                 "(1 expired, 2 errors)",
                                                 partial->total - 3, partial->total);

    assert_shows (fixture, expected);
  }

  /* The next batch is refused as a whole: no verdict, the run failed. */
  errata_mock_llm_server_set_batches (fixture->server, 0, 0, 0, 1);
  gtk_check_button_set_active (fixture->page->batch_check, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "evaluators.run-dev",
                                             NULL));
  errata_gui_test_iterate_until_full (run_has_ended, fixture, 120);
  refused = latest_run (fixture);
  g_assert_cmpint (refused->id, !=, partial->id);
  g_assert_cmpint (refused->status, ==, ERRATA_RUN_FAILED);
  g_assert_cmpuint (count_verdicts (fixture, refused->id), ==, 0);
  g_assert_cmpstr (refused->message, !=, "");
  assert_shows (fixture, "The provider refused the batch: ");
  /* Not picked up again by itself: its batch is not at the provider. */
  g_assert_false (errata_evaluators_page_is_running (fixture->page));
  g_assert_true (gtk_revealer_get_reveal_child (fixture->page->resume_revealer));
}

static void
test_option_greyed_out (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *check = GTK_WIDGET (fixture->page->batch_check);

  g_assert_true (gtk_widget_get_sensitive (check));
  g_assert_nonnull (strstr (gtk_label_get_text (fixture->page->batch_hint), "Batch API"));

  errata_evaluators_page_show_evaluator (fixture->page, fixture->check);
  g_assert_false (gtk_widget_get_sensitive (check));
  g_assert_nonnull (strstr (gtk_label_get_text (fixture->page->batch_hint), "Code checks"));

  /* Ollama has no Batch API. */
  g_settings_set_string (fixture->settings, "llm-provider", "ollama");
  errata_evaluators_page_show_evaluator (fixture->page, fixture->judge);
  g_assert_false (gtk_widget_get_sensitive (check));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_nonnull (strstr (gtk_label_get_text (fixture->page->batch_hint),
                            "Ollama has no Batch API"));
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
  g_test_add ("/evaluators-batch/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("waits-then-collects", test_waits_then_collects);
  ADD ("reopened-while-waiting", test_reopened_while_waiting);
  ADD ("stop-waiting-and-resume", test_stop_waiting_and_resume);
  ADD ("cancel-batch", test_cancel_batch);
  ADD ("partial-and-refused", test_partial_and_refused);
  ADD ("option-greyed-out", test_option_greyed_out);
#undef ADD

  return g_test_run ();
}
