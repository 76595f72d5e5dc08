/* errata-traces-page-selection.c: the trace list's selection. Several
 * rows can be selected (Ctrl+click, Shift+click, Shift+arrows) for Delete
 * Traces…; the page still shows one trace, the *cursor*: the row selected
 * alone, or the one last added to a selection. j and k select one row.
 *
 * The cursor answers as GtkSingleSelection's "selected" did: a position,
 * or GTK_INVALID_LIST_POSITION while the row is not selected (the model
 * just replaced its items and the page selects again right after).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-traces-page-private.h"

guint
_errata_traces_page_get_cursor (ErrataTracesPage *self)
{
  if (self->selection == NULL || self->cursor == GTK_INVALID_LIST_POSITION ||
      !gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), self->cursor))
    return GTK_INVALID_LIST_POSITION;
  return self->cursor;
}

/* Selects `position` alone and makes it the cursor. */
void
_errata_traces_page_set_cursor (ErrataTracesPage *self,
                                guint             position)
{
  self->cursor = position;
  if (position == GTK_INVALID_LIST_POSITION)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  else
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
}

guint
_errata_traces_page_count_selected (ErrataTracesPage *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  if (self->selection == NULL)
    return 0;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  return (guint)gtk_bitset_get_size (selected);
}

/* The ids of the selected rows. */
GArray *
_errata_traces_page_dup_selected_ids (ErrataTracesPage *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = errata_trace_list_model_get_trace_id (self->model, position);

      if (id >= 0)
        g_array_append_val (ids, id);
    }
  return ids;
}

/* Which row the page shows after the selection changed: a row clicked
 * into the selection (Ctrl+click) is the one to look at; otherwise the
 * cursor stays while it is selected, else the first selected row. */
static void
on_selection_changed (ErrataTracesPage *self,
                      guint             position,
                      guint             n_items)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);

  if (gtk_bitset_is_empty (selected))
    self->cursor = GTK_INVALID_LIST_POSITION;
  else if (gtk_bitset_get_size (selected) == 1)
    self->cursor = gtk_bitset_get_minimum (selected);
  else if (n_items == 1 && gtk_bitset_contains (selected, position))
    self->cursor = position;
  else if (self->cursor == GTK_INVALID_LIST_POSITION || !gtk_bitset_contains (selected, self->cursor))
    self->cursor = gtk_bitset_get_minimum (selected);
  _errata_traces_page_cursor_changed (self);
}

/* Rows added or removed above the cursor move it, as they moved the
 * selection. A row changed in place (late spans of a live trace: the
 * model keeps the item, and GtkMultiSelection, connected before us, its
 * selection) keeps the cursor, and says the trace on show changed. */
static void
on_items_changed (ErrataTracesPage *self,
                  guint             position,
                  guint             removed,
                  guint             added)
{
  if (self->cursor == GTK_INVALID_LIST_POSITION || self->cursor < position)
    return;
  if (self->cursor >= position + removed)
    self->cursor = self->cursor - removed + added;
  else if (removed == 1 && added == 1 &&
           gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    self->current_changed = TRUE;
  else
    self->cursor = GTK_INVALID_LIST_POSITION;
}

void
_errata_traces_page_make_selection (ErrataTracesPage *self)
{
  self->cursor = GTK_INVALID_LIST_POSITION;
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
}
