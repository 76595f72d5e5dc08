/* trace-page-fixture.h: a window showing a project of N_TRACES traces,
 * shared by the Traces page tests.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-application.h"
#include "errata-coding-panel.h"
#include "errata-traces-page.h"
#include "errata-trace-view.h"
#include "errata-window.h"

G_BEGIN_DECLS

#define N_TRACES 40

/* The application the fixtures open their windows in (main() makes it). */
extern ErrataApplication *app;

typedef struct
{
  char              *dir;
  GFile             *file;
  ErrataWindow      *window;
  ErrataTracesPage *page;
  ErrataTraceView   *trace_view;
  ErrataCodingPanel *panel;
  GListModel        *model;
} Fixture;

JsonArray * create_long_messages (guint i);
ErrataTrace * create_trace (guint i);
void annotate (ErrataProject *project, gint64 trace_id, ErrataVerdict verdict, const char *note);
GFile * make_project (const char *dir);
gboolean window_is_idle (gpointer data);
gboolean model_is_loaded (gpointer data);
gboolean page_shows_a_trace (gpointer data);
void wait_for_list (Fixture *fixture);
void fixture_set_up (Fixture *fixture, gconstpointer data);
void fixture_tear_down (Fixture *fixture, gconstpointer data);
ErrataAnnotation * read_annotation_elsewhere (Fixture *fixture, gint64 trace_id);
gint64 current_id (Fixture *fixture);
const char * current_external_id (Fixture *fixture);
void activate (Fixture *fixture, const char *action);

#define ADD_TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

G_END_DECLS
