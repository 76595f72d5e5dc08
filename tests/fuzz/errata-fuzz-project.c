/* errata-fuzz-project.c: opening a `.errata` file and reading it through,
 * and the temporary files every target shares.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "errata-fuzz-private.h"
#include "errata-fuzz.h"
#include "errata-taxonomy.h"
#include "errata-taxonomy-export.h"

static char *fuzz_dir;

static void
remove_fuzz_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (fuzz_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fuzz_dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fuzz_dir);
  g_clear_pointer (&fuzz_dir, g_free);
}

/* One directory per process, removed at exit: libFuzzer runs millions of
 * inputs, and each one reuses the same few file names in it. */
const char *
errata_fuzz_tmpdir (void)
{
  if (fuzz_dir == NULL)
    {
      g_autoptr(GError) error = NULL;

      fuzz_dir = g_dir_make_tmp ("errata-fuzz-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (remove_fuzz_dir);
    }
  return fuzz_dir;
}

/* Removes a project file and SQLite's companions, so that the next input
 * starts from nothing. */
void
_errata_fuzz_remove_project (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

char *
_errata_fuzz_write_file (const char   *name,
                         const guint8 *data,
                         gsize         size)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (errata_fuzz_tmpdir (), name, NULL);

  g_file_set_contents (path, (const char *) data, size, &error);
  g_assert_no_error (error);
  return path;
}

/* An empty project made once and copied for each input: creating the
 * schema anew every time would cost most of the run. */
static char *
template_path (void)
{
  static char *path;

  if (path == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(ErrataProject) project = NULL;

      path = g_build_filename (errata_fuzz_tmpdir (), "template.errata", NULL);
      file = g_file_new_for_path (path);
      project = errata_project_create (file, &error);
      g_assert_no_error (error);
      errata_project_close (project);
    }
  return path;
}

ErrataProject *
_errata_fuzz_new_project (const char *name)
{
  g_autofree char *path = g_build_filename (errata_fuzz_tmpdir (), name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ErrataProject *project;
  gsize length;

  _errata_fuzz_remove_project (path);
  g_file_get_contents (template_path (), &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  return project;
}

/* Whatever a trace holds is read and serialised once, as the trace view
 * would. */
static void
read_trace (ErrataProject *project,
            gint64         id)
{
  g_autoptr(ErrataTrace) trace = errata_project_get_trace (project, id, NULL);
  g_autoptr(GPtrArray) annotations = NULL;

  if (trace == NULL)
    return;
  if (errata_trace_get_messages (trace) != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, errata_trace_get_messages (trace));
      g_free (json_to_string (node, FALSE));
    }
  (void) errata_trace_get_input (trace);
  (void) errata_trace_get_output (trace);
  (void) errata_trace_get_note (trace);
  annotations = errata_project_list_annotations (project, id, NULL);
}

static void
read_taxonomy (ErrataProject *project)
{
  g_autoptr(ErrataTaxonomy) taxonomy = errata_taxonomy_new (project);
  g_autoptr(GPtrArray) modes = errata_taxonomy_list_modes (taxonomy, NULL);
  g_autoptr(GPtrArray) cards = errata_taxonomy_list_cards (taxonomy, -1, NULL);
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GArray) saturation = errata_taxonomy_saturation (taxonomy, NULL);
  guint reviewed = 0;

  /* The labels the failure-modes page shows for each mode and card. */
  for (guint i = 0; modes != NULL && i < modes->len; i++)
    {
      ErrataFailureMode *mode = g_ptr_array_index (modes, i);

      for (guint j = 0; cards != NULL && j < cards->len; j++)
        {
          ErrataNoteCard *card = g_ptr_array_index (cards, j);

          (void) errata_taxonomy_get_label (taxonomy, card->trace_id, mode->id, NULL);
        }
    }
  counts = errata_taxonomy_count_modes (taxonomy, &reviewed, NULL);
  if (saturation != NULL)
    (void) errata_taxonomy_is_saturated (saturation, 3);
  g_free (errata_taxonomy_export_markdown (taxonomy, 2, NULL));
  g_free (errata_taxonomy_export_json (taxonomy, 2, NULL));
}

/* Every trace, annotation and failure mode the project holds. Errors are
 * expected (the file may be anything); crashes and criticals are not. */
void
_errata_fuzz_read_project (ErrataProject *project)
{
  g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();
  g_autoptr(GArray) ids = NULL;
  ErrataProjectInfo info;

  errata_project_get_info (project, &info, NULL);
  ids = errata_project_query_trace_ids (project, query, NULL, NULL);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    read_trace (project, g_array_index (ids, gint64, i));
  read_taxonomy (project);
}

int
errata_fuzz_project_open (const guint8 *data,
                          gsize         size)
{
  g_autofree char *path = _errata_fuzz_write_file ("open.errata", data, size);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ErrataProject) project = NULL;

  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, NULL);
  if (project != NULL)
    {
      _errata_fuzz_read_project (project);
      errata_project_close (project);
    }
  g_clear_object (&project);
  _errata_fuzz_remove_project (path);
  return 0;
}
