/* errata-test-utils.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-test-utils.h"

#include <glib/gstdio.h>

char *
errata_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("errata-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
errata_test_remove_tree (const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children && (info = g_file_enumerator_next_file (children, NULL, NULL)))
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        errata_test_remove_tree (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }
  g_rmdir (path);
}

ErrataProject *
errata_test_new_project (char **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "test.errata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ErrataProject *project;

  project = errata_project_create (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  if (out_dir)
    *out_dir = g_steal_pointer (&dir);
  return project;
}

char *
errata_test_write_file (const char *dir,
                        const char *name,
                        const char *contents,
                        gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

static JsonObject *
message_new (const char *role,
             const char *content)
{
  JsonObject *message = json_object_new ();

  json_object_set_string_member (message, "role", role);
  json_object_set_string_member (message, "content", content);
  return message;
}

ErrataTrace *
errata_test_new_trace (const char *external_id,
                       const char *user_text,
                       const char *assistant_text)
{
  ErrataTrace *trace = errata_trace_new ();
  g_autoptr(JsonArray) messages = json_array_new ();

  json_array_add_object_element (messages, message_new ("user", user_text));
  json_array_add_object_element (messages, message_new ("assistant", assistant_text));
  errata_trace_set_external_id (trace, external_id);
  errata_trace_set_source (trace, "test");
  errata_trace_set_messages (trace, messages);
  return trace;
}
