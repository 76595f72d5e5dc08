/* errata-experiment.h: experiments, their queries and their variants as
 * stored in a project (issue 20, "Improve").
 *
 * An experiment is a fixed set of queries and two or more variants of the
 * user's system. The queries are taken once, when the experiment is made:
 *
 *   "synthetic"   the accepted synthetic queries (with their dimensions);
 *   "mode:NAME"   the inputs of the traces in failure mode NAME (a trace is
 *                 in the mode when its ground truth fails the mode), replayed:
 *                 the trace's first user message, else its input;
 *   "file:PATH"   a file: JSON Lines ({"query": "…", "dimensions": {…}}, or
 *                 {"input": "…"}, a chat record's "messages" (the first user
 *                 message), or a JSON string per line) or plain text, one
 *                 query per line.
 *
 * A variant is a synthetic-data target (errata-synth-target.h) with its
 * parameters. A variant made "from" another copies the other's definition
 * and sets the given members on top: the members that differ are what the
 * variant tries (`changes`). Every query runs `repeats` times per variant
 * (K repeats, for systems that answer differently each time).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "errata-project.h"

G_BEGIN_DECLS

#define ERRATA_EXPERIMENT_ERROR (errata_experiment_error_quark ())

typedef enum
{
  ERRATA_EXPERIMENT_ERROR_INVALID,    /* a name, query source, target or option that makes no sense */
  ERRATA_EXPERIMENT_ERROR_NOT_FOUND,  /* no such experiment, variant or failure mode */
  ERRATA_EXPERIMENT_ERROR_EXISTS,     /* the name is taken */
  ERRATA_EXPERIMENT_ERROR_EMPTY,      /* the query source gave no query */
  ERRATA_EXPERIMENT_ERROR_NOT_RUN,    /* a variant without replies (or scores) to compare */
} ErrataExperimentError;

/* The source of an experiment's trace tag (metadata.experiment) and of
 * the traces its runs make. */
#define ERRATA_EXPERIMENT_TRACE_SOURCE "experiment"

typedef struct
{
  gint64  id;
  char   *name;
  char   *query_source;   /* "synthetic", "mode:NAME" or "file:NAME" as given */
  guint   repeats;        /* K: replies per (variant, query), ≥ 1 */
  guint   n_queries;
  guint   n_variants;
  gint64  created_at;     /* seconds since the epoch */
} ErrataExperiment;

typedef struct
{
  gint64      id;
  char       *text;
  JsonObject *dimensions;       /* never NULL; empty unless synthetic */
  gint64      synth_query_id;   /* 0 unless synthetic (or the query was deleted) */
  gint64      source_trace_id;  /* 0 unless replayed (or the trace was deleted) */
} ErrataExperimentQuery;

typedef struct
{
  gint64      id;
  gint64      experiment_id;
  char       *name;
  JsonObject *target;        /* the synthetic-data target definition */
  gint64      parent_id;     /* the variant it was made from, 0 if none (or deleted) */
  char       *parent_name;   /* NULL when parent_id is 0 */
  char      **changes;       /* the target's members that differ from the parent's; empty if none */
  guint       n_replies;     /* (query, repeat) pairs with a reply stored as a trace */
  guint       n_failed;      /* pairs whose last call failed (they run again) */
  guint       n_expected;    /* queries × repeats */
  gint64      created_at;
} ErrataExperimentVariant;

GQuark                   errata_experiment_error_quark (void);

/* `repeats` 0 means 1. Fails with EMPTY when the source gives no query,
 * with EXISTS when the name is taken. One transaction. */
ErrataExperiment        *errata_experiment_create      (ErrataProject  *project,
                                                        const char     *name,
                                                        const char     *query_source,
                                                        guint           repeats,
                                                        GError        **error);
/* Of ErrataExperiment, by name. */
GPtrArray               *errata_experiment_list        (ErrataProject  *project,
                                                        GError        **error);
ErrataExperiment        *errata_experiment_find        (ErrataProject  *project,
                                                        const char     *name,
                                                        GError        **error);
ErrataExperiment        *errata_experiment_get         (ErrataProject  *project,
                                                        gint64          experiment_id,
                                                        GError        **error);
/* The experiment, its queries, variants and reply links; the traces stay
 * (delete them as traces: errata-trace-deletion.h). */
gboolean                 errata_experiment_delete      (ErrataProject  *project,
                                                        gint64          experiment_id,
                                                        GError        **error);
/* Of ErrataExperimentQuery, in the order they were taken. */
GPtrArray               *errata_experiment_list_queries (ErrataProject *project,
                                                        gint64          experiment_id,
                                                        GError        **error);

/* A variant from a target definition, or, with `from_name`, the variant
 * `from_name`'s definition with the members of `target` set on top
 * (`target` may then be NULL or empty: a plain copy). The definition is
 * checked as a target (errata_synth_target_new) before it is stored. */
ErrataExperimentVariant *errata_experiment_variant_create (ErrataProject *project,
                                                        gint64          experiment_id,
                                                        const char     *name,
                                                        JsonObject     *target,
                                                        const char     *from_name,
                                                        GError        **error);
/* Of ErrataExperimentVariant, in the order they were made (the first is
 * the usual baseline). */
GPtrArray               *errata_experiment_list_variants (ErrataProject *project,
                                                        gint64          experiment_id,
                                                        GError        **error);
ErrataExperimentVariant *errata_experiment_find_variant (ErrataProject *project,
                                                        gint64          experiment_id,
                                                        const char     *name,
                                                        GError        **error);
ErrataExperimentVariant *errata_experiment_get_variant (ErrataProject  *project,
                                                        gint64          variant_id,
                                                        GError        **error);
/* The variant and its reply links (the traces stay). */
gboolean                 errata_experiment_delete_variant (ErrataProject *project,
                                                        gint64          variant_id,
                                                        GError        **error);

void errata_experiment_free         (ErrataExperiment        *experiment);
void errata_experiment_query_free   (ErrataExperimentQuery   *query);
void errata_experiment_variant_free (ErrataExperimentVariant *variant);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataExperiment, errata_experiment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataExperimentQuery, errata_experiment_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataExperimentVariant, errata_experiment_variant_free)

G_END_DECLS
