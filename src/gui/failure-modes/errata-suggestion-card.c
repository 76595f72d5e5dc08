/* errata-suggestion-card.c
 *
 * Nothing changes the taxonomy until Accept, which goes through
 * errata_grouping_proposal_accept(): one undoable edit. Either button
 * settles the card ("decided"), and the dialog counts.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-suggestion-card.h"

#include <glib/gi18n.h>

/* A card shows this many notes, then says how many more there are. */
#define MAX_NOTES_SHOWN 50

struct _ErrataSuggestionCard
{
  GtkWidget               parent_instance;

  ErrataGroupingProposal *proposal;   /* borrowed: the dialog's result owns it */
  ErrataTaxonomy         *taxonomy;

  AdwPreferencesGroup    *group;
  GtkStack               *decision_stack;
  GtkButton              *reject_button;
  GtkButton              *accept_button;
  GtkLabel               *verdict_label;
  AdwEntryRow            *name_row;
  AdwEntryRow            *definition_row;
  AdwExpanderRow         *notes_row;
  GtkLabel               *error_label;
};

G_DEFINE_FINAL_TYPE (ErrataSuggestionCard, errata_suggestion_card, GTK_TYPE_WIDGET)

enum {
  DECIDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
decide (ErrataSuggestionCard *self,
        gboolean              accepted)
{
  gtk_label_set_text (self->verdict_label, accepted ? _("Accepted") : _("Rejected"));
  gtk_stack_set_visible_child_name (self->decision_stack, "verdict");
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->definition_row), FALSE);
  if (!accepted)
    gtk_widget_set_sensitive (GTK_WIDGET (self->notes_row), FALSE);
  g_signal_emit (self, signals[DECIDED], 0, accepted);
}

static char *
dup_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
accept_clicked (ErrataSuggestionCard *self)
{
  g_autofree char *name = dup_stripped (self->name_row);
  g_autofree char *definition = dup_stripped (self->definition_row);
  g_autoptr(GError) error = NULL;

  errata_grouping_proposal_set_name (self->proposal, name);
  errata_grouping_proposal_set_definition (self->proposal, definition);
  if (errata_grouping_proposal_accept (self->proposal, self->taxonomy, &error) == 0)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->proposal->name);
  decide (self, TRUE);
}

static void
reject_clicked (ErrataSuggestionCard *self)
{
  decide (self, FALSE);
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

static void
fill_notes (ErrataSuggestionCard *self,
            GHashTable           *note_texts)
{
  guint n = self->proposal->annotation_ids->len;
  g_autofree char *title = g_strdup_printf (ngettext ("%u note", "%u notes", n), n);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->notes_row), title);
  if (self->proposal->existing_mode_id > 0)
    adw_expander_row_set_subtitle (self->notes_row,
                                   _("Added to the existing failure mode of this name"));
  for (guint i = 0; i < MIN (n, MAX_NOTES_SHOWN); i++)
    {
      gint64 id = g_array_index (self->proposal->annotation_ids, gint64, i);
      const char *text = g_hash_table_lookup (note_texts, &id);

      adw_expander_row_add_row (self->notes_row,
                                note_row (text != NULL ? text : _("(deleted note)")));
    }
  if (n > MAX_NOTES_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more note", "and %u more notes",
                                                         n - MAX_NOTES_SHOWN), n - MAX_NOTES_SHOWN);

      adw_expander_row_add_row (self->notes_row, note_row (more));
    }
}

/* The buttons say only "Accept"; a screen reader says which. */
static void
label_button (GtkButton  *button,
              const char *format,
              const char *name)
{
  g_autofree char *label = g_strdup_printf (format, name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
errata_suggestion_card_dispose (GObject *object)
{
  ErrataSuggestionCard *self = ERRATA_SUGGESTION_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_SUGGESTION_CARD);
  g_clear_object (&self->taxonomy);

  G_OBJECT_CLASS (errata_suggestion_card_parent_class)->dispose (object);
}

static void
errata_suggestion_card_class_init (ErrataSuggestionCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_suggestion_card_dispose;

  /* Accept (it is in the taxonomy now) or Reject. */
  signals[DECIDED] = g_signal_new ("decided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-suggestion-card.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionCard, group);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionCard, decision_stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionCard, reject_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionCard, accept_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionCard, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionCard, name_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionCard, definition_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionCard, notes_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataSuggestionCard, error_label);
  gtk_widget_class_bind_template_callback (widget_class, accept_clicked);
  gtk_widget_class_bind_template_callback (widget_class, reject_clicked);
}

static void
errata_suggestion_card_init (ErrataSuggestionCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
errata_suggestion_card_new (ErrataGroupingProposal *proposal,
                            guint                   index,
                            GHashTable             *note_texts,
                            ErrataTaxonomy         *taxonomy)
{
  ErrataSuggestionCard *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (proposal != NULL, NULL);
  g_return_val_if_fail (note_texts != NULL, NULL);
  g_return_val_if_fail (ERRATA_IS_TAXONOMY (taxonomy), NULL);

  self = g_object_new (ERRATA_TYPE_SUGGESTION_CARD, NULL);
  self->proposal = proposal;
  self->taxonomy = g_object_ref (taxonomy);
  title = g_strdup_printf (_("Suggestion %u"), index + 1);
  adw_preferences_group_set_title (self->group, title);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), proposal->name);
  gtk_editable_set_text (GTK_EDITABLE (self->definition_row), proposal->definition);
  /* Translators: %s is a failure mode's name; read by screen readers. */
  label_button (self->reject_button, _("Reject “%s”"), proposal->name);
  label_button (self->accept_button, _("Accept “%s”"), proposal->name);
  fill_notes (self, note_texts);
  return GTK_WIDGET (self);
}
