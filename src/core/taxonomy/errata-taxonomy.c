/* errata-taxonomy.c
 *
 * The failure modes and the notes in them: reading, and the commands that
 * change them. A command works out what it changes as an
 * ErrataTaxonomyEdit (errata-taxonomy-edit.c) and hands it to the undo
 * stack, which applies it; undo and redo replay it. Derived labels and
 * saturation live in errata-taxonomy-labels.c and -saturation.c.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-taxonomy.h"

#include <glib/gi18n-lib.h>

#include "errata-taxonomy-edit.h"
#include "errata-taxonomy-private.h"

G_DEFINE_FINAL_TYPE (ErrataTaxonomy, errata_taxonomy, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
errata_failure_mode_free (ErrataFailureMode *mode)
{
  if (mode == NULL)
    return;
  g_free (mode->name);
  g_free (mode->definition);
  g_free (mode->colour);
  g_free (mode);
}

void
errata_note_card_free (ErrataNoteCard *card)
{
  if (card == NULL)
    return;
  g_free (card->external_id);
  g_free (card->annotator);
  g_free (card->note);
  g_free (card);
}

void
errata_mode_count_free (ErrataModeCount *count)
{
  if (count == NULL)
    return;
  g_free (count->name);
  g_free (count);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

ErrataFailureMode *
_errata_failure_mode_copy (const ErrataFailureMode *mode)
{
  ErrataFailureMode *copy = g_new0 (ErrataFailureMode, 1);

  copy->id = mode->id;
  copy->name = g_strdup (mode->name);
  copy->definition = g_strdup (mode->definition);
  copy->colour = g_strdup (mode->colour);
  copy->position = mode->position;
  copy->created_at = mode->created_at;
  return copy;
}

static void
errata_taxonomy_finalize (GObject *object)
{
  ErrataTaxonomy *self = (ErrataTaxonomy *)object;

  g_clear_object (&self->project);
  g_clear_object (&self->undo_stack);

  G_OBJECT_CLASS (errata_taxonomy_parent_class)->finalize (object);
}

static void
errata_taxonomy_class_init (ErrataTaxonomyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = errata_taxonomy_finalize;

  /* Emitted after every applied edit, undo and redo. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
errata_taxonomy_init (ErrataTaxonomy *self)
{
  self->undo_stack = errata_undo_stack_new ();
}

ErrataTaxonomy *
errata_taxonomy_new (ErrataProject *project)
{
  ErrataTaxonomy *self;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  self = g_object_new (ERRATA_TYPE_TAXONOMY, NULL);
  self->project = g_object_ref (project);
  return self;
}

ErrataProject *
errata_taxonomy_get_project (ErrataTaxonomy *self)
{
  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), NULL);
  return self->project;
}

ErrataUndoStack *
errata_taxonomy_get_undo_stack (ErrataTaxonomy *self)
{
  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), NULL);
  return self->undo_stack;
}

/* ---- reading ------------------------------------------------------------ */

const char *
_errata_taxonomy_column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text ? text : "";
}

static ErrataFailureMode *
mode_from_row (sqlite3_stmt *stmt)
{
  ErrataFailureMode *mode = g_new0 (ErrataFailureMode, 1);

  mode->id = sqlite3_column_int64 (stmt, 0);
  mode->name = g_strdup (_errata_taxonomy_column_text (stmt, 1));
  mode->definition = g_strdup (_errata_taxonomy_column_text (stmt, 2));
  mode->colour = g_strdup (_errata_taxonomy_column_text (stmt, 3));
  mode->position = sqlite3_column_int (stmt, 4);
  mode->created_at = sqlite3_column_int64 (stmt, 5);
  return mode;
}

GPtrArray *
_errata_taxonomy_collect_rows (ErrataProject   *project,
                               sqlite3_stmt    *stmt,
                               gpointer       (*from_row) (sqlite3_stmt *),
                               GDestroyNotify   free_row,
                               GError         **error)
{
  return _errata_project_collect_rows (project, stmt, from_row, free_row,
                                       _("read failure modes"), error);
}

static const char list_modes_sql[] =
  "SELECT " ERRATA_MODE_COLUMNS " FROM failure_modes ORDER BY position, id";

GPtrArray *
errata_taxonomy_list_modes (ErrataTaxonomy  *self,
                            GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), NULL);

  stmt = _errata_project_cached (self->project, list_modes_sql, error);
  if (stmt == NULL)
    return NULL;
  return _errata_taxonomy_collect_rows (self->project, stmt, (gpointer)mode_from_row,
                       (GDestroyNotify)errata_failure_mode_free, error);
}

static const char get_mode_sql[] =
  "SELECT " ERRATA_MODE_COLUMNS " FROM failure_modes WHERE id = ?1";

ErrataFailureMode *
errata_taxonomy_get_mode (ErrataTaxonomy  *self,
                          gint64           mode_id,
                          GError         **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), NULL);

  stmt = _errata_project_cached (self->project, get_mode_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mode_id);
  rows = _errata_taxonomy_collect_rows (self->project, stmt, (gpointer)mode_from_row,
                       (GDestroyNotify)errata_failure_mode_free, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND,
                   _("That failure mode no longer exists."));
      return NULL;
    }
  return _errata_failure_mode_copy (rows->pdata[0]);
}

static ErrataNoteCard *
card_from_row (sqlite3_stmt *stmt)
{
  ErrataNoteCard *card = g_new0 (ErrataNoteCard, 1);

  card->annotation_id = sqlite3_column_int64 (stmt, 0);
  card->trace_id = sqlite3_column_int64 (stmt, 1);
  card->external_id = g_strdup (_errata_taxonomy_column_text (stmt, 2));
  card->annotator = g_strdup (_errata_taxonomy_column_text (stmt, 3));
  card->note = g_strdup (_errata_taxonomy_column_text (stmt, 4));
  card->verdict = errata_verdict_from_string ((const char *)sqlite3_column_text (stmt, 5));
  card->created_at = sqlite3_column_int64 (stmt, 6);
  card->imported = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 7), "imported") == 0;
  return card;
}

#define CARD_SELECT \
  "SELECT a.id, a.trace_id, t.external_id, a.annotator, a.note, a.verdict, a.created_at," \
  " a.origin" \
  " FROM annotations a JOIN traces t ON t.id = a.trace_id WHERE a.note <> ''"

static const char all_cards_sql[] = CARD_SELECT " ORDER BY a.created_at, a.id";
static const char unsorted_cards_sql[] =
  CARD_SELECT " AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.annotation_id = a.id)"
  " ORDER BY a.created_at, a.id";
static const char mode_cards_sql[] =
  CARD_SELECT " AND a.id IN (SELECT annotation_id FROM assignments WHERE failure_mode_id = ?1)"
  " ORDER BY a.created_at, a.id";

GPtrArray *
errata_taxonomy_list_cards (ErrataTaxonomy  *self,
                            gint64           mode_id,
                            GError         **error)
{
  const char *sql;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), NULL);

  if (mode_id < 0)
    sql = all_cards_sql;
  else if (mode_id == ERRATA_UNSORTED)
    sql = unsorted_cards_sql;
  else
    sql = mode_cards_sql;
  stmt = _errata_project_cached (self->project, sql, error);
  if (stmt == NULL)
    return NULL;
  if (mode_id > 0)
    sqlite3_bind_int64 (stmt, 1, mode_id);
  return _errata_taxonomy_collect_rows (self->project, stmt, (gpointer)card_from_row,
                       (GDestroyNotify)errata_note_card_free, error);
}

static const char card_modes_sql[] =
  "SELECT s.failure_mode_id FROM assignments s JOIN failure_modes m ON m.id = s.failure_mode_id"
  " WHERE s.annotation_id = ?1 ORDER BY m.position, m.id";

GArray *
errata_taxonomy_get_card_modes (ErrataTaxonomy  *self,
                                gint64           annotation_id,
                                GError         **error)
{
  g_autoptr(GArray) modes = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), NULL);

  stmt = _errata_project_cached (self->project, card_modes_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, annotation_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (modes, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _errata_project_set_error (self->project, error, _("read failure modes"));
      return NULL;
    }
  return g_steal_pointer (&modes);
}

/* ---- changing ----------------------------------------------------------- */

/* Applies a new edit and makes it the one Undo reverts. */
static gboolean
commit_edit (ErrataTaxonomy      *self,
             ErrataTaxonomyEdit  *edit,
             GError             **error)
{
  if (!errata_undo_stack_do (self->undo_stack, &errata_taxonomy_edit_funcs, edit, error))
    return FALSE;
  /* After the stack, so that handlers see the right can_undo/can_redo. */
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
errata_taxonomy_can_undo (ErrataTaxonomy *self)
{
  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), FALSE);
  return errata_undo_stack_can_undo (self->undo_stack);
}

gboolean
errata_taxonomy_can_redo (ErrataTaxonomy *self)
{
  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), FALSE);
  return errata_undo_stack_can_redo (self->undo_stack);
}

gboolean
errata_taxonomy_undo (ErrataTaxonomy  *self,
                      GError         **error)
{
  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), FALSE);

  if (!errata_undo_stack_can_undo (self->undo_stack))
    return TRUE;
  if (!errata_undo_stack_undo (self->undo_stack, error))
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
errata_taxonomy_redo (ErrataTaxonomy  *self,
                      GError         **error)
{
  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), FALSE);

  if (!errata_undo_stack_can_redo (self->undo_stack))
    return TRUE;
  if (!errata_undo_stack_redo (self->undo_stack, error))
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* ---- building edits ----------------------------------------------------- */

static gboolean
card_in_mode (ErrataTaxonomy  *self,
              gint64           annotation_id,
              gint64           mode_id,
              gboolean        *in_mode,
              GError         **error)
{
  g_autoptr(GArray) modes = errata_taxonomy_get_card_modes (self, annotation_id, error);

  if (modes == NULL)
    return FALSE;
  *in_mode = FALSE;
  for (guint i = 0; i < modes->len; i++)
    if (g_array_index (modes, gint64, i) == mode_id)
      *in_mode = TRUE;
  return TRUE;
}

/* Adds to `edit` what moving (or copying) the cards from one place to
 * another takes; cards already at the target are only taken off the source. */
static gboolean
plan_move (ErrataTaxonomy      *self,
           ErrataTaxonomyEdit  *edit,
           const gint64        *cards,
           guint                n_cards,
           gint64               from_mode,
           gint64               to_mode,
           gboolean             copy,
           GError             **error)
{
  for (guint i = 0; i < n_cards; i++)
    {
      gboolean at_target = FALSE;
      gboolean at_source = FALSE;

      if (to_mode != ERRATA_UNSORTED &&
          !card_in_mode (self, cards[i], to_mode, &at_target, error))
        return FALSE;
      if (from_mode != ERRATA_UNSORTED &&
          !card_in_mode (self, cards[i], from_mode, &at_source, error))
        return FALSE;
      if (to_mode != ERRATA_UNSORTED && !at_target)
        errata_taxonomy_edit_add_link (edit->links_added, cards[i], to_mode);
      if (!copy && at_source && from_mode != to_mode)
        errata_taxonomy_edit_add_link (edit->links_removed, cards[i], from_mode);
    }
  return TRUE;
}

gboolean
errata_taxonomy_move_cards (ErrataTaxonomy  *self,
                            const gint64    *cards,
                            guint            n_cards,
                            gint64           from_mode,
                            gint64           to_mode,
                            gboolean         copy,
                            GError         **error)
{
  ErrataTaxonomyEdit *edit;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), FALSE);
  g_return_val_if_fail (cards != NULL || n_cards == 0, FALSE);

  edit = errata_taxonomy_edit_new (self->project);
  if (!plan_move (self, edit, cards, n_cards, from_mode, to_mode, copy, error))
    {
      errata_taxonomy_edit_free (edit);
      return FALSE;
    }
  return commit_edit (self, edit, error);
}

static gboolean
next_mode_slot (ErrataTaxonomy  *self,
                gint64          *id,
                gint64          *position,
                GError         **error)
{
  return _errata_project_query_int (self->project,
                                    /* Past every id a label, split or evaluator still
                                     * names: a deleted mode's rows stay for
                                     * undo and must not pass to a new mode. */
                                    "SELECT max (ifnull ((SELECT max (id) FROM failure_modes), 0),"
                                    " ifnull ((SELECT max (target) FROM explicit_labels), 0),"
                                    " ifnull ((SELECT max (target) FROM splits), 0),"
                                    " ifnull ((SELECT max (target) FROM evaluators), 0)) + 1",
                                    id, error) &&
         _errata_project_query_int (self->project,
                                    "SELECT ifnull (max (position), -1) + 1 FROM failure_modes",
                                    position, error);
}

gint64
errata_taxonomy_create_mode (ErrataTaxonomy  *self,
                             const char      *name,
                             const char      *definition,
                             const gint64    *cards,
                             guint            n_cards,
                             gint64           from_mode,
                             GError         **error)
{
  g_autoptr(ErrataTaxonomyEdit) edit = errata_taxonomy_edit_new (self->project);
  ErrataFailureMode *mode;
  gint64 id = 0;
  gint64 position = 0;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  if (is_blank (name))
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID,
                   _("A failure mode needs a name."));
      return 0;
    }
  /* The id is chosen now, so that redo recreates the very same row. */
  if (!next_mode_slot (self, &id, &position, error))
    return 0;
  mode = g_new0 (ErrataFailureMode, 1);
  mode->id = id;
  mode->name = g_strdup (name);
  mode->definition = g_strdup (definition ? definition : "");
  mode->colour = g_strdup ("");
  mode->position = position;
  mode->created_at = g_get_real_time ();
  g_ptr_array_add (edit->modes_added, mode);
  for (guint i = 0; i < n_cards; i++)
    {
      errata_taxonomy_edit_add_link (edit->links_added, cards[i], id);
      if (from_mode != ERRATA_UNSORTED)
        errata_taxonomy_edit_add_link (edit->links_removed, cards[i], from_mode);
    }
  return commit_edit (self, g_steal_pointer (&edit), error) ? id : 0;
}

gboolean
errata_taxonomy_update_mode (ErrataTaxonomy  *self,
                             gint64           mode_id,
                             const char      *name,
                             const char      *definition,
                             const char      *colour,
                             GError         **error)
{
  g_autoptr(ErrataFailureMode) before = NULL;
  ErrataTaxonomyEdit *edit;
  ErrataFailureMode *after;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), FALSE);

  before = errata_taxonomy_get_mode (self, mode_id, error);
  if (before == NULL)
    return FALSE;
  if (name != NULL && is_blank (name))
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID,
                   _("A failure mode needs a name."));
      return FALSE;
    }
  after = _errata_failure_mode_copy (before);
  if (name)
    replace_string (&after->name, name);
  if (definition)
    replace_string (&after->definition, definition);
  if (colour)
    replace_string (&after->colour, colour);
  edit = errata_taxonomy_edit_new (self->project);
  g_ptr_array_add (edit->modes_before, g_steal_pointer (&before));
  g_ptr_array_add (edit->modes_after, after);
  return commit_edit (self, edit, error);
}

/* Takes every card off `mode_id` into `edit`, and, when `target` is a
 * mode, puts the cards not already there onto it. */
static gboolean
plan_empty_mode (ErrataTaxonomy      *self,
                 ErrataTaxonomyEdit  *edit,
                 gint64               mode_id,
                 gint64               target,
                 GError             **error)
{
  g_autoptr(GPtrArray) cards = errata_taxonomy_list_cards (self, mode_id, error);

  if (cards == NULL)
    return FALSE;
  for (guint i = 0; i < cards->len; i++)
    {
      ErrataNoteCard *card = cards->pdata[i];
      gboolean at_target = FALSE;

      errata_taxonomy_edit_add_link (edit->links_removed, card->annotation_id, mode_id);
      if (target == ERRATA_UNSORTED)
        continue;
      if (!card_in_mode (self, card->annotation_id, target, &at_target, error))
        return FALSE;
      if (!at_target)
        errata_taxonomy_edit_add_link (edit->links_added, card->annotation_id, target);
    }
  return TRUE;
}

static gboolean
remove_mode (ErrataTaxonomy  *self,
             gint64           mode_id,
             gint64           target,
             GError         **error)
{
  ErrataFailureMode *mode = errata_taxonomy_get_mode (self, mode_id, error);
  ErrataTaxonomyEdit *edit;

  if (mode == NULL)
    return FALSE;
  edit = errata_taxonomy_edit_new (self->project);
  g_ptr_array_add (edit->modes_removed, mode);
  if (!plan_empty_mode (self, edit, mode_id, target, error))
    {
      errata_taxonomy_edit_free (edit);
      return FALSE;
    }
  return commit_edit (self, edit, error);
}

/* The cards go back to Unsorted (unless they sit in another mode too). */
gboolean
errata_taxonomy_delete_mode (ErrataTaxonomy  *self,
                             gint64           mode_id,
                             GError         **error)
{
  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), FALSE);
  return remove_mode (self, mode_id, ERRATA_UNSORTED, error);
}

gboolean
errata_taxonomy_merge_modes (ErrataTaxonomy  *self,
                             gint64           source_mode,
                             gint64           target_mode,
                             GError         **error)
{
  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), FALSE);

  if (source_mode == target_mode || target_mode <= 0)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_INVALID,
                   _("A failure mode can only be merged into another one."));
      return FALSE;
    }
  return remove_mode (self, source_mode, target_mode, error);
}

