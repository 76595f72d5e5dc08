/* errata-import-dialog.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three pages in a stack: setup (the files, their detected format, an
 * "Import As" choice, a field mapping and a preview of the first records),
 * progress, and a summary with the skipped records. Everything that reads
 * files runs in a thread: the formats and first records are probed once
 * when the dialog opens, the import itself is errata_importer_import_async.
 * The preview converts a handful of records already in memory, which is
 * cheap enough to redo on the main thread at each change of the mapping.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-import-dialog.h"
#include "errata-import-sample.h"
#include "errata-importer.h"

#define PREVIEW_RECORDS 5
/* A longer list is slow to lay out and no easier to read; Copy has all. */
#define MAX_PROBLEM_ROWS 200
#define SNIPPET_CHARS 160

typedef enum
{
  STATE_SETUP,
  STATE_RUNNING,
  STATE_DONE,
} DialogState;

/* One file (or folder) to import. The probe fields are filled in by the
 * probe thread and only read on the main thread afterwards. */
typedef struct
{
  GFile              *file;
  char               *name;
  gboolean            probed;
  gboolean            is_folder;
  guint               n_files;   /* a folder's .json files, as the importer reads them */
  guint64             size;
  ErrataImportFormat  detected;
  GError             *error;
  ErrataImportSample *sample;
  AdwActionRow       *row;
  GtkImage           *icon;
} FileEntry;

struct _ErrataImportDialog
{
  AdwWindow           parent_instance;

  ErrataProject      *project;
  GPtrArray          *entries;          /* FileEntry */
  GCancellable       *probe_cancellable;
  GCancellable       *import_cancellable;
  ErrataImportReport *report;
  ErrataFieldMap     *map;
  FileEntry          *mapped_entry;     /* whose fields the form lists */
  GPtrArray          *field_rows;       /* AdwComboRow, by ErrataField */
  DialogState         state;
  gboolean            probing;
  gboolean            import_focused;   /* the Import button got the focus once */
  gboolean            rebuilding_fields;
  gboolean            close_when_done;
  gboolean            disposed;
  /* Written by the import thread after each committed batch. */
  guint               committed;
  /* The files in import order, unmapped ones first; [run_start, run_end)
   * is the import in progress. */
  GPtrArray          *queue;
  guint               n_unmapped;
  guint               run_start;
  guint               run_end;
  guint64             total_bytes;
  guint64             bytes_before;
  guint               records_before;
  guint               committed_before;

  AdwWindowTitle     *window_title;
  GtkButton          *cancel_button;
  GtkButton          *import_button;
  GtkButton          *close_button;
  GtkStack           *stack;
  GtkLabel           *setup_error;
  AdwPreferencesGroup *files_group;
  AdwComboRow        *format_row;
  AdwPreferencesGroup *fields_group;
  AdwPreferencesGroup *preview_group;
  GtkListBox         *preview_list;
  GtkLabel           *progress_files;
  GtkProgressBar     *progress_bar;
  GtkImage           *summary_icon;
  GtkLabel           *summary_title;
  GtkLabel           *summary_description;
  GtkBox             *stats_box;
  AdwPreferencesGroup *formats_group;
  AdwPreferencesGroup *problems_group;
  GtkListBox         *problem_list;
  GList              *summary_rows;     /* rows added to the formats group */
};

G_DEFINE_FINAL_TYPE (ErrataImportDialog, errata_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Field roles in ErrataField order, and what each means to a user. */
static const struct
{
  const char *name;
  const char *title;
  const char *hint;
} field_labels[N_ERRATA_FIELDS] = {
  { "id", N_("Id"), N_("Keeps a second import of the same record from adding it again") },
  { "input", N_("Input"), N_("What the user asked") },
  { "output", N_("Output"), N_("What the application answered") },
  { "messages", N_("Messages"), N_("A whole conversation, as a list of messages") },
  { "note", N_("Note"), N_("A reviewer’s note, imported as an annotation") },
  { "verdict", N_("Verdict"), N_("Pass or fail, imported as an annotation") },
};

static void
file_entry_free (gpointer data)
{
  FileEntry *entry = data;

  g_object_unref (entry->file);
  g_free (entry->name);
  g_clear_error (&entry->error);
  g_clear_pointer (&entry->sample, errata_import_sample_free);
  g_free (entry);
}

static char *
dup_display_basename (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return base ? g_filename_display_name (base) : g_file_get_parse_name (file);
}

static const char *
format_words (ErrataImportFormat format)
{
  /* Translators: kinds of trace file, in the import dialog. */
  static const char * const words[] = {
    N_("Automatic"), N_("OpenAI chat"), N_("Request/response"), N_("Mapped fields"),
    N_("OpenTelemetry"), N_("Langfuse"),
  };

  g_return_val_if_fail (format < G_N_ELEMENTS (words), "");
  return _(words[format]);
}

static ErrataImportFormat
get_chosen_format (ErrataImportDialog *self)
{
  return (ErrataImportFormat)adw_combo_row_get_selected (self->format_row);
}

static ErrataImportFormat
effective_format (ErrataImportDialog *self,
                  FileEntry          *entry)
{
  ErrataImportFormat chosen = get_chosen_format (self);

  if (chosen != ERRATA_IMPORT_FORMAT_AUTO)
    return chosen;
  if (!entry->probed || entry->error != NULL)
    return ERRATA_IMPORT_FORMAT_AUTO;
  return entry->detected;
}

/* Only an unreadable file stops the import before it starts; an empty one
 * is reported in the summary like any other problem. */
static gboolean
entry_blocks_import (FileEntry *entry)
{
  return entry->error != NULL
         && !g_error_matches (entry->error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_UNKNOWN_FORMAT);
}

static gboolean
map_has_content (ErrataFieldMap *map)
{
  return map != NULL
         && (errata_field_map_get (map, ERRATA_FIELD_INPUT) != NULL
             || errata_field_map_get (map, ERRATA_FIELD_OUTPUT) != NULL
             || errata_field_map_get (map, ERRATA_FIELD_MESSAGES) != NULL);
}

static gboolean
needs_mapping (ErrataImportDialog *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    if (effective_format (self, g_ptr_array_index (self->entries, i)) == ERRATA_IMPORT_FORMAT_MAPPED)
      return TRUE;
  return FALSE;
}

/* Enter imports. Until there is something to import the Import button
 * is insensitive, so the window's first focus lands on Cancel, where
 * Enter would cancel: once Import can run it takes the focus, unless the
 * user has moved it to some control already. */
static void
focus_import_once (ErrataImportDialog *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (self->import_focused)
    return;
  if (focus != NULL && focus != GTK_WIDGET (self->cancel_button))
    return;
  self->import_focused = TRUE;
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->import_button));
}

static void
update_import_enabled (ErrataImportDialog *self)
{
  gboolean ok = self->state == STATE_SETUP && !self->probing;

  for (guint i = 0; ok && i < self->entries->len; i++)
    ok = !entry_blocks_import (g_ptr_array_index (self->entries, i));
  if (ok && needs_mapping (self))
    ok = map_has_content (self->map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", ok);
  if (ok)
    focus_import_once (self);
}

static void
show_setup_error (ErrataImportDialog *self,
                  const char         *message)
{
  gtk_label_set_text (self->setup_error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->setup_error), message != NULL);
}

/* Snippets ------------------------------------------------------------ */

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

/* File rows ----------------------------------------------------------- */

static char *
describe_entry (ErrataImportDialog *self,
                FileEntry          *entry)
{
  g_autofree char *size = NULL;
  ErrataImportFormat chosen = get_chosen_format (self);

  if (!entry->probed)
    return g_strdup (_("Looking at the file…"));
  if (entry->error != NULL)
    return g_strdup (entry->error->message);

  size = entry->is_folder ? g_strdup (_("Folder")) : g_format_size (entry->size);
  if (chosen != ERRATA_IMPORT_FORMAT_AUTO && chosen != entry->detected)
    /* Translators: “12.3 kB · detected as OpenAI chat, imported as Mapped fields”. */
    return g_strdup_printf (_("%s · detected as %s, imported as %s"),
                            size, format_words (entry->detected), format_words (chosen));
  if (entry->detected == ERRATA_IMPORT_FORMAT_MAPPED)
    /* Translators: “12.3 kB · not a known format: its fields are mapped below”. */
    return g_strdup_printf (_("%s · not a known format: map its fields below"), size);
  /* Translators: “12.3 kB · OpenAI chat”: the file's size and format. */
  return g_strdup_printf (_("%s · %s"), size, format_words (entry->detected));
}

static void
update_file_rows (ErrataImportDialog *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      FileEntry *entry = g_ptr_array_index (self->entries, i);
      g_autofree char *subtitle = describe_entry (self, entry);

      adw_action_row_set_subtitle (entry->row, subtitle);
    }
}

static void
add_file_row (ErrataImportDialog *self,
              FileEntry          *entry)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("text-x-generic-symbolic");

  /* File names and error messages are not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->name);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_group_add (self->files_group, row);
  entry->row = ADW_ACTION_ROW (row);
  entry->icon = GTK_IMAGE (icon);
}

static void
mark_entry_row (FileEntry *entry)
{
  GtkWidget *icon;

  if (entry->is_folder)
    gtk_image_set_from_icon_name (entry->icon, "folder-symbolic");
  if (entry->error == NULL)
    return;
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, entry_blocks_import (entry) ? "error" : "warning");
  gtk_widget_set_tooltip_text (icon, entry->error->message);
  adw_action_row_add_suffix (entry->row, icon);
}

/* Field mapping ------------------------------------------------------- */

static guint
field_index (GtkStringList *fields,
             const char    *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fields));

  for (guint i = 1; name != NULL && i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (fields, i), name))
      return i;
  return 0;
}

static void refresh_preview (ErrataImportDialog *self);

static void
on_field_selected (AdwComboRow        *row,
                   GParamSpec         *pspec,
                   ErrataImportDialog *self)
{
  ErrataField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "field"));
  GtkStringList *fields = GTK_STRING_LIST (adw_combo_row_get_model (row));
  guint selected = adw_combo_row_get_selected (row);

  if (self->rebuilding_fields)
    return;
  errata_field_map_set (self->map, field,
                        selected == 0 || selected == GTK_INVALID_LIST_POSITION
                        ? NULL : gtk_string_list_get_string (fields, selected));
  show_setup_error (self, NULL);
  refresh_preview (self);
  update_import_enabled (self);
}

static AdwComboRow *
add_field_row (ErrataImportDialog *self,
               ErrataField         field)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autofree char *name = g_strdup_printf ("field-%s", field_labels[field].name);

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field_labels[field].title));
  /* The explanations are for whoever wonders; as subtitles they would
   * push the preview out of sight. */
  gtk_widget_set_tooltip_text (row, _(field_labels[field].hint));
  g_object_set_data (G_OBJECT (row), "field", GUINT_TO_POINTER (field));
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_field_selected), self, 0);
  adw_preferences_group_add (self->fields_group, row);
  return ADW_COMBO_ROW (row);
}

static GtkStringList *
new_field_list (FileEntry *entry)
{
  /* Translators: in a field mapping, no field holds this. */
  GtkStringList *list = gtk_string_list_new ((const char * const []) { _("(none)"), NULL });

  if (entry != NULL && entry->sample != NULL)
    {
      const char * const *fields = errata_import_sample_get_fields (entry->sample);

      for (guint i = 0; fields[i] != NULL; i++)
        gtk_string_list_append (list, fields[i]);
    }
  return list;
}

/* Fills the dropdowns with the fields of `entry`'s first record, keeping
 * the current choices where the field exists, the guess otherwise. */
static void
rebuild_field_rows (ErrataImportDialog *self,
                    FileEntry          *entry)
{
  g_autoptr(GtkStringList) fields = new_field_list (entry);

  if (self->map == NULL)
    self->map = entry && entry->sample ? errata_import_sample_guess_map (entry->sample)
                                       : errata_field_map_new ();
  self->mapped_entry = entry;
  self->rebuilding_fields = TRUE;
  for (guint field = 0; field < N_ERRATA_FIELDS; field++)
    {
      AdwComboRow *row = g_ptr_array_index (self->field_rows, field);
      guint index = field_index (fields, errata_field_map_get (self->map, field));

      adw_combo_row_set_model (row, G_LIST_MODEL (fields));
      adw_combo_row_set_selected (row, index);
      if (index == 0)
        errata_field_map_set (self->map, field, NULL);
    }
  self->rebuilding_fields = FALSE;

  if (g_list_model_get_n_items (G_LIST_MODEL (fields)) > 1)
    adw_preferences_group_set_description (self->fields_group,
                                           _("Which field of each record holds what, guessed "
                                             "from the first record. Map at least the input, "
                                             "the output or the messages."));
  else
    adw_preferences_group_set_description (self->fields_group,
                                           _("The first record is not a JSON object, so it has "
                                             "no fields to map."));
}

static FileEntry *
find_mapped_entry (ErrataImportDialog *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      FileEntry *entry = g_ptr_array_index (self->entries, i);

      if (effective_format (self, entry) == ERRATA_IMPORT_FORMAT_MAPPED && entry->sample != NULL)
        return entry;
    }
  return NULL;
}

static void
update_fields_group (ErrataImportDialog *self)
{
  gboolean mapped = needs_mapping (self);
  FileEntry *entry = find_mapped_entry (self);

  gtk_widget_set_visible (GTK_WIDGET (self->fields_group), mapped);
  if (mapped && (entry != self->mapped_entry || self->map == NULL))
    rebuild_field_rows (self, entry);
}

/* Preview ------------------------------------------------------------- */

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

  if (trace != NULL)
    {
      GtkWidget *grid = gtk_grid_new ();

      gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
      gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
      add_snippet (GTK_GRID (grid), 0, _("Input"), errata_trace_get_input (trace));
      add_snippet (GTK_GRID (grid), 1, _("Output"), errata_trace_get_output (trace));
      gtk_box_append (GTK_BOX (box), grid);
    }
  else
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *reason = new_label (error->message, NULL);
      g_autofree char *text = g_strdup_printf (_("Skipped: %s"), error->message);

      gtk_widget_add_css_class (icon, "warning");
      gtk_box_prepend (GTK_BOX (header), icon);
      gtk_label_set_text (GTK_LABEL (reason), text);
      gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
      gtk_box_append (GTK_BOX (box), reason);
    }

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static FileEntry *
find_preview_entry (ErrataImportDialog *self)
{
  FileEntry *mapped = find_mapped_entry (self);

  if (mapped != NULL)
    return mapped;
  for (guint i = 0; i < self->entries->len; i++)
    {
      FileEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->sample != NULL && errata_import_sample_get_n_records (entry->sample) > 0)
        return entry;
    }
  return NULL;
}

static void
set_preview_description (ErrataImportDialog *self,
                         FileEntry          *entry,
                         guint               n_records,
                         guint               n_good)
{
  g_autofree char *text = NULL;

  /* Translators: “The first records of chat.jsonl, as they will be
   * imported: 3 of 5 can be imported.” */
  text = g_strdup_printf (_("The first records of %s, as they will be imported: "
                            "%u of %u can be imported."), entry->name, n_good, n_records);
  adw_preferences_group_set_description (self->preview_group, text);
}

static void
refresh_preview (ErrataImportDialog *self)
{
  FileEntry *entry = find_preview_entry (self);
  ErrataImportFormat format;
  guint n = 0;
  guint good = 0;

  clear_list (self->preview_list);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), entry != NULL);
  if (entry == NULL)
    return;

  format = effective_format (self, entry);
  n = errata_import_sample_get_n_records (entry->sample);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ErrataTrace) trace = NULL;

      /* The importer only gets the map for mapped files: other converters
       * would read the messages field from it. */
      trace = errata_import_sample_convert (entry->sample, i, format,
                                            format == ERRATA_IMPORT_FORMAT_MAPPED ? self->map : NULL,
                                            &error);
      if (trace == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        {
          /* Spans: one explanation for the whole preview, not one per record. */
          clear_list (self->preview_list);
          gtk_widget_set_visible (GTK_WIDGET (self->preview_group), FALSE);
          return;
        }
      good += trace != NULL;
      gtk_list_box_append (self->preview_list, new_record_row (entry->sample, i, trace, error));
    }
  set_preview_description (self, entry, n, good);
}

static void
refresh_setup (ErrataImportDialog *self)
{
  update_file_rows (self);
  update_fields_group (self);
  refresh_preview (self);
  update_import_enabled (self);
}

static void
on_format_selected (ErrataImportDialog *self)
{
  show_setup_error (self, NULL);
  refresh_setup (self);
}

/* Probing the files --------------------------------------------------- */

/* The importer reads a folder's *.json files, not its subfolders: the
 * summary needs to know how many report files the folder stands for. */
static guint
count_json_files (GFile        *folder,
                  GCancellable *cancellable)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  guint n = 0;

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  while (children != NULL
         && (info = g_file_enumerator_next_file (children, cancellable, NULL)) != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (g_file_info_get_name (info), -1);

      n += g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR
           && g_str_has_suffix (lower, ".json");
      g_object_unref (info);
    }
  return n;
}

static void
probe_entry (FileEntry    *entry,
             GCancellable *cancellable)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (entry->file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &entry->error);
  if (info == NULL)
    return;
  entry->is_folder = g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY;
  entry->size = g_file_info_get_size (info);
  entry->n_files = entry->is_folder ? count_json_files (entry->file, cancellable) : 1;
  entry->detected = errata_importer_detect_format (entry->file, cancellable, &entry->error);
  if (entry->error == NULL && !entry->is_folder)
    entry->sample = errata_import_sample_load (entry->file, PREVIEW_RECORDS, cancellable, NULL);
}

/* The thread works on its own copies of the entries: the dialog's stay on
 * the main thread. */
static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GPtrArray *probes = task_data;

  for (guint i = 0; i < probes->len; i++)
    probe_entry (g_ptr_array_index (probes, i), cancellable);
  g_task_return_boolean (task, TRUE);
}

static void
take_probe (FileEntry *entry,
            FileEntry *probe)
{
  entry->probed = TRUE;
  entry->is_folder = probe->is_folder;
  entry->n_files = probe->n_files;
  entry->size = probe->size;
  entry->detected = probe->detected;
  entry->error = g_steal_pointer (&probe->error);
  entry->sample = g_steal_pointer (&probe->sample);
  mark_entry_row (entry);
}

static void
on_probed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ErrataImportDialog *self = ERRATA_IMPORT_DIALOG (source);
  GPtrArray *probes = g_task_get_task_data (G_TASK (result));

  if (self->disposed || g_cancellable_is_cancelled (self->probe_cancellable))
    return;
  for (guint i = 0; i < probes->len; i++)
    take_probe (g_ptr_array_index (self->entries, i), g_ptr_array_index (probes, i));
  self->probing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_row), TRUE);

  for (guint i = 0; i < self->entries->len; i++)
    {
      FileEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry_blocks_import (entry))
        {
          show_setup_error (self, entry->error->message);
          break;
        }
    }
  refresh_setup (self);
}

static void
start_probe (ErrataImportDialog *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->probe_cancellable, on_probed, NULL);
  GPtrArray *probes = g_ptr_array_new_with_free_func (file_entry_free);

  for (guint i = 0; i < self->entries->len; i++)
    {
      FileEntry *probe = g_new0 (FileEntry, 1);

      probe->file = g_object_ref (((FileEntry *)g_ptr_array_index (self->entries, i))->file);
      g_ptr_array_add (probes, probe);
    }
  self->probing = TRUE;
  g_task_set_source_tag (task, start_probe);
  g_task_set_task_data (task, probes, (GDestroyNotify)g_ptr_array_unref);
  g_task_run_in_thread (task, probe_thread);
}

/* Summary ------------------------------------------------------------- */

static void
add_summary_row (ErrataImportDialog  *self,
                 AdwPreferencesGroup *group,
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
  adw_preferences_group_add (group, row);
  g_object_set_data (G_OBJECT (row), "group", group);
  self->summary_rows = g_list_prepend (self->summary_rows, row);
}

/* A number over its caption: four of them read at a glance, where four
 * rows would push the skipped records out of sight. */
static void
add_stat (ErrataImportDialog *self,
          const char         *name,
          const char         *caption,
          guint               count)
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
clear_summary (ErrataImportDialog *self)
{
  for (GList *l = self->summary_rows; l != NULL; l = l->next)
    adw_preferences_group_remove (g_object_get_data (l->data, "group"), l->data);
  g_clear_pointer (&self->summary_rows, g_list_free);
  clear_list (self->problem_list);
  while (gtk_widget_get_first_child (GTK_WIDGET (self->stats_box)))
    gtk_box_remove (self->stats_box, gtk_widget_get_first_child (GTK_WIDGET (self->stats_box)));
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
fill_problems (ErrataImportDialog *self,
               GPtrArray          *problems)
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.copy-skipped", problems->len > 0);
}

/* One row per file or folder the user chose, in import order; each stands
 * for n_files files of the report. */
static gboolean
fill_formats_by_entry (ErrataImportDialog *self)
{
  guint n = errata_import_report_get_n_files (self->report);
  guint index = 0;

  for (guint i = 0; i < self->queue->len; i++)
    index += ((FileEntry *)g_ptr_array_index (self->queue, i))->n_files;
  if (index != n)
    return FALSE;

  index = 0;
  for (guint i = 0; i < self->queue->len; i++)
    {
      FileEntry *entry = g_ptr_array_index (self->queue, i);
      g_autofree char *title = NULL;

      if (entry->n_files == 0)
        continue;
      title = entry->is_folder
              /* Translators: a folder and how many files of it were read. */
              ? g_strdup_printf (ngettext ("%s (%u file)", "%s (%u files)", entry->n_files),
                                 entry->name, entry->n_files)
              : g_strdup (entry->name);
      add_summary_row (self, self->formats_group, title,
                       errata_import_report_get_format_name (self->report, index));
      index += entry->n_files;
    }
  return TRUE;
}

static void
fill_formats (ErrataImportDialog *self)
{
  guint n = errata_import_report_get_n_files (self->report);

  /* Files that changed since the dialog looked at them: formats alone. */
  if (!fill_formats_by_entry (self))
    for (guint i = 0; i < n; i++)
      {
        /* Translators: “File 2”, when the name is not known. */
        g_autofree char *title = g_strdup_printf (_("File %u"), i + 1);

        add_summary_row (self, self->formats_group, title,
                         errata_import_report_get_format_name (self->report, i));
      }
  gtk_widget_set_visible (GTK_WIDGET (self->formats_group), n > 0);
}

static void
set_summary_heading (ErrataImportDialog *self,
                     const char         *icon,
                     const char         *style,
                     const char         *title,
                     const char         *description)
{
  gtk_image_set_from_icon_name (self->summary_icon, icon);
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_icon), style);
  gtk_label_set_text (self->summary_title, title);
  gtk_label_set_text (self->summary_description, description);
}

static void
set_state (ErrataImportDialog *self,
           DialogState         state)
{
  static const char * const pages[] = { "setup", "progress", "summary" };

  self->state = state;
  gtk_stack_set_visible_child_name (self->stack, pages[state]);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), state != STATE_DONE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), state != STATE_DONE);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), state == STATE_DONE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  update_import_enabled (self);
  /* The buttons that had the focus are gone: Enter closes. */
  if (state == STATE_DONE)
    {
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_button));
      gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
    }
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

static void
show_report (ErrataImportDialog *self)
{
  ErrataImportReport *report = self->report;
  g_autofree char *description = describe_report (report);
  gboolean any = errata_import_report_get_n_added (report)
                 + errata_import_report_get_n_duplicates (report) > 0;

  clear_summary (self);
  set_summary_heading (self, any ? "emblem-ok-symbolic" : "dialog-warning-symbolic",
                       any ? "success" : "warning",
                       any ? _("Import Complete") : _("Nothing Imported"), description);
  /* Translators: counts of records under the numbers in the import summary. */
  add_stat (self, "stat-added", _("Added"), errata_import_report_get_n_added (report));
  add_stat (self, "stat-duplicates", _("Already in the project"),
            errata_import_report_get_n_duplicates (report));
  add_stat (self, "stat-skipped", _("Skipped"), errata_import_report_get_n_skipped (report));
  add_stat (self, "stat-notes", _("Notes"), errata_import_report_get_n_notes (report));
  gtk_widget_set_visible (GTK_WIDGET (self->stats_box), TRUE);
  fill_formats (self);
  fill_problems (self, errata_import_report_get_problems (report));
  set_state (self, STATE_DONE);
}

/* Cancelled, or the project failed halfway (a full disk): what was
 * committed stays, and the user is told how much. */
static void
show_stopped (ErrataImportDialog *self,
              const GError       *error)
{
  guint kept = g_atomic_int_get (&self->committed);
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_autofree char *kept_text = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  if (kept == 0)
    kept_text = g_strdup (_("Nothing was added to the project."));
  else
    kept_text = g_strdup_printf (ngettext ("%u record was saved before the import stopped; "
                                           "it stays in the project.",
                                           "%u records were saved before the import stopped; "
                                           "they stay in the project.", kept), kept);
  description = cancelled ? g_strdup (kept_text)
                          : g_strdup_printf ("%s\n\n%s", error->message, kept_text);

  clear_summary (self);
  set_summary_heading (self, cancelled ? "process-stop-symbolic" : "dialog-error-symbolic",
                       cancelled ? "dim-label" : "error",
                       cancelled ? _("Import Cancelled") : _("Import Failed"), description);
  gtk_widget_set_visible (GTK_WIDGET (self->stats_box), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->formats_group), FALSE);
  fill_problems (self, none);
  set_state (self, STATE_DONE);
}

/* Import -------------------------------------------------------------- */

static void
on_progress (ErrataImporter     *importer,
             double              fraction,
             guint               records,
             ErrataImportDialog *self)
{
  g_autofree char *text = NULL;
  guint64 run_bytes = 0;
  double total;

  if (self->disposed)
    return;
  for (guint i = self->run_start; i < self->run_end; i++)
    run_bytes += ((FileEntry *)g_ptr_array_index (self->queue, i))->size;
  total = self->total_bytes > 0
          ? (self->bytes_before + fraction * run_bytes) / (double)self->total_bytes : fraction;
  records += self->records_before;
  text = g_strdup_printf (ngettext ("%u record", "%u records", records), records);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (total, 0.0, 1.0));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

/* Runs in the import thread. */
static void
on_batch_committed (guint    records_committed,
                    gpointer user_data)
{
  ErrataImportDialog *self = user_data;

  g_atomic_int_set (&self->committed, self->committed_before + records_committed);
}

/* Nothing written and the user can do something about it (map a field,
 * pick another file): back to the setup page with the core's message. */
static gboolean
error_is_before_import (ErrataImportDialog *self,
                        const GError       *error)
{
  return g_atomic_int_get (&self->committed) == 0
         && (g_error_matches (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_NEEDS_MAPPING)
             || g_error_matches (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_UNKNOWN_FORMAT)
             || g_error_matches (error, ERRATA_IMPORT_ERROR, ERRATA_IMPORT_ERROR_UNREADABLE));
}

static void
finish_import (ErrataImportDialog *self,
               const GError       *error)
{
  gboolean kept = g_atomic_int_get (&self->committed) > 0;

  if (error == NULL)
    show_report (self);
  else if (error_is_before_import (self, error))
    {
      set_state (self, STATE_SETUP);
      show_setup_error (self, error->message);
    }
  else
    show_stopped (self, error);

  if (error == NULL || kept)
    g_signal_emit (self, signals[IMPORTED], 0, error == NULL ? self->report : NULL);
  if (self->close_when_done)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* The report of the second import is added to the first one's. */
static void
merge_report (ErrataImportReport *into,
              ErrataImportReport *from)
{
  GPtrArray *problems = errata_import_report_get_problems (from);

  for (guint i = 0; i < errata_import_report_get_n_files (from); i++)
    errata_import_report_add_file (into, errata_import_report_get_format_name (from, i));
  for (guint i = 0; i < errata_import_report_get_n_added (from); i++)
    errata_import_report_count_record (into, TRUE);
  for (guint i = 0; i < errata_import_report_get_n_duplicates (from); i++)
    errata_import_report_count_record (into, FALSE);
  for (guint i = 0; i < errata_import_report_get_n_notes (from); i++)
    errata_import_report_count_note (into);
  for (guint i = 0; i < problems->len; i++)
    {
      const ErrataImportProblem *problem = g_ptr_array_index (problems, i);

      errata_import_report_add_problem (into, problem->file, problem->record, problem->line,
                                        problem->reason);
    }
}

static void start_run (ErrataImportDialog *self);

/* Moves to the next run; FALSE when all files are done. */
static gboolean
next_run (ErrataImportDialog *self)
{
  if (self->run_end >= self->queue->len)
    return FALSE;
  self->run_start = self->run_end;
  self->run_end = self->run_start < self->n_unmapped ? self->n_unmapped : self->queue->len;
  return TRUE;
}

static void
take_run_report (ErrataImportDialog *self,
                 ErrataImportReport *report)
{
  for (guint i = self->run_start; i < self->run_end; i++)
    self->bytes_before += ((FileEntry *)g_ptr_array_index (self->queue, i))->size;
  self->records_before += errata_import_report_get_n_records (report);
  self->committed_before += errata_import_report_get_n_added (report)
                            + errata_import_report_get_n_duplicates (report);
  if (self->report == NULL)
    self->report = g_object_ref (report);
  else
    merge_report (self->report, report);
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ErrataImportDialog) self = user_data;
  g_autoptr(ErrataImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = errata_importer_import_finish (ERRATA_IMPORTER (source), result, &error);
  if (self->disposed)
    return;
  if (report == NULL)
    {
      g_clear_object (&self->import_cancellable);
      finish_import (self, error);
      return;
    }
  take_run_report (self, report);
  if (next_run (self))
    {
      /* Cancelled between two imports: the first one's traces stay. */
      if (g_cancellable_set_error_if_cancelled (self->import_cancellable, &error))
        {
          g_clear_object (&self->import_cancellable);
          finish_import (self, error);
          return;
        }
      start_run (self);
      return;
    }
  g_clear_object (&self->import_cancellable);
  finish_import (self, NULL);
}

static char *
describe_files (ErrataImportDialog *self)
{
  if (self->entries->len == 1)
    return g_strdup (((FileEntry *)g_ptr_array_index (self->entries, 0))->name);
  return g_strdup_printf (ngettext ("%u file", "%u files", self->entries->len),
                          self->entries->len);
}

/* A map given to the importer applies to every file it reads: an id field
 * mapped for one export would change the identity of another file's
 * traces, and importing that file again would add them twice. So with a
 * mix of formats, the mapped files get an import of their own. */
static void
plan_runs (ErrataImportDialog *self)
{
  g_ptr_array_set_size (self->queue, 0);
  self->total_bytes = 0;
  for (guint mapped = 0; mapped < 2; mapped++)
    for (guint i = 0; i < self->entries->len; i++)
      {
        FileEntry *entry = g_ptr_array_index (self->entries, i);

        if ((effective_format (self, entry) == ERRATA_IMPORT_FORMAT_MAPPED) != (gboolean)mapped)
          continue;
        g_ptr_array_add (self->queue, entry);
        self->total_bytes += entry->size;
      }
  self->n_unmapped = 0;
  while (self->n_unmapped < self->queue->len
         && effective_format (self, g_ptr_array_index (self->queue, self->n_unmapped))
            != ERRATA_IMPORT_FORMAT_MAPPED)
    self->n_unmapped++;
  self->run_start = self->run_end = 0;
  self->bytes_before = 0;
  self->records_before = 0;
  self->committed_before = 0;
}

static ErrataImporter *
create_importer (ErrataImportDialog *self)
{
  ErrataImporter *importer = errata_importer_new ();

  errata_importer_set_format (importer, get_chosen_format (self));
  if (self->run_start >= self->n_unmapped)
    errata_importer_set_field_map (importer, self->map);
  errata_importer_set_batch_callback (importer, on_batch_committed, self);
  g_signal_connect_object (importer, "progress", G_CALLBACK (on_progress), self, 0);
  return importer;
}

static void
start_run (ErrataImportDialog *self)
{
  g_autoptr(ErrataImporter) importer = create_importer (self);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (guint i = self->run_start; i < self->run_end; i++)
    g_ptr_array_add (files, ((FileEntry *)g_ptr_array_index (self->queue, i))->file);
  /* The batch callback points at the dialog: it lives until the import ends. */
  errata_importer_import_async (importer, self->project, (GFile **)files->pdata, files->len,
                                self->import_cancellable, on_import_done, g_object_ref (self));
}

static void
start_import (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ErrataImportDialog *self = ERRATA_IMPORT_DIALOG (widget);
  g_autofree char *what = describe_files (self);

  if (self->state != STATE_SETUP)
    return;

  show_setup_error (self, NULL);
  g_clear_object (&self->report);
  g_atomic_int_set (&self->committed, 0);
  gtk_label_set_text (self->progress_files, what);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
  set_state (self, STATE_RUNNING);

  plan_runs (self);
  next_run (self);
  self->import_cancellable = g_cancellable_new ();
  start_run (self);
}

/* Actions ------------------------------------------------------------- */

static void
cancel_or_close (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ErrataImportDialog *self = ERRATA_IMPORT_DIALOG (widget);

  if (self->state != STATE_RUNNING)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
  g_cancellable_cancel (self->import_cancellable);
}

static void
copy_skipped (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ErrataImportDialog *self = ERRATA_IMPORT_DIALOG (widget);
  g_autoptr(GString) text = g_string_new (NULL);
  GPtrArray *problems;

  if (self->report == NULL)
    return;
  problems = errata_import_report_get_problems (self->report);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = errata_import_problem_to_string (g_ptr_array_index (problems, i));

      g_string_append_printf (text, "%s\n", line);
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text->str);
}

/* Closing while the import runs cancels it; the window goes once the
 * worker has rolled back the batch in flight and ::imported has told the
 * page how many traces stayed. */
static gboolean
errata_import_dialog_close_request (GtkWindow *window)
{
  ErrataImportDialog *self = ERRATA_IMPORT_DIALOG (window);

  if (self->state != STATE_RUNNING)
    return GTK_WINDOW_CLASS (errata_import_dialog_parent_class)->close_request (window);
  self->close_when_done = TRUE;
  g_cancellable_cancel (self->import_cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  return TRUE;
}

/* GObject ------------------------------------------------------------- */

static void
errata_import_dialog_dispose (GObject *object)
{
  ErrataImportDialog *self = ERRATA_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->probe_cancellable);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_pointer (&self->summary_rows, g_list_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (errata_import_dialog_parent_class)->dispose (object);
}

static void
errata_import_dialog_finalize (GObject *object)
{
  ErrataImportDialog *self = ERRATA_IMPORT_DIALOG (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);
  g_clear_object (&self->probe_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->report);
  g_clear_pointer (&self->map, errata_field_map_unref);

  G_OBJECT_CLASS (errata_import_dialog_parent_class)->finalize (object);
}

static void
errata_import_dialog_class_init (ErrataImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = errata_import_dialog_dispose;
  object_class->finalize = errata_import_dialog_finalize;
  window_class->close_request = errata_import_dialog_close_request;

  /**
   * ErrataImportDialog::imported:
   * @report: (nullable): what the import did, or %NULL when it stopped
   *   early (cancelled, or the project failed) after some traces were saved
   *
   * Emitted when the project has new traces, so that lists can refresh.
   */
  signals[IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ERRATA_TYPE_IMPORT_REPORT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, setup_error);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, files_group);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, preview_list);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, progress_files);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, summary_title);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, summary_description);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, stats_box);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, formats_group);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, ErrataImportDialog, problem_list);

  gtk_widget_class_install_action (widget_class, "import.start", NULL, start_import);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_or_close);
  gtk_widget_class_install_action (widget_class, "import.copy-skipped", NULL, copy_skipped);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
setup_format_row (ErrataImportDialog *self)
{
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);

  for (ErrataImportFormat format = ERRATA_IMPORT_FORMAT_AUTO;
       format <= ERRATA_IMPORT_FORMAT_LANGFUSE; format++)
    gtk_string_list_append (formats, format_words (format));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));
  g_signal_connect_object (self->format_row, "notify::selected",
                           G_CALLBACK (on_format_selected), self, G_CONNECT_SWAPPED);
}

static void
errata_import_dialog_init (ErrataImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_ptr_array_new_with_free_func (file_entry_free);
  self->queue = g_ptr_array_new ();
  self->field_rows = g_ptr_array_new ();
  self->probe_cancellable = g_cancellable_new ();
  setup_format_row (self);
  for (guint field = 0; field < N_ERRATA_FIELDS; field++)
    g_ptr_array_add (self->field_rows, add_field_row (self, field));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.copy-skipped", FALSE);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
}

ErrataImportDialog *
errata_import_dialog_new (GtkWindow      *parent,
                          ErrataProject  *project,
                          GFile         **files,
                          guint           n_files)
{
  ErrataImportDialog *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ERRATA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (files != NULL && n_files > 0, NULL);

  self = g_object_new (ERRATA_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  for (guint i = 0; i < n_files; i++)
    {
      FileEntry *entry = g_new0 (FileEntry, 1);

      entry->file = g_object_ref (files[i]);
      entry->name = dup_display_basename (files[i]);
      g_ptr_array_add (self->entries, entry);
      add_file_row (self, entry);
    }
  subtitle = describe_files (self);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  update_file_rows (self);
  start_probe (self);
  return self;
}

ErrataImportDialog *
errata_import_dialog_present (GtkWindow      *parent,
                              ErrataProject  *project,
                              GFile         **files,
                              guint           n_files)
{
  ErrataImportDialog *self = errata_import_dialog_new (parent, project, files, n_files);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}
