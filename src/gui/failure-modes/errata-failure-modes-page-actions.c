/* errata-failure-modes-page-actions.c
 *
 * What the page does to the model: each operation goes through one
 * ErrataTaxonomy call and says what it did in the page's one toast (with
 * Undo); the "Move to…" menus, the export, and the canvas.* actions that
 * menus, shortcuts, the cards and the groups activate.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-failure-modes-page-private.h"

#include <glib/gi18n.h>

#include "errata-suggestions-dialog.h"
#include "errata-taxonomy-export.h"
#include "errata-toast-helper.h"

/* ---- feedback ----------------------------------------------------------- */

/* Plain text: the helper escapes it, and keeps one toast that it updates
 * in place (re-creating toasts crashes libadwaita 1.2, see the helper). */
static void
show_toast (ErrataFailureModesPage *self,
            const char             *text,
            gboolean                undoable)
{
  if (undoable)
    errata_toast_helper_show_with_action (self->toast_overlay, text, _("_Undo"),
                                          "canvas.undo", NULL);
  else
    errata_toast_helper_show (self->toast_overlay, text);
}

void
_errata_failure_modes_page_show_error (ErrataFailureModesPage *self,
                                       const GError           *error)
{
  show_toast (self, error->message, FALSE);
}

/* Reports `local` in a toast and hands it on to the caller's `error`. */
static gboolean
fail (ErrataFailureModesPage  *self,
      GError                  *local,
      GError                 **error)
{
  _errata_failure_modes_page_show_error (self, local);
  g_propagate_error (error, local);
  return FALSE;
}

static char *
dup_mode_name (ErrataFailureModesPage *self,
               gint64                  mode_id)
{
  ErrataModeGroup *group = errata_failure_modes_page_get_group (self, mode_id);

  return g_strdup (group ? errata_mode_group_get_name (group) : "");
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
      name = dup_mode_name (self, to_mode);
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
      _errata_failure_modes_page_show_error (self, error);
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

  name = dup_mode_name (self, mode_id);
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

  source = dup_mode_name (self, source_mode);
  target = dup_mode_name (self, target_mode);
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

/* "id name" of each mode in canvas order: the menus change with it. */
static char *
dup_menu_signature (ErrataFailureModesPage *self)
{
  GString *signature = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->canvas_box)); child;
       child = gtk_widget_get_next_sibling (child))
    if (ERRATA_IS_MODE_GROUP (child))
      g_string_append_printf (signature, "%" PRId64 " %s\n",
                              errata_mode_group_get_mode_id (ERRATA_MODE_GROUP (child)),
                              errata_mode_group_get_name (ERRATA_MODE_GROUP (child)));
  return g_string_free (signature, FALSE);
}

/* Each group holds the "Move to…" menu of its cards, which they open
 * without knowing the page; rebuilt only when a mode's name or place
 * changed, not on every move. */
void
_errata_failure_modes_page_update_move_menus (ErrataFailureModesPage *self)
{
  g_autofree char *signature = dup_menu_signature (self);
  g_autoptr(GMenuModel) unsorted = NULL;
  GHashTableIter iter;
  gpointer group;

  if (g_strcmp0 (signature, self->menu_signature) == 0)
    return;
  g_free (self->menu_signature);
  self->menu_signature = g_steal_pointer (&signature);
  unsorted = errata_failure_modes_page_build_move_menu (self, ERRATA_UNSORTED);
  errata_mode_group_set_move_menu (self->unsorted, unsorted);
  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, NULL, &group))
    {
      g_autoptr(GMenuModel) menu =
        errata_failure_modes_page_build_move_menu (self, errata_mode_group_get_mode_id (group));

      errata_mode_group_set_move_menu (group, menu);
    }
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
  g_autofree char *text = NULL;

  if (!errata_failure_modes_page_export_finish (self, result, &error))
    {
      g_prefix_error (&error, _("Could not export the failure modes: "));
      _errata_failure_modes_page_show_error (self, error);
      return;
    }
  name = g_file_get_basename (file);
  text = g_strdup_printf (_("Exported the failure modes to “%s”"), name);
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
  errata_toast_helper_hide (self->toast_overlay);
  if (!ok)
    _errata_failure_modes_page_show_error (self, error);
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

/* The actions the cards and groups activate: they know the action's name
 * and parameter, never the page. */

static void
move_cards_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ErrataFailureModesPage *self = ERRATA_FAILURE_MODES_PAGE (widget);
  g_autoptr(ErrataCardSet) cards = NULL;
  gboolean copy;
  gint64 to_mode;

  cards = errata_canvas_cards_from_variant (parameter, &to_mode, &copy);
  if (self->taxonomy != NULL)
    errata_failure_modes_page_move_cards (self, cards, to_mode, copy, NULL);
}

static void
merge_modes_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ErrataFailureModesPage *self = ERRATA_FAILURE_MODES_PAGE (widget);
  gint64 source, target;

  g_variant_get (parameter, "(xx)", &source, &target);
  if (self->taxonomy != NULL && errata_failure_modes_page_get_group (self, source) != NULL &&
      errata_failure_modes_page_get_group (self, target) != NULL)
    errata_failure_modes_page_ask_merge (self, source, target);
}

static void
open_trace_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  errata_failure_modes_page_open_trace (ERRATA_FAILURE_MODES_PAGE (widget),
                                        g_variant_get_int64 (parameter));
}

static void
delete_mode_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ErrataFailureModesPage *self = ERRATA_FAILURE_MODES_PAGE (widget);
  gint64 mode_id = g_variant_get_int64 (parameter);

  if (self->taxonomy != NULL && mode_id > 0)
    errata_failure_modes_page_delete_mode (self, mode_id, NULL);
}

/* canvas.rename-mode, canvas.define-mode and canvas.recolour-mode: (id, text). */
static void
update_mode_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ErrataFailureModesPage *self = ERRATA_FAILURE_MODES_PAGE (widget);
  const char *text;
  gint64 mode_id;

  g_variant_get (parameter, "(x&s)", &mode_id, &text);
  if (self->taxonomy == NULL || mode_id <= 0)
    return;
  if (g_str_equal (action_name, "canvas.rename-mode"))
    errata_failure_modes_page_update_mode (self, mode_id, text, NULL, NULL);
  else if (g_str_equal (action_name, "canvas.define-mode"))
    errata_failure_modes_page_update_mode (self, mode_id, NULL, text, NULL);
  else
    errata_failure_modes_page_update_mode (self, mode_id, NULL, NULL, text);
}

void
_errata_failure_modes_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.move-cards",
                                   ERRATA_CANVAS_MOVE_CARDS_TYPE, move_cards_action);
  gtk_widget_class_install_action (widget_class, "canvas.merge-modes", "(xx)", merge_modes_action);
  gtk_widget_class_install_action (widget_class, "canvas.open-trace", "x", open_trace_action);
  gtk_widget_class_install_action (widget_class, "canvas.delete-mode", "x", delete_mode_action);
  gtk_widget_class_install_action (widget_class, "canvas.rename-mode", "(xs)", update_mode_action);
  gtk_widget_class_install_action (widget_class, "canvas.define-mode", "(xs)", update_mode_action);
  gtk_widget_class_install_action (widget_class, "canvas.recolour-mode", "(xs)", update_mode_action);
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
}
