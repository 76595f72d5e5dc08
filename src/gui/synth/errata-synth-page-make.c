/* errata-synth-page-make.c: the Synthetic Data page makes tuples (a
 * sample, every combination, or the LLM's) and has the LLM write queries,
 * with progress and Cancel. The LLM is the workspace's (Preferences).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-page-private.h"

#include <glib/gi18n.h>

#include "errata-synth-dimensions.h"
#include "errata-synth-generate.h"
#include "errata-synth-tuples.h"

static void
store_tuples (ErrataSynthPage   *self,
              GPtrArray         *tuples,
              ErrataSynthOrigin  origin,
              guint              dropped)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint added = 0;

  if (!errata_synth_tuples_add (_errata_synth_page_get_project (self), tuples, origin, &added,
                                &error))
    {
      _errata_synth_page_say (self, error->message);
      return;
    }
  /* Translators: "30 tuples, 28 new (1 dropped: repeated or with unknown values)." */
  text = dropped > 0 ? g_strdup_printf (_("%u tuples, %u new (%u dropped: repeated or with "
                                          "unknown values)."), tuples->len, added, dropped)
                     : g_strdup_printf (_("%u tuples, %u new."), tuples->len, added);
  _errata_synth_page_say (self, text);
  errata_synth_page_reload (self);
}

static GPtrArray *
load_dimensions (ErrataSynthPage *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *dimensions = errata_synth_dimensions_load (_errata_synth_page_get_project (self),
                                                        &error);

  if (dimensions == NULL)
    _errata_synth_page_say (self, error->message);
  return dimensions;
}

static void
combinatorial_tuples (ErrataSynthPage *self,
                      gboolean         all)
{
  g_autoptr(GPtrArray) dimensions = load_dimensions (self);
  g_autoptr(GPtrArray) tuples = NULL;
  g_autoptr(GError) error = NULL;
  guint n = gtk_spin_button_get_value_as_int (self->tuples_spin);

  if (dimensions == NULL)
    return;
  /* Asking for as many tuples as there are combinations, or more, is
   * asking for every combination (3 × 3 × 3 dimensions and the default 30). */
  if (!all && n >= errata_synth_dimensions_n_combinations (dimensions))
    all = TRUE;
  /* The seed is the page's: the same seed repeats a sample (as the CLI's
   * --seed does), and it moves on after each Sample so that pressing
   * Sample again gives other tuples. */
  tuples = all ? errata_synth_tuples_all (dimensions, ERRATA_SYNTH_DEFAULT_LIMIT, &error)
               : errata_synth_tuples_sample (dimensions, n,
                                             gtk_spin_button_get_value_as_int (self->seed_spin),
                                             ERRATA_SYNTH_DEFAULT_LIMIT, &error);
  if (!all && tuples != NULL)
    gtk_spin_button_spin (self->seed_spin, GTK_SPIN_STEP_FORWARD, 1);
  if (tuples == NULL)
    {
      _errata_synth_page_say (self, error->message);
      return;
    }
  store_tuples (self, tuples, all ? ERRATA_SYNTH_ORIGIN_ALL : ERRATA_SYNTH_ORIGIN_SAMPLED, 0);
}

static void
sample_tuples_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  combinatorial_tuples (ERRATA_SYNTH_PAGE (widget), FALSE);
}

static void
all_tuples_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  combinatorial_tuples (ERRATA_SYNTH_PAGE (widget), TRUE);
}

/* The LLM's work -------------------------------------------------------- */

typedef struct
{
  ErrataSynthPage *self;
  GCancellable    *cancellable;
  gboolean         queries;     /* else tuples */
  GPtrArray       *dimensions;
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->self);
  g_object_unref (job->cancellable);
  g_ptr_array_unref (job->dimensions);
  g_free (job);
}

static gboolean
job_end (Job *job)
{
  gboolean alive = gtk_widget_get_root (GTK_WIDGET (job->self)) != NULL;

  if (alive)
    _errata_synth_page_set_busy (job->self, NULL);
  return alive;
}

static void
on_tuples (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GPtrArray) tuples = NULL;
  g_autoptr(GError) error = NULL;
  guint dropped = 0;

  tuples = errata_synth_generate_tuples_finish (result, &dropped, &error);
  if (job_end (job))
    {
      if (tuples == NULL)
        _errata_synth_page_say (job->self, error->message);
      else
        store_tuples (job->self, tuples, ERRATA_SYNTH_ORIGIN_LLM, dropped);
    }
  job_free (job);
}

static void
on_queries_progress (guint    done,
                     guint    total,
                     gpointer user_data)
{
  ErrataSynthPage *self = user_data;
  g_autofree char *text = NULL;

  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  /* Translators: "12 of 30 tuples". */
  text = g_strdup_printf (_("%u of %u tuples"), done, total);
  errata_run_progress_update (self->run_progress, total > 0 ? (double)done / total : 1, text);
}

static void
on_queries (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;
  guint failed = 0, added;

  added = errata_synth_generate_queries_finish (result, &failed, &message, &error);
  if (job_end (job))
    {
      if (error != NULL)
        text = g_strdup (error->message);
      else if (failed > 0)
        /* Translators: "Wrote 56 draft queries; 2 tuples got none: …". */
        text = g_strdup_printf (_("Wrote %u draft queries; %u tuples got none: %s"), added,
                                failed, message);
      else
        text = g_strdup_printf (_("Wrote %u draft queries."), added);
      _errata_synth_page_say (job->self, text);
      errata_synth_page_reload (job->self);
    }
  job_free (job);
}

static void
on_client (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Job *job = user_data;
  ErrataSynthPage *self = job->self;
  g_autoptr(ErrataLlmClient) client = NULL;
  g_autoptr(GPtrArray) tuples = NULL;
  g_autoptr(GError) error = NULL;

  client = errata_workspace_load_llm_client_finish (result, &error);
  if (client != NULL && g_cancellable_set_error_if_cancelled (job->cancellable, &error))
    g_clear_object (&client);
  if (client != NULL && job->queries)
    tuples = errata_synth_tuples_list (_errata_synth_page_get_project (self), &error);
  if (client == NULL || (job->queries && tuples == NULL))
    {
      if (job_end (job))
        _errata_synth_page_say (self, error->message);
      job_free (job);
      return;
    }
  /* No consent asked (issue 21's consent covers trace text): only the
   * dimensions and tuples the user typed or sampled go to the LLM. */
  if (job->queries)
    errata_synth_generate_queries_async (client, _errata_synth_page_get_project (self),
                                         job->dimensions, tuples,
                                         gtk_spin_button_get_value_as_int (self->queries_spin),
                                         ERRATA_SYNTH_DEFAULT_LIMIT * 10, on_queries_progress,
                                         self, job->cancellable, on_queries, job);
  else
    errata_synth_generate_tuples_async (client, job->dimensions,
                                        gtk_spin_button_get_value_as_int (self->tuples_spin),
                                        ERRATA_SYNTH_DEFAULT_LIMIT, job->cancellable, on_tuples,
                                        job);
}

static void
start_llm_job (ErrataSynthPage *self,
               gboolean         queries)
{
  g_autoptr(ErrataWorkspace) workspace = NULL;
  GPtrArray *dimensions = load_dimensions (self);
  Job *job;

  if (dimensions == NULL)
    return;
  job = g_new0 (Job, 1);
  job->self = g_object_ref (self);
  job->cancellable = g_cancellable_new ();
  job->queries = queries;
  job->dimensions = dimensions;
  _errata_synth_page_set_busy (self, job->cancellable);
  _errata_synth_page_say (self, queries ? _("The LLM is writing queries…") : _("The LLM is proposing tuples…"));
  g_object_get (self, "workspace", &workspace, NULL);
  errata_workspace_load_llm_client_async (workspace, on_client, job);
}

static void
llm_tuples_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  start_llm_job (ERRATA_SYNTH_PAGE (widget), FALSE);
}

static void
write_queries_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  start_llm_job (ERRATA_SYNTH_PAGE (widget), TRUE);
}

void
_errata_synth_page_class_add_making (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "synth.sample-tuples", NULL, sample_tuples_action);
  gtk_widget_class_install_action (widget_class, "synth.all-tuples", NULL, all_tuples_action);
  gtk_widget_class_install_action (widget_class, "synth.llm-tuples", NULL, llm_tuples_action);
  gtk_widget_class_install_action (widget_class, "synth.write-queries", NULL,
                                   write_queries_action);
}
