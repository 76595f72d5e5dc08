/* errata-evaluators.h: evaluators and their versions in a project.
 *
 * An evaluator measures one target with one kind of method: "judge" (an
 * LLM judge), "command" (an external command) or one of the code checks.
 * Its definition (the kind's parameters, or the judge's prompt and model)
 * lives in versions: saving a changed definition makes a new version once
 * the latest one has run or is finalized; a version that has run never
 * changes, so every verdict can be traced to the exact definition that
 * gave it. Few-shot examples may only come from the target's train split.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "errata-eval-types.h"
#include "errata-project.h"

G_BEGIN_DECLS

#define ERRATA_EVALUATOR_KIND_JUDGE   "judge"
#define ERRATA_EVALUATOR_KIND_COMMAND "command"

typedef struct
{
  gint64  id;
  char   *name;
  gint64  target;       /* ERRATA_TARGET_OVERALL or a failure mode id */
  char   *kind;
  gint64  created_at;   /* microseconds since the epoch */
} ErrataEvaluator;

typedef struct
{
  gint64      id;
  gint64      evaluator_id;
  guint       number;       /* 1, 2, … within its evaluator */
  JsonObject *definition;   /* the kind's parameters; never NULL */
  GArray     *few_shot;     /* of gint64 trace ids (project ids) */
  gint64      created_at;
  gint64      locked_at;    /* 0 until finalized */
  guint       n_runs;       /* runs of this version, any status */
} ErrataEvaluatorVersion;

/* A test run is a look at the test split: the first is the measurement,
 * any later one was forced, with a reason, and is reported forever. */
typedef struct
{
  gint64  run_id;
  guint   version;
  gint64  started_at;
  char   *forced_reason;    /* NULL for the first look */
} ErrataTestLook;

ErrataEvaluator        *errata_evaluators_create          (ErrataProject          *project,
                                                           const char             *name,
                                                           gint64                  target,
                                                           const char             *kind,
                                                           JsonObject             *definition,
                                                           GArray                 *few_shot,
                                                           GError                **error);
GPtrArray              *errata_evaluators_list            (ErrataProject          *project,
                                                           GError                **error);
ErrataEvaluator        *errata_evaluators_find            (ErrataProject          *project,
                                                           const char             *name,
                                                           GError                **error);
ErrataEvaluator        *errata_evaluators_get             (ErrataProject          *project,
                                                           gint64                  evaluator_id,
                                                           GError                **error);
gboolean                errata_evaluators_rename          (ErrataProject          *project,
                                                           gint64                  evaluator_id,
                                                           const char             *name,
                                                           GError                **error);
ErrataEvaluatorVersion *errata_evaluators_get_version     (ErrataProject          *project,
                                                           gint64                  evaluator_id,
                                                           guint                   number,
                                                           GError                **error);
ErrataEvaluatorVersion *errata_evaluators_get_version_by_id (ErrataProject        *project,
                                                           gint64                  version_id,
                                                           GError                **error);
GPtrArray              *errata_evaluators_list_versions   (ErrataProject          *project,
                                                           gint64                  evaluator_id,
                                                           GError                **error);
ErrataEvaluatorVersion *errata_evaluators_save            (ErrataProject          *project,
                                                           gint64                  evaluator_id,
                                                           JsonObject             *definition,
                                                           GArray                 *few_shot,
                                                           GError                **error);
gboolean                errata_evaluators_finalize        (ErrataProject          *project,
                                                           gint64                  version_id,
                                                           GError                **error);
gboolean                errata_evaluators_check_few_shot  (ErrataProject          *project,
                                                           gint64                  target,
                                                           GArray                 *few_shot,
                                                           GError                **error);
GPtrArray              *errata_evaluators_list_test_looks (ErrataProject          *project,
                                                           gint64                  evaluator_id,
                                                           GError                **error);

JsonNode               *errata_evaluators_export_json     (ErrataProject          *project,
                                                           const ErrataEvaluator  *evaluator,
                                                           const ErrataEvaluatorVersion *version,
                                                           GError                **error);
ErrataEvaluator        *errata_evaluators_import_json     (ErrataProject          *project,
                                                           JsonNode               *node,
                                                           gboolean               *new_version,
                                                           GError                **error);

void                    errata_evaluator_free             (ErrataEvaluator        *evaluator);
void                    errata_evaluator_version_free     (ErrataEvaluatorVersion *version);
void                    errata_test_look_free             (ErrataTestLook         *look);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataEvaluator, errata_evaluator_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataEvaluatorVersion, errata_evaluator_version_free)

G_END_DECLS
