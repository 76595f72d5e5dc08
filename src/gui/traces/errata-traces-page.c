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
 * The filters and the sort live in errata-traces-page-filters.c, the
 * actions and shortcuts in errata-traces-page-actions.c, over
 * errata-traces-page-private.h.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-traces-page-private.h"
#include "errata-coding-panel.h"
#include "errata-failure-mode-dropdown.h"
#include "errata-trace-columns.h"
#include "errata-trace-view.h"
#include "errata-toast-helper.h"

G_DEFINE_FINAL_TYPE (ErrataTracesPage, errata_traces_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
errata_traces_page_show_toast (ErrataTracesPage *self,
                                const char        *message)
{
  g_return_if_fail (ERRATA_IS_TRACES_PAGE (self));

  /* Messages carry paths and trace text, which are plain text: the helper
   * escapes them, and keeps one toast it updates in place. */
  errata_toast_helper_show (self->toast_overlay, message);
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
    _errata_traces_page_set_cursor (self, position);
  return TRUE;
}

/* An unselected list with items is a passing state: the model just
 * replaced its items (a reload, or a row refreshed after a save) and the
 * page selects again right after. Only an empty list clears the view. */
void
_errata_traces_page_cursor_changed (ErrataTracesPage *self)
{
  guint position = _errata_traces_page_get_cursor (self);
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

static gboolean
list_has_focus (ErrataTracesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view));
}

void
errata_traces_page_select (ErrataTracesPage *self,
                            guint              position)
{
  GtkWidget *list_view;

  g_return_if_fail (ERRATA_IS_TRACES_PAGE (self));

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    return;
  _errata_traces_page_set_cursor (self, position);
  /* GTK 4.8 has no gtk_column_view_scroll_to(); its list view has the
   * action that does it. */
  list_view = find_list_view (GTK_WIDGET (self->column_view));
  if (list_view != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
  /* j and k move the selection; the focus ring goes with it. */
  if (list_has_focus (self))
    _errata_traces_page_focus_selected_row (self);
}

/* The row of the list at @position, if it is on screen: rows hold one
 * cell per column, each cell the widget the column's factory made, which
 * knows its list item (see errata-trace-columns.c). */
static GtkWidget *
find_row (GtkWidget *list_view,
          guint      position)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list_view);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *cell = gtk_widget_get_first_child (row);
      GtkWidget *child = cell ? gtk_widget_get_first_child (cell) : NULL;
      GtkListItem *item = child ? errata_trace_columns_get_list_item (child) : NULL;

      if (item != NULL && gtk_list_item_get_position (item) == position)
        return row;
    }
  return NULL;
}

/* TRUE once the selected row has the focus (or there is none to give it). */
static gboolean
try_focus_selected_row (ErrataTracesPage *self)
{
  GtkWidget *list_view = find_list_view (GTK_WIDGET (self->column_view));
  guint position = _errata_traces_page_get_cursor (self);
  GtkWidget *row;

  if (list_view == NULL || position == GTK_INVALID_LIST_POSITION)
    return TRUE;
  row = find_row (list_view, position);
  return row != NULL && gtk_widget_grab_focus (row);
}

static gboolean
focus_row_tick (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  ErrataTracesPage *self = data;

  /* A row scrolled to is built at the next layout; a few frames at most. */
  if (try_focus_selected_row (self) || ++self->focus_row_frames > 30)
    {
      self->focus_row_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* The focus goes to the list, and its ring to the selected row: grabbing
 * the list alone would put it back on the row the user last clicked or
 * moved the cursor to, however far from the selection. */
void
_errata_traces_page_focus_selected_row (ErrataTracesPage *self)
{
  GtkWidget *column_view = GTK_WIDGET (self->column_view);

  gtk_widget_grab_focus (column_view);
  if (try_focus_selected_row (self) || self->focus_row_tick != 0)
    return;
  self->focus_row_frames = 0;
  self->focus_row_tick = gtk_widget_add_tick_callback (column_view, focus_row_tick, self, NULL);
}

guint
errata_traces_page_get_selected (ErrataTracesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACES_PAGE (self), GTK_INVALID_LIST_POSITION);
  return _errata_traces_page_get_cursor (self);
}

/* Keys travel from the focused widget up: with nothing focused (a window
 * that just opened) j and k would reach no one. The list takes the focus
 * then, and never from a control the user is in, nor while another page
 * is on show: a reload another page asked for (win.reload-pages after an
 * experiment's run) put the focus in this hidden list, whose number keys
 * then ate Alt+1… and Tab went round widgets nobody saw. */
static void
take_initial_focus (ErrataTracesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (root != NULL && (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self))))
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* After the model replaced its items: keep the trace on show if it is
 * still in the list, else show the first one. A reload that kept the
 * rows (traces received live) left the trace on show selected: selecting
 * it again would scroll the list back to it, under a reviewer who had
 * scrolled away. */
static void
reselect (ErrataTracesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gint64 wanted = self->pending_id >= 0 ? self->pending_id : self->current_id;
  guint position = errata_trace_list_model_find (self->model, wanted);

  if (self->pending_id < 0 && position != ERRATA_TRACE_LIST_MODEL_NO_POSITION &&
      _errata_traces_page_get_cursor (self) == position)
    {
      take_initial_focus (self);
      return;
    }
  if (position == ERRATA_TRACE_LIST_MODEL_NO_POSITION)
    position = 0;
  if (n == 0)
    _errata_traces_page_cursor_changed (self);
  else
    errata_traces_page_select (self, position);
  take_initial_focus (self);
}

void
_errata_traces_page_update_state (ErrataTracesPage *self)
{
  gboolean loading = errata_trace_list_model_is_loading (self->model);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  const char *page = "traces";

  if (n == 0 && !_errata_traces_page_query_is_filtered (self->query))
    page = loading ? "loading" : "empty";
  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 || loading ? "list" : "no-match");
  _errata_traces_page_update_count (self);
}

/* Late spans changed the trace on show (a live trace): the view shows
 * its new messages; the review form keeps what the reviewer typed, saved
 * or not. */
static void
refresh_current_trace (ErrataTracesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ErrataTrace) fresh = NULL;

  self->current_changed = FALSE;
  if (self->current_id < 0)
    return;
  fresh = errata_project_get_trace (self->project, self->current_id, &error);
  if (fresh == NULL)
    {
      errata_traces_page_show_toast (self, error->message);
      return;
    }
  g_set_object (&self->current, fresh);
  errata_trace_view_set_trace (ERRATA_TRACE_VIEW (self->trace_view), self->current);
  /* Without a trace (it could not be read before), nothing was typed. */
  if (errata_coding_panel_get_trace (ERRATA_CODING_PANEL (self->coding_panel)) == NULL)
    errata_coding_panel_set_trace (ERRATA_CODING_PANEL (self->coding_panel), self->project,
                                   self->current);
  else
    errata_coding_panel_update_trace (ERRATA_CODING_PANEL (self->coding_panel), self->current);
}

static void
on_loading_changed (ErrataTracesPage *self)
{
  _errata_traces_page_update_state (self);
  if (!errata_trace_list_model_is_loading (self->model))
    {
      reselect (self);
      self->pending_id = -1;
      if (self->current_changed)
        refresh_current_trace (self);
    }
}

static void
on_load_failed (ErrataTracesPage *self,
                const char        *message)
{
  errata_traces_page_show_toast (self, message);
}

/* A write from the coding panel (or an undo): the row and the header
 * follow. */
void
_errata_traces_page_review_changed (ErrataTracesPage *self,
                                    gint64            trace_id)
{
  guint selected = _errata_traces_page_get_cursor (self);
  gboolean had_focus = list_has_focus (self);

  /* Ctrl+Z is about this edit now, not a deletion before it. */
  self->deletion_is_last = FALSE;
  _errata_traces_page_update_undo_actions (self);
  errata_trace_list_model_refresh_trace (self->model, trace_id);
  if (_errata_traces_page_get_cursor (self) != selected)
    _errata_traces_page_set_cursor (self, selected);
  /* The refreshed row is a new widget: the focus on the old one (p or f
   * pressed in the list) goes to it, or keys would reach no one. */
  if (had_focus && !list_has_focus (self))
    _errata_traces_page_focus_selected_row (self);
  _errata_traces_page_update_header (self);
}

/* A click (or Enter) on a message marks it as the first upstream
 * failure; on the message already marked, it takes the mark away. */
void
_errata_traces_page_toggle_first_failure (ErrataTracesPage *self,
                                          int               index)
{
  ErrataCodingPanel *panel = ERRATA_CODING_PANEL (self->coding_panel);

  if (errata_coding_panel_get_first_failure (panel) == index)
    index = -1;
  errata_coding_panel_set_first_failure (panel, index);
}

/* Setup ----------------------------------------------------------------- */

/* Which columns show is a setting, chosen from the footer's menu button
 * or a right click on a header. */
static void
bind_columns (ErrataTracesPage *self)
{
  g_autoptr(GMenuModel) menu = NULL;

  menu = errata_trace_columns_bind_chooser (self->column_view, self->settings, GTK_WIDGET (self));
  gtk_menu_button_set_menu_model (self->columns_button, menu);
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

static gboolean
reload_for_reviewer (gpointer data)
{
  errata_traces_page_reload (ERRATA_TRACES_PAGE (data));
  return G_SOURCE_REMOVE;
}

/* Whose reviews are "mine", and whether others' show, decide every row's
 * status and the queue. From an idle: the workspace hands the new name to
 * the project on the same change, through its own GSettings. */
static void
on_review_settings_changed (ErrataTracesPage *self)
{
  errata_trace_columns_set_blind_review (self->column_view,
                                         g_settings_get_boolean (self->settings, "blind-review"));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_for_reviewer, g_object_ref (self),
                   g_object_unref);
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
  _errata_traces_page_make_selection (self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->model, "notify::loading",
                           G_CALLBACK (on_loading_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "load-failed",
                           G_CALLBACK (on_load_failed), self, G_CONNECT_SWAPPED);

  errata_trace_columns_set_blind_review (self->column_view,
                                         g_settings_get_boolean (self->settings, "blind-review"));
  g_signal_connect_object (self->settings, "changed::blind-review",
                           G_CALLBACK (on_review_settings_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::annotator-name",
                           G_CALLBACK (on_review_settings_changed), self, G_CONNECT_SWAPPED);

  errata_live_traces_bar_set_project (self->live_bar, project);
  command = _errata_traces_page_dup_import_command (project);
  gtk_label_set_text (self->import_command, command);
  bind_taxonomy (self);
  _errata_traces_page_update_header (self);
  _errata_traces_page_update_state (self);
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
  if (self->focus_row_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->column_view), self->focus_row_tick);
  self->focus_row_tick = 0;
  _errata_traces_page_cancel_count (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_TRACES_PAGE);
  self->trace_view = NULL;
  self->coding_panel = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->current);
  g_clear_object (&self->settings);
  _errata_traces_page_clear_deletions (self);

  G_OBJECT_CLASS (errata_traces_page_parent_class)->dispose (object);
}

static void
errata_traces_page_finalize (GObject *object)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (object);

  g_clear_object (&self->query);
  g_clear_object (&self->undo_stack);
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

  widget_class->get_request_mode = _errata_traces_page_get_request_mode;
  widget_class->measure = _errata_traces_page_measure;
  widget_class->size_allocate = _errata_traces_page_size_allocate;
  g_type_ensure (ERRATA_TYPE_LIVE_TRACES_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-traces-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, live_bar);
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
  gtk_widget_class_bind_template_child (widget_class, ErrataTracesPage, columns_button);

  _errata_traces_page_class_install_actions (widget_class);
  _errata_traces_page_class_install_delete_actions (widget_class);
}

static void
errata_traces_page_init (ErrataTracesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _errata_traces_page_init_deletions (self);

  self->current_id = -1;
  self->pending_id = -1;
  self->query = errata_trace_query_new ();
  self->settings = g_settings_new (APP_ID);
  self->undo_stack = errata_undo_stack_new ();
  errata_trace_columns_add (self->column_view);
  bind_columns (self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  _errata_traces_page_create_panes (self);
  _errata_traces_page_connect_filters (self);
  _errata_traces_page_add_capture_shortcuts (self);
  _errata_traces_page_bind_list_width (self);
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

/* Traces received live: the list takes them in without moving (rows,
 * selection and scroll stay), and the header counts them. */
void
_errata_traces_page_live_traces_arrived (ErrataTracesPage *self)
{
  errata_trace_list_model_reload_new_traces (self->model);
  _errata_traces_page_update_header (self);
  _errata_traces_page_update_state (self);
}

/* After an import: the list and the header read the project again. */
void
errata_traces_page_reload (ErrataTracesPage *self)
{
  g_return_if_fail (ERRATA_IS_TRACES_PAGE (self));

  errata_trace_list_model_reload (self->model);
  _errata_traces_page_count_query (self);
  _errata_traces_page_update_header (self);
  _errata_traces_page_update_state (self);
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
  if (position == ERRATA_TRACE_LIST_MODEL_NO_POSITION && _errata_traces_page_query_is_filtered (self->query))
    {
      _errata_traces_page_clear_filters (self);
      _errata_traces_page_apply_query (self);
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
  _errata_traces_page_clear_filters (self);
  errata_trace_query_set_failure_mode (self->query, mode_id);
  self->setting_modes = TRUE;
  errata_failure_mode_dropdown_set_mode_id (self->mode_dropdown, mode_id);
  self->setting_modes = FALSE;
  _errata_traces_page_apply_query (self);
}

/* The failure mode the list is filtered by, or 0. */
gint64
errata_traces_page_get_failure_mode (ErrataTracesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_TRACES_PAGE (self), 0);
  return errata_trace_query_get_failure_mode (self->query);
}
