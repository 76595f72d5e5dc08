/* errata-coding-panel-others.c: below the form, read only, what other
 * annotators wrote about the trace on show, and imported labels.
 *
 * Blind review (the default, the blind-review setting): until my own
 * verdict for the trace is saved, only how many others reviewed it shows,
 * not what they said, and the labels per failure mode (which read from
 * their reviews) stay folded away; anchoring on a colleague's verdict
 * would spoil the agreement figures.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-coding-panel-private.h"

static GtkWidget *
new_caption (const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Names and notes come from the project file: never markup. */
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
new_other_header (const ErrataAnnotation *annotation)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name;
  GtkWidget *verdict;

  if (annotation->origin == ERRATA_ORIGIN_IMPORTED)
    {
      /* Translators: an imported label's source (a file name, or the
       * name given with --annotator): a label, not a review. */
      g_autofree char *text = g_strdup_printf (_("Imported label · %s"), annotation->annotator);

      name = new_caption (text, "caption-heading");
    }
  else
    name = new_caption (*annotation->annotator ? annotation->annotator : _("Unnamed reviewer"),
                        "caption-heading");
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);

  if (annotation->verdict == ERRATA_VERDICT_PASS)
    verdict = new_caption (_("Pass"), "success");
  else if (annotation->verdict == ERRATA_VERDICT_FAIL)
    verdict = new_caption (_("Fail"), "error");
  else
    verdict = new_caption (_("No verdict"), "dim-label");
  gtk_box_append (GTK_BOX (box), verdict);
  return box;
}

static GtkWidget *
new_other_row (ErrataCodingPanel      *self,
               const ErrataAnnotation *annotation)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (box, "other-review");
  gtk_box_append (GTK_BOX (box), new_other_header (annotation));
  if (annotation->note != NULL && *annotation->note != '\0')
    {
      GtkWidget *note = gtk_label_new (NULL);

      gtk_label_set_text (GTK_LABEL (note), annotation->note);
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (note), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_widget_add_css_class (note, "other-review-note");
      gtk_box_append (GTK_BOX (box), note);
    }
  if (annotation->first_failure >= 0)
    {
      g_autofree char *where = _errata_coding_panel_dup_first_failure_text (self->trace, annotation->first_failure);
      /* Translators: %s is "Message 3 (assistant)" or "Message 3". */
      g_autofree char *text = g_strdup_printf (_("First failure: %s"), where);

      gtk_box_append (GTK_BOX (box), new_caption (text, "dim-label"));
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

/* A row left behind after clearing a verdict says nothing: not a review. */
static gboolean
is_empty_review (const ErrataAnnotation *annotation)
{
  return annotation->verdict == ERRATA_VERDICT_UNSET && annotation->first_failure < 0 &&
         (annotation->note == NULL || *annotation->note == '\0');
}

static void
clear_other_reviews (ErrataCodingPanel *self)
{
  GtkWidget *child;

  /* gtk_list_box_remove_all() is GTK 4.12. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->others_list))) != NULL)
    gtk_list_box_remove (self->others_list, child);
}

static gboolean
is_mine (ErrataCodingPanel      *self,
         const ErrataAnnotation *annotation)
{
  return annotation->origin != ERRATA_ORIGIN_IMPORTED &&
         g_strcmp0 (annotation->annotator, self->annotator) == 0;
}

/**
 * _errata_coding_panel_is_blind:
 *
 * Whether others' reviews are hidden on the trace on show: blind review
 * is on and my verdict for it is not saved yet.
 */
gboolean
_errata_coding_panel_is_blind (ErrataCodingPanel *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  gboolean reviewed = self->verdict != ERRATA_VERDICT_UNSET &&
                      self->save_state == SAVE_STATE_SAVED;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (reviewed || !g_settings_schema_has_key (schema, "blind-review"))
    return FALSE;
  return g_settings_get_boolean (self->settings, "blind-review");
}

/* Under blind review, one line instead of the reviews: that they exist
 * (so nobody thinks they are the only reviewer), not what they say. */
static void
append_blind_line (ErrataCodingPanel *self,
                   guint              n_reviews,
                   guint              n_labels)
{
  g_autofree char *what = NULL;
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (n_reviews > 0 && n_labels > 0)
    what = g_strdup_printf (ngettext ("%u other reviewer reviewed this trace, and it has an imported label.",
                                      "%u other reviewers reviewed this trace, and it has an imported label.",
                                      n_reviews), n_reviews);
  else if (n_reviews > 0)
    what = g_strdup_printf (ngettext ("%u other reviewer reviewed this trace.",
                                      "%u other reviewers reviewed this trace.", n_reviews),
                            n_reviews);
  else
    what = g_strdup (_("This trace has an imported label."));
  /* Translators: under blind review; %s is "2 other reviewers reviewed
   * this trace." or "This trace has an imported label.". */
  text = g_strdup_printf (_("%s Shown once you have saved your verdict (blind review; "
                            "Preferences turns it off)."), what);
  label = new_caption (text, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "other-review");
  gtk_widget_add_css_class (label, "blind-review");
  gtk_list_box_append (self->others_list, label);
}

static guint
fill_other_reviews (ErrataCodingPanel *self,
                    GPtrArray         *annotations)
{
  gboolean blind = _errata_coding_panel_is_blind (self);
  guint n_reviews = 0;
  guint n_labels = 0;

  for (guint i = 0; i < annotations->len; i++)
    {
      const ErrataAnnotation *annotation = annotations->pdata[i];

      if (is_mine (self, annotation) || is_empty_review (annotation))
        continue;
      if (annotation->origin == ERRATA_ORIGIN_IMPORTED)
        n_labels++;
      else
        n_reviews++;
      if (!blind)
        gtk_list_box_append (self->others_list, new_other_row (self, annotation));
    }
  if (blind && n_reviews + n_labels > 0)
    append_blind_line (self, n_reviews, n_labels);
  return n_reviews + n_labels;
}

void
_errata_coding_panel_update_other_reviews (ErrataCodingPanel *self)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  guint shown = 0;

  clear_other_reviews (self);
  if (self->project != NULL && self->trace != NULL)
    annotations = errata_project_list_annotations (self->project,
                                                   errata_trace_get_id (self->trace), &error);
  if (annotations != NULL)
    shown = fill_other_reviews (self, annotations);
  else if (error != NULL)
    {
      /* Translators: %s says why the other annotators' reviews could not be read. */
      g_autofree char *text = g_strdup_printf (_("Could not read the other reviews: %s"),
                                               error->message);
      GtkWidget *label = new_caption (text, "error");

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "other-review");
      gtk_list_box_append (self->others_list, label);
      shown = 1;
    }
  gtk_widget_set_visible (self->others_box, shown > 0);
  /* The labels per mode read from others' reviews too. */
  gtk_widget_set_visible (self->mode_labels_box, !_errata_coding_panel_is_blind (self));
  /* So do the disputes, blind or not on the same terms. */
  _errata_coding_panel_update_adjudication (self);
}
