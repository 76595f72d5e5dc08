/* errata-json-view.c: JSON shown pretty-printed and highlighted.
 *
 * A read-only GtkSourceView. Text that parses as a JSON object or array
 * is re-indented and highlighted with the "json" language; anything else
 * (a tool that answered in prose, a truncated payload) is shown exactly
 * as it came, without highlighting. The style scheme follows the light or
 * dark style of the app.
 *
 * A plain view (errata_json_view_new_plain()) is a monospace GtkTextView
 * with the same text and no highlighting: a GtkSourceView costs several
 * times as much to build, and a trace shows ~20 small tool payloads
 * (bench/README.md, "The GUI at 1M"). The trace view uses it for payloads
 * small enough to start expanded.
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "errata-json-view.h"
#include "errata-text-view.h"
#include "errata-json-guard.h"

struct _ErrataJsonView
{
  GtkWidget        parent_instance;

  GtkWidget       *scroller;      /* only when scrollable */
  GtkTextView     *view;          /* a GtkSourceView unless plain */
  GtkTextBuffer   *buffer;        /* a GtkSourceBuffer unless plain */
  gboolean         is_json;
  gboolean         plain;
};

G_DEFINE_FINAL_TYPE (ErrataJsonView, errata_json_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SCROLLABLE,
  PROP_PLAIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void errata_json_view_constructed (GObject *object);

/* Helpers ------------------------------------------------------------- */

static char *
generate (JsonNode *node,
          gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

/**
 * errata_json_pretty:
 *
 * Returns: (nullable): @text re-indented, or %NULL when it is not a JSON
 *   object or array (a bare string or number reads better as it is).
 */
char *
errata_json_pretty (const char *text,
                    gssize      length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  g_return_val_if_fail (text != NULL, NULL);

  if (!errata_json_parser_load (parser, text, length, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || (!JSON_NODE_HOLDS_OBJECT (root) && !JSON_NODE_HOLDS_ARRAY (root)))
    return NULL;
  return generate (root, TRUE);
}

/* One line, for a value inside a key/value list. */
char *
errata_json_compact (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  return generate (node, FALSE);
}

/* Adwaita schemes exist from GtkSourceView 5.4 on; the classic pair is
 * the fallback for a system that lacks them. */
const char *
errata_json_scheme_id (gboolean dark)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  const char *adwaita = dark ? "Adwaita-dark" : "Adwaita";

  if (gtk_source_style_scheme_manager_get_scheme (manager, adwaita) != NULL)
    return adwaita;
  return dark ? "oblivion" : "classic";
}

static void
update_scheme (ErrataJsonView *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  const char *id = errata_json_scheme_id (adw_style_manager_get_dark (style));

  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (self->buffer),
                                      gtk_source_style_scheme_manager_get_scheme (manager, id));
}

static void
show_text (ErrataJsonView *self,
           const char     *text,
           gboolean        is_json)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  self->is_json = is_json;
  if (GTK_SOURCE_IS_BUFFER (self->buffer))
    gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (self->buffer),
                                    is_json ? gtk_source_language_manager_get_language (languages, "json")
                                            : NULL);
  gtk_text_buffer_set_text (self->buffer, text, -1);
  if (is_json)
    gtk_widget_add_css_class (GTK_WIDGET (self), "is-json");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "is-json");
}

/* GObject ------------------------------------------------------------- */

static void
errata_json_view_dispose (GObject *object)
{
  ErrataJsonView *self = ERRATA_JSON_VIEW (object);

  if (self->scroller != NULL)
    g_clear_pointer (&self->scroller, gtk_widget_unparent);
  else if (self->view != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->view));
  self->view = NULL;
  g_clear_object (&self->buffer);

  G_OBJECT_CLASS (errata_json_view_parent_class)->dispose (object);
}

/* A view of its own (the raw record) scrolls the source view itself, so
 * that GtkTextView lays out only what is on screen; a view inside a
 * message grows with its content and the conversation scrolls. */
static void
set_scrollable (ErrataJsonView *self,
                gboolean        scrollable)
{
  if ((self->scroller != NULL) == !!scrollable)
    return;
  g_object_ref (self->view);
  if (scrollable)
    {
      gtk_widget_unparent (GTK_WIDGET (self->view));
      self->scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->view));
      gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
      if (GTK_SOURCE_IS_VIEW (self->view))
        gtk_source_view_set_show_line_numbers (GTK_SOURCE_VIEW (self->view), TRUE);
    }
  else
    {
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), NULL);
      g_clear_pointer (&self->scroller, gtk_widget_unparent);
      gtk_widget_set_parent (GTK_WIDGET (self->view), GTK_WIDGET (self));
      if (GTK_SOURCE_IS_VIEW (self->view))
        gtk_source_view_set_show_line_numbers (GTK_SOURCE_VIEW (self->view), FALSE);
    }
  g_object_unref (self->view);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCROLLABLE]);
}

static void
errata_json_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ErrataJsonView *self = ERRATA_JSON_VIEW (object);

  switch (prop_id)
    {
    case PROP_SCROLLABLE:
      g_value_set_boolean (value, self->scroller != NULL);
      break;
    case PROP_PLAIN:
      g_value_set_boolean (value, self->plain);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
errata_json_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ErrataJsonView *self = ERRATA_JSON_VIEW (object);

  switch (prop_id)
    {
    case PROP_SCROLLABLE:
      set_scrollable (self, g_value_get_boolean (value));
      break;
    case PROP_PLAIN:
      self->plain = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A block inside a message grows with its text: that text is laid out
 * whole before the view is allocated, so that its height is right on its
 * first frame (see errata-text-view.c). A scrollable page is left to lay
 * out what it shows. */
static void
errata_json_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  ErrataJsonView *self = ERRATA_JSON_VIEW (widget);

  if (self->scroller == NULL)
    errata_text_view_lay_out_whole (self->view, width);
  GTK_WIDGET_CLASS (errata_json_view_parent_class)->size_allocate (widget, width, height, baseline);
}

static void
errata_json_view_class_init (ErrataJsonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = errata_json_view_constructed;
  object_class->dispose = errata_json_view_dispose;
  object_class->get_property = errata_json_view_get_property;
  object_class->set_property = errata_json_view_set_property;
  widget_class->size_allocate = errata_json_view_size_allocate;

  /**
   * ErrataJsonView:scrollable:
   *
   * Whether the view scrolls its text itself (a page of its own) rather
   * than growing with it (a block inside a message).
   */
  properties[PROP_SCROLLABLE] =
    g_param_spec_boolean ("scrollable", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * ErrataJsonView:plain:
   *
   * Whether the text is shown without highlighting, in a plain text view
   * rather than a GtkSourceView.
   */
  properties[PROP_PLAIN] =
    g_param_spec_boolean ("plain", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jsonview");
  gtk_source_init ();
}

static void
errata_json_view_init (ErrataJsonView *self)
{
}

static void
set_up_view (ErrataJsonView *self,
             GtkWidget      *view)
{
  self->view = GTK_TEXT_VIEW (view);
  g_object_set (self->view,
                "editable", FALSE,
                "cursor-visible", FALSE,
                "monospace", TRUE,
                "wrap-mode", GTK_WRAP_WORD_CHAR,
                "top-margin", 8,
                "bottom-margin", 8,
                "left-margin", 10,
                "right-margin", 10,
                NULL);
  gtk_widget_set_parent (view, GTK_WIDGET (self));
}

static void
set_up_source_view (ErrataJsonView *self)
{
  GtkSourceBuffer *buffer = gtk_source_buffer_new (NULL);

  gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
  self->buffer = GTK_TEXT_BUFFER (buffer);
  set_up_view (self, gtk_source_view_new_with_buffer (buffer));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_scheme), self, G_CONNECT_SWAPPED);
  update_scheme (self);
}

static void
errata_json_view_constructed (GObject *object)
{
  ErrataJsonView *self = ERRATA_JSON_VIEW (object);

  G_OBJECT_CLASS (errata_json_view_parent_class)->constructed (object);
  if (self->plain)
    {
      self->buffer = gtk_text_buffer_new (NULL);
      set_up_view (self, errata_text_view_new (self->buffer));
    }
  else
    set_up_source_view (self);
}

/* API ----------------------------------------------------------------- */

GtkWidget *
errata_json_view_new (void)
{
  return g_object_new (ERRATA_TYPE_JSON_VIEW, NULL);
}

/**
 * errata_json_view_new_plain:
 *
 * A view that shows the same text without highlighting, in a plain
 * GtkTextView (far cheaper to build than a GtkSourceView).
 */
GtkWidget *
errata_json_view_new_plain (void)
{
  return g_object_new (ERRATA_TYPE_JSON_VIEW, "plain", TRUE, NULL);
}

/**
 * errata_json_view_set_text:
 * @text: (nullable): JSON, or any text
 *
 * Shows @text pretty-printed and highlighted when it is a JSON object or
 * array, as plain text otherwise.
 */
void
errata_json_view_set_text (ErrataJsonView *self,
                           const char     *text)
{
  g_autofree char *pretty = NULL;

  g_return_if_fail (ERRATA_IS_JSON_VIEW (self));

  if (text == NULL)
    text = "";
  pretty = errata_json_pretty (text, -1);
  show_text (self, pretty != NULL ? pretty : text, pretty != NULL);
}

void
errata_json_view_set_node (ErrataJsonView *self,
                           JsonNode       *node)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ERRATA_IS_JSON_VIEW (self));
  g_return_if_fail (node != NULL);

  text = generate (node, TRUE);
  show_text (self, text, TRUE);
}

gboolean
errata_json_view_get_is_json (ErrataJsonView *self)
{
  g_return_val_if_fail (ERRATA_IS_JSON_VIEW (self), FALSE);
  return self->is_json;
}

GtkTextBuffer *
errata_json_view_get_buffer (ErrataJsonView *self)
{
  g_return_val_if_fail (ERRATA_IS_JSON_VIEW (self), NULL);
  return self->buffer;
}
