/* errata-demo.c: the demo project, copied where the user may change it.
 *
 * The build makes demo.errata from data/demo and installs it read-only in
 * PKGDATADIR. The app never opens that file: reviewing the demo writes
 * verdicts and notes, so the user works on a copy in their data folder,
 * made the first time and again whenever the shipped file is newer (a new
 * release's demo replaces the old one).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-demo.h"

#include <errno.h>
#include <glib/gi18n.h>

#define DEMO_SHIPPED_NAME "demo.errata"
#define DEMO_COPY_NAME    "Demo.errata"

G_DEFINE_QUARK (errata-demo-error-quark, errata_demo_error)

/**
 * errata_demo_get_shipped:
 * @error: return location for an error
 *
 * Finds the demo project the build made or the package installed:
 * `ERRATA_DEMO_PROJECT` when set (tests and build-aux/run.sh set it to the
 * build folder's copy), else PKGDATADIR/demo.errata.
 *
 * Returns: (transfer full): the shipped demo, which must not be written
 */
GFile *
errata_demo_get_shipped (GError **error)
{
  const char *override = g_getenv ("ERRATA_DEMO_PROJECT");
  g_autoptr(GFile) file = NULL;

  if (override != NULL && *override != '\0')
    {
      file = g_file_new_for_path (override);
      if (!g_file_query_exists (file, NULL))
        {
          g_set_error (error, ERRATA_DEMO_ERROR, ERRATA_DEMO_ERROR_NOT_FOUND,
                       /* Translators: ERRATA_DEMO_PROJECT is an environment
                        * variable's name; %s is a file path. */
                       _("The demo project was not found: ERRATA_DEMO_PROJECT names “%s”, "
                         "which does not exist. Build Errata or unset the variable."),
                       override);
          return NULL;
        }
      return g_steal_pointer (&file);
    }

  file = g_file_new_for_path (PKGDATADIR G_DIR_SEPARATOR_S DEMO_SHIPPED_NAME);
  if (!g_file_query_exists (file, NULL))
    {
      g_set_error (error, ERRATA_DEMO_ERROR, ERRATA_DEMO_ERROR_NOT_FOUND,
                   /* Translators: %s is a file path. */
                   _("The demo project is not installed (“%s” is missing). "
                     "Reinstall Errata to get it back."),
                   PKGDATADIR G_DIR_SEPARATOR_S DEMO_SHIPPED_NAME);
      return NULL;
    }
  return g_steal_pointer (&file);
}

/**
 * errata_demo_get_copy_location:
 *
 * Returns: (transfer full): where the user's copy of the demo lives,
 *   whether or not it exists yet
 */
GFile *
errata_demo_get_copy_location (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "errata", DEMO_COPY_NAME, NULL);

  return g_file_new_for_path (path);
}

static gboolean
get_modified (GFile         *file,
              GDateTime    **modified,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return FALSE;
  *modified = g_file_info_get_modification_date_time (info);
  return TRUE;
}

/* TRUE when there is no copy yet or the shipped demo is newer than it. */
static gboolean
copy_is_stale (GFile         *shipped,
               GFile         *copy,
               gboolean      *stale,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GDateTime) shipped_time = NULL;
  g_autoptr(GDateTime) copy_time = NULL;

  if (!g_file_query_exists (copy, cancellable))
    {
      *stale = TRUE;
      return TRUE;
    }
  if (!get_modified (shipped, &shipped_time, cancellable, error) ||
      !get_modified (copy, &copy_time, cancellable, error))
    return FALSE;
  *stale = g_date_time_compare (shipped_time, copy_time) > 0;
  return TRUE;
}

static gboolean
delete_if_present (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_file_delete (file, cancellable, &local_error) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* The old copy's write-ahead log and shared memory belong to the old
 * database: left next to the new file, SQLite would replay them into it. */
static gboolean
delete_sidecars (GFile         *copy,
                 GCancellable  *cancellable,
                 GError       **error)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };
  g_autofree char *path = g_file_get_path (copy);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *sidecar_path = g_strconcat (path, suffixes[i], NULL);
      g_autoptr(GFile) sidecar = g_file_new_for_path (sidecar_path);

      if (!delete_if_present (sidecar, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

/* Copied beside the target and renamed over it, so that an interrupted
 * copy never leaves a half-written Demo.errata. Default permissions: the
 * installed file is read-only, the user's copy must not be. */
static gboolean
replace_copy (GFile         *shipped,
              GFile         *copy,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (copy);
  g_autofree char *partial_name = g_strdup_printf (".%s.part", DEMO_COPY_NAME);
  g_autoptr(GFile) partial = g_file_get_child (parent, partial_name);

  if (g_mkdir_with_parents (g_file_peek_path (parent), 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s", g_strerror (saved_errno));
      return FALSE;
    }
  if (!g_file_copy (shipped, partial,
                    G_FILE_COPY_OVERWRITE | G_FILE_COPY_TARGET_DEFAULT_PERMS,
                    cancellable, NULL, NULL, error))
    {
      delete_if_present (partial, NULL, NULL);
      return FALSE;
    }
  if (!delete_sidecars (copy, cancellable, error) ||
      !g_file_move (partial, copy, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, error))
    {
      delete_if_present (partial, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static GFile *
ensure_copy (GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFile) shipped = NULL;
  g_autoptr(GFile) copy = errata_demo_get_copy_location ();
  gboolean stale = FALSE;

  shipped = errata_demo_get_shipped (error);
  if (shipped == NULL)
    return NULL;
  if (!copy_is_stale (shipped, copy, &stale, cancellable, error))
    return NULL;
  if (stale && !replace_copy (shipped, copy, cancellable, error))
    {
      /* Translators: %s is the path of the user's copy of the demo. */
      g_prefix_error (error, _("Could not copy the demo project to “%s”: "), g_file_peek_path (copy));
      return NULL;
    }
  return g_steal_pointer (&copy);
}

/**
 * errata_demo_ensure_copy:
 * @error: return location for an error
 *
 * Makes sure the user's copy of the demo exists and is not older than the
 * shipped demo, copying it when needed; a copy at least as new as the
 * shipped file is left alone, with the user's verdicts and notes.
 *
 * Returns: (transfer full): the user's copy, to open read-write
 */
GFile *
errata_demo_ensure_copy (GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ensure_copy (NULL, error);
}

static void
ensure_copy_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GError *error = NULL;
  GFile *copy = ensure_copy (cancellable, &error);

  if (copy == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, copy, g_object_unref);
}

/**
 * errata_demo_ensure_copy_async:
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the copy is ready
 * @user_data: data for @callback
 *
 * Does errata_demo_ensure_copy() in a worker thread, so that the window
 * stays responsive while a slow disk copies the file.
 */
void
errata_demo_ensure_copy_async (GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_demo_ensure_copy_async);
  g_task_run_in_thread (task, ensure_copy_in_thread);
}

/**
 * errata_demo_ensure_copy_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the user's copy, or %NULL with @error set
 */
GFile *
errata_demo_ensure_copy_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == errata_demo_ensure_copy_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
