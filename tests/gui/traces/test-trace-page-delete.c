/* test-trace-page-delete.c: Delete an Import… and Delete Traces… on the
 * Traces page, as a user goes through them: the list of imports, the
 * confirmation with what goes (rendered to PNG files in the build folder),
 * the deletion, the toast's Undo and traces.undo-delete.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "errata-gui-test-utils.h"
#include "errata-importer.h"
#include "errata-project-imports.h"
#include "errata-project-private.h"
#include "errata-test-utils.h"
#include "errata-toast-helper.h"
#include "trace-page-fixture.h"

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

#define N_IMPORTED 12

/* calls.jsonl, 12 traces, imported into the page's project; the first
 * reviewed by the reviewer. Returns the import's id. */
static gint64
import_calls (Fixture *fixture)
{
  ErrataProject *project = errata_traces_page_get_project (fixture->page);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(ErrataTrace) first = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= N_IMPORTED; i++)
    g_string_append_printf (text, "{\"id\": \"call-%u\", \"messages\": [{\"role\": \"user\","
                            " \"content\": \"callword %u\"}, {\"role\": \"assistant\","
                            " \"content\": \"answer\"}]}\n", i, i);
  path = errata_test_write_file (fixture->dir, "calls.jsonl", text->str, -1);
  file = g_file_new_for_path (path);
  report = errata_importer_import (importer, project, &file, 1, NULL, &error);
  g_assert_no_error (error);
  first = errata_project_find_trace (project, "calls.jsonl", "call-1", &error);
  g_assert_no_error (error);
  annotate (project, errata_trace_get_id (first), ERRATA_VERDICT_FAIL, "rude");
  imports = errata_project_list_imports (project, &error);
  g_assert_no_error (error);
  errata_traces_page_reload (fixture->page);
  wait_for_list (fixture);
  return ((ErrataImportInfo *)imports->pdata[imports->len - 1])->id;
}

static AdwMessageDialog *
find_dialog (const char *css_class)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_has_css_class (toplevel, css_class) &&
          gtk_widget_get_visible (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
dialog_is_shown (gpointer data)
{
  return find_dialog (data) != NULL;
}

/* As a click on a response button does: the response, then the close
 * (adw_message_dialog_response() alone leaves the dialog open). */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static gboolean
dialog_is_gone (gpointer data)
{
  return find_dialog (data) == NULL;
}

static AdwMessageDialog *
wait_for_dialog (const char *css_class)
{
  AdwMessageDialog *dialog;

  errata_gui_test_iterate_until (dialog_is_shown, (gpointer)css_class);
  dialog = find_dialog (css_class);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, dialog);
  return dialog;
}

typedef struct
{
  Fixture *fixture;
  guint    n_items;
} ListSize;

static gboolean
list_has (gpointer data)
{
  ListSize *size = data;

  return model_is_loaded (size->fixture->model)
         && g_list_model_get_n_items (size->fixture->model) == size->n_items;
}

static void
wait_for_n_items (Fixture *fixture,
                  guint    n_items)
{
  ListSize size = { fixture, n_items };

  errata_gui_test_iterate_until (list_has, &size);
}

static const char *
toast_title (Fixture *fixture)
{
  AdwToastOverlay *overlay = errata_gui_test_find_first (GTK_WIDGET (fixture->page),
                                                         ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast = errata_toast_helper_get_toast (overlay);

  return toast != NULL ? adw_toast_get_title (toast) : "";
}

/* The deleted rows kept for undo: files errata-undo-*.db in the
 * temporary folder. */
static guint
count_undo_files (void)
{
  g_autoptr(GDir) dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "errata-undo-") && g_str_has_suffix (name, ".db"))
      n++;
  return n;
}

static gboolean
no_more_undo_files (gpointer data)
{
  return count_undo_files () == GPOINTER_TO_UINT (data);
}

static gboolean
focus_is_in_search (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL;
}

static gboolean
toast_says_brought_back (gpointer data)
{
  return g_str_has_prefix (toast_title (data), "Brought back");
}

/* Delete an Import…: the list, the confirmation and its counts, the
 * deletion, then Undo from the toast's action. */
static void
test_delete_import_and_undo (Fixture       *fixture,
                             gconstpointer  data)
{
  gint64 import_id = import_calls (fixture);
  AdwMessageDialog *chooser;
  AdwMessageDialog *confirmation;
  g_autoptr(GdkTexture) chooser_png = NULL;
  g_autoptr(GdkTexture) confirmation_png = NULL;
  g_autofree char *text = NULL;
  g_autofree char *chooser_text = NULL;
  guint undo_files = count_undo_files ();

  wait_for_n_items (fixture, N_TRACES + N_IMPORTED);

  /* The menu's way: a list of imports, the latest chosen. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-import",
                                             NULL));
  chooser = wait_for_dialog ("delete-import-dialog");
  chooser_text = errata_gui_test_dup_visible_text (GTK_WIDGET (chooser));
  g_assert_nonnull (strstr (chooser_text, "calls.jsonl"));
  g_assert_nonnull (strstr (chooser_text, "12 traces"));
  chooser_png = errata_gui_test_render_to_png (GTK_WIDGET (chooser), "delete-import-chooser.png");
  respond (chooser, "next");

  confirmation = wait_for_dialog ("delete-traces-dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (confirmation), ==,
                   "Delete 12 Traces of calls.jsonl?");
  text = g_strdup (adw_message_dialog_get_body (confirmation));
  g_assert_nonnull (strstr (text, "1 review (made here or merged) goes with them."));
  g_assert_nonnull (strstr (text, "undo this until you close the project"));
  confirmation_png = errata_gui_test_render_to_png (GTK_WIDGET (confirmation),
                                                    "delete-import-confirmation.png");
  respond (confirmation, "delete");

  wait_for_n_items (fixture, N_TRACES);
  g_assert_cmpstr (toast_title (fixture), ==, "Deleted 12 traces");
  g_assert_cmpint (import_id, >, 0);
  g_assert_cmpuint (count_undo_files (), ==, undo_files + 1);

  /* The toast's Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "traces.undo-delete",
                                             NULL));
  wait_for_n_items (fixture, N_TRACES + N_IMPORTED);
  errata_gui_test_iterate_until (toast_says_brought_back, fixture);
  g_assert_cmpuint (count_undo_files (), ==, undo_files);

  /* Deleted again, then the project closed: the rows kept for undo go. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "traces.delete-import",
                                             "x", import_id));
  respond (wait_for_dialog ("delete-traces-dialog"), "delete");
  wait_for_n_items (fixture, N_TRACES);
  g_assert_cmpuint (count_undo_files (), ==, undo_files + 1);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  errata_gui_test_iterate_until (no_more_undo_files, GUINT_TO_POINTER (undo_files));
}

/* Delete Traces… without a filter: the trace on show, one. With a search:
 * every trace the list shows. Cancel deletes nothing. */
static void
test_delete_shown_traces (Fixture       *fixture,
                          gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *search;

  import_calls (fixture);
  wait_for_n_items (fixture, N_TRACES + N_IMPORTED);

  activate (fixture, "traces.delete-traces");
  dialog = wait_for_dialog ("delete-traces-dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete This Trace?");
  /* One trace: "it", never "them". */
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "them"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), " with it."));
  respond (dialog, "cancel");
  errata_gui_test_iterate_until (dialog_is_gone, (gpointer)"delete-traces-dialog");
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, N_TRACES + N_IMPORTED);

  /* The list searched for the imported traces' word. */
  activate (fixture, "traces.search");
  errata_gui_test_iterate_until (focus_is_in_search, fixture->window);
  search = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                    GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (search), "callword");
  g_signal_emit_by_name (search, "search-changed");
  wait_for_n_items (fixture, N_IMPORTED);
  activate (fixture, "traces.delete-traces");
  dialog = wait_for_dialog ("delete-traces-dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete the 12 Traces Shown?");
  respond (dialog, "delete");
  wait_for_n_items (fixture, 0);
  g_assert_cmpstr (toast_title (fixture), ==, "Deleted 12 traces");
}

/* Shift+click selects a range, Ctrl+click adds a row (and shows it);
 * Delete Traces… then takes the selected rows, and j selects one again. */
static void
test_delete_selected (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkColumnView *column_view = errata_gui_test_find_first (GTK_WIDGET (fixture->page),
                                                           GTK_TYPE_COLUMN_VIEW);
  GtkSelectionModel *selection = gtk_column_view_get_model (column_view);
  g_autoptr(ErrataTrace) tenth = g_list_model_get_item (fixture->model, 10);
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(ErrataTrace) first = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (GTK_IS_MULTI_SELECTION (selection));
  /* What a click on row 4 then Shift+click on row 6, then Ctrl+click on
   * row 10, ask of the selection. */
  gtk_selection_model_select_item (selection, 4, TRUE);
  gtk_selection_model_select_range (selection, 4, 3, TRUE);
  gtk_selection_model_select_item (selection, 10, FALSE);
  errata_gui_test_iterate_for (100);
  g_assert_cmpint (current_id (fixture), ==, errata_trace_get_id (tenth));

  activate (fixture, "traces.delete-traces");
  dialog = wait_for_dialog ("delete-traces-dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete 4 Selected Traces?");
  respond (dialog, "delete");
  wait_for_n_items (fixture, N_TRACES - 4);
  g_assert_cmpstr (toast_title (fixture), ==, "Deleted 4 traces");

  /* Ctrl+Z, right after: the deletion comes back. */
  activate (fixture, "traces.undo");
  wait_for_n_items (fixture, N_TRACES);
  errata_gui_test_iterate_until (toast_says_brought_back, fixture);
  /* Selected and deleted again, for what follows. */
  gtk_selection_model_select_range (selection, 4, 4, TRUE);
  errata_gui_test_iterate_for (100);
  activate (fixture, "traces.delete-traces");
  dialog = wait_for_dialog ("delete-traces-dialog");
  respond (dialog, "delete");
  wait_for_n_items (fixture, N_TRACES - 4);

  /* One row selected again, and j moves it. */
  activate (fixture, "traces.next");
  errata_gui_test_iterate_for (100);
  selected = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  first = g_list_model_get_item (fixture->model, gtk_bitset_get_minimum (selected));
  g_assert_cmpint (current_id (fixture), ==, errata_trace_get_id (first));
}

static gint64
import_shared (Fixture    *fixture,
               const char *path)
{
  ErrataProject *project = errata_traces_page_get_project (fixture->page);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ErrataImporter) importer = errata_importer_new ();
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GError) error = NULL;

  report = errata_importer_import (importer, project, &file, 1, NULL, &error);
  g_assert_no_error (error);
  imports = errata_project_list_imports (project, &error);
  g_assert_no_error (error);
  return ((ErrataImportInfo *)imports->pdata[imports->len - 1])->id;
}

/* With the shared real traces (ERRATA_SHARED_DATA): the leasing traces and
 * the multi-agent ones imported, three of the latter reviewed, that import
 * deleted and brought back. The window is rendered at each step. */
static void
test_real_data (Fixture       *fixture,
                gconstpointer  data)
{
  const char *shared = g_getenv ("ERRATA_SHARED_DATA");
  g_autofree char *leasing = NULL;
  g_autofree char *agents = NULL;
  ErrataProject *project = errata_traces_page_get_project (fixture->page);
  AdwMessageDialog *confirmation;
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) dialog_png = NULL;
  g_autoptr(GdkTexture) after = NULL;
  g_autoptr(GdkTexture) undone = NULL;
  g_autoptr(GError) error = NULL;
  gint64 agents_id;

  if (shared != NULL)
    {
      leasing = g_build_filename (shared, "recipe-chatbot", "nurtureboss_traces.json", NULL);
      agents = g_build_filename (shared, "recipe-chatbot", "agent_traces.jsonl", NULL);
    }
  if (leasing == NULL || !g_file_test (leasing, G_FILE_TEST_EXISTS) ||
      !g_file_test (agents, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no shared data (ERRATA_SHARED_DATA)");
      return;
    }
  import_shared (fixture, leasing);
  agents_id = import_shared (fixture, agents);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM traces WHERE import_id = %"
                                              G_GINT64_FORMAT " ORDER BY id LIMIT 1 OFFSET %u",
                                              agents_id, i);
      gint64 id = 0;

      g_assert_true (_errata_project_query_int (project, sql, &id, &error));
      annotate (project, id, i == 1 ? ERRATA_VERDICT_PASS : ERRATA_VERDICT_FAIL,
                i == 0 ? "sent the order to the wrong agent" : "");
    }
  errata_traces_page_reload (fixture->page);
  wait_for_n_items (fixture, N_TRACES + 100 + 96);
  before = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "delete-real-before.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "traces.delete-import",
                                             "x", agents_id));
  confirmation = wait_for_dialog ("delete-traces-dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (confirmation), ==,
                   "Delete 96 Traces of agent_traces.jsonl?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirmation),
                            "3 reviews (made here or merged) go with them."));
  dialog_png = errata_gui_test_render_to_png (GTK_WIDGET (confirmation),
                                              "delete-real-confirmation.png");
  respond (confirmation, "delete");
  wait_for_n_items (fixture, N_TRACES + 100);
  after = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "delete-real-after.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "traces.undo-delete",
                                             NULL));
  wait_for_n_items (fixture, N_TRACES + 100 + 96);
  errata_gui_test_iterate_until (toast_says_brought_back, fixture);
  undone = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "delete-real-undone.png");
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

G_GNUC_END_IGNORE_DEPRECATIONS

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;
  g_autofree char *tmp = g_build_filename (g_getenv ("TMPDIR") ? g_getenv ("TMPDIR") : "/tmp",
                                           "errata-test-delete-XXXXXX", NULL);

  /* A temporary folder of its own, where only this test's undo files are
   * counted. Made without g_get_tmp_dir(), which reads TMPDIR once, at its
   * first call. */
  g_assert_nonnull (g_mkdtemp (tmp));
  g_setenv ("TMPDIR", tmp, TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/trace-page-delete/no-display", test_no_display);
      return g_test_run ();
    }

  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  ADD_TEST ("/trace-page-delete/import-and-undo", test_delete_import_and_undo);
  ADD_TEST ("/trace-page-delete/shown-traces", test_delete_shown_traces);
  ADD_TEST ("/trace-page-delete/selected", test_delete_selected);
  ADD_TEST ("/trace-page-delete/real-data", test_real_data);
  status = g_test_run ();
  g_assert_cmpstr (g_get_tmp_dir (), ==, tmp);
  g_rmdir (tmp);
  return status;
}
