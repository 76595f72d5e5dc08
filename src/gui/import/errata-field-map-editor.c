/* errata-field-map-editor.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-field-map-editor.h"

#include <glib/gi18n.h>

struct _ErrataFieldMapEditor
{
  AdwPreferencesGroup  parent_instance;

  ErrataFieldMap      *map;
  ErrataImportSample  *sample;        /* whose fields the rows list; not owned */
  AdwComboRow         *rows[N_ERRATA_FIELDS];
  /* A transcript's markers and separator, shown with a transcript. */
  AdwExpanderRow      *syntax_row;
  AdwEntryRow         *marker_rows[N_ERRATA_TRANSCRIPT_ROLES];
  AdwEntryRow         *separator_row;
  gboolean             rebuilding;
};

G_DEFINE_FINAL_TYPE (ErrataFieldMapEditor, errata_field_map_editor, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CHANGED,
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

/* A transcript is told apart from JSON by its text; the row says which
 * the first record holds. */
static void
update_messages_format (ErrataFieldMapEditor *self)
{
  AdwActionRow *row = ADW_ACTION_ROW (self->rows[ERRATA_FIELD_MESSAGES]);

  if (self->sample != NULL)
    errata_import_sample_guess_messages_format (self->sample, self->map);
  if (errata_field_map_get_messages_format (self->map) == ERRATA_MESSAGES_TRANSCRIPT)
    /* Translators: under the Messages field of the import dialog when it
     * holds a conversation as text; keep USER, AGENT and TOOL. */
    adw_action_row_set_subtitle (row, _("A transcript: “USER: … | AGENT: …”"));
  else
    adw_action_row_set_subtitle (row, "");
  /* Any text field may hold a transcript in markers of its own. */
  gtk_widget_set_visible (GTK_WIDGET (self->syntax_row),
                          errata_field_map_get (self->map, ERRATA_FIELD_MESSAGES) != NULL);
}

/* "USER, User" for the entry; the spec writes USER/User. */
static void
show_syntax (ErrataFieldMapEditor *self)
{
  ErrataTranscriptSyntax *syntax = errata_field_map_get_transcript_syntax (self->map);
  const char *separator = errata_transcript_syntax_get_separator (syntax);

  self->rebuilding = TRUE;
  for (guint role = 0; role < N_ERRATA_TRANSCRIPT_ROLES; role++)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) errata_transcript_syntax_get_markers (syntax, role));

      gtk_editable_set_text (GTK_EDITABLE (self->marker_rows[role]), joined);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->separator_row), separator ? separator : "");
  self->rebuilding = FALSE;
}

static void
on_syntax_changed (ErrataFieldMapEditor *self)
{
  ErrataTranscriptSyntax *syntax;

  if (self->rebuilding || self->map == NULL)
    return;
  syntax = errata_field_map_get_transcript_syntax (self->map);
  for (guint role = 0; role < N_ERRATA_TRANSCRIPT_ROLES; role++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->marker_rows[role]));
      g_auto(GStrv) markers = g_regex_split_simple ("[,/]", text, 0, 0);

      errata_transcript_syntax_set_markers (syntax, role, (const char * const *) markers);
    }
  /* An empty separator is the default; spaces around one do not count. */
  errata_transcript_syntax_set_separator (syntax,
                                          gtk_editable_get_text (GTK_EDITABLE (self->separator_row)));
  g_signal_emit (self, signals[CHANGED], 0);
}

static AdwEntryRow *
add_entry_row (ErrataFieldMapEditor *self,
               const char           *name,
               const char           *title)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_signal_connect_object (row, "changed", G_CALLBACK (on_syntax_changed), self, G_CONNECT_SWAPPED);
  adw_expander_row_add_row (self->syntax_row, row);
  return ADW_ENTRY_ROW (row);
}

static void
add_syntax_rows (ErrataFieldMapEditor *self)
{
  static const char * const names[N_ERRATA_TRANSCRIPT_ROLES] = {
    "user-markers", "assistant-markers", "tool-markers", "system-markers",
  };
  const char *titles[N_ERRATA_TRANSCRIPT_ROLES] = {
    _("User Markers"), _("Assistant Markers"), _("Tool Markers"), _("System Markers"),
  };

  self->syntax_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->syntax_row), "transcript-syntax");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->syntax_row), _("Transcript Markers"));
  adw_expander_row_set_subtitle (self->syntax_row,
                                 _("How turns are marked when the messages are text, "
                                   "separated by commas"));
  gtk_widget_set_visible (GTK_WIDGET (self->syntax_row), FALSE);
  for (guint role = 0; role < N_ERRATA_TRANSCRIPT_ROLES; role++)
    self->marker_rows[role] = add_entry_row (self, names[role], titles[role]);
  /* Translators: the default is a pipe character or a new line. */
  self->separator_row = add_entry_row (self, "separator", _("Separator (empty: “|” or a new line)"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->syntax_row));
}

static void
on_field_selected (AdwComboRow          *row,
                   GParamSpec           *pspec,
                   ErrataFieldMapEditor *self)
{
  ErrataField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "field"));
  GtkStringList *fields = GTK_STRING_LIST (adw_combo_row_get_model (row));
  guint selected = adw_combo_row_get_selected (row);

  if (self->rebuilding || self->map == NULL)
    return;
  errata_field_map_set (self->map, field,
                        selected == 0 || selected == GTK_INVALID_LIST_POSITION
                        ? NULL : gtk_string_list_get_string (fields, selected));
  if (field == ERRATA_FIELD_MESSAGES)
    update_messages_format (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static AdwComboRow *
add_field_row (ErrataFieldMapEditor *self,
               ErrataField           field)
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
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  return ADW_COMBO_ROW (row);
}

static GtkStringList *
new_field_list (ErrataImportSample *sample)
{
  /* Translators: in a field mapping, no field holds this. */
  GtkStringList *list = gtk_string_list_new ((const char * const []) { _("(none)"), NULL });

  if (sample != NULL)
    {
      const char * const *fields = errata_import_sample_get_fields (sample);

      for (guint i = 0; fields[i] != NULL; i++)
        gtk_string_list_append (list, fields[i]);
    }
  return list;
}

static void
rebuild_rows (ErrataFieldMapEditor *self,
              ErrataImportSample   *sample)
{
  g_autoptr(GtkStringList) fields = new_field_list (sample);

  if (self->map == NULL)
    self->map = sample ? errata_import_sample_guess_map (sample) : errata_field_map_new ();
  self->sample = sample;
  self->rebuilding = TRUE;
  for (guint field = 0; field < N_ERRATA_FIELDS; field++)
    {
      guint index = field_index (fields, errata_field_map_get (self->map, field));

      adw_combo_row_set_model (self->rows[field], G_LIST_MODEL (fields));
      adw_combo_row_set_selected (self->rows[field], index);
      if (index == 0)
        errata_field_map_set (self->map, field, NULL);
    }
  self->rebuilding = FALSE;
  update_messages_format (self);
  show_syntax (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (fields)) > 1)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                           _("Which field of each record holds what, guessed "
                                             "from the first record. Map at least the input, "
                                             "the output or the messages."));
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                           _("The first record is not a JSON object, so it has "
                                             "no fields to map."));
}

void
errata_field_map_editor_show_sample (ErrataFieldMapEditor *self,
                                     ErrataImportSample   *sample)
{
  g_return_if_fail (ERRATA_IS_FIELD_MAP_EDITOR (self));

  if (sample == self->sample && self->map != NULL)
    return;
  rebuild_rows (self, sample);
}

ErrataFieldMap *
errata_field_map_editor_get_map (ErrataFieldMapEditor *self)
{
  g_return_val_if_fail (ERRATA_IS_FIELD_MAP_EDITOR (self), NULL);
  return self->map;
}

static void
errata_field_map_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ERRATA_TYPE_FIELD_MAP_EDITOR);

  G_OBJECT_CLASS (errata_field_map_editor_parent_class)->dispose (object);
}

static void
errata_field_map_editor_finalize (GObject *object)
{
  ErrataFieldMapEditor *self = ERRATA_FIELD_MAP_EDITOR (object);

  g_clear_pointer (&self->map, errata_field_map_unref);

  G_OBJECT_CLASS (errata_field_map_editor_parent_class)->finalize (object);
}

static void
errata_field_map_editor_class_init (ErrataFieldMapEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_field_map_editor_dispose;
  object_class->finalize = errata_field_map_editor_finalize;

  /**
   * ErrataFieldMapEditor::changed:
   *
   * Emitted when the user maps a role to another field.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-field-map-editor.ui");
}

static void
errata_field_map_editor_init (ErrataFieldMapEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint field = 0; field < N_ERRATA_FIELDS; field++)
    self->rows[field] = add_field_row (self, field);
  add_syntax_rows (self);
}
