/* gui-canvas.c: how long the Failure Modes canvas takes with 1,000 cards
 * in 30 groups (and 250 unsorted), through the real page in a real window.
 *
 *   gui-canvas [--rounds N]
 *
 * For each of N drops of one card from one group onto another (the
 * GtkDropTarget "drop" signal, as GTK emits it, so the real handler runs):
 *   drop     the handler: the model call, the save, the canvas patched
 *   reload   of which the canvas brought up to date (the page's own figure)
 *   frame    from the drop to the next painted frame
 * and for N changes of the search text ("budget", then none):
 *   filter   from setting the text to the next painted frame
 * Prints median and p95 of each. Needs a display (xvfb-run); exits 77
 * (skipped) without one. These figures were assertions in the display
 * tests once; a busy machine is not a bug, so they live here.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "errata-failure-modes-page.h"
#include "errata-test-utils.h"

#define N_NOTES    1000
#define N_GROUPS   30
#define GROUP_SIZE 25

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted samples. */
static double
percentile (const double *sorted,
            guint         n,
            double        p)
{
  guint rank = (guint)(p * n + 0.999999);

  return sorted[CLAMP (rank, 1, n) - 1];
}

static void
report (const char *name,
        GArray     *samples,
        const char *what)
{
  double *values = (double *)(gpointer)samples->data;

  qsort (values, samples->len, sizeof (double), compare_doubles);
  g_print ("%-7s median %7.1f ms  p95 %7.1f ms  (%u runs)  %s\n", name,
           percentile (values, samples->len, 0.5), percentile (values, samples->len, 0.95),
           samples->len, what);
}

static void
painted (GdkFrameClock *clock,
         gpointer       data)
{
  *(gboolean *)data = TRUE;
}

/* Runs the main loop until the window has drawn a frame. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean done = FALSE;
  gulong id;

  id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted), &done);
  gtk_widget_queue_draw (widget);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

/* N_NOTES reviewed traces with a note each, in review order. */
static void
add_notes (ErrataProject *project)
{
  g_autoptr(GError) error = NULL;

  if (!errata_project_begin (project, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < N_NOTES; i++)
    {
      g_autofree char *external_id = g_strdup_printf ("trace-%04u", i + 1);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (external_id, "Find me a flat",
                                                            "Here is one");
      g_autoptr(ErrataAnnotation) annotation = NULL;

      if (!errata_project_add_trace (project, trace, NULL, &error))
        g_error ("%s", error->message);
      annotation = errata_annotation_new (errata_trace_get_id (trace), "Ada");
      annotation->verdict = ERRATA_VERDICT_FAIL;
      g_free (annotation->note);
      annotation->note = g_strdup_printf ("Listing %u is over the stated budget", i);
      annotation->created_at = annotation->updated_at = 1700000000000000 + i * 1000;
      if (!errata_project_set_annotation (project, annotation, &error))
        g_error ("%s", error->message);
    }
  if (!errata_project_commit (project, &error))
    g_error ("%s", error->message);
}

/* 30 groups of 25 cards; the first 250 stay unsorted. */
static void
sort_cards (ErrataTaxonomy *taxonomy,
            gint64         *groups)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = errata_taxonomy_list_cards (taxonomy, ERRATA_UNSORTED, &error);

  if (cards == NULL || cards->len != N_NOTES)
    g_error ("expected %u unsorted cards", N_NOTES);
  for (guint m = 0; m < N_GROUPS; m++)
    {
      g_autofree char *name = g_strdup_printf ("Failure mode %u", m + 1);
      gint64 ids[GROUP_SIZE];

      for (guint i = 0; i < GROUP_SIZE; i++)
        ids[i] = ((ErrataNoteCard *)cards->pdata[250 + m * GROUP_SIZE + i])->annotation_id;
      groups[m] = errata_taxonomy_create_mode (taxonomy, name, "", ids, GROUP_SIZE,
                                               ERRATA_UNSORTED, &error);
      if (groups[m] == 0)
        g_error ("%s", error->message);
    }
}

static void
emit_drop (ErrataModeGroup *target,
           ErrataCardItem  *item)
{
  g_auto (GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_value_init (&value, ERRATA_TYPE_CARD_ITEM);
  g_value_set_object (&value, item);
  g_signal_emit_by_name (errata_mode_group_get_drop_target (target), "drop", &value,
                         10.0, 10.0, &handled);
  if (!handled)
    g_error ("the drop was refused");
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
time_drops (ErrataFailureModesPage *page,
            GtkWidget              *window,
            gint64                 *groups,
            guint                   rounds)
{
  g_autoptr(GArray) drop = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reload = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < rounds; i++)
    {
      /* Back and forth, so the groups keep their sizes. */
      ErrataModeGroup *from = errata_failure_modes_page_get_group (page, groups[i % 2]);
      ErrataModeGroup *to = errata_failure_modes_page_get_group (page, groups[(i + 1) % 2]);
      g_autoptr(ErrataCardItem) item = g_list_model_get_item (errata_mode_group_get_cards (from), 10);
      gint64 start = g_get_monotonic_time ();
      double value;

      emit_drop (to, item);
      value = ms_since (start);
      g_array_append_val (drop, value);
      value = errata_failure_modes_page_get_reload_time (page);
      g_array_append_val (reload, value);
      wait_for_frame (window);
      value = ms_since (start);
      g_array_append_val (frame, value);
    }
  report ("drop", drop, "drop handler: move, save, canvas patched");
  report ("reload", reload, "the canvas brought up to date (part of drop)");
  report ("frame", frame, "drop to the next painted frame");
}

static void
time_filter (ErrataFailureModesPage *page,
             GtkWidget              *window,
             guint                   rounds)
{
  g_autoptr(GArray) filter = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < rounds; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double value;

      errata_failure_modes_page_set_search_text (page, i % 2 == 0 ? "budget 1" : "");
      wait_for_frame (window);
      value = ms_since (start);
      g_array_append_val (filter, value);
    }
  report ("filter", filter, "search text set to the next painted frame");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(ErrataProject) project = NULL;
  ErrataFailureModesPage *page;
  GtkWidget *window;
  gint64 groups[N_GROUPS];
  guint rounds = 30;

  if (argc == 3 && g_str_equal (argv[1], "--rounds"))
    rounds = MAX (1, atoi (argv[2]));
  if (!gtk_init_check ())
    {
      g_printerr ("gui-canvas: no display; run it under xvfb-run\n");
      return 77;
    }
  adw_init ();

  project = errata_test_new_project (&dir);
  add_notes (project);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  page = ERRATA_FAILURE_MODES_PAGE (errata_failure_modes_page_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  errata_failure_modes_page_set_project (page, project);
  sort_cards (errata_failure_modes_page_get_taxonomy (page), groups);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (window);
  wait_for_frame (window);

  g_print ("Failure Modes canvas: %u cards, %u groups of %u, %u unsorted\n",
           N_NOTES, N_GROUPS, GROUP_SIZE, N_NOTES - N_GROUPS * GROUP_SIZE);
  time_drops (page, window, groups, rounds);
  time_filter (page, window, rounds);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  errata_project_close (project);
  errata_test_remove_tree (dir);
  return 0;
}
