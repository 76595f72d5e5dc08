/* errata-project-size.h: where a project file's bytes go (issue 17, part 3),
 * per part, so that a file someone mails can be explained and kept small.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-project.h"

G_BEGIN_DECLS

/* The parts a project's pages fall into. Each table's indexes count with
 * the table. */
typedef enum
{
  ERRATA_PROJECT_PART_TRACES,      /* the traces table */
  ERRATA_PROJECT_PART_SEARCH,      /* the traces' full-text index */
  ERRATA_PROJECT_PART_TRACE_META,  /* the metadata side table */
  ERRATA_PROJECT_PART_REVIEWS,     /* annotations, their notes' index, labels, failure modes */
  ERRATA_PROJECT_PART_VERDICTS,    /* evaluator runs, their verdicts and batches */
  ERRATA_PROJECT_PART_OTHER,       /* every other table, the schema and free pages */
  ERRATA_PROJECT_N_PARTS
} ErrataProjectPart;

typedef struct
{
  gint64   total;                          /* bytes: page count × page size */
  gboolean per_part;                       /* FALSE: this SQLite lacks dbstat */
  gint64   bytes[ERRATA_PROJECT_N_PARTS];  /* add up to total when per_part */
} ErrataProjectSizes;

gboolean          errata_project_get_sizes     (ErrataProject       *self,
                                                ErrataProjectSizes  *sizes,
                                                GError             **error);
/* A stable key for JSON ("traces", "search", …) and a translated label. */
const char       *errata_project_part_key      (ErrataProjectPart    part);
const char       *errata_project_part_label    (ErrataProjectPart    part);

G_END_DECLS
