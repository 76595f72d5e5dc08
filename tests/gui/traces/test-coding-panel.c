/* test-coding-panel.c: the open-coding panel under a real display (Xvfb
 * in CI).
 *
 * What the panel writes is checked in the project file, through the
 * panel's own connection and through a second connection opened on the
 * same file, as another process would see it. Keys are typed through the
 * X server (XTest) where there is one, so that the shortcuts go through
 * GTK's real event path. The panel is rendered to coding-panel.png and
 * coding-panel-dark.png in the build folder.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#ifdef HAVE_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#endif

#include "errata-coding-panel.h"
#include "errata-mode-labels.h"
#include "coding-panel-fixture.h"
#include "errata-gui-test-utils.h"
#include "errata-test-utils.h"

/* Tests --------------------------------------------------------------- */

static void
test_verdict_actions (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GArray) saved = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ErrataAnnotation) stored = NULL;
  g_autoptr(ErrataAnnotation) elsewhere = NULL;
  GtkToggleButton *pass = get_verdict_button (fixture, "verdict-pass");
  GtkToggleButton *fail = get_verdict_button (fixture, "verdict-fail");

  show_trace (fixture, 0);
  g_assert_cmpstr (errata_coding_panel_get_annotator (fixture->panel), ==, ANNOTATOR);
  g_assert_true (shows_text (fixture->panel, "Reviewing as " ANNOTATOR));
  g_assert_true (errata_coding_panel_get_editable (fixture->panel));
  g_signal_connect (fixture->panel, "saved", G_CALLBACK (count_saved), saved);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "coding.pass", NULL));
  g_assert_cmpint (errata_coding_panel_get_verdict (fixture->panel), ==, ERRATA_VERDICT_PASS);
  g_assert_true (gtk_toggle_button_get_active (pass));
  g_assert_false (gtk_toggle_button_get_active (fail));
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_cmpint (g_array_index (saved, gint64, 0), ==, fixture->ids[0]);
  g_assert_true (shows_text (fixture->panel, "Saved"));

  stored = read_annotation (fixture->project, fixture->ids[0], ANNOTATOR);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->verdict, ==, ERRATA_VERDICT_PASS);
  elsewhere = read_annotation_elsewhere (fixture->file, fixture->ids[0]);
  g_assert_nonnull (elsewhere);
  g_assert_cmpint (elsewhere->verdict, ==, ERRATA_VERDICT_PASS);
  g_clear_pointer (&elsewhere, errata_annotation_free);

  /* A click on Fail is the same as coding.fail. */
  g_signal_emit_by_name (fail, "clicked");
  g_assert_cmpint (errata_coding_panel_get_verdict (fixture->panel), ==, ERRATA_VERDICT_FAIL);
  g_assert_false (gtk_toggle_button_get_active (pass));
  elsewhere = read_annotation_elsewhere (fixture->file, fixture->ids[0]);
  g_assert_cmpint (elsewhere->verdict, ==, ERRATA_VERDICT_FAIL);
  g_clear_pointer (&elsewhere, errata_annotation_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->panel),
                                             "coding.clear-verdict", NULL));
  g_assert_false (gtk_toggle_button_get_active (fail));
  elsewhere = read_annotation_elsewhere (fixture->file, fixture->ids[0]);
  g_assert_cmpint (elsewhere->verdict, ==, ERRATA_VERDICT_UNSET);
  g_assert_cmpuint (saved->len, ==, 3);

  /* Another trace starts blank; the first keeps its (cleared) review. */
  show_trace (fixture, 1);
  g_assert_cmpint (errata_coding_panel_get_verdict (fixture->panel), ==, ERRATA_VERDICT_UNSET);
  g_assert_false (gtk_toggle_button_get_active (pass) || gtk_toggle_button_get_active (fail));
}

static void
test_note_debounce (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *note = "Offers Saturday although the agent is unavailable.";
  g_autoptr(ErrataAnnotation) elsewhere = NULL;
  GtkTextBuffer *buffer = get_note_buffer (fixture);
  gint64 typed_at;

  show_trace (fixture, 0);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->panel);
  g_assert_true (shows_text (fixture->panel, "What went wrong?"));

  typed_at = g_get_monotonic_time ();
  gtk_text_buffer_insert_at_cursor (buffer, note, -1);
  g_assert_true (errata_coding_panel_has_unsaved (fixture->panel));
  g_assert_true (shows_text (fixture->panel, "Saving…"));
  g_assert_false (shows_text (fixture->panel, "What went wrong?"));

  /* Not yet: the note waits for typing to pause. (Only checked while
   * the pause is not over: a machine busy enough to keep this process
   * waiting longer may rightly have saved by then.) */
  errata_gui_test_iterate_for (ERRATA_CODING_PANEL_NOTE_DELAY_MS / 2);
  if (g_get_monotonic_time () - typed_at < ERRATA_CODING_PANEL_NOTE_DELAY_MS * 1000)
    {
      g_assert_true (errata_coding_panel_has_unsaved (fixture->panel));
      g_assert_null (read_annotation (fixture->project, fixture->ids[0], ANNOTATOR));
    }

  errata_gui_test_iterate_until (nothing_unsaved, fixture->panel);
  g_assert_cmpint (g_get_monotonic_time () - typed_at, >=,
                   ERRATA_CODING_PANEL_NOTE_DELAY_MS * 1000);
  g_assert_true (shows_text (fixture->panel, "Saved"));
  elsewhere = read_annotation_elsewhere (fixture->file, fixture->ids[0]);
  g_assert_nonnull (elsewhere);
  g_assert_cmpstr (elsewhere->note, ==, note);
  g_clear_pointer (&elsewhere, errata_annotation_free);

  /* flush writes at once, without waiting for the pause. */
  gtk_text_buffer_insert_at_cursor (buffer, " Second look.", -1);
  g_assert_true (errata_coding_panel_has_unsaved (fixture->panel));
  g_assert_true (errata_coding_panel_flush (fixture->panel, NULL));
  g_assert_false (errata_coding_panel_has_unsaved (fixture->panel));
  elsewhere = read_annotation_elsewhere (fixture->file, fixture->ids[0]);
  g_assert_true (g_str_has_suffix (elsewhere->note, " Second look."));
}

static void
test_switch_flushes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ErrataAnnotation) first = NULL;
  g_autofree char *shown = NULL;
  GtkTextBuffer *buffer = get_note_buffer (fixture);

  show_trace (fixture, 0);
  gtk_text_buffer_insert_at_cursor (buffer, "Too quick to wait for.", -1);
  show_trace (fixture, 1);

  /* Written before the panel moved on, not lost with the timer. */
  first = read_annotation_elsewhere (fixture->file, fixture->ids[0]);
  g_assert_nonnull (first);
  g_assert_cmpstr (first->note, ==, "Too quick to wait for.");
  shown = errata_coding_panel_dup_note (fixture->panel);
  g_assert_cmpstr (shown, ==, "");
  g_assert_false (errata_coding_panel_has_unsaved (fixture->panel));
  g_assert_null (read_annotation (fixture->project, fixture->ids[1], ANNOTATOR));

  g_clear_pointer (&shown, g_free);
  show_trace (fixture, 0);
  shown = errata_coding_panel_dup_note (fixture->panel);
  g_assert_cmpstr (shown, ==, "Too quick to wait for.");
  /* Loading a note is not an edit. */
  g_assert_false (errata_coding_panel_has_unsaved (fixture->panel));
}

static void
test_first_failure (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ErrataAnnotation) elsewhere = NULL;
  g_autoptr(ErrataTrace) summary = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  GtkWidget *clear;

  show_trace (fixture, 0);
  g_assert_cmpstr (get_first_failure_text (fixture), ==, "Not marked");
  clear = find_with_class (GTK_WIDGET (fixture->panel), GTK_TYPE_BUTTON, "flat");
  g_assert_false (gtk_widget_is_sensitive (clear));

  /* The tool said no; the reply at index 4 ignored it. */
  errata_coding_panel_set_first_failure (fixture->panel, 4);
  g_assert_cmpstr (get_first_failure_text (fixture), ==, "Message 5 (assistant)");
  /* Shown as plain text: the role comes from the trace. */
  g_assert_false (adw_preferences_row_get_use_markup (get_first_failure_row (fixture)));
  g_assert_true (gtk_widget_is_sensitive (clear));
  elsewhere = read_annotation_elsewhere (fixture->file, fixture->ids[0]);
  g_assert_cmpint (elsewhere->first_failure, ==, 4);
  g_clear_pointer (&elsewhere, errata_annotation_free);

  /* The mark comes back with the trace. */
  show_trace (fixture, 1);
  g_assert_cmpint (errata_coding_panel_get_first_failure (fixture->panel), ==, -1);
  show_trace (fixture, 0);
  g_assert_cmpint (errata_coding_panel_get_first_failure (fixture->panel), ==, 4);

  g_signal_emit_by_name (clear, "clicked");
  g_assert_cmpint (errata_coding_panel_get_first_failure (fixture->panel), ==, -1);
  g_assert_cmpstr (get_first_failure_text (fixture), ==, "Not marked");
  elsewhere = read_annotation_elsewhere (fixture->file, fixture->ids[0]);
  g_assert_cmpint (elsewhere->first_failure, ==, -1);
  g_clear_pointer (&elsewhere, errata_annotation_free);

  /* A summary from the list has no messages: the number alone. */
  summaries = errata_project_get_trace_summaries (fixture->project, &fixture->ids[2], 1, NULL);
  g_assert_nonnull (summaries);
  summary = g_object_ref (summaries->pdata[0]);
  errata_coding_panel_set_trace (fixture->panel, fixture->project, summary);
  g_object_set (fixture->panel, "first-failure", 1, NULL);
  g_assert_true (g_str_has_prefix (get_first_failure_text (fixture), "Message 2"));
  elsewhere = read_annotation_elsewhere (fixture->file, fixture->ids[2]);
  g_assert_cmpint (elsewhere->first_failure, ==, 1);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ErrataProject) reader = NULL;
  g_autoptr(ErrataTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextView *note_view = find_one (GTK_WIDGET (fixture->panel), GTK_TYPE_TEXT_VIEW);

  /* Without a trace there is nothing to review, and the panel says so. */
  g_assert_false (errata_coding_panel_get_editable (fixture->panel));
  g_assert_true (shows_text (fixture->panel, "Select a trace"));

  reader = errata_project_open (fixture->file, ERRATA_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  trace = get_trace (reader, fixture->ids[0]);
  errata_coding_panel_set_trace (fixture->panel, reader, trace);

  g_assert_false (errata_coding_panel_get_editable (fixture->panel));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (get_verdict_button (fixture, "verdict-pass"))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (note_view)));
  g_assert_true (shows_text (fixture->panel, "read-only"));
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->panel);
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "coding-panel-read-only.png"));

  /* The shortcuts' actions are off as well. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "coding.fail", NULL);
  errata_coding_panel_set_first_failure (fixture->panel, 2);
  g_assert_cmpint (errata_coding_panel_get_verdict (fixture->panel), ==, ERRATA_VERDICT_UNSET);
  g_assert_cmpint (errata_coding_panel_get_first_failure (fixture->panel), ==, -1);
  g_assert_null (read_annotation (fixture->project, fixture->ids[0], ANNOTATOR));

  /* The same trace in a writable project is editable again. */
  show_trace (fixture, 0);
  g_assert_true (errata_coding_panel_get_editable (fixture->panel));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (note_view)));
  g_assert_false (shows_text (fixture->panel, "read-only"));

  errata_coding_panel_set_trace (fixture->panel, NULL, NULL);
  g_clear_object (&reader);
}

static void
test_save_error (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *note = "Important observation, must not be lost.";
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  GtkTextBuffer *buffer = get_note_buffer (fixture);

  show_trace (fixture, 0);
  gtk_text_buffer_insert_at_cursor (buffer, note, -1);

  /* The file goes away under the panel (a closed project stands in for
   * a disk error: every write fails). */
  errata_project_close (fixture->project);
  g_assert_false (errata_coding_panel_flush (fixture->panel, &error));
  g_assert_error (error, ERRATA_PROJECT_ERROR, ERRATA_PROJECT_ERROR_CLOSED);
  g_assert_nonnull (errata_coding_panel_get_error (fixture->panel));

  g_assert_true (shows_text (fixture->panel, "Not saved"));
  g_assert_true (shows_text (fixture->panel, "Could not save this review"));
  g_assert_true (shows_text (fixture->panel, error->message));
  g_assert_true (errata_coding_panel_has_unsaved (fixture->panel));
  kept = errata_coding_panel_dup_note (fixture->panel);
  g_assert_cmpstr (kept, ==, note);

  /* A verdict is kept on screen too, and the error stays while typing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "coding.fail", NULL);
  g_assert_cmpint (errata_coding_panel_get_verdict (fixture->panel), ==, ERRATA_VERDICT_FAIL);
  gtk_text_buffer_insert_at_cursor (buffer, " More.", -1);
  g_assert_true (shows_text (fixture->panel, "Not saved"));
  errata_gui_test_iterate_for (ERRATA_CODING_PANEL_NOTE_DELAY_MS + 200);
  g_assert_true (shows_text (fixture->panel, "Could not save this review"));
  g_assert_true (errata_coding_panel_has_unsaved (fixture->panel));
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "coding-panel-error.png"));

  /* Nothing partial reached the file. */
  {
    g_autoptr(ErrataAnnotation) elsewhere = read_annotation_elsewhere (fixture->file,
                                                                       fixture->ids[0]);
    g_assert_null (elsewhere);
  }
}

static void
test_annotator_follows_settings (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(ErrataAnnotation) by_grace = NULL;
  g_autoptr(ErrataAnnotation) by_ada = NULL;
  const char *real_name = g_get_real_name ();

  show_trace (fixture, 0);
  gtk_text_buffer_insert_at_cursor (get_note_buffer (fixture), "Ada's note", -1);

  /* The pending note is stored under the name it was typed as. */
  g_settings_set_string (settings, "annotator-name", "  Grace  ");
  g_assert_cmpstr (errata_coding_panel_get_annotator (fixture->panel), ==, "Grace");
  g_assert_true (shows_text (fixture->panel, "Reviewing as Grace"));
  by_ada = read_annotation (fixture->project, fixture->ids[0], ANNOTATOR);
  g_assert_cmpstr (by_ada->note, ==, "Ada's note");

  /* Grace sees her own (blank) review and writes under her name. */
  g_assert_cmpint (gtk_text_buffer_get_char_count (get_note_buffer (fixture)), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "coding.pass", NULL);
  by_grace = read_annotation (fixture->project, fixture->ids[0], "Grace");
  g_assert_cmpint (by_grace->verdict, ==, ERRATA_VERDICT_PASS);
  g_clear_pointer (&by_ada, errata_annotation_free);
  by_ada = read_annotation (fixture->project, fixture->ids[0], ANNOTATOR);
  g_assert_cmpint (by_ada->verdict, ==, ERRATA_VERDICT_UNSET);

  /* Empty means the account's name. */
  g_settings_set_string (settings, "annotator-name", "");
  if (real_name == NULL || *real_name == '\0' || g_str_equal (real_name, "Unknown"))
    real_name = g_get_user_name ();
  g_assert_cmpstr (errata_coding_panel_get_annotator (fixture->panel), ==, real_name);
}

#ifdef HAVE_XTEST
static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (data);
}

static gboolean
has_focus (gpointer data)
{
  return gtk_widget_has_focus (data);
}

static gboolean
buffer_is_p (gpointer data)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (data, &start, &end);
  text = gtk_text_buffer_get_text (data, &start, &end, FALSE);
  return g_str_equal (text, "p");
}

static gboolean
verdict_is_pass (gpointer data)
{
  return errata_coding_panel_get_verdict (data) == ERRATA_VERDICT_PASS;
}

/* A real key press and release, through the X server. */
static void
type_key (GtkWidget *widget,
          KeySym     keysym)
{
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  KeyCode keycode = XKeysymToKeycode (display, keysym);

  XTestFakeKeyEvent (display, keycode, True, CurrentTime);
  XTestFakeKeyEvent (display, keycode, False, CurrentTime);
  XFlush (display);
}

static void
focus_window (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *display = gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface));

  /* No window manager under Xvfb: give the window the focus ourselves. */
  XSetInputFocus (display, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XFlush (display);
  errata_gui_test_iterate_until (window_is_active, window);
}
#endif

static void
test_keys_in_note (Fixture       *fixture,
                   gconstpointer  data)
{
#ifdef HAVE_XTEST
  GtkWidget *note_view = find_one (GTK_WIDGET (fixture->panel), GTK_TYPE_TEXT_VIEW);
  GtkWidget *fail = GTK_WIDGET (get_verdict_button (fixture, "verdict-fail"));
  GdkDisplay *display = gtk_widget_get_display (note_view);
  int event_base, error_base, major, minor;

  if (!GDK_IS_X11_DISPLAY (display) ||
      !XTestQueryExtension (gdk_x11_display_get_xdisplay (display),
                            &event_base, &error_base, &major, &minor))
    {
      g_test_skip ("needs an X server with the XTEST extension");
      return;
    }

  show_trace (fixture, 0);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->panel);
  focus_window (fixture->window);

  /* n focuses the note... */
  gtk_widget_grab_focus (fail);
  type_key (fail, XK_n);
  errata_gui_test_iterate_until (has_focus, note_view);

  /* ...where p is a letter, not a verdict. */
  type_key (note_view, XK_p);
  errata_gui_test_iterate_until (buffer_is_p, get_note_buffer (fixture));
  g_assert_cmpint (errata_coding_panel_get_verdict (fixture->panel), ==, ERRATA_VERDICT_UNSET);

  /* Elsewhere in the panel, p passes the trace. */
  gtk_widget_grab_focus (fail);
  type_key (fail, XK_p);
  errata_gui_test_iterate_until (verdict_is_pass, fixture->panel);
  g_assert_true (buffer_is_p (get_note_buffer (fixture)));
  {
    g_autoptr(ErrataAnnotation) stored = read_annotation_elsewhere (fixture->file,
                                                                    fixture->ids[0]);
    g_assert_cmpint (stored->verdict, ==, ERRATA_VERDICT_PASS);
    g_assert_cmpstr (stored->note, ==, "p");
  }
#else
  g_test_skip ("built without XTest");
#endif
}

/* Rendering ----------------------------------------------------------- */

/* The mean colour of a few pixels at the centre of `widget`. */
static void
sample_colour (GdkTexture *texture,
               GtkWidget  *root,
               GtkWidget  *widget,
               double      rgb[3])
{
  int width = gdk_texture_get_width (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * gdk_texture_get_height (texture) * 4);
  graphene_rect_t bounds;
  int cx, cy;

  g_assert_true (gtk_widget_compute_bounds (widget, root, &bounds));
  /* Away from the label in the middle: a point near the left edge. */
  cx = bounds.origin.x + 6;
  cy = bounds.origin.y + bounds.size.height / 2;
  gdk_texture_download (texture, pixels, width * 4);
  rgb[0] = rgb[1] = rgb[2] = 0;
  for (int dy = -1; dy <= 1; dy++)
    {
      /* GdkTexture downloads as premultiplied BGRA (CAIRO_FORMAT_ARGB32). */
      const guchar *p = pixels + ((gsize) (cy + dy) * width + cx) * 4;

      rgb[0] += p[2] / 3.0;
      rgb[1] += p[1] / 3.0;
      rgb[2] += p[0] / 3.0;
    }
}

static void
show_failed_review (Fixture *fixture)
{
  GtkTextBuffer *buffer = get_note_buffer (fixture);

  show_trace (fixture, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "coding.fail", NULL);
  gtk_text_buffer_set_text (buffer,
                            "Proposes a viewing on Saturday at 10 although "
                            "check_agent_availability said the agent is away all weekend. "
                            "Never mentions the asking price.", -1);
  errata_coding_panel_set_first_failure (fixture->panel, 4);
  g_assert_true (errata_coding_panel_flush (fixture->panel, NULL));
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->panel);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *fail = GTK_WIDGET (get_verdict_button (fixture, "verdict-fail"));
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  double light_rgb[3], dark_rgb[3], page_light[3], page_dark[3];

  show_failed_review (fixture);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (fail)));

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  light = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "coding-panel.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "coding-panel-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* The active Fail button is red in both styles (style.css is loaded). */
  sample_colour (light, GTK_WIDGET (fixture->window), fail, light_rgb);
  sample_colour (dark, GTK_WIDGET (fixture->window), fail, dark_rgb);
  g_assert_cmpfloat (light_rgb[0], >, light_rgb[1] + 60);
  g_assert_cmpfloat (dark_rgb[0], >, dark_rgb[1] + 60);

  /* And the page behind it follows the style. */
  sample_colour (light, GTK_WIDGET (fixture->window), GTK_WIDGET (fixture->window), page_light);
  sample_colour (dark, GTK_WIDGET (fixture->window), GTK_WIDGET (fixture->window), page_dark);
  g_assert_cmpfloat (page_light[1], >, page_dark[1] + 100);

  /* The narrowest the Traces page lets it be, and a short window. */
  gtk_window_set_default_size (fixture->window, 280, 560);
  errata_gui_test_iterate_for (100);
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "coding-panel-narrow.png"));
}

/* Other reviews ------------------------------------------------------- */

static void
store_review (Fixture       *fixture,
              guint          i,
              const char    *annotator,
              ErrataVerdict  verdict,
              const char    *note,
              int            first_failure)
{
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (fixture->ids[i], annotator);
  g_autoptr(GError) error = NULL;

  annotation->verdict = verdict;
  g_free (annotation->note);
  annotation->note = g_strdup (note);
  annotation->first_failure = first_failure;
  g_assert_true (errata_project_set_annotation (fixture->project, annotation, &error));
  g_assert_no_error (error);
}

static GtkWidget *
get_others_list (Fixture *fixture)
{
  return find_with_class (GTK_WIDGET (fixture->panel), GTK_TYPE_LIST_BOX, "other-reviews");
}

/* The rows shown under Other Reviews; 0 when the section is hidden. */
static guint
count_other_reviews (Fixture *fixture)
{
  GtkWidget *list = get_others_list (fixture);
  guint n = 0;

  if (!gtk_widget_is_visible (list))
    return 0;
  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

static gboolean
others_show_text (Fixture    *fixture,
                  const char *text)
{
  g_autofree char *shown = errata_gui_test_dup_visible_text (get_others_list (fixture));

  return strstr (shown, text) != NULL;
}

#define DEMO_NOTE "Proposes a viewing on <b>Saturday</b> & ignores that the agent is away."

static void
test_other_reviews (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  store_review (fixture, 0, "Demo reviewer", ERRATA_VERDICT_FAIL, DEMO_NOTE, 4);
  store_review (fixture, 0, ANNOTATOR, ERRATA_VERDICT_PASS, "My own note", -1);
  /* A review whose verdict was cleared and note emptied says nothing. */
  store_review (fixture, 1, "Demo reviewer", ERRATA_VERDICT_UNSET, "", -1);

  show_trace (fixture, 0);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->panel);
  g_assert_cmpuint (count_other_reviews (fixture), ==, 1);
  g_assert_true (others_show_text (fixture, "Demo reviewer"));
  g_assert_true (others_show_text (fixture, "Fail"));
  /* The note is plain text: the tags are shown, not applied. */
  g_assert_true (others_show_text (fixture, DEMO_NOTE));
  g_assert_true (others_show_text (fixture, "First failure: Message 5 (assistant)"));
  /* The annotator's own review is the form, not a second copy below it. */
  g_assert_false (others_show_text (fixture, "My own note"));
  g_assert_false (others_show_text (fixture, ANNOTATOR));
  g_assert_true (shows_text (fixture->panel, "Other Reviews"));

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "coding-panel-others.png"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "coding-panel-others-dark.png"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* No other review (only an empty one): the section is hidden. */
  show_trace (fixture, 1);
  g_assert_cmpuint (count_other_reviews (fixture), ==, 0);
  g_assert_false (shows_text (fixture->panel, "Other Reviews"));

  /* Saving re-reads them: one written meanwhile (another window) shows. */
  store_review (fixture, 1, "Grace", ERRATA_VERDICT_PASS, "", -1);
  g_assert_cmpuint (count_other_reviews (fixture), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "coding.fail", NULL);
  g_assert_cmpuint (count_other_reviews (fixture), ==, 1);
  g_assert_true (others_show_text (fixture, "Grace"));
  g_assert_true (others_show_text (fixture, "Pass"));
  g_assert_false (others_show_text (fixture, "First failure"));

  /* Back on the first trace: still one other review, after the own save. */
  show_trace (fixture, 0);
  g_assert_cmpuint (count_other_reviews (fixture), ==, 1);
  g_assert_true (others_show_text (fixture, "Demo reviewer"));
}

static void
store_imported_label (Fixture       *fixture,
                      guint          i,
                      ErrataVerdict  verdict,
                      const char    *note)
{
  g_autoptr(ErrataAnnotation) annotation = errata_annotation_new (fixture->ids[i], "judge.jsonl");
  g_autoptr(GError) error = NULL;

  annotation->origin = ERRATA_ORIGIN_IMPORTED;
  annotation->verdict = verdict;
  g_free (annotation->note);
  annotation->note = g_strdup (note);
  g_assert_true (errata_project_set_annotation (fixture->project, annotation, &error));
  g_assert_no_error (error);
}

/* Blind review (issue 14, part 3): others' verdicts and notes, imported
 * labels and the labels per mode stay hidden until my verdict is saved. */
static void
test_blind_review (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *mode_labels = find_one (GTK_WIDGET (fixture->panel), ERRATA_TYPE_MODE_LABELS);

  g_assert_true (g_settings_get_boolean (settings, "blind-review"));
  store_review (fixture, 2, "Demo reviewer", ERRATA_VERDICT_FAIL, DEMO_NOTE, -1);
  store_imported_label (fixture, 2, ERRATA_VERDICT_PASS, "the judge liked it");

  show_trace (fixture, 2);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->panel);
  g_assert_true (others_show_text (fixture,
                                   "1 other reviewer reviewed this trace, and it has an imported label."));
  g_assert_false (others_show_text (fixture, "Demo reviewer"));
  g_assert_false (others_show_text (fixture, DEMO_NOTE));
  g_assert_false (others_show_text (fixture, "the judge liked it"));
  g_assert_false (others_show_text (fixture, "Fail"));
  g_assert_false (gtk_widget_is_visible (mode_labels));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_object_unref (errata_gui_test_render_to_png (GTK_WIDGET (fixture->window), "coding-panel-blind-dark.png"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* A note alone is not a verdict: still hidden. */
  gtk_text_buffer_set_text (get_note_buffer (fixture), "asks twice for the date", -1);
  g_assert_true (errata_coding_panel_flush (fixture->panel, NULL));
  g_assert_false (others_show_text (fixture, DEMO_NOTE));

  /* My verdict saved: everything shows, the import marked as such. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "coding.pass", NULL);
  g_assert_true (others_show_text (fixture, "Demo reviewer"));
  g_assert_true (others_show_text (fixture, DEMO_NOTE));
  g_assert_true (others_show_text (fixture, "Imported label · judge.jsonl"));
  g_assert_true (others_show_text (fixture, "the judge liked it"));
  g_assert_true (gtk_widget_is_visible (mode_labels));

  /* The preference off: another trace shows others' reviews at once. */
  store_review (fixture, 1, "Grace", ERRATA_VERDICT_FAIL, "made up a price", -1);
  g_settings_set_boolean (settings, "blind-review", FALSE);
  show_trace (fixture, 1);
  g_assert_true (others_show_text (fixture, "made up a price"));
  g_settings_set_boolean (settings, "blind-review", TRUE);
  errata_gui_test_iterate_until (errata_gui_test_widget_is_drawn, fixture->panel);
  g_assert_false (others_show_text (fixture, "made up a price"));
  g_assert_true (others_show_text (fixture, "1 other reviewer reviewed this trace."));
}

static void
test_no_display (void)
{
  g_test_skip ("no display");
}

static void
load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  /* What AdwApplication does for the application from its resources. */
  gtk_css_provider_load_from_resource (provider, "/io/github/errata/Errata/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/coding-panel/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();
  load_style ();

#define ADD(path, func) \
  g_test_add ("/coding-panel/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("verdict-actions", test_verdict_actions);
  ADD ("note-debounce", test_note_debounce);
  ADD ("switch-flushes", test_switch_flushes);
  ADD ("first-failure", test_first_failure);
  ADD ("read-only", test_read_only);
  ADD ("save-error", test_save_error);
  ADD ("annotator-follows-settings", test_annotator_follows_settings);
  ADD ("keys-in-note", test_keys_in_note);
  ADD ("screenshots", test_screenshots);
  ADD ("other-reviews", test_other_reviews);
  ADD ("blind-review", test_blind_review);
#undef ADD
  return g_test_run ();
}
