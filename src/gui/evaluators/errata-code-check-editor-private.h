/* errata-code-check-editor-private.h: what the code check editor's files
 * share (errata-code-check-editor.c: loading, saving, trust;
 * -kinds.c: each kind's title, description and parameter rows;
 * -form.c: one row per parameter and the definition they make;
 * -preview.c: the trace chooser and the verdict of the form as it is).
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "errata-code-check-editor.h"
#include "errata-eval-method.h"
#include "errata-evaluators.h"

G_BEGIN_DECLS

typedef struct _ErrataCheckField ErrataCheckField;

typedef enum
{
  FIELD_TEXT,
  FIELD_CHOICE,
  FIELD_BOOL,
  FIELD_COUNT,
  FIELD_SECONDS,
  FIELD_LIST,
  FIELD_COMMAND,
} FieldType;

typedef struct
{
  const char         *name;
  FieldType           type;
  const char         *title;
  const char         *subtitle;       /* nullable; BOOL rows and LIST groups */
  const char * const *values;         /* CHOICE: what is stored */
  const char * const *labels;         /* CHOICE: what the user reads */
  gboolean            default_on;     /* BOOL */
  gboolean            tool_arguments; /* shown only with "field": "tool_arguments" */
} FieldSpec;

typedef struct
{
  const char      *kind;
  const char      *title;
  const char      *description;
  const FieldSpec *fields;            /* ends with a NULL name */
} KindSpec;

/* -kinds.c: the kind named `kind`, or NULL. */
const KindSpec *_errata_code_check_editor_find_kind (const char *kind);

struct _ErrataCodeCheckEditor
{
  GtkWidget               parent_instance;

  ErrataWorkspace        *workspace;
  ErrataEvaluator        *evaluator;     /* NULL until loaded */
  ErrataEvaluatorVersion *version;       /* the latest, as loaded */
  char                   *project_id;    /* meta project_id: the key of the trust */
  GPtrArray              *fields;        /* of ErrataCheckField, in form order */
  gboolean                modified;
  guint                   loading;       /* > 0: rows change, the user did nothing */

  GtkLabel               *title_label;
  GtkLabel               *version_label;
  GtkLabel               *error_label;
  GtkBox                 *form_box;
  AdwPreferencesGroup    *trust_group;
  AdwActionRow           *trust_row;
  GtkButton              *trust_button;
  GtkDropDown            *trace_dropdown;
  GtkStringList          *trace_names;
  GtkEntry               *trace_entry;
  GtkLabel               *preview_status_label;
  GtkLabel               *verdict_label;
  GtkLabel               *reasoning_label;

  /* The preview: the chosen trace, and the evaluation in flight. */
  GArray                 *trace_ids;     /* gint64, by position in trace_names */
  ErrataTrace            *preview_trace;
  guint                   preview_source;
  GCancellable           *preview_cancellable;
};

/* -form.c */
void        _errata_code_check_editor_build_form   (ErrataCodeCheckEditor  *self,
                                                    const char             *kind,
                                                    JsonObject             *definition);
void        _errata_code_check_editor_clear_form   (ErrataCodeCheckEditor  *self);
/* The definition the form holds now: the loaded one, with what the user
 * changed; parameters the form does not show are kept as they were. On an
 * error (a number that is not one, a command line with an open quote),
 * `*bad_field` names the parameter. */
JsonObject *_errata_code_check_editor_read_form    (ErrataCodeCheckEditor  *self,
                                                    const char            **bad_field,
                                                    GError                **error);
/* Marks the row of `name` (NULL: none) as the one in error. */
void        _errata_code_check_editor_mark_field   (ErrataCodeCheckEditor  *self,
                                                    const char             *name);
/* The parameter a validation message names, or NULL. */
const char *_errata_code_check_editor_find_field   (ErrataCodeCheckEditor  *self,
                                                    const char             *message);

/* errata-code-check-editor.c */
void        _errata_code_check_editor_form_changed (ErrataCodeCheckEditor  *self);
ErrataEvalMethod *_errata_code_check_editor_new_method (ErrataCodeCheckEditor *self,
                                                    JsonObject             *definition,
                                                    GError                **error);
gboolean    _errata_code_check_editor_may_run      (ErrataCodeCheckEditor  *self,
                                                    ErrataEvalMethod       *method);

/* -preview.c */
void        _errata_code_check_editor_preview_reload   (ErrataCodeCheckEditor *self);
void        _errata_code_check_editor_preview_schedule (ErrataCodeCheckEditor *self);
void        _errata_code_check_editor_preview_stop     (ErrataCodeCheckEditor *self);
void        _errata_code_check_editor_preview_init     (ErrataCodeCheckEditor *self);

G_END_DECLS
