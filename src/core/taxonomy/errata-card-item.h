/* errata-card-item.h: one note as it sits in one place on the Failure
 * Modes canvas, and the set of cards a multi-card drag carries.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-taxonomy.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_CARD_ITEM (errata_card_item_get_type ())

G_DECLARE_FINAL_TYPE (ErrataCardItem, errata_card_item, ERRATA, CARD_ITEM, GObject)

ErrataCardItem *errata_card_item_new             (const ErrataNoteCard *card,
                                                  gint64                mode_id);
gboolean        errata_card_item_update          (ErrataCardItem       *self,
                                                  const ErrataNoteCard *card);
gint64          errata_card_item_get_annotation_id (ErrataCardItem     *self);
gint64          errata_card_item_get_trace_id    (ErrataCardItem       *self);
gint64          errata_card_item_get_mode_id     (ErrataCardItem       *self);
const char     *errata_card_item_get_note        (ErrataCardItem       *self);
const char     *errata_card_item_get_external_id (ErrataCardItem       *self);
ErrataVerdict   errata_card_item_get_verdict     (ErrataCardItem       *self);
gboolean        errata_card_item_get_imported    (ErrataCardItem       *self);
const char     *errata_card_item_get_annotator   (ErrataCardItem       *self);
gboolean        errata_card_item_matches         (ErrataCardItem       *self,
                                                  const char           *folded_text);

/* What a drag of several cards carries: where they come from and which
 * notes they are. Reference counted, immutable once handed to a drag. */
#define ERRATA_TYPE_CARD_SET (errata_card_set_get_type ())

typedef struct _ErrataCardSet ErrataCardSet;

GType           errata_card_set_get_type         (void) G_GNUC_CONST;
ErrataCardSet  *errata_card_set_new              (gint64                from_mode);
ErrataCardSet  *errata_card_set_ref              (ErrataCardSet        *set);
void            errata_card_set_unref            (ErrataCardSet        *set);
void            errata_card_set_add              (ErrataCardSet        *set,
                                                  gint64                annotation_id);
gint64          errata_card_set_get_from_mode    (const ErrataCardSet  *set);
const gint64   *errata_card_set_get_cards        (const ErrataCardSet  *set,
                                                  guint                *n_cards);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataCardSet, errata_card_set_unref)

/* Folds text the way errata_card_item_matches() expects it. */
char           *errata_card_fold_text            (const char           *text);

G_END_DECLS
