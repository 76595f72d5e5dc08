/* errata-undo-stack.c
 *
 * Two arrays of (funcs, edit) pairs: Undo pops the top of the undo array,
 * reverts it and pushes it onto the redo array; Redo is the mirror image.
 * The edits themselves are opaque: the taxonomy keeps SQL row changes in
 * them, an evaluator editor can keep whatever it needs.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-undo-stack.h"

typedef struct
{
  const ErrataUndoEditFuncs *funcs;
  gpointer                   edit;
} Entry;

struct _ErrataUndoStack
{
  GObject  parent_instance;

  GArray  *undo;    /* Entry, oldest first */
  GArray  *redo;    /* Entry, the next one to redo last */
  guint    limit;
};

G_DEFINE_FINAL_TYPE (ErrataUndoStack, errata_undo_stack, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  if (entry->funcs->free != NULL)
    entry->funcs->free (entry->edit);
}

/* Notifies only what changed, so that bound buttons do not flicker. */
static void
notify_changes (ErrataUndoStack *self,
                gboolean         could_undo,
                gboolean         could_redo)
{
  if (could_undo != errata_undo_stack_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != errata_undo_stack_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
trim_to_limit (ErrataUndoStack *self)
{
  if (self->limit > 0 && self->undo->len > self->limit)
    g_array_remove_range (self->undo, 0, self->undo->len - self->limit);
}

static void
errata_undo_stack_finalize (GObject *object)
{
  ErrataUndoStack *self = (ErrataUndoStack *)object;

  g_clear_pointer (&self->undo, g_array_unref);
  g_clear_pointer (&self->redo, g_array_unref);

  G_OBJECT_CLASS (errata_undo_stack_parent_class)->finalize (object);
}

static void
errata_undo_stack_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ErrataUndoStack *self = ERRATA_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, errata_undo_stack_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, errata_undo_stack_can_redo (self));
      break;
    case PROP_LIMIT:
      g_value_set_uint (value, self->limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_undo_stack_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ErrataUndoStack *self = ERRATA_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_LIMIT:
      errata_undo_stack_set_limit (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_undo_stack_class_init (ErrataUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = errata_undo_stack_finalize;
  object_class->get_property = errata_undo_stack_get_property;
  object_class->set_property = errata_undo_stack_set_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIMIT] =
    g_param_spec_uint ("limit", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
errata_undo_stack_init (ErrataUndoStack *self)
{
  self->undo = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->redo = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->undo, entry_clear);
  g_array_set_clear_func (self->redo, entry_clear);
}

ErrataUndoStack *
errata_undo_stack_new (void)
{
  return g_object_new (ERRATA_TYPE_UNDO_STACK, NULL);
}

gboolean
errata_undo_stack_do (ErrataUndoStack            *self,
                      const ErrataUndoEditFuncs  *funcs,
                      gpointer                    edit,
                      GError                    **error)
{
  Entry entry = { funcs, edit };

  g_return_val_if_fail (ERRATA_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (funcs != NULL && funcs->apply != NULL && funcs->revert != NULL, FALSE);

  if (!funcs->apply (edit, error))
    {
      entry_clear (&entry);
      return FALSE;
    }
  errata_undo_stack_push (self, funcs, edit);
  return TRUE;
}

void
errata_undo_stack_push (ErrataUndoStack            *self,
                        const ErrataUndoEditFuncs  *funcs,
                        gpointer                    edit)
{
  Entry entry = { funcs, edit };
  gboolean could_undo;
  gboolean could_redo;

  g_return_if_fail (ERRATA_IS_UNDO_STACK (self));
  g_return_if_fail (funcs != NULL && funcs->apply != NULL && funcs->revert != NULL);

  could_undo = errata_undo_stack_can_undo (self);
  could_redo = errata_undo_stack_can_redo (self);
  g_array_append_val (self->undo, entry);
  g_array_set_size (self->redo, 0);
  trim_to_limit (self);
  notify_changes (self, could_undo, could_redo);
}

static gpointer
peek (GArray *entries)
{
  return entries->len > 0 ? g_array_index (entries, Entry, entries->len - 1).edit : NULL;
}

gpointer
errata_undo_stack_peek_undo (ErrataUndoStack *self)
{
  g_return_val_if_fail (ERRATA_IS_UNDO_STACK (self), NULL);
  return peek (self->undo);
}

gpointer
errata_undo_stack_peek_redo (ErrataUndoStack *self)
{
  g_return_val_if_fail (ERRATA_IS_UNDO_STACK (self), NULL);
  return peek (self->redo);
}

/* Plays the top edit of `from` (forward or back) and moves it to `to`. */
static gboolean
move_top (ErrataUndoStack  *self,
          GArray           *from,
          GArray           *to,
          gboolean          forward,
          GError          **error)
{
  gboolean could_undo = errata_undo_stack_can_undo (self);
  gboolean could_redo = errata_undo_stack_can_redo (self);
  Entry entry;

  if (from->len == 0)
    return TRUE;
  entry = g_array_index (from, Entry, from->len - 1);
  if (!(forward ? entry.funcs->apply : entry.funcs->revert) (entry.edit, error))
    return FALSE;
  /* Steal the entry: removing it would free the edit. */
  g_array_set_clear_func (from, NULL);
  g_array_set_size (from, from->len - 1);
  g_array_set_clear_func (from, entry_clear);
  g_array_append_val (to, entry);
  notify_changes (self, could_undo, could_redo);
  return TRUE;
}

gboolean
errata_undo_stack_undo (ErrataUndoStack  *self,
                        GError          **error)
{
  g_return_val_if_fail (ERRATA_IS_UNDO_STACK (self), FALSE);
  return move_top (self, self->undo, self->redo, FALSE, error);
}

gboolean
errata_undo_stack_redo (ErrataUndoStack  *self,
                        GError          **error)
{
  g_return_val_if_fail (ERRATA_IS_UNDO_STACK (self), FALSE);
  return move_top (self, self->redo, self->undo, TRUE, error);
}

gboolean
errata_undo_stack_can_undo (ErrataUndoStack *self)
{
  g_return_val_if_fail (ERRATA_IS_UNDO_STACK (self), FALSE);
  return self->undo->len > 0;
}

gboolean
errata_undo_stack_can_redo (ErrataUndoStack *self)
{
  g_return_val_if_fail (ERRATA_IS_UNDO_STACK (self), FALSE);
  return self->redo->len > 0;
}

void
errata_undo_stack_clear (ErrataUndoStack *self)
{
  gboolean could_undo;
  gboolean could_redo;

  g_return_if_fail (ERRATA_IS_UNDO_STACK (self));

  could_undo = errata_undo_stack_can_undo (self);
  could_redo = errata_undo_stack_can_redo (self);
  g_array_set_size (self->undo, 0);
  g_array_set_size (self->redo, 0);
  notify_changes (self, could_undo, could_redo);
}

guint
errata_undo_stack_get_limit (ErrataUndoStack *self)
{
  g_return_val_if_fail (ERRATA_IS_UNDO_STACK (self), 0);
  return self->limit;
}

void
errata_undo_stack_set_limit (ErrataUndoStack *self,
                             guint            limit)
{
  gboolean could_undo;

  g_return_if_fail (ERRATA_IS_UNDO_STACK (self));

  if (self->limit == limit)
    return;
  could_undo = errata_undo_stack_can_undo (self);
  self->limit = limit;
  trim_to_limit (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMIT]);
  notify_changes (self, could_undo, errata_undo_stack_can_redo (self));
}
