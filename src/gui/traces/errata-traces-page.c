/* errata-traces-page.c: the Traces page, what a window shows once a
 * project is open.
 *
 * Three panes: the trace list (a column view over the lazy model, with
 * the review filter, a metadata filter, full-text search and a seeded
 * shuffle above it), the selected trace, and the open-coding panel. The
 * controls edit one ErrataTraceQuery; every change hands it to the model,
 * which re-reads the matching ids in the background.
 *
 * The failure-mode filter lists the modes of the taxonomy the window
 * shares with the Failure Modes page, and follows its "changed" signal.
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
#include "errata-traces-page.h"
#include "errata-trace-columns.h"
#include "errata-trace-view.h"
#include "errata-toast-helper.h"

struct _ErrataTracesPage
{
  GtkWidget             parent_instance;

  ErrataProject        *project;
  ErrataTraceListModel *model;
  GtkSingleSelection   *selection;
  ErrataTraceQuery     *query;         /* what the controls say */
  ErrataTaxonomy       *taxonomy;      /* shared; NULL until the window sets it */
  GArray               *mode_ids;      /* gint64, by mode dropdown position; 0: any */
  GtkStringList        *mode_names;
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
  GtkDropDown          *mode_dropdown;
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
  PROP_PROJECT,
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
  g_return_if_fail (ERRATA_IS_TRACES_PAGE (self));

  /* Messages carry paths and trace text, which are plain text: the helper
   * escapes them, and keeps one toast it updates in place. */
  errata_toast_helper_show (self->toast_overlay, message);
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

static guint
find_mode_position (ErrataTracesPage *self,
                    gint64             mode_id)
{
  for (guint i = 0; i < self->mode_ids->len; i++)
    if (g_array_index (self->mode_ids, gint64, i) == mode_id)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
on_mode_changed (ErrataTracesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->mode_dropdown);
  gint64 mode_id = 0;

  if (self->setting_modes)
    return;
  if (selected < self->mode_ids->len)
    mode_id = g_array_index (self->mode_ids, gint64, selected);
  errata_trace_query_set_failure_mode (self->query, mode_id);
  apply_query (self);
}

/* Rebuilds the dropdown from the taxonomy: "Any failure mode", then the
 * modes in canvas order. A mode that went away (deleted, merged) drops
 * the filter. */
static void
load_modes (ErrataTracesPage *self)
{
  g_autoptr(GPtrArray) modes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 filtered = errata_trace_query_get_failure_mode (self->query);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  guint position;
  gint64 any = 0;

  if (self->taxonomy != NULL)
    modes = errata_taxonomy_list_modes (self->taxonomy, &error);
  if (error != NULL)
    errata_traces_page_show_toast (self, error->message);
  g_array_set_size (self->mode_ids, 0);
  g_array_append_val (self->mode_ids, any);
  g_strv_builder_add (names, _("Any failure mode"));
  for (guint i = 0; modes != NULL && i < modes->len; i++)
    {
      ErrataFailureMode *mode = modes->pdata[i];

      g_array_append_val (self->mode_ids, mode->id);
      g_strv_builder_add (names, mode->name);
    }
  strv = g_strv_builder_end (names);

  self->setting_modes = TRUE;
  gtk_string_list_splice (self->mode_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->mode_names)),
                          (const char * const *)strv);
  position = find_mode_position (self, filtered);
  gtk_drop_down_set_selected (self->mode_dropdown, position == GTK_INVALID_LIST_POSITION ? 0 : position);
  self->setting_modes = FALSE;
  /* Nothing to filter by until the first failure mode exists. */
  gtk_widget_set_visible (GTK_WIDGET (self->mode_dropdown), self->mode_ids->len > 1);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      errata_trace_query_set_failure_mode (self->query, 0);
      apply_query (self);
    }
}

static void update_mode_tooltip (ErrataTracesPage *self);

/* Cards moved on the canvas: the list of a mode's traces is out of date. */
static void
on_taxonomy_changed (ErrataTracesPage *self)
{
  gint64 filtered = errata_trace_query_get_failure_mode (self->query);

  load_modes (self);
  /* A renamed mode keeps its place: "selected" does not change. */
  update_mode_tooltip (self);
  if (filtered > 0 && errata_trace_query_get_failure_mode (self->query) == filtered)
    apply_query (self);
}

/* The button: at least MODE_BUTTON_CHARS wide, so that a name is not
 * cut to "Invent…" when the filter bar is tight; longer names ellipsize
 * (the tooltip has them whole). */
#define MODE_BUTTON_CHARS 14
#define MODE_BUTTON_MAX_CHARS 24

static void
setup_mode_button_item (GtkSignalListItemFactory *factory,
                        GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), MODE_BUTTON_CHARS);
  gtk_label_set_max_width_chars (GTK_LABEL (label), MODE_BUTTON_MAX_CHARS);
  gtk_list_item_set_child (item, label);
}

/* The popup: the whole name, and a check mark on the chosen mode, as
 * GtkDropDown's own list has (a list factory of our own loses it). */
static void
setup_mode_list_item (GtkSignalListItemFactory *factory,
                      GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Selected"), -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static GtkWidget *
get_item_label (GtkListItem *item)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  return GTK_IS_LABEL (child) ? child : gtk_widget_get_first_child (child);
}

/* Hidden but sized, so that the names line up whichever one is chosen. */
static void
update_mode_check (GtkDropDown *dropdown,
                   GParamSpec  *pspec,
                   GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));
  gboolean chosen = gtk_list_item_get_position (item) == gtk_drop_down_get_selected (dropdown);

  gtk_widget_set_opacity (check, chosen ? 1.0 : 0.0);
  gtk_accessible_update_state (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_STATE_HIDDEN, !chosen, -1);
}

/* Mode names are the user's words: plain text, never markup. */
static void
bind_mode_item (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                GtkDropDown              *list_of)
{
  GtkStringObject *name = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (get_item_label (item)), gtk_string_object_get_string (name));
  if (list_of == NULL)
    return;
  g_signal_connect_object (list_of, "notify::selected", G_CALLBACK (update_mode_check), item, 0);
  update_mode_check (list_of, NULL, item);
}

static void
unbind_mode_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  GtkDropDown              *list_of)
{
  if (list_of != NULL)
    g_signal_handlers_disconnect_by_func (list_of, update_mode_check, item);
}

/* `list_of`: the dropdown whose popup the factory fills, or NULL for
 * the button. */
static GtkListItemFactory *
create_mode_factory (GtkDropDown *list_of)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  if (list_of != NULL)
    g_signal_connect (factory, "setup", G_CALLBACK (setup_mode_list_item), NULL);
  else
    g_signal_connect (factory, "setup", G_CALLBACK (setup_mode_button_item), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_mode_item), list_of);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_mode_item), list_of);
  return factory;
}

/* The chosen mode's whole name, which the button may ellipsize. */
static void
update_mode_tooltip (ErrataTracesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->mode_dropdown);
  g_autofree char *text = NULL;

  if (selected > 0 && selected < g_list_model_get_n_items (G_LIST_MODEL (self->mode_names)))
    /* Translators: %s is the name of the failure mode the list shows. */
    text = g_strdup_printf (_("Showing Traces in the Failure Mode “%s”"),
                            gtk_string_list_get_string (self->mode_names, selected));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mode_dropdown),
                               text ? text : _("Show Traces by Failure Mode"));
}

static void
setup_mode_dropdown (ErrataTracesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = create_mode_factory (NULL);
  g_autoptr(GtkListItemFactory) list_factory = create_mode_factory (self->mode_dropdown);

  self->mode_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->mode_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_factory (self->mode_dropdown, factory);
  gtk_drop_down_set_list_factory (self->mode_dropdown, list_factory);
  gtk_drop_down_set_model (self->mode_dropdown, G_LIST_MODEL (self->mode_names));
  load_modes (self);
  g_signal_connect_object (self->mode_dropdown, "notify::selected",
                           G_CALLBACK (on_mode_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mode_dropdown, "notify::selected",
                           G_CALLBACK (update_mode_tooltip), self, G_CONNECT_SWAPPED);
  update_mode_tooltip (self);
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

static void
set_project (ErrataTracesPage *self,
             ErrataProject     *project)
{
  g_autofree char *command = NULL;

  g_assert (self->project == NULL);
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
  update_header (self);
  update_state (self);
}

static void
errata_traces_page_dispose (GObject *object)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (object);

  if (self->taxonomy != NULL)
    g_signal_handlers_disconnect_by_data (self->taxonomy, self);
  g_clear_object (&self->taxonomy);

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
  g_clear_object (&self->mode_names);
  g_clear_pointer (&self->mode_ids, g_array_unref);
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
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
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
    case PROP_PROJECT:
      set_project (self, g_value_get_object (value));
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

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL,
                         ERRATA_TYPE_PROJECT,
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
errata_traces_page_new (ErrataProject *project)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  return g_object_new (ERRATA_TYPE_TRACES_PAGE, "project", project, NULL);
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
  gtk_drop_down_set_selected (self->mode_dropdown, 0);
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
  guint position;

  g_return_if_fail (ERRATA_IS_TRACES_PAGE (self));

  position = find_mode_position (self, mode_id);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      load_modes (self);
      position = find_mode_position (self, mode_id);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    {
      errata_traces_page_show_toast (self, _("This failure mode no longer exists"));
      return;
    }
  clear_filters (self);
  errata_trace_query_set_failure_mode (self->query, mode_id);
  self->setting_modes = TRUE;
  gtk_drop_down_set_selected (self->mode_dropdown, position);
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

/**
 * errata_traces_page_set_taxonomy:
 * @taxonomy: (nullable): the project's failure modes, shared with the
 *   Failure Modes page
 *
 * Fills the failure-mode filter and lets the coding panel show the
 * failure modes of the trace on show; both follow the taxonomy's changes.
 */
void
errata_traces_page_set_taxonomy (ErrataTracesPage *self,
                                  ErrataTaxonomy    *taxonomy)
{
  g_return_if_fail (ERRATA_IS_TRACES_PAGE (self));
  g_return_if_fail (taxonomy == NULL || ERRATA_IS_TAXONOMY (taxonomy));

  if (self->taxonomy == taxonomy)
    return;
  if (self->taxonomy != NULL)
    g_signal_handlers_disconnect_by_data (self->taxonomy, self);
  g_set_object (&self->taxonomy, taxonomy);
  if (taxonomy != NULL)
    g_signal_connect_object (taxonomy, "changed", G_CALLBACK (on_taxonomy_changed), self,
                             G_CONNECT_SWAPPED);
  errata_coding_panel_set_taxonomy (ERRATA_CODING_PANEL (self->coding_panel), taxonomy);
  load_modes (self);
}
