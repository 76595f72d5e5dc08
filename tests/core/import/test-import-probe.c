/* test-import-probe.c: the first look at files before an import (what
 * the import dialog shows), and the format table's names.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-import-probe.h"
#include "errata-importer.h"
#include "errata-test-utils.h"

static const char chat_jsonl[] =
  "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"hello\"}]}\n"
  "{\"messages\":[{\"role\":\"user\",\"content\":\"2+2?\"},{\"role\":\"assistant\",\"content\":\"4\"}]}\n"
  "{\"messages\":[{\"role\":\"user\",\"content\":\"bye\"},{\"role\":\"assistant\",\"content\":\"bye\"}]}\n";

static const char request_response[] =
  "{\"id\":\"r1\",\"request\":{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]},"
  "\"response\":{\"messages\":[{\"role\":\"assistant\",\"content\":\"a\"}]}}";

static GFile *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = errata_test_write_file (dir, name, contents, -1);

  return g_file_new_for_path (path);
}

static void
test_probe_file (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) file = write_file (dir, "chat.jsonl", chat_jsonl);
  g_autoptr(ErrataImportProbe) probe = errata_import_probe_file (file, 2, NULL);

  g_assert_no_error (errata_import_probe_get_error (probe));
  g_assert_true (errata_import_probe_get_file (probe) == file);
  g_assert_false (errata_import_probe_is_folder (probe));
  g_assert_cmpuint (errata_import_probe_get_n_files (probe), ==, 1);
  g_assert_cmpuint (errata_import_probe_get_size (probe), ==, sizeof chat_jsonl - 1);
  g_assert_cmpint (errata_import_probe_get_format (probe), ==, ERRATA_IMPORT_FORMAT_OPENAI);
  g_assert_false (errata_import_probe_blocks_import (probe));
  /* The sample keeps no more than it was asked for. */
  g_assert_nonnull (errata_import_probe_get_sample (probe));
  g_assert_cmpuint (errata_import_sample_get_n_records (errata_import_probe_get_sample (probe)),
                    ==, 2);
  errata_test_remove_tree (dir);
}

/* A folder stands for its .json files, as the importer reads them: not
 * its subfolders, not other files. */
static void
test_probe_folder (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *folder_path = g_build_filename (dir, "reports", NULL);
  g_autofree char *sub_path = g_build_filename (folder_path, "older", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autoptr(GFile) a = NULL;
  g_autoptr(GFile) b = NULL;
  g_autoptr(GFile) readme = NULL;
  g_autoptr(GFile) nested = NULL;
  g_autoptr(ErrataImportProbe) probe = NULL;

  g_assert_cmpint (g_mkdir_with_parents (sub_path, 0700), ==, 0);
  a = write_file (folder_path, "a.json", request_response);
  b = write_file (folder_path, "B.JSON", request_response);
  readme = write_file (folder_path, "readme.txt", "not a trace");
  nested = write_file (sub_path, "c.json", request_response);

  probe = errata_import_probe_file (folder, 5, NULL);
  g_assert_no_error (errata_import_probe_get_error (probe));
  g_assert_true (errata_import_probe_is_folder (probe));
  g_assert_cmpuint (errata_import_probe_get_n_files (probe), ==, 2);
  g_assert_cmpint (errata_import_probe_get_format (probe), ==,
                   ERRATA_IMPORT_FORMAT_REQUEST_RESPONSE);
  g_assert_null (errata_import_probe_get_sample (probe));
  errata_test_remove_tree (dir);
}

static void
test_probe_problems (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *missing_path = g_build_filename (dir, "gone.jsonl", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) empty = write_file (dir, "empty.jsonl", "");
  g_autoptr(ErrataImportProbe) gone = errata_import_probe_file (missing, 5, NULL);
  g_autoptr(ErrataImportProbe) nothing = errata_import_probe_file (empty, 5, NULL);

  /* Unreadable: the import cannot start. */
  g_assert_nonnull (errata_import_probe_get_error (gone));
  g_assert_true (errata_import_probe_blocks_import (gone));
  g_assert_cmpint (errata_import_probe_get_format (gone), ==, ERRATA_IMPORT_FORMAT_AUTO);
  g_assert_null (errata_import_probe_get_sample (gone));

  /* Empty: the format is unknown, but the import runs and reports it. */
  g_assert_error (errata_import_probe_get_error (nothing), ERRATA_IMPORT_ERROR,
                  ERRATA_IMPORT_ERROR_UNKNOWN_FORMAT);
  g_assert_false (errata_import_probe_blocks_import (nothing));
  errata_test_remove_tree (dir);
}

static void
on_probed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = errata_import_probe_files_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_probe_async (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) chat = write_file (dir, "chat.jsonl", chat_jsonl);
  g_autoptr(GFile) csv = write_file (dir, "table.csv", "query,answer\nhi,hello\n");
  GFile *files[] = { chat, csv };
  g_autoptr(GPtrArray) probes = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  errata_import_probe_files_async (files, 2, 5, NULL, on_probed, &probes);
  while (probes == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (probes);
  g_assert_cmpuint (probes->len, ==, 2);
  g_assert_true (errata_import_probe_get_file (probes->pdata[0]) == chat);
  g_assert_cmpint (errata_import_probe_get_format (probes->pdata[0]), ==,
                   ERRATA_IMPORT_FORMAT_OPENAI);
  g_assert_cmpint (errata_import_probe_get_format (probes->pdata[1]), ==,
                   ERRATA_IMPORT_FORMAT_MAPPED);
  errata_test_remove_tree (dir);
}

/* The table answers for every format, both ways. */
static void
test_format_table (void)
{
  for (ErrataImportFormat format = ERRATA_IMPORT_FORMAT_AUTO;
       format <= ERRATA_IMPORT_FORMAT_LANGFUSE; format++)
    {
      ErrataImportFormat parsed = -1;

      g_assert_true (errata_import_format_from_string (errata_import_format_to_string (format),
                                                       &parsed));
      g_assert_cmpint (parsed, ==, format);
      g_assert_cmpstr (errata_import_format_get_choice_name (format), !=, "");
      g_assert_cmpint (errata_import_format_needs_mapping (format), ==,
                       format == ERRATA_IMPORT_FORMAT_MAPPED);
    }
  g_assert_cmpstr (errata_import_format_get_choice_name (ERRATA_IMPORT_FORMAT_AUTO), ==,
                   "Automatic");
  g_assert_cmpstr (errata_import_format_get_choice_name (ERRATA_IMPORT_FORMAT_OTEL), ==,
                   "OpenTelemetry");
  g_assert_true (errata_import_format_from_string ("OTel", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-probe/file", test_probe_file);
  g_test_add_func ("/import-probe/folder", test_probe_folder);
  g_test_add_func ("/import-probe/problems", test_probe_problems);
  g_test_add_func ("/import-probe/async", test_probe_async);
  g_test_add_func ("/import-format/table", test_format_table);
  return g_test_run ();
}
