/* errata-run-progress.c
 *
 * The Synthetic Data page (runs, and the LLM writing tuples or queries)
 * and the Experiments page (a variant's run: sending, then scoring) show
 * their long work the same way, so it lives here: the page keeps its
 * *.cancel action (shortcuts and tests activate it; its enabled state
 * follows the run), names it in `cancel-action-name`, and hands the
 * widget its toast overlay in `toast-overlay`.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-run-progress.h"

#include <glib/gi18n.h>

#include "errata-toast-helper.h"

struct _ErrataRunProgress
{
  GtkWidget        parent_instance;

  GCancellable    *cancellable;    /* non-NULL while a run is under way */
  AdwToastOverlay *toast_overlay;  /* weak: the page's, an ancestor */

  GtkWidget       *box;           /* the template's child: dispose_template unparents it */
  GtkWidget       *progress_box;
  GtkProgressBar  *progress_bar;
  GtkButton       *cancel_button;
  GtkLabel        *status_label;
};

G_DEFINE_FINAL_TYPE (ErrataRunProgress, errata_run_progress, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TOAST_OVERLAY,
  PROP_CANCEL_ACTION_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_visible (ErrataRunProgress *self,
             gboolean           visible)
{
  gtk_widget_set_visible (self->progress_box, visible);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), visible);
}

void
errata_run_progress_start (ErrataRunProgress *self,
                           GCancellable      *cancellable,
                           const char        *text)
{
  g_return_if_fail (ERRATA_IS_RUN_PROGRESS (self));
  g_return_if_fail (G_IS_CANCELLABLE (cancellable));

  g_set_object (&self->cancellable, cancellable);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
  /* The status line only: hiding a toast and showing the next one at once
   * is what libadwaita 1.2 mishandles; the last one times out by itself. */
  errata_run_progress_set_status (self, "");
  set_visible (self, TRUE);
}

void
errata_run_progress_update (ErrataRunProgress *self,
                            double             fraction,
                            const char        *text)
{
  g_return_if_fail (ERRATA_IS_RUN_PROGRESS (self));

  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0, 1));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

void
errata_run_progress_cancel (ErrataRunProgress *self)
{
  g_return_if_fail (ERRATA_IS_RUN_PROGRESS (self));

  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
}

void
errata_run_progress_stop (ErrataRunProgress *self)
{
  g_return_if_fail (ERRATA_IS_RUN_PROGRESS (self));

  g_clear_object (&self->cancellable);
  set_visible (self, FALSE);
}

void
errata_run_progress_finish (ErrataRunProgress *self,
                            const char        *message,
                            gboolean           stored_traces)
{
  g_return_if_fail (ERRATA_IS_RUN_PROGRESS (self));

  errata_run_progress_stop (self);
  errata_run_progress_say (self, message);
  /* The new traces are every page's: the Traces page's list and counts,
   * the Failure Modes and the Report read them again (through the window,
   * which knows the pages). A cancelled run kept what came back. */
  if (stored_traces)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.reload-pages", NULL);
}

void
errata_run_progress_set_status (ErrataRunProgress *self,
                                const char        *message)
{
  g_return_if_fail (ERRATA_IS_RUN_PROGRESS (self));

  gtk_label_set_text (self->status_label, message != NULL ? message : "");
}

void
errata_run_progress_say (ErrataRunProgress *self,
                         const char        *message)
{
  g_return_if_fail (ERRATA_IS_RUN_PROGRESS (self));

  errata_run_progress_set_status (self, message);
  if (self->toast_overlay == NULL)
    return;
  if (message != NULL && *message != '\0')
    errata_toast_helper_show (self->toast_overlay, message);
  else
    errata_toast_helper_hide (self->toast_overlay);
}

gboolean
errata_run_progress_is_running (ErrataRunProgress *self)
{
  g_return_val_if_fail (ERRATA_IS_RUN_PROGRESS (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * errata_run_progress_get_cancellable:
 *
 * Returns: (transfer none) (nullable): the run's, NULL when none runs
 */
GCancellable *
errata_run_progress_get_cancellable (ErrataRunProgress *self)
{
  g_return_val_if_fail (ERRATA_IS_RUN_PROGRESS (self), NULL);

  return self->cancellable;
}

/* GObject ------------------------------------------------------------------ */

static void
errata_run_progress_dispose (GObject *object)
{
  ErrataRunProgress *self = ERRATA_RUN_PROGRESS (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->toast_overlay);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_RUN_PROGRESS);
  G_OBJECT_CLASS (errata_run_progress_parent_class)->dispose (object);
}

static void
errata_run_progress_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ErrataRunProgress *self = ERRATA_RUN_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_TOAST_OVERLAY:
      g_value_set_object (value, self->toast_overlay);
      break;
    case PROP_CANCEL_ACTION_NAME:
      g_value_set_string (value, gtk_actionable_get_action_name (GTK_ACTIONABLE (self->cancel_button)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_run_progress_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ErrataRunProgress *self = ERRATA_RUN_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_TOAST_OVERLAY:
      if (g_set_weak_pointer (&self->toast_overlay, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_CANCEL_ACTION_NAME:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button),
                                      g_value_get_string (value));
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_run_progress_class_init (ErrataRunProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_run_progress_dispose;
  object_class->get_property = errata_run_progress_get_property;
  object_class->set_property = errata_run_progress_set_property;

  properties[PROP_TOAST_OVERLAY] =
    g_param_spec_object ("toast-overlay", NULL, NULL, ADW_TYPE_TOAST_OVERLAY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CANCEL_ACTION_NAME] =
    g_param_spec_string ("cancel-action-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-run-progress.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataRunProgress, box);
  gtk_widget_class_bind_template_child (widget_class, ErrataRunProgress, progress_box);
  gtk_widget_class_bind_template_child (widget_class, ErrataRunProgress, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ErrataRunProgress, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataRunProgress, status_label);
}

static void
errata_run_progress_init (ErrataRunProgress *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
errata_run_progress_new (void)
{
  return g_object_new (ERRATA_TYPE_RUN_PROGRESS, NULL);
}
