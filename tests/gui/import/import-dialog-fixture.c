/* import-dialog-fixture.c: what the import dialog tests share.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "import-dialog-fixture.h"

#include "errata-gui-test-utils.h"
#include "errata-test-utils.h"

/* Widget tree helpers ------------------------------------------------- */

GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
get_named (Fixture    *fixture,
           const char *name)
{
  GtkWidget *widget = find_named (GTK_WIDGET (fixture->dialog), name);

  g_assert_nonnull (widget);
  return widget;
}

guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += GTK_IS_LIST_BOX_ROW (child);
  return n;
}

GtkWidget *
nth_row (GtkWidget *list,
         guint      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index);

  g_assert_nonnull (row);
  return GTK_WIDGET (row);
}

const char *
selected_field (Fixture    *fixture,
                const char *role)
{
  g_autofree char *name = g_strdup_printf ("field-%s", role);
  AdwComboRow *row = ADW_COMBO_ROW (get_named (fixture, name));
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  g_assert_nonnull (item);
  return gtk_string_object_get_string (item);
}

void
select_field (Fixture    *fixture,
              const char *role,
              const char *field)
{
  g_autofree char *name = g_strdup_printf ("field-%s", role);
  AdwComboRow *row = ADW_COMBO_ROW (get_named (fixture, name));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), field))
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_assert_not_reached ();
}

const char *
stack_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (get_named (fixture, "import-stack")));
}

/* Conditions ---------------------------------------------------------- */

/* The files have been looked at when the format dropdown opens up. */
gboolean
is_probed (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_sensitive (get_named (fixture, "format-row"));
}

gboolean
is_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (widget);
}

gboolean
is_done (gpointer data)
{
  return g_strcmp0 (stack_page (data), "summary") == 0;
}

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  char **text = data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer data)
{
  return *(char **)data != NULL;
}

char *
read_clipboard (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_clipboard_text, &text);
  errata_gui_test_iterate_until_full (is_set, &text, 60);
  return text;
}

void
scroll_to_end (GtkWidget *scrolled)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

/* Fixtures ------------------------------------------------------------ */

void
on_imported (ErrataImportDialog *dialog,
             ErrataImportReport *report,
             Fixture            *fixture)
{
  fixture->n_imported++;
  if (report == NULL)
    fixture->imported_without_report = TRUE;
  else
    fixture->reported_added = errata_import_report_get_n_added (report);
}

void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->parent, 900, 780);
  gtk_window_present (fixture->parent);
}

void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  g_clear_object (&fixture->dialog);
  gtk_window_destroy (fixture->parent);
  errata_gui_test_iterate_for (50);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_unsetenv ("ERRATA_IMPORT_BATCH_SIZE");
}

/* Opens the dialog on the given files (names in the fixture's folder) and
 * waits until it has looked at them. */
void
open_dialog (Fixture            *fixture,
             const char * const *names)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, names[i], NULL);

      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  fixture->dialog = errata_import_dialog_present (fixture->parent, fixture->project,
                                                  (GFile **)files->pdata, files->len);
  /* The dialog owns itself; the test keeps it alive to look at it after
   * it closes. */
  g_object_ref (fixture->dialog);
  g_signal_connect (fixture->dialog, "imported", G_CALLBACK (on_imported), fixture);
  errata_gui_test_iterate_until_full (is_probed, fixture, 60);
  errata_gui_test_iterate_until_full (errata_gui_test_widget_is_drawn, fixture->dialog, 60);
}

void
write_fixture (Fixture    *fixture,
               const char *name,
               const char *contents)
{
  g_autofree char *path = errata_test_write_file (fixture->dir, name, contents, -1);
}

char *
openai_record (guint       i,
               const char *question)
{
  return g_strdup_printf ("{\"id\": \"chat-%u\", \"messages\": ["
                          "{\"role\": \"user\", \"content\": \"%s (%u)\"}, "
                          "{\"role\": \"assistant\", \"content\": \"We have three flats in "
                          "that range. Shall I book a viewing?\"}]}\n", i, question, i);
}

/* `n` OpenAI chat records, one a line. */
void
write_openai (Fixture    *fixture,
              const char *name,
              guint       n)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *record = openai_record (i, "Any two-bedroom flats under 1,500 a month?");

      g_string_append (text, record);
    }
  write_fixture (fixture, name, text->str);
}

guint
count_traces (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 n = errata_project_count_traces (fixture->project, NULL, &error);

  g_assert_no_error (error);
  return (guint)n;
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

gboolean
import_dialog_test_init (int    *argc,
                         char ***argv)
{
  g_test_init (argc, argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_add_func ("/import-dialog/no-display", test_no_display);
      return FALSE;
    }
  adw_init ();
  /* Screenshots of a finished page, not of a crossfade. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  return TRUE;
}
