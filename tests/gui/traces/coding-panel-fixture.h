/* coding-panel-fixture.h: a window with a coding panel on a project of
 * three traces, and helpers to look inside the panel.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-coding-panel.h"

G_BEGIN_DECLS

#define ANNOTATOR "Ada Tester"

typedef struct
{
  char          *dir;
  GFile         *file;
  ErrataProject *project;
  gint64         ids[3];
  GtkWindow     *window;
  ErrataCodingPanel *panel;
} Fixture;

JsonObject *message_new (const char *role, const char *content);
ErrataTrace *new_agent_trace (const char *external_id);
void fixture_set_up (Fixture *fixture, gconstpointer data);
void fixture_tear_down (Fixture *fixture, gconstpointer data);
ErrataTrace *get_trace (ErrataProject *project, gint64 id);
void show_trace (Fixture *fixture, guint i);
ErrataAnnotation *read_annotation (ErrataProject *project, gint64 trace_id, const char *annotator);
ErrataAnnotation *read_annotation_elsewhere (GFile *file, gint64 trace_id);
gboolean nothing_unsaved (gpointer data);
gpointer find_one (GtkWidget *root, GType type);
gpointer find_with_class (GtkWidget *root, GType type, const char *css_class);
GtkToggleButton *get_verdict_button (Fixture *fixture, const char *css_class);
GtkTextBuffer *get_note_buffer (Fixture *fixture);
gboolean shows_text (ErrataCodingPanel *panel, const char *text);
AdwPreferencesRow *get_first_failure_row (Fixture *fixture);
const char *get_first_failure_text (Fixture *fixture);
void count_saved (ErrataCodingPanel *panel, gint64 trace_id, GArray *saved);

G_END_DECLS
