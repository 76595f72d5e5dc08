/* errata-mode-labels.c: the trace's label for each target, in the coding
 * panel.
 *
 * One row per target: "Overall", then the failure modes in canvas order.
 * Each says what is true for the trace (errata_ground_truth_get, the
 * rule every split and metric stands on) and where that comes from; its
 * Pass / Fail toggles show the explicit label and set or clear it through
 * errata_labels_set(), by the annotator the coding panel reviews as.
 *
 * The coding panel moves to another trace on every j/k in the list, so
 * nothing is read while the expander is closed: set_trace() only notes
 * what to show, and opening the expander reads it in one pass (the modes,
 * the trace's reviews, one ground-truth query per target). When the modes
 * are the ones shown already, the rows are updated in place, so a focused
 * toggle keeps the focus from one trace to the next.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-mode-labels.h"
#include "errata-ground-truth.h"
#include "errata-labels.h"
#include "errata-review-edit.h"

/* One target's row; its widgets belong to the expander. */
typedef struct
{
  gint64           target;
  AdwActionRow    *row;
  GtkToggleButton *pass;
  GtkToggleButton *fail;
  char            *text;
  ErrataVerdict    explicit_value;   /* what the toggles show */
} Row;

/* Who, among the reviews made here, gave a verdict for the trace. */
typedef struct
{
  guint    n;
  gboolean you;     /* the annotator is among them */
  char    *name;    /* the reviewer, when there is one */
} Voters;

struct _ErrataModeLabels
{
  GtkWidget        parent_instance;

  ErrataProject   *project;
  ErrataTaxonomy  *taxonomy;
  ErrataUndoStack *undo_stack;  /* the page's, where label changes go */
  gint64           trace_id;
  char            *annotator;

  GPtrArray       *rows;       /* of Row, in the order shown */
  Voters           overall;    /* a verdict votes for overall */
  Voters           modes;      /* a verdict or a note votes for every mode */
  gboolean         stale;      /* the rows do not show the trace above */
  gboolean         syncing;    /* toggles are being set from the labels */

  GtkListBox      *list;
  AdwExpanderRow  *expander;
};

G_DEFINE_FINAL_TYPE (ErrataModeLabels, errata_mode_labels, GTK_TYPE_WIDGET)

enum {
  LABEL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
row_free (Row *row)
{
  g_free (row->text);
  g_free (row);
}

static void
voters_clear (Voters *voters)
{
  g_clear_pointer (&voters->name, g_free);
  voters->n = 0;
  voters->you = FALSE;
}

static gboolean
has_trace (ErrataModeLabels *self)
{
  return self->project != NULL && self->trace_id > 0;
}

/* Who voted ------------------------------------------------------------- */

static void
add_voter (Voters     *voters,
           const char *annotator,
           const char *you)
{
  voters->n++;
  if (g_strcmp0 (annotator, you) == 0)
    voters->you = TRUE;
  g_free (voters->name);
  voters->name = g_strdup (annotator);
}

/* errata-ground-truth.c's rule for a vote made here: not imported, not
 * from an excluded source; a verdict for overall, a verdict or a note
 * for a failure mode (fail when the note sits in it, else pass). */
static gboolean
count_voters (ErrataModeLabels  *self,
              GError           **error)
{
  g_autoptr(GPtrArray) annotations = NULL;

  voters_clear (&self->overall);
  voters_clear (&self->modes);
  annotations = errata_project_list_annotations (self->project, self->trace_id, error);
  if (annotations == NULL)
    return FALSE;
  for (guint i = 0; i < annotations->len; i++)
    {
      const ErrataAnnotation *annotation = annotations->pdata[i];
      gboolean has_note = annotation->note != NULL && *annotation->note != '\0';
      gboolean excluded = FALSE;

      if (annotation->origin == ERRATA_ORIGIN_IMPORTED)
        continue;
      if (!errata_source_is_excluded (self->project, annotation->annotator, &excluded, error))
        return FALSE;
      if (excluded)
        continue;
      if (annotation->verdict != ERRATA_VERDICT_UNSET)
        add_voter (&self->overall, annotation->annotator, self->annotator);
      if (annotation->verdict != ERRATA_VERDICT_UNSET || has_note)
        add_voter (&self->modes, annotation->annotator, self->annotator);
    }
  return TRUE;
}

/* What a row says ------------------------------------------------------- */

static char *
describe_reviews (const Voters *voters)
{
  if (voters->you && voters->n <= 1)
    return g_strdup (_("from your review"));
  if (voters->you)
    return g_strdup_printf (ngettext ("from your review and %u other",
                                      "from your review and %u others", voters->n - 1),
                            voters->n - 1);
  if (voters->n == 1)
    /* Translators: %s is a reviewer's name. */
    return g_strdup_printf (_("from the review by %s"), voters->name);
  if (voters->n == 0)
    return g_strdup (_("from reviews made here"));
  return g_strdup_printf (ngettext ("from %u review", "from %u reviews", voters->n), voters->n);
}

/* Who set the explicit label: the last change of its history. */
static char *
describe_explicit (ErrataModeLabels *self,
                   gint64            target)
{
  g_autoptr(GPtrArray) history = errata_labels_history (self->project, target, self->trace_id, NULL);
  const ErrataLabelChange *last;

  if (history == NULL || history->len == 0)
    return g_strdup (_("explicit label"));
  last = history->pdata[history->len - 1];
  if (g_strcmp0 (last->who, self->annotator) == 0)
    return g_strdup (_("explicit label by you"));
  /* Translators: %s is the name of whoever set the label. */
  return g_strdup_printf (_("explicit label by %s"), last->who);
}

static char *
describe_source (ErrataModeLabels  *self,
                 gint64             target,
                 const ErrataTruth *truth)
{
  switch (truth->source)
    {
    case ERRATA_LABEL_SOURCE_EXPLICIT:
      return describe_explicit (self, target);
    case ERRATA_LABEL_SOURCE_REVIEWS:
      return describe_reviews (target == ERRATA_TARGET_OVERALL ? &self->overall : &self->modes);
    case ERRATA_LABEL_SOURCE_IMPORTED:
      return g_strdup (_("imported label"));
    case ERRATA_LABEL_SOURCE_NONE:
    default:
      g_assert_not_reached ();
    }
}

/* "fail · from your review", "pass · explicit label by Ana", "disputed:
 * reviewers differ", "no label". */
static char *
describe_truth (ErrataModeLabels  *self,
                gint64             target,
                const ErrataTruth *truth)
{
  g_autofree char *source = NULL;
  char *text;

  if (truth->source == ERRATA_LABEL_SOURCE_NONE)
    return g_strdup (_("no label"));
  if (truth->disputed)
    return g_strdup (truth->source == ERRATA_LABEL_SOURCE_IMPORTED
                     ? _("disputed: imported labels differ")
                     : _("disputed: reviewers differ"));
  source = describe_source (self, target, truth);
  /* Translators: a label and where it comes from, "fail · from your
   * review"; the first %s is "pass" or "fail". */
  text = g_strdup_printf (C_("mode label", "%s · %s"),
                          truth->value == ERRATA_VERDICT_FAIL ? _("fail") : _("pass"), source);
  if (truth->review_differs_from_import)
    {
      g_autofree char *base = text;

      /* Translators: after "fail · from your review". */
      text = g_strdup_printf (_("%s · an imported label differs"), base);
    }
  return text;
}

/* Rows ------------------------------------------------------------------ */

/* Setters that change nothing are skipped: with the expander open, every
 * j/k in the list goes through here once per row. */
static void
set_toggle_tooltip (GtkToggleButton *button,
                    gboolean         pass)
{
  const char *text;

  if (gtk_toggle_button_get_active (button))
    text = _("Clear the explicit label: reviews decide again");
  else
    text = pass ? _("Set an explicit pass: it wins over reviews")
                : _("Set an explicit fail: it wins over reviews");
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), text) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (button), text);
}

static void
sync_toggles (ErrataModeLabels *self,
              Row              *row)
{
  self->syncing = TRUE;
  gtk_toggle_button_set_active (row->pass, row->explicit_value == ERRATA_VERDICT_PASS);
  gtk_toggle_button_set_active (row->fail, row->explicit_value == ERRATA_VERDICT_FAIL);
  self->syncing = FALSE;
  set_toggle_tooltip (row->pass, TRUE);
  set_toggle_tooltip (row->fail, FALSE);
}

static void
show_row (ErrataModeLabels *self,
          Row              *row,
          char             *text,
          ErrataVerdict     explicit_value)
{
  if (g_strcmp0 (adw_action_row_get_subtitle (row->row), text) != 0)
    adw_action_row_set_subtitle (row->row, text);
  g_free (row->text);
  row->text = text;
  row->explicit_value = explicit_value;
  sync_toggles (self, row);
}

static gboolean
read_row (ErrataModeLabels  *self,
          Row               *row,
          GError           **error)
{
  ErrataTruth truth;

  if (!errata_ground_truth_get (self->project, row->target, self->trace_id, &truth, error))
    return FALSE;
  show_row (self, row, describe_truth (self, row->target, &truth),
            truth.source == ERRATA_LABEL_SOURCE_EXPLICIT ? truth.value : ERRATA_VERDICT_UNSET);
  return TRUE;
}

static Row *
find_row (ErrataModeLabels *self,
          gint64            target)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = self->rows->pdata[i];

      if (row->target == target)
        return row;
    }
  return NULL;
}

static void
on_toggled (GtkToggleButton *button,
            gpointer         data)
{
  ErrataModeLabels *self = g_object_get_data (G_OBJECT (button), "errata-mode-labels");
  Row *row = data;
  ErrataVerdict value = ERRATA_VERDICT_UNSET;
  g_autoptr(GError) error = NULL;

  if (self->syncing)
    return;
  if (gtk_toggle_button_get_active (button))
    value = button == row->pass ? ERRATA_VERDICT_PASS : ERRATA_VERDICT_FAIL;
  if (!errata_mode_labels_set_label (self, row->target, value, &error))
    {
      /* Translators: %s says why the label could not be written. */
      g_autofree char *text = g_strdup_printf (_("Could not set the label: %s"), error->message);

      /* The toggles go back to the label that is stored; the row says
       * why until it is read again. */
      sync_toggles (self, row);
      g_free (row->text);
      row->text = g_steal_pointer (&text);
      adw_action_row_set_subtitle (row->row, row->text);
    }
}

static GtkToggleButton *
new_toggle (ErrataModeLabels *self,
            Row              *row,
            const char       *label,
            const char       *css_class)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (label);

  gtk_widget_add_css_class (button, css_class);
  gtk_widget_add_css_class (button, "mode-label-toggle");
  g_object_set_data (G_OBJECT (button), "errata-mode-labels", self);
  g_signal_connect (button, "toggled", G_CALLBACK (on_toggled), row);
  return GTK_TOGGLE_BUTTON (button);
}

/* Says which target each toggle is for: a screen reader reads "Pass"
 * twenty times otherwise. */
static void
name_row (Row        *row,
          const char *name)
{
  g_autofree char *pass = NULL;
  g_autofree char *fail = NULL;

  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row->row)), name) == 0)
    return;
  /* Translators: the accessible name of a toggle; %s is a failure mode or "Overall". */
  pass = g_strdup_printf (_("Pass for %s"), name);
  /* Translators: the accessible name of a toggle; %s is a failure mode or "Overall". */
  fail = g_strdup_printf (_("Fail for %s"), name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->pass), GTK_ACCESSIBLE_PROPERTY_LABEL, pass, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->fail), GTK_ACCESSIBLE_PROPERTY_LABEL, fail, -1);
}

static Row *
new_row (ErrataModeLabels *self,
         gint64            target)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  row->target = target;
  row->row = ADW_ACTION_ROW (adw_action_row_new ());
  /* Mode names and reviewers' names come from the project: plain text. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (row->row), "mode-label-row");
  row->pass = new_toggle (self, row, _("Pass"), "verdict-pass");
  row->fail = new_toggle (self, row, _("Fail"), "verdict-fail");
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->pass));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->fail));
  adw_action_row_add_suffix (row->row, box);
  return row;
}

static void
remove_rows (ErrataModeLabels *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = self->rows->pdata[i];

      adw_expander_row_remove (self->expander, GTK_WIDGET (row->row));
    }
  g_ptr_array_set_size (self->rows, 0);
}

/* The rows shown are for these targets, in this order. */
static gboolean
rows_match (ErrataModeLabels *self,
            GPtrArray        *modes)
{
  if (self->rows->len != modes->len + 1)
    return FALSE;
  for (guint i = 0; i < modes->len; i++)
    {
      const ErrataFailureMode *mode = modes->pdata[i];
      const Row *row = self->rows->pdata[i + 1];

      if (row->target != mode->id)
        return FALSE;
    }
  return TRUE;
}

/* Overall first, then the modes: rows kept when the targets are the same. */
static void
set_rows (ErrataModeLabels *self,
          GPtrArray        *modes)
{
  gboolean editable = !errata_project_is_read_only (self->project);

  if (!rows_match (self, modes))
    {
      remove_rows (self);
      g_ptr_array_add (self->rows, new_row (self, ERRATA_TARGET_OVERALL));
      for (guint i = 0; i < modes->len; i++)
        g_ptr_array_add (self->rows, new_row (self, ((ErrataFailureMode *) modes->pdata[i])->id));
      for (guint i = 0; i < self->rows->len; i++)
        adw_expander_row_add_row (self->expander, GTK_WIDGET (((Row *) self->rows->pdata[i])->row));
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = self->rows->pdata[i];

      name_row (row, i == 0 ? _("Overall") : ((ErrataFailureMode *) modes->pdata[i - 1])->name);
      if (gtk_widget_get_sensitive (GTK_WIDGET (row->pass)) != editable)
        {
          gtk_widget_set_sensitive (GTK_WIDGET (row->pass), editable);
          gtk_widget_set_sensitive (GTK_WIDGET (row->fail), editable);
        }
    }
}

static void
show_summary (ErrataModeLabels *self,
              const GError     *error)
{
  g_autofree char *text = NULL;

  if (error != NULL)
    /* Translators: %s says why the labels could not be read. */
    text = g_strdup_printf (_("Could not read the labels: %s"), error->message);
  adw_expander_row_set_subtitle (self->expander,
                                 text ? text : _("What evaluators are measured against"));
}

static gboolean
load (ErrataModeLabels  *self,
      GError           **error)
{
  g_autoptr(GPtrArray) modes = NULL;

  if (self->taxonomy != NULL)
    modes = errata_taxonomy_list_modes (self->taxonomy, error);
  else
    modes = g_ptr_array_new ();
  if (modes == NULL || !count_voters (self, error))
    return FALSE;
  set_rows (self, modes);
  for (guint i = 0; i < self->rows->len; i++)
    if (!read_row (self, self->rows->pdata[i], error))
      return FALSE;
  return TRUE;
}

/* Reads what the rows show, when they can be seen; else later. */
static void
update (ErrataModeLabels *self)
{
  g_autoptr(GError) error = NULL;

  self->stale = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self), has_trace (self));
  if (!has_trace (self))
    {
      remove_rows (self);
      return;
    }
  if (!adw_expander_row_get_expanded (self->expander))
    return;
  self->stale = FALSE;
  if (!load (self, &error))
    remove_rows (self);
  show_summary (self, error);
}

static void
on_expanded_changed (ErrataModeLabels *self)
{
  if (adw_expander_row_get_expanded (self->expander) && self->stale)
    update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

/* The widget brings its own style sheet, so it looks the same in the
 * coding panel, in a test, or anywhere else. */
static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "errata-mode-labels-css"))
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/errata/Errata/errata-mode-labels.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "errata-mode-labels-css",
                          g_steal_pointer (&provider), g_object_unref);
}

/* GObject --------------------------------------------------------------- */

static void
errata_mode_labels_dispose (GObject *object)
{
  ErrataModeLabels *self = ERRATA_MODE_LABELS (object);

  if (self->taxonomy != NULL)
    g_signal_handlers_disconnect_by_data (self->taxonomy, self);
  g_clear_object (&self->taxonomy);
  g_clear_object (&self->project);
  g_clear_object (&self->undo_stack);
  /* The rows belong to the expander, which goes with the template. */
  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_MODE_LABELS);

  G_OBJECT_CLASS (errata_mode_labels_parent_class)->dispose (object);
}

static void
errata_mode_labels_finalize (GObject *object)
{
  ErrataModeLabels *self = ERRATA_MODE_LABELS (object);

  g_ptr_array_unref (self->rows);
  voters_clear (&self->overall);
  voters_clear (&self->modes);
  g_free (self->annotator);

  G_OBJECT_CLASS (errata_mode_labels_parent_class)->finalize (object);
}

static void
errata_mode_labels_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ErrataModeLabels *self = ERRATA_MODE_LABELS (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      g_value_set_boolean (value, errata_mode_labels_get_expanded (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_mode_labels_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ErrataModeLabels *self = ERRATA_MODE_LABELS (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      errata_mode_labels_set_expanded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_mode_labels_class_init (ErrataModeLabelsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_mode_labels_dispose;
  object_class->finalize = errata_mode_labels_finalize;
  object_class->get_property = errata_mode_labels_get_property;
  object_class->set_property = errata_mode_labels_set_property;

  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* An explicit label was written for the target (an int64): whoever shows
   * the trace's label history shows the change. */
  signals[LABEL_CHANGED] =
    g_signal_new ("label-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "modelabels");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-mode-labels.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataModeLabels, list);
  gtk_widget_class_bind_template_child (widget_class, ErrataModeLabels, expander);
  gtk_widget_class_bind_template_callback (widget_class, on_expanded_changed);
}

static void
errata_mode_labels_init (ErrataModeLabels *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->stale = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css (GTK_WIDGET (self));
  show_summary (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* API ------------------------------------------------------------------- */

GtkWidget *
errata_mode_labels_new (void)
{
  return g_object_new (ERRATA_TYPE_MODE_LABELS, NULL);
}

static void
set_taxonomy (ErrataModeLabels *self,
              ErrataTaxonomy   *taxonomy)
{
  if (self->taxonomy == taxonomy)
    return;
  if (self->taxonomy != NULL)
    g_signal_handlers_disconnect_by_data (self->taxonomy, self);
  g_set_object (&self->taxonomy, taxonomy);
  /* A mode added, renamed, deleted, or a note moved: every edit on the
   * canvas can change the rows. */
  if (taxonomy != NULL)
    g_signal_connect_object (taxonomy, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
}

/**
 * errata_mode_labels_set_trace:
 * @project: (nullable): the trace's project
 * @taxonomy: (nullable): its failure modes; without it only Overall shows
 * @trace_id: the trace, or 0 for none (the widget hides)
 * @annotator: the name labels are set under: the coding panel's
 *
 * Cheap while the expander is closed: the labels are read when it opens.
 */
void
errata_mode_labels_set_trace (ErrataModeLabels *self,
                              ErrataProject    *project,
                              ErrataTaxonomy   *taxonomy,
                              gint64            trace_id,
                              const char       *annotator)
{
  g_return_if_fail (ERRATA_IS_MODE_LABELS (self));
  g_return_if_fail (project == NULL || ERRATA_IS_PROJECT (project));
  g_return_if_fail (taxonomy == NULL || ERRATA_IS_TAXONOMY (taxonomy));

  g_set_object (&self->project, project);
  set_taxonomy (self, taxonomy);
  self->trace_id = trace_id;
  g_free (self->annotator);
  self->annotator = g_strdup (annotator);
  update (self);
}

/* Reads the labels again: after a review of the trace was saved, say. */
void
errata_mode_labels_refresh (ErrataModeLabels *self)
{
  g_return_if_fail (ERRATA_IS_MODE_LABELS (self));

  update (self);
}

gboolean
errata_mode_labels_get_expanded (ErrataModeLabels *self)
{
  g_return_val_if_fail (ERRATA_IS_MODE_LABELS (self), FALSE);

  return adw_expander_row_get_expanded (self->expander);
}

void
errata_mode_labels_set_expanded (ErrataModeLabels *self,
                                 gboolean          expanded)
{
  g_return_if_fail (ERRATA_IS_MODE_LABELS (self));

  adw_expander_row_set_expanded (self->expander, expanded);
}

/**
 * errata_mode_labels_set_label:
 * @target: ERRATA_TARGET_OVERALL or a failure mode's id
 * @value: the explicit label, or ERRATA_VERDICT_UNSET to clear it
 *
 * What the toggles do: records the change by the annotator, with the
 * coding panel as the reason, and updates the row.
 */
gboolean
errata_mode_labels_set_label (ErrataModeLabels  *self,
                              gint64             target,
                              ErrataVerdict      value,
                              GError           **error)
{
  g_autoptr(GError) read_error = NULL;
  g_autoptr(ErrataReviewEdit) edit = NULL;
  const char *reason;
  Row *row;

  g_return_val_if_fail (ERRATA_IS_MODE_LABELS (self), FALSE);
  g_return_val_if_fail (has_trace (self), FALSE);
  g_return_val_if_fail (self->annotator != NULL && *self->annotator != '\0', FALSE);

  reason = value == ERRATA_VERDICT_UNSET ? _("cleared in the coding panel")
                                         : _("set in the coding panel");
  if (!errata_review_edit_set_label (self->project, target, self->trace_id, value, self->annotator,
                                     reason, self->undo_stack ? &edit : NULL, error))
    return FALSE;
  if (edit != NULL)
    errata_undo_stack_push (self->undo_stack, &errata_review_edit_funcs, g_steal_pointer (&edit));
  row = self->stale ? NULL : find_row (self, target);
  if (row != NULL && !read_row (self, row, &read_error))
    /* The label is stored; only showing it failed. */
    show_summary (self, read_error);
  g_signal_emit (self, signals[LABEL_CHANGED], 0, target);
  return TRUE;
}

const char *
errata_mode_labels_get_row_text (ErrataModeLabels *self,
                                 gint64            target)
{
  Row *row;

  g_return_val_if_fail (ERRATA_IS_MODE_LABELS (self), NULL);

  row = self->stale ? NULL : find_row (self, target);
  return row != NULL ? row->text : NULL;
}

/* Each explicit label set here becomes a step of `undo_stack`. */
void
errata_mode_labels_set_undo_stack (ErrataModeLabels *self,
                                   ErrataUndoStack  *undo_stack)
{
  g_return_if_fail (ERRATA_IS_MODE_LABELS (self));
  g_return_if_fail (undo_stack == NULL || ERRATA_IS_UNDO_STACK (undo_stack));

  g_set_object (&self->undo_stack, undo_stack);
}
