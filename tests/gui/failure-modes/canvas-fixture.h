/* canvas-fixture.h: a window showing the Failure Modes page on a project
 * of a few failure modes, their notes and unsorted ones, shared by the
 * layout and the real-drag tests.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "errata-failure-modes-page.h"

G_BEGIN_DECLS

typedef struct
{
  char                   *dir;
  ErrataProject          *project;
  GtkWindow              *window;
  ErrataFailureModesPage *page;
  GArray                 *modes;    /* mode ids, in canvas order */
} CanvasFixture;

/* What the project holds. Notes in modes fail their trace; of the
 * unsorted ones, n_unsorted_fail fail, n_unsorted_unset have no verdict
 * and n_unsorted_pass pass. Mode m gets notes_per_mode[m] notes. */
typedef struct
{
  guint        n_modes;
  const guint *notes_per_mode;
  guint        n_unsorted_fail;
  guint        n_unsorted_unset;
  guint        n_unsorted_pass;
} CanvasContent;

void     canvas_fixture_set_up      (CanvasFixture       *fixture,
                                     const CanvasContent *content,
                                     int                  width,
                                     int                  height);
void     canvas_fixture_tear_down   (CanvasFixture       *fixture);
/* Resizes the window and waits until the page has that size. */
void     canvas_fixture_resize      (CanvasFixture       *fixture,
                                     int                  width,
                                     int                  height);
void     canvas_fixture_iterate     (void);
ErrataModeGroup *canvas_fixture_group (CanvasFixture     *fixture,
                                       guint              index);
/* Renders the window to `name` in the build folder, light and dark
 * (`name` then gets "-dark"). */
void     canvas_fixture_render_both (CanvasFixture       *fixture,
                                     const char          *name);

/* The six modes of a real-estate assistant's taxonomy, with 5 to 20
 * notes each, and 30 unsorted notes (12 failing, 6 with no verdict,
 * 12 passing). */
extern const CanvasContent canvas_six_modes;

G_END_DECLS
