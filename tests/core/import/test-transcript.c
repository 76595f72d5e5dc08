/* test-transcript.c: conversations held as text with role markers, and
 * the field map's keys for them.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-field-map.h"
#include "errata-importer.h"
#include "errata-import-sample.h"
#include "errata-transcript.h"

#include <glib/gstdio.h>

static JsonArray *
parse_ok (const ErrataTranscriptSyntax *syntax,
          const char                   *text)
{
  g_autoptr(GError) error = NULL;
  JsonArray *messages = errata_transcript_parse (syntax, text, "`conversation`", &error);

  g_assert_no_error (error);
  g_assert_nonnull (messages);
  return messages;
}

/* "user:hi" for each message: role, name in parentheses, content. */
static char *
summarise (JsonArray *messages)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *message = json_array_get_object_element (messages, i);

      if (i > 0)
        g_string_append (out, " ‖ ");
      g_string_append (out, json_object_get_string_member (message, "role"));
      if (json_object_has_member (message, "name"))
        g_string_append_printf (out, "(%s)", json_object_get_string_member (message, "name"));
      g_string_append_printf (out, ":%s", json_object_get_string_member (message, "content"));
    }
  return g_string_free (out, FALSE);
}

static void
assert_parses_to (const ErrataTranscriptSyntax *syntax,
                  const char                   *text,
                  const char                   *expected)
{
  g_autoptr(JsonArray) messages = parse_ok (syntax, text);
  g_autofree char *summary = summarise (messages);

  g_assert_cmpstr (summary, ==, expected);
}

static void
test_pipes_and_roles (void)
{
  g_autoptr(ErrataTranscriptSyntax) syntax = errata_transcript_syntax_new ();

  assert_parses_to (syntax,
                    "USER: A vegan curry? | AGENT: Let me look. | TOOL (search_recipes): "
                    "{\"hits\": 2} | AGENT: Try the chickpea curry.",
                    "user:A vegan curry? ‖ assistant:Let me look. ‖ tool(search_recipes):"
                    "{\"hits\": 2} ‖ assistant:Try the chickpea curry.");
  assert_parses_to (syntax, "SYSTEM: Be brief.\nUser: hi\nASSISTANT: hello\nTOOL: done",
                    "system:Be brief. ‖ user:hi ‖ assistant:hello ‖ tool:done");
}

/* A marker that no separator precedes is part of the sentence. */
static void
test_marker_inside_text (void)
{
  g_autoptr(ErrataTranscriptSyntax) syntax = errata_transcript_syntax_new ();

  assert_parses_to (syntax, "USER: what does AGENT: mean in a log? | AGENT: It marks my turn.",
                    "user:what does AGENT: mean in a log? ‖ assistant:It marks my turn.");
}

/* A separator that no marker follows is part of the message. */
static void
test_separator_inside_message (void)
{
  g_autoptr(ErrataTranscriptSyntax) syntax = errata_transcript_syntax_new ();

  assert_parses_to (syntax, "USER: salt | pepper | cumin? | AGENT: All three.\nThen stir.",
                    "user:salt | pepper | cumin? ‖ assistant:All three.\nThen stir.");
}

static void
test_empty_turns (void)
{
  g_autoptr(ErrataTranscriptSyntax) syntax = errata_transcript_syntax_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) none = NULL;

  assert_parses_to (syntax, "USER: | AGENT:   | USER: hello? | AGENT: hi",
                    "user:hello? ‖ assistant:hi");
  none = errata_transcript_parse (syntax, "USER: | AGENT:", "`conversation`", &error);
  g_assert_null (none);
  g_assert_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD);
  g_assert_nonnull (strstr (error->message, "`conversation`"));
  g_assert_nonnull (strstr (error->message, "no text"));
}

/* An unknown marker stays text of the turn it is in; a transcript that
 * starts with one is refused with words that say what it starts with. */
static void
test_unknown_markers (void)
{
  g_autoptr(ErrataTranscriptSyntax) syntax = errata_transcript_syntax_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) refused = NULL;

  assert_parses_to (syntax, "USER: hi | CUSTOMER: hello? | AGENT: yes",
                    "user:hi | CUSTOMER: hello? ‖ assistant:yes");
  refused = errata_transcript_parse (syntax, "CUSTOMER: hi | BOT: hello", "`conversation`", &error);
  g_assert_null (refused);
  g_assert_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD);
  g_assert_nonnull (strstr (error->message, "“USER:”"));
  g_assert_nonnull (strstr (error->message, "“CUSTOMER: hi | BOT: hello”"));
  g_assert_false (errata_transcript_looks_like (syntax, "CUSTOMER: hi"));
  g_assert_true (errata_transcript_looks_like (syntax, "  \n USER: hi"));
  /* "USERS:" is not "USER:", nor is a parenthesis that never closes a name. */
  g_assert_false (errata_transcript_looks_like (syntax, "USERS: hi"));
  g_assert_false (errata_transcript_looks_like (syntax, "TOOL (search: hi"));
}

static void
test_settable_markers_and_separator (void)
{
  g_autoptr(ErrataTranscriptSyntax) syntax = errata_transcript_syntax_new ();

  errata_transcript_syntax_set_markers (syntax, ERRATA_TRANSCRIPT_USER,
                                        (const char * const []) { "CUSTOMER:", " Guest ", NULL });
  errata_transcript_syntax_set_markers (syntax, ERRATA_TRANSCRIPT_ASSISTANT,
                                        (const char * const []) { "BOT", NULL });
  errata_transcript_syntax_set_separator (syntax, "##");
  g_assert_false (errata_transcript_syntax_is_default (syntax));
  /* The default markers are gone, and "|" separates nothing now. */
  assert_parses_to (syntax, "CUSTOMER: a | USER: b ## BOT: c##Guest (vip): d",
                    "user:a | USER: b ‖ assistant:c ‖ user(vip):d");
  errata_transcript_syntax_set_markers (syntax, ERRATA_TRANSCRIPT_USER, NULL);
  errata_transcript_syntax_set_markers (syntax, ERRATA_TRANSCRIPT_ASSISTANT, NULL);
  errata_transcript_syntax_set_separator (syntax, NULL);
  g_assert_true (errata_transcript_syntax_is_default (syntax));
}

/* transcript= and the syntax keys survive a round trip through the spec. */
static void
test_field_map_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataFieldMap) map = NULL;
  g_autoptr(ErrataFieldMap) again = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *spec_again = NULL;
  g_autofree char *keys = NULL;
  ErrataTranscriptSyntax *syntax;

  map = errata_field_map_parse ("id=uid, transcript=conversation, verdict=label, "
                                "user-marker=CUSTOMER/USER, separator=\\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_MESSAGES), ==, "conversation");
  g_assert_cmpint (errata_field_map_get_messages_format (map), ==, ERRATA_MESSAGES_TRANSCRIPT);
  syntax = errata_field_map_get_transcript_syntax (map);
  g_assert_cmpstr (errata_transcript_syntax_get_separator (syntax), ==, "\n");
  g_assert_cmpstr (errata_transcript_syntax_get_markers (syntax, ERRATA_TRANSCRIPT_USER)[0], ==,
                   "CUSTOMER");
  spec = errata_field_map_to_string (map);
  g_assert_cmpstr (spec, ==, "id=uid,transcript=conversation,verdict=label,"
                             "user-marker=CUSTOMER/USER,separator=\\n");
  again = errata_field_map_parse (spec, &error);
  g_assert_no_error (error);
  spec_again = errata_field_map_to_string (again);
  g_assert_cmpstr (spec_again, ==, spec);

  /* messages= after transcript= reads JSON or a transcript, as it comes. */
  g_clear_pointer (&again, errata_field_map_unref);
  again = errata_field_map_parse ("transcript=a,messages=b", &error);
  g_assert_cmpint (errata_field_map_get_messages_format (again), ==, ERRATA_MESSAGES_AUTO);

  /* The help lists every key. */
  keys = errata_field_map_describe_keys ();
  for (const char * const *key = (const char * const []) { "id=", "input=", "output=", "messages=",
                                                          "transcript=", "note=", "verdict=",
                                                          "user-marker=", "assistant-marker=",
                                                          "tool-marker=", "system-marker=",
                                                          "separator=", NULL };
       *key != NULL; key++)
    g_assert_nonnull (strstr (keys, *key));
}

static GFile *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

/* A CSV whose conversation column holds a transcript: the guess maps it
 * as one, along with user_query, verdict and note, and the sample's
 * fields are in the file's column order. */
static void
test_sample_guesses_transcript (void)
{
  g_autofree char *dir = g_dir_make_tmp ("errata-transcript-XXXXXX", NULL);
  g_autoptr(GFile) file = write_file (dir, "chats.csv",
                                      "trace_id,user_query,conversation_messages,verdict,note\n"
                                      "t1,Vegan curry?,\"USER: Vegan curry? | AGENT: Searching. | "
                                      "TOOL (search_recipes): 2 hits | AGENT: Chickpea curry.\","
                                      "FAIL,Ignored the nut allergy\n");
  g_autoptr(ErrataImportSample) sample = NULL;
  g_autoptr(ErrataFieldMap) map = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *fields;

  sample = errata_import_sample_load (file, 5, NULL, &error);
  g_assert_no_error (error);
  fields = errata_import_sample_get_fields (sample);
  g_assert_cmpstrv (fields, ((const char * const []) { "trace_id", "user_query",
                                                       "conversation_messages", "verdict",
                                                       "note", NULL }));
  map = errata_import_sample_guess_map (sample);
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_ID), ==, "trace_id");
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_MESSAGES), ==, "conversation_messages");
  g_assert_cmpint (errata_field_map_get_messages_format (map), ==, ERRATA_MESSAGES_TRANSCRIPT);
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_VERDICT), ==, "verdict");
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_NOTE), ==, "note");
  /* The conversation holds the question already: user_query would only
   * repeat it. */
  g_assert_null (errata_field_map_get (map, ERRATA_FIELD_INPUT));

  trace = errata_import_sample_convert (sample, 0, ERRATA_IMPORT_FORMAT_MAPPED, map, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_trace_get_n_messages (trace), ==, 4);
  g_assert_cmpstr (errata_trace_get_input (trace), ==, "Vegan curry?");
  g_assert_cmpstr (errata_trace_get_output (trace), ==, "Chickpea curry.");

  g_remove (g_file_peek_path (file));
  g_rmdir (dir);
}

/* Without a conversation, user_query is the input. */
static void
test_sample_guesses_user_query (void)
{
  g_autofree char *dir = g_dir_make_tmp ("errata-transcript-XXXXXX", NULL);
  g_autoptr(GFile) file = write_file (dir, "labels.jsonl",
                                      "{\"user_query\": \"Soup?\", \"bot_reply\": \"Yes.\", "
                                      "\"label\": \"PASS\", \"reasoning\": \"Adheres.\"}\n");
  g_autoptr(ErrataImportSample) sample = errata_import_sample_load (file, 5, NULL, NULL);
  g_autoptr(ErrataFieldMap) map = errata_import_sample_guess_map (sample);

  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_INPUT), ==, "user_query");
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_OUTPUT), ==, "bot_reply");
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_VERDICT), ==, "label");
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_NOTE), ==, "reasoning");

  g_remove (g_file_peek_path (file));
  g_rmdir (dir);
}

/* A messages field that holds neither JSON nor a transcript is skipped
 * with words, not a parser's line and column. */
static void
test_neither_json_nor_transcript (void)
{
  g_autofree char *dir = g_dir_make_tmp ("errata-transcript-XXXXXX", NULL);
  g_autoptr(GFile) file = write_file (dir, "odd.csv",
                                      "id,conversation\n"
                                      "1,Customer said hi and the bot answered\n"
                                      "2,\"[{\"\"role\"\": \"\"user\"\"\"\n");
  g_autoptr(ErrataImportSample) sample = errata_import_sample_load (file, 5, NULL, NULL);
  g_autoptr(ErrataFieldMap) map = errata_field_map_parse ("id=id,messages=conversation", NULL);
  g_autoptr(ErrataTrace) first = NULL;
  g_autoptr(ErrataTrace) second = NULL;
  g_autoptr(GError) error = NULL;

  first = errata_import_sample_convert (sample, 0, ERRATA_IMPORT_FORMAT_MAPPED, map, &error);
  g_assert_null (first);
  g_assert_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD);
  g_assert_nonnull (strstr (error->message, "neither a JSON list of messages nor a transcript"));
  g_assert_nonnull (strstr (error->message, "“Customer said hi"));
  g_clear_error (&error);

  second = errata_import_sample_convert (sample, 1, ERRATA_IMPORT_FORMAT_MAPPED, map, &error);
  g_assert_null (second);
  g_assert_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_BAD_RECORD);
  g_assert_nonnull (strstr (error->message, "not valid JSON"));
  /* json-glib's "<data>:1:20: Parse error: …" */
  g_assert_null (strstr (error->message, "Parse error"));
  g_assert_null (strstr (error->message, ":1:"));

  g_remove (g_file_peek_path (file));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/transcript/pipes-and-roles", test_pipes_and_roles);
  g_test_add_func ("/transcript/marker-inside-text", test_marker_inside_text);
  g_test_add_func ("/transcript/separator-inside-message", test_separator_inside_message);
  g_test_add_func ("/transcript/empty-turns", test_empty_turns);
  g_test_add_func ("/transcript/unknown-markers", test_unknown_markers);
  g_test_add_func ("/transcript/settable", test_settable_markers_and_separator);
  g_test_add_func ("/transcript/field-map-keys", test_field_map_keys);
  g_test_add_func ("/transcript/sample/guesses-transcript", test_sample_guesses_transcript);
  g_test_add_func ("/transcript/sample/guesses-user-query", test_sample_guesses_user_query);
  g_test_add_func ("/transcript/sample/neither", test_neither_json_nor_transcript);

  return g_test_run ();
}
