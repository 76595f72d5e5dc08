/* test-trust.c: which commands from which projects may run here.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * G_TEST_OPTION_ISOLATE_DIRS gives every test its own XDG_CONFIG_HOME in
 * a temporary folder: the user's own trust file is never touched.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "errata-eval-types.h"
#include "errata-trust.h"

#define PROJECT "5b0c8f1e-2d7a-4c55-9a61-0f3e8d2b7c44"
#define OTHER   "a3e1d9c0-7b42-4f18-8e6d-2c5a9b0f1d37"

static void
test_isolated (void)
{
  g_autofree char *path = errata_trust_dup_path ();

  g_assert_true (g_str_has_prefix (path, g_get_user_config_dir ()));
  g_assert_true (g_str_has_prefix (path, g_get_tmp_dir ()));
  g_assert_true (g_str_has_suffix (path, "/errata/trust.ini"));
}

static void
test_grant_and_revoke (void)
{
  g_autofree char *path = errata_trust_dup_path ();
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_false (errata_trust_is_trusted (PROJECT, "python3 check.py"));
  g_assert_true (errata_trust_grant (PROJECT, "python3 check.py", &error));
  g_assert_no_error (error);
  g_assert_true (errata_trust_is_trusted (PROJECT, "python3 check.py"));

  /* Another command, or the same one in another project, is not trusted. */
  g_assert_false (errata_trust_is_trusted (PROJECT, "python3 check.py --fix"));
  g_assert_false (errata_trust_is_trusted (OTHER, "python3 check.py"));

  /* The file is the user's alone, and says in words what was trusted. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "[" PROJECT "]"));
  g_assert_nonnull (strstr (contents, "=python3 check.py\n"));

  g_assert_true (errata_trust_revoke (PROJECT, "python3 check.py", &error));
  g_assert_no_error (error);
  g_assert_false (errata_trust_is_trusted (PROJECT, "python3 check.py"));
  /* Revoking what is not granted is no error. */
  g_assert_true (errata_trust_revoke (PROJECT, "python3 check.py", &error));
  g_assert_true (errata_trust_revoke (OTHER, NULL, &error));
  g_assert_no_error (error);
}

static void
test_revoke_project (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_trust_grant (PROJECT, "a", &error));
  g_assert_true (errata_trust_grant (PROJECT, "b", &error));
  g_assert_true (errata_trust_grant (OTHER, "a", &error));
  g_assert_no_error (error);

  g_assert_true (errata_trust_revoke (PROJECT, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (errata_trust_is_trusted (PROJECT, "a"));
  g_assert_false (errata_trust_is_trusted (PROJECT, "b"));
  g_assert_true (errata_trust_is_trusted (OTHER, "a"));
}

/* Quotes, newlines and non-ASCII survive the key file's escaping. */
static void
test_awkward_commands (void)
{
  static const char * const commands[] = {
    "sh -c 'grep -q \"[refund]\" && exit 1'",
    "python3 'checks/no pii.py'\n--strict",
    "./vérifier \\ # ; = [x]",
    "",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_assert_true (errata_trust_grant (PROJECT, commands[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_true (errata_trust_is_trusted (PROJECT, commands[i]));
  g_assert_false (errata_trust_is_trusted (PROJECT, "python3 'checks/no pii.py'"));
}

static void
test_bad_project_id (void)
{
  static const char * const ids[] = { "", "a]b", "[x", "line\nbreak" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (errata_trust_grant (ids[i], "true", &error));
      g_assert_error (error, ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID);
      g_assert_false (errata_trust_is_trusted (ids[i], "true"));
    }
  g_assert_false (errata_trust_is_trusted (NULL, "true"));
}

/* A line edited by hand to another command keeps its key, the hash of the
 * old one: it trusts neither. */
static void
test_edited_by_hand (void)
{
  g_autofree char *path = errata_trust_dup_path ();
  g_autofree char *contents = NULL;
  g_autofree char *edited = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (errata_trust_grant (PROJECT, "true", &error));
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  parts = g_strsplit (contents, "=true\n", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  edited = g_strjoin ("=rm -rf ~\n", parts[0], parts[1], NULL);
  g_assert_true (g_file_set_contents (path, edited, -1, &error));

  g_assert_false (errata_trust_is_trusted (PROJECT, "true"));
  g_assert_false (errata_trust_is_trusted (PROJECT, "rm -rf ~"));
}

/* A damaged file trusts nothing and is not overwritten: the user decides. */
static void
test_damaged_file (void)
{
  g_autofree char *path = errata_trust_dup_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "[" PROJECT "]\nno equals sign here\n", -1, &error));

  g_assert_false (errata_trust_is_trusted (PROJECT, "true"));
  g_assert_false (errata_trust_grant (PROJECT, "true", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "[" PROJECT "]\nno equals sign here\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trust/isolated", test_isolated);
  g_test_add_func ("/trust/grant-and-revoke", test_grant_and_revoke);
  g_test_add_func ("/trust/revoke-project", test_revoke_project);
  g_test_add_func ("/trust/awkward-commands", test_awkward_commands);
  g_test_add_func ("/trust/bad-project-id", test_bad_project_id);
  g_test_add_func ("/trust/edited-by-hand", test_edited_by_hand);
  g_test_add_func ("/trust/damaged-file", test_damaged_file);

  return g_test_run ();
}
