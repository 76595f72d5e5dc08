/* errata-share-dialog.c: "Share a Copy". The options are switches; turning
 * redaction on counts, in the background, what each rule would replace, so
 * the user sees it before choosing where to save. The copy itself runs in
 * a GTask (errata_project_copy_async): the project stays open and usable.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "errata-share-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "errata-project-copy.h"
#include "errata-toast-helper.h"

struct _ErrataShareDialog
{
  AdwWindow            parent_instance;

  ErrataProject       *project;
  GCancellable        *count_cancellable;
  GCancellable        *copy_cancellable;
  ErrataCopyOptions   *count_options;
  GFile               *destination;
  GPtrArray           *count_rows;
  gboolean             counting;
  gboolean             copying;

  AdwToastOverlay     *toast_overlay;
  GtkWidget           *save_button;
  GtkSpinner          *spinner;
  AdwPreferencesGroup *options_group;
  AdwActionRow        *only_mine_row;
  GtkSwitch           *cache_switch;
  GtkSwitch           *only_mine_switch;
  GtkSwitch           *redact_switch;
  AdwPreferencesGroup *counts_group;
};

G_DEFINE_FINAL_TYPE (ErrataShareDialog, errata_share_dialog, ADW_TYPE_WINDOW)

enum {
  COPIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_busy (ErrataShareDialog *self)
{
  gboolean busy = self->counting || self->copying;

  g_assert (ERRATA_IS_SHARE_DIALOG (self));

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  /* Saving waits for the counts: the user sees them before writing. */
  gtk_widget_set_sensitive (self->save_button, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->options_group), !self->copying);
}

static ErrataCopyOptions *
build_options (ErrataShareDialog *self)
{
  ErrataCopyOptions *options = errata_copy_options_new ();

  errata_copy_options_set_leave_out_cache (options, gtk_switch_get_active (self->cache_switch));
  if (gtk_switch_get_active (self->only_mine_switch))
    errata_copy_options_set_only_reviewer (options, errata_project_get_reviewer (self->project));
  if (gtk_switch_get_active (self->redact_switch))
    errata_copy_options_add_default_redactions (options);
  return options;
}

static void
clear_count_rows (ErrataShareDialog *self)
{
  for (guint i = 0; i < self->count_rows->len; i++)
    adw_preferences_group_remove (self->counts_group, g_ptr_array_index (self->count_rows, i));
  g_ptr_array_set_size (self->count_rows, 0);
}

static void
add_count_row (ErrataShareDialog *self,
               const char        *title,
               const char        *count)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (count != NULL)
    {
      GtkWidget *label = gtk_label_new (count);

      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_preferences_group_add (self->counts_group, row);
  g_ptr_array_add (self->count_rows, row);
}

static void
show_counts (ErrataShareDialog *self)
{
  ErrataCopyOptions *options = self->count_options;
  guint shown = 0;

  clear_count_rows (self);
  for (guint i = 0; i < errata_copy_options_get_n_rules (options); i++)
    {
      guint64 n = errata_copy_options_get_rule_count (options, i);
      g_autofree char *text = NULL;

      if (n == 0)
        continue;
      text = g_strdup_printf ("%" PRIu64, n);
      add_count_row (self, errata_copy_options_get_rule_label (options, i), text);
      shown++;
    }
  if (shown == 0)
    add_count_row (self, _("Nothing to replace was found"), NULL);
}

static void
on_counted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ErrataShareDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!errata_project_copy_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->counting = FALSE;
  update_busy (self);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not count what to redact: %s"),
                                               error->message);

      errata_toast_helper_show (self->toast_overlay, text);
      return;
    }
  show_counts (self);
}

/* A dry run with the options as they stand; a change cancels the last. */
static void
on_option_changed (ErrataShareDialog *self)
{
  gboolean redact = gtk_switch_get_active (self->redact_switch);

  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  g_clear_pointer (&self->count_options, errata_copy_options_unref);
  clear_count_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->counts_group), redact);
  self->counting = redact;
  update_busy (self);
  if (!redact)
    return;

  self->count_cancellable = g_cancellable_new ();
  self->count_options = build_options (self);
  errata_project_copy_async (errata_project_get_file (self->project), NULL, self->count_options,
                             self->count_cancellable, on_counted, g_object_ref (self));
}

static void
on_copied (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ErrataShareDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!errata_project_copy_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->copying = FALSE;
  update_busy (self);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The copy was not written: %s"), error->message);

      errata_toast_helper_show (self->toast_overlay, text);
      return;
    }
  g_signal_emit (self, signals[COPIED], 0, self->destination);
  gtk_window_close (GTK_WINDOW (self));
}

void
errata_share_dialog_save_to (ErrataShareDialog *self,
                             GFile             *destination)
{
  g_autoptr(ErrataCopyOptions) options = NULL;

  g_return_if_fail (ERRATA_IS_SHARE_DIALOG (self));
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (!self->copying);

  self->copying = TRUE;
  update_busy (self);
  options = build_options (self);
  g_set_object (&self->destination, destination);
  g_clear_object (&self->copy_cancellable);
  self->copy_cancellable = g_cancellable_new ();
  errata_project_copy_async (errata_project_get_file (self->project), destination, options,
                             self->copy_cancellable, on_copied, g_object_ref (self));
}

gboolean
errata_share_dialog_is_busy (ErrataShareDialog *self)
{
  g_return_val_if_fail (ERRATA_IS_SHARE_DIALOG (self), FALSE);
  return self->counting || self->copying;
}

static char *
suggested_name (ErrataShareDialog *self)
{
  g_autofree char *base = g_file_get_basename (errata_project_get_file (self->project));

  if (g_str_has_suffix (base, ".errata"))
    base[strlen (base) - strlen (".errata")] = '\0';
  /* Translators: the file name offered for a shared copy; %s is the
   * project's name without ".errata". */
  return g_strdup_printf (_("%s (shared).errata"), base);
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
on_file_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ErrataShareDialog) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (file != NULL)
    errata_share_dialog_save_to (self, file);
}

static void
choose_file (ErrataShareDialog *self)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GFile) folder = g_file_get_parent (errata_project_get_file (self->project));
  g_autofree char *name = suggested_name (self);

  gtk_file_dialog_set_title (dialog, _("Save a Copy"));
  gtk_file_dialog_set_initial_folder (dialog, folder);
  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, on_file_chosen, g_object_ref (self));
}

#else /* GTK 4.8: GtkFileChooserNative */

static void
on_file_response (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(ErrataShareDialog) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      errata_share_dialog_save_to (self, file);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
choose_file (ErrataShareDialog *self)
{
  g_autoptr(GFile) folder = g_file_get_parent (errata_project_get_file (self->project));
  g_autofree char *name = suggested_name (self);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Save a Copy"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (on_file_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

static void
on_save_clicked (ErrataShareDialog *self)
{
  choose_file (self);
}

static void
errata_share_dialog_dispose (GObject *object)
{
  ErrataShareDialog *self = (ErrataShareDialog *)object;

  /* A copy cancelled here leaves no file: its temporary is removed. */
  g_cancellable_cancel (self->count_cancellable);
  g_cancellable_cancel (self->copy_cancellable);
  g_clear_object (&self->count_cancellable);
  g_clear_object (&self->copy_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_SHARE_DIALOG);

  G_OBJECT_CLASS (errata_share_dialog_parent_class)->dispose (object);
}

static void
errata_share_dialog_finalize (GObject *object)
{
  ErrataShareDialog *self = (ErrataShareDialog *)object;

  g_clear_object (&self->project);
  g_clear_object (&self->destination);
  g_clear_pointer (&self->count_options, errata_copy_options_unref);
  g_clear_pointer (&self->count_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (errata_share_dialog_parent_class)->finalize (object);
}

static void
errata_share_dialog_class_init (ErrataShareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_share_dialog_dispose;
  object_class->finalize = errata_share_dialog_finalize;

  signals[COPIED] = g_signal_new ("copied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-share-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataShareDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ErrataShareDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataShareDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ErrataShareDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, ErrataShareDialog, only_mine_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataShareDialog, cache_switch);
  gtk_widget_class_bind_template_child (widget_class, ErrataShareDialog, only_mine_switch);
  gtk_widget_class_bind_template_child (widget_class, ErrataShareDialog, redact_switch);
  gtk_widget_class_bind_template_child (widget_class, ErrataShareDialog, counts_group);
  gtk_widget_class_bind_template_callback (widget_class, on_option_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
errata_share_dialog_init (ErrataShareDialog *self)
{
  self->count_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_up_only_mine (ErrataShareDialog *self)
{
  const char *reviewer = errata_project_get_reviewer (self->project);
  g_autofree char *subtitle = NULL;

  if (reviewer == NULL || *reviewer == '\0')
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->only_mine_row), FALSE);
      adw_action_row_set_subtitle (self->only_mine_row,
                                   _("Set your name in Preferences to leave out "
                                     "other reviewers’ reviews"));
      return;
    }
  /* Translators: %s is the reviewer's name. */
  subtitle = g_strdup_printf (_("Keep only the reviews by %s; imported labels stay"), reviewer);
  adw_action_row_set_subtitle (self->only_mine_row, subtitle);
}

ErrataShareDialog *
errata_share_dialog_new (GtkWindow     *parent,
                         ErrataProject *project)
{
  ErrataShareDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);

  self = g_object_new (ERRATA_TYPE_SHARE_DIALOG, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  set_up_only_mine (self);
  return self;
}
