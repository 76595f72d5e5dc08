/* errata-report-page.c
 *
 * The page gathers an ErrataReport (core) when it is shown and builds
 * its widgets from it (errata-report-page-build.c); the exports write
 * the same report with the core's HTML and PDF writers
 * (errata-report-page-export.c). An example opens its trace through
 * win.show-trace: the page never knows the Traces page.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-report-page-private.h"

#include <glib/gi18n.h>

#include "errata-toast-helper.h"

enum {
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ErrataReportPage, errata_report_page, GTK_TYPE_WIDGET)

void
_errata_report_page_show_toast (ErrataReportPage *self,
                                const char       *text)
{
  errata_toast_helper_show (self->toast_overlay, text);
}

static void
on_gathered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ErrataReportPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ErrataReport *report = errata_report_gather_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (report == NULL)
    {
      _errata_report_page_show_toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->report, errata_report_free);
  self->report = report;
  _errata_report_page_build (self);
}

/* The report on screen stays until the new one is there: no flash of an
 * empty page each time the page is shown. */
void
errata_report_page_reload (ErrataReportPage *self)
{
  g_return_if_fail (ERRATA_IS_REPORT_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  errata_report_gather_async (errata_project_get_file (errata_workspace_get_project (self->workspace)),
                              self->cancellable, on_gathered, g_object_ref (self));
}

gboolean
errata_report_page_is_loading (ErrataReportPage *self)
{
  g_return_val_if_fail (ERRATA_IS_REPORT_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

const ErrataReport *
errata_report_page_get_report (ErrataReportPage *self)
{
  g_return_val_if_fail (ERRATA_IS_REPORT_PAGE (self), NULL);

  return self->report;
}

ErrataWorkspace *
errata_report_page_get_workspace (ErrataReportPage *self)
{
  g_return_val_if_fail (ERRATA_IS_REPORT_PAGE (self), NULL);

  return self->workspace;
}

static void
errata_report_page_dispose (GObject *object)
{
  ErrataReportPage *self = ERRATA_REPORT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_REPORT_PAGE);
  G_OBJECT_CLASS (errata_report_page_parent_class)->dispose (object);
}

static void
errata_report_page_finalize (GObject *object)
{
  ErrataReportPage *self = ERRATA_REPORT_PAGE (object);

  g_clear_pointer (&self->report, errata_report_free);
  g_clear_object (&self->workspace);
  G_OBJECT_CLASS (errata_report_page_parent_class)->finalize (object);
}

static void
errata_report_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ErrataReportPage *self = ERRATA_REPORT_PAGE (object);

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
errata_report_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ErrataReportPage *self = ERRATA_REPORT_PAGE (object);

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
errata_report_page_constructed (GObject *object)
{
  ErrataReportPage *self = ERRATA_REPORT_PAGE (object);

  G_OBJECT_CLASS (errata_report_page_parent_class)->constructed (object);
  /* Gathered when shown (the window calls reload), not when the project
   * opens: a corrected rate runs a bootstrap per failure mode. */
  _errata_report_page_build (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  errata_report_page_reload (ERRATA_REPORT_PAGE (widget));
}

/* An example asks for its trace; the window shows it on the Traces page. */
static void
open_trace_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "win.show-trace", "x", g_variant_get_int64 (parameter));
}

/* A bar of the chart asks for its mode's traces, on the Traces page. */
static void
mode_traces_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "win.show-mode-traces", "x", g_variant_get_int64 (parameter));
}

static void
errata_report_page_class_init (ErrataReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_report_page_dispose;
  object_class->finalize = errata_report_page_finalize;
  object_class->get_property = errata_report_page_get_property;
  object_class->set_property = errata_report_page_set_property;
  object_class->constructed = errata_report_page_constructed;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, ERRATA_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataReportPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ErrataReportPage, content);

  gtk_widget_class_install_action (widget_class, "report.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "report.open-trace", "x", open_trace_action);
  gtk_widget_class_install_action (widget_class, "report.mode-traces", "x", mode_traces_action);
  _errata_report_page_class_add_exports (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "report.print", NULL);
}

static void
errata_report_page_init (ErrataReportPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
errata_report_page_new (ErrataWorkspace *workspace)
{
  g_return_val_if_fail (ERRATA_IS_WORKSPACE (workspace), NULL);

  return g_object_new (ERRATA_TYPE_REPORT_PAGE, "workspace", workspace, NULL);
}
