/* errata-few-shot-picker.c: the few-shot examples of an LLM judge.
 *
 * Only the target's train traces are listed, so a dev or test trace can
 * never be picked (that would leak what the judge is measured on into its
 * prompt); the core refuses such a list on save and at run time as well.
 * The picker counts passes and fails and warns when they are unbalanced:
 * a judge shown only failures tends to fail everything.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-few-shot-picker.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "errata-ground-truth.h"
#include "errata-splits.h"

typedef struct
{
  gint64          trace_id;
  ErrataVerdict   label;
  GtkCheckButton *check;   /* owned by its row */
} Example;

struct _ErrataFewShotPicker
{
  GtkWidget   parent_instance;

  GArray     *examples;    /* of Example, in list order */
  gboolean    updating;    /* ticking from code: no "changed" per box */

  GtkLabel   *count_label;
  GtkLabel   *warning_label;
  GtkStack   *stack;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (ErrataFewShotPicker, errata_few_shot_picker, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
errata_few_shot_picker_get_counts (ErrataFewShotPicker *self,
                                   guint               *n_pass,
                                   guint               *n_fail)
{
  g_return_if_fail (ERRATA_IS_FEW_SHOT_PICKER (self));

  *n_pass = *n_fail = 0;
  for (guint i = 0; i < self->examples->len; i++)
    {
      Example *example = &g_array_index (self->examples, Example, i);

      if (!gtk_check_button_get_active (example->check))
        continue;
      if (example->label == ERRATA_VERDICT_PASS)
        (*n_pass)++;
      else
        (*n_fail)++;
    }
}

/* NULL when the picked examples are balanced enough. */
static const char *
balance_warning (guint n_pass,
                 guint n_fail)
{
  if (n_pass + n_fail == 0)
    return NULL;
  if (n_pass == 0)
    return _("Only fails are picked: add passes too, or the judge learns that every trace fails.");
  if (n_fail == 0)
    return _("Only passes are picked: add fails too, or the judge learns that every trace passes.");
  if (n_pass > 2 * n_fail || n_fail > 2 * n_pass)
    return _("Unbalanced: pick about as many passes as fails, so that the judge does not lean one way.");
  return NULL;
}

static void
update_counts (ErrataFewShotPicker *self)
{
  g_autofree char *count = NULL;
  const char *warning;
  guint n_pass, n_fail;

  errata_few_shot_picker_get_counts (self, &n_pass, &n_fail);
  /* Translators: how many few-shot examples of each label are picked. */
  count = g_strdup_printf (_("%u pass · %u fail picked"), n_pass, n_fail);
  gtk_label_set_label (self->count_label, count);
  warning = balance_warning (n_pass, n_fail);
  gtk_label_set_label (self->warning_label, warning != NULL ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), warning != NULL);
}

static void
on_check_toggled (ErrataFewShotPicker *self)
{
  update_counts (self);
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* The first line of the human's note, or NULL. */
static char *
first_line (const char *note)
{
  const char *end;

  if (note == NULL || *note == '\0')
    return NULL;
  end = strchr (note, '\n');
  return end != NULL ? g_strndup (note, end - note) : g_strdup (note);
}

static GtkWidget *
new_label_badge (ErrataVerdict label)
{
  GtkWidget *badge = gtk_label_new (label == ERRATA_VERDICT_PASS ? _("Pass") : _("Fail"));

  gtk_widget_add_css_class (badge, label == ERRATA_VERDICT_PASS ? "success" : "error");
  gtk_widget_add_css_class (badge, "heading");
  return badge;
}

static GtkWidget *
new_row (ErrataFewShotPicker *self,
         ErrataTrace         *trace,
         Example             *example)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (errata_trace_get_external_id (trace), -1);
  /* Whoever wrote it: the example's note, not only the user's own. */
  const char *any_note = errata_trace_get_note (trace) != NULL && *errata_trace_get_note (trace)
                         ? errata_trace_get_note (trace) : errata_trace_get_others_note (trace);
  g_autofree char *note = first_line (any_note);
  g_autofree char *subtitle = note != NULL ? g_markup_escape_text (note, -1)
                                           : g_markup_escape_text (_("No note"), -1);
  g_autofree char *accessible = g_strdup_printf (_("Use trace %s as an example"),
                                                 errata_trace_get_external_id (trace));

  example->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_widget_set_valign (GTK_WIDGET (example->check), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (example->check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_signal_connect_swapped (example->check, "toggled", G_CALLBACK (on_check_toggled), self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (example->check));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_label_badge (example->label));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (example->check));
  return row;
}

static void
clear_list (ErrataFewShotPicker *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_array_set_size (self->examples, 0);
}

/* The undisputed label of each train trace, by id. */
static GHashTable *
read_labels (ErrataProject  *project,
             gint64          target,
             GError        **error)
{
  g_autoptr(GArray) truths = errata_ground_truth_list (project, target, error);
  GHashTable *labels;

  if (truths == NULL)
    return NULL;
  labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < truths->len; i++)
    {
      ErrataTruth *truth = &g_array_index (truths, ErrataTruth, i);

      g_hash_table_insert (labels, g_memdup2 (&truth->trace_id, sizeof (gint64)),
                           GINT_TO_POINTER (truth->value));
    }
  return labels;
}

static gboolean
fill_list (ErrataFewShotPicker  *self,
           ErrataProject        *project,
           gint64                target,
           GArray               *train,
           GError              **error)
{
  g_autoptr(GHashTable) labels = read_labels (project, target, error);
  g_autoptr(GPtrArray) traces = NULL;

  if (labels == NULL)
    return FALSE;
  traces = errata_project_get_trace_summaries (project, (const gint64 *)(gpointer)train->data,
                                               train->len, error);
  if (traces == NULL)
    return FALSE;
  g_array_set_size (self->examples, traces->len);
  for (guint i = 0; i < traces->len; i++)
    {
      ErrataTrace *trace = traces->pdata[i];
      Example *example = &g_array_index (self->examples, Example, i);
      gint64 id = errata_trace_get_id (trace);

      example->trace_id = id;
      example->label = GPOINTER_TO_INT (g_hash_table_lookup (labels, &id));
      gtk_list_box_append (self->list, new_row (self, trace, example));
    }
  return TRUE;
}

gboolean
errata_few_shot_picker_load (ErrataFewShotPicker  *self,
                             ErrataProject        *project,
                             gint64                target,
                             GArray               *picked,
                             GError              **error)
{
  g_autoptr(GArray) train = NULL;
  gboolean ok;

  g_return_val_if_fail (ERRATA_IS_FEW_SHOT_PICKER (self), FALSE);
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  clear_list (self);
  train = errata_splits_list (project, target, ERRATA_SPLIT_TRAIN, error);
  ok = train != NULL && fill_list (self, project, target, train, error);
  gtk_stack_set_visible_child_name (self->stack, self->examples->len > 0 ? "list" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), self->examples->len > 0);
  if (picked != NULL)
    errata_few_shot_picker_set_picked (self, picked);
  update_counts (self);
  return ok;
}

static gboolean
array_contains (GArray *ids,
                gint64  id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

guint
errata_few_shot_picker_set_picked (ErrataFewShotPicker *self,
                                   GArray              *picked)
{
  guint n_found = 0;

  g_return_val_if_fail (ERRATA_IS_FEW_SHOT_PICKER (self), 0);

  self->updating = TRUE;
  for (guint i = 0; i < self->examples->len; i++)
    {
      Example *example = &g_array_index (self->examples, Example, i);
      gboolean active = array_contains (picked, example->trace_id);

      n_found += active;
      gtk_check_button_set_active (example->check, active);
    }
  self->updating = FALSE;
  update_counts (self);
  return (picked != NULL ? picked->len : 0) - n_found;
}

GArray *
errata_few_shot_picker_dup_picked (ErrataFewShotPicker *self)
{
  GArray *picked;

  g_return_val_if_fail (ERRATA_IS_FEW_SHOT_PICKER (self), NULL);

  picked = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->examples->len; i++)
    {
      Example *example = &g_array_index (self->examples, Example, i);

      if (gtk_check_button_get_active (example->check))
        g_array_append_val (picked, example->trace_id);
    }
  return picked;
}

guint
errata_few_shot_picker_get_n_train (ErrataFewShotPicker *self)
{
  g_return_val_if_fail (ERRATA_IS_FEW_SHOT_PICKER (self), 0);

  return self->examples->len;
}

/* GObject ------------------------------------------------------------- */

static void
errata_few_shot_picker_dispose (GObject *object)
{
  ErrataFewShotPicker *self = ERRATA_FEW_SHOT_PICKER (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_FEW_SHOT_PICKER);
  /* dispose_template() unparents only the children bound to a field. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (errata_few_shot_picker_parent_class)->dispose (object);
}

static void
errata_few_shot_picker_finalize (GObject *object)
{
  ErrataFewShotPicker *self = ERRATA_FEW_SHOT_PICKER (object);

  g_array_unref (self->examples);
  G_OBJECT_CLASS (errata_few_shot_picker_parent_class)->finalize (object);
}

static void
errata_few_shot_picker_class_init (ErrataFewShotPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_few_shot_picker_dispose;
  object_class->finalize = errata_few_shot_picker_finalize;

  /**
   * ErrataFewShotPicker::changed:
   *
   * The user picked or unpicked an example.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-few-shot-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataFewShotPicker, count_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataFewShotPicker, warning_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataFewShotPicker, stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataFewShotPicker, list);
}

static void
errata_few_shot_picker_init (ErrataFewShotPicker *self)
{
  self->examples = g_array_new (FALSE, TRUE, sizeof (Example));
  gtk_widget_init_template (GTK_WIDGET (self));
  update_counts (self);
}

GtkWidget *
errata_few_shot_picker_new (void)
{
  return g_object_new (ERRATA_TYPE_FEW_SHOT_PICKER, NULL);
}
