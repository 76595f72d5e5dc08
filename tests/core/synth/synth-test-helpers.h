/* synth-test-helpers.h: a project with dimensions, tuples and accepted
 * queries, shared by the synthetic data tests.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-test-utils.h"
#include "errata-synth-dimensions.h"
#include "errata-synth-queries.h"
#include "errata-synth-run.h"
#include "errata-synth-tuples.h"

static const char synth_dimensions_json[] =
  "{\"dimensions\": ["
  " {\"name\": \"persona\", \"description\": \"who asks\","
  "  \"values\": [{\"value\": \"first-time buyer\", \"description\": \"nervous, new to it\"},"
  "             \"investor\", \"renter\"]},"
  " {\"name\": \"feature\", \"values\": [\"search\", \"mortgage\"]},"
  " {\"name\": \"scenario\", \"values\": [\"clear\", \"vague\"]}"
  "]}";

static inline GPtrArray *
synth_test_dimensions (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *dimensions = errata_synth_dimensions_from_json (synth_dimensions_json, -1, &error);

  g_assert_no_error (error);
  return dimensions;
}

/* Every combination (12 tuples), one typed query each, all accepted. The
 * query of tuple i is "query i about SCENARIO"; `mark` (nullable) is
 * appended to the queries of tuples whose index is in `marked` (a
 * NULL-terminated list of indices + 1, 0 ends). */
static inline void
synth_test_fill (ErrataProject *project,
                 const char    *mark,
                 const guint   *marked)
{
  g_autoptr(GPtrArray) dimensions = synth_test_dimensions ();
  g_autoptr(GPtrArray) combos = NULL;
  g_autoptr(GPtrArray) tuples = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  guint added = 0;

  g_assert_true (errata_synth_dimensions_save (project, dimensions, &error));
  g_assert_no_error (error);
  combos = errata_synth_tuples_all (dimensions, 100, &error);
  g_assert_no_error (error);
  g_assert_true (errata_synth_tuples_add (project, combos, ERRATA_SYNTH_ORIGIN_ALL, &added, &error));
  g_assert_cmpuint (added, ==, 12);
  tuples = errata_synth_tuples_list (project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < tuples->len; i++)
    {
      ErrataSynthTuple *tuple = g_ptr_array_index (tuples, i);
      gboolean is_marked = FALSE;
      g_autofree char *text = NULL;
      const char *texts[2] = { NULL, NULL };

      for (guint m = 0; marked != NULL && marked[m] != 0; m++)
        is_marked |= marked[m] == i + 1;
      text = g_strdup_printf ("query %u about %s%s%s", i + 1,
                              json_object_get_string_member (tuple->dimensions, "scenario"),
                              is_marked ? " " : "", is_marked ? mark : "");
      texts[0] = text;
      g_assert_true (errata_synth_queries_add (project, tuple->id, texts, TRUE, NULL, &error));
      g_assert_no_error (error);
    }
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, &error);
  for (guint i = 0; i < queries->len; i++)
    g_array_append_val (ids, ((ErrataSynthQuery *)g_ptr_array_index (queries, i))->id);
  g_assert_true (errata_synth_queries_set_state (project, (gint64 *)ids->data, ids->len,
                                                 ERRATA_SYNTH_QUERY_ACCEPTED, &error));
  g_assert_no_error (error);
}

typedef struct
{
  GAsyncResult         *result;
  ErrataSynthRunResult  last;
  guint                 n_progress;
  GCancellable         *cancel_at;    /* cancelled once `cancel_after` calls are back */
  guint                 cancel_after;
} SynthRunWait;

static inline void
synth_test_on_progress (const ErrataSynthRunResult *so_far,
                        gpointer                    data)
{
  SynthRunWait *wait = data;

  wait->last = *so_far;
  wait->n_progress++;
  if (wait->cancel_at != NULL && so_far->done >= wait->cancel_after)
    g_cancellable_cancel (wait->cancel_at);
}

/* Runs the accepted queries without a trace through `target`. */
static inline gboolean
synth_test_run (ErrataProject        *project,
                ErrataSynthTarget    *target,
                SynthRunWait         *wait,
                GCancellable         *cancellable,
                ErrataSynthRunResult *out,
                GError              **error)
{
  gboolean ok;

  errata_synth_run_async (project, target, synth_test_on_progress, wait, cancellable,
                          errata_test_on_result, &wait->result);
  errata_test_wait_for_result (&wait->result);
  ok = errata_synth_run_finish (wait->result, out, error);
  g_clear_object (&wait->result);
  return ok;
}

static inline ErrataSynthTarget *
synth_test_target (const char *json,
                   const char *project_id)
{
  g_autoptr(GError) error = NULL;
  ErrataSynthTarget *target = errata_synth_target_new_from_text (json, project_id, &error);

  g_assert_no_error (error);
  errata_synth_target_set_retry_delays (target, 10, 50);
  return target;
}
