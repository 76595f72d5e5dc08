/* test-suggestions-dialog.c: the Suggested Failure Modes window under a
 * display, against the in-process mock LLM server: accept one (edited),
 * reject one, check the taxonomy and undo; cancel; a refused key.
 * Renders suggestions.png and suggestions-decided.png.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "errata-gui-test-utils.h"
#include "errata-grouping-suggester.h"
#include "errata-llm-error-words.h"
#include "errata-mock-llm-server.h"
#include "errata-remote-consent.h"
#include "errata-remote-consent-dialog.h"
#include "errata-suggestions-dialog.h"
#include "errata-test-utils.h"

#define N_NOTES 6

typedef struct
{
  char                    *dir;
  ErrataProject           *project;
  ErrataTaxonomy          *taxonomy;
  ErrataMockLlmServer     *server;
  ErrataLlmClient         *client;
  GtkWindow               *parent;
  ErrataSuggestionsDialog *dialog;
  gint64                   notes[N_NOTES];
} Fixture;

static const char * const note_texts[N_NOTES] = {
  "Recommended a flat above the stated budget",
  "Quoted a price <b>per month</b> that was per week",
  "Rude reply when the user asked twice",
  "Ignored the budget of 1200 EUR",
  "Budget limit ignored again",
  "Never called the calendar tool",
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(ErrataLlmProvider) provider = NULL;
  g_autofree char *base_url = NULL;

  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->taxonomy = errata_taxonomy_new (fixture->project);
  for (int i = 0; i < N_NOTES; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%d", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, "question", "answer");
      g_autoptr(ErrataAnnotation) annotation = NULL;

      g_assert_true (errata_project_add_trace (fixture->project, trace, NULL, &error));
      annotation = errata_annotation_new (errata_trace_get_id (trace), "Ada");
      annotation->verdict = ERRATA_VERDICT_FAIL;
      g_free (annotation->note);
      annotation->note = g_strdup (note_texts[i]);
      g_assert_true (errata_project_set_annotation (fixture->project, annotation, &error));
      g_usleep (1000);
    }
  cards = errata_taxonomy_list_cards (fixture->taxonomy, -1, &error);
  for (guint i = 0; i < N_NOTES; i++)
    fixture->notes[i] = ((ErrataNoteCard *) cards->pdata[i])->annotation_id;

  fixture->server = errata_mock_llm_server_new (0, &error);
  g_assert_no_error (error);
  base_url = errata_mock_llm_server_dup_base_url (fixture->server, FALSE);
  provider = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI, base_url, "mock-model");
  errata_llm_provider_set_api_key (provider, "sk-dialog-test");
  fixture->client = errata_llm_client_new (provider);

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->parent, 400, 300);
  gtk_window_present (fixture->parent);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  gtk_window_destroy (fixture->parent);
  errata_gui_test_iterate_for (50);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->taxonomy);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
script (Fixture    *fixture,
        const char *reply_json)
{
  g_autofree char *line = g_strdup_printf ("{\"json\": %s}", reply_json);
  g_autoptr(JsonNode) reply = json_from_string (line, NULL);

  g_assert_nonnull (reply);
  errata_mock_llm_server_add_reply (fixture->server, reply);
}

static gboolean
dialog_is_done (gpointer data)
{
  return !errata_suggestions_dialog_is_running (data);
}

static void
open_dialog (Fixture *fixture)
{
  fixture->dialog = errata_suggestions_dialog_new (fixture->parent, fixture->taxonomy,
                                                   fixture->client);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  /* The canvas behind stays usable. */
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (fixture->dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (fixture->dialog)) == fixture->parent);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->dialog);
}

static GPtrArray *
cards (Fixture *fixture)
{
  return errata_gui_test_find_all (GTK_WIDGET (fixture->dialog), ADW_TYPE_PREFERENCES_GROUP);
}

static GtkButton *
card_button (AdwPreferencesGroup *card,
             const char          *label)
{
  GtkButton *button = errata_gui_test_find_button (GTK_WIDGET (card), label);

  g_assert_nonnull (button);
  return button;
}

static AdwEntryRow *
card_entry (AdwPreferencesGroup *card,
            guint                index)
{
  g_autoptr(GPtrArray) entries = errata_gui_test_find_all (GTK_WIDGET (card), ADW_TYPE_ENTRY_ROW);

  return entries->pdata[index];
}

static void
test_accept_and_reject (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) modes = NULL;
  g_autoptr(GPtrArray) in_mode = NULL;
  g_autoptr(GPtrArray) note_rows = NULL;
  g_autoptr(GError) error = NULL;
  ErrataFailureMode *mode;

  script (fixture, "{\"modes\": ["
                   "{\"name\": \"Budget ignored\", \"definition\": \"Recommends a listing above the user's budget\","
                   " \"note_ids\": [\"n1\", \"n4\", \"n5\", \"n77\"]},"
                   "{\"name\": \"Wrong price unit\", \"definition\": \"Quotes a price per the wrong period\","
                   " \"note_ids\": [\"n2\"]},"
                   "{\"name\": \"Rude tone\", \"definition\": \"Impolite or curt wording\","
                   " \"note_ids\": [\"n3\", \"n3\", \"n99\"]}]}");
  open_dialog (fixture);
  errata_gui_test_iterate_until (dialog_is_done, fixture->dialog);

  groups = cards (fixture);
  g_assert_cmpuint (groups->len, ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (card_entry (groups->pdata[0], 0))), ==,
                   "Budget ignored");
  g_assert_cmpstr (errata_suggestions_dialog_get_summary (fixture->dialog), ==,
                   "0 of 3 suggestions accepted; 2 note references the model made up were ignored");
  /* The note with markup in it is shown as typed. */
  note_rows = errata_gui_test_find_all (groups->pdata[1], ADW_TYPE_ACTION_ROW);
  {
    AdwPreferencesRow *row = NULL;

    /* The expander's own header is an action row too: "1 note". */
    for (guint i = 0; i < note_rows->len; i++)
      if (g_strcmp0 (adw_preferences_row_get_title (note_rows->pdata[i]), note_texts[1]) == 0)
        row = note_rows->pdata[i];
    g_assert_nonnull (row);
    g_assert_false (adw_preferences_row_get_use_markup (row));
  }
  g_assert_true (errata_gui_test_shows_label (groups->pdata[1], "1 note"));
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->dialog), "suggestions.png"));

  /* Edit the first one's name, accept it; reject the second. */
  gtk_editable_set_text (GTK_EDITABLE (card_entry (groups->pdata[0], 0)), "  Over budget ");
  g_signal_emit_by_name (card_button (groups->pdata[0], "Accept"), "clicked");
  g_signal_emit_by_name (card_button (groups->pdata[1], "Reject"), "clicked");
  g_assert_true (errata_gui_test_shows_label (groups->pdata[0], "Accepted"));
  g_assert_true (errata_gui_test_shows_label (groups->pdata[1], "Rejected"));
  g_assert_null (errata_gui_test_find_button (groups->pdata[0], "Accept"));
  g_assert_cmpstr (errata_suggestions_dialog_get_summary (fixture->dialog), ==,
                   "1 of 3 suggestions accepted, 1 rejected; 2 note references the model made up were ignored");
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->dialog), "suggestions-decided.png"));

  modes = errata_taxonomy_list_modes (fixture->taxonomy, &error);
  g_assert_cmpuint (modes->len, ==, 1);
  mode = modes->pdata[0];
  g_assert_cmpstr (mode->name, ==, "Over budget");
  g_assert_cmpstr (mode->definition, ==, "Recommends a listing above the user's budget");
  in_mode = errata_taxonomy_list_cards (fixture->taxonomy, mode->id, &error);
  g_assert_cmpuint (in_mode->len, ==, 3);
  g_assert_cmpint (((ErrataNoteCard *) in_mode->pdata[0])->annotation_id, ==, fixture->notes[0]);
  g_assert_cmpint (((ErrataNoteCard *) in_mode->pdata[1])->annotation_id, ==, fixture->notes[3]);
  g_assert_cmpint (((ErrataNoteCard *) in_mode->pdata[2])->annotation_id, ==, fixture->notes[4]);

  /* The canvas's undo takes the accepted suggestion back. */
  g_assert_true (errata_taxonomy_undo (fixture->taxonomy, &error));
  g_clear_pointer (&modes, g_ptr_array_unref);
  modes = errata_taxonomy_list_modes (fixture->taxonomy, &error);
  g_assert_cmpuint (modes->len, ==, 0);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 1);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) remaining = NULL;
  GtkButton *cancel;

  /* The server would answer after ten minutes: the dialog is done long
   * before, so Cancel did not wait for the reply. */
  errata_mock_llm_server_set_latency (fixture->server, 600000);
  open_dialog (fixture);
  g_assert_true (errata_suggestions_dialog_is_running (fixture->dialog));
  cancel = errata_gui_test_find_button (GTK_WIDGET (fixture->dialog), "Cancel");
  g_assert_nonnull (cancel);
  g_signal_emit_by_name (cancel, "clicked");
  errata_gui_test_iterate_until (dialog_is_done, fixture->dialog);
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->dialog), "Cancelled. Nothing was changed."));
  remaining = cards (fixture);
  g_assert_cmpuint (remaining->len, ==, 0);
}

static void
test_refused_key (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) labels = NULL;
  gboolean found = FALSE;

  errata_mock_llm_server_set_api_key (fixture->server, "sk-the-right-one");
  open_dialog (fixture);
  errata_gui_test_iterate_until (dialog_is_done, fixture->dialog);

  labels = errata_gui_test_find_all (GTK_WIDGET (fixture->dialog), GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (labels->pdata[i]);

      if (gtk_widget_is_drawable (labels->pdata[i]) && strstr (text, "refused the API key") != NULL)
        {
          g_assert_null (strstr (text, "sk-dialog-test"));
          found = TRUE;
        }
    }
  g_assert_true (found);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 1);
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->dialog), "suggestions-refused-key.png"));
}

/* Nothing listens any more: the words are those Test Connection gives
 * (errata_llm_error_to_words), and Retry asks again. */
static void
test_unreachable_retry (Fixture       *fixture,
                        gconstpointer  data)
{
  const ErrataLlmProvider *provider = errata_llm_client_get_provider (fixture->client);
  g_autoptr(GError) unreachable = errata_llm_error_new_unreachable (provider->base_url);
  g_autofree char *words = errata_llm_error_to_words (unreachable, provider);
  GtkButton *retry;

  g_clear_object (&fixture->server);
  open_dialog (fixture);
  errata_gui_test_iterate_until (dialog_is_done, fixture->dialog);
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->dialog), words));
  g_assert_nonnull (strstr (words, "nothing is listening there"));
  g_assert_nonnull (strstr (words, "“ollama serve”"));
  retry = errata_gui_test_find_button (GTK_WIDGET (fixture->dialog), "Retry");
  g_assert_nonnull (retry);
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->dialog),
                                                 "suggestions-unreachable.png"));

  g_signal_emit_by_name (retry, "clicked");
  g_assert_true (errata_suggestions_dialog_is_running (fixture->dialog));
  g_assert_null (errata_gui_test_find_button (GTK_WIDGET (fixture->dialog), "Retry"));
  errata_gui_test_iterate_until (dialog_is_done, fixture->dialog);
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->dialog), words));
  g_assert_nonnull (errata_gui_test_find_button (GTK_WIDGET (fixture->dialog), "Retry"));
}

/* OpenAI's API without a key: said before any request. */
static void
test_openai_without_key (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ErrataLlmProvider) provider = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI,
                                                                   ERRATA_LLM_OPENAI_BASE_URL,
                                                                   "gpt-4o-mini");
  g_autoptr(GPtrArray) labels = NULL;
  gboolean found = FALSE;

  g_clear_object (&fixture->client);
  fixture->client = errata_llm_client_new (provider);
  open_dialog (fixture);
  errata_gui_test_iterate_until (dialog_is_done, fixture->dialog);
  labels = errata_gui_test_find_all (GTK_WIDGET (fixture->dialog), GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_is_drawable (labels->pdata[i])
        && g_str_has_prefix (gtk_label_get_text (labels->pdata[i]), "No API key is set.")
        && strstr (gtk_label_get_text (labels->pdata[i]), "OPENAI_API_KEY") != NULL)
      found = TRUE;
  g_assert_true (found);
}

static AdwMessageDialog *
find_consent_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data)
        && adw_message_dialog_has_response (l->data, ERRATA_REMOTE_CONSENT_RESPONSE_ALLOW))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
consent_asked (gpointer data)
{
  return find_consent_dialog () != NULL;
}

static void
answer_consent (const char *label)
{
  AdwMessageDialog *dialog;
  GtkButton *button;

  errata_gui_test_iterate_until (consent_asked, NULL);
  dialog = find_consent_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "6 traces"));
  errata_gui_test_wait_for_frame (GTK_WIDGET (dialog));
  button = errata_gui_test_find_button (GTK_WIDGET (dialog), label);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

/* The same mock behind a URL that is not loopback to Errata (the
 * IPv4-mapped form of 127.0.0.1): the notes go only after Allow, which is
 * asked once; Cancel sends nothing. */
static void
test_remote_consent (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *local = errata_mock_llm_server_dup_base_url (fixture->server, FALSE);
  g_autofree char *remote = g_strdup_printf ("http://[::ffff:127.0.0.1]%s", strrchr (local, ':'));
  g_autoptr(ErrataLlmProvider) provider = errata_llm_provider_new (ERRATA_LLM_KIND_OPENAI, remote,
                                                                   "mock-model");
  g_autoptr(GPtrArray) groups = NULL;
  GtkButton *retry;

  /* No key: the client never sends one over plain http to a host that is
   * not loopback. */
  g_clear_object (&fixture->client);
  fixture->client = errata_llm_client_new (provider);
  script (fixture, "{\"modes\": [{\"name\": \"Budget ignored\", \"definition\": \"Over budget\","
                   " \"note_ids\": [\"n1\", \"n4\"]}]}");
  open_dialog (fixture);
  answer_consent ("Cancel");
  errata_gui_test_iterate_until (dialog_is_done, fixture->dialog);
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->dialog),
                                              "Nothing was sent. Nothing was changed."));
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 0);
  g_assert_false (errata_remote_consent_is_given (fixture->project, remote));

  retry = errata_gui_test_find_button (GTK_WIDGET (fixture->dialog), "Retry");
  g_assert_nonnull (retry);
  g_signal_emit_by_name (retry, "clicked");
  answer_consent ("Allow for This Project");
  errata_gui_test_iterate_until (dialog_is_done, fixture->dialog);
  g_assert_cmpuint (errata_mock_llm_server_get_n_requests (fixture->server), ==, 1);
  g_assert_true (errata_remote_consent_is_given (fixture->project, remote));
  groups = cards (fixture);
  g_assert_cmpuint (groups->len, ==, 1);
}

static void
test_no_display (void)
{
  g_test_skip ("No display: run under xvfb-run");
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/suggestions-dialog/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();

  ADD ("/suggestions-dialog/accept-and-reject", test_accept_and_reject);
  ADD ("/suggestions-dialog/cancel", test_cancel);
  ADD ("/suggestions-dialog/refused-key", test_refused_key);
  ADD ("/suggestions-dialog/unreachable-retry", test_unreachable_retry);
  ADD ("/suggestions-dialog/openai-without-key", test_openai_without_key);
  ADD ("/suggestions-dialog/remote-consent", test_remote_consent);

  return g_test_run ();
}
