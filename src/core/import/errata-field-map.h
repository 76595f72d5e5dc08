/* errata-field-map.h: which field of a record holds what (mapped import).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ERRATA_TYPE_FIELD_MAP (errata_field_map_get_type ())

typedef struct _ErrataFieldMap ErrataFieldMap;

/* The roles a field can play; a field path may use dots for nested objects
 * ("response.text"). */
typedef enum
{
  ERRATA_FIELD_ID,
  ERRATA_FIELD_INPUT,
  ERRATA_FIELD_OUTPUT,
  ERRATA_FIELD_MESSAGES,
  ERRATA_FIELD_NOTE,
  ERRATA_FIELD_VERDICT,
  N_ERRATA_FIELDS
} ErrataField;

GType           errata_field_map_get_type  (void) G_GNUC_CONST;
ErrataFieldMap *errata_field_map_new       (void);
/* Parses "id=uid,input=query,output=response,messages=conv,note=Notes". */
ErrataFieldMap *errata_field_map_parse     (const char     *spec,
                                            GError        **error);
ErrataFieldMap *errata_field_map_ref       (ErrataFieldMap *map);
void            errata_field_map_unref     (ErrataFieldMap *map);
const char     *errata_field_map_get       (ErrataFieldMap *map,
                                            ErrataField     field);
void            errata_field_map_set       (ErrataFieldMap *map,
                                            ErrataField     field,
                                            const char     *path);
char           *errata_field_map_to_string (ErrataFieldMap *map);
/* TRUE when `map` (which may be NULL) says where the input, the output or
 * the messages are: the least a mapped import needs. */
gboolean        errata_field_map_has_content (ErrataFieldMap *map);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataFieldMap, errata_field_map_unref)

G_END_DECLS
