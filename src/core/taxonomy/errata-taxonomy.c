/* errata-taxonomy.c
 *
 * Every change is an ErrataTaxonomyEdit: the mode rows and note-to-mode
 * assignments it adds, removes or rewrites. apply_edit() plays one forward
 * or backward inside one transaction; that is the single function through
 * which the canvas, its keyboard path, undo, redo and the tests all go.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-project-private.h"
#include "errata-taxonomy.h"

typedef struct
{
  gint64 annotation_id;
  gint64 mode_id;
} Assignment;

typedef struct
{
  GPtrArray *modes_added;     /* ErrataFailureMode, ids chosen beforehand */
  GPtrArray *modes_removed;   /* ErrataFailureMode, as they were */
  GPtrArray *modes_before;    /* ErrataFailureMode, old values of updated rows */
  GPtrArray *modes_after;     /* ErrataFailureMode, new values, same order */
  GArray    *links_added;     /* Assignment */
  GArray    *links_removed;   /* Assignment */
} ErrataTaxonomyEdit;

struct _ErrataTaxonomy
{
  GObject        parent_instance;

  ErrataProject *project;
  GPtrArray     *undo_stack;  /* ErrataTaxonomyEdit */
  GPtrArray     *redo_stack;
};

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

static ErrataFailureMode *
failure_mode_copy (const ErrataFailureMode *mode)
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

static ErrataTaxonomyEdit *
edit_new (void)
{
  ErrataTaxonomyEdit *edit = g_new0 (ErrataTaxonomyEdit, 1);
  GDestroyNotify free_mode = (GDestroyNotify)errata_failure_mode_free;

  edit->modes_added = g_ptr_array_new_with_free_func (free_mode);
  edit->modes_removed = g_ptr_array_new_with_free_func (free_mode);
  edit->modes_before = g_ptr_array_new_with_free_func (free_mode);
  edit->modes_after = g_ptr_array_new_with_free_func (free_mode);
  edit->links_added = g_array_new (FALSE, FALSE, sizeof (Assignment));
  edit->links_removed = g_array_new (FALSE, FALSE, sizeof (Assignment));
  return edit;
}

static void
edit_free (ErrataTaxonomyEdit *edit)
{
  g_ptr_array_unref (edit->modes_added);
  g_ptr_array_unref (edit->modes_removed);
  g_ptr_array_unref (edit->modes_before);
  g_ptr_array_unref (edit->modes_after);
  g_array_unref (edit->links_added);
  g_array_unref (edit->links_removed);
  g_free (edit);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataTaxonomyEdit, edit_free)

static void
errata_taxonomy_finalize (GObject *object)
{
  ErrataTaxonomy *self = (ErrataTaxonomy *)object;

  g_clear_object (&self->project);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);

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
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify)edit_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify)edit_free);
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

/* ---- reading ------------------------------------------------------------ */

static const char *
column_text (sqlite3_stmt *stmt,
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
  mode->name = g_strdup (column_text (stmt, 1));
  mode->definition = g_strdup (column_text (stmt, 2));
  mode->colour = g_strdup (column_text (stmt, 3));
  mode->position = sqlite3_column_int (stmt, 4);
  mode->created_at = sqlite3_column_int64 (stmt, 5);
  return mode;
}

#define MODE_COLUMNS "id, name, definition, colour, position, created_at"

/* Runs a prepared SELECT and collects its rows with `from_row`. */
static GPtrArray *
collect_rows (ErrataProject   *project,
              sqlite3_stmt    *stmt,
              gpointer       (*from_row) (sqlite3_stmt *),
              GDestroyNotify   free_row,
              GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _errata_project_set_error (project, error, _("read failure modes"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static const char list_modes_sql[] =
  "SELECT " MODE_COLUMNS " FROM failure_modes ORDER BY position, id";

GPtrArray *
errata_taxonomy_list_modes (ErrataTaxonomy  *self,
                            GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), NULL);

  stmt = _errata_project_cached (self->project, list_modes_sql, error);
  if (stmt == NULL)
    return NULL;
  return collect_rows (self->project, stmt, (gpointer)mode_from_row,
                       (GDestroyNotify)errata_failure_mode_free, error);
}

static const char get_mode_sql[] =
  "SELECT " MODE_COLUMNS " FROM failure_modes WHERE id = ?1";

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
  rows = collect_rows (self->project, stmt, (gpointer)mode_from_row,
                       (GDestroyNotify)errata_failure_mode_free, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_NOT_FOUND,
                   _("That failure mode no longer exists."));
      return NULL;
    }
  return failure_mode_copy (rows->pdata[0]);
}

static ErrataNoteCard *
card_from_row (sqlite3_stmt *stmt)
{
  ErrataNoteCard *card = g_new0 (ErrataNoteCard, 1);

  card->annotation_id = sqlite3_column_int64 (stmt, 0);
  card->trace_id = sqlite3_column_int64 (stmt, 1);
  card->external_id = g_strdup (column_text (stmt, 2));
  card->annotator = g_strdup (column_text (stmt, 3));
  card->note = g_strdup (column_text (stmt, 4));
  card->verdict = errata_verdict_from_string ((const char *)sqlite3_column_text (stmt, 5));
  card->created_at = sqlite3_column_int64 (stmt, 6);
  return card;
}

#define CARD_SELECT \
  "SELECT a.id, a.trace_id, t.external_id, a.annotator, a.note, a.verdict, a.created_at" \
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
  return collect_rows (self->project, stmt, (gpointer)card_from_row,
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

/* ---- applying edits ----------------------------------------------------- */

static gboolean
run_write (ErrataProject  *project,
           sqlite3_stmt   *stmt,
           GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("change the failure modes"));
  return TRUE;
}

static const char insert_mode_sql[] =
  "INSERT INTO failure_modes (" MODE_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char delete_mode_sql[] = "DELETE FROM failure_modes WHERE id = ?1";
static const char update_mode_sql[] =
  "UPDATE failure_modes SET name = ?2, definition = ?3, colour = ?4, position = ?5"
  " WHERE id = ?1";
static const char insert_link_sql[] =
  "INSERT OR IGNORE INTO assignments (annotation_id, failure_mode_id, created_at)"
  " VALUES (?1, ?2, ?3)";
static const char delete_link_sql[] =
  "DELETE FROM assignments WHERE annotation_id = ?1 AND failure_mode_id = ?2";

static gboolean
write_modes (ErrataProject  *project,
             const char     *sql,
             GPtrArray      *modes,
             GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < modes->len; i++)
    {
      ErrataFailureMode *mode = modes->pdata[i];

      sqlite3_bind_int64 (stmt, 1, mode->id);
      if (sql != delete_mode_sql)
        {
          sqlite3_bind_text (stmt, 2, mode->name, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, mode->definition, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, mode->colour, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 5, mode->position);
          sqlite3_bind_int64 (stmt, 6, mode->created_at);
        }
      if (!run_write (project, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_links (ErrataProject  *project,
             const char     *sql,
             GArray         *links,
             GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, sql, error);
  gint64 now = g_get_real_time ();

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < links->len; i++)
    {
      Assignment *link = &g_array_index (links, Assignment, i);

      sqlite3_bind_int64 (stmt, 1, link->annotation_id);
      sqlite3_bind_int64 (stmt, 2, link->mode_id);
      if (sql == insert_link_sql)
        sqlite3_bind_int64 (stmt, 3, now);
      if (!run_write (project, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Forward: new modes first (links may point at them), removed modes last
 * (after their links are gone). Backward is the mirror image. */
static gboolean
write_edit (ErrataProject       *project,
            ErrataTaxonomyEdit  *edit,
            gboolean             forward,
            GError             **error)
{
  if (forward)
    return write_modes (project, insert_mode_sql, edit->modes_added, error) &&
           write_modes (project, update_mode_sql, edit->modes_after, error) &&
           write_links (project, delete_link_sql, edit->links_removed, error) &&
           write_links (project, insert_link_sql, edit->links_added, error) &&
           write_modes (project, delete_mode_sql, edit->modes_removed, error);
  return write_modes (project, insert_mode_sql, edit->modes_removed, error) &&
         write_modes (project, update_mode_sql, edit->modes_before, error) &&
         write_links (project, delete_link_sql, edit->links_added, error) &&
         write_links (project, insert_link_sql, edit->links_removed, error) &&
         write_modes (project, delete_mode_sql, edit->modes_added, error);
}

static gboolean
apply_edit (ErrataTaxonomy      *self,
            ErrataTaxonomyEdit  *edit,
            gboolean             forward,
            GError             **error)
{
  if (!errata_project_begin (self->project, error))
    return FALSE;
  if (!write_edit (self->project, edit, forward, error))
    {
      errata_project_rollback (self->project);
      return FALSE;
    }
  return errata_project_commit (self->project, error);
}

/* Applies a new edit and makes it the one Undo reverts. */
static gboolean
commit_edit (ErrataTaxonomy      *self,
             ErrataTaxonomyEdit  *edit,
             GError             **error)
{
  if (!apply_edit (self, edit, TRUE, error))
    {
      edit_free (edit);
      return FALSE;
    }
  g_ptr_array_add (self->undo_stack, edit);
  g_ptr_array_set_size (self->redo_stack, 0);
  /* After the stacks, so that handlers see the right can_undo/can_redo. */
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static gboolean
move_between_stacks (ErrataTaxonomy  *self,
                     GPtrArray       *from,
                     GPtrArray       *to,
                     gboolean         forward,
                     GError         **error)
{
  ErrataTaxonomyEdit *edit;

  if (from->len == 0)
    return TRUE;
  edit = from->pdata[from->len - 1];
  if (!apply_edit (self, edit, forward, error))
    return FALSE;
  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
errata_taxonomy_can_undo (ErrataTaxonomy *self)
{
  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
errata_taxonomy_can_redo (ErrataTaxonomy *self)
{
  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), FALSE);
  return self->redo_stack->len > 0;
}

gboolean
errata_taxonomy_undo (ErrataTaxonomy  *self,
                      GError         **error)
{
  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), FALSE);
  return move_between_stacks (self, self->undo_stack, self->redo_stack, FALSE, error);
}

gboolean
errata_taxonomy_redo (ErrataTaxonomy  *self,
                      GError         **error)
{
  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), FALSE);
  return move_between_stacks (self, self->redo_stack, self->undo_stack, TRUE, error);
}

/* ---- building edits ----------------------------------------------------- */

static void
add_link (GArray *links,
          gint64  annotation_id,
          gint64  mode_id)
{
  Assignment link = { annotation_id, mode_id };

  g_array_append_val (links, link);
}

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
        add_link (edit->links_added, cards[i], to_mode);
      if (!copy && at_source && from_mode != to_mode)
        add_link (edit->links_removed, cards[i], from_mode);
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

  edit = edit_new ();
  if (!plan_move (self, edit, cards, n_cards, from_mode, to_mode, copy, error))
    {
      edit_free (edit);
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
                                    "SELECT ifnull (max (id), 0) + 1 FROM failure_modes",
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
  g_autoptr(ErrataTaxonomyEdit) edit = edit_new ();
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
      add_link (edit->links_added, cards[i], id);
      if (from_mode != ERRATA_UNSORTED)
        add_link (edit->links_removed, cards[i], from_mode);
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
  after = failure_mode_copy (before);
  if (name)
    replace_string (&after->name, name);
  if (definition)
    replace_string (&after->definition, definition);
  if (colour)
    replace_string (&after->colour, colour);
  edit = edit_new ();
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

      add_link (edit->links_removed, card->annotation_id, mode_id);
      if (target == ERRATA_UNSORTED)
        continue;
      if (!card_in_mode (self, card->annotation_id, target, &at_target, error))
        return FALSE;
      if (!at_target)
        add_link (edit->links_added, card->annotation_id, target);
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
  edit = edit_new ();
  g_ptr_array_add (edit->modes_removed, mode);
  if (!plan_empty_mode (self, edit, mode_id, target, error))
    {
      edit_free (edit);
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

/* ---- derived labels and counts ------------------------------------------ */

/* A trace counts as reviewed once someone gave it a verdict or a note. */
#define REVIEWED_ANNOTATION "(a.verdict IS NOT NULL OR a.note <> '')"

static const char explicit_label_sql[] =
  "SELECT value FROM labels WHERE trace_id = ?1 AND failure_mode_id = ?2";
static const char derived_label_sql[] =
  "SELECT EXISTS (SELECT 1 FROM annotations a WHERE a.trace_id = ?1 AND " REVIEWED_ANNOTATION "),"
  " EXISTS (SELECT 1 FROM annotations a JOIN assignments s ON s.annotation_id = a.id"
  "         WHERE a.trace_id = ?1 AND s.failure_mode_id = ?2)";

static gboolean
lookup_label (ErrataProject  *project,
              const char     *sql,
              gint64          trace_id,
              gint64          mode_id,
              sqlite3_stmt  **out,
              GError        **error)
{
  sqlite3_stmt *stmt = _errata_project_cached (project, sql, error);
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, trace_id);
  sqlite3_bind_int64 (stmt, 2, mode_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = stmt;
  else if (rc != SQLITE_DONE)
    return _errata_project_set_error (project, error, _("read labels"));
  return TRUE;
}

ErrataVerdict
errata_taxonomy_get_label (ErrataTaxonomy  *self,
                           gint64           trace_id,
                           gint64           mode_id,
                           GError         **error)
{
  ErrataVerdict label = ERRATA_VERDICT_UNSET;
  sqlite3_stmt *row;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), ERRATA_VERDICT_UNSET);

  if (!lookup_label (self->project, explicit_label_sql, trace_id, mode_id, &row, error))
    return ERRATA_VERDICT_UNSET;
  if (row != NULL)
    {
      label = errata_verdict_from_string ((const char *)sqlite3_column_text (row, 0));
      sqlite3_reset (row);
      return label;
    }
  if (!lookup_label (self->project, derived_label_sql, trace_id, mode_id, &row, error))
    return ERRATA_VERDICT_UNSET;
  if (row != NULL && sqlite3_column_int (row, 0))
    label = sqlite3_column_int (row, 1) ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS;
  if (row != NULL)
    sqlite3_reset (row);
  return label;
}

static const char count_reviewed_sql[] =
  "SELECT count (DISTINCT a.trace_id) FROM annotations a WHERE " REVIEWED_ANNOTATION;
static const char count_modes_sql[] =
  "SELECT m.id, m.name, count (DISTINCT a.trace_id) AS n FROM failure_modes m"
  " LEFT JOIN assignments s ON s.failure_mode_id = m.id"
  " LEFT JOIN annotations a ON a.id = s.annotation_id"
  " GROUP BY m.id ORDER BY n DESC, m.position, m.id";

static ErrataModeCount *
mode_count_from_row (sqlite3_stmt *stmt)
{
  ErrataModeCount *count = g_new0 (ErrataModeCount, 1);

  count->mode_id = sqlite3_column_int64 (stmt, 0);
  count->name = g_strdup (column_text (stmt, 1));
  count->count = sqlite3_column_int (stmt, 2);
  return count;
}

GPtrArray *
errata_taxonomy_count_modes (ErrataTaxonomy  *self,
                             guint           *reviewed,
                             GError         **error)
{
  g_autoptr(GPtrArray) counts = NULL;
  sqlite3_stmt *stmt;
  gint64 n_reviewed = 0;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), NULL);

  if (!_errata_project_query_int (self->project, count_reviewed_sql, &n_reviewed, error))
    return NULL;
  stmt = _errata_project_cached (self->project, count_modes_sql, error);
  if (stmt == NULL)
    return NULL;
  counts = collect_rows (self->project, stmt, (gpointer)mode_count_from_row,
                         (GDestroyNotify)errata_mode_count_free, error);
  if (counts == NULL)
    return NULL;
  for (guint i = 0; i < counts->len; i++)
    {
      ErrataModeCount *count = counts->pdata[i];

      count->share = n_reviewed > 0 ? (double)count->count / n_reviewed : 0.0;
    }
  if (reviewed)
    *reviewed = n_reviewed;
  return g_steal_pointer (&counts);
}

/* One row per reviewed trace, in the order it was first reviewed, with the
 * modes its notes sit in. */
static const char review_order_sql[] =
  "SELECT a.trace_id, min (a.created_at) AS first_review,"
  "  group_concat (s.failure_mode_id)"
  " FROM annotations a LEFT JOIN assignments s ON s.annotation_id = a.id"
  " WHERE " REVIEWED_ANNOTATION
  " GROUP BY a.trace_id ORDER BY first_review, a.trace_id";

static void
add_modes_to_set (GHashTable *seen,
                  const char *mode_list)
{
  g_auto (GStrv) ids = NULL;

  if (mode_list == NULL)
    return;
  ids = g_strsplit (mode_list, ",", -1);
  for (guint i = 0; ids[i]; i++)
    g_hash_table_add (seen, g_strdup (ids[i]));
}

GArray *
errata_taxonomy_saturation (ErrataTaxonomy  *self,
                            GError         **error)
{
  g_autoptr(GArray) curve = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), NULL);

  stmt = _errata_project_cached (self->project, review_order_sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint distinct;

      add_modes_to_set (seen, (const char *)sqlite3_column_text (stmt, 2));
      distinct = g_hash_table_size (seen);
      g_array_append_val (curve, distinct);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _errata_project_set_error (self->project, error, _("read the review history"));
      return NULL;
    }
  return g_steal_pointer (&curve);
}

/* The method's signal to stop reviewing: the last `window` reviews brought
 * no new failure mode (and there is at least one). */
gboolean
errata_taxonomy_is_saturated (GArray *saturation,
                              guint   window)
{
  guint last;

  g_return_val_if_fail (saturation != NULL, FALSE);

  if (window == 0 || saturation->len <= window)
    return FALSE;
  last = g_array_index (saturation, guint, saturation->len - 1);
  return last > 0 && last == g_array_index (saturation, guint, saturation->len - 1 - window);
}

/* ---- exporting the taxonomy --------------------------------------------- */

static JsonNode *
mode_to_json (ErrataTaxonomy     *self,
              ErrataModeCount    *count,
              guint               n_examples,
              GError            **error)
{
  g_autoptr(ErrataFailureMode) mode = errata_taxonomy_get_mode (self, count->mode_id, error);
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (mode == NULL)
    return NULL;
  cards = errata_taxonomy_list_cards (self, count->mode_id, error);
  if (cards == NULL)
    return NULL;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, mode->name);
  json_builder_set_member_name (builder, "definition");
  json_builder_add_string_value (builder, mode->definition);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, count->count);
  json_builder_set_member_name (builder, "share");
  json_builder_add_double_value (builder, count->share);
  json_builder_set_member_name (builder, "examples");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cards->len && i < n_examples; i++)
    {
      ErrataNoteCard *card = cards->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "trace_id");
      json_builder_add_string_value (builder, card->external_id);
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, card->note);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *
taxonomy_to_json (ErrataTaxonomy  *self,
                  guint            n_examples,
                  GError         **error)
{
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonArray) modes = json_array_new ();
  JsonNode *node;
  guint reviewed = 0;

  counts = errata_taxonomy_count_modes (self, &reviewed, error);
  if (counts == NULL)
    return NULL;
  for (guint i = 0; i < counts->len; i++)
    {
      JsonNode *mode = mode_to_json (self, counts->pdata[i], n_examples, error);

      if (mode == NULL)
        return NULL;
      json_array_add_element (modes, mode);
    }
  json_object_set_int_member (root, "reviewed_traces", reviewed);
  json_object_set_array_member (root, "failure_modes", g_steal_pointer (&modes));
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, root);
  return node;
}

char *
errata_taxonomy_export_json (ErrataTaxonomy  *self,
                             guint            n_examples,
                             GError         **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), NULL);

  root = taxonomy_to_json (self, n_examples, error);
  return root ? json_to_string (root, TRUE) : NULL;
}

/* Notes are free text: keep each on one line so the list stays a list. */
static char *
markdown_line (const char *text)
{
  g_autofree char *flat = g_strdup (text);

  g_strdelimit (flat, "\r\n", ' ');
  return g_strstrip (g_steal_pointer (&flat));
}

static void
append_mode_markdown (GString    *out,
                      JsonObject *mode)
{
  JsonArray *examples = json_object_get_array_member (mode, "examples");
  g_autofree char *definition =
    markdown_line (json_object_get_string_member (mode, "definition"));

  g_string_append_printf (out, "## %s\n\n", json_object_get_string_member (mode, "name"));
  if (*definition)
    g_string_append_printf (out, "%s\n\n", definition);
  g_string_append_printf (out, _("%u traces (%.0f%% of reviewed traces)\n\n"),
                          (guint)json_object_get_int_member (mode, "count"),
                          100.0 * json_object_get_double_member (mode, "share"));
  for (guint i = 0; i < json_array_get_length (examples); i++)
    {
      JsonObject *example = json_array_get_object_element (examples, i);
      g_autofree char *note = markdown_line (json_object_get_string_member (example, "note"));

      g_string_append_printf (out, "- `%s`: %s\n", json_object_get_string_member (example, "trace_id"),
                              note);
    }
  g_string_append_c (out, '\n');
}

char *
errata_taxonomy_export_markdown (ErrataTaxonomy  *self,
                                 guint            n_examples,
                                 GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *modes;
  GString *out;

  g_return_val_if_fail (ERRATA_IS_TAXONOMY (self), NULL);

  root = taxonomy_to_json (self, n_examples, error);
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  modes = json_object_get_array_member (object, "failure_modes");
  out = g_string_new (NULL);
  g_string_append_printf (out, _("# Failure modes\n\nFrom %u reviewed traces.\n\n"),
                          (guint)json_object_get_int_member (object, "reviewed_traces"));
  for (guint i = 0; i < json_array_get_length (modes); i++)
    append_mode_markdown (out, json_array_get_object_element (modes, i));
  return g_string_free (out, FALSE);
}
