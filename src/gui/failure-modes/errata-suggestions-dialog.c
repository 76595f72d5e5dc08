/* errata-suggestions-dialog.c
 *
 * Runs an ErrataGroupingSuggester and shows each proposed failure mode
 * as a card the user can edit, then accept or reject. Nothing changes
 * the taxonomy until Accept, which goes through
 * errata_grouping_proposal_accept(): one undoable edit, so Ctrl+Z on the
 * canvas takes it back. The window is not modal: the canvas stays usable
 * while the model thinks, and the run is cancelled when it closes.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-suggestions-dialog.h"
#include "errata-llm-cache.h"
#include "errata-grouping-suggester.h"
#include "errata-llm-settings.h"

/* A card shows this many notes, then says how many more there are. */
#define MAX_NOTES_SHOWN 50

struct _ErrataSuggestionsDialog
{
  AdwWindow                parent_instance;

  ErrataTaxonomy          *taxonomy;
  ErrataLlmClient         *client;
  ErrataGroupingSuggester *suggester;
  GCancellable            *cancellable;
  ErrataGroupingResult    *result;
  GHashTable              *note_texts;   /* annotation id → note */
  char                    *summary;
  guint                    n_accepted;
  guint                    n_rejected;
  gboolean                 running;

  GtkWidget               *progress_box;
  GtkLabel                *status_label;
  GtkButton               *cancel_button;
  GtkProgressBar          *progress_bar;
  GtkLabel                *error_label;
  GtkBox                  *proposals_box;
  GtkLabel                *summary_label;
};

G_DEFINE_FINAL_TYPE (ErrataSuggestionsDialog, errata_suggestions_dialog, ADW_TYPE_WINDOW)

/* What one card's buttons need. */
typedef struct
{
  ErrataSuggestionsDialog *self;
  ErrataGroupingProposal  *proposal;   /* owned by self->result */
  AdwPreferencesGroup     *group;
  AdwEntryRow             *name_row;
  AdwEntryRow             *definition_row;
  AdwExpanderRow          *notes_row;
  GtkLabel                *error_label;
} Card;

/* ---- summary ---------------------------------------------------------- */

static void
update_summary (ErrataSuggestionsDialog *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = self->result->proposals->len;
  guint unknown = self->result->n_unknown_ids;

  /* Translators: "3 of 5 suggestions accepted". */
  g_string_printf (text, ngettext ("%u of %u suggestion accepted", "%u of %u suggestions accepted", n),
                   self->n_accepted, n);
  if (self->n_rejected > 0)
    g_string_append_printf (text, ngettext (", %u rejected", ", %u rejected", self->n_rejected),
                            self->n_rejected);
  if (unknown > 0)
    g_string_append_printf (text, ngettext ("; %u note reference the model made up was ignored",
                                            "; %u note references the model made up were ignored",
                                            unknown), unknown);

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_label_set_text (self->summary_label, self->summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);
}

/* ---- cards ------------------------------------------------------------ */

static void
card_decided (Card       *card,
              const char *verdict)
{
  GtkWidget *label = gtk_label_new (verdict);

  gtk_widget_add_css_class (label, "dim-label");
  adw_preferences_group_set_header_suffix (card->group, label);
  gtk_widget_set_sensitive (GTK_WIDGET (card->name_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (card->definition_row), FALSE);
}

static char *
dup_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
on_accept_clicked (GtkButton *button,
                   Card      *card)
{
  ErrataSuggestionsDialog *self = card->self;
  g_autofree char *name = dup_stripped (card->name_row);
  g_autofree char *definition = dup_stripped (card->definition_row);
  g_autoptr(GError) error = NULL;

  errata_grouping_proposal_set_name (card->proposal, name);
  errata_grouping_proposal_set_definition (card->proposal, definition);
  if (errata_grouping_proposal_accept (card->proposal, self->taxonomy, &error) == 0)
    {
      gtk_label_set_text (card->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (card->error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (card->error_label), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (card->name_row), card->proposal->name);
  self->n_accepted++;
  card_decided (card, _("Accepted"));
  update_summary (self);
}

static void
on_reject_clicked (GtkButton *button,
                   Card      *card)
{
  card->self->n_rejected++;
  card_decided (card, _("Rejected"));
  gtk_widget_set_sensitive (GTK_WIDGET (card->notes_row), FALSE);
  update_summary (card->self);
}

static GtkWidget *
card_button (Card       *card,
             const char *label,
             const char *accessible,
             GCallback   callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  g_autofree char *name = g_strdup_printf (accessible, card->proposal->name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect (button, "clicked", callback, card);
  return button;
}

static GtkWidget *
card_buttons (Card *card)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *accept;

  /* Translators: %s is a failure mode's name; read by screen readers. */
  gtk_box_append (GTK_BOX (box), card_button (card, _("_Reject"), _("Reject “%s”"),
                                              G_CALLBACK (on_reject_clicked)));
  accept = card_button (card, _("_Accept"), _("Accept “%s”"), G_CALLBACK (on_accept_clicked));
  gtk_widget_add_css_class (accept, "suggested-action");
  gtk_box_append (GTK_BOX (box), accept);
  return box;
}

static AdwEntryRow *
entry_row (const char *title,
           const char *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  return row;
}

static GtkWidget *
note_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  return row;
}

static AdwExpanderRow *
notes_expander (ErrataSuggestionsDialog *self,
                ErrataGroupingProposal  *proposal)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  guint n = proposal->annotation_ids->len;
  g_autofree char *title = g_strdup_printf (ngettext ("%u note", "%u notes", n), n);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (proposal->existing_mode_id > 0)
    adw_expander_row_set_subtitle (row, _("Added to the existing failure mode of this name"));
  for (guint i = 0; i < MIN (n, MAX_NOTES_SHOWN); i++)
    {
      gint64 id = g_array_index (proposal->annotation_ids, gint64, i);
      const char *text = g_hash_table_lookup (self->note_texts, &id);

      adw_expander_row_add_row (row, note_row (text != NULL ? text : _("(deleted note)")));
    }
  if (n > MAX_NOTES_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more note", "and %u more notes",
                                                         n - MAX_NOTES_SHOWN), n - MAX_NOTES_SHOWN);

      adw_expander_row_add_row (row, note_row (more));
    }
  return row;
}

static GtkWidget *
card_new (ErrataSuggestionsDialog *self,
          ErrataGroupingProposal  *proposal,
          guint                    index)
{
  Card *card = g_new0 (Card, 1);
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *title = g_strdup_printf (_("Suggestion %u"), index + 1);

  card->self = self;
  card->proposal = proposal;
  card->group = ADW_PREFERENCES_GROUP (group);
  g_object_set_data_full (G_OBJECT (group), "card", card, g_free);
  adw_preferences_group_set_title (card->group, title);
  adw_preferences_group_set_header_suffix (card->group, card_buttons (card));

  card->name_row = entry_row (_("Name"), proposal->name);
  card->definition_row = entry_row (_("Definition"), proposal->definition);
  card->notes_row = notes_expander (self, proposal);
  card->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (card->error_label, TRUE);
  gtk_label_set_xalign (card->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (card->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (card->error_label), FALSE);

  adw_preferences_group_add (card->group, GTK_WIDGET (card->name_row));
  adw_preferences_group_add (card->group, GTK_WIDGET (card->definition_row));
  adw_preferences_group_add (card->group, GTK_WIDGET (card->notes_row));
  adw_preferences_group_add (card->group, GTK_WIDGET (card->error_label));
  return group;
}

/* ---- running ---------------------------------------------------------- */

static void
show_error (ErrataSuggestionsDialog *self,
            const char              *text)
{
  gtk_label_set_text (self->error_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
set_running (ErrataSuggestionsDialog *self,
             gboolean                 running)
{
  self->running = running;
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
}

static void
on_progress (ErrataGroupingSuggester *suggester,
             guint                    done,
             guint                    total,
             ErrataSuggestionsDialog *self)
{
  g_autofree char *text = g_strdup_printf (_("Asking the model: %u of %u batches answered…"),
                                           done, total);

  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0);
  gtk_label_set_text (self->status_label, text);
}

static void
show_batch_errors (ErrataSuggestionsDialog *self)
{
  g_autoptr(GString) text = g_string_new (_("Some batches of notes got no usable answer; their notes are missing from the suggestions:"));

  for (guint i = 0; i < self->result->batch_errors->len; i++)
    g_string_append_printf (text, "\n%s", ((GError *) self->result->batch_errors->pdata[i])->message);
  show_error (self, text->str);
}

static void
show_result (ErrataSuggestionsDialog *self)
{
  guint n = self->result->proposals->len;
  g_autofree char *status = NULL;

  if (n == 0)
    status = g_strdup (_("The model suggested no failure mode for these notes."));
  else
    /* Translators: "5 suggested failure modes from 40 notes". */
    status = g_strdup_printf (ngettext ("%u suggested failure mode from %u notes. Edit, accept or reject each one.",
                                        "%u suggested failure modes from %u notes. Edit, accept or reject each one.",
                                        n), n, self->result->n_notes);
  gtk_label_set_text (self->status_label, status);
  if (self->result->batch_errors->len > 0)
    show_batch_errors (self);
  for (guint i = 0; i < n; i++)
    gtk_box_append (self->proposals_box, card_new (self, self->result->proposals->pdata[i], i));
  update_summary (self);
}

static void
remember_notes (ErrataSuggestionsDialog *self)
{
  g_autoptr(GPtrArray) cards = errata_taxonomy_list_cards (self->taxonomy, -1, NULL);

  for (guint i = 0; cards != NULL && i < cards->len; i++)
    {
      ErrataNoteCard *card = cards->pdata[i];

      g_hash_table_insert (self->note_texts, g_memdup2 (&card->annotation_id, sizeof (gint64)),
                           g_strdup (card->note));
    }
}

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(ErrataSuggestionsDialog) self = data;
  g_autoptr(GError) error = NULL;

  self->result = errata_grouping_suggester_run_finish (ERRATA_GROUPING_SUGGESTER (source), result, &error);
  if (self->taxonomy == NULL)
    return;   /* closed meanwhile */
  set_running (self, FALSE);
  if (g_error_matches (error, ERRATA_LLM_ERROR, ERRATA_LLM_ERROR_CANCELLED))
    gtk_label_set_text (self->status_label, _("Cancelled. Nothing was changed."));
  else if (error != NULL)
    {
      gtk_label_set_text (self->status_label, _("Could not get suggestions."));
      show_error (self, error->message);
    }
  else
    {
      remember_notes (self);
      show_result (self);
    }
}

static gboolean
has_unsorted_notes (ErrataTaxonomy *taxonomy)
{
  g_autoptr(GPtrArray) cards = errata_taxonomy_list_cards (taxonomy, ERRATA_UNSORTED, NULL);

  return cards != NULL && cards->len > 0;
}

/* Unsorted notes are what needs grouping; once every note is in a mode,
 * all of them go, for a second opinion on the whole taxonomy. */
static void
run_suggester (ErrataSuggestionsDialog *self)
{
  gboolean unsorted = has_unsorted_notes (self->taxonomy);

  self->suggester = errata_grouping_suggester_new (self->taxonomy, self->client);
  errata_grouping_suggester_set_scope (self->suggester, unsorted ? ERRATA_GROUPING_SCOPE_UNSORTED
                                                                 : ERRATA_GROUPING_SCOPE_ALL);
  g_signal_connect_object (self->suggester, "progress", G_CALLBACK (on_progress), self, 0);
  gtk_label_set_text (self->status_label, unsorted ? _("Asking the model to group the unsorted notes…")
                                                   : _("Asking the model to group all notes…"));
  errata_grouping_suggester_run_async (self->suggester, self->cancellable, on_run_done,
                                       g_object_ref (self));
}

/* Replies are kept in the project: asking again with the same notes costs
 * nothing and gives the same suggestions. */
static void
use_project_cache (ErrataSuggestionsDialog *self)
{
  ErrataProject *project = errata_taxonomy_get_project (self->taxonomy);
  g_autoptr(ErrataLlmCache) cache = NULL;

  if (errata_project_is_read_only (project))
    return;
  cache = errata_llm_cache_new_for_project (project);
  errata_llm_client_set_cache (self->client, cache);
}

static void
on_client_ready (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(ErrataSuggestionsDialog) self = data;
  g_autoptr(GError) error = NULL;

  self->client = errata_llm_settings_new_client_finish (result, &error);
  if (self->taxonomy == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (self->client == NULL)
    {
      set_running (self, FALSE);
      gtk_label_set_text (self->status_label, _("Could not get suggestions."));
      show_error (self, error->message);
      return;
    }
  use_project_cache (self);
  run_suggester (self);
}

static void
start (ErrataSuggestionsDialog *self)
{
  g_autoptr(GSettings) settings = NULL;

  set_running (self, TRUE);
  if (self->client != NULL)
    {
      run_suggester (self);
      return;
    }
  settings = g_settings_new (APP_ID);
  gtk_label_set_text (self->status_label, _("Connecting…"));
  errata_llm_settings_new_client_async (settings, self->cancellable, on_client_ready,
                                        g_object_ref (self));
}

static void
on_cancel_clicked (ErrataSuggestionsDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
}

/* ---- GObject ------------------------------------------------------------ */

static void
errata_suggestions_dialog_dispose (GObject *object)
{
  ErrataSuggestionsDialog *self = ERRATA_SUGGESTIONS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_SUGGESTIONS_DIALOG);
  g_clear_object (&self->suggester);
  g_clear_object (&self->client);
  g_clear_object (&self->taxonomy);

  G_OBJECT_CLASS (errata_suggestions_dialog_parent_class)->dispose (object);
}

static void
errata_suggestions_dialog_finalize (GObject *object)
{
  ErrataSuggestionsDialog *self = ERRATA_SUGGESTIONS_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->result, errata_grouping_result_free);
  g_clear_pointer (&self->note_texts, g_hash_table_unref);
  g_free (self->summary);

  G_OBJECT_CLASS (errata_suggestions_dialog_parent_class)->finalize (object);
}

static void
errata_suggestions_dialog_class_init (ErrataSuggestionsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_suggestions_dialog_dispose;
  object_class->finalize = errata_suggestions_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-suggestions-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionsDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionsDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionsDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionsDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionsDialog, proposals_box);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionsDialog, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
errata_suggestions_dialog_init (ErrataSuggestionsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->note_texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

/**
 * errata_suggestions_dialog_new:
 * @client: (nullable): the client to ask; NULL for the one the
 *   preferences configure (key from the keyring)
 *
 * The run starts at once. @taxonomy must be the one the canvas edits, so
 * that its undo takes back what is accepted here.
 */
ErrataSuggestionsDialog *
errata_suggestions_dialog_new (GtkWindow       *parent,
                               ErrataTaxonomy  *taxonomy,
                               ErrataLlmClient *client)
{
  ErrataSuggestionsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ERRATA_IS_TAXONOMY (taxonomy), NULL);
  g_return_val_if_fail (client == NULL || ERRATA_IS_LLM_CLIENT (client), NULL);

  self = g_object_new (ERRATA_TYPE_SUGGESTIONS_DIALOG, "transient-for", parent, NULL);
  self->taxonomy = g_object_ref (taxonomy);
  self->client = client != NULL ? g_object_ref (client) : NULL;
  start (self);
  return self;
}

void
errata_suggestions_dialog_present (GtkWindow      *parent,
                                   ErrataTaxonomy *taxonomy)
{
  ErrataSuggestionsDialog *self = errata_suggestions_dialog_new (parent, taxonomy, NULL);

  gtk_window_present (GTK_WINDOW (self));
}

gboolean
errata_suggestions_dialog_is_running (ErrataSuggestionsDialog *self)
{
  g_return_val_if_fail (ERRATA_IS_SUGGESTIONS_DIALOG (self), FALSE);

  return self->running;
}

/* "3 of 5 suggestions accepted; …", or NULL before the suggestions came. */
const char *
errata_suggestions_dialog_get_summary (ErrataSuggestionsDialog *self)
{
  g_return_val_if_fail (ERRATA_IS_SUGGESTIONS_DIALOG (self), NULL);

  return self->summary;
}
