/* errata-synth-page.c
 *
 * The page reads everything from the core (src/core/synth) each time it is
 * shown; a run goes through errata_synth_run_async() with the project's
 * stored target, so the page and `errata-cli synth run` send the same
 * queries and store the same traces.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-synth-page.h"
#include "errata-synth-page-private.h"

#include <glib/gi18n.h>
#include <math.h>

#include "errata-synth-dimensions.h"
#include "errata-synth-queries.h"
#include "errata-synth-run.h"
#include "errata-synth-similarity.h"
#include "errata-synth-tuples.h"

G_DEFINE_FINAL_TYPE (ErrataSynthPage, errata_synth_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};


void
_errata_synth_page_say (ErrataSynthPage *self,
                        const char      *text)
{
  errata_run_progress_say (self->run_progress, text);
}

static GParamSpec *properties[N_PROPS];

static ErrataProject *
project_of (ErrataSynthPage *self)
{
  return errata_workspace_get_project (self->workspace);
}

ErrataProject *
_errata_synth_page_get_project (ErrataSynthPage *self)
{
  return project_of (self);
}

static GtkWidget *
cell_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Queries ------------------------------------------------------------------ */

static const char *
state_label (ErrataSynthQueryState state)
{
  switch (state)
    {
    case ERRATA_SYNTH_QUERY_ACCEPTED:
      return _("Accepted");
    case ERRATA_SYNTH_QUERY_REJECTED:
      return _("Rejected");
    case ERRATA_SYNTH_QUERY_DRAFT:
    default:
      return _("Draft");
    }
}

static GtkWidget *
query_row (ErrataSynthQuery *query,
           ErrataSynthQuery *similar,
           double            similarity)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = cell_label (query->text, NULL);
  GtkWidget *state = cell_label (state_label (query->state), "caption");

  gtk_label_set_width_chars (GTK_LABEL (state), 9);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_add_css_class (row, "synth-query");
  gtk_widget_add_css_class (row, errata_synth_state_to_string (query->state));
  gtk_box_append (GTK_BOX (box), state);
  gtk_box_append (GTK_BOX (box), text);
  if (similar != NULL)
    {
      /* Translators: a near-duplicate mark: "≈ 12", the id of the most similar query. */
      g_autofree char *mark = g_strdup_printf (_("≈ %" PRId64), similar->id);
      g_autofree char *tip = g_strdup_printf (_("%.0f%% of its word pairs are in query %" PRId64
                                                ": “%s”"), 100 * similarity, similar->id,
                                              similar->text);
      GtkWidget *near = cell_label (mark, "warning");

      gtk_widget_add_css_class (near, "synth-near-duplicate");
      gtk_widget_set_tooltip_text (near, tip);
      gtk_box_append (GTK_BOX (box), near);
    }
  if (query->error != NULL)
    {
      GtkWidget *error = cell_label (_("Failed"), "error");

      gtk_widget_set_tooltip_text (error, query->error);
      gtk_box_append (GTK_BOX (box), error);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "query-id", GINT_TO_POINTER ((int)query->id));
  g_object_set_data (G_OBJECT (row), "tuple-id", GINT_TO_POINTER ((int)query->tuple_id));
  g_object_set_data_full (G_OBJECT (row), "query-text", g_strdup (query->text), g_free);
  return row;
}

static void
show_queries (ErrataSynthPage *self,
              GPtrArray       *queries)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GArray) near = NULL;
  g_autofree char *title = NULL;
  guint accepted = 0, rejected = 0;
  GtkWidget *child;

  self->last_batch = 0;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->queries_list))) != NULL)
    gtk_list_box_remove (self->queries_list, child);
  for (guint i = 0; i < queries->len; i++)
    {
      ErrataSynthQuery *query = g_ptr_array_index (queries, i);

      g_ptr_array_add (texts, query->text);
      if (query->trace_id > 0)
        self->last_batch = MAX (self->last_batch, query->batch_id);
      accepted += query->state == ERRATA_SYNTH_QUERY_ACCEPTED;
      rejected += query->state == ERRATA_SYNTH_QUERY_REJECTED;
    }
  g_ptr_array_add (texts, NULL);
  near = errata_synth_near_duplicates ((const char * const *)texts->pdata, ERRATA_SYNTH_NGRAM,
                                       ERRATA_SYNTH_NEAR_THRESHOLD);
  for (guint i = 0; i < queries->len; i++)
    {
      ErrataSynthNear *n = &g_array_index (near, ErrataSynthNear, i);

      gtk_list_box_append (self->queries_list,
                           query_row (g_ptr_array_index (queries, i),
                                      n->other >= 0 ? g_ptr_array_index (queries, n->other) : NULL,
                                      n->similarity));
    }
  /* Translators: "Queries: 60 · 55 accepted · 5 rejected". */
  title = g_strdup_printf (_("Queries: %u · %u accepted · %u rejected"), queries->len, accepted,
                           rejected);
  gtk_label_set_text (self->queries_title, title);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "synth.open-batch", self->last_batch > 0);
}

/* Reload ------------------------------------------------------------------- */

void
errata_synth_page_reload (ErrataSynthPage *self)
{
  ErrataProject *project;
  g_autoptr(GPtrArray) dimensions = NULL;
  g_autoptr(GPtrArray) tuples = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ERRATA_IS_SYNTH_PAGE (self));

  project = project_of (self);
  if ((dimensions = errata_synth_dimensions_load (project, &error)) == NULL
      || (tuples = errata_synth_tuples_list (project, &error)) == NULL
      || (queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, &error)) == NULL)
    {
      _errata_synth_page_say (self, error->message);
      return;
    }
  _errata_synth_page_show_tuples (self, dimensions, tuples, queries);
  show_queries (self, queries);
  _errata_synth_page_show_heat_map (self);
}

/* Actions ------------------------------------------------------------------ */

static void
set_selected_state (ErrataSynthPage       *self,
                    ErrataSynthQueryState  state)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->queries_list);
  g_autoptr(GError) error = NULL;
  gint64 id;
  int index;

  if (row == NULL)
    return;
  id = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "query-id"));
  index = gtk_list_box_row_get_index (row);
  if (!errata_synth_queries_set_state (project_of (self), &id, 1, state, &error))
    {
      _errata_synth_page_say (self, error->message);
      return;
    }
  errata_synth_page_reload (self);
  /* On to the next query, as a reviewer's queue goes. */
  _errata_synth_page_select_query_at (self, index + 1);
}

void
_errata_synth_page_select_query_at (ErrataSynthPage *self,
                                    int              index)
{
  GtkListBoxRow *row = NULL;

  for (; index >= 0 && row == NULL; index--)
    row = gtk_list_box_get_row_at_index (self->queries_list, index);
  if (row != NULL)
    {
      gtk_list_box_select_row (self->queries_list, row);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  set_selected_state (ERRATA_SYNTH_PAGE (widget), ERRATA_SYNTH_QUERY_ACCEPTED);
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  set_selected_state (ERRATA_SYNTH_PAGE (widget), ERRATA_SYNTH_QUERY_REJECTED);
}

static void
set_running (ErrataSynthPage *self,
             gboolean         running)
{
  static const char * const busy_actions[] = {
    "synth.run", "synth.sample-tuples", "synth.llm-tuples", "synth.all-tuples",
    "synth.write-queries",
  };

  for (guint i = 0; i < G_N_ELEMENTS (busy_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), busy_actions[i], !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "synth.cancel", running);
}

void
_errata_synth_page_set_busy (ErrataSynthPage *self,
                             GCancellable    *cancellable)
{
  if (cancellable != NULL)
    errata_run_progress_start (self->run_progress, cancellable, NULL);
  else
    errata_run_progress_stop (self->run_progress);
  set_running (self, cancellable != NULL);
}

static void
on_run_progress (const ErrataSynthRunResult *so_far,
                 gpointer                    user_data)
{
  ErrataSynthPage *self = user_data;
  g_autofree char *text = NULL;

  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  /* Translators: "12 of 55 · 1 failed". */
  text = g_strdup_printf (_("%u of %u · %u failed"), so_far->done, so_far->total,
                          so_far->n_failed);
  errata_run_progress_update (self->run_progress,
                              so_far->total > 0 ? (double)so_far->done / so_far->total : 1, text);
}

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ErrataSynthPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ErrataSynthRunResult outcome = { 0 };

  if (!errata_synth_run_finish (result, &outcome, &error))
    text = g_strdup (error->message);
  else if (outcome.total == 0)
    text = g_strdup (_("Nothing to run: every accepted query has its trace."));
  else
    /* Translators: "Batch 2: 53 traces, 2 failed." */
    text = g_strdup_printf (_("Batch %" PRId64 ": %u traces, %u failed%s."),
                            outcome.batch_id, outcome.n_traces, outcome.n_failed,
                            outcome.cancelled ? _(", cancelled (run again to resume)") : "");
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  errata_run_progress_stop (self->run_progress);
  set_running (self, FALSE);
  _errata_synth_page_load_editors (self);
  errata_synth_page_reload (self);
  errata_run_progress_finish (self->run_progress, text, outcome.n_traces > 0);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (widget);
  g_autoptr(ErrataSynthTarget) target = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;

  if (errata_run_progress_is_running (self->run_progress))
    return;
  target = errata_synth_target_load (project_of (self), &error);
  if (target == NULL)
    {
      _errata_synth_page_say (self,
                          error != NULL ? error->message
                                        : _("No target yet: describe your system in Target "
                                            "above and press Save Target."));
      return;
    }
  /* No consent asked (issue 21's consent covers trace text): what goes out
   * is the synthetic queries and their dimensions, made here, to the
   * user's own system; no trace text leaves. */
  cancellable = g_cancellable_new ();
  errata_run_progress_start (self->run_progress, cancellable, NULL);
  set_running (self, TRUE);
  errata_synth_run_async (project_of (self), target, on_run_progress, self, cancellable,
                          on_run_done, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  errata_run_progress_cancel (ERRATA_SYNTH_PAGE (widget)->run_progress);
}

/* Through the window: a page never shows another page's objects itself. */
static void
open_batch_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (widget);
  g_autofree char *batch = g_strdup_printf ("%" PRId64, self->last_batch);

  if (self->last_batch > 0)
    gtk_widget_activate_action (widget, "win.show-metadata-traces", "(ss)", "synth.batch_id",
                                batch);
}

gboolean
errata_synth_page_is_running (ErrataSynthPage *self)
{
  g_return_val_if_fail (ERRATA_IS_SYNTH_PAGE (self), FALSE);

  return errata_run_progress_is_running (self->run_progress);
}

/* GObject ------------------------------------------------------------------ */

static void
errata_synth_page_constructed (GObject *object)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (object);

  G_OBJECT_CLASS (errata_synth_page_parent_class)->constructed (object);
  set_running (self, FALSE);
  _errata_synth_page_load_editors (self);
  errata_synth_page_reload (self);
}

static void
errata_synth_page_dispose (GObject *object)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (object);

  if (self->test_cancellable != NULL)
    g_cancellable_cancel (self->test_cancellable);
  if (self->secret_cancellable != NULL)
    g_cancellable_cancel (self->secret_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_SYNTH_PAGE);
  G_OBJECT_CLASS (errata_synth_page_parent_class)->dispose (object);
}

static void
errata_synth_page_finalize (GObject *object)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (object);

  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->secret_cancellable);
  g_clear_object (&self->workspace);
  _errata_synth_page_finalize_tuples (self);
  _errata_synth_page_finalize_target (self);
  _errata_synth_page_finalize_heat_map (self);
  G_OBJECT_CLASS (errata_synth_page_parent_class)->finalize (object);
}

static void
errata_synth_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_synth_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ErrataSynthPage *self = ERRATA_SYNTH_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      self->workspace = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_synth_page_class_init (ErrataSynthPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = errata_synth_page_constructed;
  object_class->dispose = errata_synth_page_dispose;
  object_class->finalize = errata_synth_page_finalize;
  object_class->get_property = errata_synth_page_get_property;
  object_class->set_property = errata_synth_page_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, ERRATA_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ERRATA_TYPE_RUN_PROGRESS);
  g_type_ensure (ERRATA_TYPE_SYNTH_TARGET_FIELDS);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-synth-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, coverage_grid);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, queries_title);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, queries_list);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, run_progress);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, breakdown_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, heatmap_grid);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, dimensions_view);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, target_view);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, test_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, edit_box);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, edit_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, edit_entry);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, secret_name_entry);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, secret_value_entry);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, tuples_spin);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, queries_spin);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, tuples_title);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, tuples_list);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, tuple_values_box);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, heat_target_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ErrataSynthPage, heat_view_dropdown);
  _errata_synth_page_class_add_setup (widget_class);
  _errata_synth_page_class_add_making (widget_class);

  gtk_widget_class_install_action (widget_class, "synth.accept", NULL, accept_action);
  gtk_widget_class_install_action (widget_class, "synth.reject", NULL, reject_action);
  gtk_widget_class_install_action (widget_class, "synth.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "synth.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "synth.open-batch", NULL, open_batch_action);
  _errata_synth_page_class_add_editing (widget_class);
  _errata_synth_page_class_add_tuples (widget_class);
  _errata_synth_page_class_add_target (widget_class);
}

/* A and R work on the queries list only, never while typing in an editor. */
static void
add_query_shortcuts (ErrataSynthPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a, 0),
                                                          gtk_named_action_new ("synth.accept")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_r, 0),
                                                          gtk_named_action_new ("synth.reject")));
  gtk_widget_add_controller (GTK_WIDGET (self->queries_list), controller);
}

static void
errata_synth_page_init (ErrataSynthPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_query_shortcuts (self);
  _errata_synth_page_init_editing (self);
  _errata_synth_page_init_tuples (self);
  _errata_synth_page_init_target (self);
  _errata_synth_page_init_heat_map (self);
}

GtkWidget *
errata_synth_page_new (ErrataWorkspace *workspace)
{
  g_return_val_if_fail (ERRATA_IS_WORKSPACE (workspace), NULL);

  return g_object_new (ERRATA_TYPE_SYNTH_PAGE, "workspace", workspace, NULL);
}
