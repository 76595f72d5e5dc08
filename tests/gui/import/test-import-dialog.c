/* test-import-dialog.c: the import dialog under a real display (Xvfb).
 *
 * The fixtures are written into a temporary folder by each test. The
 * dialog is driven through its actions (import.start, import.cancel) and
 * its dropdowns, as a user would, and checked through what it shows. The
 * mapping page and the summary are rendered to PNG files in the build
 * folder (import-mapping.png, import-summary.png) so that a person can
 * look at them.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "errata-import-dialog.h"
#include "errata-gui-test-utils.h"
#include "errata-importer.h"
#include "errata-test-utils.h"

typedef struct
{
  char               *dir;
  ErrataProject      *project;
  GtkWindow          *parent;
  ErrataImportDialog *dialog;
  guint               n_imported;
  gboolean            imported_without_report;
  guint               reported_added;
} Fixture;

/* Widget tree helpers ------------------------------------------------- */

static GtkWidget *
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

static GtkWidget *
get_named (Fixture    *fixture,
           const char *name)
{
  GtkWidget *widget = find_named (GTK_WIDGET (fixture->dialog), name);

  g_assert_nonnull (widget);
  return widget;
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += GTK_IS_LIST_BOX_ROW (child);
  return n;
}

static GtkWidget *
nth_row (GtkWidget *list,
         guint      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index);

  g_assert_nonnull (row);
  return GTK_WIDGET (row);
}

static const char *
selected_field (Fixture    *fixture,
                const char *role)
{
  g_autofree char *name = g_strdup_printf ("field-%s", role);
  AdwComboRow *row = ADW_COMBO_ROW (get_named (fixture, name));
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  g_assert_nonnull (item);
  return gtk_string_object_get_string (item);
}

static void
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

static const char *
stack_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (get_named (fixture, "import-stack")));
}

/* Conditions ---------------------------------------------------------- */

/* The files have been looked at when the format dropdown opens up. */
static gboolean
is_probed (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_sensitive (get_named (fixture, "format-row"));
}

static gboolean
is_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (widget);
}

static gboolean
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

static char *
read_clipboard (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_clipboard_text, &text);
  errata_gui_test_iterate_until_full (is_set, &text, 60);
  return text;
}

static void
scroll_to_end (GtkWidget *scrolled)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

/* Fixtures ------------------------------------------------------------ */

static void
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

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->parent, 900, 780);
  gtk_window_present (fixture->parent);
}

static void
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
static void
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

static void
write_fixture (Fixture    *fixture,
               const char *name,
               const char *contents)
{
  g_autofree char *path = errata_test_write_file (fixture->dir, name, contents, -1);
}

static char *
openai_record (guint       i,
               const char *question)
{
  return g_strdup_printf ("{\"id\": \"chat-%u\", \"messages\": ["
                          "{\"role\": \"user\", \"content\": \"%s (%u)\"}, "
                          "{\"role\": \"assistant\", \"content\": \"We have three flats in "
                          "that range. Shall I book a viewing?\"}]}\n", i, question, i);
}

/* `n` OpenAI chat records, one a line. */
static void
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

static guint
count_traces (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 n = errata_project_count_traces (fixture->project, NULL, &error);

  g_assert_no_error (error);
  return (guint)n;
}

/* Tests --------------------------------------------------------------- */

static void
test_detects_openai (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = NULL;

  write_openai (fixture, "chats.jsonl", 3);
  open_dialog (fixture, (const char * const []) { "chats.jsonl", NULL });

  g_assert_cmpstr (stack_page (fixture), ==, "setup");
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->dialog));
  g_assert_nonnull (strstr (text, "chats.jsonl"));
  g_assert_nonnull (strstr (text, "OpenAI chat"));
  /* A known format needs no mapping, and is ready to import. */
  g_assert_false (gtk_widget_get_mapped (get_named (fixture, "field-input")));
  g_assert_true (gtk_widget_get_sensitive (get_named (fixture, "import-button")));
  /* The preview shows the first records as they will be imported. */
  g_assert_cmpuint (count_rows (get_named (fixture, "preview-list")), ==, 3);
  g_assert_nonnull (strstr (text, "Any two-bedroom flats under 1,500 a month? (1)"));
  g_assert_false (gtk_widget_get_visible (get_named (fixture, "setup-error")));
}

/* Enter imports: once the file is looked at, Import is the default
 * widget and has the focus (not Cancel, where Enter would cancel); on
 * the summary Enter closes. */
static void
test_enter_imports (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWindow *window;
  GtkWidget *focus;

  write_openai (fixture, "chats.jsonl", 3);
  open_dialog (fixture, (const char * const []) { "chats.jsonl", NULL });
  window = GTK_WINDOW (fixture->dialog);

  g_assert_true (gtk_window_get_default_widget (window) == get_named (fixture, "import-button"));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == get_named (fixture, "import-button"));
  g_assert_true (gtk_widget_get_sensitive (focus));

  /* Enter on a focused button activates it, as this does. */
  g_assert_true (gtk_widget_activate (focus));
  errata_gui_test_iterate_until_full (is_done, fixture, 60);
  g_assert_cmpuint (count_traces (fixture), ==, 3);
  g_assert_cmpuint (fixture->n_imported, ==, 1);

  g_assert_true (gtk_window_get_default_widget (window) == get_named (fixture, "close-button"));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == get_named (fixture, "close-button"));
  g_assert_true (gtk_widget_activate (focus));
  /* A button shows itself pressed for a moment before it clicks. */
  errata_gui_test_iterate_until (is_hidden, window);
}

/* A file that needs its fields mapped cannot be imported yet: Import is
 * insensitive, and the focus is not moved there. */
static void
test_enter_waits_for_mapping (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *import_button;

  write_fixture (fixture, "rows.jsonl", "{\"uuid\": \"r-1\", \"blob\": 3}\n");
  open_dialog (fixture, (const char * const []) { "rows.jsonl", NULL });
  import_button = get_named (fixture, "import-button");
  g_assert_false (gtk_widget_get_sensitive (import_button));
  g_assert_false (gtk_root_get_focus (GTK_ROOT (fixture->dialog)) == import_button);
}

static const char mapped_jsonl[] =
  "{\"uuid\": \"r-1\", \"query\": \"Is the flat on Elm Street still available?\", "
  "\"response\": {\"text\": \"Yes. I can book a viewing on Friday at 10:00.\", \"model\": \"m-1\"}, "
  "\"Notes\": \"Agent was on leave on Friday\"}\n"
  "{\"uuid\": \"r-2\", \"query\": \"Two bedrooms, garden, under 1,400 a month\", "
  "\"response\": {\"text\": \"Here are three listings: **12 Oak Lane**, **4 Birch Road** and "
  "**9 Cedar Court**.\", \"model\": \"m-1\"}}\n"
  "{\"uuid\": \"r-3\", \"query\": \"Does 4 Birch Road allow pets?\", \"response\": "
  "{\"text\": \"It does, and it has a heated pool.\", \"model\": \"m-1\"}, "
  "\"Notes\": \"No pool in the listing: hallucinated amenity\"}\n"
  "{\"uuid\": \"r-4\", \"query\": \"Can I speak to a person?\" \"response\": {}}\n"
  "{\"uuid\": \"r-5\", \"response\": {\"text\": \"Thanks for your patience!\", \"model\": \"m-1\"}}\n"
  "{\"uuid\": \"r-6\", \"query\": \"Budget is 2,000\", \"response\": {\"text\": \"Noted.\"}}\n";

static void
test_mapping_preview (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *preview;
  g_autofree char *text = NULL;
  g_autofree char *after = NULL;

  write_fixture (fixture, "listings-export.jsonl", mapped_jsonl);
  open_dialog (fixture, (const char * const []) { "listings-export.jsonl", NULL });

  /* Guessed from the first record's fields, nested ones included. */
  g_assert_true (gtk_widget_get_mapped (get_named (fixture, "field-input")));
  g_assert_cmpstr (selected_field (fixture, "id"), ==, "uuid");
  g_assert_cmpstr (selected_field (fixture, "input"), ==, "query");
  g_assert_cmpstr (selected_field (fixture, "output"), ==, "response.text");
  g_assert_cmpstr (selected_field (fixture, "note"), ==, "Notes");
  g_assert_cmpstr (selected_field (fixture, "messages"), ==, "(none)");
  g_assert_cmpstr (selected_field (fixture, "verdict"), ==, "(none)");
  g_assert_true (gtk_widget_get_sensitive (get_named (fixture, "import-button")));

  /* Five records previewed: three good, a broken line, and one without
   * the mapped input, each with its reason. */
  preview = get_named (fixture, "preview-list");
  g_assert_cmpuint (count_rows (preview), ==, 5);
  text = errata_gui_test_dup_visible_text (preview);
  g_assert_nonnull (strstr (text, "Is the flat on Elm Street still available?"));
  g_assert_nonnull (strstr (text, "Yes. I can book a viewing on Friday at 10:00."));
  g_assert_nonnull (strstr (text, "Record 4 · line 4"));
  g_assert_nonnull (strstr (text, "Skipped: the record has no field `query`"));
  g_assert_null (strstr (text, "Budget is 2,000"));

  /* The whole window: the detected format is told in words. */
  g_free (text);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->dialog));
  g_assert_nonnull (strstr (text, "not a known format"));

  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (fixture->dialog),
                                                      "import-mapping.png", 400));
  scroll_to_end (gtk_widget_get_ancestor (preview, GTK_TYPE_SCROLLED_WINDOW));
  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (fixture->dialog),
                                                      "import-preview.png", 400));

  /* Mapping the output alone: record 5 now imports, record 1 loses its input. */
  select_field (fixture, "input", "(none)");
  after = errata_gui_test_dup_visible_text (preview);
  g_assert_nonnull (strstr (after, "Thanks for your patience!"));
  g_assert_null (strstr (after, "Is the flat on Elm Street still available?"));

  /* Nothing mapped to input, output or messages: nothing to import. */
  select_field (fixture, "output", "(none)");
  g_assert_false (gtk_widget_get_sensitive (get_named (fixture, "import-button")));
  select_field (fixture, "output", "response.text");
  g_assert_true (gtk_widget_get_sensitive (get_named (fixture, "import-button")));
}

static void
test_summary_lists_bad_records (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GString) contents = g_string_new (NULL);
  GtkWidget *problems;
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  for (guint i = 1; i <= 12; i++)
    {
      g_autofree char *record = openai_record (i, "Can I see the house on Maple Drive on Saturday?");

      if (i == 4)
        g_string_append (contents, "{\"id\": \"chat-4\", \"messages\": [\n");
      else if (i == 9)
        g_string_append (contents, "{\"id\": \"chat-9\", \"messages\": \"not a list\"}\n");
      else
        g_string_append (contents, record);
    }
  write_fixture (fixture, "viewings.jsonl", contents->str);
  open_dialog (fixture, (const char * const []) { "viewings.jsonl", NULL });

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.start", NULL));
  errata_gui_test_iterate_until_full (is_done, fixture, 60);

  /* Both bad records, with their line numbers and reasons. */
  problems = get_named (fixture, "problem-list");
  g_assert_cmpuint (count_rows (problems), ==, 2);
  first = errata_gui_test_dup_visible_text (nth_row (problems, 0));
  second = errata_gui_test_dup_visible_text (nth_row (problems, 1));
  g_assert_nonnull (strstr (first, "viewings.jsonl · record 4 · line 4"));
  g_assert_nonnull (strstr (first, "JSON"));
  g_assert_nonnull (strstr (second, "viewings.jsonl · record 9 · line 9"));
  g_assert_nonnull (strstr (second, "messages"));

  text = errata_gui_test_dup_visible_text (get_named (fixture, "stat-skipped"));
  g_assert_cmpstr (text, ==, "2\nSkipped\n");
  g_free (text);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->dialog));
  g_assert_nonnull (strstr (text, "Import Complete"));
  g_assert_nonnull (strstr (text, "10 new traces are in the project."));
  g_assert_nonnull (strstr (text, "OpenAI chat (JSONL)"));
  g_assert_true (gtk_widget_get_visible (get_named (fixture, "close-button")));
  g_assert_false (gtk_widget_get_visible (get_named (fixture, "import-button")));

  /* The page was told, and the traces are really there. */
  g_assert_cmpuint (fixture->n_imported, ==, 1);
  g_assert_cmpuint (fixture->reported_added, ==, 10);
  g_assert_cmpuint (count_traces (fixture), ==, 10);

  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (fixture->dialog),
                                                      "import-summary.png", 400));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (fixture->dialog),
                                                      "import-summary-dark.png", 400));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Copy puts the whole list on the clipboard, one record a line. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.copy-skipped", NULL));
  {
    g_autofree char *copied = read_clipboard (GTK_WIDGET (fixture->dialog));
    g_auto(GStrv) lines = g_strsplit (copied, "\n", -1);

    g_assert_nonnull (strstr (copied, "viewings.jsonl: record 4 (line 4)"));
    g_assert_nonnull (strstr (copied, "viewings.jsonl: record 9 (line 9)"));
    /* Two records and the empty string after the last newline. */
    g_assert_cmpuint (g_strv_length (lines), ==, 3);
  }

  /* Close: the dialog goes away. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "window.close", NULL));
  errata_gui_test_iterate_until (is_hidden, fixture->dialog);
}

static gboolean
has_progress (gpointer data)
{
  Fixture *fixture = data;
  GtkProgressBar *bar = GTK_PROGRESS_BAR (get_named (fixture, "progress-bar"));

  /* Several batches of 100 are in. */
  return gtk_progress_bar_get_fraction (bar) > 0.05 || is_done (data);
}

static gboolean
has_imported (gpointer data)
{
  return ((Fixture *)data)->n_imported > 0;
}

/* Closing the window while it imports cancels the import; the page still
 * hears about the traces that were saved. */
static void
test_close_while_importing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_setenv ("ERRATA_IMPORT_BATCH_SIZE", "100", TRUE);
  write_openai (fixture, "big.jsonl", 50000);
  open_dialog (fixture, (const char * const []) { "big.jsonl", NULL });

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.start", NULL));
  errata_gui_test_iterate_until_full (has_progress, fixture, 60);
  gtk_window_close (GTK_WINDOW (fixture->dialog));
  errata_gui_test_iterate_until_full (has_imported, fixture, 60);

  g_assert_true (fixture->imported_without_report);
  g_assert_cmpuint (count_traces (fixture), >, 0);
  g_assert_cmpuint (count_traces (fixture), <, 50000);
  g_assert_cmpuint (count_traces (fixture) % 100, ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->dialog)));
}

static guint
parse_kept (const char *description)
{
  const char *p = description;

  while (*p != '\0' && !g_ascii_isdigit (*p))
    p++;
  g_assert_true (g_ascii_isdigit (*p));
  return (guint)g_ascii_strtoull (p, NULL, 10);
}

static void
test_cancel_keeps_batches (Fixture       *fixture,
                           gconstpointer  data)
{
  const guint total = 50000;
  const char *description;
  guint kept;

  /* Small batches so that several are committed before the cancel. */
  g_setenv ("ERRATA_IMPORT_BATCH_SIZE", "100", TRUE);
  write_openai (fixture, "big.jsonl", total);
  open_dialog (fixture, (const char * const []) { "big.jsonl", NULL });

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.start", NULL));
  g_assert_cmpstr (stack_page (fixture), ==, "progress");
  errata_gui_test_iterate_until_full (has_progress, fixture, 60);
  g_assert_cmpstr (stack_page (fixture), ==, "progress");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.cancel", NULL));
  errata_gui_test_iterate_until_full (is_done, fixture, 60);

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (get_named (fixture, "summary-title"))), ==,
                   "Import Cancelled");
  description = gtk_label_get_text (GTK_LABEL (get_named (fixture, "summary-description")));
  g_test_message ("%s", description);
  g_assert_nonnull (strstr (description, "records were saved before the import stopped"));
  kept = parse_kept (description);

  /* What the dialog says is what the project has: whole batches only. */
  g_assert_cmpuint (kept, >, 0);
  g_assert_cmpuint (kept, <, total);
  g_assert_cmpuint (kept % 100, ==, 0);
  g_assert_cmpuint (count_traces (fixture), ==, kept);
  g_assert_cmpuint (fixture->n_imported, ==, 1);
  g_assert_true (fixture->imported_without_report);
}

static gboolean
on_tick (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
on_frame (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       data)
{
  return on_tick (data);
}

/* The import runs off the main thread: while it runs, the main loop keeps
 * turning and the dialog keeps painting frames. (How long the loop is
 * ever kept waiting is measured by bench/gui-frames.c.) */
static void
test_responsive (Fixture       *fixture,
                 gconstpointer  data)
{
  const guint total = 20000;
  guint ticks = 0, frames = 0;
  guint timer, frame_id;

  write_openai (fixture, "twenty-thousand.jsonl", total);
  open_dialog (fixture, (const char * const []) { "twenty-thousand.jsonl", NULL });

  timer = g_timeout_add (5, on_tick, &ticks);
  frame_id = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->dialog), on_frame, &frames, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.start", NULL));
  errata_gui_test_iterate_until_full (is_done, fixture, 300);
  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->dialog), frame_id);
  g_source_remove (timer);

  g_test_message ("import of %u records: %u main-loop ticks, %u frames", total, ticks, frames);
  g_assert_cmpuint (count_traces (fixture), ==, total);
  g_assert_cmpuint (ticks, >=, 2);
  g_assert_cmpuint (frames, >=, 2);
}

static void
test_unreadable_file (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *error_label;

  write_openai (fixture, "good.jsonl", 2);
  /* missing.jsonl is never written. */
  open_dialog (fixture, (const char * const []) { "good.jsonl", "missing.jsonl", NULL });

  error_label = get_named (fixture, "setup-error");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "missing.jsonl"));
  g_assert_false (gtk_widget_get_sensitive (get_named (fixture, "import-button")));
  /* The import action refuses too, not only the button. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.start", NULL);
  g_assert_cmpstr (stack_page (fixture), ==, "setup");
}

/* An OpenAI file next to a mapped one: the mapping (id=uuid) must not
 * touch the OpenAI file's ids, or importing it again would add it twice. */
static void
test_mixed_formats (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char openai[] =
    "{\"conversation_id\": \"conv-1\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, "
    "{\"role\": \"assistant\", \"content\": \"Hello! Looking for a flat?\"}]}\n";
  g_autoptr(ErrataTrace) openai_trace = NULL;
  g_autoptr(ErrataTrace) mapped_trace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  write_fixture (fixture, "chat.jsonl", openai);
  write_fixture (fixture, "listings-export.jsonl", mapped_jsonl);
  open_dialog (fixture, (const char * const []) { "listings-export.jsonl", "chat.jsonl", NULL });
  g_assert_cmpstr (selected_field (fixture, "id"), ==, "uuid");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.start", NULL));
  errata_gui_test_iterate_until_full (is_done, fixture, 60);

  openai_trace = errata_project_find_trace (fixture->project, "chat.jsonl", "conv-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (openai_trace);
  mapped_trace = errata_project_find_trace (fixture->project, "listings-export.jsonl", "r-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (mapped_trace);
  g_assert_cmpstr (errata_trace_get_output (mapped_trace), ==,
                   "Yes. I can book a viewing on Friday at 10:00.");

  /* One summary for both imports, each file with its format. */
  g_assert_cmpuint (fixture->n_imported, ==, 1);
  g_assert_cmpuint (fixture->reported_added, ==, 1 + 4);
  text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->dialog));
  g_assert_nonnull (strstr (text, "OpenAI chat (JSONL)"));
  g_assert_nonnull (strstr (text, "Mapped fields (JSONL)"));
  g_assert_nonnull (strstr (text, "listings-export.jsonl · record 4 · line 4"));
}

/* The real traces in ../shared/data, as a user would drop them. */
static void
test_shared_data (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *shared = g_getenv ("ERRATA_SHARED_DATA");
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  const char * const names[] = {
    "nurtureboss_traces.json", "query_response.jsonl", "agent_traces.jsonl", "request-response",
  };

  folder = shared ? g_build_filename (shared, "recipe-chatbot", NULL) : NULL;
  if (folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no shared data (ERRATA_SHARED_DATA)");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (folder, names[i], NULL);

      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  fixture->dialog = g_object_ref (errata_import_dialog_present (fixture->parent, fixture->project,
                                                                (GFile **)files->pdata,
                                                                files->len));
  g_signal_connect (fixture->dialog, "imported", G_CALLBACK (on_imported), fixture);
  errata_gui_test_iterate_until_full (is_probed, fixture, 60);
  errata_gui_test_iterate_until_full (errata_gui_test_widget_is_drawn, fixture->dialog, 60);

  /* query_response.jsonl needs a mapping, and the guess is the right one. */
  g_assert_cmpstr (selected_field (fixture, "input"), ==, "query");
  g_assert_cmpstr (selected_field (fixture, "output"), ==, "response");
  g_assert_cmpstr (selected_field (fixture, "id"), ==, "id");
  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (fixture->dialog),
                                                      "import-shared-setup.png", 400));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.start", NULL));
  errata_gui_test_iterate_until_full (is_done, fixture, 60);
  g_object_unref (errata_gui_test_render_to_png_full (GTK_WIDGET (fixture->dialog),
                                                      "import-shared-summary.png", 400));

  /* One row per file chosen, the folder's 60 files in one. */
  {
    g_autofree char *text = errata_gui_test_dup_visible_text (GTK_WIDGET (fixture->dialog));

    g_assert_nonnull (strstr (text, "request-response (60 files)"));
    g_assert_nonnull (strstr (text, "query_response.jsonl"));
  }

  /* 100 + 250 + 96 + 60 records, per the data's README. */
  g_assert_cmpuint (fixture->reported_added, ==, 506);
  g_assert_cmpuint (count_traces (fixture), ==, 506);
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
      g_test_add_func ("/import-dialog/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();
  /* Screenshots of a finished page, not of a crossfade. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/import-dialog/detects-openai", test_detects_openai);
  ADD ("/import-dialog/enter-imports", test_enter_imports);
  ADD ("/import-dialog/enter-waits-for-mapping", test_enter_waits_for_mapping);
  ADD ("/import-dialog/mapping-preview", test_mapping_preview);
  ADD ("/import-dialog/summary-lists-bad-records", test_summary_lists_bad_records);
  ADD ("/import-dialog/cancel-keeps-batches", test_cancel_keeps_batches);
  ADD ("/import-dialog/responsive", test_responsive);
  ADD ("/import-dialog/unreadable-file", test_unreadable_file);
  ADD ("/import-dialog/mixed-formats", test_mixed_formats);
  ADD ("/import-dialog/close-while-importing", test_close_while_importing);
  ADD ("/import-dialog/shared-data", test_shared_data);
#undef ADD

  return g_test_run ();
}
