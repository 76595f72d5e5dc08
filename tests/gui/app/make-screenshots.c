/* make-screenshots.c: renders every page of the demo project at 1280×800
 * in light mode, for data/screenshots/ (the metainfo's screenshots) and
 * help/C/figures/ (the help's figures).
 *
 * Not part of the test suite: it is run by hand, under a display, with
 * `ninja -C BUILD screenshots`, which writes the PNG files to
 * BUILD/screenshots/ (G_TEST_BUILDDIR); copy the ones that changed into
 * data/screenshots/ after looking at them (data/screenshots/README.md).
 *
 * It plays the method on a copy of the demo project, through the same
 * core functions the pages call: the demo reviewer's twelve reviews,
 * which came in with its file as imported labels, taken as made here by
 * that reviewer (the window's reviewer), so that the pages and the report
 * count them as reviews; their notes grouped into failure modes as a
 * reviewer would group them, an LLM judge of the overall
 * verdict run on the dev split, and an experiment that runs the demo's
 * synthetic queries through two versions of the assistant and compares
 * them. No language model and no assistant can be reached here, so both
 * are stand-ins served on this machine: the judge (serve_judge) fails a
 * trace whose tool results say an agent is not available or whose reply
 * quotes a rent over the renter's budget, and passes the rest; the
 * assistant (serve_assistant) answers a search with a listing over budget
 * in version 1, and within it in version 2. Their answers are what they
 * are: every number shown is computed from them by Errata, not drawn.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>

#include "errata-application.h"
#include "errata-demo.h"
#include "errata-eval-runs.h"
#include "errata-evaluators.h"
#include "errata-evaluators-page.h"
#include "errata-experiment.h"
#include "errata-experiments-page.h"
#include "errata-gui-test-utils.h"
#include "errata-taxonomy.h"
#include "errata-test-utils.h"
#include "errata-window.h"

#include <string.h>

#define WIDTH  1280
#define HEIGHT 800

static ErrataApplication *app;

/* ---- the stand-in model for the judge ---------------------------------- */

/* Every text of the request's messages, one after the other. */
static char *
request_text (JsonObject *request)
{
  JsonArray *messages = json_object_get_array_member (request, "messages");
  GString *text = g_string_new (NULL);

  for (guint i = 0; messages != NULL && i < json_array_get_length (messages); i++)
    {
      JsonObject *message = json_array_get_object_element (messages, i);
      const char *content = json_object_get_string_member_with_default (message, "content", NULL);

      if (content != NULL)
        g_string_append (text, content);
    }
  return g_string_free (text, FALSE);
}

static const char *
judge_text (const char *text,
            const char **reasoning)
{
  if (strstr (text, "\"available\": false") != NULL)
    {
      *reasoning = "A tool result says the agent is not available; the reply goes on to "
                   "offer a viewing.";
      return "fail";
    }
  if (strstr (text, "$2,340") != NULL || strstr (text, "$1,990") != NULL)
    {
      *reasoning = "The reply quotes a rent that is above the budget or not the listing's.";
      return "fail";
    }
  *reasoning = "The reply follows the tool results and the renter's request.";
  return "pass";
}

/* The request's JSON object, or NULL after answering `failure`. */
static JsonObject *
read_request (SoupServerMessage *message,
              JsonParser        *parser,
              guint              failure)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      soup_server_message_set_status (message, failure, NULL);
      return NULL;
    }
  return json_node_get_object (json_parser_get_root (parser));
}

static void
add_message (JsonBuilder *reply,
             const char  *role,
             const char  *content)
{
  json_builder_begin_object (reply);
  json_builder_set_member_name (reply, "role");
  json_builder_add_string_value (reply, role);
  json_builder_set_member_name (reply, "content");
  json_builder_add_string_value (reply, content);
  json_builder_end_object (reply);
}

static void
send_reply (SoupServerMessage *message,
            JsonBuilder       *reply)
{
  g_autoptr(JsonNode) root = json_builder_get_root (reply);
  char *out = json_to_string (root, FALSE);

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE, out,
                                    strlen (out));
}

static void
serve_judge (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonBuilder) reply = json_builder_new ();
  g_autofree char *text = NULL;
  g_autofree char *content = NULL;
  const char *reasoning = NULL;
  const char *verdict;
  JsonObject *request;

  if (!g_str_has_suffix (path, "/chat/completions"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  request = read_request (message, parser, SOUP_STATUS_NOT_FOUND);
  if (request == NULL)
    return;
  text = request_text (request);
  verdict = judge_text (text, &reasoning);
  content = g_strdup_printf ("{\"reasoning\": \"%s\", \"verdict\": \"%s\"}", reasoning, verdict);

  json_builder_begin_object (reply);
  json_builder_set_member_name (reply, "id");
  json_builder_add_string_value (reply, "stand-in");
  json_builder_set_member_name (reply, "object");
  json_builder_add_string_value (reply, "chat.completion");
  json_builder_set_member_name (reply, "model");
  json_builder_add_string_value (reply, "stand-in-judge");
  json_builder_set_member_name (reply, "choices");
  json_builder_begin_array (reply);
  json_builder_begin_object (reply);
  json_builder_set_member_name (reply, "index");
  json_builder_add_int_value (reply, 0);
  json_builder_set_member_name (reply, "finish_reason");
  json_builder_add_string_value (reply, "stop");
  json_builder_set_member_name (reply, "message");
  add_message (reply, "assistant", content);
  json_builder_end_object (reply);
  json_builder_end_array (reply);
  json_builder_set_member_name (reply, "usage");
  json_builder_begin_object (reply);
  json_builder_set_member_name (reply, "prompt_tokens");
  json_builder_add_int_value (reply, (gint64) strlen (text) / 4);
  json_builder_set_member_name (reply, "completion_tokens");
  json_builder_add_int_value (reply, 40);
  json_builder_end_object (reply);
  json_builder_end_object (reply);
  send_reply (message, reply);
}

/* A search ("looking for…", "do you have…") gets a listing over the
 * renter's budget from version 1, the bug version 2 fixes. */
static const char *
assistant_answer (const char *query,
                  const char *version)
{
  g_autofree char *lower = g_utf8_strdown (query, -1);
  gboolean search = strstr (lower, "looking") != NULL || strstr (lower, "do you have") != NULL
                    || strstr (lower, "need somewhere") != NULL;

  if (search && g_strcmp0 (version, "v1") == 0)
    return "I recommend 19 Juniper Terrace at $2,340 a month, a bright two-bedroom flat near "
           "the station. Shall I book a viewing?";
  if (search)
    return "I searched the current listings within your budget: 7 Canal Row at $1,850 a month "
           "fits. Shall I check when the agent can show it?";
  return "Thank you for asking. I checked the listing and the agent's availability: Priya can "
         "show it on Saturday at 10:00 or 11:30. Which suits you?";
}

static void
serve_assistant (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonBuilder) reply = json_builder_new ();
  JsonObject *request = read_request (message, parser, SOUP_STATUS_BAD_REQUEST);
  const char *question, *answer;

  if (request == NULL)
    return;
  question = json_object_get_string_member_with_default (request, "query", "");
  answer = assistant_answer (question,
                             json_object_get_string_member_with_default (request, "version", ""));
  json_builder_begin_object (reply);
  json_builder_set_member_name (reply, "answer");
  json_builder_add_string_value (reply, answer);
  json_builder_set_member_name (reply, "messages");
  json_builder_begin_array (reply);
  add_message (reply, "user", question);
  add_message (reply, "assistant", answer);
  json_builder_end_array (reply);
  json_builder_end_object (reply);
  send_reply (message, reply);
}

/* The judge's model at BASE/v1, the assistant at BASE/hearth. */
static SoupServer *
start_stand_ins (char **base_url)
{
  g_autoptr(GError) error = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);
  GSList *uris;

  soup_server_add_handler (server, "/v1", serve_judge, NULL, NULL);
  soup_server_add_handler (server, "/hearth", serve_assistant, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

/* ---- the demo, taken through the method -------------------------------- */

#define REVIEWER "Demo reviewer"

/* How a reviewer groups the demo's notes (by the trace they are on). */
static const struct
{
  const char *external_id;
  const char *mode;
  const char *definition;
} groups[] = {
  { "hh-006", "Invented listing details", "States an amenity, a rent or a date the listing does not have" },
  { "hh-051", "Invented listing details", NULL },
  { "hh-055", "Invented listing details", NULL },
  { "hh-035", "Viewing offered when the agent is away", "Proposes a time the availability tool said is taken" },
  { "hh-008", "Ignored a request for a person", "Goes on instead of handing off when asked for a human" },
  { "hh-044", "Over the renter’s budget", "Recommends a listing above the budget the renter gave" },
  { "hh-048", "Wrong date", "Turns “this Thursday” or a weekday into the wrong date" },
  { "hh-054", "Asked again for details given", "Asks for something the renter already said" },
};

static guint
group_of (const char *external_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_strcmp0 (groups[i].external_id, external_id) == 0)
      return i;
  return G_MAXUINT;
}

/* The demo's labels are its reviewer's: here they are that reviewer's
 * reviews, made in Errata. */
static void
take_reviews_as_made_here (ErrataProject *project,
                           GPtrArray     *cards)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < cards->len; i++)
    {
      ErrataNoteCard *card = cards->pdata[i];
      g_autoptr(ErrataAnnotation) annotation = errata_project_get_annotation (project, card->trace_id,
                                                                              card->annotator, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (annotation->annotator, ==, REVIEWER);
      annotation->origin = ERRATA_ORIGIN_HERE;
      g_assert_true (errata_project_set_annotation (project, annotation, &error));
      g_assert_no_error (error);
    }
}

static void
group_notes (ErrataProject *project)
{
  g_autoptr(ErrataTaxonomy) taxonomy = errata_taxonomy_new (project);
  g_autoptr(GHashTable) modes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;

  cards = errata_taxonomy_list_cards (taxonomy, -1, &error);
  g_assert_no_error (error);
  take_reviews_as_made_here (project, cards);
  for (guint i = 0; i < cards->len; i++)
    {
      ErrataNoteCard *card = cards->pdata[i];
      guint group = group_of (card->external_id);
      const char *mode;
      gpointer mode_id;

      if (group == G_MAXUINT)
        continue;
      mode = groups[group].mode;
      if (g_hash_table_lookup_extended (modes, mode, NULL, &mode_id))
        errata_taxonomy_move_cards (taxonomy, &card->annotation_id, 1, ERRATA_UNSORTED,
                                    GPOINTER_TO_SIZE (mode_id), FALSE, &error);
      else
        g_hash_table_insert (modes, (gpointer) mode,
                             GSIZE_TO_POINTER (errata_taxonomy_create_mode (taxonomy, mode,
                                                                            groups[group].definition,
                                                                            &card->annotation_id,
                                                                            1, ERRATA_UNSORTED,
                                                                            &error)));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (g_hash_table_size (modes), ==, 6);
}

static const char judge_prompt[] =
  "You review a conversation between Hearth, a lettings assistant, and a renter.\n"
  "Fail it when a reply contradicts a tool result (an amenity, a rent, an agent's "
  "availability) or ignores what the renter asked; pass it otherwise.\n\n"
  "{{examples}}\n\nThe conversation:\n{{conversation}}\n";

static gint64
add_judge (ErrataProject *project)
{
  g_autoptr(JsonObject) definition = json_object_new ();
  g_autoptr(ErrataEvaluator) judge = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (definition, "prompt", judge_prompt);
  json_object_set_int_member (definition, "concurrency", 4);
  judge = errata_evaluators_create (project, "Hearth follows its tools", ERRATA_TARGET_OVERALL,
                                    "judge", definition, NULL, &error);
  g_assert_no_error (error);
  /* Finalized, so that the experiment scores its replies with it. */
  versions = errata_evaluators_list_versions (project, judge->id, &error);
  g_assert_no_error (error);
  g_assert_true (errata_evaluators_finalize (project,
                                             ((ErrataEvaluatorVersion *) versions->pdata[0])->id,
                                             &error));
  g_assert_no_error (error);
  return judge->id;
}

static JsonObject *
assistant_target (const char *base_url,
                  const char *version)
{
  g_autofree char *url = g_strdup_printf ("%s/hearth", base_url);
  g_autofree char *json = g_strdup_printf ("{\"kind\": \"http\", \"url\": \"%s\", \"concurrency\": 2,"
                                           " \"body\": {\"query\": \"{{query}}\", \"version\": \"%s\"},"
                                           " \"reply_pointer\": \"/answer\","
                                           " \"messages_pointer\": \"/messages\"}",
                                           url, version);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The accepted synthetic queries, three replies each, through v1 and
 * v2 (a clone of v1 that changes the body). */
static void
add_experiment (ErrataProject *project,
                const char    *base_url,
                gint64        *v1_id,
                gint64        *v2_id)
{
  g_autoptr(ErrataExperiment) experiment = NULL;
  g_autoptr(ErrataExperimentVariant) v1 = NULL;
  g_autoptr(ErrataExperimentVariant) v2 = NULL;
  g_autoptr(JsonObject) v1_target = assistant_target (base_url, "v1");
  g_autoptr(JsonObject) v2_target = assistant_target (base_url, "v2");
  g_autoptr(GError) error = NULL;

  experiment = errata_experiment_create (project, "Budget fix", "synthetic", 3, &error);
  g_assert_no_error (error);
  v1 = errata_experiment_variant_create (project, experiment->id, "v1", v1_target, NULL, &error);
  g_assert_no_error (error);
  json_object_remove_member (v2_target, "url");
  v2 = errata_experiment_variant_create (project, experiment->id, "v2", v2_target, "v1", &error);
  g_assert_no_error (error);
  *v1_id = v1->id;
  *v2_id = v2->id;
}

static GFile *
copy_demo (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) shipped = errata_demo_get_shipped (&error);
  g_autofree char *path = g_build_filename (dir, "Hearthstone demo.errata", NULL);
  GFile *copy = g_file_new_for_path (path);

  g_assert_no_error (error);
  g_assert_true (g_file_copy (shipped, copy, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return copy;
}

/* ---- the window -------------------------------------------------------- */

static gboolean
window_is_idle (gpointer data)
{
  return !errata_window_is_loading (data);
}

/* The render holds the window's frame too (its border, its shadow's
 * margin where there is one): the default size is made larger by as
 * much, so that the image is WIDTH × HEIGHT. */
static void
fit_window (GtkWidget *window)
{
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  errata_gui_test_wait_for_frame (window);
  texture = errata_gui_test_render (window);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  /* A mapped window keeps its size: hide it, and show it again. */
  gtk_widget_hide (window);
  gtk_window_set_default_size (GTK_WINDOW (window),
                               width + WIDTH - gdk_texture_get_width (texture),
                               height + HEIGHT - gdk_texture_get_height (texture));
  gtk_window_present (GTK_WINDOW (window));
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, window);
  errata_gui_test_wait_for_frame (window);
}

/* A toast ("Run finished…") would hide part of the page: wait until it
 * has timed out. */
static gboolean
shows_no_toast (gpointer data)
{
  GType toast = g_type_from_name ("AdwToastWidget");

  return toast == 0 || errata_gui_test_count_visible (data, toast) == 0;
}

static void
shoot (GtkWidget  *window,
       const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;

  errata_gui_test_iterate_until (shows_no_toast, window);
  errata_gui_test_wait_for_frame (window);
  texture = errata_gui_test_render_to_png_full (window, name, 1500);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, WIDTH);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, HEIGHT);
  g_print ("%s\n", name);
}

static void
show_page (ErrataWindow *window,
           const char   *page)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page);
  errata_gui_test_iterate_until (window_is_idle, window);
}

/* The page as it opens: PAGE.png, or `png` where the file has another name. */
static void
shoot_page (ErrataWindow *window,
            const char   *page,
            const char   *png)
{
  g_autofree char *name = png != NULL ? g_strdup (png) : g_strconcat (page, ".png", NULL);

  show_page (window, page);
  shoot (GTK_WIDGET (window), name);
}

static gboolean
evaluator_run_done (gpointer data)
{
  return !errata_evaluators_page_is_running (data);
}

/* The evaluator's Alignment tab: its stack is the one with that child. */
static void
show_tab (GtkWidget  *page,
          const char *name)
{
  g_autoptr(GPtrArray) stacks = errata_gui_test_find_all (page, GTK_TYPE_STACK);

  for (guint i = 0; i < stacks->len; i++)
    if (gtk_stack_get_child_by_name (stacks->pdata[i], name) != NULL)
      {
        gtk_stack_set_visible_child_name (stacks->pdata[i], name);
        return;
      }
  g_assert_not_reached ();
}

static gboolean
experiment_run_done (gpointer data)
{
  return !errata_experiments_page_is_running (data);
}

static void
run_variant (GtkWidget *page,
             gint64     variant_id)
{
  gtk_widget_activate_action (page, "experiments.run", "x", variant_id);
  errata_gui_test_iterate_until_full (experiment_run_done, page, 300);
}

static gboolean
shows_comparison (gpointer data)
{
  return errata_gui_test_shows_label (data, "▲ significantly better");
}

/* The welcome page, before any project. */
static void
shoot_welcome (void)
{
  ErrataWindow *welcome = errata_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (welcome), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (welcome));
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, welcome);
  fit_window (GTK_WIDGET (welcome));
  shoot (GTK_WIDGET (welcome), "welcome.png");
  gtk_window_destroy (GTK_WINDOW (welcome));
}

/* The demo with its notes grouped, a finalized judge and an experiment. */
static void
prepare_demo (GFile      *file,
              const char *base_url,
              gint64     *judge,
              gint64     *v1_id,
              gint64     *v2_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);

  g_assert_no_error (error);
  group_notes (project);
  *judge = add_judge (project);
  add_experiment (project, base_url, v1_id, v2_id);
  errata_project_close (project);
}

static ErrataWindow *
open_demo (GFile *file)
{
  ErrataWindow *window;

  errata_application_open_file (app, file);
  window = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  errata_gui_test_iterate_until (window_is_idle, window);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, window);
  fit_window (GTK_WIDGET (window));
  return window;
}

/* Traces, on a trace the demo's reviewer failed: over the budget. */
static void
shoot_traces (ErrataWindow  *window,
              ErrataProject *project)
{
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  trace = errata_project_lookup_trace (project, "hh-044", &error);
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-trace", "x",
                              errata_trace_get_id (trace));
  errata_gui_test_iterate_until (window_is_idle, window);
  shoot (GTK_WIDGET (window), "traces.png");
}

/* The judge run on dev: its alignment with the demo's labels. */
static void
shoot_evaluators (ErrataWindow  *window,
                  ErrataProject *project,
                  GtkWidget     *page,
                  gint64         judge)
{
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  show_page (window, "evaluators");
  errata_evaluators_page_show_evaluator (ERRATA_EVALUATORS_PAGE (page), judge);
  g_assert_true (gtk_widget_activate_action (page, "evaluators.run-dev", NULL));
  errata_gui_test_iterate_until_full (evaluator_run_done, page, 120);
  runs = errata_eval_runs_list (project, judge, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpint (((ErrataRunInfo *) runs->pdata[0])->status, ==, ERRATA_RUN_DONE);
  show_tab (page, "alignment");
  shoot (GTK_WIDGET (window), "evaluators.png");
}

/* Both variants run, then compared: the Report shows the comparison. */
static void
shoot_experiments (ErrataWindow *window,
                   gint64        v1_id,
                   gint64        v2_id)
{
  GtkWidget *experiments;

  show_page (window, "experiments");
  experiments = errata_gui_test_find_first (GTK_WIDGET (window), ERRATA_TYPE_EXPERIMENTS_PAGE);
  run_variant (experiments, v1_id);
  run_variant (experiments, v2_id);
  gtk_widget_activate_action (experiments, "experiments.compare", NULL);
  errata_gui_test_iterate_until (shows_comparison, experiments);
  shoot (GTK_WIDGET (window), "experiments.png");
}

static void
test_screenshots (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) file = copy_demo (dir);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(ErrataWorkspace) workspace = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *judge_url = NULL;
  gint64 judge, v1_id, v2_id;
  ErrataWindow *window;
  GtkWidget *evaluators;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  server = start_stand_ins (&base_url);
  g_settings_set_string (settings, "llm-provider", "custom");
  judge_url = g_strdup_printf ("%s/v1", base_url);
  g_settings_set_string (settings, "llm-base-url", judge_url);
  g_settings_set_string (settings, "llm-model", "stand-in-judge");
  g_settings_set_string (settings, "annotator-name", REVIEWER);

  shoot_welcome ();
  prepare_demo (file, base_url, &judge, &v1_id, &v2_id);
  window = open_demo (file);
  evaluators = errata_gui_test_find_first (GTK_WIDGET (window), ERRATA_TYPE_EVALUATORS_PAGE);
  g_object_get (evaluators, "workspace", &workspace, NULL);

  shoot_traces (window, errata_workspace_get_project (workspace));
  shoot_page (window, "failure-modes", NULL);
  shoot_evaluators (window, errata_workspace_get_project (workspace), evaluators, judge);
  shoot_page (window, "synth", "synthetic-data.png");
  shoot_experiments (window, v1_id, v2_id);
  shoot_page (window, "report", NULL);

  g_clear_object (&workspace);
  gtk_window_destroy (GTK_WINDOW (window));
  errata_gui_test_iterate_for (50);
  errata_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("make-screenshots: no display; run it under xvfb-run\n");
      return 1;
    }
  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/screenshots/every-page", test_screenshots);
  return g_test_run ();
}
