/* errata-fuzz-import.c: every importer, fed one file into a fresh project.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "errata-fuzz-private.h"
#include "errata-fuzz.h"
#include "errata-importer.h"

/* The mapping the mapped target uses: every role, so that every branch of
 * the mapped converter is reachable (the seeds carry these field names). */
#define FUZZ_FIELD_MAP \
  "id=uid,input=question,output=answer,messages=conversation,note=Notes,verdict=verdict"

static void
import_file (GFile              *file,
             ErrataImportFormat  format)
{
  g_autofree char *project_path = g_build_filename (errata_fuzz_tmpdir (), "import.errata", NULL);
  g_autoptr(ErrataProject) project = _errata_fuzz_new_project ("import.errata");
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GError) error = NULL;


  errata_importer_set_format (importer, format);
  if (format == ERRATA_IMPORT_FORMAT_MAPPED)
    {
      g_autoptr(ErrataFieldMap) map = errata_field_map_parse (FUZZ_FIELD_MAP, &error);

      g_assert_no_error (error);
      errata_importer_set_field_map (importer, map);
    }
  /* Small batches: the commit between batches is a path of its own. */
  errata_importer_set_batch_size (importer, 2);
  report = errata_importer_import (importer, project, &file, 1, NULL, NULL);
  if (report != NULL)
    {
      GPtrArray *problems = errata_import_report_get_problems (report);

      for (guint i = 0; i < problems->len; i++)
        g_free (errata_import_problem_to_string (g_ptr_array_index (problems, i)));
      _errata_fuzz_read_project (project);
    }
  errata_project_close (project);
  g_clear_object (&project);
  _errata_fuzz_remove_project (project_path);
}

static int
fuzz_import (const guint8       *data,
             gsize               size,
             const char         *name,
             ErrataImportFormat  format)
{
  g_autofree char *path = _errata_fuzz_write_file (name, data, size);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  /* What the import page does first: guess the format from one record. */
  (void) errata_importer_detect_format (file, NULL, NULL);
  import_file (file, format);
  g_remove (path);
  return 0;
}

static int
fuzz_json_format (const guint8       *data,
                  gsize               size,
                  ErrataImportFormat  format)
{
  if (size == 0)
    return 0;
  return fuzz_import (data + 1, size - 1, data[0] % 2 == 0 ? "input.jsonl" : "input.json", format);
}

int
errata_fuzz_import_openai (const guint8 *data,
                           gsize         size)
{
  return fuzz_json_format (data, size, ERRATA_IMPORT_FORMAT_OPENAI);
}

int
errata_fuzz_import_otel (const guint8 *data,
                         gsize         size)
{
  return fuzz_json_format (data, size, ERRATA_IMPORT_FORMAT_OTEL);
}

int
errata_fuzz_import_langfuse (const guint8 *data,
                             gsize         size)
{
  return fuzz_json_format (data, size, ERRATA_IMPORT_FORMAT_LANGFUSE);
}

/* One request/response file, as one of a folder's *.json files. */
int
errata_fuzz_import_request_response (const guint8 *data,
                                     gsize         size)
{
  return fuzz_import (data, size, "input.json", ERRATA_IMPORT_FORMAT_REQUEST_RESPONSE);
}

int
errata_fuzz_import_mapped (const guint8 *data,
                           gsize         size)
{
  static const char * const names[] = { "input.jsonl", "input.json", "input.csv" };

  if (size == 0)
    return 0;
  return fuzz_import (data + 1, size - 1, names[data[0] % 3], ERRATA_IMPORT_FORMAT_MAPPED);
}
