/* errata-taxonomy-private.h: what the files of ErrataTaxonomy share (the
 * model, its edits, labels, saturation).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-project-private.h"
#include "errata-taxonomy.h"
#include "errata-undo-stack.h"

G_BEGIN_DECLS

struct _ErrataTaxonomy
{
  GObject          parent_instance;

  ErrataProject   *project;
  ErrataUndoStack *undo_stack;
};

#define ERRATA_MODE_COLUMNS "id, name, definition, colour, position, created_at"

/* A trace counts as reviewed once someone reviewing in Errata (here or
 * merged) gave it a verdict or a note. Imported labels and notes are
 * never reviews (DESIGN.md, "Labels"): the saturation curve and the
 * Pareto shares count the team's reviews, as the report does. */
#define ERRATA_REVIEWED_ANNOTATION \
  "(a.origin <> 'imported' AND (a.verdict IS NOT NULL OR a.note <> ''))"

const char        *_errata_taxonomy_column_text  (sqlite3_stmt             *stmt,
                                                  int                       column);
/* Runs a prepared SELECT and collects its rows with `from_row`. */
GPtrArray         *_errata_taxonomy_collect_rows (ErrataProject            *project,
                                                  sqlite3_stmt             *stmt,
                                                  gpointer                (*from_row) (sqlite3_stmt *),
                                                  GDestroyNotify            free_row,
                                                  GError                  **error);
ErrataFailureMode *_errata_failure_mode_copy     (const ErrataFailureMode  *mode);

G_END_DECLS
