/* errata-traces-page.c: the Traces page, what a window shows once a
 * project is open.
 *
 * Three panes: the trace list (a column view over the lazy model, with
 * the review filter, a metadata filter, full-text search and a seeded
 * shuffle above it), the selected trace, and the open-coding panel. The
 * controls edit one ErrataTraceQuery; every change hands it to the model,
 * which re-reads the matching ids in the background.
 *
 * The page works on the window's ErrataWorkspace, its "workspace"
 * property: the failure-mode filter (an ErrataFailureModeDropdown) is
 * bound to the workspace's taxonomy, the one the Failure Modes page
 * edits, and follows its changes.
 *
 * The keyboard flow lives here too, as widget actions (traces.*) with
 * single-key shortcuts. Those bubble up from the focused widget, so a
 * letter typed into the note or the search entry stays a letter.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-coding-panel.h"
#include "errata-failure-mode-dropdown.h"
#include "errata-traces-page.h"
#include "errata-trace-columns.h"
#include "errata-trace-view.h"

struct _ErrataTracesPage
{
  GtkWidget             parent_instance;

  ErrataWorkspace      *workspace;
  ErrataProject        *project;       /* the workspace's */
  ErrataTraceListModel *model;
  GtkSingleSelection   *selection;
  ErrataTraceQuery     *query;         /* what the controls say */
  gboolean              setting_modes;
  gint64                pending_id;    /* to show once the list has loaded; -1: none */
  ErrataTrace          *current;       /* the full trace on show */
  gint64                current_id;    /* -1: none */
  GSettings            *settings;
  char                 *title;
  char                 *subtitle;
  gboolean              clearing_sort;
  gboolean              clearing_filters;

  GtkWidget            *trace_view;
  GtkWidget            *coding_panel;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkLabel             *import_command;
  GtkPaned             *outer_paned;
  GtkPaned             *inner_paned;
  GtkToggleButton      *search_button;
  GtkDropDown          *review_dropdown;
  ErrataFailureModeDropdown *mode_dropdown;
  GtkEntry             *metadata_entry;
  GtkWidget            *import_order_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  GtkColumnView        *column_view;
  GtkLabel             *count_label;
  GtkLabel             *progress_label;
};

G_DEFINE_FINAL_TYPE (ErrataTracesPage, errata_traces_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The items of the review dropdown, in order. */
enum {
  REVIEW_ALL,
  REVIEW_UNREVIEWED,
  REVIEW_PASSED,
  REVIEW_FAILED,
  REVIEW_WITH_NOTE,
};

void
errata_traces_page_show_toast (ErrataTracesPage *self,
                                const char        *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (ERRATA_IS_TRACES_PAGE (self));

  /* Toast titles are Pango markup on libadwaita 1.2; messages carry paths
   * and trace text, which are plain text. */
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* Header ---------------------------------------------------------------- */

static void
update_header (ErrataTracesPage *self)
{
  g_autoptr(GError) error = NULL;
  ErrataProjectInfo info = { 0 };

  g_free (self->subtitle);
  if (!errata_project_get_info (self->project, &info, &error))
    self->subtitle = g_strdup (error->message);
  else
    /* Translators: the header of the trace list: how many traces have a
     * pass or fail verdict, of how many in the project. */
    self->subtitle = g_strdup_printf (_("Reviewed %'" G_GINT64_FORMAT " of %'" G_GINT64_FORMAT),
                                      info.annotated, info.traces);
  gtk_label_set_text (self->progress_label, self->subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

static gboolean
query_is_filtered (ErrataTraceQuery *query)
{
  return errata_trace_query_get_review_filter (query) != ERRATA_REVIEW_FILTER_ANY ||
         errata_trace_query_get_has_note (query) ||
         errata_trace_query_get_text (query) != NULL ||
         errata_trace_query_get_failure_mode (query) > 0 ||
         errata_trace_query_get_metadata_field (query) != NULL;
}

static void
update_count (ErrataTracesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = NULL;

  if (query_is_filtered (self->query))
    /* Translators: below the trace list while a filter or search is on. */
    text = g_strdup_printf (ngettext ("%'u trace matches", "%'u traces match", n), n);
  else
    /* Translators: below the trace list. */
    text = g_strdup_printf (ngettext ("%'u trace", "%'u traces", n), n);
  if (errata_trace_query_get_sort (self->query) == ERRATA_TRACE_SORT_SHUFFLE)
    {
      g_autofree char *shuffled = NULL;

      /* Translators: %s is the number of traces; the seed lets a colleague
       * draw the same sample. */
      shuffled = g_strdup_printf (_("%s, shuffled (seed %u)"), text,
                                  errata_trace_query_get_seed (self->query));
      g_free (text);
      text = g_steal_pointer (&shuffled);
    }
  gtk_label_set_text (self->count_label, text);
}

/* The trace on show ----------------------------------------------------- */

static void
flush_or_toast (ErrataTracesPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!errata_traces_page_flush (self, &error))
    errata_traces_page_show_toast (self, error->message);
}

static void
show_trace (ErrataTracesPage *self,
            gint64             id)
{
  g_autoptr(GError) error = NULL;

  flush_or_toast (self);
  g_clear_object (&self->current);
  self->current_id = id;
  if (id >= 0)
    {
      self->current = errata_project_get_trace (self->project, id, &error);
      if (self->current == NULL)
        errata_traces_page_show_toast (self, error->message);
    }
  errata_trace_view_set_trace (ERRATA_TRACE_VIEW (self->trace_view), self->current);
  errata_coding_panel_set_trace (ERRATA_CODING_PANEL (self->coding_panel),
                                 self->project, self->current);
}

/* A review that cannot be saved must not be thrown away by moving on:
 * the selection goes back to its trace, whose text is still in the panel,
 * and the toast says why. Returns TRUE when it stayed. */
static gboolean
stay_if_unsaved (ErrataTracesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint position;

  if (self->current_id < 0 || errata_traces_page_flush (self, &error))
    return FALSE;
  message = g_strdup_printf (_("This review could not be saved, so it stays open: %s"),
                             error->message);
  errata_traces_page_show_toast (self, message);
  position = errata_trace_list_model_find (self->model, self->current_id);
  if (position != ERRATA_TRACE_LIST_MODEL_NO_POSITION)
    gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

/* An unselected list with items is a passing state: the model just
 * replaced its items (a reload, or a row refreshed after a save) and the
 * page selects again right after. Only an empty list clears the view. */
static void
on_selection_changed (ErrataTracesPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  gint64 id = errata_trace_list_model_get_trace_id (self->model, position);

  if (position == GTK_INVALID_LIST_POSITION &&
      g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    return;
  if (id != self->current_id && !stay_if_unsaved (self))
    show_trace (self, id);
}

static GtkWidget *
find_list_view (GtkWidget *column_view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (column_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

void
errata_traces_page_select (ErrataTracesPage *self,
                            guint              position)
{
  GtkWidget *list_view;

  g_return_if_fail (ERRATA_IS_TRACES_PAGE (self));

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    return;
  gtk_single_selection_set_selected (self->selection, position);
  /* GTK 4.8 has no gtk_column_view_scroll_to(); its list view has the
   * action that does it. */
  list_view = find_list_view (GTK_WIDGET (self->column_view));
  if (list_view != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

guint
errata_traces_page_get_selected (ErrataTracesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACES_PAGE (self), GTK_INVALID_LIST_POSITION);
  return gtk_single_selection_get_selected (self->selection);
}

/* Keys travel from the focused widget up: with nothing focused (a window
 * that just opened) j and k would reach no one. The list takes the focus
 * then, and never from a control the user is in. */
static void
take_initial_focus (ErrataTracesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (root != NULL && (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self))))
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* After the model replaced its items: keep the trace on show if it is
 * still in the list, else show the first one. */
static void
reselect (ErrataTracesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gint64 wanted = self->pending_id >= 0 ? self->pending_id : self->current_id;
  guint position = errata_trace_list_model_find (self->model, wanted);

  if (position == ERRATA_TRACE_LIST_MODEL_NO_POSITION)
    position = 0;
  if (n == 0)
    on_selection_changed (self);
  else
    errata_traces_page_select (self, position);
  take_initial_focus (self);
}

static void
update_state (ErrataTracesPage *self)
{
  gboolean loading = errata_trace_list_model_is_loading (self->model);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  const char *page = "traces";

  if (n == 0 && !query_is_filtered (self->query))
    page = loading ? "loading" : "empty";
  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 || loading ? "list" : "no-match");
  update_count (self);
}

static void
on_loading_changed (ErrataTracesPage *self)
{
  update_state (self);
  if (!errata_trace_list_model_is_loading (self->model))
    {
      reselect (self);
      self->pending_id = -1;
    }
}

static void
on_load_failed (ErrataTracesPage *self,
                const char        *message)
{
  errata_traces_page_show_toast (self, message);
}

/* A write from the coding panel: the row and the header follow. */
static void
on_saved (ErrataTracesPage *self,
          gint64             trace_id)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  errata_trace_list_model_refresh_trace (self->model, trace_id);
  if (gtk_single_selection_get_selected (self->selection) != selected)
    gtk_single_selection_set_selected (self->selection, selected);
  update_header (self);
}

/* A click (or Enter) on a message marks it as the first upstream
 * failure; on the message already marked, it takes the mark away. */
static void
on_message_activated (ErrataTracesPage *self,
                      int                index)
{
  ErrataCodingPanel *panel = ERRATA_CODING_PANEL (self->coding_panel);

  if (errata_coding_panel_get_first_failure (panel) == index)
    index = -1;
  errata_coding_panel_set_first_failure (panel, index);
}

/* The query ------------------------------------------------------------- */

static void
apply_query (ErrataTracesPage *self)
{
  gboolean shuffled = errata_trace_query_get_sort (self->query) == ERRATA_TRACE_SORT_SHUFFLE;

  /* Each control would reload the list as it is reset: once is enough. */
  if (self->clearing_filters)
    return;
  gtk_widget_set_visible (self->import_order_button, shuffled);
  errata_trace_list_model_set_query (self->model, self->query);
  update_state (self);
}

static void
on_review_changed (ErrataTracesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->review_dropdown);
  static const ErrataReviewFilter filters[] = {
    [REVIEW_ALL] = ERRATA_REVIEW_FILTER_ANY,
    [REVIEW_UNREVIEWED] = ERRATA_REVIEW_FILTER_UNREVIEWED,
    [REVIEW_PASSED] = ERRATA_REVIEW_FILTER_PASS,
    [REVIEW_FAILED] = ERRATA_REVIEW_FILTER_FAIL,
    [REVIEW_WITH_NOTE] = ERRATA_REVIEW_FILTER_ANY,
  };

  if (selected >= G_N_ELEMENTS (filters))
    return;
  errata_trace_query_set_review_filter (self->query, filters[selected]);
  errata_trace_query_set_has_note (self->query, selected == REVIEW_WITH_NOTE);
  apply_query (self);
}

static void
on_search_changed (ErrataTracesPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* The entry reports a cleared search a moment later, when the query
   * has no text any more. */
  if (g_strcmp0 (*text ? text : NULL, errata_trace_query_get_text (self->query)) == 0)
    return;
  errata_trace_query_set_text (self->query, *text ? text : NULL);
  apply_query (self);
}

static void
on_search_mode_changed (ErrataTracesPage *self)
{
  /* A hidden search must not keep filtering the list. */
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* "field = value" (spaces around either side are not part of them). */
static gboolean
parse_metadata_filter (const char  *text,
                       char       **field,
                       char       **value)
{
  const char *equals = strchr (text, '=');

  if (equals == NULL)
    return FALSE;
  *field = g_strstrip (g_strndup (text, equals - text));
  *value = g_strstrip (g_strdup (equals + 1));
  if (**field == '\0')
    {
      g_clear_pointer (field, g_free);
      g_clear_pointer (value, g_free);
      return FALSE;
    }
  return TRUE;
}

static void
on_metadata_activate (ErrataTracesPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->metadata_entry));
  g_autofree char *field = NULL;
  g_autofree char *value = NULL;
  gboolean empty = *text == '\0';

  if (!empty && !parse_metadata_filter (text, &field, &value))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->metadata_entry), "error");
      errata_traces_page_show_toast (self, _("Write the metadata filter as field = value"));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->metadata_entry), "error");
  errata_trace_query_set_metadata_filter (self->query, field, value);
  apply_query (self);
}

static void
on_metadata_icon_press (ErrataTracesPage    *self,
                        GtkEntryIconPosition  position)
{
  gtk_editable_set_text (GTK_EDITABLE (self->metadata_entry), "");
  on_metadata_activate (self);
}

/* The failure-mode filter ------------------------------------------------ */

static void
on_mode_changed (ErrataTracesPage *self)
{
  if (self->setting_modes)
    return;
  errata_trace_query_set_failure_mode (self->query,
                                       errata_failure_mode_dropdown_get_mode_id (self->mode_dropdown));
  apply_query (self);
}

/* Cards moved on the canvas: the list of a mode's traces is out of date.
 * (A mode that went away has already set the filter back to any.) */
static void
on_modes_changed (ErrataTracesPage *self)
{
  if (errata_trace_query_get_failure_mode (self->query) > 0)
    apply_query (self);
}

static void
setup_mode_dropdown (ErrataTracesPage *self)
{
  g_object_bind_property (self->mode_dropdown, "has-modes", self->mode_dropdown, "visible",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->mode_dropdown, "notify::mode-id",
                           G_CALLBACK (on_mode_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mode_dropdown, "modes-changed",
                           G_CALLBACK (on_modes_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mode_dropdown, "load-failed",
                           G_CALLBACK (errata_traces_page_show_toast), self, G_CONNECT_SWAPPED);
}

static void
on_sorter_changed (ErrataTracesPage *self)
{
  ErrataTraceSort sort = ERRATA_TRACE_SORT_IMPORT_ORDER;
  gboolean descending = FALSE;

  if (self->clearing_sort)
    return;
  if (!errata_trace_columns_get_sort (self->column_view, &sort, &descending))
    {
      sort = ERRATA_TRACE_SORT_IMPORT_ORDER;
      descending = FALSE;
    }
  errata_trace_query_set_sort (self->query, sort, descending);
  apply_query (self);
}

/* The header arrows say nothing about a shuffled order. */
static void
clear_column_sort (ErrataTracesPage *self)
{
  self->clearing_sort = TRUE;
  errata_trace_columns_clear_sort (self->column_view);
  self->clearing_sort = FALSE;
}

/* Actions --------------------------------------------------------------- */

static void
shuffle_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);

  /* A new seed each time: each press draws a new sample. */
  errata_trace_query_set_seed (self->query, g_random_int ());
  errata_trace_query_set_sort (self->query, ERRATA_TRACE_SORT_SHUFFLE, FALSE);
  clear_column_sort (self);
  apply_query (self);
}

static void
import_order_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);

  errata_trace_query_set_sort (self->query, ERRATA_TRACE_SORT_IMPORT_ORDER, FALSE);
  clear_column_sort (self);
  apply_query (self);
}

static void
move_selection (ErrataTracesPage *self,
                int                delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint position = gtk_single_selection_get_selected (self->selection);

  if (n == 0)
    return;
  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  else if (delta > 0 && position + 1 < n)
    position++;
  else if (delta < 0 && position > 0)
    position--;
  errata_traces_page_select (self, position);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_selection (ERRATA_TRACES_PAGE (widget), 1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_selection (ERRATA_TRACES_PAGE (widget), -1);
}

static gboolean
is_unreviewed_at (ErrataTracesPage *self,
                  guint              position)
{
  g_autoptr(ErrataTrace) trace = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  return trace != NULL && errata_trace_get_verdict (trace) == ERRATA_VERDICT_UNSET &&
         errata_trace_get_id (trace) != self->current_id;
}

/* The next unreviewed trace after the selected one, wrapping around,
 * looking at no more than ERRATA_TRACES_PAGE_UNREVIEWED_SCAN rows. */
static guint
find_next_unreviewed (ErrataTracesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint start = gtk_single_selection_get_selected (self->selection);
  guint limit = MIN (n, ERRATA_TRACES_PAGE_UNREVIEWED_SCAN);

  if (start == GTK_INVALID_LIST_POSITION)
    start = n - 1;
  for (guint i = 1; i <= limit; i++)
    {
      guint position = (start + i) % n;

      if (is_unreviewed_at (self, position))
        return position;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
next_unreviewed_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  guint position;

  if (!errata_traces_page_flush (self, &error))
    {
      errata_traces_page_show_toast (self, error->message);
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    return;
  position = find_next_unreviewed (self);
  if (position == GTK_INVALID_LIST_POSITION)
    errata_traces_page_show_toast (self, _("Saved. No unreviewed trace left in this list"));
  else
    errata_traces_page_select (self, position);
  /* Out of the note: the next keys are p, f or j again, not text. */
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
forward_to_panel (ErrataTracesPage *self,
                  const char        *action)
{
  if (self->current != NULL)
    gtk_widget_activate_action (self->coding_panel, action, NULL);
}

static void
pass_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  forward_to_panel (ERRATA_TRACES_PAGE (widget), "coding.pass");
}

static void
fail_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  forward_to_panel (ERRATA_TRACES_PAGE (widget), "coding.fail");
}

static void
focus_note_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  forward_to_panel (ERRATA_TRACES_PAGE (widget), "coding.focus-note");
}

static void
mark_first_failure_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);
  int index;

  if (self->current == NULL)
    return;
  index = errata_trace_view_get_focused_message (ERRATA_TRACE_VIEW (self->trace_view));
  if (index < 0)
    {
      errata_traces_page_show_toast (self, _("Move the focus to a message first (Tab into the conversation)"));
      return;
    }
  on_message_activated (self, index);
}

typedef enum
{
  PANE_LIST,
  PANE_TRACE,
  PANE_CODING,
  N_PANES
} Pane;

static Pane
get_focused_pane (ErrataTracesPage *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

  if (focus != NULL && gtk_widget_is_ancestor (focus, self->trace_view))
    return PANE_TRACE;
  if (focus != NULL && gtk_widget_is_ancestor (focus, self->coding_panel))
    return PANE_CODING;
  return PANE_LIST;
}

static void
focus_pane (ErrataTracesPage *self,
            Pane               pane)
{
  ErrataTraceView *view = ERRATA_TRACE_VIEW (self->trace_view);

  if (pane == PANE_TRACE && self->current != NULL)
    errata_trace_view_focus_message (view, MAX (errata_trace_view_get_focused_message (view), 0));
  else if (pane == PANE_CODING && self->current != NULL)
    gtk_widget_child_focus (self->coding_panel, GTK_DIR_TAB_FORWARD);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* F6 and Shift+F6, as across GNOME: from pane to pane. Tab alone cannot
 * leave the list on GTK 4.8, where it walks the rows. */
static void
next_pane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);
  int step = g_str_equal (action_name, "traces.next-pane") ? 1 : N_PANES - 1;

  focus_pane (self, (get_focused_pane (self) + step) % N_PANES);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Setup ----------------------------------------------------------------- */

static char *
dup_import_command (ErrataProject *project)
{
  g_autofree char *path = g_file_get_path (errata_project_get_file (project));
  g_autofree char *quoted = g_shell_quote (path ? path : "PROJECT");

  /* Translators: FILE stands for the file of traces to import. */
  return g_strdup_printf ("errata-cli import %s %s", quoted, _("FILE"));
}

static void
create_panes (ErrataTracesPage *self)
{
  self->trace_view = errata_trace_view_new ();
  gtk_widget_set_hexpand (self->trace_view, TRUE);
  gtk_widget_set_size_request (self->trace_view, 320, -1);
  self->coding_panel = errata_coding_panel_new ();
  gtk_widget_set_size_request (self->coding_panel, 280, -1);
  gtk_paned_set_start_child (self->inner_paned, self->trace_view);
  gtk_paned_set_end_child (self->inner_paned, self->coding_panel);

  g_object_bind_property (self->coding_panel, "first-failure",
                          self->trace_view, "first-failure", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->trace_view, "message-activated",
                           G_CALLBACK (on_message_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->coding_panel, "saved",
                           G_CALLBACK (on_saved), self, G_CONNECT_SWAPPED);
}

/* The list width is kept when the settings schema has a key for it. */
static void
bind_list_width (ErrataTracesPage *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (g_settings_schema_has_key (schema, "trace-list-width"))
    g_settings_bind (self->settings, "trace-list-width", self->outer_paned, "position",
                     G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
}

/* The failure-mode filter and the coding panel follow the taxonomy. */
static void
bind_taxonomy (ErrataTracesPage *self)
{
  g_object_bind_property (self->workspace, "taxonomy", self->mode_dropdown, "taxonomy",
                          G_BINDING_SYNC_CREATE);
  errata_coding_panel_set_taxonomy (ERRATA_CODING_PANEL (self->coding_panel),
                                    errata_workspace_get_taxonomy (self->workspace));
}

static void
set_workspace (ErrataTracesPage *self,
               ErrataWorkspace  *workspace)
{
  g_autofree char *command = NULL;
  ErrataProject *project;

  g_assert (self->workspace == NULL);
  g_assert (ERRATA_IS_WORKSPACE (workspace));
  self->workspace = g_object_ref (workspace);
  project = errata_workspace_get_project (workspace);
  self->project = g_object_ref (project);
  self->title = g_file_get_basename (errata_project_get_file (project));

  self->model = errata_trace_list_model_new (project, self->query);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading",
                           G_CALLBACK (on_loading_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "load-failed",
                           G_CALLBACK (on_load_failed), self, G_CONNECT_SWAPPED);

  command = dup_import_command (project);
  gtk_label_set_text (self->import_command, command);
  bind_taxonomy (self);
  update_header (self);
  update_state (self);
}

static void
errata_traces_page_dispose (GObject *object)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (object);

  if (self->coding_panel != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* The window has already asked whether to close without it. */
      if (!errata_traces_page_flush (self, &error))
        g_debug ("Closed without saving the review: %s", error->message);
    }
  /* Removing the columns changes the sorter, which must not reach a page
   * that is going away. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_TRACES_PAGE);
  self->trace_view = NULL;
  self->coding_panel = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->current);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (errata_traces_page_parent_class)->dispose (object);
}

static void
errata_traces_page_finalize (GObject *object)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (object);

  g_clear_object (&self->query);
  g_clear_object (&self->project);
  g_clear_object (&self->workspace);
  g_free (self->title);
  g_free (self->subtitle);

  G_OBJECT_CLASS (errata_traces_page_parent_class)->finalize (object);
}

static void
errata_traces_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_traces_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_shortcuts (GtkWidgetClass *widget_class)
{
  static const struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_j, 0, "traces.next" },
    { GDK_KEY_Down, 0, "traces.next" },
    { GDK_KEY_k, 0, "traces.previous" },
    { GDK_KEY_Up, 0, "traces.previous" },
    { GDK_KEY_p, 0, "traces.pass" },
    { GDK_KEY_f, 0, "traces.fail" },
    { GDK_KEY_n, 0, "traces.focus-note" },
    { GDK_KEY_m, 0, "traces.mark-first-failure" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i].key, keys[i].mods,
                                         keys[i].action, NULL);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "traces.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "traces.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "traces.next-unreviewed", NULL,
                                   next_unreviewed_action);
  gtk_widget_class_install_action (widget_class, "traces.pass", NULL, pass_action);
  gtk_widget_class_install_action (widget_class, "traces.fail", NULL, fail_action);
  gtk_widget_class_install_action (widget_class, "traces.focus-note", NULL, focus_note_action);
  gtk_widget_class_install_action (widget_class, "traces.mark-first-failure", NULL,
                                   mark_first_failure_action);
  gtk_widget_class_install_action (widget_class, "traces.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "traces.next-pane", NULL, next_pane_action);
  gtk_widget_class_install_action (widget_class, "traces.previous-pane", NULL, next_pane_action);
  gtk_widget_class_install_action (widget_class, "traces.shuffle", NULL, shuffle_action);
  gtk_widget_class_install_action (widget_class, "traces.import-order", NULL,
                                   import_order_action);
}

static void
errata_traces_page_class_init (ErrataTracesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_traces_page_dispose;
  object_class->finalize = errata_traces_page_finalize;
  object_class->get_property = errata_traces_page_get_property;
  object_class->set_property = errata_traces_page_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL,
                         ERRATA_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-traces-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, import_command);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, review_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, metadata_entry);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, import_order_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, progress_label);

  install_actions (widget_class);
  add_shortcuts (widget_class);
}

/* Ctrl+Enter and Ctrl+F must work while the note has the focus, and a
 * text view takes Enter for itself: these shortcuts run in the capture
 * phase, before the focused widget sees the key. */
static void
add_capture_shortcuts (ErrataTracesPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);
  static const struct { const char *trigger; const char *action; } keys[] = {
    { "<Control>Return|<Control>KP_Enter", "traces.next-unreviewed" },
    { "<Control>f", "traces.search" },
    { "F6", "traces.next-pane" },
    { "<Shift>F6", "traces.previous-pane" },
  };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (shortcuts,
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (keys[i].trigger),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
connect_controls (ErrataTracesPage *self)
{
  g_signal_connect_object (self->review_dropdown, "notify::selected",
                           G_CALLBACK (on_review_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->metadata_entry, "activate",
                           G_CALLBACK (on_metadata_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->metadata_entry, "icon-press",
                           G_CALLBACK (on_metadata_icon_press), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->search_button, "active",
                          self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

static void
errata_traces_page_init (ErrataTracesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->current_id = -1;
  self->pending_id = -1;
  self->query = errata_trace_query_new ();
  self->settings = g_settings_new (APP_ID);
  errata_trace_columns_add (self->column_view);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  create_panes (self);
  setup_mode_dropdown (self);
  connect_controls (self);
  add_capture_shortcuts (self);
  bind_list_width (self);
}

GtkWidget *
errata_traces_page_new (ErrataWorkspace *workspace)
{
  g_return_val_if_fail (ERRATA_IS_WORKSPACE (workspace), NULL);

  return g_object_new (ERRATA_TYPE_TRACES_PAGE, "workspace", workspace, NULL);
}

ErrataWorkspace *
errata_traces_page_get_workspace (ErrataTracesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACES_PAGE (self), NULL);
  return self->workspace;
}

ErrataProject *
errata_traces_page_get_project (ErrataTracesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACES_PAGE (self), NULL);
  return self->project;
}

ErrataTraceListModel *
errata_traces_page_get_model (ErrataTracesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACES_PAGE (self), NULL);
  return self->model;
}

const char *
errata_traces_page_get_title (ErrataTracesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACES_PAGE (self), NULL);
  return self->title;
}

/* "Reviewed N of M". */
const char *
errata_traces_page_get_subtitle (ErrataTracesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACES_PAGE (self), NULL);
  return self->subtitle;
}

/* The full trace on show (messages, tools, metadata), or %NULL. */
ErrataTrace *
errata_traces_page_get_current_trace (ErrataTracesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACES_PAGE (self), NULL);
  return self->current;
}

/* After an import: the list and the header read the project again. */
void
errata_traces_page_reload (ErrataTracesPage *self)
{
  g_return_if_fail (ERRATA_IS_TRACES_PAGE (self));

  errata_trace_list_model_reload (self->model);
  update_header (self);
  update_state (self);
}

/* Writes a note still waiting for its autosave: before the window closes,
 * and before another trace is shown. */
gboolean
errata_traces_page_flush (ErrataTracesPage  *self,
                           GError            **error)
{
  g_return_val_if_fail (ERRATA_IS_TRACES_PAGE (self), FALSE);

  if (self->coding_panel == NULL)
    return TRUE;
  return errata_coding_panel_flush (ERRATA_CODING_PANEL (self->coding_panel), error);
}

/* Every filter off, the failure mode too; the caller applies the query. */
static void
clear_filters (ErrataTracesPage *self)
{
  self->clearing_filters = TRUE;
  self->setting_modes = TRUE;
  errata_trace_query_set_review_filter (self->query, ERRATA_REVIEW_FILTER_ANY);
  errata_trace_query_set_has_note (self->query, FALSE);
  errata_trace_query_set_metadata_filter (self->query, NULL, NULL);
  errata_trace_query_set_text (self->query, NULL);
  errata_trace_query_set_failure_mode (self->query, 0);
  gtk_drop_down_set_selected (self->review_dropdown, REVIEW_ALL);
  errata_failure_mode_dropdown_set_mode_id (self->mode_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->metadata_entry), "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->metadata_entry), "error");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->setting_modes = FALSE;
  self->clearing_filters = FALSE;
}

/**
 * errata_traces_page_show_trace:
 * @trace_id: a trace of the project
 *
 * Selects the trace in the list and shows it. When a filter hides it,
 * the filters are cleared (the sort is kept) and the trace is selected
 * once the list has loaded again.
 */
void
errata_traces_page_show_trace (ErrataTracesPage *self,
                                gint64             trace_id)
{
  guint position;

  g_return_if_fail (ERRATA_IS_TRACES_PAGE (self));

  position = errata_trace_list_model_find (self->model, trace_id);
  if (!errata_trace_list_model_is_loading (self->model) &&
      position != ERRATA_TRACE_LIST_MODEL_NO_POSITION)
    {
      errata_traces_page_select (self, position);
      return;
    }
  self->pending_id = trace_id;
  if (position == ERRATA_TRACE_LIST_MODEL_NO_POSITION && query_is_filtered (self->query))
    {
      clear_filters (self);
      apply_query (self);
    }
}

/**
 * errata_traces_page_set_failure_mode:
 * @mode_id: a failure mode of the shared taxonomy, or 0 for any
 *
 * Lists the traces with a note in the failure mode, and only those: the
 * other filters are cleared, so that the list holds as many traces as
 * the Pareto chart counts.
 */
void
errata_traces_page_set_failure_mode (ErrataTracesPage *self,
                                      gint64             mode_id)
{
  gboolean found;

  g_return_if_fail (ERRATA_IS_TRACES_PAGE (self));

  /* Nothing changes for a mode that is not there. */
  self->setting_modes = TRUE;
  found = errata_failure_mode_dropdown_set_mode_id (self->mode_dropdown, mode_id);
  self->setting_modes = FALSE;
  if (!found)
    {
      errata_traces_page_show_toast (self, _("This failure mode no longer exists"));
      return;
    }
  clear_filters (self);
  errata_trace_query_set_failure_mode (self->query, mode_id);
  self->setting_modes = TRUE;
  errata_failure_mode_dropdown_set_mode_id (self->mode_dropdown, mode_id);
  self->setting_modes = FALSE;
  apply_query (self);
}

/* The failure mode the list is filtered by, or 0. */
gint64
errata_traces_page_get_failure_mode (ErrataTracesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACES_PAGE (self), 0);
  return errata_trace_query_get_failure_mode (self->query);
}
