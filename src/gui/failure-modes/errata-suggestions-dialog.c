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
#include "errata-llm-error-words.h"
#include "errata-grouping-suggester.h"
#include "errata-llm-settings.h"
#include "errata-remote-consent.h"
#include "errata-remote-consent-dialog.h"
#include "errata-suggestion-card.h"

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
  gboolean                 unsorted;     /* the run groups the unsorted notes only */
  /* Built from the preferences (not given): a Retry builds it again, so
   * that a key or URL fixed meanwhile is used. */
  gboolean                 client_from_settings;

  GtkWidget               *progress_box;
  GtkLabel                *status_label;
  GtkButton               *retry_button;
  GtkButton               *cancel_button;
  GtkProgressBar          *progress_bar;
  GtkLabel                *error_label;
  GtkBox                  *proposals_box;
  GtkLabel                *summary_label;
};

G_DEFINE_FINAL_TYPE (ErrataSuggestionsDialog, errata_suggestions_dialog, ADW_TYPE_WINDOW)

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
card_decided (ErrataSuggestionsDialog *self,
              gboolean                 accepted)
{
  if (accepted)
    self->n_accepted++;
  else
    self->n_rejected++;
  update_summary (self);
}

static GtkWidget *
card_new (ErrataSuggestionsDialog *self,
          ErrataGroupingProposal  *proposal,
          guint                    index)
{
  GtkWidget *card = errata_suggestion_card_new (proposal, index, self->note_texts, self->taxonomy);

  g_signal_connect_object (card, "decided", G_CALLBACK (card_decided), self, G_CONNECT_SWAPPED);
  return card;
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
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  if (running)
    gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
}

/* The words Test Connection in Preferences gives for the same failure,
 * and a Retry. */
static void
show_failure (ErrataSuggestionsDialog *self,
              const GError            *error)
{
  const ErrataLlmProvider *provider = self->client ? errata_llm_client_get_provider (self->client)
                                                   : NULL;
  g_autofree char *words = errata_llm_error_to_words (error, provider);

  set_running (self, FALSE);
  gtk_label_set_text (self->status_label, _("Could not get suggestions."));
  show_error (self, words);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), errata_llm_error_can_retry (error));
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
    {
      gtk_label_set_text (self->status_label, _("Cancelled. Nothing was changed."));
      gtk_widget_set_visible (GTK_WIDGET (self->retry_button), TRUE);
    }
  else if (error != NULL)
    show_failure (self, error);
  else
    {
      remember_notes (self);
      show_result (self);
    }
}

static gboolean
has_unsorted_notes (ErrataTaxonomy *taxonomy,
                    gboolean        include_passing)
{
  g_autoptr(GPtrArray) cards = errata_taxonomy_list_cards (taxonomy, ERRATA_UNSORTED, NULL);

  for (guint i = 0; cards != NULL && i < cards->len; i++)
    if (include_passing || ((ErrataNoteCard *)cards->pdata[i])->verdict != ERRATA_VERDICT_PASS)
      return TRUE;
  return FALSE;
}

/* What the canvas's Unsorted shows is what gets grouped. */
static gboolean
includes_passing (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  return g_settings_get_boolean (settings, "canvas-show-passing");
}

static void
send_notes (ErrataSuggestionsDialog *self)
{
  gtk_label_set_text (self->status_label, self->unsorted
                                          ? _("Asking the model to group the unsorted notes…")
                                          : _("Asking the model to group all notes…"));
  errata_grouping_suggester_run_async (self->suggester, self->cancellable, on_run_done,
                                       g_object_ref (self));
}

static void
on_consent_answered (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  ErrataSuggestionsDialog *self = ERRATA_SUGGESTIONS_DIALOG (source);
  g_autoptr(GError) error = NULL;
  gboolean allowed = errata_remote_consent_ask_finish (result, &error);

  if (self->taxonomy == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* closed meanwhile */
  if (allowed)
    {
      send_notes (self);
      return;
    }
  if (error != NULL)
    {
      show_failure (self, error);
      return;
    }
  set_running (self, FALSE);
  gtk_label_set_text (self->status_label, _("Nothing was sent. Nothing was changed."));
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), TRUE);
}

/* Notes quote the traces: before they go to a provider that is not on
 * this machine, the project's consent (asked once, said with the number
 * of traces). With nothing to group, the run says so itself. */
static void
ask_consent (ErrataSuggestionsDialog *self)
{
  const char *base_url = errata_llm_client_get_provider (self->client)->base_url;
  ErrataProject *project = errata_taxonomy_get_project (self->taxonomy);
  guint n_traces = errata_grouping_suggester_count_traces (self->suggester, NULL);

  if (n_traces == 0 || errata_remote_consent_is_given (project, base_url))
    {
      send_notes (self);
      return;
    }
  gtk_label_set_text (self->status_label, _("Waiting for your answer…"));
  errata_remote_consent_ask_async (GTK_WIDGET (self), project, base_url, n_traces,
                                   self->cancellable, on_consent_answered, NULL);
}

/* Unsorted notes are what needs grouping; once every note is in a mode,
 * all of them go, for a second opinion on the whole taxonomy. */
static void
run_suggester (ErrataSuggestionsDialog *self)
{
  gboolean include_passing = includes_passing ();
  gboolean unsorted = has_unsorted_notes (self->taxonomy, include_passing);

  self->suggester = errata_grouping_suggester_new (self->taxonomy, self->client);
  errata_grouping_suggester_set_include_passing (self->suggester, include_passing);
  errata_grouping_suggester_set_scope (self->suggester, unsorted ? ERRATA_GROUPING_SCOPE_UNSORTED
                                                                 : ERRATA_GROUPING_SCOPE_ALL);
  g_signal_connect_object (self->suggester, "progress", G_CALLBACK (on_progress), self, 0);
  self->unsorted = unsorted;
  ask_consent (self);
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
      show_failure (self, error);
      return;
    }
  use_project_cache (self);
  error = errata_llm_error_check_key (errata_llm_client_get_provider (self->client));
  if (error != NULL)
    show_failure (self, error);
  else
    run_suggester (self);
}

static void
start (ErrataSuggestionsDialog *self)
{
  g_autoptr(GSettings) settings = NULL;

  g_autoptr(GError) error = NULL;

  set_running (self, TRUE);
  if (self->client != NULL)
    {
      /* OpenAI or Anthropic without a key: said before any request. */
      error = errata_llm_error_check_key (errata_llm_client_get_provider (self->client));
      if (error != NULL)
        show_failure (self, error);
      else
        run_suggester (self);
      return;
    }
  self->client_from_settings = TRUE;
  settings = g_settings_new (APP_ID);
  gtk_label_set_text (self->status_label, _("Connecting…"));
  errata_llm_settings_new_client_async (settings, self->cancellable, on_client_ready,
                                        g_object_ref (self));
}

static void
on_retry_clicked (ErrataSuggestionsDialog *self)
{
  GtkWidget *child;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->proposals_box))) != NULL)
    gtk_box_remove (self->proposals_box, child);
  g_clear_pointer (&self->result, errata_grouping_result_free);
  g_clear_object (&self->suggester);
  if (self->client_from_settings)
    g_clear_object (&self->client);
  self->n_accepted = self->n_rejected = 0;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  start (self);
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
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionsDialog, retry_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionsDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionsDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionsDialog, proposals_box);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionsDialog, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);

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
