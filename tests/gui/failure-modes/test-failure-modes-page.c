/* test-failure-modes-page.c: the Failure Modes page. The real drop
 * handlers are driven by emitting GtkDropTarget::drop with a value of the
 * card's own type; undo and redo go through the page's actions; the
 * keyboard path through the cards' and groups' actions. Renders the
 * canvas and the charts to PNG files in the build folder (light and
 * dark). How long a move takes on 1,000 cards: bench/gui-canvas.c.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "errata-failure-modes-page.h"
#include "errata-gui-test-utils.h"
#include "errata-note-card.h"
#include "errata-test-utils.h"

/* Notes an expert could have written about a real-estate assistant. */
static const char *const notes[] = {
  "Proposed a viewing at 10am although the agent calendar showed no free slot",
  "Listing at 640k when the user said the budget was 500k",
  "Never called search_listings, answered from memory",
  "Claims the flat has a balcony; the listing says nothing of it",
  "User asked for a human twice, the assistant kept going",
  "Scheduled the viewing on a Sunday; the office is closed",
  "Recommended three houses all above budget",
  "Mentions a garden that the listing lacks",
  "Did not check availability before confirming the slot",
  "Ignored 'please let me talk to someone'",
  "Quoted the price without the service charge",
  "Invented a parking space",
  "Skipped get_listing and guessed the floor area",
  "Sent an SMS before the user agreed",
  "Offered a 2-bed when the user wanted 3 bedrooms",
  "Said 'pets allowed' though the listing forbids them",
  "Confirmed the viewing without calling schedule_viewing",
  "Budget stated per month; suggested listings priced to buy",
  "Handoff request answered with another listing",
  "Hallucinated a swimming pool",
  "Tool returned no agents; it still offered Tuesday",
  "Pushed a listing 20% over budget as 'worth a stretch'",
  "Answered about schools without any tool call",
  "Made up the energy rating",
  "User said 'stop, human please' and it asked for the budget",
  "Double-booked the agent for 3pm",
  "Over budget after fees are added",
  "Did not look up the listing the user named",
  "Describes a renovated kitchen not in the listing",
  "Escalation request ignored",
  "Viewing proposed outside the agent's working hours",
  "Rent above the stated maximum",
  "No search before saying 'nothing available'",
  "Amenity list copied from a different listing",
  "Promised a call back from an agent, no handoff made",
  "Booked a slot the tool marked as taken",
  "Suggested a listing 50k over budget",
  "Forgot to call check_agent_availability",
  "Says the building has a lift; it has none",
  "Asked to speak to a person: got a FAQ link",
};

typedef struct
{
  char                   *dir;
  ErrataProject          *project;
  ErrataTaxonomy         *taxonomy;
  GtkWindow              *window;
  ErrataFailureModesPage *page;
  GArray                 *cards;    /* annotation ids, in review order */
  GArray                 *traces;   /* trace ids, same order */
} Fixture;

/* ---- helpers ------------------------------------------------------------ */

static void
iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Waits `ms`, then handles what is still pending. */
static void
iterate_for (guint ms)
{
  errata_gui_test_iterate_for (ms);
  iterate ();
}

static void
add_notes (Fixture *fixture,
           guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;

  g_assert_true (errata_project_begin (fixture->project, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("trace-%04u", i + 1);
      g_autofree char *note = g_strdup_printf ("%s%s", notes[i % G_N_ELEMENTS (notes)],
                                               i < G_N_ELEMENTS (notes) ? "" : " (again)");
      g_autoptr(ErrataTrace) trace = errata_test_new_trace (id, "Find me a flat", "Here is one");
      g_autoptr(ErrataAnnotation) annotation = NULL;

      g_assert_true (errata_project_add_trace (fixture->project, trace, NULL, &error));
      annotation = errata_annotation_new (errata_trace_get_id (trace), "Ada");
      annotation->verdict = i % 7 == 6 ? ERRATA_VERDICT_PASS : ERRATA_VERDICT_FAIL;
      g_free (annotation->note);
      annotation->note = g_steal_pointer (&note);
      /* Review order is creation order; keep it strict. */
      annotation->created_at = annotation->updated_at = 1700000000000000 + i * 1000;
      g_assert_true (errata_project_set_annotation (fixture->project, annotation, &error));
    }
  g_assert_true (errata_project_commit (fixture->project, &error));

  cards = errata_taxonomy_list_cards (fixture->taxonomy, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, n);
  for (guint i = 0; i < cards->len; i++)
    {
      ErrataNoteCard *card = cards->pdata[i];

      g_array_append_val (fixture->cards, card->annotation_id);
      g_array_append_val (fixture->traces, card->trace_id);
    }
}

static void
fixture_set_up_size (Fixture *fixture,
                     guint    n_notes,
                     int      width,
                     int      height)
{
  fixture->project = errata_test_new_project (&fixture->dir);
  fixture->taxonomy = errata_taxonomy_new (fixture->project);
  fixture->cards = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->traces = g_array_new (FALSE, FALSE, sizeof (gint64));
  add_notes (fixture, n_notes);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, width, height);
  {
    g_autoptr(ErrataWorkspace) workspace = errata_workspace_new (fixture->project, NULL);

    fixture->page = ERRATA_FAILURE_MODES_PAGE (errata_failure_modes_page_new (workspace));
  }
  /* Every seventh note is on a passing trace; these tests move, search
   * and count all of them (test-canvas-layout.c tests leaving them out). */
  errata_failure_modes_page_set_show_passing (fixture->page, TRUE);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  iterate_for (50);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture_set_up_size (fixture, 12, 1280, 800);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  iterate ();
  g_clear_object (&fixture->taxonomy);
  errata_project_close (fixture->project);
  g_clear_object (&fixture->project);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_array_unref (fixture->cards);
  g_array_unref (fixture->traces);
}

/* The page's own taxonomy: the one whose undo stack the actions use. */
static ErrataTaxonomy *
page_taxonomy (Fixture *fixture)
{
  return errata_failure_modes_page_get_taxonomy (fixture->page);
}

static guint
n_in_mode (ErrataTaxonomy *taxonomy,
           gint64          mode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = errata_taxonomy_list_cards (taxonomy, mode, &error);

  g_assert_no_error (error);
  return cards->len;
}

static guint
n_modes (ErrataTaxonomy *taxonomy)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) modes = errata_taxonomy_list_modes (taxonomy, &error);

  g_assert_no_error (error);
  return modes->len;
}

static gint64
new_mode (Fixture    *fixture,
          const char *name,
          guint       first,
          guint       n)
{
  g_autoptr(GError) error = NULL;
  gint64 id = errata_taxonomy_create_mode (page_taxonomy (fixture), name, "", 
                                           n ? &g_array_index (fixture->cards, gint64, first) : NULL,
                                           n, ERRATA_UNSORTED, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static ErrataModeGroup *
group (Fixture *fixture,
       gint64   mode)
{
  ErrataModeGroup *found = errata_failure_modes_page_get_group (fixture->page, mode);

  g_assert_nonnull (found);
  return found;
}

static guint
n_shown (Fixture *fixture,
         gint64   mode)
{
  return g_list_model_get_n_items (errata_mode_group_get_cards (group (fixture, mode)));
}

static ErrataCardItem *
card_item (Fixture *fixture,
           gint64   mode,
           guint    position)
{
  GListModel *cards = errata_mode_group_get_cards (group (fixture, mode));
  ErrataCardItem *item = g_list_model_get_item (cards, position);

  g_assert_nonnull (item);
  return item;
}

/* Emits GtkDropTarget::drop, as GTK does when something is dropped. */
static gboolean
emit_drop (GtkDropTarget *target,
           GType          type,
           gpointer       payload)
{
  g_auto (GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_value_init (&value, type);
  if (G_TYPE_IS_OBJECT (type))
    g_value_set_object (&value, payload);
  else
    g_value_set_boxed (&value, payload);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  iterate ();
  return handled;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* ---- drag and drop ------------------------------------------------------ */

static void
test_drop_card_on_group (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 a = new_mode (fixture, "Over budget", 0, 0);
  gint64 b = new_mode (fixture, "Missed tool call", 0, 0);
  g_autoptr(ErrataCardItem) item = NULL;
  g_autoptr(ErrataCardItem) moved = NULL;
  g_autoptr(ErrataCardSet) set = errata_card_set_new (ERRATA_UNSORTED);

  iterate ();
  g_assert_cmpuint (n_shown (fixture, ERRATA_UNSORTED), ==, 12);

  /* Unsorted -> A */
  item = card_item (fixture, ERRATA_UNSORTED, 1);
  g_assert_true (emit_drop (errata_mode_group_get_drop_target (group (fixture, a)),
                            ERRATA_TYPE_CARD_ITEM, item));
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), a), ==, 1);
  g_assert_cmpuint (n_shown (fixture, a), ==, 1);
  g_assert_cmpuint (n_shown (fixture, ERRATA_UNSORTED), ==, 11);

  /* A -> B: the card now knows it sits in A. */
  moved = card_item (fixture, a, 0);
  g_assert_cmpint (errata_card_item_get_mode_id (moved), ==, a);
  g_assert_cmpint (errata_card_item_get_annotation_id (moved), ==,
                   errata_card_item_get_annotation_id (item));
  g_assert_true (emit_drop (errata_mode_group_get_drop_target (group (fixture, b)),
                            ERRATA_TYPE_CARD_ITEM, moved));
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), a), ==, 0);
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), b), ==, 1);
  g_assert_cmpuint (n_shown (fixture, b), ==, 1);

  /* Several cards at once. */
  for (guint i = 4; i < 7; i++)
    errata_card_set_add (set, g_array_index (fixture->cards, gint64, i));
  g_assert_true (emit_drop (errata_mode_group_get_drop_target (group (fixture, b)),
                            ERRATA_TYPE_CARD_SET, set));
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), b), ==, 4);
  g_assert_cmpuint (n_shown (fixture, ERRATA_UNSORTED), ==, 8);

  /* Dropping a card where it already is does nothing. */
  g_clear_object (&moved);
  moved = card_item (fixture, b, 0);
  g_assert_false (emit_drop (errata_mode_group_get_drop_target (group (fixture, b)),
                             ERRATA_TYPE_CARD_ITEM, moved));
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), b), ==, 4);
}

static void
test_drop_on_new_mode (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ErrataCardItem) item = card_item (fixture, ERRATA_UNSORTED, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) modes = NULL;
  g_autoptr(ErrataFailureMode) mode = NULL;
  ErrataModeGroup *created;
  GtkWidget *focus;

  g_assert_true (emit_drop (errata_failure_modes_page_get_new_mode_target (fixture->page),
                            ERRATA_TYPE_CARD_ITEM, item));
  modes = errata_taxonomy_list_modes (page_taxonomy (fixture), &error);
  g_assert_cmpuint (modes->len, ==, 1);
  mode = errata_taxonomy_get_mode (page_taxonomy (fixture),
                                   ((ErrataFailureMode *)modes->pdata[0])->id, &error);
  g_assert_cmpstr (mode->name, ==, "New failure mode");
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), mode->id), ==, 1);

  /* Its name is open for typing. */
  created = group (fixture, mode->id);
  g_assert_true (errata_mode_group_is_editing (created));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (errata_mode_group_get_name_entry (created))));
  gtk_editable_set_text (errata_mode_group_get_name_entry (created), "Unavailable agent");
  g_signal_emit_by_name (errata_mode_group_get_name_entry (created), "activate");
  iterate ();
  g_assert_false (errata_mode_group_is_editing (created));
  g_clear_pointer (&mode, errata_failure_mode_free);
  mode = errata_taxonomy_get_mode (page_taxonomy (fixture),
                                   ((ErrataFailureMode *)modes->pdata[0])->id, &error);
  g_assert_cmpstr (mode->name, ==, "Unavailable agent");
  g_assert_cmpstr (errata_mode_group_get_name (created), ==, "Unavailable agent");

  /* A second new mode gets a name of its own. */
  g_clear_object (&item);
  item = card_item (fixture, ERRATA_UNSORTED, 0);
  g_assert_true (emit_drop (errata_failure_modes_page_get_new_mode_target (fixture->page),
                            ERRATA_TYPE_CARD_ITEM, item));
  g_assert_cmpuint (n_modes (page_taxonomy (fixture)), ==, 2);
}

static void
test_copy (Fixture       *fixture,
           gconstpointer  data)
{
  gint64 a = new_mode (fixture, "Over budget", 0, 2);
  gint64 b = new_mode (fixture, "Hallucinated amenity", 0, 0);
  g_autoptr(ErrataCardItem) item = NULL;
  g_auto (GValue) value = G_VALUE_INIT;
  g_autoptr(GArray) modes = NULL;

  iterate ();
  item = card_item (fixture, a, 0);
  g_value_init (&value, ERRATA_TYPE_CARD_ITEM);
  g_value_set_object (&value, item);
  /* The drop handler with the action Ctrl-drag gives it: COPY only. */
  g_assert_true (errata_failure_modes_page_drop (fixture->page, &value, b, GDK_ACTION_COPY));
  iterate ();
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), a), ==, 2);
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), b), ==, 1);
  g_assert_cmpuint (n_shown (fixture, b), ==, 1);
  modes = errata_taxonomy_get_card_modes (page_taxonomy (fixture),
                                          errata_card_item_get_annotation_id (item), NULL);
  g_assert_cmpuint (modes->len, ==, 2);

  /* Hover feedback: COPY when only COPY is offered, nothing onto itself. */
  g_assert_cmpint (errata_failure_modes_page_drop_action (fixture->page, &value, b, GDK_ACTION_COPY),
                   ==, GDK_ACTION_COPY);
  g_assert_cmpint (errata_failure_modes_page_drop_action (fixture->page, &value, b,
                                                          GDK_ACTION_COPY | GDK_ACTION_MOVE),
                   ==, GDK_ACTION_MOVE);
  g_assert_cmpint (errata_failure_modes_page_drop_action (fixture->page, &value, a, GDK_ACTION_MOVE),
                   ==, 0);

  /* Copy onto a new mode keeps the card in A too. */
  g_assert_true (errata_failure_modes_page_drop (fixture->page, &value, ERRATA_NEW_MODE,
                                                 GDK_ACTION_COPY));
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), a), ==, 2);
  g_assert_cmpuint (n_modes (page_taxonomy (fixture)), ==, 3);
}

static void
test_merge_undo_redo (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 a = new_mode (fixture, "Over budget", 0, 2);
  gint64 b = new_mode (fixture, "Above budget", 2, 1);
  AdwMessageDialog *dialog;

  iterate ();
  /* A group onto itself is refused; onto Unsorted too. */
  g_assert_false (emit_drop (errata_mode_group_get_drop_target (group (fixture, a)),
                             ERRATA_TYPE_MODE_GROUP, group (fixture, a)));
  g_assert_false (emit_drop (errata_mode_group_get_drop_target (group (fixture, ERRATA_UNSORTED)),
                             ERRATA_TYPE_MODE_GROUP, group (fixture, a)));
  g_assert_null (find_message_dialog ());

  g_assert_true (emit_drop (errata_mode_group_get_drop_target (group (fixture, b)),
                            ERRATA_TYPE_MODE_GROUP, group (fixture, a)));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  /* Nothing happens before the answer. */
  g_assert_cmpuint (n_modes (page_taxonomy (fixture)), ==, 2);
  adw_message_dialog_response (dialog, "merge");
  iterate ();
  g_assert_cmpuint (n_modes (page_taxonomy (fixture)), ==, 1);
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), b), ==, 3);
  g_assert_null (errata_failure_modes_page_get_group (fixture->page, a));
  g_assert_cmpuint (n_shown (fixture, b), ==, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "canvas.undo", NULL));
  iterate ();
  g_assert_cmpuint (n_modes (page_taxonomy (fixture)), ==, 2);
  g_assert_cmpuint (n_shown (fixture, a), ==, 2);
  g_assert_cmpuint (n_shown (fixture, b), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "canvas.redo", NULL));
  iterate ();
  g_assert_cmpuint (n_modes (page_taxonomy (fixture)), ==, 1);
  g_assert_cmpuint (n_shown (fixture, b), ==, 3);

  /* Cancel leaves both. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "canvas.undo", NULL));
  iterate ();
  g_assert_true (emit_drop (errata_mode_group_get_drop_target (group (fixture, b)),
                            ERRATA_TYPE_MODE_GROUP, group (fixture, a)));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  iterate ();
  g_assert_cmpuint (n_modes (page_taxonomy (fixture)), ==, 2);
}

static void
test_undo_redo_move (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 a = new_mode (fixture, "Over budget", 0, 0);
  g_autoptr(ErrataCardItem) item = card_item (fixture, ERRATA_UNSORTED, 0);

  g_assert_true (emit_drop (errata_mode_group_get_drop_target (group (fixture, a)),
                            ERRATA_TYPE_CARD_ITEM, item));
  g_assert_cmpuint (n_shown (fixture, a), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "canvas.undo", NULL));
  iterate ();
  g_assert_cmpuint (n_shown (fixture, a), ==, 0);
  g_assert_cmpuint (n_shown (fixture, ERRATA_UNSORTED), ==, 12);
  /* The first card is the same object as before: the store was patched. */
  {
    g_autoptr(ErrataCardItem) again = card_item (fixture, ERRATA_UNSORTED, 0);

    g_assert_cmpint (errata_card_item_get_annotation_id (again), ==,
                     errata_card_item_get_annotation_id (item));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "canvas.redo", NULL));
  iterate ();
  g_assert_cmpuint (n_shown (fixture, a), ==, 1);
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), a), ==, 1);
}

static void
test_persist (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataProject) reopened = NULL;
  g_autoptr(ErrataCardItem) item = card_item (fixture, ERRATA_UNSORTED, 3);
  GtkWindow *window;
  ErrataFailureModesPage *page;
  gint64 a = new_mode (fixture, "Over budget", 0, 2);

  iterate ();
  g_assert_true (emit_drop (errata_mode_group_get_drop_target (group (fixture, a)),
                            ERRATA_TYPE_CARD_ITEM, item));
  g_assert_true (errata_failure_modes_page_update_mode (fixture->page, a, "Over the budget",
                                                        "Suggests a home above the stated budget",
                                                        "#e01b24"));

  /* A second connection, as after closing and reopening. */
  reopened = errata_project_open (errata_project_get_file (fixture->project),
                                  ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  window = GTK_WINDOW (gtk_window_new ());
  {
    g_autoptr(ErrataWorkspace) workspace = errata_workspace_new (reopened, NULL);

    page = ERRATA_FAILURE_MODES_PAGE (errata_failure_modes_page_new (workspace));
  }
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  iterate ();
  {
    ErrataModeGroup *again = errata_failure_modes_page_get_group (page, a);

    g_assert_nonnull (again);
    g_assert_cmpstr (errata_mode_group_get_name (again), ==, "Over the budget");
    g_assert_cmpstr (errata_mode_group_get_colour (again), ==, "#e01b24");
    g_assert_cmpuint (g_list_model_get_n_items (errata_mode_group_get_cards (again)), ==, 3);
    g_assert_cmpuint (g_list_model_get_n_items (errata_mode_group_get_cards (
                        errata_failure_modes_page_get_group (page, ERRATA_UNSORTED))), ==, 9);
  }
  gtk_window_destroy (window);
  iterate ();
  errata_project_close (reopened);
}

/* ---- search, keyboard --------------------------------------------------- */

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  ErrataModeGroup *unsorted = group (fixture, ERRATA_UNSORTED);
  guint expected = 0;

  for (guint i = 0; i < 12; i++)
    if (strstr (notes[i], "budget") || strstr (notes[i], "Budget"))
      expected++;
  g_assert_cmpuint (expected, >, 1);

  errata_failure_modes_page_set_search_text (fixture->page, "BUDGET");
  g_assert_cmpuint (g_list_model_get_n_items (errata_mode_group_get_visible_cards (unsorted)),
                    ==, expected);
  /* The count stays the whole group; the trace id matches too. */
  g_assert_cmpuint (g_list_model_get_n_items (errata_mode_group_get_cards (unsorted)), ==, 12);
  errata_failure_modes_page_set_search_text (fixture->page, "trace-0003");
  g_assert_cmpuint (g_list_model_get_n_items (errata_mode_group_get_visible_cards (unsorted)),
                    ==, 1);
  errata_failure_modes_page_set_search_text (fixture->page, "");
  g_assert_cmpuint (g_list_model_get_n_items (errata_mode_group_get_visible_cards (unsorted)),
                    ==, 12);
}

static ErrataNoteCardWidget *
first_card_widget (ErrataModeGroup *in)
{
  g_autoptr(GPtrArray) found = NULL;

  found = errata_gui_test_find_all (GTK_WIDGET (in), ERRATA_TYPE_NOTE_CARD_WIDGET);
  g_assert_cmpuint (found->len, >, 0);
  for (guint i = 0; i < found->len; i++)
    if (gtk_widget_get_mapped (found->pdata[i]) &&
        errata_note_card_widget_get_item (found->pdata[i]) != NULL)
      return found->pdata[i];
  g_assert_not_reached ();
}

static gboolean
menu_has_label (GMenuModel *menu,
                const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
          g_strcmp0 (text, label) == 0)
        return TRUE;
      if (section && menu_has_label (section, label))
        return TRUE;
    }
  return FALSE;
}

static void
test_move_to_keyboard (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 a = new_mode (fixture, "Over budget", 0, 0);
  gint64 b = new_mode (fixture, "Missed tool call", 0, 0);
  ErrataModeGroup *unsorted = group (fixture, ERRATA_UNSORTED);
  g_autoptr(GMenuModel) menu = NULL;
  ErrataNoteCardWidget *card;
  gint64 annotation;

  iterate_for (50);
  card = first_card_widget (unsorted);
  annotation = errata_card_item_get_annotation_id (errata_note_card_widget_get_item (card));

  /* The menu lists the modes, a new mode, and (from a mode) Unsorted. */
  menu = errata_failure_modes_page_build_move_menu (fixture->page, ERRATA_UNSORTED);
  g_assert_true (menu_has_label (menu, "Over budget"));
  g_assert_true (menu_has_label (menu, "Missed tool call"));
  g_assert_true (menu_has_label (menu, "New Failure Mode"));
  g_assert_false (menu_has_label (menu, "Unsorted"));
  g_clear_object (&menu);
  menu = errata_failure_modes_page_build_move_menu (fixture->page, a);
  g_assert_false (menu_has_label (menu, "Over budget"));
  g_assert_true (menu_has_label (menu, "Unsorted"));

  /* Ctrl+M on the focused card opens it. */
  gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (card)));
  g_assert_true (errata_mode_group_get_focused_card (unsorted) == GTK_WIDGET (card));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (unsorted), "group.move-menu", NULL));
  iterate ();
  g_assert_true (errata_note_card_widget_menu_is_open (card));

  /* Choosing a mode moves the card there, through the same model call. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.move-to", "x", a));
  iterate ();
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), a), ==, 1);
  {
    g_autoptr(ErrataCardItem) moved = card_item (fixture, a, 0);

    g_assert_cmpint (errata_card_item_get_annotation_id (moved), ==, annotation);
  }

  /* From A: copy to B keeps it in A. */
  iterate_for (50);
  card = first_card_widget (group (fixture, a));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.copy-to", "x", b));
  iterate ();
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), a), ==, 1);
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), b), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.move-to", "x",
                                             ERRATA_UNSORTED));
  iterate ();
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), a), ==, 0);
}

static void record_id (ErrataFailureModesPage *page,
                       gint64                  id,
                       gint64                 *out);

/* The cards and groups reach the page only through its canvas.* actions;
 * each is activated here from a child, as the children do. */
static void
test_canvas_actions (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 a = new_mode (fixture, "Over budget", 0, 2);
  gint64 b = new_mode (fixture, "Missed tool call", 2, 1);
  ErrataModeGroup *group_a;
  gint64 ids[] = { g_array_index (fixture->cards, gint64, 5),
                   g_array_index (fixture->cards, gint64, 6) };
  gint64 opened = 0;

  iterate_for (50);
  group_a = group (fixture, a);
  g_signal_connect (fixture->page, "open-trace", G_CALLBACK (record_id), &opened);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group_a), "canvas.rename-mode", "(xs)",
                                             a, "Above budget"));
  g_assert_cmpstr (errata_mode_group_get_name (group (fixture, a)), ==, "Above budget");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group_a), "canvas.define-mode", "(xs)",
                                             a, "Priced above what the user can pay"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group_a), "canvas.recolour-mode", "(xs)",
                                             a, "#e01b24"));
  g_assert_cmpstr (errata_mode_group_get_colour (group (fixture, a)), ==, "#e01b24");

  /* Two unsorted cards to B, then copied to A. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group_a), "canvas.move-cards", "(x@axxb)",
                                             ERRATA_UNSORTED,
                                             g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids, 2,
                                                                        sizeof (gint64)),
                                             b, FALSE));
  iterate ();
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), b), ==, 3);
  g_assert_cmpuint (n_shown (fixture, ERRATA_UNSORTED), ==, 7);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group_a), "canvas.move-cards", "(x@axxb)",
                                             b,
                                             g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids, 2,
                                                                        sizeof (gint64)),
                                             a, TRUE));
  iterate ();
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), a), ==, 4);
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), b), ==, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group_a), "canvas.open-trace", "x",
                                             g_array_index (fixture->traces, gint64, 3)));
  g_assert_cmpint (opened, ==, g_array_index (fixture->traces, gint64, 3));

  /* Each group holds its cards' menu, which follows a rename. */
  {
    GMenuModel *menu = errata_mode_group_get_move_menu (group (fixture, b));

    g_assert_nonnull (menu);
    g_assert_true (menu_has_label (menu, "Above budget"));
    g_assert_false (menu_has_label (menu, "Missed tool call"));
    g_assert_true (menu_has_label (errata_mode_group_get_move_menu (group (fixture, ERRATA_UNSORTED)),
                                   "Missed tool call"));
  }

  /* The group's own Delete goes through canvas.delete-mode. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group (fixture, b)), "group.delete", NULL));
  iterate ();
  g_assert_null (errata_failure_modes_page_get_group (fixture->page, b));
  g_assert_cmpuint (n_modes (page_taxonomy (fixture)), ==, 1);
  g_assert_false (menu_has_label (errata_mode_group_get_move_menu (group (fixture, ERRATA_UNSORTED)),
                                  "Missed tool call"));

  /* Without a project, nothing to act on. */
  errata_failure_modes_page_set_workspace (fixture->page, NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "canvas.delete-mode", "x", a);
  g_assert_cmpuint (n_modes (fixture->taxonomy), ==, 1);
}

static void
test_selection_moves_together (Fixture       *fixture,
                               gconstpointer  data)
{
  gint64 a = new_mode (fixture, "Over budget", 0, 0);
  ErrataModeGroup *unsorted = group (fixture, ERRATA_UNSORTED);
  GtkSelectionModel *selection = errata_mode_group_get_selection (unsorted);
  g_autoptr(ErrataCardItem) item = card_item (fixture, ERRATA_UNSORTED, 1);
  g_autoptr(GdkContentProvider) content = NULL;
  g_auto (GValue) value = G_VALUE_INIT;

  /* Ctrl-click selects without dropping the rest: the model's view. */
  gtk_selection_model_select_item (selection, 1, FALSE);
  gtk_selection_model_select_item (selection, 3, FALSE);
  gtk_selection_model_select_item (selection, 5, FALSE);
  content = errata_mode_group_content_for (unsorted, item);
  g_value_init (&value, ERRATA_TYPE_CARD_SET);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_true (emit_drop (errata_mode_group_get_drop_target (group (fixture, a)),
                            ERRATA_TYPE_CARD_SET, g_value_get_boxed (&value)));
  g_assert_cmpuint (n_in_mode (page_taxonomy (fixture), a), ==, 3);

  /* Selecting in one group clears the others. */
  gtk_selection_model_select_item (errata_mode_group_get_selection (group (fixture, a)), 0, TRUE);
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_false (gtk_selection_model_is_selected (errata_mode_group_get_selection (group (fixture, a)), 0));
}

static void
test_group_editing (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 a = new_mode (fixture, "Draft", 0, 3);
  ErrataModeGroup *g;
  g_autoptr(ErrataFailureMode) mode = NULL;

  iterate ();
  g = group (fixture, a);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (g), "group.rename", NULL));
  g_assert_true (errata_mode_group_is_editing (g));
  gtk_editable_set_text (errata_mode_group_get_name_entry (g), "Over budget");
  g_signal_emit_by_name (errata_mode_group_get_name_entry (g), "activate");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (g), "group.define", NULL));
  gtk_editable_set_text (errata_mode_group_get_definition_entry (g),
                         "Suggests a home above the stated budget");
  g_signal_emit_by_name (errata_mode_group_get_definition_entry (g), "activate");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (g), "group.colour", "s", "#33d17a"));
  iterate ();
  mode = errata_taxonomy_get_mode (page_taxonomy (fixture), a, NULL);
  g_assert_cmpstr (mode->name, ==, "Over budget");
  g_assert_cmpstr (mode->definition, ==, "Suggests a home above the stated budget");
  g_assert_cmpstr (mode->colour, ==, "#33d17a");

  /* A blank name is refused and the old one stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (g), "group.rename", NULL));
  gtk_editable_set_text (errata_mode_group_get_name_entry (g), "   ");
  g_signal_emit_by_name (errata_mode_group_get_name_entry (g), "activate");
  g_assert_cmpstr (errata_mode_group_get_name (g), ==, "Over budget");

  /* Delete: the cards go back to Unsorted; undo brings all back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (g), "group.delete", NULL));
  iterate ();
  g_assert_null (errata_failure_modes_page_get_group (fixture->page, a));
  g_assert_cmpuint (n_shown (fixture, ERRATA_UNSORTED), ==, 12);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "canvas.undo", NULL));
  iterate ();
  g_assert_cmpuint (n_shown (fixture, a), ==, 3);
  g_assert_cmpstr (errata_mode_group_get_name (group (fixture, a)), ==, "Over budget");
}

static void
record_id (ErrataFailureModesPage *page,
           gint64                  id,
           gint64                 *out)
{
  *out = id;
}

static void
test_open_trace (Fixture       *fixture,
                 gconstpointer  data)
{
  ErrataModeGroup *unsorted = group (fixture, ERRATA_UNSORTED);
  g_autoptr(GPtrArray) lists = NULL;
  ErrataNoteCardWidget *card;
  gint64 opened = 0;

  g_signal_connect (fixture->page, "open-trace", G_CALLBACK (record_id), &opened);
  iterate_for (50);
  /* Double-click or Enter activates the row. */
  lists = errata_gui_test_find_all (GTK_WIDGET (unsorted), GTK_TYPE_LIST_VIEW);
  g_assert_cmpuint (lists->len, ==, 1);
  g_signal_emit_by_name (lists->pdata[0], "activate", 2);
  g_assert_cmpint (opened, ==, g_array_index (fixture->traces, gint64, 2));

  card = first_card_widget (unsorted);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.open", NULL));
  g_assert_cmpint (opened, ==, errata_card_item_get_trace_id (errata_note_card_widget_get_item (card)));
}

/* ---- charts ------------------------------------------------------------- */

static void
test_charts (Fixture       *fixture,
             gconstpointer  data)
{
  ErrataParetoChart *pareto = errata_failure_modes_page_get_pareto_chart (fixture->page);
  ErrataSaturationChart *saturation = errata_failure_modes_page_get_saturation_chart (fixture->page);
  graphene_rect_t first, second;
  graphene_point_t p0, p1;
  gint64 a, b, filtered = 0;

  b = new_mode (fixture, "Missed tool call", 0, 1);
  a = new_mode (fixture, "Over budget", 3, 3);
  iterate_for (50);

  /* Sorted by count: A (3) before B (1); bar lengths in proportion. */
  g_assert_cmpuint (errata_pareto_chart_get_n_bars (pareto), ==, 2);
  g_assert_cmpint (errata_pareto_chart_get_mode_id (pareto, 0), ==, a);
  g_assert_cmpint (errata_pareto_chart_get_mode_id (pareto, 1), ==, b);
  g_assert_cmpuint (errata_pareto_chart_get_count (pareto, 0), ==, 3);
  g_assert_true (errata_pareto_chart_get_bar_rect (pareto, 0, &first));
  g_assert_true (errata_pareto_chart_get_bar_rect (pareto, 1, &second));
  g_assert_cmpfloat (first.size.width, >, 50);
  g_assert_cmpfloat_with_epsilon (second.size.width, first.size.width / 3, 1.0);
  g_assert_cmpfloat (second.origin.y, >, first.origin.y);

  /* Clicking (activating) a bar asks to filter the traces. */
  g_signal_connect (fixture->page, "filter-traces", G_CALLBACK (record_id), &filtered);
  errata_pareto_chart_activate_bar (pareto, 1);
  g_assert_cmpint (filtered, ==, b);

  /* Saturation: one point per reviewed trace, 2 modes by the end. */
  g_assert_cmpuint (errata_saturation_chart_get_n_points (saturation), ==, 12);
  g_assert_cmpuint (errata_saturation_chart_get_value (saturation, 0), ==, 1);
  g_assert_cmpuint (errata_saturation_chart_get_value (saturation, 11), ==, 2);
  g_assert_true (errata_saturation_chart_get_point (saturation, 0, &p0));
  g_assert_true (errata_saturation_chart_get_point (saturation, 11, &p1));
  g_assert_cmpfloat (p1.x, >, p0.x);
  g_assert_cmpfloat (p1.y, <, p0.y);    /* higher on screen */
  /* Too few reviews to call it. */
  g_assert_null (strstr (errata_failure_modes_page_get_saturation_hint (fixture->page), "stop"));

  /* Moving a card changes the counts at once. */
  {
    g_autoptr(ErrataCardItem) item = card_item (fixture, a, 0);

    g_assert_true (emit_drop (errata_mode_group_get_drop_target (group (fixture, b)),
                              ERRATA_TYPE_CARD_ITEM, item));
  }
  g_assert_cmpuint (errata_pareto_chart_get_count (pareto, 0), ==, 2);
  g_assert_cmpuint (errata_pareto_chart_get_count (pareto, 1), ==, 2);
}

static void
test_saturation_hint (void)
{
  Fixture fixture = { 0 };
  gint64 a;

  fixture_set_up_size (&fixture, 30, 1280, 800);
  /* Modes found in the first 5 reviews, then 25 quiet ones. */
  a = new_mode (&fixture, "Over budget", 0, 3);
  new_mode (&fixture, "Missed tool call", 4, 1);
  iterate ();
  g_assert_cmpuint (n_in_mode (page_taxonomy (&fixture), a), ==, 3);
  g_assert_nonnull (strstr (errata_failure_modes_page_get_saturation_hint (fixture.page),
                            "you can stop reviewing"));
  g_assert_nonnull (strstr (errata_failure_modes_page_get_saturation_hint (fixture.page), "20"));
  fixture_tear_down (&fixture, NULL);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  errata_failure_modes_page_export_finish (ERRATA_FAILURE_MODES_PAGE (source), result, error);
  *(gboolean *)g_object_get_data (source, "done") = TRUE;
}

static void
export_and_wait (Fixture                    *fixture,
                 GFile                      *file,
                 ErrataTaxonomyExportFormat  format)
{
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  g_object_set_data (G_OBJECT (fixture->page), "done", &done);
  errata_failure_modes_page_export_async (fixture->page, file, format, NULL, export_done, &error);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *md_path = g_build_filename (fixture->dir, "modes.md", NULL);
  g_autofree char *json_path = g_build_filename (fixture->dir, "modes.json", NULL);
  g_autoptr(GFile) md = g_file_new_for_path (md_path);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  new_mode (fixture, "Over budget", 1, 2);
  export_and_wait (fixture, md, ERRATA_TAXONOMY_EXPORT_MARKDOWN);
  g_assert_true (g_file_get_contents (md_path, &text, NULL, &error));
  g_assert_nonnull (strstr (text, "Over budget"));
  g_assert_nonnull (strstr (text, notes[1]));

  export_and_wait (fixture, json, ERRATA_TAXONOMY_EXPORT_JSON);
  g_assert_true (json_parser_load_from_file (parser, json_path, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (json_path, &text, NULL, &error));
  g_assert_nonnull (strstr (text, "\"Over budget\""));
}

/* ---- pictures ----------------------------------------------------------- */

static GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  /* A part of a window has no background of its own: give it the
   * window's, as it is seen on screen. */
  if (!GTK_IS_ROOT (widget))
    {
      GdkRGBA background;

      gdk_rgba_parse (&background, adw_style_manager_get_dark (adw_style_manager_get_default ())
                                   ? "#242424" : "#fafafa");
      gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
    }
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static void
render_to_png (GtkWidget  *widget,
               const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_autoptr(GdkTexture) texture = NULL;

  iterate_for (400);
  texture = render (widget);
  g_assert_cmpint (gdk_texture_get_width (texture), >, 100);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("rendered %s", path);
}

/* ---- drag icon ------------------------------------------------------------ */

typedef struct
{
  double min;       /* darkest and brightest pixel of the area, 0..255 */
  double max;
  int    min_alpha;
} PixelRange;

static PixelRange
measure_area (GdkTexture            *texture,
              const graphene_rect_t *area)
{
  int width = gdk_texture_get_width (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * gdk_texture_get_height (texture) * 4);
  PixelRange range = { 255, 0, 255 };

  gdk_texture_download (texture, pixels, width * 4);
  for (int y = area->origin.y; y < area->origin.y + area->size.height; y++)
    for (int x = area->origin.x; x < area->origin.x + area->size.width; x++)
      {
        const guchar *p = pixels + ((gsize) y * width + x) * 4;
        double brightness = (p[0] + p[1] + p[2]) / 3.0;

        range.min = MIN (range.min, brightness);
        range.max = MAX (range.max, brightness);
        range.min_alpha = MIN (range.min_alpha, p[3]);
      }
  return range;
}

/* The card in the icon is opaque (the pixels behind do not show through)
 * and its text stands out from it, in the current style. */
static void
assert_icon_readable (GtkWidget *icon,
                      gboolean   dark)
{
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GdkTexture) texture = errata_gui_test_render (icon);
  graphene_rect_t card, note, edge;
  PixelRange background, text;

  cards = errata_gui_test_find_all (icon, ERRATA_TYPE_NOTE_CARD_WIDGET);
  g_assert_cmpuint (cards->len, ==, 1);
  labels = errata_gui_test_find_all (cards->pdata[0], GTK_TYPE_LABEL);
  g_assert_true (gtk_widget_compute_bounds (cards->pdata[0], icon, &card));
  g_assert_true (gtk_widget_compute_bounds (labels->pdata[0], icon, &note));

  /* A strip of the card left of the note: its background alone. */
  edge = GRAPHENE_RECT_INIT (card.origin.x + 3, note.origin.y, 6, note.size.height);
  background = measure_area (texture, &edge);
  text = measure_area (texture, &note);
  g_assert_cmpint (background.min_alpha, ==, 255);
  if (dark)
    {
      g_assert_cmpfloat (background.max, <, 90);
      g_assert_cmpfloat (text.max, >, background.max + 120);
    }
  else
    {
      g_assert_cmpfloat (background.min, >, 235);
      g_assert_cmpfloat (text.min, <, background.min - 150);
    }
}

/* Without a compositor the drag surface has no alpha: the card fills
 * it to the corners, or the rest would show black. */
static void
assert_icon_fills_surface (GtkWidget *icon)
{
  g_autoptr(GdkTexture) texture = errata_gui_test_render (icon);
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  const graphene_rect_t corners[] = {
    GRAPHENE_RECT_INIT (0, 0, 2, 2), GRAPHENE_RECT_INIT (width - 2, 0, 2, 2),
    GRAPHENE_RECT_INIT (0, height - 2, 2, 2), GRAPHENE_RECT_INIT (width - 2, height - 2, 2, 2),
  };

  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    g_assert_cmpint (measure_area (texture, &corners[i]).min_alpha, ==, 255);
}

static void
check_drag_icon (ErrataNoteCardWidget *card,
                 gboolean              composited,
                 const char           *count,
                 const char           *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *icon = errata_note_card_widget_create_drag_icon (card, composited);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autoptr(GPtrArray) cards = NULL;
  GtkWidget *badge;

  gtk_window_set_child (window, icon);
  gtk_window_present (window);
  iterate_for (100);

  /* A card of the same kind, for the same note, as wide as the original. */
  g_assert_true (gtk_widget_has_css_class (icon, "card-drag-icon"));
  cards = errata_gui_test_find_all (icon, ERRATA_TYPE_NOTE_CARD_WIDGET);
  g_assert_cmpuint (cards->len, ==, 1);
  g_assert_true (errata_note_card_widget_get_item (cards->pdata[0]) ==
                 errata_note_card_widget_get_item (card));
  g_assert_cmpint (gtk_widget_get_width (cards->pdata[0]), ==, gtk_widget_get_width (GTK_WIDGET (card)));
  /* Lifted with room for a shadow, or filling the surface. */
  if (composited)
    g_assert_cmpint (gtk_widget_get_width (icon), >, gtk_widget_get_width (cards->pdata[0]));
  else
    g_assert_cmpint (gtk_widget_get_width (icon), ==, gtk_widget_get_width (cards->pdata[0]));
  /* A picture has no menu (and GTK 4.8's menu button warns when it
   * leaves a drag icon). */
  g_assert_null (errata_gui_test_find_first (icon, GTK_TYPE_MENU_BUTTON));

  badge = errata_gui_test_find_with_class (icon, GTK_TYPE_LABEL, "drag-count");
  if (count == NULL)
    g_assert_null (badge);
  else
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, count);

  for (guint dark = 0; dark < 2; dark++)
    {
      g_autofree char *png = g_strdup_printf ("%s%s.png", name, dark ? "-dark" : "");

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      iterate_for (100);
      assert_icon_readable (icon, dark);
      if (!composited)
        assert_icon_fills_surface (icon);
      /* Over the canvas, as it is seen while dragging. */
      render_to_png (icon, png);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (window);
}

static ErrataNoteCardWidget *
card_widget_for (ErrataModeGroup *in,
                 ErrataCardItem  *item)
{
  g_autoptr(GPtrArray) found = NULL;

  found = errata_gui_test_find_all (GTK_WIDGET (in), ERRATA_TYPE_NOTE_CARD_WIDGET);
  for (guint i = 0; i < found->len; i++)
    if (errata_note_card_widget_get_item (found->pdata[i]) == item)
      return found->pdata[i];
  g_assert_not_reached ();
}

/* The icon is made by the function the drag source calls in drag-begin. */
static void
test_drag_icon (Fixture       *fixture,
                gconstpointer  data)
{
  ErrataModeGroup *unsorted = group (fixture, ERRATA_UNSORTED);
  GtkSelectionModel *selection = errata_mode_group_get_selection (unsorted);
  g_autoptr(ErrataCardItem) first = card_item (fixture, ERRATA_UNSORTED, 0);
  ErrataNoteCardWidget *card;

  iterate_for (50);
  card = card_widget_for (unsorted, first);
  check_drag_icon (card, TRUE, NULL, "card-drag-icon");
  check_drag_icon (card, FALSE, NULL, "card-drag-icon-flat");

  /* Dragging a card of the selection drags the selection: say how many. */
  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_selection_model_select_item (selection, 1, FALSE);
  gtk_selection_model_select_item (selection, 2, FALSE);
  check_drag_icon (card, TRUE, "3 notes", "card-drag-icon-several");
  check_drag_icon (card, FALSE, "3 notes", "card-drag-icon-several-flat");
}

/* ---- Pareto names ---------------------------------------------------------- */

#define LONG_MODE "Invented listing details the search tool never returned"

static int
name_width (GtkWidget  *chart,
            const char *name)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (chart, name);
  PangoAttrList *attrs = pango_attr_list_new ();
  int width;

  /* As the chart draws its names. */
  pango_attr_list_insert (attrs, pango_attr_scale_new (0.9));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* Names of a usual length fit beside their bars; a longer one is whole
 * in the tooltip of its row. */
static void
test_pareto_names (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  ErrataParetoChart *chart = errata_failure_modes_page_get_pareto_chart (fixture->page);
  const char *names[] = { LONG_MODE, "Hallucinated amenity", "Over budget" };
  GtkWidget *charts;
  graphene_rect_t bar, last;
  int width;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    new_mode (fixture, names[i], i * 3, 3 - i);
  iterate_for (100);
  g_assert_cmpuint (errata_pareto_chart_get_n_bars (chart), ==, 3);
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (chart)));

  /* Two fifths of the chart hold a name of some twenty characters. */
  width = gtk_widget_get_width (GTK_WIDGET (chart));
  g_assert_cmpint (name_width (GTK_WIDGET (chart), "Hallucinated amenity"), <=, floor (width * 0.4));
  g_assert_cmpint (name_width (GTK_WIDGET (chart), LONG_MODE), >, floor (width * 0.4));

  /* Bars are most frequent first: the long name is the first row. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *tooltip = NULL;
      g_autofree char *count = g_strdup_printf ("%u of 12 reviewed traces", 3 - i);

      g_assert_true (errata_pareto_chart_get_bar_rect (chart, i, &bar));
      /* Anywhere in the row, not only on the bar. */
      tooltip = errata_pareto_chart_dup_tooltip (chart, bar.origin.y - 4);
      g_assert_nonnull (tooltip);
      g_assert_true (g_str_has_prefix (tooltip, names[i]));
      g_assert_nonnull (strstr (tooltip, count));
    }
  g_assert_true (errata_pareto_chart_get_bar_rect (chart, 2, &last));
  g_assert_null (errata_pareto_chart_dup_tooltip (chart, last.origin.y + 40));
  g_assert_null (errata_pareto_chart_dup_tooltip (chart, -20));

  charts = gtk_widget_get_parent (GTK_WIDGET (errata_failure_modes_page_get_saturation_chart (fixture->page)));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  render_to_png (charts, "pareto-names.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  render_to_png (charts, "pareto-names-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* Five failure modes and the rest unsorted: 40 cards. */
static void
sort_into_five (Fixture *fixture)
{
  static const struct { const char *name; const char *definition; const char *colour; int notes[8]; } modes[] = {
    { "Unavailable agent", "Proposes or books a viewing the agent cannot attend", "#3584e4",
      { 0, 5, 8, 20, 25, 30, 35, -1 } },
    { "Over budget", "Suggests a home priced above the stated budget", "#e01b24",
      { 1, 6, 10, 17, 21, 26, 31, 36 } },
    { "Missed tool call", "Answers without the lookup the question needs", "#ff7800",
      { 2, 12, 16, 22, 27, 32, 37, -1 } },
    { "Hallucinated amenity", "", "#9141ac", { 3, 7, 11, 15, 19, 23, 28, 33 } },
    { "Ignored handoff", "The user asks for a human and does not get one", "",
      { 4, 9, 18, 24, 29, 34, -1, -1 } },
  };
  g_autoptr(GError) error = NULL;

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      gint64 id;

      for (guint i = 0; i < 8 && modes[m].notes[i] >= 0; i++)
        g_array_append_val (ids, g_array_index (fixture->cards, gint64, modes[m].notes[i]));
      id = errata_taxonomy_create_mode (page_taxonomy (fixture), modes[m].name, modes[m].definition,
                                        (gint64 *)(gpointer)ids->data, ids->len, ERRATA_UNSORTED,
                                        &error);
      g_assert_no_error (error);
      g_assert_true (errata_taxonomy_update_mode (page_taxonomy (fixture), id, NULL, NULL,
                                                  modes[m].colour, &error));
    }
}

static void
test_screenshots (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  Fixture fixture = { 0 };
  GtkWidget *charts;

  fixture_set_up_size (&fixture, 40, 1920, 1000);
  sort_into_five (&fixture);
  iterate ();
  g_assert_cmpuint (n_modes (page_taxonomy (&fixture)), ==, 5);
  g_assert_cmpuint (n_shown (&fixture, ERRATA_UNSORTED), ==, 4);

  /* One card selected, as the user would have it while working. */
  gtk_selection_model_select_item (errata_mode_group_get_selection (group (&fixture, ERRATA_UNSORTED)),
                                   0, TRUE);
  charts = gtk_widget_get_parent (GTK_WIDGET (errata_failure_modes_page_get_saturation_chart (fixture.page)));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  render_to_png (GTK_WIDGET (fixture.window), "failure-modes.png");
  render_to_png (charts, "failure-modes-charts.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  render_to_png (GTK_WIDGET (fixture.window), "failure-modes-dark.png");
  render_to_png (charts, "failure-modes-charts-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* A laptop-sized window: every mode in view, in two columns. */
  gtk_window_set_default_size (fixture.window, 1280, 800);
  iterate_for (100);
  render_to_png (GTK_WIDGET (fixture.window), "failure-modes-1280.png");
  fixture_tear_down (&fixture, NULL);
}

static GtkEventController *
find_drop_motion (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GtkEventController *motion = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_CONTROLLER_MOTION (controller))
        motion = controller;
    }
  return motion;
}

typedef struct
{
  GtkAdjustment *adjustment;
  double         from;
} ScrollWatch;

static gboolean
scrolled_down (gpointer data)
{
  ScrollWatch *watch = data;

  return gtk_adjustment_get_value (watch->adjustment) > watch->from;
}

static gboolean
scrolled_up (gpointer data)
{
  ScrollWatch *watch = data;

  return gtk_adjustment_get_value (watch->adjustment) < watch->from;
}

static double
max_scroll (GtkAdjustment *adjustment)
{
  return gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
}

static void wait_for_frame (GtkWidget *widget);

/* A drag held near the bottom edge of the failure modes scrolls them
 * down until it moves away; Unsorted and the drop zone stay where they
 * are. The modes never scroll sideways. How far it gets in a given time
 * depends on the machine: the test waits for movement, with a generous
 * deadline, and never times it. */
static void
test_autoscroll (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GPtrArray) modes = NULL;
  GtkEventController *motion;
  ErrataModeGroup *first;
  GtkWidget *scroller;
  GtkAdjustment *adjustment;
  GtkWidget *new_mode;
  graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0), unsorted_at, new_mode_at, new_mode_was;
  ScrollWatch watch;
  double height, speed;

  /* Low, so that five modes need more rows than fit. */
  fixture_set_up_size (&fixture, 40, 1280, 500);
  sort_into_five (&fixture);
  iterate_for (100);
  wait_for_frame (GTK_WIDGET (fixture.window));
  modes = errata_taxonomy_list_modes (page_taxonomy (&fixture), NULL);
  first = group (&fixture, ((ErrataFailureMode *)modes->pdata[0])->id);
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (first), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scroller);
  /* Unsorted and the drop zone are not in the scrolled part. */
  g_assert_false (gtk_widget_is_ancestor (GTK_WIDGET (group (&fixture, ERRATA_UNSORTED)), scroller));
  new_mode = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (errata_failure_modes_page_get_new_mode_target (fixture.page)));
  g_assert_false (gtk_widget_is_ancestor (new_mode, scroller));
  g_assert_true (gtk_widget_compute_point (new_mode, GTK_WIDGET (fixture.window), &origin, &new_mode_was));
  adjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_cmpfloat (max_scroll (adjustment), <=, 0.5);

  motion = find_drop_motion (scroller);
  g_assert_nonnull (motion);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  watch.adjustment = adjustment;
  g_assert_cmpfloat (max_scroll (adjustment), >, 50);
  height = gtk_widget_get_height (scroller);

  /* In the middle: still. */
  gtk_adjustment_set_value (adjustment, 0);
  g_signal_emit_by_name (motion, "enter", 300.0, height / 2);
  g_assert_cmpfloat (errata_failure_modes_page_get_autoscroll_speed (fixture.page), ==, 0);
  wait_for_frame (GTK_WIDGET (fixture.window));
  wait_for_frame (GTK_WIDGET (fixture.window));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  /* Near the bottom edge: the modes scroll on, with no further motion;
   * the speed is in pixels a second, faster nearer the edge. */
  g_signal_emit_by_name (motion, "motion", 300.0, height - 40);
  speed = errata_failure_modes_page_get_autoscroll_speed (fixture.page);
  g_assert_cmpfloat (speed, >, 0);
  g_signal_emit_by_name (motion, "motion", 300.0, height - 10);
  g_assert_cmpfloat (errata_failure_modes_page_get_autoscroll_speed (fixture.page), >, speed);
  watch.from = 0;
  errata_gui_test_iterate_until (scrolled_down, &watch);
  watch.from = gtk_adjustment_get_value (adjustment);
  if (watch.from < max_scroll (adjustment))
    errata_gui_test_iterate_until (scrolled_down, &watch);

  /* Leaving stops it; the top edge scrolls back. */
  g_signal_emit_by_name (motion, "leave");
  g_assert_cmpfloat (errata_failure_modes_page_get_autoscroll_speed (fixture.page), ==, 0);
  watch.from = gtk_adjustment_get_value (adjustment);
  wait_for_frame (GTK_WIDGET (fixture.window));
  wait_for_frame (GTK_WIDGET (fixture.window));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, watch.from);
  g_signal_emit_by_name (motion, "enter", 300.0, 5.0);
  g_assert_cmpfloat (errata_failure_modes_page_get_autoscroll_speed (fixture.page), <, 0);
  errata_gui_test_iterate_until (scrolled_up, &watch);
  g_signal_emit_by_name (motion, "leave");
  g_assert_cmpfloat (errata_failure_modes_page_get_autoscroll_speed (fixture.page), ==, 0);

  /* Unsorted and the drop zone did not move while the modes scrolled. */
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (group (&fixture, ERRATA_UNSORTED)),
                                           GTK_WIDGET (fixture.window), &origin, &unsorted_at));
  g_assert_true (gtk_widget_compute_point (new_mode, GTK_WIDGET (fixture.window), &origin, &new_mode_at));
  g_assert_cmpfloat (unsorted_at.x, <, 20);
  g_assert_cmpfloat (new_mode_at.x, ==, new_mode_was.x);
  g_assert_cmpfloat (new_mode_at.y, ==, new_mode_was.y);
  fixture_tear_down (&fixture, NULL);
}

/* ---- closing while animating --------------------------------------------- */

/* What can still be animating on the page when its window closes. */
typedef enum
{
  ANIMATING_TOASTS,          /* a toast showing while the last one hides */
  ANIMATING_DROP_HIGHLIGHT,  /* a group's drop-target transition */
  ANIMATING_CARD_FADE,       /* a dragged card's fade */
  ANIMATING_AUTOSCROLL,      /* the edge-scroll tick callback */
  N_ANIMATING
} Animating;

/* Moves, a move at once after it, an undo: the toasts that crashed
 * libadwaita 1.2 when each was a new one and the last was dismissed. */
static void
start_toasts (Fixture *fixture,
              gint64   mode)
{
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ErrataCardItem) item = card_item (fixture, ERRATA_UNSORTED, 0);

      g_assert_true (emit_drop (errata_mode_group_get_drop_target (group (fixture, mode)),
                                ERRATA_TYPE_CARD_ITEM, item));
      errata_gui_test_iterate_for (i * 40);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "canvas.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "canvas.redo", NULL));
}

static void
start_animation (Fixture   *fixture,
                 Animating  what,
                 gint64     mode)
{
  GtkWidget *scroller;

  switch (what)
    {
    case ANIMATING_TOASTS:
      start_toasts (fixture, mode);
      break;
    case ANIMATING_DROP_HIGHLIGHT:
      gtk_widget_add_css_class (errata_gui_test_find_with_class (GTK_WIDGET (group (fixture, mode)),
                                                                 GTK_TYPE_BOX, "mode-group"),
                                "drop-target");
      break;
    case ANIMATING_CARD_FADE:
      gtk_widget_add_css_class (errata_gui_test_find_first (GTK_WIDGET (fixture->page),
                                                            ERRATA_TYPE_NOTE_CARD_WIDGET),
                                "dragged");
      break;
    case ANIMATING_AUTOSCROLL:
      scroller = gtk_widget_get_ancestor (GTK_WIDGET (group (fixture, mode)),
                                          GTK_TYPE_SCROLLED_WINDOW);
      g_signal_emit_by_name (find_drop_motion (scroller), "enter",
                             100.0, gtk_widget_get_height (scroller) - 5.0);
      g_assert_cmpfloat (errata_failure_modes_page_get_autoscroll_speed (fixture->page), !=, 0);
      break;
    case N_ANIMATING:
    default:
      g_assert_not_reached ();
    }
}

/* A window of its own on the fixture's project, as fixture_set_up_size
 * makes it. */
static void
open_window (Fixture *fixture,
             int      width,
             int      height)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, width, height);
  {
    g_autoptr(ErrataWorkspace) workspace = errata_workspace_new (fixture->project, NULL);

    fixture->page = ERRATA_FAILURE_MODES_PAGE (errata_failure_modes_page_new (workspace));
  }
  /* Every seventh note is on a passing trace; these tests move, search
   * and count all of them (test-canvas-layout.c tests leaving them out). */
  errata_failure_modes_page_set_show_passing (fixture->page, TRUE);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  iterate_for (50);
}

/* Closes the window while `what` runs (N_ANIMATING: all of them), after
 * `delay_ms`; the page must go away with its window. */
static void
close_window_while (Fixture   *fixture,
                    Animating  what,
                    guint      delay_ms)
{
  g_autoptr(GPtrArray) modes = errata_taxonomy_list_modes (page_taxonomy (fixture), NULL);
  gint64 mode = ((ErrataFailureMode *)modes->pdata[modes->len - 1])->id;
  gpointer page = fixture->page;

  g_object_add_weak_pointer (G_OBJECT (page), &page);
  for (guint i = 0; i < N_ANIMATING; i++)
    if (what == N_ANIMATING || what == i)
      start_animation (fixture, i, mode);
  errata_gui_test_iterate_for (delay_ms);
  gtk_window_destroy (fixture->window);
  iterate ();
  g_assert_null (page);
}

/* Toasts at three points of their animations, the CSS transitions and the
 * edge scrolling at once, then everything together. */
static void
close_while_animating (void)
{
  static const guint toast_delays_ms[] = { 0, 120, 350 };
  Fixture fixture = { 0 };

  /* A small window, where the charts fold away. */
  fixture_set_up_size (&fixture, 40, 900, 600);
  for (guint m = 0; m < 4; m++)
    {
      g_autofree char *name = g_strdup_printf ("Failure mode %u", m + 1);

      new_mode (&fixture, name, m, 1);
    }
  gtk_window_destroy (fixture.window);
  for (guint d = 0; d < G_N_ELEMENTS (toast_delays_ms); d++)
    {
      open_window (&fixture, 900, 600);
      close_window_while (&fixture, ANIMATING_TOASTS, toast_delays_ms[d]);
    }
  for (guint what = ANIMATING_DROP_HIGHLIGHT; what <= N_ANIMATING; what++)
    {
      open_window (&fixture, 900, 600);
      close_window_while (&fixture, what, what == N_ANIMATING ? 120 : 0);
    }
  open_window (&fixture, 900, 600);
  fixture_tear_down (&fixture, NULL);
}

/* Freed memory shows only once it is overwritten: glibc does that with
 * MALLOC_PERTURB_, which it reads when a process starts, so each value
 * runs the test in a subprocess of its own. */
static void
test_close_while_animating (void)
{
  static const char *const perturb_values[] = { "11", "50", "99", "172", "200" };
  g_autofree char *saved = g_strdup (g_getenv ("MALLOC_PERTURB_"));

  if (g_test_subprocess ())
    {
      close_while_animating ();
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (perturb_values); i++)
    {
      g_test_message ("MALLOC_PERTURB_=%s", perturb_values[i]);
      g_setenv ("MALLOC_PERTURB_", perturb_values[i], TRUE);
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
    }
  if (saved)
    g_setenv ("MALLOC_PERTURB_", saved, TRUE);
  else
    g_unsetenv ("MALLOC_PERTURB_");
}

/* ---- scale -------------------------------------------------------------- */

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

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted), &done);
  gtk_widget_queue_draw (widget);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

/* A canvas of 1,000 cards in 30 groups takes a drop and a search. How
 * long they take is bench/gui-canvas.c's business: no time is asserted. */
static void
test_scale (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataCardItem) item = NULL;
  gint64 first = 0, second = 0;

  fixture_set_up_size (&fixture, 1000, 1280, 800);
  /* 30 groups of 25 cards; 250 unsorted. */
  g_assert_true (errata_project_begin (fixture.project, &error));
  for (guint m = 0; m < 30; m++)
    {
      g_autofree char *name = g_strdup_printf ("Failure mode %u", m + 1);
      gint64 id = errata_taxonomy_create_mode (page_taxonomy (&fixture), name, "", 
                                               &g_array_index (fixture.cards, gint64, 250 + m * 25),
                                               25, ERRATA_UNSORTED, &error);

      g_assert_no_error (error);
      if (m == 0)
        first = id;
      if (m == 1)
        second = id;
    }
  g_assert_true (errata_project_commit (fixture.project, &error));
  iterate_for (100);
  g_assert_cmpuint (n_shown (&fixture, ERRATA_UNSORTED), ==, 250);
  g_assert_cmpuint (n_shown (&fixture, first), ==, 25);

  /* One drop: the model, the save and the canvas, then a painted frame. */
  item = card_item (&fixture, first, 10);
  g_assert_true (emit_drop (errata_mode_group_get_drop_target (group (&fixture, second)),
                            ERRATA_TYPE_CARD_ITEM, item));
  g_assert_cmpuint (n_shown (&fixture, first), ==, 24);
  g_assert_cmpuint (n_shown (&fixture, second), ==, 26);
  g_assert_cmpuint (n_in_mode (page_taxonomy (&fixture), second), ==, 26);
  wait_for_frame (GTK_WIDGET (fixture.window));

  errata_failure_modes_page_set_search_text (fixture.page, "budget");
  wait_for_frame (GTK_WIDGET (fixture.window));
  g_assert_cmpuint (g_list_model_get_n_items (errata_mode_group_get_visible_cards (group (&fixture, ERRATA_UNSORTED))),
                    <, 250);
  g_assert_cmpuint (g_list_model_get_n_items (errata_mode_group_get_visible_cards (group (&fixture, ERRATA_UNSORTED))),
                    >, 0);
  fixture_tear_down (&fixture, NULL);
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

#define ADD(path, func) \
  g_test_add ("/failure-modes/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/failure-modes/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();

  ADD ("drop-card-on-group", test_drop_card_on_group);
  ADD ("drop-on-new-mode", test_drop_on_new_mode);
  ADD ("copy", test_copy);
  ADD ("merge-undo-redo", test_merge_undo_redo);
  ADD ("undo-redo-move", test_undo_redo_move);
  ADD ("persist", test_persist);
  ADD ("search", test_search);
  ADD ("move-to-keyboard", test_move_to_keyboard);
  ADD ("canvas-actions", test_canvas_actions);
  ADD ("selection-moves-together", test_selection_moves_together);
  ADD ("group-editing", test_group_editing);
  ADD ("open-trace", test_open_trace);
  ADD ("charts", test_charts);
  ADD ("export", test_export);
  ADD ("drag-icon", test_drag_icon);
  ADD ("pareto-names", test_pareto_names);
  g_test_add_func ("/failure-modes/saturation-hint", test_saturation_hint);
  g_test_add_func ("/failure-modes/screenshots", test_screenshots);
  g_test_add_func ("/failure-modes/autoscroll", test_autoscroll);
  g_test_add_func ("/failure-modes/close-while-animating", test_close_while_animating);
  g_test_add_func ("/failure-modes/scale", test_scale);
  return g_test_run ();
}
