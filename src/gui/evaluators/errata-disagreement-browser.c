/* errata-disagreement-browser.c: a run's verdicts against today's labels,
 * one cell of the confusion matrix at a time.
 *
 * Every verdict of the run on a trace whose label is undisputed now is an
 * item of `items`; the cell is a filter over them, so correcting a label
 * updates the item and the filter moves it out of the cell (or not). The
 * browser talks to its page through actions only:
 *
 *   evaluators.labels-changed   a label was corrected: recompute metrics
 *   win.show-trace (x)          "Open in Traces"
 *
 * Its own actions, for its buttons and keys, and the correction of a
 * label, are in errata-disagreement-browser-actions.c.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-disagreement-browser-private.h"
#include "errata-eval-runs.h"

G_DEFINE_FINAL_TYPE (ErrataDisagreementBrowser, errata_disagreement_browser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_CELL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
errata_disagreement_cell_get_type (void)
{
  static gsize type = 0;
  /* The nicks are the names the alignment view gives its cells. */
  static const GEnumValue values[] = {
    { ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS, "ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS",
      "disagreements" },
    { ERRATA_DISAGREEMENT_CELL_HUMAN_PASS_JUDGE_FAIL,
      "ERRATA_DISAGREEMENT_CELL_HUMAN_PASS_JUDGE_FAIL", "pass-fail" },
    { ERRATA_DISAGREEMENT_CELL_HUMAN_FAIL_JUDGE_PASS,
      "ERRATA_DISAGREEMENT_CELL_HUMAN_FAIL_JUDGE_PASS", "fail-pass" },
    { ERRATA_DISAGREEMENT_CELL_BOTH_PASS, "ERRATA_DISAGREEMENT_CELL_BOTH_PASS", "pass-pass" },
    { ERRATA_DISAGREEMENT_CELL_BOTH_FAIL, "ERRATA_DISAGREEMENT_CELL_BOTH_FAIL", "fail-fail" },
    { ERRATA_DISAGREEMENT_CELL_JUDGE_ERROR, "ERRATA_DISAGREEMENT_CELL_JUDGE_ERROR", "error" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("ErrataDisagreementCell", values));
  return type;
}

gboolean
errata_disagreement_cell_from_nick (const char             *nick,
                                    ErrataDisagreementCell *cell)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (ERRATA_TYPE_DISAGREEMENT_CELL);
  GEnumValue *value;

  g_return_val_if_fail (cell != NULL, FALSE);

  value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;
  if (value == NULL)
    return FALSE;
  *cell = value->value;
  return TRUE;
}

ErrataProject *
_errata_disagreement_browser_get_project (ErrataDisagreementBrowser *self)
{
  return self->workspace != NULL ? errata_workspace_get_project (self->workspace) : NULL;
}

ErrataDisagreementItem *
_errata_disagreement_browser_get_selected (ErrataDisagreementBrowser *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

/* Cells ---------------------------------------------------------------- */

static gboolean
item_in_cell (ErrataDisagreementItem *item,
              ErrataDisagreementCell  cell)
{
  ErrataVerdict human = errata_disagreement_item_get_human (item);
  ErrataJudgeVerdict judge = errata_disagreement_item_get_judge (item);
  gboolean human_pass = human == ERRATA_VERDICT_PASS;

  /* A label that is gone or disputed now is in no cell, as in the metrics. */
  if (human == ERRATA_VERDICT_UNSET)
    return FALSE;
  switch (cell)
    {
    case ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS:
      return judge != ERRATA_JUDGE_ERROR && human_pass != (judge == ERRATA_JUDGE_PASS);
    case ERRATA_DISAGREEMENT_CELL_HUMAN_PASS_JUDGE_FAIL:
      return human_pass && judge == ERRATA_JUDGE_FAIL;
    case ERRATA_DISAGREEMENT_CELL_HUMAN_FAIL_JUDGE_PASS:
      return !human_pass && judge == ERRATA_JUDGE_PASS;
    case ERRATA_DISAGREEMENT_CELL_BOTH_PASS:
      return human_pass && judge == ERRATA_JUDGE_PASS;
    case ERRATA_DISAGREEMENT_CELL_BOTH_FAIL:
      return !human_pass && judge == ERRATA_JUDGE_FAIL;
    case ERRATA_DISAGREEMENT_CELL_JUDGE_ERROR:
      return judge == ERRATA_JUDGE_ERROR;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  ErrataDisagreementBrowser *self = user_data;

  return item_in_cell (item, self->cell);
}

/* "dev", "train" or "test" for a run on a split; NULL for other scopes. */
static const char *
split_word (ErrataEvalScope scope)
{
  switch (scope)
    {
    /* Translators: the split a run went over, in “7 disagreements of 48 on dev”. */
    case ERRATA_SCOPE_DEV: return C_("split", "dev");
    case ERRATA_SCOPE_TRAIN: return C_("split", "train");
    case ERRATA_SCOPE_TEST: return C_("split", "test");
    case ERRATA_SCOPE_UNLABELED:
    case ERRATA_SCOPE_ALL:
    case ERRATA_SCOPE_IDS:
    default: return NULL;
    }
}

static char *
describe_count (ErrataDisagreementBrowser *self,
                guint                      n,
                guint                      total)
{
  const char *split = split_word (self->scope);

  if (self->cell == ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS && split != NULL)
    /* Translators: e.g. “7 disagreements of 48 on dev”: traces where the judge
     * and the human label differ, of the labelled traces the run judged. */
    return g_strdup_printf (ngettext ("%u disagreement of %u on %s",
                                      "%u disagreements of %u on %s", n), n, total, split);
  if (self->cell == ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS)
    return g_strdup_printf (ngettext ("%u disagreement of %u in this run",
                                      "%u disagreements of %u in this run", n), n, total);
  if (split != NULL)
    /* Translators: e.g. “12 of 48 on dev”: traces in the chosen cell, of the
     * labelled traces the run judged. */
    return g_strdup_printf (ngettext ("%u of %u on %s", "%u of %u on %s", total),
                            n, total, split);
  return g_strdup_printf (ngettext ("%u of %u in this run", "%u of %u in this run", total),
                          n, total);
}

/* Labelled traces the judge gave no verdict on: in no cell but their own. */
static guint
count_errors (ErrataDisagreementBrowser *self)
{
  GListModel *items = G_LIST_MODEL (self->items);
  guint n_errors = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(ErrataDisagreementItem) item = g_list_model_get_item (items, i);

      if (errata_disagreement_item_get_judge (item) == ERRATA_JUDGE_ERROR)
        n_errors++;
    }
  return n_errors;
}

static void
describe_empty (ErrataDisagreementBrowser *self,
                guint                      total)
{
  const char *split = split_word (self->scope);
  g_autofree char *description = NULL;
  const char *title;

  if (total == 0)
    {
      title = _("No Labelled Traces in This Run");
      description = g_strdup (_("None of the traces this run judged has an undisputed label "
                                "now. Label traces for this target, or settle the disputed "
                                "labels, to compare the judge with them."));
    }
  else if (self->cell == ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS && count_errors (self) > 0)
    {
      guint n_errors = count_errors (self);

      title = _("No Disagreements");
      /* Translators: “Judge errors” is the name of the cell in the dropdown. */
      description = g_strdup_printf (ngettext ("The judge and your labels agree on every trace it "
                                               "gave a verdict on. It gave none on %u trace: see "
                                               "Judge errors.",
                                               "The judge and your labels agree on every trace it "
                                               "gave a verdict on. It gave none on %u traces: see "
                                               "Judge errors.", n_errors), n_errors);
    }
  else if (self->cell == ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS)
    {
      title = _("No Disagreements");
      description = split != NULL
        /* Translators: %s is the split, e.g. “dev”. */
        ? g_strdup_printf (_("The judge and your labels agree on every %s trace."), split)
        : g_strdup (_("The judge and your labels agree on every trace of this run."));
    }
  else if (self->cell == ERRATA_DISAGREEMENT_CELL_JUDGE_ERROR)
    {
      title = _("No Judge Errors");
      description = g_strdup (_("The judge gave a verdict on every labelled trace."));
    }
  else
    {
      title = _("No Traces in This Cell");
      description = g_strdup_printf (ngettext ("None of the %u labelled trace is in it.",
                                               "None of the %u labelled traces is in it.",
                                               total), total);
    }
  adw_status_page_set_title (self->empty_status, title);
  adw_status_page_set_description (self->empty_status, description);
  adw_status_page_set_icon_name (self->empty_status,
                                 total > 0 && self->cell <= ERRATA_DISAGREEMENT_CELL_HUMAN_FAIL_JUDGE_PASS
                                 ? "emblem-ok-symbolic" : "edit-find-symbolic");
}

void
_errata_disagreement_browser_update_actions (ErrataDisagreementBrowser *self)
{
  ErrataProject *project = _errata_disagreement_browser_get_project (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint position = gtk_single_selection_get_selected (self->selection);
  gboolean selected = position != GTK_INVALID_LIST_POSITION;
  gboolean writable = project != NULL && !errata_project_is_read_only (project);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "disagreements.next",
                                 selected && position + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "disagreements.previous",
                                 selected && position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "disagreements.pass", selected && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "disagreements.fail", selected && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "disagreements.open-trace", selected);
}

/* The count, and the list or the empty state. */
static void
update_state (ErrataDisagreementBrowser *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_autofree char *count = describe_count (self, n, total);

  gtk_label_set_text (self->count_label, count);
  if (n == 0)
    describe_empty (self, total);
  gtk_stack_set_visible_child_name (self->content_stack, n > 0 ? "items" : "empty");
  _errata_disagreement_browser_update_actions (self);
}

static guint
find_trace (ErrataDisagreementBrowser *self,
            gint64                     trace_id)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; trace_id > 0 && i < n; i++)
    {
      g_autoptr(ErrataDisagreementItem) item = g_list_model_get_item (model, i);

      if (errata_disagreement_item_get_trace_id (item) == trace_id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

void
_errata_disagreement_browser_select_position (ErrataDisagreementBrowser *self,
                                              guint                      position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  if (n == 0)
    return;
  position = MIN (position, n - 1);
  gtk_single_selection_set_selected (self->selection, position);
  /* GTK 4.8 has no gtk_list_view_scroll_to(); its list.scroll-to-item does it. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* Re-applies the cell after it or a label changed: keeps `keep_trace`
 * selected when it is still listed, else the row that took its place. */
void
_errata_disagreement_browser_refilter (ErrataDisagreementBrowser *self,
                                      gint64                     keep_trace,
                                      guint                      fallback)
{
  guint position;

  self->refiltering = TRUE;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  position = find_trace (self, keep_trace);
  _errata_disagreement_browser_select_position (self, position != GTK_INVALID_LIST_POSITION
                                                      ? position : fallback);
  self->refiltering = FALSE;
  _errata_disagreement_browser_show_detail (self, _errata_disagreement_browser_get_selected (self));
  update_state (self);
}

static void
on_selection_changed (ErrataDisagreementBrowser *self)
{
  if (self->refiltering)
    return;
  _errata_disagreement_browser_show_detail (self, _errata_disagreement_browser_get_selected (self));
  _errata_disagreement_browser_update_actions (self);
}

/* Loading a run -------------------------------------------------------- */

static GHashTable *
external_ids_of (ErrataProject  *project,
                 GArray         *verdicts,
                 GError        **error)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), verdicts->len);
  g_autoptr(GPtrArray) summaries = NULL;
  GHashTable *table;

  for (guint i = 0; i < verdicts->len; i++)
    g_array_append_val (ids, g_array_index (verdicts, ErrataVerdictEntry, i).trace_id);
  summaries = errata_project_get_trace_summaries (project, (gint64 *)ids->data, ids->len, error);
  if (summaries == NULL)
    return NULL;
  table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < summaries->len; i++)
    {
      ErrataTrace *trace = g_ptr_array_index (summaries, i);
      gint64 id = errata_trace_get_id (trace);

      g_hash_table_insert (table, g_memdup2 (&id, sizeof id),
                           g_strdup (errata_trace_get_external_id (trace)));
    }
  return table;
}

static GHashTable *
truths_by_trace (GArray *truths)
{
  GHashTable *table = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < truths->len; i++)
    {
      ErrataTruth *truth = &g_array_index (truths, ErrataTruth, i);

      g_hash_table_insert (table, &truth->trace_id, truth);
    }
  return table;
}

/* The run's verdicts paired with today's labels, as metrics pair them:
 * a verdict on a trace without an undisputed label is left out. */
static gboolean
load_items (ErrataDisagreementBrowser  *self,
            GError                    **error)
{
  ErrataProject *project = _errata_disagreement_browser_get_project (self);
  g_autoptr(ErrataRunInfo) run = NULL;
  g_autoptr(GArray) verdicts = NULL;
  g_autoptr(GArray) truths = NULL;
  g_autoptr(GHashTable) truth = NULL;
  g_autoptr(GHashTable) external_ids = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (project == NULL)
    return TRUE;
  run = errata_eval_runs_get (project, self->run_id, error);
  verdicts = run ? errata_eval_runs_verdicts (project, self->run_id, error) : NULL;
  truths = verdicts ? errata_ground_truth_list (project, self->target, error) : NULL;
  external_ids = truths ? external_ids_of (project, verdicts, error) : NULL;
  if (external_ids == NULL)
    return FALSE;
  self->scope = run->scope;
  truth = truths_by_trace (truths);
  for (guint i = 0; i < verdicts->len; i++)
    {
      ErrataVerdictEntry *entry = &g_array_index (verdicts, ErrataVerdictEntry, i);
      ErrataTruth *label = g_hash_table_lookup (truth, &entry->trace_id);
      const char *external_id = g_hash_table_lookup (external_ids, &entry->trace_id);

      if (label == NULL || label->disputed || label->value == ERRATA_VERDICT_UNSET ||
          external_id == NULL)
        continue;
      g_ptr_array_add (items, errata_disagreement_item_new (entry->trace_id, external_id,
                                                            entry->verdict, label));
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  return TRUE;
}

static void
show_failure (ErrataDisagreementBrowser *self,
              const GError              *error)
{
  adw_status_page_set_description (self->failed_status, error->message);
  gtk_stack_set_visible_child_name (self->main_stack, "failed");
}

void
errata_disagreement_browser_set_run (ErrataDisagreementBrowser *self,
                                     gint64                     target,
                                     gint64                     run_id)
{
  g_autoptr(GError) error = NULL;
  gint64 keep;

  g_return_if_fail (ERRATA_IS_DISAGREEMENT_BROWSER (self));

  keep = self->run_id == run_id ? errata_disagreement_browser_get_selected_trace (self) : 0;
  self->target = target;
  self->run_id = MAX (run_id, 0);
  /* Until refilter() picks the row to show, rows come and go unseen. */
  self->refiltering = TRUE;
  g_list_store_remove_all (self->items);
  if (self->run_id == 0 || !load_items (self, &error))
    {
      self->refiltering = FALSE;
      g_list_store_remove_all (self->items);
      _errata_disagreement_browser_show_detail (self, NULL);
      if (error != NULL)
        show_failure (self, error);
      else
        gtk_stack_set_visible_child_name (self->main_stack, "no-run");
      _errata_disagreement_browser_update_actions (self);
      return;
    }
  gtk_stack_set_visible_child_name (self->main_stack, "browser");
  _errata_disagreement_browser_refilter (self, keep, 0);
}

gint64
errata_disagreement_browser_get_run (ErrataDisagreementBrowser *self)
{
  g_return_val_if_fail (ERRATA_IS_DISAGREEMENT_BROWSER (self), 0);

  return self->run_id;
}

void
errata_disagreement_browser_set_cell (ErrataDisagreementBrowser *self,
                                      ErrataDisagreementCell     cell)
{
  g_return_if_fail (ERRATA_IS_DISAGREEMENT_BROWSER (self));
  g_return_if_fail (cell <= ERRATA_DISAGREEMENT_CELL_JUDGE_ERROR);

  if (self->cell == cell)
    return;
  self->cell = cell;
  /* The dropdown's notify comes back here and stops above. */
  gtk_drop_down_set_selected (self->cell_dropdown, cell);
  _errata_disagreement_browser_refilter (self, errata_disagreement_browser_get_selected_trace (self),
                                        0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CELL]);
}

ErrataDisagreementCell
errata_disagreement_browser_get_cell (ErrataDisagreementBrowser *self)
{
  g_return_val_if_fail (ERRATA_IS_DISAGREEMENT_BROWSER (self),
                        ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS);

  return self->cell;
}

static void
on_cell_selected (ErrataDisagreementBrowser *self)
{
  guint selected = gtk_drop_down_get_selected (self->cell_dropdown);

  if (selected <= ERRATA_DISAGREEMENT_CELL_JUDGE_ERROR)
    errata_disagreement_browser_set_cell (self, selected);
}

guint
errata_disagreement_browser_get_n_items (ErrataDisagreementBrowser *self)
{
  g_return_val_if_fail (ERRATA_IS_DISAGREEMENT_BROWSER (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

gint64
errata_disagreement_browser_get_selected_trace (ErrataDisagreementBrowser *self)
{
  ErrataDisagreementItem *item;

  g_return_val_if_fail (ERRATA_IS_DISAGREEMENT_BROWSER (self), 0);

  item = _errata_disagreement_browser_get_selected (self);
  return item != NULL ? errata_disagreement_item_get_trace_id (item) : 0;
}

/* GObject -------------------------------------------------------------- */

static void
errata_disagreement_browser_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  ErrataDisagreementBrowser *self = ERRATA_DISAGREEMENT_BROWSER (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_CELL:
      g_value_set_enum (value, self->cell);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_disagreement_browser_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  ErrataDisagreementBrowser *self = ERRATA_DISAGREEMENT_BROWSER (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      self->workspace = g_value_dup_object (value);
      break;
    case PROP_CELL:
      errata_disagreement_browser_set_cell (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_disagreement_browser_dispose (GObject *object)
{
  ErrataDisagreementBrowser *self = ERRATA_DISAGREEMENT_BROWSER (object);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_DISAGREEMENT_BROWSER);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (errata_disagreement_browser_parent_class)->dispose (object);
}

static void
install_properties (GObjectClass *object_class)
{
  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, ERRATA_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CELL] =
    g_param_spec_enum ("cell", NULL, NULL, ERRATA_TYPE_DISAGREEMENT_CELL,
                       ERRATA_DISAGREEMENT_CELL_DISAGREEMENTS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
errata_disagreement_browser_class_init (ErrataDisagreementBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = errata_disagreement_browser_get_property;
  object_class->set_property = errata_disagreement_browser_set_property;
  object_class->dispose = errata_disagreement_browser_dispose;
  install_properties (object_class);
  _errata_disagreement_browser_class_install_actions (widget_class);

  g_type_ensure (ERRATA_TYPE_DISAGREEMENT_ITEM);
  g_type_ensure (ERRATA_TYPE_TRACE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-disagreement-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataDisagreementBrowser, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataDisagreementBrowser, failed_status);
  gtk_widget_class_bind_template_child (widget_class, ErrataDisagreementBrowser, cell_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ErrataDisagreementBrowser, count_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataDisagreementBrowser, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataDisagreementBrowser, empty_status);
  gtk_widget_class_bind_template_child (widget_class, ErrataDisagreementBrowser, list_view);
  gtk_widget_class_bind_template_child (widget_class, ErrataDisagreementBrowser, trace_view);
  gtk_widget_class_bind_template_child (widget_class, ErrataDisagreementBrowser,
                                        human_value_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataDisagreementBrowser,
                                        human_source_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataDisagreementBrowser, notes_box);
  gtk_widget_class_bind_template_child (widget_class, ErrataDisagreementBrowser,
                                        detail_error_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataDisagreementBrowser,
                                        judge_value_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataDisagreementBrowser,
                                        judge_reasoning_label);
  gtk_widget_class_bind_template_callback (widget_class, on_cell_selected);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
errata_disagreement_browser_init (ErrataDisagreementBrowser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (ERRATA_TYPE_DISAGREEMENT_ITEM);
  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                              GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->selection, "items-changed",
                            G_CALLBACK (_errata_disagreement_browser_update_actions), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  _errata_disagreement_browser_add_capture_shortcuts (self);
  _errata_disagreement_browser_update_actions (self);
}

GtkWidget *
errata_disagreement_browser_new (ErrataWorkspace *workspace)
{
  g_return_val_if_fail (workspace == NULL || ERRATA_IS_WORKSPACE (workspace), NULL);

  return g_object_new (ERRATA_TYPE_DISAGREEMENT_BROWSER, "workspace", workspace, NULL);
}
