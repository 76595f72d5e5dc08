/* errata-project-merge-private.h: what the files of a merge share: the
 * plan's types and a few reading helpers (errata-project-merge.c), the
 * matching of the other file's traces (errata-project-merge-match.c) and
 * the writing of the plan (errata-project-merge-write.c).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "errata-project-merge.h"
#include "errata-project-private.h"

G_BEGIN_DECLS

typedef enum
{
  ACTION_NEW,
  ACTION_UPDATE,
  ACTION_SAME,
  ACTION_OLDER,
  ACTION_CONFLICT,
} Action;

/* One review of the other file, as it would stand here. */
typedef struct
{
  char             *source;
  char             *external_id;
  ErrataAnnotation *annotation;  /* local trace id, origin merged, its own times */
  GPtrArray        *modes;       /* failure-mode names, sorted */
  ErrataAnnotationOrigin other_origin;
} Review;

/* The review of the same person on the same trace here, if any. */
typedef struct
{
  gboolean               found;
  ErrataVerdict          verdict;
  char                  *note;
  int                    first_failure;
  ErrataAnnotationOrigin origin;
  gint64                 updated_at;
  GPtrArray             *modes;
} Local;

typedef struct
{
  ErrataProject     *here;
  ErrataProject     *other;
  GHashTable        *trace_map;     /* other trace id → local trace id (gint64 *) */
  GHashTable        *other_modes;   /* other annotation id → GPtrArray of names */
  GPtrArray         *mode_rows;     /* other modes not here: char *[3] name, definition, colour */
  GPtrArray         *to_write;      /* Review */
  ErrataMergeResult *result;
  char              *copy_dir;      /* an upgraded copy of an older file, or NULL */
} Merge;

const char *_errata_merge_text_at       (sqlite3_stmt   *stmt,
                                         int             column);
gint64     *_errata_merge_int64_new     (gint64          value);
gboolean    _errata_merge_finish_read   (ErrataProject  *project,
                                         sqlite3_stmt   *stmt,
                                         int             rc,
                                         const char     *what,
                                         GError        **error);
GArray     *_errata_merge_match_by_id   (Merge          *merge,
                                         GError        **error);
gboolean    _errata_merge_match_by_hash (Merge          *merge,
                                         GArray         *unmatched,
                                         GError        **error);
/* Writes the planned modes and reviews (errata-project-merge-write.c). */
gboolean    _errata_merge_write_plan    (Merge          *merge,
                                         GError        **error);

G_END_DECLS
