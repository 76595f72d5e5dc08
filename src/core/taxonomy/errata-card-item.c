/* errata-card-item.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "errata-card-item.h"

struct _ErrataCardItem
{
  GObject        parent_instance;

  gint64         annotation_id;
  gint64         trace_id;
  gint64         mode_id;
  char          *external_id;
  char          *note;
  char          *folded;       /* note and trace id, for the search filter */
  ErrataVerdict  verdict;
  gboolean       imported;     /* an imported label's note: not a review */
  char          *annotator;    /* the reviewer, or the file it was imported from */
};

G_DEFINE_FINAL_TYPE (ErrataCardItem, errata_card_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ANNOTATION_ID,
  PROP_TRACE_ID,
  PROP_MODE_ID,
  PROP_EXTERNAL_ID,
  PROP_NOTE,
  PROP_VERDICT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
errata_card_fold_text (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal ? normal : "", -1);
}

static void
refold (ErrataCardItem *self)
{
  g_autofree char *joined = g_strconcat (self->note, "\n", self->external_id, NULL);

  g_free (self->folded);
  self->folded = errata_card_fold_text (joined);
}

static void
errata_card_item_finalize (GObject *object)
{
  ErrataCardItem *self = (ErrataCardItem *)object;

  g_free (self->external_id);
  g_free (self->note);
  g_free (self->folded);
  g_free (self->annotator);

  G_OBJECT_CLASS (errata_card_item_parent_class)->finalize (object);
}

static void
errata_card_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ErrataCardItem *self = ERRATA_CARD_ITEM (object);

  switch (prop_id)
    {
    case PROP_ANNOTATION_ID:
      g_value_set_int64 (value, self->annotation_id);
      break;
    case PROP_TRACE_ID:
      g_value_set_int64 (value, self->trace_id);
      break;
    case PROP_MODE_ID:
      g_value_set_int64 (value, self->mode_id);
      break;
    case PROP_EXTERNAL_ID:
      g_value_set_string (value, self->external_id);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_VERDICT:
      g_value_set_int (value, self->verdict);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_card_item_class_init (ErrataCardItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = errata_card_item_finalize;
  object_class->get_property = errata_card_item_get_property;

  properties[PROP_ANNOTATION_ID] =
    g_param_spec_int64 ("annotation-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TRACE_ID] =
    g_param_spec_int64 ("trace-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_MODE_ID] =
    g_param_spec_int64 ("mode-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_EXTERNAL_ID] = g_param_spec_string ("external-id", NULL, NULL, "", flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, "", flags);
  /* An ErrataVerdict; the core has no enum GType to give it. */
  properties[PROP_VERDICT] =
    g_param_spec_int ("verdict", NULL, NULL, ERRATA_VERDICT_UNSET, ERRATA_VERDICT_FAIL,
                      ERRATA_VERDICT_UNSET, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
errata_card_item_init (ErrataCardItem *self)
{
}

ErrataCardItem *
errata_card_item_new (const ErrataNoteCard *card,
                      gint64                mode_id)
{
  ErrataCardItem *self;

  g_return_val_if_fail (card != NULL, NULL);

  self = g_object_new (ERRATA_TYPE_CARD_ITEM, NULL);
  self->annotation_id = card->annotation_id;
  self->trace_id = card->trace_id;
  self->mode_id = mode_id;
  self->external_id = g_strdup (card->external_id ? card->external_id : "");
  self->note = g_strdup (card->note ? card->note : "");
  self->verdict = card->verdict;
  self->imported = card->imported;
  self->annotator = g_strdup (card->annotator ? card->annotator : "");
  refold (self);
  return self;
}

/* Takes the note's current text and verdict; TRUE when anything changed. */
gboolean
errata_card_item_update (ErrataCardItem       *self,
                         const ErrataNoteCard *card)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (ERRATA_IS_CARD_ITEM (self), FALSE);
  g_return_val_if_fail (card->annotation_id == self->annotation_id, FALSE);

  if (g_strcmp0 (self->note, card->note) != 0)
    {
      g_free (self->note);
      self->note = g_strdup (card->note ? card->note : "");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
      changed = TRUE;
    }
  if (self->verdict != card->verdict)
    {
      self->verdict = card->verdict;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT]);
      changed = TRUE;
    }
  if (changed)
    refold (self);
  return changed;
}

gint64
errata_card_item_get_annotation_id (ErrataCardItem *self)
{
  g_return_val_if_fail (ERRATA_IS_CARD_ITEM (self), 0);
  return self->annotation_id;
}

gint64
errata_card_item_get_trace_id (ErrataCardItem *self)
{
  g_return_val_if_fail (ERRATA_IS_CARD_ITEM (self), 0);
  return self->trace_id;
}

gint64
errata_card_item_get_mode_id (ErrataCardItem *self)
{
  g_return_val_if_fail (ERRATA_IS_CARD_ITEM (self), 0);
  return self->mode_id;
}

const char *
errata_card_item_get_note (ErrataCardItem *self)
{
  g_return_val_if_fail (ERRATA_IS_CARD_ITEM (self), NULL);
  return self->note;
}

const char *
errata_card_item_get_external_id (ErrataCardItem *self)
{
  g_return_val_if_fail (ERRATA_IS_CARD_ITEM (self), NULL);
  return self->external_id;
}

ErrataVerdict
errata_card_item_get_verdict (ErrataCardItem *self)
{
  g_return_val_if_fail (ERRATA_IS_CARD_ITEM (self), ERRATA_VERDICT_UNSET);
  return self->verdict;
}

gboolean
errata_card_item_get_imported (ErrataCardItem *self)
{
  g_return_val_if_fail (ERRATA_IS_CARD_ITEM (self), FALSE);
  return self->imported;
}

const char *
errata_card_item_get_annotator (ErrataCardItem *self)
{
  g_return_val_if_fail (ERRATA_IS_CARD_ITEM (self), NULL);
  return self->annotator;
}

/* `folded_text` comes from errata_card_fold_text(); empty matches all. */
gboolean
errata_card_item_matches (ErrataCardItem *self,
                          const char     *folded_text)
{
  g_return_val_if_fail (ERRATA_IS_CARD_ITEM (self), FALSE);
  return folded_text == NULL || *folded_text == '\0' || strstr (self->folded, folded_text) != NULL;
}

/* ---- ErrataCardSet ------------------------------------------------------ */

struct _ErrataCardSet
{
  gint64  from_mode;
  GArray *cards;   /* gint64 annotation ids */
};

G_DEFINE_BOXED_TYPE (ErrataCardSet, errata_card_set, errata_card_set_ref, errata_card_set_unref)

ErrataCardSet *
errata_card_set_new (gint64 from_mode)
{
  ErrataCardSet *set = g_atomic_rc_box_new0 (ErrataCardSet);

  set->from_mode = from_mode;
  set->cards = g_array_new (FALSE, FALSE, sizeof (gint64));
  return set;
}

ErrataCardSet *
errata_card_set_ref (ErrataCardSet *set)
{
  g_return_val_if_fail (set != NULL, NULL);
  return g_atomic_rc_box_acquire (set);
}

static void
card_set_clear (gpointer data)
{
  ErrataCardSet *set = data;

  g_array_unref (set->cards);
}

void
errata_card_set_unref (ErrataCardSet *set)
{
  g_return_if_fail (set != NULL);
  g_atomic_rc_box_release_full (set, card_set_clear);
}

void
errata_card_set_add (ErrataCardSet *set,
                     gint64         annotation_id)
{
  g_return_if_fail (set != NULL);
  g_array_append_val (set->cards, annotation_id);
}

gint64
errata_card_set_get_from_mode (const ErrataCardSet *set)
{
  g_return_val_if_fail (set != NULL, 0);
  return set->from_mode;
}

const gint64 *
errata_card_set_get_cards (const ErrataCardSet *set,
                           guint               *n_cards)
{
  g_return_val_if_fail (set != NULL, NULL);
  if (n_cards)
    *n_cards = set->cards->len;
  return (const gint64 *)(gpointer)set->cards->data;
}
