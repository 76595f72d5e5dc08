/* test-import-widgets.c: the import dialog's parts on their own: a file
 * row says what the probe found, the field map editor keeps the user's
 * choices, the summary lists what was skipped.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "errata-field-map-editor.h"
#include "errata-gui-test-utils.h"
#include "errata-import-file-row.h"
#include "errata-import-summary.h"
#include "errata-test-utils.h"

static const char mapped_jsonl[] =
  "{\"uuid\": \"l-1\", \"query\": \"Is the flat free?\", \"answer\": \"Yes.\"}\n"
  "{\"uuid\": \"l-2\", \"query\": \"Pets?\", \"answer\": \"No.\"}\n";

static GFile *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = errata_test_write_file (dir, name, contents, -1);

  return g_file_new_for_path (path);
}

static ErrataImportFileRow *
probed_row (GFile *file)
{
  ErrataImportFileRow *row = g_object_ref_sink (errata_import_file_row_new (file));

  errata_import_file_row_set_probe (row, errata_import_probe_file (file, 5, NULL));
  return row;
}

static void
test_file_row (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) mapped = write_file (dir, "listings.jsonl", mapped_jsonl);
  g_autofree char *missing_path = g_build_filename (dir, "gone.jsonl", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(ErrataImportFileRow) row = g_object_ref_sink (errata_import_file_row_new (mapped));
  g_autoptr(ErrataImportFileRow) gone = NULL;
  GtkWidget *warning;

  g_assert_cmpstr (errata_import_file_row_get_name (row), ==, "listings.jsonl");
  errata_import_file_row_describe (row, ERRATA_IMPORT_FORMAT_AUTO);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Looking at the file…");
  g_assert_cmpint (errata_import_file_row_get_format (row, ERRATA_IMPORT_FORMAT_AUTO), ==,
                   ERRATA_IMPORT_FORMAT_AUTO);

  errata_import_file_row_set_probe (row, errata_import_probe_file (mapped, 5, NULL));
  errata_import_file_row_describe (row, ERRATA_IMPORT_FORMAT_AUTO);
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                   " · not a known format: map its fields below"));
  g_assert_cmpint (errata_import_file_row_get_format (row, ERRATA_IMPORT_FORMAT_AUTO), ==,
                   ERRATA_IMPORT_FORMAT_MAPPED);
  /* Imported as something else, the row says both. */
  errata_import_file_row_describe (row, ERRATA_IMPORT_FORMAT_OPENAI);
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                   " · detected as Mapped fields, imported as OpenAI chat"));
  g_assert_cmpint (errata_import_file_row_get_format (row, ERRATA_IMPORT_FORMAT_OPENAI), ==,
                   ERRATA_IMPORT_FORMAT_OPENAI);
  g_assert_false (errata_import_file_row_blocks_import (row));
  g_assert_null (errata_gui_test_find_with_class (GTK_WIDGET (row), GTK_TYPE_IMAGE, "error"));

  /* A file that cannot be read blocks the import, with its reason shown. */
  gone = probed_row (missing);
  errata_import_file_row_describe (gone, ERRATA_IMPORT_FORMAT_AUTO);
  g_assert_true (errata_import_file_row_blocks_import (gone));
  warning = errata_gui_test_find_with_class (GTK_WIDGET (gone), GTK_TYPE_IMAGE, "error");
  g_assert_nonnull (warning);
  g_assert_true (gtk_widget_get_visible (warning));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (warning), ==,
                   adw_action_row_get_subtitle (ADW_ACTION_ROW (gone)));
  errata_test_remove_tree (dir);
}

static void
on_changed (ErrataFieldMapEditor *editor,
            guint                *count)
{
  (*count)++;
}

static AdwComboRow *
field_row (GtkWidget  *editor,
           const char *name)
{
  g_autoptr(GPtrArray) rows = errata_gui_test_find_all (editor, ADW_TYPE_COMBO_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (gtk_widget_get_name (rows->pdata[i]), name))
      return rows->pdata[i];
  g_assert_not_reached ();
}

static const char *
selected (AdwComboRow *row)
{
  return gtk_string_object_get_string (adw_combo_row_get_selected_item (row));
}

/* The first sample guesses the map; a choice of the user's stays when the
 * same sample is shown again, and tells the dialog. */
static void
test_field_map_editor (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) file = write_file (dir, "listings.jsonl", mapped_jsonl);
  g_autoptr(ErrataImportSample) sample = errata_import_sample_load (file, 5, NULL, NULL);
  GtkWidget *editor = g_object_ref_sink (g_object_new (ERRATA_TYPE_FIELD_MAP_EDITOR, NULL));
  AdwComboRow *output = field_row (editor, "field-output");
  ErrataFieldMap *map;
  guint changed = 0;

  g_assert_null (errata_field_map_editor_get_map (ERRATA_FIELD_MAP_EDITOR (editor)));
  g_signal_connect (editor, "changed", G_CALLBACK (on_changed), &changed);
  errata_field_map_editor_show_sample (ERRATA_FIELD_MAP_EDITOR (editor), sample);
  map = errata_field_map_editor_get_map (ERRATA_FIELD_MAP_EDITOR (editor));
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_INPUT), ==, "query");
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_OUTPUT), ==, "answer");
  g_assert_cmpstr (errata_field_map_get (map, ERRATA_FIELD_ID), ==, "uuid");
  g_assert_cmpstr (selected (field_row (editor, "field-input")), ==, "query");
  g_assert_cmpuint (changed, ==, 0);

  /* "(none)" is the first entry. */
  adw_combo_row_set_selected (output, 0);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_null (errata_field_map_get (map, ERRATA_FIELD_OUTPUT));
  errata_field_map_editor_show_sample (ERRATA_FIELD_MAP_EDITOR (editor), sample);
  g_assert_null (errata_field_map_get (map, ERRATA_FIELD_OUTPUT));
  g_assert_cmpstr (selected (output), ==, "(none)");

  /* No sample: nothing to choose from, the choices go. */
  errata_field_map_editor_show_sample (ERRATA_FIELD_MAP_EDITOR (editor), NULL);
  g_assert_null (errata_field_map_get (map, ERRATA_FIELD_INPUT));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (output)), ==, 1);
  g_assert_cmpuint (changed, ==, 1);

  g_object_unref (editor);
  errata_test_remove_tree (dir);
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  g_autoptr(GPtrArray) labels = errata_gui_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_visible (labels->pdata[i])
        && g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return TRUE;
  return FALSE;
}

static void
test_summary (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) file = write_file (dir, "listings.jsonl", mapped_jsonl);
  g_autoptr(ErrataImportFileRow) row = probed_row (file);
  g_autoptr(ErrataImportReport) report = errata_import_report_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");
  GtkWidget *summary = g_object_ref_sink (g_object_new (ERRATA_TYPE_IMPORT_SUMMARY, NULL));
  GtkListBox *problems;

  errata_import_report_add_file (report, "Mapped fields (JSONL)");
  errata_import_report_count_record (report, TRUE);
  errata_import_report_add_problem (report, "listings.jsonl", 2, 2, "no input");
  g_ptr_array_add (rows, row);
  errata_import_summary_show_report (ERRATA_IMPORT_SUMMARY (summary), report, rows);
  g_assert_true (has_label (summary, "Import Complete"));
  g_assert_nonnull (errata_gui_test_find_with_class (summary, GTK_TYPE_IMAGE, "success"));
  /* The file's row is named after the file the user chose. */
  g_assert_true (has_label (summary, "Mapped fields (JSONL)"));
  problems = errata_gui_test_find_first (summary, GTK_TYPE_LIST_BOX);
  g_assert_nonnull (gtk_list_box_get_row_at_index (problems, 0));
  g_assert_null (gtk_list_box_get_row_at_index (problems, 1));
  g_assert_true (has_label (summary, "listings.jsonl · record 2 · line 2"));

  errata_import_summary_show_stopped (ERRATA_IMPORT_SUMMARY (summary), cancelled, 3);
  g_assert_true (has_label (summary, "Import Cancelled"));
  g_assert_false (has_label (summary, "Import Complete"));
  g_assert_null (gtk_list_box_get_row_at_index (problems, 0));
  g_assert_nonnull (errata_gui_test_find_with_class (summary, GTK_TYPE_IMAGE, "dim-label"));
  g_assert_null (errata_gui_test_find_with_class (summary, GTK_TYPE_IMAGE, "success"));
  g_object_unref (summary);
  errata_test_remove_tree (dir);
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_add_func ("/import-widgets/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/import-widgets/file-row", test_file_row);
  g_test_add_func ("/import-widgets/field-map-editor", test_field_map_editor);
  g_test_add_func ("/import-widgets/summary", test_summary);
  return g_test_run ();
}
