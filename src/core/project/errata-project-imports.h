/* errata-project-imports.h: the record of each import (issue 21), so that
 * the traces one import added can be listed and deleted together.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-project.h"

G_BEGIN_DECLS

/* One import: one run of the importer (or of anything else that adds
 * traces: a live receiver) over the files the user gave. */
typedef struct
{
  gint64    id;
  char     *name;         /* the file names as given, comma-separated */
  char     *paths;        /* JSON array of the paths as given */
  char     *format;       /* as the import report names it; "" when unknown */
  char     *mapping;      /* the field map (errata_field_map_to_string), or NULL */
  gint64    started_at;   /* microseconds since the epoch */
  gint64    finished_at;  /* 0: it stopped midway (cancelled, failed) or still runs */
  gint64    n_added;      /* traces it added */
  gint64    n_skipped;    /* records it skipped as bad */
  gint64    n_traces;     /* of the traces it added, those still in the project */
  gboolean  recorded;     /* FALSE: made up on upgrade from traces of an older file */
} ErrataImportInfo;

/* Writes a new import row (its own transaction) and returns its id, or 0
 * with error. Give the id to each trace (errata_trace_set_import_id())
 * before errata_project_add_trace(). `paths` may be NULL. */
gint64            errata_project_start_import   (ErrataProject       *self,
                                                 const char          *name,
                                                 const char * const  *paths,
                                                 const char          *format,
                                                 const char          *mapping,
                                                 GError             **error);
/* Records the import's counts; `finished` FALSE for one that stopped
 * midway (its committed batches stay, and so does the record). */
gboolean          errata_project_finish_import  (ErrataProject       *self,
                                                 gint64               import_id,
                                                 gboolean             finished,
                                                 const char          *format,
                                                 gint64               n_added,
                                                 gint64               n_skipped,
                                                 GError             **error);
/* Every import, oldest first. Element type: ErrataImportInfo. */
GPtrArray        *errata_project_list_imports   (ErrataProject       *self,
                                                 GError             **error);
/* One import by id; NULL with ERRATA_PROJECT_ERROR_NOT_FOUND when none. */
ErrataImportInfo *errata_project_get_import     (ErrataProject       *self,
                                                 gint64               import_id,
                                                 GError             **error);
void              errata_import_info_free       (ErrataImportInfo    *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataImportInfo, errata_import_info_free)

G_END_DECLS
