/* test-synth-page-tables.c: the Synthetic Data page's forms and tables:
 * the target form (each kind, Edit as JSON), the tuples table (values by
 * dropdown, add, delete with Undo), the heat map per failure mode and per
 * pair of dimensions, and the Traces page's counts after a run; renders
 * synth-page-{1024,1280}-*.png in the build folder.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "synth-page-fixture.h"

#ifdef HAVE_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#endif

/* The target form: the kind switches the fields; each kind's fields make
 * the definition errata-cli reads; members the form has no field for stay;
 * Edit as JSON shows the same definition and brings edits back. */
static void
test_target_form (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkDropDown *kind;
  GtkStack *stack;
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(JsonObject) command = NULL;
  g_autoptr(JsonObject) chat = NULL;
  GtkWidget *json_view;

  expand_all (fixture);
  kind = GTK_DROP_DOWN (field (fixture, "_Kind"));
  {
    g_autoptr(GPtrArray) stacks = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                            GTK_TYPE_STACK);

    stack = NULL;
    for (guint i = 0; i < stacks->len; i++)
      if (gtk_stack_get_child_by_name (g_ptr_array_index (stacks, i), "chat") != NULL)
        stack = g_ptr_array_index (stacks, i);
    g_assert_nonnull (stack);
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "http");

  /* HTTP: headers a line each, a body template, the pointers, the queue. */
  set_view_text (field (fixture, "_Headers"), "X-Test: yes\n\nAuthorization: Bearer {{secret.tok}}\n");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (fixture, "Co_ncurrency")), 8);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (fixture, "_Rate")), 120);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.save-target", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Target saved."));
  saved = stored_target (fixture);
  g_assert_cmpstr (json_object_get_string_member (saved, "kind"), ==, "http");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (saved, "headers"),
                                                  "Authorization"), ==, "Bearer {{secret.tok}}");
  g_assert_cmpint (json_object_get_int_member (saved, "concurrency"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (saved, "requests_per_minute"), ==, 120);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (saved, "body"),
                                                  "query"), ==, "{{query}}");
  /* A header line without a colon is refused, naming the line. */
  set_view_text (field (fixture, "_Headers"), "X-Test: yes\nno colon here");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.save-target", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Headers, line 2:"));

  /* Command: the line is split as a shell would; JSON input. */
  gtk_drop_down_set_selected (kind, 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "command");
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "Co_mmand")), "/bin/echo 'two words' --once");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (field (fixture, "_Input")), 1);
  render (fixture, "light-target-command", ADW_COLOR_SCHEME_FORCE_LIGHT);
  /* Read through Edit as JSON, not saved: saving a command grants it this
   * machine's trust, in the user's own configuration. */
  gtk_check_button_set_active (json_check (fixture), TRUE);
  {
    g_autofree char *text = view_text (json_view_of (fixture));
    g_autoptr(JsonNode) node = json_from_string (text, NULL);

    g_assert_nonnull (node);
    command = json_object_ref (json_node_get_object (node));
  }
  gtk_check_button_set_active (json_check (fixture), FALSE);
  g_assert_cmpstr (json_object_get_string_member (command, "input"), ==, "json");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (command, "command")), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (command, "command"), 1),
                   ==, "two words");
  g_assert_false (json_object_has_member (command, "url"));

  /* Chat, with a member the form has no field for (typed as JSON): it
   * stays when the form saves. */
  gtk_check_button_set_active (json_check (fixture), TRUE);
  json_view = json_view_of (fixture);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (json_view)));
  set_view_text (json_view, "{\"kind\": \"chat\", \"base_url\": \"http://localhost:11434/v1\","
                            " \"provider\": \"ollama\"}");
  gtk_check_button_set_active (json_check (fixture), FALSE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "chat");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "_Base URL"))), ==,
                   "http://localhost:11434/v1");
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "_Model")), "estate-bot");
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "Too_ls file")), "/tmp/tools.json");
  set_view_text (field (fixture, "S_ystem prompt"), "You let flats.");
  render (fixture, "light-target-chat", ADW_COLOR_SCHEME_FORCE_LIGHT);
  render (fixture, "dark-target-chat", ADW_COLOR_SCHEME_FORCE_DARK);
  set_width (fixture, 1280);
  render (fixture, "dark-target-chat", ADW_COLOR_SCHEME_FORCE_DARK);
  set_width (fixture, 1024);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.save-target", NULL);
  chat = stored_target (fixture);
  g_assert_cmpstr (json_object_get_string_member (chat, "provider"), ==, "ollama");
  g_assert_cmpstr (json_object_get_string_member (chat, "model"), ==, "estate-bot");
  g_assert_cmpstr (json_object_get_string_member (chat, "tools_file"), ==, "/tmp/tools.json");
  g_assert_cmpstr (json_object_get_string_member (chat, "system"), ==, "You let flats.");
  g_assert_false (json_object_has_member (chat, "command"));

  /* JSON that does not parse keeps the JSON editor open, with why. */
  gtk_check_button_set_active (json_check (fixture), TRUE);
  set_view_text (json_view, "{\"kind\": ");
  gtk_check_button_set_active (json_check (fixture), FALSE);
  g_assert_true (gtk_check_button_get_active (json_check (fixture)));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (json_view)));
}

static guint
count_tuple_rows (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = errata_gui_test_find_all (GTK_WIDGET (tuples_list (fixture)),
                                                        GTK_TYPE_LIST_BOX_ROW);

  return rows->len;
}

/* The value dropdowns under the tuples table, one per dimension. */
static GtkDropDown *
value_dropdown (Fixture *fixture,
                guint    index)
{
  g_autoptr(GPtrArray) dropdowns = errata_gui_test_find_all (GTK_WIDGET (fixture->page),
                                                             GTK_TYPE_DROP_DOWN);
  guint n = 0;

  for (guint i = 0; i < dropdowns->len; i++)
    if (g_object_get_data (G_OBJECT (g_ptr_array_index (dropdowns, i)), "dimension") != NULL
        && n++ == index)
      return g_ptr_array_index (dropdowns, i);
  g_assert_not_reached ();
}

static const char *
chosen (GtkDropDown *dropdown)
{
  return gtk_string_object_get_string (gtk_drop_down_get_selected_item (dropdown));
}

static void
select_tuple_row (Fixture *fixture,
                  guint    index)
{
  GtkListBox *list = tuples_list (fixture);

  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, index));
}

/* The tuples table: a row per tuple; the selected one's values in the
 * dropdowns; Apply changes them (refused onto another tuple's values);
 * Add makes a typed tuple; Delete deletes with its queries and the toast's
 * Undo brings both back. */
static void
test_tuples_table (Fixture       *fixture,
                   gconstpointer  data)
{
  ErrataProject *project = page_project (fixture);
  g_autoptr(GPtrArray) tuples = errata_synth_tuples_list (project, NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  ErrataSynthTuple *first = g_ptr_array_index (tuples, 0);
  AdwToastOverlay *overlay;
  AdwToast *toast;

  g_assert_cmpuint (count_tuple_rows (fixture), ==, 12);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Tuples: 12 (of 12 combinations)"));
  select_tuple_row (fixture, 0);
  g_assert_cmpstr (chosen (value_dropdown (fixture, 0)), ==,
                   json_object_get_string_member (first->dimensions, "persona"));
  g_assert_cmpstr (chosen (value_dropdown (fixture, 2)), ==,
                   json_object_get_string_member (first->dimensions, "scenario"));

  /* Every combination is taken: Apply onto another's values is refused. */
  gtk_drop_down_set_selected (value_dropdown (fixture, 0), 2);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.apply-tuple", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Tuple "));
  g_assert_nonnull (strstr (gtk_label_get_text (find_label_starting (GTK_WIDGET (fixture->page),
                                                                     "Tuple ")),
                            "has these values already"));

  /* Delete the last tuple (the key, through its action): its query goes
   * too; the toast offers Undo. */
  select_tuple_row (fixture, 11);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.delete-selected-tuple", NULL);
  g_assert_cmpuint (count_tuple_rows (fixture), ==, 11);
  g_assert_cmpuint (count_rows (fixture), ==, 11);
  g_assert_true (shows_coverage (fixture, "3 tuples take “renter”"));
  overlay = errata_gui_test_find_first (GTK_WIDGET (fixture->page), ADW_TYPE_TOAST_OVERLAY);
  toast = errata_toast_helper_get_toast (overlay);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Deleted tuple 12 and its 1 query.");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "synth.undo-delete-tuple");
  render (fixture, "light-tuples", ADW_COLOR_SCHEME_FORCE_LIGHT);
  render (fixture, "dark-tuples", ADW_COLOR_SCHEME_FORCE_DARK);
  set_width (fixture, 1280);
  render (fixture, "light-tuples", ADW_COLOR_SCHEME_FORCE_LIGHT);
  set_width (fixture, 1024);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.undo-delete-tuple", NULL);
  g_assert_cmpuint (count_tuple_rows (fixture), ==, 12);
  g_assert_cmpuint (count_rows (fixture), ==, 12);
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  g_assert_cmpint (((ErrataSynthQuery *)g_ptr_array_index (queries, 11))->tuple_id, ==, 12);
  g_assert_cmpint (((ErrataSynthQuery *)g_ptr_array_index (queries, 11))->state, ==,
                   ERRATA_SYNTH_QUERY_REJECTED);

  /* Delete it again, then give tuple 1 its values with the dropdowns. */
  select_tuple_row (fixture, 11);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.delete-selected-tuple", NULL);
  select_tuple_row (fixture, 0);
  gtk_drop_down_set_selected (value_dropdown (fixture, 0), 2);   /* renter */
  gtk_drop_down_set_selected (value_dropdown (fixture, 1), 1);   /* mortgage */
  gtk_drop_down_set_selected (value_dropdown (fixture, 2), 1);   /* vague */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.apply-tuple", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Tuple 1 changed"));
  after = errata_synth_tuples_list (project, NULL);
  g_assert_cmpstr (json_object_get_string_member (((ErrataSynthTuple *)g_ptr_array_index (after, 0))->dimensions,
                                                  "persona"), ==, "renter");
  /* Add: the freed combination (first-time buyer · search · clear) as a
   * typed tuple. */
  gtk_drop_down_set_selected (value_dropdown (fixture, 0), 0);
  gtk_drop_down_set_selected (value_dropdown (fixture, 1), 0);
  gtk_drop_down_set_selected (value_dropdown (fixture, 2), 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.add-tuple", NULL);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (fixture->page), "Tuple added."));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = errata_synth_tuples_list (project, NULL);
  g_assert_cmpuint (after->len, ==, 12);
  g_assert_cmpint (((ErrataSynthTuple *)g_ptr_array_index (after, 11))->origin, ==,
                   ERRATA_SYNTH_ORIGIN_TYPED);
  /* The new tuple is selected in the table. */
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (tuples_list (fixture))),
                   ==, 11);
}

/* The heat map by pair of values and per failure mode. */
static void
choose_heat (Fixture    *fixture,
             const char *label,
             const char *item)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (field (fixture, label));
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), item) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  g_error ("no %s in %s", item, label);
}

static guint
count_heat_cells (Fixture *fixture)
{
  g_autoptr(GPtrArray) labels = errata_gui_test_find_all (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL);
  guint n = 0;

  for (guint i = 0; i < labels->len; i++)
    n += gtk_widget_has_css_class (g_ptr_array_index (labels, i), "synth-heat");
  return n;
}

/* After a run and reviews: the heat map per failure mode (chosen in its
 * dropdown) and per pair of values of two dimensions (chosen in another);
 * and the Traces page's counts follow the run without a review. */
static void
test_heat_map_choices (Fixture       *fixture,
                       gconstpointer  data)
{
  ErrataProject *project = page_project (fixture);
  ErrataTracesPage *traces = ERRATA_TRACES_PAGE (errata_gui_test_find_first (
                                                   GTK_WIDGET (fixture->window),
                                                   ERRATA_TYPE_TRACES_PAGE));
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  const char *summary;

  g_object_get (traces, "subtitle", &subtitle, NULL);
  g_assert_cmpstr (subtitle, ==, "You reviewed 0 of 0");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.run", NULL);
  errata_gui_test_iterate_until (run_done, fixture->page);
  /* No review, no reload by hand: the run asked the window to reload. */
  g_clear_pointer (&subtitle, g_free);
  g_object_get (traces, "subtitle", &subtitle, NULL);
  g_assert_cmpstr (subtitle, ==, "You reviewed 0 of 11");
  errata_gui_test_iterate_until (traces_listed_11, traces);

  /* Reviews of the first four (first-time buyer), and a failure mode with
   * explicit labels on two of them. */
  queries = errata_synth_queries_list (project, ERRATA_SYNTH_LIST_ALL, NULL);
  for (guint i = 0; i < 4; i++)
    review (project, ((ErrataSynthQuery *)g_ptr_array_index (queries, i))->trace_id,
            i < 2 ? ERRATA_VERDICT_FAIL : ERRATA_VERDICT_PASS);
  g_assert_cmpint (sqlite3_exec (_errata_project_get_db (project),
                                 "INSERT INTO failure_modes (id, name, created_at)"
                                 " VALUES (7, 'Quotes the wrong fee', 0)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_true (errata_labels_set (project, 7,
                                    ((ErrataSynthQuery *)g_ptr_array_index (queries, 0))->trace_id,
                                    ERRATA_VERDICT_FAIL, "ana", "fee wrong", &error));
  g_assert_true (errata_labels_set (project, 7,
                                    ((ErrataSynthQuery *)g_ptr_array_index (queries, 5))->trace_id,
                                    ERRATA_VERDICT_PASS, "ana", "fine", &error));
  g_assert_no_error (error);
  errata_synth_page_reload (fixture->page);
  g_assert_cmpuint (count_heat_cells (fixture), ==, 5);

  /* Per pair: persona down, feature across; four cells have reviews. */
  choose_heat (fixture, "_By:", "persona × feature");
  summary = gtk_label_get_text (find_label_starting (GTK_WIDGET (fixture->page), "Overall failure rate"));
  g_assert_nonnull (strstr (summary, "by pair of values, from 4 of 11"));
  g_assert_cmpuint (count_heat_cells (fixture), ==, 2);
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->page), "persona ↓ · feature →"));
  /* The choice survives a reload (the page reloads when shown). */
  errata_synth_page_reload (fixture->page);
  g_assert_cmpuint (count_heat_cells (fixture), ==, 2);
  scroll_to_end (fixture);
  render (fixture, "light-heat-pairs", ADW_COLOR_SCHEME_FORCE_LIGHT);
  set_width (fixture, 1280);
  scroll_to_end (fixture);
  render (fixture, "dark-heat-pairs", ADW_COLOR_SCHEME_FORCE_DARK);
  set_width (fixture, 1024);

  /* Per failure mode: the explicit fail on query 1 and pass on query 6,
   * and the three other reviewed traces, which pass a mode their review
   * does not put them in: first-time buyer fails it once in four. */
  choose_heat (fixture, "_By:", "Each dimension’s values");
  choose_heat (fixture, "_Failure mode:", "Quotes the wrong fee");
  summary = gtk_label_get_text (find_label_starting (GTK_WIDGET (fixture->page), "Rate of"));
  g_assert_nonnull (strstr (summary, "“Quotes the wrong fee” by value, from 5 of 11"));
  g_assert_true (errata_gui_test_shows_label (GTK_WIDGET (fixture->page), "25% · 1/4"));
  scroll_to_end (fixture);
  render (fixture, "dark-heat-mode", ADW_COLOR_SCHEME_FORCE_DARK);
}

static gboolean
chat_answered (gpointer data)
{
  const char *text = gtk_label_get_text (data);

  return g_str_has_prefix (text, "Reply:") || g_str_has_prefix (text, "Target") ||
         strstr (text, "failed") != NULL;
}

/* The chat form with a tools file, end to end: Test sends the tools in the
 * request body and names the tool the model asked to call. */
static void
test_chat_tools_test (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ErrataMockLlmServer) server = errata_mock_llm_server_new (0, NULL);
  g_autofree char *base = errata_mock_llm_server_dup_base_url (server, FALSE);
  g_autofree char *tools_path = g_build_filename (fixture->dir, "tools.json", NULL);
  g_autoptr(JsonNode) scripted = json_from_string (
    "{\"text\": \"\", \"tool_calls\": [{\"id\": \"c1\", \"type\": \"function\","
    " \"function\": {\"name\": \"book_viewing\", \"arguments\": \"{}\"}}]}", NULL);
  JsonNode *request;
  GtkLabel *answer;

  g_assert_true (g_file_set_contents (tools_path,
                                      "{\"tools\": [{\"type\": \"function\", \"function\":"
                                      " {\"name\": \"book_viewing\"}}]}", -1, NULL));
  errata_mock_llm_server_add_reply (server, scripted);
  expand_all (fixture);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (field (fixture, "_Kind")), 0);
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "_Base URL")), base);
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "_Model")), "estate-bot");
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "Too_ls file")), tools_path);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "synth.test-target", NULL);
  answer = find_label_starting (GTK_WIDGET (fixture->page), "Sending the first accepted query");
  g_assert_nonnull (answer);
  errata_gui_test_iterate_until (chat_answered, answer);
  g_assert_nonnull (strstr (gtk_label_get_text (answer), "(tool calls: book_viewing)"));
  request = errata_mock_llm_server_get_last_request (server);
  g_assert_nonnull (request);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (
                       json_array_get_object_element (
                         json_object_get_array_member (json_node_get_object (request), "tools"), 0),
                       "function"), "name"), ==, "book_viewing");
}

#ifdef HAVE_XTEST
/* Real key presses (XTest under Xvfb, G_DEBUG=fatal-criticals): Delete on
 * a tuple, Ctrl+Z to put it back, E to its values. */
static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (data);
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

static gboolean
has_xtest (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  int event_base, error_base, major, minor;

  return GDK_IS_X11_DISPLAY (display) &&
         XTestQueryExtension (gdk_x11_display_get_xdisplay (display),
                              &event_base, &error_base, &major, &minor);
}

static guint n_keys_seen;

static gboolean
on_key_seen (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             gpointer               data)
{
  n_keys_seen++;
  return FALSE;
}

static gboolean
key_was_seen (gpointer data)
{
  return n_keys_seen > GPOINTER_TO_UINT (data);
}

/* Presses `keysym` (with `modifier` held, unless 0) and waits until the
 * window has handled it and drawn. */
static void
press (GtkWindow *window,
       KeySym     modifier,
       KeySym     keysym)
{
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (window)));
  KeyCode keycode = XKeysymToKeycode (display, keysym);
  KeyCode held = modifier != 0 ? XKeysymToKeycode (display, modifier) : 0;
  guint before = n_keys_seen;

  if (held != 0)
    XTestFakeKeyEvent (display, held, True, CurrentTime);
  XTestFakeKeyEvent (display, keycode, True, CurrentTime);
  XTestFakeKeyEvent (display, keycode, False, CurrentTime);
  if (held != 0)
    XTestFakeKeyEvent (display, held, False, CurrentTime);
  XFlush (display);
  errata_gui_test_iterate_until (key_was_seen, GUINT_TO_POINTER (before + (held != 0)));
  errata_gui_test_wait_for_frame (GTK_WIDGET (window));
}

static gboolean
focus_is_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
test_tuples_keys (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  GtkEventController *keys;
  GtkListBox *list = tuples_list (fixture);
  AdwToast *toast;

  if (!has_xtest (GTK_WIDGET (window)))
    {
      g_test_skip ("needs an X server with the XTEST extension");
      return;
    }
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_seen), NULL);
  gtk_widget_add_controller (GTK_WIDGET (window), keys);
  focus_window (window);

  select_tuple_row (fixture, 11);
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 11)));
  press (window, 0, XK_Delete);
  g_assert_cmpuint (count_tuple_rows (fixture), ==, 11);
  toast = errata_toast_helper_get_toast (errata_gui_test_find_first (GTK_WIDGET (fixture->page),
                                                                     ADW_TYPE_TOAST_OVERLAY));
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Deleted tuple 12 and its 1 query.");
  /* The focus stays in the table, on the tuple that took its place. */
  g_assert_true (focus_is_in (GTK_WIDGET (tuples_list (fixture))));

  press (window, XK_Control_L, XK_z);
  g_assert_cmpuint (count_tuple_rows (fixture), ==, 12);
  g_assert_cmpuint (count_rows (fixture), ==, 12);
  g_assert_true (focus_is_in (GTK_WIDGET (tuples_list (fixture))));

  /* E goes to the first value's dropdown. */
  press (window, 0, XK_e);
  g_assert_true (focus_is_in (GTK_WIDGET (value_dropdown (fixture, 0))));
  gtk_widget_remove_controller (GTK_WIDGET (window), keys);
}
#endif

int
main (int   argc,
      char *argv[])
{
  static const SynthPageTest tests[] = {
    { "target-form", test_target_form },
    { "tuples-table", test_tuples_table },
    { "heat-map-choices", test_heat_map_choices },
    { "chat-tools-test", test_chat_tools_test },
#ifdef HAVE_XTEST
    { "tuples-keys", test_tuples_keys },
#endif
    { NULL, NULL },
  };

  return synth_page_test_run (argc, argv, tests);
}
