/* errata-traces-page-layout.c: the Traces page's header (whose reviews
 * it counts) and its layout: the three panes, and the trace list's width,
 * which the user chooses and a narrow window takes back.

 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "errata-traces-page-private.h"
#include "errata-coding-panel.h"
#include "errata-trace-columns.h"
#include "errata-trace-view.h"

/* Whose reviews the header counts, each said (DESIGN.md, "Labels"): mine
 * first, since the queue is mine; then everyone's reviews made here or
 * merged when others reviewed too; then imported labels, which are not
 * reviews and never count as reviewed. */
char *
_errata_traces_page_format_progress (const ErrataProjectInfo *info)
{
  GString *text = g_string_new (NULL);

  /* Translators: the header of the trace list: how many traces you gave
   * a pass or fail verdict, of how many in the project. */
  g_string_printf (text, _("You reviewed %'" PRId64 " of %'" PRId64),
                   info->reviewed_by_you, info->traces);
  if (info->annotated > info->reviewed_by_you)
    /* Translators: appended to "You reviewed 3 of 40": traces with a
     * verdict from any reviewer, you included. */
    g_string_append_printf (text, _(" · %'" PRId64 " by anyone"), info->annotated);
  if (info->imported > 0)
    /* Translators: appended to the review count: traces whose file came
     * with a pass/fail label (an LLM judge's, say); not reviews. */
    g_string_append_printf (text, ngettext (" · %'" PRId64 " imported label",
                                            " · %'" PRId64 " imported labels",
                                            info->imported),
                            info->imported);
  return g_string_free (text, FALSE);
}

void
_errata_traces_page_update_header (ErrataTracesPage *self)
{
  g_autoptr(GError) error = NULL;
  ErrataProjectInfo info = { 0 };

  g_free (self->subtitle);
  if (!errata_project_get_info (self->project, &info, &error))
    self->subtitle = g_strdup (error->message);
  else
    self->subtitle = _errata_traces_page_format_progress (&info);
  gtk_label_set_text (self->progress_label, self->subtitle);
  g_object_notify (G_OBJECT (self), "subtitle");
}

/* Panes ----------------------------------------------------------------- */

char *
_errata_traces_page_dup_import_command (ErrataProject *project)
{
  g_autofree char *path = g_file_get_path (errata_project_get_file (project));
  g_autofree char *quoted = g_shell_quote (path ? path : "PROJECT");

  /* Translators: FILE stands for the file of traces to import. */
  return g_strdup_printf ("errata-cli import %s %s", quoted, _("FILE"));
}

void
_errata_traces_page_create_panes (ErrataTracesPage *self)
{
  self->trace_view = errata_trace_view_new ();
  gtk_widget_set_hexpand (self->trace_view, TRUE);
  gtk_widget_set_size_request (self->trace_view, 320, -1);
  self->coding_panel = errata_coding_panel_new ();
  gtk_widget_set_size_request (self->coding_panel, 280, -1);
  gtk_paned_set_start_child (self->inner_paned, self->trace_view);
  gtk_paned_set_end_child (self->inner_paned, self->coding_panel);

  g_object_bind_property (self->coding_panel, "first-failure",
                          self->trace_view, "first-failure", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->trace_view, "message-activated",
                           G_CALLBACK (_errata_traces_page_toggle_first_failure), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->coding_panel, "saved",
                           G_CALLBACK (_errata_traces_page_review_changed), self,
                           G_CONNECT_SWAPPED);
  errata_coding_panel_set_undo_stack (ERRATA_CODING_PANEL (self->coding_panel), self->undo_stack);
  g_signal_connect_object (self->undo_stack, "notify::can-undo",
                           G_CALLBACK (_errata_traces_page_update_undo_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo_stack, "notify::can-redo",
                           G_CALLBACK (_errata_traces_page_update_undo_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->coding_panel, "notify::unsaved",
                           G_CALLBACK (_errata_traces_page_update_undo_actions), self,
                           G_CONNECT_SWAPPED);
  _errata_traces_page_update_undo_actions (self);
}

/* The list's width ---------------------------------------------------- */

/* What the conversation should keep before the list gives up any of the
 * width the user chose for it: at 1024 px the list goes down to its
 * minimum and the conversation gets the rest (about 400 px). */
#define CONVERSATION_COMFORT 420

static gboolean
has_list_width_key (ErrataTracesPage *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  return g_settings_schema_has_key (schema, "trace-list-width");
}

/* A width the user dragged the list to is kept; one the page set to make
 * room in a narrow window is not. */
static void
on_list_position (ErrataTracesPage *self)
{
  if (self->placing_list || !has_list_width_key (self))
    return;
  self->list_width = CLAMP (gtk_paned_get_position (self->outer_paned), 200, 2000);
  g_settings_set_int (self->settings, "trace-list-width", self->list_width);
}

void
_errata_traces_page_bind_list_width (ErrataTracesPage *self)
{
  GtkWidget *list = gtk_paned_get_start_child (self->outer_paned);
  int least;

  /* Wider than the .ui's 300 px only where the titles are longer
   * (German's "Eingabe" was cut at 1024 px): the default columns fit
   * without scrolling sideways. */
  gtk_widget_get_size_request (list, &least, NULL);
  gtk_widget_set_size_request (list, MAX (least, errata_trace_columns_get_default_width ()), -1);
  self->list_width = has_list_width_key (self)
                     ? g_settings_get_int (self->settings, "trace-list-width") : 400;
  g_signal_connect_object (self->outer_paned, "notify::position",
                           G_CALLBACK (on_list_position), self, G_CONNECT_SWAPPED);
}

/* The list keeps the user's width while the conversation has its comfort
 * beside it and the review panel, and gives way down to its own minimum
 * when the window is narrower. */
static void
place_list (ErrataTracesPage *self,
            int               width)
{
  int list_min, panel_min, limit, wanted;

  gtk_widget_measure (gtk_paned_get_start_child (self->outer_paned), GTK_ORIENTATION_HORIZONTAL,
                      -1, &list_min, NULL, NULL, NULL);
  gtk_widget_measure (self->coding_panel, GTK_ORIENTATION_HORIZONTAL, -1,
                      &panel_min, NULL, NULL, NULL);
  limit = width - panel_min - CONVERSATION_COMFORT;
  wanted = MAX (MIN (self->list_width, limit), list_min);
  if (wanted == gtk_paned_get_position (self->outer_paned))
    return;
  self->placing_list = TRUE;
  gtk_paned_set_position (self->outer_paned, wanted);
  self->placing_list = FALSE;
}

GtkSizeRequestMode
_errata_traces_page_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (GTK_WIDGET (ERRATA_TRACES_PAGE (widget)->toast_overlay));
}

void
_errata_traces_page_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);

  gtk_widget_measure (GTK_WIDGET (self->toast_overlay), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

void
_errata_traces_page_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  ErrataTracesPage *self = ERRATA_TRACES_PAGE (widget);

  place_list (self, width);
  gtk_widget_allocate (GTK_WIDGET (self->toast_overlay), width, height, baseline, NULL);
}
