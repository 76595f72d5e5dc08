/* errata-import-summary.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-import-summary.h"

#include <glib/gi18n.h>

#include "errata-import-file-row.h"

/* A longer list is slow to lay out and no easier to read; Copy has all. */
#define MAX_PROBLEM_ROWS 200

struct _ErrataImportSummary
{
  GtkBox               parent_instance;

  GList               *format_rows;     /* rows added to the formats group */

  GtkImage            *icon;
  GtkLabel            *title;
  GtkLabel            *description;
  GtkBox              *stats_box;
  AdwPreferencesGroup *formats_group;
  AdwPreferencesGroup *problems_group;
  GtkListBox          *problem_list;
};

G_DEFINE_FINAL_TYPE (ErrataImportSummary, errata_import_summary, GTK_TYPE_BOX)

static GtkWidget *
new_label (const char *text,
           const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static void
add_format_row (ErrataImportSummary *self,
                const char          *title,
                const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = new_label (value, "numeric");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (self->formats_group, row);
  self->format_rows = g_list_prepend (self->format_rows, row);
}

/* A number over its caption: four of them read at a glance, where four
 * rows would push the skipped records out of sight. */
static void
add_stat (ErrataImportSummary *self,
          const char          *name,
          const char          *caption,
          guint                count)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  g_autofree char *value = g_strdup_printf ("%u", count);
  GtkWidget *number = gtk_label_new (value);
  GtkWidget *label = gtk_label_new (caption);

  gtk_widget_set_name (box, name);
  gtk_widget_add_css_class (number, "title-2");
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (self->stats_box, box);
}

static void
clear (ErrataImportSummary *self)
{
  GtkWidget *child;

  for (GList *l = self->format_rows; l != NULL; l = l->next)
    adw_preferences_group_remove (self->formats_group, l->data);
  g_clear_pointer (&self->format_rows, g_list_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problem_list))))
    gtk_list_box_remove (self->problem_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stats_box))))
    gtk_box_remove (self->stats_box, child);
}

static char *
describe_problem_place (const ErrataImportProblem *problem)
{
  if (problem->record == 0)
    return g_strdup (problem->file);
  if (problem->line == 0)
    /* Translators: “data.jsonl · record 7”. */
    return g_strdup_printf (_("%s · record %u"), problem->file, problem->record);
  /* Translators: “data.jsonl · record 7 · line 12”. */
  return g_strdup_printf (_("%s · record %u · line %u"), problem->file, problem->record,
                          problem->line);
}

static GtkWidget *
new_problem_row (const char *place,
                 const char *reason)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *where = new_label (place, "caption");
  GtkWidget *why = new_label (reason, NULL);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_widget_add_css_class (where, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (why), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (why), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (why), TRUE);
  gtk_box_append (GTK_BOX (box), where);
  gtk_box_append (GTK_BOX (box), why);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
fill_problems (ErrataImportSummary *self,
               GPtrArray           *problems)
{
  guint shown = MIN (problems->len, MAX_PROBLEM_ROWS);

  for (guint i = 0; i < shown; i++)
    {
      const ErrataImportProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *place = describe_problem_place (problem);

      gtk_list_box_append (self->problem_list, new_problem_row (place, problem->reason));
    }
  if (problems->len > shown)
    {
      g_autofree char *more = NULL;

      more = g_strdup_printf (ngettext ("and %u more: the copy button copies them all",
                                        "and %u more: the copy button copies them all",
                                        problems->len - shown), problems->len - shown);
      gtk_list_box_append (self->problem_list, new_problem_row ("", more));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), problems->len > 0);
}

static guint
row_n_files (ErrataImportFileRow *row)
{
  ErrataImportProbe *probe = errata_import_file_row_get_probe (row);

  return probe != NULL ? errata_import_probe_get_n_files (probe) : 0;
}

/* One row per file or folder the user chose, in import order; each stands
 * for n_files files of the report. */
static gboolean
fill_formats_by_row (ErrataImportSummary *self,
                     ErrataImportReport  *report,
                     GPtrArray           *rows)
{
  guint n = errata_import_report_get_n_files (report);
  guint index = 0;

  for (guint i = 0; i < rows->len; i++)
    index += row_n_files (g_ptr_array_index (rows, i));
  if (index != n)
    return FALSE;

  index = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      ErrataImportFileRow *row = g_ptr_array_index (rows, i);
      const char *name = errata_import_file_row_get_name (row);
      guint n_files = row_n_files (row);
      g_autofree char *title = NULL;

      if (n_files == 0)
        continue;
      title = errata_import_probe_is_folder (errata_import_file_row_get_probe (row))
              /* Translators: a folder and how many files of it were read. */
              ? g_strdup_printf (ngettext ("%s (%u file)", "%s (%u files)", n_files), name, n_files)
              : g_strdup (name);
      add_format_row (self, title, errata_import_report_get_format_name (report, index));
      index += n_files;
    }
  return TRUE;
}

static void
fill_formats (ErrataImportSummary *self,
              ErrataImportReport  *report,
              GPtrArray           *rows)
{
  guint n = errata_import_report_get_n_files (report);

  /* Files that changed since the dialog looked at them: formats alone. */
  if (!fill_formats_by_row (self, report, rows))
    for (guint i = 0; i < n; i++)
      {
        /* Translators: “File 2”, when the name is not known. */
        g_autofree char *title = g_strdup_printf (_("File %u"), i + 1);

        add_format_row (self, title, errata_import_report_get_format_name (report, i));
      }
  gtk_widget_set_visible (GTK_WIDGET (self->formats_group), n > 0);
}

static void
set_heading (ErrataImportSummary *self,
             const char          *icon,
             const char          *style,
             const char          *title,
             const char          *description)
{
  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), style);
  gtk_label_set_text (self->title, title);
  gtk_label_set_text (self->description, description);
}

static char *
describe_report (ErrataImportReport *report)
{
  guint added = errata_import_report_get_n_added (report);
  guint skipped = errata_import_report_get_n_skipped (report);
  g_autofree char *added_text = NULL;

  added_text = g_strdup_printf (ngettext ("%u new trace is in the project.",
                                          "%u new traces are in the project.", added), added);
  if (skipped == 0)
    return g_steal_pointer (&added_text);
  return g_strdup_printf (ngettext ("%s %u record was skipped: the list below says why.",
                                    "%s %u records were skipped: the list below says why.",
                                    skipped), added_text, skipped);
}

void
errata_import_summary_show_report (ErrataImportSummary *self,
                                   ErrataImportReport  *report,
                                   GPtrArray           *rows)
{
  g_autofree char *description = NULL;
  gboolean any;

  g_return_if_fail (ERRATA_IS_IMPORT_SUMMARY (self));
  g_return_if_fail (ERRATA_IS_IMPORT_REPORT (report));
  g_return_if_fail (rows != NULL);

  description = describe_report (report);
  any = errata_import_report_get_n_added (report) + errata_import_report_get_n_duplicates (report) > 0;
  clear (self);
  set_heading (self, any ? "emblem-ok-symbolic" : "dialog-warning-symbolic",
               any ? "success" : "warning",
               any ? _("Import Complete") : _("Nothing Imported"), description);
  /* Translators: counts of records under the numbers in the import summary. */
  add_stat (self, "stat-added", _("Added"), errata_import_report_get_n_added (report));
  add_stat (self, "stat-duplicates", _("Already in the project"),
            errata_import_report_get_n_duplicates (report));
  add_stat (self, "stat-skipped", _("Skipped"), errata_import_report_get_n_skipped (report));
  add_stat (self, "stat-notes", _("Notes"), errata_import_report_get_n_notes (report));
  /* Translators: pass/fail verdicts that came in the file (a judge's,
   * say): labels, not anyone's review. */
  add_stat (self, "stat-labels", _("Imported Labels"), errata_import_report_get_n_labels (report));
  gtk_widget_set_visible (GTK_WIDGET (self->stats_box), TRUE);
  fill_formats (self, report, rows);
  fill_problems (self, errata_import_report_get_problems (report));
}

void
errata_import_summary_show_stopped (ErrataImportSummary *self,
                                    const GError        *error,
                                    guint                kept)
{
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_autofree char *kept_text = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  g_return_if_fail (ERRATA_IS_IMPORT_SUMMARY (self));
  g_return_if_fail (error != NULL);

  if (kept == 0)
    kept_text = g_strdup (_("Nothing was added to the project."));
  else
    kept_text = g_strdup_printf (ngettext ("%u trace was saved before the import stopped; "
                                           "it stays in the project.",
                                           "%u traces were saved before the import stopped; "
                                           "they stay in the project.", kept), kept);
  description = cancelled ? g_strdup (kept_text)
                          : g_strdup_printf ("%s\n\n%s", error->message, kept_text);

  clear (self);
  set_heading (self, cancelled ? "process-stop-symbolic" : "dialog-error-symbolic",
               cancelled ? "dim-label" : "error",
               cancelled ? _("Import Cancelled") : _("Import Failed"), description);
  gtk_widget_set_visible (GTK_WIDGET (self->stats_box), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->formats_group), FALSE);
  fill_problems (self, none);
}

static void
errata_import_summary_dispose (GObject *object)
{
  ErrataImportSummary *self = ERRATA_IMPORT_SUMMARY (object);

  g_clear_pointer (&self->format_rows, g_list_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_IMPORT_SUMMARY);

  G_OBJECT_CLASS (errata_import_summary_parent_class)->dispose (object);
}

static void
errata_import_summary_class_init (ErrataImportSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_import_summary_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-import-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataImportSummary, icon);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportSummary, title);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportSummary, description);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportSummary, stats_box);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportSummary, formats_group);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportSummary, problems_group);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportSummary, problem_list);
}

static void
errata_import_summary_init (ErrataImportSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
