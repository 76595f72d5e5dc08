/* errata-transcript.h: a whole conversation held as text with role
 * markers ("USER: … | AGENT: … | TOOL (search): …"), read into messages.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _ErrataTranscriptSyntax ErrataTranscriptSyntax;

/* The roles a marker can stand for, in the order of the spec keys. */
typedef enum
{
  ERRATA_TRANSCRIPT_USER,
  ERRATA_TRANSCRIPT_ASSISTANT,
  ERRATA_TRANSCRIPT_TOOL,
  ERRATA_TRANSCRIPT_SYSTEM,
  N_ERRATA_TRANSCRIPT_ROLES
} ErrataTranscriptRole;

/* The default syntax: USER/User/HUMAN/Human, AGENT/ASSISTANT/Agent/
 * Assistant/AI, TOOL/Tool, SYSTEM/System, each followed by ":" (a tool's
 * marker may name the tool in parentheses: "TOOL (search):"), and turns
 * separated by "|" or a new line. */
ErrataTranscriptSyntax *errata_transcript_syntax_new      (void);
ErrataTranscriptSyntax *errata_transcript_syntax_copy     (const ErrataTranscriptSyntax *syntax);
void                    errata_transcript_syntax_free     (ErrataTranscriptSyntax *syntax);
gboolean                errata_transcript_syntax_equal    (const ErrataTranscriptSyntax *a,
                                                           const ErrataTranscriptSyntax *b);

/* Markers are matched case-sensitively, without their colon. NULL or an
 * empty list restores the role's default markers. */
void                    errata_transcript_syntax_set_markers (ErrataTranscriptSyntax *syntax,
                                                              ErrataTranscriptRole    role,
                                                              const char * const     *markers);
const char * const     *errata_transcript_syntax_get_markers (const ErrataTranscriptSyntax *syntax,
                                                              ErrataTranscriptRole          role);
/* What separates turns; NULL restores the default ("|" or a new line).
 * Spaces around a separator are not part of a turn. */
void                    errata_transcript_syntax_set_separator (ErrataTranscriptSyntax *syntax,
                                                                const char             *separator);
/* NULL for the default. */
const char             *errata_transcript_syntax_get_separator (const ErrataTranscriptSyntax *syntax);
/* TRUE when nothing differs from errata_transcript_syntax_new(). */
gboolean                errata_transcript_syntax_is_default (const ErrataTranscriptSyntax *syntax);

/* TRUE when `text` starts (after spaces) with one of the syntax's role
 * markers: it reads as a transcript. */
gboolean                errata_transcript_looks_like      (const ErrataTranscriptSyntax *syntax,
                                                           const char                   *text);

/* Reads `text` into normalised messages ({role, content, name?}). A turn
 * starts only where a known marker follows the start of the text or a
 * separator, so a marker inside a sentence, a separator inside a message
 * and an unknown marker ("CUSTOMER:") stay text of the turn they are in.
 * Empty turns add no message. Fails (ERRATA_IMPORT_ERROR_BAD_RECORD, with
 * `what` naming the field) when the text does not start with a marker or
 * holds no turn with text. */
JsonArray              *errata_transcript_parse           (const ErrataTranscriptSyntax *syntax,
                                                           const char                   *text,
                                                           const char                   *what,
                                                           GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ErrataTranscriptSyntax, errata_transcript_syntax_free)

G_END_DECLS
