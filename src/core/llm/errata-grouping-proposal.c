/* errata-grouping-proposal.c: what the grouping suggester proposes (a
 * failure mode: name, definition, notes) and its result; accepting a
 * proposal is one undoable edit of the taxonomy.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-grouping-proposal.h"

#include <glib/gi18n-lib.h>

#include "errata-grouping-private.h"

G_DEFINE_QUARK (errata-grouping-error-quark, errata_grouping_error)

G_DEFINE_BOXED_TYPE (ErrataGroupingProposal, errata_grouping_proposal,
                     errata_grouping_proposal_copy, errata_grouping_proposal_free)

G_DEFINE_BOXED_TYPE (ErrataGroupingResult, errata_grouping_result,
                     errata_grouping_result_copy, errata_grouping_result_free)

ErrataGroupingProposal *
errata_grouping_proposal_new (const char *name,
                              const char *definition)
{
  ErrataGroupingProposal *self = g_new0 (ErrataGroupingProposal, 1);

  self->name = g_strdup (name != NULL ? name : "");
  self->definition = g_strdup (definition != NULL ? definition : "");
  self->annotation_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return self;
}

ErrataGroupingProposal *
errata_grouping_proposal_copy (const ErrataGroupingProposal *self)
{
  ErrataGroupingProposal *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = errata_grouping_proposal_new (self->name, self->definition);
  g_array_append_vals (copy->annotation_ids, self->annotation_ids->data,
                       self->annotation_ids->len);
  copy->existing_mode_id = self->existing_mode_id;
  return copy;
}

void
errata_grouping_proposal_free (ErrataGroupingProposal *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->definition);
  g_array_unref (self->annotation_ids);
  g_free (self);
}

void
errata_grouping_proposal_set_name (ErrataGroupingProposal *self,
                                   const char             *name)
{
  g_return_if_fail (self != NULL);

  g_free (self->name);
  self->name = g_strdup (name != NULL ? name : "");
}

void
errata_grouping_proposal_set_definition (ErrataGroupingProposal *self,
                                         const char             *definition)
{
  g_return_if_fail (self != NULL);

  g_free (self->definition);
  self->definition = g_strdup (definition != NULL ? definition : "");
}

ErrataGroupingResult *
_errata_grouping_result_new (void)
{
  ErrataGroupingResult *self = g_new0 (ErrataGroupingResult, 1);

  self->proposals = g_ptr_array_new_with_free_func ((GDestroyNotify) errata_grouping_proposal_free);
  self->batch_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  return self;
}

ErrataGroupingResult *
errata_grouping_result_copy (const ErrataGroupingResult *self)
{
  ErrataGroupingResult *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = _errata_grouping_result_new ();
  for (guint i = 0; i < self->proposals->len; i++)
    g_ptr_array_add (copy->proposals, errata_grouping_proposal_copy (self->proposals->pdata[i]));
  for (guint i = 0; i < self->batch_errors->len; i++)
    g_ptr_array_add (copy->batch_errors, g_error_copy (self->batch_errors->pdata[i]));
  copy->n_notes = self->n_notes;
  copy->n_batches = self->n_batches;
  copy->n_batches_failed = self->n_batches_failed;
  copy->n_unknown_ids = self->n_unknown_ids;
  copy->n_empty_dropped = self->n_empty_dropped;
  copy->tokens_in = self->tokens_in;
  copy->tokens_out = self->tokens_out;
  copy->cost = self->cost;
  return copy;
}

void
errata_grouping_result_free (ErrataGroupingResult *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->proposals);
  g_ptr_array_unref (self->batch_errors);
  g_free (self);
}

char *
_errata_grouping_name_key (const char *name)
{
  g_autofree char *copy = g_strstrip (g_strdup (name != NULL ? name : ""));

  return g_utf8_casefold (copy, -1);
}

gboolean
_errata_grouping_ids_contain (GArray *ids,
                              gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static gint64
find_mode_by_name (ErrataTaxonomy  *taxonomy,
                   const char      *name,
                   GError         **error)
{
  g_autoptr(GPtrArray) modes = errata_taxonomy_list_modes (taxonomy, error);
  g_autofree char *key = _errata_grouping_name_key (name);

  if (modes == NULL)
    return -1;
  for (guint i = 0; i < modes->len; i++)
    {
      ErrataFailureMode *mode = modes->pdata[i];
      g_autofree char *mode_key = _errata_grouping_name_key (mode->name);

      if (g_str_equal (key, mode_key))
        return mode->id;
    }
  return 0;
}

/* The proposal's notes that still exist and are not yet in @mode_id. */
static GArray *
cards_to_add (ErrataGroupingProposal  *self,
              ErrataTaxonomy          *taxonomy,
              gint64                   mode_id,
              GError                 **error)
{
  g_autoptr(GPtrArray) all = errata_taxonomy_list_cards (taxonomy, -1, error);
  g_autoptr(GPtrArray) in_mode = NULL;
  g_autoptr(GHashTable) existing = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) present = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (all == NULL)
    return NULL;
  if (mode_id > 0 && (in_mode = errata_taxonomy_list_cards (taxonomy, mode_id, error)) == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    g_hash_table_add (existing, &((ErrataNoteCard *) all->pdata[i])->annotation_id);
  for (guint i = 0; in_mode != NULL && i < in_mode->len; i++)
    g_hash_table_add (present, &((ErrataNoteCard *) in_mode->pdata[i])->annotation_id);

  for (guint i = 0; i < self->annotation_ids->len; i++)
    {
      gint64 id = g_array_index (self->annotation_ids, gint64, i);

      if (g_hash_table_contains (existing, &id) && !g_hash_table_contains (present, &id))
        g_array_append_val (cards, id);
    }
  return g_steal_pointer (&cards);
}

/**
 * errata_grouping_proposal_accept:
 *
 * Applies the proposal as one undoable edit of @taxonomy: a new failure
 * mode holding its notes, or, when a mode of that name exists (whatever
 * the case), its notes copied into that mode; notes stay in the other
 * modes they were in. Notes deleted since the suggestion are skipped.
 *
 * Returns: the id of the mode the notes are in now, or 0 with @error
 */
gint64
errata_grouping_proposal_accept (ErrataGroupingProposal  *self,
                                 ErrataTaxonomy          *taxonomy,
                                 GError                 **error)
{
  g_autoptr(GArray) cards = NULL;
  gint64 mode_id;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (ERRATA_IS_TAXONOMY (taxonomy), 0);

  mode_id = find_mode_by_name (taxonomy, self->name, error);
  if (mode_id < 0 || (cards = cards_to_add (self, taxonomy, mode_id, error)) == NULL)
    return 0;

  if (cards->len == 0 && mode_id > 0)
    return mode_id;   /* every note is there already: nothing to undo */
  if (cards->len == 0)
    {
      g_set_error (error, ERRATA_GROUPING_ERROR, ERRATA_GROUPING_ERROR_NOTES_GONE,
                   _("The notes of “%s” were deleted since it was suggested."), self->name);
      return 0;
    }

  if (mode_id > 0)
    return errata_taxonomy_move_cards (taxonomy, (gint64 *) cards->data, cards->len,
                                       ERRATA_UNSORTED, mode_id, TRUE, error) ? mode_id : 0;
  return errata_taxonomy_create_mode (taxonomy, self->name, self->definition,
                                      (gint64 *) cards->data, cards->len, ERRATA_UNSORTED, error);
}
