/* errata-failure-modes-page.c
 *
 * The canvas is Unsorted, a column on the left, and the failure modes in
 * their order in a grid that wraps (errata-mode-grid.c says why), with the
 * "New failure mode" drop zone under them. Only the grid scrolls, and
 * only downwards: Unsorted, where cards come from, and the drop zone,
 * where new modes start, stay in view. The charts are in a flap that
 * folds away, over the canvas, when the window is narrow.
 * Unsorted leaves out the notes on passing traces unless asked
 * (show-passing): what needs sorting is what went wrong.
 * Every change goes through one ErrataTaxonomy function (which saves it
 * and puts it on the undo stack); the taxonomy's "changed" signal then
 * brings the groups up to date, patching only the cards that moved.
 *
 * The page is split as GNOME Text Editor splits its window, over
 * errata-failure-modes-page-private.h: this file reads the model into the
 * canvas and is the GObject; -actions.c has the operations, their toasts,
 * menus, export and the canvas.* actions; -dnd.c the drop zone and edge
 * scrolling; -charts.c the search, the charts and their tooltip.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-failure-modes-page-private.h"

#include <glib/gi18n.h>

#include "errata-note-card.h"

G_DEFINE_FINAL_TYPE (ErrataFailureModesPage, errata_failure_modes_page, GTK_TYPE_WIDGET)

enum {
  OPEN_TRACE,
  FILTER_TRACES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_SHOW_PASSING,
  PROP_SHOW_CHARTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- reading the model into the canvas ---------------------------------- */

static void
selection_changed (GtkSelectionModel      *model,
                   guint                   position,
                   guint                   n_items,
                   ErrataFailureModesPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  GHashTableIter iter;
  gpointer group;

  /* A selection lives in one group at a time, so that a drag or a move
   * always has one place it comes from. */
  if (gtk_bitset_is_empty (selected))
    return;
  if (model != errata_mode_group_get_selection (self->unsorted))
    errata_mode_group_unselect_all (self->unsorted);
  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, NULL, &group))
    if (errata_mode_group_get_selection (group) != model)
      errata_mode_group_unselect_all (group);
}

static ErrataModeGroup *
add_group (ErrataFailureModesPage *self,
           gint64                  mode_id)
{
  ErrataModeGroup *group = ERRATA_MODE_GROUP (errata_mode_group_new (mode_id));

  errata_mode_group_set_filter (group, self->filter_text);
  g_signal_connect_object (errata_mode_group_get_selection (group), "selection-changed",
                           G_CALLBACK (selection_changed), self, 0);
  errata_mode_grid_insert_after (self->canvas_box, GTK_WIDGET (group), NULL);
  return group;
}

static gboolean
load_group (ErrataFailureModesPage  *self,
            ErrataModeGroup         *group,
            GError                 **error)
{
  g_autoptr(GPtrArray) cards = errata_taxonomy_list_cards (self->taxonomy,
                                                           errata_mode_group_get_mode_id (group),
                                                           error);

  if (cards == NULL)
    return FALSE;
  errata_mode_group_set_cards (group, cards);
  return TRUE;
}

static void
drop_stale_groups (ErrataFailureModesPage *self,
                   GHashTable             *seen)
{
  GHashTableIter iter;
  gpointer key, group;

  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, &key, &group))
    if (!g_hash_table_contains (seen, key))
      {
        errata_mode_grid_remove (self->canvas_box, group);
        g_hash_table_iter_remove (&iter);
      }
}

/* Groups follow the modes' order. */
static gboolean
load_modes (ErrataFailureModesPage  *self,
            GError                 **error)
{
  g_autoptr(GPtrArray) modes = errata_taxonomy_list_modes (self->taxonomy, error);
  g_autoptr(GHashTable) seen = NULL;
  GtkWidget *previous = NULL;

  if (modes == NULL)
    return FALSE;
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < modes->len; i++)
    {
      ErrataFailureMode *mode = modes->pdata[i];
      ErrataModeGroup *group = g_hash_table_lookup (self->groups, &mode->id);

      if (group == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = mode->id;
          group = add_group (self, mode->id);
          g_hash_table_insert (self->groups, key, group);
        }
      g_hash_table_add (seen, &mode->id);
      errata_mode_group_set_mode (group, mode);
      errata_mode_grid_insert_after (self->canvas_box, GTK_WIDGET (group), previous);
      previous = GTK_WIDGET (group);
      if (!load_group (self, group, error))
        return FALSE;
    }
  drop_stale_groups (self, seen);
  return TRUE;
}

static void
update_summary (ErrataFailureModesPage *self)
{
  guint notes_unsorted = g_list_model_get_n_items (errata_mode_group_get_cards (self->unsorted));
  /* What is left to sort: notes on passing traces are not, while hidden. */
  guint unsorted = notes_unsorted - errata_mode_group_get_n_passing_hidden (self->unsorted);
  guint modes = g_hash_table_size (self->groups);
  g_autofree char *notes = NULL;
  g_autofree char *text = NULL;

  notes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u failure mode", "%u failure modes",
                                        modes), modes);
  /* Translators: "3 failure modes, 12 notes unsorted". */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u note unsorted",
                                       "%s, %u notes unsorted", unsorted), notes, unsorted);
  gtk_label_set_label (self->summary_label, text);
  gtk_stack_set_visible_child_name (self->main_stack,
                                    modes == 0 && notes_unsorted == 0 ? "empty" : "canvas");
}

/* What the cards and groups ask of the model: only with a project. */
static const char *const model_actions[] = {
  "canvas.move-cards", "canvas.merge-modes", "canvas.delete-mode", "canvas.rename-mode",
  "canvas.define-mode", "canvas.recolour-mode",
};

static void
update_actions (ErrataFailureModesPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "canvas.undo",
                                 self->taxonomy && errata_taxonomy_can_undo (self->taxonomy));
  gtk_widget_action_set_enabled (widget, "canvas.redo",
                                 self->taxonomy && errata_taxonomy_can_redo (self->taxonomy));
  gtk_widget_action_set_enabled (widget, "canvas.new-mode", self->taxonomy != NULL);
  gtk_widget_action_set_enabled (widget, "canvas.export", self->taxonomy != NULL);
  gtk_widget_action_set_enabled (widget, "canvas.suggest", self->taxonomy != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (model_actions); i++)
    gtk_widget_action_set_enabled (widget, model_actions[i], self->taxonomy != NULL);
}

void
errata_failure_modes_page_reload (ErrataFailureModesPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_return_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self));

  if (self->taxonomy == NULL)
    return;
  if (!load_modes (self, &error) || !load_group (self, self->unsorted, &error) ||
      !_errata_failure_modes_page_load_charts (self, &error))
    {
      g_prefix_error (&error, _("Could not read the failure modes: "));
      _errata_failure_modes_page_show_error (self, error);
    }
  update_summary (self);
  update_actions (self);
  _errata_failure_modes_page_update_move_menus (self);
  self->reload_ms = (g_get_monotonic_time () - start) / 1000.0;
}

double
errata_failure_modes_page_get_reload_time (ErrataFailureModesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), 0);
  return self->reload_ms;
}

ErrataModeGroup *
errata_failure_modes_page_get_group (ErrataFailureModesPage *self,
                                     gint64                  mode_id)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), NULL);

  if (mode_id == ERRATA_UNSORTED)
    return self->unsorted;
  return g_hash_table_lookup (self->groups, &mode_id);
}

void
errata_failure_modes_page_open_trace (ErrataFailureModesPage *self,
                                      gint64                  trace_id)
{
  g_return_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self));
  g_signal_emit (self, signals[OPEN_TRACE], 0, trace_id);
}

/* ---- keyboard focus ------------------------------------------------------ */

/* The widget of `item` among the group's card widgets; NULL when the list
 * has not made one (scrolled away). */
static GtkWidget *
find_card_widget (GtkWidget      *widget,
                  ErrataCardItem *item)
{
  if (ERRATA_IS_NOTE_CARD_WIDGET (widget))
    return errata_note_card_widget_get_item (ERRATA_NOTE_CARD_WIDGET (widget)) == item ? widget : NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_card_widget (child, item);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Focuses the first card `group` shows; FALSE when it shows none. */
static gboolean
focus_first_card_of (ErrataModeGroup *group)
{
  GListModel *cards = errata_mode_group_get_visible_cards (group);
  g_autoptr(ErrataCardItem) first = NULL;
  GtkWidget *card;

  if (g_list_model_get_n_items (cards) == 0)
    return FALSE;
  first = g_list_model_get_item (cards, 0);
  card = find_card_widget (GTK_WIDGET (group), first);
  /* The list view's row holds the focus; the card is its child. */
  if (card != NULL && gtk_widget_grab_focus (gtk_widget_get_parent (card)))
    return TRUE;
  return gtk_widget_child_focus (GTK_WIDGET (group), GTK_DIR_TAB_FORWARD);
}

static gboolean
focus_is_on_canvas (ErrataFailureModesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->canvas_row));
}

/**
 * errata_failure_modes_page_focus_cards:
 *
 * Gives the keyboard to the cards when the page comes into view, so that
 * a letter typed next acts on the canvas instead of filtering the notes
 * (a stack hands the focus to its first focusable child, the search
 * entry, which only Ctrl+F should reach). A card, group or drop zone
 * that already has the focus keeps it. Unsorted comes first, then the
 * failure modes in canvas order; with no card on show, the canvas.
 */
void
errata_failure_modes_page_focus_cards (ErrataFailureModesPage *self)
{
  g_return_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self));

  if (focus_is_on_canvas (self) || !gtk_widget_get_mapped (GTK_WIDGET (self->canvas_row)))
    return;
  if (focus_first_card_of (self->unsorted))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->canvas_box)); child;
       child = gtk_widget_get_next_sibling (child))
    if (ERRATA_IS_MODE_GROUP (child) && focus_first_card_of (ERRATA_MODE_GROUP (child)))
      return;
  gtk_widget_child_focus (GTK_WIDGET (self->canvas_row), GTK_DIR_TAB_FORWARD);
}

/* ---- GObject ------------------------------------------------------------ */

static gboolean
update_actions_idle (gpointer data)
{
  ErrataFailureModesPage *self = data;

  self->actions_idle = 0;
  update_actions (self);
  return G_SOURCE_REMOVE;
}

/* The taxonomy emits "changed" before it moves the edit onto the undo or
 * redo stack, so can_undo/can_redo are only right once it has returned. */
static void
taxonomy_changed (ErrataFailureModesPage *self)
{
  errata_failure_modes_page_reload (self);
  if (self->actions_idle == 0)
    self->actions_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_actions_idle, self, NULL);
}

/* The page edits the workspace's taxonomy, whose undo stack the window's
 * other pages share; %NULL lets go of it (the window is closing). */
void
errata_failure_modes_page_set_workspace (ErrataFailureModesPage *self,
                                         ErrataWorkspace        *workspace)
{
  GHashTableIter iter;
  gpointer group;
  ErrataProject *project = workspace ? errata_workspace_get_project (workspace) : NULL;

  g_return_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self));
  g_return_if_fail (workspace == NULL || ERRATA_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;
  if (self->taxonomy)
    g_signal_handlers_disconnect_by_func (self->taxonomy, taxonomy_changed, self);
  g_clear_object (&self->taxonomy);
  g_set_object (&self->workspace, workspace);
  g_set_object (&self->project, project);

  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, NULL, &group))
    errata_mode_grid_remove (self->canvas_box, group);
  g_hash_table_remove_all (self->groups);
  /* New groups need their menus even where the modes look the same. */
  g_clear_pointer (&self->menu_signature, g_free);
  if (project)
    {
      self->taxonomy = g_object_ref (errata_workspace_get_taxonomy (workspace));
      g_signal_connect_swapped (self->taxonomy, "changed", G_CALLBACK (taxonomy_changed), self);
      errata_failure_modes_page_reload (self);
    }
  else
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      errata_mode_group_set_cards (self->unsorted, none);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      update_actions (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

ErrataWorkspace *
errata_failure_modes_page_get_workspace (ErrataFailureModesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), NULL);
  return self->workspace;
}

/* Whether Unsorted shows the notes on passing traces too (the
 * canvas.show-passing action, the toggle in Unsorted). */
void
errata_failure_modes_page_set_show_passing (ErrataFailureModesPage *self,
                                            gboolean                show_passing)
{
  g_return_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self));

  show_passing = !!show_passing;
  if (self->show_passing == show_passing)
    return;
  self->show_passing = show_passing;
  errata_mode_group_set_hide_passing (self->unsorted, !show_passing);
  update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PASSING]);
}

gboolean
errata_failure_modes_page_get_show_passing (ErrataFailureModesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), FALSE);
  return self->show_passing;
}

/* The charts beside the canvas, or over it when the flap is folded. The
 * flap folds by itself below its natural width and hides the charts;
 * unfolding shows them again. */
void
errata_failure_modes_page_set_show_charts (ErrataFailureModesPage *self,
                                           gboolean                show_charts)
{
  g_return_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self));

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  adw_flap_set_reveal_flap (ADW_FLAP (self->flap), show_charts);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

gboolean
errata_failure_modes_page_get_show_charts (ErrataFailureModesPage *self)
{
  gboolean shown;

  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), FALSE);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  shown = adw_flap_get_reveal_flap (ADW_FLAP (self->flap));
  G_GNUC_END_IGNORE_DEPRECATIONS
  return shown;
}

/* Whether the charts are folded away: a narrow window. */
gboolean
errata_failure_modes_page_get_charts_folded (ErrataFailureModesPage *self)
{
  gboolean folded;

  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), FALSE);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  folded = adw_flap_get_folded (ADW_FLAP (self->flap));
  G_GNUC_END_IGNORE_DEPRECATIONS
  return folded;
}

static void
reveal_flap_changed (ErrataFailureModesPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_CHARTS]);
}

static void
errata_failure_modes_page_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  if (prop_id == PROP_WORKSPACE)
    g_value_set_object (value, ERRATA_FAILURE_MODES_PAGE (object)->workspace);
  else if (prop_id == PROP_SHOW_PASSING)
    g_value_set_boolean (value, ERRATA_FAILURE_MODES_PAGE (object)->show_passing);
  else if (prop_id == PROP_SHOW_CHARTS)
    g_value_set_boolean (value, errata_failure_modes_page_get_show_charts (ERRATA_FAILURE_MODES_PAGE (object)));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
errata_failure_modes_page_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  if (prop_id == PROP_WORKSPACE)
    errata_failure_modes_page_set_workspace (ERRATA_FAILURE_MODES_PAGE (object),
                                             g_value_get_object (value));
  else if (prop_id == PROP_SHOW_PASSING)
    errata_failure_modes_page_set_show_passing (ERRATA_FAILURE_MODES_PAGE (object),
                                                g_value_get_boolean (value));
  else if (prop_id == PROP_SHOW_CHARTS)
    errata_failure_modes_page_set_show_charts (ERRATA_FAILURE_MODES_PAGE (object),
                                               g_value_get_boolean (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

ErrataProject *
errata_failure_modes_page_get_project (ErrataFailureModesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), NULL);
  return self->project;
}

ErrataTaxonomy *
errata_failure_modes_page_get_taxonomy (ErrataFailureModesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), NULL);
  return self->taxonomy;
}

static void
load_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;
  loaded = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       "/io/github/errata/Errata/errata-failure-modes-page.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
errata_failure_modes_page_dispose (GObject *object)
{
  ErrataFailureModesPage *self = (ErrataFailureModesPage *)object;

  if (self->taxonomy)
    g_signal_handlers_disconnect_by_func (self->taxonomy, taxonomy_changed, self);
  g_clear_handle_id (&self->actions_idle, g_source_remove);
  if (self->canvas_scroller != NULL)
    _errata_failure_modes_page_stop_autoscroll (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_FAILURE_MODES_PAGE);
  g_clear_object (&self->taxonomy);
  g_clear_object (&self->project);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->groups, g_hash_table_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (errata_failure_modes_page_parent_class)->dispose (object);
}

static void
errata_failure_modes_page_finalize (GObject *object)
{
  ErrataFailureModesPage *self = (ErrataFailureModesPage *)object;

  g_free (self->filter_text);
  g_free (self->hint);
  g_free (self->menu_signature);

  G_OBJECT_CLASS (errata_failure_modes_page_parent_class)->finalize (object);
}

static void
errata_failure_modes_page_class_init (ErrataFailureModesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_failure_modes_page_dispose;
  object_class->finalize = errata_failure_modes_page_finalize;
  object_class->get_property = errata_failure_modes_page_get_property;
  object_class->set_property = errata_failure_modes_page_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, ERRATA_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_PASSING] =
    g_param_spec_boolean ("show-passing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_CHARTS] =
    g_param_spec_boolean ("show-charts", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A card was double-clicked (or activated): show its trace. */
  signals[OPEN_TRACE] = g_signal_new ("open-trace", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* A Pareto bar was clicked: list the traces in that failure mode. */
  signals[FILTER_TRACES] = g_signal_new ("filter-traces", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (ERRATA_TYPE_MODE_GRID);
  g_type_ensure (ERRATA_TYPE_SATURATION_CHART);
  g_type_ensure (ERRATA_TYPE_PARETO_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-failure-modes-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, canvas_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, canvas_scroller);
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, canvas_box);
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, flap);
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, new_mode_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, saturation_chart);
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, saturation_hint);
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, pareto_caption);
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, pareto_chart);

  gtk_widget_class_install_property_action (widget_class, "canvas.show-passing", "show-passing");
  gtk_widget_class_install_property_action (widget_class, "canvas.show-charts", "show-charts");
  /* F9 shows and hides a sidebar in GNOME applications (Files, Text Editor). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "canvas.show-charts", NULL);
  _errata_failure_modes_page_class_actions_init (widget_class);
  _errata_failure_modes_page_class_charts_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "failuremodespage");
}

static void
errata_failure_modes_page_init (ErrataFailureModesPage *self)
{
  load_css ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->unsorted = ERRATA_MODE_GROUP (errata_mode_group_new (ERRATA_UNSORTED));
  g_signal_connect_object (errata_mode_group_get_selection (self->unsorted), "selection-changed",
                           G_CALLBACK (selection_changed), self, 0);
  /* As wide as a card wants, whatever the window: the grid gives way. */
  gtk_widget_set_size_request (GTK_WIDGET (self->unsorted), 288, -1);
  gtk_widget_set_margin_start (GTK_WIDGET (self->unsorted), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->unsorted), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->unsorted), 12);
  errata_mode_group_set_hide_passing (self->unsorted, TRUE);
  gtk_box_prepend (self->canvas_row, GTK_WIDGET (self->unsorted));
  g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (reveal_flap_changed),
                           self, G_CONNECT_SWAPPED);
  _errata_failure_modes_page_setup_dnd (self);
  update_actions (self);
  /* Whether Unsorted shows notes on passing traces is a habit, kept from
   * one session to the next. The charts are not: they fold away by
   * themselves on a narrow window, which must not become a setting. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "canvas-show-passing", self, "show-passing",
                   G_SETTINGS_BIND_DEFAULT);
}

GtkWidget *
errata_failure_modes_page_new (ErrataWorkspace *workspace)
{
  g_return_val_if_fail (workspace == NULL || ERRATA_IS_WORKSPACE (workspace), NULL);

  return g_object_new (ERRATA_TYPE_FAILURE_MODES_PAGE, "workspace", workspace, NULL);
}
