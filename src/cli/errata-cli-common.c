/* errata-cli-common.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "errata-cli-common.h"

#include <glib/gi18n.h>

#include "errata-remote-consent.h"

int
errata_cli_fail (int         status,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("errata-cli: %s\n", message);
  return status;
}

GOptionContext *
errata_cli_context_new (const char *parameter,
                        const char *summary)
{
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_summary (context, summary);
  return context;
}

/* Parses options; on failure prints the error and the command's help. */
gboolean
errata_cli_parse_options (GOptionContext   *context,
                          int              *argc,
                          char           ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *help = NULL;

  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;
  help = g_option_context_get_help (context, TRUE, NULL);
  g_printerr ("errata-cli: %s\n", error->message);
  g_printerr ("%s", help);
  return FALSE;
}

/* The command's options in GETTEXT_PACKAGE's language, then parsed as above. */
gboolean
errata_cli_parse_entries (GOptionContext      *context,
                          const GOptionEntry  *entries,
                          int                 *argc,
                          char              ***argv)
{
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return errata_cli_parse_options (context, argc, argv);
}

/* A GAsyncReadyCallback that keeps the result in *slot. */
void
errata_cli_on_result (GObject      *source,
                      GAsyncResult *result,
                      gpointer      slot)
{
  *(GAsyncResult **)slot = g_object_ref (result);
}

/* Iterates the main context until errata_cli_on_result() filled *slot. */
GAsyncResult *
errata_cli_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

void
errata_cli_json_add_int (JsonBuilder *builder,
                         const char  *name,
                         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
errata_cli_json_add_double (JsonBuilder *builder,
                            const char  *name,
                            double       value)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

/* [lower, upper], as every interval in the output is written. */
void
errata_cli_json_add_interval (JsonBuilder *builder,
                              const char  *name,
                              double       lower,
                              double       upper)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, lower);
  json_builder_add_double_value (builder, upper);
  json_builder_end_array (builder);
}

/* The annotator name the GUI would record (its preference, else the real
 * name, else the login), so labels set here and reviews made there carry
 * the same name. */
char *
errata_cli_dup_user_name (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  const char *real_name = g_get_real_name ();

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "annotator-name"))
    {
      g_autoptr(GSettings) settings = g_settings_new_full (schema, NULL, NULL);
      g_autofree char *name = g_strstrip (g_settings_get_string (settings, "annotator-name"));

      if (*name != '\0')
        return g_steal_pointer (&name);
    }
  if (real_name != NULL && *real_name != '\0' && g_strcmp0 (real_name, "Unknown") != 0)
    return g_strdup (real_name);
  return g_strdup (g_get_user_name ());
}

/* Whether traces may go to the provider at @base_url: a provider on this
 * machine or one the project allowed needs nothing; with @allow
 * (--allow-remote) the project's consent is recorded under the user's
 * name (later runs need no flag); otherwise the error says how to allow. */
gboolean
errata_cli_check_remote (ErrataProject  *project,
                         const char     *base_url,
                         gboolean        allow,
                         GError        **error)
{
  g_autofree char *who = NULL;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);

  if (base_url == NULL || errata_remote_consent_is_given (project, base_url))
    return TRUE;
  if (!allow)
    return errata_remote_consent_check (project, base_url, error);
  who = errata_cli_dup_user_name ();
  return errata_remote_consent_record (project, base_url, who, error);
}
