/* errata-labels-panel.c
 *
 * Everything here is read from the core each time the target is set:
 * the split counts (errata_splits_get_counts, after errata_splits_update
 * has assigned new labels), where the labels come from
 * (errata_ground_truth_count) and the disputed traces. Settling one
 * records an explicit label by the current annotator and tells the page
 * through evaluators.labels-changed, which reloads every panel.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "errata-labels-panel.h"
#include "errata-ground-truth.h"
#include "errata-labels.h"
#include "errata-splits.h"

/* Shown at most; a target with more disputes says how many are left. */
#define MAX_DISPUTED_ROWS 50

/* An interval wider than this (in points of percentage) is not useful
 * for telling one prompt from the next. */
#define MAX_USEFUL_WIDTH 30.0

struct _ErrataLabelsPanel
{
  GtkWidget          parent_instance;

  ErrataWorkspace   *workspace;
  gint64             target;
  ErrataSplitCounts  counts;
  guint              n_disputed;
  char              *warning;

  GtkLabel          *sources_label;
  GtkGrid           *counts_grid;
  GtkLabel          *split_label;
  GtkLabel          *warning_label;
  AdwPreferencesGroup *disputed_group;
  GtkListBox        *disputed_list;
};

G_DEFINE_FINAL_TYPE (ErrataLabelsPanel, errata_labels_panel, GTK_TYPE_WIDGET)

/* Small splits ---------------------------------------------------------- */

/* The width, in points, of the 95% interval of a rate near 90% measured
 * on n traces: what a judge measured on this class can hope for. */
static double
interval_width (guint n)
{
  ErrataInterval interval;

  if (n == 0)
    return 100;
  interval = errata_wilson_interval ((guint)(0.9 * n + 0.5), n, 1.96);
  return 100 * (interval.upper - interval.lower);
}

static char *
describe_class (const char *split_name,
                guint       n,
                gboolean    fail)
{
  double width = interval_width (n);

  if (width <= MAX_USEFUL_WIDTH)
    return NULL;
  if (n == 0)
    return fail
           /* Translators: %s is a split: dev or test. */
           ? g_strdup_printf (_("%s has no failing traces: TNR cannot be measured there."), split_name)
           : g_strdup_printf (_("%s has no passing traces: TPR cannot be measured there."), split_name);
  return fail
         /* Translators: the first %s is a split (dev or test), %u a count,
          * %.0f the width of an interval in percentage points. */
         ? g_strdup_printf (ngettext ("%s has %u fail: TNR's 95%% interval spans about %.0f points.",
                                      "%s has %u fails: TNR's 95%% interval spans about %.0f points.", n),
                            split_name, n, width)
         : g_strdup_printf (ngettext ("%s has %u pass: TPR's 95%% interval spans about %.0f points.",
                                      "%s has %u passes: TPR's 95%% interval spans about %.0f points.", n),
                            split_name, n, width);
}

/* A warning for a split whose classes are too small for a useful
 * interval, or NULL. Public for the tests. */
char *
errata_labels_describe_small_split (const char *split_name,
                                    guint       n_pass,
                                    guint       n_fail)
{
  g_autofree char *fails = describe_class (split_name, n_fail, TRUE);
  g_autofree char *passes = describe_class (split_name, n_pass, FALSE);

  if (fails != NULL && passes != NULL)
    return g_strconcat (fails, " ", passes, NULL);
  return g_strdup (fails != NULL ? fails : passes);
}

static void
update_warning (ErrataLabelsPanel *self)
{
  g_autofree char *dev = NULL;
  g_autofree char *test = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  dev = errata_labels_describe_small_split (_("dev"), self->counts.counts[ERRATA_SPLIT_DEV][0],
                                            self->counts.counts[ERRATA_SPLIT_DEV][1]);
  test = errata_labels_describe_small_split (_("test"), self->counts.counts[ERRATA_SPLIT_TEST][0],
                                             self->counts.counts[ERRATA_SPLIT_TEST][1]);
  if (dev != NULL)
    g_string_append (text, dev);
  if (test != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", test);
  if (text->len > 0)
    g_string_append_printf (text, "\n%s", _("Label more traces of the small class: each new label goes to a split."));
  g_free (self->warning);
  self->warning = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_label_set_text (self->warning_label, self->warning);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), *self->warning != '\0');
}

/* Counts ---------------------------------------------------------------- */

static GtkWidget *
grid_label (const char *text,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), heading ? 0.0 : 1.0);
  gtk_widget_add_css_class (label, heading ? "heading" : "numeric");
  return label;
}

static void
fill_counts_grid (ErrataLabelsPanel *self)
{
  static const struct { ErrataSplit split; const char *name; } rows[] = {
    { ERRATA_SPLIT_TRAIN, N_("Train (few-shot examples)") },
    { ERRATA_SPLIT_DEV, N_("Dev (align the prompt)") },
    { ERRATA_SPLIT_TEST, N_("Test (looked at once)") },
    { ERRATA_SPLIT_NONE, N_("Not assigned yet") },
  };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->counts_grid))) != NULL)
    gtk_grid_remove (self->counts_grid, child);
  gtk_grid_attach (self->counts_grid, grid_label (_("Pass"), TRUE), 1, 0, 1, 1);
  gtk_grid_attach (self->counts_grid, grid_label (_("Fail"), TRUE), 2, 0, 1, 1);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *pass = g_strdup_printf ("%u", self->counts.counts[rows[i].split][0]);
      g_autofree char *fail = g_strdup_printf ("%u", self->counts.counts[rows[i].split][1]);
      GtkWidget *name = grid_label (_(rows[i].name), FALSE);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_remove_css_class (name, "numeric");
      gtk_grid_attach (self->counts_grid, name, 0, i + 1, 1, 1);
      gtk_grid_attach (self->counts_grid, grid_label (pass, FALSE), 1, i + 1, 1, 1);
      gtk_grid_attach (self->counts_grid, grid_label (fail, FALSE), 2, i + 1, 1, 1);
    }
}

/* "12 explicit labels · 30 from reviews made here · 101 imported": the
 * labels behind every number on the page, by source. */
static void
update_sources (ErrataLabelsPanel *self,
                ErrataProject     *project)
{
  ErrataTruthCounts truth;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!errata_ground_truth_count (project, self->target, &truth, &error))
    {
      gtk_label_set_text (self->sources_label, error->message);
      return;
    }
  text = g_strdup_printf (_("%u explicit labels · %u from reviews made here · %u imported · "
                            "%u disputed"),
                          truth.n_explicit, truth.n_reviews, truth.n_imported, truth.n_disputed);
  if (truth.n_review_import_differ > 0)
    {
      g_autofree char *base = g_steal_pointer (&text);

      text = g_strdup_printf (ngettext ("%s. On %u trace your reviews differ from an imported "
                                        "label; the reviews count.",
                                        "%s. On %u traces your reviews differ from an imported "
                                        "label; the reviews count.", truth.n_review_import_differ),
                              base, truth.n_review_import_differ);
    }
  gtk_label_set_text (self->sources_label, text);
}

static void
update_split_label (ErrataLabelsPanel *self,
                    ErrataProject     *project)
{
  g_autofree char *text = NULL;
  gboolean seen = FALSE;

  errata_splits_test_seen (project, self->target, &seen, NULL);
  text = g_strdup_printf (_("Split %.0f%% train · %.0f%% dev · %.0f%% test, seed %" PRIu64
                            "%s"),
                          100 * self->counts.train, 100 * self->counts.dev, 100 * self->counts.test,
                          self->counts.seed,
                          seen ? _(". The test split has been looked at: it is frozen.") : ".");
  gtk_label_set_text (self->split_label, text);
}

/* Disputed traces -------------------------------------------------------- */

static void
on_settle_clicked (GtkButton *button)
{
  ErrataLabelsPanel *self = g_object_get_data (G_OBJECT (button), "errata-panel");
  gint64 trace_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "errata-trace"));
  gboolean pass = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "errata-pass"));
  g_autoptr(GError) error = NULL;

  if (!errata_labels_panel_settle (self, trace_id, pass, &error))
    gtk_widget_activate_action (GTK_WIDGET (self), "evaluators.show-message", "s", error->message);
}

static GtkWidget *
settle_button (ErrataLabelsPanel *self,
               gint64             trace_id,
               gboolean           pass)
{
  GtkWidget *button = gtk_button_new_with_label (pass ? _("Pass") : _("Fail"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, pass ? _("Settle as pass: an explicit label by you")
                                            : _("Settle as fail: an explicit label by you"));
  g_object_set_data (G_OBJECT (button), "errata-panel", self);
  g_object_set_data (G_OBJECT (button), "errata-trace", GSIZE_TO_POINTER (trace_id));
  g_object_set_data (G_OBJECT (button), "errata-pass", GINT_TO_POINTER (pass));
  g_signal_connect (button, "clicked", G_CALLBACK (on_settle_clicked), NULL);
  return button;
}

static GtkWidget *
disputed_row (ErrataLabelsPanel *self,
              ErrataProject     *project,
              gint64             trace_id)
{
  g_autoptr(ErrataTrace) trace = errata_project_get_trace (project, trace_id, NULL);
  g_autofree char *title = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *open = gtk_button_new_from_icon_name ("go-next-symbolic");

  title = trace != NULL && errata_trace_get_external_id (trace) != NULL
          ? g_strdup (errata_trace_get_external_id (trace))
          : g_strdup_printf (_("Trace %" PRId64), trace_id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), settle_button (self, trace_id, TRUE));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), settle_button (self, trace_id, FALSE));
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (open, "flat");
  gtk_widget_set_tooltip_text (open, _("Open in Traces"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "evaluators.open-trace");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "x", trace_id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
  return row;
}

static void
fill_disputed (ErrataLabelsPanel *self,
               ErrataProject     *project)
{
  g_autoptr(GArray) truths = errata_ground_truth_list (project, self->target, NULL);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->disputed_list))) != NULL)
    gtk_list_box_remove (self->disputed_list, child);
  self->n_disputed = 0;
  for (guint i = 0; truths != NULL && i < truths->len; i++)
    {
      const ErrataTruth *truth = &g_array_index (truths, ErrataTruth, i);

      if (!truth->disputed)
        continue;
      self->n_disputed++;
      if (shown++ < MAX_DISPUTED_ROWS)
        gtk_list_box_append (self->disputed_list, disputed_row (self, project, truth->trace_id));
    }
  if (self->n_disputed > MAX_DISPUTED_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_("%u more disputed traces: settle these first, "
                                                 "or label them with errata-cli label."),
                                               self->n_disputed - MAX_DISPUTED_ROWS);
      GtkWidget *label = gtk_label_new (more);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_append (self->disputed_list, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->disputed_group), self->n_disputed > 0);
}

/* API ------------------------------------------------------------------- */

void
errata_labels_panel_set_target (ErrataLabelsPanel *self,
                                ErrataWorkspace   *workspace,
                                gint64             target)
{
  ErrataProject *project;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ERRATA_IS_LABELS_PANEL (self));
  g_return_if_fail (workspace == NULL || ERRATA_IS_WORKSPACE (workspace));

  g_set_object (&self->workspace, workspace);
  self->target = target;
  memset (&self->counts, 0, sizeof self->counts);
  if (workspace == NULL)
    return;
  project = errata_workspace_get_project (workspace);
  /* Labels set since the last look (on the Traces page, by the CLI) go
   * to their splits first, so the counts are the ones a run would use. */
  if (!errata_splits_update (project, target, &error) ||
      !errata_splits_get_counts (project, target, &self->counts, &error))
    gtk_label_set_text (self->split_label, error->message);
  else
    update_split_label (self, project);
  update_sources (self, project);
  fill_counts_grid (self);
  update_warning (self);
  fill_disputed (self, project);
}

gboolean
errata_labels_panel_settle (ErrataLabelsPanel  *self,
                            gint64              trace_id,
                            gboolean            pass,
                            GError            **error)
{
  g_autofree char *who = NULL;

  g_return_val_if_fail (ERRATA_IS_LABELS_PANEL (self), FALSE);
  g_return_val_if_fail (self->workspace != NULL, FALSE);

  who = errata_workspace_dup_annotator (self->workspace);
  if (!errata_labels_set (errata_workspace_get_project (self->workspace), self->target, trace_id,
                          pass ? ERRATA_VERDICT_PASS : ERRATA_VERDICT_FAIL, who,
                          _("settled on the Evaluators page"), error))
    return FALSE;
  errata_labels_panel_set_target (self, self->workspace, self->target);
  gtk_widget_activate_action (GTK_WIDGET (self), "evaluators.labels-changed", NULL);
  return TRUE;
}

guint
errata_labels_panel_get_count (ErrataLabelsPanel *self,
                               int                split,
                               gboolean           fail)
{
  g_return_val_if_fail (ERRATA_IS_LABELS_PANEL (self), 0);
  g_return_val_if_fail (split >= 0 && split < 4, 0);

  return self->counts.counts[split][fail ? 1 : 0];
}

const char *
errata_labels_panel_get_warning (ErrataLabelsPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_LABELS_PANEL (self), NULL);

  return self->warning != NULL ? self->warning : "";
}

guint
errata_labels_panel_get_n_disputed (ErrataLabelsPanel *self)
{
  g_return_val_if_fail (ERRATA_IS_LABELS_PANEL (self), 0);

  return self->n_disputed;
}

/* GObject --------------------------------------------------------------- */

static void
errata_labels_panel_dispose (GObject *object)
{
  ErrataLabelsPanel *self = ERRATA_LABELS_PANEL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_LABELS_PANEL);
  /* The scroller at the top has no id: dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->warning, g_free);

  G_OBJECT_CLASS (errata_labels_panel_parent_class)->dispose (object);
}

static void
errata_labels_panel_class_init (ErrataLabelsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_labels_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-labels-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataLabelsPanel, sources_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataLabelsPanel, counts_grid);
  gtk_widget_class_bind_template_child (widget_class, ErrataLabelsPanel, split_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataLabelsPanel, warning_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataLabelsPanel, disputed_group);
  gtk_widget_class_bind_template_child (widget_class, ErrataLabelsPanel, disputed_list);
}

static void
errata_labels_panel_init (ErrataLabelsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
errata_labels_panel_new (void)
{
  return g_object_new (ERRATA_TYPE_LABELS_PANEL, NULL);
}
