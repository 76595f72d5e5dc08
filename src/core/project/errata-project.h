/* errata-project.h: one `.errata` project file (SQLite).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "errata-types.h"
#include "errata-trace.h"
#include "errata-trace-query.h"

G_BEGIN_DECLS

#define ERRATA_TYPE_PROJECT (errata_project_get_type ())
#define ERRATA_PROJECT_ERROR (errata_project_error_quark ())

/* The schema version this build writes; older files are migrated forward,
 * newer ones refused. */
#define ERRATA_PROJECT_SCHEMA_VERSION 10

/* "ERRA" in ASCII: PRAGMA application_id, so that file(1) and Errata can
 * tell an Errata project from any other SQLite database. */
#define ERRATA_PROJECT_APPLICATION_ID 0x45525241

/* The page size of a new project file, in bytes; an existing file keeps
 * the one it was made with. */
#define ERRATA_PROJECT_PAGE_SIZE 8192

typedef enum
{
  ERRATA_PROJECT_ERROR_FAILED,
  ERRATA_PROJECT_ERROR_NOT_FOUND,
  ERRATA_PROJECT_ERROR_EXISTS,
  ERRATA_PROJECT_ERROR_NOT_SQLITE,
  ERRATA_PROJECT_ERROR_NOT_ERRATA,
  ERRATA_PROJECT_ERROR_TOO_NEW,
  ERRATA_PROJECT_ERROR_CORRUPT,
  ERRATA_PROJECT_ERROR_READ_ONLY,
  ERRATA_PROJECT_ERROR_CLOSED,
  ERRATA_PROJECT_ERROR_INVALID,
} ErrataProjectError;

typedef enum
{
  ERRATA_PROJECT_OPEN_NONE      = 0,
  ERRATA_PROJECT_OPEN_READ_ONLY = 1 << 0,
} ErrataProjectOpenFlags;

/* Every count says whose reviews it counts (DESIGN.md, "Labels"). */
typedef struct
{
  gint64 traces;
  gint64 annotated;    /* traces with a verdict from a review by anyone (not imported) */
  gint64 reviewed_by_you;  /* traces with the reviewer's own verdict (all reviews when unset) */
  gint64 imported;     /* traces with an imported verdict (labels, not reviews) */
  gint64 notes;        /* annotations with a non-empty note, imported ones too */
  gint64 passed;       /* pass verdicts of reviews (not imported) */
  gint64 failed;
  int    schema_version;
  gint64 file_size;    /* bytes, the main file plus its WAL */
} ErrataProjectInfo;

/* One human annotation of one trace. */
/* Where an annotation came from (DESIGN.md, "Labels"): a review made in
 * Errata, a verdict imported with a file, or a colleague's review merged
 * from their project. Only reviews made here count as "reviewed". */
typedef enum
{
  ERRATA_ORIGIN_HERE,
  ERRATA_ORIGIN_IMPORTED,
  ERRATA_ORIGIN_MERGED,
} ErrataAnnotationOrigin;

struct _ErrataAnnotation
{
  gint64         trace_id;
  char          *annotator;
  ErrataVerdict  verdict;
  char          *note;
  int            first_failure;   /* message index, or -1 when not marked */
  gint64         created_at;      /* microseconds since the epoch */
  gint64         updated_at;
  ErrataAnnotationOrigin origin;
};

/* Where a page of a query ended; pass it back to get the next page. */
typedef struct
{
  gboolean started;
  gboolean wrapped;   /* shuffle order: past the end, back from the start */
  gint64   key_int;
  double   key_real;
  gint64   id;
} ErrataTraceCursor;

/* What the project knows of a trace's size without reading the trace
 * (errata_project_get_trace_sizes): what an estimate needs. */
typedef struct
{
  gint64 id;
  gint64 input_chars;      /* of the stored input: its first 300 characters at most */
  gint64 output_chars;     /* of the whole output (the last assistant text) */
  gint64 messages_bytes;   /* the messages' JSON text */
  gint64 metadata_bytes;   /* the metadata's JSON text */
} ErrataTraceSizes;

/* How many ids errata_project_get_traces() and _get_trace_sizes() read
 * with one statement. */
#define ERRATA_PROJECT_TRACE_PAGE 64

G_DECLARE_FINAL_TYPE (ErrataProject, errata_project, ERRATA, PROJECT, GObject)

GQuark            errata_project_error_quark            (void);

ErrataProject    *errata_project_create                 (GFile                  *file,
                                                         GError                **error);
ErrataProject    *errata_project_open                   (GFile                  *file,
                                                         ErrataProjectOpenFlags  flags,
                                                         GError                **error);
void              errata_project_open_async             (GFile                  *file,
                                                         ErrataProjectOpenFlags  flags,
                                                         GCancellable           *cancellable,
                                                         GAsyncReadyCallback     callback,
                                                         gpointer                user_data);
ErrataProject    *errata_project_open_finish            (GAsyncResult           *result,
                                                         GError                **error);
void              errata_project_close                  (ErrataProject          *self);

GFile            *errata_project_get_file               (ErrataProject          *self);
gboolean          errata_project_is_read_only           (ErrataProject          *self);
GFile            *errata_project_get_upgrade_backup     (ErrataProject          *self);
int               errata_project_get_schema_version     (ErrataProject          *self);

gboolean          errata_project_begin                  (ErrataProject          *self,
                                                         GError                **error);
gboolean          errata_project_commit                 (ErrataProject          *self,
                                                         GError                **error);
void              errata_project_rollback               (ErrataProject          *self);

gboolean          errata_project_add_trace              (ErrataProject          *self,
                                                         ErrataTrace            *trace,
                                                         gboolean               *added,
                                                         GError                **error);
ErrataTrace      *errata_project_get_trace              (ErrataProject          *self,
                                                         gint64                  id,
                                                         GError                **error);
ErrataTrace      *errata_project_find_trace             (ErrataProject          *self,
                                                         const char             *source,
                                                         const char             *external_id,
                                                         GError                **error);
gboolean          errata_project_resolve_trace_id       (ErrataProject          *self,
                                                         const char             *reference,
                                                         gint64                 *trace_id,
                                                         GError                **error);
ErrataTrace      *errata_project_lookup_trace           (ErrataProject          *self,
                                                         const char             *reference,
                                                         GError                **error);
void              errata_project_set_reviewer           (ErrataProject          *self,
                                                         const char             *reviewer);
const char       *errata_project_get_reviewer           (ErrataProject          *self);
gboolean          errata_project_get_info               (ErrataProject          *self,
                                                         ErrataProjectInfo      *info,
                                                         GError                **error);

gboolean          errata_project_set_annotation         (ErrataProject          *self,
                                                         const ErrataAnnotation *annotation,
                                                         GError                **error);
ErrataAnnotation *errata_project_get_annotation         (ErrataProject          *self,
                                                         gint64                  trace_id,
                                                         const char             *annotator,
                                                         GError                **error);
GPtrArray        *errata_project_list_annotations       (ErrataProject          *self,
                                                         gint64                  trace_id,
                                                         GError                **error);

GPtrArray        *errata_project_query_traces           (ErrataProject          *self,
                                                         ErrataTraceQuery       *query,
                                                         ErrataTraceCursor      *cursor,
                                                         guint                   limit,
                                                         GError                **error);
GArray           *errata_project_query_trace_ids        (ErrataProject          *self,
                                                         ErrataTraceQuery       *query,
                                                         GCancellable           *cancellable,
                                                         GError                **error);
void              errata_project_query_trace_ids_async  (ErrataProject          *self,
                                                         ErrataTraceQuery       *query,
                                                         GCancellable           *cancellable,
                                                         GAsyncReadyCallback     callback,
                                                         gpointer                user_data);
GArray           *errata_project_query_trace_ids_finish (ErrataProject          *self,
                                                         GAsyncResult           *result,
                                                         GError                **error);
GPtrArray        *errata_project_get_traces             (ErrataProject          *self,
                                                         const gint64           *ids,
                                                         guint                   n_ids,
                                                         GError                **error);
GArray           *errata_project_get_trace_sizes        (ErrataProject          *self,
                                                         const gint64           *ids,
                                                         guint                   n_ids,
                                                         GError                **error);
GPtrArray        *errata_project_get_trace_summaries    (ErrataProject          *self,
                                                         const gint64           *ids,
                                                         guint                   n_ids,
                                                         GError                **error);
gint64            errata_project_count_traces           (ErrataProject          *self,
                                                         ErrataTraceQuery       *query,
                                                         GError                **error);
void              errata_project_count_traces_async     (ErrataProject          *self,
                                                         ErrataTraceQuery       *query,
                                                         guint                   cap,
                                                         GCancellable           *cancellable,
                                                         GAsyncReadyCallback     callback,
                                                         gpointer                user_data);
gint64            errata_project_count_traces_finish    (ErrataProject          *self,
                                                         GAsyncResult           *result,
                                                         GError                **error);

char             *errata_project_get_meta               (ErrataProject          *self,
                                                         const char             *key);
gboolean          errata_project_set_meta               (ErrataProject          *self,
                                                         const char             *key,
                                                         const char             *value,
                                                         GError                **error);

const char       *errata_annotation_origin_to_string   (ErrataAnnotationOrigin  origin);
ErrataAnnotationOrigin errata_annotation_origin_from_string (const char      *text);
ErrataAnnotation *errata_annotation_new                 (gint64                  trace_id,
                                                         const char             *annotator);
void              errata_annotation_free                (ErrataAnnotation       *annotation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataAnnotation, errata_annotation_free)

G_END_DECLS
