/* errata-field-map.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-field-map.h"
#include "errata-importer.h"

#include <glib/gi18n-lib.h>

struct _ErrataFieldMap
{
  gatomicrefcount  ref_count;
  char            *paths[N_ERRATA_FIELDS];
};

/* The names used in a spec, in ErrataField order; stable (CLI syntax). */
static const char * const field_names[N_ERRATA_FIELDS] = {
  "id", "input", "output", "messages", "note", "verdict",
};

G_DEFINE_BOXED_TYPE (ErrataFieldMap, errata_field_map, errata_field_map_ref, errata_field_map_unref)

ErrataFieldMap *
errata_field_map_new (void)
{
  ErrataFieldMap *map = g_new0 (ErrataFieldMap, 1);

  g_atomic_ref_count_init (&map->ref_count);
  return map;
}

ErrataFieldMap *
errata_field_map_ref (ErrataFieldMap *map)
{
  g_return_val_if_fail (map != NULL, NULL);
  g_atomic_ref_count_inc (&map->ref_count);
  return map;
}

void
errata_field_map_unref (ErrataFieldMap *map)
{
  g_return_if_fail (map != NULL);
  if (!g_atomic_ref_count_dec (&map->ref_count))
    return;
  for (guint i = 0; i < N_ERRATA_FIELDS; i++)
    g_free (map->paths[i]);
  g_free (map);
}

const char *
errata_field_map_get (ErrataFieldMap *map,
                      ErrataField     field)
{
  g_return_val_if_fail (map != NULL, NULL);
  g_return_val_if_fail (field < N_ERRATA_FIELDS, NULL);
  return map->paths[field];
}

void
errata_field_map_set (ErrataFieldMap *map,
                      ErrataField     field,
                      const char     *path)
{
  g_return_if_fail (map != NULL);
  g_return_if_fail (field < N_ERRATA_FIELDS);
  g_free (map->paths[field]);
  map->paths[field] = path && *path ? g_strdup (path) : NULL;
}

static gboolean
field_from_name (const char  *name,
                 ErrataField *field)
{
  for (guint i = 0; i < N_ERRATA_FIELDS; i++)
    {
      if (g_ascii_strcasecmp (name, field_names[i]) == 0)
        {
          *field = i;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
parse_pair (ErrataFieldMap  *map,
            const char      *pair,
            GError         **error)
{
  g_auto(GStrv) parts = g_strsplit (pair, "=", 2);
  ErrataField field;

  if (parts[0] == NULL || parts[1] == NULL)
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_FAILED,
                   /* Translators: %s is what the user gave to --map. “role=field” and
                    * “input=query” are command-line syntax: keep them as they are. */
                   _("“%s” is not of the form role=field, e.g. input=query"), pair);
      return FALSE;
    }
  g_strstrip (parts[0]);
  g_strstrip (parts[1]);
  if (!field_from_name (parts[0], &field))
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_FAILED,
                   /* Translators: %s is the role the user gave to --map. id, input,
                    * output, messages, note and verdict are the roles --map accepts:
                    * keep them in English. */
                   _("“%s” is not something a field can be mapped to; "
                     "use id, input, output, messages, note or verdict"), parts[0]);
      return FALSE;
    }
  if (*parts[1] == '\0')
    {
      g_set_error (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_FAILED,
                   /* Translators: %s is a --map role (input, output, …) given with
                    * nothing after the “=”. */
                   _("“%s=” names no field"), parts[0]);
      return FALSE;
    }
  errata_field_map_set (map, field, parts[1]);
  return TRUE;
}

ErrataFieldMap *
errata_field_map_parse (const char  *spec,
                        GError     **error)
{
  g_autoptr(ErrataFieldMap) map = errata_field_map_new ();
  g_auto(GStrv) pairs = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  pairs = g_strsplit (spec, ",", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      if (*g_strstrip (pairs[i]) == '\0')
        continue;
      if (!parse_pair (map, pairs[i], error))
        return NULL;
    }
  return g_steal_pointer (&map);
}

char *
errata_field_map_to_string (ErrataFieldMap *map)
{
  GString *spec = g_string_new (NULL);

  g_return_val_if_fail (map != NULL, NULL);

  for (guint i = 0; i < N_ERRATA_FIELDS; i++)
    {
      if (map->paths[i] == NULL)
        continue;
      if (spec->len > 0)
        g_string_append_c (spec, ',');
      g_string_append_printf (spec, "%s=%s", field_names[i], map->paths[i]);
    }
  return g_string_free (spec, FALSE);
}

gboolean
errata_field_map_has_content (ErrataFieldMap *map)
{
  return map != NULL
         && (errata_field_map_get (map, ERRATA_FIELD_INPUT) != NULL
             || errata_field_map_get (map, ERRATA_FIELD_OUTPUT) != NULL
             || errata_field_map_get (map, ERRATA_FIELD_MESSAGES) != NULL);
}
