/* errata-types.h: forward typedefs and enums shared across the core.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ErrataProject      ErrataProject;
typedef struct _ErrataTrace        ErrataTrace;
typedef struct _ErrataTraceQuery   ErrataTraceQuery;
typedef struct _ErrataAnnotation   ErrataAnnotation;
typedef struct _ErrataImporter     ErrataImporter;
typedef struct _ErrataImportReport ErrataImportReport;

/* A human's pass/fail judgement of a trace (open coding). */
typedef enum
{
  ERRATA_VERDICT_UNSET,
  ERRATA_VERDICT_PASS,
  ERRATA_VERDICT_FAIL,
} ErrataVerdict;

/* Whose reviews a trace list is filtered by. "Me" is the project's
 * reviewer (errata_project_set_reviewer()), or anyone reviewing here when
 * none is set. Imported labels are never reviews (DESIGN.md, "Labels"). */
typedef enum
{
  ERRATA_REVIEW_FILTER_ANY,
  ERRATA_REVIEW_FILTER_UNREVIEWED,      /* no verdict of mine: my queue */
  ERRATA_REVIEW_FILTER_PASS,            /* I passed it */
  ERRATA_REVIEW_FILTER_FAIL,            /* I failed it */
  ERRATA_REVIEW_FILTER_BY_ME,
  ERRATA_REVIEW_FILTER_BY_OTHERS,       /* another reviewer gave a verdict */
  ERRATA_REVIEW_FILTER_BY_NOBODY,       /* no review by anyone (labels may exist) */
} ErrataReviewFilter;

/* The flashlight metrics a trace list can be sorted by. */
typedef enum
{
  ERRATA_TRACE_SORT_IMPORT_ORDER,
  ERRATA_TRACE_SORT_MESSAGES,
  ERRATA_TRACE_SORT_TOOL_CALLS,
  ERRATA_TRACE_SORT_OUTPUT_LENGTH,
  ERRATA_TRACE_SORT_LATENCY,
  ERRATA_TRACE_SORT_TOKENS,
  ERRATA_TRACE_SORT_COST,
  ERRATA_TRACE_SORT_SHUFFLE,
  ERRATA_TRACE_SORT_METADATA,   /* by the value of a metadata key: errata_trace_query_set_sort_key () */
} ErrataTraceSort;

typedef enum
{
  ERRATA_IMPORT_FORMAT_AUTO,
  ERRATA_IMPORT_FORMAT_OPENAI,
  ERRATA_IMPORT_FORMAT_REQUEST_RESPONSE,
  ERRATA_IMPORT_FORMAT_MAPPED,
  ERRATA_IMPORT_FORMAT_OTEL,
  ERRATA_IMPORT_FORMAT_LANGFUSE,
} ErrataImportFormat;

const char    *errata_verdict_to_string (ErrataVerdict verdict);
ErrataVerdict  errata_verdict_from_string (const char *str);

G_END_DECLS
