/* errata-taxonomy.h: failure modes and the notes grouped into them (axial
 * coding), with undo.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-project.h"
#include "errata-undo-stack.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_TAXONOMY (errata_taxonomy_get_type ())

/* Where cards come from or go to: a failure mode's id, or this. */
#define ERRATA_UNSORTED ((gint64)0)

typedef struct
{
  gint64  id;
  char   *name;
  char   *definition;
  char   *colour;      /* "#rrggbb", or "" for the default */
  int     position;
  gint64  created_at;
} ErrataFailureMode;

/* One note, as a card on the canvas. */
typedef struct
{
  gint64         annotation_id;
  gint64         trace_id;
  char          *external_id;
  char          *annotator;
  char          *note;
  ErrataVerdict  verdict;
  gint64         created_at;
  gboolean       imported;     /* an imported label's note, not a review */
} ErrataNoteCard;

typedef struct
{
  gint64  mode_id;
  char   *name;
  guint   count;       /* reviewed traces with a note in the mode */
  double  share;       /* count / reviewed traces */
} ErrataModeCount;

G_DECLARE_FINAL_TYPE (ErrataTaxonomy, errata_taxonomy, ERRATA, TAXONOMY, GObject)

ErrataTaxonomy    *errata_taxonomy_new                (ErrataProject   *project);
ErrataProject     *errata_taxonomy_get_project        (ErrataTaxonomy  *self);
/* The edits Undo and Redo replay; bind to its can-undo/can-redo. */
ErrataUndoStack   *errata_taxonomy_get_undo_stack     (ErrataTaxonomy  *self);

/* Element type: ErrataFailureMode, by position. */
GPtrArray         *errata_taxonomy_list_modes         (ErrataTaxonomy  *self,
                                                       GError         **error);
ErrataFailureMode *errata_taxonomy_get_mode           (ErrataTaxonomy  *self,
                                                       gint64           mode_id,
                                                       GError         **error);
/* Element type: ErrataNoteCard. mode_id ERRATA_UNSORTED lists the notes in
 * no mode; -1 lists every note. */
GPtrArray         *errata_taxonomy_list_cards         (ErrataTaxonomy  *self,
                                                       gint64           mode_id,
                                                       GError         **error);
/* The modes a note sits in, by position. */
GArray            *errata_taxonomy_get_card_modes     (ErrataTaxonomy  *self,
                                                       gint64           annotation_id,
                                                       GError         **error);

/* Every change goes through an edit that the taxonomy can apply and
 * revert; these build one, apply it and put it on the undo stack. */
gint64             errata_taxonomy_create_mode        (ErrataTaxonomy  *self,
                                                       const char      *name,
                                                       const char      *definition,
                                                       const gint64    *cards,
                                                       guint            n_cards,
                                                       gint64           from_mode,
                                                       GError         **error);
gboolean           errata_taxonomy_move_cards         (ErrataTaxonomy  *self,
                                                       const gint64    *cards,
                                                       guint            n_cards,
                                                       gint64           from_mode,
                                                       gint64           to_mode,
                                                       gboolean         copy,
                                                       GError         **error);
gboolean           errata_taxonomy_merge_modes        (ErrataTaxonomy  *self,
                                                       gint64           source_mode,
                                                       gint64           target_mode,
                                                       GError         **error);
gboolean           errata_taxonomy_update_mode        (ErrataTaxonomy  *self,
                                                       gint64           mode_id,
                                                       const char      *name,
                                                       const char      *definition,
                                                       const char      *colour,
                                                       GError         **error);
gboolean           errata_taxonomy_delete_mode        (ErrataTaxonomy  *self,
                                                       gint64           mode_id,
                                                       GError         **error);

gboolean           errata_taxonomy_can_undo           (ErrataTaxonomy  *self);
gboolean           errata_taxonomy_can_redo           (ErrataTaxonomy  *self);
gboolean           errata_taxonomy_undo               (ErrataTaxonomy  *self,
                                                       GError         **error);
gboolean           errata_taxonomy_redo               (ErrataTaxonomy  *self,
                                                       GError         **error);

/* errata-taxonomy-labels.c. The trace's ground truth for the mode
 * (errata-ground-truth.h): an explicit label wins; else a reviewed trace
 * whose note sits in the mode fails it, a reviewed trace not in it passes
 * it; an unreviewed or disputed trace has no label (ERRATA_VERDICT_UNSET). */
ErrataVerdict      errata_taxonomy_get_label          (ErrataTaxonomy  *self,
                                                       gint64           trace_id,
                                                       gint64           mode_id,
                                                       GError         **error);
/* Element type: ErrataModeCount, most frequent first (the Pareto order). */
GPtrArray         *errata_taxonomy_count_modes        (ErrataTaxonomy  *self,
                                                       guint           *reviewed,
                                                       GError         **error);
/* errata-taxonomy-saturation.c. Element i: distinct modes seen in the first i + 1 reviewed traces, in
 * review order. Element type: guint. */
GArray            *errata_taxonomy_saturation         (ErrataTaxonomy  *self,
                                                       GError         **error);
gboolean           errata_taxonomy_is_saturated       (GArray          *saturation,
                                                       guint            window);

void               errata_failure_mode_free           (ErrataFailureMode *mode);
void               errata_note_card_free              (ErrataNoteCard    *card);
void               errata_mode_count_free             (ErrataModeCount   *count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataFailureMode, errata_failure_mode_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataNoteCard, errata_note_card_free)

G_END_DECLS
