/* errata-trace-columns.c: the columns of the trace list.
 *
 * The list is a lazy model over SQLite, so it is never sorted in memory:
 * a click on a header changes the query's sort instead. Each sortable
 * column gets a sorter that stands for its query sort; the page asks
 * which column the column view sorts by and in which direction, and
 * re-runs the query.
 *
 * Rows keep no state: each bind fills its widget from the item.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "errata-trace-columns.h"
#include "errata-trace.h"

typedef enum
{
  COLUMN_STATUS,
  COLUMN_ID,
  COLUMN_INPUT,
  COLUMN_NOTE,
  COLUMN_MESSAGES,
  COLUMN_TOOL_CALLS,
  COLUMN_OUTPUT_LENGTH,
  COLUMN_LATENCY,
  COLUMN_TOKENS,
} ColumnKind;

typedef struct
{
  ColumnKind  kind;
  const char *name;      /* in the trace-list-columns setting; NULL: always shown */
  const char *title;
  const char *tooltip;
  const char *label;     /* in the column chooser */
  int         sort;
  int         width;     /* least width in pixels; the title's if wider */
  gboolean    expand;    /* takes the room left over */
} ColumnSpec;

/* The columns shown until the user chooses (the trace-list-columns
 * setting's default): the first six of `columns`. */
#define N_DEFAULT_COLUMNS 6

/* The widths are small enough that the columns shown by default (the
 * verdict, the ID, input and note, messages and tools) fit a list of
 * 300 px, the least it gets beside the conversation and the review panel
 * in a 1024 px window, with their titles whole: no scrolling sideways, in
 * German too (32 + 68 + "Eingabe" 62 + "Notiz" 42 + "Nachr." 50 + 44 =
 * 298 px; with Adwaita's 6 px title padding it took 323 px and the
 * window 1048). Should a language's titles need more, the list's least
 * width grows to hold them (errata_trace_columns_get_default_width). An ID
 * like "support-12" is cut at the narrowest, and the column can be
 * widened. Input and the note share what a wider list has left over. */
static const ColumnSpec columns[] = {
  /* The status column shows only an icon; its name is for screen readers. */
  { COLUMN_STATUS, NULL, NULL, N_("Review status"), NULL, ERRATA_TRACE_COLUMN_UNSORTED, 32, FALSE },
  { COLUMN_ID, "id", N_("ID"), N_("Trace ID; sorts by import order"), N_("ID"), ERRATA_TRACE_SORT_IMPORT_ORDER, 68, FALSE },
  { COLUMN_INPUT, "input", N_("Input"), N_("The user’s first message"), N_("Input"), ERRATA_TRACE_COLUMN_UNSORTED, 40, TRUE },
  { COLUMN_NOTE, "note", N_("Note"), N_("Your review note"), N_("Note"), ERRATA_TRACE_COLUMN_UNSORTED, 40, TRUE },
  /* Translators: column header, the number of messages; keep it short. */
  { COLUMN_MESSAGES, "messages", N_("Msgs"), N_("Messages"), N_("Messages"), ERRATA_TRACE_SORT_MESSAGES, 44, FALSE },
  /* Translators: column header, the number of tool calls; keep it short. */
  { COLUMN_TOOL_CALLS, "tools", N_("Tools"), N_("Tool calls"), N_("Tool calls"), ERRATA_TRACE_SORT_TOOL_CALLS, 44, FALSE },
  /* Translators: column header, the length of the final answer; keep it short. */
  { COLUMN_OUTPUT_LENGTH, "output", N_("Output"), N_("Characters in the final answer"), N_("Output length"), ERRATA_TRACE_SORT_OUTPUT_LENGTH, 72, FALSE },
  { COLUMN_LATENCY, "latency", N_("Latency"), N_("Time to answer"), N_("Latency"), ERRATA_TRACE_SORT_LATENCY, 72, FALSE },
  { COLUMN_TOKENS, "tokens", N_("Tokens"), N_("Tokens in and out"), N_("Tokens"), ERRATA_TRACE_SORT_TOKENS, 72, FALSE },
};

/* The first line of a text, for a one-line cell. */
char *
errata_trace_columns_dup_snippet (const char *text)
{
  g_autofree char *line = NULL;
  const char *end;

  if (text == NULL)
    return g_strdup ("");
  text += strspn (text, " \t\r\n");
  end = strpbrk (text, "\r\n");
  line = end ? g_strndup (text, end - text) : g_strdup (text);
  return g_strstrip (g_steal_pointer (&line));
}

char *
errata_trace_columns_format_latency (gint64 latency_ms)
{
  if (latency_ms < 0)
    return g_strdup ("—");
  if (latency_ms < 1000)
    /* Translators: a latency in milliseconds. */
    return g_strdup_printf (_("%" PRId64 " ms"), latency_ms);
  /* Translators: a latency in seconds. */
  return g_strdup_printf (_("%.1f s"), latency_ms / 1000.0);
}

static char *
format_tokens (ErrataTrace *trace)
{
  gint64 in = errata_trace_get_tokens_in (trace);
  gint64 out = errata_trace_get_tokens_out (trace);

  if (in < 0 && out < 0)
    return g_strdup ("—");
  return g_strdup_printf ("%'" PRId64, MAX (in, 0) + MAX (out, 0));
}

/* Mine, others' and imported, told apart (DESIGN.md, "Labels"): my
 * verdict is a coloured ✓ or ✗; a trace only others reviewed shows a dim
 * ✓ or ✗ (✗ when any of them failed it), or under blind review a dim
 * person with no verdict; an imported label alone shows a dim paper clip,
 * or nothing under blind review. The tooltip says whose, in words. */
char *
errata_trace_columns_describe_status (ErrataTrace  *trace,
                                      gboolean      blind,
                                      const char  **icon,
                                      const char  **css_class)
{
  ErrataVerdict mine = errata_trace_get_verdict (trace);
  guint others = errata_trace_get_others_reviewed (trace);
  guint others_failed = errata_trace_get_others_failed (trace);
  ErrataVerdict imported = errata_trace_get_imported_verdict (trace);

  *icon = NULL;
  *css_class = NULL;
  if (mine != ERRATA_VERDICT_UNSET)
    {
      gboolean passed = mine == ERRATA_VERDICT_PASS;

      *icon = passed ? "object-select-symbolic" : "window-close-symbolic";
      *css_class = passed ? "success" : "error";
      if (others == 0)
        return g_strdup (passed ? _("You passed it") : _("You failed it"));
      /* Translators: the verdict column's tooltip; "3 others reviewed it, 1 failed it". */
      return g_strdup_printf (ngettext ("%s · %u other reviewed it, %u failed it",
                                        "%s · %u others reviewed it, %u failed it", others),
                              passed ? _("You passed it") : _("You failed it"),
                              others, others_failed);
    }
  if (others > 0 && blind)
    {
      *icon = "avatar-default-symbolic";
      *css_class = "dim-label";
      return g_strdup_printf (ngettext ("Not reviewed by you · %u other reviewed it (hidden until you review: blind review)",
                                        "Not reviewed by you · %u others reviewed it (hidden until you review: blind review)",
                                        others), others);
    }
  if (others > 0)
    {
      *icon = others_failed > 0 ? "window-close-symbolic" : "object-select-symbolic";
      *css_class = "dim-label";
      return g_strdup_printf (ngettext ("Not reviewed by you · %u other reviewed it, %u failed it",
                                        "Not reviewed by you · %u others reviewed it, %u failed it",
                                        others), others, others_failed);
    }
  if (imported != ERRATA_VERDICT_UNSET && !blind)
    {
      *icon = "mail-attachment-symbolic";
      *css_class = "dim-label";
      return g_strdup (imported == ERRATA_VERDICT_FAIL
                       ? _("Not reviewed · imported label: fail")
                       : _("Not reviewed · imported label: pass"));
    }
  return g_strdup (_("Not reviewed"));
}

static void
bind_status (GtkImage    *image,
             ErrataTrace *trace,
             gboolean     blind)
{
  const char *icon;
  const char *css_class;
  g_autofree char *label = errata_trace_columns_describe_status (trace, blind, &icon, &css_class);

  gtk_widget_remove_css_class (GTK_WIDGET (image), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (image), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (image), "dim-label");
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (image), css_class);
  gtk_image_set_from_icon_name (image, icon);
  gtk_widget_set_tooltip_text (GTK_WIDGET (image), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static char *
dup_cell_text (ColumnKind   kind,
               ErrataTrace *trace)
{
  switch (kind)
    {
    case COLUMN_ID:
      return g_strdup (errata_trace_get_external_id (trace));
    case COLUMN_INPUT:
      return errata_trace_columns_dup_snippet (errata_trace_get_input (trace));
    case COLUMN_NOTE:
      return errata_trace_columns_dup_snippet (errata_trace_get_note (trace));
    case COLUMN_MESSAGES:
      return g_strdup_printf ("%u", errata_trace_get_n_messages (trace));
    case COLUMN_TOOL_CALLS:
      return g_strdup_printf ("%u", errata_trace_get_n_tool_calls (trace));
    case COLUMN_OUTPUT_LENGTH:
      return g_strdup_printf ("%'u", errata_trace_get_output_chars (trace));
    case COLUMN_LATENCY:
      return errata_trace_columns_format_latency (errata_trace_get_latency_ms (trace));
    case COLUMN_TOKENS:
      return format_tokens (trace);
    case COLUMN_STATUS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_numeric (ColumnKind kind)
{
  return kind >= COLUMN_MESSAGES;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  ColumnKind kind = GPOINTER_TO_INT (user_data);
  GtkWidget *label;

  if (kind == COLUMN_STATUS)
    {
      GtkWidget *image = gtk_image_new ();

      g_object_set_data (G_OBJECT (image), "errata-list-item", item);
      gtk_list_item_set_child (item, image);
      return;
    }
  /* Plain text, never markup: trace text is whatever the model wrote. */
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), is_numeric (kind) ? 1 : 0);
  /* Ids often share a prefix (chatcmpl-…, run-…) and differ at the end. */
  gtk_label_set_ellipsize (GTK_LABEL (label),
                           kind == COLUMN_ID ? PANGO_ELLIPSIZE_MIDDLE : PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (is_numeric (kind))
    gtk_widget_add_css_class (label, "numeric");
  if (kind == COLUMN_ID)
    gtk_widget_add_css_class (label, "trace-id");
  if (kind == COLUMN_NOTE)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  ColumnKind kind = GPOINTER_TO_INT (user_data);
  ErrataTrace *trace = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (kind == COLUMN_STATUS)
    {
      bind_status (GTK_IMAGE (child), trace,
                   GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "errata-blind")));
      return;
    }
  text = dup_cell_text (kind, trace);
  gtk_label_set_text (GTK_LABEL (child), text);
}

/* On GTK 4.8 the column view does not say which column it sorts by, but
 * its sorter asks exactly that column's sorter (and inverts the answer
 * for a descending sort). Each column's sorter records itself when asked
 * and never answers "equal", so one comparison of two stand-in items
 * tells the column and the direction. */
static int probed_sort = ERRATA_TRACE_COLUMN_UNSORTED;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  probed_sort = GPOINTER_TO_INT (user_data);
  return GTK_ORDERING_SMALLER;
}

/* The header button's padding (3 px a side, style.css), its border, and
 * the header's bolder font, which a loose label does not have (it
 * measures "Nachr." at 41 px where the header shows 43). */
#define TITLE_PADDING 9

/* A column is at least as wide as its title: the English "Msgs" fits
 * 44 px, the German "Nachr." does not, nor "Eingabe" the 46 px of Input.
 * Input and the note then take the room left over. */
static int
column_width (const ColumnSpec *spec)
{
  g_autoptr(GtkWidget) label = NULL;
  int natural = 0;

  if (spec->title == NULL)
    return spec->width;
  label = g_object_ref_sink (gtk_label_new (_(spec->title)));
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return MAX (spec->width, natural + TITLE_PADDING);
}

int
errata_trace_columns_get_default_width (void)
{
  int width = 0;

  for (guint i = 0; i < N_DEFAULT_COLUMNS; i++)
    width += column_width (&columns[i]);
  return width;
}

static GtkColumnViewColumn *
create_column (const ColumnSpec *spec)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (spec->kind));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (spec->kind));
  column = gtk_column_view_column_new (spec->title ? _(spec->title) : NULL,
                                       g_object_ref (factory));
  gtk_column_view_column_set_fixed_width (column, column_width (spec));
  gtk_column_view_column_set_expand (column, spec->expand);
  gtk_column_view_column_set_resizable (column, spec->kind != COLUMN_STATUS);
  if (spec->sort != ERRATA_TRACE_COLUMN_UNSORTED)
    {
      g_autoptr(GtkCustomSorter) sorter =
        gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (spec->sort), NULL);

      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
    }
  g_object_set_data (G_OBJECT (column), "errata-sort", GINT_TO_POINTER (spec->sort));
  g_object_set_data (G_OBJECT (column), "errata-column", (gpointer) spec);
  return column;
}

void
errata_trace_columns_add (GtkColumnView *column_view)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (column_view));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = create_column (&columns[i]);

      gtk_column_view_append_column (column_view, column);
    }
}

/* Blind review hides others' verdicts in the status column; the caller
 * reloads the list for rows already bound to show it. */
void
errata_trace_columns_set_blind_review (GtkColumnView *column_view,
                                       gboolean       blind)
{
  GListModel *columns_model;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (column_view));

  columns_model = gtk_column_view_get_columns (column_view);
  for (guint i = 0; i < g_list_model_get_n_items (columns_model); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns_model, i);
      const ColumnSpec *spec = g_object_get_data (G_OBJECT (column), "errata-column");

      if (spec != NULL && spec->kind == COLUMN_STATUS)
        g_object_set_data (G_OBJECT (gtk_column_view_column_get_factory (column)),
                           "errata-blind", GINT_TO_POINTER (blind));
    }
}

/* Which query sort the column headers ask for: FALSE when no column is
 * sorted (the list is in import order or shuffled). */
gboolean
errata_trace_columns_get_sort (GtkColumnView   *column_view,
                               ErrataTraceSort *sort,
                               gboolean        *descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (column_view);
#if GTK_CHECK_VERSION (4, 10, 0)
  GtkColumnViewColumn *column =
    gtk_column_view_sorter_get_primary_sort_column (GTK_COLUMN_VIEW_SORTER (sorter));

  if (column == NULL)
    return FALSE;
  *sort = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column), "errata-sort"));
  *descending = gtk_column_view_sorter_get_primary_sort_order (GTK_COLUMN_VIEW_SORTER (sorter))
                == GTK_SORT_DESCENDING;
  return TRUE;
#else
  g_autoptr(ErrataTrace) a = errata_trace_new ();
  g_autoptr(ErrataTrace) b = errata_trace_new ();
  GtkOrdering order;

  probed_sort = ERRATA_TRACE_COLUMN_UNSORTED;
  order = gtk_sorter_compare (sorter, a, b);
  if (probed_sort == ERRATA_TRACE_COLUMN_UNSORTED || order == GTK_ORDERING_EQUAL)
    return FALSE;
  *sort = probed_sort;
  *descending = order == GTK_ORDERING_LARGER;
  return TRUE;
#endif
}

void
errata_trace_columns_clear_sort (GtkColumnView *column_view)
{
  gtk_column_view_sort_by_column (column_view, NULL, GTK_SORT_ASCENDING);
}

/* The list item of a row's status cell, for finding the row of a
 * position (the page puts the focus ring on the selected row). */
GtkListItem *
errata_trace_columns_get_list_item (GtkWidget *cell_child)
{
  g_return_val_if_fail (GTK_IS_WIDGET (cell_child), NULL);
  return g_object_get_data (G_OBJECT (cell_child), "errata-list-item");
}

/* The column chooser ------------------------------------------------------ */

#define COLUMNS_KEY "trace-list-columns"

static const ColumnSpec *
column_spec (GtkColumnViewColumn *column)
{
  return g_object_get_data (G_OBJECT (column), "errata-column");
}

/* The list asks for the room of the columns the setting shows by
 * default, their titles measured, so that they fit without scrolling
 * sideways in any language (German's titles are wider than English's);
 * columns the user adds scroll. */
static void
ask_for_default_columns (GSettings     *settings,
                         GtkColumnView *column_view)
{
  GtkWidget *scrolled = gtk_widget_get_parent (GTK_WIDGET (column_view));
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) shown = NULL;
  g_autofree const char **names = NULL;
  int width = 0;

  if (!GTK_IS_SCROLLED_WINDOW (scrolled))
    return;
  g_object_get (settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, COLUMNS_KEY);
  shown = g_settings_schema_key_get_default_value (key);
  names = g_variant_get_strv (shown, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (columns[i].name == NULL || g_strv_contains (names, columns[i].name))
      width += column_width (&columns[i]);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), width);
}

/* Shows the columns the setting names, and ticks their menu items. */
static void
apply_setting (GSettings     *settings,
               const char    *key,
               GtkColumnView *column_view)
{
  g_auto(GStrv) shown = g_settings_get_strv (settings, COLUMNS_KEY);
  GListModel *list = gtk_column_view_get_columns (column_view);
  GActionMap *group = g_object_get_data (G_OBJECT (column_view), "errata-column-actions");

  ask_for_default_columns (settings, column_view);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (list, i);
      const ColumnSpec *spec = column_spec (column);
      gboolean visible;

      if (spec == NULL || spec->name == NULL)
        continue;
      visible = g_strv_contains ((const char * const *) shown, spec->name);
      /* The state, not change-state: that is the user's click. */
      g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (group, spec->name)),
                                 g_variant_new_boolean (visible));
      if (visible == gtk_column_view_column_get_visible (column))
        continue;
      gtk_column_view_column_set_visible (column, visible);
      /* GTK 4.8 still counts a hidden column's width against the room
       * the expanding columns share: hidden, it has none. */
      gtk_column_view_column_set_fixed_width (column, visible ? column_width (spec) : 0);
    }
}

/* A tick in the menu writes the setting; the setting shows the column. */
static void
on_column_toggled (GSimpleAction *action,
                   GVariant      *value,
                   gpointer       data)
{
  GSettings *settings = data;
  const char *name = g_action_get_name (G_ACTION (action));
  g_auto(GStrv) shown = g_settings_get_strv (settings, COLUMNS_KEY);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) wanted = NULL;

  g_simple_action_set_state (action, value);
  /* Kept in the order of the columns, whatever the order of the clicks. */
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const char *column = columns[i].name;
      gboolean on = g_strcmp0 (column, name) == 0 ? g_variant_get_boolean (value)
                    : column != NULL && g_strv_contains ((const char * const *) shown, column);

      if (column != NULL && on)
        g_strv_builder_add (builder, column);
    }
  wanted = g_strv_builder_end (builder);
  g_settings_set_strv (settings, COLUMNS_KEY, (const char * const *) wanted);
}

static GMenuModel *
create_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *action = NULL;

      if (columns[i].name == NULL)
        continue;
      action = g_strconcat ("columns.", columns[i].name, NULL);
      g_menu_append (section, _(columns[i].label), action);
    }
  /* Translators: the heading of the menu that chooses the trace list's columns. */
  g_menu_append_section (menu, _("Columns"), G_MENU_MODEL (section));
  return G_MENU_MODEL (menu);
}

/**
 * errata_trace_columns_bind_chooser:
 * @column_view: the column view the columns were added to
 * @settings: the application's settings, with the trace-list-columns key
 * @owner: where the columns.* actions go (an ancestor of the menu's button)
 *
 * Which columns show is kept in @settings. A right click on a column
 * header opens the chooser, a menu of check items; the returned menu is
 * the same, for a button.
 *
 * Returns: (transfer full): the chooser's menu
 */
GMenuModel *
errata_trace_columns_bind_chooser (GtkColumnView *column_view,
                                   GSettings     *settings,
                                   GtkWidget     *owner)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GMenuModel *menu = create_menu ();
  GListModel *list;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (column_view), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GSimpleAction) action = NULL;

      if (columns[i].name == NULL)
        continue;
      action = g_simple_action_new_stateful (columns[i].name, NULL, g_variant_new_boolean (TRUE));
      g_signal_connect_object (action, "change-state", G_CALLBACK (on_column_toggled), settings, 0);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  gtk_widget_insert_action_group (owner, "columns", G_ACTION_GROUP (group));
  g_object_set_data_full (G_OBJECT (column_view), "errata-column-actions",
                          g_object_ref (group), g_object_unref);

  list = gtk_column_view_get_columns (column_view);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (list, i);

      gtk_column_view_column_set_header_menu (column, menu);
    }
  g_signal_connect_object (settings, "changed::" COLUMNS_KEY,
                           G_CALLBACK (apply_setting), column_view, 0);
  apply_setting (settings, COLUMNS_KEY, column_view);
  return menu;
}
