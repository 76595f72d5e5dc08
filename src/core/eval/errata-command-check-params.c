/* errata-command-check-params.c: reading a command check's parameters
 * (command, timeout, concurrency), each refused by name when it is missing,
 * of the wrong type or out of range (through the code checks' readers,
 * errata-code-check-params.c), and the command line shown for them.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-command-check-private.h"

#include "errata-code-check-private.h"
#include "errata-eval-types.h"
#include "errata-json-guard.h"
#include "errata-messages.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MAX_TIMEOUT       (24.0 * 3600.0)
#define MAX_CONCURRENCY   256

/* Parameters ------------------------------------------------------------- */

static gboolean
node_is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node)
         && (json_node_get_value_type (node) == G_TYPE_INT64
             || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

gboolean
_errata_command_check_read_command (ErrataCommandCheck  *self,
                                    JsonObject          *params,
                                    GError             **error)
{
  Params p = { "command", params };
  JsonNode *node = _errata_check_param_node (&p, "command");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL)
    return _errata_check_param_error (error, &p, "command", _("it is required"));
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    return _errata_check_param_error (error, &p, "command",
                                      _("expected the program and its arguments as a list of "
                                        "strings, found %s"),
                                      errata_json_node_describe (node));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!_errata_check_is_string (item))
        return _errata_check_param_error (error, &p, "command", _("item %u is %s, not a string"),
                                          i + 1, errata_json_node_describe (item));
      g_strv_builder_add (builder, json_node_get_string (item));
    }
  self->argv = g_strv_builder_end (builder);
  if (*self->argv[0] == '\0')
    return _errata_check_param_error (error, &p, "command", _("the program’s name is empty"));
  return TRUE;
}

gboolean
_errata_command_check_read_timeout (ErrataCommandCheck  *self,
                                    JsonObject          *params,
                                    GError             **error)
{
  Params p = { "command", params };
  JsonNode *node = _errata_check_param_node (&p, "timeout");

  if (node == NULL)
    return TRUE;
  if (!node_is_number (node))
    return _errata_check_param_error (error, &p, "timeout",
                                      _("expected a number of seconds, found %s"),
                                      errata_json_node_describe (node));
  self->timeout = json_node_get_double (node);
  if (!(self->timeout > 0 && self->timeout <= MAX_TIMEOUT))
    return _errata_check_param_error (error, &p, "timeout",
                                      _("expected more than 0 and at most %g seconds, found %g"),
                                      MAX_TIMEOUT, self->timeout);
  return TRUE;
}

gboolean
_errata_command_check_read_concurrency (ErrataCommandCheck  *self,
                                        JsonObject          *params,
                                        GError             **error)
{
  Params p = { "command", params };
  JsonNode *node = _errata_check_param_node (&p, "concurrency");
  double value;

  if (node == NULL)
    return TRUE;
  value = node_is_number (node) ? json_node_get_double (node) : 0;
  if (!node_is_number (node) || value < 1 || value > MAX_CONCURRENCY || value != (guint)value)
    return _errata_check_param_error (error, &p, "concurrency",
                                      _("expected a whole number from 1 to %d, found %s"),
                                      MAX_CONCURRENCY, errata_json_node_describe (node));
  self->concurrency = (guint)value;
  return TRUE;
}

gboolean
_errata_command_check_check_known_params (JsonObject  *params,
                                          GError     **error)
{
  static const char * const known[] = { "command", "timeout", "concurrency", NULL };
  Params p = { "command", params };
  g_autoptr(GList) names = params != NULL ? json_object_get_members (params) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (params, name);

      if (g_strv_contains (known, name))
        continue;
      if (g_str_equal (name, "kind") && _errata_check_is_string (node)
          && g_str_equal (json_node_get_string (node), "command"))
        continue;
      if (g_str_equal (name, "kind"))
        return _errata_check_param_error (error, &p, name, _("it says another kind than “%s”"),
                                          "command");
      return _errata_check_param_error (error, &p, name, _("unknown parameter (this kind takes: %s)"),
                                        "command, timeout, concurrency");
    }
  return TRUE;
}

/* Safe characters are left alone so that the line reads like what the
 * user typed; anything else is quoted the way a POSIX shell would. */
static char *
quote_argument (const char *argument)
{
  if (*argument == '\0')
    return g_strdup ("''");
  for (const char *p = argument; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_@%+=:,./-", *p) == NULL)
      return g_shell_quote (argument);
  return g_strdup (argument);
}

char *
_errata_command_check_make_command_line (char **argv)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; argv[i] != NULL; i++)
    {
      g_autofree char *quoted = quote_argument (argv[i]);

      g_string_append_printf (line, "%s%s", i > 0 ? " " : "", quoted);
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}
