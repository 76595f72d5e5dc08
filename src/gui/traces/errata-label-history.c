/* errata-label-history.c: the trace's label history, in the coding panel.
 *
 * The rows are errata_labels_trace_history(), oldest first: every change
 * whatever made it (adjudication, errata-cli label, a labels file, the
 * labels' toggles, an undo), with the target, the old and new label, who,
 * when and the reason. One indexed query per trace shown; the rows are
 * plain text, since names, mode names and reasons come from the project.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-label-history.h"
#include "errata-date.h"
#include "errata-ground-truth.h"
#include "errata-labels.h"

struct _ErrataLabelHistory
{
  GtkWidget       parent_instance;

  GPtrArray      *rows;   /* of AdwActionRow, in the expander */
  GtkListBox     *list;
  AdwExpanderRow *expander;
};

G_DEFINE_FINAL_TYPE (ErrataLabelHistory, errata_label_history, GTK_TYPE_WIDGET)

static const char *
value_text (ErrataVerdict value)
{
  switch (value)
    {
    case ERRATA_VERDICT_PASS:
      return _("pass");
    case ERRATA_VERDICT_FAIL:
      return _("fail");
    case ERRATA_VERDICT_UNSET:
    default:
      /* Translators: a label that was not set (before) or was cleared (after). */
      return _("none");
    }
}

/* "Overall: none → fail", "“Wrong amount”: fail → pass". */
static char *
describe_change (ErrataProject           *project,
                 const ErrataLabelChange *change)
{
  g_autofree char *target = NULL;

  if (change->target == ERRATA_TARGET_OVERALL)
    target = g_strdup (_("Overall"));
  else
    {
      g_autofree char *name = errata_target_describe (project, change->target);

      /* Translators: a failure mode's name, quoted. */
      target = g_strdup_printf (_("“%s”"), name);
    }
  /* Translators: "Overall: none → fail": the target, the old and the new label. */
  return g_strdup_printf (_("%s: %s → %s"), target, value_text (change->old_value),
                          value_text (change->new_value));
}

/* "Carla · 4 Dec 2026, 12:44 · the amount is wrong". */
static char *
describe_details (const ErrataLabelChange *change)
{
  g_autofree char *when = errata_date_format_usec (change->changed_at);

  if (change->reason == NULL || *change->reason == '\0')
    /* Translators: who changed a label, and when. */
    return g_strdup_printf (_("%s · %s · no reason given"), change->who, when);
  /* Translators: who changed a label, when, and why. */
  return g_strdup_printf (_("%s · %s · %s"), change->who, when, change->reason);
}

static GtkWidget *
new_row (ErrataProject           *project,
         const ErrataLabelChange *change)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = describe_change (project, change);
  g_autofree char *subtitle = describe_details (change);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* A reason is read whole, not cut at one line. */
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "label-change");
  return row;
}

static void
remove_rows (ErrataLabelHistory *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_expander_row_remove (self->expander, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
}

static void
show_changes (ErrataLabelHistory *self,
              ErrataProject      *project,
              GPtrArray          *changes)
{
  g_autofree char *summary = NULL;

  for (guint i = 0; i < changes->len; i++)
    {
      GtkWidget *row = new_row (project, changes->pdata[i]);

      g_ptr_array_add (self->rows, row);
      adw_expander_row_add_row (self->expander, row);
    }
  summary = g_strdup_printf (ngettext ("%u change of an explicit label",
                                       "%u changes of explicit labels", changes->len),
                             changes->len);
  adw_expander_row_set_subtitle (self->expander, summary);
}

static void
errata_label_history_dispose (GObject *object)
{
  ErrataLabelHistory *self = ERRATA_LABEL_HISTORY (object);

  /* The rows belong to the expander, which goes with the template. */
  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_LABEL_HISTORY);

  G_OBJECT_CLASS (errata_label_history_parent_class)->dispose (object);
}

static void
errata_label_history_finalize (GObject *object)
{
  ErrataLabelHistory *self = ERRATA_LABEL_HISTORY (object);

  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (errata_label_history_parent_class)->finalize (object);
}

static void
errata_label_history_class_init (ErrataLabelHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_label_history_dispose;
  object_class->finalize = errata_label_history_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "labelhistory");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-label-history.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataLabelHistory, list);
  gtk_widget_class_bind_template_child (widget_class, ErrataLabelHistory, expander);
}

static void
errata_label_history_init (ErrataLabelHistory *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
errata_label_history_new (void)
{
  return g_object_new (ERRATA_TYPE_LABEL_HISTORY, NULL);
}

void
errata_label_history_set_trace (ErrataLabelHistory *self,
                                ErrataProject      *project,
                                gint64              trace_id)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ERRATA_IS_LABEL_HISTORY (self));
  g_return_if_fail (project == NULL || ERRATA_IS_PROJECT (project));

  remove_rows (self);
  if (project != NULL && trace_id > 0)
    changes = errata_labels_trace_history (project, trace_id, &error);
  if (changes != NULL)
    show_changes (self, project, changes);
  else if (error != NULL)
    {
      /* Translators: %s says why the label history could not be read. */
      g_autofree char *text = g_strdup_printf (_("Could not read the label history: %s"),
                                               error->message);

      adw_expander_row_set_subtitle (self->expander, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), self->rows->len > 0 || error != NULL);
}

guint
errata_label_history_get_n_changes (ErrataLabelHistory *self)
{
  g_return_val_if_fail (ERRATA_IS_LABEL_HISTORY (self), 0);

  return self->rows->len;
}

const char *
errata_label_history_get_row_title (ErrataLabelHistory *self,
                                    guint               index)
{
  g_return_val_if_fail (ERRATA_IS_LABEL_HISTORY (self), NULL);

  if (index >= self->rows->len)
    return NULL;
  return adw_preferences_row_get_title (self->rows->pdata[index]);
}

const char *
errata_label_history_get_row_subtitle (ErrataLabelHistory *self,
                                       guint               index)
{
  g_return_val_if_fail (ERRATA_IS_LABEL_HISTORY (self), NULL);

  if (index >= self->rows->len)
    return NULL;
  return adw_action_row_get_subtitle (self->rows->pdata[index]);
}
