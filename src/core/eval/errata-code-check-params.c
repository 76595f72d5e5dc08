/* errata-code-check-params.c: reading a code check's parameters, each
 * refused by name when it is missing, of the wrong type or out of range.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "errata-code-check-private.h"
#include "errata-eval-types.h"
#include "errata-messages.h"

char *
_errata_check_param_where (Params     *p,
                           const char *name)
{
  /* Translators: where a check's parameter is wrong, before what is
   * wrong: Check “regex”, parameter “pattern”: it is empty. */
  return g_strdup_printf (_("Check “%s”, parameter “%s”"), p->kind, name);
}

/* A member that is missing or null counts as not given. */
JsonNode *
_errata_check_param_node (Params     *p,
                          const char *name)
{
  JsonNode *node;

  if (p->params == NULL || !json_object_has_member (p->params, name))
    return NULL;
  node = json_object_get_member (p->params, name);
  return JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

gboolean
_errata_check_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
_errata_check_read_string (Params      *p,
                           const char  *name,
                           gboolean     required,
                           char       **out,
                           GError     **error)
{
  JsonNode *node = _errata_check_param_node (p, name);

  if (node == NULL)
    return !required || _errata_check_param_error (error, p, name, _("it is required"));
  if (!_errata_check_is_string (node))
    return _errata_check_param_error (error, p, name, _("expected a string, found %s"),
                                      errata_json_node_describe (node));
  if (*json_node_get_string (node) == '\0')
    return _errata_check_param_error (error, p, name, _("it is empty"));
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
_errata_check_read_bool (Params      *p,
                         const char  *name,
                         gboolean     default_value,
                         gboolean    *out,
                         GError     **error)
{
  JsonNode *node = _errata_check_param_node (p, name);

  *out = default_value;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return _errata_check_param_error (error, p, name, _("expected true or false, found %s"),
                                      errata_json_node_describe (node));
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* A whole number of 0 or more; 5.0 is accepted as 5. */
gboolean
_errata_check_read_count (Params      *p,
                          const char  *name,
                          gint64      *out,
                          GError     **error)
{
  JsonNode *node = _errata_check_param_node (p, name);
  double value;

  *out = -1;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node)
      || (json_node_get_value_type (node) != G_TYPE_INT64
          && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    return _errata_check_param_error (error, p, name, _("expected a whole number, found %s"),
                                      errata_json_node_describe (node));
  value = json_node_get_double (node);
  if (value < 0 || value != (double)(gint64)value || value > (double)G_MAXINT32)
    return _errata_check_param_error (error, p, name,
                                      _("expected a whole number from 0 to %d, found %g"),
                                      G_MAXINT32, value);
  *out = (gint64)value;
  return TRUE;
}

/* One of `choices` (NULL-terminated); `*out` is its index. */
gboolean
_errata_check_read_choice (Params             *p,
                           const char         *name,
                           const char * const *choices,
                           guint               default_index,
                           guint              *out,
                           GError            **error)
{
  JsonNode *node = _errata_check_param_node (p, name);
  g_autofree char *list = NULL;
  const char *value;

  *out = default_index;
  if (node == NULL)
    return TRUE;
  value = _errata_check_is_string (node) ? json_node_get_string (node) : "";
  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choices[i], value))
      {
        *out = i;
        return TRUE;
      }
  list = g_strjoinv (", ", (char **)choices);
  if (!_errata_check_is_string (node))
    return _errata_check_param_error (error, p, name, _("expected one of %s, found %s"), list,
                                      errata_json_node_describe (node));
  return _errata_check_param_error (error, p, name, _("expected one of %s, found “%s”"), list,
                                    value);
}

/* A non-empty list of non-empty strings. */
gboolean
_errata_check_read_strings (Params      *p,
                            const char  *name,
                            gboolean     required,
                            GPtrArray  **out,
                            GError     **error)
{
  JsonNode *node = _errata_check_param_node (p, name);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  if (node == NULL)
    return !required || _errata_check_param_error (error, p, name, _("it is required"));
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    return _errata_check_param_error (error, p, name, _("expected a list of strings, found %s"),
                                      errata_json_node_describe (node));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!_errata_check_is_string (item) || *json_node_get_string (item) == '\0')
        return _errata_check_param_error (error, p, name, _("item %u is not a non-empty string"),
                                          i + 1);
      g_ptr_array_add (strings, g_strdup (json_node_get_string (item)));
    }
  *out = g_steal_pointer (&strings);
  return TRUE;
}

gboolean
_errata_check_read_regex (Params      *p,
                          const char  *name,
                          gboolean     required,
                          gboolean     ignore_case,
                          char       **pattern,
                          GRegex     **regex,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!_errata_check_read_string (p, name, required, pattern, error))
    return FALSE;
  if (*pattern == NULL)
    return TRUE;
  /* OPTIMIZE lets PCRE2 compile the pattern to machine code once. */
  *regex = g_regex_new (*pattern, G_REGEX_OPTIMIZE | (ignore_case ? G_REGEX_CASELESS : 0), 0,
                        &local_error);
  if (*regex == NULL)
    return _errata_check_param_error (error, p, name, _("not a valid regular expression: %s"),
                                      local_error->message);
  return TRUE;
}
