/* errata-experiments-page-flip.c: a flip's two replies side by side, the
 * words only one of them has marked (errata-text-diff.h): struck through
 * in the baseline's, highlighted in the candidate's, so the marks do not
 * rest on colour alone.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-experiments-page-private.h"

#include <glib/gi18n.h>

#include "errata-text-diff.h"

static void
add_tags (GtkTextBuffer *buffer)
{
  gtk_text_buffer_create_tag (buffer, "removed", "strikethrough", TRUE,
                              "background-rgba", &(GdkRGBA){ 0.88, 0.11, 0.14, 0.25 }, NULL);
  gtk_text_buffer_create_tag (buffer, "added", "underline", PANGO_UNDERLINE_SINGLE,
                              "background-rgba", &(GdkRGBA){ 0.15, 0.64, 0.41, 0.25 }, NULL);
}

/* One side: the shared words and the side's own, marked. */
static GtkWidget *
reply_view (GPtrArray          *spans,
            ErrataTextDiffKind  own)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter end;

  add_tags (buffer);
  for (guint i = 0; i < spans->len; i++)
    {
      ErrataTextDiffSpan *span = g_ptr_array_index (spans, i);

      gtk_text_buffer_get_end_iter (buffer, &end);
      if (span->kind == ERRATA_TEXT_DIFF_SAME)
        gtk_text_buffer_insert (buffer, &end, span->text, -1);
      else if (span->kind == own)
        gtk_text_buffer_insert_with_tags_by_name (buffer, &end, span->text, -1,
                                                  own == ERRATA_TEXT_DIFF_REMOVED ? "removed" : "added",
                                                  NULL);
    }
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  return view;
}

static GtkWidget *
side (const char *heading,
      GtkWidget  *view)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = _errata_experiments_cell (heading, "heading");
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), scroller);
  return box;
}

GtkWidget *
_errata_experiments_flip_window_new (GtkWindow  *parent,
                                     const char *query,
                                     const char *baseline_name,
                                     const char *baseline_reply,
                                     const char *candidate_name,
                                     const char *candidate_reply)
{
  g_autoptr(GPtrArray) spans = errata_text_diff_words (baseline_reply, candidate_reply);
  GtkWidget *window = adw_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *question = _errata_experiments_cell (query, NULL);
  GtkWidget *legend = _errata_experiments_cell (_("Struck through: only in the baseline’s reply. "
                                                  "Underlined: only in the candidate’s."),
                                                "dim-label");
  GtkEventController *keys = gtk_shortcut_controller_new ();
  /* Translators: the heading of a reply: "Baseline: v1". */
  g_autofree char *left = g_strdup_printf (_("Baseline: %s"), baseline_name);
  /* Translators: the heading of a reply: "Candidate: v2". */
  g_autofree char *right = g_strdup_printf (_("Candidate: %s"), candidate_name);

  gtk_window_set_title (GTK_WINDOW (window), _("Two Replies"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  /* The application's own window, closed with it. */
  gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (parent));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 520);
  gtk_label_set_wrap (GTK_LABEL (question), TRUE);
  gtk_label_set_selectable (GTK_LABEL (question), TRUE);
  gtk_box_append (GTK_BOX (sides), side (left, reply_view (spans, ERRATA_TEXT_DIFF_REMOVED)));
  gtk_box_append (GTK_BOX (sides), side (right, reply_view (spans, ERRATA_TEXT_DIFF_ADDED)));
  gtk_box_append (GTK_BOX (body), question);
  gtk_box_append (GTK_BOX (body), sides);
  gtk_box_append (GTK_BOX (body), legend);
  gtk_widget_set_margin_top (body, 12);
  gtk_widget_set_margin_bottom (body, 12);
  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (content), body);
  adw_window_set_content (ADW_WINDOW (window), content);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, keys);
  return window;
}
