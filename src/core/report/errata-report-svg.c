/* errata-report-svg.c
 *
 * Copyright 2026 The Errata authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "errata-report-svg.h"

#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

static cairo_status_t
append_to_string (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_string_append_len (closure, (const char *)data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Every id and every reference to one gets the prefix: cairo names its
 * glyphs and clips glyph0-1, clip1, … in every file it writes. */
static char *
prefix_ids (const char *svg,
            const char *prefix)
{
  static const char * const marks[] = { "id=\"", "href=\"#", "url(#" };
  GString *out = g_string_new (NULL);
  const char *p = svg;

  while (*p)
    {
      gboolean matched = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (marks) && !matched; i++)
        if (strncmp (p, marks[i], strlen (marks[i])) == 0)
          {
            g_string_append (out, marks[i]);
            g_string_append (out, prefix);
            p += strlen (marks[i]);
            matched = TRUE;
          }
      if (!matched)
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* From the root element on, with the root made an accessible image whose
 * size CSS may change (the viewBox keeps its proportions). */
static char *
make_inline (const char *svg,
             const char *label,
             const char *css_class)
{
  const char *root = strstr (svg, "<svg");
  g_autofree char *escaped = g_markup_escape_text (label, -1);

  if (root == NULL)
    return NULL;
  return g_strdup_printf ("<svg class=\"chart%s%s\" role=\"img\" aria-label=\"%s\"%s",
                          css_class != NULL ? " " : "", css_class != NULL ? css_class : "",
                          escaped, root + strlen ("<svg"));
}

char *
errata_report_svg_render (double                width,
                          double                height,
                          ErrataReportDrawFunc  draw,
                          gpointer              data,
                          const char           *id_prefix,
                          const char           *label,
                          const char           *css_class,
                          GError              **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *prefixed = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  char *svg;

  g_return_val_if_fail (draw != NULL && id_prefix != NULL && label != NULL, NULL);

  surface = cairo_svg_surface_create_for_stream (append_to_string, out, width, height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  draw (cr, width, height, data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  prefixed = status == CAIRO_STATUS_SUCCESS ? prefix_ids (out->str, id_prefix) : NULL;
  svg = prefixed != NULL ? make_inline (prefixed, label, css_class) : NULL;
  if (svg == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not draw a chart as SVG: %s"),
                 status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status)
                                                : _("no <svg> element"));
  return svg;
}
