/* errata-synth-dimensions.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-synth-dimensions.h"

#include "errata-json-guard.h"
#include "errata-messages.h"
#include "errata-project-private.h"

#include <glib/gi18n-lib.h>

static gboolean G_GNUC_PRINTF (3, 4)
invalid (GError     **error,
         guint        index,
         const char  *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  if (index == 0)
    g_set_error_literal (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID, what);
  else
    g_set_error (error, ERRATA_SYNTH_ERROR, ERRATA_SYNTH_ERROR_INVALID,
                 _("Dimension %u: %s"), index, what);
  return FALSE;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
read_value (ErrataSynthDimension  *dimension,
            JsonNode              *node,
            guint                  index,
            guint                  value_index,
            GError               **error)
{
  const char *given = NULL;
  const char *description = "";
  g_autofree char *value = NULL;

  if (is_string (node))
    given = json_node_get_string (node);
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      given = errata_json_member_string (json_node_get_object (node), "value", NULL);
      description = errata_json_member_string (json_node_get_object (node), "description", "");
    }
  if (given == NULL)
    return invalid (error, index, _("value %u is %s; expected a string or "
                                    "{\"value\": …, \"description\": …}"),
                    value_index + 1, errata_json_node_describe (node));
  value = g_strstrip (g_strdup (given));
  if (*value == '\0')
    return invalid (error, index, _("value %u is empty"), value_index + 1);
  if (errata_synth_dimension_has_value (dimension, value))
    return invalid (error, index, _("the value “%s” is given twice"), value);
  g_ptr_array_add (dimension->values, errata_synth_value_new (value, description));
  return TRUE;
}

static ErrataSynthDimension *
read_dimension (JsonNode   *node,
                GPtrArray  *before,
                guint       index,
                GError    **error)
{
  g_autoptr(ErrataSynthDimension) dimension = NULL;
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *name = errata_json_member_string (object, "name", NULL);
  JsonArray *values = errata_json_member_array (object, "values");
  g_autofree char *stripped = name != NULL ? g_strstrip (g_strdup (name)) : NULL;

  if (object == NULL)
    return invalid (error, index, _("expected an object, found %s"),
                    errata_json_node_describe (node)), NULL;
  name = stripped;
  if (name == NULL || *name == '\0')
    return invalid (error, index, _("it needs a “name”")), NULL;
  if (errata_synth_dimensions_find (before, name) != NULL)
    return invalid (error, index, _("the name “%s” is taken by another dimension"), name), NULL;
  if (values == NULL || json_array_get_length (values) == 0)
    return invalid (error, index, _("“%s” needs a list of “values”, at least one"), name), NULL;
  dimension = errata_synth_dimension_new (name,
                                          errata_json_member_string (object, "description", ""));
  for (guint i = 0; i < json_array_get_length (values); i++)
    if (!read_value (dimension, json_array_get_element (values, i), index, i, error))
      return NULL;
  return g_steal_pointer (&dimension);
}

GPtrArray *
errata_synth_dimensions_from_json (const char  *text,
                                   gssize       len,
                                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) dimensions = NULL;
  JsonNode *root;
  JsonArray *array = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (!errata_json_parser_load (parser, text, len, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    array = errata_json_member_array (json_node_get_object (root), "dimensions");
  if (array == NULL)
    return invalid (error, 0, _("Expected {\"dimensions\": [ … ]} or a list of dimensions")),
           NULL;
  if (json_array_get_length (array) == 0)
    return invalid (error, 0, _("The list of dimensions is empty")), NULL;
  dimensions = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_synth_dimension_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      ErrataSynthDimension *dimension = read_dimension (json_array_get_element (array, i),
                                                        dimensions, i + 1, error);
      if (dimension == NULL)
        return NULL;
      g_ptr_array_add (dimensions, dimension);
    }
  return g_steal_pointer (&dimensions);
}

JsonNode *
errata_synth_dimensions_to_json (GPtrArray *dimensions)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "dimensions");
  json_builder_begin_array (b);
  for (guint i = 0; i < dimensions->len; i++)
    {
      ErrataSynthDimension *dimension = g_ptr_array_index (dimensions, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, dimension->name);
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, dimension->description);
      json_builder_set_member_name (b, "values");
      json_builder_begin_array (b);
      for (guint j = 0; j < dimension->values->len; j++)
        {
          ErrataSynthValue *value = g_ptr_array_index (dimension->values, j);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "value");
          json_builder_add_string_value (b, value->value);
          json_builder_set_member_name (b, "description");
          json_builder_add_string_value (b, value->description);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
save_dimension (ErrataProject         *project,
                ErrataSynthDimension  *dimension,
                guint                  position,
                GError               **error)
{
  sqlite3 *db = _errata_project_get_db (project);
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = _errata_project_cached (project, "INSERT INTO synth_dimensions (name, description, position)"
                                          " VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, dimension->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, dimension->description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, position);
  if (!_errata_project_step_write (project, stmt, _("save the dimensions"), error))
    return FALSE;
  id = sqlite3_last_insert_rowid (db);
  for (guint i = 0; i < dimension->values->len; i++)
    {
      ErrataSynthValue *value = g_ptr_array_index (dimension->values, i);

      stmt = _errata_project_cached (project, "INSERT INTO synth_values"
                                              " (dimension_id, value, description, position)"
                                              " VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, value->value, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, value->description, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, i);
      if (!_errata_project_step_write (project, stmt, _("save the dimensions"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
errata_synth_dimensions_save (ErrataProject  *project,
                              GPtrArray      *dimensions,
                              GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (dimensions != NULL, FALSE);

  if (!errata_project_begin (project, error))
    return FALSE;
  stmt = _errata_project_cached (project, "DELETE FROM synth_dimensions", error);
  if (stmt == NULL || !_errata_project_step_write (project, stmt, _("save the dimensions"), error))
    goto fail;
  for (guint i = 0; i < dimensions->len; i++)
    if (!save_dimension (project, g_ptr_array_index (dimensions, i), i, error))
      goto fail;
  return errata_project_commit (project, error);

fail:
  errata_project_rollback (project);
  return FALSE;
}

GPtrArray *
errata_synth_dimensions_load (ErrataProject  *project,
                              GError        **error)
{
  g_autoptr(GPtrArray) dimensions = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  stmt = _errata_project_cached (project,
                                 "SELECT d.name, d.description, v.value, v.description"
                                 " FROM synth_dimensions d"
                                 " JOIN synth_values v ON v.dimension_id = d.id"
                                 " ORDER BY d.position, d.id, v.position, v.id", error);
  if (stmt == NULL)
    return NULL;
  dimensions = g_ptr_array_new_with_free_func ((GDestroyNotify)errata_synth_dimension_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);
      ErrataSynthDimension *dimension = errata_synth_dimensions_find (dimensions, name);

      if (dimension == NULL)
        {
          dimension = errata_synth_dimension_new (name, (const char *)sqlite3_column_text (stmt, 1));
          g_ptr_array_add (dimensions, dimension);
        }
      g_ptr_array_add (dimension->values,
                       errata_synth_value_new ((const char *)sqlite3_column_text (stmt, 2),
                                               (const char *)sqlite3_column_text (stmt, 3)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _errata_project_set_error (project, error, _("read the dimensions"));
      return NULL;
    }
  return g_steal_pointer (&dimensions);
}

guint64
errata_synth_dimensions_n_combinations (GPtrArray *dimensions)
{
  guint64 n = dimensions->len > 0 ? 1 : 0;

  for (guint i = 0; i < dimensions->len; i++)
    {
      ErrataSynthDimension *dimension = g_ptr_array_index (dimensions, i);

      if (n > G_MAXUINT64 / MAX (dimension->values->len, 1))
        return G_MAXUINT64;
      n *= dimension->values->len;
    }
  return n;
}

ErrataSynthDimension *
errata_synth_dimensions_find (GPtrArray  *dimensions,
                              const char *name)
{
  for (guint i = 0; i < dimensions->len; i++)
    {
      ErrataSynthDimension *dimension = g_ptr_array_index (dimensions, i);

      if (g_str_equal (dimension->name, name))
        return dimension;
    }
  return NULL;
}

gboolean
errata_synth_dimension_has_value (ErrataSynthDimension *dimension,
                                  const char           *value)
{
  for (guint i = 0; i < dimension->values->len; i++)
    if (g_str_equal (((ErrataSynthValue *)g_ptr_array_index (dimension->values, i))->value, value))
      return TRUE;
  return FALSE;
}
