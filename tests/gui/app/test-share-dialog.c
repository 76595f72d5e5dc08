/* test-share-dialog.c: "Share a Copy" in a window under a real display,
 * and the toast that says where an upgraded project's old file is.
 * The dialog is rendered to share-dialog.png in the build folder.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "errata-application.h"
#include "errata-gui-test-utils.h"
#include "errata-project-schema.h"
#include "errata-share-dialog.h"
#include "errata-test-utils.h"
#include "errata-window.h"

static ErrataApplication *app;

#define iterate_until errata_gui_test_iterate_until
#define iterate_for errata_gui_test_iterate_for

static GFile *
make_project (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "support.errata", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) project = errata_project_create (file, &error);

  g_assert_no_error (error);
  for (guint i = 1; i <= 2; i++)
    {
      g_autofree char *id = g_strdup_printf ("support-%u", i);
      g_autofree char *input = g_strdup_printf ("I am pat%u@example.com and I am locked out", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, input, "Reset it here.");

      g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
      g_assert_no_error (error);
    }
  errata_project_close (project);
  return g_steal_pointer (&file);
}

static gboolean
window_is_ready (gpointer data)
{
  return !errata_window_is_loading (data) && errata_gui_test_widget_is_drawn (data);
}

static ErrataWindow *
open_and_wait (GFile *file)
{
  GList *windows;
  ErrataWindow *window;

  errata_application_open_file (app, file);
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = windows->data;
  iterate_until (window_is_ready, window);
  return window;
}

static void
destroy_all_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))))
    gtk_window_destroy (windows->data);
  iterate_for (50);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static ErrataShareDialog *
find_dialog (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (ERRATA_IS_SHARE_DIALOG (l->data))
      return l->data;
  {
    /* The list is ours to free; the windows are not. */
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l; l = l->next)
      if (ERRATA_IS_SHARE_DIALOG (l->data))
        return l->data;
  }
  return NULL;
}

static gboolean
dialog_is_idle (gpointer data)
{
  return !errata_share_dialog_is_busy (data) && errata_gui_test_widget_is_drawn (data);
}

static gboolean
dialog_is_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static gboolean
shows_copied_toast (gpointer data)
{
  return errata_gui_test_shows_label (data, (const char *)g_object_get_data (data, "expected"));
}

/* The menu item opens the dialog; redaction counts the addresses before
 * anything is written; saving writes a copy without them, closes the
 * dialog and says where the copy is. */
static void
test_share_redacted (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) file = make_project (dir);
  g_autofree char *dest_path = g_build_filename (dir, "shared.errata", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (dest_path);
  g_autofree char *expected = g_strdup_printf ("Copy saved as “%s”", dest_path);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *contents = NULL;
  ErrataWindow *window = open_and_wait (file);
  ErrataShareDialog *dialog;
  GtkWidget *redact;
  gsize len = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.share-copy", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  iterate_until (dialog_is_idle, dialog);
  g_assert_false (gtk_widget_get_visible (find_named (GTK_WIDGET (dialog), "counts-group")));

  redact = find_named (GTK_WIDGET (dialog), "redact-switch");
  g_assert_nonnull (redact);
  gtk_switch_set_active (GTK_SWITCH (redact), TRUE);
  g_assert_true (errata_share_dialog_is_busy (dialog));
  g_assert_false (gtk_widget_get_sensitive (find_named (GTK_WIDGET (dialog), "save-button")));
  iterate_until (dialog_is_idle, dialog);
  g_assert_true (gtk_widget_get_visible (find_named (GTK_WIDGET (dialog), "counts-group")));
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (dialog), "E-mail addresses"));
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (dialog), "2"));
  g_assert_true (gtk_widget_get_sensitive (find_named (GTK_WIDGET (dialog), "save-button")));
  texture = errata_gui_test_render_to_png (GTK_WIDGET (dialog), "share-dialog.png");
  g_assert_nonnull (texture);
  g_assert_false (g_file_query_exists (dest, NULL));

  errata_share_dialog_save_to (dialog, dest);
  iterate_until (dialog_is_gone, NULL);
  g_assert_true (g_file_get_contents (dest_path, &contents, &len, NULL));
  g_assert_null (g_strstr_len (contents, len, "example.com"));
  g_object_set_data (G_OBJECT (window), "expected", expected);
  iterate_until (shows_copied_toast, window);

  destroy_all_windows ();
  errata_test_remove_tree (dir);
}

static gboolean
shows_upgrade_toast (gpointer data)
{
  return errata_gui_test_shows_label (data, "Upgraded for this version of Errata. The old file "
                                            "is kept beside it as “old.errata.v2.bak”.");
}

/* Opening a project of an older format says where the old file is. */
static void
test_upgrade_toast (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.errata", NULL);
  g_autofree char *backup = g_strconcat (path, ".v2.bak", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *sql = g_strdup_printf ("%s %s PRAGMA application_id = %d;"
                                          " PRAGMA user_version = 2;"
                                          "INSERT INTO traces (external_id, imported_at, sample_key)"
                                          " VALUES ('old', 0, 1);",
                                          errata_project_migrations[1],
                                          errata_project_migrations[2],
                                          ERRATA_PROJECT_APPLICATION_ID);
  sqlite3 *db = NULL;
  ErrataWindow *window;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  window = open_and_wait (file);
  iterate_until (shows_upgrade_toast, window);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  destroy_all_windows ();
  errata_test_remove_tree (dir);
}

static void
test_no_display (void)
{
  g_test_skip ("No display");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_add_func ("/share-dialog/no-display", test_no_display);
      return g_test_run ();
    }
  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/share-dialog/redacted", test_share_redacted);
  g_test_add_func ("/share-dialog/upgrade-toast", test_upgrade_toast);

  return g_test_run ();
}
