/* test-import-dialog.c: the import dialog's setup page under a real
 * display (Xvfb): detection, Enter, the field mapping and its preview.
 *
 * The fixtures are written into a temporary folder by each test. The
 * dialog is driven through its actions (import.start, import.cancel) and
 * its dropdowns, as a user would, and checked through what it shows. The
 * mapping page is rendered to import-mapping.png in the build folder so
 * that a person can look at it; test-import-dialog-run.c has the import
 * itself and its summary.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-gui-test-utils.h"
#include "errata-test-utils.h"
#include "import-dialog-fixture.h"

static void
test_detects_openai (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = NULL;

  write_openai (fixture, "chats.jsonl", 3);
  open_dialog (fixture, (const char * const []) { "chats.jsonl", NULL });

  g_assert_cmpstr (stack_page (fixture), ==, "setup");
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->dialog));
  g_assert_nonnull (strstr (text, "chats.jsonl"));
  g_assert_nonnull (strstr (text, "OpenAI chat"));
  /* A known format needs no mapping, and is ready to import. */
  g_assert_false (gtk_widget_get_mapped (get_named (fixture, "field-input")));
  g_assert_true (gtk_widget_get_sensitive (get_named (fixture, "import-button")));
  /* The preview shows the first records as they will be imported. */
  g_assert_cmpuint (count_rows (get_named (fixture, "preview-list")), ==, 3);
  g_assert_nonnull (strstr (text, "Any two-bedroom flats under 1,500 a month? (1)"));
  g_assert_false (gtk_widget_get_visible (get_named (fixture, "setup-error")));
}

/* Enter imports: once the file is looked at, Import is the default
 * widget and has the focus (not Cancel, where Enter would cancel); on
 * the summary Enter closes. */
static void
test_enter_imports (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWindow *window;
  GtkWidget *focus;

  write_openai (fixture, "chats.jsonl", 3);
  open_dialog (fixture, (const char * const []) { "chats.jsonl", NULL });
  window = GTK_WINDOW (fixture->dialog);

  g_assert_true (gtk_window_get_default_widget (window) == get_named (fixture, "import-button"));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == get_named (fixture, "import-button"));
  g_assert_true (gtk_widget_get_sensitive (focus));

  /* Enter on a focused button activates it, as this does. */
  g_assert_true (gtk_widget_activate (focus));
  errata_gui_test_iterate_until_full (is_done, fixture, 60);
  g_assert_cmpuint (count_traces (fixture), ==, 3);
  g_assert_cmpuint (fixture->n_imported, ==, 1);

  g_assert_true (gtk_window_get_default_widget (window) == get_named (fixture, "close-button"));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == get_named (fixture, "close-button"));
  g_assert_true (gtk_widget_activate (focus));
  /* A button shows itself pressed for a moment before it clicks. */
  errata_gui_test_iterate_until (is_hidden, window);
}

/* A file that needs its fields mapped cannot be imported yet: Import is
 * insensitive, and the focus is not moved there. */
static void
test_enter_waits_for_mapping (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *import_button;

  write_fixture (fixture, "rows.jsonl", "{\"uuid\": \"r-1\", \"blob\": 3}\n");
  open_dialog (fixture, (const char * const []) { "rows.jsonl", NULL });
  import_button = get_named (fixture, "import-button");
  g_assert_false (gtk_widget_get_sensitive (import_button));
  g_assert_false (gtk_root_get_focus (GTK_ROOT (fixture->dialog)) == import_button);
}

static const char mapped_jsonl[] =
  "{\"uuid\": \"r-1\", \"query\": \"Is the flat on Elm Street still available?\", "
  "\"response\": {\"text\": \"Yes. I can book a viewing on Friday at 10:00.\", \"model\": \"m-1\"}, "
  "\"Notes\": \"Agent was on leave on Friday\"}\n"
  "{\"uuid\": \"r-2\", \"query\": \"Two bedrooms, garden, under 1,400 a month\", "
  "\"response\": {\"text\": \"Here are three listings: **12 Oak Lane**, **4 Birch Road** and "
  "**9 Cedar Court**.\", \"model\": \"m-1\"}}\n"
  "{\"uuid\": \"r-3\", \"query\": \"Does 4 Birch Road allow pets?\", \"response\": "
  "{\"text\": \"It does, and it has a heated pool.\", \"model\": \"m-1\"}, "
  "\"Notes\": \"No pool in the listing: hallucinated amenity\"}\n"
  "{\"uuid\": \"r-4\", \"query\": \"Can I speak to a person?\" \"response\": {}}\n"
  "{\"uuid\": \"r-5\", \"response\": {\"text\": \"Thanks for your patience!\", \"model\": \"m-1\"}}\n"
  "{\"uuid\": \"r-6\", \"query\": \"Budget is 2,000\", \"response\": {\"text\": \"Noted.\"}}\n";

static void
test_mapping_preview (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *preview;
  g_autofree char *text = NULL;
  g_autofree char *after = NULL;

  write_fixture (fixture, "listings-export.jsonl", mapped_jsonl);
  open_dialog (fixture, (const char * const []) { "listings-export.jsonl", NULL });

  /* Guessed from the first record's fields, nested ones included. */
  g_assert_true (gtk_widget_get_mapped (get_named (fixture, "field-input")));
  g_assert_cmpstr (selected_field (fixture, "id"), ==, "uuid");
  g_assert_cmpstr (selected_field (fixture, "input"), ==, "query");
  g_assert_cmpstr (selected_field (fixture, "output"), ==, "response.text");
  g_assert_cmpstr (selected_field (fixture, "note"), ==, "Notes");
  g_assert_cmpstr (selected_field (fixture, "messages"), ==, "(none)");
  g_assert_cmpstr (selected_field (fixture, "verdict"), ==, "(none)");
  g_assert_true (gtk_widget_get_sensitive (get_named (fixture, "import-button")));

  /* Five records previewed: three good, a broken line, and one without
   * the mapped input, each with its reason. */
  preview = get_named (fixture, "preview-list");
  g_assert_cmpuint (count_rows (preview), ==, 5);
  text = errata_gui_test_dup_visible_text (preview);
  g_assert_nonnull (strstr (text, "Is the flat on Elm Street still available?"));
  g_assert_nonnull (strstr (text, "Yes. I can book a viewing on Friday at 10:00."));
  g_assert_nonnull (strstr (text, "Record 4 · line 4"));
  g_assert_nonnull (strstr (text, "Skipped: the record has no field `query`"));
  g_assert_null (strstr (text, "Budget is 2,000"));

  /* The whole window: the detected format is told in words. */
  g_free (text);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->dialog));
  g_assert_nonnull (strstr (text, "not a known format"));

  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (fixture->dialog),
                                                      "import-mapping.png", 400));
  scroll_to_end (gtk_widget_get_ancestor (preview, GTK_TYPE_SCROLLED_WINDOW));
  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (fixture->dialog),
                                                      "import-preview.png", 400));

  /* Mapping the output alone: record 5 now imports, record 1 loses its input. */
  select_field (fixture, "input", "(none)");
  after = errata_gui_test_dup_visible_text (preview);
  g_assert_nonnull (strstr (after, "Thanks for your patience!"));
  g_assert_null (strstr (after, "Is the flat on Elm Street still available?"));

  /* Nothing mapped to input, output or messages: nothing to import. */
  select_field (fixture, "output", "(none)");
  g_assert_false (gtk_widget_get_sensitive (get_named (fixture, "import-button")));
  select_field (fixture, "output", "response.text");
  g_assert_true (gtk_widget_get_sensitive (get_named (fixture, "import-button")));
}

static void
test_unreadable_file (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *error_label;

  write_openai (fixture, "good.jsonl", 2);
  /* missing.jsonl is never written. */
  open_dialog (fixture, (const char * const []) { "good.jsonl", "missing.jsonl", NULL });

  error_label = get_named (fixture, "setup-error");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "missing.jsonl"));
  g_assert_false (gtk_widget_get_sensitive (get_named (fixture, "import-button")));
  /* The import action refuses too, not only the button. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.start", NULL);
  g_assert_cmpstr (stack_page (fixture), ==, "setup");
}

/* An OpenAI file next to a mapped one: the mapping (id=uuid) must not
 * touch the OpenAI file's ids, or importing it again would add it twice. */
static void
test_mixed_formats (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char openai[] =
    "{\"conversation_id\": \"conv-1\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, "
    "{\"role\": \"assistant\", \"content\": \"Hello! Looking for a flat?\"}]}\n";
  g_autoptr(ErrataTrace) openai_trace = NULL;
  g_autoptr(ErrataTrace) mapped_trace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  write_fixture (fixture, "chat.jsonl", openai);
  write_fixture (fixture, "listings-export.jsonl", mapped_jsonl);
  open_dialog (fixture, (const char * const []) { "listings-export.jsonl", "chat.jsonl", NULL });
  g_assert_cmpstr (selected_field (fixture, "id"), ==, "uuid");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.start", NULL));
  errata_gui_test_iterate_until_full (is_done, fixture, 60);

  openai_trace = errata_project_find_trace (fixture->project, "chat.jsonl", "conv-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (openai_trace);
  mapped_trace = errata_project_find_trace (fixture->project, "listings-export.jsonl", "r-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (mapped_trace);
  g_assert_cmpstr (errata_trace_get_output (mapped_trace), ==,
                   "Yes. I can book a viewing on Friday at 10:00.");

  /* One summary for both imports, each file with its format. */
  g_assert_cmpuint (fixture->n_imported, ==, 1);
  g_assert_cmpuint (fixture->reported_added, ==, 1 + 4);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->dialog));
  g_assert_nonnull (strstr (text, "OpenAI chat (JSONL)"));
  g_assert_nonnull (strstr (text, "Mapped fields (JSONL)"));
  g_assert_nonnull (strstr (text, "listings-export.jsonl · record 4 · line 4"));
}

static const char transcripts_csv[] =
  "trace_id,user_query,conversation_messages,verdict,note\n"
  "rb-001,Vegan curry for four?,\"USER: Vegan curry for four? | AGENT: Let me search. | "
  "TOOL (search_recipes): {\"\"hits\"\": 2} | AGENT: Try the chickpea curry.\",PASS,\n"
  "rb-002,Something quick with eggs,\"USER: Something quick with eggs | AGENT: An omelette. | "
  "USER: I am allergic to butter | AGENT: Cook it in butter.\",FAIL,"
  "Ignored the butter allergy in the last turn\n";

static void
render_light_and_dark (GtkWidget  *widget,
                       const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_object_unref (errata_gui_test_render_to_png_full (widget, light, 400));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_object_unref (errata_gui_test_render_to_png_full (widget, dark, 400));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* A CSV whose conversation column holds "USER: … | AGENT: …" text: the
 * guess reads it as a transcript, the preview shows every mapped field
 * in the file's column order (verdict and note included), and a mapping
 * that imports nothing disables Import with the reason in words. */
static void
test_transcript_csv (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *preview;
  GtkWidget *blocked;
  g_autofree char *text = NULL;
  const char *verdict, *note, *messages;

  write_fixture (fixture, "transcripts.csv", transcripts_csv);
  open_dialog (fixture, (const char * const []) { "transcripts.csv", NULL });

  g_assert_cmpstr (selected_field (fixture, "id"), ==, "trace_id");
  g_assert_cmpstr (selected_field (fixture, "messages"), ==, "conversation_messages");
  g_assert_cmpstr (selected_field (fixture, "verdict"), ==, "verdict");
  g_assert_cmpstr (selected_field (fixture, "note"), ==, "note");
  g_assert_true (gtk_widget_get_sensitive (get_named (fixture, "import-button")));
  g_assert_false (gtk_widget_get_visible (get_named (fixture, "blocked-label")));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (get_named (fixture, "field-messages"))),
                   ==, "A transcript: “USER: … | AGENT: …”");

  preview = get_named (fixture, "preview-list");
  text = errata_gui_test_dup_visible_text (preview);
  g_assert_nonnull (strstr (text, "4 messages: user, assistant, tool search_recipes, assistant"));
  g_assert_nonnull (strstr (text, "Fail"));
  g_assert_nonnull (strstr (text, "Ignored the butter allergy in the last turn"));
  g_assert_nonnull (strstr (text, "Try the chickpea curry."));
  /* The file's order: conversation_messages, verdict, note. */
  messages = strstr (text, "Messages");
  verdict = strstr (text, "Verdict");
  note = strstr (text, "Note");
  g_assert_nonnull (messages);
  g_assert_true (verdict != NULL && note != NULL);
  g_assert_true (messages < verdict && verdict < note);

  render_light_and_dark (GTK_WIDGET (fixture->dialog), "import-transcript");
  scroll_to_end (gtk_widget_get_ancestor (preview, GTK_TYPE_SCROLLED_WINDOW));
  render_light_and_dark (GTK_WIDGET (fixture->dialog), "import-transcript-preview");

  /* The question column holds no conversation: nothing can be imported,
   * and the dialog says why in words, not at a parser's line and column. */
  select_field (fixture, "messages", "user_query");
  g_assert_false (gtk_widget_get_sensitive (get_named (fixture, "import-button")));
  blocked = get_named (fixture, "blocked-label");
  g_assert_true (gtk_widget_get_visible (blocked));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (blocked)),
                            "None of the first 2 records of transcripts.csv can be imported"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (blocked)),
                            "neither a JSON list of messages nor a transcript"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (blocked)), "“Vegan curry for four?”"));
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (blocked)), "Parse error"));
  render_light_and_dark (GTK_WIDGET (fixture->dialog), "import-transcript-blocked");

  select_field (fixture, "messages", "conversation_messages");
  g_assert_true (gtk_widget_get_sensitive (get_named (fixture, "import-button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.start", NULL));
  errata_gui_test_iterate_until_full (is_done, fixture, 60);
  g_assert_cmpuint (count_traces (fixture), ==, 2);
}

/* A labelled JSONL file (an LLM judge's PASS/FAIL `label` and its
 * `reasoning`): the guess maps them to the verdict and the note, and the
 * preview lists the fields as the file has them (label before reasoning,
 * where the roles' own order would put the note first). */
static void
test_labelled_jsonl (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char labelled[] =
    "{\"id\": \"q-01\", \"user_query\": \"Dinner for two under 30 minutes?\", "
    "\"bot_reply\": \"Garlic shrimp pasta: 20 minutes.\", \"label\": \"PASS\", "
    "\"reasoning\": \"The reply adheres to the time limit.\"}\n"
    "{\"id\": \"q-02\", \"user_query\": \"A nut-free pesto?\", "
    "\"bot_reply\": \"Classic pesto with pine nuts.\", \"label\": \"FAIL\", "
    "\"reasoning\": \"Pine nuts are nuts.\"}\n";
  GtkWidget *preview;
  g_autofree char *text = NULL;
  const char *input, *output, *verdict, *note;

  write_fixture (fixture, "judged.jsonl", labelled);
  open_dialog (fixture, (const char * const []) { "judged.jsonl", NULL });

  g_assert_cmpstr (selected_field (fixture, "input"), ==, "user_query");
  g_assert_cmpstr (selected_field (fixture, "output"), ==, "bot_reply");
  g_assert_cmpstr (selected_field (fixture, "verdict"), ==, "label");
  g_assert_cmpstr (selected_field (fixture, "note"), ==, "reasoning");

  preview = get_named (fixture, "preview-list");
  text = errata_gui_test_dup_visible_text (preview);
  g_assert_nonnull (strstr (text, "Pass"));
  g_assert_nonnull (strstr (text, "Pine nuts are nuts."));
  input = strstr (text, "Input");
  output = strstr (text, "Output");
  verdict = strstr (text, "Verdict");
  note = strstr (text, "Note");
  g_assert_true (input != NULL && output != NULL && verdict != NULL && note != NULL);
  g_assert_true (input < output && output < verdict && verdict < note);

  scroll_to_end (gtk_widget_get_ancestor (preview, GTK_TYPE_SCROLLED_WINDOW));
  render_light_and_dark (GTK_WIDGET (fixture->dialog), "import-labelled");
}

/* A transcript in markers of its own: Import stays off until the
 * markers are given, then the preview reads it. */
static void
test_own_markers (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *preview;
  g_autofree char *text = NULL;

  write_fixture (fixture, "support.csv",
                 "ticket,conversation\n"
                 "s-1,CUSTOMER: my order is late ## BOT: It ships today. ## CUSTOMER: thanks\n");
  open_dialog (fixture, (const char * const []) { "support.csv", NULL });
  g_assert_cmpstr (selected_field (fixture, "messages"), ==, "conversation");
  g_assert_false (gtk_widget_get_sensitive (get_named (fixture, "import-button")));
  g_assert_true (gtk_widget_get_visible (get_named (fixture, "transcript-syntax")));

  gtk_editable_set_text (GTK_EDITABLE (get_named (fixture, "user-markers")), "CUSTOMER");
  gtk_editable_set_text (GTK_EDITABLE (get_named (fixture, "assistant-markers")), "BOT, AGENT");
  gtk_editable_set_text (GTK_EDITABLE (get_named (fixture, "separator")), "##");
  g_assert_true (gtk_widget_get_sensitive (get_named (fixture, "import-button")));
  preview = get_named (fixture, "preview-list");
  text = errata_gui_test_dup_visible_text (preview);
  g_assert_nonnull (strstr (text, "3 messages: user, assistant, user"));
  g_assert_nonnull (strstr (text, "my order is late"));
}

int
main (int   argc,
      char *argv[])
{
  if (!import_dialog_test_init (&argc, &argv))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/import-dialog/detects-openai", test_detects_openai);
  ADD ("/import-dialog/enter-imports", test_enter_imports);
  ADD ("/import-dialog/enter-waits-for-mapping", test_enter_waits_for_mapping);
  ADD ("/import-dialog/mapping-preview", test_mapping_preview);
  ADD ("/import-dialog/unreadable-file", test_unreadable_file);
  ADD ("/import-dialog/mixed-formats", test_mixed_formats);
  ADD ("/import-dialog/transcript-csv", test_transcript_csv);
  ADD ("/import-dialog/labelled-jsonl", test_labelled_jsonl);
  ADD ("/import-dialog/own-markers", test_own_markers);
#undef ADD

  return g_test_run ();
}
