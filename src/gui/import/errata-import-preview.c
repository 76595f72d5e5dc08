/* errata-import-preview.c
 *
 * The preview converts a handful of records already in memory, which is
 * cheap enough to redo on the main thread at each change of the mapping.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-import-preview.h"

#include <glib/gi18n.h>

#include "errata-importer.h"

#define SNIPPET_CHARS 160

struct _ErrataImportPreview
{
  AdwPreferencesGroup  parent_instance;

  GtkListBox          *list;
};

G_DEFINE_FINAL_TYPE (ErrataImportPreview, errata_import_preview, ADW_TYPE_PREFERENCES_GROUP)

/* One line of at most SNIPPET_CHARS characters: newlines and runs of
 * spaces would make the preview rows jump in height. */
static char *
make_snippet (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;
  guint n = 0;

  for (const char *p = text; p != NULL && *p != '\0' && n < SNIPPET_CHARS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
      n++;
    }
  if (n == SNIPPET_CHARS)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

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
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static void
add_snippet (GtkGrid    *grid,
             int         row,
             const char *role,
             const char *text)
{
  g_autofree char *snippet = make_snippet (text);
  GtkWidget *value;

  gtk_grid_attach (grid, new_label (role, "dim-label"), 0, row, 1, 1);
  /* Translators: a preview of a record whose input or output is empty. */
  value = new_label (*snippet ? snippet : _("(empty)"), *snippet ? NULL : "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_grid_attach (grid, value, 1, row, 1, 1);
}

static GtkWidget *
new_trace_grid (ErrataTrace *trace)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  add_snippet (GTK_GRID (grid), 0, _("Input"), errata_trace_get_input (trace));
  add_snippet (GTK_GRID (grid), 1, _("Output"), errata_trace_get_output (trace));
  return grid;
}

static GtkWidget *
new_skipped_label (GtkBox       *header,
                   const GError *error)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  g_autofree char *text = g_strdup_printf (_("Skipped: %s"), error->message);
  GtkWidget *reason = new_label (text, NULL);

  gtk_widget_add_css_class (icon, "warning");
  gtk_box_prepend (header, icon);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
  return reason;
}

static GtkWidget *
new_record_row (ErrataImportSample *sample,
                guint               index,
                ErrataTrace        *trace,
                const GError       *error)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *where = NULL;
  GtkWidget *row;

  /* Translators: where a record is in its file. */
  where = g_strdup_printf (_("Record %u · line %u"), errata_import_sample_get_number (sample, index),
                           errata_import_sample_get_line (sample, index));
  gtk_box_append (GTK_BOX (header), new_label (where, "caption-heading"));
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), trace != NULL ? new_trace_grid (trace)
                                               : new_skipped_label (GTK_BOX (header), error));

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
set_description (ErrataImportPreview *self,
                 const char          *name,
                 guint                n_records,
                 guint                n_good)
{
  g_autofree char *text = NULL;

  /* Translators: “The first records of chat.jsonl, as they will be
   * imported: 3 of 5 can be imported.” */
  text = g_strdup_printf (_("The first records of %s, as they will be imported: "
                            "%u of %u can be imported."), name, n_good, n_records);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), text);
}

void
errata_import_preview_show (ErrataImportPreview *self,
                            const char          *name,
                            ErrataImportSample  *sample,
                            ErrataImportFormat   format,
                            ErrataFieldMap      *map)
{
  guint n;
  guint good = 0;

  g_return_if_fail (ERRATA_IS_IMPORT_PREVIEW (self));

  clear_list (self->list);
  gtk_widget_set_visible (GTK_WIDGET (self), sample != NULL);
  if (sample == NULL)
    return;

  n = errata_import_sample_get_n_records (sample);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ErrataTrace) trace = NULL;

      /* The importer only gets the map for mapped files: other converters
       * would read the messages field from it. */
      trace = errata_import_sample_convert (sample, i, format,
                                            errata_import_format_needs_mapping (format) ? map : NULL,
                                            &error);
      if (trace == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        {
          /* Spans: one explanation for the whole preview, not one per record. */
          clear_list (self->list);
          gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
          return;
        }
      good += trace != NULL;
      gtk_list_box_append (self->list, new_record_row (sample, i, trace, error));
    }
  set_description (self, name, n, good);
}

static void
errata_import_preview_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ERRATA_TYPE_IMPORT_PREVIEW);

  G_OBJECT_CLASS (errata_import_preview_parent_class)->dispose (object);
}

static void
errata_import_preview_class_init (ErrataImportPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_import_preview_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-import-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataImportPreview, list);
}

static void
errata_import_preview_init (ErrataImportPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
