/* receive-test-utils.c: what the receiver's tests share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "receive-test-utils.h"

#include "errata-importer.h"
#include "errata-otlp-request.h"
#include "errata-stored-text.h"
#include "errata-test-utils.h"

#include <sqlite3.h>

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

GBytes *
receive_test_instrumented (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "import", "data",
                                                 "instrumented", name, NULL);

  return read_bytes (path);
}

GBytes *
receive_test_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "receive", "data", name, NULL);

  return read_bytes (path);
}

ErrataOtlpReceiver *
receive_test_start (const char *path,
                    guint       idle_ms)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ErrataOtlpReceiver *receiver = errata_otlp_receiver_new (file);

  errata_otlp_receiver_set_port (receiver, 0);
  errata_otlp_receiver_set_idle_timeout (receiver, idle_ms);
  errata_otlp_receiver_start (receiver, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_otlp_receiver_get_port (receiver), >, 0);
  return receiver;
}

static guint
post (SoupSession         *session,
      ErrataOtlpReceiver  *receiver,
      const char          *path,
      const char          *content_type,
      const char          *header,
      const char          *value,
      GBytes              *body,
      GBytes             **response)
{
  g_autofree char *endpoint = errata_otlp_receiver_dup_endpoint (receiver);
  g_autofree char *uri = g_strconcat (endpoint, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_POST, uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) answer = NULL;

  soup_message_set_request_body_from_bytes (message, content_type, body);
  if (value != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), header, value);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    errata_test_on_result, &result);
  errata_test_wait_for_result (&result);
  answer = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  if (response != NULL)
    *response = g_steal_pointer (&answer);
  return soup_message_get_status (message);
}

guint
receive_test_post (SoupSession         *session,
                   ErrataOtlpReceiver  *receiver,
                   const char          *path,
                   const char          *content_type,
                   const char          *content_encoding,
                   GBytes              *body,
                   GBytes             **response)
{
  return post (session, receiver, path, content_type, "Content-Encoding", content_encoding, body,
               response);
}

guint
receive_test_post_with (SoupSession        *session,
                        ErrataOtlpReceiver *receiver,
                        const char         *path,
                        const char         *content_type,
                        const char         *header,
                        const char         *value,
                        GBytes             *body)
{
  return post (session, receiver, path, content_type, header, value, body, NULL);
}


static void import_paths (const char *path, GPtrArray *files);

void
receive_test_import (const char         *path,
                     const char * const *names)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *data = g_test_build_filename (G_TEST_DIST, "core", "import", "data",
                                                     "instrumented", names[i], NULL);

      g_ptr_array_add (files, g_file_new_for_path (data));
    }
  import_paths (path, files);
}

void
receive_test_import_data (const char         *path,
                          const char * const *names)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *data = g_test_build_filename (G_TEST_DIST, "core", "receive", "data", names[i], NULL);

      g_ptr_array_add (files, g_file_new_for_path (data));
    }
  import_paths (path, files);
}

void
receive_test_import_file (const char *path,
                          const char *file)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (files, g_file_new_for_path (file));
  import_paths (path, files);
}

static void
import_paths (const char *path,
              GPtrArray  *files)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  report = errata_importer_import (importer, project, (GFile **)files->pdata, files->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (errata_import_report_get_n_added (report), >, 0);
  errata_project_close (project);
}

GBytes *
receive_test_gzip (GBytes *body)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_bytes (body);
  g_autoptr(GInputStream) converted = g_converter_input_stream_new (input, G_CONVERTER (compressor));
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (output, converted, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE
                          | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
}

GPtrArray *
receive_test_decode (ErrataOtlpSignal  signal,
                     GBytes           *body)
{
  g_autoptr(GError) error = NULL;
  guint rejected = 0;
  GPtrArray *spans = errata_otlp_decode_request (signal, ERRATA_OTLP_JSON, FALSE, body,
                                                 G_MAXSIZE, &rejected, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rejected, ==, 0);
  return spans;
}

char *
receive_test_metadata_text (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *text = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  errata_stored_text_register (db);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT errata_text (metadata) FROM traces ORDER BY external_id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (text, "%s\n", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (text, FALSE);
}
