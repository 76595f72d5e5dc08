/* test-trace-view.c: the trace view, its Markdown, JSON and metadata.
 *
 * Display tests (Xvfb in CI). Besides the assertions, the view is
 * rendered to PNG files in the build folder (trace-view.png,
 * trace-view-dark.png, trace-view-metadata.png, trace-view-raw.png, and
 * trace-view-shared.png when the shared sample data is present) so that a
 * person can look at it.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "errata-json-view.h"
#include "errata-markdown.h"
#include "errata-message-row.h"
#include "errata-metadata-view.h"
#include "errata-gui-test-utils.h"
#include "errata-test-utils.h"
#include "errata-trace-view.h"

/* Fixtures ------------------------------------------------------------ */

static JsonArray *
parse_array (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static ErrataTrace *
new_trace (const char *external_id,
           const char *messages_json)
{
  ErrataTrace *trace = errata_trace_new ();
  g_autoptr(JsonArray) messages = parse_array (messages_json);

  errata_trace_set_external_id (trace, external_id);
  errata_trace_set_source (trace, "test");
  errata_trace_set_messages (trace, messages);
  return trace;
}

/* A fictional real-estate assistant, written for these tests. */
static const char *showing_messages =
  "["
  "{\"role\": \"system\", \"content\": \"You are **Casa**, the assistant of Northgate Realty.\\n\\n"
  "- Always check an agent's availability before proposing a viewing.\\n"
  "- Never suggest a property above the client's budget.\"},"
  "{\"role\": \"user\", \"content\": \"Hi! I'm looking for a 2-bedroom flat near Riverside Park, "
  "budget **$450k**. Could I see something on Saturday?\"},"
  "{\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": ["
  "{\"id\": \"call_search\", \"name\": \"search_listings\", "
  "\"arguments\": \"{\\\"area\\\": \\\"Riverside Park\\\", \\\"bedrooms\\\": 2, \\\"max_price\\\": 450000}\"}]},"
  "{\"role\": \"tool\", \"tool_call_id\": \"call_search\", \"content\": "
  "\"{\\\"results\\\": [{\\\"id\\\": \\\"RP-204\\\", \\\"price\\\": 439000, \\\"bedrooms\\\": 2, "
  "\\\"address\\\": \\\"14 Willow Lane\\\"}, {\\\"id\\\": \\\"RP-311\\\", \\\"price\\\": 445000, "
  "\\\"bedrooms\\\": 2, \\\"address\\\": \\\"3 Quay Street\\\"}]}\"},"
  "{\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": ["
  "{\"id\": \"call_agent\", \"name\": \"check_agent_availability\", "
  "\"arguments\": \"{\\\"listing_id\\\": \\\"RP-204\\\", \\\"date\\\": \\\"2026-05-16\\\"}\"}]},"
  "{\"role\": \"tool\", \"tool_call_id\": \"call_agent\", \"content\": "
  "\"{\\\"available\\\": false, \\\"next_free_slot\\\": \\\"2026-05-18T10:00\\\"}\"},"
  "{\"role\": \"assistant\", \"content\": \"## Two flats match\\n\\n"
  "Both are within your **$450k** budget:\\n\\n"
  "| Listing | Address | Price |\\n|---|---|--:|\\n"
  "| RP-204 | 14 Willow Lane | $439,000 |\\n| RP-311 | 3 Quay Street | $445,000 |\\n\\n"
  "1. **14 Willow Lane**: south-facing, *recently renovated*\\n"
  "   - 5 minutes from the park\\n"
  "2. **3 Quay Street**: river view, `parking included`\\n\\n"
  "I've booked you a viewing at Willow Lane on **Saturday at 11:00**. "
  "Details are on [our site](https://northgate.example/rp-204).\"},"
  "{\"role\": \"user\", \"content\": \"Great, see you then.\"}"
  "]";

static ErrataTrace *
new_showing_trace (void)
{
  ErrataTrace *trace = new_trace ("showing-0042", showing_messages);
  JsonObject *metadata = errata_trace_get_metadata (trace);
  g_autoptr(JsonArray) tags = parse_array ("[\"viewing\", \"budget\"]");
  g_autoptr(JsonArray) tools = parse_array (
    "[{\"type\": \"function\", \"function\": {\"name\": \"search_listings\", "
    "\"description\": \"Search the listings by area, size and price.\"}},"
    "{\"type\": \"function\", \"function\": {\"name\": \"check_agent_availability\", "
    "\"description\": \"Whether the listing agent is free on a date.\"}}]");

  json_object_set_string_member (metadata, "channel", "web chat");
  json_object_set_array_member (metadata, "tags", json_array_ref (tags));
  errata_trace_set_tools (trace, tools);
  errata_trace_set_latency_ms (trace, 4210);
  errata_trace_set_tokens_in (trace, 1812);
  errata_trace_set_tokens_out (trace, 264);
  return trace;
}

/* Main loop helpers --------------------------------------------------- */

static gboolean
view_is_loaded (gpointer view)
{
  return !errata_trace_view_get_loading (view);
}

static void
iterate_until_loaded (ErrataTraceView *view)
{
  errata_gui_test_iterate_until_full (view_is_loaded, view, 30);
}

static GtkWindow *
new_window (ErrataTraceView **out_view,
            int               width,
            int               height)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = errata_trace_view_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, view);
  *out_view = ERRATA_TRACE_VIEW (view);
  return GTK_WINDOW (window);
}

/* Any label under `root` has `text`, shown or not. */
static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  g_autoptr(GPtrArray) labels = errata_gui_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      return TRUE;
  return FALSE;
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Markdown ------------------------------------------------------------ */

/* The tag @name covers exactly @text (its first occurrence). */
static void
assert_tag_on (GtkTextBuffer *buffer,
               const char    *name,
               const char    *text)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GtkTextIter start, match_start, match_end;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, text, 0, &match_start, &match_end, NULL));
  g_assert_true (gtk_text_iter_has_tag (&match_start, tag));
  gtk_text_iter_backward_char (&match_end);
  g_assert_true (gtk_text_iter_has_tag (&match_end, tag));
}

static gboolean
has_tag_at (GtkTextBuffer *buffer,
            const char    *name,
            const char    *text)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, text, 0, &match_start, &match_end, NULL));
  return gtk_text_iter_has_tag (&match_start, tag);
}

static void
test_markdown_spans (void)
{
  g_autoptr(GtkTextTagTable) tags = errata_markdown_new_tag_table ();
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (tags);
  g_autofree char *text = NULL;
  g_autofree char *h1 = errata_markdown_dup_heading_tag (1);

  errata_markdown_render (buffer,
                          "# Two flats\n\nSome **bold words** and *leaning* text with `a_code(1)`, "
                          "~~gone~~ &amp; [a link](https://example.org/x).\n", -1);
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==,
                   "Two flats\nSome bold words and leaning text with a_code(1), gone & a link.");
  assert_tag_on (buffer, h1, "Two flats");
  g_assert_false (has_tag_at (buffer, h1, "Some"));
  assert_tag_on (buffer, ERRATA_MARKDOWN_TAG_STRONG, "bold words");
  g_assert_false (has_tag_at (buffer, ERRATA_MARKDOWN_TAG_STRONG, " and"));
  assert_tag_on (buffer, ERRATA_MARKDOWN_TAG_EMPHASIS, "leaning");
  assert_tag_on (buffer, ERRATA_MARKDOWN_TAG_CODE, "a_code(1)");
  assert_tag_on (buffer, ERRATA_MARKDOWN_TAG_STRIKE, "gone");
  assert_tag_on (buffer, ERRATA_MARKDOWN_TAG_LINK, "a link");
  {
    GtkTextIter start, match, end;

    gtk_text_buffer_get_start_iter (buffer, &start);
    g_assert_true (gtk_text_iter_forward_search (&start, "a link", 0, &match, &end, NULL));
    g_assert_cmpstr (errata_markdown_get_link_at (&match), ==, "https://example.org/x");
    g_assert_null (errata_markdown_get_link_at (&start));
  }
}

static void
test_markdown_blocks (void)
{
  g_autoptr(GtkTextTagTable) tags = errata_markdown_new_tag_table ();
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (tags);
  g_autofree char *text = NULL;
  g_autofree char *indent1 = errata_markdown_dup_indent_tag (1);
  g_autofree char *indent2 = errata_markdown_dup_indent_tag (2);

  errata_markdown_render (buffer,
                          "- apples\n- pears\n  - green ones\n\n"
                          "3. third\n4. fourth\n\n"
                          "```json\n{\"a\": 1}\n```\n\n"
                          "> quoted\n", -1);
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==,
                   "•  apples\n•  pears\n◦  green ones\n3.  third\n4.  fourth\n{\"a\": 1}\nquoted");
  assert_tag_on (buffer, indent1, "•  apples");
  g_assert_false (has_tag_at (buffer, indent2, "•  apples"));
  assert_tag_on (buffer, indent2, "◦  green ones");
  assert_tag_on (buffer, indent1, "3.  third");
  assert_tag_on (buffer, ERRATA_MARKDOWN_TAG_CODE_BLOCK, "{\"a\": 1}");
  g_assert_false (has_tag_at (buffer, ERRATA_MARKDOWN_TAG_CODE_BLOCK, "4.  fourth"));
  assert_tag_on (buffer, ERRATA_MARKDOWN_TAG_QUOTE, "quoted");
}

static void
test_markdown_table (void)
{
  g_autoptr(GtkTextTagTable) tags = errata_markdown_new_tag_table ();
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (tags);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  errata_markdown_render (buffer,
                          "| Listing | Price |\n|---|--:|\n| RP-204 | $439,000 |\n| B | $1 |\n", -1);
  text = buffer_text (buffer);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, "Listing │    Price");
  g_assert_cmpstr (lines[2], ==, "RP-204  │ $439,000");
  g_assert_cmpstr (lines[3], ==, "B       │       $1");
  /* Same width on every line: the columns line up in monospace. */
  for (guint i = 1; lines[i]; i++)
    g_assert_cmpint (g_utf8_strlen (lines[i], -1), ==, g_utf8_strlen (lines[0], -1));
  assert_tag_on (buffer, ERRATA_MARKDOWN_TAG_TABLE, "RP-204");
  assert_tag_on (buffer, ERRATA_MARKDOWN_TAG_TABLE_HEAD, "Listing");
  g_assert_false (has_tag_at (buffer, ERRATA_MARKDOWN_TAG_TABLE_HEAD, "RP-204"));
}

/* Trace text is text: markup and HTML in it are shown, never obeyed. */
static void
test_markdown_no_markup (void)
{
  g_autoptr(GtkTextTagTable) tags = errata_markdown_new_tag_table ();
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (tags);
  g_autofree char *text = NULL;

  errata_markdown_render (buffer, "<b>not bold</b> and <span foreground=\"red\">x</span>", -1);
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, "<b>not bold</b> and <span foreground=\"red\">x</span>");
  g_assert_false (has_tag_at (buffer, ERRATA_MARKDOWN_TAG_STRONG, "not bold"));
}

/* JSON ---------------------------------------------------------------- */

static void
test_json_view (void)
{
  g_autoptr(GtkWidget) view = g_object_ref_sink (errata_json_view_new ());
  GtkTextBuffer *buffer = errata_json_view_get_buffer (ERRATA_JSON_VIEW (view));
  GtkSourceLanguage *language;
  g_autofree char *pretty = errata_json_pretty ("{\"a\":1,\"b\":[true,null]}", -1);
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;

  g_assert_cmpstr (pretty, ==, "{\n  \"a\" : 1,\n  \"b\" : [\n    true,\n    null\n  ]\n}");
  g_assert_null (errata_json_pretty ("No listings found.", -1));
  g_assert_null (errata_json_pretty ("\"a bare string\"", -1));

  errata_json_view_set_text (ERRATA_JSON_VIEW (view), "{\"a\":1,\"b\":[true,null]}");
  g_assert_true (errata_json_view_get_is_json (ERRATA_JSON_VIEW (view)));
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, pretty);
  language = gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer));
  g_assert_nonnull (language);
  g_assert_cmpstr (gtk_source_language_get_id (language), ==, "json");
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (GTK_SOURCE_BUFFER (buffer))),
                   ==, errata_json_scheme_id (adw_style_manager_get_dark (adw_style_manager_get_default ())));

  errata_json_view_set_text (ERRATA_JSON_VIEW (view), "No listings <b>found</b>.");
  g_assert_false (errata_json_view_get_is_json (ERRATA_JSON_VIEW (view)));
  g_assert_null (gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer)));
  plain = buffer_text (buffer);
  g_assert_cmpstr (plain, ==, "No listings <b>found</b>.");
}

/* The conversation ---------------------------------------------------- */

static void
test_tool_blocks (void)
{
  g_autoptr(ErrataTrace) trace = new_showing_trace ();
  ErrataTraceView *view;
  GtkWindow *window = new_window (&view, 900, 800);
  ErrataMessageRow *call_row, *result_row, *system_row;
  GtkWidget *child;
  g_autofree char *arguments = NULL;
  g_autofree char *result = NULL;

  errata_trace_view_set_trace (view, trace);
  iterate_until_loaded (view);

  call_row = ERRATA_MESSAGE_ROW (errata_trace_view_get_message_row (view, 2));
  g_assert_cmpstr (errata_message_row_get_role (call_row), ==, "assistant");
  g_assert_cmpuint (errata_message_row_get_n_blocks (call_row), ==, 1);
  g_assert_true (shows_label (GTK_WIDGET (call_row), "search_listings"));
  child = errata_message_row_get_block_child (call_row, 0);
  g_assert_true (ERRATA_IS_JSON_VIEW (child));
  g_assert_true (errata_json_view_get_is_json (ERRATA_JSON_VIEW (child)));
  arguments = buffer_text (errata_json_view_get_buffer (ERRATA_JSON_VIEW (child)));
  g_assert_cmpstr (arguments, ==,
                   "{\n  \"area\" : \"Riverside Park\",\n  \"bedrooms\" : 2,\n  \"max_price\" : 450000\n}");
  /* Short arguments start expanded, so they are on screen. */
  g_assert_true (gtk_widget_get_mapped (child));

  /* The result is matched to its call by tool_call_id. */
  result_row = ERRATA_MESSAGE_ROW (errata_trace_view_get_message_row (view, 5));
  g_assert_cmpstr (errata_message_row_get_role (result_row), ==, "tool");
  g_assert_true (shows_label (GTK_WIDGET (result_row), "Result of check_agent_availability"));
  child = errata_message_row_get_block_child (result_row, 0);
  result = buffer_text (errata_json_view_get_buffer (ERRATA_JSON_VIEW (child)));
  g_assert_cmpstr (result, ==, "{\n  \"available\" : false,\n  \"next_free_slot\" : \"2026-05-18T10:00\"\n}");

  /* The system prompt starts collapsed and is built on demand. */
  system_row = ERRATA_MESSAGE_ROW (errata_trace_view_get_message_row (view, 0));
  g_assert_cmpuint (errata_message_row_get_n_blocks (system_row), ==, 1);
  g_assert_null (errata_message_row_get_text_buffer (system_row));
  child = errata_message_row_get_block_child (system_row, 0);
  g_assert_true (GTK_IS_TEXT_VIEW (child));
  g_assert_false (gtk_widget_get_mapped (child));
  assert_tag_on (errata_message_row_get_text_buffer (system_row), ERRATA_MARKDOWN_TAG_STRONG, "Casa");

  gtk_window_destroy (window);
}

static void
test_plain_tool_result (void)
{
  g_autoptr(ErrataTrace) trace = new_trace ("plain",
    "[{\"role\": \"assistant\", \"tool_calls\": [{\"id\": \"7\", \"name\": \"send_sms\", "
    "\"arguments\": \"{\\\"to\\\": \\\"+1 555 0100\\\"}\"}]},"
    "{\"role\": \"tool\", \"tool_call_id\": \"7\", \"content\": \"Message queued <ok>\"},"
    "{\"role\": \"agent\", \"content\": \"A role from elsewhere\"}]");
  ErrataTraceView *view;
  GtkWindow *window = new_window (&view, 700, 600);
  ErrataMessageRow *row;
  GtkWidget *child;
  g_autofree char *text = NULL;
  g_autofree char *other = NULL;

  errata_trace_view_set_trace (view, trace);
  iterate_until_loaded (view);
  row = ERRATA_MESSAGE_ROW (errata_trace_view_get_message_row (view, 1));
  g_assert_true (shows_label (GTK_WIDGET (row), "Result of send_sms"));
  child = errata_message_row_get_block_child (row, 0);
  g_assert_false (errata_json_view_get_is_json (ERRATA_JSON_VIEW (child)));
  text = buffer_text (errata_json_view_get_buffer (ERRATA_JSON_VIEW (child)));
  g_assert_cmpstr (text, ==, "Message queued <ok>");

  row = ERRATA_MESSAGE_ROW (errata_trace_view_get_message_row (view, 2));
  g_assert_true (shows_label (GTK_WIDGET (row), "agent"));
  other = buffer_text (errata_message_row_get_text_buffer (row));
  g_assert_cmpstr (other, ==, "A role from elsewhere");
  gtk_window_destroy (window);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

typedef struct
{
  GtkWidget *row;
  GtkWidget *scroller;
} RowInView;

/* The row's top is in the upper half of the scroller's viewport. */
static gboolean
row_in_upper_half (gpointer data)
{
  RowInView *wait = data;
  graphene_point_t point;

  return gtk_widget_compute_point (wait->row, wait->scroller, &GRAPHENE_POINT_INIT (0, 0), &point) &&
         point.y >= 0 && point.y < gtk_widget_get_height (wait->scroller) / 2.0;
}

static void
test_first_failure (void)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(ErrataTrace) trace = NULL;
  ErrataTraceView *view;
  GtkWindow *window = new_window (&view, 800, 600);
  GtkScrolledWindow *scroller;
  ErrataMessageRow *row;
  graphene_point_t point;
  guint notified = 0;

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (json, "%s{\"role\": \"%s\", \"content\": \"Message number %u.\\n\\n"
                            "A second paragraph so that rows have some height.\"}",
                            i ? "," : "", i % 2 ? "assistant" : "user", i);
  g_string_append (json, "]");
  trace = new_trace ("long", json->str);
  errata_trace_view_set_trace (view, trace);
  iterate_until_loaded (view);
  g_signal_connect (view, "notify::first-failure", G_CALLBACK (count_notify), &notified);

  errata_trace_view_set_first_failure (view, 41);
  g_assert_cmpint (errata_trace_view_get_first_failure (view), ==, 41);
  g_assert_cmpuint (notified, ==, 1);
  row = ERRATA_MESSAGE_ROW (errata_trace_view_get_message_row (view, 41));
  g_assert_true (errata_message_row_get_first_failure (row));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "first-failure"));
  g_assert_false (errata_message_row_get_first_failure (
    ERRATA_MESSAGE_ROW (errata_trace_view_get_message_row (view, 40))));
  g_assert_true (shows_label (GTK_WIDGET (row), "First failure"));

  /* It is scrolled into view. */
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (row), GTK_TYPE_SCROLLED_WINDOW));
  errata_gui_test_iterate_until (row_in_upper_half,
                                 &(RowInView) { GTK_WIDGET (row), GTK_WIDGET (scroller) });
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (row), GTK_WIDGET (scroller),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (scroller)), >, 0);
  g_assert_cmpfloat (point.y, >=, 0);
  g_assert_cmpfloat (point.y, <, gtk_widget_get_height (GTK_WIDGET (scroller)) / 2.0);

  /* Moving it clears the old mark; -1 clears it altogether. */
  g_object_set (view, "first-failure", 3, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_false (errata_message_row_get_first_failure (row));
  g_assert_true (errata_message_row_get_first_failure (
    ERRATA_MESSAGE_ROW (errata_trace_view_get_message_row (view, 3))));
  /* A mark set before the trace is scrolled to once its row is built. */
  errata_trace_view_set_first_failure (view, 50);
  errata_trace_view_set_trace (view, trace);
  iterate_until_loaded (view);
  row = ERRATA_MESSAGE_ROW (errata_trace_view_get_message_row (view, 50));
  errata_gui_test_iterate_until (row_in_upper_half,
                                 &(RowInView) { GTK_WIDGET (row), GTK_WIDGET (scroller) });
  g_assert_true (errata_message_row_get_first_failure (row));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (row), GTK_WIDGET (scroller),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  g_assert_cmpfloat (point.y, >=, 0);
  g_assert_cmpfloat (point.y, <, gtk_widget_get_height (GTK_WIDGET (scroller)) / 2.0);

  errata_trace_view_set_first_failure (view, -1);
  for (guint i = 0; i < 60; i++)
    g_assert_false (errata_message_row_get_first_failure (
      ERRATA_MESSAGE_ROW (errata_trace_view_get_message_row (view, i))));
  gtk_window_destroy (window);
}

static void
on_message_activated (ErrataTraceView *view,
                      int              index,
                      int             *activated)
{
  *activated = index;
}

static GtkGesture *
find_click_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        return GTK_GESTURE (controller);
    }
  return NULL;
}

static void
test_activation_and_focus (void)
{
  g_autoptr(ErrataTrace) trace = new_showing_trace ();
  ErrataTraceView *view;
  GtkWindow *window = new_window (&view, 900, 800);
  GtkWidget *row, *header_box;
  GtkGesture *click;
  int activated = -1;

  errata_trace_view_set_trace (view, trace);
  iterate_until_loaded (view);
  g_signal_connect (view, "message-activated", G_CALLBACK (on_message_activated), &activated);

  /* Enter and Space are bound to the row's activate signal. */
  row = errata_trace_view_get_message_row (view, 6);
  g_assert_true (gtk_widget_activate (row));
  g_assert_cmpint (activated, ==, 6);

  /* A click on a message's header. */
  row = errata_trace_view_get_message_row (view, 1);
  header_box = gtk_widget_get_first_child (row);
  click = find_click_gesture (header_box);
  g_assert_nonnull (click);
  g_signal_emit_by_name (click, "released", 1, 10.0, 10.0);
  g_assert_cmpint (activated, ==, 1);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == row);
  g_assert_cmpint (errata_trace_view_get_focused_message (view), ==, 1);

  errata_trace_view_focus_message (view, 4);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == errata_trace_view_get_message_row (view, 4));
  g_assert_cmpint (errata_trace_view_get_focused_message (view), ==, 4);

  /* A new trace starts with no focused message. */
  errata_trace_view_set_trace (view, trace);
  g_assert_cmpint (errata_trace_view_get_focused_message (view), ==, -1);

  /* ] and [ (move_focus): from none, down is the first message and up
   * the last; moves stop at either end. */
  g_assert_cmpint (errata_trace_view_move_focus (view, 1), ==, 0);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == errata_trace_view_get_message_row (view, 0));
  g_assert_cmpint (errata_trace_view_move_focus (view, 2), ==, 2);
  g_assert_cmpint (errata_trace_view_get_focused_message (view), ==, 2);
  g_assert_cmpint (errata_trace_view_move_focus (view, -5), ==, 0);
  errata_trace_view_set_trace (view, trace);
  g_assert_cmpint (errata_trace_view_move_focus (view, -1), ==,
                   (int) errata_trace_get_n_messages (trace) - 1);
  g_assert_cmpint (errata_trace_view_move_focus (view, 1), ==,
                   (int) errata_trace_get_n_messages (trace) - 1);
  errata_trace_view_set_trace (view, NULL);
  g_assert_cmpint (errata_trace_view_move_focus (view, 1), ==, -1);
  gtk_window_destroy (window);
}

static void
test_accessible_labels (void)
{
  g_autoptr(ErrataTrace) trace = new_showing_trace ();
  ErrataTraceView *view;
  GtkWindow *window = new_window (&view, 900, 800);
  g_autofree char *label = errata_message_dup_label ("assistant", 2);
  g_autofree char *other = errata_message_dup_label ("agent", 0);

  g_assert_cmpstr (label, ==, "Assistant message 3");
  g_assert_cmpstr (other, ==, "Message 1 (agent)");
  errata_trace_view_set_trace (view, trace);
  iterate_until_loaded (view);
  gtk_test_accessible_assert_property (errata_trace_view_get_message_row (view, 2),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Assistant message 3");
  gtk_test_accessible_assert_property (errata_trace_view_get_message_row (view, 0),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "System message 1");
  gtk_test_accessible_assert_property (errata_trace_view_get_message_row (view, 3),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Tool message 4");

  /* A screen reader audit over a whole typical trace: every message row
   * is named after its role and position, and so is each of its blocks
   * (tool calls, results, the system prompt). */
  {
    g_autoptr(ErrataTrace) typical = errata_test_new_typical_trace (7);
    guint n = errata_trace_get_n_messages (typical);

    errata_trace_view_set_trace (view, typical);
    iterate_until_loaded (view);
    for (guint i = 0; i < n; i++)
      {
        GtkWidget *row = errata_trace_view_get_message_row (view, i);
        g_autofree char *expected = errata_message_dup_label (errata_message_row_get_role (ERRATA_MESSAGE_ROW (row)), i);
        g_autoptr(GPtrArray) blocks = NULL;

        g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL));
        gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
        g_assert_true (gtk_widget_get_focusable (row));
        blocks = errata_gui_test_find_all (row, GTK_TYPE_EXPANDER);
        g_assert_cmpuint (blocks->len, ==, errata_message_row_get_n_blocks (ERRATA_MESSAGE_ROW (row)));
        for (guint b = 0; b < blocks->len; b++)
          g_assert_true (gtk_test_accessible_has_property (g_ptr_array_index (blocks, b),
                                                           GTK_ACCESSIBLE_PROPERTY_LABEL));
      }
    gtk_test_accessible_assert_property (gtk_widget_get_parent (errata_trace_view_get_message_row (view, 0)),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL, "Conversation");
  }
  gtk_window_destroy (window);
}

static void
test_metadata_and_raw (void)
{
  g_autoptr(ErrataTrace) trace = new_showing_trace ();
  ErrataTraceView *view;
  GtkWindow *window = new_window (&view, 900, 700);
  g_autoptr(GPtrArray) json_views = NULL;
  GtkTextBuffer *raw = NULL;
  g_autofree char *raw_text = NULL;

  errata_trace_view_set_trace (view, trace);
  iterate_until_loaded (view);
  errata_trace_view_set_page (view, "metadata");
  g_assert_true (shows_label (GTK_WIDGET (view), "showing-0042"));
  g_assert_true (shows_label (GTK_WIDGET (view), "web chat"));
  g_assert_true (shows_label (GTK_WIDGET (view), "[\"viewing\",\"budget\"]"));
  g_assert_true (shows_label (GTK_WIDGET (view), "4.21 s"));
  g_assert_true (shows_label (GTK_WIDGET (view), "check_agent_availability"));
  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (window),
                                                      "trace-view-metadata.png", 400));

  errata_trace_view_set_page (view, "raw");
  json_views = errata_gui_test_find_all (GTK_WIDGET (view), ERRATA_TYPE_JSON_VIEW);
  for (guint i = 0; i < json_views->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (json_views, i), "raw-view"))
      raw = errata_json_view_get_buffer (g_ptr_array_index (json_views, i));
  g_assert_nonnull (raw);
  raw_text = buffer_text (raw);
  g_assert_nonnull (strstr (raw_text, "\n  \"external_id\" : \"showing-0042\",\n"));
  g_assert_nonnull (strstr (raw_text, "\"tool_call_id\" : \"call_agent\""));
  g_assert_nonnull (strstr (raw_text, "\"channel\" : \"web chat\""));
  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (window),
                                                      "trace-view-raw.png", 400));

  /* Without a trace, the view says so. */
  errata_trace_view_set_trace (view, NULL);
  g_assert_true (shows_label (GTK_WIDGET (view), "No Trace Selected"));
  gtk_window_destroy (window);
}

static gboolean
text_fits (gpointer row)
{
  g_autoptr(GPtrArray) views = errata_gui_test_find_all (row, GTK_TYPE_TEXT_VIEW);

  for (guint i = 0; i < views->len; i++)
    {
      GtkTextView *text_view = g_ptr_array_index (views, i);
      GtkTextIter end;
      GdkRectangle rect;

      gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (text_view), &end);
      gtk_text_view_get_iter_location (text_view, &end, &rect);
      if (rect.y + rect.height > gtk_widget_get_height (GTK_WIDGET (text_view)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_560_wide (gpointer window)
{
  return gtk_widget_get_width (window) == 560;
}

static void
assert_text_fits (GtkWidget *row)
{
  g_autoptr(GPtrArray) views = errata_gui_test_find_all (row, GTK_TYPE_TEXT_VIEW);

  g_assert_cmpuint (views->len, >, 0);
  for (guint i = 0; i < views->len; i++)
    {
      GtkTextView *text_view = g_ptr_array_index (views, i);
      GtkTextIter end;
      GdkRectangle rect;

      gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (text_view), &end);
      gtk_text_view_get_iter_location (text_view, &end, &rect);
      g_assert_cmpint (rect.y + rect.height, <=, gtk_widget_get_height (GTK_WIDGET (text_view)));
    }
}

static void
test_screenshots (void)
{
  g_autoptr(ErrataTrace) trace = new_showing_trace ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  ErrataTraceView *view;
  GtkWindow *window = new_window (&view, 920, 800);

  GtkAdjustment *adjustment;

  errata_trace_view_set_trace (view, trace);
  iterate_until_loaded (view);
  errata_trace_view_set_first_failure (view, 6);
  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (window),
                                                      "trace-view-first-failure.png", 400));

  /* The top of the conversation, with both tool calls expanded. */
  adjustment = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (errata_trace_view_get_message_row (view, 0),
                                                  GTK_TYPE_SCROLLED_WINDOW)));
  gtk_adjustment_set_value (adjustment, 0);
  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (window), "trace-view.png", 400));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (window),
                                                      "trace-view-dark.png", 400));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (window),
                                                      "trace-view-dark-end.png", 400));

  /* About the width the Traces page leaves it, beside the list and the
   * coding panel. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (window, 560, 800);
  errata_gui_test_iterate_until (is_560_wide, window);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (window),
                                                      "trace-view-narrow.png", 400));
  /* The reflowed text still fits: its last line is not cut off (once
   * GTK has laid it out again, in idle time). */
  errata_gui_test_iterate_until (text_fits, errata_trace_view_get_message_row (view, 6));
  assert_text_fits (errata_trace_view_get_message_row (view, 6));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (window);
}

/* Rows that leave ---------------------------------------------------- */

static void
count_down (gpointer  data,
            GObject  *where_the_object_was)
{
  (*(guint *) data)--;
}

static gboolean
uint_is_zero (gpointer data)
{
  return *(guint *) data == 0;
}

/* Moving on to another trace frees the rows of the one before, and their
 * text views: a reviewer's long session must not grow with every trace. */
static void
test_rows_freed (void)
{
  g_autoptr(ErrataTrace) first = errata_test_new_typical_trace (1);
  g_autoptr(ErrataTrace) second = errata_test_new_typical_trace (2);
  ErrataTraceView *view;
  GtkWindow *window = new_window (&view, 900, 760);
  guint live_rows = 0, live_text_views = 0;

  errata_trace_view_set_trace (view, first);
  iterate_until_loaded (view);
  errata_gui_test_wait_for_frame (GTK_WIDGET (window));
  for (int i = 0; errata_trace_view_get_message_row (view, i) != NULL; i++)
    {
      GtkWidget *row = errata_trace_view_get_message_row (view, i);
      g_autoptr(GPtrArray) text_views = errata_gui_test_find_all (row, GTK_TYPE_TEXT_VIEW);

      live_rows++;
      g_object_weak_ref (G_OBJECT (row), count_down, &live_rows);
      for (guint v = 0; v < text_views->len; v++)
        {
          live_text_views++;
          g_object_weak_ref (text_views->pdata[v], count_down, &live_text_views);
        }
    }
  g_assert_cmpuint (live_rows, ==, 18);
  g_assert_cmpuint (live_text_views, >, 0);

  errata_trace_view_set_trace (view, second);
  iterate_until_loaded (view);
  errata_gui_test_wait_for_frame (GTK_WIDGET (window));
  errata_gui_test_iterate_until (uint_is_zero, &live_rows);
  errata_gui_test_iterate_until (uint_is_zero, &live_text_views);
  gtk_window_destroy (window);
}

/* Big traces and quick switches -------------------------------------- */

/* How fast this is lies with bench/gui-frames.c (bench/README.md has the
 * figures); here, what the user sees. */

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* A 300-message, 2 MB trace: set_trace() returns at once and the rows
 * come in slices, every one of them in the end. */
static void
test_big_trace (void)
{
  gsize bytes = 0;
  g_autoptr(ErrataTrace) trace = errata_test_new_big_trace (&bytes);
  ErrataTraceView *view;
  GtkWindow *window = new_window (&view, 900, 760);

  g_assert_cmpuint (bytes, >=, 2 * 1000 * 1000);
  errata_trace_view_set_trace (view, trace);
  g_assert_true (errata_trace_view_get_loading (view));
  iterate_until_loaded (view);
  for (int i = 0; i < 300; i++)
    {
      GtkWidget *row = errata_trace_view_get_message_row (view, i);

      g_assert_nonnull (row);
      g_assert_cmpuint (errata_message_row_get_index (ERRATA_MESSAGE_ROW (row)), ==, i);
      g_assert_true (gtk_widget_get_parent (row) != NULL);
    }
  g_assert_null (errata_trace_view_get_message_row (view, 300));

  /* Again, replacing 300 built rows: the old ones go in idle slices. */
  errata_trace_view_set_trace (view, trace);
  g_assert_true (errata_trace_view_get_loading (view));
  iterate_until_loaded (view);
  g_assert_nonnull (errata_trace_view_get_message_row (view, 299));

  /* The raw record of 2 MB is built when its page is first shown. */
  errata_trace_view_set_page (view, "raw");
  errata_gui_test_wait_for_frame (GTK_WIDGET (window));
  errata_trace_view_set_page (view, "conversation");

  /* Moving to another trace while the first is still loading. */
  errata_trace_view_set_trace (view, trace);
  errata_trace_view_set_trace (view, NULL);
  g_assert_false (errata_trace_view_get_loading (view));

  /* Closing the window while rows are still being built and destroyed
   * lets go of the view and the trace. */
  errata_trace_view_set_trace (view, trace);
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  gtk_window_destroy (window);
  errata_gui_test_iterate_until (pointer_is_null, &view);
  g_assert_finalize_object (g_steal_pointer (&trace));
}

typedef struct
{
  ErrataTraceView *view;
  gboolean         armed;     /* waiting for the first frame after set_trace */
  guint            rows_seen; /* rows in the viewport on that frame */
  guint            rows_built;
  guint            rows_at_once; /* built by set_trace() itself, before any frame */
  gboolean         loading_at_once;
  gboolean         filled;    /* the rows built reach below the viewport */
  guint            blank;     /* of their text views: 0 px high, or cut off */
} FirstFrame;

static gboolean
text_view_is_cut (GtkTextView *text_view)
{
  GtkTextIter end;
  GdkRectangle rect;

  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (text_view), &end);
  gtk_text_view_get_iter_location (text_view, &end, &rect);
  return gtk_widget_get_height (GTK_WIDGET (text_view)) <= 1 ||
         rect.y + rect.height > gtk_widget_get_height (GTK_WIDGET (text_view));
}

/* What the frame shows: each row that is (partly) in the viewport has its
 * text views laid out whole, none blank or cut off. */
static void
check_first_frame (FirstFrame *frame)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (errata_trace_view_get_message_row (frame->view, 0),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  int viewport = gtk_widget_get_height (scroller);

  for (int i = 0; errata_trace_view_get_message_row (frame->view, i) != NULL; i++)
    {
      GtkWidget *row = errata_trace_view_get_message_row (frame->view, i);
      g_autoptr(GPtrArray) views = NULL;
      graphene_point_t point;

      frame->rows_built++;
      g_assert_true (gtk_widget_compute_point (row, scroller, &GRAPHENE_POINT_INIT (0, 0), &point));
      if (point.y + gtk_widget_get_height (row) >= viewport)
        frame->filled = TRUE;
      if (point.y >= viewport || point.y + gtk_widget_get_height (row) <= 0)
        continue;
      frame->rows_seen++;
      views = errata_gui_test_find_all (row, GTK_TYPE_TEXT_VIEW);
      for (guint v = 0; v < views->len; v++)
        if (gtk_widget_get_mapped (g_ptr_array_index (views, v)) &&
            text_view_is_cut (g_ptr_array_index (views, v)))
          frame->blank++;
    }
}

static void
on_first_after_paint (GdkFrameClock *clock,
                      FirstFrame    *frame)
{
  if (!frame->armed)
    return;
  frame->armed = FALSE;
  check_first_frame (frame);
}

static gboolean
first_frame_painted (gpointer data)
{
  return !((FirstFrame *) data)->armed;
}

/* Shows `trace` and checks the first frame painted after that. */
static void
switch_and_check_first_frame (FirstFrame  *frame,
                              ErrataTrace *trace)
{
  frame->rows_seen = frame->rows_built = frame->blank = 0;
  frame->filled = FALSE;
  frame->armed = TRUE;
  errata_trace_view_set_trace (frame->view, trace);
  frame->loading_at_once = errata_trace_view_get_loading (frame->view);
  for (frame->rows_at_once = 0;
       errata_trace_view_get_message_row (frame->view, frame->rows_at_once) != NULL;
       frame->rows_at_once++)
    ;
  errata_gui_test_iterate_until (first_frame_painted, frame);
  g_assert_cmpuint (frame->rows_seen, >=, 3);
  g_assert_cmpuint (frame->blank, ==, 0);
  /* The viewport is full on that frame (or the trace is all there). */
  g_assert_true (frame->filled || frame->rows_built == errata_trace_get_n_messages (trace));
}

/* Frames that take longer than the frame interval (a busy machine, an
 * animation elsewhere in the window) follow each other with no idle time
 * between them. */
static gboolean
slow_frame (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  g_usleep (GPOINTER_TO_UINT (data) * 1000);
  return G_SOURCE_CONTINUE;
}

/* Switching between typical traces: the first frame after set_trace()
 * shows a full viewport of the conversation, text laid out, but not the
 * rows below it: those come in the frames after it, every one in the end.
 * (How soon that frame comes is measured by bench/gui-frames.c and
 * bench/gui-1m.c.) */
static void
test_switch_first_frame (void)
{
  ErrataTrace *traces[4];
  ErrataTraceView *view;
  GtkWindow *window = new_window (&view, 900, 760);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  FirstFrame frame = { view };
  gulong handler;
  guint tick;

  for (guint i = 0; i < G_N_ELEMENTS (traces); i++)
    traces[i] = errata_test_new_typical_trace (i);
  g_assert_cmpuint (errata_trace_get_n_messages (traces[0]), ==, 18);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_after_paint), &frame);

  for (guint i = 0; i < 12; i++)
    {
      guint n = errata_trace_get_n_messages (traces[i % 4]);

      switch_and_check_first_frame (&frame, traces[i % 4]);
      /* Only the first screen is built at once. What the first frame's
       * slice adds depends on the machine's speed (a fast one may finish
       * an 18-message trace in it), so it is not asserted. */
      g_assert_cmpuint (frame.rows_at_once, <, n);
      g_assert_true (frame.loading_at_once);
      /* A pause, as between two key presses: idle work may run. */
      errata_gui_test_iterate_for (20);
      if (i % 4 == 0)
        {
          iterate_until_loaded (view);
          for (guint m = 0; m < n; m++)
            g_assert_nonnull (errata_trace_view_get_message_row (view, m));
          g_assert_null (errata_trace_view_get_message_row (view, n));
        }
    }

  /* With frames back to back, GTK's idle text layout never runs; the
   * first frame still shows every message whole. */
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), slow_frame, GUINT_TO_POINTER (25), NULL);
  for (guint i = 0; i < 4; i++)
    switch_and_check_first_frame (&frame, traces[i]);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);

  g_signal_handler_disconnect (clock, handler);
  gtk_window_destroy (window);
  for (guint i = 0; i < G_N_ELEMENTS (traces); i++)
    g_object_unref (traces[i]);
}

/* A message below the first screen is reached at once by the keyboard
 * (its number, ] / [, the last message), before the slices get to it:
 * its row and those above it are built on demand. */
static void
test_focus_before_built (void)
{
  g_autoptr(ErrataTrace) trace = errata_test_new_typical_trace (3);
  int n = (int) errata_trace_get_n_messages (trace);
  ErrataTraceView *view;
  GtkWindow *window = new_window (&view, 900, 600);

  errata_trace_view_set_trace (view, trace);
  g_assert_true (errata_trace_view_get_loading (view));
  g_assert_null (errata_trace_view_get_message_row (view, n - 1));

  /* Up from no focus goes to the last message. */
  g_assert_cmpint (errata_trace_view_move_focus (view, -1), ==, n - 1);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == errata_trace_view_get_message_row (view, n - 1));
  for (int i = 0; i < n; i++)
    g_assert_nonnull (errata_trace_view_get_message_row (view, i));
  g_assert_false (errata_trace_view_get_loading (view));

  /* Another trace, and a jump to a message by its number. */
  errata_trace_view_set_trace (view, trace);
  errata_trace_view_focus_message (view, n - 2);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == errata_trace_view_get_message_row (view, n - 2));
  g_assert_cmpint (errata_trace_view_move_focus (view, 1), ==, n - 1);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == errata_trace_view_get_message_row (view, n - 1));
  iterate_until_loaded (view);
  g_assert_null (errata_trace_view_get_message_row (view, n));
  gtk_window_destroy (window);
}

/* Real traces from the shared sample data, when it is there ----------- */

static ErrataTrace *
load_shared_trace (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *records;
  JsonObject *longest = NULL;
  ErrataTrace *trace;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  records = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      if (longest == NULL ||
          json_array_get_length (json_object_get_array_member (record, "messages")) >
          json_array_get_length (json_object_get_array_member (longest, "messages")))
        longest = record;
    }
  g_assert_nonnull (longest);
  trace = errata_trace_new ();
  errata_trace_set_external_id (trace, json_object_get_string_member_with_default (longest, "id", "?"));
  errata_trace_set_messages (trace, json_object_get_array_member (longest, "messages"));
  if (json_object_has_member (longest, "tools"))
    errata_trace_set_tools (trace, json_object_get_array_member (longest, "tools"));
  return trace;
}

static void
test_shared_data (void)
{
  const char *shared = g_getenv ("ERRATA_SHARED_DATA");
  g_autofree char *path = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  ErrataTraceView *view;
  GtkWindow *window;
  guint n;

  if (shared != NULL)
    path = g_build_filename (shared, "recipe-chatbot", "nurtureboss_traces.json", NULL);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the shared sample data is absent");
      return;
    }
  trace = load_shared_trace (path);
  n = errata_trace_get_n_messages (trace);
  window = new_window (&view, 920, 1000);
  errata_trace_view_set_trace (view, trace);
  iterate_until_loaded (view);
  for (guint i = 0; i < n; i++)
    g_assert_nonnull (errata_trace_view_get_message_row (view, i));
  g_assert_true (errata_trace_view_get_message_row (view, 1) != NULL);
  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (window),
                                                      "trace-view-shared.png", 400));
  gtk_window_destroy (window);
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The test AT context records accessible properties for the checks;
   * "none" (the suite's default) would record nothing. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/trace-view/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/trace-view/markdown/spans", test_markdown_spans);
  g_test_add_func ("/trace-view/markdown/blocks", test_markdown_blocks);
  g_test_add_func ("/trace-view/markdown/table", test_markdown_table);
  g_test_add_func ("/trace-view/markdown/no-markup", test_markdown_no_markup);
  g_test_add_func ("/trace-view/json-view", test_json_view);
  g_test_add_func ("/trace-view/tool-blocks", test_tool_blocks);
  g_test_add_func ("/trace-view/plain-tool-result", test_plain_tool_result);
  g_test_add_func ("/trace-view/first-failure", test_first_failure);
  g_test_add_func ("/trace-view/activation-and-focus", test_activation_and_focus);
  g_test_add_func ("/trace-view/accessible-labels", test_accessible_labels);
  g_test_add_func ("/trace-view/metadata-and-raw", test_metadata_and_raw);
  g_test_add_func ("/trace-view/screenshots", test_screenshots);
  g_test_add_func ("/trace-view/switch-first-frame", test_switch_first_frame);
  g_test_add_func ("/trace-view/focus-before-built", test_focus_before_built);
  g_test_add_func ("/trace-view/big-trace", test_big_trace);
  g_test_add_func ("/trace-view/rows-freed", test_rows_freed);
  g_test_add_func ("/trace-view/shared-data", test_shared_data);
  return g_test_run ();
}
