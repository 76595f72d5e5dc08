/* test-metadata-view.c: the trace's details, here the date it was
 * imported, which read "12/04/26 05:10:00" (%x %X) before: 12 April or
 * 4 December, depending on the reader.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "errata-date.h"
#include "errata-gui-test-utils.h"
#include "errata-metadata-view.h"
#include "errata-test-utils.h"

/* Any label under `root`: the details may sit in a folded expander. */
static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  g_autoptr(GPtrArray) labels = errata_gui_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return TRUE;
  return FALSE;
}

static void
test_imported_date (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = errata_test_new_project (&dir);
  g_autoptr(ErrataTrace) added = errata_test_new_trace ("t-1", "question", "answer");
  g_autoptr(ErrataTrace) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) unambiguous = g_regex_new ("^[0-9]{1,2} [A-Za-z]{3} [0-9]{4}, [0-9]{2}:[0-9]{2}$",
                                               0, 0, NULL);
  g_autofree char *expected = NULL;
  GtkWidget *view = errata_metadata_view_new ();

  g_object_ref_sink (view);
  g_assert_true (errata_project_add_trace (project, added, NULL, &error));
  g_assert_no_error (error);
  stored = errata_project_get_trace (project, errata_trace_get_id (added), &error);
  g_assert_no_error (error);
  g_assert_cmpint (errata_trace_get_imported_at (stored), >, 0);

  errata_metadata_view_set_trace (ERRATA_METADATA_VIEW (view), stored);
  expected = errata_date_format_usec (errata_trace_get_imported_at (stored));
  g_assert_true (g_regex_match (unambiguous, expected, 0, NULL));
  g_assert_true (has_label (view, "Imported"));
  g_assert_true (has_label (view, expected));

  g_object_unref (view);
  errata_project_close (project);
  errata_test_remove_tree (dir);
}

static void
test_no_display (void)
{
  g_test_skip ("No display: run under xvfb-run");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_add_func ("/metadata-view/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();
  g_test_add_func ("/metadata-view/imported-date", test_imported_date);
  return g_test_run ();
}
