/* errata-preferences-window.c: the application's preferences.
 *
 * A General page with the open-coding settings. Other parts of the
 * application add their own pages with errata_preferences_window_add_page()
 * (or groups to the General page), so this file does not need to know
 * every setting there is. Settings apply as they are typed, as in the rest
 * of GNOME.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-preferences-window.h"
#include "errata-llm-preferences-page.h"

struct _ErrataPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwPreferencesPage   *general_page;
  AdwPreferencesGroup  *coding_group;
  AdwEntryRow          *annotator_row;
  GtkSwitch            *blind_review_switch;
};

G_DEFINE_FINAL_TYPE (ErrataPreferencesWindow, errata_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The real name the panel falls back to, so that "empty" is concrete. */
static void
describe_annotator (ErrataPreferencesWindow *self)
{
  const char *real_name = g_get_real_name ();
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;

  if (real_name == NULL || *real_name == '\0' || g_str_equal (real_name, "Unknown"))
    real_name = g_get_user_name ();
  escaped = g_markup_escape_text (real_name, -1);
  /* Translators: %s is the user's real name from their account. */
  description = g_strdup_printf (_("The name stored with each review, so that reviews by "
                                   "several people can be told apart. Leave it empty to use "
                                   "your account’s name, “%s”."), escaped);
  adw_preferences_group_set_description (self->coding_group, description);
}

static void
errata_preferences_window_dispose (GObject *object)
{
  ErrataPreferencesWindow *self = ERRATA_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (errata_preferences_window_parent_class)->dispose (object);
}

static void
errata_preferences_window_class_init (ErrataPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataPreferencesWindow, general_page);
  gtk_widget_class_bind_template_child (widget_class, ErrataPreferencesWindow, coding_group);
  gtk_widget_class_bind_template_child (widget_class, ErrataPreferencesWindow, annotator_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataPreferencesWindow, blind_review_switch);
}

static void
errata_preferences_window_init (ErrataPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "annotator-name", self->annotator_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "blind-review", self->blind_review_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  describe_annotator (self);
  errata_preferences_window_add_page (self, errata_llm_preferences_page_new ());
}

/**
 * errata_preferences_window_new:
 * @parent: (nullable): the window the preferences belong to
 *
 * Returns: (transfer none): a new, modal preferences window, owned by GTK
 */
GtkWidget *
errata_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (ERRATA_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
}

/* For groups that belong with the general settings. */
AdwPreferencesPage *
errata_preferences_window_get_general_page (ErrataPreferencesWindow *self)
{
  g_return_val_if_fail (ERRATA_IS_PREFERENCES_WINDOW (self), NULL);
  return self->general_page;
}

/* A page of its own (for example the LLM settings), after General. */
void
errata_preferences_window_add_page (ErrataPreferencesWindow *self,
                                    AdwPreferencesPage      *page)
{
  g_return_if_fail (ERRATA_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (ADW_IS_PREFERENCES_PAGE (page));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
}
