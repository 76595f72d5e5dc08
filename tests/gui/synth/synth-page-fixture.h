/* synth-page-fixture.h: what the Synthetic Data page's display tests share:
 * a window on a project with the helpers' twelve tuples and queries and the
 * test HTTP system as its target, the widgets found by what a user sees,
 * and renders to PNG at 1024 (or 1280) px.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <string.h>

#include "errata-application.h"
#include "errata-gui-test-utils.h"
#include "errata-synth-page.h"
#include "errata-mock-llm-server.h"
#include "errata-test-sut.h"
#include "errata-labels.h"
#include "errata-project-private.h"
#include "errata-toast-helper.h"
#include "errata-traces-page.h"
#include "errata-window.h"
#include "synth-test-helpers.h"

static ErrataApplication *app;

typedef struct
{
  char            *dir;
  ErrataTestSut   *sut;
  ErrataWindow    *window;
  ErrataSynthPage *page;
} Fixture;

static inline gboolean
window_is_idle (gpointer data)
{
  return !errata_window_is_loading (data);
}

/* The helpers' twelve accepted queries, two of them near-duplicates of
 * others, one rejected, and the test system as the project's target. */
static inline void
build_project (Fixture       *fixture,
               ErrataProject *project)
{
  g_autofree char *id = errata_project_get_meta (project, "project_id");
  g_autofree char *json = NULL;
  g_autoptr(ErrataSynthTarget) target = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  gint64 rejected;

  synth_test_fill (project, NULL, NULL);
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  errata_synth_queries_set_text (project, ((ErrataSynthQuery *)g_ptr_array_index (queries, 0))->id,
                                 "How do I get a mortgage as a first-time buyer?", NULL);
  errata_synth_queries_set_text (project, ((ErrataSynthQuery *)g_ptr_array_index (queries, 1))->id,
                                 "how do I get a mortgage as a first time buyer", NULL);
  rejected = ((ErrataSynthQuery *)g_ptr_array_index (queries, 11))->id;
  errata_synth_queries_set_state (project, &rejected, 1, ERRATA_SYNTH_QUERY_REJECTED, NULL);
  json = g_strdup_printf ("{\"kind\": \"http\", \"url\": \"%s\","
                          " \"body\": {\"query\": \"{{query}}\", \"persona\": \"{{dimension.persona}}\"},"
                          " \"reply_pointer\": \"/answer\", \"messages_pointer\": \"/messages\"}",
                          errata_test_sut_get_url (fixture->sut));
  target = synth_test_target (json, id);
  g_assert_true (errata_synth_target_store (target, project, NULL));
}

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ErrataProject) project = errata_test_new_project (&fixture->dir);
  g_autoptr(GFile) file = NULL;

  fixture->sut = errata_test_sut_new (0, NULL);
  errata_test_sut_set_latency (fixture->sut, 20);
  build_project (fixture, project);
  file = g_object_ref (errata_project_get_file (project));
  errata_project_close (project);

  errata_application_open_file (app, file);
  fixture->window = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 900);
  errata_gui_test_iterate_until (window_is_idle, fixture->window);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->window);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "synth");
  fixture->page = ERRATA_SYNTH_PAGE (errata_gui_test_find_first (GTK_WIDGET (fixture->window),
                                                                 ERRATA_TYPE_SYNTH_PAGE));
  g_assert_nonnull (fixture->page);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->page);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))))
    gtk_window_destroy (windows->data);
  errata_gui_test_iterate_for (50);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_clear_object (&fixture->sut);
  errata_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static inline ErrataProject *
page_project (Fixture *fixture)
{
  g_autoptr(ErrataWorkspace) workspace = NULL;

  g_object_get (fixture->page, "workspace", &workspace, NULL);
  return errata_workspace_get_project (workspace);
}

static inline GtkListBox *
queries_list (Fixture *fixture)
{
  return errata_gui_test_find_with_class (GTK_WIDGET (fixture->page), GTK_TYPE_LIST_BOX,
                                          "synth-queries");
}

static inline GtkListBox *
tuples_list (Fixture *fixture)
{
  return errata_gui_test_find_with_class (GTK_WIDGET (fixture->page), GTK_TYPE_LIST_BOX,
                                          "synth-tuples");
}

/* The coverage view: a value's chip says its count in its tooltip. */
static inline gboolean
shows_coverage (Fixture    *fixture,
                const char *tooltip)
{
  g_autoptr(GPtrArray) boxes = errata_gui_test_find_all (GTK_WIDGET (fixture->page), GTK_TYPE_BOX);

  for (guint i = 0; i < boxes->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (boxes, i), "synth-coverage-value")
        && g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (boxes, i)), tooltip) == 0)
      return TRUE;
  return FALSE;
}

static inline gboolean
run_done (gpointer data)
{
  return !errata_synth_page_is_running (data);
}

static inline void
review (ErrataProject *project,
        gint64         trace_id,
        ErrataVerdict  verdict)
{
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (trace_id, "ana");

  annotation->verdict = verdict;
  g_assert_true (errata_project_set_annotation (project, annotation, NULL));
}

static inline gboolean
window_is_width (gpointer data)
{
  GtkWidget *window = data;

  /* Give or take the decorations' shadow. */
  return ABS (gtk_widget_get_width (window)
              - GPOINTER_TO_INT (g_object_get_data (data, "wanted-width"))) <= 60;
}

/* Renders the window at its width (1024 unless the test widened it). */
static inline void
render (Fixture              *fixture,
        const char           *scheme_name,
        AdwColorScheme        scheme)
{
  int width = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (fixture->window), "wanted-width"));
  g_autofree char *name = g_strdup_printf ("synth-page-%d-%s.png", width > 0 ? width : 1024,
                                           scheme_name);
  g_autoptr(GdkTexture) texture = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  texture = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), name);
  g_assert_cmpint (gdk_texture_get_width (texture), >=, 1000);
}

static inline void
set_width (Fixture *fixture,
           int      width)
{
  g_object_set_data (G_OBJECT (fixture->window), "wanted-width", GINT_TO_POINTER (width));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 900);
  errata_gui_test_iterate_until (window_is_width, fixture->window);
}

/* The heat map is below the queries: scroll down for it. */
static inline void
scroll_to_end (Fixture *fixture)
{
  GtkScrolledWindow *scroller = errata_gui_test_find_first (GTK_WIDGET (fixture->page),
                                                            GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

  errata_gui_test_wait_for_frame (GTK_WIDGET (fixture->window));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static inline gboolean
traces_listed_11 (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (errata_traces_page_get_model (data))) == 11;
}

static inline gboolean
traces_listed_12 (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (errata_traces_page_get_model (data))) == 12;
}

static inline GtkLabel *
find_label_starting (GtkWidget  *root,
                     const char *prefix)
{
  g_autoptr(GPtrArray) labels = errata_gui_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (g_ptr_array_index (labels, i)), prefix))
      return g_ptr_array_index (labels, i);
  return NULL;
}

/* A child of the page found by its accessible-free identity: the widget
 * whose mnemonic label reads `label`. */
static inline GtkWidget *
field (Fixture    *fixture,
       const char *label)
{
  g_autoptr(GPtrArray) labels = errata_gui_test_find_all (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)), label) == 0)
      return gtk_label_get_mnemonic_widget (g_ptr_array_index (labels, i));
  g_error ("no field labelled %s", label);
  return NULL;
}

static inline char *
view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static inline void
set_view_text (GtkWidget  *view,
               const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static inline GtkCheckButton *
json_check (Fixture *fixture)
{
  g_autoptr(GPtrArray) checks = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                          GTK_TYPE_CHECK_BUTTON);

  g_assert_cmpuint (checks->len, ==, 1);
  return g_ptr_array_index (checks, 0);
}

static inline void
expand_all (Fixture *fixture)
{
  g_autoptr(GPtrArray) expanders = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                             GTK_TYPE_EXPANDER);

  g_assert_cmpuint (expanders->len, ==, 2);
  for (guint i = 0; i < expanders->len; i++)
    gtk_expander_set_expanded (g_ptr_array_index (expanders, i), TRUE);
}

/* The JSON editor: the page's last text view. */
static inline GtkWidget *
json_view_of (Fixture *fixture)
{
  g_autoptr(GPtrArray) views = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                         GTK_TYPE_TEXT_VIEW);

  return g_ptr_array_index (views, views->len - 1);
}

static inline JsonObject *
stored_target (Fixture *fixture)
{
  g_autoptr(ErrataSynthTarget) target = errata_synth_target_load (page_project (fixture), NULL);

  g_assert_nonnull (target);
  return json_object_ref (errata_synth_target_get_definition (target));
}

static inline guint
count_rows (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = errata_gui_test_find_all (GTK_WIDGET (queries_list (fixture)),
                                                        GTK_TYPE_LIST_BOX_ROW);

  return rows->len;
}

static inline gboolean
test_answered (gpointer data)
{
  const char *text = gtk_label_get_text (data);

  return g_str_has_prefix (text, "Reply:") || strstr (text, "HTTP") != NULL;
}

static inline void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

/* Registers `tests` (a NULL-terminated list of name, function pairs) on
 * the fixture, or a skip without a display, and runs them. */
typedef struct
{
  const char *name;
  void      (*func) (Fixture *fixture, gconstpointer data);
} SynthPageTest;

static inline int
synth_page_test_run (int                  argc,
                     char                *argv[],
                     const SynthPageTest *tests)
{
  g_autoptr(GError) error = NULL;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_add_func ("/synth-page/no-display", test_no_display);
      return g_test_run ();
    }
  app = errata_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; tests[i].name != NULL; i++)
    {
      g_autofree char *path = g_strconcat ("/synth-page/", tests[i].name, NULL);

      g_test_add (path, Fixture, NULL, fixture_set_up, tests[i].func, fixture_tear_down);
    }
  return g_test_run ();
}
