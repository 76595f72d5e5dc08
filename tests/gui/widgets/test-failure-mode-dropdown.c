/* test-failure-mode-dropdown.c: choosing a failure mode, or any, from a
 * taxonomy that changes under the dropdown.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-failure-mode-dropdown.h"
#include "errata-test-utils.h"

typedef struct
{
  char                      *dir;
  ErrataProject             *project;
  ErrataTaxonomy            *taxonomy;
  ErrataFailureModeDropdown *dropdown;
  guint                      mode_notifies;
  guint                      modes_changed;
} Fixture;

static void
count (guint *counter)
{
  (*counter)++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->taxonomy = errata_taxonomy_new (fixture->project);
  fixture->dropdown = g_object_ref_sink (ERRATA_FAILURE_MODE_DROPDOWN (errata_failure_mode_dropdown_new ()));
  g_signal_connect_swapped (fixture->dropdown, "notify::mode-id", G_CALLBACK (count),
                            &fixture->mode_notifies);
  g_signal_connect_swapped (fixture->dropdown, "modes-changed", G_CALLBACK (count),
                            &fixture->modes_changed);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->dropdown);
  g_clear_object (&fixture->taxonomy);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gint64
create_mode (Fixture    *fixture,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = errata_taxonomy_create_mode (fixture->taxonomy, name, "", NULL, 0,
                                           ERRATA_UNSORTED, &error);

  g_assert_no_error (error);
  return id;
}

static GtkDropDown *
inner (Fixture *fixture)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->dropdown));

  g_assert_true (GTK_IS_DROP_DOWN (child));
  return GTK_DROP_DOWN (child);
}

static const char *
name_at (Fixture *fixture,
         guint    position)
{
  GListModel *model = gtk_drop_down_get_model (inner (fixture));
  g_autoptr(GtkStringObject) item = g_list_model_get_item (model, position);

  return item ? g_intern_string (gtk_string_object_get_string (item)) : NULL;
}

static void
test_lists_modes (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 budget, tool;

  /* Without a taxonomy: only "any", nothing to choose. */
  g_assert_false (errata_failure_mode_dropdown_get_has_modes (fixture->dropdown));
  g_assert_cmpint (errata_failure_mode_dropdown_get_mode_id (fixture->dropdown), ==, 0);
  g_assert_cmpstr (name_at (fixture, 0), ==, "Any failure mode");

  budget = create_mode (fixture, "Over budget");
  tool = create_mode (fixture, "Missed tool call");
  errata_failure_mode_dropdown_set_taxonomy (fixture->dropdown, fixture->taxonomy);
  g_assert_true (errata_failure_mode_dropdown_get_has_modes (fixture->dropdown));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (inner (fixture))), ==, 3);
  g_assert_cmpstr (name_at (fixture, 1), ==, "Over budget");
  g_assert_cmpstr (name_at (fixture, 2), ==, "Missed tool call");

  /* Chosen in code, or in the popup: both say so. */
  g_assert_true (errata_failure_mode_dropdown_set_mode_id (fixture->dropdown, tool));
  g_assert_cmpint (errata_failure_mode_dropdown_get_mode_id (fixture->dropdown), ==, tool);
  g_assert_cmpuint (gtk_drop_down_get_selected (inner (fixture)), ==, 2);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (inner (fixture))),
                            "Missed tool call"));
  gtk_drop_down_set_selected (inner (fixture), 1);
  g_assert_cmpint (errata_failure_mode_dropdown_get_mode_id (fixture->dropdown), ==, budget);
  g_assert_cmpuint (fixture->mode_notifies, ==, 2);

  /* A mode the taxonomy does not have changes nothing. */
  g_assert_false (errata_failure_mode_dropdown_set_mode_id (fixture->dropdown, 9999));
  g_assert_cmpint (errata_failure_mode_dropdown_get_mode_id (fixture->dropdown), ==, budget);
  g_assert_cmpuint (fixture->mode_notifies, ==, 2);
}

/* The list follows the taxonomy: a renamed mode stays chosen, a deleted
 * one sets the choice back to any. */
static void
test_follows_taxonomy (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 budget;

  errata_failure_mode_dropdown_set_taxonomy (fixture->dropdown, fixture->taxonomy);
  g_assert_false (errata_failure_mode_dropdown_get_has_modes (fixture->dropdown));
  budget = create_mode (fixture, "Over budget");
  g_assert_cmpuint (fixture->modes_changed, ==, 1);
  g_assert_true (errata_failure_mode_dropdown_get_has_modes (fixture->dropdown));
  g_assert_true (errata_failure_mode_dropdown_set_mode_id (fixture->dropdown, budget));

  g_assert_true (errata_taxonomy_update_mode (fixture->taxonomy, budget, "Above the budget", "",
                                              "", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (name_at (fixture, 1), ==, "Above the budget");
  g_assert_cmpint (errata_failure_mode_dropdown_get_mode_id (fixture->dropdown), ==, budget);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (inner (fixture))),
                            "Above the budget"));

  fixture->mode_notifies = 0;
  g_assert_true (errata_taxonomy_delete_mode (fixture->taxonomy, budget, &error));
  g_assert_no_error (error);
  g_assert_cmpint (errata_failure_mode_dropdown_get_mode_id (fixture->dropdown), ==, 0);
  g_assert_cmpuint (fixture->mode_notifies, ==, 1);
  g_assert_false (errata_failure_mode_dropdown_get_has_modes (fixture->dropdown));

  /* Let go of the taxonomy: its changes no longer reach the dropdown. */
  errata_failure_mode_dropdown_set_taxonomy (fixture->dropdown, NULL);
  fixture->modes_changed = 0;
  create_mode (fixture, "Answered in French");
  g_assert_cmpuint (fixture->modes_changed, ==, 0);
  g_assert_false (errata_failure_mode_dropdown_get_has_modes (fixture->dropdown));
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
      g_test_add_func ("/failure-mode-dropdown/no-display", test_no_display);
      return g_test_run ();
    }
  g_test_add ("/failure-mode-dropdown/lists-modes", Fixture, NULL, fixture_set_up,
              test_lists_modes, fixture_tear_down);
  g_test_add ("/failure-mode-dropdown/follows-taxonomy", Fixture, NULL, fixture_set_up,
              test_follows_taxonomy, fixture_tear_down);
  return g_test_run ();
}
