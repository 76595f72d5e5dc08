/* errata-field-map.h: which field of a record holds what (mapped import).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "errata-transcript.h"

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

/* How the messages field is read. */
typedef enum
{
  /* A JSON array (or the JSON text of one), or else a transcript when the
   * text starts with a role marker: "messages=" in a spec. */
  ERRATA_MESSAGES_AUTO,
  /* Always a transcript: "transcript=" in a spec. */
  ERRATA_MESSAGES_TRANSCRIPT,
} ErrataMessagesFormat;

GType           errata_field_map_get_type  (void) G_GNUC_CONST;
ErrataFieldMap *errata_field_map_new       (void);
/* Parses "id=uid,input=query,output=response,messages=conv,note=Notes".
 * "transcript=conv" maps the messages to a field read as a transcript,
 * whose syntax "user-marker=USER/CUSTOMER", "assistant-marker=",
 * "tool-marker=", "system-marker=" and "separator=" (with \n for a new
 * line) change; errata_field_map_describe_keys() lists them all. */
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
ErrataMessagesFormat errata_field_map_get_messages_format (ErrataFieldMap       *map);
void            errata_field_map_set_messages_format (ErrataFieldMap       *map,
                                                      ErrataMessagesFormat  format);
/* The map's own syntax, never NULL: change it in place. */
ErrataTranscriptSyntax *errata_field_map_get_transcript_syntax (ErrataFieldMap *map);
/* One line per key a spec accepts, "  key=FIELD  what it is", translated:
 * for the CLI's help. */
char           *errata_field_map_describe_keys (void);
/* TRUE when `map` (which may be NULL) says where the input, the output or
 * the messages are: the least a mapped import needs. */
gboolean        errata_field_map_has_content (ErrataFieldMap *map);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataFieldMap, errata_field_map_unref)

G_END_DECLS
