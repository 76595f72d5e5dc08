/* errata-coding-panel-others.c: below the form, read only, what other
 * annotators wrote about the trace on show.
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

static guint
fill_other_reviews (ErrataCodingPanel *self,
                    GPtrArray         *annotations)
{
  guint shown = 0;

  for (guint i = 0; i < annotations->len; i++)
    {
      const ErrataAnnotation *annotation = annotations->pdata[i];

      if (g_strcmp0 (annotation->annotator, self->annotator) == 0 ||
          is_empty_review (annotation))
        continue;
      gtk_list_box_append (self->others_list, new_other_row (self, annotation));
      shown++;
    }
  return shown;
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
}
