/* errata-import-file-row.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-import-file-row.h"

#include <glib/gi18n.h>

#include "errata-importer.h"

struct _ErrataImportFileRow
{
  AdwActionRow       parent_instance;

  GFile             *file;
  char              *name;
  ErrataImportProbe *probe;

  GtkImage          *icon;
  GtkImage          *warning_icon;
};

G_DEFINE_FINAL_TYPE (ErrataImportFileRow, errata_import_file_row, ADW_TYPE_ACTION_ROW)

static void
errata_import_file_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ERRATA_TYPE_IMPORT_FILE_ROW);

  G_OBJECT_CLASS (errata_import_file_row_parent_class)->dispose (object);
}

static void
errata_import_file_row_finalize (GObject *object)
{
  ErrataImportFileRow *self = ERRATA_IMPORT_FILE_ROW (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->probe, errata_import_probe_free);

  G_OBJECT_CLASS (errata_import_file_row_parent_class)->finalize (object);
}

static void
errata_import_file_row_class_init (ErrataImportFileRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_import_file_row_dispose;
  object_class->finalize = errata_import_file_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-import-file-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataImportFileRow, icon);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportFileRow, warning_icon);
}

static void
errata_import_file_row_init (ErrataImportFileRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static char *
dup_display_basename (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return base ? g_filename_display_name (base) : g_file_get_parse_name (file);
}

ErrataImportFileRow *
errata_import_file_row_new (GFile *file)
{
  ErrataImportFileRow *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (ERRATA_TYPE_IMPORT_FILE_ROW, NULL);
  self->file = g_object_ref (file);
  self->name = dup_display_basename (file);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), self->name);
  return self;
}

GFile *
errata_import_file_row_get_file (ErrataImportFileRow *self)
{
  g_return_val_if_fail (ERRATA_IS_IMPORT_FILE_ROW (self), NULL);
  return self->file;
}

const char *
errata_import_file_row_get_name (ErrataImportFileRow *self)
{
  g_return_val_if_fail (ERRATA_IS_IMPORT_FILE_ROW (self), NULL);
  return self->name;
}

ErrataImportProbe *
errata_import_file_row_get_probe (ErrataImportFileRow *self)
{
  g_return_val_if_fail (ERRATA_IS_IMPORT_FILE_ROW (self), NULL);
  return self->probe;
}

void
errata_import_file_row_set_probe (ErrataImportFileRow *self,
                                  ErrataImportProbe   *probe)
{
  const GError *error;

  g_return_if_fail (ERRATA_IS_IMPORT_FILE_ROW (self));
  g_return_if_fail (probe != NULL);

  g_clear_pointer (&self->probe, errata_import_probe_free);
  self->probe = probe;
  if (errata_import_probe_is_folder (probe))
    gtk_image_set_from_icon_name (self->icon, "folder-symbolic");
  error = errata_import_probe_get_error (probe);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_icon), error != NULL);
  if (error == NULL)
    return;
  gtk_widget_add_css_class (GTK_WIDGET (self->warning_icon),
                            errata_import_probe_blocks_import (probe) ? "error" : "warning");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->warning_icon), error->message);
}

ErrataImportFormat
errata_import_file_row_get_format (ErrataImportFileRow *self,
                                   ErrataImportFormat   chosen)
{
  g_return_val_if_fail (ERRATA_IS_IMPORT_FILE_ROW (self), ERRATA_IMPORT_FORMAT_AUTO);

  if (chosen != ERRATA_IMPORT_FORMAT_AUTO)
    return chosen;
  if (self->probe == NULL)
    return ERRATA_IMPORT_FORMAT_AUTO;
  return errata_import_probe_get_format (self->probe);
}

gboolean
errata_import_file_row_blocks_import (ErrataImportFileRow *self)
{
  g_return_val_if_fail (ERRATA_IS_IMPORT_FILE_ROW (self), FALSE);
  return self->probe != NULL && errata_import_probe_blocks_import (self->probe);
}

static char *
describe (ErrataImportFileRow *self,
          ErrataImportFormat   chosen)
{
  g_autofree char *size = NULL;
  ErrataImportFormat detected;

  if (self->probe == NULL)
    return g_strdup (_("Looking at the file…"));
  if (errata_import_probe_get_error (self->probe) != NULL)
    return g_strdup (errata_import_probe_get_error (self->probe)->message);

  detected = errata_import_probe_get_format (self->probe);
  size = errata_import_probe_is_folder (self->probe)
         ? g_strdup (_("Folder")) : g_format_size (errata_import_probe_get_size (self->probe));
  if (chosen != ERRATA_IMPORT_FORMAT_AUTO && chosen != detected)
    /* Translators: “12.3 kB · detected as OpenAI chat, imported as Mapped fields”. */
    return g_strdup_printf (_("%s · detected as %s, imported as %s"), size,
                            errata_import_format_get_choice_name (detected),
                            errata_import_format_get_choice_name (chosen));
  if (errata_import_format_needs_mapping (detected))
    /* Translators: “12.3 kB · not a known format: its fields are mapped below”. */
    return g_strdup_printf (_("%s · not a known format: map its fields below"), size);
  /* Translators: “12.3 kB · OpenAI chat”: the file's size and format. */
  return g_strdup_printf (_("%s · %s"), size, errata_import_format_get_choice_name (detected));
}

void
errata_import_file_row_describe (ErrataImportFileRow *self,
                                 ErrataImportFormat   chosen)
{
  g_autofree char *subtitle = NULL;

  g_return_if_fail (ERRATA_IS_IMPORT_FILE_ROW (self));

  subtitle = describe (self, chosen);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
}
