/* errata-project-page.c: what a window shows once a project is open.
 *
 * For now a plain list of the project's traces (external id and the start
 * of the input), or an empty state that says how to import. The list
 * grows into the trace browser in a later step.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "errata-project-page.h"

struct _ErrataProjectPage
{
  GtkWidget                parent_instance;

  ErrataTraceListModel *model;
  char                 *title;
  char                 *subtitle;

  GtkStack             *stack;
  GtkLabel             *import_command;
  GtkListView          *list_view;
};

G_DEFINE_FINAL_TYPE (ErrataProjectPage, errata_project_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The first line of the input, for a one-line row. */
static char *
dup_snippet (const char *input)
{
  g_autofree char *line = NULL;
  const char *end;

  if (input == NULL)
    return NULL;
  input += strspn (input, " \t\r\n");
  end = strpbrk (input, "\r\n");
  line = end ? g_strndup (input, end - input) : g_strdup (input);
  return g_strstrip (g_steal_pointer (&line));
}

static GtkWidget *
create_row_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, css_class);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  return label;
}

/* Rows keep no state: bind_row() fills both labels from the item. */
static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_widget_add_css_class (box, "trace-row");
  gtk_box_append (GTK_BOX (box), create_row_label ("trace-id"));
  gtk_box_append (GTK_BOX (box), create_row_label ("dim-label"));
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  ErrataTrace *trace = gtk_list_item_get_item (item);
  GtkWidget *id_label = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *input_label = gtk_widget_get_next_sibling (id_label);
  g_autofree char *snippet = dup_snippet (errata_trace_get_input (trace));
  gboolean has_input = snippet != NULL && *snippet != '\0';

  gtk_label_set_text (GTK_LABEL (id_label), errata_trace_get_external_id (trace));
  /* Translators: shown in the trace list for a trace without user input. */
  gtk_label_set_text (GTK_LABEL (input_label), has_input ? snippet : _("No input"));
}

/* The exact command for this project, ready to copy. */
static char *
dup_import_command (ErrataProject *project)
{
  g_autofree char *path = g_file_get_path (errata_project_get_file (project));
  g_autofree char *quoted = g_shell_quote (path ? path : "PROJECT");

  /* Translators: FILE stands for the file of traces to import. */
  return g_strdup_printf ("errata-cli import %s %s", quoted, _("FILE"));
}

static void
set_header (ErrataProjectPage *self)
{
  GFile *file = errata_project_get_file (errata_trace_list_model_get_project (self->model));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  g_free (self->title);
  self->title = g_file_get_basename (file);
  g_free (self->subtitle);
  /* Translators: the number of traces in the open project. */
  self->subtitle = g_strdup_printf (ngettext ("%'u trace", "%'u traces", n), n);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

static void
update_state (ErrataProjectPage *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "traces");
  set_header (self);
}

static void
set_model (ErrataProjectPage    *self,
           ErrataTraceListModel *model)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *command = NULL;

  g_assert (self->model == NULL);
  self->model = g_object_ref (model);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (model)));
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  command = dup_import_command (errata_trace_list_model_get_project (model));
  gtk_label_set_text (self->import_command, command);

  g_signal_connect_object (model, "items-changed",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  update_state (self);
}

static void
errata_project_page_dispose (GObject *object)
{
  ErrataProjectPage *self = ERRATA_PROJECT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ERRATA_TYPE_PROJECT_PAGE);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (errata_project_page_parent_class)->dispose (object);
}

static void
errata_project_page_finalize (GObject *object)
{
  ErrataProjectPage *self = ERRATA_PROJECT_PAGE (object);

  g_free (self->title);
  g_free (self->subtitle);

  G_OBJECT_CLASS (errata_project_page_parent_class)->finalize (object);
}

static void
errata_project_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ErrataProjectPage *self = ERRATA_PROJECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_project_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ErrataProjectPage *self = ERRATA_PROJECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_project_page_class_init (ErrataProjectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = errata_project_page_dispose;
  object_class->finalize = errata_project_page_finalize;
  object_class->get_property = errata_project_page_get_property;
  object_class->set_property = errata_project_page_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         ERRATA_TYPE_TRACE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/errata/Errata/errata-project-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ErrataProjectPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ErrataProjectPage, import_command);
  gtk_widget_class_bind_template_child (widget_class, ErrataProjectPage, list_view);
}

static void
errata_project_page_init (ErrataProjectPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
errata_project_page_new (ErrataTraceListModel *model)
{
  g_return_val_if_fail (ERRATA_IS_TRACE_LIST_MODEL (model), NULL);

  return g_object_new (ERRATA_TYPE_PROJECT_PAGE, "model", model, NULL);
}

ErrataProject *
errata_project_page_get_project (ErrataProjectPage *self)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT_PAGE (self), NULL);
  return errata_trace_list_model_get_project (self->model);
}

ErrataTraceListModel *
errata_project_page_get_model (ErrataProjectPage *self)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT_PAGE (self), NULL);
  return self->model;
}

const char *
errata_project_page_get_title (ErrataProjectPage *self)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT_PAGE (self), NULL);
  return self->title;
}

const char *
errata_project_page_get_subtitle (ErrataProjectPage *self)
{
  g_return_val_if_fail (ERRATA_IS_PROJECT_PAGE (self), NULL);
  return self->subtitle;
}
