/* errata-experiments-page-dialogs.c: New Experiment and New Variant.
 *
 * Both are message dialogs with a form as their extra child: Enter in a
 * field creates (the default response), Escape cancels. What the core
 * refuses (a name taken, a query source with no query, a target that is
 * not one) comes back in the page's status line and a toast.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-experiments-page-private.h"

#include <glib/gi18n.h>

#include "errata-taxonomy.h"

typedef void (*FileChosenFunc) (GtkWidget *dialog,
                                GFile     *file);

/* Choosing a file ------------------------------------------------------------- */

#if GTK_CHECK_VERSION (4, 10, 0)

static void
on_file_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) dialog = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);
  FileChosenFunc func = g_object_get_data (G_OBJECT (dialog), "file-chosen");

  if (file != NULL)
    func (dialog, file);
}

static void
choose_file (GtkWidget      *dialog,
             const char     *title,
             FileChosenFunc  func)
{
  g_autoptr(GtkFileDialog) chooser = gtk_file_dialog_new ();

  g_object_set_data (G_OBJECT (dialog), "file-chosen", func);
  gtk_file_dialog_set_title (chooser, title);
  gtk_file_dialog_open (chooser, GTK_WINDOW (dialog), NULL, on_file_chosen, g_object_ref (dialog));
}

#else

static void
on_file_response (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(GtkWidget) dialog = user_data;
  FileChosenFunc func = g_object_get_data (G_OBJECT (dialog), "file-chosen");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        func (dialog, file);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
choose_file (GtkWidget      *dialog,
             const char     *title,
             FileChosenFunc  func)
{
  GtkFileChooserNative *native;

  g_object_set_data (G_OBJECT (dialog), "file-chosen", func);
  native = gtk_file_chooser_native_new (title, GTK_WINDOW (dialog), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_file_response), g_object_ref (dialog));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

/* Form pieces ----------------------------------------------------------------- */

static GtkWidget *
field_label (const char *mnemonic,
             GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  return label;
}

static GtkWidget *
entry_field (GtkGrid    *grid,
             int         row,
             const char *mnemonic,
             const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_grid_attach (grid, field_label (mnemonic, entry), 0, row, 1, 1);
  gtk_grid_attach (grid, entry, 1, row, 1, 1);
  return entry;
}

static GtkWidget *
form_dialog (ErrataExperimentsPage *self,
             const char            *heading,
             const char            *body,
             GtkWidget             *form,
             const char            *create_label)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "create",
                                    create_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), form);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, -1);
  g_object_set_data_full (G_OBJECT (dialog), "page", g_object_ref (self), g_object_unref);
  return dialog;
}

static ErrataExperimentsPage *
page_of (GtkWidget *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "page");
}

static void
show_file (GtkWidget *dialog,
           GFile     *file)
{
  g_autofree char *path = g_file_get_path (file);

  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  gtk_label_set_text (g_object_get_data (G_OBJECT (dialog), "file-label"), path);
}

static void
on_choose_queries_file (GtkWidget *button,
                        GtkWidget *dialog)
{
  choose_file (dialog, _("Queries: JSON Lines or Text, One per Line"), show_file);
}

static void
on_choose_target_file (GtkWidget *button,
                       GtkWidget *dialog)
{
  choose_file (dialog, _("Target Definition (JSON)"), show_file);
}

static GtkWidget *
file_row (GtkWidget  *dialog,
          const char *mnemonic,
          GCallback   on_clicked)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);
  GtkWidget *label = _errata_experiments_cell (_("No file chosen"), "dim-label");

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_START);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), label);
  g_signal_connect (button, "clicked", on_clicked, dialog);
  g_object_set_data (G_OBJECT (dialog), "file-label", label);
  return box;
}

/* New Experiment -------------------------------------------------------------- */

enum { SOURCE_SYNTHETIC, SOURCE_MODE, SOURCE_FILE };

static char *
query_source (GtkWidget  *dialog,
              GError    **error)
{
  GtkDropDown *source = g_object_get_data (G_OBJECT (dialog), "source");
  GtkDropDown *modes = g_object_get_data (G_OBJECT (dialog), "modes");
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  GtkStringObject *mode;

  switch (gtk_drop_down_get_selected (source))
    {
    case SOURCE_MODE:
      mode = gtk_drop_down_get_selected_item (modes);
      if (mode != NULL)
        return g_strconcat ("mode:", gtk_string_object_get_string (mode), NULL);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("No failure mode yet: group notes into modes on the Failure Modes page."));
      return NULL;
    case SOURCE_FILE:
      if (file != NULL)
        return g_strconcat ("file:", g_file_peek_path (file), NULL);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Choose the file of queries first."));
      return NULL;
    case SOURCE_SYNTHETIC:
    default:
      return g_strdup ("synthetic");
    }
}

static void
on_experiment_response (GtkWidget  *dialog,
                        const char *response)
{
  ErrataExperimentsPage *self = page_of (dialog);
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  GtkSpinButton *repeats = g_object_get_data (G_OBJECT (dialog), "repeats");
  g_autoptr(ErrataExperiment) experiment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;

  if (g_strcmp0 (response, "create") != 0)
    return;
  if ((source = query_source (dialog, &error)) != NULL)
    experiment = errata_experiment_create (_errata_experiments_page_get_project (self),
                                           gtk_editable_get_text (name), source,
                                           gtk_spin_button_get_value_as_int (repeats), &error);
  if (experiment == NULL)
    {
      _errata_experiments_page_say (self, error->message);
      return;
    }
  _errata_experiments_page_select (self, experiment->id);
  _errata_experiments_page_say (self, _("Experiment made: now add its baseline with New Variant."));
}

static void
on_source_changed (GtkDropDown *source,
                   GParamSpec  *pspec,
                   GtkWidget   *dialog)
{
  guint selected = gtk_drop_down_get_selected (source);

  gtk_widget_set_visible (g_object_get_data (G_OBJECT (dialog), "modes"), selected == SOURCE_MODE);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (dialog), "file-row"), selected == SOURCE_FILE);
}

static GtkWidget *
mode_dropdown (ErrataExperimentsPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) modes = NULL;

  modes = errata_taxonomy_list_modes (errata_workspace_get_taxonomy (self->workspace), NULL);
  for (guint i = 0; modes != NULL && i < modes->len; i++)
    gtk_string_list_append (names, ((ErrataFailureMode *)g_ptr_array_index (modes, i))->name);
  return gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
}

void
_errata_experiments_page_new_experiment (ErrataExperimentsPage *self)
{
  static const char * const sources[] = {
    N_("Accepted synthetic queries"), N_("Traces in a failure mode"), N_("A file"), NULL,
  };
  GtkGrid *form = GTK_GRID (gtk_grid_new ());
  g_autoptr(GtkStringList) source_names = gtk_string_list_new (NULL);
  GtkWidget *dialog, *name, *source, *modes, *files, *repeats;

  for (guint i = 0; sources[i] != NULL; i++)
    gtk_string_list_append (source_names, _(sources[i]));
  gtk_grid_set_row_spacing (form, 6);
  gtk_grid_set_column_spacing (form, 12);
  dialog = form_dialog (self, _("New Experiment"),
                        _("The queries are taken once, now: every variant answers the same ones."),
                        GTK_WIDGET (form), _("C_reate"));
  name = entry_field (form, 0, _("_Name"), _("new prompt"));
  source = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&source_names)), NULL);
  modes = mode_dropdown (self);
  files = file_row (dialog, _("Choose _File…"), G_CALLBACK (on_choose_queries_file));
  repeats = gtk_spin_button_new_with_range (1, 50, 1);
  gtk_grid_attach (form, field_label (_("_Queries"), source), 0, 1, 1, 1);
  gtk_grid_attach (form, source, 1, 1, 1, 1);
  gtk_grid_attach (form, modes, 1, 2, 1, 1);
  gtk_grid_attach (form, files, 1, 3, 1, 1);
  gtk_grid_attach (form, field_label (_("_Replies per query"), repeats), 0, 4, 1, 1);
  gtk_grid_attach (form, repeats, 1, 4, 1, 1);
  gtk_widget_set_tooltip_text (repeats, _("More than one for a system that answers differently "
                                          "each time"));
  g_object_set_data (G_OBJECT (dialog), "name", name);
  g_object_set_data (G_OBJECT (dialog), "source", source);
  g_object_set_data (G_OBJECT (dialog), "modes", modes);
  g_object_set_data (G_OBJECT (dialog), "file-row", files);
  g_object_set_data (G_OBJECT (dialog), "repeats", repeats);
  g_signal_connect (source, "notify::selected", G_CALLBACK (on_source_changed), dialog);
  on_source_changed (GTK_DROP_DOWN (source), NULL, dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_experiment_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* New Variant ----------------------------------------------------------------- */

/* The common parameters a form edits; the rest goes through Edit as JSON. */
static const struct { const char *member; const char *label; } common_members[] = {
  { "system", N_("_System prompt") },
  { "model", N_("_Model") },
  { "temperature", N_("_Temperature") },
  { "url", N_("_URL") },
};

static const char *
url_member (JsonObject *target)
{
  return json_object_has_member (target, "base_url")
         || g_strcmp0 (json_object_get_string_member_with_default (target, "kind", ""), "chat") == 0
         ? "base_url" : "url";
}

static char *
member_text (JsonObject *target,
             const char *member)
{
  JsonNode *node = json_object_get_member (target, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

static ErrataExperimentVariant *
source_variant (GtkWidget *dialog)
{
  ErrataExperimentsPage *self = page_of (dialog);
  guint selected = gtk_drop_down_get_selected (g_object_get_data (G_OBJECT (dialog), "from"));

  /* Item 0 is "a target file". */
  if (selected == 0 || self->variants == NULL || selected > self->variants->len)
    return NULL;
  return g_ptr_array_index (self->variants, selected - 1);
}

static void
fill_form (GtkWidget *dialog)
{
  ErrataExperimentVariant *from = source_variant (dialog);
  GtkTextView *json = g_object_get_data (G_OBJECT (dialog), "json");
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (g_object_get_data (G_OBJECT (dialog), "file-row"), from == NULL);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (dialog), "clone-box"), from != NULL);
  if (from == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (common_members); i++)
    {
      const char *member = i == 3 ? url_member (from->target) : common_members[i].member;
      g_autofree char *value = member_text (from->target, member);
      GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), common_members[i].member);

      gtk_editable_set_text (entry, value);
      g_object_set_data_full (G_OBJECT (entry), "initial", g_strdup (value), g_free);
    }
  node = json_node_init_object (json_node_alloc (), from->target);
  text = json_to_string (node, TRUE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (json), text, -1);
  g_object_set_data_full (G_OBJECT (json), "initial", g_strdup (text), g_free);
}

static void
on_from_changed (GtkDropDown *from,
                 GParamSpec  *pspec,
                 GtkWidget   *dialog)
{
  fill_form (dialog);
}

static char *
json_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static JsonObject *
parse_target (const char  *text,
              const char  *where,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, error))
    {
      g_prefix_error (error, _("%s is not JSON: "), where);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s must be a JSON object (a target definition)."), where);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* A form value goes in as a number when it reads as one (temperature). */
static void
set_member (JsonObject *target,
            const char *member,
            const char *value)
{
  char *end = NULL;
  double number = g_ascii_strtod (value, &end);

  if (*value == '\0')
    json_object_remove_member (target, member);
  else if (end != NULL && *end == '\0' && g_strcmp0 (member, "temperature") == 0)
    json_object_set_double_member (target, member, number);
  else
    json_object_set_string_member (target, member, value);
}

/* The changed fields on top of the source's definition, unless the JSON
 * was edited: then the JSON is the definition. */
static JsonObject *
cloned_target (GtkWidget               *dialog,
               ErrataExperimentVariant *from,
               GError                 **error)
{
  GtkTextView *json = g_object_get_data (G_OBJECT (dialog), "json");
  g_autofree char *text = json_text (json);
  JsonObject *target;

  if (g_strcmp0 (text, g_object_get_data (G_OBJECT (json), "initial")) != 0)
    return parse_target (text, _("The edited JSON"), error);
  target = parse_target (g_object_get_data (G_OBJECT (json), "initial"), "", error);
  for (guint i = 0; i < G_N_ELEMENTS (common_members); i++)
    {
      GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), common_members[i].member);
      const char *value = gtk_editable_get_text (entry);

      if (g_strcmp0 (value, g_object_get_data (G_OBJECT (entry), "initial")) != 0)
        set_member (target, i == 3 ? url_member (from->target) : common_members[i].member, value);
    }
  return target;
}

static JsonObject *
file_target (GtkWidget  *dialog,
             GError    **error)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;

  if (file == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Choose the target file first (a JSON definition of your system)."));
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, error))
    return NULL;
  name = g_file_get_basename (file);
  return parse_target (contents, name, error);
}

static void
on_variant_response (GtkWidget  *dialog,
                     const char *response)
{
  ErrataExperimentsPage *self = page_of (dialog);
  ErrataExperimentVariant *from = source_variant (dialog);
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  g_autoptr(JsonObject) target = NULL;
  g_autoptr(ErrataExperimentVariant) variant = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "create") != 0)
    return;
  target = from != NULL ? cloned_target (dialog, from, &error) : file_target (dialog, &error);
  if (target != NULL)
    variant = errata_experiment_variant_create (_errata_experiments_page_get_project (self),
                                                self->experiment_id, gtk_editable_get_text (name),
                                                target, from != NULL ? from->name : NULL, &error);
  if (variant == NULL)
    {
      _errata_experiments_page_say (self, error->message);
      return;
    }
  errata_experiments_page_reload (self);
  _errata_experiments_page_say (self, _("Variant made: Run sends the queries through it."));
}

static GtkWidget *
clone_box (GtkWidget *dialog)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkGrid *form = GTK_GRID (gtk_grid_new ());
  GtkWidget *expander = gtk_expander_new_with_mnemonic (_("Edit as _JSON (every parameter)"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *json = gtk_text_view_new ();

  gtk_grid_set_row_spacing (form, 6);
  gtk_grid_set_column_spacing (form, 12);
  for (guint i = 0; i < G_N_ELEMENTS (common_members); i++)
    g_object_set_data (G_OBJECT (dialog), common_members[i].member,
                       entry_field (form, i, _(common_members[i].label), NULL));
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (json), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (json), GTK_WRAP_WORD_CHAR);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), json);
  gtk_expander_set_child (GTK_EXPANDER (expander), scroller);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form));
  gtk_box_append (GTK_BOX (box), expander);
  g_object_set_data (G_OBJECT (dialog), "json", json);
  return box;
}

static GListModel *
from_names (ErrataExperimentsPage *self)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("A target file (JSON)"));
  for (guint i = 0; self->variants != NULL && i < self->variants->len; i++)
    {
      /* Translators: start a variant as a copy of another: "Clone of baseline". */
      g_autofree char *name = g_strdup_printf (_("Clone of %s"),
                                               ((ErrataExperimentVariant *)
                                                g_ptr_array_index (self->variants, i))->name);

      gtk_string_list_append (names, name);
    }
  return G_LIST_MODEL (names);
}

void
_errata_experiments_page_new_variant (ErrataExperimentsPage *self)
{
  guint n = self->variants != NULL ? self->variants->len : 0;
  GtkGrid *form = GTK_GRID (gtk_grid_new ());
  g_autofree char *default_name = n == 0 ? g_strdup (_("baseline"))
                                         /* Translators: a new variant's suggested name. */
                                         : g_strdup_printf (_("candidate %u"), n);
  GtkWidget *dialog, *name, *from, *files, *clone;

  if (self->experiment_id <= 0)
    return;
  gtk_grid_set_row_spacing (form, 6);
  gtk_grid_set_column_spacing (form, 12);
  dialog = form_dialog (self, _("New Variant"),
                        _("A version of your system to try: its target, or a clone of another "
                          "variant with what you change."), GTK_WIDGET (form), _("C_reate"));
  name = entry_field (form, 0, _("_Name"), default_name);
  from = gtk_drop_down_new (from_names (self), NULL);
  files = file_row (dialog, _("Choose _File…"), G_CALLBACK (on_choose_target_file));
  clone = clone_box (dialog);
  gtk_grid_attach (form, field_label (_("_Start from"), from), 0, 1, 1, 1);
  gtk_grid_attach (form, from, 1, 1, 1, 1);
  gtk_grid_attach (form, files, 1, 2, 1, 1);
  gtk_grid_attach (form, clone, 0, 3, 2, 1);
  g_object_set_data (G_OBJECT (dialog), "name", name);
  g_object_set_data (G_OBJECT (dialog), "from", from);
  g_object_set_data (G_OBJECT (dialog), "file-row", files);
  g_object_set_data (G_OBJECT (dialog), "clone-box", clone);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (from), n);
  fill_form (dialog);
  g_signal_connect (from, "notify::selected", G_CALLBACK (on_from_changed), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_variant_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}
