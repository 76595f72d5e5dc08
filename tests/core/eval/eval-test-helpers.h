/* eval-test-helpers.h: traces, reviews and modes for the label and split
 * tests, in a few lines each.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "errata-project-private.h"
#include "errata-taxonomy.h"
#include "errata-test-utils.h"

static inline gint64
eval_test_add_trace (ErrataProject *project,
                     const char    *source,
                     const char    *external_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTrace) trace = errata_test_new_trace (external_id, "question", "answer");

  errata_trace_set_source (trace, source);
  g_assert_true (errata_project_add_trace (project, trace, NULL, &error));
  g_assert_no_error (error);
  return errata_trace_get_id (trace);
}

/* A review (or an imported verdict) of a trace; note NULL for none. */
static inline void
eval_test_annotate (ErrataProject          *project,
                    gint64                  trace_id,
                    const char             *annotator,
                    ErrataVerdict           verdict,
                    const char             *note,
                    ErrataAnnotationOrigin  origin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (trace_id, annotator);

  annotation->verdict = verdict;
  g_free (annotation->note);
  annotation->note = g_strdup (note != NULL ? note : "");
  annotation->origin = origin;
  g_assert_true (errata_project_set_annotation (project, annotation, &error));
  g_assert_no_error (error);
}

static inline void
eval_test_exec (ErrataProject *project,
                const char    *sql)
{
  char *message = NULL;

  if (sqlite3_exec (_errata_project_get_db (project), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Puts the annotator's note on the trace into the mode. */
static inline void
eval_test_assign (ErrataProject *project,
                  gint64         trace_id,
                  const char    *annotator,
                  gint64         mode_id)
{
  char *sql = sqlite3_mprintf (
    "INSERT INTO assignments (annotation_id, failure_mode_id, created_at)"
    " SELECT id, %lld, 0 FROM annotations WHERE trace_id = %lld AND annotator = %Q",
    (long long)mode_id, (long long)trace_id, annotator);

  eval_test_exec (project, sql);
  sqlite3_free (sql);
}

static inline gint64
eval_test_add_mode (ErrataProject *project,
                    const char    *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTaxonomy) taxonomy = errata_taxonomy_new (project);
  gint64 id = errata_taxonomy_create_mode (taxonomy, name, "", NULL, 0, ERRATA_UNSORTED, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static inline ErrataProject *
eval_test_reopen (ErrataProject *project)
{
  g_autoptr(GFile) file = g_object_ref (errata_project_get_file (project));
  g_autoptr(GError) error = NULL;
  ErrataProject *reopened;

  errata_project_close (project);
  g_object_unref (project);
  reopened = errata_project_open (file, ERRATA_PROJECT_OPEN_NONE, &error);
  g_assert_no_error (error);
  return reopened;
}
