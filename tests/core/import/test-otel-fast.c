/* test-otel-fast.c: an OTLP JSON trace request flattened as it is read
 * (errata-import-otel-fast.c) gives exactly what its tree flattened gives.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is read both ways: _errata_import_otel_flatten_text(), and
 * the fast parser's (else json-glib's) tree with `resourceLogs` removed,
 * then _errata_import_otel_flatten(), as the live receiver did. Where the
 * one-pass reader takes the text, both must hand the sink the same spans:
 * trace id, start, and the flattened span's text, member order included.
 * tests/fuzz's otlp-flatten target does the same on any bytes.
 */

#include "config.h"

#include "errata-import-private.h"
#include "errata-json-fast.h"
#include "errata-json-guard.h"
#include "errata-test-utils.h"

typedef struct
{
  GString *text;
  guint    n;
} Collected;

static gboolean
collect (gpointer     user_data,
         const char  *trace_id,
         gint64       start,
         JsonNode    *flat,
         GError     **error)
{
  Collected *collected = user_data;
  g_autofree char *body = json_to_string (flat, FALSE);

  g_string_append_printf (collected->text, "%s %" G_GINT64_FORMAT " %s\n", trace_id, start, body);
  collected->n++;
  return TRUE;
}

/* The tree's way; FALSE when the text does not parse or flatten. */
static gboolean
flatten_tree (const char *text,
              gsize       length,
              Collected  *collected,
              guint      *n_rejected)
{
  g_autoptr(JsonNode) root = errata_json_parse_fast (text, length);
  JsonNode *renamed;
  guint n_items = 0;

  if (root == NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (!errata_json_parser_load (parser, text, length, NULL))
        return FALSE;
      root = json_parser_steal_root (parser);
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  /* The proto's field names, renamed as the receiver renames them. */
  renamed = _errata_import_otel_json_names (json_node_get_object (root));
  if (renamed != NULL)
    {
      json_node_unref (root);
      root = renamed;
    }
  json_object_remove_member (json_node_get_object (root), "resourceLogs");
  if (!json_object_has_member (json_node_get_object (root), "resourceSpans"))
    {
      *n_rejected = 0;
      return TRUE;
    }
  return _errata_import_otel_flatten (json_node_get_object (root), collect, collected, &n_items,
                                      n_rejected, NULL);
}

/* Both ways; returns whether the one-pass reader took the text. */
static gboolean
assert_same (const char *text)
{
  Collected fast = { g_string_new (NULL), 0 };
  Collected tree = { g_string_new (NULL), 0 };
  guint fast_items = 0, fast_rejected = 0, tree_rejected = 0;
  gboolean taken;

  taken = _errata_import_otel_flatten_text (text, strlen (text), collect, &fast, &fast_items, &fast_rejected);
  if (taken)
    {
      g_assert_true (flatten_tree (text, strlen (text), &tree, &tree_rejected));
      g_assert_cmpstr (fast.text->str, ==, tree.text->str);
      g_assert_cmpuint (fast_items, ==, tree.n);
      g_assert_cmpuint (fast.n, ==, tree.n);
      g_assert_cmpuint (fast_rejected, ==, tree_rejected);
    }
  g_string_free (fast.text, TRUE);
  g_string_free (tree.text, TRUE);
  return taken;
}

static void
test_fixtures (void)
{
  const char *names[] = {
    "openinference.json", "opentelemetry.json", "opentelemetry-responses.json",
    "traceloop-0.12.json", "traceloop-0.27.json", "langfuse.json",
    "openinference-per-span.jsonl", "traceloop-0.27-per-trace.jsonl",
  };
  guint n_requests = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "import", "data", "instrumented",
                                                     names[i], NULL);
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      /* An export file is one request; a .jsonl one a line. */
      lines = g_str_has_suffix (names[i], ".jsonl") ? g_strsplit (contents, "\n", -1) : NULL;
      for (guint j = 0; lines != NULL && lines[j] != NULL; j++)
        if (*lines[j] != '\0')
          {
            g_assert_true (assert_same (lines[j]));
            n_requests++;
          }
      if (lines == NULL)
        {
          g_assert_true (assert_same (contents));
          n_requests++;
        }
    }
  g_assert_cmpuint (n_requests, >, G_N_ELEMENTS (names));
}

#define SPAN(attrs) \
  "{\"traceId\":\"t1\",\"spanId\":\"s1\",\"name\":\"n\",\"startTimeUnixNano\":\"12\",\"attributes\":" attrs "}"
#define REQUEST(resource, spans) \
  "{\"resourceSpans\":[{\"resource\":" resource ",\"scopeSpans\":[{\"scope\":{\"name\":\"x\"},\"spans\":[" spans "]}]}]}"

/* Requests the reader takes, each with something a real exporter seldom
 * writes: every one must give what the tree gives. */
static void
test_unusual_values (void)
{
  const char *texts[] = {
    REQUEST ("{}", SPAN ("[]")),
    REQUEST ("null", SPAN ("null")),
    REQUEST ("{\"attributes\":{\"a\":1}}", SPAN ("{\"k\":\"v\"}")),
    REQUEST ("{\"attributes\":[{\"key\":\"a\",\"value\":{\"intValue\":\"7\"}}],\"attributes\":[]}",
             SPAN ("[{\"key\":\"i\",\"value\":{\"intValue\":42}},{\"key\":\"j\",\"value\":{\"intValue\":\"-9000000000\"}}]")),
    REQUEST ("{}", SPAN ("[{\"key\":\"d\",\"value\":{\"doubleValue\":1}},{\"key\":\"b\",\"value\":{\"boolValue\":false}},"
                         "{\"key\":\"y\",\"value\":{\"bytesValue\":\"AAE=\"}}]")),
    REQUEST ("{}", SPAN ("[{\"key\":\"arr\",\"value\":{\"arrayValue\":{\"values\":[{\"stringValue\":\"a\"},{\"intValue\":\"2\"},"
                         "{\"kvlistValue\":{\"values\":[{\"key\":\"in\",\"value\":{\"boolValue\":true}}]}}]}}}]")),
    /* Two kinds in one value: the import's order of preference decides. */
    REQUEST ("{}", SPAN ("[{\"key\":\"two\",\"value\":{\"intValue\":\"1\",\"stringValue\":\"s\"}},"
                         "{\"key\":\"none\",\"value\":{}},{\"key\":\"odd\",\"value\":{\"what\":1}},"
                         "{\"key\":\"plain\",\"value\":\"not an object\"},{\"key\":\"null\",\"value\":null},"
                         "{\"key\":\"missing\"}]")),
    /* Keys repeated, not strings, missing; pairs that are not objects. */
    REQUEST ("{}", SPAN ("[{\"key\":\"a\",\"value\":{\"stringValue\":\"1\"}},{\"key\":\"a\",\"value\":{\"stringValue\":\"2\"}},"
                         "{\"key\":5,\"value\":{\"stringValue\":\"x\"}},{\"value\":{\"stringValue\":\"y\"}},"
                         "{\"key\":\"k\",\"key\":7,\"value\":{\"stringValue\":\"z\"}},3,null,[],"
                         "{\"value\":{\"stringValue\":\"v\"},\"key\":\"late\",\"extra\":[1,{\"x\":2}]}]")),
    /* A span given its members twice, attributes and times as numbers. */
    "{\"resourceSpans\":[{\"resource\":{\"attributes\":[]},\"scopeSpans\":[{\"spans\":["
      "{\"traceId\":\"t1\",\"attributes\":[{\"key\":\"a\",\"value\":{\"stringValue\":\"1\"}}],\"name\":\"first\","
      "\"attributes\":[{\"key\":\"b\",\"value\":{\"stringValue\":\"2\"}}],\"name\":\"second\",\"startTimeUnixNano\":5,"
      "\"endTimeUnixNano\":\"x\",\"events\":[{\"attributes\":[{\"key\":\"e\",\"value\":{\"stringValue\":\"kept\"}}]}]},"
      "{\"spanId\":\"no trace\"},{\"traceId\":\"\"},{\"traceId\":7},\"not a span\",null,"
      "{\"traceId\":\"t2\",\"parentSpanId\":\"p\"}]}]}]}",
    /* Several resources and scopes; resources and scopes of odd kinds. */
    "{\"other\":[1,2,{\"a\":null}],\"resourceSpans\":[7,{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
      "\"value\":{\"stringValue\":\"one\"}}]},\"scopeSpans\":[null,{\"scope\":[1],\"spans\":[" SPAN ("[]") "]},"
      "{\"spans\":[" SPAN ("[]") "]},{\"scope\":\"s\",\"scope\":{\"name\":\"last\"},\"spans\":[]}]},"
      "{\"scopeSpans\":[{\"spans\":[" SPAN ("[]") "]}]},{\"resource\":{\"attributes\":[{\"key\":\"r\",\"value\":"
      "{\"stringValue\":\"two\"}}],\"dropped\":0},\"resource\":{\"attributes\":[]},\"scopeSpans\":[]}],"
      "\"resourceLogs\":[{\"scopeLogs\":[]}]}",
    /* Ids in base64 (the all-zero trace id rejected), in capitals, and
     * not ids at all. */
    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":["
      "{\"traceId\":\"W47/95gDgQPSabYzgT/GDA==\",\"spanId\":\"7uGbfsPBsXQ=\",\"parentSpanId\":\"X7OXvjTSa1E=\"},"
      "{\"traceId\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"spanId\":\"7uGbfsPBsXQ=\"},"
      "{\"traceId\":\"5B8EFFF798038103D269B633813FC60C\",\"spanId\":\"W47/95gDgQPSabYzgT/GDA==\"},"
      "{\"traceId\":\"not=base64!x+AAAAAAAAA==\",\"spanId\":\"7uGbfsPBsXQ\"}]}]}]}",
    /* Base64 that decodes leniently is no id of this form: kept as given. */
    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"t1\",\"spanId\":\"7uGbfsPBsXR=\"},"
      "{\"traceId\":\"t1\",\"spanId\":\"A=AAAAAAAAA=\"},{\"traceId\":\"AAAAAAAAAAAAAAAAAAAA====\"}]}]}]}",
    /* Text escapes and non-ASCII, as the fast parser reads them. */
    REQUEST ("{}", SPAN ("[{\"key\":\"t\\u00e9\\n\",\"value\":{\"stringValue\":\"\\\"q\\\" \\ud83d\\ude00 é \\/\"}}]")),
    "{\"resourceSpans\":[]}",
    "{}",
    "  {\"resourceLogs\":[]} \n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_test_message ("request %u", i);
      g_assert_true (assert_same (texts[i]));
    }
}

/* A proto3 JSON int64 in each form a writer makes: the times and an int
 * attribute read the same by the reader and the tree. An exponent used to
 * end the number (1.7e18 nanoseconds read as 1). */
static void
test_int64_forms (void)
{
  const struct { const char *written; const char *read; } forms[] = {
    { "\"1700000000000000000\"", "1700000000000000000" },
    { "1700000000000000000", "1700000000000000000" },
    { "\"1.7e18\"", "1700000000000000000" },
    { "1.7e18", "1700000000000000000" },
    { "\"17E2\"", "1700" },
    { "\"2500.0\"", "2500" },
    { "\"-3e2\"", "-300" },
    /* One digit before the exponent: json-glib 1.6 writes this number
     * back as "1e+18.0". */
    { "1e18", "1000000000000000000" },
    { "\"1e18\"", "1000000000000000000" },
    /* Past 2^53 and whole: exact, not through a double. */
    { "\"1712345678901234567.000\"", "1712345678901234567" },
    /* A fraction cut off; out of range; not a number. */
    { "\"12.5\"", "12" },
    { "\"5e-1\"", "0" },
    { "\"1e40\"", "0" },
    { "1e40", "0" },
    { "\"12abc\"", "12" },
    { "\"x\"", "0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"t1\",\"spanId\":\"s1\","
        "\"startTimeUnixNano\":%s,\"endTimeUnixNano\":%s,"
        "\"attributes\":[{\"key\":\"n\",\"value\":{\"intValue\":%s}}]}]}]}]}",
        forms[i].written, forms[i].written, forms[i].written);
      g_autofree char *expected = g_strdup_printf ("\"startTimeUnixNano\":%s,\"endTimeUnixNano\":%s,"
                                                   "\"attributes\":{\"n\":%s}",
                                                   forms[i].read, forms[i].read, forms[i].read);
      Collected tree = { g_string_new (NULL), 0 };
      guint n_rejected = 0;

      g_test_message ("%s", forms[i].written);
      /* The reader leaves a JSON integer past 2^53 to the tree; whichever
       * reads it, the tree's value is checked below. */
      if (!assert_same (text))
        g_assert_true (g_str_has_prefix (forms[i].written, "17"));
      g_assert_true (flatten_tree (text, strlen (text), &tree, &n_rejected));
      g_assert_nonnull (strstr (tree.text->str, expected));
      g_string_free (tree.text, TRUE);
    }
}

/* Ids as the protobuf decoding writes them: base64 of 16 or 8 bytes and
 * capitals mended; base64 that only decodes leniently (padding bits set, a
 * `=` inside, too much padding) left as given, so that two ids never
 * become one. */
static void
test_ids (void)
{
  const struct { const char *given; const char *normal; } ids[] = {
    { "W47/95gDgQPSabYzgT/GDA==", "5b8efff798038103d269b633813fc60c" },
    { "7uGbfsPBsXQ=", "eee19b7ec3c1b174" },
    { "5B8EFFF798038103D269B633813FC60C", "5b8efff798038103d269b633813fc60c" },
    { "5b8efff798038103d269b633813fc60c", NULL },
    { "7uGbfsPBsXR=", NULL },
    { "A=AAAAAAAAA=", NULL },
    { "AAAAAAAAAAAAAAAAAAAA====", NULL },
    { "7uGbfsPBsXQ", NULL },
    { "7uGb-sPBsXQ=", NULL },
    { "abc", NULL },
    /* Not hex: no case to mend. */
    { "Trace-ABC", NULL },
  };

  g_assert_null (_errata_import_otel_normal_id_text (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *normal = _errata_import_otel_normal_id_text (ids[i].given);

      g_test_message ("%s", ids[i].given);
      g_assert_cmpstr (normal, ==, ids[i].normal);
    }
}

/* A span's links get their ids mended as the span's own: the protobuf
 * decoding writes those in lowercase hex too. A link that needs nothing
 * is kept as it is. */
static void
test_link_ids (void)
{
  const char *text =
    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"t1\",\"links\":["
    "{\"traceId\":\"other\",\"spanId\":\"s\"},"
    "{\"traceId\":\"W47/95gDgQPSabYzgT/GDA==\",\"spanId\":\"EEE19B7EC3C1B174\",\"attributes\":[]},"
    "3]}]}]}]}";
  const char *expected =
    "\"links\":[{\"traceId\":\"other\",\"spanId\":\"s\"},"
    "{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b174\",\"attributes\":[]},3]";
  Collected tree = { g_string_new (NULL), 0 };
  guint n_rejected = 0;

  g_assert_true (assert_same (text));
  g_assert_true (flatten_tree (text, strlen (text), &tree, &n_rejected));
  g_assert_nonnull (strstr (tree.text->str, expected));
  g_string_free (tree.text, TRUE);
}

/* A doubleValue written as a whole number (JavaScript writes 1.0 as `1`)
 * is a double, as the protobuf encoding of the same span gives it; it was
 * an int. Strings (`"NaN"`) stay strings. */
static void
test_whole_double (void)
{
  const char *text = REQUEST ("{}", SPAN ("[{\"key\":\"t\",\"value\":{\"doubleValue\":1}},"
                                          "{\"key\":\"h\",\"value\":{\"doubleValue\":0.5}},"
                                          "{\"key\":\"n\",\"value\":{\"doubleValue\":\"NaN\"}}]"));
  g_autoptr(JsonNode) flat = NULL;
  Collected tree = { g_string_new (NULL), 0 };
  guint n_rejected = 0;
  JsonObject *attributes;
  const char *body;

  g_assert_true (assert_same (text));
  g_assert_true (flatten_tree (text, strlen (text), &tree, &n_rejected));
  /* "t1 12 {…}\n": the flat span's text after the trace id and start. */
  body = strchr (strchr (tree.text->str, ' ') + 1, ' ') + 1;
  flat = json_from_string (body, NULL);
  attributes = json_object_get_object_member (json_node_get_object (flat), "attributes");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (attributes, "t")), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_object_get_double_member (attributes, "t"), ==, 1.0);
  g_assert_cmpfloat (json_object_get_double_member (attributes, "h"), ==, 0.5);
  g_assert_cmpstr (json_object_get_string_member (attributes, "n"), ==, "NaN");
  g_string_free (tree.text, TRUE);
}

/* What the one-pass reader leaves to the tree: it must say so (the
 * receiver then parses the text again), never give something else. */
static void
test_left_to_the_tree (void)
{
  const char *texts[] = {
    /* The resource after its spans, spans before their scope. */
    "{\"resourceSpans\":[{\"scopeSpans\":[],\"resource\":{}}]}",
    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[],\"scope\":{}}]}]}",
    /* Members given twice whose spans were already handed on. */
    "{\"resourceSpans\":[],\"resourceSpans\":[]}",
    "{\"resourceSpans\":[{\"scopeSpans\":[],\"scopeSpans\":[]}]}",
    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[],\"spans\":[]}]}]}",
    /* The old name of scopeSpans; lists that are not arrays (the tree
     * gives the message). */
    "{\"resourceSpans\":[{\"instrumentationLibrarySpans\":[]}]}",
    /* The old name of the scope; the proto's field names, also beside
     * OTLP/JSON's (the tree renames every member). */
    "{\"resourceSpans\":[{\"scopeSpans\":[{\"instrumentationLibrary\":{\"name\":\"x\"},\"spans\":[]}]}]}",
    "{\"resource_spans\":[]}",
    "{\"resource_logs\":[],\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"trace_id\":\"t1\",\"my_extra\":1}]}]}]}",
    "{\"resourceSpans\":{}}",
    "{\"resourceSpans\":[{\"scopeSpans\":null}]}",
    /* Not what the fast parser vouches for. */
    "[]",
    "{\"resourceSpans\":[]} x",
    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"t\",\"kind\":012}]}]}]}",
    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"t\\u0000\"}]}]}]}",
    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"t\",\"attributes\":[{\"key\":\"a\",\"value\":{\"intValue\":1234567890123456789}}]}]}]}]}",
    "{\"resourceSpans\":[",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_test_message ("request %u", i);
      g_assert_false (assert_same (texts[i]));
    }
}

/* Deeply nested values: the reader counts depth as the fast parser does. */
static void
test_depth (void)
{
  for (guint depth = ERRATA_JSON_MAX_DEPTH - 8; depth <= ERRATA_JSON_MAX_DEPTH + 2; depth++)
    {
      g_autoptr(GString) text = g_string_new ("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"t\",\"x\":");

      for (guint i = 0; i < depth; i++)
        g_string_append_c (text, '[');
      for (guint i = 0; i < depth; i++)
        g_string_append_c (text, ']');
      g_string_append (text, "}]}]}]}");
      /* Seven containers hold the value: the request, three lists and
       * the three objects in them. */
      g_assert_cmpint (assert_same (text->str), ==, depth + 7 <= ERRATA_JSON_MAX_DEPTH);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/otel-fast/fixtures", test_fixtures);
  g_test_add_func ("/otel-fast/unusual-values", test_unusual_values);
  g_test_add_func ("/otel-fast/left-to-the-tree", test_left_to_the_tree);
  g_test_add_func ("/otel-fast/int64-forms", test_int64_forms);
  g_test_add_func ("/otel-fast/whole-double", test_whole_double);
  g_test_add_func ("/otel-fast/ids", test_ids);
  g_test_add_func ("/otel-fast/link-ids", test_link_ids);
  g_test_add_func ("/otel-fast/depth", test_depth);
  return g_test_run ();
}
