/* test-fuzz-replay.c: every checked-in fuzz input, run through its entry
 * point in the normal build.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * corpus/<target>/ holds the seeds; crashes/<target>/ every input that
 * made the target crash, hang or trip a critical, each fixed since (see
 * README.md for the bug behind each one). The entry points assert what
 * must hold for any input; this test fails if one aborts.
 */

#include "config.h"

#include "errata-fuzz.h"
#include "errata-importer.h"
#include "errata-markdown.h"
#include "errata-llm-error.h"
#include "errata-llm-wire.h"
#include "errata-test-utils.h"

typedef int (*FuzzEntry) (const guint8 *data,
                          gsize         size);

typedef struct
{
  const char *name;
  FuzzEntry   entry;
} FuzzTarget;

static const FuzzTarget targets[] = {
  { "import-openai", errata_fuzz_import_openai },
  { "import-request-response", errata_fuzz_import_request_response },
  { "import-mapped", errata_fuzz_import_mapped },
  { "import-otel", errata_fuzz_import_otel },
  { "import-langfuse", errata_fuzz_import_langfuse },
  { "json-extract", errata_fuzz_json_extract },
  { "llm-wire", errata_fuzz_llm_wire },
  { "project-open", errata_fuzz_project_open },
  { "otlp-request", errata_fuzz_otlp_request },
  { "otlp-flatten", errata_fuzz_otlp_flatten },
  { "otlp-proto-flatten", errata_fuzz_otlp_proto_flatten },
  { "json-parse", errata_fuzz_json_parse },
  { "markdown", errata_fuzz_markdown },
};

/* Runs every file of folder/<target> through the target; returns how many. */
static guint
replay_folder (const FuzzTarget *target,
               const char       *folder)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", folder, target->name, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  /* In name order, so that a failure is the same on every machine. */
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (path, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;
      g_autoptr(GError) error = NULL;

      g_file_get_contents (file, &contents, &length, &error);
      g_assert_no_error (error);
      g_test_message ("%s/%s/%s", folder, target->name, (char *) g_ptr_array_index (names, i));
      g_assert_cmpint (target->entry ((const guint8 *) contents, length), ==, 0);
    }
  return names->len;
}

static void
test_replay (gconstpointer data)
{
  const FuzzTarget *target = data;

  /* Every target has seeds: an empty folder would pass without testing. */
  g_assert_cmpuint (replay_folder (target, "corpus"), >, 0);
  replay_folder (target, "crashes");
}

/* crashes/import-langfuse/critical-trace-without-input: a Langfuse trace
 * with an output, no input and no generation made json_node_copy (NULL)
 * trip a critical. It imports, its missing input kept as null. */
static void
test_langfuse_without_input (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autofree char *path = errata_test_write_file (dir, "trace.json",
                                                  "{\"id\": \"lf-1\", \"output\": \"Refund issued.\"}", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *metadata;

  errata_importer_set_format (importer, ERRATA_IMPORT_FORMAT_LANGFUSE);
  report = errata_importer_import (importer, project, &file, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), ==, 1);
  trace = errata_project_find_trace (project, "trace.json", "lf-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (trace);
  g_assert_cmpstr (errata_trace_get_output (trace), ==, "Refund issued.");
  metadata = errata_trace_get_metadata (trace);
  g_assert_true (json_object_has_member (metadata, "input"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (metadata, "input")));

  errata_project_close (project);
  errata_test_remove_tree (dir);
}

/* crashes/llm-wire/critical-whitespace-reply: a body of whitespace parses
 * to no root at all, which the reply check took for a node (a critical).
 * It is a bad reply, for both kinds of server and for the model list. */
static void
test_wire_whitespace_reply (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static (" \n\t", 3);
  g_autoptr(ErrataLlmRequest) request = errata_llm_request_new ();

  errata_llm_request_add_message (request, "user", "hello");
  for (ErrataLlmKind kind = ERRATA_LLM_KIND_OPENAI; kind <= ERRATA_LLM_KIND_ANTHROPIC; kind++)
    {
      g_autoptr(ErrataLlmProvider) provider = errata_llm_provider_new (kind, NULL, "model");
      g_autoptr(ErrataLlmReply) reply = NULL;
      g_autoptr(GError) error = NULL;

      reply = _errata_llm_wire_parse_reply (provider, request, body, &error);
      g_assert_null (reply);
      g_assert_error (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_BAD_REPLY);
    }
  {
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) models = _errata_llm_wire_parse_models (body, &error);

    g_assert_null (models);
    g_assert_nonnull (error);
  }
}

/* crashes/markdown/assert-unbalanced-autolink-emphasis: md4c 0.4.8 leaves
 * an emphasis it never entered when a permissive autolink swallows its
 * start, and the renderer closed a range that was not open (an assertion).
 * The stray end is ignored: the text and the link come out whole. */
static void
test_markdown_unbalanced_span (void)
{
  g_autoptr(GtkTextTagTable) table = errata_markdown_new_tag_table ();
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (table);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  errata_markdown_render (buffer, "ftp://.c*t* and **bold**", -1);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_true (g_str_has_prefix (text, "ftp://.c*t"));
  g_assert_true (g_str_has_suffix (text, "bold"));
  g_assert_nonnull (errata_markdown_get_link_at (&start));
  gtk_text_iter_backward_char (&end);
  g_assert_true (gtk_text_iter_has_tag (&end, gtk_text_tag_table_lookup (table, ERRATA_MARKDOWN_TAG_STRONG)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fuzz/replay/%s", targets[i].name);

      g_test_add_data_func (path, &targets[i], test_replay);
    }
  g_test_add_func ("/fuzz/regression/langfuse-without-input", test_langfuse_without_input);
  g_test_add_func ("/fuzz/regression/wire-whitespace-reply", test_wire_whitespace_reply);
  g_test_add_func ("/fuzz/regression/markdown-unbalanced-span", test_markdown_unbalanced_span);
  return g_test_run ();
}
