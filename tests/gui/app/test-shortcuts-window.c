/* test-shortcuts-window.c: the keyboard shortcuts window (Ctrl+?).
 *
 * It opens without a warning (every warning is fatal here: GTK 4.8
 * warned about the labels of its page numbers), on the review keys. It
 * is rendered to shortcuts.png and shortcuts-dark.png in the build
 * folder.
 *
 * /shortcuts-window/lists-every-key compares it with the keys the app
 * installs, page by page, on the demo project with a failure mode and an
 * evaluator added: the application's accelerators (every action of
 * gtk_application_list_action_descriptions), and the shortcut controllers
 * of every widget of each page (the class key bindings of Errata's own
 * widgets, less those of the GTK or libadwaita class they derive from,
 * and the other shortcut controllers, the pages' own and those of the
 * libadwaita widgets they use, such as the charts' AdwFlap), and the flip
 * window the Experiments page opens. A key installed and not listed, or listed and
 * not installed, fails it, with the section and key named.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "errata-application.h"
#include "errata-demo.h"
#include "errata-evaluators.h"
#include "errata-experiments-page-private.h"
#include "errata-gui-test-utils.h"
#include "errata-taxonomy.h"
#include "errata-test-utils.h"
#include "errata-window.h"

static ErrataApplication *app;

static GtkWindow *
find_shortcuts_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
has_shortcuts_window (gpointer data)
{
  GtkWindow *window = find_shortcuts_window ();

  return window != NULL && errata_gui_test_widget_is_drawn (window);
}

/* The titles of the groups, in order. */
static GPtrArray *
list_group_titles (GtkWidget *root)
{
  g_autoptr(GPtrArray) groups = errata_gui_test_find_all (root, GTK_TYPE_SHORTCUTS_GROUP);
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < groups->len; i++)
    {
      char *title = NULL;

      g_object_get (groups->pdata[i], "title", &title, NULL);
      g_ptr_array_add (titles, title);
    }
  return titles;
}

static void
test_opens_clean (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  ErrataWindow *window = errata_window_new (GTK_APPLICATION (app));
  g_autoptr(GPtrArray) titles = NULL;
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  GtkWindow *shortcuts;

  gtk_window_present (GTK_WINDOW (window));
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  errata_gui_test_iterate_until (has_shortcuts_window, NULL);
  shortcuts = find_shortcuts_window ();
  light = errata_gui_test_render_to_png (GTK_WIDGET (shortcuts), "shortcuts.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = errata_gui_test_render_to_png (GTK_WIDGET (shortcuts), "shortcuts-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  titles = list_group_titles (GTK_WIDGET (shortcuts));
  g_assert_cmpuint (titles->len, >=, 2);
  g_assert_cmpstr (titles->pdata[0], ==, "Reviewing Traces");
  g_assert_cmpstr (titles->pdata[1], ==, "Messages of a Trace");

  gtk_window_destroy (shortcuts);
  gtk_window_destroy (GTK_WINDOW (window));
  errata_gui_test_iterate_for (50);
}

/* ---- the keys the app installs, and the keys the window lists ---------- */

/* The key a person presses: keypad keys as their main keys, letters
 * lower case (Shift is in the modifiers). */
static char *
accel_name (guint           keyval,
            GdkModifierType mods)
{
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    keyval = GDK_KEY_0 + (keyval - GDK_KEY_KP_0);
  else if (keyval == GDK_KEY_KP_Enter)
    keyval = GDK_KEY_Return;
  else if (keyval == GDK_KEY_KP_Delete)
    keyval = GDK_KEY_Delete;
  else if (keyval == GDK_KEY_KP_Up)
    keyval = GDK_KEY_Up;
  else if (keyval == GDK_KEY_KP_Down)
    keyval = GDK_KEY_Down;
  return gtk_accelerator_name (gdk_keyval_to_lower (keyval), mods & gtk_accelerator_get_default_mod_mask ());
}

static void
add_key (GHashTable *keys,
         const char *section,
         char       *accel)
{
  g_hash_table_add (keys, g_strdup_printf ("%s: %s", section, accel));
  g_free (accel);
}

static void
add_trigger (GHashTable         *keys,
             const char         *section,
             GtkShortcutTrigger *trigger)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      add_trigger (keys, section, gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)));
      add_trigger (keys, section, gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)));
    }
  else if (GTK_IS_KEYVAL_TRIGGER (trigger))
    add_key (keys, section, accel_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                        gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
}

/* win.show-page ('synth') belongs to the Synthetic Data page's section. */
static const char *
section_of (GtkShortcut *shortcut,
            const char  *section)
{
  GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
  GVariant *arguments = gtk_shortcut_get_arguments (shortcut);

  if (GTK_IS_NAMED_ACTION (action)
      && g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win.show-page")
      && arguments != NULL && g_variant_is_of_type (arguments, G_VARIANT_TYPE_STRING))
    return g_variant_get_string (arguments, NULL);
  return section;
}

static gboolean
is_errata_type (GType type)
{
  return g_str_has_prefix (g_type_name (type), "Errata");
}

static gboolean
is_class_shortcuts (GtkEventController *controller)
{
  return g_strcmp0 (gtk_event_controller_get_name (controller), "gtk-widget-class-shortcuts") == 0;
}

/* GTK's own plumbing on every window: the application's accelerators
 * (counted once, from the application), F10 for a menu bar, the shortcut
 * managers of popovers. Errata's controllers have no name. */
static gboolean
is_gtk_plumbing (GtkEventController *controller)
{
  const char *name = gtk_event_controller_get_name (controller);

  return name != NULL && g_str_has_prefix (name, "gtk-") && !is_class_shortcuts (controller);
}

static GtkEventController *
find_class_shortcuts (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller) && is_class_shortcuts (controller))
        return controller;
    }
  return NULL;
}

/* The class key bindings an Errata widget inherits from the first GTK or
 * libadwaita class above it (a window's Ctrl+Shift+I, say): not the app's. */
static GHashTable *
inherited_keys (GType type)
{
  static GHashTable *by_type;
  GHashTable *keys;
  GType parent = type;
  GtkWidget *widget;
  GtkEventController *controller;

  if (by_type == NULL)
    by_type = g_hash_table_new (NULL, NULL);
  if ((keys = g_hash_table_lookup (by_type, GSIZE_TO_POINTER (type))) != NULL)
    return keys;
  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (by_type, GSIZE_TO_POINTER (type), keys);
  while (is_errata_type (parent))
    parent = g_type_parent (parent);
  if (G_TYPE_IS_ABSTRACT (parent))
    return keys;
  widget = g_object_ref_sink (g_object_new (parent, NULL));
  controller = find_class_shortcuts (widget);
  for (guint i = 0; controller != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);

      add_trigger (keys, "", gtk_shortcut_get_trigger (shortcut));
    }
  if (GTK_IS_WINDOW (widget))
    gtk_window_destroy (GTK_WINDOW (widget));
  g_object_unref (widget);
  return keys;
}

static void
add_controller_keys (GHashTable         *keys,
                     const char         *section,
                     GtkWidget          *widget,
                     GtkEventController *controller)
{
  gboolean class_keys = is_class_shortcuts (controller);
  GHashTable *inherited = class_keys ? inherited_keys (G_OBJECT_TYPE (widget)) : NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);
      g_autoptr(GHashTable) these = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GHashTableIter iter;
      gpointer key;

      add_trigger (these, "", gtk_shortcut_get_trigger (shortcut));
      g_hash_table_iter_init (&iter, these);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (inherited == NULL || !g_hash_table_contains (inherited, key))
          add_key (keys, section_of (shortcut, section), g_strdup ((char *) key + 2));
    }
}

/* Every key the widgets under `root` install: the class bindings of
 * Errata's widgets, and any shortcut controller added to a widget (the
 * pages add theirs to GTK's list views too). */
static void
collect_installed (GHashTable *keys,
                   const char *section,
                   GtkWidget  *root)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (root);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) || is_gtk_plumbing (controller)
          || (is_class_shortcuts (controller) && !is_errata_type (G_OBJECT_TYPE (root))))
        continue;
      add_controller_keys (keys, section, root, controller);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_installed (keys, section, child);
}

static void
collect_application (GHashTable *keys)
{
  g_auto (GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                     actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          guint keyval;
          GdkModifierType mods;

          g_assert_true (gtk_accelerator_parse (accels[j], &keyval, &mods));
          add_key (keys, "general", accel_name (keyval, mods));
        }
    }
}

/* "1...9" in a shortcuts window stands for each digit. */
static void
add_listed (GHashTable *keys,
            const char *section,
            const char *accelerator)
{
  g_auto (GStrv) tokens = g_strsplit (accelerator, " ", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      guint keyval;
      GdkModifierType mods;

      if (strlen (tokens[i]) == 5 && strstr (tokens[i], "...") == tokens[i] + 1)
        {
          for (char digit = tokens[i][0]; digit <= tokens[i][4]; digit++)
            add_key (keys, section, accel_name (GDK_KEY_0 + (digit - '0'), 0));
          continue;
        }
      g_assert_true (gtk_accelerator_parse (tokens[i], &keyval, &mods));
      add_key (keys, section, accel_name (keyval, mods));
    }
}

static void
collect_listed (GHashTable *keys,
                GtkWidget  *shortcuts_window)
{
  g_autoptr(GPtrArray) sections = errata_gui_test_find_all (shortcuts_window,
                                                            GTK_TYPE_SHORTCUTS_SECTION);

  for (guint s = 0; s < sections->len; s++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GPtrArray) items = errata_gui_test_find_all (sections->pdata[s],
                                                             GTK_TYPE_SHORTCUTS_SHORTCUT);

      g_object_get (sections->pdata[s], "section-name", &name, NULL);
      for (guint i = 0; i < items->len; i++)
        {
          g_autofree char *accelerator = NULL;
          g_autofree char *action = NULL;

          g_object_get (items->pdata[i], "accelerator", &accelerator, "action-name", &action, NULL);
          if (action != NULL)
            {
              g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                             action);

              g_assert_nonnull (accels[0]);
              for (guint j = 0; accels[j] != NULL; j++)
                add_listed (keys, name, accels[j]);
            }
          else
            add_listed (keys, name, accelerator);
        }
    }
}

/* The demo, with a note in a failure mode (the canvas's cards and groups)
 * and a code check (the Evaluators page's editor and disagreements). */
static GFile *
prepare_project (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) shipped = errata_demo_get_shipped (&error);
  g_autofree char *path = g_build_filename (dir, "keys.errata", NULL);
  GFile *copy = g_file_new_for_path (path);
  g_autoptr(ErrataProject) project = NULL;
  g_autoptr(ErrataTaxonomy) taxonomy = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(JsonObject) definition = json_object_new ();
  g_autoptr(ErrataEvaluator) check = NULL;
  gint64 mode;

  g_assert_no_error (error);
  g_assert_true (g_file_copy (shipped, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  project = errata_project_open (copy, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  taxonomy = errata_taxonomy_new (project);
  cards = errata_taxonomy_list_cards (taxonomy, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, >, 0);
  mode = errata_taxonomy_create_mode (taxonomy, "Invented details", "",
                                      &((ErrataNoteCard *) cards->pdata[0])->annotation_id, 1,
                                      ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  json_object_set_string_member (definition, "kind", "regex");
  json_object_set_string_member (definition, "pattern", "balcony");
  json_object_set_string_member (definition, "match", "fail");
  check = errata_evaluators_create (project, "Balcony", mode, "regex", definition, NULL, &error);
  g_assert_no_error (error);
  errata_project_close (project);
  return copy;
}

static gboolean
window_is_idle (gpointer data)
{
  return !errata_window_is_loading (data);
}

static const char * const pages[] = {
  "traces", "failure-modes", "evaluators", "synth", "report", "experiments",
};

/* Prints each key of `these` that `those` lacks, and counts them. */
static guint
print_difference (GHashTable *these,
                  GHashTable *those,
                  const char *what)
{
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  g_hash_table_iter_init (&iter, these);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (those, key))
      {
        g_test_message ("%s %s", what, (char *) key);
        n++;
      }
  return n;
}

static void
test_lists_every_key (void)
{
  g_autofree char *dir = errata_test_make_tmpdir ();
  g_autoptr(GFile) file = prepare_project (dir);
  g_autoptr(GHashTable) installed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  AdwViewStack *stack;
  ErrataWindow *window;
  GtkWidget *flip;
  GtkWindow *shortcuts;
  guint n_missing = 0, n_extra = 0;

  errata_application_open_file (app, file);
  window = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  errata_gui_test_iterate_until (window_is_idle, window);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, window);
  stack = errata_gui_test_find_first (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);

  /* Each page in view once, so that what it builds when shown is there. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i]);
      errata_gui_test_iterate_until (window_is_idle, window);
      errata_gui_test_wait_for_frame (GTK_WIDGET (window));
      collect_installed (installed, pages[i], adw_view_stack_get_child_by_name (stack, pages[i]));
    }
  /* The window's own bindings are Alt+1…6, each in its page's section. */
  add_controller_keys (installed, "general", GTK_WIDGET (window),
                       find_class_shortcuts (GTK_WIDGET (window)));
  collect_application (installed);
  flip = _errata_experiments_flip_window_new (GTK_WINDOW (window), "Where is my refund?",
                                              "v1", "It is on its way.", "v2", "It is on its way now.");
  collect_installed (installed, "experiments", flip);
  gtk_window_destroy (GTK_WINDOW (flip));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  errata_gui_test_iterate_until (has_shortcuts_window, NULL);
  shortcuts = find_shortcuts_window ();
  collect_listed (listed, GTK_WIDGET (shortcuts));

  n_missing = print_difference (installed, listed, "installed, not in the shortcuts window:");
  n_extra = print_difference (listed, installed, "in the shortcuts window, not installed:");
  g_test_message ("%u keys installed, %u listed", g_hash_table_size (installed),
                  g_hash_table_size (listed));
  g_assert_cmpuint (g_hash_table_size (installed), >=, 50);
  g_assert_cmpuint (n_missing, ==, 0);
  g_assert_cmpuint (n_extra, ==, 0);

  gtk_window_destroy (shortcuts);
  gtk_window_destroy (GTK_WINDOW (window));
  errata_gui_test_iterate_for (50);
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
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  /* Any warning fails the test: GTK reports layout mistakes (a label
   * with a negative minimum width) only as warnings. */
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/shortcuts-window/no-display", test_no_display);
      return g_test_run ();
    }

  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/shortcuts-window/opens-clean", test_opens_clean);
  g_test_add_func ("/shortcuts-window/lists-every-key", test_lists_every_key);
  return g_test_run ();
}
