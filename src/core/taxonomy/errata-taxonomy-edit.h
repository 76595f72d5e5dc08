/* errata-taxonomy-edit.h: one undoable change to the failure modes: the
 * mode rows and note-to-mode assignments it adds, removes or rewrites.
 * Internal to the taxonomy; the undo stack plays these.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-project.h"
#include "errata-taxonomy.h"
#include "errata-undo-stack.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 annotation_id;
  gint64 mode_id;
} ErrataAssignment;

typedef struct
{
  ErrataProject *project;
  GPtrArray     *modes_added;     /* ErrataFailureMode, ids chosen beforehand */
  GPtrArray     *modes_removed;   /* ErrataFailureMode, as they were */
  GPtrArray     *modes_before;    /* ErrataFailureMode, old values of updated rows */
  GPtrArray     *modes_after;     /* ErrataFailureMode, new values, same order */
  GArray        *links_added;     /* ErrataAssignment */
  GArray        *links_removed;   /* ErrataAssignment */
} ErrataTaxonomyEdit;

ErrataTaxonomyEdit *errata_taxonomy_edit_new      (ErrataProject       *project);
void                errata_taxonomy_edit_free     (ErrataTaxonomyEdit  *edit);
void                errata_taxonomy_edit_add_link (GArray              *links,
                                                   gint64               annotation_id,
                                                   gint64               mode_id);

/* Plays an edit forward (apply) or backward (revert), each inside one
 * transaction of the edit's project. */
extern const ErrataUndoEditFuncs errata_taxonomy_edit_funcs;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataTaxonomyEdit, errata_taxonomy_edit_free)

G_END_DECLS
