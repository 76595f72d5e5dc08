/* errata-failure-modes-page.c
 *
 * The canvas is a row of ErrataModeGroup columns: Unsorted first, then the
 * failure modes in their order, then the "New failure mode" drop zone.
 * Only the failure modes scroll: Unsorted, where cards come from, and the
 * drop zone, where new modes start, stay in view.
 * Every change goes through one ErrataTaxonomy function (which saves it
 * and puts it on the undo stack); the taxonomy's "changed" signal then
 * brings the groups up to date, patching only the cards that moved.
 *
 * A drag held near either edge of the scrolled modes scrolls them, so
 * that every place a card can go stays in reach of the pointer.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-failure-modes-page.h"

#include <glib/gi18n.h>
#include <math.h>

#include "errata-note-card.h"
#include "errata-suggestions-dialog.h"

struct _ErrataFailureModesPage
{
  GtkWidget              parent_instance;

  ErrataWorkspace       *workspace;
  ErrataProject         *project;       /* the workspace's */
  ErrataTaxonomy        *taxonomy;      /* the workspace's */
  GHashTable            *groups;        /* mode id -> ErrataModeGroup (borrowed) */
  ErrataModeGroup       *unsorted;
  char                  *filter_text;   /* folded */
  char                  *hint;
  AdwToast              *toast;
  GtkDropTarget         *new_mode_target;
  double                 reload_ms;
  guint                  actions_idle;
  guint                  autoscroll_id;
  double                 autoscroll_speed;  /* pixels a frame; < 0 leftwards */
  guint                  reviewed;          /* traces the Pareto shares are of */
  gboolean               setting_entry;

  AdwToastOverlay       *toast_overlay;
  GtkStack              *main_stack;
  GtkSearchEntry        *search_entry;
  GtkLabel              *summary_label;
  GtkBox                *canvas_row;
  GtkScrolledWindow     *canvas_scroller;
  GtkBox                *canvas_box;
  GtkWidget             *new_mode_button;
  ErrataSaturationChart *saturation_chart;
  GtkLabel              *saturation_hint;
  GtkLabel              *pareto_caption;
  ErrataParetoChart     *pareto_chart;
};

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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- feedback ----------------------------------------------------------- */

/* AdwToast titles are Pango markup on libadwaita 1.2: callers escape. */
static void
show_toast (ErrataFailureModesPage *self,
            const char             *markup,
            gboolean                undoable)
{
  AdwToast *toast = adw_toast_new (markup);

  if (self->toast)
    adw_toast_dismiss (self->toast);
  if (undoable)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "canvas.undo");
    }
  adw_toast_set_timeout (toast, 5);
  g_set_weak_pointer (&self->toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (ErrataFailureModesPage *self,
            const GError           *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  show_toast (self, escaped, FALSE);
}

/* Reports `local` in a toast and hands it on to the caller's `error`. */
static gboolean
fail (ErrataFailureModesPage  *self,
      GError                  *local,
      GError                 **error)
{
  show_error (self, local);
  g_propagate_error (error, local);
  return FALSE;
}

static char *
escaped_mode_name (ErrataFailureModesPage *self,
                   gint64                  mode_id)
{
  ErrataModeGroup *group = errata_failure_modes_page_get_group (self, mode_id);

  return g_markup_escape_text (group ? errata_mode_group_get_name (group) : "", -1);
}

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
  gtk_box_insert_child_after (self->canvas_box, GTK_WIDGET (group), NULL);
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
        gtk_box_remove (self->canvas_box, group);
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
      gtk_box_reorder_child_after (self->canvas_box, GTK_WIDGET (group), previous);
      previous = GTK_WIDGET (group);
      if (!load_group (self, group, error))
        return FALSE;
    }
  drop_stale_groups (self, seen);
  return TRUE;
}

static void
update_hint (ErrataFailureModesPage *self,
             GArray                 *curve)
{
  guint n = curve->len;
  guint since = 0;

  g_free (self->hint);
  gtk_widget_remove_css_class (GTK_WIDGET (self->saturation_hint), "success");
  if (errata_taxonomy_is_saturated (curve, ERRATA_SATURATION_WINDOW))
    {
      self->hint = g_strdup_printf (_("The last %u reviews brought no new failure mode — you can "
                                      "stop reviewing."), ERRATA_SATURATION_WINDOW);
      gtk_widget_add_css_class (GTK_WIDGET (self->saturation_hint), "success");
    }
  else if (n <= ERRATA_SATURATION_WINDOW || g_array_index (curve, guint, n - 1) == 0)
    self->hint = g_strdup_printf (_("Keep reviewing: saturation shows after more than %u "
                                    "reviewed traces with notes sorted into failure modes."),
                                  ERRATA_SATURATION_WINDOW);
  else
    {
      while (since + 1 < n && g_array_index (curve, guint, n - 1 - since) ==
                              g_array_index (curve, guint, n - 2 - since))
        since++;
      if (since == 0)
        self->hint = g_strdup (_("Keep reviewing: the last review brought a new failure mode."));
      else
        self->hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Keep reviewing: the last new failure mode "
                                                   "came %u review ago.",
                                                   "Keep reviewing: the last new failure mode "
                                                   "came %u reviews ago.", since), since);
    }
  gtk_label_set_label (self->saturation_hint, self->hint);
}

static gboolean
load_charts (ErrataFailureModesPage  *self,
             GError                 **error)
{
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GArray) curve = NULL;
  g_autofree char *caption = NULL;
  guint reviewed = 0;

  counts = errata_taxonomy_count_modes (self->taxonomy, &reviewed, error);
  if (counts == NULL)
    return FALSE;
  curve = errata_taxonomy_saturation (self->taxonomy, error);
  if (curve == NULL)
    return FALSE;
  errata_pareto_chart_set_counts (self->pareto_chart, counts, reviewed);
  self->reviewed = reviewed;
  errata_saturation_chart_set_curve (self->saturation_chart, curve, ERRATA_SATURATION_WINDOW);
  update_hint (self, curve);
  caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Share of %u reviewed trace. Click a bar to list its traces.",
                                          "Share of %u reviewed traces. Click a bar to list its traces.",
                                          reviewed), reviewed);
  gtk_label_set_label (self->pareto_caption, caption);
  return TRUE;
}

static void
update_summary (ErrataFailureModesPage *self)
{
  guint unsorted = g_list_model_get_n_items (errata_mode_group_get_cards (self->unsorted));
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
                                    modes == 0 && unsorted == 0 ? "empty" : "canvas");
}

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
      !load_charts (self, &error))
    {
      g_prefix_error (&error, _("Could not read the failure modes: "));
      show_error (self, error);
    }
  update_summary (self);
  update_actions (self);
  self->reload_ms = (g_get_monotonic_time () - start) / 1000.0;
}

double
errata_failure_modes_page_get_reload_time (ErrataFailureModesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), 0);
  return self->reload_ms;
}

/* ---- operations --------------------------------------------------------- */

static char *
unique_new_name (ErrataFailureModesPage *self)
{
  const char *base = _("New failure mode");
  GHashTableIter iter;
  gpointer group;
  guint n = 1;
  gboolean taken = TRUE;
  char *name = g_strdup (base);

  while (taken)
    {
      taken = FALSE;
      g_hash_table_iter_init (&iter, self->groups);
      while (!taken && g_hash_table_iter_next (&iter, NULL, &group))
        taken = g_strcmp0 (errata_mode_group_get_name (group), name) == 0;
      if (taken)
        {
          g_free (name);
          name = g_strdup_printf ("%s %u", base, ++n);
        }
    }
  return name;
}

/* Creates a mode from the cards (none: an empty one) and opens its name
 * for editing, so that the next keystrokes name it. */
static gint64
create_mode (ErrataFailureModesPage  *self,
             ErrataCardSet           *cards,
             gboolean                 copy,
             GError                 **error)
{
  g_autofree char *name = unique_new_name (self);
  GError *local = NULL;
  const gint64 *ids = NULL;
  gint64 from = ERRATA_UNSORTED;
  guint n = 0;
  gint64 id;

  if (cards)
    {
      ids = errata_card_set_get_cards (cards, &n);
      /* Taking the cards off nothing leaves them where they are: a copy. */
      from = copy ? ERRATA_UNSORTED : errata_card_set_get_from_mode (cards);
    }
  id = errata_taxonomy_create_mode (self->taxonomy, name, "", ids, n, from, &local);
  if (id == 0)
    return fail (self, local, error);
  errata_mode_group_start_rename (errata_failure_modes_page_get_group (self, id));
  return id;
}

static void
toast_moved (ErrataFailureModesPage *self,
             guint                   n,
             gint64                  to_mode,
             gboolean                copy)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (to_mode == ERRATA_UNSORTED)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Moved %u note back to Unsorted",
                                         "Moved %u notes back to Unsorted", n), n);
  else
    {
      name = escaped_mode_name (self, to_mode);
      text = copy ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Copied %u note to “%s”",
                                                  "Copied %u notes to “%s”", n), n, name)
                  : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Moved %u note to “%s”",
                                                  "Moved %u notes to “%s”", n), n, name);
    }
  show_toast (self, text, TRUE);
}

gboolean
errata_failure_modes_page_move_cards (ErrataFailureModesPage  *self,
                                      ErrataCardSet           *cards,
                                      gint64                   to_mode,
                                      gboolean                 copy,
                                      GError                 **error)
{
  GError *local = NULL;
  const gint64 *ids;
  gint64 from;
  guint n;

  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), FALSE);
  g_return_val_if_fail (cards != NULL, FALSE);
  g_return_val_if_fail (self->taxonomy != NULL, FALSE);

  if (to_mode == ERRATA_NEW_MODE)
    return create_mode (self, cards, copy, error) != 0;
  ids = errata_card_set_get_cards (cards, &n);
  from = errata_card_set_get_from_mode (cards);
  if (n == 0 || to_mode == from)
    return TRUE;
  /* A note is always somewhere: "copying" it to Unsorted means moving. */
  copy = copy && to_mode != ERRATA_UNSORTED && from != ERRATA_UNSORTED;
  if (!errata_taxonomy_move_cards (self->taxonomy, ids, n, from, to_mode, copy, &local))
    return fail (self, local, error);
  toast_moved (self, n, to_mode, copy);
  return TRUE;
}

gboolean
errata_failure_modes_page_update_mode (ErrataFailureModesPage *self,
                                       gint64                  mode_id,
                                       const char             *name,
                                       const char             *definition,
                                       const char             *colour)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), FALSE);
  g_return_val_if_fail (self->taxonomy != NULL, FALSE);

  if (!errata_taxonomy_update_mode (self->taxonomy, mode_id, name, definition, colour, &error))
    {
      show_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
errata_failure_modes_page_delete_mode (ErrataFailureModesPage  *self,
                                       gint64                   mode_id,
                                       GError                 **error)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  GError *local = NULL;

  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), FALSE);
  g_return_val_if_fail (self->taxonomy != NULL, FALSE);

  name = escaped_mode_name (self, mode_id);
  if (!errata_taxonomy_delete_mode (self->taxonomy, mode_id, &local))
    return fail (self, local, error);
  text = g_strdup_printf (_("Deleted “%s”; its notes are back in Unsorted"), name);
  show_toast (self, text, TRUE);
  return TRUE;
}

gboolean
errata_failure_modes_page_merge_modes (ErrataFailureModesPage  *self,
                                       gint64                   source_mode,
                                       gint64                   target_mode,
                                       GError                 **error)
{
  g_autofree char *source = NULL;
  g_autofree char *target = NULL;
  g_autofree char *text = NULL;
  GError *local = NULL;

  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), FALSE);
  g_return_val_if_fail (self->taxonomy != NULL, FALSE);

  source = escaped_mode_name (self, source_mode);
  target = escaped_mode_name (self, target_mode);
  if (!errata_taxonomy_merge_modes (self->taxonomy, source_mode, target_mode, &local))
    return fail (self, local, error);
  text = g_strdup_printf (_("Merged “%s” into “%s”"), source, target);
  show_toast (self, text, TRUE);
  return TRUE;
}

static void
merge_response (AdwMessageDialog       *dialog,
                const char             *response,
                ErrataFailureModesPage *self)
{
  gint64 source = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "source-mode"));
  gint64 target = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "target-mode"));

  if (g_strcmp0 (response, "merge") == 0)
    errata_failure_modes_page_merge_modes (self, source, target, NULL);
}

void
errata_failure_modes_page_ask_merge (ErrataFailureModesPage *self,
                                     gint64                  source_mode,
                                     gint64                  target_mode)
{
  ErrataModeGroup *source = errata_failure_modes_page_get_group (self, source_mode);
  ErrataModeGroup *target = errata_failure_modes_page_get_group (self, target_mode);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  guint n;

  g_return_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self));
  g_return_if_fail (source != NULL && target != NULL);

  n = g_list_model_get_n_items (errata_mode_group_get_cards (source));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Merge Failure Modes?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "The %u note in “%s” moves to “%s”, and “%s” is "
                                               "removed. You can undo this.",
                                               "The %u notes in “%s” move to “%s”, and “%s” is "
                                               "removed. You can undo this.", n),
                                  n, errata_mode_group_get_name (source),
                                  errata_mode_group_get_name (target),
                                  errata_mode_group_get_name (source));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "merge", _("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "merge");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "source-mode", GSIZE_TO_POINTER (source_mode));
  g_object_set_data (G_OBJECT (dialog), "target-mode", GSIZE_TO_POINTER (target_mode));
  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
errata_failure_modes_page_open_trace (ErrataFailureModesPage *self,
                                      gint64                  trace_id)
{
  g_return_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self));
  g_signal_emit (self, signals[OPEN_TRACE], 0, trace_id);
}

/* ---- drag and drop ------------------------------------------------------ */

/* The cards a drop value carries, or NULL when it carries a group. */
static ErrataCardSet *
cards_from_value (const GValue *value)
{
  if (G_VALUE_HOLDS (value, ERRATA_TYPE_CARD_SET) && g_value_get_boxed (value))
    return errata_card_set_ref (g_value_get_boxed (value));
  if (G_VALUE_HOLDS (value, ERRATA_TYPE_CARD_ITEM) && g_value_get_object (value))
    {
      ErrataCardItem *item = g_value_get_object (value);
      ErrataCardSet *set = errata_card_set_new (errata_card_item_get_mode_id (item));

      errata_card_set_add (set, errata_card_item_get_annotation_id (item));
      return set;
    }
  return NULL;
}

static ErrataModeGroup *
group_from_value (const GValue *value)
{
  if (value && G_VALUE_HOLDS (value, ERRATA_TYPE_MODE_GROUP))
    return g_value_get_object (value);
  return NULL;
}

GdkDragAction
errata_failure_modes_page_drop_action (ErrataFailureModesPage *self,
                                       const GValue           *value,
                                       gint64                  target,
                                       GdkDragAction           offered)
{
  g_autoptr(ErrataCardSet) cards = NULL;
  ErrataModeGroup *group;

  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), 0);

  /* Still loading: accept for now, the drop decides. */
  if (value == NULL)
    return offered & GDK_ACTION_MOVE ? GDK_ACTION_MOVE : offered & GDK_ACTION_COPY;
  group = group_from_value (value);
  if (group)
    {
      gint64 source = errata_mode_group_get_mode_id (group);

      return target > 0 && target != source ? GDK_ACTION_MOVE : 0;
    }
  cards = cards_from_value (value);
  if (cards == NULL || errata_card_set_get_from_mode (cards) == target)
    return 0;
  /* Ctrl held: the drag offers only COPY (GDK picks it from modifiers). */
  if (offered == GDK_ACTION_COPY && target != ERRATA_UNSORTED)
    return GDK_ACTION_COPY;
  return GDK_ACTION_MOVE;
}

/* Where every drop lands: cards onto a place (copied when the drop's
 * action is COPY only), or a group onto another (merged, after asking). */
gboolean
errata_failure_modes_page_drop (ErrataFailureModesPage *self,
                                const GValue           *value,
                                gint64                  target,
                                GdkDragAction           action)
{
  g_autoptr(ErrataCardSet) cards = NULL;
  ErrataModeGroup *group;
  gboolean copy;

  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (self->taxonomy == NULL)
    return FALSE;
  group = group_from_value (value);
  if (group)
    {
      gint64 source = errata_mode_group_get_mode_id (group);

      if (target <= 0 || target == source)
        return FALSE;
      errata_failure_modes_page_ask_merge (self, source, target);
      return TRUE;
    }
  cards = cards_from_value (value);
  if (cards == NULL || errata_card_set_get_from_mode (cards) == target)
    return FALSE;
  copy = (action & GDK_ACTION_COPY) && !(action & GDK_ACTION_MOVE);
  return errata_failure_modes_page_move_cards (self, cards, target, copy, NULL);
}

static GdkDragAction
new_mode_motion (GtkDropTarget          *target,
                 double                  x,
                 double                  y,
                 ErrataFailureModesPage *self)
{
  GdkDrop *drop = gtk_drop_target_get_current_drop (target);
  GdkDragAction action = 0;

  if (drop)
    action = errata_failure_modes_page_drop_action (self, gtk_drop_target_get_value (target),
                                                    ERRATA_NEW_MODE, gdk_drop_get_actions (drop));
  if (action)
    gtk_widget_add_css_class (self->new_mode_button, "drop-target");
  else
    gtk_widget_remove_css_class (self->new_mode_button, "drop-target");
  return action;
}

static void
new_mode_leave (GtkDropTarget          *target,
                ErrataFailureModesPage *self)
{
  gtk_widget_remove_css_class (self->new_mode_button, "drop-target");
}

static gboolean
new_mode_drop (GtkDropTarget          *target,
               const GValue           *value,
               double                  x,
               double                  y,
               ErrataFailureModesPage *self)
{
  GdkDrop *drop = gtk_drop_target_get_current_drop (target);

  gtk_widget_remove_css_class (self->new_mode_button, "drop-target");
  return errata_failure_modes_page_drop (self, value, ERRATA_NEW_MODE,
                                         drop ? gdk_drop_get_actions (drop) : GDK_ACTION_MOVE);
}

/* Autoscroll --------------------------------------------------------------- */

/* How close to the canvas's edge a drag has to come to scroll it. */
#define AUTOSCROLL_EDGE 72

static gboolean
autoscroll_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  ErrataFailureModesPage *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->canvas_scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + self->autoscroll_speed);
  return G_SOURCE_CONTINUE;
}

static void
stop_autoscroll (ErrataFailureModesPage *self)
{
  if (self->autoscroll_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->canvas_scroller), self->autoscroll_id);
  self->autoscroll_id = 0;
  self->autoscroll_speed = 0;
}

/* The nearer the edge, the faster: up to 28 pixels a frame. */
static void
autoscroll_motion (GtkDropControllerMotion *motion,
                   double                   x,
                   double                   y,
                   ErrataFailureModesPage  *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self->canvas_scroller));
  double speed = 0;

  if (x < AUTOSCROLL_EDGE)
    speed = -(AUTOSCROLL_EDGE - x) / 2.5;
  else if (x > width - AUTOSCROLL_EDGE)
    speed = (x - (width - AUTOSCROLL_EDGE)) / 2.5;
  if (speed == 0)
    {
      stop_autoscroll (self);
      return;
    }
  self->autoscroll_speed = speed;
  if (self->autoscroll_id == 0)
    self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->canvas_scroller),
                                                        autoscroll_tick, self, NULL);
}

static void
setup_autoscroll (ErrataFailureModesPage *self)
{
  GtkEventController *motion = gtk_drop_controller_motion_new ();

  g_signal_connect (motion, "enter", G_CALLBACK (autoscroll_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (autoscroll_motion), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (stop_autoscroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas_scroller), motion);
}

/* The speed autoscroll runs at now, for tests; 0 when it is still. */
double
errata_failure_modes_page_get_autoscroll_speed (ErrataFailureModesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), 0);
  return self->autoscroll_speed;
}

GtkDropTarget *
errata_failure_modes_page_get_new_mode_target (ErrataFailureModesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), NULL);
  return self->new_mode_target;
}

static void
setup_new_mode_target (ErrataFailureModesPage *self)
{
  GType types[] = { ERRATA_TYPE_CARD_SET, ERRATA_TYPE_CARD_ITEM };

  self->new_mode_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_MOVE | GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (self->new_mode_target, types, G_N_ELEMENTS (types));
  gtk_drop_target_set_preload (self->new_mode_target, TRUE);
  g_signal_connect (self->new_mode_target, "enter", G_CALLBACK (new_mode_motion), self);
  g_signal_connect (self->new_mode_target, "motion", G_CALLBACK (new_mode_motion), self);
  g_signal_connect (self->new_mode_target, "leave", G_CALLBACK (new_mode_leave), self);
  g_signal_connect (self->new_mode_target, "drop", G_CALLBACK (new_mode_drop), self);
  gtk_widget_add_controller (self->new_mode_button, GTK_EVENT_CONTROLLER (self->new_mode_target));
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

/* ---- menus --------------------------------------------------------------- */

static void
append_target (GMenu      *menu,
               const char *label,
               const char *action,
               gint64      target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (target));
  g_menu_append_item (menu, item);
}

GMenuModel *
errata_failure_modes_page_build_move_menu (ErrataFailureModesPage *self,
                                           gint64                  from_mode)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) modes = g_menu_new ();
  g_autoptr(GMenu) copies = g_menu_new ();
  g_autoptr(GMenu) rest = g_menu_new ();
  g_autoptr(GMenu) open = g_menu_new ();
  GtkWidget *child;

  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), NULL);

  /* In canvas order, which is the modes' order. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->canvas_box)); child;
       child = gtk_widget_get_next_sibling (child))
    {
      gint64 id;

      if (!ERRATA_IS_MODE_GROUP (child) || (id = errata_mode_group_get_mode_id (ERRATA_MODE_GROUP (child))) <= 0)
        continue;
      if (id != from_mode)
        append_target (modes, errata_mode_group_get_name (ERRATA_MODE_GROUP (child)), "card.move-to", id);
      if (id != from_mode && from_mode != ERRATA_UNSORTED)
        append_target (copies, errata_mode_group_get_name (ERRATA_MODE_GROUP (child)), "card.copy-to", id);
    }
  g_menu_append_section (menu, _("Move To"), G_MENU_MODEL (modes));
  append_target (rest, _("New Failure Mode"), "card.move-to", ERRATA_NEW_MODE);
  if (from_mode != ERRATA_UNSORTED)
    append_target (rest, _("Unsorted"), "card.move-to", ERRATA_UNSORTED);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (rest));
  /* A note can show two failure modes: copying keeps it where it is. */
  if (from_mode != ERRATA_UNSORTED)
    append_target (copies, _("New Failure Mode"), "card.copy-to", ERRATA_NEW_MODE);
  if (g_menu_model_get_n_items (G_MENU_MODEL (copies)) > 0)
    g_menu_append_submenu (rest, _("_Copy To"), G_MENU_MODEL (copies));
  g_menu_append (open, _("_Open Trace"), "card.open");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (open));
  return G_MENU_MODEL (g_steal_pointer (&menu));
}

/* ---- search, charts ----------------------------------------------------- */

void
errata_failure_modes_page_set_search_text (ErrataFailureModesPage *self,
                                           const char             *text)
{
  GHashTableIter iter;
  gpointer group;

  g_return_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self));

  g_free (self->filter_text);
  self->filter_text = errata_card_fold_text (g_strstrip (g_strdup (text ? text : "")));
  errata_mode_group_set_filter (self->unsorted, self->filter_text);
  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, NULL, &group))
    errata_mode_group_set_filter (group, self->filter_text);
  /* Setting the entry's text clears it first, which the entry reports. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ? text : "") != 0)
    {
      self->setting_entry = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
      self->setting_entry = FALSE;
    }
}

static void
search_changed (ErrataFailureModesPage *self)
{
  if (self->setting_entry)
    return;
  errata_failure_modes_page_set_search_text (self,
                                             gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
bar_activated (ErrataFailureModesPage *self,
               gint64                  mode_id)
{
  g_signal_emit (self, signals[FILTER_TRACES], 0, mode_id);
}

/* The row of the Pareto bar at height `y`, or -1. Rows are evenly
 * spaced and centred on their bars, which the chart tells where it drew. */
static int
pareto_row_at (ErrataParetoChart *chart,
               double             y,
               graphene_rect_t   *row)
{
  guint n = errata_pareto_chart_get_n_bars (chart);
  graphene_rect_t first, second;
  double pitch, top;
  int index;

  if (n == 0 || !errata_pareto_chart_get_bar_rect (chart, 0, &first))
    return -1;
  if (n > 1 && errata_pareto_chart_get_bar_rect (chart, 1, &second))
    pitch = second.origin.y - first.origin.y;
  else
    pitch = gtk_widget_get_height (GTK_WIDGET (chart));
  if (pitch <= 0)
    return -1;
  top = first.origin.y + first.size.height / 2 - pitch / 2;
  index = (int) floor ((y - top) / pitch);
  if (index < 0 || index >= (int) n)
    return -1;
  graphene_rect_init (row, 0, top + index * pitch, gtk_widget_get_width (GTK_WIDGET (chart)), pitch);
  return index;
}

/**
 * errata_failure_modes_page_dup_pareto_tooltip:
 * @y: a height in the Pareto chart's coordinates
 *
 * What the Pareto chart's tooltip says with the pointer at @y: the whole
 * name of the failure mode, which the chart ellipsizes past two fifths of
 * its width, and its count.
 *
 * Returns: (nullable): plain text, or NULL away from the bars
 */
char *
errata_failure_modes_page_dup_pareto_tooltip (ErrataFailureModesPage *self,
                                              double                  y)
{
  ErrataModeGroup *group;
  graphene_rect_t row;
  int index;
  guint count;

  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), NULL);

  index = pareto_row_at (self->pareto_chart, y, &row);
  if (index < 0)
    return NULL;
  group = errata_failure_modes_page_get_group (self,
                                               errata_pareto_chart_get_mode_id (self->pareto_chart, index));
  if (group == NULL)
    return NULL;
  count = errata_pareto_chart_get_count (self->pareto_chart, index);
  /* Translators: a Pareto bar's tooltip: the failure mode's name, then
   * how many of the reviewed traces fail it. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\n%u of %u reviewed trace",
                                       "%s\n%u of %u reviewed traces", self->reviewed),
                          errata_mode_group_get_name (group), count, self->reviewed);
}

static gboolean
pareto_query_tooltip (GtkWidget              *chart,
                      int                     x,
                      int                     y,
                      gboolean                keyboard_mode,
                      GtkTooltip             *tooltip,
                      ErrataFailureModesPage *self)
{
  g_autofree char *text = NULL;
  graphene_rect_t row;

  /* The keyboard cursor is the chart's own; its accessible description
   * already has every name in full. */
  if (keyboard_mode || pareto_row_at (self->pareto_chart, y, &row) < 0)
    return FALSE;
  text = errata_failure_modes_page_dup_pareto_tooltip (self, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  /* Moving to the next bar asks again. */
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { 0, row.origin.y, row.size.width,
                                                       row.size.height });
  return TRUE;
}

ErrataSaturationChart *
errata_failure_modes_page_get_saturation_chart (ErrataFailureModesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), NULL);
  return self->saturation_chart;
}

ErrataParetoChart *
errata_failure_modes_page_get_pareto_chart (ErrataFailureModesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), NULL);
  return self->pareto_chart;
}

const char *
errata_failure_modes_page_get_saturation_hint (ErrataFailureModesPage *self)
{
  g_return_val_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self), NULL);
  return self->hint;
}

/* ---- export ------------------------------------------------------------- */

static void
export_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The text is built at once (a few queries); writing it is async. */
void
errata_failure_modes_page_export_async (ErrataFailureModesPage    *self,
                                        GFile                     *file,
                                        ErrataTaxonomyExportFormat format,
                                        GCancellable              *cancellable,
                                        GAsyncReadyCallback        callback,
                                        gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  char *text;

  g_return_if_fail (ERRATA_IS_FAILURE_MODES_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, errata_failure_modes_page_export_async);
  if (self->taxonomy == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("No project is open."));
      return;
    }
  text = format == ERRATA_TAXONOMY_EXPORT_JSON
         ? errata_taxonomy_export_json (self->taxonomy, 3, &error)
         : errata_taxonomy_export_markdown (self->taxonomy, 3, &error);
  if (text == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  bytes = g_bytes_new_take (text, strlen (text));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, export_written, g_steal_pointer (&task));
}

gboolean
errata_failure_modes_page_export_finish (ErrataFailureModesPage  *self,
                                         GAsyncResult            *result,
                                         GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ErrataFailureModesPage *self = ERRATA_FAILURE_MODES_PAGE (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *text = NULL;

  if (!errata_failure_modes_page_export_finish (self, result, &error))
    {
      g_prefix_error (&error, _("Could not export the failure modes: "));
      show_error (self, error);
      return;
    }
  name = g_file_get_basename (file);
  escaped = g_markup_escape_text (name, -1);
  text = g_strdup_printf (_("Exported the failure modes to “%s”"), escaped);
  show_toast (self, text, FALSE);
}

static void
export_to (ErrataFailureModesPage     *self,
           GFile                      *file,
           ErrataTaxonomyExportFormat  format)
{
  errata_failure_modes_page_export_async (self, file, format, NULL, export_done,
                                          g_object_ref (file));
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
save_chosen (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ErrataFailureModesPage) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);
  ErrataTaxonomyExportFormat format = GPOINTER_TO_INT (g_object_get_data (source, "format"));

  if (file)
    export_to (self, file, format);
}

static void
choose_file (ErrataFailureModesPage     *self,
             ErrataTaxonomyExportFormat  format,
             const char                 *name)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_file_dialog_set_title (dialog, _("Export Taxonomy"));
  gtk_file_dialog_set_initial_name (dialog, name);
  g_object_set_data (G_OBJECT (dialog), "format", GINT_TO_POINTER (format));
  gtk_file_dialog_save (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                        save_chosen, g_object_ref (self));
}
#else
static void
save_response (GtkNativeDialog        *dialog,
               int                     response,
               ErrataFailureModesPage *self)
{
  ErrataTaxonomyExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "format"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file)
    export_to (self, file, format);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_file (ErrataFailureModesPage     *self,
             ErrataTaxonomyExportFormat  format,
             const char                 *name)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export Taxonomy"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "format", GINT_TO_POINTER (format));
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
#endif

/* ---- actions ------------------------------------------------------------ */

static void
undo_or_redo (ErrataFailureModesPage *self,
              gboolean                undo)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->taxonomy == NULL)
    return;
  if (undo ? !errata_taxonomy_can_undo (self->taxonomy) : !errata_taxonomy_can_redo (self->taxonomy))
    return;
  ok = undo ? errata_taxonomy_undo (self->taxonomy, &error)
            : errata_taxonomy_redo (self->taxonomy, &error);
  if (self->toast)
    adw_toast_dismiss (self->toast);
  if (!ok)
    show_error (self, error);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_or_redo (ERRATA_FAILURE_MODES_PAGE (widget), TRUE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_or_redo (ERRATA_FAILURE_MODES_PAGE (widget), FALSE);
}

static void
new_mode_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ErrataFailureModesPage *self = ERRATA_FAILURE_MODES_PAGE (widget);

  if (self->taxonomy)
    create_mode (self, NULL, FALSE, NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ErrataFailureModesPage *self = ERRATA_FAILURE_MODES_PAGE (widget);
  gboolean json = g_strcmp0 (g_variant_get_string (parameter, NULL), "json") == 0;

  /* Translators: the suggested file name of the exported taxonomy. */
  choose_file (self, json ? ERRATA_TAXONOMY_EXPORT_JSON : ERRATA_TAXONOMY_EXPORT_MARKDOWN,
               json ? _("failure-modes.json") : _("failure-modes.md"));
}

/* The dialog edits this page's taxonomy: an accepted suggestion shows on
 * the canvas through "changed", and Ctrl+Z here takes it back. */
static void
suggest_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ErrataFailureModesPage *self = ERRATA_FAILURE_MODES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->taxonomy != NULL)
    errata_suggestions_dialog_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       self->taxonomy);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ErrataFailureModesPage *self = ERRATA_FAILURE_MODES_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
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
    gtk_box_remove (self->canvas_box, group);
  g_hash_table_remove_all (self->groups);
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

static void
errata_failure_modes_page_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  if (prop_id == PROP_WORKSPACE)
    g_value_set_object (value, ERRATA_FAILURE_MODES_PAGE (object)->workspace);
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
  g_clear_weak_pointer (&self->toast);
  g_clear_handle_id (&self->actions_idle, g_source_remove);
  if (self->canvas_scroller != NULL)
    stop_autoscroll (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_FAILURE_MODES_PAGE);
  g_clear_object (&self->taxonomy);
  g_clear_object (&self->project);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->groups, g_hash_table_unref);

  G_OBJECT_CLASS (errata_failure_modes_page_parent_class)->dispose (object);
}

static void
errata_failure_modes_page_finalize (GObject *object)
{
  ErrataFailureModesPage *self = (ErrataFailureModesPage *)object;

  g_free (self->filter_text);
  g_free (self->hint);

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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A card was double-clicked (or activated): show its trace. */
  signals[OPEN_TRACE] = g_signal_new ("open-trace", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* A Pareto bar was clicked: list the traces in that failure mode. */
  signals[FILTER_TRACES] = g_signal_new ("filter-traces", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_INT64);

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
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, new_mode_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, saturation_chart);
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, saturation_hint);
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, pareto_caption);
  gtk_widget_class_bind_template_child (widget_class, ErrataFailureModesPage, pareto_chart);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, bar_activated);
  gtk_widget_class_bind_template_callback (widget_class, pareto_query_tooltip);

  gtk_widget_class_install_action (widget_class, "canvas.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "canvas.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "canvas.new-mode", NULL, new_mode_action);
  gtk_widget_class_install_action (widget_class, "canvas.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "canvas.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "canvas.suggest", NULL, suggest_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "canvas.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "canvas.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "canvas.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "canvas.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "canvas.new-mode", NULL);

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
  gtk_widget_set_margin_start (GTK_WIDGET (self->unsorted), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->unsorted), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->unsorted), 12);
  gtk_box_prepend (self->canvas_row, GTK_WIDGET (self->unsorted));
  setup_new_mode_target (self);
  setup_autoscroll (self);
  update_actions (self);
}

GtkWidget *
errata_failure_modes_page_new (ErrataWorkspace *workspace)
{
  g_return_val_if_fail (workspace == NULL || ERRATA_IS_WORKSPACE (workspace), NULL);

  return g_object_new (ERRATA_TYPE_FAILURE_MODES_PAGE, "workspace", workspace, NULL);
}
