/* test-german.c: the whole window in German.
 *
 * Runs with LANGUAGE=de and LC_ALL=de_DE.UTF-8 against the catalogue the
 * build compiled (po/de/LC_MESSAGES/errata.mo in the build folder), on a
 * copy of the demo project with failure modes, reviews, evaluators, runs
 * and an experiment added (tests/core/report/report-fixture.h). It shows
 * every page and the main dialogs (preferences, project properties,
 * share a copy, shortcuts, import, new evaluator, experiment, variant), walks what the window shows (labels,
 * buttons, titles, placeholders, tooltips, menus, dropdown items) and
 * fails listing every text that po/de.po translates but the window still
 * shows in English. Each page is rendered at 1024 and 1440 pixels wide
 * (german-PAGE-WIDTH.png, german-DIALOG.png in the build folder), for a
 * person to look at German's long words; at each width the trace list's
 * column titles and the note cards' trace ids must show whole.
 *
 * Skips, saying so, where the de_DE.UTF-8 locale is not installed
 * (build-aux/install-deps.sh generates it).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "errata-application.h"
#include "errata-evaluators-page.h"
#include "errata-experiment.h"
#include "errata-experiments-page.h"
#include "errata-gui-test-utils.h"
#include "errata-report-page.h"
#include "errata-test-utils.h"
#include "errata-trace-list-model.h"
#include "errata-traces-page.h"
#include "errata-window.h"
#include "po-catalogue.h"
#include "report-fixture.h"

static ErrataApplication *app;
static PoCatalogue *catalogue;

typedef struct
{
  char          *dir;
  ReportFixture  built;
  ErrataWindow  *window;
  GHashTable    *untranslated;   /* "text (where)" → NULL */
} Fixture;

/* What the window shows ---------------------------------------------- */

static void
check_text (Fixture    *fixture,
            const char *text,
            gpointer    owner,
            const char *what)
{
  const char *msgid = po_catalogue_find_untranslated (catalogue, text);

  if (msgid == NULL)
    return;
  g_hash_table_add (fixture->untranslated,
                    g_strdup_printf ("“%s” (%s of a %s; msgid “%s”)", text, what,
                                     G_OBJECT_TYPE_NAME (owner), msgid));
}

static void
check_menu (Fixture    *fixture,
            GMenuModel *menu,
            GtkWidget  *owner)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        check_text (fixture, label, owner, "menu item");
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          check_menu (fixture, link, owner);
          g_object_unref (link);
        }
    }
}

static void
check_string_list (Fixture    *fixture,
                   GListModel *model,
                   GtkWidget  *owner)
{
  if (!GTK_IS_STRING_LIST (model))
    return;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    check_text (fixture, gtk_string_list_get_string (GTK_STRING_LIST (model), i), owner,
                "dropdown item");
}

static void
check_widget (Fixture   *fixture,
              GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  check_text (fixture, tooltip, widget, "tooltip");
  if (GTK_IS_LABEL (widget))
    check_text (fixture, gtk_label_get_text (GTK_LABEL (widget)), widget, "text");
  else if (GTK_IS_TEXT (widget))
    check_text (fixture, gtk_text_get_placeholder_text (GTK_TEXT (widget)), widget, "placeholder");
  else if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    check_menu (fixture, gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)), widget);
  else if (GTK_IS_DROP_DOWN (widget))
    check_string_list (fixture, gtk_drop_down_get_model (GTK_DROP_DOWN (widget)), widget);
  else if (ADW_IS_COMBO_ROW (widget))
    check_string_list (fixture, adw_combo_row_get_model (ADW_COMBO_ROW (widget)), widget);
  else if (GTK_IS_WINDOW (widget))
    check_text (fixture, gtk_window_get_title (GTK_WINDOW (widget)), widget, "title");
}

/* Every widget the user can see: mapped, as are all above it. */
static void
walk (Fixture   *fixture,
      GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  check_widget (fixture, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (fixture, child);
}

static void
render (Fixture    *fixture,
        GtkWidget  *widget,
        const char *name)
{
  g_autoptr(GdkTexture) texture = errata_gui_test_render_to_png (widget, name);

  g_assert_cmpint (gdk_texture_get_width (texture), >, 0);
}

/* The fixture -------------------------------------------------------- */

static gboolean
window_is_idle (gpointer data)
{
  return !errata_window_is_loading (data);
}

/* An experiment of two variants, never run: the page lists it. */
static void
add_experiment (ErrataProject *project,
                const char    *dir)
{
  g_autofree char *path = g_build_filename (dir, "queries.txt", NULL);
  g_autofree char *source = g_strconcat ("file:", path, NULL);
  g_autoptr(JsonNode) node = json_from_string ("{\"kind\": \"http\", \"url\": \"http://127.0.0.1:9/\","
                                               " \"body\": {\"query\": \"{{query}}\"},"
                                               " \"reply_pointer\": \"/answer\"}", NULL);
  g_autoptr(ErrataExperiment) experiment = NULL;
  g_autoptr(ErrataExperimentVariant) v1 = NULL;
  g_autoptr(ErrataExperimentVariant) v2 = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "When can I view the flat?\nIs the deposit refundable?\n",
                                      -1, NULL));
  experiment = errata_experiment_create (project, "Shorter prompt", source, 1, &error);
  g_assert_no_error (error);
  v1 = errata_experiment_variant_create (project, experiment->id, "v1",
                                         json_node_get_object (node), NULL, &error);
  g_assert_no_error (error);
  v2 = errata_experiment_variant_create (project, experiment->id, "v2",
                                         json_node_get_object (node), "v1", &error);
  g_assert_no_error (error);
}

/* The demo project, copied, with what the later pages need added. */
static GFile *
make_project (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "demo.errata", NULL);
  g_autoptr(GFile) shipped = g_file_new_for_path (g_getenv ("ERRATA_DEMO_PROJECT"));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_copy (shipped, file, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  project = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  report_fixture_build (&fixture->built, project);
  add_experiment (project, fixture->dir);
  errata_project_close (project);
  return g_steal_pointer (&file);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;

  fixture->dir = errata_test_make_tmpdir ();
  fixture->untranslated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  file = make_project (fixture);
  errata_application_open_file (app, file);
  fixture->window = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  gtk_widget_set_size_request (GTK_WIDGET (fixture->window), 1440, 900);
  errata_gui_test_iterate_until (window_is_idle, fixture->window);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))))
    gtk_window_destroy (windows->data);
  errata_gui_test_iterate_for (50);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_hash_table_unref (fixture->untranslated);
}

/* The pages ---------------------------------------------------------- */

typedef struct
{
  const char             *name;
  ErrataGuiTestCondition  ready;
} Page;

static gboolean
traces_ready (gpointer window)
{
  ErrataTracesPage *page = errata_window_get_traces_page (window);

  return !errata_trace_list_model_is_loading (errata_traces_page_get_model (page)) &&
         errata_traces_page_get_current_trace (page) != NULL &&
         errata_gui_test_count_visible (window, GTK_TYPE_COLUMN_VIEW) == 1;
}

static gboolean
failure_modes_ready (gpointer window)
{
  return errata_gui_test_shows_label (window, "Wrong date");
}

static gboolean
evaluators_ready (gpointer window)
{
  return errata_gui_test_shows_label (window, "Date check");
}

static gboolean
synth_ready (gpointer window)
{
  return errata_gui_test_shows_label (window, "persona");
}

static gboolean
report_ready (gpointer window)
{
  ErrataReportPage *page = errata_window_get_report_page (window);

  return !errata_report_page_is_loading (page) && errata_report_page_get_report (page) != NULL &&
         errata_gui_test_shows_label (window, "Wrong date");
}

static gboolean
experiments_ready (gpointer window)
{
  return errata_gui_test_shows_label (window, "Shorter prompt");
}

static const Page pages[] = {
  { "traces", traces_ready },
  { "failure-modes", failure_modes_ready },
  { "evaluators", evaluators_ready },
  { "synth", synth_ready },
  { "report", report_ready },
  { "experiments", experiments_ready },
};

typedef struct
{
  const Page   *page;
  ErrataWindow *window;
} PageWait;

static gboolean
page_is_visible (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (errata_window_get_visible_page (wait->window), wait->page->name) == 0;
}

static void
show_page (Fixture    *fixture,
           const Page *page)
{
  PageWait wait = { page, fixture->window };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s",
                                             page->name));
  errata_gui_test_iterate_until (page_is_visible, &wait);
  errata_gui_test_iterate_until (page->ready, fixture->window);
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
}

/* Cut texts --------------------------------------------------------- */

static gboolean
is_drawn_label (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget)
         && *gtk_label_get_text (GTK_LABEL (widget)) != '\0';
}

/* A label narrower than its text is cut (or ellipsized): "h…6" for a
 * card's trace id beside "Importiert: nicht bestanden", "Eingab" for the
 * trace list's "Eingabe" column at 1024 pixels. */
static void
collect_cut_labels (GtkWidget  *widget,
                    gboolean    inside,
                    GType       container,
                    const char *css_class,
                    GString    *cut)
{
  inside = inside || (container != G_TYPE_INVALID && G_TYPE_CHECK_INSTANCE_TYPE (widget, container));
  if (is_drawn_label (widget) && (inside || (css_class != NULL &&
                                             gtk_widget_has_css_class (widget, css_class))))
    {
      int natural = 0;

      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      if (gtk_widget_get_width (widget) < natural
          || pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
        g_string_append_printf (cut, "  “%s”: %d of %d pixels\n",
                                gtk_label_get_text (GTK_LABEL (widget)),
                                gtk_widget_get_width (widget), natural);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cut_labels (child, inside, container, css_class, cut);
}

/* The texts that must show whole at any width this test renders: the
 * trace list's column titles and the note cards' trace ids. */
static void
assert_nothing_cut (Fixture    *fixture,
                    const char *where)
{
  g_autoptr(GString) cut = g_string_new (NULL);

  collect_cut_labels (GTK_WIDGET (fixture->window), FALSE,
                      g_type_from_name ("GtkColumnViewTitle"), "card-trace-id", cut);
  if (cut->len > 0)
    g_test_fail_printf ("%s: texts cut:\n%s", where, cut->str);
}

/* At a width, the window as it is: the page in view and its header. */
static void
render_at (Fixture    *fixture,
           const char *name,
           int         width,
           int         height)
{
  g_autofree char *png = g_strdup_printf ("german-%s-%d.png", name, width);
  int minimum;

  gtk_widget_set_size_request (GTK_WIDGET (fixture->window), width, height);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_widget_measure (GTK_WIDGET (fixture->window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  if (minimum > width)
    g_test_message ("the window on %s asks for %d pixels, wider than %d", name, minimum, width);
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  render (fixture, GTK_WIDGET (fixture->window), png);
  assert_nothing_cut (fixture, png);
}

static int
compare_texts (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
assert_all_translated (Fixture *fixture)
{
  g_autofree const char **texts = (const char **) g_hash_table_get_keys_as_array (fixture->untranslated, NULL);
  g_autofree char *list = NULL;

  if (texts[0] == NULL)
    return;
  g_qsort_with_data (texts, g_hash_table_size (fixture->untranslated), sizeof (char *),
                     compare_texts, NULL);
  list = g_strjoinv ("\n  ", (char **) texts);
  g_test_message ("shown in English though po/de.po translates them:\n  %s", list);
  g_test_fail_printf ("%u texts shown in English", g_hash_table_size (fixture->untranslated));
}

/* Tests -------------------------------------------------------------- */

static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      show_page (fixture, &pages[i]);
      walk (fixture, GTK_WIDGET (fixture->window));
      render_at (fixture, pages[i].name, 1440, 900);
      render_at (fixture, pages[i].name, 1024, 768);
      /* Narrow, other texts show (a switcher at the bottom, shorter
       * titles): they must be German too. */
      walk (fixture, GTK_WIDGET (fixture->window));
      gtk_widget_set_size_request (GTK_WIDGET (fixture->window), 1440, 900);
    }
  assert_all_translated (fixture);
}

/* The dialogs --------------------------------------------------------- */

typedef void (*OpenDialog) (Fixture *fixture);

typedef struct
{
  GListModel *toplevels;
  guint       n_before;
  GtkWindow  *found;
} DialogWait;

static gboolean
dialog_is_drawn (gpointer data)
{
  DialogWait *wait = data;
  guint n = g_list_model_get_n_items (wait->toplevels);

  for (guint i = 0; i < n && wait->found == NULL; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (wait->toplevels, i);

      if (!ERRATA_IS_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          errata_gui_test_widget_is_drawn (window))
        wait->found = window;
    }
  return wait->found != NULL;
}

/* Opens a dialog, waits for it to be drawn, walks and renders it. */
static void
visit_dialog (Fixture    *fixture,
              const char *name,
              OpenDialog  open)
{
  g_autofree char *png = g_strdup_printf ("german-%s.png", name);
  DialogWait wait = { gtk_window_get_toplevels (), 0, NULL };

  open (fixture);
  errata_gui_test_iterate_until (dialog_is_drawn, &wait);
  walk (fixture, GTK_WIDGET (wait.found));
  render (fixture, GTK_WIDGET (wait.found), png);
  gtk_window_destroy (wait.found);
  errata_gui_test_iterate_for (50);
}

static void
open_preferences (Fixture *fixture)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
}

static void
open_project_properties (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.project-properties", NULL));
}

static void
open_share_copy (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.share-copy", NULL));
}

static void
open_shortcuts (Fixture *fixture)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "show-help-overlay", NULL);
}

static void
open_import (Fixture *fixture)
{
  g_autoptr(GFile) file = g_file_new_build_filename (g_test_get_dir (G_TEST_DIST), "..", "data",
                                                     "demo", "hearthstone-demo.jsonl", NULL);
  GFile *files[] = { file };

  errata_window_import_files (fixture->window, files, 1);
}

static void
open_new_evaluator (Fixture *fixture)
{
  show_page (fixture, &pages[2]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (errata_window_get_evaluators_page (fixture->window)),
                                             "evaluators.new", NULL));
}

static GtkWidget *
experiments_page (Fixture *fixture)
{
  return errata_gui_test_find_first (GTK_WIDGET (fixture->window), ERRATA_TYPE_EXPERIMENTS_PAGE);
}

static void
open_new_experiment (Fixture *fixture)
{
  show_page (fixture, &pages[5]);
  g_assert_true (gtk_widget_activate_action (experiments_page (fixture), "experiments.new", NULL));
}

static void
open_new_variant (Fixture *fixture)
{
  show_page (fixture, &pages[5]);
  g_assert_true (gtk_widget_activate_action (experiments_page (fixture), "experiments.new-variant", NULL));
}

static void
test_dialogs (Fixture       *fixture,
              gconstpointer  data)
{
  visit_dialog (fixture, "preferences", open_preferences);
  visit_dialog (fixture, "project-properties", open_project_properties);
  visit_dialog (fixture, "share-copy", open_share_copy);
  visit_dialog (fixture, "shortcuts", open_shortcuts);
  visit_dialog (fixture, "import", open_import);
  visit_dialog (fixture, "new-evaluator", open_new_evaluator);
  visit_dialog (fixture, "new-experiment", open_new_experiment);
  visit_dialog (fixture, "new-variant", open_new_variant);
  assert_all_translated (fixture);
}

static void
test_no_locale (void)
{
  g_test_skip ("the de_DE.UTF-8 locale is not installed"
               " (build-aux/install-deps.sh: localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
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
  g_autoptr(GError) error = NULL;
  g_autofree char *po = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Before GTK, which falls back to C with a warning. */
  if (setlocale (LC_ALL, "") == NULL || !g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "de_DE"))
    {
      g_test_add_func ("/german/no-locale", test_no_locale);
      return g_test_run ();
    }
  if (!gtk_init_check ())
    {
      g_test_add_func ("/german/no-display", test_no_display);
      return g_test_run ();
    }

  /* As main.c does, with the catalogue the build compiled. */
  bindtextdomain (GETTEXT_PACKAGE, ERRATA_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  po = g_build_filename (ERRATA_TEST_PO_DIR, "de.po", NULL);
  catalogue = po_catalogue_load (po, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (po_catalogue_get_n_translated (catalogue), >, 1000);
  /* The build's catalogue is the one in use. */
  g_assert_cmpstr (_("Failure Modes"), ==, "Fehlermodi");

  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(name, func) \
  g_test_add ("/german/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("pages", test_pages);
  ADD ("dialogs", test_dialogs);
#undef ADD
  status = g_test_run ();
  g_clear_pointer (&catalogue, po_catalogue_free);
  return status;
}
