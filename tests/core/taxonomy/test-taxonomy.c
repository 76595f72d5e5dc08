/* test-taxonomy.c: failure modes, moving notes between them, undo, derived
 * labels, saturation and Pareto counts. The export is in tests/core/export.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-taxonomy.h"
#include "errata-test-utils.h"

typedef struct
{
  char           *dir;
  ErrataProject  *project;
  ErrataTaxonomy *taxonomy;
  gint64          traces[8];
  gint64          notes[6];    /* annotation ids of traces 0..5 */
} Fixture;

/* The cards come in review order, which is trace order here. */
static void
fill_note_ids (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = errata_taxonomy_list_cards (fixture->taxonomy, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 6);
  for (guint i = 0; i < cards->len; i++)
    {
      ErrataNoteCard *card = cards->pdata[i];

      g_assert_cmpint (card->trace_id, ==, fixture->traces[i]);
      fixture->notes[i] = card->annotation_id;
    }
}

/* Eight traces; 0..5 reviewed with notes, 6 reviewed pass without a note,
 * 7 not reviewed. Reviews happen in trace order. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->taxonomy = errata_taxonomy_new (fixture->project);
  for (int i = 0; i < 8; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%d", i);
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, "question", "answer");

      g_assert_true (errata_project_add_trace (fixture->project, trace, NULL, &error));
      fixture->traces[i] = errata_trace_get_id (trace);
      if (i == 7)
        continue;

      g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (fixture->traces[i], "Ada");
      annotation->verdict = i < 6 ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS;
      g_free (annotation->note);
      annotation->note = g_strdup_printf (i < 6 ? "problem number %d" : "", i);
      g_assert_true (errata_project_set_annotation (fixture->project, annotation, &error));
      g_usleep (1000);
    }
  fill_note_ids (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->taxonomy);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static guint
n_cards (ErrataTaxonomy *taxonomy,
         gint64          mode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = errata_taxonomy_list_cards (taxonomy, mode, &error);

  g_assert_no_error (error);
  return cards->len;
}

static void
test_create_move_copy (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 budget, tools;

  g_assert_cmpuint (n_cards (fixture->taxonomy, ERRATA_UNSORTED), ==, 6);
  budget = errata_taxonomy_create_mode (fixture->taxonomy, "Over budget", "Recommends a listing "
                                        "above the stated budget", fixture->notes, 2,
                                        ERRATA_UNSORTED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (budget, >, 0);
  g_assert_cmpuint (n_cards (fixture->taxonomy, budget), ==, 2);
  g_assert_cmpuint (n_cards (fixture->taxonomy, ERRATA_UNSORTED), ==, 4);

  tools = errata_taxonomy_create_mode (fixture->taxonomy, "Missed tool call", "", NULL, 0,
                                       ERRATA_UNSORTED, &error);
  /* Move card 1 from budget to tools; copy card 0 there too. */
  g_assert_true (errata_taxonomy_move_cards (fixture->taxonomy, &fixture->notes[1], 1, budget,
                                             tools, FALSE, &error));
  g_assert_true (errata_taxonomy_move_cards (fixture->taxonomy, &fixture->notes[0], 1, budget,
                                             tools, TRUE, &error));
  g_assert_cmpuint (n_cards (fixture->taxonomy, budget), ==, 1);
  g_assert_cmpuint (n_cards (fixture->taxonomy, tools), ==, 2);
  g_assert_cmpuint (n_cards (fixture->taxonomy, -1), ==, 6);

  /* Moving back to Unsorted takes a card off the mode. */
  g_assert_true (errata_taxonomy_move_cards (fixture->taxonomy, &fixture->notes[1], 1, tools,
                                             ERRATA_UNSORTED, FALSE, &error));
  g_assert_cmpuint (n_cards (fixture->taxonomy, ERRATA_UNSORTED), ==, 5);

  /* A blank name is refused. */
  g_assert_cmpint (errata_taxonomy_create_mode (fixture->taxonomy, "  ", "", NULL, 0, 0, &error),
                   ==, 0);
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID);
}

static void
changed_cb (ErrataTaxonomy *taxonomy,
            gboolean       *can_undo)
{
  *can_undo = errata_taxonomy_can_undo (taxonomy);
}

static void
test_merge_undo_redo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) modes = NULL;
  gint64 a, b;

  gboolean can_undo_in_handler = FALSE;

  /* `changed` handlers already see the edit on the undo stack. */
  g_signal_connect (fixture->taxonomy, "changed", G_CALLBACK (changed_cb), &can_undo_in_handler);
  a = errata_taxonomy_create_mode (fixture->taxonomy, "A", "", fixture->notes, 3, 0, &error);
  g_assert_true (can_undo_in_handler);
  b = errata_taxonomy_create_mode (fixture->taxonomy, "B", "", fixture->notes + 2, 3, 0, &error);
  /* Note 2 sits in both. Merging A into B leaves B with notes 0..4 once. */
  g_assert_true (errata_taxonomy_merge_modes (fixture->taxonomy, a, b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_cards (fixture->taxonomy, b), ==, 5);
  modes = errata_taxonomy_list_modes (fixture->taxonomy, &error);
  g_assert_cmpuint (modes->len, ==, 1);
  g_clear_pointer (&modes, g_ptr_array_unref);

  g_assert_true (errata_taxonomy_undo (fixture->taxonomy, &error));
  g_assert_cmpuint (n_cards (fixture->taxonomy, a), ==, 3);
  g_assert_cmpuint (n_cards (fixture->taxonomy, b), ==, 3);
  modes = errata_taxonomy_list_modes (fixture->taxonomy, &error);
  g_assert_cmpuint (modes->len, ==, 2);
  g_assert_cmpstr (((ErrataFailureMode *)modes->pdata[0])->name, ==, "A");

  g_assert_true (errata_taxonomy_redo (fixture->taxonomy, &error));
  g_assert_cmpuint (n_cards (fixture->taxonomy, b), ==, 5);
  g_assert_false (errata_taxonomy_can_redo (fixture->taxonomy));

  /* Undo everything: back to no modes and six unsorted notes. */
  while (errata_taxonomy_can_undo (fixture->taxonomy))
    g_assert_true (errata_taxonomy_undo (fixture->taxonomy, &error));
  g_assert_cmpuint (n_cards (fixture->taxonomy, ERRATA_UNSORTED), ==, 6);
  g_assert_null (errata_taxonomy_get_mode (fixture->taxonomy, a, NULL));
}

static void
test_rename_delete_persist (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataFailureMode) mode = NULL;
  g_autoptr(ErrataProject) reopened = NULL;
  g_autoptr(ErrataTaxonomy) again = NULL;
  gint64 a;

  a = errata_taxonomy_create_mode (fixture->taxonomy, "Draft", "", fixture->notes, 2, 0, &error);
  g_assert_true (errata_taxonomy_update_mode (fixture->taxonomy, a, "Hallucinated amenity",
                                              "Mentions a feature the listing lacks", "#e01b24",
                                              &error));
  g_assert_true (errata_taxonomy_undo (fixture->taxonomy, &error));
  mode = errata_taxonomy_get_mode (fixture->taxonomy, a, &error);
  g_assert_cmpstr (mode->name, ==, "Draft");
  g_assert_true (errata_taxonomy_redo (fixture->taxonomy, &error));

  /* Changes are saved at once: a second connection sees them. */
  reopened = errata_project_open (errata_project_get_file (fixture->project),
                                  ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  again = errata_taxonomy_new (reopened);
  g_clear_pointer (&mode, errata_failure_mode_free);
  mode = errata_taxonomy_get_mode (again, a, &error);
  g_assert_cmpstr (mode->name, ==, "Hallucinated amenity");
  g_assert_cmpstr (mode->colour, ==, "#e01b24");
  g_assert_cmpuint (n_cards (again, a), ==, 2);

  g_assert_true (errata_taxonomy_delete_mode (fixture->taxonomy, a, &error));
  g_assert_cmpuint (n_cards (fixture->taxonomy, ERRATA_UNSORTED), ==, 6);
  g_assert_true (errata_taxonomy_undo (fixture->taxonomy, &error));
  g_assert_cmpuint (n_cards (fixture->taxonomy, a), ==, 2);
}

static void
test_derived_labels (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 mode;

  mode = errata_taxonomy_create_mode (fixture->taxonomy, "M", "", fixture->notes, 2, 0, &error);
  g_assert_cmpint (errata_taxonomy_get_label (fixture->taxonomy, fixture->traces[0], mode, &error),
                   ==, ERRATA_VERDICT_FAIL);
  /* Reviewed, note elsewhere: passes M. Reviewed without a note: passes. */
  g_assert_cmpint (errata_taxonomy_get_label (fixture->taxonomy, fixture->traces[3], mode, &error),
                   ==, ERRATA_VERDICT_PASS);
  g_assert_cmpint (errata_taxonomy_get_label (fixture->taxonomy, fixture->traces[6], mode, &error),
                   ==, ERRATA_VERDICT_PASS);
  /* The Traces page's failure-mode filter lists the traces in M. */
  {
    g_autoptr(ErrataTraceQuery) query = errata_trace_query_new ();

    errata_trace_query_set_failure_mode (query, mode);
    g_assert_cmpint (errata_project_count_traces (fixture->project, query, &error), ==, 2);
  }
  /* Not reviewed: no label. */
  g_assert_cmpint (errata_taxonomy_get_label (fixture->taxonomy, fixture->traces[7], mode, &error),
                   ==, ERRATA_VERDICT_UNSET);
  g_assert_no_error (error);
}

static void
test_counts_and_saturation (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GArray) curve = NULL;
  ErrataModeCount *top;
  guint reviewed = 0;
  gint64 first_two = fixture->notes[0];
  gint64 a, b;

  /* Mode A from reviews 1 and 2; mode B from review 4 and 5. */
  a = errata_taxonomy_create_mode (fixture->taxonomy, "A", "", &first_two, 1, 0, &error);
  g_assert_true (errata_taxonomy_move_cards (fixture->taxonomy, &fixture->notes[1], 1, 0, a,
                                             FALSE, &error));
  b = errata_taxonomy_create_mode (fixture->taxonomy, "B", "", fixture->notes + 3, 3, 0, &error);

  counts = errata_taxonomy_count_modes (fixture->taxonomy, &reviewed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reviewed, ==, 7);
  g_assert_cmpuint (counts->len, ==, 2);
  top = counts->pdata[0];
  g_assert_cmpint (top->mode_id, ==, b);
  g_assert_cmpuint (top->count, ==, 3);
  g_assert_cmpfloat_with_epsilon (top->share, 3.0 / 7.0, 1e-9);

  curve = errata_taxonomy_saturation (fixture->taxonomy, &error);
  g_assert_cmpuint (curve->len, ==, 7);
  g_assert_cmpuint (g_array_index (curve, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (curve, guint, 2), ==, 1);
  g_assert_cmpuint (g_array_index (curve, guint, 3), ==, 2);
  g_assert_cmpuint (g_array_index (curve, guint, 6), ==, 2);
  /* Reviews 5..7 brought nothing new: saturated over a window of 2 or 3,
   * not over a window of 4. */
  g_assert_true (errata_taxonomy_is_saturated (curve, 2));
  g_assert_false (errata_taxonomy_is_saturated (curve, 4));

  /* An imported note sorted into A is a card, not a review: the shares
   * and the curve count the team's reviews only. */
  {
    g_autoptr(ErrataAnnotation) imported = errata_annotation_new (fixture->traces[7], "judge.jsonl");
    g_autoptr(GPtrArray) cards = NULL;
    g_autoptr(GPtrArray) recount = NULL;
    g_autoptr(GArray) recurve = NULL;
    gint64 card = 0;

    imported->origin = ERRATA_ORIGIN_IMPORTED;
    imported->verdict = ERRATA_VERDICT_FAIL;
    g_free (imported->note);
    imported->note = g_strdup ("the judge says it fails");
    g_assert_true (errata_project_set_annotation (fixture->project, imported, &error));
    cards = errata_taxonomy_list_cards (fixture->taxonomy, -1, &error);
    for (guint i = 0; i < cards->len; i++)
      {
        const ErrataNoteCard *listed = cards->pdata[i];

        /* The card says it is an imported label's note. */
        g_assert_cmpint (listed->imported, ==, listed->trace_id == fixture->traces[7]);
        if (listed->trace_id == fixture->traces[7])
          card = listed->annotation_id;
      }
    g_assert_cmpint (card, >, 0);
    g_assert_true (errata_taxonomy_move_cards (fixture->taxonomy, &card, 1, 0, a, FALSE, &error));
    recount = errata_taxonomy_count_modes (fixture->taxonomy, &reviewed, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (reviewed, ==, 7);
    for (guint i = 0; i < recount->len; i++)
      if (((ErrataModeCount *)recount->pdata[i])->mode_id == a)
        g_assert_cmpuint (((ErrataModeCount *)recount->pdata[i])->count, ==, 2);
    recurve = errata_taxonomy_saturation (fixture->taxonomy, &error);
    g_assert_cmpuint (recurve->len, ==, 7);
  }
}

static void
count_changed (ErrataTaxonomy *taxonomy,
               guint          *count)
{
  (*count)++;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* The taxonomy's edits live on its undo stack, whose properties a window
 * binds its Undo and Redo actions to; Undo with nothing to undo changes
 * nothing and tells no one. */
static void
test_undo_stack (Fixture       *fixture,
                 gconstpointer  data)
{
  ErrataUndoStack *stack = errata_taxonomy_get_undo_stack (fixture->taxonomy);
  g_autoptr(GError) error = NULL;
  guint changed = 0;
  guint undo_notes = 0;
  gboolean can_redo = FALSE;

  g_signal_connect (fixture->taxonomy, "changed", G_CALLBACK (count_changed), &changed);
  g_signal_connect (stack, "notify::can-undo", G_CALLBACK (count_notify), &undo_notes);
  g_assert_true (errata_taxonomy_undo (fixture->taxonomy, &error));
  g_assert_cmpuint (changed, ==, 0);

  errata_taxonomy_create_mode (fixture->taxonomy, "A", "", fixture->notes, 2, 0, &error);
  g_assert_no_error (error);
  g_assert_true (errata_undo_stack_can_undo (stack));
  g_assert_cmpuint (undo_notes, ==, 1);
  g_assert_cmpuint (changed, ==, 1);

  /* A failed command leaves the stack as it was. */
  g_assert_cmpint (errata_taxonomy_create_mode (fixture->taxonomy, "  ", "", NULL, 0, 0, &error),
                   ==, 0);
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (changed, ==, 1);

  g_assert_true (errata_taxonomy_undo (fixture->taxonomy, &error));
  g_object_get (stack, "can-redo", &can_redo, NULL);
  g_assert_true (can_redo);
  g_assert_false (errata_undo_stack_can_undo (stack));
  g_assert_cmpuint (undo_notes, ==, 2);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (n_cards (fixture->taxonomy, ERRATA_UNSORTED), ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/taxonomy/create-move-copy", test_create_move_copy);
  ADD ("/taxonomy/merge-undo-redo", test_merge_undo_redo);
  ADD ("/taxonomy/rename-delete-persist", test_rename_delete_persist);
  ADD ("/taxonomy/derived-labels", test_derived_labels);
  ADD ("/taxonomy/counts-and-saturation", test_counts_and_saturation);
  ADD ("/taxonomy/undo-stack", test_undo_stack);
#undef ADD

  return g_test_run ();
}
