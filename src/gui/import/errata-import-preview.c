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
#include <string.h>

#include "errata-importer.h"

#define SNIPPET_CHARS 160

struct _ErrataImportPreview
{
  AdwPreferencesGroup  parent_instance;

  GtkListBox          *list;
  guint                n_records;
  guint                n_good;
  char                *first_problem;   /* why the first skipped record is skipped */
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

/* What a user calls each role, in ErrataField order. */
static const char *
role_title (ErrataField field)
{
  switch (field)
    {
    case ERRATA_FIELD_ID:
      return _("Id");
    case ERRATA_FIELD_INPUT:
      return _("Input");
    case ERRATA_FIELD_OUTPUT:
      return _("Output");
    case ERRATA_FIELD_MESSAGES:
      return _("Messages");
    case ERRATA_FIELD_NOTE:
      return _("Note");
    case ERRATA_FIELD_VERDICT:
      return _("Verdict");
    case N_ERRATA_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* "4 messages: user, assistant, tool search_recipes, assistant". */
static char *
describe_messages (ErrataTrace *trace)
{
  JsonArray *messages = errata_trace_get_messages (trace);
  guint n = messages ? json_array_get_length (messages) : 0;
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_printf (text, ngettext ("%u message", "%u messages", n), n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *message = json_array_get_object_element (messages, i);
      const char *role = json_object_get_string_member_with_default (message, "role", "?");
      const char *name = json_object_get_string_member_with_default (message, "name", NULL);

      g_string_append (text, i == 0 ? ": " : ", ");
      g_string_append (text, role);
      if (name != NULL)
        g_string_append_printf (text, " %s", name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
describe_verdict (ErrataAnnotation *label)
{
  if (label == NULL || label->verdict == ERRATA_VERDICT_UNSET)
    /* Translators: a preview of a record whose verdict field says neither pass nor fail. */
    return _("(none)");
  return label->verdict == ERRATA_VERDICT_PASS ? _("Pass") : _("Fail");
}

static char *
field_value (ErrataField       field,
             ErrataTrace      *trace,
             ErrataAnnotation *label)
{
  switch (field)
    {
    case ERRATA_FIELD_ID:
      return g_strdup (errata_trace_get_external_id (trace));
    case ERRATA_FIELD_INPUT:
      return g_strdup (errata_trace_get_input (trace));
    case ERRATA_FIELD_OUTPUT:
      return g_strdup (errata_trace_get_output (trace));
    case ERRATA_FIELD_MESSAGES:
      return describe_messages (trace);
    case ERRATA_FIELD_NOTE:
      return g_strdup (label != NULL ? label->note : "");
    case ERRATA_FIELD_VERDICT:
      return g_strdup (describe_verdict (label));
    case N_ERRATA_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* Where a mapped field first appears among the file's fields. */
static guint
field_position (ErrataImportSample *sample,
                const char         *path)
{
  const char * const *fields = errata_import_sample_get_fields (sample);

  for (guint i = 0; fields[i] != NULL; i++)
    if (g_str_equal (fields[i], path))
      return i;
  return G_MAXUINT;
}

/* The mapped roles in the order their fields come in the file, so the
 * preview reads like the file's columns; without a mapping, the input,
 * the output and the messages. */
static guint
list_fields (ErrataImportSample *sample,
             ErrataFieldMap     *map,
             ErrataField        *out)
{
  guint n = 0;

  if (map == NULL)
    {
      out[n++] = ERRATA_FIELD_INPUT;
      out[n++] = ERRATA_FIELD_OUTPUT;
      out[n++] = ERRATA_FIELD_MESSAGES;
      return n;
    }
  for (guint field = 0; field < N_ERRATA_FIELDS; field++)
    if (errata_field_map_get (map, field) != NULL)
      out[n++] = field;
  /* A handful of items: an insertion sort. Fields not in the sample's
   * list (positions G_MAXUINT) keep their order at the end. */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && field_position (sample, errata_field_map_get (map, out[j - 1]))
                               > field_position (sample, errata_field_map_get (map, out[j])); j--)
      {
        ErrataField swap = out[j];

        out[j] = out[j - 1];
        out[j - 1] = swap;
      }
  return n;
}

static GtkWidget *
new_trace_grid (ErrataImportSample *sample,
                ErrataFieldMap     *map,
                ErrataTrace        *trace,
                ErrataAnnotation   *label)
{
  GtkWidget *grid = gtk_grid_new ();
  ErrataField fields[N_ERRATA_FIELDS];
  guint n = list_fields (sample, map, fields);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = field_value (fields[i], trace, label);

      add_snippet (GTK_GRID (grid), i, role_title (fields[i]), value);
    }
  /* A conversation mapped alone: what it asks and answers, as the trace
   * list will show them. */
  if (map != NULL && errata_field_map_get (map, ERRATA_FIELD_MESSAGES) != NULL
      && errata_field_map_get (map, ERRATA_FIELD_INPUT) == NULL
      && errata_field_map_get (map, ERRATA_FIELD_OUTPUT) == NULL)
    {
      add_snippet (GTK_GRID (grid), n, _("Input"), errata_trace_get_input (trace));
      add_snippet (GTK_GRID (grid), n + 1, _("Output"), errata_trace_get_output (trace));
    }
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
                ErrataFieldMap     *map,
                ErrataTrace        *trace,
                ErrataAnnotation   *label,
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
  gtk_box_append (GTK_BOX (box), trace != NULL ? new_trace_grid (sample, map, trace, label)
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

static void
forget_counts (ErrataImportPreview *self)
{
  self->n_records = 0;
  self->n_good = 0;
  g_clear_pointer (&self->first_problem, g_free);
}

void
errata_import_preview_show (ErrataImportPreview *self,
                            const char          *name,
                            ErrataImportSample  *sample,
                            ErrataImportFormat   format,
                            ErrataFieldMap      *map)
{
  /* The importer only gets the map for mapped files: other converters
   * would read the messages field from it. */
  ErrataFieldMap *used_map = errata_import_format_needs_mapping (format) ? map : NULL;
  guint n;

  g_return_if_fail (ERRATA_IS_IMPORT_PREVIEW (self));

  clear_list (self->list);
  forget_counts (self);
  gtk_widget_set_visible (GTK_WIDGET (self), sample != NULL);
  if (sample == NULL)
    return;

  n = errata_import_sample_get_n_records (sample);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ErrataTrace) trace = NULL;
      g_autoptr(ErrataAnnotation) label = NULL;

      trace = errata_import_sample_convert_labelled (sample, i, format, used_map, &label, &error);
      if (trace == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        {
          /* Spans: one explanation for the whole preview, not one per record. */
          clear_list (self->list);
          forget_counts (self);
          gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
          return;
        }
      self->n_good += trace != NULL;
      if (trace == NULL && self->first_problem == NULL)
        self->first_problem = g_strdup (error->message);
      gtk_list_box_append (self->list, new_record_row (sample, i, used_map, trace, label, error));
    }
  self->n_records = n;
  set_description (self, name, n, self->n_good);
}

char *
errata_import_preview_dup_blocking_reason (ErrataImportPreview *self,
                                           const char          *name)
{
  g_autofree char *problem = NULL;
  gsize len;

  g_return_val_if_fail (ERRATA_IS_IMPORT_PREVIEW (self), NULL);

  if (self->n_records == 0 || self->n_good > 0)
    return NULL;
  problem = g_strdup (self->first_problem);
  len = strlen (problem);
  if (len > 0 && problem[len - 1] == '.')
    problem[len - 1] = '\0';
  if (self->n_records == 1)
    /* Translators: a file name, then why its record is skipped. */
    return g_strdup_printf (_("The first record of %s cannot be imported this way: %s."),
                            name, problem);
  /* Translators: a number of records (2 or more), a file name, then why
   * the first of them is skipped. */
  return g_strdup_printf (ngettext ("None of the first %u records of %s can be imported this "
                                    "way. The first one: %s.",
                                    "None of the first %u records of %s can be imported this "
                                    "way. The first one: %s.", self->n_records),
                          self->n_records, name, problem);
}

static void
errata_import_preview_dispose (GObject *object)
{
  forget_counts (ERRATA_IMPORT_PREVIEW (object));
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
