/* errata-synth-types.h: the words of synthetic data, shared by dimensions,
 * tuples, queries, targets, runs and the breakdown.
 *
 * A *dimension* is one way user queries differ (persona, feature,
 * scenario), with a handful of *values*. A *tuple* takes one value per
 * dimension. A *query* is what a user with that tuple would type, written
 * by an LLM (or typed) and then accepted or rejected by a person. Accepted
 * queries run through the user's own system (a *target*) in a *batch*;
 * each reply becomes a trace.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ERRATA_SYNTH_ERROR (errata_synth_error_quark ())

typedef enum
{
  ERRATA_SYNTH_ERROR_INVALID,      /* a dimensions file, target or value that makes no sense */
  ERRATA_SYNTH_ERROR_TOO_MANY,     /* more tuples or queries than the limit allows */
  ERRATA_SYNTH_ERROR_NOT_FOUND,    /* no such tuple, query or batch */
  ERRATA_SYNTH_ERROR_NOT_TRUSTED,  /* a command target from a project this machine does not trust */
  ERRATA_SYNTH_ERROR_FAILED,       /* the target's call failed (its message says how) */
} ErrataSynthError;

/* The most tuples one request may make, unless the caller says otherwise. */
#define ERRATA_SYNTH_DEFAULT_LIMIT 1000

/* Where a tuple came from. */
typedef enum
{
  ERRATA_SYNTH_ORIGIN_ALL,      /* every combination */
  ERRATA_SYNTH_ORIGIN_SAMPLED,  /* a seeded sample covering each value */
  ERRATA_SYNTH_ORIGIN_LLM,      /* proposed by the LLM */
  ERRATA_SYNTH_ORIGIN_TYPED,    /* typed by a person */
} ErrataSynthOrigin;

typedef enum
{
  ERRATA_SYNTH_QUERY_DRAFT,
  ERRATA_SYNTH_QUERY_ACCEPTED,
  ERRATA_SYNTH_QUERY_REJECTED,
} ErrataSynthQueryState;

typedef struct
{
  char *value;
  char *description;   /* "" when none */
} ErrataSynthValue;

typedef struct
{
  char      *name;
  char      *description;
  GPtrArray *values;   /* of ErrataSynthValue */
} ErrataSynthDimension;

typedef struct
{
  gint64             id;
  ErrataSynthOrigin  origin;
  JsonObject        *dimensions;   /* dimension name → value */
} ErrataSynthTuple;

typedef struct
{
  gint64                 id;
  gint64                 tuple_id;
  char                  *text;
  gboolean               typed;      /* FALSE: written by the LLM */
  ErrataSynthQueryState  state;
  char                  *error;      /* nullable: the last failed call */
  gint64                 trace_id;   /* 0: no trace yet */
  gint64                 batch_id;   /* 0: never run */
  JsonObject            *dimensions; /* the tuple's, for convenience */
} ErrataSynthQuery;

GQuark                 errata_synth_error_quark         (void);

ErrataSynthValue      *errata_synth_value_new           (const char            *value,
                                                         const char            *description);
void                   errata_synth_value_free          (ErrataSynthValue      *self);
ErrataSynthDimension  *errata_synth_dimension_new       (const char            *name,
                                                         const char            *description);
void                   errata_synth_dimension_free      (ErrataSynthDimension  *self);
void                   errata_synth_tuple_free          (ErrataSynthTuple      *self);
void                   errata_synth_query_free          (ErrataSynthQuery      *self);

const char            *errata_synth_origin_to_string    (ErrataSynthOrigin      origin);
gboolean               errata_synth_origin_from_string  (const char            *text,
                                                         ErrataSynthOrigin     *origin);
const char            *errata_synth_state_to_string     (ErrataSynthQueryState  state);
gboolean               errata_synth_state_from_string   (const char            *text,
                                                         ErrataSynthQueryState *state);

/* The canonical text of a tuple's values, in the dimensions' order: two
 * tuples are the same when their keys are. */
char                  *errata_synth_tuple_key           (JsonObject            *dimensions);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataSynthDimension, errata_synth_dimension_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataSynthTuple, errata_synth_tuple_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataSynthQuery, errata_synth_query_free)

G_END_DECLS
