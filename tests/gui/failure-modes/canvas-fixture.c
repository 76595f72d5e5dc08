/* canvas-fixture.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "canvas-fixture.h"

#include "errata-gui-test-utils.h"
#include "errata-test-utils.h"

static const guint six_counts[] = { 20, 14, 9, 7, 5, 11 };

const CanvasContent canvas_six_modes = {
  .n_modes = 6,
  .notes_per_mode = six_counts,
  .n_unsorted_fail = 12,
  .n_unsorted_unset = 6,
  .n_unsorted_pass = 12,
};

static const struct
{
  const char *name;
  const char *definition;
  const char *colour;
  const char *note;
} modes[] = {
  { "Unavailable agent", "Proposes or books a viewing the agent cannot attend", "#3584e4",
    "Proposed a viewing at 10am although the agent calendar showed no free slot" },
  { "Over budget", "Suggests a home priced above the stated budget", "#e01b24",
    "Listing at 640k when the user said the budget was 500k" },
  { "Missed tool call", "Answers without the lookup the question needs", "#ff7800",
    "Never called search_listings, answered from memory" },
  { "Hallucinated amenity", "", "#9141ac",
    "Claims the flat has a balcony; the listing says nothing of it" },
  { "Ignored handoff", "The user asks for a human and does not get one", "",
    "User asked for a human twice, the assistant kept going" },
  { "Wrong day or time", "Books outside the office's opening hours", "#33d17a",
    "Scheduled the viewing on a Sunday; the office is closed" },
  { "Invented amenity", "Describes features the listing does not have", "#f6d32d",
    "Invented a parking space" },
  { "Premature action", "Acts (books, sends) before the user agrees", "#986a44",
    "Sent an SMS before the user agreed" },
  { "Wrong size", "Offers a home with fewer bedrooms than asked", "",
    "Offered a 2-bed when the user wanted 3 bedrooms" },
  { "Pet policy", "Misstates whether pets are allowed", "#3584e4",
    "Said 'pets allowed' though the listing forbids them" },
};

void
canvas_fixture_iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static gint64
add_note (ErrataProject *project,
          guint          n,
          const char    *note,
          ErrataVerdict  verdict)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("trace-%04u", n);
  g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, "Find me a flat", "Here is one");
  g_autoptr(ErrataAnnotation) annotation = NULL;

  g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
  g_assert_no_error (error);
  annotation = errata_annotation_new (errata_trace_get_id (trace), "Ada");
  annotation->verdict = verdict;
  g_free (annotation->note);
  annotation->note = g_strdup (note);
  annotation->created_at = annotation->updated_at = 1700000000000000 + n * 1000;
  g_assert_true (errata_project_set_annotation (project, annotation, &error));
  g_assert_no_error (error);
  return errata_trace_get_id (trace);
}

/* The annotation ids of every note, in review order. */
static GArray *
annotation_ids (ErrataTaxonomy *taxonomy)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = errata_taxonomy_list_cards (taxonomy, -1, &error);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  for (guint i = 0; i < cards->len; i++)
    g_array_append_val (ids, ((ErrataNoteCard *)cards->pdata[i])->annotation_id);
  return ids;
}

static void
fill_project (CanvasFixture       *fixture,
              const CanvasContent *content,
              ErrataTaxonomy      *taxonomy)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  guint n = 0, first = 0;

  g_assert_cmpuint (content->n_modes, <=, G_N_ELEMENTS (modes));
  g_assert_true (errata_project_begin (fixture->project, &error));
  for (guint m = 0; m < content->n_modes; m++)
    for (guint i = 0; i < content->notes_per_mode[m]; i++)
      {
        g_autofree char *note = g_strdup_printf ("%s (%u)", modes[m].note, i + 1);

        add_note (fixture->project, ++n, note, ERRATA_VERDICT_FAIL);
      }
  for (guint i = 0; i < content->n_unsorted_fail; i++)
    add_note (fixture->project, ++n, "Quoted the price without the service charge",
              ERRATA_VERDICT_FAIL);
  for (guint i = 0; i < content->n_unsorted_unset; i++)
    add_note (fixture->project, ++n, "Not sure: the agent may have been free", ERRATA_VERDICT_UNSET);
  for (guint i = 0; i < content->n_unsorted_pass; i++)
    add_note (fixture->project, ++n, "This reply adheres to the listing and the budget",
              ERRATA_VERDICT_PASS);
  g_assert_true (errata_project_commit (fixture->project, &error));

  ids = annotation_ids (taxonomy);
  for (guint m = 0; m < content->n_modes; m++)
    {
      gint64 id = errata_taxonomy_create_mode (taxonomy, modes[m].name, modes[m].definition,
                                               &g_array_index (ids, gint64, first),
                                               content->notes_per_mode[m], ERRATA_UNSORTED,
                                               &error);

      g_assert_no_error (error);
      g_assert_true (errata_taxonomy_update_mode (taxonomy, id, NULL, NULL, modes[m].colour,
                                                  &error));
      g_array_append_val (fixture->modes, id);
      first += content->notes_per_mode[m];
    }
}

void
canvas_fixture_set_up (CanvasFixture       *fixture,
                       const CanvasContent *content,
                       int                  width,
                       int                  height)
{
  g_autoptr(ErrataWorkspace) workspace = NULL;

  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->modes = g_array_new (FALSE, FALSE, sizeof (gint64));
  workspace = errata_workspace_new (fixture->project, NULL);
  fill_project (fixture, content, errata_workspace_get_taxonomy (workspace));

  fixture->window = GTK_WINDOW (gtk_window_new ());
  /* As tall as the application window's header bar: the page gets the
   * height it gets there. */
  gtk_window_set_titlebar (fixture->window, gtk_header_bar_new ());
  gtk_window_set_default_size (fixture->window, width, height);
  fixture->page = ERRATA_FAILURE_MODES_PAGE (errata_failure_modes_page_new (workspace));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  canvas_fixture_resize (fixture, width, height);
}

typedef struct
{
  GtkWidget *widget;
  int        width;
  int        height;
} SizeWatch;

/* The window on screen has the size, frame included (a window without a
 * window manager draws its own, as the application's does). */
static gboolean
has_size (gpointer data)
{
  SizeWatch *watch = data;
  GdkSurface *surface;

  if (!gtk_widget_get_mapped (watch->widget))
    return FALSE;
  surface = gtk_native_get_surface (GTK_NATIVE (watch->widget));
  return gdk_surface_get_width (surface) == watch->width &&
         gdk_surface_get_height (surface) == watch->height &&
         gtk_widget_get_width (watch->widget) > watch->width - 40;
}

void
canvas_fixture_resize (CanvasFixture *fixture,
                       int            width,
                       int            height)
{
  SizeWatch watch = { GTK_WIDGET (fixture->window), width, height };

  gtk_window_set_default_size (fixture->window, width, height);
  errata_gui_test_iterate_until (has_size, &watch);
  g_test_message ("window %d×%d, page %d×%d", width, height,
                  gtk_widget_get_width (GTK_WIDGET (fixture->page)),
                  gtk_widget_get_height (GTK_WIDGET (fixture->page)));
  /* The flap folds in the allocation after the one that shrank it. */
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  canvas_fixture_iterate ();
}

void
canvas_fixture_tear_down (CanvasFixture *fixture)
{
  gtk_window_destroy (fixture->window);
  canvas_fixture_iterate ();
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->modes, g_array_unref);
}

ErrataModeGroup *
canvas_fixture_group (CanvasFixture *fixture,
                      guint          index)
{
  ErrataModeGroup *group;

  g_assert_cmpuint (index, <, fixture->modes->len);
  group = errata_failure_modes_page_get_group (fixture->page,
                                               g_array_index (fixture->modes, gint64, index));
  g_assert_nonnull (group);
  return group;
}

void
canvas_fixture_render_both (CanvasFixture *fixture,
                            const char    *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);
  g_autoptr(GdkTexture) light_texture = NULL;
  g_autoptr(GdkTexture) dark_texture = NULL;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  light_texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark_texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_cmpint (gdk_texture_get_width (dark_texture), ==,
                   gtk_widget_get_width (GTK_WIDGET (fixture->window)));
}
