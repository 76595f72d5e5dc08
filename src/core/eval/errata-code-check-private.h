/* errata-code-check-private.h: the text a code check looks at, and how.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "errata-eval-types.h"
#include "errata-json-guard.h"
#include "errata-trace.h"

G_BEGIN_DECLS

/* In the order of the "field" names in errata-code-check.c. */
typedef enum
{
  ERRATA_FIELD_OUTPUT,
  ERRATA_FIELD_INPUT,
  ERRATA_FIELD_CONVERSATION,
  ERRATA_FIELD_TOOL_ARGUMENTS,
} ErrataField;

typedef enum
{
  ERRATA_FOLD_NONE    = 0,
  ERRATA_FOLD_CASE    = 1 << 0,
  ERRATA_FOLD_ACCENTS = 1 << 1,
} ErrataFold;

/* One piece of text of a trace, with the words that name it in a
 * reasoning ("output", "message 3 (assistant)"). */
typedef struct
{
  char       *label;
  const char *text;    /* points into the trace or into `owned` */
  char       *owned;
} ErrataSubject;

/* The subjects `field` names in `trace`, in order; `tool` (nullable) keeps
 * only the calls to that tool for ERRATA_FIELD_TOOL_ARGUMENTS. */
GPtrArray  *_errata_code_check_collect      (ErrataTrace *trace,
                                             ErrataField  field,
                                             const char  *tool);
/* The calls (borrowed JsonObjects) to `tool`, or every call if NULL. */
GPtrArray  *_errata_code_check_tool_calls   (ErrataTrace *trace,
                                             const char  *tool);
const char *_errata_code_check_field_label  (ErrataField  field);

/* NFD-normalised text, case-folded and stripped of combining marks as
 * `fold` asks, so that two folded strings compare as a reader would. */
char       *_errata_code_check_fold         (const char  *text,
                                             ErrataFold   fold);
/* TRUE when folded `needle` occurs in folded `haystack` without cutting a
 * letter from its accent, and, with `whole_words`, not inside a word. */
gboolean    _errata_code_check_find_word    (const char  *haystack,
                                             const char  *needle,
                                             gboolean     whole_words);
guint64     _errata_code_check_count_words  (const char  *text);

/* At most a short line of `text` (len bytes, or all if len < 0), on one
 * line, for a reasoning. */
char       *_errata_code_check_excerpt      (const char  *text,
                                             gssize       len);
/* `text` without surrounding spaces and, when `fenced`, without the one
 * Markdown code fence (```json or ```) that wraps it whole. */
char       *_errata_code_check_json_text    (const char  *text,
                                             gboolean     fenced);

/* A code check's parameters as written, and their readers
 * (errata-code-check-params.c). Each fails with ERRATA_EVAL_ERROR_INVALID
 * and a message that names the check and the parameter. */
typedef struct
{
  const char *kind;
  JsonObject *params;   /* may be NULL */
} Params;

/* "Check “KIND”, parameter “NAME”", for _errata_check_param_error. */
char    *_errata_check_param_where (Params     *p,
                                    const char *name);
/* Fails with a message that names the check and the parameter:
 * (error, p, name, format, ...); returns FALSE. */
#define _errata_check_param_error(error, p, name, ...) \
  errata_json_invalid ((error), ERRATA_EVAL_ERROR, ERRATA_EVAL_ERROR_INVALID, \
                       _errata_check_param_where ((p), (name)), __VA_ARGS__)
JsonNode * _errata_check_param_node (Params     *p,
                                     const char *name);
gboolean _errata_check_is_string (JsonNode *node);
gboolean _errata_check_read_string (Params      *p,
                                    const char  *name,
                                    gboolean     required,
                                    char       **out,
                                    GError     **error);
gboolean _errata_check_read_bool (Params      *p,
                                  const char  *name,
                                  gboolean     default_value,
                                  gboolean    *out,
                                  GError     **error);
gboolean _errata_check_read_count (Params      *p,
                                   const char  *name,
                                   gint64      *out,
                                   GError     **error);
gboolean _errata_check_read_choice (Params             *p,
                                    const char         *name,
                                    const char * const *choices,
                                    guint               default_index,
                                    guint              *out,
                                    GError            **error);
gboolean _errata_check_read_strings (Params      *p,
                                     const char  *name,
                                     gboolean     required,
                                     GPtrArray  **out,
                                     GError     **error);
gboolean _errata_check_read_regex (Params      *p,
                                   const char  *name,
                                   gboolean     required,
                                   gboolean     ignore_case,
                                   char       **pattern,
                                   GRegex     **regex,
                                   GError     **error);

G_END_DECLS
