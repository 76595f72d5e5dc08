/* errata-trust.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is a GKeyFile with one group per project id; each key is the
 * SHA-256 of a trusted command line, and its value the command line itself,
 * so that a person reading the file sees what they trusted:
 *
 *   [6f1c2e4a-…]
 *   9b74c9897bac770ffc029102a200c5de…=python3 checks/no_pii.py
 */

#include "config.h"

#include "errata-trust.h"
#include "errata-eval-types.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#define TRUST_FILE_COMMENT \
  " Commands from Errata projects that may run on this machine, by project id.\n" \
  " Each key is the SHA-256 of the command; the value is the command itself.\n" \
  " Written by Errata: remove a line to take the trust back."

char *
errata_trust_dup_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "errata", "trust.ini", NULL);
}

/* A GKeyFile group name may not hold brackets or control characters; a
 * project id is a UUID, so anything else is refused rather than escaped. */
static gboolean
project_id_is_valid (const char *project_id)
{
  if (project_id == NULL || *project_id == '\0' || !g_utf8_validate (project_id, -1, NULL))
    return FALSE;
  for (const char *p = project_id; *p != '\0'; p++)
    if (*p == '[' || *p == ']' || g_ascii_iscntrl (*p))
      return FALSE;
  return TRUE;
}

static gboolean
check_project_id (const char  *project_id,
                  GError     **error)
{
  if (project_id_is_valid (project_id))
    return TRUE;
  g_set_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID,
               _("The project has no usable identity (“%s”): its commands cannot be trusted"),
               project_id != NULL ? project_id : "");
  return FALSE;
}

static char *
command_key (const char *command_line)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, command_line, -1);
}

/* Loads the trust file; a missing file is an empty one. */
static GKeyFile *
load_trust (const char  *path,
            GError     **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;

  if (!g_key_file_load_from_file (keys, path, G_KEY_FILE_KEEP_COMMENTS, &local_error)
      && !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not read the trusted commands in “%s”: %s. Fix or remove the file."),
                   path, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&keys);
}

/* g_file_set_contents_full writes a temporary file and renames it over the
 * old one: a crash leaves the old trust or the new, never half a file. */
static gboolean
save_trust (GKeyFile    *keys,
            const char  *path,
            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *data = NULL;
  gsize length = 0;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  g_key_file_set_comment (keys, NULL, NULL, TRUST_FILE_COMMENT, NULL);
  data = g_key_file_to_data (keys, &length, NULL);
  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    {
      g_prefix_error (error, _("Could not save the trusted commands: "));
      return FALSE;
    }
  return TRUE;
}

gboolean
errata_trust_is_trusted (const char *project_id,
                         const char *command_line)
{
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GKeyFile) keys = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (command_line != NULL, FALSE);

  if (!project_id_is_valid (project_id))
    return FALSE;
  path = errata_trust_dup_path ();
  keys = load_trust (path, &error);
  if (keys == NULL)
    {
      g_debug ("%s", error->message);
      return FALSE;
    }
  key = command_key (command_line);
  stored = g_key_file_get_string (keys, project_id, key, NULL);
  /* The hash decides; the stored text only has to agree, so that a line
   * edited by hand to another command does not keep the old trust. */
  return stored != NULL && g_str_equal (stored, command_line);
}

gboolean
errata_trust_grant (const char  *project_id,
                    const char  *command_line,
                    GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GKeyFile) keys = NULL;

  g_return_val_if_fail (command_line != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_project_id (project_id, error))
    return FALSE;
  path = errata_trust_dup_path ();
  keys = load_trust (path, error);
  if (keys == NULL)
    return FALSE;
  key = command_key (command_line);
  g_key_file_set_string (keys, project_id, key, command_line);
  return save_trust (keys, path, error);
}

gboolean
errata_trust_revoke (const char  *project_id,
                     const char  *command_line,
                     GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GKeyFile) keys = NULL;
  gboolean changed;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_project_id (project_id, error))
    return FALSE;
  path = errata_trust_dup_path ();
  keys = load_trust (path, error);
  if (keys == NULL)
    return FALSE;
  if (command_line == NULL)
    changed = g_key_file_remove_group (keys, project_id, NULL);
  else
    {
      g_autofree char *key = command_key (command_line);

      changed = g_key_file_remove_key (keys, project_id, key, NULL);
    }
  return !changed || save_trust (keys, path, error);
}
