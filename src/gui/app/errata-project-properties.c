/* errata-project-properties.c: "Project Properties" from the main menu.
 * Shows the file and its traces, and the project's consent to send traces
 * to remote LLM providers (errata-remote-consent.h), one row per allowed
 * host with Revoke: the next send there asks again.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-project-properties.h"

#include <glib/gi18n.h>

#include "errata-date.h"
#include "errata-remote-consent.h"
#include "errata-toast-helper.h"

struct _ErrataProjectProperties
{
  AdwWindow            parent_instance;

  ErrataProject       *project;
  GPtrArray           *remote_rows;

  AdwToastOverlay     *toast_overlay;
  AdwActionRow        *file_row;
  AdwActionRow        *traces_row;
  AdwPreferencesGroup *remote_group;
};

G_DEFINE_FINAL_TYPE (ErrataProjectProperties, errata_project_properties, ADW_TYPE_WINDOW)

/* "4 Dec 2026, 12:00" in local time, from the stored ISO 8601 text. */
static char *
format_when (const char *iso)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? errata_date_format (local) : g_strdup (iso);
}

static GtkWidget *
consent_row (const ErrataRemoteConsent *consent)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *when = format_when (consent->at);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Revoke"));

  /* Translators: %s is a host name, "api.openai.com". */
  title = g_strdup_printf (_("Allowed for %s"), consent->host);
  /* Translators: "OpenAI, on 4 Dec 2026, 12:00 by Ana": a provider, a date, a person. */
  subtitle = g_strdup_printf (_("%s, on %s by %s"), consent->provider, when,
                              *consent->by != '\0' ? consent->by : _("someone"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Ask again before the next send"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "properties.revoke");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", consent->host);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static GtkWidget *
none_row (void)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None allowed"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Traces go only to a provider on this machine until you "
                                 "allow one when asked."));
  return row;
}

static void
fill_remote (ErrataProjectProperties *self)
{
  g_autoptr(GPtrArray) consents = errata_remote_consent_list (self->project);

  for (guint i = 0; i < self->remote_rows->len; i++)
    adw_preferences_group_remove (self->remote_group, self->remote_rows->pdata[i]);
  g_ptr_array_set_size (self->remote_rows, 0);
  for (guint i = 0; i < consents->len; i++)
    g_ptr_array_add (self->remote_rows, consent_row (consents->pdata[i]));
  if (consents->len == 0)
    g_ptr_array_add (self->remote_rows, none_row ());
  for (guint i = 0; i < self->remote_rows->len; i++)
    adw_preferences_group_add (self->remote_group, self->remote_rows->pdata[i]);
}

static void
fill_project (ErrataProjectProperties *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (errata_project_get_file (self->project));
  g_autofree char *traces = NULL;
  ErrataProjectInfo info;

  adw_action_row_set_subtitle (self->file_row, path != NULL ? path : "");
  if (errata_project_get_info (self->project, &info, &error))
    traces = g_strdup_printf ("%" PRId64, info.traces);
  adw_action_row_set_subtitle (self->traces_row, traces != NULL ? traces : error->message);
}

static void
revoke_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ErrataProjectProperties *self = ERRATA_PROJECT_PROPERTIES (widget);
  const char *host = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!errata_remote_consent_revoke (self->project, host, &error))
    {
      errata_toast_helper_show (self->toast_overlay, error->message);
      return;
    }
  fill_remote (self);
  /* Translators: %s is a host name; Errata asks again before sending there. */
  text = g_strdup_printf (_("Revoked for %s"), host);
  errata_toast_helper_show (self->toast_overlay, text);
}

static void
errata_project_properties_dispose (GObject *object)
{
  ErrataProjectProperties *self = ERRATA_PROJECT_PROPERTIES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_PROJECT_PROPERTIES);
  g_clear_object (&self->project);
  g_clear_pointer (&self->remote_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (errata_project_properties_parent_class)->dispose (object);
}

static void
errata_project_properties_class_init (ErrataProjectPropertiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_project_properties_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-project-properties.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataProjectProperties, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ErrataProjectProperties, file_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataProjectProperties, traces_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataProjectProperties, remote_group);
  gtk_widget_class_install_action (widget_class, "properties.revoke", "s", revoke_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
errata_project_properties_init (ErrataProjectProperties *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->remote_rows = g_ptr_array_new ();
}

ErrataProjectProperties *
errata_project_properties_new (GtkWindow     *parent,
                               ErrataProject *project)
{
  ErrataProjectProperties *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  self = g_object_new (ERRATA_TYPE_PROJECT_PROPERTIES, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  fill_project (self);
  fill_remote (self);
  return self;
}
